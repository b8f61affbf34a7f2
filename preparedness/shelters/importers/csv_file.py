"""Shelters from CSV: comma/semicolon/tab, UTF-8 (BOM or not), UTF-16 or Windows-1251, ru/en headers."""

import csv
import io
import re

from .records import ParseResult, ShelterFileError

# Header names (compared after header_key()) for each of our fields.
HEADER_ALIASES = {
    "source_id": ("id", "source id", "ref", "код", "номер", "№", "№ п/п", "ид", "идентификатор"),
    "name": ("name", "title", "название", "наименование", "наименование объекта", "объект"),
    "address": ("address", "адрес", "адрес объекта", "местонахождение", "местоположение"),
    "kind": ("kind", "type", "shelter type", "тип", "вид", "тип укрытия", "вид укрытия", "категория"),
    "capacity": ("capacity", "вместимость", "мест", "количество мест", "число мест"),
    "area": ("area", "district", "район", "округ", "муниципалитет", "муниципальное образование",
             "городской округ", "муниципальный район"),
    "lat": ("lat", "latitude", "широта", "y"),
    "lon": ("lon", "lng", "long", "longitude", "долгота", "x"),
    "coordinates": ("coordinates", "coords", "координаты"),
    "status": ("status", "статус", "состояние"),
    "checked_at": ("checked at", "checked", "check date", "last checked", "дата проверки",
                   "проверено", "проверен", "дата актуализации"),
    "accessible": ("accessible", "step free", "wheelchair", "доступность", "без ступеней",
                   "доступно для маломобильных", "для маломобильных", "маломобильные", "пандус"),
    "features": ("features", "оснащение", "удобства", "оборудование"),
    "opening_hours": ("opening hours", "hours", "часы работы", "режим работы", "время работы"),
    "access_notes": ("access notes", "notes", "directions", "description", "примечание",
                     "примечания", "как пройти", "вход", "описание", "комментарий"),
    "operator": ("operator", "оператор", "ответственный", "балансодержатель", "владелец",
                 "организация", "эксплуатирующая организация"),
    "confidence": ("confidence", "достоверность"),
    "water": ("water", "вода", "питьевая вода"),
    "toilet": ("toilet", "туалет", "санузел"),
    "heating": ("heating", "отопление"),
    "power": ("power", "electricity", "электричество", "электроснабжение", "свет"),
    "pets": ("pets", "pets allowed", "животные", "с животными", "можно с животными"),
    "wheelchair_space": ("wheelchair space", "место для колясок", "места для колясок"),
}
MAX_BYTES = 50 * 1024 * 1024


def header_key(text):
    """A header cell as compared with the aliases: lower case, no units in brackets, single spaces."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", str(text).replace("\ufeff", "").lower().replace("ё", "е"))
    return " ".join(re.split(r"[\s_\-.:*]+", text)).strip()


ALIAS_TO_FIELD = {header_key(alias): name for name, aliases in HEADER_ALIASES.items()
                  for alias in aliases}


def decode(data):
    """Text from bytes: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1251."""
    if not isinstance(data, (bytes, bytearray)):
        raise ShelterFileError("expected the file's bytes")
    if len(data) > MAX_BYTES:
        raise ShelterFileError(f"file is larger than {MAX_BYTES // 1024 // 1024} MB")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ShelterFileError("file starts like UTF-16 but is not valid UTF-16") from None
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ShelterFileError("file is neither UTF-8 nor Windows-1251 text")


def delimiter_of(header_line):
    """The delimiter the header line uses most: ';', tab or ','."""
    counts = {d: header_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        raise ShelterFileError("no column separators (',' or ';') in the first line")
    return best


def column_map(header):
    """{column index: field} for the columns we know; the first column of a field wins."""
    mapping, taken = {}, set()
    for index, cell in enumerate(header):
        name = ALIAS_TO_FIELD.get(header_key(cell))
        if name and name not in taken:
            mapping[index] = name
            taken.add(name)
    has_point = {"lat", "lon"} <= taken or "coordinates" in taken
    if not has_point:
        shown = ", ".join(repr(c.strip()[:30]) for c in header[:12])
        raise ShelterFileError("no latitude/longitude columns (lat/lon, широта/долгота) "
                               f"in the header row: {shown}")
    return mapping


def parse_csv(data, region, source):
    """A ParseResult from CSV bytes; rows are numbered as in a spreadsheet (header = row 1)."""
    text = decode(data).replace("\x00", "")
    if not text.strip():
        raise ShelterFileError("file is empty")
    header_line = text.lstrip("\ufeff").splitlines()[0] if text.splitlines() else ""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""),
                        delimiter=delimiter_of(header_line))
    result = ParseResult()
    try:
        mapping = column_map(next(reader))
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            fields = {name: row[i] for i, name in mapping.items() if i < len(row)}
            result.add(f"row {row_number}", fields, region, source)
    except csv.Error as exc:
        raise ShelterFileError(f"not readable as CSV: {exc}") from None
    return result.drop_duplicate_ids()
