#!/usr/bin/python3
"""The workbook in a real spreadsheet program: LibreOffice (headless).

usage: /usr/bin/python3 xlsx_libreoffice.py CSM SOURCE_DIR

(a) Each example, prefilled with 'csm template --format xlsx --prefill', is
    re-saved by LibreOffice ('soffice --convert-to xlsx'), read back with
    'csm import' and scored: the same scores as the example itself.
(b) A blank workbook is filled in through UNO the way a person types (levels as
    numbers, n/a, Japanese evidence, the date as text, the industry label from
    the list), saved by LibreOffice as .xlsx, imported and scored: the same
    scores as the example the answers came from.
(c) A workbook with a wrong level, and a file that is no workbook: 'csm import'
    exits 2 with "FILE: ..." and writes nothing.

Runs with Debian's /usr/bin/python3 (python3-uno). Exit 77 (skipped) if
LibreOffice is not installed. Every soffice this script starts runs with a
private profile and is killed at the end, whatever happens.
"""
import json
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import libreoffice
from libreoffice import Office, props, run, url
from libreoffice import named_cells as cells

SKIP = 77
EXAMPLES = ["aozora-bank", "kitamachi-machinery", "minato-services"]

failures = []
passes = 0


def check(cond, what):
    global passes
    if cond:
        passes += 1
    else:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


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

    def score(self, path):
        d = json.loads(self.ok("score", "--json", path).stdout)
        return {"directives": d["directives"], "overall": d["overall"], "grade": d["grade"]}


def convert(soffice, profile, src, outdir):
    """LibreOffice opens the workbook and saves it again as .xlsx."""
    r, out = libreoffice.convert(soffice, profile, src, outdir)
    if r.returncode != 0 or not os.path.exists(out):
        raise RuntimeError("soffice --convert-to failed: %s %s" % (r.stdout, r.stderr))
    return out


def part_a(csm, soffice, tmp):
    for lang in ("ja", "en"):
        for ex in EXAMPLES:
            src = os.path.join(csm.src, "examples", ex + ".json")
            made = os.path.join(tmp, "made-%s-%s" % (lang, ex), ex + ".xlsx")
            os.makedirs(os.path.dirname(made))
            csm.ok("template", "--format", "xlsx", "--prefill", src, "--lang", lang, "-o", made)
            outdir = os.path.join(tmp, "lo-%s-%s" % (lang, ex))
            os.makedirs(outdir)
            resaved = convert(soffice, os.path.join(tmp, "profile-convert"), made, outdir)
            back = os.path.join(tmp, "%s-%s-back.json" % (ex, lang))
            r = csm("import", resaved, "-o", back)
            check(r.returncode == 0, "(a) %s %s: import: %s" % (ex, lang, r.stderr))
            if r.returncode != 0:
                continue
            check(csm.score(back) == csm.score(src), "(a) %s %s: scores differ" % (ex, lang))
            orig, got = json.load(open(src)), json.load(open(back))
            check(got["organization"]["name"] == orig["organization"]["name"]
                  and got["organization"]["industry"] == orig["organization"]["industry"]
                  and got["assessed_on"] == orig["assessed_on"]
                  and got["assessors"] == orig["assessors"],
                  "(a) %s %s: organization, date or assessors differ" % (ex, lang))
            for item, v in orig["answers"].items():
                if isinstance(v, dict) and "evidence" in v:
                    check(isinstance(got["answers"][item], dict)
                          and got["answers"][item].get("evidence") == v["evidence"],
                          "(a) %s %s: item %s: evidence differs" % (ex, lang, item))


def industry_labels(lang):
    """The industries' labels in `lang`, from the data (the workbook's list follows it)."""
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "questions", "industries.json")
    with open(src, encoding="utf-8") as f:
        return {i["id"]: i["label"][lang] for i in json.load(f)["industries"]}


def fill(doc, ex, lang, bad_level=None):
    """Type the answers of example `ex` into the open workbook, as a person would."""
    org = ex["organization"]
    cells(doc, "csm_org_name")[0].setString(org["name"])
    labels = industry_labels(lang)
    cells(doc, "csm_org_industry")[0].setString(labels[org["industry"]])
    scope = {"ja": {"entity": "単体", "group": "グループ"}, "en": {"entity": "entity", "group": "group"}}
    cells(doc, "csm_org_scope")[0].setString(scope[lang][org["scope"]])
    # ja: the date as text; en: as typed into the input line, which makes
    # LibreOffice store a date (a serial number), whatever the cell's format
    if lang == "ja":
        cells(doc, "csm_assessed_on")[0].setString(ex["assessed_on"])
    else:
        cells(doc, "csm_assessed_on")[0].setFormula(ex["assessed_on"])
    for cell, who in zip(cells(doc, "csm_assessor_names"), ex["assessors"]):
        cell.setString(who["name"])
    for cell, who in zip(cells(doc, "csm_assessor_roles"), ex["assessors"]):
        cell.setString(who["role"])
    gate_cells = cells(doc, "csm_gate_answers")
    gate_cells[0].setString("はい" if lang == "ja" else "yes")
    gate_cells[1].setString("いいえ" if lang == "ja" else "no")
    ids = [c.getString() for c in cells(doc, "csm_item_ids")]
    levels, evidence = cells(doc, "csm_levels"), cells(doc, "csm_evidence")
    notes = cells(doc, "csm_notes")
    typed = {}
    for k, item in enumerate(ids):
        v = ex["answers"][item]
        level = v["level"] if isinstance(v, dict) else v
        text = "%s の根拠: 規程 第%d版、2026年承認" % (item, k + 1)
        levels[k].setFormula(str(level))  # 3 -> the number 3, n/a -> the text n/a
        evidence[k].setString(text)
        typed[item] = text
        if k == 0:
            notes[k].setString("メモ\n二行目")
    if bad_level:
        levels[bad_level[0]].setFormula(bad_level[1])
    return typed


def part_b(csm, office, tmp):
    for lang, ex_name in (("ja", "minato-services"), ("en", "aozora-bank")):
        src = os.path.join(csm.src, "examples", ex_name + ".json")
        ex = json.load(open(src))
        blank = os.path.join(tmp, "blank-%s.xlsx" % lang)
        csm.ok("template", "--format", "xlsx", "--lang", lang, "-o", blank)
        doc = office.desktop.loadComponentFromURL(url(blank), "_blank", 0, props(Hidden=True))
        try:
            # LibreOffice sees the layout protected (without a password) and
            # only the input cells unlocked. (UNO itself may write anywhere.)
            for sheet in (doc.Sheets.getByIndex(i) for i in range(3)):
                check(sheet.isProtected(), "(b) %s: sheet %s is not protected" % (lang, sheet.Name))
            check(cells(doc, "csm_item_ids")[0].CellProtection.IsLocked, "(b) %s: item ids unlocked" % lang)
            for name in ("csm_levels", "csm_evidence", "csm_notes", "csm_org_name", "csm_gate_answers"):
                check(not cells(doc, name)[0].CellProtection.IsLocked, "(b) %s: %s locked" % (lang, name))
            typed = fill(doc, ex, lang)
            date_cell = cells(doc, "csm_assessed_on")[0]
            level_cell = cells(doc, "csm_levels")[0]
            fmt = doc.NumberFormats.getByKey(date_cell.NumberFormat).FormatString
            print("LibreOffice (%s): the date cell (format %r) holds %s; a level holds %s" % (
                lang, fmt, date_cell.getType().value, level_cell.getType().value))
            filled = os.path.join(tmp, "filled-%s.xlsx" % lang)
            doc.storeToURL(url(filled), props(FilterName="Calc MS Excel 2007 XML"))
        finally:
            doc.close(True)
        back = os.path.join(tmp, "filled-%s.json" % lang)
        r = csm("import", filled, "-o", back)
        check(r.returncode == 0, "(b) %s: import: %s" % (lang, r.stderr))
        if r.returncode != 0:
            continue
        check(csm.score(back) == csm.score(src), "(b) %s: scores differ from %s" % (lang, ex_name))
        got = json.load(open(back))
        check(got["organization"]["industry"] == ex["organization"]["industry"], "(b) %s: industry" % lang)
        check(got["organization"]["scope"] == ex["organization"]["scope"], "(b) %s: scope" % lang)
        check(got["assessed_on"] == ex["assessed_on"], "(b) %s: date %r" % (lang, got["assessed_on"]))
        check(got["assessors"] == ex["assessors"], "(b) %s: assessors" % lang)
        gates = list(got["gates"].values())
        check(gates[:3] == ["yes", "no", None], "(b) %s: gates %r" % (lang, gates))
        check(all(got["answers"][i]["evidence"] == t for i, t in typed.items()), "(b) %s: evidence" % lang)
        check(got["answers"]["1-1"]["note"] == "メモ\n二行目", "(b) %s: note" % lang)

    # (c) a level nobody can choose from the list, typed anyway
    doc = office.desktop.loadComponentFromURL(url(os.path.join(tmp, "blank-en.xlsx")), "_blank", 0,
                                              props(Hidden=True))
    try:
        fill(doc, json.load(open(os.path.join(csm.src, "examples", "aozora-bank.json"))), "en", bad_level=(4, "7"))
        bad = os.path.join(tmp, "bad.xlsx")
        doc.storeToURL(url(bad), props(FilterName="Calc MS Excel 2007 XML"))
    finally:
        doc.close(True)
    return bad


def part_c(csm, bad, tmp):
    out = os.path.join(tmp, "bad.json")
    r = csm("import", bad, "-o", out)
    check(r.returncode == 2, "(c) bad level: exit %d, expected 2" % r.returncode)
    check(r.stderr.startswith(bad + ": ") and "(item 2-2): level must be 1..5 or n/a, not 7" in r.stderr,
          "(c) bad level: message %r" % r.stderr)
    check(not os.path.exists(out), "(c) bad level: an output file was written")
    text = os.path.join(tmp, "not.xlsx")
    with open(text, "w") as f:
        f.write("item,level\n1-1,3\n")
    r = csm("import", text, "-o", out)
    check(r.returncode == 2 and r.stderr.startswith(text + ": not an Excel workbook"),
          "(c) not a workbook: exit %d, %r" % (r.returncode, r.stderr))
    check(not os.path.exists(out), "(c) not a workbook: an output file was written")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 1
    soffice = shutil.which("soffice")
    if not soffice:
        print("soffice not found: skipped")
        return SKIP
    csm = Csm(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))
    tmp = tempfile.mkdtemp(prefix="csm-xlsx-lo-")
    office = None
    try:
        part_a(csm, soffice, tmp)
        office = Office(soffice, tmp, "csm_xlsx_test")
        office.connect()
        bad = part_b(csm, office, tmp)
        part_c(csm, bad, tmp)
    finally:
        if office is not None:
            office.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passes, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
