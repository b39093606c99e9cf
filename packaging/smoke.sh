#!/usr/bin/env bash
# Smoke test of the packaged app on Linux: builds it (packaging/build.sh), then checks what a user gets.
#   1. size of the folder and the tarball within the release limits
#   2. the frozen console twin: `check` of the bundled deck, and `export` of slides drawn the same as the
#      source tree's `uv run slideshow export`
#   3. the menu entry and metainfo validate; install.sh into a throwaway HOME (entry, icons, deck type),
#      the installed app runs, uninstall
#   4. the frozen app on a real X server (Xvfb, no window manager), started with no arguments: slide 1 of
#      the demo story full screen, Right shows slide 2, q quits with exit code 0
#   5. the .deb: lintian finds no error, it holds the app under /opt with a command, menu entry, icons, deck
#      type, metainfo and licences, depends on the Qt system libraries, and the app runs from it unpacked
# Usage: bash packaging/smoke.sh   (exit 0 when all pass; otherwise one "smoke: FAIL: ..." line)
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never
export LANG="${LANG:-C.UTF-8}"

MAX_FOLDER_MB=130 # decimal megabytes, the stricter reading of the limits
MAX_TARBALL_MB=52
SCREEN_W=1280
SCREEN_H=720
TITLE="battle for Mosul" # part of the demo deck's title, which is the window title

work="$(mktemp -d)"
xvfb_pid=""
app_pid=""
cleanup() {
  # Only what this script started, by process id.
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

say() { echo "smoke: $*"; }
fail() {
  echo "smoke: FAIL: $*" >&2
  exit 1
}
py() { uv run --no-sync python "$@"; }
compare() { py packaging/compare_images.py "$@"; }

# --- tools ----------------------------------------------------------------------------------------------
# command -> Debian package; .ci/run installs most of them, this covers a machine that only ran the tests.
declare -A package_of=(
  [Xvfb]=xvfb [xdotool]=xdotool [import]=imagemagick [desktop-file-validate]=desktop-file-utils
  [strip]=binutils [readelf]=binutils [appstreamcli]=appstream [lintian]=lintian [dpkg-deb]=dpkg
)
missing=()
for tool in "${!package_of[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package_of[$tool]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    fail "missing tools; install the Debian packages: ${missing[*]}"
  fi
fi

# --- 1. build, sizes --------------------------------------------------------------------------------------
say "building (packaging/build.sh)"
build_start=$(date +%s)
bash packaging/build.sh || fail "the build failed"
build_seconds=$(($(date +%s) - build_start))
app_dir=dist/slideshow
version="$(uv run --no-sync python packaging/release.py version)"
tarball="dist/slideshow-${version}-linux-$(uname -m).tar.gz" # the name build.sh gives it
[ -f "$tarball" ] || fail "the build made no $tarball"
folder_bytes=$(du -sb "$app_dir" | cut -f1)
tarball_bytes=$(stat -c %s "$tarball")
say "built in ${build_seconds}s: folder $((folder_bytes / 1000000)) MB, $tarball $((tarball_bytes / 1000000)) MB"
[ "$folder_bytes" -le $((MAX_FOLDER_MB * 1000000)) ] || fail "the app folder is over ${MAX_FOLDER_MB} MB"
[ "$tarball_bytes" -le $((MAX_TARBALL_MB * 1000000)) ] || fail "the tarball is over ${MAX_TARBALL_MB} MB"

# Every bundled library has its licence text beside it, and none is GPL (packaging/licenses.py).
py packaging/licenses.py check "$app_dir" || fail "the licence notices are incomplete (see above)"
tar -tzf "$tarball" >"$work/tarball-files"
grep -qx 'slideshow/_internal/licenses/pyside6-essentials/LGPL-3.0.txt' "$work/tarball-files" ||
  fail "the tarball carries no licence texts"
say "licences: $(py -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["components"]))' \
  "$app_dir/licenses/manifest.json") components, each with its text; no GPL library"

# --- 2. the console twin ----------------------------------------------------------------------------------
cli="$app_dir/slideshow-cli"
deck="$app_dir/_internal/slideshow/demo/slides.json"
[ -f "$deck" ] || fail "the demo deck is not in the bundle ($deck)"
"$cli" check "$deck" || fail "slideshow-cli check of the bundled deck exited $?"
[ "$("$cli" --version)" = "slideshow $version" ] || fail "the frozen app says $("$cli" --version), not $version"
# No display: one plain line and exit 1, not Qt's abort.
status=0
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$app_dir/slideshow" >"$work/nodisplay.log" 2>&1 || status=$?
[ "$status" = 1 ] && [ "$(wc -l <"$work/nodisplay.log")" = 1 ] && grep -q "no display" "$work/nodisplay.log" ||
  fail "without a display the frozen app exited $status with: $(head -3 "$work/nodisplay.log")"
for slide in 1 2; do
  # Both at the Xvfb screen's size: the same files are what the screen must show in step 4.
  QT_QPA_PLATFORM=offscreen "$cli" export "$deck" -o "$work/frozen-$slide.png" --slide "$slide" \
    --size "${SCREEN_W}x${SCREEN_H}" || fail "slideshow-cli export of slide $slide failed"
  uv run --no-sync slideshow export slides.json -o "$work/source-$slide.png" --slide "$slide" \
    --size "${SCREEN_W}x${SCREEN_H}" || fail "the source tree's export of slide $slide failed"
  compare "$work/source-$slide.png" "$work/frozen-$slide.png" --max-mean 1.0 ||
    fail "the frozen export of slide $slide differs from the source tree's"
done
compare "$work/source-1.png" "$work/source-2.png" --max-mean 1.0 --quiet >/dev/null &&
  fail "slides 1 and 2 look alike, so the screen checks below could not tell them apart"

# --- 3. menu entry and install.sh -------------------------------------------------------------------------
app_id="$(py packaging/release.py app-id)"
desktop-file-validate "packaging/linux/$app_id.desktop" || fail "packaging/linux/$app_id.desktop is not valid"
appstreamcli validate --no-net --pedantic "packaging/linux/$app_id.metainfo.xml" >"$work/appstream.log" 2>&1 ||
  fail "the metainfo does not validate: $(grep -E '^[EW]:' "$work/appstream.log" | head -3)"
home="$work/home with space" # a space in the path exercises the Exec quoting
HOME="$home" XDG_DATA_HOME="$home/.local/share" PATH="/usr/bin:/bin" bash "$app_dir/install.sh" \
  >"$work/install.log" || fail "install.sh failed"
grep -q 'export PATH="$HOME/.local/bin:$PATH"' "$work/install.log" ||
  fail "install.sh did not say how to put ~/.local/bin on PATH: $(cat "$work/install.log")"
installed_entry="$home/.local/share/applications/$app_id.desktop"
desktop-file-validate "$installed_entry" || fail "the installed menu entry is not valid"
grep -qF "Exec=\"$home/.local/opt/slideshow/slideshow\" %f" "$installed_entry" ||
  fail "the installed menu entry does not start the installed app: $(grep '^Exec=' "$installed_entry")"
[ -f "$home/.local/share/icons/hicolor/48x48/apps/$app_id.png" ] || fail "install.sh put no 48x48 icon"
[ -f "$home/.local/share/mime/packages/$app_id.xml" ] || fail "install.sh did not install the deck type"
if command -v update-mime-database >/dev/null 2>&1; then
  grep -q "application/x-slideshow-deck+json" "$home/.local/share/mime/globs2" ||
    fail "the deck type is not in the user's MIME database after install.sh"
fi
"$home/.local/bin/slideshow" --version >/dev/null || fail "the installed command does not run"
HOME="$home" XDG_DATA_HOME="$home/.local/share" bash "$home/.local/opt/slideshow/install.sh" --uninstall \
  >/dev/null || fail "install.sh --uninstall failed"
leftover=$(find "$home" \( -type f -o -type l \) -name 'slideshow*' | head -3)
[ -z "$leftover" ] || fail "uninstall left files behind: $leftover"
say "install.sh and --uninstall work; the menu entry validates"

# --- 4. the app on a real X server ------------------------------------------------------------------------
display_file="$work/display"
# -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
Xvfb -displayfd 3 -screen 0 "${SCREEN_W}x${SCREEN_H}x24" -nolisten tcp 3>"$display_file" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$display_file" ] && break
  sleep 0.1
done
[ -s "$display_file" ] || fail "Xvfb did not start"
DISPLAY=":$(head -1 "$display_file" | tr -d '[:space:]')"
export DISPLAY

unset QT_QPA_PLATFORM WAYLAND_DISPLAY
"$app_dir/slideshow" >"$work/app.log" 2>&1 & # no arguments, as a double-click starts it
app_pid=$!

# Polls until the condition holds; gives up after 20 s or when the app has exited.
wait_for() {
  local what="$1"
  shift
  for _ in $(seq 100); do
    if "$@"; then return 0; fi
    kill -0 "$app_pid" 2>/dev/null || fail "the app exited while waiting for $what: $(tail -3 "$work/app.log")"
    sleep 0.2
  done
  fail "timed out waiting for $what"
}
window_shown() { window=$(xdotool search --onlyvisible --name "$TITLE" 2>/dev/null | head -1) && [ -n "$window" ]; }
screen_shows() {
  import -window root "$work/screen.png" 2>/dev/null && compare "$1" "$work/screen.png" --max-mean 2.0 --quiet >/dev/null
}

wait_for "the window" window_shown
eval "$(xdotool getwindowgeometry --shell "$window")"
if [ "$WIDTH" != "$SCREEN_W" ] || [ "$HEIGHT" != "$SCREEN_H" ]; then
  fail "the window is ${WIDTH}x${HEIGHT}, not full screen (${SCREEN_W}x${SCREEN_H})"
fi
wait_for "slide 1 on the screen" screen_shows "$work/source-1.png"
say "the app shows slide 1 full screen"
xdotool key Right
wait_for "slide 2 on the screen after Right" screen_shows "$work/source-2.png"
say "Right shows slide 2"
xdotool key q
for _ in $(seq 100); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$app_pid" 2>/dev/null && fail "the app did not quit on q"
status=0
wait "$app_pid" || status=$?
app_pid=""
[ "$status" = 0 ] || fail "the app exited with $status after q: $(tail -3 "$work/app.log")"
say "q quits with exit code 0"

# A deck named on the command line (as a file manager passes it), in a window when asked.
mkdir -p "$work/deck"
cp -r slides.json assets "$work/deck/"
py - "$work/deck/slides.json" <<'EOF_PY'
import json, pathlib, sys
path = pathlib.Path(sys.argv[1])
deck = json.loads(path.read_text(encoding="utf-8"))
deck["title"] = "Smoke test deck"
path.write_text(json.dumps(deck), encoding="utf-8")
EOF_PY
TITLE="Smoke test deck"
"$app_dir/slideshow" --windowed "$work/deck/slides.json" >"$work/app.log" 2>&1 &
app_pid=$!
wait_for "the window of a deck given as an argument" window_shown
eval "$(xdotool getwindowgeometry --shell "$window")"
[ "$WIDTH" -lt "$SCREEN_W" ] || fail "--windowed still started full screen"
xdotool key q
status=0
wait "$app_pid" || status=$?
app_pid=""
[ "$status" = 0 ] || fail "the app with a deck argument exited with $status: $(tail -3 "$work/app.log")"
say "a deck given as an argument opens (--windowed: ${WIDTH}x${HEIGHT})"
# --- 5. the Debian package -----------------------------------------------------------------------------
deb="dist/slideshow-viewer_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "the build made no $deb"
lintian --fail-on error "$deb" >"$work/lintian.log" 2>&1 || fail "lintian: $(grep '^E:' "$work/lintian.log" | head -3)"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/deb-files"
for path in /usr/bin/slideshow /opt/slideshow-viewer/slideshow /opt/slideshow-viewer/slideshow-cli \
  "/usr/share/applications/$app_id.desktop" "/usr/share/icons/hicolor/48x48/apps/$app_id.png" \
  "/usr/share/mime/packages/$app_id.xml" "/usr/share/metainfo/$app_id.metainfo.xml" \
  /usr/share/doc/slideshow-viewer/copyright /opt/slideshow-viewer/_internal/licenses/manifest.json; do
  grep -qxF "$path" "$work/deb-files" || fail "the .deb has no $path"
done
depends="$(dpkg-deb -f "$deb" Depends)"
for library in libegl1 libgl1 libdbus-1-3; do
  [[ "$depends" == *"$library"* ]] || fail "the .deb does not depend on $library (Depends: $depends)"
done
unpacked="$work/deb-root"
dpkg-deb -x "$deb" "$unpacked"
desktop-file-validate "$unpacked/usr/share/applications/$app_id.desktop" || fail "the .deb's menu entry is not valid"
py packaging/licenses.py check "$unpacked/opt/slideshow-viewer" || fail "the .deb's licence notices are incomplete"
deb_cli="$unpacked/opt/slideshow-viewer/slideshow-cli"
[ "$("$deb_cli" --version)" = "slideshow $version" ] || fail "the .deb's app says $("$deb_cli" --version)"
"$deb_cli" check "$unpacked/opt/slideshow-viewer/_internal/slideshow/demo/slides.json" >/dev/null ||
  fail "the .deb's app cannot check its own deck"
QT_QPA_PLATFORM=offscreen "$deb_cli" export "$unpacked/opt/slideshow-viewer/_internal/slideshow/demo/slides.json" \
  -o "$work/deb-1.png" --size "${SCREEN_W}x${SCREEN_H}" || fail "the .deb's app cannot export"
compare "$work/source-1.png" "$work/deb-1.png" --max-mean 1.0 || fail "the .deb's app draws slide 1 differently"
deb_bytes=$(stat -c %s "$deb")
say "the .deb ($((deb_bytes / 1000000)) MB) is lintian-clean of errors, holds what it should, and its app runs"

say "PASS (build ${build_seconds}s, folder $((folder_bytes / 1000000)) MB, tarball $((tarball_bytes / 1000000)) MB, .deb $((deb_bytes / 1000000)) MB)"
