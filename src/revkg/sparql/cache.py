"""Answers kept for the next identical request, bounded in bytes.

The served graph never changes while the server runs, so the same query asked in
the same format has the same answer. Keys are SHA-256 digests of the query text and
format (a 64 KB query costs 32 bytes of key), and the least recently used answers
are dropped once the answers held exceed ``max_bytes``.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict


class AnswerCache:
    """A thread-safe LRU map from query digests to answer bytes, bounded in bytes."""

    def __init__(self, *, max_bytes: int) -> None:
        self.max_bytes, self.size = max_bytes, 0
        self._items: OrderedDict[bytes, bytes] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str, fmt: str) -> bytes:
        return hashlib.sha256(f"{fmt}\x00{text}".encode()).digest()

    def get(self, key: bytes) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: bytes, answer: bytes) -> None:
        if len(answer) > self.max_bytes // 8:
            return  # one answer may not push out most of the others
        with self._lock:
            if key in self._items:
                return
            self._items[key] = answer
            self.size += len(answer)
            while self.size > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self.size -= len(dropped)
