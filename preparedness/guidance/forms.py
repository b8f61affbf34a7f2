"""The kit planner's form: plain WTForms, sent by POST so the household never appears in a URL or an
access log. No CSRF token: the request changes nothing and nothing is stored."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, IntegerField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, ValidationError

from .kit import DAY_CHOICES, MAX_PEOPLE, MAX_PETS, Household, household_problems

PERSON_FIELDS = ("adults", "children", "teenagers", "infants", "toddlers", "older", "on_medication")
PET_FIELDS = ("cats", "dogs")
FIELD_NAMES = PERSON_FIELDS + PET_FIELDS + ("days", "water_at_risk")

MESSAGES = {
    # I18N: kit planner error under a number field
    "not_a_number": _l("Enter a whole number, for example 2."),
    # I18N: kit planner error under a number field
    "negative": _l("This cannot be less than 0."),
    # I18N: kit planner error; %(max)s is a number
    "too_many_people": _l("At most %(max)s people: plan a larger group with your local administration."),
    # I18N: kit planner error; %(max)s is a number
    "too_many_pets": _l("At most %(max)s pets."),
    # I18N: kit planner error when every count is 0
    "nobody": _l("Add at least one person."),
    # I18N: kit planner error; %(max)s is a number
    "too_many_total": _l("At most %(max)s people in all."),
    # I18N: kit planner error
    "more_than_people": _l("More people on medicines than people in the household."),
    # I18N: kit planner error
    "days": _l("Choose 3, 7 or 14 days."),
}


class CountField(IntegerField):
    """A whole number of people or pets; an empty box counts as 0."""

    def process_formdata(self, valuelist):
        """Read the number, with our own message for anything that is not one."""
        if not valuelist:
            return
        text = valuelist[0].strip()
        try:
            self.data = int(text) if text else 0
        except ValueError as exc:
            self.data = None
            raise ValueError(str(MESSAGES["not_a_number"])) from exc


class CountLimits:
    """Field validator: not negative, not more than `maximum`, each with its own message."""

    def __init__(self, maximum, too_many):
        self.maximum, self.too_many = maximum, too_many

    def __call__(self, form, field):
        if field.data is None:
            return
        if field.data < 0:
            raise ValidationError(str(MESSAGES["negative"]))
        if field.data > self.maximum:
            raise ValidationError(str(MESSAGES[self.too_many]) % {"max": self.maximum})


PEOPLE_LIMITS = [CountLimits(MAX_PEOPLE, "too_many_people")]
PET_LIMITS = [CountLimits(MAX_PETS, "too_many_pets")]


class KitForm(Form):
    """Who the kit is for, for how long, and whether the water supply is at risk."""

    # I18N: kit planner field label
    adults = CountField(validators=PEOPLE_LIMITS, label=_l("Adults (18–64)"), default=2)
    # I18N: kit planner field label
    children = CountField(validators=PEOPLE_LIMITS, label=_l("Children (2–11)"), default=0)
    # I18N: kit planner field label
    teenagers = CountField(validators=PEOPLE_LIMITS, label=_l("Teenagers (12–17)"), default=0)
    # I18N: kit planner field label
    infants = CountField(validators=PEOPLE_LIMITS, label=_l("Babies (under 1)"), default=0)
    # I18N: kit planner field label: children aged 1 to 2
    toddlers = CountField(validators=PEOPLE_LIMITS, label=_l("Toddlers (1–2)"), default=0)
    # I18N: kit planner field label
    older = CountField(validators=PEOPLE_LIMITS, label=_l("Older people (65+)"), default=0)
    # I18N: kit planner field label
    on_medication = CountField(validators=PEOPLE_LIMITS, label=_l("People on regular medicines"), default=0)
    # I18N: kit planner field label
    cats = CountField(validators=PET_LIMITS, label=_l("Cats"), default=0)
    # I18N: kit planner field label
    dogs = CountField(validators=PET_LIMITS, label=_l("Dogs"), default=0)
    # I18N: kit planner field legend
    days = RadioField(_l("Days to plan for"), choices=[SelectChoice(str(d)) for d in DAY_CHOICES],
                      default="3", validate_choice=False,
                      validators=[AnyOf([str(d) for d in DAY_CHOICES], message=MESSAGES["days"])])
    # I18N: kit planner checkbox label
    water_at_risk = BooleanField(_l("The water supply may stop"))

    def household(self):
        """The form's data as a Household (call after validate)."""
        counts = {name: self[name].data or 0 for name in PERSON_FIELDS + PET_FIELDS}
        return Household(days=int(self.days.data), water_at_risk=bool(self.water_at_risk.data), **counts)

    def validate(self, extra_validators=None):
        """Each field on its own, then the household as a whole (how many people, who takes medicines)."""
        if not super().validate(extra_validators):
            return False
        problems = household_problems(self.household())
        if "people" in problems:
            # Shown at the first count, so every message sits by a field the reader can change.
            key = "nobody" if problems["people"] == "nobody" else "too_many_total"
            self.adults.errors.append(str(MESSAGES[key]) % {"max": MAX_PEOPLE})
        if "on_medication" in problems:
            self.on_medication.errors.append(str(MESSAGES["more_than_people"]))
        return not problems
