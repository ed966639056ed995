// Reads Parquet files with DuckDB and prints, for each, a line "# <file> <rows>" and then its rows in the canonical
// rendering of parquet-canonical.mjs. Usage: node parquet-read.mjs <file>...
import { DuckDBInstance } from '@duckdb/node-api';
import { render } from './parquet-canonical.mjs';

const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await db.connect();
const lines = [];
for (const path of process.argv.slice(2)) {
  const result = await con.runAndReadAll(`SELECT * FROM read_parquet('${path.replace(/'/g, "''")}')`);
  const types = result.columnTypes();
  const rows = result.getRows();
  lines.push(`# ${path} ${rows.length}`);
  for (const row of rows) lines.push(row.map((v, c) => render(v, types[c])).join('|'));
}
process.stdout.write(lines.map((l) => l + '\n').join(''));
