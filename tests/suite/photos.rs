//! Photos: every picture an article shows is published resized (480, 960,
//! 1600 pixels wide, never enlarged) as WebP and JPEG (PNG for a PNG),
//! upright by its EXIF orientation and with no metadata; the original is
//! not published; the page shows a `<picture>` with `srcset`, `width` and
//! `height`; pictures that cannot or must not be decoded are errors at
//! their reference; a rebuild decodes nothing.
//!
//! The pictures are in tests/fixtures/photos/, written by
//! scripts/make-test-photos.py (where they come from is said there).

use std::path::Path;

use crate::harness::{TestSite, fixture_dir};

/// A site whose `content/articles/` holds the named fixture pictures.
fn site_with(pictures: &[&str]) -> TestSite {
    let site = TestSite::minimal();
    for name in pictures {
        std::fs::copy(
            fixture_dir("photos").join(name),
            site.root().join("content/articles").join(name),
        )
        .unwrap();
    }
    site
}

/// The widths of a `srcset`'s candidates, checking that each file exists
/// beside `page_dir` in the output.
fn srcset_widths(site: &TestSite, page_dir: &str, srcset: &str) -> Vec<u32> {
    srcset
        .split(", ")
        .map(|candidate| {
            let (url, w) = candidate.rsplit_once(' ').unwrap();
            let name = url.rsplit('/').next().unwrap();
            let file = site.public().join(page_dir).join(name);
            assert!(file.is_file(), "{} is not in the output", file.display());
            w.trim_end_matches('w').parse().unwrap()
        })
        .collect()
}

/// Asserts that `stderr` holds the error `message` at column 1 of `line`
/// of `content/<file>`.
fn error_at(stderr: &str, file: &str, line: usize, message: &str) {
    let expected = format!("content/{file}:{line}:1: error: {message}");
    assert!(stderr.contains(&expected), "no `{expected}` in\n{stderr}");
}

fn decoded(path: &Path) -> image::DynamicImage {
    image::ImageReader::open(path)
        .unwrap()
        .with_guessed_format()
        .unwrap()
        .decode()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn format_of(path: &Path) -> image::ImageFormat {
    image::guess_format(&std::fs::read(path).unwrap()).unwrap()
}

fn camera_site() -> TestSite {
    let site = site_with(&["camera.jpg"]);
    site.article(
        "photo.md",
        "title: 照片\ndate: 2024-12-19\nimage: {src: camera.jpg, alt: 宇航员}",
        "第一段文字，讲述这张照片的来历和拍摄的经过。\n\n![宇航员在训练](camera.jpg \"训练中\")\n",
    );
    site
}

#[test]
fn a_camera_photo_is_published_resized_as_webp_and_jpeg_and_shown_with_srcset() {
    let site = camera_site();
    site.build().ok();
    let dir = site.public().join("articles/photo");
    // 3000×2000: three widths, each in both formats, the height kept in
    // proportion; the original is not published.
    for (w, h) in [(480, 320), (960, 640), (1600, 1067)] {
        for (ext, format) in [
            ("webp", image::ImageFormat::WebP),
            ("jpg", image::ImageFormat::Jpeg),
        ] {
            let file = dir.join(format!("camera-{w}.{ext}"));
            assert_eq!(format_of(&file), format, "{}", file.display());
            let img = decoded(&file);
            assert_eq!((img.width(), img.height()), (w, h), "{}", file.display());
        }
    }
    assert!(
        !dir.join("camera.jpg").exists(),
        "the original was published"
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("camera"))
        .collect();
    names.sort();
    // And the social card's 1200-pixel JPEG.
    assert_eq!(names.len(), 7, "{names:?}");

    let page = site.page("/articles/photo/");
    // The lead picture: fetched first, not lazily.
    let lead = ".lead-image picture";
    let webp = page.attrs(&format!("{lead} source[type='image/webp']"), "srcset");
    assert_eq!(
        srcset_widths(&site, "articles/photo", &webp[0]),
        [480, 960, 1600]
    );
    let jpeg = page.attrs(&format!("{lead} img"), "srcset");
    assert_eq!(
        srcset_widths(&site, "articles/photo", &jpeg[0]),
        [480, 960, 1600]
    );
    assert_eq!(page.attrs(&format!("{lead} img"), "width"), ["1600"]);
    assert_eq!(page.attrs(&format!("{lead} img"), "height"), ["1067"]);
    assert_eq!(
        page.attrs(&format!("{lead} img"), "fetchpriority"),
        ["high"]
    );
    assert!(page.attrs(&format!("{lead} img"), "loading").is_empty());
    assert_eq!(page.attrs(&format!("{lead} img"), "alt"), ["宇航员"]);
    assert_eq!(
        page.attrs(&format!("{lead} img"), "src"),
        ["/articles/photo/camera-960.jpg"]
    );
    // In the body: lazy, with its alt text; its title is its caption.
    let body = ".article-body figure picture img";
    assert_eq!(page.attrs(body, "loading"), ["lazy"]);
    assert_eq!(page.attrs(body, "decoding"), ["async"]);
    assert_eq!(page.attrs(body, "alt"), ["宇航员在训练"]);
    assert!(page.attrs(body, "title").is_empty());
    assert_eq!(page.texts(".article-body figure figcaption"), ["训练中"]);
    assert_eq!(page.attrs(body, "width"), ["1600"]);
    let body_srcset = page.attrs(".article-body picture source", "srcset");
    assert_eq!(
        srcset_widths(&site, "articles/photo", &body_srcset[0]),
        [480, 960, 1600]
    );
    // Shared at 1200 pixels: a file of its own, not in any srcset.
    assert_eq!(
        page.attrs("meta[property='og:image']", "content"),
        ["https://example.org/articles/photo/camera-1200.jpg"]
    );
    assert_eq!(
        page.attrs("meta[property='og:image:width']", "content"),
        ["1200"]
    );
    assert_eq!(
        page.attrs("meta[property='og:image:height']", "content"),
        ["800"]
    );
    let share = dir.join("camera-1200.jpg");
    assert_eq!(format_of(&share), image::ImageFormat::Jpeg);
    let img = decoded(&share);
    assert_eq!((img.width(), img.height()), (1200, 800));
    assert!(
        !page
            .attrs("img", "srcset")
            .iter()
            .any(|s| s.contains("1200"))
    );
}

/// The source has GPS, camera serial and author in its EXIF; no derived
/// file has any EXIF at all.
#[test]
fn no_derived_file_keeps_the_gps_position_or_any_metadata() {
    let source = fixture_dir("photos").join("camera.jpg");
    // The fixture's EXIF (written by piexif) ends with an IFD pointer
    // the parser does not follow: what it read is enough.
    let exif = exif::Reader::new()
        .continue_on_error(true)
        .read_from_container(&mut std::io::BufReader::new(
            std::fs::File::open(&source).unwrap(),
        ))
        .or_else(|e| e.distill_partial_result(|_| {}))
        .unwrap();
    assert!(
        exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
            .is_some(),
        "the fixture has no GPS to remove"
    );
    let site = camera_site();
    site.build().ok();
    let dir = site.public().join("articles/photo");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("camera") {
            continue;
        }
        let read = exif::Reader::new().read_from_container(&mut std::io::BufReader::new(
            std::fs::File::open(&path).unwrap(),
        ));
        assert!(
            read.is_err(),
            "{name} has EXIF: {:?}",
            read.map(|e| e.fields().count())
        );
        let bytes = std::fs::read(&path).unwrap();
        for needle in [&b"Exif"[..], b"EXIF", b"XMP ", b"TestCam", b"SN123456789"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{name} holds {:?}",
                String::from_utf8_lossy(needle)
            );
        }
        checked += 1;
    }
    // Three widths in two formats, and the social card's JPEG.
    assert_eq!(checked, 7);
}

/// A picture taken with the camera turned is published upright for each
/// of the eight EXIF orientations: 600×300, red at the top left, blue at
/// the bottom right.
#[test]
fn every_exif_orientation_is_applied() {
    let names: Vec<String> = (1..=8).map(|n| format!("orientation-{n}.jpg")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let site = site_with(&refs);
    let body: String = (1..=8)
        .map(|n| format!("![方向{n}](orientation-{n}.jpg)\n\n"))
        .collect();
    site.article("turned.md", "title: 方向\ndate: 2024-12-19", &body);
    site.build().ok();
    let page = site.page("/articles/turned/");
    assert_eq!(page.attrs(".article-body picture img", "width"), ["600"; 8]);
    assert_eq!(
        page.attrs(".article-body picture img", "height"),
        ["300"; 8]
    );
    for n in 1..=8 {
        for ext in ["jpg", "webp"] {
            // 600 wide: the 480 and its own width (never enlarged to 960).
            let dir = site.public().join("articles/turned");
            assert!(!dir.join(format!("orientation-{n}-960.{ext}")).exists());
            let img = decoded(&dir.join(format!("orientation-{n}-600.{ext}"))).to_rgb8();
            assert_eq!(img.dimensions(), (600, 300), "orientation {n}");
            let top_left = img.get_pixel(20, 20).0;
            let bottom_right = img.get_pixel(580, 280).0;
            assert!(
                top_left[0] > 200 && top_left[2] < 60,
                "orientation {n} {ext}: top left is {top_left:?}"
            );
            assert!(
                bottom_right[2] > 200 && bottom_right[0] < 60,
                "orientation {n} {ext}: bottom right is {bottom_right:?}"
            );
            let small = decoded(&dir.join(format!("orientation-{n}-480.{ext}")));
            assert_eq!((small.width(), small.height()), (480, 240));
        }
    }
}

/// A PNG with transparency keeps it: WebP and PNG, not JPEG.
#[test]
fn a_png_graphic_stays_png_with_its_transparency() {
    let site = site_with(&["graphic.png"]);
    site.article(
        "logo.md",
        "title: 标志\ndate: 2024-12-19",
        "![工会标志](graphic.png)",
    );
    site.build().ok();
    let dir = site.public().join("articles/logo");
    assert_eq!(
        format_of(&dir.join("graphic-400.png")),
        image::ImageFormat::Png
    );
    assert_eq!(
        format_of(&dir.join("graphic-400.webp")),
        image::ImageFormat::WebP
    );
    assert!(!dir.join("graphic-400.jpg").exists());
    for ext in ["png", "webp"] {
        let img = decoded(&dir.join(format!("graphic-400.{ext}"))).to_rgba8();
        assert_eq!(
            img.get_pixel(0, 0).0[3],
            0,
            "{ext}: the corner is not transparent"
        );
        assert_eq!(img.get_pixel(200, 100).0[3], 255);
    }
}

/// Every picture that cannot or must not be decoded is an error at its
/// reference, naming it; the build writes nothing and does not panic.
#[test]
fn bad_pictures_are_errors_at_their_reference() {
    let site = site_with(&[
        "corrupted.jpg",
        "truncated.jpg",
        "png-named.jpg",
        "bomb.png",
        "iphone.heic",
        "small.jpg",
    ]);
    site.article(
        "bad.md",
        "title: 坏图\ndate: 2024-12-19\nimage: {src: iphone.heic, alt: 手机照片}",
        "![坏的](corrupted.jpg)\n\n![半张](truncated.jpg)\n\n![改名的](png-named.jpg)\n\n![炸弹](bomb.png)\n\n![](small.jpg)\n",
    );
    // Refused from their headers, while the Markdown is read.
    let run = site.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    let err = &run.stderr;
    let at = |line: usize, message: &str| error_at(err, "articles/bad.md", line, message);
    at(
        4,
        "the picture `articles/iphone.heic` is HEIC (an iPhone photo), which unionpress cannot read",
    );
    assert!(err.contains("export it as JPEG"), "{err}");
    at(7, "the picture `articles/corrupted.jpg` cannot be read: ");
    at(
        11,
        "the picture `articles/png-named.jpg` is named as JPEG but is PNG",
    );
    at(
        13,
        "the picture `articles/bomb.png` is 100000×100000 pixels, more than the 100 megapixels `images: max_pixels:` allows",
    );
    at(15, "the picture `small.jpg` has no alternative text");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!site.public().exists(), "a failed build wrote public/");

    // Its header whole, a truncated photo fails when decoded (and is not
    // filled in with grey), at the same place.
    site.article(
        "bad.md",
        "title: 坏图\ndate: 2024-12-19",
        "正文。\n\n![半张](truncated.jpg)\n",
    );
    let run = site.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/articles/bad.md:8:1: error: the picture `articles/truncated.jpg` cannot be read: Exhausted data in the image
  help: the file is damaged or cut short; copy it again from the camera or the photographer
1 error, 0 warnings; nothing was written
"
    );
    assert!(!site.public().exists(), "a failed build wrote public/");
}

/// The limits come from site.yaml; an unknown key there gets the closest
/// known one.
#[test]
fn limits_and_keys_of_images_in_site_yaml() {
    let site = camera_site();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\nimages:\n  max_pixels: 1000000\n",
    );
    let run = site.build();
    assert_eq!(run.status, 1);
    error_at(
        &run.stderr,
        "articles/photo.md",
        4,
        "the picture `articles/camera.jpg` is 3000×2000 pixels, more than the 1 megapixels `images: max_pixels:` allows",
    );
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\nimages:\n  widht: [300]\n",
    );
    let run = site.build();
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("site.yaml:4:3: error: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`widths`"), "{}", run.stderr);
}

/// The second build takes every resized file from the cache: nothing is
/// decoded, the cached files are not written again, and the output is the
/// same. The cache is outside the output; deleting it only costs time.
#[test]
fn a_rebuild_with_unchanged_pictures_decodes_nothing() {
    let site = camera_site();
    let options = unionpress::BuildOptions::new(site.root());
    let progress = unionpress::Progress::default();
    unionpress::build_with_progress(&options, &progress).unwrap();
    assert_eq!(progress.pictures_decoded(), 1);
    let cache = site.root().join(".unionpress-cache/images");
    let times = |dir: &Path| {
        let mut t: Vec<(std::path::PathBuf, std::time::SystemTime)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().to_path_buf(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect();
        t.sort();
        t
    };
    let cached = times(&cache);
    // Three widths in two formats, and the social card's JPEG; and the
    // note of the source's size and time that leads to them.
    assert_eq!(cached.len(), 7 + 1);
    assert_eq!(
        cached
            .iter()
            .filter(|(p, _)| p.starts_with(cache.join("seen")))
            .count(),
        1
    );
    let first = site.snapshot();

    let progress = unionpress::Progress::default();
    unionpress::build_with_progress(&options, &progress).unwrap();
    assert_eq!(progress.pictures_decoded(), 0);
    assert_eq!(times(&cache), cached);
    assert_eq!(site.snapshot(), first);

    // Touched (another time, the same bytes): read and hashed again, not
    // decoded, and remembered under its new time.
    let source = site.root().join("content/articles/camera.jpg");
    let file = std::fs::File::options().write(true).open(&source).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
        .unwrap();
    drop(file);
    let progress = unionpress::Progress::default();
    unionpress::build_with_progress(&options, &progress).unwrap();
    assert_eq!(progress.pictures_decoded(), 0);
    assert_eq!(times(&cache).len(), 7 + 2);
    assert_eq!(site.snapshot(), first);
    // Other bytes of the same size: decoded again, whatever the time.
    let mut bytes = std::fs::read(&source).unwrap();
    let flipped = bytes.len() - 3;
    bytes[flipped] ^= 1;
    std::fs::write(&source, &bytes).unwrap();
    let progress = unionpress::Progress::default();
    unionpress::build_with_progress(&options, &progress).unwrap();
    assert_eq!(progress.pictures_decoded(), 1);
    std::fs::copy(fixture_dir("photos").join("camera.jpg"), &source).unwrap();

    // A changed setting is another key: decoded again.
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\nimages:\n  jpeg_quality: 60\n",
    );
    let progress = unionpress::Progress::default();
    unionpress::build_with_progress(&options, &progress).unwrap();
    assert_eq!(progress.pictures_decoded(), 1);

    // Deleted, the cache is made again and the output is the same.
    std::fs::remove_dir_all(site.root().join(".unionpress-cache")).unwrap();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\n",
    );
    site.build().ok();
    assert_eq!(site.snapshot(), first);
}

/// `images: publish_originals: true` publishes the original too.
#[test]
fn the_original_is_published_only_when_asked() {
    let site = camera_site();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\nimages:\n  publish_originals: true\n",
    );
    site.build().ok();
    assert_eq!(
        std::fs::read(site.public().join("articles/photo/camera.jpg")).unwrap(),
        std::fs::read(fixture_dir("photos").join("camera.jpg")).unwrap()
    );
}

/// Pictures alone in one paragraph form a gallery (a `div`, each picture
/// with its own alt text, smaller `sizes`); a picture in a sentence stays
/// in its paragraph.
#[test]
fn pictures_alone_in_a_paragraph_form_a_gallery() {
    let site = site_with(&["orientation-1.jpg", "orientation-6.jpg", "small.jpg"]);
    site.article(
        "gallery.md",
        "title: 图集\ndate: 2024-12-19",
        "现场照片如下。\n\n![第一张](orientation-1.jpg)\n![第二张](orientation-6.jpg)\n![第三张](small.jpg)\n\n文中的图 ![小图](small.jpg) 在句子里。\n",
    );
    site.build().ok();
    let page = site.page("/articles/gallery/");
    assert_eq!(
        page.attrs(".article-body .gallery picture img", "alt"),
        ["第一张", "第二张", "第三张"]
    );
    assert_eq!(page.count(".article-body p .gallery"), 0);
    assert_eq!(
        page.attrs(".article-body .gallery picture source", "sizes"),
        ["(max-width: 46rem) 50vw, 15rem"; 3]
    );
    assert_eq!(page.attrs(".article-body p picture img", "alt"), ["小图"]);
    assert_eq!(
        page.attrs(".article-body p picture source", "sizes"),
        ["(max-width: 46rem) 100vw, 46rem"]
    );
}

/// 图片新闻: a picture's Markdown title is its caption, under it in a
/// `<figure>` with the photographers' credit (`摄 张三`, as the byline
/// writes it); a picture without a title, or in a sentence, stays a plain
/// `<picture>` (a `<figure>` cannot be inside a paragraph).
#[test]
fn a_titled_picture_is_a_figure_with_its_caption_and_the_credit() {
    let site = site_with(&["orientation-1.jpg", "orientation-6.jpg", "small.jpg"]);
    site.article(
        "photo-news.md",
        "title: 图片新闻\ndate: 2024-12-19\nkind: photo\nphotographers: [张三, 李四]",
        concat!(
            "![工人在车间](small.jpg \"12月18日，工人在车间检修设备。\")\n\n",
            "![无题](orientation-1.jpg)\n\n",
            "句中 ![小图](small.jpg \"不是图注\") 在句子里。\n\n",
            "![甲](orientation-1.jpg \"第一张\")\n![乙](orientation-6.jpg)\n",
        ),
    );
    site.article(
        "no-credit.md",
        "title: 无摄影\ndate: 2024-12-19",
        "![工人](small.jpg \"图注 <b>&</b>\")\n",
    );
    site.build().ok();
    let page = site.page("/articles/photo-news/");
    assert_eq!(
        page.texts(".article-body > figure figcaption"),
        ["12月18日，工人在车间检修设备。（摄 张三、李四）"]
    );
    assert_eq!(
        page.texts(".article-body > figure figcaption .credit"),
        ["（摄 张三、李四）"]
    );
    assert_eq!(
        page.attrs(".article-body > figure picture img", "alt"),
        ["工人在车间"]
    );
    // Not inside a paragraph, and its files exist.
    assert_eq!(page.count(".article-body p figure"), 0);
    let srcset = page.attrs(".article-body > figure picture source", "srcset");
    assert!(!srcset_widths(&site, "articles/photo-news", &srcset[0]).is_empty());
    // No title: a plain picture in its paragraph, as before.
    assert_eq!(
        page.attrs(".article-body > p > picture img", "alt"),
        ["无题", "小图"]
    );
    // In a sentence: plain, the title kept as the attribute.
    assert_eq!(
        page.attrs(".article-body > p > picture img[alt='小图']", "title"),
        ["不是图注"]
    );
    // In a gallery: a figure among the pictures.
    assert_eq!(
        page.texts(".gallery figure figcaption"),
        ["第一张（摄 张三、李四）"]
    );
    assert_eq!(page.attrs(".gallery picture img", "alt"), ["甲", "乙"]);
    assert_eq!(page.count("figure"), 2 + 1); // and the share QR code's

    // No photographers: the caption alone, its text escaped.
    let page = site.page("/articles/no-credit/");
    assert_eq!(
        page.texts(".article-body figure figcaption"),
        ["图注 <b>&</b>"]
    );
    assert_eq!(page.count(".article-body figure .credit"), 0);
    assert_eq!(page.count(".article-body figure b"), 0);
}

/// A titled picture alone in a list item (`- ![图](p.jpg "说明")`, or a
/// numbered one) keeps its caption: the item holds a `<figure>`, which a
/// list item may, as a loose list's item already did. In a sentence it
/// stays a plain picture, as in a paragraph. Parsed as a browser parses
/// it: a `<figure>` written inside a `<p>` would leave an empty paragraph
/// behind.
#[test]
fn a_titled_picture_alone_in_a_list_item_is_a_figure() {
    let site = site_with(&["orientation-1.jpg", "orientation-6.jpg", "small.jpg"]);
    site.article(
        "lists.md",
        "title: 列表里的图\ndate: 2024-12-19\nphotographers: [张三]",
        concat!(
            "- ![工人在车间](small.jpg \"12月18日，工人在车间检修设备。\")\n",
            "- 第二项文字\n\n",
            "1. ![甲](orientation-1.jpg \"第一张\")\n",
            "2. 句中 ![乙](orientation-6.jpg \"不是图注\") 在句子里。\n",
            "3. ![丙](orientation-1.jpg \"有子项\")\n",
            "   - 子项\n\n",
            "段落。\n\n",
            "- ![丁](small.jpg \"松散列表\")\n\n",
            "- 另一项\n",
        ),
    );
    site.build().ok();
    let page = site.page("/articles/lists/");
    assert_eq!(
        page.texts(".article-body ul > li > figure > figcaption"),
        [
            "12月18日，工人在车间检修设备。（摄 张三）",
            "松散列表（摄 张三）"
        ]
    );
    assert_eq!(
        page.texts(".article-body ol > li > figure > figcaption"),
        ["第一张（摄 张三）", "有子项（摄 张三）"]
    );
    assert_eq!(
        page.attrs(".article-body li > figure > picture > img", "alt"),
        ["工人在车间", "甲", "丙", "丁"]
    );
    // The caption is the figure's, not also a tooltip.
    assert_eq!(page.count(".article-body li > figure img[title]"), 0);
    // In a sentence: plain, the title kept as the attribute.
    assert_eq!(
        page.attrs(".article-body ol > li > picture > img", "title"),
        ["不是图注"]
    );
    assert_eq!(page.count(".article-body figure"), 4);
    // No paragraph was split around a figure: the only ones in items are
    // the loose list's text.
    assert_eq!(page.texts(".article-body li p"), ["另一项"]);
    assert_eq!(page.texts(".article-body ol li li"), ["子项"]);
    let srcset = page.attrs(".article-body li > figure source", "srcset");
    assert_eq!(srcset.len(), 4);
    assert!(!srcset_widths(&site, "articles/lists", &srcset[0]).is_empty());
}

/// The social card's file is never enlarged: a lead picture narrower than
/// 1200 pixels is shared at its own width, with no file besides.
#[test]
fn a_small_lead_picture_is_shared_at_its_own_width() {
    let site = site_with(&["small.jpg"]);
    site.article(
        "small.md",
        "title: 小图\ndate: 2024-12-19\nimage: {src: small.jpg, alt: 小图}",
        "正文。\n",
    );
    site.build().ok();
    let page = site.page("/articles/small/");
    let (w, h) = {
        let img = decoded(&fixture_dir("photos").join("small.jpg"));
        (img.width(), img.height())
    };
    assert!(w < 1200, "small.jpg is {w} wide");
    assert_eq!(
        page.attrs("meta[property='og:image']", "content"),
        [format!("https://example.org/articles/small/small-{w}.jpg")]
    );
    assert_eq!(
        page.attrs("meta[property='og:image:width']", "content"),
        [w.to_string()]
    );
    assert_eq!(
        page.attrs("meta[property='og:image:height']", "content"),
        [h.to_string()]
    );
    let shared = decoded(&site.public().join(format!("articles/small/small-{w}.jpg")));
    assert_eq!(shared.width(), w);
    assert!(!site.exists("articles/small/small-1200.jpg"));
}

/// A picture in a bulletin's note is in its e-mail as a plain `<img>` of a
/// 600-pixel JPEG made for it, by its full address, with its size; the
/// bulletin's web page keeps its `srcset` without that file.
#[test]
fn the_email_bulletin_shows_a_600_pixel_jpeg_by_its_full_address() {
    let site = site_with(&["camera.jpg"]);
    site.article(
        "a.md",
        "title: 一\ndate: 2024-12-19",
        "正文。\n\n![会场](camera.jpg)\n",
    );
    site.write(
        "content/bulletins/2024-12.md",
        "---\ntitle: 简报\nnumber: 2024年第12期\ndate: 2024-12-31\narticles:\n  - articles/a.md\n---\n\n编者按。\n\n![会场](../articles/camera.jpg \"会场一角\")\n",
    );
    site.build().ok();
    let doc = scraper::Html::parse_document(&site.read("bulletins/2024-12/email.html"));
    let sel = scraper::Selector::parse("img").unwrap();
    let imgs: Vec<_> = doc.select(&sel).collect();
    assert_eq!(imgs.len(), 1);
    let img = imgs[0].value();
    assert_eq!(
        img.attr("src"),
        Some("https://example.org/bulletins/2024-12/camera-600.jpg")
    );
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("600"), Some("400"))
    );
    assert_eq!(img.attr("srcset"), None);
    assert_eq!(img.attr("alt"), Some("会场"));
    let file = site.public().join("bulletins/2024-12/camera-600.jpg");
    assert_eq!(format_of(&file), image::ImageFormat::Jpeg);
    let pixels = decoded(&file);
    assert_eq!((pixels.width(), pixels.height()), (600, 400));
    // The web page: its srcset as for any picture, without the e-mail's.
    let page = site.page("/bulletins/2024-12/");
    let srcset = page.attrs("picture img", "srcset");
    assert_eq!(
        srcset_widths(&site, "bulletins/2024-12", &srcset[0]),
        [480, 960, 1600]
    );
    // An article showing the same picture gets no e-mail file.
    assert!(site.exists("articles/a/camera-960.jpg"));
    assert!(!site.exists("articles/a/camera-600.jpg"));
}

/// A feed reader resolves a relative URL against the feed's address, not
/// the article's: in an Atom entry each picture is a plain `<img>` of its
/// 960-pixel JPEG by its full address, with no `srcset`.
#[test]
fn feed_entries_show_pictures_by_their_full_address() {
    let site = camera_site();
    site.build().ok();
    let xml = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let content: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name(("http://www.w3.org/2005/Atom", "content")))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(content.len(), 1);
    let html = scraper::Html::parse_fragment(content[0]);
    let sel = scraper::Selector::parse("img").unwrap();
    let imgs: Vec<_> = html.select(&sel).map(|e| e.value()).collect();
    assert_eq!(imgs.len(), 1);
    assert_eq!(
        imgs[0].attr("src"),
        Some("https://example.org/articles/photo/camera-960.jpg")
    );
    assert_eq!(imgs[0].attr("alt"), Some("宇航员在训练"));
    assert_eq!(imgs[0].attr("srcset"), None);
    // The size of the file shown (camera.jpg is 3000×2000), not the
    // largest one's.
    assert_eq!(
        (imgs[0].attr("width"), imgs[0].attr("height")),
        (Some("960"), Some("640"))
    );
    let any = scraper::Selector::parse("picture, source, [srcset]").unwrap();
    assert_eq!(html.select(&any).count(), 0);
    // The caption stays with it.
    let caption = scraper::Selector::parse("figure figcaption").unwrap();
    assert_eq!(
        html.select(&caption)
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>(),
        ["训练中"]
    );
    let file = site.public().join("articles/photo/camera-960.jpg");
    assert_eq!(decoded(&file).width(), 960);
}

/// On lists, a card shows its article's lead picture small: the 480-pixel
/// JPEG, whole (its own proportions in `width` and `height`), lazily.
#[test]
fn a_card_on_a_list_shows_the_lead_picture_small() {
    let site = camera_site();
    site.article("plain.md", "title: 无图\ndate: 2024-12-18", "正文。\n");
    site.build().ok();
    let page = site.page("/");
    let thumb = ".card .thumb img";
    assert_eq!(page.attrs(thumb, "src"), ["/articles/photo/camera-480.jpg"]);
    assert_eq!(page.attrs(thumb, "width"), ["480"]);
    assert_eq!(page.attrs(thumb, "height"), ["320"]);
    assert_eq!(page.attrs(thumb, "loading"), ["lazy"]);
    assert_eq!(page.count(".card"), 2);
    assert_eq!(page.count(".card .thumb"), 1);
    let file = decoded(&site.public().join("articles/photo/camera-480.jpg"));
    assert_eq!((file.width(), file.height()), (480, 320));
}

/// The e-mail bulletin shows each listed article's lead picture above its
/// title: a plain `<img>` of a 600-pixel JPEG made for it, beside the
/// article, by its full address, with its size. An article no bulletin
/// lists gets no such file.
#[test]
fn the_email_bulletin_shows_its_articles_lead_pictures_at_600_pixels() {
    let site = site_with(&["camera.jpg", "small.jpg"]);
    site.article(
        "a.md",
        "title: 有图\ndate: 2024-12-19\nimage: {src: camera.jpg, alt: 宇航员}",
        "正文。\n",
    );
    site.article("b.md", "title: 无图\ndate: 2024-12-18", "正文。\n");
    site.article(
        "c.md",
        "title: 不在简报\ndate: 2024-12-17\nimage: {src: small.jpg, alt: 小图}",
        "正文。\n",
    );
    site.write(
        "content/bulletins/2024-12.md",
        "---\ntitle: 简报\nnumber: 2024年第12期\ndate: 2024-12-31\narticles:\n  - articles/a.md\n  - articles/b.md\n---\n\n编者按。\n",
    );
    site.build().ok();
    let doc = scraper::Html::parse_document(&site.read("bulletins/2024-12/email.html"));
    let items = scraper::Selector::parse("td.item").unwrap();
    let img = scraper::Selector::parse("img").unwrap();
    let cards: Vec<Vec<(String, String, String, String)>> = doc
        .select(&items)
        .map(|card| {
            card.select(&img)
                .map(|i| {
                    let v = i.value();
                    let a = |name| v.attr(name).unwrap_or_default().to_string();
                    (a("src"), a("width"), a("height"), a("alt"))
                })
                .collect()
        })
        .collect();
    assert_eq!(
        cards,
        [
            vec![(
                "https://example.org/articles/a/camera-600.jpg".to_string(),
                "600".to_string(),
                "400".to_string(),
                "宇航员".to_string()
            )],
            vec![]
        ]
    );
    let file = site.public().join("articles/a/camera-600.jpg");
    assert_eq!(format_of(&file), image::ImageFormat::Jpeg);
    let pixels = decoded(&file);
    assert_eq!((pixels.width(), pixels.height()), (600, 400));
    // Not in the article page's srcset, and not made for an article that
    // no bulletin lists.
    let page = site.page("/articles/a/");
    assert!(
        !page
            .attrs("img", "srcset")
            .iter()
            .any(|s| s.contains("-600."))
    );
    let c_files: Vec<String> = std::fs::read_dir(site.public().join("articles/c"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!c_files.iter().any(|n| n.contains("-600.")), "{c_files:?}");
}

/// The memory bound holds for the largest picture allowed: two different
/// 100-megapixel photos (made here, not committed), with
/// `pixel_budget: 100000000`, are never decoded at once, so the build's
/// peak memory is one decoded picture (3 bytes a pixel, 300 MB) and the
/// rest of the build, well under the 600 MB that two at once would take.
/// The peak is the build process's own (`wait4`), not a timing.
///
/// Some seconds in a debug build: the pixel work is `unionpress_pixels`,
/// which runs optimised there too (it took minutes when unionpress
/// compiled it), and the photos are written by it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn two_100_megapixel_photos_are_resized_within_the_pixel_budget() {
    const SIDE: u32 = 10_000;
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        "title: 测试站\nbase_url: https://example.org\nimages:\n  pixel_budget: 100000000\n",
    );
    // Grey gradients, one across and one down: quick to make and encode,
    // decoded as RGB like any photo.
    let shade = |i: u32| (i * 255 / SIDE) as u8;
    let row: Vec<u8> = (0..SIDE).map(shade).collect();
    for (name, across) in [("wide.jpg", true), ("tall.jpg", false)] {
        let mut pixels = Vec::with_capacity((SIDE * SIDE) as usize);
        for y in 0..SIDE {
            if across {
                pixels.extend_from_slice(&row);
            } else {
                pixels.resize(pixels.len() + SIDE as usize, shade(y));
            }
        }
        let jpeg =
            unionpress_pixels::jpeg(&pixels, SIDE, SIDE, image::ExtendedColorType::L8, 50).unwrap();
        std::fs::write(site.root().join("content/articles").join(name), jpeg).unwrap();
    }
    site.article(
        "big.md",
        "title: 大图\ndate: 2024-12-19\nimage: {src: wide.jpg, alt: 横}",
        "![竖](tall.jpg)\n",
    );
    // Reaped by wait4 below, which std's `wait` would not let us read.
    #[allow(clippy::zombie_processes)]
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_unionpress"))
        .args(["build", "--quiet", "--root"])
        .arg(site.root())
        .spawn()
        .unwrap();
    // wait4 gives this child's own peak (RUSAGE_CHILDREN would be the
    // largest of every child the suite has waited for).
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: `pid` is our child, not yet waited for; both pointers are to
    // live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "the build failed: {status}"
    );
    let peak = usage.ru_maxrss as u64 * 1024;
    let one_picture = 100_000_000 * 3;
    let bound = one_picture + 160 * 1024 * 1024;
    assert!(
        peak < bound,
        "peak {} MiB, over the bound of {} MiB",
        peak >> 20,
        bound >> 20
    );
    // Both were published, resized.
    for name in ["wide-1600.jpg", "tall-1600.webp"] {
        let img = decoded(&site.public().join("articles/big").join(name));
        assert_eq!(img.width(), 1600, "{name}");
    }
    eprintln!("peak RSS of the build: {} MiB", peak >> 20);
}

/// `serve` keeps each article's rendered Markdown between rebuilds, keyed
/// by its text and the names of the files beside it: a picture replaced
/// by one of another size (same name) must not keep the old `width` and
/// `height` (the page would jump, or the picture be squeezed).
#[test]
fn a_replaced_picture_is_planned_again_by_a_rebuild_that_remembers() {
    let site = camera_site();
    let options = unionpress::BuildOptions::new(site.root());
    let memos = unionpress::Memos::default();
    let body_picture = || {
        let diagnostics = unionpress::error::Diagnostics::default();
        let site =
            unionpress::reload_site(&options, &diagnostics, &mut Vec::new(), &memos, None).unwrap();
        assert!(!diagnostics.has_errors());
        let a = &site.articles[0];
        let p = &a.body.pictures[0].0;
        let shown = p.fallback().last().unwrap();
        let size = format!(r#"width="{}" height="{}""#, shown.width, shown.height);
        assert!(a.body.html.contains(&size), "{size} not in {}", a.body.html);
        (p.width, p.height)
    };
    assert_eq!(body_picture(), (3000, 2000));
    assert_eq!(body_picture(), (3000, 2000));
    // Replaced by a smaller photo under the same name.
    std::fs::copy(
        fixture_dir("photos").join("orientation-1.jpg"),
        site.root().join("content/articles/camera.jpg"),
    )
    .unwrap();
    assert_eq!(body_picture(), (600, 300));
}
