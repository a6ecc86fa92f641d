//! Where an output is: the path the editor named made absolute, and the
//! folder a symlink there leads to.
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// `path` made absolute without following a symlink at its end.
pub(super) fn absolute(path: &Path) -> Result<PathBuf> {
    let (parent, name) = match (path.parent(), path.file_name()) {
        (Some(p), Some(n)) => (
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            },
            n,
        ),
        _ => {
            return Err(Error::Usage(crate::t!(
                "output-not-a-folder-name",
                path = path.display()
            )));
        }
    };
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let parent = fs::canonicalize(parent).map_err(|e| Error::io(parent, e))?;
    Ok(parent.join(name))
}

/// The folder an output path stands for: `path` itself, or where the chain
/// of symlinks starting at it ends (which need not exist yet).
pub(super) fn resolve(path: &Path) -> Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&at).map_err(|e| Error::io(&at, e))?;
                at = absolute(&at.parent().unwrap_or(Path::new("/")).join(to))?;
            }
            _ => return Ok(at),
        }
    }
    Err(Error::Usage(crate::t!(
        "output-symlink-loop",
        path = path.display()
    )))
}

/// An absolute output path's folder and name.
pub(super) fn split(target: &Path) -> Result<(PathBuf, String)> {
    match (target.parent(), target.file_name()) {
        (Some(parent), Some(name)) => {
            Ok((parent.to_path_buf(), name.to_string_lossy().into_owned()))
        }
        _ => Err(Error::Usage(crate::t!(
            "output-not-a-folder-name",
            path = target.display()
        ))),
    }
}
