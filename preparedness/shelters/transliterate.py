"""Cyrillic names in Latin letters for readers of other scripts, and Latin searches for Cyrillic text.

The table is ICAO Doc 9303's (the one on Russian passports since 2013, close to GOST R 52535.1):
readers abroad meet "Lenina", "Shchorsa", "Oktiabrskaia" on their own documents and maps. A search
typed in Latin letters ("Lenina 17", "Oktyabrskaya", "Schorsa") is compared in a folded form where the
common spellings of one Cyrillic word meet (y/j/i, kh/h, ts/c, doubled letters).
Pure functions: no database, no Flask.
"""

import itertools
import re

ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Ukrainian letters, for names written in Ukrainian
    "і": "i", "ї": "i", "є": "ie", "ґ": "g",
}

# Folding: what several spellings of one sound become, longest first (after lower-casing).
FOLDS = (("shch", "W"), ("sch", "W"), ("zh", "Z"), ("kh", "H"), ("ch", "C"), ("sh", "S"), ("ts", "T"),
         ("tz", "T"), ("c", "T"), ("h", "H"), ("x", "ks"), ("ye", "e"), ("yo", "e"), ("w", "v"),
         ("y", "i"), ("j", "i"))
FOLD_PATTERN = re.compile("|".join(re.escape(a) for a, _ in FOLDS))
FOLD_TO = dict(FOLDS)

# Latin spellings back to the Cyrillic letters they may stand for, longest first: enough to find
# candidates by the first letters of a word, which the folded comparison then confirms.
LATIN_UNITS = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"),
    ("yu", "ю"), ("ju", "ю"), ("iu", "ю"), ("ya", "я"), ("ja", "я"), ("yo", "е"), ("ye", "е"),
    ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"), ("e", "еэ"), ("z", "з"),
    ("i", "ий"), ("y", "ыйи"), ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
    ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "цк"),
    ("x", "к"), ("q", "к"),
)
CANDIDATE_LETTERS = 3
MAX_VARIANTS = 12
# Latin forms of the address words people type or leave out ("ul.", "d.", "prospekt").
LATIN_ADDRESS_WORDS = {"g", "gorod", "ul", "ulitsa", "ulica", "d", "dom", "pr", "prosp", "prospekt", "per",
                       "pereulok", "bul", "bulvar", "pl", "ploshchad", "sh", "shosse", "korp", "k", "str",
                       "stroenie", "mkr", "pos", "p", "s", "selo", "kh", "khutor", "st", "street"}


def has_cyrillic(text):
    """Whether a text holds any Cyrillic letter."""
    return bool(re.search("[\u0400-\u04ff]", text or ""))


def to_latin(text):
    """The text with Cyrillic letters in Latin ones (ICAO); capitals stay capitals ("Щорса" → "Shchorsa")."""
    out = []
    for char in text or "":
        latin = ICAO.get(char.lower())
        if latin is None:
            out.append(char)
        elif char.isupper():
            out.append(latin.capitalize())
        else:
            out.append(latin)
    return "".join(out)


def fold(text):
    """A lower-case Latin form in which the usual spellings of one Cyrillic word agree."""
    latin = to_latin((text or "").lower().replace("'", "").replace("’", ""))
    folded = FOLD_PATTERN.sub(lambda m: FOLD_TO[m.group(0)], latin)
    return re.sub(r"(\w)\1+", r"\1", folded)


def search_words(query):
    """The folded words of a Latin-letter search, without address words such as "ul" or "d"."""
    words = re.findall(r"\w+", (query or "").lower())
    kept = [w for w in words if w not in LATIN_ADDRESS_WORDS] or words
    return [fold(w) for w in kept]


def matches(query, *texts):
    """Whether every word of a Latin search begins a word of the texts (compared folded)."""
    found = [fold(w) for t in texts for w in re.findall(r"\w+", t or "")]
    return all(any(word.startswith(q) for word in found) for q in search_words(query))


def cyrillic_starts(word):
    """Cyrillic spellings of a Latin word's first letters (at most MAX_VARIANTS), for an index lookup."""
    word, options = word.lower(), []
    while word and len(options) < CANDIDATE_LETTERS:
        unit, letters = next(((u, c) for u, c in LATIN_UNITS if word.startswith(u)), (word[0], word[0]))
        options.append(letters)
        word = word[len(unit):]
    return ["".join(p) for p in itertools.islice(itertools.product(*options), MAX_VARIANTS)]


def candidate_query(query):
    """An FTS5 MATCH expression that finds every Cyrillic text a Latin search could mean (and more)."""
    words = re.findall(r"\w+", (query or "").lower())
    words = [w for w in words if w not in LATIN_ADDRESS_WORDS] or words
    parts = []
    for word in words[:8]:
        starts = [word] if word.isdigit() else cyrillic_starts(word)
        parts.append("(" + " OR ".join(f'"{s}"*' for s in starts) + ")")
    return " AND ".join(parts) or None
