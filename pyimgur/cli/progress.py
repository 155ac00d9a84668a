"""Progress bars for long transfers: tqdm when it is installed and stderr is a
terminal, else nothing at all (tqdm is optional: imported only when used)."""

from __future__ import annotations

import importlib
from types import TracebackType
from typing import Any, Optional, TextIO

from .common import stderr_is_tty


class Bar:
    """A context manager giving a ``progress(done, total)`` callback.

    The callback matches :meth:`pyimgur.Image.download` (bytes) and the
    ``byte_progress`` of :meth:`pyimgur.Album.download`; :meth:`files` matches
    the album's ``progress`` (files done of total, shown beside the bytes, so
    an album has one bar).  Both do nothing when no bar is shown.
    """

    def __init__(self, stream: TextIO, description: str, unit: str = "B") -> None:
        self._stream = stream
        self._description = description
        self._unit = unit
        self._bar: Any = None
        self._files = ""
        self._tqdm: Any = _tqdm_class() if stderr_is_tty(stream) else None

    @property
    def shown(self) -> bool:
        return self._tqdm is not None

    def __enter__(self) -> Bar:
        return self

    def __exit__(
        self,
        kind: Optional[type[BaseException]],
        value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        if self._bar is not None:
            self._bar.close()

    def __call__(self, done: int, total: Optional[int]) -> None:
        if self._tqdm is None:
            return
        if self._bar is None:
            scaled = self._unit == "B"
            self._bar = self._tqdm(
                total=total,
                desc=self._description,
                unit=self._unit,
                unit_scale=scaled,
                unit_divisor=1024 if scaled else 1000,
                file=self._stream,
                leave=False,
            )
            if self._files:
                self._bar.set_postfix_str(self._files, refresh=False)
        if total is not None and self._bar.total != total:
            self._bar.total = total
        self._bar.update(done - self._bar.n)

    def files(self, done: int, total: int) -> None:
        """Show ``done/total files`` on the bar."""
        if self._tqdm is None:
            return
        self._files = f"{done}/{total} files"
        if self._bar is None:
            self(0, None)
        else:
            self._bar.set_postfix_str(self._files)


def _tqdm_class() -> Any:
    """``tqdm.tqdm``, or ``None`` when tqdm is not installed."""
    try:
        module = importlib.import_module("tqdm")
    except ImportError:
        return None
    return getattr(module, "tqdm", None)
