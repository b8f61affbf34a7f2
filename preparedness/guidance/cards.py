"""Action cards: what to do for each notice kind, each with its own steps and the sources behind them.

A card has three sections (do now; if you cannot reach a shelter; after). Each kind has steps of its
own: an all-clear sends nobody to a shelter, an explosive object sends nobody into ditches or verges,
where scattered mines lie. A section that does not apply to a kind is left empty.
"""

from flask_babel import lazy_gettext as _l

from ..notices.kinds import KINDS
from .content import Card, step

# Steps several threat cards share, each with its source.
GO_TO_SHELTER = step(
    # I18N: action card step, imperative, read in seconds during an alert
    _l("Go to the nearest shelter now."), "mchs-missile")
SIREN_RADIO = step(
    # I18N: action card step: what to do on hearing a siren
    _l("Siren? Turn on the radio or TV and follow the instructions."), "civil-defence-missile", "mchs-missile")
TAKE_AND_WARN = step(
    # I18N: action card step during missile danger
    _l("Take documents, phone and essentials; warn neighbours and help children and older people."),
    "mchs-missile")
WINDOWLESS_ROOM = step(
    # I18N: action card step; load-bearing walls = the building's main walls. Not a stairwell: in panel
    # blocks stairwells have a window on every landing.
    _l("Indoors: go to a windowless room between load-bearing walls (a corridor, bathroom or storeroom) "
       "and sit on the floor."), "mchs-drone", "mchs-missile")
NO_LIFT = step(
    # I18N: action card step
    _l("Do not use the lift."), "mchs-drone")
HOME_SHUT = step(
    # I18N: action card step during missile danger at home
    _l("At home: close the windows and curtains; shut off the gas, water and power."),
    "mchs-missile", "press-missile-home")
OUTSIDE_MISSILE = step(
    # I18N: action card step; walls of buildings collapse and shed glass
    _l("Outside: get into the nearest basement or underpass; never shelter under cars or against walls."),
    "mchs-missile")
CAR_LEAVE = step(
    # I18N: action card step for drivers during an alert
    _l("In a car: stop, get out and move away from it; with no building in reach, sit on the ground and "
       "cover your head."), "hfc-alert", "mchs-missile")
STAY_UNTIL_ALL_CLEAR = step(
    # I18N: action card step
    _l("Stay under cover until the all-clear."), "press-missile-home")
NO_DEBRIS = step(
    # I18N: action card step; debris of missiles or drones
    _l("Do not approach or touch debris, drones or unexploded parts."), "mchs-drone", "belgorod-hq-drone")
NO_PHOTOS = step(
    # I18N: action card step; publishing helps the attacker correct aim
    _l("Do not publish photos or videos of strikes or air defence."), "drone-filming")
REPORT_112 = step(
    # I18N: action card step; 112 is the emergency phone number
    _l("Report a drone or debris to 112: where, when and how many."), "belgorod-hq-drone")
MORE_STRIKES = step(
    # I18N: action card step; attacks come in waves, so a second strike often follows
    _l("After a blast, stay down and do not get up at once: more strikes may follow."),
    "civil-defence-drone-lnr")
GRAB_BAG_READY = step(
    # I18N: action card step
    _l("Keep your grab bag by the door."), "mchs-grab-bag")

MISSILE = Card(
    "missile",
    do_now=(
        step(_l("«Missile danger» (ракетная опасность): go down to a basement or shelter at once."),
             "mchs-missile"),
        step(_l("«Threat of missile danger» (угроза ракетной опасности): get off open ground and indoors, "
                "away from windows."), "mchs-missile"),
        SIREN_RADIO, TAKE_AND_WARN,
    ),
    no_shelter=(HOME_SHUT, WINDOWLESS_ROOM, NO_LIFT, OUTSIDE_MISSILE, CAR_LEAVE),
    after=(STAY_UNTIL_ALL_CLEAR, NO_DEBRIS, REPORT_112, NO_PHOTOS),
)

AIR_RAID = Card(
    "air_raid",
    do_now=(
        GO_TO_SHELTER,
        # I18N: action card step
        step(_l("Turn off the stove and gas as you leave."), "mchs-missile"),
        SIREN_RADIO, TAKE_AND_WARN,
    ),
    no_shelter=(WINDOWLESS_ROOM, NO_LIFT, OUTSIDE_MISSILE, CAR_LEAVE),
    after=(STAY_UNTIL_ALL_CLEAR, NO_DEBRIS, NO_PHOTOS),
)

DRONE = Card(
    "drone",
    do_now=(
        # I18N: action card step
        step(_l("Go indoors or to a shelter now."), "mchs-drone"),
        WINDOWLESS_ROOM,
        # I18N: action card step; line of sight = where the drone's camera can see you
        step(_l("See or hear a drone? Get at least 100 m away, behind a building or under trees, out of its "
                "line of sight."), "belgorod-hq-drone", "mchs-drone"),
        # I18N: action card step: lying down is for the moment a munition falls, not before
        step(_l("Lie down and cover your head only when you hear a whistle or a blast."),
             "mchs-drone", "civil-defence-drone"),
        # I18N: action card step
        step(_l("Do not go out to look at or film drones."), "drone-filming", "mchs-drone"),
        # I18N: action card step
        step(_l("Do not use a phone, radio or GPS near a drone."), "mchs-drone", "belgorod-hq-drone"),
        # I18N: action card step; Mir Belogorya and Radio Z are regional radio stations
        step(_l("Mobile internet may be cut during drone attacks; regional radio (Mir Belogorya, Radio Z) "
                "broadcasts drone warnings."), "belgorod-internet", "belgorod-radio"),
    ),
    no_shelter=(
        # I18N: action card step; kiosks and cabins do not stop a drone's charge
        step(_l("Outside: get into the nearest building, underpass or car park; keep away from glass "
                "buildings."), "mchs-drone"),
        # I18N: action card step: drones aim at vehicles
        step(_l("In a car: stop, get out and move away from it: a car is no cover from a drone."),
             "civil-defence-drone-lnr", "mchs-drone"),
        # I18N: action card step
        step(_l("Several of you? Scatter; do not stay together."), "civil-defence-drone-lnr"),
    ),
    after=(MORE_STRIKES, NO_DEBRIS, REPORT_112, NO_PHOTOS),
)

ARTILLERY = Card(
    "artillery",
    do_now=(
        # I18N: action card step
        step(_l("Go down to a shelter or basement now."), "mchs-missile"),
        WINDOWLESS_ROOM,
        # I18N: action card step; shelling comes in series
        step(_l("Stay in cover: shelling comes in series."), "civil-defence-drone-lnr"),
    ),
    no_shelter=(
        # I18N: action card step
        step(_l("Outside in the open: lie face down and cover your head with your hands."), "hfc-open-ground"),
        CAR_LEAVE,
    ),
    after=(MORE_STRIKES, STAY_UNTIL_ALL_CLEAR, NO_DEBRIS),
)

ALL_CLEAR = Card(
    "all_clear",
    do_now=(
        # I18N: action card step after the all-clear
        step(_l("You may leave the shelter."), "press-missile-home"),
        GRAB_BAG_READY,
        # I18N: action card step
        step(_l("Check on neighbours, especially older people."), "mchs-missile"),
    ),
    no_shelter=(),
    after=(NO_DEBRIS, REPORT_112, NO_PHOTOS),
)

EXPLOSIVE_OBJECT = Card(
    "explosive_object",
    do_now=(
        # I18N: action card step about an unexploded shell, mine or drone
        step(_l("Do not touch, move or kick it."), "mchs-explosive", "civil-defence-explosive"),
        # I18N: action card step; ПФМ-1 «Лепесток» is a small scattered anti-personnel mine
        step(_l("Go back the way you came: where there is one mine there are usually more (PFM-1 "
                "«Lepestok»)."), "rakitnoye-explosive", "press-lepestok"),
        # I18N: action card step
        step(_l("Move at least 100 m away and keep others away."), "dsns-explosive-mark"),
        # I18N: action card step
        step(_l("Mark the place with something easy to see: a stick, cloth or stones."),
             "dsns-explosive-mark", "rakitnoye-explosive"),
        # I18N: action card step; a radio signal can set off a device
        step(_l("Do not use a phone or radio near it."), "mchs-explosive", "dsns-explosive-mark"),
        # I18N: action card step
        step(_l("Call 112 from a safe distance and say exactly where it is."), "mchs-explosive"),
        # I18N: action card step
        step(_l("Never bury it, burn it or throw it into water."), "civil-defence-explosive"),
    ),
    no_shelter=(),
    after=(
        # I18N: action card step
        step(_l("Wait at a safe distance to show the bomb squad the place."), "mchs-explosive"),
        # I18N: action card step
        step(_l("Explosive devices can look like toys, bags or phones."), "dsns-explosive-looks"),
        # I18N: action card step
        step(_l("Children: never pick up an unknown object; tell an adult."), "mchs-explosive"),
        # I18N: action card step; «Лепесток» mines are scattered on roads by drones
        step(_l("«Lepestok» mines are scattered on roads and verges: keep to hard surfaces, away from verges, "
                "fields and dirt tracks."), "mchs-lepestok", "dsns-mines-verges", "belgorod-hq-lepestok"),
    ),
)

POWER_OUTAGE = Card(
    "power_outage",
    do_now=(
        # I18N: action card step
        step(_l("Switch off appliances; leave one lamp on to see when power returns."), "red-cross-power"),
        # I18N: action card step
        step(_l("Keep the fridge and freezer closed."), "red-cross-power"),
        # I18N: action card step; carbon monoxide poisoning
        step(_l("Never run a generator or heat with a gas stove indoors."), "red-cross-power"),
    ),
    no_shelter=(),
    after=(
        # I18N: action card step: a closed fridge keeps food cold for about 4 hours
        step(_l("Food stays cold for about 4 hours."), "red-cross-power"),
        # I18N: action card step
        step(_l("Unplug electronics"), "red-cross-power"),
    ),
)

WATER_OUTAGE = Card(
    "water_outage",
    do_now=(
        # I18N: action card step
        step(_l("Drink 2.5–3 L a day; keep stored water for drinking and cooking first."), "sphere-water"),
        # I18N: action card step
        step(_l("Boil doubtful water for at least 1 minute"), "health-water"),
    ),
    no_shelter=(),
    after=(
        # I18N: action card step
        step(_l("Use stored or boiled water until the authorities say tap water is safe."), "health-water"),
    ),
)

HEATING_OUTAGE = Card(
    "heating_outage",
    do_now=(
        # I18N: action card step; carbon monoxide poisoning
        step(_l("Never heat with a gas stove or oven."), "red-cross-power"),
        # I18N: action card step
        step(_l("Keep generators and stoves outdoors, away from doors and windows."), "red-cross-power"),
    ),
    no_shelter=(),
    after=(
        # I18N: action card step; carbon monoxide
        step(_l("Carbon monoxide alarm? Get to fresh air at once and call for help from there."),
             "red-cross-power"),
    ),
)

ROAD_CLOSURE = Card(
    "road_closure",
    do_now=(
        # I18N: action card step
        step(_l("Do not try to pass the closed road."), "belgorod-hq-lepestok"),
        # I18N: action card step
        step(_l("Stay away from the closed area: danger may remain."), "belgorod-hq-lepestok"),
    ),
    no_shelter=(),
    after=(
        step(_l("«Lepestok» mines are scattered on roads and verges: keep to hard surfaces, away from verges, "
                "fields and dirt tracks."), "mchs-lepestok", "dsns-mines-verges", "belgorod-hq-lepestok"),
    ),
)

EVACUATION = Card(
    "evacuation",
    do_now=(
        # I18N: action card step
        step(_l("Take your grab bag with documents, money and a first-aid kit."),
             "mchs-grab-bag", "mchs-grab-bag-docs"),
        # I18N: action card step
        step(_l("Turn off gas, water and power; lock the door."), "mchs-missile"),
        # I18N: action card step; ПВР = пункт временного размещения; 122 is the region's hotline
        step(_l("Need somewhere to stay? Ask for a temporary accommodation point (PVR): call 122 or 112."),
             "belgorod-pvr-region", "belgorod-pvr-city"),
        # I18N: action card step
        step(_l("Take pets in a carrier or on a lead."), "red-cross-pets"),
    ),
    no_shelter=(),
    after=(
        # I18N: action card step
        step(_l("Temporary accommodation points give a bed, meals and medical help."), "belgorod-pvr-open"),
    ),
)

SHELTER_UPDATE = Card(
    "shelter_update",
    do_now=(
        # I18N: action card step
        step(_l("Find out which shelter is nearest; in town, shelter signs show the way."),
             "press-missile-signs"),
    ),
    no_shelter=(),
    after=(
        # I18N: action card step
        step(_l("Tell your family and neighbours."), "mchs-missile"),
    ),
)

OTHER = Card(
    "other",
    do_now=(
        # I18N: action card step
        step(_l("Read the notice and follow its instructions."), "mchs-missile"),
        SIREN_RADIO,
    ),
    no_shelter=(),
    after=(GRAB_BAG_READY,),
)

CARDS = {card.kind: card for card in (MISSILE, AIR_RAID, DRONE, ARTILLERY, ALL_CLEAR, EXPLOSIVE_OBJECT,
                                      POWER_OUTAGE, WATER_OUTAGE, HEATING_OUTAGE, ROAD_CLOSURE, EVACUATION,
                                      SHELTER_UPDATE, OTHER)}
assert set(CARDS) == set(KINDS), "every notice kind needs its own action card"


def card_for(kind):
    """The action card for a notice kind (the "other" card for an unknown kind)."""
    return CARDS.get(kind, CARDS["other"])
