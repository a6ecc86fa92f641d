//! unionpress: a static site generator for trade-union news.
pub mod search;
