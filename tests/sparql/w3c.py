"""Reading the W3C SPARQL 1.1 test manifests kept beside the repository (../shared/w3c-sparql11)."""

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Namespace
from rdflib.collection import Collection

W3C_DIR = Path(__file__).resolve().parents[3] / "shared" / "w3c-sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")


@dataclass
class HttpRequest:
    method: str
    path: str
    headers: dict
    body: bytes | None
    expected_status: set[str]  # e.g. {"2xx", "3xx"}
    expected_boolean: bool | None
    expected_format: str | None


@dataclass
class ProtocolTest:
    name: str
    title: str
    requests: list[HttpRequest]
    graph_data: dict = field(default_factory=dict)  # graph IRI -> file path

    @property
    def is_update(self) -> bool:
        return self.name.startswith("update_")


def manifest(folder: str) -> tuple[Graph, list]:
    graph = Graph().parse(W3C_DIR / folder / "manifest.ttl", format="turtle")
    root = next(graph.subjects(RDF.type, MF.Manifest))
    return graph, list(Collection(graph, graph.value(root, MF.entries)))


def protocol_tests() -> list[ProtocolTest]:
    graph, entries = manifest("protocol")
    tests = []
    for entry in entries:
        action = graph.value(entry, MF.action)
        requests = []
        for req in Collection(graph, graph.value(action, HT.requests)):
            headers = {}
            header_list = graph.value(req, HT.headers)
            if header_list is not None:
                for header in Collection(graph, header_list):
                    headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
            body = None
            content = graph.value(req, HT.body)
            if content is not None:
                encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(content, CNT.chars)).encode(encoding)
            resp = graph.value(req, HT.resp)
            statuses = {str(s).rsplit("StatusCode", 1)[-1] for s in graph.objects(resp, MF.expectedStatus)}
            boolean = graph.value(resp, MF.expectedBoolean)
            fmt = graph.value(resp, MF.expectedFormat)
            requests.append(HttpRequest(str(graph.value(req, HT.methodName)),
                                        str(graph.value(req, HT.absolutePath)),
                                        headers, body, statuses,
                                        None if boolean is None else boolean.toPython(),
                                        None if fmt is None else str(fmt)))
        data = {str(graph.value(d, RDFS.label)):
                W3C_DIR / "protocol" / Path(str(graph.value(d, UT.graph))).name
                for d in graph.objects(entry, UT.graphData)}
        tests.append(ProtocolTest(str(entry).rsplit("#", 1)[-1], str(graph.value(entry, MF.name)),
                                  requests, data))
    return tests


def syntax_tests() -> list[tuple[str, Path, bool]]:
    """(name, query file, positive?) of the query syntax manifest."""
    graph, entries = manifest("syntax-query")
    out = []
    for entry in entries:
        kind = graph.value(entry, RDF.type)
        action = graph.value(entry, MF.action)
        positive = kind == MF.PositiveSyntaxTest11
        if kind not in (MF.PositiveSyntaxTest11, MF.NegativeSyntaxTest11):
            continue
        out.append((str(entry).rsplit("#", 1)[-1], W3C_DIR / "syntax-query" / Path(str(action)).name,
                    positive))
    return out


def service_description_tests() -> list[tuple[str, str]]:
    """(name, title) of the service description manifest (its tests are described in prose only)."""
    graph, entries = manifest("service-description")
    return [(str(e).rsplit("#", 1)[-1], str(graph.value(e, MF.name))) for e in entries]
