"""One's own account: change the password (ends every other session), the second factor on or off."""

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..db import get_db, transaction
from ..i18n import utcnow
from . import audit, totp
from .forms import PasswordForm, TotpOffForm, TotpSetupForm
from .auth import note_attempt
from .guard import start_session
from .limits import wait_seconds
from .sessions import end_sessions
from .users import password_matches, set_password, set_totp_secret, use_totp_step, user_by_id

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change the password; every other session of this account ends at once."""
    form = PasswordForm()
    if request.method == "GET":
        return render_template("admin/password.html", form=form, generated=utcnow())
    if form.validate() and not password_matches(g.user, form.current.data):
        form.current.errors.append(_("This is not your current password."))
    elif form.validate():
        db, now = get_db(), utcnow()
        with transaction(db):
            epoch = set_password(db, g.user["id"], form.new.data, now)
            end_sessions(db, g.user["id"])
            audit.record(db, "user.password", f"user:{g.user['username']}",
                         after={"session_epoch": epoch})
        # This session carries on under the new epoch; all the others no longer match it.
        start_session(user_by_id(db, g.user["id"]), now)
        flash(_("Password changed. You were logged out everywhere else."), "info")
        return redirect(url_for("admin.home.index"))
    return render_template("admin/password.html", form=form, generated=utcnow()), 400


def totp_page(form=None, off_form=None, status=200):
    """The second-factor page: set up (a new secret) and, when allowed, turn off."""
    if form is None:
        form = TotpSetupForm(formdata=None)
    if not form.secret.data:
        form.secret.data = totp.new_secret()
    may_turn_off = bool(g.user["totp_secret"]) and not current_app.config["ADMIN_REQUIRE_TOTP"]
    return render_template("admin/totp.html", form=form, uri=uri_for(form.secret.data),
                           off_form=(off_form or TotpOffForm(formdata=None)) if may_turn_off else None,
                           generated=utcnow()), status


def owner_checked(form, code_field):
    """Whether the form proves the account's owner: the password and, with a second factor on, its code.

    Wrong passwords here count as failed logins, so a taken-over session cannot guess the password.
    """
    db, now, username = get_db(), utcnow(), g.user["username"]
    wait = wait_seconds(db, username, audit.client_address(), now, current_app.config)
    if wait:
        form.password.errors.append(ngettext("Too many failed attempts. Wait %(num)d second and try again.",
                                             "Too many failed attempts. Wait %(num)d seconds and try again.",
                                             wait))
        return False
    if not password_matches(g.user, form.password.data):
        note_attempt(db, username, "failed")
        form.password.errors.append(_("This is not your current password."))
        return False
    if not g.user["totp_secret"]:
        return True
    step = totp.matching_step(g.user["totp_secret"], code_field.data, now.timestamp())
    with transaction(db):
        fresh = step is not None and use_totp_step(db, g.user["id"], step)
    if not fresh:
        note_attempt(db, username, "failed")
        # I18N: changing or turning off the second factor asks for a code from the one in use now
        code_field.errors.append(_("Enter the code your app shows now for the second factor you use."))
    return fresh


@bp.route("/totp", methods=["GET", "POST"])
def totp_setup():
    """Turn the second factor on or replace it: password, current code (if on), the new one's first code."""
    form = TotpSetupForm()
    if request.method == "GET" or not form.secret.data:
        return totp_page()
    if not form.validate() or not owner_checked(form, form.current_code):
        return totp_page(form, status=400)
    step = totp.matching_step(form.secret.data, form.code.data, utcnow().timestamp())
    if step is not None:
        db = get_db()
        with transaction(db):
            # The confirming code is spent: it cannot also be used to log in.
            set_totp_secret(db, g.user["id"], form.secret.data, used_step=step)
            audit.record(db, "user.totp_on", f"user:{g.user['username']}",
                         after={"replaced": bool(g.user["totp_secret"])})
        flash(_("Second factor is on. You will be asked for a code at every login."), "info")
        return redirect(url_for("admin.home.index"))
    form.code.errors = [_("That code is not valid. Check your phone's clock and try the next code.")]
    return totp_page(form, status=400)


@bp.post("/totp/off")
def totp_off():
    """Turn one's own second factor off with the password and a current code (not when required)."""
    if not g.user["totp_secret"] or current_app.config["ADMIN_REQUIRE_TOTP"]:
        abort(403)
    form = TotpOffForm()
    if form.validate() and owner_checked(form, form.code):
        db = get_db()
        with transaction(db):
            set_totp_secret(db, g.user["id"], None)
            audit.record(db, "user.totp_off", f"user:{g.user['username']}")
        # I18N: after an operator turned their own second factor off
        flash(_("Second factor is off. Only your password is asked for at login."), "info")
        return redirect(url_for("admin.home.index"))
    return totp_page(off_form=form, status=400)


def uri_for(secret):
    """The otpauth:// URI for the logged-in operator."""
    return totp.provisioning_uri(secret, g.user["username"], current_app.config["ADMIN_TOTP_ISSUER"])
