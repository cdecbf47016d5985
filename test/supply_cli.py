#!/usr/bin/env python3
"""csm supply through the real program.

usage: python3 supply_cli.py CSM SOURCE_DIR

(a) Three answers files of two questionnaires (JSON, CSV, a workbook made by
    'csm template --format xlsx --prefill'), a broken file and a roster with a
    full-width name and a supplier who sent nothing: exit 4 (written, but a
    file failed), the text in ja and en, the CSV read back by Python's csv
    module (BOM, CRLF, statuses, the roster's id, the failure's message), the
    JSON.
(b) Every file read: exit 0. A bad roster: exit 2 and nothing written.
    No operand and no roster: exit 1.
(c) A mixed run: sme-check files (the examples and one with nothing
    answered), sme-light and csmg-v2 with the examples' roster: the sme-check
    group in points (order, stars, weakest part, "don't know"), ja and en, the
    CSV read back (level rows keep their values, points cells empty on them),
    the JSON.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def main():
    csm, src = sys.argv[1], sys.argv[2]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1796083200", TZ="UTC")  # 2026-12-01
    ex = os.path.join(src, "examples")

    def run(*args):
        return subprocess.run([csm, *args, "--data-dir", src], capture_output=True, env=env)

    with tempfile.TemporaryDirectory() as tmp:
        kita = os.path.join(ex, "kitamachi-machinery.json")
        minato_csv = os.path.join(tmp, "minato.csv")
        shutil.copy(os.path.join(ex, "minato-services.csv"), minato_csv)
        xlsx = os.path.join(tmp, "aozora.xlsx")
        r = run("template", "--format", "xlsx", "--prefill", os.path.join(ex, "aozora-bank.json"), "-o", xlsx)
        have_xlsx = r.returncode == 0
        small = os.path.join(tmp, "small.json")
        with open(small, "w", encoding="utf-8") as f:
            json.dump({"format": "csm-answers/1", "questionnaire": "sme-light",
                       "organization": {"name": "ﾐﾅﾄ ｼｮｳｶｲ"}, "assessed_on": "2025-06-01",
                       "answers": {"s%d" % i: (None if i == 12 else 2) for i in range(1, 13)}}, f,
                      ensure_ascii=False)
        bad = os.path.join(tmp, "bad.json")
        with open(bad, "w") as f:
            f.write('{"format": "csm-answers/1",')
        roster = os.path.join(tmp, "roster.csv")
        with open(roster, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(["会社名", "コード", "連絡先"])
            w.writerow(["ＫＩＴＡＭＡＣＨＩ　Precision Machinery Co.", "K-1", "kita@example.com"])
            w.writerow(["ミナト ショウカイ", "M-2", ""])
            w.writerow(["Aozora Trust Bank", "A-3", ""])
            w.writerow(["Silent Supplier, Inc.", "S-4", "=HYPERLINK(\"x\")"])
        files = [kita, minato_csv, small, bad] + ([xlsx] if have_xlsx else [])
        if not have_xlsx:  # a csm built without the workbook back end
            print("no workbook: %s" % r.stderr.decode().strip())

        out_csv = os.path.join(tmp, "t.csv")
        nmiss = 1 if have_xlsx else 2  # without the workbook Aozora has not answered
        for lang, words in (("en", ["Supply-chain report as of 2026-12-01", "Questionnaire sme-light",
                                    "On the roster, no answer received (%d):" % nmiss, "Silent Supplier, Inc.: S-4",
                                    "Files that could not be read (1):", "2025-06-01 *"]),
                            ("ja", ["サプライチェーン報告 (2026-12-01 時点)", "設問 sme-light",
                                    "名簿にあって回答のない取引先 (%d 社):" % nmiss, "読めなかったファイル (1 件):"])):
            r = run("supply", *files, "--roster", roster, "--csv", out_csv, "--lang", lang)
            check(r.returncode == 4, "%s: exit %d, expected 4: %s" % (lang, r.returncode, r.stderr))
            text = r.stdout.decode()
            for word in words:
                check(word in text, "%s: %r not in the text report" % (lang, word))
            check(b"1 of %d files could not be read" % len(files) in r.stderr, "%s: stderr %r" % (lang, r.stderr))

        with open(out_csv, "rb") as f:
            raw = f.read()
        check(raw.startswith(b"\xef\xbb\xbfstatus,"), "CSV starts with a BOM and the header")
        check(raw.count(b"\r\n") == raw.count(b"\n"), "CSV lines end with CRLF")
        with open(out_csv, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        answered = [x for x in rows if x["status"] == "answered"]
        check(len(answered) == (4 if have_xlsx else 3), "answered rows: %d" % len(answered))
        v2 = [x for x in answered if x["questionnaire"] == "csmg-v2"]
        check([x["rank"] for x in v2] == [str(i + 1) for i in range(len(v2))], "csmg-v2 ranks 1..n")
        check(all(float(v2[i]["overall"]) <= float(v2[i + 1]["overall"]) for i in range(len(v2) - 1)),
              "lowest overall first")
        kit = [x for x in answered if x["file"] == kita]
        check(len(kit) == 1 and kit[0]["supplier_id"] == "K-1" and kit[0]["contact"] == "kita@example.com"
              and kit[0]["on_roster"] == "yes" and kit[0]["grade"] == "B" and kit[0]["weakest_directive"] == "9",
              "full-width roster name matched Kitamachi: %r" % kit)
        sm = [x for x in answered if x["questionnaire"] == "sme-light"]
        check(len(sm) == 1 and sm[0]["supplier_id"] == "M-2" and sm[0]["unanswered"] == "1" and sm[0]["stale"] == "yes"
              and sm[0]["grade"] == "" and sm[0]["rank"] == "1", "half-width katakana matched, sme-light apart: %r" % sm)
        noname = [x for x in answered if x["file"] == minato_csv]
        check(len(noname) == 1 and noname[0]["on_roster"] == "no" and noname[0]["supplier"] == "",
              "a CSV file names no supplier: not on the roster")
        missing = [x for x in rows if x["status"] == "not_answered"]
        check([x["supplier"] for x in missing] == ([] if have_xlsx else ["Aozora Trust Bank"]) + ["Silent Supplier, Inc."],
              "not answered, in roster order: %r" % missing)
        check(missing and missing[-1]["contact"] == "'=HYPERLINK(\"x\")", "a formula-like contact is guarded")
        failed = [x for x in rows if x["status"] == "failed"]
        check(len(failed) == 1 and failed[0]["file"] == bad and failed[0]["error"].startswith(bad + ":"),
              "the failed file with its message: %r" % failed)

        r = run("supply", *files, "--roster", roster, "--json", "--lang", "en")
        check(r.returncode == 4, "--json: exit %d" % r.returncode)
        doc = json.loads(r.stdout)
        check(doc["format"] == "csm-supply/1" and doc["today"] == "2026-12-01", "JSON header")
        check([g["id"] for g in doc["questionnaires"]] == ["csmg-v2", "sme-light"], "JSON groups")
        check(len(doc["failed"]) == 1 and len(doc["not_answered"]) == len(missing), "JSON lists")

        # the PDF: the same lines and tables (skipped without the PDF back end or pdftotext)
        pdf = os.path.join(tmp, "r.pdf")
        r = run("supply", *files, "--roster", roster, "-o", pdf, "--lang", "en")
        if r.returncode == 3 and b"back end" in r.stderr:
            print("no PDF back end: %s" % r.stderr.decode().strip())
        else:
            check(r.returncode == 4 and os.path.exists(pdf), "-o r.pdf: exit %d %r" % (r.returncode, r.stderr))
            if shutil.which("pdftotext") and os.path.exists(pdf):
                t = subprocess.run(["pdftotext", pdf, "-"], capture_output=True).stdout.decode()
                for word in ("Supply-chain report as of 2026-12-01", "Silent Supplier, Inc.: S-4",
                             "Files that could not be read (1):", "Kitamachi Precision Machinery Co.", "9 Supply chain (1.3)"):
                    check(word in t, "PDF: %r not in its text" % word)
        r = run("supply", kita, "--json", "-o", os.path.join(tmp, "x.pdf"))
        check(r.returncode == 1, "--json with -o x.pdf: exit %d" % r.returncode)

        # (b) every file read: exit 0; the report written to -o
        out_txt = os.path.join(tmp, "r.txt")
        r = run("supply", kita, small, "--roster", roster, "-o", out_txt, "--lang", "en")
        check(r.returncode == 0 and os.path.exists(out_txt), "all read: exit %d %r" % (r.returncode, r.stderr))
        badroster = os.path.join(tmp, "badroster.csv")
        with open(badroster, "w") as f:
            f.write("company\nACME\n")
        out2 = os.path.join(tmp, "never.txt")
        out2csv = os.path.join(tmp, "never.csv")
        r = run("supply", kita, "--roster", badroster, "-o", out2, "--csv", out2csv)
        check(r.returncode == 2 and not os.path.exists(out2) and not os.path.exists(out2csv),
              "a bad roster: exit %d, nothing written" % r.returncode)
        check(b"badroster.csv:1: the header must name a column name" in r.stderr, "roster error: %r" % r.stderr)
        r = run("supply")
        check(r.returncode == 1, "no operand: exit %d" % r.returncode)
        r = run("supply", "--roster", roster, "--lang", "en")
        check(r.returncode == 0 and b"On the roster, no answer received (4):" in r.stdout,
              "a roster alone lists everyone: %r" % r.stdout)

        # (c) sme-check in points next to sme-light and csmg-v2, with a roster
        blank = os.path.join(tmp, "blank-check.json")
        with open(blank, "w", encoding="utf-8") as f:
            json.dump({"format": "csm-answers/1", "questionnaire": "sme-check",
                       "organization": {"name": "Blank Check K.K."}, "assessed_on": "2026-11-01",
                       "answers": {"c%d" % i: None for i in range(1, 26)}}, f)
        sup = os.path.join(ex, "supply")
        mixed = [os.path.join(ex, "sakura-print-sme.json"), os.path.join(sup, "sakura-packaging.json"), kita,
                 os.path.join(sup, "hoshi-logistics.json"), blank, os.path.join(sup, "tsubame-parts.json")]
        mroster = os.path.join(sup, "roster.csv")
        mcsv = os.path.join(tmp, "mixed.csv")
        for lang, words in (("en", ["Questionnaire sme-check: ", "Questionnaire sme-light: ", "Questionnaire csmg-v2: ",
                                    "then the fewest points; ties: fewer SECURITY ACTION stars",
                                    "Weakest part", "Weakest directive", "64/100  one star",
                                    "2 Employees (27/52)", "3 Organization (1/28)",
                                    "On the roster, no answer received (1):", "Minato Facility Services Ltd.: M-002"]),
                            ("ja", ["設問 sme-check: ", "最も弱いパート", "最も弱い指示", "一つ星", "まだ (一つ星の前)",
                                    "2 社員の対策 (27/52)", "名簿にあって回答のない取引先 (1 社):"])):
            r = run("supply", *mixed, "--roster", mroster, "--csv", mcsv, "--lang", lang)
            check(r.returncode == 0, "mixed %s: exit %d %r" % (lang, r.returncode, r.stderr))
            text = r.stdout.decode()
            for word in words:
                check(word in text, "mixed %s: %r not in the text report" % (lang, word))
        with open(mcsv, encoding="utf-8-sig", newline="") as f:  # written last in ja
            rows = list(csv.DictReader(f))
        chk = [x for x in rows if x["questionnaire"] == "sme-check"]
        check([x["supplier"] for x in chk] == ["Blank Check K.K.", "つばめ部品工業", "さくら印刷株式会社", "Sakura Packaging"],
              "sme-check in risk order: %r" % [x["supplier"] for x in chk])
        check([x["rank"] for x in chk] == ["1", "2", "3", "4"], "sme-check ranks")
        check([x["points"] for x in chk] == ["", "25", "54", "64"] and all(x["points_max"] == "100" for x in chk),
              "points: %r" % [x["points"] for x in chk])
        check([x["stars"] for x in chk] == ["0", "0", "0", "1"], "stars: %r" % [x["stars"] for x in chk])
        check([x["weakest_part"] for x in chk] == ["", "3", "3", "2"], "weakest part: %r" % [x["weakest_part"] for x in chk])
        check(chk[3]["weakest_label"] == "社員の対策" and chk[3]["weakest_part_points"] == "27"
              and chk[3]["weakest_part_max"] == "52", "Sakura Packaging's weakest part: %r" % chk[3])
        check([x["unknown"] for x in chk] == ["0", "3", "2", "2"] and chk[1]["unanswered"] == "3"
              and chk[0]["unanswered"] == "25", "don't know and unanswered: %r" % chk)
        check(chk[3]["supplier_id"] == "S-004" and chk[3]["on_roster"] == "yes" and chk[1]["on_roster"] == "no",
              "the roster matched Sakura Packaging")
        check(all(x["overall"] == "" and x["grade"] == "" and x["weakest_directive"] == "" for x in chk),
              "no levels on points rows")
        lv = [x for x in rows if x["questionnaire"] in ("csmg-v2", "sme-light")]
        check(len(lv) == 2 and all(x["overall"] and x["points"] == "" and x["stars"] == "" for x in lv),
              "level rows keep their overall, points cells empty: %r" % lv)
        check([x["supplier"] for x in rows if x["status"] == "not_answered"] == ["Minato Facility Services Ltd."],
              "not answered from the roster")
        r = run("supply", *mixed, "--roster", mroster, "--json", "--lang", "en")
        doc = json.loads(r.stdout)
        check([g["id"] for g in doc["questionnaires"]] == ["csmg-v2", "sme-check", "sme-light"], "mixed JSON groups")
        js = doc["questionnaires"][1]["suppliers"]
        check([x.get("points") for x in js] == [None, 25, 54, 64] and js[3]["stars"] == 1 and "overall" not in js[3],
              "mixed JSON points: %r" % js)

    for f in failures:
        print("FAIL:", f)
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
