"""chronicle: timelines and event chronologies from news articles."""

from __future__ import annotations

__version__ = "0.1.0"  # the package version (pyproject.toml reads it from here)

__all__ = ["__version__"]
