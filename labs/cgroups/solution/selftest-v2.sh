#!/bin/sh
# The cgroups lab on pure cgroup v2, inside the test VM (testvm: QEMU, kernel 6.x, busybox): one full grade of the
# reference solution (seed 1), then the self-test for seed 2 (reference, every typical mistake, bad input).
# Run as root from anywhere: labs/cgroups/solution/selftest-v2.sh   (about 4 minutes under TCG; exit 77 = no VM)
# The VM gets Debian's /usr/bin/python3.11 with its stdlib and python3-jsonschema, the labs, schemas and cgtop.
set -eu
REPO=$(cd "$(dirname "$0")/../../.." && pwd)
BIN=${VIRTLAB_BIN:-$REPO/build/default/bin}
PY=/usr/bin/python3.11
DIST=/usr/lib/python3/dist-packages
for need in "$BIN/testvm" "$BIN/cgtop" "$PY" "$DIST/jsonschema"; do
  [ -e "$need" ] || { echo "SKIP: $need is missing (build virtlab; apt-get install python3-jsonschema)"; exit 77; }
done
DRIVE=$(mktemp /tmp/cglab-v2.XXXXXX)
trap 'rm -f "$DRIVE"' EXIT
cat > "$DRIVE" <<INNER
#!/bin/sh
grep cgroup /proc/self/mountinfo
export VIRTLAB_BIN=$BIN
$PY $REPO/labs/cgroups/lab.py --work /tmp/w handout --seed 1 --lang en > /dev/null
$PY $REPO/labs/cgroups/lab.py --work /tmp/w solve
$PY $REPO/labs/cgroups/lab.py --work /tmp/w grade || exit 1
$PY $REPO/labs/lib/selftest.py cgroups --seeds 2 || exit 1
left=\$(find /sys/fs/cgroup -name 'cglab-*')
[ -z "\$left" ] || { echo "left behind: \$left"; exit 1; }
echo "v2: all good, nothing left"
INNER
chmod +x "$DRIVE"
"$BIN/testvm" run --mem 1G --cpus 2 --timeout 900 --skip-code 77 --file "$DRIVE" --file "$PY" \
  --file /usr/lib/python3.11 --file "$DIST/jsonschema" --file "$DIST/attr" --file "$DIST/pyrsistent" \
  --file "$DIST/pvectorc.cpython-311-x86_64-linux-gnu.so" --file "$REPO/labs/lib" --file "$REPO/labs/cgroups" \
  --file "$REPO/schemas" --file "$BIN/cgtop" -- "$DRIVE"
