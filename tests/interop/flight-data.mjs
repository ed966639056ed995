// Converting between Arrow IPC streams and Flight FlightData messages, for the Flight check scripts.
import { tableFromIPC, tableToIPC, Message } from 'apache-arrow';

// FlightData messages (data_header, data_body) of an IPC stream written by arrow-js, optionally body-compressed.
export const flightData = (table, compression = null) => {
  const bytes = tableToIPC(table, 'stream', compression);
  const out = [];
  let at = 0;
  while (at + 8 <= bytes.length) {
    let length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getInt32(0, true);
    at += 4;
    if (length === -1) { length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getInt32(0, true); at += 4; }
    if (length === 0) break;
    const header = bytes.subarray(at, at + length);
    at += length;
    const bodyLength = Number(Message.decode(header).bodyLength);
    out.push({ data_header: header, data_body: bytes.subarray(at, at + bodyLength) });
    at += bodyLength;
  }
  return out;
};

// A table decoded by arrow-js from FlightData messages, framed as an IPC stream (continuation marker, padded metadata
// length, metadata, body, end-of-stream marker).
export const ipc = (datas) => {
  const parts = [];
  for (const d of datas) {
    const header = Buffer.from(d.data_header);
    const padded = Math.ceil(header.length / 8) * 8;
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32LE(0xffffffff, 0);
    prefix.writeInt32LE(padded, 4);
    parts.push(prefix, header, Buffer.alloc(padded - header.length), Buffer.from(d.data_body ?? []));
  }
  parts.push(Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
  return tableFromIPC(Buffer.concat(parts));
};
