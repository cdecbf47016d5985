/* The benchmark database of an ISAC (SPEC §7): SQLite by default, PostgreSQL
 * through libpq for a shared server. Both take the same SQL, written with
 * ?N placeholders (turned into $N for PostgreSQL), and only prepared
 * statements touch data. Each assessment is stored in one transaction, so it
 * is there whole or not at all; storing the same organization and date again
 * replaces it (the old rows go by ON DELETE CASCADE). */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include "internal.h"

#define SCHEMA_VERSION 1
#define MAX_PARAMS 2048

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

typedef struct query query;

struct csm_db {
	int pg;
	sqlite3 *lite;
	PGconn *conn;
	char *target;
	int in_tx;
	long long next_id; /* ids are given here, so both backends behave alike */
	query *cached[8];  /* prepared statements kept for ingest */
	size_t answers_n;  /* rows of the cached answer INSERT */
	int pipeline;      /* PostgreSQL: statements sent, results read at commit */
	int nprep;         /* names of PostgreSQL statements */
};

struct query {
	csm_db *db;
	sqlite3_stmt *st;
	char name[24];
	int nparams;
	char *values[MAX_PARAMS];
	/* PostgreSQL rows */
	PGresult *res;
	int row, rows, single;
};

static int db_err(csm_db *db, const char *what)
{
	return csm__err(CSM_EIO, "%s: %s: %s", db->target, what,
	                db->pg ? PQerrorMessage(db->conn) : sqlite3_errmsg(db->lite));
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
	const char *s = col_text(q, i);
	return s ? strtoll(s, NULL, 10) : 0;
}

static int col_null(query *q, int i)
{
	if (!q->db->pg)
		return sqlite3_column_type(q->st, i) == SQLITE_NULL;
	return PQgetisnull(q->res, q->row, i);
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
			int rc = csm__err(CSM_EIO, "%s: %s", db->target, msg ? msg : "error");
			sqlite3_free(msg);
			return rc;
		}
		return 0;
	} else {
		PGresult *r = PQexec(db->conn, sql);
		int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
		PQclear(r);
		return ok ? 0 : db_err(db, "statement");
	}
}

/* ---- open, schema -------------------------------------------------------- */

void csm_db_close(csm_db *db)
{
	int i;
	if (!db)
		return;
	for (i = 0; i < 8; i++)
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

int csm_db_open(csm_db **out, const char *target)
{
	csm_db *db;
	int rc = 0;

	*out = NULL;
	if (!(db = calloc(1, sizeof *db)) || !(db->target = csm__strdup(target))) {
		free(db);
		return csm__nomem();
	}
	db->pg = strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
	if (db->pg) {
		db->conn = PQconnectdb(target);
		if (PQstatus(db->conn) != CONNECTION_OK) {
			rc = csm__err(CSM_EIO, "%s: cannot connect: %s", target, PQerrorMessage(db->conn));
			goto fail;
		}
		if ((rc = exec_sql(db, "SET client_min_messages = warning")))
			goto fail;
	} else {
		struct stat st;
		/* A new database holds members' data: readable by its owner only. */
		if (stat(target, &st) != 0) {
			int fd = open(target, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
			if (fd < 0) {
				rc = csm__err(CSM_EIO, "%s: cannot create: %s", target, strerror(errno));
				goto fail;
			}
			close(fd);
		} else if (!S_ISREG(st.st_mode)) {
			rc = csm__err(CSM_EINVALID, "%s: not a database file", target);
			goto fail;
		}
		if (sqlite3_open_v2(target, &db->lite, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
			rc = db_err(db, "cannot open");
			goto fail;
		}
		sqlite3_busy_timeout(db->lite, 10000);
		if ((rc = exec_sql(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL")))
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

int csm_db_init(csm_db *db, int *created)
{
	int version, rc, i;
	*created = 0;
	if ((rc = schema_version(db, &version)))
		return rc;
	if (version > SCHEMA_VERSION)
		return csm__err(CSM_EINVALID, "%s: schema version %d is newer than this csm (%d)", db->target, version,
		                SCHEMA_VERSION);
	if (version == SCHEMA_VERSION)
		return 0;
	if ((rc = exec_sql(db, "BEGIN")))
		return rc;
	/* version 0 -> 1; later versions add their steps here */
	for (i = 0; schema_v1[i]; i++)
		if ((rc = exec_sql(db, schema_v1[i])))
			goto fail;
	if ((rc = exec_sql(db, "INSERT INTO csm_schema (version) VALUES (1)")) || (rc = exec_sql(db, "COMMIT")))
		goto fail;
	*created = 1;
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
	if (version != SCHEMA_VERSION)
		return csm__err(CSM_EINVALID, "%s: no csm database here (schema %d); run 'csm db init' first", db->target,
		                version);
	return 0;
}

int csm_db_check(csm_db *db)
{
	assert(db);
	return need_schema(db);
}

/* ---- pseudonyms ------------------------------------------------------------ */

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

/* The key an organization is stored under. */
static int org_key(char *out, size_t size, const csm_db_options *opt, const char *name)
{
	if (opt && opt->key_len) {
		char h[65];
		int rc = keyed_hash(h, opt->key, opt->key_len, name);
		if (!rc)
			snprintf(out, size, "h:%s", h);
		return rc;
	}
	snprintf(out, size, "%s", name);
	return 0;
}

/* ---- ingest ---------------------------------------------------------------- */

int csm_db_begin(csm_db *db)
{
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
				rc = csm__err(CSM_EIO, "%s: statement: %s", db->target, PQresultErrorMessage(r));
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
	int rc;
	if (!db->in_tx)
		return 0;
	pipeline_end(db);
	rc = exec_sql(db, "ROLLBACK");
	db->in_tx = 0;
	return rc;
}

enum { Q_DELETE, Q_MAXID, Q_ASSESSMENT, Q_ASSESSOR, Q_ANSWERS };

static int cached(query **out, csm_db *db, int which, const char *sql, int nparams)
{
	int rc;
	if (!db->cached[which] && (rc = prepare(&db->cached[which], db, sql, nparams)))
		return rc;
	*out = db->cached[which];
	return 0;
}

/* INSERT of `n` answer rows in one prepared statement (one per size). */
static int answers_query(query **out, csm_db *db, size_t n)
{
	char *sql;
	size_t i, len = 0, cap = 96 + n * 48;
	int rc;
	if (db->cached[Q_ANSWERS] && db->answers_n == n) {
		*out = db->cached[Q_ANSWERS];
		return 0;
	}
	query_free(db->cached[Q_ANSWERS]);
	db->cached[Q_ANSWERS] = NULL;
	if (!(sql = malloc(cap)))
		return csm__nomem();
	len += (size_t)snprintf(sql, cap, "INSERT INTO answer (assessment_id, item, level, na, evidence, note) VALUES ");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(sql + len, cap - len, "%s(?1, ?%zu, ?%zu, ?%zu, ?%zu, ?%zu)", i ? ", " : "", 2 + 5 * i,
		                        3 + 5 * i, 4 + 5 * i, 5 + 5 * i, 6 + 5 * i);
	rc = prepare(&db->cached[Q_ANSWERS], db, sql, (int)(1 + 5 * n));
	free(sql);
	db->answers_n = n;
	*out = db->cached[Q_ANSWERS];
	return rc;
}

int csm_db_store(csm_db *db, const csm_answers *a, const csm_questionnaire *q, const csm_db_options *opt)
{
	char key[512], sub[80], now[32];
	const char *name = a->field[CSM_FIELD_ORG_NAME], *date = a->field[CSM_FIELD_ASSESSED_ON];
	query *qy;
	size_t i;
	time_t t = time(NULL);
	struct tm tm;
	int rc, p;

	if ((rc = csm_answers_check(a, q, opt && opt->allow_partial ? CSM_ALLOW_PARTIAL : 0)))
		return rc;
	if (!name || !date)
		return csm__err(CSM_EINVALID, "%s: %s: required to store an assessment", a->name,
		                !name ? "organization.name" : "assessed_on");
	if (a->count * 5 + 1 > MAX_PARAMS)
		return csm__err(CSM_EINVALID, "%s: too many items to store", a->name);
	if ((rc = org_key(key, sizeof key, opt, name)))
		return rc;
	sub[0] = '\0';
	if (opt && opt->submitter && opt->submitter[0]) {
		if (opt->key_len) {
			char h[65];
			if ((rc = keyed_hash(h, opt->key, opt->key_len, opt->submitter)))
				return rc;
			snprintf(sub, sizeof sub, "h:%.16s", h);
		} else {
			snprintf(sub, sizeof sub, "%.60s", opt->submitter);
		}
	}
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((rc = csm_db_begin(db)))
		return rc;
	/* replace: the old assessment of this organization and date goes, with its rows */
	if ((rc = cached(&qy, db, Q_DELETE, "DELETE FROM assessment WHERE org_key = ?1 AND assessed_on = ?2", 2)) ||
	    (rc = bind_text(qy, 1, key)) || (rc = bind_text(qy, 2, date)) || (rc = run(qy)) < 0)
		return rc;
	if (!db->next_id) { /* SQLite; PostgreSQL found it at begin */
		if ((rc = cached(&qy, db, Q_MAXID, "SELECT coalesce(max(id), 0) FROM assessment", 0)) || (rc = run(qy)) < 0)
			return rc;
		first_row(qy);
		db->next_id = col_int(qy, 0) + 1;
		if (!db->pg)
			sqlite3_reset(qy->st);
	}
	if ((rc = cached(&qy, db, Q_ASSESSMENT,
	                 "INSERT INTO assessment (id, org_key, org_name, submitter, questionnaire, industry, size_band, scope,"
	                 " assessed_on, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	                 10)) ||
	    (rc = bind_int(qy, 1, db->next_id)) || (rc = bind_text(qy, 2, key)) ||
	    (rc = bind_text(qy, 3, opt && opt->key_len ? NULL : name)) || (rc = bind_text(qy, 4, sub[0] ? sub : NULL)) ||
	    (rc = bind_text(qy, 5, q->id)) || (rc = bind_text(qy, 6, a->field[CSM_FIELD_ORG_INDUSTRY])) ||
	    (rc = bind_text(qy, 7, a->field[CSM_FIELD_ORG_SIZE])) || (rc = bind_text(qy, 8, a->field[CSM_FIELD_ORG_SCOPE])) ||
	    (rc = bind_text(qy, 9, date)) || (rc = bind_text(qy, 10, now)) || (rc = run(qy)) < 0)
		return rc;
	for (i = 0; i < a->assessor_count; i++) {
		if ((rc = cached(&qy, db, Q_ASSESSOR,
		                 "INSERT INTO assessor (assessment_id, pos, name, role) VALUES (?1, ?2, ?3, ?4)", 4)) ||
		    (rc = bind_int(qy, 1, db->next_id)) || (rc = bind_int(qy, 2, (long long)i)) ||
		    (rc = bind_text(qy, 3, opt && opt->key_len ? NULL : a->assessor_name[i])) ||
		    (rc = bind_text(qy, 4, a->assessor_role[i])) || (rc = run(qy)) < 0)
			return rc;
	}
	if (a->count) {
		if ((rc = answers_query(&qy, db, a->count)) || (rc = bind_int(qy, 1, db->next_id)))
			return rc;
		for (i = 0, p = 2; i < a->count; i++, p += 5) {
			const csm__answer *an = &a->items[i];
			if ((rc = bind_text(qy, p, an->id)))
				return rc;
			rc = an->kind == CSM_ANSWER_LEVEL ? bind_int(qy, p + 1, an->level) : bind_text(qy, p + 1, NULL);
			if (rc || (rc = bind_int(qy, p + 2, an->kind == CSM_ANSWER_NA)) || (rc = bind_text(qy, p + 3, an->evidence)) ||
			    (rc = bind_text(qy, p + 4, an->note)))
				return rc;
		}
		if ((rc = run(qy)) < 0)
			return rc;
	}
	db->next_id++;
	return 0;
}

/* ---- list, remove --------------------------------------------------------- */

static int list_row(query *q, void *ctx)
{
	csm__buf *b = ctx;
	const char *name = col_text(q, 1);
	csm__buf_printf(b, "%-12s %-10s %-16s %-8s %s\n", col_text(q, 2), col_text(q, 3),
	                col_text(q, 4) ? col_text(q, 4) : "-", col_text(q, 5) ? col_text(q, 5) : "-",
	                name ? name : col_text(q, 0));
	return 0;
}

int csm_db_list(char **out, csm_db *db)
{
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
	char key[512];
	query *q = NULL;
	int rc;
	*removed = 0;
	if ((rc = need_schema(db)) || (rc = org_key(key, sizeof key, opt, org)))
		return rc;
	if ((rc = prepare(&q, db,
	                  date ? "DELETE FROM assessment WHERE org_key = ?1 AND assessed_on = ?2"
	                       : "DELETE FROM assessment WHERE org_key = ?1",
	                  date ? 2 : 1)) ||
	    (rc = bind_text(q, 1, key)) || (date && (rc = bind_text(q, 2, date))))
		goto done;
	if ((rc = run(q)) < 0)
		goto done;
	*removed = db->pg ? strtoll(PQcmdTuples(q->res), NULL, 10) : sqlite3_changes(db->lite);
	rc = 0;
done:
	query_free(q);
	return rc;
}

/* ---- export --------------------------------------------------------------- */

typedef struct export_ctx {
	csm_aggregator *ag;
	const csm_questionnaire *q;
	csm_answers *cur;
	long long cur_id;
	unsigned long long added, skipped;
	int rc;
} export_ctx;

static int flush_current(export_ctx *x)
{
	int rc = 0;
	if (x->cur) {
		rc = csm_aggregator_add(x->ag, x->cur, CSM_ALLOW_PARTIAL);
		if (rc == 0)
			x->added++;
		else if (rc == 1 || rc == CSM_EINVALID) /* another year; nothing to score */
			x->skipped++, rc = 0;
		csm_answers_free(x->cur);
		x->cur = NULL;
	}
	return rc;
}

static int export_row(query *q, void *ctx)
{
	export_ctx *x = ctx;
	long long id = col_int(q, 0);
	int rc;
	if (!x->cur || id != x->cur_id) {
		char name[64];
		if ((rc = flush_current(x)))
			return rc;
		snprintf(name, sizeof name, "assessment %lld", id);
		if (!(x->cur = csm__answers_new(name, x->q->item_count + 1)))
			return csm__nomem();
		x->cur_id = id;
		if ((col_text(q, 1) && (rc = csm_answers_field_set(x->cur, CSM_FIELD_ORG_INDUSTRY, col_text(q, 1)))) ||
		    (col_text(q, 2) && (rc = csm_answers_field_set(x->cur, CSM_FIELD_ORG_SIZE, col_text(q, 2)))) ||
		    (rc = csm_answers_field_set(x->cur, CSM_FIELD_ASSESSED_ON, col_text(q, 3))))
			return rc;
	}
	if (x->cur->count >= x->q->item_count + 1)
		return csm__err(CSM_EINVALID, "assessment %lld: more answers than items", id);
	return csm__answers_push(x->cur, col_text(q, 4),
	                         col_int(q, 6) ? CSM_ANSWER_NA : col_null(q, 5) ? CSM_ANSWER_NULL : CSM_ANSWER_LEVEL,
	                         (int)col_int(q, 5));
}

int csm_db_export(csm_db *db, csm_aggregator *ag, const csm_questionnaire *q, const char *year)
{
	/* Each organization counts once: its latest assessment (within the year). */
	static const char *const sql =
	    "SELECT a.id, a.industry, a.size_band, a.assessed_on, n.item, n.level, n.na"
	    " FROM assessment a JOIN answer n ON n.assessment_id = a.id"
	    " WHERE a.questionnaire = ?1 AND a.assessed_on = (SELECT max(b.assessed_on) FROM assessment b"
	    "   WHERE b.org_key = a.org_key AND b.questionnaire = a.questionnaire"
	    "   AND (?2 = '' OR substr(b.assessed_on, 1, 4) = ?2))"
	    " ORDER BY a.id";
	export_ctx x;
	query *qy = NULL;
	int rc;
	memset(&x, 0, sizeof x);
	x.ag = ag;
	x.q = q;
	if ((rc = need_schema(db)) || (rc = prepare(&qy, db, sql, 2)) || (rc = bind_text(qy, 1, q->id)) ||
	    (rc = bind_text(qy, 2, year ? year : "")))
		goto done;
	rc = each_row(qy, export_row, &x);
	if (!rc)
		rc = flush_current(&x);
done:
	csm_answers_free(x.cur);
	query_free(qy);
	return rc;
}
