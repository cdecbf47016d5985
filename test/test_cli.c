/* The csm program end to end: run the built binary on the shipped examples
 * and on every case of test/bad/, and check exit codes, output and files. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <cjson/cJSON.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

static const char *csm_bin;
static char tmpdir[256];

typedef struct run_result {
	int status;
	char *out, *err;
} run_result;

/* Run `csm ARGS` from the source directory; stdout and stderr captured. */
static run_result run(const char *args)
{
	char cmd[8192], out_path[300], err_path[300];
	run_result r;
	int st;
	snprintf(out_path, sizeof out_path, "%s/out", tmpdir);
	snprintf(err_path, sizeof err_path, "%s/err", tmpdir);
	snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s >'%s' 2>'%s' </dev/null", CSM_TEST_SRC, csm_bin, args, out_path,
	         err_path);
	st = system(cmd);
	r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	r.out = test_read(out_path, NULL);
	r.err = test_read(err_path, NULL);
	return r;
}

static void done(run_result *r)
{
	free(r->out);
	free(r->err);
}

/* The JSON file at `rel` in the source tree parsed, to be edited and
 * written with write_doc(). */
static cJSON *source_doc(const char *rel)
{
	char path[300], *src;
	cJSON *doc;
	snprintf(path, sizeof path, "%s/%s", CSM_TEST_SRC, rel);
	src = test_read(path, NULL);
	doc = src ? cJSON_Parse(src) : NULL;
	CHECK(doc != NULL);
	free(src);
	return doc;
}

/* examples/NAME.json parsed, to be edited and written with write_doc(). */
static cJSON *example_doc(const char *name)
{
	char rel[200];
	snprintf(rel, sizeof rel, "examples/%s.json", name);
	return source_doc(rel);
}

/* Write `doc` to `path` as JSON, and free it. */
static void write_doc(const char *path, cJSON *doc)
{
	char *text = doc ? cJSON_Print(doc) : NULL;
	FILE *f = fopen(path, "w");
	CHECK(f && text);
	if (f && text)
		fputs(text, f);
	if (f)
		fclose(f);
	free(text);
	cJSON_Delete(doc);
}

static void test_version_and_help(void)
{
	run_result r = run("--version");
	char want[64];
	snprintf(want, sizeof want, "csm %s\n", csm_version());
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, want);
	done(&r);
	r = run("help score");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "--allow-partial");
	done(&r);
	r = run("frobnicate");
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "unknown command 'frobnicate'");
	done(&r);
	r = run("score --bogus examples/aozora-bank.json");
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "unknown option '--bogus'");
	done(&r);
	r = run("score");
	CHECK_INT(r.status, 1);
	done(&r);
	r = run("score --lang fr examples/aozora-bank.json");
	CHECK_INT(r.status, 1);
	done(&r);
	r = run("score --jobs many examples/aozora-bank.json");
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "--jobs: 'many' is not a whole number");
	done(&r);
}

static void test_score_examples_json(void)
{
	static const struct {
		const char *file, *grade, *industry, *group;
	} ex[] = {{"examples/aozora-bank.json", "A", "bank", "industry:finance"},
	          {"examples/kitamachi-machinery.json", "B", "general_machinery", "industry:machinery"},
	          {"examples/minato-services.json", "C", "service_industry", "industry:services"}};
	run_result r = run("score --json examples/aozora-bank.json examples/kitamachi-machinery.json "
	                   "examples/minato-services.json");
	char *line, *save = NULL;
	int n = 0;
	CHECK_INT(r.status, 0);
	CHECK_STR(r.err, "");
	for (line = r.out ? strtok_r(r.out, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save), n++) {
		cJSON *doc = cJSON_Parse(line), *cmp;
		CHECK(doc != NULL && n < 3);
		if (!doc || n >= 3) {
			cJSON_Delete(doc);
			continue;
		}
		CHECK_STR(cJSON_GetObjectItem(doc, "file")->valuestring, ex[n].file);
		CHECK_STR(cJSON_GetObjectItem(doc, "grade")->valuestring, ex[n].grade);
		CHECK_STR(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "organization"), "industry")->valuestring,
		          ex[n].industry);
		cmp = cJSON_GetObjectItem(doc, "comparison");
		CHECK_STR(cJSON_GetObjectItem(cmp, "target")->valuestring, n == 2 ? "grade:B" : "grade:A");
		/* no group of its own in the 2020 benchmark: compared with its parent group */
		CHECK_STR(cJSON_GetObjectItem(cJSON_GetObjectItem(cmp, "industry"), "group")->valuestring, ex[n].group);
		CHECK(cJSON_GetObjectItem(cJSON_GetObjectItem(cmp, "means"), ex[n].group) != NULL);
		CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(cmp, "hints")) >= 1);
		if (n == 1) { /* Kitamachi: supply chain is 2+ behind grade A */
			cJSON *b2 = cJSON_GetObjectItem(cmp, "behind_2");
			CHECK_INT(cJSON_GetArraySize(b2), 1);
			CHECK_INT(cJSON_GetArrayItem(b2, 0)->valueint, 9);
			CHECK_INT(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(cmp, "hints"), 0), "directive")->valueint, 9);
		}
		if (n == 0) { /* Aozora: the trial has 3 finance companies, fewer than the benchmark's min_group 5 */
			CHECK(cJSON_GetObjectItem(cmp, "percentile") &&
			      !cJSON_GetObjectItem(cJSON_GetObjectItem(cmp, "percentile"), "industry:finance"));
		}
		if (n == 1) { /* Kitamachi: 8 of the 11 machinery companies lie below its 3.1 */
			cJSON *pct = cJSON_GetObjectItem(cJSON_GetObjectItem(cmp, "percentile"), "industry:machinery");
			CHECK(pct && fabs(pct->valuedouble - 100.0 * 8 / 11) < 1e-9);
		}
		if (n == 0) { /* Aozora: directives at 5.0 listed */
			CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(cmp, "level5")) >= 1);
			CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(cmp, "lowest")) >= 1);
		}
		cJSON_Delete(doc);
	}
	CHECK_INT(n, 3);
	done(&r);
}

/* Many files on several threads: output in input order, a bad file in the
 * middle fails the whole run and nothing is written. */
static void test_many_files_in_order(void)
{
	static const char *const names[3] = {"examples/aozora-bank.json", "examples/kitamachi-machinery.json",
	                                     "examples/minato-services.json"};
	char args[8192], *line, *save = NULL;
	size_t len = 0;
	int i, n = 0;
	run_result r;
	len += (size_t)snprintf(args + len, sizeof args - len, "score --json --jobs 2");
	for (i = 0; i < 60; i++)
		len += (size_t)snprintf(args + len, sizeof args - len, " %s", names[(i * 7) % 3]);
	r = run(args);
	CHECK_INT(r.status, 0);
	for (line = r.out ? strtok_r(r.out, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save), n++) {
		cJSON *doc = cJSON_Parse(line);
		const cJSON *file = cJSON_GetObjectItem(doc, "file");
		CHECK(n < 60 && cJSON_IsString(file) && strcmp(file->valuestring, names[(n * 7) % 3]) == 0);
		cJSON_Delete(doc);
	}
	CHECK_INT(n, 60);
	done(&r);
	snprintf(args + len, sizeof args - len, " test/bad/level-zero.json examples/aozora-bank.json");
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_STR(r.out, "");
	CHECK_HAS(r.err, "test/bad/level-zero.json: item 2-3: level 0 is out of range");
	CHECK_HAS(r.err, "1 of 62 files failed; nothing was written");
	done(&r);
}

static void test_csv_equals_json(void)
{
	run_result a = run("score --json examples/minato-services.json");
	run_result b = run("score --json --industry service_industry --org 'Minato Facility Services Ltd.' "
	                   "examples/minato-services.csv");
	cJSON *ja = a.out ? cJSON_Parse(a.out) : NULL, *jb = b.out ? cJSON_Parse(b.out) : NULL;
	CHECK_INT(a.status, 0);
	CHECK_INT(b.status, 0);
	CHECK(ja && jb);
	if (ja && jb) {
		CHECK_NEAR(cJSON_GetObjectItem(ja, "overall")->valuedouble, cJSON_GetObjectItem(jb, "overall")->valuedouble, 0);
		CHECK(cJSON_Compare(cJSON_GetObjectItem(ja, "directives"), cJSON_GetObjectItem(jb, "directives"), 1));
		CHECK(cJSON_Compare(cJSON_GetObjectItem(ja, "comparison"), cJSON_GetObjectItem(jb, "comparison"), 1));
	}
	cJSON_Delete(ja);
	cJSON_Delete(jb);
	done(&a);
	done(&b);
}

static void test_text_and_languages(void)
{
	run_result r = run("score --lang en examples/kitamachi-machinery.json");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Grade B");
	CHECK_HAS(r.out, "Directives 2 or more behind the target: 9 Supply chain");
	CHECK_HAS(r.out, "Improvement plan");
	done(&r);
	r = run("score examples/kitamachi-machinery.json");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "成熟度 B");
	CHECK_HAS(r.out, "| 機械 |"); /* the industry's label, not its id */
	CHECK_HAS(r.out, "業種 = 機械 (比較: 機械器具製造 2020年試行) [industry:machinery]");
	done(&r);
}

/* An answers file of an older industry list: it still scores, compared with
 * the new industry's parent group, and the library's notice is printed on
 * stderr in the user's language. A group id is valid, with a notice too. */
static void test_old_industry_ids(void)
{
	char path[400], args[600];
	cJSON *doc = example_doc("aozora-bank"), *org = cJSON_GetObjectItem(doc, "organization");
	run_result r;
	cJSON_ReplaceItemInObject(org, "industry", cJSON_CreateString("banking"));
	snprintf(path, sizeof path, "%s/banking.json", tmpdir);
	write_doc(path, doc);
	snprintf(args, sizeof args, "score --lang en --json '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.err, "banking.json: organization.industry: industry 'banking' is now 'bank' (Banks); use 'bank' from now on");
	CHECK_HAS(r.out, "\"organization\":{\"name\":\"Aozora Trust Bank\",\"industry\":\"bank\"");
	CHECK_HAS(r.out, "\"industry\":{\"id\":\"bank\",\"parent\":\"finance\",\"group\":\"industry:finance\",\"by\":\"parent\","
	                 "\"label\":{\"ja\":\"金融\",\"en\":\"Finance\"}}");
	done(&r);
	snprintf(args, sizeof args, "score '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.err, "業種 'banking' は 'bank'(銀行業)になりました");
	CHECK_HAS(r.out, "業種 = 銀行業 (比較: 金融 2020年試行) [industry:finance]");
	done(&r);
	/* an old id spanning several sectors is now its group */
	r = run("score --lang en --industry energy --org X examples/minato-services.csv");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.err, "industry 'energy' spans several industries and is now the 2020 trial group 'infrastructure'");
	CHECK_HAS(r.out, "Ind = Social infrastructure (compared with: Social infrastructure, 2020 trial group) [industry:infrastructure]");
	done(&r);
	/* a group id: valid, with a notice naming its industries */
	r = run("score --lang en --industry finance --org X examples/minato-services.csv");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.err, "'finance' is a 2020 trial group of industries (Finance); for a closer comparison name one of: bank, "
	                 "securities, insurance, other_financing");
	done(&r);
	/* an unknown id is still refused */
	r = run("score --industry nosuch --org X examples/minato-services.csv");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "\"nosuch\" is not a known industry id");
	done(&r);
}

static void test_validate_template_questions(void)
{
	char args[600], path[400];
	run_result r = run("validate examples/aozora-bank.json examples/minato-services.csv");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "2 of 2 files valid");
	done(&r);
	snprintf(path, sizeof path, "%s/blank.json", tmpdir);
	snprintf(args, sizeof args, "template -o '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "validate --allow-partial '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 2); /* the organization name is still blank */
	CHECK_HAS(r.err, "organization.name: missing or empty");
	done(&r);
	r = run("template --format csv --lang en");
	CHECK_INT(r.status, 0);
	CHECK(r.out && strncmp(r.out, "\xEF\xBB\xBFitem,level,evidence,note", 27) == 0);
	CHECK_HAS(r.out, "\r\n10-2,,,,10,");
	done(&r);
	r = run("template --questionnaire nope");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "questionnaire \"nope\" does not exist");
	done(&r);
	r = run("questions --lang en");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Directive 9:");
	done(&r);
}

/* The offline forms from the command line: formats, --prefill, refusals. */
static void test_forms(void)
{
	char args[900], path[400], bad[400], *text;
	cJSON *doc;
	run_result r;

	snprintf(path, sizeof path, "%s/form.html", tmpdir);
	snprintf(args, sizeof args, "template --format html --lang en -o '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	text = test_read(path, NULL);
	CHECK_HAS(text, "<!DOCTYPE html>");
	CHECK_HAS(text, "id=\"item-10-2\"");
	free(text);
	r = run("template --format html --prefill examples/aozora-bank.json");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Aozora");
	CHECK_HAS(r.out, "\" checked>");
	done(&r);
	r = run("template --format json --prefill examples/aozora-bank.json");
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "--prefill goes with --format html or xlsx");
	done(&r);
	r = run("template --format xlsx");
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "give -o FILE.xlsx");
	done(&r);
	r = run("template --format pdf");
	CHECK_INT(r.status, 1);
	done(&r);
	/* A prefill that is not valid: exit 2, the message names file and item, the old output stays. */
	doc = example_doc("aozora-bank");
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "answers"), "1-1", cJSON_CreateNumber(7));
	snprintf(bad, sizeof bad, "%s/bad-prefill.json", tmpdir);
	write_doc(bad, doc);
	snprintf(args, sizeof args, "template --format html --prefill '%s' -o '%s'", bad, path);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "bad-prefill.json: ");
	CHECK_HAS(r.err, "1-1");
	done(&r);
	text = test_read(path, NULL);
	CHECK_HAS(text, "id=\"item-10-2\""); /* still the blank form written above */
	CHECK(text && !strstr(text, "Aozora"));
	free(text);
	/* The workbook: prefilled, imported back, scored as the example; a file that is not one is refused. */
	snprintf(path, sizeof path, "%s/form.xlsx", tmpdir);
	snprintf(args, sizeof args, "template --format xlsx --lang en --prefill examples/minato-services.json -o '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(bad, sizeof bad, "%s/imported.json", tmpdir);
	snprintf(args, sizeof args, "import '%s' -o '%s'", path, bad);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK(r.err && r.err[0] == '\0');
	done(&r);
	{
		run_result a, b;
		snprintf(args, sizeof args, "score --json '%s'", bad);
		a = run(args);
		b = run("score --json examples/minato-services.json");
		CHECK_INT(a.status, 0);
		CHECK(a.out && b.out && strstr(a.out, "\"directives\"") &&
		      strcmp(strstr(a.out, "\"directives\""), strstr(b.out, "\"directives\"")) == 0);
		done(&a);
		done(&b);
	}
	snprintf(args, sizeof args, "import examples/aozora-bank.json -o '%s'", bad);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "examples/aozora-bank.json: ");
	done(&r);
	snprintf(args, sizeof args, "import '%s' -o '%s'", tmpdir, bad);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "is a directory, not a file");
	done(&r);
	text = test_read(bad, NULL);
	CHECK_HAS(text, "\"Minato"); /* the earlier import, untouched */
	free(text);
	r = run("template --format html --prefill examples/aozora-bank.json --questionnaire csmg-v3");
	CHECK_INT(r.status, 2);
	done(&r);
	doc = example_doc("aozora-bank");
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "organization"), "industry", cJSON_CreateString("piracy"));
	write_doc(bad, doc);
	snprintf(args, sizeof args, "template --format html --prefill '%s'", bad);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "organization.industry");
	done(&r);
}

static void test_outputs_are_atomic(void)
{
	char args[800], path[400], *content;
	FILE *f;
	run_result r;
	snprintf(path, sizeof path, "%s/keep.json", tmpdir);
	f = fopen(path, "w");
	fputs("previous result\n", f);
	fclose(f);
	/* A failing run leaves the old output as it was. */
	snprintf(args, sizeof args, "score --json examples/aozora-bank.json test/bad/level-zero.json -o '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "1 of 2 files failed; nothing was written");
	CHECK_STR(r.out, "");
	content = test_read(path, NULL);
	CHECK_STR(content, "previous result\n");
	free(content);
	done(&r);
	/* A good run replaces it. */
	snprintf(args, sizeof args, "score --json examples/aozora-bank.json -o '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	content = test_read(path, NULL);
	CHECK_HAS(content, "\"format\":\"csm-score/1\"");
	free(content);
	done(&r);
	/* An output directory that does not exist: I/O failure, exit 3, nothing left. */
	snprintf(args, sizeof args, "score --json examples/aozora-bank.json -o '%s/no/such/dir/out.json'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 3);
	CHECK_HAS(r.err, "cannot write");
	done(&r);
	/* No temporary file is left behind in the output directory. */
	snprintf(args, sizeof args, "ls -a '%s' | grep -c tmp > '%s/count'", tmpdir, tmpdir);
	CHECK_INT(system(args) >= 0, 1);
	snprintf(path, sizeof path, "%s/count", tmpdir);
	content = test_read(path, NULL);
	CHECK_STR(content, "0\n");
	free(content);
}

static void test_radar(void)
{
	char args[600], path[400], *img;
	size_t len = 0;
	run_result r;
	snprintf(path, sizeof path, "%s/radar.png", tmpdir);
	snprintf(args, sizeof args, "radar examples/aozora-bank.json --lang en -o '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	img = test_read(path, &len);
	CHECK(img && len > 1000 && memcmp(img, "\x89PNG", 4) == 0);
	free(img);
	done(&r);
	r = run("radar examples/aozora-bank.json -o out.gif");
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "OUT.png, OUT.svg or OUT.pdf");
	done(&r);
	snprintf(args, sizeof args, "radar examples/aozora-bank.json -o '%s/missing/radar.svg'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 3);
	done(&r);
	r = run("radar test/bad/level-zero.json -o /tmp/never-written.png");
	CHECK_INT(r.status, 2);
	CHECK(access("/tmp/never-written.png", F_OK) != 0);
	done(&r);
}

static void test_karte_cli(void)
{
	char args[900], path[400], *pdf;
	size_t len = 0;
	run_result r;
	/* Several files: one PDF each in --outdir. */
	snprintf(args, sizeof args, "karte examples/aozora-bank.json examples/minato-services.json --lang en --outdir '%s'",
	         tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(path, sizeof path, "%s/aozora-bank.pdf", tmpdir);
	pdf = test_read(path, &len);
	CHECK(pdf && len > 1000 && memcmp(pdf, "%PDF-", 5) == 0);
	free(pdf);
	snprintf(path, sizeof path, "%s/minato-services.pdf", tmpdir);
	pdf = test_read(path, &len);
	CHECK(pdf && memcmp(pdf, "%PDF-", 5) == 0);
	free(pdf);
	/* A missing font: a clear error, exit 2, no file. */
	snprintf(path, sizeof path, "%s/nofont.pdf", tmpdir);
	snprintf(args, sizeof args, "karte examples/aozora-bank.json --font /nonexistent/x.ttf -o '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "/nonexistent/x.ttf: cannot open font");
	CHECK(access(path, F_OK) != 0);
	done(&r);
	/* A font without Japanese glyphs (DejaVu Sans, from fonts-dejavu-core):
	 * a Japanese karte would print blanks, so it is refused, naming the first
	 * character it lacks; an English karte of a Latin-named company is fine. */
	{
		static const char dejavu[] = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
		CHECK(access(dejavu, R_OK) == 0);
		snprintf(args, sizeof args, "karte examples/kitamachi-machinery.json --font %s -o '%s'", dejavu, path);
		r = run(args);
		CHECK_INT(r.status, 2);
		CHECK_HAS(r.err, "DejaVuSans.ttf: the font has no glyph for \"");
		CHECK_HAS(r.err, "(U+");
		CHECK(access(path, F_OK) != 0);
		done(&r);
		snprintf(args, sizeof args, "karte examples/kitamachi-machinery.json --lang en --font %s -o '%s'", dejavu, path);
		r = run(args);
		CHECK_INT(r.status, 0);
		CHECK(access(path, F_OK) == 0);
		done(&r);
	}
	/* An output directory that does not exist: exit 3, nothing written. */
	snprintf(args, sizeof args, "karte examples/aozora-bank.json -o '%s/no/dir/k.pdf'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 3);
	CHECK_HAS(r.err, "cannot write");
	done(&r);
	/* One bad file among several: no PDF at all. */
	snprintf(args, sizeof args, "karte examples/kitamachi-machinery.json test/bad/level-zero.json --outdir '%s'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "1 of 2 files failed; nothing was written");
	snprintf(path, sizeof path, "%s/kitamachi-machinery.pdf", tmpdir);
	CHECK(access(path, F_OK) != 0);
	done(&r);
	r = run("karte examples/aozora-bank.json examples/minato-services.json -o x.pdf");
	CHECK_INT(r.status, 1);
	done(&r);
}

static void test_content_commands(void)
{
	char args[900], path[400], *conv;
	run_result r = run("tips 9-2 --lang en");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Tip 9-2:");
	CHECK_HAS(r.out, "Actions\n  1. ");
	CHECK_HAS(r.out, "First step (this month)");
	CHECK_HAS(r.out, "Effort: ");
	CHECK_HAS(r.out, "\nFacts checked: 20"); /* the month, from tips/csmg.json */
	done(&r);
	r = run("tips no-such-tip");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "tip \"no-such-tip\" does not exist");
	done(&r);
	r = run("questions --questionnaire csmg-v3 --lang en --format md");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "# Cyber Security Management Guidelines Ver3.0 checklist");
	CHECK_HAS(r.out, "### 3-5  ");
	CHECK_HAS(r.out, "| 5 | ");
	CHECK_HAS(r.out, "NIST CSF: ");
	CHECK_HAS(r.out, "## Questions to answer first");
	done(&r);
	r = run("questions --questionnaire sme-light --lang ja --format md");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "### s12  ");
	done(&r);
	r = run("industries --lang en");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "machinery");
	CHECK_HAS(r.out, "healthcare");
	done(&r);
	/* v2 -> v3: levels carry over, 3-5 is new and unanswered. */
	snprintf(path, sizeof path, "%s/v3.json", tmpdir);
	snprintf(args, sizeof args, "convert examples/kitamachi-machinery.json --to csmg-v3 -o '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	conv = test_read(path, NULL);
	CHECK_HAS(conv, "\"questionnaire\":\t\"csmg-v3\"");
	CHECK_HAS(conv, "\"new_items\":\t[\"3-5\"]");
	CHECK_HAS(conv, "new in csmg-v3: not answered yet");
	free(conv);
	snprintf(args, sizeof args, "score --json '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 2); /* 3-5 is unanswered */
	CHECK_HAS(r.err, "item 3-5: not answered yet");
	done(&r);
	snprintf(args, sizeof args, "score --json --allow-partial '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "\"questionnaire\":\"csmg-v3\"");
	CHECK_HAS(r.out, "\"grade\":\"B\"");
	done(&r);
	r = run("convert examples/kitamachi-machinery.json --to sme-light");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "no mapping from csmg-v2 to sme-light");
	/* the reason is kept whole: the message once overwrote itself */
	CHECK_HAS(r.err, "questions/maps/csmg-v2-sme-light.json: cannot open: No such file or directory)");
	CHECK(r.err && !strstr(strstr(r.err, "no mapping") + 1, "no mapping"));
	done(&r);
	/* An unknown industry is refused; a gate contradicted is a warning only. */
	r = run("score --industry fishing_fleet --org X examples/minato-services.csv");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "organization.industry: \"fishing_fleet\" is not a known industry id");
	done(&r);
}

static void test_gate_warnings(void)
{
	char path[400], args[600];
	FILE *f;
	char *src = test_read(SRC("examples/kitamachi-machinery.json"), NULL), *at;
	run_result r;
	CHECK(src != NULL);
	if (!src)
		return;
	/* say "no CSIRT" while answering 7-2 at level 3 */
	at = strstr(src, "\"answers\"");
	snprintf(path, sizeof path, "%s/gates.json", tmpdir);
	f = fopen(path, "w");
	if (f && at) {
		fwrite(src, 1, (size_t)(at - src), f);
		fputs("\"gates\": {\"csirt\": \"no\", \"ciso\": \"yes\"},\n  ", f);
		fputs(at, f);
	}
	if (f)
		fclose(f);
	free(src);
	snprintf(args, sizeof args, "validate '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.err, "item 7-2: level 3, but gate csirt is \"no\" (at most 2 expected)");
	done(&r);
	snprintf(args, sizeof args, "score --json '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "\"warnings\":[\"");
	done(&r);
	r = run("score --json examples/kitamachi-machinery.json");
	CHECK_HAS(r.out, "\"warnings\":[]");
	done(&r);
}

/* The three examples as JSON Lines, plus one broken line. */
static void write_jsonl(const char *path, int broken)
{
	static const char *const ex[3] = {SRC("examples/aozora-bank.json"), SRC("examples/kitamachi-machinery.json"),
	                                  SRC("examples/minato-services.json")};
	FILE *f = fopen(path, "w");
	int i;
	for (i = 0; f && i < 3; i++) {
		char *text = test_read(ex[i], NULL);
		cJSON *doc = text ? cJSON_Parse(text) : NULL;
		char *line = doc ? cJSON_PrintUnformatted(doc) : NULL;
		if (line)
			fprintf(f, "%s\n", line);
		free(line);
		cJSON_Delete(doc);
		free(text);
		if (i == 1 && broken)
			fputs("{\"format\": \"csm-answers/1\", \"answers\": \n", f);
	}
	if (f)
		fclose(f);
}

static void test_aggregate_and_db(void)
{
	char jsonl[300], agg[300], exp[300], db[300], key[300], args[1600], *a = NULL, *b = NULL;
	run_result r;
	FILE *f;
	snprintf(jsonl, sizeof jsonl, "%s/members.jsonl", tmpdir);
	snprintf(agg, sizeof agg, "%s/agg.json", tmpdir);
	snprintf(exp, sizeof exp, "%s/exp.json", tmpdir);
	snprintf(db, sizeof db, "%s/isac.sqlite", tmpdir);
	snprintf(key, sizeof key, "%s/key", tmpdir);
	write_jsonl(jsonl, 1);
	/* the stream: the broken line is reported with its line number and skipped */
	snprintf(args, sizeof args, "bench aggregate '%s' --min-group 1 --name members -o '%s'", jsonl, agg);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.err, "members.jsonl:3: ");
	CHECK_HAS(r.err, "1 invalid lines skipped");
	done(&r);
	a = test_read(agg, NULL);
	CHECK_HAS(a, "{\"key\":\"all\",\"n\":3,");
	/* --strict: the run stops, nothing is written */
	snprintf(args, sizeof args, "bench aggregate '%s' --strict -o '%s/strict.json'", jsonl, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "nothing was written");
	done(&r);
	snprintf(args, sizeof args, "%s/strict.json", tmpdir);
	CHECK(access(args, F_OK) != 0);
	/* k = 5 (default): three organizations publish nothing */
	snprintf(args, sizeof args, "bench aggregate '%s' -o -", jsonl);
	r = run(args);
	CHECK_HAS(r.out, "\"groups\":[]");
	CHECK_HAS(r.out, "{\"key\":\"all\",\"reason\":\"fewer than 5 organizations\"}");
	done(&r);

	/* the database: ingest the same lines, export = the stream's aggregate */
	snprintf(args, sizeof args, "db init --db '%s'", db);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "db ingest --db '%s' '%s' --strict", db, jsonl);
	r = run(args);
	CHECK_INT(r.status, 2); /* --strict: the broken line ends the run, nothing stored */
	CHECK_HAS(r.err, "nothing was stored");
	done(&r);
	snprintf(args, sizeof args, "db list --db '%s'", db);
	r = run(args);
	CHECK(r.out && !strstr(r.out, "Aozora"));
	done(&r);
	snprintf(args, sizeof args, "db ingest --db '%s' '%s'", db, jsonl);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.err, "3 assessments stored, 1 invalid skipped");
	done(&r);
	snprintf(args, sizeof args, "db ingest --db '%s' examples/aozora-bank.json", db); /* again: replaces */
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "db export --db '%s' --min-group 1 --name members -o '%s'", db, exp);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	b = test_read(exp, NULL);
	CHECK(a && b && strcmp(a, b) == 0);
	/* each industry, and its parent group in a family of its own */
	CHECK_HAS(a, "\"key\":\"industry:bank\",\"n\":1,");
	CHECK_HAS(a, "\"key\":\"industry:finance\",\"n\":1,");
	CHECK_HAS(a, "\"key\":\"industry:machinery\",\"n\":1,");
	free(a);
	free(b);
	/* a CSV names no organization or date: refused without them, stored with
	 * --org, --industry and --date as score takes them; never with JSON Lines */
	snprintf(args, sizeof args, "db init --db '%s/csv.sqlite'", tmpdir);
	r = run(args);
	done(&r);
	snprintf(args, sizeof args, "db ingest --db '%s/csv.sqlite' examples/minato-services.csv", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "minato-services.csv: organization.name: required to store an assessment");
	CHECK_HAS(r.err, "give --org and --date");
	done(&r);
	snprintf(args, sizeof args,
	         "db ingest --db '%s/csv.sqlite' examples/minato-services.csv --org 'Minato by CSV' --industry services "
	         "--date 2026-09-30",
	         tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.err, "1 assessments stored");
	done(&r);
	snprintf(args, sizeof args, "db list --db '%s/csv.sqlite'", tmpdir);
	r = run(args);
	CHECK_HAS(r.out, "2026-09-30");
	CHECK_HAS(r.out, "services");
	CHECK_HAS(r.out, "Minato by CSV");
	done(&r);
	snprintf(args, sizeof args, "db ingest --db '%s/csv.sqlite' '%s' --org X", tmpdir, jsonl);
	r = run(args);
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "holds many (JSON Lines)");
	done(&r);
	/* older ids: stored as the new one, the notice once a run, not once a line */
	f = fopen(jsonl, "w");
	if (f) {
		int i;
		char *text = test_read(SRC("examples/aozora-bank.json"), NULL);
		cJSON *doc = text ? cJSON_Parse(text) : NULL;
		for (i = 0; doc && i < 3; i++) {
			char name[32], *line;
			snprintf(name, sizeof name, "Old Bank %d", i);
			cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "organization"), "name", cJSON_CreateString(name));
			cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "organization"), "industry", cJSON_CreateString("banking"));
			line = cJSON_PrintUnformatted(doc);
			if (line)
				fprintf(f, "%s\n", line);
			free(line);
		}
		cJSON_Delete(doc);
		free(text);
		fclose(f);
	}
	snprintf(args, sizeof args, "db ingest --db '%s' '%s'", db, jsonl);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.err, "members.jsonl:1: organization.industry: 業種 'banking' は 'bank'(銀行業)になりました");
	CHECK(r.err && !strstr(r.err, "members.jsonl:2:"));
	done(&r);
	snprintf(args, sizeof args, "db list --db '%s'", db);
	r = run(args);
	CHECK(r.out && strstr(r.out, "Old Bank 2") && !strstr(r.out, "banking"));
	done(&r);
	/* pseudonymized: no names in the database */
	f = fopen(key, "w");
	if (f) {
		fputs("a key of at least thirty-two bytes, random in use", f);
		fclose(f);
	}
	snprintf(args, sizeof args, "db init --db '%s/p.sqlite'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "db ingest --db '%s/p.sqlite' --pseudonymize --key-file '%s' '%s'", tmpdir, key, jsonl);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "db list --db '%s/p.sqlite'", tmpdir);
	r = run(args);
	CHECK(r.out && !strstr(r.out, "Aozora") && strstr(r.out, "h:"));
	done(&r);
	snprintf(args, sizeof args, "db ingest --db '%s/p.sqlite' --pseudonymize '%s'", tmpdir, jsonl);
	r = run(args);
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "--pseudonymize needs --key-file");
	done(&r);
	r = run("db list --db /nonexistent/dir/x.sqlite");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "/nonexistent/dir/x.sqlite: no such database");
	done(&r);
}

static void test_planning_and_raters(void)
{
	char args[1200], path[400], r2[400], *src, *at;
	run_result r, e;
	FILE *f;
	cJSON *w, *sc;
	/* what-if on 9-1 = 4 equals scoring the file with 9-1 edited to 4 */
	src = test_read(SRC("examples/kitamachi-machinery.json"), NULL);
	at = src ? strstr(src, "\"9-1\": {") : NULL;
	snprintf(path, sizeof path, "%s/edited.json", tmpdir);
	f = fopen(path, "w");
	if (f && at) {
		char *lv = strstr(at, "\"level\": ");
		fwrite(src, 1, (size_t)(lv - src), f);
		fputs("\"level\": 4", f);
		fputs(lv + strlen("\"level\": 2"), f);
	}
	if (f)
		fclose(f);
	free(src);
	r = run("whatif examples/kitamachi-machinery.json --set 9-1=4 --json");
	snprintf(args, sizeof args, "score --json '%s'", path);
	e = run(args);
	CHECK_INT(r.status, 0);
	CHECK_INT(e.status, 0);
	w = r.out ? cJSON_Parse(r.out) : NULL;
	sc = e.out ? cJSON_Parse(e.out) : NULL;
	CHECK(w && sc);
	if (w && sc) {
		CHECK_NEAR(cJSON_GetObjectItem(cJSON_GetObjectItem(w, "overall"), "after")->valuedouble,
		           cJSON_GetObjectItem(sc, "overall")->valuedouble, 0);
		CHECK_NEAR(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(w, "directives"), 8), "after")->valuedouble,
		           cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(sc, "directives"), 8), "score")->valuedouble, 0);
	}
	cJSON_Delete(w);
	cJSON_Delete(sc);
	done(&r);
	done(&e);
	r = run("whatif examples/kitamachi-machinery.json --set 9-1=7");
	CHECK_INT(r.status, 1);
	done(&r);
	r = run("whatif examples/kitamachi-machinery.json --set 99-1=3");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "no item 99-1");
	done(&r);
	r = run("plan examples/minato-services.json --json");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "\"target\":\"B\",\"reached\":true");
	done(&r);
	r = run("plan examples/minato-services.json --lang en --budget S");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Plan towards grade B");
	done(&r);
	/* two raters: the disagreement is shown in the report */
	snprintf(r2, sizeof r2, "%s/rater2.json", tmpdir);
	{
		cJSON *doc = example_doc("minato-services"), *ans = cJSON_GetObjectItem(doc, "answers");
		cJSON_ReplaceItemInObject(ans, "1-1", cJSON_CreateNumber(2)); /* rater 1 said 4 */
		cJSON_ReplaceItemInObject(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "assessors"), 0), "name",
		                          cJSON_CreateString("Second Rater"));
		write_doc(r2, doc);
	}
	snprintf(args, sizeof args, "merge examples/minato-services.json '%s' -o '%s/merged.json'", r2, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "score --lang en '%s/merged.json'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "To discuss (raters 2+ levels apart): 1-1");
	CHECK_HAS(r.out, "Second Rater");
	done(&r);
	r = run("merge examples/minato-services.json examples/aozora-bank.json");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "organization.name");
	done(&r);
	/* one organization however its name is typed; raters within a rating
	 * period are one assessment dated by the last, files further apart are two */
	{
		cJSON *doc = example_doc("minato-services"), *org = cJSON_GetObjectItem(doc, "organization");
		const char *name = cJSON_GetObjectItem(org, "name")->valuestring;
		char upper[256];
		size_t k;
		for (k = 0; name[k] && k + 1 < sizeof upper; k++)
			upper[k] = (char)toupper((unsigned char)name[k]);
		upper[k] = '\0';
		snprintf(args, sizeof args, "  %s ", upper);
		cJSON_ReplaceItemInObject(org, "name", cJSON_CreateString(args));
		cJSON_ReplaceItemInObject(doc, "assessed_on", cJSON_CreateString("2026-10-15"));
		write_doc(r2, doc);
		snprintf(args, sizeof args, "merge examples/minato-services.json '%s'", r2);
		r = run(args);
		CHECK_INT(r.status, 0);
		doc = r.out ? cJSON_Parse(r.out) : NULL;
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "assessed_on")), "2026-10-15");
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "merged"), "rated_from")),
		          "2026-09-30"); /* examples/minato-services.json */
		cJSON_Delete(doc);
		done(&r);
		doc = example_doc("minato-services");
		cJSON_ReplaceItemInObject(doc, "assessed_on", cJSON_CreateString("2027-11-30"));
		write_doc(r2, doc);
		r = run(args);
		CHECK_INT(r.status, 2);
		CHECK_HAS(r.err, "rater2.json: assessed_on: 2027-11-30 is more than 31 days after");
		CHECK(!r.out || !r.out[0]);
		done(&r);
	}
}

/* Trend: last year's v2 assessment against this year's, moved to v3. */
static void test_trend(void)
{
	char args[1200], old[400], v3[400], pdf[400];
	run_result r;
	cJSON *doc, *ans, *t;
	snprintf(old, sizeof old, "%s/kita-2025.json", tmpdir);
	snprintf(v3, sizeof v3, "%s/kita-v3.json", tmpdir);
	snprintf(pdf, sizeof pdf, "%s/kp.pdf", tmpdir);
	doc = example_doc("kitamachi-machinery");
	ans = cJSON_GetObjectItem(doc, "answers");
	cJSON_ReplaceItemInObject(doc, "assessed_on", cJSON_CreateString("2025-10-15"));
	cJSON_ReplaceItemInObject(ans, "9-1", cJSON_CreateNumber(1)); /* was 2 */
	cJSON_ReplaceItemInObject(ans, "3-4", cJSON_CreateNumber(1)); /* was 2 */
	write_doc(old, doc);
	snprintf(args, sizeof args, "convert examples/kitamachi-machinery.json --to csmg-v3 -o '%s'", v3);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	/* in any order: sorted by date */
	snprintf(args, sizeof args, "trend '%s' '%s' --allow-partial --json", v3, old);
	r = run(args);
	CHECK_INT(r.status, 0);
	doc = r.out ? cJSON_Parse(r.out) : NULL;
	t = cJSON_GetObjectItem(doc, "assessments");
	CHECK_INT(cJSON_GetArraySize(t), 2);
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(t, 0), "questionnaire")->valuestring, "csmg-v2");
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(t, 1), "questionnaire")->valuestring, "csmg-v3");
	/* directive 9: 3 items, (1+1+1)/3 -> (2+1+1)/3 */
	CHECK_NEAR(cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(t, 0), "directives"), 8)->valuedouble, 1.0, 1e-12);
	CHECK_NEAR(cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(t, 1), "directives"), 8)->valuedouble, 4.0 / 3,
	           1e-12);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "moved")), 2);
	CHECK_STR(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "moved"), 0)->valuestring, "3-4 1→2");
	cJSON_Delete(doc);
	done(&r);
	/* the karte with last year's comparison */
	snprintf(args, sizeof args, "karte examples/kitamachi-machinery.json --previous '%s' --lang en -o '%s'", old, pdf);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "score examples/kitamachi-machinery.json --previous '%s' --lang en", old);
	r = run(args);
	CHECK_HAS(r.out, "Previous (2025-10-15, csmg-v2): overall 3.0 -> 3.1, grade B -> B");
	CHECK_HAS(r.out, "Items that moved (2): 3-4 1→2, 9-1 1→2");
	done(&r);
	{
		char cmd[1600], *text;
		snprintf(cmd, sizeof cmd, "pdftotext '%s' '%s/kp.txt'", pdf, tmpdir);
		CHECK_INT(system(cmd), 0);
		snprintf(cmd, sizeof cmd, "%s/kp.txt", tmpdir);
		text = test_read(cmd, NULL);
		CHECK_HAS(text, "Since the previous assessment (2025-10-15)");
		CHECK_HAS(text, "items that moved (2): 3-4 1→2, 9-1 1→2");
		CHECK_HAS(text, "Previous (2025-10-15)"); /* the radar's legend */
		free(text);
	}
	/* score --json carries the previous assessment and the changes */
	snprintf(args, sizeof args, "score examples/kitamachi-machinery.json --previous '%s' --json", old);
	r = run(args);
	CHECK_INT(r.status, 0);
	doc = r.out ? cJSON_Parse(r.out) : NULL;
	t = cJSON_GetObjectItem(doc, "previous");
	CHECK(t != NULL);
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(t, "assessed_on")), "2025-10-15");
	CHECK_NEAR(cJSON_GetArrayItem(cJSON_GetObjectItem(t, "directives"), 8)->valuedouble, 1.0, 1e-12);
	CHECK_NEAR(cJSON_GetArrayItem(cJSON_GetObjectItem(t, "change"), 8)->valuedouble, 1.0 / 3, 1e-12);
	CHECK_NEAR(cJSON_GetObjectItem(t, "overall_change")->valuedouble,
	           cJSON_GetObjectItem(doc, "overall")->valuedouble - cJSON_GetObjectItem(t, "overall")->valuedouble, 1e-12);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(t, "moved")), 2);
	cJSON_Delete(doc);
	done(&r);
	/* two companies are not one company's trend, nor its previous year */
	r = run("trend examples/kitamachi-machinery.json examples/aozora-bank.json");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "aozora-bank.json: organization.name: \"Aozora Trust Bank\", but");
	CHECK(!r.out || !r.out[0]);
	done(&r);
	r = run("score examples/kitamachi-machinery.json --previous examples/aozora-bank.json --json");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "the previous assessment must be of the same organization");
	done(&r);
	snprintf(args, sizeof args, "karte examples/kitamachi-machinery.json --previous examples/aozora-bank.json -o '%s/kq.pdf'",
	         tmpdir);
	r = run(args);
	CHECK_INT(r.status, 2);
	snprintf(args, sizeof args, "%s/kq.pdf", tmpdir);
	CHECK(access(args, F_OK) != 0);
	done(&r);
}

/* Write examples/EXAMPLE.json as DIR/OUT with the organization's name, parent and headcount replaced. */
static void write_subsidiary(const char *example, const char *out, const char *name, int headcount)
{
	cJSON *doc = example_doc(example), *org = cJSON_GetObjectItem(doc, "organization");
	cJSON_ReplaceItemInObject(org, "name", cJSON_CreateString(name));
	cJSON_AddStringToObject(org, "parent", "Hoshi Holdings");
	cJSON_AddNumberToObject(org, "headcount", headcount);
	write_doc(out, doc);
}

/* One line of `text` that contains `needle`, copied into buf (empty if none). */
static const char *line_with(char *buf, size_t size, const char *text, const char *needle)
{
	const char *p = text ? strstr(text, needle) : NULL, *b, *e;
	buf[0] = '\0';
	if (!p)
		return buf;
	for (b = p; b > text && b[-1] != '\n'; b--)
		;
	for (e = p; *e && *e != '\n' && *e != '\r'; e++)
		;
	snprintf(buf, size, "%.*s", (int)(e - b), b);
	return buf;
}

/* `cmd` is a program on PATH. */
static int have(const char *cmd)
{
	char sh[128];
	snprintf(sh, sizeof sh, "command -v %s >/dev/null 2>&1", cmd);
	return system(sh) == 0;
}

/* The text that shell command `cmd` prints has every one of `want`, spaces
 * and line breaks aside (each tool lays out columns its own way). */
static void check_extract(const char *cmd, const char *const *want, size_t n)
{
	char path[300], full[1400], *text, *flat, *p;
	size_t i, missing = 0;
	snprintf(path, sizeof path, "%s/extract.txt", tmpdir);
	snprintf(full, sizeof full, "%s >'%s'", cmd, path);
	CHECK_INT(system(full), 0);
	text = test_read(path, NULL);
	flat = text ? malloc(strlen(text) + 1) : NULL;
	for (p = flat, i = 0; flat && text[i]; i++)
		if (!strchr(" \n\r\t\f", text[i]))
			*p++ = text[i];
	if (flat)
		*p = '\0';
	for (i = 0; i < n; i++) {
		char w[600];
		size_t k = 0, j;
		for (j = 0; want[i][j] && k < sizeof w - 1; j++)
			if (want[i][j] != ' ')
				w[k++] = want[i][j];
		w[k] = '\0';
		if (!flat || !strstr(flat, w)) {
			missing++;
			fprintf(stderr, "%s: \"%s\" is not in the text\n", cmd, want[i]);
		}
	}
	CHECK_INT(missing, 0);
	free(flat);
	free(text);
}

/* A portfolio in Japanese, read by poppler, Ghostscript (txtwrite; and
 * pdfwrite, read back) and MuPDF: the names and titles come back. */
static void portfolio_in_other_readers(void)
{
	static const char *const example[3] = {"aozora-bank", "kitamachi-machinery", "minato-services"};
	static const char *const name[3] = {"青空信託銀行", "北町機械製作所", "港サービス株式会社"};
	const char *want[8] = {"グループ ポートフォリオ", "星ホールディングス", "組織別・指示別のスコア", "組織ごとのレーダーチャート",
	                       name[0], name[1], name[2], "サプライチェーン"};
	char file[3][300], pdf[300], args[2000];
	run_result r;
	int i;
	for (i = 0; i < 3; i++) {
		cJSON *doc = example_doc(example[i]), *org = cJSON_GetObjectItem(doc, "organization");
		cJSON_ReplaceItemInObject(org, "name", cJSON_CreateString(name[i]));
		cJSON_AddStringToObject(org, "parent", "星ホールディングス");
		snprintf(file[i], sizeof file[i], "%s/ja%d.json", tmpdir, i);
		write_doc(file[i], doc);
	}
	snprintf(pdf, sizeof pdf, "%s/portfolio-ja.pdf", tmpdir);
	snprintf(args, sizeof args, "portfolio '%s' '%s' '%s' -o '%s' --lang ja", file[0], file[1], file[2], pdf);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "pdftotext -enc UTF-8 '%s' -", pdf);
	check_extract(args, want, 8);
	if (have("gs")) {
		snprintf(args, sizeof args, "gs -q -dNOPAUSE -dBATCH -sDEVICE=txtwrite -sOutputFile=- '%s' 2>/dev/null", pdf);
		check_extract(args, want, 8);
		snprintf(args, sizeof args,
		         "gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOutputFile='%s.gs.pdf' '%s' >/dev/null 2>&1 && "
		         "pdftotext -enc UTF-8 '%s.gs.pdf' -",
		         pdf, pdf, pdf);
		check_extract(args, want, 8);
	}
	if (have("mutool")) {
		snprintf(args, sizeof args, "mutool draw -q -F txt -o - '%s' 2>/dev/null", pdf);
		check_extract(args, want, 8);
	}
}

static void test_portfolio(void)
{
	static const char *const example[3] = {"aozora-bank", "kitamachi-machinery", "minato-services"};
	static const char *const name[3] = {"=HYPERLINK(\"x\")", "Hoshi \"North\", Ltd.", "Minato Services"};
	/* how each name must come out in CSV: formula neutralized, quotes doubled */
	static const char *const csv_name[3] = {"\"'=HYPERLINK(\"\"x\"\")\"", "\"Hoshi \"\"North\"\", Ltd.\"",
	                                        "Minato Services"};
	static const int headcount[3] = {100, 300, 600};
	char file[3][300], args[2000], pdf[300], csvp[300], line[2000], num[32], want[400];
	double wdir[10] = {0}, wsum[10] = {0}, wov = 0, wov_sum = 0;
	char *csv, *text;
	run_result r;
	int i, d;
	snprintf(pdf, sizeof pdf, "%s/portfolio.pdf", tmpdir);
	snprintf(csvp, sizeof csvp, "%s/portfolio.csv", tmpdir);
	for (i = 0; i < 3; i++) {
		snprintf(file[i], sizeof file[i], "%s/sub%d.json", tmpdir, i);
		write_subsidiary(example[i], file[i], name[i], headcount[i]);
	}
	snprintf(args, sizeof args, "portfolio '%s' '%s' '%s' -o '%s' --csv '%s' --rollup headcount --lang en", file[0],
	         file[1], file[2], pdf, csvp);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.err, "");
	done(&r);
	csv = test_read(csvp, NULL);
	CHECK(csv && strncmp(csv, "\xEF\xBB\xBForganization,parent,scope,", 29) == 0);
	CHECK(csv && strstr(csv, ",d10,rank,rollup\r\n") != NULL);
	for (i = 0; i < 3; i++) {
		/* each row against `csm score --json` for the same file */
		cJSON *doc, *dirs;
		const char *p;
		char *end;
		snprintf(args, sizeof args, "score '%s' --json", file[i]);
		r = run(args);
		CHECK_INT(r.status, 0);
		doc = r.out ? cJSON_Parse(r.out) : NULL;
		dirs = cJSON_GetObjectItem(doc, "directives");
		CHECK_INT(cJSON_GetArraySize(dirs), 10);
		snprintf(want, sizeof want, "\r\n%s,Hoshi Holdings,", csv_name[i]);
		p = csv ? strstr(csv, want) : NULL;
		CHECK(p != NULL);
		/* the commas after parent, scope, industry, assessed_on, questionnaire, grade */
		for (d = 0; p && d < 6; d++)
			p = strchr(p + (d == 0 ? strlen(want) - 1 : 1), ',');
		if (p && doc) {
			double v = strtod(p + 1, &end);
			CHECK(v == cJSON_GetObjectItem(doc, "overall")->valuedouble);
			if (strcmp(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "organization"), "scope")->valuestring,
			           "group") != 0) {
				wov += headcount[i] * v;
				wov_sum += headcount[i];
			}
			for (d = 0; d < 10; d++) {
				const cJSON *s = cJSON_GetObjectItem(cJSON_GetArrayItem(dirs, d), "score");
				CHECK(*end == ',');
				v = strtod(end + 1, &end);
				CHECK(cJSON_IsNumber(s) && v == s->valuedouble);
				if (cJSON_IsNumber(s) &&
				    strcmp(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "organization"), "scope")->valuestring,
				           "group") != 0) {
					wdir[d] += headcount[i] * s->valuedouble;
					wsum[d] += headcount[i];
				}
			}
			CHECK(*end == ','); /* then its rank and an empty rollup */
			v = strtod(end + 1, &end);
			CHECK(v >= 1 && v <= 3 && strncmp(end, ",\r\n", 3) == 0);
		}
		cJSON_Delete(doc);
		done(&r);
	}
	CHECK_INT((long long)wov_sum, 700); /* kitamachi is scoped "group": left out of the roll-up */
	{
		/* the PDF's group row is the CSV's first row, weighted the same */
		const char *p = csv ? strstr(csv, ",rollup,,,csmg-v2,") : NULL;
		char *end;
		CHECK(p != NULL);
		p = p ? strchr(p + strlen(",rollup,,,csmg-v2,"), ',') : NULL; /* after the grade */
		if (p) {
			CHECK_NEAR(strtod(p + 1, &end), wov / wov_sum, 1e-12);
			for (d = 0; d < 10; d++) {
				CHECK(*end == ',');
				CHECK_NEAR(strtod(end + 1, &end), wdir[d] / wsum[d], 1e-12);
			}
			CHECK(strncmp(end, ",,headcount\r\n", 13) == 0);
		}
		/* the header's row comes right after the column names: first */
		CHECK(csv && strstr(csv, ",rank,rollup\r\nHoshi Holdings,,rollup,") != NULL);
	}
	free(csv);

	snprintf(args, sizeof args, "pdftotext -layout '%s' '%s/portfolio.txt'", pdf, tmpdir);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "%s/portfolio.txt", tmpdir);
	text = test_read(args, NULL);
	CHECK_HAS(text, "Cyber Security Management Guidelines - Group Portfolio");
	CHECK_HAS(text, "Hoshi Holdings");
	CHECK_HAS(text, "Group: mean weighted by headcount");
	CHECK_HAS(text, "The group's weakest directives, and who pulls each down");
	CHECK_HAS(text, "Radar charts by organization");
	/* the group row: overall and every directive, weighted by headcount, in order */
	line_with(line, sizeof line, text, "Whole group");
	{
		const char *p = line;
		csm_format1(num, sizeof num, wov / wov_sum);
		p = strstr(p, num);
		CHECK(p != NULL);
		for (d = 0; d < 10 && p; d++) {
			csm_format1(num, sizeof num, wdir[d] / wsum[d]);
			p = strstr(p + 1, num);
			CHECK(p != NULL);
		}
	}
	/* a row per organization, then each organization's own karte */
	for (i = 0; i < 3; i++) {
		const char *first = text ? strstr(text, name[i]) : NULL;
		CHECK(first != NULL);
		CHECK(first && strstr(first + 1, name[i]) != NULL);
	}
	CHECK_HAS(text, "Directive 9 Cover the whole supply chain");
	CHECK_HAS(text, "    Minato Services 1.5");
	/* the group-scoped assessment is out of the roll-up, so not among those who pull it down */
	CHECK(text && !strstr(text, "Hoshi \"North\", Ltd. 1.3"));
	free(text);

	portfolio_in_other_readers();

	/* a weight missing: a plain mean, said so */
	snprintf(args, sizeof args, "portfolio examples/aozora-bank.json '%s' -o '%s' --rollup revenue --lang en", file[2],
	         pdf);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "pdftotext '%s' - | grep -q 'Group: plain mean (some organizations lack the weight)'", pdf);
	CHECK_INT(system(args), 0);
	/* an invalid subsidiary: named, exit 2, neither the PDF nor the CSV written */
	snprintf(args, sizeof args, "portfolio examples/aozora-bank.json test/bad/two-problems.json -o '%s/never.pdf' --csv '%s/never.csv'",
	         tmpdir, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "test/bad/two-problems.json: item 1-1: level 9 is out of range");
	snprintf(args, sizeof args, "%s/never.pdf", tmpdir);
	CHECK(access(args, F_OK) != 0);
	snprintf(args, sizeof args, "%s/never.csv", tmpdir);
	CHECK(access(args, F_OK) != 0);
	done(&r);
	/* usage errors write nothing */
	r = run("portfolio examples/aozora-bank.json --rollup median -o /tmp/csm-never.pdf");
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "--rollup is mean, headcount or revenue");
	CHECK(access("/tmp/csm-never.pdf", F_OK) != 0);
	done(&r);
}

/* `csm ARGS` started in the background (the shell replaced by csm, so a
 * signal reaches csm itself); stdout and stderr discarded. */
static pid_t spawn_csm(const char *args)
{
	char cmd[2000];
	pid_t pid;
	snprintf(cmd, sizeof cmd, "cd '%s' && exec '%s' %s >/dev/null 2>&1 </dev/null", CSM_TEST_SRC, csm_bin, args);
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&t, NULL);
}

/* Wall time of `csm ARGS` in milliseconds (at least 1). */
static long long run_ms(const char *args)
{
	struct timespec t0, t1;
	run_result r;
	long long ms;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = run(args);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK_INT(r.status, 0);
	done(&r);
	ms = (t1.tv_sec - t0.tv_sec) * 1000LL + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	return ms > 0 ? ms : 1;
}

/* N assessments of different organizations as JSON Lines. */
static void write_many(const char *path, int n)
{
	char *text = test_read(SRC("examples/minato-services.json"), NULL), name[32];
	cJSON *doc = text ? cJSON_Parse(text) : NULL;
	FILE *f = fopen(path, "w");
	int i;
	for (i = 0; doc && f && i < n; i++) {
		char *line;
		snprintf(name, sizeof name, "Member %05d", i);
		cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "organization"), "name", cJSON_CreateString(name));
		line = cJSON_PrintUnformatted(doc);
		if (line)
			fprintf(f, "%s\n", line);
		free(line);
	}
	if (f)
		fclose(f);
	cJSON_Delete(doc);
	free(text);
}

/* Killed with SIGKILL at random points: an output is the old file or the
 * whole new one, never a part; a database keeps every committed batch and
 * stays consistent (PRAGMA integrity_check). */
static void test_killed_midway(void)
{
	char jsonl[300], out[300], db[300], args[1600], *text;
	int i, whole = 0, old = 0, mid_aggregate = 0, mid_ingest = 0;
	long long last = 0, full_ms;
	unsigned seed = 4242;
	snprintf(jsonl, sizeof jsonl, "%s/many.jsonl", tmpdir);
	snprintf(out, sizeof out, "%s/bench.json", tmpdir);
	snprintf(db, sizeof db, "%s/kill.sqlite", tmpdir);
	write_many(jsonl, 6000);
	/* kill times are spread over the length of a whole run on this machine */
	snprintf(args, sizeof args, "bench aggregate '%s' --min-group 1 --jobs 1 -o '%s'", jsonl, out);
	full_ms = run_ms(args);
	for (i = 0; i < 12; i++) {
		FILE *f = fopen(out, "w");
		pid_t pid;
		int st;
		if (f) {
			fputs("the old file\n", f);
			fclose(f);
		}
		snprintf(args, sizeof args, "bench aggregate '%s' --min-group 1 --jobs 1 -o '%s'", jsonl, out);
		pid = spawn_csm(args);
		seed = seed * 1103515245u + 12345u;
		sleep_ms(full_ms * (long long)(10 + (seed >> 16) % 120) / 100);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		text = test_read(out, NULL);
		/* killed before it ended: the signal, not the exit, ended it */
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
			mid_aggregate++;
		if (text && strcmp(text, "the old file\n") == 0)
			old++;
		else {
			cJSON *doc = text ? cJSON_Parse(text) : NULL;
			CHECK(doc != NULL);
			CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "format")), "csm-benchmark/1");
			whole++;
			cJSON_Delete(doc);
		}
		free(text);
	}
	CHECK_INT(old + whole, 12);
	CHECK(mid_aggregate >= 1);
	printf("killed aggregate (a whole run takes %lld ms): %d killed while running, %d old file intact, "
	       "%d finished before the kill\n", full_ms, mid_aggregate, old, whole);
	snprintf(args, sizeof args, "rm -f '%s'.tmp.*", out); /* SIGKILL cannot be caught: its temp file stays */
	CHECK_INT(system(args), 0);

	snprintf(args, sizeof args, "db init --db '%s.scratch'", db);
	(void)run_ms(args);
	snprintf(args, sizeof args, "db init --db '%s'", db);
	(void)run_ms(args);
	snprintf(args, sizeof args, "db ingest --db '%s.scratch' '%s'", db, jsonl);
	full_ms = run_ms(args);
	for (i = 0; i < 10; i++) {
		pid_t pid;
		int st;
		long long count = -1;
		FILE *p;
		snprintf(args, sizeof args, "db ingest --db '%s' '%s'", db, jsonl);
		pid = spawn_csm(args);
		seed = seed * 1103515245u + 12345u;
		sleep_ms(full_ms * (long long)(10 + (seed >> 16) % 90) / 100);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		snprintf(args, sizeof args, "sqlite3 '%s' 'PRAGMA integrity_check' 'SELECT count(*) FROM assessment'", db);
		p = popen(args, "r");
		if (p) {
			char ok[64] = "";
			CHECK(fgets(ok, sizeof ok, p) != NULL);
			CHECK_STR(ok, "ok\n");
			CHECK(fscanf(p, "%lld", &count) == 1);
			pclose(p);
		}
		CHECK(count >= last); /* nothing committed is lost */
		CHECK(count % 1000 == 0 || count == 6000); /* whole batches only */
		/* killed while running, with part of the file stored: the kill landed mid-ingest */
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL && count > 0 && count < 6000)
			mid_ingest++;
		last = count;
	}
	CHECK(mid_ingest >= 1);
	printf("killed ingest (a whole run takes %lld ms): %d kills left part of the file stored; %lld of 6000 "
	       "stored after the kills\n", full_ms, mid_ingest, last);
	snprintf(args, sizeof args, "db ingest --db '%s' '%s'", db, jsonl);
	{
		run_result r = run(args);
		CHECK_INT(r.status, 0);
		done(&r);
	}
	snprintf(args, sizeof args, "sqlite3 '%s' 'SELECT count(*) FROM assessment'", db);
	{
		FILE *p = popen(args, "r");
		long long count = -1;
		if (p) {
			CHECK(fscanf(p, "%lld", &count) == 1);
			pclose(p);
		}
		CHECK_INT(count, 6000);
	}
}

/* Names that look like PDF syntax stay text: the PDF passes qpdf --check,
 * pdftotext gives them back exactly, and neither the input's path nor the
 * user's name gets into the document. */
static void test_hostile_pdf(void)
{
	static const char *const evil = "Evil (Co)) \\ %% <</JS (app.alert)>> endobj trailer";
	char in[300], pdf[300], args[1600], *src, *text;
	cJSON *doc, *as;
	run_result r;
	snprintf(in, sizeof in, "%s/secret-folder-name.json", tmpdir);
	snprintf(pdf, sizeof pdf, "%s/evil.pdf", tmpdir);
	doc = example_doc("aozora-bank");
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "organization"), "name", cJSON_CreateString(evil));
	as = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "assessors"), 0);
	cJSON_ReplaceItemInObject(as, "name", cJSON_CreateString("A (x)) \\"));
	write_doc(in, doc);
	snprintf(args, sizeof args, "karte '%s' --lang en -o '%s'", in, pdf);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "qpdf --check '%s' >/dev/null 2>&1", pdf);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "pdftotext '%s' '%s/evil.txt' && pdfinfo '%s' >>'%s/evil.txt'", pdf, tmpdir, pdf, tmpdir);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "%s/evil.txt", tmpdir);
	text = test_read(args, NULL);
	CHECK_HAS(text, evil);
	snprintf(args, sizeof args, "Title:           Karte: %s", evil);
	CHECK_HAS(text, args);
	CHECK_HAS(text, "Author:          A (x)) \\");
	CHECK(text && !strstr(text, "secret-folder-name") && !strstr(text, tmpdir));
	free(text);
	/* nor anywhere in the file's bytes */
	{
		size_t len = 0, i, hits = 0;
		src = test_read(pdf, &len);
		CHECK(src != NULL && len > 1000);
		for (i = 0; src && i < len; i++)
			hits += (len - i >= 13 && memcmp(src + i, "secret-folder", 13) == 0) ||
			        (len - i >= 12 && memcmp(src + i, "csm-test-cli", 12) == 0);
		CHECK_INT(hits, 0);
		free(src);
	}
}

/* `csm ARGS` started in the background with TMPDIR=`tmp` (env replaced by
 * csm, so a signal reaches csm itself). */
static pid_t spawn_csm_tmp(const char *tmp, const char *args)
{
	char cmd[4000];
	pid_t pid;
	snprintf(cmd, sizeof cmd, "cd '%s' && exec env TMPDIR='%s' '%s' %s >/dev/null 2>&1 </dev/null", CSM_TEST_SRC, tmp,
	         csm_bin, args);
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Entries in directory `dir` (without . and ..), or -1. */
static int entries(const char *dir)
{
	char cmd[400];
	int n = -1;
	FILE *p;
	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
	if ((p = popen(cmd, "r"))) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	return n;
}

/* Process `pid` holds a file in `dir` open (a temporary font, named or not). */
static int holds_file_in(pid_t pid, const char *dir)
{
	char cmd[400];
	int n = 0;
	FILE *p;
	snprintf(cmd, sizeof cmd, "ls -l /proc/%d/fd 2>/dev/null | grep -c -- '-> %s/'", (int)pid, dir);
	if ((p = popen(cmd, "r"))) {
		if (fscanf(p, "%d", &n) != 1)
			n = 0;
		pclose(p);
	}
	return n > 0;
}

/* Killed with SIGTERM at many points, `csm karte` leaves nothing in its
 * temporary directory: the subset font it writes there has no name. */
static void test_karte_sigterm(void)
{
	enum { FILES = 12, RUNS = 40 };
	char scratch[300], outdir[300], args[3000], path[400], cmd[1000];
	int i, leftover = 0, interrupted = 0, with_font = 0, finished = 0;
	unsigned seed = 777;
	long run_ms;
	struct timespec t0, t1;
	size_t n;
	snprintf(scratch, sizeof scratch, "%s/sigtmp", tmpdir);
	snprintf(outdir, sizeof outdir, "%s/sigout", tmpdir);
	snprintf(args, sizeof args, "mkdir -p '%s' '%s'", scratch, outdir);
	CHECK_INT(system(args), 0);
	n = (size_t)snprintf(args, sizeof args, "karte");
	for (i = 0; i < FILES; i++) {
		static const char *const ex[3] = {"aozora-bank", "kitamachi-machinery", "minato-services"};
		snprintf(path, sizeof path, "%s/org%02d.json", tmpdir, i);
		write_doc(path, example_doc(ex[i % 3]));
		n += (size_t)snprintf(args + n, sizeof args - n, " '%s'", path);
	}
	snprintf(args + n, sizeof args - n, " --outdir '%s'", outdir);

	/* one run that finishes, timed */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	{
		pid_t pid = spawn_csm_tmp(scratch, args);
		int st = 0;
		waitpid(pid, &st, 0);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	run_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	CHECK_INT(entries(outdir), FILES);
	CHECK_INT(entries(scratch), 0);

	for (i = 0; i < RUNS; i++) {
		pid_t pid;
		int st = 0, alive, font;
		snprintf(cmd, sizeof cmd, "rm -f '%s'/*", outdir);
		CHECK_INT(system(cmd), 0);
		pid = spawn_csm_tmp(scratch, args);
		seed = seed * 1103515245u + 12345u;
		sleep_ms(1 + (long)((seed >> 16) % (unsigned)(run_ms + 1)));
		font = holds_file_in(pid, scratch);
		alive = waitpid(pid, &st, WNOHANG) == 0;
		if (alive) {
			kill(pid, SIGTERM);
			waitpid(pid, &st, 0);
		}
		if (alive && entries(outdir) < FILES) {
			interrupted++;
			with_font += font;
		} else {
			finished++;
		}
		if (entries(scratch) != 0) {
			leftover++;
			snprintf(cmd, sizeof cmd, "ls -l '%s' >&2; rm -f '%s'/*", scratch, scratch);
			CHECK_INT(system(cmd), 0);
		}
	}
	printf("SIGTERM to csm karte (a run takes %ld ms): %d interrupted (%d with the font temp open), %d finished, "
	       "%d left files in TMPDIR\n",
	       run_ms, interrupted, with_font, finished, leftover);
	CHECK_INT(leftover, 0);
	CHECK(interrupted >= 1);
	if (access("/proc/self/fd", F_OK) == 0)
		CHECK(with_font >= 1); /* a kill landed while the font temp existed */
}

static void test_input_files(void)
{
	run_result r = run("score test/no-such-file.json");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "test/no-such-file.json: cannot open: No such file or directory");
	done(&r);
	r = run("score test/bad");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "test/bad: is a directory");
	done(&r);
	r = run("score --benchmark test/bad/level-zero.json examples/aozora-bank.json");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "test/bad/level-zero.json: format: \"csm-answers/1\" is not a csm-benchmark file");
	done(&r);
	r = run("score --data-dir /nonexistent examples/aozora-bank.json");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "/nonexistent: data directory has no questions/ folder");
	done(&r);
	/* a named pipe or a device would block or never end: refused at once */
	{
		char fifo[300], args[1600];
		snprintf(fifo, sizeof fifo, "%s/input-fifo", tmpdir);
		CHECK(mkfifo(fifo, 0600) == 0);
		snprintf(args, sizeof args, "score '%s'", fifo);
		r = run(args);
		CHECK_INT(r.status, 2);
		CHECK_HAS(r.err, "input-fifo: is a named pipe (FIFO), not a regular file");
		done(&r);
		snprintf(args, sizeof args, "mkdir -p '%s/fifo-data' && cp -r questions tips benchmarks '%s/fifo-data/' && "
		                            "rm '%s/fifo-data/tips/csmg.json' && mkfifo '%s/fifo-data/tips/csmg.json'",
		         tmpdir, tmpdir, tmpdir, tmpdir);
		{
			char cmd[2000];
			snprintf(cmd, sizeof cmd, "cd '%s' && %s", CSM_TEST_SRC, args);
			CHECK_INT(system(cmd), 0);
		}
		snprintf(args, sizeof args, "score --data-dir '%s/fifo-data' examples/aozora-bank.json", tmpdir);
		r = run(args);
		CHECK_INT(r.status, 2);
		CHECK_HAS(r.err, "csmg.json: is a named pipe (FIFO), not a regular file");
		done(&r);
	}
	r = run("score /dev/zero");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "/dev/zero: is a device, not a regular file");
	done(&r);
	{ /* a pipe handed over by the shell is read */
		char cmd[1200];
		int st;
		snprintf(cmd, sizeof cmd, "cd '%s' && bash -c \"'%s' score <(cat examples/aozora-bank.json)\" >/dev/null 2>&1",
		         CSM_TEST_SRC, csm_bin);
		st = system(cmd);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	r = run("score --allow-partial test/bad/null-level.json --json");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "\"partial\":true");
	done(&r);
}

/* A 100 MB file, outputs that cannot be written, an unreadable file. */
static void test_sizes_and_places(void)
{
	char big[300], args[1200];
	run_result r;
	snprintf(big, sizeof big, "%s/big.json", tmpdir);
	snprintf(args, sizeof args, "truncate -s 100M '%s'", big);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "score '%s'", big);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "big.json: file is too large (104857600 bytes; the limit is 16777216)");
	done(&r);
	remove(big);
	snprintf(args, sizeof args, "score examples/aozora-bank.json --json -o '%s/missing-dir/out.json'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 3);
	CHECK_HAS(r.err, "missing-dir/out.json: cannot write: No such file or directory");
	done(&r);
	r = run("karte examples/aozora-bank.json -o /proc/csm-karte.pdf");
	CHECK_INT(r.status, 3);
	CHECK_HAS(r.err, "/proc/csm-karte.pdf: cannot write");
	done(&r);
	r = run("bench aggregate test/fuzz/corpus/jsonl/three.jsonl -o /sys/csm-bench.json");
	CHECK_INT(r.status, 3);
	CHECK_HAS(r.err, "/sys/csm-bench.json: cannot write");
	done(&r);
	/* a database that is not there, or not initialized: one message, exit 2, no file made */
	snprintf(args, sizeof args, "db ingest --db '%s/typo.sqlite' examples/aozora-bank.json", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "typo.sqlite: no such database; run 'csm db init --db");
	snprintf(args, sizeof args, "%s/typo.sqlite", tmpdir);
	CHECK(access(args, F_OK) != 0);
	done(&r);
	snprintf(args, sizeof args, ": > '%s/blank.sqlite'", tmpdir);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "db ingest --db '%s/blank.sqlite' examples/aozora-bank.json examples/minato-services.json", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "blank.sqlite: no csm database here (schema 0); run 'csm db init' first\n");
	CHECK(r.err && !strstr(strstr(r.err, "first") + 1, "first")); /* said once, not per file */
	done(&r);
	if (geteuid() != 0) { /* root reads any file */
		snprintf(args, sizeof args, "cp examples/aozora-bank.json '%s/locked.json' && chmod 000 '%s/locked.json'",
		         tmpdir, tmpdir);
		CHECK_INT(system(args), 0);
		snprintf(args, sizeof args, "score '%s/locked.json'", tmpdir);
		r = run(args);
		CHECK_INT(r.status, 2);
		CHECK_HAS(r.err, "locked.json: cannot open: Permission denied");
		done(&r);
	}
}

/* The mode of `path`'s permission bits, or -1. */
static int mode_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* Outputs that are not regular files are written, never replaced; files get
 * 0666 & ~umask, or keep their mode; an input is never an output. */
static void test_output_places(void)
{
	char path[300], args[1600], *text;
	struct stat st;
	run_result r;

	/* a FIFO: written through, still a FIFO */
	snprintf(path, sizeof path, "%s/fifo", tmpdir);
	CHECK(mkfifo(path, 0600) == 0);
	snprintf(args, sizeof args, "cat '%s' > '%s.got' & '%s' score examples/aozora-bank.json -o '%s'; wait", path, path,
	         csm_bin, path);
	{
		char cmd[2000];
		snprintf(cmd, sizeof cmd, "cd '%s' && (%s)", CSM_TEST_SRC, args);
		CHECK_INT(system(cmd), 0);
	}
	CHECK(stat(path, &st) == 0 && S_ISFIFO(st.st_mode));
	snprintf(path, sizeof path, "%s/fifo.got", tmpdir);
	text = test_read(path, NULL);
	CHECK_HAS(text, "Aozora");
	free(text);

	/* /dev/stdout is standard output, whatever it is */
	r = run("score examples/aozora-bank.json --json -o /dev/stdout");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "\"format\":\"csm-score/1\"");
	done(&r);
	CHECK(lstat("/dev/stdout", &st) == 0 && S_ISLNK(st.st_mode));

	/* device nodes of our own (root only), so a regression cannot break the machine's */
	if (geteuid() == 0) {
		snprintf(args, sizeof args, "mknod '%s/null' c 1 3 && mknod '%s/full' c 1 7", tmpdir, tmpdir);
		CHECK_INT(system(args), 0);
		snprintf(args, sizeof args, "karte examples/aozora-bank.json -o '%s/null'", tmpdir);
		r = run(args);
		CHECK_INT(r.status, 0);
		done(&r);
		snprintf(path, sizeof path, "%s/null", tmpdir);
		CHECK(stat(path, &st) == 0 && S_ISCHR(st.st_mode));
		snprintf(args, sizeof args, "score examples/aozora-bank.json -o '%s/full'", tmpdir);
		r = run(args);
		CHECK_INT(r.status, 3);
		CHECK_HAS(r.err, "full: cannot write: No space left on device");
		done(&r);
		snprintf(path, sizeof path, "%s/full", tmpdir);
		CHECK(stat(path, &st) == 0 && S_ISCHR(st.st_mode));
	}

	/* modes: new files follow the umask, existing files keep theirs */
	snprintf(path, sizeof path, "%s/private.txt", tmpdir);
	snprintf(args, sizeof args, "umask 077 && cd '%s' && '%s' score examples/aozora-bank.json -o '%s'", CSM_TEST_SRC,
	         csm_bin, path);
	CHECK_INT(system(args), 0);
	CHECK_INT(mode_of(path), 0600);
	snprintf(path, sizeof path, "%s/shared.txt", tmpdir);
	snprintf(args, sizeof args, "umask 002 && cd '%s' && '%s' score examples/aozora-bank.json -o '%s'", CSM_TEST_SRC,
	         csm_bin, path);
	CHECK_INT(system(args), 0);
	CHECK_INT(mode_of(path), 0664);
	CHECK(chmod(path, 0640) == 0);
	snprintf(args, sizeof args, "score examples/minato-services.json -o '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	CHECK_INT(mode_of(path), 0640);
	/* through a symlink: the file it names is replaced, the link stays */
	snprintf(args, sizeof args, "ln -s shared.txt '%s/link.txt'", tmpdir);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "score examples/aozora-bank.json -o '%s/link.txt'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(path, sizeof path, "%s/link.txt", tmpdir);
	CHECK(lstat(path, &st) == 0 && S_ISLNK(st.st_mode));
	text = test_read(path, NULL);
	CHECK_HAS(text, "Aozora");
	free(text);

	/* an input named as the output, by any spelling, is refused before anything is written */
	snprintf(args, sizeof args, "cp examples/aozora-bank.json '%s/in.json' && ln '%s/in.json' '%s/hard.json'", tmpdir,
	         tmpdir, tmpdir);
	{
		char cmd[2000];
		snprintf(cmd, sizeof cmd, "cd '%s' && %s", CSM_TEST_SRC, args);
		CHECK_INT(system(cmd), 0);
	}
	snprintf(args, sizeof args, "score '%s/in.json' -o '%s/hard.json'", tmpdir, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "is the input file");
	done(&r);
	snprintf(args, sizeof args, "merge '%s/in.json' examples/aozora-bank.json -o '%s/./in.json'", tmpdir, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 1);
	done(&r);
	snprintf(args, sizeof args, "template --prefill '%s/in.json' -o '%s/in.json'", tmpdir, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 1);
	done(&r);
	snprintf(path, sizeof path, "%s/in.json", tmpdir);
	text = test_read(path, NULL);
	CHECK_HAS(text, "\"csm-answers/1\"");
	free(text);

	/* karte: PDF only, and --outdir never writes two inputs to one name */
	snprintf(args, sizeof args, "karte examples/aozora-bank.json -o '%s/karte.png'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "writes PDF only");
	done(&r);
	snprintf(path, sizeof path, "%s/karte.png", tmpdir);
	CHECK(access(path, F_OK) != 0);
	snprintf(args, sizeof args, "mkdir -p '%s/a' '%s/b' '%s/kartes' && cp examples/aozora-bank.json '%s/a/x.json' && "
	                            "cp examples/minato-services.json '%s/b/x.json'",
	         tmpdir, tmpdir, tmpdir, tmpdir, tmpdir);
	{
		char cmd[2000];
		snprintf(cmd, sizeof cmd, "cd '%s' && %s", CSM_TEST_SRC, args);
		CHECK_INT(system(cmd), 0);
	}
	snprintf(args, sizeof args, "karte '%s/a/x.json' '%s/b/x.json' --outdir '%s/kartes'", tmpdir, tmpdir, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "would both be written to");
	done(&r);
	snprintf(path, sizeof path, "%s/kartes/x.pdf", tmpdir);
	CHECK(access(path, F_OK) != 0);
}

/* More questionnaires in one run than any fixed cache holds: each is loaded
 * once and freed (the sanitizer build's leak check fails the run otherwise). */
static void test_many_questionnaires(void)
{
	char dir[300], cmd[4000], args[4000];
	run_result r;
	int i;
	snprintf(dir, sizeof dir, "%s/many-q", tmpdir);
	snprintf(cmd, sizeof cmd, "cd '%s' && mkdir -p '%s' && cp -r questions tips benchmarks '%s/'", CSM_TEST_SRC, dir,
	         dir);
	CHECK_INT(system(cmd), 0);
	snprintf(args, sizeof args, "validate --data-dir '%s'", dir);
	for (i = 1; i <= 12; i++) {
		snprintf(cmd, sizeof cmd,
		         "cd '%s' && sed 's/\"id\": \"csmg-v2\"/\"id\": \"q%d\"/' questions/csmg-v2.json > '%s/questions/q%d.json' "
		         "&& sed 's/\"questionnaire\": \"csmg-v2\"/\"questionnaire\": \"q%d\"/' examples/aozora-bank.json > "
		         "'%s/a%d.json'",
		         CSM_TEST_SRC, i, dir, i, i, dir, i);
		CHECK_INT(system(cmd), 0);
		snprintf(args + strlen(args), sizeof args - strlen(args), " '%s/a%d.json' '%s/a%d.json'", dir, i, dir, i);
	}
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "a12.json: ok (q12, 39 items)");
	done(&r);
}

/* A name with an escape sequence in a database written before names were
 * checked is listed with the sequence shown, not sent to the terminal. */
static void test_db_list_escapes(void)
{
	char db[300], args[1200];
	run_result r;
	snprintf(db, sizeof db, "%s/escape.sqlite", tmpdir);
	snprintf(args, sizeof args, "db init --db '%s'", db);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "db ingest --db '%s' examples/aozora-bank.json", db);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "sqlite3 '%s' \"UPDATE assessment SET org_name = 'Old' || char(27) || '[31mRed'\"", db);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "db list --db '%s'", db);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Old\\x1b[31mRed");
	CHECK(r.out && !strchr(r.out, 27));
	done(&r);
}

/* No temporary file in `dir` whose name contains `part`? */
static int no_temp_in(const char *dir, const char *part)
{
	char cmd[600];
	FILE *p;
	int n = -1;
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -c '%s'", dir, part);
	if ((p = popen(cmd, "r"))) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	return n == 0;
}

/* SIGINT or SIGTERM in the middle of a run leaves the old output and no
 * temporary file. Each kill is sent only once the temporary file exists, so
 * the test proves the signal landed mid-run. */
static void test_signal_cleans_up(void)
{
	static const int sigs[] = {SIGTERM, SIGINT};
	char dir[300], args[60000], path[400], *text;
	size_t i, k;
	snprintf(dir, sizeof dir, "%s/sig", tmpdir);
	CHECK(mkdir(dir, 0700) == 0);
	snprintf(path, sizeof path, "%s/out.txt", dir);
	for (k = 0; k < sizeof sigs / sizeof sigs[0]; k++) {
		FILE *f = fopen(path, "w");
		pid_t pid;
		int st = 0, seen = 0, waited;
		if (f) {
			fputs("the old file\n", f);
			fclose(f);
		}
		snprintf(args, sizeof args, "score --jobs 1 -o '%s'", path);
		for (i = 0; i < 1500; i++)
			snprintf(args + strlen(args), sizeof args - strlen(args), " examples/kitamachi-machinery.json");
		pid = fork();
		if (pid == 0) {
			char cmd[61000];
			snprintf(cmd, sizeof cmd, "cd '%s' && exec '%s' %s >/dev/null 2>&1 </dev/null", CSM_TEST_SRC, csm_bin,
			         args);
			/* a shell's & would ignore SIGINT; exec keeps the default */
			execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
			_exit(127);
		}
		for (waited = 0; waited < 20000 && !seen; waited += 2) {
			seen = !no_temp_in(dir, "out.txt.tmp");
			if (!seen)
				sleep_ms(2);
		}
		CHECK(seen);
		kill(pid, sigs[k]);
		waitpid(pid, &st, 0);
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sigs[k]);
		CHECK(no_temp_in(dir, "tmp"));
		text = test_read(path, NULL);
		CHECK_STR(text, "the old file\n");
		free(text);
	}
}

/* Every case of test/bad/cases.tsv: the exit code and a message naming the file and problem. */
/* Replace the first `from` in `s` (malloc'd) with `to`; the result is malloc'd. */
static char *replace1(char *s, const char *from, const char *to)
{
	char *at = s ? strstr(s, from) : NULL, *r;
	size_t n;
	CHECK(at != NULL);
	if (!at)
		return s;
	n = strlen(s) - strlen(from) + strlen(to) + 1;
	r = malloc(n);
	snprintf(r, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	free(s);
	return r;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		fputs(text ? text : "", f);
		fclose(f);
	}
}

/* Targets in the report, an action list from the plan, edited in a
 * spreadsheet, and next year's follow-up. */
static void test_targets_and_actions(void)
{
	char kt[300], next[300], csv[300], bad[300], json[300], out[300], args[1600], *text;
	cJSON *doc = example_doc("kitamachi-machinery"), *t;
	run_result r;
	snprintf(kt, sizeof kt, "%s/kt.json", tmpdir);
	snprintf(next, sizeof next, "%s/kt-next.json", tmpdir);
	snprintf(csv, sizeof csv, "%s/kt-actions.csv", tmpdir);
	snprintf(bad, sizeof bad, "%s/kt-bad.csv", tmpdir);
	snprintf(json, sizeof json, "%s/kt-actions.json", tmpdir);
	snprintf(out, sizeof out, "%s/kt-out.txt", tmpdir);
	t = cJSON_AddObjectToObject(doc, "target");
	cJSON_AddStringToObject(t, "grade", "A");
	cJSON_AddStringToObject(t, "by", "2027-03");
	write_doc(kt, doc);
	/* the report: current versus target per directive */
	snprintf(args, sizeof args, "score '%s' --lang en", kt);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Targets (grade A by 2027-03)\n");
	CHECK_HAS(r.out, "  9   1.3  ->  4.3 9-1 2→4, 9-2 1→5, 9-3 1→4\n");
	done(&r);
	snprintf(args, sizeof args, "score '%s' --json", kt);
	r = run(args);
	doc = r.out ? cJSON_Parse(r.out) : NULL;
	t = cJSON_GetObjectItem(doc, "targets");
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(t, "items"), "9-2")->valueint, 5);
	CHECK_NEAR(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(t, "directives"), 8), "target")->valuedouble,
	           13.0 / 3, 1e-12);
	cJSON_Delete(doc);
	done(&r);
	/* the plan to the file's target grade, and its action list */
	snprintf(args, sizeof args, "plan '%s' --lang en --actions '%s'", kt, csv);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Plan towards grade A");
	done(&r);
	snprintf(args, sizeof args, "plan '%s' --lang en --actions '%s'", kt, json);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	text = test_read(json, NULL);
	CHECK_HAS(text, "\"format\": \"csm-actions/1\"");
	CHECK_HAS(text, "{\"item\": \"9-2\", \"directive\": 9, \"from\": 1, \"to\": 5, \"tip\": \"9-2\"");
	free(text);
	text = test_read(csv, NULL);
	CHECK(text && strncmp(text, "\xEF\xBB\xBFitem,directive,from,to,tip,first_step,owner,effort,cost,due,status,note\r\n",
	                      75) == 0);
	CHECK_HAS(text, ",Procurement with the security lead,M,S,2027-03,open,\r\n");
	/* edited as a spreadsheet user would: done, an owner, a note that looks
	 * like a formula, "In progress" typed by hand */
	text = replace1(text, "Procurement with the security lead,M,S,2027-03,open,\r\n",
	                "Sato (procurement),M,S,2027-03,done,=see the contracts folder\r\n");
	text = replace1(text, "Security lead,S,S,2027-03,open,", "Security lead,S,S,2027-03,Done,");
	text = replace1(text, "Group CISO,L,M,2027-03,open,", "Group CISO,L,M,2027-12,In progress,");
	write_text(csv, text);
	/* a bad status and a bad date are refused with the cell named, nothing written */
	text = replace1(text, ",2027-12,In progress,", ",2027-13,finished,");
	write_text(bad, text);
	free(text);
	doc = example_doc("kitamachi-machinery");
	cJSON_ReplaceItemInObject(doc, "assessed_on", cJSON_CreateString("2027-09-30"));
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "answers"), "9-2"), "level",
	                          cJSON_CreateNumber(3));
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "answers"), "7-2"), "level",
	                          cJSON_CreateNumber(4));
	write_doc(next, doc);
	setenv("SOURCE_DATE_EPOCH", "1822435200", 1); /* 2027-10-02 */
	snprintf(args, sizeof args, "score '%s' --previous '%s' --actions '%s' --lang en -o '%s'", next, kt, bad, out);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "kt-bad.csv:4: due: \"2027-13\" is not a date");
	CHECK_HAS(r.err, "kt-bad.csv:4: status: \"finished\" is not open, in_progress, done or dropped");
	CHECK(access(out, F_OK) != 0);
	done(&r);
	snprintf(args, sizeof args, "score '%s' --previous '%s' --actions '%s' --lang en", next, kt, csv);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Follow-up of actions (10: 7 open, 1 in progress, 2 done, 0 dropped; on 2027-10-02)\n");
	CHECK_HAS(r.out, "  Done, and the item moved (1): 9-2 1→3 (aim 5)\n");
	CHECK_HAS(r.out, "  Done, but the item did not move (ask for evidence) (1): 10-1 at 4\n");
	CHECK_HAS(r.out, "  Moved without an action (1): 7-2 3→4\n");
	CHECK_HAS(r.out, "  Open past their due date (7):\n    9-3 due 2027-03, owner Head of procurement with the security lead\n");
	CHECK(r.out && !strstr(r.out, "9-1 due"));
	done(&r);
	snprintf(args, sizeof args, "score '%s' --previous '%s' --actions '%s' --json", next, kt, csv);
	r = run(args);
	doc = r.out ? cJSON_Parse(r.out) : NULL;
	t = cJSON_GetObjectItem(doc, "followup");
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(t, "overdue")), 7);
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(t, "done_moved"), 0), "item")->valuestring,
	          "9-2");
	cJSON_Delete(doc);
	done(&r);
	unsetenv("SOURCE_DATE_EPOCH");
	/* one file only; the list must not be an output */
	snprintf(args, sizeof args, "score '%s' '%s' --actions '%s'", next, kt, csv);
	r = run(args);
	CHECK_INT(r.status, 1);
	done(&r);
	snprintf(args, sizeof args, "plan '%s' --actions '%s'", kt, kt);
	r = run(args);
	CHECK_INT(r.status, 1);
	done(&r);
}

static void test_bad_inputs(void)
{
	char *table = test_read(SRC("test/bad/cases.tsv"), NULL), *line, *save = NULL;
	int first = 1, cases = 0;
	CHECK(table != NULL);
	for (line = table ? strtok_r(table, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
		char file[128], message[512], args[300], prefix[160];
		int code;
		run_result r;
		if (first) {
			first = 0;
			continue;
		}
		if (sscanf(line, "%127[^\t]\t%d\t%511[^\n]", file, &code, message) != 3) {
			CHECK(!"malformed line in cases.tsv");
			continue;
		}
		snprintf(args, sizeof args, "score test/bad/%s", file);
		r = run(args);
		if (r.status != code || !r.err || !strstr(r.err, message))
			fprintf(stderr, "case %s: exit %d, stderr: %s\n", file, r.status, r.err ? r.err : "");
		CHECK_INT(r.status, code);
		CHECK_HAS(r.err, message);
		snprintf(prefix, sizeof prefix, "test/bad/%s", file);
		CHECK_HAS(r.err, prefix);
		CHECK_STR(r.out, "");
		done(&r);
		cases++;
	}
	CHECK(cases >= 60);
	printf("%d bad-input cases\n", cases);
	free(table);
}

/* Compare like with like: sme-light answers against the csmg-v2 benchmark get
 * no grade and no comparison in every output, and say why; csmg-v3 answers
 * are compared by directive, and say so. */
static void test_compare_like_with_like(void)
{
	char args[900], pdf[400], *text;
	run_result r;
	cJSON *doc;
	r = run("score test/data/sme-light-sakura.json --lang en");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Grade -");
	CHECK_HAS(r.out, "No grade and no comparison: the benchmark \"CSM beta trial 2020\" was built from csmg-v2 answers");
	CHECK(r.out && !strstr(r.out, "Gap") && !strstr(r.out, "target average"));
	CHECK_HAS(r.out, "Hints (from the company's lowest directives)");
	done(&r);
	r = run("score test/data/sme-light-sakura.json --json");
	CHECK_INT(r.status, 0);
	doc = r.out ? cJSON_Parse(r.out) : NULL;
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(doc, "grade")), "-");
	CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "comparison"), "compares")->valueint, 0);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "plan")), 0);
	cJSON_Delete(doc);
	done(&r);
	r = run("plan test/data/sme-light-sakura.json");
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "no grade to plan towards");
	done(&r);
	snprintf(pdf, sizeof pdf, "%s/sme.pdf", tmpdir);
	snprintf(args, sizeof args, "karte test/data/sme-light-sakura.json -o '%s'", pdf);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "pdftotext '%s' '%s/sme.txt'", pdf, tmpdir);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "%s/sme.txt", tmpdir);
	text = test_read(args, NULL);
	CHECK_HAS(text, "成熟度の判定と比較はありません");
	CHECK(text && !strstr(text, "目標との差") && !strstr(text, "成熟度 A の平均") && !strstr(text, "判定基準"));
	free(text);
	/* v3 against the v2 benchmark: by directive, said in the report */
	snprintf(args, sizeof args, "convert examples/kitamachi-machinery.json --to csmg-v3 -o '%s/k3.json'", tmpdir);
	r = run(args);
	done(&r);
	snprintf(args, sizeof args, "score '%s/k3.json' --allow-partial --lang en", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "csmg-v3 answers compared by directive with a benchmark built from csmg-v2 answers.");
	CHECK_HAS(r.out, "Grade B");
	done(&r);
}

/* The shipped benchmark is what the command line builds from its two TSVs. */
static void test_bench_build_shipped(void)
{
	char args[2000], path[400], *want, *got;
	cJSON *doc;
	run_result r;
	want = test_read(SRC("benchmarks/beta-2020.json"), NULL);
	doc = want ? cJSON_Parse(want) : NULL;
	snprintf(path, sizeof path, "%s/beta.json", tmpdir);
	snprintf(args, sizeof args,
	         "bench build-from-tsv benchmarks/beta-2020.tsv --means benchmarks/beta-2020-groups.tsv --grading-estimated "
	         "--min-group 5 --date 2021-03 --name 'CSM beta trial 2020' --source '%s' --grade-a 3.75 --grade-b 2.67 -o '%s'",
	         cJSON_GetStringValue(cJSON_GetObjectItem(doc, "source")), path);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	got = test_read(path, NULL);
	CHECK(want && got && strcmp(want, got) == 0);
	free(got);
	cJSON_Delete(doc);
	free(want);
	/* a means table that does not fit the rows is refused, nothing written */
	snprintf(args, sizeof args,
	         "bench build-from-tsv benchmarks/beta-2020.tsv --means benchmarks/beta-2020.tsv --name x -o '%s/never.json'",
	         tmpdir);
	r = run(args);
	CHECK_INT(r.status, 2);
	done(&r);
	snprintf(path, sizeof path, "%s/never.json", tmpdir);
	CHECK(access(path, F_OK) != 0);
}

/* A file's own targets are the radar's second polygon, in the karte too. */
static void test_target_polygon(void)
{
	char args[1200], path[400], *text;
	cJSON *doc = example_doc("kitamachi-machinery");
	run_result r;
	cJSON_AddItemToObject(doc, "target", cJSON_Parse("{\"grade\":\"A\",\"by\":\"2027-03\"}"));
	snprintf(path, sizeof path, "%s/kt.json", tmpdir);
	write_doc(path, doc);
	snprintf(args, sizeof args, "radar '%s' --lang en -o '%s/kt-radar.pdf'", path, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "karte '%s' -o '%s/kt.pdf'", path, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "pdftotext '%s/kt-radar.pdf' '%s/kt-radar.txt' && pdftotext '%s/kt.pdf' '%s/kt.txt'",
	         tmpdir, tmpdir, tmpdir, tmpdir);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "%s/kt-radar.txt", tmpdir);
	text = test_read(args, NULL);
	CHECK_HAS(text, "Own target (by 2027-03)");
	free(text);
	snprintf(args, sizeof args, "%s/kt.txt", tmpdir);
	text = test_read(args, NULL);
	CHECK_HAS(text, "自社の目標 (2027-03まで)");
	free(text);
	/* without targets, no such polygon */
	snprintf(args, sizeof args, "radar examples/kitamachi-machinery.json --lang en -o '%s/k0-radar.pdf'", tmpdir);
	r = run(args);
	done(&r);
	snprintf(args, sizeof args, "pdftotext '%s/k0-radar.pdf' '%s/k0-radar.txt'", tmpdir, tmpdir);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "%s/k0-radar.txt", tmpdir);
	text = test_read(args, NULL);
	CHECK(text && !strstr(text, "Own target"));
	free(text);
	/* next year's karte says what was done about last year's action list,
	 * in the text report's words */
	setenv("SOURCE_DATE_EPOCH", "1822435200", 1); /* 2027-10-02 */
	snprintf(args, sizeof args,
	         "karte examples/followup/kitamachi-2027.json --previous examples/followup/kitamachi-2026.json "
	         "--actions examples/followup/actions-edited.csv --lang en -o '%s/fu.pdf'",
	         tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	unsetenv("SOURCE_DATE_EPOCH");
	snprintf(args, sizeof args, "pdftotext '%s/fu.pdf' '%s/fu.txt'", tmpdir, tmpdir);
	CHECK_INT(system(args), 0);
	snprintf(args, sizeof args, "%s/fu.txt", tmpdir);
	text = test_read(args, NULL);
	CHECK_HAS(text, "Follow-up of actions (10: 5 open, 1 in progress, 3 done, 1 dropped; on 2027-10-02)");
	CHECK_HAS(text, "Done, and the item moved (2): 9-2 1→3 (aim 5), 10-2 3→4 (aim 5)");
	CHECK_HAS(text, "Moved without an action (1): 7-2 3→4");
	free(text);
	r = run("karte examples/aozora-bank.json examples/minato-services.json --actions examples/followup/actions-edited.csv");
	CHECK_INT(r.status, 1);
	done(&r);
}

/* A data directory with the scale fixture beside the shipped questionnaires
 * (tmpdir/sdata); returns its path. */
static const char *scale_data_dir(void)
{
	static char dir[300];
	char cmd[4096];
	snprintf(dir, sizeof dir, "%s/sdata", tmpdir);
	snprintf(cmd, sizeof cmd,
	         "rm -rf '%s' && mkdir -p '%s/questions' && cp -r '%s/questions/.' '%s/questions/' && "
	         "cp '%s/test/data/scale-check.json' '%s/questions/' && ln -s '%s/tips' '%s/tips' && "
	         "ln -s '%s/benchmarks' '%s/benchmarks'",
	         dir, dir, CSM_TEST_SRC, dir, CSM_TEST_SRC, dir, CSM_TEST_SRC, dir, CSM_TEST_SRC, dir);
	CHECK_INT(system(cmd), 0);
	return dir;
}

/* csm on a questionnaire with its own scale: score (text, JSON), validate,
 * questions, the forms and import; the commands of levels refuse it clearly. */
static void test_scale_questionnaire(void)
{
	const char *dir = scale_data_dir();
	char args[2000], ans[400], jsonl[400], wb[400];
	static const char *const refusing[][2] = {{"portfolio", "-o x.pdf"}, {"plan", ""}, {"whatif", "--set c1=done"},
	                                          {"trend", "SELF"}, {"merge", "SELF"}, {"radar", "-o x.svg"}};
	run_result r;
	size_t k;
	FILE *f;

	snprintf(ans, sizeof ans, "%s/sc.json", tmpdir);
	f = fopen(ans, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("{\"format\": \"csm-answers/1\", \"questionnaire\": \"scale-check\", \"organization\": {\"name\": \"Sakura Print\"},"
	      " \"assessed_on\": \"2026-11-20\", \"answers\": {\"c1\": \"done\", \"c2\": \"done\", \"c3\": \"一部実施している\","
	      " \"c4\": \"done\", \"c5\": \"unknown\", \"c6\": \"not_done\", \"c7\": \"done\", \"c8\": \"not_done\"}}\n", f);
	fclose(f);
	snprintf(args, sizeof args, "score '%s' --data-dir '%s' --lang en", ans, dir);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "Points 17 of 32   (don't know: 1, not answered: 0)");
	CHECK_HAS(r.out, "  Part 2  Employees       4 / 8\n");
	CHECK_HAS(r.out, "Step 1 of 4: start with the five basic measures");
	done(&r);
	snprintf(args, sizeof args, "score '%s' --data-dir '%s'", ans, dir);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "合計 17 点 / 32 点");
	CHECK_HAS(r.out, "SECURITY ACTION: 一つ星の宣言にはまだ届いていません");
	done(&r);
	snprintf(args, sizeof args, "score '%s' '%s' --data-dir '%s' --json", ans, ans, dir);
	r = run(args);
	CHECK_INT(r.status, 0);
	{ /* one document per line */
		char *nl = r.out ? strchr(r.out, '\n') : NULL;
		cJSON *doc = nl ? cJSON_ParseWithLength(r.out, (size_t)(nl - r.out)) : NULL;
		CHECK(doc != NULL);
		CHECK_INT(cJSON_GetObjectItemCaseSensitive(doc, "points") ? cJSON_GetObjectItemCaseSensitive(doc, "points")->valueint : -99, 17);
		cJSON_Delete(doc);
		doc = nl ? cJSON_Parse(nl + 1) : NULL; /* the second file's line */
		CHECK(doc != NULL);
		cJSON_Delete(doc);
	}
	done(&r);
	snprintf(args, sizeof args, "validate '%s' --data-dir '%s'", ans, dir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	/* a bad choice: file, item, what is expected; nothing on stdout */
	snprintf(jsonl, sizeof jsonl, "%s/bad-sc.csv", tmpdir);
	f = fopen(jsonl, "w");
	if (f) {
		fputs("item,level\nc1,done\nc2,3\n", f);
		fclose(f);
	}
	snprintf(args, sizeof args, "score '%s' --questionnaire scale-check --data-dir '%s' --allow-partial", jsonl, dir);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "bad-sc.csv: row 3 (item c2): \"3\" is not a choice (expected done, partly, not_done, unknown, or empty)");
	CHECK_STR(r.out, "");
	done(&r);
	for (k = 0; k < sizeof refusing / sizeof refusing[0]; k++) {
		snprintf(args, sizeof args, "%s '%s' %s --data-dir '%s'", refusing[k][0], ans,
		         strcmp(refusing[k][1], "SELF") == 0 ? ans : refusing[k][1], dir);
		r = run(args);
		CHECK_INT(r.status, 2);
		if (!strstr(r.err ? r.err : "", "questionnaire scale-check is answered on its own scale and scored in points")) {
			fprintf(stderr, "  %s: %s\n", refusing[k][0], r.err ? r.err : "");
			CHECK(0);
		}
		done(&r);
	}
	/* the karte of a scale questionnaire is the small company's one-page report */
	snprintf(args, sizeof args, "karte '%s' --data-dir '%s' --lang en -o '%s/sme.pdf'", ans, dir, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.err, "");
	done(&r);
	snprintf(args, sizeof args, "%s/sme.pdf", tmpdir);
	{
		size_t n = 0;
		char *pdf = test_read(args, &n);
		CHECK(pdf && n > 1000 && memcmp(pdf, "%PDF-", 5) == 0);
		free(pdf);
	}
	snprintf(args, sizeof args, "karte '%s' --previous '%s' --data-dir '%s' -o '%s/sme2.pdf'", ans, ans, dir, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "karte: --previous and --actions follow up a questionnaire of levels, not scale-check");
	done(&r);
	snprintf(jsonl, sizeof jsonl, "%s/sc.jsonl", tmpdir);
	f = fopen(jsonl, "w");
	if (f) {
		fputs("{\"format\": \"csm-answers/1\", \"questionnaire\": \"scale-check\", \"organization\": {\"name\": \"S\"}, "
		      "\"answers\": {\"c1\": \"done\"}}\n", f);
		fclose(f);
	}
	/* aggregated and stored in points (sme_bench_cli.py tests them at length);
	 * an incomplete line stops a --strict run, nothing written */
	snprintf(args, sizeof args, "bench aggregate '%s' --questionnaire scale-check --strict --data-dir '%s'", jsonl, dir);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "sc.jsonl:1: item c2: missing (give one of done, partly, not_done, unknown)");
	CHECK_STR(r.out, "");
	done(&r);
	snprintf(args, sizeof args, "db init --db '%s/sc.db'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "db ingest --db '%s/sc.db' '%s' --data-dir '%s'", tmpdir, ans, dir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "db export --db '%s/sc.db' --questionnaire scale-check --min-group 1 --data-dir '%s'",
	         tmpdir, dir);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "\"points\":{\"max\":32,\"parts_max\":[");
	CHECK_HAS(r.out, "{\"key\":\"all\",\"n\":1,");
	done(&r);
	snprintf(args, sizeof args, "questions --questionnaire scale-check --lang en --data-dir '%s'", dir);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "  partly (2): Partly done\n");
	CHECK_HAS(r.out, "Part 3: Measures for the organization");
	CHECK(strstr(r.out ? r.out : "", "(null)") == NULL);
	done(&r);
	/* the forms: HTML prefilled, and the workbook read back */
	snprintf(args, sizeof args, "template --format html --prefill '%s' --data-dir '%s' --lang en", ans, dir);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "name=\"level-c5\" value=\"unknown\" checked>");
	done(&r);
	snprintf(wb, sizeof wb, "%s/sc.xlsx", tmpdir);
	snprintf(args, sizeof args, "template --format xlsx --prefill '%s' --data-dir '%s' -o '%s'", ans, dir, wb);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "import '%s' --data-dir '%s'", wb, dir);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "\"c3\":\t\"partly\"");
	CHECK_HAS(r.out, "\"c5\":\t\"unknown\"");
	done(&r);
}

/* csm board: the page of the follow-up example, its numbers the karte's and
 * its actions the first of csm plan --actions; bad input writes nothing. */
static void test_board(void)
{
	static const char *const ex = "examples/followup/kitamachi-";
	char args[2000], pdf[400], csv[400], txt[400], *text, *list, *line;
	const char *item[3] = {0};
	run_result r;
	int i;
	setenv("SOURCE_DATE_EPOCH", "1822435200", 1); /* 2027-10-02 */
	snprintf(pdf, sizeof pdf, "%s/board.pdf", tmpdir);
	snprintf(csv, sizeof csv, "%s/board-actions.csv", tmpdir);
	snprintf(txt, sizeof txt, "%s/board.txt", tmpdir);
	/* this year's action list, as csm plan writes it */
	snprintf(args, sizeof args, "plan %s2027.json --lang en --actions '%s'", ex, csv);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	list = test_read(csv, NULL);
	for (i = 0, line = list ? strchr(list, '\n') : NULL; line && i < 3; i++) {
		item[i] = line + 1;
		if ((line = strchr(line + 1, '\n')))
			line[0] = '\0';
		*strchr(item[i], ',') = '\0';
	}
	CHECK(item[2] != NULL);
	/* the page: the earlier ones in any order */
	snprintf(args, sizeof args,
	         "board %s2027.json --previous %s2025.json --previous %s2026.json --actions examples/followup/actions-edited.csv "
	         "--lang en -o '%s'",
	         ex, ex, ex, pdf);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "");
	CHECK_STR(r.err, "");
	done(&r);
	snprintf(args, sizeof args, "pdftotext -enc UTF-8 '%s' '%s'", pdf, txt);
	CHECK_INT(system(args), 0);
	text = test_read(txt, NULL);
	CHECK_HAS(text, "Kitamachi Precision Machinery Co.");
	CHECK_HAS(text, "Grade B, with an overall score of 3.2 out of 5.");
	CHECK_HAS(text, "Since the last assessment (2026-10-20): grade B → B,");
	CHECK_HAS(text, "2.65 C");
	CHECK_HAS(text, "(percentile 73 on the karte)");
	CHECK_HAS(text, "1. Cover the whole supply chain, partners and contractors (directive 9)");
	CHECK_HAS(text, "Now 2.0 out of 5; companies of grade A average 4.1: 2.1 behind.");
	for (i = 0; i < 3; i++) {
		char want[64];
		snprintf(want, sizeof want, "(checklist item %s: level", item[i] ? item[i] : "?");
		CHECK_HAS(text, want);
	}
	CHECK_HAS(text, "10 actions were agreed: 3 done, 1 in progress, 5 not started, 1 dropped (as of 2027-10-02).");
	CHECK_HAS(text, "5 are past their due date and not done.");
	free(text);
	free(list);
	/* the same numbers in the full karte given the latest as --previous */
	snprintf(args, sizeof args, "karte %s2027.json --previous %s2026.json --actions examples/followup/actions-edited.csv "
	         "--lang en -o '%s/board-karte.pdf'", ex, ex, tmpdir);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "pdftotext -enc UTF-8 '%s/board-karte.pdf' '%s'", tmpdir, txt);
	CHECK_INT(system(args), 0);
	text = test_read(txt, NULL);
	CHECK_HAS(text, "grade B -> B overall 3.1 -> 3.2");
	CHECK_HAS(text, "percentile 73");
	CHECK_HAS(text, "(10: 5 open, 1 in progress, 3 done, 1 dropped; on 2027-10-02)");
	free(text);
	/* Japanese */
	snprintf(args, sizeof args, "board %s2027.json --previous %s2026.json -o '%s'", ex, ex, pdf);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "pdftotext -enc UTF-8 '%s' - | tr -d ' \\n' > '%s'", pdf, txt);
	CHECK_INT(system(args), 0);
	text = test_read(txt, NULL);
	CHECK_HAS(text, "前回（2026-10-20）から:成熟度B→B、総合スコア3.1→3.2。");
	CHECK_HAS(text, "放置すると:");
	CHECK(text && !strstr(text, "昨年度の対策の状況")); /* no --actions */
	free(text);
	/* weights, as the karte says them */
	snprintf(args, sizeof args, "board %s2027.json --weights 2,1,1,1,1,1,1,1,1,1 --lang en -o '%s'", ex, pdf);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "pdftotext -enc UTF-8 '%s' - | tr '\n' ' ' > '%s'", pdf, txt);
	CHECK_INT(system(args), 0);
	text = test_read(txt, NULL);
	CHECK_HAS(text, "The overall score weighs the areas with weights the company set.");
	CHECK_HAS(text, "No earlier assessment to compare with yet.");
	free(text);
	unlink(pdf);
	/* bad input: nothing written */
	snprintf(args, sizeof args, "board %s2027.json --previous examples/aozora-bank.json -o '%s'", ex, pdf);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "must be of the same organization");
	CHECK(access(pdf, F_OK) != 0);
	done(&r);
	snprintf(args, sizeof args, "board %s2026.json --previous %s2027.json -o '%s'", ex, ex, pdf);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK_HAS(r.err, "kitamachi-2027.json: assessed_on: \"2027-09-30\" is after");
	CHECK(access(pdf, F_OK) != 0);
	done(&r);
	snprintf(args, sizeof args, "board %s2027.json --actions test/data/items-v2.tsv -o '%s'", ex, pdf);
	r = run(args);
	CHECK_INT(r.status, 2);
	CHECK(access(pdf, F_OK) != 0);
	done(&r);
	snprintf(args, sizeof args, "board %s2027.json --previous %s2026.json -o %s2026.json", ex, ex, ex);
	r = run(args);
	CHECK_INT(r.status, 1);
	done(&r);
	r = run("board examples/aozora-bank.json examples/kitamachi-machinery.json");
	CHECK_INT(r.status, 1);
	CHECK_HAS(r.err, "board: give one answers file");
	done(&r);
	snprintf(args, sizeof args, "board examples/aozora-bank.json -o '%s/board.png'", tmpdir);
	r = run(args);
	CHECK_INT(r.status, 1);
	done(&r);
	r = run("help board");
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out, "csm board FILE [--previous OLD.json]...");
	done(&r);
	unsetenv("SOURCE_DATE_EPOCH");
}

/* An ISAC's own export may withhold a grade's group (fewer than k members of
 * that grade): every report still runs, keeps the grade, and says which
 * group is withheld instead of failing. */
static void test_withheld_target_group(void)
{
	char path[300], args[1200], pdf[300];
	cJSON *doc = source_doc("benchmarks/beta-2020.json"), *groups, *g;
	run_result r;
	int i;
	if (!doc)
		return;
	groups = cJSON_GetObjectItem(doc, "groups");
	for (i = 0; (g = cJSON_GetArrayItem(groups, i)); i++)
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(g, "key")), "grade:A") == 0) {
			cJSON_DeleteItemFromArray(groups, i);
			break;
		}
	snprintf(path, sizeof path, "%s/noA.json", tmpdir);
	write_doc(path, doc);
	/* Kitamachi is grade B: its target, grade A, is withheld */
	snprintf(args, sizeof args, "score examples/kitamachi-machinery.json --benchmark '%s' --lang en", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out ? r.out : "", "Grade B");
	CHECK_HAS(r.out ? r.out : "", "withholds the group grade:A");
	CHECK_HAS(r.out ? r.out : "", "Hints (from the company's lowest directives)");
	done(&r);
	snprintf(args, sizeof args, "score examples/kitamachi-machinery.json --benchmark '%s' --lang ja", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	CHECK_HAS(r.out ? r.out : "", "grade:A のグループを公開していない");
	done(&r);
	snprintf(pdf, sizeof pdf, "%s/noA-board.pdf", tmpdir);
	snprintf(args, sizeof args,
	         "board examples/followup/kitamachi-2027.json --previous examples/followup/kitamachi-2026.json "
	         "--benchmark '%s' --lang en -o '%s'", path, pdf);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	if (have("pdftotext")) {
		static const char *const want[] = {"Grade B, with an overall score of 3.2 out of 5.",
		                                   "withholds the group grade:A", "The next three actions"};
		snprintf(args, sizeof args, "pdftotext -raw '%s' -", pdf);
		check_extract(args, want, sizeof want / sizeof want[0]);
	}
	snprintf(pdf, sizeof pdf, "%s/noA-karte.pdf", tmpdir);
	snprintf(args, sizeof args, "karte examples/kitamachi-machinery.json --benchmark '%s' -o '%s'", path, pdf);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
	snprintf(args, sizeof args, "plan examples/kitamachi-machinery.json --benchmark '%s'", path);
	r = run(args);
	CHECK_INT(r.status, 0);
	done(&r);
}

int main(int argc, char **argv)
{
	char cmd[300];
	int rc;
	if (argc < 2) {
		fprintf(stderr, "usage: test_cli PATH_TO_CSM\n");
		return 2;
	}
	csm_bin = argv[1];
	snprintf(tmpdir, sizeof tmpdir, "/tmp/csm-test-cli.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 2;
	RUN_TEST(test_version_and_help);
	RUN_TEST(test_score_examples_json);
	RUN_TEST(test_many_files_in_order);
	RUN_TEST(test_csv_equals_json);
	RUN_TEST(test_text_and_languages);
	RUN_TEST(test_old_industry_ids);
	RUN_TEST(test_validate_template_questions);
	RUN_TEST(test_scale_questionnaire);
	RUN_TEST(test_forms);
	RUN_TEST(test_outputs_are_atomic);
	RUN_TEST(test_radar);
	RUN_TEST(test_karte_cli);
	RUN_TEST(test_content_commands);
	RUN_TEST(test_gate_warnings);
	RUN_TEST(test_aggregate_and_db);
	RUN_TEST(test_planning_and_raters);
	RUN_TEST(test_trend);
	RUN_TEST(test_compare_like_with_like);
	RUN_TEST(test_withheld_target_group);
	RUN_TEST(test_bench_build_shipped);
	RUN_TEST(test_target_polygon);
	RUN_TEST(test_portfolio);
	RUN_TEST(test_killed_midway);
	RUN_TEST(test_hostile_pdf);
	RUN_TEST(test_karte_sigterm);
	RUN_TEST(test_input_files);
	RUN_TEST(test_sizes_and_places);
	RUN_TEST(test_bad_inputs);
	RUN_TEST(test_targets_and_actions);
	RUN_TEST(test_board);
	RUN_TEST(test_output_places);
	RUN_TEST(test_many_questionnaires);
	RUN_TEST(test_db_list_escapes);
	RUN_TEST(test_signal_cleans_up);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	rc = system(cmd);
	(void)rc;
	if (!have("gs") && t_fail == 0) {
		test_finish();
		printf("gs (ghostscript) is not installed: the Ghostscript checks did not run\n");
		return 77;
	}
	return test_finish();
}
