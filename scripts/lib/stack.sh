# shellcheck shell=bash
# Sourced by scripts/test and scripts/demo: makes this machine able to run the real stack.
# As root on Debian 12: installs the missing packages, then starts the system bus, virtlogd,
# libvirtd and polkitd unless they already answer. Safe to run again and again.

STACK_PACKAGES=(
  # build
  maven openjdk-17-jdk-headless
  # the real virtualization stack: libvirtd running a TCG QEMU guest with an ivshmem device
  libvirt-daemon-system libvirt-clients qemu-system-x86 dnsmasq-base tini
  # the system bus, polkit and ACL tools the daemon works with
  dbus polkitd acl
  # the tray under a virtual X server with an XEmbed tray host; screenshots (xwd, convert)
  xvfb trayer x11-utils libgtk-3-0 x11-apps imagemagick
  # clicks and keys for the tray journeys (TrayJourneyE2E); polkit's text agent pkttyagent comes with polkitd
  xdotool
  # a terminal on the X display for polkit's text agent in the tray's password journey
  xterm
  # the tray's session-bus peers in tests: a notification server and a StatusNotifierItem watcher
  dunst haskell-status-notifier-item-utils
  # tools the tests use to check results: schema validation; a UNIX socket connect as another user
  libxml2-utils python3
  # packaging: manual pages from --help, the .debs (debhelper), their check (lintian), the RPMs (rpm), and the
  # systemd tier's container (debootstrap, systemd-nspawn)
  help2man dpkg-dev debhelper fakeroot lintian rpm debootstrap systemd-container
  # users and processes
  passwd procps
)

stack_log() { printf '[stack] %s\n' "$*" >&2; }

stack_fail() {
  stack_log "ERROR: $*"
  exit 1
}

stack_require_root() {
  [ "$(id -u)" -eq 0 ] || stack_fail "must run as root: it installs packages and starts libvirtd, the system bus and polkitd (try: sudo $0)"
}

# Installs those of the named packages that are missing.
stack_install_packages() {
  local wanted=("$@")
  local installed missing=()
  local p
  # one dpkg-query for all: a run with everything present then takes a fraction of a second
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${wanted[@]}" 2>/dev/null \
    | awk '$NF == "installed" && $(NF-1) == "ok" { print $1 }') || true
  for p in "${wanted[@]}"; do
    grep -qxF "$p" <<<"$installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    stack_log "packages: all ${#wanted[@]} present"
    return
  fi
  stack_log "packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || stack_fail "apt-get update failed: check the network access to Debian's package mirrors"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || stack_fail "apt-get install ${missing[*]} failed"
}

# Waits up to $1 seconds for the command in the remaining arguments to succeed.
stack_wait_for() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

system_bus_answers() {
  dbus-send --system --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetId
}

stack_start_system_bus() {
  if system_bus_answers >/dev/null 2>&1; then
    stack_log "system bus: already running"
    return
  fi
  mkdir -p /run/dbus
  rm -f /run/dbus/pid
  dbus-daemon --system --fork || stack_fail "could not start the system bus (dbus-daemon --system)"
  stack_wait_for 10 system_bus_answers || stack_fail "the system bus did not answer within 10 s"
  stack_log "system bus: started"
}

# PID 1 on build machines does not reap orphans; without a subreaper libvirtd waits forever
# for QEMU processes that became zombies (shared/context/platform-facts.md).
stack_start_under_subreaper() {
  local name=$1; shift
  setsid tini -s -- "$@" </dev/null >"/var/log/lg-manager-stack-$name.log" 2>&1 &
}

libvirtd_answers() {
  virsh -c qemu:///system version
}

stack_start_libvirt() {
  if ! pgrep -x virtlogd >/dev/null; then
    stack_start_under_subreaper virtlogd /usr/sbin/virtlogd
    stack_log "virtlogd: started"
  else
    stack_log "virtlogd: already running"
  fi
  if libvirtd_answers >/dev/null 2>&1; then
    stack_log "libvirtd: already running"
    return
  fi
  pgrep -x libvirtd >/dev/null && stack_fail "libvirtd runs but qemu:///system does not answer; stop it (pkill -x libvirtd) and retry"
  stack_start_under_subreaper libvirtd /usr/sbin/libvirtd
  stack_wait_for 60 libvirtd_answers \
    || stack_fail "libvirtd did not answer on qemu:///system within 60 s; see /var/log/lg-manager-stack-libvirtd.log"
  stack_log "libvirtd: started ($(virsh -c qemu:///system version 2>/dev/null | grep -i 'running hypervisor' | sed 's/.*: *//'))"
}

polkit_answers() {
  dbus-send --system --print-reply --dest=org.freedesktop.PolicyKit1 /org/freedesktop/PolicyKit1/Authority \
    org.freedesktop.DBus.Properties.Get string:org.freedesktop.PolicyKit1.Authority string:BackendVersion
}

stack_start_polkit() {
  if polkit_answers >/dev/null 2>&1; then
    stack_log "polkitd: already running"
    return
  fi
  setsid /usr/lib/polkit-1/polkitd --no-debug </dev/null >/var/log/lg-manager-stack-polkitd.log 2>&1 &
  stack_wait_for 20 polkit_answers \
    || stack_fail "polkitd did not take org.freedesktop.PolicyKit1 within 20 s; see /var/log/lg-manager-stack-polkitd.log"
  stack_log "polkitd: started"
}

stack_up() {
  stack_require_root
  stack_install_packages "${STACK_PACKAGES[@]}"
  stack_start_system_bus
  stack_start_libvirt
  stack_start_polkit
}
