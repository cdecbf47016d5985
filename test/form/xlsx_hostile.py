#!/usr/bin/env python3
"""'csm import' on hostile workbooks that the byte caps accept: bounded memory and time.

usage: python3 xlsx_hostile.py CSM SOURCE_DIR [--report] [--keep DIR]

Each workbook is a blank one from 'csm template --format xlsx' with one or
more parts replaced by up to 32 MiB of XML that compresses to a few dozen
kilobytes (built here, at test time, with the standard library): millions of
empty cells <c/> in the sheets, millions of empty shared strings, elements
the workbook and its relationships do not use, millions of different element
or namespace names, an element with 200000 attributes; and a workbook whose
names point to 15 sheets, each needing another of 6.7M shared strings, and
one whose named cells hold 64 MiB of text. 'csm import' must finish
with exit 0 or 2 (never a signal), within a generous bound on the peak
resident memory of the process and on the wall time; the bounds leave room
for a sanitizer build and a busy machine (the target on a plain build is
under 100 MB and 5 s). --report prints the figures measured; --keep DIR
leaves the workbooks in DIR.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile

MAX_RSS_MB = 400  # peak resident memory of one import (ASan builds included)
MAX_SECONDS = 60  # wall time of one import
PART = 32 * 1024 * 1024 - 4096  # just under the per-part cap of the importer

NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')

failures = []
passes = 0


def check(cond, what):
    global passes
    if cond:
        passes += 1
    else:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def filler(unit, size):
    """`unit` repeated to about `size` bytes."""
    return unit * (size // len(unit))


def empty_cells_sheet(size):
    """A worksheet of rows of 16384 empty cells <c/> (every one a distinct cell), about `size` bytes."""
    row = "<row>" + "<c/>" * 16384 + "</row>"
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s><sheetData>' % NS
    tail = "</sheetData></worksheet>"
    return head + filler(row, size - len(head) - len(tail)) + tail


def with_parts(src, dst, parts):
    """Copy workbook `src` to `dst` with the parts in `parts` (name -> text) replaced."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in parts:
                text = parts[info.filename]
                data = text.encode("utf-16-le", "surrogatepass") if text.startswith("\ufeff") else text.encode()
            zout.writestr(info.filename, data)


def padded(text, before, pad):
    """`text` with `pad` inserted before the last occurrence of `before`, to about PART bytes in all."""
    k = text.rindex(before)
    return text[:k] + filler(pad, PART - len(text.encode())) + text[k:]


def many_sheets(path):
    """Each of the 15 names csm reads on a sheet of its own, each cell a different shared string of
    32 MiB of them: read naively, one pass over the shared strings per sheet."""
    singles = ["csm_format", "csm_questionnaire", "csm_org_name", "csm_org_industry", "csm_org_scope",
               "csm_org_size", "csm_assessed_on"]
    names = singles + ["csm_assessor_names", "csm_assessor_roles", "csm_gate_ids", "csm_gate_answers",
                       "csm_item_ids", "csm_levels", "csm_evidence", "csm_notes"]
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("_rels/.rels", '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%sofficeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>' % (pkg, rel))
        sheets = "".join('<sheet name="S%d" sheetId="%d" r:id="rId%d"/>' % (i, i + 1, i + 1) for i in range(len(names)))
        dns = "".join('<definedName name="%s">S%d!$A$1%s</definedName>' % (n, i, "" if n in singles else ":$A$1")
                      for i, n in enumerate(names))
        z.writestr("xl/workbook.xml", "<workbook %s><sheets>%s</sheets><definedNames>%s</definedNames></workbook>"
                   % (NS, sheets, dns))
        rels = "".join('<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/s%d.xml"/>' % (i + 1, rel, i)
                       for i in range(len(names)))
        rels += '<Relationship Id="rIdS" Type="%ssharedStrings" Target="sharedStrings.xml"/>' % rel
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="%s">%s</Relationships>' % (pkg, rels))
        for i in range(len(names)):
            z.writestr("xl/worksheets/s%d.xml" % i, '<worksheet %s><sheetData><row r="1"><c r="A1" t="s"><v>%d</v>'
                       '</c></row></sheetData></worksheet>' % (NS, i))
        first = "<si><t>csm-xlsx/1</t></si><si><t>csmg-v2</t></si><si><t>Hostile Co.</t></si>"
        z.writestr("xl/sharedStrings.xml", "<sst %s>%s%s</sst>" % (NS, first, filler("<si/>", PART - len(first))))


def big_texts(blank, path):
    """The names on 4000 rows, each evidence an 8 KB inline string and each note another 8 KB shared
    string: 64 MiB of text in the cells the importer reads, within the caps on parts."""
    with zipfile.ZipFile(blank) as z:
        wb = z.read("xl/workbook.xml").decode()
        sst = z.read("xl/sharedStrings.xml").decode()
    for name, col in (("csm_item_ids", "A"), ("csm_levels", "D"), ("csm_evidence", "E"), ("csm_notes", "F")):
        k = wb.index('<definedName name="%s">' % name) + len('<definedName name="%s">' % name)
        wb = wb[:k] + "'Items'!$%s$2:$%s$4001" % (col, col) + wb[wb.index("<", k):]
    nsi = sst.count("<si>")
    rows = "".join('<row r="%d"><c r="E%d" t="inlineStr"><is><t>%s%d</t></is></c><c r="F%d" t="s"><v>%d</v></c>'
                   '</row>' % (r, r, "y" * 8000, r, r, nsi + r - 2) for r in range(2, 4002))
    sst = sst.replace("</sst>", "".join("<si><t>%s%d</t></si>" % ("z" * 8000, i) for i in range(4000)) + "</sst>")
    with_parts(blank, path, {"xl/workbook.xml": wb, "xl/sharedStrings.xml": sst,
                             "xl/worksheets/sheet3.xml": "<worksheet %s><sheetData>%s</sheetData></worksheet>" % (
                                 NS, rows)})


def import_measured(csm, src, path):
    """Run 'csm import' on `path`: (exit status or -signal, stderr, peak RSS in MB, seconds).

    Linux counts the resident memory of the parent at fork into the child's
    peak, and this script holds tens of megabytes: a fresh, small interpreter
    (this script with --measure) starts the import and measures it."""
    r = subprocess.run([sys.executable, os.path.abspath(__file__), "--measure", csm, src, path],
                       capture_output=True, text=True, timeout=10 * MAX_SECONDS)
    if r.returncode != 0:
        raise RuntimeError("--measure: " + r.stderr)
    d = json.loads(r.stdout)
    return d["code"], d["err"], d["rss_kb"] / 1024.0, d["seconds"]


def measure(csm, src, path):
    out = path + ".json"
    t0 = time.monotonic()
    with tempfile.TemporaryFile() as errf:
        proc = subprocess.Popen([csm, "import", path, "-o", out, "--data-dir", src], stdout=subprocess.DEVNULL,
                                stderr=errf)
        while True:  # killed after twice the bound, so that a hang fails rather than stalls the test
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > 2 * MAX_SECONDS:
                proc.kill()
            time.sleep(0.01)
        errf.seek(0)
        err = errf.read(1 << 20).decode(errors="replace")
    seconds = time.monotonic() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if os.path.exists(out):
        os.unlink(out)
    print(json.dumps({"code": proc.returncode, "err": err, "rss_kb": usage.ru_maxrss, "seconds": seconds}))
    return 0


def main():
    args = sys.argv[1:]
    if args[:1] == ["--measure"] and len(args) == 4:
        return measure(*args[1:])
    report = "--report" in args
    keep = None
    if "--keep" in args:
        keep = args[args.index("--keep") + 1]
        del args[args.index("--keep"):args.index("--keep") + 2]
    args = [a for a in args if a != "--report"]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 1
    csm, src = os.path.abspath(args[0]), os.path.abspath(args[1])
    with tempfile.TemporaryDirectory(prefix="csm-xlsx-hostile-") as tmp:
        blank = os.path.join(tmp, "blank.xlsx")
        r = subprocess.run([csm, "template", "--format", "xlsx", "--lang", "en", "-o", blank, "--data-dir", src],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print("csm template: " + r.stderr, file=sys.stderr)
            return 1
        with zipfile.ZipFile(blank) as z:
            sst = z.read("xl/sharedStrings.xml").decode()
            wb = z.read("xl/workbook.xml").decode()
            rels = z.read("xl/_rels/workbook.xml.rels").decode()
        sheet = empty_cells_sheet(PART)
        cases = [
            # the items sheet: 8M empty cells
            ("one-sheet-8M-cells", {"xl/worksheets/sheet3.xml": sheet}),
            # the organization and items sheets: 32 MiB of <c/> each
            ("two-sheets-32MiB", {"xl/worksheets/sheet2.xml": sheet, "xl/worksheets/sheet3.xml": sheet}),
            # 6.7M empty shared strings after the real ones
            ("shared-strings-32MiB", {"xl/sharedStrings.xml": padded(sst, "</sst>", "<si/>")}),
            # elements the reader skips, in the workbook and its relationships
            ("workbook-32MiB", {"xl/workbook.xml": padded(wb, "</workbook>", "<x/>")}),
            ("rels-32MiB", {"xl/_rels/workbook.xml.rels": padded(rels, "</Relationships>", "<x/>")}),
            # 3M different element names (libxml2's dictionary of names stops growing)
            ("3M-names", {"xl/worksheets/sheet3.xml": '<worksheet %s><sheetData>%s</sheetData></worksheet>' % (
                NS, "".join("<a%07d/>" % i for i in range(PART // 11)))}),
            # 1M namespace declarations, each on a cell of its own
            ("1M-namespaces", {"xl/worksheets/sheet3.xml": '<worksheet %s><sheetData><row>%s</row></sheetData>'
                               '</worksheet>' % (NS, "".join('<c xmlns:p%d="u%d"/>' % (i, i)
                                                             for i in range(PART // 30)))}),
            # one cell with 200000 attributes (libxml2 compares them pair by pair)
            # a sheet in UTF-16 with a lone surrogate: libxml2 reports that on its global channel
            ("bad-encoding", {"xl/worksheets/sheet3.xml": "\ufeff<worksheet><sheetData>" + "\ud800" * 10}),
            ("200k-attributes", {"xl/worksheets/sheet3.xml": '<worksheet %s><sheetData><row><c%s/></row>'
                                 '</sheetData></worksheet>' % (NS, "".join(' a%d=""' % i for i in range(200000)))}),
        ]
        paths = []
        for name, parts in cases:
            paths.append((name, os.path.join(keep or tmp, name + ".xlsx")))
            with_parts(blank, paths[-1][1], parts)
        paths.append(("many-sheets-strings", os.path.join(keep or tmp, "many-sheets-strings.xlsx")))
        many_sheets(paths[-1][1])
        paths.append(("64MiB-of-cell-text", os.path.join(keep or tmp, "64MiB-of-cell-text.xlsx")))
        big_texts(blank, paths[-1][1])
        for name, path in paths:
            code, err, rss, seconds = import_measured(csm, src, path)
            if report:
                print("%-22s %6d KB  exit %d  %7.1f MB  %6.2f s  %s" % (
                    name, os.path.getsize(path) // 1024, code, rss, seconds, err.strip()[:120]))
            check(code in (0, 2), "%s: exit %d, expected 0 or 2: %s" % (name, code, err.strip()[:300]))
            lines = [l for l in err.splitlines() if not (l.startswith("(") and l.endswith("more problems not shown)"))]
            check(all(l.startswith(path + ": ") for l in lines), "%s: message %r" % (name, err[:300]))
            check(rss < MAX_RSS_MB, "%s: peak memory %.0f MB (bound %d MB)" % (name, rss, MAX_RSS_MB))
            check(seconds < MAX_SECONDS, "%s: %.1f s (bound %d s)" % (name, seconds, MAX_SECONDS))
    print("%d passed, %d failed" % (passes, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
