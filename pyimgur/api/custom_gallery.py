"""Custom gallery methods of :class:`~pyimgur.Imgur` (the 2014 variant, ``/3/g``).

Legacy: Imgur removed custom galleries and tag filtering from its
documentation; every call here may be answered with 404, raised as
:class:`~pyimgur.NotFound` carrying Imgur's message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional, Union

from .. import endpoints as ep
from ..models.custom_gallery import Custom_gallery, tag_list
from ..models.user import tag_name
from ..plan import Pages, Plan, action, call, paged
from .base import ImgurBase


class CustomGalleryMethods(ImgurBase):
    """Custom galleries and filtered (blocked) tags of the logged-in user."""

    @paged
    def get_custom_galleries(self) -> Pages[Custom_gallery]:
        """The logged-in user's custom galleries.  Costs 1 request when first
        used.  Legacy: Imgur may answer 404 (:class:`~pyimgur.NotFound`)."""
        def make(item: dict[str, Any]) -> Custom_gallery:
            gallery: Custom_gallery = self._make(Custom_gallery, item)
            return gallery

        return self._pages(ep.CUSTOM_GALLERIES, make)

    @action
    def get_custom_gallery(
        self, id: Union[int, str], *, fetch: bool = False
    ) -> Plan[Custom_gallery]:
        """A :class:`Custom_gallery` for this id.  No request (1 with
        ``fetch=True``).  Legacy: Imgur may answer 404."""
        if isinstance(id, bool) or not isinstance(id, (str, int)):
            raise TypeError(f"id must be a string or an int, not {type(id).__name__}")
        if isinstance(id, str) and not id.strip():
            raise ValueError("id must not be empty")
        gallery: Custom_gallery = yield from self.obtain(Custom_gallery, {"id": id}, fetch)
        return gallery

    @action
    def create_custom_gallery(
        self, name: str, tags: Optional[Union[str, Any, Iterable[Any]]] = None
    ) -> Plan[Custom_gallery]:
        """Create a custom gallery called ``name`` made of ``tags`` (names or
        :class:`~pyimgur.Tag` objects).  Costs 1 request.  Legacy: Imgur may answer 404.

        Returns the new gallery, loaded from Imgur's answer when it is an
        object, else lazy with the id Imgur returned.
        """
        if not isinstance(name, str) or not name.strip():
            raise ValueError("name must be a non-empty string")
        form = {"name": name}
        if tags is not None:
            form["tags"] = tag_list(tags)
        data = (yield call(ep.CUSTOM_GALLERY_CREATE, data=form))
        json = dict(data) if isinstance(data, dict) else {"id": data}
        json.setdefault("name", name)
        gallery: Custom_gallery = self._make(Custom_gallery, json)
        return gallery

    @action
    def get_filtered_out_tags(self) -> Plan[Custom_gallery]:
        """The tags the logged-in user filtered out of the gallery, as a
        :class:`Custom_gallery` (its ``tags`` and ``items``).  Costs 1 request.
        Legacy: Imgur may answer 404."""
        data = (yield call(ep.FILTERED_OUT_TAGS))
        gallery: Custom_gallery = self._make(
            Custom_gallery, data if isinstance(data, dict) else {}, has_fetched=True
        )
        return gallery

    @action
    def block_tag(self, tag: Any) -> Plan[None]:
        """Filter a tag (a name or a :class:`~pyimgur.Tag`) out of the logged-in
        user's gallery.  Costs 1 request.  Legacy: Imgur may answer 404."""
        (yield call(ep.BLOCK_TAG, data={"tag": tag_name(tag)}))

    @action
    def unblock_tag(self, tag: Any) -> Plan[None]:
        """Stop filtering a tag out of the logged-in user's gallery.  Costs 1
        request.  Legacy: Imgur may answer 404."""
        (yield call(ep.UNBLOCK_TAG, data={"tag": tag_name(tag)}))
