"""The audit of document 004 (the 32 leading-edge clusters): what the document states, each fact its own words
and a pattern that must hold in graph leading-edge-clusters, for every entry (its project's target countries
per phase, its managing organisation where the text names one, its partners, contact, phone and address), and
the statements an audit found that the document does not make, which must not hold there. What the curator
keeps of those is checked in test_leading_edge_clusters_evidence.py."""

import pytest

from tests.helpers.documents import NotStated, Stated, fact_id, holds, quoted
from tests.helpers.leading_edge_clusters import GRAPH_SLUG, SOURCE_FILE


def phase(quote: str, cluster: str, kind: str, countries: tuple) -> Stated:
    """The phase of `kind` of the cluster's project targets exactly `countries`."""
    listed = " , ".join(f"place:{c}" for c in countries)
    return Stated(quote, f"""
        ?project sg:carriedOutBy {cluster} ; sg:hasPhase ?phase .
        ?phase a sg:{kind} ; sg:targetCountry {listed} .
        FILTER NOT EXISTS {{ ?phase sg:targetCountry ?other
                             FILTER(?other NOT IN ({listed.replace(" ,", ",")})) }}""")


def no_targets(quote: str, cluster: str) -> Stated:
    """The entry has no implementation-phase line: the phase says so and has no target."""
    return Stated(quote, f"""
        ?project sg:carriedOutBy {cluster} ; sg:hasPhase ?phase .
        ?phase a sg:ImplementationPhase ; sg:targetCountriesStated false .
        FILTER NOT EXISTS {{ ?phase sg:targetCountry ?any }}""")


def contact(quote: str, of: str, person: str) -> Stated:
    return Stated(quote, f"""{of} sg:contactPerson person:{person} .
        ?m a sg:Membership ; sg:member person:{person} ; sg:role role:contact-person .""")


def phone(quote: str, person: str, as_stated: str, e164: str, fax: bool = False) -> Stated:
    kind = "faxNumber" if fax else "telephone"
    return Stated(quote, f'person:{person} sg:{kind}AsStated "{as_stated}" ; sg:{kind} "{e164}" .')


def address(quote: str, of: str, street: str | None, code: str) -> Stated:
    street_pattern = f'sg:streetAddress "{street}" ; ' if street else ""
    pattern = f'{of} sg:address ?a . ?a a sg:PostalAddress ; {street_pattern}sg:postalCode "{code}" .'
    return Stated(quote, pattern)


def managed(quote: str, cluster: str, manager: str) -> Stated:
    return Stated(quote, f"{cluster} sg:managedBy {manager} .")


STATED = [
    # ---------------------------------------------------------------- the document and the measure
    Stated("The funded clusters of the first, second and third round",
           'document:leading-edge-clusters a sg:SourceDocument ; dcterms:title "The funded clusters of the '
           'first, second and third round"@en .'),
    Stated("(As of 16.04.2020)", 'document:leading-edge-clusters dcterms:date "2020-04-16"^^xsd:date .'),
    Stated("there have been funded altogether thirty-two leading-edge clusters",
           "programme:leading-edge-cluster-internationalisation sg:quantity ?q . ?q sg:numericValue 32 ; "
           "sg:qualifier sg:exactly ."),
    Stated("from the Federal Ministry of Education and Research",
           "programme:leading-edge-cluster-internationalisation sg:funder organisation:bmbf ."),

    # ---------------------------------------------------------------- AMZ Sachsen
    phase("AMZ Sachsen Target countries concept phase: USA", "cluster:amz-sachsen", "ConceptPhase",
          ("united-states",)),
    phase("Target countries implementation phase: USA Alexander Helbych", "cluster:amz-sachsen",
          "ImplementationPhase", ("united-states",)),
    contact("Alexander Helbych Projektleiter TADA", "cluster:amz-sachsen", "alexander-helbych"),
    Stated("Alexander Helbych Projektleiter TADA",
           'project:tada a sg:InternationalisationProject ; rdfs:label "TADA"@en ; sg:contactPerson '
           "person:alexander-helbych . ?m sg:member person:alexander-helbych ; sg:role "
           'role:project-manager ; sg:roleTitle "Projektleiter TADA"@de .'),
    phone("Tel.: +49 1728380024", "alexander-helbych", "+49 1728380024", "+491728380024"),

    # ---------------------------------------------------------------- ARENA 2036
    phase("ARENA 2036 e.V. Target countries concept phase: Australia, Canada", "cluster:arena-2036",
          "ConceptPhase", ("australia", "canada")),
    phase("Target countries implementation phase: Australia", "cluster:arena-2036", "ImplementationPhase",
          ("australia",)),
    Stated("the cooperation with partners from Australia and the USA",
           "cluster:arena-2036 sg:partnerRegion place:australia , place:united-states ."),
    Stated("public-private partnerships in Swinburne, Ohio, and Michigan",
           "cluster:arena-2036 sg:partnerRegion place:swinburne , place:ohio , place:michigan . "
           'place:swinburne rdfs:label "Swinburne"@en .'),
    Stated("an international platform for lightweight construction",
           "cluster:arena-2036 sg:topic topic:lightweight-construction ."),
    contact("Dr. Clemens Ackermann Forschungskoordination & Internationalisierung", "cluster:arena-2036",
            "clemens-ackermann"),
    phone("Tel.: +49 (0) 711 685 68370", "clemens-ackermann", "+49 (0) 711 685 68370", "+4971168568370"),
    address("Pfaffenwaldring 19 | 70569 Stuttgart, Germany", "cluster:arena-2036", "Pfaffenwaldring 19",
            "70569"),
    Stated("70569 Stuttgart, Germany",
           "address:arena-2036 sg:addressCountry place:germany ; sg:addressCity place:stuttgart ."),

    # ---------------------------------------------------------------- BioEconomy Cluster
    phase("Target countries concept phase: China, England, Finnland, France, Netherlands",
          "cluster:bioeconomy-cluster", "ConceptPhase",
          ("china", "england", "finland", "france", "netherlands")),
    phase("Finnland, France, Netherlands Target countries implementation phase: France",
          "cluster:bioeconomy-cluster", "ImplementationPhase", ("france",)),
    Stated("China, England, Finnland",
           'place:england rdfs:label "England"@en . place:finland skos:altLabel "Finnland" .'),
    managed("BioEconomy Clustermanagement GmbH", "cluster:bioeconomy-cluster",
            "organisation:bioeconomy-clustermanagement"),
    Stated("Cooperation will be formed with the partner clusters CLIC Innovation (Finland), Industries & "
           "Agro-Ressources (France), Biobased Delta Foundation (Netherlands), BioVale Ltd. (England) as "
           "well as the Shanghai Advanced Research Institute (SARI, China).",
           "cluster:bioeconomy-cluster sg:partnerCluster cluster:clic-innovation , "
           "cluster:industries-agro-ressources , cluster:biobased-delta , cluster:biovale , "
           "organisation:shanghai-advanced-research-institute . cluster:clic-innovation sg:location "
           "place:finland . cluster:industries-agro-ressources sg:location place:france . "
           'cluster:biobased-delta sg:location place:netherlands ; rdfs:label "Biobased Delta '
           'Foundation"@en . cluster:biovale sg:location place:england . '
           "organisation:shanghai-advanced-research-institute sg:location place:china ."),
    Stated("“Beechwood International (BWI)”",
           'project:beechwood-international skos:altLabel "BWI" ; sg:carriedOutBy '
           "cluster:bioeconomy-cluster ."),
    contact("Steffen Ullmann, M.A.", "cluster:bioeconomy-cluster", "steffen-ullmann"),
    Stated("Steffen Ullmann, M.A.", 'person:steffen-ullmann sg:honorificSuffix "M.A." .'),
    phone("Tel.: +49 (0)345/ 1314 2732", "steffen-ullmann", "+49 (0)345/ 1314 2732", "+4934513142732"),
    address("Blücherstraße 26 | 06120 Halle (Saale)", "organisation:bioeconomy-clustermanagement",
            "Blücherstraße 26", "06120"),

    # ---------------------------------------------------------------- biotechnology cluster of Munich (BioM)
    phase("BioM Biotech Cluster Development GmbH Target countries concept phase: Japan",
          "cluster:munich-biotechnology-cluster", "ConceptPhase", ("japan",)),
    phase("Target countries implementation phase: Japan The European metropolitan area of Munich",
          "cluster:munich-biotechnology-cluster", "ImplementationPhase", ("japan",)),
    Stated("the biotechnology cluster of Munich",
           'cluster:munich-biotechnology-cluster rdfs:label "Biotechnology cluster of Munich"@en ; '
           "sg:location place:munich ."),
    Stated("in the last five years about 40 new business start-ups were established",
           "place:munich-metropolitan-area sg:quantity ?q . ?q sg:numericValue 40 ; sg:qualifier sg:about ."),
    Stated("the leading-edge cluster program “m4 – personalized medicine and targeted therapy”",
           'project:m4 skos:altLabel "m4" ; sg:topic topic:personalised-medicine .'),
    contact("Dr. Stephanie Wehnelt Head of International Affairs", "cluster:munich-biotechnology-cluster",
            "stephanie-wehnelt"),
    phone("Tel.: +49 (0) 89 / 89 96 79-29", "stephanie-wehnelt", "+49 (0) 89 / 89 96 79-29", "+498989967929"),
    address("Am Klopferspitz 19a| 82152 Martinsried", "organisation:biom-biotech-cluster-development",
            "Am Klopferspitz 19a", "82152"),
    Stated("82152 Martinsried",
           'address:biom-biotech-cluster-development sg:addressLocality "Martinsried" .'),

    # ---------------------------------------------------------------- BIO.NRW
    phase("Target countries concept phase: China Target countries implementation phase: China",
          "cluster:bio-nrw", "ConceptPhase", ("china",)),
    phase("Target countries concept phase: China Target countries implementation phase: China",
          "cluster:bio-nrw", "ImplementationPhase", ("china",)),
    Stated("BIO Clustermanagement NRW GmbH",
           "cluster:bio-nrw sg:managedBy organisation:bio-clustermanagement-nrw ."),
    Stated("It is thus the economically active part of the cluster",
           "organisation:bio-clustermanagement-nrw sg:unitOf cluster:bio-nrw ."),
    Stated("the state cluster manager for biotechnology, Dr. med. Bernward Garthoff",
           'person:bernward-garthoff sg:honorificPrefix "Dr. med." . ?m sg:member person:bernward-garthoff '
           "; sg:organisation cluster:bio-nrw ; sg:role role:cluster-manager ."),
    Stated("together with life science clusters of the NRW partner provinces of Sichuan and Jiangsu",
           "cluster:bio-nrw sg:partnerRegion place:sichuan , place:jiangsu ."),
    Stated("The strategic partnership between the state of North Rhine-Westphalia and the partner "
           "provinces of Jiangsu and Sichuan",
           "place:north-rhine-westphalia sg:partnerRegion place:jiangsu , place:sichuan ."),
    Stated("the Rhine-Ruhr area with 9.9 million inhabitants",
           "place:rhine-ruhr sg:locatedIn place:north-rhine-westphalia ; sg:quantity ?q . ?q "
           "sg:numericValue 9900000 ."),
    Stated("109 core biotechnology companies with more than 4,400 employees",
           "place:north-rhine-westphalia sg:quantity ?a , ?b . ?a sg:numericValue 109 ; sg:qualifier "
           "sg:exactly . ?b sg:numericValue 4400 ; sg:qualifier sg:moreThan ."),
    Stated("ChInValue Spitzencluster project",
           'project:chinvalue sg:carriedOutBy cluster:bio-nrw ; skos:altLabel "ChInValue Spitzencluster '
           'project"@en .'),

    # ---------------------------------------------------------------- BioRN Network
    phase("BioRN Network e.V Target countries concept phase: Belgium, Denmark, Netherlands",
          "cluster:biorn-network", "ConceptPhase", ("belgium", "denmark", "netherlands")),
    phase("Target countries implementation phase: Belgium, Denmark, Netherlands", "cluster:biorn-network",
          "ImplementationPhase", ("belgium", "denmark", "netherlands")),
    Stated("in which establishments like the University of Heidelberg, the German Cancer Research Centre, "
           "the University clinic of Heidelberg and the European Biology Laboratory (EMBL)",
           "cluster:biorn-network sg:hasMember organisation:heidelberg-university , "
           "organisation:german-cancer-research-centre , organisation:heidelberg-university-hospital , "
           'organisation:embl . organisation:embl rdfs:label "European Biology Laboratory"@en .'),
    Stated("companies like Roche, Merck and AbbVie as well as around 80 small- and medium-sized companies",
           "cluster:biorn-network sg:hasMember organisation:roche , organisation:merck , "
           "organisation:abbvie ; sg:quantity ?q . ?q sg:numericValue 80 ; sg:qualifier sg:about ."),
    Stated("The BioRN is supported by the state Baden-Württemberg and by regional partners like the "
           "Technology Park of Heidelberg, the Chamber of Industry and Commerce and the metropolitan "
           "region Rhein-Neckar.",
           "cluster:biorn-network sg:supportedBy organisation:baden-wuerttemberg-state-government , "
           "incubator:technology-park-heidelberg , "
           "organisation:chamber-of-industry-and-commerce-rhein-neckar , "
           "organisation:metropolitan-region-rhein-neckar . "
           'organisation:chamber-of-industry-and-commerce-rhein-neckar rdfs:label "Chamber of Industry and '
           'Commerce"@en .'),
    Stated("in the metropolitan region Rhein-Neckar around the cities Heidelberg, Mannheim, Ludwigshafen "
           "and Darmstadt",
           "cluster:biorn-network sg:location place:rhine-neckar-metropolitan-region . place:ludwigshafen "
           "sg:locatedIn place:rhine-neckar-metropolitan-region ."),
    contact("Dr. Julia Schaft Project Manager", "cluster:biorn-network", "julia-schaft"),
    phone("Tel.: +49 6221 4305 111", "julia-schaft", "+49 6221 4305 111", "+4962214305111"),
    address("Im Neuenheimer Feld 582 | 69120 Heidelberg", "cluster:biorn-network", "Im Neuenheimer Feld 582",
            "69120"),

    # ---------------------------------------------------------------- CFK Valley
    phase("CFK Valley e.V. Target countries concept phase: Japan", "cluster:cfk-valley", "ConceptPhase",
          ("japan",)),
    phase("Target countries implementation phase: Japan Dr. Bastian Brenken", "cluster:cfk-valley",
          "ImplementationPhase", ("japan",)),
    contact("Dr. Bastian Brenken Technical Director", "cluster:cfk-valley", "bastian-brenken"),
    phone("Tel.: +49 (0) 4141 40740 - 15", "bastian-brenken", "+49 (0) 4141 40740 - 15", "+4941414074015"),
    phone("Fax: +49 (0) 4141 40740 - 29", "bastian-brenken", "+49 (0) 4141 40740 - 29", "+4941414074029",
          fax=True),
    address("Ottenbecker Damm 12 | 21664 Stade, Germany", "cluster:cfk-valley", "Ottenbecker Damm 12",
            "21664"),

    # ---------------------------------------------------------------- CLIB2021
    phase("CLIB ²021 e.V. Target countries concept phase: Belgium, Netherlands",
          "cluster:cluster-industrial-biotechnology", "ConceptPhase", ("belgium", "netherlands")),
    phase("Target countries implementation phase: Belgium, Netherlands, Austria",
          "cluster:cluster-industrial-biotechnology", "ImplementationPhase",
          ("belgium", "netherlands", "austria")),
    Stated("The regions Nordrhein-Westfalen, Flanders and the Netherlands build Europe’s leading "
           "industrial region",
           "place:north-rhine-westphalia sg:locatedIn place:big-c-region . place:flanders sg:locatedIn "
           "place:big-c-region . place:netherlands sg:locatedIn place:big-c-region . project:big-c-process "
           "sg:location place:big-c-region ."),
    contact("Dr. Katrin Kriebs Project Manager and Scientific Advisor",
            "cluster:cluster-industrial-biotechnology", "katrin-kriebs"),
    phone("Tel.: +49 (0) 211 / 67 931-38", "katrin-kriebs", "+49 (0) 211 / 67 931-38", "+492116793138"),
    address("Völklinger Str. 4 | 40219 Düsseldorf", "cluster:cluster-industrial-biotechnology",
            "Völklinger Str. 4", "40219"),

    # ---------------------------------------------------------------- Cluster Leistungselektronik (ECPE)
    phase("ECPE European Center for Power Electronics e.V. Target countries concept phase: Japan",
          "cluster:power-electronics", "ConceptPhase", ("japan",)),
    phase("Target countries implementation phase: Japan - Building and coordination",
          "cluster:power-electronics", "ImplementationPhase", ("japan",)),
    Stated("Cluster Power Electronic",
           'cluster:power-electronics rdfs:label "Cluster Power Electronic"@en ; sg:address address:ecpe .'),
    contact("Peter Rechberger Project & Innovation Manager Project Leader Custer-Internationalization",
            "cluster:power-electronics", "peter-rechberger"),
    phone("Tel.: +49 (0) 911 / 81 02 88-12", "peter-rechberger", "+49 (0) 911 / 81 02 88-12",
          "+4991181028812"),
    address("Landgrabenstraße 94 | 90443 Nürnberg", "organisation:ecpe", "Landgrabenstraße 94", "90443"),

    # ---------------------------------------------------------------- Cluster Mechatronik & Automation
    phase("Cluster Mechatronik & Automation Management gGmbH Target countries concept phase: Netherlands",
          "cluster:mechatronik-automation", "ConceptPhase", ("netherlands",)),
    phase("Target countries implementation phase: Netherlands Cluster for Excellence",
          "cluster:mechatronik-automation", "ImplementationPhase", ("netherlands",)),
    managed("Cluster Mechatronik & Automation Management gGmbH", "cluster:mechatronik-automation",
            "organisation:cluster-mechatronik-automation-management"),
    Stated("the cluster Mechatronik & Automation chose the region Brabant/Brainport as a cooperation "
           "partner",
           "cluster:mechatronik-automation sg:partnerRegion place:brabant-brainport . "
           'place:brabant-brainport rdfs:label "Brabant/Brainport"@en .'),
    Stated("up to three R&D projects",
           "project:additive4industrie sg:quantity ?q . ?q sg:numericValue 3 ; sg:qualifier sg:upTo ."),
    Stated("The project is organized in three partitions",
           "project:additive4industrie sg:quantity ?q . ?q sg:numericValue 3 ; sg:qualifier sg:exactly ."),
    Stated("In the Cluster Mechatronik & Automation are 200 actors",
           "cluster:mechatronik-automation sg:memberCount ?q . ?q sg:numericValue 200 ."),
    contact("Heiko Bartschat (Dipl.-Kfm. (Univ.))", "cluster:mechatronik-automation", "heiko-bartschat"),
    phone("Tel.: +49 (0)175 2653 339", "heiko-bartschat", "+49 (0)175 2653 339", "+491752653339"),
    address("Am Technologiezentrum 5\n86159 Augsburg",
            "organisation:cluster-mechatronik-automation-management", "Am Technologiezentrum 5", "86159"),

    # ---------------------------------------------------------------- Cool Silicon
    phase("Cool Silicon e.V. Target countries concept phase: Belgium, Czech Republic", "cluster:cool-silicon",
          "ConceptPhase", ("belgium", "czechia")),
    phase("Target countries implementation phase: Czech Republic The FMER", "cluster:cool-silicon",
          "ImplementationPhase", ("czechia",)),
    Stated("its partner clusters Minalogic from Grenoble (France), DSP Valley from Leuven (Belgium), and "
           "High Tech NL from Eindhoven (Netherlands)",
           "cluster:cool-silicon sg:partnerCluster cluster:minalogic , cluster:dsp-valley , "
           "cluster:high-tech-nl . cluster:minalogic sg:location place:grenoble . place:grenoble "
           "sg:locatedIn place:france . place:leuven sg:locatedIn place:belgium . place:eindhoven "
           "sg:locatedIn place:netherlands ."),
    Stated("through the support of the federation and additionally of the Free State of Saxony",
           "cluster:cool-silicon sg:supportedBy organisation:saxon-state-government ."),
    Stated("energy savings of about 80 percent on components level",
           "cluster:cool-silicon sg:quantity ?q . ?q sg:numericValue 80 ; sg:qualifier sg:about ."),
    contact("Frank Bösenberg Contact Data: Cool Silicon e.V.", "cluster:cool-silicon", "frank-boesenberg"),
    phone("Tel.: +49 3518925800", "frank-boesenberg", "+49 3518925800", "+493518925800"),
    address("Manfred-von-Ardenne-Ring 20F | 01099 Dresden", "cluster:cool-silicon",
            "Manfred-von-Ardenne-Ring 20F", "01099"),

    # ---------------------------------------------------------------- DeepSea Mining Alliance
    phase("DeepSea Mining Alliance e.V. Target countries concept phase: France, Norway",
          "network:deepsea-mining-alliance", "ConceptPhase", ("france", "norway")),
    no_targets("Target countries concept phase: France, Norway The network ‘DeepSea Mining Alliance’",
               "network:deepsea-mining-alliance"),
    Stated("was established in April 2014 as an association in Hamburg and has currently 28 members, of "
           "which 6 members are international members",
           'network:deepsea-mining-alliance sg:foundingDate "2014-04"^^xsd:gYearMonth ; sg:location '
           "place:hamburg ; sg:memberCount ?m ; sg:quantity ?i . ?m sg:numericValue 28 . ?i "
           "sg:numericValue 6 ."),
    Stated("cooperation partner from France, Belgium, Norway and Poland/East-Europe",
           "network:deepsea-mining-alliance sg:partnerRegion place:france , place:belgium , place:norway , "
           "place:poland , place:east-europe ."),
    Stated("The DSMA got an intensive support in the past Years by the federal Association of German "
           "Industry (FGI).",
           'network:deepsea-mining-alliance sg:supportedBy ?fgi . ?fgi skos:altLabel "FGI" , "federal '
           'Association of German Industry"@en .'),
    Stated("E-Mail: post@deepsea-mining-alliance.",
           'person:johannes-post sg:emailAsStated "post@deepsea-mining-alliance." .'),
    contact("Johannes Post Contact data:", "network:deepsea-mining-alliance", "johannes-post"),
    phone("Tel.: +49 (0)172 5119577", "johannes-post", "+49 (0)172 5119577", "+491725119577"),
    address("Rödingsmarkt 39\nD-20459 Hamburg, Germany", "network:deepsea-mining-alliance", "Rödingsmarkt 39",
            "20459"),

    # ---------------------------------------------------------------- EffizienzCluster LogistikRuhr
    phase("Target countries concept phase: Netherlands, Spain, Great Britain, Italy",
          "cluster:effizienzcluster-logistikruhr", "ConceptPhase",
          ("netherlands", "spain", "united-kingdom", "italy")),
    phase("Target countries implementation phase: Netherlands, Italy, Colombia",
          "cluster:effizienzcluster-logistikruhr", "ImplementationPhase",
          ("netherlands", "italy", "colombia")),
    managed("EffizienzCluster Management GmbH", "cluster:effizienzcluster-logistikruhr",
            "organisation:effizienzcluster-management"),
    Stated("Tel.: +49 (0)208-9925 - 255",
           'organisation:effizienzcluster-management sg:telephone "+492089925255" .'),
    address("Kölner Str. 80 - 82\n45481 Mülheim an der Ruhr, Germany",
            "organisation:effizienzcluster-management", "Kölner Str. 80 - 82", "45481"),

    # ---------------------------------------------------------------- Elektromobilität Süd-West
    phase("Elektromobilität Süd-West Target countries concept phase: France",
          "cluster:elektromobilitaet-sued-west", "ConceptPhase", ("france",)),
    phase("Target countries implementation phase: France Based on", "cluster:elektromobilitaet-sued-west",
          "ImplementationPhase", ("france",)),
    managed("Managed by the state agency for electro mobility and fuel cell technology in "
            "Baden-Württemberg e-mobil BW GmbH", "cluster:elektromobilitaet-sued-west",
            "organisation:e-mobil-bw"),
    Stated("the cluster LUTB-RAAC represents the cluster associate which connects more than 185 associates "
           "in this region",
           "cluster:elektromobilitaet-sued-west sg:partnerCluster cluster:lutb-raac . cluster:lutb-raac "
           "sg:location place:auvergne-rhone-alpes ; sg:memberCount ?q . ?q sg:numericValue 185 ; "
           "sg:qualifier sg:moreThan ."),
    Stated("its cooperation to the actors of the French region Auvergne-Rhône-Alpes",
           "project:allfratech sg:partnerRegion place:auvergne-rhone-alpes . place:auvergne-rhone-alpes "
           "sg:locatedIn place:france ."),
    contact("Stefan Büchele Internationale Zusammenarbeit, Förderpolitik",
            "cluster:elektromobilitaet-sued-west", "stefan-buechele"),
    phone("Tel.: +49 (0) 711 / 892385 19", "stefan-buechele", "+49 (0) 711 / 892385 19", "+4971189238519"),
    address("Leuschnerstr. 45| 70176 Stuttgart", "organisation:e-mobil-bw", "Leuschnerstr. 45", "70176"),

    # ---------------------------------------------------------------- Forum Organic Electronics
    phase("InnovationLab GmbH Target countries concept phase: South Korea, USA",
          "cluster:forum-organic-electronics", "ConceptPhase", ("south-korea", "united-states")),
    phase("Target countries implementation phase: South Korea, USA The leading-edge cluster",
          "cluster:forum-organic-electronics", "ImplementationPhase", ("south-korea", "united-states")),
    Stated("international associates from industry and leading research institutions in innovative regions "
           "like South Korea and USA",
           "project:trisense sg:partnerRegion place:south-korea , place:united-states ."),
    contact("Christian Melzer Head of Academic Affairs and State Funded Projects",
            "cluster:forum-organic-electronics", "christian-melzer"),
    phone("Tel.: +49 (0) 6221 / 5419169", "christian-melzer", "+49 (0) 6221 / 5419169", "+4962215419169"),
    address("Speyerer Straße 4 | 69115 Heidelberg", "organisation:innovationlab", "Speyerer Straße 4",
            "69115"),

    # ---------------------------------------------------------------- Hamburg Aviation
    phase("Hamburg Aviation Target countries concept phase: Canada, Brasil, Portugal",
          "cluster:hamburg-aviation", "ConceptPhase", ("canada", "brazil", "portugal")),
    phase("Target countries implementation phase: Canada Hamburg Aviation", "cluster:hamburg-aviation",
          "ImplementationPhase", ("canada",)),
    Stated("Canada, Brasil, Portugal", 'place:brazil skos:altLabel "Brasil"@en .'),
    Stated("the intercontinental target regions, for example Québec (Canada)",
           "project:hamburg-aviation-internationalisation sg:targetRegion place:quebec . place:quebec "
           "sg:locatedIn place:canada ."),
    Stated("the production of the cluster strategy in 2014",
           'event:hamburg-aviation-cluster-strategy a sg:Event ; sg:date "2014"^^xsd:gYear ; sg:about '
           "cluster:hamburg-aviation ."),
    Stated("the aviation cluster of the metropolitan region Hamburg",
           "cluster:hamburg-aviation sg:location place:hamburg-metropolitan-region ."),
    Stated("Altogether more than 40.000 highly qualified employees",
           "cluster:hamburg-aviation sg:employeeCount ?q . ?q sg:numericValue 40000 ; sg:qualifier "
           "sg:moreThan ."),
    contact("Dr. Christian Scherhag Head of International Affairs", "cluster:hamburg-aviation",
            "christian-scherhag"),
    phone("Tel.: + 49 (0) 40 / 22 70 19 479", "christian-scherhag", "+ 49 (0) 40 / 22 70 19 479",
          "+4940227019479"),
    address("Wexstraße 7 | 20355 Hamburg", "cluster:hamburg-aviation", "Wexstraße 7", "20355"),

    # ---------------------------------------------------------------- Cluster IKV
    phase("RWTH Aachen University Target countries concept phase: Slovenia, Korea", "cluster:ikv",
          "ConceptPhase", ("slovenia", "south-korea")),
    phase("Target countries implementation phase: Slovenia", "cluster:ikv", "ImplementationPhase",
          ("slovenia",)),
    Stated("the Cluster IKV with head office in Aachen has grown to an international key driver in the "
           "plastic industry with 252 member firms",
           "cluster:ikv sg:location place:aachen ; sg:memberCount ?q . ?q sg:numericValue 252 ."),
    contact("Dipl.-Ing. Mauritius Schmitz Scientific Director", "cluster:ikv", "mauritius-schmitz"),
    phone("Tel.: +49 (0) 241 80-93881", "mauritius-schmitz", "+49 (0) 241 80-93881", "+492418093881"),
    address("Seffenter Weg 201 | 52074 Aachen", "organisation:ikv", "Seffenter Weg 201", "52074"),

    # ---------------------------------------------------------------- SINN-i
    phase("Target countries concept phase: China, France, Japan, Canada, Spain, UK",
          "network:sport-innovation-network", "ConceptPhase",
          ("china", "france", "japan", "canada", "spain", "united-kingdom")),
    phase("Target countries implementation phase: Japan, Spain, UK, South Africa",
          "network:sport-innovation-network", "ImplementationPhase",
          ("japan", "spain", "united-kingdom", "south-africa")),
    Stated("Centre for Sports Engineering Research of the Sheffield Hallam University in Sheffield, Great "
           "Britain; Gaia in Bilbao, Spain; ISPO Shanghai, China; Tokyo University, Japanese Sports "
           "Engineering Association (JSEA), and Japan Institute of Sport Science (JISS), all in Japan",
           "network:sport-innovation-network sg:partnerCluster "
           "organisation:centre-for-sports-engineering-research , organisation:gaia , "
           "organisation:ispo-shanghai , organisation:university-of-tokyo , "
           "organisation:japanese-sports-engineering-association , "
           "organisation:japan-institute-of-sport-science . "
           "organisation:centre-for-sports-engineering-research sg:unitOf "
           'organisation:sheffield-hallam-university . organisation:university-of-tokyo rdfs:label "Tokyo '
           'University"@en ; sg:location place:japan . organisation:gaia sg:location place:bilbao . '
           "place:bilbao sg:locatedIn place:spain ."),
    contact("Franziska Krüger Project Managerin", "network:sport-innovation-network", "franziska-krueger"),
    phone("Tel.: +49 (0) 89 18 91 719 0", "franziska-krueger", "+49 (0) 89 18 91 719 0", "+498918917190"),
    address("Hohenzollernstraße 26 | 80801 München", "organisation:innovationsmanufaktur",
            "Hohenzollernstraße 26", "80801"),

    # ---------------------------------------------------------------- it's OWL
    phase("it's OWL Clustermanagement GmbH Target countries concept phase: Canada, Finland",
          "cluster:its-owl", "ConceptPhase", ("canada", "finland")),
    phase("Target countries implementation phase: Canada Salome Leßmann", "cluster:its-owl",
          "ImplementationPhase", ("canada",)),
    managed("it's OWL Clustermanagement GmbH", "cluster:its-owl", "organisation:its-owl-clustermanagement"),
    contact("Salome Leßmann, B.Sc. International Relations", "cluster:its-owl", "salome-lessmann"),
    phone("Tel.: +49 5251 5465 283", "salome-lessmann", "+49 5251 5465 283", "+4952515465283"),

    # ---------------------------------------------------------------- KIMW Cluster
    phase("Kunststoff-Institut Lüdenscheid Target countries concept phase: France", "cluster:kimw-cluster",
          "ConceptPhase", ("france",)),
    phase("Target countries implementation phase: France “Development of an internationalization concept "
          "for the KIMW Cluster“", "cluster:kimw-cluster", "ImplementationPhase", ("france",)),
    Stated("with it’s over 250 members in the KIMW Cluster",
           "cluster:kimw-cluster sg:memberCount ?q . ?q sg:numericValue 250 ; sg:qualifier sg:moreThan ."),
    Stated("The Plastics Institute is member of the “go-cluster” since 2005",
           "organisation:kunststoff-institut-luedenscheid sg:memberOfProgramme programme:go-cluster ."),
    contact("Dipl.-Ing. Thomas Eulenstein Managing Director", "cluster:kimw-cluster", "thomas-eulenstein"),
    phone("Tel.: +49 (0) 23 51.10 64-195", "thomas-eulenstein", "+49 (0) 23 51.10 64-195", "+4923511064195"),
    address("Karolinenstraße 8\n58507 Lüdenscheid", "organisation:kunststoff-institut-luedenscheid",
            "Karolinenstraße 8", "58507"),

    # ---------------------------------------------------------------- Leichtbau BW
    phase("Cluster Leichtbau BW Target countries concept phase: Canada, USA", "cluster:leichtbau-bw",
          "ConceptPhase", ("canada", "united-states")),
    phase("Target countries implementation phase: Canada The major aim", "cluster:leichtbau-bw",
          "ImplementationPhase", ("canada",)),
    Stated("Cooperation with North American associates is especially build up through the Waterloo Centre "
           "for Automotive Research (WatCAR), Lightweight Innovations for Tomorrow (LIFT), and the "
           "Institute for Advanced Composites Manufacturing Innovation (IACMI).",
           "cluster:leichtbau-bw sg:partnerCluster organisation:watcar , organisation:lift , "
           "organisation:iacmi . organisation:watcar sg:location place:north-america ."),
    Stated("to build and extend contacts to actors in Ontario (Canada) und Michigan (USA",
           "project:traclight sg:partnerRegion place:ontario , place:michigan . place:ontario sg:locatedIn "
           "place:canada . place:michigan sg:locatedIn place:united-states ."),
    contact("Dr. Wolfgang Seeliger Contact Data: Leichtbau BW GmbH", "cluster:leichtbau-bw",
            "wolfgang-seeliger"),
    phone("Mob: +49 (0) 151 / 11711001", "wolfgang-seeliger", "+49 (0) 151 / 11711001", "+4915111711001"),
    address("Breitscheidstr. 4 | 70174 Stuttgart", "organisation:leichtbau-bw", "Breitscheidstr. 4", "70174"),

    # ---------------------------------------------------------------- MAI Carbon
    phase("Cluster MAI Carbon Target countries concept phase: USA, South Korea", "cluster:mai-carbon",
          "ConceptPhase", ("united-states", "south-korea")),
    phase("Target countries implementation phase: USA, South Korea Das Projekt", "cluster:mai-carbon",
          "ImplementationPhase", ("united-states", "south-korea")),
    managed("MAI Carbon Cluster Management GmbH", "cluster:mai-carbon",
            "organisation:mai-carbon-cluster-management"),
    Stated("„International Bridges for Innovation in Carbon Composites (MAI_iBIC)“ des Spitzenclusters MAI "
           "Carbon",
           'project:mai-ibic skos:altLabel "MAI_iBIC" ; sg:carriedOutBy cluster:mai-carbon ; sg:topic '
           "topic:carbon-composites ."),
    Stated("Institute for Advanced Composites Manufacturing Innovation (IACMI), USA und dem Korean Carbon "
           "Valley, Südkorea",
           "organisation:iacmi sg:location place:united-states . cluster:korean-carbon-valley sg:location "
           'place:south-korea . place:south-korea rdfs:label "Südkorea"@de .'),
    contact("Sven Blanck Controlling & Development", "cluster:mai-carbon", "sven-blanck"),
    phone("Tel.: +49 (0) 821 / 268411 15", "sven-blanck", "+49 (0) 821 / 268411 15", "+4982126841115"),
    address("Am Technologiezentrum 5 | 86159 Augsburg", "organisation:mai-carbon-cluster-management",
            "Am Technologiezentrum 5", "86159"),

    # ---------------------------------------------------------------- Medical Mountains
    phase("Medical Mountains Target countries concept phase: Finnland, USA", "cluster:medical-mountains",
          "ConceptPhase", ("finland", "united-states")),
    no_targets("Target countries concept phase: Finnland, USA The cluster management of Medical Mountain",
               "cluster:medical-mountains"),
    Stated("the cluster structure of the region Tuttlingen/Neckar-Alb",
           "cluster:medical-mountains sg:location place:neckar-alb . place:neckar-alb rdfs:label "
           '"Tuttlingen/Neckar-Alb"@en .'),
    Stated("The project MInD",
           'project:mind rdfs:label "MInD"@en ; sg:carriedOutBy cluster:medical-mountains .'),
    contact("Yvonne Glienke Vorstand MedicalMountains AG", "cluster:medical-mountains", "yvonne-glienke"),
    phone("Tel.: +49 (0) 7461 96 97 211", "yvonne-glienke", "+49 (0) 7461 96 97 211", "+4974619697211"),
    address("Schützenstraße 14 | 78532 Tuttlingen", "organisation:medicalmountains", "Schützenstraße 14",
            "78532"),

    # ---------------------------------------------------------------- Medical Valley EMN
    phase("Target countries concept phase: Brasil, China, USA", "cluster:medical-valley-emn", "ConceptPhase",
          ("brazil", "china", "united-states")),
    phase("Target countries implementation phase: Brasil, USA", "cluster:medical-valley-emn",
          "ImplementationPhase", ("brazil", "united-states")),
    Stated("the already established strategic international partnerships with Hong Kong (Hub China), Porto "
           "Alegre (Hub Brazil) and Boston Area (Hub USA)",
           "cluster:medical-valley-emn sg:partnerRegion place:hong-kong , place:porto-alegre , "
           "place:boston-area ."),
    contact("Benjamin Stöcklein Head of International Services", "cluster:medical-valley-emn",
            "benjamin-stoecklein"),
    phone("Tel.: +49 (0) 9131 / 91617 49", "benjamin-stoecklein", "+49 (0) 9131 / 91617 49",
          "+4991319161749"),
    phone("Fax: +49 (0) 9131 / 91617 18", "benjamin-stoecklein", "+49 (0) 9131 / 91617 18", "+4991319161718",
          fax=True),
    address("Henkestraße 91 | 91052 Erlangen", "cluster:medical-valley-emn", "Henkestraße 91", "91052"),

    # ---------------------------------------------------------------- MERGE
    phase("Target countries concept phase: Netherlands, Poland, Czech Republic, Spain, Italy",
          "cluster:merge", "ConceptPhase", ("netherlands", "poland", "czechia", "spain", "italy")),
    phase("Target countries implementation phase: Netherlands, Poland, Czech Republic", "cluster:merge",
          "ImplementationPhase", ("netherlands", "poland", "czechia")),
    Stated("Together with 4-5 strong European partner cluster",
           "project:mergeurope sg:partnerCount ?q ; sg:partnerRegion place:europe . ?q sg:minValue 4 ; "
           "sg:maxValue 5 ; sg:qualifier sg:between . FILTER NOT EXISTS { ?q sg:numericValue ?v }"),
    Stated("the actors of MEGE", 'cluster:merge skos:altLabel "MEGE" .'),
    Stated("Technical University in Chemnitz Excellence cluster MERGE",
           "cluster:merge sg:unitOf organisation:tu-chemnitz ."),
    contact("Katharina Götz Project manager MERGE Project assistance MERGEurope", "cluster:merge",
            "katharina-goetz"),
    phone("Tel.: +49 (0) 371 / 531 30498", "katharina-goetz", "+49 (0) 371 / 531 30498", "+4937153130498"),
    address("Excellence cluster MERGE | 09126 Chemnitz", "cluster:merge", None, "09126"),

    # ---------------------------------------------------------------- Open Hybrid LabFactory
    phase("Open Hybrid LabFactory e.V. Target countries concept phase: Economic area: Asia-Pacific",
          "cluster:open-hybrid-labfactory", "ConceptPhase", ("asia-pacific",)),
    phase("Target countries implementation phase: Singapore", "cluster:open-hybrid-labfactory",
          "ImplementationPhase", ("singapore",)),
    Stated("The dynamic scientific and economic region Asia-Pacific - including China, Australia and "
           "Singapore - is the target region.",
           "project:open-hybrid-labfactory-asia-pacific sg:targetRegion place:asia-pacific . place:china "
           "sg:locatedIn place:asia-pacific . place:australia sg:locatedIn place:asia-pacific . "
           "place:singapore sg:locatedIn place:asia-pacific ."),
    contact("M.Sc. Christian Gundlach Contact Data:", "cluster:open-hybrid-labfactory", "christian-gundlach"),
    phone("Mobil +49 (0) 151 29702629", "christian-gundlach", "+49 (0) 151 29702629", "+4915129702629"),
    address("Hermann-Münch-Straße 2 | 38440 Wolfsburg, Germany", "cluster:open-hybrid-labfactory",
            "Hermann-Münch-Straße 2", "38440"),
    address("Langer Kamp 8 | D-38106 Braunschweig, Germany", "organisation:tu-braunschweig-ifs",
            "Langer Kamp 8", "38106"),

    # ---------------------------------------------------------------- Optence
    phase("Target countries concept phase: Lithuania, Finland, USA", "cluster:optence", "ConceptPhase",
          ("lithuania", "finland", "united-states", "arizona")),
    phase("Target countries implementation phase: Lithuania, Finland", "cluster:optence",
          "ImplementationPhase", ("lithuania", "finland")),
    Stated("Optence e.V. Cluster: Finland, Lithuania, USA",
           "cluster:optence sg:partnerRegion place:finland , place:lithuania , place:united-states ."),
    Stated("in the target regions Finland, Lithuania and Arizona",
           "phase:optence-internationalisation-concept sg:targetCountry place:arizona ."),
    Stated("Optence was founded in 2001 upon BMBF's initiative",
           'cluster:optence sg:foundingDate "2001"^^xsd:gYear ; sg:initiatedBy organisation:bmbf .'),
    Stated('is a member of the "go cluster"-programme',
           "cluster:optence sg:memberOfProgramme programme:go-cluster ."),
    contact("Frau Reuter Managing Director", "cluster:optence", "reuter"),
    phone("Tel.: +49 (0) 6732 - 964 897", "reuter", "+49 (0) 6732 - 964 897", "+496732964897"),
    address("Ober-Saulheimer-Str. 6 | 55286 Wörrstadt, Germany", "cluster:optence", "Ober-Saulheimer-Str. 6",
            "55286"),

    # ---------------------------------------------------------------- OptoNet
    phase("OptoNet e.V. - Photonics Network Thuringia Target countries concept phase: USA, Canada, Japan, "
          "South Korea", "cluster:optonet", "ConceptPhase",
          ("united-states", "canada", "japan", "south-korea")),
    phase("Target countries implementation phase: USA, Canada, Japan", "cluster:optonet",
          "ImplementationPhase", ("united-states", "canada", "japan")),
    Stated("Next to ZEISS and JENOPTIK there are a large number of small and medium-sized technology "
           "companies which are member companies of OptoNet",
           "cluster:optonet sg:hasMember organisation:zeiss , organisation:jenoptik ."),
    Stated("formulates a strategic internationalization concept within a year",
           "phase:glowin-concept sg:quantity ?q . ?q sg:numericValue 1 ; sg:qualifier sg:upTo ."),
    contact("Anke Mank Internationale Kooperationen", "cluster:optonet", "anke-mank"),
    phone("Tel.: +49 (0) 3641 / 573 36 55", "anke-mank", "+49 (0) 3641 / 573 36 55", "+4936415733655"),
    address("Leutragraben 1 | 07743 Jena", "cluster:optonet", "Leutragraben 1", "07743"),

    # ---------------------------------------------------------------- Organic Electronics Saxony
    phase("Organic Electronics Saxony Management GmbH Target countries concept phase: Japan, Great Britain",
          "network:organic-electronics-saxony", "ConceptPhase", ("japan", "united-kingdom")),
    phase("Target countries implementation phase: Japan, Great Britain", "network:organic-electronics-saxony",
          "ImplementationPhase", ("japan", "united-kingdom")),
    managed("Organic Electronics Saxony Management GmbH", "network:organic-electronics-saxony",
            "organisation:organic-electronics-saxony-management"),
    Stated("Europe’s largest OE-Cluster is in the conurbation Dresden and organized in the network Organic "
           "Electronics Saxony (OES).",
           "cluster:oe-cluster-dresden sg:location place:dresden-conurbation ; sg:managedBy "
           "network:organic-electronics-saxony ."),
    Stated("in cooperation with partner cluster in Japan and Great Britain",
           "network:organic-electronics-saxony sg:partnerRegion place:japan , place:united-kingdom ."),
    Stated("the members of Organic Electronic Saxony",
           'network:organic-electronics-saxony skos:altLabel "Organic Electronic Saxony" .'),
    contact("Dr. Dominik Gronarz Contact Data:", "network:organic-electronics-saxony", "dominik-gronarz"),
    phone("Tel.: +49 (0) 351 / 4667 7180", "dominik-gronarz", "+49 (0) 351 / 4667 7180", "+4935146677180"),
    address("Würzburger Str. 51| 01187 Dresden", "organisation:organic-electronics-saxony-management",
            "Würzburger Str. 51", "01187"),

    # ---------------------------------------------------------------- Software-Cluster
    phase("DP Informatik Target countries concept phase: Brasil, Sinapore, USA", "cluster:software-cluster",
          "ConceptPhase", ("brazil", "singapore", "united-states")),
    phase("Target countries implementation phase: Brasil, Sinapore, USA", "cluster:software-cluster",
          "ImplementationPhase", ("brazil", "singapore", "united-states")),
    Stated("Brasil, Sinapore, USA", 'place:singapore skos:altLabel "Sinapore" .'),
    Stated("the partner regions Bahia (Brazil), Singapore and Silicon Valley (USA)",
           "project:software-cluster-internationalisation sg:partnerRegion place:bahia , place:singapore , "
           "place:silicon-valley . place:bahia sg:locatedIn place:brazil . place:silicon-valley "
           "sg:locatedIn place:united-states ."),
    Stated("(R & D project Silicon Valley)",
           "project:software-cluster-internationalisation sg:hasSubProject "
           "project:software-cluster-rd-silicon-valley ."),
    contact("Tilman Becker Deutsches Forschungszentrum für Künstliche Intelligenz",
            "cluster:software-cluster", "tilman-becker"),
    phone("Tel.: +49 (0) 681/ 85775 5271", "tilman-becker", "+49 (0) 681/ 85775 5271", "+49681857755271"),
    address("Stuhlsatzenhausweg 3 | 66123 Saarbrücken", "organisation:dfki", "Stuhlsatzenhausweg 3", "66123"),

    # ---------------------------------------------------------------- Wetzlar Network
    phase("Mechanik e.V. Target countries concept phase: Czech Republic", "network:wetzlar-network",
          "ConceptPhase", ("czechia",)),
    phase("Target countries implementation phase: Czech Republic The strategic aims",
          "network:wetzlar-network", "ImplementationPhase", ("czechia",)),
    Stated("the international associates Extreme Light Infrastructure (ELI, Czech Republic) and the "
           "Laboratory for Laser Energetics (LLE, USA)",
           "network:wetzlar-network sg:partnerCluster organisation:extreme-light-infrastructure , "
           "organisation:laboratory-for-laser-energetics . organisation:laboratory-for-laser-energetics "
           "sg:location place:united-states ."),
    Stated("Extreme Light Infrastructure (ELI) in Prague (Czech Republic)",
           "organisation:extreme-light-infrastructure sg:location place:prague . place:prague sg:locatedIn "
           "place:czechia ."),
    contact("Ralf Niggemann Contact Data: Wetzlar Network", "network:wetzlar-network", "ralf-niggemann"),
    phone("Tel.: +49 (0) 06441/992051", "ralf-niggemann", "+49 (0) 06441/992051", "+496441992051"),
    address("Ernst-Leitz-Straße 30 | 35578 Wetzlar", "network:wetzlar-network", "Ernst-Leitz-Straße 30",
            "35578"),

    # ---------------------------------------------------------------- WIGRATEC
    phase("Target countries concept phase: Netherlands Target countries implementation phase: Netherlands "
          "Der regionale", "network:wigratec", "ConceptPhase", ("netherlands",)),
    phase("Target countries concept phase: Netherlands Target countries implementation phase: Netherlands "
          "Der regionale", "network:wigratec", "ImplementationPhase", ("netherlands",)),
    Stated("Gemeinsam mit der Netzwerkorganisation NWGD (Nederlandse Werkgroup Drogen – Niederländische "
           "Arbeitsgruppe für Trocknungstechnik)",
           "network:wigratec sg:partnerCluster network:nwgd . project:wigratec-cluster sg:hasPartner "
           "network:nwgd ."),
    Stated("innerhalb der 18-monatigen Konzeptionsphase",
           "phase:wigratec-cluster-concept sg:quantity ?q . ?q sg:numericValue 18 ."),
    Stated("Südliches Anhalt – OT Weißandt-Gölzau",
           "network:wigratec sg:location place:weissandt-goelzau . place:weissandt-goelzau sg:locatedIn "
           "place:suedliches-anhalt ."),
    contact("Ansprechpartner:\nHon.-Prof. Dr.-Ing. Mirko Peglow", "network:wigratec", "mirko-peglow"),
    phone("Tel.: +49 (0) 34978 305 128", "mirko-peglow", "+49 (0) 34978 305 128", "+4934978305128"),
    address("Wilfried-Pergande-Platz1| 06369", "network:wigratec", "Wilfried-Pergande-Platz1", "06369"),
]

# Statements the audit found the document does not make (issue 15 and this audit). Those the curator keeps
# are in the curation graph (test_leading_edge_clusters_evidence.py checks they are there and only there).
NOT_STATED = [
    NotStated('organisation:embl rdfs:label "European Molecular Biology Laboratory"@en',
              'EMBL written "European Biology Laboratory (EMBL)": the corrected name is the curator\'s'),
    NotStated('organisation:chamber-of-industry-and-commerce-rhein-neckar rdfs:label "Chamber of Industry '
              'and Commerce Rhein-Neckar"@en', 'the text says only "the Chamber of Industry and Commerce"'),
    NotStated("project:mergeurope sg:partnerCount ?q . ?q sg:qualifier sg:upTo",
              '"4-5 partner clusters" kept as "up to 5": a range keeps both bounds'),
    NotStated("project:additive4industrie sg:startDate ?d",
              '"For 2018 and the following Years" dates the choice of partner, not the project'),
    NotStated("?phase a sg:ImplementationPhase ; sg:startDate ?d",
              '"research projects, which shall start ... up from 2019" dates planned projects, not the '
              "OHLF phase"),
    NotStated("phase:hamburg-aviation-internationalisation-implementation sg:targetCountry place:quebec",
              "Québec is named as a target region of the strategy, not of the implementation phase"),
    NotStated("phase:hamburg-aviation-internationalisation-concept sg:targetCountry place:quebec",
              "Québec is named for the strategy, not for a phase (the curator adds it to the concept phase)"),
    NotStated("cluster:cfk-valley sg:topic ?t", "CFK Valley's topic would be read from its name"),
    NotStated("cluster:mai-carbon sg:topic ?t",
              "MAI Carbon's topic would be read from its name or its project's"),
    NotStated("cluster:bio-nrw sg:supportedBy organisation:mwide",
              'BIO.NRW "is currently working on behalf of" the MWIDE, not supported by it'),
    NotStated("organisation:mwide sg:location ?p", "the text does not say where the ministry sits"),
    NotStated('?s dcterms:description ?d FILTER(CONTAINS(LCASE(?d), "manganese"))',
              'the text says "deep-sea nodules", not manganese nodules'),
    NotStated("place:martinsried a sg:City", "Martinsried is part of a municipality, not a city"),
    NotStated("place:weissandt-goelzau a sg:City",
              '"Südliches Anhalt – OT Weißandt-Gölzau": an Ortsteil, not a city'),
    NotStated("address:biom-biotech-cluster-development sg:addressCity ?c", "Martinsried is not a city"),
    NotStated("?phase sg:targetCountry place:north-brabant",
              "the target lines name the Netherlands; Brabant is a partner region"),
    NotStated("?phase sg:targetCountry place:flanders",
              "the target lines name Belgium; Flanders is part of the BIG-C region"),
    NotStated("?phase sg:targetCountry place:jiangsu",
              "the target lines name China; Jiangsu is a partner province"),
    NotStated("?phase sg:targetCountry place:auvergne-rhone-alpes",
              "the target lines name France; the region is a partner region"),
    NotStated("?phase sg:targetCountry place:prague",
              "the target lines name the Czech Republic; Prague is where ELI is"),
    NotStated("?phase sg:targetCountry place:china . ?phase a sg:ConceptPhase . "
              "project:open-hybrid-labfactory-asia-pacific sg:hasPhase ?phase",
              'the concept target line of OHLF is "Economic area: Asia-Pacific"'),
    NotStated("?phase sg:targetCountry place:hong-kong",
              "Hong Kong is a partnership hub, not in a target line"),
    NotStated("?phase sg:targetCountry place:bahia", "Bahia is a partner region, not in a target line"),
    NotStated("phase:beechwood-international-concept sg:targetCountry place:united-kingdom",
              'the target line says "England", which is not the United Kingdom'),
    NotStated("cluster:biovale sg:location place:united-kingdom", 'BioVale Ltd. is in "England"'),
    NotStated("cluster:hamburg-aviation sg:hasMember ?m",
              'Airbus, Lufthansa Technic and the Airport "contribute to the Know-how", not named members'),
    NotStated("project:hamburg-aviation-internationalisation sg:hasPartner organisation:zal",
              'the ZAL "will" be in the project team: planned, not a partner'),
    NotStated("cluster:mai-carbon sg:partnerCluster ?p",
              'MAI Carbon looks "for suitable partners", in particular IACMI and the Korean Carbon Valley'),
    NotStated("cluster:optonet sg:memberCount ?q",
              'OptoNet "bales the interests of more than 100 actors": not a member count'),
    NotStated("network:organic-electronics-saxony sg:location place:dresden",
              'the OE-Cluster is "in the conurbation Dresden", not in the city'),
    NotStated("cluster:elektromobilitaet-sued-west sg:location ?p",
              'the cluster is based on "the regions Karlsruhe – Mannheim – Stuttgart – Ulm", not located '
              "in the cities"),
    NotStated("?cluster sg:managedBy organisation:ecpe",
              "the text gives the cluster with ECPE's contact data, not as managed by it"),
    NotStated("?cluster sg:managedBy organisation:innovationlab",
              "the heading pairs the cluster with InnovationLab, no more"),
    NotStated("?cluster sg:managedBy organisation:forschungszentrum-juelich",
              "Jülich runs the BIO.NRW office"),
    NotStated("cluster:merge sg:managedBy ?m",
              "the text gives MERGE as an excellence cluster of the university, not as managed by it"),
    NotStated("cluster:amz-sachsen sg:location ?p", '"Sachsen" in the name is all the text says'),
    NotStated("cluster:optence sg:location place:hesse", "Hesse would be read from the German name"),
    NotStated('?s skos:altLabel "BIG-C"',
              'the text says "BIG-C Process" and "BIG-C region", never "BIG-C" alone'),
    NotStated('organisation:lufthansa-technik rdfs:label "Lufthansa Technik"@en',
              'written "Lufthansa Technic"'),
    NotStated('organisation:university-of-tokyo rdfs:label "University of Tokyo"@en',
              'written "Tokyo University"'),
    NotStated('organisation:dfki rdfs:label ?l FILTER(LANG(?l) = "en")',
              "the text gives only the German name"),
    NotStated('organisation:roche dcterms:description ?d FILTER(CONTAINS(?d, "harmaceutical"))',
              "what kind of company Roche is, is general knowledge"),
    NotStated('project:oes-international rdfs:label "OES-international"@en',
              "document 004 does not name OES's project"),
    NotStated('organisation:forschungszentrum-juelich rdfs:label "Forschungszentrum Jülich"@de',
              'the text says "research center Jülich"'),
    NotStated("address:hamburg-aviation sg:addressCountry ?c",
              'the address writes no country ("20355 Hamburg")'),
    NotStated("programme:go-cluster sg:funder ?f", 'a "programme of" the BMWi, not said to be funded by it'),
    NotStated("?org sg:fundingProgramme programme:go-cluster", "members of the go-cluster, not funded by it"),
    NotStated("network:deepsea-mining-alliance sg:fundingProgramme ?p",
              'the masterplan "supported the labor of the DSMA"'),
    NotStated("cluster:cool-silicon sg:supportedBy organisation:bmbf", 'the text says "the federation"'),
    NotStated("organisation:watcar sg:location place:waterloo", "Waterloo would be read from the name"),
    NotStated("cluster:korean-carbon-valley a sg:Cluster",
              "the text does not say what the Korean Carbon Valley is"),
    NotStated("project:m4 sg:carriedOutBy ?c",
              'm4 "sharpened the profile of Munich"; who carried it out is not said'),
    NotStated("organisation:nrw-china-life-science-business-forum sg:unitOf ?c",
              "its establishment is a planned key element"),
    NotStated("?s sg:location place:ulm", '"the regions ... Ulm" is a region, not the city'),
]


@pytest.mark.parametrize("fact", STATED, ids=fact_id)
def test_the_document_states_it(fact):
    assert quoted(SOURCE_FILE, fact.quote), "the quote must be the document's own words"


@pytest.mark.parametrize("fact", STATED, ids=fact_id)
def test_stated_fact_is_in_the_documents_graph(dataset, fact):
    assert holds(dataset, GRAPH_SLUG, fact.pattern)


@pytest.mark.parametrize("fact", NOT_STATED, ids=fact_id)
def test_not_stated_is_not_in_the_documents_graph(dataset, fact):
    assert not holds(dataset, GRAPH_SLUG, fact.pattern)


def test_every_entry_is_audited_for_both_phases():
    """Each of the 32 entries has its concept and its implementation phase in the table."""
    phases = {}
    for fact in STATED:
        for kind in ("ConceptPhase", "ImplementationPhase"):
            if f"?phase a sg:{kind}" in fact.pattern:
                cluster = fact.pattern.split("sg:carriedOutBy ", 1)[1].split(" ", 1)[0]
                phases.setdefault(cluster, set()).add(kind)
    assert len(phases) == 32
    assert all(kinds == {"ConceptPhase", "ImplementationPhase"} for kinds in phases.values())
