//! What the CLI tests share: running the `ratecard` binary with arguments and standard input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `ratecard` with `args` on 2026-12-01 (`RATECARD_TODAY`), writing `stdin` to it when given, and returns what it printed.
pub fn ratecard(args: &[&str], stdin: Option<&str>) -> Output {
    // The CLI's today (a quote's default start month, the runway's default start) is fixed, so
    // results do not move with the calendar.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ratecard"))
        .env("RATECARD_TODAY", "2026-12-01")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ratecard runs");
    if let Some(text) = stdin {
        // The command may fail (a broken --catalog, say) and exit before it reads its input, so
        // a closed pipe here is not an error.
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}
