"""Message encryption (RFC 8291, aes128gcm) and VAPID tokens (RFC 8292), one per push service."""

import base64
import os
import time
from urllib.parse import urlsplit

import http_ece
from cryptography.hazmat.primitives.asymmetric import ec

# A token lives 12 hours (push services refuse more than 24) and is renewed an hour before it ends.
TOKEN_LIFETIME = 12 * 3600
TOKEN_RENEW_BEFORE = 3600


def b64decode(value):
    """base64url with or without padding."""
    value = value.strip()
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def encrypt(payload, p256dh, auth):
    """The aes128gcm body for one subscription: a fresh sender key and salt for every message."""
    sender = ec.generate_private_key(ec.SECP256R1())
    return http_ece.encrypt(payload, salt=os.urandom(16), private_key=sender, dh=b64decode(p256dh),
                            auth_secret=b64decode(auth), version="aes128gcm")


def audience(endpoint):
    """The push service's origin, which a VAPID token is bound to."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


class VapidTokens:
    """Authorization headers per push service, signed once and reused until near expiry."""

    def __init__(self, vapid, subject, clock=time.time):
        self.vapid, self.subject, self.clock = vapid, subject, clock
        self.tokens = {}

    def header(self, endpoint):
        """The `Authorization: vapid t=..., k=...` value for an endpoint's push service."""
        aud = audience(endpoint)
        now = self.clock()
        found = self.tokens.get(aud)
        if found is None or found[1] - TOKEN_RENEW_BEFORE <= now:
            expires = int(now) + TOKEN_LIFETIME
            signed = self.vapid.sign({"aud": aud, "exp": expires, "sub": self.subject})
            found = self.tokens[aud] = (signed["Authorization"], expires)
        return found[0]
