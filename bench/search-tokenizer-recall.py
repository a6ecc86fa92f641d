#!/usr/bin/env python3
"""Recall of word segmentation (jieba, as Pagefind and most Chinese search
do) versus exact substring search, measured on a built site's search
documents (search/d/*.json, i.e. the texts that unionpress indexes).

    pip install jieba
    python3 bench/search-tokenizer-recall.py public [max_len]

For every substring of 2..max_len CJK characters of every article (title,
kicker, subtitle, summary, body), the truth is the set of articles whose
text contains it. A segmenter index answers with the articles containing
every word of the segmented query (the query segmented the same way as the
text). Prints the recall and the share of queries with a miss, and the
number of postings of each index (a proxy for its size). unionpress's
n-gram index answers every such query exactly (tests/js/search.test.mjs
checks it against a brute-force scan).
"""
import glob
import json
import re
import sys

import jieba

jieba.setLogLevel(60)
site = sys.argv[1]
max_len = int(sys.argv[2]) if len(sys.argv) > 2 else 4
docs = []
for path in sorted(glob.glob(f"{site}/search/d/*.json"), key=lambda p: int(re.findall(r"(\d+)\.json$", p)[0])):
    for d in json.load(open(path, encoding="utf-8")):
        docs.append([d["title"], d["kicker"], d["subtitle"], d["summary"], d["body"]])

CJK = re.compile(r"[\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
runs = [[r for f in d for r in CJK.findall(f)] for d in docs]

def words(text_runs, cut):
    out = set()
    for r in text_runs:
        out.update(w for w in cut(r) if w.strip())
    return out

modes = {
    "jieba precise": lambda s: jieba.lcut(s),
    "jieba search": lambda s: jieba.lcut_for_search(s),
}
index = {m: [words(r, cut) for r in runs] for m, cut in modes.items()}
queries = set()
for r in runs:
    for run in r:
        for n in range(2, max_len + 1):
            for i in range(len(run) - n + 1):
                queries.add(run[i:i + n])
queries = sorted(queries)
print(f"{len(docs)} articles, {len(queries)} distinct substrings of 2..{max_len} CJK characters")
joined = ["\n".join(r) for r in runs]
truth = {q: {i for i, t in enumerate(joined) if q in t} for q in queries}
for m, cut in modes.items():
    found = missed_queries = total = 0
    for q in queries:
        qw = [w for w in cut(q) if w.strip()]
        got = {i for i, ws in enumerate(index[m]) if all(w in ws for w in qw)}
        hit = len(truth[q] & got)
        found += hit
        total += len(truth[q])
        missed_queries += hit < len(truth[q])
    postings = sum(len(ws) for ws in index[m])
    print(f"{m:14s} recall {found / total:.3f}, queries with a miss {missed_queries / len(queries):.1%}, "
          f"{postings} (word, article) postings")

# Queries a reader would type: one to three consecutive words of the text as
# jieba segments it (precise mode), 2..6 characters long, so no query starts
# or ends inside a word. A miss here is an article where the same string is
# segmented differently.
aligned = set()
for r in runs:
    for run in r:
        ws = jieba.lcut(run)
        for i in range(len(ws)):
            for k in range(1, 4):
                q = "".join(ws[i:i + k])
                if i + k <= len(ws) and 2 <= len(q) <= 6:
                    aligned.add(q)
aligned = sorted(aligned)
print(f"{len(aligned)} distinct word-aligned phrases of 1..3 words, 2..6 characters")
for m, cut in modes.items():
    found = missed_queries = total = 0
    examples = []
    for q in aligned:
        t = {i for i, text in enumerate(joined) if q in text}
        qw = [w for w in cut(q) if w.strip()]
        got = {i for i, ws in enumerate(index[m]) if all(w in ws for w in qw)}
        hit = len(t & got)
        found += hit
        total += len(t)
        if hit < len(t):
            missed_queries += 1
            if len(examples) < 8:
                examples.append(q)
    print(f"{m:14s} recall {found / total:.3f}, queries with a miss {missed_queries / len(aligned):.1%}; e.g. {' '.join(examples)}")

ngram = sum(len({run[i:i + n] for run in r for n in (1, 2, 3) for i in range(len(run) - n + 1)}) for r in runs)
print(f"{'n-grams 1-3':14s} recall 1.000 (exact), {ngram} (n-gram, article) postings")
