// Writes Avro object container files with avsc, for the crawler's Avro classification and schema inference tests.
// Usage: node avro-write.mjs OUTFILE [codec]   (codec: null (default) or deflate)
// The schema covers primitives, a nullable union, array, map, enum, fixed, a nested record and the date,
// timestamp-millis and decimal logical types; rows are written in three blocks.
import avro from 'avsc';

const [out, codec = 'null'] = process.argv.slice(2);
if (!out) throw new Error('usage: node avro-write.mjs OUTFILE [codec]');
const schema = {
  type: 'record',
  name: 'Sale',
  namespace: 'qe.test',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'Name', type: 'string' },
    { name: 'score', type: ['null', 'double'], default: null },
    { name: 'flag', type: 'boolean' },
    { name: 'small', type: 'int' },
    { name: 'ratio', type: 'float' },
    { name: 'raw', type: 'bytes' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attrs', type: { type: 'map', values: 'long' } },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
    { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 4 } },
    { name: 'address', type: { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }, { name: 'zip', type: ['null', 'int'] }] } },
    { name: 'billing', type: 'Address' },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
  ],
};
// Logical types whose values pass through unchanged: declaring them keeps their annotations in the written schema.
class PassThrough extends avro.types.LogicalType {
  _fromValue(value) { return value; }
  _toValue(value) { return value; }
  _export(attrs) {
    for (const key of ['precision', 'scale']) if (this._numbers?.[key] !== undefined) attrs[key] = this._numbers[key];
  }
}
class Decimal extends PassThrough {
  constructor(attrs, opts) {
    super(attrs, opts);
    this._numbers = { precision: attrs.precision, scale: attrs.scale };
  }
}
const type = avro.Type.forSchema(schema, { logicalTypes: { date: PassThrough, 'timestamp-millis': PassThrough, decimal: Decimal } });
const encoder = avro.createFileEncoder(out, type, { codec, blockSize: 64 });
for (let i = 0; i < 6; i++) {
  encoder.write({
    id: i,
    Name: 'n' + i,
    score: i % 2 === 0 ? null : i * 1.5,
    flag: i % 3 === 0,
    small: i,
    ratio: i / 4,
    raw: Buffer.from([i]),
    tags: ['t' + i],
    attrs: { k: i },
    kind: i % 2 === 0 ? 'A' : 'B',
    hash: Buffer.from([1, 2, 3, i]),
    address: { city: 'c' + i, zip: i % 2 === 0 ? null : 1000 + i },
    billing: { city: 'b' + i, zip: null },
    day: 19000 + i,
    at: 1700000000000 + i,
    amount: Buffer.from([0x01, i]),
  });
}
encoder.end();
