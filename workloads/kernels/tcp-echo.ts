/**
 * Network round trips over loopback TCP: each unit opens a connection to the runner's echo server and
 * waits for every message to come back before sending the next, so latency, not bandwidth, dominates.
 */
import net from 'node:net';
import { once } from 'node:events';
import type { Params } from '../../electron/common/workload';
import type { UnitContext, WorkloadDef } from '../types';
import { checkIndex, fnv1a32, FNV_OFFSET, param, read, unitsParam } from './util';

const UNITS = unitsParam(16);
const ROUND_TRIPS = param('roundTrips', 'Request/response exchanges per unit, one connection per unit', {
  min: 1,
  max: 100_000,
  default: 200,
});
const BYTES = param('bytes', 'Size of each message', {
  min: 1,
  max: 1_048_576,
  default: 1_024,
  unit: 'bytes',
});

/** The message of round trip `trip` of unit `index`. */
export function echoPayload(index: number, trip: number, bytes: number): Buffer {
  const out = Buffer.allocUnsafe(bytes);
  for (let j = 0; j < bytes; j++) out[j] = (index * 131 + trip * 31 + j * 7 + (j >>> 8)) & 0xff;
  return out;
}

/** One connection's worth of exchanges; returns the FNV-1a of everything that came back. */
async function session(port: number, index: number, roundTrips: number, bytes: number): Promise<number> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  // once() rejects if 'error' fires first (connection refused, for example).
  await once(socket, 'connect');
  const chunks = socket[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let carry: Buffer = Buffer.alloc(0);
  let h = FNV_OFFSET;
  try {
    for (let trip = 0; trip < roundTrips; trip++) {
      const sent = echoPayload(index, trip, bytes);
      socket.write(sent);
      // TCP is a byte stream: one message may arrive in several chunks, so gather until it is complete.
      const parts: Buffer[] = [carry];
      let have = carry.length;
      while (have < bytes) {
        const next = await chunks.next();
        if (next.done) throw new Error(`tcp-echo: unit ${index} connection closed during round trip ${trip}`);
        parts.push(next.value);
        have += next.value.length;
      }
      const all = Buffer.concat(parts, have);
      const got = all.subarray(0, bytes);
      carry = all.subarray(bytes);
      if (!got.equals(sent))
        throw new Error(`tcp-echo: unit ${index} got a corrupted echo in round trip ${trip}`);
      h = fnv1a32(got, h);
    }
    socket.end();
    // Wait for the server's end too, so the connection is fully closed when the unit reports done.
    const rest = await chunks.next();
    if (!rest.done || carry.length > 0)
      throw new Error(`tcp-echo: unit ${index} received unexpected extra bytes`);
    return h;
  } finally {
    socket.destroy();
  }
}

export const tcpEcho: WorkloadDef = {
  name: 'tcp-echo',
  kind: 'io',
  title: 'TCP echo',
  description:
    'Each unit opens a loopback TCP connection and does request/response round trips with an echo server.',
  params: [UNITS, ROUND_TRIPS, BYTES],
  size: { param: 'roundTrips', exponent: 1, pythonSlowdown: 1, roughUnitMs: 10 },
  needs: { echoServer: true },
  unitCount: (params: Params) => read(params, UNITS),
  async runUnit(params: Params, index: number, ctx: UnitContext): Promise<number> {
    checkIndex('tcp-echo', index, read(params, UNITS));
    const port = ctx.env.echoPort;
    if (port === undefined)
      throw new Error('tcp-echo: no echo server was provided (env.echoPort is missing)');
    const roundTrips = read(params, ROUND_TRIPS);
    const bytes = read(params, BYTES);
    return ctx.io(() => session(port, index, roundTrips, bytes));
  },
};
