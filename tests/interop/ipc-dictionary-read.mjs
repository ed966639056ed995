// Reads an Arrow IPC stream file with apache-arrow (arrow-js) batch by batch and prints one JSON line per record
// batch: {"rows", "columns": [{"name", "type", "dictionary": values of the batch's dictionary or null, "values"}]},
// so that a test sees how arrow-js applied dictionary batches (delta: appended; otherwise: replaced). Compressed
// bodies are decoded with the reference codecs of ipc-codecs.mjs.
// Usage: node ipc-dictionary-read.mjs FILE
import { readFileSync } from 'node:fs';
import { RecordBatchReader, DataType } from 'apache-arrow';
import { useCodec } from './ipc-codecs.mjs';

useCodec();

const render = (v) => (v === null || v === undefined ? null : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : String(v));
const reader = RecordBatchReader.from(readFileSync(process.argv[2]));
for (const batch of reader) {
  const columns = batch.schema.fields.map((field, i) => {
    const column = batch.getChildAt(i);
    const values = [];
    for (let r = 0; r < batch.numRows; r++) values.push(render(column.get(r)));
    const dictionary = DataType.isDictionary(field.type) ? [...column.data[0].dictionary].map(render) : null;
    return { name: field.name, type: String(field.type), dictionary, values };
  });
  console.log(JSON.stringify({ rows: batch.numRows, columns }));
}
