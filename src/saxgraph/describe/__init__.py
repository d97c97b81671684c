"""Describing the data: an entity's description (resource), the dataset's VoID/DCAT description (dataset),
the SPARQL service description (service), label search (search), statistics (stats), and the reconciliation
service over them (names, reconcile, reconcile_index, reconcile_properties, reconcile_services)."""
