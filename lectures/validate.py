#!/usr/bin/env python3
"""Check lecture walkthrough files (lectures/*.json): one line per problem, naming the file, the step and the field.

    lectures/validate.py lectures/virtualization.json [more.json ...]

Checks: valid JSON; schemas/lecture.v1.json (Draft 2020-12, needs python3-jsonschema); step ids unique; the file name
matches "id"; page options are ones the explorer accepts (docs/gui.md); "notes" diagrams are listed in
lectures/diagrams.json; concept ids are in docs/concepts.md; diagram blocks ("001#5") are in lectures/diagrams.json.
lectures/diagrams.json itself (so that lectures/*.json can be given) is skipped: it is no walkthrough.
Exit 0 when every file is fine, 1 when any problem was printed, 2 on usage errors.
"""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA = ROOT / "schemas" / "lecture.v1.json"
CONCEPTS_MD = ROOT / "docs" / "concepts.md"
DIAGRAMS = HERE / "diagrams.json"

# The page options the explorer accepts (docs/gui.md; test_lectures.py checks these against gui/views/*.cpp).
PAGE_OPTIONS = {
    "layers": {"diagram": {"live", "os", "container-vs-vm", "macos", "eks"}},
    "memory": {"pid": re.compile(r"^[0-9]+$"), "address": re.compile(r"^(0x)?[0-9a-fA-F]+$"),
               "demo": {"fault", "two-processes", "cow", "referenced", "file-vs-anon", "thp", "swap"}},
    "cgroups": {},
    "namespaces": {},
    "vm": {"guest": {"hello", "long", "protected", "mmio", "emulated-vs-pv", "smp", "dirty", "triple-fault"}},
    "notes": {"diagram": None},  # filled from diagrams.json
}


def concept_ids(path=CONCEPTS_MD):
    """Concept ids: the first column of the rows between the concepts markers of docs/concepts.md."""
    text = path.read_text(encoding="utf-8")
    if "<!-- concepts:begin -->" in text:
        text = text.split("<!-- concepts:begin -->", 1)[1].split("<!-- concepts:end -->", 1)[0]
    return [m.group(1) for m in re.finditer(r"^\|\s*`([a-z0-9-]+)`\s*\|", text, re.M)]


def load_diagrams(path=DIAGRAMS):
    return json.loads(path.read_text(encoding="utf-8"))


def _where(doc, path):
    """'step "id" (#n)' for an error inside steps[n], else 'top level'."""
    parts = list(path)
    if len(parts) >= 2 and parts[0] == "steps" and isinstance(parts[1], int):
        steps = doc.get("steps") if isinstance(doc, dict) else None
        sid = None
        if isinstance(steps, list) and parts[1] < len(steps) and isinstance(steps[parts[1]], dict):
            sid = steps[parts[1]].get("id")
        label = 'step "%s" (#%d)' % (sid, parts[1] + 1) if isinstance(sid, str) else "step #%d" % (parts[1] + 1)
        return label, parts[2:]
    return "top level", parts


def _field(parts, extra=None):
    out = ""
    for p in parts:
        out += "[%d]" % p if isinstance(p, int) else ("." if out else "") + str(p)
    if extra:
        out += ("." if out else "") + extra
    return out or "(document)"


def _schema_errors(doc, schema):
    import jsonschema
    validator = jsonschema.Draft202012Validator(schema)
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        where, parts = _where(doc, err.absolute_path)
        extra = None
        message = err.message
        if err.validator == "required":
            missing = [r for r in err.validator_value if isinstance(err.instance, dict) and r not in err.instance]
            extra = missing[0] if missing else None
            message = "missing (required)"
        elif err.validator == "additionalProperties":
            found = re.findall(r"'([^']+)' was unexpected", err.message)
            extra = found[0] if found else None
            message = "not a field of the format"
        elif err.validator == "enum":
            message = "%r is not one of %s" % (err.instance, ", ".join(map(str, err.validator_value)))
        yield where, _field(parts, extra), message


def check_document(doc, file_name, concepts=None, diagrams=None, schema=None):
    """[(where, field, message)] for one parsed walkthrough."""
    problems = []
    if schema is not None:
        problems.extend(_schema_errors(doc, schema))
    if not isinstance(doc, dict):
        return problems
    stem = pathlib.Path(file_name).stem
    if isinstance(doc.get("id"), str) and doc["id"] != stem:
        problems.append(("top level", "id", '"%s" differs from the file name "%s"' % (doc["id"], stem)))
    steps = doc.get("steps") if isinstance(doc.get("steps"), list) else []
    notes_diagrams = {d["drawn_by"]["options"]["diagram"] for d in diagrams or [] if d["drawn_by"]["page"] == "notes"}
    blocks = {d["block"] for d in diagrams or []}
    concept_set = set(concepts or [])
    seen = {}
    for i, step in enumerate(steps):
        if not isinstance(step, dict):
            continue
        sid = step.get("id")
        where = 'step "%s" (#%d)' % (sid, i + 1) if isinstance(sid, str) else "step #%d" % (i + 1)
        if isinstance(sid, str):
            if sid in seen:
                problems.append((where, "id", "duplicate: step #%d has the same id" % (seen[sid] + 1)))
            seen.setdefault(sid, i)
        view = step.get("view") if isinstance(step.get("view"), dict) else {}
        page = view.get("page")
        options = view.get("options") if isinstance(view.get("options"), dict) else {}
        allowed = PAGE_OPTIONS.get(page)
        if allowed is not None:
            for key, value in options.items():
                if key not in allowed:
                    problems.append((where, "view.options.%s" % key, 'the %s page has no option "%s" (it has: %s)' %
                                     (page, key, ", ".join(sorted(allowed)) or "none")))
                    continue
                rule = notes_diagrams if (page == "notes" and key == "diagram") else allowed[key]
                if diagrams is None and page == "notes":
                    continue
                ok = bool(rule.match(value)) if hasattr(rule, "match") else value in rule
                if not ok:
                    problems.append((where, "view.options.%s" % key, '"%s" is not a %s %s of the explorer' %
                                     (value, page, key)))
            if page == "notes" and "diagram" not in options:
                problems.append((where, "view.options.diagram", "missing: the notes page needs diagram=<name>"))
        if concepts is not None:
            for j, cid in enumerate(step.get("concepts", []) if isinstance(step.get("concepts"), list) else []):
                if isinstance(cid, str) and cid not in concept_set:
                    problems.append((where, "concepts[%d]" % j, '"%s" is not a concept id of docs/concepts.md' % cid))
        if diagrams is not None:
            for j, block in enumerate(step.get("diagrams", []) if isinstance(step.get("diagrams"), list) else []):
                if isinstance(block, str) and block not in blocks:
                    problems.append((where, "diagrams[%d]" % j, '"%s" is not a diagram block of lectures/diagrams.json'
                                     % block))
    return problems


def check_file(path, concepts=None, diagrams=None, schema=None):
    """One-line problem strings for one file."""
    path = pathlib.Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        return ["%s: cannot read: %s" % (path, e.strerror)]
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        return ["%s: line %d column %d: not valid JSON: %s" % (path, e.lineno, e.colno, e.msg)]
    return ["%s: %s: %s: %s" % (path, where, field, message)
            for where, field, message in check_document(doc, path.name, concepts, diagrams, schema)]


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    try:
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        import jsonschema  # noqa: F401
    except ImportError:
        print("validate.py: error: python3-jsonschema is missing (apt-get install python3-jsonschema)", file=sys.stderr)
        return 2
    concepts = concept_ids() if CONCEPTS_MD.exists() else None
    diagrams = load_diagrams() if DIAGRAMS.exists() else None
    failed = False
    for name in argv:
        # lectures/*.json includes the block list diagrams.json: not a walkthrough (test_lectures.py checks it).
        if pathlib.Path(name).resolve() == DIAGRAMS.resolve():
            continue
        for line in check_file(name, concepts, diagrams, schema):
            print(line)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
