"""Area names of the Belgorod pack: official names after the 2025-2026 reform, short names no reader can confuse."""

import csv
import json
from pathlib import Path

import pytest

PACK = Path(__file__).resolve().parent.parent / "preparedness" / "regions" / "belgorod" / "region.json"
UNITS = Path("/work/shared/data/belgorod/municipal_units.csv")
LANGUAGES = ("ru", "uk", "en", "uz", "tg", "ky", "hy", "zh", "ar")


@pytest.fixture(scope="module")
def pack():
    """The region pack as stored."""
    return json.loads(PACK.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_two_areas_share_a_name_or_short_name_in_any_language(pack, lang):
    shorts = [area["short_names"][lang] for area in pack["areas"]]
    names = [area["names"][lang] for area in pack["areas"]]
    assert len(set(shorts)) == len(shorts), sorted(s for s in shorts if shorts.count(s) > 1)
    assert len(set(names)) == len(names)
    assert all(s.strip() for s in shorts + names)


def test_russian_names_are_the_official_ones(pack):
    names = {area["slug"]: area["names"]["ru"] for area in pack["areas"]}
    assert names["belgorod"] == "городской округ «Город Белгород»"
    assert names["gubkin"] == "Губкинский городской округ"
    assert names["stary-oskol"] == "Старооскольский городской округ"
    assert names["krasnogvardeyskoye"] == "Красногвардейский муниципальный округ"
    assert sum(name.endswith("муниципальный округ") for name in names.values()) == 19
    assert not any(name.endswith("район") for name in names.values())


@pytest.mark.skipif(not UNITS.exists(), reason="the shared municipal units table is not on this machine")
def test_district_names_match_rosstat_oktmo_2026(pack):
    with UNITS.open(encoding="utf-8") as fh:
        official = {row["area"]: row["name_2026"] for row in csv.DictReader(fh)}
    for area in pack["areas"]:
        if official[area["slug"]].endswith("муниципальный округ"):
            assert area["names"]["ru"] == official[area["slug"]], area["slug"]


def test_krasnogvardeysky_is_named_for_itself_not_its_centre(pack):
    area = next(a for a in pack["areas"] if a["slug"] == "krasnogvardeyskoye")
    assert area["short_names"]["en"] == "Krasnogvardeysky"
    assert "Krasnogvardeyskoye" not in json.dumps(area["names"], ensure_ascii=False)
    assert area["names"]["en"] == "Krasnogvardeysky district (Biryuch)"
