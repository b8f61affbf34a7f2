"""Follow-ups of a published notice: update, cancel, all-clear, each keeping the CAP references chain."""

from flask_babel import force_locale
from flask_babel import gettext as _

from ..notices.kinds import KIND_LABELS

FOLLOW_UPS = ("update", "cancel", "all_clear")


def references_chain(notice):
    """CAP references for a message about `notice`: its own references plus itself."""
    own = f"{notice['sender']},{notice['identifier']},{notice['sent']}"
    return " ".join(filter(None, [notice["refs"], own]))


def text_languages(notice, languages, default):
    """The app's languages the notice has text in (the default language when none)."""
    found = [lang for lang in notice["texts"] if lang in languages]
    return found or [default]


def prepared_texts(what, notice, langs):
    """Ready-made cancellation or all-clear texts in each language."""
    texts = {}
    for lang in langs:
        headline = notice["texts"].get(lang, {}).get("headline") or ""
        with force_locale(lang):
            label = str(KIND_LABELS[notice["kind"]])
            if what == "cancel":
                texts[lang] = {
                    # I18N: headline of a message that withdraws an earlier notice
                    "headline": _("Cancelled: %(headline)s", headline=headline or label)[:300],
                    "description": _("The earlier notice is withdrawn. It no longer applies."),
                    "instruction": ""}
            else:
                texts[lang] = {
                    # I18N: headline of an all-clear that ends an earlier threat
                    "headline": _("All clear: %(kind)s is over", kind=label)[:300],
                    "description": "",
                    "instruction": _("You may leave the shelter. Stay away from debris and "
                                     "unknown objects; report them on 112.")}
    return texts


def follow_up_content(what, notice, languages, default_lang):
    """A draft's content for an update, a cancellation or an all-clear of `notice`."""
    base = {"kind": notice["kind"], "status": notice["status"], "severity": notice["severity"],
            "urgency": notice["urgency"], "region_wide": bool(notice["region_wide"]),
            "areas": list(notice["areas"]), "expires": None, "refs": references_chain(notice)}
    langs = text_languages(notice, languages, default_lang)
    if what == "update":
        texts = {lang: {f: notice["texts"][lang].get(f, "") for f in ("headline", "description",
                                                                      "instruction")}
                 for lang in langs if lang in notice["texts"]}
        return {**base, "msg_type": "Update", "texts": texts}
    if what == "cancel":
        return {**base, "msg_type": "Cancel", "texts": prepared_texts("cancel", notice, langs)}
    return {**base, "msg_type": "Update", "kind": "all_clear", "severity": "Minor",
            "urgency": "Immediate", "texts": prepared_texts("all_clear", notice, langs)}
