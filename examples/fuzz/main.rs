//! A fuzzer for every reader of outside data, on stable Rust (`scripts/fuzz.sh` builds and runs it).
//!
//! ```text
//! fuzz [--inputs N] [--seconds S] [--reader NAME]... [--seed X]
//! fuzz --replay      # each committed failure: its time and the most bytes it had in use
//! ```
//!
//! Each reader ([`readers::READERS`]) is run on inputs mutated from valid documents
//! ([`seeds`], [`mutate`]) until N inputs or S seconds. An input fails when its reader panics,
//! takes over a second, has over 100 MB allocated at once, or brings the process down (a stack
//! overflow, a hang, an allocation over [`alloc::REFUSE`]). A failing input is written to
//! `tests/fuzz-regressions/<reader>-<fingerprint>.txt`, which `cargo test` replays
//! (`tests/fuzz_regressions.rs`).
//!
//! Each reader runs in a worker process, so that an input that brings a process down is found
//! too: the supervisor knows the batch the worker was in and bisects it with more workers. The
//! fuzzer is built with `panic = "unwind"` (the `fuzz` profile) so that a panic is caught.

mod alloc;
mod mutate;
mod readers;
mod seeds;

use std::io::{BufRead, BufReader, Write as _};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use ratecard::rating::catalog::{Catalog, fnv1a};

#[global_allocator]
static COUNTING: alloc::Counting = alloc::Counting;

/// An input fails when it takes longer than this.
const SLOW: Duration = Duration::from_secs(1);
/// An input still running after this (wall time, on a busy machine) is taken to hang: the worker
/// stops, and the supervisor finds the input.
const HANG: Duration = Duration::from_secs(10);
/// An input fails when it has more than this allocated at once.
const TOO_MUCH: usize = 100_000_000;
/// Workers report where they are every this many inputs.
const BATCH: u64 = 4096;

/// What one run is asked to do.
#[derive(Clone)]
struct Plan {
    readers: Vec<String>,
    inputs: u64,
    seconds: f64,
    seed: u64,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    let number = |name: &str| value(name).map(|v| v.replace([',', '_'], "").parse::<f64>().unwrap_or(0.0));
    let mut readers: Vec<String> = args.windows(2).filter(|w| w[0] == "--reader").map(|w| w[1].clone()).collect();
    if let Some(bad) = readers.iter().find(|r| !readers::READERS.contains(&r.as_str())) {
        eprintln!("fuzz: unknown reader {bad} (known: {})", readers::READERS.join(", "));
        std::process::exit(2);
    }
    if readers.is_empty() {
        readers = readers::READERS.iter().map(|r| (*r).to_string()).collect();
    }
    let seconds = number("--seconds").unwrap_or(f64::INFINITY);
    let plan = Plan {
        readers,
        inputs: number("--inputs").map_or(if seconds.is_finite() { u64::MAX } else { 10_000_000 }, |n| n as u64),
        seconds,
        seed: value("--seed").and_then(|s| s.parse().ok()).unwrap_or_else(clock_seed),
    };
    if args.iter().any(|a| a == "--replay") {
        replay();
        return;
    }
    if args.iter().any(|a| a == "--worker") {
        let from = value("--from").and_then(|s| s.parse().ok()).unwrap_or(0);
        let bisect = value("--to").and_then(|s| s.parse().ok());
        worker(&plan, from, bisect);
        return;
    }
    std::process::exit(supervise(&plan));
}

fn clock_seed() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_secs())
}

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| ratecard::native::embedded_catalog().unwrap_or_else(|_| panic!("the embedded catalog loads")))
}

/// Where failing inputs are written.
fn regressions() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions")
}

/// Writes a failing input; returns its path.
fn save(reader: &str, input: &[u8]) -> String {
    let dir = regressions();
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{reader}-{}.txt", fnv1a(input)));
    let _ = std::fs::write(&path, input);
    path.display().to_string()
}

/// The last panic's message, kept by the panic hook instead of printed.
static PANIC: Mutex<String> = Mutex::new(String::new());
/// When the input under way started, in milliseconds since the worker started (0: none).
static STARTED: AtomicU64 = AtomicU64::new(0);

/// Runs one reader, from input `from`, printing `at I` every [`BATCH`] inputs, `fail KIND PATH`
/// for each failure and `done INPUTS SECONDS` at the end. With `bisect`, runs inputs `from..to`
/// only, saving nothing: the supervisor only wants to know whether the process survives them.
fn worker(plan: &Plan, from: u64, bisect: Option<u64>) {
    let reader = plan.readers[0].as_str();
    let catalog = catalog();
    let seeds = seeds::for_reader(reader, catalog);
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut p) = PANIC.lock() {
            *p = info.to_string();
        }
    }));
    let begin = Instant::now();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let started = STARTED.load(Relaxed);
            let now = u64::try_from(begin.elapsed().as_millis()).unwrap_or(u64::MAX);
            if started != 0 && now.saturating_sub(started) > HANG.as_millis() as u64 {
                eprintln!("fuzz: an input has run for over {} s; stopping", HANG.as_secs());
                std::process::abort();
            }
        }
    });
    let out = std::io::stdout();
    let mut index = from;
    let mut run = 0u64;
    loop {
        let to = bisect.unwrap_or(u64::MAX);
        if index >= to || run >= plan.inputs || begin.elapsed().as_secs_f64() >= plan.seconds {
            break;
        }
        if bisect.is_none() && run.is_multiple_of(BATCH) {
            let _ = writeln!(out.lock(), "at {index}");
        }
        let input = mutate::input(reader, &seeds, plan.seed, index);
        let base = alloc::start();
        let t = Instant::now();
        STARTED.store(u64::try_from(begin.elapsed().as_millis()).unwrap_or(u64::MAX).max(1), Relaxed);
        let result = catch_unwind(AssertUnwindSafe(|| readers::run(reader, catalog, &input)));
        STARTED.store(0, Relaxed);
        let (mut took, used) = (t.elapsed(), alloc::peak().saturating_sub(base));
        // Wall time counts the time the process was not running too (it is niced, on a busy
        // machine), so a slow input is only slow if it is slow again, twice.
        for _ in 0..2 {
            if took > SLOW && result.is_ok() {
                let again = Instant::now();
                let _ = catch_unwind(AssertUnwindSafe(|| readers::run(reader, catalog, &input)));
                took = took.min(again.elapsed());
            }
        }
        let failure = match result {
            Err(_) => Some(format!("panic: {}", PANIC.lock().map(|p| p.clone()).unwrap_or_default())),
            Ok(()) if took > SLOW => Some(format!("slow: {:.2} s", took.as_secs_f64())),
            Ok(()) if used > TOO_MUCH => Some(format!("memory: {used} bytes at once")),
            Ok(()) => None,
        };
        if let Some(what) = failure
            && bisect.is_none()
        {
            let path = save(reader, &input);
            let what = what.replace('\n', " ");
            let _ = writeln!(out.lock(), "fail {path} {what}");
        }
        index += 1;
        run += 1;
    }
    let _ = writeln!(out.lock(), "done {run} {}", begin.elapsed().as_secs_f64());
}

/// Runs every file in `tests/fuzz-regressions` through its reader and prints what it took.
fn replay() {
    let mut paths: Vec<_> =
        std::fs::read_dir(regressions()).into_iter().flatten().filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let Some(reader) = readers::READERS.iter().find(|r| name.strip_prefix(**r).is_some_and(|n| n.starts_with('-')))
        else {
            continue;
        };
        let input = std::fs::read(&path).unwrap_or_default();
        let base = alloc::start();
        let t = Instant::now();
        let ok = catch_unwind(AssertUnwindSafe(|| readers::run(reader, catalog(), &input))).is_ok();
        let used = alloc::peak().saturating_sub(base);
        let result = if ok { "ok" } else { "PANICS" };
        println!("{name}: {result}, {:.3} s, {} bytes at most", t.elapsed().as_secs_f64(), group(used as u64));
    }
}

/// Starts a worker for `reader`.
fn spawn(plan: &Plan, reader: &str, from: u64, inputs: u64, seconds: f64, to: Option<u64>) -> std::process::Child {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("fuzz"));
    let mut cmd = Command::new(exe);
    cmd.args(["--worker", "--reader", reader, "--seed", &plan.seed.to_string(), "--from", &from.to_string()]);
    cmd.args(["--inputs", &inputs.to_string()]);
    if seconds.is_finite() {
        cmd.args(["--seconds", &seconds.to_string()]);
    }
    if let Some(to) = to {
        cmd.args(["--to", &to.to_string()]);
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::null());
    cmd.spawn().unwrap_or_else(|e| panic!("cannot start a fuzz worker: {e}"))
}

/// Whether a worker survives inputs `from..to`.
fn survives(plan: &Plan, reader: &str, from: u64, to: u64) -> bool {
    let mut child = spawn(plan, reader, from, u64::MAX, f64::INFINITY, Some(to));
    let _ = child.stdout.take().map(std::io::read_to_string);
    child.wait().is_ok_and(|s| s.success())
}

/// Runs every reader in workers and prints what each did; returns the exit status (1 on failures).
fn supervise(plan: &Plan) -> i32 {
    println!("fuzz: seed {}, failures go to {}", plan.seed, regressions().display());
    let mut failed = 0u64;
    for reader in &plan.readers {
        let begin = Instant::now();
        let (mut from, mut run, mut failures) = (0u64, 0u64, 0u64);
        loop {
            let seconds = plan.seconds - begin.elapsed().as_secs_f64();
            if run >= plan.inputs || seconds <= 0.0 {
                break;
            }
            let mut child = spawn(plan, reader, from, plan.inputs - run, seconds, None);
            let (mut at, mut done) = (from, None);
            for line in
                child.stdout.take().map(BufReader::new).into_iter().flat_map(|r| r.lines()).map_while(Result::ok)
            {
                if let Some(i) = line.strip_prefix("at ") {
                    at = i.parse().unwrap_or(at);
                } else if let Some(what) = line.strip_prefix("fail ") {
                    failures += 1;
                    eprintln!("fuzz: {reader}: {what}");
                } else if let Some(n) = line.strip_prefix("done ") {
                    done = n.split(' ').next().and_then(|n| n.parse::<u64>().ok());
                }
            }
            let _ = child.wait();
            if let Some(n) = done {
                run += n;
                break;
            }
            // The worker went down in the batch from `at`: bisect it to the input that did it.
            let (mut lo, mut hi) = (at, at + BATCH);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if survives(plan, reader, lo, mid) { lo = mid } else { hi = mid }
            }
            let input = mutate::input(reader, &seeds::for_reader(reader, catalog()), plan.seed, lo);
            let path = save(reader, &input);
            eprintln!("fuzz: {reader}: {path} brings the process down (stack overflow, hang or huge allocation)");
            failures += 1;
            run += lo + 1 - from;
            from = lo + 1;
        }
        let secs = begin.elapsed().as_secs_f64();
        println!(
            "{reader:>10}: {} inputs in {secs:.1} s, {} inputs/s, {failures} failures",
            group(run),
            group((run as f64 / secs.max(1e-9)) as u64)
        );
        failed += failures;
    }
    i32::from(failed > 0)
}

/// `1234567` as `1,234,567`.
fn group(n: u64) -> String {
    ratecard::rating::num::group(rust_decimal::Decimal::from(n))
}
