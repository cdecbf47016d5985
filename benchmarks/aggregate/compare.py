#!/usr/bin/env python3
"""Check that two csm-benchmark/1 exports agree (csm's and reference.py's).

usage: compare.py A.json B.json [--tolerance 1e-9] [--hist-tolerance 1e-12] [--show K]

They agree when: format, questionnaire, grading and min_group are equal
(numbers within the tolerance); the published groups have the same keys in
the same order; the "suppressed" lists are equal (same keys, same reasons,
same order); for each group n is equal, every number of mean, sd, q1,
median, q3, min, max and overall.mean is within the tolerance (default 1e-9,
absolute) or both are null; every histogram (per directive and overall) has
the same number of bars, values within --hist-tolerance (default 1e-12) and
equal counts. "name", "source" and fields beyond these are not compared.

Prints the first K differences (default 20) on stderr and exits 1 if there
is any, else prints a one-line summary and exits 0. Exit 2 if a file cannot
be read or is not JSON.
"""

import argparse
import json
import sys

STAT_FIELDS = ("mean", "sd", "q1", "median", "q3", "min", "max")


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"compare.py: {path}: {e}", file=sys.stderr)
        sys.exit(2)


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


class Diff:
    def __init__(self):
        self.msgs = []

    def add(self, where, what):
        self.msgs.append(f"{where}: {what}")

    def number(self, where, a, b, tol):
        if a is None or b is None:
            if not (a is None and b is None):
                self.add(where, f"{a!r} vs {b!r}")
        elif not (is_num(a) and is_num(b)):
            self.add(where, f"not numbers: {a!r} vs {b!r}")
        elif not abs(a - b) <= tol:
            self.add(where, f"{a!r} vs {b!r} (difference {abs(a - b):.3g})")

    def array(self, where, a, b, tol):
        if not isinstance(a, list) or not isinstance(b, list):
            self.add(where, f"expected arrays: {type(a).__name__} vs {type(b).__name__}")
            return
        if len(a) != len(b):
            self.add(where, f"{len(a)} vs {len(b)} entries")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            self.number(f"{where}[{i}]", x, y, tol)

    def histogram(self, where, a, b, tol):
        if not isinstance(a, dict) or not isinstance(b, dict):
            self.add(where, f"expected objects: {a!r:.60} vs {b!r:.60}")
            return
        va, vb = a.get("values"), b.get("values")
        ca, cb = a.get("counts"), b.get("counts")
        if not all(isinstance(x, list) for x in (va, vb, ca, cb)):
            self.add(where, "values/counts missing or not arrays")
            return
        if len(va) != len(ca) or len(vb) != len(cb):
            self.add(where, f"values and counts differ in length "
                     f"({len(va)}/{len(ca)} vs {len(vb)}/{len(cb)})")
            return
        if len(va) != len(vb):
            # Name the first value that is in one and not in the other
            # (both lists ascending).
            i = j = 0
            first = "?"
            while i < len(va) or j < len(vb):
                x = va[i] if i < len(va) else None
                y = vb[j] if j < len(vb) else None
                if x is not None and y is not None and is_num(x) and is_num(y) \
                        and abs(x - y) <= tol:
                    i, j = i + 1, j + 1
                    continue
                if y is None or (x is not None and is_num(x) and is_num(y) and x < y):
                    first = f"{x!r} only in A (count {ca[i]!r})"
                else:
                    first = f"{y!r} only in B (count {cb[j]!r})"
                break
            self.add(where, f"{len(va)} vs {len(vb)} bars; {first}")
            return
        for i, (x, y, m, n) in enumerate(zip(va, vb, ca, cb)):
            if not (is_num(x) and is_num(y)) or not abs(x - y) <= tol:
                self.add(f"{where}.values[{i}]", f"{x!r} vs {y!r}")
            elif m != n or isinstance(m, bool) or isinstance(n, bool):
                self.add(f"{where}.counts[{i}] (value {x!r})", f"{m!r} vs {n!r}")


def compare(a, b, tol, htol):
    d = Diff()
    for field in ("format", "questionnaire"):
        if a.get(field) != b.get(field):
            d.add(field, f"{a.get(field)!r} vs {b.get(field)!r}")
    ga, gb = a.get("grading"), b.get("grading")
    if not isinstance(ga, dict) or not isinstance(gb, dict):
        d.add("grading", f"{ga!r} vs {gb!r}")
    else:
        for g in ("A", "B"):
            d.number(f"grading.{g}", ga.get(g), gb.get(g), tol)
    if a.get("min_group") != b.get("min_group"):
        d.add("min_group", f"{a.get('min_group')!r} vs {b.get('min_group')!r}")

    sa, sb = a.get("suppressed"), b.get("suppressed")
    if not isinstance(sa, list) or not isinstance(sb, list):
        d.add("suppressed", f"expected arrays: {sa!r:.60} vs {sb!r:.60}")
    elif sa != sb:
        pa = [(s.get("key"), s.get("reason")) if isinstance(s, dict) else s for s in sa]
        pb = [(s.get("key"), s.get("reason")) if isinstance(s, dict) else s for s in sb]
        if sorted(map(str, pa)) == sorted(map(str, pb)):
            d.add("suppressed", "same entries in a different order: "
                  f"{pa} vs {pb}")
        else:
            only_a = [p for p in pa if p not in pb]
            only_b = [p for p in pb if p not in pa]
            d.add("suppressed", f"only in A: {only_a}; only in B: {only_b}")

    la, lb = a.get("groups"), b.get("groups")
    if not isinstance(la, list) or not isinstance(lb, list):
        d.add("groups", "expected arrays")
        return d.msgs
    ka = [g.get("key") for g in la]
    kb = [g.get("key") for g in lb]
    if ka != kb:
        d.add("groups", f"keys differ:\n  A: {ka}\n  B: {kb}")
    mb = {g.get("key"): g for g in lb}
    for g in la:
        key = g.get("key")
        h = mb.get(key)
        if h is None:
            continue
        w = f"group {key}"
        if g.get("n") != h.get("n") or not isinstance(g.get("n"), int):
            d.add(f"{w}: n", f"{g.get('n')!r} vs {h.get('n')!r}")
        for f in STAT_FIELDS:
            d.array(f"{w}: {f}", g.get(f), h.get(f), tol)
        ha, hb = g.get("histogram"), h.get("histogram")
        if not isinstance(ha, list) or not isinstance(hb, list) or len(ha) != len(hb):
            d.add(f"{w}: histogram", "expected arrays of the same length")
        else:
            for i, (x, y) in enumerate(zip(ha, hb)):
                d.histogram(f"{w}: histogram[{i}]", x, y, htol)
        oa, ob = g.get("overall"), h.get("overall")
        if not isinstance(oa, dict) or not isinstance(ob, dict):
            d.add(f"{w}: overall", f"expected objects: {oa!r:.60} vs {ob!r:.60}")
        else:
            d.number(f"{w}: overall.mean", oa.get("mean"), ob.get("mean"), tol)
            d.histogram(f"{w}: overall.histogram", oa.get("histogram"),
                        ob.get("histogram"), htol)
    return d.msgs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a", metavar="A.json")
    ap.add_argument("b", metavar="B.json")
    ap.add_argument("--tolerance", type=float, default=1e-9)
    ap.add_argument("--hist-tolerance", type=float, default=1e-12)
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    a, b = load(args.a), load(args.b)
    if not isinstance(a, dict) or not isinstance(b, dict):
        print("compare.py: expected JSON objects", file=sys.stderr)
        sys.exit(2)
    msgs = compare(a, b, args.tolerance, args.hist_tolerance)
    if msgs:
        for m in msgs[:args.show]:
            print(m, file=sys.stderr)
        if len(msgs) > args.show:
            print(f"... and {len(msgs) - args.show} more differences", file=sys.stderr)
        print(f"compare: {len(msgs)} differences between {args.a} and {args.b}",
              file=sys.stderr)
        sys.exit(1)
    groups = a.get("groups") or []
    n_all = next((g.get("n") for g in groups if g.get("key") == "all"), "suppressed")
    print(f"compare: exports agree ({len(groups)} groups, "
          f"{len(a.get('suppressed') or [])} suppressed, n(all) = {n_all})")


if __name__ == "__main__":
    main()
