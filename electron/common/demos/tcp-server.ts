/** The tcp-server demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export type ServerModel = 'threads' | 'processes' | 'gil-threads';

export interface ServerRun {
  readonly model: ServerModel;
  readonly expected: number;
  readonly served: number;
  readonly errors: number;
  readonly wallMs: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface TcpServerDetails {
  readonly kind: 'tcp-server';
  readonly clients: number;
  readonly requestsPerClient: number;
  readonly workUs: number;
  readonly servers: readonly ServerRun[];
}

export const tcpServerDemo: DemoDefinition<'tcp-server', TcpServerDetails> = {
  id: 'tcp-server',
  title: 'Thread-per-client server',
  concept: 'thread-per-client server',
  summary:
    'A TCP server on 127.0.0.1 gives each client its own thread, which receives a request, computes for a while and answers. The same server with a process per client, and with GIL-bound threads, is served to the same real loopback clients; we measure requests per second and latency.',
  question: {
    prompt:
      'Clients hit a server that computes for each request. Which version serves the most requests per second?',
    choices: [
      { id: 'threads', label: 'A thread per client' },
      { id: 'processes', label: 'A process per client' },
      { id: 'gil-threads', label: 'A GIL-bound thread per client' },
    ],
  },
  params: [
    param('clients', 'Concurrent clients', { min: 1, max: 16, default: 4 }),
    param('requests', 'Requests per client', { min: 1, max: 2000, default: 250 }),
    param('workUs', 'CPU time per request', { min: 0, max: 5000, default: 500, unit: 'µs' }),
  ],
  timeLimitMs: 60_000,
  uses: ['threads', 'processes', 'gil', 'sockets'],
  python: `import socket, threading, time

def handle(conn):
    with conn:
        while data := conn.recv(12):
            sum(range(2_000))        # some CPU work per request
            conn.sendall(data)

def serve(server):
    while True:
        conn, _ = server.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()
# a process per client: multiprocessing.Process(target=handle, args=(conn,))

def client(addr, requests):
    with socket.create_connection(addr) as s:
        for _ in range(requests):
            s.sendall(b"hello world!")
            s.recv(12)

server = socket.create_server(("127.0.0.1", 0))
threading.Thread(target=serve, args=(server,), daemon=True).start()
start = time.perf_counter()
clients = [threading.Thread(target=client, args=(server.getsockname(), 200)) for _ in range(4)]
for c in clients: c.start()
for c in clients: c.join()   # 4 clients served at once, a thread each
print(f"{4 * 200 / (time.perf_counter() - start):.0f} requests per second")`,
};
