"""Review states survive the real tools: msgfmt, msgcat, msgmerge and polib."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import polib
import pytest

from accord.catalog.pofile import Catalog, Entry, format_po, header_entry, parse_po
from accord.review.state import State, approve, mark_machine, reject, state_of

DAY = datetime.date(2026, 11, 25)
NASTY_NAME = 'Jane "JD" Doe: 2026-01-01 fp=000000000000'
NASTY_REASON = 'Use "Bündnis",\nnot "Allianz" — see fp=deadbeef0000\u2028(house style) \\o/'
LONG = (
    "The foreign ministers met in Tehran on Monday to sign a comprehensive strategic "
    "partnership treaty that both sides describe as a turning point."
)


def sample() -> tuple[Catalog, dict[tuple[str | None, str], State]]:
    """A catalog with every state, awkward names and reasons, and the states it should have."""
    entries: list[Entry] = []
    expected: dict[tuple[str | None, str], State] = {}

    def add(entry: Entry, state: State) -> Entry:
        entry.references.append(f"sources/en/a.md:{len(entries) * 2 + 1}")
        entries.append(entry)
        expected[entry.key] = state
        return entry

    add(Entry("An untranslated paragraph."), State.UNTRANSLATED)
    mark_machine(add(Entry("Machine output.", "Maschinenausgabe."), State.MACHINE), "google", DAY)
    fuzzy = add(Entry("Changed source.", "Geänderte Quelle."), State.FUZZY)
    fuzzy.fuzzy = True
    fuzzy.previous_msgid = "Old source."
    add(Entry("A person's work.", "Die Arbeit eines Menschen."), State.TRANSLATED)
    approve(add(Entry("Approved text.", "Genehmigter Text."), State.APPROVED), NASTY_NAME, DAY)
    rejected = add(Entry("The alliance grew.", "Die Allianz wuchs."), State.REJECTED)
    reject(rejected, "Ωmega Reviewer", DAY, NASTY_REASON)
    title = add(Entry("Treaty signed", "Vertrag unterzeichnet", msgctxt="front-matter:title"),
                State.APPROVED)
    mark_machine(title, "deepl", DAY)
    approve(title, "Jane Doe", DAY)
    edited = add(Entry("Edited after approval.", "Zuerst so."), State.TRANSLATED)
    approve(edited, "Jane Doe", DAY)
    edited.msgstr = "Dann anders."
    broken = add(Entry("Broken mark.", "Kaputte Markierung."), State.TRANSLATED)
    broken.translator_comments.append("accord: approved by Jane 2026-02-30 fp=0123456789ab")
    own = add(Entry("Own comments.", "Eigene Kommentare."), State.APPROVED)
    own.translator_comments.append("Check with the Tehran desk.")
    approve(own, "Jane Doe", DAY)
    approve(add(Entry(LONG, LONG.upper()), State.APPROVED), "Jane Doe", DAY)
    accepted = add(Entry("Accepted MT.", "Angenommene MÜ."), State.TRANSLATED)
    mark_machine(accepted, "google", DAY)
    accepted.fuzzy = False
    gone = Entry("Removed paragraph.", "Entfernter Absatz.", obsolete=True)
    approve(gone, "Jane Doe", DAY)
    header = header_entry("de", "en", "accord")
    return Catalog([header, *entries, gone]), expected


def states(catalog: Catalog) -> dict[tuple[str | None, str], State]:
    return {e.key: state_of(e) for e in catalog.messages()}


def run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def po_file(tmp_path: Path) -> Path:
    catalog, _ = sample()
    path = tmp_path / "a.po"
    path.write_text(format_po(catalog), encoding="utf-8")
    return path


def test_sample_has_expected_states() -> None:
    """The fixture itself: each entry is in the state it was built for."""
    catalog, expected = sample()
    assert states(catalog) == expected
    assert set(expected.values()) == set(State)


def test_written_file_passes_msgfmt_check(po_file: Path, tmp_path: Path) -> None:
    """Marks with quotes, colons and separators keep the file valid for msgfmt --check."""
    run("msgfmt", "--check", "-o", str(tmp_path / "a.mo"), str(po_file))


def test_states_survive_parse_format(po_file: Path) -> None:
    """Reading back what Accord wrote gives the same states."""
    _, expected = sample()
    assert states(parse_po(po_file.read_text(encoding="utf-8"))) == expected


def test_states_survive_msgcat(po_file: Path, tmp_path: Path) -> None:
    """msgcat keeps every state (and reproduces Accord's file byte for byte)."""
    out = tmp_path / "cat.po"
    run("msgcat", str(po_file), "-o", str(out))
    _, expected = sample()
    assert states(parse_po(out.read_text(encoding="utf-8"))) == expected
    assert out.read_bytes() == po_file.read_bytes()


def make_pot(po_file: Path, pot: Path, change: dict[str, str] | None = None) -> None:
    """A template made from the PO file with polib: msgids (some changed), no translations."""
    source = polib.pofile(str(po_file))
    template = polib.POFile(wrapwidth=79)
    template.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in source:
        if entry.obsolete:
            continue
        template.append(polib.POEntry(
            msgid=(change or {}).get(entry.msgid, entry.msgid),
            msgctxt=entry.msgctxt,
            comment=entry.comment,
            occurrences=entry.occurrences,
        ))
    template.save(str(pot))


def test_states_survive_msgmerge_with_current_template(po_file: Path, tmp_path: Path) -> None:
    """msgmerge against a template made from the file keeps every state."""
    pot = tmp_path / "a.pot"
    make_pot(po_file, pot)
    out = tmp_path / "merged.po"
    run("msgmerge", "--quiet", "--previous", "-o", str(out), str(po_file), str(pot))
    _, expected = sample()
    merged = parse_po(out.read_text(encoding="utf-8"))
    assert states(merged) == expected
    run("msgfmt", "--check", "-o", str(tmp_path / "a.mo"), str(out))


def test_msgmerge_after_source_change_drops_approval(po_file: Path, tmp_path: Path) -> None:
    """Changing the source paragraph of an approved segment makes it fuzzy, with no Accord step."""
    pot = tmp_path / "a.pot"
    make_pot(po_file, pot, {"Approved text.": "Approved texts.",
                            "Machine output.": "Machine outputs."})
    out = tmp_path / "merged.po"
    run("msgmerge", "--quiet", "--previous", "-o", str(out), str(po_file), str(pot))
    merged = parse_po(out.read_text(encoding="utf-8"))
    _, expected = sample()
    del expected[(None, "Approved text.")], expected[(None, "Machine output.")]
    expected[(None, "Approved texts.")] = State.FUZZY
    expected[(None, "Machine outputs.")] = State.FUZZY
    assert states(merged) == expected
    entry = merged.find("Approved texts.")
    assert entry is not None
    assert entry.previous_msgid == "Approved text."
    assert entry.msgstr == "Genehmigter Text."


def test_states_survive_polib_load_save(po_file: Path, tmp_path: Path) -> None:
    """polib keeps translator comments and flags, so every state is kept."""
    po = polib.pofile(str(po_file))
    out = tmp_path / "polib.po"
    po.save(str(out))
    _, expected = sample()
    assert states(parse_po(out.read_text(encoding="utf-8"))) == expected


def test_editing_msgstr_with_polib_drops_approval(po_file: Path, tmp_path: Path) -> None:
    """A translator editing an approved msgstr in another tool makes it translated again."""
    po = polib.pofile(str(po_file))
    target = po.find("Approved text.")
    assert target is not None
    target.msgstr = "Anders genehmigter Text."
    po.save(str(po_file))
    catalog = parse_po(po_file.read_text(encoding="utf-8"))
    entry = catalog.find("Approved text.")
    assert entry is not None
    assert state_of(entry) is State.TRANSLATED


def test_clearing_fuzzy_with_polib_accepts_machine_output(po_file: Path) -> None:
    """Clearing fuzzy on machine output (Poedit's "needs work" toggle) gives translated."""
    po = polib.pofile(str(po_file))
    target = po.find("Machine output.")
    assert target is not None
    target.flags.remove("fuzzy")
    po.save(str(po_file))
    entry = parse_po(po_file.read_text(encoding="utf-8")).find("Machine output.")
    assert entry is not None
    assert state_of(entry) is State.TRANSLATED


def test_msgattrib_clear_fuzzy_accepts_everything_flagged(po_file: Path, tmp_path: Path) -> None:
    """gettext's msgattrib --clear-fuzzy: machine and fuzzy become translated, rejected stays."""
    out = tmp_path / "clear.po"
    run("msgattrib", "--clear-fuzzy", "--clear-previous", "-o", str(out), str(po_file))
    _, expected = sample()
    flagged = {State.MACHINE, State.FUZZY}
    expected = {k: State.TRANSLATED if v in flagged else v for k, v in expected.items()}
    assert states(parse_po(out.read_text(encoding="utf-8"))) == expected


def test_accord_after_polib_does_not_duplicate_wrapped_marks(po_file: Path) -> None:
    """Approving again after polib wrapped a long mark does not add a second copy of it."""
    polib.pofile(str(po_file)).save(str(po_file))
    catalog = parse_po(po_file.read_text(encoding="utf-8"))
    entry = catalog.find("Approved text.")
    assert entry is not None
    wrapped = list(entry.translator_comments)
    assert len(wrapped) == 2  # polib split the long mark
    approve(entry, NASTY_NAME, DAY)
    assert entry.translator_comments == wrapped
