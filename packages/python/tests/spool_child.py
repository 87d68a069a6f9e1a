"""A separate process for the spool and exit tests: `python spool_child.py MODE ENDPOINT SPOOL_DIR`."""

from __future__ import annotations

import json
import sys
import time

import inferledger

mode, endpoint, spool_dir = sys.argv[1:4]
client = inferledger.Client(
    "il_test_key", endpoint, spool_dir=spool_dir, flush_interval=60, max_retries=1, retry_base=0.001, retry_max=0.01, on_error=lambda e: None
)
if mode == "spool-and-hang":
    for i in range(10):
        client.track(provider="openai", model=f"m{i}", event_id=f"evt-{i}")
    report = client.flush(10)
    print(json.dumps({"spooled": report.spooled, "stats_spooled": client.stats().spooled}), flush=True)
    time.sleep(600)  # killed with SIGKILL by the test
elif mode == "send-and-hang":
    for i in range(10):
        client.track(provider="openai", model=f"m{i}", event_id=f"evt-{i}")
    client.flush(0.5)  # the server holds the request: the batch is on the wire, in the spool
    print(json.dumps({"queued": client.stats().queued}), flush=True)
    time.sleep(600)  # killed with SIGKILL by the test
elif mode == "replay":
    report = client.flush(10)
    print(json.dumps({"delivered": report.delivered, "spooled": report.spooled, "lost": report.lost}), flush=True)
    client.shutdown(5)
elif mode == "exit-without-shutdown":
    for i in range(3):
        client.track(provider="openai", model=f"exit-{i}")
    # no flush, no shutdown: the atexit hook delivers them
