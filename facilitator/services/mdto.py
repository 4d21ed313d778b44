"""MDTO XML (Metagegevens Duurzaam Toegankelijke Overheidsinformatie, Nationaal Archief,
schema 1.0.x): one document per information object or file, as a records system takes it.

Only the structure: which objects a collaboration's record holds and their values are
services/dossier.py's. Elements are written in the order of the schema's sequences
(`informatieobjectType`, `bestandType`), required ones always: for an information object
identificatie, naam, waardering, archiefvormer and beperkingGebruik; for a file
identificatie, naam, omvang, bestandsformaat, checksum and isRepresentatieVan.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from xml.etree import ElementTree as ET

NAMESPACE = "https://www.nationaalarchief.nl/mdto"
SCHEMA = "https://www.nationaalarchief.nl/mdto https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PRONOM = "PRONOM-register"
CHECKSUM_LIST = "Begrippenlijst ChecksumAlgoritme MDTO"
AGGREGATION_LIST = "Begrippenlijst Aggregatieniveaus MDTO"
VALUATION_LIST = "Begrippenlijst Waarderingen MDTO"
EVENT_LIST = "Begrippenlijst EventTypeLijst MDTO"


@dataclass(frozen=True)
class Term:
    """A begrip: its label, optional code, and the list (begrippenlijst) it is from."""

    label: str
    vocabulary: str
    code: str | None = None


@dataclass(frozen=True)
class Reference:
    """A verwijzing: a name and, when known, the identifier it has in `source`."""

    name: str
    identifier: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class InformationObject:
    identifier: str
    source: str  # identificatieBron: where the identifier comes from
    name: str
    aggregation: str  # "Dossier", "Archiefstuk", … (Begrippenlijst Aggregatieniveaus MDTO)
    creator: str  # archiefvormer
    valuation: Term
    restriction: Term  # beperkingGebruikType
    keywords: list[str] = field(default_factory=list)
    description: str | None = None
    coverage: tuple[Term, date, date | None] | None = None  # type, begin, end
    languages: list[str] = field(default_factory=list)
    created: datetime | None = None  # an event "Creatie"
    part_of: list[Reference] = field(default_factory=list)
    parts: list[Reference] = field(default_factory=list)
    representations: list[Reference] = field(default_factory=list)


@dataclass(frozen=True)
class File:
    identifier: str
    source: str
    name: str  # the file's name
    size: int
    format: Term  # the PRONOM format, its PUID as the code
    sha256: str
    checksum_at: datetime
    url: str  # its place in the package, a relative URI
    represents: Reference


def information_object(item: InformationObject) -> bytes:
    root, element = _document("informatieobject")
    _identification(element, item.identifier, item.source)
    _text(element, "naam", item.name)
    _term(element, "aggregatieniveau", Term(item.aggregation, AGGREGATION_LIST))
    for keyword in item.keywords:
        _text(element, "trefwoord", keyword)
    if item.description:
        _text(element, "omschrijving", item.description)
    if item.coverage:
        kind, begin, end = item.coverage
        coverage = ET.SubElement(element, _tag("dekkingInTijd"))
        _term(coverage, "dekkingInTijdType", kind)
        _text(coverage, "dekkingInTijdBegindatum", begin.isoformat())
        if end is not None:
            _text(coverage, "dekkingInTijdEinddatum", end.isoformat())
    for language in item.languages:
        _text(element, "taal", language)
    if item.created:
        event = ET.SubElement(element, _tag("event"))
        _term(event, "eventType", Term("Creatie", EVENT_LIST))
        _text(event, "eventTijd", _moment(item.created))
    _term(element, "waardering", item.valuation)
    for tag, references in (("isOnderdeelVan", item.part_of), ("bevatOnderdeel", item.parts),
                            ("heeftRepresentatie", item.representations)):
        for reference in references:
            _reference(element, tag, reference)
    _reference(element, "archiefvormer", Reference(item.creator))
    restriction = ET.SubElement(element, _tag("beperkingGebruik"))
    _term(restriction, "beperkingGebruikType", item.restriction)
    return _bytes(root)


def file(item: File) -> bytes:
    root, element = _document("bestand")
    _identification(element, item.identifier, item.source)
    _text(element, "naam", item.name)
    _text(element, "omvang", str(item.size))
    _term(element, "bestandsformaat", item.format)
    checksum = ET.SubElement(element, _tag("checksum"))
    _term(checksum, "checksumAlgoritme", Term("SHA256", CHECKSUM_LIST))
    _text(checksum, "checksumWaarde", item.sha256)
    _text(checksum, "checksumDatum", _moment(item.checksum_at))
    _text(element, "URLBestand", item.url)
    _reference(element, "isRepresentatieVan", item.represents)
    return _bytes(root)


def _document(kind: str) -> tuple[ET.Element, ET.Element]:
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(_tag("MDTO"), {f"{{{XSI}}}schemaLocation": SCHEMA})
    return root, ET.SubElement(root, _tag(kind))


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _text(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, _tag(name)).text = value


def _identification(parent: ET.Element, identifier: str, source: str,
                    tag: str = "identificatie") -> None:
    element = ET.SubElement(parent, _tag(tag))
    _text(element, "identificatieKenmerk", identifier)
    _text(element, "identificatieBron", source)


def _term(parent: ET.Element, name: str, term: Term) -> None:
    element = ET.SubElement(parent, _tag(name))
    _text(element, "begripLabel", term.label)
    if term.code:
        _text(element, "begripCode", term.code)
    _reference(element, "begripBegrippenlijst", Reference(term.vocabulary))


def _reference(parent: ET.Element, name: str, reference: Reference) -> None:
    element = ET.SubElement(parent, _tag(name))
    _text(element, "verwijzingNaam", reference.name)
    if reference.identifier and reference.source:
        _identification(element, reference.identifier, reference.source,
                        "verwijzingIdentificatie")


def _moment(value: datetime) -> str:
    """xsd:dateTime in UTC, to the second (a naive time is taken as UTC, as stored)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat() + "Z"


def _bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
