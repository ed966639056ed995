// Checks `qe serve --users FILE`: every listed user completes the Flight Handshake (basic auth) and runs
// SHOW SCHEMAS with the bearer token it gets; a wrong password and an unlisted user are UNAUTHENTICATED.
// Prints the schemas the first user sees (the caller checks they come from the metastore it chose).
// Usage: node flight-users-check.mjs PORT PROTO_DIR USER1 PASSWORD1 [USER2 PASSWORD2 ...]
import grpc from '@grpc/grpc-js';
import { ipc } from './flight-data.mjs';
import { flightProtocol, flightClient, handshake as flightHandshake, md } from './flight-client.mjs';

const [port, protoDir, ...pairs] = process.argv.slice(2);
const protocol = flightProtocol(protoDir);
const { flight, statement } = protocol;
const api = flightClient(port);
const { client, unary, serverStream } = api;

const handshake = (user, password) => flightHandshake(api, protocol, user, password);
const showSchemas = async (token) => {
  const info = await unary('GetFlightInfo', flight('FlightDescriptor'), flight('FlightInfo'), statement('SHOW SCHEMAS'), md(token));
  const datas = await serverStream('DoGet', flight('Ticket'), flight('FlightData'), info.endpoint[0].ticket, md(token));
  return [...ipc(datas).getChildAt(0)].join(',');
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
