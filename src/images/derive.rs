//! Decoding, resizing and encoding one picture, with the cache that makes
//! doing it again unnecessary.

use image::ImageDecoder;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use super::{Format, Picture, Refusal, check_pixels, limits, named_format, sniff};
use crate::config::Images;

/// Bumped when the same settings would give other files (another resize
/// filter, another encoder), so that older cached files are not used.
const PIPELINE: &str = "unionpress-images-1";

/// How many pixels may be decoded at once by all threads together. A
/// picture larger than the whole budget waits until it has it to itself.
pub struct Budget {
    total: u64,
    free: Mutex<u64>,
    freed: Condvar,
}

impl Budget {
    pub fn new(total: u64) -> Budget {
        Budget {
            total: total.max(1),
            free: Mutex::new(total.max(1)),
            freed: Condvar::new(),
        }
    }

    fn take(&self, pixels: u64) -> Taken<'_> {
        let want = pixels.min(self.total);
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free < want {
            free = self.freed.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= want;
        Taken { budget: self, want }
    }
}

struct Taken<'a> {
    budget: &'a Budget,
    want: u64,
}

impl Drop for Taken<'_> {
    fn drop(&mut self) {
        let mut free = self.budget.free.lock().unwrap_or_else(|e| e.into_inner());
        *free += self.want;
        self.budget.freed.notify_all();
    }
}

/// A picture's files, in the cache.
#[derive(Debug)]
pub struct Derived {
    /// Each file's name beside the page and where it is in the cache.
    pub files: Vec<(String, PathBuf)>,
    /// Whether the picture had to be decoded (false when every file was
    /// in the cache already).
    pub decoded: bool,
}

/// The files of `picture`, whose source is at `path`, from the cache
/// folder `cache` or made there.
pub fn derive(
    path: &Path,
    picture: &Picture,
    config: &Images,
    cache: &Path,
    budget: &Budget,
) -> Result<Derived, Refusal> {
    let unreadable = |e: std::io::Error| Refusal::Unreadable(e.to_string());
    let files_in = |dir: &Path| -> Vec<(String, PathBuf)> {
        picture
            .files()
            .map(|v| (v.file_name.clone(), dir.join(&v.file_name)))
            .collect()
    };
    let all_there = |files: &[(String, PathBuf)]| files.iter().all(|(_, p)| p.is_file());
    // The source's size and time first: when a build has seen them, the
    // folder its bytes gave is known without reading them again (a rebuild
    // with 200 camera photos would read and hash 290 MB).
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    let seen = cache
        .join(STAMPS)
        .join(stamp_key(&picture.source, &meta, config));
    if let Some(dir) = std::fs::read_to_string(&seen)
        .ok()
        .filter(|k| is_key(k))
        .map(|k| cache.join(k))
    {
        let files = files_in(&dir);
        if all_there(&files) {
            return Ok(Derived {
                files,
                decoded: false,
            });
        }
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    if bytes.len() as u64 > config.max_bytes {
        return Err(Refusal::TooManyBytes {
            bytes: bytes.len() as u64,
            limit: config.max_bytes,
        });
    }
    let content_key = key(&bytes, config);
    let dir = cache.join(&content_key);
    let files = files_in(&dir);
    let decoded = !all_there(&files);
    if decoded {
        let encoded = encode_all(&bytes, picture, config, budget)?;
        std::fs::create_dir_all(&dir).map_err(unreadable)?;
        for ((_, target), data) in files.iter().zip(encoded) {
            write_atomically(target, &data).map_err(unreadable)?;
        }
    }
    // Remembered only once its files are all there. A cache that cannot
    // be written to is the error above; this one only costs the next
    // build a read.
    if std::fs::create_dir_all(seen.parent().unwrap_or(cache)).is_ok() {
        let _ = write_atomically(&seen, content_key.as_bytes());
    }
    Ok(Derived { files, decoded })
}

/// The cache's folder of the sources seen: a file per source's name, size
/// and time, holding the key of its bytes.
const STAMPS: &str = "seen";

/// The name in [`STAMPS`] of the source `source` (under `content/`) with
/// the metadata `meta`, under `config`.
fn stamp_key(source: &str, meta: &std::fs::Metadata, config: &Images) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let mut h = Sha256::new();
    h.update(PIPELINE.as_bytes());
    h.update(settings(config).as_bytes());
    h.update(format!("{source}\0{}\0{modified}", meta.len()).as_bytes());
    hex(&h.finalize()[..16])
}

/// Whether `k` is a key [`key`] makes (and not a stray file's text that
/// would lead out of the cache).
fn is_key(k: &str) -> bool {
    k.len() == 32 && k.bytes().all(|b| b.is_ascii_hexdigit())
}

fn settings(config: &Images) -> String {
    format!(
        "{:?} {} {} {}",
        config.widths, config.jpeg_quality, config.webp_quality, config.webp
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The cache folder's name for a source's `bytes` under `config`.
fn key(bytes: &[u8], config: &Images) -> String {
    let mut h = Sha256::new();
    h.update(PIPELINE.as_bytes());
    h.update(settings(config).as_bytes());
    h.update(bytes);
    hex(&h.finalize()[..16])
}

/// Written under another name and renamed, so that a build stopped half
/// way never leaves a truncated file that a later build would take.
fn write_atomically(target: &Path, data: &[u8]) -> std::io::Result<()> {
    let tmp = target.with_extension(format!(
        "tmp{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&tmp, data)?;
    std::fs::rename(&tmp, target)
}

/// Every variant of `picture` encoded, in its order. The pixel work is
/// `unionpress_pixels`'s (see there why it is a crate of its own).
fn encode_all(
    bytes: &[u8],
    picture: &Picture,
    config: &Images,
    budget: &Budget,
) -> Result<Vec<Vec<u8>>, Refusal> {
    let unreadable = |e: &dyn std::fmt::Display| Refusal::Unreadable(e.to_string());
    let format = sniff(bytes, named_format(&picture.source).unwrap_or("?"))?;
    let mut decoder =
        unionpress_pixels::open(bytes, format, limits(config)).map_err(|e| unreadable(&e))?;
    let (w, h) = decoder.dimensions();
    check_pixels(w, h, config)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let _taken = budget.take(u64::from(w) * u64::from(h));
    let mut img = if format == image::ImageFormat::Jpeg {
        drop(decoder);
        // Strictly: `image`'s JPEG decoder fills what is missing with
        // grey, which would publish a truncated or corrupted photo as if
        // it were whole.
        let side = usize::try_from(config.max_pixels).unwrap_or(usize::MAX);
        let rgb = unionpress_pixels::decode_jpeg_strict(bytes, side)
            .map_err(|e| unreadable(&e))?
            .ok_or_else(|| Refusal::Unreadable(crate::t!("picture-empty")))?;
        image::DynamicImage::ImageRgb8(rgb)
    } else {
        unionpress_pixels::decode(decoder).map_err(|e| unreadable(&e))?
    };
    img.apply_orientation(orientation);
    let alpha = picture.fallback().any(|v| v.format == Format::Png) && img.color().has_alpha();
    let img = if alpha {
        image::DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        image::DynamicImage::ImageRgb8(img.into_rgb8())
    };
    let mut out = Vec::with_capacity(picture.variants.len() + picture.extra.len());
    let mut resizer = unionpress_pixels::Resizer::default();
    // Each width resized once, for its WebP and its fallback.
    let mut resized: Vec<(u32, image::DynamicImage)> = Vec::new();
    for v in picture.files() {
        if !resized.iter().any(|(w, _)| *w == v.width) {
            let small = if v.width == img.width() {
                img.clone()
            } else {
                resizer
                    .resize(&img, v.width, v.height)
                    .map_err(|e| unreadable(&e))?
            };
            resized.push((v.width, small));
        }
        let small = &resized
            .iter()
            .find(|(w, _)| *w == v.width)
            .expect("resized just above")
            .1;
        out.push(encode(small, v.format, config)?);
    }
    Ok(out)
}

/// `img` in `format`, with no metadata: the encoders are given none.
fn encode(img: &image::DynamicImage, format: Format, config: &Images) -> Result<Vec<u8>, Refusal> {
    let (w, h) = (img.width(), img.height());
    let err = |e: image::ImageError| Refusal::Unreadable(e.to_string());
    match format {
        #[cfg(windows)]
        Format::Webp => unreachable!("no WebP is planned on Windows"),
        #[cfg(not(windows))]
        Format::Webp => {
            let memory = match img {
                image::DynamicImage::ImageRgba8(p) => webp::Encoder::from_rgba(p.as_raw(), w, h)
                    .encode(f32::from(config.webp_quality)),
                other => {
                    let rgb = other.to_rgb8();
                    webp::Encoder::from_rgb(rgb.as_raw(), w, h)
                        .encode(f32::from(config.webp_quality))
                }
            };
            Ok(memory.to_vec())
        }
        Format::Jpeg => {
            let rgb = img.to_rgb8();
            unionpress_pixels::jpeg(
                rgb.as_raw(),
                w,
                h,
                image::ExtendedColorType::Rgb8,
                config.jpeg_quality,
            )
            .map_err(err)
        }
        Format::Png => match img {
            image::DynamicImage::ImageRgba8(p) => {
                unionpress_pixels::png(p.as_raw(), w, h, image::ExtendedColorType::Rgba8)
                    .map_err(err)
            }
            other => {
                let rgb = other.to_rgb8();
                unionpress_pixels::png(rgb.as_raw(), w, h, image::ExtendedColorType::Rgb8)
                    .map_err(err)
            }
        },
    }
}
