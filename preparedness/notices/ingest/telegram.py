"""Telegram Desktop channel export (result.json) to plain message records."""

import json

from .errors import ParseError
from .times import from_unixtime, parse_time

MAX_BYTES = 200_000_000
# What Telegram Desktop writes as the export's "type": only channels speak for an authority.
CHANNEL_TYPES = ("public_channel", "private_channel")
CHAT_TYPES = {"personal_chat": "a personal chat", "bot_chat": "a chat with a bot",
              "saved_messages": "Saved Messages", "private_group": "a private group",
              "private_supergroup": "a private group", "public_supergroup": "a public group"}


def parse_telegram_export(data, allow_chat=False):
    """The channel (id, name) and its ordinary messages; service messages are left out.

    Chats and groups are refused (anyone may write in them) unless `allow_chat` says an operator
    named this chat as a source.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise ParseError("expected bytes")
    if len(data) > MAX_BYTES:
        raise ParseError(f"file is larger than {MAX_BYTES} bytes")
    try:
        export = json.loads(bytes(data))
    except RecursionError:
        raise ParseError("JSON nested too deeply") from None
    except ValueError as exc:
        raise ParseError(f"not JSON: {exc}") from None
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        raise ParseError("not a Telegram Desktop export: no \"messages\" list at the top level")
    refuse_chat(export.get("type"), allow_chat)
    channel_id = export.get("id")
    if not isinstance(channel_id, (int, str)) or isinstance(channel_id, bool) or str(channel_id) == "":
        raise ParseError("not a Telegram Desktop channel export: no channel \"id\"")
    messages = [message_record(m) for m in export["messages"]
                if isinstance(m, dict) and m.get("type", "message") == "message"]
    return {"format": "telegram", "channel_id": str(channel_id),
            "channel_name": str(export.get("name") or ""), "channel_type": str(export.get("type") or ""),
            "messages": messages}


def refuse_chat(export_type, allow_chat):
    """ParseError, in one line, for an export of anything but a channel (unless allowed)."""
    if export_type in CHANNEL_TYPES or allow_chat:
        return
    if isinstance(export_type, str) and export_type:
        what = CHAT_TYPES.get(export_type, f"a chat of type {export_type[:40]!r}")
    else:
        what = "a chat that does not say its type"
    raise ParseError(f"this Telegram export is of {what}, not of a channel: only channel exports are "
                     "imported (to import this chat anyway, name it: --source NAME --allow-chat)")


def message_record(message):
    """One message: id, text, links, times (edits included) and the raw JSON."""
    message_id = message.get("id")
    if isinstance(message_id, bool) or not isinstance(message_id, (int, str)):
        message_id = ""
    text, links = flatten_text(message.get("text", ""))
    sent = from_unixtime(message.get("date_unixtime")) or parse_time(_str(message.get("date")))
    edited = from_unixtime(message.get("edited_unixtime")) or parse_time(_str(message.get("edited")))
    return {"id": str(message_id), "text": text, "links": links, "date": sent, "edited": edited,
            "author": _str(message.get("author") or message.get("from")),
            "raw": json.dumps(message, ensure_ascii=False, sort_keys=True)}


def flatten_text(text):
    """Plain text and link targets from a string, or a list of strings and {type, text} entities."""
    if isinstance(text, str):
        return text, []
    if not isinstance(text, list):
        return "", []
    parts, links = [], []
    for piece in text:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, dict):
            parts.append(_str(piece.get("text")))
            href = piece.get("href") if piece.get("type") == "text_link" else None
            if piece.get("type") == "link":
                href = piece.get("text")
            if isinstance(href, str) and href.startswith(("https://", "http://")):
                links.append(href)
    return "".join(parts), links


def _str(value):
    """`value` if it is a string, else ''."""
    return value if isinstance(value, str) else ""
