"""pyimgur: a lazy-loading, object-oriented client for the Imgur API v3.

Start with :class:`Imgur`::

    import pyimgur
    im = pyimgur.Imgur(CLIENT_ID)
    image = im.get_image("S1jmapR")
    print(image.title, image.link)
"""

from typing import TYPE_CHECKING, Any

from . import exceptions
from ._version import __version__
from .exceptions import (
    AuthenticationError,
    BadRequest,
    BatchError,
    Conflict,
    FileOverwriteError,
    Forbidden,
    ImgurError,
    ImgurIsDownException,
    InvalidParameterError,
    InvalidResponse,
    InvalidURL,
    NotFound,
    OverCapacity,
    PyImgurError,
    RateLimitError,
    ResourceNotFoundError,
    ServerError,
    TokenCallbackError,
    TransportError,
    UnexpectedImgurException,
    UploadError,
)
from .imgur import Imgur
from .listing import Listing
from .models import (
    Album,
    Basic_object,
    Comment,
    Conversation,
    Conversation_summary,
    Custom_gallery,
    CustomGallery,
    Gallery_album,
    Gallery_image,
    Gallery_item,
    GalleryAlbum,
    GalleryImage,
    GalleryItem,
    Image,
    Message,
    Notification,
    Tag,
    User,
)
from .transport import API_BASE as IMGUR_BASE
from .transport import RAPIDAPI_BASE
from .urls import ParsedURL, is_imgur_url, parse_url

if TYPE_CHECKING:
    from .aio import AsyncImgur as AsyncImgur
    from .aio import AsyncListing as AsyncListing
    from .aio import NotLoaded as NotLoaded

#: names imported from :mod:`pyimgur.aio` on first use, so that ``import pyimgur``
#: never needs httpx (``pip install "pyimgur[async]"`` adds it)
_ASYNC_NAMES = frozenset({"AsyncImgur", "AsyncListing", "NotLoaded"})


def __getattr__(name: str) -> Any:
    if name in _ASYNC_NAMES:
        try:
            from . import aio
        except ImportError as missing:
            raise ImportError(
                f'pyimgur.{name} needs httpx: pip install "pyimgur[async]" ({missing})'
            ) from None
        return getattr(aio, name)
    raise AttributeError(f"module 'pyimgur' has no attribute {name!r}")

__all__ = [
    "IMGUR_BASE",
    "RAPIDAPI_BASE",
    "Album",
    "AuthenticationError",
    "BadRequest",
    "Basic_object",
    "BatchError",
    "Comment",
    "Conflict",
    "Conversation",
    "Conversation_summary",
    "CustomGallery",
    "Custom_gallery",
    "FileOverwriteError",
    "Forbidden",
    "GalleryAlbum",
    "GalleryImage",
    "GalleryItem",
    "Gallery_album",
    "Gallery_image",
    "Gallery_item",
    "Image",
    "Imgur",
    "ImgurError",
    "ImgurIsDownException",
    "InvalidParameterError",
    "InvalidResponse",
    "InvalidURL",
    "Listing",
    "Message",
    "NotFound",
    "Notification",
    "OverCapacity",
    "ParsedURL",
    "PyImgurError",
    "RateLimitError",
    "ResourceNotFoundError",
    "ServerError",
    "Tag",
    "TokenCallbackError",
    "TransportError",
    "UnexpectedImgurException",
    "UploadError",
    "User",
    "__version__",
    "exceptions",
    "is_imgur_url",
    "parse_url",
]
