"""Text helpers for scoring: detokenising pre-tokenised corpora such as IndoSum."""

from __future__ import annotations

from collections.abc import Sequence

_NO_SPACE_BEFORE = frozenset([*",.:;?!)]}”’%…", "..."])
_NO_SPACE_AFTER = frozenset("([{“‘")
_JOINERS = frozenset("/")
_STRAIGHT_QUOTES = frozenset("\"'")


def detokenize(tokens: Sequence[str]) -> str:
    """Join word tokens into running text: no space before closing punctuation or after
    opening brackets, straight quotes alternately opening and closing, ``/`` joined."""
    out: list[str] = []
    glue_next = True  # no space before the first token
    open_quote: set[str] = set()
    for raw in tokens:
        token = raw.strip()
        if not token:
            continue
        glue = glue_next or token in _NO_SPACE_BEFORE or token in _JOINERS
        glue = glue or token.startswith("-nya")
        glue_next = token in _NO_SPACE_AFTER or token in _JOINERS
        if token in _STRAIGHT_QUOTES:
            if token in open_quote:  # closing quote: attach to the previous word
                open_quote.discard(token)
                glue, glue_next = True, False
            else:  # opening quote: attach to the next word
                open_quote.add(token)
                glue_next = True
        out.append(token if glue or not out else " " + token)
    return "".join(out)
