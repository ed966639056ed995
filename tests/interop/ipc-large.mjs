// Large compressed IPC streams both ways with apache-arrow (arrow-js) and the reference codecs of ipc-codecs.mjs.
// The table: ROWS rows in batches of 10000; v int64 = i % 10, s utf8 = 'row' + (i % 7),
// d dictionary<int32, utf8> = ['red', 'green', 'blue'][i % 3], n int32 = i, null where i % 5 == 0.
//   node ipc-large.mjs write FILE ROWS CODEC   writes that table (CODEC: none, lz4_frame, zstd)
//   node ipc-large.mjs read FILE               prints {"rows", "batches", "sumV", "row3", "blue", "nulls", "sumN"}
import { readFileSync, writeFileSync } from 'node:fs';
import { tableFromIPC, tableToIPC, vectorFromArray, Int64, Int32, Utf8, Dictionary, Table } from 'apache-arrow';
import { useCodec } from './ipc-codecs.mjs';

const [mode, file, rowsText, codec] = process.argv.slice(2);
if (mode === 'write') {
  const compression = useCodec(codec);
  const rows = Number(rowsText);
  const colors = ['red', 'green', 'blue'];
  // One dictionary type for every batch (same id, so one schema); each batch brings its own dictionary, which the
  // writer sends as a replacement or delta dictionary batch.
  const dictionaryType = new Dictionary(new Utf8(), new Int32());
  const batches = [];
  for (let start = 0; start < rows; start += 10000) {
    const count = Math.min(10000, rows - start);
    const index = Array.from({ length: count }, (_, k) => start + k);
    batches.push(...new Table({
      v: vectorFromArray(index.map((i) => BigInt(i % 10)), new Int64()),
      s: vectorFromArray(index.map((i) => `row${i % 7}`), new Utf8()),
      d: vectorFromArray(index.map((i) => colors[i % 3]), dictionaryType),
      n: vectorFromArray(index.map((i) => (i % 5 === 0 ? null : i)), new Int32()),
    }).batches);
  }
  writeFileSync(file, tableToIPC(new Table(batches), 'stream', compression));
} else {
  useCodec();
  const table = tableFromIPC(readFileSync(file));
  let sumV = 0n; let row3 = 0; let blue = 0; let nulls = 0; let sumN = 0;
  const [v, s, d, n] = ['v', 's', 'd', 'n'].map((name) => table.getChild(name));
  for (let i = 0; i < table.numRows; i++) {
    sumV += BigInt(v.get(i));
    if (s.get(i) === 'row3') row3++;
    if (d.get(i) === 'blue') blue++;
    const x = n.get(i);
    if (x === null) nulls++; else sumN += x;
  }
  console.log(JSON.stringify({ rows: table.numRows, batches: table.batches.length, sumV: Number(sumV), row3, blue, nulls, sumN }));
}
