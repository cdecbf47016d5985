#!/usr/bin/env python3
"""Write N random but valid csm-answers/1 objects as JSON Lines for the aggregate benchmark.

usage: generate.py N OUT.jsonl [--seed S] [--questionnaire PATH]

One organization's assessment per line, compact JSON (no spaces), answers in
questionnaire order. The output depends only on N, the seed and the
questionnaire: the same arguments give byte-identical files.

Item ids and their directives are read from the questionnaire JSON
({"id": "csmg-v2", "items": [{"id": "1-1", "directive": 1, ...}, ...]}),
by default <repo>/questions/csmg-v2.json.

What the lines contain, so that every rule of the export is exercised:
- each organization has a maturity bias (its typical level, 1..5) and a
  per-directive offset, so grades A, B and C all occur;
- about 2% of answers are "n/a", about 0.1% null (not answered; excluded
  from the mean like n/a); now and then a directive is entirely n/a and has
  no score (about 1 line in 1,000 plus the natural cases of the 2-item
  directives); about 5% of answers are objects {"level": L[, "evidence": ...]};
- organization.name is unique ("Org 000001", ...);
- organization.industry: the six trial industries with unequal weights,
  2 lines without an industry, and the rare industry "water" on about 2
  lines per 100,000 (at least one): with K = 5 what the published
  industries leave uncovered is 3 lines at 20k, 4 at 100k (water is
  suppressed) and 2 at 1M (water, 20 lines, is published), so complementary
  suppression of the smallest industry happens at every size (when N >= 100;
  more lines without an industry would cover the small groups and prevent
  it);
- organization.size: small / medium / large on about 97% of lines;
- assessed_on: a day of 2024 or 2025.

Speed: levels are drawn once into pools of pre-rendered directive fragments
('"1-1":4,"1-2":3,"1-3":"n/a"'), keyed by directive, typical level (in
quarter steps) and spread; a line picks one fragment per directive. About
10 s for 1,000,000 lines.
"""

import argparse
import json
import os
import random
import sys

INDUSTRIES = [  # (id, weight)
    ("machinery", 22), ("materials", 14), ("infrastructure", 12),
    ("finance", 18), ("construction", 9), ("services", 25),
]
NO_INDUSTRY_LINES = 2            # lines without organization.industry
RARE_INDUSTRY = "water"
RARE_INDUSTRY_RATE = 2e-5         # ~2 lines per 100,000
SIZES = [("small", 45), ("medium", 33), ("large", 19), (None, 3)]
SCOPES = ["entity", "entity", "entity", "group"]
ROLES = ["CISO", "IT manager", "Internal audit", "Risk management",
         "General affairs", "CSIRT lead", "Plant manager"]
NAMES = ["Hanako Sato", "Ken Ito", "Yuki Tanaka", "Taro Suzuki",
         "Aiko Watanabe", "Jiro Nakamura", "Mei Kobayashi", "Sho Yamamoto",
         "Rina Kato", "Daichi Yoshida"]
EVIDENCE = ["Board minutes 2024-06", "Policy v3", "Internal audit 2025",
            "Exercise report", "Risk register R-017", "規程 第4版"]
# Typical deviation of each directive from an organization's own mean,
# roughly as in the 2020 trial (directive 1 high, 8 and 9 low).
DIRECTIVE_SHIFT = {1: 0.7, 2: 0.1, 3: -0.1, 4: -0.1, 5: 0.4,
                   6: -0.1, 7: 0.0, 8: -0.6, 9: -0.6, 10: -0.1}
NA_RATE = 0.02
NULL_RATE = 0.001
OBJECT_RATE = 0.05
ALL_NA_LINE_RATE = 0.001          # lines with one directive forced to all n/a
SPREADS = (0.45, 0.9)
BUCKETS = [b / 4 for b in range(2, 23)]     # typical level 0.5 .. 5.5
POOL_BITS = 8                               # 256 fragments per pool
PROFILE_BITS = 13                           # 8192 organization profiles
TABLE_BITS = 12                             # weighted choice tables


def load_questionnaire(path):
    with open(path, encoding="utf-8") as f:
        q = json.load(f)
    items = [(str(it["id"]), int(it["directive"])) for it in q["items"]]
    if not items:
        sys.exit(f"{path}: no items")
    return q.get("id", "csmg-v2"), items


def weighted_table(rng, choices, bits):
    """A list of 2**bits entries in which each choice appears by its weight."""
    size = 1 << bits
    total = sum(w for _, w in choices)
    table = []
    for value, w in choices:
        table += [value] * round(size * w / total)
    while len(table) < size:
        table.append(choices[-1][0])
    table = table[:size]
    rng.shuffle(table)
    return table


def render_level(rng, level):
    if level is None:
        return "null"
    if level == "n/a":
        return '"n/a"'
    if rng.random() < OBJECT_RATE:
        if rng.random() < 0.5:
            return '{"level":%d}' % level
        return '{"level":%d,"evidence":%s}' % (
            level, json.dumps(rng.choice(EVIDENCE), ensure_ascii=False))
    return str(level)


def make_fragment(rng, ids, mu, spread):
    parts = []
    for item in ids:
        r = rng.random()
        if r < NA_RATE:
            level = "n/a"
        elif r < NA_RATE + NULL_RATE:
            level = None
        else:
            level = min(5, max(1, int(round(rng.gauss(mu, spread)))))
        parts.append('"%s":%s' % (item, render_level(rng, level)))
    return ",".join(parts)


def build_pools(rng, items):
    """{directive: [pool per (bucket, spread)]}, each pool 2**POOL_BITS strings."""
    directives = []
    ids = {}
    for item, d in items:
        if d not in ids:
            directives.append(d)
            ids[d] = []
        ids[d].append(item)
    pools = {}
    for d in directives:
        per = {}
        for bi, mu in enumerate(BUCKETS):
            for si, spread in enumerate(SPREADS):
                per[bi, si] = [make_fragment(rng, ids[d], mu, spread)
                               for _ in range(1 << POOL_BITS)]
        pools[d] = per
    all_na = {d: ",".join('"%s":"n/a"' % i for i in ids[d]) for d in directives}
    return directives, pools, all_na


def build_profiles(rng, directives, pools):
    """Organization profiles: for each directive, the fragment pool to draw from."""
    profiles = []
    for _ in range(1 << PROFILE_BITS):
        bias = rng.uniform(1.0, 5.0)
        si = rng.randrange(len(SPREADS))
        prof = []
        for d in directives:
            mu = bias + DIRECTIVE_SHIFT.get(d, 0.0) * rng.uniform(0.3, 1.2) \
                + rng.gauss(0.0, 0.35)
            bi = min(len(BUCKETS) - 1, max(0, int(round(mu * 4)) - 2))
            prof.append(pools[d][bi, si])
        profiles.append(tuple(prof))
    return profiles


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, metavar="N")
    ap.add_argument("out", metavar="OUT.jsonl")
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--questionnaire",
                    default=os.path.join(root, "questions", "csmg-v2.json"))
    args = ap.parse_args()
    if args.n < 0:
        ap.error("N must be >= 0")
    n = args.n
    qid, items = load_questionnaire(args.questionnaire)
    rng = random.Random(args.seed)

    directives, pools, all_na = build_pools(rng, items)
    profiles = build_profiles(rng, directives, pools)
    nd = len(directives)

    # Everything before "answers", pre-rendered: organization tail
    # (industry, scope, size) and assessors.
    def org_tail(industry, scope, size):
        s = ""
        if industry is not None:
            s += ',"industry":"%s"' % industry
        s += ',"scope":"%s"' % scope
        if size is not None:
            s += ',"size":"%s"' % size
        return s + "}"

    ind_table = weighted_table(rng, INDUSTRIES, TABLE_BITS)
    size_table = weighted_table(rng, SIZES, TABLE_BITS)
    tails = [org_tail(ind_table[i], rng.choice(SCOPES), size_table[
        rng.getrandbits(TABLE_BITS)]) for i in range(1 << TABLE_BITS)]
    assessors = []
    for _ in range(64):
        people = rng.sample(NAMES, rng.randint(1, 3))
        assessors.append(',"assessors":' + json.dumps(
            [{"name": p, "role": rng.choice(ROLES)} for p in people],
            ensure_ascii=False, separators=(",", ":")))
    assessors += [""] * 8            # assessors are optional
    dates = []
    for y in (2024, 2025):
        for m, days in enumerate((31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31), 1):
            dates += ['%d-%02d-%02d' % (y, m, dd) for dd in range(1, days + 1)]

    # No industry and the rare industry go on fixed, randomly chosen lines.
    rare = {}
    if n >= 100:
        picks = rng.sample(range(n), NO_INDUSTRY_LINES +
                           max(1, round(n * RARE_INDUSTRY_RATE)))
        rare = dict.fromkeys(picks[NO_INDUSTRY_LINES:], RARE_INDUSTRY)
        rare.update(dict.fromkeys(picks[:NO_INDUSTRY_LINES], None))

    width = max(6, len(str(n)))
    head = ('{"format":"csm-answers/1","questionnaire":%s,"organization":'
            '{"name":"Org ' % json.dumps(qid))
    mask = (1 << POOL_BITS) - 1
    shifts = [POOL_BITS * k for k in range(nd)]
    getrandbits = rng.getrandbits
    random_ = rng.random
    ndates = len(dates)
    nass = len(assessors)

    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        buf = []
        for i in range(n):
            prof = profiles[getrandbits(PROFILE_BITS)]
            r = getrandbits(POOL_BITS * nd)
            frags = [pool[(r >> s) & mask] for pool, s in zip(prof, shifts)]
            if random_() < ALL_NA_LINE_RATE:
                k = getrandbits(16) % nd
                frags[k] = all_na[directives[k]]
            tail = tails[getrandbits(TABLE_BITS)]
            if i in rare:
                ind = rare[i]
                tail = (',"industry":"%s",' % ind if ind else ",") + \
                    tail[tail.index('"scope"'):]
            buf.append('%s%0*d"%s,"assessed_on":"%s"%s,"answers":{%s}}\n' % (
                head, width, i + 1, tail, dates[getrandbits(16) % ndates],
                assessors[getrandbits(16) % nass], ",".join(frags)))
            if len(buf) >= 20000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))


if __name__ == "__main__":
    main()
