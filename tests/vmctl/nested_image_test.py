#!/usr/bin/env python3
"""`vmctl run --image FILE` on a machine without /dev/kvm: vmctl re-runs itself inside the test VM, copies the image
in, and the inner run's exact exit trace comes back, marked nested, valid against the schema. The image is given by
a relative path from another working directory, so the path rewriting is exercised too.

usage: nested_image_test.py VMCTL SCHEMA IMAGE_ASM
Exit 0 pass, 1 fail, 77 skip (reason printed).
"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema


def main(argv):
    vmctl, schema_path, asm = [os.path.abspath(a) for a in argv]
    if os.path.exists("/dev/kvm"):
        print("SKIP: /dev/kvm exists here, so vmctl runs the image directly; this test checks the nested path")
        return 77
    tmp = tempfile.mkdtemp(prefix="vmctl-nested-image-")
    subprocess.run(["nasm", "-f", "bin", "-o", os.path.join(tmp, "custom.bin"), asm], check=True)
    cmd = [vmctl, "--nested", "run", "--image", "custom.bin", "--mode", "real", "--mem", "512K", "--json"]
    proc = subprocess.run(cmd, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=1500)
    if proc.returncode == 5:
        print("SKIP: the test VM cannot run here:", proc.stderr.strip())
        return 77
    failures = []

    def check(cond, what):
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            failures.append(what)

    check(proc.returncode == 0, f"vmctl --nested run --image: exit 0 (got {proc.returncode}; {proc.stderr[-500:]})")
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError:
        print("FAIL stdout is not one JSON document:", proc.stdout[:500])
        return 1
    errors = list(jsonschema.Draft202012Validator(json.load(open(schema_path, encoding="utf-8"))).iter_errors(doc))
    check(not errors, f"JSON valid against vmctl.v1.json {[e.message for e in errors[:3]]}")
    check(doc["nested"]["nested"] is True and doc["nested"]["via"] == "testvm", "output marked nested (testvm)")
    run = doc["run"]
    check(run["guest"] == "image" and run["mode"] == "real" and run["image_size"] == os.path.getsize(
        os.path.join(tmp, "custom.bin")), f"the image itself ran ({run['guest']}, {run['image_size']} bytes)")
    trace = [(e["reason"], e.get("direction"), e.get("port", e.get("address")), bytes(e.get("data", [])),
              e.get("length", e.get("size"))) for e in run["exits"]["trace"]]
    want = [("IO", "out", 0x3F8, b"O", 1), ("IO", "out", 0x3F8, b"K", 1), ("MMIO", "write", 0xA0010, b"\x5a", 1),
            ("MMIO", "read", 0xA0020, b"", 2), ("HLT", None, None, b"", None)]
    check(trace == want, f"exact exit trace {trace}")
    check(run["outcome"] == "halted" and run["serial"] == "OK", f"halted, serial 'OK' ({run['serial']!r})")
    check(run["vcpu_reports"][0]["registers"]["rbx"] & 0xFFFF == 0xFFFF, "the unbacked MMIO read returned all ones")
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
