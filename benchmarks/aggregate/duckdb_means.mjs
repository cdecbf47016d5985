// The DuckDB peer of `csm bench aggregate`: the ten directive means of `all`
// and of each industry over a JSON Lines file of csm-answers/1, the way an
// analyst without csm would compute them (read_ndjson, group by).
//
// usage: node duckdb_means.mjs FILE.jsonl QUESTIONNAIRE.json THREADS [CSM_EXPORT.json]
//
// A directive's score in one assessment is the mean of its answered levels
// (n/a and null left out); a group's mean is the mean of the scores it has.
// Items and their directives come from the questionnaire, as in csm.
// Prints one line of JSON: {"query_s": S, "groups": G, "checked": C, "max_diff": D}.
// With CSM_EXPORT.json it compares every mean of every group that both have
// (csm suppresses small groups) and exits 1 if one differs by more than 1e-9.
// Run by duckdb.sh, which installs @duckdb/node-api into a scratch folder
// and points NODE_PATH there.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [file, questionnaire, threads, csmExport] = process.argv.slice(2);
if (!file || !questionnaire || !threads) {
    console.error('usage: node duckdb_means.mjs FILE.jsonl QUESTIONNAIRE.json THREADS [CSM_EXPORT.json]');
    process.exit(2);
}
// ES modules ignore NODE_PATH: resolve the package from the scratch folder.
const require = createRequire(path.join(process.env.CSM_DUCKDB_DIR || process.cwd(), 'x.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));

const q = JSON.parse(readFileSync(questionnaire, 'utf8'));
const items = q.items.map((i) => i.id);
const dirs = q.items.map((i) => i.directive);
const quote = (s) => "'" + String(s).replaceAll("'", "''") + "'";
const paths = '[' + items.map((i) => quote('$."' + i + '"')).join(',') + ']';
const sql = `
WITH a AS (SELECT row_number() OVER () AS id, organization.industry AS ind,
                  json_extract(answers, ${paths}) AS vs
           FROM read_ndjson(${quote(file)},
                            columns = {organization: 'STRUCT(industry VARCHAR)', answers: 'JSON'})),
e AS (SELECT id, ind, unnest(vs) AS v, unnest([${dirs.join(',')}]) AS d FROM a),
s AS (SELECT id, ind, d,
             avg(TRY_CAST(CASE WHEN json_type(v) = 'OBJECT' THEN v->>'level' ELSE v->>'$' END AS INTEGER)) AS sc
      FROM e GROUP BY id, ind, d)
SELECT 'all' AS g, d, avg(sc) AS m FROM s GROUP BY d
UNION ALL
SELECT 'industry:' || ind, d, avg(sc) FROM s WHERE ind IS NOT NULL GROUP BY ind, d`;

const t0 = performance.now();
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
const rows = (await con.runAndReadAll(sql)).getRows();
const t1 = performance.now();

const means = new Map(); // group -> [10 means]
for (const [g, d, m] of rows) {
    if (!means.has(g)) means.set(g, Array(10).fill(null));
    means.get(g)[Number(d) - 1] = m;
}
let checked = 0, maxDiff = 0, status = 0;
if (csmExport) {
    const ex = JSON.parse(readFileSync(csmExport, 'utf8'));
    for (const grp of ex.groups) {
        const mine = means.get(grp.key);
        if (!mine) continue; // grades, sizes, years: not computed here
        for (let d = 0; d < 10; d++) {
            const a = grp.mean[d], b = mine[d];
            if ((a === null) !== (b === null)) {
                console.error(`${grp.key} d${d + 1}: csm ${a}, DuckDB ${b}`);
                status = 1;
                continue;
            }
            if (a === null) continue;
            const diff = Math.abs(a - b);
            maxDiff = Math.max(maxDiff, diff);
            if (diff > 1e-9) {
                console.error(`${grp.key} d${d + 1}: csm ${a}, DuckDB ${b}`);
                status = 1;
            }
            checked++;
        }
    }
    if (checked === 0) {
        console.error('no group in common with the csm export');
        status = 1;
    }
}
console.log(JSON.stringify({ query_s: (t1 - t0) / 1000, groups: means.size, checked, max_diff: maxDiff }));
process.exit(status);
