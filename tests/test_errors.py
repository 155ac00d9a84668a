"""One parser for every error shape of imgur-api.md 2.2, mapped to typed exceptions."""

from __future__ import annotations

import pickle

import pytest
import requests

import pyimgur
from pyimgur import endpoints as ep

CLASSIC_403_TOKEN = {"data": {"error": "The access token provided is invalid.",
                              "request": "/3/image/abc", "method": "GET"},
                     "success": False, "status": 403}


def classic(message, status):
    return {"data": {"error": message, "request": "/3/image/abc", "method": "GET"},
            "success": False, "status": status}


def nested(code, message, status):
    return {"data": {"error": {"code": code, "message": message, "type": "ImgurException",
                               "exception": []}, "request": "/3/image", "method": "POST"},
            "success": False, "status": status}


JSONAPI_429 = {"errors": [{"id": "legacy-api-x", "code": "429", "status": "Too Many Requests",
                           "detail": "Too Many Requests"}]}


@pytest.mark.parametrize(
    ("status", "body", "cls", "message"),
    [
        (400, classic("No image data was sent to the upload api", 400), pyimgur.BadRequest,
         "No image data was sent to the upload api"),
        (401, classic("Authentication required", 401), pyimgur.AuthenticationError,
         "Authentication required"),
        (403, classic("Forbidden thing", 403), pyimgur.Forbidden, "Forbidden thing"),
        (403, CLASSIC_403_TOKEN, pyimgur.AuthenticationError, "access token"),
        (404, classic("Tag does not exist", 404), pyimgur.NotFound, "Tag does not exist"),
        (409, classic("Not following tag", 409), pyimgur.Conflict, "Not following tag"),
        (400, nested(1003, "File type invalid (1)", 400), pyimgur.UploadError,
         "File type invalid"),
        (415, classic("Unsupported", 415), pyimgur.UploadError, "Unsupported"),
        (429, JSONAPI_429, pyimgur.RateLimitError, "Too Many Requests"),
        (429, classic("Daily client requests exceeded", 429), pyimgur.RateLimitError,
         "Daily client requests exceeded"),
        (403, classic("Imgur is temporarily over capacity. Please try again later.", 403),
         pyimgur.OverCapacity, "over capacity"),
        (500, {"data": "An error occurred", "success": False, "status": 500},
         pyimgur.ServerError, "An error occurred"),
        (400, {"data": False, "success": False, "status": 400}, pyimgur.BadRequest, "400"),
    ],
)
def test_error_shapes_map_to_typed_exceptions(im, api, status, body, cls, message):
    api.add("POST", "3/image", json=body, status=status)
    with pytest.raises(cls) as info:
        im._call(ep.IMAGE_UPLOAD, data={"image": "x"})
    error = info.value
    assert message in str(error)
    assert error.status == status
    assert error.method == "POST" and error.path == "/3/image"
    assert api.count == 1  # a POST is never re-sent


def test_nested_upload_code_is_kept(im, api):
    api.add("POST", "3/image", json=nested(1003, "File type invalid (1)", 400), status=400)
    with pytest.raises(pyimgur.UploadError) as info:
        im._call(ep.IMAGE_UPLOAD)
    assert info.value.code == 1003


def test_nested_429_upload_too_fast_gives_wait(im, api):
    api.add("POST", "3/image", status=400,
            json=nested(429, "You are uploading too fast. Please wait 37 more minutes.", 400))
    with pytest.raises(pyimgur.RateLimitError) as info:
        im._call(ep.IMAGE_UPLOAD)
    assert info.value.bucket == "post"
    assert info.value.retry_after == 37 * 60


def test_body_status_1203_over_capacity_with_http_200(im, api):
    api.add("GET", "3/image/abc", json={"data": {"error": "Imgur is over capacity"},
                                        "success": False, "status": 1203})
    with pytest.raises(pyimgur.OverCapacity):
        im._call(ep.IMAGE, id="abc")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"text": "<html><body><h1>400 Bad request</h1></body></html>",
         "headers": {"Content-Type": "text/html"}},
        {"text": ""},
        {"text": '{"data": {"id": "abc", "tit'},
    ],
    ids=["html", "empty", "truncated"],
)
def test_unreadable_bodies_on_post_raise_invalid_response_once(im, api, kwargs):
    api.add("POST", "3/image", status=200, **kwargs)
    with pytest.raises(pyimgur.InvalidResponse):
        im._call(ep.IMAGE_UPLOAD)
    assert api.count == 1


def test_html_error_page_with_error_status(im, api):
    api.add("POST", "3/image", status=400, text="<html><h1>400 Bad request</h1></html>",
            headers={"Content-Type": "text/html"})
    with pytest.raises(pyimgur.BadRequest, match="not valid JSON"):
        im._call(ep.IMAGE_UPLOAD)


def test_exceptions_pickle_with_their_fields():
    error = pyimgur.RateLimitError("slow down", status=429, method="GET", path="/3/x",
                                   bucket="user", reset_at=123.0, retry_after=5.0)
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is pyimgur.RateLimitError
    assert (clone.status, clone.bucket, clone.reset_at, clone.retry_after) == (429, "user",
                                                                                123.0, 5.0)
    assert str(clone) == str(error)
    upload = pickle.loads(pickle.dumps(pyimgur.UploadError("bad", code=1003, status=400)))
    assert upload.code == 1003


def test_every_exception_is_an_imgur_error():
    for name in pyimgur.exceptions.__all__:
        assert issubclass(getattr(pyimgur.exceptions, name), pyimgur.ImgurError)


def test_transport_failures_are_pyimgur_errors(im, api):
    api.add("POST", "3/image", exc=requests.exceptions.ConnectionError("boom"))
    with pytest.raises(pyimgur.TransportError) as info:
        im._call(ep.IMAGE_UPLOAD)
    assert info.value.__cause__ is None and info.value.__suppress_context__
