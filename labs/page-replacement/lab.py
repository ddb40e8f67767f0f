#!/usr/bin/env python3
"""Page-replacement lab: FIFO, LRU, Clock and OPT by hand on a seeded reference string.

The reference answers come from `pagewalk simulate --seed ... --answers --json` (schema pagewalk/1), the same
simulator `make handout` prints the exercise with. See README.md.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from gradelib import Bad, Lab, Missing, find_tool, write_if_absent, write_text  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ALGORITHMS = ["fifo", "lru", "clock", "opt"]
# (check suffix, answer key suffix, points)
PARTS = [("faults", "faults", 2), ("write-backs", "write_backs", 2), ("victims", "victims", 3)]
EXERCISE = {"frames": 3, "length": 12, "pages": 6, "write_percent": 25}

lab = Lab("page-replacement", title={"en": "Page replacement by hand (FIFO, LRU, Clock, OPT)",
                                     "ko": "페이지 교체 직접 해 보기 (FIFO, LRU, Clock, OPT)"})


def simulate_args(seed):
    return ["simulate", "--seed", str(seed), "--length", str(EXERCISE["length"]), "--pages", str(EXERCISE["pages"]),
            "--write-percent", str(EXERCISE["write_percent"]), "--frames", str(EXERCISE["frames"])]


def reference(ctx):
    if "runs" not in ctx.shared:
        doc = ctx.tool_json("pagewalk", simulate_args(ctx.seed) + ["--answers", "--json"])
        if doc.get("kind") != "simulate":
            raise Bad("pagewalk printed a document of another kind than simulate")
        ctx.shared["runs"] = {run["algorithm"]: run for run in doc["runs"]}
    return ctx.shared["runs"]


def victims_of(run):
    return [s["victim"] for s in run["steps"] if s["victim"] is not None]


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


def make_check(algorithm, suffix, key_suffix, points):
    hints = {
        "faults": [{"en": "Every miss is a fault, also the first loads into empty frames.",
                    "ko": "빈 프레임에 처음 올리는 것도 폴트입니다. 모든 miss를 세세요."}],
        "write_backs": [{"en": "A write-back happens only when the evicted page was written (w) since it was loaded.",
                         "ko": "쫓겨나는 페이지가 올라온 뒤 w로 쓰인 적이 있을 때만 write-back 입니다."}],
        "victims": [{"en": "Draw the frame table step by step; the README's rules say how ties are broken.",
                     "ko": "단계마다 프레임 표를 그리세요. 동률일 때의 규칙은 README에 있습니다."}],
    }[key_suffix]

    def check(ctx):
        answers = ctx.read_answers()
        run = reference(ctx)[algorithm]
        key = f"{algorithm}.{key_suffix}"
        given = answers.get(key, "")
        if given == "":
            raise Missing(f"answer '{key}' is empty")
        if key_suffix == "victims":
            got = given.replace(",", " ").split()
            if got != victims_of(run):
                raise Bad(victim_hint(run, got))
            return
        expected = ctx.answer_int(answers, key, base=10)
        if expected != run[key_suffix]:
            what = "page faults (every miss, also the first loads)" if key_suffix == "faults" else \
                "write-backs (evictions of Dirty pages: written with w since loaded)"
            raise Bad(f"{given} is not the number of {what}")

    lab.check(f"{algorithm}-{suffix}", points=points, hints=hints)(check)


for _algorithm in ALGORITHMS:
    for _suffix, _key, _points in PARTS:
        make_check(_algorithm, _suffix, _key, _points)


def answers_template(seed):
    with open(os.path.join(HERE, "answers.template"), encoding="utf-8") as f:
        return re.sub(r"^seed =.*$", f"seed = {seed}", f.read(), flags=re.M)


@lab.handout
def handout(seed, work, lang):
    proc = subprocess.run([find_tool("pagewalk")] + simulate_args(seed), stdout=subprocess.PIPE, text=True,
                          check=True)
    write_text(os.path.join(work, "exercise.txt"), proc.stdout)
    print(proc.stdout, end="")
    if write_if_absent(os.path.join(work, "answers.txt"), answers_template(seed)):
        print("wrote answers.txt: fill it in, then run make grade" if lang == "en" else
              "answers.txt 를 만들었습니다: 채운 뒤 make grade 를 실행하세요")


@lab.solve
def solve(seed, work):
    # The reference solution is the simulator's own answer sheet (solution/solve.py turns it into answers.txt).
    subprocess.run([sys.executable, os.path.join(HERE, "solution", "solve.py"), str(seed),
                    os.path.join(work, "answers.txt")], check=True)


def rewrite_answer(work, key, transform):
    path = os.path.join(work, "answers.txt")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(rf"^{re.escape(key)} = (.*)$", lambda m: f"{key} = {transform(m.group(1))}", text, flags=re.M)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


@lab.mistake("first-loads-not-counted", breaks=["fifo-faults"])
def first_loads_not_counted(seed, work):
    rewrite_answer(work, "fifo.faults", lambda v: str(int(v) - EXERCISE["frames"]))


@lab.mistake("lru-evicts-like-fifo", breaks=["lru-victims"])
def lru_evicts_like_fifo(seed, work):
    # A classic: evicting the page loaded longest ago instead of the one used longest ago.
    with open(os.path.join(work, "answers.txt"), encoding="utf-8") as f:
        fifo = re.search(r"^fifo\.victims = (.*)$", f.read(), flags=re.M).group(1)
    rewrite_answer(work, "lru.victims", lambda v: fifo if fifo != v else " ".join(reversed(v.split())) + " 0")


@lab.mistake("clean-pages-written-back", breaks=["clock-write-backs"])
def clean_pages_written_back(seed, work):
    rewrite_answer(work, "clock.write_backs", lambda v: str(int(v) + 1))


@lab.mistake("opt-answer-left-empty", breaks=["opt-faults"])
def opt_answer_left_empty(seed, work):
    rewrite_answer(work, "opt.faults", lambda v: "")


if __name__ == "__main__":
    lab.main()
