/* The supply-chain report's parts, in order, for the renderings that lay
 * them out (supply.c's text; the PDF back end's page, karte_supply.c): both
 * receive the same lines and tables, made from the one column table. */
#ifndef CSM_SUPPLY_H
#define CSM_SUPPLY_H

#include <stddef.h>

#include "csm.h"

/* What a line is. */
enum {
	CSM__SUPPLY_TITLE = 0,   /* the report's title */
	CSM__SUPPLY_NOTE = 1,    /* a line under the title */
	CSM__SUPPLY_HEADING = 2, /* a table's or a list's heading */
	CSM__SUPPLY_ITEM = 3,    /* an entry of a list */
	CSM__SUPPLY_FOOTNOTE = 4 /* a note under the tables */
};

typedef struct csm__supply_sink {
	void *ctx;
	void (*line)(void *ctx, int kind, const char *text);
	/* `nrows` rows of `ncols` cells (row-major), headed by `heads`; `right`:
	 * the column is right-aligned. 0, or an error that ends the report. */
	int (*table)(void *ctx, size_t ncols, const char *const *heads, const unsigned *right, size_t nrows,
	             const char *const *cells);
} csm__supply_sink;

/* Hand the report of `sp` in `lang` to `sink`, part by part. Control
 * characters from the files come escaped. 0 or a csm_error. */
int csm__supply_emit(const csm_supply *sp, csm_lang lang, const csm__supply_sink *sink);

#endif
