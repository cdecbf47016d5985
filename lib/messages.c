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
    {"tips.budget", {"予算に応じた進め方", "By budget"}},
    {"tips.budget_none", {"予算をかけずに", "With no budget"}},
    {"tips.budget_outside", {"外部の助けを借りて", "With outside help"}},
    {"tips.budget_small", {"少しの予算で", "With a small budget"}},
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
