//! `site.yaml`: the site's settings, with defaults for everything but the
//! title and base URL. Unknown keys are errors that name the closest key.

use serde::Deserialize;
use std::path::Path;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::load::yaml;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    #[serde(default)]
    pub description: String,
    /// An article naming a programme or award missing from the registry is
    /// an error when true; when false the entry is made up and warned about.
    #[serde(default = "yes")]
    pub strict_registry: bool,
    /// Keep raw HTML in Markdown as written, for sites that trust their
    /// editors. By default it is sanitized.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Folders outside the site that symbolic links in its folders may
    /// lead into (a shared photo drive); relative ones are taken from the
    /// site root.
    #[serde(default)]
    pub allow_links_to: Vec<std::path::PathBuf>,
    /// The picture social cards show for an article without one: a site
    /// path (`/images/card.png`) or an absolute URL.
    #[serde(default)]
    pub default_image: Option<String>,
    /// The publisher's logo in articles' structured data, as `default_image`.
    #[serde(default)]
    pub logo: Option<String>,
    /// The ICP filing number (`京ICP备12345678号`), shown in the footer
    /// and linked to the filing site.
    #[serde(default)]
    pub icp: Option<String>,
    /// The public-security filing (`京公网安备11010502030143号`), shown in
    /// the footer.
    #[serde(default)]
    pub police_filing: Option<String>,
    /// Free-form values for themes.
    #[serde(default)]
    pub extra: serde_json::Value,
    /// How pictures are resized and encoded for the web.
    #[serde(default)]
    pub images: Images,

    /// The site's folder, where `site.yaml` was read.
    #[serde(skip)]
    pub root: std::path::PathBuf,

    /// The time zone, resolved from `timezone`.
    #[serde(skip, default = "utc")]
    pub tz: jiff::tz::TimeZone,
}

fn default_language() -> String {
    "zh-CN".into()
}
fn default_timezone() -> String {
    "Asia/Shanghai".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate_by() -> usize {
    20
}
fn yes() -> bool {
    true
}
fn utc() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::UTC
}

/// `images:` in `site.yaml`: the widths every picture is resized to, the
/// encoders' quality, what may be decoded, and whether the originals are
/// published too.
#[derive(Debug, Clone, Deserialize, PartialEq, Hash)]
#[serde(deny_unknown_fields, default)]
pub struct Images {
    /// Widths in pixels; a picture is never enlarged, so a narrow one gets
    /// fewer (its own width instead of the larger ones).
    pub widths: Vec<u32>,
    /// JPEG quality, 1–100.
    pub jpeg_quality: u8,
    /// WebP quality, 1–100.
    pub webp_quality: u8,
    /// Write WebP beside the JPEG (or PNG) fallback.
    pub webp: bool,
    /// A picture declaring more pixels than this is refused before it is
    /// decoded.
    pub max_pixels: u64,
    /// A picture file larger than this (bytes) is refused unread.
    pub max_bytes: u64,
    /// Pixels all the pictures being decoded at one time may hold, which
    /// bounds the build's memory whatever the pictures.
    pub pixel_budget: u64,
    /// Publish the original file beside the resized ones (with its
    /// metadata, GPS position included).
    pub publish_originals: bool,
    /// Where resized pictures are kept between builds, relative to the
    /// site's folder.
    pub cache_dir: std::path::PathBuf,
}

impl Default for Images {
    fn default() -> Self {
        Images {
            widths: vec![480, 960, 1600],
            jpeg_quality: 80,
            webp_quality: 75,
            webp: true,
            max_pixels: 100_000_000,
            max_bytes: 64 << 20,
            pixel_budget: 200_000_000,
            publish_originals: false,
            cache_dir: ".unionpress-cache/images".into(),
        }
    }
}

pub const FILE_NAME: &str = "site.yaml";

/// Where the links in the folders of the site at `root` may lead. The
/// folders of `allow_links_to:` are read from `site.yaml` here, so that
/// every walk of the site's folders can check its links without the whole
/// configuration; a `site.yaml` with problems allows none (its problems
/// are reported where it is read for the build).
pub fn site_links(root: &Path) -> crate::load::links::Links {
    let allowed = Config::load(root)
        .map(|c| c.allow_links_to)
        .unwrap_or_default();
    crate::load::links::Links::new(root, &allowed)
}

impl Config {
    /// Reads `site.yaml` at the site root.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(FILE_NAME);
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Usage(crate::t!(
                    "config-no-site",
                    root = root.display()
                )));
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        let file = Path::new(FILE_NAME);
        let text = crate::load::decode(&text, file).map_err(|d| Error::Content(vec![d]))?;
        let mut config: Config = match yaml::parse_all(&text, file, 1) {
            Ok(config) => config,
            // Every mistake at once: the settings that did read are
            // checked too.
            Err(yaml::Partial {
                value,
                mut problems,
            }) => {
                if let Some(mut config) = value.map(|config| *config)
                    && let Err(Error::Content(more)) = config.validate(&text, root)
                {
                    problems.extend(more);
                }
                return Err(Error::Content(problems));
            }
        };
        config.validate(&text, root)?;
        config.root = root.to_path_buf();
        Ok(config)
    }

    fn validate(&mut self, text: &str, root: &Path) -> Result<()> {
        let at = |key: &str| {
            let (line, column) = yaml::locate(text, key, None).unwrap_or((1, 1));
            Location::at(FILE_NAME, line, column)
        };
        let mut problems = Vec::new();
        match jiff::tz::TimeZone::get(&self.timezone) {
            Ok(tz) => self.tz = tz,
            Err(_) => problems.push(
                Diagnostic::error(
                    at("timezone"),
                    crate::t!("config-bad-timezone", value = &self.timezone),
                )
                .help(crate::t!("config-bad-timezone-help")),
            ),
        }
        if self.paginate_by == 0 {
            problems.push(
                Diagnostic::error(at("paginate_by"), crate::t!("config-paginate-zero"))
                    .help(crate::t!("config-paginate-zero-help")),
            );
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://"))
            || self.base_url.contains(['"', '<', '>', ' ', '\\'])
        {
            problems.push(
                Diagnostic::error(
                    at("base_url"),
                    crate::t!("config-bad-base-url", value = &self.base_url),
                )
                .help(crate::t!("config-bad-base-url-help")),
            );
        }
        if self.theme.is_empty() || self.theme.contains(['/', '\\']) || self.theme.starts_with('.')
        {
            problems.push(
                Diagnostic::error(
                    at("theme"),
                    crate::t!("config-bad-theme", value = &self.theme),
                )
                .help(crate::t!("config-bad-theme-help")),
            );
        }
        for dir in &self.allow_links_to {
            if !root.join(dir).is_dir() {
                let shown = dir.to_string_lossy();
                let (line, column) =
                    yaml::locate(text, "allow_links_to", Some(&shown)).unwrap_or((1, 1));
                problems.push(
                    Diagnostic::error(
                        Location::at(FILE_NAME, line, column),
                        crate::t!("config-link-folder-missing", value = shown.as_ref()),
                    )
                    .help(crate::t!("config-link-folder-missing-help")),
                );
            }
        }
        let images = &self.images;
        if images.widths.is_empty() || images.widths.contains(&0) {
            problems.push(
                Diagnostic::error(at("widths"), crate::t!("config-images-widths"))
                    .help(crate::t!("config-images-widths-help")),
            );
        }
        for (key, q) in [
            ("jpeg_quality", images.jpeg_quality),
            ("webp_quality", images.webp_quality),
        ] {
            if !(1..=100).contains(&q) {
                problems.push(
                    Diagnostic::error(
                        at(key),
                        crate::t!("config-images-quality", value = u32::from(q)),
                    )
                    .help(crate::t!("config-images-quality-help")),
                );
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Content(problems))
        }
    }

    /// Replaces the base URL (for `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<()> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(Error::Usage(crate::t!(
                "config-bad-base-url-flag",
                value = url
            )));
        }
        self.base_url = url.to_string();
        Ok(())
    }

    /// The base URL without a trailing slash: `https://news.example.org/sub`.
    pub fn origin_and_path(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }

    /// The URL path the site lives under, always ending in `/`: `/` or `/sub/`.
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or("");
        match after_scheme.find('/') {
            Some(i) => {
                let p = after_scheme[i..].trim_end_matches('/');
                format!("{p}/")
            }
            None => "/".into(),
        }
    }

    /// An absolute URL for a site path such as `/articles/x/` (without base path).
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.origin_and_path(), path)
    }

    /// `default_image:` or `logo:` as an absolute URL: a site path gets the
    /// base URL, an absolute URL is kept.
    pub fn asset_url(&self, value: &Option<String>) -> Option<String> {
        let v = value.as_deref()?.trim();
        if v.is_empty() {
            None
        } else if v.starts_with("http://") || v.starts_with("https://") {
            Some(v.to_string())
        } else {
            Some(self.permalink(&format!("/{}", v.trim_start_matches('/'))))
        }
    }
}
