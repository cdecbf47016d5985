#!/usr/bin/python3
"""The buyer's path for small suppliers, through the real programs.

usage: /usr/bin/python3 supply_forms.py CSM SOURCE_DIR

A buyer sends 'csm template --questionnaire sme-check' to its suppliers and
makes one report over what comes back:

(a) The workbook in Japanese and in English: its answer cells offer the
    choices' labels in the workbook's language.
(b) Suppliers fill it in with openpyxl (one ja, one en; the en one then
    re-saved by 'soffice --convert-to'), and in LibreOffice through UNO (one
    ja, one en), each choosing answers by the labels of the cell's drop-down.
(c) One supplier fills in the HTML form in Chromium, clicking the labels
    (skipped when Chromium or chromedriver is missing).
(d) 'csm supply' over those files, an sme-light JSON and a csmg-v2 file with
    a roster (a full-width name, two suppliers who sent nothing), '--csv' and
    '-o report.pdf', ja and en: per supplier the points, stars and weakest
    part in the CSV and in the PDF's text (pdftotext) are those computed here
    from the questionnaire's scale, in risk order; the non-responders listed.
(e) Hostile workbooks (an answer not on the scale, a formula; by openpyxl and
    by LibreOffice): 'csm import' exits 2 naming each cell, nothing written;
    'csm supply' lists the file as unreadable (exit 4) with the same message.
(f) The CSV template of sme-check heads its answer column 'answer' (csmg-v2's
    says 'level'); filled in with labels it scores as the workbook does, and
    with the header 'level' as well.

Runs with Debian's /usr/bin/python3 (python3-openpyxl, python3-uno). Exit 77
(skipped) when LibreOffice or openpyxl is missing. Every soffice this script
starts runs with a private profile and is killed at the end.
"""
import csv
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "form"))
import libreoffice  # noqa: E402
from libreoffice import Office  # noqa: E402
from libreoffice import named_cells as uno_cells  # noqa: E402

SKIP = 77
TODAY = "1796083200"  # 2026-12-01
ENV = dict(os.environ, SOURCE_DATE_EPOCH=TODAY, TZ="UTC")
CODE = {"D": "done", "P": "partly", "N": "not_done", "U": "unknown", "-": None}

# The suppliers' answers to c1..c25 (D done, P partly, N not done, U don't
# know, - left empty), how each fills in the form, and when.
SUPPLIERS = [
    # two stars: everything answered, nothing unknown, the five basics and the policy (c19) done
    {"key": "kawasemi", "name": "かわせみ食品株式会社", "how": "openpyxl", "lang": "ja", "date": "2026-10-01",
     "answers": "DDDDD" "DDDPDDDDNDDDD" "DDDPDDD"},
    # one star (the policy only partly), 60 points as momiji and tsugumi: last of the three
    {"key": "hibari", "name": "Hibari Metal Works", "how": "openpyxl+convert", "lang": "en", "date": "2026-11-15",
     "answers": "DDDDD" "DPUDNNUDDDPDU" "PDNDUPD"},
    # no star (c2 not done), 60 points, nothing unknown
    {"key": "momiji", "name": "もみじデザイン", "how": "uno", "lang": "ja", "date": "2026-09-30",
     "answers": "DNDDP" "PPNDPDNDDPDNP" "NDPDNDP"},
    # momiji's answers but U U D D for P P N P (the same points, two "don't know")
    # and two left empty for N: 60 points, no star, first of the three
    {"key": "tsugumi", "name": "Tsugumi Electric", "how": "uno", "lang": "en", "date": "2025-09-01",
     "answers": "DNDDP" "UUDDDD-DDPD-P" "NDPDNDP"},
    # the HTML form
    {"key": "kogera", "name": "Kogera Print", "how": "html", "lang": "en", "date": "2026-11-20",
     "answers": "DDPDD" "NNPDUDDNPDDPN" "NNPDNUD"},
]

failures = []
passes = 0


def check(cond, what):
    global passes
    if cond:
        passes += 1
    else:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)
    return cond


def run(args, timeout=300):
    return libreoffice.run(args, timeout, ENV)


class Csm:
    def __init__(self, exe, src):
        self.exe, self.src = exe, src

    def __call__(self, *args):
        return run([self.exe] + list(args) + ["--data-dir", self.src])

    def ok(self, *args):
        r = self(*args)
        if r.returncode != 0:
            raise RuntimeError("csm %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr))
        return r


# ---- the oracle: the questionnaire's scale, parts and marks -------------------

class Scale:
    def __init__(self, src):
        with open(os.path.join(src, "questions", "sme-check.json"), encoding="utf-8") as f:
            q = json.load(f)
        self.points = {c["id"]: c["points"] for c in q["scale"]["choices"]}
        self.labels = {lang: [c["label"][lang] for c in q["scale"]["choices"]] for lang in ("ja", "en")}
        self.label = {lang: {c["id"]: c["label"][lang] for c in q["scale"]["choices"]} for lang in ("ja", "en")}
        self.unknown = q["scale"]["unknown"]
        self.items = [i["id"] for i in q["items"]]
        self.part = {i["id"]: i["directive"] for i in q["items"]}
        self.marks = {i["id"]: i.get("marks") or [] for i in q["items"]}
        self.part_label = {lang: {d["id"]: d.get("short", d["title"])[lang] for d in q["directives"]}
                           for lang in ("ja", "en")}
        self.best = max(self.points.values())

    def choices(self, s):
        return {item: CODE[c] for item, c in zip(self.items, s["answers"])}

    def result(self, s):
        """Points, stars, weakest part (number, points, most), unknown and unanswered of a supplier."""
        ch = self.choices(s)
        total = sum(self.points[c] for c in ch.values() if c)
        unknown = sum(1 for c in ch.values() if c == self.unknown)
        unanswered = sum(1 for c in ch.values() if c is None)
        basics = all(ch[i] == "done" for i in self.items if any(m.startswith("basic-") for m in self.marks[i]))
        policy = all(ch[i] == "done" for i in self.items if "policy" in self.marks[i])
        stars = 0 if not basics else 2 if (unknown == 0 and unanswered == 0 and policy) else 1
        weakest = None
        for g in sorted(set(self.part.values())):
            got = sum(self.points[ch[i]] for i in self.items if self.part[i] == g and ch[i])
            most = self.best * sum(1 for i in self.items if self.part[i] == g)
            if weakest is None or got / most < weakest[1] / weakest[2] - 1e-9:
                weakest = (g, got, most)
        return {"points": total, "stars": stars, "weakest": weakest, "unknown": unknown, "unanswered": unanswered}

    def order(self, sups):
        """README's risk order in points: fewest points; ties fewer stars, more unknown, older date."""
        def key(s):
            r = self.result(s)
            return (r["points"], r["stars"], -r["unknown"], s["date"])
        return sorted(sups, key=key)


# ---- openpyxl ---------------------------------------------------------------------

def named(wb, name):
    """The cells of workbook-global defined name `name`, top to bottom."""
    dn = wb.defined_names[name]
    (sheet, ref), = list(dn.destinations)
    got = wb[sheet][ref.replace("$", "")]
    if not isinstance(got, tuple):
        return [got]
    return [row[0] if isinstance(row, tuple) else row for row in got]


def dropdown_openpyxl(wb):
    """The labels the answer cells' drop-down offers (their list validation)."""
    cell = named(wb, "csm_levels")[0]
    ws = cell.parent
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and cell.coordinate in dv.sqref:
            return [x.strip() for x in dv.formula1.strip('"').split(",")]
    return []


def fill_openpyxl(csm, scale, s, blank, out):
    import openpyxl
    wb = openpyxl.load_workbook(blank)
    labels = dropdown_openpyxl(wb)
    check(labels == scale.labels[s["lang"]], "(b) %s: the drop-down offers %r" % (s["key"], labels))
    by_id = {c: lab for c, lab in scale.label[s["lang"]].items() if lab in labels}  # chosen from the list
    named(wb, "csm_org_name")[0].value = s["name"]
    named(wb, "csm_assessed_on")[0].value = datetime.date.fromisoformat(s["date"])
    ids = [c.value for c in named(wb, "csm_item_ids")]
    ch = scale.choices(s)
    for k, cell in enumerate(named(wb, "csm_levels")):
        c = ch[ids[k]]
        cell.value = by_id[c] if c else None
    wb.save(out)


def hostile_openpyxl(blank, out):
    """An answer not on the scale (c3) and a formula naming a label (c5)."""
    import openpyxl
    wb = openpyxl.load_workbook(blank)
    named(wb, "csm_org_name")[0].value = "Hostile Openpyxl K.K."
    cells = named(wb, "csm_levels")
    cells[2].value = "たぶん"
    cells[4].value = "=Lists!C1"
    wb.save(out)
    return {"c3": cells[2].coordinate, "c5": cells[4].coordinate, "sheet": cells[2].parent.title}


# ---- LibreOffice ------------------------------------------------------------------

def convert(soffice, tmp, src, outdir):
    """LibreOffice opens the workbook and saves it again as .xlsx."""
    r, out = libreoffice.convert(soffice, os.path.join(tmp, "profile-convert"), src, outdir)
    check(r.returncode == 0 and os.path.exists(out), "(b) soffice --convert-to: %s %s" % (r.stdout, r.stderr))
    return out


def dropdown_uno(cell):
    """The labels of a cell's list validation as LibreOffice holds it ("a";"b" or "a,b")."""
    v = cell.Validation
    if v.Type.value != "LIST":
        return []
    f = v.getFormula1()
    return [x.strip().strip('"') for x in re.split(r'[;,](?=(?:[^"]*"[^"]*")*[^"]*$)', f)]


def fill_uno(office, scale, s, blank, out):
    doc = office.open(blank)
    try:
        answer = uno_cells(doc, "csm_levels")
        labels = dropdown_uno(answer[0])
        check(labels == scale.labels[s["lang"]], "(b) %s: LibreOffice's drop-down offers %r" % (s["key"], labels))
        by_id = {c: lab for c, lab in scale.label[s["lang"]].items() if lab in labels}
        uno_cells(doc, "csm_org_name")[0].setString(s["name"])
        uno_cells(doc, "csm_assessed_on")[0].setFormula(s["date"])  # typed: LibreOffice stores a date
        ids = [c.getString() for c in uno_cells(doc, "csm_item_ids")]
        ch = scale.choices(s)
        for k, cell in enumerate(answer):
            if ch[ids[k]]:
                cell.setString(by_id[ch[ids[k]]])
        Office.save(doc, out)
    finally:
        doc.close(True)


def hostile_uno(office, blank, out):
    """A label of the other language (c1), "Mostly" (c2): not on the workbook's list;
    a formula giving a label (c4) is a formula."""
    doc = office.open(blank)
    try:
        uno_cells(doc, "csm_org_name")[0].setString("Hostile Calc Ltd.")
        cells = uno_cells(doc, "csm_levels")
        cells[0].setString("実施している")
        cells[1].setString("Mostly")
        cells[3].setFormula("=Lists!C1")
        Office.save(doc, out)
        return {"c1": cells[0].AbsoluteName, "c2": cells[1].AbsoluteName, "c4": cells[3].AbsoluteName}
    finally:
        doc.close(True)


# ---- the HTML form in Chromium --------------------------------------------------------

def fill_html(csm, scale, s, tmp):
    """The form filled in by clicks on the labels of the user's language; the saved file."""
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("chromium or chromedriver not found: (c) the HTML form skipped")
        return None
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "form"))
    from webdriver import ELEMENT, Chromium
    dl = os.path.join(tmp, "downloads")
    os.makedirs(dl, exist_ok=True)
    page = os.path.join(tmp, "form-%s.html" % s["lang"])
    csm.ok("template", "--format", "html", "--questionnaire", "sme-check", "--lang", s["lang"], "-o", page)
    b = Chromium(dl)
    try:
        b.get("file://" + page)
        b.js("localStorage.clear()")
        b.refresh()
        shown = b.js("return Array.prototype.map.call(document.querySelectorAll(\"input[name='level-c1']\"),"
                     " function (e) { return e.parentNode.lastChild.textContent; })")
        check(shown == scale.labels[s["lang"]], "(c) the form offers %r" % shown)
        b.type(b.find("#org-name"), s["name"])
        b.type(b.find("#assessed-on"), s["date"])
        b.type(b.find("#assessors .assessor:nth-child(1) .a-name"), "Kogera Aki")
        b.click(b.find("#org-industry option[value='other_products']"))
        for item, c in scale.choices(s).items():
            label = scale.label[s["lang"]][c]
            el = b.js("var item = arguments[0], want = arguments[1];"
                      " var l = Array.prototype.filter.call(document.querySelectorAll(\"input[name='level-\" + item"
                      " + \"']\"), function (e) { return e.parentNode.lastChild.textContent === want; });"
                      " return l.length === 1 ? l[0] : null;", item, label)
            if not check(el is not None, "(c) %s: no single %r to click" % (item, label)):
                return None
            b.click(el[ELEMENT])
        for p in glob.glob(os.path.join(dl, "*")):
            os.unlink(p)
        b.click(b.find("#save"))
        end = time.time() + 30
        while time.time() < end:
            done = glob.glob(os.path.join(dl, "*.json"))
            if done and not glob.glob(os.path.join(dl, "*.crdownload")):
                time.sleep(0.3)
                break
            time.sleep(0.1)
        if not check(len(done) == 1, "(c) one file saved: %r %s" % (done, b.js(
                "return document.getElementById('problems').textContent"))):
            return None
        out = os.path.join(tmp, "kogera.json")
        shutil.move(done[0], out)
        return out
    finally:
        b.quit()


# ---- the report ---------------------------------------------------------------------

def write_roster(path, sups):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["取引先", "コード", "連絡先"])
        for k, s in enumerate(sups):
            name = s["name"]
            if s["key"] == "hibari":  # as typed into the buyer's system
                name = "ＨＩＢＡＲＩ　Metal Works"
            w.writerow([name, "T-%02d" % (k + 1), "%s@example.com" % s["key"]])
        w.writerow(["Shirasagi Transport", "T-20", ""])
        w.writerow(["Minato Facility Services Ltd.", "T-21", ""])
        w.writerow(["やまばと織物", "T-22", "yamabato@example.com"])
        w.writerow(["Kakesu Cleaning", "T-23", ""])


def part_report(csm, scale, sups, files, tmp):
    roster = os.path.join(tmp, "roster.csv")
    write_roster(roster, SUPPLIERS)
    answered = [s for s in sups if s["key"] in files]
    missing = [s["name"] for s in SUPPLIERS if s["key"] not in files] + ["やまばと織物", "Kakesu Cleaning"]
    light = os.path.join(tmp, "shirasagi.json")
    with open(light, "w", encoding="utf-8") as f:
        json.dump({"format": "csm-answers/1", "questionnaire": "sme-light",
                   "organization": {"name": "Shirasagi Transport"}, "assessed_on": "2026-08-01",
                   "answers": {"s%d" % i: 1 + i % 3 for i in range(1, 13)}}, f)
    v2 = os.path.join(csm.src, "examples", "minato-services.json")
    args = [files[s["key"]] for s in answered] + [light, v2]
    order = scale.order(answered)
    for lang in ("ja", "en"):
        table, pdf = os.path.join(tmp, "suppliers-%s.csv" % lang), os.path.join(tmp, "report-%s.pdf" % lang)
        r = csm("supply", *args, "--roster", roster, "--csv", table, "-o", pdf, "--lang", lang)
        if not check(r.returncode == 0, "(d) %s: supply: exit %d %s" % (lang, r.returncode, r.stderr)):
            continue
        with open(table, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        got = [x for x in rows if x["questionnaire"] == "sme-check"]
        check([x["supplier"] for x in got] == [s["name"] for s in order],
              "(d) %s: risk order %r, expected %r" % (lang, [x["supplier"] for x in got], [s["name"] for s in order]))
        for x, s in zip(got, order):
            want = scale.result(s)
            g, gp, gm = want["weakest"]
            check((x["status"], x["points"], x["points_max"], x["stars"], x["weakest_part"], x["weakest_part_points"],
                   x["weakest_part_max"], x["unknown"], x["unanswered"], x["on_roster"], x["assessed_on"])
                  == ("answered", str(want["points"]), "100", str(want["stars"]), str(g), str(gp), str(gm),
                      str(want["unknown"]), str(want["unanswered"]), "yes", s["date"]),
                  "(d) %s: %s's row %r, expected %r" % (lang, s["key"], x, want))
            check(x["weakest_label"] == scale.part_label[lang][g], "(d) %s: %s's weakest label %r" % (
                lang, s["key"], x["weakest_label"]))
        check([x["rank"] for x in got] == [str(k + 1) for k in range(len(got))], "(d) %s: ranks" % lang)
        check(sorted(x["supplier"] for x in rows if x["status"] == "not_answered") == sorted(missing),
              "(d) %s: not answered %r" % (lang, [x["supplier"] for x in rows if x["status"] == "not_answered"]))
        others = {x["questionnaire"]: x for x in rows if x["status"] == "answered" and x["questionnaire"] != "sme-check"}
        check(set(others) == {"sme-light", "csmg-v2"} and all(x["overall"] and not x["points"] for x in others.values()),
              "(d) %s: the sme-light and csmg-v2 rows keep levels: %r" % (lang, others))
        # the PDF says the same, one row per line
        t = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
        lines = [ln for ln in t.splitlines()]
        stars_word = {"ja": ["まだ (一つ星の前)", "一つ星", "二つ星"], "en": ["not yet (before one star)", "one star",
                                                                   "two stars"]}[lang]
        at = []
        for s in order:
            want = scale.result(s)
            g, gp, gm = want["weakest"]
            mine = [k for k, ln in enumerate(lines) if s["name"] in ln and "/100" in ln]
            if not check(len(mine) == 1, "(d) %s PDF: %s on one line: %r" % (lang, s["name"], mine)):
                continue
            ln = lines[mine[0]]
            at.append(mine[0])
            # pdftotext may join neighbouring columns: the cells in their order, by white space
            want_cells = [s["name"], "%d/100" % want["points"], stars_word[want["stars"]],
                          "%d %s (%d/%d)" % (g, scale.part_label[lang][g], gp, gm), str(want["unanswered"]),
                          str(want["unknown"]), s["date"]]
            pattern = r"\s+".join(re.escape(c) for c in want_cells)
            check(re.search(r"(^|\s)" + pattern + r"(\s|$)", ln) is not None,
                  "(d) %s PDF: %s: %r, expected %r" % (lang, s["key"], ln, want_cells))
        check(at == sorted(at), "(d) %s PDF: the rows in risk order" % lang)
        flat = " ".join(t.split())
        head = {"ja": "名簿にあって回答のない取引先 (%d 社):", "en": "On the roster, no answer received (%d):"}[lang]
        check(head % len(missing) in flat, "(d) %s PDF: %r" % (lang, head % len(missing)))
        check("やまばと織物: T-22, yamabato@example.com" in flat and "Kakesu Cleaning: T-23" in flat,
              "(d) %s PDF: the non-responders with their id and contact" % lang)
        check("Files that could not be read (" not in flat and "読めなかったファイル (" not in flat,
              "(d) %s PDF: no file failed" % lang)
    return roster


def part_hostile(csm, office, tmp, roster, good):
    blank_ja, blank_en = os.path.join(tmp, "blank-ja.xlsx"), os.path.join(tmp, "blank-en.xlsx")
    bad1 = os.path.join(tmp, "hostile-openpyxl.xlsx")
    where = hostile_openpyxl(blank_ja, bad1)
    ja = "実施している, 一部実施している, 実施していない, わからない"
    want1 = ["%s: %s!%s (item c3): the answer must be one of %s, not \"たぶん\"" % (bad1, where["sheet"], where["c3"], ja),
             "%s: %s!%s (item c5): is a formula; choose the answer from the list" % (bad1, where["sheet"], where["c5"])]
    bads = [(bad1, want1)]
    if office:
        bad2 = os.path.join(tmp, "hostile-calc.xlsx")
        where = hostile_uno(office, blank_en, bad2)
        en = "Done, Partly done, Not done, Don't know"
        check(where == {"c1": "$Items.$D$2", "c2": "$Items.$D$3", "c4": "$Items.$D$5"}, "(e) LibreOffice cells %r" % where)
        bads.append((bad2, ["%s: Items!D2 (item c1): the answer must be one of %s, not \"実施している\"" % (bad2, en),
                            "%s: Items!D3 (item c2): the answer must be one of %s, not \"Mostly\"" % (bad2, en),
                            "%s: Items!D5 (item c4): is a formula; choose the answer from the list" % bad2]))
    for bad, want in bads:
        out = bad + ".json"
        r = csm("import", bad, "-o", out)
        check(r.returncode == 2, "(e) %s: import: exit %d %s" % (bad, r.returncode, r.stderr))
        got = r.stderr.strip().splitlines()
        check(got == want, "(e) %s: messages %r, expected %r" % (bad, got, want))
        check(not os.path.exists(out) and not r.stdout, "(e) %s: something was written" % bad)
        table = os.path.join(tmp, "hostile.csv")
        r = csm("supply", good, bad, "--roster", roster, "--csv", table, "--lang", "en")
        check(r.returncode == 4, "(e) %s: supply: exit %d" % (bad, r.returncode))
        with open(table, encoding="utf-8-sig", newline="") as f:
            failed = [x for x in csv.DictReader(f) if x["status"] == "failed"]
        check(len(failed) == 1 and failed[0]["file"] == bad and all(w in failed[0]["error"] for w in want),
              "(e) %s: the failed row %r" % (bad, failed))


def part_csv_template(csm, scale, tmp):
    r = csm.ok("template", "--format", "csv", "--questionnaire", "sme-check", "--lang", "ja")
    rows = list(csv.reader(r.stdout.lstrip("\ufeff").splitlines()))
    check(rows[0][:4] == ["item", "answer", "evidence", "note"], "(f) sme-check CSV header %r" % rows[0])
    r = csm.ok("template", "--format", "csv", "--lang", "ja")
    check(r.stdout.lstrip("\ufeff").startswith("item,level,evidence,note,"), "(f) csmg-v2 CSV header")
    s = SUPPLIERS[1]
    ch = scale.choices(s)
    want = scale.result(s)
    for head in ("answer", "level"):
        path = os.path.join(tmp, "hibari-%s.csv" % head)
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow([rows[0][0], head] + rows[0][2:])
            for row in rows[1:]:
                c = ch[row[0]]
                w.writerow([row[0], scale.label["ja"][c] if c else ""] + row[2:])
        r = csm("score", path, "--questionnaire", "sme-check", "--org", s["name"], "--json", "--allow-partial")
        if not check(r.returncode == 0, "(f) %s: score: exit %d %s" % (head, r.returncode, r.stderr)):
            continue
        doc = json.loads(r.stdout.splitlines()[0])
        check(doc.get("points") == want["points"] and doc["sme"]["stars"] == want["stars"],
              "(f) header %s: %r points, %r stars; expected %r" % (head, doc.get("points"), doc["sme"]["stars"], want))


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 1
    soffice = shutil.which("soffice")
    try:
        import openpyxl  # noqa: F401
        import uno  # noqa: F401
    except ImportError as e:
        print("%s (Debian: python3-openpyxl, python3-uno): skipped" % e)
        return SKIP
    if not soffice:
        print("soffice not found: skipped")
        return SKIP
    if not shutil.which("pdftotext"):
        print("pdftotext not found: skipped")
        return SKIP
    csm = Csm(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))
    scale = Scale(csm.src)
    tmp = tempfile.mkdtemp(prefix="csm-supply-forms-")
    office = None
    try:
        for lang in ("ja", "en"):
            csm.ok("template", "--format", "xlsx", "--questionnaire", "sme-check", "--lang", lang,
                   "-o", os.path.join(tmp, "blank-%s.xlsx" % lang))
        files = {}
        for s in SUPPLIERS:
            if s["how"].startswith("openpyxl"):
                out = os.path.join(tmp, "%s.xlsx" % s["key"])
                fill_openpyxl(csm, scale, s, os.path.join(tmp, "blank-%s.xlsx" % s["lang"]), out)
                if s["how"] == "openpyxl+convert":
                    out = convert(soffice, tmp, out, os.path.join(tmp, "resaved"))
                files[s["key"]] = out
        office = Office(soffice, tmp, "csm_supply_forms")
        office.connect()
        for s in SUPPLIERS:
            if s["how"] == "uno":
                out = os.path.join(tmp, "%s.xlsx" % s["key"])
                fill_uno(office, scale, s, os.path.join(tmp, "blank-%s.xlsx" % s["lang"]), out)
                files[s["key"]] = out
        html = fill_html(csm, scale, [s for s in SUPPLIERS if s["how"] == "html"][0], tmp)
        if html:
            files["kogera"] = html
        # each file on its own: what 'csm import' reads is what the supplier chose
        for s in SUPPLIERS:
            path = files.get(s["key"])
            if not path or not path.endswith(".xlsx"):
                continue
            back = path + ".json"
            r = csm("import", path, "-o", back)
            if check(r.returncode == 0, "(b) %s: import: exit %d %s" % (s["key"], r.returncode, r.stderr)):
                with open(back, encoding="utf-8") as f:
                    got = json.load(f)
                check(got["answers"] == scale.choices(s) and got["organization"]["name"] == s["name"]
                      and got["assessed_on"] == s["date"], "(b) %s: imported %r" % (s["key"], got))
        roster = part_report(csm, scale, SUPPLIERS, files, tmp)
        part_hostile(csm, office, tmp, roster, files["kawasemi"])
        part_csv_template(csm, scale, tmp)
    finally:
        if office is not None:
            office.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passes, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
