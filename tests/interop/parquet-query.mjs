// Runs SQL statements with DuckDB and prints the first value of each result, one per line.
// Usage: node parquet-query.mjs "<sql>"...
import { DuckDBInstance } from '@duckdb/node-api';

const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await db.connect();
const lines = [];
for (const sql of process.argv.slice(2)) {
  const result = await con.runAndReadAll(sql);
  lines.push(String(result.getRows()[0][0]));
}
process.stdout.write(lines.map((l) => l + '\n').join(''));
