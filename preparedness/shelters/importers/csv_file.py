"""Shelters from CSV: comma/semicolon/tab, UTF-8 (BOM or not), UTF-16 or Windows-1251; ru/uk/en/he."""

import csv
import io
import re

from .records import ParseResult, ShelterFileError

# Header names (compared after header_key()) for each of our fields, in Russian, Ukrainian (the
# Kyiv register and the national open-data standard of resolution 835), English and Hebrew.
HEADER_ALIASES = {
    "source_id": ("id", "source id", "ref", "uid", "objectid", "object id", "код", "номер", "№",
                  "№ п/п", "ид", "идентификатор", "обліковий номер споруди", "обліковий номер",
                  "shelter number", "מספר", "מספר מקלט", "מזהה"),
    "name": ("name", "title", "location name", "shelter name", "site name", "название",
             "наименование", "наименование объекта", "объект", "назва", "назва об'єкта",
             "назва обєкта", "найменування", "שם", "שם המקלט", "שם המקום"),
    "address": ("address", "adress", "full address", "street address", "адрес", "адрес объекта",
                "местонахождение", "местоположение", "адреса", "адреса об'єкта", "місцезнаходження",
                "כתובת", "כתובת מלאה"),
    "address_city": ("city", "town", "settlement", "addresspostname", "город", "населенный пункт",
                     "населений пункт", "місто", "עיר", "ישוב", "יישוב"),
    "address_street": ("street", "addressthoroughfare", "улица", "вулиця",
                       "тип вулиці та її назва", "רחוב"),
    "address_number": ("house number", "building number", "addresslocatordesignator", "дом",
                       "номер дома", "будинок", "номер будинку", "номер будівлі", "מספר בית"),
    "kind": ("kind", "type", "category", "shelter type", "тип", "вид", "тип укрытия", "категория",
             "тип укриття", "тип споруди", "тип захисної споруди", "категорія", "סוג", "סוג מקלט",
             "סוג המקלט", "t sug"),
    "kind_detail": ("kind detail", "subtype", "вид укрытия", "вид укриття", "вид споруди"),
    "capacity": ("capacity", "places", "people", "вместимость", "мест", "количество мест",
                 "число мест", "місткість", "кількість місць", "קיבולת", "מספר מקומות", "תפוסה"),
    "area": ("area", "district", "район", "округ", "муниципалитет", "муниципальное образование",
             "городской округ", "муниципальный район", "громада", "територіальна громада", "אזור"),
    "lat": ("lat", "latitude", "широта", "y", "географічна широта", "קו רוחב", "רוחב"),
    "lon": ("lon", "lng", "long", "longitude", "долгота", "x", "довгота", "географічна довгота",
            "קו אורך", "אורך"),
    "coordinates": ("coordinates", "coords", "координаты", "координати", "קואורדינטות"),
    "status": ("status", "статус", "состояние", "стан", "סטטוס", "מצב"),
    "checked_at": ("checked at", "checked", "check date", "last checked", "дата проверки",
                   "проверено", "проверен", "дата актуализации", "дата перевірки", "תאריך בדיקה"),
    "accessible": ("accessible", "accessibility", "step free", "wheelchair", "доступность",
                   "без ступеней", "доступно для маломобильных", "для маломобильных", "маломобильные", "пандус",
                   "доступність", "безбар'єрність", "безбарєрність", "інклюзивність",
                   "наявність пристосування для доступу людей з інвалідністю та інших "
                   "маломобільних груп населення", "נגיש", "נגישות"),
    "features": ("features", "оснащение", "удобства", "оборудование", "обладнання"),
    "opening_hours": ("opening hours", "hours", "часы работы", "режим работы", "время работы",
                      "режим роботи", "שעות פתיחה"),
    "access_notes": ("access notes", "notes", "directions", "description", "примечание",
                     "примечания", "как пройти", "вход", "описание", "комментарий", "примітка",
                     "примітки", "опис", "опис розміщення", "addressdescription", "הערות"),
    "operator": ("operator", "owner", "оператор", "ответственный", "балансодержатель", "владелец",
                 "организация", "эксплуатирующая организация", "власник", "балансоутримувач",
                 "найменування балансоутримувача", "balanceholdername", "מפעיל", "אחראי"),
    "confidence": ("confidence", "достоверность"),
    "water": ("water", "вода", "питьевая вода", "питна вода", "מים"),
    "toilet": ("toilet", "туалет", "санузел", "санвузол", "שירותים"),
    "heating": ("heating", "отопление", "опалення", "חימום"),
    "power": ("power", "electricity", "электричество", "электроснабжение", "свет", "електрика",
              "електропостачання", "חשמל"),
    "pets": ("pets", "pets allowed", "животные", "с животными", "можно с животными", "тварини"),
    "wheelchair_space": ("wheelchair space", "место для колясок", "места для колясок"),
}
MAX_BYTES = 50 * 1024 * 1024
# Ukrainian headers spell the apostrophe in several ways ("об'єкта", "обʼєкта", "об’єкта").
APOSTROPHES = str.maketrans({"\u02bc": "'", "\u2019": "'", "`": "'"})


def header_key(text):
    """A header cell as compared with the aliases: lower case, no units in brackets, single spaces."""
    text = str(text).replace("\ufeff", "").lower().replace("ё", "е").translate(APOSTROPHES)
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", text)
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
        raise ShelterFileError("no latitude/longitude columns (lat/lon, широта/долгота, "
                               f"широта/довгота, קו רוחב/קו אורך) in the header row: {shown}")
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
