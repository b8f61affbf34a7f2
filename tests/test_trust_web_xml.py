"""Atom and CAP stay well-formed XML whatever characters an operator typed (Word's Shift+Enter is
a vertical tab) or a stored notice holds: the XML writers cannot emit a forbidden character."""

from xml.etree.ElementTree import fromstring

import pytest

from preparedness.notices.outputs import xml_safe

TYPED = "Укрытие\x0bв подвале\x00 школы\x1f №\x0c5 \ufffe\ud800ok\ttab\r\nline"


def test_forbidden_characters_are_removed_and_line_breaks_kept():
    assert xml_safe(TYPED) == "Укрытие\nв подвале школы №\n5 ok\ttab\r\nline"
    assert xml_safe(None) is None


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_feed_and_cap_are_well_formed_with_control_characters_in_a_notice(client, add_notice, lang):
    stored = TYPED.replace("\ud800", "")     # SQLite stores UTF-8: no lone surrogates get that far
    notice = add_notice("ctl-1", texts={"en": {"event": "Drone\x0b", "headline": stored,
                                               "description": stored, "instruction": "Go\x0bnow\x01"}})
    for url in (f"/feeds/{lang}/notices.atom", f"/cap/{notice}.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        root = fromstring(response.get_data())      # raises on ill-formed XML
        text = "".join(root.itertext())
        assert "в подвале школы" in text and "\x0b" not in text, url
