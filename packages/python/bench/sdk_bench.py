"""`npm run bench:python`: the CPU this SDK spends per event, beside posthog-python sending the
same facts to the same sink in the same run (the TypeScript SDK's bench:sdk compares with
posthog-node the same way).

Each run tracks BENCH_EVENTS events (default 50,000) as fast as it can, then flushes, and reads
two figures: the caller's time per track()/capture() call (what the app waits for) and the CPU
time of the whole process per event (both threads: building, JSON, batching, HTTP). Runs
alternate, ours first, BENCH_RUNS times each (default 3); the medians and their ratio are printed."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Callable, Dict, List, Tuple

import inferledger

EVENTS = int(os.environ.get("BENCH_EVENTS", "50000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
USAGE = {"prompt_tokens": 12000, "completion_tokens": 800, "total_tokens": 12800, "prompt_tokens_details": {"cached_tokens": 8000}}


def ours(url: str) -> Tuple[float, float]:
    with tempfile.TemporaryDirectory() as spool:
        client = inferledger.Client("il_bench", url, max_queue_size=EVENTS, spool_dir=spool)
        cpu, wall = time.process_time(), time.perf_counter()
        for i in range(EVENTS):
            client.track(provider="openai", model="gpt-4o", usage=USAGE, customer=f"c{i % 100}", feature="chat", latency_ms=840)
        caller = time.perf_counter() - wall
        report = client.shutdown(120)
        assert report.delivered == EVENTS, report
        return caller, time.process_time() - cpu


def posthog(url: str) -> Tuple[float, float]:
    from posthog import Posthog

    client = Posthog("phc_bench", host=url, max_queue_size=EVENTS, enable_local_evaluation=False)
    cpu, wall = time.process_time(), time.perf_counter()
    for i in range(EVENTS):
        client.capture("usage", distinct_id=f"c{i % 100}", properties={"provider": "openai", "model": "gpt-4o", "usage": USAGE, "feature": "chat", "latency_ms": 840})
    caller = time.perf_counter() - wall
    client.flush(timeout_seconds=300)  # everything sent, as for ours
    client.shutdown()
    return caller, time.process_time() - cpu


def main() -> None:
    sink = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "sink.py")], stdout=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{sink.stdout.readline().strip()}"  # type: ignore[union-attr]
        runs: Dict[str, List[Tuple[float, float]]] = {"inferledger": [], "posthog-python": []}
        sdks: Dict[str, Callable[[str], Tuple[float, float]]] = {"inferledger": ours, "posthog-python": posthog}
        for _ in range(RUNS):
            for name, run in sdks.items():
                runs[name].append(run(url))
        print(f"{EVENTS:,} events per run, {RUNS} runs each, alternating; medians (µs per event)")
        print(f"{'sdk':<16}{'caller':>10}{'process CPU':>14}")
        medians = {}
        for name, results in runs.items():
            caller = statistics.median(r[0] for r in results) / EVENTS * 1e6
            cpu = statistics.median(r[1] for r in results) / EVENTS * 1e6
            medians[name] = (caller, cpu)
            print(f"{name:<16}{caller:>10.2f}{cpu:>14.2f}")
        ours_caller, ours_cpu = medians["inferledger"]
        theirs_caller, theirs_cpu = medians["posthog-python"]
        print(f"ratio posthog-python / inferledger: caller {theirs_caller / ours_caller:.2f}x, process CPU {theirs_cpu / ours_cpu:.2f}x")
    finally:
        sink.kill()
        sink.wait()


if __name__ == "__main__":
    main()
