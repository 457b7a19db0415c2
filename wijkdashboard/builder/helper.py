"""Helper processes for the build's CPU-heavy, slow-to-load work (PySAL's indices, mapclassify's
classes). Forked at the start, they load those libraries while the main process reads the raw files;
jobs sent to them run beside the main process's own. For large inputs two, so the classes need not wait
for the indices (over the whole country each takes minutes and the main process waits meanwhile); for a
few cities one, whose start-up costs less than a second one's would. On one core, or without fork, jobs
run in place."""

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor


def _warm_up():
    import mapclassify  # noqa: F401
    import segregation  # noqa: F401


class Helper:
    def __init__(self, workers=1):
        self.executor = None
        if (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
            self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
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
