/* The library's user-visible words: one table, looked up by key and
 * language, so that a wording change is one edit here and a new language is
 * one more column in every row.
 *
 * Rules for the table (test_messages checks them):
 *  - rows are sorted by key (strcmp order), keys unique, dotted by area:
 *    "karte.", "report.", "form.", "sme.", "board.", "chart.", "workbook."...;
 *  - every row has a text for every language, and both say the same;
 *  - a text that takes printf arguments names them in the key's comment and
 *    has the same conversions, in the same order, in every language. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const csm__message TABLE[] = {
    /* key, { ja, en } */
    {"common.list_sep", {"、", ", "}},
    {"common.sentence_end", {"。", "."}},
    {"supply.col_assessed", {"評価日", "Assessed"}},
    {"supply.col_grade", {"成熟度", "Grade"}},
    {"supply.col_overall", {"総合", "Overall"}},
    {"supply.col_rank", {"順位", "#"}},
    {"supply.col_supplier", {"取引先", "Supplier"}},
    {"supply.col_unanswered", {"未回答", "Unanswered"}},
    {"supply.col_weakest", {"最も弱い指示", "Weakest directive"}},
    /* the number of files */
    {"supply.failed", {"読めなかったファイル (%zu 件):", "Files that could not be read (%zu):"}},
    /* questionnaire id, its title, the number of suppliers */
    {"supply.group", {"設問 %s: %s (%zu 件)", "Questionnaire %s: %s (%zu)"}},
    {"supply.mixed",
     {"設問の異なる回答は設問ごとに分けて並べ、互いに比べません。",
      "Answers to different questionnaires are listed apart and never ranked against each other."}},
    /* the file */
    {"supply.no_name", {"(名称なし: %s)", "(no name: %s)"}},
    /* the number of roster lines */
    {"supply.not_answered", {"名簿にあって回答のない取引先 (%zu 社):", "On the roster, no answer received (%zu):"}},
    /* the number of files */
    {"supply.not_on_roster", {"名簿にない取引先からの回答 (%zu 件):", "Answers from suppliers not on the roster (%zu):"}},
    {"supply.order",
     {"並び順: リスクの高い順 (何も回答のないものが先頭、次に総合が低い順。同点なら最も弱い指示の点が低い順、未回答が多い順、評価日が古い順)",
      "Order: highest risk first (nothing answered at the top, then the lowest overall; ties: the lower weakest "
      "directive, more unanswered items, the older assessment)"}},
    /* the PDF's title in its document information */
    {"supply.pdf_title", {"サプライチェーン報告", "Supply-chain report"}},
    {"supply.stale_note",
     {"* 評価日が 1 年より前 (または評価日なし): 新しい評価を依頼しましょう。",
      "* assessed more than a year ago (or undated): ask for a new assessment."}},
    /* answered files, files that could not be read */
    {"supply.summary", {"受け取った回答: %zu 件   読めなかったファイル: %zu 件", "Answers received: %zu   Files that could not be read: %zu"}},
    /* roster lines, roster lines without an answer */
    {"supply.summary_roster", {"名簿: %zu 社   未回答: %zu 社", "Roster: %zu suppliers   Not answered: %zu"}},
    /* today's date */
    {"supply.title", {"サプライチェーン報告 (%s 時点)", "Supply-chain report as of %s"}},
};

static int by_key(const void *k, const void *e)
{
	return strcmp((const char *)k, ((const csm__message *)e)->key);
}

const char *csm__msg(const char *key, csm_lang lang)
{
	const csm__message *m;

	assert(key != NULL);
	assert(lang == CSM_LANG_JA || lang == CSM_LANG_EN);
	m = bsearch(key, TABLE, sizeof TABLE / sizeof TABLE[0], sizeof TABLE[0], by_key);
	/* An unknown key is a programming error: the table test lists every key the
	 * sources use. Release builds show the key rather than nothing. */
	assert(m != NULL);
	if (!m)
		return key;
	return m->text[lang == CSM_LANG_EN ? CSM_LANG_EN : CSM_LANG_JA];
}

const csm__message *csm__msg_table(size_t *out_count)
{
	*out_count = sizeof TABLE / sizeof TABLE[0];
	return TABLE;
}
