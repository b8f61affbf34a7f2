"""The glossary of life-critical terms: every catalog uses its language's terms, and the check catches a slip."""

import pytest
from babel.messages.catalog import Catalog

from preparedness.translate_cli import glossary_problems, load_glossary

LANGUAGES = ("ru", "uk", "en", "uz", "tg", "ky", "hy", "zh", "ar")


@pytest.fixture
def glossary(app):
    """translations/glossary.json."""
    with app.app_context():
        return load_glossary()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_uses_its_glossary(app, glossary, lang):
    assert {"alert", "all_clear", "shelter", "missile_danger", "drone_attack"} <= set(glossary["terms"])
    assert set(glossary["terms"]) <= set(glossary["languages"][lang])
    with app.app_context():
        assert glossary_problems(lang, glossary) == []


def test_the_check_catches_a_wrong_term_and_the_words_to_avoid(glossary):
    catalog = Catalog(locale="uk")
    catalog.add("New alert", "Нове сповіщення")
    catalog.add("All clear", "Відбій")
    problems = glossary_problems("uk", glossary, catalog)
    assert any("alert" in p and "оповіщення" in p for p in problems)
    assert any("avoid 'сповіщ'" in p for p in problems)
    arabic = Catalog(locale="ar")
    arabic.add("Information as of %(time)s", "المعلومات حتى %(time)s")
    arabic.add("Until %(time)s", "حتى %(time)s")
    problems = glossary_problems("ar", glossary, arabic)
    assert len(problems) == 1 and "as of" in problems[0]
    chinese = Catalog(locale="zh")
    chinese.add("Smell gas?", "闻到煤气味？")
    assert any("煤气" in p for p in glossary_problems("zh", glossary, chinese))


def test_the_listed_translation_errors_are_gone(app):
    from babel.messages.pofile import read_po
    from preparedness.translate_cli import po_path
    with app.app_context():
        def catalog(lang):
            with open(po_path(lang), "rb") as fh:
                return read_po(fh, locale=lang)
        ar, uz, hy = catalog("ar"), catalog("uz"), catalog("hy")
    assert "حتى" not in ar.get("Information as of %(time)s").string
    assert ar.get(("%(amount)s torch", "%(amount)s torches")).string[2] == "مصباحان يدويان (%(amount)s)"
    assert "xavf yo‘q" not in uz.get("No active alerts in the region as of %(time)s.").string
    assert "ПРУ" not in hy.get("Anti-radiation shelter").string
