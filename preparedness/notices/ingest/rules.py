"""The words that make a post an alert, and the context that unmakes them: every rule in one place.

A phrase is words separated by spaces; '=x' is any form of the lemma x, 'x*' a word beginning with x,
'a|b' either; other words must be written as given. Between the words of a phrase up to GAP other
words may stand, within one clause. Each rule carries the real phrasing that motivates it; the tests
in tests/test_classify_rules.py quote the same posts.
"""

from dataclasses import dataclass
from functools import lru_cache

from .places import parse_item

GAP = 2
_DANGER = ("=опасность|=угроза|=атака|=атаковать|=тревога|=небезпека|=загроза|=тривога|danger|threat"
           "|attack|attacks|alert|warning")
_DRONE = ("бпла|бпл|бпла-камикадзе|беспилотн*|безпілотн*|=дрон|дрон*|квадрокоптер*|fpv*|uav|uavs|drone|drones"
          "|=камикадзе|шахед*|^герань*")
THREATS = ("missile", "drone", "air_raid", "artillery")

# What each kind of notice is called. Order matters only between kinds found at the same word.
SIGNALS = {
    # "Ракетная опасность!", "Угроза ракетного удара", "Ракетна небезпека", "Missile danger"
    "missile": ("=ракетный|=ракетний =опасность|=угроза|=удар|=атака|=тревога|=небезпека|=загроза|=тривога",
                "=опасность|=угроза|=небезпека|=загроза =ракетный|=ракетний",
                "missile|missiles danger|threat|alert|attack|strike|warning"),
    # "Авиационная опасность", "Воздушная тревога", "Повітряна тривога", "Air raid alert"
    "air_raid": ("=авиационный|=воздушный|=повітряний|=авіаційний =опасность|=тревога|=угроза|=небезпека"
                 "|=тривога|=загроза",
                 "air raid|alert|danger", "air-raid", "aviation danger|threat"),
    # "Опасность атаки БПЛА", "Атака беспилотников на г. Шебекино", "Загроза атаки БпЛА",
    # "угроза атаки FPV-дронов", "Drone attack threat"
    "drone": (f"{_DANGER} {_DRONE}", f"{_DRONE} {_DANGER}"),
    # "Угроза обстрела!", "угроза артобстрела", "Артиллерийский обстрел Грайворона", "Загроза артобстрілу"
    "artillery": ("=угроза|=опасность|=загроза|=небезпека|threat|danger обстрел*|обстріл*|shelling",
                  "артобстрел*", "артобстріл*", "артиллер*", "артилер*", "рсзо", "=минометный|=миномет",
                  "artillery"),
    # "Отбой ракетной опасности", "Відбій тривоги", "All clear", "угроза миновала", "загроза минула"
    "all_clear": ("=отбой", "=відбій", "all clear", "all-clear", "allclear",
                  "=угроза|=опасность =миновать", "=загроза|=небезпека =минути|=минуть",
                  "threat|danger|alert is over", "threat|danger|alert has passed|ended"),
    # "Эвакуация жителей приграничных сёл", "Евакуація", "evacuation", "Всех жителей близлежащих домов
    # попросили временно выехать в безопасное место", "отселение жителей"
    "evacuation": ("=эвакуация|=эвакуировать|=эвакуироваться", "=евакуація|=евакуювати",
                   "=попросить|=просить|=рекомендовать|=временно =выехать|=покинуть|=переехать",
                   "=отселение|=отселить", "evacuation|evacuate|evacuated"),
    # "Обнаружен взрывоопасный предмет", "неразорвавшийся боеприпас", "ВОП", "мина-лепесток"
    "explosive_object": ("=взрывоопасный =предмет", "воп", "=неразорвавшийся", "неразорвавш*", "боеприпас*",
                         "суббоеприпас*", "=вибухонебезпечний =предмет", "нерозірван*", "боєприпас*",
                         "=противопехотный =мина",
                         "мина-лепесток|мины-лепестки|мин-лепестков", "explosive object|device|ordnance",
                         "unexploded", "uxo"),
}
# A bare name of a weapon ("Над Белгородом БПЛА", "drone hit a pumping station") is a threat only when
# nothing else in the post is a notice: "с дронов сброшены мины «Лепесток»" is about the mines.
BARE = {"drone": (_DRONE,), "artillery": ("обстрел*", "обстріл*", "shelling")}
# "Пункты временного размещения работают", "ПВР в Белгороде работает", "Укрытие в школе № 3 Алексеевки
# открыто", "обустроены ещё два модульных укрытия", "Пункт незламності"
SHELTERS = ("=пункт =временный =размещение", "пвр", "=пункт =тимчасовий =розміщення",
            "=укрытие =открыть|=работать|=открытый", "=открыть|=обустроить|=оборудовать|=установить =укрытие",
            "=укриття =відкрити|=працювати", "=пункт =обогрев", "=пункт =незламність",
            "shelter|shelters open|opened|update")

_OUT = ("=отключение|=отключить|=отключенный|=отключиться|=отсутствие|=отсутствовать|=перебой|без|нет"
        "|=снизить|=снижение|=понизить|=прекратить|=прекращение|=ограничить|=ограничение"
        "|=відключення|=відключити|=відключений|=відсутність|немає|outage|outages|cut|cuts|off|without|no"
        "|failure|interruption")
_OUTAGE = {
    # "отключено/отключили/отключение электроснабжения", "без света", "Відключення електроенергії"
    "power_outage": "=электроснабжение|=электроэнергия|=электричество|=свет|=електропостачання|=електроенергія"
                    "|=світло|=електрика|power|electricity",
    # "Отключение водоснабжения", "временно без воды"
    "water_outage": "=водоснабжение|=вода|=водопостачання|water",
    # "Отключение отопления" (and not "daytime heating" in a weather forecast: no outage word there)
    "heating_outage": "=отопление|=теплоснабжение|=тепло|=опалення|=теплопостачання|heating|heat",
}
OUTAGE_SIGNALS = {kind: (f"{_OUT} {res}", f"{res} {_OUT}") for kind, res in _OUTAGE.items()}
OUTAGE_SIGNALS["power_outage"] += ("=обесточить|=обесточенный|=обесточивание|=знеструмити|=знеструмлення"
                                   "|=знеструмлений|blackout|blackouts",)
# "Движение по трассе перекрыто", "ограничение движения", "рух обмежено", "road closed"
_CLOSE = ("=перекрыть|=перекрытие|=перекрытый|=закрыть|=закрытый|=ограничить|=ограничение|=приостановить"
          "|=перекрити|=обмежити|=обмеження|=закрити|closed|closure|blocked|restricted|suspended")
_ROAD = ("=движение|=дорога|=трасса|=проезд|=автодорога|=мост|=переезд|=въезд|=выезд|=рух|=в'їзд|road|roads"
         "|traffic|highway")
# A street only when it is blocked: "улица Щорса перекрыта", not "закройте окна, выходящие на улицу".
_STREET_BLOCKED = ("=перекрыть|=перекрытие|=перекрытый|=перекрити =улица|=вулиця|street",
                   "=улица|=вулиця|street =перекрыть|=перекрытый|=перекрити|closed|blocked")
OUTAGE_SIGNALS["road_closure"] = (f"{_CLOSE} {_ROAD}", f"{_ROAD} {_CLOSE}", *_STREET_BLOCKED)

# A withdrawn or cancelled signal is an all-clear, though it names the threat:
# "В Белгороде и Белгородском районе отменён сигнал ракетной опасности", "Режим ракетной опасности снят",
# "Сигнал повітряної тривоги скасовано", "Режим ракетной опасности завершён", "Ракетная опасность в
# Белгороде закончилась", "Опасность атаки БПЛА в Белгородском округе миновала", "The missile alert has
# ended".
_CANCEL = ("=отменить|=отмена|=снять|=снятие|=завершить|=закончить|=окончить|=прекратить|=закончиться"
           "|=завершиться|=окончиться|=прекратиться|=миновать|=минути|=минуть|=закінчитися|=завершитися"
           "|=скасувати|=скасування|=скасований|=зняти|=знятий|=завершити|=закінчити|=припинити|cancelled"
           "|canceled|lifted|ended")
# Not "Занятия отменены из-за ракетной опасности": the cancelled word must be the signal itself.
_SIGNAL = "=сигнал|=режим|=угроза|=опасность|=тревога|=тривога|=загроза|=небезпека|alert|warning|threat|danger"

# A signal named as what to wait for is not that signal: "Оставайтесь там до получения сигнала «Отбой
# ракетной опасности»", "не покидайте укрытие до отбоя", "дочекайтеся відбою", "until the all clear",
# "после отбоя не подходите к обломкам".
WAIT_WORDS = frozenset({"до", "дождаться", "ждать", "ожидать", "дочекатися", "чекати", "очікувати", "until",
                        "till", "wait", "after", "после", "після", "получение", "об", "про", "пока", "поки",
                        "напоминать", "нагадувати", "получить", "отримати"})
WAIT_REACH = 5
# ... nor is an all-clear announced for later or over already: "Отбой сообщим дополнительно", "Отбой
# будет объявлен дополнительно", "Ранее сигнал «Отбой» прозвучал в Белгороде", "Отбой предыдущего
# сигнала был в 14:10, сейчас снова...", "Отбой не объявлялся", "Отбой — только по сигналу РСЧС",
# "Напоминаем: отбой объявляется голосом через громкоговорители".
PAST_WORDS = frozenset({"был", "была", "было", "прозвучать", "був", "була", "пролунати", "was"})
EARLIER_WORDS = frozenset({"ранее", "вчера", "раніше", "учора", "earlier", "yesterday"})
LATER_WORDS = frozenset({"сообщить", "объявить", "объявляться", "дополнительно", "будет", "предыдущий", "был", "не",
                         "только", "повідомити", "оголошуватися", "додатково", "буде", "попередній", "був", "ні",
                         "лише", "тільки", "will", "previous", "was", "not", "only"})
LATER_REACH = 3
# A signal still in force, beside an all-clear, makes a mixed post: "В Белгороде сигнал продолжает
# действовать", "в сёлах Муром и Белянка — сохраняется", "тривога ще триває".
STILL = ("=сигнал|=режим|=угроза|=опасность|=тревога|=тривога|=загроза|=небезпека =продолжать|=сохраняться"
         "|=действовать|=тривати|=зберігатися|=продовжувати",
         "=сохраняться|=продолжать|=тривати|=зберігатися",
         "still in force", "remains in force")
# Telling people to take or keep shelter now, beside an all-clear, makes a mixed post too: "Ракетная
# опасность миновала? Нет! Оставайтесь в укрытии", "Отбой… Не выходите из укрытий". Advice for later
# ("при повторном сигнале пройдите в укрытие") is not (CONDITION_WORDS).
SHELTER_NOW = ("=оставаться =укрытие|=подвал|=убежище", "=спуститься =подвал|=укрытие|=убежище",
               "=пройти|=проследовать =укрытие|=подвал|=убежище", "не =покидать|=выходить =укрытие|=подвал|=убежище",
               "=залишатися =укриття|=підвал|=сховище", "=спуститися =укриття|=підвал|=сховище",
               "=пройти =укриття|=підвал|=сховище", "не =залишати|=виходити =укриття|=підвал|=сховище",
               "stay in|inside shelter*|basement*", "take shelter", "do not leave shelter*")
# A threat named as advice is not an alert: "При ракетной опасности пройдите в укрытие", "в случае
# атаки БПЛА", "під час повітряної тривоги", "if you hear an air raid alert".
CONDITION_WORDS = frozenset({"при", "если", "случай", "разі", "випадок", "випадку", "якщо", "время", "час",
                             "if", "case", "during", "when", "напоминать", "нагадувати"})
CONDITION_REACH = 5
# A weapon named as the cause of something is not an alert: "от удара дрона загорелась техника",
# "Water supply cut in Shebekino after a drone hit", "в результате атаки БПЛА".
CAUSE_WORDS = frozenset({"после", "після", "after", "из-за", "удар", "прилет", "попадание", "результат",
                         "внаслідок", "влучання", "hit", "by"})
CAUSE_REACH = 2
# What a strike leaves people to do is a notice even in a report: "после обстрела без света", "drone hit
# a pumping station; water supply cut". Anything else beside a report is the report's ("выпущено 43
# боеприпаса").
CONSEQUENCES = frozenset({"power_outage", "water_outage", "heating_outage", "road_closure", "evacuation",
                          "shelter_update"})
# Of several other kinds the one that asks most of people wins: "найден неразорвавшийся боеприпас.
# Жителей соседних домов эвакуируют" is an evacuation.
FIRST_OF_OTHERS = ("evacuation",)

# A visit, a meeting or a condolence is a report whatever else it names: "Посетил пункт временного
# размещения в Губкине", "Глава округа провёл приём граждан в ПВР", "соболезную родным".
EVENT = ("=посетить", "=побывать", "=визит", "=соболезнование", "=соболезновать", "=провести =прием|=совещание",
         "=прием =гражданин", "=поговорить", "=встретиться", "=співчуття", "=відвідати", "visited", "condolences")
# A report of what happened is never a threat alert: "в результате атаки дрона пострадал мужчина",
# "по итогам ночи", "повреждены окна", "меняем алгоритмы оповещения", "Внаслідок обстрілу постраждали",
# "за сутки ВСУ атаковали 9 муниципалитетов", "injured".
REPORT = ("в результате", "по =итог", "=пострадать", "=пострадавший", "=ранение", "=ранить", "=раненый",
          "=погибнуть", "=погибший", "=гибель", "=скончаться", "=повредить", "=повреждение",
          "=поврежденный", "=разрушение", "=разрушить", "=сбить", "=сбитый", "=уничтожить", "=перехватить",
          "=алгоритм", "=госпитализировать", "=возгорание", "=сдетонировать", "=последствие", "=ущерб",
          "=обломок", "=атаковать", "=атакованный", "=обстрелять", "=осколочный", "=задержать", "=загореться",
          "=сгореть", "=потушить", "=жертва", "=травма", "=травмировать", "=выбить", "=посечь", "=прилет",
          "=госпитализация", "=уточняться", "=поранити", "=загорітися", "=влучання", "=итог",
          # Retrospectives: "Вчера вечером в Грайвороне объявлялась ракетная опасность", "за сутки".
          "=вчера", "=учора",
          "за =сутки|=прошедший|=минувший|=неделя|=добу|=минулий",
          "внаслідок", "=постраждати", "=постраждалий", "=поранений", "=пошкодити", "=пошкодження",
          "=загинути", "=загиблий", "=збити", "=співчуття", "=уламок", "=атакувати",
          "as a result", "injur*", "wound*", "kill*", "damag*", "casualt*", "died", "dead", "destroy*",
          "intercept*", "shot down", "debris", "struck", "attacked")

# Space news and entertainment are not an attack: "NASA's Dragonfly rotorcraft drone will fly on Titan",
# "Фильм «Ракетная опасность» выходит в прокат", "Дрон-сериал покажут в кинотеатре", "на фестивале
# гости смотрели показ беспилотников".
NOT_ATTACK = ("nasa|наса|titan|saturn|spacecraft|rotorcraft|probe|планет*|космическ*|зонд|сатурн*|dragonfly"
              "|=фильм|=сериал|=кинотеатр|=премьера|=прокат|=фестиваль|=выставка|=концерт|=спектакль"
              "|=турнир|=чемпионат|=соревнование|=показ|=музей|film|movie|festival|premiere|exhibition",)
# "Город Белгород — без сигнала": the areas of that clause are not in the alert.
NO_SIGNAL = ("без =сигнал", "=сигнал не =объявлять|=объявить", "без =тривога", "no alert")


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase: its words, each a tuple of alternative Items."""

    items: tuple

    gap: int = GAP

    def match_at(self, toks, i):
        """The index after the last word of this phrase starting at token i, or None."""
        if not any(alt.matches(toks[i]) for alt in self.items[0]):
            return None
        end = i + 1
        for alts in self.items[1:]:
            end = next((j + 1 for j in range(end, min(end + self.gap + 1, len(toks)))
                        if toks[j].clause == toks[i].clause and any(alt.matches(toks[j]) for alt in alts)),
                       None)
            if end is None:
                return None
        return end


class PhraseSet:
    """Phrases with what each stands for, indexed by their first word so a post is read in one pass."""

    def __init__(self, table):
        self.first = {}
        for value, texts, gap in table:
            for text in texts:
                phrase = Phrase(tuple(tuple(parse_item(a) for a in w.split("|")) for w in text.split()), gap)
                for alt in phrase.items[0]:
                    key = (alt.how, alt.text[:3] if alt.how == "prefix" else alt.text)
                    self.first.setdefault(key, []).append((phrase, value))

    def find(self, toks):
        """Every (start, end, value) where a phrase matches, in text order."""
        found = []
        for i, token in enumerate(toks):
            for phrase, value in self.starting(token.word, token.lemmas):
                end = phrase.match_at(toks, i)
                if end is not None:
                    found.append((i, end, value))
        return found

    @lru_cache(maxsize=100_000)
    def starting(self, word, lemmas):
        """The phrases whose first word may be this one (each once), for a word and its lemmas."""
        heads = [("word", word), ("prefix", word[:3]), *(("lemma", lemma) for lemma in lemmas)]
        unique = {id(p): (p, v) for h in heads for p, v in self.first.get(h, ())}
        return tuple(unique.values())


# Between a signal and its "отменён" stand only the signal's own words and places ("Режим ракетной
# опасности в Белгороде отменён"); not "в связи с угрозой атаки БПЛА занятия отменены".
CANCEL_BETWEEN = frozenset({
    "ракетный", "ракетний", "опасность", "угроза", "атака", "бпла", "беспилотник", "авиационный", "воздушный",
    "тревога", "сигнал", "режим", "в", "на", "по", "для", "у", "территория", "город", "район", "округ",
    "область", "быть", "ранее", "объявить", "объявленный", "небезпека", "загроза", "тривога", "повітряний",
    "бути", "оголосити", "оголошений", "весь", "was", "has", "been", "is", "the", "in", "for", "drone",
    "missile", "air", "raid", "attack", "district", "region", "city", "area", "и", "та", "and", "дрон",
    "беспилотный", "дроны", "обстрел", "обстріл", "артобстрел", "артобстріл", "shelling"})

# Every phrase above in one index: (what it is, its kind or None), the words it matches and the gap.
PHRASES = PhraseSet([
    *((("kind", kind), texts, GAP) for kind, texts in SIGNALS.items()),
    *((("bare", kind), texts, GAP) for kind, texts in BARE.items()),
    *((("kind", kind), texts, 4) for kind, texts in OUTAGE_SIGNALS.items()),
    (("kind", "shelter_update"), SHELTERS, 4),
    # "отменён сигнал", "отменена ракетная опасность"; "Сигнал ракетной опасности в Белгороде отменён".
    (("cancel", None), (f"{_CANCEL} {_SIGNAL}",), 1), (("cancel", None), (f"{_SIGNAL} {_CANCEL}",), 6),
    (("still", None), STILL, 3), (("shelter", None), SHELTER_NOW, 3), (("event", None), EVENT, 0), (("none", None), NO_SIGNAL, 1),
    (("report", None), REPORT, 0), (("not_attack", None), NOT_ATTACK, 0),
])


def matches(toks):
    """{what: [(start, end, kind or None)]} of every phrase found in a post's words."""
    found = {}
    for start, end, (what, kind) in PHRASES.find(toks):
        found.setdefault(what, []).append((start, end, kind))
    return found
