"""Text typed by operators, made safe for every output (pages, Atom, CAP, JSON)."""

import re

# C0 controls but tab and line feed, and U+FFFE/U+FFFF: all make XML 1.0 ill-formed (Atom, CAP).
# \x0b is what Word's Shift+Enter pastes.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def without_control_characters(value):
    """`value` with Windows line ends made \\n and XML-illegal control characters removed (\\t, \\n kept)."""
    return CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
