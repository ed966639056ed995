// Runs the 22 TPC-H queries through QueryEngine's Flight SQL server with the arrow-rs Flight SQL client
// (@lakehouse-rs/flight-sql-client, basic authentication), decodes each result with apache-arrow, and compares it
// with the reference answers by the rules of shared/tpch/README.md (the same rules as the C# AnswerComparer:
// same shape, rows in order, exact columns equal as text, numeric columns within 0.01 and 1% relative below 1).
// Then checks getCatalogs / getDbSchemas / getTables (schemas and contents).
// Usage: node flight-sql-tpch.mjs PORT USER PASSWORD TPCH_ROOT SCHEMA
// Prints "ok <name>" or "FAIL <name>: <why>" per check; exits 1 when anything failed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFlightSqlClient } from '@lakehouse-rs/flight-sql-client';
import { tableFromIPC, DataType } from 'apache-arrow';

const [port, username, password, tpchRoot, schemaName] = process.argv.slice(2);
const client = await createFlightSqlClient({ host: '127.0.0.1', port: Number(port), tls: false, headers: [], username, password });
let failures = 0;
const report = (name, problem) => {
  if (problem) { failures++; console.log(`FAIL ${name}: ${problem}`); } else console.log(`ok ${name}`);
};

function render(value, type) {
  if (value === null || value === undefined) return 'NULL';
  if (DataType.isDecimal(type)) {
    const digits = String(value).replace(/"/g, '');
    const negative = digits.startsWith('-');
    const abs = (negative ? digits.slice(1) : digits).padStart(type.scale + 1, '0');
    const text = type.scale > 0 ? abs.slice(0, abs.length - type.scale) + '.' + abs.slice(abs.length - type.scale) : abs;
    return (negative ? '-' : '') + text;
  }
  if (DataType.isDate(type)) return new Date(Number(value)).toISOString().slice(0, 10);
  return String(value);
}

function compare(table, answerFile, numeric) {
  const lines = readFileSync(answerFile, 'utf8').split('\n');
  const expected = lines.slice(1).filter((l) => l.length > 0 || lines.length === 2).map((l) => l.split('|'));
  if (table.numRows !== expected.length) return `expected ${expected.length} rows, got ${table.numRows}`;
  const fields = table.schema.fields;
  const columns = fields.map((_, i) => table.getChildAt(i));
  for (let r = 0; r < expected.length; r++) {
    if (expected[r].length !== fields.length) return `row ${r + 1}: expected ${expected[r].length} columns, got ${fields.length}`;
    for (let c = 0; c < fields.length; c++) {
      const e = expected[r][c];
      const a = render(columns[c].get(r), fields[c].type);
      if (e === 'NULL' || a === 'NULL') {
        if (e !== a) return `row ${r + 1} column ${c + 1}: expected ${e}, got ${a}`;
        continue;
      }
      if (numeric[c]) {
        const ev = Number(e);
        const av = Number(a);
        if (Number.isNaN(av)) return `row ${r + 1} column ${c + 1}: expected ${e}, got non-numeric ${a}`;
        const diff = Math.abs(av - ev);
        const ok = diff <= 0.01 + 1e-9 && (Math.abs(ev) >= 1 || diff <= Math.max(0.01 * Math.abs(ev), 0.005) + 1e-12);
        if (!ok) return `row ${r + 1} column ${c + 1}: expected ${e}, got ${a}`;
      } else if (e !== a) {
        return `row ${r + 1} column ${c + 1}: expected '${e}', got '${a}'`;
      }
    }
  }
  return null;
}

const columnsCsv = readFileSync(join(tpchRoot, 'answers', 'columns.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('|'));
for (let i = 1; i <= 22; i++) {
  const q = `q${String(i).padStart(2, '0')}`;
  try {
    const sql = readFileSync(join(tpchRoot, 'queries', `${q}.sql`), 'utf8').trim().replace(/;\s*$/, '');
    const table = tableFromIPC(await client.query(sql));
    const numeric = columnsCsv.filter((p) => p[0] === q).map((p) => p[4] === 'numeric');
    report(`tpch ${q}`, compare(table, join(tpchRoot, 'answers', 'sf0.01', `${q}.csv`), numeric));
  } catch (error) {
    report(`tpch ${q}`, String(error?.message ?? error));
  }
}

const describe = (table) => table.schema.fields.map((f) => `${f.name}:${f.type}${f.nullable ? '' : ' not null'}`).join(', ');
const column = (table, name) => { const v = table.getChild(name); return Array.from({ length: table.numRows }, (_, i) => v.get(i)); };
const check = async (name, run) => {
  try { report(name, await run()); } catch (error) { report(name, String(error?.message ?? error)); }
};

await check('getCatalogs', async () => {
  const t = tableFromIPC(await client.getCatalogs());
  if (describe(t) !== 'catalog_name:Utf8 not null') return `schema ${describe(t)}`;
  return JSON.stringify(column(t, 'catalog_name')) === '["awsdatacatalog"]' ? null : `catalogs ${JSON.stringify(column(t, 'catalog_name'))}`;
});
await check('getDbSchemas', async () => {
  const t = tableFromIPC(await client.getDbSchemas({ dbSchemaFilterPattern: 'tp%' }));
  if (describe(t) !== 'catalog_name:Utf8, db_schema_name:Utf8 not null') return `schema ${describe(t)}`;
  return JSON.stringify(column(t, 'db_schema_name')) === JSON.stringify([schemaName]) ? null : `schemas ${JSON.stringify(column(t, 'db_schema_name'))}`;
});
await check('getTables', async () => {
  const t = tableFromIPC(await client.getTables({ dbSchemaFilterPattern: schemaName, includeSchema: false }));
  const expected = 'catalog_name:Utf8, db_schema_name:Utf8, table_name:Utf8 not null, table_type:Utf8 not null';
  if (describe(t) !== expected) return `schema ${describe(t)}`;
  const names = JSON.stringify(column(t, 'table_name'));
  const want = JSON.stringify(['customer', 'lineitem', 'nation', 'orders', 'part', 'partsupp', 'region', 'supplier']);
  if (names !== want) return `tables ${names}`;
  return column(t, 'table_type').every((x) => x === 'TABLE') ? null : `types ${JSON.stringify(column(t, 'table_type'))}`;
});
await check('getTables includeSchema', async () => {
  const t = tableFromIPC(await client.getTables({ tableNameFilterPattern: 'nat_on', includeSchema: true }));
  const expected = 'catalog_name:Utf8, db_schema_name:Utf8, table_name:Utf8 not null, table_type:Utf8 not null, table_schema:Binary not null';
  if (describe(t) !== expected) return `schema ${describe(t)}`;
  if (t.numRows !== 1) return `${t.numRows} rows`;
  const inner = tableFromIPC(column(t, 'table_schema')[0]).schema;
  const fields = inner.fields.map((f) => `${f.name}:${f.type}`).join(', ');
  if (fields !== 'n_nationkey:Int32, n_name:Utf8, n_regionkey:Int32, n_comment:Utf8') return `table schema ${fields}`;
  const typeName = inner.fields[0].metadata.get('ARROW:FLIGHT:SQL:TYPE_NAME');
  return typeName === 'int' ? null : `TYPE_NAME metadata ${typeName}`;
});

console.log(failures === 0 ? 'all passed' : `${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
