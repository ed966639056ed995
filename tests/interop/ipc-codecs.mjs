// Registers LZ4_FRAME and ZSTD codecs with apache-arrow's compressionRegistry (arrow-js ships the IPC body
// compression logic but no codecs). The codecs are the reference command-line tools `lz4` and `zstd`
// (Debian packages lz4 and zstd), so the frames are checked by implementations independent of QueryEngine.
// Usage: import { useCodec } from './ipc-codecs.mjs'; const type = useCodec('zstd'); // CompressionType or null
import { execFileSync } from 'node:child_process';
import { compressionRegistry, CompressionType } from 'apache-arrow';

const run = (tool, args, input) => new Uint8Array(execFileSync(tool, args, { input, maxBuffer: 1 << 30 }));

const codecs = {
  lz4_frame: {
    type: CompressionType.LZ4_FRAME,
    encode: (data) => run('lz4', ['-z', '-c', '-q'], data),
    decode: (data) => run('lz4', ['-d', '-c', '-q'], data),
  },
  zstd: {
    type: CompressionType.ZSTD,
    encode: (data) => run('zstd', ['-c', '-q'], data),
    decode: (data) => run('zstd', ['-d', '-c', '-q'], data),
  },
};

/** Registers both codecs (so any compressed stream can be read) and returns the CompressionType of `name` ('none': null). */
export function useCodec(name = 'none') {
  for (const codec of Object.values(codecs)) compressionRegistry.set(codec.type, { encode: codec.encode, decode: codec.decode });
  if (name === 'none') return null;
  if (!codecs[name]) throw new Error(`unknown codec ${name}`);
  return codecs[name].type;
}
