"""Logging in (password, then a code when a second factor is on), limits on failures, logging out."""

import math
from datetime import timedelta

from flask import (Blueprint, current_app, flash, g, make_response, redirect, render_template, request,
                   session, url_for)
from flask_babel import gettext as _
from flask_babel import ngettext

from ..db import get_db, transaction
from ..i18n import parse_utc, utcnow
from ..notices.store import iso
from . import audit, totp
from .forms import CodeForm, LoginForm
from .guard import safe_next, start_session
from .limits import wait_seconds
from .sessions import end_sessions
from .users import password_matches, use_totp_step, user_by_id, user_by_name

bp = Blueprint("auth", __name__)
PENDING_CODE_MINUTES = 5


def note_attempt(db, username, outcome, user=None):
    """Log the attempt (for the limits) and an audit entry, in one transaction."""
    with transaction(db):
        db.execute("INSERT INTO login_attempts (username, address, at, outcome) VALUES (?, ?, ?, ?)",
                   (username[:64], audit.client_address(), iso(utcnow()), outcome))
        audit.record(db, "login" if outcome == "ok" else f"login.{outcome}", f"user:{username[:64]}",
                     user=user, username=username[:64])


def refused_page(form, wait, template="admin/login.html"):
    """The login page saying how long to wait before the next try (429 with Retry-After)."""
    if wait < 120:
        # I18N: after several wrong passwords; the wait grows with each one
        message = ngettext("Too many failed attempts. Wait %(num)d second and try again.",
                           "Too many failed attempts. Wait %(num)d seconds and try again.", wait)
    else:
        message = ngettext("Too many failed attempts. Wait %(num)d minute and try again.",
                           "Too many failed attempts. Wait %(num)d minutes and try again.",
                           math.ceil(wait / 60))
    flash(message, "error")
    response = make_response(render_template(template, form=form, generated=utcnow()), 429)
    response.headers["Retry-After"] = str(wait)
    return response


def wait_for(db, username, now):
    """Seconds this client must wait before `username`'s password or code is checked."""
    return wait_seconds(db, username, audit.client_address(), now, current_app.config)


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
    wait = wait_for(db, username, utcnow())
    if wait:
        note_attempt(db, username, "throttled")
        return refused_page(form, wait)
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
    wait = wait_for(db, user["username"], now)
    if wait:
        note_attempt(db, user["username"], "throttled")
        return refused_page(form, wait, "admin/login_code.html")
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
    """End this session (its stored row goes, so a copy of the cookie no longer works)."""
    db = get_db()
    with transaction(db):
        audit.record(db, "logout", f"user:{g.user['username']}")
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for(".login"))


@bp.post("/logout/everywhere")
def logout_everywhere():
    """End every session of this account, on every device, this one included."""
    db = get_db()
    with transaction(db):
        ended = end_sessions(db, g.user["id"])
        audit.record(db, "logout.everywhere", f"user:{g.user['username']}", after={"sessions": ended})
    session.clear()
    # I18N: after "log out everywhere": every device that was logged in must log in again
    flash(_("You are logged out on every device."), "info")
    return redirect(url_for(".login"))
