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
    {"actions_sheet.col_cost", {"費用", "Cost"}},
    {"actions_sheet.col_directive", {"指示", "Directive"}},
    {"actions_sheet.col_due", {"期限", "Due"}},
    {"actions_sheet.col_effort", {"工数", "Effort"}},
    {"actions_sheet.col_first_step", {"最初の一歩", "First step"}},
    {"actions_sheet.col_from", {"現在", "From"}},
    {"actions_sheet.col_item", {"項目", "Item"}},
    {"actions_sheet.col_note", {"メモ", "Note"}},
    {"actions_sheet.col_owner", {"担当", "Owner"}},
    {"actions_sheet.col_status", {"状況", "Status"}},
    {"actions_sheet.col_tip", {"ヒント", "Tip"}},
    {"actions_sheet.col_to", {"目標", "To"}},
    {"actions_sheet.due_error", {"2000-01-01 から 2099-12-31 までの日付を入れてください(例: 2027-03-31)。", "Enter a date from 2000-01-01 to 2099-12-31, e.g. 2027-03-31."}},
    {"actions_sheet.due_error_title", {"日付ではありません", "Not a date"}},
    {"actions_sheet.due_input", {"いつまでに終えるかを日付で(例: 2027-03-31)。", "The date by which it is to be done, e.g. 2027-03-31."}},
    {"actions_sheet.format", {"様式", "Form format"}},
    {"actions_sheet.how", {"色の付いた列(担当、期限、状況、メモ)を更新してください。状況はリストから選びます。ほかのセルは保護しています(パスワードなし)。行の並べ替えや絞り込みはかまいませんが、項目の番号は変えないでください。", "Update the shaded columns (owner, due, status, note); choose the status from the list. The other cells are protected, without a password. Rows may be filtered, but do not change item numbers."}},
    {"actions_sheet.org", {"組織", "Organization"}},
    {"actions_sheet.sheet", {"対策", "Actions"}},
    {"actions_sheet.status_done", {"完了", "done"}},
    {"actions_sheet.status_dropped", {"取りやめ", "dropped"}},
    {"actions_sheet.status_error", {"未着手、進行中、完了、取りやめのどれかをリストから選んでください。", "Choose open, in progress, done or dropped from the list."}},
    {"actions_sheet.status_error_title", {"状況ではありません", "Not a status"}},
    {"actions_sheet.status_in_progress", {"進行中", "in progress"}},
    {"actions_sheet.status_input", {"リストから選んでください。", "Choose from the list."}},
    {"actions_sheet.status_open", {"未着手", "open"}},
    {"actions_sheet.title", {"対策リスト", "Action list"}},
    {"actions_sheet.title_sep", {": ", ": "}},
    {"common.list_sep", {"、", ", "}},
    {"common.sentence_end", {"。", "."}},
    {"portfolio.fu_actions", {"対策", "Actions"}},
    {"portfolio.fu_done", {"完了", "Done"}},
    {"portfolio.fu_late_orgs", {"期限を過ぎた対策のある組織", "Organizations with overdue actions"}},
    {"portfolio.fu_no_list", {"対策リストなし", "no action list"}},
    {"portfolio.fu_note", {"未完了は未着手と進行中の対策。期限超過は、期限(月で書かれた期限はその月末)を基準日に過ぎた未完了の対策です。組織ごとの内訳は各組織のカルテにあります。", "Open: actions not started or in progress. Overdue: open actions whose due date (a month: its last day) has passed on the day shown. Each organization's karte lists them."}},
    {"portfolio.fu_on", {"基準日", "on"}},
    {"portfolio.fu_open", {"未完了", "Open"}},
    {"portfolio.fu_org", {"組織", "Organization"}},
    {"portfolio.fu_overdue", {"うち期限超過", "of which overdue"}},
    {"portfolio.fu_title", {"前年の対策の進み具合", "Follow-up of last year's actions"}},
    {"portfolio.fu_unlisted_orgs", {"対策リストのない組織", "Organizations without an action list"}},
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
