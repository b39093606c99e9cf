#!/usr/bin/env bash
# Packs the built app folder (dist/slideshow, from packaging/build.sh) as a Debian package:
#   /opt/slideshow-viewer/                      the app, as in the tarball
#   /usr/bin/slideshow                          the command (a link into /opt)
#   /usr/share/applications, icons, mime, metainfo   menu entry, icons, the deck type, software-centre data
#   /usr/share/doc/slideshow-viewer/            copyright (pointing at the licence texts in /opt), changelog
# Depends: every system library the bundled files link to but the bundle does not carry, as the build
# machine's packages name them (the Qt system libraries: EGL/GL, xkbcommon, xcb-cursor, D-Bus...), so
# installing the .deb from a file manager pulls them in. Build on the oldest system you support.
# Usage: bash packaging/linux/build_deb.sh VERSION APP_ID OUT.deb     (needs dpkg-deb, readelf)
set -euo pipefail
cd "$(dirname "$0")/../.."
version="$1"
app_id="$2"
out="$3"
package=slideshow-viewer
app=dist/slideshow

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
opt="$root/opt/$package"
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/mime/packages" \
  "$root/usr/share/metainfo" "$root/usr/share/doc/$package" "$root/usr/share/lintian/overrides" "$root/DEBIAN"
cp -a "$app" "$opt"
# The per-user installer and its copies of the desktop files make no sense in a system package.
rm -f "$opt/install.sh" "$opt/$app_id".{desktop,mime.xml,metainfo.xml}
ln -s "/opt/$package/slideshow" "$root/usr/bin/slideshow"

sed -e 's|^Exec=.*|Exec=slideshow %f|' -e '/^#/d' "packaging/linux/$app_id.desktop" \
  >"$root/usr/share/applications/$app_id.desktop"
cp "packaging/linux/$app_id.mime.xml" "$root/usr/share/mime/packages/$app_id.xml"
cp "packaging/linux/$app_id.metainfo.xml" "$root/usr/share/metainfo/"
for png in packaging/icons/slideshow-*.png; do
  size="${png##*-}"
  size="${size%.png}"
  mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done

# Debian's machine-readable copyright: the app's MIT licence; the bundled components' texts are in /opt.
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: slideshow-viewer"
  echo "Comment: The app bundles Qt, Python, Pillow, libheif and system libraries; each one's licence"
  echo " text is in /opt/$package/licenses/ (README.txt there lists them)."
  echo ""
  echo "Files: *"
  echo "Copyright: $(sed -n 's/^Copyright (c) //p' LICENSE)"
  echo "License: MIT"
  sed -n '/^Permission/,$p' LICENSE | sed -e 's/^$/./' -e 's/^/ /'
} >"$root/usr/share/doc/$package/copyright"
date_rfc2822="$(LC_ALL=C date -u -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")"
printf '%s (%s) stable; urgency=medium\n\n  * Release %s; see CHANGELOG.md in the source.\n\n -- %s  %s\n' \
  "$package" "$version" "$version" "Slideshow authors <slideshow-viewer@users.noreply.github.com>" \
  "$date_rfc2822" | gzip -9 -n >"$root/usr/share/doc/$package/changelog.gz"

# What lintian flags in any PyInstaller app, said once here instead of silenced by hand at each release.
cat >"$root/usr/share/lintian/overrides/$package" <<EOF
# A self-contained app (PyInstaller) in /opt, as third-party software is; /usr/bin/slideshow links to it.
$package: dir-or-file-in-opt [opt/*]
# It carries its own Python, Qt and codecs, built by their projects, in its private folder.
$package: embedded-library *
$package: shared-library-lacks-prerequisites *
$package: custom-library-search-path *
$package: library-not-linked-against-libc *
$package: spelling-error-in-binary *
$package: extra-license-file *
EOF

# --- Depends: the libraries the bundle links to without carrying them ---------------------------------
bundled="$(find "$app" -name '*.so*' -printf '%f\n' | sort -u)"
needed="$( (find "$app" -type f \( -name '*.so*' -o -perm -u+x \) -exec readelf -d {} + 2>/dev/null || true) |
  sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)"
depends=()
for soname in $(comm -23 <(echo "$needed") <(echo "$bundled")); do
  # awk reads to the end (no early exit): under pipefail, ldconfig killed by SIGPIPE would end the build.
  path="$(ldconfig -p | awk -v n="$soname" '$1 == n && /x86-64|aarch64|64bit/ && !p {p = $NF} END {print p}')"
  [ -n "$path" ] || path="$(ldconfig -p | awk -v n="$soname" '$1 == n && !p {p = $NF} END {print p}')"
  if [ -z "$path" ]; then
    echo "build_deb: no package on this machine provides $soname (install the app's build prerequisites)" >&2
    exit 1
  fi
  owner="$(dpkg-query -S "$(readlink -f "$path")" 2>/dev/null || dpkg-query -S "$path")"
  depends+=("${owner%%:*}")
done
glibc="$(dpkg-query -W -f='${Version}' libc6 | sed 's/-.*//')"
depends_line="$(printf '%s\n' "${depends[@]}" | sort -u | grep -v '^libc6$' | paste -sd, | sed 's/,/, /g')"

cat >"$root/DEBIAN/control" <<EOF
Package: $package
Version: $version
Architecture: $(dpkg --print-architecture)
Maintainer: Slideshow authors <slideshow-viewer@users.noreply.github.com>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: libc6 (>= $glibc), $depends_line
Recommends: shared-mime-info, desktop-file-utils, fonts-dejavu-core
Section: graphics
Priority: optional
Homepage: https://github.com/slideshow-viewer/slideshow
Description: photo-story viewer for briefings and unattended screens
 Slideshow shows a story in pictures from a folder holding a slides.json
 file: full screen, arrow keys or a presentation clicker, autoplay, a
 presenter console and a kiosk mode that restarts itself.
EOF
find "$root" -type d -exec chmod 755 {} +
find "$root/opt" -type f -name "*.so*" -exec chmod 644 {} + # libraries are mapped, not executed (Debian policy 8.1)
chmod 644 "$root/usr/share/doc/$package/"* "$root/usr/share/lintian/overrides/$package" "$root/DEBIAN/control"
(cd "$root" && find opt usr -type f -exec md5sum {} + | sort -k2 >DEBIAN/md5sums)
chmod 644 "$root/DEBIAN/md5sums"
dpkg-deb --root-owner-group -Zxz -z1 --build "$root" "$out" >/dev/null
echo "build_deb: $out ($(du -m "$out" | cut -f1) MiB); Depends: libc6 (>= $glibc), $depends_line"
