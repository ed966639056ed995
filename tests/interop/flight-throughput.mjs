// Throughput of QueryEngine's Flight SQL server (a benchmark, not a test): streams the result of QUERY RUNS times
// (after one warm-up) with the arrow-rs client (@lakehouse-rs/flight-sql-client, decoded to a table) and with
// @grpc/grpc-js DoGet (raw FlightData, bodies plain and compressed with the qe-ipc-compression header), and prints
// rows/s and MB/s (IPC body bytes on the wire, 10^6 bytes) per variant: median and best of the runs.
// Usage: node flight-throughput.mjs PORT USER PASSWORD PROTO_DIR RUNS QUERY [VARIANTS]
// VARIANTS: a comma-separated subset of rs,plain,lz4_frame,zstd (default: all four).
import { join } from 'node:path';
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { tableFromIPC, Message, MessageHeader } from 'apache-arrow';
import { createFlightSqlClient } from '@lakehouse-rs/flight-sql-client';

const [port, user, password, protoDir, runsText, query, variantsText] = process.argv.slice(2);
const variants = new Set((variantsText ?? 'rs,plain,lz4_frame,zstd').split(','));
const runs = Number(runsText);
const root = new protobuf.Root();
root.resolvePath = (_, target) => (target.startsWith('google/') ? target : join(protoDir, target));
root.loadSync(['Flight.proto', 'FlightSql.proto'], { keepCase: true });
root.add(protobuf.Type.fromJSON('Any', { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } }));
const flight = (name) => root.lookupType(`arrow.flight.protocol.${name}`);
const Any = root.lookupType('Any');
const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': -1 });
const path = (m) => `/arrow.flight.protocol.FlightService/${m}`;
const ser = (type) => (x) => Buffer.from(type.encode(x).finish());
const md = (token, codec) => { const m = new grpc.Metadata(); m.set('authorization', token); if (codec) m.set('qe-ipc-compression', codec); return m; };
const token = await new Promise((resolve, reject) => {
  const call = client.makeBidiStreamRequest(path('Handshake'), ser(flight('HandshakeRequest')), (b) => b,
    md('Basic ' + Buffer.from(`${user}:${password}`).toString('base64')), {});
  call.on('metadata', (h) => resolve(h.get('authorization')?.[0]));
  call.on('error', reject);
  call.on('data', () => {});
  call.write({});
  call.end();
});
const descriptor = { type: 2, cmd: Any.encode({ type_url: 'type.googleapis.com/arrow.flight.protocol.sql.CommandStatementQuery',
  value: root.lookupType('arrow.flight.protocol.sql.CommandStatementQuery').encode({ query }).finish() }).finish() };
const FlightData = flight('FlightData');

// One DoGet: rows (from the record batch headers' lengths is not needed: counted by arrow-rs) and body bytes.
const grpcRun = async (codec) => {
  const info = await new Promise((resolve, reject) => client.makeUnaryRequest(path('GetFlightInfo'), ser(flight('FlightDescriptor')),
    (b) => flight('FlightInfo').decode(b), descriptor, md(token), {}, (err, out) => (err ? reject(err) : resolve(out))));
  return new Promise((resolve, reject) => {
    const call = client.makeServerStreamRequest(path('DoGet'), ser(flight('Ticket')), (b) => FlightData.decode(b), info.endpoint[0].ticket, md(token, codec), {});
    let bytes = 0;
    let messages = 0;
    let rows = 0;
    call.on('data', (d) => {
      bytes += d.data_body?.length ?? 0;
      messages++;
      // Rows from the record batch headers (not decoded otherwise): arrow-js reads the FlatBuffers Message.
      const header = Message.decode(Buffer.from(d.data_header));
      if (header.headerType === MessageHeader.RecordBatch) rows += Number(header.header().length);
    });
    call.on('error', reject);
    call.on('end', () => resolve({ bytes, messages, rows }));
  });
};
const rs = await createFlightSqlClient({ host: '127.0.0.1', port: Number(port), tls: false, headers: [], username: user, password });
const first = await grpcRun(null);
const plainBytes = first.bytes;
const rows = variants.has('rs') ? tableFromIPC(await rs.query(query)).numRows : first.rows;

const measure = async (name, once) => {
  await once();
  const seconds = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    bytes = (await once()) ?? plainBytes;
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  seconds.sort((a, b) => a - b);
  const median = seconds[Math.floor(seconds.length / 2)];
  const best = seconds[0];
  const fmt = (x) => x.toFixed(1);
  console.log(`| ${name} | ${rows} | ${fmt(bytes / 1e6)} | ${median.toFixed(3)} | ${fmt(rows / median / 1e6)} | ${fmt(rows / best / 1e6)} | ${fmt(plainBytes / median / 1e6)} |`);
};
console.log(`query: ${query}; ${runs} runs after a warm-up`);
console.log('| client | rows | body MB on the wire | median s | M rows/s (median) | M rows/s (best) | MB/s of plain IPC (median) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
if (variants.has('rs')) await measure('arrow-rs client (decoded to a table)', async () => { await rs.query(query); return null; });
if (variants.has('plain')) await measure('grpc-js DoGet, plain', async () => (await grpcRun(null)).bytes);
if (variants.has('lz4_frame')) await measure('grpc-js DoGet, lz4_frame', async () => (await grpcRun('lz4_frame')).bytes);
if (variants.has('zstd')) await measure('grpc-js DoGet, zstd', async () => (await grpcRun('zstd')).bytes);
client.close();
process.exit(0);
