#!/bin/sh
# One walkthrough live, as root: every step's commands run on this machine (explorer --lecture … --record, no test
# VM), then the new recording is drawn into the PDF handout (--replay … --export, one page per step). A step whose
# command fails here (a `needs` this machine lacks) passes only when the committed recording
# (lectures/recordings/<id>.jsonl, copied in first) has that step's documents, which the explorer then keeps.
# Usage: lecture_live_test.sh EXPLORER LECTURE.json   (77 = skipped, reason printed)
set -u
explorer=$1
lecture=$2
id=$(basename "$lecture" .json)
committed=$(dirname "$lecture")/recordings/$id.jsonl
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (the walkthrough's commands read page tables, cgroups and namespaces)"; exit 77; }
for tool in pagewalk cgtop nsenter-lite vmctl testvm; do
  [ -x "$(dirname "$explorer")/$tool" ] || { echo "SKIP: $tool is not built beside the explorer"; exit 77; }
done
work=$(mktemp -d /tmp/explorer-lecture-live.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -f "$committed" ] && cp "$committed" "$work/$id.jsonl"
export QT_QPA_PLATFORM=offscreen
"$explorer" --lecture "$lecture" --record "$work/$id.jsonl" --no-testvm >"$work/record.log" 2>&1
rc=$?
grep -v XDG_RUNTIME "$work/record.log"
if [ $rc != 0 ] && [ ! -f "$committed" ]; then
  echo "SKIP: a step cannot run on this machine and $committed is not committed yet (scripts/record-lectures $id)"
  exit 77
fi
[ $rc = 0 ] || { echo "FAIL: --record exited $rc (a step failed here and the committed recording has no documents for it)"; exit 1; }
"$explorer" --lecture "$lecture" --replay "$work/$id.jsonl" --export "$work/handout.pdf" 2>&1 | grep -v XDG_RUNTIME
steps=$(grep -c . "$work/$id.jsonl")
pages=$(grep -a -c -E '/Type ?/Page([^s]|$)' "$work/handout.pdf")
[ "$pages" = "$steps" ] || { echo "FAIL: the handout has $pages page(s) for $steps step(s)"; exit 1; }
echo "PASS: $id live as root ($steps steps) and its handout"
