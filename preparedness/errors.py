"""Friendly error pages in the reader's language, each with every security header.

A write that cannot get the database (another writer holds it for longer than the busy timeout, the
file is read-only, the disk is full) answers 503 "busy, try again" with Retry-After, never a 500;
the operator reads why in the log.
"""

import sqlite3

from flask import current_app, render_template, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from .headers import add_security_headers

# Seconds a reader is asked to wait before sending again when the database is busy.
RETRY_AFTER = 10

# SQLite conditions that stop a write for a while (not a fault of the request): why, for the log.
UNAVAILABLE = {
    "SQLITE_BUSY": "another writer (an import?) held the database longer than the busy timeout",
    "SQLITE_LOCKED": "another writer held the database longer than the busy timeout",
    "SQLITE_READONLY": "the database is read-only: give the service user write access to the file "
                       "and its folder (the -wal and -shm files live there), then restart",
    "SQLITE_FULL": "the disk holding the database is full: free space, nothing needs restoring",
    "SQLITE_IOERR": "the disk refused a write (full, failing or gone read-only)",
    "SQLITE_CANTOPEN": "the database file or its folder cannot be opened for writing",
}


def unavailable_reason(error):
    """Why SQLite refused, for the operator's log, if it is a passing condition; else None."""
    if not isinstance(error, sqlite3.OperationalError):
        return None
    name = (getattr(error, "sqlite_errorname", "") or "").split("_")
    code = "_".join(name[:2])
    if code in UNAVAILABLE:
        return UNAVAILABLE[code]
    text = str(error)
    if "locked" in text or "busy" in text:
        return UNAVAILABLE["SQLITE_BUSY"]
    if "readonly" in text:
        return UNAVAILABLE["SQLITE_READONLY"]
    if "disk is full" in text or "disk I/O" in text:
        return UNAVAILABLE["SQLITE_FULL" if "full" in text else "SQLITE_IOERR"]
    return None


def error_page(code):
    """The error page for `code`, or a plain one if the page itself cannot be rendered."""
    try:
        return render_template("errors/error.html", code=code)
    except Exception:  # the page that explains an error must not fail in turn
        current_app.logger.exception("the error page for %s could not be rendered", code)
        return fallback_page()


def fallback_page():
    """A page without the site's layout, still in the reader's language where that works."""
    try:
        from flask_babel import gettext
        title, text = gettext("Something went wrong"), gettext(
            "The page could not be shown. Try again in a moment.")
    except Exception:  # no translations either: say it in the region's language and in English
        title, text = "Что-то пошло не так / Something went wrong", "Попробуйте позже. Try again later."
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
            f"<body><h1>{escape(title)}</h1><p>{escape(text)}</p></body></html>")


def render_error(error):
    """An HTTP error as a page the reader can act on."""
    code = error.code if isinstance(error, HTTPException) else 500
    original = getattr(error, "original_exception", None)
    if isinstance(error, InternalServerError) and unavailable_reason(original):
        return render_unavailable(original)
    response = current_app.make_response((error_page(code), code))
    if code == 405 and isinstance(error, HTTPException):
        response.headers["Allow"] = ", ".join(error.valid_methods or ())
    return add_security_headers(response, hsts=not current_app.debug)


def render_unavailable(error):
    """503 "busy, try again" with Retry-After; the reason goes to the log, not to the reader."""
    current_app.logger.error("%s %s answered 503: %s (%s)", request.method, request.path,
                             unavailable_reason(error), error)
    response = current_app.make_response((error_page(503), 503))
    response.headers["Retry-After"] = str(RETRY_AFTER)
    response.headers["Cache-Control"] = "no-store"
    return add_security_headers(response, hsts=not current_app.debug)


def init_app(app):
    """Register the handlers for the errors a reader can meet."""
    for code in (400, 404, 405, 413, 500, 503):
        app.register_error_handler(code, render_error)
    app.register_error_handler(sqlite3.OperationalError, handle_database_error)


def handle_database_error(error):
    """A passing SQLite condition becomes 503; anything else is a 500 (logged with its trace)."""
    if unavailable_reason(error):
        return render_unavailable(error)
    current_app.logger.error("unexpected database error on %s %s", request.method, request.path,
                             exc_info=error)
    return render_error(InternalServerError(original_exception=error))
