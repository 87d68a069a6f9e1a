"""What shutdown() reports, and what it leaves for the next start."""

from __future__ import annotations

import inferledger
from conftest import KEY

DOWN = (503, {}, {"error": {"code": "unavailable", "message": "down"}})


def make(ingest, tmp_path, errors, **kw) -> inferledger.Client:
    options = {"flush_interval": 60, "max_retries": 1, "retry_base": 0.001, "spool_dir": str(tmp_path / "spool"), "on_error": errors.append}
    return inferledger.Client(KEY, ingest.url, **{**options, **kw})


def track(client: inferledger.Client, n: int, prefix: str = "m") -> None:
    for i in range(n):
        client.track(provider="openai", model=f"{prefix}{i}")


def test_everything_delivered(ingest, tmp_path, errors):
    with make(ingest, tmp_path, errors) as c:
        track(c, 5)
    assert c.shutdown() == inferledger.DeliveryReport(delivered=5, spooled=0, lost=0, queued=0)  # idempotent
    assert len(ingest.state.stored()) == 5 and errors == []
    assert list((tmp_path / "spool").iterdir()) == []  # nothing outstanding: the file is removed


def test_server_down_with_a_spool_keeps_everything_for_the_next_start(ingest, tmp_path, errors):
    ingest.state.script.extend([DOWN] * 2)
    c = make(ingest, tmp_path, errors, flush_at=3)
    track(c, 3, "sent-while-down-")  # a batch that is tried twice and fails
    c.flush(5)
    track(c, 4, "never-sent-")  # still in memory at shutdown
    ingest.state.script.extend([DOWN] * 10)
    assert c.shutdown(1) == inferledger.DeliveryReport(delivered=0, spooled=7, lost=0, queued=0)
    assert c.stats().dropped == 0 and c.stats().failed == 0
    with make(ingest, tmp_path, []) as after:
        ingest.state.script.clear()
        assert after.flush(5).delivered == 7
    assert len(ingest.state.stored()) == 7


def test_server_down_without_a_spool_loses_and_reports_everything(ingest, tmp_path, errors):
    ingest.state.script.extend([DOWN] * 20)
    c = make(ingest, tmp_path, errors, spool=False, flush_at=3)
    track(c, 3)
    assert c.flush(5).lost == 3
    track(c, 4)
    assert c.shutdown(0.5) == inferledger.DeliveryReport(delivered=0, spooled=0, lost=4, queued=0)  # since the flush's report
    assert sum(e.count or 0 for e in errors if e.code in ("retries_exhausted", "closed")) == 7


def test_events_after_shutdown_are_dropped_and_counted(ingest, tmp_path, errors):
    c = make(ingest, tmp_path, errors)
    c.shutdown()
    track(c, 2)
    assert c.stats().dropped == 2 and [e.code for e in errors] == ["closed", "closed"]
