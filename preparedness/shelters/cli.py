"""`flask shelters import PATH`: read a CSV/GeoJSON file, report row by row, write in one transaction."""

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..db import connect, transaction
from .importers import FORMATS, ShelterFileError, parse_file
from .store import log_import, save_shelters

shelters_cli = AppGroup("shelters", help="Manage shelter data.")


@dataclass
class ImportReport:
    """The outcome of importing one file."""

    file_format: str
    source: str
    counts: dict
    rejected: list = field(default_factory=list)
    written: bool = False
    skip_reasons: list = field(default_factory=list)    # [(reason, count)], most frequent first

    def counts_line(self):
        """'imported N, updated N, unchanged N, rejected N, skipped N'."""
        return ", ".join(f"{key} {self.counts[key]}" for key in
                         ("imported", "updated", "unchanged", "rejected", "skipped"))

    def summary(self):
        """The counts with the reasons for skipping in brackets: '..., skipped 2 (picnic shelter 2)'."""
        if not self.skip_reasons:
            return self.counts_line()
        reasons = ", ".join(f"{reason} {n}" for reason, n in self.skip_reasons)
        return f"{self.counts_line()} ({reasons})"

    def skip_lines(self):
        """One line per reason items were skipped: 'skipped 1003: bus or tram stop'."""
        return [f"skipped {n}: {reason}" for reason, n in self.skip_reasons]


def import_shelters(db, data, region, now, *, file_name="", file_format="auto", source=None,
                    dry_run=False, strict=False):
    """Parse a file's bytes and write its valid records in one transaction (unless told not to)."""
    file_format, source, result = parse_file(data, region, source, file_format, file_name)
    records = [record for _, record in result.records]
    counts = {"rejected": len(result.rejected), "skipped": len(result.skipped)}
    report = ImportReport(file_format, source, counts, rejected=result.rejected,
                          skip_reasons=result.skip_counts())
    if strict and result.rejected:
        counts.update(imported=0, updated=0, unchanged=0)
        return report
    if dry_run:
        counts.update(save_shelters(db, records, now, write=False))
        return report
    # Bulk writes touch the table, its R*Tree and FTS5 index: keep their pages and the
    # per-statement journal in memory for the length of the import.
    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("PRAGMA cache_size = -65536")
    with transaction(db):
        counts.update(save_shelters(db, records, now))
        log_import(db, source, Path(file_name).name or "-", file_format, counts, now)
    report.written = True
    return report


@shelters_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--format", "file_format", type=click.Choice(FORMATS), default="auto",
              show_default=True, help="How to read the file.")
@click.option("--source", help="Source name for the records (default: 'osm' for OSM exports, "
                               "else the file name).")
@click.option("--dry-run", is_flag=True, help="Check and count, but write nothing.")
@click.option("--strict", is_flag=True, help="Write nothing if any record is invalid.")
def import_command(path, file_format, source, dry_run, strict):
    """Import shelters from a CSV or GeoJSON file (upsert by source + id)."""
    data = Path(path).read_bytes()
    db = connect(current_app.config["DATABASE"])
    try:
        report = import_shelters(db, data, current_app.extensions["region"],
                                 datetime.now(timezone.utc), file_name=path,
                                 file_format=file_format, source=source, dry_run=dry_run,
                                 strict=strict)
    except ShelterFileError as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    finally:
        db.close()
    click.echo(report.counts_line())
    for line in report.skip_lines():
        click.echo(line)
    for ref, reason in report.rejected:
        click.echo(f"{ref}: {reason}")
    if strict and report.rejected:
        raise click.ClickException(f"--strict: {len(report.rejected)} invalid records, "
                                   "nothing written")
    if dry_run:
        click.echo("dry run: nothing written")


def init_app(app):
    """Register the `shelters` command group."""
    app.cli.add_command(shelters_cli)
