/* The commands of csm, in the order the help lists them; each is defined in
 * the cmd_*.c file of its family. */
#ifndef CSM_CLI_COMMANDS_H
#define CSM_CLI_COMMANDS_H

#include "opt.h"

#define CLI_COMMANDS(X)                                                                                       \
	X(score) X(karte) X(board) X(radar) X(validate) X(template) X(import) X(questions) X(tips) X(industries)          \
	X(convert) X(bench) X(portfolio) X(supply) X(trend) X(plan) X(whatif) X(merge) X(db)

#define CLI_DECLARE(name) extern const cli_command cli_cmd_##name;
CLI_COMMANDS(CLI_DECLARE)
#undef CLI_DECLARE

#endif
