"""pyimgur's log lines name pyimgur once: through the logger name, not the text."""

from __future__ import annotations

import io
import logging

from pyimgur import endpoints as ep
from pyimgur.cli import main


def envelope_error(status: int) -> dict:
    return {"json": {"data": {"error": "busy", "request": "/3/image/abc1234", "method": "GET"},
                     "success": False, "status": status}, "status_code": status}


def test_a_retry_line_does_not_repeat_the_logger_name(im, api):
    api.add("GET", "3/image/abc1234", response_list=[
        envelope_error(503),
        {"json": {"data": {"id": "abc1234"}, "success": True, "status": 200}},
    ])
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))  # a usual set-up
    logger = logging.getLogger("pyimgur")
    logger.addHandler(handler)
    try:
        im._call(ep.IMAGE, id="abc1234")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert api.count == 2
    assert "pyimgur: retrying GET /3/image/abc1234" in text
    assert "pyimgur: pyimgur" not in text


def test_the_command_line_prefixes_each_log_line_once():
    out, err = io.StringIO(), io.StringIO()
    code = main(["--sandbox", "-v", "show", "Sb0xImg"], stdout=out, stderr=err, env={})
    lines = [line for line in err.getvalue().splitlines() if line]
    assert code == 0 and lines
    assert all(line.startswith("pyimgur: ") for line in lines)
    assert not any(line.startswith("pyimgur: pyimgur") for line in lines)
