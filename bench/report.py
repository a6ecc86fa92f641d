#!/usr/bin/env python3
"""Prints bench/run.sh's results as Markdown tables: medians over the
rounds with their spread, and ours/Hugo ratios of the medians.

usage: bench/report.py RESULTS.tsv [MACHINE.txt]
"""
import json
import statistics
import sys
from collections import defaultdict

# (shape, n, case, tool) -> list of (wall, user, sys, rss, files), one a round
runs = defaultdict(list)
index = defaultdict(dict)                          # (shape, n) -> who -> bytes
queries = defaultdict(lambda: defaultdict(dict))   # (shape, n) -> q -> who -> json
first = defaultdict(lambda: defaultdict(dict))     # (shape, n) -> q -> who -> json (search-first.mjs)

with open(sys.argv[1], encoding="utf-8") as f:
    next(f)
    for line in f:
        parts = line.rstrip("\n").split("\t")
        shape, n, case, tool = parts[0], int(parts[1]), parts[2], parts[3]
        if case == "index-bytes":
            index[shape, n][tool] = int(parts[4] or 0)
        elif case == "first":
            try:
                j = json.loads(parts[4])
                first[shape, n][j["q"]][tool] = j
            except (ValueError, IndexError, KeyError, TypeError):
                continue
        elif case == "query":
            try:
                j = json.loads(parts[4])
            except (ValueError, IndexError):
                continue
            q = j.get("q", j.get("query")) if isinstance(j, dict) else None
            if q:
                queries[shape, n][q][tool] = j
        else:
            wall, user, sys_, rss, files = (float(x) for x in parts[5:10])
            runs[shape, n, case, tool].append((wall, user, sys_, rss, files))

if len(sys.argv) > 2:
    print("## Machine\n")
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            print(f"- {line.rstrip()}")


def median(key, i):
    return statistics.median(r[i] for r in runs[key])


def cpu(r):
    return r[1] + r[2]


def cell(key, value):
    """The median of `value` over the rounds, with min–max when there are
    several."""
    vs = [value(r) for r in runs[key]]
    m = statistics.median(vs)
    if len(vs) == 1:
        return f"{m:.2f}"
    return f"{m:.2f} ({min(vs):.2f}–{max(vs):.2f})"


def ratio(a, b):
    return f"{a / b:.2f}" if b else "–"


NAMES = {
    ("cold", "ours"): "unionpress build, empty folder (with search)",
    ("cold", "hugo"): "hugo, empty public/ (no search)",
    ("rebuild", "ours"): "unionpress build, one article changed",
    ("rebuild", "hugo"): "hugo, one article changed",
    ("check", "ours"): "unionpress check (renders all, writes nothing)",
    ("index", "pagefind"): "pagefind on Hugo's output",
}
keys = sorted({k[:2] for k in runs}, key=lambda k: (k[0] != "short", k[1]))

print("\n## Build time and memory\n")
print("Medians over the rounds, (min–max) when there were several; CPU is user + sys.\n")
print("| shape | N | run | rounds | wall (s) | user (s) | sys (s) | CPU (s) | peak RSS (MB) | files |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
for shape, n in keys:
    for case, tool in NAMES:
        key = (shape, n, case, tool)
        if key not in runs:
            continue
        print(f"| {shape} | {n:,} | {NAMES[case, tool]} | {len(runs[key])} | {cell(key, lambda r: r[0])} | "
              f"{cell(key, lambda r: r[1])} | {cell(key, lambda r: r[2])} | {cell(key, cpu)} | "
              f"{median(key, 3):.0f} | {median(key, 4):.0f} |")

print("\n## Ratios of the medians (below 1: unionpress is faster / smaller)\n")
print("| shape | N | case | wall ours/Hugo | CPU ours/Hugo | RSS ours/Hugo | wall ours/(Hugo+Pagefind) |")
print("|---|---:|---|---:|---:|---:|---:|")
for shape, n in keys:
    for case in ("cold", "rebuild"):
        o, h = (shape, n, case, "ours"), (shape, n, case, "hugo")
        if o not in runs or h not in runs:
            continue
        ocpu = statistics.median(cpu(r) for r in runs[o])
        hcpu = statistics.median(cpu(r) for r in runs[h])
        p = (shape, n, "index", "pagefind")
        hp = ratio(median(o, 0), median(h, 0) + median(p, 0)) if case == "cold" and p in runs else "–"
        print(f"| {shape} | {n:,} | {case} | {ratio(median(o, 0), median(h, 0))} | {ratio(ocpu, hcpu)} | "
              f"{ratio(median(o, 3), median(h, 3))} | {hp} |")

for shape in sorted({k[0] for k in keys}):
    sizes = [n for s, n in keys if s == shape and (s, n, "cold", "ours") in runs]
    if len(sizes) > 1:
        print(f"\n## Growth, {shape} shape (ours, cold build, per 1,000 articles)\n")
        print("| N | wall s / 1k | CPU s / 1k | RSS MB / 1k |")
        print("|---:|---:|---:|---:|")
        for n in sizes:
            key = (shape, n, "cold", "ours")
            c = statistics.median(cpu(r) for r in runs[key])
            print(f"| {n:,} | {median(key, 0) / n * 1000:.3f} | {c / n * 1000:.3f} | "
                  f"{median(key, 3) / n * 1000:.1f} |")

if index:
    print("\n## Search index on disk\n")
    print("| shape | N | ours (bytes) | Pagefind (bytes) | ours/Pagefind |")
    print("|---|---:|---:|---:|---:|")
    for shape, n in sorted(index, key=lambda k: (k[0] != "short", k[1])):
        o, p = index[shape, n].get("ours", 0), index[shape, n].get("pagefind")
        print(f"| {shape} | {n:,} | {o:,} | {f'{p:,}' if p else '–'} | {ratio(o, p) if p else '–'} |")

if queries:
    print("\n## Bytes downloaded per query (first query on a cold page)\n")
    print("Pagefind: its JS API in headless Chromium, `search(q)` then `data()` of the")
    print("first 10 results; `runtime` is pagefind.js + WASM + entry + meta, paid once")
    print("per visit; `per query` is index chunks + fragments. Ours: bench/search-bytes.mjs,")
    print("the first page of results; `shared` is meta.json + keys.bin + facets.bin, paid once")
    print("per visit; `per query` is term pages, positions, segments and document files.\n")
    print("| shape | N | query | Pagefind results | Pagefind total | Pagefind per query | ours results | ours total | ours shared | ours per query |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for shape, n in sorted(queries, key=lambda k: (k[0] != "short", k[1])):
        for q, who in queries[shape, n].items():
            p, o = who.get("pagefind", {}), who.get("ours", {})
            print(f"| {shape} | {n:,} | {q} | {p.get('results', '–')} | {p.get('total', '–')} | "
                  f"{p.get('per_query', '–')} | {o.get('results', '–')} | {o.get('bytes', o.get('total', '–'))} | "
                  f"{o.get('shared', '–')} | {o.get('per_query', '–')} |")

if first:
    print("\n## A reader's first search (bench/search-first.mjs, fresh browser context)\n")
    print("Ours: everything the browser downloads for /search/?q=… (page, styles, scripts,")
    print("index parts, result texts; facets included), ms from navigation to DOMContentLoaded")
    print("and to the first result, round trips in sequence before it. Pagefind: its runtime,")
    print("`search(q)` and `data()` of the first 10 results. Same static server (text gzipped).\n")
    print("| shape | N | query | Pagefind results | Pagefind bytes | ours shown | ours bytes | ours/Pagefind | DCL ms | first result ms | round trips |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for shape, n in sorted(first, key=lambda k: (k[0] != "short", k[1])):
        for q, who in first[shape, n].items():
            p, o = who.get("pagefind", {}), who.get("ours", {})
            pb, ob = p.get("bytes"), o.get("bytes")
            print(f"| {shape} | {n:,} | {q} | {p.get('results', '–')} | {pb if pb is not None else '–'} | "
                  f"{o.get('results', '–')} | {ob if ob is not None else '–'} | "
                  f"{ratio(ob, pb) if ob and pb else '–'} | {o.get('dcl', '–')} | {o.get('first', '–')} | {o.get('trips', '–')} |")
