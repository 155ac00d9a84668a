"""``Reportable``: things a logged-in user can report to Imgur's moderators."""

from __future__ import annotations

from typing import ClassVar, Optional, Union

from ...endpoints import Endpoint
from ...plan import Plan, action, call
from ..base import Basic_object

__all__ = ["REPORT_REASONS", "Reportable", "report_reason"]

#: Imgur's report reasons by name (section 4.4 of the API reference)
REPORT_REASONS: dict[str, int] = {
    "does_not_belong": 1,
    "spam": 2,
    "abusive": 3,
    "mature": 4,
    "pornography": 5,
}
_ALIASES = {
    "doesnt_belong": 1,
    "off_topic": 1,
    "abuse": 3,
    "mature_not_marked": 4,
    "unmarked_mature": 4,
    "porn": 5,
}


def report_reason(reason: Union[int, str]) -> int:
    """The number Imgur expects for ``reason``: 1 to 5, or a name from
    :data:`REPORT_REASONS` (``"spam"``, ``"abusive"``, ...).

    :raises ValueError: an unknown name or a number outside 1-5.
    :raises TypeError: neither an int nor a str.
    """
    if isinstance(reason, bool) or not isinstance(reason, (int, str)):
        raise TypeError(f"reason must be an int (1-5) or a name, not {type(reason).__name__}")
    if isinstance(reason, int):
        if 1 <= reason <= 5:
            return reason
        raise ValueError(f"reason must be between 1 and 5, not {reason}")
    key = reason.strip().lower().replace("'", "").replace("-", "_").replace(" ", "_")
    number = REPORT_REASONS.get(key) or _ALIASES.get(key)
    if number is None:
        names = ", ".join(REPORT_REASONS)
        raise ValueError(f"unknown report reason {reason!r}: use 1-5 or one of {names}")
    return number


class Reportable(Basic_object):
    """Adds :meth:`report`; the class names the endpoint in ``_report_endpoint``
    (its path holds ``{id}``)."""

    _report_endpoint: ClassVar[Optional[Endpoint]] = None

    @action
    def report(self, reason: Union[int, str]) -> Plan[None]:
        """Report this to Imgur's moderators (needs a logged-in user).  Costs 1 request.

        :param reason: 1 doesn't belong here, 2 spam, 3 abusive, 4 mature but
            not marked so, 5 pornography; or the name: ``"does_not_belong"``,
            ``"spam"``, ``"abusive"``, ``"mature"``, ``"pornography"``.
        :raises ValueError: an unknown reason (before any request).
        """
        number = report_reason(reason)
        endpoint = type(self)._report_endpoint
        if endpoint is None:
            raise TypeError(f"{type(self).__name__} objects cannot be reported")
        yield call(endpoint, data={"reason": number}, id=self._identity)
