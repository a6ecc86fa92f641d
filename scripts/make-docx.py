#!/usr/bin/env python3
"""Makes a .docx from a page's text, as a correspondent's Word file would
hold it: one paragraph a line, `#` lines as headings, `**…**` as bold.
The import benchmark reads the seed pages both as text and as the .docx
this makes (tests/fixtures/import/*.docx).

    pip install python-docx
    python3 scripts/make-docx.py PAGE.txt OUT.docx [--picture PNG]
"""
import re
import sys

import docx  # python-docx

def main():
    args = sys.argv[1:]
    picture = None
    if "--picture" in args:
        i = args.index("--picture")
        picture = args[i + 1]
        del args[i : i + 2]
    src, out = args
    document = docx.Document()
    # A fixed creation date, so that the file is the same on every run.
    import datetime
    document.core_properties.created = datetime.datetime(2024, 12, 20, 8, 0, 0)
    for line in open(src, encoding="utf-8").read().splitlines():
        line = line.strip()
        if not line:
            continue
        level = len(line) - len(line.lstrip("#"))
        text = line[level:].strip()
        if level:
            document.add_heading(text.replace("**", ""), level=min(level, 3))
            continue
        paragraph = document.add_paragraph()
        for i, part in enumerate(re.split(r"\*\*", text)):
            if part:
                paragraph.add_run(part).bold = i % 2 == 1
    if picture:
        document.add_picture(picture)
    document.save(out)

if __name__ == "__main__":
    main()
