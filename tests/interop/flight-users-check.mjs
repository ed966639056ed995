// Checks `qe serve --users FILE`: every listed user completes the Flight Handshake (basic auth) and runs
// SHOW SCHEMAS with the bearer token it gets; a wrong password and an unlisted user are UNAUTHENTICATED.
// Prints the schemas the first user sees (the caller checks they come from the metastore it chose).
// Usage: node flight-users-check.mjs PORT PROTO_DIR USER1 PASSWORD1 [USER2 PASSWORD2 ...]
import { join } from 'node:path';
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { tableFromIPC } from 'apache-arrow';

const [port, protoDir, ...pairs] = process.argv.slice(2);
const root = new protobuf.Root();
root.resolvePath = (_, target) => (target.startsWith('google/') ? target : join(protoDir, target));
root.loadSync(['Flight.proto', 'FlightSql.proto'], { keepCase: true });
root.add(protobuf.Type.fromJSON('Any', { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } }));
const flight = (name) => root.lookupType(`arrow.flight.protocol.${name}`);
const Any = root.lookupType('Any');
const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
const path = (m) => `/arrow.flight.protocol.FlightService/${m}`;
const ser = (type) => (x) => Buffer.from(type.encode(x).finish());
const de = (type) => (b) => type.decode(b);
const md = (auth) => { const m = new grpc.Metadata(); m.set('authorization', auth); return m; };

const handshake = (user, password) => new Promise((resolve, reject) => {
  const basic = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  const call = client.makeBidiStreamRequest(path('Handshake'), ser(flight('HandshakeRequest')), de(flight('HandshakeResponse')), md(basic), {});
  let token = null;
  call.on('metadata', (h) => { token = h.get('authorization')?.[0] ?? null; });
  call.on('data', () => {});
  call.on('error', reject);
  call.on('end', () => resolve(token));
  call.write({});
  call.end();
});
const showSchemas = async (token) => {
  const descriptor = { type: 2, cmd: Any.encode({ type_url: 'type.googleapis.com/arrow.flight.protocol.sql.CommandStatementQuery',
    value: root.lookupType('arrow.flight.protocol.sql.CommandStatementQuery').encode({ query: 'SHOW SCHEMAS' }).finish() }).finish() };
  const info = await new Promise((resolve, reject) => client.makeUnaryRequest(path('GetFlightInfo'), ser(flight('FlightDescriptor')),
    de(flight('FlightInfo')), descriptor, md(token), {}, (err, out) => (err ? reject(err) : resolve(out))));
  const datas = await new Promise((resolve, reject) => {
    const call = client.makeServerStreamRequest(path('DoGet'), ser(flight('Ticket')), de(flight('FlightData')), info.endpoint[0].ticket, md(token), {});
    const out = [];
    call.on('data', (d) => out.push(d));
    call.on('error', reject);
    call.on('end', () => resolve(out));
  });
  const parts = [];
  for (const d of datas) {
    const header = Buffer.from(d.data_header);
    const padded = Math.ceil(header.length / 8) * 8;
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32LE(0xffffffff, 0);
    prefix.writeInt32LE(padded, 4);
    parts.push(prefix, header, Buffer.alloc(padded - header.length), Buffer.from(d.data_body ?? []));
  }
  return [...tableFromIPC(Buffer.concat(parts)).getChildAt(0)].join(',');
};
const rejected = async (user, password) => {
  try {
    await handshake(user, password);
    return false;
  } catch (error) {
    return error.code === grpc.status.UNAUTHENTICATED;
  }
};

let failed = false;
for (let i = 0; i < pairs.length; i += 2) {
  const token = await handshake(pairs[i], pairs[i + 1]);
  const schemas = await showSchemas(token);
  console.log(`${pairs[i]} sees ${schemas}`);
}
if (!(await rejected(pairs[0], 'wrong'))) { failed = true; console.log('FAIL a wrong password was accepted'); }
if (!(await rejected('nobody', pairs[1]))) { failed = true; console.log('FAIL an unlisted user was accepted'); }
client.close();
process.exit(failed ? 1 : 0);
