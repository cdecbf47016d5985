/*
 * csm — Cyber Security Management Guidelines maturity engine.
 *
 * This is the whole public API of libcsm. Every name is prefixed `csm_`.
 *
 * Conventions (as in libgit2):
 *  - Functions that can fail return `int`: 0 (CSM_OK) on success, a negative
 *    `csm_error` code on failure. The detailed message is kept per thread and
 *    read with csm_error_last(); for input errors it has the form
 *    `file: where: what`, one line per problem.
 *  - Out-parameters come first and are named `out`. What comes back through
 *    `**out` is owned by the caller and must be released with the free
 *    function named in the doc comment. On failure `*out` is set to NULL.
 *  - Handles are opaque. Strings and arrays returned by accessors are owned
 *    by the handle they came from and stay valid until it is freed.
 *  - Languages are CSM_LANG_JA (the default of the Guidelines) and CSM_LANG_EN.
 *  - Bad arguments are reported, never a crash: a NULL pointer where the doc
 *    comment does not say "may be NULL", an index or directive out of range,
 *    or a language other than the two makes an `int` function return
 *    CSM_EINVALID (with a message naming the function), and an accessor
 *    return NULL, 0, -1 (a find) or CSM_GRADE_NONE. Free functions take NULL.
 *    A `name` used in messages may be NULL.
 *  - Messages never carry control characters: any that come from input are
 *    shown as \xNN, so a message can be printed to a terminal as it is.
 *
 * Threads:
 *  - Error messages are per thread; every function may be called from any
 *    thread.
 *  - Loaded data is read-only once made and may be shared between threads
 *    without locking: csm_questionnaire (except csm_questionnaire_set_weights,
 *    which must be called before sharing), csm_tips (and each csm_tip it
 *    lends), csm_industries, csm_benchmark, csm_actions (analyses on several
 *    threads may follow up one), and a csm_context (its caches lock
 *    themselves).
 *  - Results are owned by one thread at a time: csm_answers, csm_score,
 *    csm_analysis (and its setters), csm_plan, csm_aggregator, csm_lines,
 *    csm_supply, csm_karte_maker and csm_db may be handed from thread to thread, but not
 *    used by two at once. Use one karte maker or database handle per thread.
 */
#ifndef CSM_H
#define CSM_H

#include <stddef.h>

#include "csm_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CSM_BUILDING_LIBRARY) && defined(__GNUC__)
#define CSM_EXTERN __attribute__((visibility("default")))
#else
#define CSM_EXTERN
#endif

/* ------------------------------------------------------------------------ */
/* Errors, version, limits                                                  */
/* ------------------------------------------------------------------------ */

/** Error codes. Every failing function returns one of these (negative). */
typedef enum csm_error {
	CSM_OK = 0,
	CSM_EINVALID = -1, /**< invalid input data (file, field, value); CLI exit 2 */
	CSM_EIO = -2,      /**< reading or writing failed; CLI exit 3 */
	CSM_ENOMEM = -3,   /**< out of memory; CLI exit 3 */
	CSM_ENOTFOUND = -4, /**< a named thing (questionnaire, group, tip) does not exist */
	/** an optional back end (PDF, workbook, PostgreSQL) was not built into
	 * this csm or its module or library cannot be loaded; CLI exit 3 */
	CSM_EUNSUPPORTED = -5
} csm_error;

/**
 * The message of the last error on this thread, or "" if none. The string
 * belongs to the library and is overwritten by the next failing call on the
 * same thread. Input errors read `file: where: what`, one problem per line.
 */
CSM_EXTERN const char *csm_error_last(void);

/** Clear this thread's last error message. */
CSM_EXTERN void csm_error_clear(void);

/** The library version, e.g. "0.1.0" (the same as CSM_VERSION_STRING). */
CSM_EXTERN const char *csm_version(void);

/** Caps applied to untrusted input; larger input is refused with CSM_EINVALID. */
#define CSM_MAX_FILE_BYTES (16u * 1024u * 1024u) /**< any one input file */
#define CSM_MAX_TEXT_BYTES 8192u   /**< one evidence, note or other free text */
#define CSM_MAX_NAME_BYTES 512u    /**< a name, id, role, industry, date */
#define CSM_MAX_ITEMS 400u         /**< items in a questionnaire or answers file */
#define CSM_MAX_ASSESSORS 64u      /**< assessors in one answers file */
#define CSM_MAX_GROUPS 1000u       /**< groups in a benchmark file */
#define CSM_MAX_PROBLEMS 50u       /**< problems listed in one error message */

/** The number of directives of the Guidelines; directives are numbered 1..10. */
#define CSM_DIRECTIVES 10

/** Output and content languages. */
typedef enum csm_lang { CSM_LANG_JA = 0, CSM_LANG_EN = 1 } csm_lang;

/** Parse "ja" or "en" into `*out`. Returns CSM_EINVALID for anything else. */
CSM_EXTERN int csm_lang_parse(csm_lang *out, const char *name);

/**
 * Round for display: one decimal, half away from zero (3.25 -> 3.3,
 * -0.25 -> -0.3), as the 2020 trial's tables do. Values are computed
 * exactly and rounded only when shown; this is the one rounding rule.
 */
CSM_EXTERN double csm_round1(double value);

/**
 * Write `value` rounded by csm_round1() with one decimal into `buf`
 * (at least 8 bytes), never as "-0.0". Returns `buf`.
 */
CSM_EXTERN char *csm_format1(char *buf, size_t size, double value);

/*
 * The display rule: a shown number never contradicts what is shown beside
 * it. Marks, bands and arrows are decided from the value as displayed (one
 * decimal, csm_round1()), not from the exact value: a gap of 0.983 is shown
 * "1.0" and is in the >= 1 band; a change of +0.04 is shown "0.0" with the
 * level arrow. The grade stays the exact rule on the exact overall; the
 * overall shown beside it gets as many decimals as it needs (2.665 with a B
 * cut-off of 2.67 is shown "2.665", not "2.7"). The comparison's lists
 * (behind >= 1 / >= 2) and hints use the same bands. Every output (text,
 * JSON lists, karte, portfolio) goes through these functions.
 */

/** The band of a gap as displayed: 2 if it shows >= 2.0, 1 if >= 1.0, else 0. */
CSM_EXTERN int csm_gap_band(double gap);

/**
 * The whole level a directive score stands at as displayed: 3.96 is shown
 * "4.0" and is at level 4; 2.94 is shown "2.9" and is at level 2. The karte
 * colours scores by it (1.x and 2.x, as the trial's table) and grade A's
 * statements ("directives 6, 8, 9 are at level 4") use it.
 */
CSM_EXTERN int csm_score_level(double score);

/** The mark of a gap as displayed: "**", "*" or "" (by csm_gap_band()). */
CSM_EXTERN const char *csm_gap_mark(double gap);

/** The sign of a change as displayed: 1 if it shows above 0.0, -1 below, 0 if "0.0". */
CSM_EXTERN int csm_change_sign(double change);

/**
 * Write a change with its arrow, decided by csm_change_sign(): "↑+0.3",
 * "↓-0.3" or "→0.0" (UTF-8; `buf` at least 16 bytes). Returns `buf`.
 */
CSM_EXTERN char *csm_format_change(char *buf, size_t size, double change);

struct csm_grading;
/**
 * Write an overall score for showing beside its grade under `g`: one decimal
 * as csm_format1(), or, where the one-decimal value would fall on the other
 * side of a cut-off of `g` than the exact overall, the fewest more decimals
 * that keep it on the grade's side (`buf` at least 16 bytes). `g` may be
 * NULL (one decimal). Returns `buf`.
 */
CSM_EXTERN char *csm_format_overall(char *buf, size_t size, double overall, const struct csm_grading *g);

/* ------------------------------------------------------------------------ */
/* Questionnaires (questions/<id>.json, format csm-questionnaire/1)         */
/* ------------------------------------------------------------------------ */

typedef struct csm_questionnaire csm_questionnaire;

/**
 * Parse a questionnaire from `len` bytes of JSON. `name` is used in error
 * messages (usually the file path). On success `*out` is the caller's to
 * free with csm_questionnaire_free().
 */
CSM_EXTERN int csm_questionnaire_parse(csm_questionnaire **out, const char *data, size_t len,
                                       const char *name);

/** Read and parse the questionnaire file at `path`. Free with csm_questionnaire_free(). */
CSM_EXTERN int csm_questionnaire_load(csm_questionnaire **out, const char *path);

/**
 * Load questionnaire `id` (e.g. "csmg-v2") from `<data_dir>/questions/<id>.json`.
 * Returns CSM_ENOTFOUND when no such questionnaire exists (the message lists
 * what does exist). Free with csm_questionnaire_free().
 */
CSM_EXTERN int csm_questionnaire_open(csm_questionnaire **out, const char *data_dir, const char *id);

/** Free a questionnaire. NULL is allowed. */
CSM_EXTERN void csm_questionnaire_free(csm_questionnaire *q);

/** The questionnaire id, e.g. "csmg-v2". */
CSM_EXTERN const char *csm_questionnaire_id(const csm_questionnaire *q);

/** The questionnaire title in `lang`. */
CSM_EXTERN const char *csm_questionnaire_title(const csm_questionnaire *q, csm_lang lang);

/** The generic meaning of maturity level 1..5 in `lang`, or NULL. */
CSM_EXTERN const char *csm_questionnaire_level(const csm_questionnaire *q, int level, csm_lang lang);

/** Full title of directive `d` (1..10) in `lang`. */
CSM_EXTERN const char *csm_directive_title(const csm_questionnaire *q, int d, csm_lang lang);

/** Short label of directive `d` (1..10) in `lang`, for tables and chart axes. */
CSM_EXTERN const char *csm_directive_short(const csm_questionnaire *q, int d, csm_lang lang);

/** What could happen if directive `d` (1..10) is left as it is, in one
 *  plain sentence in `lang` (the questionnaire's `if_left`; the board page),
 *  or NULL where the questionnaire gives none. */
CSM_EXTERN const char *csm_directive_if_left(const csm_questionnaire *q, int d, csm_lang lang);

/** The weight of directive `d` in the overall score (default 1). */
CSM_EXTERN double csm_directive_weight(const csm_questionnaire *q, int d);

/** Replace the directive weights of `q` (10 numbers > 0 and <= 100), e.g. from a --weights option. */
CSM_EXTERN int csm_questionnaire_set_weights(csm_questionnaire *q, const double weights[CSM_DIRECTIVES]);

/** The number of items. */
CSM_EXTERN size_t csm_questionnaire_item_count(const csm_questionnaire *q);

/** The index of the item with id `item_id`, or -1. */
CSM_EXTERN int csm_questionnaire_item_find(const csm_questionnaire *q, const char *item_id);

/** Texts an item carries in each language. */
typedef enum csm_item_field {
	CSM_ITEM_QUESTION = 0, /**< the question (always present) */
	CSM_ITEM_INTENT = 1,   /**< what the question is really asking (optional) */
	CSM_ITEM_HINT = 2,     /**< how to find the answer (optional) */
	CSM_ITEM_HOW = 3       /**< concrete steps to do what the item asks, for a company without IT staff (optional) */
} csm_item_field;

/** Id of item `i` (0-based index), e.g. "9-1". */
CSM_EXTERN const char *csm_item_id(const csm_questionnaire *q, size_t i);

/** Directive (1..10) of item `i`. */
CSM_EXTERN int csm_item_directive(const csm_questionnaire *q, size_t i);

/** Text `field` of item `i` in `lang`, or NULL where the data has none. */
CSM_EXTERN const char *csm_item_text(const csm_questionnaire *q, size_t i, csm_item_field field,
                                     csm_lang lang);

/** What level 1..5 looks like for item `i` in `lang`, or NULL where the data has none. */
CSM_EXTERN const char *csm_item_level(const csm_questionnaire *q, size_t i, int level, csm_lang lang);

/** Number of tip ids linked to item `i`. */
CSM_EXTERN size_t csm_item_tip_count(const csm_questionnaire *q, size_t i);

/** Tip id `k` (0-based) of item `i`. */
CSM_EXTERN const char *csm_item_tip(const csm_questionnaire *q, size_t i, size_t k);

/**
 * The official check item of the Guidelines' Appendix A that item `i` asks
 * about, e.g. "1-1" (the data's "appendix_a"), or NULL where the data names none.
 * csmg-v2 and csmg-v3 name Ver2.0 items.
 */
CSM_EXTERN const char *csm_item_appendix_a(const csm_questionnaire *q, size_t i);

/**
 * Gates: yes/no questions asked before the checklist ("Is there a CISO?").
 * A "no" in an answers file caps the levels of some items; answers above the
 * cap are reported by csm_answers_warnings().
 */
CSM_EXTERN size_t csm_questionnaire_gate_count(const csm_questionnaire *q);

/** Id of gate `i` (0-based), e.g. "ciso". */
CSM_EXTERN const char *csm_gate_id(const csm_questionnaire *q, size_t i);

/** The question of gate `i` in `lang`. */
CSM_EXTERN const char *csm_gate_question(const csm_questionnaire *q, size_t i, csm_lang lang);

/** Number of NIST CSF subcategory ids item `i` maps to (0 where the data has none). */
CSM_EXTERN size_t csm_item_csf_count(const csm_questionnaire *q, size_t i);

/** CSF subcategory id `k` (0-based) of item `i`, e.g. "ID.GV-1" (CSF 1.1) or "GV.OC-01" (CSF 2.0). */
CSM_EXTERN const char *csm_item_csf(const csm_questionnaire *q, size_t i, size_t k);

/*
 * Answer scales. A questionnaire answered with levels 1..5 (the default)
 * has no choices. One that declares its own scale ("scale": {"choices":
 * [{"id", "points", "label": {"ja", "en"}}, ...], "unknown": choice id}) is
 * answered with a choice id per item, scored in points (csm_points_compute())
 * and not with levels: its items carry no level descriptions, and its groups
 * ("directives", 1..10 of them, numbered from 1) may be called otherwise
 * ("group_word", e.g. Part).
 */

/** The number of choices of the questionnaire's own scale; 0 for a questionnaire answered with levels 1..5. */
CSM_EXTERN size_t csm_questionnaire_choice_count(const csm_questionnaire *q);

/** The id of choice `k` (0-based, in the file's order), e.g. "done", or NULL. */
CSM_EXTERN const char *csm_questionnaire_choice_id(const csm_questionnaire *q, size_t k);

/** The points of choice `k` (may be negative; 0 when there is no such choice). */
CSM_EXTERN int csm_questionnaire_choice_points(const csm_questionnaire *q, size_t k);

/** The label of choice `k` in `lang`, e.g. "実施している", or NULL. */
CSM_EXTERN const char *csm_questionnaire_choice_label(const csm_questionnaire *q, size_t k, csm_lang lang);

/** The index of the choice that means "don't know" (its points count; results flag it), or -1. */
CSM_EXTERN int csm_questionnaire_choice_unknown(const csm_questionnaire *q);

/** The index of choice id `id` of `q`'s scale, or -1. */
CSM_EXTERN int csm_questionnaire_choice_find(const csm_questionnaire *q, const char *id);

/**
 * The number of groups of items: 10 directives for a questionnaire answered
 * with levels; for one with its own scale, as many as its "directives" (1..10).
 */
CSM_EXTERN int csm_questionnaire_group_count(const csm_questionnaire *q);

/** What the questionnaire calls its groups in `lang` ("パート", "Part"), or NULL where it says nothing (they are directives). */
CSM_EXTERN const char *csm_questionnaire_group_word(const csm_questionnaire *q, csm_lang lang);

/** 0 when the questionnaire says "grading": "none" (no A/B/C grade is given for it), else 1. */
CSM_EXTERN int csm_questionnaire_graded(const csm_questionnaire *q);

/** The most points its answers can reach ("max_points", or the items times the best choice's points); 0 without a scale. */
CSM_EXTERN int csm_questionnaire_max_points(const csm_questionnaire *q);

/**
 * Marks of item `i`: "basic-1".."basic-5" for the five basic measures
 * (update OS and software, anti-virus, strong passwords, share only with who
 * needs it, know the attack methods) and "policy" for a written, published
 * basic security policy. Their number, and mark `k`.
 */
CSM_EXTERN size_t csm_item_mark_count(const csm_questionnaire *q, size_t i);
CSM_EXTERN const char *csm_item_mark(const csm_questionnaire *q, size_t i, size_t k);

/* ------------------------------------------------------------------------ */
/* Tips (tips/NAME.json, format csm-tips/1)                                  */
/* ------------------------------------------------------------------------ */

/**
 * A collection of tips (opaque): what to do about a weak item, loaded from
 * data. Made by csm_tips_parse() or csm_tips_open(), the caller's, freed with
 * csm_tips_free().
 */
typedef struct csm_tips csm_tips;

/**
 * One tip of a csm_tips collection (opaque). Borrowed: it is owned by the
 * collection it came from (csm_tips_get(), csm_tips_find()), as are all the
 * texts read from it, and stays valid until that collection is freed. It is
 * never freed on its own, and is read-only, so it may be shared between
 * threads like its collection.
 */
typedef struct csm_tip csm_tip;

/** Parse a tips file. Free with csm_tips_free(). */
CSM_EXTERN int csm_tips_parse(csm_tips **out, const char *data, size_t len, const char *name);

/**
 * Load every `.json` file of `<data_dir>/tips/` into one collection; a tip id
 * defined twice is an error. Free with csm_tips_free().
 */
CSM_EXTERN int csm_tips_open(csm_tips **out, const char *data_dir);

/** Free a tips collection and every tip in it. NULL is allowed. */
CSM_EXTERN void csm_tips_free(csm_tips *t);

/** Number of tips. */
CSM_EXTERN size_t csm_tips_count(const csm_tips *t);

/**
 * Tip `i` (0-based; the files in name order, each file's tips in its order),
 * borrowed from `t` (valid until csm_tips_free()); NULL when `t` is NULL or
 * `i` >= csm_tips_count().
 */
CSM_EXTERN const csm_tip *csm_tips_get(const csm_tips *t, size_t i);

/**
 * The tip with id `id` into `*out`, borrowed from `t` (valid until
 * csm_tips_free(); not to be freed). CSM_ENOTFOUND (with a message naming
 * the id) if `t` has no such tip; `*out` is then NULL.
 */
CSM_EXTERN int csm_tips_find(const csm_tip **out, const csm_tips *t, const char *id);

/** The texts a tip carries (csm_tip_text()). */
typedef enum csm_tip_field {
	CSM_TIP_ID = 0,         /**< its id, e.g. "1-1" (the same in both languages; always present) */
	CSM_TIP_TITLE = 1,      /**< its title (always present) */
	CSM_TIP_ACTION = 2,     /**< the short next action cited in hints (always present) */
	CSM_TIP_PROBLEM = 3,    /**< the problem it addresses (optional) */
	CSM_TIP_FIRST_STEP = 4, /**< what can be done this month (optional) */
	CSM_TIP_OWNER = 5,      /**< who usually owns it (optional) */
	CSM_TIP_CHECKED = 6     /**< "YYYY-MM": when its facts were last checked (the same in both languages; optional) */
} csm_tip_field;

/**
 * Text `field` of `tip` in `lang`, owned by the tip's collection (valid until
 * csm_tips_free()); NULL where the data has none, or when `tip` is NULL or
 * `field` or `lang` is out of range.
 */
CSM_EXTERN const char *csm_tip_text(const csm_tip *tip, csm_tip_field field, csm_lang lang);

/**
 * The number of concrete actions of `tip` in `lang` (the data's "actions",
 * 1..10 where given), or 0 where it gives none or `tip` is NULL or `lang` is
 * out of range. The count is the same in both languages for the tips shipped
 * with csm, but the data does not require it.
 */
CSM_EXTERN size_t csm_tip_action_count(const csm_tip *tip, csm_lang lang);

/**
 * Concrete action `i` (0-based, in order; i < csm_tip_action_count(tip,
 * lang)) of `tip` in `lang`, owned by the tip's collection (valid until
 * csm_tips_free()); NULL when `i` is out of range, `tip` is NULL or `lang`
 * is out of range. Not the short next action: that is CSM_TIP_ACTION.
 */
CSM_EXTERN const char *csm_tip_action(const csm_tip *tip, size_t i, csm_lang lang);

/** The staff time `tip` takes: 'S', 'M' or 'L', or 0 where the data does not say or `tip` is NULL. */
CSM_EXTERN char csm_tip_effort(const csm_tip *tip);

/** The money `tip` costs: 'S', 'M' or 'L', or 0 where the data does not say or `tip` is NULL. */
CSM_EXTERN char csm_tip_cost(const csm_tip *tip);

/** The level (2..5) `tip` mainly helps reach, or 0 where the data does not say or `tip` is NULL. */
CSM_EXTERN int csm_tip_helps_reach(const csm_tip *tip);

/** What a tip says to do, by the money a small company can spend on it. */
typedef enum csm_budget {
	CSM_BUDGET_NONE = 0,    /**< with no budget: free tools and the company's own time */
	CSM_BUDGET_SMALL = 1,   /**< with a small budget (the text names rough costs where they are known) */
	CSM_BUDGET_OUTSIDE = 2, /**< with outside help: an IT vendor, support services, public advice desks */
} csm_budget;
#define CSM_BUDGETS 3

/**
 * What `tip` says to do with budget `b`, in `lang`, owned by the tip's
 * collection (valid until csm_tips_free()). NULL when the tip gives no budget
 * advice (the data's "budget" is optional: the tips for large companies have
 * none; a tip that has it answers all three budgets), or when `tip` is NULL
 * or `b` or `lang` is out of range.
 */
CSM_EXTERN const char *csm_tip_budget(const csm_tip *tip, csm_budget b, csm_lang lang);

/** Tip `id` as readable text in `lang`. Caller frees `*out` with csm_free(). */
CSM_EXTERN int csm_render_tip(char **out, const csm_tips *t, const char *id, csm_lang lang);

/* ------------------------------------------------------------------------ */
/* Industries (questions/industries.json, format csm-industries/1)          */
/* ------------------------------------------------------------------------ */

typedef struct csm_industries csm_industries;

/** Parse an industries file. Free with csm_industries_free(). */
CSM_EXTERN int csm_industries_parse(csm_industries **out, const char *data, size_t len, const char *name);

/** Load `<data_dir>/questions/industries.json`. Free with csm_industries_free(). */
CSM_EXTERN int csm_industries_open(csm_industries **out, const char *data_dir);

/** Free an industries list. NULL is allowed. */
CSM_EXTERN void csm_industries_free(csm_industries *ind);

/** Number of industries, and the id of industry `i` (0-based). */
CSM_EXTERN size_t csm_industries_count(const csm_industries *ind);
CSM_EXTERN const char *csm_industry_id(const csm_industries *ind, size_t i);

/**
 * Label of industry or group `id` in `lang`, or NULL if `id` is neither.
 * Industry and group ids are one namespace: an answers file may name a group
 * (e.g. "finance") where it does not know its industry.
 */
CSM_EXTERN const char *csm_industry_label(const csm_industries *ind, const char *id, csm_lang lang);

/**
 * Groups: the parent groups industries roll up to (the 2020 trial's six:
 * machinery, materials, infrastructure, finance, construction, services).
 * Their number, and the id of group `i` (0-based).
 */
CSM_EXTERN size_t csm_industry_group_count(const csm_industries *ind);
CSM_EXTERN const char *csm_industry_group_id(const csm_industries *ind, size_t i);

/** 1 if `id` is one of the list's groups rather than an industry, else 0. */
CSM_EXTERN int csm_industry_is_group(const csm_industries *ind, const char *id);

/** The group industry `id` rolls up to ("finance" for "bank"); a group's own id for a group; NULL if unknown. */
CSM_EXTERN const char *csm_industry_parent(const csm_industries *ind, const char *id);

/** What an id of an older list (e.g. "banking") is now ("bank", an industry or a group), or NULL. */
CSM_EXTERN const char *csm_industry_renamed(const csm_industries *ind, const char *id);

/** Tokyo Stock Exchange sector code of industry `id` ("7050"), or NULL (not a listed sector). */
CSM_EXTERN const char *csm_industry_tse(const csm_industries *ind, const char *id);

/**
 * The critical-infrastructure sectors (重要インフラ) organizations of industry
 * `id` may belong to: their number, and the label of sector `k` in `lang`.
 */
CSM_EXTERN size_t csm_industry_ci_count(const csm_industries *ind, const char *id);
CSM_EXTERN const char *csm_industry_ci_label(const csm_industries *ind, const char *id, size_t k, csm_lang lang);

/* ------------------------------------------------------------------------ */
/* Answers (csm-answers/1 JSON, or CSV item,level[,evidence,note])          */
/* ------------------------------------------------------------------------ */

typedef struct csm_answers csm_answers;
/* A benchmark (csm-benchmark/1): see "Benchmarks" below; named here for the points' peers. */
typedef struct csm_benchmark csm_benchmark;

/** What an answers file says of one item. */
typedef enum csm_answer_kind {
	CSM_ANSWER_MISSING = 0, /**< the item is not in the file */
	CSM_ANSWER_NULL = 1,    /**< present with level null: not answered yet */
	CSM_ANSWER_NA = 2,      /**< "n/a": not applicable, excluded from the mean */
	CSM_ANSWER_LEVEL = 3,   /**< a level 1..5 */
	CSM_ANSWER_CHOICE = 4   /**< a choice of the questionnaire's own scale (csm_answers_choice()) */
} csm_answer_kind;

/** Organization and assessment fields of an answers file. */
typedef enum csm_answers_field {
	CSM_FIELD_ORG_NAME = 0,
	CSM_FIELD_ORG_INDUSTRY = 1,
	CSM_FIELD_ORG_SCOPE = 2, /**< "entity" or "group" */
	CSM_FIELD_ASSESSED_ON = 3, /**< YYYY-MM-DD */
	CSM_FIELD_QUESTIONNAIRE = 4,
	CSM_FIELD_ORG_SIZE = 5,    /**< size band: "small", "medium" or "large" */
	CSM_FIELD_ORG_PARENT = 6   /**< the parent organization (group) */
} csm_answers_field;

/** organization.headcount or organization.revenue (numbers >= 0) into `*out`; 1 if given, else 0. */
CSM_EXTERN int csm_answers_org_number(double *out, const csm_answers *a, const char *key);

/**
 * Parse an answers file: `csm-answers/1` JSON if the content (after an
 * optional UTF-8 BOM and white space) starts with '{' or '[', otherwise CSV with a
 * header row `item,level[,evidence,note]`. Checks the form of the file (format
 * version, types, ranges, duplicate keys, lengths) and reports every problem
 * found; checks against a questionnaire are csm_answers_check()'s job.
 * `name` is used in messages. Free with csm_answers_free().
 */
CSM_EXTERN int csm_answers_parse(csm_answers **out, const char *data, size_t len, const char *name);

/** Read and parse the answers file at `path`. Free with csm_answers_free(). */
CSM_EXTERN int csm_answers_load(csm_answers **out, const char *path);

/**
 * As csm_answers_parse(), for questionnaire `q` (may be NULL: as
 * csm_answers_parse()). When `q` has its own answer scale
 * (csm_questionnaire_choice_count() > 0), an item's answer is one of its
 * choices: the choice id, or its label in either language (white space
 * around it ignored), or null; anything else, a level included, is reported
 * as `file: item X: "..." is not a choice (expected done, partly, ...)`, and
 * in a CSV file with its row. A JSON file naming another questionnaire than
 * `q` is read as csm_answers_parse() reads it (csm_answers_check() reports
 * the mismatch).
 */
CSM_EXTERN int csm_answers_parse_for(csm_answers **out, const char *data, size_t len, const char *name,
                                     const csm_questionnaire *q);

/** Read and parse the answers file at `path` with csm_answers_parse_for(). */
CSM_EXTERN int csm_answers_load_for(csm_answers **out, const char *path, const csm_questionnaire *q);

/** The choice id answered for item `item_id` (CSM_ANSWER_CHOICE), or NULL. */
CSM_EXTERN const char *csm_answers_choice(const csm_answers *a, const char *item_id);

/** Free an answers set. NULL is allowed. */
CSM_EXTERN void csm_answers_free(csm_answers *a);

/** The name used in messages (the file path given when loading). */
CSM_EXTERN const char *csm_answers_name(const csm_answers *a);

/** A field of the file, or NULL where the file does not give it (CSV gives none). */
CSM_EXTERN const char *csm_answers_field_get(const csm_answers *a, csm_answers_field f);

/**
 * Set a field the file does not carry (e.g. the questionnaire or industry of a
 * CSV file, from the command line). Fails with CSM_EINVALID if the file gives
 * a different value. The string is copied.
 */
CSM_EXTERN int csm_answers_field_set(csm_answers *a, csm_answers_field f, const char *value);

/** Number of assessors. */
CSM_EXTERN size_t csm_answers_assessor_count(const csm_answers *a);

/** Name and role (either may be NULL) of assessor `i`. */
CSM_EXTERN const char *csm_answers_assessor_name(const csm_answers *a, size_t i);
CSM_EXTERN const char *csm_answers_assessor_role(const csm_answers *a, size_t i);

/** The answer to item `item_id`; for CSM_ANSWER_LEVEL `*level` (if not NULL) gets 1..5. */
CSM_EXTERN csm_answer_kind csm_answers_get(const csm_answers *a, const char *item_id, int *level);

/** Evidence text of item `item_id`, or NULL. */
CSM_EXTERN const char *csm_answers_evidence(const csm_answers *a, const char *item_id);

/** Note text of item `item_id`, or NULL. */
CSM_EXTERN const char *csm_answers_note(const csm_answers *a, const char *item_id);

/** Flags for csm_answers_check() and csm_score_compute(). */
#define CSM_ALLOW_PARTIAL 1u /**< unanswered (null or missing) items are allowed */

/**
 * Check `a` against questionnaire `q`: the file names `q` (or none), every
 * item id and gate id exists, every item of `q` is present and answered
 * (unless CSM_ALLOW_PARTIAL). Reports every problem as `file: item X: what`.
 */
CSM_EXTERN int csm_answers_check(const csm_answers *a, const csm_questionnaire *q, unsigned flags);

/**
 * The industry of `a` (if it gives one) is an industry, a group or a renamed
 * id of `ind`; otherwise CSM_EINVALID with `file: organization.industry: what`.
 */
CSM_EXTERN int csm_answers_check_industry(const csm_answers *a, const csm_industries *ind);

/**
 * Check the industry of `a` as csm_answers_check_industry() does and replace
 * an id an older list used ("banking") by what it is now ("bank"). Notices
 * for the user, in `lang`, one line each `file: organization.industry: what`
 * (the id was renamed; the id names a group, not an industry), go to
 * `*notices` ("" when there are none; the caller frees it with csm_free()):
 * the file is still valid. A tool prints them as warnings.
 */
CSM_EXTERN int csm_answers_resolve_industry(char **notices, csm_answers *a, const csm_industries *ind,
                                            csm_lang lang);

/**
 * Answers that contradict a gate answered "no" (an item above the gate's
 * cap), as lines `file: item X: what`, into `*out` ("" when there are none;
 * the caller frees it with csm_free()). These are warnings, not errors: the
 * file still scores. Returns the number of warnings, or a negative error.
 */
CSM_EXTERN int csm_answers_warnings(char **out, const csm_answers *a, const csm_questionnaire *q);

/**
 * A blank answers file for `q`: every item present with level null (JSON,
 * `csm-answers/1`), or every item with an empty level (CSV, with a UTF-8 BOM
 * so spreadsheet programs read it as UTF-8, and CRLF line ends). `*out` is NUL-terminated and the
 * caller's to free with csm_free().
 */
CSM_EXTERN int csm_template_json(char **out, const csm_questionnaire *q);

/** As csm_template_json(), as CSV; a question column in `lang` helps whoever fills it in. */
CSM_EXTERN int csm_template_csv(char **out, const csm_questionnaire *q, csm_lang lang);

/* ------------------------------------------------------------------------ */
/* Offline forms: a self-contained HTML page and an Excel workbook           */
/* ------------------------------------------------------------------------ */

/* The workbook functions are the workbook back end (CSM_WITH_XLSX), loaded
 * on first use (libcsm-xlsx.so): CSM_EUNSUPPORTED when it was not built or
 * cannot be loaded. The HTML form is always there. */

/** What a form is made with (csm_form_html(), csm_form_xlsx()); start from CSM_FORM_OPTIONS_INIT. */
typedef struct csm_form_options {
	unsigned version;                 /**< CSM_FORM_OPTIONS_VERSION */
	csm_lang lang;                    /**< language of every text of the form */
	const csm_answers *prefill;       /**< answers to start from (checked against the
	                                       questionnaire by the caller), or NULL for a blank form */
	const csm_industries *industries; /**< the industry choices, shown by their label in
	                                       `lang`; NULL for a free-text industry field */
} csm_form_options;
#define CSM_FORM_OPTIONS_VERSION 1
/** Japanese, blank, a free-text industry field. */
#define CSM_FORM_OPTIONS_INIT {CSM_FORM_OPTIONS_VERSION, CSM_LANG_JA, NULL, NULL}

/**
 * The questionnaire `q` as one self-contained HTML page (no network, no
 * external script, style sheet or font): organization and assessor fields,
 * the gate questions, then every item with its intent, level descriptions
 * and hint, a 1..5 / n/a choice and evidence and note fields. Its script
 * shows progress, keeps what is typed in the browser's local storage,
 * checks the answers and saves them as a `csm-answers/1` file. `*out` is
 * NUL-terminated and the caller's to free with csm_free().
 */
CSM_EXTERN int csm_form_html(char **out, const csm_questionnaire *q, const csm_form_options *opt);

/**
 * The questionnaire `q` as an Excel workbook (.xlsx, format `csm-xlsx/1`), all
 * in `opt->lang`: an instructions sheet, an organization sheet (organization,
 * assessors, gate questions) and an items sheet with a drop-down list of
 * levels per item, prefilled from `opt->prefill` where given. Only the
 * shaded input cells can be edited (the sheets are protected, without a
 * password). Input cells are found again by csm_form_xlsx_import() through
 * workbook-global defined names (csm_levels, csm_evidence, ...), so rows may
 * be sorted and sheets renamed. The workbook is written through a temporary
 * file in $TMPDIR (or /tmp), removed before returning. `*out` (`*out_len`
 * bytes) is the caller's to free with csm_free().
 */
CSM_EXTERN int csm_form_xlsx(unsigned char **out, size_t *out_len, const csm_questionnaire *q,
                             const csm_form_options *opt);

/**
 * Read a workbook made by csm_form_xlsx() and filled in (by Excel,
 * LibreOffice or any other program that keeps its defined names) back into
 * a `csm-answers/1` JSON document. A level is a number 1..5 (or such text),
 * "n/a" (any case) or empty (null); a date is text YYYY-MM-DD or a date
 * serial number; industry labels in either language are turned back into
 * ids through `industries` (may be NULL); every item row is in the result.
 * The file is untrusted: at most CSM_MAX_FILE_BYTES, each part at most
 * 32 MiB uncompressed, no DTD. A file that is not such a workbook, or a cell
 * that does not hold a valid value, is CSM_EINVALID with
 * `name: sheet!cell (item X): what` for each problem. The result is not
 * checked against the questionnaire: csm_answers_parse() and
 * csm_answers_check() do that. `*out` is the caller's to free with csm_free().
 */
CSM_EXTERN int csm_form_xlsx_import(char **out, const void *data, size_t len, const char *name,
                                    const csm_industries *industries);

/** Read the workbook file at `path` (at most CSM_MAX_FILE_BYTES) and import it
 * with csm_form_xlsx_import(), `path` naming it in messages. `*out` is the
 * caller's to free with csm_free(). */
CSM_EXTERN int csm_form_xlsx_load(char **out, const char *path, const csm_industries *industries);

/**
 * Convert answers `a` of questionnaire `from` to questionnaire `to` through
 * the item mapping `<data_dir>/questions/maps/<from>-<to>.json` (format
 * csm-mapping/1: {"from", "to", "items": {from item: to item}}). The result,
 * a `csm-answers/1` JSON document for `to`, keeps the organization, date,
 * assessors, gates, levels, evidence and notes; items of `to` that no item
 * maps to are left unanswered (null) with a note, and are listed under
 * "converted": {"from", "new_items"}. Caller frees `*out` with csm_free().
 */
CSM_EXTERN int csm_answers_convert(char **out, const csm_answers *a, const char *data_dir,
                                   const csm_questionnaire *from, const csm_questionnaire *to);

/**
 * Set the answer to item `item_id` (adding it if the file lacks it): `kind`
 * CSM_ANSWER_LEVEL with `level` 1..5, CSM_ANSWER_NA or CSM_ANSWER_NULL. For
 * what-if questions: score again afterwards.
 */
CSM_EXTERN int csm_answers_set(csm_answers *a, const char *item_id, csm_answer_kind kind, int level);

/** How csm_answers_merge() combines the raters' levels of an item. */
typedef enum csm_merge_method {
	CSM_MERGE_MEDIAN = 0, /**< the middle level (of two middles, the lower: the cautious one) */
	CSM_MERGE_MIN = 1,    /**< the lowest level */
	CSM_MERGE_MEAN = 2    /**< the mean, rounded half away from zero */
} csm_merge_method;

/**
 * One assessment from the answers of `n` raters of the same organization and
 * questionnaire (checked against `q`, unanswered items allowed): per item the
 * combined level ("n/a" only where every rater said so), the raters' levels
 * and spread, their evidence and notes joined, all assessors. Items where the
 * raters differ by 2 or more levels are listed under "merged"."discuss",
 * which the karte shows. The organization is compared by name after Unicode
 * NFKC normalization, case folding and collapsing white space. Raters answer
 * within one rating period: the result is dated by the latest rater's
 * assessed_on (the earliest kept as "merged"."rated_from"), and dates more
 * than 31 days apart give CSM_EINVALID (two assessments, not one). The
 * result is `csm-answers/1` JSON in `*out`, the caller's to free with csm_free().
 */
CSM_EXTERN int csm_answers_merge(char **out, const csm_answers *const *raters, size_t n, const csm_questionnaire *q,
                                 csm_merge_method method);

/** Items a merged file marks for discussion (raters 2+ levels apart): count, and id `i`. */
CSM_EXTERN size_t csm_answers_discuss_count(const csm_answers *a);
CSM_EXTERN const char *csm_answers_discuss(const csm_answers *a, size_t i);

/** Free memory the library returned through a `char **out`. NULL is allowed. */
CSM_EXTERN void csm_free(void *p);

/* ------------------------------------------------------------------------ */
/* Scoring and grading                                                      */
/* ------------------------------------------------------------------------ */

/** Maturity grades, in order. */
typedef enum csm_grade { CSM_GRADE_NONE = 0, CSM_GRADE_C = 1, CSM_GRADE_B = 2, CSM_GRADE_A = 3 } csm_grade;

/** "A", "B", "C", or "-" for CSM_GRADE_NONE. */
CSM_EXTERN const char *csm_grade_name(csm_grade g);

/** Grade thresholds on the overall score (they come from the benchmark file). */
typedef struct csm_grading {
	double a; /**< overall >= a: grade A (the trial: 3.75) */
	double b; /**< overall >= b: grade B, else C (the trial: 2.67) */
} csm_grading;

/**
 * The grade of `overall` under `g`. Differences below 1e-9 count as equal, so
 * an overall exactly at a threshold gets the higher grade whatever rounding
 * the floating-point sum took.
 */
CSM_EXTERN csm_grade csm_grade_for(double overall, const csm_grading *g);

typedef struct csm_score csm_score;

/** One directive's result. */
typedef struct csm_directive_score {
	int id;              /**< 1..10 */
	int has_score;       /**< 0 when no item is applicable and answered */
	double score;        /**< mean of the applicable answered levels (exact) */
	unsigned items;      /**< items of the directive in the questionnaire */
	unsigned answered;   /**< items with a level 1..5 */
	unsigned na;         /**< items answered "n/a" */
	unsigned unanswered; /**< items null or missing (only with CSM_ALLOW_PARTIAL) */
} csm_directive_score;

/**
 * Score `a` (already checked with csm_answers_check()) on questionnaire `q`:
 * directive score = mean of applicable levels, overall = weighted mean of the
 * directive scores that exist (weights from the questionnaire, default
 * equal), grade from `grading` (NULL: no grade, CSM_GRADE_NONE, as for answers
 * no benchmark compares; see csm_benchmark_grading_for()). `flags` as for
 * csm_answers_check(), which this calls. Free with csm_score_free().
 */
CSM_EXTERN int csm_score_compute(csm_score **out, const csm_questionnaire *q, const csm_answers *a,
                                 const csm_grading *grading, unsigned flags);

/** Free a score. NULL is allowed. */
CSM_EXTERN void csm_score_free(csm_score *s);

/** Directive `d` (1..10) of `s`. */
CSM_EXTERN const csm_directive_score *csm_score_directive(const csm_score *s, int d);

/** 1 if the overall exists (at least one directive has a score), else 0. */
CSM_EXTERN int csm_score_has_overall(const csm_score *s);

/** The overall score (exact), 0 if none. */
CSM_EXTERN double csm_score_overall(const csm_score *s);

/** The grade, CSM_GRADE_NONE if there is no overall. */
CSM_EXTERN csm_grade csm_score_grade(const csm_score *s);

/** 1 if any item was left unanswered (CSM_ALLOW_PARTIAL), else 0. */
CSM_EXTERN int csm_score_partial(const csm_score *s);

/** 1 if the questionnaire's directive weights are not all equal, else 0. */
CSM_EXTERN int csm_score_weighted(const csm_score *s);

/* ------------------------------------------------------------------------ */
/* Points: questionnaires with their own answer scale (e.g. sme-check)      */
/* ------------------------------------------------------------------------ */

typedef struct csm_points csm_points;

/**
 * Score `a` on questionnaire `q` with its own answer scale: each answered
 * item counts its choice's points ("don't know" too, and it is counted),
 * per group and in total; unanswered items count nothing (allowed only with
 * CSM_ALLOW_PARTIAL). Calls csm_answers_check() with `flags`. CSM_EINVALID
 * for a questionnaire answered with levels (use csm_score_compute()). Free
 * with csm_points_free(); `q` must outlive it.
 */
CSM_EXTERN int csm_points_compute(csm_points **out, const csm_questionnaire *q, const csm_answers *a, unsigned flags);

/** Free a points result. NULL is allowed. */
CSM_EXTERN void csm_points_free(csm_points *p);

/** The questionnaire `p` was computed on. */
CSM_EXTERN const csm_questionnaire *csm_points_questionnaire(const csm_points *p);

/** The points in total, and the most there could be. */
CSM_EXTERN int csm_points_total(const csm_points *p);
CSM_EXTERN int csm_points_max(const csm_points *p);

/** The points of group `g` (1..csm_questionnaire_group_count()), and its most. */
CSM_EXTERN int csm_points_group(const csm_points *p, int g);
CSM_EXTERN int csm_points_group_max(const csm_points *p, int g);

/** Items answered "don't know", and items not answered. */
CSM_EXTERN size_t csm_points_unknown_count(const csm_points *p);
CSM_EXTERN size_t csm_points_unanswered_count(const csm_points *p);

/** The choice index item `i` of the questionnaire was answered with, or -1 (not answered). */
CSM_EXTERN int csm_points_item_choice(const csm_points *p, size_t i);

/**
 * Compare `p` with its peers in benchmark `b` (borrowed; it must outlive
 * `p`): a benchmark in points of the same questionnaire (csm bench
 * aggregate or csm db export of its answers). Its group "all" and the group
 * of the organization's industry in `a` (industry:<id>, when the benchmark
 * publishes it) are then shown by csm_points_render_text() and _json(): the
 * peers' mean total, the company's percentile among them (not within a group
 * under the benchmark's min_group), and per part the peers' mean. A benchmark
 * that is not one in points of this questionnaire is not an error: the
 * outputs say that it does not compare. 0, or CSM_EINVALID for a NULL.
 */
CSM_EXTERN int csm_points_set_benchmark(csm_points *p, const csm_benchmark *b, const csm_answers *a);

/**
 * Use `ind` (borrowed, kept until `p` is freed; may be NULL) for the peers of
 * csm_points_set_benchmark(): an industry renamed in `ind` is compared under
 * its new id; where the benchmark does not publish the industry's own group,
 * its parent group (e.g. "finance" for "bank") is compared with, as a karte
 * does; and the group is named by its label in the outputs ("Banks", not
 * "bank"). Call it before or after csm_points_set_benchmark().
 */
CSM_EXTERN void csm_points_use_industries(csm_points *p, const csm_industries *ind);

/**
 * The peers of csm_points_set_benchmark(): group "all" (`industry` 0) or the
 * industry's (1). Returns 2 with the mean total points, the company's
 * percentile (0..100: the share of the group below its total, ties counting
 * half) and the group's size; 1 with the mean and size but no percentile
 * (the group is under min_group, or gives no distribution); 0 when there is
 * no such group or benchmark to compare with.
 */
CSM_EXTERN int csm_points_peers(double *mean, double *percentile, unsigned *n, const csm_points *p, int industry);

/** Where a company stands on the SME guideline's steps (csm_sme_result). */
typedef enum csm_sme_step {
	CSM_SME_STEP_BASICS = 1,    /**< start with the five basic measures */
	CSM_SME_STEP_DIAGNOSIS = 2, /**< know where you are: the self-diagnosis */
	CSM_SME_STEP_POLICY = 3,    /**< set a basic policy and organize */
	CSM_SME_STEP_IMPROVE = 4    /**< keep improving, toward third-party certification */
} csm_sme_step;

/**
 * The small company's result of a points result, by one rule:
 *  - an item is done when its choice has the scale's most points;
 *  - SECURITY ACTION one star: every "basic-*" item is done;
 *  - two stars: one star, the self-diagnosis complete (every item answered
 *    and none "don't know": a status not known is not yet diagnosed), and
 *    the "policy" item done;
 *  - the step: BASICS while a basic item is not done, DIAGNOSIS while the
 *    self-diagnosis is not complete, POLICY while the policy item is not
 *    done, then IMPROVE; the next step is the one after it (none after IMPROVE);
 *  - the items to do first: every item not done; the basic measures first
 *    (they decide the first star, and the guideline starts with them), then
 *    those not done, "don't know" or unanswered (0 points or less) before
 *    those done in part, then by group (part 1 first), then in the
 *    questionnaire's order.
 */
typedef struct csm_sme_result {
	int stars;               /**< 0, 1 or 2 */
	csm_sme_step step;       /**< where the company is */
	unsigned basics_missing; /**< bit k: the item marked basic-(k+1) is not done (or no item has that mark) */
	int policy_done;         /**< the item marked "policy" is done */
	int diagnosis_complete;  /**< every item answered, none "don't know" */
	size_t todo_count;       /**< items not done, in the order to do them (csm_sme_todo()) */
} csm_sme_result;

/** Fill `*out` for `p` by the rule above. */
CSM_EXTERN int csm_sme_result_get(csm_sme_result *out, const csm_points *p);

/** The questionnaire index of the `k`-th item to do first (0-based, k < todo_count), or (size_t)-1. */
CSM_EXTERN size_t csm_sme_todo(const csm_points *p, size_t k);

/**
 * The points result as text for a terminal, in `lang`: the organization,
 * total and per group, "don't know" and unanswered counts, the items to do
 * first, the SECURITY ACTION readiness with what is missing for the next
 * star, the step and the next step. `*out` is the caller's to free with csm_free().
 */
CSM_EXTERN int csm_points_render_text(char **out, const csm_points *p, const csm_answers *a, csm_lang lang);

/**
 * The same as one line of JSON (format "csm-points/1", no line break), with
 * item ids and choice ids, for machines; `name` the file name it reports
 * (may be NULL: the answers' name). Free with csm_free().
 */
CSM_EXTERN int csm_points_render_json(char **out, const csm_points *p, const csm_answers *a, const char *name);

/* ------------------------------------------------------------------------ */
/* The NIST CSF view                                                        */
/* ------------------------------------------------------------------------ */

/** NIST Cybersecurity Framework versions of the CSF view. */
typedef enum csm_csf_version {
	CSM_CSF_1_1 = 0, /**< Identify, Protect, Detect, Respond, Recover */
	CSM_CSF_2_0 = 1  /**< Govern, Identify, Protect, Detect, Respond, Recover */
} csm_csf_version;

/** The number of functions of CSF `v`: 5 for 1.1, 6 for 2.0 (0 for another value). */
CSM_EXTERN size_t csm_csf_function_count(csm_csf_version v);

/** Function `i` (0-based, in the framework's order) of CSF `v`: its two-letter
 *  id ("GV", "ID", "PR", "DE", "RS", "RC") and its name in `lang` (Japanese as
 *  in IPA's translation). NULL when `i` or `v` is out of range. Static strings. */
CSM_EXTERN const char *csm_csf_function_id(csm_csf_version v, size_t i);
CSM_EXTERN const char *csm_csf_function_name(csm_csf_version v, size_t i, csm_lang lang);

/**
 * 1 if the items of `q` are placed in CSF 2.0 functions: csm_questionnaire_open()
 * reads `<data_dir>/questions/maps/csf-1.1-to-2.0.tsv` (each CSF 1.1 category
 * or subcategory with its CSF 2.0 function and the source of that line);
 * without the file, or for a questionnaire parsed from memory, 0.
 */
CSM_EXTERN int csm_questionnaire_has_csf2(const csm_questionnaire *q);

/**
 * The score of CSF function `i` of version `v`: the mean level of the answered
 * items that map to it (an item whose CSF subcategories fall in two functions
 * counts in both; n/a and unanswered items are left out). For 1.1 the
 * function is the prefix of the items' subcategory ids; for 2.0 it comes from
 * the map (see csm_questionnaire_has_csf2()). `*items`, if not NULL, gets the
 * number of items mapped to the function. Returns 1 with `*out` set, 0 when no
 * answered item maps to it (always 0 for 2.0 without the map), CSM_EINVALID
 * for a NULL `out` or `s` or a function out of range.
 */
CSM_EXTERN int csm_score_csf(double *out, unsigned *items, const csm_score *s, csm_csf_version v, size_t i);

/* ------------------------------------------------------------------------ */
/* Benchmarks (csm-benchmark/1)                                             */
/* ------------------------------------------------------------------------ */

/* csm_benchmark is declared with csm_answers above. */

/** Parse a `csm-benchmark/1` file. Free with csm_benchmark_free(). */
CSM_EXTERN int csm_benchmark_parse(csm_benchmark **out, const char *data, size_t len, const char *name);

/** Read and parse the benchmark file at `path`. Free with csm_benchmark_free(). */
CSM_EXTERN int csm_benchmark_load(csm_benchmark **out, const char *path);

/** Free a benchmark. NULL is allowed. */
CSM_EXTERN void csm_benchmark_free(csm_benchmark *b);

/** Benchmark name, source, questionnaire id and date ("" where absent). The
 *  date is YYYY-MM-DD, or YYYY-MM where only the month is known. */
CSM_EXTERN const char *csm_benchmark_name(const csm_benchmark *b);
CSM_EXTERN const char *csm_benchmark_source(const csm_benchmark *b);
CSM_EXTERN const char *csm_benchmark_questionnaire(const csm_benchmark *b);
CSM_EXTERN const char *csm_benchmark_date(const csm_benchmark *b);

/** The grading thresholds of the benchmark. */
CSM_EXTERN const csm_grading *csm_benchmark_grading(const csm_benchmark *b);

/**
 * Whether benchmark `b` compares with answers to questionnaire `q`: 2 when
 * `b` was built from `q`; 1 when `q` declares the benchmark's questionnaire
 * in its "comparable_with" (the same ten directives: csmg-v3 against a csmg-v2
 * benchmark compares by directive, and says so); 0 otherwise (sme-light against
 * a csmg-v2 benchmark: no grade, no comparison). 0 for NULL.
 */
CSM_EXTERN int csm_benchmark_compares(const csm_benchmark *b, const csm_questionnaire *q);

/** The grading of `b` for answers to `q`: csm_benchmark_grading(), or NULL
 *  when `b` does not compare with `q` (csm_benchmark_compares() 0). */
CSM_EXTERN const csm_grading *csm_benchmark_grading_for(const csm_benchmark *b, const csm_questionnaire *q);

/**
 * Score `a` on `q` as the command line does: graded by the thresholds
 * benchmark `b` gives answers to `q` (csm_benchmark_grading_for()), or not
 * graded (CSM_GRADE_NONE) when `b` is NULL or does not compare with `q`.
 * csm_score_compute() with that grading; `flags` as there. Free *out with
 * csm_score_free().
 */
CSM_EXTERN int csm_score_compute_against(csm_score **out, const csm_questionnaire *q, const csm_answers *a,
                                         const csm_benchmark *b, unsigned flags);

/**
 * 1 if the benchmark says its thresholds are estimates ("grading":
 * {"A": 3.75, "B": 2.67, "estimated": true}), else 0. The 2020 trial did not
 * publish its rule: 3.75 / 2.67 reproduce its 28 grades, as does any A
 * cut-off in (3.68, 3.82] and B cut-off in (2.64, 2.70]. The text report, the
 * karte and the score JSON then mark them "estimated from the 2020 trial".
 */
CSM_EXTERN int csm_benchmark_grading_estimated(const csm_benchmark *b);

/**
 * The smallest group within which a percentile is shown ("min_group",
 * default 5): below it one organization's position says too much and means
 * too little, so the analysis gives none and the outputs say why.
 */
CSM_EXTERN unsigned csm_benchmark_min_group(const csm_benchmark *b);

/** Number of groups. */
CSM_EXTERN size_t csm_benchmark_group_count(const csm_benchmark *b);

/** Index of the group with key `key` ("all", "grade:A", "industry:finance"), or -1. */
CSM_EXTERN int csm_benchmark_group_find(const csm_benchmark *b, const char *key);

/** Key of group `i`. */
CSM_EXTERN const char *csm_benchmark_group_key(const csm_benchmark *b, size_t i);

/** Number of organizations in group `i`. */
CSM_EXTERN unsigned csm_benchmark_group_n(const csm_benchmark *b, size_t i);

/** Mean of directive `d` (1..10) in group `i` into `*out`; returns 1, or 0 if the group has none
 *  (or there is no group `i` or directive `d`). */
CSM_EXTERN int csm_benchmark_group_mean(double *out, const csm_benchmark *b, size_t i, int d);

/**
 * The most points of a benchmark in points (built from a questionnaire with
 * its own answer scale, such as sme-check: "points": {"max", "parts_max"}
 * instead of "grading"); 0 for a benchmark of levels. Its groups' means
 * (csm_benchmark_group_mean()) are per part (1..csm_benchmark_part_count()),
 * and their overall is the total points (csm_benchmark_group_overall_mean(),
 * csm_benchmark_percentile()).
 */
CSM_EXTERN int csm_benchmark_max_points(const csm_benchmark *b);

/** The number of parts of a benchmark in points; 0 for one of levels. */
CSM_EXTERN int csm_benchmark_part_count(const csm_benchmark *b);

/** The mean total points of group `i` of a benchmark in points into `*out`;
 *  returns 1, or 0 where the group gives none (and for a benchmark of levels). */
CSM_EXTERN int csm_benchmark_group_overall_mean(double *out, const csm_benchmark *b, size_t i);

/**
 * The percentile (0..100) of `overall` within group `i`: the share of the
 * group's organizations below it, ties counting half, into `*out`. Returns 1,
 * or 0 where the group carries no distribution of overall scores.
 */
CSM_EXTERN int csm_benchmark_percentile(double *out, const csm_benchmark *b, size_t i, double overall);

/** Metadata for csm_benchmark_from_tsv(). */
typedef struct csm_benchmark_meta {
	const char *name;          /**< required */
	const char *source;        /**< where the rows come from; may be NULL */
	const char *questionnaire; /**< questionnaire id, e.g. "csmg-v2"; required */
	const char *date;          /**< YYYY-MM-DD or YYYY-MM; may be NULL */
	csm_grading grading;       /**< thresholds written into the file */
	/** Published group means (may be NULL): a TSV `group n d1 .. d10`, one
	 *  row per group key ("all", "grade:A", ...). Those groups take these
	 *  means instead of the rows' (means published with one decimal differ
	 *  from the means of rounded rows); n must match the rows, and every
	 *  group must exist. sd, min, max and the overall distribution stay the
	 *  rows'. */
	const char *group_means;
	size_t group_means_len;
	const char *group_means_name; /**< for messages; may be NULL */
	int grading_estimated;     /**< write "estimated": true into "grading" */
	unsigned min_group;        /**< write "min_group" (0: leave out, readers use 5) */
} csm_benchmark_meta;

/**
 * Build a `csm-benchmark/1` JSON document from a TSV of per-organization
 * directive scores: header `company industry d1 .. d10 [grade]`, one row per
 * organization. The industry column holds an industry id. Rows without a grade
 * column are graded with `meta->grading`; rows with one keep it, and a grade
 * that disagrees with the grading is an error. Groups: all, grade:A/B/C,
 * industry:<id>, each with n, mean, sd, min and max per directive (the means
 * of `meta->group_means` where given); no row itself is written. `*out` is
 * the caller's to free with csm_free().
 */
CSM_EXTERN int csm_benchmark_from_tsv(char **out, const char *tsv, size_t len, const char *name,
                                      const csm_benchmark_meta *meta);

/* ------------------------------------------------------------------------ */
/* Aggregation: many assessments into a k-anonymous benchmark (ISAC)        */
/* ------------------------------------------------------------------------ */

typedef struct csm_aggregator csm_aggregator;

/** Options of an aggregation; start from CSM_AGGREGATE_OPTIONS_INIT. */
typedef struct csm_aggregate_options {
	unsigned version;    /**< CSM_AGGREGATE_OPTIONS_VERSION */
	csm_grading grading; /**< thresholds that assign each assessment its grade group
	                          (not used for a questionnaire in points) */
	unsigned min_group;  /**< k: groups of fewer organizations are not published (default 5) */
	const char *year;    /**< "YYYY": only assessments of that year; NULL for all */
	const char *name;    /**< benchmark name written into the export */
	const char *source;  /**< may be NULL */
	/** The industry list (borrowed), or NULL. With it an older industry id
	 * counts under its new one, and each organization also counts in its
	 * industry's parent group (industry:<group id>, e.g. industry:finance for
	 * a bank), so that a benchmark has a group for industries too small to
	 * publish; without it the ids count as given. */
	const csm_industries *industries;
} csm_aggregate_options;
#define CSM_AGGREGATE_OPTIONS_VERSION 1
/** No grading (set one for a questionnaire of levels, e.g. csm_benchmark_grading() of
 * the shipped benchmark), k = 5, every year, no name, no industry list. */
#define CSM_AGGREGATE_OPTIONS_INIT {CSM_AGGREGATE_OPTIONS_VERSION, {0, 0}, 5, NULL, NULL, NULL, NULL}

/**
 * A streaming aggregator for questionnaire `q` (borrowed). Each assessment
 * added counts in the groups all, grade:A|B|C, industry:<id> (and its parent
 * group's industry:<group id> with an industry list), size:<band> and
 * year:<YYYY>; per group and directive only a histogram of directive scores is
 * kept, so memory does not grow with the number of assessments. Each
 * assessment added is taken to be a different organization. Free with
 * csm_aggregator_free().
 */
CSM_EXTERN int csm_aggregator_new(csm_aggregator **out, const csm_questionnaire *q,
                                  const csm_aggregate_options *opt);

/**
 * Add assessment `a` (checked against the questionnaire, `flags` as for
 * csm_score_compute()). Returns 0, 1 if it lies outside the chosen year (not
 * counted), or a negative error (not counted; the message says why).
 */
CSM_EXTERN int csm_aggregator_add(csm_aggregator *ag, const csm_answers *a, unsigned flags);

/** Number of assessments counted so far. */
CSM_EXTERN unsigned long long csm_aggregator_count(const csm_aggregator *ag);

/**
 * Add everything `from` counted to `into` (same questionnaire and options),
 * exactly: the histograms' counts add. Lets parts of a stream be aggregated
 * apart, e.g. on several threads.
 */
CSM_EXTERN int csm_aggregator_merge(csm_aggregator *into, const csm_aggregator *from);

/**
 * The `csm-benchmark/1` export: per published group n, and per directive the
 * mean, sample standard deviation, quartiles (inclusive method), min, max and
 * the exact histogram of directive scores, plus the histogram of overall
 * scores (for percentiles). Groups of fewer than k organizations are left
 * out, and further groups are left out where needed so that no suppressed
 * group can be recovered by subtracting published groups of the same family
 * from "all"; "suppressed" lists them with the reason. An aggregator keeps no
 * history: two exports over overlapping inputs can be subtracted; for
 * repeated publication use csm_db_export(), which checks each release
 * against the earlier ones. Caller frees `*out` with csm_free().
 */
CSM_EXTERN int csm_aggregator_export(char **out, csm_aggregator *ag);

/** Free an aggregator. NULL is allowed. */
CSM_EXTERN void csm_aggregator_free(csm_aggregator *ag);

/* ------------------------------------------------------------------------ */
/* The benchmark database (SQLite, or PostgreSQL through libpq)             */
/* ------------------------------------------------------------------------ */

/* libpq is loaded only when a postgresql:// URL is opened; CSM_EUNSUPPORTED
 * when this csm was built without PostgreSQL (CSM_WITH_POSTGRESQL) or libpq
 * cannot be loaded. */

typedef struct csm_db csm_db;

/** Options for storing and finding organizations; start from CSM_DB_OPTIONS_INIT
 * (a NULL options pointer means the same). */
typedef struct csm_db_options {
	unsigned version;         /**< CSM_DB_OPTIONS_VERSION */
	const unsigned char *key; /**< with a key, names are stored as keyed hashes (HMAC-SHA-256 of the normalized name) only */
	size_t key_len;
	const char *submitter;    /**< who submits; stored hashed when there is a key */
	int allow_partial;        /**< store assessments with unanswered items */
} csm_db_options;
#define CSM_DB_OPTIONS_VERSION 1
/** No key (names stored as given), no submitter, complete assessments only. */
#define CSM_DB_OPTIONS_INIT {CSM_DB_OPTIONS_VERSION, NULL, 0, NULL, 0}

/**
 * Open database `target`: a file path (SQLite; created with mode 0600 if
 * missing) or a `postgresql://` URL. Free with csm_db_close().
 */
CSM_EXTERN int csm_db_open(csm_db **out, const char *target);

/** Close a database, rolling back an open transaction. NULL is allowed. */
CSM_EXTERN void csm_db_close(csm_db *db);

/**
 * Create or migrate the schema; `*created` (`created` may be NULL) is 0 if it was current, 1 if
 * created, 2 if migrated. A database of a newer schema is refused (CSM_EINVALID).
 * Migration from schema 1 keys stored organizations by their normalized name
 * (NFKC, case folded, spaces collapsed); pseudonymized ones are re-keyed when
 * next ingested with the key.
 */
CSM_EXTERN int csm_db_init(int *created, csm_db *db);

/**
 * 0 if the database has the current schema; otherwise CSM_EINVALID with a
 * message that says to run `csm db init` (nothing is changed).
 */
CSM_EXTERN int csm_db_check(csm_db *db);

/** Transactions around csm_db_store(): everything between begin and commit is stored whole or not at all. */
CSM_EXTERN int csm_db_begin(csm_db *db);
CSM_EXTERN int csm_db_commit(csm_db *db);
CSM_EXTERN int csm_db_rollback(csm_db *db);

/**
 * Store assessment `a` (checked against `q`: items, levels, and that it has an
 * organization name and a date), with its answers, evidence and assessors.
 * It replaces an assessment of the same organization and date. Inside the
 * current transaction (one is begun if none is open).
 */
CSM_EXTERN int csm_db_store(csm_db *db, const csm_answers *a, const csm_questionnaire *q, const csm_db_options *opt);

/** The stored assessments as a text table. Caller frees `*out` with csm_free(). */
CSM_EXTERN int csm_db_list(char **out, csm_db *db);

/**
 * Remove the assessments of organization `org` (its name; hashed with the key
 * if the database is pseudonymized), all or only of `date`. `*removed` counts
 * them.
 */
CSM_EXTERN int csm_db_remove(csm_db *db, const char *org, const char *date, const csm_db_options *opt,
                             long long *removed);

/**
 * The benchmark of the database as `csm-benchmark/1` (see
 * csm_aggregator_export()): per organization its latest assessment of
 * questionnaire `q` (within `opt->year` if not NULL), aggregated with `opt`.
 * Each export is a release, recorded in the database with the membership of
 * every group it publishes and of each family's sum (grades, industries,
 * sizes, years); no group is published whose membership, or whose family's
 * sum, differs by 1..k-1 organizations from a group or sum of an earlier
 * release or of the same export, so that subtracting two groups of exports of
 * one database never isolates fewer than k organizations. Caller frees
 * `*out` with csm_free().
 */
CSM_EXTERN int csm_db_export(char **out, csm_db *db, const csm_questionnaire *q, const csm_aggregate_options *opt);

/**
 * `target` fit to print: a URL's password (`user:***@`, `password=***`) is
 * masked. Caller frees `*out` with csm_free().
 */
CSM_EXTERN int csm_db_mask(char **out, const char *target);

/**
 * How long to wait for another writer (SQLite busy timeout, PostgreSQL
 * lock_timeout) before giving up with a message that says to retry; default 60 s.
 */
CSM_EXTERN int csm_db_set_busy_timeout(csm_db *db, unsigned ms);

/* ------------------------------------------------------------------------ */
/* Analysis: comparison with the benchmark, hints, improvement plan          */
/* ------------------------------------------------------------------------ */

typedef struct csm_analysis csm_analysis;

/** Directive lists of the comparison. */
typedef enum csm_list {
	CSM_LIST_BEHIND_2 = 0, /**< grade B/C: gap >= 2 */
	CSM_LIST_BEHIND_1 = 1, /**< grade B/C: 1 <= gap < 2 */
	CSM_LIST_LEVEL5 = 2,   /**< grade A: directives at 5.0 */
	CSM_LIST_LOWEST = 3    /**< grade A: directives at the company's lowest level (csm_score_level(), below 5) */
} csm_list;

/** One hint: a directive to work on, the items behind it and the tips that help. */
typedef struct csm_hint {
	int rank;                 /**< 1 = hint 1 ("urgent"), 2 = hint 2 */
	int directive;            /**< 1..10 */
	double gap;               /**< target mean - company score */
	int level;                /**< level of the lowest-answered items */
	size_t item_count;
	const char *const *items; /**< ids of the directive's lowest-answered items */
	size_t tip_count;
	const char *const *tips;  /**< tip ids of those items, in item order, no repeats */
} csm_hint;

/** One step of the improvement plan: raise an item to the target's level. */
typedef struct csm_plan_step {
	int directive;            /**< 1..10 */
	const char *item;         /**< item id */
	int level;                /**< current level */
	int target_level;         /**< the level to reach: the target mean rounded up */
	double directive_gap;     /**< gap of the directive to its target */
	double overall_gain;      /**< rise of the overall if this item alone reaches target_level */
	size_t tip_count;
	const char *const *tips;
	size_t index;             /**< the item's index in the questionnaire */
} csm_plan_step;

/**
 * Compare score `s` of answers `a` with benchmark `b`: the target
 * group is the next grade's average (C -> B, B -> A; A -> A), gaps per
 * directive, the >=2 / >=1 lists (grades B, C) or the level-5 / lowest lists
 * (grade A), hint 1 and hint 2, and the full ranked plan. `q`, `a`, `s` and
 * `b` are borrowed and must outlive the analysis. Free with csm_analysis_free().
 * Where `b` withholds the target group (an export with fewer organizations
 * of that grade than its k), the analysis compares with nothing
 * (csm_analysis_compares() 0, see there) and its reports say which group is
 * withheld. Fails with CSM_EINVALID if `s` has no overall.
 */
CSM_EXTERN int csm_analyze(csm_analysis **out, const csm_questionnaire *q, const csm_answers *a,
                           const csm_score *s, const csm_benchmark *b);

/** Free an analysis. NULL is allowed. */
CSM_EXTERN void csm_analysis_free(csm_analysis *an);

/**
 * Compare with a previous assessment (`prev_a` scored as `prev`, both
 * borrowed, may be of another questionnaire version): the text report and the
 * karte then show per directive the previous score and the change, the grade
 * change, the items whose level moved (by item id), and the radar adds the
 * previous polygon; the JSON gains "previous" (its date, questionnaire,
 * overall, grade, directive scores, the change of each and the moved items).
 * Both NULL forgets it. Returns CSM_EINVALID when only one is NULL, or when
 * `prev_a` is about another organization (names compared after Unicode NFKC
 * normalization, case folding and collapsing white space).
 */
CSM_EXTERN int csm_analysis_set_previous(csm_analysis *an, const csm_answers *prev_a, const csm_score *prev);

/**
 * Several assessments of one organization side by side, oldest first (they
 * are ordered by assessed_on): per directive the score at each date and the
 * change from the first to the last, the overall and grade at each date, and
 * the items whose level moved between the last two. `answers[i]` is scored as
 * `scores[i]`. Text in `lang`, or JSON. Caller frees `*out` with csm_free().
 * Answers about different organizations (compared by name after Unicode
 * NFKC normalization, case folding and collapsing white space) give
 * CSM_EINVALID: a trend of two companies would read as one company's change.
 */
CSM_EXTERN int csm_render_trend(char **out, const csm_answers *const *answers, const csm_score *const *scores, size_t n,
                                csm_lang lang, int json);

/**
 * Use `ind` (borrowed; may be NULL) for industry labels when the analysis is
 * rendered as text, karte or radar: "Finance" instead of "finance".
 */
CSM_EXTERN void csm_analysis_use_industries(csm_analysis *an, const csm_industries *ind);

/**
 * The organization's percentile (0..100) within its industry group into
 * `*out`; returns 1, or 0 where the benchmark has no such group, the group
 * has fewer organizations than csm_benchmark_min_group() (the text report
 * and the karte then say so), or it has no distribution of overall scores
 * (CSM_EINVALID for a NULL argument).
 */
CSM_EXTERN int csm_analysis_percentile(double *out, const csm_analysis *an);

/** Key of the target group, e.g. "grade:B". */
CSM_EXTERN const char *csm_analysis_target(const csm_analysis *an);

/** Gap of directive `d` (1..10) into `*out`; returns 1, or 0 where company or target has no value
 *  (CSM_EINVALID for a NULL argument or `d` out of range). */
CSM_EXTERN int csm_analysis_gap(double *out, const csm_analysis *an, int d);

/** Directive list `which`; `*out` points at `return value` directive numbers, ascending. */
CSM_EXTERN size_t csm_analysis_list(const int **out, const csm_analysis *an, csm_list which);

/**
 * The directive of hint 1, the most urgent one (1..10), or 0 when there is no
 * hint. Grades B and C: the largest gap among the directives behind the
 * target by 1 or more as shown (else the largest gap above 0); grade A: the
 * largest gap to A's average among the directives at the company's lowest
 * level. The karte, the text report, the JSON and the plan all start from it.
 */
CSM_EXTERN int csm_analysis_hint1(const csm_analysis *an);

/**
 * Whether the analysis compares with its benchmark (csm_benchmark_compares()
 * of the benchmark and the questionnaire): 2 built from the same
 * questionnaire, 1 by directive (a questionnaire declared comparable), 0 not
 * at all, or the benchmark withholds the target group (the grade is then
 * still given, by the benchmark's grading). With 0 there is no target
 * (csm_analysis_target() is ""), no gap, no group, no percentile and no plan;
 * the lists and hints go to the company's lowest directives
 * (CSM_LIST_LOWEST), as for grade A; the reports say why.
 */
CSM_EXTERN int csm_analysis_compares(const csm_analysis *an);

/**
 * The flagged directives besides hint 1, which hint 2 names together ("指示
 * 4、5、6も改善が必要です"): grades B and C, the rest of both behind lists
 * (else the other directives behind the target); grade A, the rest of the
 * lowest-level directives. `*out` points at `return value` directive numbers,
 * largest gap first (ties by number). They are also hints 2.. of
 * csm_analysis_hint().
 */
CSM_EXTERN size_t csm_analysis_flagged(const int **out, const csm_analysis *an);

/** Number of hints: hint 1 and one entry per flagged directive. */
CSM_EXTERN size_t csm_analysis_hint_count(const csm_analysis *an);

/** Hint `i` (0-based), ordered: hint 1 first (rank 1), then the flagged directives of hint 2 (rank 2) by gap. */
CSM_EXTERN const csm_hint *csm_analysis_hint(const csm_analysis *an, size_t i);

/** Number of plan steps. */
CSM_EXTERN size_t csm_analysis_plan_count(const csm_analysis *an);

/**
 * Plan step `i` (0-based). Steps are ranked by directive gap (largest
 * first), then directive number, then item level (lowest first), then
 * questionnaire order.
 */
CSM_EXTERN const csm_plan_step *csm_analysis_plan_step(const csm_analysis *an, size_t i);

/* ------------------------------------------------------------------------ */
/* Radar chart (cairo)                                                      */
/* ------------------------------------------------------------------------ */

/* The radar and the karte are the PDF back end (CMake option CSM_WITH_PDF),
 * loaded on first use (libcsm-pdf.so): their functions fail with
 * CSM_EUNSUPPORTED when it was not built or cannot be loaded. */

/** Image formats of csm_radar_image(). */
typedef enum csm_image_format { CSM_IMAGE_PNG = 0, CSM_IMAGE_SVG = 1, CSM_IMAGE_PDF = 2 } csm_image_format;

/** The most series a radar holds (the room its legend has). */
#define CSM_RADAR_MAX_SERIES 4

/** How a radar series is drawn (every style reads apart in grayscale too). */
typedef enum csm_radar_style {
	CSM_RADAR_STYLE_AUTO = 0,     /**< by position: 0 company, 1 industry, 2 target, 3 other */
	CSM_RADAR_STYLE_COMPANY = 1,  /**< solid, thick, blue, lightly filled, square markers, drawn on top */
	CSM_RADAR_STYLE_INDUSTRY = 2, /**< gray dashed */
	CSM_RADAR_STYLE_TARGET = 3,   /**< red dotted */
	CSM_RADAR_STYLE_PREVIOUS = 4, /**< the previous assessment: purple long dash-dot with open markers */
	CSM_RADAR_STYLE_OTHER = 5     /**< green dash-dot */
} csm_radar_style;

/**
 * What a radar chart shows (opaque): ten axes (directives 1..10), scale
 * 0..5, and up to CSM_RADAR_MAX_SERIES series. Series 0 is drawn last, on
 * top; each series has its style (csm_radar_style), by position when
 * CSM_RADAR_STYLE_AUTO. The ring numbers 1..5 are drawn over the polygons on
 * a white backing. Made by csm_radar_new() or csm_radar_from_analysis(), the
 * caller's, freed with csm_radar_free(); the radar keeps its own copies of
 * the texts it is given. The functions that build and read a radar are in
 * the core (they work without the PDF back end); csm_radar_from_analysis()
 * and csm_radar_image() need the back end. A radar may be drawn from several
 * threads at once, but not changed while it is.
 */
typedef struct csm_radar csm_radar;

/** A new radar: axes without labels, no series, the font "IPAexGothic".
 *  Free with csm_radar_free(). */
CSM_EXTERN int csm_radar_new(csm_radar **out);

/** Free a radar and its texts. NULL is allowed. */
CSM_EXTERN void csm_radar_free(csm_radar *r);

/** Label axis `d` (1..10; else CSM_EINVALID) with `label` (UTF-8, copied). */
CSM_EXTERN int csm_radar_set_axis(csm_radar *r, int d, const char *label);

/** The font of the image's text, a fontconfig family name (copied), e.g. "IPAexGothic". */
CSM_EXTERN int csm_radar_set_font(csm_radar *r, const char *family);

/**
 * Add a polygon after the others: its legend text `label` (UTF-8, copied;
 * shrunk, then broken onto two lines, to fit), its `value` per directive
 * (0..5; negative: no value, the polygon skips it) and `style`.
 * CSM_EINVALID when the radar already has CSM_RADAR_MAX_SERIES series.
 */
CSM_EXTERN int csm_radar_add_series(csm_radar *r, const char *label, const double value[CSM_DIRECTIVES],
                                    csm_radar_style style);

/** The number of series of `r` (0 for NULL). */
CSM_EXTERN size_t csm_radar_series_count(const csm_radar *r);

/** The label of axis `d` (1..10; "" when not set), or NULL out of range; owned by `r`. */
CSM_EXTERN const char *csm_radar_axis(const csm_radar *r, int d);

/** Series `k`'s legend text (k < csm_radar_series_count()), else NULL; owned by `r`. */
CSM_EXTERN const char *csm_radar_series_label(const csm_radar *r, size_t k);

/** Series `k`'s style as given (CSM_RADAR_STYLE_AUTO out of range). */
CSM_EXTERN csm_radar_style csm_radar_series_style(const csm_radar *r, size_t k);

/** Series `k`'s value on axis `d` (1..10) into *out: 1, or 0 when it has none
 *  (or k or d is out of range). */
CSM_EXTERN int csm_radar_series_value(double *out, const csm_radar *r, size_t k, int d);

/**
 * A new radar (*out, the caller's: csm_radar_free()) from an analysis: the
 * company's scores, the average of its industry (where the benchmark has
 * that group), the target grade's average, the previous assessment and the
 * company's own targets where the analysis has them, labelled in `lang`.
 */
CSM_EXTERN int csm_radar_from_analysis(csm_radar **out, const csm_analysis *an, csm_lang lang);

/**
 * Draw `r` as an image `size_pt` points square (PNG at 300 dpi on an opaque
 * white background; SVG and PDF as vectors). `*out` (length `*len`) is the
 * caller's to free with csm_free().
 */
CSM_EXTERN int csm_radar_image(char **out, size_t *len, const csm_radar *r, csm_image_format fmt, double size_pt);

/* ------------------------------------------------------------------------ */
/* The karte: the PDF report (libharu)                                      */
/* ------------------------------------------------------------------------ */

/**
 * The path of the TrueType font file of fontconfig family `family` (e.g.
 * "IPAexGothic"), into `*out` (the caller's to free with csm_free()).
 * IPAexGothic is taken from Debian's fonts-ipaexfont-gothic file when it is
 * there, without asking fontconfig.
 * CSM_ENOTFOUND when fontconfig has no such family; the message says which
 * package provides it.
 */
CSM_EXTERN int csm_font_find(char **out, const char *family);

typedef struct csm_karte_maker csm_karte_maker;

/**
 * A karte maker for TrueType font `font_path` (IPAexGothic or another font
 * with Japanese and Latin glyphs; CFF-based fonts cannot be embedded). The
 * font is read once and reused for every karte made. Free with
 * csm_karte_maker_free().
 */
CSM_EXTERN int csm_karte_maker_new(csm_karte_maker **out, const char *font_path);

/** Free a karte maker. NULL is allowed. */
CSM_EXTERN void csm_karte_maker_free(csm_karte_maker *km);

/**
 * The karte of an analysis as a PDF (A4 portrait, 1-2 pages) in `lang`:
 * header with the organization, assessment and grade; radar chart; the table
 * of directive scores against the benchmark groups with the gap row; the
 * >= 2 / >= 1 lists (or level-5 / lowest for grade A); hints with tip titles
 * and actions from `tips` (may be NULL); a footer naming the benchmark.
 * Text is extractable; the font is embedded as a subset of the glyphs used.
 * `created` is the creation date recorded in the document info (seconds since
 * the epoch, UTC). `*out` (length `*len`) is the caller's to free with
 * csm_free().
 */
CSM_EXTERN int csm_karte_render(char **out, size_t *len, csm_karte_maker *km, const csm_analysis *an,
                                const csm_tips *tips, csm_lang lang, long long created);

/**
 * The one-page report of a small company's self-diagnosis (a questionnaire
 * with its own scale, see csm_points_compute()) as a PDF (A4 portrait) in
 * `lang`, written for the company's owner: the points and a bar per group,
 * the three things to do first this month (with how to do them), the
 * SECURITY ACTION readiness and what the next star needs, the guideline's
 * step and the next, and where to get help. `*out` (length `*len`) is the
 * caller's to free with csm_free().
 */
CSM_EXTERN int csm_karte_sme_render(char **out, size_t *len, csm_karte_maker *km, const csm_points *p,
                                    const csm_answers *a, csm_lang lang, long long created);

/* ------------------------------------------------------------------------ */
/* Planning: what to raise to reach a grade                                 */
/* ------------------------------------------------------------------------ */

typedef struct csm_plan csm_plan;

/** One move of a plan: raise `item` from `from` to `to`. */
typedef struct csm_plan_move {
	const char *item;
	int directive;
	int from, to;
	double gain;              /**< rise of the overall score */
	char effort;              /**< 'S', 'M' or 'L', from the item's first tip ('M' if unknown) */
	double overall_after;     /**< the overall once this move (and those before) is made */
	csm_grade grade_after;
	size_t tip_count;
	const char *const *tips;
	int hint1;                /**< 1 if the move closes the gap of the karte's hint 1 */
} csm_plan_move;

/** Options of csm_plan_make(); start from CSM_PLAN_OPTIONS_INIT. */
typedef struct csm_plan_options {
	unsigned version;           /**< CSM_PLAN_OPTIONS_VERSION */
	csm_grade target;           /**< the grade to reach; CSM_GRADE_NONE: the next grade */
	char budget;                /**< 0: any effort; 'S' or 'M': only items of at most that effort */
	const csm_analysis *start;  /**< the karte's analysis of the same answers, or NULL (see csm_plan_make()) */
} csm_plan_options;
#define CSM_PLAN_OPTIONS_VERSION 1
#define CSM_PLAN_OPTIONS_INIT {CSM_PLAN_OPTIONS_VERSION, CSM_GRADE_NONE, 0, NULL}

/**
 * A plan to reach grade `opts->target` from answers `a`, raising items one
 * level at a time. With `opts->start` (csm_analyze() of the same answers), the
 * plan starts where the karte does: the directive of its hint 1, its lowest
 * items first, until the directive reaches the target group's average (the
 * moves have `hint1` set); then, as without it, always the item with the
 * largest rise of the overall per unit of effort (S 1, M 2, L 3), until the
 * grade is reached or nothing is left to raise. With `opts->budget` 'S' or
 * 'M', only items of at most that effort, in both parts. Weights of `q`
 * count. `opts` NULL means CSM_PLAN_OPTIONS_INIT. CSM_EINVALID for a bad
 * option, an unknown version, a `start` of other answers, or a NULL `g` (no
 * grade to plan towards: see csm_benchmark_grading_for()). Free with
 * csm_plan_free().
 */
CSM_EXTERN int csm_plan_make(csm_plan **out, const csm_questionnaire *q, const csm_answers *a, const csm_grading *g,
                             const csm_tips *tips, const csm_plan_options *opts);
/**
 * The plan the karte, the board page and `csm plan` give for an analysis:
 * csm_plan_make() of the analysis' answers and questionnaire, starting from
 * its hint 1 (`opts->start` is set to `an`), towards the grading its
 * benchmark gives the questionnaire, and, when `opts->target` is
 * CSM_GRADE_NONE, towards the target grade the answers file gives (else the
 * next grade). `opts` NULL means CSM_PLAN_OPTIONS_INIT. CSM_EINVALID when
 * the benchmark gives no grading for the questionnaire (nothing to plan
 * towards). Free *out with csm_plan_free().
 */
CSM_EXTERN int csm_plan_for_analysis(csm_plan **out, const csm_analysis *an, const csm_tips *tips,
                                     const csm_plan_options *opts);
CSM_EXTERN void csm_plan_free(csm_plan *p);
CSM_EXTERN size_t csm_plan_count(const csm_plan *p);
CSM_EXTERN const csm_plan_move *csm_plan_get(const csm_plan *p, size_t i);
/** 1 if the moves reach the target grade. */
CSM_EXTERN int csm_plan_reached(const csm_plan *p);
/** The directive of the karte's hint 1 the plan starts from (1..10), or 0. */
CSM_EXTERN int csm_plan_hint_directive(const csm_plan *p);
CSM_EXTERN csm_grade csm_plan_target(const csm_plan *p);

/* ------------------------------------------------------------------------ */
/* Targets and tracked actions (csm-actions/1)                              */
/* ------------------------------------------------------------------------ */

/*
 * An answers file may say what it aims for: "targets": {"1-1": 4, ...} (a
 * level 1..5 per item, read as levels are) and "target": {"grade": "A",
 * "by": "2027-03"} (a grade, by YYYY-MM or YYYY-MM-DD).
 */

/** The target level (1..5) of item `item_id` the file gives, or 0. */
CSM_EXTERN int csm_answers_target(const csm_answers *a, const char *item_id);
/** The target grade the file gives, or CSM_GRADE_NONE. */
CSM_EXTERN csm_grade csm_answers_target_grade(const csm_answers *a);
/** The date of the target ("YYYY-MM" or "YYYY-MM-DD", owned by `a`), or NULL. */
CSM_EXTERN const char *csm_answers_target_by(const csm_answers *a);

/**
 * Work out the targets of the analysed answers: each item's target is the one
 * the file gives; a target grade gives the others the level the plan
 * (csm_plan_make() to that grade, starting from `an`, efforts from `tips`,
 * which may be NULL) raises them to. The text report then shows current
 * versus target per directive and the JSON gains "targets". Nothing is shown
 * when the file gives no target. Returns 0 or a negative csm_error.
 */
CSM_EXTERN int csm_analysis_set_targets(csm_analysis *an, const csm_tips *tips);
/**
 * The target level of questionnaire item `i` (1..5) after
 * csm_analysis_set_targets(), or 0 where it has none.
 */
CSM_EXTERN int csm_analysis_item_target(const csm_analysis *an, size_t i);

typedef struct csm_actions csm_actions;

/** Where an action stands. */
typedef enum csm_action_status {
	CSM_ACTION_OPEN = 0,
	CSM_ACTION_IN_PROGRESS = 1,
	CSM_ACTION_DONE = 2,
	CSM_ACTION_DROPPED = 3
} csm_action_status;

/** The file name of a status: "open", "in_progress", "done", "dropped". */
CSM_EXTERN const char *csm_action_status_name(csm_action_status st);

/** One action: raise `item` from `from` to `to`. Strings are "" where empty. */
typedef struct csm_action {
	const char *item;
	int directive;             /**< 1..10 */
	int from, to;              /**< levels 1..5 */
	const char *tip;           /**< the item's first tip id */
	const char *first_step;    /**< the tip's first step */
	const char *owner;         /**< who does it (the tip's suggested owner until edited) */
	char effort, cost;         /**< 'S', 'M', 'L', or 0 */
	const char *due;           /**< YYYY-MM or YYYY-MM-DD */
	csm_action_status status;
	const char *note;
} csm_action;

/**
 * The actions of plan `p` for answers `a` of `q`: one per item the plan
 * raises (its moves merged: from the lowest level to the highest), in the
 * plan's order, then any item whose target (csm_answers_target()) is above
 * its level and the plan leaves; tip, first step, owner, effort and cost
 * from the item's first tip in `tips` (may be NULL) in `lang`; due the
 * target's date (csm_answers_target_by()) or empty; status open. Free with
 * csm_actions_free().
 */
CSM_EXTERN int csm_actions_make(csm_actions **out, const csm_plan *p, const csm_questionnaire *q,
                                const csm_answers *a, const csm_tips *tips, csm_lang lang);

/**
 * Read `csm-actions/1`: JSON, the CSV csm_actions_write() gives (a UTF-8
 * BOM allowed; columns by their header names; a leading ' before =, +, -, @
 * is taken off), or the workbook csm_actions_xlsx() gives (a zip archive:
 * read by csm_actions_xlsx_import()). Every problem is reported
 * ("NAME:LINE: COLUMN: what" for CSV); CSM_EINVALID then. `name` is used in
 * messages. Free with csm_actions_free().
 */
CSM_EXTERN int csm_actions_parse(csm_actions **out, const char *data, size_t len, const char *name);
/** Read and parse the action list at `path`. Free with csm_actions_free(). */
CSM_EXTERN int csm_actions_load(csm_actions **out, const char *path);
CSM_EXTERN void csm_actions_free(csm_actions *acts);
CSM_EXTERN size_t csm_actions_count(const csm_actions *acts);
/** Action `i` (pointers owned by `acts`), or NULL past the end. */
CSM_EXTERN const csm_action *csm_actions_get(const csm_actions *acts, size_t i);

/**
 * The action list as `csm-actions/1` JSON (`csv` 0), or as CSV (`csv` 1: a
 * UTF-8 BOM, CRLF lines, cells a spreadsheet cannot take for formulas).
 * `*out` is the caller's to free with csm_free().
 */
CSM_EXTERN int csm_actions_write(char **out, const csm_actions *acts, int csv);
/** The organization the list is for (the answers' organization.name when
 * csm_actions_make() made it; the file's "organization"), or NULL. */
CSM_EXTERN const char *csm_actions_organization(const csm_actions *acts);
/** 1 if `acts` names the organization of `a` (its organization.name, compared
 * as the database counts members: NFKC, case and white space folded), else 0. */
CSM_EXTERN int csm_actions_is_for(const csm_actions *acts, const csm_answers *a);

/**
 * The action list as a workbook (.xlsx, format csm-actions-xlsx/1): one sheet
 * in `lang` with a row per action, the header frozen, owner, due date, status
 * and note to edit (a drop-down of the statuses in `lang`, a date check on
 * the due date; a due month is written as its last day, the day it is late
 * after), the other cells protected without a password. `*out` is the
 * caller's to free with csm_free(). CSM_EUNSUPPORTED without the workbook
 * back end.
 */
CSM_EXTERN int csm_actions_xlsx(unsigned char **out, size_t *out_len, const csm_actions *acts, csm_lang lang);
/**
 * Read the workbook csm_actions_xlsx() wrote, as edited in a spreadsheet, with
 * the care of csm_form_xlsx_import(): the cells are found through the defined
 * names the writer made; a status is an id or a label in either language; a
 * due date a date cell or a text YYYY-MM-DD, YYYY/M/D or YYYY-MM; formulas,
 * error values and overlong texts are refused. Every problem is reported as
 * "NAME: SHEET!CELL: COLUMN: what"; CSM_EINVALID then. Free with
 * csm_actions_free().
 */
CSM_EXTERN int csm_actions_xlsx_import(csm_actions **out, const void *data, size_t len, const char *name);

/**
 * Follow up `acts` (borrowed; must outlive the analysis) in the text report
 * and the JSON ("followup"): actions done and whether their item moved since
 * the previous assessment (csm_analysis_set_previous(); without one, since
 * the action's `from`); actions done whose item did not move (evidence is
 * asked for); items that moved without an action; open and in-progress
 * actions past their due date on `today` (seconds since 1970, UTC; a due
 * month ends with its last day). NULL forgets it.
 */
CSM_EXTERN int csm_analysis_set_actions(csm_analysis *an, const csm_actions *acts, long long today);

/**
 * The organization's earlier assessments (borrowed, `n` of each; they must
 * outlive the analysis), for the board page's chart of the overall score
 * (csm_board_render()). Each must be of the same organization (as
 * csm_analysis_set_previous() checks; CSM_EINVALID otherwise). The latest of
 * them by assessed_on becomes the previous assessment
 * (csm_analysis_set_previous()), so the board page and the karte given that
 * file as --previous say the same. n 0 forgets them.
 */
CSM_EXTERN int csm_analysis_set_history(csm_analysis *an, const csm_answers *const *a, const csm_score *const *s,
                                        size_t n);

/**
 * The board page of an analysis as a one-page A4 PDF in `lang`, in plain
 * words: the grade and its change since the previous assessment; the
 * position in the industry (none in a group smaller than the benchmark's
 * min_group, none without a comparison); the three directives the karte's
 * hints put first, each with what could happen if it is left (the
 * questionnaire's `if_left`); the first three actions of the plan `csm plan
 * --actions` writes, with owner and cost (from `tips`); the follow-up counts
 * of last year's actions (csm_analysis_set_actions()); a chart of the overall
 * score of every assessment given (csm_analysis_set_history()). Every number
 * is computed by the functions the karte uses. `created` and `*out` as for
 * csm_karte_render().
 */
CSM_EXTERN int csm_board_render(char **out, size_t *len, csm_karte_maker *km, const csm_analysis *an,
                                const csm_tips *tips, csm_lang lang, long long created);

/* ------------------------------------------------------------------------ */
/* Portfolio: a group's subsidiaries in one PDF                             */
/* ------------------------------------------------------------------------ */

/** How a portfolio rolls its entities up to the group. */
typedef enum csm_rollup {
	CSM_ROLLUP_MEAN = 0,      /**< each entity counts the same */
	CSM_ROLLUP_HEADCOUNT = 1, /**< weighted by organization.headcount */
	CSM_ROLLUP_REVENUE = 2    /**< weighted by organization.revenue */
} csm_rollup;

/**
 * One PDF for a group: a summary (the group rolled up from its entities with
 * `rollup` - entities missing the weight make it a plain mean, which the page
 * says; every subsidiary's grade and overall and a heat map of subsidiaries
 * by directive; the group's weakest directives and the subsidiaries that pull
 * each down), small-multiple radar charts, then one karte per subsidiary.
 * When any analysis follows up an action list (csm_analysis_set_actions()),
 * the summary adds per organization its actions, those done, those open or
 * in progress and of these the overdue ones (the rules of the follow-up),
 * "no action list" where it has none; without lists the PDF is as before.
 * `an[i]` as for csm_karte_render(). `*out` is the caller's to free with
 * csm_free().
 */
CSM_EXTERN int csm_portfolio_render(char **out, size_t *len, csm_karte_maker *km, const csm_analysis *const *an,
                                    size_t n, const csm_tips *tips, csm_lang lang, long long created, csm_rollup rollup);

/**
 * The portfolio's table as CSV (UTF-8 with a BOM, CRLF), the rows of the
 * PDF's table: columns organization, parent, scope, industry, assessed_on,
 * questionnaire, grade, overall, d1..d10, rank, rollup. The first row is the
 * group rolled up from its entities by `rollup` as in csm_portfolio_render()
 * (organization: the parent all name, or empty; scope "rollup"; rollup: the
 * weighting applied, "mean" where an entity lacks the weight; no such row when
 * no entity has a score); then the organizations by overall, best first,
 * with their rank. When any analysis follows up an action list, six more
 * columns: actions, actions_open, actions_in_progress, actions_done,
 * actions_dropped, actions_overdue (empty for an organization without a
 * list; the group row sums every list). Cells that a spreadsheet would take for a formula
 * (starting with =, +, -, @, tab or CR) are neutralized with a leading
 * apostrophe. Caller frees with csm_free().
 */
CSM_EXTERN int csm_portfolio_csv(char **out, const csm_analysis *const *an, size_t n, csm_rollup rollup);

/* ------------------------------------------------------------------------ */
/* Supply chain: one report over the answers of many suppliers              */
/* ------------------------------------------------------------------------ */

/*
 * A buyer or a group headquarters sends the form to its suppliers and
 * subsidiaries and reads every returned file into one csm_supply: per
 * supplier the overall score (and grade where a benchmark grades the
 * questionnaire), the weakest directive, the unanswered items and the date
 * of the assessment, in risk order; the suppliers of a roster that sent
 * nothing; files from suppliers not on the roster; files that could not be
 * read. Answers to different questionnaires are grouped by questionnaire and
 * never ranked against each other.
 *
 * Risk order, within a questionnaire (ids in strcmp order): a file with no
 * overall score first (nothing answered), then the lowest overall, ties by
 * the lowest weakest-directive score, then the most unanswered items, then
 * the oldest assessment (no date first), then the order the files were added.
 *
 * A questionnaire with its own answer scale (sme-check, added with
 * csm_supply_add_points()) is shown in points: per supplier the points and
 * their most, the SECURITY ACTION stars the answers support, the weakest
 * part (the lowest share of its part's most points) and the "don't know"
 * count. Its risk order: nothing answered first, then the fewest points,
 * then fewer stars, then more "don't know", then the oldest assessment (no
 * date first), then the order the files were added.
 */
typedef struct csm_supply csm_supply;

/** One line of the report. Strings are "" where there is nothing to say;
 *  they are owned by the csm_supply. Fields may be appended in later
 *  versions: use the pointers the accessors return, never a copy's size. */
typedef struct csm_supply_row {
	const char *supplier;      /**< organization.name (a roster line's name for a missing one), or "" */
	const char *file;          /**< the file as given, or "" (a missing supplier) */
	const char *questionnaire; /**< its id, or "" */
	const char *assessed_on;   /**< YYYY-MM-DD, or "" */
	int stale;                 /**< 1: assessed more than 365 days before today, or undated */
	size_t rank;               /**< 1.. within its questionnaire, highest risk first (answered rows) */
	int has_overall;           /**< 0 when no item was answered */
	double overall;            /**< exact */
	csm_grade grade;           /**< CSM_GRADE_NONE where no benchmark grades the questionnaire */
	int weakest;               /**< the directive (1..10) with the lowest score, ties the lowest number; 0 if none */
	double weakest_score;      /**< its score (exact) */
	unsigned unanswered;       /**< items left null or missing */
	unsigned items;            /**< items of the questionnaire */
	int on_roster;             /**< 1 matched a roster line, 0 not on the roster, -1 no roster given */
	const char *roster_id;     /**< the matched roster line's id, or "" */
	const char *contact;       /**< the matched roster line's contact, or "" */
	const char *error;         /**< a file that could not be read: why; else "" */
	/* Rows of a questionnaire with its own scale (csm_supply_add_points()); 0 on other rows.
	 * On them has_overall says whether any item was answered, overall and grade are unset,
	 * and weakest is the weakest part (1..), weakest_score its share of its most (0..1). */
	int has_points;            /**< 1: a row in points (the fields below are set) */
	int points;                /**< the points in total ("don't know" may count below 0) */
	int points_max;            /**< the most there could be */
	int stars;                 /**< SECURITY ACTION stars the answers support: 0, 1 or 2 */
	int weakest_points;        /**< the weakest part's points */
	int weakest_max;           /**< and its most */
	unsigned unknown;          /**< items answered "don't know" */
} csm_supply_row;

/**
 * An empty report dated `today` (seconds since 1970, UTC: what "older than
 * a year" is measured from). The caller owns `*out` and frees it with
 * csm_supply_free().
 */
CSM_EXTERN int csm_supply_new(csm_supply **out, long long today);

/** Free a report. NULL is allowed. */
CSM_EXTERN void csm_supply_free(csm_supply *sp);

/**
 * Add a supplier's answers `a` scored as `s` (csm_score_compute(), usually
 * with CSM_ALLOW_PARTIAL: suppliers leave items blank). What the report
 * needs is copied, except the questionnaire of `s`, which is borrowed and
 * must outlive `sp` (the context's questionnaires do). `file` names the file
 * (may be NULL: the answers' name). The supplier is matched against the
 * roster, if one is set, by organization name after Unicode NFKC
 * normalization, case folding and collapsing white space.
 */
CSM_EXTERN int csm_supply_add(csm_supply *sp, const csm_answers *a, const csm_score *s, const char *file);

/**
 * Add a supplier's answers `a` to a questionnaire with its own scale, in
 * points `p` (csm_points_compute(), usually with CSM_ALLOW_PARTIAL). As
 * csm_supply_add() otherwise: the questionnaire of `p` is borrowed and must
 * outlive `sp`; the rest is copied.
 */
CSM_EXTERN int csm_supply_add_points(csm_supply *sp, const csm_answers *a, const csm_points *p, const char *file);

/** Record `file` as one that could not be read, with `message` (both copied). */
CSM_EXTERN int csm_supply_add_failure(csm_supply *sp, const char *file, const char *message);

/**
 * Read a roster: CSV (a UTF-8 BOM allowed) whose header row names a column
 * `name` (or `supplier`, 取引先, 会社名, 組織名) and optionally `id` (or
 * `supplier_id`, コード) and `contact` (or `email`, 連絡先, 担当者); other
 * columns are ignored, blank lines skipped. Every problem is reported as
 * `NAME:LINE: what` (CSM_EINVALID): a missing name column, an empty name, a
 * name listed twice (by the identity csm_supply_add() matches with). Replaces
 * an earlier roster. `name` is used in messages.
 */
CSM_EXTERN int csm_supply_roster_parse(csm_supply *sp, const char *data, size_t len, const char *name);

/** Read the roster file at `path` with csm_supply_roster_parse(). */
CSM_EXTERN int csm_supply_roster_load(csm_supply *sp, const char *path);

/** Answered rows, and row `i` in risk order (grouped by questionnaire), or NULL past the end. */
CSM_EXTERN size_t csm_supply_count(const csm_supply *sp);
CSM_EXTERN const csm_supply_row *csm_supply_get(const csm_supply *sp, size_t i);

/** Roster lines no added answers matched (roster order): their number, and line `i`
 *  (supplier, roster_id, contact set), or NULL. */
CSM_EXTERN size_t csm_supply_missing_count(const csm_supply *sp);
CSM_EXTERN const csm_supply_row *csm_supply_missing(const csm_supply *sp, size_t i);

/** Files that could not be read (in the order added): their number, and file `i` (file, error set), or NULL. */
CSM_EXTERN size_t csm_supply_failed_count(const csm_supply *sp);
CSM_EXTERN const csm_supply_row *csm_supply_failed(const csm_supply *sp, size_t i);

/** Forms of csm_supply_render(). */
typedef enum csm_supply_format {
	CSM_SUPPLY_TEXT = 0, /**< a table per questionnaire and the lists, for a terminal (display-width aligned) */
	CSM_SUPPLY_CSV = 1,  /**< one table (UTF-8 with a BOM, CRLF, RFC 4180; formula-like cells guarded with '):
	                          a `status` column says answered, not_answered or failed. The columns
	                          points, points_max, stars, weakest_part, weakest_part_points,
	                          weakest_part_max and unknown are there only when a row is in points
	                          (empty on the other rows); overall, grade, weakest_directive and
	                          weakest_score are empty on rows in points */
	CSM_SUPPLY_JSON = 2  /**< `csm-supply/1`, one line */
} csm_supply_format;

/**
 * The report in form `fmt`, its words in `lang`. `*out` is NUL-terminated
 * and the caller's to free with csm_free().
 */
CSM_EXTERN int csm_supply_render(char **out, const csm_supply *sp, csm_supply_format fmt, csm_lang lang);

/**
 * The report as a PDF (A4 portrait, as many pages as it takes; the PDF back
 * end, CSM_EUNSUPPORTED without it): the text report's lines and tables, a
 * table per questionnaire with its heading repeated on each page, in `lang`,
 * with the font of `km`. `created` as for csm_karte_render(). `*out` (`*len`
 * bytes) is the caller's to free with csm_free().
 */
CSM_EXTERN int csm_supply_render_pdf(char **out, size_t *len, csm_karte_maker *km, const csm_supply *sp,
                                     csm_lang lang, long long created);

/* ------------------------------------------------------------------------ */
/* Output                                                                   */
/* ------------------------------------------------------------------------ */

/**
 * The `csm-score/1` JSON document of an analysis (its fields: the README's
 * "Files" section), on one line,
 * NUL-terminated, without a trailing newline. `file` (may be NULL) is recorded
 * as "file". Numbers are exact. Caller frees `*out` with csm_free().
 */
CSM_EXTERN int csm_render_json(char **out, const csm_analysis *an, const char *file);

/**
 * A readable report for a terminal in `lang`: header, the directive table
 * (score, group averages, gap, marks for behind >= 1 / >= 2), grade, hints
 * with tip titles and actions from `tips` (may be NULL), and the plan.
 * Columns are aligned by display width (CJK counts 2). Caller frees `*out`
 * with csm_free().
 */
CSM_EXTERN int csm_render_text(char **out, const csm_analysis *an, const csm_tips *tips, csm_lang lang);

/**
 * The questionnaire as readable text in `lang` (directives, items, questions,
 * generic level meanings). Caller frees `*out` with csm_free().
 */
CSM_EXTERN int csm_render_questions(char **out, const csm_questionnaire *q, csm_lang lang);

/**
 * A plan as text in `lang` (or, with `json`, one JSON document): per move the
 * item, its directive, level from -> to, the rise of the overall, the effort,
 * the overall and grade reached, the tips. Caller frees `*out` with csm_free().
 */
CSM_EXTERN int csm_render_plan(char **out, const csm_plan *p, const csm_questionnaire *q, const csm_tips *tips,
                               csm_lang lang, int json);

/**
 * What-if: directive scores, overall and grade `before` and `after` a change,
 * as text in `lang` (or JSON). Caller frees `*out` with csm_free().
 */
CSM_EXTERN int csm_render_whatif(char **out, const csm_score *before, const csm_score *after, csm_lang lang, int json);

/**
 * The questionnaire as a Markdown document in `lang`, for people to read or
 * print: how to answer (the generic levels), the gate questions, then per
 * directive every item with its question, intent, what each level looks
 * like, the answer hint, NIST CSF ids and the tips (titles from `tips`, may
 * be NULL). Caller frees `*out` with csm_free().
 */
CSM_EXTERN int csm_render_questions_md(char **out, const csm_questionnaire *q, const csm_tips *tips, csm_lang lang);

/* ------------------------------------------------------------------------ */
/* Context: the defaults of a run, in one place                             */
/* ------------------------------------------------------------------------ */

/*
 * A context holds what every command of a program shares: the data directory
 * (questions/, tips/, benchmarks/), the questionnaires and benchmarks loaded
 * from it (each read once), and the defaults: the questionnaire an answers
 * file without one is read against, the benchmark and its grading, the
 * smallest published group (k) and the karte's font. A program using libcsm
 * gets the same defaults as the csm program, which is built on this.
 *
 * Threads: one context may be shared by threads once made; the loading
 * accessors (csm_context_questionnaire, csm_context_benchmark,
 * csm_context_industries) lock it. The handles they return stay valid, and
 * unchanged, until csm_context_free().
 */
typedef struct csm_context csm_context;

#define CSM_CONTEXT_OPTIONS_VERSION 1

/**
 * Options of csm_context_new(). Start from CSM_CONTEXT_OPTIONS_INIT so that
 * fields added later get their defaults; `version` tells the library which
 * fields the caller knows. The strings are copied.
 */
typedef struct csm_context_options {
	unsigned version;      /**< CSM_CONTEXT_OPTIONS_VERSION */
	const char *data_dir;  /**< the data directory; NULL: $CSM_DATA_DIR, else ../share/csm next to the
	                            program, else the install prefix's, else the source tree built from */
	const char *questionnaire; /**< the default questionnaire id; NULL: the library's ("csmg-v2") */
} csm_context_options;

#define CSM_CONTEXT_OPTIONS_INIT {CSM_CONTEXT_OPTIONS_VERSION, NULL, NULL}

/**
 * Make a context: find the data directory (see csm_context_options). `opts`
 * may be NULL (all defaults). Fails with CSM_EINVALID when the directory given
 * (option or $CSM_DATA_DIR) has no questions/ folder, CSM_ENOTFOUND when none
 * is found. Nothing is loaded yet. The caller owns `*out` and frees it with
 * csm_context_free().
 */
CSM_EXTERN int csm_context_new(csm_context **out, const csm_context_options *opts);

/**
 * Free a context and everything it loaded: the questionnaires, benchmarks and
 * industry list it handed out are invalid afterwards. NULL is allowed.
 */
CSM_EXTERN void csm_context_free(csm_context *ctx);

/** The data directory in use (owned by the context). */
CSM_EXTERN const char *csm_context_data_dir(const csm_context *ctx);

/** The default questionnaire id, "csmg-v2" unless the options chose another (owned by the context). */
CSM_EXTERN const char *csm_context_default_questionnaire(const csm_context *ctx);

/**
 * Directive weights applied to every questionnaire the context hands out,
 * those loaded already and those loaded later (see
 * csm_questionnaire_set_weights()). Call before sharing the context between
 * threads. The weights are copied.
 */
CSM_EXTERN int csm_context_set_weights(csm_context *ctx, const double weights[CSM_DIRECTIVES]);

/**
 * Questionnaire `id` (NULL: the default) from the data directory, loaded on
 * the first call and kept. `*out` is owned by the context: do not free it.
 * A failed load is not kept (the next call tries again).
 */
CSM_EXTERN int csm_context_questionnaire(const csm_questionnaire **out, csm_context *ctx, const char *id);

/**
 * Read the answers file at `path` for the questionnaire it answers, loaded
 * through `ctx`: a JSON file's own "questionnaire", a CSV file's
 * `questionnaire` (NULL: the context's default). Where that questionnaire
 * has its own answer scale, the file is read with csm_answers_parse_for();
 * otherwise as csm_answers_load() reads it, with the same messages. Free
 * with csm_answers_free().
 */
CSM_EXTERN int csm_answers_load_in(csm_answers **out, csm_context *ctx, const char *path, const char *questionnaire);

/** As csm_answers_load_in(), for `len` bytes at `data`; `name` names them in messages (may be NULL). */
CSM_EXTERN int csm_answers_parse_in(csm_answers **out, csm_context *ctx, const char *data, size_t len,
                                    const char *name, const char *questionnaire);

/**
 * The benchmark file at `path`, or with `path` NULL the default benchmark
 * (`<data_dir>/benchmarks/beta-2020.json`, the 2020 trial), loaded on the
 * first call and kept. `*out` is owned by the context: do not free it.
 */
CSM_EXTERN int csm_context_benchmark(const csm_benchmark **out, csm_context *ctx, const char *path);

/**
 * The default grading: the default benchmark's thresholds (the trial's
 * A 3.75, B 2.67), copied into the caller's `*out`. Loads that benchmark.
 */
CSM_EXTERN int csm_context_grading(csm_grading *out, csm_context *ctx);

/**
 * The default smallest group (k): fewer organizations than this are not
 * published or compared with (5); what a benchmark without "min_group" uses.
 * A value: nothing to free.
 */
CSM_EXTERN unsigned csm_context_min_group(const csm_context *ctx);

/** The default font family of kartes and portfolios, "IPAexGothic" (a static string). */
CSM_EXTERN const char *csm_context_font_family(const csm_context *ctx);

/**
 * The industry list of the data directory (questions/industries.json),
 * loaded on the first call and kept; `*out` is NULL (and 0 returned) when the
 * directory has none. `*out` is owned by the context: do not free it.
 */
CSM_EXTERN int csm_context_industries(const csm_industries **out, csm_context *ctx);

/* ------------------------------------------------------------------------ */
/* Reading input files                                                      */
/* ------------------------------------------------------------------------ */

/**
 * Read the whole file at `path` (a regular file, or a pipe given as
 * /dev/fd/N) of at most CSM_MAX_FILE_BYTES into `*out`, NUL-terminated, with
 * its length (without the NUL) in `*len`. The caller frees `*out` with
 * csm_free(). Errors read "path: what" (CSM_EINVALID).
 */
CSM_EXTERN int csm_file_read(char **out, size_t *len, const char *path);

/**
 * A JSON Lines reader with bounded memory: a line holds at most
 * CSM_MAX_FILE_BYTES (one answers file) with its newline; the rest of a
 * longer line is read past without being kept. One reader per thread.
 */
typedef struct csm_lines csm_lines;

/**
 * Open `path` ("-": standard input, left open by csm_lines_free()) for
 * reading by lines from byte `start` (0, or for a regular file, the start of
 * a line). The caller owns `*out` and frees it with csm_lines_free(). Errors
 * read "path: cannot open: why" (CSM_EINVALID) or "path: cannot read: why"
 * (CSM_EIO).
 */
CSM_EXTERN int csm_lines_open(csm_lines **out, const char *path, long long start);

/**
 * The next line: `*line` (owned by the reader, valid until the next call;
 * NUL-terminated, newline kept) and its length `*len`; `*used` is the bytes
 * it took from the input. Returns 1 for a line, 0 at the end, or CSM_EIO
 * ("path: cannot read: why"). `*too_long`: the line was longer than the
 * bound (or no memory could be had for it); `*line` is then "" and `*len` 0.
 */
CSM_EXTERN int csm_lines_next(const char **line, size_t *len, unsigned long long *used, int *too_long, csm_lines *r);

/** Close a reader (not standard input). NULL is allowed. */
CSM_EXTERN void csm_lines_free(csm_lines *r);

#ifdef __cplusplus
}
#endif

#endif /* CSM_H */
