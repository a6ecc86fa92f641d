//! The integration suite: one binary, a module per feature. Each test copies a
//! small fixture site into a temporary folder, runs the real `unionpress`
//! binary on it, and reads what it wrote (HTML parsed, never grepped).

mod harness;
mod bad_input;
mod interrupt;
mod smoke;
