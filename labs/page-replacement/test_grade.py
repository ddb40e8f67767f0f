#!/usr/bin/env python3
"""Tests of the lab checker against the real pagewalk: a right answer file is all GOOD, wrong or missing answers
are BAD/MISSING with a hint, --results and single-test selection work.

usage: test_grade.py PAGEWALK
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PAGEWALK = ""


def solution(seed):
    out = subprocess.run([PAGEWALK, "simulate", "--seed", str(seed), "--length", "12", "--pages", "6",
                          "--write-percent", "25", "--frames", "3", "--answers", "--json"],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out)


def answers_text(seed, doc, tweak=None):
    template = open(os.path.join(HERE, "answers.template"), encoding="utf-8").read()
    text = template.replace("seed =\n", f"seed = {seed}\n")
    for run in doc["runs"]:
        a = run["algorithm"]
        values = {"faults": str(run["faults"]), "write_backs": str(run["write_backs"]),
                  "victims": " ".join(s["victim"] for s in run["steps"] if s["victim"] is not None)}
        if tweak:
            tweak(a, values)
        for key, value in values.items():
            text = text.replace(f"{a}.{key} =\n", f"{a}.{key} = {value}\n")
    return text


def grade(text, *args):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "answers.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        results = os.path.join(d, "results.json")
        proc = subprocess.run([sys.executable, os.path.join(HERE, "grade.py"), "--answers", path, "--pagewalk",
                               PAGEWALK, "--results", results, *args],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        data = json.load(open(results)) if os.path.exists(results) else None
        return proc, data


class GradeTest(unittest.TestCase):
    def test_right_answers_are_all_good(self):
        doc = solution(2026)
        proc, data = grade(answers_text(2026, doc))
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(proc.stdout.count("GOOD"), 12)
        self.assertIn("Score: 28/28", proc.stdout)
        self.assertEqual(data["score"], 28)
        self.assertEqual(data["exercise"]["seed"], 2026)

    def test_wrong_victim_is_bad_with_the_first_wrong_eviction(self):
        doc = solution(7)
        lru = next(r for r in doc["runs"] if r["algorithm"] == "lru")
        victims = [s for s in lru["steps"] if s["victim"] is not None]
        self.assertTrue(victims, "seed 7 must evict something for this test to mean anything")
        first = victims[0]

        def tweak(algorithm, values):
            if algorithm == "lru":
                v = values["victims"].split()
                v[0] = "99"
                values["victims"] = " ".join(v)
                values["faults"] = str(int(values["faults"]) + 1)
        proc, data = grade(answers_text(7, doc, tweak))
        self.assertEqual(proc.returncode, 1)
        self.assertRegex(proc.stdout, r"BAD\s+lru-victims\s+\(0/3\)\s+eviction 1 \(step %d, reference %s\)"
                         % (first["step"], first["page"]))
        self.assertRegex(proc.stdout, r"BAD\s+lru-faults")
        self.assertRegex(proc.stdout, r"GOOD\s+fifo-victims")
        self.assertEqual(data["score"], 28 - 5)

    def test_empty_template_is_missing(self):
        text = open(os.path.join(HERE, "answers.template"), encoding="utf-8").read().replace("seed =\n", "seed = 1\n")
        proc, data = grade(text)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout.count("MISSING"), 12)
        self.assertEqual(data["score"], 0)

    def test_one_test_by_name(self):
        doc = solution(3)
        proc, data = grade(answers_text(3, doc), "opt-faults")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual([t["name"] for t in data["tests"]], ["opt-faults"])

    def test_usage_errors_exit_2(self):
        proc, _ = grade("frames = 3\n")  # no seed
        self.assertEqual(proc.returncode, 2)
        self.assertIn("'seed' is missing", proc.stderr)
        proc, _ = grade("seed = x\n")
        self.assertEqual(proc.returncode, 2)
        proc, _ = grade(answers_text(1, solution(1)), "no-such-test")
        self.assertEqual(proc.returncode, 2)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    PAGEWALK = os.path.abspath(sys.argv.pop(1))
    unittest.main()
