//! The tokenizer: how text is cut into the terms of the index.
//!
//! Chinese has no spaces between words, and a dictionary segmenter (jieba)
//! cuts a sentence differently from how a reader cuts the query, so a
//! segmenter misses substrings (`产改` inside `推进产改工作` is fine, but
//! `工会驿` is never a word). We index **characters** instead:
//!
//! * every single CJK character (a *unigram*), for one-character queries;
//! * every pair and every triple of adjacent CJK characters (*bigrams* and
//!   *trigrams*) with their positions: a query of two or three characters is
//!   one lookup, and a longer one is found exactly by looking up the
//!   trigrams at offsets 0, 3, 6, …, n−3 and checking that their positions
//!   line up — no article that contains the string can be missed;
//! * every run of four adjacent CJK characters (*four-grams*), without
//!   positions: a four-character query (工会驿站, 劳模工匠, 心理健康 — a
//!   common length of Chinese terms) is one lookup too, with no positions
//!   to download and check. On the generated 10,000-article corpus they
//!   add 12% to the term pages (1.7 MB) and take up to 42 KB off such a
//!   query (劳模工匠: 62 KB → 19 KB) and the check of ~6,000 documents'
//!   positions off its time;
//! * every run of other letters and digits (a *word*: `12351`, `app`, `5g`),
//!   lowercased, with its positions; the client matches words by prefix.
//!
//! Measured on the seed articles tiled into 10,000 articles (see
//! `bench/search-bytes.mjs`): a jieba word index
//! misses substrings that cross word boundaries, while bigrams find all of
//! them; the bigram index is larger, which the split into pages absorbs.
//!
//! Positions count Unicode scalar values (`char`s) from the start of the
//! field group ("tier"), exactly as the client counts code points, so the
//! two sides agree without sharing any byte offsets.
//!
//! Normalisation maps one character to one character (full-width ASCII to
//! ASCII, letters to lower case, traditional Chinese to simplified), so
//! positions survive it; the client applies the same map (`normChar` in
//! `search-tokenize.js`, with the folding table in `search-fold.js`).
//!
//! Traditional characters fold to simplified ones by OpenCC's character
//! table (`data/TSCharacters.txt`, as OpenCC ships it under Apache-2.0,
//! `data/LICENSE-OpenCC`): a query in 產改 finds 产改 and the reverse. The table is
//! read at build time (`include_str!`) rather than through a converter
//! crate (zhconv, character_converter): they convert whole texts, by
//! phrases that may change a text's length, where the index needs one
//! character to one character, and the client must ship the very same table
//! (`search-fold.js` and its key bitmap `search-fold-keys.js`, written from
//! this table by a test of this module, which fails when they differ).
//!
//! A traditional character that is also simplified text in some words
//! (乾 in 乾隆 beside 干 for 乾燥, 於 the surname beside 于, 夥/伙, 瞭/了)
//! is left as it is: folding it would make 乾隆 match 干隆. The table
//! marks these by listing the character among its own conversions, or as
//! the conversion of another one. Every other traditional character folds
//! to its first (most common) conversion: 髮 and 發 → 发, 後 → 后, 鍾 → 钟.
//! Characters such as 著 that the table does not list at all stay too.

/// Words are indexed by their first `MAX_WORD_CHARS` chars (queries are cut
/// to as many in `search-tokenize.js`), so a 100 KB run of base64 does not
/// become a 100 KB key.
pub const MAX_WORD_CHARS: usize = 64;

/// True for the characters that are written without spaces between words:
/// Han ideographs (all planes), kana, Hangul syllables and `〇`.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3007
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF     // CJK Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK Compatibility Ideographs
        | 0x20000..=0x323AF   // Extensions B–H
    )
}

/// True for the characters of a word: letters and digits that are not CJK.
pub fn is_word_char(c: char) -> bool {
    !is_cjk(c) && c.is_alphanumeric()
}

/// OpenCC's traditional-to-simplified character table, as OpenCC ships it.
pub const TRADITIONAL_TABLE: &str = include_str!("data/TSCharacters.txt");

/// The folds read from [`TRADITIONAL_TABLE`]: traditional character to
/// simplified, leaving out the characters that are also simplified text.
/// Sorted by traditional character.
pub fn traditional_folds() -> &'static [(char, char)] {
    static FOLDS: std::sync::LazyLock<Vec<(char, char)>> = std::sync::LazyLock::new(|| {
        let rows: Vec<(char, Vec<char>)> = TRADITIONAL_TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (key, values) = l.split_once('\t')?;
                let mut key = key.chars();
                let k = key.next().filter(|_| key.as_str().is_empty())?;
                Some((
                    k,
                    values.split(' ').filter_map(|v| v.chars().next()).collect(),
                ))
            })
            .collect();
        let simplified: std::collections::HashSet<char> =
            rows.iter().flat_map(|(_, vs)| vs.iter().copied()).collect();
        let mut folds: Vec<(char, char)> = rows
            .iter()
            .filter(|(k, vs)| !simplified.contains(k) && is_cjk(*k) && is_cjk(vs[0]))
            .map(|(k, vs)| (*k, vs[0]))
            .collect();
        folds.sort_unstable();
        folds
    });
    &FOLDS
}

/// The simplified character that `c` folds to, or `c`.
fn fold_traditional(c: char) -> char {
    let folds = traditional_folds();
    match folds.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => folds[i].1,
        Err(_) => c,
    }
}

/// Maps one character to the one character that is indexed: full-width
/// ASCII to ASCII, upper case to lower case (when that is one character),
/// traditional Chinese to simplified.
pub fn norm_char(c: char) -> char {
    classify(classes(), c).0
}

/// What a normalised character is to the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Other,
}

/// For each character of the Basic Multilingual Plane, filled once: the
/// character it normalises to (21 bits) and that one's class (bit 30: CJK,
/// bit 29: a word char). Every character of a text passes here once per
/// pass of the index builder: the table saves the binary search of the
/// traditional folds (a tenth of the CPU of a 100,000-article build before
/// it) and the tests of the class.
fn classes() -> &'static [u32] {
    static BMP: std::sync::LazyLock<Box<[u32]>> = std::sync::LazyLock::new(|| {
        (0..=0xFFFF)
            .map(|cp| char::from_u32(cp).map_or(0, |c| class_entry(norm_char_computed(c))))
            .collect()
    });
    &BMP
}

const CJK_BIT: u32 = 1 << 30;
const WORD_BIT: u32 = 1 << 29;

fn class_entry(n: char) -> u32 {
    n as u32
        | if is_cjk(n) {
            CJK_BIT
        } else if is_word_char(n) {
            WORD_BIT
        } else {
            0
        }
}

/// `c` normalised, and its class, from `table` ([`classes`]).
#[inline]
fn classify(table: &[u32], c: char) -> (char, Class) {
    let entry = match table.get(c as usize) {
        Some(&e) => e,
        None => class_entry(norm_char_computed(c)),
    };
    // Every entry holds a char (21 bits) normalised from a char.
    let n = char::from_u32(entry & 0x1f_ffff).unwrap_or(c);
    let class = if entry & CJK_BIT != 0 {
        Class::Cjk
    } else if entry & WORD_BIT != 0 {
        Class::Word
    } else {
        Class::Other
    };
    (n, class)
}

/// [`norm_char`], computed.
fn norm_char_computed(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF => return fold_traditional(c),
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Calls `count(c, n)` for each char of `text` that starts terms, `c`
/// normalised: `n` is 4 for a CJK char (it starts a unigram and at most a
/// bigram, a trigram and a four-gram), 1 for the first char of a word.
/// The index builder weighs its passes' ranges of first chars by it.
pub fn term_starts(text: &str, mut count: impl FnMut(char, u64)) {
    let table = classes();
    let mut in_word = false;
    for raw in text.chars() {
        match classify(table, raw) {
            (c, Class::Cjk) => {
                count(c, 4);
                in_word = false;
            }
            (c, Class::Word) => {
                if !in_word {
                    count(c, 1);
                }
                in_word = true;
            }
            (_, Class::Other) => in_word = false,
        }
    }
}

/// One term occurrence in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'w> {
    /// A CJK character, at `pos`.
    Unigram(char),
    /// Two adjacent CJK characters, the first at `pos`.
    Bigram(char, char),
    /// Three adjacent CJK characters, the first at `pos`.
    Trigram(char, char, char),
    /// Four adjacent CJK characters, the first at `pos`.
    Quadgram(char, char, char, char),
    /// A lowercased run of letters and digits starting at `pos` (its first
    /// `MAX_WORD_CHARS` chars).
    Word(&'w str),
}

/// Calls `emit(token, pos)` for every token of `text`, positions counted in
/// chars from `base`. Returns the number of chars in `text`.
#[cfg(test)]
pub fn tokenize(text: &str, base: u32, emit: impl FnMut(Token<'_>, u32)) -> u32 {
    tokenize_in(text, base, |_| true, emit)
}

/// [`tokenize`], for the tokens whose first char passes `first` only: one
/// pass of the index builder keeps the terms of a range of first chars
/// (a shard), and a word or an n-gram that starts outside it costs no
/// more than reading its chars.
pub fn tokenize_in(
    text: &str,
    base: u32,
    first: impl Fn(char) -> bool,
    mut emit: impl FnMut(Token<'_>, u32),
) -> u32 {
    let table = classes();
    let mut pos = base;
    // The last three CJK chars of the run (the newest first), whether
    // each starts kept terms, and how many of them there are.
    let mut prev = ['\0'; 3];
    let mut kept = [false; 3];
    let mut run = 0;
    let mut word = String::new();
    let mut in_word = false;
    let mut word_kept = false;
    let mut word_len = 0;
    let mut word_start = 0;
    for raw in text.chars() {
        let (c, class) = classify(table, raw);
        if class == Class::Cjk {
            if in_word {
                if word_kept {
                    emit(Token::Word(&word), word_start);
                }
                in_word = false;
            }
            let keep = first(c);
            if keep {
                emit(Token::Unigram(c), pos);
            }
            if run >= 1 && kept[0] {
                emit(Token::Bigram(prev[0], c), pos - 1);
            }
            if run >= 2 && kept[1] {
                emit(Token::Trigram(prev[1], prev[0], c), pos - 2);
            }
            if run >= 3 && kept[2] {
                emit(Token::Quadgram(prev[2], prev[1], prev[0], c), pos - 3);
            }
            prev = [c, prev[0], prev[1]];
            kept = [keep, kept[0], kept[1]];
            run += 1;
        } else {
            run = 0;
            if class == Class::Word {
                if !in_word {
                    in_word = true;
                    word_start = pos;
                    word_len = 0;
                    word_kept = first(c);
                    word.clear();
                }
                if word_kept && word_len < MAX_WORD_CHARS {
                    word.push(c);
                }
                word_len += 1;
            } else if in_word {
                if word_kept {
                    emit(Token::Word(&word), word_start);
                }
                in_word = false;
            }
        }
        pos += 1;
    }
    if in_word && word_kept {
        emit(Token::Word(&word), word_start);
    }
    pos - base
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A [`Token`] that owns its word.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Tok {
        Unigram(char),
        Bigram(char, char),
        Trigram(char, char, char),
        Quadgram(char, char, char, char),
        Word(String),
    }

    impl From<Token<'_>> for Tok {
        fn from(t: Token) -> Tok {
            match t {
                Token::Unigram(a) => Tok::Unigram(a),
                Token::Bigram(a, b) => Tok::Bigram(a, b),
                Token::Trigram(a, b, c) => Tok::Trigram(a, b, c),
                Token::Quadgram(a, b, c, d) => Tok::Quadgram(a, b, c, d),
                Token::Word(w) => Tok::Word(w.to_string()),
            }
        }
    }

    impl Tok {
        fn first(&self) -> char {
            match self {
                Tok::Unigram(a)
                | Tok::Bigram(a, _)
                | Tok::Trigram(a, ..)
                | Tok::Quadgram(a, ..) => *a,
                Tok::Word(w) => w.chars().next().unwrap(),
            }
        }
    }

    fn tokens(text: &str) -> Vec<(Tok, u32)> {
        let mut out = Vec::new();
        tokenize(text, 0, |t, p| out.push((t.into(), p)));
        out
    }

    /// A pass of the index builder keeps the tokens of a range of first
    /// chars: exactly those of the whole text that start in it, at the
    /// same positions, whatever the range cuts through (a run, a word).
    #[test]
    fn tokens_of_a_range_of_first_chars_are_those_that_start_in_it() {
        let text = "“產改”轻骑兵ＡＰＰ下载app5g与12351热线，工会驿站𠀀工Ärger über 劳模";
        let all = tokens(text);
        let cuts = [
            '0',
            '5',
            'a',
            'b',
            'ä',
            '\u{3000}',
            '产',
            '会',
            '工',
            '驿',
            '\u{20000}',
        ];
        for (i, &from) in cuts.iter().enumerate() {
            for &to in &cuts[i + 1..] {
                let mut kept = Vec::new();
                let n = tokenize_in(
                    text,
                    7,
                    |c| (from..to).contains(&c),
                    |t, p| kept.push((Tok::from(t), p - 7)),
                );
                assert_eq!(n, text.chars().count() as u32);
                let want: Vec<_> = all
                    .iter()
                    .filter(|(t, _)| (from..to).contains(&t.first()))
                    .cloned()
                    .collect();
                assert_eq!(kept, want, "{from}..{to}");
            }
        }
        // Every kind of token is among them.
        assert!(all.iter().any(|t| matches!(t.0, Tok::Quadgram(..))));
        assert!(all.iter().any(|t| matches!(t.0, Tok::Word(_))));
    }

    #[test]
    fn chinese_gives_unigrams_to_four_grams_with_positions() {
        use Tok::*;
        assert_eq!(
            tokens("产改工作"),
            vec![
                (Unigram('产'), 0),
                (Unigram('改'), 1),
                (Bigram('产', '改'), 0),
                (Unigram('工'), 2),
                (Bigram('改', '工'), 1),
                (Trigram('产', '改', '工'), 0),
                (Unigram('作'), 3),
                (Bigram('工', '作'), 2),
                (Trigram('改', '工', '作'), 1),
                (Quadgram('产', '改', '工', '作'), 0),
            ]
        );
        // A break ends the run: no four-gram spans it.
        assert!(
            !tokens("产改，工作")
                .iter()
                .any(|(tok, _)| matches!(tok, Quadgram(..)))
        );
    }

    #[test]
    fn punctuation_breaks_bigrams_but_keeps_positions() {
        // “产改” — the quotes take a position each, so 产改 starts at 1 and
        // no bigram spans a quote.
        let t = tokens("“产改”轻骑兵");
        assert!(t.contains(&(Tok::Bigram('产', '改'), 1)));
        assert!(t.contains(&(Tok::Bigram('轻', '骑'), 4)));
        assert!(!t.iter().any(|(tok, _)| *tok == Tok::Bigram('改', '轻')));
        assert!(t.contains(&(Tok::Trigram('轻', '骑', '兵'), 4)));
        assert!(
            !t.iter()
                .any(|(tok, _)| matches!(tok, Tok::Trigram('产', '改', _)))
        );
    }

    #[test]
    fn words_are_lowercased_and_split_from_chinese() {
        let t = tokens("拨打12351热线，下载APP与５Ｇ");
        let words: Vec<_> = t
            .iter()
            .filter_map(|(tok, p)| match tok {
                Tok::Word(w) => Some((w.as_str(), *p)),
                _ => None,
            })
            .collect();
        assert_eq!(words, vec![("12351", 2), ("app", 12), ("5g", 16)]);
    }

    #[test]
    fn long_words_are_cut_but_keep_their_place() {
        let long = "a".repeat(10_000);
        let t = tokens(&format!("{long} 工会"));
        assert_eq!(t[0], (Tok::Word("a".repeat(MAX_WORD_CHARS)), 0));
        assert!(t.contains(&(Tok::Bigram('工', '会'), 10_001)));
    }

    #[test]
    fn norm_char_maps_one_to_one() {
        assert_eq!(norm_char('Ａ'), 'a');
        assert_eq!(norm_char('１'), '1');
        assert_eq!(norm_char('Ä'), 'ä');
        assert_eq!(norm_char('工'), '工');
        // 'İ' lowercases to two chars; it is kept as is so positions hold.
        assert_eq!(norm_char('İ'), 'İ');
    }

    #[test]
    fn traditional_folds_to_simplified() {
        let fold = |s: &str| s.chars().map(norm_char).collect::<String>();
        assert_eq!(fold("產改"), "产改");
        assert_eq!(fold("勞模"), "劳模");
        assert_eq!(fold("職工之家"), "职工之家");
        assert_eq!(fold("髮發後"), "发发后");
        // Simplified text and full-width forms in the same text still fold.
        assert_eq!(fold("职工ＡＰＰ"), "职工app");
    }

    #[test]
    fn traditional_chars_that_are_also_simplified_text_stay() {
        // 乾隆 and 於 (a surname) are simplified text; 著 is not in the table.
        for c in ['乾', '於', '夥', '瞭', '著', '干', '后', '发'] {
            assert_eq!(norm_char(c), c, "{c}");
        }
    }

    #[test]
    fn traditional_folds_are_one_step_and_stay_cjk() {
        let folds = traditional_folds();
        assert!(folds.len() > 3000, "{}", folds.len());
        for &(t, s) in folds {
            // One step: the fold of a fold is itself, so index and query
            // agree however often text passes through norm_char.
            assert_eq!(norm_char(s), s, "{t} → {s}");
            assert_eq!(norm_char(t), s, "{t} is outside the folded ranges");
        }
    }

    /// The client's copy of the folds, as `search-fold.js` and
    /// `search-fold-keys.js` hold them.
    fn client_fold_files() -> [(&'static str, String); 2] {
        const HEAD: &str = "// Generated from src/search/data/TSCharacters.txt (OpenCC, Apache-2.0)\n\
            // by `UNIONPRESS_WRITE_FOLDS=1 cargo test --lib search::tokenize`; a test\n\
            // checks that it matches tokenize.rs. Do not edit.\n";
        let folds = traditional_folds();
        let pairs: String = folds.iter().flat_map(|&(t, s)| [t, s]).collect();
        let mut bits = vec![0u8; (0xA000 - 0x3400) / 8];
        let mut others = String::new();
        for &(t, _) in folds {
            match t as usize {
                c @ 0x3400..=0x9FFF => bits[(c - 0x3400) / 8] |= 1 << (c % 8),
                _ => others.push(t),
            }
        }
        let bitmap: String = bits.iter().map(|b| format!("{b:02x}")).collect();
        [
            (
                "search-fold.js",
                format!(
                    "{HEAD}// Each traditional character followed by the simplified one it folds to.\nexport const FOLDS = '{pairs}';\n"
                ),
            ),
            (
                "search-fold-keys.js",
                format!(
                    "{HEAD}// Which characters fold: a bitmap of U+3400..U+9FFF (bit c % 8 of byte\n// (c - 0x3400) / 8) in hex, and the others written out.\nexport const FOLD_BITMAP = '{bitmap}';\nexport const FOLD_OTHERS = '{others}';\n"
                ),
            ),
        ]
    }

    #[test]
    fn the_client_folds_by_the_same_table() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
        for (name, want) in client_fold_files() {
            let path = dir.join(name);
            if std::env::var_os("UNIONPRESS_WRITE_FOLDS").is_some() {
                std::fs::write(&path, &want).unwrap();
            }
            let have = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                have == want,
                "{name} differs from tokenize.rs's folds: rerun with UNIONPRESS_WRITE_FOLDS=1"
            );
        }
    }

    #[test]
    fn astral_han_is_cjk_and_counts_as_one_position() {
        let t = tokens("𠀀工");
        assert!(t.contains(&(Tok::Bigram('𠀀', '工'), 0)));
        assert!(t.contains(&(Tok::Unigram('工'), 1)));
    }

    #[test]
    fn returns_length_in_chars() {
        assert_eq!(tokenize("工会ab", 10, |_, _| {}), 4);
    }
}
