// Writes TPC-H lineitem as Parquet with DuckDB's defaults (snappy, its row groups and encodings) for the scan
// benchmark of `qe tpch bench --queries scan` (issue #3).
// usage: node write-lineitem.mjs <lineitem.tbl> <output.parquet> <threads>
import { DuckDBInstance } from '@duckdb/node-api';

const [tbl, output, threads] = process.argv.slice(2);
if (!tbl || !output || !threads) {
  console.error('usage: node write-lineitem.mjs <lineitem.tbl> <output.parquet> <threads>');
  process.exit(64);
}

const quote = (text) => `'${text.replaceAll("'", "''")}'`;
// The types of tpch/duckdb/bench.mjs; dbgen ends every line with '|', read as a last empty column left out.
const columns = [
  ['l_orderkey', 'BIGINT'], ['l_partkey', 'BIGINT'], ['l_suppkey', 'BIGINT'], ['l_linenumber', 'BIGINT'],
  ['l_quantity', 'DECIMAL(15,2)'], ['l_extendedprice', 'DECIMAL(15,2)'], ['l_discount', 'DECIMAL(15,2)'], ['l_tax', 'DECIMAL(15,2)'],
  ['l_returnflag', 'VARCHAR'], ['l_linestatus', 'VARCHAR'], ['l_shipdate', 'DATE'], ['l_commitdate', 'DATE'],
  ['l_receiptdate', 'DATE'], ['l_shipinstruct', 'VARCHAR'], ['l_shipmode', 'VARCHAR'], ['l_comment', 'VARCHAR'],
];
const spec = [...columns.map(([n, t]) => `${quote(n)}: ${quote(t)}`), `'_end': 'VARCHAR'`].join(', ');
const names = columns.map(([n]) => n).join(', ');

const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
await connection.run(`SET threads = ${Number(threads)}`);
await connection.run(
  `COPY (SELECT ${names} FROM read_csv(${quote(tbl)}, delim = '|', header = false, quote = '', escape = '', columns = {${spec}})) ` +
  `TO ${quote(output)} (FORMAT parquet, COMPRESSION snappy)`);
