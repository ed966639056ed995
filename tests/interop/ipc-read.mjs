// Reads an Arrow IPC stream file with apache-arrow (arrow-js) and prints one JSON line per column:
// {"name", "type", "nullable", "metadata", "values"}; values are rendered as strings by arrow-js's own decoding, null as null.
// Compressed bodies (LZ4_FRAME, ZSTD) are decoded with the reference codecs of ipc-codecs.mjs.
// Usage: node ipc-read.mjs FILE
import { readFileSync } from 'node:fs';
import { tableFromIPC, DataType } from 'apache-arrow';
import { useCodec } from './ipc-codecs.mjs';

useCodec();

const table = tableFromIPC(readFileSync(process.argv[2]));
const render = (v) => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (v instanceof Map) return JSON.stringify([...v.entries()].map(([k, x]) => [render(k), render(x)]));
  if (typeof v === 'object' && typeof v.toJSON === 'function') return JSON.stringify(v.toJSON(), (_, x) => typeof x === 'bigint' ? x.toString() : x);
  if (typeof v === 'object' && v[Symbol.iterator]) return JSON.stringify([...v].map(render));
  return String(v);
};
// Decimal128 values: the unscaled integer as arrow-js prints it, with the point placed by the field's scale.
function decimal(v, scale) {
  const digits = String(v).replace(/"/g, '');
  const negative = digits.startsWith('-');
  const abs = (negative ? digits.slice(1) : digits).padStart(scale + 1, '0');
  const text = scale > 0 ? abs.slice(0, abs.length - scale) + '.' + abs.slice(abs.length - scale) : abs;
  return (negative ? '-' : '') + text;
}

console.log(JSON.stringify({ rows: table.numRows, batches: table.batches.length }));
for (const field of table.schema.fields) {
  const column = table.getChild(field.name);
  const values = [];
  for (let i = 0; i < table.numRows; i++) {
    const v = column.get(i);
    values.push(v !== null && DataType.isDecimal(field.type) ? decimal(v, field.type.scale) : render(v));
  }
  console.log(JSON.stringify({ name: field.name, type: String(field.type), nullable: field.nullable, metadata: Object.fromEntries(field.metadata), values }));
}
