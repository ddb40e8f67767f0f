#!/bin/sh
# The package installs and runs on a fresh Debian 12: scripts/package builds the .deb (and runs lintian), mmdebstrap
# makes a bookworm root from the mirror, apt installs the .deb there (Depends resolved from the mirror, Recommends
# resolved in a simulation), then every tool's --version, pagewalk --json on a shell of the root, the man pages,
# completions, .desktop entry and data files are checked. The root is removed on success, failure and SIGTERM.
# usage: test-install.sh BUILD-DIR      (ctest -L package; VIRTLAB_DEBIAN_MIRROR overrides the mirror)
set -eu
build=$(cd "$1" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)
mirror=${VIRTLAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${VIRTLAB_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
tools="pagewalk cgtop nsenter-lite virtlab-runc vmctl testvm explorer"

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: needs root (mmdebstrap makes the root as root, chroot and mounting /proc need it)"
  exit 77
fi
if ! command -v mmdebstrap >/dev/null; then
  echo "SKIP: mmdebstrap not installed (packages.txt): run scripts/install-deps"
  exit 77
fi
if [ ! -x "$build/bin/explorer" ]; then
  echo "SKIP: $build has no explorer (a build without the GUI makes no complete package)"
  exit 77
fi

work=$(mktemp -d "$build/package-test.XXXXXX")
root=$work/root
cleanup() {
  status=$?
  trap - EXIT INT TERM
  # Unmount first (our /proc, and what an interrupted mmdebstrap left), deepest first: removing the root must
  # never reach into a mounted file system.
  for mount in $(findmnt -rn -o TARGET | grep "^$root/" | sort -r); do umount "$mount" || umount -l "$mount"; done
  if findmnt -rn -o TARGET | grep -q "^$root/"; then
    echo "test-install: mounts left under $root; left $work in place" >&2
  else
    rm -rf --one-file-system "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
fail() {
  echo "test-install: FAIL: $*" >&2
  exit 1
}
started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started)) s"; }

echo "== build the package (scripts/package: cpack -G DEB, lintian)"
deb=$("$repo/scripts/package" | tail -n 1)
[ -f "$deb" ] || fail "scripts/package printed no .deb path"
echo "$deb ($(elapsed))"

echo "== a fresh Debian 12 root (mmdebstrap --variant=apt bookworm, $mirror)"
# The apt lists are kept (apt installs from them below); resolv.conf lets apt reach the mirror from the root.
mmdebstrap --quiet --variant=apt --skip=cleanup/apt/lists bookworm "$root" "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
  "deb $security bookworm-security main" || fail "mmdebstrap could not make the root (mirror reachable?)"
echo "root made ($(elapsed))"

mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

echo "== apt installs the package (its Depends from the mirror)"
in_root sh -c "apt-get install --simulate -q /tmp/$(basename "$deb") >/tmp/with-recommends.txt 2>&1" ||
  fail "apt cannot resolve the package with its Recommends: $(tail -n 5 "$root/tmp/with-recommends.txt")"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1 || {
  tail -n 20 "$work/apt.log" >&2
  fail "apt-get install of the package failed"
}
echo "installed ($(elapsed))"

echo "== every tool's --version"
version=$(dpkg-deb -f "$deb" Version | sed 's/-[^-]*$//')
for tool in $tools; do
  out=$(in_root "$tool" --version 2>&1) || fail "$tool --version exited $?: $out"
  echo "$tool --version: $out"
  case "$out" in *"$version"*) ;; *) fail "$tool --version does not print the package version $version" ;; esac
done

echo "== pagewalk --json on a shell of the root"
in_root sh -c 'exec pagewalk --json $$' >"$work/pagewalk.json" || fail "pagewalk --json exited $?"
python3 "$repo/tests/schema/validate_output.py" --json "$repo/schemas/pagewalk.v1.json" --file "$work/pagewalk.json" ||
  fail "pagewalk's JSON does not match schemas/pagewalk.v1.json"
python3 - "$work/pagewalk.json" <<'EOF' || fail "pagewalk's walk of itself is not a real walk"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
paths = {vma.get("path") for vma in doc["vmas"]}
assert "/usr/bin/pagewalk" in paths, f"no /usr/bin/pagewalk mapping in {sorted(p for p in paths if p)}"
assert doc["totals"]["resident"] > 0, doc["totals"]
assert doc["access"]["pfn_visible"], doc["access"]
print(f"pagewalk pid {doc['process']['pid']} ({doc['process']['command']}): {len(doc['vmas'])} VMAs, "
      f"{doc['totals']['resident']} resident pages, PFNs visible")
EOF

echo "== man pages, completions, .desktop entry, icon, data"
for tool in $tools; do
  [ -s "$root/usr/share/man/man1/$tool.1.gz" ] || fail "no /usr/share/man/man1/$tool.1.gz"
  zcat "$root/usr/share/man/man1/$tool.1.gz" | grep -q '^\.SH' || fail "$tool.1.gz has no sections"
  completion=/usr/share/bash-completion/completions/$tool
  in_root bash -c ". $completion && complete -p $tool" >/dev/null || fail "$completion does not register a completion"
done
in_root test -s /usr/share/applications/virtlab-explorer.desktop || fail "no virtlab-explorer.desktop"
in_root test -s /usr/share/icons/hicolor/scalable/apps/virtlab-explorer.svg || fail "no virtlab-explorer.svg"
for file in lectures/virtualization.json lectures/recordings/virtualization.jsonl schemas/pagewalk.v1.json \
  labs/lib/gradelib.py labs/Makefile; do
  in_root test -s "/usr/share/virtlab/$file" || fail "no /usr/share/virtlab/$file"
done
[ -z "$(find "$root/usr/share/virtlab/labs" -name solution)" ] || fail "a lab solution is in the package"
in_root test -s /usr/share/doc/virtlab/copyright || fail "no copyright file"
in_root test -s /usr/share/doc/virtlab/changelog.Debian.gz || fail "no changelog.Debian.gz"

echo "test-install: PASS in $(elapsed) (package $(basename "$deb"), $(du -sh "$deb" | cut -f1))"
