"""The floors of benchmarks/floors.py, run as processes like the commands they are compared with:
every YAML file parsed with PyYAML's libyaml ``CSafeLoader`` and nothing else.

    python benchmarks/_floor.py folders FOLDER [FOLDER ...]   # every *.yaml under each folder
    python benchmarks/_floor.py git REPO REVISION [REVISION ...]  # every *.yaml blob of each
    python benchmarks/_floor.py site CATALOG REFERENCE OUT  # and the files of a site written

The git floor reads each revision's blobs with one ``git cat-file --batch``, as fast as git gives
them. The site floor parses every file and writes the files the site has: every file of
REFERENCE, a site built beforehand, read and written again under OUT (the same names and bytes;
reading them back from the page cache is the floor's only extra). A script rather than a
module: it imports only PyYAML, as a floor should.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml


def parse_folders(folders: list[str]) -> int:
    """Parse every YAML file under ``folders``; return how many."""
    count = 0
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.yaml")):
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
            count += 1
    return count


def parse_revisions(repo: str, revisions: list[str]) -> int:
    """Parse every YAML blob of each of ``revisions`` of the git repository ``repo``."""
    count = 0
    for revision in revisions:
        for blob in revision_blobs(repo, revision):
            yaml.load(blob, Loader=yaml.CSafeLoader)
            count += 1
    return count


def revision_blobs(repo: str, revision: str) -> list[bytes]:
    """The contents of the ``*.yaml`` files of ``revision``, read with one ``cat-file --batch``."""
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "-z", revision],
        cwd=repo,
        capture_output=True,
        check=True,
    ).stdout
    oids = [
        record.split(b"\t")[0].split()[2].decode()
        for record in listing.split(b"\0")
        if record.endswith(b".yaml")
    ]
    output = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=repo,
        input=("\n".join(oids) + "\n").encode(),
        capture_output=True,
        check=True,
    ).stdout
    blobs, offset = [], 0
    for _ in oids:
        end = output.index(b"\n", offset)
        size = int(output[offset:end].split()[2])
        blobs.append(output[end + 1 : end + 1 + size])
        offset = end + 2 + size
    return blobs


def write_site(catalog: str, reference: str, out: str) -> None:
    """Parse every YAML file of ``catalog``, then write every file of the site ``reference``
    under ``out``: the same files, as the site command writes them."""
    parse_folders([catalog])
    source, target = Path(reference), Path(out)
    if target.exists():
        shutil.rmtree(target)
    for path in sorted(source.rglob("*")):
        written = target / path.relative_to(source)
        if path.is_dir():
            written.mkdir(parents=True, exist_ok=True)
        else:
            written.parent.mkdir(parents=True, exist_ok=True)
            written.write_bytes(path.read_bytes())


def main() -> None:
    what, *arguments = sys.argv[1:]
    if what == "folders":
        parse_folders(arguments)
    elif what == "git":
        parse_revisions(arguments[0], arguments[1:])
    elif what == "site":
        write_site(*arguments)
    else:
        raise SystemExit(f"unknown floor {what!r}: folders, git or site")


if __name__ == "__main__":
    main()
