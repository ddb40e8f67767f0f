"""The one grader every virtlab lab uses (in the manner of xv6's gradelib.py and OS/161's test161).

A lab is a folder labs/<name>/ with a `lab.py` that builds a `Lab` and declares its checks:

    lab = Lab("memory", title={"en": "...", "ko": "..."})

    @lab.check("pfn-of-variable", points=3, needs=["program-runs"],
               hints=[{"en": "...", "ko": "..."}, ...])
    def pfn_of_variable(ctx):
        doc = ctx.tool_json("pagewalk", [str(pid), "--json"])      # schema-validated
        if answer != doc[...]:
            raise Bad("the PFN you gave is not the frame behind `counter`")

    lab.main()

Outcomes are the `Status` enum: GOOD (points earned), BAD (wrong; the first difference named, no answer given
away), MISSING (nothing to grade yet), SKIPPED (a prerequisite check did not pass) and UNCHECKED (the grader could
not check on this machine: not root, no KVM, ... — it says why and what to do; never counted as the student's
mistake, but no points either).

Commands (see lab.mk for the make targets):
    lab.py handout --seed N [--lang en|ko]   write the worksheet and starter files into the work directory
    lab.py grade [TEST ...] [--results F]    run the checks, print GOOD/BAD/MISSING lines and `Score: X/Y` last
    lab.py hint [--lang en|ko]               the next hint for the first check that is not GOOD
    lab.py solve --seed N                    put the reference solution in place (instructors)
    lab.py describe                          one line: name and title (for `make -C labs list`)
Exit codes: 0 all selected checks GOOD, 1 some not GOOD, 2 usage error (no seed, unknown test).

Seeds: every number a student must produce comes from `derive(seed, name, lo, hi)`: the first 8 bytes of
SHA-256("<lab>:<seed>:<name>") as a big-endian integer, reduced into [lo, hi]. Documented in docs/labs.md.
"""
from __future__ import annotations

import argparse
import enum
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from typing import Callable

LIB_DIR = os.path.dirname(os.path.abspath(__file__))
LABS_DIR = os.path.dirname(LIB_DIR)
REPO_DIR = os.path.dirname(LABS_DIR)
SEED_FILE = ".seed"          # written by `handout`, read by `grade`, `hint` and `solve`
HINT_STATE_FILE = ".hints.json"
LOG_DIR = "grade-logs"       # one file per check that was not GOOD
LANGUAGES = ("en", "ko")


class Status(enum.Enum):
    GOOD = "GOOD"
    BAD = "BAD"
    MISSING = "MISSING"
    SKIPPED = "SKIPPED"
    UNCHECKED = "UNCHECKED"


class CheckFailed(Exception):
    """Raised inside a check; the status and one-line message become the check's result line."""

    status = Status.BAD

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Bad(CheckFailed):
    status = Status.BAD


class Missing(CheckFailed):
    status = Status.MISSING


class CannotCheck(CheckFailed):
    """The machine cannot do this check (not the student's fault); the message says why and what to do."""

    status = Status.UNCHECKED


class UsageError(Exception):
    pass


def derive(lab: str, seed: int, name: str, lo: int, hi: int) -> int:
    """A number in [lo, hi] that belongs to this student (seed) and this question (name); see the module doc."""
    digest = hashlib.sha256(f"{lab}:{seed}:{name}".encode()).digest()
    return lo + int.from_bytes(digest[:8], "big") % (hi - lo + 1)


def machine_time_scale() -> float:
    """How much slower this machine is than the one the timeouts were written for (never below 1).

    VIRTLAB_TIMEOUT_SCALE overrides it; otherwise a short fixed Python loop is timed against its 40 ms reference.
    """
    override = os.environ.get("VIRTLAB_TIMEOUT_SCALE")
    if override:
        try:
            return max(1.0, float(override))
        except ValueError:
            pass
    start = time.perf_counter()
    total = 0
    for i in range(400_000):
        total += i * i
    elapsed = time.perf_counter() - start
    return max(1.0, min(10.0, elapsed / 0.040))


def find_tool(name: str) -> str:
    """The virtlab tool binary: $VIRTLAB_BIN/<name>, the repository's build, then PATH."""
    candidates = []
    if os.environ.get("VIRTLAB_BIN"):
        candidates.append(os.path.join(os.environ["VIRTLAB_BIN"], name))
    candidates.append(os.path.join(REPO_DIR, "build", "default", "bin", name))
    candidates.append(shutil.which(name) or "")
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise CannotCheck(f"{name} not found; build virtlab first (./scripts/main from the repository root) "
                      f"or set VIRTLAB_BIN to the folder holding {name}")


def schema_path(tool: str, major: str) -> str:
    for base in (os.path.join(REPO_DIR, "schemas"), "/usr/share/virtlab/schemas"):
        path = os.path.join(base, f"{tool}.v{major}.json")
        if os.path.exists(path):
            return path
    raise CannotCheck(f"the JSON schema {tool}.v{major}.json is missing (reinstall virtlab)")


@dataclass
class Check:
    name: str
    points: int
    function: Callable
    needs: list[str] = field(default_factory=list)
    timeout: float = 30.0
    hints: list[dict] = field(default_factory=list)
    title: dict = field(default_factory=dict)


@dataclass
class Result:
    name: str
    points: int
    status: Status
    message: str = ""
    grader_error: bool = False  # the check itself crashed: a bug of the lab, never hidden as "cannot check here"

    @property
    def score(self) -> int:
        return self.points if self.status is Status.GOOD else 0

    def as_json(self) -> dict:
        doc = {"name": self.name, "points": self.points, "score": self.score, "status": self.status.value,
               "message": self.message}
        if self.grader_error:
            doc["grader_error"] = True
        return doc


class Timeout(Exception):
    pass


class Context:
    """What a check sees: the seed, the work directory, tools with validated JSON, and cleanup of what it made."""

    def __init__(self, lab: "Lab", seed: int, work: str, time_scale: float):
        self.lab = lab
        self.seed = seed
        self.work = work
        self.time_scale = time_scale
        self.shared: dict = {}          # values one check leaves for the checks that need it
        self._cleanups: list[Callable] = []
        self._running: dict[subprocess.Popen, bool] = {}  # ctx.run() commands not finished yet -> gentle
        self._log: list[str] = []
        self.tools_used: dict[str, str] = {}

    # --- the student's numbers -----------------------------------------------------------------------------------
    def derive(self, name: str, lo: int, hi: int) -> int:
        return derive(self.lab.name, self.seed, name, lo, hi)

    def path(self, *parts: str) -> str:
        return os.path.join(self.work, *parts)

    def read_answers(self, filename: str = "answers.txt") -> dict[str, str]:
        """`key = value` lines ('#' comments); a missing file is MISSING, a malformed line BAD with its number."""
        path = self.path(filename)
        if not os.path.exists(path):
            raise Missing(f"{filename} does not exist; run `make handout SEED=<your id>` first")
        answers = {}
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                if "=" not in line:
                    raise Bad(f"{filename}:{number}: expected 'key = value', got {line[:40]!r}")
                key, value = (part.strip() for part in line.split("=", 1))
                answers[key] = value
        return answers

    def answer_int(self, answers: dict, key: str, base: int = 0) -> int:
        """One answer as a whole number (decimal, or 0x.. hex); empty is MISSING, garbage BAD."""
        text = answers.get(key, "")
        if text == "":
            raise Missing(f"answer '{key}' is empty")
        if base == 0 and not text.lower().startswith(("0x", "-0x", "0b", "0o")):
            base = 10  # "012" is twelve here, not a Python syntax error
        try:
            return int(text, base)
        except ValueError:
            raise Bad(f"answer '{key}' = {text[:30]!r} is not a number (decimal, or hex with 0x)") from None

    # --- running things -------------------------------------------------------------------------------------------
    def log(self, text: str) -> None:
        self._log.append(text)

    def take_log(self) -> str:
        text = "\n".join(self._log)
        self._log = []
        return text

    def scaled(self, seconds: float) -> float:
        return seconds * self.time_scale

    def run(self, argv: list[str], timeout: float = 30.0, check: bool = False, input_text: str | None = None,
            cwd: str | None = None, env: dict | None = None, gentle: bool = False) -> subprocess.CompletedProcess:
        """Run a command (no shell) in its own process group; on timeout, the check's deadline or Ctrl-C the whole
        group is killed. `gentle`: SIGTERM first and up to 10 s to clean up (e.g. testvm removes its QEMU).

        A hang becomes Bad("... did not finish within N s"), so a student's script that never ends costs only
        its check.
        """
        timeout = self.scaled(timeout)
        self.log(f"$ {' '.join(argv)}")
        try:
            proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    stdin=subprocess.PIPE if input_text is not None else subprocess.DEVNULL,
                                    cwd=cwd or self.work, env=env, start_new_session=True, errors="replace")
        except OSError as e:
            raise self.start_failure(argv[0], e, cwd) from None
        self._running[proc] = gentle  # Ctrl-C while it runs: cleanup() stops its group too
        try:
            out, err = proc.communicate(input_text, timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_group(proc, gentle)
            proc.communicate()
            self.log(f"(killed after {timeout:.0f} s)")
            raise Bad(f"`{os.path.basename(argv[0])}` did not finish within {timeout:.0f} s") from None
        except BaseException:  # the check's deadline or Ctrl-C: leave no process behind
            stop_group(proc, gentle)
            raise
        finally:
            self._running.pop(proc, None)
        self.log(out[-4000:] + (("\n[stderr]\n" + err[-4000:]) if err else "") + f"\n(exit {proc.returncode})")
        result = subprocess.CompletedProcess(argv, proc.returncode, out, err)
        if check and proc.returncode != 0:
            raise Bad(f"`{' '.join(os.path.basename(a) if i == 0 else a for i, a in enumerate(argv))[:80]}` "
                      f"failed (exit {proc.returncode}): {last_line(err)}")
        return result

    def start_failure(self, program: str, error: OSError, cwd: str | None) -> CheckFailed:
        """Why a program could not start: the student's own file (missing, not executable) or the machine's."""
        # A bare name is looked up on PATH (a machine tool); only a path can be the student's file.
        path = os.path.abspath(os.path.join(cwd or self.work, program)) if "/" in program else ""
        if path.startswith(os.path.abspath(self.work) + os.sep):
            if isinstance(error, FileNotFoundError):
                return Missing(f"{program} does not exist yet")
            if isinstance(error, PermissionError):
                return Bad(f"{program} is not executable; hint: chmod +x {program}")
            return Bad(f"cannot start {program}: {error.strerror}")
        return CannotCheck(f"cannot start {program} ({error.strerror}); install it (the repository's packages.txt "
                           f"lists what virtlab needs) and grade again")

    def need_root(self) -> None:
        """Most labs create cgroups, namespaces or read frame numbers: only root can."""
        if os.geteuid() != 0:
            raise CannotCheck("the grader must run as root (sudo make grade): this lab changes or reads kernel "
                              "state only root may")

    def spawn(self, argv: list[str], cwd: str | None = None, stdout=subprocess.PIPE,
              stdin=subprocess.DEVNULL) -> subprocess.Popen:
        """Start a long-running process (e.g. the student's program); it and its group are killed at cleanup."""
        self.log(f"$ {' '.join(argv)} &")
        try:
            proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, stdin=stdin, text=True,
                                    cwd=cwd or self.work, start_new_session=True, errors="replace")
        except OSError as e:
            raise self.start_failure(argv[0], e, cwd) from None
        self.on_cleanup(lambda: stop_process(proc))
        return proc

    def tool(self, name: str) -> str:
        path = find_tool(name)
        if name not in self.tools_used:
            version = subprocess.run([path, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True).stdout.strip()
            self.tools_used[name] = version
        return path

    def tool_json(self, name: str, args: list[str], timeout: float = 60.0, accept_exit: tuple = (0,)) -> dict:
        """Run a virtlab tool with --json and return its document, validated against schemas/<tool>.v<major>.json.

        Exit code 5 (unsupported here) and 4 (needs root) become CannotCheck: the machine, not the student.
        `accept_exit` lists other codes whose document is still wanted (e.g. vmctl's 1 for a guest that failed:
        its trace says how).
        """
        proc = self.run([self.tool(name)] + args, timeout=timeout)
        if proc.returncode in (4, 5):
            raise CannotCheck(f"{name} cannot run here: {last_line(proc.stderr)}")
        if proc.returncode not in accept_exit:
            raise Bad(f"{name} {' '.join(args)[:60]} failed (exit {proc.returncode}): {last_line(proc.stderr)}")
        return self.validated(name, proc.stdout)

    def validated(self, tool: str, text: str) -> dict:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise CannotCheck(f"{tool} printed no JSON document ({e.msg}); report this as a virtlab bug") from None
        schema_name = str(doc.get("schema", "")) if isinstance(doc, dict) else ""
        if not schema_name.startswith(f"{tool}/"):
            raise CannotCheck(f"{tool} printed schema {schema_name!r}, expected {tool}/<major>")
        validate(doc, schema_path(tool, schema_name.split("/", 1)[1]))
        return doc

    def on_cleanup(self, function: Callable) -> None:
        """Undo something the grader made, even on Ctrl-C; last made, first undone."""
        self._cleanups.append(function)

    def cleanup(self) -> None:
        for proc, gentle in list(self._running.items()):
            stop_group(proc, gentle)
        while self._cleanups:
            function = self._cleanups.pop()
            try:
                function()
            except Exception as e:  # cleanup goes on with the rest; the reason is kept in the log
                self.log(f"cleanup step failed: {e}")


_validators: dict[str, object] = {}


def validate(doc: dict, path: str) -> None:
    import jsonschema  # only graders that run tools need it (python3-jsonschema)

    if path not in _validators:
        with open(path, encoding="utf-8") as f:
            _validators[path] = jsonschema.Draft202012Validator(json.load(f))
    error = next(iter(_validators[path].iter_errors(doc)), None)
    if error is not None:
        where = "/".join(map(str, error.path))
        raise CannotCheck(f"the tool's JSON does not match {os.path.basename(path)} at /{where}: {error.message}")


def last_line(text: str) -> str:
    """The last non-empty line (where a program puts its error), cut to one screen line."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1][:160] if lines else "(no message)"


def kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def stop_group(proc: subprocess.Popen, gentle: bool) -> None:
    """End a command's whole process group: SIGTERM and up to 10 s first when `gentle`, then SIGKILL; reaped."""
    if gentle and proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, PermissionError, subprocess.TimeoutExpired):
            pass
    kill_group(proc.pid)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def stop_process(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        kill_group(proc.pid)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    kill_group(proc.pid)  # anything the group left behind


def language(explicit: str | None) -> str:
    if explicit:
        return explicit
    env = os.environ.get("VIRTLAB_LANG") or os.environ.get("LANG", "")
    return "ko" if env.startswith("ko") else "en"


class Lab:
    def __init__(self, name: str, title: dict):
        self.name = name
        self.title = title
        # The lab.py that made this Lab: its module namespace (what solution/mistakes.py may use: the seeded
        # helpers) and its folder (solution/ and templates live there).
        self.namespace = sys._getframe(1).f_globals
        self.directory = os.path.dirname(os.path.abspath(self.namespace.get("__file__", ".")))
        self.checks: list[Check] = []
        self._handout: Callable | None = None
        self._solve: Callable | None = None
        self.broken: dict[str, tuple[Callable, list[str]]] = {}

    # --- declaring -------------------------------------------------------------------------------------------------
    def check(self, name: str, points: int, needs: list[str] | None = None, timeout: float = 30.0,
              hints: list[dict] | None = None, title: dict | None = None):
        def register(function):
            known = {c.name for c in self.checks}
            for need in needs or []:
                if need not in known:
                    raise ValueError(f"check {name} needs {need}, which is not declared before it")
            self.checks.append(Check(name, points, function, list(needs or []), timeout, list(hints or []),
                                     dict(title or {})))
            return function
        return register

    def handout(self, function: Callable):
        """function(seed, work, lang) writes the worksheet and starter files."""
        self._handout = function
        return function

    def solve(self, function: Callable):
        """function(seed, work) puts the reference solution in place."""
        self._solve = function
        return function

    def mistake(self, name: str, breaks: list[str]):
        """A typical student mistake for the self-test: function(seed, work) edits a solved work directory, and
        exactly the checks in `breaks` (plus the checks that need them) must stop being GOOD."""
        def register(function):
            self.broken[name] = (function, list(breaks))
            return function
        return register

    def register_instructor_mistakes(self) -> None:
        """Import solution/mistakes.py and call its register(lab): the mistakes edit the reference solution, so
        they live beside it and stay out of the student bundle. Absent in the bundle: nothing to do."""
        path = os.path.join(self.directory, "solution", "mistakes.py")
        if not os.path.exists(path):
            return
        import importlib.util

        spec = importlib.util.spec_from_file_location(f"{self.name.replace('-', '_')}_mistakes", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.register(self)

    def dependents(self, names: list[str]) -> set[str]:
        """The checks in `names` and every check that needs one of them, directly or not."""
        closed = set(names)
        for check in self.checks:
            if any(need in closed for need in check.needs):
                closed.add(check.name)
        return closed

    # --- running ---------------------------------------------------------------------------------------------------
    def grade(self, seed: int, work: str, selected: list[str], out=sys.stdout) -> list[Result]:
        unknown = [t for t in selected if t not in {c.name for c in self.checks}]
        if unknown:
            raise UsageError(f"no check named {', '.join(unknown)}; checks: {', '.join(c.name for c in self.checks)}")
        wanted = self._with_prerequisites(selected) if selected else {c.name for c in self.checks}
        ctx = Context(self, seed, work, machine_time_scale())
        results: dict[str, Result] = {}
        previous = install_signal_cleanup(ctx)
        try:
            for check in self.checks:
                if check.name not in wanted:
                    continue
                result = self._run_one(ctx, check, results)
                results[check.name] = result
                if not selected or check.name in selected:
                    print(format_result(result), file=out, flush=True)
                    self._save_log(work, check.name, result, ctx.take_log())
                else:
                    ctx.take_log()
        finally:
            ctx.cleanup()
            restore_signals(previous)
        self.tools_used = ctx.tools_used
        shown = [r for r in results.values() if not selected or r.name in selected]
        return shown

    def _with_prerequisites(self, selected: list[str]) -> set[str]:
        wanted = set(selected)
        for check in reversed(self.checks):
            if check.name in wanted:
                wanted.update(check.needs)
        return wanted

    def _run_one(self, ctx: Context, check: Check, results: dict[str, Result]) -> Result:
        unchecked = [n for n in check.needs if results.get(n) and results[n].status is Status.UNCHECKED]
        if unchecked:  # the machine, not the student: this check could not be checked either
            return Result(check.name, check.points, Status.UNCHECKED,
                          f"not checked: needs {', '.join(unchecked)}, which this machine could not check")
        failed = [n for n in check.needs if results.get(n) is None or results[n].status is not Status.GOOD]
        if failed:
            return Result(check.name, check.points, Status.SKIPPED, f"skipped: needs {', '.join(failed)} to pass first")
        try:
            with deadline(ctx.scaled(check.timeout)):
                message = check.function(ctx)
            return Result(check.name, check.points, Status.GOOD, message or "")
        except CheckFailed as failure:
            return Result(check.name, check.points, failure.status, failure.message)
        except Timeout:
            return Result(check.name, check.points, Status.BAD,
                          f"the check did not finish within {ctx.scaled(check.timeout):.0f} s")
        except Exception as e:  # a grader bug must not look like a traceback to the student; it is in the log
            ctx.log(traceback.format_exc())
            return Result(check.name, check.points, Status.UNCHECKED,
                          f"grader error ({type(e).__name__}: {str(e)[:100]}); see {LOG_DIR}/{check.name}.log",
                          grader_error=True)

    def _save_log(self, work: str, name: str, result: Result, log: str) -> None:
        path = os.path.join(work, LOG_DIR, f"{name}.log")
        if result.status is Status.GOOD:
            if os.path.exists(path):
                os.unlink(path)
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"{result.status.value} {name}: {result.message}\n\n{log}\n")

    # --- commands --------------------------------------------------------------------------------------------------
    def main(self, argv: list[str] | None = None) -> None:
        try:
            code = self.run_command(sys.argv[1:] if argv is None else argv)
            sys.stdout.flush()
        except BrokenPipeError:  # `make grade | head`: the reader left; not an error of the grade
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            code = 0
        sys.exit(code)

    def run_command(self, argv: list[str]) -> int:
        parser = argparse.ArgumentParser(prog=f"{self.name}/lab.py", description=self.title.get("en", self.name))
        parser.add_argument("--work", default=".", help="the student's work directory (default: here)")
        sub = parser.add_subparsers(dest="command", required=True)
        p = sub.add_parser("handout")
        p.add_argument("--seed", required=True)
        p.add_argument("--lang", choices=LANGUAGES)
        p = sub.add_parser("grade")
        p.add_argument("tests", nargs="*")
        p.add_argument("--results")
        p = sub.add_parser("hint")
        p.add_argument("--lang", choices=LANGUAGES)
        p = sub.add_parser("solve")
        p.add_argument("--seed")
        sub.add_parser("describe")
        sub.add_parser("checks")
        args = parser.parse_args(argv)
        try:
            return self._dispatch(args)
        except (UsageError, CheckFailed) as e:
            print(f"{self.name}: error: {getattr(e, 'message', e)}", file=sys.stderr)
            return 2
        except OSError as e:
            print(f"{self.name}: error: {e.filename or ''}: {e.strerror}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130

    def _dispatch(self, args) -> int:
        work = os.path.abspath(args.work)
        if args.command == "describe":
            print(f"{self.name:<18}{self.title.get('en', '')} / {self.title.get('ko', '')}")
            return 0
        if args.command == "checks":
            for c in self.checks:
                print(f"{c.name:<28}{c.points:>3}  needs: {', '.join(c.needs) or '-'}")
            return 0
        if args.command == "handout":
            seed = parse_seed(args.seed)
            os.makedirs(work, exist_ok=True)
            with open(os.path.join(work, SEED_FILE), "w") as f:
                f.write(f"{seed}\n")
            self._handout(seed, work, language(args.lang))
            return 0
        if args.command == "solve":
            if not os.path.isdir(os.path.join(self.directory, "solution")):
                raise UsageError("no solution/ here: the student bundle has none (instructors: use the repository)")
            seed = parse_seed(args.seed) if args.seed else read_seed(work)
            with open(os.path.join(work, SEED_FILE), "w") as f:
                f.write(f"{seed}\n")
            self._solve(seed, work)
            print(f"{self.name}: reference solution for seed {seed} is in place in {work}")
            return 0
        if args.command == "hint":
            return self._hint(work, language(args.lang))
        return self._grade_command(work, args.tests, args.results)

    def _grade_command(self, work: str, tests: list[str], results_path: str | None) -> int:
        seed = read_seed(work)
        results = self.grade(seed, work, tests)
        score = sum(r.score for r in results)
        total = sum(r.points for r in results)
        print(f"Score: {score}/{total}")
        if results_path:
            doc = {"schema": "virtlab-lab-results/1", "lab": self.name, "seed": seed, "score": score, "total": total,
                   "tools": getattr(self, "tools_used", {}), "checks": [r.as_json() for r in results]}
            path = os.path.join(work, results_path)  # an absolute results_path stays as it is
            try:
                with open(path, "w", encoding="utf-8") as f:
                    json.dump(doc, f, indent=2, ensure_ascii=False)
                    f.write("\n")
            except OSError as e:
                print(f"grade: cannot write {path}: {e.strerror}; the score above stands", file=sys.stderr)
                return 2
        return 0 if score == total else 1

    def _hint(self, work: str, lang: str) -> int:
        seed = read_seed(work)
        with open(os.devnull, "w") as quiet:
            results = self.grade(seed, work, [], out=quiet)
        first = next((r for r in results if r.status is not Status.GOOD and r.status is not Status.SKIPPED), None)
        if first is None:
            print("Every check passes: nothing to hint. / 모든 항목을 통과했습니다." if lang == "en" else
                  "모든 항목을 통과했습니다. 힌트가 필요 없습니다.")
            return 0
        check = next(c for c in self.checks if c.name == first.name)
        state_path = os.path.join(work, HINT_STATE_FILE)
        state = load_json(state_path)
        already = state.get(check.name, 0)
        shown = min((already if isinstance(already, int) else 0) + 1, len(check.hints))
        state[check.name] = shown
        with open(state_path, "w", encoding="utf-8") as f:
            json.dump(state, f)
        print(f"{first.status.value} {check.name}: {first.message}")
        if first.status is Status.UNCHECKED:
            print("This machine could not check it (above: why and what to do); no hint is about your work."
                  if lang == "en" else "이 컴퓨터에서는 확인할 수 없었습니다 (위의 이유 참고). 여러분의 답과는 관계없습니다.")
            return 0
        if not check.hints:
            print("(no hint written for this check)" if lang == "en" else "(이 항목에는 힌트가 없습니다)")
            return 0
        for number, hint in enumerate(check.hints[:shown], 1):
            print(f"hint {number}/{len(check.hints)}: {hint.get(lang) or hint.get('en')}")
        return 0


def format_result(result: Result) -> str:
    line = f"{result.status.value:<10}{result.name:<30}({result.score}/{result.points})"
    return line + (f"  {result.message}" if result.message else "")


def parse_seed(text: str) -> int:
    try:
        seed = int(text)
    except (TypeError, ValueError):
        raise UsageError(f"SEED={text!r} is not a whole number; use the number your instructor gave you") from None
    if seed < 0:
        raise UsageError("SEED must not be negative")
    return seed


def read_seed(work: str) -> int:
    path = os.path.join(work, SEED_FILE)
    try:
        with open(path) as f:
            return parse_seed(f.read().strip())
    except FileNotFoundError:
        raise UsageError("no handout here yet; run `make handout SEED=<your id>` first") from None


def load_json(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            value = json.load(f)
        return value if isinstance(value, dict) else {}
    except (OSError, ValueError):
        return {}


class deadline:
    """SIGALRM-based limit on one check (the check's own subprocess calls have their own timeouts)."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def __enter__(self):
        def expire(signum, frame):
            raise Timeout()
        self.previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)
        return False


def install_signal_cleanup(ctx: Context):
    """On Ctrl-C or SIGTERM: undo what the grader made, say so, exit 130/143."""
    def stop(signum, frame):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        ctx.cleanup()
        print("\ngrade: interrupted; the grader removed what it had made (your files are untouched)", file=sys.stderr)
        os._exit(128 + signum)
    return {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}


def restore_signals(previous: dict) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def write_text(path: str, text: str, mode: int = 0o644) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, mode)


def replace_in_file(path: str, old: str, new: str) -> None:
    """For mistakes: change the reference solution once; fails loudly when the solution no longer has `old`."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if old not in text:
        raise RuntimeError(f"mistake: {old!r} is not in {os.path.basename(path)} any more")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def write_if_absent(path: str, text: str, mode: int = 0o644) -> bool:
    """Starter files never overwrite the student's work; returns whether it wrote."""
    if os.path.exists(path):
        print(f"{os.path.basename(path)} exists; not overwritten")
        return False
    write_text(path, text, mode)
    return True
