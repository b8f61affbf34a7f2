"""/admin: operator accounts, composing and approving notices, follow-ups, review queue, shelters, audit.

Publishing calls `app.extensions["on_publish"]` hooks after commit (see publish.py).
"""

from flask import current_app, render_template

from ..i18n import utcnow

from . import (account, audit, auth, cli, notice_views, public_reports, push_views, review, sessions,
               shelter_admin)
from .desk import zone_label
from .guard import bp
from .forms import PROBLEM_LABELS
from .roles import ROLE_LABELS

for child in (auth.bp, notice_views.bp, account.bp, review.bp, shelter_admin.bp, audit.bp, push_views.bp):
    bp.register_blueprint(child)


@bp.errorhandler(403)
def forbidden(_error):
    """A role that may not do this: say so, inside the admin layout."""
    return render_template("admin/forbidden.html"), 403


@bp.errorhandler(413)
def too_large(_error):
    """A request body past MAX_CONTENT_LENGTH (a shelter file too big): say what the limit is."""
    limit_mb = max(1, int(current_app.config["MAX_CONTENT_LENGTH"] or 0) // (1024 * 1024))
    return render_template("admin/too_large.html", limit_mb=limit_mb, generated=utcnow()), 413


def init_app(app):
    """Cookie settings, blueprints, the no-store rule, the on_publish list and the CLI."""
    if app.debug:
        # The __Host- prefix needs a Secure cookie, which plain-HTTP development cannot keep.
        app.config["SESSION_COOKIE_NAME"] = "session"
        app.config["SESSION_COOKIE_SECURE"] = False
    app.extensions.setdefault("on_publish", [])
    sessions.init_app(app)
    app.register_blueprint(bp)
    # App-wide, not on the blueprint: 404s under /admin match no admin view but are admin pages too.
    app.register_blueprint(public_reports.bp)
    app.add_template_global(lambda role: ROLE_LABELS.get(role, role), "role_label")
    app.add_template_global(lambda problem: PROBLEM_LABELS.get(problem, problem), "problem_label")
    app.add_template_global(lambda: zone_label(app.extensions["region"].timezone, utcnow()), "admin_zone")
    cli.init_app(app)
