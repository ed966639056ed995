// Checks the gRPC status QueryEngine's Flight SQL server answers when storage fails, with @grpc/grpc-js and our
// message definitions: each CASE is "EXPECTED_CODE|MESSAGE_PART|SQL"; the query goes through GetFlightInfo and, when
// that succeeds, DoGet (the storage is read there); the call must fail with EXPECTED_CODE (a gRPC status number)
// and a message containing MESSAGE_PART. Authentication is off on the server under test.
// Usage: node flight-storage-status.mjs PORT PROTO_DIR CASE...
// Prints "ok <sql>" or "FAIL <sql>: <why>" per case; exits 1 when anything failed.
import { join } from 'node:path';
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

const [port, protoDir, ...cases] = process.argv.slice(2);
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

const run = async (query) => {
  const descriptor = { type: 2, cmd: Any.encode({ type_url: 'type.googleapis.com/arrow.flight.protocol.sql.CommandStatementQuery',
    value: root.lookupType('arrow.flight.protocol.sql.CommandStatementQuery').encode({ query }).finish() }).finish() };
  const info = await new Promise((resolve, reject) => client.makeUnaryRequest(path('GetFlightInfo'), ser(flight('FlightDescriptor')),
    de(flight('FlightInfo')), descriptor, new grpc.Metadata(), { deadline: Date.now() + 120000 }, (err, out) => (err ? reject(err) : resolve(out))));
  return new Promise((resolve, reject) => {
    const call = client.makeServerStreamRequest(path('DoGet'), ser(flight('Ticket')), de(flight('FlightData')), info.endpoint[0].ticket,
      new grpc.Metadata(), { deadline: Date.now() + 120000 });
    let messages = 0;
    call.on('data', () => { messages++; });
    call.on('error', reject);
    call.on('end', () => resolve(messages));
  });
};

let failures = 0;
for (const text of cases) {
  const [code, part, ...rest] = text.split('|');
  const query = rest.join('|');
  try {
    const messages = await run(query);
    failures++;
    console.log(`FAIL ${query}: succeeded with ${messages} messages, expected status ${code}`);
  } catch (error) {
    if (error.code !== Number(code)) {
      failures++;
      console.log(`FAIL ${query}: status ${error.code} (${error.details}), expected ${code}`);
    } else if (!String(error.details).includes(part)) {
      failures++;
      console.log(`FAIL ${query}: message '${error.details}' lacks '${part}'`);
    } else {
      console.log(`ok ${query}: status ${error.code}: ${error.details}`);
    }
  }
}
client.close();
console.log(failures === 0 ? 'all passed' : `${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
