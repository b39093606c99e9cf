#!/usr/bin/env bash
# Builds the Linux release from a checkout:
#   dist/slideshow/                                  the app folder: run ./slideshow, or ./install.sh
#   dist/slideshow-VERSION-linux-ARCH.tar.gz         the release artifact (that folder, packed)
#   dist/slideshow-viewer_VERSION_ARCH.deb           the same app as a Debian package (on Debian/Ubuntu)
# Usage: bash packaging/build.sh      (needs uv; the build machine needs the system libraries the app
# bundles, see the README, plus binutils, which PyInstaller uses on Linux)
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never

for tool in strip readelf; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build: '$tool' is missing; install binutils (Debian: apt-get install binutils)" >&2
    exit 1
  fi
done

version="$(uv run python packaging/release.py version)"
tarball="dist/slideshow-${version}-linux-$(uname -m).tar.gz"

uv run --group package pyinstaller --noconfirm --log-level WARN packaging/slideshow.spec

# What a user needs next to the app to install it: the installer, the menu entry and the icons.
app_id="$(uv run python packaging/release.py app-id)"
cp packaging/linux/install.sh packaging/linux/"$app_id".{desktop,mime.xml,metainfo.xml} dist/slideshow/
chmod 755 dist/slideshow/install.sh
mkdir -p dist/slideshow/icons
cp packaging/icons/slideshow-*.png dist/slideshow/icons/
# The licence texts of everything inside (collected by the spec), where a person looks first.
ln -sfn _internal/licenses dist/slideshow/licenses

# Owner-neutral archive with a stable file order, so two builds of the same tree differ only in contents.
rm -f "$tarball"
tar --sort=name --owner=0 --group=0 --numeric-owner -C dist -czf "$tarball" slideshow
echo "build: dist/slideshow ($(du -sm dist/slideshow | cut -f1) MiB) and $tarball ($(du -m "$tarball" | cut -f1) MiB)"

# The Debian package, where dpkg-deb exists (Debian, Ubuntu): the same folder under /opt.
if command -v dpkg-deb >/dev/null 2>&1; then
  bash packaging/linux/build_deb.sh "$version" "$app_id" "dist/slideshow-viewer_${version}_$(dpkg --print-architecture).deb"
fi
