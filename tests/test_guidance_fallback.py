"""Which text a reader gets when we hold no notice text in their language: English before Russian."""

from preparedness.i18n import format_list
from preparedness.notices.present import reader_text


def notice(texts, original="ru"):
    """A stored notice's fields that reader_text reads."""
    return {"texts": texts, "original_lang": original, "kind": "missile"}


def test_a_reader_without_their_language_gets_english_before_russian():
    both = notice({"ru": {"headline": "Ракетная опасность"}, "en": {"headline": "Missile danger"}})
    for lang in ("uz", "tg", "ky", "hy", "zh", "ar"):
        reading = reader_text(both, lang)
        assert reading["lang"] == "en" and reading["original"] and reading["dir"] == "auto"
    assert reader_text(both, "ru")["text"]["headline"] == "Ракетная опасность"
    only_russian = notice({"ru": {"headline": "Ракетная опасность"}})
    assert reader_text(only_russian, "zh")["lang"] == "ru"


def test_lists_are_joined_the_way_each_language_joins_them(app):
    with app.test_request_context("/zh/"):
        from flask_babel import force_locale
        with force_locale("zh"):
            assert format_list(["别尔哥罗德", "舍别基诺", "格赖沃龙"]) == "别尔哥罗德、舍别基诺和格赖沃龙"
        with force_locale("ru"):
            assert format_list(["Белгород", "Шебекино"]) == "Белгород и Шебекино"
        with force_locale("en"):
            assert format_list(["Belgorod", "Shebekino", "Graivoron"]) == "Belgorod, Shebekino, and Graivoron"
            assert format_list([]) == ""
