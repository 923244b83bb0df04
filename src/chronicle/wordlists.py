"""The word lists of each language, read from ``data/<language>/`` through one accessor.

Each language has a folder of four files, each a frozen dataclass here, read and checked by
:func:`chronicle.settings.load` (an unknown or missing key, or a wrong type, stops the run with the
file and the key named):

* ``text.toml`` (:class:`TextWords`): sentence splitting and clean-up;
* ``events.toml`` (:class:`EventWords`): which dates are events, statements, names, anchors,
  stop words;
* ``headline.toml`` (:class:`HeadlineWords`): the headline cutter's word classes;
* ``classes.toml`` (:class:`ClassWords`): words of one kind of happening, for merge.

:func:`words` gives the lists of a language code; a language without a folder (or a code that is
no plain language code) gets the English lists, as chronicle read every article before word lists
were per language. Adding a language is a data-only change: copy ``data/en/`` to
``data/<code>/`` and translate every list (see CONTRIBUTING.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chronicle.resources import package_file
from chronicle.settings import load

DEFAULT = "en"  # the lists of a language without its own folder
_CODE = re.compile(r"[a-z]{2,3}")  # a language code that can name a folder (no path tricks)


@dataclass(frozen=True, slots=True)
class TextWords:
    """``text.toml``: where sentences end, and labels dropped before a sentence."""

    abbreviations: tuple[str, ...]
    sentence_starters: tuple[str, ...]
    leading_labels: tuple[str, ...]
    elisions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SetBesideWords:
    """``[set_beside]`` of events.toml: "said on Friday, a day after <happening>"."""

    amounts: tuple[str, ...]
    units: tuple[str, ...]
    after: tuple[str, ...]
    before: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BackgroundWords:
    """``[background]`` of events.toml: "in recent years", "for decades", "since the 1990s"."""

    lead_ins: tuple[str, ...]
    looking_back: tuple[str, ...]
    since: tuple[str, ...]
    retrospective: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnchorWords:
    """``[anchors]`` of events.toml: "two days after the attacks"."""

    numbers: dict[str, int]
    day_units: tuple[str, ...]
    week_units: tuple[str, ...]
    month_units: tuple[str, ...]
    after: tuple[str, ...]
    before: tuple[str, ...]
    determiners: tuple[str, ...]
    one: tuple[str, ...]
    own_date_gaps: tuple[str, ...]

    @property
    def units(self) -> tuple[str, ...]:
        """Every unit word: days, weeks, months."""
        return (*self.day_units, *self.week_units, *self.month_units)

    @property
    def directions(self) -> tuple[str, ...]:
        """Every direction word: after, then before."""
        return (*self.after, *self.before)


@dataclass(frozen=True, slots=True)
class EventWords:
    """``events.toml``: the words of chronicle.events and the key words of chronicle.merge."""

    stop_words: tuple[str, ...]
    reporting_verbs: tuple[str, ...]
    restatement: str
    aside: str
    hedges: tuple[str, ...]
    boilerplate_cues: tuple[str, ...]
    header_cues: tuple[str, ...]
    subordinators: tuple[str, ...]
    date_prepositions: tuple[str, ...]
    event_nouns: tuple[str, ...]
    anchor_nouns: tuple[str, ...]
    not_names: tuple[str, ...]
    place_prepositions: tuple[str, ...]
    name_particles: tuple[str, ...]
    name_particles_not_last: tuple[str, ...]
    nouns_capitalised: bool
    named_event_article: str
    person_pronouns: tuple[str, ...]
    person_titles: tuple[str, ...]
    announcing_verbs: tuple[str, ...]
    authorities: tuple[str, ...]
    byline_openers: tuple[str, ...]
    byline_verbs: tuple[str, ...]
    statements: tuple[str, ...]
    statement_openers: tuple[str, ...]
    date_lead_ins: tuple[str, ...]
    agent_marker: str
    not_attribution: tuple[str, ...]
    personal_voice: tuple[str, ...]
    possessive_endings: tuple[str, ...]
    background: BackgroundWords
    set_beside: SetBesideWords
    anchors: AnchorWords


@dataclass(frozen=True, slots=True)
class HeadlineWords:
    """``headline.toml``: the word classes of the headline cutter (chronicle.events.headline)."""

    connectors: tuple[str, ...]
    relatives: tuple[str, ...]
    removable_prepositions: tuple[str, ...]
    approximators: tuple[str, ...]
    edge_modifiers: tuple[str, ...]
    bare_adverbial_starts: tuple[str, ...]
    bare_adverbial_ends: tuple[str, ...]
    bare_date_lead_ins: tuple[str, ...]
    time_object_verbs: tuple[str, ...]
    copulas: tuple[str, ...]
    dangling: tuple[str, ...]
    determiners: tuple[str, ...]
    prepositions: tuple[str, ...]
    antecedent_prepositions: tuple[str, ...]
    verbs: tuple[str, ...]
    not_verbs: tuple[str, ...]
    participles: tuple[str, ...]
    fragment_heads: tuple[str, ...]
    fragment_lead_ins: tuple[str, ...]
    openers: tuple[str, ...]
    adverbs: tuple[str, ...]
    adjective_markers: tuple[str, ...]
    participle_adverbs: tuple[str, ...]
    calendar_words: tuple[str, ...]
    pronouns: tuple[str, ...]
    articles: tuple[str, ...]
    np_stops: tuple[str, ...]
    np_prepositions: tuple[str, ...]
    co_temporal: tuple[str, ...]
    relation_connectors: tuple[str, ...]
    state_edges: tuple[str, ...]
    personal: tuple[str, ...]
    verb_endings: tuple[str, ...]
    dated_of: tuple[str, ...]
    complementizers: tuple[str, ...]
    audiences: tuple[str, ...]
    objects: tuple[str, ...]
    conjunctions: tuple[str, ...]
    prepositions_before_complementizer: tuple[str, ...]
    attributive_dates: bool
    attribution_openers: tuple[str, ...]
    relative_asides: tuple[str, ...]
    clean_cuts: tuple[str, ...]
    clause_joiners: tuple[str, ...]
    clause_conjunctions: tuple[str, ...]
    appositive_articles: tuple[str, ...]
    phrase_joiners: tuple[str, ...]
    bound_prepositions: tuple[str, ...]
    segment_openers: tuple[str, ...]
    purpose_connectors: tuple[str, ...]
    list_openers: tuple[str, ...]
    list_joiners: tuple[str, ...]
    happening_of: tuple[str, ...]
    possessive_relatives: tuple[str, ...]
    time_relatives: tuple[str, ...]
    gerund_endings: tuple[str, ...]
    infinitive_markers: tuple[str, ...]
    infinitive_lead_ins: tuple[str, ...]
    definite_articles: tuple[str, ...]
    after_adverbial: tuple[str, ...]
    range_links: tuple[str, ...]
    day_range_links: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ContinuationWords:
    """``[continuation]`` of classes.toml: date phrases that point back at the day just told."""

    openers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClassWords:
    """``classes.toml``: words that name one kind of happening ("killed" = "death")."""

    classes: dict[str, tuple[str, ...]]
    continuation: ContinuationWords


@dataclass(frozen=True, slots=True)
class Words:
    """Every word list of one language."""

    language: str  # the folder they were read from
    text: TextWords
    events: EventWords
    headline: HeadlineWords
    classes: ClassWords


@cache
def folder(language: str) -> str:
    """The folder of ``data/`` whose lists read ``language``: its own, else :data:`DEFAULT`."""
    code = language.lower().split("-")[0]
    if _CODE.fullmatch(code) and package_file("data", code, "events.toml").is_file():
        return code
    return DEFAULT


@cache
def words(language: str = DEFAULT) -> Words:
    """The word lists for ``language`` (a code such as "en" or "pt-BR"), read and checked once."""
    code = folder(language)
    return _read(code) if code == language else words(code)


@cache
def _read(code: str) -> Words:
    """The four files of ``data/<code>/``."""
    return Words(
        language=code,
        text=load(TextWords, package_file("data", code, "text.toml")),
        events=load(EventWords, package_file("data", code, "events.toml")),
        headline=load(HeadlineWords, package_file("data", code, "headline.toml")),
        classes=load(ClassWords, package_file("data", code, "classes.toml")),
    )


@dataclass(frozen=True, slots=True)
class _Agencies:
    """``data/agencies.toml``."""

    agencies: tuple[str, ...]


@cache
def wire_agencies() -> tuple[str, ...]:
    """News agencies as wire datelines name them (``data/agencies.toml``): one list for all."""
    return load(_Agencies, package_file("data", "agencies.toml")).agencies


@cache
def reporting_verbs(language: str = DEFAULT) -> frozenset[str]:
    """Verbs that attribute a statement ("said", "told"), lower case: one set for every stage."""
    return frozenset(words(language).events.reporting_verbs)
