// DuckDB side of `qe tpch bench --vs duckdb`: a long-lived process so that runs can alternate with QueryEngine's.
// usage: node bench.mjs <data-folder> <format: tbl|parquet> <threads> <queries-folder>
// Reads one query name per line on stdin (q01..q22); answers one JSON line per query on stdout:
// {"query":"q01","ms":12.3,"rows":4} or {"query":"q01","error":"..."}. Timing covers execution and result transfer.
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const [folder, format, threads, queries] = process.argv.slice(2);
if (!folder || !format || !threads || !queries) {
  console.error('usage: node bench.mjs <data-folder> <tbl|parquet> <threads> <queries-folder>');
  process.exit(64);
}

const schema = {
  region: 'r_regionkey INTEGER, r_name VARCHAR, r_comment VARCHAR',
  nation: 'n_nationkey INTEGER, n_name VARCHAR, n_regionkey INTEGER, n_comment VARCHAR',
  supplier: 's_suppkey BIGINT, s_name VARCHAR, s_address VARCHAR, s_nationkey INTEGER, s_phone VARCHAR, s_acctbal DECIMAL(15,2), s_comment VARCHAR',
  customer: 'c_custkey BIGINT, c_name VARCHAR, c_address VARCHAR, c_nationkey INTEGER, c_phone VARCHAR, c_acctbal DECIMAL(15,2), c_mktsegment VARCHAR, c_comment VARCHAR',
  part: 'p_partkey BIGINT, p_name VARCHAR, p_mfgr VARCHAR, p_brand VARCHAR, p_type VARCHAR, p_size INTEGER, p_container VARCHAR, p_retailprice DECIMAL(15,2), p_comment VARCHAR',
  partsupp: 'ps_partkey BIGINT, ps_suppkey BIGINT, ps_availqty BIGINT, ps_supplycost DECIMAL(15,2), ps_comment VARCHAR',
  orders: 'o_orderkey BIGINT, o_custkey BIGINT, o_orderstatus VARCHAR, o_totalprice DECIMAL(15,2), o_orderdate DATE, o_orderpriority VARCHAR, o_clerk VARCHAR, o_shippriority INTEGER, o_comment VARCHAR',
  lineitem: 'l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber BIGINT, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR, l_comment VARCHAR',
};

const quote = (text) => `'${text.replaceAll("'", "''")}'`;

const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
await connection.run(`SET threads = ${Number(threads)}`);
for (const [table, columns] of Object.entries(schema)) {
  const path = join(folder, table);
  // A folder holding some of the tables (the scan benchmark's lineitem alone): views over the others would fail.
  if (!existsSync(path)) continue;
  if (format === 'parquet') {
    await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${quote(join(path, '*.parquet'))})`);
  } else {
    // Views, not tables: both engines read the files on every query. dbgen ends every line with '|': declare a
    // last empty column and leave it out of the view.
    const names = columns.split(', ').map((c) => c.split(' ')[0]);
    const spec = columns.split(', ').map((c) => { const [n, ...t] = c.split(' '); return `${quote(n)}: ${quote(t.join(' '))}`; });
    spec.push(`'_end': 'VARCHAR'`);
    await connection.run(
      `CREATE VIEW ${table} AS SELECT ${names.join(', ')} FROM read_csv(${quote(join(path, '*.tbl'))}, delim = '|', header = false, quote = '', escape = '', columns = {${spec.join(', ')}})`);
  }
}
process.stdout.write(JSON.stringify({ ready: true }) + '\n');

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const name = line.trim();
  if (!name) continue;
  try {
    const sql = readFileSync(join(queries, `${name}.sql`), 'utf8');
    const start = performance.now();
    const reader = await connection.runAndReadAll(sql);
    const rows = reader.getRows().length;
    const ms = performance.now() - start;
    process.stdout.write(JSON.stringify({ query: name, ms, rows }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ query: name, error: String(error?.message ?? error) }) + '\n');
  }
}
