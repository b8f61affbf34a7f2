"""`flask demo`: the region's sample data, loaded idempotently and labelled as sample."""

import sqlite3

from preparedness.regions import load_region


def rows(app, sql):
    """All rows of a query on the app's database."""
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_demo_is_idempotent(app, runner):
    before = rows(app, "SELECT count(*) FROM notices")[0][0], rows(app, "SELECT count(*) FROM shelters")[0][0]
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "imported 0" in result.output
    after = rows(app, "SELECT count(*) FROM notices")[0][0], rows(app, "SELECT count(*) FROM shelters")[0][0]
    assert after == before


def test_sample_shelters_cover_every_area_and_are_labelled(app, client):
    region = load_region("belgorod")
    per_area = dict(rows(app, "SELECT area, count(*) FROM shelters GROUP BY area"))
    assert sum(per_area.values()) >= 40
    assert set(per_area) == {a.slug for a in region.areas}
    assert rows(app, "SELECT count(*) FROM shelters WHERE is_sample = 0")[0][0] == 0
    assert all(region.contains(lat, lon) for lat, lon in rows(app, "SELECT lat, lon FROM shelters"))
    assert "Sample data" in client.get("/en/shelters/1").get_data(as_text=True)


def test_sample_notices_mix_kinds_active_expired_and_all_clear(app, client):
    kinds = {k for (k,) in rows(app, "SELECT DISTINCT kind FROM notices")}
    assert {"missile", "drone", "all_clear", "power_outage"} <= kinds
    page = client.get("/en/notices/").get_data(as_text=True)
    active, _, earlier = page.partition("Ended or expired")
    assert active.count('class="notice ') >= 5
    assert earlier.count('class="notice ') >= 3


def test_region_pack_has_22_areas_with_names_and_centres():
    region = load_region("belgorod")
    assert region.timezone == "Europe/Moscow"
    assert len(region.areas) == 22
    for area in region.areas:
        assert set(area.names) >= {"ru", "uk", "en"}
        assert region.contains(*area.centre)
        assert area.variants
    assert region.area("shebekino").centre == (50.4, 36.887)
    assert "шебекинском округе" in region.area("shebekino").variants
