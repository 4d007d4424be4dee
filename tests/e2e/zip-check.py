"""Reads a ZIP with Python's own zipfile, an independent reader: is it sound, and what does each entry hold?"""
import hashlib
import json
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as archive:
    bad = archive.testzip()
    entries = []
    for info in archive.infolist():
        digest = hashlib.sha256()
        with archive.open(info) as entry:
            for block in iter(lambda: entry.read(1 << 20), b""):
                digest.update(block)
        entries.append(
            {"name": info.filename, "size": info.file_size, "sha256": digest.hexdigest(), "crc": format(info.CRC, "08x")}
        )
print(json.dumps({"firstBadEntry": bad, "entries": entries}))
