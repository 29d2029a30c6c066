/**
 * The servers of the tcp-server demo, listening on 127.0.0.1. Each accepted client gets its own worker:
 * - a thread (or a GIL-bound thread): Node cannot hand an accepted socket to a worker thread, so this event
 *   loop moves the bytes: what the client sends goes to the thread's message port (and rings its doorbell,
 *   waking its blocking recv()), what the thread sends back is written to the socket;
 * - a process: the socket itself is passed to the child (like a forking server), which serves it alone.
 */
import net from 'node:net';
import { MessageChannel } from 'node:worker_threads';
import type { ServerModel } from '../../common/demos';
import type { DemoContext, LaneSpec } from './context';
import {
  TCP_PROCESS_HANDLER_KERNEL,
  TCP_THREAD_HANDLER_KERNEL,
} from '../../../workloads/demos/kernels/tcp-server';

export interface RunningServer {
  readonly port: number;
  readonly accepted: () => number;
  close(): Promise<void>;
}

function threadClient(
  ctx: DemoContext,
  socket: net.Socket,
  index: number,
  workUs: number,
  lane: LaneSpec,
  gil?: SharedArrayBuffer,
): void {
  const { port1, port2 } = new MessageChannel();
  const doorbell = new SharedArrayBuffer(4);
  const bell = new Int32Array(doorbell);
  const handler = ctx.thread(
    TCP_THREAD_HANDLER_KERNEL,
    { port: port2, doorbell, workUs, index, ...(gil ? { gil } : {}) },
    lane,
    { gil: gil !== undefined, transfer: [port2] },
  );
  const ring = () => {
    Atomics.add(bell, 0, 1);
    Atomics.notify(bell, 0);
  };
  socket.setNoDelay(true);
  // A copy exactly the size of the chunk: a Buffer may be a view into a much larger shared pool.
  socket.on('data', (chunk: Buffer) => (port1.postMessage(new Uint8Array(chunk)), ring()));
  socket.on('end', () => (port1.postMessage(null), ring()));
  socket.on('error', () => socket.destroy());
  port1.on('message', (bytes: Uint8Array) => socket.write(bytes));
  void handler.exited.then(() => {
    port1.close();
    socket.end();
  });
}

export function startServer(
  ctx: DemoContext,
  model: ServerModel,
  workUs: number,
  group: string,
): Promise<RunningServer> {
  const gil = model === 'gil-threads' ? ctx.gil(5) : undefined;
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  // For a process the socket must stay paused until the child owns it, or bytes could be read here.
  const server = net.createServer({ pauseOnConnect: model === 'processes' }, (socket) => {
    const index = accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const lane = { id: `${model}/handler-${index + 1}`, label: `handler ${index + 1}`, group };
    if (model !== 'processes') return threadClient(ctx, socket, index, workUs, lane, gil);
    const child = ctx.process(TCP_PROCESS_HANDLER_KERNEL, { workUs }, lane);
    child.ready.then(
      () => child.send({ type: 'socket' }, { socket }),
      () => socket.destroy(),
    );
  });
  // The listening socket closes at once; the callback is not awaited because, once a socket has been passed
  // to a child, Node asks that child whether the socket is closed, and a child that has exited never answers.
  const close = async () => {
    for (const s of sockets) s.destroy();
    server.close();
  };
  ctx.onClose(close);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('tcp-server: no port'));
      resolve({ port: address.port, accepted: () => accepted, close });
    });
  });
}
