#!/bin/sh
# The explorer on a real X server (Xvfb), driven like a lecturer with the mouse (xdotool), checked on screenshots
# of the root window (xwd): start on the Layers page with live data, click the host-kernel layer (found by its
# colour on screen) -> the Memory page walks the explorer's own pages; click "Cgroups" in the page list -> the live
# cgtop stream draws memory bars; Esc stops the stream; nothing the explorer started is left running.
# Usage: display_test.sh EXPLORER   (tools from $VIRTLAB_BIN_DIR or beside the explorer; 77 = skipped, reason printed)
set -u
explorer=$1
here=$(cd "$(dirname "$0")" && pwd)
colors="python3 $here/xwd_colors.py"
bin_dir=${VIRTLAB_BIN_DIR:-$(dirname "$explorer")}
for tool in Xvfb xdotool xwd; do
  command -v $tool >/dev/null || { echo "SKIP: $tool is not installed (apt-get install xvfb xdotool x11-apps)"; exit 77; }
done
for tool in cgtop pagewalk vmctl nsenter-lite; do
  [ -x "$bin_dir/$tool" ] || { echo "SKIP: $tool is not built in $bin_dir (the layers page needs every tool)"; exit 77; }
done
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (pagewalk shows frames and cgtop reads every cgroup only for root)"; exit 77; }

work=$(mktemp -d /tmp/explorer-display.XXXXXX)
xvfb=; app=
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "FAIL: $*"; [ -f "$work/explorer.log" ] && sed 's/^/  explorer: /' "$work/explorer.log" | tail -5; exit 1; }
shot() {  # shot NAME: dump the screen; kept as PNG in $EXPLORER_TEST_OUTPUT for a human to look at
  xwd -root -silent > "$work/$1.xwd" || fail "xwd could not read the screen"
  if [ -n "${EXPLORER_TEST_OUTPUT:-}" ]; then $colors "$work/$1.xwd" png "$EXPLORER_TEST_OUTPUT/display-$1.png"; fi
}
wait_for_color() {  # wait_for_color NAME RRGGBB SECONDS: until that colour is on screen
  tries=0
  while [ $tries -lt "$3" ]; do
    shot "$1"
    $colors "$work/$1.xwd" find "$2" > "$work/found"
    read -r _ _ pixels < "$work/found"
    [ "$pixels" -gt 50 ] && return 0
    sleep 1; tries=$((tries + 1))
  done
  return 1
}

# Xvfb picks a free display number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
i=0
while [ ! -s "$work/display" ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
[ -s "$work/display" ] || fail "Xvfb did not start: $(tail -1 "$work/xvfb.log")"
DISPLAY=":$(cat "$work/display")"
export DISPLAY
echo "Xvfb on $DISPLAY"

QT_QPA_PLATFORM=xcb VIRTLAB_BIN_DIR=$bin_dir "$explorer" --lang en >"$work/explorer.log" 2>&1 &
app=$!
window=$(timeout 30 xdotool search --sync --onlyvisible --name 'virtlab explorer' | head -1)
[ -n "$window" ] || fail "no explorer window appeared"
echo "window: $(xdotool getwindowname "$window")"

# 1. The Layers page draws the host kernel in the kernel colour (#bbdefb): click it.
wait_for_color layers bbdefb 30 || fail "the Layers page never drew the kernel layer"
read -r x y _ < "$work/found"  # the kernel layer's centre, from the last wait_for_color
echo "kernel layer at $x,$y: click"
xdotool mousemove "$x" "$y" click 1
wait_for_color memory 64b5f6 30 || fail "clicking the kernel layer did not draw the Memory page's resident anonymous pages"
title=$(xdotool getwindowname "$window")
case $title in *Memory*) echo "opened: $title" ;; *) fail "window title after the click: $title" ;; esac

# 2. The Cgroups page from the page list (third row): its live cgtop stream draws memory bars (#81c784).
xdotool mousemove 30 103 click 1  # the list starts below the menu bar (Lecture)
wait_for_color cgroups 81c784 30 || fail "the Cgroups page drew no memory bars"
title=$(xdotool getwindowname "$window")
case $title in *Cgroups*) echo "opened: $title" ;; *) fail "window title after the click: $title" ;; esac
pgrep -P "$app" -x cgtop >/dev/null || fail "no live cgtop stream under the explorer"
echo "live: $(ps -o args= -p "$(pgrep -P "$app" -x cgtop | head -1)")"

# 3. Esc cancels the stream (SIGTERM, cgtop cleans up); closing the explorer leaves no child behind.
xdotool key Escape
i=0
while pgrep -P "$app" -x cgtop >/dev/null && [ $i -lt 30 ]; do sleep 0.2; i=$((i + 1)); done
pgrep -P "$app" >/dev/null && fail "children still running after Esc: $(pgrep -P "$app" -a)"
kill "$app"; wait "$app" 2>/dev/null; app=
echo "PASS: layer click, live cgroups stream and cancel on a real X display"
