"""Vendor the front-end assets (YASGUI, Cytoscape.js) from their npm packages into the package's static files.

    python scripts/vendor_assets.py            # fetch the pinned versions, verify, extract, record
    python scripts/vendor_assets.py --check    # verify the committed files against VERSIONS.json

Each tarball is checked against the npm registry's `dist.integrity` (sha512) before anything is extracted;
only the built browser files and the licence texts are kept. VERSIONS.json records package, version, tarball,
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
    # 4.6.1: the newest @zazuko/yasgui whose tarball still carries the licence notices of the code bundled
    # into yasgui.min.js (4.6.2 ships none). No 4.6.x tarball carries the package's own MIT licence text:
    # that file is taken from LICENCE_FROM below.
    "@zazuko/yasgui": ("4.6.1", "yasgui", {
        "package/build/yasgui.min.js": "yasgui.min.js",
        "package/build/yasgui.min.css": "yasgui.min.css",
        "package/build/yasgui.min.js.LICENSE.txt": "THIRD-PARTY-LICENSES.txt",
    }),
    "cytoscape": ("3.34.4", "cytoscape", {
        "package/dist/cytoscape.min.js": "cytoscape.min.js",
    }),
}
# package -> (package, version) of the newest release of the same package whose tarball has the licence file
LICENCE_FROM = {"@zazuko/yasgui": ("@zazuko/yasgui", "4.2.34")}
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


def tarball(package: str, version: str) -> tuple[dict, tarfile.TarFile]:
    """The registry's metadata and the tarball, opened only after its sha512 matched `dist.integrity`."""
    meta = metadata(package, version)
    blob = fetch(meta["dist"]["tarball"])
    verify(blob, meta["dist"]["integrity"])
    return meta, tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz")


def licence_member(archive: tarfile.TarFile) -> str | None:
    names = archive.getnames()
    return next((n for n in LICENCE_NAMES if n in names), None)


def extract(archive: tarfile.TarFile, inner: str, target: Path, label: str) -> None:
    member = archive.extractfile(inner) if inner in archive.getnames() else None
    if member is None:
        raise SystemExit(f"{label}: {inner} missing from the tarball")
    target.write_bytes(member.read())


def vendor(package: str, version: str, folder: str, files: dict[str, str]) -> dict:
    meta, archive = tarball(package, version)
    target = VENDOR / folder
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    record = {"package": package, "version": version, "licence": meta.get("license"),
              "tarball": meta["dist"]["tarball"], "integrity": meta["dist"]["integrity"], "folder": folder}
    with archive:
        for inner, name in sorted(files.items()):
            extract(archive, inner, target / name, f"{package}@{version}")
        licence = licence_member(archive)
        if licence is not None:
            extract(archive, licence, target / "LICENSE", f"{package}@{version}")
    if licence is None:
        if package not in LICENCE_FROM:
            raise SystemExit(f"{package}@{version}: no licence file in the tarball")
        source, source_version = LICENCE_FROM[package]
        source_meta, source_archive = tarball(source, source_version)
        if source_meta.get("license") != meta.get("license"):
            raise SystemExit(f"{package}@{version} is {meta.get('license')}, but {source}@{source_version} "
                             f"is {source_meta.get('license')}: its licence text does not apply")
        with source_archive:
            licence = licence_member(source_archive)
            if licence is None:
                raise SystemExit(f"{source}@{source_version}: no licence file in the tarball")
            extract(source_archive, licence, target / "LICENSE", f"{source}@{source_version}")
        record["licence_file_from"] = {"package": source, "version": source_version, "path": licence,
                                       "tarball": source_meta["dist"]["tarball"],
                                       "integrity": source_meta["dist"]["integrity"]}
    record["files"] = {path.name: _sha256(path) for path in sorted(target.iterdir())}
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
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="verify the vendored files, fetch nothing")
    if parser.parse_args().check:
        return check()
    records = [vendor(package, *spec) for package, spec in PACKAGES.items()]
    (VENDOR / "VERSIONS.json").write_text(json.dumps(records, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
