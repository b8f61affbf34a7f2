"""Helpers for the admin tests (no tests here): accounts, CSRF tokens from real pages, logging in."""

import re
from datetime import datetime, timezone

from preparedness.admin.users import create_user
from preparedness.db import connect, transaction

PASSWORD = "correct horse battery staple"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def add_user(app, username, role, password=PASSWORD):
    """Create an account directly in the app's database; returns its id."""
    db = connect(app.config["DATABASE"])
    try:
        with transaction(db):
            return create_user(db, username, role, password, datetime.now(timezone.utc))
    finally:
        db.close()


def english_client(app, address="192.0.2.10"):
    """A test client that asks for English and comes from `address`."""
    client = app.test_client()
    client.environ_base.update(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)
    return client


def csrf_token(html):
    """The CSRF token a page's form carries."""
    found = TOKEN.search(html)
    assert found, "no csrf_token on the page"
    return found.group(1) or found.group(2)


def post_form(client, url, data, page=None, **kwargs):
    """GET the form page (or `page`), take its CSRF token and POST `data` with it, as a browser does."""
    html = client.get(page or url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf_token(html), **data}, **kwargs)


def login(client, username, password=PASSWORD):
    """Log in through the real form; returns the response."""
    return post_form(client, "/admin/login", {"username": username, "password": password})


def query(app, sql, args=()):
    """Rows from the app's database."""
    db = connect(app.config["DATABASE"])
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def execute(app, sql, args=()):
    """Change the app's database directly (to set up a situation a test needs)."""
    db = connect(app.config["DATABASE"])
    try:
        db.execute(sql, args)
    finally:
        db.close()
