//! `ratecard`: quotes estimate files from the command line with the embedded rate cards.
//!
//! Bad input exits with status 2 and one line on stderr; a broken catalog exits with status 1.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::fmt::Write as _;
    use std::io::{BufWriter, Read, Write as _};
    use std::path::Path;

    use ratecard::lang::Lang;
    use ratecard::native::{Pretty, card_file, embedded_catalog, estimate_file, parse_estimate_json};
    use ratecard::rating::catalog::{Catalog, Denomination, Measure, Model, Price, Pricing, RateCard, UnitRate};
    use ratecard::rating::{Estimate, estimate_tokens, fields_used, quote_and_project, quote_each};
    use ratecard::share::export::{to_csv, to_markdown};
    use ratecard::share::link::encode;
    use ratecard::share::priced::{Priced, line_view};
    use ratecard::share::table::to_table;
    use serde::Serialize as _;

    const USAGE: &str = "usage:
  ratecard quote [--json|--jsonl|--totals|--csv|--markdown] [--lang en|zh] [--date D] [--start YYYY-MM] FILE
                                      price an estimate (FILE may be - for stdin): the first
                                      month, the typical month and the year; --json and --jsonl
                                      are written as the lines are priced (--jsonl: one compact
                                      object per line, then one with the totals), for estimates
                                      of millions of lines; --totals prints only the totals
                                      (--json without lines and errors); --lang writes the
                                      table, CSV or Markdown in English (default) or 简体中文
                                      (JSON stays English); --date D (YYYY-MM-DD) is the
                                      quote's date, which the CSV states with its validity
                                      month 1 is --start, else the
                                      estimate's start, else this month (RATECARD_TODAY=
                                      YYYY-MM-DD sets today)
  ratecard link [--view V] FILE       print the estimate as a deep-link fragment (opening at
                                      view V: discounts, breakdown or quote)
  ratecard models [--provider P] [--json]
                                      list the catalog with its prices
  ratecard tokens [TEXT]              estimate tokens in TEXT (or stdin)
  ratecard check [CARD.toml|CARD.json ...]
                                      check rate cards (the embedded ones by default)

  --catalog CARDS   (quote, link, models, plan) price with a host catalog too: a JSON card, an
                    array of cards or of {file, card}, or a TOML card; its cards replace the
                    embedded ones with the same provider id";

    /// Bad input: exit 2 with one line.
    fn bad(message: impl std::fmt::Display) -> i32 {
        eprintln!("ratecard: {message}");
        2
    }

    pub fn run(args: Vec<String>) -> i32 {
        let Some((command, rest)) = args.split_first() else {
            eprintln!("{USAGE}\n{}", ratecard::cli_tools::USAGE);
            return 2;
        };
        // The decision tools (curve, plan, concurrency, runway, usage) parse their own options.
        if let Some(status) = ratecard::cli_tools::run(command, rest) {
            return status;
        }
        let mut json = false;
        let mut format = "table";
        let mut opts: Vec<(String, String)> = Vec::new();
        let mut positional: Vec<String> = Vec::new();
        let mut it = rest.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--json" => json = true,
                "--csv" => format = "csv",
                "--jsonl" => format = "jsonl",
                "--totals" => format = "totals",
                "--markdown" => format = "markdown",
                "--provider" | "--model" | "--yearly" | "--catalog" | "--view" | "--lang" | "--date" | "--start" => {
                    match it.next() {
                        Some(v) => opts.push((arg.trim_start_matches('-').to_string(), v.clone())),
                        None => return bad(format!("{arg} needs a value")),
                    }
                }
                "-h" | "--help" => {
                    println!("{USAGE}\n{}", ratecard::cli_tools::USAGE);
                    return 0;
                }
                a if a.starts_with("--") => return bad(format!("unknown option {a}")),
                _ => positional.push(arg.clone()),
            }
        }
        let opt = |name: &str| opts.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());

        if command == "check" {
            return check(&positional);
        }
        let catalog = match embedded_catalog() {
            Ok(c) => c,
            Err(errors) => {
                for e in errors {
                    eprintln!("ratecard: {e}");
                }
                return 1;
            }
        };
        // A host catalog (`--catalog CARDS.json|CARD.toml`) replaces the embedded cards with the
        // same provider id, as in the widget and the JS API.
        let catalog = match opt("catalog") {
            None => catalog,
            Some(file) => {
                let host = if file.ends_with(".toml") {
                    card_file(Path::new(file))
                } else {
                    match std::fs::read_to_string(file) {
                        Ok(text) => ratecard::json::parse_catalog_json(&text, file),
                        Err(e) => return bad(format!("cannot read {file}: {e}")),
                    }
                };
                match host {
                    Ok(h) => catalog.merged_with(h),
                    Err(errors) => {
                        for e in errors {
                            eprintln!("ratecard: {e}");
                        }
                        return 1;
                    }
                }
            }
        };
        match command.as_str() {
            "quote" => {
                let [file] = positional.as_slice() else { return bad("quote needs one FILE (or - for stdin)") };
                let lang = match opt("lang") {
                    None | Some("en") => Lang::En,
                    Some("zh") => Lang::Zh,
                    Some(other) => return bad(format!("--lang: unknown language \"{other}\" (known: en, zh)")),
                };
                let date = opt("date");
                if let Some(d) = date
                    && ratecard::share::export::add_days(d, 0).is_none()
                {
                    return bad(format!("--date: \"{d}\" is not a date YYYY-MM-DD"));
                }
                let today = match ratecard::native::today() {
                    Ok(t) => t,
                    Err(e) => return bad(e),
                };
                quote_file(&catalog, file, if json { "json" } else { format }, lang, date, opt("start"), today)
            }
            "models" => models(&catalog, opt("provider"), json),
            "link" => {
                let [file] = positional.as_slice() else { return bad("link needs one FILE (or - for stdin)") };
                let estimate = match read(file).and_then(|t| parse_estimate_json(&t).map_err(|e| e.to_string())) {
                    Ok(e) => e,
                    Err(e) => return bad(e),
                };
                let version = ratecard::share::link::catalog_version(&catalog);
                if let Some(v) = opt("view")
                    && !ratecard::share::link::VIEWS.contains(&v)
                {
                    return bad(format!(
                        "--view: unknown view \"{v}\" (known: {})",
                        ratecard::share::link::VIEWS.join(", ")
                    ));
                }
                println!("#{}", encode(&estimate, opt("view"), Some((&catalog, &version))));
                0
            }
            "tokens" => {
                let text = if positional.is_empty() {
                    let mut s = String::new();
                    if let Err(e) = std::io::stdin().read_to_string(&mut s) {
                        return bad(format!("cannot read stdin: {e}"));
                    }
                    s
                } else {
                    positional.join(" ")
                };
                let e = estimate_tokens(&text);
                println!(
                    "{} tokens ({} CJK characters / 1.8 + {} English words / 0.75, rounded up)",
                    e.tokens, e.cjk_chars, e.english_words
                );
                0
            }
            other => bad(format!("unknown command \"{other}\"; run ratecard --help")),
        }
    }

    fn check(files: &[String]) -> i32 {
        let results: Vec<(String, Result<Catalog, Vec<_>>)> = if files.is_empty() {
            vec![("embedded catalog".into(), embedded_catalog())]
        } else {
            files.iter().map(|f| (f.clone(), card_file(Path::new(f)))).collect()
        };
        let mut status = 0;
        for (name, result) in results {
            match result {
                Ok(c) => {
                    let models: usize = c.cards().iter().map(|c| c.models.len()).sum();
                    println!("{name}: ok, {} card(s), {models} models", c.cards().len());
                    for w in c.warnings() {
                        println!("  warning: {w}");
                    }
                }
                Err(errors) => {
                    for e in errors {
                        eprintln!("ratecard: {e}");
                    }
                    status = 2;
                }
            }
        }
        status
    }

    /// Reads a file, or stdin for `-`.
    fn read(file: &str) -> Result<String, String> {
        if file == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(s)
        } else {
            std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))
        }
    }

    fn quote_file(
        catalog: &Catalog,
        file: &str,
        format: &str,
        lang: Lang,
        date: Option<&str>,
        start: Option<&str>,
        today: i64,
    ) -> i32 {
        // A file is read through a buffer, so a large estimate's text is not held next to it.
        let parsed = if file == "-" {
            read(file).and_then(|text| parse_estimate_json(&text).map_err(|e| e.to_string()))
        } else {
            estimate_file(Path::new(file))
        };
        let mut estimate = match parsed {
            Ok(e) => e,
            Err(e) => return bad(e),
        };
        // Month 1 is the estimate's start, else this month: prices are those in force then.
        ratecard::native::with_start(&mut estimate, start, today);
        if matches!(format, "json" | "jsonl" | "totals") {
            return stream(catalog, &estimate, format);
        }
        let mut lines = Vec::with_capacity(estimate.lines.len());
        let (mut breakdown, projection) = quote_and_project(catalog, &estimate, &mut |l| lines.push(l));
        breakdown.lines = lines;
        if let Some(e) = breakdown.errors.first() {
            return bad(e);
        }
        if format == "csv" {
            print!("{}", to_csv(&estimate, &breakdown, Some(&projection), lang, date));
        } else if format == "markdown" {
            print!("{}", to_markdown(&estimate, &breakdown, Some(&projection), lang));
        } else {
            print!("{}", to_table(&estimate, &breakdown, Some(&projection), lang));
        }
        0
    }

    /// `quote --json`, `--jsonl` and `--totals`: the month's totals, errors and projection first,
    /// in a pass that keeps no line; then (but for `--totals`) the lines are priced again and
    /// written one at a time, so memory does not grow with the output. The document is the one
    /// the JSON export holds under `"breakdown"`.
    fn stream(catalog: &Catalog, estimate: &Estimate, format: &str) -> i32 {
        let (summary, projection) = quote_and_project(catalog, estimate, &mut |_| {});
        if let Some(e) = summary.errors.first() {
            return bad(e);
        }
        let doc = Priced::streamed(catalog, estimate, &summary, &projection);
        let stdout = std::io::stdout();
        let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
        let written = if format == "totals" {
            let mut ser = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
            doc.totals().serialize(&mut ser).map_err(std::io::Error::from)
        } else if format == "jsonl" {
            let mut failed: Option<std::io::Error> = None;
            quote_each(catalog, estimate, &mut |line| {
                if failed.is_none()
                    && let Err(e) = serde_json::to_writer(&mut out, &line_view(&line))
                        .map_err(std::io::Error::from)
                        .and_then(|()| out.write_all(b"\n"))
                {
                    failed = Some(e);
                }
            });
            match failed {
                Some(e) => Err(e),
                None => serde_json::to_writer(&mut out, &doc.totals()).map_err(std::io::Error::from),
            }
        } else {
            let mut ser = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
            doc.serialize(&mut ser).map_err(std::io::Error::from)
        };
        match written.and_then(|()| out.write_all(b"\n")).and_then(|()| out.flush()) {
            Ok(()) => 0,
            // A reader that stops early (`| head`) is not an error of the estimate.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Err(e) => bad(format!("cannot write the quote: {e}")),
        }
    }

    fn price_summary(card: &RateCard, m: &Model) -> String {
        let cur = card.currency.code();
        let p = |p: &Price| match p {
            Price::Published(d) => d.normalize().to_string(),
            Price::Unpublished => "unpublished".into(),
        };
        match &m.pricing {
            Pricing::Tokens(tp) => {
                let scale = tp.scale.label();
                tp.tiers
                    .iter()
                    .map(|t| {
                        let bound = match t.up_to {
                            Some(up) if tp.tiers.len() > 1 => format!("input ({}, {}]: ", t.above, up),
                            None if tp.tiers.len() > 1 => format!("input {}+: ", t.above),
                            _ => String::new(),
                        };
                        let mut s = format!("{bound}in {} / out {}", p(&t.input), p(&t.output));
                        if let Some(c) = &t.cache_hit {
                            let _ = write!(s, " / cache hit {}", p(c));
                        }
                        if let Some(c) = &t.thinking {
                            let _ = write!(s, " / thinking {}", p(c));
                        }
                        format!("{s} {cur} per {scale} tokens")
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            }
            Pricing::Units(up) => {
                let unit = match &up.denomination {
                    Denomination::Money => cur.to_string(),
                    Denomination::Credits { kind, value } => {
                        format!("{kind} credits (1 credit = {} {cur})", value.normalize())
                    }
                };
                let noun = if up.measure == Measure::Unit {
                    up.unit_name.as_deref().unwrap_or("unit")
                } else {
                    up.measure.noun()
                };
                match &up.rate {
                    UnitRate::Fixed(price) => format!("{} {unit} per {noun}", p(price)),
                    UnitRate::Range { min, max } => {
                        format!("{} to {} {unit} per {noun}", min.normalize(), max.normalize())
                    }
                    UnitRate::ByResolution(v) => {
                        v.iter()
                            .map(|(r, d)| format!("{}: {}", r.as_str(), d.normalize()))
                            .collect::<Vec<_>>()
                            .join(", ")
                            + &format!(" {unit} per {noun}")
                    }
                    UnitRate::Volume { tiers, .. } => {
                        tiers
                            .iter()
                            .map(|t| match t.to {
                                Some(to) => format!("[{}, {}): {}", t.from, to, t.price.normalize()),
                                None => format!("{}+: {}", t.from, t.price.normalize()),
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                            + &format!(" {unit} per {noun} by monthly volume")
                    }
                }
            }
        }
    }

    fn models(catalog: &Catalog, provider: Option<&str>, json: bool) -> i32 {
        let cards: Vec<&RateCard> = match provider {
            Some(p) => match catalog.card(p) {
                Some((_, c)) => vec![c],
                None => return bad(format!("unknown provider \"{p}\"")),
            },
            None => catalog.cards().iter().collect(),
        };
        if json {
            let list: Vec<serde_json::Value> = cards
                .iter()
                .flat_map(|c| {
                    c.models.iter().map(move |m| {
                        serde_json::json!({
                            "provider": c.provider, "model": m.name, "id": m.id, "kind": m.kind.as_str(),
                            "currency": c.currency.code(), "prices": price_summary(c, m),
                            "free_quota": m.quota.map(|q| c.free_quotas[q].name.clone()),
                            "fields": fields_used(m), "example": m.example,
                        })
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&list).unwrap_or_default());
            return 0;
        }
        for c in cards {
            println!("{} [{}] in {}, from {} as of {}", c.name, c.provider, c.currency, c.source, c.as_of);
            for m in &c.models {
                let free = m.quota.map(|q| format!("  free: {}", c.free_quotas[q].name)).unwrap_or_default();
                let example = if m.example { "  (example price)" } else { "" };
                println!("  {:<32} {}{example}{free}", m.name, price_summary(c, m));
            }
            println!();
        }
        0
    }
}
