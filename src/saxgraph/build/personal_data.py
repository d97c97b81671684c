"""Personal data, and the public variant of the dataset that leaves it out (`--public`, the PUBLIC setting).

What is personal is decided in the ontology, not here: a class marked `sg:personalData true` (sg:Person) has
natural persons as instances, and a property so marked (given and family names, titles, sg:contactPerson)
carries personal data whatever holds it. From that, the public variant leaves out

- every statement about a person (name, label, titles, direct phone and fax lines, memberOf) and every
  statement linking to one (contact person, member, credit, participant), in every graph, inferred included;
- the memberships (posts) a person holds: a person's role and role title at an organisation;
- every statement using a personal-data property;
- any other literal that names a person (a description naming a signatory), as a safety net: a person's
  label or family name as a whole word, whatever its length.
- the evidence (graph/evidence) of every statement so left out, and any evidence statement whose quote
  names a person.

An organisation's own phone and fax numbers are kept: they are not a person's. The filter runs once, when a
dataset is built (`saxgraph build --public`) or loaded (PUBLIC), so every route and every dump serves only
what is left. The result is the same set of quads either way, hence the same version hash.
"""

import re
from collections.abc import Iterable

import pyoxigraph as ox

from saxgraph.build.evidence import reified
from saxgraph.errors import SaxgraphError
from saxgraph.namespaces import PREFIXES, RDF_TYPE, SG

SUBCLASS_OF = ox.NamedNode(PREFIXES["rdfs"] + "subClassOf")
LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
PERSONAL_DATA = ox.NamedNode(str(SG) + "personalData")
TRUE = ox.Literal("true", datatype=ox.NamedNode(PREFIXES["xsd"] + "boolean"))
# A membership is the n-ary form of "X holds a post at Y": held by a person, it is that person's post.
MEMBERSHIP_CLASSES = {ox.NamedNode(str(SG) + "Membership"), ox.NamedNode(PREFIXES["org"] + "Membership")}
FAMILY_NAME = ox.NamedNode(str(SG) + "familyName")


def marked_terms(quads: list[ox.Quad]) -> tuple[set, set]:
    """(classes whose instances are persons, properties whose values are personal data), as the ontology
    marks them. A marked term counts both ways (a class is never a predicate, nor a property a type), and a
    sub-class of a marked class is personal too."""
    marked = {q.subject for q in quads if q.predicate == PERSONAL_DATA and q.object == TRUE}
    sub_classes: dict = {}
    for q in quads:
        if q.predicate == SUBCLASS_OF:
            sub_classes.setdefault(q.object, set()).add(q.subject)
    classes, stack = set(), list(marked)
    while stack:
        cls = stack.pop()
        if cls not in classes:
            classes.add(cls)
            stack.extend(sub_classes.get(cls, ()))
    return classes, marked


def public_quads(quads: Iterable[ox.Quad], ontology: Iterable[ox.Quad] = ()) -> list[ox.Quad]:
    """The quads without personal data; `ontology` adds the markings when `quads` lacks its ontology graph."""
    quads = list(quads)
    classes, properties = marked_terms(quads + list(ontology))
    if not properties:
        raise SaxgraphError("no term is marked sg:personalData in the ontology: "
                            "cannot tell what to leave out")
    persons = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object in classes}
    memberships = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object in MEMBERSHIP_CLASSES}
    posts = {q.subject for q in quads if q.subject in memberships and q.object in persons}
    nodes = persons | posts
    names = {q.object.value.strip() for q in quads if q.subject in persons
             and q.predicate in (LABEL, FAMILY_NAME) and isinstance(q.object, ox.Literal)}
    naming = _whole_words(name for name in names if len(name) >= 2)

    def personal(q: ox.Quad) -> bool:
        if q.subject in nodes or q.object in nodes or q.predicate in properties:
            return True
        return naming is not None and isinstance(q.object, ox.Literal) and bool(naming.search(q.object.value))

    # The evidence of a statement (its quote and lines) goes with it: a statement node that reifies a
    # personal statement, or has any personal part (a quote naming a person), is left out whole.
    statements = reified(quads)
    withheld = {node for node, (s, p, o) in statements.items()
                if personal(ox.Quad(s, p, o, ox.DefaultGraph()))}
    withheld |= {q.subject for q in quads if q.subject in statements and personal(q)}
    return [q for q in quads if q.subject not in withheld and not personal(q)]


def _whole_words(names) -> re.Pattern | None:
    """A pattern finding any of `names` as whole words ("Post" the family name, not "post" nor "Postal")."""
    alternatives = "|".join(map(re.escape, sorted(set(names), key=len, reverse=True)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if alternatives else None


NOT_FOR_REMOTE_STORES = ("public mode cannot filter a remote store's data as it is served: publish a public "
                         "build to the store instead (saxgraph build --public, then saxgraph publish)")


def public_store(store):
    """A Store holding the public variant of `store`'s data (the project's ontology supplies the markings)."""
    from saxgraph.build.folder import derived_store

    kept = public_quads(store.quads(), packaged_ontology())
    return derived_store(store, kept, "public: without personal data", public=True,
                         personal_data_removed=len(store) - len(kept))


def packaged_ontology() -> list[ox.Quad]:
    """The project's ontology, which marks the personal-data terms (a store of plain files may lack it)."""
    from saxgraph.build.sources import discover

    quads = []
    for source in discover().ontology:
        quads.extend(ox.parse(path=str(source.path), format=ox.RdfFormat.TURTLE))
    return [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads]
