/** tcp-server: the same loopback clients against a thread, a process and a GIL-bound thread per client. */
import type { ServerModel, ServerRun } from '../../common/demos';
import type { DemoContext } from './context';
import { metric, type DemoModule } from './demo-module';
import { count, ms, percentile } from './numbers';
import { startServer } from './tcp-servers';
import { TCP_CLIENTS_KERNEL } from '../../../workloads/demos/kernels/tcp-clients';

const MODELS: readonly ServerModel[] = ['threads', 'processes', 'gil-threads'];
const TITLE: Readonly<Record<ServerModel, string>> = {
  threads: 'a thread per client',
  processes: 'a process per client',
  'gil-threads': 'a GIL-bound thread per client',
};

async function serve(ctx: DemoContext, model: ServerModel): Promise<ServerRun> {
  const clients = ctx.param('clients');
  const requests = ctx.param('requests');
  const group = TITLE[model];
  ctx.phase(`server: ${group}`);
  const server = await startServer(ctx, model, ctx.param('workUs'), group);
  const load = ctx.process(
    TCP_CLIENTS_KERNEL,
    { port: server.port, clients, requests, deadlineMs: 20_000 * ctx.slow },
    { id: `${model}-clients`, label: `${clients} clients`, group },
  );
  const out = await ctx.guard(load.result);
  await server.close();
  return {
    model,
    expected: clients * requests,
    served: out.served,
    errors: out.errors,
    wallMs: out.wallMs,
    rps: (out.served / out.wallMs) * 1000,
    p50Ms: percentile(out.latencies, 50),
    p99Ms: percentile(out.latencies, 99),
  };
}

export const tcpServer: DemoModule = {
  id: 'tcp-server',
  sources: [
    'electron/lab/demos/tcp-servers.ts',
    'workloads/demos/kernels/tcp-server.ts',
    'workloads/demos/kernels/tcp-clients.ts',
  ],
  async run(ctx) {
    const servers: ServerRun[] = [];
    for (const m of MODELS) servers.push(await serve(ctx, m));
    const best = [...servers].sort((a, b) => b.rps - a.rps)[0] as ServerRun;
    const describe = (s: ServerRun) =>
      `${TITLE[s.model]} served ${count(s.served)} of ${count(s.expected)} at ${count(s.rps)} req/s (p50 ${ms(s.p50Ms)} ms, p99 ${ms(s.p99Ms)} ms)`;
    return {
      sentence: `With ${ctx.param('clients')} clients × ${ctx.param('requests')} requests of ${ctx.param('workUs')} µs CPU each: ${servers.map(describe).join('; ')}.`,
      answer: { choice: best.model, why: `highest rate: ${TITLE[best.model]} at ${count(best.rps)} req/s` },
      metrics: servers.flatMap((s) => [
        metric(`${s.model}.rps`, `${TITLE[s.model]}: requests per second`, s.rps, 'req/s'),
        metric(`${s.model}.p50Ms`, `${TITLE[s.model]}: p50 latency`, s.p50Ms, 'ms'),
        metric(`${s.model}.p99Ms`, `${TITLE[s.model]}: p99 latency`, s.p99Ms, 'ms'),
      ]),
      details: {
        kind: 'tcp-server',
        clients: ctx.param('clients'),
        requestsPerClient: ctx.param('requests'),
        workUs: ctx.param('workUs'),
        servers,
      },
      notes: [
        'A process per client pays for starting a process on each connection; that start-up shows in its first latency and in its p99.',
        'Worker threads cannot own a socket accepted by another thread in Node, so the thread servers’ bytes pass through the main event loop.',
      ],
    };
  },
};
