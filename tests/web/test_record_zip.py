"""A collaboration's record as one ZIP (services/dossier.py): it unpacks to exactly what its
manifest and its MDTO metadata list, its reports are PDF/A, and nobody else gets it."""

import hashlib
import io
import json
import zipfile
from xml.etree import ElementTree as ET

import pikepdf

from tests.conftest import ORGANISATIONS
from tests.reports import fetch_report

M = "{https://www.nationaalarchief.nl/mdto}"
# The schema's sequences (MDTO-XML 1.0.x): the required elements, in the order they come.
REQUIRED = {"informatieobject": ["identificatie", "naam", "waardering", "archiefvormer",
                                 "beperkingGebruik"],
            "bestand": ["identificatie", "naam", "omvang", "bestandsformaat", "checksum",
                        "isRepresentatieVan"]}
ORDER = {"informatieobject": ["identificatie", "naam", "aggregatieniveau", "classificatie",
                              "trefwoord", "omschrijving", "raadpleeglocatie", "dekkingInTijd",
                              "dekkingInRuimte", "taal", "event", "waardering", "bewaartermijn",
                              "informatiecategorie", "isOnderdeelVan", "bevatOnderdeel",
                              "heeftRepresentatie", "aanvullendeMetagegevens",
                              "gerelateerdInformatieobject", "archiefvormer", "betrokkene",
                              "activiteit", "beperkingGebruik"],
         "bestand": ["identificatie", "naam", "omvang", "bestandsformaat", "checksum",
                     "URLBestand", "isRepresentatieVan"]}
PUIDS = {"pdf": "fmt/480", "csv": "x-fmt/18", "xlsx": "fmt/214", "json": "fmt/817"}


def _held_session(client, anna, phone, title: str, close: bool = True) -> dict:
    session = client.post("/api/sessions", headers=anna, json={
        "title": title, "organisations": ORGANISATIONS, "phase": "scoring",
        "collaboration": "Regio West"}).json
    for organisation in ORGANISATIONS:
        for _ in range(3):
            phone(session["code"], organisation).emit(
                "score", {"statement": "ambition-shared", "value": 4}, callback=True)
    client.post(f"/api/sessions/{session['id']}/agreements", headers=anna, json={
        "lens": "ambition", "text": "Write the ambition down", "who": "Anna"})
    if close:
        client.post(f"/api/sessions/{session['id']}/close", headers=anna)
    return session


def _collaboration(client, anna, name: str = "Regio West") -> int:
    return next(c["id"] for c in client.get("/api/collaborations", headers=anna).json
                if c["name"] == name)


def _mdto(body: bytes) -> ET.Element:
    """The MDTO document's one object, checked against the schema's order."""
    root = ET.fromstring(body)  # well-formed, or this raises
    assert root.tag == f"{M}MDTO" and len(root) == 1
    element = root[0]
    kind = element.tag.removeprefix(M)
    names = [child.tag.removeprefix(M) for child in element]
    assert all(name in names for name in REQUIRED[kind]), (kind, names)
    positions = [ORDER[kind].index(name) for name in names]
    assert positions == sorted(positions), names
    for text in element.iter():
        assert len(text) or (text.text or "").strip(), f"{text.tag} is empty"
    return element


def _find(element: ET.Element, path: str) -> str:
    return element.find("/".join(f"{M}{part}" for part in path.split("/"))).text


def test_the_record_unpacks_to_exactly_what_its_metadata_lists(client, anna, bram, phone):
    first = _held_session(client, anna, phone, "Voorjaar")
    _held_session(client, anna, phone, "Najaar, nog bezig", close=False)
    collaboration = _collaboration(client, anna)
    url = f"/api/collaborations/{collaboration}/record.zip"
    waiting = client.get(url, headers=anna)  # its reports are not made yet: never on the loop
    assert waiting.status_code == 202 and waiting.json["status"] == "building"
    assert waiting.headers["Location"].endswith(url)
    response = fetch_report(client, url, headers=anna)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"].endswith('regio-west-dossier.zip"')
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.testzip() is None
    unpacked = {info.filename: archive.read(info) for info in archive.infolist()}
    manifest = json.loads(unpacked.pop("manifest.json"))
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(unpacked)  # nothing missing, nothing more
    for path, body in unpacked.items():
        assert listed[path]["size"] == len(body)
        assert listed[path]["sha256"] == hashlib.sha256(body).hexdigest()

    # The closed session only; its reports, action list, figures and picture, each
    # described by an MDTO "bestand" beside it; never the raw scores.
    content = sorted(p for p in unpacked if not p.endswith(".mdto.xml"))
    names = [p.rsplit("/", 1)[1] for p in content]
    assert all(n.startswith("voorjaar-") for n in names)
    assert sorted(n.split("-", 4)[-1] for n in names) == [
        "actielijst.csv", "actielijst.xlsx", "beeld.json", "cijfers.csv", "rapport.pdf",
        "samenvatting.pdf"]
    assert not any("scores" in p or "nog-bezig" in p for p in unpacked)
    for path in content:
        described = _mdto(unpacked[f"{path}.mdto.xml"])
        assert described.tag == f"{M}bestand"
        assert _find(described, "naam") == path.rsplit("/", 1)[1]
        assert int(_find(described, "omvang")) == len(unpacked[path])
        assert _find(described, "checksum/checksumWaarde") == hashlib.sha256(
            unpacked[path]).hexdigest()
        assert _find(described, "checksum/checksumAlgoritme/begripLabel") == "SHA256"
        assert _find(described, "bestandsformaat/begripCode") == PUIDS[path.rsplit(".", 1)[1]]
        assert _find(described, "isRepresentatieVan/verwijzingIdentificatie/"
                                "identificatieKenmerk") == f"session-{first['id']}"
        if path.endswith(".pdf"):
            with pikepdf.open(io.BytesIO(unpacked[path])) as pdf:
                assert pdf.open_metadata().pdfa_status == "3B"

    dossier = _mdto(unpacked["regio-west-dossier.mdto.xml"])
    assert _find(dossier, "aggregatieniveau/begripLabel") == "Dossier"
    assert _find(dossier, "naam") == "Regio West"
    parts = dossier.findall(f"{M}bevatOnderdeel")
    assert [_find(p, "verwijzingNaam") for p in parts] == ["Voorjaar"]
    record = _mdto(next(body for path, body in unpacked.items()
                        if path.count("/") == 1 and path.endswith(".mdto.xml")))
    assert _find(record, "aggregatieniveau/begripLabel") == "Archiefstuk"
    assert _find(record, "taal") == "nl"
    assert _find(record, "waardering/begripCode") == "N"
    assert _find(record, "isOnderdeelVan/verwijzingIdentificatie/identificatieKenmerk") == \
        f"collaboration-{collaboration}"
    assert len(record.findall(f"{M}heeftRepresentatie")) == 6
    figures = next(body for path, body in unpacked.items() if path.endswith("cijfers.csv"))
    assert figures.decode().startswith("round,round_kind,lens,statement,unit,")
    report = next(body for path, body in unpacked.items() if path.endswith("rapport.pdf"))
    with pikepdf.open(io.BytesIO(report)) as pdf:  # the same figures as inside the report
        assert pdf.attachments["figures.csv"].get_file().read_bytes() == figures

    # Another facilitator's collaboration, or none: 404, as for its page.
    assert client.get(f"/api/collaborations/{collaboration}/record.zip",
                      headers=bram).status_code == 404
    missing = client.get("/api/collaborations/99999/record.zip", headers=anna)
    assert missing.status_code == 404
    assert missing.json["error"]["code"] == "collaboration_not_found"
    assert client.get(f"/api/collaborations/{collaboration}/record.zip").status_code == 401


def test_a_collaboration_without_closed_sessions_gives_the_dossier_metadata_alone(
        client, anna, auth):
    client.post("/api/sessions", headers=anna, json={
        "title": "Kick-off", "organisations": ORGANISATIONS, "collaboration": "Nieuw"})
    collaboration = _collaboration(client, anna, "Nieuw")
    auth.login()
    page = client.get(f"/sessions/collaborations/{collaboration}").get_data(as_text=True)
    link = f"/sessions/collaborations/{collaboration}/record.zip"
    assert link in page
    response = client.get(link)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == ["manifest.json", "nieuw-dossier.mdto.xml"]
    dossier = _mdto(archive.read("nieuw-dossier.mdto.xml"))
    assert dossier.find(f"{M}bevatOnderdeel") is None
