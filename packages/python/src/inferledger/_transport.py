"""One HTTP POST with the standard library (urllib: proxies from the environment are honoured)."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Dict, Mapping

from ._version import VERSION

USER_AGENT = f"inferledger-python/{VERSION}"


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes


def post(url: str, body: bytes, headers: Dict[str, str], timeout: float) -> Response:
    """The server's answer, whatever its status; raises only when no answer came (network, timeout)."""
    request = urllib.request.Request(url, data=body, method="POST", headers={**headers, "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as res:
            return Response(res.status, {k.lower(): v for k, v in res.headers.items()}, res.read())
    except urllib.error.HTTPError as e:
        with e:
            return Response(e.code, {k.lower(): v for k, v in (e.headers or {}).items()}, e.read())
