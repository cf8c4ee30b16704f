# Sourced by scripts/install: the tray's desktop integration.
# Icons in the hicolor theme layout; the autostart entry (for desktops without a systemd user session) and
# the systemd user unit (for those with one: the entry says X-systemd-skip, so never both).
for icon in tray/src/main/resources/icons/hicolor/*/apps/*; do
  put 644 "$icon" "$prefix/share/icons/${icon#tray/src/main/resources/icons/}"
done
put 644 tray/packaging/lg-tray.desktop "$sysconfdir/xdg/autostart/lg-tray.desktop"
grep -v '^X-systemd-skip\|^X-GNOME-Autostart' tray/packaging/lg-tray.desktop | write 644 "$prefix/share/applications/lg-tray.desktop"
sed "s|^ExecStart=/usr/bin/lg-tray|ExecStart=$prefix/bin/lg-tray|" systemd/lg-tray.service \
  | write 644 "$prefix/lib/systemd/user/lg-tray.service"
