"""The client: track()/outcome() queue events; one daemon thread batches and sends them."""

from __future__ import annotations

import atexit
import functools
import getpass
import hashlib
import logging
import os
import tempfile
import threading
import time
import weakref
from collections import deque
from typing import Any, Callable, Deque, Dict, List, Literal, Mapping, Optional, Union

from ._context import context as _context_manager
from ._errors import ErrorCode, InferLedgerError, InvalidArgument
from ._events import When, outcome_event, usage_event
from ._ids import new_id
from ._sender import ACK, KEEP, Sender, SendOptions
from ._spool import Batch, Spool
from ._types import Context, DeliveryReport, Gpu, ServiceTier, Stats, Tokens

MAX_EVENTS = 1000  # the server's limits per request
MAX_BYTES = 1_000_000
SHUTDOWN_GRACE = 1.0  # seconds shutdown() waits past its deadline for the request on the wire
_log = logging.getLogger("inferledger")

ErrorHook = Callable[[InferLedgerError], None]


def default_spool_dir(endpoint: str, api_key: str) -> str:
    """One folder per user and project (endpoint + key) under the temp dir."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment
        user = "user"
    project = hashlib.sha256(f"{endpoint}\0{api_key}".encode()).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"inferledger-python-{user}", project)


class Client:
    """Never raises into and never blocks the host: bad calls are dropped, counted and reported to on_error."""

    context = _context_manager

    def __init__(
        self,
        api_key: Optional[str] = None,
        endpoint: Optional[str] = None,
        *,
        flush_at: int = 100,
        flush_interval: float = 2.0,
        max_batch_bytes: int = 512 * 1024,
        max_queue_size: int = 10_000,
        overflow: Literal["drop-oldest", "drop-newest"] = "drop-oldest",
        max_retries: int = 5,
        retry_base: float = 0.5,
        retry_max: float = 30.0,
        request_timeout: float = 10.0,
        shutdown_timeout: float = 5.0,
        gzip: bool = False,
        on_error: Optional[ErrorHook] = None,
        spool: bool = True,
        spool_dir: Optional[str] = None,
        spool_max_bytes: int = 64 * 1024 * 1024,
        defaults: Optional[Context] = None,
        disabled: bool = False,
    ) -> None:
        api_key = api_key or os.environ.get("INFERLEDGER_API_KEY")
        endpoint = endpoint or os.environ.get("INFERLEDGER_ENDPOINT")
        self._on_error = on_error
        self._flush_at = min(max(int(flush_at), 1), MAX_EVENTS)
        self._interval = max(float(flush_interval), 0.0)
        self._max_bytes = min(max(int(max_batch_bytes), 1024), MAX_BYTES)
        self._max_queue = max(int(max_queue_size), 1)
        self._drop_newest = overflow == "drop-newest"
        self._shutdown_timeout = max(float(shutdown_timeout), 0.0)
        self._defaults: Context = dict(defaults or {})  # type: ignore[assignment]
        self._cond = threading.Condition(threading.RLock())  # re-entrant: track() from a signal handler
        self._stop = threading.Event()
        self._queue: Deque[str] = deque()
        self._queued_bytes = 0
        self._first_queued = 0.0
        self._pending: Deque[Batch] = deque()  # replayed from the spool: sent before the queue
        self._parked: List[Batch] = []  # in the spool after retries ran out: sent after the next success
        self._in_flight: Optional[Batch] = None
        self._counts: Dict[str, int] = {"sent": 0, "dropped": 0, "failed": 0}
        self._reported: Dict[str, int] = {"sent": 0, "lost": 0}
        self._force = False
        self._closed = False
        self._full_reported = False
        self._shutdown_report: Optional[DeliveryReport] = None
        self._shutdown_lock = threading.Lock()
        self._spool: Optional[Spool] = None
        self._disabled = bool(disabled)
        if not self._disabled and (not api_key or not endpoint):
            self._disabled = True
            self._error("invalid_argument", "api_key and endpoint are required; events will be dropped")
        if self._disabled:
            return
        assert api_key is not None and endpoint is not None
        options = SendOptions(
            url=endpoint.rstrip("/") + "/api/v1/events",
            api_key=api_key,
            max_bytes=self._max_bytes,
            max_retries=max(int(max_retries), 0),
            retry_base=max(float(retry_base), 0.0),
            retry_max=max(float(retry_max), 0.0),
            timeout=max(float(request_timeout), 0.001),
            gzip=bool(gzip),
        )
        self._send_options = options
        self._spool_at = (spool_dir or default_spool_dir(endpoint, api_key), max(int(spool_max_bytes), 1024)) if spool else None
        self._start()
        atexit.register(_shutdown_at_exit, weakref.ref(self))
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=functools.partial(_restart_after_fork, weakref.ref(self)))

    def _start(self) -> None:
        """The sending side: the sender, the spool (with what earlier runs left) and the thread."""
        self._sender = Sender(self._send_options, self._stop, self._emit, self._count)
        if self._spool_at:
            self._open_spool(*self._spool_at)
        self._thread = threading.Thread(target=self._run, name="inferledger", daemon=True)
        self._thread.start()

    def _after_fork(self) -> None:
        """In a forked child the parent's thread is gone and its locks may be held: the child
        starts empty, with its own locks, thread and spool file. What the parent had queued stays
        the parent's to send."""
        self._cond = threading.Condition(threading.RLock())
        self._stop = threading.Event()
        self._shutdown_lock = threading.Lock()
        self._queue.clear()
        self._queued_bytes = 0
        self._pending.clear()
        self._parked.clear()
        self._in_flight = None
        self._counts = {"sent": 0, "dropped": 0, "failed": 0}
        self._reported = {"sent": 0, "lost": 0}
        self._force = self._full_reported = False
        if self._spool is not None:
            self._spool.release_after_fork()
            self._spool = None
        if not self._closed:
            self._start()

    # -- public API -------------------------------------------------------------------------

    def track(
        self,
        *,
        provider: Optional[str] = None,
        model: Optional[str] = None,
        usage: Optional[Union[Mapping[str, Any], Any]] = None,
        tokens: Optional[Tokens] = None,
        gpu: Optional[Gpu] = None,
        customer: Optional[str] = None,
        feature: Optional[str] = None,
        service_tier: Optional[ServiceTier] = None,
        latency_ms: Optional[float] = None,
        status: Optional[Literal["ok", "error"]] = None,
        error_type: Optional[str] = None,
        trace_id: Optional[str] = None,
        session_id: Optional[str] = None,
        metadata: Optional[Mapping[str, str]] = None,
        cost_usd: Optional[Union[str, float, int, Any]] = None,
        usage_format: Optional[str] = None,
        event_id: Optional[str] = None,
        occurred_at: When = None,
    ) -> None:
        """Queues one usage event (a model call or a GPU job). Returns at once; never raises."""
        self._accept(usage_event, locals())

    def outcome(
        self,
        *,
        outcome: Optional[str] = None,
        customer: Optional[str] = None,
        feature: Optional[str] = None,
        quantity: Optional[float] = None,
        value: Optional[Union[str, float, int, Any]] = None,
        metadata: Optional[Mapping[str, str]] = None,
        event_id: Optional[str] = None,
        occurred_at: When = None,
    ) -> None:
        """Queues one outcome event (something the customer pays for). Returns at once; never raises."""
        self._accept(outcome_event, locals())

    def flush(self, timeout: Optional[float] = None) -> DeliveryReport:
        """Sends everything queued (and what the spool holds from earlier failures); waits at most
        `timeout` seconds (None: until done). Never raises."""
        self._drain(timeout)
        return self._report()

    def shutdown(self, timeout: Optional[float] = None) -> DeliveryReport:
        """Flushes within `timeout` seconds (default shutdown_timeout), then stops. What is still
        unsent goes to the spool (or is lost without one). Later events are dropped. Idempotent."""
        with self._shutdown_lock:  # the atexit hook and the app may call it at once
            if self._shutdown_report is None:
                self._shutdown_report = self._shut_down(timeout)
            return self._shutdown_report

    def _shut_down(self, timeout: Optional[float]) -> DeliveryReport:
        with self._cond:
            self._closed = True
        if self._disabled:
            return DeliveryReport(0, 0, 0, 0)
        self._drain(self._shutdown_timeout if timeout is None else timeout)
        with self._cond:
            self._stop.set()  # the sender stops retrying at once; a request on the wire may take longer
            self._cond.notify_all()
            grace = time.monotonic() + SHUTDOWN_GRACE
            while self._in_flight and time.monotonic() < grace:
                self._cond.wait(grace - time.monotonic())
            stray = self._in_flight
            unknown = len(stray.items) if stray and not stray.spooled else 0
            left = list(self._queue)
            self._queue.clear()
            self._queued_bytes = 0
            batches = list(self._pending) + self._parked
            self._pending.clear()
            self._parked.clear()
        spooled = self._spool_at_shutdown(left, batches)
        report = self._report()
        # A batch still on the wire without a durable copy is counted lost: this process is ending.
        return DeliveryReport(report.delivered, spooled, report.lost + unknown, 0)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    def stats(self) -> Stats:
        with self._cond:
            queued = len(self._queue) + sum(len(b.items) for b in self._pending)
            if self._in_flight:
                queued += len(self._in_flight.items)
            return Stats(
                queued=queued,
                sent=self._counts["sent"],
                dropped=self._counts["dropped"],
                failed=self._counts["failed"],
                spooled=sum(len(b.items) for b in self._parked),
            )

    def _drain(self, timeout: Optional[float]) -> None:
        if self._disabled or threading.current_thread() is getattr(self, "_thread", None):
            return  # called from on_error inside the worker: waiting would deadlock
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            self._pending.extend(self._parked)
            self._parked.clear()
            self._force = True
            self._cond.notify_all()
            while (self._queue or self._pending or self._in_flight) and not self._stop.is_set():
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    break
                self._cond.wait(remaining)

    # -- queueing ---------------------------------------------------------------------------

    def _accept(self, build: Callable[[Mapping[str, Any], Context], str], fields: Dict[str, Any]) -> None:
        if self._disabled:
            return
        fields.pop("self", None)
        try:
            event = build(fields, self._defaults)
            if len(event) + 16 > self._max_bytes:
                raise InvalidArgument(f"event is larger than max_batch_bytes ({self._max_bytes})")
        except InvalidArgument as e:
            self._count("dropped", 1)
            self._error("invalid_argument", f"invalid event: {e}")
            return
        except Exception as e:  # an unexpected value (e.g. a usage object that fails to dump)
            self._count("dropped", 1)
            self._error("invalid_argument", f"invalid event: {type(e).__name__}: {e}")
            return
        self._enqueue(event)

    def _enqueue(self, event: str) -> None:
        with self._cond:
            closed = self._closed  # under the lock: shutdown() takes what is queued under it too
            full = not closed and len(self._queue) >= self._max_queue
            report_full = full and not self._full_reported
            if closed or full:
                self._counts["dropped"] += 1
                self._full_reported = self._full_reported or full
            if full and not self._drop_newest:
                self._queued_bytes -= len(self._queue.popleft()) + 1
            if not closed and not (full and self._drop_newest):
                self._append(event)
        if closed:
            self._error("closed", "event after shutdown() dropped")
        if report_full:
            which = "newest" if self._drop_newest else "oldest"
            self._error("queue_full", f"queue full ({self._max_queue}); dropping the {which} events")

    def _append(self, event: str) -> None:
        if not self._queue:
            self._first_queued = time.monotonic()
            self._cond.notify()  # the worker starts the interval
        self._queue.append(event)
        self._queued_bytes += len(event) + 1
        if len(self._queue) >= self._flush_at or self._queued_bytes >= self._max_bytes:
            self._cond.notify()

    def _due(self) -> bool:
        q = self._queue
        return bool(q) and (
            self._force
            or len(q) >= self._flush_at
            or self._queued_bytes >= self._max_bytes
            or time.monotonic() - self._first_queued >= self._interval
        )

    def _take_batch(self) -> Optional[Batch]:
        if self._pending:
            return self._pending.popleft()
        items: List[str] = []
        size = 13  # '{"events":[' + ']}'
        while self._queue and len(items) < MAX_EVENTS:
            cost = len(self._queue[0]) + 1
            if items and size + cost > self._max_bytes:
                break
            items.append(self._queue.popleft())
            size += cost
            self._queued_bytes -= cost
        if not self._queue:
            self._full_reported = False
        return Batch(new_id(int(time.time() * 1000)), items) if items else None

    # -- the worker thread ------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stop.is_set() and not self._pending and not self._due():
                    if self._force and not self._queue:
                        self._force = False
                    timeout = self._first_queued + self._interval - time.monotonic() if self._queue else None
                    self._cond.wait(timeout)
                if self._stop.is_set():
                    return
                batch = self._take_batch()
                self._in_flight = batch
            try:
                if batch is not None:
                    self._deliver(batch)
            except Exception as e:  # never let the worker die
                self._error("spool_error", f"unexpected error while sending: {type(e).__name__}: {e}")
            finally:
                with self._cond:
                    self._in_flight = None
                    self._cond.notify_all()

    def _deliver(self, batch: Batch) -> None:
        spool = self._spool
        if spool and not batch.spooled and not spool.append(batch):
            self._error("spool_error", f"spool full; {len(batch.items)} event(s) sent without a durable copy")
        result = self._sender.send(batch.items, batch.spooled)
        if result == KEEP:
            with self._cond:
                self._parked.append(batch)
            return
        if spool and batch.spooled:
            spool.ack(batch.id)
        with self._cond:
            if result == ACK and self._parked and not self._stop.is_set():
                # The server is reachable again: bring back what earlier outages left in the spool.
                self._pending.extend(self._parked)
                self._parked.clear()

    # -- spool --------------------------------------------------------------------------------

    def _open_spool(self, directory: str, max_bytes: int) -> None:
        spool = Spool(directory, max_bytes)
        try:
            replay = spool.open()
        except OSError as e:
            self._error("spool_error", f"spool unavailable ({e}); continuing without one")
            return
        self._spool = spool
        self._pending.extend(replay)

    def _spool_at_shutdown(self, left: List[str], batches: List[Batch]) -> int:
        """Writes what was never sent to the spool; returns the events the spool file now holds."""
        spool = self._spool
        unsaved = sum(len(b.items) for b in batches if not b.spooled)
        if spool:
            while left:
                chunk, left = left[:MAX_EVENTS], left[MAX_EVENTS:]
                batch = Batch(new_id(int(time.time() * 1000)), chunk)
                if not spool.append(batch):
                    unsaved += len(chunk)
        else:
            unsaved += len(left)
        if unsaved:
            self._count("dropped", unsaved)
            self._error("spool_error" if spool else "closed", f"{unsaved} event(s) unsent at shutdown were lost")
        held = spool.outstanding() if spool else 0
        if spool:
            spool.close()
        return held

    # -- accounting and errors ----------------------------------------------------------------

    def _count(self, name: str, n: int) -> None:
        with self._cond:
            self._counts[name] += n

    def _report(self) -> DeliveryReport:
        """Counts since the previous report (or the start), so that events sent by the worker
        before the caller asked are reported too, each once."""
        now = self.stats()
        with self._cond:
            last, self._reported = self._reported, {"sent": now.sent, "lost": now.failed + now.dropped}
        return DeliveryReport(
            delivered=now.sent - last["sent"],
            spooled=self._spool.outstanding() if self._spool else 0,
            lost=now.failed + now.dropped - last["lost"],
            queued=now.queued,
        )

    def _error(self, code: ErrorCode, message: str) -> None:
        self._emit(InferLedgerError(code, message))

    def _emit(self, error: InferLedgerError) -> None:
        try:
            if self._on_error is not None:
                self._on_error(error)
            else:
                _log.warning("%s", error)
        except Exception:
            pass  # a raising hook must not reach the host either


def _restart_after_fork(ref: "weakref.ReferenceType[Client]") -> None:
    client = ref()
    if client is not None and not client._disabled:
        client._after_fork()


def _shutdown_at_exit(ref: "weakref.ReferenceType[Client]") -> None:
    client = ref()
    if client is not None:
        client.shutdown()
