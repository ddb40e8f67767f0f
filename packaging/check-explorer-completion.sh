#!/bin/sh
# The hand-written explorer completion and `explorer --help` must name the same options (no drift either way).
# usage: check-explorer-completion.sh EXPLORER COMPLETION-FILE
set -eu
explorer=$1 completion=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
QT_QPA_PLATFORM=offscreen "$explorer" --help 2>/dev/null | grep -oE '^ +(-[a-z], )?--[a-z-]+' | tr ',' '\n' |
  tr -d ' ' | sort -u >"$tmp/help"
sed -n '/local words="/,/"$/p' "$completion" | grep -oE '(^|[" ])-{1,2}[a-z-]+' | tr -d ' "' | sort -u >"$tmp/completion"
if [ ! -s "$tmp/help" ] || [ ! -s "$tmp/completion" ]; then
  echo "check-explorer-completion: no options read (help: $(wc -l <"$tmp/help"), completion: $(wc -l <"$tmp/completion"))" >&2
  exit 1
fi
if ! diff -u "$tmp/help" "$tmp/completion" >"$tmp/diff"; then
  echo "check-explorer-completion: options differ ('-' only in explorer --help, '+' only in $completion):" >&2
  cat "$tmp/diff" >&2
  exit 1
fi
echo "check-explorer-completion: $(wc -l <"$tmp/help") options, the same in --help and the completion"
