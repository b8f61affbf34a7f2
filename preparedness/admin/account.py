"""One's own account: change the password (ends every other session), set up the second factor."""

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..db import get_db, transaction
from ..i18n import utcnow
from . import audit, totp
from .forms import PasswordForm, TotpSetupForm
from .guard import start_session
from .users import password_matches, set_password, set_totp_secret, user_by_id

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
            audit.record(db, "user.password", f"user:{g.user['username']}",
                         after={"session_epoch": epoch})
        # This session carries on under the new epoch; all the others no longer match it.
        start_session(user_by_id(db, g.user["id"]), now)
        flash(_("Password changed. You were logged out everywhere else."), "info")
        return redirect(url_for("admin.home.index"))
    return render_template("admin/password.html", form=form, generated=utcnow()), 400


@bp.route("/totp", methods=["GET", "POST"])
def totp_setup():
    """Turn the second factor on: show a new secret, confirm it with the first code."""
    form = TotpSetupForm()
    if request.method == "GET" or not form.secret.data:
        form.secret.data = totp.new_secret()
        return render_template("admin/totp.html", form=form, uri=uri_for(form.secret.data),
                               generated=utcnow())
    if form.validate() and totp.verify(form.secret.data, form.code.data, utcnow().timestamp()):
        db = get_db()
        with transaction(db):
            set_totp_secret(db, g.user["id"], form.secret.data)
            audit.record(db, "user.totp_on", f"user:{g.user['username']}")
        flash(_("Second factor is on. You will be asked for a code at every login."), "info")
        return redirect(url_for("admin.home.index"))
    if not form.code.errors:
        form.code.errors = [_("That code is not valid. Check your phone's clock and try the next code.")]
    return render_template("admin/totp.html", form=form, uri=uri_for(form.secret.data),
                           generated=utcnow()), 400


def uri_for(secret):
    """The otpauth:// URI for the logged-in operator."""
    return totp.provisioning_uri(secret, g.user["username"], current_app.config["ADMIN_TOTP_ISSUER"])
