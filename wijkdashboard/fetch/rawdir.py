"""The raw folder as the fetch writes it: every file written atomically (a .part file renamed when
complete), and a manifest (manifest.json) that records per file its URL, table, the table's
`Modified`, the time and the rows — the provenance of downloaded data, written as it is fetched."""

import hashlib
import json
import os
import time
from pathlib import Path

MANIFEST = "manifest.json"


class RawDir:
    def __init__(self, root):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / MANIFEST
        self.manifest = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"files": {}}

    def path(self, relative):
        return self.root / relative

    def entry(self, relative):
        return self.manifest["files"].get(relative)

    def is_current(self, relative, modified):
        """The file is there, whole, and was fetched from the same release of its table."""
        entry = self.entry(relative)
        path = self.path(relative)
        return bool(entry and path.exists() and entry.get("modified") == modified
                    and entry.get("sha256") == sha256(path))

    def write_bytes(self, relative, data):
        path = self.path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        part.write_bytes(data)
        with open(part, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(part, path)
        return path

    def record(self, relative, **facts):
        """Add a finished file to the manifest (written atomically too)."""
        path = self.path(relative)
        self.manifest["files"][relative] = {**facts, "bytes": path.stat().st_size, "sha256": sha256(path),
                                            "fetched": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        data = json.dumps(self.manifest, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        self.write_bytes(MANIFEST, data.encode("utf-8"))


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
