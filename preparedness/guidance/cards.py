"""Action cards: what to do for each notice kind, in three sections."""

from flask_babel import lazy_gettext as _l

from ..notices.kinds import KINDS
from .content import Card

# I18N: action card step, imperative, read in seconds during an alert
GO_TO_SHELTER = _l("Go to the nearest shelter now.")
# I18N: action card step; "two walls" = two solid walls between you and the street
TWO_WALLS_NOW = _l("No shelter in reach: go to a room behind two solid walls.")
# I18N: action card step
AWAY_FROM_WINDOWS = _l("Stay away from windows, glass doors and balconies.")
# I18N: action card step
TAKE_GRAB_BAG = _l("Take your phone, documents and grab bag if they are at hand.")
# I18N: action card step
KEEP_PHONE_ON = _l("Keep your phone charged and alerts switched on.")

# The two-walls rule, away from windows, lie down outside: the same wherever an alert finds you.
NO_SHELTER = (
    # I18N: action card step; the "two-walls rule"
    _l("Put two solid walls between you and the street: a corridor, bathroom or stairwell."),
    # I18N: action card step
    _l("Keep away from windows and mirrors; do not use the lift."),
    # I18N: action card step
    _l("Outside: lie face down in a ditch, hollow or by a kerb, and cover your head."),
    # I18N: action card step
    _l("In a car: stop away from buildings, get out and lie down."),
    # I18N: action card step, how to protect ears and lungs from a blast wave
    _l("Keep your mouth slightly open and cover your ears."),
)

AFTER = (
    # I18N: action card step
    _l("Stay under cover until the all-clear."),
    # I18N: action card step; debris of missiles or drones
    _l("Do not approach or touch debris, drones or unexploded parts."),
    # I18N: action card step; publishing helps the attacker correct aim
    _l("Do not publish photos or videos of strikes or air defence."),
    # I18N: action card step; 112 is the emergency phone number
    _l("Call 112 about injured people, fire, gas smell or debris."),
    # I18N: action card step
    _l("Tell your family you are safe."),
)

DO_NOW = {
    "missile": (GO_TO_SHELTER, TWO_WALLS_NOW, AWAY_FROM_WINDOWS, TAKE_GRAB_BAG),
    "air_raid": (
        GO_TO_SHELTER,
        # I18N: action card step
        _l("Turn off the stove and gas as you leave."),
        TAKE_GRAB_BAG,
        # I18N: action card step
        _l("Help children, older and disabled neighbours."),
    ),
    "drone": (
        # I18N: action card step
        _l("Go indoors or to a shelter now."),
        AWAY_FROM_WINDOWS,
        # I18N: action card step
        _l("Do not go out to look at or film drones."),
        # I18N: action card step
        _l("Hear a drone close by? Lie down and cover your head."),
        # I18N: action card step
        _l("Drivers: pull over, leave the car and take cover."),
    ),
    "artillery": (
        # I18N: action card step
        _l("Go down to a shelter or basement now."),
        TWO_WALLS_NOW,
        # I18N: action card step
        _l("Outside: lie down at once and cover your head."),
        # I18N: action card step; shelling comes in series
        _l("Stay in cover: shelling comes in series."),
    ),
    "all_clear": (
        # I18N: action card step after the all-clear
        _l("You may leave the shelter."),
        KEEP_PHONE_ON,
        # I18N: action card step
        _l("A new alert may come: keep your grab bag ready."),
        # I18N: action card step
        _l("Check on neighbours, especially older people."),
    ),
    "explosive_object": (
        # I18N: action card step about an unexploded shell, mine or drone
        _l("Do not touch, move or kick it."),
        # I18N: action card step
        _l("Move at least 100 m away and keep others away."),
        # I18N: action card step
        _l("Call 112 from a safe distance and say exactly where it is."),
        # I18N: action card step
        _l("Wait at a safe distance to show the bomb squad the place."),
    ),
    "power_outage": (
        # I18N: action card step
        _l("Switch off appliances; leave one lamp on to see when power returns."),
        # I18N: action card step
        _l("Use torches, not candles."),
        # I18N: action card step
        _l("Keep the phone on for alerts; turn on power saving."),
        # I18N: action card step
        _l("Keep the fridge and freezer closed."),
        # I18N: action card step; carbon monoxide poisoning
        _l("Never run a generator or heat with a gas stove indoors."),
    ),
    "water_outage": (
        # I18N: action card step
        _l("Drink your stored water first."),
        # I18N: action card step
        _l("If water still runs, fill bottles, pots and the bath."),
        # I18N: action card step
        _l("Boil water from tankers and wells before drinking."),
        # I18N: action card step
        _l("Save used water to flush the toilet."),
    ),
    "heating_outage": (
        # I18N: action card step
        _l("Gather everyone in one room and close the doors."),
        # I18N: action card step
        _l("Dress in layers, with a hat and warm socks."),
        # I18N: action card step; carbon monoxide poisoning
        _l("Never heat with a gas stove or oven."),
        # I18N: action card step
        _l("Check on older neighbours and families with babies."),
    ),
    "road_closure": (
        # I18N: action card step
        _l("Do not try to pass the closed road."),
        # I18N: action card step
        _l("Follow police instructions and the signed detour."),
        # I18N: action card step
        _l("Stay away from the closed area: danger may remain."),
    ),
    "evacuation": (
        # I18N: action card step
        _l("Take your grab bag, documents, medicines and charger."),
        # I18N: action card step
        _l("Turn off gas, water and power; lock the door."),
        # I18N: action card step
        _l("Go to the assembly point named in the notice."),
        # I18N: action card step
        _l("Take pets in a carrier or on a lead."),
        # I18N: action card step
        _l("Tell your family where you are going."),
    ),
    "shelter_update": (
        # I18N: action card step
        _l("Check which shelter near you is open."),
        # I18N: action card step
        _l("Walk the route to it once in daylight."),
        # I18N: action card step
        _l("Tell your family and neighbours."),
    ),
    "other": (
        # I18N: action card step
        _l("Read the notice and follow its instructions."),
        KEEP_PHONE_ON,
        # I18N: action card step
        _l("Keep your grab bag by the door."),
    ),
}

CARDS = {kind: Card(kind, DO_NOW[kind], NO_SHELTER, AFTER) for kind in KINDS}


def card_for(kind):
    """The action card for a notice kind (the "other" card for an unknown kind)."""
    return CARDS.get(kind, CARDS["other"])
