#!/usr/bin/env python3
"""Independent evaluation of OSV advisories, for recscan's cross-check test.

Usage: osv_oracle.py ADVISORY_DIR... < packages
Each input line is "ecosystem<TAB>name<TAB>version" (ecosystem pypi or golang). Prints one line
per (advisory, package) the advisory affects: "id<TAB>aliases,comma,separated<TAB>ecosystem<TAB>name<TAB>version".

Follows the OSV specification's evaluation literally: withdrawn advisories are skipped; an
affected entry affects a version listed in its "versions", or one that a range's sorted events
leave open (introduced opens, fixed closes at or below, last_affected closes strictly below).
PyPI versions compare with packaging.version (PEP 440), Go's SEMVER ranges with the semver
package (Go's "v" prefix removed). GIT ranges are not evaluated.
"""
import json
import os
import re
import sys

import semver
import yaml
from packaging.version import InvalidVersion, Version


def load(paths):
    for root in paths:
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if name.upper().startswith(("README", "LICENSE", "COPYING")) or not name.endswith((".json", ".yaml")):
                    continue
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    text = handle.read()
                document = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
                for advisory in document if isinstance(document, list) else [document]:
                    if not advisory.get("withdrawn"):
                        yield advisory


def pypi_name(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def parse(ecosystem, text):
    if ecosystem == "pypi":
        return Version(text)
    return semver.Version.parse(text[1:] if text.startswith("v") else text)


def range_affects(events, version, ecosystem):
    def key(event):
        value = next(iter(event.values()))
        return (0,) if value == "0" else (1, parse(ecosystem, value))

    ordered = sorted((event for event in events if "limit" not in event), key=key)
    affected = False
    for event in ordered:
        if "introduced" in event:
            if event["introduced"] == "0" or version >= parse(ecosystem, event["introduced"]):
                affected = True
        elif "fixed" in event:
            if version >= parse(ecosystem, event["fixed"]):
                affected = False
        elif "last_affected" in event:
            if version > parse(ecosystem, event["last_affected"]):
                affected = False
    return affected


def affects(entry, ecosystem, version_text):
    version = parse(ecosystem, version_text)
    for listed in entry.get("versions", []):
        # PyPI's lists keep legacy versions PEP 440 rejects ("0.1-bulbasaur"): those match as spelled.
        try:
            if listed == version_text or parse(ecosystem, listed) == version:
                return True
        except (InvalidVersion, ValueError):
            continue
    for osv_range in entry.get("ranges", []):
        if osv_range["type"] in ("ECOSYSTEM", "SEMVER") and range_affects(osv_range["events"], version, ecosystem):
            return True
    return False


def main():
    packages = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    ecosystems = {"PyPI": "pypi", "Go": "golang"}
    for advisory in load(sys.argv[1:]):
        for ecosystem, name, version in packages:
            hit = False
            for entry in advisory.get("affected", []):
                package = entry["package"]
                if ecosystems.get(package["ecosystem"]) != ecosystem:
                    continue
                same = pypi_name(package["name"]) == pypi_name(name) if ecosystem == "pypi" else package["name"] == name
                if same and affects(entry, ecosystem, version):
                    hit = True
            if hit:
                aliases = ",".join(advisory.get("aliases", []))
                print(f"{advisory['id']}\t{aliases}\t{ecosystem}\t{name}\t{version}")


if __name__ == "__main__":
    main()
