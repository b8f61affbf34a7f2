"""Classification of real-world phrasings (ru, uk, en) with area names in any case form."""

import pytest

from preparedness.notices.ingest.classify import classify_kind, classify_text, detect_language
from preparedness.regions import load_region

REGION = load_region("belgorod")

PHRASINGS = [
    # (text, kind, areas, region_wide)
    ("Ракетная опасность! Белгород, Белгородский район", "missile", ("belgorod", "belgorodsky"), False),
    ("Белгород, Белгородский район – ракетная опасность.", "missile", ("belgorod", "belgorodsky"), False),
    ("Отбой ракетной опасности в Шебекинском округе", "all_clear", ("shebekino",), False),
    ("Опасность атаки БПЛА в Грайворонском городском округе", "drone", ("graivoron",), False),
    ("Внимание! Атака беспилотников на г. Шебекино", "drone", ("shebekino",), False),
    ("Отбой опасности атаки БПЛА. Краснояружский район", "all_clear", ("krasnaya-yaruga",), False),
    ("Авиационная опасность по всей области", "air_raid", (), True),
    ("Воздушная тревога в Белгородской области", "air_raid", (), True),
    ("Обнаружен взрывоопасный предмет в Валуйском округе, не подходите", "explosive_object",
     ("valuyki",), False),
    ("В Губкине найден неразорвавшийся боеприпас", "explosive_object", ("gubkin",), False),
    ("Отключение электроэнергии в Старом Осколе с 9:00 до 17:00", "power_outage", ("stary-oskol",), False),
    ("Часть Белгорода осталась без света после удара", "power_outage", ("belgorod",), False),
    ("Отключение водоснабжения в Алексеевке", "water_outage", ("alekseyevka",), False),
    ("Жители Нового Оскола временно без воды", "water_outage", ("novy-oskol",), False),
    ("Отключение отопления в городе Строителе", "heating_outage", ("yakovlevo",), False),
    ("Движение по трассе в Грайворонском округе перекрыто", "road_closure", ("graivoron",), False),
    ("Эвакуация жителей приграничных сёл Шебекинского городского округа", "evacuation",
     ("shebekino",), False),
    ("Пункты временного размещения работают в Белгороде", "shelter_update", ("belgorod",), False),
    ("Артиллерийский обстрел Грайворона", "artillery", ("graivoron",), False),
    ("Ракетна небезпека: Бєлгород та Бєлгородський район", "missile", ("belgorod", "belgorodsky"), False),
    ("Повітряна тривога на Бєлгородщині", "air_raid", (), True),
    ("Відбій повітряної тривоги в Бєлгороді", "all_clear", ("belgorod",), False),
    ("Загроза атаки БпЛА у Шебекинському окрузі", "drone", ("shebekino",), False),
    ("Відключення електроенергії в Губкіні", "power_outage", ("gubkin",), False),
    ("Missile danger in Belgorod and Shebekino", "missile", ("belgorod", "shebekino"), False),
    ("Drone attack threat, Belgorod region", "drone", (), True),
    ("All clear: Belgorod district", "all_clear", ("belgorodsky",), False),
    ("Air raid alert across Belgorod oblast", "air_raid", (), True),
    ("Unexploded ordnance found in Valuyki", "explosive_object", ("valuyki",), False),
    ("Оставайтесь в укрытии до отбоя. Ракетная опасность, Короча", "missile", ("korocha",), False),
    ("Провёл совещание с главами муниципалитетов Белгородской области", "other", (), True),
]


@pytest.mark.parametrize("text, kind, areas, region_wide", PHRASINGS)
def test_phrasing(text, kind, areas, region_wide):
    found = classify_text(text, REGION)
    assert (found.kind, found.areas, found.region_wide) == (kind, areas, region_wide)


def test_table_is_large_and_covers_three_languages():
    assert len(PHRASINGS) >= 25
    assert {detect_language(p[0]) for p in PHRASINGS} == {"ru", "uk", "en"}


@pytest.mark.parametrize("text", ["Белгородский район", "Белгородского района", "в Белгородском районе"])
def test_the_district_is_not_the_city(text):
    assert classify_text(f"Ракетная опасность. {text}", REGION).areas == ("belgorodsky",)


def test_unknown_is_other_with_no_confidence():
    assert classify_kind("Поздравляю с праздником!") == ("other", 0.0)


def test_no_area_named_is_region_wide_but_less_sure():
    found = classify_text("Ракетная опасность!", REGION)
    assert found.region_wide and found.confidence < 0.5


def test_a_report_of_damage_is_not_presented_as_a_certain_alert():
    found = classify_text("В результате атаки БПЛА в Грайвороне повреждены два дома", REGION)
    assert (found.kind, found.doubts, found.areas) == ("other", ("report",), ("graivoron",))
    assert found.confidence < 0.5


@pytest.mark.parametrize("text, lang", [("Ракетная опасность", "ru"), ("Ракетна небезпека", "uk"),
                                        ("Missile danger", "en"), ("Відбій", "uk")])
def test_language_of_a_post(text, lang):
    assert detect_language(text) == lang
