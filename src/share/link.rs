//! Deep links: an estimate in a URL fragment.
//!
//! The fragment is `&`-separated `key=value` pairs with percent-encoded values, short enough to
//! write by hand: `#p=tencent-tokenhub&m=GLM-5&in=40000`. `p=` starts a line (its provider) and the
//! keys after it belong to that line until the next `p=`. Estimate keys:
//!
//! | key | meaning | key | meaning |
//! | --- | --- | --- | --- |
//! | `v` | link format version (1) | `cat` | catalog fingerprint it was made with |
//! | `view` | which view is open | `cur` | display currency |
//! | `fx` | CNY per USD | `ch`, `us`, `ng` | channel, user, negotiated discounts |
//! | `t`, `cust`, `nt`, `vd` | title, customer, notes, valid days | `z` | end marker (checksum) |
//! | `start` | start month, `YYYY-MM` | | |
//!
//! Line keys: `m` (model name or id) and the short keys of [`Field`] (`rq` requests, `in`,
//! `out`, `cache`, `think`, `img`, `calls`, `s`, `res`, `cr`, `trial`, `free`, ...), plus `pkg`
//! (`10000x3,1000x2`), entered token prices `pin`, `pout`, `pch`, `pth`, and line discounts `lch`,
//! `lus`, `lng`. Flags are `1` or `0`.
//!
//! [`encode`] writes `v=1` first and a `z=` checksum last, so a link that was cut short or changed
//! is noticed. [`decode`] never fails: it keeps everything valid and lists what it could not read.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::rating::catalog::Catalog;
use crate::rating::estimate::{
    Discounts, EnteredPrices, Estimate, Field, FieldKind, FieldValue, Line, PackagePurchase,
};
use crate::rating::money::Currency;
use crate::rating::num::{Entry, parse_entry, parse_entry_or_share};
pub use crate::rating::problem::{LinkProblem, Opened};

/// The link format version [`encode`] writes.
pub const LINK_VERSION: u32 = 1;

/// A link read back: the estimate, what else the link said, and what could not be read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DecodedLink {
    /// The estimate, with everything valid the link held.
    pub estimate: Estimate,
    /// The view the link opens, if it names one.
    pub view: Option<String>,
    /// The catalog fingerprint the link was made with, if it says.
    pub catalog: Option<String>,
    /// Whether the link opens in compare mode (`cmp=1`, or a bare `cmp` or `compare`): each line
    /// priced on its own and ranked, never added up.
    pub compare: bool,
    /// What could not be read (naming the line and key), and notes ([`LinkProblem::NoOutput`]).
    pub problems: Vec<LinkProblem>,
}

/// The views a link can open at: the part of the calculator the visitor was working in. The
/// estimate's lines are the default and are not written.
pub const VIEWS: [&str; 8] = ["discounts", "breakdown", "quote", "curve", "trial", "concurrency", "runway", "usage"];

/// A short fingerprint of a text (FNV-1a, 32 bits, as 8 hex digits): the catalog version in
/// links, and the end marker of a link.
pub fn fingerprint(text: &str) -> String {
    crate::rating::catalog::fnv1a(text.as_bytes())
}

/// The catalog version a link made with `catalog` carries (`cat`): for the embedded cards alone,
/// [`crate::CATALOG_VERSION`], as links always have; with a host's cards, the fingerprint of what
/// the whole catalog prices ([`Catalog::content_fingerprint`]), so that the CLI, the JS API and
/// the widget agree on it, and a link made before the host changed a price says so when opened.
pub fn catalog_version(catalog: &Catalog) -> String {
    let content = catalog.content_fingerprint();
    if content == crate::CATALOG_CONTENT { crate::CATALOG_VERSION.to_string() } else { content }
}

/// Percent-encodes everything but `A-Z a-z 0-9 - . _ ~` and `,` `*`.
fn esc(text: &str, out: &mut String) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b',' | b'*') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

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

fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Writes an estimate as a link fragment (without the `#`).
///
/// With a catalog, models are written by id (shorter, and stable across renames) and the catalog
/// fingerprint `cat` is `catalog_version`.
pub fn encode(estimate: &Estimate, view: Option<&str>, catalog: Option<(&Catalog, &str)>) -> String {
    encode_with(estimate, view, false, catalog)
}

/// [`encode`], opening in compare mode (`cmp=1`) when `compare` is set.
pub fn encode_with(
    estimate: &Estimate,
    view: Option<&str>,
    compare: bool,
    catalog: Option<(&Catalog, &str)>,
) -> String {
    let mut out = String::with_capacity(64 + estimate.lines.len() * 64);
    let mut pair = |out: &mut String, key: &str, value: &str| {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        esc(value, out);
    };
    pair(&mut out, "v", &LINK_VERSION.to_string());
    if let Some((_, version)) = catalog {
        pair(&mut out, "cat", version);
    }
    if let Some(view) = view {
        pair(&mut out, "view", view);
    }
    if compare {
        pair(&mut out, "cmp", "1");
    }
    if let Some(c) = estimate.currency {
        pair(&mut out, "cur", c.code());
    }
    if let Some(r) = estimate.usd_cny {
        pair(&mut out, "fx", &num(r));
    }
    let discounts =
        |out: &mut String, d: &Option<Discounts>, keys: [&str; 3], pair: &mut dyn FnMut(&mut String, &str, &str)| {
            if let Some(d) = d {
                for (key, v) in keys.into_iter().zip([d.channel, d.user, d.negotiated]) {
                    if let Some(v) = v {
                        pair(out, key, &num(v));
                    }
                }
            }
        };
    discounts(&mut out, &estimate.discounts, ["ch", "us", "ng"], &mut pair);
    for (key, v) in [("t", &estimate.title), ("cust", &estimate.customer), ("nt", &estimate.notes)] {
        if let Some(v) = v {
            pair(&mut out, key, v);
        }
    }
    if let Some(v) = estimate.valid_days {
        pair(&mut out, "vd", &num(v));
    }
    if let Some(v) = &estimate.start {
        pair(&mut out, "start", v);
    }
    for line in &estimate.lines {
        pair(&mut out, "p", &line.provider);
        let model = catalog
            .and_then(|(cat, _)| cat.card(&line.provider))
            .and_then(|(_, card)| card.model(&line.model))
            .map_or(line.model.as_str(), |(_, m)| &*m.id);
        pair(&mut out, "m", model);
        for &field in Field::ALL {
            let key = field.key();
            match line.get(field) {
                Some(FieldValue::Number(d)) => pair(&mut out, key, &num(d)),
                Some(FieldValue::Text(t)) => pair(&mut out, key, &t),
                Some(FieldValue::Flag(b)) => pair(&mut out, key, if b { "1" } else { "0" }),
                None => {}
            }
        }
        if !line.packages.is_empty() {
            let pkgs: Vec<String> = line.packages.iter().map(|p| format!("{}x{}", num(p.size), num(p.count))).collect();
            pair(&mut out, "pkg", &pkgs.join(","));
        }
        if let Some(p) = &line.prices {
            for (key, v) in [
                ("pin", p.input_per_1m),
                ("pout", p.output_per_1m),
                ("pch", p.cache_hit_per_1m),
                ("pth", p.thinking_per_1m),
            ] {
                if let Some(v) = v {
                    pair(&mut out, key, &num(v));
                }
            }
        }
        discounts(&mut out, &line.discounts, ["lch", "lus", "lng"], &mut pair);
    }
    let check = fingerprint(&out);
    pair(&mut out, "z", &check);
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Estimate {
        let line = |model: &str| Line {
            provider: "tencent-tokenhub".into(),
            model: model.into(),
            requests: Some(Decimal::from(1000)),
            input_tokens: Some(Decimal::from(40_000)),
            output_tokens: Some(Decimal::from(1000)),
            cached_tokens: Some(Decimal::from(5000)),
            free_trial: Some(false),
            ..Line::default()
        };
        Estimate {
            version: 1,
            currency: Some(Currency::Usd),
            usd_cny: Some(Decimal::new(72, 1)),
            discounts: Some(Discounts { channel: Some(Decimal::new(9, 1)), user: None, negotiated: None }),
            customer: Some("ACME & Co / 北京".into()),
            start: Some("2026-12".into()),
            lines: vec![
                line("GLM-5"),
                line("HY 2.0 Think"),
                Line {
                    provider: "hunyuan-image-global".into(),
                    model: "Image Style Transfer".into(),
                    images: Some(Decimal::from(2500)),
                    packages: vec![PackagePurchase { size: Decimal::from(10_000), count: Decimal::from(3) }],
                    ..Line::default()
                },
            ],
            ..Estimate::default()
        }
    }

    #[test]
    fn round_trips_exactly() {
        let est = sample();
        let link = encode(&est, Some("breakdown"), None);
        let back = decode(&format!("#{link}"), None);
        assert_eq!(back.problems, Vec::<LinkProblem>::new());
        assert_eq!(back.estimate, est);
        assert_eq!(back.view.as_deref(), Some("breakdown"));
    }

    #[test]
    fn reads_a_hand_written_link() {
        let back = decode("#p=tencent-tokenhub&m=GLM-5&in=40000&out=500&rq=100", None);
        assert!(back.problems.is_empty(), "{:?}", back.problems);
        let l = &back.estimate.lines[0];
        assert_eq!((l.provider.as_str(), l.model.as_str()), ("tencent-tokenhub", "GLM-5"));
        assert_eq!((l.input_tokens, l.requests), (Some(Decimal::from(40_000)), Some(Decimal::from(100))));
    }

    #[test]
    fn keeps_what_is_valid_and_names_what_is_not() {
        let back = decode("p=tencent-tokenhub&m=GLM-5&in=4x0&out=500&bogus=1&rq", None);
        assert_eq!(back.estimate.lines[0].output_tokens, Some(Decimal::from(500)));
        assert_eq!(back.estimate.lines[0].input_tokens, None);
        assert_eq!(
            back.problems,
            vec![
                LinkProblem::Number {
                    line: Some(1),
                    key: "in".into(),
                    problem: crate::rating::num::EntryProblem::NotANumber { text: "4x0".into() }
                },
                LinkProblem::UnknownKey { line: 1, key: "bogus".into() },
                LinkProblem::NoValue { line: Some(1), raw: "rq".into() },
            ]
        );
        let shown: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "line 1: in: \"4x0\" is not a number; in is input tokens, per request, e.g. 40000, 40k or 40,000",
                "line 1: unknown key \"bogus\"",
                "line 1: \"rq\" has no value (the link may be cut short)",
            ]
        );
    }

    #[test]
    fn refuses_a_number_no_decimal_holds_exactly() {
        let back = decode("p=tencent-tokenhub&m=GLM-5&in=0.00000000000000000000000000001&out=5", None);
        assert_eq!(back.estimate.lines[0].input_tokens, None);
        assert_eq!(back.estimate.lines[0].output_tokens, Some(Decimal::from(5)));
        let shown: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "line 1: in: \"0.00000000000000000000000000001\" has more digits than an exact decimal holds (28, and 28 after the point); in is input tokens, per request, e.g. 40000, 40k or 40,000"
            ]
        );
    }

    #[test]
    fn reads_suffixes_separators_and_a_cache_share() {
        let d = |s: &str| Decimal::from_str_exact(s).ok();
        // 40k = 40,000 input tokens; 30% of them cached = 40,000 x 30 / 100 = 12,000 exactly;
        // 1.5M = 1,500,000 requests; "30%2C000" is "30,000" escaped; %25 is an escaped "%".
        let back = decode("p=tencent-tokenhub&m=GLM-5&cache=30%&in=40k&out=1%2C000&rq=1.5M", None);
        assert_eq!(back.problems, Vec::<LinkProblem>::new());
        let l = &back.estimate.lines[0];
        assert_eq!((l.input_tokens, l.cached_tokens, l.output_tokens), (d("40000"), d("12000"), d("1000")));
        assert_eq!(l.requests, d("1500000"));
        let escaped = decode("p=tencent-tokenhub&m=GLM-5&in=30 000&cache=12.5%25&out=0", None);
        assert_eq!(escaped.problems, Vec::<LinkProblem>::new());
        // 30,000 x 12.5 / 100 = 3,750.
        assert_eq!(escaped.estimate.lines[0].cached_tokens, d("3750"));
        // 333 x 30 / 100 = 99.9, rounded down to 99 whole tokens.
        let odd = decode("p=tencent-tokenhub&m=GLM-5&in=333&cache=30%&out=1", None);
        assert_eq!(odd.estimate.lines[0].cached_tokens, d("99"));
        // What the link now says is what it prices: the share became tokens, and writing it back
        // and reading it again gives the same estimate.
        let again = decode(&encode(&back.estimate, None, None), None);
        assert_eq!(again.estimate, back.estimate);
        let shown: Vec<String> = decode("p=tencent-tokenhub&m=GLM-5&cache=30%&rq=1.2345k&think=5%&out=1", None)
            .problems
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            shown,
            [
                "line 1: rq: \"1.2345k\" is 1,234.5, not a whole number: k, M and B are for whole counts; rq is requests, per month, e.g. 40000, 40k or 40,000",
                "line 1: think: \"5%\": this field takes a number, not a share; think is thinking tokens, per request, part of output, e.g. 40000, 40k or 40,000",
                "line 1: cache: a share in percent is a share of the input tokens, and the line gives none (in=)",
            ]
        );
        let fraction = decode("p=tencent-tokenhub&m=GLM-5&in=1000&out=1&cache=0.3", None);
        assert_eq!(fraction.estimate.lines[0].cached_tokens, None);
        assert_eq!(
            fraction.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["line 1: cache: \"0.3\" is cached tokens per request, not a share: for 30% of the input write cache=30%"]
        );
        let bad = decode("p=tencent-tokenhub&m=GLM-5&in=1000&out=1&cache=abc", None);
        assert_eq!(
            bad.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "line 1: cache: \"abc\" is not a number; cache is cached input tokens, per request, part of input, or a share of the input like 30%"
            ]
        );
        assert_eq!(
            crate::lang::link_problem(&bad.problems[0], crate::lang::Lang::Zh),
            "第 1 行：cache：“abc”不是数字；cache 表示缓存命中 tokens（每次请求，含于输入），也可写输入的占比，例如 30%"
        );
    }

    #[test]
    fn a_token_line_without_output_says_so() {
        let back = decode("p=tencent-tokenhub&m=GLM-5&in=2000&rq=10", None);
        assert_eq!(back.problems, vec![LinkProblem::NoOutput { line: 1 }]);
        assert_eq!(
            back.problems[0].to_string(),
            "line 1: note: no output tokens given (out=), so output is priced as 0 tokens per request"
        );
    }

    #[test]
    fn compare_mode_shares_the_first_line_s_workload() {
        let back = decode(
            "p=tencent-tokenhub&m=GLM-5&in=40k&out=1k&rq=1M&m=HY 2.0 Think&p=deepseek&m=deepseek-chat&in=1k&cmp=1",
            None,
        );
        assert!(back.compare);
        assert_eq!(back.problems, Vec::<LinkProblem>::new());
        let lines = &back.estimate.lines;
        let named: Vec<(&str, &str)> = lines.iter().map(|l| (l.provider.as_str(), l.model.as_str())).collect();
        assert_eq!(
            named,
            [("tencent-tokenhub", "GLM-5"), ("tencent-tokenhub", "HY 2.0 Think"), ("deepseek", "deepseek-chat")]
        );
        let usage: Vec<_> = lines.iter().map(|l| (l.input_tokens, l.output_tokens, l.requests)).collect();
        let d = |n: u64| Some(Decimal::from(n));
        assert_eq!(
            usage,
            [(d(40_000), d(1000), d(1_000_000)), (d(40_000), d(1000), d(1_000_000)), (d(1000), d(1000), d(1_000_000))]
        );
        assert!(decode("p=tencent-tokenhub&m=GLM-5&in=1&out=1&compare", None).compare);
        let written = encode_with(&back.estimate, None, true, None);
        assert!(written.contains("&cmp=1&"), "{written}");
        assert!(decode(&written, None).compare);
        assert!(!decode(&encode(&back.estimate, None, None), None).compare);
    }

    #[test]
    fn a_percent_sign_is_a_percent_sign_unless_it_escapes_two_hex_digits() {
        let back = decode("t=100%25 sure&cust=30% off&nt=%E4%B8%AD", None);
        assert_eq!(back.estimate.title.as_deref(), Some("100% sure"));
        assert_eq!(back.estimate.customer.as_deref(), Some("30% off"));
        assert_eq!(back.estimate.notes.as_deref(), Some("中"));
        let cut = decode("t=%E4%B", None);
        assert!(matches!(cut.problems.as_slice(), [LinkProblem::BrokenEscape { .. }]), "{:?}", cut.problems);
    }

    #[test]
    fn notices_a_link_cut_short() {
        let link = encode(&sample(), None, None);
        let cut = &link[..link.len() / 2];
        let back = decode(cut, None);
        assert!(
            back.problems.iter().any(|p| matches!(p, LinkProblem::Cut | LinkProblem::Changed)),
            "{:?}",
            back.problems
        );
        assert!(!back.estimate.lines.is_empty());
    }

    #[test]
    fn ten_lines_fit_in_2000_characters() {
        let mut est = sample();
        let first = est.lines[0].clone();
        est.lines = (0..10).map(|_| first.clone()).collect();
        let link = encode(&est, Some("breakdown"), None);
        assert!(link.len() < 2000, "{} characters", link.len());
    }
}
