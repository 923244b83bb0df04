"""Typed settings: the shipped files load; a typo, a missing key or a wrong type is refused."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import chronicle.merge
from chronicle.cli import main
from chronicle.errors import SettingsError
from chronicle.models import Granularity
from chronicle.resources import package_file
from chronicle.settings import load_merge, merge_settings, with_overrides

SHIPPED = package_file("data", "merge-weights.toml")


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the shipped merge-weights.toml with ``old`` replaced by ``new`` once."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "merge-weights.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_shipped_merge_settings_load() -> None:
    """Every value of the shipped file is read, with its type."""
    settings = merge_settings()
    assert settings.cluster.candidate_words == 10
    assert settings.focus.day == 2.0
    assert settings.importance.factor(Granularity.DAY) == 1.0
    assert all(settings.importance.factor(g) > 0 for g in Granularity)


def test_a_typo_is_refused_with_file_and_key(tmp_path: Path) -> None:
    """A misspelt key would silently switch a rule off: it stops the load instead."""
    path = _copy(tmp_path, "conflict_words = ", "conflict_wrods = ")
    with pytest.raises(SettingsError) as caught:
        load_merge(path)
    message = str(caught.value)
    assert str(path) in message and "cluster.conflict_wrods" in message
    assert "\n" not in message


def test_a_missing_key_is_refused(tmp_path: Path) -> None:
    """A key left out of the file is named."""
    path = _copy(tmp_path, "story = 4.0\n", "")
    with pytest.raises(SettingsError, match=r"missing key 'focus\.story'"):
        load_merge(path)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("conflict_days = 2", 'conflict_days = "2"', "cluster.conflict_days"),
        ("conflict_days = 2", "conflict_days = 2.5", "cluster.conflict_days"),
        ("same_day = 0.05", "same_day = true", "cluster.same_day"),
        ('scope = "sentence"', 'scope = "sentense"', "query.scope"),
    ],
)
def test_a_wrong_type_is_refused(tmp_path: Path, old: str, new: str, key: str) -> None:
    """A value of the wrong type (or an unknown choice) is named with its key."""
    with pytest.raises(SettingsError, match=key.replace(".", r"\.")):
        load_merge(_copy(tmp_path, old, new))


def test_bad_toml_is_refused(tmp_path: Path) -> None:
    """A file that is no TOML is named."""
    path = _copy(tmp_path, "[focus]", "[focus")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_merge(path)


def test_overrides_are_checked() -> None:
    """Benchmarks replace values by dotted key; a wrong key is refused as in a file."""
    changed = with_overrides(merge_settings(), {"focus.day": 1, "summary.max_words": 35})
    assert changed.focus.day == 1.0 and changed.summary.max_words == 35
    assert merge_settings().focus.day == 2.0  # the shipped settings are left alone
    with pytest.raises(SettingsError, match=r"focus\.dya"):
        with_overrides(merge_settings(), {"focus.dya": 1.0})


def test_cli_names_file_and_key_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the CLI a bad settings file is one line on stderr, no traceback, exit 1."""
    bad = _copy(tmp_path, "same_day = ", "same_dya = ")
    monkeypatch.setattr(chronicle.merge, "_settings", lambda: load_merge(bad))
    article = tmp_path / "a.txt"
    article.write_text(
        "Arrest in Paris\n\nPolice arrested a man in Paris on Monday, officials said.\n"
        "The man was released on Tuesday after questioning.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(
        sys, "argv", ["chronicle", "build", str(article), "--published", "2015-11-18", "-f", "json"]
    )
    with pytest.raises(SystemExit) as caught:
        main()
    assert caught.value.code != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "merge-weights.toml" in err and "cluster.same_dya" in err
