"""Every language: complete pages, direction, switcher, plurals, and notices in the reader's language."""

import re

import pytest

ALL = ["ru", "uk", "en", "uz", "tg", "ky", "hy", "zh", "ar"]
NATIVE = {"ru": "Русский", "uk": "Українська", "en": "English", "uz": "O‘zbek", "tg": "Тоҷикӣ",
          "ky": "Кыргызча", "hy": "Հայերեն", "zh": "中文", "ar": "العربية"}


def test_all_nine_languages_are_configured(app):
    assert app.config["LANGUAGES"] == ALL


@pytest.mark.parametrize("lang", ALL)
def test_now_page_has_language_direction_and_every_language_named_in_itself(client, lang):
    page = client.get(f"/{lang}/").get_data(as_text=True)
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in page
    for code, name in NATIVE.items():
        assert re.search(rf'hreflang="{code}" lang="{code}" dir="(ltr|rtl)"[^>]*>{name}</a>', page), code


@pytest.mark.parametrize("lang", ALL)
def test_manifest_per_language_carries_lang_and_dir(client, lang):
    manifest = client.get(f"/{lang}/manifest.webmanifest").get_json()
    assert manifest["lang"] == lang
    assert manifest["dir"] == ("rtl" if lang == "ar" else "ltr")
    assert manifest["start_url"] == f"/{lang}/"


def kit_amounts(client, lang, query):
    """The quantities column of the kit planner's result."""
    html = client.get(f"/{lang}/kit?{query}").get_data(as_text=True)
    return re.findall(r'<span class="kit-table__amount">([^<]+)</span>', html)


@pytest.mark.parametrize("lang, query, expected", [
    # 1 adult, 3 days: 9 L of drinking water; 7 days: 21 L; 14 days: 42 L; a cat for 3 days: 1 L.
    ("ru", "adults=1&days=3", "9 литров"),
    ("ru", "adults=1&days=7", "21 литр"),
    ("ru", "adults=1&days=14", "42 литра"),
    ("uk", "adults=1&days=3", "9 літрів"),
    ("uk", "adults=1&days=7", "21 літр"),
    ("uk", "adults=1&days=14", "42 літри"),
    ("ar", "adults=1&days=3", "9 لترات"),      # few: 3–10
    ("ar", "adults=1&days=7", "21 لترًا"),     # many: 11–99
    ("ar", "adults=1&cats=1&days=3", "1 لتر"),  # one: water for a cat
])
def test_plural_forms_through_the_kit_planner(client, lang, query, expected):
    assert expected in kit_amounts(client, lang, query)


@pytest.fixture
def russian_only_notice(add_notice):
    """A drone notice imported with Russian text only; returns its id."""
    return add_notice("ru-only", lang="ru", texts={"ru": {
        "event": "Опасность атаки БПЛА", "headline": "Ровеньки: опасность атаки БПЛА",
        "description": "", "instruction": "Пройдите в укрытие."}})


@pytest.mark.parametrize("lang, original_label, card_heading", [
    ("en", "Original in Russian", "Do now"),
    ("uz", "Asl matn tili: ruscha", "Hozir bajaring"),
    ("ar", "النص الأصلي باللغة: الروسية", "افعل الآن"),
])
def test_russian_only_notice_shows_labelled_original_and_card_in_reader_language(
        client, russian_only_notice, lang, original_label, card_heading):
    page = client.get(f"/{lang}/notices/{russian_only_notice}").get_data(as_text=True)
    assert re.search(r'<h1 class="notice__headline" lang="ru">\s*Ровеньки: опасность атаки БПЛА', page)
    label = re.search(r'<p class="notice__original">([^<]+)</p>', page).group(1)
    assert original_label in label
    assert card_heading in page
