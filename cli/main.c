/* csm — the command-line program over libcsm: finds the command and hands
 * it its arguments. Every rule and default lives in the library; the
 * commands (cmd_*.c) only move bytes between files and it. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "common.h"
#include "output.h"

#define CLI_ENTRY(name) &cli_cmd_##name,
static const cli_command *const commands[] = {CLI_COMMANDS(CLI_ENTRY) NULL};
#undef CLI_ENTRY

static int run_help(cli_args *a);

static const cli_opt help_opts[] = {OPT_END};

static const cli_command help_command = {
    "help", "show help for a command", "csm help [COMMAND]", NULL, help_opts, sizeof(cli_args), run_help,
};

static const cli_command *find_command(const char *name)
{
	size_t i;
	for (i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return strcmp(name, help_command.name) == 0 ? &help_command : NULL;
}

static void print_help(FILE *f)
{
	size_t i;
	fprintf(f, "csm %s - Cyber Security Management Guidelines maturity engine\n\n"
	           "usage: csm <command> [options]\n\ncommands:\n", csm_version());
	for (i = 0; commands[i]; i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "  %-10s %s\n", help_command.name, help_command.summary);
	fprintf(f, "\n'csm help <command>' (or 'csm <command> --help') shows a command's options.\n"
	           "'csm --version' prints the version.\n"
	           "Exit codes: 0 success, 1 usage error, 2 invalid input, 3 I/O or internal failure;\n"
	           "4 (supply only) the report was written but some files could not be read.\n");
}

static int run_help(cli_args *a)
{
	const cli_command *c;
	if (a->nfiles == 0) {
		print_help(stdout);
		return 0;
	}
	if (!(c = find_command(a->files[0])))
		return cli_usage_error("help: no command '%s'", a->files[0]);
	cli_usage(stdout, c);
	return 0;
}

int main(int argc, char **argv)
{
	const cli_command *c;
	cli_args *args;
	int status;

	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("csm %s\n", csm_version());
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_help(stdout);
		return 0;
	}
	if (!(c = find_command(argv[1])))
		return cli_usage_error("unknown command '%s'", argv[1]);
	if (cli_wants_help(argc - 2, argv + 2)) {
		cli_usage(stdout, c);
		return 0;
	}
	out_init();
	if (!(args = calloc(1, c->size)))
		return cli_nomem();
	status = cli_parse(args, c, argc - 2, argv + 2);
	if (!status)
		status = cli_check_paths(args, c);
	if (!status)
		status = c->run(args);
	free(args->files);
	csm_context_free(args->ctx);
	free(args);
	return status;
}
