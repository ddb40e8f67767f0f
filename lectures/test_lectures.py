#!/usr/bin/env python3
"""Checks of the walkthroughs (lectures/*.json), docs/concepts.md and lectures/diagrams.json.

    test_lectures.py files   every walkthrough is valid (schema + validate.py's checks); a broken copy gives one line
                             naming file, step and field; every concept has a step; every diagram has a step and a
                             page/option the explorer has; the validator's option values match gui/views/*.cpp
    test_lectures.py notes   re-reads the course notes (../shared/notes beside the repo, or $VIRTLAB_NOTES_DIR): every
                             fenced diagram block is in diagrams.json with its heading and a step lists it; exits 77
                             (skipped, reason printed) when the notes are not there
"""
import copy
import json
import pathlib
import re
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import notesblocks  # noqa: E402
import validate  # noqa: E402

SKIP = 77
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def walkthroughs():
    return [p for p in sorted(HERE.glob("*.json")) if p.name != "diagrams.json"]


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_files_valid(schema, concepts, diagrams):
    files = walkthroughs()
    check(len(files) == 5, "expected five walkthroughs (one per note), found %d" % len(files))
    notes = set()
    for path in files:
        for line in validate.check_file(path, concepts, diagrams, schema):
            failures.append(line)
        doc = load(path)
        check(doc["note"] not in notes, "%s: note %s has a second walkthrough" % (path.name, doc["note"]))
        notes.add(doc["note"])
        check(re.match(r"^\d{3}_", doc["note"]) is not None, "%s: note must be a shared/notes file name" % path.name)


def test_cli_and_broken_copies(schema):
    """validate.py as the explorer docs show it: exit 0 for the real files, one line per broken field."""
    good = subprocess.run([sys.executable, str(HERE / "validate.py")] + [str(p) for p in walkthroughs()],
                          capture_output=True, text=True)
    check(good.returncode == 0 and good.stdout == "", "validate.py on the real files: exit %d, %r" %
          (good.returncode, good.stdout[:300]))
    base = load(HERE / "kernel-vs-os.json")
    sid = base["steps"][2]["id"]

    def broken(name, mutate, expect):
        doc = copy.deepcopy(base)
        mutate(doc)
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "kernel-vs-os.json"
            path.write_text(mutate.raw if hasattr(mutate, "raw") else json.dumps(doc, ensure_ascii=False),
                            encoding="utf-8")
            run = subprocess.run([sys.executable, str(HERE / "validate.py"), str(path)], capture_output=True, text=True)
            lines = run.stdout.splitlines()
            ok = run.returncode == 1 and len(lines) == 1 and str(path) in lines[0] and all(e in lines[0] for e in expect)
            check(ok, "broken copy '%s': expected exit 1 and one line with %s, got exit %d: %r" %
                  (name, expect, run.returncode, run.stdout[:400]))

    def drop_en(d): del d["steps"][2]["narration"]["en"]
    broken("narration.en missing", drop_en, ['step "%s" (#3)' % sid, "narration.en", "missing"])

    def bad_page(d): d["steps"][2]["view"]["page"] = "slides"
    broken("unknown page", bad_page, ['step "%s" (#3)' % sid, "view.page", "'slides'"])

    def bad_option(d): d["steps"][2]["view"]["options"] = {"diagram": "mac"}
    broken("unknown diagram option", bad_option, ['step "%s" (#3)' % sid, "view.options.diagram", '"mac"'])

    def bad_tool(d): d["steps"][2]["commands"][0]["tool"] = "docker"
    broken("unknown tool", bad_tool, ['step "%s" (#3)' % sid, "commands[0].tool", "'docker'"])

    def extra_field(d): d["steps"][2]["narations"] = d["steps"][2]["narration"]
    broken("misspelt field", extra_field, ['step "%s" (#3)' % sid, "narations"])

    def dup_id(d): d["steps"][3]["id"] = sid
    broken("duplicate step id", dup_id, ['step "%s" (#4)' % sid, "id", "duplicate"])

    def bad_concept(d): d["steps"][2]["concepts"].append("hyperviser")
    broken("unknown concept", bad_concept, ['step "%s" (#3)' % sid, "concepts[", '"hyperviser"'])

    def bad_block(d): d["steps"][2]["diagrams"] = ["000#99"]
    broken("unknown diagram block", bad_block, ['step "%s" (#3)' % sid, "diagrams[0]", '"000#99"'])

    def bad_json(d): pass
    bad_json.raw = json.dumps(base)[:-40]
    broken("truncated JSON", bad_json, ["not valid JSON", "line 1"])


def test_concepts_covered(concepts):
    check(len(concepts) == len(set(concepts)), "docs/concepts.md: a concept id appears twice")
    check(len(concepts) >= 40, "docs/concepts.md lists only %d concepts" % len(concepts))
    used = {}
    for path in walkthroughs():
        for step in load(path)["steps"]:
            for cid in step["concepts"]:
                used.setdefault(cid, []).append(step["id"])
    for cid in concepts:
        check(cid in used, "concept %s (docs/concepts.md) has no step" % cid)


def test_diagrams_covered(diagrams):
    drawn_in = {}
    for path in walkthroughs():
        for step in load(path)["steps"]:
            for block in step.get("diagrams", []):
                drawn_in.setdefault(block, []).append((path.name, step))
    blocks = [d["block"] for d in diagrams]
    check(len(blocks) == len(set(blocks)), "diagrams.json: a block appears twice")
    for d in diagrams:
        b = d["block"]
        check(d["status"] in ("drawn", "partly", "new"), "%s: status %r" % (b, d["status"]))
        check(d["kind"] in ("ascii", "mermaid"), "%s: kind %r" % (b, d["kind"]))
        view = d["drawn_by"]
        check((d["status"] == "new") == (view["page"] == "notes"), "%s: status new ⇔ page notes" % b)
        allowed = validate.PAGE_OPTIONS.get(view["page"])
        check(allowed is not None, "%s: page %s is not an explorer page" % (b, view["page"]))
        for key, value in view.get("options", {}).items():
            rule = (allowed or {}).get(key, ())
            if view["page"] == "notes":
                check(re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", value) is not None, "%s: diagram name %r" % (b, value))
            else:
                check(value in rule if isinstance(rule, set) else bool(rule), "%s: %s %s=%s" % (b, view["page"], key,
                                                                                            value))
        check(bool(d.get("feeds")) and bool(d.get("shows")), "%s: feeds and shows are needed" % b)
        for f in d.get("feeds", []):
            check(f.get("tool") in ("pagewalk", "cgtop", "nsenter-lite", "vmctl", "testvm") and "--json" in f["args"],
                  "%s: feed %r is not a virtlab tool run with --json" % (b, f))
        if d["status"] == "partly":
            check(bool(d.get("missing")), "%s: a partly drawn block says what is missing" % b)
        steps = drawn_in.get(b, [])
        check(bool(steps), "diagram block %s (%s) has no step" % (b, d["heading"]))
        for name, step in steps:
            check(step["view"]["page"] == view["page"] and
                  all(step["view"].get("options", {}).get(k) == v for k, v in view.get("options", {}).items()),
                  "%s step %s lists %s but shows %s %s, not %s %s" % (name, step["id"], b, step["view"]["page"],
                                                                      step["view"].get("options"), view["page"],
                                                                      view.get("options")))
            if view["page"] == "notes":
                for h in step.get("highlight", []):
                    check(h in d.get("items", []), "%s step %s highlights %r, not an item of %s" %
                          (name, step["id"], h, view["options"]["diagram"]))


def gui_values(file_name, array):
    """The QStringLiteral values of a const QStringList in gui/views/<file>."""
    path = ROOT / "gui" / "views" / file_name
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    m = re.search(array + r"\s*\{(.*?)\};", text, re.S)
    return set(re.findall(r'QStringLiteral\("([^"]+)"\)', m.group(1))) if m else None


def test_options_match_gui():
    demos = gui_values("memorypage.cpp", r"const QStringList kDemos")
    guests = gui_values("vmpage.cpp", r"const QStringList kGuests")
    layers = gui_values("layerspage.cpp", r"static const QMap<QString, Diagram> names")
    for name, found, ours in (("memory demo", demos, validate.PAGE_OPTIONS["memory"]["demo"]),
                              ("vm guest", guests, validate.PAGE_OPTIONS["vm"]["guest"]),
                              ("layers diagram", layers, validate.PAGE_OPTIONS["layers"]["diagram"])):
        if found is None:
            print("note: %s values not found in gui/views (layout changed?); not compared" % name)
            continue
        check(found == ours, "validate.py's %s values %s differ from the explorer's %s" % (name, sorted(ours),
                                                                                           sorted(found)))


def test_notes(diagrams):
    notes = notesblocks.notes_dir(ROOT)
    if not notes.is_dir() or not list(notes.glob("[0-9][0-9][0-9]_*.txt")):
        print("SKIP: the course notes are not at %s (CI puts shared/ beside the clone; or set VIRTLAB_NOTES_DIR)" % notes)
        return SKIP
    blocks = notesblocks.all_blocks(notes)
    by_block = {d["block"]: d for d in diagrams}
    pictures = [b for b in blocks if notesblocks.is_diagram(b)]
    print("notes: %d fenced blocks, %d diagrams" % (len(blocks), len(pictures)))
    for b in pictures:
        d = by_block.get(b["block"])
        if check(d is not None, "notes %s line %d: diagram block %s (%s) is not in diagrams.json" %
                 (b["note"], b["line"], b["block"], b["heading"])):
            check(d["note"] == b["note"] and d["heading"] == b["heading"] and d["kind"] == notesblocks.kind(b),
                  "%s: diagrams.json says %s / %s / %s, the notes %s / %s / %s" % (
                      b["block"], d["note"], d["heading"], d["kind"], b["note"], b["heading"], notesblocks.kind(b)))
    listed = {block for path in walkthroughs() for step in load(path)["steps"] for block in step.get("diagrams", [])}
    for b in pictures:
        check(b["block"] in listed, "notes %s line %d: diagram block %s (%s) has no step that lists it" %
              (b["note"], b["line"], b["block"], b["heading"]))
    for block in set(by_block) - {b["block"] for b in pictures}:
        check(False, "diagrams.json lists %s, which is not a diagram block of the notes" % block)
    names = {p.name for p in notes.glob("*.txt")}
    for path in walkthroughs():
        check(load(path)["note"] in names, "%s: note %s not in %s" % (path.name, load(path)["note"], notes))
    return 0


def main(argv):
    part = argv[0] if argv else "files"
    schema = json.loads((ROOT / "schemas" / "lecture.v1.json").read_text(encoding="utf-8"))
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        print("SKIP: python3-jsonschema is missing")
        return SKIP
    concepts = validate.concept_ids()
    diagrams = validate.load_diagrams()
    code = 0
    if part == "files":
        test_files_valid(schema, concepts, diagrams)
        test_cli_and_broken_copies(schema)
        test_concepts_covered(concepts)
        test_diagrams_covered(diagrams)
        test_options_match_gui()
    elif part == "notes":
        code = test_notes(diagrams)
    else:
        print("usage: test_lectures.py [files|notes]")
        return 2
    for f in failures:
        print("FAIL: " + f)
    if failures:
        return 1
    if code == 0:
        steps = sum(len(load(p)["steps"]) for p in walkthroughs())
        print("ok: %d walkthroughs, %d steps, %d concepts, %d diagram blocks" % (len(walkthroughs()), steps,
                                                                                 len(concepts), len(diagrams)))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
