"""The shapes of guidance content (items, checklists, action cards) and the sources we cite."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Item:
    """One line of a checklist: a language-independent id ("grab-bag.water"), the text, why."""

    id: str
    text: str
    why: str | None = None


@dataclass(frozen=True)
class Checklist:
    """A preparedness checklist: slug, title, a one-line intro, items and the sources behind it."""

    slug: str
    title: str
    intro: str
    items: tuple
    sources: tuple


@dataclass(frozen=True)
class Card:
    """An action card for one notice kind: do now, if you cannot reach a shelter, after."""

    kind: str
    do_now: tuple
    no_shelter: tuple
    after: tuple
    sources: tuple = ("mchs", "mchs-belgorod", "ready-kit")


def items(slug, *pairs):
    """Items of checklist `slug` from (key, text) or (key, text, why) tuples."""
    return tuple(Item(f"{slug}.{pair[0]}", *pair[1:]) for pair in pairs)


# Where the advice comes from. Names are translated; URLs are shown as links, never fetched.
SOURCES = {
    # I18N: name of a source of civil-defence advice (Russia's Ministry of Emergency Situations)
    "mchs": (_l("MCHS of Russia: safety of citizens"),
             "https://mchs.gov.ru/deyatelnost/bezopasnost-grazhdan"),
    # I18N: name of a source, the Belgorod regional office of MCHS
    "mchs-belgorod": (_l("MCHS of Russia, Belgorod region office"), "https://31.mchs.gov.ru/"),
    # I18N: name of a source (US federal preparedness site), keep "Ready.gov"
    "ready-kit": (_l("Ready.gov: Build a kit"), "https://www.ready.gov/kit"),
    "ready-plan": (_l("Ready.gov: Make a plan"), "https://www.ready.gov/plan"),
    "ready-water": (_l("Ready.gov: Water"), "https://www.ready.gov/water"),
    "ready-power": (_l("Ready.gov: Power outages"), "https://www.ready.gov/power-outages"),
    "ready-pets": (_l("Ready.gov: Pets and animals"), "https://www.ready.gov/pets"),
    "ready-kids": (_l("Ready.gov: Kids and families"), "https://www.ready.gov/kids"),
    "ready-older": (_l("Ready.gov: Older adults"), "https://www.ready.gov/older-adults"),
    "ready-disability": (_l("Ready.gov: People with disabilities"), "https://www.ready.gov/disability"),
    # I18N: name of a source, the international humanitarian minimum standards handbook
    "sphere": (_l("Sphere Handbook: minimum water supply"), "https://spherestandards.org/handbook/"),
}
