/* The benchmark database of an ISAC (SPEC §7): SQLite by default, PostgreSQL
 * through libpq for a shared server. Both take the same SQL, written with
 * ?N placeholders (turned into $N for PostgreSQL), and only prepared
 * statements touch data. Each assessment is stored in one transaction, so it
 * is there whole or not at all; storing the same organization and date again
 * replaces it. Since schema 4 an assessment is one row. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "crypto_dl.h" /* libcrypto only when a digest is computed */
#include <sqlite3.h>

#include "aggregate.h"
#include "answers.h"
#include "error.h"
#include "json.h"
#include "pg_dl.h" /* libpq only when a postgresql:// URL is opened */
#include "questionnaire.h"
#include "util.h"

#define SCHEMA_VERSION 4
#define MAX_PARAMS 2048
#define BUSY_MS_DEFAULT 60000u

/* One schema for both; types that both understand. Migrations append here. */
static const char *const schema_v1[] = {
    "CREATE TABLE csm_schema (version INTEGER NOT NULL)",
    "CREATE TABLE assessment ("
    " id BIGINT PRIMARY KEY,"
    " org_key TEXT NOT NULL,"       /* the name, or its keyed hash */
    " org_name TEXT,"               /* NULL when pseudonymized */
    " submitter TEXT,"              /* pseudonym of who submitted */
    " questionnaire TEXT NOT NULL,"
    " industry TEXT, size_band TEXT, scope TEXT,"
    " assessed_on TEXT NOT NULL,"
    " ingested_at TEXT NOT NULL,"
    " UNIQUE (org_key, assessed_on))",
    "CREATE TABLE answer ("
    " assessment_id BIGINT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " item TEXT NOT NULL, level INTEGER, na INTEGER NOT NULL, evidence TEXT, note TEXT,"
    " PRIMARY KEY (assessment_id, item))",
    "CREATE TABLE assessor ("
    " assessment_id BIGINT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " pos INTEGER NOT NULL, name TEXT, role TEXT,"
    " PRIMARY KEY (assessment_id, pos))",
    "CREATE INDEX assessment_latest ON assessment (questionnaire, org_key, assessed_on)",
    NULL};

/* Version 2: the release log of db export (what each published group held),
 * and organizations keyed by their normalized name (see csm__org_identity). */
static const char *const schema_v2[] = {
    "CREATE TABLE csm_release ("
    " id BIGINT PRIMARY KEY, questionnaire TEXT NOT NULL, year TEXT, min_group INTEGER NOT NULL,"
    " released_at TEXT NOT NULL)",
    "CREATE TABLE csm_release_group ("
    " release_id BIGINT NOT NULL REFERENCES csm_release(id) ON DELETE CASCADE,"
    " group_key TEXT NOT NULL, n BIGINT NOT NULL,"
    " members TEXT NOT NULL," /* tokens: 16 hex of the organization, 16 of its scores */
    " PRIMARY KEY (release_id, group_key))",
    NULL};

/* Version 3: each assessment's levels in one column, "item=level,..." (level
 * 1..5, "n" for n/a, empty for not answered), so that db export reads one
 * row per assessment instead of one per answer (4 million rows and a sort of
 * them for 100,000 assessments). The answer table stays the full record. */
static const char *const schema_v3[] = {"ALTER TABLE assessment ADD COLUMN levels TEXT", NULL};

/* Version 4: the rest of an assessment in its row too: the answers object
 * as the answers file gives it (levels, n/a, null; evidence and notes) and
 * the assessors as an array. Ingest writes one row per assessment instead
 * of one per answer and assessor (a third of its time before); db init
 * moves the rows of the answer and assessor tables there
 * (migrate_records) and drops the tables. The index assessment_latest
 * goes too: export finds a later assessment of an organization in the
 * UNIQUE (org_key, assessed_on) index as fast, and ingest keeps one index
 * fewer up to date (a tenth of its time). */
static const char *const schema_v4[] = {"ALTER TABLE assessment ADD COLUMN answers TEXT",
                                        "ALTER TABLE assessment ADD COLUMN assessors TEXT",
                                        "DROP INDEX assessment_latest", NULL};
static const char *const schema_v4_drop[] = {"DROP TABLE answer", "DROP TABLE assessor", NULL};
/* PostgreSQL: a release's memberships (megabytes of hex tokens) stored as
 * they are. Compressing them gains nothing (LZ finds no repeats in digests)
 * and took the server most of an export's time (7.7 s of 11 for 100,000). */
static const char *const schema_v4_pg[] = {
    "ALTER TABLE csm_release_group ALTER COLUMN members SET STORAGE EXTERNAL", NULL};

/* Filling it for assessments stored before: the dialects name the string
 * aggregate differently. */
#define LEVELS_OF_ANSWERS(agg)                                                                                    \
	"UPDATE assessment SET levels = (SELECT " agg "(item || '=' || CASE WHEN na <> 0 THEN 'n' WHEN level IS NULL " \
	"THEN '' ELSE CAST(level AS TEXT) END, ',') FROM answer WHERE assessment_id = assessment.id)"

typedef struct query query;

struct csm_db {
	int pg;
	sqlite3 *lite;
	PGconn *conn;
	char *target;
	int in_tx;
	long long next_id; /* ids are given here, so both backends behave alike */
	query *cached[8];  /* prepared statements kept for ingest */
	int pipeline;      /* PostgreSQL: statements sent, results read at commit */
	int nprep;         /* names of PostgreSQL statements */
	int legacy;        /* pseudonyms of schema 1 (hash of the name as spelled) are stored */
	unsigned busy_ms;  /* how long to wait for another writer */
};

struct query {
	csm_db *db;
	sqlite3_stmt *st;
	char name[24];
	int nparams;
	char *values[MAX_PARAMS];
	/* PostgreSQL rows */
	PGresult *res;
	int row, rows;
};

/* Another writer held the database longer than we wait. */
static int busy_err(csm_db *db)
{
	return csm__err(CSM_EIO, "%s: the database is locked by another writer (waited %u s); retry later", db->target,
	                (db->busy_ms + 999) / 1000);
}

static int db_err(csm_db *db, const char *what)
{
	const char *msg;
	size_t len;
	if (!db->pg && (sqlite3_extended_errcode(db->lite) & 0xff) == SQLITE_BUSY)
		return busy_err(db);
	msg = db->pg ? PQerrorMessage(db->conn) : sqlite3_errmsg(db->lite);
	if (db->pg && PQstatus(db->conn) == CONNECTION_BAD) /* libpq's first line says why */
		return csm__err(CSM_EIO,
		                "%s: %s: the connection to the server was lost (%.*s); what was not committed is not stored",
		                db->target, what, (int)strcspn(msg, "\n"), msg);
	len = strlen(msg);
	return csm__err(CSM_EIO, "%s: %s: %.*s", db->target, what, (int)(len - (len && msg[len - 1] == '\n')), msg);
}

/* A failed PostgreSQL result: a server going away (SQLSTATE class 08, or
 * 57P shutdown) is said as such, in one line. */
static int result_err(csm_db *db, const char *what, const PGresult *r)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE), *msg = PQresultErrorMessage(r);
	size_t len = strcspn(msg, "\n");
	if (PQstatus(db->conn) == CONNECTION_BAD ||
	    (state && (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)))
		return csm__err(CSM_EIO,
		                "%s: %s: the connection to the server was lost (%.*s); what was not committed is not stored",
		                db->target, what, (int)len, msg);
	return csm__err(CSM_EIO, "%s: %s: %.*s", db->target, what, (int)len, msg);
}

/* ---- queries ------------------------------------------------------------- */

static void query_free(query *q)
{
	int i;
	if (!q)
		return;
	if (q->st)
		sqlite3_finalize(q->st);
	if (q->res)
		PQclear(q->res);
	for (i = 0; i < q->nparams; i++)
		free(q->values[i]);
	free(q);
}

static int prepare(query **out, csm_db *db, const char *sql, int nparams)
{
	query *q = calloc(1, sizeof *q);
	*out = NULL;
	if (!q)
		return csm__nomem();
	q->db = db;
	q->nparams = nparams;
	if (!db->pg) {
		if (sqlite3_prepare_v2(db->lite, sql, -1, &q->st, NULL) != SQLITE_OK) {
			free(q);
			return db_err(db, "prepare");
		}
	} else {
		/* ?N -> $N */
		char *pg = malloc(strlen(sql) + 1), *o = pg;
		const char *s;
		PGresult *r;
		if (!pg) {
			free(q);
			return csm__nomem();
		}
		for (s = sql; *s; s++)
			*o++ = *s == '?' ? '$' : *s;
		*o = '\0';
		snprintf(q->name, sizeof q->name, "csm%d", db->nprep++);
		if (db->pipeline) { /* in order with what follows; checked at commit */
			int ok = PQsendPrepare(db->conn, q->name, pg, 0, NULL);
			free(pg);
			if (!ok) {
				free(q);
				return db_err(db, "prepare");
			}
			*out = q;
			return 0;
		}
		r = PQprepare(db->conn, q->name, pg, 0, NULL);
		free(pg);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			PQclear(r);
			free(q);
			return db_err(db, "prepare");
		}
		PQclear(r);
	}
	*out = q;
	return 0;
}

static int bind_text(query *q, int i, const char *v)
{
	if (!q->db->pg)
		return sqlite3_bind_text(q->st, i, v, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : db_err(q->db, "bind");
	free(q->values[i - 1]);
	q->values[i - 1] = v ? csm__strdup(v) : NULL;
	return v && !q->values[i - 1] ? csm__nomem() : 0;
}

/* The same, for text that lives until the statement has run (not copied). */
static int bind_text_kept(query *q, int i, const char *v)
{
	if (!q->db->pg)
		return sqlite3_bind_text(q->st, i, v, -1, SQLITE_STATIC) == SQLITE_OK ? 0 : db_err(q->db, "bind");
	return bind_text(q, i, v);
}

static int bind_int(query *q, int i, long long v)
{
	char buf[32];
	if (!q->db->pg)
		return sqlite3_bind_int64(q->st, i, v) == SQLITE_OK ? 0 : db_err(q->db, "bind");
	snprintf(buf, sizeof buf, "%lld", v);
	return bind_text(q, i, buf);
}

/* Run the query; for queries with rows, step() then reads them. */
static int run(query *q)
{
	if (!q->db->pg) {
		int rc = sqlite3_step(q->st);
		if (rc == SQLITE_DONE) {
			sqlite3_reset(q->st);
			return 0;
		}
		if (rc == SQLITE_ROW)
			return 1;
		sqlite3_reset(q->st);
		return db_err(q->db, "query");
	}
	if (q->res)
		PQclear(q->res);
	q->res = NULL;
	if (q->db->pipeline) { /* no wait: results are checked at commit */
		if (!PQsendQueryPrepared(q->db->conn, q->name, q->nparams, (const char *const *)q->values, NULL, NULL, 0))
			return db_err(q->db, "query");
		return 0;
	}
	q->res = PQexecPrepared(q->db->conn, q->name, q->nparams, (const char *const *)q->values, NULL, NULL, 0);
	if (PQresultStatus(q->res) != PGRES_COMMAND_OK && PQresultStatus(q->res) != PGRES_TUPLES_OK)
		return db_err(q->db, "query");
	q->row = -1;
	q->rows = PQntuples(q->res);
	return 0;
}

/* After run() of a one-row query: point at that row (SQLite already does). */
static void first_row(query *q)
{
	if (q->db->pg)
		q->row = 0;
}

static const char *col_text(query *q, int i)
{
	if (!q->db->pg)
		return (const char *)sqlite3_column_text(q->st, i);
	return PQgetisnull(q->res, q->row, i) ? NULL : PQgetvalue(q->res, q->row, i);
}

static long long col_int(query *q, int i)
{
	const char *s;
	if (!q->db->pg) /* not through text: SQLite would print the number to a new string first */
		return (long long)sqlite3_column_int64(q->st, i);
	s = col_text(q, i);
	return s ? strtoll(s, NULL, 10) : 0;
}

/* Rows of a query, for both backends: calls `each` per row. SQLite streams;
 * PostgreSQL streams too, row by row (single-row mode). */
static int each_row(query *q, int (*each)(query *q, void *ctx), void *ctx)
{
	int rc = 0;
	if (!q->db->pg) {
		int s;
		while ((s = sqlite3_step(q->st)) == SQLITE_ROW)
			if ((rc = each(q, ctx)))
				break;
		if (!rc && s != SQLITE_DONE)
			rc = db_err(q->db, "query");
		sqlite3_reset(q->st);
		return rc;
	}
	if (!PQsendQueryPrepared(q->db->conn, q->name, q->nparams, (const char *const *)q->values, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(q->db->conn))
		return db_err(q->db, "query");
	for (;;) {
		PGresult *r = PQgetResult(q->db->conn);
		if (!r)
			break;
		if (PQresultStatus(r) == PGRES_SINGLE_TUPLE && !rc) {
			q->res = r;
			q->row = 0;
			rc = each(q, ctx);
			q->res = NULL;
		} else if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_SINGLE_TUPLE && !rc) {
			rc = db_err(q->db, "query");
		}
		PQclear(r);
	}
	return rc;
}

static int exec_sql(csm_db *db, const char *sql)
{
	if (!db->pg) {
		char *msg = NULL;
		if (sqlite3_exec(db->lite, sql, NULL, NULL, &msg) != SQLITE_OK) {
			int rc = (sqlite3_extended_errcode(db->lite) & 0xff) == SQLITE_BUSY
			             ? busy_err(db)
			             : csm__err(CSM_EIO, "%s: %s", db->target, msg ? msg : "error");
			sqlite3_free(msg);
			return rc;
		}
		return 0;
	} else {
		PGresult *r = PQexec(db->conn, sql);
		int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK, rc = 0;
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		if (!ok)
			rc = state && strcmp(state, "55P03") == 0 ? busy_err(db) : db_err(db, "statement"); /* lock_timeout */
		PQclear(r);
		return rc;
	}
}

/* ---- open, schema -------------------------------------------------------- */

void csm_db_close(csm_db *db)
{
	int i;
	if (!db)
		return;
	for (i = 0; i < (int)(sizeof db->cached / sizeof *db->cached); i++)
		query_free(db->cached[i]);
	if (db->in_tx)
		csm_db_rollback(db);
	if (db->lite)
		sqlite3_close(db->lite);
	if (db->conn)
		PQfinish(db->conn);
	free(db->target);
	free(db);
}

int csm_db_mask(char **out, const char *target)
{
	CSM__ARGS(out && target);
	csm__buf b = {0};
	const char *s = target, *auth = strstr(target, "://");
	*out = NULL;
	if (auth) { /* scheme://user:password@host */
		const char *end, *at = NULL, *c;
		auth += 3;
		end = auth + strcspn(auth, "/?#");
		for (c = auth; c < end; c++)
			if (*c == '@')
				at = c;
		if (at && (c = memchr(auth, ':', (size_t)(at - auth)))) {
			csm__buf_add(&b, target, (size_t)(c + 1 - target));
			csm__buf_puts(&b, "***");
			s = at;
		}
	}
	while (*s) { /* ...?password=secret&... */
		if ((s[0] == '?' || s[0] == '&') && strncmp(s + 1, "password=", 9) == 0) {
			csm__buf_add(&b, s, 10);
			csm__buf_puts(&b, "***");
			s += 10;
			s += strcspn(s, "&#");
			continue;
		}
		csm__buf_add(&b, s, 1);
		s++;
	}
	return csm__buf_finish(&b, out);
}

/* Notices (also libpq's own, such as 9,000 "message type 0x43 arrived from
 * server while idle" when the server goes away mid-pipeline) are not
 * printed: errors are reported once, through csm_error_last(). */
static void quiet_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

int csm_db_set_busy_timeout(csm_db *db, unsigned ms)
{
	CSM__ARGS(db);
	db->busy_ms = ms;
	if (!db->pg)
		return sqlite3_busy_timeout(db->lite, ms > INT_MAX ? INT_MAX : (int)ms) == SQLITE_OK
		           ? 0
		           : db_err(db, "busy timeout");
	{
		char sql[64];
		snprintf(sql, sizeof sql, "SET lock_timeout = %u", ms);
		return exec_sql(db, sql);
	}
}

int csm_db_open(csm_db **out, const char *target)
{
	CSM__ARGS(out && target);
	csm_db *db;
	int rc = 0;

	*out = NULL;
	if (!(db = calloc(1, sizeof *db)))
		return csm__nomem();
	if ((rc = csm_db_mask(&db->target, target))) { /* messages never show a password */
		free(db);
		return rc;
	}
	db->pg = strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
	db->busy_ms = BUSY_MS_DEFAULT;
	if (db->pg) {
		if ((rc = csm__pg_load()))
			goto fail;
		db->conn = PQconnectdb(target);
		if (PQstatus(db->conn) != CONNECTION_OK) {
			rc = csm__err(CSM_EIO, "%s: cannot connect: %s", db->target, PQerrorMessage(db->conn));
			goto fail;
		}
		PQsetNoticeProcessor(db->conn, quiet_notice, NULL);
		if ((rc = exec_sql(db, "SET client_min_messages = warning")) ||
		    (rc = csm_db_set_busy_timeout(db, db->busy_ms)))
			goto fail;
	} else {
		struct stat st;
		/* A new database holds members' data: readable by its owner only. */
		if (stat(target, &st) != 0) {
			int fd = open(target, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
			if (fd < 0) {
				rc = csm__err(CSM_EIO, "%s: cannot create: %s", db->target, strerror(errno));
				goto fail;
			}
			close(fd);
		} else if (!S_ISREG(st.st_mode)) {
			rc = csm__err(CSM_EINVALID, "%s: not a database file", db->target);
			goto fail;
		}
		if (sqlite3_open_v2(target, &db->lite, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
			rc = db_err(db, "cannot open");
			goto fail;
		}
		if ((rc = csm_db_set_busy_timeout(db, db->busy_ms)) ||
		    (rc = exec_sql(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL")))
			goto fail;
	}
	*out = db;
	return 0;
fail:
	csm_db_close(db);
	return rc;
}

static int schema_version(csm_db *db, int *version)
{
	query *q = NULL;
	int rc;
	*version = 0;
	if (!db->pg) {
		if ((rc = prepare(&q, db, "SELECT count(*) FROM sqlite_master WHERE name = 'csm_schema'", 0)))
			return rc;
	} else if ((rc = prepare(&q, db, "SELECT count(*) FROM pg_tables WHERE tablename = 'csm_schema'", 0))) {
		return rc;
	}
	rc = run(q);
	if (rc >= 0 && (!db->pg || rc == 0)) {
		first_row(q);
		if (col_int(q, 0) > 0) {
			query_free(q);
			if ((rc = prepare(&q, db, "SELECT max(version) FROM csm_schema", 0)))
				return rc;
			rc = run(q);
			first_row(q);
			if (rc >= 0)
				*version = (int)col_int(q, 0);
		}
		rc = rc < 0 ? rc : 0;
	}
	query_free(q);
	return rc;
}

/* ---- organizations ------------------------------------------------------- */

/* HMAC-SHA-256 of `s` under `key`, as 64 hex digits. */
static int keyed_hash(char out[65], const unsigned char *key, size_t key_len, const char *s)
{
	unsigned char mac[32];
	size_t n = 0, i;
	if (!EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, key, key_len, (const unsigned char *)s, strlen(s), mac,
	               sizeof mac, &n) ||
	    n != 32)
		return csm__err(CSM_EIO, "the keyed hash (HMAC-SHA-256) could not be computed");
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", mac[i]);
	return 0;
}

/* The key an organization is stored under: its normalized name, or with a
 * key "h:" and the keyed hash of it. Schema 1 hashed the name as spelled;
 * the migration moved those keys to "v1:" (`legacy`: that key, for finding
 * such rows). */
static int org_key(char **out, const csm_db_options *opt, const char *name, int legacy)
{
	char h[65], *norm = NULL;
	csm__buf b = {0};
	size_t i;
	int rc;
	*out = NULL;
	if (opt && opt->key_len) { /* a short or constant key makes pseudonyms guessable */
		for (i = 1; i < opt->key_len && opt->key[i] == opt->key[0]; i++)
			;
		if (opt->key_len < 32 || i == opt->key_len)
			return csm__err(CSM_EINVALID, "the pseudonymization key must be at least 32 random bytes");
	}
	if (legacy) {
		if ((rc = keyed_hash(h, opt->key, opt->key_len, name)))
			return rc;
		csm__buf_printf(&b, "v1:%s", h);
		return csm__buf_finish(&b, out);
	}
	if ((rc = csm__org_identity(&norm, name)))
		return rc;
	if (!opt || !opt->key_len) {
		*out = norm;
		return 0;
	}
	rc = keyed_hash(h, opt->key, opt->key_len, norm);
	free(norm);
	if (rc)
		return rc;
	csm__buf_printf(&b, "h:%s", h);
	return csm__buf_finish(&b, out);
}

/* ---- schema -------------------------------------------------------------- */

typedef struct rekey_row {
	long long id;
	char *key, *date;
} rekey_row;

typedef struct rekey {
	rekey_row *r;
	size_t n, cap;
} rekey;

static int rekey_collect(query *q, void *ctx)
{
	rekey *k = ctx;
	rekey_row *row;
	int rc;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 64;
		rekey_row *t = realloc(k->r, cap * sizeof *t);
		if (!t)
			return csm__nomem();
		k->r = t;
		k->cap = cap;
	}
	row = &k->r[k->n];
	memset(row, 0, sizeof *row);
	row->id = col_int(q, 0);
	/* a name that normalizes to nothing keeps itself as key */
	if ((rc = csm__org_identity(&row->key, col_text(q, 1) ? col_text(q, 1) : "")) == CSM_EINVALID)
		rc = (row->key = csm__strdup(col_text(q, 1) ? col_text(q, 1) : "")) ? 0 : csm__nomem();
	if (rc)
		return rc;
	if (!(row->date = csm__strdup(col_text(q, 2)))) {
		free(row->key);
		return csm__nomem();
	}
	k->n++;
	return 0;
}

/* Same organization and date together, the latest ingested (highest id) first. */
static int cmp_rekey(const void *x, const void *y)
{
	const rekey_row *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	if (!c)
		c = strcmp(a->date, b->date);
	return c ? c : a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

/* Schema 1 -> 2: key named rows by the normalized name. Spellings
 * of one organization become one; of its assessments of one date the one
 * ingested last stays. Pseudonymized rows cannot be recomputed without
 * the name: their keys move from "h:" to "v1:", and they are re-keyed when
 * the organization is next ingested with the key (csm_db_store). */
static int rekey_named(csm_db *db)
{
	rekey k = {0};
	query *sel = NULL, *upd = NULL, *del = NULL;
	size_t i;
	int rc;
	if ((rc = prepare(&sel, db, "SELECT id, org_name, assessed_on FROM assessment WHERE org_name IS NOT NULL", 0)) ||
	    (rc = each_row(sel, rekey_collect, &k)))
		goto done;
	if (k.n > 1)
		qsort(k.r, k.n, sizeof *k.r, cmp_rekey);
	/* first out of the way, so that no intermediate state breaks UNIQUE */
	if ((rc = exec_sql(db, "UPDATE assessment SET org_key = 'v1:' || substr(org_key, 3) WHERE org_name IS NULL"
	                       " AND substr(org_key, 1, 2) = 'h:'")) ||
	    (rc = exec_sql(db, "UPDATE assessment SET org_key = 'tmp:' || CAST(id AS TEXT) WHERE org_name IS NOT NULL")) ||
	    (rc = prepare(&upd, db, "UPDATE assessment SET org_key = ?1 WHERE id = ?2", 2)) ||
	    (rc = prepare(&del, db, "DELETE FROM assessment WHERE id = ?1", 1)))
		goto done;
	for (i = 0; i < k.n; i++) {
		int dup = i > 0 && strcmp(k.r[i].key, k.r[i - 1].key) == 0 && strcmp(k.r[i].date, k.r[i - 1].date) == 0;
		if (dup ? (rc = bind_int(del, 1, k.r[i].id)) || (rc = run(del)) < 0
		        : (rc = bind_text(upd, 1, k.r[i].key)) || (rc = bind_int(upd, 2, k.r[i].id)) || (rc = run(upd)) < 0)
			goto done;
	}
	rc = 0;
done:
	for (i = 0; i < k.n; i++) {
		free(k.r[i].key);
		free(k.r[i].date);
	}
	free(k.r);
	query_free(sel);
	query_free(upd);
	query_free(del);
	return rc;
}

/* One answer as the answers file gives it: a level, "n/a", null, or an
 * object when it has evidence or a note. */
static void answer_json(csm__buf *b, const char *item, csm_answer_kind kind, int level, const char *choice,
                        const char *evidence, const char *note)
{
	char lv[48];
	const char *value = kind == CSM_ANSWER_LEVEL ? lv : kind == CSM_ANSWER_NA ? "\"n/a\"" : "null";
	if (level >= 0 && level <= 9) /* as a rule; snprintf for what an old row may hold */
		lv[0] = (char)('0' + level), lv[1] = '\0';
	else
		snprintf(lv, sizeof lv, "%d", level);
	if (kind == CSM_ANSWER_CHOICE && choice && strlen(choice) <= 32) { /* a choice id, as the file gives it */
		snprintf(lv, sizeof lv, "\"%s\"", choice);
		value = lv;
	}
	csm__buf_json_string(b, item);
	csm__buf_add(b, ":", 1);
	if (!evidence && !note) {
		csm__buf_puts(b, value);
		return;
	}
	csm__buf_puts(b, "{\"level\":");
	csm__buf_puts(b, value);
	if (evidence) {
		csm__buf_puts(b, ",\"evidence\":");
		csm__buf_json_string(b, evidence);
	}
	if (note) {
		csm__buf_puts(b, ",\"note\":");
		csm__buf_json_string(b, note);
	}
	csm__buf_add(b, "}", 1);
}

/* One assessor: {"name":...,"role":...}, either left out when NULL. */
static void assessor_json(csm__buf *b, const char *name, const char *role)
{
	csm__buf_add(b, "{", 1);
	if (name) {
		csm__buf_puts(b, "\"name\":");
		csm__buf_json_string(b, name);
	}
	if (role) {
		csm__buf_puts(b, name ? ",\"role\":" : "\"role\":");
		csm__buf_json_string(b, role);
	}
	csm__buf_add(b, "}", 1);
}

/* Rows of the answer or assessor table turned into each assessment's
 * column text (schema 3 -> 4). */
typedef struct records {
	int assessors; /* 0: answers */
	long long *id;
	char **text;
	size_t n, cap;
	csm__buf b; /* of id[n - 1] */
} records;

static int records_close(records *x)
{
	if (!x->n)
		return 0;
	csm__buf_add(&x->b, x->assessors ? "]" : "}", 1);
	return csm__buf_finish(&x->b, &x->text[x->n - 1]);
}

static int records_row(query *q, void *ctx)
{
	records *x = ctx;
	long long id = col_int(q, 0);
	int rc;
	if (!x->n || x->id[x->n - 1] != id) {
		if ((rc = records_close(x)))
			return rc;
		if (x->n == x->cap) {
			size_t cap = x->cap ? x->cap * 2 : 256;
			long long *ids = realloc(x->id, cap * sizeof *ids);
			char **texts = ids ? realloc(x->text, cap * sizeof *texts) : NULL;
			if (ids)
				x->id = ids;
			if (!texts)
				return csm__nomem();
			x->text = texts;
			x->cap = cap;
		}
		x->id[x->n] = id;
		x->text[x->n++] = NULL;
		csm__buf_add(&x->b, x->assessors ? "[" : "{", 1);
	} else {
		csm__buf_add(&x->b, ",", 1);
	}
	if (x->assessors)
		assessor_json(&x->b, col_text(q, 1), col_text(q, 2));
	else
		answer_json(&x->b, col_text(q, 1) ? col_text(q, 1) : "",
		            col_int(q, 3) ? CSM_ANSWER_NA : col_text(q, 2) ? CSM_ANSWER_LEVEL : CSM_ANSWER_NULL,
		            (int)col_int(q, 2), NULL, col_text(q, 4), col_text(q, 5));
	return 0;
}

/* Schema 3 -> 4: the answer and assessor rows into the answers and
 * assessors columns, in the form ingest writes (item order: the answer
 * table kept none). Read first, then written: PostgreSQL runs one query at
 * a time on a connection. */
static int migrate_records(csm_db *db)
{
	static const char *const sel[2] = {
	    "SELECT assessment_id, item, level, na, evidence, note FROM answer ORDER BY assessment_id, item",
	    "SELECT assessment_id, name, role FROM assessor ORDER BY assessment_id, pos"};
	static const char *const upd[2] = {"UPDATE assessment SET answers = ?2 WHERE id = ?1",
	                                   "UPDATE assessment SET assessors = ?2 WHERE id = ?1"};
	int t, rc = 0;
	for (t = 0; t < 2 && !rc; t++) {
		records x;
		query *q = NULL;
		size_t i;
		memset(&x, 0, sizeof x);
		x.assessors = t;
		if (!(rc = prepare(&q, db, sel[t], 0)) && !(rc = each_row(q, records_row, &x)))
			rc = records_close(&x);
		query_free(q);
		q = NULL;
		if (!rc)
			rc = prepare(&q, db, upd[t], 2);
		for (i = 0; i < x.n && !rc; i++)
			if (!(rc = bind_int(q, 1, x.id[i])) && !(rc = bind_text(q, 2, x.text[i])) && (rc = run(q)) > 0)
				rc = 0;
		for (i = 0; i < x.n; i++)
			free(x.text[i]);
		free(x.text);
		free(x.id);
		csm__buf_free(&x.b);
		query_free(q);
	}
	return rc;
}

int csm_db_init(int *created, csm_db *db)
{
	CSM__ARGS(db);
	int version, rc, i;
	if (created)
		*created = 0;
	if ((rc = schema_version(db, &version)))
		return rc;
	if (version > SCHEMA_VERSION)
		return csm__err(CSM_EINVALID,
		                "%s: the database is newer than this csm (schema %d; this csm knows up to %d): use a newer csm",
		                db->target, version, SCHEMA_VERSION);
	if (version == SCHEMA_VERSION)
		return 0;
	if ((rc = exec_sql(db, db->pg ? "BEGIN" : "BEGIN IMMEDIATE")))
		return rc;
	if (version < 1)
		for (i = 0; schema_v1[i]; i++)
			if ((rc = exec_sql(db, schema_v1[i])))
				goto fail;
	if (version < 2)
		for (i = 0; schema_v2[i]; i++)
			if ((rc = exec_sql(db, schema_v2[i])))
				goto fail;
	if (version == 1 && (rc = rekey_named(db)))
		goto fail;
	if (version < 3) {
		for (i = 0; schema_v3[i]; i++)
			if ((rc = exec_sql(db, schema_v3[i])))
				goto fail;
		if (version > 0 &&
		    (rc = exec_sql(db, db->pg ? LEVELS_OF_ANSWERS("string_agg") : LEVELS_OF_ANSWERS("group_concat"))))
			goto fail;
	}
	for (i = 0; schema_v4[i]; i++)
		if ((rc = exec_sql(db, schema_v4[i])))
			goto fail;
	if (version > 0 && (rc = migrate_records(db)))
		goto fail;
	for (i = 0; schema_v4_drop[i]; i++)
		if ((rc = exec_sql(db, schema_v4_drop[i])))
			goto fail;
	for (i = 0; db->pg && schema_v4_pg[i]; i++)
		if ((rc = exec_sql(db, schema_v4_pg[i])))
			goto fail;
	if ((rc = exec_sql(db, "INSERT INTO csm_schema (version) VALUES (4)")) || (rc = exec_sql(db, "COMMIT")))
		goto fail;
	if (created)
		*created = version ? 2 : 1;
	return 0;
fail:
	exec_sql(db, "ROLLBACK");
	return rc;
}

static int need_schema(csm_db *db)
{
	int version, rc;
	if ((rc = schema_version(db, &version)))
		return rc;
	if (version > SCHEMA_VERSION)
		return csm__err(CSM_EINVALID,
		                "%s: the database is newer than this csm (schema %d; this csm knows up to %d): use a newer csm",
		                db->target, version, SCHEMA_VERSION);
	if (version > 0 && version < SCHEMA_VERSION)
		return csm__err(CSM_EINVALID, "%s: the database has schema %d; run 'csm db init' to bring it to %d",
		                db->target, version, SCHEMA_VERSION);
	if (version != SCHEMA_VERSION)
		return csm__err(CSM_EINVALID, "%s: no csm database here (schema 0); run 'csm db init' first", db->target);
	return 0;
}

int csm_db_check(csm_db *db)
{
	CSM__ARGS(db);
	assert(db);
	return need_schema(db);
}

/* ---- ingest ---------------------------------------------------------------- */

int csm_db_begin(csm_db *db)
{
	CSM__ARGS(db);
	int rc;
	if (db->in_tx)
		return 0;
	if ((rc = need_schema(db)) || (rc = exec_sql(db, db->pg ? "BEGIN" : "BEGIN IMMEDIATE")))
		return rc;
	/* One writer at a time (SQLite: BEGIN IMMEDIATE): ids come from max(id). */
	if (db->pg && (rc = exec_sql(db, "LOCK TABLE assessment IN SHARE ROW EXCLUSIVE MODE"))) {
		exec_sql(db, "ROLLBACK");
		return rc;
	}
	db->in_tx = 1;
	db->next_id = 0;
	{ /* pseudonyms of schema 1 stored? (the UNIQUE index starts with org_key) */
		query *q = NULL;
		if ((rc = prepare(&q, db,
		                  "SELECT count(*) FROM (SELECT 1 FROM assessment"
		                  " WHERE org_key >= 'v1:' AND org_key < 'v1;' LIMIT 1) t",
		                  0)) ||
		    (rc = run(q)) < 0) {
			query_free(q);
			csm_db_rollback(db);
			return rc;
		}
		first_row(q);
		db->legacy = col_int(q, 0) > 0;
		query_free(q);
	}
	if (db->pg) {
		/* The next id now, then statements go out without waiting for
		 * round trips; their results are checked at commit. */
		PGresult *r = PQexec(db->conn, "SELECT coalesce(max(id), 0) FROM assessment");
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			PQclear(r);
			rc = db_err(db, "query");
			csm_db_rollback(db);
			return rc;
		}
		db->next_id = strtoll(PQgetvalue(r, 0, 0), NULL, 10) + 1;
		PQclear(r);
		if (!PQenterPipelineMode(db->conn)) {
			rc = db_err(db, "pipeline");
			csm_db_rollback(db);
			return rc;
		}
		db->pipeline = 1;
	}
	return 0;
}

/* End pipeline mode: sync, and read every result; 0 if all succeeded. */
static int pipeline_end(csm_db *db)
{
	int rc = 0, synced = 0;
	if (!db->pipeline)
		return 0;
	if (!PQpipelineSync(db->conn))
		rc = db_err(db, "pipeline");
	while (!rc && !synced) {
		PGresult *r = PQgetResult(db->conn);
		if (!r && PQstatus(db->conn) == CONNECTION_BAD)
			rc = db_err(db, "commit");
		if (!r)
			continue; /* the end of one statement's results */
		switch (PQresultStatus(r)) {
		case PGRES_PIPELINE_SYNC:
			synced = 1;
			break;
		case PGRES_COMMAND_OK:
		case PGRES_TUPLES_OK:
			break;
		default:
			if (!rc)
				rc = result_err(db, "statement", r);
			break;
		}
		PQclear(r);
	}
	/* after an error, drain to the sync point */
	while (!synced) {
		PGresult *r = PQgetResult(db->conn);
		if (r && PQresultStatus(r) == PGRES_PIPELINE_SYNC)
			synced = 1;
		else if (!r && PQstatus(db->conn) != CONNECTION_OK)
			break;
		PQclear(r);
	}
	PQexitPipelineMode(db->conn);
	db->pipeline = 0;
	return rc;
}

int csm_db_commit(csm_db *db)
{
	CSM__ARGS(db);
	int rc = 0;
	if (!db->in_tx)
		return 0;
	if ((rc = pipeline_end(db))) {
		exec_sql(db, "ROLLBACK"); /* a statement failed: nothing of the batch stays */
		db->in_tx = 0;
		return rc;
	}
	rc = exec_sql(db, "COMMIT");
	db->in_tx = 0;
	return rc;
}

int csm_db_rollback(csm_db *db)
{
	CSM__ARGS(db);
	int rc;
	if (!db->in_tx)
		return 0;
	pipeline_end(db);
	rc = exec_sql(db, "ROLLBACK");
	db->in_tx = 0;
	return rc;
}

enum { Q_MAXID, Q_ASSESSMENT, Q_LEGACY_DELETE, Q_LEGACY_REKEY };

static int cached(query **out, csm_db *db, int which, const char *sql, int nparams)
{
	int rc;
	if (!db->cached[which] && (rc = prepare(&db->cached[which], db, sql, nparams)))
		return rc;
	*out = db->cached[which];
	return 0;
}

/* What store() writes of one assessment, all of it in its one row. */
typedef struct stored {
	char *key, *legacy;   /* org_key, and the schema-1 pseudonym to re-key */
	char sub[80], now[32];
	char *levels;         /* "item=level,..." (schema 3): what export reads */
	char *answers;        /* the answers object, as in the file (schema 4) */
	char *assessors;      /* [{"name":...,"role":...}] (schema 4) */
} stored;

static void stored_free(stored *r)
{
	free(r->key);
	free(r->legacy);
	free(r->levels);
	free(r->answers);
	free(r->assessors);
}

/* The levels column (schema 3): "item=level,..." in the file's order (as a
 * rule the questionnaire's, which export then finds first time), and the
 * answers column (schema 4). Item ids have no '=', ',' or '"'
 * (csm__valid_id: a checked assessment's are the questionnaire's): each
 * item goes to each text in one piece; one with evidence or a note, or an
 * id longer than an id can be, the long way (answer_json). */
static int answer_texts(stored *r, const csm_answers *a)
{
	csm__buf lv = {0}, js = {0};
	size_t i;
	int rc;
	csm__buf_add(&js, "{", 1);
	for (i = 0; i < a->count; i++) {
		const csm__answer *an = &a->items[i];
		size_t n = strlen(an->id), k = 0, m = 0;
		char t[112], u[80];
		if (i)
			t[k++] = ',', u[m++] = ',';
		if (n > 64) { /* not an item id: piece by piece */
			csm__buf_add(&lv, t, k);
			csm__buf_puts(&lv, an->id);
			k = 0;
		} else {
			memcpy(t + k, an->id, n), k += n;
		}
		t[k++] = '=';
		if (an->kind == CSM_ANSWER_NA)
			t[k++] = 'n';
		else if (an->kind == CSM_ANSWER_LEVEL)
			t[k++] = (char)('0' + an->level);
		else if (an->kind == CSM_ANSWER_CHOICE && an->choice && strlen(an->choice) <= 32) {
			/* a choice of the questionnaire's scale: "@" and its id (ids have no ',' or '=') */
			size_t c = strlen(an->choice);
			t[k++] = '@';
			memcpy(t + k, an->choice, c), k += c;
		}
		csm__buf_add(&lv, t, k);
		if (n > 64 || an->evidence || an->note || an->kind != CSM_ANSWER_LEVEL || an->level < 0 || an->level > 9) {
			csm__buf_add(&js, u, m);
			answer_json(&js, an->id, an->kind, an->level, an->choice, an->evidence, an->note);
			continue;
		}
		u[m++] = '"';
		memcpy(u + m, an->id, n), m += n;
		u[m++] = '"', u[m++] = ':', u[m++] = (char)('0' + an->level);
		csm__buf_add(&js, u, m);
	}
	csm__buf_add(&js, "}", 1);
	if ((rc = csm__buf_finish(&js, &r->answers)) || !a->count) {
		csm__buf_free(&lv);
		return rc;
	}
	return csm__buf_finish(&lv, &r->levels);
}

/* The assessors column (schema 4). Pseudonymized: no names. */
static int assessors_text(stored *r, const csm_answers *a, int pseudonymized)
{
	csm__buf b = {0};
	size_t i;
	if (!a->assessor_count)
		return 0;
	csm__buf_add(&b, "[", 1);
	for (i = 0; i < a->assessor_count; i++) {
		if (i)
			csm__buf_add(&b, ",", 1);
		assessor_json(&b, pseudonymized ? NULL : a->assessor_name[i], a->assessor_role[i]);
	}
	csm__buf_add(&b, "]", 1);
	return csm__buf_finish(&b, &r->assessors);
}

/* Step 1: check the assessment and make its row (no database work). */
static int store_row(stored *r, const csm_answers *a, const csm_questionnaire *q, const csm_db_options *opt)
{
	const char *name = a->field[CSM_FIELD_ORG_NAME], *date = a->field[CSM_FIELD_ASSESSED_ON];
	int pseudonymized = opt && opt->key_len, rc;
	time_t t = time(NULL);
	struct tm tm;

	if ((rc = csm_answers_check(a, q, opt && opt->allow_partial ? CSM_ALLOW_PARTIAL : 0)))
		return rc;
	if (!name || !date)
		return csm__err(CSM_EINVALID, "%s: %s: required to store an assessment", a->name,
		                !name ? "organization.name" : "assessed_on");
	if ((rc = org_key(&r->key, opt, name, 0)) || (pseudonymized && (rc = org_key(&r->legacy, opt, name, 1))))
		return rc;
	if (opt && opt->submitter && opt->submitter[0]) {
		if (pseudonymized) {
			char h[65];
			if ((rc = keyed_hash(h, opt->key, opt->key_len, opt->submitter)))
				return rc;
			snprintf(r->sub, sizeof r->sub, "h:%.16s", h);
		} else {
			snprintf(r->sub, sizeof r->sub, "%.60s", opt->submitter);
		}
	}
	gmtime_r(&t, &tm);
	strftime(r->now, sizeof r->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((rc = answer_texts(r, a)))
		return rc;
	return assessors_text(r, a, pseudonymized);
}

/* Step 2: the organization's assessments stored by schema 1 under the hash
 * of the name as then spelled join the normalized key (those the new key
 * has a date of go). (The one of the same date that this one replaces goes
 * by the INSERT's ON CONFLICT, store_insert.) */
static int store_rekey(csm_db *db, const stored *r, const char *date)
{
	query *qy;
	int rc;
	if (!db->legacy || !r->legacy)
		return 0;
	if ((rc = cached(&qy, db, Q_LEGACY_DELETE,
	                 "DELETE FROM assessment WHERE org_key = ?1 AND (assessed_on = ?3 OR assessed_on IN"
	                 " (SELECT assessed_on FROM assessment WHERE org_key = ?2))",
	                 3)) ||
	    (rc = bind_text(qy, 1, r->legacy)) || (rc = bind_text(qy, 2, r->key)) || (rc = bind_text(qy, 3, date)) ||
	    (rc = run(qy)) < 0 ||
	    (rc = cached(&qy, db, Q_LEGACY_REKEY, "UPDATE assessment SET org_key = ?2 WHERE org_key = ?1", 2)) ||
	    (rc = bind_text(qy, 1, r->legacy)) || (rc = bind_text(qy, 2, r->key)) || (rc = run(qy)) < 0)
		return rc;
	return 0;
}

/* Step 3: the id of the next assessment, once a transaction (SQLite;
 * PostgreSQL found it at begin). */
static int store_next_id(csm_db *db)
{
	query *qy;
	int rc;
	if (db->next_id)
		return 0;
	if ((rc = cached(&qy, db, Q_MAXID, "SELECT coalesce(max(id), 0) FROM assessment", 0)) || (rc = run(qy)) < 0)
		return rc;
	first_row(qy);
	db->next_id = col_int(qy, 0) + 1;
	if (!db->pg)
		sqlite3_reset(qy->st);
	return 0;
}

/* Step 4: the row, in one prepared INSERT that replaces the assessment of
 * the same organization and date (an upsert: SQLite 3.24 and PostgreSQL 9.5
 * say it alike; one statement instead of a DELETE and an INSERT). Texts are
 * bound without a copy: `r` and `a` outlive the statement's run. */
static int store_insert(csm_db *db, const stored *r, const csm_answers *a, const csm_questionnaire *q,
                        const csm_db_options *opt)
{
	query *qy;
	int rc;
	if ((rc = cached(&qy, db, Q_ASSESSMENT,
	                 "INSERT INTO assessment (id, org_key, org_name, submitter, questionnaire, industry, size_band, scope,"
	                 " assessed_on, ingested_at, levels, answers, assessors)"
	                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
	                 " ON CONFLICT (org_key, assessed_on) DO UPDATE SET id = excluded.id, org_name = excluded.org_name,"
	                 " submitter = excluded.submitter, questionnaire = excluded.questionnaire,"
	                 " industry = excluded.industry, size_band = excluded.size_band, scope = excluded.scope,"
	                 " ingested_at = excluded.ingested_at, levels = excluded.levels, answers = excluded.answers,"
	                 " assessors = excluded.assessors",
	                 13)) ||
	    (rc = bind_int(qy, 1, db->next_id)) || (rc = bind_text_kept(qy, 2, r->key)) ||
	    (rc = bind_text_kept(qy, 3, opt && opt->key_len ? NULL : a->field[CSM_FIELD_ORG_NAME])) ||
	    (rc = bind_text_kept(qy, 4, r->sub[0] ? r->sub : NULL)) || (rc = bind_text_kept(qy, 5, q->id)) ||
	    (rc = bind_text_kept(qy, 6, a->field[CSM_FIELD_ORG_INDUSTRY])) ||
	    (rc = bind_text_kept(qy, 7, a->field[CSM_FIELD_ORG_SIZE])) ||
	    (rc = bind_text_kept(qy, 8, a->field[CSM_FIELD_ORG_SCOPE])) ||
	    (rc = bind_text_kept(qy, 9, a->field[CSM_FIELD_ASSESSED_ON])) || (rc = bind_text_kept(qy, 10, r->now)) ||
	    (rc = bind_text_kept(qy, 11, r->levels)) || (rc = bind_text_kept(qy, 12, r->answers)) ||
	    (rc = bind_text_kept(qy, 13, r->assessors)) || (rc = run(qy)) < 0)
		return rc;
	db->next_id++;
	return 0;
}

/* An assessment in one row (schema 4): one statement, prepared once a run,
 * inside the caller's transaction (csm_db_begin). */
static int store(csm_db *db, const csm_answers *a, const csm_questionnaire *q, const csm_db_options *opt, stored *r)
{
	int rc;
	if ((rc = store_row(r, a, q, opt)) || (rc = csm_db_begin(db)) ||
	    (rc = store_rekey(db, r, a->field[CSM_FIELD_ASSESSED_ON])) || (rc = store_next_id(db)))
		return rc;
	return store_insert(db, r, a, q, opt);
}

/* Options from a newer or older csm, or never initialized: refused rather
 * than read in the wrong layout. */
static int options_ok(const csm_db_options *opt)
{
	if (opt && opt->version != CSM_DB_OPTIONS_VERSION)
		return csm__err(CSM_EINVALID, "db: options version %u is not %u (start from CSM_DB_OPTIONS_INIT)", opt->version,
		                CSM_DB_OPTIONS_VERSION);
	return 0;
}

int csm_db_store(csm_db *db, const csm_answers *a, const csm_questionnaire *q, const csm_db_options *opt)
{
	CSM__ARGS(db && a && q);
	stored r;
	int rc;
	if ((rc = options_ok(opt)))
		return rc;
	memset(&r, 0, sizeof r);
	rc = store(db, a, q, opt, &r);
	stored_free(&r);
	return rc;
}

/* ---- list, remove --------------------------------------------------------- */

static int list_row(query *q, void *ctx)
{
	csm__buf *b = ctx;
	const char *name = col_text(q, 1);
	size_t i, used;
	/* a database written by an older csm may hold control characters: shown as \xNN */
	for (i = 2; i <= 5; i++) {
		used = b->len;
		csm__buf_escaped(b, col_text(q, (int)i) ? col_text(q, (int)i) : "-");
		csm__buf_pad(b, b->len - used, i == 2 ? 12 : i == 3 ? 10 : i == 4 ? 16 : 8);
		csm__buf_add(b, " ", 1);
	}
	csm__buf_escaped(b, name ? name : col_text(q, 0));
	csm__buf_add(b, "\n", 1);
	return 0;
}

int csm_db_list(char **out, csm_db *db)
{
	CSM__ARGS(out && db);
	csm__buf b = {0};
	query *q = NULL;
	int rc;
	*out = NULL;
	if ((rc = need_schema(db)) ||
	    (rc = prepare(&q, db,
	                  "SELECT org_key, org_name, assessed_on, questionnaire, industry, size_band FROM assessment"
	                  " ORDER BY org_key, assessed_on",
	                  0)))
		return rc;
	csm__buf_printf(&b, "%-12s %-10s %-16s %-8s %s\n", "assessed_on", "set", "industry", "size", "organization");
	rc = each_row(q, list_row, &b);
	query_free(q);
	if (rc) {
		csm__buf_free(&b);
		return rc;
	}
	return csm__buf_finish(&b, out);
}

int csm_db_remove(csm_db *db, const char *org, const char *date, const csm_db_options *opt, long long *removed)
{
	CSM__ARGS(db && org && removed);
	char *key = NULL, *legacy = NULL;
	query *q = NULL;
	int rc;
	*removed = 0;
	if ((rc = options_ok(opt)) || (rc = need_schema(db)) || (rc = org_key(&key, opt, org, 0)) ||
	    (opt && opt->key_len && (rc = org_key(&legacy, opt, org, 1))))
		goto done;
	/* also under its schema-1 pseudonym, if it still has one */
	if ((rc = prepare(&q, db,
	                  date ? "DELETE FROM assessment WHERE org_key IN (?1, ?2) AND assessed_on = ?3"
	                       : "DELETE FROM assessment WHERE org_key IN (?1, ?2)",
	                  date ? 3 : 2)) ||
	    (rc = bind_text(q, 1, key)) || (rc = bind_text(q, 2, legacy ? legacy : key)) ||
	    (date && (rc = bind_text(q, 3, date))))
		goto done;
	if ((rc = run(q)) < 0)
		goto done;
	*removed = db->pg ? strtoll(PQcmdTuples(q->res), NULL, 10) : sqlite3_changes(db->lite);
	rc = 0;
done:
	free(key);
	free(legacy);
	query_free(q);
	return rc;
}

/* ---- export --------------------------------------------------------------- */

/* Export records each release: the membership of every group it publishes
 * (csm_release, csm_release_group). A later export publishes no group that
 * differs from one of them by 1..k-1 organizations (aggregate.c), so that no
 * two exports can be subtracted to isolate fewer than k organizations. */

typedef struct export_ctx {
	csm_db *db;
	csm_aggregator *ag;
	const csm_questionnaire *q;
	csm_answers *cur; /* one for every row: made once, cleared per row */
	size_t ids_cap;   /* of cur->ids */
	long long release;
	char org[17]; /* of cur: 16 hex digits of SHA-256 of its key */
	query *ins;
	EVP_MD *sha256; /* fetched once, not per row */
	EVP_MD_CTX *mdctx; /* made once, not per row */
	/* SQLite: rowids of the assessments with a later one of their
	 * organization (of any questionnaire), sorted (later_scan); only these
	 * can be superseded, and `probe` asks whether they are */
	long long *later;
	size_t nlater, caplater;
	query *probe;
	const char *year;  /* the year exported, or "" */
	char *prev;        /* later_scan: the last entry's organization key */
	size_t prev_cap;
	long long prev_rowid;
} export_ctx;

/* The row's assessment to the aggregator. */
static int add_current(export_ctx *x)
{
	int rc = csm__aggregator_add_member(x->ag, x->cur, CSM_ALLOW_PARTIAL, x->org);
	return rc == 1 || rc == CSM_EINVALID ? 0 : rc; /* another year; nothing to score */
}

/* cur made ready for the row of assessment `id`: named for it, without the
 * last row's answers (its item array and ids block are kept: making and
 * freeing them each row was a tenth of the export; its fields are replaced
 * by field_for). */
static int current_for(export_ctx *x, long long id, size_t ids_len)
{
	char digits[24];
	size_t k = 0, i;
	unsigned long long u = id < 0 ? 0 : (unsigned long long)id;
	if (!x->cur && !(x->cur = csm__answers_new("assessment 18446744073709551615", x->q->item_count + 1)))
		return csm__nomem();
	x->cur->count = 0;
	x->cur->ids_len = 0;
	do /* "assessment ID" as snprintf would, without it */
		digits[k++] = (char)('0' + u % 10);
	while ((u /= 10));
	for (i = 0; i < k; i++)
		x->cur->name[11 + i] = digits[k - 1 - i];
	x->cur->name[11 + k] = '\0';
	if (ids_len > x->ids_cap) {
		char *t = realloc(x->cur->ids, ids_len);
		if (!t)
			return csm__nomem();
		x->cur->ids = t;
		x->ids_cap = ids_len;
	}
	return 0;
}

/* Field `f` of cur set to `v` (NULL: none), as csm_answers_field_set on a
 * fresh answers. The last row's value is kept when it is the same (it was
 * checked then): industries, sizes and dates repeat, and a copy per field
 * and row was a twentieth of the export. */
static int field_for(export_ctx *x, csm_answers_field f, const char *v)
{
	char **at = &x->cur->field[f];
	if (*at && v && strcmp(*at, v) == 0)
		return 0;
	free(*at);
	*at = NULL;
	return v || f == CSM_FIELD_ASSESSED_ON ? csm_answers_field_set(x->cur, f, v) : 0;
}

/* Whether `id` is the `n` bytes at `p` (ids are a few bytes: a call to
 * strncmp per item was a twentieth of the export). */
static int same_id(const char *id, const char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (id[i] != p[i])
			return 0;
	return id[n] == '\0';
}

/* The levels column `p` (schema 3) of assessment `id` read back into cur's
 * answers, in the order stored. */
static int levels_read(export_ctx *x, const char *p, long long id)
{
	while (p && *p) { /* item=L, item=n, item=@choice, item= */
		const char *end = p, *choice = NULL;
		size_t n, c = 0, i, at = x->cur->count;
		csm_answer_kind kind = CSM_ANSWER_NULL;
		csm__answer *an;
		int level = 0;
		while (*end && *end != '=' && end - p < 72)
			end++;
		n = (size_t)(end - p);
		if (*end != '=' || n == 0 || n >= 72)
			return csm__err(CSM_EIO, "%s: assessment %lld: levels column is damaged", x->db->target, id);
		end++;
		if (*end == 'n')
			kind = CSM_ANSWER_NA, end++;
		else if (*end >= '1' && *end <= '5')
			kind = CSM_ANSWER_LEVEL, level = *end++ - '0';
		else if (*end == '@') { /* a choice: its index in this questionnaire's scale, -1 if it has none */
			choice = ++end;
			c = strcspn(choice, ",");
			end += c;
			if (c == 0 || c > 32)
				return csm__err(CSM_EIO, "%s: assessment %lld: levels column is damaged", x->db->target, id);
			kind = CSM_ANSWER_CHOICE;
		}
		if (*end != ',' && *end != '\0')
			return csm__err(CSM_EIO, "%s: assessment %lld: levels column is damaged", x->db->target, id);
		if (at >= x->q->item_count + 1)
			return csm__err(CSM_EINVALID, "assessment %lld: more answers than items", id);
		an = &x->cur->items[x->cur->count++];
		/* As a rule the questionnaire's item of that place: its id is
		 * borrowed (scoring then finds it by address, csm__answers_find_near;
		 * export_row gives it back); any other goes to the ids block, as
		 * parsing a file keeps them. */
		if (at < x->q->item_count && same_id(x->q->items[at].id, p, n)) {
			an->id = x->q->items[at].id;
		} else {
			an->id = x->cur->ids + x->cur->ids_len;
			memcpy(an->id, p, n);
			an->id[n] = '\0';
			x->cur->ids_len += n + 1;
		}
		an->kind = kind;
		an->level = level;
		an->choice = NULL;
		if (choice) { /* in the ids block too, after the item's id (csm_answers_free knows the block) */
			an->choice = x->cur->ids + x->cur->ids_len;
			memcpy(an->choice, choice, c);
			an->choice[c] = '\0';
			x->cur->ids_len += c + 1;
			for (i = 0; i < x->q->choice_count; i++)
				if (strcmp(x->q->choices[i].id, an->choice) == 0)
					break;
			an->level = i < x->q->choice_count ? (int)i : -1;
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}

/* SQLite: which assessments have a later one of their organization, by one
 * pass over the UNIQUE (org_key, assessed_on) index: every entry but the
 * last of its organization. Only those are probed (export_row) for a later
 * one of the questionnaire and year; the others are their organization's
 * latest. A NOT EXISTS probe of every row in the query was half of
 * SQLite's part of the export; the pass costs a third of that. */
static int later_row(query *q, void *ctx)
{
	export_ctx *x = ctx;
	const char *key = col_text(q, 1);
	size_t n = key ? strlen(key) + 1 : 0;
	if (!key)
		return 0;
	if (x->prev && strcmp(x->prev, key) == 0) {
		if (x->nlater == x->caplater) {
			size_t cap = x->caplater ? 2 * x->caplater : 256;
			long long *t = realloc(x->later, cap * sizeof *t);
			if (!t)
				return csm__nomem();
			x->later = t;
			x->caplater = cap;
		}
		x->later[x->nlater++] = x->prev_rowid;
	}
	if (n > x->prev_cap) {
		char *t = realloc(x->prev, n);
		if (!t)
			return csm__nomem();
		x->prev = t;
		x->prev_cap = n;
	}
	memcpy(x->prev, key, n);
	x->prev_rowid = col_int(q, 0);
	return 0;
}

static int cmp_rowid(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* later_row over the index, and the probe prepared. */
static int later_scan(export_ctx *x)
{
	query *ix = NULL;
	int rc;
	if (!(rc = prepare(&ix, x->db, "SELECT rowid, org_key FROM assessment ORDER BY org_key, assessed_on", 0)))
		rc = each_row(ix, later_row, x);
	query_free(ix);
	if (rc)
		return rc;
	if (x->nlater > 1)
		qsort(x->later, x->nlater, sizeof *x->later, cmp_rowid);
	return prepare(&x->probe, x->db,
	               "SELECT 1 FROM assessment b WHERE b.questionnaire = ?1 AND b.org_key = ?2 AND b.assessed_on > ?3"
	               " AND (?4 = '' OR substr(b.assessed_on, 1, 4) = ?4) LIMIT 1",
	               4);
}

/* SQLite: 1 if the row's assessment has a later one of its organization of
 * the questionnaire and year (it is not counted), else 0; or an error. */
static int superseded(export_ctx *x, query *q, long long rowid)
{
	int rc;
	if (!x->probe || !x->nlater || !bsearch(&rowid, x->later, x->nlater, sizeof *x->later, cmp_rowid))
		return 0;
	if ((rc = bind_text_kept(x->probe, 1, x->q->id)) || (rc = bind_text_kept(x->probe, 2, col_text(q, 5))) ||
	    (rc = bind_text_kept(x->probe, 3, col_text(q, 3))) || (rc = bind_text_kept(x->probe, 4, x->year)))
		return rc;
	rc = sqlite3_step(x->probe->st);
	sqlite3_reset(x->probe->st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : db_err(x->db, "query");
}

/* One assessment per row, to the aggregator. */
static int export_row(query *q, void *ctx)
{
	export_ctx *x = ctx;
	long long id = col_int(q, 0);
	const char *key = col_text(q, 5), *p = col_text(q, 4);
	unsigned char md[32];
	unsigned i;
	int rc;

	if (x->probe && (rc = superseded(x, q, col_int(q, 6))))
		return rc < 0 ? rc : 0;
	if ((rc = current_for(x, id, p ? strlen(p) + 1 : 0)))
		return rc;
	if (!x->sha256 && !(x->sha256 = EVP_MD_fetch(NULL, "SHA256", NULL)))
		return csm__err(CSM_EIO, "the digest (SHA-256) is not available");
	if (!key || !csm__digest(&x->mdctx, x->sha256, key, strlen(key), md))
		return csm__err(CSM_EIO, "%s: assessment %lld: no organization key", x->db->target, id);
	for (i = 0; i < 8; i++) {
		x->org[2 * i] = "0123456789abcdef"[md[i] >> 4];
		x->org[2 * i + 1] = "0123456789abcdef"[md[i] & 15];
	}
	x->org[16] = '\0';
	if ((rc = field_for(x, CSM_FIELD_ORG_INDUSTRY, col_text(q, 1))) ||
	    (rc = field_for(x, CSM_FIELD_ORG_SIZE, col_text(q, 2))) ||
	    (rc = field_for(x, CSM_FIELD_ASSESSED_ON, col_text(q, 3))))
		return rc;
	rc = levels_read(x, p, id);
	if (!rc)
		rc = add_current(x);
	x->cur->count = 0; /* the ids borrowed from the questionnaire are not the answers' to free */
	return rc;
}

static int prior_row(query *q, void *ctx)
{
	export_ctx *x = ctx;
	return csm__aggregator_prior(x->ag, col_text(q, 0) ? col_text(q, 0) : "");
}

/* The members (megabytes for a large group) bound as they are, not copied:
 * they outlive the statement's run. */
static int record_group(void *ctx, const char *key, unsigned long long n, const char *members)
{
	export_ctx *x = ctx;
	int rc;
	if ((rc = bind_int(x->ins, 1, x->release)) || (rc = bind_text(x->ins, 2, key)) ||
	    (rc = bind_int(x->ins, 3, (long long)n)) || (rc = bind_text_kept(x->ins, 4, members)) || (rc = run(x->ins)) < 0)
		return rc;
	return 0;
}

/* The groups of the earlier releases to the aggregator, which then publishes
 * no group that would differ from one of them by fewer than k organizations. */
static int read_priors(export_ctx *x)
{
	query *qy = NULL;
	int rc;
	if (!(rc = prepare(&qy, x->db,
	                   "SELECT DISTINCT g.members FROM csm_release_group g JOIN csm_release r ON r.id = g.release_id"
	                   " WHERE r.questionnaire = ?1",
	                   1)) &&
	    !(rc = bind_text(qy, 1, x->q->id)))
		rc = each_row(qy, prior_row, x);
	query_free(qy);
	return rc;
}

/* The number of this release: one after the last (the export holds the
 * lock, so no other export takes it). */
static int next_release(long long *id, csm_db *db)
{
	query *qy = NULL;
	int rc;
	if (!(rc = prepare(&qy, db, "SELECT coalesce(max(id), 0) FROM csm_release", 0)) && (rc = run(qy)) >= 0) {
		first_row(qy);
		*id = col_int(qy, 0) + 1;
		rc = 0;
	}
	query_free(qy);
	return rc;
}

/* Log the release (number, questionnaire, year, k, time) and prepare the
 * insert of its groups (x->ins), which later exports read as priors. */
static int record_release(export_ctx *x, const csm_aggregate_options *opt)
{
	query *rel = NULL;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	int rc;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!(rc = prepare(&rel, x->db,
	                   "INSERT INTO csm_release (id, questionnaire, year, min_group, released_at)"
	                   " VALUES (?1, ?2, ?3, ?4, ?5)",
	                   5)) &&
	    !(rc = bind_int(rel, 1, x->release)) && !(rc = bind_text(rel, 2, x->q->id)) &&
	    !(rc = bind_text(rel, 3, opt->year)) && !(rc = bind_int(rel, 4, opt->min_group)) &&
	    !(rc = bind_text(rel, 5, now)) && (rc = run(rel)) >= 0)
		rc = prepare(&x->ins, x->db,
		             "INSERT INTO csm_release_group (release_id, group_key, n, members) VALUES (?1, ?2, ?3, ?4)", 4);
	query_free(rel);
	return rc < 0 ? rc : 0;
}

int csm_db_export(char **out, csm_db *db, const csm_questionnaire *q, const csm_aggregate_options *opt)
{
	CSM__ARGS(out && db && q && opt);
	/* Each organization counts once: its latest assessment (within the year):
	 * one with no later one of the organization. One row per assessment (the
	 * levels column); no order is needed, as each row is a whole assessment.
	 * SQLite reads the table in storage order (NOT INDEXED: a third of the
	 * time of reading the rows in an index's order, one random access each)
	 * and looks for a later one only where later_scan found one of any kind
	 * (superseded). PostgreSQL plans the anti-join itself. */
	const char *sql =
	    db->pg ? "SELECT a.id, a.industry, a.size_band, a.assessed_on, a.levels, a.org_key FROM assessment a"
	             " WHERE a.questionnaire = ?1 AND (?2 = '' OR substr(a.assessed_on, 1, 4) = ?2)"
	             " AND NOT EXISTS (SELECT 1 FROM assessment b WHERE b.questionnaire = a.questionnaire"
	             " AND b.org_key = a.org_key AND b.assessed_on > a.assessed_on"
	             " AND (?2 = '' OR substr(b.assessed_on, 1, 4) = ?2))"
	           : "SELECT a.id, a.industry, a.size_band, a.assessed_on, a.levels, a.org_key, a.rowid"
	             " FROM assessment a NOT INDEXED"
	             " WHERE a.questionnaire = ?1 AND (?2 = '' OR substr(a.assessed_on, 1, 4) = ?2)";
	export_ctx x;
	query *qy = NULL;
	int rc;

	*out = NULL;
	memset(&x, 0, sizeof x);
	x.db = db;
	x.q = q;
	if ((rc = need_schema(db)))
		return rc;
	if (db->in_tx)
		return csm__err(CSM_EINVALID, "%s: export inside an open transaction", db->target);
	/* One export at a time: each sees the releases of those before it. */
	if ((rc = exec_sql(db, db->pg ? "BEGIN" : "BEGIN IMMEDIATE")))
		return rc;
	db->in_tx = 1;
	if ((db->pg && (rc = exec_sql(db, "LOCK TABLE csm_release IN EXCLUSIVE MODE"))) ||
	    (rc = csm_aggregator_new(&x.ag, q, opt)) || (rc = csm__aggregator_track(x.ag)))
		goto done;
	x.year = opt->year ? opt->year : "";
	if ((!db->pg && (rc = later_scan(&x))) || (rc = prepare(&qy, db, sql, 2)) || (rc = bind_text(qy, 1, q->id)) ||
	    (rc = bind_text(qy, 2, opt->year ? opt->year : "")) || (rc = each_row(qy, export_row, &x)))
		goto done;
	query_free(qy);
	qy = NULL;
	if ((rc = read_priors(&x)) || (rc = next_release(&x.release, db)) || (rc = record_release(&x, opt)) ||
	    (rc = csm__aggregator_export_release(out, x.ag, record_group, &x)))
		goto done;
	rc = exec_sql(db, "COMMIT");
	db->in_tx = 0;
done:
	if (db->in_tx) { /* nothing published, nothing logged */
		exec_sql(db, "ROLLBACK");
		db->in_tx = 0;
	}
	if (rc) {
		free(*out);
		*out = NULL;
	}
	csm_answers_free(x.cur);
	csm__digest_free(x.mdctx);
	query_free(x.probe);
	free(x.later);
	free(x.prev);
	if (x.sha256)
		EVP_MD_free(x.sha256);
	csm_aggregator_free(x.ag);
	query_free(qy);
	query_free(x.ins);
	return rc < 0 ? rc : 0;
}
