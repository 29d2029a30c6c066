"""ThreadLab's Python driver: runs jobs on a real interpreter for the host (electron/lab/python).

Protocol: one JSON object per line. On start the driver writes {"type": "ready", ...interpreter facts};
each {"type": "job", ...} line gets one {"type": "started", "id": ...} line once its threads or worker
processes are up and its clock starts (so the host can time the run apart from the pool's start), then one
{"type": "result", "id": ...} line, ok or with an error (a job that fails before its clock starts sends no
"started").
stdout carries only the protocol (stray prints go to stderr); tracebacks go to stderr, bounded.
The driver leaves when stdin closes or its parent dies, ending its worker processes first. Timeouts and
cancel are the host's: it kills the interpreter.

`driver.py --probe` prints the interpreter facts as one JSON line and exits (interpreter discovery);
`driver.py --user-meta FILE` prints a user workload's META (or the error loading it) the same way.
`driver.py --snippet FILE` runs a demo's snippet as `python FILE` would, under the same lifeline as jobs: when
stdin closes or the parent dies it kills its own process group, the snippet's children with it. Windows has no
process groups: there the driver puts itself in a job object that kills whatever it started when it ends
(lanes.contain_descendants).
"""
import asyncio
import json
import os
import platform
import queue
import runpy
import signal
import sys
import sysconfig
import threading
import time
import traceback

from kernels import KernelError, get_workload, load_user_module
from lanes import (
    Lane,
    deal,
    report_traceback,
    contain_descendants,
    rss_bytes,
    run_lane,
    run_lane_async,
    start_watcher,
    thread_stats,
    watch_parent,
)
from process_pool import ProcessPool, end_live_pools

PROTOCOL = 2
MODELS = ("sequential", "threads", "processes", "asyncio")


def facts():
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return {
        "protocol": PROTOCOL,
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        # Before 3.13 there is no way to run without the GIL, so an interpreter without the call has one.
        "gilEnabled": bool(is_gil_enabled()) if is_gil_enabled else True,
        "freeThreadedBuild": sysconfig.get_config_var("Py_GIL_DISABLED") == 1,
        "switchIntervalMs": sys.getswitchinterval() * 1000.0,
        "cpuCount": os.cpu_count(),
        "platform": sys.platform,
        "pid": os.getpid(),
    }


class JobError(Exception):
    """A job that names something wrong; the message names the field."""


def field(job, name, kind, check=None, what=""):
    value = job.get(name)
    if not isinstance(value, kind) or isinstance(value, bool) or (check is not None and not check(value)):
        raise JobError("job.%s: must be %s (got %s)" % (name, what, json.dumps(value)[:80]))
    return value


def parse_job(job):
    model = job.get("model")
    if model not in MODELS:
        raise JobError("job.model: must be one of %s (got %s)" % (", ".join(MODELS), json.dumps(model)[:80]))
    units = field(job, "units", list, lambda u: all(isinstance(i, int) and i >= 0 for i in u), "a list of unit indices")
    return {
        "model": model,
        "workload": get_workload(field(job, "workload", str, None, "a workload name")),
        "workloadName": job["workload"],
        "params": field(job, "params", dict, None, "an object of parameters"),
        "env": job.get("env") or {},
        "workers": field(job, "workers", int, lambda n: 1 <= n <= 256, "a whole number 1..256"),
        "units": units,
        "switchS": field(job, "switchIntervalMs", (int, float), lambda v: 0 < v <= 1000, "0 < ms <= 1000") / 1000.0,
    }


def run_threads(spec, unit_lists, on_started):
    """One thread per lane; all started and waiting before the clock starts."""
    stop = threading.Event()
    go = threading.Event()
    lanes = [Lane(k, units, stop) for k, units in enumerate(unit_lists)]
    stats = [None] * len(lanes)
    box = {}

    def body(k):
        go.wait()
        stats[k] = run_lane(spec["workload"], spec["params"], spec["env"], lanes[k], box["t0"])

    started = time.perf_counter()
    threads = [threading.Thread(target=body, args=(k,), name="threadlab-%d" % k) for k in range(len(lanes))]
    for t in threads:
        t.start()
    spawn_ms = (time.perf_counter() - started) * 1000.0
    on_started(spawn_ms)
    box["t0"] = t0 = time.perf_counter()
    go.set()
    for t in threads:
        t.join()
    return t0, spawn_ms, lanes, [s for s in stats if s is not None]


def run_asyncio(spec, unit_lists, on_started):
    """One event loop on this thread, one task per lane."""
    stop = threading.Event()
    lanes = [Lane(k, units, stop) for k, units in enumerate(unit_lists)]
    box = {}

    async def main():
        box["t0"] = t0 = time.perf_counter()
        cpu0 = time.thread_time()
        await asyncio.gather(
            *(run_lane_async(spec["workload"], spec["params"], spec["env"], lane, t0) for lane in lanes)
        )
        box["stats"] = thread_stats([lane.lane for lane in lanes], t0, cpu0, t0)

    on_started(0.0)
    asyncio.run(main())
    return box["t0"], 0.0, lanes, [box["stats"]]


def run_job(job, on_started):
    """Returns the result and the process pool to close once the result is on its way (shutting down
    interpreters takes tens of ms that belong to no measurement), or None. `on_started(spawn_ms)` is called
    once the job's threads or processes are up, just before its clock starts."""
    spec = parse_job(job)
    sys.setswitchinterval(spec["switchS"])
    workers = 1 if spec["model"] == "sequential" else spec["workers"]
    unit_lists = deal(spec["units"], max(1, min(workers, len(spec["units"]))))
    times0 = os.times()
    pool = None
    if spec["model"] == "sequential":
        on_started(0.0)
        t0 = time.perf_counter()
        lane = Lane(0, unit_lists[0], threading.Event())
        stats = [run_lane(spec["workload"], spec["params"], spec["env"], lane, t0)]
        spawn_ms, lanes = 0.0, [lane]
    elif spec["model"] == "threads":
        t0, spawn_ms, lanes, stats = run_threads(spec, unit_lists, on_started)
    elif spec["model"] == "asyncio":
        t0, spawn_ms, lanes, stats = run_asyncio(spec, unit_lists, on_started)
    else:
        started = time.perf_counter()
        pool = ProcessPool(len(unit_lists), spec["switchS"])
        spawn_ms = (time.perf_counter() - started) * 1000.0
        try:
            on_started(spawn_ms)
            t0 = time.perf_counter()
            records, error, stats = pool.run(spec["workloadName"], spec["params"], spec["env"], unit_lists, t0)
        except BaseException:
            pool.close()
            raise
        wall_ms = (time.perf_counter() - t0) * 1000.0
    if pool is None:
        wall_ms = (time.perf_counter() - t0) * 1000.0
        records = [r for lane in lanes for r in lane.records]
        error = next((lane.error for lane in lanes if lane.error is not None), None)
    times1 = os.times()
    result = {
        "ok": error is None,
        "wallMs": wall_ms,
        "spawnMs": spawn_ms,
        "units": sorted(records, key=lambda r: r["index"]),
        "threads": stats,
        "process": {
            "userMs": (times1.user - times0.user) * 1000.0,
            "systemMs": (times1.system - times0.system) * 1000.0,
            "rssBytes": rss_bytes(),
        },
    }
    if error is not None:
        result["error"] = error["message"]
        if "reason" in error:
            result["reason"] = error["reason"]
        if "unit" in error:
            result["unit"] = error["unit"]
    return result, pool


def user_meta(path):
    """What the host needs to check a user workload before it runs: its META, or why it cannot be read."""
    try:
        module = load_user_module(path)
    except KernelError as err:
        return {"error": str(err)}
    meta = getattr(module, "META", None)
    try:
        return {"meta": json.loads(json.dumps(meta))}
    except (TypeError, ValueError) as err:
        return {"error": "%s: META is not plain data (%s)" % (os.path.basename(path), err)}


def end_snippet_group():
    """The host is gone: the snippet and everything it started end now, not at a time limit nobody
    enforces any more. Only a group this process leads (the host starts it detached), never the caller's."""
    if hasattr(os, "killpg") and os.getpgid(0) == os.getpid():
        os.killpg(os.getpid(), signal.SIGKILL)
    os._exit(70)


def run_snippet(path):
    """Runs a snippet file as its own __main__ (so multiprocessing's spawn can re-import it) and leaves
    with its exit status; a traceback shows the snippet's lines only."""
    # The pipe on fd 0 moves to a private fd, read raw (a daemon thread blocked in sys.stdin's buffered
    # reader aborts the interpreter's shutdown); the snippet and its children get /dev/null as stdin.
    lifeline = os.dup(0)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)

    def watch_stdin():
        while os.read(lifeline, 4096):
            pass
        end_snippet_group()

    # Hidden from threading.enumerate(): a snippet prints active_count().
    start_watcher(watch_stdin, "threadlab-stdin", hidden=True)
    watch_parent(leave=end_snippet_group, hidden=True)
    path = os.path.abspath(path)
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as err:  # noqa: BLE001 - reported as `python FILE` would, then exit 1
        tb = err.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next
        traceback.print_exception(type(err), err, tb or err.__traceback__)
        sys.exit(1)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--snippet":
        contain_descendants()
        run_snippet(sys.argv[2])
        return
    if "--probe" in sys.argv[1:]:
        sys.stdout.write(json.dumps(facts()) + "\n")
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--user-meta":
        protocol_out = sys.stdout
        sys.stdout = sys.stderr  # whatever the module prints on import stays off the answer
        protocol_out.write(json.dumps(user_meta(sys.argv[2])) + "\n")
        return
    protocol_out = sys.stdout
    # Whatever a kernel prints must not corrupt the protocol.
    sys.stdout = sys.stderr
    write_lock = threading.Lock()

    def send(message):
        line = json.dumps(message, separators=(",", ":")) + "\n"
        with write_lock:
            protocol_out.write(line)
            protocol_out.flush()

    watch_parent()
    contain_descendants()
    jobs = queue.Queue()

    def read_stdin():
        # readline on the binary stream returns each line as it arrives (iterating sys.stdin may wait to fill
        # its buffer first).
        stdin = sys.stdin.buffer
        while True:
            line = stdin.readline()
            if not line:
                break
            if line.strip():
                jobs.put(line)
        # The host is gone (or done): end the worker processes and leave, even mid-job.
        end_live_pools()
        os._exit(0)

    threading.Thread(target=read_stdin, name="threadlab-stdin", daemon=True).start()
    send(dict(facts(), type="ready"))
    while True:
        line = jobs.get()
        job_id = None
        pool = None
        try:
            job = json.loads(line)
            if not isinstance(job, dict) or job.get("type") != "job":
                raise JobError("message: expected {\"type\": \"job\", ...}")
            job_id = job.get("id")
            result, pool = run_job(
                job, lambda spawn_ms, i=job_id: send({"type": "started", "id": i, "spawnMs": spawn_ms})
            )
        except (JobError, KernelError) as err:
            result = {"ok": False, "error": str(err)}
        except Exception as err:  # noqa: BLE001 - one bad job must not end the driver
            report_traceback()
            result = {"ok": False, "error": "%s: %s" % (type(err).__name__, err)}
        send(dict(result, type="result", id=job_id))
        if pool is not None:
            pool.close()


if __name__ == "__main__":
    main()
