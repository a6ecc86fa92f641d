//! The integration suite: one binary, a module per feature. Each test copies a
//! small fixture site into a temporary folder, runs the real `unionpress`
//! binary on it, and reads what it wrote (HTML parsed, never grepped).

mod aliases;
mod all_errors;
mod articles;
mod bad_input;
mod bulletins;
mod check;
mod claims;
mod commit;
mod corpus;
mod demo;
mod desk;
mod determinism;
mod drafts;
mod errors;
mod escaping;
mod feeds;
mod harness;
mod honour_roll;
mod import;
mod import_bench;
mod import_docx;
mod import_web;
mod incremental;
mod interrupt;
mod language;
mod layers;
mod lists;
mod new_init;
mod output;
mod pagination;
mod photos;
mod regions;
mod same_output;
mod serve;
mod serve_index;
mod slugs;
mod smoke;
mod symlinks;
mod themes;
mod typing;
mod xss;
