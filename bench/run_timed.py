#!/usr/bin/env python3
"""Runs a command once and prints `wall_s cpu_s peak_KiB` for it, with microsecond resolution
(GNU time's %U/%S have 10 ms steps, which is most of a 1,000-statement lint).

Usage: bench/run_timed.py CMD [ARG...]   (the command's stdout and stderr are discarded)
"""
import os
import subprocess
import sys
import time

if len(sys.argv) < 2:
    sys.exit("usage: run_timed.py CMD [ARG...]")
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
# The child's own usage (RUSAGE_CHILDREN also counted more than the child here).
_, _, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
print(f"{wall:.4f} {usage.ru_utime + usage.ru_stime:.4f} {usage.ru_maxrss}")
