//! The `ratecard` CLI's decision tools (issue 14): `curve`, `plan`, `concurrency`, `runway`,
//! `trial` and `usage`. Each parses its own options, calls one pure function in `rating::decide` (or
//! `share::usage`) and prints a table or, with `--json`, the result as JSON.

use std::path::Path;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::native::{card_file, embedded_catalog, parse_estimate_json, with_start};
use crate::rating::catalog::{Catalog, Model, RateCard};
use crate::rating::decide::{
    Cheaper, Throughput, balance_runway, cost_curve, parse_civil, plan_with_break_even, size_concurrency, trial_horizon,
};
use crate::rating::num::{group, parse_entry};
use crate::rating::quote;

/// The commands this module runs.
pub const COMMANDS: &[&str] = &["curve", "plan", "concurrency", "runway", "trial", "usage", "compare"];

/// Usage lines for the commands, for the CLI's help.
pub const USAGE: &str = "  ratecard curve FILE --line N [--points K] [--times X] [--json]
                                      a line's monthly cost from 0 to X (3) times today's
                                      quantity at K (11) points, tier bounds marked
  ratecard plan --provider P --model M --yearly N [--channel X] [--user X] [--negotiated X]
                [--estimate FILE] [--json]
                                      cheapest mix of packages and post-paid after discounts
                                      (or the estimate's), with each package's break-even
  ratecard concurrency --provider P --model M (--per-minute N | --peak-hour N) --seconds S
                [--days D] [--json]   concurrency a throughput needs, daily or monthly add-ons
  ratecard runway FILE --balance B [--start YYYY-MM-DD] [--json]
                                      when a balance runs out at the estimate's post-paid spend
  ratecard trial FILE [--start YYYY-MM] [--json]
                                      month by month until every free quota has run out or
                                      expired: quota left, cost, the month the trial ends
  ratecard compare FILE|'#LINK' [--lang en|zh] [--json]
                                      the same workload on each line's model, ranked cheapest
                                      first with the difference to the cheapest, never summed
                                      (a link's later lines take its first line's workload)
  ratecard usage FILE [--map NAME=PROVIDER/MODEL ...] [--on PROVIDER/MODEL ...]
                [--estimate-out F] [--json]
                                      price usage records (JSON Lines or CSV; FILE may be -);
                                      --on: the whole traffic on each model, ranked";

/// Options: `--json`, and `--name value` pairs (repeatable), and positional arguments.
pub(crate) struct Args {
    pub(crate) json: bool,
    opts: Vec<(String, String)>,
    positional: Vec<String>,
}

impl Args {
    pub(crate) fn parse(rest: &[String], takes: &[&str]) -> Result<Args, String> {
        let mut a = Args { json: false, opts: Vec::new(), positional: Vec::new() };
        let mut it = rest.iter();
        while let Some(arg) = it.next() {
            let name = arg.trim_start_matches('-');
            if arg == "--json" {
                a.json = true;
            } else if arg.starts_with("--") && takes.contains(&name) {
                let v = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
                a.opts.push((name.to_string(), v.clone()));
            } else if arg.starts_with("--") {
                return Err(format!("unknown option {arg}"));
            } else {
                a.positional.push(arg.clone());
            }
        }
        Ok(a)
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.opts.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub(crate) fn all(&self, name: &str) -> Vec<&str> {
        self.opts.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    fn number(&self, name: &str) -> Result<Option<Decimal>, String> {
        self.get(name).map(|v| parse_entry(&v.replace('_', "")).map_err(|p| format!("--{name}: {p}"))).transpose()
    }

    fn whole(&self, name: &str) -> Result<Option<u64>, String> {
        self.get(name)
            .map(|v| {
                parse_entry(&v.replace('_', ""))
                    .ok()
                    .filter(|d| d.fract().is_zero())
                    .and_then(|d| u64::try_from(d).ok())
                    .ok_or_else(|| format!("--{name}: \"{v}\" is not a whole number"))
            })
            .transpose()
    }

    pub(crate) fn file(&self, what: &str) -> Result<&str, String> {
        match self.positional.as_slice() {
            [f] => Ok(f),
            _ => Err(format!("{what} needs one FILE")),
        }
    }
}

/// Runs `command` when it is one of [`COMMANDS`], returning its exit status (0, 1 for a broken
/// catalog, 2 for bad input with one line on stderr); `None` for any other command.
pub fn run(command: &str, rest: &[String]) -> Option<i32> {
    if !COMMANDS.contains(&command) {
        return None;
    }
    let result = catalog(rest).and_then(|catalog| match command {
        "curve" => curve(&catalog, rest),
        "plan" => plan(&catalog, rest),
        "concurrency" => concurrency(&catalog, rest),
        "runway" => runway(&catalog, rest),
        "trial" => trial(&catalog, rest),
        "compare" => crate::cli_compare::run(&catalog, rest),
        _ => crate::cli_usage::usage(&catalog, rest),
    });
    Some(match result {
        Ok(()) => 0,
        Err((status, message)) => {
            eprintln!("ratecard: {message}");
            status
        }
    })
}

/// A command's outcome: `Err((status, message))` on failure.
pub(crate) type Run = Result<(), (i32, String)>;

pub(crate) fn bad(message: impl std::fmt::Display) -> (i32, String) {
    (2, message.to_string())
}

/// The embedded catalog, with `--catalog CARDS` in place of the cards with the same provider id.
fn catalog(rest: &[String]) -> Result<Catalog, (i32, String)> {
    let joined = |errors: Vec<crate::rating::CatalogError>| {
        (1, errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\nratecard: "))
    };
    let catalog = embedded_catalog().map_err(joined)?;
    let Some(i) = rest.iter().position(|a| a == "--catalog") else { return Ok(catalog) };
    let file = rest.get(i + 1).ok_or_else(|| bad("--catalog needs a value"))?;
    let host = if file.ends_with(".toml") {
        card_file(Path::new(file))
    } else {
        let text = std::fs::read_to_string(file).map_err(|e| bad(format!("cannot read {file}: {e}")))?;
        crate::json::parse_catalog_json(&text, file)
    };
    Ok(catalog.merged_with(host.map_err(joined)?))
}

/// Reads a file, or stdin for `-`.
pub(crate) fn read(file: &str) -> Result<String, (i32, String)> {
    if file == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| bad(format!("cannot read stdin: {e}")))?;
        return Ok(s);
    }
    std::fs::read_to_string(file).map_err(|e| bad(format!("cannot read {file}: {e}")))
}

pub(crate) fn print_json<T: Serialize>(value: &T) -> Run {
    println!("{}", serde_json::to_string_pretty(value).map_err(bad)?);
    Ok(())
}

fn model<'a>(catalog: &'a Catalog, a: &Args) -> Result<(&'a RateCard, &'a Model), (i32, String)> {
    let (Some(p), Some(m)) = (a.get("provider"), a.get("model")) else {
        return Err(bad("needs --provider and --model"));
    };
    let (_, card) = catalog.card(p).ok_or_else(|| bad(format!("unknown provider \"{p}\"")))?;
    let (_, model) = card.model(m).ok_or_else(|| bad(format!("{} has no model \"{m}\"", card.name)))?;
    Ok((card, model))
}

fn curve(catalog: &Catalog, rest: &[String]) -> Run {
    let a = Args::parse(rest, &["line", "points", "times", "catalog"]).map_err(bad)?;
    let estimate = parse_estimate_json(&read(a.file("curve").map_err(bad)?)?).map_err(bad)?;
    let line = a.whole("line").map_err(bad)?.ok_or_else(|| bad("curve needs --line N"))?;
    let points = a.whole("points").map_err(bad)?.unwrap_or(11);
    let times = a.number("times").map_err(bad)?.unwrap_or(Decimal::from(3));
    let c = cost_curve(
        catalog,
        &estimate,
        usize::try_from(line).unwrap_or(usize::MAX),
        usize::try_from(points).unwrap_or(usize::MAX),
        times,
    )
    .map_err(bad)?;
    if a.json {
        return print_json(&c);
    }
    println!("Line {}: monthly cost against {}", c.line, c.field);
    println!("  {:>14}  {:>18}  {:>18}", c.field, "line", "month");
    for p in &c.points {
        println!("  {:>14}  {:>18}  {:>18}", group(p.quantity), p.line_total.to_string(), p.month_total.to_string());
    }
    println!("Marks:");
    for m in &c.marks {
        let what = crate::lang::Render::render(&m.kind, crate::lang::Lang::En);
        println!("  {what:<24} {:>14}  {:>18}", group(m.point.quantity), m.point.line_total.to_string());
    }
    Ok(())
}

fn plan(catalog: &Catalog, rest: &[String]) -> Run {
    let a = Args::parse(rest, &["provider", "model", "yearly", "channel", "user", "negotiated", "estimate", "catalog"])
        .map_err(bad)?;
    let (card, m) = model(catalog, &a)?;
    let yearly = a.whole("yearly").map_err(bad)?.ok_or_else(|| bad("plan needs --yearly N"))?;
    let mut discounts = Vec::new();
    if let Some(file) = a.get("estimate") {
        let e = parse_estimate_json(&read(file)?).map_err(bad)?;
        if let Some(d) = e.discounts {
            discounts.extend([d.channel, d.user, d.negotiated].into_iter().flatten());
        }
    }
    for name in ["channel", "user", "negotiated"] {
        discounts.extend(a.number(name).map_err(bad)?);
    }
    let p = plan_with_break_even(card, m, yearly, &discounts).map_err(bad)?;
    if a.json {
        return print_json(&p);
    }
    let factor = if p.postpaid_factor == Decimal::ONE {
        String::new()
    } else {
        format!(", post-paid x{}", p.postpaid_factor.normalize())
    };
    println!(
        "Cheapest way to buy {} units a year of {} ({}){factor}:",
        group(Decimal::from(yearly)),
        m.name,
        card.name
    );
    for k in &p.plan.packages {
        let cost = crate::rating::Money::new(k.price * Decimal::from(k.count), card.currency);
        println!("  {} x package of {} at {} = {cost}", k.count, group(Decimal::from(k.size)), k.price.normalize());
    }
    if p.plan.postpaid_units > 0 {
        println!("  post-paid: {} units = {}", group(Decimal::from(p.plan.postpaid_units)), p.plan.postpaid_cost);
    }
    println!("  total: {} (all post-paid: {}, saving {})", p.plan.total, p.plan.all_postpaid, p.saving);
    println!("Break-even, one package against post-paid:");
    for b in &p.break_evens {
        let size = group(Decimal::from(b.size));
        match b.pays_off_above {
            Some(n) => println!("  {size} at {}: pays off above {} units a year", b.price, group(Decimal::from(n))),
            None => println!("  {size} at {}: post-paid is never dearer up to {size} units", b.price),
        }
    }
    Ok(())
}

fn concurrency(catalog: &Catalog, rest: &[String]) -> Run {
    let a = Args::parse(rest, &["provider", "model", "per-minute", "peak-hour", "seconds", "days", "catalog"])
        .map_err(bad)?;
    let (card, m) = model(catalog, &a)?;
    let throughput = match (a.number("per-minute").map_err(bad)?, a.number("peak-hour").map_err(bad)?) {
        (Some(n), None) => Throughput::PerMinute(n),
        (None, Some(n)) => Throughput::PeakHour(n),
        _ => return Err(bad("concurrency needs one of --per-minute N or --peak-hour N")),
    };
    let seconds = a.number("seconds").map_err(bad)?.ok_or_else(|| bad("concurrency needs --seconds S"))?;
    let days = a.whole("days").map_err(bad)?.unwrap_or(30);
    let z = size_concurrency(card, m, throughput, seconds, u32::try_from(days).unwrap_or(u32::MAX)).map_err(bad)?;
    if a.json {
        return print_json(&z);
    }
    let rate = match throughput {
        Throughput::PerMinute(n) => format!("{} tasks a minute", group(n)),
        Throughput::PeakHour(n) => format!("{} tasks in the peak hour", group(n)),
    };
    println!(
        "{}: {rate} x {} s = {} tasks in flight (Little's law)",
        m.name,
        seconds.normalize(),
        z.in_flight.normalize()
    );
    println!("  concurrency needed: {} ({} included, {} add-ons)", z.concurrency, z.included, z.extra);
    let verdict = match z.cheaper {
        Cheaper::NoneNeeded => "no add-ons needed",
        Cheaper::Daily => "daily add-ons are cheaper",
        Cheaper::Monthly => "monthly add-ons are cheaper",
        Cheaper::Same => "both cost the same",
    };
    println!(
        "  {} days: daily {}, monthly {}: {verdict} (a month costs no more from {} days)",
        z.days,
        z.daily_cost,
        z.monthly_cost,
        z.break_even_days.normalize()
    );
    Ok(())
}

fn runway(catalog: &Catalog, rest: &[String]) -> Run {
    let a = Args::parse(rest, &["balance", "start", "catalog"]).map_err(bad)?;
    let estimate = parse_estimate_json(&read(a.file("runway").map_err(bad)?)?).map_err(bad)?;
    let balance = a.number("balance").map_err(bad)?.ok_or_else(|| bad("runway needs --balance B"))?;
    let start = match a.get("start") {
        Some(s) => parse_civil(s).ok_or_else(|| bad(format!("--start: \"{s}\" is not a date YYYY-MM-DD")))?,
        None => today()?,
    };
    // The spend is the start month's, at the prices in force then.
    let mut estimate = estimate;
    with_start(&mut estimate, None, start);
    let breakdown = quote(catalog, &estimate).strict().map_err(bad)?;
    let r = balance_runway(&breakdown, balance, start).map_err(bad)?;
    if a.json {
        return print_json(&r);
    }
    println!(
        "Balance {} at {} a month post-paid ({} a day, month / {} days):",
        r.balance,
        r.month_postpaid,
        r.daily_spend,
        crate::rating::decide::DAYS_PER_MONTH
    );
    let at = |c: &crate::rating::decide::Civil| format!("{} {:02}:00", c.date, c.hour);
    println!("  post-paid stops: {} (after {} hours)", at(&r.stops), group(Decimal::from(r.hours)));
    println!(
        "  reminder:        {} ({} hours before deletion)",
        at(&r.reminder),
        crate::rating::decide::REMINDER_HOURS
    );
    println!(
        "  deleted:         {} (after the {}-day grace period)",
        at(&r.deleted),
        crate::rating::decide::GRACE_DAYS
    );
    Ok(())
}

/// Today's date as days since 1970-01-01 (`native::today`).
fn today() -> Result<i64, (i32, String)> {
    crate::native::today().map_err(bad)
}

fn trial(catalog: &Catalog, rest: &[String]) -> Run {
    let a = Args::parse(rest, &["start", "catalog"]).map_err(bad)?;
    let mut estimate = parse_estimate_json(&read(a.file("trial").map_err(bad)?)?).map_err(bad)?;
    with_start(&mut estimate, a.get("start"), today()?);
    quote(catalog, &estimate).strict().map_err(bad)?;
    let h = trial_horizon(catalog, &estimate).map_err(bad)?;
    if a.json {
        return print_json(&h);
    }
    let label = |m: &crate::rating::decide::TrialMonth| match m.calendar {
        Some(c) => format!("{c} (month {})", m.month),
        None => format!("month {}", m.month),
    };
    println!("Free trial, month by month (what each quota has left after the month):");
    let Some(first) = h.months.first() else { return Ok(()) };
    for (i, q) in first.quotas.iter().enumerate() {
        let whose = match (&q.model, q.line) {
            (_, Some(line)) => format!(", line {line}"),
            (Some(m), None) => format!(", {m}"),
            (None, None) => String::new(),
        };
        let valid = q.validity_days.map_or(String::new(), |d| format!(", valid {d} days"));
        let claim = q.claim_by.as_ref().map_or(String::new(), |d| format!(", claim by {d}"));
        println!("  [{}] {}{whose}{valid}{claim}", i + 1, q.name);
    }
    let heads: Vec<String> = (1..=first.quotas.len()).map(|i| format!("[{i}]")).collect();
    println!("  {:<20} {:>16}   {}", "month", "cost", heads.join("   "));
    for m in &h.months {
        let left: Vec<String> = m
            .quotas
            .iter()
            .map(|q| {
                let why = if q.expires { " (expires)" } else { "" };
                format!("{} {}{why}", group(q.left), q.unit.as_str())
            })
            .collect();
        println!("  {:<20} {:>16}   {}", label(m), m.cost.to_string(), left.join("   "));
    }
    let ends = h.months.last().map(label).unwrap_or_default();
    if h.reached {
        println!("Trial ends: {ends}; the month after costs {}.", h.after);
    } else {
        println!("Something is still left after {ends}; the month after costs {}.", h.after);
    }
    Ok(())
}
