"""Why an imported notice waits for a person: short sentences stored with it and shown, translated,
in the review queue. N_ marks them for the catalog; the admin pages translate them when shown."""


def N_(text):
    """Mark a string for the catalog; it is translated where it is shown."""
    return text


REVIEW_ASKED = N_("imported for review: a person decides")
NOT_TRUSTED = N_("the source is not marked trusted")
NOT_ACTUAL = N_("a draft or system message, not a public alert")
UNSURE = N_("the kind or the areas are not certain")
CHANGED_AFTER_PUBLISHED = N_("changed at the source after it was published")
CHANGED_AFTER_REJECTED = N_("changed at the source after a person rejected it")
# I18N: why a published notice waits in the review queue: its channel post was deleted
DELETED_AFTER_PUBLISHED = N_("the post was deleted at the source: approve to withdraw the notice "
                             "(its subscribers are told), reject to keep it in force")
# I18N: why an import waits for review, when its channel post was deleted meanwhile
DELETED_BEFORE_REVIEW = N_("the post was deleted at the source before anyone reviewed it")
