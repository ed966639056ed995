// Writes a corpus of Parquet files with DuckDB and, beside each file, DuckDB's reading of its rows in the
// canonical text rendering that tests/Engine.Tests/Formats/Parquet/ParquetInteropTests.cs renders our reader's
// rows in. Usage: node parquet-corpus.mjs <empty folder>. Prints one line per file: "<name> <rows> <types>".
//
// Canonical rendering (one line per row, values joined by '|'):
//   NULL                  -> NULL
//   BOOLEAN               -> true | false
//   integers (any width, signed or unsigned) -> decimal digits
//   DECIMAL(p,s)          -> digits with exactly s decimals ("-0.50")
//   FLOAT / DOUBLE        -> "f:" / "d:" and the IEEE bits in hex (NaN -> "NaN")
//   DATE                  -> days since 1970-01-01
//   TIMESTAMP (seconds, millis, micros, with or without zone) -> microseconds since the epoch; TIMESTAMP_NS -> 'ns:' + nanoseconds
//   VARCHAR / UUID        -> the text with '\' '|' and control characters escaped (\\ \| \n \r \uXXXX)
//   BLOB                  -> "x:" and lower-case hex
//   LIST                  -> [v,v,...]     STRUCT -> {name:v,...}     MAP -> {k=v,...}
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from './parquet-canonical.mjs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node parquet-corpus.mjs <folder>');
  process.exit(2);
}

const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await db.connect();

// One expression per column over i in range(n); each is wrapped for the null density.
const columns = {
  b: `i % 3 = 0`,
  i8: `((i % 256) - 128)::TINYINT`,
  i16: `((i * 37) % 65536 - 32768)::SMALLINT`,
  i32: `((hash(i) % 4294967296)::BIGINT - 2147483648)::INTEGER`,
  i64: `((hash(i) >> 1)::BIGINT - 4611686018427387904)`,
  u8: `(i % 256)::UTINYINT`,
  u16: `((i * 7919) % 65536)::USMALLINT`,
  u32: `(hash(i) % 4294967296)::UINTEGER`,
  u64: `hash(i)::UBIGINT`,
  f: `CASE i % 97 WHEN 1 THEN 'inf'::FLOAT WHEN 2 THEN '-inf'::FLOAT WHEN 3 THEN 'nan'::FLOAT WHEN 4 THEN '-0.0'::FLOAT ELSE (i * 1.37 - 500)::FLOAT / 3 END`,
  d: `CASE i % 89 WHEN 1 THEN 'inf'::DOUBLE WHEN 2 THEN '-inf'::DOUBLE WHEN 3 THEN 'nan'::DOUBLE WHEN 4 THEN '-0.0'::DOUBLE ELSE (i - 700) / 7.0 END`,
  dec4: `(((i % 19999) - 9999) / 100.0)::DECIMAL(4,2)`,
  dec9: `(((hash(i) % 1999999999)::BIGINT - 999999999)::DECIMAL(9,0) * 0.001::DECIMAL(4,3))::DECIMAL(9,3)`,
  dec18: `(((hash(i) % 1999999999999999999)::HUGEINT - 999999999999999999)::DECIMAL(18,0) * 0.0001::DECIMAL(5,4))::DECIMAL(18,4)`,
  dec38: `(CASE WHEN i % 2 = 0 THEN '-' ELSE '' END || (hash(i) % 1000000000000000000)::VARCHAR || (hash(i + 1) % 1000000000)::VARCHAR || '.' || lpad((hash(i + 2) % 10000000000)::VARCHAR, 10, '0'))::DECIMAL(38,10)`,
  dt: `DATE '1970-01-01' + ((i * 13) % 80000 - 40000)::INTEGER`,
  ts: `TIMESTAMP '1970-01-01' + to_microseconds(((hash(i) % 8000000000000000)::BIGINT - 4000000000000000))`,
  tms: `(TIMESTAMP '1970-01-01' + to_milliseconds(((hash(i) % 8000000000000)::BIGINT - 4000000000000)))::TIMESTAMP_MS`,
  tns: `make_timestamp_ns(((hash(i) % 8000000000000000000)::BIGINT - 4000000000000000000))`,
  tz: `(TIMESTAMP '1970-01-01' + to_microseconds(((hash(i) % 4000000000000000)::BIGINT - 2000000000000000)))::TIMESTAMPTZ`,
  s: `CASE WHEN i % 50 = 0 THEN '' WHEN i % 51 = 0 THEN 'pipe|back\\slash' || chr(10) || 'nl' ELSE 'str-' || i || '-é漢😀-' || repeat('x', (i % 40)::INTEGER) END`,
  s_low: `['alpha', 'beta', 'gamma', 'δέλτα'][(i % 4 + 1)::INTEGER]`,
  e: `(['red', 'green', 'blue'][(i % 3 + 1)::INTEGER])::ENUM('red', 'green', 'blue')`,
  bl: `from_hex(lpad(to_hex(i * 7919), 8, '0'))`,
  u: `(substr(md5(i::VARCHAR), 1, 8) || '-' || substr(md5(i::VARCHAR), 9, 4) || '-' || substr(md5(i::VARCHAR), 13, 4) || '-' || substr(md5(i::VARCHAR), 17, 4) || '-' || substr(md5(i::VARCHAR), 21, 12))::UUID`,
};

function select(n, density, names = Object.keys(columns)) {
  const list = names.map((name) => {
    const e = columns[name];
    if (density === 0) return `${e} AS ${name}`;
    if (density === 100) return `CASE WHEN false THEN ${e} END AS ${name}`;
    return `CASE WHEN hash(i, '${name}') % 2 = 0 THEN NULL ELSE ${e} END AS ${name}`;
  });
  return `SELECT ${list.join(', ')} FROM range(${n}) r(i) ORDER BY i`;
}

const files = [];
for (const density of [0, 50, 100]) files.push({ name: `types_n${density}_snappy`, sql: select(1500, density), options: `COMPRESSION snappy` });
for (const codec of ['gzip', 'zstd', 'lz4_raw', 'uncompressed']) files.push({ name: `types_n50_${codec}`, sql: select(1500, 50), options: `COMPRESSION ${codec}` });
for (const density of [0, 50]) {
  files.push({ name: `types_n${density}_v2_snappy`, sql: select(3000, density), options: `COMPRESSION snappy, PARQUET_VERSION V2` });
  files.push({ name: `types_n${density}_v2_zstd`, sql: select(3000, density), options: `COMPRESSION zstd, PARQUET_VERSION V2` });
}
files.push({ name: 'types_n100_v2_uncompressed', sql: select(1000, 100), options: `COMPRESSION uncompressed, PARQUET_VERSION V2` });
files.push({ name: 'plain_no_dictionary', sql: select(2000, 50), options: `COMPRESSION snappy, DICTIONARY_SIZE_LIMIT 1` });
files.push({ name: 'plain_no_dictionary_v2', sql: select(2000, 0), options: `COMPRESSION gzip, PARQUET_VERSION V2, DICTIONARY_SIZE_LIMIT 1` });
files.push({ name: 'row_groups', sql: select(20000, 50, ['i64', 's', 's_low', 'dec18', 'dt', 'd']), options: `COMPRESSION zstd, ROW_GROUP_SIZE 2048` });
files.push({ name: 'row_groups_v2', sql: select(20000, 0, ['i32', 's', 'ts', 'dec9', 'f']), options: `COMPRESSION snappy, ROW_GROUP_SIZE 4096, PARQUET_VERSION V2` });
files.push({ name: 'long_strings', sql: `SELECT i, repeat(chr((65 + i % 26)::INTEGER), (i * 131) % 5000) AS s FROM range(3000) r(i) ORDER BY i`, options: `COMPRESSION snappy` });
const nested = (density) => {
  const n = (name, e) => (density === 0 ? `${e} AS ${name}` : `CASE WHEN hash(i, '${name}') % 2 = 0 THEN NULL ELSE ${e} END AS ${name}`);
  return `SELECT i AS id,
    ${n('li', `CASE WHEN i % 5 = 0 THEN []::BIGINT[] ELSE [i, NULL, i * 2] END`)},
    ${n('ls', `['a' || i, NULL, 'b|' || (i % 3)]`)},
    ${n('st', `{'x': i::INTEGER, 'y': CASE WHEN i % 4 = 0 THEN NULL ELSE 's' || i END, 'z': CASE WHEN i % 3 = 0 THEN NULL ELSE [i, i + 1] END}`)},
    ${n('mp', `MAP {'k' || i: i::INTEGER, 'q': CASE WHEN i % 2 = 0 THEN NULL ELSE i::INTEGER END}`)},
    ${n('lli', `[[i], []::BIGINT[], NULL, [i, NULL, i + 1]]`)},
    ${n('lst', `[{'a': i, 'b': [i::VARCHAR, NULL]}, NULL, {'a': NULL, 'b': NULL}]`)},
    ${n('sst', `{'inner': {'v': i % 10, 'w': CASE WHEN i % 6 = 0 THEN NULL ELSE {'deep': i::VARCHAR} END}}`)}
    FROM range(3000) r(i) ORDER BY i`;
};
files.push({ name: 'nested_n0', sql: nested(0), options: `COMPRESSION snappy` });
files.push({ name: 'nested_n50', sql: nested(50), options: `COMPRESSION zstd, ROW_GROUP_SIZE 1024` });
files.push({ name: 'nested_n50_v2', sql: nested(50), options: `COMPRESSION snappy, PARQUET_VERSION V2` });
// Deep nesting (lists of structs of lists of maps of lists of lists), maps of lists and of structs, NULL and empty at every
// level, and lists of up to 700 elements, so a page of whole rows holds many values.
files.push({
  name: 'nested_deep',
  sql: `SELECT i AS id,
    CASE WHEN i % 11 = 0 THEN NULL ELSE range(0, (i * 37) % 700) END AS big,
    CASE WHEN i % 13 = 0 THEN NULL WHEN i % 5 = 0 THEN MAP {}::MAP(VARCHAR, BIGINT[])
         ELSE MAP {'a' || i: CASE WHEN i % 3 = 0 THEN NULL WHEN i % 3 = 1 THEN []::BIGINT[] ELSE [i, NULL] END, 'z': [i]} END AS mnest,
    CASE WHEN i % 17 = 0 THEN NULL
         ELSE [{'p': CASE WHEN i % 2 = 0 THEN NULL ELSE [MAP {'k': [[i, NULL], NULL, []::INTEGER[]]}, NULL, MAP {}::MAP(VARCHAR, INTEGER[][])] END,
                'q': {'r': CASE WHEN i % 4 = 0 THEN NULL ELSE i % 4 = 1 END}}, NULL] END AS deep,
    CASE WHEN i % 9 = 0 THEN NULL ELSE MAP {i: {'s': 'v' || i, 't': CASE WHEN i % 2 = 0 THEN NULL ELSE i::DOUBLE / 3 END}} END AS mstruct
    FROM range(400) r(i) ORDER BY i`,
  options: `COMPRESSION snappy`,
});
files.push({ name: 'empty', sql: `${select(10, 0)} LIMIT 0`, options: `COMPRESSION snappy` });

for (const file of files) {
  const path = join(out, file.name + '.parquet');
  await con.run(`COPY (${file.sql}) TO '${path}' (FORMAT parquet, ${file.options})`);
  const result = await con.runAndReadAll(`SELECT * FROM read_parquet('${path}')`);
  const types = result.columnTypes();
  const lines = result.getRows().map((row) => row.map((v, c) => render(v, types[c])).join('|'));
  writeFileSync(join(out, file.name + '.expected'), lines.map((l) => l + '\n').join(''));
  console.log(`${file.name} ${lines.length} ${types.map((t) => t.toString().replace(/ /g, '_')).join(',')}`);
}
