"""Saving a file from the CDN in the async flavour: atomic, and never blocking the loop.

The same promises as :func:`pyimgur.download.stream_to_file` (and its helpers:
the target path, the folders, the temporary file, the final rename are shared):
the file is streamed to a temporary file next to the target and renamed into
place once complete, so an interrupted, cancelled or incomplete download leaves
no file behind and never replaces one.  Disk writes run in a worker thread.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, BinaryIO, Optional

import anyio
import httpx

from ..download import (
    _exists,
    _local_error,
    _open_temporary,
    _put_in_place,
    _remove_folders,
    check_folder,
    check_limits,
    target_path,
)
from ..exceptions import TransportError
from ..plan import Save

if TYPE_CHECKING:
    from .transport import AsyncTransport

__all__ = ["save"]

_CHUNK = 256 * 1024


async def save(transport: AsyncTransport, effect: Save) -> str:
    """Carry out a :class:`~pyimgur.plan.Save`; return the new file's path.

    ``stall_timeout`` here bounds the wait for each chunk; ``deadline`` the whole
    download.  Both raise :class:`~pyimgur.TransportError`.
    """
    check_limits(effect.stall_timeout, effect.deadline)
    final = target_path(effect.folder, effect.filename)
    directory = os.path.dirname(final)
    check_folder(directory)
    if not effect.overwrite and os.path.lexists(final):
        raise _exists(final)
    created: list[str] = []
    temporary: Optional[str] = None
    try:
        descriptor, temporary = _open_temporary(directory, final, created)
        with os.fdopen(descriptor, "wb") as out:
            try:
                with anyio.fail_after(effect.deadline):
                    await _copy(transport, effect, out, final)
            except TimeoutError:
                raise TransportError(
                    f"the download of {effect.url} passed its deadline of {effect.deadline} s",
                    method="GET",
                ) from None
        await anyio.to_thread.run_sync(_put_in_place, temporary, final, effect.overwrite)
    except BaseException:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        _remove_folders(created)
        raise
    return final


async def _copy(transport: AsyncTransport, effect: Save, out: BinaryIO, final: str) -> None:
    response = await transport.open_stream(effect.url)
    try:
        encoding = response.headers.get("Content-Encoding", "").strip().lower()
        encoded = encoding not in ("", "identity")
        length = response.headers.get("Content-Length", "")
        expected = int(length) if length.isdigit() and not response.headers.get(
            "Transfer-Encoding") else None
        total = None if encoded else expected
        done = 0
        if effect.progress is not None:
            effect.progress(0, total)
        chunks = response.aiter_bytes(_CHUNK)
        while True:
            try:
                with anyio.fail_after(effect.stall_timeout):
                    chunk = await chunks.__anext__()
            except StopAsyncIteration:
                break
            except TimeoutError:
                raise TransportError(
                    f"the download of {effect.url} stalled (nothing for "
                    f"{effect.stall_timeout} s)", method="GET",
                ) from None
            except httpx.HTTPError as problem:
                raise TransportError(
                    f"{type(problem).__name__}: the download of {effect.url} broke off",
                    method="GET",
                ) from None
            try:
                await anyio.to_thread.run_sync(out.write, chunk)
            except OSError as error:
                raise _local_error(error, final) from None
            done += len(chunk)
            if effect.progress is not None:
                effect.progress(done, total)
        if total is not None and done < total:
            raise TransportError(
                f"the download of {effect.url} came short: {done} of {total} bytes",
                method="GET",
            )
        try:
            await anyio.to_thread.run_sync(out.flush)
        except OSError as error:
            raise _local_error(error, final) from None
    finally:
        await response.aclose()
