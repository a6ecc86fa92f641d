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
article in every list it is on), `programme` (the article put in another
programme of the site's registry each round) or `new` (a new article file,
dated the newest, another each round, all deleted after the last).

EDIT may name several kinds, comma-separated (`title,tag,date`): each
is measured ROUNDS times in turn on the one server, the article put back
as it was between kinds (that save's rebuild is waited for, not counted).
The server's log (`--verbose`: each rebuild's steps) goes to the file
named by UNIONPRESS_BENCH_LOG, by default
/tmp/unionpress-incremental-serve.log.

usage: bench/incremental.py UNIONPRESS SITE [ROUNDS] [EDIT[,EDIT…]]
"""
import http.client, json, os, socket, statistics, subprocess, sys, time, glob

binary, site = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 7
edits = (sys.argv[4] if len(sys.argv) > 4 else "body").split(",")
for edit in edits:
    assert edit in ("body", "title", "tag", "date", "programme", "new"), edit
log = os.environ.get("UNIONPRESS_BENCH_LOG", "/tmp/unionpress-incremental-serve.log")
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
proc = subprocess.Popen([binary, "serve", "--root", site, "--port", str(port), "--verbose"],
                        stderr=open(log, "w"))
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

    def next_reload():
        """The data of the next reload event, passing over the search
        events of earlier saves (or of the first build) still arriving."""
        kind, data = next_event()
        while kind == "search":
            kind, data = next_event()
        assert kind == "reload", kind
        return data

    def reloaded():
        """Waits for the next reload, then for its search index; gives
        nothing."""
        data = next_reload()
        while not data.get("search_ready", True):
            kind, data = next_event()
            assert kind == "search", kind

    assert next_event()[0] == "hello"
    article = sorted(glob.glob(os.path.join(site, "content/articles/**/*.md"), recursive=True))
    article = [a for a in article if not a.endswith("_index.md")][len(article) // 2]
    original = open(article, encoding="utf-8").read()
    new_file = lambda n: os.path.join(os.path.dirname(article), f"bench-incremental-new-{n}.md")

    def programme_names():
        """The titles of the site's programmes, as its registry gives them."""
        names = []
        for path in sorted(glob.glob(os.path.join(site, "content/programmes/*.md"))):
            for l in open(path, encoding="utf-8"):
                if l.startswith("title:"):
                    names.append(l.split(":", 1)[1].strip().strip('"'))
                    break
        return names

    def edited(edit, n):
        """The article's text after edit `edit`, round `n`."""
        if edit == "body":
            return original + f"\n第{n}次修改：工会驿站又添新设施。\n"
        if edit == "title":
            return original.replace("title: ", f"title: 第{n}次", 1)
        if edit == "programme":
            names = programme_names()
            line = f"programmes: [\"{names[n % len(names)]}\"]"
            lines = original.split("\n")
            if any(l.startswith("programmes:") for l in lines):
                lines = [line if l.startswith("programmes:") else l for l in lines]
            else:
                lines.insert(next(i for i, l in enumerate(lines) if l.startswith("title:")) + 1, line)
            return "\n".join(lines)
        if edit == "tag":
            return original.replace("tags: [", f"tags: [\"基准标签{n}\", ", 1)
        lines = original.split("\n")
        lines = [f"date: 2019-0{1 + n % 9}-1{n % 10}" if l.startswith("date: ") else l
                 for l in lines]
        return "\n".join(lines)

    def save(path, text):
        """Saves as most editors do: a hidden file beside it, renamed over
        it, so the watcher never reads a half-written (or emptied) file."""
        folder, name = os.path.split(path)
        tmp = os.path.join(folder, f".{name}.bench-tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)

    try:
        for edit in edits:
            times, ready = [], []
            for n in range(rounds):
                time.sleep(1.0)  # let the watcher settle
                t0 = time.perf_counter()
                if edit == "new":
                    save(new_file(n),
                         f"---\ntitle: 第{n}篇新文章\ndate: 2026-01-01\ntags: [\"工会驿站\"]\n---\n\n"
                         f"新文章的正文，第{n}次保存。\n")
                else:
                    save(article, edited(edit, n))
                data = next_reload()
                times.append((time.perf_counter() - t0) * 1000)
                while not data.get("search_ready", True):
                    kind, data = next_event()
                    assert kind == "search", kind
                ready.append((time.perf_counter() - t0) * 1000)
            print(f"{site} ({edit} edit): save→reload median {statistics.median(times):.0f} ms "
                  f"(all: {', '.join(f'{t:.0f}' for t in times)}); "
                  f"save→search ready median {statistics.median(ready):.0f} ms "
                  f"(all: {', '.join(f'{t:.0f}' for t in ready)})", flush=True)
            # Back as it was before the next kind; that rebuild not counted.
            time.sleep(1.0)
            if edit == "new":
                for n in range(rounds):
                    os.remove(new_file(n))
            else:
                save(article, original)
            reloaded()
    finally:
        save(article, original)
        for n in range(rounds):
            if os.path.exists(new_file(n)):
                os.remove(new_file(n))
finally:
    proc.terminate(); proc.wait()
