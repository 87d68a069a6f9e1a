from __future__ import annotations

import os
import sys
from typing import Iterator, List

import pytest

sys.path.insert(0, os.path.dirname(__file__))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # litellm would download its price list at import

from fakes.ingest import FakeIngest  # noqa: E402
from fakes.provider import FakeProvider  # noqa: E402

import inferledger  # noqa: E402

KEY = "il_test_key"


@pytest.fixture(scope="session")
def provider() -> Iterator[FakeProvider]:
    server = FakeProvider().start()
    yield server
    server.stop()


@pytest.fixture
def ingest() -> Iterator[FakeIngest]:
    server = FakeIngest().start()
    yield server
    server.state.release.set()
    server.stop()


@pytest.fixture
def errors() -> List[inferledger.InferLedgerError]:
    return []


@pytest.fixture
def il(ingest: FakeIngest, tmp_path, errors) -> Iterator[inferledger.Client]:
    client = inferledger.Client(
        KEY,
        ingest.url,
        flush_interval=0.05,
        retry_base=0.01,
        retry_max=0.05,
        spool_dir=str(tmp_path / "spool"),
        on_error=errors.append,
    )
    yield client
    client.shutdown(1)
