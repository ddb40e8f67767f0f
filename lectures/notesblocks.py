"""Find the fenced blocks (``` ... ```) of the course notes, numbered per note from 1 in file order.

A fence may be indented (inside a list item) or inside a block quote ("> ```"). Shared by validate.py,
test_lectures.py and make_diagrams.py so the numbering is defined once.
"""
import pathlib
import re

_FENCE = re.compile(r"^(?:\s*>)*\s*```(\S*)\s*$")
_HEADING = re.compile(r"^(?:\s*>)*\s*(#{1,6})\s+(.*\S)\s*$")
# A line that is only bold text ("**1. Bridge Mode (브릿지 모드)**") heads the blocks under it as well.
_BOLD_LINE = re.compile(r"^\s*\*\*([^*]+)\*\*\s*:?\s*$")


def _clean(text):
    return text.replace("**", "").strip().rstrip(":").strip()


def _strip_quote(line):
    return re.sub(r"^(?:\s*>)+\s?", "", line)


def note_number(path):
    """'001' for shared/notes/001_cd95….txt."""
    return pathlib.Path(path).name[:3]


def blocks(path):
    """[{block, note, number, line, heading, info, text}] for every fenced block of one note."""
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    out = []
    heading = ""
    i = 0
    number = 0
    while i < len(lines):
        h = _HEADING.match(lines[i])
        b = _BOLD_LINE.match(lines[i])
        if h:
            heading = _clean(h.group(2))
        elif b:
            heading = _clean(b.group(1))
        m = _FENCE.match(lines[i])
        if m:
            start = i
            body = []
            i += 1
            while i < len(lines) and not _FENCE.match(lines[i]):
                body.append(_strip_quote(lines[i]))
                i += 1
            number += 1
            out.append({
                "block": "%s#%d" % (note_number(path), number),
                "note": pathlib.Path(path).name,
                "number": number,
                "line": start + 1,
                "heading": heading,
                "info": m.group(1),
                "text": "\n".join(body),
            })
        i += 1
    return out


def is_diagram(block):
    """ASCII/mermaid pictures are diagrams; program text (a Dockerfile) is not."""
    return block["info"] not in ("docker", "dockerfile", "sh", "bash", "python", "json", "yaml")


def kind(block):
    return "mermaid" if block["info"] == "mermaid" else "ascii"


def notes_dir(repo_root):
    """The notes: ../shared/notes beside the clone (CI), or VIRTLAB_NOTES_DIR."""
    import os
    env = os.environ.get("VIRTLAB_NOTES_DIR")
    if env:
        return pathlib.Path(env)
    return pathlib.Path(repo_root).resolve().parent / "shared" / "notes"


def all_blocks(notes):
    result = []
    for path in sorted(pathlib.Path(notes).glob("[0-9][0-9][0-9]_*.txt")):
        result.extend(blocks(path))
    return result
