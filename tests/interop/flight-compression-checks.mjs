// Compressed Flight SQL results: the same query fetched plain and with the `qe-ipc-compression` header
// (lz4_frame, zstd) through @grpc/grpc-js: the FlightData bodies must hold the codec's frames and apache-arrow,
// decoding them with the reference codecs of ipc-codecs.mjs, must get the same rows. Likewise with the
// `qe-ipc-dictionary: strings` header: dictionary batches come first and the string columns are dictionary-encoded. (The npm arrow-rs client,
// @lakehouse-rs/flight-sql-client 0.0.10, is built without arrow-rs's ipc_compression feature: it cannot decode
// compressed batches, which is why compression is off unless asked for.)
// Usage: node flight-compression-checks.mjs PORT USER PASSWORD PROTO_DIR
// Prints "ok <name>" or "FAIL <name>: <why>" per check; exits 1 when anything failed.
import grpc from '@grpc/grpc-js';
import { Message, MessageHeader, DataType } from 'apache-arrow';
import { useCodec } from './ipc-codecs.mjs';
import { ipc } from './flight-data.mjs';
import { flightProtocol, flightClient, handshake, checks, md } from './flight-client.mjs';

const [port, user, password, protoDir] = process.argv.slice(2);
useCodec();
const { flight, statement } = flightProtocol(protoDir);
const flightApi = flightClient(port);
const { client, unary, serverStream } = flightApi;
const { check, finish } = checks(90000);

const token = await handshake(flightApi, { flight }, user, password);
const info = (query) => unary('GetFlightInfo', flight('FlightDescriptor'), flight('FlightInfo'), statement(query), md(token));
const doGet = (ticket, codec, dictionary) => serverStream('DoGet', flight('Ticket'), flight('FlightData'), ticket,
  md(token, { 'qe-ipc-compression': codec, 'qe-ipc-dictionary': dictionary }));
// Rows as text, in order: what every variant must agree on.
const rows = (table) => {
  const columns = table.schema.fields.map((_, i) => table.getChildAt(i));
  const out = [];
  for (let r = 0; r < table.numRows; r++) out.push(columns.map((c) => String(c.get(r))).join('|'));
  return out;
};
const magic = { lz4_frame: Buffer.from([0x04, 0x22, 0x4d, 0x18]), zstd: Buffer.from([0x28, 0xb5, 0x2f, 0xfd]) };
const query = 'SELECT l_orderkey, l_linenumber, l_comment, l_extendedprice, l_shipdate FROM lineitem ORDER BY l_orderkey, l_linenumber';

const plainInfo = await info(query);
const plainData = await doGet(plainInfo.endpoint[0].ticket, null);
const plain = rows(ipc(plainData));
await check('plain result has the rows of lineitem', async () => (plain.length > 50000 ? null : `${plain.length} rows`));
await check('plain bodies are not compressed', async () =>
  (plainData.some((d) => Buffer.from(d.data_body ?? []).includes(magic.zstd) || Buffer.from(d.data_body ?? []).includes(magic.lz4_frame)) ? 'found a codec frame' : null));
for (const codec of ['lz4_frame', 'zstd']) {
  await check(`grpc-js + arrow-js: ${codec} result equals the plain one`, async () => {
    const i = await info(query);
    const data = await doGet(i.endpoint[0].ticket, codec);
    const bodyBytes = data.reduce((n, d) => n + (d.data_body?.length ?? 0), 0);
    const plainBytes = plainData.reduce((n, d) => n + (d.data_body?.length ?? 0), 0);
    if (!data.some((d) => Buffer.from(d.data_body ?? []).includes(magic[codec]))) return 'no compressed frame in the bodies';
    if (bodyBytes * 2 > plainBytes) return `bodies ${bodyBytes} bytes vs ${plainBytes} plain`;
    const got = rows(ipc(data));
    return JSON.stringify(got) === JSON.stringify(plain) ? null : `rows differ (${got.length} vs ${plain.length})`;
  });
}
await check('an unknown codec in the header is INVALID_ARGUMENT', async () => {
  try {
    await doGet((await info(query)).endpoint[0].ticket, 'brotli');
    return 'succeeded';
  } catch (error) {
    return error.code === grpc.status.INVALID_ARGUMENT ? null : `status ${error.code}`;
  }
});
// Dictionary-encoded strings: arrow-js sees Dictionary<Int32, Utf8> columns and the same rows as plain.
const dictionaryQuery = 'SELECT l_orderkey, l_linenumber, l_returnflag, l_shipmode, l_comment FROM lineitem ORDER BY l_orderkey, l_linenumber';
const dictionaryPlain = rows(ipc(await doGet((await info(dictionaryQuery)).endpoint[0].ticket, null)));
for (const codec of [null, 'zstd']) {
  await check(`grpc-js + arrow-js: dictionary-encoded strings${codec ? ' with ' + codec : ''} equal the plain result`, async () => {
    const data = await doGet((await info(dictionaryQuery)).endpoint[0].ticket, codec, 'strings');
    const kinds = data.map((d) => Message.decode(Buffer.from(d.data_header)).headerType);
    const dictionaries = kinds.filter((k) => k === MessageHeader.DictionaryBatch).length;
    if (dictionaries < 3) return `${dictionaries} dictionary batches, expected one per string column at least`;
    if (kinds.indexOf(MessageHeader.DictionaryBatch) > kinds.indexOf(MessageHeader.RecordBatch)) return 'a record batch came before the first dictionary batch';
    const table = ipc(data);
    const types = table.schema.fields.map((f) => String(f.type)).join(', ');
    if (types !== 'Int64, Int64, Dictionary<Int32, Utf8>, Dictionary<Int32, Utf8>, Dictionary<Int32, Utf8>') return `types ${types}`;
    if (!DataType.isDictionary(table.schema.fields[3].type)) return 'l_shipmode is not dictionary-encoded';
    const shipModes = table.getChildAt(3).data[table.getChildAt(3).data.length - 1].dictionary.length;
    if (shipModes !== 7) return `${shipModes} ship modes in the last dictionary, expected 7`;
    const got = rows(table);
    if (dictionaryPlain.length < 50000) return `${dictionaryPlain.length} plain rows`;
    return JSON.stringify(got) === JSON.stringify(dictionaryPlain) ? null : `rows differ (${got.length} vs ${dictionaryPlain.length})`;
  });
}
await check('an unknown qe-ipc-dictionary value is INVALID_ARGUMENT', async () => {
  try {
    await doGet((await info(query)).endpoint[0].ticket, null, 'everything');
    return 'succeeded';
  } catch (error) {
    return error.code === grpc.status.INVALID_ARGUMENT ? null : `status ${error.code}`;
  }
});
finish(client);
