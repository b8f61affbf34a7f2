"""Checklists about supplies and the home: grab bag, supplies, documents, the flat, power, water.

Each item names the sources that say it (ids in sources.py); an item no source backs is not listed.
"""

from flask_babel import lazy_gettext as _l

from .content import Checklist, items

# I18N: the "why" line of a checklist item
WHY_RADIO = _l("Alerts reach you when mobile networks fail.")
# I18N: checklist item
MEDICINES_3_DAYS = _l("Your medicines for at least 3 days")
# I18N: checklist item
FIRST_AID = _l("First-aid kit with a tourniquet and bandages")
# I18N: checklist item
TORCH = _l("Torch and spare batteries")
# I18N: checklist item
RADIO = _l("Battery radio")
# I18N: checklist item; load-bearing walls = the building's main walls (not a stairwell with windows)
SAFE_SPOT = _l("Choose a windowless spot between load-bearing walls: a corridor, bathroom or storeroom")

GRAB_BAG = Checklist(
    "grab-bag", _l("Grab bag"),
    _l("Packed, by the door, ready to take in a minute. One per person."),
    items(
        "grab-bag",
        # I18N: checklist item; the grab bag holds water and food for the same 3 days
        ("water", _l("Drinking water for 3 days"), _l("3 L per person per day."), ("mchs-grab-bag", "sphere-water")),
        ("food", _l("Food for 3 days that needs no cooking"), ("mchs-grab-bag",)),
        ("documents", _l("Copies of documents in a waterproof bag"), ("mchs-grab-bag-docs", "mchs-grab-bag")),
        ("cash", _l("Cash in small notes"), ("mchs-grab-bag-docs", "ready-kit")),
        ("medicines", MEDICINES_3_DAYS, ("ready-kit",)),
        ("first-aid", FIRST_AID, ("mchs-grab-bag", "minzdrav-tourniquet")),
        ("torch", TORCH, ("mchs-grab-bag", "ready-kit")),
        ("radio", _l("Battery or wind-up radio"), WHY_RADIO, ("mchs-grab-bag", "belgorod-internet")),
        ("clothes", _l("A change of clothes, packed in plastic bags"), ("mchs-grab-bag",)),
        ("whistle", _l("Whistle"), ("mchs-grab-bag",)),
        ("matches", _l("Matches, a notepad and a pencil"), ("mchs-grab-bag",)),
        ("contacts", _l("Phone numbers on paper"), ("ready-plan",)),
    ),
)

HOME_SUPPLIES = Checklist(
    "home-supplies", _l("Home supplies for 3 and 7 days"),
    _l("So you can stay home without water, power or shops: first 3 days, then build up to 7."),
    items(
        "home-supplies",
        ("water", _l("Drinking water: 9 L per person for 3 days, 21 L for 7"), _l("3 L per person per day."),
         ("sphere-water", "ready-water")),
        ("sanitary-water", _l("Water for washing and the toilet: 2 L per person per day"), ("sphere-water",)),
        ("food", _l("Food that keeps and needs no cooking"), ("ready-kit",)),
        ("baby", _l("Infant formula, baby food and nappies"), ("ready-kit",)),
        ("medicines", MEDICINES_3_DAYS, ("ready-kit",)),
        ("first-aid", FIRST_AID, ("ready-kit", "minzdrav-tourniquet")),
        ("stove", _l("Camping stove and fuel"), _l("Use it only with fresh air: carbon monoxide kills."),
         ("ready-kit", "red-cross-power")),
        ("light", TORCH, ("ready-kit",)),
        ("radio", RADIO, WHY_RADIO, ("ready-kit", "belgorod-internet")),
        ("warm", _l("Blankets and warm clothes for everyone"), ("ready-kit",)),
        ("pets", _l("Pet food and water"), ("ready-kit",)),
    ),
)

DOCUMENTS_MONEY = Checklist(
    "documents-money", _l("Documents and money"),
    _l("Originals in one folder you can grab; copies in the grab bag and on your phone."),
    items(
        "documents-money",
        ("ids", _l("Passports and birth certificates"), ("mchs-grab-bag-docs",)),
        ("copies", _l("Paper copies in a waterproof bag"), ("mchs-grab-bag-docs", "mchs-grab-bag")),
        ("cash", _l("Cash for at least 3 days of spending"), ("ready-kit",)),
        ("contacts", _l("Paper list of contacts and addresses"), ("ready-plan",)),
        ("pets", _l("Pet vaccination papers"), ("red-cross-pets",)),
    ),
)

FLAT = Checklist(
    "flat", _l("The flat: windows, glass, safe room, shut-offs"),
    _l("Most injuries in a blast come from flying glass."),
    items(
        "flat",
        ("film", _l("Safety film on the windows"), _l("It holds broken glass together."), ("mchs-windows",)),
        ("safe-room", SAFE_SPOT, ("mchs-drone", "mchs-missile")),
        ("gas", _l("Know how to shut off the gas"), ("mchs-missile",)),
        ("water", _l("Know where the water valve is"), ("mchs-missile",)),
        ("power", _l("Know where the fuse box is"), ("mchs-missile",)),
    ),
)

POWER_OUTAGE_KIT = Checklist(
    "power-outage-kit", _l("Power outage kit"),
    _l("Strikes on the grid can cut power for hours or days."),
    items(
        "power-outage-kit",
        ("torches", TORCH, ("ready-kit",)),
        ("radio", RADIO, WHY_RADIO, ("ready-kit", "belgorod-internet")),
        ("stove", _l("Camping stove, used only with fresh air"), ("ready-kit", "red-cross-power")),
        ("food", _l("Food that needs no cooking"), ("ready-kit",)),
        ("water", _l("Stored water"), ("ready-water",)),
        ("warm", _l("Warm clothes, blankets, sleeping bags"), ("ready-kit",)),
        ("fridge", _l("Keep the fridge and freezer shut"), _l("Food stays cold for about 4 hours."),
         ("red-cross-power",)),
        ("surge", _l("Unplug electronics"), _l("Power may surge when it returns."), ("red-cross-power",)),
        ("generator", _l("Run a generator only outdoors, away from windows"), _l("Exhaust fumes kill."),
         ("red-cross-power",)),
    ),
)

WATER_STORAGE = Checklist(
    "water-storage", _l("Water storage"),
    _l("A person can live weeks without food but only days without water."),
    items(
        "water-storage",
        ("amount", _l("3 L of drinking water per person per day"), ("sphere-water",)),
        ("more", _l("Children, nursing mothers and sick people need more"), ("ready-water",)),
        ("bottles", _l("Sealed bottled water; check the dates"), ("ready-water",)),
        ("dark", _l("Keep it in a cool, dark place"), ("ready-water",)),
        ("boil", _l("Boil doubtful water for at least 1 minute"), ("health-water",)),
        ("formula", _l("Make up baby formula with bottled water"), ("health-water",)),
    ),
)

HOME_LISTS = (GRAB_BAG, HOME_SUPPLIES, DOCUMENTS_MONEY, FLAT, POWER_OUTAGE_KIT, WATER_STORAGE)
