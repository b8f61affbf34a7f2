"""What the sender produces decrypts (RFC 8291 aes128gcm) and carries a valid VAPID token (RFC 8292)."""

import base64
import json

import pytest

from preparedness.push.crypto import VapidTokens, audience, encrypt
from preparedness.push.keys import application_server_key, create_keys, load_keys, public_key_b64
from tests.push_helpers import make_app
from tools.push_endpoint import decrypt, subscription, verify_vapid


def test_round_trip_decrypts_with_the_subscription_private_key():
    sub = subscription(3, "https://fcm.googleapis.com")
    payload = json.dumps({"title": "Ракетная опасность: Шебекино"}, ensure_ascii=False).encode()
    body = encrypt(payload, sub["keys"]["p256dh"], sub["keys"]["auth"])
    assert body[16:20] == (4096).to_bytes(4, "big")      # salt, then the record size of aes128gcm
    assert body[20] == 65                                 # the sender's key id: an uncompressed point
    assert decrypt(body, 3) == payload
    assert encrypt(payload, sub["keys"]["p256dh"], sub["keys"]["auth"]) != body   # fresh key and salt


def test_another_subscription_cannot_read_it():
    sub = subscription(3, "https://fcm.googleapis.com")
    body = encrypt(b"secret", sub["keys"]["p256dh"], sub["keys"]["auth"])
    with pytest.raises(Exception):
        decrypt(body, 4)
    tampered = body[:-1] + bytes([body[-1] ^ 1])
    with pytest.raises(Exception):
        decrypt(tampered, 3)


def test_vapid_token_verifies_and_is_reused_per_push_service(tmp_path):
    vapid = create_keys(tmp_path / "key.pem")
    clock = [1_800_000_000.0]
    tokens = VapidTokens(vapid, "mailto:operators@example.org", clock=lambda: clock[0])
    first = tokens.header("https://fcm.googleapis.com/fcm/send/abc")
    assert tokens.header("https://fcm.googleapis.com/fcm/send/def") == first
    other = tokens.header("https://updates.push.services.mozilla.com/wpush/v2/x")
    assert other != first
    claims, key = verify_vapid(first, "https://fcm.googleapis.com", now=clock[0])
    assert claims["sub"] == "mailto:operators@example.org"
    assert key == public_key_b64(vapid)
    with pytest.raises(ValueError):
        verify_vapid(first, "https://updates.push.services.mozilla.com", now=clock[0])
    clock[0] += 11.5 * 3600                  # near expiry: a new token is signed
    assert tokens.header("https://fcm.googleapis.com/fcm/send/abc") != first


def test_a_forged_token_is_refused(tmp_path):
    vapid = create_keys(tmp_path / "key.pem")
    header = VapidTokens(vapid, "mailto:a@example.org").header("https://fcm.googleapis.com/x")
    scheme, rest = header.split(" ", 1)
    token = rest.split("t=")[1].split(",")[0]
    head, claims, sig = token.split(".")
    forged_claims = base64.urlsafe_b64encode(json.dumps(
        {"aud": "https://fcm.googleapis.com", "exp": 4_000_000_000, "sub": "mailto:x@example.org"})
        .encode()).rstrip(b"=").decode()
    with pytest.raises(ValueError):
        verify_vapid(header.replace(claims, forged_claims), "https://fcm.googleapis.com")


def test_keys_are_created_once_and_private(tmp_path):
    path = tmp_path / "instance" / "vapid_private.pem"
    create_keys(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(FileExistsError):
        create_keys(path)
    assert load_keys(path) is not None
    assert audience("https://a.notify.windows.com:443/w/?token=1") == "https://a.notify.windows.com:443"


def test_flask_push_keys_writes_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PREPAREDNESS_INSTANCE", str(tmp_path / "instance"))
    app = make_app(tmp_path, PUSH_VAPID_KEY_FILE=None)
    result = app.test_cli_runner().invoke(args=["push", "keys"])
    assert "public key: " in result.output, result.output
    assert (tmp_path / "instance" / "vapid_private.pem").exists()
    assert application_server_key(app) == result.output.split("public key: ")[1].strip()
    again = app.test_cli_runner().invoke(args=["push", "keys"])
    assert "kept the existing" in again.output
