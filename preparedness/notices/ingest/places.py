"""Which areas of the region a post names: area names in every form, then towns and villages.

Names come from the region pack: places.json (the region, each area under its official names before
and after the 2025 reform, short, colloquial and people's names, and other regions) and
settlements.csv (every town and village with its area). Words are compared on lemmas (morph.py), so
"Грайворонскую", "шебекинцев" and "в Шебекинском округе" all count.
"""

from dataclasses import dataclass
from functools import lru_cache

from .morph import analysers, tokens

REGION_WIDE = "*"
OTHER_REGION = "!"
# Words that say what kind of place the next name is, as the gazetteer's types.
PLACE_TYPES = {"с": "с", "село": "с", "селе": "с", "села": "с", "сел": "с", "х": "х", "хут": "х",
               "хутор": "х", "хуторе": "х", "хутора": "х", "хутір": "х", "хуторі": "х", "п": "п",
               "пос": "п", "поселок": "п", "поселке": "п", "поселка": "п", "пгт": "п", "селище": "п",
               "селищі": "п", "смт": "п", "г": "г", "город": "г", "городе": "г", "города": "г",
               "місто": "г", "місті": "г", "м": "г"}
PREPOSITIONS = frozenset({"в", "во", "у", "из", "под", "около", "возле", "близ", "над", "біля", "поблизу", "near",
                          "in"})
# Names after these are streets, not places: "улицы Щорса, Губкина", "на улице Победы".
STREET_WORDS = frozenset({"улица", "ул", "проспект", "просп", "переулок", "пер", "бульвар", "площадь", "пл",
                          "вулиця", "вул", "street", "avenue"})
# Names after these, joined by dashes, are a road: "трасса Белгород — Грайворон — Козинка".
ROAD_WORDS = frozenset({"трасса", "автодорога", "дорога", "автотрасса", "шоссе", "road", "highway", "траса"})
DASHES = ("-", "—", "–", "−")
# "Белгородском, Шебекинском и Корочанском округах": an adjective that shares the noun of a list.
ADJECTIVE_ENDINGS = ("ский", "ского", "скому", "ским", "ском", "ской", "ская", "скую", "ские", "ских", "ськ",
                     "ський", "ського", "ському", "ська", "ської", "ській", "ські")


@dataclass(frozen=True)
class Item:
    """One word of a phrase: exact word, lemma ('='), or beginning ('*'); '^' asks for a capital."""

    text: str
    how: str
    capital: bool

    def matches(self, token):
        """Whether a token is this word."""
        if self.capital and not token.capital:
            return False
        if self.how == "prefix":
            return token.word.startswith(self.text)
        if self.how == "lemma":
            return self.text in token.lemmas
        return token.word == self.text


def parse_item(raw):
    """An Item from its written form ('^=белгород', 'шебекин*', 'р-н')."""
    capital = raw.startswith("^")
    raw = raw.lstrip("^").lower().replace("ё", "е")
    if raw.startswith("="):
        return Item(raw[1:], "lemma", capital)
    if raw.endswith("*"):
        return Item(raw[:-1], "prefix", capital)
    return Item(raw, "word", capital)


@dataclass(frozen=True)
class Settlement:
    """A town or village: its name's words, type, area and whether its name is also a common word."""

    words: tuple
    type: str
    area: str
    common_word: bool


class Gazetteer:
    """Phrases for the region, its areas and other regions, and the settlements, indexed for speed."""

    def __init__(self, region):
        places = region.places
        self.district_of = places.get("district_of", {})
        self.shared_noun = {w: tuple(t) for w, t in places.get("shared_noun", {}).items()}
        self.phrases = []
        for target, raws in ((REGION_WIDE, places.get("region", ())),
                             (OTHER_REGION, places.get("other_regions", ())),
                             *places.get("areas", {}).items()):
            self.phrases += [(tuple(parse_item(w) for w in raw.split()), target) for raw in raws]
        for area in region.areas:      # names in the region pack count too, but not "короче" alone
            for name in (*area.variants, *area.names.values(), *area.short_names.values()):
                words = _words(name)
                if words and not any(c in name for c in "()") and not (len(words) == 1 and _common_word(words[0])):
                    self.phrases.append((tuple(Item(w, "word", False) for w in words), area.slug))
        self.first = {}      # (how, key) of a phrase's first word -> phrases, longest first
        for items, target in sorted((p for p in self.phrases if p[0]), key=lambda p: -len(p[0])):
            head = items[0]
            key = head.text[:3] if head.how == "prefix" else head.text
            self.first.setdefault((head.how, key), []).append((items, target))
        self.settlements = {}
        for name, kind, area in region.settlements:
            words = _words(name)
            self.settlements.setdefault(words[0][:4], []).append(
                Settlement(tuple(words), kind, area, len(words) == 1 and _common_word(words[0])))

    def phrase_at(self, toks, i):
        """(length, target) of the longest phrase starting at token i, or None."""
        for items, target in self.starting(toks[i].word, toks[i].lemmas):
            n = len(items)
            if i + n <= len(toks) and all(items[k].matches(toks[i + k]) for k in range(n)):
                return n, target
        return None

    @lru_cache(maxsize=100_000)
    def starting(self, word, lemmas):
        """Phrases whose first word may be this one, longest first."""
        heads = [("word", word), ("prefix", word[:3]), *(("lemma", lemma) for lemma in lemmas)]
        return tuple(sorted((p for h in heads for p in self.first.get(h, ())), key=lambda p: -len(p[0])))

    def settlement_at(self, toks, i, kind=None):
        """(length, areas it may be in) of a settlement named at token i, or None."""
        if not toks[i].capital:
            return None
        # "в Белянке" counts though "белянка" is also a word; a capital after a preposition is a name.
        named = kind or (i > 0 and toks[i - 1].word in PREPOSITIONS and toks[i - 1].clause == toks[i].clause)
        best = {}      # (words, strength) -> areas
        for place in self.settlements.get(toks[i].word[:4], ()):
            n = len(place.words)
            # Without "с."/"в" before it, only the name as written counts ("Масычево", not "Короче").
            same = _same_word if named else (lambda w, t: t.word == w)
            if (i + n <= len(toks) and (named or not place.common_word)
                    and all(same(w, toks[i + k]) for k, w in enumerate(place.words))
                    and (kind is None or kind == place.type)):
                strong = all(_inflected(w, toks[i + k]) for k, w in enumerate(place.words))
                best.setdefault((n, strong), set()).add(place.area)
        if not best:
            return None
        length, _ = key = max(best)
        return length, best[key]


def _words(name):
    """Lower-case words of a name (ё as е, hyphens as spaces)."""
    return [w for w in name.lower().replace("ё", "е").replace("-", " ").replace(".", ". ").split() if w]


def _same_word(name_word, token):
    """Whether a token is a form of one word of a settlement's name ("Масычево", "Масычеве")."""
    if token.word == name_word or name_word in token.lemmas:
        return True
    common = len(name_word) - 2
    return (len(name_word) >= 5 and token.word[:common] == name_word[:common]
            and len(token.word) <= len(name_word) + 3)


def _inflected(name_word, token):
    """Whether a token is the name word itself or one of its forms ("Студенок" -> "в Студенке")."""
    return token.word == name_word or name_word in token.lemmas or token.word in _forms(name_word)


@lru_cache(maxsize=4096)
def _forms(word):
    """Every form pymorphy3 gives a name's word (ё as е)."""
    ru, _ = analysers()
    return frozenset(f.word.replace("ё", "е") for p in ru.parse(word)[:3] for f in p.lexeme)


@lru_cache(maxsize=4096)
def _common_word(word):
    """Whether a name is also an ordinary word ("Долгое", "Майский"): then only "с. Долгое" counts."""
    ru, _ = analysers()
    return ru.word_is_known(word) and not any("Geox" in str(p.tag) for p in ru.parse(word))


_GAZETTEERS = {}


def gazetteer(region):
    """The region's gazetteer, built once per region pack."""
    if region.slug not in _GAZETTEERS:
        _GAZETTEERS[region.slug] = Gazetteer(region)
    return _GAZETTEERS[region.slug]


@dataclass(frozen=True)
class Places:
    """What a text names: areas in order, the whole region, other regions, for each village name found
    in several areas the set of those areas, and the clause each area was named in."""

    areas: tuple
    region_wide: bool
    other_regions: tuple
    ambiguous: tuple
    clauses: tuple = ()


def places_in(text, region, toks=None):
    """The areas, region and other regions a text names, in any case form."""
    toks = tokens(text) if toks is None else toks
    book = gazetteer(region)
    hits, i = [], 0
    while i < len(toks):
        step, found = _place_at(book, toks, i, text)
        if found:
            hits.append([i, i + step, found, found == [ROUTE]])
        i += step
    _mark_routes(hits, toks, text)
    # A road's ends name its area only when nothing else does ("Дорога Валуйки — Уразово перекрыта";
    # but "трасса Белгород — Грайворон на участке в Борисовском округе" is in Борисовский округ).
    named = [h for h in hits if not h[3] and any(_is_area(t) for t in h[2])]
    use = named or [h for h in hits if h[3]]
    areas, clauses = [], []
    for start, _, found, _ in use:
        for target in (t for t in found if _is_area(t)):
            clauses.append((target, toks[start].clause))
            if target not in areas:
                areas.append(target)
    flat = [(t, toks[start].word) for start, _, found, _ in hits for t in found]
    whole = any(t == REGION_WIDE for t, _ in flat)
    return Places(tuple(areas), whole and not areas, tuple(w for t, w in flat if t == OTHER_REGION),
                  tuple(t for t, _ in flat if isinstance(t, frozenset)), tuple(clauses))


ROUTE = "route"


def _is_area(target):
    """Whether a found target is an area slug (not the region, another region or a village in doubt)."""
    return isinstance(target, str) and target not in (REGION_WIDE, OTHER_REGION, ROUTE)


def _mark_routes(hits, toks, text):
    """Mark places joined by a dash ("Белгород — Грайворон", "Belgorod–Graivoron") or after a road word."""
    for k, hit in enumerate(hits):
        if hit[2] == [ROUTE]:
            continue
        prev = hits[k - 1] if k else None
        if prev and prev[1] == hit[0] and _dash_between(toks, prev[1] - 1, hit[0], text):
            prev[3] = hit[3] = True
        if prev and prev[2] == [ROUTE] and prev[1] == hit[0]:
            hit[3] = True
            if k + 1 < len(hits) and hits[k + 1][0] == hit[1] and _dash_between(toks, hit[1] - 1, hit[1], text):
                hits[k + 1][3] = True


def _dash_between(toks, left, right, text):
    """Whether a dash stands between token `left` and token `right` (same clause)."""
    if not text or right >= len(toks) or toks[left].clause != toks[right].clause:
        return False
    gap = text[toks[left].start + len(toks[left].word):toks[right].start]
    return any(d in gap for d in DASHES)


def _not_a_place(toks, i, text):
    """How many names from token i on are a street's, not places ("улицы Щорса, Губкина"; 0 if none)."""
    if not toks[i].lemmas & STREET_WORDS:
        return 0
    j = i + 1
    while (j < len(toks) and toks[j].clause == toks[i].clause
           and (toks[j].capital or toks[j].word.isdigit() or toks[j].word in ("и", "та", "and"))):
        j += 1
    return j - i - 1


def _shared_noun(book, toks, i):
    """Targets of an adjective whose noun comes after a list ("Белгородском, Шебекинском и ... округах")."""
    nouns = next((book.shared_noun[lemma] for lemma in toks[i].lemmas if lemma in book.shared_noun), None)
    if not nouns:
        return None
    for j in range(i + 1, min(i + 8, len(toks))):
        token = toks[j]
        if token.clause != toks[i].clause:
            return None
        for noun, target in nouns:
            if noun in token.lemmas:
                return [target]
        if not (token.word in ("и", "та", "and") or token.word.endswith(ADJECTIVE_ENDINGS)
                or token.lemmas & {"муниципальный", "городской", "муніципальний", "міський"}):
            return None
    return None


def _place_at(book, toks, i, text=""):
    """(tokens used, targets) at token i: a typed settlement first, then a phrase, then a settlement."""
    if toks[i].lemmas & ROAD_WORDS:
        return 1, [ROUTE]
    skip = _not_a_place(toks, i, text)
    if skip:
        return 1 + skip, []
    kind = PLACE_TYPES.get(toks[i].word)
    if kind and i + 1 < len(toks):
        found = book.settlement_at(toks, i + 1, kind)
        if found:
            length, areas = found
            return 1 + length, [next(iter(areas))] if len(areas) == 1 else [frozenset(areas)]
    phrase = book.phrase_at(toks, i)
    if phrase:
        n, target = phrase
        district = book.district_of.get(target)
        # "В Белгороде и районе": the city and the district around it.
        if (district and i + n + 1 < len(toks) and toks[i + n].word in ("и", "та")
                and toks[i + n + 1].lemmas & {"район", "округ"}
                and not (i + n + 2 < len(toks) and toks[i + n + 2].clause == toks[i].clause
                         and toks[i + n + 2].word.endswith(ADJECTIVE_ENDINGS))):
            return n + 2, [target, district]
        return n, [target]
    shared = _shared_noun(book, toks, i)
    if shared:
        return 1, shared
    found = book.settlement_at(toks, i)
    if found:
        length, areas = found
        return length, [next(iter(areas))] if len(areas) == 1 else [frozenset(areas)]
    return 1, []
