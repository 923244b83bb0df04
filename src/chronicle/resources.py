"""Where chronicle's shipped files (templates, rules, schema) live."""

from __future__ import annotations

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
