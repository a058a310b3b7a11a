//! Exports of a priced estimate: CSV (one row per component, discount and total), Markdown (a
//! table to paste into an email or a ticket) and JSON (the estimate with its breakdown), and the
//! import that reads such a JSON document back.
//!
//! The JSON document is `{ "estimate": ESTIMATE, "breakdown": BREAKDOWN }`, where `BREAKDOWN` is
//! exactly what `ratecard quote --json` prints for `ESTIMATE` ([`breakdown_value`]).

use std::fmt::Write as _;

use crate::rating::money::round_for_display;
use crate::rating::num::group;
use crate::rating::{Breakdown, ErrorKind, Projection, QuoteError, TypicalMonth};
use crate::rating::{Estimate, Money};
use serde::Serialize;

use super::priced::Priced;

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The label of the typical month, e.g. `Typical month (month 4)`.
fn typical_label(t: &TypicalMonth) -> String {
    if t.reached {
        format!("Typical month (month {})", t.month)
    } else {
        format!("Month {} (no typical month yet: a quota or balance lasts longer)", t.month)
    }
}

/// The breakdown as CSV: a header, then a row per component, per discount and per line total,
/// then rows for the estimate's total for the (first) month, the typical month and the year.
/// Amounts are exact decimal strings.
pub fn to_csv(b: &Breakdown, projection: &Projection) -> String {
    let mut out = String::from(
        "line,provider,model,label,item,quantity,unit,free,prepaid,billable,unit_price,price_per,tier,currency,amount,display_currency,amount_display\n",
    );
    let row = |out: &mut String, cells: &[String]| {
        let joined: Vec<String> = cells.iter().map(|c| csv(c)).collect();
        out.push_str(&joined.join(","));
        out.push('\n');
    };
    let disp = b.currency.code().to_string();
    for l in &b.lines {
        let head = |item: &str| {
            vec![
                l.line.to_string(),
                l.provider.to_string(),
                l.model.to_string(),
                l.label.clone().unwrap_or_default(),
                item.to_string(),
            ]
        };
        for c in &l.components {
            let mut cells = head(&c.label);
            cells.extend([
                c.quantity.to_string(),
                c.unit.to_string(),
                c.free.to_string(),
                c.prepaid.to_string(),
                c.billable.to_string(),
                c.unit_price.to_string(),
                c.price_per.to_string(),
                c.tier.as_ref().map(|t| t.label.to_string()).unwrap_or_default(),
                l.currency.code().to_string(),
                c.amount.amount().to_string(),
                disp.clone(),
                c.amount_display.amount().to_string(),
            ]);
            row(&mut out, &cells);
        }
        // Discounts and the line total have amounts but no quantities.
        let amount_row = |out: &mut String, item: &str, amount: &Money, shown: &Money| {
            let mut cells = head(item);
            cells.extend(["", "", "", "", "", "", "", ""].map(String::from));
            cells.extend([
                l.currency.code().to_string(),
                amount.amount().to_string(),
                disp.clone(),
                shown.amount().to_string(),
            ]);
            row(out, &cells);
        };
        for d in &l.discounts {
            let item = format!("{} discount x{}", d.kind, d.multiplier.normalize());
            amount_row(&mut out, &item, &d.amount, &d.amount_display);
        }
        amount_row(&mut out, "Line total", &l.total, &l.total_display);
    }
    for (item, amount) in [
        ("Total per month".to_string(), &b.total),
        (typical_label(&projection.typical), &projection.typical.total),
        ("Total per year".to_string(), &projection.year.total),
    ] {
        let mut cells: Vec<String> = vec![String::new(); 15];
        cells[4] = item;
        cells.push(disp.clone());
        cells.push(amount.amount().to_string());
        row(&mut out, &cells);
    }
    out
}

fn money(m: &Money) -> String {
    format!("{} {}", group(round_for_display(m.amount())), m.currency())
}

/// The breakdown as a Markdown table with the (first) month's total and, given the projection,
/// the typical month's and the year's.
pub fn to_markdown(estimate: &Estimate, b: &Breakdown, projection: Option<&Projection>) -> String {
    let mut out = String::new();
    let title = estimate.title.as_deref().unwrap_or("Ratecard estimate");
    let _ = writeln!(out, "## {title}\n");
    if let Some(c) = &estimate.customer {
        let _ = writeln!(out, "Customer: {c}\n");
    }
    let _ = writeln!(out, "| # | Model | Usage | Amount |");
    let _ = writeln!(out, "| --- | --- | --- | ---: |");
    for l in &b.lines {
        let usage: Vec<String> = l
            .components
            .iter()
            .map(|c| format!("{}: {} {}", c.label, group(c.quantity.round_dp(2).normalize()), c.unit))
            .collect();
        let name = match &l.label {
            Some(label) => format!("{} ({label})", l.model),
            None => l.model.to_string(),
        };
        let cell = |s: &str| s.replace('|', "\\|");
        let _ = writeln!(
            out,
            "| {} | {} / {} | {} | {} |",
            l.line,
            cell(&l.provider_name),
            cell(&name),
            cell(&usage.join("; ")),
            money(&l.total_display)
        );
    }
    let _ = writeln!(out, "| | **Total per month** | | **{}** |", money(&b.total));
    if let (Some(min), Some(max)) = (&b.total_min, &b.total_max) {
        let _ = writeln!(out, "| | Range per month | | {} to {} |", money(min), money(max));
    }
    if let Some(p) = projection {
        let _ = writeln!(out, "| | {} | | {} |", typical_label(&p.typical), money(&p.typical.total));
        let _ = writeln!(out, "| | Per year | | {} |", money(&p.year.total));
    }
    let _ = writeln!(out, "\n1 USD = {} CNY. Amounts rounded half away from zero to 2 places.", b.usd_cny.normalize());
    if let Some(days) = estimate.valid_days {
        let _ = writeln!(out, "\nValid for {} days.", days.normalize());
    }
    if let Some(notes) = estimate.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = writeln!(out, "\n{notes}");
    }
    out
}

/// The export document `{ "estimate": ..., "breakdown": ... }`: the estimate and what it is priced
/// at, as [`breakdown_value`] writes it.
#[derive(Serialize)]
pub struct ExportDocument<'a> {
    estimate: &'a Estimate,
    breakdown: Priced<'a>,
}

impl<'a> ExportDocument<'a> {
    /// The document for `estimate`, priced at `b` in its first month, with its projection.
    pub fn new(estimate: &'a Estimate, b: &'a Breakdown, projection: &'a Projection) -> ExportDocument<'a> {
        ExportDocument { estimate, breakdown: Priced::new(b, projection) }
    }
}

/// The breakdown as `ratecard quote --json` prints it, and as the JSON export holds it under
/// `"breakdown"`: the [`Breakdown`] with `total_rounded`, `typical_month` and the twelve-month
/// `year` added ([`Priced`]).
pub fn breakdown_value(b: &Breakdown, projection: &Projection) -> serde_json::Value {
    serde_json::to_value(Priced::new(b, projection)).unwrap_or_default()
}

/// The export document `{ "estimate": ..., "breakdown": ... }`, pretty-printed. Its breakdown is
/// [`breakdown_value`] of the estimate, and [`parse_import`] reads it back.
pub fn to_json(estimate: &Estimate, b: &Breakdown, projection: &Projection) -> String {
    serde_json::to_string_pretty(&ExportDocument::new(estimate, b, projection)).unwrap_or_default()
}

/// Reads an imported document: a bare estimate, or an export `{ "estimate": ..., "breakdown": ... }`
/// whose estimate is taken (its breakdown is priced again, never trusted).
///
/// # Errors
/// A [`QuoteError`] naming the JSON line and column of a syntax error, or the line and field of
/// the estimate that is wrong, or the unknown top-level field of an export document.
pub fn parse_import(text: &str) -> Result<Estimate, QuoteError> {
    let value: serde_json::Value = serde_json::from_str(crate::json::without_bom(text))
        .map_err(|e| parse_error(None, "", format!("not valid JSON: {e}")))?;
    let value = match value.as_object().filter(|o| o.contains_key("estimate")) {
        Some(doc) => {
            if let Some(other) = doc.keys().find(|k| *k != "estimate" && *k != "breakdown") {
                let message = "unknown field; an export document has only \"estimate\" and \"breakdown\"";
                return Err(parse_error(None, other, message.into()));
            }
            &doc["estimate"]
        }
        None => &value,
    };
    crate::json::estimate_from_value(value)
}

fn parse_error(line: Option<usize>, field: &str, message: String) -> QuoteError {
    QuoteError { line, model: None, field: field.into(), kind: ErrorKind::Parse, message }
}

/// The ISO date (`YYYY-MM-DD`) `days` after `date`, or `None` if `date` is not one.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    let mut parts = date.trim().splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let month_days = [
        31,
        if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Days from 1970-01-01 and back (H. Hinnant's civil calendar algorithms).
    let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * mm + 2) / 5 + d - 1;
    let z = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy + days;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::native::{embedded_catalog, parse_estimate_json};
    use crate::rating::{project, quote};
    use rust_decimal::Decimal;

    const HY: &str = r#"{ "version": 1, "customer": "ACME, Inc.", "notes": "Net 30", "valid_days": 30,
        "lines": [ { "provider": "tencent-tokenhub", "model": "HY 2.0 Think", "requests": 100,
                     "input_tokens": 32001, "output_tokens": 1000, "free_trial": false } ] }"#;

    fn priced(text: &str) -> (Estimate, Breakdown, Projection) {
        let catalog = embedded_catalog().unwrap();
        let e = parse_estimate_json(text).unwrap();
        let b = quote(&catalog, &e);
        let p = project(&catalog, &e);
        (e, b, p)
    }

    #[test]
    fn csv_has_the_tier_and_exact_amounts() {
        let (_, b, p) = priced(HY);
        let csv = to_csv(&b, &p);
        let rows: Vec<&str> = csv.lines().collect();
        assert!(rows[0].contains(",price_per,tier,currency,"), "{csv}");
        let amount = |row: &str| row.rsplit(',').next().and_then(|a| a.parse::<Decimal>().ok());
        // 3,200,100 input tokens x 5.3 / 1M = 16.96053 CNY, at the (32k, 128k] tier (README example).
        assert!(rows[1].contains(",\"(32k, 128k]\",CNY,"), "{csv}");
        assert_eq!(amount(rows[1]), Some(Decimal::new(1_696_053, 5)));
        // 100,000 output tokens x 21.2 / 1M = 2.12; the total 19.08053 is the README's worked example.
        assert_eq!(amount(rows[2]), Some(Decimal::new(212, 2)));
        let [month, typical, year] = &rows[rows.len() - 3..] else { unreachable!() };
        assert!(month.starts_with(",,,,Total per month,,,,,,,,,,,CNY,"), "{csv}");
        assert_eq!(amount(month), Some(Decimal::new(1_908_053, 5)));
        // The trial is off, so nothing changes from month to month: month 1 is typical and the
        // year is 12 x 19.08053 = 228.96636 CNY.
        assert!(typical.starts_with(",,,,Typical month (month 1),,,,,,,,,,,CNY,"), "{csv}");
        assert_eq!(amount(typical), Some(Decimal::new(1_908_053, 5)));
        assert!(year.starts_with(",,,,Total per year,,,,,,,,,,,CNY,"), "{csv}");
        assert_eq!(amount(year), Some(Decimal::new(22_896_636, 5)));
    }

    #[test]
    fn markdown_has_customer_validity_and_notes() {
        let (e, b, p) = priced(HY);
        let md = to_markdown(&e, &b, Some(&p));
        assert!(md.contains("Customer: ACME, Inc."), "{md}");
        assert!(md.contains("**19.08 CNY**"), "{md}");
        // 12 x 19.08053 = 228.96636 CNY a year; month 1 is typical (the trial is off).
        assert!(md.contains("| | Typical month (month 1) | | 19.08 CNY |"), "{md}");
        assert!(md.contains("| | Per year | | 228.97 CNY |"), "{md}");
        assert!(md.contains("Valid for 30 days."), "{md}");
        assert!(md.ends_with("Net 30\n"), "{md}");
    }

    #[test]
    fn json_export_reads_back_to_the_same_estimate() {
        let (e, b, p) = priced(HY);
        let text = to_json(&e, &b, &p);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let total = doc["breakdown"]["total"].as_str().and_then(|t| t.parse::<Decimal>().ok());
        assert_eq!(total, Some(Decimal::new(1_908_053, 5)));
        assert_eq!(doc["breakdown"]["total_rounded"], "19.08");
        assert_eq!(doc["breakdown"], breakdown_value(&b, &p), "the CLI's quote --json value");
        assert_eq!(doc["breakdown"]["currency"], "CNY");
        assert_eq!(parse_import(&text).unwrap(), e);
        // A bare estimate is read as it is.
        assert_eq!(parse_import(HY).unwrap(), e);
    }

    #[test]
    fn bad_imports_name_what_is_wrong() {
        let e = parse_import(r#"{ "estimate": { "lines": [] }, "breakdown": {}, "extra": 1 }"#).unwrap_err();
        assert_eq!(e.field, "extra");
        let e =
            parse_import(r#"{ "lines": [ { "provider": "tencent-tokenhub", "model": "GLM-5", "requests": "ten" } ] }"#)
                .unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (Some(1), "requests"), "{e}");
        let e =
            parse_import(r#"{ "estimate": { "lines": [ { "provider": "tencent-tokenhub", "modle": "GLM-5" } ] } }"#)
                .unwrap_err();
        assert!(e.to_string().contains("modle"), "{e}");
        let e = parse_import("{ \"lines\": [\n  { ]").unwrap_err();
        assert!(e.to_string().starts_with("not valid JSON:") && e.to_string().contains("line 2"), "{e}");
    }

    #[test]
    fn import_errors_name_the_line_and_field() {
        // serde's path tracking names them (the JS API bundle, which the widget's Import calls,
        // reads with it too).
        let e = parse_import(
            r#"{ "lines": [ { "provider": "tencent-tokenhub", "model": "GLM-5" },
                             { "provider": "tencent-tokenhub", "model": "GLM-5", "requests": "ten" } ] }"#,
        )
        .unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (Some(2), "requests"));
        let e = parse_import(r#"{ "lines": [ { "provider": "tencent-tokenhub", "modle": "GLM-5" } ] }"#).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (Some(1), "modle"));
        let e = parse_import(r#"{ "usd_cny": "x", "lines": [] }"#).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (None, "usd_cny"));
    }

    #[test]
    fn add_days_follows_the_calendar() {
        assert_eq!(add_days("2026-11-23", 30).as_deref(), Some("2026-12-23"));
        assert_eq!(add_days("2024-02-28", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_days("2025-12-31", 1).as_deref(), Some("2026-01-01"));
        assert_eq!(add_days("2026-01-31", 365).as_deref(), Some("2027-01-31"));
        assert_eq!(add_days("2026-02-29", 1), None);
        assert_eq!(add_days("soon", 1), None);
    }
}
