"""/admin: operator accounts, composing and approving notices, follow-ups, review queue, shelters, audit.

Publishing calls `app.extensions["on_publish"]` hooks after commit (see publish.py).
"""

from flask import render_template

from . import account, audit, auth, cli, notice_views, public_reports, review, shelter_admin
from .guard import bp
from .forms import PROBLEM_LABELS
from .roles import ROLE_LABELS

for child in (auth.bp, notice_views.bp, account.bp, review.bp, shelter_admin.bp, audit.bp):
    bp.register_blueprint(child)


@bp.errorhandler(403)
def forbidden(_error):
    """A role that may not do this: say so, inside the admin layout."""
    return render_template("admin/forbidden.html"), 403


def init_app(app):
    """Cookie settings, blueprints, the no-store rule, the on_publish list and the CLI."""
    if app.debug:
        # The __Host- prefix needs a Secure cookie, which plain-HTTP development cannot keep.
        app.config["SESSION_COOKIE_NAME"] = "session"
        app.config["SESSION_COOKIE_SECURE"] = False
    app.extensions.setdefault("on_publish", [])
    app.register_blueprint(bp)
    # App-wide, not on the blueprint: 404s under /admin match no admin view but are admin pages too.
    app.register_blueprint(public_reports.bp)
    app.add_template_global(lambda role: ROLE_LABELS.get(role, role), "role_label")
    app.add_template_global(lambda problem: PROBLEM_LABELS.get(problem, problem), "problem_label")
    cli.init_app(app)
