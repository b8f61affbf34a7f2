"""The VAPID key pair (RFC 8292): created once in instance/, never in the repository."""

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid02

KEY_FILE = "vapid_private.pem"


def key_path(app):
    """Where the private key lives: the instance folder, unless PUSH_VAPID_KEY_FILE says otherwise."""
    return Path(app.config.get("PUSH_VAPID_KEY_FILE") or Path(app.instance_path) / KEY_FILE)


def create_keys(path):
    """Write a new P-256 private key to `path` (readable by its owner only); returns the Vapid."""
    vapid = Vapid02()
    vapid.generate_keys()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(vapid.private_pem())
    return vapid


def load_keys(path):
    """The Vapid of the key at `path`, or None when there is none yet."""
    path = Path(path)
    if not path.is_file():
        return None
    return Vapid02.from_pem(path.read_bytes())


def public_key_b64(vapid):
    """The public key as the browser's applicationServerKey wants it: base64url, unpadded."""
    raw = vapid.public_key.public_bytes(serialization.Encoding.X962,
                                        serialization.PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def application_server_key(app):
    """The public key for pages (cached on the app), or None when push is not set up."""
    cached = app.extensions.get("push_public_key")
    if cached is None:
        vapid = load_keys(key_path(app))
        cached = public_key_b64(vapid) if vapid else ""
        app.extensions["push_public_key"] = cached
    return cached or None
