"""Reads ZIPs with Python's own zipfile, an independent reader: is each sound, and what does each entry hold?
One line of JSON per ZIP named, in their order (one process for several ZIPs: Python's start is most of the time)."""
import hashlib
import json
import sys
import zipfile


def read(path):
    with zipfile.ZipFile(path) as archive:
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
    return {"firstBadEntry": bad, "entries": entries}


for path in sys.argv[1:]:
    print(json.dumps(read(path)))
