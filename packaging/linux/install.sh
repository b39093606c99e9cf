#!/usr/bin/env bash
# Installs the Slideshow app for the current user, no root needed:
#   ./install.sh               copy this folder to ~/.local/opt/slideshow, add the menu entry, icon and command
#   ./install.sh --uninstall   remove all of that again (also: ~/.local/opt/slideshow/install.sh --uninstall)
# Run it from the unpacked release folder (it sits next to the `slideshow` executable).
# Where things go (XDG base directories; each can be moved with its usual variable):
#   app:        ${SLIDESHOW_INSTALL_DIR:-~/.local/opt/slideshow}
#   menu entry: ${XDG_DATA_HOME:-~/.local/share}/applications/APP_ID.desktop
#   icons:      ${XDG_DATA_HOME:-~/.local/share}/icons/hicolor/NxN/apps/APP_ID.png
#   deck type:  ${XDG_DATA_HOME:-~/.local/share}/mime/packages/APP_ID.xml (slides.json, *.slideshow.json)
#   metainfo:   ${XDG_DATA_HOME:-~/.local/share}/metainfo/APP_ID.metainfo.xml (software centres)
#   command:    ~/.local/bin/slideshow (a link; install.sh says what to add to PATH if it is not there)
# APP_ID is the application id, io.github.slideshow_viewer.Slideshow.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
app_dir="${SLIDESHOW_INSTALL_DIR:-$HOME/.local/opt/slideshow}"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
app_id="io.github.slideshow_viewer.Slideshow" # the same in src/slideshow/__init__.py (a test checks)
desktop_file="$data_home/applications/$app_id.desktop"
icon_theme="$data_home/icons/hicolor"
mime_file="$data_home/mime/packages/$app_id.xml"
metainfo_file="$data_home/metainfo/$app_id.metainfo.xml"
bin_link="$HOME/.local/bin/slideshow"

say() { printf 'slideshow install: %s\n' "$*"; }

# Menus and file managers cache entries and icons; refresh them when the tools exist (all optional).
refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data_home/applications" 2>/dev/null || true
  fi
  if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data_home/mime/packages" ]; then
    update-mime-database "$data_home/mime" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icon_theme/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$icon_theme" 2>/dev/null || true
  fi
  if [ -d "$icon_theme" ]; then
    touch "$icon_theme" # icon caches also watch the theme folder's time stamp
  fi
}

# Desktop entry Exec values are quoted strings: inside the quotes, " ` $ and \ take a backslash, and the
# value's own escaping doubles every backslash again (Desktop Entry Specification, "The Exec key").
# shellcheck disable=SC1003  # the single-quoted backslashes are literal on purpose
exec_quote() {
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      '\') out+='\\\\' ;;
      '"' | '`' | '$') out+='\\'"$c" ;;
      *) out+="$c" ;;
    esac
  done
  printf '"%s"' "$out"
}

do_install() {
  if [ ! -x "$here/slideshow" ] || [ ! -d "$here/_internal" ]; then
    say "run me from the unpacked release folder (next to the slideshow executable)" >&2
    exit 1
  fi
  if [ "$here" != "$app_dir" ]; then
    if [ -e "$app_dir" ] && [ ! -x "$app_dir/slideshow" ]; then
      say "$app_dir exists and does not hold the app; not touching it" >&2
      exit 1
    fi
    rm -rf "$app_dir"
    mkdir -p "$(dirname "$app_dir")"
    cp -a "$here" "$app_dir" # -a keeps the twin executables' hard link and the library links
  fi

  mkdir -p "$(dirname "$desktop_file")"
  local exec_line line
  exec_line="Exec=$(exec_quote "$app_dir/slideshow") %f"
  while IFS= read -r line; do
    case "$line" in
      Exec=*) printf '%s\n' "$exec_line" ;;
      \#*) ;; # the template's comments are for the repository, not the menu
      *) printf '%s\n' "$line" ;;
    esac
  done <"$app_dir/$app_id.desktop" >"$desktop_file"
  chmod 644 "$desktop_file"
  mkdir -p "$(dirname "$mime_file")" "$(dirname "$metainfo_file")"
  cp "$app_dir/$app_id.mime.xml" "$mime_file"
  cp "$app_dir/$app_id.metainfo.xml" "$metainfo_file"
  chmod 644 "$mime_file" "$metainfo_file"

  local png size
  for png in "$app_dir"/icons/slideshow-*.png; do
    size="${png##*-}"
    size="${size%.png}"
    mkdir -p "$icon_theme/${size}x${size}/apps"
    cp "$png" "$icon_theme/${size}x${size}/apps/$app_id.png"
  done

  mkdir -p "$(dirname "$bin_link")"
  if [ ! -e "$bin_link" ] || [ -L "$bin_link" ]; then
    ln -sfn "$app_dir/slideshow" "$bin_link"
  else
    say "left $bin_link alone: a file of that name exists"
  fi

  refresh_caches
  say "installed in $app_dir"
  case ":${PATH:-}:" in
    *":$(dirname "$bin_link"):"*)
      say "start it from the menu (Slideshow) or run: slideshow [DECK]   (add --windowed for a window)" ;;
    *)
      say "start it from the menu (Slideshow), or run: $bin_link [DECK]"
      say "$(dirname "$bin_link") is not on your PATH; to type just 'slideshow', add this line to ~/.profile"
      say "  export PATH=\"\$HOME/.local/bin:\$PATH\""
      say "then log out and in again (or open a new terminal after: . ~/.profile)" ;;
  esac
}

do_uninstall() {
  rm -f "$desktop_file" "$mime_file" "$metainfo_file"
  local icon
  for icon in "$icon_theme"/*/apps/"$app_id".png; do
    if [ -e "$icon" ]; then rm -f "$icon"; fi
  done
  # Only remove the command if it is our link, never a file someone else put there.
  if [ -L "$bin_link" ] && [ "$(readlink "$bin_link")" = "$app_dir/slideshow" ]; then
    rm -f "$bin_link"
  fi
  if [ -x "$app_dir/slideshow" ] && [ -d "$app_dir/_internal" ]; then
    rm -rf "$app_dir"
  elif [ -e "$app_dir" ]; then
    say "left $app_dir alone: it does not hold the app"
  fi
  refresh_caches
  say "removed"
}

case "${1:-}" in
  "") do_install ;;
  --uninstall) do_uninstall ;;
  -h | --help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
  *)
    say "unknown option $1 (use --uninstall or --help)" >&2
    exit 2
    ;;
esac
