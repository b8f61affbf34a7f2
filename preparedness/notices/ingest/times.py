"""Lenient timestamps: ISO-8601 with or without an offset, 'Z' or '-00:00', as aware UTC."""

import re
from datetime import datetime, timezone

# Fractional seconds of any length; fromisoformat in 3.11 wants at most 6 digits.
FRACTION = re.compile(r"(\.\d{1,6})\d*")


def parse_time(text, default_tz=timezone.utc):
    """An aware UTC datetime from `text`, or None when it is not a timestamp we can read.

    A time without an offset is taken to be in `default_tz` (CAP requires an offset; feeds forget it).
    """
    if not isinstance(text, str):
        return None
    value = text.strip()
    if not 10 <= len(value) <= 40:
        return None
    value = FRACTION.sub(r"\1", value.replace(" ", "T", 1))
    if value[-1:] in "zZ":
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=default_tz)
        return parsed.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None


def from_unixtime(value):
    """An aware UTC datetime from a Unix timestamp (int or numeric string), or None."""
    try:
        return datetime.fromtimestamp(int(value), timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
