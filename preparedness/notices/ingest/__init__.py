"""Notices ingestion: parsers (CAP, RSS/Atom, Telegram export), classification, validation, pipeline."""

from .errors import ParseError

__all__ = ["ParseError"]
