#!/usr/bin/env python3
"""Prints bench/run.sh's results (a TSV file) as Markdown tables with ratios."""
import json
import sys
from collections import defaultdict

rows = defaultdict(dict)      # n -> tool -> (wall, cpu, rss, files)
index = defaultdict(dict)     # n -> who -> bytes
queries = defaultdict(lambda: defaultdict(dict))  # n -> q -> who -> json
first = defaultdict(lambda: defaultdict(dict))    # n -> q -> who -> json (search-first.mjs)

with open(sys.argv[1], encoding="utf-8") as f:
    next(f)
    for line in f:
        parts = line.rstrip("\n").split("\t")
        n, tool = int(parts[0]), parts[1]
        if tool.startswith("index-bytes-"):
            index[n][tool.removeprefix("index-bytes-")] = int(parts[2] or 0)
        elif tool.startswith("first-"):
            try:
                j = json.loads(parts[2])
                first[n][j["q"]][tool.removeprefix("first-")] = j
            except (ValueError, IndexError, KeyError, TypeError):
                continue
        elif tool.startswith("query-"):
            try:
                j = json.loads(parts[2])
            except (ValueError, IndexError):
                continue
            q = j.get("q", j.get("query")) if isinstance(j, dict) else None
            if q:
                queries[n][q][tool.removeprefix("query-")] = j
        else:
            rows[n][tool] = tuple(float(x) for x in parts[2:6])


def ratio(a, b):
    return f"{a / b:.2f}" if b else "–"


print("\n## Build time and memory\n")
print("| N | tool | wall (s) | CPU (s) | peak RSS (MB) | files |")
print("|---:|---|---:|---:|---:|---:|")
for n in sorted(rows):
    for tool in ("ours", "hugo", "pagefind"):
        if tool in rows[n]:
            w, c, r, files = rows[n][tool]
            name = {"ours": "unionpress build (with search)", "hugo": "hugo (no search)",
                    "pagefind": "pagefind on Hugo's output"}[tool]
            print(f"| {n:,} | {name} | {w:.2f} | {c:.2f} | {r:.0f} | {files:.0f} |")

print("\n## Ratios (below 1: unionpress is faster / smaller)\n")
print("| N | wall ours/Hugo | CPU ours/Hugo | wall ours/Pagefind | wall ours/(Hugo+Pagefind) | RSS ours/Hugo |")
print("|---:|---:|---:|---:|---:|---:|")
for n in sorted(rows):
    o, h, p = rows[n].get("ours"), rows[n].get("hugo"), rows[n].get("pagefind")
    if not (o and h):
        continue
    pw = ratio(o[0], p[0]) if p else "–"
    hp = ratio(o[0], h[0] + p[0]) if p else "–"
    print(f"| {n:,} | {ratio(o[0], h[0])} | {ratio(o[1], h[1])} | {pw} | {hp} | {ratio(o[2], h[2])} |")

sizes = sorted(rows)
if len(sizes) > 1 and all("ours" in rows[n] for n in sizes):
    print("\n## Growth (time per 1,000 articles, ours)\n")
    print("| N | wall s / 1k | CPU s / 1k | RSS MB / 1k |")
    print("|---:|---:|---:|---:|")
    for n in sizes:
        w, c, r, _ = rows[n]["ours"]
        print(f"| {n:,} | {w / n * 1000:.3f} | {c / n * 1000:.3f} | {r / n * 1000:.1f} |")

if index:
    print("\n## Search index on disk\n")
    print("| N | ours (bytes) | Pagefind (bytes) | ours/Pagefind |")
    print("|---:|---:|---:|---:|")
    for n in sorted(index):
        o, p = index[n].get("ours", 0), index[n].get("pagefind", 0)
        print(f"| {n:,} | {o:,} | {p:,} | {ratio(o, p)} |")

if queries:
    print("\n## Bytes downloaded per query (first query on a cold page)\n")
    print("Pagefind: its JS API in headless Chromium, `search(q)` then `data()` of the")
    print("first 10 results; `runtime` is pagefind.js + WASM + entry + meta, paid once")
    print("per visit; `per query` is index chunks + fragments. Ours: bench/search-bytes.mjs,")
    print("the first page of results; `shared` is meta.json + keys.bin + facets.bin, paid once")
    print("per visit; `per query` is term pages, positions, segments and document files.\n")
    print("| N | query | Pagefind results | Pagefind total | Pagefind per query | ours results | ours total | ours shared | ours per query |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in sorted(queries):
        for q, who in queries[n].items():
            p, o = who.get("pagefind", {}), who.get("ours", {})
            print(f"| {n:,} | {q} | {p.get('results', '–')} | {p.get('total', '–')} | "
                  f"{p.get('per_query', '–')} | {o.get('results', '–')} | {o.get('bytes', o.get('total', '–'))} | "
                  f"{o.get('shared', '–')} | {o.get('per_query', '–')} |")

if first:
    print("\n## A reader's first search (bench/search-first.mjs, fresh browser context)\n")
    print("Ours: everything the browser downloads for /search/?q=… (page, styles, scripts,")
    print("index parts, result texts; facets included), ms from navigation to DOMContentLoaded")
    print("and to the first result, round trips in sequence before it. Pagefind: its runtime,")
    print("`search(q)` and `data()` of the first 10 results. Same static server (text gzipped).\n")
    print("| N | query | Pagefind results | Pagefind bytes | ours shown | ours bytes | ours/Pagefind | DCL ms | first result ms | round trips |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sorted(first):
        for q, who in first[n].items():
            p, o = who.get("pagefind", {}), who.get("ours", {})
            pb, ob = p.get("bytes"), o.get("bytes")
            print(f"| {n:,} | {q} | {p.get('results', '–')} | {pb if pb is not None else '–'} | "
                  f"{o.get('results', '–')} | {ob if ob is not None else '–'} | "
                  f"{ratio(ob, pb) if ob and pb else '–'} | {o.get('dcl', '–')} | {o.get('first', '–')} | {o.get('trips', '–')} |")
