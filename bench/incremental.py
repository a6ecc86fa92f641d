#!/usr/bin/env python3
"""Save→reload and save→search-ready times of `unionpress serve` after a
one-article edit.

Starts `serve` on SITE, listens on its live-reload stream, and ROUNDS times
edits one article, measuring from the write to the `reload` event (watcher
debounce included), and to the `search` event that says the new search
index is served (the same moment for a `serve` that writes the index before
reloading: its events carry no `search_ready`). Prints the medians and all
times.

EDIT is `body` (the default: a sentence appended to the body, what an
editor does most), `title` (a word put before the title, which every list
showing the article must follow), `tag` (a new tag added, a page of its
own), `date` (the date set a few days later each round, which moves the
article in every list it is on) or `new` (a new article file, dated the
newest, another each round, all deleted after the last).

usage: bench/incremental.py UNIONPRESS SITE [ROUNDS] [EDIT]
"""
import http.client, json, os, socket, statistics, subprocess, sys, time, glob

binary, site = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 7
edit = sys.argv[4] if len(sys.argv) > 4 else "body"
assert edit in ("body", "title", "tag", "date", "new"), edit
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
proc = subprocess.Popen([binary, "serve", "--root", site, "--port", str(port), "--verbose"],
                        stderr=open("/tmp/unionpress-incremental-serve.log", "w"))
try:
    start = time.time()
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            conn.request("GET", "/__unionpress/events")
            resp = conn.getresponse()
            break
        except OSError:
            if time.time() - start > 600: raise
            time.sleep(0.2)
    print(f"first build: {time.time() - start:.1f} s", file=sys.stderr)

    def next_event():
        """The next event's kind and data."""
        kind = None
        while True:
            line = resp.fp.readline().decode()
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and kind:
                return kind, json.loads(line.split(":", 1)[1])

    assert next_event()[0] == "hello"
    article = sorted(glob.glob(os.path.join(site, "content/articles/**/*.md"), recursive=True))
    article = [a for a in article if not a.endswith("_index.md")][len(article) // 2]
    original = open(article, encoding="utf-8").read()
    new_file = lambda n: os.path.join(os.path.dirname(article), f"bench-incremental-new-{n}.md")
    times, ready = [], []
    try:
        for n in range(rounds):
            time.sleep(1.0)  # let the watcher settle
            t0 = time.perf_counter()
            if edit == "new":
                with open(new_file(n), "w", encoding="utf-8") as f:
                    f.write(f"---\ntitle: 第{n}篇新文章\ndate: 2026-01-01\ntags: [\"工会驿站\"]\n---\n\n"
                            f"新文章的正文，第{n}次保存。\n")
            else:
                if edit == "body":
                    text = original + f"\n第{n}次修改：工会驿站又添新设施。\n"
                elif edit == "title":
                    text = original.replace("title: ", f"title: 第{n}次", 1)
                elif edit == "tag":
                    text = original.replace("tags: [", f"tags: [\"基准标签{n}\", ", 1)
                else:
                    lines = original.split("\n")
                    lines = [f"date: 2019-0{1 + n % 9}-1{n % 10}" if l.startswith("date: ") else l
                             for l in lines]
                    text = "\n".join(lines)
                with open(article, "w", encoding="utf-8") as f:
                    f.write(text)
            kind, data = next_event()
            times.append((time.perf_counter() - t0) * 1000)
            assert kind == "reload", kind
            while not data.get("search_ready", True):
                kind, data = next_event()
                assert kind == "search", kind
            ready.append((time.perf_counter() - t0) * 1000)
    finally:
        open(article, "w", encoding="utf-8").write(original)
        for n in range(rounds):
            if os.path.exists(new_file(n)):
                os.remove(new_file(n))
    print(f"{site} ({edit} edit): save→reload median {statistics.median(times):.0f} ms "
          f"(all: {', '.join(f'{t:.0f}' for t in times)}); "
          f"save→search ready median {statistics.median(ready):.0f} ms "
          f"(all: {', '.join(f'{t:.0f}' for t in ready)})")
finally:
    proc.terminate(); proc.wait()
