#!/usr/bin/python3
"""The action list as a workbook sheet, edited by other programs.

usage: /usr/bin/python3 actions_xlsx.py CSM SOURCE_DIR

(a) 'csm plan --actions OUT.xlsx' and '--actions OUT.json' follow up alike
    next year (a due month is written as its last day: late on the same days).
(b) openpyxl edits the sheet as people do: statuses from the list in Japanese
    and typed in English, an owner, a due date as a real date cell and one as
    text; 'csm score NEW --previous OLD --actions edited.xlsx' follows it up.
(c) LibreOffice re-saves the sheet (the same follow-up), and edits it through
    UNO (a status label, a date typed into the input line, an owner): the
    follow-up says so. It sees the status drop-down, the date check and the
    protection.
(d) Hostile cells: a formula, a text too long, a status not on the list, an
    error value: exit 2, each reported at its cell, nothing written.

Runs with Debian's /usr/bin/python3 (python3-openpyxl, python3-uno). Parts
whose program is missing are skipped; exit 77 when both are.
"""
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1822435200", TZ="UTC")  # 2027-10-02
# the actions of kitamachi-2026's plan that are late on 2027-10-02 when nothing is edited
LATE = ["9-2", "9-3", "9-1", "10-2", "10-1", "2-2", "2-3", "1-2", "6-4", "3-2"]
COL = {"item": "A", "owner": "G", "due": "J", "status": "K", "note": "L"}
FIRST_ROW = 4

failures = []
passes = 0


def check(cond, what):
    global passes
    if cond:
        passes += 1
    else:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def run(args, timeout=300):
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise RuntimeError("timed out: %s" % " ".join(args))
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


class Csm:
    def __init__(self, exe, src):
        self.exe, self.src = exe, src
        self.ex = os.path.join(src, "examples", "followup")

    def __call__(self, *args):
        return run([self.exe] + list(args) + ["--data-dir", self.src])

    def plan(self, out, lang):
        r = self("plan", os.path.join(self.ex, "kitamachi-2026.json"), "--actions", out, "--lang", lang)
        check(r.returncode == 0, "plan --actions %s: exit %d %s" % (out, r.returncode, r.stderr))

    def followup(self, actions, what):
        r = self("score", os.path.join(self.ex, "kitamachi-2027.json"), "--previous",
                 os.path.join(self.ex, "kitamachi-2026.json"), "--actions", actions, "--json")
        check(r.returncode == 0, "%s: score: exit %d %s" % (what, r.returncode, r.stderr))
        return json.loads(r.stdout)["followup"] if r.returncode == 0 else None


def expect(fu, what, done_moved, in_progress, overdue):
    if fu is None:
        return
    check([x["item"] for x in fu["done_moved"]] == done_moved, "%s: done and moved %s" % (what, fu["done_moved"]))
    check(fu["done"] == len(done_moved) and fu["in_progress"] == in_progress
          and fu["open"] == 10 - len(done_moved) - in_progress, "%s: counts %s" % (what, fu))
    check([x["item"] for x in fu["overdue"]] == overdue, "%s: overdue %s" % (what, fu["overdue"]))
    check([x["item"] for x in fu["moved_without_action"]] == ["7-2"], "%s: moved alone" % what)


def part_a(csm, tmp):
    for lang in ("ja", "en"):
        js, xl = os.path.join(tmp, "a-%s.json" % lang), os.path.join(tmp, "a-%s.xlsx" % lang)
        csm.plan(js, lang)
        csm.plan(xl, lang)
        a, b = csm.followup(js, "(a) json %s" % lang), csm.followup(xl, "(a) xlsx %s" % lang)
        if a is not None:  # the month 2027-03 is written as its last day
            for x in a["overdue"]:
                x["due"] = "2027-03-31" if x["due"] == "2027-03" else x["due"]
        check(a is not None and a == b, "(a) %s: the workbook follows up as the JSON does" % lang)
        expect(b, "(a) %s" % lang, [], 0, LATE)


# ---- openpyxl --------------------------------------------------------------

def named_cells(wb, name):
    """The cells of workbook-global defined name `name`, top to bottom."""
    dn = wb.defined_names[name]
    out = []
    for sheet, ref in dn.destinations:
        rng = wb[sheet][ref.replace("$", "")]
        if not isinstance(rng, tuple):
            return [rng]
        out += [row[0] for row in rng]
    return out


def by_item(wb):
    items = [c.value for c in named_cells(wb, "csm_action_items")]
    return {k: i for i, k in enumerate(items)}


def part_b(csm, tmp):
    import openpyxl
    src = os.path.join(tmp, "a-ja.xlsx")
    wb = openpyxl.load_workbook(src)
    ws = wb["対策"]
    check(ws.freeze_panes == "B4", "(b) frozen at %r" % ws.freeze_panes)
    kinds = sorted(dv.type for dv in ws.data_validations.dataValidation)
    check(kinds == ["date", "list"], "(b) validations %r" % kinds)
    check(ws.column_dimensions["F"].width > 40 and ws.column_dimensions["A"].width < 12, "(b) column widths")
    check(ws.protection.sheet, "(b) the sheet is not protected")
    row = by_item(wb)
    status, owner, due = (named_cells(wb, n) for n in ("csm_action_statuses", "csm_action_owners", "csm_action_dues"))
    check(status[0].value == "未着手" and isinstance(due[0].value, datetime.datetime)
          and due[0].value.date() == datetime.date(2027, 3, 31), "(b) as written: %r %r" % (status[0].value, due[0].value))
    status[row["9-2"]].value = "完了"                       # from the list
    owner[row["9-2"]].value = "佐藤 (調達)"
    status[row["10-2"]].value = "done"                      # typed, in English
    status[row["9-1"]].value = "進行中"
    due[row["9-1"]].value = datetime.datetime(2027, 12, 31)  # a real date cell, in the future
    due[row["9-3"]].value = "2028/1/15"                     # a date as text
    due[row["9-3"]].number_format = "@"
    due[row["2-2"]].value = "2027-11"                       # a month as text
    named_cells(wb, "csm_action_notes")[row["9-2"]].value = "契約書フォルダ参照\n2027-05"
    edited = os.path.join(tmp, "edited-openpyxl.xlsx")
    wb.save(edited)
    fu = csm.followup(edited, "(b) openpyxl")
    expect(fu, "(b) openpyxl", ["9-2", "10-2"], 1, ["10-1", "2-3", "1-2", "6-4", "3-2"])
    if fu:
        late = {x["item"]: x for x in fu["overdue"]}
        check(late["10-1"]["due"] == "2027-03-31" and late["10-1"]["status"] == "open", "(b) 10-1 %r" % late["10-1"])
    return edited


def part_d(csm, tmp):
    """Hostile cells, each reported at its cell; nothing written."""
    import openpyxl
    src = os.path.join(tmp, "a-en.xlsx")
    wb = openpyxl.load_workbook(src)
    row = by_item(wb)
    owner = named_cells(wb, "csm_action_owners")
    owner[row["9-3"]].value = "=A1&\"x\""                    # a formula (openpyxl saves no value)
    named_cells(wb, "csm_action_notes")[row["10-1"]].value = "x" * 9000
    named_cells(wb, "csm_action_statuses")[row["10-2"]].value = "finished"
    named_cells(wb, "csm_action_dues")[row["2-2"]].value = "2027-02-30"
    bad = os.path.join(tmp, "hostile.xlsx")
    wb.save(bad)
    out = os.path.join(tmp, "hostile-out.txt")
    r = csm("score", os.path.join(csm.ex, "kitamachi-2027.json"), "--actions", bad, "-o", out)
    check(r.returncode == 2, "(d) exit %d" % r.returncode)
    cell = lambda item, col: "%s: Actions!%s%d: " % (bad, COL[col], FIRST_ROW + row[item])
    for item, col, what in (("9-3", "owner", "owner: is a formula"),
                            ("10-1", "note", "note: text is too long"),
                            ("10-2", "status", "status: \"finished\" is not open"),
                            ("2-2", "due", "due: \"2027-02-30\" is not a date")):
        check(cell(item, col) + what in r.stderr, "(d) %s %s: %r" % (item, col, r.stderr))
    check(not os.path.exists(out) and not r.stdout, "(d) something was written")
    # an assessment workbook is not an action list
    form = os.path.join(tmp, "form.xlsx")
    csm("template", "--format", "xlsx", "-o", form)
    r = csm("score", os.path.join(csm.ex, "kitamachi-2027.json"), "--actions", form)
    check(r.returncode == 2 and "not a csm action list" in r.stderr and "'csm import'" in r.stderr,
          "(d) a form as actions: %r" % r.stderr)


# ---- LibreOffice -------------------------------------------------------------

def url(path):
    import uno
    return uno.systemPathToFileUrl(os.path.abspath(path))


def props(**kw):
    from com.sun.star.beans import PropertyValue
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def part_c(csm, soffice, tmp):
    profile = "file://" + os.path.join(tmp, "profile")
    src = os.path.join(tmp, "a-en.xlsx")
    outdir = os.path.join(tmp, "lo")
    os.makedirs(outdir)
    r = run([soffice, "-env:UserInstallation=" + profile, "--headless", "--norestore",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, src], timeout=300)
    resaved = os.path.join(outdir, "a-en.xlsx")
    check(r.returncode == 0 and os.path.exists(resaved), "(c) convert: %s %s" % (r.stdout, r.stderr))
    if os.path.exists(resaved):
        expect(csm.followup(resaved, "(c) re-saved"), "(c) re-saved", [], 0, LATE)
    try:
        import uno  # noqa: F401
    except ImportError:
        print("python3-uno not installed: (c) UNO part skipped")
        return
    pipe = "csm_actions_xlsx_%d" % os.getpid()
    proc = subprocess.Popen([soffice, "-env:UserInstallation=" + profile + "-uno", "--headless", "--invisible",
                             "--nologo", "--norestore", "--nodefault",
                             "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 90
        while True:
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("cannot connect to soffice")
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(url(src), "_blank", 0, props(Hidden=True))
        try:
            def cells(name):
                rng = doc.NamedRanges.getByName(name).getReferredCells()
                return [rng.getCellByPosition(0, k) for k in range(rng.getRows().getCount())]
            sheet = doc.Sheets.getByIndex(0)
            check(sheet.Name == "Actions" and sheet.isProtected(), "(c) sheet %s protected" % sheet.Name)
            status, due, owner = cells("csm_action_statuses"), cells("csm_action_dues"), cells("csm_action_owners")
            check(status[0].Validation.Type.value == "LIST" and due[0].Validation.Type.value == "DATE",
                  "(c) validations %s %s" % (status[0].Validation.Type.value, due[0].Validation.Type.value))
            check(not status[0].CellProtection.IsLocked and cells("csm_action_items")[0].CellProtection.IsLocked,
                  "(c) locked cells")
            items = [c.getString() for c in cells("csm_action_items")]
            row = {k: i for i, k in enumerate(items)}
            status[row["9-2"]].setString("done")
            status[row["10-2"]].setString("done")
            status[row["9-1"]].setString("in progress")
            due[row["9-1"]].setFormula("2027-12-31")    # typed: LibreOffice stores a date
            due[row["10-1"]].setString("2028-02-29")    # text
            owner[row["9-2"]].setString("Sato (procurement)")
            edited = os.path.join(tmp, "edited-lo.xlsx")
            doc.storeToURL(url(edited), props(FilterName="Calc MS Excel 2007 XML"))
        finally:
            doc.close(True)
        fu = csm.followup(edited, "(c) LibreOffice")
        expect(fu, "(c) LibreOffice", ["9-2", "10-2"], 1, ["9-3", "2-2", "2-3", "1-2", "6-4", "3-2"])
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=15)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 1
    try:
        import openpyxl  # noqa: F401
        have_openpyxl = True
    except ImportError:
        have_openpyxl = False
    soffice = shutil.which("soffice")
    if not have_openpyxl and not soffice:
        print("neither openpyxl nor soffice: skipped")
        return SKIP
    csm = Csm(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))
    tmp = tempfile.mkdtemp(prefix="csm-actions-xlsx-")
    try:
        part_a(csm, tmp)
        if have_openpyxl:
            part_b(csm, tmp)
            part_d(csm, tmp)
        else:
            print("openpyxl not installed: (b) and (d) skipped")
        if soffice:
            part_c(csm, soffice, tmp)
        else:
            print("soffice not found: (c) skipped")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passes, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
