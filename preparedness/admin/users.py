"""Operator accounts: create, look up, change password (which ends every session)."""

from werkzeug.security import check_password_hash, generate_password_hash

from ..notices.store import iso
from .passwords import is_common_password
from .roles import ROLES

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
# Checked against when the username is unknown, so both cases cost the same time.
DUMMY_HASH = generate_password_hash("not-a-real-password-0000", method="scrypt")


class UserError(ValueError):
    """An account cannot be created or changed; the message says why."""


def password_problem(password):
    """Why a password is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"password must have at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"password must have at most {MAX_PASSWORD_LENGTH} characters"
    if is_common_password(password):
        return "password is in the list of common passwords (or one with digits added); choose another"
    return None


def hash_password(password):
    """The stored form of a password (scrypt)."""
    return generate_password_hash(password, method="scrypt")


def password_matches(user, password):
    """Whether `password` is the user's (or burn the same time for an unknown user)."""
    if user is None:
        check_password_hash(DUMMY_HASH, password)
        return False
    return check_password_hash(user["password_hash"], password)


def user_by_name(db, username):
    """The active account with this username (any case), or None."""
    return db.execute("SELECT * FROM users WHERE username = ? AND active = 1",
                      (username.strip(),)).fetchone()


def user_by_id(db, user_id):
    """The active account with this id, or None."""
    return db.execute("SELECT * FROM users WHERE id = ? AND active = 1", (user_id,)).fetchone()


def create_user(db, username, role, password, now):
    """Create an account; UserError if the name is taken or the input is not acceptable."""
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise UserError("username must be 1-64 characters without spaces")
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    problem = password_problem(password)
    if problem:
        raise UserError(problem)
    if db.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
        raise UserError(f"user {username!r} already exists; nothing changed")
    stamp = iso(now)
    cur = db.execute("INSERT INTO users (username, role, password_hash, created_at, "
                     "password_changed_at) VALUES (?, ?, ?, ?, ?)",
                     (username, role, hash_password(password), stamp, stamp))
    return cur.lastrowid


def set_password(db, user_id, password, now):
    """Store a new password and bump the session epoch, ending every session of the user."""
    problem = password_problem(password)
    if problem:
        raise UserError(problem)
    db.execute("UPDATE users SET password_hash = ?, password_changed_at = ?, "
               "session_epoch = session_epoch + 1 WHERE id = ?",
               (hash_password(password), iso(now), user_id))
    return db.execute("SELECT session_epoch FROM users WHERE id = ?", (user_id,)).fetchone()[0]


def set_totp_secret(db, user_id, secret, used_step=None):
    """Turn the second factor on (a secret, and the step of the code that confirmed it) or off (None)."""
    db.execute("UPDATE users SET totp_secret = ?, totp_last_step = ? WHERE id = ?",
               (secret, used_step, user_id))


def use_totp_step(db, user_id, step):
    """Spend a code's time step: True once, False if this or a later step was already used."""
    cur = db.execute("UPDATE users SET totp_last_step = ? WHERE id = ? "
                     "AND (totp_last_step IS NULL OR totp_last_step < ?)", (step, user_id, step))
    return cur.rowcount == 1
