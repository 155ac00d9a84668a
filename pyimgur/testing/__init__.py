"""pyimgur.testing: a sandbox Imgur for tests (stub; filled in by its issue)."""
