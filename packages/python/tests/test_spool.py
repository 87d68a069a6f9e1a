"""The durable spool: batches survive SIGKILL and are replayed exactly once, by one process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import inferledger
from conftest import KEY

CHILD = os.path.join(os.path.dirname(__file__), "spool_child.py")


def run_child(mode: str, endpoint: str, spool_dir: str) -> dict:
    out = subprocess.run([sys.executable, CHILD, mode, endpoint, spool_dir], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1]) if out.stdout.strip() else {}


def test_a_killed_process_spool_is_replayed_exactly_once_at_the_next_start(ingest, tmp_path):
    spool_dir = str(tmp_path / "spool")
    ingest.state.script.extend([(503, {}, {"error": {"code": "unavailable", "message": "down"}})] * 2)
    child = subprocess.Popen([sys.executable, CHILD, "spool-and-hang", ingest.url, spool_dir], stdout=subprocess.PIPE, text=True)
    try:
        assert json.loads(child.stdout.readline()) == {"spooled": 10, "stats_spooled": 10}
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()
    assert ingest.state.stored() == []  # the server refused both attempts

    assert run_child("replay", ingest.url, spool_dir) == {"delivered": 10, "spooled": 0, "lost": 0}
    assert run_child("replay", ingest.url, spool_dir) == {"delivered": 0, "spooled": 0, "lost": 0}
    assert sorted(e["event_id"] for e in ingest.state.stored()) == sorted(f"evt-{i}" for i in range(10))
    delivered = [e["event_id"] for r in ingest.state.requests if r.status == 200 for e in r.events]
    assert len(delivered) == 10  # sent once after the kill: no duplicate either
    assert os.listdir(spool_dir) == []


def test_a_batch_on_the_wire_when_the_process_is_killed_is_replayed_once(ingest, tmp_path):
    spool_dir = str(tmp_path / "spool")
    ingest.state.script.append((0, {}, {}))  # the first request never gets an answer
    child = subprocess.Popen([sys.executable, CHILD, "send-and-hang", ingest.url, spool_dir], stdout=subprocess.PIPE, text=True)
    try:
        assert json.loads(child.stdout.readline()) == {"queued": 10}
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()
    assert [(len(r.events), r.status) for r in ingest.state.requests] == [(10, 0)]
    assert run_child("replay", ingest.url, spool_dir) == {"delivered": 10, "spooled": 0, "lost": 0}
    assert run_child("replay", ingest.url, spool_dir) == {"delivered": 0, "spooled": 0, "lost": 0}
    assert sorted(e["event_id"] for e in ingest.state.stored()) == sorted(f"evt-{i}" for i in range(10))
    assert [(len(r.events), r.status) for r in ingest.state.requests] == [(10, 0), (10, 200)]


def test_the_atexit_hook_delivers_what_is_queued(ingest, tmp_path):
    run_child("exit-without-shutdown", ingest.url, str(tmp_path / "spool"))
    assert sorted(e["model"] for e in ingest.state.stored()) == ["exit-0", "exit-1", "exit-2"]


def test_a_live_clients_spool_is_not_taken_by_another(ingest, tmp_path):
    spool_dir = str(tmp_path / "spool")
    ingest.state.script.extend([(503, {}, {})] * 4)  # two attempts in flush(), two in shutdown()
    first = inferledger.Client(KEY, ingest.url, spool_dir=spool_dir, max_retries=1, retry_base=0.001, on_error=lambda e: None)
    first.track(provider="openai", model="parked")
    assert first.flush(10).spooled == 1
    second = inferledger.Client(KEY, ingest.url, spool_dir=spool_dir)
    assert second.stats().queued == 0 and second.flush(5).delivered == 0
    assert first.shutdown(5).spooled == 1
    third = inferledger.Client(KEY, ingest.url, spool_dir=spool_dir)
    third.flush(5)
    assert [e["model"] for e in ingest.state.stored()] == ["parked"]
    second.shutdown(1)
    third.shutdown(1)


def test_torn_lines_are_skipped_and_acknowledged_batches_not_replayed(ingest, tmp_path):
    spool_dir = tmp_path / "spool"
    spool_dir.mkdir()
    event = {"type": "usage", "event_id": "evt-kept", "occurred_at": "2026-11-20T12:00:00.000Z", "provider": "openai", "model": "m"}
    acked = {**event, "event_id": "evt-acked"}
    (spool_dir / "spool-1-dead.jsonl").write_text(
        json.dumps({"b": "B1", "e": [event]}) + "\n" + json.dumps({"b": "B2", "e": [acked]}) + "\n" + '{"a":"B2"}\n' + '{"b":"B3","e":[{"type":"us'
    )
    c = inferledger.Client(KEY, ingest.url, spool_dir=str(spool_dir))
    assert c.flush(5).delivered == 1
    assert [e["event_id"] for e in ingest.state.stored()] == ["evt-kept"]
    c.shutdown(5)


def test_the_spool_file_is_bounded(tmp_path, errors):
    spool_dir = tmp_path / "spool"
    c = inferledger.Client(
        KEY, "http://127.0.0.1:9", spool_dir=str(spool_dir), spool_max_bytes=4096, max_batch_bytes=1024, max_retries=0, on_error=errors.append
    )
    for i in range(40):
        c.track(provider="openai", model="m", metadata={"i": str(i), "pad": "x" * 100})
    report = c.shutdown(5)
    size = sum(f.stat().st_size for f in spool_dir.iterdir())
    assert 0 < size <= 4096
    assert report.spooled + report.lost == 40 and report.lost > 0 and report.delivered == 0
    assert any(e.code == "spool_error" for e in errors)
