"""Event extraction decisions and headlines (chronicle.events), on hand-made timexes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from chronicle.events import find_events, make_headline
from chronicle.events.names import may_name_events, named_events
from chronicle.ingest import read_text
from chronicle.models import Article, Granularity, Mention, Timex, TimexType, TzSource, When
from chronicle.pipeline import article_events

PUBLISHED = datetime(2015, 11, 16, 9, 0, tzinfo=UTC)


def article(text: str, article_id: str = "a1") -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        title="",
        published=PUBLISHED,
        tz_source=TzSource.TEXT,
        text=text,
    )


def timex(
    text: str,
    phrase: str,
    start: date | None,
    end: date | None = None,
    *,
    granularity: Granularity = Granularity.DAY,
    kind: TimexType = TimexType.DATE,
    value: str | None = None,
    nth: int = 0,
) -> Timex:
    """A timex for the ``nth`` occurrence of ``phrase`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    when = When(
        type=kind,
        value=value or (start.isoformat() if start else "P4M"),
        granularity=granularity,
        start=start,
        end=end or start,
        explanation=f"{phrase} resolved by hand",
    )
    return Timex(Mention(at, at + len(phrase), phrase, "test"), when)


FRIDAY = date(2015, 11, 13)
SUNDAY = date(2015, 11, 15)


def test_one_event_per_dated_mention_with_offsets_and_explanation() -> None:
    text = "Gunmen attacked a concert hall in Paris on Friday. On Sunday, France bombed Raqqa."
    a = article(text)
    events = find_events(a, [timex(text, "Friday", FRIDAY), timex(text, "Sunday", SUNDAY)])
    assert [e.timex.when.start for e in events] == [FRIDAY, SUNDAY]
    first, second = events
    assert first.id == f"a1-{text.index('Friday')}"
    sentence = "Gunmen attacked a concert hall in Paris on Friday."
    assert text[first.sentence_start : first.sentence_end] == sentence
    assert first.headline == "Gunmen attacked a concert hall in Paris"
    assert second.headline == "France bombed Raqqa"
    assert first.timex.when.explanation == "Friday resolved by hand"
    assert first.published == PUBLISHED
    assert "Paris" in first.places and "France" in second.actors


def test_durations_sets_and_unanchored_are_not_events() -> None:
    text = "The siege lasted four months. Markets open every Monday. It will happen in the future."
    timexes = [
        timex(text, "four months", None, kind=TimexType.DURATION, value="P4M"),
        timex(text, "every Monday", None, kind=TimexType.SET, value="XXXX-WXX-1"),
        timex(text, "the future", None, granularity=Granularity.VAGUE, value="FUTURE_REF"),
    ]
    assert find_events(article(text), timexes) == []


def test_publish_header_dateline_and_byline_are_not_events() -> None:
    text = (
        "Published: 16 November 2015\n"
        "By Jane Smith on 16 November 2015\n"
        "PARIS, Nov 16 (Reuters) - Police arrested two men on Sunday."
    )
    timexes = [
        timex(text, "16 November 2015", date(2015, 11, 16)),
        timex(text, "16 November 2015", date(2015, 11, 16), nth=1),
        timex(text, "Nov 16", date(2015, 11, 16)),
        timex(text, "Sunday", SUNDAY),
    ]
    events = find_events(article(text), timexes)
    assert [e.timex.text for e in events] == ["Sunday"]
    assert events[0].sentence == "Police arrested two men on Sunday."
    assert events[0].headline == "Police arrested two men"


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our newsletter: the best stories of 13 November 2015 in your inbox.",
        "© 2015 Example Media. All rights reserved. Updated 13 November 2015.",
        "We use cookies to improve your visit on 13 November 2015.",
        "Most read: Paris attacks of 13 November 2015, one year on",
    ],
)
def test_boilerplate_is_not_an_event(line: str) -> None:
    text = "Gunmen attacked Paris on Friday.\n" + line
    a = article(text)
    events = find_events(
        a, [timex(text, "Friday", FRIDAY), timex(text, "13 November 2015", FRIDAY)]
    )
    assert [e.timex.text for e in events] == ["Friday"]


def test_attribution_date_gives_way_to_the_reported_date() -> None:
    text = "A neighbour said on Sunday that the attackers had rented a flat on Friday."
    events = find_events(
        article(text), [timex(text, "Sunday", SUNDAY), timex(text, "Friday", FRIDAY)]
    )
    assert [e.timex.text for e in events] == ["Friday"]


THURSDAY = date(2015, 11, 19)


@pytest.mark.parametrize(
    "text",
    [
        # an authority speaking: the announcement is news of its own (QA: Abaaoud's death)
        "The militant who planned the attacks of 13 November was among those killed in the "
        "raid, the Paris prosecutor's office said on Thursday.",
        # an announcing verb, whoever speaks
        "The militant who planned the attacks of 13 November died in the raid, his family "
        "confirmed on Thursday.",
    ],
)
def test_announcement_date_is_an_event_beside_the_reported_date(text: str) -> None:
    events = find_events(
        article(text),
        [timex(text, "13 November", FRIDAY), timex(text, "Thursday", THURSDAY)],
    )
    assert [e.timex.text for e in events] == ["13 November", "Thursday"]
    assert [e.statement for e in events] == [False, True]
    announced = events[1].headline  # who said what (#10): never the happening's own headline
    assert announced.startswith(("The Paris prosecutor's office said", "His family confirmed"))
    assert "the militant who planned the attacks" in announced


def test_quoted_voice_keeps_its_attribution_date_dropped() -> None:
    text = (
        '"We will hunt them down," a police spokesman said on Thursday of the 13 November attacks.'
    )
    events = find_events(
        article(text),
        [timex(text, "Thursday", THURSDAY), timex(text, "13 November", FRIDAY)],
    )
    assert [e.timex.text for e in events] == ["13 November"]


def test_attribution_alone_makes_the_statement_the_event() -> None:
    text = "France will step up its strikes, President Hollande said on Sunday."
    events = find_events(article(text), [timex(text, "Sunday", SUNDAY)])
    assert [e.timex.text for e in events] == ["Sunday"]
    assert events[0].statement
    assert events[0].headline == "President Hollande said France will step up its strikes"


def test_coarser_mention_in_the_same_sentence_gives_way() -> None:
    text = "In November 2015, on the 13th, gunmen attacked Paris."
    events = find_events(
        article(text),
        [
            timex(
                text,
                "November 2015",
                date(2015, 11, 1),
                date(2015, 11, 30),
                granularity=Granularity.MONTH,
            ),
            timex(text, "the 13th", FRIDAY),
        ],
    )
    assert [e.timex.text for e in events] == ["the 13th"]


def test_undated_named_event_is_kept_without_a_date() -> None:
    text = "Survivors of the Westgate mall siege met the president."
    events = find_events(article(text), [])
    assert len(events) == 1
    assert events[0].timex.when.start is None
    assert events[0].timex.text == "the Westgate mall siege"
    assert events[0].timex.mention.rule == "named-event"


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Survivors of The Westgate mall siege met him.", ["The Westgate mall siege"]),
        ("Survivors (the Westgate mall siege) met him.", ["the Westgate mall siege"]),
        ("Bathe Westgate mall siege survivors met him.", []),  # 'the' inside a word
        ("Survivors met him.", []),
    ],
)
def test_named_events_start_at_a_word(text: str, phrases: list[str]) -> None:
    assert may_name_events(text) == bool(phrases)
    assert [phrase for _, _, phrase in named_events(text)] == phrases


@pytest.mark.parametrize("verb", ["said", "SAID", "\u017faid"])  # "ſaid" reads as "said"
def test_attribution_is_read_case_blind(verb: str) -> None:
    text = f"A neighbour {verb} on Sunday that the attackers had rented a flat on Friday."
    events = find_events(
        article(text), [timex(text, "Sunday", SUNDAY), timex(text, "Friday", FRIDAY)]
    )
    assert [e.timex.text for e in events] == ["Friday"]


def test_event_anchored_phrase_is_dated_from_the_anchor() -> None:
    text = "The attacks on Friday killed 130 people. The day after the attacks, the borders closed."
    events = find_events(article(text), [timex(text, "Friday", FRIDAY)])
    anchored = [e for e in events if e.timex.mention.rule == "event-anchor"]
    assert len(anchored) == 1
    assert anchored[0].timex.when.start == date(2015, 11, 14)
    assert "dated Fri 13 Nov 2015 in this article" in anchored[0].timex.when.explanation
    assert anchored[0].headline == "The borders closed"


def test_same_interval_twice_in_a_sentence_is_one_event() -> None:
    text = "On Friday, 13 November, gunmen attacked Paris."
    events = find_events(
        article(text), [timex(text, "Friday", FRIDAY), timex(text, "13 November", FRIDAY)]
    )
    assert len(events) == 1


def test_event_ids_are_stable() -> None:
    text = "Gunmen attacked Paris on Friday."
    one = find_events(article(text), [timex(text, "Friday", FRIDAY)])
    two = find_events(article(text), [timex(text, "Friday", FRIDAY)])
    assert one == two


@pytest.mark.parametrize(
    ("sentence", "phrase", "headline"),
    [
        (
            "After a week of protests, Hosni Mubarak resigned as president on February 11, "
            "handing power to the army.",
            "February 11",
            "Hosni Mubarak resigned as president, handing power to the army",
        ),
        (
            "Police said on Friday that three men had been arrested in Brussels.",
            "Friday",
            "Three men had been arrested in Brussels",
        ),
        (
            "Friday's attacks in Paris, which were claimed by Islamic State, killed 130 people, "
            "the worst violence in France since the Second World War.",
            "Friday",
            "Friday's attacks in Paris killed 130 people",
        ),
        (
            "Mohamed ElBaradei , the Nobel Prize-winning former head of the U.N. nuclear watchdog "
            "agency and a possible presidential candidate , returns to Egypt on Thursday to join "
            "demonstrations .",
            "Thursday",
            "Mohamed ElBaradei returns to Egypt to join demonstrations",
        ),
        (
            "The World Health Organization declared a flu pandemic on June 11, 2009 (the first "
            "in 41 years), citing spread in 74 countries.",
            "June 11, 2009",
            "The World Health Organization declared a flu pandemic, citing spread in 74 countries",
        ),
    ],
)
def test_headline_compression(sentence: str, phrase: str, headline: str) -> None:
    at = sentence.index(phrase)
    result = make_headline(sentence, at, at + len(phrase))
    assert result == headline
    assert len(result.split()) <= 15
    source_words = {w.strip(",.'\"").lower() for w in sentence.split()}
    assert all(w.strip(",.'\"…").lower() in source_words for w in result.split())


def test_long_headline_is_cut_to_the_budget() -> None:
    sentence = " ".join(f"word{i}" for i in range(40)) + " on Friday."
    result = make_headline(sentence, sentence.index("Friday"), sentence.index("Friday") + 6)
    assert len(result.split()) <= 15
    assert result.endswith("…")


def test_undated_lead_sentence_is_dated_by_the_publish_date() -> None:
    text = "Police have searched the clinic of the singer's doctor in Houston.\nMore follows."
    events = find_events(article(text), [])
    assert len(events) == 1
    lede = events[0]
    assert lede.timex.mention.rule == "publish-date"
    assert lede.timex.when.start == PUBLISHED.date()
    assert "publish date" in lede.timex.when.explanation
    assert lede.headline == "Police have searched the clinic of the singer's doctor in Houston"


def test_dated_lead_gives_no_publish_date_event() -> None:
    text = "Police searched the clinic on Friday.\nThe doctor was not there."
    events = find_events(article(text), [timex(text, "Friday", FRIDAY)])
    assert [e.timex.mention.rule for e in events] == ["test"]


def test_a_time_restated_in_another_zone_is_no_second_event() -> None:
    """'9.20pm on Friday, which was already 4.20am on Saturday in Hong Kong' is one moment."""
    text = (
        "Blasts\nPUBLISHED : Monday, 16 November, 2015, 12:33am HKT\n\n"
        "The first blast came at about 9.20pm Paris time on Friday, which was already 4.20am on "
        "Saturday in Hong Kong. Police said on Sunday, or a day later, that seven attackers died.\n"
    )
    (article,) = read_text(text, "blasts.txt")
    values = [e.timex.when.value for e in article_events(article)]
    assert values == ["2015-11-13T21:20", "2015-11-15"]
    plain = text.replace(", which was already 4.20am on Saturday in Hong Kong", "")
    (article,) = read_text(plain + "Markets in Hong Kong fell on Tuesday.\n", "plain.txt")
    assert len(article_events(article)) == 3  # other dates of a sentence still count


def test_boilerplate_cues_in_finds_only_the_cues_of_the_sentences() -> None:
    from chronicle.events.extract import boilerplate_cues_in, is_boilerplate

    sentences = ["Police met on Friday.", "Home | News | World", "Sign up for our newsletter."]
    cues = boilerplate_cues_in(sentences)
    assert set(cues) == {"| ", "sign up", "newsletter"}
    assert boilerplate_cues_in(sentences[:1]) == ()
    for sentence in sentences:
        assert is_boilerplate(sentence, cues) == is_boilerplate(sentence)


@pytest.mark.parametrize(
    ("before", "attributed"),
    [
        ("The minister, officials said on ", True),
        ("Dozens were hurt, the ministry of the interior said late ", True),
        ("He told the BBC in an interview on ", True),
        ("The army said that the talks, which began in earnest, would resume on ", False),
        ("Officials said the attack began on ", False),  # three words after the verb: reported
        ("It rained and the officials who said nothing met again on ", False),
        ("", False),
    ],
)
def test_attribution_test_agrees_with_its_pattern(before: str, attributed: bool) -> None:
    from chronicle.events.extract import _attributes, _attribution_re

    assert _attributes(before) is attributed
    assert (_attribution_re("en").search(before) is not None) is attributed


@pytest.mark.parametrize(
    "text",
    [
        "After the Westgate mall siege, the city mourned.",
        "Bathe Westgate mall siege",  # no word boundary before "the"
        "the\nWestgate siege",
        "They met the Minister.",
        "",
    ],
)
def test_may_name_events_agrees_with_the_named_event_pattern(text: str) -> None:
    from chronicle.events.names import _named_event_re

    assert may_name_events(text) is (_named_event_re("en").search(text) is not None)
