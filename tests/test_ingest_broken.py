"""Files that cannot be read at all write nothing and exit non-zero with a one-line reason."""

import pytest

from ingest_helpers import path, table_counts
from preparedness.db import connect


@pytest.mark.parametrize("name, fmt, reason", [
    ("truncated.xml", "auto", "not well-formed XML"),
    ("truncated.xml", "cap", "not well-formed XML"),
    ("bomb.xml", "auto", "unsafe XML refused"),
    ("bomb.xml", "cap", "unsafe XML refused"),
    ("external_entity.xml", "rss", "unsafe XML refused"),
    ("not_export.json", "auto", "not a Telegram Desktop export"),
    ("feed.rss", "cap", "root element is <rss>, not a CAP <alert>"),
    ("cap12_missile_ru_en.xml", "telegram", "not JSON"),
    ("telegram_result.json", "atom", "not well-formed XML"),
])
def test_unreadable_file_writes_nothing(app, runner, name, fmt, reason):
    before = table_counts(app)
    result = runner.invoke(args=["notices", "import", "--format", fmt, path(name)])
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0] and name in lines[0]
    assert table_counts(app) == before


def test_a_bad_file_does_not_stop_the_good_ones(app, runner):
    result = runner.invoke(args=["notices", "import", path("truncated.xml"), path("feed.rss")])
    assert result.exit_code == 1
    assert "feed.rss: imported 3" in result.stdout
    assert "truncated.xml: not imported" in result.stderr


def test_missing_file_and_unreachable_url(app, runner):
    before = table_counts(app)
    result = runner.invoke(args=["notices", "import", "/nonexistent/alert.xml",
                                 "http://127.0.0.1:9/alert.xml"])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 2
    assert table_counts(app) == before


def test_a_failure_midway_rolls_back_the_whole_file(app, runner):
    db = connect(app.config["DATABASE"])
    db.execute("CREATE TRIGGER refuse_second BEFORE INSERT ON notices WHEN new.identifier LIKE '%/102' "
               "BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END")
    db.close()
    before = table_counts(app)
    result = runner.invoke(args=["notices", "import", path("feed.rss")])
    assert result.exit_code == 1
    assert "feed.rss: not imported: refused by test trigger" in result.stderr
    assert table_counts(app) == before          # items 101 and 103 were not kept either
