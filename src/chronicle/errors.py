"""Errors chronicle raises on purpose, each with a message meant for the user.

Hierarchy::

    ChronicleError
    ├── InputError (also ValueError)   an input file or field is missing or malformed
    ├── RuleError                      a rule file is invalid
    ├── SettingsError                  a settings or word-list file is invalid
    ├── OutputError (also OSError)     the output cannot be written
    └── UsageError (also ValueError)   the command asks for something unsafe (-o onto an input)

    ChronicleWarning (a UserWarning)   work left undone on purpose (a bound was reached)

Messages say what went wrong, where, and how to fix it, on one line.
"""

from __future__ import annotations


class ChronicleError(Exception):
    """Base of every error chronicle raises on purpose."""


class InputError(ChronicleError, ValueError):
    """An input file or one of its fields is missing or malformed."""


class RuleError(ChronicleError):
    """A rule file is invalid."""


class SettingsError(ChronicleError):
    """A settings or word-list file (``data/...``) has an unknown or missing key or a wrong type."""


class OutputError(ChronicleError, OSError):
    """The output cannot be written."""


class UsageError(ChronicleError, ValueError):
    """The command line asks for something chronicle refuses (the command exits with 2)."""


class ChronicleWarning(UserWarning):
    """Work left undone on purpose, such as events beyond a bound; shown as one line."""
