"""``accord serve`` over HTTP: Host check, CSRF token, conflicts, the writes and the pages."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from accord.config import load_config
from accord.errors import ConfigError
from accord.serve.history import blame_file, msgstr_change
from accord.serve.server import Served, bind, serving
from accord.serve.snapshot import version_of
from helpers import msgfmt_check
from serve_repo import (
    REVIEWER,
    SEG,
    accord,
    msgstrs,
    po_file,
    repo,
    served,
    states,
    template,
)

__all__ = ["repo", "served", "template"]  # the shared fixtures (tests/serve_repo.py)
ARTICLE_PATH = "/l/de/a"


def request(
    served: Served, method: str, path: str, body: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    """One HTTP request; Host is the served one unless ``headers`` says otherwise."""
    connection = http.client.HTTPConnection(served.host, served.port, timeout=30)
    try:
        sent = {"Host": f"{served.host}:{served.port}", **(headers or {})}
        data = None
        if body is not None:
            data = urlencode(body).encode()
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def form(served: Served, repo: Path, **fields: str) -> dict[str, str]:
    """The hidden fields of a page's form (token, version of the file now) plus ``fields``."""
    return {"csrf": served.csrf, "version": version_of(po_file(repo).read_bytes()), **fields}


def test_foreign_host_is_refused(served: Served, repo: Path) -> None:
    """A request naming another Host (DNS rebinding) is refused before any route runs."""
    before = po_file(repo).read_bytes()
    status, _, body = request(served, "GET", ARTICLE_PATH, headers={"Host": "evil.example:80"})
    assert status == 421
    assert "refused" in body
    assert "Allianz" not in body
    fields = form(served, repo, segment=SEG["Russia and Iran signed a treaty."])
    status, _, _ = request(served, "POST", f"{ARTICLE_PATH}/approve", fields,
                           headers={"Host": f"rebound.example:{served.port}"})
    assert status == 421
    assert po_file(repo).read_bytes() == before


def test_pages_answer_to_the_served_host(served: Served) -> None:
    """The overview, locale and article pages answer on 127.0.0.1 and localhost, with a CSP."""
    for host in (f"127.0.0.1:{served.port}", f"localhost:{served.port}"):
        for path in ("/", "/l/de", ARTICLE_PATH):
            status, headers, body = request(served, "GET", path, headers={"Host": host})
            assert status == 200, (host, path)
            assert "default-src 'none'" in headers["content-security-policy"]
            assert headers["x-frame-options"] == "DENY"
            assert "<html" in body


def test_post_without_token_is_refused(served: Served, repo: Path) -> None:
    """A cross-site POST without the CSRF token, or with a wrong one, changes nothing."""
    before = po_file(repo).read_bytes()
    fields = form(served, repo, segment=SEG["Russia and Iran signed a treaty."])
    del fields["csrf"]
    status, _, body = request(served, "POST", f"{ARTICLE_PATH}/approve", fields)
    assert status == 403
    assert "CSRF" in body
    status, _, _ = request(served, "POST", f"{ARTICLE_PATH}/approve", {**fields, "csrf": "guess"})
    assert status == 403
    status, _, _ = request(served, "POST", "/reviewer", {"name": "Mallory", "back": "/"})
    assert status == 403
    assert po_file(repo).read_bytes() == before


def test_post_from_another_origin_is_refused_even_with_the_token(
    served: Served, repo: Path
) -> None:
    """A form posted by another site's page (Origin, Sec-Fetch-Site) is refused."""
    before = po_file(repo).read_bytes()
    fields = form(served, repo, segment=SEG["Russia and Iran signed a treaty."])
    status, _, _ = request(served, "POST", f"{ARTICLE_PATH}/approve", fields,
                           headers={"Origin": "http://evil.example"})
    assert status == 403
    status, _, _ = request(served, "POST", f"{ARTICLE_PATH}/approve", fields,
                           headers={"Sec-Fetch-Site": "cross-site"})
    assert status == 403
    assert po_file(repo).read_bytes() == before


def test_approve_with_token_writes_the_mark(served: Served, repo: Path) -> None:
    """A same-origin approve with the token approves the segment as git's user.name."""
    treaty = "Russia and Iran signed a treaty."
    fields = form(served, repo, segment=SEG[treaty])
    status, headers, _ = request(served, "POST", f"{ARTICLE_PATH}/approve", fields,
                                 headers={"Origin": f"http://127.0.0.1:{served.port}"})
    assert status == 303
    assert headers["location"].endswith(f"#at-{SEG[treaty]}")
    assert states(repo)[treaty] == "approved"
    assert f'approved by "{REVIEWER}"' in po_file(repo).read_text(encoding="utf-8")
    assert msgfmt_check(po_file(repo)).returncode == 0


def test_stale_version_is_a_conflict_and_nothing_is_written(served: Served, repo: Path) -> None:
    """Two pages read the same version: the second write is refused and shows the file now."""
    page_version = form(served, repo)["version"]
    officials = "Officials met in Moscow today."
    first = form(served, repo, segment=SEG[officials], msgstr="Beamte trafen sich in Moskau.")
    assert request(served, "POST", f"{ARTICLE_PATH}/edit", first)[0] == 303
    after_first = po_file(repo).read_bytes()
    second = {**first, "version": page_version, "msgstr": "Offizielle trafen sich."}
    status, _, body = request(served, "POST", f"{ARTICLE_PATH}/edit", second)
    assert status == 409
    assert "nothing was written" in body.lower()
    assert "Beamte trafen sich in Moskau." in body  # what the file holds now
    assert "Offizielle trafen sich." in body  # what was sent, kept to send again
    assert po_file(repo).read_bytes() == after_first
    assert msgstrs(repo)[officials] == "Beamte trafen sich in Moskau."


def test_sync_in_between_is_a_conflict(served: Served, repo: Path) -> None:
    """A page read before ``accord sync`` rewrote the file cannot write over sync's result."""
    fields = form(served, repo, segment=SEG["Russia and Iran signed a treaty."])
    source = repo / "sources" / "en" / "a.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA late addition.\n",
                      encoding="utf-8")
    accord(repo, "sync")
    synced = po_file(repo).read_bytes()
    status, _, body = request(served, "POST", f"{ARTICLE_PATH}/approve", fields)
    assert status == 409
    assert "changed on disk" in body
    assert "Approve the text above" in body  # a deliberate decision on the file as it is now
    assert f'name="version" value="{version_of(synced)}"' in body
    assert po_file(repo).read_bytes() == synced
    assert states(repo)["A late addition."] == "untranslated"


def test_edit_becomes_translated_and_is_checked(served: Served, repo: Path) -> None:
    """An edited segment is a person's translation (fuzzy cleared) and its findings show."""
    officials = "Officials met in Moscow today."
    text = "Die Allianz traf sich\r\nin Moskau."  # a browser sends CRLF line breaks
    fields = form(served, repo, segment=SEG[officials], msgstr=text)
    status, headers, _ = request(served, "POST", f"{ARTICLE_PATH}/edit", fields)
    assert status == 303
    assert msgstrs(repo)[officials] == "Die Allianz traf sich\nin Moskau."
    assert states(repo)[officials] == "translated"
    location = headers["location"]
    status, _, body = request(served, "GET", location.split("#")[0])
    assert "done=edit" in location
    assert 'id="notice"' in body
    section = body[body.index(f'id="seg-{SEG[officials]}"'):]
    section = section[:section.index("</section>")]
    assert "glossary-forbidden" in section
    assert msgfmt_check(po_file(repo)).returncode == 0


def test_empty_edit_and_reject_without_reason_are_refused(served: Served, repo: Path) -> None:
    """An empty translation or a rejection without a reason is an error; the file is untouched."""
    before = po_file(repo).read_bytes()
    treaty = SEG["Russia and Iran signed a treaty."]
    status, _, body = request(served, "POST", f"{ARTICLE_PATH}/edit",
                              form(served, repo, segment=treaty, msgstr="  "))
    assert status == 400
    assert "cannot be empty" in body
    status, _, body = request(served, "POST", f"{ARTICLE_PATH}/reject",
                              form(served, repo, segment=treaty, reason=" "))
    assert status == 400
    assert "reason" in body
    assert po_file(repo).read_bytes() == before


def test_approve_clean_approves_what_the_task_would(served: Served, repo: Path) -> None:
    """"Approve all clean" approves the translated segments without errors, as --all-clean."""
    status, _, _ = request(served, "POST", f"{ARTICLE_PATH}/approve-clean", form(served, repo))
    assert status == 303
    assert states(repo) == {
        "The alliance": "approved",
        "Talks on the alliance": "approved",
        "The alliance is strong.": "translated",  # glossary-forbidden: an error
        "Russia and Iran signed a treaty.": "approved",
        "Officials met in Moscow today.": "untranslated",
        "A new paragraph about the corridor.": "approved",
    }


def test_fix_replaces_the_forbidden_variant(served: Served, repo: Path) -> None:
    """Applying the suggested fix writes the glossary rendering; the segment is translated."""
    strong = "The alliance is strong."
    status, _, _ = request(served, "POST", f"{ARTICLE_PATH}/fix",
                           form(served, repo, segment=SEG[strong]))
    assert status == 303
    assert msgstrs(repo)[strong] == "Die Bündnis ist stark."
    assert states(repo)[strong] == "translated"
    status, _, body = request(served, "POST", f"{ARTICLE_PATH}/fix",
                              form(served, repo, segment=SEG[strong]))
    assert status == 400
    assert "no glossary fix" in body


def test_filters_and_search(served: Served) -> None:
    """State, check, errors-only and text filters narrow the segments shown."""

    def shown(query: str) -> set[str]:
        status, _, body = request(served, "GET", f"{ARTICLE_PATH}?{query}")
        assert status == 200
        return set(re.findall(r'<section class="seg[^"]*" id="seg-([0-9a-f]{8})"', body))

    assert len(shown("")) == 6
    assert shown("state=untranslated") == {SEG["Officials met in Moscow today."]}
    assert shown("errors=1") == {SEG["The alliance is strong."]}
    assert shown("check=glossary-forbidden") == {SEG["The alliance is strong."]}
    assert shown("q=VERTRAG") == {SEG["Russia and Iran signed a treaty."]}  # target, any case
    assert shown("q=corridor") == {SEG["A new paragraph about the corridor."]}  # source


def test_unknown_locale_or_article_is_not_found(served: Served) -> None:
    """A locale that is not configured or an article that does not exist is a 404 page."""
    assert request(served, "GET", "/l/xx/a")[0] == 404
    status, _, body = request(served, "GET", "/l/de/..%2Fpyproject")
    assert status in {404, 405}  # never a file outside sources/ and locales/
    assert "tool.accord" not in body
    assert request(served, "GET", "/l/de/missing")[0] == 404


def test_reviewer_name_from_the_page(served: Served, repo: Path) -> None:
    """The name set in the page (a cookie) signs the next rejection instead of git's."""
    status, headers, _ = request(served, "POST", "/reviewer",
                                 {"csrf": served.csrf, "name": "Erika  Muster", "back": "//x"})
    assert status == 303
    assert headers["location"] == "/"
    cookie = headers["set-cookie"].split(";")[0]
    treaty = "Russia and Iran signed a treaty."
    fields = form(served, repo, segment=SEG[treaty], reason="wrong verb")
    status, _, _ = request(served, "POST", f"{ARTICLE_PATH}/reject", fields,
                           headers={"Cookie": cookie})
    assert status == 303
    text = po_file(repo).read_text(encoding="utf-8")
    assert 'rejected by "Erika Muster"' in text
    assert ': "wrong verb"' in text
    assert states(repo)[treaty] == "rejected"


def test_wildcard_host_is_refused() -> None:
    """``--host 0.0.0.0`` is a usage error: the workbench serves one named address."""
    with pytest.raises(ConfigError, match="wildcard"):
        bind("0.0.0.0", 0)


def test_history_names_the_last_committer(repo: Path) -> None:
    """The last git change of a msgstr is read from one blame of the whole file."""
    blame = blame_file(repo, "locales/de/a.po")
    text = po_file(repo).read_text(encoding="utf-8")
    entry_line = next(n for n, line in enumerate(text.splitlines(), 1)
                      if line == 'msgid "Russia and Iran signed a treaty."') - 2
    change = msgstr_change(text, entry_line, blame)
    assert change is not None
    assert change.author == REVIEWER


def test_cli_serve_help_and_bad_port(repo: Path) -> None:
    """``accord serve --help`` documents the flags; a bad port is a usage error (exit 2)."""
    assert "--open" in accord(repo, "serve", "--help")
    done = subprocess.run([sys.executable, "-m", "accord", "serve", "--port", "70000"], cwd=repo,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "--port 70000" in done.stderr


def test_cli_serve_answers_and_stops_on_ctrl_c(repo: Path) -> None:
    """``accord serve --port 0`` prints its address once listening, answers, and ends on SIGINT."""
    process = subprocess.Popen(
        [sys.executable, "-m", "accord", "serve", "--port", "0"], cwd=repo,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # printed once the socket listens
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        port = int(match[1])
        served = Served(match[0], "127.0.0.1", port, "")
        status, _, body = request(served, "GET", "/l/de/a")
        assert status == 200
        assert "Die Allianz ist stark." in body
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "stopped" in out


def test_malformed_po_file_is_reported_not_rewritten(served: Served, repo: Path) -> None:
    """A broken PO file is shown as ``path:line: message``; a write leaves it as it is."""
    broken = po_file(repo).read_bytes() + b'\nmsgid "dangling\n'
    po_file(repo).write_bytes(broken)
    status, _, body = request(served, "GET", ARTICLE_PATH)
    assert status == 400
    assert re.search(r"locales/de/a\.po:\d+:", body)
    fields = {"csrf": served.csrf, "version": version_of(broken),
              "segment": SEG["Russia and Iran signed a treaty."]}
    status, _, body = request(served, "POST", f"{ARTICLE_PATH}/approve", fields)
    assert status == 400
    assert po_file(repo).read_bytes() == broken


def test_a_nested_article_id_is_served_and_written(repo: Path) -> None:
    """An article in a section folder (``news/2026/a``) opens and takes an approval."""
    nested = repo / "locales" / "de" / "news" / "2026"
    nested.mkdir(parents=True)
    (repo / "sources" / "en" / "news" / "2026").mkdir(parents=True)
    (repo / "sources" / "en" / "a.md").rename(repo / "sources" / "en" / "news" / "2026" / "a.md")
    po_file(repo).rename(nested / "a.po")
    treaty = "Russia and Iran signed a treaty."
    with serving(load_config(repo)) as served:
        status, _, page = request(served, "GET", "/l/de/news/2026/a")
        assert status == 200
        assert treaty in page
        fields = {"csrf": served.csrf, "version": version_of((nested / "a.po").read_bytes()),
                  "segment": SEG[treaty]}
        status, _, _ = request(served, "POST", "/l/de/news/2026/a/approve", fields,
                               headers={"Origin": f"http://127.0.0.1:{served.port}"})
    assert status == 303
    assert f'approved by "{REVIEWER}"' in (nested / "a.po").read_text(encoding="utf-8")
    assert msgfmt_check(nested / "a.po").returncode == 0
