"""Where chronicle's shipped files (templates, rules, schema) live."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def template_dir() -> Path:
    """The bundled Jinja2 templates, in a wheel install or a source checkout."""
    installed = _PACKAGE / "templates"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / "templates"


def package_file(*parts: str) -> Path:
    """A data file shipped inside the package (``rules/en.toml``, ``schema/...``)."""
    return _PACKAGE.joinpath(*parts)


def rules_language(language: str | None) -> str:
    """The rule set to read a text in ``language`` with: that language when rules ship for
    it, else English.

    Numeric dates (2015-11-13, 13/11/2015) read the same in most languages, so English rules
    still find something in a language chronicle has no rules for.
    """
    lang = (language or "en").split("-")[0].split("_")[0].lower()
    return lang if _has_rules(lang) else "en"


@cache
def _has_rules(lang: str) -> bool:
    """True when a rule file ships for ``lang`` (looked up once per language)."""
    return lang.isascii() and lang.isalpha() and package_file("rules", f"{lang}.toml").is_file()
