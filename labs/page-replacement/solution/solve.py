#!/usr/bin/env python3
"""Reference solution: answers.txt for one seed, from `pagewalk simulate --answers --json`.

usage: solve.py SEED ANSWERS_FILE
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "lib"))
from gradelib import find_tool  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main(seed, path):
    doc = json.loads(subprocess.run(
        [find_tool("pagewalk"), "simulate", "--seed", seed, "--length", "12", "--pages", "6", "--write-percent", "25",
         "--frames", "3", "--answers", "--json"], stdout=subprocess.PIPE, text=True, check=True).stdout)
    with open(os.path.join(HERE, "..", "answers.template"), encoding="utf-8") as f:
        text = re.sub(r"^seed =.*$", f"seed = {seed}", f.read(), flags=re.M)
    for run in doc["runs"]:
        a = run["algorithm"]
        values = {"faults": run["faults"], "write_backs": run["write_backs"],
                  "victims": " ".join(s["victim"] for s in run["steps"] if s["victim"] is not None)}
        for key, value in values.items():
            text = re.sub(rf"^{a}\.{key} =.*$", f"{a}.{key} = {value}", text, flags=re.M)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
