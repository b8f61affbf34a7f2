"""Areas under all their names and in every case; towns and villages through the gazetteer."""

import pytest

from preparedness.notices.ingest.classify import classify_text
from preparedness.notices.ingest.places import places_in
from preparedness.regions import load_region

REGION = load_region("belgorod")


def areas(text):
    """Area slugs a text names."""
    return places_in(text, REGION).areas


@pytest.mark.parametrize("text, expected", [
    # Official names before and after the 2025 reform
    ("Белгородский район", ("belgorodsky",)),
    ("Белгородский округ", ("belgorodsky",)),
    ("Белгородский муниципальный округ", ("belgorodsky",)),
    ("в Белгородском муниципальном округе", ("belgorodsky",)),
    ("городской округ «Город Белгород»", ("belgorod",)),
    ("Валуйский муниципальный округ", ("valuyki",)),
    ("Шебекинского городского округа", ("shebekino",)),
    ("Старооскольский городской округ", ("stary-oskol",)),
    ("Губкинский ГО", ("gubkin",)),
    ("Красногвардейский муниципальный округ", ("krasnogvardeyskoye",)),
    # Every case
    ("Грайворонскую территорию обстреляли", ("graivoron",)),
    ("в Шебекинском округе", ("shebekino",)),
    ("Шебекинского", ("shebekino",)),
    ("в Старом Осколе", ("stary-oskol",)),
    ("в Новом Осколе", ("novy-oskol",)),
    ("в Красной Яруге", ("krasnaya-yaruga",)),
    ("в Валуйках", ("valuyki",)),
    # People's names and seats
    ("шебекинцев просят", ("shebekino",)),
    ("белгородцев просят", ("belgorod",)),
    ("старооскольцы", ("stary-oskol",)),
    ("губкинцы", ("gubkin",)),
    ("валуйчане", ("valuyki",)),
    ("грайворонцы", ("graivoron",)),
    ("в Строителе", ("yakovlevo",)),
    ("г. Бирюч", ("krasnogvardeyskoye",)),
    # Ukrainian and English
    ("Бєлгород та Бєлгородський район", ("belgorod", "belgorodsky")),
    ("у Шебекине", ("shebekino",)),
    ("Belgorod district", ("belgorodsky",)),
    ("Missile danger in Belgorod and Shebekino", ("belgorod", "shebekino")),
])
def test_area_names(text, expected):
    assert areas(text) == expected


@pytest.mark.parametrize("text", ["Белгород", "в Белгороде", "г. Белгород", "белгородцы"])
def test_the_city_is_not_the_district(text):
    assert areas(text) == ("belgorod",)


def test_a_list_sharing_one_noun():
    assert areas("отключения пройдут в Белгороде, Белгородском, Шебекинском и Корочанском округах") == (
        "belgorod", "belgorodsky", "shebekino", "korocha")


def test_places_of_a_past_all_clear_or_without_a_signal_are_not_in_the_alert():
    assert classify_text("Ракетная опасность в Белгородском районе. Отбой в Белгороде был в 12:30.",
                         REGION).areas == ("belgorodsky",)
    assert classify_text("Жителям Белгородского района: угроза атаки БПЛА. Город Белгород — без сигнала.",
                         REGION).areas == ("belgorodsky",)


def test_a_city_and_its_district():
    assert areas("В Белгороде и районе отменён сигнал") == ("belgorod", "belgorodsky")


@pytest.mark.parametrize("text, expected", [
    ("хутор Масычево", ("graivoron",)),
    ("в Масычеве", ("graivoron",)),
    ("Мокрая Орловка", ("graivoron",)),
    ("в селе Новая Таволжанка", ("shebekino",)),
    ("п. Майский", ("belgorodsky",)),
    ("в Белянке", ("shebekino",)),
    ("в Студенке", ("ivnya",)),
])
def test_villages_resolve_to_their_area(text, expected):
    assert areas(text) == expected


@pytest.mark.parametrize("text", ["в селе Долгое", "в Красном", "с. Алексеевка", "село Никольское"])
def test_a_name_shared_by_several_villages_is_not_used_alone(text):
    found = places_in(text, REGION)
    assert found.areas == () and found.ambiguous


def test_a_shared_name_resolves_with_its_district():
    assert areas("в селе Долгое Губкинского округа") == ("gubkin",)


def test_ordinary_words_are_not_villages():
    assert areas("Майский день. Долгое ожидание. Короче говоря") == ()


@pytest.mark.parametrize("text, expected", [
    ("Отключение электроснабжения в Белгороде: улицы Щорса, Губкина, Костюкова.", ("belgorod",)),
    ("ПВР в Белгороде работает на улице Королёва.", ("belgorod",)),
    ("Перекрыто движение на трассе Белгород — Грайворон — Козинка на участке в Борисовском округе.",
     ("borisovka",)),
    ("Дорога Валуйки — Уразово перекрыта до особого распоряжения.", ("valuyki",)),
])
def test_streets_and_roads_are_not_where_a_notice_is(text, expected):
    assert areas(text) == expected


@pytest.mark.parametrize("text", ["по всей области", "Вся территория Белгородской области",
                                  "на Белгородчине", "Бєлгородщина", "across Belgorod oblast"])
def test_the_whole_region(text):
    found = places_in(text, REGION)
    assert found.region_wide and found.areas == ()


@pytest.mark.parametrize("text", ["Курская область", "в Курске", "Харківська область", "у Харкові",
                                  "Донецька область", "Воронежская область", "Сумщина"])
def test_other_regions(text):
    assert places_in(text, REGION).other_regions


def test_every_settlement_comes_from_the_shipped_gazetteer():
    names = {name for name, _, _ in REGION.settlements}
    assert len(REGION.settlements) == 1601
    assert {"Масычево", "Мокрая Орловка", "Долгое", "Новая Таволжанка"} <= names
    assert {area for _, _, area in REGION.settlements} == set(REGION.areas_by_slug)


def test_the_old_region_api_still_works():
    area = REGION.area("belgorodsky")
    assert area.names["ru"] and area.variants and REGION.places["areas"]
