"""Sends one batch: retries with backoff and Retry-After, 413 splitting, per-event results."""

from __future__ import annotations

import gzip as gzip_module
import json
import threading
from dataclasses import dataclass
from typing import Callable, List, Optional

from ._errors import ErrorCode, InferLedgerError
from ._retry import backoff, is_retryable, retry_after
from ._transport import Response, post

ACK = 2  # the server took it (accepted, duplicate or rejected per event)
REFUSED = 1  # never deliverable: counted as failed, removed from the spool
KEEP = 0  # not delivered now: stays in the spool for a later send


@dataclass(frozen=True)
class SendOptions:
    url: str
    api_key: str
    max_bytes: int
    max_retries: int
    retry_base: float
    retry_max: float
    timeout: float
    gzip: bool


class Sender:
    def __init__(
        self,
        options: SendOptions,
        stop: threading.Event,
        report: Callable[[InferLedgerError], None],
        count: Callable[[str, int], None],
    ) -> None:
        self._o = options
        self._stop = stop
        self._report = report
        self._count = count

    def send(self, items: List[str], can_keep: bool) -> int:
        """ACK, REFUSED or KEEP (KEEP only when can_keep: the batch is in the spool)."""
        body = ('{"events":[' + ",".join(items) + "]}").encode("ascii")
        if len(items) > 1 and len(body) > self._o.max_bytes:
            return self._halves(items, can_keep)
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self._o.api_key}"}
        if self._o.gzip and len(body) > 1024:
            body = gzip_module.compress(body, 6)
            headers["Content-Encoding"] = "gzip"
        attempt = 0
        while True:
            res: Optional[Response] = None
            err: Optional[BaseException] = None
            try:
                res = post(self._o.url, body, headers, self._o.timeout)
            except Exception as e:  # network error or timeout: no answer
                err = e
            status = res.status if res else 0
            if 200 <= status < 300 and res is not None:
                self._results(res, len(items))
                return ACK
            if status == 413 and len(items) > 1:
                return self._halves(items, can_keep)
            retryable = is_retryable(status)
            if retryable and attempt < self._o.max_retries and not self._stop.is_set():
                wait = retry_after(res.headers if res else None)
                if not self._stop.wait(backoff(attempt, self._o.retry_base, self._o.retry_max) if wait is None else wait):
                    attempt += 1
                    continue
            return self._give_up(items, res, err, retryable, can_keep)

    def _halves(self, items: List[str], can_keep: bool) -> int:
        half = len(items) // 2
        first = self.send(items[:half], can_keep)
        return min(first, self.send(items[half:], can_keep))

    def _give_up(
        self, items: List[str], res: Optional[Response], err: Optional[BaseException], retryable: bool, can_keep: bool
    ) -> int:
        status = res.status if res else 0
        detail = f"{type(err).__name__}: {err}" if err else f"HTTP {status}"
        if res is not None:
            try:
                detail += f": {json.loads(res.body)['error']['message']}"
            except (ValueError, KeyError, TypeError):
                pass  # a body without the API's error envelope
        keep = can_keep and (retryable or status in (401, 403))
        if not keep:
            self._count("failed", len(items))
        code: ErrorCode = "retries_exhausted" if retryable else "http_error"
        suffix = "; kept in the spool" if keep else ""
        self._report(
            InferLedgerError(
                code,
                f"{len(items)} event(s) not delivered ({detail}){suffix}",
                status=status or None,
                count=len(items),
            )
        )
        return KEEP if keep else REFUSED

    def _results(self, res: Response, count: int) -> None:
        try:
            results = json.loads(res.body).get("results") or []
        except (ValueError, AttributeError):
            results = []  # a 2xx without the API's body (a proxy): the server took the batch
        rejected = [r for r in results if isinstance(r, dict) and r.get("status") == "rejected"]
        self._count("sent", count - len(rejected))
        if rejected:
            self._count("failed", len(rejected))
            reasons = "; ".join(f"[{r.get('index')}] {r.get('field')}: {r.get('reason')}" for r in rejected)
            self._report(
                InferLedgerError(
                    "rejected",
                    f"{len(rejected)} event(s) rejected: {reasons[:500]}",
                    status=res.status,
                    count=len(rejected),
                    rejected=rejected,
                )
            )
