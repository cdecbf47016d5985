/* The benchmark database, the same tests for both backends: run with no
 * argument on a temporary SQLite file, or with a postgresql:// URL. */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "common.h"

static const char *target;
static char sqlite_path[64];
static const csm_grading trial = {3.75, 2.67};

static csm_answers *parse_text(const char *text, const char *name)
{
	csm_answers *a = NULL;
	if (csm_answers_parse(&a, text, strlen(text), name) != 0)
		fprintf(stderr, "%s\n", csm_error_last());
	return a;
}

/* An assessment: every item at `level`, organization `org`, date `date`. */
static csm_answers *make(const csm_questionnaire *q, const char *org, const char *date, int level,
                         const char *industry, const char *evidence)
{
	size_t len = 0, i, cap;
	cJSON *name = cJSON_CreateString(org), *ev = cJSON_CreateString(evidence ? evidence : "");
	char *name_json = cJSON_PrintUnformatted(name), *ev_json = cJSON_PrintUnformatted(ev), *buf;
	csm_answers *a;
	cap = 1024 + strlen(name_json) + csm_questionnaire_item_count(q) * (strlen(ev_json) + 64);
	buf = malloc(cap);
	len += (size_t)snprintf(buf, cap,
	                        "{\"format\":\"csm-answers/1\",\"questionnaire\":\"%s\",\"organization\":{\"name\":%s,"
	                        "\"industry\":\"%s\",\"size\":\"medium\"},\"assessed_on\":\"%s\","
	                        "\"assessors\":[{\"name\":\"Rater\",\"role\":\"CISO\"}],\"answers\":{",
	                        csm_questionnaire_id(q), name_json, industry, date);
	for (i = 0; i < csm_questionnaire_item_count(q); i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s\"%s\":{\"level\":%d,\"evidence\":%s}", i ? "," : "",
		                        csm_item_id(q, i), level, ev_json);
	snprintf(buf + len, cap - len, "}}");
	a = parse_text(buf, "made.json");
	free(buf);
	free(name_json);
	free(ev_json);
	cJSON_Delete(name);
	cJSON_Delete(ev);
	return a;
}

static csm_db *fresh(void)
{
	csm_db *db = NULL;
	int created = 0;
	if (!target) {
		unlink(sqlite_path);
		CHECK_INT(csm_db_open(&db, sqlite_path), 0);
	} else {
		/* empty the server's database: drop the tables */
		CHECK_INT(csm_db_open(&db, target), 0);
		if (db) {
			csm_db_close(db);
			db = NULL;
		}
		{
			char cmd[1024];
			snprintf(cmd, sizeof cmd,
			         "psql -X -q \"%s\" -c 'DROP TABLE IF EXISTS answer, assessor, assessment, csm_schema,"
			         " csm_release_group, csm_release CASCADE' "
			         ">/dev/null 2>&1",
			         target);
			CHECK_INT(system(cmd), 0);
		}
		CHECK_INT(csm_db_open(&db, target), 0);
	}
	CHECK_INT(csm_db_init(&created, db), 0);
	CHECK_INT(created, 1);
	return db;
}

/* "n" of group `key` in an export of `db`, or -1 if not published. */
static long long exported_n(csm_db *db, const csm_questionnaire *q, const char *key, const char *year, unsigned k)
{
	csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, trial, k, year, "t", NULL, NULL};
	char *json = NULL;
	cJSON *root, *g;
	long long n = -1;
	if (csm_db_export(&json, db, q, &o)) {
		fprintf(stderr, "export: %s\n", csm_error_last());
		return -2;
	}
	root = cJSON_Parse(json);
	cJSON_ArrayForEach(g, cJSON_GetObjectItem(root, "groups"))
		if (strcmp(cJSON_GetObjectItem(g, "key")->valuestring, key) == 0)
			n = (long long)cJSON_GetObjectItem(g, "n")->valuedouble;
	cJSON_Delete(root);
	csm_free(json);
	return n;
}

static void test_schema(void)
{
	csm_db *db = fresh();
	int created = 1;
	CHECK_INT(csm_db_init(&created, db), 0);
	CHECK_INT(created, 0); /* already current */
	csm_db_close(db);
	if (!target) {
		struct stat st;
		CHECK_INT(stat(sqlite_path, &st), 0);
		CHECK_INT(st.st_mode & 0777, 0600);
	}
}

static void test_store_replace_remove(void)
{
	csm_questionnaire *q = load_v2();
	csm_db *db = fresh();
	csm_answers *a;
	char *list = NULL;
	long long removed = 0;
	int i;
	if (!q || !db)
		goto done;
	for (i = 0; i < 6; i++) {
		char org[32];
		snprintf(org, sizeof org, "Org %d", i);
		a = make(q, org, "2025-04-01", 1 + i % 5, "finance", "policy v2");
		CHECK_INT(csm_db_store(db, a, q, NULL), 0);
		csm_answers_free(a);
	}
	CHECK_INT(csm_db_commit(db), 0);
	CHECK_INT(exported_n(db, q, "all", NULL, 1), 6);
	/* the same organization and date again: replaced, not added */
	a = make(q, "Org 0", "2025-04-01", 5, "finance", "updated");
	CHECK_INT(csm_db_store(db, a, q, NULL), 0);
	CHECK_INT(csm_db_commit(db), 0);
	csm_answers_free(a);
	CHECK_INT(exported_n(db, q, "all", NULL, 1), 6);
	CHECK_INT(exported_n(db, q, "grade:A", NULL, 1), 3); /* Org 0 now at 5, Org 3 at 4, Org 4 at 5 */
	/* a later date of the same organization: the latest counts, once */
	a = make(q, "Org 1", "2026-01-10", 3, "finance", NULL);
	CHECK_INT(csm_db_store(db, a, q, NULL), 0);
	CHECK_INT(csm_db_commit(db), 0);
	csm_answers_free(a);
	CHECK_INT(exported_n(db, q, "all", NULL, 1), 6);
	CHECK_INT(exported_n(db, q, "year:2026", NULL, 1), 1);
	CHECK_INT(exported_n(db, q, "all", "2025", 1), 6); /* within 2025, Org 1's 2025 assessment */
	CHECK_INT(exported_n(db, q, "all", "2026", 1), 1);
	/* k-anonymity: with k = 5 a single-organization year is not published */
	CHECK_INT(exported_n(db, q, "year:2026", NULL, 5), -1);
	/* list and remove */
	CHECK_INT(csm_db_list(&list, db), 0);
	CHECK_HAS(list, "Org 5");
	CHECK_HAS(list, "2026-01-10");
	csm_free(list);
	CHECK_INT(csm_db_remove(db, "Org 1", "2026-01-10", NULL, &removed), 0);
	CHECK_INT(removed, 1);
	CHECK_INT(csm_db_remove(db, "Org 2", NULL, NULL, &removed), 0);
	CHECK_INT(removed, 1);
	CHECK_INT(csm_db_remove(db, "Nobody", NULL, NULL, &removed), 0);
	CHECK_INT(removed, 0);
	CHECK_INT(exported_n(db, q, "all", NULL, 1), 5);
done:
	csm_db_close(db);
	csm_questionnaire_free(q);
}

static void test_transactions(void)
{
	csm_questionnaire *q = load_v2();
	csm_db *db = fresh();
	csm_answers *a, *bad;
	if (!q || !db)
		goto done;
	a = make(q, "Kept", "2025-01-01", 3, "finance", NULL);
	CHECK_INT(csm_db_store(db, a, q, NULL), 0);
	CHECK_INT(csm_db_commit(db), 0);
	csm_answers_free(a);
	/* rolled back: not there */
	a = make(q, "Gone", "2025-01-01", 3, "finance", NULL);
	CHECK_INT(csm_db_store(db, a, q, NULL), 0);
	CHECK_INT(csm_db_rollback(db), 0);
	csm_answers_free(a);
	/* invalid: refused before anything is written */
	bad = parse_text("{\"format\":\"csm-answers/1\",\"questionnaire\":\"csmg-v2\",\"organization\":{\"name\":\"Bad\"},"
	                 "\"assessed_on\":\"2025-01-01\",\"answers\":{\"1-1\":3}}",
	                 "bad.json");
	CHECK_INT(csm_db_store(db, bad, q, NULL), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "bad.json: item 1-2: missing");
	CHECK_INT(csm_db_commit(db), 0);
	csm_answers_free(bad);
	bad = parse_text("{\"format\":\"csm-answers/1\",\"questionnaire\":\"csmg-v2\",\"organization\":{\"name\":\"NoDate\"},"
	                 "\"answers\":{}}",
	                 "nodate.json");
	CHECK_INT(csm_db_store(db, bad, q, &(csm_db_options){CSM_DB_OPTIONS_VERSION, NULL, 0, NULL, 1}), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "assessed_on: required");
	csm_answers_free(bad);
	CHECK_INT(exported_n(db, q, "all", NULL, 1), 1);
done:
	csm_db_close(db);
	csm_questionnaire_free(q);
}

static void test_hostile_text(void)
{
	static const char *const names[] = {"Robert'); DROP TABLE assessment;--", "quote \" and \\\\ backslash",
	                                    "<script>alert(1)</script> =cmd|' /C calc'!A0", "日本語の組織名 株式会社"};
	csm_questionnaire *q = load_v2();
	csm_db *db = fresh();
	char *list = NULL, evidence[9000];
	size_t i;
	if (!q || !db)
		goto done;
	memset(evidence, 'e', sizeof evidence - 1);
	evidence[sizeof evidence - 1] = '\0';
	memcpy(evidence, "'; DELETE FROM answer; --", 25);
	evidence[8000] = '\0'; /* within the 8 KiB cap */
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		csm_answers *a = make(q, names[i], "2025-02-02", 2, "finance", evidence);
		CHECK(a != NULL);
		if (a)
			CHECK_INT(csm_db_store(db, a, q, NULL), 0);
		csm_answers_free(a);
	}
	CHECK_INT(csm_db_commit(db), 0);
	CHECK_INT(csm_db_list(&list, db), 0);
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		CHECK_HAS(list, names[i]);
	csm_free(list);
	CHECK_INT(exported_n(db, q, "all", NULL, 1), 4); /* every table still there, every row */
	/* control characters never get into a name (refused when the answers are read) */
	CHECK(make(q, "tab\tnew\nline \x01 ctrl", "2025-02-02", 2, "finance", evidence) == NULL);
done:
	csm_db_close(db);
	csm_questionnaire_free(q);
}

static void test_pseudonyms(void)
{
	static const unsigned char key[32] = "0123456789abcdef0123456789abcdef";
	csm_db_options o = {CSM_DB_OPTIONS_VERSION, key, sizeof key, "ISAC intake", 0};
	csm_questionnaire *q = load_v2();
	csm_db *db = fresh();
	char *list = NULL;
	long long removed = 0;
	csm_answers *a;
	if (!q || !db)
		goto done;
	a = make(q, "Secret Corp", "2025-03-03", 4, "finance", NULL);
	CHECK_INT(csm_db_store(db, a, q, &o), 0);
	CHECK_INT(csm_db_commit(db), 0);
	csm_answers_free(a);
	CHECK_INT(csm_db_list(&list, db), 0);
	CHECK(list && !strstr(list, "Secret Corp")); /* only the hash is stored */
	CHECK_HAS(list, "h:");
	csm_free(list);
	/* without the key the organization cannot be found; with it, it can */
	CHECK_INT(csm_db_remove(db, "Secret Corp", NULL, NULL, &removed), 0);
	CHECK_INT(removed, 0);
	CHECK_INT(csm_db_remove(db, "Secret Corp", NULL, &o, &removed), 0);
	CHECK_INT(removed, 1);
done:
	csm_db_close(db);
	csm_questionnaire_free(q);
}

/* Releases: two exports of one database never differ by 1..k-1 organizations. */
static void test_release_log(void)
{
	csm_questionnaire *q = load_v2();
	csm_db *db = fresh();
	csm_answers *a;
	int i;
	if (!q || !db)
		goto done;
	for (i = 0; i < 5; i++) {
		char org[32];
		snprintf(org, sizeof org, "Member %d", i);
		a = make(q, org, "2025-04-01", 1 + i % 5, "finance", NULL);
		CHECK_INT(csm_db_store(db, a, q, NULL), 0);
		csm_answers_free(a);
	}
	CHECK_INT(csm_db_commit(db), 0);
	CHECK_INT(exported_n(db, q, "all", NULL, 5), 5);
	CHECK_INT(exported_n(db, q, "all", NULL, 5), 5); /* unchanged: the same again */
	a = make(q, "Victim", "2025-05-01", 4, "finance", NULL);
	CHECK_INT(csm_db_store(db, a, q, NULL), 0);
	CHECK_INT(csm_db_commit(db), 0);
	csm_answers_free(a);
	CHECK_INT(exported_n(db, q, "all", NULL, 5), -1);     /* would give Victim away */
	CHECK_INT(exported_n(db, q, "all", "2025", 5), -1);   /* so would the year */
	a = make(q, "Member 0", "2025-09-01", 5, "finance", NULL); /* a re-assessment: the same */
	CHECK_INT(csm_db_store(db, a, q, NULL), 0);
	CHECK_INT(csm_db_commit(db), 0);
	csm_answers_free(a);
	CHECK_INT(exported_n(db, q, "all", NULL, 5), -1);
	for (i = 5; i < 8; i++) { /* five changed since the first release: published */
		char org[32];
		snprintf(org, sizeof org, "Member %d", i);
		a = make(q, org, "2025-04-01", 2, "finance", NULL);
		CHECK_INT(csm_db_store(db, a, q, NULL), 0);
		csm_answers_free(a);
	}
	CHECK_INT(csm_db_commit(db), 0);
	CHECK_INT(exported_n(db, q, "all", NULL, 5), 9);
done:
	csm_db_close(db);
	csm_questionnaire_free(q);
}

/* One organization however its name is spelled. */
static void test_spellings(void)
{
	static const char *const names[] = {"Attacker Co.", "Attacker Co. ", "ATTACKER CO.",
	                                    "\xef\xbc\xa1\xef\xbd\x94\xef\xbd\x94\xef\xbd\x81\xef\xbd\x83\xef\xbd\x8b"
	                                    "\xef\xbd\x85\xef\xbd\x92\xe3\x80\x80\xef\xbc\xa3\xef\xbd\x8f\xef\xbc\x8e"};
	static const unsigned char key[32] = "0123456789abcdef0123456789abcdef";
	csm_db_options o = {CSM_DB_OPTIONS_VERSION, key, sizeof key, NULL, 0};
	csm_questionnaire *q = load_v2();
	csm_db *db = fresh();
	long long removed = 0;
	size_t i;
	if (!q || !db)
		goto done;
	for (i = 0; i < 4; i++) {
		csm_answers *a = make(q, names[i], "2025-04-01", 3, "finance", NULL);
		CHECK_INT(csm_db_store(db, a, q, NULL), 0);
		CHECK_INT(csm_db_store(db, a, q, &o), 0);
		csm_answers_free(a);
	}
	CHECK_INT(csm_db_commit(db), 0);
	CHECK_INT(exported_n(db, q, "all", NULL, 1), 2); /* named once, pseudonymized once */
	CHECK_INT(csm_db_remove(db, "  attacker\tco.", NULL, NULL, &removed), 0);
	CHECK_INT(removed, 1);
	CHECK_INT(csm_db_remove(db, "ATTACKER  CO.", NULL, &o, &removed), 0);
	CHECK_INT(removed, 1);
	/* a short or constant key is refused */
	{
		static const unsigned char same[32] = "################################";
		csm_db_options shortk = {CSM_DB_OPTIONS_VERSION, key, 16, NULL, 0}, samek = {CSM_DB_OPTIONS_VERSION, same, sizeof same, NULL, 0};
		csm_answers *a = make(q, "X", "2025-04-01", 3, "finance", NULL);
		CHECK_INT(csm_db_store(db, a, q, &shortk), CSM_EINVALID);
		CHECK_INT(csm_db_store(db, a, q, &samek), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "at least 32 random bytes");
		csm_answers_free(a);
		csm_db_rollback(db);
	}
done:
	csm_db_close(db);
	csm_questionnaire_free(q);
}

static void test_mask(void)
{
	static const char *const cases[][2] = {
	    {"postgresql://alice:s3cret@db.example/isac", "postgresql://alice:***@db.example/isac"},
	    {"postgres://alice:p%40ss@h:5432/x?password=two&sslmode=require",
	     "postgres://alice:***@h:5432/x?password=***&sslmode=require"},
	    {"postgresql:///x?host=/tmp/s&password=abc", "postgresql:///x?host=/tmp/s&password=***"},
	    {"postgresql://alice@h/x", "postgresql://alice@h/x"},
	    {"/var/lib/isac/bench.sqlite", "/var/lib/isac/bench.sqlite"},
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *m = NULL;
		CHECK_INT(csm_db_mask(&m, cases[i][0]), 0);
		CHECK_STR(m, cases[i][1]);
		csm_free(m);
	}
}

/* Another writer holds the database: wait, then give up saying to retry. */
static void test_busy(void)
{
	csm_questionnaire *q = load_v2();
	csm_db *db = fresh(), *other = NULL;
	csm_answers *a = NULL;
	if (!q || !db)
		goto done;
	a = make(q, "Holder", "2025-04-01", 3, "finance", NULL);
	CHECK_INT(csm_db_store(db, a, q, NULL), 0); /* begun, not committed: holds the lock */
	CHECK_INT(csm_db_open(&other, target ? target : sqlite_path), 0);
	if (!other)
		goto done;
	CHECK_INT(csm_db_set_busy_timeout(other, 300), 0);
	CHECK_INT(csm_db_begin(other), CSM_EIO);
	CHECK_HAS(csm_error_last(), "locked by another writer");
	CHECK_HAS(csm_error_last(), "retry later");
	CHECK_INT(csm_db_commit(db), 0);
	CHECK_INT(csm_db_store(other, a, q, NULL), 0); /* free now */
	CHECK_INT(csm_db_commit(other), 0);
done:
	csm_answers_free(a);
	csm_db_close(other);
	csm_db_close(db);
	csm_questionnaire_free(q);
}

/* The latest assessment of each organization is the latest of the
 * questionnaire (and year) exported: a later one of another questionnaire
 * or year leaves it counted, a later one of the same replaces it. */
static void test_latest_of_questionnaire(void)
{
	csm_questionnaire *q = load_v2(), *v3 = NULL;
	csm_db *db = fresh();
	static const struct {
		int v3;
		const char *org, *date;
		int level;
	} rows[] = {{0, "Org A", "2025-04-01", 2}, {0, "Org B", "2025-04-01", 4}, {1, "Org A", "2026-02-01", 5},
	            {0, "Org B", "2026-03-01", 1}, {0, "Org C", "2024-05-01", 4}, {1, "Org C", "2025-05-01", 5}};
	size_t i;
	CHECK_INT(csm_questionnaire_open(&v3, CSM_TEST_SRC, "csmg-v3"), 0);
	if (!q || !v3 || !db)
		goto done;
	for (i = 0; i < sizeof rows / sizeof *rows; i++) {
		csm_answers *a = make(rows[i].v3 ? v3 : q, rows[i].org, rows[i].date, rows[i].level, "finance", NULL);
		CHECK_INT(csm_db_store(db, a, rows[i].v3 ? v3 : q, NULL), 0);
		csm_answers_free(a);
	}
	CHECK_INT(csm_db_commit(db), 0);
	CHECK_INT(exported_n(db, q, "all", NULL, 1), 3);     /* A's and C's of csmg-v2, B's latest */
	CHECK_INT(exported_n(db, q, "grade:C", NULL, 1), 2); /* A at 2, B now at 1 */
	CHECK_INT(exported_n(db, q, "grade:A", NULL, 1), 1); /* C at 4 */
	CHECK_INT(exported_n(db, q, "grade:A", "2025", 1), 1); /* within 2025, B at 4 */
	CHECK_INT(exported_n(db, q, "all", "2025", 1), 2);
	CHECK_INT(exported_n(db, q, "all", "2026", 1), 1);
	CHECK_INT(exported_n(db, v3, "all", NULL, 1), 2);
	CHECK_INT(exported_n(db, v3, "grade:A", NULL, 1), 2);
done:
	csm_db_close(db);
	csm_questionnaire_free(v3);
	csm_questionnaire_free(q);
}

/* A questionnaire on its own scale (sme-check) in the database: generated
 * assessments stored beside one of levels, exported as a benchmark in points
 * that is byte for byte the aggregator's of the same assessments; a
 * replaced assessment counts once with its new choices; levels given for it
 * are refused and nothing is stored. */
static void test_points(void)
{
	csm_questionnaire *q = load_sme_check(), *v2 = load_v2();
	csm_aggregate_options o = {CSM_AGGREGATE_OPTIONS_VERSION, {0, 0}, 5, NULL, "points", NULL, NULL};
	csm_aggregator *ag = NULL;
	csm_db *db = fresh();
	csm_answers *a = NULL;
	char *from_db = NULL, *from_ag = NULL;
	unsigned seed = 5;
	int i, t, part[3], first = 0;
	if (!q || !v2 || !db)
		goto done;
	CHECK_INT(csm_aggregator_new(&ag, q, &o), 0);
	for (i = 0; i < 12; i++) {
		a = sme_made(q, i, i < 7 ? "finance" : i < 10 ? "retail" : "", &seed, &t, part);
		CHECK(a != NULL);
		if (!a)
			goto done;
		if (i == 0) { /* stored first with other choices: the later store replaces it */
			csm_answers *older = sme_made(q, i, "finance", &seed, &first, part);
			CHECK_INT(csm_db_store(db, older, q, NULL), 0);
			csm_answers_free(older);
		}
		CHECK_INT(csm_db_store(db, a, q, NULL), 0);
		CHECK_INT(csm_aggregator_add(ag, a, 0), 0);
		csm_answers_free(a);
	}
	a = make(v2, "Levels Co.", "2026-03-01", 3, "finance", NULL); /* a questionnaire of levels beside it */
	CHECK_INT(csm_db_store(db, a, v2, NULL), 0);
	/* another questionnaire's file, and levels for sme-check: refused, and
	 * the transaction's rows stay */
	CHECK_INT(csm_db_store(db, a, q, NULL), CSM_EINVALID);
	CHECK_HAS(csm_error_last(), "the file answers \"csmg-v2\", not \"sme-check\"");
	csm_answers_free(a);
	a = parse_text("{\"format\":\"csm-answers/1\",\"questionnaire\":\"sme-check\",\"organization\":{\"name\":\"L\"},"
	               "\"assessed_on\":\"2026-01-01\",\"answers\":{\"c1\":3}}",
	               "levels.json");
	CHECK(a != NULL);
	if (a) {
		CHECK_INT(csm_db_store(db, a, q, &(csm_db_options){CSM_DB_OPTIONS_VERSION, NULL, 0, NULL, 1}), CSM_EINVALID);
		CHECK_HAS(csm_error_last(), "levels.json: item c1: level 3 is not a choice (expected done, partly, not_done, unknown");
	}
	csm_answers_free(a);
	a = NULL;
	CHECK_INT(csm_db_commit(db), 0);
	CHECK_INT(csm_db_export(&from_db, db, q, &o), 0);
	CHECK_INT(csm_aggregator_export(&from_ag, ag), 0);
	CHECK(from_db && from_ag && strcmp(from_db, from_ag) == 0);
	CHECK_HAS(from_db, "\"points\":{\"max\":100,\"parts_max\":[20,52,28]}");
	CHECK_HAS(from_db, "{\"key\":\"all\",\"n\":12,");
	CHECK_INT(exported_n(db, v2, "all", NULL, 1), 1); /* the level assessment is csmg-v2's alone */
done:
	csm_free(from_db);
	csm_free(from_ag);
	csm_aggregator_free(ag);
	csm_db_close(db);
	csm_questionnaire_free(q);
	csm_questionnaire_free(v2);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		target = argv[1];
	snprintf(sqlite_path, sizeof sqlite_path, "/tmp/csm-test-db-%ld.sqlite", (long)getpid());
	printf("backend: %s\n", target ? "postgresql" : "sqlite");
	RUN_TEST(test_schema);
	RUN_TEST(test_store_replace_remove);
	RUN_TEST(test_latest_of_questionnaire);
	RUN_TEST(test_transactions);
	RUN_TEST(test_hostile_text);
	RUN_TEST(test_pseudonyms);
	RUN_TEST(test_release_log);
	RUN_TEST(test_spellings);
	RUN_TEST(test_mask);
	RUN_TEST(test_busy);
	RUN_TEST(test_points);
	if (!target)
		unlink(sqlite_path);
	return test_finish();
}
