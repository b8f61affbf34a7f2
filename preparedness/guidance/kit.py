"""Kit planner: a household in, the quantities to keep at home out. Pure: plain numbers, no Flask.

Every rate the planner uses is in RATES below, each with where it comes from; the kit page's
"How we count" says the same in words (tests check the two agree).
"""

from dataclasses import dataclass
from math import ceil

MCHS = "MCHS of Russia, https://mchs.gov.ru/deyatelnost/bezopasnost-grazhdan"
READY_KIT = "Ready.gov, https://www.ready.gov/kit"
READY_WATER = "Ready.gov, https://www.ready.gov/water"
READY_PETS = "Ready.gov, https://www.ready.gov/pets"
SPHERE = "Sphere Handbook, https://spherestandards.org/handbook/"


@dataclass(frozen=True)
class Rate:
    """One planning rate: its value, what it counts, and where it comes from."""

    value: float
    per: str
    source: str


RATES = {
    "drinking_water_l": Rate(3, "litres per person per day", f"{MCHS} (about 3 L a day); {READY_WATER} "
                             "(one gallon, 3.8 L, a day for drinking and sanitation)"),
    "infant_water_l": Rate(1, "litres per infant (under 2) per day, to make up formula",
                           f"{READY_KIT} (formula for infants); manufacturers' feeding tables"),
    "sanitary_water_l": Rate(2, "litres per person per day for washing and the toilet",
                             f"{READY_WATER} (the sanitation part of the gallon a day)"),
    "sanitary_at_risk_l": Rate(5, "litres per person per day when the water supply may stop, "
                               "covering flushing and washing up too",
                               f"{SPHERE} (15 L a day for all uses as the emergency minimum)"),
    "formula_kg": Rate(0.15, "kg of formula powder per infant per day", f"{READY_KIT}; manufacturers' tables"),
    "nappies": Rate(6, "nappies per infant per day", f"{READY_KIT} (diapers)"),
    "cat_food_kg": Rate(0.1, "kg of food per cat per day", f"{READY_PETS}; pet food feeding tables"),
    "cat_water_l": Rate(0.25, "litres of water per cat per day", READY_PETS),
    "dog_food_kg": Rate(0.4, "kg of food per medium (20 kg) dog per day", f"{READY_PETS}; feeding tables"),
    "dog_water_l": Rate(1.0, "litres of water per medium dog per day", READY_PETS),
    "medicine_reserve_days": Rate(7, "days of regular medicines on top of the days planned, as pharmacies "
                                  "may stay closed afterwards", f"{READY_KIT} (at least a week of medicines)"),
    "days_per_battery_set": Rate(3, "days one set of torch batteries lasts", f"{MCHS}; {READY_KIT}"),
    "phone_charge_mah": Rate(6000, "mAh of power bank per full phone charge (a 4,000 mAh battery at "
                             "about 2/3 conversion efficiency)", "power bank makers' efficiency figures"),
    "charges_per_phone_day": Rate(0.5, "full charges per phone per day in power-saving mode",
                                  f"{READY_KIT} (backup charger); our assumption of power-saving use"),
}
# Food is one person-day of food that keeps per person and day (infants get formula instead); a torch
# for each adult and older person (at least one); phones for adults, older people and teenagers; cash
# for the days planned (MCHS of Russia; Ready.gov: cards fail without power). These are counts, not rates.

DAY_CHOICES = (3, 7, 14)
MAX_PEOPLE = 30
MAX_PETS = 20


def rate(name):
    """The value of one planning rate."""
    return RATES[name].value


@dataclass(frozen=True)
class Household:
    """Who the kit is for and for how long."""

    adults: int = 0
    children: int = 0      # 2 to 11 years
    teenagers: int = 0     # 12 to 17 years
    infants: int = 0       # under 2 years
    older: int = 0         # 65 and over
    on_medication: int = 0
    cats: int = 0
    dogs: int = 0
    days: int = 3
    water_at_risk: bool = False

    @property
    def people(self):
        """Everyone in the household."""
        return self.adults + self.children + self.teenagers + self.infants + self.older


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
    for name in ("adults", "children", "teenagers", "infants", "older", "on_medication", "cats", "dogs"):
        value = getattr(household, name)
        if value < 0:
            problems[name] = "negative"
        elif value > (MAX_PETS if name in ("cats", "dogs") else MAX_PEOPLE):
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


def kit_plan(household):
    """The quantities for `household`, as Lines in a fixed order; zero lines are left out."""
    if household_problems(household):
        raise ValueError(f"cannot plan for {household}: {household_problems(household)}")
    h, days = household, household.days
    eaters = h.people - h.infants
    sanitary = rate("sanitary_at_risk_l") if h.water_at_risk else rate("sanitary_water_l")
    torches = max(1, h.adults + h.older)
    phones = h.adults + h.older + h.teenagers
    pet_food = h.cats * rate("cat_food_kg") + h.dogs * rate("dog_food_kg")
    pet_water = h.cats * rate("cat_water_l") + h.dogs * rate("dog_water_l")
    charges = ceil(phones * days * rate("charges_per_phone_day"))
    lines = [
        Line("drinking_water", ceil((eaters * rate("drinking_water_l") + h.infants * rate("infant_water_l"))
                                    * days), "litre"),
        Line("sanitary_water", ceil(h.people * sanitary * days), "litre"),
        Line("food", eaters * days, "person_day"),
        Line("infant_formula", round(h.infants * rate("formula_kg") * days, 2), "kg"),
        Line("nappies", h.infants * rate("nappies") * days, "nappy"),
        Line("pet_food", round(pet_food * days, 2), "kg"),
        Line("pet_water", ceil(pet_water * days), "litre"),
        Line("medicines", (days + rate("medicine_reserve_days")) if h.on_medication else 0, "day",
             h.on_medication),
        Line("torches", torches, "torch"),
        Line("battery_sets", torches * ceil(days / rate("days_per_battery_set")), "battery_set"),
        Line("power_bank", charges * rate("phone_charge_mah"), "mah", phones),
        Line("cash", days, "spending_day"),
    ]
    return [line for line in lines if line.amount]
