// Writes an Arrow IPC stream with apache-arrow (arrow-js): two batches of three rows, a column per type the engine
// reads, with nulls, plus a dictionary-encoded string column (dictionary batches). The C# test reads it with our IPC
// reader and checks every value. CODEC (none, lz4_frame, zstd) compresses the record and dictionary batch bodies.
// Usage: node ipc-write.mjs FILE [CODEC]
import { writeFileSync } from 'node:fs';
import {
  Table, RecordBatch, makeData, Struct, Field, Schema, vectorFromArray, tableToIPC,
  Bool, Int8, Int16, Int32, Int64, Float32, Float64, Utf8, Binary, DateDay, DateMillisecond,
  TimestampMicrosecond, TimestampMillisecond, TimestampNanosecond, List, Map_, Decimal, Null, Dictionary,
  IntervalYearMonth, DurationMillisecond, DurationSecond, DurationNanosecond,
} from 'apache-arrow';
import { useCodec } from './ipc-codecs.mjs';

const compression = useCodec(process.argv[3] ?? 'none');

const columns = {
  b: vectorFromArray([true, null, false], new Bool()),
  i8: vectorFromArray([1, -2, null], new Int8()),
  i16: vectorFromArray([300, null, -300], new Int16()),
  i32: vectorFromArray([1 << 20, -5, 7], new Int32()),
  i64: vectorFromArray([2n ** 40n, null, -7n], new Int64()),
  f32: vectorFromArray([1.5, null, -2.25], new Float32()),
  f64: vectorFromArray([3.25, -1e10, null], new Float64()),
  s: vectorFromArray(['héllo', null, ''], new Utf8()),
  dict: vectorFromArray(['blue', null, 'blue'], new Dictionary(new Utf8(), new Int16())),
  bin: vectorFromArray([Uint8Array.from([1, 127]), new Uint8Array(0), null], new Binary()),
  d: vectorFromArray([0, null, 19000 * 86400000], new DateDay()),
  dms: vectorFromArray([86400000, -86400000, null], new DateMillisecond()),
  ts: vectorFromArray([1000, null, 1700000000123], new TimestampMillisecond()),
  tsus: vectorFromArray([1.5, null, 2], new TimestampMicrosecond('UTC')),
  tsns: vectorFromArray([1, 2, null], new TimestampNanosecond()),
  l: vectorFromArray([[1, 2], null, []], new List(new Field('item', new Int32(), true))),
  st: vectorFromArray([{ a: 1, b: 'x' }, null, { a: null, b: 'z' }],
    new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)])),
  m: vectorFromArray([new Map([['k', 1n]]), null, new Map()],
    new Map_(new Field('entries', new Struct([new Field('key', new Utf8(), false), new Field('value', new Int64(), true)]), false))),
};
// Decimal128(15, 2): 123.45, null, -0.01 as little-endian 32-bit words of the unscaled integers.
const words = new Uint32Array([12345, 0, 0, 0, 0, 0, 0, 0, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
const decimalType = new Decimal(2, 15, 128);
columns.dec = { data: [makeData({ type: decimalType, length: 3, nullCount: 1, nullBitmap: Uint8Array.from([0b101]), data: words })] };
columns.n = { data: [makeData({ type: new Null(), length: 3 })] };
// Intervals: months as interval(YEAR_MONTH); durations in milliseconds, seconds and nanoseconds (middle row null).
const middleNull = Uint8Array.from([0b101]);
columns.iym = { data: [makeData({ type: new IntervalYearMonth(), length: 3, nullCount: 1, nullBitmap: middleNull, data: Int32Array.from([14, 0, -3]) })] };
columns.dms2 = { data: [makeData({ type: new DurationMillisecond(), length: 3, nullCount: 1, nullBitmap: middleNull, data: BigInt64Array.from([90061001n, 0n, -500n]) })] };
columns.dsec = { data: [makeData({ type: new DurationSecond(), length: 3, nullCount: 1, nullBitmap: middleNull, data: BigInt64Array.from([3661n, 0n, -2n]) })] };
columns.dns = { data: [makeData({ type: new DurationNanosecond(), length: 3, nullCount: 1, nullBitmap: middleNull, data: BigInt64Array.from([1500000000n, 0n, 999999n]) })] };

const fields = Object.entries(columns).map(([name, v]) => new Field(name, v.data[0].type, name !== 'i32'));
const schema = new Schema(fields);
const batch = new RecordBatch(schema, makeData({
  type: new Struct(fields), length: 3, nullCount: 0, children: Object.values(columns).map((v) => v.data[0]),
}));
writeFileSync(process.argv[2], tableToIPC(new Table([batch, batch]), 'stream', compression));
