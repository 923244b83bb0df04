"""HTML ingestion benchmark: chronicle against htmldate and trafilatura alone, on the same pages.

Reads every page of ../shared/corpora/html-dev (or ``--shared DIR``) and prints, in one run:

- publish day right on the pages with a gold day: chronicle (``articles[].published[:10]``,
  the publisher's local day; a skipped page is wrong) against htmldate alone,
  ``find_date(html, original_date=True, extensive_search=True)``;
- text right on the pages with gold segments (every ``with`` segment in the text, no ``without``
  segment in it; plain substring test): chronicle's own extraction (the text ``tag`` and
  ``build`` read, pages without a date of their own read as with ``--published``) against
  trafilatura alone, ``extract(html)``;
- the same figures per fold of sites (``--folds``: pages grouped by the domain of their URL,
  so a site never sits in two folds), to see how far a figure moves from one set of sites to
  another;
- chronicle's publish days that the page does not write anywhere (2000-01-01, or a day whose
  year, month and day are not found together in the page), pages skipped and why, languages.

Prints, never asserts. ``--verbose`` lists every page chronicle gets wrong.

    python benchmarks/ingest.py [--shared DIR] [--folds 5] [--limit N] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import time
import warnings
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from chronicle.errors import InputError
from chronicle.ingest import read_article_file

# the --published fallback the benchmark reads pages with, told apart from any page's own date
NO_DATE = datetime(1001, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class Page:
    """One page's gold and what each system made of it."""

    file: str
    site: str
    gold_day: str | None
    with_: list[str]
    without: list[str]
    ours_day: str | None = None
    ours_text: str | None = None
    ours_title: str = ""
    ours_lang: str = ""
    problem: str | None = None
    library_day: str | None = None
    library_text: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    unwritten: bool = False


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--folds", type=int, default=5, help="folds of sites (0: none)")
    parser.add_argument("--limit", type=int, help="read only the first N pages (a quick look)")
    parser.add_argument("--verbose", action="store_true", help="list chronicle's wrong pages")
    parser.add_argument("--json", type=Path, help="also write every page's results here")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpora" / "html-dev"
    gold_file = corpus / "gold.json"
    if not gold_file.is_file():
        print(f"no gold file at {gold_file}")
        return 1
    pages = _pages(json.loads(gold_file.read_text(encoding="utf-8")))[: args.limit]
    warnings.simplefilter("ignore")  # the libraries warn about odd pages; the figures say enough
    for page in pages:
        _run(page, corpus / "pages" / page.file)
    _print_report(pages, args.folds, args.verbose)
    if args.json:
        args.json.write_text(
            json.dumps([_record(p) for p in pages], ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


def _pages(gold: list[dict[str, Any]]) -> list[Page]:
    """The gold entries as pages (one per file)."""
    pages: dict[str, Page] = {}
    for entry in gold:
        site = urlsplit(entry.get("url") or "").netloc.lower().removeprefix("www.")
        page = pages.setdefault(entry["file"], Page(entry["file"], site, None, [], []))
        page.gold_day = page.gold_day or entry.get("date")
        page.with_ = page.with_ or list(entry.get("with") or [])
        page.without = page.without or list(entry.get("without") or [])
    return list(pages.values())


def _run(page: Page, path: Path) -> None:
    """Read one page with chronicle, htmldate and trafilatura."""
    from htmldate import find_date
    from trafilatura import extract

    raw = path.read_bytes()
    started = time.perf_counter()
    try:  # as `--published`: a page with no date of its own still gives its text
        article = read_article_file(str(path), published=NO_DATE)[0]
    except InputError as exc:
        page.problem = str(exc).replace(str(path), page.file)
    else:
        page.ours_text = article.text
        page.ours_title = article.title
        page.ours_lang = article.language
        if article.published == NO_DATE:
            page.problem = "no publish date found (or an ambiguous one)"
        else:
            page.ours_day = article.published.date().isoformat()
            page.unwritten = not _written(page.ours_day, raw)
    page.seconds["chronicle"] = time.perf_counter() - started
    started = time.perf_counter()
    try:
        page.library_day = find_date(raw, original_date=True, extensive_search=True)
    except Exception:  # the library's own failure counts as no date
        page.library_day = None
    page.seconds["htmldate"] = time.perf_counter() - started
    started = time.perf_counter()
    try:
        page.library_text = extract(raw)
    except Exception:
        page.library_text = None
    page.seconds["trafilatura"] = time.perf_counter() - started


def _written(day: str, raw: bytes) -> bool:
    """True when the page writes ``day`` somewhere: its year with its month and day nearby.

    Accepted forms: the ISO day (``2015-11-16``, also with ``/`` or ``.`` or nothing between the
    parts), or, within 80 characters of the year (four digits, or two after a numeric day and
    month), the day's number and the month (its number, or its name in any of the languages
    dateparser knows). An epoch stamp of that day counts too. 2000-01-01 never counts: it is the
    value a parser makes of nothing. This check is the benchmark's own, written apart from
    chronicle's (``chronicle.ingest.published.written_in``).
    """
    if day == "2000-01-01":
        return False
    text = raw.decode("utf-8", "replace").lower()
    year, month, dom = day.split("-")
    if re.search(rf"{year}[-/._]?{month}[-/._]?{dom}(?!\d)", text):
        return True
    day_num, month_num = str(int(dom)), str(int(month))
    if re.search(rf"(?<![\d.])0?{day_num}\.0?{month_num}\.{year[2:]}(?![\d.])", text):
        return True
    names = "|".join(re.escape(n) for n in _month_names(int(month)))
    months = rf"(?:(?<!\d)0?{month_num}(?!\d)|{names})"
    near = re.compile(
        rf"(?<!\d)0?{day_num}(?!\d)[^<>]{{0,40}}?{months}|{months}[^<>]{{0,40}}?(?<!\d)0?{day_num}(?!\d)"
    )
    for found in re.finditer(rf"(?<!\d){year}(?!\d)", text):
        window = text[max(0, found.start() - 80) : found.end() + 80]
        if near.search(window):
            return True
    return _epoch_written(day, text)


_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "ru", "ar", "fa", "tr", "sv",
              "da", "fi", "hu", "el", "bg", "uk", "lt", "id", "vi", "ja", "ko", "zh", "hy",
              "sq", "bs", "hi")  # fmt: skip
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")  # fmt: skip


@cache
def _month_names(month: int) -> list[str]:
    """The names and abbreviations of ``month`` in the languages of html-dev (dateparser's)."""
    from dateparser.languages.loader import default_loader

    names: set[str] = set()
    for lang in _LANGUAGES:
        try:
            info = default_loader.get_locale(lang).info
        except (KeyError, ValueError):
            continue
        names.update(str(n).lower() for n in info.get(_MONTH_KEYS[month - 1], []) if len(n) > 2)
    return sorted(names, key=len, reverse=True)


def _epoch_written(day: str, text: str) -> bool:
    """True when an epoch number (seconds or milliseconds) of ``day`` (UTC, ±1 day) is in text."""
    from datetime import timedelta

    wanted = datetime.fromisoformat(day).date()
    for found in re.finditer(r"(?<!\d)1\d{9}(?:\d{3})?(?!\d)", text):
        number = int(found.group(0))
        seconds = number / 1000 if number > 1e11 else number
        stamp = datetime.fromtimestamp(seconds, tz=UTC).date()
        if abs(stamp - wanted) <= timedelta(days=1):
            return True
    return False


def _text_right(text: str | None, page: Page) -> bool:
    """Every ``with`` segment in ``text`` and no ``without`` segment."""
    if not text:
        return False
    return all(s in text for s in page.with_) and not any(s in text for s in page.without)


def _day_right(day: str | None, page: Page) -> bool:
    """The day (its first ten characters) equals the gold day."""
    return day is not None and day[:10] == page.gold_day


def _fold(site: str, folds: int) -> int:
    """A site's fold: a stable hash of its domain."""
    return zlib.crc32(site.encode("utf-8")) % folds


def _share(hits: int, total: int) -> str:
    """``.927 (370/399)``."""
    return f"{hits / total:.3f} ({hits}/{total})" if total else "-"


def _print_report(pages: list[Page], folds: int, verbose: bool) -> None:
    """The side-by-side table, per fold, the pages' problems and timings."""
    dated = [p for p in pages if p.gold_day]
    texted = [p for p in pages if p.with_ or p.without]
    print(f"html-dev: {len(pages)} pages, {len(dated)} with a gold day, {len(texted)} with text\n")
    print(f"{'':<34}{'chronicle':>18}{'library alone':>18}")
    ours = sum(_day_right(p.ours_day, p) for p in dated)
    theirs = sum(_day_right(p.library_day, p) for p in dated)
    print(f"{'publish day (vs htmldate)':<34}{_share(ours, len(dated)):>18}")
    print(f"{'':<34}{'':>18}{_share(theirs, len(dated)):>18}")
    ours = sum(_text_right(p.ours_text, p) for p in texted)
    theirs = sum(_text_right(p.library_text, p) for p in texted)
    print(f"{'text (vs trafilatura)':<34}{_share(ours, len(texted)):>18}")
    print(f"{'':<34}{'':>18}{_share(theirs, len(texted)):>18}")
    if folds > 1:
        print(f"\nby fold of sites (domains hashed into {folds} folds)")
        print(f"{'fold':<6}{'sites':>6}{'day':>8}{'htmldate':>10}{'text':>8}{'trafil.':>9}")
        for fold in range(folds):
            part = [p for p in pages if _fold(p.site, folds) == fold]
            day_part = [p for p in part if p.gold_day]
            text_part = [p for p in part if p.with_ or p.without]
            cells = [
                _ratio(sum(_day_right(p.ours_day, p) for p in day_part), len(day_part)),
                _ratio(sum(_day_right(p.library_day, p) for p in day_part), len(day_part)),
                _ratio(sum(_text_right(p.ours_text, p) for p in text_part), len(text_part)),
                _ratio(sum(_text_right(p.library_text, p) for p in text_part), len(text_part)),
            ]
            sites = len({p.site for p in part})
            print(f"{fold:<6}{sites:>6}{cells[0]:>8}{cells[1]:>10}{cells[2]:>8}{cells[3]:>9}")
    unwritten = [p for p in pages if p.unwritten]
    print(f"\nchronicle days not written in their page: {len(unwritten)}")
    for page in unwritten:
        print(f"  {page.file}: {page.ours_day}")
    skipped = [p for p in pages if p.problem]
    reasons = Counter(_reason(p.problem or "") for p in skipped)
    print(f"pages chronicle skipped: {len(skipped)}")
    for reason, count in reasons.most_common():
        print(f"  {count:>4}  {reason}")
    languages = Counter(p.ours_lang for p in pages if p.problem is None)
    print("languages chronicle read: " + ", ".join(f"{k} {v}" for k, v in languages.most_common()))
    print("\nseconds per page (median, one process)")
    for name in ("chronicle", "htmldate", "trafilatura"):
        times = sorted(p.seconds.get(name, 0.0) for p in pages)
        print(f"  {name:<12}{times[len(times) // 2] * 1000:8.1f} ms   total {sum(times):6.1f} s")
    if verbose:
        _print_wrong(dated, texted)


def _ratio(hits: int, total: int) -> str:
    """``.927`` or ``-``."""
    return f"{hits / total:.3f}" if total else "-"


def _reason(problem: str) -> str:
    """A skipped page's reason without its file name and specifics."""
    text = problem.split(": ", 1)[-1]
    return re.sub(r"'[^']*'", "'…'", text)[:90]


def _print_wrong(dated: list[Page], texted: list[Page]) -> None:
    """Every page chronicle gets wrong, with what the library said."""
    print("\nwrong days (file: gold / chronicle / htmldate)")
    for page in dated:
        if not _day_right(page.ours_day, page):
            got = page.ours_day or f"skipped: {page.problem}"
            print(f"  {page.file}: {page.gold_day} / {got} / {page.library_day}")
    print("\nwrong texts (file: missing with / present without; trafilatura right?)")
    for page in texted:
        if _text_right(page.ours_text, page):
            continue
        text = page.ours_text or ""
        missing = [s for s in page.with_ if s not in text]
        present = [s for s in page.without if s in text]
        library = "yes" if _text_right(page.library_text, page) else "no"
        print(f"  {page.file}: {missing[:2]} / {present[:2]}; trafilatura {library}")


def _record(page: Page) -> dict[str, Any]:
    """One page's results as JSON."""
    return {
        "file": page.file,
        "site": page.site,
        "gold_day": page.gold_day,
        "chronicle_day": page.ours_day,
        "htmldate_day": page.library_day,
        "chronicle_text_right": _text_right(page.ours_text, page) if page.with_ else None,
        "trafilatura_text_right": _text_right(page.library_text, page) if page.with_ else None,
        "title": page.ours_title,
        "language": page.ours_lang,
        "problem": page.problem,
    }


if __name__ == "__main__":
    raise SystemExit(main())
