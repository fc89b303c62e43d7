"""Answers of the JSON routes kept while the store is unchanged.

The dashboard reads a store that changes only when an ingest writes it, and every write makes the shared
reader open the file again (storage/access.SharedReader.generation). So an answer is kept under (generation,
path, query string) and given again, byte for byte, until the generation moves on; then the old answers are
dropped. Only successful answers of /api/ are kept, within `max_bytes` in all, the least recently used
dropped first.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import anyio


class ResponseCache:
    """ASGI middleware in front of the app; `reader` is the app's SharedReader."""

    def __init__(self, app, reader, max_bytes: int = 64 * 1024 * 1024, max_entry: int = 4 * 1024 * 1024):
        self.app, self.reader = app, reader
        self.max_bytes, self.max_entry = max_bytes, max_entry
        self._entries: OrderedDict = OrderedDict()
        self._size = 0
        self._generation = None
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/api/"):
            return await self.app(scope, receive, send)
        generation = self.reader.held_generation()  # no thread hop while the file is held (most requests)
        if generation is None:
            generation = await anyio.to_thread.run_sync(self.reader.current_generation)
        key = (scope["path"], scope.get("query_string", b""))
        found = self._get(generation, key)
        if found is not None:
            self.hits += 1
            start, body = found
            await send(dict(start, headers=list(start.get("headers", []))))  # the stored answer stays as it was
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        start_message, parts = {}, []

        async def keep(message):
            if message["type"] == "http.response.start":
                start_message.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body") and start_message.get("status") == 200:
                    self._put(generation, key, start_message, b"".join(parts))
            await send(message)

        await self.app(scope, receive, keep)

    def _get(self, generation, key):
        with self._lock:
            if generation != self._generation:
                self._entries.clear()
                self._size, self._generation = 0, generation
                return None
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def _put(self, generation, key, start: dict, body: bytes) -> None:
        if len(body) > self.max_entry:
            return
        with self._lock:
            if generation != self._generation or key in self._entries:
                return
            self._entries[key] = (dict(start), body)
            self._size += len(body)
            while self._size > self.max_bytes and self._entries:
                _, (_, old) = self._entries.popitem(last=False)
                self._size -= len(old)
