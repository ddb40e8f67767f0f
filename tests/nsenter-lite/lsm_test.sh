#!/bin/sh
# `nsenter-lite run --json` reports this kernel's LSMs (lsm_list_modules): the list must equal securityfs's own
# /sys/kernel/security/lsm, read here from a securityfs mounted in a private mount namespace (nothing left mounted).
# usage: lsm_test.sh NSENTER_LITE
set -u
tool=$1
if ! expected=$(unshare --mount --propagation private sh -c \
    'mount -t securityfs securityfs /sys/kernel/security 2>/dev/null || [ -r /sys/kernel/security/lsm ] &&
     cat /sys/kernel/security/lsm'); then
  echo "SKIP: cannot read /sys/kernel/security/lsm (no securityfs in this kernel, or not root)"
  exit 77
fi
report=$("$tool" run --json --rootfs busybox -- true) || { echo "FAIL: nsenter-lite run exited $?"; exit 1; }
got=$(printf '%s' "$report" | python3 -c '
import json, sys
lsm = json.load(sys.stdin)["container"]["lsm"]
print(",".join(lsm["active"]), lsm["source"], lsm["mandatory_access_control"], lsm["label"], sep="|")')
active=${got%%|*}
echo "securityfs: $expected"
echo "nsenter-lite: $got"
if [ "$active" != "$expected" ]; then echo "FAIL: active LSMs differ"; exit 1; fi
case "$expected" in
  *apparmor* | *selinux* | *smack* | *tomoyo*)
    case "$got" in *"|None|"*) echo "FAIL: a labelling LSM is active but not reported"; exit 1 ;; esac ;;
  *) case "$got" in *"|None|None") ;; *) echo "FAIL: no labelling LSM is active, yet one is reported"; exit 1 ;; esac ;;
esac
echo "ok"
