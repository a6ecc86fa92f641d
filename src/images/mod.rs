//! Pictures for the web: every JPEG, PNG or WebP an article shows is
//! resized to a few widths (never enlarged), turned upright by its EXIF
//! orientation, written as WebP with a JPEG (or, for a PNG, PNG) fallback
//! and with no metadata at all, so no GPS position or camera serial
//! reaches the readers.
//!
//! Two halves: [`plan`] reads only a picture's header (its format, size
//! and orientation), which is all the HTML needs, and refuses what must
//! not be decoded (too many pixels, too many bytes, not the format its
//! name says, HEIC) before a byte of pixels is allocated; [`derive`]
//! decodes, resizes and encodes, keeping the results in a cache folder
//! keyed by the source's bytes and the settings, so that a rebuild with
//! unchanged pictures decodes nothing. [`Budget`] bounds how many pixels
//! are decoded at once across threads. [`Pictures`] does it for every
//! picture of a build.

mod derive;
mod html;
mod publish;

pub use derive::{Budget, Derived, derive};
pub use publish::{Derivations, Pictures, Shown, Tally};

use std::io::Read;
use std::path::Path;

use crate::config::Images;

/// What a derived picture file is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }
}

/// One resized file of a picture.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    /// Its file name beside the page: `photo-960.webp`.
    pub file_name: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
}

/// A picture as its header describes it, and the files it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Picture {
    /// The source, relative to `content/`.
    pub source: String,
    /// Its size upright (after the EXIF orientation).
    pub width: u32,
    pub height: u32,
    /// The EXIF orientation, 1–8 (1 when there is none).
    pub orientation: u8,
    /// Smallest first; the WebP ones, then the fallback ones.
    pub variants: Vec<Variant>,
    /// Fallback files of one use, not offered in the `srcset`: the social
    /// card's ([`SHARE_WIDTH`]), the e-mail's ([`EMAIL_WIDTH`]).
    pub extra: Vec<Variant>,
    /// The source's size and time when its header was read: what was
    /// planned from it holds while they are the same ([`Picture::is_current`]).
    pub stamp: Option<Stamp>,
}

/// A file's size and modification time: a change of its bytes changes
/// them (a copy that keeps the time and the size aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub bytes: u64,
    pub modified: Option<std::time::SystemTime>,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            bytes: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// How wide the picture of a social card (`og:image`) is: what Facebook,
/// WeChat and X ask for.
pub const SHARE_WIDTH: u32 = 1200;
/// How wide a picture in the e-mail bulletin is: the bulletin's column.
pub const EMAIL_WIDTH: u32 = 600;

impl Picture {
    /// Whether the source in `content_dir` is still the file this was
    /// planned from (same size and time): a picture replaced by one of
    /// another size must be planned again.
    pub fn is_current(&self, content_dir: &Path) -> bool {
        let now = std::fs::metadata(content_dir.join(&self.source)).map(|m| Stamp::of(&m));
        self.stamp.is_none() || now.ok() == self.stamp
    }

    /// The fallback (JPEG or PNG) files, smallest first.
    pub fn fallback(&self) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(|v| v.format != Format::Webp)
    }

    pub fn webp(&self) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(|v| v.format == Format::Webp)
    }

    /// The fallback file at least `width` wide, or the largest: for a
    /// picture of a given size (the e-mail bulletin's, `og:image`).
    pub fn fallback_at_least(&self, width: u32) -> Option<&Variant> {
        self.fallback()
            .find(|v| v.width >= width)
            .or_else(|| self.fallback().last())
    }

    /// Every file to write: the `srcset`'s, then the extra ones.
    pub fn files(&self) -> impl Iterator<Item = &Variant> {
        self.variants.iter().chain(&self.extra)
    }

    /// Plans a fallback file `width` wide (the picture's own width when it
    /// is narrower: never enlarged), unless there is one already.
    pub fn add_size(&mut self, width: u32) {
        if self.sized(width).is_some() {
            return;
        }
        let w = width.min(self.width);
        let format = self.fallback().next().map_or(Format::Jpeg, |v| v.format);
        self.extra
            .push(variant(&self.source, self.width, self.height, w, format));
    }

    /// The fallback file of the e-mail bulletin ([`EMAIL_WIDTH`]), planned
    /// or not: an article's lead picture gets it when a bulletin lists the
    /// article (see `Site::shown_pictures`).
    pub fn email(&self) -> Variant {
        let mut p = self.clone();
        p.add_size(EMAIL_WIDTH);
        p.sized(EMAIL_WIDTH).cloned().unwrap_or_else(|| {
            variant(
                &self.source,
                self.width,
                self.height,
                self.width,
                Format::Jpeg,
            )
        })
    }

    /// The fallback file `width` wide (or the picture's own width when it
    /// is narrower), if it is planned.
    pub fn sized(&self, width: u32) -> Option<&Variant> {
        let w = width.min(self.width);
        self.fallback().chain(&self.extra).find(|v| v.width == w)
    }
}

/// The `w`-wide file of `source` (`width`×`height` upright) in `format`.
fn variant(source: &str, width: u32, height: u32, w: u32, format: Format) -> Variant {
    let name = source.rsplit('/').next().unwrap_or(source);
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    // Rounded, at least one pixel.
    let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width.max(1)))
        .max(1) as u32;
    Variant {
        file_name: format!("{stem}-{w}.{}", format.extension()),
        width: w,
        height: h,
        format,
    }
}

/// Why a picture is not published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The file is larger than `images.max_bytes`.
    TooManyBytes { bytes: u64, limit: u64 },
    /// Its header declares more than `images.max_pixels`.
    TooManyPixels { width: u32, height: u32, limit: u64 },
    /// Its content is another format than its name says.
    WrongFormat { named: String, actual: String },
    /// An iPhone picture, which no decoder here reads.
    Heic,
    /// It cannot be read or decoded (truncated, corrupted): the decoder's
    /// words.
    Unreadable(String),
}

impl Refusal {
    /// The message and its help, from the catalogue.
    pub fn message(&self, picture: &str) -> (String, String) {
        match self {
            Refusal::TooManyBytes { bytes, limit } => (
                crate::t!(
                    "picture-too-many-bytes",
                    image = picture,
                    mb = (bytes >> 20).to_string(),
                    limit = (limit >> 20).to_string()
                ),
                crate::t!("picture-too-large-help"),
            ),
            Refusal::TooManyPixels {
                width,
                height,
                limit,
            } => (
                crate::t!(
                    "picture-too-many-pixels",
                    image = picture,
                    width = width.to_string(),
                    height = height.to_string(),
                    limit = (limit / 1_000_000).to_string()
                ),
                crate::t!("picture-too-large-help"),
            ),
            Refusal::WrongFormat { named, actual } => (
                crate::t!(
                    "picture-wrong-format",
                    image = picture,
                    named = named.as_str(),
                    actual = actual.as_str()
                ),
                crate::t!("picture-wrong-format-help", actual = actual.as_str()),
            ),
            Refusal::Heic => (
                crate::t!("picture-heic", image = picture),
                crate::t!("picture-heic-help"),
            ),
            Refusal::Unreadable(why) => (
                crate::t!("picture-unreadable", image = picture, reason = why.as_str()),
                crate::t!("picture-unreadable-help"),
            ),
        }
    }
}

/// The format a file's name says, for the pictures that are resized;
/// `None` for everything else (GIF and SVG are published as they are).
pub fn named_format(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some("JPEG"),
        "png" => Some("PNG"),
        "webp" => Some("WebP"),
        "heic" | "heif" => Some("HEIC"),
        _ => None,
    }
}

/// Whether the file `name` is a picture that is resized (or refused).
pub fn is_processed(name: &str) -> bool {
    named_format(name).is_some()
}

fn format_name(f: image::ImageFormat) -> &'static str {
    match f {
        image::ImageFormat::Jpeg => "JPEG",
        image::ImageFormat::Png => "PNG",
        image::ImageFormat::WebP => "WebP",
        image::ImageFormat::Gif => "GIF",
        image::ImageFormat::Bmp => "BMP",
        image::ImageFormat::Tiff => "TIFF",
        image::ImageFormat::Avif => "AVIF",
        _ => "?",
    }
}

/// The first bytes of a file, enough to tell its format.
const MAGIC: usize = 32;

/// Reads the header of the picture at `path` (named `source` under
/// `content/`) and plans its files; nothing but the header is read.
pub fn plan(path: &Path, source: &str, config: &Images) -> Result<Picture, Refusal> {
    let named = named_format(source).unwrap_or("?");
    if named == "HEIC" {
        return Err(Refusal::Heic);
    }
    let meta = std::fs::metadata(path).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    if meta.len() > config.max_bytes {
        return Err(Refusal::TooManyBytes {
            bytes: meta.len(),
            limit: config.max_bytes,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    let mut head = Vec::with_capacity(MAGIC);
    file.take(MAGIC as u64)
        .read_to_end(&mut head)
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    let format = sniff(&head, named)?;
    let reader = std::io::BufReader::new(
        std::fs::File::open(path).map_err(|e| Refusal::Unreadable(e.to_string()))?,
    );
    let (width, height, orientation) = header(reader, format, config)?;
    let mut p = plan_sized(source, width, height, orientation, format, config);
    p.stamp = Some(Stamp::of(&meta));
    Ok(p)
}

/// The format of a file starting with `head`, which must be the one its
/// name says.
fn sniff(head: &[u8], named: &str) -> Result<image::ImageFormat, Refusal> {
    // HEIC: an ISO box `ftyp` with a HEIC brand.
    if head.len() >= 12
        && &head[4..8] == b"ftyp"
        && matches!(
            &head[8..12],
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis"
        )
    {
        return Err(Refusal::Heic);
    }
    let format = image::guess_format(head).map_err(|_| {
        if head.is_empty() {
            Refusal::Unreadable(crate::t!("picture-empty"))
        } else {
            Refusal::WrongFormat {
                named: named.to_string(),
                actual: crate::t!("picture-unknown-format"),
            }
        }
    })?;
    let actual = format_name(format);
    if actual != named {
        return Err(Refusal::WrongFormat {
            named: named.to_string(),
            actual: actual.to_string(),
        });
    }
    Ok(format)
}

/// The limits every decoder is given: the header check comes first, these
/// are the second line.
fn limits(config: &Images) -> image::Limits {
    let mut limits = image::Limits::default();
    let side = u32::try_from(config.max_pixels.min(u32::MAX as u64)).unwrap_or(u32::MAX);
    limits.max_image_width = Some(side);
    limits.max_image_height = Some(side);
    // RGBA, 4 bytes a pixel, and the decoder's own buffers besides.
    limits.max_alloc = Some(config.max_pixels.saturating_mul(5));
    limits
}

/// Width, height (upright) and orientation from the header read by
/// `reader`; a size over the limit is refused here, before decoding.
fn header<R: std::io::BufRead + std::io::Seek>(
    reader: R,
    format: image::ImageFormat,
    config: &Images,
) -> Result<(u32, u32, u8), Refusal> {
    use image::ImageDecoder;
    let mut reader = image::ImageReader::with_format(reader, format);
    reader.limits(limits(config));
    let mut decoder = reader.into_decoder().map_err(|e| refusal(e, config))?;
    let (w, h) = decoder.dimensions();
    check_pixels(w, h, config)?;
    let orientation = orientation_number(
        decoder
            .orientation()
            .unwrap_or(image::metadata::Orientation::NoTransforms),
    );
    let (w, h) = if orientation >= 5 { (h, w) } else { (w, h) };
    Ok((w, h, orientation))
}

fn check_pixels(w: u32, h: u32, config: &Images) -> Result<(), Refusal> {
    if u64::from(w) * u64::from(h) > config.max_pixels {
        return Err(Refusal::TooManyPixels {
            width: w,
            height: h,
            limit: config.max_pixels,
        });
    }
    Ok(())
}

fn refusal(e: image::ImageError, config: &Images) -> Refusal {
    match e {
        image::ImageError::Limits(_) => Refusal::TooManyPixels {
            width: 0,
            height: 0,
            limit: config.max_pixels,
        },
        e => Refusal::Unreadable(e.to_string()),
    }
}

fn orientation_number(o: image::metadata::Orientation) -> u8 {
    use image::metadata::Orientation::*;
    match o {
        NoTransforms => 1,
        FlipHorizontal => 2,
        Rotate180 => 3,
        FlipVertical => 4,
        Rotate90FlipH => 5,
        Rotate90 => 6,
        Rotate270FlipH => 7,
        Rotate270 => 8,
    }
}

/// The files a `width`×`height` picture (upright) becomes: each of the
/// configured widths below its own, and its own width when it is narrower
/// than the largest; WebP and the fallback at each.
pub fn plan_sized(
    source: &str,
    width: u32,
    height: u32,
    orientation: u8,
    format: image::ImageFormat,
    config: &Images,
) -> Picture {
    let mut widths: Vec<u32> = config
        .widths
        .iter()
        .copied()
        .filter(|&w| w < width)
        .collect();
    if config.widths.iter().any(|&w| w >= width) || widths.is_empty() {
        widths.push(width);
    }
    widths.sort_unstable();
    widths.dedup();
    let fallback = if format == image::ImageFormat::Png {
        Format::Png
    } else {
        Format::Jpeg
    };
    let mut formats = Vec::new();
    if config.webp && cfg!(not(windows)) {
        formats.push(Format::Webp);
    }
    formats.push(fallback);
    let variants = formats
        .iter()
        .flat_map(|&format| {
            widths
                .iter()
                .map(move |&w| variant(source, width, height, w, format))
        })
        .collect();
    Picture {
        source: source.to_string(),
        width,
        height,
        orientation,
        variants,
        extra: Vec::new(),
        stamp: None,
    }
}

pub use html::{GALLERY_SIZES, PictureHtml, SIZES, figure_html, for_email, picture_html};

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(p: &Picture, format: Format) -> Vec<(u32, u32)> {
        p.variants
            .iter()
            .filter(|v| v.format == format)
            .map(|v| (v.width, v.height))
            .collect()
    }

    #[test]
    fn a_picture_is_never_enlarged() {
        let config = Images::default();
        let jpeg = image::ImageFormat::Jpeg;
        let big = plan_sized("a/p.jpg", 6000, 4000, 1, jpeg, &config);
        assert_eq!(
            widths(&big, Format::Jpeg),
            [(480, 320), (960, 640), (1600, 1067)]
        );
        assert_eq!(big.variants[0].file_name, "p-480.webp");
        let mid = plan_sized("p.jpg", 1000, 500, 1, jpeg, &config);
        assert_eq!(
            widths(&mid, Format::Jpeg),
            [(480, 240), (960, 480), (1000, 500)]
        );
        let small = plan_sized("p.jpg", 300, 3000, 1, jpeg, &config);
        assert_eq!(widths(&small, Format::Jpeg), [(300, 3000)]);
        let exact = plan_sized("p.png", 960, 10, 1, image::ImageFormat::Png, &config);
        assert_eq!(widths(&exact, Format::Png), [(480, 5), (960, 10)]);
        assert_eq!(
            exact.fallback_at_least(1200).unwrap().file_name,
            "p-960.png"
        );
    }

    #[test]
    fn the_email_gets_plain_img() {
        let p = plan_sized(
            "p 1.jpg",
            2000,
            1000,
            1,
            image::ImageFormat::Jpeg,
            &Images::default(),
        );
        let html = picture_html(
            &p,
            &PictureHtml {
                url_prefix: "",
                alt: "图",
                title: None,
                lead: false,
            },
        );
        assert!(html.contains(r#"srcset="p%201-480.webp 480w, "#), "{html}");
        assert_eq!(
            for_email(&format!("<p>前{html}后</p>"), &[]),
            r#"<p>前<img src="p%201-960.jpg" width="960" height="480" alt="图" loading="lazy" decoding="async">后</p>"#
        );
        // With its e-mail file planned, that file, at its size.
        let mut p = p;
        p.add_size(EMAIL_WIDTH);
        assert_eq!(
            for_email(&format!("<p>前{html}后</p>"), &[&p]),
            r#"<p>前<img src="p%201-600.jpg" width="600" height="300" alt="图" loading="lazy" decoding="async">后</p>"#
        );
    }
}
