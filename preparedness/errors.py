"""Friendly error pages in the reader's language."""

from flask import render_template
from werkzeug.exceptions import HTTPException


def render_error(error):
    """An HTTP error as a page the reader can act on."""
    code = error.code if isinstance(error, HTTPException) else 500
    return render_template("errors/error.html", code=code), code


def init_app(app):
    """Register the handlers for the errors a reader can meet."""
    for code in (400, 404, 405, 500):
        app.register_error_handler(code, render_error)
