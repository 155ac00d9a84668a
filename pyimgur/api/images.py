"""Methods of :class:`~pyimgur.Imgur` for images: get one, upload one."""

from __future__ import annotations

import os
from typing import IO, Any, Optional, Union

from .. import endpoints as ep
from .._aliases import keyword_aliases
from ..exceptions import InvalidResponse
from ..models.album import Album
from ..models.base import peek
from ..models.image import Image
from ..plan import Plan, action, call
from ..upload import SourceChanged, build_upload
from .base import ImgurBase, check_id

__all__ = ["ImageMethods"]


class ImageMethods(ImgurBase):
    """Getting and uploading images."""

    @action
    @keyword_aliases(image_id="id")
    def get_image(self, id: str, fetch: bool = False) -> Plan[Image]:
        """The :class:`~pyimgur.Image` with this id.

        Lazy: no request until a field that is not loaded is read (then 1
        request loads every field).  With ``fetch=True`` it is loaded now
        (1 request), so a missing image raises :class:`~pyimgur.NotFound` here.
        """
        image: Image = yield from self.obtain(Image, {"id": check_id(id, "image id")}, fetch)
        return image

    @action
    def upload_image(
        self,
        path: Optional[Union[str, os.PathLike[str]]] = None,
        url: Optional[str] = None,
        title: Optional[str] = None,
        description: Optional[str] = None,
        album: Optional[Union[Album, str]] = None,
        *,
        file: Optional[IO[bytes]] = None,
        content: Optional[bytes] = None,
        name: Optional[str] = None,
        disable_audio: bool = False,
    ) -> Plan[Image]:
        """Upload an image or a video, and return it as an :class:`~pyimgur.Image`.

        Give exactly one source: ``path`` (a file on disk), ``url`` (Imgur
        fetches it), ``file`` (a binary file object, read from its current
        position) or ``content`` (the file's bytes).  The file is streamed
        from disk as ``multipart/form-data``: even a 200 MB video is never
        read whole into memory (only a file object that cannot seek, such as
        a pipe, is read first, since its length must be sent ahead).

        Videos (mp4, webm, mov, mkv, flv, avi, wmv, mpeg; recognised by file
        name or content) are sent as Imgur's ``video`` field and processed by
        Imgur after the upload: see :meth:`Image.wait_until_processed`.

        :param title: the image's title.
        :param description: the image's description.
        :param album: an :class:`~pyimgur.Album` or album id to add it to
            (you must own it), or an anonymous album's deletehash.  An
            anonymous Album object is addressed by its deletehash.
        :param name: the file name Imgur records.
        :param disable_audio: strip the sound track of a video.
        :returns: the new image, fully loaded, with its ``deletehash`` (keep
            it to delete or change an anonymous upload later).
        :raises ValueError: not exactly one source (before any request).
        :raises OSError: ``path`` cannot be read, or the file shrank or grew
            while it was being sent (the upload is stopped mid-body, so Imgur
            gets no complete request; it is not sent again).

        Costs 1 request, which Imgur counts as 10 credits.  Without a
        logged-in user the upload is anonymous.
        """
        key = album_key(self, album)
        body, opened = build_upload(
            path=path,
            url=url,
            file=file,
            content=content,
            title=title,
            description=description,
            album=key,
            name=name,
            disable_audio=disable_audio,
        )
        try:
            data = yield call(
                ep.IMAGE_UPLOAD, data=body, headers={"Content-Type": body.content_type}
            )
        except SourceChanged as changed:
            raise changed.error from None
        finally:
            if opened is not None:
                opened.close()
        if not isinstance(data, dict) or not data.get("id"):
            raise InvalidResponse(
                "the upload answer holds no image", method="POST", path="/3/image"
            )
        # Imgur has answered uploads with title/description null even when
        # they were sent; keep what was sent in that case.
        for key, value in (("title", title), ("description", description)):
            if value is not None and data.get(key) is None:
                data = dict(data, **{key: value})
        image: Image = self.make(Image, data, has_fetched=True)
        return image


def album_key(session: Any, album: Optional[Union[Album, str]]) -> Optional[str]:
    """What to send as ``album``: an id, or the deletehash of an anonymous album."""
    if album is None:
        return None
    if isinstance(album, Album):
        deletehash = peek(album, "deletehash")
        if deletehash and not session.credentials.is_user:
            return str(deletehash)
        return str(check_id(peek(album, "id") or "", "album id"))
    if isinstance(album, str):
        return str(check_id(album, "album id"))
    raise TypeError(f"album must be an Album or an album id, not {type(album).__name__}")
