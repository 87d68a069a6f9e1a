"""A client created before os.fork() works in the child (gunicorn --preload, Celery prefork)."""

from __future__ import annotations

import os
import warnings

import pytest
from conftest import KEY

import inferledger

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")


def test_a_forked_child_sends_its_own_events_and_leaves_the_parents(ingest, tmp_path):
    il = inferledger.Client(KEY, ingest.url, spool_dir=str(tmp_path / "spool"), flush_interval=60)
    il.track(provider="openai", model="parent-before-fork")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.12+: fork() with threads running
        pid = os.fork()
    if pid == 0:  # the child: report through the exit code, never return into pytest
        code = 3
        try:
            il.track(provider="openai", model="child")
            report = il.shutdown(10)
            code = 0 if report == inferledger.DeliveryReport(delivered=1, spooled=0, lost=0, queued=0) else 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    il.track(provider="openai", model="parent-after-fork")
    assert il.shutdown(10).delivered == 2
    assert sorted(e["model"] for e in ingest.state.stored()) == ["child", "parent-after-fork", "parent-before-fork"]
    ids = [e["event_id"] for e in ingest.state.stored()]
    assert len(set(ids)) == 3
