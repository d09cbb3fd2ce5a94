"""Local fake MT providers on 127.0.0.1 that speak the real wire formats.

One :class:`FakeProvider` serves, on one port, the endpoints deep-translator and
the ``deepl`` client really call:

- LibreTranslate ``POST /translate`` (query string, form or JSON; ``api_key``)
  and ``GET /languages``
- Google's mobile page ``GET /m?sl=..&tl=..&q=..`` (HTML with ``div.result-container``)
- MyMemory ``GET /get?q=..&langpair=en-GB|de-DE``
- Microsoft ``POST /translate?api-version=3.0&from=..&to=..`` (JSON list) and ``GET /languages``
- DeepL ``POST /v2/translate`` (``Authorization: DeepL-Auth-Key``) and
  ``GET/POST /v2/glossaries``, ``DELETE /v2/glossaries/{id}``

"Translation" is a word-for-word dictionary lookup (unknown words, names included,
are copied), so tests know the exact output. Faults are scripted per request:
push onto ``provider.faults`` values like ``Fault.status(429, retry_after=3)``,
``Fault.status(500)``, ``Fault.hang()``, ``Fault.malformed()``; ``latency`` adds a
delay to every translate request; ``mangle`` rewrites every output (drop
placeholders, transliterate wrongly, ...).

Fixtures live in :mod:`servers.fixtures` (``pytest_plugins = ["servers.fixtures"]``):
``provider`` gives a running server; ``dead_url`` a URL where nobody listens.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# Word-for-word dictionaries per target language (lower-case keys).
WORDS: dict[str, dict[str, str]] = {
    "de": {
        "the": "die", "foreign": "Außen", "minister": "minister", "met": "traf",
        "in": "in", "moscow": "Moskau", "alliance": "Allianz", "is": "ist", "strong": "stark",
        "said": "sagte", "and": "und", "iran": "Iran", "russia": "Russland", "today": "heute",
        "treaty": "Vertrag", "of": "von", "a": "ein", "new": "neu", "talks": "Gespräche",
        "hello": "Hallo", "world": "Welt", "with": "mit", "signed": "unterzeichnete",
    },
    "fr": {
        "the": "le", "foreign": "étranger", "minister": "ministre", "met": "a rencontré",
        "in": "à", "moscow": "Moscou", "alliance": "alliance", "is": "est", "strong": "forte",
        "said": "a dit", "and": "et", "iran": "Iran", "russia": "Russie", "today": "aujourd'hui",
        "hello": "Bonjour", "world": "monde", "treaty": "traité",
    },
    "en": {
        "der": "the", "die": "the", "das": "the", "außenminister": "foreign minister",
        "traf": "met", "in": "in", "moskau": "Moscow", "bündnis": "alliance", "ist": "is",
        "stark": "strong", "und": "and", "heute": "today", "hallo": "hello", "welt": "world",
    },
}
_WORD = re.compile(r"\w+", re.UNICODE)


def fake_translate(text: str, target: str) -> str:
    """The provider's deterministic "translation": known words replaced, the rest copied."""
    table = WORDS.get(target.split("-", maxsplit=1)[0].split("_", maxsplit=1)[0].lower(), {})

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        found = table.get(word.lower())
        if found is None:
            return word
        return found[0].upper() + found[1:] if word[0].isupper() else found

    return _WORD.sub(swap, text)


@dataclass(frozen=True)
class Fault:
    """What the server does instead of answering one translate request."""

    kind: str  # "status" | "hang" | "malformed" | "close"
    code: int = 0
    retry_after: str | None = None

    @staticmethod
    def status(code: int, retry_after: float | str | None = None) -> Fault:
        return Fault("status", code, None if retry_after is None else str(retry_after))

    @staticmethod
    def hang() -> Fault:
        return Fault("hang")

    @staticmethod
    def malformed() -> Fault:
        return Fault("malformed")

    @staticmethod
    def close() -> Fault:
        return Fault("close")


@dataclass
class Request:
    """One request the provider received."""

    method: str
    path: str
    params: dict[str, Any]  # query string, form and JSON body merged
    headers: dict[str, str]
    query: dict[str, str] = field(default_factory=dict)  # the query string alone
    body: Any = None  # the decoded JSON or form body alone


@dataclass
class Glossary:
    glossary_id: str
    name: str
    source_lang: str
    target_lang: str
    entries: dict[str, str]


@dataclass
class FakeProvider:
    """A running fake provider; see the module docstring."""

    latency: float = 0.0
    mangle: Callable[[str, str], str] | None = None  # (output, target) -> output
    deepl_key: str = "test-key:fx"
    libre_key: str | None = None
    faults: deque[Fault] = field(default_factory=deque)
    requests: list[Request] = field(default_factory=list)
    glossaries: dict[str, Glossary] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    in_flight: int = 0
    max_in_flight: int = 0

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> FakeProvider:
        provider = self

        class Handler(_Handler):
            owner = provider

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def translate_requests(self, path: str | None = None) -> list[Request]:
        """Requests that asked for a translation (optionally only those to ``path``)."""
        paths = {"/translate", "/m", "/get", "/v2/translate"}
        return [r for r in self.requests if r.path in paths and (path is None or r.path == path)]

    def _next_fault(self) -> Fault | None:
        with self._lock:
            return self.faults.popleft() if self.faults else None

    def _record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def _output(self, text: str, target: str, glossary: Glossary | None = None) -> str:
        if glossary is not None:
            for source, rendering in sorted(glossary.entries.items(), key=lambda kv: -len(kv[0])):
                text = re.sub(rf"\b{re.escape(source)}\b", rendering, text)
        out = fake_translate(text, target)
        return self.mangle(out, target) if self.mangle else out


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up mid-answer (timeouts, killed runs) are normal here."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class _Handler(BaseHTTPRequestHandler):
    owner: FakeProvider
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # -- plumbing ---------------------------------------------------------------------
    def _params(self) -> dict[str, Any]:
        parts = urlsplit(self.path)
        params: dict[str, Any] = {k: v[0] for k, v in parse_qs(parts.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        kind = self.headers.get("Content-Type", "")
        self._body: Any = None
        if body and "json" in kind:
            data = json.loads(body)
            self._body = data
            if isinstance(data, dict):
                params.update(data)
            else:
                params["_json"] = data
        elif body:
            self._body = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            params.update(self._body)
        return params

    def _send(self, status: int, body: str | bytes, kind: str = "application/json",
              headers: dict[str, str] | None = None) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: int, value: Any) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False))

    def _translate_gate(self) -> bool:
        """Apply latency and the next scripted fault; True when the request may be answered."""
        owner = self.owner
        with owner._lock:
            owner.in_flight += 1
            owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
        try:
            if owner.latency:
                time.sleep(owner.latency)
            fault = owner._next_fault()
        finally:
            with owner._lock:
                owner.in_flight -= 1
        if fault is None:
            return True
        if fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            self._send(fault.code, json.dumps({"error": f"scripted {fault.code}"}), headers=headers)
        elif fault.kind == "hang":
            owner._stop.wait(30)
            self.close_connection = True
        elif fault.kind == "malformed":
            self._send(200, b"<html>oops, not what you expected", kind="application/json")
        elif fault.kind == "close":
            self.close_connection = True
        return False

    def _route(self, method: str) -> None:
        params = self._params()
        path = urlsplit(self.path).path
        query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        headers = dict(self.headers.items())
        self.owner._record(Request(method, path, params, headers, query, self._body))
        handler = getattr(self, f"_{method.lower()}_{path.strip('/').replace('/', '_')}", None)
        if handler is None and path.startswith("/v2/glossaries/"):
            handler = getattr(self, f"_{method.lower()}_glossary")
        if handler is None:
            self._json(404, {"error": f"no route {method} {path}"})
            return
        handler(params)

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    # -- LibreTranslate ---------------------------------------------------------------
    def _post_translate(self, params: dict[str, Any]) -> None:
        if "_json" in params:  # Microsoft sends a JSON list to /translate
            self._microsoft(params)
            return
        key = self.owner.libre_key
        if key is not None and params.get("api_key") != key:
            self._json(403, {"error": "Invalid API key"})
            return
        if not self._translate_gate():
            return
        if "q" not in params or "target" not in params:
            self._json(400, {"error": "Invalid request: missing q or target parameter"})
            return
        self._json(200, {"translatedText": self.owner._output(params["q"], params["target"])})

    def _get_languages(self, params: dict[str, Any]) -> None:
        if params.get("api-version"):  # Microsoft
            names = {"de": "German", "en": "English", "fr": "French", "fa": "Persian",
                     "ru": "Russian", "es": "Spanish", "zh-Hans": "Chinese Simplified"}
            self._json(200, {"translation": {k: {"name": v, "nativeName": v, "dir": "ltr"}
                                             for k, v in names.items()}})
            return
        self._json(200, [{"code": c, "name": c, "targets": ["de", "en", "fr", "fa", "ru", "es"]}
                         for c in ("de", "en", "fr", "fa", "ru", "es")])

    # -- Microsoft --------------------------------------------------------------------
    def _microsoft(self, params: dict[str, Any]) -> None:
        if not self.headers.get("Ocp-Apim-Subscription-Key"):
            self._json(401, {"error": {"code": 401000, "message": "missing key"}})
            return
        if not self._translate_gate():
            return
        target = params.get("to", "")
        texts = [item["text"] for item in params["_json"]]
        self._json(200, [{"translations": [{"text": self.owner._output(t, target), "to": target}]}
                         for t in texts])

    # -- Google (the page deep-translator scrapes) -------------------------------------
    def _get_m(self, params: dict[str, Any]) -> None:
        if not self._translate_gate():
            return
        text = self.owner._output(params.get("q", ""), params.get("tl", "en"))
        page = (
            "<!DOCTYPE html><html><head><title>Google Translate</title></head><body>"
            '<div class="frame"><div class="result-container">'
            f"{html.escape(text)}</div></div></body></html>"
        )
        self._send(200, page, kind="text/html; charset=utf-8")

    # -- MyMemory ---------------------------------------------------------------------
    def _get_get(self, params: dict[str, Any]) -> None:
        if not self._translate_gate():
            return
        target = params.get("langpair", "en|de").split("|")[-1]
        text = self.owner._output(params.get("q", ""), target)
        self._json(200, {"responseData": {"translatedText": text, "match": 0.85},
                         "responseStatus": 200, "matches": []})

    # -- DeepL ------------------------------------------------------------------------
    def _deepl_authorised(self) -> bool:
        if self.headers.get("Authorization") != f"DeepL-Auth-Key {self.owner.deepl_key}":
            self._json(403, {"message": "Wrong endpoint or authentication"})
            return False
        return True

    def _post_v2_translate(self, params: dict[str, Any]) -> None:
        if not self._deepl_authorised() or not self._translate_gate():
            return
        glossary = None
        if params.get("glossary_id"):
            glossary = self.owner.glossaries.get(params["glossary_id"])
            if glossary is None:
                self._json(404, {"message": "Glossary not found"})
                return
        target = params["target_lang"]
        texts = params.get("text", [])
        self._json(200, {"translations": [
            {"detected_source_language": params.get("source_lang", "EN"),
             "text": self.owner._output(t, target, glossary), "billed_characters": len(t)}
            for t in texts
        ]})

    def _glossary_json(self, glossary: Glossary) -> dict[str, Any]:
        return {"glossary_id": glossary.glossary_id, "name": glossary.name, "ready": True,
                "source_lang": glossary.source_lang, "target_lang": glossary.target_lang,
                "creation_time": "2026-11-25T09:00:00.123456Z",
                "entry_count": len(glossary.entries)}

    def _get_v2_glossaries(self, params: dict[str, Any]) -> None:
        if self._deepl_authorised():
            self._json(200, {"glossaries": [self._glossary_json(g)
                                            for g in self.owner.glossaries.values()]})

    def _post_v2_glossaries(self, params: dict[str, Any]) -> None:
        if not self._deepl_authorised():
            return
        if params.get("entries_format") != "tsv":
            self._json(400, {"message": "Unsupported entries_format"})
            return
        entries = dict(line.split("\t", 1) for line in params["entries"].splitlines() if line)
        glossary = Glossary(f"g-{next(self.owner._ids)}", params["name"], params["source_lang"],
                            params["target_lang"], entries)
        self.owner.glossaries[glossary.glossary_id] = glossary
        self._json(201, self._glossary_json(glossary))

    def _delete_glossary(self, params: dict[str, Any]) -> None:
        if not self._deepl_authorised():
            return
        glossary_id = urlsplit(self.path).path.rsplit("/", 1)[-1]
        if self.owner.glossaries.pop(glossary_id, None) is None:
            self._json(404, {"message": "Glossary not found"})
            return
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()


def free_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
