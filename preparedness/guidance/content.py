"""The shapes of guidance content: steps and items that carry their sources, checklists, action cards."""

from dataclasses import dataclass

from .sources import sources_in_order


@dataclass(frozen=True)
class Step:
    """One step of an action card: the text and the ids of the sources that say it."""

    text: str
    sources: tuple

    def __str__(self):
        """The step's text in the reader's language (templates that print a step print this)."""
        return str(self.text)


def step(text, *source_ids):
    """A step and the sources behind it."""
    return Step(text, tuple(source_ids))


@dataclass(frozen=True)
class Item:
    """One line of a checklist: a language-independent id ("grab-bag.water"), the text, why, sources."""

    id: str
    text: str
    why: str | None = None
    sources: tuple = ()


@dataclass(frozen=True)
class Checklist:
    """A preparedness checklist: slug, title, a one-line intro and items."""

    slug: str
    title: str
    intro: str
    items: tuple

    @property
    def sources(self):
        """Every source its items cite, in order of first use."""
        return sources_in_order(s for item in self.items for s in item.sources)


@dataclass(frozen=True)
class Card:
    """An action card for one notice kind: do now, if you cannot reach a shelter, after.

    A section that does not apply to a kind (no shelter to reach after an all-clear) is empty and
    not shown.
    """

    kind: str
    do_now: tuple
    no_shelter: tuple
    after: tuple

    @property
    def steps(self):
        """Every step of the card."""
        return self.do_now + self.no_shelter + self.after

    @property
    def sources(self):
        """Every source its steps cite, in order of first use."""
        return sources_in_order(s for st in self.steps for s in st.sources)


def items(slug, *rows):
    """Items of checklist `slug` from (key, text, sources) or (key, text, why, sources) tuples."""
    made = []
    for row in rows:
        key, text, *rest = row
        why, sources = (rest[0], rest[1]) if len(rest) == 2 else (None, rest[0])
        made.append(Item(f"{slug}.{key}", text, why, tuple(sources)))
    return tuple(made)
