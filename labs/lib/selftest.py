#!/usr/bin/env python3
"""Proves a lab's grader on this machine, as CI does for every lab:

  1. for each seed, the reference solution scores full marks;
  2. each declared typical mistake loses exactly the points of the checks it breaks (and of the checks that need
     them): every other check stays GOOD;
  3. bad input never gives a traceback: an empty work directory (handout only) grades as MISSING/BAD lines with
     `Score:` last, garbage in every answer file likewise.

usage: selftest.py LAB [--seeds 1,2,3] [--only full|mistakes|bad-input] [--mistake NAME]
Exit 0 when all hold, 1 when one does not (the grader's output is printed), 77 when the machine cannot check the
lab at all (every check UNCHECKED: the reason is printed).
"""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LABS = os.path.dirname(HERE)
STATUSES = ("GOOD", "BAD", "MISSING", "SKIPPED", "UNCHECKED")


def load_lab(name):
    spec = importlib.util.spec_from_file_location(f"lab_{name.replace('-', '_')}", os.path.join(LABS, name, "lab.py"))
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, HERE)
    spec.loader.exec_module(module)
    module.lab.register_instructor_mistakes()
    return module.lab


def lab_command(name, work, *args, timeout=900):
    argv = [sys.executable, os.path.join(LABS, name, "lab.py"), "--work", work, *args]
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)


def graded(name, work):
    """Grade as a student would; results.json must exist and match schemas/lab-results.v1.json."""
    proc = lab_command(name, work, "grade", "--results", "results.json")
    path = os.path.join(work, "results.json")
    expect(os.path.exists(path), "grade wrote no results.json", proc.stdout)
    with open(path, encoding="utf-8") as f:
        results = json.load(f)
    error = next(iter(results_validator().iter_errors(results)), None)
    expect(error is None, f"results.json does not match lab-results.v1.json: {error and error.message}", proc.stdout)
    return proc, results


def results_validator():
    import jsonschema

    with open(os.path.join(os.path.dirname(LABS), "schemas", "lab-results.v1.json"), encoding="utf-8") as f:
        return jsonschema.Draft202012Validator(json.load(f))


class Failure(Exception):
    pass


class Unsupported(Exception):
    pass


def expect(condition, message, output):
    if not condition:
        raise Failure(f"{message}\n--- grader output ---\n{output}")


def well_formed(output, results=None):
    lines = [line for line in output.splitlines() if line.strip()]
    expect("Traceback" not in output, "the grader printed a traceback", output)
    crashed = [c["name"] for c in (results or {}).get("checks", []) if c.get("grader_error")]
    expect(not crashed, f"the grader itself crashed in {', '.join(crashed)} (a lab bug; see grade-logs/)", output)
    expect(lines and lines[-1].startswith("Score: "), "the last line is not `Score: X/Y`", output)


def prepare(name, seed, solved):
    work = tempfile.mkdtemp(prefix=f"vl-lab-{name}-")
    proc = lab_command(name, work, "handout", "--seed", str(seed), "--lang", "en")
    if proc.returncode != 0:
        raise Failure(f"handout --seed {seed} failed:\n{proc.stdout}")
    if solved:
        proc = lab_command(name, work, "solve", "--seed", str(seed))
        if proc.returncode != 0:
            raise Failure(f"solve --seed {seed} failed:\n{proc.stdout}")
    return work


def full_marks(lab, seed, cross_seed=False):
    work = prepare(lab.name, seed, solved=True)
    try:
        proc, results = graded(lab.name, work)
        well_formed(proc.stdout, results)
        unchecked = [c for c in results["checks"] if c["status"] == "UNCHECKED"]
        if unchecked:  # this machine cannot prove the lab: say which check and why
            raise Unsupported(f"{unchecked[0]['name']}: {unchecked[0]['message']}")
        expect(results["score"] == results["total"] and proc.returncode == 0,
               f"seed {seed}: the reference solution scored {results['score']}/{results['total']}", proc.stdout)
        print(f"ok   seed {seed}: reference solution {results['score']}/{results['total']}")
        if cross_seed:
            other_student(lab, seed, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def other_student(lab, seed, work):
    """The same solved work graded as another student's: seeded checks must fail (nothing expected is fixed)."""
    other = seed + 1000
    with open(os.path.join(work, ".seed"), "w") as f:
        f.write(f"{other}\n")
    proc, results = graded(lab.name, work)
    well_formed(proc.stdout, results)
    expect(results["score"] < results["total"],
           f"seed {seed}'s solution scored full marks as seed {other}'s: some expected value does not depend on the "
           "seed", proc.stdout)
    print(f"ok   seed {seed}'s solution graded as seed {other}: {results['score']}/{results['total']}")
    # Graded as itself once more: the grader removes what the solution's own (seed-named) objects left behind.
    with open(os.path.join(work, ".seed"), "w") as f:
        f.write(f"{seed}\n")
    graded(lab.name, work)


def mistake(lab, seed, name):
    function, breaks = lab.broken[name]
    lost = lab.dependents(breaks)
    work = prepare(lab.name, seed, solved=True)
    try:
        function(seed, work)
        proc, results = graded(lab.name, work)
        well_formed(proc.stdout, results)
        not_good = {c["name"] for c in results["checks"] if c["status"] != "GOOD"}
        expect(not_good == lost, f"mistake {name!r} (seed {seed}) should fail exactly {sorted(lost)}, "
                                 f"but these are not GOOD: {sorted(not_good)}", proc.stdout)
        broken_lines = [c for c in results["checks"] if c["name"] in breaks]
        expect(all(c["status"] in ("BAD", "MISSING") and c["message"] for c in broken_lines),
               f"mistake {name!r}: the broken checks must be BAD/MISSING with a message", proc.stdout)
        points = sum(c["points"] for c in results["checks"] if c["name"] in lost)
        expect(results["score"] == results["total"] - points, f"mistake {name!r}: wrong score", proc.stdout)
        print(f"ok   mistake {name}: loses {points} points ({', '.join(sorted(lost))})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bad_input(lab, seed):
    work = prepare(lab.name, seed, solved=False)
    try:
        proc, results = graded(lab.name, work)
        well_formed(proc.stdout, results)
        expect(proc.returncode == 1 and results["score"] < results["total"],
               "an unsolved handout must not pass", proc.stdout)
        # Garbage in every file the student writes: still lines, never a traceback.
        for root, _, files in os.walk(work):
            for f in files:
                if f != ".seed":
                    with open(os.path.join(root, f), "wb") as out:
                        out.write(b"\xff\xfe garbage = = \x00 0xZZ\n=\nkey\n")
        proc, results = graded(lab.name, work)
        well_formed(proc.stdout, results)
        expect(proc.returncode == 1, "garbage answers must not pass", proc.stdout)
        proc = lab_command(lab.name, work, "grade", "no-such-check")
        expect(proc.returncode == 2 and "no check named" in proc.stdout, "an unknown check must be exit 2", proc.stdout)
        print("ok   bad input: unsolved and garbage work grade as lines, unknown check is a usage error")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    parser = argparse.ArgumentParser(description="self-test of one lab's grader")
    parser.add_argument("lab")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--only", choices=["full", "mistakes", "bad-input"])
    parser.add_argument("--mistake")
    args = parser.parse_args(argv)
    lab = load_lab(args.lab)
    seeds = [int(s) for s in args.seeds.split(",")]
    try:
        if args.only in (None, "full") and not args.mistake:
            for seed in seeds:
                full_marks(lab, seed, cross_seed=seed == seeds[0])
        if args.only in (None, "mistakes"):
            names = [args.mistake] if args.mistake else sorted(lab.broken)
            if not args.mistake and len(names) < 3:
                raise Failure(f"{lab.name} declares {len(names)} typical mistakes; at least 3 are required")
            for index, name in enumerate(names):
                mistake(lab, seeds[index % len(seeds)], name)
        if args.only in (None, "bad-input") and not args.mistake:
            bad_input(lab, seeds[0])
    except Unsupported as e:
        print(f"SKIP: {lab.name} cannot be checked on this machine: {e}")
        return 77
    except Failure as e:
        print(f"FAIL {lab.name}: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
