# Sourced by scripts/install: the tray's desktop integration.
# Icons in the hicolor theme layout; the autostart entry (for desktops without a systemd user session) and
# the systemd user unit, enabled for every user's graphical session (for desktops with one: the entry says
# X-systemd-skip, so systemd's autostart generator skips it and the tray never starts twice).
for icon in tray/src/main/resources/icons/hicolor/*/apps/*; do
  put 644 "$icon" "$prefix/share/icons/${icon#tray/src/main/resources/icons/}"
done
put 644 tray/packaging/lg-tray.desktop "$sysconfdir/xdg/autostart/lg-tray.desktop"
grep -v '^X-systemd-skip\|^X-GNOME-Autostart' tray/packaging/lg-tray.desktop | write 644 "$prefix/share/applications/lg-tray.desktop"
sed "s|^ExecStart=/usr/bin/lg-tray|ExecStart=$prefix/bin/lg-tray|" systemd/lg-tray.service \
  | write 644 "$prefix/lib/systemd/user/lg-tray.service"
# Enabled as `systemctl --global enable lg-tray.service` would (a package does this with dh_installsystemduser);
# systemd reads user units from PREFIX/lib/systemd/user only for prefix /usr.
if [ -z "$destdir" ] && [ "$prefix" = /usr ]; then
  mkdir -p "$sysconfdir/systemd/user/graphical-session.target.wants"
  ln -sfn "$prefix/lib/systemd/user/lg-tray.service" "$sysconfdir/systemd/user/graphical-session.target.wants/lg-tray.service"
  echo "$sysconfdir/systemd/user/graphical-session.target.wants/lg-tray.service" >> "$new_manifest"
fi
