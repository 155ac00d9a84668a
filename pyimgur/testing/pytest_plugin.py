"""The pytest plugin of pyimgur.testing (stub; filled in by its issue)."""
