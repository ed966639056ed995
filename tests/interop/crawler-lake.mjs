// Writes a small data lake with DuckDB for the crawler tests, the way Spark/Hive-style tools leave one behind.
// Usage: node crawler-lake.mjs OUTDIR
//   clicks/dt=YYYY-MM-DD/*.parquet  Hive-partitioned Parquet (COPY ... PARTITION_BY), a column added in the last partition
//   people/people.csv               CSV with a header
//   scores/scores.csv               CSV without a header
//   events/events.json              JSON lines with a nested struct and list
//   logs/2024/01/0N/logs.csv        CSV in unnamed (date) partition folders
//   plus _SUCCESS markers and .crc checksum files
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) throw new Error('usage: node crawler-lake.mjs OUTDIR');
const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await db.connect();
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const run = (sql) => con.run(sql);

await run(`COPY (SELECT 'page' || (i % 7) AS page, i * 3 AS ms, 'user' || (i % 5) AS "user",
                 '2024-01-0' || (1 + i % 2) AS dt
          FROM range(0, 40) t(i))
     TO ${q(join(out, 'clicks'))} (FORMAT parquet, PARTITION_BY (dt))`);
mkdirSync(join(out, 'clicks', 'dt=2024-01-03'), { recursive: true });
await run(`COPY (SELECT 'page' || (i % 3) AS page, i AS ms, 'user' || i AS "user", CASE WHEN i % 2 = 0 THEN 'ref' || i END AS referrer
          FROM range(0, 10) t(i))
     TO ${q(join(out, 'clicks', 'dt=2024-01-03', 'late.parquet'))} (FORMAT parquet)`);
writeFileSync(join(out, 'clicks', '_SUCCESS'), '');
writeFileSync(join(out, 'clicks', 'dt=2024-01-03', '.late.parquet.crc'), 'crc junk');

mkdirSync(join(out, 'people'), { recursive: true });
await run(`COPY (SELECT 'name' || i AS name, 20 + i AS age, i % 3 = 0 AS active FROM range(0, 12) t(i))
     TO ${q(join(out, 'people', 'people.csv'))} (FORMAT csv, HEADER true)`);

mkdirSync(join(out, 'scores'), { recursive: true });
await run(`COPY (SELECT i AS id, 'team' || (i % 4) AS team, i * 1.5 AS score FROM range(1, 21) t(i))
     TO ${q(join(out, 'scores', 'scores.csv'))} (FORMAT csv, HEADER false)`);
writeFileSync(join(out, 'scores', '_SUCCESS'), '');

mkdirSync(join(out, 'events'), { recursive: true });
await run(`COPY (SELECT i AS id, {'name': 'n' || i, 'tags': ['t' || i, 'x']} AS detail FROM range(0, 6) t(i))
     TO ${q(join(out, 'events', 'events.json'))} (FORMAT json)`);

for (const day of ['02', '03']) {
  const folder = join(out, 'logs', '2024', '01', day);
  mkdirSync(folder, { recursive: true });
  await run(`COPY (SELECT CASE WHEN i % 2 = 0 THEN 'info' ELSE 'warn' END AS level, i + ${Number(day) * 100} AS code FROM range(0, 5) t(i))
       TO ${q(join(folder, 'logs.csv'))} (FORMAT csv, HEADER true)`);
  writeFileSync(join(folder, '.logs.csv.crc'), 'crc junk');
}
