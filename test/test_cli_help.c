/* Every command's help says every option its parser accepts: the option
 * tables of cli/ are read here, each option is given to the parser (which
 * must take it), and `csm CMD --help` and `csm help CMD` (exit 0, the same
 * text) must name it. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../cli/common.h" /* not test/common.h */
#include "commands.h"
#include "harness.h"

static const char *csm_bin;

#define CLI_ENTRY(name) &cli_cmd_##name,
static const cli_command *const commands[] = {CLI_COMMANDS(CLI_ENTRY) NULL};
#undef CLI_ENTRY

/* stdout of `csm ARGS`, and its exit status in *status. */
static char *run(const char *args, int *status)
{
	char cmd[1024], path[64];
	int st, fd;
	char *out;
	snprintf(path, sizeof path, "/tmp/csm-help-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	close(fd);
	snprintf(cmd, sizeof cmd, "'%s' %s >'%s' 2>/dev/null </dev/null", csm_bin, args, path);
	st = system(cmd);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	out = test_read(path, NULL);
	unlink(path);
	return out;
}

/* A value the option takes. */
static const char *good_value(const cli_opt *o, char *buf, size_t size)
{
	switch (o->kind) {
	case CLI_UINT:
		snprintf(buf, size, "%llu", o->min);
		return buf;
	case CLI_LANG:
		return "en";
	case CLI_WEIGHTS:
		return "1,1,1,1,1,1,1,1,1,1";
	default:
		return "x";
	}
}

/* The parser takes `spelling` of option `o` (with a value if it has one). */
static int parser_takes(const cli_command *c, const cli_opt *o, const char *spelling)
{
	char buf[32], *argv[3];
	cli_args *a = calloc(1, c->size);
	int argc = 0, status;
	argv[argc++] = (char *)spelling;
	if (o->kind != CLI_FLAG)
		argv[argc++] = (char *)good_value(o, buf, sizeof buf);
	argv[argc] = NULL;
	status = a ? cli_parse(a, c, argc, argv) : -1;
	if (a)
		free(a->files);
	free(a);
	return status == 0;
}

/* `needle` in `hay` as a whole option word (so "--db" is not found in "--dbx"). */
static int names(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	const char *p = hay;
	while (p && (p = strstr(p, needle))) {
		char after = p[n];
		if ((p == hay || p[-1] == ' ' || p[-1] == '[' || p[-1] == '|' || p[-1] == '\n') &&
		    (after == ' ' || after == ',' || after == '\n' || after == ']' || after == '='))
			return 1;
		p += n;
	}
	return 0;
}

static void test_every_option_in_help(void)
{
	size_t i;
	for (i = 0; commands[i]; i++) {
		const cli_command *c = commands[i];
		char args[128];
		int st1 = -1, st2 = -1, k;
		char *help, *help2;
		snprintf(args, sizeof args, "%s --help", c->name);
		help = run(args, &st1);
		snprintf(args, sizeof args, "help %s", c->name);
		help2 = run(args, &st2);
		CHECK_INT(st1, 0);
		CHECK_INT(st2, 0);
		CHECK(help && help2 && strcmp(help, help2) == 0);
		CHECK(help && strncmp(help, "csm ", 4) == 0);
		for (k = 0; help && c->opts[k].name; k++) {
			const cli_opt *o = &c->opts[k];
			if (!parser_takes(c, o, o->name) || (o->alias && !parser_takes(c, o, o->alias)))
				fprintf(stderr, "csm %s: the parser refuses %s\n", c->name, o->name);
			CHECK(parser_takes(c, o, o->name));
			CHECK(!o->alias || parser_takes(c, o, o->alias));
			if (!names(help, o->name) || (o->alias && !names(help, o->alias)))
				fprintf(stderr, "csm %s --help does not name %s\n", c->name, o->name);
			CHECK(names(help, o->name));
			CHECK(!o->alias || names(help, o->alias));
			CHECK(o->help && o->help[0]);
		}
		free(help);
		free(help2);
	}
}

/* What is not in the table is refused: the table is the parser. */
static void test_unknown_refused(void)
{
	size_t i;
	for (i = 0; commands[i]; i++) {
		cli_opt fake = {"--no-such-option", NULL, CLI_FLAG, 0, 0, 0, 0, NULL, "x"};
		CHECK(!parser_takes(commands[i], &fake, fake.name));
	}
}

/* Integers are digits only and in range, for every integer option. */
static void test_integers_strict(void)
{
	static const char *const bad[] = {"-1", "+1", " 1", "1x", "0x10", "", "99999999999999999999999"};
	size_t i, b;
	for (i = 0; commands[i]; i++) {
		const cli_command *c = commands[i];
		int k;
		for (k = 0; c->opts[k].name; k++) {
			const cli_opt *o = &c->opts[k];
			char over[32];
			if (o->kind != CLI_UINT)
				continue;
			for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
				char *argv[] = {(char *)o->name, (char *)bad[b], NULL};
				cli_args *a = calloc(1, c->size);
				CHECK(a && cli_parse(a, c, 2, argv) == EXIT_USAGE);
				if (a)
					free(a->files);
				free(a);
			}
			snprintf(over, sizeof over, "%llu", o->max + 1);
			{
				char *argv[] = {(char *)o->name, over, NULL};
				cli_args *a = calloc(1, c->size);
				CHECK(a && cli_parse(a, c, 2, argv) == EXIT_USAGE);
				if (a)
					free(a->files);
				free(a);
			}
		}
	}
}

static void test_help_list(void)
{
	size_t i;
	int st = -1;
	char *all = run("help", &st);
	CHECK_INT(st, 0);
	for (i = 0; all && commands[i]; i++) {
		char line[64];
		snprintf(line, sizeof line, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
		CHECK_HAS(all, line);
	}
	free(all);
	free(run("help no-such-command", &st));
	CHECK_INT(st, 1);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_cli_help CSM\n");
		return 2;
	}
	csm_bin = argv[1];
	RUN_TEST(test_every_option_in_help);
	RUN_TEST(test_unknown_refused);
	RUN_TEST(test_integers_strict);
	RUN_TEST(test_help_list);
	return test_finish();
}
