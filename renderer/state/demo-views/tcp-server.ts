/** tcp-server: requests per second and latency per server model. */
import type { TcpServerDetails } from '../../../electron/common/demos';
import { fractionOf } from './scale';

const SERVER_NAMES: Readonly<Record<TcpServerDetails['servers'][number]['model'], string>> = {
  threads: 'a thread per client',
  processes: 'a process per client',
  'gil-threads': 'a GIL-bound thread per client',
};

export interface ServerView {
  readonly rows: readonly (TcpServerDetails['servers'][number] & {
    readonly name: string;
    readonly rpsFraction: number;
    readonly p50Fraction: number;
    readonly p99Fraction: number;
  })[];
  /** the fastest server by requests per second */
  readonly best: string | null;
}

export function serverView(d: TcpServerDetails): ServerView {
  const maxRps = Math.max(0, ...d.servers.map((s) => s.rps));
  const maxLatency = Math.max(0, ...d.servers.map((s) => s.p99Ms));
  const best = d.servers.reduce<TcpServerDetails['servers'][number] | null>(
    (b, s) => (b === null || s.rps > b.rps ? s : b),
    null,
  );
  return {
    rows: d.servers.map((s) => ({
      ...s,
      name: SERVER_NAMES[s.model],
      rpsFraction: fractionOf(s.rps, maxRps),
      p50Fraction: fractionOf(s.p50Ms, maxLatency),
      p99Fraction: fractionOf(s.p99Ms, maxLatency),
    })),
    best: best ? best.model : null,
  };
}
