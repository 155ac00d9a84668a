"""The sandbox's in-memory data: plain records and the :class:`World` that holds them.

Records keep what Imgur keeps (who owns what, votes per user, favorites per
user); the JSON each route sends is computed from them per viewer by
:mod:`pyimgur.testing.render`.  Every access goes through the one lock of the
:class:`~pyimgur.testing.FakeImgur` that owns the world.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from typing import Optional, Union

_ALNUM = string.ascii_letters + string.digits


@dataclass
class Account:
    id: int
    url: str
    created: int
    bio: Optional[str] = None
    email: str = ""
    reputation: int = 0
    avatar_name: str = "default/A"
    cover_name: str = "default/1"
    pro_expiration: Union[bool, int] = False
    public_images: bool = False
    album_privacy: str = "secret"
    messaging_enabled: bool = True
    accepted_gallery_terms: bool = True
    show_mature: bool = False
    newsletter_subscribed: bool = False
    verified_email: bool = True
    followed_tags: set[str] = field(default_factory=set)
    filtered_tags: set[str] = field(default_factory=set)
    blocked: list[str] = field(default_factory=list)
    #: item id -> time favorited (images and albums, gallery or not)
    favorites: dict[str, int] = field(default_factory=dict)


@dataclass
class Image:
    id: str
    deletehash: str
    data: bytes
    mime: str
    width: int
    height: int
    datetime: int
    owner: Optional[str] = None
    title: Optional[str] = None
    description: Optional[str] = None
    name: str = ""
    animated: bool = False
    has_sound: bool = False
    is_video: bool = False
    nsfw: Optional[bool] = None
    section: Optional[str] = None
    views: int = 0
    edited: bool = False
    #: GETs left before a video's processing is "completed" (0: done)
    processing_left: int = 0


@dataclass
class Album:
    id: str
    deletehash: str
    datetime: int
    owner: Optional[str] = None
    title: Optional[str] = None
    description: Optional[str] = None
    cover: Optional[str] = None
    privacy: str = "hidden"
    layout: str = "blog"
    images: list[str] = field(default_factory=list)
    views: int = 0
    nsfw: Optional[bool] = None
    section: Optional[str] = None


@dataclass
class Post:
    """An image or album in the public gallery."""

    id: str
    is_album: bool
    datetime: int
    title: str
    topic: Optional[str] = None
    topic_id: int = 0
    tags: list[str] = field(default_factory=list)
    mature: bool = False
    #: "hot" (viral) or "user"; a subreddit name for subreddit items
    section: str = "user"
    subreddit: Optional[str] = None
    in_most_viral: bool = False
    meme: bool = False
    base_ups: int = 0
    base_downs: int = 0
    votes: dict[str, str] = field(default_factory=dict)
    views: int = 0
    reports: int = 0


@dataclass
class Comment:
    id: int
    image_id: str
    author: str
    comment: str
    datetime: int
    parent_id: int = 0
    base_ups: int = 0
    base_downs: int = 0
    votes: dict[str, str] = field(default_factory=dict)
    deleted: bool = False
    platform: str = "desktop"
    children: list[int] = field(default_factory=list)
    reports: int = 0


@dataclass
class Tag:
    name: str
    display_name: str
    description: str = ""
    base_followers: int = 0
    background_hash: str = ""
    thumbnail_hash: Optional[str] = None
    accent: str = "2c5a88"
    is_promoted: bool = False
    is_whitelisted: bool = False
    tag_id: str = "0"


@dataclass
class Topic:
    id: int
    name: str
    description: str
    css: Optional[str] = None
    ephemeral: bool = False


@dataclass
class Message:
    id: int
    conversation_id: int
    sender: str
    body: str
    datetime: int


@dataclass
class Conversation:
    id: int
    members: tuple[str, str]
    messages: list[Message] = field(default_factory=list)
    deleted_for: set[str] = field(default_factory=set)


@dataclass
class Notification:
    id: int
    account: str
    #: "reply" (content: a comment id) or "message" (content: a message id)
    kind: str
    ref: int
    datetime: int
    viewed: bool = False


@dataclass
class CustomGallery:
    id: str
    owner: str
    name: str
    tags: list[str]
    datetime: int


@dataclass
class Client:
    client_id: str
    client_secret: str
    name: str = "sandbox app"
    redirect_uri: str = "https://example.com/callback"


@dataclass
class Token:
    access_token: str
    refresh_token: str
    client_id: str
    username: str
    expires_at: float


@dataclass
class World:
    """Every record, by id, plus the seeded generator of new ids."""

    rng: random.Random
    accounts: dict[str, Account] = field(default_factory=dict)
    images: dict[str, Image] = field(default_factory=dict)
    albums: dict[str, Album] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    comments: dict[int, Comment] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    topics: dict[int, Topic] = field(default_factory=dict)
    conversations: dict[int, Conversation] = field(default_factory=dict)
    notifications: dict[int, Notification] = field(default_factory=dict)
    custom_galleries: dict[str, CustomGallery] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)
    tokens: dict[str, Token] = field(default_factory=dict)
    refresh_tokens: dict[str, Token] = field(default_factory=dict)
    #: one-use pins and codes -> (client id, username)
    pins: dict[str, tuple[str, str]] = field(default_factory=dict)
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)
    meme_templates: list[str] = field(default_factory=list)
    featured_tag: Optional[str] = None
    next_number: int = 1

    # -- ids -----------------------------------------------------------------------------
    def token(self, length: int, alphabet: str = _ALNUM) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(length))

    def new_media_id(self) -> str:
        """A fresh 7-character id, unique across images, albums and deletehashes."""
        while True:
            candidate = self.token(7)
            if candidate not in self.images and candidate not in self.albums:
                return candidate

    def new_deletehash(self) -> str:
        return self.token(15)

    def new_number(self) -> int:
        self.next_number += 1
        return self.next_number

    # -- look-ups ------------------------------------------------------------------------
    def account_by_id(self, account_id: int) -> Optional[Account]:
        for account in self.accounts.values():
            if account.id == account_id:
                return account
        return None

    def account(self, name: str) -> Optional[Account]:
        """Usernames are case-insensitive on Imgur."""
        found = self.accounts.get(name)
        if found is not None:
            return found
        lower = name.lower()
        for key, account in self.accounts.items():
            if key.lower() == lower:
                return account
        return None

    def image_by_hash(self, deletehash: str) -> Optional[Image]:
        for image in self.images.values():
            if image.deletehash == deletehash:
                return image
        return None

    def album_by_hash(self, deletehash: str) -> Optional[Album]:
        for album in self.albums.values():
            if album.deletehash == deletehash:
                return album
        return None
