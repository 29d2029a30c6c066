"""The processes model: N interpreter processes (multiprocessing, 'spawn' start method on every platform,
so no thread of the driver is ever forked mid-state), started and ready before the job is timed.

Each child runs its lane of units, times them on perf_counter against the parent's job start, and sends
back its records, its first error, its own CPU time and its resident memory. A child that dies mid-job (os._exit, a crash)
fails the job with its exit code; the others are terminated. Children are daemonic (the driver's normal
exit ends them) and watch their parent (a killed driver ends them too).
"""
import multiprocessing
import os
import sys
import threading
from multiprocessing.connection import wait

from kernels import get_workload
from lanes import Lane, rss_bytes, run_lane, watch_parent

READY_TIMEOUT_S = 60.0

# The pool of the job in progress, so the stdin reader can end it before the driver leaves.
_live = []


def child_main(conn, lane_id, switch_s):
    # stdout carries the driver's protocol (the child inherits it): anything a kernel prints goes to stderr.
    sys.stdout = sys.stderr
    watch_parent()
    sys.setswitchinterval(switch_s)
    conn.send(("ready", os.getpid()))
    try:
        _, workload_name, params, env, units, t0 = conn.recv()
    except EOFError:
        return
    lane = Lane(lane_id, units, threading.Event())
    stats = run_lane(get_workload(workload_name), params, env, lane, t0)
    times = os.times()
    stats["processCpuMs"] = (times.user + times.system) * 1000.0
    stats["rssBytes"] = rss_bytes()
    conn.send(("done", lane.records, lane.error, stats))
    conn.close()


class ProcessPool:
    def __init__(self, workers, switch_s):
        ctx = multiprocessing.get_context("spawn")
        self.procs = []
        self.conns = []
        _live.append(self)
        try:
            for k in range(workers):
                parent_end, child_end = ctx.Pipe()
                proc = ctx.Process(
                    target=child_main, args=(child_end, k, switch_s), name="threadlab-%d" % k, daemon=True
                )
                proc.start()
                child_end.close()
                self.procs.append(proc)
                self.conns.append(parent_end)
            for k, conn in enumerate(self.conns):
                if not conn.poll(READY_TIMEOUT_S):
                    raise RuntimeError("worker process %d was not ready within %d s" % (k, READY_TIMEOUT_S))
                conn.recv()
        except (EOFError, OSError):
            self.close()
            raise RuntimeError("a worker process exited before it was ready") from None
        except BaseException:
            self.close()
            raise

    def run(self, workload_name, params, env, unit_lists, t0):
        """Returns (records, error, thread stats) once every child has answered or one has failed."""
        for conn, units in zip(self.conns, unit_lists):
            conn.send(("go", workload_name, params, env, units, t0))
        records, stats, error = [], [], None
        pending = dict(zip(self.conns, range(len(self.conns))))
        while pending and error is None:
            for conn in wait(list(pending)):
                k = pending.pop(conn)
                try:
                    _, lane_records, lane_error, lane_stats = conn.recv()
                except (EOFError, OSError):
                    proc = self.procs[k]
                    proc.join(1.0)
                    error = {
                        "message": "worker process %d (pid %s) exited with code %s during the job"
                        % (k, proc.pid, proc.exitcode),
                        # the host reports it as the Node processes model reports a dead child
                        "reason": "exit",
                    }
                    break
                records.extend(lane_records)
                stats.append(lane_stats)
                if lane_error is not None:
                    error = lane_error
                    break
        return records, error, stats

    def close(self):
        for proc in self.procs:
            if proc.is_alive():
                proc.terminate()
        for proc in self.procs:
            proc.join(2.0)
            if proc.is_alive():
                proc.kill()
                proc.join(1.0)
        for conn in self.conns:
            conn.close()
        if self in _live:
            _live.remove(self)


def end_live_pools():
    for pool in list(_live):
        for proc in pool.procs:
            if proc.is_alive():
                proc.kill()
