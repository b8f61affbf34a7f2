"""Common passwords an operator may not choose (the list and its origin: data/README.md)."""

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def common_passwords():
    """The 10,000 most common passwords, lower-cased, as a set (read once)."""
    text = resources.files("preparedness.admin").joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def is_common_password(password):
    """Whether a password is a common one, alone or with digits and symbols around it ("password1234")."""
    lowered = password.strip().lower()
    core = lowered.strip("0123456789!@#$%^&*()-_=+.,;:?~ ")
    known = common_passwords()
    return lowered in known or (len(core) >= 4 and core in known) or len(set(lowered)) <= 2
