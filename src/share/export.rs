//! Exports of a priced estimate: CSV (one row per component, discount and total), Markdown (a
//! table to paste into an email or a ticket) and JSON (the estimate with its breakdown), and the
//! import that reads such a JSON document back.
//!
//! The JSON document is `{ "estimate": ESTIMATE, "breakdown": BREAKDOWN }`, where `BREAKDOWN` is
//! exactly what `ratecard quote --json` prints for `ESTIMATE` ([`breakdown_value`]).

use std::fmt::Write as _;

use super::rows::{self, Column, Period, Row, Word};
use crate::lang::{Lang, Render};
use crate::rating::breakdown::LineQuote;
use crate::rating::money::round_for_display;
use crate::rating::num::group;
use crate::rating::{Breakdown, Problem, Projection, QuoteError};
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

/// The breakdown as CSV: a header; the quote's customer, date and validity, each in the `item`
/// column of a row of its own (when the estimate or `date`, `YYYY-MM-DD`, gives them); then a row
/// per component, per discount and per line total, and rows for the estimate's totals (the first
/// month, the typical month and the year, when the projection is given), drawn from
/// [`rows::breakdown_rows`]. Amounts are rounded as they are shown ([`round_for_display`]: to the
/// cent); the exact amounts are in the JSON export. Quantities and unit prices are exact. Items,
/// units, price-per texts and tiers are written in `lang` (the header keeps its field keys).
pub fn to_csv(
    estimate: &Estimate,
    b: &Breakdown,
    projection: Option<&Projection>,
    lang: Lang,
    date: Option<&str>,
) -> String {
    let mut out = String::from(
        "line,provider,model,label,item,quantity,unit,free,prepaid,billable,unit_price,price_per,tier,currency,amount,display_currency,amount_display\n",
    );
    let row = |out: &mut String, cells: &[String]| {
        let joined: Vec<String> = cells.iter().map(|c| csv(c)).collect();
        out.push_str(&joined.join(","));
        out.push('\n');
    };
    let colon = lang.pick(": ", "：");
    let mut meta = |item: String| {
        let mut cells: Vec<String> = vec![String::new(); 17];
        cells[4] = item;
        row(&mut out, &cells);
    };
    if let Some(c) = estimate.customer.as_deref().filter(|c| !c.trim().is_empty()) {
        meta(format!("{}{colon}{c}", Word::Customer.text(lang)));
    }
    if let Some(d) = date {
        meta(format!("{}{colon}{d}", lang.pick("Date", "日期")));
    }
    if let Some(days) = estimate.valid_days {
        let days = days.normalize();
        let until = date.and_then(|d| i64::try_from(days).ok().and_then(|n| add_days(d, n)));
        meta(match (lang, until) {
            (Lang::En, Some(u)) => format!("Valid until: {u} ({days} days)"),
            (Lang::Zh, Some(u)) => format!("有效期至：{u}（{days} 天）"),
            (Lang::En, None) => format!("Valid for: {days} days"),
            (Lang::Zh, None) => format!("有效期：{days} 天"),
        });
    }
    let disp = b.currency.code().to_string();
    let head = |l: &LineQuote, item: String| {
        vec![l.line.to_string(), l.provider.to_string(), l.model.to_string(), l.label.clone().unwrap_or_default(), item]
    };
    // Discounts and the line total have amounts but no quantities.
    let amount_row = |out: &mut String, l: &LineQuote, item: String, amount: &Money, on_screen: &Money| {
        let mut cells = head(l, item);
        cells.extend(["", "", "", "", "", "", "", ""].map(String::from));
        cells.extend([l.currency.code().to_string(), shown(amount), disp.clone(), shown(on_screen)]);
        row(out, &cells);
    };
    for r in rows::breakdown_rows(b, projection) {
        match r {
            Row::Line(_) | Row::LeftOut(_) => {}
            Row::Component(l, c) => {
                let mut cells = head(l, c.label.render(lang));
                cells.extend([
                    c.quantity.to_string(),
                    c.unit.render(lang),
                    c.free.to_string(),
                    c.prepaid.to_string(),
                    c.billable.to_string(),
                    c.unit_price.to_string(),
                    c.price_per.render(lang),
                    c.tier.as_ref().map(|t| t.label.render(lang)).unwrap_or_default(),
                    l.currency.code().to_string(),
                    shown(&c.amount),
                    disp.clone(),
                    shown(&c.amount_display),
                ]);
                row(&mut out, &cells);
            }
            Row::Discount(l, d) => amount_row(&mut out, l, rows::discount_item(d, lang), &d.amount, &d.amount_display),
            Row::LineTotal(l) => {
                amount_row(&mut out, l, Word::LineTotal.text(lang).into(), &l.total, &l.total_display);
            }
            Row::Total { period, amount, .. } => {
                let mut cells: Vec<String> = vec![String::new(); 15];
                cells[4] = period.render(lang);
                cells.push(disp.clone());
                cells.push(shown(&amount));
                row(&mut out, &cells);
            }
        }
    }
    out
}

/// An amount as the CSV writes it: rounded for display, without grouping.
fn shown(m: &Money) -> String {
    round_for_display(m.amount()).to_string()
}

fn money(m: &Money) -> String {
    format!("{} {}", group(round_for_display(m.amount())), m.currency())
}

/// The breakdown as a Markdown table with the first month's total and, given the projection, the
/// typical month's and the year's, drawn from [`rows::sheet`], in `lang`.
pub fn to_markdown(estimate: &Estimate, b: &Breakdown, projection: Option<&Projection>, lang: Lang) -> String {
    let s = rows::sheet(estimate, b, projection);
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", s.title.unwrap_or(Word::Title.text(lang)));
    if let Some(c) = s.customer {
        let _ = writeln!(out, "{}{}{c}\n", Word::Customer.text(lang), lang.pick(": ", "："));
    }
    let cols = [Column::Number, Column::Model, Column::Usage, Column::Amount];
    let _ = writeln!(out, "| {} |", cols.map(|c| c.title(lang)).join(" | "));
    let _ = writeln!(out, "| --- | --- | --- | ---: |");
    let cell = |s: &str| s.replace('|', "\\|");
    let mut usage: Vec<String> = Vec::new();
    for r in &s.rows {
        match r {
            Row::Line(_) => usage.clear(),
            Row::Component(_, c) => usage.push(format!("{}{}{}", c.label.render(lang), lang.pick(": ", "："), {
                let q = rows::shown(c, c.quantity.round_dp(2));
                crate::lang::count_of(q, c.unit, lang, &group(q))
            },)),
            Row::Discount(..) | Row::LeftOut(_) => {}
            Row::LineTotal(l) => {
                let _ = writeln!(
                    out,
                    "| {} | {} / {} | {} | {} |",
                    l.line,
                    cell(&l.provider_name),
                    cell(&rows::line_name(l)),
                    cell(&usage.join(lang.pick("; ", "；"))),
                    money(&l.total_display)
                );
            }
            Row::Total { period, amount, range } => {
                let name = period.render(lang);
                if *period == Period::FirstMonth {
                    let _ = writeln!(out, "| | **{name}** | | **{}** |", money(amount));
                } else {
                    let _ = writeln!(out, "| | {name} | | {} |", money(amount));
                }
                if let Some((min, max)) = range {
                    let to = lang.pick("to", "至");
                    let _ = writeln!(
                        out,
                        "| | {} | | {} {to} {} |",
                        Word::RangePerMonth.text(lang),
                        money(min),
                        money(max)
                    );
                }
            }
        }
    }
    let _ = writeln!(out, "\n1 USD = {} CNY. {}", s.usd_cny.normalize(), Word::Rounding.text(lang));
    if let Some(days) = s.valid_days {
        match lang {
            Lang::En => writeln!(out, "\nValid for {} days.", days.normalize()),
            Lang::Zh => writeln!(out, "\n有效期 {} 天。", days.normalize()),
        }
        .unwrap_or_default();
    }
    if let Some(notes) = s.notes {
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
        .map_err(|e| QuoteError::estimate("", Problem::Syntax { text: e.to_string() }))?;
    let value = match value.as_object().filter(|o| o.contains_key("estimate")) {
        Some(doc) => {
            if let Some(other) = doc.keys().find(|k| *k != "estimate" && *k != "breakdown") {
                return Err(QuoteError::estimate(other.as_str(), Problem::ExportField));
            }
            &doc["estimate"]
        }
        None => &value,
    };
    crate::json::estimate_from_value(value)
}

/// The ISO date (`YYYY-MM-DD`) `days` after `date`, or `None` if `date` is not one
/// ([`crate::rating::decide::civil`]).
pub fn add_days(date: &str, days: i64) -> Option<String> {
    crate::rating::decide::civil::add_days_civil(date, days)
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
    fn csv_has_the_customer_the_tier_and_amounts_as_shown() {
        let (e, b, p) = priced(HY);
        let csv = to_csv(&e, &b, Some(&p), Lang::En, None);
        let rows: Vec<&str> = csv.lines().collect();
        assert!(rows[0].contains(",price_per,tier,currency,"), "{csv}");
        // The customer and the validity (no date given: the days only), in the item column.
        assert_eq!(rows[1], ",,,,\"Customer: ACME, Inc.\",,,,,,,,,,,,", "{csv}");
        assert_eq!(rows[2], ",,,,Valid for: 30 days,,,,,,,,,,,,", "{csv}");
        let amount = |row: &str| row.rsplit(',').next().map(str::to_string);
        // 3,200,100 input tokens x 5.3 / 1M = 16.96053 CNY, at the (32k, 128k] tier (README
        // example), shown to the cent.
        assert!(rows[3].contains(",\"(32k, 128k]\",CNY,16.96,CNY,16.96"), "{csv}");
        // 100,000 output tokens x 21.2 / 1M = 2.12; the total 19.08053 is the README's worked example.
        assert_eq!(amount(rows[4]).as_deref(), Some("2.12"));
        let [month, typical, year] = &rows[rows.len() - 3..] else { unreachable!() };
        assert_eq!(*month, ",,,,\"Total, first month\",,,,,,,,,,,CNY,19.08", "{csv}");
        // The trial is off, so nothing changes from month to month: month 1 is typical and the
        // year is 12 x 19.08053 = 228.96636 CNY, shown 228.97.
        assert_eq!(*typical, ",,,,\"Total, typical month (month 1)\",,,,,,,,,,,CNY,19.08", "{csv}");
        assert_eq!(*year, ",,,,\"Total, 12 months\",,,,,,,,,,,CNY,228.97", "{csv}");
    }

    /// Issue 13's salesperson: 30,000 images a year on Tencent HY Image Global (seed 002) bought
    /// as three 10,000 packages, and 2M GLM-5 requests a month (seed 000), at channel 0.9, in CNY.
    const SALES: &str = r#"{ "version": 1, "currency": "CNY", "customer": "ACME", "valid_days": 30,
        "discounts": { "channel": 0.9 },
        "lines": [
          { "provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": 2500,
            "free_trial": false, "packages": [ { "size": 10000, "count": 3 } ] },
          { "provider": "tencent-tokenhub", "model": "GLM-5", "requests": 2000000,
            "input_tokens": 1000, "output_tokens": 200, "free_trial": false } ] }"#;

    #[test]
    fn csv_golden_for_a_sales_quote() {
        let (e, b, p) = priced(SALES);
        let csv = to_csv(&e, &b, Some(&p), Lang::En, Some("2026-12-01"));
        let rows: Vec<&str> = csv.lines().collect();
        let want = [
            "line,provider,model,label,item,quantity,unit,free,prepaid,billable,unit_price,price_per,tier,currency,amount,display_currency,amount_display",
            ",,,,Customer: ACME,,,,,,,,,,,,",
            ",,,,Date: 2026-12-01,,,,,,,,,,,,",
            // 2026-12-01 + 30 days.
            ",,,,Valid until: 2026-12-31 (30 days),,,,,,,,,,,,",
        ];
        assert_eq!(rows[..4], want, "{csv}");
        let last = |item: &str| rows.iter().find(|r| r.contains(item)).map(|r| r.rsplit(',').next().unwrap_or(""));
        // Packages are prepaid, so no discount: 3 x 550 USD = 1,650 USD, x 7.3 = 12,045 CNY.
        assert!(rows.iter().any(|r| r.ends_with(",USD,1650.00,CNY,12045.00")), "{csv}");
        // GLM-5, (0, 32k] tier: 2,000,000 x 1,000 input tokens x 4 / 1M = 8,000 CNY, 2,000,000 x
        // 200 output tokens x 18 / 1M = 7,200 CNY; x 0.9 = 13,680 CNY.
        assert!(rows.iter().any(|r| r.contains(",GLM-5,") && r.ends_with(",CNY,13680.00,CNY,13680.00")), "{csv}");
        // First month: 12,045 + 13,680 = 25,725 CNY.
        assert_eq!(last("Total, first month"), Some("25725.00"));
        // The 30,000 images last 12 months of 2,500; month 13 is typical: 2,500 x 0.08 USD (the
        // tier under 10,000 a month) x 0.9 = 180 USD = 1,314 CNY, plus 13,680 = 14,994 CNY.
        assert_eq!(last("Total, typical month (month 13)"), Some("14994.00"));
        // The year: 25,725 + 11 x 13,680 = 176,205 CNY.
        assert_eq!(last("Total, 12 months"), Some("176205.00"));
        // In USD, GLM-5's 13,680 CNY is 13,680 / 7.3 = 1,873.972602... USD, written to the cent.
        let usd = SALES.replace("\"CNY\"", "\"USD\"");
        let (e, b, p) = priced(&usd);
        let csv = to_csv(&e, &b, Some(&p), Lang::En, None);
        assert!(csv.lines().any(|r| r.contains(",GLM-5,") && r.ends_with(",CNY,13680.00,USD,1873.97")), "{csv}");
        // In Chinese the words are Chinese.
        let (e, b, p) = priced(SALES);
        let zh = to_csv(&e, &b, Some(&p), Lang::Zh, Some("2026-12-01"));
        assert!(zh.contains(",客户：ACME,") && zh.contains(",有效期至：2026-12-31（30 天）,"), "{zh}");
    }

    #[test]
    fn markdown_has_customer_validity_and_notes() {
        let (e, b, p) = priced(HY);
        let md = to_markdown(&e, &b, Some(&p), Lang::En);
        assert!(md.contains("Customer: ACME, Inc."), "{md}");
        assert!(md.contains("**19.08 CNY**"), "{md}");
        // 12 x 19.08053 = 228.96636 CNY a year; month 1 is typical (the trial is off).
        assert!(md.contains("| | Total, typical month (month 1) | | 19.08 CNY |"), "{md}");
        assert!(md.contains("| | Total, 12 months | | 228.97 CNY |"), "{md}");
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
