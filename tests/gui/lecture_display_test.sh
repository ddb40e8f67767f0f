#!/bin/sh
# The lecture presentation on a real X server (Xvfb) with a real window, driven by the keys a clicker sends
# (xdotool, XTEST): → → ← "5" Enter Home Space PgDn PgUp. The explorer prints "step N/M <id> [ms]" to stderr when
# a step is painted (--trace-steps); after every key the last painted step must be the expected one. Finally "q"
# closes the window and the explorer exits 0.
# Usage: lecture_display_test.sh EXPLORER   (77 = skipped, reason printed)
set -u
explorer=$1
here=$(cd "$(dirname "$0")" && pwd)
lecture=$here/fixtures/lecture/lecture-test.json
recording=$here/fixtures/lecture/lecture-test.jsonl
for tool in Xvfb xdotool; do
  command -v $tool >/dev/null || { echo "SKIP: $tool is not installed (apt-get install xvfb xdotool)"; exit 77; }
done

work=$(mktemp -d /tmp/explorer-lecture.XXXXXX)
xvfb=; app=
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "FAIL: $*"; sed 's/^/  explorer: /' "$work/explorer.log" | tail -8; exit 1; }

Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
i=0
while [ ! -s "$work/display" ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
[ -s "$work/display" ] || fail "Xvfb did not start: $(tail -1 "$work/xvfb.log")"
DISPLAY=":$(cat "$work/display")"
export DISPLAY
echo "Xvfb on $DISPLAY"

QT_QPA_PLATFORM=xcb "$explorer" --lecture "$lecture" --replay "$recording" --lang en --trace-steps \
  >"$work/explorer.log" 2>&1 &
app=$!
window=$(timeout 30 xdotool search --sync --onlyvisible --name 'virtlab lecture' | head -1)
[ -n "$window" ] || fail "no lecture window appeared"
echo "window: $(xdotool getwindowname "$window") ($(xdotool getwindowgeometry "$window" | tr '\n' ' '))"

last_step() { grep '^step ' "$work/explorer.log" | tail -1 | cut -d' ' -f2,3; }
expect_step() {  # expect_step "N/M id" WHAT: wait until that step is the last one painted
  i=0
  while [ "$(last_step)" != "$1" ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
  [ "$(last_step)" = "$1" ] || fail "after $2 the painted step is \"$(last_step)\", expected \"$1\""
  echo "$2 -> $(grep '^step ' "$work/explorer.log" | tail -1)"
}
expect_step "1/5 kernel-layers" "start"
xdotool mousemove 800 500
xdotool windowfocus --sync "$window" 2>/dev/null || true
press() { xdotool key --delay 80 "$@"; }
press Right;        expect_step "2/5 page-fault" "Right"
press Right;        expect_step "3/5 cgroup-tree" "Right"
press Left;         expect_step "2/5 page-fault" "Left"
press 5 Return;     expect_step "5/5 kvm" "5 Enter"
press Home;         expect_step "1/5 kernel-layers" "Home"
press space;        expect_step "2/5 page-fault" "Space"
press Next;         expect_step "3/5 cgroup-tree" "PgDn"
press Prior;        expect_step "2/5 page-fault" "PgUp"
press End;          expect_step "5/5 kvm" "End"
press q
i=0
while kill -0 "$app" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
kill -0 "$app" 2>/dev/null && fail "q did not close the presentation"
wait "$app"; rc=$?; app=
[ "$rc" = 0 ] || fail "the explorer exited $rc"
echo "PASS: keyboard navigation of a walkthrough on a real X display"
