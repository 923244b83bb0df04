"""The tagger: spans, rule names, normalisation and the dev corpora round trip."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle import tagio
from chronicle.tagging import load_rules, normalise, tag
from chronicle.tagging.firsts import first_chars, prefixes

RULES = load_rules("en")
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = SHARED / "corpora" / "timex"
SCORER = SHARED / "tools" / "score_timex.py"


def test_tag_finds_spans_with_rule_and_fields() -> None:
    """A mention carries its exact span, the rule that found it and its fields."""
    text = "Markets fell on Friday and again last week."
    mentions = tag(text, RULES)
    assert [(m.text, m.rule) for m in mentions] == [
        ("Friday", "weekday"),
        ("last week", "unit_rel"),
    ]
    assert mentions[1].fields == {"rel": "last", "unit": "week"}
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_normalise_keeps_length() -> None:
    """Curly quotes, dashes and odd spaces are made plain without moving offsets."""
    text = "Friday\u2019s \u2013 Ünïcode\u00a0İ"
    assert len(normalise(text)) == len(text)
    assert normalise("Friday\u2019s") == "friday's"


def test_fields_come_from_the_original_text() -> None:
    """Fields keep the case of the text, the match runs on the lower-cased copy."""
    (mention,) = tag("They meet in NOVEMBER 2016.", RULES)
    assert mention.fields["month"] == "NOVEMBER"


def test_capitalised_months_only() -> None:
    """'may' and 'march' are months only when written like names in context."""
    assert tag("We may march.", RULES) == []
    assert [m.text for m in tag("It opened in May.", RULES)] == ["May"]


def test_empty_and_odd_text() -> None:
    """Empty, whitespace-only and symbol-only texts give nothing."""
    for text in ("", "   ", "\n\n", "$$$ 100% ---", "\u2019\u2019"):
        assert tag(text, RULES) == []


def _round_trip(name: str, limit: int | None, tmp_path: Path) -> dict[str, object]:
    """Tag a dev corpus (or its first documents) and score it; return the scorer's JSON."""
    gold = CORPORA / f"{name}.jsonl"
    lines = gold.read_text(encoding="utf-8").splitlines()[:limit]
    subset = tmp_path / f"{name}.gold.jsonl"
    subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
    documents = tagio.read_tempeval(str(subset))
    prediction = tmp_path / f"{name}.pred.jsonl"
    prediction.write_text(
        "".join(tagio.to_jsonl(tagio.tag_document(d)) + "\n" for d in documents), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, str(SCORER), str(subset), str(prediction), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    # every predicted span cuts the text exactly (no offset errors)
    for line, doc in zip(lines, prediction.read_text(encoding="utf-8").splitlines(), strict=True):
        text = json.loads(line)["text"]
        for timex in json.loads(doc)["timexes"]:
            assert text[timex["start"] : timex["end"]] == timex["text"]
    return result


needs_corpora = pytest.mark.skipif(not SCORER.is_file(), reason="../shared corpora not present")


@needs_corpora
@pytest.mark.parametrize("name", ["tbaq-train", "wikiwars-train", "tweets-train"])
def test_dev_corpus_subset_round_trip(name: str, tmp_path: Path) -> None:
    """The first documents of each dev corpus score without offset errors and sensibly."""
    scores = _round_trip(name, 3 if name == "wikiwars-train" else 40, tmp_path)
    relaxed = scores["relaxed"]
    assert isinstance(relaxed, dict)
    assert relaxed["F1"] > 70


@needs_corpora
@pytest.mark.parametrize("name", ["tbaq-train", "wikiwars-train", "tweets-train"])
def test_dev_corpus_whole_round_trip(name: str, tmp_path: Path) -> None:
    """Whole dev corpora: no exception, no offset error, the bar's relaxed F1 on news."""
    scores = _round_trip(name, None, tmp_path)
    relaxed = scores["relaxed"]
    assert isinstance(relaxed, dict)
    assert relaxed["F1"] > (91 if name == "tbaq-train" else 80)


def test_first_chars_reads_the_start_of_a_pattern() -> None:
    """Assertions and optional words are looked through; classes keep their Unicode meaning."""
    firsts = first_chars(r"(?<![\w#])(?:the\s+)?(?P<month>jan|feb)\b")
    assert firsts.chars == frozenset("tjf")
    assert not firsts.anything
    assert firsts.admits("j") and not firsts.admits("x")
    digits = first_chars(r"(?:early\s+)?\d{4}")
    assert digits.admits("7") and digits.admits("\u0663") and digits.admits("e")
    assert not digits.admits("x")


@pytest.mark.parametrize("source", [r"a?", r"(?i:a)b", r"[^a]b", r"(?P<x>a)?(?P=x)b", r"(?:x|)y?"])
def test_first_chars_admits_anything_when_unsure(source: str) -> None:
    """An empty match, inline flags, negated classes or back-references admit any character."""
    assert first_chars(source).anything


def test_scanner_picks_the_first_rule_that_matches() -> None:
    """At every position the scanner agrees with trying each rule in priority order."""
    text = normalise(
        "On Friday, 3 May 2009, at 10:30 p.m., the 1990s ended; last week's talks "
        "lasted two hours every Monday in the spring of '98, now and then. The third "
        "quarter of the year, the past three weeks, the same day, that morning."
    )
    patterns = [re.compile(rule.match) for rule in RULES.rules]
    # several rounds: a key gets its own bucket only after it has come a few times
    for _ in range(5):
        for start in range(len(text) + 1):
            expected = next(
                (
                    (index, match.span())
                    for index, pattern in enumerate(patterns)
                    if (match := pattern.match(text, start)) is not None
                ),
                None,
            )
            found = RULES.scanner.match(text, start)
            assert (found and (found[0], found[1].span())) == expected, start


def test_context_patterns_found_from_their_first_characters() -> None:
    """A context pattern searched from its possible first characters finds what finditer finds."""
    text = normalise("In 1916, 12,000 men; by 1918 $1920 and 2,1999 x1917 50 BC and 19 A.D. 2003.")
    assert RULES.context_starts["absolute_year"] is not None
    found = [m.span() for m in RULES.find_all("absolute_year", text)]
    assert found == [m.span() for m in RULES.context["absolute_year"].finditer(text)]
    assert len(found) >= 4
    assert list(RULES.find_all("no such pattern", text)) == []


def test_prefixes_read_through_words_repeats_and_classes() -> None:
    """The texts a match may begin with are read through optional words, repeats and classes."""
    begins = prefixes(r"(?<!\w)(?:the\s+)?(?:jan|feb)|\d{2}:\d\d")
    admitted = ("th", "t", "", "the ", "the \t ja", "the feb", "ja", "fe", "12", "1", "12:3")
    assert all(begins.admits(key) for key in admitted)
    refused = ("tx", "the x", "the jx", "jx", "1x", "123", "12:x", "x")
    assert not any(begins.admits(key) for key in refused)
    assert prefixes(r"a{2}b").admits("aab") and not prefixes(r"a{2}b").admits("aaa")
    assert prefixes(r"(?:a?)*b").admits("aaab") and not prefixes(r"(?:a?)*b").admits("c")


@pytest.mark.parametrize(
    ("source", "text"),
    [(r"a?", "zz"), (r"x(?i:a)b", "xAzz"), (r"x[^a]b", "xab"), (r"(a)\1b", "azz"), (r"xy?", "xzz")],
)
def test_prefixes_admit_anything_where_unsure(source: str, text: str) -> None:
    """After a possible end, inline flags, negated classes or back-references anything may come."""
    assert prefixes(source).admits(text)


def test_context_window_search_agrees_with_search() -> None:
    """A windowed search from the first characters finds what ``search`` finds."""
    text = "He left. Then Mr. Smith came at 9 a.m. on Friday. It rained."
    pattern = RULES.context["sentence_end"]
    for pos, endpos in ((0, len(text)), (8, 40), (20, 30), (45, len(text))):
        found = RULES.find_first("sentence_end", text, pos, endpos)
        expected = pattern.search(text, pos, endpos)
        assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    "text",
    [
        "She wrote a weekly column for the Evening Standard.",
        "He defended the plan on the Today programme.",
        "The striker was named Player of the Year by the league.",
        "Fans packed the bar to watch Sunday Night Football.",
        "Critics loved the film \u201c1917,\u201d which won the top prize.",
        "By Jane Roe, The Week US Published",
        "Traffic was heavy near the Summer Hill exit.",
    ],
)
def test_names_and_titles_are_no_dates(text: str) -> None:
    """A time word in a name or a quoted title gives no timex (only the real ones stay)."""
    found = [m.text for m in tag(text, RULES)]
    assert found in ([], ["weekly"]), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Today, the council voted to close the pool.", "Today"),
        ("STOCKS RALLY TODAY AS RATES FALL", "TODAY"),
        ("The Spring Offensive of 1918 broke the line.", "The Spring"),
        ("Folding Phone Now Available in Stores", "Now"),
        ("The parade on Christmas Day drew crowds.", "Christmas Day"),
        ("Residents said the summer heat was worse.", "the summer"),
    ],
)
def test_capitals_that_say_no_name(text: str, expected: str) -> None:
    """Sentence starts, lines in capitals, headings and named happenings keep their dates."""
    assert expected in [m.text for m in tag(text, RULES)]


@pytest.mark.parametrize(
    "text",
    [
        "Mr Winter said the plan was sound.",
        "Councillors heard from Mrs Summer before the vote.",
        "April Ashford, the head teacher, welcomed the pupils.",
        "August Holdings Ltd filed the papers, its lawyers said.",
        "The judges will hear August Holdings v. Brown soon. August argued the rule was unfair.",
        "Register Now!",
        "Get our picks in your inbox. Every Friday, the arts desk writes a short letter.",
        "Rents rose one month and fell the next.",
    ],
)
def test_people_companies_and_page_furniture_are_no_dates(text: str) -> None:
    """Months as given or company names, titles before a time word, buttons and newsletter boxes."""
    found = [m.text for m in tag(text, RULES) if m.rule not in ("soon", "adverb_set")]
    assert found == [], found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In April Congress passed the bill.", "April"),
        ("August was the wettest month on record.", "August"),
        ("The plant closed on 24 September Reuters reported.", "24 September"),
        ("The fee went up in June. June Brown, a tenant, said it hurt.", "June"),
        ("Sales Rose In April After Tax Cut", "April"),
        ("Sign up now and save a third.", "now"),
        ("The council meets every Wednesday.", "every Wednesday"),
        ("The strike lasted one day.", "one day"),
    ],
)
def test_months_and_times_that_stay_dates(text: str, expected: str) -> None:
    """A month after a word that leads dates, or used as a month before, keeps its date."""
    assert expected in [m.text for m in tag(text, RULES)]


@pytest.mark.parametrize(
    ("source", "admitted", "refused"),
    [
        (r"(?P<day>\d{1,2})(?:st|nd)?\s+(?:of\s+)?may", ["3", "12 of m", "1st may"], ["x", "1x"]),
        (r"[a-c][^x]z", ["b", "bqz"], ["d"]),
        (r"(?:ab){2,3}c", ["abab", "ababc"], ["abc", "abx"]),
        (r"a{,2}b", ["b", "aab"], ["c"]),
        (r"x\.y|\x41\u0042", ["x.y", "AB"], ["xy", "Ax"]),
        (r"(?#note)(?<=q)[\w.'&-]+", ["a", "'", "&x"], [" "]),
        (r"x{a}", ["x{a}"], ["xa"]),
    ],
)
def test_own_regex_reader(source: str, admitted: list[str], refused: list[str]) -> None:
    """The pattern reader (no private ``re`` modules) follows counts, classes and escapes."""
    begins = prefixes(source)
    assert all(begins.admits(text) for text in admitted)
    assert not any(begins.admits(text) for text in refused)


def test_flags_for_the_whole_pattern_admit_anything() -> None:
    """Inline flags for a whole pattern ("(?i)") leave it open."""
    assert first_chars(r"(?i)abc").anything
    assert not first_chars(r"abc").anything


def test_no_private_regex_modules() -> None:
    """The tagger reads patterns with its own reader, not ``re._parser`` (issue #15)."""
    source = Path(__file__).resolve().parents[1] / "src" / "chronicle"
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "re._parser" not in text and "re._compiler" not in text, path.name
