//! The pixel work of unionpress's pictures: a picture decoded, resized
//! and encoded as JPEG or PNG. A crate of its own only so that it runs
//! optimised in debug builds, the tests'.
//!
//! Cargo chooses the optimisation level crate by crate, but a generic
//! function is compiled in the crate that uses it, at that crate's level.
//! The work here is generic where it is heavy (`zune_jpeg::JpegDecoder`
//! over its reader, `fast_image_resize`'s convolutions over their image
//! types, `image`'s `JpegEncoder` over its writer), so called from
//! unionpress it ran at opt-level 0 in debug builds, whatever
//! `[profile.dev.package]` said of those crates: two 100-megapixel photos
//! took minutes to publish. Nothing here is generic, so all of it is
//! compiled in this crate, which the workspace's Cargo.toml builds at
//! opt-level 3 in every profile. Release builds are the same either way.

use std::io::Cursor;

use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageResult, RgbImage};

/// A decoder of `bytes` as `format` within `limits`, its header read:
/// its size and orientation are known, no pixel is decoded yet.
pub fn open(
    bytes: &[u8],
    format: image::ImageFormat,
    limits: image::Limits,
) -> ImageResult<Box<dyn ImageDecoder + '_>> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    Ok(Box::new(reader.into_decoder()?))
}

/// The pixels of the picture `decoder` (from [`open`]) reads.
pub fn decode(decoder: Box<dyn ImageDecoder + '_>) -> ImageResult<DynamicImage> {
    DynamicImage::from_decoder(decoder)
}

/// A JPEG decoded strictly, as RGB, refusing a side over `max_side`
/// pixels: a truncated or corrupted file is an error (`image`'s own JPEG
/// decoder fills what is missing with grey). `None` when the file has no
/// pixels.
pub fn decode_jpeg_strict(
    bytes: &[u8],
    max_side: usize,
) -> Result<Option<RgbImage>, zune_jpeg::errors::DecodeErrors> {
    use zune_core::bytestream::ZCursor;
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .jpeg_set_out_colorspace(ColorSpace::RGB)
        .set_max_width(max_side)
        .set_max_height(max_side);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let pixels = decoder.decode()?;
    Ok(decoder.dimensions().and_then(|(w, h)| {
        RgbImage::from_raw(u32::try_from(w).ok()?, u32::try_from(h).ok()?, pixels)
    }))
}

/// Resizes pictures with a Lanczos-3 filter, keeping its buffers from
/// one to the next (the widths of one picture).
pub struct Resizer {
    resizer: fast_image_resize::Resizer,
    options: fast_image_resize::ResizeOptions,
}

impl Default for Resizer {
    fn default() -> Resizer {
        Resizer {
            resizer: fast_image_resize::Resizer::new(),
            options: fast_image_resize::ResizeOptions::new().resize_alg(
                fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
            ),
        }
    }
}

impl Resizer {
    /// `src` at `width` × `height`, in its colour type.
    pub fn resize(
        &mut self,
        src: &DynamicImage,
        width: u32,
        height: u32,
    ) -> Result<DynamicImage, fast_image_resize::ResizeError> {
        let mut dst = DynamicImage::new(width, height, src.color());
        self.resizer.resize(src, &mut dst, &self.options)?;
        Ok(dst)
    }
}

/// `pixels` (`width` × `height` of `color`: grey, RGB) as a JPEG of
/// `quality`, with no metadata.
pub fn jpeg(
    pixels: &[u8],
    width: u32,
    height: u32,
    color: ExtendedColorType,
    quality: u8,
) -> ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode(pixels, width, height, color)?;
    Ok(out)
}

/// `pixels` (`width` × `height` of `color`) as a PNG, with no metadata.
pub fn png(
    pixels: &[u8],
    width: u32,
    height: u32,
    color: ExtendedColorType,
) -> ImageResult<Vec<u8>> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out).write_image(pixels, width, height, color)?;
    Ok(out)
}
