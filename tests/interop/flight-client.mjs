// The small gRPC client the Flight check scripts share: our Flight/Flight SQL message definitions loaded by protobufjs
// from PROTO_DIR, a @grpc/grpc-js generic client with unary, server-streaming and bidirectional calls, and the
// "ok NAME" / "FAIL NAME: WHY" check reporting that ends the process with exit code 1 when anything failed.
import { join } from 'node:path';
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

// Message types of Flight.proto and FlightSql.proto, plus google.protobuf.Any and command packing helpers.
export const flightProtocol = (protoDir) => {
  const root = new protobuf.Root();
  root.resolvePath = (_, target) => (target.startsWith('google/') ? target : join(protoDir, target));
  root.loadSync(['Flight.proto', 'FlightSql.proto'], { keepCase: true });
  root.add(protobuf.Type.fromJSON('Any', { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } }));
  const flight = (name) => root.lookupType(`arrow.flight.protocol.${name}`);
  const sql = (name) => root.lookupType(`arrow.flight.protocol.sql.${name}`);
  const Any = root.lookupType('Any');
  const pack = (name, fields) => Any.encode({ type_url: `type.googleapis.com/arrow.flight.protocol.sql.${name}`, value: sql(name).encode(fields).finish() }).finish();
  const unpack = (bytes, name) => sql(name).decode(Any.decode(bytes).value);
  const cmd = (name, fields = {}) => ({ type: 2, cmd: pack(name, fields) });
  const statement = (query) => cmd('CommandStatementQuery', { query });
  return { root, flight, sql, Any, pack, unpack, cmd, statement };
};

// Request metadata carrying an authorization header (none when token is null) and any extra headers given.
export const md = (token, extra = {}) => {
  const m = new grpc.Metadata();
  if (token) m.set('authorization', token);
  for (const [key, value] of Object.entries(extra)) if (value) m.set(key, value);
  return m;
};

export const basicAuth = (user, password) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

// A generic client of the FlightService on 127.0.0.1:PORT and promise-returning calls over it.
export const flightClient = (port) => {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const path = (m) => `/arrow.flight.protocol.FlightService/${m}`;
  const ser = (type) => (x) => Buffer.from(type.encode(x).finish());
  const de = (type) => (b) => type.decode(b);
  const unary = (m, req, res, msg, meta, options = {}) => new Promise((resolve, reject) =>
    client.makeUnaryRequest(path(m), ser(req), de(res), msg, meta, options, (err, out) => (err ? reject(err) : resolve(out))));
  const serverStream = (m, req, res, msg, meta, options = {}) => new Promise((resolve, reject) => {
    const call = client.makeServerStreamRequest(path(m), ser(req), de(res), msg, meta, options);
    const out = [];
    call.on('data', (d) => out.push(d));
    call.on('error', reject);
    call.on('end', () => resolve(out));
  });
  // Resolves with the messages and the response headers once the server ends the call.
  const bidi = (m, req, res, msgs, meta) => new Promise((resolve, reject) => {
    const call = client.makeBidiStreamRequest(path(m), ser(req), de(res), meta, {});
    const out = [];
    let headers = null;
    call.on('metadata', (h) => { headers = h; });
    call.on('data', (d) => out.push(d));
    call.on('error', reject);
    call.on('end', () => resolve({ messages: out, headers }));
    for (const x of msgs) call.write(x);
    call.end();
  });
  return { client, path, ser, de, unary, serverStream, bidi };
};

// The bearer token the server returns for a Handshake with basic credentials.
export const handshake = async ({ bidi }, { flight }, user, password) => {
  const { headers } = await bidi('Handshake', flight('HandshakeRequest'), flight('HandshakeResponse'), [{}], md(basicAuth(user, password)));
  return headers?.get('authorization')?.[0] ?? null;
};

// Named checks with a time limit each; finish() prints the summary and exits (1 when any check failed).
export const checks = (limitMs) => {
  let failures = 0;
  // Keeps the process alive while a check waits on the server.
  const keepAlive = setInterval(() => {}, 1000);
  const withLimit = (promise) => Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${limitMs} ms`)), limitMs))]);
  const check = async (name, run) => {
    try {
      const problem = await withLimit(run());
      if (problem) { failures++; console.log(`FAIL ${name}: ${problem}`); } else console.log(`ok ${name}`);
    } catch (error) {
      failures++;
      console.log(`FAIL ${name}: threw ${error?.code ?? ''} ${error?.details ?? error?.message ?? error}`);
    }
  };
  // null when the call failed with the status code and its message holds every part; otherwise what went wrong.
  const expectStatus = async (promise, code, ...messageParts) => {
    try {
      await promise;
      return `succeeded, expected status ${code}`;
    } catch (error) {
      if (error.code !== code) return `status ${error.code} (${error.details}), expected ${code}`;
      const missing = messageParts.find((p) => p !== undefined && !String(error.details).includes(p));
      return missing === undefined ? null : `message '${error.details}' lacks '${missing}'`;
    }
  };
  const finish = (client) => {
    clearInterval(keepAlive);
    client.close();
    console.log(failures === 0 ? 'all passed' : `${failures} failed`);
    process.exit(failures === 0 ? 0 : 1);
  };
  return { check, expectStatus, finish };
};
