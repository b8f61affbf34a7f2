"""What a push says: kind and area as the title, step 1 of the action card as the body, per language."""

import json
import re

from flask_babel import force_locale
from flask_babel import gettext as _

from ..guidance.cards import card_for
from ..notices.kinds import KIND_LABELS, THREAT_KINDS

TOPIC_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
BODY_LIMIT = 300


def topic_for(area):
    """The Topic header for an area: a newer message with it replaces the older one (RFC 8030 5.4)."""
    return TOPIC_UNSAFE.sub("-", f"area-{area or 'region'}")[:32]


def delivery_headers(notice, area, config):
    """TTL, Urgency and Topic for one notice: threats and all-clears high and short-lived."""
    urgent = notice["kind"] in THREAT_KINDS or notice["kind"] == "all_clear"
    ttl = config["PUSH_THREAT_TTL"] if urgent else config["PUSH_NOTICE_TTL"]
    return {"TTL": str(int(ttl)), "Urgency": "high" if urgent else "normal", "Topic": topic_for(area)}


def first_step(kind):
    """Step 1 of the kind's action card (the first "after" step when it has no "do now")."""
    card = card_for(kind)
    steps = card.do_now or card.after or card.no_shelter
    return str(steps[0].text) if steps else ""


def message(notice, area, lang, region):
    """The JSON payload for subscribers of `area` reading `lang` (needs an app context).

    A Cancel keeps the kind of what it withdraws: it says so first and gives no step to take, and
    its tag replaces the withdrawn alert on the lock screen.
    """
    with force_locale(lang):
        place = region.area(area).name(lang) if area and region.area(area) else region.name(lang)
        # I18N: title of a push notification: the kind of alert, then the area, e.g. "Missile danger: Shebekino"
        title = _("%(kind)s: %(place)s", kind=str(KIND_LABELS[notice["kind"]]), place=place)
        body = first_step(notice["kind"])[:BODY_LIMIT]
        if notice.get("msg_type") == "Cancel":
            # I18N: title of a push notification that withdraws an alert, e.g. "Withdrawn: Missile danger: Shebekino"
            title = _("Withdrawn: %(title)s", title=title)
            body = _("The earlier notice is withdrawn. It no longer applies.")
    said = {"title": title, "body": body, "tag": topic_for(area), "kind": notice["kind"], "area": area,
            "id": notice["id"], "url": f"/{lang}/notices/{notice['id']}"}
    if notice.get("msg_type") == "Cancel":
        said["withdrawn"] = True
    return json.dumps(said, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AppPayloads:
    """Cleartext and headers per (notice, area, language), written by the app and built once each."""

    def __init__(self, app):
        self.app, self.cache = app, {}

    def __call__(self, notice, area, lang):
        """(cleartext, headers without Authorization) for one reader."""
        key = (notice["id"], notice.get("msg_type"), area, lang)   # an alert and its withdrawal differ
        if key not in self.cache:
            headers = {**delivery_headers(notice, area, self.app.config),
                       "Content-Encoding": "aes128gcm", "Content-Type": "application/octet-stream"}
            self.cache[key] = (message(notice, area, lang, self.app.extensions["region"]), headers)
        return self.cache[key]
