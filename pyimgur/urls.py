"""Offline recognition of Imgur web addresses.

The single entry point, :func:`parse_url`, looks at a string and tells what
kind of Imgur resource it names (an image, an album, a gallery post, a user
page and so on) together with the identifier needed to ask the API about it.
Nothing here touches the network: the work is plain string inspection using
only the standard library.

The parser is deliberately strict about *where* an address points (only
Imgur's own hosts, over http or https, without credentials or odd ports) and
tolerant about decoration that does not change the target (trailing
slashes, sub-pages after an id, query strings, title slugs, junk that
scrapers leave after a file extension).  docs/urls.rst lists every form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional
from urllib.parse import unquote

__all__ = [
    "DIRECT_HOSTS",
    "IMAGE_EXTENSIONS",
    "IMGUR_DOMAINS",
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
    "REMOVED_ID",
    "RESERVED_PATHS",
    "SERVICE_SUBDOMAINS",
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

#: The registered domains; every host the parser accepts is one of them or a
#: subdomain of one.
IMGUR_DOMAINS: tuple[str, ...] = ("imgur.com", "imgur.io")

#: Hosts that serve raw media files rather than web pages.
DIRECT_HOSTS: frozenset[str] = frozenset({"i.imgur.com", "i.imgur.io"})

#: The hosts of the web site, plus :data:`DIRECT_HOSTS`.  Other subdomains of
#: :data:`IMGUR_DOMAINS` are accepted for fewer forms (see :func:`parse_url`).
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

#: Subdomain names that belong to Imgur's own services, so that
#: ``<name>.imgur.com`` is never the legacy profile page of a user called
#: ``<name>``.  One-letter names (``i``, ``s``, ``m``, ``t``, ``p`` ...) are
#: service hosts too, without being listed.
SERVICE_SUBDOMAINS: frozenset[str] = frozenset(
    (
        "api apidocs ads app apps assets beta blog cdn community developers dev email help img "
        "imgur jobs mail media mobile press secure shop stack static stats status store support "
        "tech www "
    ).split()
)

#: File extensions (lower-case, no dot) accepted on media file names;
#: ``m3u8`` is the HLS playlist Imgur serves next to a video.
IMAGE_EXTENSIONS: frozenset[str] = frozenset(
    "apng avif bmp gif gifv jpeg jpg m3u8 mov mp4 png tif tiff webm webp".split()
)

#: One-letter thumbnail markers Imgur appends to an id in media file names.
#: (``_d`` is handled separately because it is two characters long.)
SIZE_SUFFIXES: frozenset[str] = frozenset({"s", "b", "t", "m", "l", "h", "g", "r"})

#: The id Imgur puts in place of a deleted image (``i.imgur.com/removed.png``
#: is where a deleted image's file redirects).  An address whose item id is
#: this word names nothing: :func:`parse_url` returns None for it.
REMOVED_ID = "removed"

#: First path segments (compared case-insensitively) of the web site's own
#: pages, past and present, including the route prefixes when they stand
#: alone.  Many are five or seven letters long and would otherwise be taken
#: for image ids; a reserved word always wins over an id in the first
#: segment (and only there: ``/a/about`` is the album ``about``).
RESERVED_PATHS: frozenset[str] = frozenset(
    (
        # route prefixes
        "a album download g gallery image r t topic user "
        # gallery listings, sorts and the deleted-image placeholder
        "best hot memes new popular random removed rising top trending viral worst "
        # the site's pages
        "about account ads advertise api apps arcade awards blog careers ccpa comment comments "
        "community contact create discover dmca embed emerald emoji explore faq favorites feedback "
        "help inbox jobs legal login logout medallions memegen merch messages notifications oembed "
        "posts premium press privacy profile register removalrequest rules search security "
        "settings signin signout signup sitemap stats store submit support tags terms tools "
        "topics tos upgrade upload users vidgif "
    ).split()
)

#: Sort orders, time windows and layout words that may follow a tag, topic or
#: subreddit name in a listing address.  They are never taken as item ids.
LISTING_WORDS: frozenset[str] = frozenset(
    (
        "all best day grid hot layout month new newest oldest page popular random rising score "
        "time top viral week worst year "
    ).split()
)

# Explicit ASCII classes on purpose: ``\w``/``\d`` would admit other scripts.
_ID_RE = re.compile(r"[A-Za-z0-9]{5}|[A-Za-z0-9]{7}")
_COMMENT_ID_RE = re.compile(r"[0-9]{1,20}")
_USERNAME_RE = re.compile(r"[A-Za-z0-9_-]{1,63}")
# A tag or topic name as written in a path (punctuation such as ``&`` kept,
# anything else percent-encoded), and what it may hold once decoded.
_RAW_NAME_RE = re.compile(r"(?:[A-Za-z0-9_&'!.,:;+()~*$@=-]|%[0-9A-Fa-f]{2})+")
_NAME_RE = re.compile(r"[A-Za-z0-9_&'!.,:;+()~*$@=-]{1,64}")
_SUBREDDIT_RE = re.compile(r"[A-Za-z0-9_]{2,21}")
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# What may follow "host:" when an address has no scheme but does have a port.
_PORT_TAIL_RE = re.compile(r"[0-9]*(?:[/?#]|\Z)")
_PORT_RE = re.compile(r"[0-9]{1,5}")
_ALLOWED_PORTS = (80, 443)
_LABEL_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_MAX_HOST_LENGTH = 253
_DOT_SEGMENTS = frozenset({".", "..", "%2e", "%2e%2e", ".%2e", "%2e."})
#: known extensions, longest first, to find the one that junk was glued to
_EXTENSIONS_LONGEST_FIRST = sorted(IMAGE_EXTENSIONS, key=len, reverse=True)
#: the kinds whose ``id`` is an item id (5 or 7 letters and digits)
_ITEM_KINDS = frozenset({KIND_IMAGE, KIND_ALBUM, KIND_GALLERY, KIND_SUBREDDIT_IMAGE})


@dataclass(frozen=True)
class ParsedURL:
    """What an Imgur address refers to.

    ``kind`` is one of the ``KIND_*`` constants and ``id`` is the key for
    that kind: an image, album or gallery post id, a username, a numeric
    comment id, or the tag, topic or subreddit name of a listing page.  The
    remaining fields are filled only when the address carries them:

    * ``subreddit``: the subreddit of a post seen through ``/r/{sub}/{id}``.
    * ``tag``: the tag of a post reached through ``/t/{tag}/{id}``.
    * ``topic``: the topic of a post reached through ``/topic/{name}/{id}``.
    * ``extension``: the media file extension, lower-case and without a dot.
    * ``size_suffix``: the thumbnail marker removed from a media file name.
    * ``fragment_image_id``: the image an album address points at after
      ``#`` (``imgur.com/a/{album}#{image}``).  The address names the album;
      ``Imgur.get_image(parsed.fragment_image_id)`` is that one image.
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


# -- pieces of a path ---------------------------------------------------------------


def _is_image_id(text: str) -> bool:
    """Tell whether ``text`` has the shape of an Imgur item id."""
    return _ID_RE.fullmatch(text) is not None


def _known_extension(raw: str) -> Optional[str]:
    """The known extension ``raw`` (the text after the dot) names, or None.

    Junk glued to a known extension (``giff``, ``gifnot``, ``jpg)``) still
    names it, the longest known one winning (``gifvx`` is ``gifv``); a second
    dot does not (``jpg.png`` is refused).
    """
    if not raw.isascii() or "." in raw:
        return None
    lower = raw.lower()
    if lower in IMAGE_EXTENSIONS:
        return lower
    for extension in _EXTENSIONS_LONGEST_FIRST:
        if lower.startswith(extension):
            return extension
    return None


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
        extension = _known_extension(raw_extension)
        if extension is None:
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


def _item(segment: str) -> Optional[ParsedURL]:
    """An item segment: an id, a ``title-words-id`` slug or a file name
    (``id.jpg``, the id then keeps its extension and thumbnail marker)."""
    item_id = _slug_id(segment)
    if item_id is not None:
        return ParsedURL(kind=KIND_IMAGE, id=item_id)
    if "." in segment:
        return _parse_file_name(segment)
    return None


def _name(segment: str) -> Optional[str]:
    """A tag or topic name from its path segment, percent-escapes decoded.

    Names are ASCII letters, digits and the punctuation Imgur keeps in them
    (``The_Oscars_&_Movies``), at most 64 characters, never a space or a slash.
    """
    if _RAW_NAME_RE.fullmatch(segment) is None:
        return None
    try:
        name = unquote(segment, encoding="ascii", errors="strict")
    except UnicodeDecodeError:
        return None
    if _NAME_RE.fullmatch(name) is None or not name.strip("."):
        return None  # only dots ("%2E%2E") would climb out of the API path
    return name


def _subreddit(segment: str) -> Optional[str]:
    return segment if _SUBREDDIT_RE.fullmatch(segment) is not None else None


# -- routes of the web site ---------------------------------------------------------


def _parse_album(rest: list[str], fragment: str) -> Optional[ParsedURL]:
    """Handle ``/a/{id}`` (also ``/album/{id}``, ``/a/{id}.jpg``) with an
    optional ``#{image_id}`` fragment."""
    item = _item(rest[0])
    if item is None or item.size_suffix is not None:
        return None
    fragment_id = fragment if _is_image_id(fragment) and fragment != REMOVED_ID else None
    return ParsedURL(kind=KIND_ALBUM, id=item.id, fragment_image_id=fragment_id)


def _parse_image(rest: list[str], fragment: str) -> Optional[ParsedURL]:
    """Handle ``/image/{id}`` and ``/download/{id}[/{anything}]``."""
    return _item(rest[0])


def _parse_post(rest: list[str], kind: str, **where: str) -> Optional[ParsedURL]:
    """A post ``{id}`` (slug or file name too), or its comment when followed by
    ``/comment/{number}``; ``where`` records the tag, topic or subreddit."""
    item = _item(rest[0])
    if item is None:
        return None
    if (
        len(rest) >= 3
        and rest[1].lower() == "comment"
        and _COMMENT_ID_RE.fullmatch(rest[2]) is not None
    ):
        return ParsedURL(kind=KIND_COMMENT, id=rest[2], post_id=item.id, **where)
    return ParsedURL(
        kind=kind, id=item.id, extension=item.extension, size_suffix=item.size_suffix, **where
    )


def _parse_gallery(rest: list[str], fragment: str) -> Optional[ParsedURL]:
    """Handle ``/gallery/{id}`` and ``/gallery/{id}/comment/{comment_id}``."""
    return _parse_post(rest, KIND_GALLERY)


def _listing_route(
    read_name: Callable[[str], Optional[str]], listing_kind: str, item_kind: str, key: str
) -> Callable[[list[str], str], Optional[ParsedURL]]:
    """The route of ``/t/{tag}``, ``/topic/{name}`` or ``/r/{sub}``: the listing
    itself, or a post (or its comment) inside it; ``key`` names the field the
    listing's name goes in on a post."""

    def parse(rest: list[str], fragment: str) -> Optional[ParsedURL]:
        name = read_name(rest[0])
        if name is None:
            return None
        if len(rest) > 1 and rest[1].lower() not in LISTING_WORDS:
            post = _parse_post(rest[1:], item_kind, **{key: name})
            if post is not None:
                return post
        return ParsedURL(kind=listing_kind, id=name)

    return parse


def _parse_group(rest: list[str], fragment: str) -> Optional[ParsedURL]:
    """Handle the old ``/g/{section}/{id}`` gallery addresses."""
    if len(rest) < 2 or _name(rest[0]) is None or rest[1].lower() in LISTING_WORDS:
        return None
    return _parse_post(rest[1:], KIND_GALLERY)


def _parse_user(rest: list[str], fragment: str) -> Optional[ParsedURL]:
    """Handle ``/user/{name}`` and its sub-pages."""
    name = rest[0]
    if _USERNAME_RE.fullmatch(name) is None:
        return None
    if len(rest) > 1 and rest[1].lower() == "favorites":
        return ParsedURL(kind=KIND_USER_FAVORITES, id=name)
    return ParsedURL(kind=KIND_USER, id=name)


#: first path segment (lower-case) -> how the rest of the path is read
_ROUTES: dict[str, Callable[[list[str], str], Optional[ParsedURL]]] = {
    "a": _parse_album,
    "album": _parse_album,
    "image": _parse_image,
    "download": _parse_image,
    "gallery": _parse_gallery,
    "g": _parse_group,
    "user": _parse_user,
    "t": _listing_route(_name, KIND_GALLERY_TAG, KIND_GALLERY, "tag"),
    "topic": _listing_route(_name, KIND_TOPIC, KIND_GALLERY, "topic"),
    "r": _listing_route(_subreddit, KIND_SUBREDDIT_GALLERY, KIND_SUBREDDIT_IMAGE, "subreddit"),
}


def _parse_site_path(segments: list[str], fragment: str) -> Optional[ParsedURL]:
    """Interpret the path of an address on one of the web site's hosts."""
    head = segments[0].lower()
    route = _ROUTES.get(head)
    if route is not None:
        return route(segments[1:], fragment) if len(segments) > 1 else None
    first = segments[0]
    if "." in first:
        return _parse_file_name(first)
    if head in RESERVED_PATHS:
        return None
    image_id = _slug_id(first)
    return None if image_id is None else ParsedURL(kind=KIND_IMAGE, id=image_id)


# -- hosts --------------------------------------------------------------------------


def _has_forbidden_chars(text: str) -> bool:
    """Tell whether ``text`` holds whitespace or control characters."""
    for char in text:
        code = ord(char)
        if code < 0x20 or 0x7F <= code < 0xA0 or char.isspace():
            return True
    return False


def _subdomain(host: str) -> Optional[str]:
    """The part of ``host`` before an Imgur domain (``""`` for the domain
    itself), or None when ``host`` is not Imgur's: look-alikes
    (``imgur.com.example.net``, ``fake-imgur.com``) and punycode labels stay out."""
    for domain in IMGUR_DOMAINS:
        if host == domain:
            return ""
        if host.endswith("." + domain):
            labels = host[: -len(domain) - 1].split(".")
            valid = all(
                _LABEL_RE.fullmatch(label) is not None and not label.startswith("xn--")
                for label in labels
            )
            return ".".join(labels) if valid else None
    return None


def _host_from_authority(authority: str) -> Optional[str]:
    """Return the normalised Imgur host named by ``authority``, if any."""
    if "@" in authority or "\\" in authority:
        return None
    host, colon, port = authority.partition(":")
    if colon and (_PORT_RE.fullmatch(port) is None or int(port) not in _ALLOWED_PORTS):
        return None
    if not host.isascii() or len(host) > _MAX_HOST_LENGTH:
        return None
    host = host.lower()
    return host if _subdomain(host) is not None else None


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


def _profile_name(host: str) -> Optional[str]:
    """The user of a legacy profile host ``<name>.imgur.com``, if ``host`` is one."""
    name = _subdomain(host)
    if not name or "." in name or len(name) == 1 or name in SERVICE_SUBDOMAINS:
        return None
    return name


def _parse_on_host(host: str, segments: list[str], fragment: str) -> Optional[ParsedURL]:
    """Interpret ``segments`` (the non-empty path parts) on ``host``."""
    if host in DIRECT_HOSTS:
        # Media hosts serve single files, and albums under /a/ (with or
        # without an extension); there are no other sub-pages.
        if len(segments) > 1 and segments[0].lower() == "a":
            return _parse_album(segments[1:], fragment)
        return _parse_file_name(segments[0]) if len(segments) == 1 else None
    if host in IMGUR_HOSTS:
        return _parse_site_path(segments, fragment) if segments else None
    user = _profile_name(host)
    if user is not None:
        if not segments:
            return ParsedURL(kind=KIND_USER, id=user)
        if len(segments) > 1 and segments[0].lower() == "a":
            return _parse_album(segments[1:], fragment)
    # Any other subdomain: only a media file name (www.i.imgur.com/{id}.png).
    if len(segments) == 1 and "." in segments[0]:
        return _parse_file_name(segments[0])
    return None


def _names_removed(result: ParsedURL) -> bool:
    """Tell whether ``result`` points at Imgur's deleted-item placeholder."""
    return REMOVED_ID in (result.post_id, result.id if result.kind in _ITEM_KINDS else None)


def parse_url(url: str) -> Optional[ParsedURL]:
    """Work out which Imgur resource ``url`` refers to.

    Accepts http, https, protocol-relative (``//host/...``) and scheme-less
    addresses on the Imgur hosts listed in :data:`IMGUR_HOSTS`, and a few
    forms on their other subdomains (a user's legacy profile
    ``<name>.imgur.com``, its albums, media files on any subdomain);
    surrounding whitespace is ignored.  Returns a :class:`ParsedURL`, or None
    when the string is not an address of a usable Imgur resource (including
    Imgur's placeholder for deleted items, :data:`REMOVED_ID`).  Any ``str``
    is accepted without raising.

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
    if any(s.lower() in _DOT_SEGMENTS for s in segments):
        return None
    result = _parse_on_host(host, segments, fragment)
    if result is None or _names_removed(result):
        return None
    return result


def is_imgur_url(url: str) -> bool:
    """Tell whether :func:`parse_url` recognises ``url``.

    Raises:
        TypeError: if ``url`` is not a ``str``.
    """
    return parse_url(url) is not None
