/* The option table: each command declares its options once, in one table
 * that parses them, checks their values and prints the command's usage. */
#ifndef CSM_CLI_OPT_H
#define CSM_CLI_OPT_H

#include <stddef.h>
#include <stdio.h>

#include "csm.h"

#if defined(__GNUC__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF(f, a)
#endif

#define EXIT_USAGE 1
#define EXIT_INPUT 2
#define EXIT_FAIL 3

struct cli_args;

/* What an option's value is, and where the parser puts it. */
typedef enum cli_kind {
	CLI_FLAG,    /* int, set to 1; takes no value */
	CLI_STR,     /* const char *: the text as given */
	CLI_UINT,    /* cli_uint: digits only, within [min, max] */
	CLI_LANG,    /* csm_lang: ja or en */
	CLI_WEIGHTS, /* cli_weights: ten numbers > 0 and <= 100, comma-separated */
	CLI_LIST     /* cli_list: may repeat (--set) */
} cli_kind;

/* A path option's role: an output must not be any input. */
enum { CLI_IN = 1, CLI_OUT = 2 };

typedef struct cli_uint {
	int set;
	unsigned long long v;
} cli_uint;

typedef struct cli_weights {
	int set;
	double w[CSM_DIRECTIVES];
} cli_weights;

typedef struct cli_list {
	const char *v[CSM_MAX_ITEMS];
	int n;
} cli_list;

typedef struct cli_opt {
	const char *name;  /* "--json", "-o" */
	const char *alias; /* another spelling ("--output"), or NULL */
	cli_kind kind;
	unsigned path;     /* CLI_IN, CLI_OUT or 0 */
	size_t off;        /* of the value in the command's arguments */
	unsigned long long min, max; /* CLI_UINT */
	const char *arg;   /* the value in the usage: "FILE", "N" */
	const char *help;  /* one line */
} cli_opt;

/* A command: its usage and options, and what runs it. The arguments are a
 * struct of `size` bytes that starts with struct cli_args. */
typedef struct cli_command {
	const char *name, *summary;
	const char *synopsis; /* usage lines, each starting "csm NAME" */
	const char *about;    /* what it does, after the usage; may be NULL */
	const cli_opt *opts;  /* ends with an entry whose name is NULL */
	size_t size;
	int (*run)(struct cli_args *args);
} cli_command;

/* Print "csm: MESSAGE" and the hint to the help; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) CLI_PRINTF(1, 2);

/* A whole number: digits only (no sign, space or suffix), within [min, max],
 * checked before it could wrap; otherwise a usage error naming `option`.
 * Every integer option and variable goes through here. */
int cli_parse_count(unsigned long long *out, const char *option, const char *s, unsigned long long min,
                    unsigned long long max);

/* 1 if `argv` asks for the command's help (--help before any "--"). */
int cli_wants_help(int argc, char **argv);

/* Parse `argv` into `args` (zeroed, c->size bytes) by the table of `c`:
 * operands into args->files, each option's value checked. Returns 0 or
 * EXIT_USAGE with the problem printed. args->files is freed by the caller. */
int cli_parse(struct cli_args *args, const cli_command *c, int argc, char **argv);

/* Refuse, before anything is read or written, an output option naming one of
 * the inputs (operands and input options). Returns 0 or EXIT_USAGE. */
int cli_check_paths(const struct cli_args *args, const cli_command *c);

/* The usage of `c`: its synopsis, what it does, and every option of its table. */
void cli_usage(FILE *f, const cli_command *c);

#endif
