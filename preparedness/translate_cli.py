"""`flask translate extract|init|update|compile|check` through Babel's Python API."""

import json
from datetime import datetime, timezone
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po
from flask import current_app
from flask.cli import AppGroup

ROOT = Path(__file__).resolve().parent.parent
METHOD_MAP = [
    ("preparedness/**.py", "python"),
    ("templates/**.html", "jinja2.ext:babel_extract"),
    ("static/js/**.js", "ignore"),
]
# N_ marks a string for the catalog without translating it where it stands (stored review reasons).
KEYWORDS = {"N_": None, "_": None, "gettext": None, "ngettext": (1, 2), "_l": None,
            "lazy_gettext": None, "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}

translate = AppGroup("translate", help="Extract, update, compile and check message catalogs.")


def translations_dir():
    """Where messages.pot and <lang>/LC_MESSAGES/messages.po live."""
    return Path(current_app.config["TRANSLATIONS_DIR"])


def po_path(lang):
    """The catalog file of one language."""
    return translations_dir() / lang / "LC_MESSAGES" / "messages.po"


def read_catalog(path, locale=None):
    """Read a .po/.pot file."""
    with open(path, "rb") as fh:
        return read_po(fh, locale=locale)


def write_catalog(path, catalog, **options):
    """Write a .po/.pot file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        write_po(fh, catalog, width=100, **options)


def extract_template():
    """Every translatable string of the code and templates, as a catalog."""
    template = Catalog(project="Preparedness", msgid_bugs_address="", charset="utf-8",
                       creation_date=datetime(2026, 1, 1, tzinfo=timezone.utc))
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, METHOD_MAP, keywords=KEYWORDS, comment_tags=("I18N:",), strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


@translate.command("extract")
def extract_command():
    """Write translations/messages.pot from the code and templates."""
    template = extract_template()
    write_catalog(translations_dir() / "messages.pot", template, sort_by_file=True,
                  omit_header=False)
    click.echo(f"messages.pot: {len(template)} messages")


@translate.command("init")
@click.argument("lang")
def init_command(lang):
    """Start a catalog for LANG from messages.pot."""
    template = read_catalog(translations_dir() / "messages.pot")
    catalog = Catalog(locale=lang, charset="utf-8", project="Preparedness", fuzzy=False,
                      language_team=f"{lang} <preparedness translators>")
    catalog.update(template)
    write_catalog(po_path(lang), catalog)
    click.echo(f"{lang}: new catalog with {len(catalog)} messages")


@translate.command("update")
def update_command():
    """Merge messages.pot into every language's catalog, dropping obsolete entries."""
    template = read_catalog(translations_dir() / "messages.pot")
    for lang in current_app.config["LANGUAGES"]:
        catalog = read_catalog(po_path(lang), locale=lang)
        # No fuzzy guesses: a guessed "TEST" -> "toilet" is worse than an empty entry the check reports.
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        write_catalog(po_path(lang), catalog, ignore_obsolete=True)
        click.echo(f"{lang}: {len(catalog)} messages")


def compile_catalogs(languages):
    """Write .mo files next to each .po; returns the paths written."""
    written = []
    for lang in languages:
        catalog = read_catalog(po_path(lang), locale=lang)
        mo = po_path(lang).with_suffix(".mo")
        with open(mo, "wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(mo)
    return written


@translate.command("compile")
def compile_command():
    """Compile every catalog to .mo."""
    for path in compile_catalogs(current_app.config["LANGUAGES"]):
        click.echo(f"compiled {path.relative_to(translations_dir())}")


def catalog_problems(lang, template):
    """Every reason a language's catalog is not complete, one string each."""
    catalog = read_catalog(po_path(lang), locale=lang)
    problems = []
    if catalog.fuzzy:
        problems.append("the catalog header is marked fuzzy (its plural rules would be ignored)")
    expected_plurals = get_plural(lang).num_plurals
    if catalog.num_plurals != expected_plurals:
        problems.append(f"Plural-Forms has {catalog.num_plurals} forms, {lang} needs {expected_plurals}")
    for message in template:
        if message.id and message.id not in catalog:
            problems.append(f"missing: {_short(message.id)}")
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            problems.append(f"fuzzy: {_short(message.id)}")
        if not all(strings):
            problems.append(f"untranslated: {_short(message.id)}")
        elif message.pluralizable and len(strings) != catalog.num_plurals:
            problems.append(f"{len(strings)} plural forms instead of {catalog.num_plurals}: "
                            f"{_short(message.id)}")
        if message.id not in template:
            problems.append(f"obsolete: {_short(message.id)}")
    for message, errors in catalog.check():
        for error in errors:
            problems.append(f"placeholders: {_short(message.id)}: {error}")
    problems.extend(f"obsolete: {_short(key)}" for key in catalog.obsolete)
    return problems


def load_glossary():
    """The life-critical terms each language must use (translations/glossary.json), or None."""
    path = translations_dir() / "glossary.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _strings(message):
    """A message's translations as a list (one, or one per plural form)."""
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string or ""]


def glossary_problems(lang, glossary, catalog=None):
    """Every place a catalog leaves its glossary: a term rendered another way, or a word it must avoid."""
    rules = glossary["languages"].get(lang)
    if not rules:
        return []
    catalog = catalog or read_catalog(po_path(lang), locale=lang)
    problems = []
    for term, msgids in glossary["terms"].items():
        forms = [form.casefold() for form in rules.get(term, [])]
        for msgid in msgids:
            message = catalog.get(msgid)
            text = " ".join(_strings(message)).casefold() if message else ""
            if forms and message and not any(form in text for form in forms):
                problems.append(f"glossary: {term} should read {' / '.join(rules[term])!r}: {_short(msgid)}")
    for message in catalog:
        if not message.id:
            continue
        text, msgid = " ".join(_strings(message)), message.id if isinstance(message.id, str) else message.id[0]
        for word in rules.get("avoid", []):
            if word in text:
                problems.append(f"glossary: avoid {word!r}: {_short(message.id)}")
        for phrase, words in rules.get("avoid_in", {}).items():
            if phrase in msgid and any(word in text for word in words):
                problems.append(f"glossary: {words!r} does not mean {phrase!r}: {_short(message.id)}")
    return problems


def _short(msgid):
    """A message id short enough for one line."""
    text = msgid[0] if isinstance(msgid, (list, tuple)) else msgid
    return repr(text if len(text) <= 60 else text[:57] + "...")


@translate.command("check")
def check_command():
    """Fail on missing, untranslated, fuzzy or obsolete entries, placeholder mismatches and glossary breaks."""
    template = extract_template()
    committed = read_catalog(translations_dir() / "messages.pot")
    failed = False
    if {m.id for m in template if m.id} != {m.id for m in committed if m.id}:
        click.echo("messages.pot is out of date: run `flask --app app translate extract`")
        failed = True
    glossary = load_glossary()
    for lang in current_app.config["LANGUAGES"]:
        problems = catalog_problems(lang, template)
        if glossary:
            problems += glossary_problems(lang, glossary)
        click.echo(f"{lang}: {'ok' if not problems else f'{len(problems)} problems'}")
        for problem in problems:
            click.echo(f"  {lang}: {problem}")
        failed = failed or bool(problems)
    if failed:
        raise SystemExit(1)


def init_app(app):
    """Register the command group."""
    app.cli.add_command(translate)
