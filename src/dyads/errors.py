"""One base error for everything dyads raises on purpose.

Every error names the input it concerns and the reason, so a batch can report it and go on.
"""


class DyadsError(Exception):
    """Base class of the errors dyads raises."""


class InputError(DyadsError):
    """An input that cannot become an article: names the input and the reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(DyadsError):
    """The database cannot be opened or written."""


class UsageError(DyadsError, ValueError):
    """A wrong argument (an option or filter value): names the option and the reason. The CLI exits 2."""

    def __init__(self, option: str, reason: str):
        super().__init__(f"{option}: {reason}")
        self.option = option
        self.reason = reason
