"""CAP for notices we relay: the originator's own message, untouched, or a message of our own.

A relayed notice that still says what its source said, and came as valid CAP 1.2, is served exactly as the
originator wrote it: every element (resources, parameters, polygons, geocodes, event codes, onset,
contact, note, web, sender name...) is theirs. Anything else we relay (a CAP message a person
corrected, older CAP versions, channel posts and feed items) is issued under our own sender and
identifier, with <references> to the original CAP message where there is one, so nobody can mistake
our content for the originator's.
"""

import re
from functools import lru_cache
from importlib import resources

import xmlschema
from defusedxml.ElementTree import fromstring

from .cap_out import cap_time, token

CAP12 = "urn:oasis:names:tc:emergency:cap:1.2"
SIGNATURE = "http://www.w3.org/2000/09/xmldsig#"
DECLARED_ENCODING = re.compile(r"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _namespace(tag):
    """An element's namespace URI ('' when it has none)."""
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


@lru_cache(maxsize=1)
def cap_schema():
    """The OASIS CAP 1.2 schema (CAP-v1.2.xsd beside this module, byte for byte OASIS's), read once."""
    return xmlschema.XMLSchema10(str(resources.files(__package__).joinpath("CAP-v1.2.xsd")))


def original_cap(notice):
    """The originator's valid CAP 1.2 bytes for an imported notice nobody corrected, else None."""
    if (notice.get("origin") != "import" or notice.get("classified_by") not in ("cap", "cap-text")
            or notice.get("corrected") or not notice.get("raw")):
        return None
    declared = DECLARED_ENCODING.match(notice["raw"])
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        return None          # stored as text: the bytes would no longer match their declaration
    data = notice["raw"].encode("utf-8")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except Exception:        # noqa: BLE001 - anything unreadable is re-issued instead
        return None
    if root.tag != f"{{{CAP12}}}alert":
        return None
    # Only CAP and its signature: nothing of another vocabulary is served from our address.
    if any(_namespace(element.tag) not in (CAP12, SIGNATURE) for element in root.iter()):
        return None
    # What we serve as CAP 1.2 is valid CAP 1.2: an originator's invalid message is re-issued.
    return data if cap_schema().is_valid(root) else None


def reissued(notice, our_sender):
    """A relayed notice as a message of our own: our sender and identifier, the original referenced."""
    references = [notice["refs"]] if notice.get("refs") else []
    if notice.get("classified_by") in ("cap", "cap-text"):
        references.append(",".join((token(notice["sender"]), token(notice["identifier"]),
                                    cap_time(notice["sent"]))))
    note = f"Relayed from {notice['source']} ({notice['sender']}, {notice['identifier']})"
    if notice.get("corrected"):
        note += "; kind or areas corrected by an operator"
    return {**notice, "sender": our_sender, "identifier": f"{our_sender}-relay-{notice['id']}",
            "sent": notice["received_at"], "refs": " ".join(references) or None, "relay_note": note}
