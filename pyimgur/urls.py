"""Offline recognition of Imgur web addresses.

The single entry point, :func:`parse_url`, looks at a string and tells what
kind of Imgur resource it names (an image, an album, a gallery post, a user
page and so on) together with the identifier needed to ask the API about it.
Nothing here touches the network: the work is plain string inspection using
only the standard library.

The parser is deliberately strict about *where* an address points (only
Imgur's own hosts, over http or https, without credentials or odd ports) and
tolerant about decoration that does not change the target (trailing
slashes, sub-pages after an id, query strings, title slugs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

__all__ = [
    "DIRECT_HOSTS",
    "IMAGE_EXTENSIONS",
    "IMGUR_HOSTS",
    "KINDS",
    "KIND_ALBUM",
    "KIND_COMMENT",
    "KIND_GALLERY",
    "KIND_GALLERY_TAG",
    "KIND_IMAGE",
    "KIND_SUBREDDIT_GALLERY",
    "KIND_SUBREDDIT_IMAGE",
    "KIND_TOPIC",
    "KIND_USER",
    "KIND_USER_FAVORITES",
    "LISTING_WORDS",
    "RESERVED_PATHS",
    "SIZE_SUFFIXES",
    "ParsedURL",
    "is_imgur_url",
    "parse_url",
]

KIND_IMAGE = "image"
KIND_ALBUM = "album"
KIND_GALLERY = "gallery"
KIND_GALLERY_TAG = "gallery_tag"
KIND_SUBREDDIT_GALLERY = "subreddit_gallery"
KIND_SUBREDDIT_IMAGE = "subreddit_image"
KIND_USER = "user"
KIND_USER_FAVORITES = "user_favorites"
KIND_COMMENT = "comment"
KIND_TOPIC = "topic"

#: Every value that :attr:`ParsedURL.kind` can take.
KINDS: frozenset[str] = frozenset(
    {
        KIND_IMAGE,
        KIND_ALBUM,
        KIND_GALLERY,
        KIND_GALLERY_TAG,
        KIND_SUBREDDIT_GALLERY,
        KIND_SUBREDDIT_IMAGE,
        KIND_USER,
        KIND_USER_FAVORITES,
        KIND_COMMENT,
        KIND_TOPIC,
    }
)

#: Hosts that serve raw media files rather than web pages.
DIRECT_HOSTS: frozenset[str] = frozenset({"i.imgur.com", "i.imgur.io"})

#: Every host name (lower-case, no trailing dot) accepted by the parser.
IMGUR_HOSTS: frozenset[str] = frozenset(
    {
        "imgur.com",
        "www.imgur.com",
        "m.imgur.com",
        "imgur.io",
        "www.imgur.io",
        "m.imgur.io",
    }
    | DIRECT_HOSTS
)

#: File extensions (lower-case, no dot) accepted on media file names.
IMAGE_EXTENSIONS: frozenset[str] = frozenset(
    {
        "apng",
        "avif",
        "bmp",
        "gif",
        "gifv",
        "jpeg",
        "jpg",
        "mov",
        "mp4",
        "png",
        "tif",
        "tiff",
        "webm",
        "webp",
    }
)

#: One-letter thumbnail markers Imgur appends to an id in media file names.
#: (``_d`` is handled separately because it is two characters long.)
SIZE_SUFFIXES: frozenset[str] = frozenset({"s", "b", "t", "m", "l", "h", "g", "r"})

#: First path segments (compared case-insensitively) that belong to the site
#: itself, including the route prefixes when they stand alone.  Several are
#: five or seven letters long and would otherwise be mistaken for image ids;
#: a reserved word always wins.
RESERVED_PATHS: frozenset[str] = frozenset(
    {
        "a",
        "g",
        "gallery",
        "r",
        "t",
        "topic",
        "user",
        "about",
        "account",
        "ads",
        "advertise",
        "api",
        "apps",
        "arcade",
        "blog",
        "careers",
        "ccpa",
        "community",
        "contact",
        "discover",
        "dmca",
        "download",
        "embed",
        "emoji",
        "explore",
        "faq",
        "help",
        "hot",
        "inbox",
        "jobs",
        "legal",
        "login",
        "logout",
        "memegen",
        "messages",
        "new",
        "notifications",
        "oembed",
        "press",
        "privacy",
        "random",
        "register",
        "removalrequest",
        "rules",
        "search",
        "settings",
        "signin",
        "signout",
        "signup",
        "sitemap",
        "stats",
        "store",
        "support",
        "terms",
        "top",
        "tos",
        "upgrade",
        "upload",
        "vidgif",
    }
)

#: Sort orders, time windows and layout words that may follow a tag, topic or
#: subreddit name in a listing address.  They are never taken as item ids.
LISTING_WORDS: frozenset[str] = frozenset(
    {
        "all",
        "best",
        "day",
        "grid",
        "hot",
        "layout",
        "month",
        "new",
        "newest",
        "oldest",
        "page",
        "popular",
        "random",
        "rising",
        "score",
        "time",
        "top",
        "viral",
        "week",
        "worst",
        "year",
    }
)

# Explicit ASCII classes on purpose: ``\w``/``\d`` would admit other scripts.
_ID_RE = re.compile(r"[A-Za-z0-9]{5}|[A-Za-z0-9]{7}")
_COMMENT_ID_RE = re.compile(r"[0-9]{1,20}")
_USERNAME_RE = re.compile(r"[A-Za-z0-9_-]{1,63}")
_TAG_RE = re.compile(r"[A-Za-z0-9_]{1,64}")
_SUBREDDIT_RE = re.compile(r"[A-Za-z0-9_]{2,21}")
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# What may follow "host:" when an address has no scheme but does have a port.
_PORT_TAIL_RE = re.compile(r"[0-9]*(?:[/?#]|\Z)")
_PORT_RE = re.compile(r"[0-9]{1,5}")
_ALLOWED_PORTS = (80, 443)
_DOT_SEGMENTS = frozenset({".", "..", "%2e", "%2e%2e", ".%2e", "%2e."})


@dataclass(frozen=True)
class ParsedURL:
    """What an Imgur address refers to.

    ``kind`` is one of the ``KIND_*`` constants and ``id`` is the key for
    that kind: an image, album or gallery post id, a username, a numeric
    comment id, or the tag, topic or subreddit name of a listing page.  The
    remaining fields are filled only when the address carries them:

    * ``subreddit``: the subreddit of an image seen through ``/r/{sub}/{id}``.
    * ``tag``: the tag of a post reached through ``/t/{tag}/{id}``.
    * ``topic``: the topic of a post reached through ``/topic/{name}/{id}``.
    * ``extension``: the media file extension, lower-case and without a dot.
    * ``size_suffix``: the thumbnail marker removed from a media file name.
    * ``fragment_image_id``: the image an album address points at after ``#``.
    * ``post_id``: the gallery post a comment address belongs to.
    """

    kind: str
    id: str
    subreddit: Optional[str] = None
    tag: Optional[str] = None
    topic: Optional[str] = None
    extension: Optional[str] = None
    size_suffix: Optional[str] = None
    fragment_image_id: Optional[str] = None
    post_id: Optional[str] = None


def _is_image_id(text: str) -> bool:
    """Tell whether ``text`` has the shape of an Imgur item id."""
    return _ID_RE.fullmatch(text) is not None


def _has_forbidden_chars(text: str) -> bool:
    """Tell whether ``text`` holds whitespace or control characters."""
    for char in text:
        code = ord(char)
        if code < 0x20 or 0x7F <= code < 0xA0 or char.isspace():
            return True
    return False


def _host_from_authority(authority: str) -> Optional[str]:
    """Return the normalised Imgur host named by ``authority``, if any."""
    if "@" in authority or "\\" in authority:
        return None
    host, colon, port = authority.partition(":")
    if colon and (_PORT_RE.fullmatch(port) is None or int(port) not in _ALLOWED_PORTS):
        return None
    if not host.isascii():
        return None
    host = host.lower()
    return host if host in IMGUR_HOSTS else None


def _split_url(url: str) -> Optional[tuple[str, str, str]]:
    """Break an address into ``(host, path, fragment)``.

    Returns None when the scheme, the authority or the characters used rule
    the address out.  The query string is dropped.
    """
    text = url.strip()
    if not text or _has_forbidden_chars(text):
        return None
    scheme_match = _SCHEME_RE.match(text)
    if scheme_match is not None:
        scheme = scheme_match.group(1).lower()
        after = text[scheme_match.end() :]
        if scheme in ("http", "https"):
            if not after.startswith("//"):
                return None
            text = after[2:]
        elif _PORT_TAIL_RE.match(after) is None:
            # A real scheme we do not serve (ftp:, javascript:, data: ...).
            return None
        # Otherwise this was "host:port/..." written without a scheme.
    elif text.startswith("//"):
        text = text[2:]

    end = len(text)
    for separator in "/?#":
        index = text.find(separator)
        if index != -1 and index < end:
            end = index
    authority, remainder = text[:end], text[end:]

    host = _host_from_authority(authority)
    if host is None:
        return None

    path, _, fragment = remainder.partition("#")
    path = path.partition("?")[0]
    return host, path, fragment


def _split_size_suffix(stem: str) -> Optional[tuple[str, Optional[str]]]:
    """Separate an id from a thumbnail marker in a media file name stem.

    A marker is only recognised where the length proves it is there: one
    letter after a 5- or 7-character id, or ``_d`` after one.
    """
    if _is_image_id(stem):
        return stem, None
    if stem.endswith("_d") and _is_image_id(stem[:-2]):
        return stem[:-2], "_d"
    if len(stem) in (6, 8) and stem[-1] in SIZE_SUFFIXES and _is_image_id(stem[:-1]):
        return stem[:-1], stem[-1]
    return None


def _parse_file_name(name: str) -> Optional[ParsedURL]:
    """Read a media file name such as ``AbC12dEs.JPG`` or a bare id."""
    stem, dot, raw_extension = name.partition(".")
    extension: Optional[str] = None
    if dot:
        if not raw_extension.isascii():
            return None
        extension = raw_extension.lower()
        if extension not in IMAGE_EXTENSIONS:
            return None
    elif stem.lower() in RESERVED_PATHS:
        return None
    split = _split_size_suffix(stem)
    if split is None:
        return None
    image_id, suffix = split
    return ParsedURL(kind=KIND_IMAGE, id=image_id, extension=extension, size_suffix=suffix)


def _slug_id(segment: str) -> Optional[str]:
    """Return the item id of ``segment``, which may be a ``title-words-id`` slug."""
    if _is_image_id(segment):
        return segment
    title, dash, tail = segment.rpartition("-")
    if dash and title and _is_image_id(tail):
        return tail
    return None


def _listing_item_id(segment: str) -> Optional[str]:
    """Return the item id after a listing name, ignoring sort/window words."""
    if segment.lower() in LISTING_WORDS:
        return None
    return _slug_id(segment)


def _parse_album(rest: list[str], fragment: str) -> Optional[ParsedURL]:
    """Handle ``/a/{id}`` with an optional ``#{image_id}`` fragment."""
    album_id = _slug_id(rest[0])
    if album_id is None:
        return None
    fragment_id = fragment if _is_image_id(fragment) else None
    return ParsedURL(kind=KIND_ALBUM, id=album_id, fragment_image_id=fragment_id)


def _parse_gallery(rest: list[str]) -> Optional[ParsedURL]:
    """Handle ``/gallery/{id}`` and ``/gallery/{id}/comment/{comment_id}``."""
    post_id = _slug_id(rest[0])
    if post_id is None:
        return None
    if (
        len(rest) >= 3
        and rest[1].lower() == "comment"
        and _COMMENT_ID_RE.fullmatch(rest[2]) is not None
    ):
        return ParsedURL(kind=KIND_COMMENT, id=rest[2], post_id=post_id)
    return ParsedURL(kind=KIND_GALLERY, id=post_id)


def _parse_listing(
    rest: list[str], name_re: re.Pattern[str], listing_kind: str, item_kind: str, key: str
) -> Optional[ParsedURL]:
    """Handle ``/t/{tag}``, ``/topic/{name}`` and ``/r/{sub}`` listings, and the
    ``/{name}/{id}`` posts inside them (``key`` names the field the name goes in)."""
    name = rest[0]
    if name_re.fullmatch(name) is None:
        return None
    item_id = _listing_item_id(rest[1]) if len(rest) > 1 else None
    if item_id is not None:
        return ParsedURL(kind=item_kind, id=item_id, **{key: name})
    return ParsedURL(kind=listing_kind, id=name)


#: first path segment -> (name pattern, listing kind, item kind, field of the name)
_LISTINGS = {
    "t": (_TAG_RE, KIND_GALLERY_TAG, KIND_GALLERY, "tag"),
    "topic": (_TAG_RE, KIND_TOPIC, KIND_GALLERY, "topic"),
    "r": (_SUBREDDIT_RE, KIND_SUBREDDIT_GALLERY, KIND_SUBREDDIT_IMAGE, "subreddit"),
}


def _parse_group(rest: list[str]) -> Optional[ParsedURL]:
    """Handle the old ``/g/{section}/{id}`` gallery addresses."""
    if len(rest) < 2 or _TAG_RE.fullmatch(rest[0]) is None:
        return None
    item_id = _listing_item_id(rest[1])
    if item_id is None:
        return None
    return ParsedURL(kind=KIND_GALLERY, id=item_id)


def _parse_user(rest: list[str]) -> Optional[ParsedURL]:
    """Handle ``/user/{name}`` and its sub-pages."""
    name = rest[0]
    if _USERNAME_RE.fullmatch(name) is None:
        return None
    if len(rest) > 1 and rest[1].lower() == "favorites":
        return ParsedURL(kind=KIND_USER_FAVORITES, id=name)
    return ParsedURL(kind=KIND_USER, id=name)


def _parse_site_path(segments: list[str], fragment: str) -> Optional[ParsedURL]:
    """Interpret the path of an address on one of the web page hosts."""
    head = segments[0].lower()
    rest = segments[1:]
    if head == "a":
        return _parse_album(rest, fragment) if rest else None
    if head == "gallery":
        return _parse_gallery(rest) if rest else None
    if head in _LISTINGS:
        return _parse_listing(rest, *_LISTINGS[head]) if rest else None
    if head == "user":
        return _parse_user(rest) if rest else None
    if head == "g":
        return _parse_group(rest)
    first = segments[0]
    if "." in first:
        return _parse_file_name(first)
    if head in RESERVED_PATHS or not _is_image_id(first):
        return None
    return ParsedURL(kind=KIND_IMAGE, id=first)


def parse_url(url: str) -> Optional[ParsedURL]:
    """Work out which Imgur resource ``url`` refers to.

    Accepts http, https, protocol-relative (``//host/...``) and scheme-less
    addresses on the Imgur hosts listed in :data:`IMGUR_HOSTS`; surrounding
    whitespace is ignored.  Returns a :class:`ParsedURL`, or None when the
    string is not an address of a usable Imgur resource.  Any ``str`` is
    accepted without raising.

    Raises:
        TypeError: if ``url`` is not a ``str`` (``bytes`` included).
    """
    if not isinstance(url, str):
        raise TypeError(f"parse_url() expects str, not {type(url).__name__}")
    parts = _split_url(url)
    if parts is None:
        return None
    host, path, fragment = parts
    if "\\" in path:
        return None
    segments = [segment for segment in path.split("/") if segment]
    if not segments or any(s.lower() in _DOT_SEGMENTS for s in segments):
        return None
    if host in DIRECT_HOSTS:
        # Media hosts serve single files; there are no sub-pages.
        if len(segments) != 1:
            return None
        return _parse_file_name(segments[0])
    return _parse_site_path(segments, fragment)


def is_imgur_url(url: str) -> bool:
    """Tell whether :func:`parse_url` recognises ``url``.

    Raises:
        TypeError: if ``url`` is not a ``str``.
    """
    return parse_url(url) is not None
