"""Extract, merge and fill the catalogs from translation files, under one lock.

    python -m tools.po_apply [FILE.json ...]

Each FILE maps a message id to its translations:
    {"Find shelters": {"ru": "...", "uk": "...", ...},
     "%(num)d litre": {"plural": "%(num)d litres", "ru": ["...", "...", "..."], ...}}
An entry with a context is written as "context\x04message id". Extraction, the merge into every
catalog, filling and compiling run while holding translations/.lock, so several people changing
strings at once never lose each other's work.
"""

import fcntl
import importlib.util
import json
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "translations" / ".lock"
# Translations of strings that left the code, kept so that a string moved elsewhere keeps its text.
MEMORY = ROOT / "translations" / ".memory.json"


@contextmanager
def catalogs_locked():
    """Hold the catalogs' lock for the duration of the block."""
    with open(LOCK, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _key(message):
    """A message's id (singular) with its context, as one string."""
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return f"{message.context or ''}\x04{msgid}"


def load_memory():
    """Every translation these catalogs ever held ({lang: {key: string or list}})."""
    return json.loads(MEMORY.read_text(encoding="utf-8")) if MEMORY.exists() else {}


def remember(memory, lang, catalog):
    """Add a catalog's translated entries to the memory."""
    known = memory.setdefault(lang, {})
    for message in catalog:
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.id and all(strings):
            known[_key(message)] = list(message.string) if message.pluralizable else message.string


def recall(memory, lang, catalog):
    """Fill untranslated entries whose message came back from the memory (a string moved or restored)."""
    known = memory.get(lang, {})
    for message in catalog:
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        value = known.get(_key(message)) if message.id else None
        if value is not None and not all(strings):
            if isinstance(value, list) == bool(message.pluralizable):
                message.string = tuple(value) if isinstance(value, list) else value


def fill(catalog, lang, entries):
    """Write each entry's translation for `lang` into the catalog; returns how many were set."""
    count = 0
    for key, translations in entries.items():
        if lang not in translations:
            continue
        context, _, msgid = key.rpartition("\x04")
        message = catalog.get(msgid, context=context or None)
        if message is None:
            continue
        value = translations[lang]
        message.string = tuple(value) if isinstance(value, list) else value
        message.flags.discard("fuzzy")
        count += 1
    return count


def standalone(name, relative):
    """Load one module of the package by path, without importing the whole app (which may not start
    while someone is halfway through a change)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(paths):
    """Extract, update, fill from `paths` and compile, all under the lock."""
    from flask import Flask
    tc = standalone("translate_cli", "preparedness/translate_cli.py")
    app = Flask("po_apply")
    app.config.update(TRANSLATIONS_DIR=ROOT / "translations",
                      LANGUAGES=standalone("config", "preparedness/config.py").LANGUAGES)
    entries = {}
    for path in paths:
        entries.update(json.loads(Path(path).read_text(encoding="utf-8")))
    with app.app_context(), catalogs_locked():
        template = tc.extract_template()
        tc.write_catalog(tc.translations_dir() / "messages.pot", template, sort_by_file=True,
                         omit_header=False)
        memory = load_memory()
        for lang in app.config["LANGUAGES"]:
            catalog = tc.read_catalog(tc.po_path(lang), locale=lang)
            remember(memory, lang, catalog)
            catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
            recall(memory, lang, catalog)
            set_count = fill(catalog, lang, entries)
            tc.write_catalog(tc.po_path(lang), catalog, ignore_obsolete=True)
            print(f"{lang}: {len(catalog)} messages, {set_count} filled")
        tc.compile_catalogs(app.config["LANGUAGES"])
        MEMORY.write_text(json.dumps(memory, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
