"""The methods of :class:`~pyimgur.Imgur`, one module per area of the API."""
