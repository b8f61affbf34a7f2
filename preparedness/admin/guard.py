"""Who is logged in: the session's user, its idle and absolute timeouts, role checks."""

from datetime import timedelta
from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..db import get_db
from ..i18n import parse_utc, utcnow
from ..notices.store import iso
from .drafts import DRAFT_STATE_LABELS
from .roles import allowed
from .sessions import renew_session
from .users import user_by_id

bp = Blueprint("admin", __name__, url_prefix="/admin")

# Reachable without a session (the login steps).
OPEN_ENDPOINTS = {"admin.auth.login", "admin.auth.login_code"}
# Reachable by a logged-in user who still has to set up the required second factor.
SETUP_ENDPOINTS = {"admin.account.totp_setup", "admin.auth.logout", "admin.auth.logout_everywhere"}
# Write the "last seen" time at most this often, so not every page sets a new cookie.
SEEN_RESOLUTION = timedelta(seconds=60)


def start_session(user, now):
    """A fresh session for a user who has passed every login step (no old data carried over)."""
    session.clear()
    session.update(uid=user["id"], epoch=user["session_epoch"], login_at=iso(now), seen_at=iso(now))
    # A new stored row and token: a token known before the login (fixation) logs nobody in.
    renew_session(session)


def end_reason(user, now):
    """Why the current session is no longer valid (a message), or None."""
    config = current_app.config
    if user is None or user["session_epoch"] != session.get("epoch"):
        # I18N: shown on the login page after a password change elsewhere or a removed account
        return _("Your session has ended. Log in again.")
    if now - parse_utc(session["login_at"]) > timedelta(hours=config["ADMIN_SESSION_ABSOLUTE_HOURS"]):
        return ngettext("You were logged in for %(num)d hour: log in again.",
                        "You were logged in for %(num)d hours: log in again.",
                        config["ADMIN_SESSION_ABSOLUTE_HOURS"])
    if now - parse_utc(session["seen_at"]) > timedelta(minutes=config["ADMIN_SESSION_IDLE_MINUTES"]):
        return ngettext("Your session ended after %(num)d minute without activity. Log in again.",
                        "Your session ended after %(num)d minutes without activity. Log in again.",
                        config["ADMIN_SESSION_IDLE_MINUTES"])
    return None


def load_user():
    """Put the session's user on g.user (None when logged out or the session has ended)."""
    g.user = None
    if "uid" not in session:
        return None
    now = utcnow()
    user = user_by_id(get_db(), session["uid"])
    reason = end_reason(user, now)
    if reason:
        session.clear()
        flash(reason, "warning")
        return None
    if now - parse_utc(session["seen_at"]) >= SEEN_RESOLUTION:
        session["seen_at"] = iso(now)
    g.user = user
    return user


def safe_next(target):
    """`target` if it is a path inside /admin, else the admin home."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/admin/") or "\\" in target:
        return url_for("admin.home.index")
    return target


@bp.before_request
def guard():
    """Every admin page but the login steps needs a valid session (and a second factor if required)."""
    user = load_user()
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    if user is None:
        next_path = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("admin.auth.login", next=next_path))
    if (current_app.config["ADMIN_REQUIRE_TOTP"] and not user["totp_secret"]
            and request.endpoint not in SETUP_ENDPOINTS):
        flash(_("Set up a second factor before you continue."), "warning")
        return redirect(url_for("admin.account.totp_setup"))
    return None


def requires(permission):
    """Decorate a view so only roles with `permission` reach it (403 for the others)."""

    def decorate(view):
        @wraps(view)
        def checked(*args, **kwargs):
            if g.get("user") is None or not allowed(g.user["role"], permission):
                abort(403)
            return view(*args, **kwargs)

        return checked

    return decorate


@bp.app_template_global()
def draft_state_label(state):
    """A draft's state in the operator's language."""
    return DRAFT_STATE_LABELS.get(state, state)


@bp.app_template_global()
def may(permission):
    """Whether the logged-in operator may do something (for menus and buttons)."""
    return g.get("user") is not None and allowed(g.user["role"], permission)
