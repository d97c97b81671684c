"""Sorting N-Quads lines without holding them all: sorted runs written to temporary files, merged.

A build of ten million triples makes some 25 million lines; as Python objects, sorted in memory with the
terms they come from, they took more memory than the machine has. Lines are collected in runs of at most
RUN_BYTES, each run sorted, deduplicated and written to a file of its own, and the runs are merged
(heapq.merge) into one sorted stream of distinct lines: the same bytes as sorting them all at once."""

import heapq
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

RUN_BYTES = 256 * 2**20  # line bytes per sorted run (the Python objects holding them take about twice that)


class LineSorter:
    """Collects lines (bytes ending in a newline); `sorted()` gives them back sorted, each once."""

    def __init__(self, directory: Path | str | None = None, run_bytes: int | None = None):
        self.directory, self.run_bytes = directory, run_bytes or RUN_BYTES
        self._lines: list[bytes] = []
        self._bytes = 0
        self._runs: list[str] = []

    def add_text(self, text: bytes) -> None:
        """Newline-terminated lines, as a serializer writes them."""
        if text:
            self._lines.extend(text.splitlines(keepends=True))
            self._bytes += len(text)
            if self._bytes >= self.run_bytes:
                self._spill()

    def add(self, lines: Iterable[bytes]) -> None:
        for line in lines:
            self._lines.append(line)
            self._bytes += len(line)
        if self._bytes >= self.run_bytes:
            self._spill()

    def _spill(self) -> None:
        lines = sorted(set(self._lines))
        self._lines, self._bytes = [], 0
        fd, path = tempfile.mkstemp(prefix=".sort-run.", dir=self.directory)
        with os.fdopen(fd, "wb", buffering=2**20) as handle:
            handle.writelines(lines)
        self._runs.append(path)

    def sorted(self) -> Iterator[bytes]:
        """The distinct lines in byte order (once: the runs are removed when read through)."""
        last = sorted(set(self._lines))
        self._lines, self._bytes = [], 0
        if not self._runs:
            yield from last
            return
        handles = [open(path, "rb", buffering=2**20) for path in self._runs]  # noqa: SIM115
        try:
            previous = None
            for line in heapq.merge(last, *handles):
                if line != previous:
                    yield line
                    previous = line
        finally:
            for handle in handles:
                handle.close()
            self.close()

    def close(self) -> None:
        for path in self._runs:
            Path(path).unlink(missing_ok=True)
        self._runs = []
        self._lines = []

    def __del__(self):
        self.close()
