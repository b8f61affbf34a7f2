"""Every context rule of rules.py with the real phrasing that motivates it, in Russian and Ukrainian."""

import pytest

from preparedness.notices.ingest.classify import classify_kind, classify_text
from preparedness.regions import load_region

REGION = load_region("belgorod")


def reading(text):
    """(kind, doubts) of a text."""
    found = classify_text(text, REGION)
    return found.kind, found.doubts


# A signal named as what to wait for is not that signal.
WAITED = [
    ("Вся территория Белгородской области - ракетная опасность. Спуститесь в подвал. Оставайтесь там до "
     "получения сигнала Отбой ракетной опасности", "missile"),
    ("Вся территория Белгородской области – ракетная опасность. Спуститесь в подвал. Оставайтесь там до "
     "получения сигнала «Отбой ракетной опасности»", "missile"),
    ("Белгород — опасность атаки БПЛА. Оставайтесь в укрытии до отбоя.", "drone"),
    ("Ракетная опасность в Старом Осколе. Оставайтесь в укрытии, пока не получите сигнал «Отбой ракетной "
     "опасности».", "missile"),
    ("Угроза обстрела! Шебекино — спуститесь в укрытие. Отбой будет объявлен дополнительно.", "artillery"),
    ("Белгородцы, угроза атаки БПЛА в городе. Отбой сообщим дополнительно.", "drone"),
    ("Ракетная опасность в Прохоровском районе! Отбой — только по сигналу РСЧС.", "missile"),
    ("Шебекино — ракетная опасность. Отбой предыдущего сигнала был в 14:10, сейчас снова спуститесь в подвал.",
     "missile"),
    ("Ракетна небезпека: Бєлгород. Дочекайтеся відбою в укритті.", "missile"),
    ("Повітряна тривога у Бєлгороді! Залишайтеся в укритті до відбою.", "air_raid"),
    ("Missile danger in Belgorod. Stay in the shelter until the all clear.", "missile"),
]


@pytest.mark.parametrize("text, kind", WAITED)
def test_an_all_clear_to_wait_for_is_not_an_all_clear(text, kind):
    assert reading(text) == (kind, ())


@pytest.mark.parametrize("text", ["Оставайтесь в укрытии до отбоя.", "Дочекайтеся відбою."])
def test_waiting_alone_is_held_with_its_reason(text):
    assert reading(text) == ("other", ("wait", "no_area"))


# A withdrawn or cancelled signal is an all-clear.
WITHDRAWN = [
    ("В Белгороде и Белгородском районе отменён сигнал ракетной опасности", ("belgorod", "belgorodsky")),
    ("В Белгороде и районе отменëн сигнал ракетной опасности.", ("belgorod", "belgorodsky")),
    ("Сигнал ракетной опасности в Белгороде отменён", ("belgorod",)),
    ("Угроза атаки БПЛА миновала. Губкин", ("gubkin",)),
    ("Отбой ракетной опасности в Шебекинском округе", ("shebekino",)),
    ("Відбій тривоги в Бєлгороді", ("belgorod",)),
    ("Загроза атаки БпЛА минула. Шебекине", ("shebekino",)),
    ("Сигнал повітряної тривоги скасовано. Бєлгородський округ", ("belgorodsky",)),
    ("The drone threat in Valuyki district has been lifted.", ("valuyki",)),
    ("Режим ракетной опасности в Белгороде завершён", ("belgorod",)),
    ("Ракетная опасность в Белгороде и Белгородском районе закончилась", ("belgorod", "belgorodsky")),
    ("Опасность атаки БПЛА в Белгородском округе миновала.", ("belgorodsky",)),
    ("Угроза БПЛА в Краснояружском округе снята", ("krasnaya-yaruga",)),
    ("Ракетна небезпека в Бєлгороді скасована", ("belgorod",)),
    ("The missile alert for Belgorod has ended.", ("belgorod",)),
]


@pytest.mark.parametrize("text, areas", WITHDRAWN)
def test_a_withdrawn_signal_is_an_all_clear(text, areas):
    found = classify_text(text, REGION)
    assert (found.kind, found.areas, found.doubts) == ("all_clear", areas, ())


@pytest.mark.parametrize("text, kind", [
    ("Сигнал ракетной опасности не снят. Белгород", "missile"),
    ("Отбой не объявлялся: ракетная опасность в Белгороде сохраняется", "missile"),
    ("Занятия в школах Белгорода отменены из-за ракетной опасности", "other"),
    ("Уважаемые белгородцы, в связи с угрозой атаки БПЛА занятия отменены", "drone"),
    ("Drone danger over Belgorod!", "drone"),
    ("Угроза атаки БПЛА в Белгороде не миновала", "drone"),
    ("Ракетная опасность в Белгородском районе. Отбой в Белгороде был в 12:30.", "missile"),
])
def test_what_is_not_withdrawn_is_not_an_all_clear(text, kind):
    assert classify_text(text, REGION).kind == kind


# An all-clear and a threat still in force: a person decides.
@pytest.mark.parametrize("text", [
    "Опасность атаки БПЛА в Белгородском районе снята. В Белгороде сигнал продолжает действовать — "
    "белгородцы, оставайтесь в укрытиях!",
    "Угроза обстрела в Шебекино снята, в сёлах Муром и Белянка — сохраняется.",
    "Відбій тривоги в Бєлгороді. У Шебекине — ракетна небезпека.",
])
def test_a_mixed_post_is_held(text):
    kind, doubts = reading(text)
    assert kind != "all_clear" and doubts == ("conflict",)


# An all-clear that also tells people to take or keep shelter now contradicts itself: a person decides.
# Advice for a later signal ("при повторном сигнале", "если услышите сирену") is not such an order.
@pytest.mark.parametrize("text", [
    "Белгород, Белгородский округ: ракетная опасность миновала? Нет! Оставайтесь в укрытии.",
    "Отбой ракетной опасности. Белгород. Не покидайте укрытие ещё 10 минут.",
    "Відбій ракетної небезпеки. Бєлгород. Залишайтеся в укритті.",
    "All clear for Belgorod. Stay in shelter until further notice.",
])
def test_an_all_clear_that_orders_shelter_is_held(text):
    kind, doubts = reading(text)
    assert kind != "all_clear" and doubts == ("conflict",)


@pytest.mark.parametrize("text", [
    "Отбой ракетной опасности. Белгород. При повторном сигнале пройдите в укрытие.",
    "Отбой угрозы атаки БПЛА. Шебекинский округ. Можно покинуть укрытия.",
    "Отбой воздушной тревоги. Белгородская область. Если услышите сирену — спуститесь в подвал.",
])
def test_an_all_clear_with_advice_for_later_stays_an_all_clear(text):
    assert reading(text)[0] == "all_clear"


# A report of what happened is never a threat alert.
REPORTS = [
    "В результате атаки дрона пострадал мужчина в Шебекино",
    "По итогам ночи над Белгородским районом сбиты 5 беспилотников",
    "Меняем алгоритмы оповещения о ракетной опасности в Белгороде",
    "Посетил пункт временного размещения в Губкине, поговорил с шебекинцами.",
    "Глава Шебекинского округа провёл приём граждан в ПВР Белгорода.",
    "Оперативный штаб: за сутки ВСУ атаковали 9 муниципалитетов, выпущено 43 боеприпаса и 56 беспилотников.",
    "Выражаю соболезнования родным погибших при атаке БПЛА в Грайвороне.",
    "Внаслідок обстрілу Шебекине постраждали двоє людей.",
    "A drone attack on Belgorod injured two people.",
]


@pytest.mark.parametrize("text", REPORTS)
def test_a_report_is_held_as_a_report(text):
    kind, doubts = reading(text)
    assert (kind, doubts[0]) == ("other", "report")


@pytest.mark.parametrize("text, kind", [
    ("После ракетного обстрела часть Белгорода без света", "power_outage"),
    ("Water supply cut in Shebekino after a drone hit a pumping station", "water_outage"),
    ("В Грайворонском округе с дронов сброшены противопехотные мины «Лепесток». Не трогайте незнакомые "
     "предметы.", "explosive_object"),
])
def test_what_a_strike_leaves_is_the_notice(text, kind):
    assert reading(text) == (kind, ())


# Another region's post never becomes ours.
@pytest.mark.parametrize("text", [
    "Ракетная опасность! Курская область",
    "Воронежская область: угроза атаки БПЛА",
    "🔴 14:05 Повітряна тривога в Харківська область",
    "Загроза обстрілу: Харків",
    "Донецька область — повітряна тривога",
    "Повітряна тривога в Білгород-Дністровський район",
])
def test_another_region_is_held(text):
    assert "other_region" in classify_text(text, REGION).doubts


# Advice, science and entertainment are not attacks.
@pytest.mark.parametrize("text", [
    "При ракетной опасности пройдите в укрытие. Белгород",
    "Белгородцы, напоминаю: при сигнале «Опасность атаки БПЛА» зайдите в ближайшее здание и дождитесь отбоя.",
    "Під час повітряної тривоги залишайтеся в укритті. Бєлгород",
    "NASA's Dragonfly rotorcraft drone will fly on Titan",
    "Фильм «Ракетная опасность» выходит в прокат: премьера в Губкине 12 декабря.",
    "Daytime heating will push temperatures to 25 degrees in Belgorod",
])
def test_no_signal_in_advice_science_or_weather(text):
    kind, doubts = reading(text)
    assert kind == "other" and doubts[0] in ("no_kind", "wait")


# Outages in every word form.
@pytest.mark.parametrize("text, kind", [
    ("Отключено электроснабжение в Шебекино", "power_outage"),
    ("Отключили электроснабжение в Валуйках", "power_outage"),
    ("Отключение электроснабжения в Старом Осколе с 9:00 до 17:00", "power_outage"),
    ("Часть Белгорода осталась без света после удара", "power_outage"),
    ("Белгородский округ обесточен", "power_outage"),
    ("Відключення електроенергії в Губкіні", "power_outage"),
    ("Шебекине знеструмлено", "power_outage"),
    ("Водоснабжение в Алексеевке отключено до 18:00", "water_outage"),
    ("В части домов Белгорода снижены параметры отопления", "heating_outage"),
    ("Heating outage in Gubkin until tomorrow", "heating_outage"),
    ("Ограничено движение по дороге Шебекино — Новая Таволжанка", "road_closure"),
    ("Закрыт въезд в село Колотиловка Краснояружского района", "road_closure"),
])
def test_outages_in_every_form(text, kind):
    assert reading(text) == (kind, ())


def test_fpv_drones_and_artillery_threats():
    assert reading("Угроза атаки FPV-дронов в Шебекино")[0] == "drone"
    assert reading("Угроза артобстрела в Ровеньском районе!")[0] == "artillery"
    assert reading("Загроза артобстрілу в Шебекине")[0] == "artillery"


def test_classify_kind_keeps_its_two_values():
    assert classify_kind("Отбой ракетной опасности") == ("all_clear", 0.9)
    assert classify_kind("Поздравляю с праздником!") == ("other", 0.0)
