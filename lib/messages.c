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
    {"sme.answer_with", {"各項目に次のいずれかで回答します (かっこ内は点数)。", "Answer each item with one of these (points in brackets)."}},
    {"sme.assessed", {"評価日", "assessed"}},
    {"sme.basic1", {"OSやソフトウェアを最新の状態に保つ", "keep the OS and software up to date"}},
    {"sme.basic2", {"ウイルス対策ソフトを入れて使う", "use anti-virus software"}},
    {"sme.basic3", {"推測されにくいパスワードを使う", "use strong passwords"}},
    {"sme.basic4", {"データは必要な人とだけ共有する", "share data only with those who need it"}},
    {"sme.basic5", {"攻撃の手口を知っておく", "know the attack methods"}},
    {"sme.counts", {"(わからない %zu 項目、未回答 %zu 項目)", "(don't know: %zu, not answered: %zu)"}},
    {"sme.do_first", {"まず取り組む項目", "Do first"}},
    {"sme.for_one_star", {"一つ星に足りないもの: ", "Missing for one star: "}},
    {"sme.for_two_stars", {"二つ星に足りないもの: ", "Missing for two stars: "}},
    {"sme.form_answer", {"回答", "Answer"}},
    {"sme.form_how", {"やり方", "How to do it"}},
    {"sme.form_intro", {"各項目について、いまの自社に最も近い答えを選んでください。分からない項目は「わからない」を選べます。入力内容はこのブラウザーに自動で保存され、ネットワークには一切送信されません。最後に「回答を保存」で回答ファイルを書き出し、依頼元へ送ってください。", "For each item, choose the answer closest to where your company is today; where you are not sure, choose \"Don't know\". What you type is kept in this browser as you go and is never sent anywhere. When you are done, \"Save answers\" writes an answers file: send it to whoever asked for it."}},
    {"sme.group_default", {"指示", "Directive"}},
    {"sme.how", {"やり方:", "How:"}},
    {"sme.missing_sep", {"、", "; "}},
    {"sme.more", {"ほか %zu 項目", "and %zu more"}},
    {"sme.need_answers", {"自己診断の未回答の項目に答える (%zu 項目)", "answer the items not yet answered (%zu)"}},
    {"sme.need_policy", {"基本方針を書面にして社内外に示す (%s)", "write down and publish a basic security policy (%s)"}},
    {"sme.need_unknown", {"「わからない」の項目を確かめる (%zu 項目)", "find out the items answered \"don't know\" (%zu)"}},
    {"sme.next_none", {"次のステップ: 改善を続けます", "Next step: keep improving"}},
    {"sme.next_step", {"次のステップ: %d %s", "Next step: %d %s"}},
    {"sme.not_answered", {"未回答", "not answered"}},
    {"sme.points", {"合計 %d 点 / %d 点", "Points %d of %d"}},
    {"sme.questionnaire", {"設問", "Questionnaire"}},
    {"sme.stars0", {"SECURITY ACTION: 一つ星の宣言にはまだ届いていません", "SECURITY ACTION: not yet ready for one star"}},
    {"sme.stars1", {"SECURITY ACTION: 一つ星を宣言できます", "SECURITY ACTION: ready for one star"}},
    {"sme.stars2", {"SECURITY ACTION: 二つ星を宣言できます", "SECURITY ACTION: ready for two stars"}},
    {"sme.step", {"ステップ %d/4: %s", "Step %d of 4: %s"}},
    {"sme.step1", {"まず5つの基本から始める", "start with the five basic measures"}},
    {"sme.step2", {"自己診断で現状を知る", "know where you are with the self-diagnosis"}},
    {"sme.step3", {"基本方針を定め、体制を整える", "set a basic policy and organize"}},
    {"sme.step4", {"改善を続け、第三者認証を目指す", "keep improving, toward third-party certification"}},
    {"sme.wb_choices", {"回答と点数", "The answers and their points"}},
    {"sme.wb_choose", {"リストから答えを選んでください。", "Choose an answer from the list."}},
    {"sme.wb_not_choice", {"リストにない答えです", "Not one of the answers"}},
    {"sme.wb_step", {"「項目」シートで、すべての項目について「回答」列のリストから、いまの自社に最も近い答えを選んでください。分からない項目は「わからない」を選べます。選ぶ前に、右側の列にある質問の意図とやり方を読んでください。", "On the Items sheet, choose for every item the answer closest to where your company is today from the list in the Answer column; where you are not sure, choose \"Don't know\". Before you choose, read the intent of the question and how to do it in the columns to the right."}},
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
