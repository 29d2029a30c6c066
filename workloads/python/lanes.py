"""Running one lane of units (a thread's, a process's or an asyncio task's share of a job) and measuring
what can be seen of it from inside Python: per unit its start and end on perf_counter relative to the job
start, per thread its CPU time (time.thread_time) against its wall time.

perf_counter reads a system-wide monotonic clock (CLOCK_MONOTONIC, QueryPerformanceCounter,
mach_absolute_time), so units timed in child processes line up with the parent's job start.
"""
import _thread
import os
import sys
import threading
import time
import traceback

from kernels import M32, KernelError


def ms_since(t0):
    return (time.perf_counter() - t0) * 1000.0


class Lane:
    """The units one lane ran and the first error it hit; `stop` is shared by the lanes of a job so the
    others take no new unit once one has failed."""

    def __init__(self, lane, units, stop):
        self.lane = lane
        self.units = units
        self.stop = stop
        self.records = []
        self.error = None

    def record(self, index, checksum, start_ms, end_ms):
        if not isinstance(checksum, int) or checksum < 0 or checksum > M32:
            raise ValueError("unit %d returned %r, not an unsigned 32-bit checksum" % (index, checksum))
        self.records.append(
            {"index": index, "checksum": checksum, "lane": self.lane, "startMs": start_ms, "endMs": end_ms}
        )

    def fail(self, index, err):
        # A kernel's own errors already name the workload; anything else is named by its type.
        message = str(err) if isinstance(err, KernelError) else "%s: %s" % (type(err).__name__, err)
        self.error = {"message": message, "unit": index}
        self.stop.set()


def rss_bytes():
    """This interpreter's resident memory: now from /proc/self/statm (Linux), else its peak from getrusage
    (ru_maxrss is KiB on Linux, bytes on macOS); None where neither is readable (Windows has no resource)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def thread_stats(lanes, t0, cpu0, wall0):
    return {
        "lanes": lanes,
        "pid": os.getpid(),
        "threadId": threading.get_ident(),
        "cpuMs": (time.thread_time() - cpu0) * 1000.0,
        "wallMs": (time.perf_counter() - wall0) * 1000.0,
        "startMs": (wall0 - t0) * 1000.0,
    }


def run_lane(workload, params, env, lane, t0):
    """Runs lane.units one after another on this thread; returns this thread's stats."""
    cpu0 = time.thread_time()
    wall0 = time.perf_counter()
    for index in lane.units:
        if lane.stop.is_set():
            break
        start = ms_since(t0)
        try:
            lane.record(index, workload.run(params, index, env), start, ms_since(t0))
        except Exception as err:  # noqa: BLE001 - any kernel failure fails the job with its message
            report_traceback()
            lane.fail(index, err)
            break
    return thread_stats([lane.lane], t0, cpu0, wall0)


async def run_lane_async(workload, params, env, lane, t0):
    for index in lane.units:
        if lane.stop.is_set():
            break
        start = ms_since(t0)
        try:
            lane.record(index, await workload.run_async(params, index, env), start, ms_since(t0))
        except Exception as err:  # noqa: BLE001
            report_traceback()
            lane.fail(index, err)
            break


STDERR_BUDGET = 4096


def report_traceback():
    """The traceback goes to stderr for the host's log, bounded so a deep recursion cannot flood it."""
    text = traceback.format_exc()
    if len(text) > STDERR_BUDGET:
        text = "...\n" + text[-STDERR_BUDGET:]
    sys.stderr.write(text)
    sys.stderr.flush()


def deal(units, lanes):
    """Round-robin, as the TypeScript models deal units: lane k gets units k, k + lanes, ..."""
    return [units[k::lanes] for k in range(lanes)]


def _leave_now():
    os._exit(70)


def start_watcher(target, name, hidden):
    """A daemon thread; `hidden` starts it below the threading module, so threading.enumerate() and
    active_count() do not see it (a demo snippet prints them, and must print what it would alone)."""
    if hidden:
        _thread.start_new_thread(target, ())
    else:
        threading.Thread(target=target, name=name, daemon=True).start()


def watch_parent(poll_s=0.2, leave=_leave_now, hidden=False):
    """Calls `leave` (by default: leaves at once) when the parent dies without warning (its pid changes on
    re-parenting): a killed host must not leave Python running."""
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(poll_s)
            if os.getppid() != parent:
                leave()

    start_watcher(watch, "threadlab-lifeline", hidden)


def job_limits_type():
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION as ctypes lays it out, with Windows' sizes spelled out (DWORD is
    32 bits there, ULONG_PTR and SIZE_T a pointer wide), so its layout can be checked on any platform: 144
    bytes on 64-bit Windows, 112 on 32-bit."""
    import ctypes

    dword = ctypes.c_uint32

    class BasicLimits(ctypes.Structure):  # JOBOBJECT_BASIC_LIMIT_INFORMATION
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", dword),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", dword),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", dword),
            ("SchedulingClass", dword),
        ]

    class IoCounters(ctypes.Structure):  # IO_COUNTERS
        _fields_ = [
            (name, ctypes.c_uint64)
            for name in ("Reads", "Writes", "Others", "ReadBytes", "WriteBytes", "OtherBytes")
        ]

    class ExtendedLimits(ctypes.Structure):  # JOBOBJECT_EXTENDED_LIMIT_INFORMATION
        _fields_ = [
            ("BasicLimitInformation", BasicLimits),
            ("IoInfo", IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    return ExtendedLimits


# Kept open for the life of the process: closing the last handle of the job is what kills its processes.
_JOB_HANDLES = []


def contain_descendants():
    """Windows only: puts this process in a job object that kills every process in it when its last handle
    closes, which is when this process ends, however it ends (the host's kill is TerminateProcess, and no
    handler runs). The processes it starts (a snippet's multiprocessing children, a pool's workers) join the
    job, so none outlives it. POSIX needs no such thing: there the host starts the driver as the leader of
    its own process group and kills the group. Returns whether the job is in place; on failure (an old
    Windows that forbids nested jobs, a missing API) the driver runs as before, without it.
    """
    if sys.platform != "win32":
        return False
    try:
        import ctypes
        from ctypes import wintypes

        job_object_extended_limit_information = 9
        job_object_limit_kill_on_job_close = 0x2000
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.CreateJobObjectW.restype = wintypes.HANDLE
        kernel32.CreateJobObjectW.argtypes = [ctypes.c_void_p, wintypes.LPCWSTR]
        kernel32.SetInformationJobObject.restype = wintypes.BOOL
        kernel32.SetInformationJobObject.argtypes = [wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD]
        kernel32.GetCurrentProcess.restype = wintypes.HANDLE
        kernel32.AssignProcessToJobObject.restype = wintypes.BOOL
        kernel32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
        job = kernel32.CreateJobObjectW(None, None)
        if not job:
            return False
        limits = job_limits_type()()
        limits.BasicLimitInformation.LimitFlags = job_object_limit_kill_on_job_close
        if not (
            kernel32.SetInformationJobObject(
                job, job_object_extended_limit_information, ctypes.byref(limits), ctypes.sizeof(limits)
            )
            and kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess())
        ):
            kernel32.CloseHandle(wintypes.HANDLE(job))
            return False
        _JOB_HANDLES.append(job)
        return True
    except (AttributeError, OSError, ValueError):
        return False

