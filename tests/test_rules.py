"""Every example in the rule file tags as a whole by its rule and resolves to its stated value."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path

import pytest

from chronicle.errors import RuleError
from chronicle.models import Style
from chronicle.resolve import find_timexes
from chronicle.tagging import Example, Rule, compile_rules, load_rules, tag

RULES = load_rules("en")
CASES = [(rule, example) for rule in RULES.rules for example in rule.examples]


def _published(day: str) -> datetime:
    """Noon UTC on ``day`` (YYYY-MM-DD)."""
    from datetime import UTC, date

    return datetime.combine(date.fromisoformat(day), time(12), tzinfo=UTC)


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.name}:{e.text}" for r, e in CASES])
def test_rule_example(rule: Rule, example: Example) -> None:
    """The example is found whole, by this rule, with the stated value."""
    sentence = example.sentence or example.text
    offset = sentence.find(example.text)
    assert offset >= 0, "the example sentence must contain the example text"
    style = Style(rule.styles[0]) if rule.styles else Style.NEWS
    timexes = find_timexes(sentence, _published(example.published), style=style)
    found = [t for t in timexes if t.start == offset and t.end == offset + len(example.text)]
    assert found, f"not tagged whole: got {[(t.text, t.mention.rule) for t in timexes]}"
    assert found[0].mention.rule == rule.name
    assert found[0].when.value == example.value


def test_every_rule_has_examples() -> None:
    """No rule goes untested."""
    assert all(rule.examples for rule in RULES.rules)


def test_load_rules_is_cached() -> None:
    """The second load is the same object."""
    assert load_rules("en") is RULES


def test_unknown_language() -> None:
    """A language without a rule file is a RuleError naming the file."""
    with pytest.raises(RuleError, match=r"xx\.toml"):
        load_rules("xx")


def _data() -> dict[str, object]:
    return tomllib.loads(RULES.path.read_text(encoding="utf-8"))


def test_invalid_regex_names_rule() -> None:
    """A broken pattern names the file and the rule."""
    data = _data()
    rules = list(data["rule"])  # type: ignore[call-overload]
    rules[0] = {**rules[0], "match": "(unclosed"}
    data["rule"] = rules
    with pytest.raises(RuleError, match=rf"{rules[0]['name']}.*invalid regular expression"):
        compile_rules(data, Path("en.toml"), "en")


def test_unknown_kind_and_list() -> None:
    """Unknown kinds and word lists are reported with the rule name."""
    data = _data()
    rules = list(data["rule"])  # type: ignore[call-overload]
    rules[0] = {**rules[0], "kind": "nonsense"}
    with pytest.raises(RuleError, match="kind 'nonsense' unknown"):
        compile_rules({**data, "rule": rules}, Path("en.toml"), "en")
    rules[0] = {**rules[0], "kind": "date", "match": "{nosuchlist}"}
    with pytest.raises(RuleError, match="unknown word list or pattern"):
        compile_rules({**data, "rule": rules}, Path("en.toml"), "en")


def test_no_language_words_in_engine() -> None:
    """The engine modules hold no month or weekday names: those live in the rule file."""
    source = Path(__file__).resolve().parents[1] / "src" / "chronicle"
    files = [*sorted((source / "tagging").glob("*.py")), *sorted((source / "resolve").glob("*.py"))]
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        for word in ("january", "friday", "yesterday", "'ago'", '"ago"', "'tomorrow'"):
            assert word not in text, f"{path.name} mentions {word}"


def test_rule_styles_are_validated() -> None:
    """A rule may be limited to news or narratives; any other style is a RuleError."""
    data = _data()
    rules = list(data["rule"])  # type: ignore[call-overload]
    rules[0] = {**rules[0], "styles": ["poetry"]}
    with pytest.raises(RuleError, match="styles must be a list"):
        compile_rules({**data, "rule": rules}, Path("en.toml"), "en")
    assert {r.name for r in RULES.rules if r.styles} >= {"former"}


VETOES = sorted(
    {
        (veto.name, text, sentence)
        for vetoes in RULES.vetoes.values()
        for veto in vetoes
        for text, sentence in veto.examples
    }
)


@pytest.mark.parametrize(
    ("name", "text", "sentence"), VETOES, ids=[f"{n}:{t}" for n, t, _ in VETOES]
)
def test_veto_example(name: str, text: str, sentence: str) -> None:
    """Without its veto a rule the veto names tags the example text; with it nothing does."""
    offset = sentence.find(text)
    assert offset >= 0, "the example sentence must contain the example text"
    end = offset + len(text)
    (veto,) = {v for vetoes in RULES.vetoes.values() for v in vetoes if v.name == name}
    unvetoed = tag(sentence, replace(RULES, vetoes={}))
    assert [m for m in unvetoed if m.start < end and m.end > offset and m.rule in veto.rules]
    timexes = find_timexes(sentence, _published("2023-11-08"))
    assert not [t.text for t in timexes if t.start < end and t.end > offset]


def test_veto_names_known_rules() -> None:
    """A veto naming a rule that does not exist is a RuleError."""
    data = _data()
    data["veto"] = [
        {"name": "x", "rules": ["no_such_rule"], "after": "x", "examples": [["a", "a"]]}
    ]
    with pytest.raises(RuleError, match="veto 'x': unknown rule 'no_such_rule'"):
        compile_rules(data, Path("en.toml"), "en")
    data["veto"] = [{"name": "x", "rules": ["year"], "examples": [["a", "a"]]}]
    with pytest.raises(RuleError, match="give match, line, before, after, near or paragraph"):
        compile_rules(data, Path("en.toml"), "en")


def test_every_rule_kind_has_its_resolver() -> None:
    """The kinds a rule may name (tagging) and the resolvers (resolve) are the same set."""
    from chronicle.resolve.kinds import RESOLVERS
    from chronicle.tagging import KINDS

    assert set(RESOLVERS) == set(KINDS)
