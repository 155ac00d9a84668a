"""Methods of :class:`~pyimgur.Imgur` for albums: get one, create one."""

from __future__ import annotations

from typing import Any, Optional, Union

from .. import endpoints as ep
from .._aliases import keyword_aliases
from ..exceptions import InvalidResponse
from ..models.album import PRIVACY_LEVELS, Album, ImagesArg, cover_ref, image_refs
from ..models.base import peek
from ..models.image import Image
from ..plan import Plan, action, call
from .base import ImgurBase, check_id

__all__ = ["AlbumMethods"]


class AlbumMethods(ImgurBase):
    """Getting and creating albums."""

    @action
    @keyword_aliases(album_id="id")
    def get_album(self, id: str, fetch: bool = False) -> Plan[Album]:
        """The :class:`~pyimgur.Album` with this id.

        Lazy: no request until a field that is not loaded is read (then 1
        request loads every field, ``images`` included).  With ``fetch=True``
        it is loaded now (1 request), so a missing album raises
        :class:`~pyimgur.NotFound` here.
        """
        album: Album = yield from self.obtain(Album, {"id": check_id(id, "album id")}, fetch)
        return album

    @action
    def create_album(
        self,
        title: Optional[str] = None,
        description: Optional[str] = None,
        images: Optional[ImagesArg] = None,
        cover: Optional[Union[Image, str]] = None,
        privacy: Optional[str] = None,
    ) -> Plan[Album]:
        """Create an album and return it.

        :param title: the album's title.
        :param description: the album's description.
        :param images: the images to put in it: Image objects, ids, or a mix.
            Without a logged-in user the album is anonymous and Imgur takes
            only the images' deletehashes, so pass the Image objects that
            :meth:`upload_image` returned.  Images you cannot add fail
            silently on Imgur's side.
        :param cover: the cover, an Image or an image id.
        :param privacy: ``public``, ``hidden`` or ``secret`` (None: Imgur's default).
        :returns: the new album (lazy).  An anonymous album keeps its
            ``deletehash``, and every later change to it goes through it.
        :raises ValueError: bad arguments, or an image without its deletehash
            for an anonymous album (before any request).

        The body is sent as JSON (``ids``, or ``deletehashes`` for anonymous
        albums, as arrays): Imgur refuses form-encoded album creation.
        Costs 1 request.
        """
        anonymous = not self.credentials.is_user
        body: dict[str, Any] = {}
        for key, value in (("title", title), ("description", description),
                           ("privacy", privacy)):
            if value is None:
                continue
            if not isinstance(value, str):
                raise TypeError(f"{key} must be a string, not {type(value).__name__}")
            body[key] = value
        if privacy is not None and privacy not in PRIVACY_LEVELS:
            raise ValueError(f"privacy must be one of {', '.join(PRIVACY_LEVELS)}, not {privacy!r}")
        if images is not None:
            keys, _objects = image_refs(images, self, by_deletehash=anonymous)  # type: ignore[arg-type]
            body["deletehashes" if anonymous else "ids"] = keys
        if cover is not None:
            body["cover"] = peek(cover_ref(cover, self), "id")  # type: ignore[arg-type]
        data = (yield call(ep.ALBUM_CREATE, json=body))
        if not isinstance(data, dict) or not data.get("id"):
            raise InvalidResponse("the answer holds no album id", method="POST", path="/3/album")
        known: dict[str, Any] = {
            key: body[key] for key in ("title", "description", "privacy") if key in body
        }
        known["id"] = data["id"]
        known["deletehash"] = data.get("deletehash")
        album: Album = self._make(Album, known, has_fetched=False)
        return album
