/* Internal declarations shared by the modules of libcsm; not installed. */
#ifndef CSM_INTERNAL_H
#define CSM_INTERNAL_H

#include <stdint.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "csm.h"

/* ---- messages.c: the library's user-visible words --------------------- */

#define CSM__LANGS 2 /* values of csm_lang: every message has one text per language */

typedef struct csm__message {
	const char *key;
	const char *text[CSM__LANGS]; /* indexed by csm_lang */
} csm__message;

/* The text of `key` in `lang` (static storage, never NULL). A key missing
 * from the table is a programming error (asserted; release builds return the
 * key itself). */
const char *csm__msg(const char *key, csm_lang lang);
/* The word for a questionnaire's groups in `lang`: its "group_word" ("Part")
 * or "Directive" (指示). Every report that names a group says it so. */
const char *csm__group_word(const csm_questionnaire *q, csm_lang lang);
/* The whole table, sorted by key, for its test. */
const csm__message *csm__msg_table(size_t *out_count);
/* printf with a text of the table as the format: `msg` is csm__msg(key,
 * lang). The compiler cannot check a format it does not see, so these take
 * only the table's texts, whose conversions test_messages checks to be the
 * same in every language; the caller passes arguments to match. */
struct csm__buf;
void csm__buf_msgf(struct csm__buf *b, const char *msg, ...);
void csm__buf_vmsgf(struct csm__buf *b, const char *msg, va_list ap);
/* Like snprintf: into `dst` of `size` bytes, cut to fit. */
int csm__msg_snprintf(char *dst, size_t size, const char *msg, ...);

/* ---- error.c: the per-thread message ---------------------------------- */

#if defined(__GNUC__)
#define CSM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CSM_PRINTF(f, a)
#endif

/* Copy `src` to `dst` (NUL-terminated, cut to fit `size`) with every control
 * character (C0 but a newline when `keep_newline`, DEL, C1 as UTF-8) written
 * as \xNN, so text from input cannot drive a terminal. Returns the length. */
size_t csm__escape_controls(char *dst, size_t size, const char *src, int keep_newline);

/* Control characters in a one-line field (name, id, date, role): the first
 * one's byte, or -1 when there is none. Tab, newline and carriage return
 * are allowed where `multiline`. */
int csm__control_char(const char *s, int multiline);

/* A public function's precondition on its arguments: when `cond` does not
 * hold (a NULL the header does not allow, an index out of range), the
 * function returns CSM_EINVALID with a message naming it, never crashes. */
#define CSM__ARGS(cond)                                                                                       \
	do {                                                                                                  \
		if (!(cond))                                                                                  \
			return csm__err(CSM_EINVALID, "%s: invalid argument (%s)", __func__, #cond);          \
	} while (0)

/* k: no group of fewer organizations is published or compared with, when a
 * benchmark does not say (csm_context_min_group()). */
#define CSM__DEFAULT_MIN_GROUP 5u

#define CSM__ITEM_FIELDS 4 /* values of csm_item_field */
#define CSM__FIELDS 7 /* values of csm_answers_field */
#define CSM__KEY_MAX 96 /* a benchmark group key, with its NUL */

/* The values of organization.scope and organization.size, in order: the one
 * list every reader, form and report uses. */
#define CSM__SCOPES 2
#define CSM__SIZES 3
extern const char *const csm__scopes[CSM__SCOPES]; /* "entity", "group" */
/* The scope's word in `lang` (単体 / グループ, single entity / group); an unknown id as it is. */
const char *csm__scope_label(const char *scope, csm_lang lang);
extern const char *const csm__sizes[CSM__SIZES];   /* "small", "medium", "large" */
int csm__scope_valid(const char *s);
int csm__size_valid(const char *s);

/* The benchmark group key of an industry: "industry:<id>" (cut to fit). */
void csm__industry_key(char key[CSM__KEY_MAX], const char *industry);
/* The benchmark group an organization of `industry` is compared with: its
 * industry's group, else its parent group's (`ind` may be NULL: then no
 * parent). The index in `b`, or -1; `key` gets the group's key (the
 * industry's own when there is none). `industry` is as csm__industry_current()
 * gives it. */
int csm__industry_group(char key[CSM__KEY_MAX], const csm_benchmark *b, const csm_industries *ind, const char *industry);
/* `id`, or the id it was renamed to in `ind` (may be NULL). */
const char *csm__industry_current(const csm_industries *ind, const char *id);
/* The label of the industries' groups as a set ("2020年試行", "2020 trial"), or NULL. */
const char *csm__industries_groups_label(const csm_industries *ind, csm_lang lang);
/* The id of the industry or group whose id or label (ja, or en in any case)
 * is `s`, or `s`'s own copy in the list where it is a renamed id; NULL if none. */
const char *csm__industry_find(const csm_industries *ind, const char *s);

/* Tip `id` of `t`, or NULL when there is none or `t` or `id` is NULL; unlike
 * csm_tips_find() it leaves the thread's message alone, for the renderers,
 * which show a tip where the data has one and skip it otherwise. */
const csm_tip *csm__tips_lookup(const csm_tips *t, const char *id);

/* A temporary file with no name in `dir`, open for reading and writing
 * (O_TMPFILE, or a file unlinked at once): nothing is left behind however the
 * process ends. Returns the descriptor, or -1 with errno. */
int csm__nameless_tmp(const char *dir);

/* Whether all `n` pointers of `p` are set (an array argument of handles). */
int csm__all_set(const void *const *p, size_t n);

/* Whether `l` is a language the data has (an index into [2] arrays). */
#define CSM__LANG_OK(l) ((unsigned)(l) <= (unsigned)CSM_LANG_EN)

/* Set the thread's message and return `code` (for `return csm__err(...)`).
 * Control characters in the message are escaped (csm__escape_controls). */
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

/* Appending is inline (the slow path, growing, is not): documents are built
 * from many short pieces, and the calls were a fifth of csm score --json. */
void csm__buf_add_grow(csm__buf *b, const char *s, size_t n);
static inline void csm__buf_add(csm__buf *b, const char *s, size_t n)
{
	if (b->nomem || n > 4096 || b->len + n + 1 > b->cap) { /* long pieces too: the copy is the cost */
		csm__buf_add_grow(b, s, n);
		return;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}
/* Inline so that a literal's length is known when compiling. */
static inline void csm__buf_puts(csm__buf *b, const char *s) { csm__buf_add(b, s, strlen(s)); }
void csm__buf_printf(csm__buf *b, const char *fmt, ...) CSM_PRINTF(2, 3);
void csm__buf_vprintf(csm__buf *b, const char *fmt, va_list ap) CSM_PRINTF(2, 0);
/* Pad with spaces to `width` display columns after `s` took `used`. */
void csm__buf_pad(csm__buf *b, size_t used, size_t width);
/* Hand the string to *out (caller frees) or fail with CSM_ENOMEM. */
int csm__buf_finish(csm__buf *b, char **out);
/* Append `s` as one CSV cell (RFC 4180), quoted when it needs to be, and with
 * a leading ' where a spreadsheet would read it as a formula (=, +, -, @). */
void csm__buf_csv(csm__buf *b, const char *s);
/* Append `s` with its control characters written as \xNN (text for a terminal). */
void csm__buf_escaped(csm__buf *b, const char *s);
void csm__buf_free(csm__buf *b);

/* Read a whole regular file of at most `max` bytes; *out is NUL-terminated. */
int csm__read_file(char **out, size_t *len, const char *path, size_t max);

/* Offset of the first invalid UTF-8 byte, or `len` if all is valid. */
size_t csm__utf8_check(const char *s, size_t len);
/* Decode one code point of valid UTF-8 and advance *s past it. */
unsigned csm__utf8_next(const unsigned char **s);
/* Terminal display width of valid UTF-8 `s` (East Asian wide = 2). */
size_t csm__display_width(const char *s);
/* The length in bytes of the character at `s` when it must not begin a line
 * (Japanese line-breaking rules: closing marks, small kana, the long vowel
 * mark, and ASCII closing punctuation), else 0. Both the text reports and the
 * PDF pages wrap by it. */
size_t csm__no_line_start(const char *s);
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
/* FNV-1a, 64 bits, of `n` bytes, continuing from `h` (start with
 * CSM__FNV_BASIS): the hash of the aggregator's group table and of the
 * offline form's storage slot. Not for anything an attacker may choose to
 * collide with on purpose. */
#define CSM__FNV_BASIS 14695981039346656037u
uint64_t csm__fnv1a(const void *data, size_t n, uint64_t h);
/* Days since 1970-01-01 of a valid date YYYY-MM-DD (see csm__valid_date). */
long csm__date_days(const char *s);

/* The one tolerance of every rule on scores. Scores are k/n fractions with
 * small n and benchmark means are data given to a few decimals, so no two
 * distinct values that matter lie within it; floating-point noise does. */
#define CSM__EPS 1e-9
/* The longest rating period of one assessment: raters of one merge answer
 * within it (csm merge); files further apart are two assessments. */
#define CSM__MERGE_DAYS 31
/* a >= b, a > b and a == b within CSM__EPS. */
int csm__ge(double a, double b);
int csm__gt(double a, double b);
int csm__eq(double a, double b);

/* A JSON number for output into buf (at least 32 bytes): whole numbers as
 * integers, others the shortest of %.15g and %.17g that reads back exactly
 * (cJSON's own rule). Returns the length. */
size_t csm__format_number(char *buf, double v);
/* Append a number (csm__format_number) or a JSON string (escaped by cJSON). */
void csm__buf_number(csm__buf *b, double v);
void csm__buf_json_string(csm__buf *b, const char *s);
/* The release log of db export (aggregate.c, db.c). An aggregator that
 * keeps its groups' members: each added with its organization's 16 hex
 * digits. Memberships of groups published before are given with _prior
 * (tokens joined by commas, as `record` receives them); no group is then
 * published that differs from one of them, or from another group of the
 * export, by 1..k-1 organizations. `record` gets each published group
 * before the text is made; its error ends the export. */
int csm__aggregator_track(csm_aggregator *ag);
int csm__aggregator_add_member(csm_aggregator *ag, const csm_answers *a, unsigned flags, const char *org);
int csm__aggregator_prior(csm_aggregator *ag, const char *members);
typedef int (*csm__release_fn)(void *ctx, const char *key, unsigned long long n, const char *members);
int csm__aggregator_export_release(char **out, csm_aggregator *ag, csm__release_fn record, void *ctx);

/* Group i's means as JSON text "[..10 numbers or null..]", made once at load. */
const char *csm__benchmark_mean_json(const csm_benchmark *b, size_t i);

/* ---- the csm-benchmark/1 writer (benchmark.c) ---------------------------
 * Both producers (csm_benchmark_from_tsv, the aggregator's export) describe
 * the document and csm__benchmark_write writes it; nothing else spells the
 * format. All pointers are the caller's and only read. */

/* A histogram bar: value and how many have it. */
typedef struct csm__bench_bin {
	double v;
	unsigned long long c;
} csm__bench_bin;

typedef struct csm__bench_hist {
	const csm__bench_bin *b; /* ascending values */
	size_t n;
} csm__bench_hist;

/* A group's statistics per directive, in the format's order. */
enum { CSM__STAT_MEAN, CSM__STAT_SD, CSM__STAT_Q1, CSM__STAT_MEDIAN, CSM__STAT_Q3, CSM__STAT_MIN, CSM__STAT_MAX, CSM__STATS };

typedef struct csm__bench_group {
	const char *key;
	unsigned long long n;
	unsigned char has_stat[CSM__STATS];     /* which statistics the group gives */
	double stat[CSM__STATS][CSM_DIRECTIVES];
	unsigned char missing[CSM_DIRECTIVES];  /* 1: no score in this directive (null) */
	const csm__bench_hist *dir_hist;        /* CSM_DIRECTIVES histograms, or NULL for none */
	int has_overall_mean;
	double overall_mean;
	csm__bench_hist overall;                /* the overall scores' histogram */
	int has_overall_stats;                  /* a points benchmark: the total's sd, quartiles, min, max too */
	double overall_stat[CSM__STATS];
} csm__bench_group;

/* Why a group is left out (the aggregator's group.suppressed). */
enum { CSM__SUPPRESSED_FEW = 1, CSM__SUPPRESSED_COMPLEMENT = 2, CSM__SUPPRESSED_DIFFERS = 3 };

typedef struct csm__bench_suppressed {
	const char *key;
	int reason; /* CSM__SUPPRESSED_* */
} csm__bench_suppressed;

typedef struct csm__bench_doc {
	const char *name, *source, *questionnaire, *date; /* source, date: NULL for none */
	unsigned min_group;
	csm_grading grading;
	int grading_estimated;
	const csm__bench_group *groups;
	size_t ngroups;
	int list_suppressed; /* write "suppressed" (possibly empty) */
	const csm__bench_suppressed *suppressed;
	size_t nsuppressed;
	/* A benchmark in points (a questionnaire with its own scale): the most
	 * points and each part's most. Then "points" stands where "grading"
	 * does, and the per-directive arrays run over the `parts` parts. 0: levels. */
	int max_points;
	int parts;
	int part_max[CSM_DIRECTIVES];
} csm__bench_doc;

/* The two layouts, kept as files already published have them (a change
 * would change their bytes): INDENTED is cJSON_Print's (a table's
 * benchmark, read and diffed by people; min_group only when not 0, before
 * grading), LINES one group a line (large exports; min_group always, after
 * grading). */
typedef enum { CSM__BENCH_INDENTED, CSM__BENCH_LINES } csm__bench_layout;

/* Write `doc` as csm-benchmark/1 to *out (caller frees; LINES ends with a
 * newline, INDENTED does not). */
int csm__benchmark_write(char **out, const csm__bench_doc *doc, csm__bench_layout layout);

/* ---- json.c ------------------------------------------------------------ */

/* Parse JSON with UTF-8 validation, an optional BOM, duplicate-key and
 * depth checks; errors name `name` and the line/column or key path. */
int csm__json_parse(cJSON **out, const char *data, size_t len, const char *name);
/* Between these, trees that csm__json_parse builds in this thread live in
 * `buf` (and malloc past it); every such tree must be deleted before _end,
 * and nothing else of it kept. */
void csm__json_arena_begin(char *buf, size_t cap);
/* cJSON_Delete for a tree csm__json_parse built in the arena (a no-op unless
 * part of it spilled to malloc). */
void csm__json_arena_delete(cJSON *root);
void csm__json_arena_end(void);
/* Check `"format": "<family>/<major>"`: family must match, major must be 1. */
int csm__json_format(const cJSON *root, const char *family, const char *name);
/* A string member with length cap, or NULL (recording a problem if it has the
 * wrong type or is too long). `where` names the member in messages. */
const char *csm__json_string(const cJSON *obj, const char *key, size_t max,
                             csm__problems *p, const char *name, const char *where);
/* As csm__json_string(), for a one-line field: a control character is a problem. */
const char *csm__json_line(const cJSON *obj, const char *key, size_t max, csm__problems *p, const char *name,
                           const char *where);
/* A {"ja": ..., "en": ...} member: both strings copied into out[2]. */
int csm__json_lang_pair(char *out[2], const cJSON *obj, const char *key, int required,
                        csm__problems *p, const char *name, const char *where);

/* ---- shared structures ------------------------------------------------- */

typedef struct csm__item {
	char *id;
	int directive;
	char *text[CSM__ITEM_FIELDS][2]; /* csm_item_text x csm_lang */
	char *level[5][2];  /* level 1..5 x csm_lang */
	char **tips;
	size_t tip_count;
	char **csf;         /* NIST CSF subcategory ids, e.g. "ID.GV-1" */
	size_t csf_count;
	unsigned csf11;     /* bit f: in CSF 1.1 function f (csf.c's order), from csf's ids */
	unsigned csf20;     /* bit f: in CSF 2.0 function f (csf.c's order), from the map */
	char *appendix_a;   /* the Guidelines' Appendix A item it asks about, e.g. "1-1", or NULL */
	char **marks;       /* "basic-1".."basic-5", "policy" (questionnaires with a scale) */
	size_t mark_count;
} csm__item;

/* A choice of a questionnaire's own answer scale. */
typedef struct csm__choice {
	char *id;
	int points;
	char *label[2];
} csm__choice;
#define CSM__MAX_CHOICES 8

typedef struct csm__gate {
	char *id;
	char *question[2];
	int max_level;   /* with "no", these items cannot be above this */
	char **items;
	size_t item_count;
} csm__gate;

#define CSM__MAX_COMPARABLE 8
struct csm_questionnaire {
	char *id;
	csm__gate *gates;
	size_t gate_count;
	char *title[2];
	char *appendix_a_source[2]; /* which Appendix A the items' appendix_a name, e.g. "Guidelines Ver2.0 Appendix A" */
	char *level[5][2];
	char *dir_title[CSM_DIRECTIVES][2];
	char *dir_short[CSM_DIRECTIVES][2];
	char *dir_if_left[CSM_DIRECTIVES][2]; /* what could happen if it is left (optional; the board page) */
	double weight[CSM_DIRECTIVES];
	csm__item *items;
	size_t item_count;
	unsigned dir_items[CSM_DIRECTIVES];
	int has_csf20;      /* items carry csf20 (the map was read) */
	char *comparable[CSM__MAX_COMPARABLE]; /* "comparable_with": same directives */
	size_t comparable_count;
	csm__choice *choices;  /* "scale": its choices, or NULL (levels 1..5) */
	size_t choice_count;
	int unknown_choice;    /* the "don't know" choice, or -1 */
	int best_choice;       /* the choice with the most points (ties: the first), or -1 */
	int group_count;       /* CSM_DIRECTIVES, or the scale questionnaire's own number of groups */
	char *group_word[2];   /* "group_word", or NULL */
	int ungraded;          /* "grading": "none" */
	int max_points;
};

/* The index of the choice of `q`'s scale that `text` (`len` bytes) names: its
 * id, or its label in either language, white space around it (ASCII, U+3000)
 * ignored; -2 for empty text, -1 for none. The one reader of a choice in
 * JSON, CSV, workbook and form answers. */
int csm__choice_parse(const csm_questionnaire *q, const char *text, size_t len);
/* CSM_EINVALID for `what` (a function of levels) given questionnaire `q`
 * with its own scale: "<name>: questionnaire X is answered on its own scale
 * and scored in points, not levels: <what> does not work with it yet". */
int csm__scale_refuse(const csm_questionnaire *q, const char *name, const char *what);
/* "done, partly, not_done, unknown" of `q`'s scale, for messages. */
void csm__choice_list(const csm_questionnaire *q, csm__buf *out);

/* The CSF view (csf.c): GV ID PR DE RS RC. */
#define CSM__CSF_FUNCTIONS 6
typedef struct csm__csf_map csm__csf_map;
/* The function index of a two-letter id ("PR.AC-1" -> 2), or -1. */
int csm__csf_fn(const char *two);
/* Parse csm-csf-map/1 (TSV: CSF 1.1 id, CSF 2.0 function, source). */
int csm__csf_map_parse(csm__csf_map **out, const char *data, size_t len, const char *name);
void csm__csf_map_free(csm__csf_map *m);
/* The CSF 2.0 function of a CSF 1.1 subcategory (its own line, else its
 * category's), or -1. */
int csm__csf_map_function(const csm__csf_map *m, const char *subcategory);

/* What an answers file aims for (targets.c): a level per item and/or a grade
 * by a date. */
typedef struct csm__targets {
	char **id;
	int *level;
	size_t count;
	csm_grade grade;  /* CSM_GRADE_NONE when not given */
	char *by;         /* YYYY-MM or YYYY-MM-DD, or NULL */
} csm__targets;
/* Read "targets" and "target" of an answers document into a->targets. */
int csm__targets_parse(csm_answers *a, const cJSON *root, csm__problems *p, const char *name);
void csm__targets_free(csm__targets *t);
/* Problems of target items not in `q`. */
void csm__targets_check(const csm_answers *a, const csm_questionnaire *q, csm__problems *p);

/* The analysis's targets and follow-up (targets.c, actions.c), set by
 * csm_analysis_set_targets() and csm_analysis_set_actions(). */
typedef struct csm__followup {
	int *target;                 /* per questionnaire item: 1..5, or 0 (no target); NULL: none set */
	const csm_actions *actions;  /* borrowed, or NULL */
	char today[11];              /* YYYY-MM-DD */
	const csm_answers *const *hist_a; /* earlier assessments (board.c), borrowed */
	const csm_score *const *hist_s;
	size_t hist_n;
} csm__followup;
csm__followup *csm__analysis_followup(const csm_analysis *an);
/* The text and JSON parts of the score report (empty when nothing is set). */
void csm__text_targets(csm__buf *o, const csm_analysis *an, csm_lang lang);
/* Directive `d`'s score if every item were at least at its target, when the
 * analysis has targets (csm_analysis_set_targets()): 1 and `*out`, else 0. */
int csm__analysis_target_score(double *out, const csm_analysis *an, int d);
void csm__text_followup(csm__buf *o, const csm_analysis *an, csm_lang lang);
void csm__json_targets(csm__buf *o, const csm_analysis *an);
void csm__json_followup(csm__buf *o, const csm_analysis *an);
/* The follow-up's counts (actions.c), for the board page and the
 * portfolio: 1 and `*out` when the analysis has an action list, else 0 (and
 * `*out` all 0), or a negative csm_error. */
typedef struct csm__followup_counts {
	int listed;            /* the analysis has an action list */
	size_t actions, open, in_progress, done, dropped;
	size_t late;           /* open or in progress, past their due date */
	size_t done_moved;     /* done, and the item moved */
	size_t done_not_moved; /* done, but the item did not move */
} csm__followup_counts;
int csm__followup_count(csm__followup_counts *out, const csm_analysis *an);

/* What the board page shows (board.c), computed with the functions of the
 * karte (analysis.c), the plan (plan.c, actions.c) and the follow-up; drawn
 * by karte_board.c. */
#define CSM__BOARD_PICKS 3
#define CSM__BOARD_POINTS 10
typedef struct csm__board_point {
	char date[11];    /* assessed_on, or "" */
	double overall;
	csm_grade grade;
	const csm_grading *grading;
	int current;      /* this assessment */
} csm__board_point;
typedef struct csm__board {
	int dirs[CSM__BOARD_PICKS]; /* hint 1, then hint 2's directives in its order */
	size_t dir_n;
	csm_actions *next;          /* this year's action list, as csm plan --actions writes it; NULL: no plan */
	int has_followup;
	csm__followup_counts fu;
	csm__board_point points[CSM__BOARD_POINTS]; /* by date, the last CSM__BOARD_POINTS */
	size_t point_n;
	size_t point_total;         /* assessments given, before keeping the last ones */
} csm__board;
int csm__board_build(csm__board *out, const csm_analysis *an, const csm_tips *tips, csm_lang lang);
void csm__board_free(csm__board *b);

/* An action list (actions.c). Defined here, not in actions.c, because the
 * workbook module (xlsx_read.c) makes one that the core frees: the layout is
 * part of the module ABI's digest. */
enum { CSM__ACOL_ITEM, CSM__ACOL_DIRECTIVE, CSM__ACOL_FROM, CSM__ACOL_TO, CSM__ACOL_TIP, CSM__ACOL_FIRST_STEP,
       CSM__ACOL_OWNER, CSM__ACOL_EFFORT, CSM__ACOL_COST, CSM__ACOL_DUE, CSM__ACOL_STATUS, CSM__ACOL_NOTE,
       CSM__ACOLS };
struct csm_actions {
	csm_action *v;
	char *(*text)[CSM__ACOLS]; /* per action, the strings its pointers point into */
	size_t n;
	char *org; /* the organization the list is for, or NULL */
};
/* The label of a status in the workbook's list, in `lang` ("未着手", "open"). */
const char *csm__action_status_label(csm_action_status st, csm_lang lang);
/* The column names of csm-actions/1, in file order ("item", ..., "note"). */
extern const char *const csm__action_col[CSM__ACOLS];
/* csm_actions_parse() of JSON or CSV (actions.c; the workbook is the module's). */
int csm__actions_parse_text(csm_actions **out, const char *data, size_t len, const char *name);
/* A new empty list with room for `cap` actions. */
int csm__actions_new(csm_actions **out, size_t cap);
/* Check one action's cells (NULL: column absent; a kept text is taken over,
 * its pointer set to NULL) and add it, or record its problems in `p`, each
 * at where[c] of its column ("FILE:LINE", "FILE: actions[3]", "FILE: Actions!K7").
 * A status may be an id or a label of the workbook in either language.
 * Returns 0 or CSM_ENOMEM. */
int csm__actions_take(csm_actions *acts, char *cell[CSM__ACOLS], const char *const where[CSM__ACOLS],
                      csm__problems *p);

typedef struct csm__answer {
	char *id;
	csm_answer_kind kind;
	int level;          /* CSM_ANSWER_CHOICE: the choice's index in the scale it was read for */
	char *choice;       /* CSM_ANSWER_CHOICE: the choice id */
	char *evidence;
	char *note;
} csm__answer;

struct csm_answers {
	char *name;
	char *field[CSM__FIELDS];   /* csm_answers_field */
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
	char *ids;                  /* item ids of a JSON file, in one block (not freed one by one) */
	size_t ids_len;
	csm__targets *targets;      /* "targets" and "target", or NULL (targets.c) */
};

/* Answer `id` of `a`, or NULL. */
const csm__answer *csm__answers_find(const csm_answers *a, const char *id);
/* The same, trying index `hint` first (the item's questionnaire index). */
const csm__answer *csm__answers_find_near(const csm_answers *a, const char *id, size_t hint);

/* Items answered 4 or 5 without evidence, appended to `out` as "1-2, 5-1";
 * returns their number. */
size_t csm__answers_unbacked(const csm_answers *a, const csm_questionnaire *q, csm__buf *out);
/* The items a merge marked for discussion, appended to `out` as "7-2, 9-1";
 * returns their number. */
size_t csm__answers_discuss_text(const csm_answers *a, csm__buf *out);
/* The identity an organization is counted under: NFKC with case folded,
 * white space of any kind as one space and none at either end, so that
 * "Attacker Co.", "ATTACKER CO. " and its full-width form are one. `*out` is
 * the caller's to free. CSM_EINVALID (message set) for no name. */
int csm__org_identity(char **out, const char *name);
/* 1 if both answers are about one organization (by csm__org_identity), else 0. */
int csm__same_org(const csm_answers *x, const csm_answers *y);

/* The one reader of a level given as text (a CSV cell, a JSON string, a
 * workbook cell): 1..5 in ASCII or full-width digits, n/a in any case (also
 * full-width) or 該当なし, white space around it (ASCII, U+3000) ignored;
 * empty text is "not answered yet" (CSM_ANSWER_NULL) if `empty_ok`. Returns 0
 * and sets *kind (and *level, 0 unless CSM_ANSWER_LEVEL), -1 if it is none. */
int csm__level_parse(const char *text, size_t len, int empty_ok, csm_answer_kind *kind, int *level);

/* Answers built in code (from a database): room for `cap` items. */
csm_answers *csm__answers_new(const char *name, size_t cap);
int csm__answers_push(csm_answers *a, const char *id, csm_answer_kind kind, int level);
/* Replace the organization's industry (the field and the organization
 * object as given) by `id`: an older list's id resolved to the current one. */
int csm__answers_set_industry(csm_answers *a, const char *id);

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
/* Items of `q` whose level moved from `older` to `newer`, appended to `out`
 * as "9-1 2→3, ..."; returns their number. */
size_t csm__moved_items(const csm_answers *older, const csm_answers *newer, const csm_questionnaire *q, csm__buf *out);
/* The organization's industry as a label where known, else its id, or NULL. */
const char *csm__analysis_industry_label(const csm_analysis *an, csm_lang lang);
/* Grade A: the level of the CSM_LIST_LOWEST directives (1..4), else 0. */
int csm__analysis_lowest_level(const csm_analysis *an);
/* 1 if hint 1 is labelled urgent: its directive is on a behind list (grades B, C). */
int csm__analysis_hint1_urgent(const csm_analysis *an);
/* The hints' heading by target, as the trial's karte: 成熟度Aになるためのヒント ... */
/* The note on what the benchmark compares (csm_analysis_compares() 1 or 0),
 * appended to `o`; nothing when it was built from the same questionnaire. */
void csm__analysis_comparison_note(const csm_analysis *an, csm_lang lang, csm__buf *o);
const char *csm__analysis_hints_heading(const csm_analysis *an, csm_lang lang);
/* Hint 2's sentence into `o` ("指示4、5、6も改善が必要です"); 0 when nothing is flagged. */
int csm__analysis_flagged_text(const csm_analysis *an, csm_lang lang, csm__buf *o);
/* Grade A's statement of list `which` (LEVEL5 or LOWEST) into `o` ("指示1、2、7は
 * レベル5に達しています", "指示6、8、9はレベル4で改善の余地があります"); 0 when empty. */
int csm__analysis_level_text(const csm_analysis *an, csm_list which, csm_lang lang, csm__buf *o);
/* The groups the organization is compared with, in table order: all,
 * grade:C, grade:B, grade:A, and its industry's when it names one; their keys
 * and indexes in the benchmark (-1 where it has none). Returns 4 or 5. */
size_t csm__analysis_groups(const csm_analysis *an, const char *keys[5], int idx[5]);
/* Whether cut-offs can grade: 0 < B < A <= 5. */
int csm__grading_valid(const csm_grading *g);
/* The grade a company aims for next: C -> B, B -> A; A keeps A. */
csm_grade csm__next_grade(csm_grade g);
/* How much the overall of `s` rises when item `i` (answered, in a directive
 * with a score) rises by `levels`: its directive's share of the weights over
 * the directive's answered items. The rule of csm_score_compute(), for plans. */
double csm__item_gain(const csm_score *s, size_t i, int levels);
/* The portfolio model (portfolio.c), shown by the PDF and the CSV alike. */
typedef struct csm__portfolio {
	const csm_analysis *const *an;
	size_t n;
	csm_rollup rollup;
	int weighted;                 /* the rollup's weights were all given (else a plain mean) */
	size_t *order;                /* organizations by overall, best first */
	double dir[CSM_DIRECTIVES];   /* the group rolled up (entities only) */
	int has[CSM_DIRECTIVES];
	double overall;
	csm_grade grade;
	const char *parent;           /* the one parent all organizations name, or NULL */
	int weak[3];                  /* the group's lowest directives, 1..10 (0: none) */
	size_t *below[3], nbelow[3];  /* per weak directive: entities below the group, lowest first */
	/* the follow-up of the action lists (csm_analysis_set_actions()), when
	 * any organization has one: per organization, in the order of `an` */
	int followed;
	csm__followup_counts *fu;
	const char *today;            /* the day "overdue" is counted on */
	size_t fu_late, fu_unlisted;  /* organizations with overdue actions; without a list */
} csm__portfolio;
int csm__portfolio_build(csm__portfolio *p, const csm_analysis *const *an, size_t n, csm_rollup rollup);
void csm__portfolio_free(csm__portfolio *p);

/* csm_radar_from_analysis(), with the industry's series labelled just
 * "Industry average" when `short_labels` (the page names the industry). */
int csm__radar_fill(csm_radar **out, const csm_analysis *an, csm_lang lang, int short_labels);
/* The index of the industry's group in the benchmark (its own, or else its
 * parent's), or -1. */
int csm__analysis_industry_group(const csm_analysis *an);
/* The organization's industry (an older id resolved), or NULL; the list. */
const char *csm__analysis_industry(const csm_analysis *an);
const csm_industries *csm__analysis_industries(const csm_analysis *an);
/* The label of the group the organization is compared with: its industry's
 * label, or its parent group's ("金融"). */
const char *csm__analysis_group_label(const csm_analysis *an, csm_lang lang);
/* "銀行業 (比較: 金融 2020年試行)": the industry and the parent group it is
 * compared with; only the industry where that is its own group or there is
 * none; NULL without an industry. */
const char *csm__analysis_industry_compared(const csm_analysis *an, csm_lang lang);
/* 1 if the industry group exists but is below the benchmark's min_group, so
 * no percentile is given; its n into `*n`. */
int csm__analysis_percentile_withheld(const csm_analysis *an, unsigned *n);

#endif
