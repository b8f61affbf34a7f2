"""Operator sessions kept in the database; the cookie holds only a signed random token.

A session that holds a logged-in operator (or one half-way through the login) lives in the
`operator_sessions` table, so deleting its row ends it for good: a cookie copied before a logout,
"log out everywhere" or a new password no longer logs anybody in. Any other session (a visitor's CSRF
token on the login page or a resident's problem report) stays a signed cookie, as Flask keeps it, so
nothing is stored on the server for people who never log in.
"""

import hashlib
import secrets
from datetime import timedelta

from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, TimestampSigner

from ..db import get_db, transaction
from ..i18n import utcnow
from ..notices.store import iso

# Keys that make a session worth keeping on the server.
SERVER_KEYS = ("uid", "pending_uid")


class OperatorSession(SecureCookieSession):
    """A session that may have a stored row: `token` is the cookie's secret, `renew` asks for a new one."""

    token = None
    renew = False


def row_id(token):
    """The stored id of a cookie token (its hash: the table cannot be used to forge cookies)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def lifetime(app):
    """How long a stored row may live: past the absolute limit, which the guard enforces with a message."""
    return timedelta(hours=app.config["ADMIN_SESSION_ABSOLUTE_HOURS"] + 1)


def owner(session):
    """The account a stored session belongs to (logged in, or between password and code)."""
    return session.get("uid") or session.get("pending_uid")


def end_sessions(db, user_id, keep_token=None):
    """Delete every stored session of a user (but `keep_token`'s); returns how many ended."""
    keep = row_id(keep_token) if keep_token else ""
    return db.execute("DELETE FROM operator_sessions WHERE user_id = ? AND id != ?",
                      (user_id, keep)).rowcount


class OperatorSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with logged-in sessions moved into the database."""

    session_class = OperatorSession

    def token_signer(self, app):
        """Signs the token the cookie carries (a different salt from cookie-kept sessions)."""
        return TimestampSigner(app.secret_key, salt="operator-session-token")

    def open_session(self, app, request):
        """The stored session the cookie names, else a cookie-kept one, else a new empty one."""
        value = request.cookies.get(self.get_cookie_name(app))
        if not value or app.secret_key is None:
            return self.cookie_session(app, request)
        try:
            token = self.token_signer(app).unsign(value, max_age=int(lifetime(app).total_seconds()))
        except BadSignature:
            return self.cookie_session(app, request)
        # Idle and absolute timeouts are the guard's (it says why a session ended); expires_at only
        # lets old rows be swept away.
        row = get_db().execute("SELECT data FROM operator_sessions WHERE id = ?",
                               (row_id(token.decode("ascii")),)).fetchone()
        if row is None:
            # Ended (logout, log out everywhere, new password) or swept away: start afresh.
            return self.session_class()
        session = self.session_class(self.serializer.loads(row["data"]))
        session.token = token.decode("ascii")
        return session

    def cookie_session(self, app, request):
        """A session kept in the cookie, without any login state (a cookie from before sessions moved
        into the database must not log anyone in: such state is only ever read from a stored row)."""
        session = super().open_session(app, request)
        if session is not None and any(key in session for key in SERVER_KEYS):
            return self.session_class()
        return session

    def save_session(self, app, session, response):
        """Store a logged-in session's changes; a session without an operator goes back to the cookie."""
        wants_row = any(key in session for key in SERVER_KEYS)
        if session.token and (not wants_row or session.renew):
            with transaction(get_db()):
                get_db().execute("DELETE FROM operator_sessions WHERE id = ?", (row_id(session.token),))
            session.token = None
        if not wants_row:
            return super().save_session(app, session, response)
        if session.accessed:
            response.vary.add("Cookie")
        if session.token is None:
            self.store_new(app, session, response)
        elif session.modified:
            with transaction(get_db()):
                get_db().execute("UPDATE operator_sessions SET data = ?, user_id = ?, seen_at = ? "
                                 "WHERE id = ?", (self.serializer.dumps(dict(session)), owner(session),
                                                  iso(utcnow()), row_id(session.token)))
        return None

    def store_new(self, app, session, response):
        """Insert a row under a fresh token and send the signed token as the cookie."""
        token, now = secrets.token_urlsafe(32), utcnow()
        db = get_db()
        with transaction(db):
            db.execute("DELETE FROM operator_sessions WHERE expires_at <= ?", (iso(now),))
            db.execute("INSERT INTO operator_sessions (id, user_id, data, created_at, seen_at, expires_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       (row_id(token), owner(session), self.serializer.dumps(dict(session)),
                        iso(now), iso(now), iso(now + lifetime(app))))
        session.token, session.renew = token, False
        response.set_cookie(
            self.get_cookie_name(app), self.token_signer(app).sign(token).decode("ascii"),
            httponly=self.get_cookie_httponly(app), secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app), domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app), partitioned=self.get_cookie_partitioned(app))


def renew_session(session):
    """Ask for a new token at the end of this request (after a login: no fixation)."""
    session.renew = True


def init_app(app):
    """Use database-kept sessions for operators."""
    app.session_interface = OperatorSessionInterface()
