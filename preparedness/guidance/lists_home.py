"""Checklists about supplies and the home: grab bag, supplies, documents, the flat, power, water."""

from flask_babel import lazy_gettext as _l

from .content import Checklist, items

# I18N: the "why" line of a checklist item
WHY_NO_CARDS = _l("Cards and ATMs stop without power.")
# I18N: the "why" line of a checklist item
WHY_RADIO = _l("Alerts reach you when mobile networks fail.")

GRAB_BAG = Checklist(
    "grab-bag", _l("Grab bag"),
    _l("Packed, by the door, ready to take in a minute. One per person."),
    items(
        "grab-bag",
        ("water", _l("Water, 1.5–2 L per person")),
        ("food", _l("Food for 3 days that needs no cooking, and a can opener")),
        ("documents", _l("Copies of documents in a waterproof bag")),
        ("cash", _l("Cash in small notes"), WHY_NO_CARDS),
        ("medicines", _l("Your medicines for 7 days")),
        ("first-aid", _l("First-aid kit with a tourniquet and bandages"), _l("Blast wounds bleed fast.")),
        ("torch", _l("Torch and spare batteries")),
        ("radio", _l("Battery or wind-up radio"), WHY_RADIO),
        ("power-bank", _l("Charged power bank and cable")),
        ("clothes", _l("Warm clothes, rain cover, sturdy shoes")),
        ("hygiene", _l("Wet wipes, toilet paper, hygiene items")),
        ("whistle", _l("Whistle"), _l("To be heard if you are trapped.")),
        ("contacts", _l("Phone numbers on paper"), _l("Your phone may be lost or flat.")),
        ("keys", _l("Spare keys to home and car")),
        ("blanket", _l("Foil blanket")),
    ),
    ("mchs", "mchs-belgorod", "ready-kit"),
)

HOME_SUPPLIES = Checklist(
    "home-supplies", _l("Home supplies for 3 and 7 days"),
    _l("So you can stay home without water, power or shops: first 3 days, then build up to 7."),
    items(
        "home-supplies",
        ("water", _l("Drinking water: 9 L per person for 3 days, 21 L for 7"), _l("3 L per person per day.")),
        ("sanitary-water", _l("Water for washing and the toilet: 2 L per person per day")),
        ("food", _l("Food that keeps and needs no cooking")),
        ("baby", _l("Infant formula, baby food and nappies")),
        ("medicines", _l("Regular medicines for at least 7 days")),
        ("first-aid", _l("First-aid kit, tourniquet, painkillers")),
        ("stove", _l("Camping stove and fuel"), _l("Use it only with fresh air: carbon monoxide kills.")),
        ("light", _l("A torch for each adult, spare batteries")),
        ("radio", _l("Battery radio"), WHY_RADIO),
        ("power-banks", _l("Charged power banks")),
        ("hygiene", _l("Soap, wet wipes, bin bags, toilet paper")),
        ("bucket", _l("Bucket with a lid and bags"), _l("A toilet when the water stops.")),
        ("warm", _l("Blankets and warm clothes for everyone")),
        ("extinguisher", _l("Fire extinguisher")),
        ("pets", _l("Pet food and water")),
    ),
    ("mchs", "ready-kit", "ready-water"),
)

DOCUMENTS_MONEY = Checklist(
    "documents-money", _l("Documents and money"),
    _l("Originals in one folder you can grab; copies in the grab bag and on your phone."),
    items(
        "documents-money",
        ("ids", _l("Passports and birth certificates")),
        ("medical", _l("Medical insurance cards, prescriptions, medical records")),
        ("copies", _l("Paper copies in a waterproof bag")),
        ("scans", _l("Photos of documents on your phone and a memory stick")),
        ("property", _l("Property, tenancy and car papers")),
        ("insurance", _l("Insurance policies")),
        ("children", _l("Children's certificates and school papers")),
        ("cash", _l("Cash for 3–7 days in small notes"), WHY_NO_CARDS),
        ("bank", _l("Bank card and the bank's phone number on paper")),
        ("contacts", _l("Paper list of contacts and addresses")),
        ("photos", _l("Recent photos of each family member"), _l("They help find someone who is lost.")),
        ("pets", _l("Pet vaccination papers")),
    ),
    ("mchs", "ready-kit", "ready-plan"),
)

FLAT = Checklist(
    "flat", _l("The flat: windows, glass, safe room, shut-offs"),
    _l("Most injuries in a blast come from flying glass."),
    items(
        "flat",
        ("film", _l("Safety film on the windows"), _l("It holds broken glass together.")),
        ("curtains", _l("Close thick curtains or blinds at night"), _l("They catch flying glass.")),
        ("beds", _l("Move beds and cots away from windows")),
        ("mirrors", _l("Take down mirrors and glass above beds")),
        ("safe-room", _l("Choose a safe spot behind two walls from the street")),
        ("safe-room-kit", _l("Keep water, a torch and a first-aid kit there")),
        ("gas", _l("Know how to shut off the gas"), _l("A damaged pipe can explode.")),
        ("water", _l("Know where the water valve is")),
        ("power", _l("Know where the fuse box is; keep a torch by it")),
        ("extinguisher", _l("Fire extinguisher in the kitchen")),
        ("smoke", _l("Smoke detector with a fresh battery")),
        ("balcony", _l("Clear the balcony of fuel and junk"), _l("It catches fire after a strike.")),
        ("exits", _l("Keep the hall and exits clear")),
    ),
    ("mchs", "mchs-belgorod"),
)

POWER_OUTAGE_KIT = Checklist(
    "power-outage-kit", _l("Power outage kit"),
    _l("Strikes on the grid can cut power for hours or days."),
    items(
        "power-outage-kit",
        ("torches", _l("A torch or headlamp for each person")),
        ("batteries", _l("Spare batteries of the right size")),
        ("power-bank", _l("Power banks, recharged whenever power returns")),
        ("radio", _l("Battery radio"), WHY_RADIO),
        ("car-charger", _l("Car charger for phones")),
        ("stove", _l("Camping stove, used only with fresh air")),
        ("food", _l("Food that needs no cooking")),
        ("water", _l("Stored water"), _l("Pumps stop, so upper floors lose water.")),
        ("warm", _l("Warm clothes, blankets, sleeping bags")),
        ("cool-bag", _l("Cool bag and ice packs for medicines")),
        ("fridge", _l("Keep the fridge and freezer shut"), _l("Food stays cold for about 4 hours.")),
        ("surge", _l("Unplug electronics"), _l("Power may surge when it returns.")),
        ("generator", _l("Run a generator only outdoors, away from windows"), _l("Exhaust fumes kill.")),
        ("lift", _l("Do not use lifts during outages and alerts")),
    ),
    ("mchs", "ready-power"),
)

WATER_STORAGE = Checklist(
    "water-storage", _l("Water storage"),
    _l("A person can live weeks without food but only days without water."),
    items(
        "water-storage",
        ("amount", _l("3 L of drinking water per person per day")),
        ("bottles", _l("Sealed bottled water; check the dates")),
        ("containers", _l("Clean food-grade containers with lids")),
        ("rotate", _l("Replace stored tap water every 6 months")),
        ("dark", _l("Keep it cool and dark, away from chemicals")),
        ("bath", _l("When supply is at risk, fill the bath and pots"),
         _l("For washing and flushing, not drinking.")),
        ("boil", _l("Boil doubtful water for at least 1 minute")),
        ("tablets", _l("Water purification tablets")),
        ("filter", _l("A filter jug or camping filter")),
        ("canisters", _l("Clean canisters to fetch water from tankers")),
        ("toilet", _l("Bucket, bags and a lid for a dry toilet")),
        ("hand-gel", _l("Wet wipes and hand gel")),
    ),
    ("mchs", "ready-water", "sphere"),
)

HOME_LISTS = (GRAB_BAG, HOME_SUPPLIES, DOCUMENTS_MONEY, FLAT, POWER_OUTAGE_KIT, WATER_STORAGE)
