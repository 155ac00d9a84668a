"""pyimgur: a lazy-loading, object-oriented client for the Imgur API v3.

Start with :class:`Imgur`::

    import pyimgur
    im = pyimgur.Imgur(CLIENT_ID)
    image = im.get_image("S1jmapR")
    print(image.title, image.link)
"""

from . import exceptions
from ._version import __version__
from .exceptions import (
    AuthenticationError,
    BadRequest,
    BatchError,
    Conflict,
    Forbidden,
    ImgurError,
    InvalidResponse,
    InvalidURL,
    NotFound,
    OverCapacity,
    RateLimitError,
    ServerError,
    TransportError,
    UploadError,
)
from .imgur import Imgur
from .listing import Listing
from .models import (
    Album,
    Basic_object,
    Comment,
    Conversation,
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
from .urls import ParsedURL, is_imgur_url, parse_url

__all__ = [
    "Album",
    "AuthenticationError",
    "BadRequest",
    "Basic_object",
    "BatchError",
    "Comment",
    "Conflict",
    "Conversation",
    "CustomGallery",
    "Custom_gallery",
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
    "InvalidResponse",
    "InvalidURL",
    "Listing",
    "Message",
    "NotFound",
    "Notification",
    "OverCapacity",
    "ParsedURL",
    "RateLimitError",
    "ServerError",
    "Tag",
    "TransportError",
    "UploadError",
    "User",
    "__version__",
    "exceptions",
    "is_imgur_url",
    "parse_url",
]
