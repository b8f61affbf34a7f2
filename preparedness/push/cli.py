"""`flask push keys` and `flask push drain`."""

import click
from flask import current_app
from flask.cli import AppGroup

from ..db import connect
from .keys import create_keys, key_path, load_keys, public_key_b64
from .send import drain
from .store import pending_count

push_cli = AppGroup("push", help="Web Push: VAPID keys and sending.")


@push_cli.command("keys")
def keys_command():
    """Create the VAPID key pair in instance/ (kept if it exists); print the public key."""
    path = key_path(current_app)
    vapid = load_keys(path)
    if vapid is None:
        vapid = create_keys(path)
        click.echo(f"created {path}")
    else:
        click.echo(f"kept the existing {path}")
    click.echo(f"public key: {public_key_b64(vapid)}")


@push_cli.command("drain")
def drain_command():
    """Send every pending push once and exit."""
    if load_keys(key_path(current_app)) is None:
        raise click.ClickException("no VAPID key: run `flask push keys` first")
    done = drain(current_app._get_current_object())
    sent = sum(t.sent for _, t, _ in done)
    gone = sum(len(t.removed) for _, t, _ in done)
    db = connect(current_app.config["DATABASE"])
    try:
        jobs, retries = pending_count(db)
    finally:
        db.close()
    click.echo(f"jobs {len(done)}, sent {sent}, removed {gone}, waiting for retry {retries}, "
               f"jobs left {jobs}")
