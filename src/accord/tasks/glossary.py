"""Tasks ``glossary.validate``, ``glossary.export``, ``glossary.import``."""

from __future__ import annotations

import sys
from pathlib import Path

from accord import safefile
from accord.errors import ConfigError, GlossaryError
from accord.fsutil import confined, write_text_if_changed
from accord.tasks._common import given_path, project, reports_errors, writes_repository
from accord.tasks.conventions import Collection, Context, task
from accord.textcodec import decode_utf8

EXPORT_FORMATS = ("tbx", "csv")


@task
@reports_errors
def validate(c: Context) -> None:
    """Load every glossary file and report problems with file:line."""
    from accord.glossary import load_glossary  # noqa: PLC0415  (imported on demand: start-up)

    config = project()
    glossary = load_glossary(config.glossary_dir)
    files = len({concept.file for concept in glossary.concepts})
    print(f"glossary OK: {len(glossary)} concept(s) in {files} file(s)")


@task(help={"format": "tbx (TBX-Basic, ISO 30042) or csv",
            "output": "write to this file instead of standard output"})
@reports_errors
def export(c: Context, format: str = "tbx", output: str | None = None) -> None:
    """Export the glossary as TBX-Basic or CSV."""
    from accord.glossary import load_glossary  # noqa: PLC0415  (imported on demand: start-up)
    from accord.glossary.exchange import to_csv, to_tbx  # noqa: PLC0415

    if format not in EXPORT_FORMATS:
        raise ConfigError(f"--format: expected tbx or csv, not {format!r}")
    config = project()
    glossary = load_glossary(config.glossary_dir)
    text = to_tbx(glossary.concepts) if format == "tbx" else to_csv(glossary.concepts)
    if output:
        write_text_if_changed(Path(output), text)
        print(f"wrote {len(glossary)} concept(s) to {given_path(config, output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)


@task(name="import", help={
    "file": "a .tbx/.xml or .csv file",
    "output": "glossary file to add the new concepts to (default glossary/imported.yaml)",
})
@reports_errors
@writes_repository
def import_(c: Context, file: str, output: str | None = None) -> None:
    """Import concepts from TBX or CSV; ids already in the glossary are kept as they are."""
    from accord.glossary import load_glossary, make_glossary, parse_glossary  # noqa: PLC0415  (imported on demand: start-up)
    from accord.glossary.exchange import from_csv, from_tbx, to_yaml  # noqa: PLC0415

    config = project()
    source = Path(file)
    label = given_path(config, file)
    try:
        data = safefile.read_bytes(source)  # a FIFO or /dev/zero is refused, not read
    except OSError as error:
        raise GlossaryError(f"cannot read: {error.strerror}", path=label) from None
    text = decode_utf8(data, label, GlossaryError)
    is_csv = source.suffix.lower() == ".csv"
    incoming = from_csv(text, label) if is_csv else from_tbx(text, label)
    glossary = load_glossary(config.glossary_dir)
    # --output is relative to the current folder, like FILE, and must stay in the repository.
    chosen = Path(output).resolve() if output else config.glossary_dir / "imported.yaml"
    target = confined(config.root, config.relative(chosen), "--output")
    if target.suffix not in (".yaml", ".yml"):
        raise ConfigError("--output: expected a .yaml file in the glossary folder")
    written = config.relative(target)
    existing = (
        parse_glossary(decode_utf8(target.read_bytes(), written, GlossaryError), written)
        if target.is_file() else []
    )
    kept = [c for c in incoming if c.id in glossary]
    new = [c for c in incoming if c.id not in glossary]
    make_glossary([*glossary.concepts, *new])  # validates the merged termbase
    for concept in kept:
        print(f"{label}: {concept.id}: already in the glossary, kept", file=sys.stderr)
    if new:
        write_text_if_changed(target, to_yaml([*existing, *new]))
    print(f"imported {len(new)} concept(s) into {written}")


ns = Collection(validate, export, import_)
