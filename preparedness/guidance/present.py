"""How guidance reads on a page: kit plan rows in the reader's language, QR codes for print."""

import re

import qrcode
from flask_babel import format_decimal, gettext as _, lazy_gettext as _l, ngettext
from markupsafe import Markup
from qrcode.image.svg import SvgPathImage

LINE_LABELS = {
    # I18N: kit planner result row
    "drinking_water": _l("Drinking water"),
    # I18N: kit planner result row
    "sanitary_water": _l("Water for washing and the toilet"),
    # I18N: kit planner result row
    "food": _l("Food that keeps and needs no cooking"),
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
    n, amount, unit = line.amount, format_decimal(line.amount), line.unit
    if unit == "litre":
        # I18N: a quantity of water; %(amount)s is a formatted number
        return ngettext("%(amount)s litre", "%(amount)s litres", n, amount=amount)
    if unit == "kg":
        # I18N: a weight in kilograms; %(amount)s is a formatted number, e.g. 1.05
        return _("%(amount)s kg", amount=amount)
    if unit == "mah":
        # I18N: battery capacity in milliampere-hours
        return _("%(amount)s mAh", amount=amount)
    if unit == "person_day":
        # I18N: food for one person for one day
        return ngettext("%(amount)s person-day", "%(amount)s person-days", n, amount=amount)
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
    count = format_decimal(line.count)
    if line.item == "power_bank":
        # I18N: under "Power bank capacity"; phones in power-saving mode, charged every other day
        return ngettext("%(amount)s phone, a full charge every other day",
                        "%(amount)s phones, a full charge every other day", line.count, amount=count)
    if line.item == "medicines":
        # I18N: under "Regular medicines": the days planned plus a week in reserve
        return ngettext("%(amount)s person; includes 7 days in reserve",
                        "%(amount)s people; includes 7 days in reserve", line.count, amount=count)
    return ""


def plan_rows(lines):
    """[(label, quantity, note)] for a kit plan, ready for a table."""
    return [(LINE_LABELS[line.item], quantity_text(line), note_text(line)) for line in lines]


def qr_svg(url, label):
    """An inline SVG QR code of `url` (server side, no request anywhere), sized by CSS."""
    image = qrcode.make(url, image_factory=SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
    svg = svg.replace(' id="qr-path"', "")
    return Markup(svg.replace("<svg", '<svg class="qr" role="img" aria-label="%s"' % Markup.escape(label), 1))
