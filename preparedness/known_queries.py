"""Public pages answer only to the query parameters they read.

nginx keys its cache on the whole URL (deploy/nginx.conf). A link shared in a messenger or a social
network comes back with its own tracking parameter on every click (?fbclid=…, ?utm_source=…), and a
hostile client can add any: each would render the page again and keep another copy, so during the
spike after an alert the cache would stop protecting the origin. A GET for such a URL is redirected
(301, cacheable) to the same path with only the parameters the page reads, each once, in their order:
a redirect costs the origin no database work, and the page behind it is one cache entry.
"""

from urllib.parse import urlencode

from flask import current_app, redirect, request

# What each page reads. `live`: static/js/live.js asks for a fresh copy of the Now page it shows.
READS = {
    "pages.now": ("area", "live"),
    "notices.index": ("area", "kind"),
    "shelters.index": ("area", "q", "open", "accessible"),
    "notice_api.notices_json": ("area", "kind", "active"),
}
# Pages that read only the chosen area, for their tab bar (templates/base.html); an area the region
# does not have is not carried, so it is not kept either.
TAB_BAR_ONLY = (
    "notices.detail", "shelters.detail", "shelter_report.report", "guidance.index", "guidance.checklist",
    "guidance.checklist_print", "guidance.kit", "guidance.kit_print", "guidance.kit_sheet",
    "guidance.sources", "pwa.offline",
)
# Documents that read no query at all.
READS_NOTHING = ("pwa.manifest", "notice_api.atom_feed", "notice_api.areas_json", "notice_api.cap")
ENDPOINTS = {**READS, **dict.fromkeys(TAB_BAR_ONLY, ("area",)), **dict.fromkeys(READS_NOTHING, ())}
# A cached redirect: the same for every reader, and it never changes.
REDIRECT_CACHE = "public, max-age=86400"


def canonical_pairs(args, names, known_area=lambda slug: True):
    """The parameters among `names`, the first value of each, in the order they came."""
    kept, seen = [], set()
    for name, value in args.items(multi=True):
        if name in names and name not in seen and (name != "area" or known_area(value)):
            kept.append((name, value))
            seen.add(name)
    return kept


def redirect_unknown_parameters():
    """before_request: a GET naming a parameter the page does not read goes to the URL without it."""
    if request.method not in ("GET", "HEAD") or not request.args or request.endpoint not in ENDPOINTS:
        return None
    given = list(request.args.items(multi=True))
    if request.endpoint in TAB_BAR_ONLY:
        region = current_app.extensions["region"]
        kept = canonical_pairs(request.args, ("area",), lambda slug: region.area(slug) is not None)
    else:
        kept = canonical_pairs(request.args, ENDPOINTS[request.endpoint])
    if kept == given:
        return None
    response = redirect(request.path + ("?" + urlencode(kept) if kept else ""), code=301)
    response.headers["Cache-Control"] = REDIRECT_CACHE
    return response


def init_app(app):
    """Check every request before its view runs."""
    app.before_request(redirect_unknown_parameters)
