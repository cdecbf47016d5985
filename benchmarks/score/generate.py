#!/usr/bin/env python3
"""Write N random but valid csm-answers/1 files for the score benchmark.

usage: generate.py N OUTDIR [--seed S] [--questionnaire PATH]

Files are OUTDIR/a00000.json, a00001.json, ... The output depends only on N,
the seed and the questionnaire: the same arguments give byte-identical files.

Item ids and their directives are read from the questionnaire JSON
({"id": "csmg-v2", "items": [{"id": "1-1", "directive": 1, ...}, ...]}),
by default <repo>/questions/csmg-v2.json.

Each organization gets a maturity bias (its typical level) and a per-directive
offset, so that grades A, B and C all occur; about 2% of answers are "n/a"
(so now and then a directive of two or three items is entirely n/a and has
no score); about half the answers are plain integers, the rest objects with
evidence and sometimes a note. Some files are compact, some pretty-printed,
some list their answers in shuffled order.
"""

import argparse
import json
import os
import random
import sys

INDUSTRIES = ["machinery", "materials", "infrastructure", "finance",
              "construction", "services"]
SCOPES = ["entity", "entity", "entity", "group"]
ROLES = ["CISO", "IT manager", "Internal audit", "Risk management",
         "General affairs", "CSIRT lead", "Plant manager"]
NAMES = ["Hanako Sato", "Ken Ito", "Yuki Tanaka", "Taro Suzuki",
         "Aiko Watanabe", "Jiro Nakamura", "Mei Kobayashi", "Sho Yamamoto",
         "Rina Kato", "Daichi Yoshida"]
EVIDENCE = [
    "Board minutes {d}",
    "Policy v{v} approved {d}",
    "Internal audit report {d}",
    "Management meeting minutes {d}, item {v}",
    "Procedure document rev. {v}, {d}",
    "Training records FY{y}",
    "Exercise report {d}",
    "Vendor contract annex {v}, signed {d}",
    "Asset inventory export {d}",
    "SIEM dashboard screenshot {d}",
    "情報セキュリティ規程 第{v}版 ({d})",
    "Risk register entry R-{v:03d}, reviewed {d}",
]
NOTES = [
    "Partly done; rollout continues next fiscal year",
    "Applies to head office only",
    "Depends on one person",
    "Reviewed with the external auditor",
    "Plan approved, budget pending",
    "海外拠点は対象外",
]
# Typical deviation of each directive from an organization's own mean,
# roughly as in the 2020 trial (directive 1 high, 8 and 9 low).
DIRECTIVE_SHIFT = {1: 0.7, 2: 0.1, 3: -0.1, 4: -0.1, 5: 0.4,
                   6: -0.1, 7: 0.0, 8: -0.6, 9: -0.6, 10: -0.1}
NA_RATE = 0.02


def load_questionnaire(path):
    with open(path, encoding="utf-8") as f:
        q = json.load(f)
    items = [(it["id"], int(it["directive"])) for it in q["items"]]
    if not items:
        sys.exit(f"{path}: no items")
    return q.get("id", "csmg-v2"), items


def make_answers_file(rng, index, qid, items):
    bias = rng.uniform(1.0, 5.0)          # the organization's typical level
    spread = rng.uniform(0.4, 1.0)        # how uneven its items are
    dir_offset = {}
    for _, d in items:
        if d not in dir_offset:
            dir_offset[d] = DIRECTIVE_SHIFT.get(d, 0.0) * rng.uniform(0.3, 1.2) \
                + rng.gauss(0.0, 0.35)
    answers = {}
    for item, d in items:
        if rng.random() < NA_RATE:
            level = "n/a"
        else:
            x = rng.gauss(bias + dir_offset[d], spread)
            level = min(5, max(1, int(round(x))))
        r = rng.random()
        if r < 0.5:
            answers[item] = level
        else:
            y = rng.randint(2019, 2026)
            date = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            ans = {"level": level,
                   "evidence": rng.choice(EVIDENCE).format(
                       d=date, v=rng.randint(1, 40), y=y)}
            if r > 0.85:
                ans["note"] = rng.choice(NOTES)
            answers[item] = ans
    if rng.random() < 0.1:
        keys = list(answers)
        rng.shuffle(keys)
        answers = {k: answers[k] for k in keys}
    assessors = [{"name": n, "role": rng.choice(ROLES)}
                 for n in rng.sample(NAMES, rng.randint(1, 3))]
    doc = {
        "format": "csm-answers/1",
        "questionnaire": qid,
        "organization": {"name": f"Benchmark Organization {index:05d}",
                         "industry": rng.choice(INDUSTRIES),
                         "scope": rng.choice(SCOPES)},
        "assessed_on": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "assessors": assessors,
        "answers": answers,
    }
    indent = 2 if rng.random() < 0.5 else None
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, metavar="N")
    ap.add_argument("outdir", metavar="OUTDIR")
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--questionnaire",
                    default=os.path.join(root, "questions", "csmg-v2.json"))
    args = ap.parse_args()
    if args.n < 0:
        ap.error("N must be >= 0")
    qid, items = load_questionnaire(args.questionnaire)
    os.makedirs(args.outdir, exist_ok=True)
    rng = random.Random(args.seed)
    width = max(5, len(str(max(args.n - 1, 0))))
    for i in range(args.n):
        text = make_answers_file(rng, i, qid, items)
        path = os.path.join(args.outdir, f"a{i:0{width}d}.json")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
