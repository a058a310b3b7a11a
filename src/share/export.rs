//! Exports of a priced estimate: CSV (one row per component, discount and total) and Markdown (a
//! table to paste into an email or a ticket). JSON export is the estimate and the breakdown
//! serialized as they are.

use std::fmt::Write as _;

use crate::rating::money::round_for_display;
use crate::rating::num::group;
use crate::rating::quote::Breakdown;
use crate::rating::{Estimate, Money};

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The breakdown as CSV: a header, then a row per component, per discount and per line total,
/// and a last row for the estimate total. Amounts are exact decimal strings.
pub fn to_csv(b: &Breakdown) -> String {
    let mut out = String::from(
        "line,provider,model,label,item,quantity,unit,free,prepaid,billable,unit_price,price_per,currency,amount,display_currency,amount_display\n",
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
            cells.extend(["", "", "", "", "", "", ""].map(String::from));
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
    let mut cells: Vec<String> = vec![String::new(); 14];
    cells[4] = "Total per month".into();
    cells.push(disp);
    cells.push(b.total.amount().to_string());
    row(&mut out, &cells);
    out
}

fn money(m: &Money) -> String {
    format!("{} {}", group(round_for_display(m.amount())), m.currency())
}

/// The breakdown as a Markdown table with the month's and the year's totals.
pub fn to_markdown(estimate: &Estimate, b: &Breakdown, year: Option<&Money>) -> String {
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
    if let Some(y) = year {
        let _ = writeln!(out, "| | Per year | | {} |", money(y));
    }
    let _ = writeln!(out, "\n1 USD = {} CNY. Amounts rounded half away from zero to 2 places.", b.usd_cny.normalize());
    out
}
