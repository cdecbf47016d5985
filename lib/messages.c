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
    {"sme.help_action", {"SECURITY ACTION: 中小企業が自ら情報セキュリティ対策に取り組むことを宣言する、IPAの制度です。5つの基本に取り組むと一つ星、自社診断を行い基本方針を定めて公開すると二つ星を宣言できます。", "SECURITY ACTION: a scheme of IPA in which a small company declares that it works on its own security. Committing to the five basic measures earns one star; doing the self-diagnosis and publishing a basic security policy earns two."}},
    {"sme.help_check", {"情報セキュリティ自社診断: IPAが公開している25項目の自己診断です (基本的対策5、従業員としての対策13、組織としての対策7)。毎年答え直すと進み具合が分かります。", "The 25-item self-diagnosis published by IPA (5 basic measures, 13 for employees, 7 for the organization). Answering it again every year shows the progress."}},
    {"sme.help_desk", {"地域の相談窓口: 都道府県の中小企業支援機関や商工会議所・商工会などが、情報セキュリティの相談を受け付けています。", "Regional consultation desks: the support organizations for small companies in each prefecture, and the chambers of commerce, take questions on security."}},
    {"sme.help_otasuketai", {"サイバーセキュリティお助け隊サービス: 中小企業向けに、異常の見張り、相談窓口、事故のときの駆け付け、簡易な保険などを月額でまとめて提供する民間のサービスです。IPAが基準を定めています。", "The \"Cybersecurity Otasuketai\" services (サイバーセキュリティお助け隊サービス): private subscription services for small companies that bundle monitoring, a help desk, on-site help after an incident and simple insurance, to a standard set by IPA."}},
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
    {"sme.report_footer", {"中小企業向け 自己診断レポート", "Self-diagnosis report for small companies"}},
    {"sme.report_help", {"相談先と支援", "Where to get help"}},
    {"sme.report_none", {"先に取り組むべき項目はありません。いまの水準を保ちましょう。", "Nothing is left to do first: keep it up."}},
    {"sme.report_parts", {"分野ごとの点数", "Points by area"}},
    {"sme.report_points", {"点数", "Points"}},
    {"sme.report_readiness", {"SECURITY ACTION と次の一歩", "SECURITY ACTION and your next step"}},
    {"sme.report_title", {"情報セキュリティ自己診断の結果", "Your security self-diagnosis"}},
    {"sme.report_todo", {"今月まず取り組む3つのこと", "Three things to do this month"}},
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
