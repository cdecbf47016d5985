#!/usr/bin/python3
"""The workbook filled in by another writer: openpyxl (Debian's python3-openpyxl).

usage: /usr/bin/python3 xlsx_openpyxl.py CSM SOURCE_DIR

openpyxl writes cells as other programs do, not as csm does: '' as an inline
string with an empty <t>, None as a cell without a value, formulas without a
cached value, dates as serial numbers (or, with iso_dates, as t="d" text).

(a) A blank workbook from 'csm template --format xlsx' is filled in with the
    answers of an example, written every way a program may write them (numbers,
    digit text, full-width digits, n/a, N/A, 該当なし, '' and None for empty
    evidence and notes, a formula, a date, the item rows sorted by level), saved
    by openpyxl, imported and scored: the same scores as the example.
(b) Each empty cell openpyxl writes, alone in a workbook with only the name of
    the organization filled in: 'csm import' exits 0.
(c) A wrong level and a workbook without csm's names: exit 2 with
    "FILE: ...", nothing written.

Every import must end with exit 0 or 2, never a signal. Exit 77 (skipped) if
openpyxl cannot be imported.
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
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
        return subprocess.run([self.exe] + list(args) + ["--data-dir", self.src], capture_output=True, text=True,
                              timeout=120)

    def ok(self, *args):
        r = self(*args)
        if r.returncode != 0:
            raise RuntimeError("csm %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr))
        return r

    def score(self, path):
        d = json.loads(self.ok("score", "--json", "--allow-partial", path).stdout)
        return {"directives": d["directives"], "overall": d["overall"], "grade": d["grade"]}

    def imported(self, what, path, want_exit):
        """Import `path`; check the exit status (never a signal). Returns the answers, or None."""
        out = path + ".json"
        r = self("import", path, "-o", out)
        check(r.returncode >= 0, "%s: killed by signal %d" % (what, -r.returncode))
        check(r.returncode == want_exit, "%s: exit %d, expected %d: %s" % (what, r.returncode, want_exit,
                                                                          r.stderr.strip()[:400]))
        if want_exit != 0:
            check(r.stderr.startswith(path + ": "), "%s: message %r" % (what, r.stderr[:300]))
            check(not os.path.exists(out), "%s: an output file was written" % what)
            return r.stderr
        return json.load(open(out)) if r.returncode == 0 else None


def cells(wb, name):
    """The cells of defined name `name`, top to bottom."""
    dn = wb.defined_names[name] if hasattr(wb.defined_names, "__getitem__") else wb.defined_names.get(name)
    (sheet, ref), = list(dn.destinations)
    ws = wb[sheet]
    got = ws[ref.replace("$", "")]
    if not isinstance(got, tuple):
        return [got]
    return [row[0] if isinstance(row, tuple) else row for row in got]


def industry_labels(src, lang):
    """The industries' labels in `lang`, from the data (the workbook's list follows it)."""
    with open(os.path.join(src, "questions", "industries.json"), encoding="utf-8") as f:
        return {i["id"]: i["label"][lang] for i in json.load(f)["industries"]}


FULLWIDTH = str.maketrans("12345", "\uff11\uff12\uff13\uff14\uff15")


def part_a(csm, openpyxl, tmp):
    src = os.path.join(csm.src, "examples", "aozora-bank.json")
    ex = json.load(open(src))
    blank = os.path.join(tmp, "blank-en.xlsx")
    csm.ok("template", "--format", "xlsx", "--lang", "en", "-o", blank)
    wb = openpyxl.load_workbook(blank)
    org = ex["organization"]
    cells(wb, "csm_org_name")[0].value = org["name"]
    cells(wb, "csm_org_industry")[0].value = industry_labels(csm.src, "en")[org["industry"]]
    cells(wb, "csm_org_scope")[0].value = org["scope"]
    cells(wb, "csm_assessed_on")[0].value = datetime.date.fromisoformat(ex["assessed_on"])
    for cell, who in zip(cells(wb, "csm_assessor_names"), ex["assessors"]):
        cell.value = who["name"]
    for cell, who in zip(cells(wb, "csm_assessor_roles"), ex["assessors"]):
        cell.value = who["role"]
    for cell in cells(wb, "csm_assessor_names")[len(ex["assessors"]):]:
        cell.value = ""  # '' as openpyxl writes it: an empty inline string
    gates = cells(wb, "csm_gate_answers")
    gates[0].value, gates[1].value, gates[2].value = "yes", "no", None
    ids = [c.value for c in cells(wb, "csm_item_ids")]
    id_cells, levels = cells(wb, "csm_item_ids"), cells(wb, "csm_levels")
    evidence, notes = cells(wb, "csm_evidence"), cells(wb, "csm_notes")
    # the rows sorted by level, highest first, as a sort in a program would leave them
    rows = []
    for item in ids:
        v = ex["answers"][item]
        rows.append((item, v["level"] if isinstance(v, dict) else v))
    rows.sort(key=lambda r: (-1 if r[1] == "n/a" else r[1]), reverse=True)
    check([r[0] for r in rows] != ids, "(a) sorting moved no row")
    spellings = {"n/a": ["n/a", "N/A", "該当なし"]}
    typed = {}
    for k, (item, level) in enumerate(rows):
        id_cells[k].value = item
        if level == "n/a":
            levels[k].value = spellings["n/a"][k % 3]
        else:
            levels[k].value = [level, str(level), str(level).translate(FULLWIDTH), " %d " % level][k % 4]
        ev = "%s: policy v%d" % (item, k + 1)
        evidence[k].value = ev if k % 5 else ("" if k % 2 else None)
        typed[item] = ev if k % 5 else None
        notes[k].value = ['=""', None, "", "a note"][k % 4]
    wb.save(os.path.join(tmp, "filled.xlsx"))
    filled = os.path.join(tmp, "filled.xlsx")
    got = csm.imported("(a) filled in", filled, 0)
    if not got:
        return
    back = filled + ".json"
    with open(back, "w") as f:
        json.dump(got, f)
    check(csm.score(back) == csm.score(src), "(a) scores differ from the example")
    check(got["organization"]["industry"] == org["industry"], "(a) industry %r" % got["organization"].get("industry"))
    check(got["assessed_on"] == ex["assessed_on"], "(a) date %r" % got["assessed_on"])
    check(got["assessors"] == ex["assessors"], "(a) assessors %r" % got["assessors"])
    check(list(got["gates"].values())[:3] == ["yes", "no", None], "(a) gates %r" % got["gates"])
    for item, ev in typed.items():
        a = got["answers"][item]
        check((a.get("evidence") if isinstance(a, dict) else None) == ev, "(a) %s: evidence %r" % (item, a))
    a = got["answers"][rows[3][0]]
    check(isinstance(a, dict) and a.get("note") == "a note", "(a) %s: note %r" % (rows[3][0], a))
    a = got["answers"][rows[0][0]]
    check(not isinstance(a, dict) or "note" not in a, "(a) %s: the note =\"\" is not empty: %r" % (rows[0][0], a))

    # the same with dates as ISO text (t="d"), as openpyxl writes them on request
    wb = openpyxl.load_workbook(filled)
    wb.iso_dates = True
    cells(wb, "csm_assessed_on")[0].value = datetime.datetime(2026, 3, 9, 0, 0)
    iso = os.path.join(tmp, "iso-dates.xlsx")
    wb.save(iso)
    got = csm.imported("(a) ISO date", iso, 0)
    check(bool(got) and got["assessed_on"] == "2026-03-09", "(a) ISO date %r" % (got and got["assessed_on"]))


def part_b(csm, openpyxl, tmp):
    blank = os.path.join(tmp, "blank-en.xlsx")
    variants = {
        "empty string": "",
        "None": None,
        "space": " ",
        "formula": '=""',
        "formula of a number": "=1+1",
    }
    for what, value in variants.items():
        for name in ("csm_levels", "csm_evidence", "csm_notes", "csm_org_industry", "csm_assessed_on",
                     "csm_gate_answers", "csm_assessor_names"):
            wb = openpyxl.load_workbook(blank)
            cells(wb, "csm_org_name")[0].value = "Openpyxl Co."
            cells(wb, name)[0].value = value
            path = os.path.join(tmp, "b-%s-%s.xlsx" % (name, what.replace(" ", "-")))
            wb.save(path)
            got = csm.imported("(b) %s in %s" % (what, name), path, 0)
            if got and name == "csm_levels":
                check(got["answers"]["1-1"] is None, "(b) %s in %s: level %r" % (what, name, got["answers"]["1-1"]))
    # all of them at once, down the level, evidence and note columns
    wb = openpyxl.load_workbook(blank)
    cells(wb, "csm_org_name")[0].value = "Openpyxl Co."
    for name in ("csm_levels", "csm_evidence", "csm_notes"):
        for k, cell in enumerate(cells(wb, name)):
            cell.value = list(variants.values())[k % len(variants)]
    path = os.path.join(tmp, "b-all.xlsx")
    wb.save(path)
    csm.imported("(b) all empty kinds", path, 0)


def part_c(csm, openpyxl, tmp):
    blank = os.path.join(tmp, "blank-en.xlsx")
    wb = openpyxl.load_workbook(blank)
    cells(wb, "csm_org_name")[0].value = "Openpyxl Co."
    cells(wb, "csm_levels")[4].value = 7
    path = os.path.join(tmp, "c-level.xlsx")
    wb.save(path)
    err = csm.imported("(c) level 7", path, 2)
    check(": Items!D6 (item 2-2): level must be 1..5 or n/a, not 7" in (err or ""), "(c) level 7: %r" % err)
    wb = openpyxl.Workbook()
    wb.active["A1"] = ""
    wb.active["B2"] = None
    path = os.path.join(tmp, "c-plain.xlsx")
    wb.save(path)
    err = csm.imported("(c) a workbook csm did not make", path, 2)
    check("not a csm workbook" in (err or ""), "(c) plain workbook: %r" % err)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 1
    try:
        import openpyxl
    except ImportError:
        print("openpyxl not found (Debian: python3-openpyxl): skipped")
        return SKIP
    csm = Csm(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))
    tmp = tempfile.mkdtemp(prefix="csm-xlsx-openpyxl-")
    try:
        part_a(csm, openpyxl, tmp)
        part_b(csm, openpyxl, tmp)
        part_c(csm, openpyxl, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passes, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
