"""Roles and what each may do: editors prepare, approvers publish, admins also read the audit log."""

from flask_babel import lazy_gettext as _l

ROLES = ("editor", "approver", "admin")

ROLE_LABELS = {
    # I18N: admin role: prepares notices and keeps shelter data current
    "editor": _l("Editor"),
    # I18N: admin role: the second person who approves real alerts before they go out
    "approver": _l("Approver"),
    # I18N: admin role: everything, including the audit log
    "admin": _l("Administrator"),
}

PERMISSIONS = {
    "compose": {"editor", "approver", "admin"},
    "shelters": {"editor", "approver", "admin"},
    "approve": {"approver", "admin"},
    "review": {"approver", "admin"},
    "audit": {"admin"},
}


def allowed(role, permission):
    """Whether a role carries a permission."""
    return role in PERMISSIONS[permission]
