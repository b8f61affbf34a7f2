"""What other systems read: notices as JSON, Atom and CAP 1.2 (pure builders, no request needed)."""
