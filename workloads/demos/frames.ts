/**
 * The tcp-server demo's wire format: fixed 12-byte frames of three unsigned 32-bit big-endian numbers.
 * A request is (sequence, payload, 0); its response is (sequence, payload, result). TCP is a byte stream, so
 * a reader gathers bytes until whole frames are there.
 */
export const FRAME_BYTES = 12;

export class FrameReader {
  private carry: Buffer = Buffer.alloc(0);

  /** Adds received bytes; returns every frame completed by them. */
  push(chunk: Uint8Array): [number, number, number][] {
    const all = this.carry.length ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk);
    const frames: [number, number, number][] = [];
    let off = 0;
    for (; off + FRAME_BYTES <= all.length; off += FRAME_BYTES)
      frames.push([all.readUInt32BE(off), all.readUInt32BE(off + 4), all.readUInt32BE(off + 8)]);
    this.carry = Buffer.from(all.subarray(off));
    return frames;
  }
}

export function frame(seq: number, payload: number, result: number): Buffer {
  const b = Buffer.allocUnsafe(FRAME_BYTES);
  b.writeUInt32BE(seq >>> 0, 0);
  b.writeUInt32BE(payload >>> 0, 4);
  b.writeUInt32BE(result >>> 0, 8);
  return b;
}
