"""The durable spool: batches wait in a file until the server acknowledged them.

One JSON line per batch when it is formed (`{"b":id,"e":[events]}`) and one per acknowledgement
(`{"a":id}`), the same format as the TypeScript SDK. Each client owns one file in the folder,
held under an OS lock for its lifetime. On start a client adopts the files whose lock is free
(their process ended, crashed or was killed): the first becomes its own file, the others are
merged into it and removed, so every unacknowledged batch is replayed by exactly one process.
The file is bounded (`max_bytes`): it is compacted down to the unacknowledged batches when it
would grow past the bound, and a batch that still does not fit is not spooled (reported)."""

from __future__ import annotations

import glob
import json
import os
import threading
import uuid
from dataclasses import dataclass, field
from typing import IO, Dict, List, Optional, Tuple

from ._lock import try_lock


@dataclass
class Batch:
    id: str
    items: List[str]
    spooled: bool = field(default=False)


def _line(batch_id: str, items: List[str]) -> bytes:
    return ('{"b":"' + batch_id + '","e":[' + ",".join(items) + "]}\n").encode("ascii")


def _parse(data: bytes) -> Dict[str, List[str]]:
    """The unacknowledged batches of a spool file; torn lines from a crash are skipped."""
    open_batches: Dict[str, List[str]] = {}
    for raw in data.split(b"\n"):
        try:
            rec = json.loads(raw)
        except ValueError:
            continue
        if not isinstance(rec, dict):
            continue
        if isinstance(rec.get("a"), str):
            open_batches.pop(rec["a"], None)
        elif isinstance(rec.get("b"), str) and isinstance(rec.get("e"), list):
            open_batches[rec["b"]] = [json.dumps(e, separators=(",", ":")) for e in rec["e"]]
    return open_batches


class Spool:
    def __init__(self, directory: str, max_bytes: int) -> None:
        self._dir = directory
        self._max = max_bytes
        self._lock = threading.Lock()
        self._open: Dict[str, List[str]] = {}
        self._file: Optional[IO[bytes]] = None
        self._size = 0

    def open(self) -> List[Batch]:
        """Claims this process's file and returns the batches that earlier runs left unsent."""
        os.makedirs(self._dir, mode=0o700, exist_ok=True)
        adopted: Dict[str, List[str]] = {}
        for path in sorted(glob.glob(os.path.join(self._dir, "spool-*.jsonl"))):
            claimed = self._claim(path)
            if claimed is None:
                continue
            f, batches = claimed
            adopted.update(batches)
            if self._file is None:
                self._file = f  # the first orphan becomes this process's own file
            else:
                self._retire(path, f)
        if self._file is None:
            path = os.path.join(self._dir, f"spool-{os.getpid()}-{uuid.uuid4().hex[:8]}.jsonl")
            f = open(path, "a+b")
            if not try_lock(f):  # pragma: no cover - a fresh random name
                f.close()
                raise OSError(f"cannot lock {path}")
            self._file = f
        self._open = adopted
        self._rewrite()
        return [Batch(batch_id, items, spooled=True) for batch_id, items in adopted.items()]

    def _claim(self, path: str) -> Optional[Tuple[IO[bytes], Dict[str, List[str]]]]:
        try:
            f = open(path, "r+b")
        except OSError:
            return None
        if not try_lock(f):
            f.close()  # a live client owns it
            return None
        try:
            # Another process may have claimed and removed it between our open() and our lock.
            if os.stat(path).st_ino != os.fstat(f.fileno()).st_ino:
                f.close()
                return None
        except OSError:
            f.close()
            return None
        f.seek(0)
        return f, _parse(f.read())

    def _retire(self, path: str, f: IO[bytes]) -> None:
        """Empties and removes a merged orphan while still holding its lock."""
        f.truncate(0)
        f.flush()
        try:
            os.unlink(path)
        except OSError:
            pass
        f.close()

    def _rewrite(self) -> None:
        """The file becomes exactly the unacknowledged batches (compaction)."""
        f = self._file
        assert f is not None
        data = b"".join(_line(i, items) for i, items in self._open.items())
        f.seek(0)
        f.truncate(0)
        f.write(data)
        f.flush()
        self._size = len(data)

    def append(self, batch: Batch) -> bool:
        """Writes a batch before it is sent; False when it does not fit in max_bytes."""
        line = _line(batch.id, batch.items)
        with self._lock:
            if self._file is None:
                return False
            if self._size + len(line) > self._max:
                self._rewrite()
                if self._size + len(line) > self._max:
                    return False
            self._file.seek(0, os.SEEK_END)
            self._file.write(line)
            self._file.flush()
            self._size += len(line)
            self._open[batch.id] = batch.items
            batch.spooled = True
            return True

    def ack(self, batch_id: str) -> None:
        """The batch left the spool: the server took it, or refused it for good."""
        with self._lock:
            if self._file is None or self._open.pop(batch_id, None) is None:
                return
            if not self._open:
                self._rewrite()  # nothing outstanding: start the file afresh
                return
            line = ('{"a":"' + batch_id + '"}\n').encode("ascii")
            self._file.seek(0, os.SEEK_END)
            self._file.write(line)
            self._file.flush()
            self._size += len(line)

    def outstanding(self) -> int:
        with self._lock:
            return sum(len(items) for items in self._open.values())

    def release_after_fork(self) -> None:
        """In a forked child: closes the child's copy of the parent's file. The lock belongs to the
        open file, which the parent still holds, so the parent keeps it."""
        self._lock = threading.Lock()
        f, self._file = self._file, None
        if f is not None:
            f.close()

    def close(self) -> None:
        """Releases the lock; the file stays for the next start when batches are outstanding."""
        with self._lock:
            f, self._file = self._file, None
            if f is None:
                return
            # An empty file is removed while still locked, so no other process can adopt it.
            if not self._open and isinstance(f.name, str):
                try:
                    os.unlink(f.name)
                except OSError:
                    pass
            f.close()
