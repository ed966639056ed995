// The gRPC call semantics of QueryEngine's Flight SQL server that flight-grpc-checks.mjs does not reach, checked
// with @grpc/grpc-js and node's own HTTP/2 client (so that the client never cancels on our behalf):
// - a grpc-timeout enforced by the server itself (DEADLINE_EXCEEDED in the trailers while the client still listens);
// - flow control: a client that stops reading stalls the query (rows produced stop growing in system.queries, the
//   state stays RUNNING) instead of the server buffering the result; when that client goes away the query is CANCELLED;
// - a client-streaming call (grpc-js makeClientStreamRequest on DoPut: many messages in, one PutResult out);
// - a binding error is INVALID_ARGUMENT with its position; ListFlights; GetFlightInfo / GetSchema / DoGet of every
//   metadata command with the result schema FlightSql.proto documents, field by field.
// Usage: node flight-call-checks.mjs PORT USER PASSWORD PROTO_DIR
// Prints "ok <name>" or "FAIL <name>: <why>" per check; exits 1 when anything failed.
import http2 from 'node:http2';
import grpc from '@grpc/grpc-js';
import { tableFromIPC, Table, vectorFromArray, Int32, Utf8 } from 'apache-arrow';
import { flightData, ipc } from './flight-data.mjs';
import { flightProtocol, flightClient, handshake, checks, md } from './flight-client.mjs';

const [port, user, password, protoDir] = process.argv.slice(2);
const { flight, sql, cmd, statement } = flightProtocol(protoDir);
const { check, expectStatus, finish } = checks(90000);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const flightApi = flightClient(port);
const { client, path, ser, de, unary, serverStream } = flightApi;
const token = await handshake(flightApi, { flight }, user, password);
const info = (descriptor) => unary('GetFlightInfo', flight('FlightDescriptor'), flight('FlightInfo'), descriptor, md(token));
const doGet = (ticket) => serverStream('DoGet', flight('Ticket'), flight('FlightData'), ticket, md(token));
const run = async (descriptor) => { const i = await info(descriptor); return ipc(await doGet(i.endpoint[0].ticket)); };

// A DoGet on a connection of its own through node's HTTP/2 client: nothing cancels it but what the test does.
const rawDoGet = (ticket, headers = {}) => {
  const session = http2.connect(`http://127.0.0.1:${port}`);
  session.on('error', () => {});
  const stream = session.request({ ':method': 'POST', ':path': path('DoGet'), 'content-type': 'application/grpc', te: 'trailers', authorization: token, ...headers });
  const message = Buffer.from(flight('Ticket').encode(ticket).finish());
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(message.length, 1);
  stream.end(Buffer.concat([prefix, message]));
  return { session, stream };
};
const rawStatus = (stream) => new Promise((resolve) => {
  let status = null;
  let message = null;
  stream.on('response', (h) => { status = h['grpc-status'] ?? status; message = h['grpc-message'] ?? message; });
  stream.on('trailers', (t) => { status = t['grpc-status']; message = t['grpc-message']; });
  stream.on('data', () => {});
  stream.on('end', () => resolve({ status: Number(status), message }));
  stream.on('error', (e) => resolve({ status: -1, message: String(e) }));
});
// The system.queries row of the one statement whose text holds the tag (other than the lookups themselves).
const queryRow = async (tag) => {
  const t = await run(statement(`SELECT state, rows, query FROM system.queries WHERE query LIKE '%${tag}%' AND query NOT LIKE '%system.queries%'`));
  if (t.numRows !== 1) return { state: `${t.numRows} rows`, rows: -1 };
  return { state: t.getChild('state').get(0), rows: Number(t.getChild('rows').get(0)) };
};

const crossJoin = (tag) => `SELECT count(*) AS c, '${tag}' AS tag FROM lineitem a CROSS JOIN lineitem b WHERE a.l_extendedprice + b.l_extendedprice < 0`;

await check('the server enforces grpc-timeout itself: DEADLINE_EXCEEDED in the trailers', async () => {
  const tag = `deadline_${process.pid}_${Date.now()}`;
  const i = await info(statement(crossJoin(tag)));
  const started = Date.now();
  const { session, stream } = rawDoGet(i.endpoint[0].ticket, { 'grpc-timeout': '400m' });
  const r = await rawStatus(stream);
  session.close();
  const elapsed = Date.now() - started;
  if (r.status !== grpc.status.DEADLINE_EXCEEDED) return `status ${r.status} ${r.message}`;
  if (elapsed < 300 || elapsed > 15000) return `answered after ${elapsed} ms for a 400 ms deadline`;
  for (let attempt = 0; attempt < 50; attempt++) {
    const row = await queryRow(tag);
    if (row.state === 'CANCELLED') return null;
    await sleep(200);
  }
  return `system.queries state ${(await queryRow(tag)).state}, expected CANCELLED`;
});

await check('a client that stops reading stalls the query (flow control); leaving cancels it', async () => {
  const tag = `slow_${process.pid}_${Date.now()}`;
  // 60,175 lineitem rows x 25 nations: about 1.5 million rows of 17 columns, far more than any buffer on the way.
  const i = await info(statement(`SELECT l.*, n.n_name, '${tag}' AS tag FROM lineitem l CROSS JOIN nation n`));
  const { session, stream } = rawDoGet(i.endpoint[0].ticket);
  stream.pause(); // no 'data' listener and paused: node stops granting HTTP/2 window
  let first = null;
  for (let attempt = 0; attempt < 100; attempt++) {
    await sleep(200);
    first = await queryRow(tag);
    if (first.rows > 0) break;
  }
  await sleep(2000);
  const settled = await queryRow(tag);
  await sleep(2000);
  const later = await queryRow(tag);
  const total = 60175 * 25;
  if (later.state !== 'RUNNING') { session.destroy(); return `state ${later.state} while the client does not read`; }
  if (later.rows !== settled.rows) { session.destroy(); return `rows kept growing while the client did not read: ${settled.rows} -> ${later.rows}`; }
  if (later.rows >= total / 4) { session.destroy(); return `${later.rows} of ${total} rows produced for a client that read nothing`; }
  session.destroy();
  for (let attempt = 0; attempt < 50; attempt++) {
    await sleep(200);
    const row = await queryRow(tag);
    if (row.state === 'CANCELLED') return row.rows === later.rows ? null : `cancelled at ${row.rows} rows, stalled at ${later.rows}`;
  }
  return `after the client left: state ${(await queryRow(tag)).state}, expected CANCELLED`;
});


await check('a client-streaming call: many FlightData messages in, one PutResult out', async () => {
  const name = `streamed_${process.pid}`;
  const batches = [0, 1, 2].map((b) => new Table({
    id: vectorFromArray(Int32Array.from({ length: 1000 }, (_, k) => b * 1000 + k), new Int32()),
    label: vectorFromArray(Array.from({ length: 1000 }, (_, k) => `b${b}k${k % 3}`), new Utf8()),
  }));
  const messages = flightData(new Table(batches.flatMap((t) => t.batches)));
  if (messages.length !== 4) return `${messages.length} messages written by arrow-js, expected a schema and 3 batches`;
  messages[0].flight_descriptor = cmd('CommandStatementIngest', { table: name, schema: 'tpch', table_definition_options: { if_not_exist: 1, if_exists: 1 } });
  const result = await new Promise((resolve, reject) => {
    const call = client.makeClientStreamRequest(path('DoPut'), ser(flight('FlightData')), de(flight('PutResult')), md(token), {},
      (err, out) => (err ? reject(err) : resolve(out)));
    for (const m of messages) call.write(m);
    call.end();
  });
  const count = Number(sql('DoPutUpdateResult').decode(result.app_metadata).record_count);
  if (count !== 3000) return `record_count ${count}`;
  const t = await run(statement(`SELECT count(*) AS n, sum(id) AS s, count(DISTINCT label) AS d FROM tpch.${name}`));
  const got = ['n', 's', 'd'].map((c) => String(t.getChild(c).get(0))).join(',');
  return got === '3000,4498500,9' ? null : `table ${got}`;
});

await check('DoPut of bytes that are not Arrow IPC is INVALID_ARGUMENT and creates nothing', async () => {
  const name = `garbage_${process.pid}`;
  const garbage = Buffer.from('this is not a flatbuffer message at all, just text'.repeat(3));
  const messages = [{ flight_descriptor: cmd('CommandStatementIngest', { table: name, schema: 'tpch', table_definition_options: { if_not_exist: 1, if_exists: 1 } }),
    data_header: garbage, data_body: garbage }];
  const problem = await expectStatus(new Promise((resolve, reject) => {
    const call = client.makeClientStreamRequest(path('DoPut'), ser(flight('FlightData')), de(flight('PutResult')), md(token), {},
      (err, out) => (err ? reject(err) : resolve(out)));
    for (const m of messages) call.write(m);
    call.end();
  }), grpc.status.INVALID_ARGUMENT, 'Arrow IPC');
  if (problem) return problem;
  const t = await run(cmd('CommandGetTables', { db_schema_filter_pattern: 'tpch', table_name_filter_pattern: name }));
  return t.numRows === 0 ? null : `table ${name} exists after the failed ingest`;
});

await check('a binding error is INVALID_ARGUMENT naming the column and its position', () => expectStatus(
  info(statement('SELECT n_name,\n       no_such_column FROM nation')), grpc.status.INVALID_ARGUMENT, 'no_such_column', 'line 2'));

await check('interval results: interval(YEAR_MONTH) and duration(ms), as arrow-js decodes them', async () => {
  const t = await run(statement("SELECT INTERVAL '1-2' YEAR TO MONTH AS ym, INTERVAL '1 02:03:04.5' DAY TO SECOND AS ds, CASE WHEN n_nationkey < 0 THEN INTERVAL '1' DAY END AS nothing FROM nation WHERE n_nationkey = 0"));
  const types = t.schema.fields.map((f) => String(f.type)).join(',');
  if (types !== 'Interval<YEAR_MONTH>,Duration<MILLISECOND>,Duration<MILLISECOND>') return `types ${types}`;
  const ym = [...t.getChild('ym').get(0)].join(',');
  const ds = t.getChild('ds').get(0);
  const want = 86400000n + 2n * 3600000n + 3n * 60000n + 4500n;
  return ym === '1,2' && ds === want && t.getChild('nothing').get(0) === null ? null : `values ${ym} ${ds} ${t.getChild('nothing').get(0)}`;
});

await check('ListFlights answers with no flights, and only to a caller with a token', async () => {
  const flights = await serverStream('ListFlights', flight('Criteria'), flight('FlightInfo'), {}, md(token));
  if (flights.length !== 0) return `${flights.length} flights`;
  return expectStatus(serverStream('ListFlights', flight('Criteria'), flight('FlightInfo'), {}, md(null)), grpc.status.UNAUTHENTICATED);
});

// Every metadata command: the schema FlightSql.proto documents (name:type, '!' = not null), the same from
// GetSchema, from FlightInfo.schema and from the DoGet stream.
const U = 'Utf8';
const keys = 'pk_catalog_name:Utf8,pk_db_schema_name:Utf8,pk_table_name:Utf8!,pk_column_name:Utf8!,'
  + 'fk_catalog_name:Utf8,fk_db_schema_name:Utf8,fk_table_name:Utf8!,fk_column_name:Utf8!,'
  + 'key_sequence:Int32!,fk_key_name:Utf8,pk_key_name:Utf8,update_rule:Uint8!,delete_rule:Uint8!';
const documented = [
  ['CommandGetCatalogs', {}, `catalog_name:${U}!`],
  ['CommandGetDbSchemas', {}, `catalog_name:${U},db_schema_name:${U}!`],
  ['CommandGetTables', {}, `catalog_name:${U},db_schema_name:${U},table_name:${U}!,table_type:${U}!`],
  ['CommandGetTables', { include_schema: true }, `catalog_name:${U},db_schema_name:${U},table_name:${U}!,table_type:${U}!,table_schema:Binary!`],
  ['CommandGetTableTypes', {}, `table_type:${U}!`],
  ['CommandGetPrimaryKeys', { table: 'nation' }, `catalog_name:${U},db_schema_name:${U},table_name:${U}!,column_name:${U}!,key_name:${U},key_sequence:Int32!`],
  ['CommandGetExportedKeys', { table: 'nation' }, keys],
  ['CommandGetImportedKeys', { table: 'nation' }, keys],
  ['CommandGetCrossReference', { pk_table: 'region', fk_table: 'nation' }, keys],
  ['CommandGetSqlInfo', { info: [0] }, 'info_name:Uint32!,value:Union<Utf8 | Bool | Int64 | Int32 | List<Utf8> | Map<{key:Int32, value:List<Int32>}>>!'],
  ['CommandGetXdbcTypeInfo', {}, 'type_name:Utf8!,data_type:Int32!,column_size:Int32,literal_prefix:Utf8,literal_suffix:Utf8,'
    + 'create_params:List<Utf8>,nullable:Int32!,case_sensitive:Bool!,searchable:Int32!,unsigned_attribute:Bool,fixed_prec_scale:Bool!,'
    + 'auto_increment:Bool,local_type_name:Utf8,minimum_scale:Int32,maximum_scale:Int32,sql_data_type:Int32!,datetime_subcode:Int32,'
    + 'num_prec_radix:Int32,interval_precision:Int32'],
];
const describe = (schema) => schema.fields.map((f) => `${f.name}:${f.type}${f.nullable ? '' : '!'}`).join(',');
for (const [name, fields, want] of documented) {
  await check(`${name}${fields.include_schema ? ' include_schema' : ''}: the documented schema from GetSchema, FlightInfo and DoGet`, async () => {
    const descriptor = cmd(name, fields);
    const fromGetSchema = describe(tableFromIPC(Buffer.from((await unary('GetSchema', flight('FlightDescriptor'), flight('SchemaResult'), descriptor, md(token))).schema)).schema);
    if (fromGetSchema !== want) return `GetSchema ${fromGetSchema}`;
    const i = await info(descriptor);
    const fromInfo = describe(tableFromIPC(Buffer.from(i.schema)).schema);
    if (fromInfo !== want) return `FlightInfo.schema ${fromInfo}`;
    const t = ipc(await doGet(i.endpoint[0].ticket));
    const fromStream = describe(t.schema);
    if (fromStream !== want) return `DoGet ${fromStream}`;
    if (/Keys|CrossReference/.test(name) && t.numRows !== 0) return `${t.numRows} rows where we have no keys`;
    if (name === 'CommandGetXdbcTypeInfo' && t.schema.fields[5].type.children[0].nullable) return 'create_params items are nullable, documented not null';
    return t.numRows > 0 || /Keys|CrossReference/.test(name) ? null : 'no rows';
  });
}

finish(client);
