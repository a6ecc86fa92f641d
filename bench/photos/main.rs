//! Which crates the picture pipeline uses, measured: decoding a 24-megapixel
//! camera JPEG, resizing it to 1600/960/480 pixels, and encoding the results
//! as JPEG and WebP, each stage timed alone on one thread.
//!
//!     cargo bench --bench photos            # the fixture photo, upscaled
//!     cargo bench --bench photos -- a.jpg   # another photo, as it is
//!
//! The numbers and the machine are in BENCHMARKS.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The median of `runs` timings of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    t.sort();
    t[runs / 2]
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let jpeg: Vec<u8> = match arg {
        Some(path) => std::fs::read(path).unwrap(),
        None => {
            // The 3000×2000 fixture made 6000×4000, as a 24 MP camera writes.
            let small =
                image::load_from_memory(include_bytes!("../../tests/fixtures/photos/camera.jpg"))
                    .unwrap();
            let big = small.resize_exact(6000, 4000, image::imageops::FilterType::Triangle);
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
                .encode_image(&big)
                .unwrap();
            out
        }
    };
    let runs = 5;
    println!("source: {} bytes", jpeg.len());

    // Decoding.
    let decoded = image::load_from_memory(&jpeg).unwrap().into_rgb8();
    let (w, h) = decoded.dimensions();
    println!("{w}×{h}, {runs} runs, median");
    let t = time(runs, || image::load_from_memory(&jpeg).unwrap());
    println!("decode  image (zune-jpeg, lenient)      {}", ms(t));
    let t = time(runs, || {
        use zune_core::options::DecoderOptions;
        let options = DecoderOptions::default()
            .set_strict_mode(true)
            .jpeg_set_out_colorspace(zune_core::colorspace::ColorSpace::RGB);
        zune_jpeg::JpegDecoder::new_with_options(
            zune_core::bytestream::ZCursor::new(&jpeg),
            options,
        )
        .decode()
        .unwrap()
    });
    println!("decode  zune-jpeg strict                {}", ms(t));

    // Resizing to the three widths.
    let src = image::DynamicImage::ImageRgb8(decoded.clone());
    let widths = [1600u32, 960, 480];
    let t = time(runs, || {
        let mut resizer = fast_image_resize::Resizer::new();
        let options = fast_image_resize::ResizeOptions::new().resize_alg(
            fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
        );
        for nw in widths {
            let nh = h * nw / w;
            let mut dst = image::DynamicImage::new_rgb8(nw, nh);
            resizer.resize(&src, &mut dst, &options).unwrap();
        }
    });
    println!("resize  fast_image_resize Lanczos3 ×3   {}", ms(t));
    let t = time(1, || {
        for nw in widths {
            let nh = h * nw / w;
            image::imageops::resize(&decoded, nw, nh, image::imageops::FilterType::Lanczos3);
        }
    });
    println!("resize  image::imageops Lanczos3 ×3     {} (1 run)", ms(t));

    // Encoding the 1600-pixel picture.
    let mid = image::imageops::resize(
        &decoded,
        1600,
        h * 1600 / w,
        image::imageops::FilterType::Triangle,
    );
    let (mw, mh) = mid.dimensions();
    for q in [75u8, 80, 85] {
        let mut size = 0;
        let t = time(runs, || {
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, q)
                .encode(mid.as_raw(), mw, mh, image::ExtendedColorType::Rgb8)
                .unwrap();
            size = out.len();
        });
        println!(
            "encode  JPEG (image) q{q} 1600 px         {}  {:7} bytes",
            ms(t),
            size
        );
    }
    for q in [70f32, 75., 80.] {
        let mut size = 0;
        let t = time(runs, || {
            let m = webp::Encoder::from_rgb(mid.as_raw(), mw, mh).encode(q);
            size = m.len();
        });
        println!(
            "encode  WebP (libwebp) q{q} 1600 px       {}  {:7} bytes",
            ms(t),
            size
        );
    }
    let mut size = 0;
    let t = time(1, || {
        use image::ImageEncoder;
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(mid.as_raw(), mw, mh, image::ExtendedColorType::Rgb8)
            .unwrap();
        size = out.len();
    });
    println!(
        "encode  PNG (image) 1600 px (photo)     {}  {:7} bytes",
        ms(t),
        size
    );
}
