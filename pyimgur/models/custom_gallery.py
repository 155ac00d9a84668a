"""The ``Custom_gallery`` model: a user's gallery made of the tags they chose.

Legacy (the 2014 variant of Imgur's custom galleries, ``/3/g/...``): Imgur
removed custom galleries from its documentation and may answer every call
here with 404, raised as :class:`~pyimgur.NotFound` with Imgur's message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Optional, Union

from .. import endpoints as ep
from ..checks import WINDOWS, check_choice
from ..endpoints import Endpoint
from ..plan import Pages, Plan, action, call, paged
from .base import Basic_object, field, forget, gallery_class, gallery_item, keep, lazy_ref, model
from .user import User, tag_name

SORTS = ("viral", "time", "top")


def tag_list(tags: Union[str, Any, Iterable[Any]]) -> str:
    """Tag names (text, :class:`~pyimgur.Tag` objects, or one of them) as Imgur's CSV."""
    if isinstance(tags, str) or not isinstance(tags, Iterable):
        tags = [tags]
    names = [tag_name(tag) for tag in tags]
    if not names:
        raise ValueError("give at least one tag")
    for name in names:
        if "," in name:
            raise ValueError(f"a tag name cannot contain a comma: {name!r}")
    return ",".join(names)


def _gallery_items(value: Any, owner: Basic_object) -> Any:
    if value is None:
        return []
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    imgur = owner._imgur
    return [
        owner._flavour_of(gallery_class(item))(item, imgur, has_fetched=False)
        for item in value
        if isinstance(item, dict)
    ]


@model
class Custom_gallery(Basic_object):
    """A custom gallery: the gallery posts carrying the tags its owner chose.

    Made by :meth:`Imgur.get_custom_gallery` (no request) or
    :meth:`Imgur.get_custom_galleries`.  Reading a field that is not loaded
    costs one request (``GET /3/g/{id}/viral/week/0``).  Legacy: Imgur may
    answer 404 (:class:`~pyimgur.NotFound`).
    """

    _endpoint: ClassVar[Optional[Endpoint]] = ep.CUSTOM_GALLERY
    _id_field: ClassVar[str] = "id"
    _repr_fields: ClassVar[tuple[str, ...]] = ("name",)

    id: Optional[Union[int, str]] = field(doc="The custom gallery's id.")
    name: Optional[str] = field(doc="The custom gallery's name.")
    author: Optional[User] = field(
        "account_url", convert=lazy_ref(User, "url"), doc="The user who owns it."
    )
    link: Optional[str] = field(doc="The URL of the custom gallery.")
    tags: Optional[list[str]] = field(doc="The names of the tags it is made of.")
    item_count: Optional[int] = field(doc="How many gallery posts it holds.")
    items: Optional[list[Any]] = field(
        convert=_gallery_items,
        doc="The gallery posts of the first page (Gallery_image / Gallery_album).",
    )
    datetime: Optional[int] = field(doc="Epoch time it was created.")

    def _path_params(self) -> dict[str, object]:
        return {"id": self._identity, "sort": "viral", "window": "week", "page": 0}

    @paged
    def get_items(
        self, sort: str = "viral", window: str = "week", limit: Optional[int] = None
    ) -> Pages[Any]:
        """The gallery posts of this custom gallery, a lazy listing of
        :class:`~pyimgur.Gallery_image` / :class:`~pyimgur.Gallery_album`.

        :param sort: ``viral`` (default), ``time`` or ``top``.
        :param window: ``day``, ``week`` (default), ``month``, ``year`` or ``all``.
        Costs 1 request per page read (none until used).
        """
        sort = check_choice("sort", sort, SORTS)
        window = check_choice("window", window, WINDOWS)
        return Pages(ep.CUSTOM_GALLERY, gallery_item,
                     {"id": self._identity, "sort": sort, "window": window},
                     limit=limit, items_key="items")

    @action
    def update(self, name: str) -> Plan[None]:
        """Rename the custom gallery.  Costs 1 request."""
        if not isinstance(name, str) or not name.strip():
            raise ValueError("name must be a non-empty string")
        identity = self._identity
        yield call(ep.CUSTOM_GALLERY_UPDATE, data={"id": str(identity), "name": name},
                   id=identity)
        keep(self, name=name)
        self._forget_cached()

    @action
    def add_tags(self, tags: Union[str, Any, Iterable[Any]]) -> Plan[None]:
        """Add tags (names or :class:`~pyimgur.Tag` objects).  Costs 1 request."""
        yield call(ep.CUSTOM_GALLERY_ADD_TAGS, data={"tags": tag_list(tags)},
                   id=self._identity)
        self._stale()

    @action
    def remove_tags(self, tags: Union[str, Any, Iterable[Any]]) -> Plan[None]:
        """Remove tags (names or :class:`~pyimgur.Tag` objects).  Costs 1 request."""
        yield call(ep.CUSTOM_GALLERY_REMOVE_TAGS, data={"tags": tag_list(tags)},
                   id=self._identity)
        self._stale()

    def _stale(self) -> None:
        """The tags changed: forget them and the items, so the next read reloads."""
        forget(self, "tags", "items")
        self._has_fetched = False
        self._forget_cached()

    @action
    def delete(self) -> Plan[None]:
        """Delete the custom gallery.  Costs 1 request."""
        yield call(ep.CUSTOM_GALLERY_DELETE, id=self._identity)
