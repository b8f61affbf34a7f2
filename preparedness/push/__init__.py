"""Web Push: subscriptions per area, a queue of notices to announce, and the sender.

Publishing (from /admin, or an import that publishes) queues one job per notice version; a sender
outside the request (a thread the publish wakes, or `flask notices watch`) fans it out.
"""

from functools import partial

from . import status
from .api import bp
from .cli import push_cli
from .keys import application_server_key
from .worker import BackgroundSender, announce


def init_app(app):
    """The subscription API (CSRF-exempt: it checks Origin), CLI, publish hook and page helpers."""
    app.register_blueprint(bp)
    app.register_blueprint(status.bp)
    csrf = app.extensions.get("csrf")
    if csrf is not None:
        csrf.exempt(bp)
    app.cli.add_command(push_cli)
    app.extensions["push_sender"] = BackgroundSender(app)
    app.extensions.setdefault("on_publish", []).append(partial(announce, app))
    app.jinja_env.globals["push_public_key"] = partial(application_server_key, app)
    app.jinja_env.globals["live_version"] = status.live_version
