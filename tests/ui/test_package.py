"""`pip install saxgraph` carries the query UI: the wheel holds the vendored assets, examples and pages."""

import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from saxgraph.query import examples

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "src" / "saxgraph" / "web" / "static" / "vendor"


def test_the_wheel_ships_the_vendored_assets_examples_and_pages(tmp_path):
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path),
                    *isolation], check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("saxgraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"saxgraph/web/static/vendor/VERSIONS.json", "saxgraph/web/static/query.js",
                "saxgraph/web/templates/query.html", "saxgraph/web/templates/examples.html",
                "saxgraph/web/templates/home.html", "saxgraph/web/static/query.css",
                "saxgraph/web/static/favicon.svg", "saxgraph/web/translations/de/query.json"}
    for record in json.loads((VENDOR / "VERSIONS.json").read_text()):
        expected |= {f"saxgraph/web/static/vendor/{record['folder']}/{name}" for name in record["files"]}
    expected |= {f"saxgraph/query/examples/{e.name}.rq" for e in examples.catalogue()}
    assert expected <= names, sorted(expected - names)
    assert "saxgraph/web/static/vendor/yasgui/LICENSE" in names
