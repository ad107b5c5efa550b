"""Time-based one-time passwords (RFC 6238), computed the way an authenticator app does,
without allauth's code, so the tests check allauth against the standard."""

import base64
import hashlib
import hmac
import struct
import time


def totp(secret: str, at: float | None = None, *, step: int = 30, digits: int = 6) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10 ** digits:0{digits}d}"


def wait_for_a_fresh_code(*, step: int = 30, margin: float = 3.0) -> None:
    """Sleep into the next window when fewer than `margin` seconds remain in this one."""
    remaining = step - time.time() % step
    if remaining < margin:
        time.sleep(remaining + 0.1)
