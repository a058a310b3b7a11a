//! `ratecard usage FILE` (or `-` for stdin): prices usage records (JSON Lines or CSV, see `share::usage`), streaming
//! the file line by line, and prints the priced month; `--estimate-out F` writes the estimate.
//! `--on PROVIDER/MODEL` (repeatable) also prices the whole traffic on each model named, ranked
//! cheapest first (`share::traffic`); the records are then kept, 40 bytes each.

use std::io::BufRead;
use std::time::Instant;

use crate::cli_tools::{Args, Run, bad, print_json};
use crate::lang::Lang;
use crate::rating::Estimate;
use crate::rating::catalog::Catalog;
use crate::rating::quote;
use crate::share::table::to_table;
use crate::share::traffic::{on_each, to_json as traffic_json, to_table as traffic_table};
use crate::share::usage::{Reader, Records, Usage};

/// Runs `ratecard usage`.
pub(crate) fn usage(catalog: &Catalog, rest: &[String]) -> Run {
    let a = Args::parse(rest, &["map", "estimate-out", "catalog", "on"]).map_err(bad)?;
    let on: Vec<String> = a.all("on").into_iter().map(String::from).collect();
    let mut kept = Records::default();
    let file = a.file("usage").map_err(bad)?;
    let mut mapping = Vec::new();
    for m in a.all("map") {
        let (name, target) = m.split_once('=').ok_or_else(|| bad(format!("--map {m}: write NAME=PROVIDER/MODEL")))?;
        mapping.push((name.to_string(), target.to_string()));
    }
    let mut usage = Usage::new(catalog, &mapping).map_err(|e| bad(format!("--map {e}")))?;
    let reader: Box<dyn BufRead> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(file).map_err(|e| bad(format!("cannot read {file}: {e}")))?;
        Box::new(std::io::BufReader::with_capacity(1 << 20, f))
    };
    let started = Instant::now();
    let mut records = Reader::new(file.to_ascii_lowercase().ends_with(".csv"));
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| bad(format!("{file}: line {}: {e}", i + 1)))?;
        if let Some(r) = records.line(&line).map_err(|e| bad(format!("{file}: {e}")))? {
            usage.add(&r);
            if !on.is_empty() {
                kept.push(&r, usize::MAX).map_err(bad)?;
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let estimate = usage.estimate();
    if let Some(out) = a.get("estimate-out") {
        let text = serde_json::to_string_pretty(&estimate).map_err(bad)?;
        std::fs::write(out, text + "\n").map_err(|e| bad(format!("cannot write {out}: {e}")))?;
    }
    let breakdown = quote(catalog, &estimate).strict().map_err(bad)?;
    // Free trials are left out of the ranking: a trial is once, and the question is a month.
    let traffic = if on.is_empty() {
        None
    } else {
        Some(on_each(catalog, &kept, &on, &Estimate::default(), false).map_err(bad)?)
    };
    if a.json {
        let value = serde_json::json!({
            "records": usage.records,
            "too_long": usage.too_long,
            "unmatched": usage.unmatched().iter().map(|u| serde_json::json!({
                "name": u.name, "records": u.records, "closest": u.closest
            })).collect::<Vec<_>>(),
            "estimate": estimate,
            "breakdown": breakdown,
            "on_each": traffic.as_ref().map(traffic_json),
        });
        return print_json(&value);
    }
    // Timing is for people: it is printed on stderr, so the table stays reproducible.
    eprintln!("read {} records in {seconds:.2} s", usage.records);
    print!("{}", to_table(&estimate, &breakdown, None, Lang::En));
    if usage.too_long > 0 {
        println!("Left out: {} records longer than every input tier of their model", usage.too_long);
    }
    if let Some(t) = &traffic {
        print!("\n{}", traffic_table(t, Lang::En));
    }
    for u in usage.unmatched() {
        println!(
            "Not priced: {} record(s) of \"{}\", which matches no single catalog model; closest: {} (use --map \"{}=PROVIDER/MODEL\")",
            u.records,
            u.name,
            u.closest.join(", "),
            u.name
        );
    }
    Ok(())
}
