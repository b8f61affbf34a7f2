"""Shelter importers: pure parsers (bytes in, records + rejections out); the store writes them."""

from pathlib import PurePath

from .csv_file import parse_csv
from .geojson_file import parse_geojson
from .records import ParseResult, ShelterFileError

FORMATS = ("auto", "csv", "geojson")
PARSERS = {"csv": parse_csv, "geojson": parse_geojson}
# The first bytes of files operators upload by mistake, and what to say about them.
SIGNATURES = (
    (b"PK\x03\x04", "looks like an Excel (.xlsx) or zip file, not CSV or GeoJSON: "
                    "save it as CSV (UTF-8 or Windows-1251) first"),
    (b"\xd0\xcf\x11\xe0", "looks like an old Excel (.xls) file, not CSV: save it as CSV first"),
    (b"%PDF", "is a PDF document, not CSV or GeoJSON"),
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

__all__ = ["FORMATS", "ParseResult", "ShelterFileError", "binary_problem", "default_source",
           "detect_format", "parse_csv", "parse_file", "parse_geojson"]


def binary_problem(data):
    """Why bytes are a binary file rather than CSV/GeoJSON text, or None when they may be text."""
    head = bytes(data[:8192])
    for signature, problem in SIGNATURES:
        if head.startswith(signature):
            return problem
    if b"\x00" in head and not head.startswith(UTF16_BOMS):
        return "is a binary file (a picture, archive or program?), not CSV or GeoJSON text"
    return None


def detect_format(data, file_name=""):
    """'csv' or 'geojson', from the file name's ending, else from the first character."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix in (".geojson", ".json"):
        return "geojson"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    start = bytes(data[:64]).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "geojson" if start.startswith(b"{") else "csv"


def default_source(result, file_name):
    """The source name records get when none is given: 'osm' for OSM exports, else the file's stem."""
    return "osm" if result.osm else (PurePath(file_name).stem or "import")


def parse_file(data, region, source=None, file_format="auto", file_name=""):
    """(format, source, ParseResult) for a file's bytes; ShelterFileError when unreadable."""
    if file_format not in FORMATS:
        raise ShelterFileError(f"unknown format {file_format!r}; use one of {', '.join(FORMATS)}")
    problem = binary_problem(data) if isinstance(data, (bytes, bytearray)) else None
    if problem:
        raise ShelterFileError(f"file {problem}")
    if file_format == "auto":
        file_format = detect_format(data, file_name)
    result = PARSERS[file_format](data, region, source or "")
    if not source:
        source = default_source(result, file_name)
        result.name_source(source)
    return file_format, source, result
