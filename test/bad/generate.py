#!/usr/bin/env python3
"""Writes the bad-input cases of test/bad/ and their table cases.tsv.

Each case is a file that csm must refuse with the exit code and a message
naming the problem (checked by test_cli). Run from anywhere; it rewrites the
files next to this script. Kept so the cases can be reviewed and regrown.
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
ITEMS = [l.split('\t')[0] for l in open(os.path.join(HERE, '..', 'data', 'items-v2.tsv'), encoding='utf-8').read().splitlines()[1:]]

def base(**over):
    doc = {"format": "csm-answers/1", "questionnaire": "csmg-v2",
           "organization": {"name": "Bad Input Co.", "industry": "finance", "scope": "entity"},
           "assessed_on": "2026-11-01", "answers": {i: 3 for i in ITEMS}}
    doc.update(over)
    return doc

def answers(**changes):
    doc = base()
    for k, v in changes.items():
        doc["answers"][k.replace('_', '-')] = v
    return doc

cases = []  # (file, exit, message)

def add(name, content, code, message):
    path = os.path.join(HERE, name)
    mode = 'wb'
    data = content if isinstance(content, bytes) else (
        json.dumps(content, ensure_ascii=False, indent=1) if not isinstance(content, str) else content).encode('utf-8')
    with open(path, mode) as f:
        f.write(data)
    cases.append((name, code, message))

good = json.dumps(base(), indent=1)
add("truncated.json", good[:len(good) // 2], 2, "invalid JSON (unexpected end of file)")
add("invalid-utf8.json", good.encode().replace(b"Bad Input", b"Bad \xff Input"), 2, "line 5, column 16: invalid UTF-8")
add("empty.json", "", 2, "empty file")
add("whitespace-only.json", "  \n\t\r\n", 2, "empty file")
add("format-missing.json", {k: v for k, v in base().items() if k != "format"}, 2, "format: missing")
add("format-v2.json", base(format="csm-answers/2"), 2, "format: version \"2\" is not supported")
add("format-other.json", base(format="csm-benchmark/1"), 2, "is not a csm-answers file")
add("questionnaire-unknown.json", base(questionnaire="csmg-v9"), 2, "questionnaire \"csmg-v9\" does not exist")
add("questionnaire-missing.json", {k: v for k, v in base().items() if k != "questionnaire"}, 2, "questionnaire: missing")
add("level-out-of-range.json", answers(**{"1_1": 7}), 2, "item 1-1: level 7 is out of range")
add("level-zero.json", answers(**{"2_3": 0}), 2, "item 2-3: level 0 is out of range")
add("level-negative.json", answers(**{"5_10": -1}), 2, "item 5-10: level -1 is out of range")
add("level-float.json", answers(**{"4_2": 3.5}), 2, "item 4-2: level 3.5 is not a whole number")
add("level-string.json", answers(**{"6_1": "three"}), 2, "item 6-1: level \"three\" is not a level")
add("level-bool.json", answers(**{"7_1": True}), 2, "item 7-1: expected a level 1..5")
add("level-huge.json", good.replace('"1-1": 3', '"1-1": 1e999'), 2, "item 1-1: level inf is not a whole number")
add("level-nan.json", good.replace('"1-1": 3', '"1-1": NaN'), 2, "invalid JSON")
add("level-object-no-level.json", answers(**{"8_1": {"evidence": "BCP v3"}}), 2, "item 8-1: level: missing")
add("unknown-item.json", answers(**{"11_1": 3}), 2, "item 11-1: no such item in questionnaire csmg-v2")
missing = base(); del missing["answers"]["5-3"]
add("missing-item.json", missing, 2, "item 5-3: missing")
add("null-level.json", answers(**{"9_2": None}), 2, "item 9-2: not answered yet")
add("duplicate-key.json", good.replace('"1-1": 3', '"1-1": 3, "1-1": 4'), 2, "answers.1-1: duplicate key")
add("answers-array.json", base(answers=[3, 3, 3]), 2, "answers: expected an object")
add("organization-missing.json", {k: v for k, v in base().items() if k != "organization"}, 2, "organization: missing")
add("organization-name-empty.json", base(organization={"name": "", "industry": "finance"}), 2, "organization.name: missing or empty")
add("date-invalid.json", base(assessed_on="2026-02-30"), 2, "assessed_on: \"2026-02-30\" is not a date")
add("scope-invalid.json", base(organization={"name": "X", "scope": "division"}), 2, "organization.scope: \"division\" is not a scope")
add("evidence-too-long.json", answers(**{"1_2": {"level": 3, "evidence": "x" * 9000}}), 2, "item 1-2: evidence: text is too long")
add("trailing-garbage.json", good + "\n}", 2, "unexpected content after the JSON value")
add("top-level-array.json", "[1, 2, 3]", 2, "(top): expected a JSON object")
deep = base(); deep["extra"] = json.loads("[" * 60 + "]" * 60)
add("deep-nesting.json", deep, 2, "nesting is deeper than")
all_na = base(answers={i: "n/a" for i in ITEMS})
add("all-na.json", all_na, 2, "no directive has a score")
add("nul-byte.json", good.encode() [:40] + b"\0" + good.encode()[40:], 2, "NUL byte")
add("two-problems.json", answers(**{"1_1": 9, "10_2": "x"}), 2, "item 10-2: level \"x\" is not a level")

rows = "item,level,evidence,note\r\n" + "".join(f"{i},3,,\r\n" for i in ITEMS)
add("csv-level-6.csv", rows.replace("3-3,3,", "3-3,6,"), 2, "item 3-3: level \"6\" is not a level")
add("csv-no-header.csv", "".join(f"{i},3\n" for i in ITEMS), 2, "unknown column \"1-1\"")
add("csv-unclosed-quote.csv", rows.replace("2-2,3,,", "2-2,3,\"open,"), 2, "malformed CSV")
add("csv-duplicate-item.csv", rows + "4-1,2,,\r\n", 2, "item 4-1: appears twice")
add("csv-missing-level-column.csv", "item,evidence\n1-1,x\n", 2, "the header must name the columns item and level")
add("csv-extra-cells.csv", rows.replace("6-2,3,,", "6-2,3,,,surplus"), 2, "more cells than the header has columns")
add("csv-unknown-item.csv", rows + "12-9,3,,\r\n", 2, "item 12-9: no such item")
add("csv-blank-level.csv", rows.replace("7-3,3,", "7-3,,"), 2, "item 7-3: not answered yet")

# encodings, numbers and sizes
cut = good.encode().replace(b"Bad Input Co.", "Bad 株式会社".encode())
add("truncated-utf8.json", cut[:cut.index("株".encode()) + 2] + b'", "x": "' + cut[cut.index("株".encode()) + 2:], 2, "invalid UTF-8")
add("utf16.json", b"\xff\xfe" + good.encode("utf-16-le"), 2, "the file is UTF-16; save it as UTF-8")
add("bom-twice.json", b"\xef\xbb\xbf\xef\xbb\xbf" + good.encode(), 2, "the byte-order mark (U+FEFF) appears twice")
add("lone-surrogate.json", good.replace("Bad Input Co.", "Bad \\ud800 Co."), 2, "line 5, column 16: invalid JSON")
add("level-infinity.json", good.replace('"1-1": 3', '"1-1": Infinity'), 2, "invalid JSON")
add("level-1e308.json", good.replace('"1-1": 3', '"1-1": 1e308'), 2, "item 1-1: level 1e+308 is out of range")
add("level-string-number.json", answers(**{"3_1": "6"}), 2, "item 3-1: level \"6\" is not a level")
add("level-exponent-float.json", good.replace('"1-1": 3', '"1-1": 25e-1'), 2, "item 1-1: level 2.5 is not a whole number")
add("format-number.json", base(format=1), 2, "format: expected a string")
add("questionnaire-number.json", base(questionnaire=2), 2, "questionnaire: expected a string")
add("evidence-number.json", answers(**{"2_1": {"level": 3, "evidence": 5}}), 2, "item 2-1: evidence: expected a string")
add("name-too-long.json", base(organization={"name": "N" * 600, "industry": "finance", "scope": "entity"}), 2, "organization.name: text is too long")
add("date-slashes.json", base(assessed_on="2026/11/01"), 2, "assessed_on: \"2026/11/01\" is not a date")
add("answers-empty.json", base(answers={}), 2, "item 1-1: missing")
add("too-many-items.json", base(answers={f"x-{i}": 3 for i in range(500)}), 2, "more than 400 items")
deep_obj = base(); deep_obj["extra"] = json.loads('{"a":' * 40 + '1' + '}' * 40)
add("deep-nesting-object.json", deep_obj, 2, "nesting is deeper than")
add("csv-empty.csv", "", 2, "empty file")
add("csv-bom-only.csv", b"\xef\xbb\xbf", 2, "empty file")
add("csv-header-only.csv", "item,level,evidence,note\r\n", 2, "item 1-1: missing")
add("csv-level-float.csv", rows.replace("5-5,3,", "5-5,3.5,"), 2, "item 5-5: level \"3.5\" is not a level")
add("csv-invalid-utf8.csv", rows.encode().replace(b"8-2,3,,", b"8-2,3,\xc3\x28,"), 2, "invalid UTF-8")
add("csv-nul-byte.csv", rows.encode().replace(b"9-1,3,,", b"9-1,3,\0,"), 2, "NUL byte")

with open(os.path.join(HERE, "cases.tsv"), "w", encoding="utf-8") as f:
    f.write("file\texit\tmessage\n")
    for name, code, msg in cases:
        f.write(f"{name}\t{code}\t{msg}\n")
print(len(cases), "cases")
