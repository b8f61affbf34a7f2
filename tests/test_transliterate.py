"""Cyrillic → Latin (ICAO) for readers of other scripts, and Latin searches matched to Cyrillic text."""

import pytest

from preparedness.shelters.transliterate import candidate_query, fold, has_cyrillic, matches, to_latin


@pytest.mark.parametrize("cyrillic, latin", [
    ("г. Белгород, ул. Щорса, 45", "g. Belgorod, ul. Shchorsa, 45"),
    ("Убежище ГО № 31-014", "Ubezhishche GO № 31-014"),
    ("ул. Октябрьская, 5", "ul. Oktiabrskaia, 5"),
    ("Подъезд Юрия Гагарина", "Podieezd Iuriia Gagarina"),
    ("Харьковская, Цветочная", "Kharkovskaia, Tsvetochnaia"),
    ("Шебекино Road 7", "Shebekino Road 7"),
])
def test_icao_table(cyrillic, latin):
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize("query, text", [
    ("Lenina 17", "г. Шебекино, ул. Ленина, 17"),
    ("ul. Lenina, d. 17", "г. Шебекино, ул. Ленина, 17"),
    ("lenin 17", "г. Шебекино, ул. Ленина, 17"),
    ("Oktyabrskaya 5", "ул. Октябрьская, 5"),
    ("Oktjabrskaja", "ул. Октябрьская, 5"),
    ("Schorsa", "ул. Щорса, 45"),
    ("Shchorsa 45", "ул. Щорса, 45"),
    ("Harkovskaya", "ул. Харьковская, 2"),
    ("Cvetochnaya", "ул. Цветочная, 1"),
    ("Krasny", "пер. Красный"),
    ("Yesenina", "ул. Есенина, 3"),
])
def test_latin_spellings_find_the_cyrillic_address(query, text):
    assert matches(query, text)
    # The index lookup finds it too: the query's first letters in Cyrillic.
    assert candidate_query(query)


@pytest.mark.parametrize("query, text", [
    ("Lenina 18", "г. Шебекино, ул. Ленина, 17"),
    ("Lermontova", "ул. Ленина, 17"),
    ("Shchorsa 46", "ул. Щорса, 45"),
])
def test_other_addresses_do_not_match(query, text):
    assert not matches(query, text)


def test_candidate_query_is_a_safe_fts_expression():
    assert candidate_query("Lenina 17") == '("лен"* OR "лэн"*) AND ("17"*)'
    # Only words reach the expression, each quoted: operators and quotes typed by a reader are dropped.
    assert candidate_query('"*( AND') == '("анд"*)'
    assert candidate_query("  ,,, ") is None


def test_folding_and_script_detection():
    assert fold("Красный") == fold("Krasnyy") == fold("Krasniy") == fold("krasny")
    assert has_cyrillic("ул. Ленина") and not has_cyrillic("Lenina 17")
