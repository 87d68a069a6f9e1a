"""The client against the fake ingest server: envelope, batching, validation, retries, results."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from conftest import KEY

import inferledger
from inferledger._retry import retry_after

ULID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def client(ingest, tmp_path, errors, **kw) -> inferledger.Client:
    options = {"flush_interval": 60, "retry_base": 0.001, "retry_max": 0.01, "spool_dir": str(tmp_path / "spool"), "on_error": errors.append}
    return inferledger.Client(KEY, ingest.url, **{**options, **kw})


def test_events_arrive_in_the_documented_envelope(il, ingest):
    il.track(
        provider="anthropic",
        model="claude-sonnet-4-5",
        usage={"input_tokens": 2000, "cache_read_input_tokens": 50000, "output_tokens": 800},
        customer="acme",
        feature="support-bot",
        service_tier="batch",
        latency_ms=1840,
        status="ok",
        trace_id="t-1",
        session_id="s-1",
        metadata={"prompt_version": "v7"},
        cost_usd=Decimal("0.0123"),
        event_id="evt-1",
        occurred_at=datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc),
    )
    il.track(provider="self-hosted", model="llama-3.1-8b", tokens={"input": 5400, "output": 230}, gpu={"seconds": 1.82, "type": "H100", "pool": "eu-1"})
    il.outcome(outcome="ticket_resolved", customer="acme", feature="support-bot", quantity=1, value="0.99")
    report = il.flush(5)
    assert report == inferledger.DeliveryReport(delivered=3, spooled=0, lost=0, queued=0)
    (request,) = ingest.state.requests
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["user-agent"].startswith("inferledger-python/")
    first, gpu, outcome = request.events
    assert first == {
        "type": "usage",
        "event_id": "evt-1",
        "occurred_at": "2026-11-20T12:00:00.000Z",
        "customer": "acme",
        "feature": "support-bot",
        "provider": "anthropic",
        "model": "claude-sonnet-4-5",
        "service_tier": "batch",
        "usage": {"input_tokens": 2000, "cache_read_input_tokens": 50000, "output_tokens": 800},
        "latency_ms": 1840,
        "status": "ok",
        "trace_id": "t-1",
        "session_id": "s-1",
        "metadata": {"prompt_version": "v7"},
        "cost_usd": "0.0123",
    }
    assert ULID.match(gpu["event_id"]) and ISO.match(gpu["occurred_at"])
    assert {k: gpu[k] for k in ("tokens", "gpu")} == {"tokens": {"input": 5400, "output": 230}, "gpu": {"seconds": 1.82, "type": "H100", "pool": "eu-1"}}
    assert {k: v for k, v in outcome.items() if k not in ("event_id", "occurred_at")} == {
        "type": "outcome", "customer": "acme", "feature": "support-bot", "outcome": "ticket_resolved", "quantity": 1, "value": "0.99",
    }


def test_a_pydantic_usage_object_is_sent_as_its_json(il, ingest):
    from openai.types import CompletionUsage

    il.track(provider="openai", model="gpt-4o", usage=CompletionUsage(prompt_tokens=5, completion_tokens=2, total_tokens=7))
    il.flush(5)
    assert ingest.state.stored()[0]["usage"] == {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"model": "gpt-4o"}, "provider: required"),
        ({"provider": "openai", "model": "x" * 201}, "model: must be a non-empty string of at most 200 characters"),
        ({"provider": "openai", "model": "m", "tokens": {"prompt": 1}}, "tokens.prompt: unknown token class"),
        ({"provider": "openai", "model": "m", "tokens": {"input": -1}}, "tokens.input: must be a finite number >= 0"),
        ({"provider": "openai", "model": "m", "service_tier": "cheap"}, "service_tier: must be standard, batch, flex or priority"),
        ({"provider": "openai", "model": "m", "metadata": {"k": 1}}, "metadata.k: must be a string"),
        ({"provider": "openai", "model": "m", "cost_usd": "-1"}, "cost_usd: must be a non-negative decimal"),
        ({"provider": "openai", "model": "m", "cost_usd": "1.5\n"}, "cost_usd: must be a non-negative decimal"),
        ({"provider": "openai", "model": "m", "gpu": {"type": "H100"}}, "gpu.seconds: required"),
        ({"provider": "openai", "model": "m", "usage": {"x": object()}}, "usage: not JSON-serialisable"),
        ({"provider": "openai", "model": "m", "occurred_at": "yesterday"}, "occurred_at: must be an ISO 8601 date"),
        ({"provider": "openai", "model": "m", "event_id": "x" * 129}, "event_id: must be 1 to 128 printable ASCII characters"),
        ({"provider": "openai", "model": "m", "event_id": "caf\u00e9"}, "event_id: must be 1 to 128 printable ASCII characters"),
    ],
)
def test_a_bad_event_is_dropped_counted_and_reported_never_raised(il, ingest, errors, fields, message):
    il.track(**fields)
    il.track(provider="openai", model="good")
    il.flush(5)
    assert [e["model"] for e in ingest.state.stored()] == ["good"]
    assert il.stats().dropped == 1
    assert [e.code for e in errors] == ["invalid_argument"]
    assert message in str(errors[0])


def test_an_outcome_needs_a_customer_here_or_from_the_context(il, ingest, errors):
    il.outcome(outcome="signup")
    with inferledger.context(customer="acme"):
        il.outcome(outcome="signup")
    il.flush(5)
    assert [e["customer"] for e in ingest.state.stored()] == ["acme"]
    assert "customer: required" in str(errors[0])


def test_a_full_batch_is_sent_without_waiting_for_the_interval(ingest, tmp_path, errors):
    c = client(ingest, tmp_path, errors, flush_at=3)
    for i in range(3):
        c.track(provider="openai", model=f"m{i}")
    assert len(ingest.state.wait_for(3)) == 3
    c.track(provider="openai", model="m3")
    time.sleep(0.2)
    assert [len(r.events) for r in ingest.state.requests] == [3]  # one event waits for flush_at or the interval
    assert c.stats().queued == 1
    c.shutdown(5)


def test_the_interval_sends_what_is_queued(ingest, tmp_path, errors):
    c = client(ingest, tmp_path, errors, flush_interval=0.05)
    c.track(provider="openai", model="m")
    assert len(ingest.state.wait_for(1)) == 1
    c.shutdown(5)


def test_batches_respect_max_batch_bytes(ingest, tmp_path, errors):
    c = client(ingest, tmp_path, errors, max_batch_bytes=2048)
    for i in range(20):
        c.track(provider="openai", model="m", metadata={"pad": "x" * 300, "i": str(i)})
    c.flush(5)
    assert len(ingest.state.stored()) == 20
    assert all(len(r.events) <= 5 for r in ingest.state.requests) and len(ingest.state.requests) >= 4
    c.shutdown(5)


@pytest.mark.parametrize("overflow, kept", [("drop-oldest", ["m2", "m3", "m4"]), ("drop-newest", ["m0", "m1", "m2"])])
def test_a_full_queue_drops_by_policy_and_reports_once(ingest, tmp_path, errors, overflow, kept):
    c = client(ingest, tmp_path, errors, max_queue_size=3, overflow=overflow, flush_at=1000)
    for i in range(5):
        c.track(provider="openai", model=f"m{i}")
    assert c.stats().dropped == 2
    assert [e.code for e in errors] == ["queue_full"]
    c.flush(5)
    assert [e["model"] for e in ingest.state.stored()] == kept
    c.shutdown(5)


def test_retry_after_is_honoured(ingest, tmp_path, errors):
    ingest.state.script.append((429, {"Retry-After": "1"}, {"error": {"code": "rate_limited", "message": "slow down"}}))
    c = client(ingest, tmp_path, errors)
    c.track(provider="openai", model="m")
    assert c.flush(10).delivered == 1
    first, second = ingest.state.requests
    assert first.status == 429 and second.status == 200
    assert second.at - first.at >= 0.9  # the backoff alone would have waited at most 10 ms
    assert first.events == second.events  # the same event ids: the server counts them once
    assert errors == []
    c.shutdown(5)


def test_network_errors_and_5xx_are_retried_with_backoff(ingest, tmp_path, errors):
    for status in (503, 500, 408):
        ingest.state.script.append((status, {}, {"error": {"code": "unavailable", "message": "down"}}))
    c = client(ingest, tmp_path, errors)
    c.track(provider="openai", model="m")
    assert c.flush(10).delivered == 1
    assert [r.status for r in ingest.state.requests] == [503, 500, 408, 200]
    c.shutdown(5)


def test_retries_exhausted_without_a_spool_fail_the_batch(ingest, tmp_path, errors):
    ingest.state.script.extend([(503, {}, {})] * 3)
    c = client(ingest, tmp_path, errors, max_retries=2, spool=False)
    c.track(provider="openai", model="m")
    assert c.flush(10) == inferledger.DeliveryReport(delivered=0, spooled=0, lost=1, queued=0)
    assert len(ingest.state.requests) == 3
    assert [e.code for e in errors] == ["retries_exhausted"] and errors[0].status == 503 and errors[0].count == 1
    c.shutdown(5)


def test_retries_exhausted_with_a_spool_keep_the_batch_until_the_server_is_back(ingest, tmp_path, errors):
    ingest.state.script.extend([(503, {}, {})] * 2)
    c = client(ingest, tmp_path, errors, max_retries=1)
    c.track(provider="openai", model="first")
    report = c.flush(10)
    assert (report.delivered, report.spooled, report.lost) == (0, 1, 0)
    assert c.stats().spooled == 1 and "kept in the spool" in str(errors[0])
    c.track(provider="openai", model="second")
    c.flush(10)
    assert sorted(e["model"] for e in ingest.state.stored()) == ["first", "second"]
    assert c.stats().spooled == 0 and c.stats().sent == 2
    c.shutdown(5)


def test_400_is_not_retried_and_names_the_servers_reason(ingest, tmp_path, errors):
    ingest.state.script.append((400, {}, {"error": {"code": "invalid_body", "message": "events[0].model: required"}}))
    c = client(ingest, tmp_path, errors)
    c.track(provider="openai", model="m")
    assert c.flush(10).lost == 1
    assert len(ingest.state.requests) == 1
    assert errors[0].code == "http_error" and "events[0].model: required" in str(errors[0])
    c.shutdown(5)


def test_a_wrong_key_keeps_the_events_in_the_spool(ingest, tmp_path, errors):
    c = inferledger.Client("il_wrong", ingest.url, spool_dir=str(tmp_path / "spool"), on_error=errors.append, flush_interval=60)
    c.track(provider="openai", model="m")
    report = c.flush(10)
    assert (report.delivered, report.spooled, report.lost) == (0, 1, 0)
    assert errors[0].status == 401 and "unknown key" in str(errors[0])
    c.shutdown(5)


def test_413_splits_the_batch_until_it_fits(ingest, tmp_path, errors):
    ingest.state.max_events = 2
    c = client(ingest, tmp_path, errors)
    for i in range(5):
        c.track(provider="openai", model=f"m{i}")
    assert c.flush(10).delivered == 5
    assert sorted(e["model"] for e in ingest.state.stored()) == [f"m{i}" for i in range(5)]
    assert [len(r.events) for r in ingest.state.requests if r.status == 413] == [5, 3]
    c.shutdown(5)


def test_rejected_events_are_reported_and_the_rest_count_as_sent(il, ingest, errors):
    ingest.state.reject_models.add("refused")
    il.track(provider="openai", model="refused")
    il.track(provider="openai", model="fine")
    report = il.flush(5)
    assert (report.delivered, report.lost) == (1, 1)
    assert errors[0].code == "rejected" and errors[0].rejected[0]["field"] == "model"


def test_gzip_bodies(ingest, tmp_path, errors):
    c = client(ingest, tmp_path, errors, gzip=True)
    for _ in range(30):
        c.track(provider="openai", model="m", usage={"prompt_tokens": 1})
    c.flush(5)
    assert ingest.state.requests[0].headers["content-encoding"] == "gzip"
    assert len(ingest.state.stored()) == 30
    c.shutdown(5)


def test_a_client_without_key_is_disabled_and_says_so_once(errors, monkeypatch):
    monkeypatch.delenv("INFERLEDGER_API_KEY", raising=False)
    monkeypatch.delenv("INFERLEDGER_ENDPOINT", raising=False)
    c = inferledger.Client(on_error=errors.append)
    c.track(provider="openai", model="m")
    assert [e.code for e in errors] == ["invalid_argument"]
    assert c.flush(1) == inferledger.DeliveryReport(0, 0, 0, 0)
    assert c.shutdown() == inferledger.DeliveryReport(0, 0, 0, 0)


def test_key_and_endpoint_come_from_the_environment(ingest, tmp_path, monkeypatch):
    monkeypatch.setenv("INFERLEDGER_API_KEY", KEY)
    monkeypatch.setenv("INFERLEDGER_ENDPOINT", ingest.url)
    c = inferledger.Client(spool_dir=str(tmp_path))
    c.track(provider="openai", model="m")
    assert c.shutdown(5).delivered == 1


def test_events_after_shutdown_are_dropped(il, ingest, errors):
    il.shutdown(5)
    il.track(provider="openai", model="late")
    assert il.stats().dropped == 1 and errors[-1].code == "closed"


def test_a_raising_on_error_hook_never_reaches_the_caller(ingest, tmp_path):
    def hook(e: inferledger.InferLedgerError) -> None:
        raise RuntimeError("boom")

    c = inferledger.Client(KEY, ingest.url, on_error=hook, spool_dir=str(tmp_path))
    c.track(provider=None, model=None)  # type: ignore[arg-type]
    assert c.stats().dropped == 1
    c.shutdown(5)


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after({"retry-after": "3"}) == 3.0
    assert retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0  # in the past
    assert retry_after({"retry-after": "99999"}) == 600.0
    assert retry_after({"retry-after": "soon"}) is None
    assert retry_after({}) is None
