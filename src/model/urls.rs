//! Every URL the site's pages live at, built in one place.
//!
//! A page's site path starts with `/` and a folder's ends with `/`:
//! `/articles/<slug>/` is written to `articles/<slug>/index.html`. The
//! pages, the feeds, the search documents and the check that no two files
//! of the output clash all build their URLs here, so a root renamed here is
//! renamed everywhere.

/// A folder at the top of the site that unionpress fills with pages of
/// one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Root(&'static str);

pub const ARTICLES: Root = Root("articles");
pub const PROGRAMMES: Root = Root("programmes");
pub const AWARDS: Root = Root("awards");
pub const REGIONS: Root = Root("regions");
pub const TAGS: Root = Root("tags");
/// Reporters, correspondents and photographers.
pub const PEOPLE: Root = Root("authors");
pub const ARCHIVE: Root = Root("archive");
pub const BULLETINS: Root = Root("bulletins");
/// The search page, and the index files it reads beside it.
pub const SEARCH: Root = Root("search");

/// Every root, in the order of the list above.
pub const ROOTS: [Root; 9] = [
    ARTICLES, PROGRAMMES, AWARDS, REGIONS, TAGS, PEOPLE, ARCHIVE, BULLETINS, SEARCH,
];

/// Roots written whole by one step rather than page by page: nothing else
/// may put a file inside them.
pub const WHOLE: [Root; 1] = [SEARCH];

/// The front page.
pub const HOME: &str = "/";
/// The page shown for a URL that has none.
pub const NOT_FOUND: &str = "/404.html";
/// The Atom feed of the whole site.
pub const SITE_FEED: &str = "/atom.xml";

impl Root {
    /// The folder's name: `tags`.
    pub fn name(self) -> &'static str {
        self.0
    }

    /// The root's own page, listing what is under it: `/tags/`.
    pub fn index(self) -> String {
        format!("/{}/", self.0)
    }

    /// The page of `key` under the root: `/tags/<key>/`.
    pub fn page(self, key: &str) -> String {
        format!("/{}/{key}/", self.0)
    }
}

pub fn article(slug: &str) -> String {
    ARTICLES.page(slug)
}

pub fn programme(key: &str) -> String {
    PROGRAMMES.page(key)
}

pub fn award(key: &str) -> String {
    AWARDS.page(key)
}

pub fn bulletin(key: &str) -> String {
    BULLETINS.page(key)
}

/// The e-mail version of the bulletin at `page`.
pub fn bulletin_email(page: &str) -> String {
    format!("{page}email.html")
}

/// A region one level below the region at `parent` (or below
/// [`REGIONS`]).
pub fn region(parent: &str, slug: &str) -> String {
    format!("{parent}{slug}/")
}

pub fn year(year: i16) -> String {
    format!("/{}/{year:04}/", ARCHIVE.0)
}

pub fn month(year: i16, month: i8) -> String {
    format!("/{}/{year:04}/{month:02}/", ARCHIVE.0)
}

/// The Atom feed of the list at `page`.
pub fn feed(page: &str) -> String {
    format!("{page}atom.xml")
}

/// A section: the slugs of its folders under `content/`.
pub fn section(slugs: &[String]) -> String {
    format!("/{}/", slugs.join("/"))
}

/// A file shown on or linked from the page at `page`, copied beside it.
pub fn beside(page: &str, file_name: &str) -> String {
    format!("{page}{file_name}")
}

/// Page `n` of the list at `base` (which ends in `/`): page 1 is the list's
/// own URL.
pub fn page_of_list(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// The file a site path is written to: `/a/b/` → `a/b/index.html`.
pub fn file_for(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() {
        "index.html".into()
    } else if p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_sit_under_their_roots() {
        assert_eq!(article("a-b"), "/articles/a-b/");
        assert_eq!(PEOPLE.index(), "/authors/");
        assert_eq!(year(2024), "/archive/2024/");
        assert_eq!(month(2024, 3), "/archive/2024/03/");
        assert_eq!(feed(&programme("x")), "/programmes/x/atom.xml");
        assert_eq!(bulletin_email(&bulletin("b")), "/bulletins/b/email.html");
        assert_eq!(
            region(&REGIONS.index(), "an-hui-sheng"),
            "/regions/an-hui-sheng/"
        );
        assert_eq!(page_of_list("/tags/x/", 1), "/tags/x/");
        assert_eq!(page_of_list("/tags/x/", 2), "/tags/x/page/2/");
        assert!(ROOTS.iter().all(|r| !r.name().contains('/')));
        assert_eq!(file_for(HOME), "index.html");
        assert_eq!(file_for(&TAGS.index()), "tags/index.html");
        assert_eq!(file_for(SITE_FEED), "atom.xml");
    }
}
