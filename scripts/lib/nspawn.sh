# SPDX-License-Identifier: Apache-2.0
# A Debian 12 container with systemd as PID 1 for a test suite (sourced by scripts/systemd-test and
# scripts/desktop-test): the root is debootstrapped once and cached, each run boots it on a throw-away overlay.
# Steps are reported as JUnit XML in $report_dir/TEST-$suite.xml (scripts/test counts them in the systemd tier).
# Before sourcing, set: suite (e.g. systemd), root (the cached root's folder), packages (debootstrap --include),
# machine (a unique name), machine_hostname, report_dir, and nspawn_binds (an array of extra systemd-nspawn
# options, e.g. --bind=DIR:DIR; may be empty).
mkdir -p "$report_dir"
cases=()
failures=0
skipped=0
suite_start=$SECONDS
step_output=$(mktemp)
nspawn_pid=
leader=

xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }

# step NAME COMMAND...: runs one check; its output becomes the failure message when it fails.
step() {
  local title=$1; shift
  local start=$SECONDS out status
  "$@" > "$step_output" 2>&1; status=$?
  out=$(cat "$step_output")
  local took=$((SECONDS - start))
  if [ $status -eq 0 ]; then
    echo "[$suite-test] PASS $title ($took s)"
    [ -n "$out" ] && echo "$out" | sed 's/^/    /' | tail -n 12
    cases+=("<testcase classname=\"$suite\" name=\"$(echo "$title" | xml_escape)\" time=\"$took\"/>")
  else
    echo "[$suite-test] FAIL $title"; echo "$out" | sed 's/^/    /' | tail -n 25
    failures=$((failures + 1))
    cases+=("<testcase classname=\"$suite\" name=\"$(echo "$title" | xml_escape)\" time=\"$took\"><failure message=\"$(echo "$out" | tail -n 5 | tr '\n' ' ' | xml_escape)\"/></testcase>")
  fi
  return $status
}

write_report() {
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo "<testsuite name=\"$suite\" tests=\"${#cases[@]}\" failures=\"$failures\" errors=\"0\" skipped=\"$skipped\" time=\"$((SECONDS - suite_start))\">"
    printf '  %s\n' "${cases[@]}"
    echo '</testsuite>'
  } > "$report_dir/TEST-$suite.xml"
}

finish() {
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    kill -TERM "$nspawn_pid" 2>/dev/null   # nspawn asks the container's systemd to power off
    for _ in $(seq 1 100); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$nspawn_pid" 2>/dev/null
  fi
  rm -f "$step_output"
  write_report
}
trap finish EXIT

# A missing prerequisite: a failure in CI, elsewhere one skipped test with the reason.
missing() {
  if [ "${CI:-}" = "true" ]; then
    step "prerequisite: $1" false
  else
    echo "[$suite-test] SKIP: $1"
    skipped=1
    cases+=("<testcase classname=\"$suite\" name=\"prerequisites\"><skipped message=\"$(echo "$1" | xml_escape)\"/></testcase>")
  fi
  exit 0
}
[ "$(id -u)" = 0 ] || missing "must run as root (it boots a container)"
command -v systemd-nspawn >/dev/null || missing "systemd-nspawn is missing: apt-get install systemd-container"
command -v debootstrap >/dev/null || missing "debootstrap is missing: apt-get install debootstrap"

# in_container CMD...: runs a command inside the booted container (no machined on this host: nsenter instead of
# machinectl), with a clean environment as systemd would give it.
in_container() {
  nsenter --target "$leader" --mount --uts --ipc --net --pid --root \
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 sh -c 'cd / && exec "$@"' sh "$@"
}

# make_root: the cached root for $packages (made again when the list changes).
make_root() {
  if [ -f "$root/.lg-manager-packages" ] && [ "$(cat "$root/.lg-manager-packages")" = "$packages" ]; then
    echo "cached: $root"
    return 0
  fi
  rm -rf "$root.tmp" "$root"
  debootstrap --variant=minbase --include="$packages" bookworm "$root.tmp" http://deb.debian.org/debian \
    > "$root.log" 2>&1 || { tail -n 20 "$root.log"; return 1; }
  # The overlay's container has no serial console to log in on, and needs no network configuration.
  echo "$machine_hostname" > "$root.tmp/etc/hostname"
  echo "$packages" > "$root.tmp/.lg-manager-packages"
  mv "$root.tmp" "$root"
  echo "made: $root ($(du -sh "$root" | cut -f1))"
}

# boot: starts the container (target/ of the checkout is at /srv/target, read-only) and waits for its systemd.
boot() {
  # --volatile=overlay: writes go to a tmpfs over the cached root, gone when the container stops.
  systemd-nspawn --quiet --boot --register=no --keep-unit --machine="$machine" --directory="$root" \
    --volatile=overlay --bind-ro="$PWD/target:/srv/target" "${nspawn_binds[@]}" --console=pipe > "target/$suite-console.log" 2>&1 < /dev/null &
  nspawn_pid=$!
  for _ in $(seq 1 150); do
    leader=$(pgrep -P "$nspawn_pid" | head -n 1)
    # systemctl answers once PID 1 has set up its private socket; then it waits for the boot to finish.
    if [ -n "$leader" ] && [ "$(cat "/proc/$leader/comm" 2>/dev/null)" = systemd ] \
        && state=$(in_container timeout 90 systemctl is-system-running --wait 2>/dev/null; true) && [ -n "$state" ] \
        && [ "$state" != offline ]; then
      echo "system: $state"
      in_container systemctl --failed --no-legend
      [ "$state" = running ] || [ "$state" = degraded ]
      return
    fi
    kill -0 "$nspawn_pid" 2>/dev/null || break
    sleep 0.2
  done
  cat "target/$suite-console.log"; return 1
}
