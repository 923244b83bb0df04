"""Issue 17's acceptance: the examples' page in French (``--locale fr``): French labels and dates,
axe-core finds nothing at all, in light and dark and at 375 px."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_accessibility import AXE_OPTIONS

from chronicle import api

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
EXAMPLES = ROOT / "examples"
pytestmark = pytest.mark.browser

FRENCH_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
ENGLISH_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)


@pytest.fixture(scope="module")
def french_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples built and rendered with ``locale="fr"``."""
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ is missing")
    timeline = api.build([str(EXAMPLES)], locale="fr")
    path = tmp_path_factory.mktemp("fr") / "examples-fr.html"
    path.write_text(api.render(timeline, "html", locale="fr"), encoding="utf-8")
    return path


def _open_all(watched: Any) -> None:
    """Paint every event and open every disclosure, so that axe checks all of it."""
    watched.page.evaluate(
        "document.querySelectorAll('.event').forEach(e => e.style.contentVisibility = 'visible');"
        "document.querySelectorAll('details').forEach(d => d.open = true)"
    )


@pytest.mark.parametrize(("scheme", "width"), [("light", 1024), ("dark", 1024), ("light", 375)])
def test_french_examples_page_has_no_axe_violation(
    open_page: Any, french_page: Path, scheme: str, width: int
) -> None:
    """WCAG 2.1 A/AA and best practice: no violation of any impact."""
    from axe_playwright_python.sync_playwright import Axe

    watched = open_page(french_page.as_uri(), bypass_csp=True, color_scheme=scheme, width=width)
    _open_all(watched)
    violations = Axe().run(watched.page, options=AXE_OPTIONS).response["violations"]
    ARTIFACTS.mkdir(exist_ok=True)
    report = ARTIFACTS / f"axe-fr-{scheme}-{width}.json"
    report.write_text(json.dumps(violations, indent=2), encoding="utf-8")
    assert [f"{v['id']} ({v['impact']})" for v in violations] == []
    watched.assert_clean()


def test_french_examples_page_reads_in_french(open_page: Any, french_page: Path) -> None:
    """Labels, buttons, headings, counts and dates are French; the script's tools too."""
    watched = open_page(french_page.as_uri())
    page = watched.page
    assert page.get_attribute("html", "lang") == "fr"
    assert page.inner_text(".skip-link") == "Aller aux événements"
    assert page.inner_text("#chronicle-articles") == "Articles"
    assert page.inner_text("#chronicle-background") == "Contexte"
    assert re.fullmatch(r"\d+ événements tirés de \d+ articles\. .*", page.inner_text(".summary"))
    assert page.get_by_label("Rechercher des événements").count() == 1
    assert page.inner_text(".filter summary") == "Filtrer par source"
    buttons = page.locator(".filter button").all_text_contents()
    assert buttons == ["Tout sélectionner", "Tout désélectionner"]
    total = page.locator(".chronicle-events li.event").count()
    assert page.inner_text(".chronicle-count") == f"Tous affichés\u00a0: {total} événements"
    summaries = page.locator(".event details > summary").all_text_contents()
    assert summaries and set(summaries) == {"Pourquoi cette date"}
    # dates: day and month labels, publish labels and the footer in French, none in English
    labels = page.locator(".chronicle-events .when > :first-child").all_text_contents()
    assert any(re.search(rf"\b\d{{1,2}} ({FRENCH_MONTHS}) \d{{4}}\b", x) for x in labels)
    assert not any(re.search(rf"\b({ENGLISH_MONTHS})\b", x) for x in labels)
    published = page.locator(".articles .meta time").all_text_contents()
    assert published and all(re.search(r"\d{4}, \d\d:\d\d", x) for x in published)
    assert any("nov." in x for x in published)
    assert page.inner_text("footer").startswith("Fait avec chronicle le ")
    # why this date: the resolver's explanations use the French templates
    why = " ".join(page.locator(".event details").all_text_contents())
    assert "écrit en entier" in why or "la date de publication" in why
    # the live count follows a search, in French
    page.get_by_label("Rechercher des événements").fill("Paris")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('.chronicle-count').textContent.indexOf('sur') >= 0"
    )
    assert re.fullmatch(
        rf"\d+ affichés sur {total} événements", page.inner_text(".chronicle-count")
    )
    watched.assert_clean()


def test_french_embed_script_labels(open_page: Any, tmp_path: Path, serve: Any) -> None:
    """``write_embed_assets(locale="fr")`` and a French JSON: the embed builds a French timeline."""
    from chronicle.rendering import write_embed_assets

    timeline = api.build([str(EXAMPLES)], locale="fr", max_events=5)
    (tmp_path / "timeline.json").write_text(
        api.render(timeline, "json", locale="fr"), encoding="utf-8"
    )
    write_embed_assets(tmp_path, "fr")
    (tmp_path / "embed.html").write_text(
        "<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Hôte</title>"
        "<link rel='stylesheet' href='chronicle-embed.css'></head><body><main>"
        "<h1>Une page de rédaction</h1><div data-chronicle='timeline.json'></div></main>"
        "<script src='chronicle-embed.js'></script></body></html>",
        encoding="utf-8",
    )
    base = serve(tmp_path)
    watched = open_page(base + "embed.html", allow=(base,))
    page = watched.page
    assert page.get_attribute("[data-chronicle]", "lang") == "fr"
    assert page.get_by_label("Rechercher des événements").count() == 1
    assert page.inner_text("[data-chronicle] .articles h2") == "Articles"
    assert set(page.locator(".event details > summary").all_text_contents()) == {
        "Pourquoi cette date"
    }
    assert page.inner_text(".chronicle-count").startswith("Tous affichés")
    watched.assert_clean()
