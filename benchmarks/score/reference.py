#!/usr/bin/env python3
"""Straightforward reference scorer for csm-answers/1 files (SPEC section 4).

usage: reference.py --benchmark BENCH.json [--questionnaire PATH]
                    [--files-from LIST] [FILE...]

For each file: directive score = statistics.mean of its applicable item levels
("n/a" and unanswered null are left out; a directive with no applicable item
has no score, printed as null, and is left out of the overall); overall =
statistics.mean of the directive scores; grade from the benchmark's
"grading": {"A": ..., "B": ...}: A if overall >= A, B if overall >= B, else C,
compared with a tolerance of 1e-9.

Prints one JSON document per line:
  {"file": path, "directives": [s1, ..., s10], "overall": x, "grade": "A"}

An item's directive is read from --questionnaire when given
({"items": [{"id": "1-1", "directive": 1}, ...]}), otherwise from its id
("9-2" -> directive 9). No validation beyond that: this is the yardstick
for the benchmark, not a checker.
"""

import argparse
import json
import statistics
import sys

NDIRECTIVES = 10
EPS = 1e-9


def grade_of(overall, grading):
    if overall is None:
        return None
    if overall >= grading["A"] - EPS:
        return "A"
    if overall >= grading["B"] - EPS:
        return "B"
    return "C"


def score_doc(doc, grading, directive_of=None):
    levels = {d: [] for d in range(1, NDIRECTIVES + 1)}
    for item, ans in doc["answers"].items():
        level = ans["level"] if isinstance(ans, dict) else ans
        if level is None or level == "n/a":
            continue
        d = directive_of[item] if directive_of else int(item.split("-")[0])
        levels[d].append(level)
    directives = [float(statistics.mean(v)) if v else None
                  for _, v in sorted(levels.items())]
    present = [s for s in directives if s is not None]
    overall = float(statistics.mean(present)) if present else None
    return {"directives": directives, "overall": overall,
            "grade": grade_of(overall, grading)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--benchmark", required=True, metavar="BENCH.json")
    ap.add_argument("--questionnaire", metavar="PATH")
    ap.add_argument("--files-from", metavar="LIST",
                    help="file with one path per line ('-' = stdin)")
    ap.add_argument("files", nargs="*", metavar="FILE")
    args = ap.parse_args()

    with open(args.benchmark, encoding="utf-8") as f:
        grading = json.load(f)["grading"]
    directive_of = None
    if args.questionnaire:
        with open(args.questionnaire, encoding="utf-8") as f:
            directive_of = {it["id"]: int(it["directive"])
                            for it in json.load(f)["items"]}

    files = list(args.files)
    if args.files_from:
        lst = sys.stdin if args.files_from == "-" else \
            open(args.files_from, encoding="utf-8")
        with lst:
            files += [line.rstrip("\r\n") for line in lst if line.strip()]

    out = sys.stdout
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        res = score_doc(doc, grading, directive_of)
        out.write(json.dumps({"file": path, **res}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
