"""Words of a post as lemmas, so that every case, number and participle form counts.

The analyser is pymorphy3 with its OpenCorpora Russian dictionary (pymorphy3-dicts-ru) and the
LanguageTool/VESUM-based Ukrainian dictionary (pymorphy3-dicts-uk): both are plain data packages on
PyPI, load in well under a second and need no network. A word's lemmas are the normal forms of every
parse in both languages (a post mixes them, and "ракетна" or "тривоги" carry no Ukrainian letter), so
rules and place names match whichever reading is right. Results are cached per word: channel posts
repeat a small vocabulary, so a large import costs a dictionary look-up per distinct word only.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"[a-zа-яёіїєґ0-9]+(?:['\-][a-zа-яёіїєґ0-9]+)*", re.IGNORECASE)
# A full stop, "!", "?", ";", a line break or an emoji-like bullet ends a clause for the rules.
CLAUSE_END = re.compile(r"[.!?;\n…]|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
UK_LETTERS = set("іїєґ")
LATIN, CYRILLIC = re.compile(r"[a-z]"), re.compile(r"[а-яіїєґ]")
LOOKALIKES = str.maketrans("aeopcxykmtbhi", "аеорсхукмтвні")
RU_LETTERS = set("ыэъё")


@lru_cache(maxsize=1)
def analysers():
    """(Russian, Ukrainian) pymorphy3 analysers, built once."""
    import pymorphy3      # imported here so that importing the app does not load the dictionaries
    return pymorphy3.MorphAnalyzer(lang="ru"), pymorphy3.MorphAnalyzer(lang="uk")


@lru_cache(maxsize=200_000)
def lemmas(word):
    """Every lemma of a lower-case word in Russian and Ukrainian, and the word itself."""
    found = {word}
    if not re.search(r"[а-яёіїєґ]", word):
        return frozenset(found)
    ru, uk = analysers()
    letters = set(word)
    if not letters & UK_LETTERS:
        found.update(p.normal_form.replace("ё", "е") for p in ru.parse(word))
    if not letters & RU_LETTERS:
        found.update(p.normal_form for p in uk.parse(word) if uk.word_is_known(word) or letters & UK_LETTERS)
    return frozenset(found)


@dataclass(frozen=True)
class Token:
    """One word: its lower-case form, lemmas, whether written with a capital, its clause and offset."""

    word: str
    lemmas: frozenset
    capital: bool
    clause: int
    start: int


# Words a full stop follows without ending a sentence ("г. Белгород", "с. Масычево", "ул. Щорса").
ABBREVIATIONS = frozenset({"г", "гор", "с", "п", "пос", "пгт", "х", "хут", "д", "дер", "ул", "пр", "пер",
                           "просп", "мкр", "р-н", "обл", "им", "т", "д", "ст", "м", "вул", "смт", "e", "g",
                           "st", "no"})


def _cyrillic(part):
    """A word part written in Cyrillic with a few Latin lookalikes ("oтмeнён"), in Cyrillic only."""
    return part.translate(LOOKALIKES) if LATIN.search(part) and CYRILLIC.search(part) else part


def tokens(text):
    """The words of a text, each with its lemmas and the number of its clause."""
    found, clause, end = [], 0, 0
    text = text.replace("ë", "е").replace("Ë", "Е")       # "отменëн" typed with a Latin ë
    for match in WORD.finditer(text):
        gap = text[end:match.start()]
        if CLAUSE_END.search(gap.replace(".", "", 1) if gap.lstrip().startswith(".") and found
                             and found[-1].word in ABBREVIATIONS else gap):
            clause += 1
        end = match.end()
        raw = match.group(0)
        word = "-".join(_cyrillic(part) for part in raw.lower().replace("ё", "е").split("-"))
        found.append(Token(word, lemmas(word), raw[:1].isupper(), clause, match.start()))
    return found
