# Sourced by scripts/install: lg-admin's bash completion (from its Picocli model) and the manual pages of
# lg-admin and lg-tray, made by help2man from their --help (docs/man/ holds lg-daemon's, written by hand).
generated=$(mktemp -d)
scripts/lg-admin-completion >/dev/null
# bash sources it, so the generator's "#!" line is dropped (lintian: bash-completion-with-hashbang).
sed '1{/^#!/d}' admin/target/lg-admin_completion | write 644 "$prefix/share/bash-completion/completions/lg-admin"

# Every lg-admin command's own --help becomes a section of the page.
{
  echo "[COMMANDS]"
  for cmd in list show enable resize disable set size doctor; do
    echo ".SS \"lg-admin $cmd\""
    echo ".nf"
    bin/lg-admin "$cmd" --help | sed -e 's/\\/\\\\/g' -e 's/^\./\\\&./'
    echo ".fi"
  done
  echo "[SEE ALSO]"
  echo ".BR lg-daemon (8), .BR lg-tray (1)"
} > "$generated/lg-admin.h2m"
help2man --no-info --section 1 --include "$generated/lg-admin.h2m" \
  --name "configure and diagnose Looking Glass for libvirt VMs" bin/lg-admin | gzip -9 -n > "$generated/lg-admin.1.gz"
put 644 "$generated/lg-admin.1.gz" "$prefix/share/man/man1/lg-admin.1.gz"
help2man --no-info --section 1 --name "open the Looking Glass viewer when your VM starts" bin/lg-tray \
  | gzip -9 -n > "$generated/lg-tray.1.gz"
put 644 "$generated/lg-tray.1.gz" "$prefix/share/man/man1/lg-tray.1.gz"
rm -rf "$generated"
