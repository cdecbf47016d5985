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
    for f in failures:
        print("FAIL:", f)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
