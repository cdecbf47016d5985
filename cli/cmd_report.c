/* Reports on scored answers: karte, board, portfolio, radar, trend, plan, whatif. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "commands.h"
#include "common.h"
#include "output.h"

typedef struct report_args {
	cli_args c;
	const char *outdir, *font, *csv, *rollup, *size, *target, *budget, *actions_format;
	cli_list sets, history; /* whatif --set; board --previous */
	cli_list action_lists;  /* portfolio --actions */
	int force;              /* plan: replace an existing action list */
} report_args;

#define REPORT_ARG(field) offsetof(report_args, field)
#define OPT_FONT {"--font", NULL, CLI_STR, CLI_IN, REPORT_ARG(font), 0, 0, "FILE.ttf", \
	"the font (default: IPAexGothic, found with fontconfig)"}

/* Score and analyze loaded answers with the run's benchmark. */
static int analyze(csm_score **s, csm_analysis **an, const csm_questionnaire *q, const csm_answers *a,
                   const cli_args *o, const csm_benchmark *b, const csm_tips *tips)
{
	int rc;
	if ((rc = cli_score_analyze(s, an, q, a, o, b, cli_flags(o))))
		return cli_lib_error(rc);
	/* the file's own targets, for the radar's second polygon */
	if ((rc = csm_analysis_set_targets(*an, tips)))
		return cli_lib_error(rc);
	return 0;
}

/* ---- radar ---- */

/* The image format of an output path, by its extension. */
static int image_format(csm_image_format *fmt, const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (dot && strcmp(dot, ".png") == 0)
		*fmt = CSM_IMAGE_PNG;
	else if (dot && strcmp(dot, ".svg") == 0)
		*fmt = CSM_IMAGE_SVG;
	else if (dot && strcmp(dot, ".pdf") == 0)
		*fmt = CSM_IMAGE_PDF;
	else
		return -1;
	return 0;
}

static int run_radar(cli_args *args)
{
	report_args *r = (report_args *)args;
	cli_args *o = &r->c;
	const csm_benchmark *b = NULL;
	csm_answers *a = NULL;
	const csm_questionnaire *q = NULL;
	csm_score *s = NULL;
	csm_analysis *an = NULL;
	csm_image_format fmt;
	csm_radar *radar = NULL;
	csm_tips *tips = NULL;
	char *img = NULL, *end = NULL;
	size_t len = 0;
	double size = r->size ? strtod(r->size, &end) : 360;
	int rc, status;

	if (o->nfiles != 1)
		return cli_usage_error("radar: give one answers file");
	if (!o->output || image_format(&fmt, o->output) != 0)
		return cli_usage_error("radar: -o OUT.png, OUT.svg or OUT.pdf is required");
	if (r->size && (end == r->size || *end || !(size >= 72 && size <= 2000)))
		return cli_usage_error("radar: --size takes points from 72 to 2000");
	if ((status = cli_context(o)) || (status = cli_benchmark(&b, o)) ||
	    (status = cli_load_answers_reported(&a, &q, o, o->files[0])))
		goto cleanup;
	/* the tips' efforts decide a grade target's items, as in score and karte */
	if (csm_answers_target_grade(a) != CSM_GRADE_NONE && (rc = csm_tips_open(&tips, o->data))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	if ((status = analyze(&s, &an, q, a, o, b, tips)))
		goto cleanup;
	if ((rc = csm_radar_from_analysis(&radar, an, o->lang)) || (rc = csm_radar_image(&img, &len, radar, fmt, size))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	status = cli_write_bytes(o->output, img, len);
cleanup:
	csm_radar_free(radar);
	csm_tips_free(tips);
	csm_free(img);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	return status;
}

/* ---- karte and portfolio ---- */

/* `dir/stem.pdf` for answers file `path`. */
static void pdf_name(char *dst, size_t size, const char *dir, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t stem;
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	snprintf(dst, size, "%s/%.*s.pdf", dir, (int)stem, base);
}

/* A PDF output's name must not promise another format (karte -o x.png). */
static int check_pdf_name(const char *cmd, const char *path)
{
	const char *base = path ? strrchr(path, '/') : NULL, *dot;
	base = base ? base + 1 : path;
	dot = base ? strrchr(base, '.') : NULL;
	if (!dot || dot == base || strcasecmp(dot, ".pdf") == 0)
		return 0;
	return cli_usage_error("%s: writes PDF only; -o %s names a %s file (use a name ending in .pdf)", cmd, path,
	                       dot + 1);
}

/* karte --outdir: one PDF per input, named after it; two inputs that would
 * get the same name, or a name that is an input, are refused before any work. */
static int check_outdir_names(const report_args *r)
{
	const cli_args *o = &r->c;
	char (*names)[PATH_MAX] = calloc((size_t)o->nfiles, sizeof *names);
	int i, j, status = 0;
	if (!names)
		return cli_nomem();
	for (i = 0; i < o->nfiles && !status; i++) {
		pdf_name(names[i], sizeof names[i], r->outdir ? r->outdir : ".", o->files[i]);
		for (j = 0; j < i && !status; j++)
			if (strcmp(names[i], names[j]) == 0)
				status = cli_usage_error("karte: %s and %s would both be written to %s; rename one, or run them "
				                         "separately with -o", o->files[j], o->files[i], names[i]);
		if (!status && out_check_not_input("--outdir", names[i], o->files, (size_t)o->nfiles))
			status = EXIT_USAGE;
	}
	free(names);
	return status;
}

/* What karte and portfolio render from: every answers file loaded, scored
 * and analyzed, the tips, and a karte maker with the font loaded once. */
typedef struct rendered_set {
	const csm_benchmark *b;
	csm_tips *tips;
	csm_karte_maker *km;
	csm_answers **a;
	csm_score **s;
	csm_analysis **an;
	csm_points **p;     /* karte: a file of a questionnaire with its own scale gets the small company's report */
	int points_ok;      /* set by karte */
	char *font;
	long long created; /* SOURCE_DATE_EPOCH, or now */
} rendered_set;

/* Fill `x` from the files of `r`. Every file is checked, and every problem
 * reported, before the caller writes anything; `*failed` counts the files
 * that failed. Returns 0 or an exit status; free `x` with
 * rendered_set_free() either way. */
static int rendered_set_load(rendered_set *x, int *failed, report_args *r)
{
	cli_args *o = &r->c;
	int i, rc, status = 0;

	*failed = 0;
	if ((status = cli_creation_time(&x->created)) || (status = cli_context(o)) || (status = cli_benchmark(&x->b, o)))
		return status;
	if ((rc = csm_tips_open(&x->tips, o->data)) ||
	    (!r->font && (rc = csm_font_find(&x->font, csm_context_font_family(o->ctx)))) ||
	    (rc = csm_karte_maker_new(&x->km, r->font ? r->font : x->font)))
		return cli_lib_error(rc);
	x->a = calloc((size_t)o->nfiles, sizeof *x->a);
	x->s = calloc((size_t)o->nfiles, sizeof *x->s);
	x->an = calloc((size_t)o->nfiles, sizeof *x->an);
	x->p = calloc((size_t)o->nfiles, sizeof *x->p);
	if (!x->a || !x->s || !x->an || !x->p)
		return cli_nomem();
	for (i = 0; i < o->nfiles; i++) {
		const csm_questionnaire *q = NULL;
		int st = cli_load_answers_reported(&x->a[i], &q, o, o->files[i]);
		if (!st && x->points_ok && csm_questionnaire_choice_count(q) > 0) {
			/* its peers in a benchmark in points (--benchmark; the default one is of levels) */
			if (!(rc = csm_points_compute(&x->p[i], q, x->a[i], cli_flags(o))))
				csm_points_use_industries(x->p[i], o->industries);
			if (rc || (x->b && (o->benchmark || csm_benchmark_max_points(x->b) > 0) &&
			           (rc = csm_points_set_benchmark(x->p[i], x->b, x->a[i]))))
				st = cli_lib_error(rc);
		} else if (!st)
			st = analyze(&x->s[i], &x->an[i], q, x->a[i], o, x->b, x->tips);
		if (st) {
			if (st > status)
				status = st;
			(*failed)++;
		}
	}
	return status;
}

static void rendered_set_free(rendered_set *x, int n)
{
	int i;
	for (i = 0; i < n; i++) {
		if (x->an)
			csm_analysis_free(x->an[i]);
		if (x->s)
			csm_score_free(x->s[i]);
		if (x->a)
			csm_answers_free(x->a[i]);
		if (x->p)
			csm_points_free(x->p[i]);
	}
	free(x->p);
	free(x->an);
	free(x->s);
	free(x->a);
	csm_free(x->font);
	csm_karte_maker_free(x->km);
	csm_tips_free(x->tips);
}

/* One PDF per file: -o, or NAME.pdf in --outdir. */
static int write_kartes(const report_args *r, const rendered_set *x)
{
	const cli_args *o = &r->c;
	char *pdf = NULL, out[PATH_MAX];
	size_t len;
	int i, rc, status = 0;
	for (i = 0; i < o->nfiles && !status; i++) {
		if (o->output)
			snprintf(out, sizeof out, "%s", o->output);
		else
			pdf_name(out, sizeof out, r->outdir ? r->outdir : ".", o->files[i]);
		if ((rc = x->p[i] ? csm_karte_sme_render(&pdf, &len, x->km, x->p[i], x->a[i], o->lang, x->created)
		                  : csm_karte_render(&pdf, &len, x->km, x->an[i], x->tips, o->lang, x->created)))
			status = cli_lib_error(rc);
		else
			status = cli_write_bytes(out, pdf, len);
		csm_free(pdf);
		pdf = NULL;
	}
	return status;
}

static int run_karte(cli_args *args)
{
	report_args *r = (report_args *)args;
	cli_args *o = &r->c;
	rendered_set x = {0};
	csm_answers *prev_a = NULL;
	csm_score *prev_s = NULL;
	csm_actions *actions = NULL;
	int rc, status, failed;

	if (o->nfiles < 1)
		return cli_usage_error("karte: give at least one answers file");
	if (o->nfiles > 1 && o->output)
		return cli_usage_error("karte: -o names one PDF; for several files use --outdir DIR");
	if (o->nfiles > 1 && o->previous)
		return cli_usage_error("karte: --previous compares one answers file");
	if (o->nfiles > 1 && o->actions)
		return cli_usage_error("karte: --actions follows up one answers file");
	if ((status = check_pdf_name("karte", o->output)))
		return status;
	if (!o->output && (status = check_outdir_names(r)))
		return status;
	x.points_ok = 1;
	if ((status = rendered_set_load(&x, &failed, r))) {
		if (failed && o->nfiles > 1)
			fprintf(stderr, "csm: %d of %d files failed; nothing was written\n", failed, o->nfiles);
		goto cleanup;
	}
	if ((o->previous || o->actions) && x.p[0]) {
		status = cli_usage_error("karte: --previous and --actions follow up a questionnaire of levels, not %s",
		                         csm_questionnaire_id(csm_points_questionnaire(x.p[0])));
		goto cleanup;
	}
	if (o->previous) { /* one file */
		if ((status = cli_load_previous(&prev_a, &prev_s, o, x.b)))
			goto cleanup;
		if ((rc = csm_analysis_set_previous(x.an[0], prev_a, prev_s))) {
			status = cli_lib_error(rc);
			goto cleanup;
		}
	}
	if (o->actions) { /* one file: what was done about last year's list */
		if ((rc = csm_actions_load(&actions, o->actions)) ||
		    (rc = csm_analysis_set_actions(x.an[0], actions, x.created))) {
			status = cli_lib_error(rc);
			goto cleanup;
		}
	}
	status = write_kartes(r, &x);
cleanup:
	rendered_set_free(&x, o->nfiles);
	csm_actions_free(actions);
	csm_score_free(prev_s);
	csm_answers_free(prev_a);
	return status;
}

/* The board page: one answers file, its earlier assessments (--previous,
 * any number, any order) and last year's action list. */
static int run_board(cli_args *args)
{
	report_args *r = (report_args *)args;
	cli_args *o = &r->c;
	rendered_set x = {0};
	csm_answers **pa = NULL;
	csm_score **ps = NULL;
	csm_actions *actions = NULL;
	char *pdf = NULL, out[PATH_MAX];
	size_t len = 0;
	int i, rc, status, failed, n = r->history.n;

	if (o->nfiles != 1)
		return cli_usage_error("board: give one answers file (earlier ones with --previous)");
	if ((status = check_pdf_name("board", o->output)))
		return status;
	if (o->output)
		snprintf(out, sizeof out, "%s", o->output);
	else { /* NAME-board.pdf, here */
		pdf_name(out, sizeof out - 6, ".", o->files[0]);
		snprintf(out + strlen(out) - 4, 11, "-board.pdf");
	}
	if (out_check_not_input("-o", out, r->history.v, (size_t)n))
		return EXIT_USAGE;
	if ((status = rendered_set_load(&x, &failed, r)))
		goto cleanup;
	pa = calloc((size_t)n + 1, sizeof *pa);
	ps = calloc((size_t)n + 1, sizeof *ps);
	if (!pa || !ps) {
		status = cli_nomem();
		goto cleanup;
	}
	for (i = 0; i < n; i++)
		if ((status = cli_load_scored(&pa[i], &ps[i], o, x.b, r->history.v[i])))
			goto cleanup;
	if ((rc = csm_analysis_set_history(x.an[0], (const csm_answers *const *)pa, (const csm_score *const *)ps,
	                                   (size_t)n)) ||
	    (o->actions && ((rc = csm_actions_load(&actions, o->actions)) ||
	                    (rc = csm_analysis_set_actions(x.an[0], actions, x.created)))) ||
	    (rc = csm_board_render(&pdf, &len, x.km, x.an[0], x.tips, o->lang, x.created))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	status = cli_write_bytes(out, pdf, len);
cleanup:
	rendered_set_free(&x, o->nfiles);
	for (i = 0; i < n; i++) {
		if (ps)
			csm_score_free(ps[i]);
		if (pa)
			csm_answers_free(pa[i]);
	}
	free(ps);
	free(pa);
	csm_actions_free(actions);
	csm_free(pdf);
	return status;
}

/* The PDF and the CSV, both made before either replaces what was there. */
static int write_portfolio(const report_args *r, const char *pdf, size_t len, const char *csv)
{
	out_sink sp = {.f = NULL, .fd = -1, .slot = -1}, sc = sp;
	int status;
	if (!(status = out_open(&sp, r->c.output)) && (!r->csv || !(status = out_open(&sc, r->csv)))) {
		if (fwrite(pdf, 1, len, sp.f) != len || (r->csv && fputs(csv, sc.f) == EOF)) {
			fprintf(stderr, "csm: cannot write: %s\n", strerror(errno));
			status = EXIT_FAIL;
		} else if (!(status = out_commit(&sp)) && r->csv)
			status = out_commit(&sc);
	}
	out_abort(&sp);
	out_abort(&sc);
	return status;
}

/* An action list's file by its extension. */
static int is_list_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	return name[0] != '.' && dot &&
	       (strcasecmp(dot, ".json") == 0 || strcasecmp(dot, ".csv") == 0 || strcasecmp(dot, ".xlsx") == 0);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Append a copy of `path` to v (n used, cap room). */
static int push_path(char ***v, size_t *n, size_t *cap, const char *path)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		char **t = realloc(*v, c * sizeof *t);
		if (!t)
			return cli_nomem();
		*v = t;
		*cap = c;
	}
	if (!((*v)[*n] = strdup(path)))
		return cli_nomem();
	(*n)++;
	return 0;
}

/* The paths --actions names: a list, or every list (*.json, *.csv, *.xlsx) of
 * a directory in name order. *out (each and the array freed by the caller). */
static int list_paths(char ***out, size_t *n, const cli_list *given)
{
	size_t cap = 0;
	int i, status = 0;
	*out = NULL;
	*n = 0;
	for (i = 0; i < given->n && !status; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;
		size_t first = *n;
		if (stat(given->v[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			status = push_path(out, n, &cap, given->v[i]); /* a file: its reader says what is wrong */
			continue;
		}
		if (!(d = opendir(given->v[i]))) {
			fprintf(stderr, "%s: cannot read the directory: %s\n", given->v[i], strerror(errno));
			return EXIT_INPUT;
		}
		while (!status && (e = readdir(d)) != NULL) {
			char path[PATH_MAX];
			if (!is_list_name(e->d_name))
				continue;
			snprintf(path, sizeof path, "%s/%s", given->v[i], e->d_name);
			status = push_path(out, n, &cap, path);
		}
		closedir(d);
		if (*n > first)
			qsort(*out + first, *n - first, sizeof **out, cmp_str);
	}
	return status;
}

/* 1 if two paths have the same file name without directory and extension. */
static int same_stem(const char *x, const char *y)
{
	const char *bx = strrchr(x, '/'), *by = strrchr(y, '/'), *dx, *dy;
	bx = bx ? bx + 1 : x;
	by = by ? by + 1 : y;
	dx = strrchr(bx, '.');
	dy = strrchr(by, '.');
	if (!dx || dx == bx)
		dx = bx + strlen(bx);
	if (!dy || dy == by)
		dy = by + strlen(by);
	return dx - bx == dy - by && strncmp(bx, by, (size_t)(dx - bx)) == 0;
}

/* The portfolio's action lists: each matched to the answers file about the
 * organization it names (else, for a list that names none, the answers file
 * of the same file name), and followed up in that organization's analysis.
 * acts[i] for file i, or NULL. Every problem reported; 0 or an exit status. */
static int portfolio_actions(csm_actions **acts, report_args *r, const rendered_set *x)
{
	const cli_args *o = &r->c;
	char **paths = NULL;
	const char **from = calloc((size_t)o->nfiles, sizeof *from);
	size_t n = 0, k;
	int i, rc, status = from ? list_paths(&paths, &n, &r->action_lists) : cli_nomem();

	/* The lists found in a directory are inputs too: never write over one. */
	if (!status && (out_check_not_input("-o", o->output, (const char *const *)paths, n) ||
	                out_check_not_input("--csv", r->csv, (const char *const *)paths, n)))
		status = EXIT_USAGE;
	for (k = 0; k < n && status != EXIT_FAIL && status != EXIT_USAGE; k++) {
		csm_actions *a = NULL;
		const char *org;
		int hit = -1;
		if ((rc = csm_actions_load(&a, paths[k]))) {
			cli_lib_error(rc);
			status = status ? status : cli_exit_code(rc);
			continue;
		}
		org = csm_actions_organization(a);
		for (i = 0; i < o->nfiles && hit < 0; i++)
			if (org ? csm_actions_is_for(a, x->a[i]) : same_stem(paths[k], o->files[i]))
				hit = i;
		if (hit < 0) {
			if (org)
				fprintf(stderr, "%s: the list is for \"%s\", which none of the answers files is about\n", paths[k],
				        org);
			else
				fprintf(stderr, "%s: the list names no organization and no answers file has its name; write it "
				                "with 'csm plan --actions', or name it after the answers file\n", paths[k]);
		} else if (acts[hit]) {
			fprintf(stderr, "%s: %s already has an action list (%s)\n", paths[k], o->files[hit], from[hit]);
			hit = -1;
		}
		if (hit < 0) {
			csm_actions_free(a);
			status = status ? status : EXIT_INPUT;
			continue;
		}
		acts[hit] = a;
		from[hit] = paths[k];
	}
	for (i = 0; i < o->nfiles && !status; i++)
		if (acts[i] && (rc = csm_analysis_set_actions(x->an[i], acts[i], x->created)))
			status = cli_lib_error(rc);
	for (k = 0; k < n; k++)
		free(paths[k]);
	free(paths);
	free(from);
	return status;
}

static int run_portfolio(cli_args *args)
{
	report_args *r = (report_args *)args;
	cli_args *o = &r->c;
	rendered_set x = {0};
	char *pdf = NULL, *csv = NULL;
	csm_actions **acts = NULL;
	csm_rollup rollup = CSM_ROLLUP_MEAN;
	size_t len;
	int i, rc, status, failed;

	if (o->nfiles < 1 || !o->output)
		return cli_usage_error("portfolio: use 'csm portfolio FILE... -o portfolio.pdf [--csv table.csv]'");
	if (r->rollup && strcmp(r->rollup, "mean") && strcmp(r->rollup, "headcount") && strcmp(r->rollup, "revenue"))
		return cli_usage_error("portfolio: --rollup is mean, headcount or revenue");
	if ((status = check_pdf_name("portfolio", o->output)))
		return status;
	if (r->rollup)
		rollup = r->rollup[0] == 'h' ? CSM_ROLLUP_HEADCOUNT : r->rollup[0] == 'r' ? CSM_ROLLUP_REVENUE : CSM_ROLLUP_MEAN;
	if ((status = rendered_set_load(&x, &failed, r))) {
		if (failed)
			fprintf(stderr, "csm: %d of %d files failed; nothing was written\n", failed, o->nfiles);
		goto cleanup;
	}
	if (r->action_lists.n) {
		if (!(acts = calloc((size_t)o->nfiles, sizeof *acts))) {
			status = cli_nomem();
			goto cleanup;
		}
		if ((status = portfolio_actions(acts, r, &x)))
			goto cleanup;
	}
	if ((rc = csm_portfolio_render(&pdf, &len, x.km, (const csm_analysis *const *)x.an, (size_t)o->nfiles, x.tips,
	                               o->lang, x.created, rollup)) ||
	    (r->csv && (rc = csm_portfolio_csv(&csv, (const csm_analysis *const *)x.an, (size_t)o->nfiles, rollup)))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	status = write_portfolio(r, pdf, len, csv);
cleanup:
	rendered_set_free(&x, o->nfiles);
	for (i = 0; acts && i < o->nfiles; i++)
		csm_actions_free(acts[i]);
	free(acts);
	csm_free(pdf);
	csm_free(csv);
	return status;
}

/* ---- trend, plan, whatif ---- */

static int run_trend(cli_args *o)
{
	const csm_benchmark *b = NULL;
	csm_answers **a = NULL;
	csm_score **s = NULL;
	char *text = NULL;
	int i, rc, status;

	if (o->nfiles < 1)
		return cli_usage_error("trend: give the answers files of one organization (any order)");
	if ((status = cli_context(o)) || (status = cli_benchmark(&b, o)))
		return status;
	a = calloc((size_t)o->nfiles, sizeof *a);
	s = calloc((size_t)o->nfiles, sizeof *s);
	if (!a || !s) {
		status = cli_nomem();
		goto cleanup;
	}
	for (i = 0; i < o->nfiles; i++) {
		const csm_questionnaire *q = NULL;
		if ((status = cli_load_answers_reported(&a[i], &q, o, o->files[i])))
			goto cleanup;
		if ((rc = csm_score_compute_against(&s[i], q, a[i], b, cli_flags(o)))) {
			status = cli_lib_error(rc);
			goto cleanup;
		}
	}
	if ((rc = csm_render_trend(&text, (const csm_answers *const *)a, (const csm_score *const *)s, (size_t)o->nfiles,
	                           o->lang, o->json)))
		status = cli_lib_error(rc);
	else
		status = cli_write_text(o->output, text);
cleanup:
	for (i = 0; i < o->nfiles; i++) {
		if (s)
			csm_score_free(s[i]);
		if (a)
			csm_answers_free(a[i]);
	}
	free(s);
	free(a);
	csm_free(text);
	return status;
}

/* The form of the action list: --actions-format, else by the path's
 * extension (.csv, .xlsx; anything else JSON). */
static const char *actions_format(const report_args *r)
{
	const char *dot = strrchr(r->c.actions, '.');
	if (r->actions_format)
		return r->actions_format;
	return dot && strcasecmp(dot, ".csv") == 0 ? "csv" : dot && strcasecmp(dot, ".xlsx") == 0 ? "xlsx" : "json";
}

/* The action list of plan `p` in `fmt`: *out (csm_free) and its length. */
static int plan_actions(char **out, size_t *len, const csm_plan *p, const csm_questionnaire *q, const csm_answers *a,
                        const csm_tips *tips, const cli_args *o, const char *fmt)
{
	csm_actions *acts = NULL;
	int rc = csm_actions_make(&acts, p, q, a, tips, o->lang);
	if (!rc && strcmp(fmt, "xlsx") == 0)
		rc = csm_actions_xlsx((unsigned char **)out, len, acts, o->lang);
	else if (!rc && !(rc = csm_actions_write(out, acts, strcmp(fmt, "csv") == 0)))
		*len = strlen(*out);
	csm_actions_free(acts);
	return rc;
}

/* Whether `path` is a file that already holds something: an action list is
 * edited by hand after it is written (statuses, notes, owners), so a second
 * 'csm plan --actions' onto it would lose that work. Devices and pipes are
 * not files to keep. */
static int list_exists(const char *path)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
		return 0;
	fprintf(stderr,
	        "%s: exists, and may hold what was done since it was written (statuses, notes); "
	        "name a new file, or add --force to replace it\n",
	        path);
	return 1;
}

static int run_plan(cli_args *args)
{
	report_args *r = (report_args *)args;
	cli_args *o = &r->c;
	const csm_benchmark *b = NULL;
	csm_tips *tips = NULL;
	csm_answers *a = NULL;
	const csm_questionnaire *q = NULL;
	csm_plan *p = NULL;
	char *text = NULL, *acts_text = NULL;
	size_t acts_len = 0;
	csm_grade target = CSM_GRADE_NONE;
	char budget = 0;
	int rc, status;
	csm_plan_options popt = CSM_PLAN_OPTIONS_INIT;
	csm_score *s = NULL;
	csm_analysis *an = NULL;

	if (o->nfiles != 1)
		return cli_usage_error("plan: give one answers file");
	if (r->target && strcmp(r->target, "A") && strcmp(r->target, "B") && strcmp(r->target, "C"))
		return cli_usage_error("plan: --target is A, B or C");
	if (r->budget && strcmp(r->budget, "S") && strcmp(r->budget, "M") && strcmp(r->budget, "L"))
		return cli_usage_error("plan: --budget is S, M or L");
	if (r->actions_format && strcmp(r->actions_format, "json") && strcmp(r->actions_format, "csv") &&
	    strcmp(r->actions_format, "xlsx"))
		return cli_usage_error("plan: --actions-format is json, csv or xlsx");
	if (r->actions_format && !o->actions)
		return cli_usage_error("plan: --actions-format goes with --actions FILE");
	if (r->force && !o->actions)
		return cli_usage_error("plan: --force goes with --actions FILE");
	if (o->actions && !r->force && list_exists(o->actions))
		return EXIT_INPUT;
	if (r->target)
		target = r->target[0] == 'A' ? CSM_GRADE_A : r->target[0] == 'B' ? CSM_GRADE_B : CSM_GRADE_C;
	if (r->budget)
		budget = r->budget[0];
	if ((status = cli_context(o)) || (status = cli_benchmark(&b, o)))
		goto cleanup;
	if ((rc = csm_tips_open(&tips, o->data))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	if ((status = cli_load_answers_reported(&a, &q, o, o->files[0])))
		goto cleanup;
	popt.target = target;
	popt.budget = budget;
	/* the karte's score and analysis: the plan starts where it does */
	if ((rc = cli_score_analyze(&s, &an, q, a, o, b, CSM_ALLOW_PARTIAL)) ||
	    (rc = csm_plan_for_analysis(&p, an, tips, &popt)) ||
	    (rc = csm_render_plan(&text, p, q, tips, o->lang, o->json)) ||
	    (o->actions && (rc = plan_actions(&acts_text, &acts_len, p, q, a, tips, o, actions_format(r)))))
		status = cli_lib_error(rc);
	else if (!o->actions || !(status = cli_write_bytes(o->actions, acts_text, acts_len)))
		status = cli_write_text(o->output, text);
cleanup:
	csm_free(text);
	csm_free(acts_text);
	csm_plan_free(p);
	csm_analysis_free(an);
	csm_score_free(s);
	csm_answers_free(a);
	csm_tips_free(tips);
	return status;
}

/* Apply one --set ITEM=LEVEL to `a`. Returns 0 or the exit status. */
static int apply_set(csm_answers *a, const csm_questionnaire *q, const char *set)
{
	const char *eq = strchr(set, '=');
	char item[64];
	int rc;
	if (!eq || eq == set || (size_t)(eq - set) >= sizeof item)
		return cli_usage_error("whatif: --set takes ITEM=LEVEL (LEVEL 1..5 or n/a), not '%s'", set);
	snprintf(item, sizeof item, "%.*s", (int)(eq - set), set);
	if (csm_questionnaire_item_find(q, item) < 0) {
		fprintf(stderr, "--set %s: no item %s in %s\n", set, item, csm_questionnaire_id(q));
		return EXIT_INPUT;
	}
	if (strcmp(eq + 1, "n/a") == 0)
		rc = csm_answers_set(a, item, CSM_ANSWER_NA, 0);
	else if (eq[1] >= '1' && eq[1] <= '5' && !eq[2])
		rc = csm_answers_set(a, item, CSM_ANSWER_LEVEL, eq[1] - '0');
	else
		return cli_usage_error("whatif: --set %s: the level is 1..5 or n/a", set);
	return rc ? cli_lib_error(rc) : 0;
}

static int run_whatif(cli_args *args)
{
	report_args *r = (report_args *)args;
	cli_args *o = &r->c;
	const csm_benchmark *b = NULL;
	csm_answers *a = NULL;
	const csm_questionnaire *q = NULL;
	csm_score *before = NULL, *after = NULL;
	char *text = NULL;
	int i, rc, status;

	if (o->nfiles != 1 || r->sets.n < 1)
		return cli_usage_error("whatif: use 'csm whatif FILE --set ITEM=LEVEL [--set ...]'");
	if ((status = cli_context(o)) || (status = cli_benchmark(&b, o)) ||
	    (status = cli_load_answers_reported(&a, &q, o, o->files[0])))
		goto cleanup;
	if ((rc = csm_score_compute_against(&before, q, a, b, cli_flags(o)))) {
		status = cli_lib_error(rc);
		goto cleanup;
	}
	for (i = 0; i < r->sets.n && !status; i++)
		status = apply_set(a, q, r->sets.v[i]);
	if (status)
		goto cleanup;
	if ((rc = csm_score_compute_against(&after, q, a, b, cli_flags(o))) ||
	    (rc = csm_render_whatif(&text, before, after, o->lang, o->json)))
		status = cli_lib_error(rc);
	else
		status = cli_write_text(o->output, text);
cleanup:
	csm_free(text);
	csm_score_free(before);
	csm_score_free(after);
	csm_answers_free(a);
	return status;
}

/* ---- the commands ---- */

static const cli_opt karte_opts[] = {
    OPT_OUTPUT("the PDF of one answers file (default: its name with .pdf, here)"),
    {"--outdir", NULL, CLI_STR, 0, REPORT_ARG(outdir), 0, 0, "DIR",
         "where the PDFs of several files go, each as NAME.pdf (default: here)"},
    OPT_LANG,
    OPT_BENCHMARK,
    OPT_FONT,
    OPT_ALLOW_PARTIAL,
    OPT_QUESTIONNAIRE,
    OPT_INDUSTRY,
    OPT_ORG,
    OPT_DATA_DIR,
    OPT_WEIGHTS,
    OPT_PREVIOUS,
    {"--actions", NULL, CLI_STR, CLI_IN, CLI_ARG(actions), 0, 0, "ACTIONS.json|.csv|.xlsx",
         "last year's action list (csm plan --actions, edited): the karte says what was done and what is late"},
    OPT_END,
};

const cli_command cli_cmd_karte = {
    "karte", "write the karte (PDF report) of answers files",
    "csm karte FILE... [-o OUT.pdf | --outdir DIR] [options]",
    "One A4 PDF per answers file: header and grade, radar chart, the table of\n"
    "directive scores against the benchmark groups with the gap to the target,\n"
    "the lists of directives behind, hints with tips, and the benchmark in the\n"
    "footer. --previous OLD.json adds the change since then (table, radar, items).\n"
    "One file: -o OUT.pdf (default: its name with .pdf, here). Several:\n"
    "each as NAME.pdf in --outdir (default: here). The font is IPAexGothic\n"
    "(fonts-ipaexfont), found with fontconfig, or --font. If any file is\n"
    "invalid, no PDF is written. SOURCE_DATE_EPOCH sets the creation date.",
    karte_opts, sizeof(report_args), run_karte,
};

static const cli_opt board_opts[] = {
    OPT_OUTPUT("the PDF (default: the file's name with -board.pdf, here)"),
    {"--previous", NULL, CLI_LIST, CLI_IN, REPORT_ARG(history), 0, 0, "OLD.json",
         "an earlier assessment of the same organization; may repeat (the chart shows them all, the change is "
         "since the latest)"},
    {"--actions", NULL, CLI_STR, CLI_IN, CLI_ARG(actions), 0, 0, "ACTIONS.json|.csv",
         "last year's action list (csm plan --actions, edited): how many are done, open and late"},
    OPT_LANG,
    OPT_BENCHMARK,
    OPT_FONT,
    OPT_ALLOW_PARTIAL,
    OPT_QUESTIONNAIRE,
    OPT_INDUSTRY,
    OPT_ORG,
    OPT_DATA_DIR,
    OPT_WEIGHTS,
    OPT_END,
};

const cli_command cli_cmd_board = {
    "board", "write a one-page summary for the board (PDF)",
    "csm board FILE [--previous OLD.json]... [--actions ACTIONS.csv] [-o OUT.pdf] [options]",
    "One A4 page in plain words for a board pack: the grade and its change since\n"
    "the latest --previous; the position in the industry; the three areas the\n"
    "karte's hints put first, each with what could happen if it is left; the first\n"
    "three actions of 'csm plan --actions' with owner and cost; with --actions, how\n"
    "last year's actions stand; a chart of the overall score of every assessment\n"
    "given. Every number is the full karte's (csm karte FILE --previous LATEST).",
    board_opts, sizeof(report_args), run_board,
};

static const cli_opt radar_opts[] = {
    OPT_OUTPUT("the image: OUT.png, OUT.svg or OUT.pdf (required)"),
    OPT_LANG,
    OPT_BENCHMARK,
    {"--size", NULL, CLI_STR, 0, REPORT_ARG(size), 0, 0, "PT", "the side in points, 72 to 2000 (default 360)"},
    OPT_ALLOW_PARTIAL,
    OPT_QUESTIONNAIRE,
    OPT_INDUSTRY,
    OPT_ORG,
    OPT_DATA_DIR,
    OPT_END,
};

const cli_command cli_cmd_radar = {
    "radar", "draw the radar chart of an answers file (PNG, SVG or PDF)",
    "csm radar FILE -o OUT.png|OUT.svg|OUT.pdf [options]",
    "Ten axes (directives), scale 0..5: the organization (solid), its industry's\n"
    "average where the benchmark has it (dashed) and the target grade's average\n"
    "(dotted). --size is the side in points (default 360); PNG is 300 dpi.",
    radar_opts, sizeof(report_args), run_radar,
};

static const cli_opt portfolio_opts[] = {
    OPT_OUTPUT("the PDF (required)"),
    {"--csv", NULL, CLI_STR, CLI_OUT, REPORT_ARG(csv), 0, 0, "FILE.csv", "also the table, for spreadsheets"},
    {"--rollup", NULL, CLI_STR, 0, REPORT_ARG(rollup), 0, 0, "mean|headcount|revenue",
         "how the entities are rolled up to the group (default mean)"},
    {"--actions", NULL, CLI_LIST, CLI_IN, REPORT_ARG(action_lists), 0, 0, "LIST|DIR",
         "last year's action lists (csm plan --actions, edited), or a directory of them; may repeat"},
    OPT_LANG,
    OPT_BENCHMARK,
    OPT_FONT,
    OPT_ALLOW_PARTIAL,
    OPT_QUESTIONNAIRE,
    OPT_DATA_DIR,
    OPT_WEIGHTS,
    OPT_END,
};

const cli_command cli_cmd_portfolio = {
    "portfolio", "one PDF for a group: summary, heat map, radars, a karte per organization",
    "csm portfolio FILE... -o portfolio.pdf [--csv table.csv] [options]",
    "The summary rolls the entities (organization.scope \"entity\") up to the group,\n"
    "weighted by organization.headcount or .revenue when every entity gives it; lists\n"
    "every organization's grade and overall with a heat map of its directive scores;\n"
    "and names the group's weakest directives with the organizations that pull each\n"
    "down. Then a radar chart per organization, then the kartes. --csv writes the\n"
    "table for spreadsheets (UTF-8 with BOM; formula-like cells neutralized).\n"
    "--actions adds who follows up: per organization the actions done, open and past\n"
    "their due date (today: SOURCE_DATE_EPOCH, else the current date), in the summary,\n"
    "the CSV and each karte. A list goes to the answers file about the organization it\n"
    "names (csm plan writes the name in), else to the one with its file name\n"
    "(aozora-bank.csv for aozora-bank.json); a directory is read whole (*.json, *.csv,\n"
    "*.xlsx). An organization without a list is shown as such.",
    portfolio_opts, sizeof(report_args), run_portfolio,
};

static const cli_opt trend_opts[] = {
    OPT_JSON("one JSON document instead of text"),
    OPT_LANG,
    OPT_BENCHMARK,
    OPT_ALLOW_PARTIAL,
    OPT_QUESTIONNAIRE,
    OPT_OUTPUT("write here instead of standard output"),
    OPT_DATA_DIR,
    OPT_END,
};

const cli_command cli_cmd_trend = {
    "trend", "one organization's assessments side by side, with the changes",
    "csm trend FILE... [options]",
    "The files are ordered by assessed_on. Per directive the score at each date and the\n"
    "change from the first to the last; overall and grade at each date; the items whose\n"
    "level moved in the last two. Different questionnaire versions are compared by\n"
    "directive. 'csm karte FILE --previous OLD' puts the change since\n"
    "one previous assessment into the karte (table, radar, moved items).",
    trend_opts, sizeof(cli_args), run_trend,
};

static const cli_opt plan_opts[] = {
    {"--target", NULL, CLI_STR, 0, REPORT_ARG(target), 0, 0, "A|B|C", "the grade to reach (default: the next)"},
    {"--budget", NULL, CLI_STR, 0, REPORT_ARG(budget), 0, 0, "S|M|L", "only items of at most this effort"},
    {"--actions", NULL, CLI_STR, CLI_OUT, CLI_ARG(actions), 0, 0, "OUT.json|.csv|.xlsx",
         "also write the plan as an action list (csm-actions/1) to track; .xlsx: a sheet with drop-downs"},
    {"--actions-format", NULL, CLI_STR, 0, REPORT_ARG(actions_format), 0, 0, "json|csv|xlsx",
         "the form of the action list (default: by the extension of --actions, else json)"},
    {"--force", NULL, CLI_FLAG, 0, REPORT_ARG(force), 0, 0, NULL,
         "replace the file --actions names if it exists (its statuses and notes are lost)"},
    OPT_JSON("one JSON document instead of text"),
    OPT_LANG,
    OPT_BENCHMARK,
    OPT_WEIGHTS,
    OPT_QUESTIONNAIRE,
    OPT_INDUSTRY,
    OPT_ORG,
    OPT_OUTPUT("write here instead of standard output"),
    OPT_DATA_DIR,
    OPT_END,
};

const cli_command cli_cmd_plan = {
    "plan", "what to raise, in what order, to reach a grade",
    "csm plan FILE [--target A|B|C] [--budget S|M|L] [--actions OUT.json|.csv|.xlsx] [options]",
    "Raises items one level at a time, always the one that lifts the overall most per\n"
    "unit of effort (S 1, M 2, L 3, from the item's tip; --budget keeps to items of at\n"
    "most that effort), until the target grade (default: the file's target, else the\n"
    "next) is reached. --actions writes one action per item to raise (owner, effort,\n"
    "cost and first step from its tip; due the file's target date; status open) to\n"
    "edit and give back to 'csm score --previous OLD --actions FILE' next time; as\n"
    ".xlsx, a sheet with a status drop-down in --lang and a date check on the due date.\n"
    "An existing list is not replaced without --force: it holds what was done since.",
    plan_opts, sizeof(report_args), run_plan,
};

static const cli_opt whatif_opts[] = {
    {"--set", NULL, CLI_LIST, 0, REPORT_ARG(sets), 0, 0, "ITEM=LEVEL",
         "answer ITEM with LEVEL (1..5 or n/a); may repeat"},
    OPT_JSON("one JSON document instead of text"),
    OPT_LANG,
    OPT_BENCHMARK,
    OPT_WEIGHTS,
    OPT_ALLOW_PARTIAL,
    OPT_QUESTIONNAIRE,
    OPT_INDUSTRY,
    OPT_ORG,
    OPT_OUTPUT("write here instead of standard output"),
    OPT_DATA_DIR,
    OPT_END,
};

const cli_command cli_cmd_whatif = {
    "whatif", "the scores and grade after changing some answers",
    "csm whatif FILE --set ITEM=LEVEL [--set ...] [options]",
    "LEVEL is 1..5 or n/a. Shows each directive, the overall and the grade before and after.",
    whatif_opts, sizeof(report_args), run_whatif,
};
