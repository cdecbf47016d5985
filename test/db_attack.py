#!/usr/bin/env python3
"""Differencing attack on `csm db export`, run on the real csm binary.

usage: db_attack.py CSM SRC_DIR [postgresql://URL]

Builds small benchmark databases (SQLite in a temporary directory, or the
PostgreSQL database at URL, emptied before each case) and plays an ISAC
member who receives every export and tries to recover one organization's
directive scores by subtracting published histograms:

  join       an export before and after the victim joins
  reassess   an export before and after the victim's re-assessment
  year       an export of all years and one of --year 2025, the victim
             having assessed only in 2026
  spellings  the attacker stores itself under four spellings of one name,
             so that a group of the victim and the four copies is published
  leave      an export before and after the victim leaves (db remove)
  regrade    two exports whose grade thresholds move the victim to another grade
  sum        one export where two industries and the victim make up one size
             (the sum of the industry groups is subtracted)

Within and across the exports of a case, every pair of published groups (and
sums of the published groups of one family) is subtracted, directive by
directive; where what is left is one organization,
its scores are compared with every organization's true scores (from
`csm score --json`). Also, the attacker subtracts its own known scores (up
to the number of copies it stored) from every group. Exit 1 if any
organization other than the attacker comes back, 0 otherwise.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

CSM, SRC = sys.argv[1], sys.argv[2]
PG = sys.argv[3] if len(sys.argv) > 3 else None
K = 5
EPS = 1e-9

with open(os.path.join(SRC, "examples", "minato-services.json"), encoding="utf-8") as f:
    ITEMS = sorted(json.load(f)["answers"].keys())


def csm(*args, check=True):
    r = subprocess.run([CSM, *args, "--data-dir", SRC], capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit(f"csm {' '.join(args)}: exit {r.returncode}\n{r.stderr}")
    return r


class Case:
    def __init__(self, name, work):
        self.name, self.work = name, work
        self.truth = {}  # organization -> (directive scores, overall)
        self.exports = []
        self.n = 0
        if PG:
            subprocess.run(["psql", "-X", "-q", PG, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                           check=True, capture_output=True)
            self.db = PG
        else:
            self.db = os.path.join(work, name + ".db")
        csm("db", "init", "--db", self.db)

    def assessment(self, org, date, levels, industry="services", size="medium"):
        """Ingest one assessment of `org`; returns its true scores."""
        self.n += 1
        path = os.path.join(self.work, f"{self.name}-{self.n}.json")
        organization = {"name": org, "size": size}
        if industry:
            organization["industry"] = industry
        doc = {"format": "csm-answers/1", "questionnaire": "csmg-v2", "organization": organization,
               "assessed_on": date, "answers": {i: {"level": l} for i, l in zip(ITEMS, levels)}}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        s = json.loads(csm("score", path, "--json").stdout)
        scores = ([d["score"] for d in s["directives"]], s["overall"])
        csm("db", "ingest", "--db", self.db, path)
        return scores

    def export(self, *args):
        out = os.path.join(self.work, f"{self.name}-export{len(self.exports) + 1}.json")
        csm("db", "export", "--db", self.db, "--min-group", str(K), "-o", out, *args)
        with open(out, encoding="utf-8") as f:
            self.exports.append(json.load(f))


def histograms(group):
    """Per directive and overall: {value: count}."""
    hs = [dict(zip(h["values"], h["counts"])) for h in group["histogram"]]
    o = group["overall"]["histogram"]
    return hs + [dict(zip(o["values"], o["counts"]))]


def subtract(a, b, times=1):
    out = []
    for x, y in zip(a, b):
        d = dict(x)
        for v, c in y.items():
            d[v] = d.get(v, 0) - times * c
        out.append({v: c for v, c in d.items() if c})
    return out


def single(hs, sign):
    """The vector of one organization if each histogram's `sign` part is one count."""
    vec = []
    for h in hs:
        part = [(v, c * sign) for v, c in h.items() if c * sign > 0]
        if len(part) != 1 or part[0][1] != 1:
            return None
        vec.append(part[0][0])
    return vec


def same(vec, truth):
    scores, overall = truth
    return all(abs(a - b) < EPS for a, b in zip(vec, scores + [overall]))


def add(a, b):
    out = []
    for x, y in zip(a, b):
        d = dict(x)
        for v, c in y.items():
            d[v] = d.get(v, 0) + c
        out.append(d)
    return out


def attack(case, known=None, copies=0):
    groups = [(f"export{i + 1}:{g['key']}", histograms(g)) for i, e in enumerate(case.exports) for g in e["groups"]]
    # and per export the sum of the published groups of each family (industry:a + industry:b ...)
    for i, e in enumerate(case.exports):
        sums = {}
        for g in e["groups"]:
            family = g["key"].split(":")[0]
            if family != "all":
                h = histograms(g)
                sums[family] = add(sums[family], h) if family in sums else h
        groups += [(f"export{i + 1}:sum of {f} groups", h) for f, h in sums.items()]
    found = set()
    for la, ha in groups:
        for lb, hb in groups:
            if la == lb:
                continue
            d = subtract(ha, hb)
            for sign in (1, -1):
                v = single(d, sign)
                for org, t in case.truth.items():
                    if v and org != "attacker" and same(v, t):
                        found.add(f"{org} from {la} - {lb}: {[round(x, 4) for x in v]}")
        if known:
            a = [{v: 1} for v in known[0] + [known[1]]]
            for c in range(1, copies + 1):
                d = subtract(ha, a, c)
                if any(n < 0 for h in d for n in h.values()):
                    continue
                v = single(d, 1)
                for org, t in case.truth.items():
                    if v and org != "attacker" and same(v, t):
                        found.add(f"{org} from {la} - {c} x attacker: {[round(x, 4) for x in v]}")
    published = sorted({f"{e['groups'][i]['key']}(n={e['groups'][i]['n']})"
                        for e in case.exports for i in range(len(e["groups"]))})
    print(f"{case.name}: {len(case.exports)} exports, published groups: {', '.join(published) or 'none'}")
    for f in sorted(found)[:3]:
        print(f"{case.name}: RECOVERED {f}")
    if len(found) > 3:
        print(f"{case.name}: ... recovered by {len(found) - 3} more subtractions")
    if not found:
        print(f"{case.name}: nothing recovered")
    return bool(found)


def levels(rng):
    return [rng.randint(1, 5) for _ in ITEMS]


def main():
    rng = random.Random(13)
    work = tempfile.mkdtemp(prefix="csm-attack.")
    failed = False
    try:
        # join: five members, then the victim joins
        c = Case("join", work)
        for i in range(5):
            c.truth[f"member{i}"] = c.assessment(f"Member {i}", "2025-04-01", levels(rng))
        c.export()
        c.truth["victim"] = c.assessment("Victim Ltd.", "2025-06-01", levels(rng))
        c.export()
        failed |= attack(c)

        # reassess: the victim's scores before and after its re-assessment
        c = Case("reassess", work)
        for i in range(5):
            c.truth[f"member{i}"] = c.assessment(f"Member {i}", "2025-04-01", levels(rng))
        old = [rng.randint(1, 3) for _ in ITEMS]  # the new one is better in every directive
        c.truth["victim (old)"] = c.assessment("Victim Ltd.", "2025-03-01", old)
        c.export()
        c.truth["victim (new)"] = c.assessment("Victim Ltd.", "2025-09-01", [l + 2 for l in old])
        c.export()
        failed |= attack(c)

        # year: five members assessed in 2025, the victim only in 2026
        c = Case("year", work)
        for i in range(5):
            c.truth[f"member{i}"] = c.assessment(f"Member {i}", "2025-04-01", levels(rng))
        c.truth["victim"] = c.assessment("Victim Ltd.", "2026-02-01", levels(rng))
        c.export()
        c.export("--year", "2025")
        c.export("--year", "2026")
        failed |= attack(c)

        # leave: the victim leaves (db remove) between two exports
        c = Case("leave", work)
        for i in range(5):
            c.truth[f"member{i}"] = c.assessment(f"Member {i}", "2025-04-01", levels(rng))
        c.truth["victim"] = c.assessment("Victim Ltd.", "2025-06-01", levels(rng))
        c.export()
        csm("db", "remove", "--db", c.db, "Victim Ltd.")
        c.export()
        failed |= attack(c)

        # regrade: other grade thresholds move one organization between grades
        c = Case("regrade", work)
        for i in range(12):
            c.truth[f"member{i}"] = c.assessment(f"Member {i}", "2025-04-01", [3 + (i % 2)] * len(ITEMS))
        c.truth["victim"] = c.assessment("Victim Ltd.", "2025-06-01", [3] * (len(ITEMS) - 8) + [4] * 8)
        c.export("--grade-a", "3.75", "--grade-b", "2.67")
        c.export("--grade-a", "3.1", "--grade-b", "2.67")
        failed |= attack(c)

        # sum: one export; industries a and b plus the victim (no industry)
        # make up size:medium exactly, so medium - a - b is the victim
        c = Case("sum", work)
        for i in range(10):
            c.truth[f"member{i}"] = c.assessment(f"Member {i}", "2025-04-01", [3] * len(ITEMS),
                                                 industry="finance" if i < 5 else "construction")
        for i in range(5):
            c.truth[f"other{i}"] = c.assessment(f"Other {i}", "2025-04-01", [3] * len(ITEMS), industry=None,
                                                size="large")
        c.truth["victim"] = c.assessment("Victim Ltd.", "2025-06-01", [3] * (len(ITEMS) - 8) + [2] * 8,
                                         industry=None)
        c.export()
        failed |= attack(c)

        # spellings: the attacker four times, the victim once, in one industry
        c = Case("spellings", work)
        mine = levels(rng)
        for name in ("Attacker Co.", "Attacker Co. ", "ATTACKER CO.", "Ａｔｔａｃｋｅｒ Ｃｏ．"):
            c.truth["attacker"] = c.assessment(name, "2025-05-01", mine, industry="finance")
        c.truth["victim"] = c.assessment("Victim Bank", "2025-05-01", levels(rng), industry="finance")
        for i in range(5):  # other industries, so that "all" is published
            c.truth[f"member{i}"] = c.assessment(f"Member {i}", "2025-04-01", levels(rng))
        c.export()
        failed |= attack(c, c.truth["attacker"], 4)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("attack: " + ("FAILED: scores of an organization were recovered" if failed
                        else "no organization's scores were recovered"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
