// Drives QueryEngine's Flight SQL server with @grpc/grpc-js and our own message definitions
// (src/FlightServer/Protos, encoded by protobufjs, which @grpc/proto-loader brings) where the arrow-rs client
// cannot: authentication failures, error statuses, GetSqlInfo, prepared statements, DoPut updates, deadlines,
// and bad input on the wire (garbage bytes, truncated and oversized frames, unknown methods and commands).
// Usage: node flight-grpc-checks.mjs PORT USER PASSWORD PROTO_DIR
// Prints "ok <name>" or "FAIL <name>: <why>" per check; exits 1 when anything failed.
import net from 'node:net';
import http2 from 'node:http2';
import grpc from '@grpc/grpc-js';
import { tableFromIPC, tableFromArrays, DataType, vectorFromArray, Table, Int32, Int64, Float64, Utf8, Dictionary } from 'apache-arrow';
import { useCodec } from './ipc-codecs.mjs';
import { flightData, ipc } from './flight-data.mjs';
import { flightProtocol, flightClient, handshake, checks, md, basicAuth } from './flight-client.mjs';

const [port, user, password, protoDir] = process.argv.slice(2);
const { flight, sql, Any, pack, unpack, cmd } = flightProtocol(protoDir);
const flightApi = flightClient(port);
const { client, path, ser, de, unary, serverStream, bidi } = flightApi;
const { check, expectStatus, finish } = checks(60000);


// Handshake: basic credentials in the header, bearer token back in the response headers.
let token = null;
await check('handshake with good credentials returns a bearer token', async () => {
  token = await handshake(flightApi, { flight }, user, password);
  return token?.startsWith('Bearer ') ? null : `authorization header ${token}`;
});
await check('handshake with a wrong password is UNAUTHENTICATED', () => expectStatus(
  bidi('Handshake', flight('HandshakeRequest'), flight('HandshakeResponse'), [{}], md(basicAuth(user, 'wrong'))),
  grpc.status.UNAUTHENTICATED));
await check('a call without a token is UNAUTHENTICATED', () => expectStatus(
  unary('GetFlightInfo', flight('FlightDescriptor'), flight('FlightInfo'), cmd('CommandGetCatalogs', {}), md(null)), grpc.status.UNAUTHENTICATED));
await check('a call with a made-up token is UNAUTHENTICATED', () => expectStatus(
  unary('GetFlightInfo', flight('FlightDescriptor'), flight('FlightInfo'), cmd('CommandGetCatalogs', {}), md('Bearer nope')), grpc.status.UNAUTHENTICATED));

const info = (descriptor) => unary('GetFlightInfo', flight('FlightDescriptor'), flight('FlightInfo'), descriptor, md(token));
const doGet = (ticket, options) => serverStream('DoGet', flight('Ticket'), flight('FlightData'), ticket, md(token), options);
const run = async (descriptor) => { const i = await info(descriptor); return ipc(await doGet(i.endpoint[0].ticket)); };
const statement = (query) => cmd('CommandStatementQuery', { query });

await check('syntax error is INVALID_ARGUMENT with its position', () => expectStatus(info(statement('SELECT 1 +')), grpc.status.INVALID_ARGUMENT, 'line 1'));
await check('unknown table is NOT_FOUND', () => expectStatus(info(statement('SELECT * FROM no_such_table')), grpc.status.NOT_FOUND, 'no_such_table'));
await check('unknown command type is UNIMPLEMENTED', () => expectStatus(
  info({ type: 2, cmd: Any.encode({ type_url: 'type.googleapis.com/arrow.flight.protocol.sql.CommandStatementSubstraitPlan', value: Buffer.alloc(0) }).finish() }),
  grpc.status.UNIMPLEMENTED, 'CommandStatementSubstraitPlan'));
await check('a command that is not protobuf is INVALID_ARGUMENT', () => expectStatus(
  info({ type: 2, cmd: Buffer.from([0xff, 0xff, 0xff]) }), grpc.status.INVALID_ARGUMENT));
await check('a ticket of another server is INVALID_ARGUMENT', () => expectStatus(doGet({ ticket: Buffer.from('garbage!') }), grpc.status.INVALID_ARGUMENT));

await check('statement query streams its rows', async () => {
  const t = await run(statement('SELECT n_nationkey, n_name FROM nation WHERE n_regionkey = 1 ORDER BY n_nationkey'));
  const names = t.getChild('n_name').toArray().join(',');
  return names === 'ARGENTINA,BRAZIL,CANADA,PERU,UNITED STATES' ? null : `names ${names}`;
});
await check('many queries at once each get their own result', async () => {
  const query = (k) => statement(`SELECT count(*) AS c FROM lineitem WHERE l_linenumber = ${k}`);
  const sequential = [];
  for (let k = 1; k <= 7; k++) sequential.push(Number((await run(query(k))).getChild('c').get(0)));
  const parallel = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(async (k) => Number((await run(query(k))).getChild('c').get(0))));
  const total = Number((await run(statement('SELECT count(*) AS c FROM lineitem'))).getChild('c').get(0));
  if (JSON.stringify(parallel) !== JSON.stringify(sequential)) return `parallel ${parallel} vs sequential ${sequential}`;
  return sequential.reduce((a, b) => a + b, 0) === total ? null : `counts ${sequential} do not add up to ${total}`;
});
await check('PollFlightInfo answers with the complete FlightInfo at once', async () => {
  const poll = await unary('PollFlightInfo', flight('FlightDescriptor'), flight('PollInfo'), statement('SELECT n_name FROM nation WHERE n_nationkey = 5'), md(token));
  if (poll.flight_descriptor) return 'a descriptor to poll again';
  if (poll.progress !== 1) return `progress ${poll.progress}`;
  const t = ipc(await doGet(poll.info.endpoint[0].ticket));
  return t.getChild('n_name').get(0) === 'ETHIOPIA' ? null : `value ${t.getChild('n_name').get(0)}`;
});
await check('GetSchema of a query', async () => {
  const r = await unary('GetSchema', flight('FlightDescriptor'), flight('SchemaResult'), statement('SELECT n_name, n_nationkey * 2 AS k FROM nation'), md(token));
  const fields = tableFromIPC(Buffer.from(r.schema)).schema.fields.map((f) => `${f.name}:${f.type}`).join(', ');
  return fields === 'n_name:Utf8, k:Int32' ? null : fields;
});
await check('GetSqlInfo answers with the documented union schema', async () => {
  const t = await run(cmd('CommandGetSqlInfo', { info: [0, 4, 504, 508] }));
  const schema = t.schema.fields.map((f) => `${f.name}:${f.type}${f.nullable ? '' : ' not null'}`).join(', ');
  const expected = 'info_name:Uint32 not null, value:Union<Utf8 | Bool | Int64 | Int32 | List<Utf8> | Map<{key:Int32, value:List<Int32>}>> not null';
  if (schema !== expected || !DataType.isDenseUnion(t.schema.fields[1].type)) return `schema ${schema}`;
  const children = t.schema.fields[1].type.children.map((c) => c.name).join(',');
  if (children !== 'string_value,bool_value,bigint_value,int32_bitmask,string_list,int32_to_int32_list_map') return `union children ${children}`;
  const ids = t.getChild('info_name').toArray().join(',');
  if (ids !== '0,4,504,508') return `ids ${ids}`;
  const values = t.getChild('value');
  const got = [values.get(0), values.get(1), values.get(2), JSON.stringify([...values.get(3)])];
  const want = ['QueryEngine', true, '"', JSON.stringify(['EXTERNAL', 'LOCATION', 'TBLPROPERTIES', 'UNLOAD'])];
  return JSON.stringify(got) === JSON.stringify(want) ? null : `values ${JSON.stringify(got)}`;
});
await check('GetSqlInfo with no ids returns every fact', async () => {
  const t = await run(cmd('CommandGetSqlInfo', {}));
  return t.numRows >= 20 ? null : `${t.numRows} rows`;
});
await check('GetXdbcTypeInfo has the documented 19 columns, ordered by data_type', async () => {
  const t = await run(cmd('CommandGetXdbcTypeInfo', {}));
  const names = t.schema.fields.map((f) => f.name).join(',');
  const want = 'type_name,data_type,column_size,literal_prefix,literal_suffix,create_params,nullable,case_sensitive,searchable,'
    + 'unsigned_attribute,fixed_prec_scale,auto_increment,local_type_name,minimum_scale,maximum_scale,sql_data_type,'
    + 'datetime_subcode,num_prec_radix,interval_precision';
  if (names !== want) return `columns ${names}`;
  const types = t.getChild('data_type').toArray();
  if ([...types].some((v, i) => i > 0 && v < types[i - 1])) return `not ordered: ${[...types]}`;
  const one = await run(cmd('CommandGetXdbcTypeInfo', { data_type: 3 }));
  const params = JSON.stringify([...one.getChild('create_params').get(0)]);
  return one.numRows === 1 && one.getChild('type_name').get(0) === 'decimal' && params === '["precision","scale"]' ? null : `decimal row ${params}`;
});
await check('GetTableTypes', async () => {
  const t = await run(cmd('CommandGetTableTypes', {}));
  return t.getChild('table_type').toArray().join(',') === 'TABLE,VIEW' ? null : t.getChild('table_type').toArray().join(',');
});
await check('GetPrimaryKeys is empty with the documented schema', async () => {
  const t = await run(cmd('CommandGetPrimaryKeys', { table: 'nation' }));
  const schema = t.schema.fields.map((f) => `${f.name}:${f.type}${f.nullable ? '' : '!'}`).join(',');
  return t.numRows === 0 && schema === 'catalog_name:Utf8,db_schema_name:Utf8,table_name:Utf8!,column_name:Utf8!,key_name:Utf8,key_sequence:Int32!' ? null : schema;
});
await check('GetImportedKeys is empty with the documented schema', async () => {
  const t = await run(cmd('CommandGetImportedKeys', { table: 'nation' }));
  const f = t.schema.fields;
  return t.numRows === 0 && f.length === 13 && String(f[11].type) === 'Uint8' && f[12].name === 'delete_rule' ? null : f.map((x) => `${x.name}:${x.type}`).join(',');
});

await check('CancelFlightInfo stops a running query', async () => {
  const i = await info(statement('SELECT count(*) FROM lineitem a CROSS JOIN lineitem b WHERE a.l_tax + b.l_tax < 0'));
  const streaming = expectStatus(doGet(i.endpoint[0].ticket), grpc.status.CANCELLED);
  const cancel = async () => {
    const results = await serverStream('DoAction', flight('Action'), flight('Result'),
      { type: 'CancelFlightInfo', body: flight('CancelFlightInfoRequest').encode({ info: i }).finish() }, md(token));
    return flight('CancelFlightInfoResult').decode(results[0].body).status;
  };
  // NOT_CANCELLABLE (3) until the server has the stream running; then CANCELLED (1).
  let status = 3;
  for (let attempt = 0; attempt < 100 && status !== 1; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = await cancel();
  }
  if (status !== 1) return `CancelFlightInfoResult status ${status}`;
  const problem = await streaming;
  if (problem) return problem;
  const second = await cancel();
  return second === 3 ? null : `cancelling a finished stream: status ${second}`;
});

// Bad input on the wire; after each the server still answers.
const alive = async () => { const t = await run(statement('SELECT 42 AS answer')); return t.getChild('answer').get(0) === 42 ? null : 'server did not answer'; };
await check('garbage bytes on the port close that connection only', async () => {
  await new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(Buffer.from('GET / HTTP/1.1\r\n\r\n\x00\x01garbage\xff\xfe'.repeat(50), 'binary')));
    socket.on('error', resolve);
    socket.on('close', resolve);
    socket.setTimeout(5000, () => { socket.destroy(); resolve(); });
  });
  return alive();
});
const rawCall = (method, body) => new Promise((resolve, reject) => {
  const session = http2.connect(`http://127.0.0.1:${port}`);
  session.on('error', reject);
  const stream = session.request({ ':method': 'POST', ':path': path(method), 'content-type': 'application/grpc', te: 'trailers', authorization: token });
  let status = null;
  let message = null;
  stream.on('response', (h) => { status = h['grpc-status'] ?? status; message = h['grpc-message'] ?? message; });
  stream.on('trailers', (t) => { status = t['grpc-status']; message = t['grpc-message']; });
  stream.on('data', () => {});
  stream.on('end', () => { session.close(); resolve({ status: Number(status), message }); });
  stream.on('error', (e) => { session.close(); resolve({ status: -1, message: String(e) }); });
  stream.end(body);
});
await check('a truncated gRPC frame is a clean error', async () => {
  const frame = Buffer.alloc(5 + 10);
  frame.writeUInt32BE(100, 1);
  const r = await rawCall('GetFlightInfo', frame);
  return r.status === grpc.status.INTERNAL ? alive() : `status ${r.status} ${r.message}`;
});
await check('an oversized message is RESOURCE_EXHAUSTED', async () => {
  const frame = Buffer.alloc(5 + 1024);
  frame.writeUInt32BE(512 * 1024 * 1024, 1);
  const r = await rawCall('GetFlightInfo', frame);
  return r.status === grpc.status.RESOURCE_EXHAUSTED ? alive() : `status ${r.status} ${r.message}`;
});
await check('an unknown method is UNIMPLEMENTED', async () => {
  const r = await rawCall('NoSuchMethod', Buffer.alloc(5));
  return r.status === grpc.status.UNIMPLEMENTED ? alive() : `status ${r.status} ${r.message}`;
});

// Prepared statements, as JDBC drives every statement.
await check('prepared statement: create, execute, close', async () => {
  const action = (type, name, fields) => serverStream('DoAction', flight('Action'), flight('Result'), { type, body: pack(name, fields) }, md(token));
  const created = await action('CreatePreparedStatement', 'ActionCreatePreparedStatementRequest', { query: 'SELECT n_name FROM nation WHERE n_nationkey = 3' });
  const result = unpack(created[0].body, 'ActionCreatePreparedStatementResult');
  const schema = tableFromIPC(Buffer.from(result.dataset_schema)).schema.fields.map((f) => f.name).join(',');
  if (schema !== 'n_name') return `dataset schema ${schema}`;
  const handle = result.prepared_statement_handle;
  const t = await run(cmd('CommandPreparedStatementQuery', { prepared_statement_handle: handle }));
  if (t.getChild('n_name').get(0) !== 'CANADA') return `value ${t.getChild('n_name').get(0)}`;
  await action('ClosePreparedStatement', 'ActionClosePreparedStatementRequest', { prepared_statement_handle: handle });
  return expectStatus(info(cmd('CommandPreparedStatementQuery', { prepared_statement_handle: handle })), grpc.status.NOT_FOUND);
});
await check('prepared statement with a parameter bound through DoPut', async () => {
  const action = (type, name, fields) => serverStream('DoAction', flight('Action'), flight('Result'), { type, body: pack(name, fields) }, md(token));
  const created = await action('CreatePreparedStatement', 'ActionCreatePreparedStatementRequest', { query: 'SELECT n_name FROM nation WHERE n_nationkey = ?' });
  const handle = unpack(created[0].body, 'ActionCreatePreparedStatementResult').prepared_statement_handle;
  const names = [];
  for (const key of [7, 12]) {
    const messages = flightData(tableFromArrays({ p1: new Int32Array([key]) }));
    messages[0].flight_descriptor = cmd('CommandPreparedStatementQuery', { prepared_statement_handle: handle });
    const { messages: results } = await bidi('DoPut', flight('FlightData'), flight('PutResult'), messages, md(token));
    const echoed = sql('DoPutPreparedStatementResult').decode(results[0].app_metadata).prepared_statement_handle;
    if (Buffer.compare(Buffer.from(echoed), Buffer.from(handle)) !== 0) return 'DoPutPreparedStatementResult does not carry the handle';
    const t = await run(cmd('CommandPreparedStatementQuery', { prepared_statement_handle: handle }));
    names.push(t.getChild('n_name').get(0));
  }
  await action('ClosePreparedStatement', 'ActionClosePreparedStatementRequest', { prepared_statement_handle: handle });
  return names.join(',') === 'GERMANY,JAPAN' ? null : `names ${names}`;
});
await check('ListActions', async () => {
  const actions = await serverStream('ListActions', flight('Empty'), flight('ActionType'), {}, md(token));
  return actions.map((a) => a.type).join(',') === 'CreatePreparedStatement,ClosePreparedStatement,CancelFlightInfo' ? null : actions.map((a) => a.type).join(',');
});
await check('unknown action is UNIMPLEMENTED', () => expectStatus(
  serverStream('DoAction', flight('Action'), flight('Result'), { type: 'BeginTransaction', body: Buffer.alloc(0) }, md(token)), grpc.status.UNIMPLEMENTED));

// Updates through DoPut: the descriptor in the first message, DoPutUpdateResult in the PutResult's app_metadata.
const put = (descriptor) => bidi('DoPut', flight('FlightData'), flight('PutResult'), [{ flight_descriptor: descriptor }], md(token));
await check('DoPut CommandStatementUpdate runs DDL', async () => {
  const schema = `scratch_${process.pid}_${Date.now()}`;
  const { messages } = await put(cmd('CommandStatementUpdate', { query: `CREATE SCHEMA ${schema}` }));
  const count = sql('DoPutUpdateResult').decode(messages[0].app_metadata).record_count;
  if (Number(count) !== 0) return `record_count ${count}`;
  const t = await run(statement('SHOW SCHEMAS'));
  return t.getChild('Schema').toArray().includes(schema) ? null : `schemas ${t.getChild('Schema').toArray()}`;
});
await check('DoPut of a failing statement is a clean error', () => expectStatus(
  put(cmd('CommandStatementUpdate', { query: 'DROP TABLE default.missing_table' })), grpc.status.NOT_FOUND));

// Bulk ingest: DoPut with CommandStatementIngest and an IPC stream written by arrow-js (dictionary-encoded strings,
// optionally ZSTD-compressed); DoPutUpdateResult carries the rows ingested; SQL then reads the table.
const IF_NOT_EXIST = { CREATE: 1, FAIL: 2 };
const IF_EXISTS = { FAIL: 1, APPEND: 2, REPLACE: 3 };
const ingestTable = `ingested_${process.pid}`;
await check('GetSqlInfo says bulk ingestion is supported, without transactions', async () => {
  const t = await run(cmd('CommandGetSqlInfo', { info: [10, 11] }));
  const got = [0, 1].map((i) => `${t.getChild('info_name').get(i)}=${t.getChild('value').get(i)}`).join(',');
  return got === '10=true,11=false' ? null : got;
});
const ingest = async (table, ifNotExist, ifExists, compression = null, name = ingestTable) => {
  const messages = flightData(table, compression);
  messages[0].flight_descriptor = cmd('CommandStatementIngest', { table: name, schema: 'tpch', table_definition_options: { if_not_exist: ifNotExist, if_exists: ifExists } });
  const { messages: results } = await bidi('DoPut', flight('FlightData'), flight('PutResult'), messages, md(token));
  return Number(sql('DoPutUpdateResult').decode(results[0].app_metadata).record_count);
};
const people = (ids, names, prices) => new Table({
  id: vectorFromArray(ids, new Int32()),
  name: vectorFromArray(names, new Dictionary(new Utf8(), new Int32())),
  price: vectorFromArray(prices, new Float64()),
});
const tableRows = async (query) => {
  const t = await run(statement(query));
  const columns = t.schema.fields.map((_, i) => t.getChildAt(i));
  return Array.from({ length: t.numRows }, (_, r) => columns.map((c) => String(c.get(r))).join('|')).join(';');
};
await check('ingest creates a table from an arrow-js stream with a dictionary column', async () => {
  const count = await ingest(people([1, 2, 3], ['ann', null, 'cy'], [1.5, 2.5, 3.5]), IF_NOT_EXIST.CREATE, IF_EXISTS.FAIL);
  if (count !== 3) return `record_count ${count}`;
  const got = await tableRows(`SELECT id, name, price FROM tpch.${ingestTable} ORDER BY id`);
  return got === '1|ann|1.5;2|null|2.5;3|cy|3.5' ? null : got;
});
await check('ingest into an existing table with if_exists FAIL is ALREADY_EXISTS', () => expectStatus(
  ingest(people([9], ['x'], [0]), IF_NOT_EXIST.CREATE, IF_EXISTS.FAIL), grpc.status.ALREADY_EXISTS, ingestTable));
await check('ingest appends a ZSTD-compressed stream', async () => {
  useCodec();
  const ids = Array.from({ length: 5000 }, (_, i) => 100 + i);
  const count = await ingest(people(ids, ids.map((i) => `n${i % 4}`), ids.map(() => 1)), IF_NOT_EXIST.FAIL, IF_EXISTS.APPEND, useCodec('zstd'));
  if (count !== 5000) return `record_count ${count}`;
  const got = await tableRows(`SELECT count(*), sum(price), count(DISTINCT name) FROM tpch.${ingestTable}`);
  return got === '5003|5007.5|6' ? null : got;
});
await check('append with other columns is INVALID_ARGUMENT and changes nothing', async () => {
  const problem = await expectStatus(ingest(new Table({ other: vectorFromArray([1n], new Int64()) }), IF_NOT_EXIST.FAIL, IF_EXISTS.APPEND),
    grpc.status.INVALID_ARGUMENT, 'differ');
  if (problem) return problem;
  const got = await tableRows(`SELECT count(*) FROM tpch.${ingestTable}`);
  return got === '5003' ? null : `count ${got}`;
});
await check('ingest replaces a table, schema included', async () => {
  const count = await ingest(new Table({ x: vectorFromArray([7n, 8n], new Int64()) }), IF_NOT_EXIST.CREATE, IF_EXISTS.REPLACE);
  if (count !== 2) return `record_count ${count}`;
  const got = await tableRows(`SELECT * FROM tpch.${ingestTable} ORDER BY x`);
  return got === '7|8'.replace('|', ';') ? null : got;
});
// GetFlightInfo's plan is kept for DoGet, but a statement that changes the catalog (here an ingest that replaces
// the table's files) drops it: the old ticket is planned again and reads the table as it is now.
await check('a ticket redeemed after the table changed reads the new table', async () => {
  const before = await info(statement(`SELECT * FROM tpch.${ingestTable} ORDER BY x`));
  const count = await ingest(new Table({ x: vectorFromArray([9n], new Int64()) }), IF_NOT_EXIST.CREATE, IF_EXISTS.REPLACE);
  if (count !== 1) return `record_count ${count}`;
  const t = ipc(await doGet(before.endpoint[0].ticket));
  const got = t.getChild('x').toArray().join(',');
  return got === '9' ? null : `rows ${got}`;
});
await check('a ticket redeemed twice gives the same rows twice', async () => {
  const i = await info(statement('SELECT n_name FROM nation WHERE n_regionkey = 1 ORDER BY n_nationkey'));
  const first = ipc(await doGet(i.endpoint[0].ticket)).getChild('n_name').toArray().join(',');
  const second = ipc(await doGet(i.endpoint[0].ticket)).getChild('n_name').toArray().join(',');
  return first === second && first === 'ARGENTINA,BRAZIL,CANADA,PERU,UNITED STATES' ? null : `first ${first}, second ${second}`;
});
await check('ingest into a missing table with if_not_exist FAIL is NOT_FOUND', () => expectStatus(
  ingest(people([1], ['a'], [1]), IF_NOT_EXIST.FAIL, IF_EXISTS.APPEND, null, `missing_${process.pid}`), grpc.status.NOT_FOUND));

// system.queries: every statement with its user, state, rows, bytes scanned, times and error.
await check('system.queries shows finished, failed and cancelled statements', async () => {
  const tag = `marker_${process.pid}_${Date.now()}`;
  await run(statement(`SELECT n_name, '${tag}' AS tag FROM nation WHERE n_regionkey = 2`));
  const failed = await expectStatus(info(statement(`SELECT CAST('x${tag}' AS integer)`)).then((i) => doGet(i.endpoint[0].ticket)), grpc.status.INVALID_ARGUMENT);
  if (failed) return `the failing statement: ${failed}`;
  const t = await run(statement(
    `SELECT query_id, user, state, rows, bytes_scanned, error, start_time <= end_time AS ordered, query FROM system.queries WHERE query LIKE '%${tag}%' ORDER BY query_id`));
  const got = [];
  for (let r = 0; r < t.numRows; r++) {
    const q = t.getChild('query').get(r);
    if (q.includes('system.queries')) continue;
    got.push([t.getChild('user').get(r), t.getChild('state').get(r), Number(t.getChild('rows').get(r)),
      Number(t.getChild('bytes_scanned').get(r)) > 0, t.getChild('error').get(r) === null, t.getChild('ordered').get(r)].join(':'));
  }
  const want = [`${user}:FINISHED:5:true:true:true`, `${user}:FAILED:0:false:false:true`].join(',');
  if (got.join(',') !== want) return `rows ${got.join(',')}`;
  const cancelled = await run(statement("SELECT count(*) AS c FROM system.queries WHERE state = 'CANCELLED' AND query LIKE '%a.l_tax + b.l_tax%'"));
  if (Number(cancelled.getChild('c').get(0)) < 1) return 'the query stopped by CancelFlightInfo is not CANCELLED';
  const self = await run(statement("SELECT state FROM system.queries WHERE query LIKE '%state = ''RUNNING''%' AND state = 'RUNNING'"));
  return self.numRows === 1 ? null : `the running query sees ${self.numRows} running rows of itself`;
});

// Deadlines and cancellation: a query far too big for its deadline ends with DEADLINE_EXCEEDED.
await check('deadline', async () => {
  const i = await info(statement('SELECT count(*) FROM lineitem a CROSS JOIN lineitem b WHERE a.l_quantity + b.l_quantity < 0'));
  const started = Date.now();
  const problem = await expectStatus(doGet(i.endpoint[0].ticket, { deadline: Date.now() + 500 }), grpc.status.DEADLINE_EXCEEDED);
  return problem ?? (Date.now() - started > 10000 ? 'took more than 10 s' : null);
});

finish(client);
