#!/usr/bin/env python3
"""Straightforward reference for `csm bench aggregate`: csm-benchmark/1 export of a JSON Lines file.

usage: reference.py FILE.jsonl [--min-group K] [--grade-a A] [--grade-b B]
                    [--year Y] [--name NAME] [--source TEXT]
                    [--questions-dir DIR] [--strict]

Follows the csm-benchmark/1 export rules (aggregate/db export format) on
purpose in the plainest way: json.loads per line, per group Python lists of
directive scores, statistics.mean / stdev / quantiles(method="inclusive"),
collections.Counter for the histograms. It is the yardstick of the benchmark,
deliberately not optimized.

Per line (one organization's assessment): directive score = statistics.mean
of the directive's item levels ("n/a" and null left out; no level, no
score); overall = mean of the directive scores that exist (unweighted);
grade A if overall >= A - 1e-9, B if overall >= B - 1e-9, else C.

The overall is computed from the exact directive means (fractions) and
rounded to the nearest double once, so that two assessments with the same
overall give the same double and fall into the same histogram bar
regardless of the order of the additions (in C: numerator
sum_d s_d * (L / c_d) over L * m, with s_d / c_d the level sum / count of
directive d, L = lcm(1..items per directive) = 2520 for csmg-v2 and m the
number of scored directives, divided once as doubles; a plain double sum of
the directive scores differs in the last bit on ~40% of the lines and splits
histogram bars).

Lines that are not valid (not JSON, not a csm-answers/1 object, another
questionnaire than the first line's, unknown or missing items, levels out of
range, a size other than small/medium/large) are skipped with a message
`FILE:LINE: ...` on stderr; with --strict the first one ends the run with
exit status 2 and nothing on stdout. An empty industry or size counts as
not given. Blank lines are ignored.

Groups: all; grade:A, grade:B, grade:C; industry:<id>; size:<size>;
year:<first 4 chars of assessed_on>. Suppression: a group with n < K is
left out; then, per family (grades, industries, sizes, years), while what
the published groups of the family leave uncovered (all - their total: the
suppressed groups and the assessments without a value for the family) is
> 0 and < K, the smallest published group of the family (ties: the first in
key order) is suppressed as well. If "all" has n < K, every group is
suppressed. Empty groups (a grade no assessment has) are neither published
nor listed. The "suppressed" list is in group order; reasons "fewer than K
organizations" (K as a number) and "complementary suppression".

Prints the export (JSON) on stdout.
"""

import argparse
import json
import os
import statistics
import sys
from collections import Counter
from fractions import Fraction

EPS = 1e-9
STAT_FIELDS = ("mean", "sd", "q1", "median", "q3", "min", "max")
SIZES = ("small", "medium", "large")


class Invalid(Exception):
    pass


def load_questionnaire(qdir, qid):
    path = os.path.join(qdir, qid + ".json")
    try:
        with open(path, encoding="utf-8") as f:
            q = json.load(f)
    except OSError as e:
        raise Invalid(f"questionnaire {qid!r} not found ({e.strerror})")
    directives = sorted({int(it["directive"]) for it in q["items"]})
    column = {d: k for k, d in enumerate(directives)}
    directive_of = {it["id"]: column[int(it["directive"])] for it in q["items"]}
    return directives, directive_of


def level_of(item, ans):
    if isinstance(ans, dict):
        if "level" not in ans:
            raise Invalid(f"item {item}: object without \"level\"")
        ans = ans["level"]
    if ans is None or ans == "n/a":
        return None
    if type(ans) is int and 1 <= ans <= 5:
        return ans
    raise Invalid(f"item {item}: level {json.dumps(ans)} is not 1..5, \"n/a\" or null")


def score_line(doc, directive_of, ndirectives):
    """(directive scores (None = no score), overall (None = none))."""
    if not isinstance(doc, dict):
        raise Invalid("not a JSON object")
    if doc.get("format") != "csm-answers/1":
        raise Invalid(f"format {doc.get('format')!r} is not csm-answers/1")
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        raise Invalid("answers: expected an object")
    levels = [[] for _ in range(ndirectives)]
    for item, ans in answers.items():
        if item not in directive_of:
            raise Invalid(f"item {item}: unknown item")
        lv = level_of(item, ans)
        if lv is not None:
            levels[directive_of[item]].append(lv)
    missing = [i for i in directive_of if i not in answers]
    if missing:
        raise Invalid(f"item {missing[0]}: missing")
    scores = [statistics.mean(v) if v else None for v in levels]
    exact = [Fraction(sum(v), len(v)) for v in levels if v]
    overall = float(statistics.mean(exact)) if exact else None
    return [float(s) if s is not None else None for s in scores], overall


def grade_of(overall, a, b):
    if overall is None:
        return None
    if overall >= a - EPS:
        return "A"
    if overall >= b - EPS:
        return "B"
    return "C"


def text_field(obj, key):
    """A string field, or None when absent, null or empty."""
    v = obj.get(key) if isinstance(obj, dict) else None
    if v is None or v == "":
        return None
    if not isinstance(v, str):
        raise Invalid(f"{key}: expected a string")
    return v


class Group:
    def __init__(self, key, ndirectives):
        self.key = key
        self.n = 0
        self.values = [[] for _ in range(ndirectives)]
        self.overall = []

    def add(self, scores, overall):
        self.n += 1
        for vals, s in zip(self.values, scores):
            if s is not None:
                vals.append(s)
        if overall is not None:
            self.overall.append(overall)


def histogram(values):
    c = Counter(values)
    keys = sorted(c)
    return {"values": keys, "counts": [c[k] for k in keys]}


def describe(values):
    if not values:
        return dict.fromkeys(STAT_FIELDS), {"values": [], "counts": []}
    mean = statistics.mean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    if len(values) > 1:
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    else:
        q1 = median = q3 = values[0]
    st = {"mean": mean, "sd": sd, "q1": q1, "median": median, "q3": q3,
          "min": min(values), "max": max(values)}
    return {k: float(v) for k, v in st.items()}, histogram(values)


def group_json(g):
    out = {"key": g.key, "n": g.n}
    per = [describe(v) for v in g.values]
    for f in STAT_FIELDS:
        out[f] = [st[f] for st, _ in per]
    out["histogram"] = [h for _, h in per]
    out["overall"] = {
        "mean": float(statistics.mean(g.overall)) if g.overall else None,
        "histogram": histogram(g.overall)}
    return out


def suppress(groups, order, k):
    """[(key, reason)] in group order."""
    reason_small = f"fewer than {k} organizations"
    n = {key: groups[key].n for key in order}
    suppressed = {}
    if n["all"] < k:
        for key in order:
            suppressed[key] = reason_small
    else:
        for key in order:
            if n[key] < k:
                suppressed[key] = reason_small
        for prefix in ("grade:", "industry:", "size:", "year:"):
            # What the published groups of a family leave uncovered (its
            # suppressed groups and the assessments without a value for the
            # family) can be recovered as a whole: it must be 0 or >= k.
            family = [key for key in order if key.startswith(prefix)]
            hidden = n["all"] - sum(n[key] for key in family if key not in suppressed)
            while 0 < hidden < k:
                published = [key for key in family if key not in suppressed and n[key] > 0]
                if not published:
                    break
                smallest = min(published, key=lambda key: n[key])  # first on ties
                suppressed[smallest] = "complementary suppression"
                hidden += n[smallest]
    return [(key, suppressed[key]) for key in order if key in suppressed and n[key] > 0]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", metavar="FILE.jsonl")
    ap.add_argument("--min-group", type=int, default=5, metavar="K")
    ap.add_argument("--grade-a", type=float, default=3.75)
    ap.add_argument("--grade-b", type=float, default=2.67)
    ap.add_argument("--year", metavar="Y")
    ap.add_argument("--name", default="bench")
    ap.add_argument("--source", help="default: the file's name")
    ap.add_argument("--questions-dir", default=os.path.join(root, "questions"))
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()

    qid = None
    directive_of = None
    ndirectives = 0
    groups = {}

    def group(key):
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key, ndirectives)
        return g

    bad = 0
    with open(args.file, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as e:
                    raise Invalid(f"not JSON: {e}")
                if not isinstance(doc, dict):
                    raise Invalid("not a JSON object")
                line_qid = doc.get("questionnaire", "csmg-v2")
                if qid is None:
                    if not isinstance(line_qid, str) or "/" in line_qid:
                        raise Invalid(f"questionnaire {line_qid!r}: not an id")
                    directives, directive_of = load_questionnaire(
                        args.questions_dir, line_qid)
                    qid = line_qid
                    ndirectives = len(directives)
                    for key in ("all", "grade:A", "grade:B", "grade:C"):
                        group(key)
                elif line_qid != qid:
                    raise Invalid(f"questionnaire {line_qid!r}, the file's "
                                  f"first assessment uses {qid!r}")
                scores, overall = score_line(doc, directive_of, ndirectives)
                org = doc.get("organization")
                if org is not None and not isinstance(org, dict):
                    raise Invalid("organization: expected an object")
                industry = text_field(org, "industry")
                size = text_field(org, "size")
                if size is not None and size not in SIZES:
                    raise Invalid(f"organization.size: {size!r} is not "
                                  "small, medium or large")
                date = text_field(doc, "assessed_on")
            except Invalid as e:
                print(f"{args.file}:{lineno}: {e}", file=sys.stderr)
                if args.strict:
                    sys.exit(2)
                bad += 1
                continue
            if args.year is not None and not (date or "").startswith(args.year):
                continue
            keys = ["all"]
            grade = grade_of(overall, args.grade_a, args.grade_b)
            if grade:
                keys.append("grade:" + grade)
            if industry:
                keys.append("industry:" + industry)
            if size:
                keys.append("size:" + size)
            if date:
                keys.append("year:" + date[:4])
            for key in keys:
                group(key).add(scores, overall)

    if qid is None:             # no valid line: an empty "all"
        qid = "csmg-v2"
        ndirectives = len(load_questionnaire(args.questions_dir, qid)[0])
        for key in ("all", "grade:A", "grade:B", "grade:C"):
            group(key)

    order = ["all", "grade:A", "grade:B", "grade:C"]
    for prefix in ("industry:", "size:", "year:"):
        order += sorted(k for k in groups if k.startswith(prefix))
    suppressed = suppress(groups, order, args.min_group)
    hidden = {key for key, _ in suppressed}

    doc = {
        "format": "csm-benchmark/1",
        "name": args.name,
        "source": args.source if args.source is not None
        else os.path.basename(args.file),
        "questionnaire": qid,
        "grading": {"A": args.grade_a, "B": args.grade_b},
        "min_group": args.min_group,
        "groups": [group_json(groups[key]) for key in order
                   if key not in hidden and groups[key].n > 0],
        "suppressed": [{"key": key, "reason": reason} for key, reason in suppressed],
    }
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    if bad:
        print(f"{args.file}: {bad} invalid lines skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
