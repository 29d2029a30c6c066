/**
 * tcp-server: the per-client handlers. Each handles one client: receive a request, compute for `workUs`
 * microseconds, send the response, until the client closes.
 * - thread: Node cannot move an accepted socket into a worker thread, so the host's event loop moves the bytes
 *   and this thread does a blocking recv() on a message port (woken by Atomics.notify) and send() back;
 * - gil-thread: the same, holding the emulated GIL while it computes and releasing it around recv();
 * - process: the accepted socket itself is handed to the child, which reads and writes it directly.
 */
import type net from 'node:net';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { Gil } from '../../gil/gil';
import { GilRecorder } from '../../gil/recorder';
import { demoKernel, type KernelIo } from '../kernel';
import { monoNow } from '../../clock';
import { frame, FrameReader } from '../frames';
import { spin } from '../sync';

/** Every lane message costs the host's event loop, which here also moves the bytes: show the first requests only. */
const LANE_STATES = 60;

export interface ThreadHandlerInput {
  readonly port: MessagePort;
  /** slot 0 is bumped by the host after every message it posts */
  readonly doorbell: SharedArrayBuffer;
  readonly workUs: number;
  readonly gil?: SharedArrayBuffer;
  readonly index: number;
}

/** Computes for `us` microseconds; offers the GIL up between slices when there is one. */
function work(payload: number, us: number, check: () => void): number {
  const end = monoNow() + us / 1000;
  let x = payload | 1;
  do {
    x = spin(300, x);
    check();
  } while (monoNow() < end);
  return x >>> 0;
}

export function threadHandler(input: ThreadHandlerInput, io: KernelIo): { requests: number } {
  const bell = new Int32Array(input.doorbell);
  const gil = input.gil ? new Gil(input.gil, input.index, new GilRecorder(input.index, 0)) : null;
  const recv = (): Uint8Array | null => {
    for (;;) {
      const rung = Atomics.load(bell, 0); // read before looking, so a message posted meanwhile is not missed
      const got = receiveMessageOnPort(input.port);
      if (got) return got.message as Uint8Array | null;
      Atomics.wait(bell, 0, rung);
    }
  };
  const reader = new FrameReader();
  let requests = 0;
  io.lane.limit(LANE_STATES);
  gil?.acquire();
  try {
    for (;;) {
      gil?.release();
      io.lane.state('io', 'recv()');
      const chunk = recv();
      if (gil) {
        io.lane.state('waiting', 'waits for the GIL');
        gil.acquire();
      }
      if (chunk === null) break;
      io.lane.state(gil ? 'holding' : 'running', 'handles a request');
      const out = reader.push(chunk).map(([seq, payload]) => {
        requests++;
        return frame(
          seq,
          payload,
          work(payload, input.workUs, () => gil?.check()),
        );
      });
      // A fresh, exactly sized copy: a small Buffer is a view into a shared 8 KiB pool that would be cloned whole.
      if (out.length) input.port.postMessage(new Uint8Array(Buffer.concat(out)));
    }
  } finally {
    if (gil?.isHeld) gil.release();
    input.port.close();
  }
  io.lane.state(null);
  return { requests };
}

export function processHandler(
  input: { readonly workUs: number },
  io: KernelIo,
): Promise<{ requests: number }> {
  return new Promise((resolve, reject) => {
    io.onMessage((_data, handle) => {
      const socket = handle as net.Socket | undefined;
      if (!socket) return reject(new Error('tcp-server: no socket came with the message'));
      const reader = new FrameReader();
      let requests = 0;
      io.lane.limit(LANE_STATES);
      socket.setNoDelay(true);
      io.lane.state('io', 'recv()');
      socket.on('data', (chunk: Buffer) => {
        io.lane.state('running', 'handles a request');
        const out = reader.push(chunk).map(([seq, payload]) => {
          requests++;
          return frame(
            seq,
            payload,
            work(payload, input.workUs, () => undefined),
          );
        });
        if (out.length) socket.write(Buffer.concat(out));
        io.lane.state('io', 'recv()');
      });
      socket.on('error', reject);
      socket.on('close', () => {
        io.lane.state(null);
        resolve({ requests });
      });
      socket.on('end', () => socket.end());
      socket.resume();
    });
  });
}

export const TCP_THREAD_HANDLER_KERNEL = demoKernel('tcp-server', 'tcp-thread-handler', threadHandler);

export const TCP_PROCESS_HANDLER_KERNEL = demoKernel('tcp-server', 'tcp-process-handler', processHandler);
