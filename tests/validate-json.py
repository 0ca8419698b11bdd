#!/usr/bin/env python3
"""Validate kimginfo --json output read from stdin against the schema given
as the first argument, with an independent parser (Python's json module and
the jsonschema package). Prints one line and exits 0 when valid, 1 when not.
"""
import json
import sys

import jsonschema


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        doc = json.load(sys.stdin)
    except json.JSONDecodeError as e:
        print("not JSON: %s" % e)
        return 1
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc),
                    key=lambda e: list(e.path))
    for e in errors[:5]:
        print("invalid at %s: %s" % ("/".join(map(str, e.path)), e.message))
    if errors:
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
