#!/usr/bin/env python3
"""Check that csm's score output agrees with reference.py, file by file.

usage: compare.py CSM_OUT REF_OUT [--tolerance 1e-9] [--show K]

CSM_OUT: what `csm score --json` printed, one JSON document per file (one per
line, or pretty-printed one after another), each with "file", "directives"
([{"id": 1, "score": x|null, ...}, ...]), "overall" and "grade".
REF_OUT: what reference.py printed (one JSON per line, "directives" a plain
list of 10 numbers or nulls).

A file agrees when both outputs have it exactly once, every directive score
and the overall are within the tolerance (or both null), and the grades are
equal. Prints "agreement: K/N files identical" (N = files in REF_OUT), the
first few differences on stderr, and exits 1 if any file disagrees.
"""

import argparse
import json
import os
import sys
from collections import Counter


def read_docs(path):
    """All JSON documents in a file, whether one per line or pretty-printed."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    dec = json.JSONDecoder()
    docs, i, n = [], 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            return docs
        try:
            doc, i = dec.raw_decode(text, i)
        except json.JSONDecodeError as e:
            sys.exit(f"{path}: not JSON: {e}")
        docs.append(doc)


def csm_directives(doc):
    ds = doc.get("directives")
    if not isinstance(ds, list):
        raise ValueError("no directives array")
    if ds and isinstance(ds[0], dict):
        out = [None] * 10
        for k, d in enumerate(ds):
            idx = int(d.get("id", k + 1)) - 1
            if not 0 <= idx < 10:
                raise ValueError(f"directive id {d.get('id')} out of range")
            out[idx] = d.get("score")
        if len(ds) != 10:
            raise ValueError(f"{len(ds)} directives, expected 10")
        return out
    return list(ds)


def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= tol


def diff(csm, ref, tol):
    """List of differences between one csm document and one reference line."""
    probs = []
    try:
        cd = csm_directives(csm)
    except (ValueError, TypeError) as e:
        return [str(e)]
    rd = ref["directives"]
    if len(cd) != len(rd):
        return [f"{len(cd)} directive scores, reference has {len(rd)}"]
    for k, (a, b) in enumerate(zip(cd, rd), 1):
        if not close(a, b, tol):
            probs.append(f"directive {k}: csm {a!r}, reference {b!r}")
    if not close(csm.get("overall"), ref["overall"], tol):
        probs.append(f"overall: csm {csm.get('overall')!r}, "
                     f"reference {ref['overall']!r}")
    if csm.get("grade") != ref["grade"]:
        probs.append(f"grade: csm {csm.get('grade')!r}, "
                     f"reference {ref['grade']!r}")
    return probs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csm_out", metavar="CSM_OUT")
    ap.add_argument("ref_out", metavar="REF_OUT")
    ap.add_argument("--tolerance", type=float, default=1e-9)
    ap.add_argument("--show", type=int, default=10,
                    help="differences to print (default 10)")
    args = ap.parse_args()

    key = os.path.normpath
    ref_docs = read_docs(args.ref_out)
    csm_docs = read_docs(args.csm_out)
    ref = {key(d["file"]): d for d in ref_docs}
    csm_count = Counter(key(str(d.get("file"))) for d in csm_docs)
    csm = {key(str(d.get("file"))): d for d in csm_docs}

    problems = []                      # (file, [messages])
    same = 0
    for f, r in ref.items():
        if f not in csm:
            problems.append((f, ["missing from csm output"]))
        elif csm_count[f] > 1:
            problems.append((f, [f"{csm_count[f]} documents in csm output"]))
        else:
            p = diff(csm[f], r, args.tolerance)
            if p:
                problems.append((f, p))
            else:
                same += 1
    extra = sorted(f for f in csm if f not in ref)
    for f in extra:
        problems.append((f, ["in csm output but not scored by the reference"]))

    for f, msgs in problems[:args.show]:
        for m in msgs:
            print(f"{f}: {m}", file=sys.stderr)
    if len(problems) > args.show:
        print(f"... and {len(problems) - args.show} more files with differences",
              file=sys.stderr)

    grades = Counter(r["grade"] for r in ref.values())
    print(f"agreement: {same}/{len(ref)} files identical"
          + (f" ({len(extra)} unexpected in csm output)" if extra else ""))
    print("grades (reference): " + "  ".join(
        f"{g or 'none'} {grades[g]}" for g in sorted(grades, key=str)))
    sys.exit(0 if not problems and len(ref_docs) == len(ref) else 1)


if __name__ == "__main__":
    main()
