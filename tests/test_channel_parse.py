"""The channel preview parser on real saved pages: ids, times, text with breaks and links, edits."""

import json
from datetime import datetime, timezone

import pytest

from preparedness.notices.ingest.channel import as_telegram_export, parse_channel_page
from preparedness.notices.ingest.errors import ParseError
from preparedness.notices.ingest.telegram import parse_telegram_export
from tests.channel_pages import channel_page, fixture


def test_full_page_gives_every_post_in_order_with_its_time():
    page = parse_channel_page(fixture("any2feed_full_topwar_official_2023-02-28.html"))
    assert page["channel"] == "topwar_official"
    assert page["title"] == "Военное обозрение"
    assert page["before"] == 70989
    ids = [p["id"] for p in page["posts"]]
    assert ids == [70989, 70990, 70992, 70995, 70996, 70997, 70998, 70999, 71000, 71006, 71007, 71008]
    assert page["posts"][0]["date"] == datetime(2023, 2, 28, 7, 47, 53, tzinfo=timezone.utc)


def test_line_breaks_are_kept_and_editor_whitespace_is_not():
    first = parse_channel_page(fixture("any2feed_full_topwar_official_2023-02-28.html"))["posts"][0]
    assert first["text"] == ("В Санкт-Петербурге в небо над городом подняли истребители из-за "
                             "неизвестного объекта в воздухе, аэропорт Пулково не принимает самолеты, "
                             "сообщает Baza.\nСудя по сервису Flightradar, гражданские самолеты не "
                             "приближаются к Санкт-Петербургу.")


def test_links_are_kept_with_their_text():
    posts = parse_channel_page(fixture("any2feed_full_topwar_official_2023-02-28.html"))["posts"]
    post = next(p for p in posts if p["id"] == 70996)
    assert "https://t.me/infantmilitario/93419" in post["links"]
    link = next(p for p in post["pieces"] if isinstance(p, dict))
    assert link["text"] and link["text"] in post["text"]


def test_video_duration_is_not_taken_for_the_post_time():
    posts = parse_channel_page(fixture("any2feed_full_topwar_official_2023-02-28.html"))["posts"]
    video = next(p for p in posts if p["id"] == 70992)
    assert video["date"] == datetime(2023, 2, 28, 8, 51, 58, tzinfo=timezone.utc)
    assert video["text"].startswith("Сегодня ночью в Республике Адыгея")


def test_edited_marker_and_author():
    edited = parse_channel_page(fixture("tchan_test_parse_signed_edited_text_message.html"))["posts"][0]
    plain = parse_channel_page(fixture("tchan_test_parse_text_message_signed_not_edited.html"))["posts"][0]
    assert (edited["id"], edited["edited"], edited["author"]) == (5, True, "Álvaro Justen")
    assert edited["text"] == "Hello! Signed and edited message"
    assert (plain["edited"], plain["author"]) == (False, "Álvaro Justen")


def test_service_posts_are_marked_and_left_out_of_the_export():
    page = parse_channel_page(fixture("tchan_test_parse_service_message_pinned.html"))
    assert page["posts"][0]["service"] is True
    assert as_telegram_export(page)["messages"] == []


def test_no_posts_found_is_an_empty_page_not_an_error():
    page = parse_channel_page(fixture("tchan_test_parse_no_posts_found.html"))
    assert page["posts"] == [] and page["channel"] is None


@pytest.mark.parametrize("data", [b"", b"<html><body><p>hello</p></body></html>", b"{\"messages\": []}",
                                  "<div class=tgme_channel_history>".encode() * 3])
def test_other_pages_are_refused_or_empty(data):
    try:
        page = parse_channel_page(data)
    except ParseError:
        return
    assert page["posts"] == []


def test_export_shape_goes_through_the_telegram_reader():
    sent = datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)
    data = channel_page("belgorod_test", [(7, "Ракетная опасность.\nБелгород", sent, False)])
    page = parse_channel_page(data)
    edited = datetime(2026, 11, 28, 10, 5, tzinfo=timezone.utc)
    export = parse_telegram_export(json.dumps(as_telegram_export(page, edited_at={7: edited}),
                                              ensure_ascii=False).encode())
    message = export["messages"][0]
    assert export["channel_id"] == "belgorod_test"
    assert (message["id"], message["text"], message["date"], message["edited"]) == \
        ("7", "Ракетная опасность.\nБелгород", sent, edited)

