"""A local push service for tests and the push benchmark: it decrypts every message and checks VAPID.

Subscription i has the endpoint http://127.0.0.1:PORT/push/i, a P-256 key from a fixed pool
(i % POOL) and its own 16-byte auth secret; both sides derive them from the index, so a benchmark
of 100,000 subscriptions needs no key exchange between processes. Every message is decrypted with
the subscription's private key (RFC 8291, aes128gcm); every distinct VAPID token is verified once
(ES256 signature, audience, expiry, subject; RFC 8292) and every message must carry a verified one.
"""

import asyncio
import base64
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field

import http_ece
from aiohttp import web
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

POOL = 500
SEED = b"preparedness push endpoint"
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def b64url(raw):
    """Unpadded base64url."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def unb64url(text):
    """base64url with or without padding."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


_keys = {}


def pool_key(i):
    """The private key of subscription i (one of POOL keys, derived from the seed)."""
    slot = i % POOL
    if slot not in _keys:
        secret = int.from_bytes(hashlib.sha256(SEED + slot.to_bytes(4, "big")).digest(), "big")
        _keys[slot] = ec.derive_private_key(secret % (P256_ORDER - 1) + 1, ec.SECP256R1())
    return _keys[slot]


def auth_secret(i):
    """Subscription i's authentication secret."""
    return hashlib.sha256(SEED + b"auth" + i.to_bytes(8, "big")).digest()[:16]


def subscription(i, base_url):
    """PushSubscription.toJSON() of subscription i, as a browser would send it."""
    public = pool_key(i).public_key().public_bytes(serialization.Encoding.X962,
                                                   serialization.PublicFormat.UncompressedPoint)
    return {"endpoint": f"{base_url}/push/{i}", "expirationTime": None,
            "keys": {"p256dh": b64url(public), "auth": b64url(auth_secret(i))}}


def decrypt(body, i):
    """The cleartext of a message to subscription i (raises on a wrong key or tampering)."""
    return http_ece.decrypt(body, private_key=pool_key(i), auth_secret=auth_secret(i),
                            version="aes128gcm")


def verify_vapid(header, audience, now=None):
    """Check an `Authorization: vapid t=JWT, k=KEY` header; returns the claims or raises ValueError."""
    scheme, _, params = (header or "").partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError("not a vapid Authorization header")
    parts = dict(p.strip().split("=", 1) for p in params.split(",") if "=" in p)
    token, key = parts.get("t", ""), parts.get("k", "")
    head, claims, signature = token.split(".")
    if json.loads(unb64url(head)) != {"typ": "JWT", "alg": "ES256"}:
        raise ValueError("JWT header is not ES256")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    raw = unb64url(signature)
    if len(raw) != 64:
        raise ValueError("ES256 signature is not 64 bytes")
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    try:
        public.verify(der, f"{head}.{claims}".encode("ascii"), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise ValueError("bad VAPID signature") from None
    body = json.loads(unb64url(claims))
    now = time.time() if now is None else now
    if body.get("aud") != audience:
        raise ValueError(f"audience {body.get('aud')!r} is not {audience!r}")
    if not now < body.get("exp", 0) <= now + 24 * 3600:
        raise ValueError("expired or lives longer than 24 hours")
    if not str(body.get("sub", "")).startswith(("mailto:", "https:")):
        raise ValueError("no mailto: or https: subject")
    return body, key


@dataclass
class Received:
    """What the endpoint got."""

    messages: dict = field(default_factory=dict)    # subscription -> [(monotonic time, payload, headers)]
    errors: list = field(default_factory=list)
    tokens: dict = field(default_factory=dict)      # verified header -> application server key
    count: int = 0
    first: float = 0.0
    last: float = 0.0
    # Subscriptions answered 410 (gone) always, and 429 (Retry-After: 1) on their first message.
    gone: set = field(default_factory=set)
    busy: set = field(default_factory=set)
    keep: bool = True      # keep payloads (tests); the benchmark keeps counts only


class PushEndpoint:
    """The aiohttp application; `origin` is what VAPID tokens must name as their audience."""

    def __init__(self, origin=None):
        self.origin = origin
        self.received = Received()

    def app(self):
        """The web application."""
        application = web.Application()
        application.router.add_post("/push/{i:\\d+}", self.push)
        application.router.add_get("/stats", self.stats)
        return application

    def check_token(self, header):
        """Verify a token the first time it is seen; later messages must carry the same string."""
        if header not in self.received.tokens:
            _claims, key = verify_vapid(header, self.origin)
            self.received.tokens[header] = key
        return self.received.tokens[header]

    async def push(self, request):
        """Receive one message: check headers and token, decrypt, record."""
        i, got = int(request.match_info["i"]), self.received
        if i in got.gone:
            return web.Response(status=410)
        if i in got.busy:
            got.busy.discard(i)
            return web.Response(status=429, headers={"Retry-After": "1"})
        body = await request.read()
        try:
            if request.headers.get("Content-Encoding") != "aes128gcm":
                raise ValueError("Content-Encoding is not aes128gcm")
            if not request.headers.get("TTL", "").isdigit():
                raise ValueError("no TTL")
            self.check_token(request.headers.get("Authorization"))
            payload = json.loads(decrypt(body, i))
        except Exception as exc:  # anything wrong is counted as an error, never as delivered
            got.errors.append(f"{i}: {exc}")
            return web.Response(status=400, text=str(exc))
        now = time.monotonic()
        got.first = got.first or now
        got.last, got.count = now, got.count + 1
        if got.keep:
            got.messages.setdefault(i, []).append((now, payload, dict(request.headers)))
        else:
            got.messages[i] = got.messages.get(i, 0) + 1
        return web.Response(status=201)

    async def stats(self, _request):
        """Counts so far, for a benchmark in another process."""
        got = self.received
        counts = list(got.messages.values()) if not got.keep else [len(v) for v in got.messages.values()]
        return web.json_response({"count": got.count, "distinct": len(got.messages),
                                  "duplicates": sum(c - 1 for c in counts if c > 1),
                                  "errors": got.errors[:5], "error_count": len(got.errors),
                                  "first": got.first, "last": got.last, "now": time.monotonic(),
                                  "tokens": len(got.tokens), "cpu": time.process_time()})


class ThreadedEndpoint:
    """The endpoint served from a background thread (for tests); `url` once started."""

    def __init__(self):
        self.endpoint = PushEndpoint()
        self.loop = asyncio.new_event_loop()
        self.url = None
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def start(self):
        """Listen on a free port of 127.0.0.1."""
        self.thread.start()
        self.runner = asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)
        return self

    async def _start(self):
        """Bind to a free port; the VAPID audience is this address."""
        runner = web.AppRunner(self.endpoint.app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.endpoint.origin = self.url
        return runner

    @property
    def received(self):
        """What arrived so far."""
        return self.endpoint.received

    def stop(self):
        """Close the server and its loop."""
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


def serve(port, ready=None):
    """Run the endpoint in this process on `port` until killed (the benchmark's second process)."""
    endpoint = PushEndpoint(f"http://127.0.0.1:{port}")
    endpoint.received.keep = False
    if ready is not None:
        ready.set()
    web.run_app(endpoint.app(), host="127.0.0.1", port=port, access_log=None, print=None,
                handle_signals=True)
