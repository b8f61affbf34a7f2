"""Shelter importers: pure parsers (bytes in, records + rejections out); the store writes them."""

from pathlib import PurePath

from .csv_file import parse_csv
from .geojson_file import looks_like_osm, parse_geojson
from .records import ParseResult, ShelterFileError

FORMATS = ("auto", "csv", "geojson")
PARSERS = {"csv": parse_csv, "geojson": parse_geojson}

__all__ = ["FORMATS", "ParseResult", "ShelterFileError", "default_source", "detect_format",
           "parse_csv", "parse_file", "parse_geojson"]


def detect_format(data, file_name=""):
    """'csv' or 'geojson', from the file name's ending, else from the first character."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix in (".geojson", ".json"):
        return "geojson"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    start = bytes(data[:64]).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "geojson" if start.startswith(b"{") else "csv"


def default_source(data, file_name, file_format):
    """The source name records get when none is given: 'osm' for OSM exports, else the file's stem."""
    if file_format == "geojson" and looks_like_osm(data):
        return "osm"
    return PurePath(file_name).stem or "import"


def parse_file(data, region, source=None, file_format="auto", file_name=""):
    """(format, source, ParseResult) for a file's bytes; ShelterFileError when unreadable."""
    if file_format not in FORMATS:
        raise ShelterFileError(f"unknown format {file_format!r}; use one of {', '.join(FORMATS)}")
    if file_format == "auto":
        file_format = detect_format(data, file_name)
    source = source or default_source(data, file_name, file_format)
    return file_format, source, PARSERS[file_format](data, region, source)
