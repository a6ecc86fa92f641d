//! A build's output depends only on its input: rendering on many threads
//! gives byte for byte what one thread gives, so deploys do not churn and
//! caches stay warm.

use std::process::Command;

use crate::corpus::corpus;
use crate::harness::snapshot;

/// Also guards region slug clashes: the corpus has both 山西省 and 陕西省
/// (`shan-xi-sheng`), whose pages once overwrote each other in thread order.
#[test]
fn a_parallel_build_is_byte_identical_to_a_single_threaded_one() {
    let site = corpus(150, 3);
    let build = |threads: &str, out: &str| {
        let run = Command::new(env!("CARGO_BIN_EXE_unionpress"))
            .env("UNIONPRESS_LANG", "en")
            .args(["build", "--quiet", "--root"])
            .arg(site.root())
            .arg("--output")
            .arg(site.root().join(out))
            .env("RAYON_NUM_THREADS", threads)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        snapshot(&site.root().join(out))
    };
    let one = build("1", "public-1");
    let many = build("4", "public-4");
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&one),
        names(&many),
        "the two builds wrote different files"
    );
    for ((name, a), (_, b)) in one.iter().zip(&many) {
        assert!(a == b, "{name} differs between 1 and 4 threads");
    }
}
