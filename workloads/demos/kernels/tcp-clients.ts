/**
 * tcp-server: the load. K real loopback clients, each on its own connection, send a request, wait for its
 * response, and send the next; every response is checked and its latency kept. Runs in its own process so
 * it does not share the server's event loop.
 */
import net from 'node:net';
import { once } from 'node:events';
import { demoKernel, type KernelIo } from '../kernel';
import { monoNow } from '../../clock';
import { frame, FrameReader } from '../frames';

export interface ClientsInput {
  readonly port: number;
  readonly clients: number;
  readonly requests: number;
  /** stop sending after this long, whatever is left */
  readonly deadlineMs: number;
}

export interface ClientsOutput {
  readonly served: number;
  readonly errors: number;
  readonly wallMs: number;
  readonly latencies: Float64Array;
}

async function client(
  c: number,
  input: ClientsInput,
  deadline: number,
  latencies: number[],
): Promise<[number, number]> {
  const socket = net.connect({ host: '127.0.0.1', port: input.port });
  socket.setNoDelay(true);
  await once(socket, 'connect');
  const reader = new FrameReader();
  const chunks = socket[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let served = 0;
  let errors = 0;
  try {
    for (let seq = 0; seq < input.requests && monoNow() < deadline; seq++) {
      const payload = (c * 100_003 + seq * 7919) >>> 0;
      const t = monoNow();
      socket.write(frame(seq, payload, 0));
      let got: [number, number, number] | undefined;
      while (!got) {
        const next = await chunks.next();
        if (next.done) throw new Error(`client ${c}: the server closed the connection`);
        got = reader.push(next.value)[0];
      }
      latencies.push(monoNow() - t);
      if (got[0] === seq && got[1] === payload) served++;
      else errors++;
    }
    socket.end();
    while (!(await chunks.next()).done) errors++;
  } finally {
    socket.destroy();
  }
  return [served, errors];
}

export async function tcpClients(input: ClientsInput, io: KernelIo): Promise<ClientsOutput> {
  io.lane.state('io', `${input.clients} clients send requests`);
  const latencies: number[] = [];
  const t0 = monoNow();
  const results = await Promise.allSettled(
    Array.from({ length: input.clients }, (_, c) => client(c, input, t0 + input.deadlineMs, latencies)),
  );
  const wallMs = monoNow() - t0;
  let served = 0;
  let errors = 0;
  for (const r of results) {
    if (r.status === 'fulfilled') {
      served += r.value[0];
      errors += r.value[1];
    } else errors++;
  }
  io.lane.state(null);
  return { served, errors, wallMs, latencies: Float64Array.from(latencies) };
}

export const TCP_CLIENTS_KERNEL = demoKernel('tcp-clients', 'tcp-clients', tcpClients);
