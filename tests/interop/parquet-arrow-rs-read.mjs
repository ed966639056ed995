// Reads Parquet files with arrow-rs's Parquet reader (compiled to WebAssembly: npm parquet-wasm), hands the Arrow
// table to arrow-js through an IPC stream and prints, for each file, a line "# <file> <rows>" and then its rows in the
// canonical rendering of parquet-canonical.mjs (the rules at the top of parquet-corpus.mjs), so they compare line by
// line with DuckDB's. Covers the types of the nested corpus files: integers, floating point, booleans, strings,
// binary, dates, timestamps, decimals, lists, structs and maps. Usage: node parquet-arrow-rs-read.mjs <file>...
import { readFileSync } from 'node:fs';
import { readParquet } from 'parquet-wasm/node';
import { tableFromIPC, Type } from 'apache-arrow';

const escape = (s) => s.replace(/[\\|\u0000-\u001f]/g, (c) => {
  if (c === '\\') return '\\\\';
  if (c === '|') return '\\|';
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
});

function bits(value, single) {
  if (Number.isNaN(value)) return 'NaN';
  const view = new DataView(new ArrayBuffer(8));
  if (single) {
    view.setFloat32(0, value);
    return 'f:' + view.getUint32(0).toString(16).padStart(8, '0');
  }
  view.setFloat64(0, value);
  return 'd:' + view.getBigUint64(0).toString(16).padStart(16, '0');
}

function decimal(value, scale) {
  // arrow-js hands decimals out as little-endian 32-bit words of the unscaled two's complement value.
  const words = value instanceof Uint32Array ? value : new Uint32Array(value.buffer ?? value);
  let unscaled = 0n;
  for (let i = words.length - 1; i >= 0; i--) unscaled = (unscaled << 32n) | BigInt(words[i]);
  const width = BigInt(words.length * 32);
  if (unscaled >> (width - 1n)) unscaled -= 1n << width;
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
  }
  return (negative ? '-' : '') + digits;
}

function render(value, type) {
  if (value === null || value === undefined) return 'NULL';
  switch (type.typeId) {
    case Type.Bool: return value ? 'true' : 'false';
    case Type.Int: return value.toString();
    case Type.Float: return bits(value, type.precision === 1);
    case Type.Utf8:
    case Type.LargeUtf8: return escape(value);
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary: return 'x:' + Buffer.from(value).toString('hex');
    case Type.Date: return String(Math.floor(Number(value) / 86400000));
    case Type.Timestamp: {
      const v = BigInt(value);
      if (type.unit === 3) return 'ns:' + v.toString();
      const micros = [v * 1000000n, v * 1000n, v][type.unit];
      return micros.toString();
    }
    case Type.Decimal: return decimal(value, type.scale);
    case Type.List:
    case Type.LargeList: {
      const items = [];
      for (let i = 0; i < value.length; i++) items.push(render(value.get(i), type.children[0].type));
      return '[' + items.join(',') + ']';
    }
    case Type.Struct:
      return '{' + type.children.map((f) => f.name + ':' + render(value[f.name], f.type)).join(',') + '}';
    case Type.Map: {
      const entry = type.children[0].type;
      const [keyType, valueType] = [entry.children[0].type, entry.children[1].type];
      const parts = [];
      for (const [k, v] of value) parts.push(render(k, keyType) + '=' + render(v, valueType));
      return '{' + parts.join(',') + '}';
    }
    default: throw new Error(`no canonical rendering for Arrow type ${type}`);
  }
}

const lines = [];
for (const path of process.argv.slice(2)) {
  const wasmTable = readParquet(new Uint8Array(readFileSync(path)));
  const table = tableFromIPC(wasmTable.intoIPCStream());
  const fields = table.schema.fields;
  lines.push(`# ${path} ${table.numRows}`);
  for (let r = 0; r < table.numRows; r++) {
    lines.push(fields.map((f, c) => render(table.getChildAt(c).get(r), f.type)).join('|'));
  }
}
process.stdout.write(lines.map((l) => l + '\n').join(''));
