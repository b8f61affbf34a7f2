"""Admin forms (Flask-WTF: each carries the CSRF token); labels are lazy so they follow the language."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import (BooleanField, HiddenField, IntegerField, PasswordField, RadioField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (DataRequired, EqualTo, InputRequired, Length, NumberRange, Optional,
                                Regexp, ValidationError)
from wtforms.widgets import CheckboxInput, ListWidget

from ..notices.ingest.validate import CERTAINTIES, SEVERITIES, URGENCIES
from ..notices.kinds import KIND_LABELS, KINDS, SEVERITY_LABELS, URGENCY_LABELS
from ..shelters.importers import FORMATS
from ..shelters.kinds import STATUS_LABELS
from .passwords import is_common_password
from .text import without_control_characters
from .users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]")
TEXT_LIMITS = {"headline": 300, "description": 5000, "instruction": 2000}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# I18N: first choice of severity, urgency and certainty: take the usual value for the notice's kind
USUAL = _l("Usual for the kind")
CERTAINTY_LABELS = {
    # I18N: CAP certainty: it is happening
    "Observed": _l("Observed"),
    # I18N: CAP certainty: more likely than not
    "Likely": _l("Likely"),
    # I18N: CAP certainty: possible but not likely
    "Possible": _l("Possible"),
    # I18N: CAP certainty: not expected to happen
    "Unlikely": _l("Unlikely"),
    "Unknown": SEVERITY_LABELS["Unknown"],
}
PROBLEM_LABELS = {
    # I18N: a resident's report about a shelter
    "closed": _l("It was closed during an alert"),
    "locked": _l("The door was locked, nobody had a key"),
    "full": _l("It was full"),
    "wrong_place": _l("It is not at this address"),
    "damaged": _l("It is damaged or flooded"),
    "not_a_shelter": _l("It is not a shelter"),
    "other": _l("Something else"),
}


def options(pairs):
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def strip_control(value):
    """Text without control characters (Word's Shift+Enter is \\x0b); keeps tabs and line breaks."""
    return without_control_characters(value) if isinstance(value, str) else value


def not_common(_form, field):
    """Refuse a password from the list of the most common ones (or one of them with digits added)."""
    if field.data and is_common_password(field.data):
        # I18N: a new password that appears in lists of common passwords
        raise ValidationError(_l("This password is in lists of common passwords that attackers try "
                                 "first. Choose another, such as several unrelated words."))


def no_markup(_form, field):
    """Refuse HTML or script tags: notices are plain text."""
    if field.data and MARKUP.search(field.data):
        raise ValidationError(_l("Remove the HTML tags: write plain text only."))


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(),
                                                         Length(max=MAX_PASSWORD_LENGTH)])


class CodeForm(FlaskForm):
    """A six-digit code from the authenticator app."""

    # I18N: the one-time code from an authenticator app
    code = StringField(_l("Code from your authenticator app"),
                       validators=[DataRequired(), Regexp(r"^\s*\d{3}\s*\d{3}\s*$",
                                                          message=_l("Enter the 6 digits."))])


SIX_DIGITS = Regexp(r"^\s*\d{3}\s*\d{3}\s*$", message=_l("Enter the 6 digits."))


class TotpSetupForm(CodeForm):
    """Turn on or replace the second factor: the owner's password, the code in use (if any), the new code."""

    secret = HiddenField(validators=[DataRequired(), Regexp(r"^[A-Z2-7]{16,64}$")])
    password = PasswordField(_l("Current password"), validators=[DataRequired(),
                                                                 Length(max=MAX_PASSWORD_LENGTH)])
    # I18N: when replacing a second factor: the code from the authenticator account in use now
    current_code = StringField(_l("Code from the second factor you use now"),
                               validators=[Optional(), SIX_DIGITS])


class TotpOffForm(FlaskForm):
    """Turn one's own second factor off: the password and a current code prove it is the owner."""

    password = PasswordField(_l("Current password"), validators=[DataRequired(),
                                                                 Length(max=MAX_PASSWORD_LENGTH)])
    code = StringField(_l("Code from your authenticator app"), validators=[DataRequired(), SIX_DIGITS])


class PasswordForm(FlaskForm):
    """Change one's own password (ends every other session)."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(),
                                                                Length(max=MAX_PASSWORD_LENGTH)])
    new = PasswordField(_l("New password"), validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, message=_l("Use at least 12 characters.")),
        Length(max=MAX_PASSWORD_LENGTH), not_common])
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(), EqualTo("new", message=_l("The two new passwords differ."))])


class NoticeFormBase(FlaskForm):
    """What every notice has; texts per language are added by notice_form_class()."""

    kind = SelectField(_l("Kind"), choices=options((k, KIND_LABELS[k]) for k in KINDS))
    # I18N: choice between a real alert and a drill; the labels say it in capitals on purpose
    status = RadioField(_l("Real or drill"), validators=[InputRequired()], choices=options([
        ("Actual", _l("REAL alert: residents will act on it")),
        ("Exercise", _l("EXERCISE: marked as not a real alert")),
        ("Test", _l("TEST: marked as not a real alert"))]))
    # "" is the usual value for the chosen kind (drafts.KIND_DEFAULTS): Extreme for a missile.
    severity = SelectField(_l("Severity"), default="", choices=options(
        [("", USUAL)] + [(s, SEVERITY_LABELS[s]) for s in SEVERITIES]))
    urgency = SelectField(_l("Urgency"), default="", choices=options(
        [("", USUAL)] + [(u, URGENCY_LABELS[u]) for u in URGENCIES]))
    certainty = SelectField(_l("Certainty"), default="", choices=options(
        [("", USUAL)] + [(c, CERTAINTY_LABELS[c]) for c in CERTAINTIES]))
    whole_region = BooleanField(_l("Whole region"))
    areas = MultiCheckboxField(_l("Areas"), validate_choice=True)
    # I18N: how long a notice stays in force: "… hours … minutes"
    duration_hours = IntegerField(_l("Hours"), validators=[Optional(), NumberRange(min=0, max=24 * 31)])
    duration_minutes = IntegerField(_l("Minutes"), validators=[Optional(), NumberRange(min=0, max=59)])
    # The label names the zone (set in notice_views.notice_form): "In force until (Europe/Moscow, MSK)".
    expires = StringField(_l("In force until"), validators=[
        Optional(), Regexp(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$", message=_l("Use the date picker."))])


def notice_form_class(languages):
    """A notice form class with headline, description and instruction fields per language."""
    fields = {}
    for lang in languages:
        fields[f"headline_{lang}"] = StringField(_l("Headline"), filters=[strip_control], validators=[
            Length(max=TEXT_LIMITS["headline"]), no_markup])
        fields[f"description_{lang}"] = TextAreaField(_l("Description"), filters=[strip_control], validators=[
            Length(max=TEXT_LIMITS["description"]), no_markup])
        fields[f"instruction_{lang}"] = TextAreaField(_l("What residents must do"), filters=[strip_control],
                                                      validators=[Length(max=TEXT_LIMITS["instruction"]),
                                                                  no_markup])
    return type("NoticeForm", (NoticeFormBase,), fields)


class PublishForm(FlaskForm):
    """Publish the version that was previewed; in on-duty mode, typing the area's name confirms it."""

    version = HiddenField(validators=[DataRequired(), Regexp(r"^\d{1,9}$")])
    # I18N: on-duty publishing by one person: type the name of the area as shown, to confirm
    confirm_place = StringField(_l("Type the name shown above to confirm"),
                                validators=[Optional(), Length(max=200)])


class ReviewForm(FlaskForm):
    """The suggested kind and areas of an imported notice, editable before a decision."""

    kind = SelectField(_l("Kind"), choices=options((k, KIND_LABELS[k]) for k in KINDS))
    whole_region = BooleanField(_l("Whole region"))
    areas = MultiCheckboxField(_l("Areas"), validate_choice=True)
    decision = RadioField(_l("Decision"), validators=[InputRequired()], choices=options([
        ("approve", _l("Approve and publish")), ("reject", _l("Reject"))]))


class ShelterStatusForm(FlaskForm):
    """A shelter's status, and whether someone checked it just now."""

    status = SelectField(_l("Status"), choices=options(STATUS_LABELS.items()))
    # I18N: checkbox: the operator has just confirmed the shelter's status
    checked_now = BooleanField(_l("Checked now"))


class ShelterImportForm(FlaskForm):
    """A CSV or GeoJSON file through the same importer as `flask shelters import`."""

    file = FileField(_l("CSV or GeoJSON file"), validators=[
        FileRequired(), FileSize(MAX_UPLOAD_BYTES, message=_l("The file is larger than 20 MB."))])
    file_format = SelectField(_l("Format"), choices=options((f, f) for f in FORMATS), default="auto")
    source = StringField(_l("Source name (optional)"), validators=[
        Optional(), Length(max=64), Regexp(r"^[\w.-]+$", message=_l("Letters, digits, dots and dashes only."))])
    dry_run = BooleanField(_l("Check only, write nothing"))
    strict = BooleanField(_l("Write nothing if any row is invalid"))


class ProblemReportForm(FlaskForm):
    """A resident's report about a shelter: what is wrong, no personal data."""

    problem = RadioField(_l("What is wrong?"), validators=[InputRequired()],
                         choices=options(PROBLEM_LABELS.items()))
    details = TextAreaField(_l("Details (optional, no names or phone numbers)"), filters=[strip_control], validators=[
        Optional(), Length(max=500), no_markup])
