"""The pyimgur models, one per module."""

from .album import Album
from .base import Basic_object
from .comment import Comment
from .conversation import Conversation
from .conversation_summary import Conversation_summary
from .custom_gallery import Custom_gallery
from .gallery_album import Gallery_album
from .gallery_image import Gallery_image
from .gallery_item import Gallery_item
from .image import Image
from .message import Message
from .notification import Notification
from .tag import Tag
from .user import User

#: PEP 8 names for the documented classes
CustomGallery = Custom_gallery
GalleryAlbum = Gallery_album
GalleryImage = Gallery_image
GalleryItem = Gallery_item

__all__ = [
    "Album",
    "Basic_object",
    "Comment",
    "Conversation",
    "Conversation_summary",
    "CustomGallery",
    "Custom_gallery",
    "GalleryAlbum",
    "GalleryImage",
    "GalleryItem",
    "Gallery_album",
    "Gallery_image",
    "Gallery_item",
    "Image",
    "Message",
    "Notification",
    "Tag",
    "User",
]
