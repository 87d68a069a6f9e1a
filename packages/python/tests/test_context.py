"""inferledger.context holds in nested scopes, in threads run under a copied context and in asyncio tasks."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from concurrent.futures import ThreadPoolExecutor

import inferledger


def attribution(il, ingest):
    il.flush(5)
    return {(e["model"]): (e.get("customer"), e.get("feature"), e.get("metadata")) for e in ingest.state.stored()}


def test_nested_contexts_merge_and_restore(il, ingest):
    with il.context(customer="acme", feature="chat", metadata={"a": "1"}):
        with inferledger.context(feature="summarize", metadata={"b": "2"}):
            il.track(provider="openai", model="inner")
        il.track(provider="openai", model="outer")
    il.track(provider="openai", model="none")
    assert attribution(il, ingest) == {
        "inner": ("acme", "summarize", {"a": "1", "b": "2"}),
        "outer": ("acme", "chat", {"a": "1"}),
        "none": (None, None, None),
    }


def test_the_call_wins_over_the_context_and_the_context_over_defaults(ingest, tmp_path):
    il = inferledger.Client("il_test_key", ingest.url, spool_dir=str(tmp_path), defaults={"customer": "default-co", "feature": "default-f"})
    with il.context(feature="ctx-f"):
        il.track(provider="openai", model="a", customer="call-co")
        il.track(provider="openai", model="b")
    assert attribution(il, ingest) == {"a": ("call-co", "ctx-f", None), "b": ("default-co", "ctx-f", None)}
    il.shutdown(5)


def test_threads_started_with_a_copied_context_keep_it(il, ingest):
    def work(name: str) -> None:
        il.track(provider="openai", model=name)

    with il.context(customer="acme", feature="batch-job"):
        ctx = contextvars.copy_context()
        copied = threading.Thread(target=ctx.run, args=(work, "copied"))
        plain = threading.Thread(target=work, args=("plain",))
        with ThreadPoolExecutor(1) as pool:
            pool.submit(contextvars.copy_context().run, work, "pool").result()
    copied.start()
    plain.start()
    copied.join()
    plain.join()
    assert attribution(il, ingest) == {
        "copied": ("acme", "batch-job", None),
        "pool": ("acme", "batch-job", None),
        "plain": (None, None, None),  # threading.Thread does not copy contextvars: documented
    }


def test_asyncio_tasks_each_keep_their_own_context(il, ingest):
    async def call(customer: str) -> None:
        async with il.context(customer=customer):
            await asyncio.sleep(0.01)  # interleave with the other tasks
            il.track(provider="openai", model=f"{customer}-1")
            await asyncio.sleep(0.01)
            await asyncio.to_thread(il.track, provider="openai", model=f"{customer}-thread")

    async def main() -> None:
        with il.context(feature="api"):
            await asyncio.gather(*(asyncio.create_task(call(c)) for c in ("a", "b", "c")))

    asyncio.run(main())
    assert attribution(il, ingest) == {
        f"{c}-{kind}": (c, "api", None) for c in ("a", "b", "c") for kind in ("1", "thread")
    }
