//! Reading a deep link back into an estimate.
//!
//! [`decode`] undoes the percent escapes, checks the version and the end marker, and reads each
//! key into the estimate or its current line. It never fails: what it cannot read is listed as a
//! [`LinkProblem`] naming the line and key, and everything else is kept. Cache shares
//! (`cache=30%`) become tokens once the line's input is known, and compare mode shares the first
//! line's workload with the lines after it.

use rust_decimal::Decimal;

use super::{DecodedLink, LINK_VERSION, LinkProblem, fingerprint};
use crate::rating::catalog::Catalog;
use crate::rating::estimate::{
    Discounts, EnteredPrices, Estimate, Field, FieldKind, FieldValue, Line, PackagePurchase,
};
use crate::rating::money::Currency;
use crate::rating::num::{Entry, parse_entry, parse_entry_or_share};

/// Why a value's escapes could not be undone.
enum BadEscape {
    /// A `%` without two hex digits.
    Broken,
    /// The bytes are not UTF-8.
    NotUtf8,
}

fn unesc(text: &str) -> Result<String, BadEscape> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = |b: Option<&u8>| b.and_then(|b| char::from(*b).to_digit(16));
                match (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                    (Some(h), Some(l)) => {
                        out.extend(u8::try_from(h * 16 + l).ok());
                        i += 3;
                    }
                    // `%` and one hex digit at the very end: an escape cut short.
                    (Some(_), None) if i + 2 == bytes.len() => return Err(BadEscape::Broken),
                    // Any other `%` is itself, as browsers read it (`cache=30%`).
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| BadEscape::NotUtf8)
}

/// Reads a link fragment (with or without the leading `#`).
///
/// With a catalog, model ids are turned back into published names. Nothing here fails: what cannot
/// be read is listed in [`DecodedLink::problems`] and left out, and everything else is kept.
/// A fragment over the limits of [`crate::rating::limits::check_link`] is not read at all: the
/// one problem says which limit.
pub fn decode(fragment: &str, catalog: Option<&Catalog>) -> DecodedLink {
    let fragment = fragment.trim().trim_start_matches('#');
    let mut link = DecodedLink { estimate: Estimate { version: 1, ..Estimate::default() }, ..DecodedLink::default() };
    // A link over the limits is not read at all (crate::rating::limits).
    if let Err(e) = crate::rating::limits::check_link(fragment) {
        link.problems.push(LinkProblem::OverLimit(e));
        return link;
    }
    let mut problems = Vec::new();
    let mut versioned = false;
    let mut end_seen = false;
    let mut consumed = 0usize;
    // Cache shares in percent, by line index, turned into tokens once the line's input is known.
    let mut shares: Vec<(usize, String, Decimal)> = Vec::new();

    for raw in fragment.split('&') {
        let start = consumed;
        consumed += raw.len() + 1;
        if raw.is_empty() {
            continue;
        }
        let n = link.estimate.lines.len();
        let line = (n > 0).then_some(n);
        let Some((key, value)) = raw.split_once('=') else {
            if matches!(raw, "cmp" | "compare") {
                link.compare = true;
                continue;
            }
            problems.push(LinkProblem::NoValue { line, raw: raw.to_string() });
            continue;
        };
        let value = match unesc(value) {
            Ok(v) => v,
            Err(e) => {
                let (key, text) = (key.to_string(), value.to_string());
                problems.push(match e {
                    BadEscape::Broken => LinkProblem::BrokenEscape { line, key, text },
                    BadEscape::NotUtf8 => LinkProblem::NotUtf8 { line, key, text },
                });
                continue;
            }
        };
        // Names, numbers and lists are short; only the free text of a label, title, customer or
        // notes may be long. A longer value is refused, since a value is copied to the lines a
        // second `m=` or compare mode start (crate::rating::limits::LINK_VALUE_CHARS).
        if !matches!(key, "lb" | "t" | "cust" | "nt")
            && let Err(e) = crate::rating::limits::check_link_value(&value)
        {
            problems.push(LinkProblem::OverLimit(e));
            continue;
        }
        let number = |problems: &mut Vec<LinkProblem>| match parse_entry(&value) {
            Ok(d) => Some(d),
            Err(problem) => {
                problems.push(LinkProblem::Number { line, key: key.to_string(), problem });
                None
            }
        };
        match key {
            "v" => {
                versioned = true;
                if value != LINK_VERSION.to_string() {
                    problems.push(LinkProblem::Version { given: value, reads: LINK_VERSION });
                }
            }
            "z" => {
                end_seen = true;
                let body = fragment.get(..start.saturating_sub(1)).unwrap_or_default();
                if fingerprint(body) != value {
                    problems.push(LinkProblem::Changed);
                }
            }
            "cat" => link.catalog = Some(value),
            "cmp" | "compare" => match value.as_str() {
                "1" | "true" | "yes" | "" => link.compare = true,
                "0" | "false" | "no" => link.compare = false,
                _ => problems.push(LinkProblem::NotAFlag { line: n, key: key.to_string(), text: value }),
            },
            "view" => link.view = Some(value),
            "cur" => match Currency::from_code(&value) {
                Some(c) => link.estimate.currency = Some(c),
                None => problems.push(LinkProblem::UnknownCurrency { key: "cur".into(), given: value }),
            },
            "fx" => link.estimate.usd_cny = number(&mut problems),
            "ch" | "us" | "ng" => {
                if let Some(v) = number(&mut problems) {
                    let d = link.estimate.discounts.get_or_insert_with(Discounts::default);
                    *match key {
                        "ch" => &mut d.channel,
                        "us" => &mut d.user,
                        _ => &mut d.negotiated,
                    } = Some(v);
                }
            }
            "t" => link.estimate.title = Some(value),
            "cust" => link.estimate.customer = Some(value),
            "nt" => link.estimate.notes = Some(value),
            "vd" => link.estimate.valid_days = number(&mut problems),
            "start" => link.estimate.start = Some(value),
            "p" => link.estimate.lines.push(Line { provider: value, ..Line::default() }),
            _ => {
                let Some(line) = link.estimate.lines.last_mut() else {
                    problems.push(LinkProblem::NoLine { key: key.to_string() });
                    continue;
                };
                match key {
                    "m" => {
                        // A second `m=` on a line starts another line of the same provider.
                        let line = if line.model.is_empty() {
                            line
                        } else {
                            let provider = line.provider.clone();
                            link.estimate.lines.push(Line { provider, ..Line::default() });
                            let Some(next) = link.estimate.lines.last_mut() else { continue };
                            next
                        };
                        line.model = catalog
                            .and_then(|c| c.card(&line.provider))
                            .and_then(|(_, card)| card.model(&value))
                            .map_or(value, |(_, m)| m.name.to_string());
                    }
                    "pkg" => {
                        for part in value.split(',').filter(|p| !p.is_empty()) {
                            let (size, count) = part.split_once(['x', '*']).unwrap_or((part, "1"));
                            match (parse_entry(size), parse_entry(count)) {
                                (Ok(size), Ok(count)) => line.packages.push(PackagePurchase { size, count }),
                                _ => problems.push(LinkProblem::BadPackage { line: n, part: part.to_string() }),
                            }
                        }
                    }
                    "pin" | "pout" | "pch" | "pth" => {
                        if let Some(v) = number(&mut problems) {
                            let p = line.prices.get_or_insert_with(EnteredPrices::default);
                            *match key {
                                "pin" => &mut p.input_per_1m,
                                "pout" => &mut p.output_per_1m,
                                "pch" => &mut p.cache_hit_per_1m,
                                _ => &mut p.thinking_per_1m,
                            } = Some(v);
                        }
                    }
                    "lch" | "lus" | "lng" => {
                        if let Some(v) = number(&mut problems) {
                            let d = line.discounts.get_or_insert_with(Discounts::default);
                            *match key {
                                "lch" => &mut d.channel,
                                "lus" => &mut d.user,
                                _ => &mut d.negotiated,
                            } = Some(v);
                        }
                    }
                    _ => {
                        let field = Field::from_key(key).or_else(|| Field::from_name(key));
                        let Some(field) =
                            field.filter(|f| !matches!(f.kind(), FieldKind::Packages | FieldKind::Prices))
                        else {
                            problems.push(LinkProblem::UnknownKey { line: n, key: key.to_string() });
                            continue;
                        };
                        let parsed = match field.kind() {
                            FieldKind::Number if field == Field::CachedTokens => match parse_entry_or_share(&value) {
                                Ok(Entry::Amount(d)) if d > Decimal::ZERO && d < Decimal::ONE => {
                                    let (key, text) = (key.to_string(), value.clone());
                                    problems.push(LinkProblem::ShareAsFraction { line: n, key, text });
                                    None
                                }
                                Ok(Entry::Amount(d)) => Some(FieldValue::Number(d)),
                                Ok(Entry::Percent(p)) => {
                                    shares.push((n - 1, key.to_string(), p));
                                    line.cached_tokens = None;
                                    None
                                }
                                Err(problem) => {
                                    problems.push(LinkProblem::Number { line: Some(n), key: key.to_string(), problem });
                                    None
                                }
                            },
                            FieldKind::Number => number(&mut problems).map(FieldValue::Number),
                            FieldKind::Text | FieldKind::Choice => Some(FieldValue::Text(value.clone())),
                            FieldKind::Packages | FieldKind::Prices => None,
                            FieldKind::Flag | FieldKind::Trial => match value.as_str() {
                                "1" | "true" | "yes" => Some(FieldValue::Flag(true)),
                                "0" | "false" | "no" => Some(FieldValue::Flag(false)),
                                _ => {
                                    let (key, text) = (key.to_string(), value.clone());
                                    problems.push(LinkProblem::NotAFlag { line: n, key, text });
                                    None
                                }
                            },
                        };
                        if let Some(v) = parsed {
                            let _ = line.set(field, Some(v));
                        }
                    }
                }
            }
        }
    }
    apply_shares(&mut link.estimate.lines, shares, &mut problems);
    if link.compare {
        share_the_workload(&mut link.estimate.lines);
    }
    for (i, line) in link.estimate.lines.iter().enumerate() {
        if line.model.is_empty() {
            problems.push(LinkProblem::NoModel { line: i + 1, provider: line.provider.clone() });
        }
        // A hand-written link (no `v=`) that leaves out the output is told so; a link the
        // calculator wrote shows the empty field it was made with.
        if !versioned && line.input_tokens.is_some() && line.output_tokens.is_none() {
            problems.push(LinkProblem::NoOutput { line: i + 1 });
        }
    }
    if versioned && !end_seen {
        problems.push(LinkProblem::Cut);
    }
    link.problems = problems;
    link
}

/// Turns each cache share (`cache=30%`) into tokens: the line's input tokens x the percent / 100,
/// rounded down to a whole token (as the widget's cache chips do), so the estimate says exactly
/// what is priced. A line with no input tokens gets [`LinkProblem::ShareWithoutInput`].
fn apply_shares(lines: &mut [Line], shares: Vec<(usize, String, Decimal)>, problems: &mut Vec<LinkProblem>) {
    for (i, key, percent) in shares {
        let Some(line) = lines.get_mut(i) else { continue };
        let cached = line
            .input_tokens
            .and_then(|input| input.checked_mul(percent))
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .map(|x| x.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::ToZero).normalize());
        match cached {
            Some(c) => line.cached_tokens = Some(c),
            None => problems.push(LinkProblem::ShareWithoutInput { line: i + 1, key }),
        }
    }
}

/// Compare mode: each line after the first takes the first line's usage for every field it does
/// not set itself, so a docs writer writes the workload once and the models after it.
pub fn share_the_workload(lines: &mut [Line]) {
    let Some((first, rest)) = lines.split_first_mut() else { return };
    for line in rest {
        for &field in Field::ALL {
            if field == Field::Label || line.has(field) {
                continue;
            }
            match field.kind() {
                FieldKind::Packages => line.packages.clone_from(&first.packages),
                FieldKind::Prices => line.prices.clone_from(&first.prices),
                _ => {
                    let _ = line.set(field, first.get(field));
                }
            }
        }
        if line.discounts.is_none() {
            line.discounts.clone_from(&first.discounts);
        }
    }
}
