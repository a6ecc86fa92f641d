//! Writes only the search index of a list of articles given as JSON, to
//! measure the index (build time, size, bytes per query with
//! `bench/search-bytes.mjs OUT`) on generated corpora without rendering
//! any HTML: `cargo run --release --example search_index -- docs.json OUT`.
//!
//! `docs.json` is an array of `SearchDoc` objects (missing fields empty);
//! `node bench/search-corpus.mjs SEEDS N` makes one.

use std::path::Path;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = args.as_slice() else {
        anyhow::bail!("usage: search_index DOCS.json OUTPUT_DIR");
    };
    let text = std::fs::read_to_string(input)?;
    let docs: Vec<unionpress::search::SearchDoc> = serde_json::from_str(&text)?;
    let started = std::time::Instant::now();
    let files = unionpress::search::index_files(&docs);
    let elapsed = started.elapsed();
    let mut total = 0;
    for (path, bytes) in &files {
        let path = Path::new(output).join(path);
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(&path, bytes)?;
        total += bytes.len();
    }
    eprintln!(
        "{} docs, {} files, {} bytes, indexed in {:?}",
        docs.len(),
        files.len(),
        total,
        elapsed
    );
    Ok(())
}
