"""The workbench as a Starlette application: routes, Host check, CSRF token, safe headers.

Every request must name the host and port the server listens on (``Host``): a web
page that rebinds its own domain to 127.0.0.1 (DNS rebinding) is refused before any
route runs. Every write is a POST carrying the server's CSRF token (a random value
only pages served here contain); a POST from another origin (``Origin``,
``Sec-Fetch-Site``) is refused even with a token. Pages carry a Content-Security-
Policy that allows no network access but this server and only Accord's own script.

Routes (locale and slug are checked against the repository before any file is named)::

    GET  /                          overview: every locale's progress
    GET  /l/<locale>                one locale: its articles
    GET  /l/<locale>/<slug>         one article: segments, filters (?state=&check=&errors=1&q=)
    POST /l/<locale>/<slug>/<action>   edit | approve | reject | approve-clean | fix
    POST /reviewer                  the reviewer's name (a cookie; git's user.name by default)
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from accord.config import Config
from accord.errors import AccordError, ReviewError
from accord.glossary import load_glossary
from accord.ids import segment_id
from accord.review.state import state_of
from accord.serve import actions
from accord.serve.pages import (
    Filters,
    article_page,
    content_security_policy,
    overview_model,
    render,
)
from accord.tasks.review import reviewer_name
from accord.workspace import ArticleRef, discover_articles, po_path, targets_of

COOKIE = "accord_reviewer"
MAX_BODY = 1_000_000
ACTIONS = ("edit", "approve", "reject", "approve-clean", "fix")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class Settings:
    """What every request needs: the repository, who we are (hosts, origins), the token."""

    config: Config
    hosts: frozenset[str]  # accepted Host header values ("127.0.0.1:8765")
    csrf: str
    default_reviewer: str

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{h}" for h in self.hosts)


def served_hosts(host: str, port: int) -> frozenset[str]:
    """The Host header values of a server on ``host``:``port`` (loopback names included)."""
    names = {host}
    if host in {"127.0.0.1", "localhost"}:
        names |= {"127.0.0.1", "localhost"}
    shown = {f"[{n}]" if ":" in n else n for n in names}
    hosts = {f"{n}:{port}" for n in shown}
    return frozenset(hosts | (shown if port == 80 else set()))


def create_app(config: Config, host: str, port: int, csrf: str | None = None) -> ASGIApp:
    """The workbench over ``config``'s repository, served at ``host``:``port``."""
    try:
        default = actions.clean_name(reviewer_name(config.root))
    except ReviewError:
        default = ""
    settings = Settings(config, served_hosts(host, port), csrf or secrets.token_urlsafe(32),
                        default)
    routes = [
        Route("/", _endpoint(settings, _overview), methods=["GET"]),
        Route("/l/{locale}", _endpoint(settings, _locale), methods=["GET"]),
        Route("/l/{locale}/{slug:path}", _endpoint(settings, _article), methods=["GET"]),
        Route("/l/{locale}/{slug:path}/{action}", _endpoint(settings, _act), methods=["POST"]),
        Route("/reviewer", _endpoint(settings, _reviewer), methods=["POST"]),
    ]
    return Guard(Starlette(routes=routes), settings)


class Guard:
    """ASGI middleware: refuse a foreign Host; add security headers to every response."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),  # no-referrer would send "Origin: null"
        (b"cache-control", b"no-store"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"cross-origin-resource-policy", b"same-origin"),
    )

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.csp = content_security_policy().encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host.lower() not in self.settings.hosts:
            response = PlainTextResponse(
                f"refused: this server answers only to {' or '.join(sorted(self.settings.hosts))}"
                f", not to Host {host!r}\n", status_code=421)
            await response(scope, receive, self._headers(send))
            return
        await self.app(scope, receive, self._headers(send))

    def _headers(self, send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS,
                                      (b"content-security-policy", self.csp)]
            await send(message)
        return wrapped


Handler = Callable[[Settings, Request], Awaitable[Response]]


def _endpoint(settings: Settings, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(settings, request)
        except NotFound as error:
            return _page("error.html", settings, request, status=404, title="Not found",
                         message=str(error))
        except AccordError as error:
            return _page("error.html", settings, request, status=400, title="Not done",
                         message=str(error))
    return endpoint


class NotFound(Exception):
    """No such locale or article (404)."""


class Refused(Exception):
    """A write without the right token or from another origin (403)."""


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


async def _overview(settings: Settings, request: Request) -> Response:
    config = settings.config

    def build() -> Any:
        articles = discover_articles(config)
        return overview_model(config, load_glossary(config.glossary_dir), articles)

    model = await run_in_threadpool(build)
    return _page("overview.html", settings, request, title="Overview", model=model)


async def _locale(settings: Settings, request: Request) -> Response:
    config = settings.config
    locale = _locale_of(settings, request.path_params["locale"])

    def build() -> Any:
        articles = [a for a in discover_articles(config) if targets_of(a, [locale])]
        return overview_model(config, load_glossary(config.glossary_dir), articles)

    model = await run_in_threadpool(build)
    (view,) = [lv for lv in model.locales if lv.locale == locale]
    return _page("locale.html", settings, request, title=f"{view.name} ({locale})",
                 model=model, locale=view)


async def _article(settings: Settings, request: Request) -> Response:
    config = settings.config
    locale = _locale_of(settings, request.path_params["locale"])
    filters = Filters.from_params(request.query_params)

    def build() -> Any:
        article = _article_of(config, locale, request.path_params["slug"])
        return article_page(config, load_glossary(config.glossary_dir), locale, article, filters)

    page = await run_in_threadpool(build)
    done = _done(request.query_params)
    return _page("article.html", settings, request,
                 title=f"{page.article.slug} ({locale})", page=page, done=done)


def _done(params: Any) -> dict[str, Any] | None:
    """The notice after a write (codes only: a link cannot make the page say anything else)."""
    action = params.get("done", "")
    if action not in ACTIONS:
        return None
    count = params.get("n", "0")
    return {"action": action, "segment": params.get("seg", "")[:8],
            "count": int(count) if count.isdigit() else 0}


# ---------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------


async def _act(settings: Settings, request: Request) -> Response:
    config = settings.config
    try:
        form = await _checked_form(settings, request)
    except Refused as error:
        return PlainTextResponse(f"refused: {error}\n", status_code=403)
    locale = _locale_of(settings, request.path_params["locale"])
    action = request.path_params["action"]
    if action not in ACTIONS:
        raise NotFound(f"no action {action!r}")
    filters = Filters.from_params(dict(parse_qsl(form.get("view", ""))))
    wanted = form.get("segment", "").strip().lower()
    reviewer = _reviewer_of(settings, request)

    def run() -> actions.Outcome:
        article = _article_of(config, locale, request.path_params["slug"])
        target = actions.Target(locale, article)
        file = config.relative(po_path(config, locale, article.slug))
        glossary = load_glossary(config.glossary_dir)
        if action in {"approve", "reject", "approve-clean"} and not reviewer:
            raise ReviewError("no reviewer name: set yours at the top of the page")
        change = {
            "edit": lambda: actions.edit(target, glossary, wanted, form.get("msgstr", ""), file),
            "approve": lambda: actions.approve(wanted, reviewer, file),
            "reject": lambda: actions.reject(wanted, reviewer, form.get("reason", ""), file),
            "approve-clean": lambda: actions.approve_clean(target, glossary, reviewer),
            "fix": lambda: actions.fix(target, glossary, wanted, file),
        }[action]()
        return actions.write(config, target, form.get("version", ""), action, change)

    try:
        outcome = await run_in_threadpool(run)
    except actions.Conflict as conflict:
        return _conflict(settings, request, conflict, locale=locale, action=action,
                         form=form, filters=filters)
    slug = request.path_params["slug"]
    query = dict(parse_qsl(filters.query_string()))
    query.update(done=action, n=str(len(outcome.segments)))
    if action != "approve-clean" and outcome.segments:
        query["seg"] = outcome.segments[0]
    # the anchor is a plain element: a focusable target (the section) would take the focus
    # from the segment the script selects next
    anchor = f"#at-{outcome.segments[0]}" if outcome.segments and action != "approve-clean" else ""
    return RedirectResponse(f"/l/{quote(locale)}/{quote(slug)}?{urlencode(query)}{anchor}",
                            status_code=303)


def _conflict(
    settings: Settings, request: Request, conflict: actions.Conflict, *, locale: str,
    action: str, form: dict[str, str], filters: Filters,
) -> Response:
    """The 409 page: nothing written; what the file holds now beside what was sent."""
    current = conflict.current
    wanted = form.get("segment", "").strip().lower()
    entry = None
    if current is not None:
        entry = next((e for e in current.catalog.messages()
                      if segment_id(e.msgid, e.msgctxt) == wanted), None)
    return _page(
        "conflict.html", settings, request, status=409, title="Conflict: nothing written",
        file=conflict.file, action=action, locale=locale, slug=request.path_params["slug"],
        segment=wanted, entry=entry, state=state_of(entry).value if entry else None,
        version=current.version if current else None, sent_msgstr=form.get("msgstr", ""),
        sent_reason=form.get("reason", ""), view=filters.query_string(),
    )


async def _reviewer(settings: Settings, request: Request) -> Response:
    try:
        form = await _checked_form(settings, request)
    except Refused as error:
        return PlainTextResponse(f"refused: {error}\n", status_code=403)
    name = actions.clean_name(form.get("name", ""))
    back = form.get("back", "/")
    parts = urlsplit(back)
    if parts.scheme or parts.netloc or not back.startswith("/") or back.startswith("//"):
        back = "/"
    response = RedirectResponse(back, status_code=303)
    if name:
        response.set_cookie(COOKIE, quote(name), max_age=400 * 24 * 3600, httponly=True,
                            samesite="strict", path="/")
    else:
        response.delete_cookie(COOKIE, path="/")
    return response


async def _checked_form(settings: Settings, request: Request) -> dict[str, str]:
    """The POSTed form, if it comes from a page of this server; Refused otherwise."""
    origin = request.headers.get("origin")
    if origin is not None and origin not in settings.origins:
        raise Refused(f"a form from {origin!r} (another site) cannot write here")
    if request.headers.get("sec-fetch-site", "same-origin") not in {"same-origin", "none"}:
        raise Refused("a cross-site request cannot write here")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise Refused("expected a form (application/x-www-form-urlencoded)")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused("the form is too large")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=32)
    except (UnicodeDecodeError, ValueError):
        raise Refused("the form is not UTF-8 form data") from None
    form = dict(pairs)
    if not secrets.compare_digest(form.get("csrf", "").encode(), settings.csrf.encode()):
        raise Refused("the form's CSRF token is missing or wrong: reload the page")
    return form


# ---------------------------------------------------------------------------
# Shared
# ---------------------------------------------------------------------------


def _locale_of(settings: Settings, value: str) -> str:
    if value not in settings.config.locales:
        raise NotFound(f"no target locale {value!r} in this repository")
    return value


def _article_of(config: Config, locale: str, slug: str) -> ArticleRef:
    for article in discover_articles(config):
        if article.slug == slug and targets_of(article, [locale]):
            return article
    raise NotFound(f"no article {slug!r} to translate into {locale}")


def _reviewer_of(settings: Settings, request: Request) -> str:
    cookie = request.cookies.get(COOKIE)
    if cookie:
        name = actions.clean_name(unquote(cookie))
        if name:
            return name
    return settings.default_reviewer


def _page(template: str, settings: Settings, request: Request, *, status: int = 200,
          **values: Any) -> Response:
    html = render(template, csrf=settings.csrf, reviewer=_reviewer_of(settings, request),
                  here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
                  locales=settings.config.locales, **values)
    return HTMLResponse(html, status_code=status)

