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
editor does most) or `title` (a word put before the title, which every list
showing the article must follow).

usage: bench/incremental.py UNIONPRESS SITE [ROUNDS] [EDIT]
"""
import http.client, json, os, socket, statistics, subprocess, sys, time, glob

binary, site = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 7
edit = sys.argv[4] if len(sys.argv) > 4 else "body"
assert edit in ("body", "title"), edit
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
    times, ready = [], []
    try:
        for n in range(rounds):
            time.sleep(1.0)  # let the watcher settle
            t0 = time.perf_counter()
            with open(article, "w", encoding="utf-8") as f:
                if edit == "body":
                    f.write(original + f"\n第{n}次修改：工会驿站又添新设施。\n")
                else:
                    f.write(original.replace("title: ", f"title: 第{n}次", 1))
            kind, data = next_event()
            times.append((time.perf_counter() - t0) * 1000)
            assert kind == "reload", kind
            while not data.get("search_ready", True):
                kind, data = next_event()
                assert kind == "search", kind
            ready.append((time.perf_counter() - t0) * 1000)
    finally:
        open(article, "w", encoding="utf-8").write(original)
    print(f"{site} ({edit} edit): save→reload median {statistics.median(times):.0f} ms "
          f"(all: {', '.join(f'{t:.0f}' for t in times)}); "
          f"save→search ready median {statistics.median(ready):.0f} ms "
          f"(all: {', '.join(f'{t:.0f}' for t in ready)})")
finally:
    proc.terminate(); proc.wait()
