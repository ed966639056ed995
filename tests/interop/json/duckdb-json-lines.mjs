// Writes a JSON-lines file with DuckDB and prints DuckDB's own aggregates over it, for JsonInteropTests.
// usage: node duckdb-json-lines.mjs <output-folder>
// Output: one JSON object {"file": ..., "rows": ..., "aggregates": {name: text}} on stdout.
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node duckdb-json-lines.mjs <output-folder>');
  process.exit(64);
}
const file = join(folder, 'data.json');
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run(`
  CREATE TABLE t AS
  SELECT i AS id,
         CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 37) % 1000 - 500 END::INTEGER AS small,
         (i * 1000003)::BIGINT AS big,
         CASE WHEN i % 11 = 0 THEN NULL ELSE i / 8.0 END::DOUBLE AS dbl,
         ((i * 13) % 100000)::DECIMAL(12,2) / 100 AS dec,
         'name ' || i || CASE WHEN i % 5 = 0 THEN ' "quoted" é ✓ \\ back' ELSE '' END AS txt,
         DATE '2020-01-01' + (i % 1000)::INTEGER AS day,
         TIMESTAMP '2021-06-01 00:00:00' + to_seconds(i * 61) AS ts,
         i % 3 = 0 AS flag,
         [i % 4, i % 5, NULL] AS nums,
         {'a': i % 9, 'b': 'x' || (i % 3)} AS rec
  FROM range(0, 5000) r(i)`);
await c.run(`COPY t TO '${file.replaceAll("'", "''")}' (FORMAT JSON)`);
const reader = await c.runAndReadAll(`
  SELECT count(*)::VARCHAR, count(small)::VARCHAR, sum(small)::VARCHAR, sum(big)::VARCHAR, count(dbl)::VARCHAR,
         sum(dbl)::VARCHAR, sum(dec)::VARCHAR, min(txt), max(txt), sum(length(txt))::VARCHAR,
         min(day)::VARCHAR, max(day)::VARCHAR, strftime(min(ts), '%Y-%m-%d %H:%M:%S'), strftime(max(ts), '%Y-%m-%d %H:%M:%S'),
         count_if(flag)::VARCHAR, count(nums)::VARCHAR, count(rec)::VARCHAR
  FROM t`);
const names = ['rows', 'count_small', 'sum_small', 'sum_big', 'count_dbl', 'sum_dbl', 'sum_dec', 'min_txt', 'max_txt', 'sum_len_txt',
  'min_day', 'max_day', 'min_ts', 'max_ts', 'count_flag', 'count_nums', 'count_rec'];
const row = reader.getRows()[0];
const aggregates = Object.fromEntries(names.map((n, i) => [n, row[i]]));
process.stdout.write(JSON.stringify({ file, aggregates }) + '\n');
