"""sync on PO files from the world: a header not first (msgfmt accepts it), a domain
directive, and the same files from worker processes as from one."""

from __future__ import annotations

from pathlib import Path

from accord.catalog import pofile
from accord.config import load_config
from accord.steps.sync import PARALLEL_MIN_FILES, sync_project
from helpers import make_repo, msgfmt_check


def test_sync_keeps_one_header_when_it_is_not_first(tmp_path: Path) -> None:
    """sync merges into the existing header instead of adding a second one."""
    make_repo(tmp_path, ["de"], {"story": "# Title\n\nFirst paragraph.\n"})
    sync_project(load_config(tmp_path), jobs=1)
    po = tmp_path / "locales" / "de" / "story.po"
    header, *rest = po.read_text(encoding="utf-8").split("\n\n")
    po.write_text("\n\n".join([*rest, header]) + "\n", encoding="utf-8")
    msgfmt_check(po)
    (tmp_path / "sources/en/story.md").write_text("# Title\n\nFirst paragraph.\n\nMore.\n")
    result = sync_project(load_config(tmp_path), jobs=1)
    assert not result.errors
    msgfmt_check(po)
    catalog = pofile.read_po(po)
    assert sum(1 for e in catalog.entries if e.msgid == "" and not e.obsolete) == 1
    assert catalog.find("More.", None) is not None


def test_sync_leaves_a_file_under_a_domain_directive_as_it_is(tmp_path: Path) -> None:
    """A PO file whose entries sit under ``domain "other"`` is reported and not rewritten."""
    make_repo(tmp_path, ["de"], {"story": "# Title\n\nFirst paragraph.\n"})
    sync_project(load_config(tmp_path), jobs=1)
    po = tmp_path / "locales" / "de" / "story.po"
    before = b'domain "other"\n' + po.read_bytes()
    po.write_bytes(before)
    (tmp_path / "sources/en/story.md").write_text("# Title\n\nFirst paragraph.\n\nMore.\n")

    result = sync_project(load_config(tmp_path), jobs=1)

    assert [(e.path, e.line) for e in result.errors] == [("locales/de/story.po", 2)]
    assert 'domain "other"' in result.errors[0].message
    assert po.read_bytes() == before


def test_parallel_sync_writes_what_a_serial_one_does(tmp_path: Path) -> None:
    """Worker processes (forked, finding their plans in memory) give the same PO files."""
    articles = {f"story-{n:02}": f"# Title {n}\n\nParagraph {n}.\n\nMore {n}.\n" for n in range(70)}
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    for root in (serial, parallel):
        make_repo(root, ["de", "fr", "es"], articles)
    assert PARALLEL_MIN_FILES <= 70 * 3
    sync_project(load_config(serial), jobs=1)
    result = sync_project(load_config(parallel), jobs=2)
    assert not result.errors
    files = sorted(p.relative_to(serial) for p in (serial / "locales").rglob("*.po"))
    assert len(files) == 210
    assert files == sorted(p.relative_to(parallel) for p in (parallel / "locales").rglob("*.po"))
    for name in files:
        assert (parallel / name).read_bytes() == (serial / name).read_bytes()
