"""The review app: the story's timeline as it will be published, and the editor's actions on it.

Pages are rendered on the server from the page's own templates (``_events.html.j2`` and
``_event.html.j2``, with the review's tools in each entry); every action is a plain HTML form
posted to the server, which changes the store's corrections (:mod:`chronicle.review.actions`)
and sends the browser back (303). A refused action shows the page again with its message, and
nothing is written. Works with the keyboard alone and without any script of its own.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from chronicle.errors import ChronicleError
from chronicle.files import output_target, same_file
from chronicle.limits import (
    DEFAULT_MAX_ARTICLE_BYTES,
    DEFAULT_MAX_EVENTS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_FILES,
    size_label,
)
from chronicle.models import Style
from chronicle.rendering import Format, render
from chronicle.rendering.document import build_document
from chronicle.rendering.html import csp_hash, page_environment, static_text
from chronicle.review import actions
from chronicle.review.actions import ActionError
from chronicle.review.security import TooLarge
from chronicle.review.views import View, Views
from chronicle.store import Step, Store

T = TypeVar("T")
Plan = Callable[[View], tuple[str, actions.Make]]

REVIEW_STYLE = "review.css"
OUTPUTS = {"html": "timeline.html", "json": "timeline.json", "timelinejs": "timelinejs.json"}
MAX_FOUND = 20  # merge targets listed for one search
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Settings:
    """What ``chronicle review`` was started with."""

    store: Path
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    publish_to: Path | None = None


@dataclass(slots=True)
class Rendered:
    """What the pages of one state of the story share: the page's templates and variables (its
    document among them), and the timeline page's list once rendered."""

    key: tuple[object, ...]
    env: Any  # jinja2.Environment
    context: dict[str, Any]
    rendering: threading.Lock  # held while the list is rendered: it is rendered once
    listing: Markup | None = None


class Review:
    """One story under review: its pages and its actions (their steps are kept in the store)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.views = Views(settings.store)
        self.notices: list[str] = []
        self._cache: Rendered | None = None
        self._building = threading.Lock()
        self._lock = threading.Lock()

    # -- plumbing -------------------------------------------------------------------------------

    def _store(self, work: Callable[[Store], T]) -> T:
        """Run ``work`` on the store opened for this request (in a worker thread)."""
        with Store(self.settings.store) as store:
            return work(store)

    def page(
        self,
        view: View,
        template: str,
        *,
        status: int = 200,
        error: str | None = None,
        **variables: Any,
    ) -> HTMLResponse:
        """A review page: the timeline's templates, the review's style, a strict CSP."""
        rendered = self._rendered(view)
        env, context = rendered.env, dict(rendered.context)
        style = static_text("chronicle.css") + "\n" + static_text(REVIEW_STYLE)
        script = static_text("chronicle-embed.js")
        with self._lock:
            notices, self.notices = self.notices, []
        context.update(
            style=Markup(style),
            script=Markup(script),
            view=view,
            error=error,
            notices=[] if error else notices,
            history=view.steps,
            store_name=self.settings.store.name,
            **variables,
        )
        if template == "timeline.html.j2":
            context["listing"] = _listing(rendered)
        html = env.get_template(f"review/{template}").render(context)
        policy = "; ".join(
            [
                "default-src 'none'",
                f"style-src {csp_hash(style)}",
                f"script-src {csp_hash(script)}",
                "form-action 'self'",
                "base-uri 'none'",
                "frame-ancestors 'none'",
            ]
        )
        return HTMLResponse(
            html, status, headers={**SECURITY_HEADERS, "content-security-policy": policy}
        )

    def _rendered(self, view: View) -> Rendered:
        """The document, environment and list of the story as ``view`` shows it, made once per
        state (articles, title, corrections) and kept until it changes: a later page of 5,000
        entries is then served without building or rendering them again."""
        key = view.key()
        with self._building:  # one build at a time: a second request waits and takes it
            if self._cache is not None and self._cache.key == key:
                return self._cache
            doc = build_document(view.timeline)
            env, context = page_environment(doc)
            context["editable"] = {event["id"] for event in doc["events"]}
            context["events_by_id"] = {event["id"]: event for event in doc["events"]}
            self._cache = Rendered(key, env, context, threading.Lock())
            return self._cache

    def warm(self) -> None:
        """Build the story's timeline and list once, before the first visit asks for them."""
        try:
            _listing(self._rendered(self._store(self.views.view)))
        except Exception:  # the first visit builds again, and shows any error
            return

    def note(self, message: str) -> None:
        """A message for the next page shown."""
        with self._lock:
            self.notices = [*self.notices[-4:], message]

    async def show(self, template: str, **variables: Any) -> HTMLResponse:
        """A page over the story now."""
        view = await run_in_threadpool(self._store, self.views.view)
        return await run_in_threadpool(self.page, view, template, **variables)

    async def refused(self, error: ChronicleError, template: str, **variables: Any) -> HTMLResponse:
        """The page again, with why the action was refused (400 unless the error says)."""
        code = error.status if isinstance(error, ActionError) else 400
        view = await run_in_threadpool(self._store, self.views.view)
        return await run_in_threadpool(
            self.page, view, template, status=code, error=str(error), **variables
        )

    def change(self, plan: Plan, label: str) -> Step:
        """Apply one action to the store's corrections (one transaction); the step made.

        ``plan`` checks the action against the story now and gives the row and its change.
        """

        def work(store: Store) -> Step:
            key, make = plan(self.views.view(store))
            return store.change_step(
                lambda corrections: actions.apply(corrections, key, make, label)
            )

        return self._store(work)

    # -- pages ----------------------------------------------------------------------------------

    async def timeline(self, request: Request) -> Response:
        """The story as it will be published, with the tools of each entry."""
        return await self.show("timeline.html.j2")

    async def entry(self, request: Request) -> Response:
        """One entry: its sources and why this date, every action, merge-target search."""
        entry_id = request.path_params["entry"]
        find = request.query_params.get("find", "")[:200]
        view = await run_in_threadpool(self._store, self.views.view)
        if view.entry(entry_id) is None:
            return await run_in_threadpool(
                self.page,
                view,
                "timeline.html.j2",
                status=404,
                error=f"no entry {entry_id} in this story (hidden, merged or gone); "
                "see the list of changes",
            )
        return await run_in_threadpool(
            self.page,
            view,
            "entry.html.j2",
            entry_id=entry_id,
            find=find,
            found=_found(view, entry_id, find),
        )

    async def changes(self, request: Request) -> Response:
        """What was changed, hidden entries, orphaned corrections."""
        return await self.show("changes.html.j2")

    async def add_page(self, request: Request) -> Response:
        """The form for an event of the editor's own."""
        return await self.show("add.html.j2", fields={})

    async def articles_page(self, request: Request) -> Response:
        """The story's articles and the upload form."""
        articles = await run_in_threadpool(self._store, lambda store: store.articles())
        return await self.show("articles.html.j2", articles=articles, **self._limits())

    async def publish_page(self, request: Request) -> Response:
        """The publish form."""
        return await self.show("publish.html.j2", folder=str(self._publish_folder()))

    # -- actions --------------------------------------------------------------------------------

    async def mark(self, request: Request) -> Response:
        """Hide, pin or feature an entry, or take that back (unhide: from the list of changes)."""
        entry_id = request.path_params["entry"]
        form = await _form(request)
        back = _back(form, entry_id)
        do = str(form.get("do", ""))
        word, on = (do[2:], False) if do.startswith("un") else (do, True)

        def plan(view: View) -> tuple[str, actions.Make]:
            make = actions.marked(word, on)
            if word == "hide" and not on:
                if not any(c.entry == entry_id and c.hide for c in view.corrections):
                    raise ActionError(
                        f"no entry {entry_id} is hidden; see the list of changes", 404
                    )
                return entry_id, make
            return _key(view, entry_id), make

        return await self._entry_action(
            entry_id,
            plan,
            f"{do} {entry_id}",
            done=f"{_DONE.get(do, do)}: {entry_id}",
            then="/" if word == "hide" and on else back,
            back=back,
        )

    async def edit(self, request: Request) -> Response:
        """Set the entry's date, headline, text, group or note."""
        entry_id = request.path_params["entry"]
        form = await _form(request)
        given = {name: str(form.get(name, "")) for name in actions.EDITABLE if name in form}

        def plan(view: View) -> tuple[str, actions.Make]:
            key = _key(view, entry_id)
            shown = _shown(view, entry_id)
            changed = {n: v for n, v in given.items() if v.strip() != shown.get(n, "").strip()}
            if not changed:
                raise ActionError("nothing was changed: edit a field, then save", 400)
            return key, actions.edited(changed)

        return await self._entry_action(
            entry_id, plan, f"edit {entry_id}", done=f"Saved: {entry_id}", then=f"/e/{entry_id}"
        )

    async def merge(self, request: Request) -> Response:
        """Merge the entry into the target picked by search."""
        entry_id = request.path_params["entry"]
        form = await _form(request)
        target = str(form.get("into", "")).strip()

        def plan(view: View) -> tuple[str, actions.Make]:
            key = _key(view, entry_id)
            if view.entry(target) is None:
                raise ActionError(f"no entry {target} to merge into; search again", 404)
            if target == entry_id:
                raise ActionError("an entry cannot be merged into itself; pick another", 400)
            return key, actions.merged_into(target)

        return await self._entry_action(
            entry_id,
            plan,
            f"merge {entry_id} into {target}",
            done=f"Merged {entry_id} into {target}",
            then=f"/e/{target}",
        )

    async def split(self, request: Request) -> Response:
        """Take one source out of the entry into an entry of its own."""
        entry_id = request.path_params["entry"]
        form = await _form(request)
        source = str(form.get("source", "")).strip()

        def plan(view: View) -> tuple[str, actions.Make]:
            key = _key(view, entry_id)
            entry = view.entry(entry_id)
            assert entry is not None  # _key checked it
            if source not in {e.id for e in entry.events}:
                raise ActionError(f"entry {entry_id} has no source {source}", 404)
            if len(entry.events) < 2:
                raise ActionError("the entry has one source: nothing to split", 400)
            return key, actions.split_out(source)

        return await self._entry_action(
            entry_id,
            plan,
            f"split {source} out of {entry_id}",
            done=f"Split a source out of {entry_id}",
            then=f"/e/{entry_id}",
        )

    async def _entry_action(
        self, entry_id: str, plan: Plan, label: str, *, done: str, then: str, back: str = "entry"
    ) -> Response:
        """Make the change ``plan`` gives (one step named ``label``), note ``done`` and go to
        ``then``; a refused change shows the page ``back`` names again, with why."""
        try:
            await run_in_threadpool(self.change, plan, label)
        except ChronicleError as exc:
            return await self._back_with(exc, back, entry_id)
        self.note(done)
        return _redirect(then)

    async def add(self, request: Request) -> Response:
        """Put an event of the editor's own on the timeline."""
        form = await _form(request)
        fields = {name: str(form.get(name, "")) for name in actions.EDITABLE if name in form}
        try:
            step = await run_in_threadpool(
                self.change, lambda view: actions.own_event(fields, view.taken()), "add an event"
            )
        except ChronicleError as exc:
            return await self.refused(exc, "add.html.j2", fields=fields)
        self.note(f"Added: {fields.get('new_headline', '')}")
        return _redirect(f"/e/{step.entry}")

    async def undo(self, request: Request) -> Response:
        """Undo the last change made in the review (kept in the store: a restart keeps it)."""
        await _form(request)
        try:
            step = await run_in_threadpool(self._store, lambda store: store.undo())
        except ChronicleError as exc:
            return await self.refused(exc, "changes.html.j2")
        if step is None:
            return await self.refused(ActionError("nothing to undo"), "changes.html.j2")
        self.note(f"Undone: {step.label}")
        return _redirect("/changes")

    async def upload(self, request: Request) -> Response:
        """Add uploaded article files to the story (only new ones are tagged)."""
        try:
            length = int(request.headers.get("content-length", "0") or 0)
        except ValueError:
            length = 0
        try:
            if length > MAX_UPLOAD_BYTES:
                raise TooLarge
            form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=10)
        except TooLarge:
            return await self._articles_error(_too_large())
        except Exception as exc:  # python-multipart's and Starlette's parse errors
            if type(exc).__module__.startswith(("multipart", "starlette", "python_multipart")):
                message = f"the upload could not be read ({exc}); pick the files again"
                return await self._articles_error(ActionError(message))
            raise
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        if not files:
            return await self._articles_error(ActionError("no file chosen; pick article files"))
        try:
            report = await run_in_threadpool(self._add_files, files)
        except ChronicleError as exc:
            return await self._articles_error(exc)
        finally:
            for upload in files:
                await upload.close()
        self.note(report)
        return _redirect("/articles")

    def _add_files(self, files: list[UploadFile]) -> str:
        """Read the uploaded files as articles and add them; a summary line for the editor."""
        from chronicle import api

        with tempfile.TemporaryDirectory(prefix="chronicle-review-") as folder:
            paths: list[str] = []
            for upload in files:
                name = _SAFE_NAME.sub("_", Path(upload.filename or "").name).strip("._")
                path = _unused(Path(folder) / (name or "article"))
                upload.file.seek(0)
                with path.open("wb") as handle:
                    while chunk := upload.file.read(1 << 20):
                        handle.write(chunk)
                paths.append(str(path))
            articles, skipped = api.read(
                paths, max_article_bytes=self.settings.max_article_bytes, strict=False
            )
            left = [_without_folder(message, folder) for _, message in skipped]
            if not articles:
                raise ActionError(
                    "nothing added: " + "; ".join(left or ["no article found in the files"]), 400
                )
            report = self._store(lambda store: store.add(articles, style=Style.AUTO))
        parts = [f"{len(report.added)} added, {len(report.replaced)} replaced"]
        parts += [f"{len(report.skipped)} already there"] if report.skipped else []
        parts += [f"left out {message}" for message in left]
        return "Articles: " + "; ".join(parts)

    async def publish(self, request: Request) -> Response:
        """Write the page, the JSON and the TimelineJS file to the chosen folder, atomically."""
        form = await _form(request)
        folder_text = str(form.get("folder", "")).strip()
        chosen = [name for name in OUTPUTS if form.get(name)]
        every = bool(form.get("every"))
        try:
            if not chosen:
                raise ActionError("choose at least one output to publish")
            written = await run_in_threadpool(self._publish, folder_text, chosen, every)
        except ChronicleError as exc:
            return await self.refused(exc, "publish.html.j2", folder=folder_text)
        self.note("Published: " + ", ".join(written))
        return _redirect("/publish")

    def _publish(self, folder_text: str, chosen: list[str], every: bool) -> list[str]:
        """Render every chosen output first, then write each atomically; the paths written."""
        if not folder_text:
            raise ActionError("give the folder to publish to")
        folder = Path(folder_text).expanduser()
        if not folder.is_dir():
            raise ActionError(f"{folder}: no such folder; create it or choose another")
        with Store(self.settings.store) as store:
            timeline = store.timeline(max_events=None if every else DEFAULT_MAX_EVENTS)
        texts = {name: render(timeline, Format(name)) for name in chosen}
        targets = []
        for name in chosen:
            target = output_target(str(folder / OUTPUTS[name]), OUTPUTS[name])
            assert target is not None
            if same_file(str(self.settings.store), target.path):
                raise ActionError(f"{target.shown}: is the story's store; choose another folder")
            targets.append((target, texts[name]))
        for target, text in targets:
            target.write(text)
        return [target.shown for target, _ in targets]

    # -- helpers --------------------------------------------------------------------------------

    async def _back_with(self, error: ChronicleError, back: str, entry_id: str) -> Response:
        """The page the action came from, with the error (the timeline when the entry is gone)."""
        view = await run_in_threadpool(self._store, self.views.view)
        code = error.status if isinstance(error, ActionError) else 400
        if back == "entry" and view.entry(entry_id) is not None:
            return await run_in_threadpool(
                self.page,
                view,
                "entry.html.j2",
                status=code,
                error=str(error),
                entry_id=entry_id,
                find="",
                found=[],
            )
        template = "changes.html.j2" if back == "/changes" else "timeline.html.j2"
        return await run_in_threadpool(self.page, view, template, status=code, error=str(error))

    async def _articles_error(self, error: ChronicleError) -> Response:
        """The articles page with why the upload was refused."""
        articles = await run_in_threadpool(self._store, lambda store: store.articles())
        return await self.refused(error, "articles.html.j2", articles=articles, **self._limits())

    def _limits(self) -> dict[str, str]:
        """The upload bounds, for the page."""
        return {
            "max_article": size_label(self.settings.max_article_bytes),
            "max_upload": size_label(MAX_UPLOAD_BYTES),
            "max_files": str(MAX_UPLOAD_FILES),
        }

    def _publish_folder(self) -> Path:
        """The folder the publish form offers first."""
        return self.settings.publish_to or self.settings.store.resolve().parent


SECURITY_HEADERS = {
    "cache-control": "no-store",
    "referrer-policy": "same-origin",  # no-referrer would make Chromium send Origin: null
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
_DONE = {
    "hide": "Hidden",
    "unhide": "Shown again",
    "pin": "Pinned",
    "unpin": "Unpinned",
    "feature": "Featured",
    "unfeature": "No longer featured",
}


def _listing(rendered: Rendered) -> Markup:
    """The timeline page's list of a state of the story (rendered once, then kept)."""
    with rendered.rendering:
        if rendered.listing is None:
            template = rendered.env.get_template("review/_list.html.j2")
            rendered.listing = Markup(template.render(rendered.context))
        return rendered.listing


def _key(view: View, entry_id: str) -> str:
    """The correction row of a shown entry; ActionError (404) when no entry has that id."""
    entry = view.entry(entry_id)
    if entry is None:
        raise ActionError(
            f"no entry {entry_id} in this story (hidden, merged or gone); reload the page", 404
        )
    return actions.key_for(view.corrections, entry_id, entry.aliases)


def _shown(view: View, entry_id: str) -> dict[str, str]:
    """The editable fields of an entry as the page shows them (the form's first values)."""
    entry = view.entry(entry_id)
    if entry is None:
        return {}
    note = entry.editor.note if entry.editor is not None else None
    return {
        "new_date": entry.when.value,
        "new_headline": entry.headline,
        "new_text": entry.text,
        "group": entry.group or "",
        "note": note or "",
    }


def _found(view: View, entry_id: str, find: str) -> list[Any]:
    """Entries whose date, headline or text hold every word of ``find`` (merge targets)."""
    words = find.casefold().split()
    if not words:
        return []
    found = []
    for entry in view.timeline.entries:
        if entry.id == entry_id:
            continue
        haystack = f"{entry.when.value} {entry.headline} {entry.text} {entry.id}".casefold()
        if all(word in haystack for word in words):
            found.append(entry)
            if len(found) == MAX_FOUND:
                break
    return found


def _back(form: Mapping[str, Any], entry_id: str) -> str:
    """Where an action sends the browser back to: the entry's page, the changes or the list."""
    back = str(form.get("back", ""))
    if back == "entry":
        return f"/e/{entry_id}"
    if back == "changes":
        return "/changes"
    return f"/#{entry_id}"


def _unused(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``... when two uploaded files share a name."""
    candidate, n = path, 2
    while candidate.exists():
        candidate, n = path.with_name(f"{path.stem}-{n}{path.suffix}"), n + 1
    return candidate


def _without_folder(message: str, folder: str) -> str:
    """A reader's message without the upload's temporary folder."""
    return message.replace(folder + "/", "").replace(folder, "")


async def _form(request: Request) -> FormData:
    """The posted form of an action (small: no files)."""
    return await request.form(max_files=0, max_fields=50)


def _redirect(location: str) -> Response:
    """Back to a page after an action (303: the browser GETs it)."""
    return RedirectResponse(location, status_code=303, headers=SECURITY_HEADERS)


def create_app(settings: Settings) -> Starlette:
    """The Starlette app of one story (put :class:`~chronicle.review.security.Guard` in front)."""
    review = Review(settings)
    # the first page of 5,000 entries: 1.7 s of merge and render before it, 0.04 s after
    # (benchmarks/review_5000.py)
    threading.Thread(target=review.warm, name="chronicle-review-warm", daemon=True).start()
    routes = [
        Route("/", review.timeline, methods=["GET"]),
        Route("/e/{entry}", review.entry, methods=["GET"]),
        Route("/e/{entry}/mark", review.mark, methods=["POST"]),
        Route("/e/{entry}/edit", review.edit, methods=["POST"]),
        Route("/e/{entry}/merge", review.merge, methods=["POST"]),
        Route("/e/{entry}/split", review.split, methods=["POST"]),
        Route("/changes", review.changes, methods=["GET"]),
        Route("/undo", review.undo, methods=["POST"]),
        Route("/add", review.add_page, methods=["GET"]),
        Route("/add", review.add, methods=["POST"]),
        Route("/articles", review.articles_page, methods=["GET"]),
        Route("/articles", review.upload, methods=["POST"]),
        Route("/publish", review.publish_page, methods=["GET"]),
        Route("/publish", review.publish, methods=["POST"]),
    ]

    async def refused(request: Request, exc: Exception) -> Response:
        """An action refused outside its own checks: the list, with why."""
        error = exc if isinstance(exc, ActionError) else _too_large()
        return await review.refused(error, "timeline.html.j2")

    return Starlette(routes=routes, exception_handlers={ActionError: refused, TooLarge: refused})


def _too_large() -> ActionError:
    """The error of an upload over the bound."""
    return ActionError(
        f"the upload is over {size_label(MAX_UPLOAD_BYTES)}; send fewer files at once", 413
    )
