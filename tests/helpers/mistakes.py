"""The build's crafted mistakes: a line of the fixture data edited, and what the curator must be told;
shared by tests/test_build.py, tests/test_shacl.py and tests/test_evidence.py."""

import pytest

from saxgraph.build.pipeline import check
from saxgraph.build.sources import discover
from saxgraph.errors import BuildError

CLUSTERS = "data/clusters.ttl"


def edit(root, relative, old, new):
    path = root / relative
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not found in {relative}"
    path.write_text(text.replace(old, new, 1))


def problems_of(root):
    with pytest.raises(BuildError) as caught:
        check(discover(root))
    return caught.value.problems


# Each row: a crafted mistake in the fixture data, and what the curator must be told.
SHAPE_CASES = [
    ("missing English label",
     'rdfs:label "Minalogic"@en ~ evidence:clusters-minalogic ;', "", "exactly one English rdfs:label"),
    ("two English labels",
     'rdfs:label "Minalogic"@en ~ evidence:clusters-minalogic ;',
     'rdfs:label "Minalogic"@en ~ evidence:clusters-minalogic , '
     '"Minalogic cluster"@en ~ evidence:clusters-minalogic ;',
     "at most one per language"),
    ("label in an unexpected language",
     'rdfs:label "Minalogic"@en ~ evidence:clusters-minalogic ;',
     'rdfs:label "Minalogic"@en ~ evidence:clusters-minalogic , '
     '"Minalogic"@fr ~ evidence:clusters-minalogic ;',
     "@en or @de"),
    ("collaboration without description",
     'dcterms:description "Fixture: a partner cluster in Grenoble."@en ~ evidence:clusters-minalogic ;', "",
     "dcterms:description in English"),
    ("phone not in E.164",
     'sg:telephone "+49351123456"', 'sg:telephone "0351 123456"', "E.164"),
    ("phone without the number as written",
     'sg:telephoneAsStated "+49 (0)351 123 456" ~ evidence:clusters-phone ;', "",
     "keep the number as written"),
    ("German postal code of four digits",
     'sg:postalCode "01099"', 'sg:postalCode "1099"', "five digits"),
    ("address without country",
     "sg:addressCountry place:germany ~ evidence:clusters-address .",
     'sg:addressLocality "x" ~ evidence:clusters-address .', "exactly one sg:addressCountry"),
    ("quantity without qualifier",
     "sg:qualifier sg:moreThan ~ evidence:clusters-members ;", "", "exactly one sg:qualifier"),
    ("quantity as a bare number",
     "sg:memberCount quantity:cool-silicon-members", "sg:memberCount place:dresden", "sg:Quantity"),
    ("unknown property on a closed quantity",
     'sg:asStated "more than 100 members"@en ~ evidence:clusters-members .',
     'sg:asStated "more than 100 members"@en ~ evidence:clusters-members ; '
     'sg:location place:dresden ~ evidence:clusters-members .', "ClosedConstraintComponent"),
    ("location that is not a place",
     "sg:location place:grenoble", "sg:location organisation:tu-dresden", "must be a place"),
    ("founding date as free text",
     'sg:legalForm "e.V." ~ evidence:clusters-cool-silicon ;',
     'sg:legalForm "e.V." ~ evidence:clusters-cool-silicon ; '
     'sg:foundingDate "in 2000" ~ evidence:clusters-cool-silicon ;',
     "sg:foundingDate"),
    ("membership without organisation",
     "sg:organisation cluster:cool-silicon ~ evidence:clusters-contact ; sg:role", "sg:role",
     "exactly one sg:organisation"),
    ("internationalisation project without implementation phase",
     "sg:hasPhase phase:icool-concept ~ evidence:clusters-icool , "
     "phase:icool-implementation ~ evidence:clusters-icool .",
     "sg:hasPhase phase:icool-concept ~ evidence:clusters-icool .", "exactly one implementation phase"),
    ("phase without target country",
     'rdfs:label "iCool implementation phase"@en ~ evidence:clusters-icool ; '
     'sg:targetCountry place:japan ~ evidence:clusters-icool .',
     'rdfs:label "iCool implementation phase"@en ~ evidence:clusters-icool .', "at least one target country"),
    ("person with two family names",
     'sg:familyName "Muster" ~ evidence:clusters-contact ;',
     'sg:familyName "Muster" ~ evidence:clusters-contact , "Mustermann" ~ evidence:clusters-contact ;',
     "exactly one sg:familyName"),
    ("document without source file",
     'sg:sourceFile "999_0000000000000000.txt" ;', "", "sg:sourceFile"),
    ("quote with a language tag",
     '"(as of 16.04.2020)" |}', '"(as of 16.04.2020)"@en |}', "sg:quote is a plain string"),
]


REFERENCE_CASES = [
    ("country without ISO alpha-3", 'sg:iso3166Alpha3 "JPN" ;', "", "alpha-3"),
    ("country with a guessed identifier",
     "skos:exactMatch <http://publications.europa.eu/resource/authority/country/FRA> .",
     "skos:exactMatch <http://www.wikidata.org/entity/Q142> .", "never guess"),
    ("bad NUTS code", 'sg:nutsCode "DED"', 'sg:nutsCode "saxony"', "NUTS code"),
    ("city not located anywhere",
     "place:grenoble a sg:City ; rdfs:label \"Grenoble\"@en ; sg:locatedIn place:france .",
     "place:grenoble a sg:City ; rdfs:label \"Grenoble\"@en .", "A city lies in"),
    ("topic without English label", 'skos:prefLabel "energy efficiency"@en , "Energieeffizienz"@de ;',
     'skos:prefLabel "Energieeffizienz"@de ;', "English skos:prefLabel"),
]
