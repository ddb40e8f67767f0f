#!/bin/sh
# Runs a command against a process made for the purpose: starts `sleep`, replaces @PID@ and @STACK@ (the start of
# its [stack] mapping) in the arguments, runs the command, kills the sleep, and exits with the command's status.
sleep 60 >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT INT TERM
# Wait until the exec is done (the maps then show sleep's own [stack]).
for _ in 1 2 3 4 5 6 7 8 9 10; do
  [ "$(cat /proc/$pid/comm 2>/dev/null)" = sleep ] && break
  sleep 0.05
done
stack=$(grep -m1 '\[stack\]' /proc/$pid/maps | cut -d- -f1)
cmd=
for arg in "$@"; do
  arg=$(printf '%s' "$arg" | sed "s/@PID@/$pid/g; s/@STACK@/$stack/g")
  cmd="$cmd '$arg'"
done
eval "$cmd"
