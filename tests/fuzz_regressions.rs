//! Replays every input the fuzzer (`scripts/fuzz.sh`, `examples/fuzz`) has found failing, kept in
//! `tests/fuzz-regressions/<reader>-<fingerprint>.txt`: each must now run through its reader
//! without a panic, in under a few seconds (this is a debug build) and without 100 MB in use.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "../examples/fuzz/alloc.rs"]
mod alloc;
#[path = "../examples/fuzz/readers.rs"]
mod readers;

use std::time::{Duration, Instant};

#[global_allocator]
static COUNTING: alloc::Counting = alloc::Counting;

#[test]
fn every_committed_fuzz_failure_now_reads() {
    let catalog = ratecard::native::embedded_catalog().expect("the embedded catalog loads");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz-regressions exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    let mut replayed = 0;
    for path in &paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let Some(reader) =
            readers::READERS.iter().find(|r| name.strip_prefix(**r).is_some_and(|rest| rest.starts_with('-')))
        else {
            continue;
        };
        let input = std::fs::read(path).expect("the regression file reads");
        let base = alloc::start();
        let t = Instant::now();
        let result = std::panic::catch_unwind(|| readers::run(reader, &catalog, &input));
        let (took, used) = (t.elapsed(), alloc::peak().saturating_sub(base));
        replayed += 1;
        if result.is_err() {
            failures.push(format!("{name}: panics"));
        } else if took > Duration::from_secs(5) {
            failures.push(format!("{name}: takes {took:?}"));
        } else if used > 100_000_000 {
            failures.push(format!("{name}: has {used} bytes in use at once"));
        }
    }
    for reader in readers::READERS {
        let kept = paths
            .iter()
            .any(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&format!("{reader}-"))));
        assert!(kept, "no regression for the {reader} reader in {}", dir.display());
    }
    assert!(replayed >= readers::READERS.len(), "{replayed} replayed");
    assert_eq!(failures, Vec::<String>::new());
}
