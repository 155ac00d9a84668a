"""The one table of Imgur API v3 endpoints pyimgur calls.

Each :class:`Endpoint` names its HTTP method, its path template (relative to
the base URL), whether it needs a logged-in user, whether sending it twice is
harmless (which decides whether the transport may retry it), and what it costs
in credits.  Sources: ``imgur-api.md`` section 4.  Endpoints marked *legacy*
were removed from Imgur's current documentation; Imgur may answer them with
404, which pyimgur raises as :class:`~pyimgur.exceptions.NotFound`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional
from urllib.parse import quote

_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


@dataclass(frozen=True)
class Endpoint:
    """One API route.

    ``idempotent`` is ``None`` to follow the HTTP method (GET, HEAD, PUT and
    DELETE are; POST is not).  A POST that only sets state (an update) is
    marked ``True``; a POST that creates something or toggles state (upload,
    comment, vote, favorite) stays ``False`` and is never sent twice.

    ``shape`` is what a successful answer looks like: ``"v3"`` (the envelope
    ``{"data", "success", "status"}``; its ``data`` is the payload) or
    ``"bare"`` (a JSON object that is the payload itself: OAuth's token
    answer, the JSON:API ``account/v1`` routes).  The transport refuses a 2xx
    answer that does not fit (:class:`~pyimgur.exceptions.InvalidResponse`).
    """

    method: str
    path: str
    user: bool = False
    idempotent: Optional[bool] = None
    cost: int = 1
    shape: str = "v3"

    @property
    def retryable(self) -> bool:
        """May the transport send this again after a failure that may have reached Imgur?"""
        if self.idempotent is not None:
            return self.idempotent
        return self.method in _IDEMPOTENT_METHODS

    def format(self, **params: object) -> str:
        """The path with each ``{name}`` replaced by its URL-quoted value.

        :raises ValueError: a value is empty (an empty id would address a
            different endpoint).
        """
        quoted = {}
        for name, value in params.items():
            text = str(value)
            if text == "" or value is None:
                raise ValueError(f"{name} must not be empty")
            quoted[name] = quote(text, safe="")
        return self.path.format(**quoted)


def _get(path: str, user: bool = False) -> Endpoint:
    return Endpoint("GET", path, user=user)


def _post(path: str, user: bool = True, idempotent: bool = False, cost: int = 1) -> Endpoint:
    return Endpoint("POST", path, user=user, idempotent=idempotent, cost=cost)


# -- account (section 4.1) ---------------------------------------------------
ACCOUNT = _get("3/account/{username}", user=False)
ACCOUNT_GALLERY_FAVORITES = _get("3/account/{username}/gallery_favorites/{page}/{sort}", user=False)
ACCOUNT_FAVORITES = _get("3/account/{username}/favorites/{page}/{sort}", user=True)
ACCOUNT_SUBMISSIONS = _get("3/account/{username}/submissions/{page}", user=False)
ACCOUNT_SETTINGS = _get("3/account/{username}/settings", user=True)
ACCOUNT_SETTINGS_UPDATE = Endpoint("PUT", "3/account/{username}/settings", user=True)
ACCOUNT_GALLERY_PROFILE = _get("3/account/{username}/gallery_profile", user=False)
ACCOUNT_VERIFY_EMAIL = _get("3/account/{username}/verifyemail", user=True)
ACCOUNT_SEND_VERIFY_EMAIL = _post("3/account/{username}/verifyemail", user=True)
ACCOUNT_ALBUMS = _get("3/account/{username}/albums/{page}", user=False)
ACCOUNT_ALBUM = _get("3/account/{username}/album/{id}", user=False)
ACCOUNT_ALBUM_IDS = _get("3/account/{username}/albums/ids/{page}", user=False)
ACCOUNT_ALBUM_COUNT = _get("3/account/{username}/albums/count", user=False)
ACCOUNT_ALBUM_DELETE = Endpoint("DELETE", "3/account/{username}/album/{id}", user=True)
ACCOUNT_COMMENTS = _get("3/account/{username}/comments/{sort}/{page}", user=False)
ACCOUNT_COMMENT = _get("3/account/{username}/comment/{id}", user=False)
ACCOUNT_COMMENT_IDS = _get("3/account/{username}/comments/ids/{sort}/{page}", user=False)
ACCOUNT_COMMENT_COUNT = _get("3/account/{username}/comments/count", user=False)
ACCOUNT_COMMENT_DELETE = Endpoint("DELETE", "3/account/{username}/comment/{id}", user=True)
ACCOUNT_IMAGES = _get("3/account/{username}/images/{page}", user=False)
ACCOUNT_IMAGE = _get("3/account/{username}/image/{id}", user=False)
ACCOUNT_IMAGE_IDS = _get("3/account/{username}/images/ids/{page}", user=False)
ACCOUNT_IMAGE_COUNT = _get("3/account/{username}/images/count", user=False)
ACCOUNT_IMAGE_DELETE = Endpoint("DELETE", "3/account/{username}/image/{deletehash}", user=True)
ACCOUNT_REPLIES = _get("3/account/{username}/notifications/replies", user=True)
ACCOUNT_AVAILABLE_AVATARS = _get("3/account/{username}/available_avatars", user=False)
ACCOUNT_AVATAR = _get("3/account/{username}/avatar", user=True)
FOLLOW_TAG = _post("3/account/me/follow/tag/{tag}", idempotent=True, user=True)
UNFOLLOW_TAG = Endpoint("DELETE", "3/account/me/follow/tag/{tag}", user=True)
#: JSON:API routes: ``{"data": {...}}`` with no envelope
BLOCK_STATUS = Endpoint("GET", "account/v1/{username}/block", user=True, shape="bare")
BLOCK_USER = Endpoint("POST", "account/v1/{username}/block", user=True, idempotent=True,
                      shape="bare")
UNBLOCK_USER = Endpoint("DELETE", "account/v1/{username}/block", user=True, shape="bare")
BLOCKED_USERS = _get("3/account/me/block", user=True)
#: legacy (2013-14 docs): notifications and messages of an account, statistics, deletion
ACCOUNT_NOTIFICATIONS = _get("3/account/{username}/notifications", user=True)
ACCOUNT_MESSAGE_NOTIFICATIONS = _get("3/account/{username}/notifications/messages", user=True)
ACCOUNT_SEND_MESSAGE = _post("3/account/{username}/message", user=True)
ACCOUNT_STATS = _get("3/account/{username}/stats", user=False)
ACCOUNT_DELETE = Endpoint("DELETE", "3/account/{username}", user=True)

# -- album (4.2) ---------------------------------------------------------------
ALBUM = _get("3/album/{id}", user=False)
ALBUM_IMAGES = _get("3/album/{id}/images", user=False)
ALBUM_IMAGE = _get("3/album/{id}/image/{image_id}", user=False)
ALBUM_CREATE = _post("3/album", user=False)
ALBUM_UPDATE = Endpoint("PUT", "3/album/{id}", user=False)
ALBUM_DELETE = Endpoint("DELETE", "3/album/{id}", user=False)
ALBUM_FAVORITE = _post("3/album/{id}/favorite", user=True)
ALBUM_SET_IMAGES = _post("3/album/{id}", user=False, idempotent=True)
ALBUM_ADD_IMAGES = _post("3/album/{id}/add", user=False)
ALBUM_REMOVE_IMAGES = _post("3/album/{id}/remove_images", user=False, idempotent=True)

# -- image (4.3) ---------------------------------------------------------------
IMAGE = _get("3/image/{id}", user=False)
IMAGE_UPLOAD = _post("3/image", user=False, cost=10)
IMAGE_DELETE = Endpoint("DELETE", "3/image/{id}", user=False)
IMAGE_UPDATE = _post("3/image/{id}", user=False, idempotent=True)
IMAGE_FAVORITE = _post("3/image/{id}/favorite", user=True)

# -- comment (4.4) -------------------------------------------------------------
COMMENT = _get("3/comment/{id}", user=False)
COMMENT_CREATE = _post("3/comment", user=True)
COMMENT_DELETE = Endpoint("DELETE", "3/comment/{id}", user=True)
COMMENT_REPLIES = _get("3/comment/{id}/replies", user=False)
COMMENT_REPLY = _post("3/comment/{id}", user=True)
COMMENT_VOTE = _post("3/comment/{id}/vote/{vote}", user=True)
COMMENT_REPORT = _post("3/comment/{id}/report", user=True)

# -- gallery (4.5) -------------------------------------------------------------
GALLERY = _get("3/gallery/{section}/{sort}/{window}/{page}", user=False)
SUBREDDIT_GALLERY = _get("3/gallery/r/{subreddit}/{sort}/{window}/{page}", user=False)
SUBREDDIT_IMAGE = _get("3/gallery/r/{subreddit}/{id}", user=False)
TAG_GALLERY = _get("3/gallery/t/{tag}/{sort}/{window}/{page}", user=False)
TAG_GALLERY_ITEM = _get("3/gallery/t/{tag}/{id}", user=False)
TAGS = _get("3/tags", user=False)
TAG_INFO = _get("3/gallery/tag_info/{tag}", user=False)
GALLERY_ITEM_TAGS = _get("3/gallery/{id}/tags", user=False)
GALLERY_ITEM_TAGS_UPDATE = _post("3/gallery/tags/{id}", idempotent=True, user=True)
GALLERY_SEARCH = _get("3/gallery/search/{sort}/{window}/{page}", user=False)
GALLERY_RANDOM = _get("3/gallery/random/random/{page}", user=False)
GALLERY_SHARE_IMAGE = _post("3/gallery/image/{id}", user=True)
GALLERY_SHARE_ALBUM = _post("3/gallery/album/{id}", user=True)
GALLERY_REMOVE = Endpoint("DELETE", "3/gallery/{id}", user=True)
GALLERY_IMAGE = _get("3/gallery/image/{id}", user=False)
GALLERY_ALBUM = _get("3/gallery/album/{id}", user=False)
GALLERY_ITEM = _get("3/gallery/{id}", user=False)
GALLERY_REPORT = _post("3/gallery/image/{id}/report", user=True)
GALLERY_VOTES = _get("3/gallery/{id}/votes", user=False)
GALLERY_VOTE = _post("3/gallery/{id}/vote/{vote}", user=True)
GALLERY_COMMENTS = _get("3/gallery/{id}/comments/{sort}", user=False)
GALLERY_COMMENT = _get("3/gallery/{id}/comment/{comment_id}", user=False)
GALLERY_COMMENT_CREATE = _post("3/gallery/{id}/comment", user=True)
GALLERY_COMMENT_REPLY = _post("3/gallery/{id}/comment/{parent_id}", user=True)
GALLERY_COMMENT_IDS = _get("3/gallery/{id}/comments/ids", user=False)
GALLERY_COMMENT_COUNT = _get("3/gallery/{id}/comments/count", user=False)
#: legacy: the memes subgallery ("no longer supported" since 2015), topics, memegen
MEMES_GALLERY = _get("3/g/memes/{sort}/{window}/{page}", user=False)
MEMES_IMAGE = _get("3/g/memes/{id}", user=False)
TOPICS = _get("3/topics/defaults", user=False)
TOPIC_GALLERY = _get("3/topics/{topic}/{sort}/{window}/{page}", user=False)
TOPIC_ITEM = _get("3/topics/{topic}/{id}", user=False)
MEMEGEN_DEFAULTS = _get("3/memegen/defaults", user=False)

# -- conversations (4.6, legacy) -------------------------------------------------
CONVERSATIONS = _get("3/conversations", user=True)
CONVERSATION = _get("3/conversations/{id}/{page}/{offset}", user=True)
CONVERSATION_CREATE = _post("3/conversations/{username}", user=True)
CONVERSATION_DELETE = Endpoint("DELETE", "3/conversations/{id}", user=True)
CONVERSATION_REPORT = _post("3/conversations/report/{username}", user=True)
CONVERSATION_BLOCK = _post("3/conversations/block/{username}", idempotent=True, user=True)

# -- the 2013 message API (legacy; replaced by conversations) -------------------
MESSAGE = _get("3/message/{id}", user=True)
MESSAGE_THREAD = _get("3/message/{id}/thread", user=True)
MESSAGE_DELETE = Endpoint("DELETE", "3/message/{id}", user=True)

# -- notifications (4.7) -----------------------------------------------------------
NOTIFICATIONS = _get("3/notification", user=True)
NOTIFICATION = _get("3/notification/{id}", user=True)
NOTIFICATION_MARK_VIEWED = _post("3/notification/{id}", idempotent=True, user=True)
NOTIFICATIONS_MARK_VIEWED = _post("3/notification", idempotent=True, user=True)

# -- custom gallery (4.8, legacy 2014 variant) ---------------------------------------
CUSTOM_GALLERIES = _get("3/g", user=True)
CUSTOM_GALLERY_CREATE = _post("3/g", user=True)
CUSTOM_GALLERY = _get("3/g/{id}/{sort}/{window}/{page}", user=True)
CUSTOM_GALLERY_UPDATE = _post("3/g/{id}", idempotent=True, user=True)
CUSTOM_GALLERY_ADD_TAGS = Endpoint("PUT", "3/g/{id}/add_tags", user=True)
CUSTOM_GALLERY_REMOVE_TAGS = Endpoint("DELETE", "3/g/{id}/remove_tags", user=True)
CUSTOM_GALLERY_DELETE = Endpoint("DELETE", "3/g/{id}", user=True)
FILTERED_OUT_TAGS = _get("3/g/filtered_out", user=True)
BLOCK_TAG = _post("3/g/block_tag", idempotent=True, user=True)
UNBLOCK_TAG = _post("3/g/unblock_tag", idempotent=True, user=True)

# -- misc (2.1, 3) -------------------------------------------------------------------
CREDITS = _get("3/credits", user=False)
OAUTH_TOKEN = Endpoint("POST", "oauth2/token", cost=0, shape="bare", user=False)
OAUTH_AUTHORIZE_PATH = "oauth2/authorize"
