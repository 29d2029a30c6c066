/** The Python each demo stands for: short, idiomatic threading / multiprocessing code, written for ThreadLab. */
import type { DemoId } from './demos';

export const DEMO_PYTHON: Readonly<Record<DemoId, string>> = {
  'thread-vs-process': `import os, threading, multiprocessing as mp

box = [0]

def write():
    box[0] = 42
    print("pid", os.getpid(), "thread", threading.get_ident())

if __name__ == "__main__":
    t = threading.Thread(target=write); t.start(); t.join()
    print(box[0])   # 42: the thread changed our list
    box[0] = 0
    p = mp.Process(target=write); p.start(); p.join()
    print(box[0])   # 0: the child changed its own copy`,

  lifecycle: `import threading, time

def work(seconds):
    time.sleep(seconds)

t = threading.Thread(target=work, args=(0.15,), name="worker-1")
print(t.is_alive())               # False: not started
t.start()
print(t.is_alive(), threading.active_count())   # True 2
t.join()                          # blocks until work() returns
print(t.is_alive(), threading.active_count())   # False 1
try:
    t.start()
except RuntimeError as e:
    print(e)                      # threads can only be started once`,

  daemon: `import threading, time

def work(steps):
    for i in range(steps):
        time.sleep(0.03)
        print("step", i + 1, flush=True)

threading.Thread(target=work, args=(10,), daemon=True).start()
time.sleep(0.1)
print("main is done")   # the daemon thread is abandoned here
# with daemon=False the interpreter would wait for all 10 steps`,

  race: `import threading, time

counter = 0

def add(n):
    global counter
    for _ in range(n):
        value = counter        # read
        time.sleep(0)          # let another thread in
        counter = value + 1    # write back

threads = [threading.Thread(target=add, args=(2_000,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(counter)   # less than 8000, and different each run`,

  lock: `import threading, time

counter = 0
lock = threading.Lock()

def add(n):
    global counter
    for _ in range(n):
        with lock:
            value = counter
            time.sleep(0)
            counter = value + 1

threads = [threading.Thread(target=add, args=(2_000,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(counter)   # 8000, every time`,

  atomics: `# Python has no atomic integer in the standard library; the closest
# equivalent of Atomics.add is a counter that is only ever changed
# in one indivisible step, e.g. itertools.count() under CPython:
import itertools, threading

ticket = itertools.count(1)
last = [0]

def add(n):
    for _ in range(n):
        last[0] = next(ticket)   # one C call: no gap between read and write

threads = [threading.Thread(target=add, args=(100_000,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(next(ticket) - 1)   # 400000`,

  deadlock: `import threading

a, b = threading.Lock(), threading.Lock()
both_hold_one = threading.Barrier(2)

def worker(first, second):
    with first:
        both_hold_one.wait()
        with second:          # waits forever: the other thread holds it
            pass

threading.Thread(target=worker, args=(a, b)).start()
threading.Thread(target=worker, args=(b, a)).start()

# fix 1: everybody takes a before b
# fix 2: if not second.acquire(timeout=0.04): release first, sleep a
#        random moment, try again`,

  semaphore: `import threading, time

permits = threading.Semaphore(2)
count_lock = threading.Lock()
inside = most = 0

def worker(n):
    global inside, most
    for _ in range(3):
        with permits:            # at most 2 threads in here at once
            with count_lock:
                inside += 1
                most = max(most, inside)
            time.sleep(0.04)
            with count_lock:
                inside -= 1
        time.sleep(0.01)

threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
for t in threads: t.start()
for t in threads: t.join()
print("most inside at once:", most)   # 2, never more`,

  event: `import threading, time

green = threading.Event()

def car(n):
    green.wait()                 # red light: block here
    print(f"car {n} goes")       # one string: print's pieces from several threads could interleave

for n in range(5):
    threading.Thread(target=car, args=(n,)).start()
time.sleep(0.3)
print("green")                   # no car went before this line
green.set()                      # every waiting car goes at once`,

  queue: `import queue, threading, time

q = queue.Queue(maxsize=4)
STOP = object()

done = []

def producer(items):
    for item in items:
        time.sleep(0.005)
        q.put(item)              # blocks while the queue is full

def consumer():
    while (item := q.get()) is not STOP:   # blocks while it is empty
        time.sleep(0.02)
        done.append(item)

consumers = [threading.Thread(target=consumer) for _ in range(2)]
producers = [threading.Thread(target=producer, args=(range(12),)) for _ in range(2)]
for t in consumers + producers: t.start()
for t in producers: t.join()
for _ in consumers: q.put(STOP)
for t in consumers: t.join()
print(len(done), "items consumed")   # 24: every item, none lost`,

  barrier: `import random, threading, time

barrier = threading.Barrier(4)
arrived = [0, 0, 0]
lock = threading.Lock()

def worker(n):
    for round_ in range(3):
        time.sleep(random.uniform(0.02, 0.12))   # work
        with lock:
            arrived[round_] += 1
        barrier.wait()            # nobody passes until all 4 are here
        print(f"thread {n} passed round {round_}: {arrived[round_]} arrived")   # always 4

for n in range(4):
    threading.Thread(target=worker, args=(n,)).start()`,

  pools: `from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor, as_completed

def count_primes(bound):
    return sum(all(n % d for d in range(2, int(n ** 0.5) + 1)) for n in range(2, bound))

if __name__ == "__main__":
    bounds = [24_000, 6_000, 18_000, 12_000]
    for Pool in (ThreadPoolExecutor, ProcessPoolExecutor):
        with Pool(max_workers=2) as pool:
            futures = [pool.submit(count_primes, b) for b in bounds]
            for f in as_completed(futures):      # in the order they finish
                print(futures.index(f), f.result())
            print(list(pool.map(count_primes, bounds)))   # in submission order`,

  'tcp-server': `import socket, threading, time

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

  convoy: `import socket, sys, threading, time

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

  'native-gil': `import hashlib, os, threading, time

data = [os.urandom(16 << 20) for _ in range(4)]   # real bytes: no page is mapped in while timed

def native(chunks):
    for c in chunks:
        hashlib.sha256(c).digest()    # releases the GIL for large inputs

def timed(n):
    threads = [threading.Thread(target=native, args=(data[i::n],)) for i in range(n)]
    start = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    return time.perf_counter() - start

timed(2)                              # warm-up: the first pass is always slower
one, two = timed(1), timed(2)
print(f"1 thread {one:.2f} s, 2 threads {two:.2f} s: {one / two:.1f}x")   # about 2x on 2 idle cores
# a SHA-256 written in pure Python holds the GIL: 2 threads gain nothing`,
};
