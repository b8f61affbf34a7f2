"""CAP references shown as the notices they name: headline, time and a link, not a raw string."""

from ..notices.store import texts_for


def reference_triples(refs):
    """(sender, identifier, sent) for each "sender,identifier,sent" in a CAP references string."""
    triples = []
    for token in (refs or "").split():
        parts = token.split(",")
        triples.append(tuple(parts) if len(parts) == 3 else (None, token, None))
    return triples


def headline_in(texts, lang, original_lang):
    """A notice's headline in `lang`, else in its original language, else any (or '')."""
    for code in (lang, original_lang, *texts):
        if code in texts and texts[code].get("headline"):
            return texts[code]["headline"]
    return ""


def referenced_notices(db, refs, lang):
    """[{identifier, sent, notice: {id, kind, status, sent, headline, source, published} or None}]."""
    shown = []
    for sender, identifier, sent in reference_triples(refs):
        args, where = [identifier], "identifier = ?"
        if sender:
            where += " AND sender = ?"
            args.append(sender)
        row = db.execute(f"SELECT id, kind, status, sent, source, original_lang, publication FROM notices "
                         f"WHERE {where} ORDER BY sent DESC LIMIT 1", args).fetchone()
        notice = None
        if row is not None:
            notice = {**dict(row), "headline": headline_in(texts_for(db, row["id"]), lang,
                                                           row["original_lang"])}
        shown.append({"identifier": identifier, "sent": sent, "notice": notice})
    return shown
