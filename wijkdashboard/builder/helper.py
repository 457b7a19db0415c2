"""Helper processes for the build's CPU-heavy, slow-to-load work (PySAL's indices, mapclassify's
classes). Forked at the start, they load those libraries while the main process reads the raw files;
jobs sent to them run beside the main process's own. For large inputs two, so the classes need not wait
for the indices (over the whole country each takes minutes and the main process waits meanwhile); for a
few cities one, whose start-up costs less than a second one's would. On one core, or without fork, jobs
run in place.

A helper dies with the build: killed (SIGKILL from an OOM killer or a cron timeout) the build cannot
stop them, so each asks the kernel for a signal when its parent goes (Linux's PR_SET_PDEATHSIG) and
also watches its parent itself (elsewhere, or should the signal be missed)."""

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor

PR_SET_PDEATHSIG = 1


def _die_with(parent):
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the watcher below does it

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    if os.getppid() != parent:  # the parent went before the signal was asked for
        os._exit(1)
    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _warm_up():
    import mapclassify  # noqa: F401
    import segregation  # noqa: F401


class Helper:
    def __init__(self, workers=1):
        self.executor = None
        if (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
            self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                                initializer=_die_with, initargs=(os.getpid(),))
            # All fork now, before the main process starts threads of its own.
            self.warming = [self.executor.submit(_warm_up) for _ in range(workers)]

    def submit(self, function, *args):
        """A future of function(*args)."""
        if self.executor is None:
            done = Future()
            done.set_result(function(*args))
            return done
        return self.executor.submit(function, *args)

    def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
