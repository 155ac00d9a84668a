"""``Submittable``: things an owner can share to the public gallery."""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from ...endpoints import Endpoint
from ...plan import Plan, action, call
from ..base import Basic_object

__all__ = ["Submittable"]


class Submittable(Basic_object):
    """Adds :meth:`submit_to_gallery`.

    The class names the endpoint in ``_submit_endpoint`` (its path holds
    ``{id}``) and the gallery class it becomes in :meth:`_gallery_class`.
    """

    _submit_endpoint: ClassVar[Optional[Endpoint]] = None

    @classmethod
    def _gallery_class(cls) -> type[Basic_object]:
        """The gallery class this becomes once submitted (no request)."""
        raise TypeError(f"{cls.__name__} objects cannot be submitted to the gallery")

    @action
    def submit_to_gallery(self, title: str, bypass_terms: bool = False) -> Plan[Any]:
        """Share this to the public gallery under ``title``.

        Needs a logged-in user who has verified their email.  If the user has
        not accepted Imgur's gallery terms, Imgur refuses unless
        ``bypass_terms`` is ``True``.  Costs 1 request.

        :returns: the new gallery object (a lazy ``Gallery_image`` or
            ``Gallery_album``).
        """
        if not isinstance(title, str) or not title.strip():
            raise ValueError("a gallery submission needs a non-empty title")
        endpoint = type(self)._submit_endpoint
        if endpoint is None:
            raise TypeError(f"{type(self).__name__} objects cannot be submitted to the gallery")
        # Imgur documents terms=1 to bypass its gallery terms.
        body = {"title": title, "terms": "1" if bypass_terms else "0"}
        yield call(endpoint, data=body, id=self._identity)
        return self._client.make(self._gallery_class(), {"id": self._identity, "title": title})
