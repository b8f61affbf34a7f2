"""RFC 6238 time-based one-time passwords (SHA-1, 6 digits, 30 s) with the standard library only."""

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote

STEP_SECONDS = 30
DIGITS = 6


def new_secret():
    """A random 160-bit secret, base32 without padding (what authenticator apps expect)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def _key(secret):
    """The secret's bytes from base32 (spaces and case forgiven, padding restored)."""
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key, counter, digits=DIGITS):
    """RFC 4226 HOTP value for a key (bytes) and counter, as a zero-padded string."""
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10 ** digits).zfill(digits)


def totp(secret, unix_time, digits=DIGITS):
    """The code a base32 secret gives at `unix_time` (seconds)."""
    return hotp(_key(secret), int(unix_time) // STEP_SECONDS, digits)


def matching_step(secret, code, unix_time, window=1):
    """The time step `code` is valid for at `unix_time` (`window` steps of drift either way), or None."""
    code = (code or "").replace(" ", "")
    if not (code.isdigit() and len(code) == DIGITS):
        return None
    key, counter = _key(secret), int(unix_time) // STEP_SECONDS
    matches = [step for step in range(counter - window, counter + window + 1)
               if hmac.compare_digest(hotp(key, step), code)]
    return matches[-1] if matches else None


def verify(secret, code, unix_time, window=1):
    """Whether `code` is valid at `unix_time` (does not remember it: see users.use_totp_step)."""
    return matching_step(secret, code, unix_time, window) is not None


def provisioning_uri(secret, account, issuer):
    """The otpauth:// URI authenticator apps read (typed in or from a QR code)."""
    label = quote(f"{issuer}:{account}")
    return f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer)}&digits={DIGITS}&period={STEP_SECONDS}"
