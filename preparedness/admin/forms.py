"""Admin forms (Flask-WTF: each carries the CSRF token); labels are lazy so they follow the language."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import (BooleanField, HiddenField, PasswordField, RadioField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (DataRequired, EqualTo, InputRequired, Length, Optional, Regexp,
                                ValidationError)
from wtforms.widgets import CheckboxInput, ListWidget

from ..notices.ingest.validate import SEVERITIES, URGENCIES
from ..notices.kinds import KIND_LABELS, KINDS, SEVERITY_LABELS, URGENCY_LABELS
from ..shelters.importers import FORMATS
from ..shelters.kinds import STATUS_LABELS
from .users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]")
TEXT_LIMITS = {"headline": 300, "description": 5000, "instruction": 2000}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
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


class TotpSetupForm(CodeForm):
    """Confirm a new second factor with its first code."""

    secret = HiddenField(validators=[DataRequired(), Regexp(r"^[A-Z2-7]{16,64}$")])


class TotpOffForm(FlaskForm):
    """Turn one's own second factor off: the password proves it is the account's owner."""

    password = PasswordField(_l("Current password"), validators=[DataRequired(),
                                                                 Length(max=MAX_PASSWORD_LENGTH)])


class PasswordForm(FlaskForm):
    """Change one's own password (ends every other session)."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(),
                                                                Length(max=MAX_PASSWORD_LENGTH)])
    new = PasswordField(_l("New password"), validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, message=_l("Use at least 12 characters.")),
        Length(max=MAX_PASSWORD_LENGTH)])
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
    severity = SelectField(_l("Severity"), choices=options((s, SEVERITY_LABELS[s]) for s in SEVERITIES), default="Severe")
    urgency = SelectField(_l("Urgency"), choices=options((u, URGENCY_LABELS[u]) for u in URGENCIES), default="Immediate")
    whole_region = BooleanField(_l("Whole region"))
    areas = MultiCheckboxField(_l("Areas"), validate_choice=True)
    expires = StringField(_l("In force until (local time)"), validators=[
        Optional(), Regexp(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$", message=_l("Use the date picker."))])


def notice_form_class(languages):
    """A notice form class with headline, description and instruction fields per language."""
    fields = {}
    for lang in languages:
        fields[f"headline_{lang}"] = StringField(_l("Headline"), validators=[
            Length(max=TEXT_LIMITS["headline"]), no_markup])
        fields[f"description_{lang}"] = TextAreaField(_l("Description"), validators=[
            Length(max=TEXT_LIMITS["description"]), no_markup])
        fields[f"instruction_{lang}"] = TextAreaField(_l("What residents must do"), validators=[
            Length(max=TEXT_LIMITS["instruction"]), no_markup])
    return type("NoticeForm", (NoticeFormBase,), fields)


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
    details = TextAreaField(_l("Details (optional, no names or phone numbers)"), validators=[
        Optional(), Length(max=500), no_markup])
