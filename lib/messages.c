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
    {"board.action_head", {"%zu.  %s（チェック項目 %s：レベル %d → %d）", "%zu.  %s (checklist item %s: level %d → %d)"}},
    {"board.action_who", {"担当: %s　費用: %s　工数: %s　期限: %s", "Owner: %s   Cost: %s   Staff time: %s   Due: %s"}},
    {"board.actions", {"次の対策", "Next actions"}},
    {"board.actions_3", {"次の3つの対策", "The next three actions"}},
    {"board.actions_no_plan", {"成熟度の判定がないため、計画は立てていません。", "No plan: without a grade there is no target to plan towards."}},
    {"board.actions_none", {"計画で引き上げる項目はありません。目標の成熟度に達しています。", "The plan has nothing to raise: the target grade is already reached."}},
    {"board.assessed", {"評価日", "Assessed"}},
    {"board.chart", {"評価ごとの総合スコア (1〜5)", "Overall score at each assessment (1 to 5)"}},
    {"board.chart_last", {"直近 %zu 回の評価（全 %zu 回のうち）", "The last %zu of %zu assessments"}},
    {"board.chart_one", {"評価は1回分です。毎年の評価を重ねると推移が分かります。", "One assessment so far: each year's adds a point."}},
    {"board.decisions", {"取締役会の判断が必要な領域", "Areas that need the board's decision"}},
    {"board.decisions_3", {"取締役会の判断が必要な3つの領域", "Three areas that need the board's decision"}},
    {"board.decisions_none", {"目標から遅れている領域はなく、今、判断が必要な事項はありません。", "No area is behind the target: none needs a decision now."}},
    {"board.dir_at", {"現在 %s（5 点満点）。成熟度 %s の企業の平均 %s に達しています。", "Now %s out of 5, at or above the average of grade %s companies (%s)."}},
    {"board.dir_behind", {"現在 %s（5 点満点）。成熟度 %s の企業の平均は %s で、%s 遅れています。", "Now %s out of 5; companies of grade %s average %s: %s behind."}},
    {"board.dir_head", {"%zu.  %s（指示 %d）", "%zu.  %s (directive %d)"}},
    {"board.dir_score", {"現在 %s（5 点満点）。", "Now %s out of 5."}},
    {"board.doc_title", {"取締役会向け報告", "Board summary"}},
    {"board.due_none", {"未定", "not set"}},
    {"board.first", {"比べる前回の評価はまだありません。", "No earlier assessment to compare with yet."}},
    {"board.first_step", {"最初の一歩: %s", "First step: %s"}},
    {"board.followup", {"昨年度の対策の状況", "Last year's actions"}},
    {"board.followup_counts", {"合意した対策 %zu 件: 完了 %zu、進行中 %zu、未着手 %zu、取りやめ %zu（%s 時点）。", "%zu actions were agreed: %zu done, %zu in progress, %zu not started, %zu dropped (as of %s)."}},
    {"board.followup_done", {"完了した対策のうち %zu 件は項目のレベルが上がり、%zu 件はまだ上がっていません（根拠の確認が必要です）。", "Of those done, %zu raised the level of their item and %zu did not yet (the evidence needs checking)."}},
    {"board.followup_late", {"%zu 件が期限を過ぎても完了していません。", "%zu are past their due date and not done."}},
    {"board.followup_none_late", {"期限を過ぎた未完了の対策はありません。", "None is past its due date."}},
    {"board.grade", {"成熟度", "Grade"}},
    {"board.grade_now", {"成熟度 %s、総合スコアは 5 点満点中 %s です。", "Grade %s, with an overall score of %s out of 5."}},
    {"board.grading", {"総合スコア %g 以上で成熟度 A、%g 以上で B、それ未満は C です。", "Grade A means an overall score of %g or more, B %g or more, C below that."}},
    {"board.grading_estimated", {"（この基準は2020年の試行から推定したものです）", " (cut-offs estimated from the 2020 trial)"}},
    {"board.if_left", {"放置すると: %s", "If left: %s"}},
    {"board.industry", {"業種", "Industry"}},
    {"board.industry_none", {"業種内の比較はありません。比較データにこの業種のグループがありません。", "No comparison within the industry: the benchmark has no group for it."}},
    {"board.industry_percentile", {"業種内（%s、%u 社）では、総合スコアは 100 社中およそ %.0f 社を上回ります（カルテのパーセンタイル %.0f）。", "Within the industry (%s, %u companies), the overall score is ahead of about %.0f in 100 (percentile %.0f on the karte)."}},
    {"board.industry_withheld", {"業種内の位置は示しません。比較データの %s は %u 社で、公平な比較に必要な %u 社に足りません。", "Not compared within the industry: %s has %u companies in the benchmark, fewer than the %u a fair comparison needs."}},
    {"board.overall", {"総合スコア", "Overall"}},
    {"board.overall_now", {"総合スコアは 5 点満点中 %s です（成熟度の判定はありません）。", "Overall score %s out of 5 (no grade)."}},
    {"board.partial", {"未回答の項目があるため、この結果は暫定です。", "Some questions are unanswered: the result is provisional."}},
    {"board.scope", {"範囲", "Scope"}},
    {"board.since", {"前回（%s）から: 成熟度 %s → %s、総合スコア %s → %s。", "Since the last assessment (%s): grade %s → %s, overall score %s → %s."}},
    {"board.size_l", {"大", "large"}},
    {"board.size_m", {"中", "medium"}},
    {"board.size_s", {"小", "small"}},
    {"board.source", {"このページの数値はすべて、同じファイルから作る診断カルテ (csm karte) と同じ計算によるものです。", "Every number on this page is the one the full karte (csm karte) of the same files shows, computed the same way."}},
    {"board.standing", {"現在の位置", "Where we stand"}},
    {"board.title", {"取締役会向け報告 — サイバーセキュリティ経営", "Cyber security: report to the board"}},
    {"board.weighted", {"総合スコアは、会社が定めた重みで領域ごとに重み付けしています。", "The overall score weighs the areas with weights the company set."}},
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
    {"supply.col_assessed", {"評価日", "Assessed"}},
    {"supply.col_grade", {"成熟度", "Grade"}},
    {"supply.col_overall", {"総合", "Overall"}},
    {"supply.col_points", {"点数", "Points"}},
    {"supply.col_rank", {"順位", "#"}},
    {"supply.col_readiness", {"SECURITY ACTION", "SECURITY ACTION"}},
    {"supply.col_supplier", {"取引先", "Supplier"}},
    {"supply.col_unanswered", {"未回答", "Unanswered"}},
    {"supply.col_unknown", {"わからない", "Don't know"}},
    {"supply.col_weakest", {"最も弱い指示", "Weakest directive"}},
    {"supply.col_weakest_part", {"最も弱いパート", "Weakest part"}},
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
    {"supply.order_points",
     {"点数で答える設問 (sme-check など) の並び順: 何も回答のないものが先頭、次に点数が低い順。同点なら SECURITY ACTION の星が少ない順、「わからない」が多い順、評価日が古い順",
      "Order for questionnaires answered in points (such as sme-check): nothing answered at the top, then the fewest "
      "points; ties: fewer SECURITY ACTION stars, more \"don't know\" answers, the older assessment"}},
    /* the PDF's title in its document information */
    {"supply.pdf_title", {"サプライチェーン報告", "Supply-chain report"}},
    {"supply.stale_note",
     {"* 評価日が 1 年より前 (または評価日なし): 新しい評価を依頼しましょう。",
      "* assessed more than a year ago (or undated): ask for a new assessment."}},
    /* SECURITY ACTION stars the answers support */
    {"supply.stars_0", {"まだ (一つ星の前)", "not yet (before one star)"}},
    {"supply.stars_1", {"一つ星", "one star"}},
    {"supply.stars_2", {"二つ星", "two stars"}},
    /* answered files, files that could not be read */
    {"supply.summary", {"受け取った回答: %zu 件   読めなかったファイル: %zu 件", "Answers received: %zu   Files that could not be read: %zu"}},
    /* roster lines, roster lines without an answer */
    {"supply.summary_roster", {"名簿: %zu 社   未回答: %zu 社", "Roster: %zu suppliers   Not answered: %zu"}},
    /* today's date */
    {"supply.title", {"サプライチェーン報告 (%s 時点)", "Supply-chain report as of %s"}},
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
