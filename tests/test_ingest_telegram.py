"""Telegram Desktop channel export: text forms, service messages, edits, review, chats refused."""

import json

import pytest

from ingest_helpers import DATA, FIXTURE_NOW, imported, path, rows, table_counts
from preparedness.notices.ingest.errors import ParseError
from preparedness.notices.ingest.telegram import parse_telegram_export


def test_parser_flattens_text_and_skips_service_messages():
    export = parse_telegram_export((DATA / "telegram_result.json").read_bytes())
    assert export["channel_id"] == "1412345678"
    assert [m["id"] for m in export["messages"]] == ["101", "102", "103", "104"]
    entities = export["messages"][1]
    assert entities["text"] == ("Опасность атаки БПЛА в Грайворонском городском округе и "
                                "Краснояружском районе. Оставайтесь в укрытии.")
    assert entities["links"] == ["https://t.me/example/102"]
    assert entities["date"].isoformat() == "2026-03-01T07:04:00+00:00"      # from date_unixtime
    assert entities["edited"].isoformat() == "2026-03-01T07:06:00+00:00"


def test_export_imports_string_and_entity_texts(app, runner):
    app.config["NOW"] = FIXTURE_NOW
    result = runner.invoke(args=["notices", "import", path("telegram_result.json")])
    assert result.exit_code == 0, result.output
    assert "imported 4, updated 0, unchanged 0, rejected 0" in result.output
    missile = imported(app, "1412345678:101")
    assert (missile["kind"], missile["areas"]) == ("missile", ["belgorod", "belgorodsky"])
    assert missile["texts"]["ru"]["headline"] == "Ракетная опасность!"
    assert missile["sender"] == "Вячеслав Гладков (образец)"
    drone = imported(app, "1412345678:102")
    assert (drone["kind"], drone["areas"]) == ("drone", ["graivoron", "krasnaya-yaruga"])
    assert drone["publication"] == "published"
    assert imported(app, "1412345678:103")["kind"] == "all_clear"
    assert imported(app, "1412345678:1") is None                     # the service message


def test_unclear_post_goes_to_review_not_to_the_public(app, client, runner):
    app.config["NOW"] = FIXTURE_NOW
    result = runner.invoke(args=["notices", "import", path("telegram_result.json")])
    assert "waiting for review: 1" in result.output
    meeting = imported(app, "1412345678:104")
    assert (meeting["kind"], meeting["publication"], meeting["confidence"]) == ("other", "review", 0.0)
    listed = client.get("/api/notices.json").get_json()["notices"]
    assert "1412345678:104" not in {n["identifier"] for n in listed}


def test_an_edit_updates_the_earlier_notice(app, runner):
    app.config["NOW"] = FIXTURE_NOW
    runner.invoke(args=["notices", "import", path("telegram_result.json")])
    result = runner.invoke(args=["notices", "import", path("telegram_result_edited.json")])
    assert "imported 0, updated 1, unchanged 3, rejected 0" in result.output
    edited = imported(app, "1412345678:102")
    assert edited["kind"] == "all_clear"
    assert edited["texts"]["ru"]["description"].endswith("Можно выйти из укрытия.")
    assert edited["source_updated"] == "2026-03-01T07:25:00+00:00"
    assert len(rows(app, "SELECT id FROM notices WHERE identifier = '1412345678:102'")) == 1


def test_an_older_export_does_not_undo_an_edit(app, runner):
    runner.invoke(args=["notices", "import", path("telegram_result_edited.json")])
    result = runner.invoke(args=["notices", "import", path("telegram_result.json")])
    assert "imported 0, updated 0, unchanged 4, rejected 0" in result.output
    assert imported(app, "1412345678:102")["kind"] == "all_clear"


def test_a_configured_source_gives_posts_their_link(app, runner):
    app.config["NOTICE_SOURCES"] = [{"name": "governor", "url": "http://127.0.0.1:9/x",
                                     "post_url": "https://t.me/example_channel/{id}"}]
    runner.invoke(args=["notices", "import", "--source", "governor", path("telegram_result.json")])
    assert imported(app, "1412345678:101")["url"] == "https://t.me/example_channel/101"
    assert imported(app, "1412345678:101")["source"] == "governor"


def test_an_all_clear_post_ends_the_threat_and_expiry_ends_the_rest(app, client, runner):
    app.config["NOW"] = FIXTURE_NOW.replace(minute=35)               # after "Отбой ракетной опасности"
    runner.invoke(args=["notices", "import", path("telegram_result.json")])

    def active(area):
        return {n["identifier"] for n in client.get(
            f"/api/notices.json?active=1&area={area}").get_json()["notices"]}

    assert "1412345678:101" not in active("belgorodsky")
    assert "1412345678:103" in active("belgorodsky")
    app.config["NOW"] = FIXTURE_NOW.replace(hour=9)                  # past every default expiry
    assert not {i for i in active("belgorodsky") if i.startswith("1412345678:")}


def chat_export(tmp_path, chat_type):
    """The channel fixture re-typed as Telegram Desktop writes a chat or group export."""
    export = json.loads((DATA / "telegram_result.json").read_text(encoding="utf-8"))
    export["type"] = chat_type
    path = tmp_path / f"{chat_type}.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("chat_type, what", [("personal_chat", "a personal chat"),
                                             ("private_supergroup", "a private group")])
def test_a_chat_export_is_refused_in_one_line_and_writes_nothing(app, runner, tmp_path, chat_type, what):
    before = table_counts(app)
    result = runner.invoke(args=["notices", "import", str(chat_export(tmp_path, chat_type))])
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.endswith(f"not imported: this Telegram export is of {what}, not of a channel: only "
                         "channel exports are imported (to import this chat anyway, name it: "
                         "--source NAME --allow-chat)")
    assert table_counts(app) == before


def test_an_export_that_does_not_say_its_type_is_refused():
    export = json.loads((DATA / "telegram_result.json").read_text(encoding="utf-8"))
    del export["type"]
    with pytest.raises(ParseError, match="a chat that does not say its type"):
        parse_telegram_export(json.dumps(export).encode("utf-8"))


def test_a_chat_named_with_source_and_allow_chat_is_imported(app, runner, tmp_path):
    app.config["NOW"] = FIXTURE_NOW
    path = str(chat_export(tmp_path, "private_supergroup"))
    result = runner.invoke(args=["notices", "import", "--source", "district-chat", "--allow-chat", path])
    assert result.exit_code == 0, result.output
    assert "imported 4, updated 0, unchanged 0, rejected 0" in result.output
    assert imported(app, "1412345678:101")["source"] == "district-chat"


def test_allow_chat_without_a_source_is_a_usage_error(app, runner, tmp_path):
    before = table_counts(app)
    result = runner.invoke(args=["notices", "import", "--allow-chat",
                                 str(chat_export(tmp_path, "personal_chat"))])
    assert result.exit_code == 2
    assert "--allow-chat needs --source NAME" in result.output
    assert table_counts(app) == before
