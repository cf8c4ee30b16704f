# Sourced: run_like_the_unit CMD... runs a command with the restrictions of systemd/lg-daemon.service that can
# be applied without systemd as PID 1 (build machines have none):
#   CapabilityBoundingSet=CAP_FOWNER CAP_DAC_READ_SEARCH, NoNewPrivileges   -> setpriv
#   ProtectSystem=strict + ReadWritePaths=/dev/shm (a separate tmpfs mount)  -> root mount read-only
#   ProtectHome, PrivateTmp                                                  -> empty tmpfs over them
#   PrivateNetwork                                                           -> a new network namespace
# Not applied here: the seccomp filter, RestrictAddressFamilies, the Protect{Kernel*,Clock,...} switches and
# the device policy; `systemd-analyze security` scores those from the unit file itself.
run_like_the_unit() {
  unshare --mount --net --propagation private -- /bin/sh -c '
    set -e
    mount -o remount,bind,ro /
    for d in /home /root /tmp /var/tmp; do [ -d "$d" ] && mount -t tmpfs -o mode=0755 tmpfs "$d"; done
    chmod 1777 /tmp /var/tmp
    exec setpriv --no-new-privs --inh-caps=-all --ambient-caps=-all \
      --bounding-set=-all,+fowner,+dac_read_search -- "$@"' sandbox "$@"
}
