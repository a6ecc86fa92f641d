//! Pagination: any list split into pages of `paginate_by`, page 1 at the
//! list's own URL and page N at `<list URL>page/N/`.

use serde::Serialize;
use std::ops::Range;

use super::urls::page_of_list as page_path;

#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// 1-based.
    pub number: usize,
    pub total: usize,
    /// Site path of this page.
    pub path: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Page numbers and paths to link to: the first, the last and two on
    /// each side of this one (a full list would grow with the square of the
    /// list's length). Empty when there is only one page.
    pub pages: Vec<(usize, String)>,
}

/// Splits `len` items into pages; an empty list still has one (empty) page.
pub fn paginate(len: usize, per_page: usize, base: &str) -> Vec<(Range<usize>, Pager)> {
    (1..=page_count(len, per_page))
        .map(|n| (items_on(len, per_page, n), pager(len, per_page, base, n)))
        .collect()
}

/// How many pages `len` items make, `per_page` a page: at least one.
pub fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1)).max(1)
}

/// The items on page `n` (1-based) of `len` items.
pub fn items_on(len: usize, per_page: usize, n: usize) -> Range<usize> {
    let per_page = per_page.max(1);
    let start = ((n.max(1) - 1) * per_page).min(len);
    start..(start + per_page).min(len)
}

/// Page `n` (1-based) of `len` items, `per_page` a page, in the list at
/// `base`: made only for a page that is rendered (`serve` keys the others
/// by their number and count alone).
pub fn pager(len: usize, per_page: usize, base: &str, n: usize) -> Pager {
    let total = page_count(len, per_page);
    Pager {
        number: n,
        total,
        path: page_path(base, n),
        prev: (n > 1).then(|| page_path(base, n - 1)),
        next: (n < total).then(|| page_path(base, n + 1)),
        pages: if total <= 1 {
            Vec::new()
        } else {
            // The first, two on each side of this one, the last:
            // built from those few, not by scanning every page.
            let mut near = vec![1];
            near.extend(n.saturating_sub(2).max(2)..=(n + 2).min(total));
            if total > *near.last().unwrap_or(&1) {
                near.push(total);
            }
            near.into_iter().map(|m| (m, page_path(base, m))).collect()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let pages = paginate(41, 20, "/tags/x/");
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].0, 0..20);
        assert_eq!(pages[2].0, 40..41);
        assert_eq!(pages[0].1.path, "/tags/x/");
        assert_eq!(pages[1].1.path, "/tags/x/page/2/");
        assert_eq!(pages[1].1.prev.as_deref(), Some("/tags/x/"));
        assert_eq!(pages[2].1.next, None);
        assert_eq!(paginate(40, 20, "/").len(), 2);
        assert_eq!(paginate(0, 20, "/").len(), 1);
        let numbers = |n: usize| -> Vec<usize> {
            paginate(200, 20, "/")[n - 1]
                .1
                .pages
                .iter()
                .map(|p| p.0)
                .collect()
        };
        assert_eq!(numbers(1), [1, 2, 3, 10]);
        assert_eq!(numbers(5), [1, 3, 4, 5, 6, 7, 10]);
        assert_eq!(numbers(10), [1, 8, 9, 10]);
        assert_eq!(
            paginate(40, 20, "/")[0]
                .1
                .pages
                .iter()
                .map(|p| p.0)
                .collect::<Vec<_>>(),
            [1, 2]
        );
    }
}
