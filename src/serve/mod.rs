//! `unionpress serve`: a live preview for editors.
//!
//! Four parts, each in its own thread:
//!
//! - the **builder** (`builder`) builds the site into a private preview
//!   folder, never into `public/`, and publishes each good build into it
//!   (`publish`): only the files whose bytes changed are written, so the
//!   browsers reload as soon as the pages are written;
//! - the **indexer** (`index`) makes the search index (most of a rebuild's
//!   work on a large site) on its own thread, so that pages never wait for
//!   it, and switches to each complete index in one step;
//! - the **HTTP server** (`http`) serves that folder on 127.0.0.1, adds the
//!   live-reload script to the HTML it serves, and streams build events to
//!   every open tab over Server-Sent Events;
//! - the **watcher** (`watch`) tells the builder when an editor saves a file.
//!
//! [`Preview`] (`preview`) is what they share; `run` starts them and runs
//! the loop that rebuilds after each save.

mod builder;
pub mod http;
mod in_place;
pub mod index;
mod patch;
mod preview;
mod publish;
mod run;
pub mod watch;

pub use builder::{Builder, Rebuilt};
pub use preview::{Preview, PreviewState};
pub use run::{ServeOptions, run};
