#!/usr/bin/env python3
"""Unit tests of the shared lab grader on a small lab written here (no kernel state needed): prerequisites, the
five statuses, Score last, results.json, logs of failed checks, hints unlocking in order, a hanging command and a
check over its time, garbage answers, cleanup on SIGTERM, seeds."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gradelib  # noqa: E402

TOY_LAB = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {lib!r})
    from gradelib import Lab, Bad, Missing, CannotCheck, write_if_absent

    lab = Lab("toy", title={{"en": "Toy", "ko": "장난감"}})

    @lab.check("answer-file", points=1, hints=[{{"en": "create it", "ko": "만드세요"}}])
    def answer_file(ctx):
        ctx.read_answers()

    @lab.check("magic", points=2, needs=["answer-file"],
               hints=[{{"en": "first hint", "ko": "첫 힌트"}}, {{"en": "second hint", "ko": "둘째 힌트"}}])
    def magic(ctx):
        value = ctx.answer_int(ctx.read_answers(), "magic")
        if value != ctx.derive("magic", 10, 99):
            raise Bad("magic is not your seeded number")

    @lab.check("after-magic", points=3, needs=["magic"])
    def after_magic(ctx):
        pass

    @lab.check("machine", points=1)
    def machine(ctx):
        if os.environ.get("TOY_NO_MACHINE"):
            raise CannotCheck("this machine has no toy device; run it on a lab PC")

    @lab.check("after-machine", points=1, needs=["machine"])
    def after_machine(ctx):
        pass

    @lab.check("hang", points=1, timeout=2)
    def hang(ctx):
        if os.environ.get("TOY_HANG") == "command":
            ctx.run(["sleep", "30"], timeout=1)
        if os.environ.get("TOY_HANG") == "check":
            time.sleep(30)
        if os.environ.get("TOY_HANG") == "no-tool":
            ctx.run(["virtlab-no-such-tool"])
        if os.environ.get("TOY_HANG") == "no-script":
            ctx.run(["./student.sh"])
        if os.environ.get("TOY_HANG") == "bug":
            {{}}["missing"]

    @lab.check("spawned", points=1)
    def spawned(ctx):
        proc = ctx.spawn(["sleep", "60"])
        with open(os.path.join(ctx.work, "spawned.pid"), "w") as f:
            f.write(str(proc.pid))
        if os.environ.get("TOY_WAIT"):
            time.sleep(60)

    @lab.handout
    def handout(seed, work, lang):
        write_if_absent(os.path.join(work, "answers.txt"), "magic =\\n")

    @lab.solve
    def solve(seed, work):
        from gradelib import derive
        with open(os.path.join(work, "answers.txt"), "w") as f:
            f.write(f"magic = {{derive('toy', seed, 'magic', 10, 99)}}\\n")

    if __name__ == "__main__":
        lab.main()
""")


class ToyLab(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="vl-gradelib-")
        self.lab = os.path.join(self.dir, "lab.py")
        with open(self.lab, "w") as f:
            f.write(TOY_LAB.format(lib=HERE))
        os.mkdir(os.path.join(self.dir, "solution"))
        self.work = os.path.join(self.dir, "work")

    def tearDown(self):
        subprocess.run(["rm", "-rf", self.dir])

    def lab_cmd(self, *args, env=None, check=False):
        full_env = dict(os.environ, VIRTLAB_TIMEOUT_SCALE="1", **(env or {}))
        proc = subprocess.run([sys.executable, self.lab, "--work", self.work, *args], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env=full_env, timeout=60)
        if check:
            self.assertEqual(proc.returncode, 0, proc.stdout)
        return proc

    def results(self):
        with open(os.path.join(self.work, "results.json")) as f:
            return json.load(f)

    def statuses(self):
        return {c["name"]: c["status"] for c in self.results()["checks"]}

    def test_reference_solution_scores_full_marks(self):
        self.lab_cmd("handout", "--seed", "7", check=True)
        self.lab_cmd("solve", check=True)
        proc = self.lab_cmd("grade", "--results", "results.json")
        self.assertEqual(proc.returncode, 0, proc.stdout)
        self.assertEqual(proc.stdout.strip().splitlines()[-1], "Score: 10/10")
        doc = self.results()
        self.assertEqual((doc["lab"], doc["seed"], doc["score"], doc["total"]), ("toy", 7, 10, 10))
        self.assertEqual(doc["schema"], "virtlab-lab-results/1")

    def test_failed_prerequisite_skips_dependents_and_says_so(self):
        self.lab_cmd("handout", "--seed", "7", check=True)
        proc = self.lab_cmd("grade", "--results", "results.json")
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(self.statuses()["magic"], "MISSING")
        self.assertEqual(self.statuses()["after-magic"], "SKIPPED")
        self.assertIn("needs magic to pass first", proc.stdout)
        self.assertIn("Score: 5/10", proc.stdout)
        with open(os.path.join(self.work, "grade-logs", "magic.log")) as f:
            self.assertIn("answer 'magic' is empty", f.read())

    def test_wrong_and_garbage_answers_are_bad_lines_not_tracebacks(self):
        self.lab_cmd("handout", "--seed", "7", check=True)
        for text, expected in [("magic = 1\n", "not your seeded number"), ("magic = 0xZZ\n", "is not a number"),
                               ("\xff garbage\n", "expected 'key = value'")]:
            with open(os.path.join(self.work, "answers.txt"), "w", encoding="utf-8", errors="replace") as f:
                f.write(text)
            proc = self.lab_cmd("grade")
            self.assertNotIn("Traceback", proc.stdout)
            self.assertIn(expected, proc.stdout)
            self.assertTrue(proc.stdout.strip().splitlines()[-1].startswith("Score: "))

    def test_output_into_a_closed_pipe_is_not_a_traceback(self):
        self.lab_cmd("handout", "--seed", "7", check=True)
        proc = subprocess.run(f"{sys.executable} {self.lab} --work {self.work} grade | head -1", shell=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
        self.assertNotIn("Traceback", proc.stdout)

    def test_one_check_by_name_runs_its_prerequisites_quietly(self):
        self.lab_cmd("handout", "--seed", "7", check=True)
        self.lab_cmd("solve", check=True)
        proc = self.lab_cmd("grade", "after-magic")
        lines = proc.stdout.strip().splitlines()
        self.assertEqual(len(lines), 2, proc.stdout)
        self.assertTrue(lines[0].startswith("GOOD      after-magic"))
        self.assertEqual(lines[1], "Score: 3/3")
        proc = self.lab_cmd("grade", "nope")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("no check named nope", proc.stdout)

    def test_machine_that_cannot_check_is_not_the_students_fault(self):
        self.lab_cmd("handout", "--seed", "7", check=True)
        self.lab_cmd("solve", check=True)
        proc = self.lab_cmd("grade", "--results", "results.json", env={"TOY_NO_MACHINE": "1"})
        self.assertIn("UNCHECKED machine", proc.stdout)
        self.assertIn("run it on a lab PC", proc.stdout)
        self.assertEqual(self.statuses()["machine"], "UNCHECKED")
        self.assertEqual(self.statuses()["after-machine"], "UNCHECKED")
        self.assertIn("needs machine, which this machine could not check", proc.stdout)

    def test_hanging_command_check_over_time_and_grader_bug_each_cost_one_check(self):
        self.lab_cmd("handout", "--seed", "7", check=True)
        self.lab_cmd("solve", check=True)
        for mode, expected in [("command", "did not finish within 1 s"), ("check", "did not finish within 2 s"),
                               ("bug", "grader error (KeyError"), ("no-tool", "UNCHECKED hang"),
                               ("no-script", "MISSING   hang")]:
            proc = self.lab_cmd("grade", "--results", "results.json", env={"TOY_HANG": mode})
            self.assertIn(expected, proc.stdout)
            self.assertNotIn("Traceback", proc.stdout)
            self.assertEqual([n for n, s in self.statuses().items() if s != "GOOD"], ["hang"], proc.stdout)
            hang = next(c for c in self.results()["checks"] if c["name"] == "hang")
            self.assertEqual(hang.get("grader_error", False), mode == "bug", "only a crash is a grader error")

    def test_spawned_processes_are_gone_after_grading_and_after_sigterm(self):
        self.lab_cmd("handout", "--seed", "7", check=True)
        self.lab_cmd("solve", check=True)
        self.lab_cmd("grade", "spawned", check=True)
        self.assertFalse(alive(read_pid(self.work)))
        os.unlink(os.path.join(self.work, "spawned.pid"))
        proc = subprocess.Popen([sys.executable, self.lab, "--work", self.work, "grade", "spawned"],
                                env=dict(os.environ, TOY_WAIT="1"), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        while not os.path.exists(os.path.join(self.work, "spawned.pid")) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
        pid = read_pid(self.work)
        self.assertTrue(alive(pid))
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
        self.assertEqual(proc.returncode, 128 + signal.SIGTERM)
        self.assertIn("removed what it had made", err)
        self.assertFalse(alive(pid))
        self.assertTrue(os.path.exists(os.path.join(self.work, "answers.txt")), "the student's work is kept")

    def test_hints_unlock_in_order_in_both_languages(self):
        self.lab_cmd("handout", "--seed", "7", check=True)
        with open(os.path.join(self.work, "answers.txt"), "w") as f:
            f.write("magic = 1\n")
        first = self.lab_cmd("hint", "--lang", "en").stdout
        self.assertIn("hint 1/2: first hint", first)
        self.assertNotIn("second hint", first)
        second = self.lab_cmd("hint", "--lang", "ko").stdout
        self.assertIn("hint 2/2: 둘째 힌트", second)
        self.lab_cmd("solve", check=True)
        self.assertIn("nothing to hint", self.lab_cmd("hint", "--lang", "en").stdout)

    def test_handout_never_overwrites_the_students_work(self):
        self.lab_cmd("handout", "--seed", "7", check=True)
        with open(os.path.join(self.work, "answers.txt"), "w") as f:
            f.write("magic = 42\n")
        proc = self.lab_cmd("handout", "--seed", "7", check=True)
        self.assertIn("not overwritten", proc.stdout)
        with open(os.path.join(self.work, "answers.txt")) as f:
            self.assertEqual(f.read(), "magic = 42\n")

    def test_solve_in_the_student_bundle_is_a_usage_error(self):
        os.rmdir(os.path.join(self.dir, "solution"))
        self.lab_cmd("handout", "--seed", "7", check=True)
        proc = self.lab_cmd("solve")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("the student bundle has none", proc.stdout)

    def test_unknown_language_and_corrupt_hint_state_are_not_tracebacks(self):
        proc = self.lab_cmd("handout", "--seed", "7", "--lang", "fr")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("invalid choice", proc.stdout)
        self.lab_cmd("handout", "--seed", "7", check=True)
        with open(os.path.join(self.work, ".hints.json"), "w") as f:
            f.write('{"answer-file": "x", "magic": [1]}')
        with open(os.path.join(self.work, "answers.txt"), "w") as f:
            f.write("magic = 1\n")
        proc = self.lab_cmd("hint", "--lang", "en")
        self.assertNotIn("Traceback", proc.stdout)
        self.assertIn("hint 1/2: first hint", proc.stdout)

    def test_bad_seed_and_no_handout_are_usage_errors(self):
        proc = self.lab_cmd("grade")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("run `make handout SEED=<your id>` first", proc.stdout)
        proc = self.lab_cmd("handout", "--seed", "abc")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("is not a whole number", proc.stdout)


class Seeds(unittest.TestCase):
    def test_derive_is_stable_in_range_and_differs_between_students(self):
        values = [gradelib.derive("memory", seed, "pages", 8, 64) for seed in range(200)]
        self.assertTrue(all(8 <= v <= 64 for v in values))
        self.assertGreater(len(set(values)), 40)
        # The documented derivation: first 8 bytes of SHA-256("memory:1:pages"), big-endian, mod (hi-lo+1), + lo.
        import hashlib
        digest = hashlib.sha256(b"memory:1:pages").digest()
        self.assertEqual(gradelib.derive("memory", 1, "pages", 8, 64), 8 + int.from_bytes(digest[:8], "big") % 57)

    def test_dependents_are_transitive(self):
        lab = gradelib.Lab("t", title={})
        for name, needs in [("a", []), ("b", ["a"]), ("c", ["b"]), ("d", [])]:
            lab.check(name, points=1, needs=needs)(lambda ctx: None)
        self.assertEqual(lab.dependents(["a"]), {"a", "b", "c"})
        self.assertEqual(lab.dependents(["d"]), {"d"})


def read_pid(work):
    with open(os.path.join(work, "spawned.pid")) as f:
        return int(f.read())


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


if __name__ == "__main__":
    unittest.main()
