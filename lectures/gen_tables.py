#!/usr/bin/env python3
"""Regenerate the diagram table and the concepts' step column of docs/concepts.md from lectures/diagrams.json and the walkthroughs.

The table sits between the markers <!-- diagrams:begin --> and <!-- diagrams:end -->; everything else in
docs/concepts.md is written by hand. Run after changing diagrams.json or a walkthrough's "diagrams" tags:
    python3 lectures/gen_tables.py
"""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import notesblocks  # noqa: E402


def steps_by_concept():
    result = {}
    for path in sorted(HERE.glob("*.json")):
        if path.name == "diagrams.json":
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        for step in doc.get("steps", []):
            for concept in step.get("concepts", []):
                result.setdefault(concept, []).append("%s/%s" % (doc["id"], step["id"]))
    return result


def concept_rows(text):
    """Rewrite the last column (step(s)) of every concept row."""
    steps = steps_by_concept()
    out = []
    for line in text.split("\n"):
        m = re.match(r"^\|\s*`([a-z0-9-]+)`\s*\|", line)
        if m:
            cells = line.rstrip().rstrip("|").split(" | ")
            cells[-1] = "<br>".join(steps.get(m.group(1), ["**none**"]))
            line = " | ".join(cells) + " |"
        out.append(line)
    return "\n".join(out)


def steps_by_block():
    result = {}
    for path in sorted(HERE.glob("*.json")):
        if path.name == "diagrams.json":
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        for step in doc.get("steps", []):
            for block in step.get("diagrams", []):
                result.setdefault(block, []).append("%s/%s" % (doc["id"], step["id"]))
    return result


def view_text(entry):
    view = entry["drawn_by"]
    opts = " ".join("%s=%s" % kv for kv in sorted(view.get("options", {}).items()))
    return "`%s%s`" % (view["page"], (" " + opts) if opts else "")


def feeds_text(entry):
    return "<br>".join("`%s %s`" % (f["tool"], " ".join(f["args"])) for f in entry.get("feeds", []))


def table():
    diagrams = json.loads((HERE / "diagrams.json").read_text(encoding="utf-8"))
    steps = steps_by_block()
    known = {d["block"] for d in diagrams}
    lines = [
        "| block | note · heading | kind | drawn by | status | step(s) | this machine's numbers from | what is missing |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for d in diagrams:
        lines.append("| %s | %s · %s | %s | %s | %s | %s | %s | %s |" % (
            d["block"], d["note"][:3], d["heading"].replace("|", "\\|"), d["kind"], view_text(d), d["status"],
            "<br>".join(steps.get(d["block"], ["**none**"])), feeds_text(d), d.get("missing", "").replace("|", "\\|")))
    notes = notesblocks.notes_dir(ROOT)
    if notes.is_dir():
        for b in notesblocks.all_blocks(notes):
            if b["block"] not in known and not notesblocks.is_diagram(b):
                lines.append("| %s | %s · %s | code (`%s`), not a diagram | — | — | — | — | — |" % (
                    b["block"], b["note"][:3], b["heading"], b["info"]))
    return "\n".join(lines)


def main():
    doc = ROOT / "docs" / "concepts.md"
    text = doc.read_text(encoding="utf-8")
    begin, end = "<!-- diagrams:begin -->", "<!-- diagrams:end -->"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    text = head + begin + "\n" + table() + "\n" + end + tail
    cb, ce = "<!-- concepts:begin -->", "<!-- concepts:end -->"
    chead, crest = text.split(cb, 1)
    cbody, ctail = crest.split(ce, 1)
    doc.write_text(chead + cb + concept_rows(cbody) + ce + ctail, encoding="utf-8")


if __name__ == "__main__":
    main()
