/* Internal declarations shared by the modules of libcsm; not installed. */
#ifndef CSM_INTERNAL_H
#define CSM_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "csm.h"

/* ---- error.c: the per-thread message ---------------------------------- */

#if defined(__GNUC__)
#define CSM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CSM_PRINTF(f, a)
/* Accessors for the renderers (analysis.c). */
const csm_questionnaire *csm__analysis_q(const csm_analysis *an);
const csm_answers *csm__analysis_a(const csm_analysis *an);
const csm_score *csm__analysis_s(const csm_analysis *an);
const csm_benchmark *csm__analysis_b(const csm_analysis *an);
/* The previous assessment, if one was set. */
const csm_score *csm__analysis_prev(const csm_analysis *an);
const csm_answers *csm__analysis_prev_a(const csm_analysis *an);
/* Items of `q` whose level moved from `older` to `newer`, as "9-1 2→3, ..."; returns their number. */
size_t csm__moved_items(const csm_answers *older, const csm_answers *newer, const csm_questionnaire *q, char *buf,
                        size_t size);
/* The organization's industry as a label where known, else its id, or NULL. */
const char *csm__analysis_industry_label(const csm_analysis *an, csm_lang lang);

#endif

/* Set the thread's message and return `code` (for `return csm__err(...)`). */
int csm__err(int code, const char *fmt, ...) CSM_PRINTF(2, 3);
/* The out-of-memory error. */
int csm__nomem(void);

/* Collects every problem of one input before failing with all of them. */
typedef struct csm__problems {
	char *text;     /* "\n"-separated lines; NULL while empty */
	size_t len, cap;
	unsigned count; /* problems seen, including those beyond CSM_MAX_PROBLEMS */
	int nomem;
} csm__problems;

void csm__problem(csm__problems *p, const char *fmt, ...) CSM_PRINTF(2, 3);
/* 0 if no problem was recorded, else set the message and return CSM_EINVALID
 * (CSM_ENOMEM if memory ran out). Frees the collected text either way. */
int csm__problems_finish(csm__problems *p);

/* ---- util.c ------------------------------------------------------------ */

char *csm__strdup(const char *s);
char *csm__strndup(const char *s, size_t n);

/* Growable NUL-terminated string. */
typedef struct csm__buf {
	char *s;
	size_t len, cap;
	int nomem;
} csm__buf;

void csm__buf_add(csm__buf *b, const char *s, size_t n);
void csm__buf_puts(csm__buf *b, const char *s);
void csm__buf_printf(csm__buf *b, const char *fmt, ...) CSM_PRINTF(2, 3);
/* Pad with spaces to `width` display columns after `s` took `used`. */
void csm__buf_pad(csm__buf *b, size_t used, size_t width);
/* Hand the string to *out (caller frees) or fail with CSM_ENOMEM. */
int csm__buf_finish(csm__buf *b, char **out);
void csm__buf_free(csm__buf *b);

/* Read a whole regular file of at most `max` bytes; *out is NUL-terminated. */
int csm__read_file(char **out, size_t *len, const char *path, size_t max);

/* Offset of the first invalid UTF-8 byte, or `len` if all is valid. */
size_t csm__utf8_check(const char *s, size_t len);
/* Decode one code point of valid UTF-8 and advance *s past it. */
unsigned csm__utf8_next(const unsigned char **s);
/* Number of code points in valid UTF-8 `s`. */
size_t csm__utf8_length(const char *s);
/* Terminal display width of valid UTF-8 `s` (East Asian wide = 2). */
size_t csm__display_width(const char *s);
/* Code point `cp` is East Asian wide or fullwidth (two columns). */
int csm__wide(unsigned cp);
/* The one check of text input: not UTF-16, no NUL byte, valid UTF-8, at
 * most one UTF-8 byte-order mark. On success `*body` is the offset after the
 * mark (0 or 3); otherwise the error names `name` and the place. */
int csm__text_check(const char *data, size_t len, const char *name, size_t *body);
/* 1-based line and column (in code points) of byte offset `off`. */
void csm__line_col(const char *s, size_t off, unsigned *line, unsigned *col);

/* True if `s` is a plausible id: 1..64 of [A-Za-z0-9._:-], starting alnum. */
int csm__valid_id(const char *s);
/* True if `s` is a valid calendar date YYYY-MM-DD. */
int csm__valid_date(const char *s);

/* Epsilon comparison used for every rule on scores: a >= b. */
int csm__ge(double a, double b);

/* A JSON number for output into buf (at least 32 bytes): whole numbers as
 * integers, others the shortest of %.15g and %.17g that reads back exactly
 * (cJSON's own rule). Returns the length. */
size_t csm__format_number(char *buf, double v);
/* Append a number (csm__format_number) or a JSON string (escaped by cJSON). */
void csm__buf_number(csm__buf *b, double v);
void csm__buf_json_string(csm__buf *b, const char *s);
/* Group i's means as JSON text "[..10 numbers or null..]", made once at load. */
const char *csm__benchmark_mean_json(const csm_benchmark *b, size_t i);

/* ---- json.c ------------------------------------------------------------ */

/* Parse JSON with UTF-8 validation, an optional BOM, duplicate-key and
 * depth checks; errors name `name` and the line/column or key path. */
int csm__json_parse(cJSON **out, const char *data, size_t len, const char *name);
/* Check `"format": "<family>/<major>"`: family must match, major must be 1. */
int csm__json_format(const cJSON *root, const char *family, const char *name);
/* A string member with length cap, or NULL (recording a problem if it has the
 * wrong type or is too long). `where` names the member in messages. */
const char *csm__json_string(const cJSON *obj, const char *key, size_t max,
                             csm__problems *p, const char *name, const char *where);
/* A {"ja": ..., "en": ...} member: both strings copied into out[2]. */
int csm__json_lang_pair(char *out[2], const cJSON *obj, const char *key, int required,
                        csm__problems *p, const char *name, const char *where);

/* ---- shared structures ------------------------------------------------- */

typedef struct csm__item {
	char *id;
	int directive;
	char *text[3][2];   /* csm_item_text x csm_lang */
	char *level[5][2];  /* level 1..5 x csm_lang */
	char **tips;
	size_t tip_count;
	char **csf;         /* NIST CSF subcategory ids, e.g. "ID.GV-1" */
	size_t csf_count;
} csm__item;

typedef struct csm__gate {
	char *id;
	char *question[2];
	int max_level;   /* with "no", these items cannot be above this */
	char **items;
	size_t item_count;
} csm__gate;

struct csm_questionnaire {
	char *id;
	csm__gate *gates;
	size_t gate_count;
	char *title[2];
	char *level[5][2];
	char *dir_title[CSM_DIRECTIVES][2];
	char *dir_short[CSM_DIRECTIVES][2];
	double weight[CSM_DIRECTIVES];
	csm__item *items;
	size_t item_count;
	unsigned dir_items[CSM_DIRECTIVES];
};

typedef struct csm__answer {
	char *id;
	csm_answer_kind kind;
	int level;
	char *evidence;
	char *note;
} csm__answer;

struct csm_answers {
	char *name;
	char *field[7];             /* csm_answers_field */
	double headcount, revenue;  /* -1 where not given */
	char **assessor_name, **assessor_role;
	size_t assessor_count;
	csm__answer *items;
	size_t count, cap;
	cJSON *organization;        /* the organization object as given, or NULL */
	char **discuss;             /* items marked for discussion by a merge */
	size_t discuss_count;
	char **gate_id;             /* gate answers: id and 1 yes, 0 no, -1 not answered */
	int *gate_value;
	size_t gate_count;
};

/* Answer `id` of `a`, or NULL. */
const csm__answer *csm__answers_find(const csm_answers *a, const char *id);
/* The same, trying index `hint` first (the item's questionnaire index). */
const csm__answer *csm__answers_find_near(const csm_answers *a, const char *id, size_t hint);

/* Items answered 4 or 5 without evidence, as "1-2, 5-1" into buf (empty if none). */
size_t csm__answers_unbacked(const csm_answers *a, const csm_questionnaire *q, char *buf, size_t size);
/* The items a merge marked for discussion, as "7-2, 9-1" (empty if none). */
size_t csm__answers_discuss_text(const csm_answers *a, char *buf, size_t size);

/* The one reader of a level given as text (a CSV cell, a JSON string, a
 * workbook cell): 1..5 in ASCII or full-width digits, n/a in any case (also
 * full-width) or 該当なし, white space around it (ASCII, U+3000) ignored;
 * empty text is "not answered yet" (CSM_ANSWER_NULL) if `empty_ok`. Returns 0
 * and sets *kind (and *level, 0 unless CSM_ANSWER_LEVEL), -1 if it is none. */
int csm__level_parse(const char *text, size_t len, int empty_ok, csm_answer_kind *kind, int *level);

/* Answers built in code (from a database): room for `cap` items. */
csm_answers *csm__answers_new(const char *name, size_t cap);
int csm__answers_push(csm_answers *a, const char *id, csm_answer_kind kind, int level);

struct csm_score {
	const csm_questionnaire *q;
	signed char *level; /* per questionnaire item: 1..5, 0 unanswered, -1 n/a */
	csm_directive_score dir[CSM_DIRECTIVES];
	double overall;
	int has_overall;
	csm_grade grade;
	csm_grading grading;
	int partial;
	int weighted;
};

/* Accessors for the renderers (analysis.c). */
const csm_questionnaire *csm__analysis_q(const csm_analysis *an);
const csm_answers *csm__analysis_a(const csm_analysis *an);
const csm_score *csm__analysis_s(const csm_analysis *an);
const csm_benchmark *csm__analysis_b(const csm_analysis *an);
/* The previous assessment, if one was set. */
const csm_score *csm__analysis_prev(const csm_analysis *an);
const csm_answers *csm__analysis_prev_a(const csm_analysis *an);
/* Items of `q` whose level moved from `older` to `newer`, as "9-1 2→3, ..."; returns their number. */
size_t csm__moved_items(const csm_answers *older, const csm_answers *newer, const csm_questionnaire *q, char *buf,
                        size_t size);
/* The organization's industry as a label where known, else its id, or NULL. */
const char *csm__analysis_industry_label(const csm_analysis *an, csm_lang lang);

#endif
