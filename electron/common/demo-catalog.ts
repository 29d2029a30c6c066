/**
 * The demo catalog: what a UI shows before a demo runs. Explanations, Python and questions are written for
 * this project. Parameters are small overrides; the defaults are what a classroom should see.
 */
import { DEMO_PYTHON } from './demo-python';
import { param } from './params';
import type { DemoId, DemoMeta } from './demos';

type Entry = Omit<DemoMeta, 'id' | 'python'>;

const ENTRIES: Record<DemoId, Entry> = {
  'thread-vs-process': {
    title: 'Threads and processes',
    concept: 'thread vs process; shared data',
    summary:
      'A thread lives inside our process: same PID, same memory, so what it writes we read. A child process is a new program with its own PID and its own copy of memory: its writes stay in its copy. Starting a thread is also cheaper; here both are timed.',
    question: {
      prompt:
        'A thread and a child process each write 42 into memory the main program also holds. Whose write does the main program see?',
      choices: [
        { id: 'both', label: 'Both writes' },
        { id: 'thread', label: "Only the thread's" },
        { id: 'process', label: "Only the process's" },
        { id: 'neither', label: 'Neither' },
      ],
    },
    params: [
      param('spawns', 'How many threads and processes to start, one at a time, for the spawn timing', {
        min: 3,
        max: 15,
        default: 5,
      }),
    ],
    timeLimitMs: 30_000,
    uses: ['threads', 'processes'],
  },
  lifecycle: {
    title: 'Start, join, is_alive',
    concept: 'start / join / alive; names, ids, active count',
    summary:
      'A Thread object does nothing until start(). join() makes the caller wait until the thread has finished; is_alive() is true only in between. A thread can be started once: a second start() raises an error. The active count includes the main thread and rises and falls as threads start and end.',
    question: {
      prompt: 'A thread has run to its end. What happens if you call start() on it again?',
      choices: [
        { id: 'runs-again', label: 'It runs a second time' },
        { id: 'ignored', label: 'Nothing: the call is ignored' },
        { id: 'error', label: 'An error is raised' },
      ],
    },
    params: [
      param('threads', 'Threads to start', { min: 2, max: 6, default: 3 }),
      param('workMs', 'Work time of the first thread (the others work longer)', {
        min: 20,
        max: 1000,
        default: 150,
        unit: 'ms',
      }),
    ],
    timeLimitMs: 20_000,
    uses: ['threads'],
  },
  daemon: {
    title: 'Daemon threads at exit',
    concept: 'daemon threads',
    summary:
      'When a program’s main thread is done, the runtime waits for every normal thread to finish but simply abandons daemon threads, wherever they are. Here a small program runs twice as a real process: once with a daemon worker, once with a normal one, and we count how many steps each got through.',
    question: {
      prompt: 'The main thread ends while its worker still has steps to do. How far does the worker get?',
      choices: [
        { id: 'daemon-cut', label: 'A daemon worker is cut off; a normal one finishes' },
        { id: 'both-finish', label: 'Both finish all their steps' },
        { id: 'both-cut', label: 'Both are cut off' },
      ],
    },
    params: [
      param('steps', 'Steps of work the worker has to do', { min: 4, max: 50, default: 10 }),
      param('stepMs', 'Time per step', { min: 5, max: 200, default: 30, unit: 'ms' }),
      param('mainMs', 'How long the main thread works before it ends', {
        min: 10,
        max: 1000,
        default: 100,
        unit: 'ms',
      }),
    ],
    timeLimitMs: 30_000,
    uses: ['threads', 'processes'],
  },
  race: {
    title: 'Race condition',
    concept: 'race condition',
    summary:
      'Several threads add 1 to one shared counter: read it, do a little work, write back the value plus one. When two threads read the same value, both write the same result and one increment is lost. The loss is different every run, because it depends on how the threads happen to interleave.',
    question: {
      prompt: 'Threads each add 1 to a shared counter many times, without a lock. What is the final count?',
      choices: [
        { id: 'exact', label: 'Exactly threads × iterations, every time' },
        { id: 'short-varies', label: 'Less, and by a different amount each run' },
        { id: 'short-same', label: 'Less, by the same amount each run' },
      ],
    },
    params: [
      param('threads', 'Threads incrementing the counter', { min: 2, max: 8, default: 4 }),
      param('iterations', 'Increments per thread per run', { min: 100, max: 200_000, default: 20_000 }),
      param('window', 'Steps of work between the read and the write', { min: 0, max: 5000, default: 200 }),
      param('runs', 'Runs (for the histogram)', { min: 1, max: 20, default: 6 }),
    ],
    timeLimitMs: 60_000,
    uses: ['threads'],
  },
  lock: {
    title: 'Lock',
    concept: 'lock',
    summary:
      'The same increments with a lock held around read-work-write: only one thread at a time can be between the read and the write, so no update is lost. The price is that the increments no longer overlap; both versions are timed.',
    question: {
      prompt: 'With a lock around each increment, what do we get?',
      choices: [
        { id: 'exact-slower', label: 'The exact count, but it takes longer' },
        { id: 'exact-free', label: 'The exact count, at no cost' },
        { id: 'still-short', label: 'Still short' },
      ],
    },
    params: [
      param('threads', 'Threads incrementing the counter', { min: 2, max: 8, default: 4 }),
      param('iterations', 'Increments per thread per run', { min: 100, max: 200_000, default: 20_000 }),
      param('window', 'Steps of work between the read and the write', { min: 0, max: 5000, default: 200 }),
      param('runs', 'Runs', { min: 1, max: 20, default: 4 }),
    ],
    timeLimitMs: 60_000,
    uses: ['threads'],
  },
  atomics: {
    title: 'Atomic increment',
    concept: 'lock (and its cheaper alternative)',
    summary:
      'Atomics.add does read, add and write as one indivisible step, so there is no gap for another thread to slip into: exact like a lock, without taking one. Compared here with the lock and with the unsynchronised version, all with no extra work in between.',
    question: {
      prompt:
        'Atomics.add against a lock around the increment: which gives the exact count, and which is faster?',
      choices: [
        { id: 'both-atomic-faster', label: 'Both exact; the atomic add is faster' },
        { id: 'both-lock-faster', label: 'Both exact; the lock is faster' },
        { id: 'lock-only', label: 'Only the lock is exact' },
      ],
    },
    params: [
      param('threads', 'Threads incrementing the counter', { min: 2, max: 8, default: 4 }),
      param('iterations', 'Increments per thread per run', { min: 100, max: 500_000, default: 100_000 }),
      param('runs', 'Runs', { min: 1, max: 20, default: 3 }),
    ],
    timeLimitMs: 60_000,
    uses: ['threads'],
  },
  deadlock: {
    title: 'Deadlock',
    concept: 'deadlock',
    summary:
      'Thread 1 takes lock A then lock B; thread 2 takes B then A. If each gets its first lock, each waits for the other’s forever. Here it happens for real; the lab spots the cycle in the wait-for graph (who holds what, who wants what), stops both threads, and then runs the two usual fixes: one lock order for everybody, or giving up after a timeout, backing off and trying again.',
    question: {
      prompt: 'Thread 1 holds A and wants B; thread 2 holds B and wants A. What happens?',
      choices: [
        { id: 'deadlock', label: 'Both wait for each other forever' },
        { id: 'one-wins', label: 'One of them gets through, then the other' },
        { id: 'error', label: 'The runtime raises an error' },
      ],
    },
    params: [
      param('rounds', 'Rounds each fixed version runs', { min: 1, max: 100, default: 20 }),
      param('holdMs', 'Time spent holding locks each round', { min: 0, max: 20, default: 1, unit: 'ms' }),
      param('timeoutMs', 'Timeout of the second acquire in the timeout fix', {
        min: 5,
        max: 500,
        default: 40,
        unit: 'ms',
      }),
      param('stallMs', 'No progress for this long also counts as deadlocked', {
        min: 200,
        max: 5000,
        default: 1500,
        unit: 'ms',
      }),
    ],
    timeLimitMs: 30_000,
    uses: ['threads'],
  },
  semaphore: {
    title: 'Semaphore',
    concept: 'semaphore',
    summary:
      'A semaphore holds K permits. A worker takes one to enter the guarded section and gives it back when it leaves; with none left, the next worker waits. So however many workers there are, at most K are inside at any moment, which the lanes and a shared counter both show.',
    question: {
      prompt:
        'Several workers share a semaphore of K permits. How many are inside the section at the busiest moment?',
      choices: [
        { id: 'k', label: 'Exactly K, never more' },
        { id: 'one', label: 'Only one' },
        { id: 'all', label: 'All of them' },
      ],
    },
    params: [
      param('workers', 'Workers', { min: 2, max: 12, default: 6 }),
      param('limit', 'Permits (K)', { min: 1, max: 8, default: 2 }),
      param('rounds', 'Times each worker enters', { min: 1, max: 10, default: 3 }),
      param('sectionMs', 'Time inside the section', { min: 5, max: 500, default: 40, unit: 'ms' }),
    ],
    timeLimitMs: 30_000,
    uses: ['threads'],
  },
  event: {
    title: 'Event (traffic light)',
    concept: 'event',
    summary:
      'Workers wait at a red light: an event that is not set. The moment the main program sets it, every waiting worker goes, all at once; we measure how long each took to start moving.',
    question: {
      prompt: 'Workers are all waiting on one event. When it is set, how do they go?',
      choices: [
        { id: 'all', label: 'All at once' },
        { id: 'one', label: 'Only one; the others keep waiting' },
        { id: 'queue', label: 'One after another, slowly' },
      ],
    },
    params: [
      param('workers', 'Waiting workers', { min: 1, max: 12, default: 5 }),
      param('redMs', 'How long the light stays red', { min: 20, max: 2000, default: 300, unit: 'ms' }),
    ],
    timeLimitMs: 20_000,
    uses: ['threads'],
  },
  queue: {
    title: 'Bounded queue',
    concept: 'queue / producer-consumer',
    summary:
      'Producers put items into a queue of fixed size; consumers take them out. Consumers start first and find it empty, so they wait; then producers outpace them, the queue fills up, and producers wait. Nothing is lost and the queue never holds more than its size.',
    question: {
      prompt: 'Producers are faster than consumers and the queue holds only a few items. What happens?',
      choices: [
        { id: 'producers-wait', label: 'Producers wait whenever the queue is full' },
        { id: 'grows', label: 'The queue grows beyond its size' },
        { id: 'dropped', label: 'Items are dropped' },
      ],
    },
    params: [
      param('capacity', 'Queue size', { min: 1, max: 32, default: 4 }),
      param('producers', 'Producers', { min: 1, max: 4, default: 2 }),
      param('consumers', 'Consumers', { min: 1, max: 4, default: 2 }),
      param('items', 'Items per producer', { min: 1, max: 100, default: 12 }),
      param('produceMs', 'Time to make an item', { min: 1, max: 200, default: 5, unit: 'ms' }),
      param('consumeMs', 'Time to handle an item', { min: 1, max: 200, default: 20, unit: 'ms' }),
    ],
    timeLimitMs: 30_000,
    uses: ['threads'],
  },
  barrier: {
    title: 'Barrier',
    concept: 'barrier (threads wait for each other)',
    summary:
      'Each thread works for its own time, then waits at the barrier. Nobody goes on until the last one has arrived; then all go together, round after round.',
    question: {
      prompt: 'Threads reach a barrier at different times. When does each one go on?',
      choices: [
        { id: 'last', label: 'All together, when the last one arrives' },
        { id: 'own', label: 'Each as soon as it arrives' },
        { id: 'turns', label: 'One at a time, in arrival order' },
      ],
    },
    params: [
      param('threads', 'Threads', { min: 2, max: 8, default: 4 }),
      param('rounds', 'Rounds', { min: 1, max: 6, default: 3 }),
      param('maxWorkMs', 'Longest work time in a round', { min: 10, max: 1000, default: 120, unit: 'ms' }),
    ],
    timeLimitMs: 30_000,
    uses: ['threads'],
  },
  pools: {
    title: 'Thread pool and process pool',
    concept: 'thread pool vs process pool',
    summary:
      'A pool is a fixed set of workers that take jobs as they become free. Submitting a job gives a future; futures complete in the order jobs finish, not the order they went in, while map() hands results back in submission order. The same CPU-bound jobs run on a pool of threads, of GIL-bound threads and of processes, timed.',
    question: {
      prompt: 'The same CPU-bound jobs go to pools of the same size. Which pool takes longest?',
      choices: [
        { id: 'gil-threads', label: 'Threads that share a GIL' },
        { id: 'threads', label: 'Threads without a GIL' },
        { id: 'processes', label: 'Processes' },
        { id: 'same', label: 'All about the same' },
      ],
    },
    params: [
      param('poolSize', 'Workers per pool', { min: 1, max: 8, default: 2 }),
      param('jobs', 'Jobs', { min: 2, max: 16, default: 8 }),
      param('bound', 'Primes are counted below bound × job size (1..4)', {
        min: 5_000,
        max: 400_000,
        default: 120_000,
      }),
    ],
    timeLimitMs: 90_000,
    uses: ['threads', 'processes', 'gil'],
  },
  'tcp-server': {
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
  },
  convoy: {
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
  },
  'native-gil': {
    title: 'Native code releases the GIL',
    concept: 'native code releases the GIL',
    summary:
      'Two GIL-bound threads hash large buffers with SHA-256. The native hash (node:crypto) lets go of the lock for the whole call, so two threads hash in parallel; the same hash written in JavaScript holds the lock while it runs, so two threads take turns and are no faster than one.',
    question: {
      prompt:
        'Under one GIL, which gets faster with two threads: native hashing (lock released) or hashing in interpreted code?',
      choices: [
        { id: 'native', label: 'Only the native hash' },
        { id: 'pure-js', label: 'Only the interpreted hash' },
        { id: 'both', label: 'Both' },
        { id: 'neither', label: 'Neither' },
      ],
    },
    params: [
      param('jobs', 'Buffers to hash (split over the threads)', { min: 2, max: 16, default: 4 }),
      param('nativeKib', 'Size of each buffer, native hash', {
        min: 256,
        max: 65_536,
        default: 16_384,
        unit: 'KiB',
      }),
      param('jsKib', 'Size of each buffer, JavaScript hash', {
        min: 64,
        max: 8_192,
        default: 2_048,
        unit: 'KiB',
      }),
      param('repeats', 'Runs of each (the best is kept)', { min: 1, max: 9, default: 3 }),
    ],
    timeLimitMs: 90_000,
    uses: ['threads', 'gil'],
  },
};

/** Every demo's catalog entry, in lesson order. */
export const DEMO_CATALOG: readonly DemoMeta[] = (Object.keys(ENTRIES) as DemoId[]).map((id) => ({
  id,
  ...ENTRIES[id],
  python: DEMO_PYTHON[id],
}));

export function demoMeta(id: DemoId): DemoMeta {
  const meta = DEMO_CATALOG.find((d) => d.id === id);
  if (!meta) throw new Error(`no catalog entry for demo '${id}'`);
  return meta;
}
