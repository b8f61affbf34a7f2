"""Kit planner: a household in, the quantities to keep at home out. Pure: plain numbers, no Flask.

Every rate the planner uses is in RATES, with the ids of the sources that give it (sources.py), or
none when the figure is our own assumption. The kit page's "How we count" is written from this same
table (present.how_we_count), so the two cannot disagree.
"""

from dataclasses import dataclass
from math import ceil


@dataclass(frozen=True)
class Rate:
    """One planning rate: its value and the sources that give it (empty: our assumption)."""

    value: float
    sources: tuple = ()

    @property
    def assumed(self):
        """Whether no source gives this figure."""
        return not self.sources


RATES = {
    # Sphere: survival water intake 2.5–3 L a day.
    "drinking_water_l": Rate(3, ("sphere-water",)),
    # Sphere: basic hygiene 2–6 L a day; the low end normally, the top when the supply may stop.
    "sanitary_water_l": Rate(2, ("sphere-water",)),
    "sanitary_at_risk_l": Rate(6, ("sphere-water",)),
    # Babies under 1: water to make up formula, and the powder itself (makers' feeding tables).
    "infant_water_l": Rate(1),
    "formula_kg": Rate(0.15),
    # Newborns use 8–12 nappies a day; a child of 1–2 fewer.
    "nappies_baby": Rate(10, ("nappies",)),
    "nappies_toddler": Rate(6),
    # Everyone from 1 year old eats meals (or ration packs) of food that keeps.
    "meals_per_day": Rate(3),
    "cat_food_kg": Rate(0.1),
    "cat_water_l": Rate(0.25),
    "dog_food_kg": Rate(0.4),
    "dog_water_l": Rate(1.0),
    "medicine_reserve_days": Rate(7),
    "days_per_battery_set": Rate(3),
    # A 4,000 mAh phone battery at about 2/3 conversion efficiency needs ~6,000 mAh per full charge.
    "phone_charge_mah": Rate(6000),
    "charges_per_phone_day": Rate(0.5),
}

DAY_CHOICES = (3, 7, 14)
MAX_PEOPLE = 30
MAX_PETS = 20
COUNT_FIELDS = ("adults", "children", "teenagers", "infants", "toddlers", "older", "on_medication", "cats", "dogs")
PET_COUNTS = ("cats", "dogs")


def rate(name):
    """The value of one planning rate."""
    return RATES[name].value


@dataclass(frozen=True)
class Household:
    """Who the kit is for and for how long."""

    adults: int = 0
    children: int = 0      # 2 to 11 years
    teenagers: int = 0     # 12 to 17 years
    infants: int = 0       # under 1 year
    toddlers: int = 0      # 1 to 2 years
    older: int = 0         # 65 and over
    on_medication: int = 0
    cats: int = 0
    dogs: int = 0
    days: int = 3
    water_at_risk: bool = False

    @property
    def people(self):
        """Everyone in the household."""
        return self.adults + self.children + self.teenagers + self.infants + self.toddlers + self.older


@dataclass(frozen=True)
class Line:
    """One row of the plan: what, how much, in which unit (and a count it refers to, if any)."""

    item: str
    amount: float
    unit: str
    count: int = 0


def household_problems(household):
    """Why a household cannot be planned for ({field: reason code}); empty when it can."""
    problems = {}
    for name in COUNT_FIELDS:
        value = getattr(household, name)
        if value < 0:
            problems[name] = "negative"
        elif value > (MAX_PETS if name in PET_COUNTS else MAX_PEOPLE):
            problems[name] = "too_many"
    if household.days not in DAY_CHOICES:
        problems["days"] = "days"
    if not problems and household.people > MAX_PEOPLE:
        problems["people"] = "too_many"
    elif not problems and household.people == 0:
        problems["people"] = "nobody"
    if not problems and household.on_medication > household.people:
        problems["on_medication"] = "more_than_people"
    return problems


def _water_lines(h, days):
    """Drinking and sanitary water, in whole litres."""
    eaters = h.people - h.infants
    sanitary = rate("sanitary_at_risk_l") if h.water_at_risk else rate("sanitary_water_l")
    drinking = (eaters * rate("drinking_water_l") + h.infants * rate("infant_water_l")) * days
    return [Line("drinking_water", ceil(drinking), "litre"),
            Line("sanitary_water", ceil(h.people * sanitary * days), "litre")]


def _power_lines(h, days):
    """Torches, batteries and power bank capacity."""
    torches = max(1, h.adults + h.older)
    phones = h.adults + h.older + h.teenagers
    charges = ceil(phones * days * rate("charges_per_phone_day"))
    return [Line("torches", torches, "torch"),
            Line("battery_sets", torches * ceil(days / rate("days_per_battery_set")), "battery_set"),
            Line("power_bank", charges * rate("phone_charge_mah"), "mah", phones)]


def kit_plan(household):
    """The quantities for `household`, as Lines in a fixed order; zero lines are left out."""
    if household_problems(household):
        raise ValueError(f"cannot plan for {household}: {household_problems(household)}")
    h, days = household, household.days
    pet_food = h.cats * rate("cat_food_kg") + h.dogs * rate("dog_food_kg")
    pet_water = h.cats * rate("cat_water_l") + h.dogs * rate("dog_water_l")
    nappies = h.infants * rate("nappies_baby") + h.toddlers * rate("nappies_toddler")
    lines = _water_lines(h, days) + [
        Line("food", ceil((h.people - h.infants) * rate("meals_per_day") * days), "meal"),
        Line("infant_formula", round(h.infants * rate("formula_kg") * days, 2), "kg"),
        Line("nappies", ceil(nappies * days), "nappy"),
        Line("pet_food", round(pet_food * days, 2), "kg"),
        Line("pet_water", ceil(pet_water * days), "litre"),
        Line("medicines", (days + rate("medicine_reserve_days")) if h.on_medication else 0, "day",
             h.on_medication),
    ] + _power_lines(h, days) + [Line("cash", days, "spending_day")]
    return [line for line in lines if line.amount]
