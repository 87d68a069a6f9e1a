"""An exclusive, non-blocking lock on an open file that the OS releases when the process dies
(even on SIGKILL): how a spool file tells a live owner from a crashed one."""

from __future__ import annotations

import os
from typing import IO

try:
    import fcntl

    def try_lock(f: IO[bytes]) -> bool:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

except ImportError:  # Windows
    import msvcrt

    def try_lock(f: IO[bytes]) -> bool:
        try:
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            f.seek(0, os.SEEK_END)
            return True
        except OSError:
            return False
