//! gen-corpus: writes a valid unionpress site of N articles for benchmarks
//! and tests, and optionally the same corpus as a Hugo site.
//!
//! The Chinese text is recombined from the sentences of real articles: the
//! demo site's `content/articles/` and, when present, the newspaper pages in
//! `../shared/seeds/` (read at run time; `--text DIR` names others). Around
//! that it invents registries of programmes and awards, provinces with
//! cities and counties, reporters, tags and award recipients, dates over
//! eight years, a few code blocks and tables, aliases and monthly bulletins.
//! `--shape` chooses the bodies: `short` (whole sentences recombined, the
//! default) or `long` (300–3,000 characters of sentences made anew).
//!
//! The output is deterministic for a `--seed`: every article draws from its
//! own generator seeded by (seed, index), so files can be written in
//! parallel and the corpus does not depend on the thread count.
//!
//! `--hugo DIR` writes the same articles as a Hugo site with equivalent
//! pages (article pages with related articles, paginated lists, taxonomy
//! terms for programmes, awards, regions at every level, tags, authors and a
//! year/month archive, RSS for the front page and sections), for
//! `bench/run.sh` to compare against.

mod article;
mod hugo;
mod rng;
mod words;
mod world;

use std::fs;
use std::path::{Path, PathBuf};

use clap::Parser;
use rayon::prelude::*;
use unionpress::render::slug::slugify;

use article::{clause, list, ours, piece, q};
use hugo::{hugo, hugo_site};
use rng::Rng;
use words::{NATIONAL_AWARDS, PROGRAMMES, PROVINCES, TAG_WORDS};
use world::{World, name, regions, sentences};

#[derive(Parser)]
#[command(about = "Write a unionpress site of N generated articles")]
pub struct Args {
    /// How many articles.
    #[arg(long, short = 'n', default_value_t = 1000)]
    pub articles: usize,
    /// The site folder to write (replaced if it holds a generated corpus).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Also write the corpus as a Hugo site here.
    #[arg(long)]
    pub hugo: Option<PathBuf>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How article bodies are made (see `Shape`).
    #[arg(long, value_enum, default_value_t = Shape::Short)]
    pub shape: Shape,
    /// Folders of .txt/.md files to take sentences from (default: the demo
    /// site's content/articles and ../shared/seeds when they exist).
    #[arg(long)]
    pub text: Vec<PathBuf>,
}

/// How article bodies are made. Both draw the front matter the same way.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shape {
    /// 3–9 paragraphs of 2–5 whole sentences of the source text: bodies of
    /// about 250–2,500 characters (median 1,300), built from a few hundred
    /// sentences that recur across the corpus.
    Short,
    /// Bodies spread evenly over 300–3,000 characters, in paragraphs of 1–4
    /// sentences, each sentence new: clauses of the source text recombined
    /// with names, places, firms and figures, so that no sentence recurs
    /// whole across the corpus, as in real news.
    Long,
}

pub(crate) fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Empties `dir` if it is a corpus we wrote before (or does not exist).
fn fresh(dir: &Path, marker: &str) -> Result<(), String> {
    if dir.exists() {
        if !dir.join(marker).exists()
            && fs::read_dir(dir)
                .map(|mut d| d.next().is_some())
                .unwrap_or(false)
        {
            return Err(format!(
                "gen-corpus: {} exists and was not made by gen-corpus; not touching it",
                dir.display()
            ));
        }
        fs::remove_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    write(&dir.join(marker), "written by gen-corpus\n");
    Ok(())
}

const MARKER: &str = ".gen-corpus";

/// Writes the corpus `args` describes, and returns a line saying what it
/// wrote. Fails, having written nothing, when the source text is too short
/// or `--out` holds something other than a corpus; panics on an I/O error.
pub fn generate(args: &Args) -> Result<String, String> {
    let mut dirs = args.text.clone();
    if dirs.is_empty() {
        // The repository this crate lives in, and the seed pages beside
        // its checkout.
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        dirs.push(repo.join("content/articles"));
        dirs.push(repo.join("../shared/seeds"));
        dirs.retain(|d| d.is_dir());
    }
    let sentences = sentences(&dirs);
    if sentences.len() < 20 {
        return Err(format!(
            "gen-corpus: found only {} sentences under {dirs:?}; give --text DIR",
            sentences.len()
        ));
    }
    let mut r = Rng::new(args.seed, 0);
    let mut awards: Vec<(String, String, &'static str)> = NATIONAL_AWARDS
        .iter()
        .map(|t| (slugify(t), t.to_string(), "national"))
        .collect();
    for p in PROVINCES.iter().take(16) {
        for (what, level) in [("五一劳动奖章", "provincial"), ("工匠", "provincial")] {
            let t = format!("{}{what}", p.trim_end_matches(['省', '市']));
            awards.push((slugify(&t), t, level));
        }
    }
    let mut tags: Vec<String> = TAG_WORDS.iter().map(|s| s.to_string()).collect();
    for _ in 0..160 {
        let t = clause(r.pick(&sentences).as_str(), 4);
        if t.chars().count() == 4 && !tags.contains(&t) {
            tags.push(t);
        }
    }
    let world = World {
        regions: regions(&mut r),
        reporters: (0..300).map(|_| name(&mut r)).collect(),
        programmes: PROGRAMMES
            .iter()
            .map(|(t, _)| (slugify(t), t.to_string()))
            .collect(),
        awards,
        tags,
        sentences,
    };

    let out = &args.out;
    fresh(out, MARKER)?;
    write(
        &out.join("site.yaml"),
        "title: 工会新闻（基准测试）\nbase_url: https://bench.example.org\nlanguage: zh-CN\ntimezone: Asia/Shanghai\ntheme: default\npaginate_by: 20\ndescription: gen-corpus 生成的基准测试站点\n",
    );
    write(
        &out.join("content/_index.md"),
        "---\ntitle: 工会新闻\n---\n\n基准测试用的生成站点。\n",
    );
    write(
        &out.join("content/articles/_index.md"),
        "---\ntitle: 新闻\n---\n",
    );
    for (key, title) in &world.programmes {
        let names = PROGRAMMES
            .iter()
            .find(|(t, _)| t == title)
            .map(|(_, n)| *n)
            .unwrap_or(&[]);
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let text = format!(
            "---\ntitle: {}\nnames: {}\n---\n\n{}\n",
            q(title),
            list(&names),
            world.sentences[key.len() % world.sentences.len()]
        );
        write(&out.join(format!("content/programmes/{key}.md")), &text);
    }
    for (key, title, level) in &world.awards {
        let text = format!(
            "---\ntitle: {}\nlevel: {level}\nissuer: 中华全国总工会\n---\n\n{}\n",
            q(title),
            world.sentences[key.len() % world.sentences.len()]
        );
        write(&out.join(format!("content/awards/{key}.md")), &text);
    }
    if let Some(h) = &args.hugo {
        fresh(h, MARKER)?;
        hugo_site(h);
    }

    let n = args.articles;
    let seed = args.seed;
    // Articles, in parallel; the bulletins need each article's month.
    let months: Vec<(u16, u8, String)> = (0..n)
        .into_par_iter()
        .map(|i| {
            let p = piece(&world, seed, i, args.shape);
            write(&out.join("content").join(&p.rel), &ours(&p, &world));
            if let Some(h) = &args.hugo {
                write(&h.join("content").join(&p.rel), &hugo(&p, &world));
            }
            (p.year, p.month, p.rel)
        })
        .collect();

    // A bulletin for each of the busiest months, eight articles each.
    let mut by_month: std::collections::BTreeMap<(u16, u8), Vec<&str>> = Default::default();
    for (y, m, rel) in &months {
        by_month.entry((*y, *m)).or_default().push(rel);
    }
    let wanted = (n / 100).clamp(1, 96);
    for ((y, m), rels) in by_month.iter().rev().take(wanted) {
        let lineup: String = rels.iter().take(8).map(|r| format!("  - {r}\n")).collect();
        let text = format!(
            "---\ntitle: 工会工作简报\nnumber: {y}年第{m}期\ndate: {y}-{m:02}-28\narticles:\n{lineup}---\n\n**编者按** {}\n",
            world.sentences[(*y as usize + *m as usize) % world.sentences.len()]
        );
        write(&out.join(format!("content/bulletins/{y}-{m:02}.md")), &text);
        if let Some(h) = &args.hugo {
            let links: String = rels
                .iter()
                .take(8)
                .map(|r| {
                    let slug = r
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .trim_end_matches(".md");
                    format!("- [{r}](/articles/{slug}/)\n")
                })
                .collect();
            let text = format!(
                "---\ntitle: 工会工作简报 {y}年第{m}期\ndate: {y}-{m:02}-28T00:00:00+08:00\n---\n\n{links}"
            );
            write(&h.join(format!("content/bulletins/{y}-{m:02}.md")), &text);
        }
    }
    Ok(format!(
        "gen-corpus: {n} articles, {} bulletins, from {} sentences → {}",
        wanted.min(by_month.len()),
        world.sentences.len(),
        out.display()
    ))
}
