"""Kit planner: a household in, the quantities to keep at home out. Pure: plain numbers, no Flask.

Assumptions (also shown on the kit page):
- Drinking water: 3 L per person per day. MCHS of Russia advises about 3 L a day; Ready.gov
  (https://www.ready.gov/water) advises one gallon (3.8 L) a day for drinking and sanitation.
- Infants (under 2) drink formula: 1 L of water a day to make it up, 150 g of powder, 6 nappies.
- Water for washing and the toilet: 2 L per person per day; 5 L when the supply is at risk, because
  then it must cover flushing and washing up too. The Sphere Handbook
  (https://spherestandards.org/handbook/) puts the emergency minimum for all uses at 15 L per day.
- Food: one person-day of food that keeps (infants get formula instead).
- Cats: 100 g of food and 0.25 L of water a day; dogs (a medium 20 kg dog): 400 g and 1 L a day.
- Regular medicines: the days planned plus 7 in reserve, as pharmacies may stay closed afterwards.
- A torch for each adult and older person (at least one), a spare set of batteries every 3 days.
- Phones: one for each adult, older person and child of 12-17, in power-saving mode, needing a full
  charge every other day; a full charge takes about 6,000 mAh of power bank (a 4,000 mAh phone
  battery at roughly 2/3 conversion efficiency).
- Cash: enough for the days planned of food, medicine and fuel, as cards fail without power.
"""

from dataclasses import dataclass
from math import ceil

DRINKING_L = 3
INFANT_WATER_L = 1
SANITARY_L = 2
SANITARY_AT_RISK_L = 5
FORMULA_KG = 0.15
NAPPIES_PER_DAY = 6
CAT_FOOD_KG, CAT_WATER_L = 0.1, 0.25
DOG_FOOD_KG, DOG_WATER_L = 0.4, 1.0
MEDICINE_RESERVE_DAYS = 7
DAYS_PER_BATTERY_SET = 3
PHONE_CHARGE_MAH = 6000
CHARGES_PER_PHONE_DAY = 0.5
DAY_CHOICES = (3, 7, 14)
MAX_PEOPLE = 30
MAX_PETS = 20


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
    sanitary = SANITARY_AT_RISK_L if h.water_at_risk else SANITARY_L
    torches = max(1, h.adults + h.older)
    phones = h.adults + h.older + h.teenagers
    lines = [
        Line("drinking_water", ceil((eaters * DRINKING_L + h.infants * INFANT_WATER_L) * days), "litre"),
        Line("sanitary_water", ceil(h.people * sanitary * days), "litre"),
        Line("food", eaters * days, "person_day"),
        Line("infant_formula", round(h.infants * FORMULA_KG * days, 2), "kg"),
        Line("nappies", h.infants * NAPPIES_PER_DAY * days, "nappy"),
        Line("pet_food", round((h.cats * CAT_FOOD_KG + h.dogs * DOG_FOOD_KG) * days, 2), "kg"),
        Line("pet_water", ceil((h.cats * CAT_WATER_L + h.dogs * DOG_WATER_L) * days), "litre"),
        Line("medicines", (days + MEDICINE_RESERVE_DAYS) if h.on_medication else 0, "day", h.on_medication),
        Line("torches", torches, "torch"),
        Line("battery_sets", torches * ceil(days / DAYS_PER_BATTERY_SET), "battery_set"),
        Line("power_bank", ceil(phones * days * CHARGES_PER_PHONE_DAY) * PHONE_CHARGE_MAH, "mah", phones),
        Line("cash", days, "spending_day"),
    ]
    return [line for line in lines if line.amount]
