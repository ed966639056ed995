// The canonical text rendering of DuckDB values shared by parquet-corpus.mjs and parquet-read.mjs (rules at the top
// of parquet-corpus.mjs); tests/Engine.Tests/Formats/Parquet/CanonicalRendering.cs renders our values the same way.
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const escape = (s) => s.replace(/[\\|\u0000-\u001f]/g, (c) => {
  if (c === '\\') return '\\\\';
  if (c === '|') return '\\|';
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
});

export function render(value, type) {
  if (value === null || value === undefined) return 'NULL';
  const kind = type.constructor.name;
  if (kind === 'DuckDBListType') return '[' + value.items.map((v) => render(v, type.valueType)).join(',') + ']';
  if (kind === 'DuckDBStructType') return '{' + type.entryNames.map((name, k) => name + ':' + render(value.entries[name], type.entryTypes[k])).join(',') + '}';
  if (kind === 'DuckDBMapType') return '{' + value.entries.map((e) => render(e.key, type.keyType) + '=' + render(e.value, type.valueType)).join(',') + '}';
  const t = type.toString();
  if (t === 'BOOLEAN') return value ? 'true' : 'false';
  if (t === 'FLOAT' || t === 'DOUBLE') {
    if (Number.isNaN(value)) return 'NaN';
    const view = new DataView(new ArrayBuffer(8));
    if (t === 'FLOAT') {
      view.setFloat32(0, value);
      return 'f:' + view.getUint32(0).toString(16).padStart(8, '0');
    }
    view.setFloat64(0, value);
    return 'd:' + view.getBigUint64(0).toString(16).padStart(16, '0');
  }
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return escape(value);
  if (t.startsWith('DECIMAL')) return value.toString();
  if (t === 'DATE') return String(value.days);
  if (t === 'TIMESTAMP' || t === 'TIMESTAMP WITH TIME ZONE') return value.micros.toString();
  if (t === 'TIMESTAMP_MS') return (value.millis * 1000n).toString();
  if (t === 'TIMESTAMP_NS') return 'ns:' + value.nanos.toString();
  if (t === 'TIMESTAMP_S') return (value.seconds * 1000000n).toString();
  if (t === 'BLOB') return 'x:' + hex(value.bytes);
  if (t === 'UUID') return escape(value.toString());
  throw new Error(`no canonical rendering for ${t}`);
}

