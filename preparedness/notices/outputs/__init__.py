"""What other systems read: notices as JSON, Atom and CAP 1.2 (pure builders, no request needed)."""

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 does not allow at all (C0 controls but tab, newline and carriage return;
# lone surrogates; U+FFFE and U+FFFF). Word's Shift+Enter (\x0b) typed into the form is one.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text):
    """`text` without the characters XML 1.0 forbids (a vertical tab or form feed becomes a newline)."""
    if text is None:
        return None
    return NOT_XML.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", str(text))


def xml_bytes(root):
    """The tree as UTF-8 XML, every text and attribute first cleaned: the writer cannot emit
    ill-formed XML whatever an operator typed or a source sent."""
    for element in root.iter():
        element.text, element.tail = xml_safe(element.text), xml_safe(element.tail)
        for name, value in element.attrib.items():
            element.attrib[name] = xml_safe(value)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
