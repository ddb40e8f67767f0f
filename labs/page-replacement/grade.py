#!/usr/bin/env python3
"""Checker for the page-replacement lab (xv6 `make grade` style).

usage: grade.py [--answers FILE] [--pagewalk PATH] [--results FILE.json] [TEST ...]

Reads the student's answers (default answers.txt), asks `pagewalk simulate --seed ... --answers --json` for the
reference solution of the same exercise, and prints one line per test:
    GOOD  fifo-faults                       (2/2)
    BAD   lru-victims                       (0/3)  step 7 (ref 3): ...
    MISSING clock-write-backs               (0/2)  answer 'clock.write_backs' is empty
Exit status 0 when every selected test is GOOD, 1 otherwise, 2 on a usage error (bad answer file, no pagewalk).
TEST names select tests (e.g. `grade.py lru-victims`); --results writes a JSON summary for CI and the GUI.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

ALGORITHMS = ["fifo", "lru", "clock", "opt"]
# (test suffix, answer key suffix, points)
PARTS = [("faults", "faults", 2), ("write-backs", "write_backs", 2), ("victims", "victims", 3)]
EXERCISE_KEYS = {"seed": None, "frames": 3, "length": 12, "pages": 6, "write_percent": 25}


class UsageError(Exception):
    pass


def parse_answers(path):
    answers = {}
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror}; hint: run `make exercise SEED=<your seed>` first")
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" not in line:
            raise UsageError(f"{path}:{number}: expected 'key = value', got {line!r}")
        key, value = (part.strip() for part in line.split("=", 1))
        answers[key] = value
    return answers


def exercise_from(answers, path):
    exercise = {}
    for key, default in EXERCISE_KEYS.items():
        text = answers.get(key, "")
        if text == "":
            if default is None:
                raise UsageError(f"{path}: '{key}' is missing; hint: run `make exercise SEED=<your seed>`")
            exercise[key] = default
            continue
        try:
            exercise[key] = int(text)
        except ValueError:
            raise UsageError(f"{path}: '{key} = {text}' is not a whole number")
    return exercise


def find_pagewalk(explicit):
    candidates = [explicit] if explicit else []
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    candidates += [os.environ.get("PAGEWALK", ""), os.path.join(root, "build/default/bin/pagewalk"),
                   shutil.which("pagewalk") or ""]
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    raise UsageError("pagewalk not found; hint: build it (scripts/build or cmake --build build/default) "
                     "or pass --pagewalk PATH")


def solution(pagewalk, ex):
    cmd = [pagewalk, "simulate", "--seed", str(ex["seed"]), "--length", str(ex["length"]), "--pages",
           str(ex["pages"]), "--write-percent", str(ex["write_percent"]), "--frames", str(ex["frames"]),
           "--answers", "--json"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    if proc.returncode != 0:
        raise UsageError(f"{' '.join(cmd)} failed: {proc.stderr.strip()}")
    doc = json.loads(proc.stdout)
    if doc.get("schema") != "pagewalk/1" or doc.get("kind") != "simulate":
        raise UsageError("pagewalk printed an unexpected document (schema/kind)")
    return doc


def victim_hint(run, got):
    """Where the student's victim list first differs, in words (without giving the rest away)."""
    expected_steps = [s for s in run["steps"] if s["victim"] is not None]
    for i, step in enumerate(expected_steps):
        if i >= len(got):
            return f"you listed {len(got)} victims, there are more evictions (next at step {step['step']})"
        if got[i] != step["victim"]:
            return (f"eviction {i + 1} (step {step['step']}, reference {step['page']}): "
                    f"you wrote {got[i]}, which is not the page this algorithm evicts there")
    return f"you listed {len(got)} victims but there are only {len(expected_steps)} evictions"


def grade(answers, doc, selected):
    results = []
    runs = {run["algorithm"]: run for run in doc["runs"]}
    for algorithm in ALGORITHMS:
        run = runs[algorithm]
        for suffix, key_suffix, points in PARTS:
            name = f"{algorithm}-{suffix}"
            if selected and name not in selected:
                continue
            key = f"{algorithm}.{key_suffix}"
            given = answers.get(key, "")
            result = {"name": name, "points": points, "score": 0}
            if given == "":
                result.update(status="MISSING", detail=f"answer '{key}' is empty")
            elif key_suffix == "victims":
                got = given.replace(",", " ").split()
                expected = [s["victim"] for s in run["steps"] if s["victim"] is not None]
                if got == expected:
                    result.update(status="GOOD", score=points)
                else:
                    result.update(status="BAD", detail=victim_hint(run, got))
            else:
                expected = run[key_suffix]
                try:
                    ok = int(given) == expected
                except ValueError:
                    ok = False
                if ok:
                    result.update(status="GOOD", score=points)
                else:
                    what = "page faults (every miss, also the first loads)" if key_suffix == "faults" else \
                        "write-backs (evictions of Dirty pages: written with w since loaded)"
                    result.update(status="BAD", detail=f"{given} is not the number of {what}")
            results.append(result)
    return results


def main(argv):
    parser = argparse.ArgumentParser(description="page-replacement lab checker (GOOD/BAD/MISSING)")
    parser.add_argument("tests", nargs="*", help="only these tests, e.g. lru-victims")
    parser.add_argument("--answers", default="answers.txt")
    parser.add_argument("--pagewalk", default="")
    parser.add_argument("--results", help="write a JSON summary here")
    args = parser.parse_args(argv)
    known = {f"{a}-{p[0]}" for a in ALGORITHMS for p in PARTS}
    unknown = [t for t in args.tests if t not in known]
    try:
        if unknown:
            raise UsageError(f"no test named {', '.join(unknown)}; tests: {', '.join(sorted(known))}")
        answers = parse_answers(args.answers)
        exercise = exercise_from(answers, args.answers)
        doc = solution(find_pagewalk(args.pagewalk), exercise)
    except UsageError as e:
        print(f"grade: error: {e}", file=sys.stderr)
        return 2
    results = grade(answers, doc, set(args.tests))
    for r in results:
        line = f"{r['status']:<8}{r['name']:<22}({r['score']}/{r['points']})"
        if r.get("detail"):
            line += f"  {r['detail']}"
        print(line)
    score = sum(r["score"] for r in results)
    total = sum(r["points"] for r in results)
    print(f"Score: {score}/{total}")
    if args.results:
        with open(args.results, "w", encoding="utf-8") as f:
            json.dump({"lab": "page-replacement", "exercise": exercise, "score": score, "total": total,
                       "tests": results}, f, indent=2)
            f.write("\n")
    return 0 if score == total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
