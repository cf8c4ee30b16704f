# shellcheck shell=bash
# Sourced by scripts/test (and meant for scripts/demo): provides lg_client_ensure, which prints the path of a
# real looking-glass-client B7 built from Debian's `looking-glass` source package. Debian 12 does not package
# the client and unstable's binary needs a newer glibc, but the original tarball builds here
# (shared/context/platform-facts.md). The build happens once per machine and is cached outside the work tree.
# As root on Debian 12. Logs go to stderr as "[lg-client] ..." lines; stdout carries only the path.

# B7 is a fixed release: pinning its tarball's SHA256 lets a cached build be found without asking the network
# which tarball unstable has. apt also checks the download against the signed Sources index; a different
# hash there for the same file name stops the build for a human to look at.
LG_CLIENT_SOURCE_PACKAGE=looking-glass
LG_CLIENT_ORIG=looking-glass_0+b7+ds1.orig.tar.xz
LG_CLIENT_ORIG_SHA256=c61e48678f40caa9ac55e8d0b8b68a143e9fb0bd7c5f852c9f1d82d3c2dfbe74
LG_CLIENT_CACHE=/var/cache/lg-manager/lg-client

LG_CLIENT_PACKAGES=(
  # to build it: upstream's doc/build.rst list for X11 + PulseAudio, as Debian 12 names the packages
  cmake make gcc g++ pkg-config binutils-dev libspice-protocol-dev nettle-dev libgmp-dev
  libx11-dev libxfixes-dev libxi-dev libxss-dev libxinerama-dev libxcursor-dev libxpresent-dev libxkbcommon-dev
  libegl-dev libgl-dev libgles-dev libfontconfig-dev libpulse-dev libsamplerate0-dev fonts-dejavu-core
  # to run it under Xvfb: glvnd's EGL/GLES front ends and Mesa behind them (llvmpipe renders without a GPU);
  # Debian 12's libegl1-mesa is only a transitional package for these
  libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri
  # to fetch the source: the archive keyring the private apt configuration trusts; xz for the tarball
  debian-archive-keyring xz-utils
)

# the package installer is stack.sh's (scripts/test and scripts/demo source it first anyway)
# shellcheck source=scripts/lib/stack.sh
declare -F stack_install_packages >/dev/null || source "$(dirname "${BASH_SOURCE[0]}")/stack.sh"

lg_client_log() { printf '[lg-client] %s\n' "$*" >&2; }

# Fails with the reason; outside CI also with the ways out a person has (CI has only the log to show).
lg_client_fail() {
  lg_client_log "ERROR: $*"
  if [ "${CI:-}" != "true" ]; then
    lg_client_log "way out: fix the cause above and run again (a finished build is kept in $LG_CLIENT_CACHE), or build"
    lg_client_log "looking-glass-client B7 yourself and run with LG_CLIENT=/path/to/looking-glass-client"
  fi
  exit 1
}

lg_client_install_packages() {
  stack_install_packages "${LG_CLIENT_PACKAGES[@]}"
}

# The Debian archive mirror(s) this machine already uses for its own release: the URIs of the deb entries for
# the bare codename (a -security archive lives elsewhere and has no unstable suite).
lg_client_mirrors() {
  local codename
  # shellcheck source=/dev/null
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || return 1
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    # deb822: blank-line separated stanzas; one URIs field may list several mirrors
    awk -v codename="$codename" '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " codename " ") && enabled != "no") {
          n = split(uris, u, " "); for (i = 1; i <= n; i++) print u[i]
        }
        types = uris = suites = enabled = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      tolower($1) == "types:"   { $1 = ""; types = $0 }
      tolower($1) == "uris:"    { $1 = ""; uris = $0 }
      tolower($1) == "suites:"  { $1 = ""; suites = $0 }
      tolower($1) == "enabled:" { enabled = tolower($2) }
      END { flush() }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    # one-line style: deb [options] URI SUITE COMPONENTS...
    sed -E 's/\[[^]]*\]//' "$f" | awk -v codename="$codename" '$1 == "deb" && $3 == codename { print $2 }'
  done
}

# Downloads B7's original tarball into $1 through a private apt configuration (the machine's own apt state is
# untouched) and prints the tarball's path. Only what apt verified against the signed index is kept.
lg_client_fetch_orig() {
  local dir=$1
  local mirrors
  mirrors=$(lg_client_mirrors | awk '!seen[$0]++' | paste -sd' ') || true
  [ -n "$mirrors" ] || lg_client_fail "no Debian mirror for this release in /etc/apt/sources.list or /etc/apt/sources.list.d/ to take unstable's source index from"
  mkdir -p "$dir/parts" "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/src"
  # apt downloads as its unprivileged user _apt, which must reach these folders (the caller's temporary
  # folder, which holds $dir, is made reachable too); apt-get source writes into the current folder
  chmod 755 "$dir"
  id _apt >/dev/null 2>&1 && chown _apt "$dir/src"
  cat >"$dir/parts/debian-unstable-src.sources" <<EOF
Types: deb-src
URIs: $mirrors
Suites: unstable
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  local apt=(apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$dir/parts"
    -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache")
  lg_client_log "fetching unstable's source index (private apt configuration in $dir, the mirror from /etc/apt)"
  "${apt[@]}" update >"$dir/apt.log" 2>&1 \
    || { cat "$dir/apt.log" >&2; lg_client_fail "apt-get update of unstable's source index failed"; }

  local listing line uri file hash
  listing=$("${apt[@]}" source --print-uris "$LG_CLIENT_SOURCE_PACKAGE" 2>"$dir/apt.log") \
    || { cat "$dir/apt.log" >&2; lg_client_fail "unstable's index has no source package '$LG_CLIENT_SOURCE_PACKAGE'"; }
  # a line reads: 'URI' FILE SIZE SHA256:HEX
  line=$(grep -F " $LG_CLIENT_ORIG " <<<"$listing") \
    || lg_client_fail "unstable's '$LG_CLIENT_SOURCE_PACKAGE' no longer ships $LG_CLIENT_ORIG (it lists: $(grep -o "^'[^']*'" <<<"$listing" | sed "s#.*/##; s#'##" | paste -sd' '))"
  read -r uri file _ hash <<<"$line"
  uri=${uri//\'/}
  hash=${hash#SHA256:}
  [ "$hash" = "$LG_CLIENT_ORIG_SHA256" ] \
    || lg_client_fail "the signed index gives $file the SHA256 $hash, not the pinned $LG_CLIENT_ORIG_SHA256; check why before changing LG_CLIENT_ORIG_SHA256 in scripts/lib/lg-client.sh"

  if (cd "$dir/src" && "${apt[@]}" source --download-only "$LG_CLIENT_SOURCE_PACKAGE") >"$dir/apt.log" 2>&1; then
    lg_client_log "downloaded with apt-get source"
  else
    # Some mirrors serve the original tarball but not the .dsc or the Debian tarball (404); the build needs
    # only the original, whose hash the signed index gave above and apt-helper checks.
    lg_client_log "apt-get source failed ($(grep -m1 '^E:' "$dir/apt.log" | sed -E 's#[a-z]+://[^ ]*/##; s# *\[IP: [^]]*\]##')); downloading $file alone"
    rm -f "$dir/src/$file"
    /usr/lib/apt/apt-helper download-file "$uri" "$dir/src/$file" "SHA256:$hash" >"$dir/apt.log" 2>&1 \
      || { cat "$dir/apt.log" >&2; lg_client_fail "could not download $file from unstable's mirror"; }
  fi
  echo "$LG_CLIENT_ORIG_SHA256  $dir/src/$file" | sha256sum -c --quiet >/dev/null 2>&1 \
    || lg_client_fail "$file does not have the pinned SHA256 $LG_CLIENT_ORIG_SHA256"
  printf '%s\n' "$dir/src/$file"
}

# Builds the client from the tarball $1 in the folder $2 and prints the binary's path.
lg_client_build() {
  local orig=$1 dir=$2
  tar -xJf "$orig" -C "$dir" || lg_client_fail "cannot unpack $orig"
  local top=$dir/looking-glass-B7
  local part
  for part in client/CMakeLists.txt repos/LGMP repos/PureSpice repos/cimgui repos/nanosvg; do
    [ -e "$top/$part" ] || lg_client_fail "$orig does not hold looking-glass-B7/$part"
  done
  local log=$dir/build.log
  # X11 + EGL, as it runs under Xvfb and on X11 desktops. Wayland is off: its build needs
  # repos/wayland-protocols, which the original tarball lacks. B7 needs one audio back end and does not
  # compile with none: PulseAudio, which PipeWire's pulse server also speaks.
  # OPTIMIZE_FOR_NATIVE=OFF: the cached binary may outlive this CPU (machine images), so no -march=native.
  lg_client_log "building (cmake + make -j$(nproc); output in $log)"
  if ! { cmake -S "$top/client" -B "$dir/build" -DCMAKE_BUILD_TYPE=Release -DOPTIMIZE_FOR_NATIVE=OFF \
      -DENABLE_X11=ON -DENABLE_EGL=ON -DENABLE_PULSEAUDIO=ON \
      -DENABLE_WAYLAND=OFF -DENABLE_LIBDECOR=OFF -DENABLE_PIPEWIRE=OFF \
      && make -C "$dir/build" -j"$(nproc)"; } >"$log" 2>&1; then
    mkdir -p "$LG_CLIENT_CACHE" && cp "$log" "$LG_CLIENT_CACHE/last-failed-build.log"
    tail -n 30 "$log" >&2
    lg_client_fail "building looking-glass-client failed; the whole output is in $LG_CLIENT_CACHE/last-failed-build.log"
  fi
  [ -x "$dir/build/looking-glass-client" ] || lg_client_fail "the build ended without a looking-glass-client"
  printf '%s\n' "$dir/build/looking-glass-client"
}

# The cached build is valid only with its binary and the record of the tarball it came from.
lg_client_cached() {
  local entry=$LG_CLIENT_CACHE/$LG_CLIENT_ORIG_SHA256
  [ -x "$entry/looking-glass-client" ] && [ "$(cat "$entry/orig.sha256" 2>/dev/null)" = "$LG_CLIENT_ORIG_SHA256  $LG_CLIENT_ORIG" ]
}

# Prints the path of a built looking-glass-client B7, building it first when the cache has none.
# Runs in a subshell: its traps, lock and exits stay its own even though the library is sourced.
lg_client_ensure() (
  if [ -n "${LG_CLIENT:-}" ]; then
    [ -x "$LG_CLIENT" ] || lg_client_fail "LG_CLIENT=$LG_CLIENT is not an executable file"
    lg_client_log "using LG_CLIENT=$LG_CLIENT as given (not building)"
    printf '%s\n' "$LG_CLIENT"
    exit 0
  fi
  [ "$(id -u)" -eq 0 ] || lg_client_fail "must run as root: it installs packages and writes $LG_CLIENT_CACHE"
  lg_client_install_packages
  local entry=$LG_CLIENT_CACHE/$LG_CLIENT_ORIG_SHA256
  if lg_client_cached; then
    lg_client_log "cached: $entry/looking-glass-client (B7, from $LG_CLIENT_ORIG)"
    printf '%s\n' "$entry/looking-glass-client"
    exit 0
  fi

  # Everyone must reach the binary: the tests run it as a non-root desktop user. Folders that already exist
  # keep their mode (never chmod a folder this script did not make).
  local d
  for d in "$(dirname "$LG_CLIENT_CACHE")" "$LG_CLIENT_CACHE"; do
    [ -d "$d" ] || mkdir -m 755 "$d" || lg_client_fail "cannot create $d"
  done
  # Two runs starting at once build once: the second waits, then finds the first one's result.
  exec 9>"$LG_CLIENT_CACHE/.lock"
  if ! flock -n 9; then
    lg_client_log "another run is building; waiting for it"
    flock 9
  fi
  if lg_client_cached; then
    lg_client_log "cached: $entry/looking-glass-client (built by the run we waited for)"
    printf '%s\n' "$entry/looking-glass-client"
    exit 0
  fi

  local work stage started=$SECONDS
  work=$(mktemp -d "${TMPDIR:-/tmp}/lg-client.XXXXXX") || lg_client_fail "cannot make a temporary folder"
  # apt downloads as its unprivileged user _apt, which must reach the private apt folders inside
  chmod 755 "$work"
  # A stage in the cache's own file system, renamed into place when complete: an interrupted build leaves no
  # half-written binary under the key (only a .new.* folder, swept by the next build).
  rm -rf "$LG_CLIENT_CACHE"/.new.*
  stage=$(mktemp -d "$LG_CLIENT_CACHE/.new.XXXXXX") || lg_client_fail "cannot make a folder in $LG_CLIENT_CACHE"
  trap 'rm -rf "$work" "$stage"' EXIT

  local orig binary
  orig=$(lg_client_fetch_orig "$work/fetch") || exit 1
  binary=$(lg_client_build "$orig" "$work") || exit 1
  if ! { install -m 755 "$binary" "$stage/looking-glass-client" \
      && printf '%s  %s\n' "$LG_CLIENT_ORIG_SHA256" "$LG_CLIENT_ORIG" >"$stage/orig.sha256" \
      && chmod 755 "$stage"; }; then
    lg_client_fail "cannot copy the binary into $stage"
  fi
  rm -rf "$entry"
  mv -T "$stage" "$entry" || lg_client_fail "cannot move the build into $entry"
  lg_client_log "built in $((SECONDS - started)) s, cached: $entry/looking-glass-client"
  printf '%s\n' "$entry/looking-glass-client"
)
