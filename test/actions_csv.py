#!/usr/bin/env python3
"""An action list edited by another CSV writer: Python's csv module.

usage: python3 actions_csv.py CSM SOURCE_DIR

(a) 'csm plan --actions OUT.csv' is read by csv.DictReader (the header and a
    BOM as a spreadsheet sees them); every action is open, with the file's due.
(b) Edited as people do (statuses typed by hand, an owner, a note that looks
    like a formula, Japanese text, a line break in a note) and written back by
    csv.writer, with CRLF and a BOM and again with LF and no BOM: next year's
    'csm score --previous --actions' follows it up, and the JSON says so.
(c) A bad status is refused with the file, line and column, exit 2.
(d) A group's portfolio with a directory of lists: a JSON list matched by the
    organization it names (spelled another way), a CSV by its file name, an
    organization without a list; the CSV table counts each. A list for no
    organization given, or a second list for one, is refused: exit 2, nothing
    written.
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def portfolio(csm, src, env, tmp):
    ex = [os.path.join(src, "examples", n + ".json") for n in ("kitamachi-machinery", "aozora-bank", "minato-services")]
    lists = os.path.join(tmp, "lists")
    os.makedirs(lists)
    kita = os.path.join(lists, "kitamachi-list.json")
    minato = os.path.join(lists, "minato-services.csv")
    for answers, out in ((ex[0], kita), (ex[2], minato)):
        r = subprocess.run([csm, "plan", answers, "--actions", out], capture_output=True, env=env)
        check(r.returncode == 0, "(d) plan: %s" % r.stderr)
    with open(kita, encoding="utf-8") as f:
        doc = json.load(f)
    doc["organization"] = "  KITAMACHI precision machinery co. "
    for k, x in enumerate(doc["actions"]):
        x["due"], x["status"] = ("2027-06-30", "done") if k < 3 else ("2027-09", "open") if k < 5 else ("2028-03", "open")
    with open(kita, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    with open(minato, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["status"], rows[1]["due"] = "in progress", "2027/9/1"
    with open(minato, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
    pdf, table = os.path.join(tmp, "p.pdf"), os.path.join(tmp, "p.csv")
    r = subprocess.run([csm, "portfolio"] + ex + ["-o", pdf, "--csv", table, "--actions", lists],
                       capture_output=True, env=env)
    check(r.returncode == 0, "(d) portfolio: exit %d %s" % (r.returncode, r.stderr))
    if r.returncode == 0:
        with open(table, encoding="utf-8-sig", newline="") as f:
            got = {x["organization"]: x for x in csv.DictReader(f)}
        k, a, m = (got[n] for n in ("Kitamachi Precision Machinery Co.", "Aozora Trust Bank",
                                     "Minato Facility Services Ltd."))
        check((k["actions"], k["actions_done"], k["actions_open"], k["actions_overdue"]) ==
              (str(len(doc["actions"])), "3", str(len(doc["actions"]) - 3), "2"), "(d) kitamachi %s" % k)
        check(a["actions"] == "" and a["actions_overdue"] == "", "(d) aozora has no list: %s" % a)
        check((m["actions_in_progress"], m["actions_overdue"]) == ("1", "1"), "(d) minato %s" % m)
    os.remove(pdf)
    other = os.path.join(tmp, "other.json")
    with open(other, "w", encoding="utf-8") as f:
        json.dump(dict(doc, organization="Someone Else"), f)
    for extra, what in (([other], "for no organization given"), ([kita], "already has an action list")):
        r = subprocess.run([csm, "portfolio"] + ex + ["-o", pdf, "--actions", lists, "--actions"] + extra,
                           capture_output=True, env=env)
        check(r.returncode == 2 and what.encode() in r.stderr.replace(b"which none of the answers files is about",
                                                                      b"for no organization given")
              and not os.path.exists(pdf), "(d) %s: exit %d %s" % (what, r.returncode, r.stderr))
    # A list found in the directory is an input: --csv onto it is refused and the list kept
    # (-o takes only a .pdf name, which is never a list).
    with open(minato, "rb") as f:
        before = f.read()
    r = subprocess.run([csm, "portfolio"] + ex + ["-o", pdf, "--csv", minato, "--actions", lists],
                       capture_output=True, env=env)
    with open(minato, "rb") as f:
        kept = f.read() == before
    check(r.returncode != 0 and b"refusing to overwrite" in r.stderr and kept and not os.path.exists(pdf),
          "(d) --csv onto a list in the directory: exit %d, kept %s, %s" % (r.returncode, kept, r.stderr))


def main():
    csm, src = sys.argv[1], sys.argv[2]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1822435200", TZ="UTC")  # 2027-10-02
    ex = os.path.join(src, "examples", "followup")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "actions.csv")
        r = subprocess.run([csm, "plan", os.path.join(ex, "kitamachi-2026.json"), "--actions", out, "--lang", "ja"],
                           capture_output=True, env=env)
        check(r.returncode == 0, "plan --actions: exit %d %s" % (r.returncode, r.stderr))
        with open(out, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        check(len(rows) == 10, "ten actions, not %d" % len(rows))
        check(all(x["status"] == "open" and x["due"] == "2027-03" for x in rows), "all open, due 2027-03")
        check(rows[0]["item"] == "9-2" and rows[0]["owner"], "9-2 first, with an owner")
        for x in rows:
            if x["item"] == "9-2":
                x["status"], x["owner"], x["note"] = "Done", "佐藤 (調達)", "=契約書フォルダ参照\n2027-05"
            elif x["item"] == "10-2":
                x["status"], x["note"] = "done", "+81 3 1234 5678 に連絡済み"
            elif x["item"] == "9-1":
                x["status"], x["due"] = "in progress", "2027-12-31"
        # an edited list is not replaced by a second 'plan --actions' without --force
        edited = os.path.join(tmp, "edited.csv")
        with open(edited, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\r\n")
            w.writeheader()
            w.writerows(rows)
        with open(edited, "rb") as f:
            before = f.read()
        plan = [csm, "plan", os.path.join(ex, "kitamachi-2026.json"), "--actions", edited]
        r = subprocess.run(plan, capture_output=True, env=env)
        with open(edited, "rb") as f:
            kept = f.read() == before
        check(r.returncode == 2 and kept and b"edited.csv: exists" in r.stderr and b"--force" in r.stderr,
              "plan --actions onto an edited list: exit %d, kept %s, %s" % (r.returncode, kept, r.stderr))
        r = subprocess.run(plan + ["--force"], capture_output=True, env=env)
        with open(edited, encoding="utf-8-sig", newline="") as f:
            fresh = list(csv.DictReader(f))
        check(r.returncode == 0 and all(x["status"] == "open" for x in fresh),
              "plan --actions --force replaces the list: exit %d %s" % (r.returncode, r.stderr))
        for name, newline, bom in (("crlf.csv", "\r\n", True), ("lf.csv", "\n", False)):
            path = os.path.join(tmp, name)
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()), lineterminator=newline)
            w.writeheader()
            w.writerows(rows)
            with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
                f.write(buf.getvalue())
            r = subprocess.run([csm, "score", os.path.join(ex, "kitamachi-2027.json"), "--previous",
                                os.path.join(ex, "kitamachi-2026.json"), "--actions", path, "--json"],
                               capture_output=True, env=env)
            check(r.returncode == 0, "%s: exit %d %s" % (name, r.returncode, r.stderr))
            if r.returncode == 0:
                fu = json.loads(r.stdout)["followup"]
                check(fu["done"] == 2 and fu["in_progress"] == 1 and fu["open"] == 7, "%s: counts %s" % (name, fu))
                check([x["item"] for x in fu["done_moved"]] == ["9-2", "10-2"], "%s: done and moved" % name)
                check([x["item"] for x in fu["overdue"]] == ["9-3", "10-1", "2-2", "2-3", "1-2", "6-4", "3-2"],
                      "%s: overdue %s" % (name, fu["overdue"]))
                check([x["item"] for x in fu["moved_without_action"]] == ["7-2"], "%s: moved alone" % name)
        rows[2]["status"] = "finished"
        path = os.path.join(tmp, "bad.csv")
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\r\n")
            w.writeheader()
            w.writerows(rows)
        r = subprocess.run([csm, "score", os.path.join(ex, "kitamachi-2027.json"), "--actions", path],
                           capture_output=True, env=env)
        # row 3 of actions starts on line 5: the note of 9-2 spans two lines
        check(r.returncode == 2 and b"bad.csv:5: status: \"finished\"" in r.stderr and not r.stdout,
              "bad status: exit %d %s" % (r.returncode, r.stderr))
        portfolio(csm, src, env, tmp)
    for f in failures:
        print("FAIL:", f)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
