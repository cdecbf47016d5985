/* The option table: parsing, checking values, usage. */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "opt.h"
#include "output.h"

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "csm: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'csm help' for usage.\n");
	return EXIT_USAGE;
}

int cli_parse_count(unsigned long long *out, const char *option, const char *s, unsigned long long min,
                    unsigned long long max)
{
	unsigned long long v = 0;
	const char *p;
	if (!s || !*s)
		return cli_usage_error("%s: needs a whole number from %llu to %llu", option, min, max);
	for (p = s; *p; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (*p < '0' || *p > '9')
			return cli_usage_error("%s: '%.40s' is not a whole number (digits only, %llu to %llu)", option, s, min,
			                       max);
		if (d > max || v > (max - d) / 10)
			return cli_usage_error("%s: %.40s is out of range (%llu to %llu)", option, s, min, max);
		v = v * 10 + d;
	}
	if (v < min)
		return cli_usage_error("%s: %.40s is out of range (%llu to %llu)", option, s, min, max);
	*out = v;
	return 0;
}

int cli_wants_help(int argc, char **argv)
{
	int i;
	for (i = 0; i < argc && strcmp(argv[i], "--"); i++)
		if (strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

static int matches(const char *name, const char *a, size_t len)
{
	return name && strlen(name) == len && strncmp(name, a, len) == 0;
}

static int parse_weights(cli_weights *out, const char *text)
{
	const char *w = text;
	int d;
	for (d = 0; d < CSM_DIRECTIVES; d++) {
		char *end;
		out->w[d] = strtod(w, &end);
		if (end == w || (d < CSM_DIRECTIVES - 1 && *end != ',') || (d == CSM_DIRECTIVES - 1 && *end) ||
		    !(out->w[d] > 0 && out->w[d] <= 100))
			return cli_usage_error("--weights takes 10 numbers > 0 and <= 100, separated by commas");
		w = end + 1;
	}
	out->set = 1;
	return 0;
}

/* Give option `o` its value `val` (NULL for a flag). */
static int store(void *args, const cli_opt *o, const char *val)
{
	void *at = (char *)args + o->off;
	switch (o->kind) {
	case CLI_FLAG:
		*(int *)at = 1;
		return 0;
	case CLI_STR:
		*(const char **)at = val;
		return 0;
	case CLI_UINT: {
		cli_uint *u = at;
		int status = cli_parse_count(&u->v, o->name, val, o->min, o->max);
		u->set = !status;
		return status;
	}
	case CLI_LANG:
		if (csm_lang_parse((csm_lang *)at, val) != 0)
			return cli_usage_error("%s: '%s' is not a language (use ja or en)", o->name, val);
		return 0;
	case CLI_WEIGHTS:
		return parse_weights(at, val);
	case CLI_LIST: {
		cli_list *l = at;
		if (l->n >= (int)CSM_MAX_ITEMS)
			return cli_usage_error("too many %s options", o->name);
		l->v[l->n++] = val;
		return 0;
	}
	}
	return EXIT_FAIL;
}

int cli_parse(cli_args *args, const cli_command *c, int argc, char **argv)
{
	/* Values are checked once all options are read, in the table's order,
	 * so a mistyped option is reported before a bad value. */
	const char **given = calloc((size_t)argc + 1, sizeof *given);
	const cli_opt **which = calloc((size_t)argc + 1, sizeof *which);
	int i, k, n = 0, only_files = 0, status = 0;

	args->files = calloc((size_t)argc + 1, sizeof *args->files);
	if (!args->files || !given || !which) {
		status = cli_nomem();
		goto cleanup;
	}
	for (i = 0; i < argc && !status; i++) {
		const char *a = argv[i], *eq, *val = NULL;
		const cli_opt *o = NULL;
		size_t len;
		if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
			args->files[args->nfiles++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_files = 1;
			continue;
		}
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (k = 0; c->opts[k].name && !o; k++)
			if (matches(c->opts[k].name, a, len) || matches(c->opts[k].alias, a, len))
				o = &c->opts[k];
		if (!o) {
			status = cli_usage_error("unknown option '%.*s'", (int)len, a);
		} else if (o->kind == CLI_FLAG) {
			if (eq)
				status = cli_usage_error("option '%.*s' takes no value", (int)len, a);
			else
				status = store(args, o, NULL);
		} else {
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else if (o->kind == CLI_LIST)
				status = cli_usage_error("option '%s' needs a value %s", o->name, o->arg);
			else
				status = cli_usage_error("option '%s' needs a value", a);
			if (val && o->kind == CLI_LIST)
				status = store(args, o, val);
			else if (val) {
				given[n] = val;
				which[n++] = o;
			}
		}
	}
	for (k = 0; c->opts[k].name && !status; k++) /* the last one given counts */
		for (i = n - 1; i >= 0 && !status; i--)
			if (which[i] == &c->opts[k]) {
				status = store(args, which[i], given[i]);
				break;
			}
cleanup:
	free(given);
	free(which);
	return status;
}

int cli_check_paths(const cli_args *args, const cli_command *c)
{
	const char **in;
	size_t n = 0, cap = (size_t)args->nfiles;
	int i, k, status = 0;
	for (k = 0; c->opts[k].name; k++) /* room for every input option's values */
		if (c->opts[k].path == CLI_IN)
			cap += c->opts[k].kind == CLI_LIST ? (size_t)((const cli_list *)((const char *)args + c->opts[k].off))->n : 1;
	if (!(in = calloc(cap + 1, sizeof *in)))
		return cli_nomem();
	for (i = 0; i < args->nfiles; i++)
		in[n++] = args->files[i];
	for (k = 0; c->opts[k].name; k++) {
		const void *val = (const char *)args + c->opts[k].off;
		if (c->opts[k].path != CLI_IN)
			continue;
		if (c->opts[k].kind == CLI_LIST) /* a directory among them is matched file by file by its command */
			for (i = 0; i < ((const cli_list *)val)->n; i++)
				in[n++] = ((const cli_list *)val)->v[i];
		else
			in[n++] = *(const char *const *)val;
	}
	for (k = 0; c->opts[k].name && !status; k++)
		if (c->opts[k].path == CLI_OUT &&
		    out_check_not_input(c->opts[k].name, *(const char *const *)((const char *)args + c->opts[k].off), in, n))
			status = EXIT_USAGE;
	free(in);
	return status;
}

void cli_usage(FILE *f, const cli_command *c)
{
	int k;
	fprintf(f, "%s\n", c->synopsis);
	if (c->about)
		fprintf(f, "\n%s\n", c->about);
	fprintf(f, "\noptions:\n");
	for (k = 0; c->opts[k].name; k++) {
		const cli_opt *o = &c->opts[k];
		char left[96];
		snprintf(left, sizeof left, "%s%s%s%s%s", o->name, o->alias ? ", " : "", o->alias ? o->alias : "",
		         o->arg ? " " : "", o->arg ? o->arg : "");
		if (strlen(left) > 24)
			fprintf(f, "  %s\n  %-24s %s\n", left, "", o->help);
		else
			fprintf(f, "  %-24s %s\n", left, o->help);
	}
	fprintf(f, "  %-24s %s\n", "--help", "show this help");
}
