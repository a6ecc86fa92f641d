//! The QR code of an article's URL, drawn at build time as inline SVG, so a
//! reader can share the article by phone camera (WeChat shows a link's card
//! only through its own SDK on a registered domain) with no script and no
//! outside service.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An SVG QR code of `url`: dark modules on white with the standard quiet
/// zone, in fixed colours so dark and high-contrast modes keep it readable.
/// Medium error correction survives a screen's glare and moiré. `None` only
/// for a text too long for any QR code (about 2,300 bytes of URL).
pub fn svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(160, 160)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    // The renderer starts with an XML declaration, which does not belong
    // in HTML; the <svg> element is what the page embeds.
    let start = image.find("<svg")?;
    Some(image[start..].to_string())
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

    #[test]
    fn a_url_too_long_for_a_qr_code_gives_none() {
        assert_eq!(svg(&"x".repeat(5000)), None);
    }
}
