/**
 * convoy: the I/O-bound side. A GIL-bound thread does request/response round trips with a loopback echo
 * server. Each round trip releases the lock around the I/O and must take it back when the reply arrives; a
 * CPU-bound thread beside it keeps the lock until a waiter has waited a whole switch interval and asked.
 */
import net from 'node:net';
import { once } from 'node:events';
import { Gil } from '../../gil/gil';
import { GilRecorder } from '../../gil/recorder';
import { demoKernel, type KernelIo } from '../kernel';
import { monoNow } from '../../clock';
import { gilSpans } from '../gil-lane';

export interface ConvoyIoInput {
  readonly gil: SharedArrayBuffer;
  readonly index: number;
  readonly port: number;
  readonly durationMs: number;
  readonly bytes: number;
}

export interface ConvoyIoOutput {
  readonly roundTrips: number;
  readonly elapsedMs: number;
  /** ms per round trip, including the wait to take the GIL back */
  readonly latencies: Float64Array;
}

/** One connection; send() resolves once the message is handed to the kernel, reply() once all of it is back. */
class EchoConnection {
  private pending = 0;
  private done: (() => void) | null = null;

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.pending -= chunk.length;
      if (this.pending <= 0 && this.done) {
        const d = this.done;
        this.done = null;
        d();
      }
    });
  }

  send(payload: Buffer): Promise<void> {
    this.pending += payload.length;
    return new Promise((resolve, reject) =>
      this.socket.write(payload, (err) => (err ? reject(err) : resolve())),
    );
  }

  reply(): Promise<void> {
    return new Promise((resolve) => {
      if (this.pending <= 0) resolve();
      else this.done = resolve;
    });
  }
}

export async function convoyIo(input: ConvoyIoInput, io: KernelIo): Promise<ConvoyIoOutput> {
  const gil = new Gil(input.gil, input.index, new GilRecorder(input.index, 300));
  const originMono = monoNow();
  gil.recorder.reset(originMono, true);
  gil.acquire();
  const socket = net.connect({ host: '127.0.0.1', port: input.port });
  socket.setNoDelay(true);
  await gil.io(() => once(socket, 'connect'));
  const conn = new EchoConnection(socket);
  const payload = Buffer.alloc(input.bytes, 0x2a);
  const latencies: number[] = [];
  const t0 = monoNow();
  const end = t0 + input.durationMs;
  let elapsedMs: number;
  try {
    while (monoNow() < end) {
      const t = monoNow();
      // Like CPython's sendall() and recv(): each lets go of the lock and must take it back afterwards.
      await gil.io(() => conn.send(payload));
      await gil.io(() => conn.reply());
      latencies.push(monoNow() - t);
    }
    elapsedMs = monoNow() - t0;
  } finally {
    if (gil.isHeld) gil.release();
    socket.destroy();
  }
  io.lane.spans(gilSpans(gil.recorder.snapshot(), originMono, 'io', 'waits for the reply'));
  return { roundTrips: latencies.length, elapsedMs, latencies: Float64Array.from(latencies) };
}

export const CONVOY_IO_KERNEL = demoKernel('convoy-io', 'convoy-io', convoyIo);
