"""Curated sources -> a checked, validated, materialised dataset: where the sources are (sources), the
pipeline (pipeline), SHACL validation (validation, shacl), the public variant without personal data
(personal_data), and the build folder's layout, written atomically (folder)."""
