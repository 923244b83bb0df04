"""Typed settings of ingest: data/ingest.toml, data/timezones.toml and data/languages.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronicle.errors import SettingsError
from chronicle.ingest.config import IngestSettings, TimeZones, settings, time_zones
from chronicle.resources import package_file
from chronicle.settings import load


def _copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of the shipped ``data/<name>`` with ``old`` replaced by ``new`` once."""
    text = package_file("data", name).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_shipped_files_load_with_their_types() -> None:
    """Every table is read into its dataclass; numbers stay numbers, lists keep their order."""
    ingest = settings()
    assert ingest.headers.max_header_lines == 12
    assert ingest.months.words[0] == "jan" and len(ingest.months.words) == 12
    assert ingest.json.by_role()["text"][0] == "text"
    assert ingest.published.weights["visible"] == 3.0
    assert time_zones().abbreviations["GMT"] == "UTC"


def test_a_typo_in_ingest_settings_names_file_and_key(tmp_path: Path) -> None:
    """A misspelt key would silently drop a setting: the load stops, in one line."""
    path = _copy(tmp_path, "ingest.toml", "kicker_words = ", "kicker_word = ")
    with pytest.raises(SettingsError) as caught:
        load(IngestSettings, path)
    message = str(caught.value)
    assert str(path) in message and "'headers.kicker_word'" in message
    assert "\n" not in message


def test_a_wrong_type_in_time_zones_is_refused(tmp_path: Path) -> None:
    """A zone that is not a string is named with its key."""
    path = _copy(tmp_path, "timezones.toml", 'GMT = "UTC"', "GMT = 0")
    with pytest.raises(SettingsError, match=r"key 'abbreviations\.GMT' must be"):
        load(TimeZones, path)


def test_a_renamed_table_is_refused(tmp_path: Path) -> None:
    """A table under another name (the month words of datelines) is refused by that name."""
    path = _copy(tmp_path, "ingest.toml", "[months]\n", "[month]\n")
    with pytest.raises(SettingsError, match=r"unknown key 'month'"):
        load(IngestSettings, path)


def test_a_typo_in_language_codes_is_refused(tmp_path: Path) -> None:
    """data/languages.toml is typed too: a misspelt table is named."""
    from chronicle.language import LanguageCodes

    path = _copy(tmp_path, "languages.toml", "[same_as]", "[same_ass]")
    with pytest.raises(SettingsError, match=r"unknown key 'same_ass'"):
        load(LanguageCodes, path)
