//! The QR code of an article's URL, drawn at build time as inline SVG, so a
//! reader can share the article by phone camera (WeChat shows a link's card
//! only through its own SDK on a registered domain) with no script and no
//! outside service.

use fast_qr::{ECL, QRBuilder};
use std::fmt::Write;

/// Modules of white around the code, as the standard asks.
const QUIET: usize = 4;

/// An SVG QR code of `url`: dark modules on white with the standard quiet
/// zone, in fixed colours so dark and high-contrast modes keep it readable.
/// Medium error correction survives a screen's glare and moiré. `None` only
/// for a text too long for any QR code (about 2,300 bytes of URL).
///
/// The drawing is ours, not the crate's: one path of a rectangle per run of
/// dark modules in a row, in module units (`viewBox`), about a fifth of the
/// bytes of one square per module in pixels.
pub fn svg(url: &str) -> Option<String> {
    let code = QRBuilder::new(url.as_bytes()).ecl(ECL::M).build().ok()?;
    let side = code.size + 2 * QUIET;
    let mut path = String::with_capacity(code.size * code.size);
    for y in 0..code.size {
        let row = &code[y];
        let mut x = 0;
        while x < row.len() {
            if !row[x].value() {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x].value() {
                x += 1;
            }
            let run = x - start;
            // Writing to a String cannot fail.
            let _ = write!(path, "M{} {}h{run}v1h-{run}z", start + QUIET, y + QUIET);
        }
    }
    // Five pixels a module, as a phone's camera needs at arm's length; the
    // stylesheet may scale it.
    let pixels = side * 5;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{pixels}\" height=\"{pixels}\" \
         viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#ffffff\"/>\
         <path fill=\"#000000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_element_with_a_square_of_modules() {
        let s = svg("https://news.example.org/articles/x/").unwrap();
        assert!(s.starts_with("<svg"), "{s}");
        assert!(s.ends_with("</svg>"), "{s}");
        assert!(s.contains("#000000") && s.contains("#ffffff"));
    }

    #[test]
    fn the_same_url_gives_the_same_picture() {
        let url = "https://news.example.org/articles/工会/";
        assert_eq!(svg(url), svg(url));
        assert_ne!(svg(url), svg("https://news.example.org/articles/y/"));
    }

    /// The path drawn is read back as an image and decoded to the URL.
    #[test]
    fn a_phone_reads_the_url_back() {
        for url in [
            "https://news.example.org/articles/2024/gong-hui-yi-zhan/",
            "https://example.org/articles/%E5%B7%A5%E4%BC%9A/",
        ] {
            let s = svg(url).unwrap();
            let side: u32 = s
                .split("viewBox=\"0 0 ")
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let scale = 4;
            let mut img =
                image::GrayImage::from_pixel(side * scale, side * scale, image::Luma([255]));
            let d = s.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
            for run in d.split('M').filter(|r| !r.is_empty()) {
                let (xy, rest) = run.split_once('h').unwrap();
                let (x, y) = xy.split_once(' ').unwrap();
                let (x, y): (u32, u32) = (x.parse().unwrap(), y.parse().unwrap());
                let len: u32 = rest.split('v').next().unwrap().parse().unwrap();
                for px in x * scale..(x + len) * scale {
                    for py in y * scale..(y + 1) * scale {
                        img.put_pixel(px, py, image::Luma([0]));
                    }
                }
            }
            let mut prepared = rqrr::PreparedImage::prepare(img);
            let grids = prepared.detect_grids();
            assert_eq!(grids.len(), 1, "{url}");
            let (_, content) = grids[0].decode().unwrap();
            assert_eq!(content, url);
        }
    }

    #[test]
    fn a_url_too_long_for_a_qr_code_gives_none() {
        assert_eq!(svg(&"x".repeat(5000)), None);
    }
}
