// Queries per second of QueryEngine's Flight SQL server (a benchmark, not a test): CLIENTS connections of the arrow-rs
// client (@lakehouse-rs/flight-sql-client), each running QUERY in a loop, first for WARMUP seconds (not counted),
// then for SECONDS; prints completed queries per second and the p50/p99/max latency of one query (GetFlightInfo,
// DoGet and decoding the result), and the rows each query returned.
// Usage: node flight-point-qps.mjs PORT USER PASSWORD CLIENTS WARMUP SECONDS QUERY
import { tableFromIPC } from 'apache-arrow';
import { createFlightSqlClient } from '@lakehouse-rs/flight-sql-client';

const [port, user, password, clientsText, warmupText, secondsText, query] = process.argv.slice(2);
const clients = Number(clientsText);
const warmup = Number(warmupText);
const seconds = Number(secondsText);
if (!query || !(clients > 0) || !(seconds > 0) || !(warmup >= 0)) {
  console.error('usage: node flight-point-qps.mjs PORT USER PASSWORD CLIENTS WARMUP SECONDS QUERY');
  process.exit(2);
}
const connections = await Promise.all(Array.from({ length: clients }, () =>
  createFlightSqlClient({ host: '127.0.0.1', port: Number(port), tls: false, headers: [], username: user, password })));

const rowCounts = new Set();
const latencies = [];
let measuring = false;
const loop = async (client, until) => {
  while (process.hrtime.bigint() < until) {
    const started = process.hrtime.bigint();
    const rows = tableFromIPC(await client.query(query)).numRows;
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    rowCounts.add(rows);
    if (measuring) latencies.push(elapsed);
  }
};
const deadline = (s) => process.hrtime.bigint() + BigInt(Math.round(s * 1e9));
await Promise.all(connections.map((c) => loop(c, deadline(warmup))));
measuring = true;
const started = process.hrtime.bigint();
await Promise.all(connections.map((c) => loop(c, deadline(seconds))));
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(`query: ${query}`);
console.log(`${clients} clients, ${warmup} s warm-up, ${seconds} s measured; rows per query: ${[...rowCounts].join(', ')}`);
console.log('| clients | queries | QPS | p50 ms | p99 ms | max ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(`| ${clients} | ${latencies.length} | ${(latencies.length / elapsed).toFixed(1)} | ${at(0.5).toFixed(1)} | ${at(0.99).toFixed(1)} | ${latencies[latencies.length - 1].toFixed(1)} |`);
process.exit(0);
