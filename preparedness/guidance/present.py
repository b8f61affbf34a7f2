"""How guidance reads on a page: kit plan rows and "How we count" in the reader's language, QR codes."""

import re

import qrcode
from flask_babel import format_decimal, gettext as _, lazy_gettext as _l, ngettext
from markupsafe import Markup
from qrcode.image.svg import SvgPathImage

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol
from flask_babel import get_locale

from ..i18n import format_list
from . import kit
from .kit import Line
from .sources import AUTHORITIES, SOURCES

LINE_LABELS = {
    # I18N: kit planner result row
    "drinking_water": _l("Drinking water"),
    # I18N: kit planner result row
    "sanitary_water": _l("Water for washing and the toilet"),
    # I18N: kit planner result row
    "food": _l("Meals or ration packs that keep and need no cooking"),
    # I18N: kit planner result row
    "infant_formula": _l("Infant formula (powder)"),
    # I18N: kit planner result row
    "nappies": _l("Nappies"),
    # I18N: kit planner result row
    "pet_food": _l("Pet food"),
    # I18N: kit planner result row
    "pet_water": _l("Water for pets"),
    # I18N: kit planner result row
    "medicines": _l("Regular medicines, for each person who takes them"),
    # I18N: kit planner result row
    "torches": _l("Torches"),
    # I18N: kit planner result row
    "battery_sets": _l("Spare sets of batteries"),
    # I18N: kit planner result row
    "power_bank": _l("Power bank capacity"),
    # I18N: kit planner result row
    "cash": _l("Cash in small notes"),
}


def quantity_text(line):
    """The amount with its unit, plural form and number format of the reader's language."""
    return unit_text(line.unit, line.amount, format_decimal(line.amount))


def unit_text(unit, n, amount):
    """`amount` (already formatted) with its unit, in the plural form for the number `n`."""
    if unit == "litre":
        # I18N: a quantity of water; %(amount)s is a formatted number
        return ngettext("%(amount)s litre", "%(amount)s litres", n, amount=amount)
    if unit == "kg":
        # I18N: a weight in kilograms; %(amount)s is a formatted number, e.g. 1.05
        return _("%(amount)s kg", amount=amount)
    if unit == "mah":
        # I18N: battery capacity in milliampere-hours
        return _("%(amount)s mAh", amount=amount)
    if unit == "meal":
        # I18N: a quantity of food: meals or ration packs that keep and need no cooking
        return ngettext("%(amount)s meal", "%(amount)s meals", n, amount=amount)
    if unit == "day":
        return ngettext("%(amount)s day", "%(amount)s days", n, amount=amount)
    if unit == "spending_day":
        # I18N: how much cash: enough for this many days of food, medicine and fuel
        return ngettext("%(amount)s day of spending", "%(amount)s days of spending", n, amount=amount)
    if unit == "nappy":
        return ngettext("%(amount)s nappy", "%(amount)s nappies", n, amount=amount)
    if unit == "torch":
        return ngettext("%(amount)s torch", "%(amount)s torches", n, amount=amount)
    if unit == "battery_set":
        # I18N: spare sets of batteries for torches
        return ngettext("%(amount)s set", "%(amount)s sets", n, amount=amount)
    return amount


def note_text(line):
    """A short explanation under some rows ("for 2 phones"), or ''."""
    return note_for(line.item, line.count, format_decimal(line.count))


def note_for(item, n, count):
    """The note under row `item` for `n` phones or people (`count` already formatted)."""
    line = Line(item, 0, "", n)
    if line.item == "power_bank":
        # I18N: under "Power bank capacity"; phones in power-saving mode, charged every other day
        return ngettext("%(amount)s phone, a full charge every other day",
                        "%(amount)s phones, a full charge every other day", n, amount=count)
    if line.item == "medicines":
        # I18N: under "Regular medicines": the days planned plus a week in reserve
        return ngettext("%(amount)s person; includes 7 days in reserve",
                        "%(amount)s people; includes 7 days in reserve", n, amount=count)
    return ""


# "How we count": each line is a template filled from the rates the planner uses, so the words
# always say what the code does. (rate name, multiplier) per placeholder; 1000 turns kg into g.
HOW_WE_COUNT = (
    # I18N: kit planner "How we count" line; %(litres)s is a number
    (_l("Drinking water: %(litres)s L per person per day."), {"litres": ("drinking_water_l", 1)}),
    # I18N: kit planner "How we count" line
    (_l("Washing and the toilet: %(litres)s L per person per day, %(at_risk)s L if the water supply may stop."),
     {"litres": ("sanitary_water_l", 1), "at_risk": ("sanitary_at_risk_l", 1)}),
    # I18N: kit planner "How we count" line
    (_l("Babies under 1: %(litres)s L of water and %(grams)s g of formula a day."),
     {"litres": ("infant_water_l", 1), "grams": ("formula_kg", 1000)}),
    # I18N: kit planner "How we count" line; newborns use 8 to 12 nappies a day
    (_l("Nappies: %(baby)s a day for a baby under 1 (newborns use 8–12), %(toddler)s a day for a child of 1–2."),
     {"baby": ("nappies_baby", 1), "toddler": ("nappies_toddler", 1)}),
    # I18N: kit planner "How we count" line
    (_l("Food: %(meals)s meals or ration packs a day for everyone from 1 year old."),
     {"meals": ("meals_per_day", 1)}),
    # I18N: kit planner "How we count" line
    (_l("A cat: %(cat_food)s g of food and %(cat_water)s L of water a day; a medium dog: %(dog_food)s g and "
        "%(dog_water)s L."),
     {"cat_food": ("cat_food_kg", 1000), "cat_water": ("cat_water_l", 1), "dog_food": ("dog_food_kg", 1000),
      "dog_water": ("dog_water_l", 1)}),
    # I18N: kit planner "How we count" line
    (_l("Medicines: the days planned plus %(days)s days in reserve."), {"days": ("medicine_reserve_days", 1)}),
    # I18N: kit planner "How we count" line
    (_l("A torch for each adult and older person; a spare set of batteries every %(days)s days."),
     {"days": ("days_per_battery_set", 1)}),
    # I18N: kit planner "How we count" line; mAh = milliampere-hours of a power bank
    (_l("Phones of adults, older people and teenagers: %(charges)s full charges a day each, %(mah)s mAh of "
        "power bank per full charge."),
     {"charges": ("charges_per_phone_day", 1), "mah": ("phone_charge_mah", 1)}),
)


def rule_attribution(rate_names):
    """Who gives these rates, in the reader's language: the authorities, and "our assumption" for the rest."""
    rates = [kit.RATES[name] for name in rate_names]
    authorities = dict.fromkeys(SOURCES[sid].authority for r in rates for sid in r.sources)
    names = [str(AUTHORITIES[a]) for a in authorities]
    if any(r.assumed for r in rates):
        # I18N: after a kit planner rule that no source gives: the figure is ours
        names.append(_("our assumption"))
    return format_list(names)


def how_we_count():
    """[(rule, attribution)] for the kit page, written from the planner's own rate table."""
    lines = []
    for template, fields in HOW_WE_COUNT:
        values = {key: format_decimal(kit.rate(name) * factor) for key, (name, factor) in fields.items()}
        lines.append((str(template) % values, rule_attribution(name for name, _f in fields.values())))
    # I18N: kit planner "How we count" line: cash is counted in days, not from a rate
    lines.append((_("Cash: enough for food, medicine and fuel for the days planned."), _("our assumption")))
    return lines


def plan_rows(lines):
    """[(label, quantity, note)] for a kit plan, ready for a table."""
    return [(LINE_LABELS[line.item], quantity_text(line), note_text(line)) for line in lines]


# The plan's rows in order, with their units: the device computes the same rows (static/js/kit.js).
PLAN_ROWS = (("drinking_water", "litre"), ("sanitary_water", "litre"), ("food", "meal"), ("infant_formula", "kg"),
             ("nappies", "nappy"), ("pet_food", "kg"), ("pet_water", "litre"), ("medicines", "day"),
             ("torches", "torch"), ("battery_sets", "battery_set"), ("power_bank", "mah"), ("cash", "spending_day"))


def plural_samples():
    """{CLDR plural category: a whole number in it} for the reader's language."""
    locale, samples = Locale.parse(str(get_locale())), {}
    for n in range(0, 1000):
        samples.setdefault(locale.plural_form(n), n)
    return samples


def by_category(text_for):
    """{plural category: text_for(sample number)}, "{n}" standing for the formatted number."""
    return {category: text_for(n) for category, n in plural_samples().items()}


def device_pack():
    """What static/js/kit.js needs to compute and write the plan on the device, in the reader's language."""
    units = {unit for _item, unit in PLAN_ROWS}
    return {
        "rates": {name: rate.value for name, rate in kit.RATES.items()},
        "rows": [[item, unit, str(LINE_LABELS[item])] for item, unit in PLAN_ROWS],
        "units": {unit: by_category(lambda n, u=unit: unit_text(u, n, "{n}")) for unit in units},
        "notes": {item: by_category(lambda n, i=item: note_for(i, n, "{n}")) for item in ("power_bank", "medicines")},
        "heading": by_category(lambda n: ngettext("Your kit for %(num)d day", "Your kit for %(num)d days", n)
                               .replace(str(n), "{n}", 1)),
        "limits": {"people": kit.MAX_PEOPLE, "pets": kit.MAX_PETS, "days": list(kit.DAY_CHOICES)},
        "number": number_format(),
    }


def number_format():
    """The reader's decimal and group signs, as Babel writes them (browsers lack some languages' data)."""
    locale = get_locale()
    return {"decimal": get_decimal_symbol(locale), "group": get_group_symbol(locale),
            # Some languages group only from five digits on ("1000" but "10 000").
            "min_group": 1 if format_decimal(1000) != "1000" else 2}


def qr_svg(url, label):
    """An inline SVG QR code of `url` (server side, no request anywhere), sized by CSS."""
    image = qrcode.make(url, image_factory=SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
    svg = svg.replace(' id="qr-path"', "")
    return Markup(svg.replace("<svg", '<svg class="qr" role="img" aria-label="%s"' % Markup.escape(label), 1))
