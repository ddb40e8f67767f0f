#!/usr/bin/env python3
"""Builds the student bundle: every lab named, the shared grader and the JSON schemas, without solutions.

usage: dist.py --out FILE.tar.gz LAB...
Left out: each lab's solution/ (instructors only), the grader's self-test, and anything a student run wrote
(.seed, results.json, grade-logs/, build outputs).
"""
import argparse
import os
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
LABS = os.path.dirname(HERE)
REPO = os.path.dirname(LABS)
LEFT_OUT_NAMES = {"solution", "__pycache__", "grade-logs", "results.json", ".seed", ".hints.json", "selftest.py",
                  "test_gradelib.py", "dist.py", "CMakeLists.txt"}


def keep(info: tarfile.TarInfo):
    parts = info.name.split("/")
    if any(part in LEFT_OUT_NAMES for part in parts) or info.name.endswith(".pyc"):
        return None
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("labs", nargs="+")
    args = parser.parse_args(argv)
    missing = [lab for lab in args.labs if not os.path.exists(os.path.join(LABS, lab, "lab.py"))]
    if missing:
        print(f"dist: no lab.py in labs/{missing[0]}; fix labs/LABS or add the lab", file=sys.stderr)
        return 2
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with tarfile.open(args.out, "w:gz") as tar:
        for name in ["lib", "Makefile", "LABS"] + args.labs:
            tar.add(os.path.join(LABS, name), arcname=f"virtlab-labs/labs/{name}", filter=keep)
        tar.add(os.path.join(REPO, "schemas"), arcname="virtlab-labs/schemas", filter=keep)
    with tarfile.open(args.out) as tar:
        names = tar.getnames()
    leaked = [n for n in names if "/solution" in n]
    if leaked:
        print(f"dist: a solution slipped into the bundle: {leaked[0]}", file=sys.stderr)
        return 1
    print(f"dist: wrote {args.out} ({len(names)} entries, {len(args.labs)} labs, no solutions)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
