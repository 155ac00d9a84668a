"""A timeout after the write was applied: the sandbox keeps the change, the
client gets no answer (and pyimgur never re-sends the creating write)."""

from __future__ import annotations

import pytest

import pyimgur
from pyimgur.testing import SEED_GALLERY_IMAGE_ID, FakeImgur


@pytest.mark.parametrize("apply", [True, False])
def test_timeout_fault_applies_only_when_asked(apply):
    fake = FakeImgur()
    im = fake.user_client()
    fake.faults.add("timeout", times=1, method="POST", path_regex=r"comment$", apply=apply)
    post = im.get_gallery_image(SEED_GALLERY_IMAGE_ID)
    with pytest.raises(pyimgur.TransportError):
        post.comment("said once")
    assert fake.count_applied("POST", r"comment$") == (1 if apply else 0)
    assert len(fake.find_requests("POST", r"comment$")) == 1
