"""parse -> classify -> validate -> sanitise -> store: one transaction per file, idempotent."""

from dataclasses import dataclass, field
from datetime import timedelta, timezone

from ...db import transaction
from ..kinds import THREAT_KINDS
from ..reasons import REVIEW_ASKED, UNSURE
from ..store import (active_notices_for, end_cleared_threats, end_if_superseded, followup_references,
                     iso, referenced_identifiers, referenced_notice, stored_notice)
from ..versions import store_version
from .build import from_cap, from_feed, from_telegram
from .cap import parse_cap
from .decide import publish_decision
from .errors import ParseError
from .feeds import feed_kind, parse_feed
from .telegram import parse_telegram_export
from .validate import rejection, sanitised

FORMATS = ("auto", "cap", "rss", "atom", "telegram")


@dataclass
class ImportOptions:
    """How to read and publish one file."""

    region: object
    now: object
    default_expiry: dict
    fmt: str = "auto"
    source: str | None = None
    review: bool = False
    trusted: bool = True
    post_url: str | None = None
    allow_chat: bool = False       # a Telegram chat (not a channel) the operator named with --source
    review_below: float = 0.5
    local_tz: object = timezone.utc


@dataclass
class ImportResult:
    """What one file did to the store."""

    counts: dict = field(default_factory=lambda: dict.fromkeys(
        ("imported", "updated", "unchanged", "rejected"), 0))
    rejected: list = field(default_factory=list)     # (item reference, reason)
    to_review: int = 0

    def summary(self):
        """The one-line count the CLI prints."""
        c = self.counts
        return (f"imported {c['imported']}, updated {c['updated']}, unchanged {c['unchanged']}, "
                f"rejected {c['rejected']}")


def detect_format(data):
    """'cap', 'rss', 'atom' or 'telegram' from a file's first bytes (XML root or JSON)."""
    head = bytes(data[:64]).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "telegram"
    if head[:1] != b"<":
        raise ParseError("neither XML nor JSON: cannot tell the format (use --format)")
    try:
        return feed_kind(data)
    except ParseError as exc:
        if "not an RSS or Atom feed" not in str(exc):
            raise
    return "cap"


def candidates(data, options):
    """Parse bytes in the chosen format into candidate notices; ParseError if unreadable."""
    fmt = detect_format(data) if options.fmt == "auto" else options.fmt
    region = options.region
    if fmt == "cap":
        return [from_cap(parse_cap(data, options.local_tz), region, options.source)]
    if fmt in ("rss", "atom"):
        return from_feed(parse_feed(data), region, options.source)
    if fmt == "telegram":
        return from_telegram(parse_telegram_export(data, options.allow_chat), region, options.source,
                             options.post_url)
    raise ParseError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def latest_versions(found):
    """One candidate per identifier (the most recently changed), oldest sent first."""
    newest = {}
    for notice in found:
        key = notice["identifier"]
        if key not in newest or _stamp(notice["source_updated"]) > _stamp(newest[key]["source_updated"]):
            newest[key] = notice
    return sorted(newest.values(), key=lambda n: _stamp(n["sent"]))


def _stamp(value):
    """A sortable form of an optional datetime."""
    return iso(value) if value is not None else ""


def import_bytes(db, data, options):
    """Read one file and store its notices in one transaction; ParseError writes nothing."""
    found = latest_versions(candidates(data, options))
    result = ImportResult()
    with transaction(db):
        # Read once: checking every new alert against every stored follow-up made big files quadratic.
        referenced = followup_references(db)
        for candidate in found:
            outcome, reason = store_one(db, candidate, options, result, referenced)
            result.counts[outcome] += 1
            if reason:
                result.rejected.append((candidate["ref"], reason))
    return result


def store_one(db, candidate, options, result, referenced):
    """Complete, check and save one candidate; returns (outcome, rejection reason or None).

    `referenced`: (source, identifier) pairs that stored Updates and Cancels name (kept current here).
    """
    if candidate["kind"] is None:
        inherit_from_referenced(db, candidate)
    notice = sanitised(candidate)
    reason = rejection(notice, options.region, options.now)
    if reason:
        return "rejected", reason
    existing = stored_notice(db, notice["source"], notice["identifier"])
    if existing is not None and existing["origin"] != "import":
        return "rejected", "its source and identifier belong to a notice entered by an operator"
    if existing is not None and _older(notice, existing):
        return "unchanged", None
    record = finished(notice, options, lambda: active_threats(db, options.now))
    notice_id, outcome, publication = store_version(db, record, existing)
    if outcome == "unchanged":
        return outcome, None
    if publication == "review":
        result.to_review += 1
    if publication != "published":
        return outcome, None
    if record["msg_type"] != "Alert":
        referenced.update((record["source"], i) for i in referenced_identifiers(record["refs"]))
    elif (record["source"], record["identifier"]) in referenced:
        end_if_superseded(db, notice_id, record["identifier"], record["sent"], record["source"],
                          options.now)
    if record["kind"] == "all_clear":
        end_cleared_threats(db, record)
    return outcome, None


def active_threats(db, now):
    """Published threat notices in force anywhere in the region now (what an all-clear could end)."""
    return [n for n in active_notices_for(db, None, now) if n["kind"] in THREAT_KINDS]


def first_reason(checks):
    """The reason of the first check that holds, or None."""
    return next((reason for failed, reason in checks if failed), None)


def inherit_from_referenced(db, candidate):
    """An Update or Cancel without <info> speaks about what it references: take its kind and areas."""
    earlier = referenced_notice(db, candidate["refs"], candidate["source"])
    candidate["kind"] = earlier["kind"] if earlier else "other"
    if earlier and not candidate["areas"] and not candidate["region_wide"]:
        candidate.update(areas=earlier["areas"], region_wide=bool(earlier["region_wide"]))
    # A Cancel keeps no text: repeating the threat's words would read as the threat itself.
    if earlier and not candidate["texts"] and candidate["msg_type"] == "Update":
        candidate.update(texts=earlier["texts"], original_lang=earlier["original_lang"])


def _older(notice, existing):
    """Whether the stored version was changed at the source after this one (an older export)."""
    return (existing["source_updated"] is not None and notice["source_updated"] is not None
            and iso(notice["source_updated"]) < existing["source_updated"])


def finished(notice, options, threats):
    """The store record: ISO times, default expiry, and this version's publication decision.

    `threats`: a callable giving the active threat notices (read only when an all-clear needs them).
    Every version is decided afresh: an edit of an approved notice is not approved by inheritance.
    """
    effective = notice["effective"]
    expires = notice["expires"] or effective + timedelta(
        minutes=options.default_expiry.get(notice["kind"], 24 * 60))
    held = publish_decision(notice, options.trusted, threats, options.region.areas_by_slug)[1]
    review_reason = first_reason((
        (options.review, REVIEW_ASKED), (held is not None, held),
        ((notice["confidence"] or 0) < options.review_below, UNSURE)))
    publication = "review" if review_reason else "published"
    return {**notice, "sent": iso(notice["sent"]), "effective": iso(effective), "expires": iso(expires),
            "source_updated": iso(notice["source_updated"]) if notice["source_updated"] else None,
            "region_wide": int(bool(notice["region_wide"])), "publication": publication,
            "review_reason": review_reason, "origin": "import", "is_sample": 0,
            "received_at": iso(options.now)}
