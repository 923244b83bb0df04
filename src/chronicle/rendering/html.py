"""The self-contained HTML page: Jinja2 templates, inline CSS and script, a strict CSP."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import traceback
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from chronicle import resources
from chronicle.errors import InputError
from chronicle.models import TzSource
from chronicle.rendering.catalogue import Catalogue, catalogue
from chronicle.rendering.date_labels import published_label
from chronicle.rendering.document import Doc, plural, shows_text

if TYPE_CHECKING:
    import jinja2

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")

PAGE_TEMPLATE = "timeline.html.j2"
STYLE_FILE = "chronicle.css"
SCRIPT_FILE = "chronicle-embed.js"


def static_text(name: str, template_dir: Path | None = None) -> str:
    """A shipped CSS/JS asset, or the newsroom's own copy when its template folder has one."""
    if template_dir is not None and (template_dir / name).is_file():
        return (template_dir / name).read_text(encoding="utf-8")
    return _bundled_static(name)


@cache
def _bundled_static(name: str) -> str:
    """A file from ``chronicle/static`` (read once)."""
    return resources.package_file("static", name).read_text(encoding="utf-8")


# The one line of chronicle-embed.js holding the labels it shows (English as shipped).
_LABELS_LINE = re.compile(r"^( *var LABELS = )\{.*\};$", re.MULTILINE)


def localised_script(script: str, words: Catalogue) -> str:
    """The embed script with its ``LABELS`` line in ``words``' language.

    A newsroom's own copy of the script without that line is left as it is.
    """
    labels = json.dumps(words.script_labels(), ensure_ascii=False)
    return _LABELS_LINE.sub(lambda m: f"{m.group(1)}{labels};", script, count=1)


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(style: str, script: str) -> str:
    """Nothing but the page's own inline style and script; no requests at all."""
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {csp_hash(style)}",
            f"script-src {csp_hash(script)}",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment: the user's folder first (if any), then the bundled templates."""
    import jinja2  # imported when a page is rendered: JSON-only runs start faster

    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise InputError(
                f"{template_dir}: template folder not found; give a folder holding "
                f"{PAGE_TEMPLATE} (see templates/README.md)"
            )
        if not (template_dir / PAGE_TEMPLATE).is_file():
            raise InputError(
                f"{template_dir / PAGE_TEMPLATE}: not found; a --template folder must hold the "
                f"page template {PAGE_TEMPLATE} (copy it from the bundled templates/ and edit it)"
            )
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.FileSystemLoader(str(resources.template_dir())))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )


def slug(text: str) -> str:
    """Letters and digits kept, every other run made one hyphen (for element ids)."""
    return _NOT_ALNUM.sub("-", str(text)).strip("-") or "x"


def quote_parts(source: Doc) -> tuple[str, str, str]:
    """The quote cut around its highlighted expression: (before, expression, after)."""
    quote: str = source["quote"]
    mark = source.get("highlight")
    if not mark:
        return quote, "", ""
    start, end = int(mark["start"]), int(mark["end"])
    return quote[:start], quote[start:end], quote[end:]


def explanations(event: Doc) -> list[str]:
    """How each source's date was worked out, once per distinct explanation, sources' order.

    A date the editor set (corrected, or of the editor's own event) comes first.
    """
    editor = event.get("editor") or {}
    lines: list[str] = []
    if editor.get("created") or "date" in editor.get("changed", ()):
        lines.append(event["date"]["explanation"])
    for source in event["sources"]:
        timex = source["timex"]
        line = source["explanation"] or f"{timex['text']} → {timex['value']}"
        if line not in lines:
            lines.append(line)
    return lines


def years(doc: Doc) -> list[dict[str, Any]]:
    """Events grouped under their year heading, in document order."""
    groups: list[dict[str, Any]] = []
    for event in doc["events"]:
        if not groups or groups[-1]["year"] != event["year"]:
            groups.append({"year": event["year"], "events": []})
        groups[-1]["events"].append(event)
    return groups


def generated_label(doc: Doc, words: Catalogue | None = None) -> str:
    """The generation time as people read it: '26 Nov 2026, 05:31 UTC'."""
    return published_label(datetime.fromisoformat(doc["generated"]), TzSource.TEXT, words)


def context(
    doc: Doc, template_dir: Path | None = None, words: Catalogue | None = None
) -> dict[str, Any]:
    """Every variable a page template gets (documented in templates/README.md).

    ``words``: the reader's locale (English when None); ``t`` holds its page labels.
    """
    words = words or catalogue()
    style = static_text(STYLE_FILE, template_dir)
    script = localised_script(static_text(SCRIPT_FILE, template_dir), words)
    return {
        "timeline": doc,
        "articles": {article["id"]: article for article in doc["articles"]},
        "years": years(doc),
        "generated_label": generated_label(doc, words),
        "lang": words.code,
        "t": words.page,
        "exact_day": words.dates.precision["day"],
        "style": Markup(style),
        "script": Markup(script),
        "csp": content_security_policy(style, script),
        "quote_parts": quote_parts,
        "shows_text": shows_text,
        "plural": lambda count, noun: plural(count, noun, words),
        "counts_line": words.counts_line,
        "explanations": explanations,
    }


def page_environment(
    doc: Doc, template_dir: Path | None = None, words: Catalogue | None = None
) -> tuple[jinja2.Environment, dict[str, Any]]:
    """The environment with the page's filters, and the variables, to render ``doc``'s templates."""
    env = environment(template_dir)
    variables = context(doc, template_dir, words)
    titles = {article_id: a["title"] for article_id, a in variables["articles"].items()}
    env.filters["article_title"] = lambda article_id: titles.get(article_id, article_id)
    env.filters["slug"] = slug
    return env, variables


def render_html(doc: Doc, template_dir: Path | None = None, words: Catalogue | None = None) -> str:
    """The page for ``doc`` from the templates (the user's, else the bundled ones), its labels
    in ``words`` (the reader's locale; English when None)."""
    import jinja2

    env, variables = page_environment(doc, template_dir, words)
    try:
        template = env.get_template(PAGE_TEMPLATE)
        return template.render(variables)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name
        raise InputError(f"{where}:{exc.lineno}: template error: {exc.message}; fix it") from None
    except jinja2.TemplateError as exc:
        where = template_line(exc) or str(template_dir or resources.template_dir())
        raise InputError(
            f"{where}: template failed: {exc}; check the variables in templates/README.md"
        ) from None
    except Exception as exc:  # a runtime error inside the template: {{ 1/0 }}, {{ x + "a" }}
        where = template_line(exc)
        if where is None or template_dir is None or not _inside(where, template_dir):
            raise  # not the user's template: a bug in chronicle, keep its traceback
        message = str(exc) or "no message"
        raise InputError(
            f"{where}: template failed: {type(exc).__name__}: {message}; fix the template"
        ) from None


def _inside(where: str, folder: Path) -> bool:
    """True when 'path:line' names a file in ``folder``."""
    path = Path(where.rsplit(":", 1)[0]).resolve()
    return folder.resolve() in path.parents


def template_line(exc: BaseException) -> str | None:
    """'path/timeline.html.j2:3': the innermost template line in the error's traceback, or None.

    Jinja2 rewrites tracebacks so that frames of compiled templates carry the template's file
    name and line number.
    """
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            found = f"{frame.filename}:{frame.lineno}"
    return found
