//! The process's memory, as glibc's allocator manages it: the peak of a
//! 100,000-article build (goal: at most 2 GB) depends on it as much as on
//! what the build holds. Elsewhere (other platforms and C libraries) these
//! do nothing.

/// At start-up: at most two malloc arenas. glibc gives each thread that
/// meets a locked arena one of its own, up to eight per core, and a freed
/// block in one arena cannot serve another's requests, so the Markdown,
/// pages and search index, made on different threads, each leave their
/// own high-water mark. Two arenas took `check` of 100,000 articles from
/// 2,452 MB to 2,197 MB peak with no measurable change of CPU time
/// (BENCHMARKS.md, "100,000 articles"). `MALLOC_ARENA_MAX` in the
/// environment still wins, for measuring.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets a tunable of the allocator; it is
        // called before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

/// Gives the memory freed so far back to the system: glibc keeps freed
/// blocks inside its heaps for later small requests, while the search
/// index grows in large ones that it maps afresh, so without this the
/// articles' HTML freed before the index would still count in the peak.
pub fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the heaps to the
    // system; it takes the allocator's own locks.
    unsafe {
        libc::malloc_trim(0);
    }
}
