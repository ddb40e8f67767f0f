#!/usr/bin/env python3
"""virtlab-runc and cgtop on pure cgroup v2, in the test VM (this host is hybrid, so the lifecycle test runs on v1).

Two busybox bundles (config.json from the lifecycle test's make_bundle) go into one test-VM boot, where
runc_pure_v2_guest.sh drives them and records what the runtime did and what the kernel's files say:
- "life", as podman calls runc (--systemd-cgroup machine.slice:libpod:ID, a cgroup namespace, a read-only cgroup
  mount): create → state → start → state → exec (cgroup, the mount, exit code, --detach) → kill TERM → delete, with
  memory.max, pids.max, cpu.max and cgroup.procs read in its cgroup;
- "once", as docker does (/docker/ID, no cgroup namespace): `run` (ended by `kill TERM` once cgtop has seen it), its
  exit code and its /proc/self/cgroup;
- cgtop --json while both run: rows named "podman <id>" and "docker <id>" whose limits are the kernel's files,
  every document valid against schemas/cgtop.v1.json;
- nothing left: state directory, cgroup directories (and the parents made for them), mounts, processes;
- then real podman (4.3 from Debian, with conmon, copied in) runs an imported busybox image with --runtime
  virtlab-runc, --memory/--cpus/--pids-limit: the kernel's files, cgtop's row "podman vl-v2" with podman's own
  limits, exec, stop (exit code 3), rm; this part is left out, with the reason, where podman is not installed.
First, `run` from the initramfs itself fails (pivot_root cannot move rootfs) with one line saying so, leaving
nothing; the guest then works from a bind of / moved over /, as a system booted from a disk. This script judges the
record. Exit 77 with the reason when the test VM cannot run here.

usage: runc_pure_v2_test.py TESTVM VIRTLAB_RUNC CGTOP
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from runc_lifecycle_test import make_bundle  # noqa: E402  (the same bundle the host's lifecycle test runs)
sys.path.insert(0, os.path.join(HERE, "..", "engines"))
from engine_helpers import busybox_tar  # noqa: E402  (the engines tests' image)

GUEST_SCRIPT = os.path.join(HERE, "runc_pure_v2_guest.sh")
GUEST_BUNDLES = "/vl-v2"
GUEST_IMAGE_TAR = "/vl-v2-image/rootfs.tar"
PODMAN_FILES = ["/etc/containers/policy.json", "/etc/containers/registries.conf",
                "/usr/share/containers/containers.conf", "/usr/share/containers/seccomp.json"]
LIFE_ID = hashlib.sha256(b"virtlab pure v2 life").hexdigest()  # the engines' ids are 64 hex digits
ONCE_ID = hashlib.sha256(b"virtlab pure v2 once").hexdigest()
LIFE_CGROUP = f"/machine.slice/libpod-{LIFE_ID}.scope"  # what --systemd-cgroup makes of machine.slice:libpod:ID
ONCE_CGROUP = f"/docker/{ONCE_ID}"
LIFE_LIMITS = {"memory.max": str(64 << 20), "pids.max": "32", "cpu.max": "50000 100000"}
ONCE_LIMITS = {"memory.max": str(32 << 20), "pids.max": "16", "cpu.max": "25000 100000"}
with open(os.path.join(HERE, "..", "..", "schemas", "cgtop.v1.json")) as f:
    CGTOP_SCHEMA = json.load(f)
failures = []


def check(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else f": {detail}"))
    if not ok:
        failures.append(what)


def resources(limits):
    quota, period = (int(n) for n in limits["cpu.max"].split())
    return {"memory": {"limit": int(limits["memory.max"])}, "pids": {"limit": int(limits["pids.max"])},
            "cpu": {"quota": quota, "period": period}}


def write_configs(tmp):
    """life/config.json and once/config.json under tmp/payload (copied to GUEST_BUNDLES; the guest adds rootfs/)."""
    trap = "trap 'echo TERM > /proof/term; exit 7' TERM; sleep 100 & wait"
    life = make_bundle(os.path.join(tmp, "life"), ["sh", "-c", trap], cgroupsPath=f"machine.slice:libpod:{LIFE_ID}",
                       resources=resources(LIFE_LIMITS))
    once = make_bundle(os.path.join(tmp, "once"),
                       ["sh", "-c", "cat /proc/self/cgroup; trap 'exit 3' TERM; sleep 100 & wait"],
                       cgroupsPath=ONCE_CGROUP, resources=resources(ONCE_LIMITS),
                       namespaces=[{"type": t} for t in ("pid", "network", "ipc", "uts", "mount")])
    extra_mounts = [{"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
                     "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]},
                    {"destination": "/proof", "type": "bind", "source": "/tmp/vl-v2-proof", "options": ["rbind", "rw"]}]
    payload = os.path.join(tmp, "payload")
    for name, bundle, mounts in (("life", life, extra_mounts), ("once", once, [])):
        with open(os.path.join(bundle, "config.json")) as f:
            config = json.load(f)
        config["mounts"] += mounts
        os.makedirs(os.path.join(payload, name))
        with open(os.path.join(payload, name, "config.json"), "w") as f:
            json.dump(config, f)
    return payload


def podman_files(tmp):
    """podman, conmon, their config and the image tarball for the guest; [] (and the reason) without podman."""
    podman, conmon = shutil.which("podman"), shutil.which("conmon") or "/usr/libexec/podman/conmon"
    if not podman or not os.path.exists(conmon):
        print("     podman part left out: podman or conmon is not installed (packages.txt lists podman)")
        return None, []
    files = [podman, conmon] + [f for f in PODMAN_FILES if os.path.exists(f)]
    return podman, files + [f"{busybox_tar(tmp)}:{GUEST_IMAGE_TAR}"]


def run_in_vm(testvm, runtime, cgtop, tmp):
    payload = write_configs(tmp)
    podman, files = podman_files(tmp)
    args = [testvm, "run", "--skip-code", "77", "--timeout", "420", "--mem", "1G", "--env", "VL_V2_IN_TESTVM=1"]
    for f in [runtime, cgtop, f"{payload}:{GUEST_BUNDLES}", GUEST_SCRIPT] + files:
        args += ["--file", f]
    args += ["--", "sh", GUEST_SCRIPT, runtime, cgtop, GUEST_BUNDLES, LIFE_CGROUP, ONCE_CGROUP]
    args += [podman, GUEST_IMAGE_TAR] if podman else []
    return subprocess.run(args, capture_output=True, text=True, timeout=720), podman is not None


def parse(stdout):
    facts, documents, table = {}, [], []
    for line in stdout.splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "@fact":
            name, _, value = rest.partition(" ")
            facts[name] = value.replace("\037", "\n")
        elif kind == "@cgtop-json":
            documents.append(rest)
        elif kind == "@cgtop-table":
            table.append(rest)
        elif kind == "@podman-cgtop-json":
            facts["podman.cgtop"] = rest
    return facts, documents, table


def state_of(facts, name):
    try:
        return json.loads(facts.get(f"{name}.out", ""))
    except ValueError:
        return {"status": f"(no state: {facts.get(f'{name}.err', '')})"}


def limits_in_kernel(facts, who, cgroup, limits):
    for file, want in limits.items():
        got = facts.get(f"{who}.{file}")
        check(f"{who}: {file} in {cgroup} is {want}", got == want, repr(got))


def check_initramfs(f):
    """`run` from the initramfs itself, before the guest script moves a bind of / over /: pivot_root cannot work."""
    err = f.get("initramfs.run.err", "")
    check("from the initramfs: run fails with exit 1 (pivot_root cannot move rootfs)",
          f.get("initramfs.run.exit") == "1", f.get("initramfs.run.exit"))
    check("from the initramfs: one error line that names the initramfs and the way out",
          len(err.splitlines()) == 1 and "root is the initramfs (rootfs)" in err and "switch_root" in err, err)
    check("from the initramfs: nothing left (cgroups, state)", f.get("initramfs.left") == "", f.get("initramfs.left"))


def check_life(f):
    check("the guest's cgroup2 is pure v2 with every controller", f.get("layout", "").startswith("cgroup2 cpuset cpu"),
          f.get("layout"))
    check("life: create exits 0", f.get("life.create.exit") == "0", f.get("life.create.err"))
    pid = f.get("life.pid_file", "0")
    state = state_of(f, "life.state_created")
    check("life: state after create: created, pid = the pid file", state.get("status") == "created" and
          str(state.get("pid")) == pid and pid != "0", str(state))
    check("life: --systemd-cgroup machine.slice:libpod:ID put the init in /machine.slice/libpod-ID.scope",
          f.get("life.proc_cgroup") == f"0::{LIFE_CGROUP}", f.get("life.proc_cgroup"))
    limits_in_kernel(f, "life", LIFE_CGROUP, LIFE_LIMITS)
    check("life: cgroup.procs holds the init's pid", f.get("life.cgroup.procs") == pid, f.get("life.cgroup.procs"))
    controllers = f.get("life.cgroup.controllers", "").split()
    check("life: cpu, memory and pids enabled on the way (machine.slice's cgroup.subtree_control)",
          {"cpu", "memory", "pids"} <= set(f.get("life.parent_subtree_control", "").split()) and
          {"cpu", "memory", "pids"} <= set(controllers), f.get("life.parent_subtree_control"))
    check("life: start exits 0", f.get("life.start.exit") == "0", f.get("life.start.err"))
    check("life: state after start: running", state_of(f, "life.state_running").get("status") == "running")
    lines = f.get("life.exec_cgroup.out", "").splitlines() + [""] * 2
    check("life: exec'd process sees /proc/self/cgroup '0::/' (the cgroup namespace's root is the container's)",
          lines[0] == "0::/", repr(lines[0]))
    check("life: exec'd process runs in the container's root (no /vl-v2 of the guest there)", lines[1] == "own-root",
          repr(lines[1]))
    lines = f.get("life.exec_mount.out", "").splitlines() + [""] * 5
    check("life: its cgroup2 mount shows the container's own limits at the root (64 MiB, 32, 50000 100000)",
          lines[:3] == list(LIFE_LIMITS.values()), str(lines[:3]))
    check("life: the cgroup mount is cgroup2, read-only (config.json's ro)",
          lines[3].startswith("ro,") and " - cgroup2 " in lines[3] and lines[4] == "read-only",
          f"{lines[3]!r}, {lines[4]!r}")
    check("life: exec returns the process's exit code (4)", f.get("life.exec_status.exit") == "4",
          f"{f.get('life.exec_status.exit')}: {f.get('life.exec_status.err')}")
    detached = f.get("life.exec_detached_pid", "")
    check("life: exec --detach: the process is in the container's cgroup.procs",
          detached and detached in f.get("life.cgroup.procs_with_exec", "").split(),
          f.get("life.cgroup.procs_with_exec"))


def check_once(f):
    limits_in_kernel(f, "once", ONCE_CGROUP, ONCE_LIMITS)
    check("once: kill TERM of a `run` container exits 0", f.get("once.kill.exit") == "0", f.get("once.kill.err"))
    check("once: run exits with the container's status (3, its TERM trap)", f.get("once.run.exit") == "3",
          f"{f.get('once.run.exit')}: {f.get('once.run.err')}")
    check("once: without a cgroup namespace the container sees its full path '0::/docker/ID'",
          f.get("once.run.out") == f"0::{ONCE_CGROUP}", repr(f.get("once.run.out")))
    check("once: its cgroup and the /docker parent made for it are gone", f.get("once.cgroup_after") == "",
          f.get("once.cgroup_after"))


def check_end(f):
    check("life: kill TERM exits 0", f.get("life.kill.exit") == "0", f.get("life.kill.err"))
    state = state_of(f, "life.state_stopped")
    check("life: state after the exit: stopped, pid 0", state.get("status") == "stopped" and state.get("pid") == 0,
          str(state))
    check("life: the container's TERM trap ran (it wrote /proof/term)", f.get("life.proof") == "TERM",
          f.get("life.proof"))
    check("life: delete exits 0", f.get("life.delete.exit") == "0", f.get("life.delete.err"))
    check("life: the init is gone", f.get("life.pid_after") == "", f.get("life.pid_after"))
    check("life: its cgroup and the machine.slice made for it are gone", f.get("life.cgroup_after") == "",
          f.get("life.cgroup_after"))
    check("life: the state directory is gone", f.get("life.state_dir_after") == "", f.get("life.state_dir_after"))
    check("no cgroup directory left in the guest", f.get("cgroups_left") == f.get("cgroups_before"),
          f.get("cgroups_left"))
    check("no mount of the bundles left", f.get("mounts_left") == "0", f.get("mounts_left"))


def check_cgtop_row(rows, f, who, label, cgroup, kind):
    row = next((r for r in rows if r.get("path") == cgroup), None)
    check(f"cgtop: a row for {cgroup}", row is not None)
    if not row:
        return
    check(f"cgtop: it is named '{label}' (kind {kind})", row["label"] == label and row["kind"] == kind,
          f"{row['label']!r} ({row['kind']})")
    quota, period = (int(n) for n in f.get(f"{who}.cpu.max", "0 1").split())
    kernel = (int(f.get(f"{who}.memory.max", -1)), quota / period, int(f.get(f"{who}.pids.max", -1)))
    shown = (row["memory"]["limit"], row["cpu"]["quota_cores"], row["tasks"]["max"])
    check(f"cgtop: {label}'s limits are the kernel's files (memory.max, cpu.max, pids.max = {kernel})", shown == kernel,
          str(shown))
    check(f"cgtop: {label}'s tasks counted from pids.current (≥ 1)", (row["tasks"]["current"] or 0) >= 1,
          str(row["tasks"]))


def valid_cgtop(text):
    """One line of cgtop --json, checked against schemas/cgtop.v1.json."""
    try:
        doc = json.loads(text)
        errors = [f"/{'/'.join(map(str, e.path))}: {e.message}"
                  for e in jsonschema.Draft202012Validator(CGTOP_SCHEMA).iter_errors(doc)]
    except ValueError as e:
        doc, errors = {}, [str(e)]
    check("cgtop --json: a valid cgtop/1 document", not errors, "; ".join(errors)[:300])
    return doc


def check_cgtop(documents, f):
    parsed = [valid_cgtop(text) for text in documents]
    check("cgtop --json -n 2: two documents", len(parsed) == 2, str(len(parsed)))
    if not parsed:
        return
    last = parsed[-1]
    check("cgtop: the layout is v2", last.get("hierarchy", {}).get("layout") == "v2", str(last.get("hierarchy")))
    rows = last.get("cgroups", [])
    check_cgtop_row(rows, f, "life", f"podman {LIFE_ID[:12]}", LIFE_CGROUP, "podman")
    check_cgtop_row(rows, f, "once", f"docker {ONCE_ID[:12]}", ONCE_CGROUP, "docker")


def check_podman(f):
    """Real podman with --runtime virtlab-runc on pure v2 (its cgroup from /proc/PID/cgroup of the container)."""
    check("podman import of the busybox tarball", f.get("podman.import.exit") == "0", f.get("podman.import.err"))
    check("podman run -d --runtime virtlab-runc --memory 64m --cpus 0.5 --pids-limit 50", f.get("podman.run.exit") == "0",
          f.get("podman.run.err"))
    cgroup = f.get("podman.cgroup", "")
    check("podman: the container's cgroup is libpod-ID (cgroupfs manager)", "/libpod-" in cgroup, cgroup)
    limits_in_kernel(f, "podman", cgroup, {"memory.max": str(64 << 20), "pids.max": "50", "cpu.max": "50000 100000"})
    rows = valid_cgtop(f.get("podman.cgtop", "")).get("cgroups", [])
    row = next((r for r in rows if r.get("path") == cgroup and cgroup), {})
    check("cgtop: podman's container row is named from podman's own state: 'podman vl-v2'",
          row.get("label") == "podman vl-v2", str(row.get("label")))
    engine = (row.get("container") or {}).get("engine_limits")
    check("cgtop: podman's own limits (64 MiB, 0.5 CPU, 50 pids) beside the kernel's",
          engine == {"memory_bytes": 64 << 20, "cpus": 0.5, "pids": 50} and
          (row["memory"]["limit"], row["cpu"]["quota_cores"], row["tasks"]["max"]) == (64 << 20, 0.5, 50), str(engine))
    lines = f.get("podman.exec.out", "").splitlines()
    check("podman exec: '0::/' (podman's cgroup namespace) and the limits at its cgroup mount's root",
          lines == ["0::/", str(64 << 20), "50", "50000 100000"], f"{lines} {f.get('podman.exec.err')}")
    check("podman stop: the container's TERM trap → exit code 3", f.get("podman.stop.exit") == "0" and
          f.get("podman.exit_code.out") == "3", f"{f.get('podman.stop.err')} / {f.get('podman.exit_code.out')}")
    check("podman rm: exits 0, the container's cgroup is gone", f.get("podman.rm.exit") == "0" and
          f.get("podman.cgroup_after") == "", f"{f.get('podman.rm.err')} / {f.get('podman.cgroup_after')}")


def main():
    if os.geteuid() != 0:
        print("skip: the test VM and virtlab-runc need root")
        return 77
    testvm, runtime, cgtop = (os.path.abspath(p) for p in sys.argv[1:4])  # the guest has them at the same paths
    status = subprocess.run([testvm, "status"], capture_output=True, text=True)
    if status.returncode != 0:
        text = (status.stdout + status.stderr).strip()
        reason = next((line for line in text.splitlines() if line.startswith("VM runs here:")), text[-300:])
        print(f"skip: the test VM cannot run here ({reason})")
        return 77
    with tempfile.TemporaryDirectory(prefix="vl-runc-v2-") as tmp:
        vm, with_podman = run_in_vm(testvm, runtime, cgtop, tmp)
    if vm.returncode == 77:
        print(f"skip: {vm.stderr.strip()[-300:]}")
        return 77
    facts, documents, table = parse(vm.stdout)
    check("the guest script ran to the end (exit 0)", vm.returncode == 0 and "mounts_left" in facts,
          f"exit {vm.returncode}: {vm.stderr.strip()[-600:]}")
    check_initramfs(facts)
    check_life(facts)
    check_cgtop(documents, facts)
    check_once(facts)
    check_end(facts)
    if with_podman:
        check_podman(facts)
    print("\n".join(f"     cgtop | {line}" for line in table))
    print("PASS" if not failures else f"FAIL: {len(failures)} checks")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
