// Runs SQL statements against QueryEngine's Flight SQL server with @grpc/grpc-js (no authentication) and prints,
// per statement, "ok <messages>" (GetFlightInfo then DoGet of its ticket succeeded) or "error <status> <details>".
// Usage: node flight-statement-outcomes.mjs PORT PROTO_DIR SQL...
import { join } from 'node:path';
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

const [port, protoDir, ...statements] = process.argv.slice(2);
const root = new protobuf.Root();
root.resolvePath = (_, target) => (target.startsWith('google/') ? target : join(protoDir, target));
root.loadSync(['Flight.proto', 'FlightSql.proto'], { keepCase: true });
root.add(protobuf.Type.fromJSON('Any', { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } }));
const T = (name) => root.lookupType(name);
const flight = (name) => T(`arrow.flight.protocol.${name}`);
const Any = T('Any');
const Query = T('arrow.flight.protocol.sql.CommandStatementQuery');
const statement = (query) => ({
  type: 2,
  cmd: Any.encode({ type_url: 'type.googleapis.com/arrow.flight.protocol.sql.CommandStatementQuery', value: Query.encode({ query }).finish() }).finish(),
});

const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
const path = (m) => `/arrow.flight.protocol.FlightService/${m}`;
const ser = (type) => (x) => Buffer.from(type.encode(x).finish());
const de = (type) => (b) => type.decode(b);
const deadline = () => ({ deadline: Date.now() + 120_000 });

const info = (descriptor) => new Promise((resolve, reject) =>
  client.makeUnaryRequest(path('GetFlightInfo'), ser(flight('FlightDescriptor')), de(flight('FlightInfo')), descriptor, new grpc.Metadata(), deadline(),
    (err, out) => (err ? reject(err) : resolve(out))));
const doGet = (ticket) => new Promise((resolve, reject) => {
  const call = client.makeServerStreamRequest(path('DoGet'), ser(flight('Ticket')), de(flight('FlightData')), ticket, new grpc.Metadata(), deadline());
  let messages = 0;
  call.on('data', () => { messages++; });
  call.on('error', reject);
  call.on('end', () => resolve(messages));
});

for (const sql of statements) {
  try {
    const flightInfo = await info(statement(sql));
    let messages = 0;
    for (const endpoint of flightInfo.endpoint) messages += await doGet(endpoint.ticket);
    console.log(`ok ${messages}`);
  } catch (error) {
    console.log(`error ${error.code} ${String(error.details).replace(/\n/g, ' ')}`);
  }
}
client.close();
