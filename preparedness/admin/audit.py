"""The audit log: who did what, when, from which address, with before/after for edits."""

import json

from flask import Blueprint, g, render_template, request

from ..db import get_db
from ..i18n import utcnow
from ..notices.store import iso
from .guard import requires

bp = Blueprint("audit", __name__, url_prefix="/audit")
PAGE_SIZE = 100


def client_address():
    """The address of the request's client (the proxy's, unless a ProxyFix is configured)."""
    return request.remote_addr or ""


def as_json(value):
    """A value as stored JSON, or None."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True,
                                                 default=str)


def record(db, action, target="", before=None, after=None, user=None, username=None):
    """Append one entry; call it inside the transaction that makes the change."""
    user = user if user is not None else g.get("user")
    db.execute("INSERT INTO audit_log (at, user_id, username, action, target, address, before, after) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (iso(utcnow()), user["id"] if user else None,
                user["username"] if user else (username or "-"), action, target, client_address(),
                as_json(before), as_json(after)))


def entries(db, before_id=None, limit=PAGE_SIZE):
    """Newest entries first, optionally older than `before_id`."""
    where, args = ("WHERE id < ?", [before_id]) if before_id else ("", [])
    return db.execute(f"SELECT * FROM audit_log {where} ORDER BY id DESC LIMIT ?",
                      args + [limit]).fetchall()


@bp.get("/")
@requires("audit")
def index():
    """The audit log, newest first, a page at a time."""
    before_id = request.args.get("before", type=int)
    rows = entries(get_db(), before_id)
    older = rows[-1]["id"] if len(rows) == PAGE_SIZE else None
    return render_template("admin/audit.html", rows=rows, older=older, generated=utcnow())
