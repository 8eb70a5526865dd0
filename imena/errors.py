"""Errors that reach a person: one line saying what is wrong and where."""

from __future__ import annotations


class ImenaError(Exception):
    """A failure caused by the user's input; the CLI prints it as one line and exits 2."""

    def __init__(self, message: str, *, path: str | None = None, where: str | None = None):
        self.path = path
        self.where = where
        self.detail = message
        super().__init__(self.format())

    def format(self) -> str:
        place = ""
        if self.path:
            place = self.path
            if self.where:
                place += f" {self.where}"
            place += ": "
        return f"{place}{self.detail}"


class InputError(ImenaError):
    """A file that cannot be read as what it claims to be."""
