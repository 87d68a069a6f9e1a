"""A fake InferLedger ingest API: records every batch POSTed to /api/v1/events and answers like
the real one (per-event results, duplicates by event_id), or with scripted answers first. A
scripted status 0 never answers: the request hangs until `release` is set, then the connection
closes without a response."""

from __future__ import annotations

import gzip
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from .server import LoopbackServer, QuietHandler


@dataclass
class Received:
    events: List[Dict[str, Any]]
    headers: Dict[str, str]
    at: float
    status: int


@dataclass
class IngestState:
    requests: List[Received] = field(default_factory=list)
    script: List[Tuple[int, Dict[str, str], Dict[str, Any]]] = field(default_factory=list)
    reject_models: set = field(default_factory=set)
    max_events: Optional[int] = None  # answer 413 above this many events
    seen: set = field(default_factory=set)
    accepted: List[Dict[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def stored(self) -> List[Dict[str, Any]]:
        """Events the fake stored (accepted, each event_id once), in arrival order."""
        with self.lock:
            return list(self.accepted)

    def wait_for(self, n: int, timeout: float = 10.0) -> List[Dict[str, Any]]:
        end = time.monotonic() + timeout
        with self.arrived:
            while len(self.stored()) < n and time.monotonic() < end:
                self.arrived.wait(end - time.monotonic())
        return self.stored()


class _Handler(QuietHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        state: IngestState = self.server.owner.state  # type: ignore[attr-defined]
        raw = self.read_body()
        if self.headers.get("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        body = json.loads(raw)
        events = body["events"]
        headers = {k.lower(): v for k, v in self.headers.items()}
        with state.lock:
            scripted = state.script.pop(0) if state.script else None
        if self.path != "/api/v1/events":
            status, extra, answer = 404, {}, {"error": {"code": "not_found", "message": "no route"}}
        elif scripted and scripted[0] == 0:
            with state.arrived:
                state.requests.append(Received(events, headers, time.monotonic(), 0))
                state.arrived.notify_all()
            state.release.wait(60)
            self.close_connection = True
            return
        elif scripted:
            status, extra, answer = scripted
        elif headers.get("authorization") != "Bearer il_test_key":
            status, extra, answer = 401, {}, {"error": {"code": "unauthorized", "message": "unknown key"}}
        elif state.max_events is not None and len(events) > state.max_events:
            status, extra, answer = 413, {}, {"error": {"code": "payload_too_large", "message": "too many events"}}
        else:
            status, extra, answer = 200, {}, self._results(state, events)
        with state.arrived:
            state.requests.append(Received(events, headers, time.monotonic(), status))
            state.arrived.notify_all()
        self.send(status, json.dumps(answer).encode(), headers=extra)

    @staticmethod
    def _results(state: IngestState, events: List[Dict[str, Any]]) -> Dict[str, Any]:
        results = []
        with state.lock:
            for i, e in enumerate(events):
                if e.get("model") in state.reject_models:
                    results.append({"index": i, "event_id": e["event_id"], "status": "rejected", "field": "model", "reason": "refused by the test"})
                elif e["event_id"] in state.seen:
                    results.append({"index": i, "event_id": e["event_id"], "status": "duplicate"})
                else:
                    state.seen.add(e["event_id"])
                    state.accepted.append(e)
                    results.append({"index": i, "status": "accepted"})
        counts = {s: sum(r["status"] == s for r in results) for s in ("accepted", "duplicate", "rejected")}
        return {"accepted": counts["accepted"], "duplicates": counts["duplicate"], "rejected": counts["rejected"], "results": results}


class FakeIngest(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(_Handler)
        self.state = IngestState()
