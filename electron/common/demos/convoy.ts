/** The convoy demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export interface ConvoySetting {
  readonly label: string;
  readonly cpuThreads: number;
  readonly cpuIn: 'none' | 'gil-threads' | 'process';
  readonly switchIntervalMs: number;
  readonly roundTrips: number;
  readonly durationMs: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** rps / rps alone */
  readonly ofAlone: number;
}

export interface ConvoyDetails {
  readonly kind: 'convoy';
  readonly settings: readonly ConvoySetting[];
}

export const convoyDemo: DemoDefinition<'convoy', ConvoyDetails> = {
  id: 'convoy',
  title: 'Convoy effect',
  concept: 'convoy effect; GIL switch interval',
  summary:
    'An I/O-bound thread does request/response round trips with a local echo server. Alone it is quick. Beside a CPU-bound thread under one GIL, every reply must wait for the lock, and the CPU thread lets go only when asked after a whole switch interval, so each round trip costs about one interval. Shorter intervals help; moving the CPU work to another process removes the problem.',
  question: {
    prompt:
      'An I/O thread shares the GIL with one CPU-bound thread, switch interval 5 ms. What happens to its requests per second?',
    choices: [
      { id: 'collapse', label: 'It falls by ten times or more' },
      { id: 'several', label: 'It falls by a few times' },
      { id: 'same', label: 'About the same: I/O releases the GIL' },
    ],
  },
  params: [
    param('durationMs', 'Time measured per setting', { min: 100, max: 5000, default: 500, unit: 'ms' }),
    param('moreThreads', 'CPU-bound threads in the "more" settings', { min: 2, max: 4, default: 2 }),
    param('bytes', 'Bytes per message', { min: 1, max: 65_536, default: 64, unit: 'bytes' }),
  ],
  timeLimitMs: 90_000,
  uses: ['threads', 'processes', 'gil', 'sockets'],
  python: `import socket, sys, threading, time

def spin():
    while True:
        pass                         # CPU-bound: holds the GIL

def echo(server):
    conn, _ = server.accept()
    with conn:
        while data := conn.recv(64):
            conn.sendall(data)

def echo_loop(seconds):
    server = socket.create_server(("127.0.0.1", 0))
    threading.Thread(target=echo, args=(server,), daemon=True).start()
    s = socket.create_connection(server.getsockname())
    done, end = 0, time.time() + seconds
    while time.time() < end:
        s.sendall(b"x" * 64)
        s.recv(64)                   # the GIL is released here, and must be re-taken
        done += 1
    return done / seconds            # requests per second

sys.setswitchinterval(0.005)         # try 0.001, 0.0001
alone = echo_loop(1.0)
threading.Thread(target=spin, daemon=True).start()
beside = echo_loop(1.0)
print(f"alone {alone:.0f}/s, beside a CPU-bound thread {beside:.0f}/s")   # several times fewer`,
};
