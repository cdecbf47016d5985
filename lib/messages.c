/* The library's user-visible words: one table, looked up by key and
 * language, so that a wording change is one edit here and a new language is
 * one more column in every row.
 *
 * Rules for the table (test_messages checks them):
 *  - rows are sorted by key (strcmp order), keys unique, dotted by area:
 *    "karte.", "report.", "form.", "sme.", "board.", "chart.", "workbook."...;
 *  - every row has a text for every language, and both say the same;
 *  - a text that takes printf arguments names them in the key's comment and
 *    has the same conversions, in the same order, in every language; it is
 *    used through csm__buf_msgf (or csm__kmsgf, csm__msg_snprintf), and where
 *    a language needs another order or number agreement the text is split
 *    into keys (analysis.at_level5_one/_many) rather than reordered.
 *
 * A third language is added by a value of csm_lang (with CSM__LANGS and
 * CSM__LANG_OK) and one more text at the end of every row (the test fails for
 * a row without it), its code in common.lang_code; outside the table only
 * rules that are not words need a look (the workbook's row heights and first
 * column width, the industry label match, which ignores case but in Japanese).
 * The questionnaire, tips and industries are data with their own columns. */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "util.h"

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
    /* the level (5) */
    {"analysis.at_level5_many", {"はレベル%dに達しています", " are at level %d"}},
    /* the level (5) */
    {"analysis.at_level5_one", {"はレベル%dに達しています", " is at level %d"}},
    /* the lowest level */
    {"analysis.at_lowest_many", {"はレベル%dで改善の余地があります", " are at level %d, with room to improve"}},
    /* the lowest level */
    {"analysis.at_lowest_one", {"はレベル%dで改善の余地があります", " is at level %d, with room to improve"}},
    /* the industry, its group, the groups' name ("2020 trial") */
    {"analysis.compared_group", {"%s (比較: %s %s)", "%s (compared with: %s, %s group)"}},
    {"analysis.directive", {"指示", "Directive "}},
    {"analysis.directives", {"指示", "Directives "}},
    {"analysis.flagged_need_many", {"も改善が必要です", " also need improvement"}},
    {"analysis.flagged_need_one", {"も改善が必要です", " also needs improvement"}},
    {"analysis.flagged_room_many", {"も改善の余地があります", " also have room to improve"}},
    {"analysis.flagged_room_one", {"も改善の余地があります", " also has room to improve"}},
    {"analysis.hints_further", {"更なる成熟度向上のヒント", "Hints for further maturity"}},
    {"analysis.hints_own", {"改善のヒント (自社で最も低い指示から)", "Hints (from the company's lowest directives)"}},
    {"analysis.hints_to_a", {"成熟度Aになるためのヒント", "Hints for reaching maturity A"}},
    {"analysis.hints_to_b", {"成熟度Bになるためのヒント", "Hints for reaching maturity B"}},
    /* the answers' questionnaire, the benchmark's questionnaire */
    {"analysis.note_by_directive",
     {"%s の回答を、%s の回答から作られた比較データと指示単位で比較しています。",
      "%s answers compared by directive with a benchmark built from %s answers."}},
    /* the benchmark, its questionnaire, the answers' questionnaire */
    {"analysis.note_not_comparable",
     {"成熟度の判定と比較はありません: 比較データ「%s」は %s の回答から作られ、%s の回答とは比べられません。",
      "No grade and no comparison: the benchmark \"%s\" was built from %s answers, which %s answers cannot be compared with."}},
    /* the benchmark, the target group it withholds ("grade:A") */
    {"analysis.note_withheld",
     {"比較データ「%s」は %s のグループを公開していないため (組織数が足りないか、以前の公開との差から個社が分かるため)、目標との差は測れません。ヒントは評点の低い指示に向けています。",
      "The benchmark \"%s\" withholds the group %s (too few organizations, or one could be singled out against an earlier release), so there is no target to measure gaps against; the hints go to your lowest directives."}},
    {"answers.scope_entity", {"単体", "single entity"}},
    {"answers.scope_group", {"グループ", "group"}},
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
    {"chart.legend_industry", {"業種平均", "Industry average"}},
    /* the industry group, its size */
    {"chart.legend_industry_n", {"業種平均 (%s, n=%u)", "Industry average (%s, n=%u)"}},
    {"chart.legend_own", {"自社", "This organization"}},
    {"chart.legend_own_target", {"自社の目標", "Own target"}},
    /* the target's date */
    {"chart.legend_own_target_by", {"自社の目標 (%sまで)", "Own target (by %s)"}},
    /* the previous assessment's date */
    {"chart.legend_prev", {"前回 (%s)", "Previous (%s)"}},
    /* the target grade, the size of its group */
    {"chart.legend_target", {"目標: 成熟度 %s の平均 (n=%u)", "Target: grade %s average (n=%u)"}},
    {"common.arrow", {"→", "->"}},
    {"common.col_change", {"変化", "Change"}},
    {"common.col_prev", {"前回", "Prev"}},
    /* the language's code (HTML lang, the form's storage slot) */
    {"common.lang_code", {"ja", "en"}},
    {"common.list_last_sep", {"、", " and "}},
    {"common.list_sep", {"、", ", "}},
    {"common.no_evidence", {"根拠の記載がない 4・5 の回答", "Answered 4 or 5 without evidence"}},
    {"common.paren_close_end", {"）。", ")."}},
    {"common.paren_open", {"（", " ("}},
    {"common.sentence_end", {"。", "."}},
    {"common.to_discuss", {"要議論 (評価者の差が 2 以上)", "To discuss (raters 2+ levels apart)"}},
    {"csf.detect", {"検知", "Detect"}},
    {"csf.govern", {"統治", "Govern"}},
    {"csf.identify", {"識別", "Identify"}},
    {"csf.protect", {"防御", "Protect"}},
    {"csf.recover", {"復旧", "Recover"}},
    {"csf.respond", {"対応", "Respond"}},
    {"docs.appendix_a", {"ガイドライン付録A", "Guidelines Appendix A"}},
    {"docs.col_level", {"レベル", "Level"}},
    {"docs.col_looks_like", {"この項目での姿", "What it looks like"}},
    {"docs.gates", {"最初に確認する質問", "Questions to answer first"}},
    {"docs.gates_text",
     {"「いいえ」の場合、関連する項目は高いレベルになりません。矛盾する回答は警告されます。",
      "Where the answer is no, the related items cannot be at a high level; answers that say otherwise are flagged."}},
    {"docs.hint", {"回答のヒント:", "How to answer:"}},
    {"docs.how_to_answer", {"回答のしかた", "How to answer"}},
    {"docs.how_to_answer_text",
     {"各項目に 1 から 5 のレベル、または該当しない場合は n/a で回答します。根拠 (evidence) と、誰が評価したかを残してください。",
      "Answer each item with a level from 1 to 5, or n/a where it does not apply. Record the evidence and who assessed it."}},
    {"docs.intent", {"ねらい:", "Intent:"}},
    {"docs.questionnaire", {"設問セット", "Questionnaire"}},
    {"docs.tip", {"ティップス", "Tip"}},
    {"docs.yes_no", {"はい / いいえ", "yes / no"}},
    /* the level the action aims at */
    {"followup.aim", {" (目標 %d)", " (aim %d)"}},
    {"followup.at_level", {"レベル", "at"}},
    {"followup.done_moved", {"完了し、レベルが上がった", "Done, and the item moved"}},
    {"followup.done_still", {"完了としたがレベルが変わらない (根拠を確かめてください)", "Done, but the item did not move (ask for evidence)"}},
    {"followup.due", {"期限", "due"}},
    /* actions, open, in progress, done, dropped, the date of the follow-up */
    {"followup.heading",
     {"\n対策の追跡 (%zu 件: 未着手 %zu、進行中 %zu、完了 %zu、取りやめ %zu。基準日 %s)\n",
      "\nFollow-up of actions (%zu: %zu open, %zu in progress, %zu done, %zu dropped; on %s)\n"}},
    {"followup.in_progress", {" (進行中)", " (in progress)"}},
    {"followup.late", {"期限を過ぎた未完了の対策", "Open past their due date"}},
    {"followup.moved", {"対策なしにレベルが変わった", "Moved without an action"}},
    {"followup.none", {" なし", " none"}},
    {"followup.not_answered", {"回答なし", "not answered"}},
    {"followup.owner", {"、担当 ", ", owner "}},
    {"form.add_assessor", {"評価者を追加", "Add assessor"}},
    {"form.assessors", {"評価者", "Assessors"}},
    {"form.assessors_help",
     {"回答に加わった人。複数人で評価すると、甘すぎ・厳しすぎの偏りが減ります。",
      "Everyone who took part. Several assessors reduce the bias of a lenient or a strict rater."}},
    {"form.bar", {"進捗と保存", "Progress and saving"}},
    {"form.choose", {"（選択してください）", "(choose)"}},
    {"form.directive", {"指示 {d}", "Directive {d}"}},
    {"form.discard", {"入力内容を破棄して最初から", "Discard it and start over"}},
    {"form.draft_note",
     {"残っているのは未回答の項目と空欄だけです。下書きとして保存し、後で仕上げることもできます。",
      "Only unanswered items and empty fields are left: you can save a draft now and finish it later."}},
    {"form.e_assessor", {"評価者が 1 人も記入されていません", "No assessor is named"}},
    {"form.e_date", {"評価日が空欄です", "The date of the assessment is empty"}},
    {"form.e_date_bad",
     {"評価日が日付として正しくありません（YYYY-MM-DD）",
      "The date of the assessment is not a valid date (YYYY-MM-DD)"}},
    {"form.e_industry", {"業種が選ばれていません", "No industry is chosen"}},
    {"form.e_long", {"{field}：長すぎます（{n} バイト、上限 {max}）", "{field}: too long ({n} bytes, at most {max})"}},
    {"form.e_name", {"組織名が空欄です", "The organization name is empty"}},
    {"form.e_open", {"項目 {id}：未回答", "Item {id}: not answered"}},
    {"form.evidence_help",
     {"文書名・日付など。レベル 4・5 には根拠を書いてください。",
      "A document, a date, a record. Give evidence for levels 4 and 5."}},
    {"form.f_assessor", {"氏名", "Name"}},
    {"form.f_date", {"評価日", "Date of the assessment"}},
    {"form.f_date_help", {"YYYY-MM-DD（例: 2026-04-01）", "YYYY-MM-DD (e.g. 2026-04-01)"}},
    {"form.f_evidence", {"項目 {id} の根拠", "Evidence of item {id}"}},
    {"form.f_evidence_label", {"根拠", "Evidence"}},
    {"form.f_industry", {"業種", "Industry"}},
    {"form.f_name", {"組織名", "Organization name"}},
    {"form.f_note", {"項目 {id} のメモ", "Note of item {id}"}},
    {"form.f_note_label", {"メモ", "Note"}},
    {"form.f_role", {"役割", "Role"}},
    {"form.f_scope", {"評価の範囲", "Scope of the assessment"}},
    {"form.f_size", {"規模", "Size"}},
    {"form.footer",
     {"csm {version} で作成 — 質問票 {q}。保存すると csm-answers/1 形式の回答ファイルになります。このページは何も送信しません。",
      "Made with csm {version}, questionnaire {q}. Saving writes a csm-answers/1 answers file; this page sends nothing anywhere."}},
    {"form.gates", {"はじめに：体制についての質問", "First: questions about how security is organized"}},
    {"form.gates_help",
     {"「いいえ」の場合、関連する項目で高いレベルを選ぶと、回答ファイルの読み込み時に注意が表示されます。",
      "Where the answer is \"no\", csm points out related items answered at a high level when it reads the file."}},
    {"form.hint", {"回答のヒント", "How to find the answer"}},
    {"form.intent", {"質問の意図", "Why we ask"}},
    {"form.intro",
     {"各項目について、現在の自社に最も近いレベル（1〜5）を選んでください。該当しない項目は「該当なし」を選びます。入力内容はこのブラウザーに自動で保存され、ネットワークには一切送信されません。最後に「回答を保存」で回答ファイルを書き出し、依頼元へ送ってください。",
      "For each item, choose the level (1 to 5) closest to where your organization is today, or \"n/a\" where the item does not apply. What you type is kept in this browser as you go and is never sent anywhere. When you are done, \"Save answers\" writes an answers file: send it to whoever asked for it."}},
    {"form.items_count", {"{n} 項目", "{n} items"}},
    {"form.level", {"レベル", "Level"}},
    {"form.levels", {"レベルの目安", "What the levels mean"}},
    {"form.na", {"該当なし", "n/a"}},
    /* HTML: the mark of the n/a choice */
    {"form.na_mark", {"&#8212;", "n/a"}},
    {"form.na_text",
     {"この項目は自社に当てはまらない（平均から除外されます）",
      "The item does not apply to this organization (left out of the average)"}},
    {"form.next_open", {"次の未回答へ", "Next unanswered"}},
    {"form.no", {"いいえ", "No"}},
    {"form.no_storage",
     {"このブラウザーでは入力内容を保持できません（ローカルストレージが使えません）。ページを閉じる前に保存してください。",
      "This browser cannot keep what you type (local storage is not available): save your answers before closing the page."}},
    {"form.noscript",
     {"このブラウザーではスクリプトが動いていないため、進捗表示・自動保存・回答ファイルの保存が使えません。印刷して記入することはできます。",
      "Scripts are not running in this browser, so progress, keeping what you type and saving the answers file do not work. You can still print the form and fill it in on paper."}},
    {"form.org", {"組織と評価者", "Organization and assessors"}},
    {"form.print", {"印刷", "Print"}},
    {"form.problems", {"保存する前に確認してください", "Before saving, please check"}},
    {"form.progress", {"{total} 項目中 {n} 項目回答済み", "{n} of {total} answered"}},
    {"form.remove", {"削除", "Remove"}},
    {"form.remove_label", {"この評価者を削除", "Remove this assessor"}},
    {"form.restored", {"このブラウザーに残っていた入力内容（{time}）を復元しました。", "Restored what was typed in this browser ({time})."}},
    {"form.save", {"回答を保存", "Save answers"}},
    {"form.save_draft", {"未完成のまま下書きとして保存", "Save as a draft anyway"}},
    {"form.saved", {"{file} を保存しました。このファイルを依頼元へ送ってください。", "Saved {file}. Send this file to whoever asked for it."}},
    {"form.saved_draft", {"下書き {file} を保存しました（未回答 {n} 件）。", "Saved the draft {file} ({n} still open)."}},
    {"form.saved_warnings", {"注意 {n} 件：根拠のないレベル 4・5 があります。", "{n} notes: levels 4 or 5 without evidence."}},
    {"form.scope_entity", {"単体（この会社のみ）", "Single entity (this company only)"}},
    {"form.scope_group", {"グループ（子会社を含む）", "Group (including subsidiaries)"}},
    {"form.size_large", {"大規模", "Large"}},
    {"form.size_medium", {"中規模", "Medium"}},
    {"form.size_none", {"（回答しない）", "(not given)"}},
    {"form.size_small", {"小規模", "Small"}},
    {"form.skip", {"チェック項目へ移動", "Skip to the checklist"}},
    {"form.w_evidence", {"項目 {id}：レベル {level} に根拠がありません", "Item {id}: level {level} without evidence"}},
    {"form.yes", {"はい", "Yes"}},
    /* the file, the industry id, the groups' name, the group's label */
    {"industries.is_group",
     {"%s: organization.industry: '%s' は%sの業種グループ(%s)です。より近い比較には次のいずれかを指定してください: ",
      "%s: organization.industry: '%s' is a %s group of industries (%s); for a closer comparison name one of: "}},
    /* the file, the old id, the new id, its label, the new id */
    {"industries.renamed",
     {"%s: organization.industry: 業種 '%s' は '%s'(%s)になりました。今後は '%s' を使ってください\n",
      "%s: organization.industry: industry '%s' is now '%s' (%s); use '%s' from now on\n"}},
    /* the file, the old id, the groups' name, the group's id, its label */
    {"industries.renamed_to_group",
     {"%s: organization.industry: 業種 '%s' はいくつかの業種にまたがるため、%sのグループ '%s'(%s)として比較します。より近い比較には次のいずれかを指定してください: ",
      "%s: organization.industry: industry '%s' spans several industries and is now the %s group '%s' (%s); for a closer comparison name one of: "}},
    {"karte.assessed", {"評価日", "Assessed"}},
    {"karte.assessors", {"評価者", "Assessors"}},
    /* how many more */
    {"karte.assessors_more", {"ほか %zu 名", "and %zu more"}},
    {"karte.behind1", {"目標から 1 以上 2 未満遅れている指示", "1 to 2 behind the target"}},
    {"karte.behind2", {"目標から 2 以上遅れている指示", "2 or more behind the target"}},
    {"karte.benchmark", {"比較データ", "Benchmark"}},
    {"karte.col_all", {"全体", "All"}},
    {"karte.col_industry", {"業種", "Industry"}},
    {"karte.col_score", {"自社", "Score"}},
    {"karte.directive", {"指示", "Directive"}},
    {"karte.doc_title", {"診断カルテ", "Karte"}},
    {"karte.estimated", {"(2020年試行から推定)", "(estimated from the 2020 trial)"}},
    {"karte.gap", {"目標との差", "Gap"}},
    {"karte.grade", {"成熟度", "Grade"}},
    {"karte.grading", {"判定基準 (総合スコア)", "Grading (overall)"}},
    {"karte.grading_below", {"それ未満", "below"}},
    {"karte.grading_or_more", {"以上", "or more"}},
    {"karte.hint1", {"最優先", "Urgent"}},
    {"karte.hint1_plain", {"ヒント1", "Hint 1"}},
    {"karte.hint2", {"次に", "Next"}},
    {"karte.hint2_action",
     {"それぞれ最も低い項目を目標平均のレベルまで引き上げてください。読むべきティップス:",
      "Raise each one's lowest items to the target average's level. Tips to read:"}},
    {"karte.hint2_action_own",
     {"それぞれ最も低い項目を1段階ずつ引き上げてください。読むべきティップス:",
      "Raise each one's lowest items a level at a time. Tips to read:"}},
    {"karte.industry", {"業種", "Industry"}},
    /* the industry group */
    {"karte.industry_is", {" = %s", ": %s"}},
    /* how many, their list */
    {"karte.items_moved", {"レベルが変わった項目 (%zu): %s", "items that moved (%zu): %s"}},
    {"karte.level", {"レベル", "level"}},
    {"karte.levels", {"レベルの状況", "Levels"}},
    {"karte.lowest_items", {"最も低い項目", "Lowest items"}},
    {"karte.marks",
     {"差 = 目標平均 - 自社スコア。** 差 2 以上、* 差 1 以上 2 未満 (表示した値で判定)。",
      "Gap = target average - score. ** gap >= 2, * 1 <= gap < 2, as shown."}},
    {"karte.na", {"対象外", "n/a"}},
    {"karte.no_date", {"日付なし", "undated"}},
    {"karte.no_hints", {"すべての指示が目標平均に達しています。", "Every directive is at or above the target average."}},
    {"karte.none", {"なし", "none"}},
    {"karte.overall", {"総合スコア", "Overall"}},
    {"karte.partial", {"未回答の項目があります。結果は暫定です。", "Some items are unanswered: the result is provisional."}},
    {"karte.position", {"業種内の位置", "Position in the industry"}},
    /* the industry group, its size, the smallest size shown */
    {"karte.position_not_shown", {"示しません (%s, n=%u、%u 社未満)", "not shown (%s, n=%u, fewer than %u)"}},
    /* the percentile, the industry group, its size */
    {"karte.position_percentile", {"%.0f パーセンタイル (%s, n=%u)", "percentile %.0f (%s, n=%u)"}},
    /* grade before, after; overall before, after */
    {"karte.previous_change", {"成熟度 %s → %s   総合 %s → %s", "grade %s -> %s   overall %s -> %s"}},
    {"karte.questionnaire", {"設問", "Questionnaire"}},
    {"karte.scope", {"範囲", "Scope"}},
    {"karte.shaded", {" 自社スコア 1.x・2.x は網掛け (濃・淡)。", " Scores 1.x and 2.x shaded (dark, light)."}},
    /* the previous assessment's date */
    {"karte.since_previous", {"前回 (%s) からの変化", "Since the previous assessment (%s)"}},
    {"karte.table", {"指示ごとのスコアと比較", "Scores by directive, compared"}},
    {"karte.target", {"比較の目標", "Compared with"}},
    /* the target grade, the size of its group */
    {"karte.target_grade_average", {"成熟度 %s の平均 (n=%u)", "grade %s average (n=%u)"}},
    {"karte.tip", {"ティップス", "Tip"}},
    {"karte.tips", {"ティップス", "Tips"}},
    {"karte.title", {"サイバーセキュリティ経営ガイドライン 診断カルテ", "Cyber Security Management Guidelines - Assessment Karte"}},
    {"karte.versions_differ", {"設問の版が異なるため指示単位で比較", "questionnaire versions differ: compared by directive"}},
    {"karte.weighted", {"指示ごとの重み付けを使用しています。", "Directive weights are in use."}},
    {"plan.col_directive", {"指示", "Directive"}},
    {"plan.col_effort", {"労力", "Effort"}},
    {"plan.col_gain", {"総合+", "Overall+"}},
    {"plan.col_grade", {"成熟度", "Grade"}},
    {"plan.col_item", {"項目", "Item"}},
    {"plan.col_level", {"レベル", "Level"}},
    {"plan.col_overall", {"総合", "Overall"}},
    {"plan.col_tip", {"ティップス", "Tip"}},
    /* the target grade */
    {"plan.heading",
     {"成熟度 %s に向けた計画 (労力あたりの総合スコアの上昇が大きい順)\n\n",
      "Plan towards grade %s (largest rise of the overall per effort first)\n\n"}},
    /* the target grade, hint 1's directive, its short name */
    {"plan.heading_hint1",
     {"成熟度 %s に向けた計画: カルテのヒント1 (指示%d %s) の差を、その最も低い項目から先に埋め (*)、その後は労力あたりの総合スコアの上昇が大きい順\n\n",
      "Plan towards grade %s: first the karte's hint 1 (directive %d, %s), its lowest items first (*), then the largest rise of the overall per effort\n\n"}},
    {"plan.not_reached", {"この範囲では目標の成熟度に達しません。", "These moves do not reach the target grade."}},
    {"plan.nothing", {"上げられる項目はありません。", "Nothing left to raise."}},
    {"plan.reaches", {"この計画で目標の成熟度に達します。", "These moves reach the target grade."}},
    {"portfolio.col_org", {"組織", "Organization"}},
    {"portfolio.col_overall", {"総合", "Overall"}},
    {"portfolio.colour_score", {"色: スコア", "Colour: score"}},
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
    {"portfolio.group", {"グループ", "Group"}},
    {"portfolio.group_lower", {"グループ", "group"}},
    {"portfolio.heatmap_title", {"組織別・指示別のスコア", "Scores by organization and directive"}},
    /* organizations, questionnaire, benchmark */
    {"portfolio.meta",
     {"評価した組織: %zu   設問: %s   比較データ: %s",
      "Organizations assessed: %zu   Questionnaire: %s   Benchmark: %s"}},
    /* how many more */
    {"portfolio.orgs_more", {" ほか %zu 組織", " and %zu more"}},
    {"portfolio.radars_title", {"組織ごとのレーダーチャート", "Radar charts by organization"}},
    {"portfolio.rollup_headcount", {"グループの値: 従業員数で加重した平均", "Group: mean weighted by headcount"}},
    {"portfolio.rollup_mean", {"グループの値: 各組織の単純平均", "Group: plain mean of the organizations"}},
    {"portfolio.rollup_mean_lacking",
     {"グループの値: 単純平均 (加重に必要な値が一部の組織にありません)",
      "Group: plain mean (some organizations lack the weight)"}},
    {"portfolio.rollup_revenue", {"グループの値: 売上高で加重した平均", "Group: mean weighted by revenue"}},
    {"portfolio.running", {"グループ ポートフォリオ", "Group portfolio"}},
    {"portfolio.scope_group_out", {" (範囲が group の評価は除く)", " (assessments with scope \"group\" left out)"}},
    {"portfolio.title", {"サイバーセキュリティ経営ガイドライン グループ ポートフォリオ", "Cyber Security Management Guidelines - Group Portfolio"}},
    {"portfolio.weakest", {"グループの弱い指示と、それを下げている組織", "The group's weakest directives, and who pulls each down"}},
    {"portfolio.whole_group", {"グループ全体", "Whole group"}},
    {"questionnaire.group_default", {"指示", "Directive"}},
    {"report.assessed", {"評価日", "assessed"}},
    {"report.assessors", {"評価者", "Assessors"}},
    {"report.behind1", {"目標から 1 以上遅れている指示", "Directives 1 to 2 behind the target"}},
    {"report.behind2", {"目標から 2 以上遅れている指示", "Directives 2 or more behind the target"}},
    {"report.benchmark", {"比較データ", "Benchmark"}},
    {"report.check", {"要確認: 前提の質問への回答と矛盾する回答があります。", "To check: answers that contradict a gate question:"}},
    {"report.col_all", {"全体", "All"}},
    {"report.col_gain", {"総合+", "Overall+"}},
    {"report.col_industry", {"業種", "Ind"}},
    {"report.col_item", {"項目", "Item"}},
    {"report.col_level", {"レベル", "Level"}},
    {"report.col_score", {"自社", "Score"}},
    {"report.col_target", {"目標", "Target"}},
    {"report.csf2_note",
     {"(CSF 2.0 は CSF 1.1 の対応付けからの機能単位の集計です)\n",
      "(CSF 2.0: by function, from the mapping of the CSF 1.1 subcategories)\n"}},
    /* separator, the function, its score, its items */
    {"report.csf_function", {"%s %s %s (%u項目)", "%s %s %s (%u)"}},
    {"report.directive", {"指示", "Directive"}},
    {"report.estimated", {"、2020年試行から推定", ", estimated from the 2020 trial"}},
    {"report.gap", {"差", "Gap"}},
    {"report.gap_to", {"目標平均との差", "gap to the target average"}},
    {"report.grade", {"成熟度", "Grade"}},
    {"report.grading", {"判定基準", "grading"}},
    {"report.hint1", {"最優先", "urgent"}},
    {"report.hint2", {"次に", "next"}},
    {"report.items_moved", {"レベルが変わった項目", "Items that moved"}},
    {"report.level", {"レベル", "level"}},
    {"report.level5", {"レベル 5 の指示", "Directives at level 5"}},
    {"report.lowest", {"最も低い指示(改善の余地)", "Lowest directives (room to improve)"}},
    {"report.lowest_items", {"最も低い項目", "lowest items"}},
    {"report.marks",
     {"** 目標との差 2 以上、* 差 1 以上 2 未満 (表示した値で判定)",
      "** gap >= 2, * 1 <= gap < 2, as shown (gap = target average - score)"}},
    {"report.na", {"対象外", "n/a"}},
    {"report.no_hints", {"すべての指示が目標平均に達しています。", "Every directive is at or above the target average."}},
    {"report.no_ind", {"比較データにこの業種はありません", "the benchmark has no group for this industry"}},
    {"report.none", {"なし", "none"}},
    {"report.overall", {"総合スコア", "Overall"}},
    {"report.partial", {"注意: 未回答の項目があります。結果は暫定です。", "Note: some items are unanswered; the result is provisional."}},
    {"report.plan", {"改善計画(目標平均に届かない項目)", "Improvement plan (items below the target's average)"}},
    /* the group's size, the smallest size shown */
    {"report.position_not_shown",
     {"業種内の位置: 示しません (n=%u、%u 社未満)\n",
      "Percentile within the industry: not shown (n=%u, fewer than %u)\n"}},
    /* the percentile, the group's size */
    {"report.position_percentile", {"業種内の位置: %.0f パーセンタイル (n=%u)\n", "Percentile within the industry: %.0f (n=%u)\n"}},
    /* date, questionnaire, overall before, after, grade before, after */
    {"report.previous",
     {"前回 (%s, %s): 総合 %s → %s、成熟度 %s → %s\n",
      "Previous (%s, %s): overall %s -> %s, grade %s -> %s\n"}},
    {"report.questionnaire", {"設問", "Questionnaire"}},
    {"report.target", {"目標", "target"}},
    {"report.tip", {"ティップス", "Tip"}},
    {"report.versions_differ",
     {"設問の版が異なるため、指示単位で比較しています。",
      "The questionnaire versions differ: compared by directive."}},
    {"report.weighted", {"注意: 指示ごとの重み付けを使用しています。", "Note: directive weights are in use."}},
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
    /* the benchmark's name */
    {"sme.peers", {"同業他社との比較 (ベンチマーク: %s)", "Compared with peers (benchmark: %s)"}},
    {"sme.peers_all", {"全体", "All companies"}},
    /* the group's label, its size, the mean total points */
    {"sme.peers_group", {"  %s (%u 社): 平均 %s 点", "  %s (%u companies): mean %s points"}},
    /* the industry id */
    {"sme.peers_industry", {"業種 %s", "Industry %s"}},
    /* the benchmark's name */
    {"sme.peers_other", {"ベンチマーク %s はこの設問の点数のベンチマークではないため、比較しません。", "The benchmark %s is not one in points of this questionnaire: no comparison."}},
    /* yours, the part's most, the peers' mean */
    {"sme.peers_part", {"あなた %d / %d 点、平均 %s 点", "yours %d of %d, peers' mean %s"}},
    /* the industry's mean */
    {"sme.peers_part_industry", {" (業種 %s 点)", " (industry %s)"}},
    /* the percentile */
    {"sme.peers_percentile", {"、あなたは %.0f パーセンタイル", "; you are at percentile %.0f"}},
    /* the smallest group with a percentile */
    {"sme.peers_withheld", {" (%u 社未満のためパーセンタイルは示しません)", " (no percentile under %u companies)"}},
    {"sme.points", {"合計 %d 点 / %d 点", "Points %d of %d"}},
    {"sme.questionnaire", {"設問", "Questionnaire"}},
    {"sme.report_footer", {"中小企業向け 自己診断レポート", "Self-diagnosis report for small companies"}},
    {"sme.report_help", {"相談先と支援", "Where to get help"}},
    {"sme.report_none", {"先に取り組むべき項目はありません。いまの水準を保ちましょう。", "Nothing is left to do first: keep it up."}},
    {"sme.report_parts", {"分野ごとの点数", "Points by area"}},
    /* the group's size, its mean total, the percentile */
    {"sme.report_peers", {"同じ診断を受けた %u 社の平均は %s 点です。あなたの会社は、100 社にたとえるとおよそ %.0f 社を上回ります。", "The %u companies of the benchmark average %s points; yours is ahead of about %.0f in 100 of them."}},
    /* the group's size, its mean total, the percentile */
    {"sme.report_peers_industry", {"同じ業種の %u 社の平均は %s 点です。あなたの会社は、100 社にたとえるとおよそ %.0f 社を上回ります。", "The %u companies of your industry in the benchmark average %s points; yours is ahead of about %.0f in 100 of them."}},
    /* the group's size, its mean total */
    {"sme.report_peers_industry_mean", {"同じ業種の %u 社の平均は %s 点です。", "The %u companies of your industry in the benchmark average %s points."}},
    /* the group's size, its mean total */
    {"sme.report_peers_mean", {"同じ診断を受けた %u 社の平均は %s 点です。", "The %u companies of the benchmark average %s points."}},
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
    /* the date */
    {"targets.by", {" (期限 %s)", " (by %s)"}},
    {"targets.columns", {"  #  現在  →  目標 (目標に届いていない項目)", "  #   Now  -> Target (items below their target)"}},
    /* the grade, targets.grade_by (or ""), the date (or "") */
    {"targets.grade", {" (成熟度 %s%s%s)", " (grade %s%s%s)"}},
    {"targets.grade_by", {"、期限 ", " by "}},
    {"targets.heading", {"目標", "Targets"}},
    {"targets.met", {" (達成)", " (met)"}},
    {"tips.actions", {"進め方", "Actions"}},
    {"tips.budget", {"予算に応じた進め方", "By budget"}},
    {"tips.budget_none", {"予算をかけずに", "With no budget"}},
    {"tips.budget_outside", {"外部の助けを借りて", "With outside help"}},
    {"tips.budget_small", {"少しの予算で", "With a small budget"}},
    {"tips.checked", {"内容の確認時点", "Facts checked"}},
    {"tips.cost", {"費用", "Cost"}},
    {"tips.effort", {"工数", "Effort"}},
    {"tips.first_step", {"今月できる最初の一歩", "First step (this month)"}},
    /* the level */
    {"tips.helps_reach", {"レベル %d に達するのに役立ちます\n", "Helps reach level %d\n"}},
    {"tips.owner", {"担当", "Owner"}},
    {"tips.problem", {"課題", "Problem"}},
    {"tips.size_l", {"L (大)", "L"}},
    {"tips.size_m", {"M (中)", "M"}},
    /* effort and cost classes */
    {"tips.size_s", {"S (小)", "S"}},
    {"tips.tip", {"ティップス", "Tip"}},
    {"trend.col_change", {"変化", "Change"}},
    {"trend.col_directive", {"指示", "Directive"}},
    {"trend.grade", {"成熟度", "Grade"}},
    {"trend.moved", {"直近2回でレベルが変わった項目", "Items that moved in the last two"}},
    {"trend.none", {"なし", "none"}},
    {"trend.overall", {"総合スコア", "Overall"}},
    {"trend.questionnaire", {"設問", "Questionnaire"}},
    {"whatif.col_after", {"変更後", "After"}},
    {"whatif.col_before", {"変更前", "Before"}},
    {"whatif.col_directive", {"指示", "Directive"}},
    {"whatif.grade", {"成熟度", "Grade"}},
    {"whatif.overall", {"総合スコア", "Overall"}},
    {"workbook.assessor_name", {"氏名", "Name"}},
    {"workbook.assessor_role", {"役割・部署", "Role or department"}},
    {"workbook.assessors", {"評価者", "Assessors"}},
    {"workbook.choose_from_list", {"リストから選んでください。", "Choose from the list."}},
    {"workbook.col_answer", {"回答", "Answer"}},
    {"workbook.col_directive", {"指示", "Directive"}},
    {"workbook.col_evidence", {"根拠(文書・記録)", "Evidence (documents, records)"}},
    {"workbook.col_hint", {"確認のヒント", "Where to find the answer"}},
    {"workbook.col_intent", {"質問の意図", "What the question asks"}},
    {"workbook.col_item", {"項目", "Item"}},
    {"workbook.col_level", {"レベル", "Level"}},
    {"workbook.col_note", {"メモ", "Note"}},
    {"workbook.col_question", {"質問", "Question"}},
    /* the font of every cell */
    {"workbook.font", {"Yu Gothic", "Calibri"}},
    {"workbook.gates", {"前提の質問", "Gate questions"}},
    {"workbook.gates_choose", {"「はい」か「いいえ」を選んでください。", "Choose yes or no."}},
    {"workbook.help_format", {"様式", "Form format"}},
    {"workbook.help_how", {"記入のしかた", "How to fill it in"}},
    {"workbook.help_in_general", {"一般的な状態", "In general"}},
    {"workbook.help_levels", {"レベルの意味", "What the levels mean"}},
    {"workbook.help_na",
     {"該当しない(自組織には当てはまらない)。平均の計算から除きます。",
      "Does not apply to the organization; left out of the averages."}},
    {"workbook.help_questionnaire", {"質問票", "Questionnaire"}},
    {"workbook.level_error", {"1、2、3、4、5、n/a のどれかをリストから選んでください。", "Choose 1, 2, 3, 4, 5 or n/a from the list."}},
    {"workbook.level_error_title", {"レベルではありません", "Not a level"}},
    {"workbook.level_input", {"1〜5 を選んでください。当てはまらない項目は n/a。", "Choose 1 to 5, or n/a if the item does not apply."}},
    {"workbook.no", {"いいえ", "no"}},
    {"workbook.optional", {"任意", "Optional"}},
    {"workbook.org_date", {"評価日", "Date of the assessment"}},
    {"workbook.org_date_help", {"YYYY-MM-DD の形で(例: 2026-11-01)", "As YYYY-MM-DD, e.g. 2026-11-01"}},
    {"workbook.org_industry", {"業種", "Industry"}},
    {"workbook.org_industry_choose", {"リストにある業種を選んでください。", "Choose an industry from the list."}},
    {"workbook.org_industry_id", {"業種の ID(例: finance)", "An industry id, e.g. finance"}},
    {"workbook.org_name", {"組織名", "Name of the organization"}},
    {"workbook.org_scope", {"評価の対象範囲", "Scope of the assessment"}},
    {"workbook.org_scope_help",
     {"単体: この組織だけ / グループ: グループ会社を含む",
      "entity: this organization alone; group: with its group companies"}},
    {"workbook.org_scope_short", {"対象範囲", "Scope"}},
    {"workbook.org_size", {"規模", "Size"}},
    {"workbook.org_title", {"組織と評価の情報", "The organization and the assessment"}},
    {"workbook.scope_entity", {"単体", "entity"}},
    {"workbook.scope_group", {"グループ", "group"}},
    {"workbook.sheet_help", {"記入方法", "Instructions"}},
    {"workbook.sheet_items", {"項目", "Items"}},
    {"workbook.sheet_org", {"組織", "Organization"}},
    {"workbook.size_large", {"大規模", "large"}},
    {"workbook.size_medium", {"中規模", "medium"}},
    {"workbook.size_small", {"小規模", "small"}},
    {"workbook.step1",
     {"「組織」シートに、組織名、業種、評価の対象範囲、規模、評価日、評価に参加した人を記入してください。続けて、前提となる質問に「はい」か「いいえ」で答えてください。",
      "On the Organization sheet, enter the name of the organization, its industry, the scope and size, the date of the assessment and the people who took part. Then answer the gate questions with yes or no."}},
    {"workbook.step2",
     {"「項目」シートで、すべての項目について「レベル」列のリストから 1〜5 のレベルを選んでください。自組織に当てはまらない項目には n/a を選びます。選ぶ前に、右側の列にある質問の意図、確認のヒント、各レベルの説明を読んでください。",
      "On the Items sheet, choose a level from 1 to 5 for every item from the list in the Level column, or n/a if the item does not apply to your organization. Before you choose, read the intent of the question, the hint and the description of each level in the columns to the right."}},
    {"workbook.step3",
     {"「根拠」列には、そのレベルを裏付ける文書や記録を書いてください(例:「情報セキュリティ基本方針 第2版、2026年4月 取締役会承認」)。「メモ」は自由記入です。",
      "Under Evidence, name the documents or records that show the level (for example \"Information security policy v2, approved by the board in April 2026\"). The Note column is for anything else."}},
    {"workbook.step4",
     {"色の付いたセルだけが入力できます。ほかのセルは、表の形を誤って壊さないように保護しています(パスワードはかけていません)。行や列を削除したり、項目の番号を書き換えたりしないでください。",
      "Only the shaded cells can be edited. The other cells are protected, without a password, so that the layout is not changed by accident. Please do not delete rows or columns or change item numbers."}},
    {"workbook.step5",
     {"Excel ブック(.xlsx)のまま保存して返送してください。受け取った側は「csm import ファイル名.xlsx」で回答ファイルに変換し、採点します。",
      "Save the file as an Excel workbook (.xlsx) and send it back. It is read with the command \"csm import FILE.xlsx\", which turns it into an answers file for scoring."}},
    {"workbook.title", {"自己評価シート", "Self-assessment workbook"}},
    {"workbook.yes", {"はい", "yes"}},
};

static int by_key(const void *k, const void *e)
{
	return strcmp((const char *)k, ((const csm__message *)e)->key);
}

const char *csm__msg(const char *key, csm_lang lang)
{
	const csm__message *m;

	assert(key != NULL);
	assert((unsigned)lang < CSM__LANGS);
	m = bsearch(key, TABLE, sizeof TABLE / sizeof TABLE[0], sizeof TABLE[0], by_key);
	/* An unknown key is a programming error: the table test lists every key the
	 * sources use. Release builds show the key rather than nothing. */
	assert(m != NULL);
	if (!m)
		return key;
	return m->text[(unsigned)lang < CSM__LANGS ? lang : CSM_LANG_JA];
}

const csm__message *csm__msg_table(size_t *out_count)
{
	*out_count = sizeof TABLE / sizeof TABLE[0];
	return TABLE;
}

/* The one place a format comes from data: the table's own texts, whose
 * conversions test_messages compares across languages. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
void csm__buf_vmsgf(csm__buf *b, const char *msg, va_list ap)
{
	csm__buf_vprintf(b, msg, ap);
}

int csm__msg_snprintf(char *dst, size_t size, const char *msg, ...)
{
	va_list ap;
	int n;

	va_start(ap, msg);
	n = vsnprintf(dst, size, msg, ap);
	va_end(ap);
	return n;
}
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

void csm__buf_msgf(csm__buf *b, const char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	csm__buf_vmsgf(b, msg, ap);
	va_end(ap);
}
