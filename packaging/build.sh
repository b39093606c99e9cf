#!/usr/bin/env bash
# Builds the Linux release from a checkout:
#   dist/slideshow/                                  the app folder: run ./slideshow, or ./install.sh
#   dist/slideshow-VERSION-linux-ARCH.tar.gz         the release artifact (that folder, packed)
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

version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' src/slideshow/__init__.py)"
tarball="dist/slideshow-${version}-linux-$(uname -m).tar.gz"

uv run --group package pyinstaller --noconfirm --log-level WARN packaging/slideshow.spec

# What a user needs next to the app to install it: the installer, the menu entry and the icons.
cp packaging/linux/install.sh packaging/linux/slideshow.desktop dist/slideshow/
chmod 755 dist/slideshow/install.sh
mkdir -p dist/slideshow/icons
cp packaging/icons/slideshow-*.png dist/slideshow/icons/

# Owner-neutral archive with a stable file order, so two builds of the same tree differ only in contents.
rm -f "$tarball"
tar --sort=name --owner=0 --group=0 --numeric-owner -C dist -czf "$tarball" slideshow
echo "build: dist/slideshow ($(du -sm dist/slideshow | cut -f1) MiB) and $tarball ($(du -m "$tarball" | cut -f1) MiB)"
