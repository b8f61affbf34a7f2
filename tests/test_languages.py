"""Every language: complete pages, direction, switcher, plurals, and notices in the reader's language."""

import re
import shutil
from urllib.parse import parse_qsl

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from preparedness import create_app

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
    html = client.post(f"/{lang}/kit", data=dict(parse_qsl(query))).get_data(as_text=True)
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
    assert re.search(r'<h1 class="notice__headline" lang="ru" dir="auto">\s*Ровеньки: опасность атаки БПЛА', page)
    label = re.search(r'<p class="notice__original">([^<]+)</p>', page).group(1)
    assert original_label in label
    assert card_heading in page


def test_translate_check_passes_for_all_nine_languages(runner):
    result = runner.invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output
    for lang in ALL:
        assert f"{lang}: ok" in result.output


@pytest.mark.parametrize("lang", ALL)
def test_every_catalog_states_its_review_state_in_its_header(app, lang):
    path = app.config["TRANSLATIONS_DIR"] / lang / "LC_MESSAGES" / "messages.po"
    header = path.read_text(encoding="utf-8").split('msgid ""', 1)[0]
    state = re.search(r"^# Review state: (.+)$", header, re.M)
    assert state, f"{lang}: no 'Review state:' line in the catalog's header comment"
    if lang != "en":
        assert re.search(r"review|draft", state.group(1)), state.group(1)


def report_errors(client, lang, data):
    """The error messages under the shelter problem-report form after posting `data`."""
    page = client.get(f"/{lang}/shelters/1/report").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(f"/{lang}/shelters/1/report", data={"csrf_token": token, **data})
    assert response.status_code == 400
    return re.findall(r"<li>([^<]+)</li>", re.search(r'<ul class="errors"[^>]*>(.*?)</ul>',
                                                     response.get_data(as_text=True), re.S).group(1))


@pytest.mark.parametrize("lang", ["ru", "uk", "ar", "zh"])
def test_form_errors_from_wtforms_are_in_the_reader_language(client, lang):
    assert report_errors(client, lang, {"details": "x"}) != ["This field is required."]
    assert report_errors(client, lang, {"problem": "nonsense"}) != ["Not a valid choice."]


@pytest.fixture
def armenian_catalog_app(app, tmp_path):
    """The app reading a copy of the catalogs whose Armenian one words WTForms' messages itself."""
    copy = tmp_path / "translations"
    shutil.copytree(app.config["TRANSLATIONS_DIR"], copy)
    po = copy / "hy" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale="hy")
    catalog.add("This field is required.", "Լրացրեք այս դաշտը։")
    with (po.parent / "messages.mo").open("wb") as fh:
        write_mo(fh, catalog)
    return create_app({**app.config, "TRANSLATIONS_DIR": copy})


def test_wtforms_messages_come_from_our_catalog_where_wtforms_has_none(armenian_catalog_app):
    # WTForms ships no Armenian catalog: the message comes from ours, or it would be English.
    client = armenian_catalog_app.test_client()
    assert report_errors(client, "hy", {"details": "x"}) == ["Լրացրեք այս դաշտը։"]
    # English stays WTForms' own wording.
    assert report_errors(client, "en", {"details": "x"}) == ["This field is required."]


def test_shelter_names_and_addresses_are_marked_as_russian(client):
    listing = client.get("/ar/shelters/?area=belgorod").get_data(as_text=True)
    assert '<span class="shelter__name" lang="ru">' in listing
    assert '<span class="shelter__address" lang="ru">' in listing
    detail = client.get("/ar/shelters/1").get_data(as_text=True)
    assert re.search(r'<h1 lang="ru">[^<]*[А-Яа-я]', detail)
    assert re.search(r'<p class="shelter__address"><bdi lang="ru">[^<]*[А-Яа-я]', detail)


def test_print_sources_keep_their_addresses_left_to_right_in_arabic(client):
    sheet = client.get("/ar/checklists/grab-bag/print").get_data(as_text=True)
    sources = re.search(r'<p class="sheet__sources">(.*?)</p>', sheet, re.S).group(1)
    urls = re.findall(r"https?://[^\s<)]+", sources)
    assert urls and len(re.findall(r'<bdi dir="ltr">https?://', sources)) == len(urls)
