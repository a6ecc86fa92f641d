//! One build at a time per output: an advisory lock on a file beside it.
use std::fs;
use std::path::Path;

use crate::error::{Error, Result};

/// Takes the lock of the output `target` at `path`, waiting (and saying so)
/// while another build holds it. The file stays: removing it would let a
/// third build lock a new file while a second still waits on the old one.
pub(super) fn lock(path: &Path, target: &Path) -> Result<fs::File> {
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let holder = fs::read_to_string(path).unwrap_or_default();
            let holder = holder.trim();
            let waiting = if holder.is_empty() {
                crate::t!("output-waiting", folder = target.display())
            } else {
                crate::t!(
                    "output-waiting-process",
                    folder = target.display(),
                    process = holder
                )
            };
            eprintln!("{waiting}");
            file.lock().map_err(|e| Error::io(path, e))?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
    }
    // Who holds it, for the message of a build that waits.
    use std::io::{Seek, Write};
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| write!(file, "{}", std::process::id()));
    Ok(file)
}
