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
import json
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "translations" / ".lock"


@contextmanager
def catalogs_locked():
    """Hold the catalogs' lock for the duration of the block."""
    with open(LOCK, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


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


def main(paths):
    """Extract, update, fill from `paths` and compile, all under the lock."""
    from app import app
    from preparedness import translate_cli as tc
    entries = {}
    for path in paths:
        entries.update(json.loads(Path(path).read_text(encoding="utf-8")))
    with app.app_context(), catalogs_locked():
        template = tc.extract_template()
        tc.write_catalog(tc.translations_dir() / "messages.pot", template, sort_by_file=True,
                         omit_header=False)
        for lang in app.config["LANGUAGES"]:
            catalog = tc.read_catalog(tc.po_path(lang), locale=lang)
            catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
            set_count = fill(catalog, lang, entries)
            tc.write_catalog(tc.po_path(lang), catalog, ignore_obsolete=True)
            print(f"{lang}: {len(catalog)} messages, {set_count} filled")
        tc.compile_catalogs(app.config["LANGUAGES"])


if __name__ == "__main__":
    main(sys.argv[1:])
