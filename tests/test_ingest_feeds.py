"""RSS 2.0 and Atom import: classification from words, plain text, idempotent re-import."""

from ingest_helpers import DATA, FIXTURE_NOW, imported, path, table_counts
from preparedness.notices.ingest.feeds import parse_feed


def test_rss_items_become_classified_notices(app, runner):
    app.config["NOW"] = FIXTURE_NOW
    result = runner.invoke(args=["notices", "import", path("feed.rss")])
    assert result.exit_code == 0, result.output
    assert "imported 3, updated 0, unchanged 0, rejected 0" in result.output
    missile = imported(app, "https://shebekino.example/news/101")
    assert (missile["kind"], missile["areas"], missile["original_lang"]) == ("missile", ["shebekino"], "ru")
    assert missile["sender"] == "ЕДДС Шебекинского округа"
    assert missile["url"] == "https://shebekino.example/news/101"
    assert missile["sent"] == "2026-03-01T07:05:00+00:00"
    assert missile["expires"] == "2026-03-01T08:05:00+00:00"       # default for missile: 60 minutes
    assert imported(app, "https://shebekino.example/news/102")["kind"] == "all_clear"


def test_feed_html_is_stored_as_plain_text(app, runner):
    runner.invoke(args=["notices", "import", path("feed.rss")])
    notice = imported(app, "https://shebekino.example/news/103")
    text = notice["texts"]["ru"]["description"]
    assert notice["kind"] == "power_outage"
    assert "ул. Ленина\nул. Мира" in text
    assert "<" not in text and "onerror" not in text and "alert(1)" not in text


def test_atom_entries_in_ukrainian(app, runner):
    result = runner.invoke(args=["notices", "import", "--format", "atom", path("feed.atom")])
    assert "imported 2" in result.output, result.output
    raid = imported(app, "urn:example:belgorod-uk:1")
    assert (raid["kind"], raid["areas"], raid["original_lang"]) == ("air_raid", ["graivoron"], "uk")
    found = imported(app, "urn:example:belgorod-uk:2")
    assert (found["kind"], found["areas"]) == ("explosive_object", ["valuyki"])
    assert found["sent"] == "2026-03-01T07:40:00+00:00"           # no <published>: <updated>
    assert found["texts"]["uk"]["description"].endswith("Знайдено вибухонебезпечний предмет. Не підходьте.")


def test_importing_the_same_file_twice_changes_nothing(app, runner):
    first = runner.invoke(args=["notices", "import", path("feed.rss"), path("feed.atom"),
                                path("cap12_missile_ru_en.xml"), path("telegram_result.json")])
    assert first.exit_code == 0
    counts = table_counts(app)
    again = runner.invoke(args=["notices", "import", path("feed.rss"), path("feed.atom"),
                                path("cap12_missile_ru_en.xml"), path("telegram_result.json")])
    lines = again.output.splitlines()
    assert lines[0].endswith("feed.rss: imported 0, updated 0, unchanged 3, rejected 0")
    assert lines[1].endswith("feed.atom: imported 0, updated 0, unchanged 2, rejected 0")
    assert lines[2].endswith("cap12_missile_ru_en.xml: imported 0, updated 0, unchanged 1, rejected 0")
    assert lines[3].endswith("telegram_result.json: imported 0, updated 0, unchanged 4, rejected 0")
    assert table_counts(app) == counts


def test_same_item_under_another_source_name_is_another_notice(app, runner):
    runner.invoke(args=["notices", "import", path("feed.rss")])
    result = runner.invoke(args=["notices", "import", "--source", "mirror", path("feed.rss")])
    assert "imported 3" in result.output


def test_parser_keeps_offsets_and_links():
    feed = parse_feed((DATA / "feed.rss").read_bytes())
    assert feed["format"] == "rss" and feed["language"] == "ru"
    first = feed["entries"][0]
    assert first["published"].isoformat() == "2026-03-01T07:05:00+00:00"
    assert first["link"] == "https://shebekino.example/news/101"
