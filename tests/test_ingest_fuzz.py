"""Fuzzing: arbitrary input never makes a parser raise anything but its own ParseError."""

import json
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest_helpers import DATA
from preparedness.config import DEFAULT_EXPIRY_MINUTES
from preparedness.notices.ingest.cap import parse_cap
from preparedness.notices.ingest.errors import ParseError
from preparedness.notices.ingest.feeds import parse_feed
from preparedness.notices.ingest.pipeline import ImportOptions, candidates
from preparedness.notices.ingest.telegram import parse_telegram_export
from preparedness.regions import load_region

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OPTIONS = ImportOptions(region=load_region("belgorod"), now=datetime(2026, 3, 1, tzinfo=timezone.utc),
                        default_expiry=DEFAULT_EXPIRY_MINUTES)
CAP_TEMPLATE = (DATA / "cap12_missile_ru_en.xml").read_text(encoding="utf-8")
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)


def only_parse_errors(parse, data):
    """Run a parser; a ParseError is fine, any other exception fails the test."""
    try:
        parse(data)
    except ParseError as exc:
        assert str(exc) and "\n" not in str(exc)


@FUZZ
@given(st.binary(max_size=2000))
def test_cap_parser_on_arbitrary_bytes(data):
    only_parse_errors(parse_cap, data)


@FUZZ
@given(st.binary(max_size=2000))
def test_feed_parser_on_arbitrary_bytes(data):
    only_parse_errors(parse_feed, data)


@FUZZ
@given(st.binary(max_size=2000))
def test_telegram_parser_on_arbitrary_bytes(data):
    only_parse_errors(parse_telegram_export, data)


@FUZZ
@given(st.binary(max_size=2000))
def test_whole_reading_on_arbitrary_bytes(data):
    only_parse_errors(lambda d: candidates(d, OPTIONS), data)


@FUZZ
@given(field=st.sampled_from(["identifier", "sent", "status", "msgType", "event", "expires",
                              "areaDesc", "polygon", "circle", "references", "language", "value"]),
       value=st.text(max_size=80))
def test_cap_with_any_field_value(field, value):
    xml = CAP_TEMPLATE.replace(f"<{field}>", f"<{field}>{escape(value)}", 1).encode("utf-8")
    only_parse_errors(lambda d: candidates(d, OPTIONS), xml)


@FUZZ
@given(message=st.dictionaries(st.sampled_from(["id", "type", "date", "date_unixtime", "edited",
                                                "edited_unixtime", "text", "from"]), JSON_VALUES),
       channel=JSON_VALUES)
def test_telegram_messages_of_any_shape(message, channel):
    data = json.dumps({"id": channel, "name": "x", "type": "public_channel",
                       "messages": [message, {"text": message.get("text")}]})
    only_parse_errors(lambda d: candidates(d, OPTIONS), data.encode())


@FUZZ
@given(title=st.text(max_size=60), body=st.text(max_size=200), date=st.text(max_size=40))
def test_rss_items_with_any_text(title, body, date):
    rss = (f'<rss version="2.0"><channel><title>t</title><item><title>{escape(title)}</title>'
           f"<description>{escape(body)}</description><pubDate>{escape(date)}</pubDate>"
           f"<guid>1</guid></item></channel></rss>")
    only_parse_errors(lambda d: candidates(d, OPTIONS), rss.encode("utf-8"))
