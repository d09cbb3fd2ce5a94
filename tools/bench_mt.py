"""Benchmark: concurrent machine translation against a slow local LibreTranslate.

``python -m tools.bench_mt [--segments 1000] [--latency 0.1] [--concurrency 16]``

Builds a throw-away repository with ``--segments`` untranslated entries (ten
articles, one target locale), serves a LibreTranslate-compatible ``POST /translate``
on 127.0.0.1 that waits ``--latency`` seconds per request, and reports:

1. wall time of a translate run with ``--concurrency`` parallel requests;
2. requests made by an unchanged re-run, and by a re-run after the PO files were
   reset (the cache must answer everything: zero requests);
3. wall time of the same work with strictly sequential requests (concurrency 1,
   empty cache), and the speed-up.

Not a test: numbers depend on the machine. Exit code 1 if a re-run made a request.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from accord.config import load_config
from accord.glossary import load_glossary
from accord.mt.engines.retry import RetryPolicy
from accord.steps.translate import Summary, plan_translation, run_translation
from accord.workspace import discover_articles

ARTICLES = 10
GLOSSARY = """\
- id: abbas-araghchi
  kind: name
  terms: {en: [Abbas Araghchi, Araghchi], de: [Abbas Araghtschi, Araghtschi]}
  forbidden: {de: [Araghchi]}
- id: site-name
  kind: brand
  terms: {all: [Russland Iran Bündnis]}
"""
HEADER = (
    'msgid ""\nmsgstr ""\n"Language: de\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"X-Source-Language: en\\n"\n'
)


class _Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0


@contextmanager
def slow_libre(latency: float) -> Iterator[tuple[str, _Counter]]:
    """A LibreTranslate-compatible server on 127.0.0.1 answering after ``latency`` seconds."""
    counter = _Counter()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16  # headers and body in one segment: no delayed-ACK stalls

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            params.update({k: v[0] for k, v in parse_qs(body).items()})
            with counter.lock:
                counter.requests += 1
            time.sleep(latency)
            text = "[de] " + params.get("q", "")
            data = json.dumps({"translatedText": text}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", counter
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def make_repository(root: Path, url: str, segments: int, concurrency: int) -> None:
    """A repository with ``segments`` untranslated entries spread over ten articles."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [tool.accord]
        locales = ["de"]
        [tool.accord.translate]
        engine = "libre"
        [tool.accord.engines.libre]
        url = "{url}"
        concurrency = {concurrency}
        timeout = 30
        """), encoding="utf-8")
    (root / "glossary").mkdir(exist_ok=True)
    (root / "glossary" / "bench.yaml").write_text(GLOSSARY, encoding="utf-8")
    (root / "sources" / "en").mkdir(parents=True, exist_ok=True)
    for article in range(ARTICLES):
        slug = f"article-{article:02d}"
        (root / "sources" / "en" / f"{slug}.md").write_text("Text.\n", encoding="utf-8")
        reset_po(root, slug, [n for n in range(segments) if n % ARTICLES == article])


def reset_po(root: Path, slug: str, numbers: list[int]) -> None:
    folder = root / "locales" / "de"
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(
        f'\n#: sources/en/{slug}.md:{n + 1}\nmsgid "Paragraph {n}: Abbas Araghchi spoke '
        f'to Russland Iran Bündnis about item {n}."\nmsgstr ""\n'
        for n in numbers
    )
    (folder / f"{slug}.po").write_text(HEADER + body, encoding="utf-8")


def translate_once(root: Path) -> tuple[Summary, float]:
    """One translate run over ``root``; its summary and wall time in seconds."""
    config = load_config(root)
    plan = plan_translation(config, list(config.locales), discover_articles(config))
    started = time.perf_counter()
    summary = run_translation(config, plan, load_glossary(config.glossary_dir),
                              policy=RetryPolicy(retries=0), env={})
    return summary, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report; 1 if a re-run sent a request."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench_mt", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per request")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--skip-sequential", action="store_true",
                        help="do not run the (slow) sequential baseline")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="accord-bench-"))
    try:
        with slow_libre(args.latency) as (url, counter):
            concurrent_root, sequential_root = work / "concurrent", work / "sequential"
            make_repository(concurrent_root, url, args.segments, args.concurrency)
            first, concurrent_time = translate_once(concurrent_root)
            sent_first = counter.requests
            print(f"segments: {args.segments}, latency {args.latency * 1000:.0f} ms/request")
            print(f"concurrent ({args.concurrency}): {concurrent_time:.2f} s, "
                  f"{sent_first} requests, {first.failed} failed")
            _, rerun_time = translate_once(concurrent_root)
            rerun_requests = counter.requests - sent_first
            for article in range(ARTICLES):
                reset_po(concurrent_root, f"article-{article:02d}",
                         [n for n in range(args.segments) if n % ARTICLES == article])
            cached, cached_time = translate_once(concurrent_root)
            cache_requests = counter.requests - sent_first - rerun_requests
            print(f"re-run, unchanged: {rerun_requests} requests ({rerun_time:.2f} s)")
            print(f"re-run, PO files reset: {cache_requests} requests, "
                  f"{cached.from_cache} from cache ({cached_time:.2f} s)")
            if not args.skip_sequential:
                make_repository(sequential_root, url, args.segments, 1)
                _, sequential_time = translate_once(sequential_root)
                print(f"sequential (1): {sequential_time:.2f} s")
                print(f"speed-up: {sequential_time / concurrent_time:.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if rerun_requests or cache_requests else 0


if __name__ == "__main__":
    raise SystemExit(main())
