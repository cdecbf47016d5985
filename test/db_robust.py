#!/usr/bin/env python3
"""The benchmark database and `bench aggregate` with hostile input, on the
real csm binary: integer options, pseudonymization keys, over-long lines,
exit codes, schema versions and migration, a busy database, passwords in
messages, and a PostgreSQL server that goes away during ingest.

usage: db_robust.py CSM SRC_DIR [postgresql://URL]

Without a URL the database is a SQLite file in a temporary directory; with
one, the PostgreSQL database there (emptied first) for the checks that apply
to both. Prints one line per failed check and "N passed, M failed".
"""
import hashlib
import hmac
import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

CSM, SRC = sys.argv[1], sys.argv[2]
PG = sys.argv[3] if len(sys.argv) > 3 else None
ASAN = "asan" in CSM or os.environ.get("ASAN_OPTIONS")
passed = failed = 0
WORK = tempfile.mkdtemp(prefix="csm-robust.")

with open(os.path.join(SRC, "examples", "minato-services.json"), encoding="utf-8") as f:
    EXAMPLE = json.load(f)
ITEMS = sorted(EXAMPLE["answers"].keys())


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}" + (f"\n  {detail.strip()[:2000]}" if detail else ""))


def csm(*args, stdin=None):
    extra = [] if args[0] == "help" else ["--data-dir", SRC]
    return subprocess.run([CSM, *args, *extra], capture_output=True, text=True, input=stdin)


def answers(org, date="2025-04-01", level=3, industry="services", size="medium"):
    return {"format": "csm-answers/1", "questionnaire": "csmg-v2",
            "organization": {"name": org, "industry": industry, "size": size},
            "assessed_on": date, "answers": {i: {"level": level} for i in ITEMS}}


def write(name, text):
    path = os.path.join(WORK, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def jsonl(name, docs):
    return write(name, "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))


def fresh_db(name):
    if PG:
        subprocess.run(["psql", "-X", "-q", PG, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                       check=True, capture_output=True)
        db = PG
    else:
        db = os.path.join(WORK, name + ".sqlite")
    r = csm("db", "init", "--db", db)
    check(r.returncode == 0, f"db init {name}", r.stderr)
    return db


def count(db):
    r = csm("db", "list", "--db", db)
    return len(r.stdout.splitlines()) - 1


# ---- integer options: digits only, range-checked, the option named ----------
def test_integer_options():
    db = fresh_db("ints")
    csm("db", "ingest", "--db", db, jsonl("one.jsonl", [answers("Only Org")]))
    lines = jsonl("one-agg.jsonl", [answers("Only Org")])
    for bad in ("4294967297", "0", "-1", "5x", " 5", "+5", "", "99999999999999999999999"):
        for cmd in (["db", "export", "--db", db], ["bench", "aggregate", lines]):
            r = csm(*cmd, "--min-group", bad, "-o", "-")
            check(r.returncode == 1 and "--min-group" in r.stderr and '"n":1' not in r.stdout,
                  f"{cmd[0]} --min-group '{bad}' is a usage error naming the option", r.stderr + r.stdout[:300])
    r = csm("db", "list", "--db", db, "--busy-timeout", "1e3")
    check(r.returncode == 1 and "--busy-timeout" in r.stderr, "--busy-timeout 1e3 is a usage error", r.stderr)


# ---- pseudonymization keys ----------------------------------------------------
def test_keys():
    db = fresh_db("keys")
    doc = jsonl("key.jsonl", [answers("Key Org")])
    cases = [("short", os.urandom(16), 2, "32 to 4096 bytes"),
             ("repeated", b"a" * 64, 2, "one byte repeated"),
             ("good", os.urandom(32), 0, None)]
    for name, key, status, msg in cases:
        path = os.path.join(WORK, name + ".key")
        with open(path, "wb") as f:
            f.write(key)
        os.chmod(path, 0o600)
        r = csm("db", "ingest", "--db", db, "--pseudonymize", "--key-file", path, doc)
        check(r.returncode == status and (msg is None or msg in r.stderr) and "warning" not in r.stderr,
              f"key file {name}: exit {status}", r.stderr)
    os.chmod(os.path.join(WORK, "good.key"), 0o644)
    r = csm("db", "ingest", "--db", db, "--pseudonymize", "--key-file", os.path.join(WORK, "good.key"), doc)
    check(r.returncode == 0 and "warning: the key file can be read by others" in r.stderr,
          "a key file readable by others is warned about", r.stderr)


# ---- bounded lines --------------------------------------------------------------
def peak_child_rss_mib(cmd):
    """Run cmd in a child of a fresh python, report that child's peak RSS."""
    code = ("import resource,subprocess,sys;r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
            "print(r.returncode);print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss//1024);"
            "sys.stderr.write(r.stderr)")
    r = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True)
    out = r.stdout.split()
    return int(out[0]), int(out[1]), r.stderr


def test_long_lines():
    db = fresh_db("long")
    good = json.dumps(answers("After The Long Line"))
    path = os.path.join(WORK, "long.jsonl")
    with open(path, "w") as f:  # a 200 MiB line (a JSON string), then a good one
        f.write('{"format":"csm-answers/1","x":"')
        chunk = "a" * (1 << 20)
        for _ in range(200):
            f.write(chunk)
        f.write('"}\n' + good + "\n")
    status, rss, err = peak_child_rss_mib([CSM, "db", "ingest", "--db", db, path, "--data-dir", SRC])
    check(status == 0 and "long.jsonl:1: line is too long" in err and "1 assessments stored, 1 invalid" in err,
          "db ingest: an over-long line is one bad line, reading goes on", err)
    if not ASAN:
        check(rss < 120, f"db ingest of a 200 MiB line stays under 120 MiB (peak {rss} MiB)")
    check(count(db) == 1, "db ingest stored the line after the long one")
    status, rss, err = peak_child_rss_mib([CSM, "bench", "aggregate", path, "--min-group", "1", "-o",
                                           os.path.join(WORK, "agg.json"), "--data-dir", SRC])
    check(status == 0 and "long.jsonl:1: line is too long" in err and "1 assessments aggregated" in err,
          "bench aggregate: an over-long line is one bad line, reading goes on", err)
    if not ASAN:
        check(rss < 120, f"bench aggregate of a 200 MiB line stays under 120 MiB (peak {rss} MiB)")
    os.remove(path)


# ---- exit codes, schema versions --------------------------------------------------
def test_exit_codes():
    db = fresh_db("exit")
    bad = write("bad.jsonl", '{"format":"csm-answers/1"}\nnot json\n')
    r = csm("db", "ingest", "--db", db, bad)
    check(r.returncode == 2 and "0 assessments stored, 2 invalid skipped" in r.stderr,
          "db ingest: nothing stored, invalid lines: exit 2", r.stderr)
    r = csm("db", "ingest", "--db", db, jsonl("mixed.jsonl", [answers("Good Org")]), bad)
    check(r.returncode == 0 and "1 assessments stored, 2 invalid skipped" in r.stderr,
          "db ingest: some stored, some invalid: exit 0 with the count", r.stderr)
    r = csm("bench", "aggregate", jsonl("agg5.jsonl", [answers(f"Org {i}") for i in range(5)]), "-o", "-")
    check(r.returncode == 0 and "keeps no history" in r.stderr, "bench aggregate says it keeps no history", r.stderr)
    r = csm("help", "bench")
    check("keeps no history" in r.stdout, "help bench says it keeps no history", r.stdout)
    r = csm("help", "db")
    check("release" in r.stdout and "--busy-timeout" in r.stdout, "help db tells of releases and --busy-timeout",
          r.stdout)


def test_newer_schema():
    db = fresh_db("newer")
    Raw(db).run(["INSERT INTO csm_schema (version) VALUES (99)"])
    for cmd in (["init"], ["list"], ["ingest", jsonl("n.jsonl", [answers("X")])]):
        r = csm("db", *cmd, "--db", db)
        check(r.returncode == 2 and "newer than this csm" in r.stderr and "run 'csm db init'" not in r.stderr,
              f"db {cmd[0]} on a newer schema says so", r.stderr)


# ---- migration from schema 1 -------------------------------------------------------
SCHEMA_V1 = [
    "CREATE TABLE csm_schema (version INTEGER NOT NULL)",
    "CREATE TABLE assessment (id BIGINT PRIMARY KEY, org_key TEXT NOT NULL, org_name TEXT, submitter TEXT,"
    " questionnaire TEXT NOT NULL, industry TEXT, size_band TEXT, scope TEXT, assessed_on TEXT NOT NULL,"
    " ingested_at TEXT NOT NULL, UNIQUE (org_key, assessed_on))",
    "CREATE TABLE answer (assessment_id BIGINT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " item TEXT NOT NULL, level INTEGER, na INTEGER NOT NULL, evidence TEXT, note TEXT,"
    " PRIMARY KEY (assessment_id, item))",
    "CREATE TABLE assessor (assessment_id BIGINT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " pos INTEGER NOT NULL, name TEXT, role TEXT, PRIMARY KEY (assessment_id, pos))",
    "CREATE INDEX assessment_latest ON assessment (questionnaire, org_key, assessed_on)",
    "INSERT INTO csm_schema (version) VALUES (1)",
]


def sql_literal(v):
    return "NULL" if v is None else "'" + str(v).replace("'", "''") + "'"


class Raw:
    """Plain SQL on the test database, for what csm itself would not write."""

    def __init__(self, db):
        self.db = db

    def run(self, statements):
        if PG:
            subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.db],
                           input="BEGIN;\n" + ";\n".join(statements) + ";\nCOMMIT;\n",
                           check=True, capture_output=True, text=True)
        else:
            with sqlite3.connect(self.db) as c:
                for st in statements:
                    c.execute(st)

    def column(self, sql):
        if PG:
            r = subprocess.run(["psql", "-X", "-A", "-t", "-q", self.db, "-c", sql],
                               check=True, capture_output=True, text=True)
            return sorted(r.stdout.splitlines())
        with sqlite3.connect(self.db) as c:
            return sorted(str(v) for (v,) in c.execute(sql))


def test_migration():
    if PG:
        subprocess.run(["psql", "-X", "-q", PG, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                       check=True, capture_output=True)
        db = PG
    else:
        db = os.path.join(WORK, "v1.sqlite")
    raw = Raw(db)
    key = os.urandom(32)
    keyfile = os.path.join(WORK, "v1.key")
    with open(keyfile, "wb") as f:
        f.write(key)
    os.chmod(keyfile, 0o600)
    rows = [(1, "Acme Corp", "Acme Corp", "2025-01-01"), (2, "ACME CORP ", "ACME CORP ", "2025-01-01"),
            (3, "Ａｃｍｅ Ｃｏｒｐ", "Ａｃｍｅ Ｃｏｒｐ", "2025-06-01"),
            (4, "h:" + hmac.new(key, "Secret Corp".encode(), hashlib.sha256).hexdigest(), None, "2025-02-01")]
    statements = list(SCHEMA_V1)
    for id_, k, name, date in rows:
        statements.append(f"INSERT INTO assessment VALUES ({id_}, {sql_literal(k)}, {sql_literal(name)}, NULL, "
                          f"'csmg-v2', 'services', 'medium', NULL, '{date}', '2025-01-01T00:00:00Z')")
        statements += [f"INSERT INTO answer VALUES ({id_}, '{item}', 3, 0, NULL, NULL)" for item in ITEMS]
    raw.run(statements)
    r = csm("db", "list", "--db", db)
    check(r.returncode == 2 and "run 'csm db init' to bring it to 4" in r.stderr, "a schema-1 database asks for init",
          r.stderr)
    r = csm("db", "init", "--db", db)
    check(r.returncode == 0 and "migrated" in r.stderr, "db init migrates schema 1", r.stderr)
    keys = raw.column("SELECT org_key FROM assessment")
    check(keys[:2] == ["acme corp", "acme corp"] and len(keys) == 3 and keys[2].startswith("v1:"),
          "migration: spellings of one name are one key; the same date once; old pseudonyms under v1:", str(keys))
    check(raw.column("SELECT id FROM assessment WHERE assessed_on = '2025-01-01'") == ["2"],
          "migration: of one organization and date the last ingested stays")
    r = csm("db", "ingest", "--db", db, "--pseudonymize", "--key-file", keyfile,
            jsonl("secret.jsonl", [answers("Secret Corp", "2025-09-01")]))
    check(r.returncode == 0, "ingest after migration", r.stderr)
    keys = raw.column("SELECT org_key FROM assessment WHERE org_name IS NULL")
    want = "h:" + hmac.new(key, b"secret corp", hashlib.sha256).hexdigest()
    check(keys == [want, want], "an old pseudonym is re-keyed to the normalized one when next ingested", str(keys))
    r = csm("db", "remove", "--db", db, "--key-file", keyfile, " SECRET  corp")
    check(r.returncode == 0 and "2 assessments removed" in r.stderr, "and found under another spelling", r.stderr)


# ---- migration from schema 2: the levels column -------------------------------------
SCHEMA_V2_EXTRA = [
    "CREATE TABLE csm_release (id BIGINT PRIMARY KEY, questionnaire TEXT NOT NULL, year TEXT,"
    " min_group INTEGER NOT NULL, released_at TEXT NOT NULL)",
    "CREATE TABLE csm_release_group (release_id BIGINT NOT NULL REFERENCES csm_release(id) ON DELETE CASCADE,"
    " group_key TEXT NOT NULL, n BIGINT NOT NULL, members TEXT NOT NULL, PRIMARY KEY (release_id, group_key))",
]


def export_means(db):
    out = os.path.join(WORK, "export.json")
    r = csm("db", "export", "--db", db, "-o", out, "--name", "t", "--min-group", "1")
    check(r.returncode == 0, "db export", r.stderr)
    if r.returncode != 0:
        return {}
    with open(out, encoding="utf-8") as f:
        return {g["key"]: (g["n"], g["mean"]) for g in json.load(f)["groups"]}


def test_migration_v2():
    if PG:
        subprocess.run(["psql", "-X", "-q", PG, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                       check=True, capture_output=True)
        db = PG
    else:
        db = os.path.join(WORK, "v2.sqlite")
    raw = Raw(db)
    statements = [st.replace("VALUES (1)", "VALUES (2)") for st in SCHEMA_V1] + SCHEMA_V2_EXTRA
    # org 1: every item 4 but the first n/a and the second not answered; org 2: every item 2
    for id_, org, lv in ((1, "one", 4), (2, "two", 2)):
        statements.append(f"INSERT INTO assessment VALUES ({id_}, '{org}', '{org}', NULL, 'csmg-v2', 'services',"
                          f" 'medium', NULL, '2025-03-01', '2025-03-02T00:00:00Z')")
        for k, item in enumerate(ITEMS):
            level, na = ("NULL", 1) if id_ == 1 and k == 0 else ("NULL", 0) if id_ == 1 and k == 1 else (lv, 0)
            statements.append(f"INSERT INTO answer VALUES ({id_}, '{item}', {level}, {na}, NULL, NULL)")
    raw.run(statements)
    r = csm("db", "export", "--db", db, "-o", os.path.join(WORK, "x.json"), "--name", "t")
    check(r.returncode == 2 and "run 'csm db init' to bring it to 4" in r.stderr,
          "a schema-2 database asks for init", r.stderr)
    r = csm("db", "init", "--db", db)
    check(r.returncode == 0 and "migrated" in r.stderr, "db init migrates schema 2", r.stderr)
    levels = raw.column("SELECT levels FROM assessment")
    parsed = [dict(p.split("=") for p in v.split(",")) for v in levels]
    want_one = {i: "4" for i in ITEMS}
    want_one[ITEMS[0]], want_one[ITEMS[1]] = "n", ""
    check(sorted(map(len, parsed)) == [len(ITEMS)] * 2 and want_one in parsed and {i: "2" for i in ITEMS} in parsed,
          "migration fills the levels column from the answer table (n/a as n, null empty)", str(levels)[:300])
    means = export_means(db)
    check(means.get("all", (0,))[0] == 2 and all(m == 3 for m in means["all"][1] if m is not None),
          "export after migration: org one's n/a and unanswered items left out of its means", str(means.get("all")))
    # ingest after migration: replacing org two's assessment leaves nothing of the old one
    r = csm("db", "ingest", "--db", db, jsonl("two.jsonl", [answers("two", "2025-03-01", level=5)]))
    check(r.returncode == 0, "ingest after migration 2", r.stderr)
    rows = raw.column("SELECT answers FROM assessment")
    check(len(rows) == 2 and {i: 5 for i in ITEMS} in [json.loads(v) for v in rows],
          "a replaced assessment is replaced whole (its answers in its row)", str(rows)[:300])
    means = export_means(db)
    check(means.get("all", (0,))[0] == 2 and all(m == 4.5 for m in means["all"][1] if m is not None),
          "export reads the levels ingest wrote", str(means.get("all")))


# ---- migration from schema 3: each assessment in one row -------------------------
SCHEMA_V3_EXTRA = ["ALTER TABLE assessment ADD COLUMN levels TEXT"]


def test_migration_v3():
    if PG:
        subprocess.run(["psql", "-X", "-q", PG, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                       check=True, capture_output=True)
        db = PG
    else:
        db = os.path.join(WORK, "v3.sqlite")
    raw = Raw(db)
    statements = [st.replace("VALUES (1)", "VALUES (3)") for st in SCHEMA_V1] + SCHEMA_V2_EXTRA + SCHEMA_V3_EXTRA
    # org 1: every item 4 but the first n/a with evidence and the second not answered with a note;
    # org 2: every item 2, two assessors; org 3: no answer rows at all
    want = {1: {i: 4 for i in ITEMS}, 2: {i: 2 for i in ITEMS}}
    want[1][ITEMS[0]] = {"level": "n/a", "evidence": "規程 \"第4版\""}
    want[1][ITEMS[1]] = {"level": None, "note": "to ask\nlater"}
    for id_, org in ((1, "one"), (2, "two"), (3, "three")):
        levels = ",".join(f"{i}={v if isinstance(v, int) else 'n' if v['level'] else ''}"
                          for i, v in want[id_].items()) if id_ in want else None
        statements.append(f"INSERT INTO assessment VALUES ({id_}, '{org}', '{org}', NULL, 'csmg-v2', 'services',"
                          f" 'medium', NULL, '2025-03-01', '2025-03-02T00:00:00Z', {sql_literal(levels)})")
        for item, v in want.get(id_, {}).items():
            if isinstance(v, int):
                statements.append(f"INSERT INTO answer VALUES ({id_}, '{item}', {v}, 0, NULL, NULL)")
            else:
                statements.append(f"INSERT INTO answer VALUES ({id_}, '{item}', NULL, {int(v['level'] == 'n/a')},"
                                  f" {sql_literal(v.get('evidence'))}, {sql_literal(v.get('note'))})")
    statements += ["INSERT INTO assessor VALUES (2, 1, 'Second', NULL)",
                   "INSERT INTO assessor VALUES (2, 0, 'First', 'CISO')"]
    raw.run(statements)
    r = csm("db", "ingest", "--db", db, jsonl("v3.jsonl", [answers("four")]))
    check(r.returncode == 2 and "run 'csm db init' to bring it to 4" in r.stderr,
          "a schema-3 database asks for init", r.stderr)
    r = csm("db", "init", "--db", db)
    check(r.returncode == 0 and "migrated" in r.stderr, "db init migrates schema 3", r.stderr)
    r = csm("db", "init", "--db", db)
    check(r.returncode == 0 and "migrated" not in r.stderr, "db init again leaves schema 4 as it is", r.stderr)
    got = {}
    if PG:
        r = subprocess.run(["psql", "-X", "-A", "-t", "-q", "-F", "\t", db, "-c",
                            "SELECT id, coalesce(answers, ''), coalesce(assessors, '') FROM assessment"],
                           check=True, capture_output=True, text=True)
        rows = [line.split("\t") for line in r.stdout.splitlines()]
    else:
        with sqlite3.connect(db) as c:
            rows = [[str(a), b or "", s or ""] for a, b, s in
                    c.execute("SELECT id, answers, assessors FROM assessment")]
    for id_, ans, who in rows:
        got[int(id_)] = (json.loads(ans) if ans else None, json.loads(who) if who else None)
    check(got.get(1, (None,))[0] == want[1] and got.get(2, (None,))[0] == want[2] and got.get(3) == (None, None),
          "migration 3 -> 4: the answer rows in each assessment's answers column (n/a, null, evidence, note)",
          str(got)[:600])
    check(got.get(2, (0, None))[1] == [{"name": "First", "role": "CISO"}, {"name": "Second"}] and
          got.get(1, (0, 0))[1] is None,
          "migration 3 -> 4: the assessor rows in order in the assessors column", str(got.get(2)))
    tables = raw.column("SELECT count(*) FROM csm_schema WHERE version = 4")
    check(tables == ["1"], "the schema is 4", str(tables))
    try:
        raw.column("SELECT count(*) FROM answer")
        gone = False
    except (sqlite3.Error, subprocess.CalledProcessError):
        gone = True
    check(gone, "migration 3 -> 4 drops the answer table")
    means = export_means(db)
    check(means.get("all", (0,))[0] == 2 and all(m == 3 for m in means["all"][1] if m is not None),
          "export after migration 3 -> 4 (org three, without answers, not counted)", str(means.get("all")))
    r = csm("db", "ingest", "--db", db, jsonl("v4.jsonl", [answers("two", "2025-03-01", level=5), answers("four")]))
    check(r.returncode == 0 and count(db) == 4, "ingest after migration 3", r.stderr)
    # schema 4 as ingest writes it: the answers as given (evidence, note, n/a, null), assessors without
    # their names when pseudonymized
    doc = answers("five", "2025-05-05", level=4)
    doc["answers"][ITEMS[0]] = {"level": 2, "evidence": 'policy "v2"\\draft', "note": "改訂中"}
    doc["answers"][ITEMS[1]] = "n/a"
    doc["answers"][ITEMS[2]] = None
    doc["assessors"] = [{"name": "Rater One", "role": "CISO"}, {"name": "Rater Two"}]
    keyfile = os.path.join(WORK, "v4.key")
    with open(keyfile, "wb") as f:
        f.write(os.urandom(32))
    os.chmod(keyfile, 0o600)
    r = csm("db", "ingest", "--db", db, "--pseudonymize", "--key-file", keyfile, "--allow-partial",
            jsonl("five.jsonl", [doc]))
    check(r.returncode == 0, "ingest of evidence, notes, n/a and null into schema 4", r.stderr)
    want_answers = {i: (4 if isinstance(v, dict) and v == {"level": 4} else v) for i, v in doc["answers"].items()}
    got = raw.column("SELECT answers || '|' || assessors FROM assessment WHERE org_name IS NULL")
    ans, _, who = got[0].partition("|") if len(got) == 1 else ("{}", "", "[]")
    check(json.loads(ans) == want_answers and json.loads(who) == [{"role": "CISO"}, {}],
          "schema 4 stores the answers as given and the assessors' roles only (pseudonymized)", str(got)[:600])


# ---- the four spellings: one member -------------------------------------------------
def test_spellings():
    db = fresh_db("spell")
    docs = [answers(n) for n in ("Attacker Co.", "Attacker Co. ", "ATTACKER CO.", "Ａｔｔａｃｋｅｒ　Ｃｏ．")]
    csm("db", "ingest", "--db", db, jsonl("spell.jsonl", docs))
    check(count(db) == 1, "four spellings of one organization are stored as one", csm("db", "list", "--db", db).stdout)
    r = csm("db", "remove", "--db", db, "attacker   co.")
    check(r.returncode == 0 and "1 assessments removed" in r.stderr, "remove finds it under another spelling",
          r.stderr)


# ---- a busy SQLite database ------------------------------------------------------------
def hold_lock(db, seconds, ready):
    c = sqlite3.connect(db, isolation_level=None)
    c.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(seconds)
    c.execute("COMMIT")
    c.close()


def test_busy():
    if PG:
        return
    db = fresh_db("busy")
    # another writer for 12 s: longer than the 10 s csm used to wait
    ready = threading.Event()
    t = threading.Thread(target=hold_lock, args=(db, 12, ready))
    t.start()
    ready.wait()
    t0 = time.time()
    r = csm("db", "ingest", "--db", db, jsonl("busy1.jsonl", [answers("Patient Org")]))
    t.join()
    check(r.returncode == 0 and count(db) == 1, "db ingest waits for another writer (12 s) and stores",
          f"{r.stderr} after {time.time() - t0:.1f} s")
    ready = threading.Event()
    t = threading.Thread(target=hold_lock, args=(db, 4, ready))
    t.start()
    ready.wait()
    r = csm("db", "ingest", "--db", db, "--busy-timeout", "1", jsonl("busy2.jsonl", [answers("Impatient Org")]))
    t.join()
    check(r.returncode == 3 and "retry" in r.stderr and "0 assessments were stored before this" in r.stderr
          and count(db) == 1,
          "db ingest --busy-timeout 1 gives up, says to retry, stores nothing", r.stderr)
    # two ingests at once: both stored
    before = count(db)
    a = jsonl("conc-a.jsonl", [answers(f"A {i}") for i in range(1500)])
    b = jsonl("conc-b.jsonl", [answers(f"B {i}") for i in range(1500)])
    pa = subprocess.Popen([CSM, "db", "ingest", "--db", db, a, "--data-dir", SRC], stderr=subprocess.PIPE, text=True)
    pb = subprocess.Popen([CSM, "db", "ingest", "--db", db, b, "--data-dir", SRC], stderr=subprocess.PIPE, text=True)
    ea, eb = pa.communicate()[1], pb.communicate()[1]
    check(pa.returncode == 0 and pb.returncode == 0 and count(db) == before + 3000, "two concurrent ingests both store",
          ea + eb)


# ---- passwords in messages ----------------------------------------------------------------
def test_masking():
    r = csm("db", "list", "--db", "postgresql://alice:s3cr3t@/nodb?host=/nonexistent/sock&password=p4ss&port=1")
    check(r.returncode == 3 and "s3cr3t" not in r.stderr and "p4ss" not in r.stderr and
          "postgresql://alice:***@/nodb?host=/nonexistent/sock&password=***&port=1" in r.stderr,
          "a failed connection's message masks the passwords", r.stderr)
    if PG:
        url = re.sub(r"^postgresql:///", "postgresql://postgres:s3cr3t@/", PG) + "&password=p4ss"
        r = csm("db", "init", "--db", url)
        check(r.returncode == 0 and "s3cr3t" not in r.stderr and "p4ss" not in r.stderr and "***" in r.stderr,
              "db init's message masks the passwords", r.stderr)


def main():
    for t in (test_integer_options, test_keys, test_long_lines, test_exit_codes, test_newer_schema, test_migration, test_migration_v2,
              test_migration_v3,
              test_spellings, test_busy, test_masking):
        t()
    subprocess.run(["rm", "-rf", WORK])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
