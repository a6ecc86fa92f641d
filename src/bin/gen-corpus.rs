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

use clap::Parser;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use unionpress::slug::slugify;

#[derive(Parser)]
#[command(about = "Write a unionpress site of N generated articles")]
struct Args {
    /// How many articles.
    #[arg(long, short = 'n', default_value_t = 1000)]
    articles: usize,
    /// The site folder to write (replaced if it holds a generated corpus).
    #[arg(long, short)]
    out: PathBuf,
    /// Also write the corpus as a Hugo site here.
    #[arg(long)]
    hugo: Option<PathBuf>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How article bodies are made (see `Shape`).
    #[arg(long, value_enum, default_value_t = Shape::Short)]
    shape: Shape,
    /// Folders of .txt/.md files to take sentences from (default: the demo
    /// site's content/articles and ../shared/seeds when they exist).
    #[arg(long)]
    text: Vec<PathBuf>,
}

/// How article bodies are made. Both draw the front matter the same way.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Shape {
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

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// `k` distinct items (fewer if there are fewer).
    fn some<'a, T>(&mut self, items: &'a [T], k: usize) -> Vec<&'a T> {
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < k.min(items.len()) {
            let i = self.below(items.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.into_iter().map(|i| &items[i]).collect()
    }
}

const PROGRAMMES: &[(&str, &[&str])] = &[
    ("产业工人队伍建设改革", &["产改"]),
    ("工会送温暖行动", &["送温暖"]),
    ("劳模工匠进校园", &[]),
    ("职工职业技能竞赛", &["技能竞赛"]),
    ("金秋助学", &[]),
    ("春风行动", &["春送岗位"]),
    ("夏送清凉", &[]),
    ("职工书屋建设", &["职工书屋"]),
    ("户外劳动者服务站点", &["工会驿站"]),
    ("新就业形态劳动者入会", &["新就业入会"]),
    ("职工心理健康关爱", &[]),
    ("女职工关爱行动", &[]),
    ("职工疗休养", &[]),
    ("工匠学院建设", &[]),
    ("安康杯竞赛", &[]),
    ("模范职工之家", &[]),
    ("困难职工帮扶", &[]),
    ("厂务公开民主管理", &["厂务公开"]),
    ("职工创新工作室", &["创新工作室"]),
    ("中国工人大思政课", &["大思政课"]),
];

const NATIONAL_AWARDS: &[&str] = &[
    "全国五一劳动奖章",
    "全国劳动模范",
    "大国工匠",
    "全国工人先锋号",
    "全国五一巾帼标兵",
    "中华技能大奖",
    "全国技术能手",
    "全国模范职工之家",
];

const PROVINCES: &[&str] = &[
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
];

/// Hanzi for made-up place names.
const PLACE: &[char] = &[
    '东', '西', '南', '北', '安', '平', '山', '河', '江', '阳', '城', '林', '泉', '宁', '丰', '华',
    '兴', '明', '清', '德', '源', '云', '海', '川', '石', '桥', '松', '湖', '台', '武',
];
const SURNAMES: &[char] = &[
    '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林',
    '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧',
];
const GIVEN: &[char] = &[
    '华', '明', '丽', '军', '伟', '芳', '强', '磊', '洋', '艳', '勇', '杰', '娟', '涛', '超', '秀',
    '英', '霞', '平', '刚', '桂', '红', '建', '国', '志', '文', '斌', '静', '敏', '燕', '鹏', '辉',
];
const TAG_WORDS: &[&str] = &[
    "技能人才",
    "劳模工匠",
    "职工之家",
    "工会驿站",
    "户外劳动者",
    "新就业形态劳动者",
    "职业技能竞赛",
    "工匠学院",
    "民主管理",
    "集体协商",
    "职代会",
    "厂务公开",
    "职工文化",
    "职工体育",
    "心理健康",
    "疗休养",
    "就业服务",
    "直播带岗",
    "招聘会",
    "蹲点",
    "蹲点日记",
    "劳动教育",
    "工匠精神",
    "班组建设",
    "高技能人才",
    "职工创新",
    "乡村振兴",
    "青年职工",
    "婚恋交友",
    "女职工",
    "农民工",
    "欠薪治理",
    "安全生产",
    "困难帮扶",
    "送温暖",
    "金秋助学",
    "职工书屋",
    "数智工会",
    "工会组建",
    "入会",
];
const CODE_BLOCK: &str = "```yaml\n# 职工服务站点配置\nstation: 户外劳动者服务站\nopen: \"08:00-20:00\"\nservices: [饮水, 充电, 休息]\n```\n\n";
const FIRM_WORDS: &[&str] = &[
    "机械", "纺织", "电力", "建工", "物流", "港务", "钢铁", "化工", "电子", "交通", "食品", "医药",
];
const FIRM_KINDS: &[&str] = &["集团", "公司", "有限公司", "股份公司", "厂"];
const SAYS: &[&str] = &["说，", "表示，", "介绍，", "告诉记者，", "坦言，"];
const COUNTS: &[&str] = &["名职工", "家企业", "个站点", "万元", "人次", "个班组"];
const KINDS: &[&str] = &[
    "news", "news", "news", "news", "feature", "diary", "photo", "brief",
];
const KICKERS: &[&str] = &[
    "深化产业工人队伍建设改革",
    "蹲点日记",
    "一线见闻",
    "基层传真",
    "劳模风采",
    "聚焦新就业形态",
    "工会在身边",
    "为职工办实事",
];

fn name(rng: &mut Rng) -> String {
    let mut s = String::new();
    s.push(*rng.pick(SURNAMES));
    s.push(*rng.pick(GIVEN));
    if rng.chance(60) {
        s.push(*rng.pick(GIVEN));
    }
    s
}

/// Provinces, each with its cities, each with its counties.
type Regions = Vec<(String, Vec<(String, Vec<String>)>)>;

/// Provinces with cities and counties, each name's slug unique among its
/// siblings (so region URLs never clash).
fn regions(rng: &mut Rng) -> Regions {
    let mut unique = |taken: &mut Vec<String>, suffix: char| loop {
        let mut n = String::new();
        n.push(*rng.pick(PLACE));
        n.push(*rng.pick(PLACE));
        n.push(suffix);
        let s = slugify(&n);
        if !taken.contains(&s) {
            taken.push(s);
            return n;
        }
    };
    PROVINCES
        .iter()
        .map(|p| {
            let mut cities_taken = Vec::new();
            let cities = (0..6)
                .map(|_| {
                    let city = unique(&mut cities_taken, '市');
                    let mut counties_taken = Vec::new();
                    let counties = (0..5)
                        .map(|k| unique(&mut counties_taken, if k % 2 == 0 { '县' } else { '区' }))
                        .collect();
                    (city, counties)
                })
                .collect();
            (p.to_string(), cities)
        })
        .collect()
}

/// Sentences (ending in 。！？) from the text files under `dirs`.
fn sentences(dirs: &[PathBuf]) -> Vec<String> {
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(d).into_iter().flatten())
        .filter(|e| {
            e.file_type().is_file()
                && matches!(
                    e.path().extension().and_then(|x| x.to_str()),
                    Some("md" | "txt")
                )
        })
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut out: Vec<String> = Vec::new();
    for f in files {
        let Ok(text) = fs::read_to_string(&f) else {
            continue;
        };
        // Markdown: skip the front matter.
        let body = match text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
        {
            Some((_, body)) => body.to_string(),
            None => text,
        };
        // Paragraphs are separated by blank lines; the seed pages wrap
        // lines inside them.
        for para in body.split("\n\n").map(|p| p.replace('\n', "")) {
            let mut cur = String::new();
            for c in para.trim().chars() {
                cur.push(c);
                if matches!(c, '。' | '！' | '？') {
                    let s = cur.trim().to_string();
                    let n = s.chars().count();
                    if (12..=160).contains(&n) && !s.contains(['#', '|', '`', '[', '*']) {
                        out.push(s);
                    }
                    cur.clear();
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

struct World {
    sentences: Vec<String>,
    regions: Regions,
    reporters: Vec<String>,
    awards: Vec<(String, String, &'static str)>, // key, title, level
    programmes: Vec<(String, String)>,           // key, title
    tags: Vec<String>,
}

/// One generated article: its front matter fields and body.
struct Piece {
    rel: String, // articles/2024/n000123.md
    slug: String,
    title: String,
    date: String,
    year: u16,
    month: u8,
    kicker: Option<String>,
    subtitle: Option<String>,
    summary: Option<String>,
    kind: &'static str,
    authors: Vec<String>,
    correspondents: Vec<String>,
    region: Vec<String>,
    programmes: Vec<(usize, String)>, // registry index, the name written
    awards: Vec<(usize, Vec<String>, Option<u32>)>,
    tags: Vec<String>,
    alias: Option<String>,
    body: String,
}

const CLAUSE_ENDS: &[char] = &[
    '，', '。', '！', '？', '；', '：', ',', ';', ':', '、', '(', '（', ')', '）', '“', '”', '《',
    '》',
];

/// The clauses of `s` with at least four characters.
fn clauses(s: &str) -> impl Iterator<Item = &str> {
    s.split(CLAUSE_ENDS)
        .map(str::trim)
        .filter(|p| p.chars().count() >= 4)
}

/// The first clause of `s` with at least four characters, cut to `max`.
fn clause(s: &str, max: usize) -> String {
    cut(clauses(s).next().unwrap_or("工会新闻"), max)
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect::<String>().trim().to_string()
}

/// Bodies of whole sentences of the source text.
fn short_body(w: &World, r: &mut Rng) -> String {
    let mut body = String::new();
    let paragraphs = r.range(3, 9);
    for p in 0..paragraphs {
        if p == 2 && r.chance(15) {
            let _ = writeln!(body, "## {}\n", clause(r.pick(&w.sentences).as_str(), 16));
        }
        for _ in 0..r.range(2, 5) {
            body.push_str(r.pick(&w.sentences).as_str());
        }
        body.push_str("\n\n");
        if p == 1 {
            extras(w, r, &mut body);
        }
    }
    body
}

/// A code block and a table, each in about 3% of articles, after the
/// second paragraph.
fn extras(w: &World, r: &mut Rng, body: &mut String) {
    if r.chance(3) {
        body.push_str(CODE_BLOCK);
    }
    if r.chance(3) {
        body.push_str("| 姓名 | 单位 | 成绩 |\n|---|---|---|\n");
        for k in 0..r.range(3, 6) {
            let _ = writeln!(
                body,
                "| {} | {}公司 | 第{}名 |",
                name(r),
                clause(r.pick(&w.sentences).as_str(), 6),
                k + 1
            );
        }
        body.push('\n');
    }
}

/// Bodies of 300–3,000 characters (evenly spread) of sentences made anew.
fn long_body(w: &World, r: &mut Rng) -> String {
    let target = r.range(300, 3000);
    let mut body = String::new();
    let mut chars = 0;
    let mut paragraph = 0;
    while chars < target {
        if paragraph == 2 && target > 1500 && r.chance(40) {
            let _ = writeln!(body, "## {}\n", clause(r.pick(&w.sentences).as_str(), 16));
        }
        for _ in 0..r.range(1, 4) {
            let s = news_sentence(w, r);
            chars += s.chars().count();
            body.push_str(&s);
            if chars >= target {
                break;
            }
        }
        body.push_str("\n\n");
        if paragraph == 1 {
            extras(w, r, &mut body);
        }
        paragraph += 1;
    }
    body
}

/// One sentence: one to three clauses of the source text, each often
/// led by a place, a firm, a person or a figure (what makes the wording of
/// real news varied).
fn news_sentence(w: &World, r: &mut Rng) -> String {
    let mut s = String::new();
    for k in 0..r.range(1, 3) {
        if k > 0 {
            s.push('，');
        }
        if r.chance(60) {
            entity(w, r, &mut s);
        }
        let all: Vec<&str> = clauses(r.pick(&w.sentences).as_str()).collect();
        s.push_str(&cut(all.get(r.below(all.len())).unwrap_or(&"工会新闻"), 40));
    }
    s.push(*r.pick(&['。', '。', '。', '！']));
    s
}

fn entity(w: &World, r: &mut Rng, s: &mut String) {
    let (prov, cities) = r.pick(&w.regions);
    let (city, counties) = r.pick(cities);
    let _ = match r.below(5) {
        0 => write!(s, "{prov}{city}{}", r.pick(counties)),
        1 => write!(
            s,
            "{}{}{}工会",
            city.trim_end_matches('市'),
            r.pick(FIRM_WORDS),
            r.pick(FIRM_KINDS)
        ),
        2 => write!(s, "{}{}", name(r), r.pick(SAYS)),
        3 => write!(s, "{}{}", r.range(3, 20000), r.pick(COUNTS)),
        _ => write!(s, "{}年{}月", r.range(2018, 2025), r.range(1, 12)),
    };
}

fn piece(w: &World, seed: u64, i: usize, shape: Shape) -> Piece {
    let mut r = Rng::new(seed, i as u64 + 1);
    let year = 2018 + r.below(8) as u16;
    let month = 1 + r.below(12) as u8;
    let day = 1 + r.below(28) as u8;
    let mut title = clause(r.pick(&w.sentences).as_str(), 28);
    if title.chars().count() < 6 {
        title = clause(r.pick(&w.sentences).as_str(), 28);
    }
    let (prov, cities) = r.pick(&w.regions);
    let mut region = vec![prov.clone()];
    if r.chance(85) {
        let (city, counties) = r.pick(cities);
        region.push(city.clone());
        if r.chance(50) {
            region.push(r.pick(counties).clone());
        }
    }
    let k = r.range(0, 2);
    let programmes = r
        .some(&w.programmes, k)
        .into_iter()
        .map(|(key, title)| {
            let i = w.programmes.iter().position(|(k, _)| k == key).unwrap_or(0);
            let names = PROGRAMMES[i].1;
            let written = if !names.is_empty() && r.chance(50) {
                names[0].to_string()
            } else {
                title.clone()
            };
            (i, written)
        })
        .collect();
    let awards = if r.chance(25) {
        let a = r.below(w.awards.len());
        let recipients = (0..r.range(1, 4)).map(|_| name(&mut r)).collect();
        let count = r.chance(30).then(|| r.range(5, 300) as u32);
        vec![(a, recipients, count)]
    } else {
        Vec::new()
    };
    let body = match shape {
        Shape::Short => short_body(w, &mut r),
        Shape::Long => long_body(w, &mut r),
    };
    let first_author = r.pick(&w.reporters).clone();
    let mut authors = vec![first_author];
    if r.chance(20) {
        authors.push(r.pick(&w.reporters).clone());
        authors.dedup();
    }
    let k = r.range(1, 4);
    let tags = r.some(&w.tags, k).into_iter().cloned().collect();
    Piece {
        rel: format!("articles/{year}/n{i:06}.md"),
        slug: format!("n{i:06}"),
        date: format!("{year:04}-{month:02}-{day:02}"),
        year,
        month,
        kicker: r.chance(30).then(|| r.pick(KICKERS).to_string()),
        subtitle: r
            .chance(30)
            .then(|| clause(r.pick(&w.sentences).as_str(), 20)),
        summary: r
            .chance(30)
            .then(|| clause(r.pick(&w.sentences).as_str(), 60)),
        kind: KINDS[r.below(KINDS.len())],
        authors,
        correspondents: if r.chance(50) {
            vec![name(&mut r)]
        } else {
            Vec::new()
        },
        region,
        programmes,
        awards,
        tags,
        alias: r.chance(1).then(|| format!("/old/{i}/")),
        title,
        body,
    }
}

/// A YAML string: JSON's quoting is valid YAML.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

fn ours(p: &Piece, w: &World) -> String {
    let mut f = String::from("---\n");
    let _ = writeln!(f, "title: {}\ndate: {}", q(&p.title), p.date);
    for (k, v) in [
        ("kicker", &p.kicker),
        ("subtitle", &p.subtitle),
        ("summary", &p.summary),
    ] {
        if let Some(v) = v {
            let _ = writeln!(f, "{k}: {}", q(v));
        }
    }
    let _ = writeln!(f, "kind: {}\nauthors: {}", p.kind, list(&p.authors));
    if !p.correspondents.is_empty() {
        let _ = writeln!(f, "correspondents: {}", list(&p.correspondents));
    }
    let _ = writeln!(f, "region: {}", q(&p.region.join("/")));
    if !p.programmes.is_empty() {
        let names: Vec<String> = p.programmes.iter().map(|(_, n)| n.clone()).collect();
        let _ = writeln!(f, "programmes: {}", list(&names));
    }
    if !p.awards.is_empty() {
        f.push_str("awards:\n");
        for (a, recipients, count) in &p.awards {
            let _ = writeln!(
                f,
                "  - name: {}\n    recipients: {}",
                q(&w.awards[*a].1),
                list(recipients)
            );
            if let Some(c) = count {
                let _ = writeln!(f, "    count: {c}");
            }
        }
    }
    let _ = writeln!(f, "tags: {}", list(&p.tags));
    if let Some(a) = &p.alias {
        let _ = writeln!(f, "aliases: [{a}]");
    }
    f.push_str("---\n\n");
    f.push_str(&p.body);
    f
}

fn hugo(p: &Piece, w: &World) -> String {
    let mut f = String::from("---\n");
    let _ = writeln!(
        f,
        "title: {}\ndate: {}T00:00:00+08:00\nslug: {}",
        q(&p.title),
        p.date,
        p.slug
    );
    for (k, v) in [
        ("kicker", &p.kicker),
        ("subtitle", &p.subtitle),
        ("summary", &p.summary),
    ] {
        if let Some(v) = v {
            let _ = writeln!(f, "{k}: {}", q(v));
        }
    }
    let _ = writeln!(
        f,
        "kind: {}\nauthors: {}",
        p.kind,
        list(&[p.authors.clone(), p.correspondents.clone()].concat())
    );
    // Every level of the region is a term, as ours has a page per level.
    let levels: Vec<String> = (1..=p.region.len())
        .map(|d| p.region[..d].concat())
        .collect();
    let _ = writeln!(
        f,
        "regions: {}\nregion: {}",
        list(&levels),
        q(&p.region.concat())
    );
    let programmes: Vec<String> = p
        .programmes
        .iter()
        .map(|(i, _)| w.programmes[*i].1.clone())
        .collect();
    let _ = writeln!(f, "programmes: {}", list(&programmes));
    let awards: Vec<String> = p
        .awards
        .iter()
        .map(|(a, _, _)| w.awards[*a].1.clone())
        .collect();
    let _ = writeln!(f, "awards: {}", list(&awards));
    let recipients: Vec<String> = p.awards.iter().flat_map(|(_, r, _)| r.clone()).collect();
    let _ = writeln!(f, "recipients: {}", list(&recipients));
    let _ = writeln!(f, "tags: {}", list(&p.tags));
    let _ = writeln!(
        f,
        "archives: [\"{}\", \"{}-{:02}\"]",
        p.year, p.year, p.month
    );
    if let Some(a) = &p.alias {
        let _ = writeln!(f, "aliases: [{a}]");
    }
    f.push_str("---\n\n");
    f.push_str(&p.body);
    f
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Empties `dir` if it is a corpus we wrote before (or does not exist).
fn fresh(dir: &Path, marker: &str) {
    if dir.exists() {
        if !dir.join(marker).exists()
            && fs::read_dir(dir)
                .map(|mut d| d.next().is_some())
                .unwrap_or(false)
        {
            eprintln!(
                "gen-corpus: {} exists and was not made by gen-corpus; not touching it",
                dir.display()
            );
            std::process::exit(2);
        }
        fs::remove_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    write(&dir.join(marker), "written by gen-corpus\n");
}

const MARKER: &str = ".gen-corpus";

fn main() {
    let args = Args::parse();
    let mut dirs = args.text.clone();
    if dirs.is_empty() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        dirs.push(repo.join("content/articles"));
        dirs.push(repo.join("../shared/seeds"));
        dirs.push(PathBuf::from("/work/shared/seeds"));
        dirs.retain(|d| d.is_dir());
    }
    let sentences = sentences(&dirs);
    if sentences.len() < 20 {
        eprintln!(
            "gen-corpus: found only {} sentences under {dirs:?}; give --text DIR",
            sentences.len()
        );
        std::process::exit(2);
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
    fresh(out, MARKER);
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
        fresh(h, MARKER);
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
    eprintln!(
        "gen-corpus: {n} articles, {} bulletins, from {} sentences → {}",
        wanted.min(by_month.len()),
        world.sentences.len(),
        out.display()
    );
}

/// The Hugo twin's configuration and templates: the same pages as ours, as
/// plainly as Hugo does them.
fn hugo_site(h: &Path) {
    write(
        &h.join("hugo.toml"),
        r#"baseURL = "https://bench.example.org/"
languageCode = "zh-CN"
defaultContentLanguage = "zh"
hasCJKLanguage = true
title = "工会新闻（基准测试）"
enableRobotsTXT = true
disableKinds = []

[pagination]
pagerSize = 20

[taxonomies]
programme = "programmes"
award = "awards"
region = "regions"
tag = "tags"
author = "authors"
archive = "archives"

[permalinks.page]
articles = "/articles/:slug/"

[outputs]
home = ["html", "rss"]
section = ["html", "rss"]
taxonomy = ["html"]
term = ["html"]

[services.rss]
limit = 20

[related]
includeNewer = true
threshold = 1
toLower = false
[[related.indices]]
name = "programmes"
weight = 3
[[related.indices]]
name = "tags"
weight = 2
[[related.indices]]
name = "regions"
weight = 1
"#,
    );
    write(
        &h.join("content/articles/_index.md"),
        "---\ntitle: 新闻\n---\n",
    );
    write(
        &h.join("content/bulletins/_index.md"),
        "---\ntitle: 工作简报\n---\n",
    );
    write(
        &h.join("layouts/baseof.html"),
        r#"<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 120 }}">
<link rel="canonical" href="{{ .Permalink }}"><link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/">{{ .Site.Title }}</a>
<nav><a href="/articles/">新闻</a> <a href="/programmes/">项目</a> <a href="/awards/">荣誉</a> <a href="/regions/">地区</a> <a href="/tags/">标签</a> <a href="/authors/">记者</a> <a href="/archives/">归档</a> <a href="/bulletins/">简报</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body></html>
"#,
    );
    write(
        &h.join("layouts/single.html"),
        r#"{{ define "main" }}<article data-pagefind-body>
{{ with .Params.kicker }}<p class="kicker">{{ . }}</p>{{ end }}
<h1>{{ .Title }}</h1>
{{ with .Params.subtitle }}<p class="subtitle">{{ . }}</p>{{ end }}
<p class="byline">{{ range .GetTerms "authors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006年1月2日" }}</time>
{{ range .GetTerms "regions" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<ul class="programmes">{{ range .GetTerms "programmes" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<ul class="awards">{{ range .GetTerms "awards" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ with .Params.recipients }}<li>{{ delimit . "、" }}</li>{{ end }}</ul>
<div class="body">{{ .Content }}</div>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ with .Site.RegularPages.Related . | first 5 }}<aside><h2>相关报道</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006年1月2日" }}</li>{{ end }}</ul></aside>{{ end }}
</article>{{ end }}
"#,
    );
    write(
        &h.join("layouts/list.html"),
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
<ol class="cards">{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ with .Params.kicker }}<span>{{ . }}</span>{{ end }}<time>{{ .Date.Format "2006年1月2日" }}</time> {{ .Params.region }}
<p>{{ .Summary | plainify | truncate 120 }}</p>{{ with .Params.recipients }}<p>{{ delimit . "、" }}</p>{{ end }}</li>{{ end }}</ol>
<nav class="pager">{{ with $pager.Prev }}<a href="{{ .URL }}">上一页</a>{{ end }}
{{ range $pager.Pagers }}{{ if or (eq .PageNumber 1) (eq .PageNumber $pager.TotalPages) (le (math.Abs (sub .PageNumber $pager.PageNumber)) 2) }}<a href="{{ .URL }}">{{ .PageNumber }}</a> {{ end }}{{ end }}
{{ with $pager.Next }}<a href="{{ .URL }}">下一页</a>{{ end }}</nav>
{{ end }}
"#,
    );
    write(
        &h.join("layouts/taxonomy.html"),
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="terms">{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#,
    );
}
