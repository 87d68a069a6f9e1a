"""Against a running InferLedger app: runs only with INFERLEDGER_TEST_URL and INFERLEDGER_TEST_KEY
(an ingest key) set; with INFERLEDGER_TEST_READ_KEY (a read key of the same project) it also reads
the stored events back.

The same fake gpt-4o call (12,000 input tokens of which 8,000 cached, 800 output of which 64
reasoning) reaches the app three ways: the openai wrapper (OpenAI's raw usage), the LangChain
handler (usage_metadata) and the LiteLLM logger (LiteLLM's usage). The app must accept every
event, and store the same canonical tokens and the same computed cost for all three."""

from __future__ import annotations

import json
import os
import time
import urllib.request
import uuid
from typing import Any, Dict, List

import openai
import pytest

import inferledger

URL = os.environ.get("INFERLEDGER_TEST_URL")
KEY = os.environ.get("INFERLEDGER_TEST_KEY")
READ_KEY = os.environ.get("INFERLEDGER_TEST_READ_KEY")

pytestmark = [pytest.mark.live, pytest.mark.skipif(not (URL and KEY), reason="set INFERLEDGER_TEST_URL and INFERLEDGER_TEST_KEY to run against an app")]


class Recorder:
    """Gives each observed event a known id (to read it back) and passes it on to the client."""

    def __init__(self, client: inferledger.Client, prefix: str) -> None:
        self.client, self.prefix, self.ids = client, prefix, []  # type: ignore[var-annotated]

    def track(self, **fields: Any) -> None:
        fields["event_id"] = f"{self.prefix}-{len(self.ids)}"
        self.ids.append(fields["event_id"])
        self.client.track(**fields)


def read_event(event_id: str) -> Dict[str, Any]:
    request = urllib.request.Request(f"{URL}/api/v1/events/{event_id}", headers={"Authorization": f"Bearer {READ_KEY}"})
    with urllib.request.urlopen(request, timeout=10) as res:
        return json.load(res)["event"]


def test_the_app_accepts_and_prices_what_every_path_sends(provider, tmp_path):
    import litellm
    from langchain_openai import ChatOpenAI

    from inferledger.integrations.langchain import InferLedgerCallbackHandler
    from inferledger.integrations.litellm import InferLedgerLogger

    errors: List[inferledger.InferLedgerError] = []
    il = inferledger.Client(KEY, URL, spool_dir=str(tmp_path), on_error=errors.append)
    run = uuid.uuid4().hex[:12]
    paths = {name: Recorder(il, f"py-live-{run}-{name}") for name in ("wrapper", "langchain", "litellm")}
    messages = [{"role": "user", "content": "hi"}]
    with inferledger.context(customer=f"py-live-{run}", feature="python-sdk-live"):
        client = inferledger.wrap_openai(openai.OpenAI(api_key="sk-test", base_url=provider.url + "/v1"), paths["wrapper"])
        client.chat.completions.create(model="gpt-4o", messages=messages)
        chat = ChatOpenAI(model="gpt-4o", base_url=provider.url + "/v1", api_key="sk-test")
        chat.invoke("hi", config={"callbacks": [InferLedgerCallbackHandler(paths["langchain"])]})
        litellm.callbacks = [InferLedgerLogger(paths["litellm"])]
        try:
            litellm.completion(model="openai/gpt-4o", api_base=provider.url + "/v1", api_key="sk-test", messages=messages)
        finally:
            litellm.callbacks = []
        il.outcome(outcome="ticket_resolved", value="0.99")
        for _ in range(2):  # the second is a duplicate: counted as delivered, stored once
            il.track(provider="openai", model="gpt-4o", usage={"prompt_tokens": 1}, event_id=f"py-live-{run}-dup")
    for _ in range(200):  # LiteLLM logs from a thread of its own
        if paths["litellm"].ids:
            break
        time.sleep(0.05)
    report = il.shutdown(30)
    assert errors == []
    assert report == inferledger.DeliveryReport(delivered=6, spooled=0, lost=0, queued=0)
    if not READ_KEY:
        pytest.skip("INFERLEDGER_TEST_READ_KEY not set: the stored events were not read back")
    stored = {name: read_event(recorder.ids[0]) for name, recorder in paths.items()}
    for name, event in stored.items():
        tokens = {k: v for k, v in event["tokens"].items() if v}
        assert tokens == {"input": 4000, "cache_read": 8000, "output": 736, "reasoning": 64}, name
        assert event["cost"]["source"] == "computed", name
        assert event["customer"] == f"py-live-{run}", name
    assert len({event["cost"]["total_usd"] for event in stored.values()}) == 1, stored
