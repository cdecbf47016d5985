/* The offline HTML form: what the page holds, prefill, escaping, and that
 * nothing outside the page is referred to. The page's script is tested in
 * real browsers by test/form/html_browser.py. */
#include <cjson/cJSON.h>

#include "common.h"

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;
	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* `text` as the page writes it (escaped), found in `html`; quiet on failure. */
static int has_text(const char *html, const char *text)
{
	char buf[4096];
	size_t n = 0;
	for (; *text && n + 8 < sizeof buf; text++) {
		const char *rep = *text == '&' ? "&amp;" : *text == '<' ? "&lt;" : *text == '>' ? "&gt;"
		                : *text == '"' ? "&quot;" : *text == '\'' ? "&#39;" : NULL;
		if (rep) {
			memcpy(buf + n, rep, strlen(rep));
			n += strlen(rep);
		} else {
			buf[n++] = *text;
		}
	}
	buf[n] = '\0';
	return strstr(html, buf) != NULL;
}

static char *form(const csm_questionnaire *q, const csm_answers *pre, csm_lang lang, const csm_industries *ind)
{
	csm_form_options o = CSM_FORM_OPTIONS_INIT;
	char *html = NULL;
	o.lang = lang;
	o.prefill = pre;
	o.industries = ind;
	if (csm_form_html(&html, q, &o) != 0)
		fprintf(stderr, "csm_form_html: %s\n", csm_error_last());
	return html;
}

/* The JSON configuration inside the page, parsed. */
static cJSON *config(const char *html)
{
	const char *start = strstr(html, "<script type=\"application/json\" id=\"csm-config\">"), *end;
	if (!start)
		return NULL;
	start = strchr(start, '>') + 1;
	end = strstr(start, "</script>");
	return end ? cJSON_ParseWithLength(start, (size_t)(end - start)) : NULL;
}

static void test_blank(void)
{
	csm_questionnaire *q = load_v2();
	csm_industries *ind = NULL;
	char *ja, *en, *again;
	cJSON *cfg;
	size_t i;
	char needle[64];

	CHECK_INT(csm_industries_open(&ind, CSM_TEST_SRC), 0);
	ja = form(q, NULL, CSM_LANG_JA, ind);
	en = form(q, NULL, CSM_LANG_EN, ind);
	again = form(q, NULL, CSM_LANG_EN, ind);
	CHECK(ja && en && again);
	if (!ja || !en || !again)
		goto cleanup;
	CHECK_HAS(ja, "<html lang=\"ja\">");
	CHECK_HAS(en, "<html lang=\"en\">");
	CHECK_STR(again, en); /* the same input makes the same page */
	/* Every item: its article, six choices, evidence and note; none chosen. */
	for (i = 0; i < csm_questionnaire_item_count(q); i++) {
		snprintf(needle, sizeof needle, "id=\"item-%s\"", csm_item_id(q, i));
		CHECK_INT(count(en, needle), 1);
		snprintf(needle, sizeof needle, "name=\"level-%s\"", csm_item_id(q, i));
		CHECK_INT(count(en, needle), 6);
		snprintf(needle, sizeof needle, "name=\"evidence-%s\"", csm_item_id(q, i));
		CHECK_INT(count(en, needle), 1);
		CHECK(has_text(en, csm_item_text(q, i, CSM_ITEM_QUESTION, CSM_LANG_EN)));
		CHECK(has_text(ja, csm_item_text(q, i, CSM_ITEM_QUESTION, CSM_LANG_JA)));
		CHECK(has_text(en, csm_item_text(q, i, CSM_ITEM_INTENT, CSM_LANG_EN)));
		CHECK(has_text(ja, csm_item_text(q, i, CSM_ITEM_HINT, CSM_LANG_JA)));
		CHECK(has_text(en, csm_item_level(q, i, 1, CSM_LANG_EN)));
		CHECK(has_text(en, csm_item_level(q, i, 5, CSM_LANG_EN)));
	}
	CHECK_INT(count(en, "\" checked>"), 0);
	/* Gates: yes and no for each. */
	for (i = 0; i < csm_questionnaire_gate_count(q); i++) {
		snprintf(needle, sizeof needle, "name=\"gate-%s\"", csm_gate_id(q, i));
		CHECK_INT(count(en, needle), 2);
	}
	/* Industry choices follow the list: every industry's id, shown by its
	 * label in the page's language; the groups are not choices. */
	CHECK(csm_industries_count(ind) >= 33);
	for (i = 0; i < csm_industries_count(ind); i++) {
		const char *id = csm_industry_id(ind, i);
		snprintf(needle, sizeof needle, "<option value=\"%s\">", id);
		CHECK_INT(count(en, needle), 1);
		CHECK_HAS(ja, csm_industry_label(ind, id, CSM_LANG_JA));
		CHECK_HAS(en, csm_industry_label(ind, id, CSM_LANG_EN));
	}
	CHECK_INT(count(en, "<option value=\"finance\">"), 0);
	CHECK_HAS(ja, "<option value=\"bank\">銀行業</option>");
	/* Self-contained: no fetch is allowed and nothing points outside. */
	CHECK_HAS(en, "default-src 'none'");
	CHECK_INT(count(en, "src="), 0);
	CHECK_INT(count(en, "href=\"http"), 0);
	CHECK_INT(count(en, "<link"), 0);
	CHECK_INT(count(en, "@import"), 0);
	CHECK_INT(count(en, "url("), 0);
	cfg = config(en);
	CHECK(cfg != NULL);
	if (cfg) {
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(cfg, "items")), (int)csm_questionnaire_item_count(q));
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "questionnaire")), "csmg-v2");
		CHECK_INT(cJSON_GetObjectItem(cfg, "max_text")->valueint, CSM_MAX_TEXT_BYTES);
		CHECK(strlen(cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "form_id"))) == 16);
		cJSON_Delete(cfg);
	}
cleanup:
	csm_free(ja);
	csm_free(en);
	csm_free(again);
	csm_industries_free(ind);
	csm_questionnaire_free(q);
}

static void test_prefill_and_escaping(void)
{
	static const char doc[] =
	    "{\"format\": \"csm-answers/1\", \"questionnaire\": \"csmg-v2\","
	    " \"organization\": {\"name\": \"A&B <script>x</script> \\\"Q\\\" 'S'\", \"industry\": \"finance\","
	    "  \"scope\": \"group\", \"size\": \"medium\", \"parent\": \"P </script><b>\"},"
	    " \"assessed_on\": \"2026-11-01\", \"assessors\": [{\"name\": \"Sato\", \"role\": \"CISO <i>\"}],"
	    " \"gates\": {\"ciso\": \"yes\", \"csirt\": \"no\"},"
	    " \"answers\": {\"1-1\": {\"level\": 4, \"evidence\": \"</textarea><script>bad()</script>\"},"
	    "  \"1-2\": \"n/a\", \"1-3\": 2}}";
	csm_questionnaire *q = load_v2();
	csm_answers *a = NULL;
	char *html = NULL, *blank = NULL, *tail;
	cJSON *cfg = NULL;

	CHECK_INT(csm_answers_parse(&a, doc, strlen(doc), "pre.json"), 0);
	html = form(q, a, CSM_LANG_EN, NULL);
	blank = form(q, NULL, CSM_LANG_EN, NULL);
	CHECK(html && blank);
	if (!html || !blank)
		goto cleanup;
	/* Chosen: 1-1 level 4, 1-2 n/a, 1-3 level 2, the two gates, the scope and the size. */
	CHECK_HAS(html, "name=\"level-1-1\" value=\"4\" checked");
	CHECK_HAS(html, "name=\"level-1-2\" value=\"n/a\" checked");
	CHECK_HAS(html, "name=\"level-1-3\" value=\"2\" checked");
	CHECK_HAS(html, "name=\"gate-ciso\" value=\"yes\" checked");
	CHECK_HAS(html, "name=\"gate-csirt\" value=\"no\" checked");
	CHECK_INT(count(html, "\" checked>"), 5);
	CHECK_HAS(html, "<option value=\"group\" selected>");
	CHECK_HAS(html, "<option value=\"medium\" selected>");
	CHECK_HAS(html, "value=\"2026-11-01\"");
	/* Without an industry list the industry is a text field holding the id. */
	CHECK_HAS(html, "name=\"org-industry\" maxlength=\"512\" value=\"finance\"");
	/* Every text is escaped: only the page's own two scripts exist. */
	CHECK_INT(count(html, "<script"), 2);
	CHECK_HAS(html, "A&amp;B &lt;script&gt;x&lt;/script&gt; &quot;Q&quot; &#39;S&#39;");
	CHECK_HAS(html, "&lt;/textarea&gt;&lt;script&gt;bad()&lt;/script&gt;</textarea>");
	CHECK_HAS(html, "CISO &lt;i&gt;");
	/* The configuration keeps the fields the form does not show, with no '<' in it. */
	tail = strstr(html, "id=\"csm-config\">");
	CHECK(tail != NULL);
	cfg = config(html);
	CHECK(cfg != NULL);
	if (cfg) {
		const cJSON *extra = cJSON_GetObjectItem(cfg, "org_extra");
		const char *cfgtext = strstr(tail, ">") + 1, *end = strstr(cfgtext, "</script>");
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(extra, "parent")), "P </script><b>");
		CHECK(cJSON_GetObjectItem(extra, "name") == NULL);
		CHECK(end && memchr(cfgtext, '<', (size_t)(end - cfgtext)) == NULL);
		/* A prefilled form keeps its answers in a storage slot of its own. */
		{
			cJSON *bc = config(blank);
			CHECK(bc && strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(bc, "form_id")),
			                   cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "form_id"))) != 0);
			cJSON_Delete(bc);
		}
	}
cleanup:
	cJSON_Delete(cfg);
	csm_free(html);
	csm_free(blank);
	csm_answers_free(a);
	csm_questionnaire_free(q);
}

/* Every shipped questionnaire makes a page in both languages. */
static void test_every_questionnaire(void)
{
	static const char *const ids[] = {"csmg-v2", "csmg-v3", "sme-light"};
	size_t k, i;
	for (k = 0; k < sizeof ids / sizeof ids[0]; k++) {
		csm_questionnaire *q = NULL;
		char *html;
		CHECK_INT(csm_questionnaire_open(&q, CSM_TEST_SRC, ids[k]), 0);
		if (!q)
			continue;
		for (i = 0; i < 2; i++) {
			html = form(q, NULL, i ? CSM_LANG_EN : CSM_LANG_JA, NULL);
			CHECK(html != NULL);
			if (html) {
				CHECK_INT(count(html, "<article class=\"item\""), (int)csm_questionnaire_item_count(q));
				CHECK(has_text(html, csm_questionnaire_title(q, i ? CSM_LANG_EN : CSM_LANG_JA)));
			}
			csm_free(html);
		}
		csm_questionnaire_free(q);
	}
}

/* A questionnaire with its own scale: its choices instead of levels and n/a,
 * the group word, each item's how, prefilled choices, in both languages. */
static void test_scale(void)
{
	static const char *const pre_choices[8] = {"done", "partly", NULL, "unknown", "done", "not_done", "done", "done"};
	csm_questionnaire *q = load_scale(), *v2 = load_v2();
	csm_answers *pre = NULL;
	char *ja = NULL, *en = NULL, *v2html = NULL;
	cJSON *cfg = NULL, *choices;
	CHECK(q && v2);
	if (!q || !v2)
		goto cleanup;
	pre = choices_from(q, pre_choices);
	ja = form(q, pre, CSM_LANG_JA, NULL);
	en = form(q, NULL, CSM_LANG_EN, NULL);
	v2html = form(v2, NULL, CSM_LANG_EN, NULL);
	CHECK(ja && en && v2html);
	if (!ja || !en || !v2html)
		goto cleanup;
	/* every item: four choices, no level and no n/a */
	CHECK_INT(count(en, "type=\"radio\" name=\"level-"), 8 * 4);
	CHECK_INT(count(en, "value=\"n/a\""), 0);
	CHECK_INT(count(en, "value=\"done\""), 8);
	CHECK_INT(count(en, "value=\"unknown\""), 8);
	CHECK_HAS(en, "<label><input type=\"radio\" name=\"level-c1\" value=\"partly\"><span class=\"n\">2</span><span>Partly done</span></label>");
	CHECK_HAS(ja, "<span>一部実施している</span>");
	CHECK(has_text(en, "Don't know"));
	CHECK_HAS(en, "<h2 class=\"directive\" id=\"directive-1\">Part 1: The basic measures");
	CHECK_HAS(ja, "<h2 class=\"directive\" id=\"directive-3\">パート 3: 組織の対策");
	CHECK_HAS(en, "<span class=\"label\">How to do it:</span> An example of the steps.");
	CHECK_HAS(ja, "<span class=\"label\">やり方:</span> 手順の例です。");
	CHECK(strstr(en, "id=\"levels\"") == NULL); /* no card of levels */
	CHECK(strstr(en, "<span class=\"help\">A document, a date") == NULL); /* evidence for levels 4 and 5 */
	CHECK_HAS(v2html, "<span class=\"help\">A document, a date");
	CHECK(has_text(en, "where you are not sure, choose \"Don't know\""));
	/* prefilled */
	CHECK_HAS(ja, "name=\"level-c1\" value=\"done\" checked>");
	CHECK_HAS(ja, "name=\"level-c4\" value=\"unknown\" checked>");
	CHECK_INT(count(ja, " checked>"), 7);
	/* the script keeps the ids */
	cfg = config(en);
	choices = cJSON_GetObjectItemCaseSensitive(cfg, "choices");
	CHECK(cJSON_IsArray(choices) && cJSON_GetArraySize(choices) == 4);
	CHECK_STR(cJSON_GetArrayItem(choices, 2) ? cJSON_GetArrayItem(choices, 2)->valuestring : "", "not_done");
	cJSON_Delete(cfg);
	cfg = config(v2html); /* a form of levels has none */
	CHECK(cfg != NULL && cJSON_GetObjectItemCaseSensitive(cfg, "choices") == NULL);
	CHECK_HAS(v2html, "id=\"levels\"");
cleanup:
	cJSON_Delete(cfg);
	csm_free(ja);
	csm_free(en);
	csm_free(v2html);
	csm_answers_free(pre);
	csm_questionnaire_free(q);
	csm_questionnaire_free(v2);
}

int main(void)
{
	RUN_TEST(test_blank);
	RUN_TEST(test_prefill_and_escaping);
	RUN_TEST(test_every_questionnaire);
	RUN_TEST(test_scale);
	return test_finish();
}
