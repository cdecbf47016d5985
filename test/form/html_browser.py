#!/usr/bin/env python3
"""The offline HTML form (csm template --format html) in real browsers.

  html_browser.py CSM SRC [chromium] [firefox] [--screenshot DIR]

For each browser: prefilled forms of the three examples are saved and must
score exactly as the examples; a blank form is filled in by clicks, typing
and the keyboard, checked before saving, reloaded (what was typed must stay),
saved, and must score as the example it was filled from; the draft path and
"discard" work; the printed form holds every question. Exit 0 when every
check passed."""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webdriver import Chromium, Firefox  # noqa: E402

args = sys.argv[1:]
shots = None
if "--screenshot" in args:
    i = args.index("--screenshot")
    shots = args[i + 1]
    del args[i:i + 2]
CSM, SRC = args[0], args[1]
SKIP = 77  # ctest: skipped
BROWSERS = args[2:] or ["chromium", "firefox"]
EXAMPLES = ["aozora-bank", "kitamachi-machinery", "minato-services"]
passed = failed = 0
TMP = None


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what, flush=True)
    return cond


def csm(*a, ok=True):
    r = subprocess.run([CSM] + list(a), capture_output=True, text=True)
    if ok and r.returncode != 0:
        raise RuntimeError("csm %s: exit %d: %s" % (" ".join(a), r.returncode, r.stderr))
    return r


def score(path, *extra):
    doc = json.loads(csm("score", "--json", path, *extra).stdout.splitlines()[0])
    return {"directives": doc["directives"], "overall": doc.get("overall"), "grade": doc.get("grade")}


def view(path):
    """What an answers file says, in one normal form (levels, texts trimmed)."""
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    items = {}
    for k, v in d["answers"].items():
        if not isinstance(v, dict):
            v = {"level": v}
        items[k] = (v.get("level"), (v.get("evidence") or "").strip(), (v.get("note") or "").strip())
    org = d.get("organization", {})
    return {"org": {k: org.get(k) for k in ("name", "industry", "size")}, "scope": org.get("scope", "entity"),
            "date": d.get("assessed_on"), "gates": {k: v for k, v in (d.get("gates") or {}).items() if v},
            "assessors": [(a.get("name"), a.get("role")) for a in d.get("assessors", [])], "items": items}


def diff(got, want):
    """The part of two values that differs, for a short failure message."""
    if isinstance(got, dict) and isinstance(want, dict):
        return {k: (got.get(k), want.get(k)) for k in set(got) | set(want) if got.get(k) != want.get(k)}
    return (got, want)


def example(name):
    if name == "hostile":
        return os.path.join(TMP, "hostile.json")
    return os.path.join(SRC, "examples", name + ".json")


def wait_download(folder, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        done = [p for p in glob.glob(os.path.join(folder, "*.json"))]
        busy = glob.glob(os.path.join(folder, "*.crdownload")) + glob.glob(os.path.join(folder, "*.part"))
        if done and not busy:
            time.sleep(0.3)
            return done
        time.sleep(0.1)
    return []


def clear(folder):
    for p in glob.glob(os.path.join(folder, "*")):
        os.unlink(p)


def visible(b, css):
    return b.js("var e = document.querySelector(arguments[0]); return !!e && !e.hidden && e.offsetParent !== null;", css)


def save_and_get(b, dl, what, draft=False):
    clear(dl)
    b.click(b.find("#save-draft" if draft else "#save"))
    files = wait_download(dl)
    if not check(len(files) == 1, "%s: one file saved (got %s)" % (what, files)):
        return None
    return files[0]


def hostile_example(tmp):
    """kitamachi-machinery with text that must be escaped everywhere it goes."""
    with open(example("kitamachi-machinery"), encoding="utf-8") as f:
        d = json.load(f)
    d["organization"]["name"] = 'A&B <script>alert(1)</script> "北町" \'精機\''
    d["organization"]["parent"] = "Kitamachi Holdings </script>"
    d["assessors"][0]["role"] = "CISO & <b>head</b>"
    d["answers"]["1-1"]["evidence"] = "</script><script>alert(2)</script>\nline two\ttab \u2028 end"
    d["answers"]["1-2"] = {"level": 3, "note": "{\"json\": [1]} \\ backslash </style>"}
    path = os.path.join(tmp, "hostile.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False)
    return path


def prefilled(b, kind, tmp, dl):
    hostile = hostile_example(tmp)
    for i, name in enumerate(EXAMPLES + ["hostile"]):
        lang = "en" if i % 2 else "ja"
        page = os.path.join(tmp, "%s-%s.html" % (name, lang))
        csm("template", "--format", "html", "--lang", lang, "--prefill", example(name), "-o", page)
        b.get("file://" + page)
        total = len(view(example(name))["items"])
        progress = b.js("return document.getElementById('progress-text').textContent")
        check(str(total) in progress and progress.count(str(total)) == 2,
              "%s %s: progress says all %d answered: %r" % (kind, name, total, progress))
        check(b.js("return performance.getEntriesByType('resource').length") == 0,
              "%s %s: the page fetched nothing" % (kind, name))
        check(b.js("return typeof window.alertCalled") == "undefined" and
              b.js("return document.querySelectorAll('script').length") == 2,
              "%s %s: no text became markup or script" % (kind, name))
        saved = save_and_get(b, dl, "%s %s" % (kind, name))
        if not saved:
            continue
        check(score(saved) == score(example(name)), "%s %s: the saved file scores as the example" % (kind, name))
        got, want = view(saved), view(example(name))
        if name == "hostile":
            with open(saved, encoding="utf-8") as f:
                check(json.load(f)["organization"].get("parent") == "Kitamachi Holdings </script>",
                      "%s: organization fields the form does not show are kept" % kind)
        for key in want:
            check(got[key] == want[key], "%s %s: %s kept: %r" % (kind, name, key, diff(got[key], want[key])))
        if shots and i == 1:
            b.screenshot(os.path.join(shots, "form-%s-%s.png" % (kind, lang)))
        # Print: every question and the prefilled evidence are on paper; the buttons are not.
        if i == 0:
            pdf = os.path.join(tmp, "print.pdf")
            b.print_pdf(pdf)
            text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
            flat = "".join(text.split())
            check("1-1" in flat and "10-2" in flat and "Nextunanswered" not in flat and "次の未回答へ" not in flat,
                  "%s: printed form has items 1-1..10-2 and no buttons" % kind)
            ev = view(example(name))["items"]["9-3"][1] or view(example(name))["items"]["1-1"][1]
            check("".join(ev.split())[:20] in flat, "%s: printed form shows evidence %r" % (kind, ev[:20]))
            pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            npages = int(pages.split("Pages:")[1].split()[0]) if "Pages:" in pages else 0
            # several items a page: 39 items took 41 pages, one each
            check(5 <= npages <= 26, "%s: printed form has 5..26 pages: %d" % (kind, npages))


def filled_by_hand(b, kind, tmp, dl):
    """A blank English form, filled in as a person would, from kitamachi-machinery."""
    name = "kitamachi-machinery"
    want = view(example(name))
    page = os.path.join(tmp, "blank-en.html")
    csm("template", "--format", "html", "--lang", "en", "-o", page)
    b.get("file://" + page)
    b.js("localStorage.clear()")
    b.refresh()
    check(not visible(b, "#notice"), "%s: a fresh form shows no notice" % kind)
    # Saving a blank form: problems are listed, nothing is downloaded, a draft is offered.
    clear(dl)
    b.click(b.find("#save"))
    check(visible(b, "#problems"), "%s: saving a blank form shows the problems" % kind)
    text = b.js("return document.getElementById('problems').textContent")
    check("Item 1-1: not answered" in text and "organization name is empty" in text,
          "%s: problems name the open item and the empty name: %r" % (kind, text[:200]))
    check(not visible(b, "#save-draft"), "%s: no draft without a name (csm could not read it)" % kind)
    time.sleep(1)
    check(not glob.glob(os.path.join(dl, "*")), "%s: nothing saved while problems are open" % kind)
    # Organization and assessors, typed.
    b.type(b.find("#org-name"), "Kitamachi Precision Machinery Co.")
    b.click(b.find("#save"))
    check(visible(b, "#save-draft"), "%s: with a name, a draft may be saved" % kind)
    draft = save_and_get(b, dl, kind + " draft", draft=True)
    if draft:
        r = csm("validate", draft, ok=False)
        check(r.returncode == 2 and "not answered" in r.stderr, "%s: csm refuses the draft as complete" % kind)
        r = csm("validate", "--allow-partial", draft, ok=False)
        check(r.returncode == 0, "%s: the draft is a valid partial answers file: %s" % (kind, r.stderr))
    b.click(b.find("#org-industry option[value='%s']" % want["org"]["industry"]))
    b.click(b.find("#org-scope option[value='%s']" % want["scope"]))
    # The date is text in YYYY-MM-DD whatever the browser's locale (a date
    # picker showed mm/dd/yyyy); typed with a Japanese input method's
    # full-width digits and dash, it is saved in ASCII.
    check(b.js("return document.getElementById('assessed-on').type") == "text",
          "%s: the date field is text, not a locale-ordered date picker" % kind)
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else "\uFF0D" for c in want["date"])
    b.type(b.find("#assessed-on"), fullwidth)
    # Every industry label fits its drop-down: none is cut.
    fit = b.js("var s = document.getElementById('org-industry'), c = document.createElement('canvas').getContext('2d');"
               "c.font = getComputedStyle(s).font; var m = 0;"
               "for (var i = 0; i < s.options.length; i++) m = Math.max(m, c.measureText(s.options[i].text).width);"
               "return [m, s.clientWidth];")
    check(fit[0] + 16 <= fit[1], "%s: the longest industry label (%.0f px) fits its drop-down (%d px)" % (kind, fit[0], fit[1]))
    for k, (who, role) in enumerate(want["assessors"]):
        if k:
            b.click(b.find("#add-assessor"))
        rows = b.find_all("#assessors .assessor")
        b.type(b.find("#assessors .assessor:nth-child(%d) .a-name" % (k + 1)), who)
        b.type(b.find("#assessors .assessor:nth-child(%d) .a-role" % (k + 1)), role)
        check(len(rows) == k + 1, "%s: assessor rows: %d" % (kind, len(rows)))
    for g, v in want["gates"].items():
        b.click(b.find("input[name='gate-%s'][value='%s']" % (g, v)))
    ids = list(want["items"])
    for n, item in enumerate(ids):
        level, ev, note = want["items"][item]
        if n == len(ids) - 1:
            break
        b.click(b.find("input[name='level-%s'][value='%s']" % (item, level)))
        if ev:
            b.type(b.find("#evidence-" + item), ev)
        if note:
            b.type(b.find("#note-" + item), note)
    progress = b.js("return document.getElementById('progress-text').textContent")
    check(progress == "%d of %d answered" % (len(ids) - 1, len(ids)), "%s: progress %r" % (kind, progress))
    # What was typed survives a reload.
    time.sleep(0.5)
    b.refresh()
    check(visible(b, "#notice") and visible(b, "#discard"), "%s: after a reload, the form says it restored" % kind)
    check(b.js("return document.getElementById('org-name').value") == "Kitamachi Precision Machinery Co.",
          "%s: the name survives a reload" % kind)
    first = ids[0]
    check(b.js("var r = document.querySelector(\"input[name='level-%s']:checked\"); return r && r.value" % first)
          == str(want["items"][first][0]), "%s: level of %s survives a reload" % (kind, first))
    check(b.js("return document.querySelectorAll('#assessors .assessor').length") == len(want["assessors"]),
          "%s: assessor rows survive a reload" % kind)
    # One item still open: saving lists exactly it.
    b.click(b.find("#save"))
    text = b.js("return document.getElementById('problems').textContent")
    check("Item %s: not answered" % ids[-1] in text and text.count("not answered") == 1,
          "%s: the one open item is listed: %r" % (kind, text[:200]))
    # The last item by keyboard: "Next unanswered" focuses its first choice; arrows move the choice.
    last = ids[-1]
    level = want["items"][last][0]
    b.click(b.find("#next-open"))
    focused = b.js("var e = document.activeElement; return e.name + '=' + e.value")
    check(focused == "level-%s=1" % last, "%s: 'Next unanswered' focuses the open item (%s)" % (kind, focused))
    b.keys("Space")
    steps = (6 if level == "n/a" else int(level)) - 1
    b.keys(*(["ArrowRight"] * steps))
    got = b.js("var r = document.querySelector(\"input[name='level-%s']:checked\"); return r && r.value" % last)
    check(got == str(level), "%s: level %s chosen by keyboard (got %r)" % (kind, level, got))
    ev = want["items"][last][1]
    if ev:
        b.keys("Tab")
        b.type(b.find("#evidence-" + last), ev)
    saved = save_and_get(b, dl, kind + " filled by hand")
    if saved:
        check(score(saved) == score(example(name)), "%s: the form filled by hand scores as the example" % kind)
        got = view(saved)
        for key in want:
            check(got[key] == want[key], "%s: filled by hand: %s: %r" % (kind, key, diff(got[key], want[key])))
    # Discard (offered after a reload): back to the blank form.
    b.refresh()
    b.click(b.find("#discard"))
    time.sleep(1)
    check(b.js("return document.getElementById('org-name').value") == "", "%s: discard starts over" % kind)
    check(b.js("return document.querySelectorAll('input[type=radio]:checked').length") == 0,
          "%s: discard clears the levels" % kind)


def scale_form(b, kind, tmp, dl):
    """A questionnaire with its own answer scale (test/data/scale-check.json):
    the form offers its choices, and the file it saves holds their ids and
    scores as chosen."""
    data = os.path.join(tmp, "sdata")
    if not os.path.isdir(data):
        shutil.copytree(os.path.join(SRC, "questions"), os.path.join(data, "questions"))
        shutil.copy(os.path.join(SRC, "test", "data", "scale-check.json"), os.path.join(data, "questions"))
        for d in ("tips", "benchmarks"):
            os.symlink(os.path.join(SRC, d), os.path.join(data, d))
    choices = {"c1": "done", "c2": "done", "c3": "partly", "c4": "done", "c5": "unknown", "c6": "not_done",
               "c7": "done", "c8": "not_done"}
    for lang in ("ja", "en"):
        page = os.path.join(tmp, "scale-%s.html" % lang)
        csm("template", "--format", "html", "--lang", lang, "--questionnaire", "scale-check", "--data-dir", data,
            "-o", page)
        b.get("file://" + page)
        b.js("localStorage.clear()")
        b.refresh()
        values = b.js("return Array.prototype.map.call(document.querySelectorAll(\"input[name='level-c1']\"),"
                      " function (e) { return e.value; })")
        check(values == ["done", "partly", "not_done", "unknown"], "%s %s: the choices offered: %r" % (kind, lang, values))
        b.type(b.find("#org-name"), "Sakura Print Co.")
        b.type(b.find("#assessed-on"), "2026-11-20")
        b.type(b.find("#assessors .assessor:nth-child(1) .a-name"), "Aiko Sakura")
        b.click(b.find("#org-industry option[value='general_machinery']"))
        for item, c in choices.items():
            b.click(b.find("input[name='level-%s'][value='%s']" % (item, c)))
        saved = save_and_get(b, dl, "%s %s scale form" % (kind, lang))
        if not saved:
            print(b.js("return document.getElementById('problems').textContent"))
        if not saved:
            continue
        with open(saved, encoding="utf-8") as f:
            got = {k: (v["level"] if isinstance(v, dict) else v) for k, v in json.load(f)["answers"].items()}
        check(got == choices, "%s %s: the saved choices: %r" % (kind, lang, diff(got, choices)))
        doc = json.loads(csm("score", "--json", "--data-dir", data, saved).stdout.splitlines()[0])
        check(doc.get("points") == 17 and doc["sme"]["stars"] == 0 and doc["sme"]["todo"][:1] == ["c5"],
              "%s %s: the saved file scores 17 points: %r" % (kind, lang, doc.get("points")))


def main():
    global TMP
    tmp = TMP = tempfile.mkdtemp(prefix="csm-form-")
    dl = os.path.join(tmp, "downloads")
    os.mkdir(dl)
    ran = 0
    for kind in BROWSERS:
        need = ["chromium", "chromedriver"] if kind == "chromium" else ["firefox"]
        missing = [p for p in need if not shutil.which(p)]
        if missing:
            print("%s not found: %s skipped" % (" and ".join(missing), kind))
            continue
        ran += 1
        b = (Chromium if kind == "chromium" else Firefox)(dl)
        try:
            prefilled(b, kind, tmp, dl)
            filled_by_hand(b, kind, tmp, dl)
            scale_form(b, kind, tmp, dl)
        finally:
            b.quit()
    if not ran:
        print("no browser to test with: skipped")
        return SKIP
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
