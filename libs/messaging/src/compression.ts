/**
 * Snappy, LZ4 and zstd for kafkajs (gzip is built in), all pure JavaScript so no
 * native build or binary download is needed. Java producers (what most ERPs
 * use) frame snappy the xerial way and LZ4 as an LZ4 frame with independent
 * blocks; both directions were checked against Kafka's own console tools.
 */
import kafkajs from 'kafkajs';
import * as snappy from 'snappyjs';
import * as lz4 from 'lz4js';
import { decompress as zstdDecompress } from 'fzstd';
import zstdCodecPackage from 'zstd-codec';

interface KafkaCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// xerial framing: "\x82SNAPPY\0", version 1, compatible 1, then [int32 BE length][raw block]*
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER = Buffer.concat([XERIAL_MAGIC, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])]);
const SNAPPY_BLOCK = 32 * 1024;

export const snappyCodec: KafkaCodec = {
  async compress({ buffer }) {
    const parts: Buffer[] = [XERIAL_HEADER];
    let offset = 0;
    do {
      const block = asBuffer(snappy.compress(buffer.subarray(offset, offset + SNAPPY_BLOCK)));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(block.length);
      parts.push(length, block);
      offset += SNAPPY_BLOCK;
    } while (offset < buffer.length);
    return Buffer.concat(parts);
  },
  async decompress(buffer) {
    if (buffer.length < 16 || !buffer.subarray(0, 8).equals(XERIAL_MAGIC)) return asBuffer(snappy.uncompress(buffer));
    const out: Buffer[] = [];
    for (let offset = 16; offset + 4 <= buffer.length; ) {
      const size = buffer.readUInt32BE(offset);
      offset += 4;
      out.push(asBuffer(snappy.uncompress(buffer.subarray(offset, offset + size))));
      offset += size;
    }
    return Buffer.concat(out);
  },
};

// LZ4 frame as Kafka's Java client writes it: FLG 0x60 (independent blocks), BD 0x40 (64 KB), header checksum 0x82.
const LZ4_FRAME_HEADER = Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82]);
const LZ4_BLOCK = 64 * 1024;

export const lz4Codec: KafkaCodec = {
  async compress({ buffer }) {
    const parts: Buffer[] = [LZ4_FRAME_HEADER];
    const blockBuffer = Buffer.alloc(lz4.compressBound(LZ4_BLOCK));
    const hashTable = new Uint32Array(65536);
    for (let offset = 0; offset < buffer.length; offset += LZ4_BLOCK) {
      const length = Math.min(LZ4_BLOCK, buffer.length - offset);
      hashTable.fill(0);
      const compressed = lz4.compressBlock(buffer, blockBuffer, offset, length, hashTable);
      const size = Buffer.alloc(4);
      if (compressed === 0 || compressed >= length) {
        size.writeUInt32LE((0x80000000 | length) >>> 0); // stored uncompressed
        parts.push(size, buffer.subarray(offset, offset + length));
      } else {
        size.writeUInt32LE(compressed);
        parts.push(size, Buffer.from(blockBuffer.subarray(0, compressed)));
      }
    }
    parts.push(Buffer.alloc(4)); // end mark
    return Buffer.concat(parts);
  },
  async decompress(buffer) {
    return asBuffer(lz4.decompress(buffer));
  },
};

type ZstdSimple = { compress(data: Uint8Array, level?: number): Uint8Array | null };
let zstdSimple: Promise<ZstdSimple> | undefined;

export const zstdCodec: KafkaCodec = {
  async compress({ buffer }) {
    zstdSimple ??= new Promise((resolve) => zstdCodecPackage.ZstdCodec.run((zstd) => resolve(new zstd.Simple())));
    const out = (await zstdSimple).compress(buffer, 3);
    if (!out) throw new Error('zstd compression failed');
    return asBuffer(out);
  },
  async decompress(buffer) {
    return asBuffer(zstdDecompress(buffer));
  },
};

let registered = false;

export function registerCompressionCodecs(): void {
  if (registered) return;
  // CompressionCodecs is not a named export of kafkajs under ESM.
  const { CompressionCodecs, CompressionTypes } = kafkajs;
  CompressionCodecs[CompressionTypes.Snappy] = () => snappyCodec;
  CompressionCodecs[CompressionTypes.LZ4] = () => lz4Codec;
  CompressionCodecs[CompressionTypes.ZSTD] = () => zstdCodec;
  registered = true;
}
