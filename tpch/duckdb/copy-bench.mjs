// DuckDB side of the CTAS benchmark (docs/BENCHMARKS.md): reads TPC-H lineitem text and writes it as one
// Parquet file with SNAPPY compression, timing the COPY statement.
// usage: node copy-bench.mjs <lineitem.tbl> <out.parquet> <threads>
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output, threads] = process.argv.slice(2);
if (!input || !output || !threads) {
  console.error('usage: node copy-bench.mjs <lineitem.tbl> <out.parquet> <threads>');
  process.exit(64);
}
const columns = "{l_orderkey: 'BIGINT', l_partkey: 'BIGINT', l_suppkey: 'BIGINT', l_linenumber: 'INTEGER', l_quantity: 'DECIMAL(15,2)', " +
  "l_extendedprice: 'DECIMAL(15,2)', l_discount: 'DECIMAL(15,2)', l_tax: 'DECIMAL(15,2)', l_returnflag: 'VARCHAR', l_linestatus: 'VARCHAR', " +
  "l_shipdate: 'DATE', l_commitdate: 'DATE', l_receiptdate: 'DATE', l_shipinstruct: 'VARCHAR', l_shipmode: 'VARCHAR', l_comment: 'VARCHAR'}";
const quote = (text) => `'${text.replaceAll("'", "''")}'`;
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await db.connect();
const started = performance.now();
await connection.run(
  `COPY (SELECT * FROM read_csv(${quote(input)}, delim = '|', header = false, columns = ${columns})) ` +
  `TO ${quote(output)} (FORMAT parquet, COMPRESSION snappy)`);
console.log(`${(performance.now() - started).toFixed(1)} ms`);
