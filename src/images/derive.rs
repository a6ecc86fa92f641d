//! Decoding, resizing and encoding one picture, with the cache that makes
//! doing it again unnecessary.

use sha2::{Digest, Sha256};
use std::io::Cursor;
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

/// Every variant of `picture` encoded, in its order.
fn encode_all(
    bytes: &[u8],
    picture: &Picture,
    config: &Images,
    budget: &Budget,
) -> Result<Vec<Vec<u8>>, Refusal> {
    use image::ImageDecoder;
    let format = sniff(bytes, named_format(&picture.source).unwrap_or("?"))?;
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits(config));
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    let (w, h) = decoder.dimensions();
    check_pixels(w, h, config)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let _taken = budget.take(u64::from(w) * u64::from(h));
    let mut img = if format == image::ImageFormat::Jpeg {
        drop(decoder);
        strict_jpeg(bytes, config)?
    } else {
        image::DynamicImage::from_decoder(decoder)
            .map_err(|e| Refusal::Unreadable(e.to_string()))?
    };
    img.apply_orientation(orientation);
    let alpha = picture.fallback().any(|v| v.format == Format::Png) && img.color().has_alpha();
    let img = if alpha {
        image::DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        image::DynamicImage::ImageRgb8(img.into_rgb8())
    };
    let mut out = Vec::with_capacity(picture.variants.len() + picture.extra.len());
    let mut resizer = fast_image_resize::Resizer::new();
    let options = fast_image_resize::ResizeOptions::new().resize_alg(
        fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
    );
    // Each width resized once, for its WebP and its fallback.
    let mut resized: Vec<(u32, image::DynamicImage)> = Vec::new();
    for v in picture.files() {
        if !resized.iter().any(|(w, _)| *w == v.width) {
            let small = if v.width == img.width() {
                img.clone()
            } else {
                let mut dst = if alpha {
                    image::DynamicImage::new_rgba8(v.width, v.height)
                } else {
                    image::DynamicImage::new_rgb8(v.width, v.height)
                };
                resizer
                    .resize(&img, &mut dst, &options)
                    .map_err(|e| Refusal::Unreadable(e.to_string()))?;
                dst
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

/// A JPEG decoded strictly: `image` asks its JPEG decoder to fill what
/// is missing with grey, which would publish a truncated or corrupted
/// photo as if it were whole; here that is an error.
fn strict_jpeg(bytes: &[u8], config: &Images) -> Result<image::DynamicImage, Refusal> {
    use zune_core::bytestream::ZCursor;
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    let side = usize::try_from(config.max_pixels).unwrap_or(usize::MAX);
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .jpeg_set_out_colorspace(ColorSpace::RGB)
        .set_max_width(side)
        .set_max_height(side);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let pixels = decoder
        .decode()
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    let (w, h) = decoder
        .dimensions()
        .ok_or_else(|| Refusal::Unreadable(crate::t!("picture-empty")))?;
    let rgb = image::RgbImage::from_raw(w as u32, h as u32, pixels)
        .ok_or_else(|| Refusal::Unreadable(crate::t!("picture-empty")))?;
    Ok(image::DynamicImage::ImageRgb8(rgb))
}

/// `img` in `format`, with no metadata: the encoders are given none.
fn encode(img: &image::DynamicImage, format: Format, config: &Images) -> Result<Vec<u8>, Refusal> {
    let (w, h) = (img.width(), img.height());
    let err = |e: image::ImageError| Refusal::Unreadable(e.to_string());
    let mut buf = Vec::new();
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
            buf.extend_from_slice(&memory);
        }
        Format::Jpeg => {
            let rgb = img.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, config.jpeg_quality)
                .encode(rgb.as_raw(), w, h, image::ExtendedColorType::Rgb8)
                .map_err(err)?;
        }
        Format::Png => {
            use image::ImageEncoder;
            let (raw, color) = match img {
                image::DynamicImage::ImageRgba8(p) => {
                    (p.as_raw().clone(), image::ExtendedColorType::Rgba8)
                }
                other => (other.to_rgb8().into_raw(), image::ExtendedColorType::Rgb8),
            };
            image::codecs::png::PngEncoder::new(&mut buf)
                .write_image(&raw, w, h, color)
                .map_err(err)?;
        }
    }
    Ok(buf)
}
