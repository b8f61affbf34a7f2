"""`flask users create|set-password|unlock|remove-totp|list`: operator accounts from the command line."""

import sys
from datetime import datetime, timezone

import click
from flask import current_app
from flask.cli import AppGroup

from ..db import connect, transaction
from .audit import as_json
from .limits import forget_failures
from .roles import ROLES
from .sessions import end_sessions
from .users import (UserError, create_user, password_problem, set_password, set_totp_secret,
                    user_by_name)

users_cli = AppGroup("users", help="Manage operator accounts for /admin.")


def read_password():
    """A password from the terminal (asked twice), or the first line of stdin when piped."""
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password)
    if problem:
        raise click.ClickException(problem)
    return password


def cli_audit(db, action, target, after):
    """An audit entry for a command-line change (no request, no address)."""
    db.execute("INSERT INTO audit_log (at, user_id, username, action, target, address, after) "
               "VALUES (?, NULL, 'cli', ?, ?, 'cli', ?)",
               (datetime.now(timezone.utc).isoformat(timespec="seconds"), action, target, as_json(after)))


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the account may do.")
def create_command(username, role):
    """Create an account; the password comes from a prompt or stdin (at least 12 characters)."""
    db = connect(current_app.config["DATABASE"])
    try:
        if user_by_name(db, username) is not None:
            raise click.ClickException(f"user {username!r} already exists; nothing changed")
        password = read_password()
        with transaction(db):
            user_id = create_user(db, username, role, password, datetime.now(timezone.utc))
            cli_audit(db, "user.create", f"user:{username}", {"id": user_id, "role": role})
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        db.close()
    click.echo(f"created {role} {username!r}")


def existing_user(db, username):
    """The account named `username`, or a clear CLI error."""
    user = user_by_name(db, username)
    if user is None:
        raise click.ClickException(f"no user {username!r}")
    return user


@users_cli.command("set-password")
@click.argument("username")
def set_password_command(username):
    """Replace an account's password (ends all its sessions)."""
    db = connect(current_app.config["DATABASE"])
    try:
        user = existing_user(db, username)
        password = read_password()
        with transaction(db):
            set_password(db, user["id"], password, datetime.now(timezone.utc))
            ended = end_sessions(db, user["id"])
            cleared = forget_failures(db, user["username"])
            cli_audit(db, "user.password", f"user:{username}", {"sessions": ended, "failures": cleared})
    finally:
        db.close()
    click.echo(f"password of {username!r} changed; its sessions have ended and its failed logins "
               "are forgotten")


@users_cli.command("unlock")
@click.argument("username")
def unlock_command(username):
    """Forget an account's failed logins, so no address has to wait before its next try."""
    db = connect(current_app.config["DATABASE"])
    try:
        user = existing_user(db, username)
        with transaction(db):
            cleared = forget_failures(db, user["username"])
            cli_audit(db, "user.unlock", f"user:{username}", {"failures": cleared})
    finally:
        db.close()
    click.echo(f"{username!r} unlocked: {cleared} failed or refused logins forgotten")


@users_cli.command("remove-totp")
@click.argument("username")
def remove_totp_command(username):
    """Remove an account's second factor (a lost phone); it can set up a new one after logging in."""
    db = connect(current_app.config["DATABASE"])
    try:
        user = existing_user(db, username)
        with transaction(db):
            set_totp_secret(db, user["id"], None)
            cli_audit(db, "user.totp_off", f"user:{username}", None)
    finally:
        db.close()
    required = " (ADMIN_REQUIRE_TOTP: a new one is asked for at the next login)" \
        if current_app.config["ADMIN_REQUIRE_TOTP"] else ""
    click.echo(f"second factor of {username!r} removed{required}")


@users_cli.command("list")
def list_command():
    """Print every account: name, role, second factor."""
    db = connect(current_app.config["DATABASE"])
    try:
        for row in db.execute("SELECT username, role, totp_secret IS NOT NULL AS totp, active "
                              "FROM users ORDER BY username"):
            flags = ("totp" if row["totp"] else "no-totp") + ("" if row["active"] else " disabled")
            click.echo(f"{row['username']}\t{row['role']}\t{flags}")
    finally:
        db.close()


def init_app(app):
    """Register the `users` command group."""
    app.cli.add_command(users_cli)
