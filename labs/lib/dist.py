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


def solution_lines(lab_dir):
    """Substantial lines of a lab's solution/ (code, not comments) that no handout or starter file also has."""
    def lines_of(paths):
        found = set()
        for path in paths:
            try:
                with open(path, encoding="utf-8") as f:
                    found.update(line.strip() for line in f)
            except (UnicodeDecodeError, OSError):
                continue
        return found

    def files_under(folder):
        return [os.path.join(root, f) for root, _, files in os.walk(folder) for f in files]

    solution = os.path.join(lab_dir, "solution")
    given = [p for p in files_under(lab_dir) if not p.startswith(solution + os.sep) and not p.endswith("lab.py")]
    # What a student hands in (C, shell, assembly, answers); the instructors' Python helpers are not answers.
    answers = [p for p in files_under(solution) if not p.endswith(".py")]
    return {line for line in lines_of(answers) - lines_of(given)
            if len(line) >= 25 and not line.startswith(("#", "//", ";", "*", "/*"))}


def leaks(lab):
    """Solution lines that a lab's grader (lab.py, shipped to students) would give away."""
    lab_dir = os.path.join(LABS, lab)
    with open(os.path.join(lab_dir, "lab.py"), encoding="utf-8") as f:
        grader = f.read()
    return sorted(line for line in solution_lines(lab_dir) if line in grader)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("labs", nargs="+")
    args = parser.parse_args(argv)
    missing = [lab for lab in args.labs if not os.path.exists(os.path.join(LABS, lab, "lab.py"))]
    if missing:
        print(f"dist: no lab.py in labs/{missing[0]}; fix labs/LABS or add the lab", file=sys.stderr)
        return 2
    for lab in args.labs:
        leaked = leaks(lab)
        if leaked:
            print(f"dist: labs/{lab}/lab.py contains solution code ({leaked[0][:60]!r}); move it to "
                  f"labs/{lab}/solution/ (e.g. the mistakes into solution/mistakes.py)", file=sys.stderr)
            return 1
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
