/* csm db: the benchmark database of an ISAC (init, ingest, list, remove, export). */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "common.h"

typedef struct db_args {
	cli_args c;
	const char *db, *key_file, *submitter, *year, *name, *source, *grade_a, *grade_b, *date;
	cli_uint min_group, busy_timeout;
	int strict, pseudonymize;
	/* set by run_db */
	unsigned char key[4097];
	size_t key_len;
} db_args;

/* The pseudonymization key from --key-file: 32..4096 bytes, not one byte
 * repeated (a guessable key makes the pseudonyms reversible by trying
 * names). A key others can read is used, with a warning. */
static int read_key(unsigned char *key, size_t *len, const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	size_t n, i;
	if (!f) {
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return EXIT_INPUT;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		fprintf(stderr, "%s: not a regular file\n", path);
		return EXIT_INPUT;
	}
	n = fread(key, 1, 4097, f);
	fclose(f);
	if (n < 32 || n > 4096) {
		fprintf(stderr,
		        "%s: a key file holds 32 to 4096 bytes, this one %zu%s (make one with: head -c 32 /dev/urandom > key)\n",
		        path, n > 4096 ? (size_t)4096 : n, n > 4096 ? "+" : "");
		return EXIT_INPUT;
	}
	for (i = 1; i < n && key[i] == key[0]; i++)
		;
	if (i == n) {
		fprintf(stderr, "%s: the key is one byte repeated; use random bytes (head -c 32 /dev/urandom > key)\n", path);
		return EXIT_INPUT;
	}
	if (st.st_mode & 077)
		fprintf(stderr, "%s: warning: the key file can be read by %s; chmod 600 %s\n", path,
		        st.st_mode & 007 ? "others" : "its group", path);
	*len = n;
	return 0;
}

/* ---- ingest ---- */

static int is_jsonl(const char *path)
{
	size_t n = strlen(path);
	return strcmp(path, "-") == 0 || (n > 6 && strcmp(path + n - 6, ".jsonl") == 0) ||
	       (n > 7 && strcmp(path + n - 7, ".ndjson") == 0);
}

typedef struct ingest_state {
	csm_db *db;
	db_args *r;
	csm_db_options dbo;
	unsigned long long stored, skipped, in_batch;
	int failed; /* with --strict: stop */
	char noticed[16][72]; /* industry ids whose notice was printed: once a run, not once a line */
	size_t nnoticed;
	char settled[64][72]; /* industry ids resolving to themselves with nothing (more) to print */
	size_t nsettled;
} ingest_state;

/* As cli_resolve_industry(), each id's notice printed once a run, not once a
 * line. An id that resolves to itself, its notice printed, is not resolved
 * again: the notice, built for every line and then dropped, was a tenth of
 * the ingest's time. */
static int ingest_industry(ingest_state *st, csm_answers *a)
{
	const cli_args *o = &st->r->c;
	const char *id = csm_answers_field_get(a, CSM_FIELD_ORG_INDUSTRY), *now;
	char was[72] = "", *notes = NULL;
	size_t i;
	int rc, seen = 0;
	if (id && strlen(id) < sizeof was)
		memcpy(was, id, strlen(id) + 1);
	for (i = 0; was[0] && i < st->nsettled; i++)
		if (strcmp(st->settled[i], was) == 0)
			return 0;
	for (i = 0; was[0] && i < st->nnoticed; i++)
		seen |= strcmp(st->noticed[i], was) == 0;
	rc = csm_answers_resolve_industry(&notes, a, o->industries, o->lang);
	if (!rc && notes[0] && !seen) {
		fprintf(stderr, "%s", notes);
		if (st->nnoticed < sizeof st->noticed / sizeof st->noticed[0])
			memcpy(st->noticed[st->nnoticed++], was, sizeof was), seen = 1;
	}
	now = csm_answers_field_get(a, CSM_FIELD_ORG_INDUSTRY);
	if (!rc && was[0] && (!notes[0] || seen) && now && strcmp(now, was) == 0 &&
	    st->nsettled < sizeof st->settled / sizeof st->settled[0])
		memcpy(st->settled[st->nsettled++], was, sizeof was);
	csm_free(notes);
	return rc;
}

/* An invalid assessment: reported and skipped, or with --strict the end. */
static void ingest_skip(ingest_state *st)
{
	fprintf(stderr, "%s\n", csm_error_last());
	st->skipped++;
	if (st->r->strict)
		st->failed = 1;
}

/* Store one parsed assessment; invalid ones are reported and skipped. */
static int ingest_one(ingest_state *st, csm_answers *a)
{
	const cli_args *o = &st->r->c;
	const csm_questionnaire *q = NULL;
	int rc;
	if ((o->industries && (rc = ingest_industry(st, a))) ||
	    (o->questionnaire && (rc = csm_answers_field_set(a, CSM_FIELD_QUESTIONNAIRE, o->questionnaire))) ||
	    (rc = csm_context_questionnaire(&q, o->ctx, csm_answers_field_get(a, CSM_FIELD_QUESTIONNAIRE)))) {
		ingest_skip(st);
		return 0;
	}
	if ((rc = csm_db_store(st->db, a, q, &st->dbo))) {
		if (rc == CSM_EIO || rc == CSM_ENOMEM)
			return cli_lib_error(rc); /* the database failed: stop */
		ingest_skip(st);
		return 0;
	}
	st->stored++;
	st->in_batch++;
	return 0;
}

static int ingest_commit(ingest_state *st)
{
	int rc;
	if (st->r->strict) /* one transaction for the whole run */
		return 0;
	if ((rc = csm_db_commit(st->db)))
		return cli_lib_error(rc);
	st->in_batch = 0;
	return 0;
}

static int ingest_jsonl(ingest_state *st, const char *path)
{
	csm_lines *lr = NULL;
	const char *line;
	char name[4096 + 32];
	size_t n;
	unsigned long long lineno = 0, used;
	int status = 0, rc, too_long;
	if ((rc = csm_lines_open(&lr, path, 0)))
		return cli_lib_error(rc);
	while (!status && !st->failed && (rc = csm_lines_next(&line, &n, &used, &too_long, lr)) > 0) {
		csm_answers *a = NULL;
		lineno++;
		if (too_long) {
			fprintf(stderr, "%s:%llu: line is too long (more than %u bytes); skipped\n", path, lineno,
			        CSM_MAX_FILE_BYTES);
			st->skipped++;
			st->failed = st->r->strict;
			continue;
		}
		if (strspn(line, " \t\r\n") == n)
			continue;
		snprintf(name, sizeof name, "%s:%llu", path, lineno);
		if (csm_answers_parse_in(&a, st->r->c.ctx, line, n, name, st->r->c.questionnaire)) {
			ingest_skip(st);
			continue;
		}
		status = ingest_one(st, a);
		csm_answers_free(a);
		/* whole assessments in transactions of up to 1000 */
		if (!status && st->in_batch >= 1000)
			status = ingest_commit(st);
	}
	if (!status && rc < 0) { /* "path: cannot read: why" */
		fprintf(stderr, "%s\n", csm_error_last());
		status = EXIT_INPUT;
	}
	csm_lines_free(lr);
	return status;
}

/* After an ingest: what was stored, or why nothing was. */
static int ingest_report(ingest_state *st, int status)
{
	if (st->failed || status) {
		csm_db_rollback(st->db);
		if (st->failed) {
			fprintf(stderr, "csm: stopped at an invalid assessment (--strict); nothing was stored\n");
			return EXIT_INPUT;
		}
		if (status == EXIT_FAIL) /* the database failed: what is kept, and that a rerun is safe */
			fprintf(stderr,
			        "csm: %llu assessments were stored before this; run the same ingest again to store the rest\n"
			        "(an organization and date stored again is replaced, not doubled)\n",
			        st->r->strict ? 0 : st->stored - st->in_batch);
		return status;
	}
	fprintf(stderr, "csm: %llu assessments stored%s", st->stored, st->skipped ? "" : "\n");
	if (st->skipped)
		fprintf(stderr, ", %llu invalid skipped (see above)\n", st->skipped);
	return st->skipped && !st->stored ? EXIT_INPUT : 0; /* nothing of the input was usable */
}

static int db_ingest(csm_db *db, db_args *r)
{
	const cli_args *o = &r->c;
	ingest_state st;
	int i, rc, status = 0;
	memset(&st, 0, sizeof st);
	st.db = db;
	st.r = r;
	st.dbo = (csm_db_options)CSM_DB_OPTIONS_INIT;
	st.dbo.key = r->key_len ? r->key : NULL;
	st.dbo.key_len = r->key_len;
	st.dbo.submitter = r->submitter;
	st.dbo.allow_partial = o->allow_partial;
	if (o->nfiles < 2)
		status = cli_usage_error("db ingest: give answers files (JSON, CSV, or JSON Lines .jsonl)");
	for (i = 1; i < o->nfiles && !status && (o->org || o->industry || r->date); i++)
		if (is_jsonl(o->files[i]))
			status = cli_usage_error("db ingest: --org, --industry and --date name one assessment; "
			                         "%s holds many (JSON Lines), each naming its own", o->files[i]);
	for (i = 1; i < o->nfiles && !status && !st.failed; i++) {
		if (is_jsonl(o->files[i])) {
			status = ingest_jsonl(&st, o->files[i]);
		} else {
			csm_answers *a = NULL;
			/* a CSV names no organization, industry or date: the command line does, as for score */
			/* read for the questionnaire it answers, which may have its own scale (refused when stored) */
			if (csm_answers_load_in(&a, o->ctx, o->files[i], o->questionnaire) ||
			    (o->org && csm_answers_field_set(a, CSM_FIELD_ORG_NAME, o->org)) ||
			    (o->industry && csm_answers_field_set(a, CSM_FIELD_ORG_INDUSTRY, o->industry)) ||
			    (r->date && csm_answers_field_set(a, CSM_FIELD_ASSESSED_ON, r->date)))
				ingest_skip(&st);
			else if (!csm_answers_field_get(a, CSM_FIELD_ORG_NAME) || !csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON)) {
				fprintf(stderr, "%s: %s: required to store an assessment; for a file that names none, such as a CSV, "
				        "give --org%s\n",
				        o->files[i], !csm_answers_field_get(a, CSM_FIELD_ORG_NAME) ? "organization.name" : "assessed_on",
				        csm_answers_field_get(a, CSM_FIELD_ASSESSED_ON) ? "" : " and --date");
				st.skipped++;
				st.failed = r->strict;
			} else
				status = ingest_one(&st, a);
			csm_answers_free(a);
		}
		/* each file whole or not at all */
		if (!status && !st.failed)
			status = ingest_commit(&st);
	}
	if (!status && !st.failed && r->strict && (rc = csm_db_commit(db)))
		status = cli_lib_error(rc);
	return ingest_report(&st, status);
}

/* ---- the other subcommands ---- */

static int db_init(csm_db *db, const char *shown)
{
	int rc, created = 0;
	if ((rc = csm_db_init(&created, db)))
		return cli_lib_error(rc);
	fprintf(stderr, "%s: %s\n", shown,
	        created == 1   ? "schema created"
	        : created == 2 ? "schema migrated (brought up to date)"
	                       : "schema is current");
	return 0;
}

static int db_list(csm_db *db, const db_args *r)
{
	char *text = NULL;
	int rc, status;
	if ((rc = csm_db_list(&text, db)))
		return cli_lib_error(rc);
	status = cli_write_text(r->c.output, text);
	csm_free(text);
	return status;
}

static int db_remove(csm_db *db, const db_args *r)
{
	const cli_args *o = &r->c;
	csm_db_options dbo = {CSM_DB_OPTIONS_VERSION, r->key_len ? r->key : NULL, r->key_len, NULL, 0};
	long long removed = 0;
	int rc;
	if (o->nfiles < 2 || o->nfiles > 3)
		return cli_usage_error("db remove: give the organization's name, and optionally a date");
	if ((rc = csm_db_remove(db, o->files[1], o->nfiles == 3 ? o->files[2] : NULL, &dbo, &removed)))
		return cli_lib_error(rc);
	fprintf(stderr, "csm: %lld assessments removed\n", removed);
	return 0;
}

static int db_export(csm_db *db, db_args *r)
{
	cli_args *o = &r->c;
	csm_aggregate_options ao = CSM_AGGREGATE_OPTIONS_INIT;
	const csm_questionnaire *q = NULL;
	char *text = NULL;
	int rc, status;
	ao.year = r->year;
	ao.name = r->name ? r->name : "csm benchmark database export";
	ao.source = r->source;
	ao.industries = o->industries; /* older ids as the new, and the parent groups */
	ao.min_group = r->min_group.set ? (unsigned)r->min_group.v : csm_context_min_group(o->ctx);
	if ((status = cli_grading(&ao.grading, o, r->grade_a, r->grade_b, 1)))
		return status;
	/* The release is logged before the file is written: a failed write
	 * leaves a logged release that was never seen, which only makes later
	 * exports more careful. */
	if ((rc = csm_context_questionnaire(&q, o->ctx, o->questionnaire)) || (rc = csm_db_export(&text, db, q, &ao)))
		status = cli_lib_error(rc);
	else
		status = cli_write_bytes(o->output, text, strlen(text));
	csm_free(text);
	return status;
}

static int run_db(cli_args *args)
{
	db_args *r = (db_args *)args;
	cli_args *o = &r->c;
	const char *sub = o->nfiles ? o->files[0] : "";
	csm_db *db = NULL;
	char *shown = NULL;
	int rc, status = 0;

	if (!r->db)
		return cli_usage_error("db: --db PATH|postgresql://URL is required");
	if (strcmp(sub, "init") && strcmp(sub, "ingest") && strcmp(sub, "list") && strcmp(sub, "remove") &&
	    strcmp(sub, "export"))
		return cli_usage_error("db: use init, ingest, list, remove or export");
	if (r->pseudonymize && !r->key_file)
		return cli_usage_error("db: --pseudonymize needs --key-file FILE");
	if ((r->key_file && (status = read_key(r->key, &r->key_len, r->key_file))) || (status = cli_context(o)))
		return status;
	if (strcmp(sub, "init") != 0 && strncmp(r->db, "postgresql://", 13) != 0 && strncmp(r->db, "postgres://", 11) != 0) {
		struct stat st;
		if (stat(r->db, &st) != 0) { /* don't create an empty file for a mistyped path */
			fprintf(stderr, "%s: no such database; run 'csm db init --db %s' first\n", r->db, r->db);
			return EXIT_INPUT;
		}
	}
	if ((rc = csm_db_mask(&shown, r->db)))
		return cli_lib_error(rc);
	if ((rc = csm_db_open(&db, r->db)) ||
	    (r->busy_timeout.set && (rc = csm_db_set_busy_timeout(db, (unsigned)r->busy_timeout.v * 1000u))) ||
	    (strcmp(sub, "init") != 0 && (rc = csm_db_check(db))))
		status = cli_lib_error(rc);
	else if (strcmp(sub, "init") == 0)
		status = db_init(db, shown);
	else if (strcmp(sub, "ingest") == 0)
		status = db_ingest(db, r);
	else if (strcmp(sub, "list") == 0)
		status = db_list(db, r);
	else if (strcmp(sub, "remove") == 0)
		status = db_remove(db, r);
	else
		status = db_export(db, r);
	csm_free(shown);
	csm_db_close(db);
	return status;
}

#define DB_ARG(field) offsetof(db_args, field)

static const cli_opt db_opts[] = {
    {"--db", NULL, CLI_STR, CLI_IN, DB_ARG(db), 0, 0, "PATH|URL",
         "the database: an SQLite file or postgresql://... (required)"},
    {"--busy-timeout", NULL, CLI_UINT, 0, DB_ARG(busy_timeout), 0, 86400, "SECONDS",
         "how long to wait for another writer (default: the library's, 60)"},
    {"--strict", NULL, CLI_FLAG, 0, DB_ARG(strict), 0, 0, NULL,
         "ingest: the first invalid assessment ends the run; nothing is stored"},
    {"--pseudonymize", NULL, CLI_FLAG, 0, DB_ARG(pseudonymize), 0, 0, NULL,
         "ingest: store organizations under a keyed hash (needs --key-file)"},
    {"--key-file", NULL, CLI_STR, CLI_IN, DB_ARG(key_file), 0, 0, "KEY",
         "the pseudonymization key: 32 to 4096 random bytes"},
    {"--submitter", NULL, CLI_STR, 0, DB_ARG(submitter), 0, 0, "NAME", "ingest: who submitted the assessments"},
    OPT_ORG,
    OPT_INDUSTRY,
    {"--date", NULL, CLI_STR, 0, DB_ARG(date), 0, 0, "YYYY-MM-DD",
         "ingest: the date of the assessment, for a CSV (which carries none)"},
    OPT_ALLOW_PARTIAL,
    OPT_QUESTIONNAIRE,
    OPT_OUTPUT("list, export: write here instead of standard output"),
    {"--year", NULL, CLI_STR, 0, DB_ARG(year), 0, 0, "YYYY", "export: the year of the assessments"},
    {"--min-group", NULL, CLI_UINT, 0, DB_ARG(min_group), 1, 1000000, "K",
         "export: publish no group of fewer organizations (default 5)"},
    {"--name", NULL, CLI_STR, 0, DB_ARG(name), 0, 0, "NAME", "export: the benchmark's name"},
    {"--source", NULL, CLI_STR, 0, DB_ARG(source), 0, 0, "TEXT", "export: where the data comes from"},
    {"--grade-a", NULL, CLI_STR, 0, DB_ARG(grade_a), 0, 0, "X",
         "export: grade A from this overall (default: the benchmark's)"},
    {"--grade-b", NULL, CLI_STR, 0, DB_ARG(grade_b), 0, 0, "X",
         "export: grade B from this overall (default: the benchmark's)"},
    OPT_BENCHMARK,
    OPT_DATA_DIR,
    OPT_END,
};

const cli_command cli_cmd_db = {
    "db", "the benchmark database of an ISAC (SQLite file or PostgreSQL)",
    "csm db init   --db PATH|postgresql://...\n"
    "csm db ingest --db ... FILE... [--strict] [--pseudonymize --key-file KEY] [--submitter NAME]\n"
    "              [--org NAME --industry ID --date YYYY-MM-DD (for CSV files)]\n"
    "csm db list   --db ...\n"
    "csm db remove --db ... ORG [YYYY-MM-DD] [--key-file KEY]\n"
    "csm db export --db ... [-o OUT.json] [--year YYYY] [--min-group K] [--name NAME]",
    "init creates the schema, or brings an older one up to date.\n"
    "ingest takes answers JSON, CSV, and JSON Lines (.jsonl, one assessment a line;\n"
    "a line over 16 MiB is one invalid line). Each file (each assessment of a .jsonl)\n"
    "is stored whole or not at all; storing an organization and date again replaces\n"
    "it. An organization is one member however its name is spelled in case, width\n"
    "or spaces (NFKC, case folded). Invalid ones are reported and skipped (exit 2 if\n"
    "nothing was stored); with --strict the first one ends the run and nothing is\n"
    "stored. --pseudonymize keeps names out: organizations are stored under a keyed\n"
    "hash (HMAC-SHA-256 with --key-file: 32 or more random bytes, readable by you\n"
    "only). export aggregates each organization's latest assessment (of --year)\n"
    "like 'csm bench aggregate', k-anonymous (K default 5), and records the release\n"
    "in the database: no group is published whose members differ by 1 to K-1\n"
    "organizations from a group of an earlier release or of the same export, so\n"
    "that two exports cannot be subtracted to recover an organization.\n"
    "A new SQLite database file is created readable by its owner only. Passwords\n"
    "of postgresql:// URLs are shown as ***.",
    db_opts, sizeof(db_args), run_db,
};
