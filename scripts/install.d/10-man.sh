# Sourced by scripts/install: manual pages from docs/man/ (NAME.SECTION), compressed as Debian does.
for page in docs/man/*.[1-8]; do
  [ -e "$page" ] || continue
  section=${page##*.}
  gz=$(mktemp)
  gzip -9 -n -c "$page" > "$gz"
  put 644 "$gz" "$prefix/share/man/man$section/$(basename "$page").gz"
  rm -f "$gz"
done
