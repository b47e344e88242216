"""The package's exceptions. The CLI maps them to exit codes, the UI to ``gr.Error``.

Every message says what failed and what to do about it.
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(SummarizerError, ValueError):
    """The input cannot be processed as given (empty, binary, too large...)."""


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary data, not text or HTML."""


class EncodingError(InputError):
    """The input's bytes could not be decoded as text in any likely encoding."""


class InputTooLargeError(InputError):
    """The input is over the size limit."""


class NoArticleError(InputError):
    """The input holds no article body (an index page, a menu, a login wall...)."""


class FetchError(SummarizerError):
    """A URL could not be fetched, or fetching it was refused (scheme, address, size)."""


class OutputError(SummarizerError):
    """An output folder or file cannot be created or written (read-only, disk full...)."""


class ModelError(SummarizerError):
    """A model is unknown, not available, or could not be loaded."""


class UnsupportedModelError(ModelError):
    """A backend cannot run this model faithfully (``backend="auto"`` then uses another)."""


class ModelNotAvailableError(ModelError):
    """A model is neither cached locally nor reachable for download."""


class UnknownOptionError(SummarizerError, ValueError):
    """An option has a value that is not one of the valid choices."""
