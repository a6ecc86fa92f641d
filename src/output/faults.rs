//! Faults a test injects into a build's writes and commit, to check that an
//! interrupted or failing build leaves the previous site whole.
use std::path::PathBuf;

use crate::error::{Error, Result};

/// The steps of a commit, after which a test can make the build fail or
/// stop dead (see [`Faults`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// The staging folder's manifest is written.
    Manifest,
    /// The staging folder and the output have swapped names.
    Exchange,
    /// Without the swap: the previous output has its retired name.
    Retire,
    /// The staging folder has the output's name.
    Place,
    /// The previous site is deleted.
    Clean,
}

/// Failures a test asks for through `UNIONPRESS_TEST_FAULT`, so that the
/// commit can be interrupted at each of its steps, which no signal sent
/// from outside can hit reliably. The value is a comma-separated list of
/// `fail-after:<step>` (the build fails there with an I/O error),
/// `abort-after:<step>` (the process stops dead there, as if killed),
/// `no-exchange` (the two-rename commit of systems without the swap) and
/// `full-disk-after:<n>` (every file after the first `n` fails to be
/// written, as on a full disk).
#[derive(Debug, Default)]
pub(super) struct Faults {
    fail: Option<Step>,
    abort: Option<Step>,
    pub(super) no_exchange: bool,
    full_disk_after: Option<usize>,
    files: std::sync::atomic::AtomicUsize,
}

impl Faults {
    pub(super) fn from_env() -> Faults {
        let mut faults = Faults::default();
        let Ok(spec) = std::env::var("UNIONPRESS_TEST_FAULT") else {
            return faults;
        };
        let step = |name: &str| match name {
            "manifest" => Some(Step::Manifest),
            "exchange" => Some(Step::Exchange),
            "retire" => Some(Step::Retire),
            "place" => Some(Step::Place),
            "clean" => Some(Step::Clean),
            _ => None,
        };
        for item in spec.split(',') {
            match item.split_once(':') {
                Some(("fail-after", s)) => faults.fail = step(s),
                Some(("abort-after", s)) => faults.abort = step(s),
                Some(("full-disk-after", n)) => faults.full_disk_after = n.parse().ok(),
                _ => faults.no_exchange |= item == "no-exchange",
            }
        }
        faults
    }

    pub(super) fn writing(&self) -> std::io::Result<()> {
        let Some(limit) = self.full_disk_after else {
            return Ok(());
        };
        if self
            .files
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            < limit
        {
            Ok(())
        } else {
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "No space left on device (injected by UNIONPRESS_TEST_FAULT)",
            ))
        }
    }

    pub(super) fn after(&self, step: Step) -> Result<()> {
        if self.abort == Some(step) {
            std::process::abort();
        }
        if self.fail == Some(step) {
            return Err(Error::Io(
                PathBuf::from(format!("{step:?}")),
                std::io::Error::other("failure injected by UNIONPRESS_TEST_FAULT"),
            ));
        }
        Ok(())
    }
}
