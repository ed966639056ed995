// Checks that QueryEngine's Flight server speaks gRPC over TLS: with the test's CA certificate grpc-js completes
// ListActions; a cleartext client gets no answer from the TLS port.
// Usage: node flight-tls-check.mjs PORT CA_PEM_FILE
import { readFileSync } from 'node:fs';
import grpc from '@grpc/grpc-js';

const [port, caFile] = process.argv.slice(2);
const call = (credentials) => new Promise((resolve) => {
  const client = new grpc.Client(`localhost:${port}`, credentials);
  const stream = client.makeServerStreamRequest('/arrow.flight.protocol.FlightService/ListActions',
    () => Buffer.alloc(0), (b) => b, {}, new grpc.Metadata(), { deadline: Date.now() + 10000 });
  let messages = 0;
  stream.on('data', () => { messages++; });
  stream.on('error', (e) => { client.close(); resolve({ ok: false, code: e.code, messages }); });
  stream.on('end', () => { client.close(); resolve({ ok: true, messages }); });
});
const tls = await call(grpc.credentials.createSsl(readFileSync(caFile)));
const plain = await call(grpc.credentials.createInsecure());
console.log(JSON.stringify({ tls, plain }));
process.exit(tls.ok && tls.messages >= 2 && !plain.ok ? 0 : 1);
