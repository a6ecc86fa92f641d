//! Packs: the index's many small parts stored in few files of bounded size,
//! each part read alone with an HTTP `Range` request.
//!
//! A query needs a few kilobytes scattered over a large index: the pages of
//! its terms and one segment of text for each result shown. Giving each
//! part a file of its own makes
//! a 10,000-article site tens of thousands of files, which costs the build
//! more than anything else (the kernel creating inodes) and every deploy
//! (uploads are per file; some hosts cap the count). So the parts are
//! appended to *packs* — `terms-<n>.bin`, `texts-<n>.bin`, `cards-<n>.bin`
//! — each closed once it holds `PACK_BYTES`, and the client reads a part
//! as a byte range of its pack, as PMTiles reads map tiles from one file.
//!
//! To ask for a range the client must know where the part is, and that
//! directory is what every reader downloads first, so it is kept small by
//! two levels, like PMTiles':
//!
//! * **term pages** are grouped in *bundles* of `PAGES_PER_BUNDLE`
//!   consecutive pages. A bundle starts with its directory (deflated): the
//!   key that starts each page and the lengths of the page's three parts
//!   (`t`, `s`, `p`, see `index`), which follow in that order, page after
//!   page. `keys.bin` (the root, deflated text) gives, one bundle a line,
//!   `key \t pack \t offset \t directory length`. A term costs the root
//!   (once), its bundle's directory (~0.5 KB) and its page's parts.
//! * **texts**: a result is shown from its *card* (URL, title, date, region,
//!   kind: JSON, padded with spaces to a fixed stride `card` for the whole
//!   index, never deflated), found by arithmetic (card `id` is at
//!   `(id % cards_per_pack) × card` in `cards-<id / cards_per_pack>.bin`),
//!   so no directory is needed at all. The card also says where the
//!   document's body segments are (`t: [pack, offset, length…]`, deflated
//!   JSON in `texts-<pack>.bin`, one after the other), so the snippet's
//!   segment is one more range. The title and date are in every card once,
//!   not in every segment.
//!
//! A pack is bounded so that a server that ignores `Range` (and answers
//! 200 with the whole file) costs a bounded download per part, which the
//! client then keeps; it still answers correctly.

use super::varint;

/// Size at which a pack is closed. Larger packs are fewer files (10,000
/// articles: ~70 MB of index); smaller ones cost less where `Range` is
/// ignored and when one pack must be rewritten.
pub const PACK_BYTES: usize = 512 * 1024;

/// Term pages a bundle directory covers. The root has a line per bundle
/// (every reader downloads it), a query a directory per bundle it touches:
/// at 10,000 articles (~12,000 pages) 64 makes a root of ~190 lines and
/// directories of ~0.5 KB deflated.
pub const PAGES_PER_BUNDLE: usize = 64;

/// Appends parts to the numbered packs `search/<kind>-<n>.bin` and hands
/// each full pack to `write`.
pub struct Packer<'w> {
    kind: &'static str,
    pack: usize,
    buf: Vec<u8>,
    write: &'w (dyn Fn(&str, &[u8]) + Sync),
}

impl<'w> Packer<'w> {
    pub fn new(kind: &'static str, write: &'w (dyn Fn(&str, &[u8]) + Sync)) -> Self {
        Packer::starting_at(kind, 0, write)
    }

    /// A packer whose first pack is number `pack`: an index updated in
    /// place puts what changed into new packs, never into one a reader of
    /// the version before may be reading.
    pub fn starting_at(
        kind: &'static str,
        pack: usize,
        write: &'w (dyn Fn(&str, &[u8]) + Sync),
    ) -> Self {
        Packer {
            kind,
            pack,
            buf: Vec::new(),
            write,
        }
    }

    /// Starts a new pack if `upcoming` bytes, which must stay together
    /// (a bundle, a document's segments), would not fit in the open one.
    pub fn reserve(&mut self, upcoming: usize) {
        if !self.buf.is_empty() && self.buf.len() + upcoming > PACK_BYTES {
            self.flush();
        }
    }

    /// Appends `bytes`; returns (pack, offset).
    pub fn push(&mut self, bytes: &[u8]) -> (usize, usize) {
        let at = (self.pack, self.buf.len());
        self.buf.extend_from_slice(bytes);
        at
    }

    /// Appends one document's segments, kept in one pack; returns what its
    /// card points with: the pack and offset of the first segment, then
    /// each segment's length.
    pub fn push_segments(&mut self, segments: &[Vec<u8>]) -> Vec<usize> {
        self.reserve(segments.iter().map(Vec::len).sum());
        let mut t = Vec::with_capacity(segments.len() + 2);
        for (k, segment) in segments.iter().enumerate() {
            let (pack, offset) = self.push(segment);
            if k == 0 {
                t.extend([pack, offset]);
            }
            t.push(segment.len());
        }
        t
    }

    fn flush(&mut self) {
        (self.write)(
            &format!("search/{}-{}.bin", self.kind, self.pack),
            &self.buf,
        );
        self.buf.clear();
        self.pack += 1;
    }

    /// Writes the last pack; returns the number of the next one.
    pub fn finish(mut self) -> usize {
        if !self.buf.is_empty() {
            self.flush();
        }
        self.pack
    }
}

/// One term page, its parts deflated (an empty part is left out: length 0).
#[derive(Clone)]
pub struct PackedPage {
    pub key: String,
    pub parts: [Vec<u8>; 3],
}

/// Groups term pages, in order, into bundles in the `terms` packs, and
/// makes the root (`keys.bin`).
pub struct Bundler<'w> {
    packer: Packer<'w>,
    open: Vec<PackedPage>,
    root: String,
    deflate: fn(&[u8]) -> Vec<u8>,
    /// Where each bundle went: (pack, offset, directory length).
    pub places: Vec<(usize, usize, usize)>,
    /// Every page pushed, if asked to keep them (to update the index).
    pub kept: Option<Vec<PackedPage>>,
}

/// A bundle: its directory (deflated) followed by its pages' parts, and
/// the directory's length.
pub fn bundle(pages: &[PackedPage], deflate: fn(&[u8]) -> Vec<u8>) -> (Vec<u8>, usize) {
    let mut dir = Vec::new();
    varint::put(&mut dir, pages.len() as u64);
    let mut prev = "";
    for page in pages {
        let shared = super::index::common_prefix(prev, &page.key);
        varint::put(&mut dir, shared as u64);
        varint::put(&mut dir, (page.key.len() - shared) as u64);
        dir.extend_from_slice(&page.key.as_bytes()[shared..]);
        for part in &page.parts {
            varint::put(&mut dir, part.len() as u64);
        }
        prev = &page.key;
    }
    let mut bytes = deflate(&dir);
    let dir_len = bytes.len();
    for part in pages.iter().flat_map(|p| &p.parts) {
        bytes.extend_from_slice(part);
    }
    (bytes, dir_len)
}

/// The root (`keys.bin` before deflating): for each bundle, its first
/// page's key and where it is.
pub fn root<'a>(bundles: impl Iterator<Item = (&'a str, (usize, usize, usize))>) -> String {
    let mut root = String::new();
    for (key, (pack, offset, dir)) in bundles {
        if !root.is_empty() {
            root.push('\n');
        }
        root.push_str(&format!("{key}\t{pack}\t{offset}\t{dir}"));
    }
    root
}

impl<'w> Bundler<'w> {
    pub fn new(write: &'w (dyn Fn(&str, &[u8]) + Sync), deflate: fn(&[u8]) -> Vec<u8>) -> Self {
        Bundler {
            packer: Packer::new("terms", write),
            open: Vec::with_capacity(PAGES_PER_BUNDLE),
            root: String::new(),
            deflate,
            places: Vec::new(),
            kept: None,
        }
    }

    /// Adds the next page (pages come in order).
    pub fn push(&mut self, page: PackedPage) {
        self.open.push(page);
        if self.open.len() == PAGES_PER_BUNDLE {
            self.close();
        }
    }

    fn close(&mut self) {
        let (bytes, dir_len) = bundle(&self.open, self.deflate);
        self.packer.reserve(bytes.len());
        let (pack, offset) = self.packer.push(&bytes);
        if !self.root.is_empty() {
            self.root.push('\n');
        }
        let key = &self.open[0].key;
        self.root
            .push_str(&format!("{key}\t{pack}\t{offset}\t{dir_len}"));
        self.places.push((pack, offset, dir_len));
        match &mut self.kept {
            Some(kept) => kept.append(&mut self.open),
            None => self.open.clear(),
        }
    }

    /// Closes the last bundle and pack; returns the root (`keys.bin`
    /// before deflating) and the number of the next pack.
    pub fn finish(&mut self) -> (String, usize) {
        if !self.open.is_empty() {
            self.close();
        }
        let write = self.packer.write;
        let packer = std::mem::replace(&mut self.packer, Packer::new("terms", write));
        (std::mem::take(&mut self.root), packer.finish())
    }
}
