"""The one error a parser raises: the input cannot be read at all."""


class ParseError(ValueError):
    """The input is not a readable file of the expected format; the message says why in one line."""

    def __init__(self, reason):
        """Keep the reason to one short line."""
        super().__init__(" ".join(str(reason).split())[:300])
