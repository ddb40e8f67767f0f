#!/bin/sh
# vmctl run --trace-exits on this host's KVM: the JSON says whether kvm:kvm_exit fired (kvm_pvm: it does not, and
# every return to vmctl is a kvm_userspace_exit without one), its pairing matches vmctl's own count when it does, and
# no trace instance of vmctl is left — after a normal run and after SIGTERM in the middle of one (exit 143).
# usage: trace_exits_test.sh VMCTL
set -u
vmctl=$1
[ -e /dev/kvm ] || { echo "SKIP: no /dev/kvm here (the test VM case in vm_cases.sh covers the nested path)"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "SKIP: tracefs instances need root"; exit 77; }
instances=/sys/kernel/tracing/instances
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
leftovers() { ls "$instances" 2>/dev/null | grep '^vmctl-' ; }
"$vmctl" run hello --trace-exits --json > "$tmp/out.json" || { echo "FAIL: vmctl run hello --trace-exits"; fail=1; }
python3 - "$tmp/out.json" <<'PY' || fail=1
import json, sys
t = json.load(open(sys.argv[1]))["run"]["trace_exits"]
seen = t["exits_seen_by_vmctl"]
if t["fired"]:
    ok = t["to_vmctl"] == seen and t["exits"] == t["to_vmctl"] + t["in_kvm"] + t["unfinished"]
else:  # kvm_pvm: kvm_exit never fires, kvm_userspace_exit does, once per return to vmctl
    ok = t["exits"] == 0 and t["userspace_exits_without_exit"] == seen
print(("ok: " if ok else "FAIL: ") + f"hello --trace-exits: fired {t['fired']}, {t['exits']} traced, "
      f"{t['userspace_exits_without_exit']} returns to vmctl without kvm_exit, vmctl saw {seen}")
sys.exit(0 if ok else 1)
PY
[ -z "$(leftovers)" ] && echo "ok: no trace instance left" || { echo "FAIL: left: $(leftovers)"; fail=1; }
printf '\353\376' > "$tmp/spin.bin"  # jmp $: never halts
"$vmctl" run --image "$tmp/spin.bin" --mode real --timeout 60 --trace-exits > /dev/null 2>"$tmp/err" &
pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -n "$(leftovers)" ] && break; sleep 0.2; done
[ -n "$(leftovers)" ] && echo "ok: the instance exists while the guest runs" || { echo "FAIL: no instance seen"; fail=1; }
sleep 0.5
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" = 143 ] && echo "ok: SIGTERM → 143" || { echo "FAIL: SIGTERM gave $rc: $(cat "$tmp/err")"; fail=1; }
[ -z "$(leftovers)" ] && echo "ok: no trace instance left after SIGTERM" || { echo "FAIL: left: $(leftovers)"; fail=1; }
exit $fail
