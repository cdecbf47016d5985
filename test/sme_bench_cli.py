#!/usr/bin/env python3
"""Benchmarks in points (sme-check) through the real program.

usage: python3 sme_bench_cli.py CSM SOURCE_DIR

The answers are made here from questions/sme-check.json (seeded random
choices), and every expected figure is worked out here from the choices'
points, not by csm.

(a) csm bench aggregate: "points" in place of "grading", no grade groups, per
    group n and the parts' and the total's statistics (mean, quartiles as
    Python's statistics.quantiles inclusive, min, max, histogram); a group
    under k not published.
(b) csm score --benchmark of it, JSON and text in ja and en: the peers' mean,
    the company's percentile, the parts' means; the one-page report's line on
    the industry's peers (pdftotext); a benchmark of levels given for
    sme-check, and the points benchmark for csmg-v2: no comparison.
(c) csm db ingest and db export: the same benchmark as bench aggregate.
(d) Hostile lines: an answer not on the scale, levels for sme-check: FILE:LINE
    and what, exit 2 with --strict, nothing written or stored.
(e) Mixed input (csmg-v2 and sme-check lines): each run aggregates one
    questionnaire and names the others' lines; the database stores both and
    exports each apart.
"""
import collections
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def main():
    csm, src = sys.argv[1], sys.argv[2]
    env = dict(os.environ, TZ="UTC")

    def run(*args):
        return subprocess.run([csm, *args, "--data-dir", src], capture_output=True, env=env)

    q = json.load(open(os.path.join(src, "questions", "sme-check.json"), encoding="utf-8"))
    points = {c["id"]: c["points"] for c in q["scale"]["choices"]}
    items = [(i["id"], i["directive"]) for i in q["items"]]
    rng = random.Random(20261203)
    # 28 companies: 10 banks, 3 retailers (under k), 13 machine makers, 2 naming
    # no industry (so that the retailers are not the only ones left out of the
    # industries: no complementary suppression, and db export publishes what
    # bench aggregate does)
    industries = ["bank"] * 10 + ["retail"] * 3 + ["general_machinery"] * 13 + [""] * 2
    lines, totals, parts = [], [], []
    for k, ind in enumerate(industries):
        answers = {i: rng.choice(list(points)) for i, _ in items}
        totals.append(sum(points[c] for c in answers.values()))
        parts.append([sum(points[answers[i]] for i, d in items if d == g) for g in (1, 2, 3)])
        lines.append({"format": "csm-answers/1", "questionnaire": "sme-check",
                      "organization": {"name": "SME %02d" % k, "industry": ind},
                      "assessed_on": "2026-%02d-10" % (1 + k % 12), "answers": answers})

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = os.path.join(tmp, "sme.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            for d in lines:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")

        # (a) the benchmark in points
        bench = os.path.join(tmp, "bench.json")
        r = run("bench", "aggregate", jsonl, "--questionnaire", "sme-check", "--name", "SME peers", "-o", bench)
        check(r.returncode == 0, "aggregate: exit %d: %s" % (r.returncode, r.stderr.decode()))
        b = json.load(open(bench))
        check(b.get("points") == {"max": 100, "parts_max": [20, 52, 28]}, "aggregate: points %r" % b.get("points"))
        check("grading" not in b, "aggregate: no grading for points")
        groups = {g["key"]: g for g in b["groups"]}
        check(not any(k.startswith("grade:") for k in groups), "aggregate: no grade groups")
        a = groups.get("all", {})
        check(a.get("n") == 28, "aggregate: all.n %r" % a.get("n"))
        ov = a.get("overall", {})
        check(abs(ov.get("mean", -1) - statistics.mean(totals)) < 1e-9, "aggregate: all.overall.mean")
        check(abs(ov.get("sd", -1) - statistics.stdev(totals)) < 1e-9, "aggregate: all.overall.sd")
        qs = statistics.quantiles(totals, n=4, method="inclusive")
        check([ov.get("q1"), ov.get("median"), ov.get("q3")] == qs, "aggregate: quartiles %r, expected %r" %
              ([ov.get("q1"), ov.get("median"), ov.get("q3")], qs))
        check(ov.get("min") == min(totals) and ov.get("max") == max(totals), "aggregate: min, max")
        hist = collections.Counter(totals)
        check(ov.get("histogram") == {"values": sorted(hist), "counts": [hist[v] for v in sorted(hist)]},
              "aggregate: the total's histogram")
        for g in range(3):
            check(abs(a["mean"][g] - statistics.mean(p[g] for p in parts)) < 1e-9, "aggregate: part %d mean" % (g + 1))
            ph = collections.Counter(p[g] for p in parts)
            check(a["histogram"][g] == {"values": sorted(ph), "counts": [ph[v] for v in sorted(ph)]},
                  "aggregate: part %d histogram" % (g + 1))
        banks = [t for t, i in zip(totals, industries) if i == "bank"]
        check(abs(groups.get("industry:bank", {}).get("overall", {}).get("mean", -1) - statistics.mean(banks)) < 1e-9,
              "aggregate: industry:bank")
        check("industry:retail" not in groups, "aggregate: retail (3) published")
        check({"key": "industry:retail", "reason": "fewer than 5 organizations"} in b["suppressed"],
              "aggregate: retail not listed as suppressed: %r" % b["suppressed"])
        check(all(g["n"] >= 5 for g in b["groups"]), "aggregate: a group under k")

        # (b) a company against it
        one = os.path.join(tmp, "one.json")
        json.dump(lines[0], open(one, "w"), ensure_ascii=False)
        below = sum(1 for t in totals if t < totals[0]) + sum(0.5 for t in totals if t == totals[0])
        pct = 100 * below / len(totals)
        r = run("score", one, "--benchmark", bench, "--json")
        check(r.returncode == 0, "score --json: exit %d: %s" % (r.returncode, r.stderr.decode()))
        doc = json.loads(r.stdout)
        cmp = doc.get("comparison", {})
        check(cmp.get("benchmark") == "SME peers" and cmp.get("compares") is True, "score: comparison %r" % cmp)
        cg = {g["key"]: g for g in cmp.get("groups", [])}
        check(cg.get("all", {}).get("n") == 28, "score: all.n")
        check(abs(cg.get("all", {}).get("percentile", -1) - pct) < 1e-9, "score: percentile %r, expected %r" %
              (cg.get("all", {}).get("percentile"), pct))
        check(abs(cg.get("industry:bank", {}).get("mean", -1) - statistics.mean(banks)) < 1e-9, "score: bank mean")
        check(cg.get("all", {}).get("parts_mean") == a["mean"], "score: parts' means")
        mean1 = "%.1f" % (int(statistics.mean(totals) * 10 + 0.5) / 10)  # half away from zero; the mean is > 0
        for lang, words in (("en", ["Compared with peers (benchmark: SME peers)",
                                    "  All companies (28 companies): mean %s points; you are at percentile %.0f" % (mean1, pct),
                                    "  Industry Banks (10 companies): mean", "  Part 1  ", "yours %d of 20, peers' mean" % parts[0][0],
                                    " (industry "]),
                            ("ja", ["同業他社との比較 (ベンチマーク: SME peers)",
                                    "  全体 (28 社): 平均 %s 点、あなたは %.0f パーセンタイル" % (mean1, pct),
                                    "  業種 銀行業 (10 社): 平均", "あなた %d / 20 点、平均" % parts[0][0], " (業種 "])):
            r = run("score", one, "--benchmark", bench, "--lang", lang)
            out = r.stdout.decode()
            check(r.returncode == 0, "score %s: exit %d" % (lang, r.returncode))
            for w in words:
                check(w in out, "score %s: %r not in:\n%s" % (lang, w, out))
        # the one-page report: one line on the industry's peers (10 banks)
        bank_mean = "%.1f" % (int(statistics.mean(banks) * 10 + 0.5) / 10)
        bbelow = sum(1 for t in banks if t < totals[0]) + sum(0.5 for t in banks if t == totals[0])
        for lang, line in (("en", "The 10 companies of your industry in the benchmark average %s points; yours is "
                                  "ahead of about %.0f in 100 of them." % (bank_mean, 100 * bbelow / len(banks))),
                           ("ja", "同じ業種の 10 社の平均は %s 点です。" % bank_mean)):
            pdf = os.path.join(tmp, "one-%s.pdf" % lang)
            r = run("karte", one, "--benchmark", bench, "--lang", lang, "-o", pdf)
            check(r.returncode == 0, "karte %s: %s" % (lang, r.stderr.decode()))
            if shutil.which("pdftotext"):
                text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True).stdout.decode()
                check(line in text, "karte %s: %r not in:\n%s" % (lang, line, text))
        # an industry without its own group is compared with its parent group
        # (securities -> finance: the 10 banks), as a karte does
        sec = dict(lines[0], organization={"name": "SME sec", "industry": "securities"})
        secf = os.path.join(tmp, "sec.json")
        json.dump(sec, open(secf, "w"), ensure_ascii=False)
        r = run("score", secf, "--benchmark", bench, "--json")
        sg = {g["key"]: g for g in json.loads(r.stdout).get("comparison", {}).get("groups", [])} if r.returncode == 0 else {}
        check("industry:finance" in groups and abs(sg.get("industry:finance", {}).get("mean", -1) - statistics.mean(banks)) < 1e-9,
              "score: securities against its parent group finance: %r" % list(sg))
        r = run("score", secf, "--benchmark", bench, "--lang", "en")
        check("  Industry Finance (10 companies): mean" in r.stdout.decode(),
              "score: the parent group named: %s" % r.stdout.decode())
        # without --benchmark: nothing of it (the default benchmark is of levels)
        r = run("score", one, "--json")
        check(r.returncode == 0 and "comparison" not in json.loads(r.stdout), "score: a comparison without --benchmark")
        # a benchmark of levels for sme-check: said, no comparison
        r = run("score", one, "--benchmark", os.path.join(src, "benchmarks", "beta-2020.json"), "--lang", "en")
        check(r.returncode == 0 and "is not one in points of this questionnaire: no comparison" in r.stdout.decode(),
              "score: a benchmark of levels: %r" % r.stdout.decode())
        # the points benchmark for csmg-v2: no grade, no comparison, no failure
        r = run("score", os.path.join(src, "examples", "kitamachi-machinery.json"), "--benchmark", bench, "--json")
        check(r.returncode == 0 and json.loads(r.stdout)["comparison"]["compares"] == 0,
              "score csmg-v2 against points: %r" % r.stdout[:200])

        # (c) the database: the same benchmark
        db = os.path.join(tmp, "isac.sqlite")
        check(run("db", "init", "--db", db).returncode == 0, "db init")
        r = run("db", "ingest", "--db", db, jsonl)
        check(r.returncode == 0 and b"28 assessments stored" in r.stderr, "db ingest: %s" % r.stderr.decode())
        exp = os.path.join(tmp, "export.json")
        r = run("db", "export", "--db", db, "--questionnaire", "sme-check", "--name", "SME peers", "-o", exp)
        check(r.returncode == 0, "db export: %s" % r.stderr.decode())
        check(os.path.exists(exp) and open(exp).read() == open(bench).read(), "db export differs from bench aggregate")

        # (d) hostile lines: FILE:LINE, exit 2, nothing written or stored
        for n, bad, what in ((3, "maybe", 'item c4: "maybe" is not a choice (expected done, partly, not_done, unknown or null)'),
                             (7, 3, "item c4: 3 is not a choice (expected done, partly, not_done, unknown or null)")):
            hostile = os.path.join(tmp, "hostile.jsonl")
            with open(hostile, "w", encoding="utf-8") as f:
                for k, d in enumerate(lines):
                    if k == n - 1:
                        d = dict(d, answers=dict(d["answers"], c4=bad))
                    f.write(json.dumps(d, ensure_ascii=False) + "\n")
            out = os.path.join(tmp, "never.json")
            r = run("bench", "aggregate", hostile, "--questionnaire", "sme-check", "--strict", "-o", out)
            err = r.stderr.decode()
            check(r.returncode == 2 and "%s:%d: %s" % (hostile, n, what) in err, "aggregate hostile: %d %s" %
                  (r.returncode, err))
            check(not os.path.exists(out), "aggregate hostile: written")
            db2 = os.path.join(tmp, "hostile.sqlite")
            if os.path.exists(db2):
                os.unlink(db2)
            run("db", "init", "--db", db2)
            r = run("db", "ingest", "--db", db2, hostile, "--strict")
            err = r.stderr.decode()
            check(r.returncode == 2 and "%s:%d: %s" % (hostile, n, what) in err and "nothing was stored" in err,
                  "ingest hostile: %d %s" % (r.returncode, err))
            r = run("db", "list", "--db", db2)
            check(r.stdout.decode().count("\n") == 1, "ingest hostile: stored %r" % r.stdout.decode())

        # (e) mixed input: one questionnaire a run; the database keeps both
        mixed = os.path.join(tmp, "mixed.jsonl")
        kita = json.load(open(os.path.join(src, "examples", "kitamachi-machinery.json"), encoding="utf-8"))
        with open(mixed, "w", encoding="utf-8") as f:
            f.write(json.dumps(kita, ensure_ascii=False) + "\n")
            for d in lines:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        r = run("bench", "aggregate", mixed, "--questionnaire", "sme-check", "--name", "SME peers")
        err = r.stderr.decode()
        check(r.returncode == 0 and json.loads(r.stdout)["groups"][0]["n"] == 28, "mixed sme-check: %s" % err)
        check('%s:1: questionnaire: "csmg-v2", but this run aggregates sme-check (run again with --questionnaire '
              'csmg-v2 for its own benchmark)' % mixed in err, "mixed sme-check: %s" % err)
        r = run("bench", "aggregate", mixed, "--min-group", "1")
        err = r.stderr.decode()
        check(r.returncode == 0 and json.loads(r.stdout)["groups"][0]["n"] == 1, "mixed csmg-v2: %s" % err)
        check('%s:2: questionnaire: "sme-check", but this run aggregates csmg-v2 (run again with --questionnaire '
              'sme-check for its own benchmark)' % mixed in err and "is not a level" not in err, "mixed csmg-v2: %s" % err)
        r = run("bench", "aggregate", mixed, "--questionnaire", "sme-check", "--strict")
        check(r.returncode == 2 and r.stdout == b"", "mixed --strict: %d" % r.returncode)
        db3 = os.path.join(tmp, "mixed.sqlite")
        run("db", "init", "--db", db3)
        r = run("db", "ingest", "--db", db3, mixed)
        check(r.returncode == 0 and b"29 assessments stored" in r.stderr, "mixed ingest: %s" % r.stderr.decode())
        r = run("db", "export", "--db", db3, "--questionnaire", "sme-check", "--name", "SME peers")
        check(r.returncode == 0 and r.stdout.decode() == open(bench).read(), "mixed export sme-check")
        r = run("db", "export", "--db", db3, "--min-group", "1")
        check(r.returncode == 0 and json.loads(r.stdout)["questionnaire"] == "csmg-v2" and
              json.loads(r.stdout)["groups"][0]["n"] == 1, "mixed export csmg-v2: %s" % r.stderr.decode())

    for f in failures:
        print("FAIL:", f)
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
