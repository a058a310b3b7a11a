//! Prints how many estimate lines the native engine prices per second. It is a report, not a
//! test: `cargo bench --bench quote` prints the figures and never fails on them.
//!
//! Each case prices one estimate of 1,000 lines over and over for about a second
//! (`RATECARD_BENCH_MS` changes that; `RATECARD_BENCH_LINES` the number of lines) and reports
//! lines per second (the issue's target for token lines is 1,000,000 a second).

use std::hint::black_box;
use std::time::{Duration, Instant};

use ratecard::native::{embedded_catalog, parse_estimate_json};
use ratecard::rating::{estimate_tokens, project, quote};

fn lines(template: &str, count: usize) -> String {
    let one: Vec<String> = (0..count).map(|i| template.replace("{i}", &(i % 97 + 1).to_string())).collect();
    format!("{{\"version\": 1, \"discounts\": {{\"channel\": \"0.9\"}}, \"lines\": [{}]}}", one.join(","))
}

fn measure(name: &str, json: &str) {
    measure_with(name, json, |catalog, estimate| black_box(quote(catalog, black_box(estimate))).lines.len());
}

fn measure_with(
    name: &str,
    json: &str,
    price: impl Fn(&ratecard::rating::Catalog, &ratecard::rating::Estimate) -> usize,
) {
    // `RATECARD_BENCH_ONLY=text` runs only the cases whose name contains `text`.
    if std::env::var("RATECARD_BENCH_ONLY").is_ok_and(|only| !name.contains(&only)) {
        return;
    }
    let catalog = embedded_catalog().expect("catalog loads");
    let estimate = parse_estimate_json(json).expect("valid estimate");
    let n = estimate.lines.len();
    let check = quote(&catalog, &estimate);
    assert!(check.errors.is_empty(), "{name}: {:?}", check.errors.first());
    // Warm up (caches, allocator, CPU clock) for a fifth of a second, then time whole passes.
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_millis(if std::env::var("RATECARD_BENCH_PASSES").is_ok() { 0 } else { 200 }) {
        price(&catalog, &estimate);
    }
    // Five timed windows; the machine is shared, so the median and the best are both printed.
    let budget: u64 = std::env::var("RATECARD_BENCH_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    // `RATECARD_BENCH_PASSES=n` runs exactly n passes in one window (for callgrind counts).
    let fixed: Option<u32> = std::env::var("RATECARD_BENCH_PASSES").ok().and_then(|v| v.parse().ok());
    let windows = if fixed.is_some() { 1 } else { 5 };
    let mut rates: Vec<f64> = Vec::with_capacity(windows);
    for _ in 0..windows {
        let mut passes = 0u32;
        let start = Instant::now();
        while fixed.map_or(start.elapsed() < Duration::from_millis(budget / windows as u64), |k| passes < k) {
            price(&catalog, &estimate);
            passes += 1;
        }
        rates.push(f64::from(passes) * n as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    let (median, best) = (rates[rates.len() / 2], rates[rates.len() - 1]);
    println!("{name:<46} median {median:>9.0} lines/s ({:.2} us/line), best {best:>9.0}", 1e6 / median);
}

/// Keeps freed memory in the process. Each pass builds a breakdown of a few megabytes and drops
/// it; glibc's default gives that memory back to the kernel after every pass (the heap is trimmed
/// above 128 KB free) and the next pass faults it back in page by page, zeroed. Profiles of this
/// benchmark spent about 20% of their time in the kernel doing so, which halved the rates of the
/// cases with the largest breakdowns; a program that prices once (the CLI) or streams (`quote
/// --json`) never pays it. This sets glibc's trim and mmap thresholds high, so the benchmark
/// measures the engine.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // glibc's malloc.h: M_TRIM_THRESHOLD is -1, M_MMAP_THRESHOLD is -3 (at most 32 MB).
    // SAFETY: mallopt only changes the allocator's tuning and is called before any thread starts.
    unsafe {
        mallopt(-1, 1 << 30);
        mallopt(-3, 32 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}

fn main() {
    keep_freed_memory();
    println!("Ratecard native quote benchmark (1,000-line estimates, exact decimals, full breakdown)");
    measure(
        "token lines, flat price (Deepseek-r1-0528)",
        &lines(
            r#"{"provider":"tencent-tokenhub","model":"Deepseek-r1-0528","requests":{i}000,"input_tokens":2000,"output_tokens":500}"#,
            n_lines(),
        ),
    );
    measure(
        "token lines, tiered + cache (GLM-5)",
        &lines(
            r#"{"provider":"tencent-tokenhub","model":"GLM-5","requests":{i}00,"input_tokens":40000,"cached_tokens":10000,"output_tokens":800,"free_trial":false}"#,
            n_lines(),
        ),
    );
    measure(
        "token lines, free quota drawn (Hunyuan-role)",
        &lines(
            r#"{"provider":"tencent-tokenhub","model":"Hunyuan-role","requests":{i},"input_tokens":2000,"output_tokens":500}"#,
            n_lines(),
        ),
    );
    measure(
        "token lines, gateway multiples",
        &lines(
            r#"{"provider":"gateway","model":"GPT-Realtime-1.5","requests":{i}0,"input_tokens":3000,"cached_tokens":1000,"audio_input_tokens":500,"output_tokens":900,"audio_output_tokens":100}"#,
            n_lines(),
        ),
    );
    measure(
        "image lines, volume tiers (Image Style Transfer)",
        &lines(
            r#"{"provider":"hunyuan-image-global","model":"Image Style Transfer","images":{i}00,"free_trial":false}"#,
            n_lines(),
        ),
    );
    measure(
        "video credit lines by resolution",
        &lines(r#"{"provider":"tencent-tokenhub","model":"YT-Video-2.0","calls":{i},"resolution":"720p"}"#, n_lines()),
    );
    // The first month, typical month and year: one pass when no line draws on a quota or balance,
    // month by month to the typical month when one does.
    let glm5 = r#"{"provider":"tencent-tokenhub","model":"GLM-5","requests":{i}00,"input_tokens":40000,"cached_tokens":10000,"output_tokens":800,"free_trial":false}"#;
    measure_with("year projection, no quota drawn (GLM-5)", &lines(glm5, n_lines()), |c, e| {
        black_box(project(c, black_box(e))).year.months.len()
    });
    measure_with(
        "year projection, trial drawn to month 4 (Hunyuan-role)",
        &lines(
            r#"{"provider":"tencent-tokenhub","model":"Hunyuan-role","requests":{i},"input_tokens":2000,"output_tokens":500}"#,
            n_lines(),
        ),
        |c, e| black_box(project(c, black_box(e))).year.months.len(),
    );
    let text = "Ratecard estimates tokens 用中文和英文 mixed text. ".repeat(2000);
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_millis(500) {
        n += black_box(estimate_tokens(black_box(&text))).tokens;
    }
    let mb =
        (text.len() as f64) * (n as f64 / estimate_tokens(&text).tokens as f64) / 1e6 / start.elapsed().as_secs_f64();
    println!("{:<44} {:>12.1} MB/s", "token estimate from text", mb);
}

/// The number of lines per estimate: 1,000, or `RATECARD_BENCH_LINES`.
fn n_lines() -> usize {
    std::env::var("RATECARD_BENCH_LINES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)
}
