//! Which files the desk may write, and how it writes them.
//!
//! A path from the browser is a site path (`content/articles/2024/a.md`):
//! it must lie under `content/`, have no `..`, `.`, empty, hidden or
//! absolute part, and lead — symbolic links followed — to a place inside
//! the site. A file is written whole to a temporary file beside it and
//! renamed over the old one, so a reader (the preview's watcher, a crash)
//! sees the old file or the new, never half of one. A new file is linked
//! into place only if nothing is there (`hard_link` fails on an existing
//! name), so a file made meanwhile is never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Failure;

/// The folder under the site root that the desk writes in.
pub const CONTENT: &str = "content";

/// `rel` (a site path such as `content/articles/a.md`) as a path under
/// `root`, if the desk may write there; refused with a message otherwise.
pub fn content_path(root: &Path, rel: &str) -> Result<PathBuf, Failure> {
    let refused = || Failure::refused(crate::t!("desk-path-refused", path = rel));
    let plain = !rel.is_empty()
        && !rel.contains(['\\', ':', '\0'])
        && !rel.starts_with('/')
        && rel
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != ".." && !s.starts_with('.'));
    let Some(inside) = rel.strip_prefix("content/") else {
        return Err(refused());
    };
    if !plain || inside.is_empty() {
        return Err(refused());
    }
    let path = root.join(rel);
    if !stays_inside(root, &path) {
        return Err(refused());
    }
    Ok(path)
}

/// The bytes of the file `abs`, which the browser named `rel`: a 404
/// when there is none.
pub fn read_existing(abs: &Path, rel: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(abs).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Failure::new(
            axum::http::StatusCode::NOT_FOUND,
            crate::t!("desk-no-article", path = rel),
        ),
        _ => Failure::io(abs, &e),
    })
}

/// Whether `path` (under `root`) stays in the site with every symbolic
/// link on the way followed: the deepest part that exists is resolved,
/// and must be inside `content/`.
pub fn stays_inside(root: &Path, path: &Path) -> bool {
    let Ok(content) = root.join(CONTENT).canonicalize() else {
        return false;
    };
    let mut probe = path.to_path_buf();
    loop {
        if std::fs::symlink_metadata(&probe).is_ok() {
            return match probe.canonicalize() {
                Ok(real) => real.starts_with(&content),
                // A dangling link: where it would lead is unknown.
                Err(_) => false,
            };
        }
        if !probe.pop() {
            return false;
        }
    }
}

/// Writes `bytes` to `path` atomically, replacing what is there; the new
/// file keeps the old one's permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = write_temp(path, bytes)?;
    let kept = std::fs::metadata(path)
        .and_then(|m| std::fs::set_permissions(&temp, m.permissions()))
        .or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Ok(()),
            _ => Err(e),
        });
    kept.and_then(|()| std::fs::rename(&temp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
}

/// Writes `bytes` to `path` atomically, only if nothing is there:
/// `AlreadyExists` otherwise.
pub fn create(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = write_temp(path, bytes)?;
    let linked = std::fs::hard_link(&temp, path);
    let _ = std::fs::remove_file(&temp);
    linked
}

/// A new hidden file beside `path` holding `bytes`, synced to the disk.
/// Hidden: the loader and the preview's watcher leave it alone.
fn write_temp(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let n = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.desk-{}-{n}.tmp", std::process::id()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_under_content_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        assert!(content_path(&root, "content/articles/a.md").is_ok());
        assert!(content_path(&root, "content/articles/new/b.md").is_ok());
        for bad in [
            "site.yaml",
            "content",
            "content/",
            "content/../site.yaml",
            "content/articles/../../x.md",
            "/etc/passwd",
            "content/./a.md",
            "content/.unionpress-trash/a.md",
            "content/a\\b.md",
            "content//a.md",
            "C:/a.md",
            "templates/article.html",
        ] {
            assert!(content_path(&root, bad).is_err(), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_site_is_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("content/out")).unwrap();
        std::os::unix::fs::symlink(root.join("site.yaml"), root.join("content/cfg.md")).unwrap();
        assert!(content_path(&root, "content/out/a.md").is_err());
        assert!(content_path(&root, "content/out/new/a.md").is_err());
        assert!(content_path(&root, "content/cfg.md").is_err());
    }

    #[test]
    fn create_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        create(&path, b"one").unwrap();
        let e = create(&path, b"two").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        replace(&path, b"three").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
    }
}
