"""The labelled corpus of channel posts (tests/data/classify/corpus.jsonl) is well-formed."""

import json
from collections import Counter
from pathlib import Path

import pytest

from preparedness.notices.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "classify" / "corpus.jsonl"
REGION = ROOT / "preparedness" / "regions" / "belgorod" / "region.json"

FIELDS = {"id", "text", "lang", "source_type", "kind", "areas", "region_wide", "other_region",
          "report", "publish", "expected_reason", "origin"}
LANGS = {"ru", "uk", "en"}
SOURCES = {"governor", "city", "mchs", "district", "ua_bot", "news", "personal", "opshtab", "feed"}
ORIGINS = ("verbatim: ", "modelled on ", "written in the style of ")
THREATS = {"missile", "drone", "air_raid", "artillery"}


def load_corpus():
    """Every post of the corpus, in file order, with its line number."""
    with CORPUS.open(encoding="utf-8") as handle:
        return [(number, json.loads(line)) for number, line in enumerate(handle, 1) if line.strip()]


@pytest.fixture(scope="module")
def posts():
    return load_corpus()


@pytest.fixture(scope="module")
def area_slugs():
    region = json.loads(REGION.read_text(encoding="utf-8"))
    return {area["slug"] for area in region["areas"]}


def test_every_line_has_exactly_the_fields_with_their_types(posts):
    for number, post in posts:
        assert set(post) == FIELDS, f"line {number}"
        assert isinstance(post["text"], str) and post["text"].strip(), f"line {number}"
        assert isinstance(post["areas"], list), f"line {number}"
        for flag in ("region_wide", "other_region", "report", "publish"):
            assert isinstance(post[flag], bool), f"line {number}: {flag}"


def test_values_come_from_the_vocabularies(posts, area_slugs):
    for number, post in posts:
        assert post["kind"] in KINDS, f"line {number}: {post['kind']}"
        assert post["lang"] in LANGS, f"line {number}"
        assert post["source_type"] in SOURCES, f"line {number}"
        assert set(post["areas"]) <= area_slugs, f"line {number}: {post['areas']}"
        assert len(post["areas"]) == len(set(post["areas"])), f"line {number}: repeated area"


def test_enough_posts_with_unique_ids_and_texts(posts):
    assert len(posts) >= 300
    ids = [post["id"] for _, post in posts]
    texts = [post["text"] for _, post in posts]
    assert len(set(ids)) == len(ids)
    assert len(set(texts)) == len(texts)


def test_every_area_appears_at_least_twice(posts, area_slugs):
    seen = Counter(area for _, post in posts for area in post["areas"])
    assert {slug for slug in area_slugs if seen[slug] < 2} == set()


def test_every_kind_of_the_vocabulary_is_labelled(posts):
    assert {post["kind"] for _, post in posts} == set(KINDS)


def test_publish_labels_follow_the_rules(posts):
    for number, post in posts:
        if post["publish"]:
            assert post["expected_reason"] is None, f"line {number}"
            assert not post["report"] and not post["other_region"], f"line {number}"
            assert post["kind"] != "other", f"line {number}"
            assert post["areas"] or post["region_wide"], f"line {number}"
            assert post["source_type"] not in {"personal", "ua_bot", "news"}, f"line {number}"
        else:
            reason = post["expected_reason"]
            assert isinstance(reason, str) and reason.strip(), f"line {number}: no reason"


def test_region_wide_posts_name_no_areas_and_other_regions_are_never_ours(posts):
    for number, post in posts:
        if post["region_wide"]:
            assert post["areas"] == [], f"line {number}"
        if post["other_region"]:
            assert post["areas"] == [] and not post["publish"], f"line {number}"
        if post["source_type"] == "ua_bot":
            assert post["other_region"], f"line {number}"


def test_reports_carry_no_kind_to_act_on(posts):
    for number, post in posts:
        if post["report"]:
            assert post["kind"] == "other", f"line {number}"


def test_origins_are_marked_and_verbatim_ones_name_their_source(posts):
    for number, post in posts:
        origin = post["origin"]
        assert origin.startswith(ORIGINS), f"line {number}: {origin}"
        if origin.startswith("verbatim: "):
            assert "http" in origin or "issue 12" in origin, f"line {number}: {origin}"


def test_the_mix_covers_alerts_all_clears_reports_and_other_regions(posts):
    kinds = Counter(post["kind"] for _, post in posts)
    assert sum(kinds[kind] for kind in THREATS) >= 100
    assert kinds["all_clear"] >= 30
    assert sum(post["report"] for _, post in posts) >= 30
    assert sum(post["other_region"] for _, post in posts) >= 20
    assert sum(post["lang"] == "en" for _, post in posts) >= 20
    assert sum(post["lang"] == "uk" for _, post in posts) >= 10
