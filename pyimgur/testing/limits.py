"""Credit budgets that count down like Imgur's (imgur-api.md section 2.1).

Per client id: a user budget (per IP and app, reset hourly), a client budget
(per app, reset daily) and a POST budget (per IP, reset hourly).  Each call
costs 1 credit, an upload 10, OAuth calls nothing.  A call that finds a budget
too small is refused with 429 and costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

HOUR = 3600
DAY = 86400


@dataclass
class Bucket:
    limit: int
    period: int
    remaining: int
    reset_at: float

    def roll(self, now: float) -> None:
        if now >= self.reset_at:
            self.remaining = self.limit
            self.reset_at = now + self.period


class Budgets:
    """The budgets of every client id (the caller holds the sandbox lock)."""

    def __init__(self, user_limit: int, client_limit: int, post_limit: int) -> None:
        self.user_limit = user_limit
        self.client_limit = client_limit
        self.post_limit = post_limit
        self._buckets: dict[tuple[str, str], Bucket] = {}

    def bucket(self, client_id: str, kind: str, now: float) -> Bucket:
        key = (client_id, kind)
        found = self._buckets.get(key)
        if found is None:
            limit, period = {
                "user": (self.user_limit, HOUR),
                "client": (self.client_limit, DAY),
                "post": (self.post_limit, HOUR),
            }[kind]
            found = self._buckets[key] = Bucket(limit, period, limit, now + period)
        found.roll(now)
        return found

    def charge(self, client_id: str, cost: int, is_post: bool, now: float) -> Optional[str]:
        """Spend ``cost`` credits; return the spent bucket's name instead when one is empty."""
        user = self.bucket(client_id, "user", now)
        client = self.bucket(client_id, "client", now)
        post = self.bucket(client_id, "post", now) if is_post else None
        if cost and client.remaining < cost:
            return "client"
        if cost and user.remaining < cost:
            return "user"
        if post is not None and post.remaining < 1:
            return "post"
        user.remaining -= cost
        client.remaining -= cost
        if post is not None:
            post.remaining -= 1
        return None

    def headers(self, client_id: str, is_post: bool, now: float) -> dict[str, str]:
        user = self.bucket(client_id, "user", now)
        client = self.bucket(client_id, "client", now)
        headers = {
            "X-RateLimit-UserLimit": str(user.limit),
            "X-RateLimit-UserRemaining": str(user.remaining),
            "X-RateLimit-UserReset": str(int(user.reset_at)),
            "X-RateLimit-ClientLimit": str(client.limit),
            "X-RateLimit-ClientRemaining": str(client.remaining),
            "X-RateLimit-ClientReset": str(max(0, int(client.reset_at - now))),
        }
        if is_post:
            post = self.bucket(client_id, "post", now)
            headers.update(
                {
                    "X-Post-Rate-Limit-Limit": str(post.limit),
                    "X-Post-Rate-Limit-Remaining": str(post.remaining),
                    "X-Post-Rate-Limit-Reset": str(max(0, int(post.reset_at - now))),
                }
            )
        return headers

    def credits(self, client_id: str, now: float) -> dict[str, int]:
        """The body of ``GET /3/credits``."""
        user = self.bucket(client_id, "user", now)
        client = self.bucket(client_id, "client", now)
        return {
            "UserLimit": user.limit,
            "UserRemaining": user.remaining,
            "UserReset": int(user.reset_at),
            "ClientLimit": client.limit,
            "ClientRemaining": client.remaining,
        }
