"""Checklists about people and places: family, children, older people, pets, schools, farms, after a blast.

Each item names the sources that say it (ids in sources.py); an item no source backs is not listed.
"""

from flask_babel import lazy_gettext as _l

from .cards import DRONE, EXPLOSIVE_OBJECT, NO_LIFT, NO_PHOTOS, SIREN_RADIO
from .content import Checklist, items
from .lists_home import FIRST_AID, MEDICINES_3_DAYS, SAFE_SPOT

# Steps of the action cards that are also things to learn in advance (same text, same sources).
LINE_OF_SIGHT, CAR_NO_COVER = DRONE.do_now[2], DRONE.no_shelter[1]
INTERNET_CUT = DRONE.do_now[6]
TOYS, CHILDREN_NEVER_PICK_UP, LEPESTOK_ROADS = EXPLOSIVE_OBJECT.after[1:4]


def from_step(key, card_step):
    """A checklist row that repeats an action card step with its sources."""
    return (key, card_step.text, card_step.sources)


FAMILY_PLAN = Checklist(
    "family-plan", _l("Family plan and meeting points"),
    _l("Agree now, while it is calm, who does what and where you meet."),
    items(
        "family-plan",
        from_step("sirens", SIREN_RADIO),
        # I18N: checklist item: the region's two missile warnings and what each asks
        ("levels", _l("Everyone knows the two warnings: «threat of missile danger» means go indoors; «missile "
                      "danger» means go down to a shelter at once"), ("mchs-missile",)),
        # I18N: checklist item: official channels; 122 is the region's hotline
        ("channels", _l("Where to look: the region's operational HQ, the MCHS office for Belgorod region and "
                        "regional radio; hotlines 112 and 122"),
         ("belgorod-hq-drone", "belgorod-radio", "belgorod-pvr-region")),
        from_step("internet", INTERNET_CUT),
        ("shelter", _l("Everyone knows the nearest shelter and the way there"), ("press-missile-signs",)),
        ("meet-near", _l("Meeting point near home"), ("ready-plan",)),
        ("meet-far", _l("Meeting point in another part of town"), ("ready-plan",)),
        ("contact-away", _l("A relative outside the region everyone calls"),
         _l("Long-distance calls often get through when local ones fail."), ("ready-plan",)),
        ("numbers", _l("Everyone carries a paper list of numbers"), ("ready-plan",)),
    ),
)

CHILDREN = Checklist(
    "children", _l("Children"),
    _l("Children cope better when they know what to do and adults stay calm."),
    items(
        "children",
        from_step("never-pick-up", CHILDREN_NEVER_PICK_UP),
        from_step("toys", TOYS),
        ("number", _l("Learn the number 112 together"), ("mchs-explosive",)),
        ("id-card", _l("Parents' phone numbers and the meeting point in the child's bag"), ("ready-plan",)),
        ("baby", _l("Formula, bottles and nappies for 3 days"), ("ready-kit",)),
        ("teens", _l("Teenagers: no photos of strikes online"), _l("They help the attacker aim."),
         ("drone-filming",)),
    ),
)

OLDER_DISABLED = Checklist(
    "older-disabled", _l("Older and disabled people"),
    _l("Plan the help in advance: in an alert there are only minutes."),
    items(
        "older-disabled",
        ("medicines", MEDICINES_3_DAYS, ("ready-kit",)),
        ("helpers", _l("Neighbours who will warn and help them in an alert"), ("mchs-missile",)),
        ("safe-spot", SAFE_SPOT, ("mchs-drone",)),
        from_step("lift", NO_LIFT),
    ),
)

PETS = Checklist(
    "pets", _l("Pets"),
    _l("Take your pets with you; they may not survive alone."),
    items(
        "pets",
        ("carrier", _l("A carrier or lead for each pet, by the door"), ("red-cross-pets",)),
        ("food", _l("Pet food and water"), ("red-cross-pets",)),
        ("photo", _l("A recent photo of you with your pet"), ("red-cross-pets",)),
        ("medicines", _l("Pet medicines and vaccination papers"), ("red-cross-pets",)),
        ("litter", _l("Litter, bags and a bowl"), ("red-cross-pets",)),
    ),
)

SCHOOLS = Checklist(
    "schools", _l("Schools and kindergartens (for staff)"),
    _l("For heads, teachers and carers: every child reaches the shelter, every parent is told."),
    items(
        "schools",
        from_step("sirens", SIREN_RADIO),
        ("safe-spot", SAFE_SPOT, ("mchs-drone",)),
        ("windows", _l("Safety film on the windows"), ("mchs-windows",)),
        ("first-aid", FIRST_AID, ("minzdrav-tourniquet",)),
        from_step("never-pick-up", CHILDREN_NEVER_PICK_UP),
    ),
)

RURAL = Checklist(
    "rural", _l("Rural households and farms"),
    _l("Drones often set barns, hay and fuel on fire."),
    items(
        "rural",
        # I18N: checklist item: strikes come in waves, so rushing to a fire can cost a life
        ("fire", _l("Fire after a strike: call 112 and keep clear at first: a second strike often follows"),
         ("civil-defence-drone-lnr",)),
        from_step("fields", LINE_OF_SIGHT),
        from_step("car", CAR_NO_COVER),
        ("debris", _l("Do not touch fallen drones or munitions in the fields"), ("mchs-drone", "mchs-lepestok")),
        from_step("roads", LEPESTOK_ROADS),
    ),
)

AFTER_BLAST = Checklist(
    "after-blast", _l("After a blast nearby"),
    _l("Stay calm, check for danger, then help."),
    items(
        "after-blast",
        ("second", _l("Stay under cover: a second strike may follow"), _l("Attacks often come in waves."),
         ("civil-defence-drone-lnr",)),
        ("call", _l("Call 112: the address and what you see"), ("mchs-first-aid",)),
        ("bleeding", _l("Stop heavy bleeding: press hard, use a tourniquet"), ("minzdrav-tourniquet",)),
        # I18N: checklist item; doctors need to know how long a limb has been without blood
        ("tourniquet-time", _l("Tourniquet: write down the time you put it on and leave the note with the casualty"),
         ("minzdrav-tourniquet",)),
        ("no-move", _l("Do not move an injured person unless you must"), ("mchs-first-aid",)),
        ("shrapnel", _l("Do not pick up shrapnel or parts"), ("mchs-drone",)),
        from_step("photos", NO_PHOTOS),
        # I18N: checklist item; 122 is the region's hotline
        ("report", _l("Damaged home or car? Call 122 or 112"), ("belgorod-pvr-city",)),
    ),
)

PEOPLE_LISTS = (FAMILY_PLAN, CHILDREN, OLDER_DISABLED, PETS, SCHOOLS, RURAL, AFTER_BLAST)
