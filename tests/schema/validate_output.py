#!/usr/bin/env python3
"""Run a tool and validate what it printed on stdout against a JSON Schema.

usage: validate_output.py --json|--jsonl SCHEMA -- COMMAND [ARG...]
       validate_output.py --json|--jsonl SCHEMA --file OUTPUT

Exit 0 when the output is valid, 1 when it is not (with the failing path), 77 (skip) when the command itself
reports it cannot run here (exit code 5 = unsupported) — the reason is printed.
"""
import json
import subprocess
import sys

import jsonschema


def main(argv):
    if len(argv) < 4 or argv[0] not in ("--json", "--jsonl"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, schema_path = argv[0], argv[1]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    if argv[2] == "--file":
        with open(argv[3], encoding="utf-8") as f:
            text = f.read()
    elif argv[2] == "--":
        proc = subprocess.run(argv[3:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
        if proc.returncode == 5:
            print(f"SKIP: {' '.join(argv[3:])} is unsupported here: {proc.stderr.strip()}")
            return 77
        if proc.returncode != 0:
            print(f"command failed with exit code {proc.returncode}: {proc.stderr.strip()}", file=sys.stderr)
            return 1
        text = proc.stdout
    else:
        print(__doc__, file=sys.stderr)
        return 2
    documents = [line for line in text.splitlines() if line.strip()] if mode == "--jsonl" else [text]
    if not documents:
        print("no JSON output at all", file=sys.stderr)
        return 1
    for index, doc_text in enumerate(documents):
        try:
            doc = json.loads(doc_text)
        except json.JSONDecodeError as exc:
            print(f"document {index}: not JSON: {exc}", file=sys.stderr)
            return 1
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for err in errors[:10]:
            print(f"document {index}: at /{'/'.join(map(str, err.path))}: {err.message}", file=sys.stderr)
        if errors:
            return 1
    print(f"valid: {len(documents)} document(s) against {schema_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
