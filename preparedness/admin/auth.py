"""Logging in (password, then a code when a second factor is on), limits on failures, logging out."""

from datetime import timedelta

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..db import get_db, transaction
from ..i18n import parse_utc, utcnow
from ..notices.store import iso
from . import audit, totp
from .forms import CodeForm, LoginForm
from .guard import safe_next, start_session
from .users import password_matches, use_totp_step, user_by_id, user_by_name

bp = Blueprint("auth", __name__)
ACCOUNT_WINDOW = timedelta(hours=1)
PENDING_CODE_MINUTES = 5


def failures_since(db, column, value, since):
    """Failed attempts for a username or a client address since a time."""
    return db.execute(f"SELECT count(*) FROM login_attempts WHERE {column} = ? AND at >= ? "
                      "AND outcome = 'failed'", (value, iso(since))).fetchone()[0]


def refusal(db, username, address, now):
    """'locked' (the account), 'throttled' (this client) or None — decided before any password check."""
    config = current_app.config
    if failures_since(db, "username", username, now - ACCOUNT_WINDOW) >= config["ADMIN_MAX_FAILED_PER_ACCOUNT"]:
        return "locked"
    client_window = timedelta(minutes=config["ADMIN_CLIENT_WINDOW_MINUTES"])
    if failures_since(db, "address", address, now - client_window) >= config["ADMIN_MAX_FAILED_PER_CLIENT"]:
        return "throttled"
    return None


def note_attempt(db, username, outcome, user=None):
    """Log the attempt (for the limits) and an audit entry, in one transaction."""
    with transaction(db):
        db.execute("INSERT INTO login_attempts (username, address, at, outcome) VALUES (?, ?, ?, ?)",
                   (username[:64], audit.client_address(), iso(utcnow()), outcome))
        audit.record(db, "login" if outcome == "ok" else f"login.{outcome}", f"user:{username[:64]}",
                     user=user, username=username[:64])


def refused_page(form, outcome, template="admin/login.html"):
    """The login page saying why no password was checked (429)."""
    if outcome == "locked":
        message = _("Too many failed attempts for this account in the last hour. The account is "
                    "locked for now: try again later or ask an administrator.")
    else:
        message = ngettext("Too many failed attempts from your connection. Wait %(num)d minute.",
                           "Too many failed attempts from your connection. Wait %(num)d minutes.",
                           current_app.config["ADMIN_CLIENT_WINDOW_MINUTES"])
    flash(message, "error")
    return render_template(template, form=form, generated=utcnow()), 429


def code_problem(db, user, code, now):
    """Why a one-time code does not log in (a message), or None after spending its time step."""
    step = totp.matching_step(user["totp_secret"], code, now.timestamp())
    if step is None:
        return _("That code is not valid. Check your phone's clock and try the next code.")
    with transaction(db):
        fresh = use_totp_step(db, user["id"], step)
    # I18N: a one-time code is accepted once; the app shows a new one every 30 seconds
    return None if fresh else _("That code was already used. Wait for the next code.")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Step one: username and password."""
    form = LoginForm()
    if g.user is not None:
        return redirect(url_for("admin.home.index"))
    if request.method == "GET":
        return render_template("admin/login.html", form=form, generated=utcnow())
    if not form.validate():
        return render_template("admin/login.html", form=form, generated=utcnow()), 400
    db, username = get_db(), form.username.data.strip()
    outcome = refusal(db, username, audit.client_address(), utcnow())
    if outcome:
        note_attempt(db, username, outcome)
        return refused_page(form, outcome)
    user = user_by_name(db, username)
    if not password_matches(user, form.password.data):
        note_attempt(db, username, "failed")
        flash(_("Wrong username or password."), "error")
        return render_template("admin/login.html", form=form, generated=utcnow()), 400
    next_path = safe_next(request.args.get("next"))
    if user["totp_secret"]:
        session.clear()
        session.update(pending_uid=user["id"], pending_at=iso(utcnow()), pending_next=next_path)
        return redirect(url_for(".login_code"))
    note_attempt(db, username, "ok", user=user)
    start_session(user, utcnow())
    return redirect(next_path)


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():
    """Step two, for accounts with a second factor: the current six-digit code."""
    db, now = get_db(), utcnow()
    pending = session.get("pending_uid")
    user = user_by_id(db, pending) if pending else None
    if user is None or now - parse_utc(session["pending_at"]) > timedelta(minutes=PENDING_CODE_MINUTES):
        session.clear()
        return redirect(url_for(".login"))
    form = CodeForm()
    if request.method == "GET":
        return render_template("admin/login_code.html", form=form, generated=now)
    if not form.validate():
        return render_template("admin/login_code.html", form=form, generated=now), 400
    outcome = refusal(db, user["username"], audit.client_address(), now)
    if outcome:
        note_attempt(db, user["username"], outcome)
        session.clear()
        return refused_page(LoginForm(), outcome)
    problem = code_problem(db, user, form.code.data, now)
    if problem:
        note_attempt(db, user["username"], "failed")
        flash(problem, "error")
        return render_template("admin/login_code.html", form=form, generated=now), 400
    next_path = session.get("pending_next") or url_for("admin.home.index")
    note_attempt(db, user["username"], "ok", user=user)
    start_session(user, now)
    return redirect(safe_next(next_path))


@bp.post("/logout")
def logout():
    """End this session."""
    db = get_db()
    with transaction(db):
        audit.record(db, "logout", f"user:{g.user['username']}")
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for(".login"))
