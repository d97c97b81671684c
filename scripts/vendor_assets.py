"""Vendor the front-end assets (YASGUI, Cytoscape.js) from their npm packages into the package's static files.

    python scripts/vendor_assets.py            # fetch the pinned versions, verify, extract, record
    python scripts/vendor_assets.py --check    # verify the committed files against VERSIONS.json

Each tarball is checked against the npm registry's `dist.integrity` (sha512) before anything is extracted;
only the built browser files and the licence are kept. VERSIONS.json records package, version, tarball,
integrity, licence and the sha256 of every file, so a run is reproducible and reviewable. No CDN is ever used.
"""

import argparse
import base64
import hashlib
import io
import json
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "src" / "saxgraph" / "web" / "static" / "vendor"
REGISTRY = "https://registry.npmjs.org"

# package -> (version, folder, {path inside the tarball: file name in the folder})
PACKAGES = {
    # @triply/yasgui rather than its fork @zazuko/yasgui: the fork's npm tarball carries no licence file.
    "@triply/yasgui": ("4.2.28", "yasgui", {
        "package/build/yasgui.min.js": "yasgui.min.js",
        "package/build/yasgui.min.css": "yasgui.min.css",
        "package/build/yasgui.min.js.LICENSE.txt": "THIRD-PARTY-LICENSES.txt",
    }),
    "cytoscape": ("3.34.4", "cytoscape", {
        "package/dist/cytoscape.min.js": "cytoscape.min.js",
    }),
}
LICENCE_NAMES = ("package/LICENSE", "package/LICENSE.md", "package/LICENSE.txt", "package/license")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def metadata(package: str, version: str) -> dict:
    return json.loads(fetch(f"{REGISTRY}/{package.replace('/', '%2f')}/{version}"))


def verify(blob: bytes, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, blob).digest()).decode()
    if actual != expected:
        raise SystemExit(f"integrity mismatch: expected {integrity}, got {algorithm}-{actual}")


def vendor(package: str, version: str, folder: str, files: dict[str, str]) -> dict:
    meta = metadata(package, version)
    tarball, integrity = meta["dist"]["tarball"], meta["dist"]["integrity"]
    blob = fetch(tarball)
    verify(blob, integrity)
    target = VENDOR / folder
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    wanted = dict(files)
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as archive:
        names = archive.getnames()
        licence = next((n for n in LICENCE_NAMES if n in names), None)
        if licence is None:
            raise SystemExit(f"{package}@{version}: no licence file in the tarball")
        wanted[licence] = "LICENSE"
        for inner, name in sorted(wanted.items()):
            member = archive.extractfile(inner)
            if member is None:
                raise SystemExit(f"{package}@{version}: {inner} missing from the tarball")
            (target / name).write_bytes(member.read())
    record = {
        "package": package, "version": version, "licence": meta.get("license"),
        "tarball": tarball, "integrity": integrity, "folder": folder,
        "files": {name: _sha256(target / name) for name in sorted(wanted.values())},
    }
    print(f"vendored {package}@{version} ({record['licence']}) into {target.relative_to(VENDOR.parents[4])}")
    return record


def _sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def check() -> int:
    recorded = json.loads((VENDOR / "VERSIONS.json").read_text())
    bad = [f"{r['folder']}/{name}" for r in recorded for name, digest in r["files"].items()
           if not (VENDOR / r["folder"] / name).is_file() or _sha256(VENDOR / r["folder"] / name) != digest]
    for path in bad:
        print(f"differs from VERSIONS.json: {path}", file=sys.stderr)
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="verify the vendored files, fetch nothing")
    if parser.parse_args().check:
        return check()
    records = [vendor(package, *spec) for package, spec in PACKAGES.items()]
    (VENDOR / "VERSIONS.json").write_text(json.dumps(records, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
