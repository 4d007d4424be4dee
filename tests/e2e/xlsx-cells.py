"""Reads the first sheet of an .xlsx with Python's own zipfile and XML parser: every row's cells, each with its
value as the spreadsheet stores it, whether it is text, and the formula if the cell holds one."""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}

with zipfile.ZipFile(sys.argv[1]) as book:
    strings = []
    if "xl/sharedStrings.xml" in book.namelist():
        for item in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(text.text or "" for text in item.iter("{%s}t" % NS["m"])))
    sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))

rows = []
for row in sheet.find("m:sheetData", NS).findall("m:row", NS):
    cells = {}
    for cell in row.findall("m:c", NS):
        column = re.match(r"[A-Z]+", cell.get("r")).group(0)
        kind = cell.get("t", "n")
        formula = cell.find("m:f", NS)
        value = cell.find("m:v", NS)
        text = value.text if value is not None else ""
        if kind == "s":
            text = strings[int(text)]
        elif kind == "inlineStr":
            text = "".join(t.text or "" for t in cell.iter("{%s}t" % NS["m"]))
        cells[column] = {
            "value": text,
            "text": kind in ("s", "inlineStr", "str"),
            "formula": formula.text if formula is not None else None,
        }
    width = max((sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(c))) for c in cells), default=0)
    names = []
    for n in range(1, width + 1):
        name = ""
        while n:
            n, rest = divmod(n - 1, 26)
            name = chr(65 + rest) + name
        names.append(name)
    rows.append([cells.get(name, {"value": "", "text": False, "formula": None}) for name in names])
print(json.dumps(rows))
