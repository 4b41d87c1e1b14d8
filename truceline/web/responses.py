"""JSON responses encoded by orjson: several times faster than the standard library's
encoder on the list and map payloads, and NaN becomes null instead of invalid JSON."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse

__all__ = ["FastJSON"]


class FastJSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)
