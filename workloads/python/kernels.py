"""The lab's workloads in Python (stdlib only, CPython 3.8+ and free-threaded builds).

Each kernel splits its work into the same units with the same parameters as its TypeScript twin in
workloads/kernels/*.ts and returns the same unsigned 32-bit checksum per unit, so a Python cell is checked
against the same answer as every other model. JavaScript's 32-bit arithmetic (Math.imul, >>>, |0) is
reproduced by masking with M32; floats are IEEE doubles in both languages and every expression keeps the
TypeScript order of operations, so the results agree to the bit.

Parameters arrive complete and validated from the host (the specs and defaults live in TypeScript only);
a missing one is an error naming it. Kernels that wait have an async twin for the asyncio model.
"""
import asyncio
import hashlib
import os
import socket
import struct
import time

M32 = 0xFFFFFFFF
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


class KernelError(Exception):
    """A unit that cannot run as asked (bad index, missing parameter or resource)."""


def need(params, name, workload):
    try:
        return params[name]
    except KeyError:
        raise KernelError("%s: parameter '%s' is missing" % (workload, name)) from None


def check_index(workload, index, count):
    if not isinstance(index, int) or index < 0 or index >= count:
        raise KernelError("%s: unit index %r is outside 0..%d" % (workload, index, count - 1))


def mix32(x):
    """MurmurHash3's finaliser, as util.ts mix32."""
    h = x & M32
    h = ((h ^ (h >> 16)) * 0x85EBCA6B) & M32
    h = ((h ^ (h >> 13)) * 0xC2B2AE35) & M32
    return (h ^ (h >> 16)) & M32


def xorshift32(x):
    x ^= (x << 13) & M32
    x ^= x >> 17
    x ^= (x << 5) & M32
    return x


def seed32(n):
    return mix32(n + 0x9E3779B9) or 0x6D2B79F5


def fnv1a32(data, h=FNV_OFFSET):
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & M32
    return h


def fill_xorshift(out, start, end, state):
    """Fills out[start:end] (a bytearray) with the xorshift32 stream after `state`, low byte first; returns
    the new state. Whole words go through struct, which is much faster than byte-wise stores."""
    x = state
    n_words = (end - start) >> 2
    words = []
    append = words.append
    for _ in range(n_words):
        x ^= (x << 13) & M32
        x ^= x >> 17
        x ^= (x << 5) & M32
        append(x)
    whole = start + n_words * 4
    out[start:whole] = struct.pack("<%dI" % n_words, *words)
    if whole < end:
        x = xorshift32(x)
        shift = 0
        for i in range(whole, end):
            out[i] = (x >> shift) & 0xFF
            shift += 8
    return x


# ---------------------------------------------------------------- primes

PRIMES_BASE = 100_000_000


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    if n % 3 == 0:
        return n == 3
    d = 5
    while d * d <= n:
        if n % d == 0 or n % (d + 2) == 0:
            return False
        d += 6
    return True


def primes_unit(params, index):
    units = need(params, "units", "primes")
    check_index("primes", index, units)
    span = need(params, "span", "primes")
    lo = PRIMES_BASE + index * span
    count = 0
    total = 0
    for n in range(lo, lo + span):
        if is_prime(n):
            count += 1
            total = (total + n) & M32
    return mix32(total ^ mix32(count))


# ---------------------------------------------------------------- mandelbrot

RE_MIN, RE_MAX, IM_MIN, IM_MAX = -2.0, 0.6, -1.3, 1.3


def mandelbrot_units(params):
    return min(need(params, "units", "mandelbrot"), need(params, "size", "mandelbrot"))


def mandelbrot_unit(params, index):
    units = mandelbrot_units(params)
    check_index("mandelbrot", index, units)
    size = need(params, "size", "mandelbrot")
    max_iter = need(params, "maxIter", "mandelbrot")
    h = mix32(index)
    for y in range(index, size, units):
        ci = IM_MIN + ((IM_MAX - IM_MIN) * (y + 0.5)) / size
        for x in range(size):
            cr = RE_MIN + ((RE_MAX - RE_MIN) * (x + 0.5)) / size
            zr = zi = zr2 = zi2 = 0.0
            n = 0
            while n < max_iter and zr2 + zi2 <= 4:
                zi = 2 * zr * zi + ci
                zr = zr2 - zi2 + cr
                zr2 = zr * zr
                zi2 = zi * zi
                n += 1
            h = ((h ^ n) * FNV_PRIME) & M32
    return h


# ---------------------------------------------------------------- matmul

_matmul_cache = {}


def random_matrix(n, seed):
    x = seed32(seed)
    m = []
    for _ in range(n * n):
        x = xorshift32(x)
        m.append(x / 0x80000000 - 1)
    return m


def matmul_inputs(n):
    # One entry, as in matmul.ts: a job uses one size. Built under no lock: two threads racing here only
    # compute the same lists twice.
    got = _matmul_cache.get(n)
    if got is None:
        a = random_matrix(n, 1)
        b = random_matrix(n, 2)
        a_rows = [a[i * n:(i + 1) * n] for i in range(n)]
        bt_rows = [b[j::n] for j in range(n)]
        got = (a_rows, bt_rows)
        _matmul_cache.clear()
        _matmul_cache[n] = got
    return got


def matmul_units(params):
    return min(need(params, "units", "matmul"), need(params, "n", "matmul"))


def matmul_unit(params, index):
    units = matmul_units(params)
    check_index("matmul", index, units)
    n = need(params, "n", "matmul")
    a_rows, bt_rows = matmul_inputs(n)
    r0 = (index * n) // units
    r1 = ((index + 1) * n) // units
    h = mix32(index)
    for i in range(r0, r1):
        ai = a_rows[i]
        row = []
        for bj in bt_rows:
            s = 0.0
            # Summed over k in ascending order, one rounding per step, as the TypeScript loop does.
            for k in range(n):
                s += ai[k] * bj[k]
            row.append(s)
        for w in struct.unpack("<%dI" % (2 * n), struct.pack("<%dd" % n, *row)):
            h = mix32(h ^ w)
    return h


# ---------------------------------------------------------------- fnv

BLOCK = 1024


def fnv_unit(params, index):
    check_index("fnv", index, need(params, "units", "fnv"))
    kib = need(params, "kib", "fnv")
    block = bytearray(BLOCK)
    state = seed32(index)
    h = FNV_OFFSET
    for _ in range(kib):
        state = fill_xorshift(block, 0, BLOCK, state)
        h = fnv1a32(block, h)
    return h


# ---------------------------------------------------------------- sha256

SHA256_FILL_SEED = 0x5A256
_sha_cache = {}


def sha256_buffer(mib):
    data = _sha_cache.get(mib)
    if data is None:
        data = bytearray(mib << 20)
        fill_xorshift(data, 0, len(data), seed32(SHA256_FILL_SEED))
        data = bytes(data)
        _sha_cache.clear()
        _sha_cache[mib] = data
    return data


def sha256_unit(params, index):
    check_index("sha256", index, need(params, "units", "sha256"))
    data = sha256_buffer(need(params, "mib", "sha256"))
    prefix = struct.pack(">I", index & M32)
    for _ in range(need(params, "rounds", "sha256")):
        # hashlib releases the GIL while it hashes more than 2 KiB, as node:crypto runs off the JS thread.
        digest = hashlib.sha256(prefix)
        digest.update(data)
        prefix = digest.digest()
    return struct.unpack(">I", prefix[:4])[0]


# ---------------------------------------------------------------- sleep


def sleep_unit(params, index):
    check_index("sleep", index, need(params, "units", "sleep"))
    time.sleep(need(params, "ms", "sleep") / 1000)
    return mix32(index)


async def sleep_unit_async(params, index):
    check_index("sleep", index, need(params, "units", "sleep"))
    await asyncio.sleep(need(params, "ms", "sleep") / 1000)
    return mix32(index)


# ---------------------------------------------------------------- file-io


def file_io_contents(index, kib):
    data = bytearray(kib * BLOCK)
    fill_xorshift(data, 0, len(data), seed32(index ^ 0x00F11E00))
    return bytes(data)


def _file_io_plan(params, index, env):
    check_index("file-io", index, need(params, "units", "file-io"))
    folder = env.get("tmpDir")
    if not folder:
        raise KernelError("file-io: no temporary folder was provided (env.tmpDir is missing)")
    data = file_io_contents(index, need(params, "kib", "file-io"))
    return data, os.path.join(folder, "unit-%d.bin" % index), need(params, "fsync", "file-io") == 1


def _file_io_write_read(path, data, fsync):
    try:
        with open(path, "wb") as f:
            f.write(data)
            if fsync:
                f.flush()
                os.fsync(f.fileno())
        with open(path, "rb") as f:
            return f.read()
    finally:
        # Removed even after a failure so an aborted run leaves nothing behind in the shared folder.
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


def _file_io_check(index, back, data):
    if len(back) != len(data):
        raise KernelError("file-io: unit %d read back %d bytes, wrote %d" % (index, len(back), len(data)))
    return fnv1a32(back)


def file_io_unit(params, index, env):
    data, path, fsync = _file_io_plan(params, index, env)
    return _file_io_check(index, _file_io_write_read(path, data, fsync), data)


async def file_io_unit_async(params, index, env):
    # asyncio has no asynchronous files: the blocking calls go to the loop's default thread pool, as
    # aiofiles does (and as Node's fs does with libuv's pool).
    data, path, fsync = _file_io_plan(params, index, env)
    back = await asyncio.get_running_loop().run_in_executor(None, _file_io_write_read, path, data, fsync)
    return _file_io_check(index, back, data)


# ---------------------------------------------------------------- tcp-echo


def echo_payload(index, trip, size):
    return bytes((index * 131 + trip * 31 + j * 7 + (j >> 8)) & 0xFF for j in range(size))


def _echo_plan(params, index, env):
    check_index("tcp-echo", index, need(params, "units", "tcp-echo"))
    port = env.get("echoPort")
    if port is None:
        raise KernelError("tcp-echo: no echo server was provided (env.echoPort is missing)")
    return port, need(params, "roundTrips", "tcp-echo"), need(params, "bytes", "tcp-echo")


def tcp_echo_unit(params, index, env):
    port, trips, size = _echo_plan(params, index, env)
    h = FNV_OFFSET
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for trip in range(trips):
            sent = echo_payload(index, trip, size)
            s.sendall(sent)
            got = bytearray()
            while len(got) < size:
                chunk = s.recv(size - len(got))
                if not chunk:
                    raise KernelError("tcp-echo: unit %d connection closed during round trip %d" % (index, trip))
                got += chunk
            if got != sent:
                raise KernelError("tcp-echo: unit %d got a corrupted echo in round trip %d" % (index, trip))
            h = fnv1a32(got, h)
        # Wait for the server's end too, so the connection is fully closed when the unit reports done.
        s.shutdown(socket.SHUT_WR)
        if s.recv(1):
            raise KernelError("tcp-echo: unit %d received unexpected extra bytes" % index)
    return h


async def tcp_echo_unit_async(params, index, env):
    port, trips, size = _echo_plan(params, index, env)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        h = FNV_OFFSET
        for trip in range(trips):
            sent = echo_payload(index, trip, size)
            writer.write(sent)
            await writer.drain()
            try:
                got = await reader.readexactly(size)
            except asyncio.IncompleteReadError:
                raise KernelError(
                    "tcp-echo: unit %d connection closed during round trip %d" % (index, trip)
                ) from None
            if got != sent:
                raise KernelError("tcp-echo: unit %d got a corrupted echo in round trip %d" % (index, trip))
            h = fnv1a32(got, h)
        writer.write_eof()
        if await reader.read(1):
            raise KernelError("tcp-echo: unit %d received unexpected extra bytes" % index)
        return h
    finally:
        writer.close()


# ---------------------------------------------------------------- mixed


def spin(iters, state):
    x = state & M32
    for i in range(iters):
        x = ((((x ^ (x >> 15)) * 0x2C1B3C6D) & M32) + i) & M32
    return x


def js_round(v):
    """Math.round: halves go up (Python's round() goes to even)."""
    f = int(v // 1)
    return f + 1 if v - f >= 0.5 else f


def mixed_plan(params, index):
    check_index("mixed", index, need(params, "units", "mixed"))
    cpu_pct = need(params, "cpuPct", "mixed")
    unit_ms = need(params, "unitMs", "mixed")
    rate = need(params, "itersPerMs", "mixed")
    if rate <= 0:
        raise KernelError("mixed: itersPerMs was not resolved before the run")
    cpu_ms = (unit_ms * cpu_pct) / 100
    cpu_iters = min(2**31 - 1, max(0, js_round(cpu_ms * rate)))
    io_ms = min(60_000, max(0, unit_ms - cpu_ms))
    return cpu_iters, io_ms


def mixed_unit(params, index):
    cpu_iters, io_ms = mixed_plan(params, index)
    x = spin(cpu_iters, seed32(index))
    time.sleep(io_ms / 1000)
    return mix32(x ^ index)


async def mixed_unit_async(params, index):
    cpu_iters, io_ms = mixed_plan(params, index)
    x = spin(cpu_iters, seed32(index))
    await asyncio.sleep(io_ms / 1000)
    return mix32(x ^ index)


# ---------------------------------------------------------------- fault (tests and failure demos)

FAULT_MODES = {"ok": 0, "throw": 1, "exit": 2, "hang": 3, "oom": 4}


def fault_unit(params, index):
    check_index("fault", index, need(params, "units", "fault"))
    if index == need(params, "at", "fault"):
        mode = need(params, "mode", "fault")
        if mode == FAULT_MODES["throw"]:
            raise KernelError("fault: kernel threw on unit %d" % index)
        if mode == FAULT_MODES["exit"]:
            # The whole interpreter goes, as a crash would take it: the host must fail only this job.
            os._exit(3)
        if mode == FAULT_MODES["hang"]:
            while True:
                time.sleep(0.01)
        if mode == FAULT_MODES["oom"]:
            # Exhausting memory for real would endanger the machine, not just this interpreter.
            raise MemoryError("fault: unit %d simulated running out of memory" % index)
    return index & M32


# ---------------------------------------------------------------- registry


class Workload:
    def __init__(self, unit_count, run, run_async=None, uses_env=False):
        self.unit_count = unit_count
        self._run = run
        self._run_async = run_async
        self._uses_env = uses_env

    def run(self, params, index, env):
        return self._run(params, index, env) if self._uses_env else self._run(params, index)

    async def run_async(self, params, index, env):
        """On the event loop: waits are awaited, computation runs inline (and blocks the loop, as it would)."""
        if self._run_async is None:
            return self.run(params, index, env)
        if self._uses_env:
            return await self._run_async(params, index, env)
        return await self._run_async(params, index)


def _units(name):
    return lambda params: need(params, "units", name)


WORKLOADS = {
    "primes": Workload(_units("primes"), primes_unit),
    "mandelbrot": Workload(mandelbrot_units, mandelbrot_unit),
    "matmul": Workload(matmul_units, matmul_unit),
    "fnv": Workload(_units("fnv"), fnv_unit),
    "sha256": Workload(_units("sha256"), sha256_unit),
    "sleep": Workload(_units("sleep"), sleep_unit, sleep_unit_async),
    "file-io": Workload(_units("file-io"), file_io_unit, file_io_unit_async, uses_env=True),
    "tcp-echo": Workload(_units("tcp-echo"), tcp_echo_unit, tcp_echo_unit_async, uses_env=True),
    "mixed": Workload(_units("mixed"), mixed_unit, mixed_unit_async),
    "fault": Workload(_units("fault"), fault_unit),
}


# ---------------------------------------------------------------- the user's own workload


def load_user_module(path):
    """Imports the user's file as a module of its own; errors name the file (a SyntaxError its line)."""
    import importlib.util

    name = os.path.basename(path)
    if not os.path.isfile(path):
        raise KernelError("%s: no such file" % path)
    spec = importlib.util.spec_from_file_location("threadlab_user_%d" % (abs(hash(path)) % 10**9), path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as err:
        raise KernelError("%s: syntax error on line %s: %s" % (name, err.lineno, err.msg)) from None
    except Exception as err:  # noqa: BLE001 - whatever the module raises on import is the user's to see
        raise KernelError("%s: importing it raised %s: %s" % (name, type(err).__name__, err)) from None
    if not callable(getattr(module, "unit", None)):
        raise KernelError("%s: defines no function unit(index, params)" % name)
    return module


def user_workload(path):
    """The user's unit as a Workload: its integer result reduced to the 32-bit checksum (as unitChecksum in
    electron/common/user-workload.ts does), an async unit awaited on the asyncio model."""
    module = load_user_module(path)
    name = os.path.basename(path)
    unit = module.unit

    def checked(index, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise KernelError("%s: unit %d returned %r, not an integer" % (name, index, value))
        return value & M32

    def failed(index, err):
        return KernelError("%s: unit %d raised %s: %s" % (name, index, type(err).__name__, err))

    def run(params, index):
        try:
            value = unit(index, params)
            if asyncio.iscoroutine(value):
                value = asyncio.run(value)
        except KernelError:
            raise
        except Exception as err:  # noqa: BLE001 - named and passed on as the unit's failure
            raise failed(index, err) from err
        return checked(index, value)

    async def run_async(params, index):
        try:
            value = unit(index, params)
            if asyncio.iscoroutine(value):
                value = await value
        except Exception as err:  # noqa: BLE001 - named and passed on as the unit's failure
            raise failed(index, err) from err
        return checked(index, value)

    units = (getattr(module, "META", None) or {}).get("units", 0)
    return Workload(lambda params: units, run, run_async)


_user_workloads = {}


def get_workload(name):
    # The host names a user workload by its file's absolute path.
    if name.endswith(".py") and os.path.isabs(name):
        if name not in _user_workloads:
            _user_workloads[name] = user_workload(name)
        return _user_workloads[name]
    try:
        return WORKLOADS[name]
    except KeyError:
        raise KernelError("unknown workload '%s' (known: %s)" % (name, ", ".join(WORKLOADS))) from None
