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
use crate::rating::num::{BadNumber, parse_exact};
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
    /// What could not be read (naming the line and key).
    pub problems: Vec<LinkProblem>,
}

/// The views a link can open at: the part of the calculator the visitor was working in. The
/// estimate's lines are the default and are not written.
pub const VIEWS: [&str; 3] = ["discounts", "breakdown", "quote"];

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
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) else {
                    return Err(BadEscape::Broken);
                };
                out.push(v);
                i += 3;
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

    for raw in fragment.split('&') {
        let start = consumed;
        consumed += raw.len() + 1;
        if raw.is_empty() {
            continue;
        }
        let n = link.estimate.lines.len();
        let line = (n > 0).then_some(n);
        let Some((key, value)) = raw.split_once('=') else {
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
        let number = |problems: &mut Vec<LinkProblem>| match parse_exact(&value) {
            Ok(d) => Some(d),
            Err(e) => {
                let (key, text) = (key.to_string(), value.clone());
                problems.push(match e {
                    BadNumber::NotANumber => LinkProblem::NotANumber { line, key, text },
                    BadNumber::OutOfRange => LinkProblem::TooManyDigits { line, key, text },
                });
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
                        line.model = catalog
                            .and_then(|c| c.card(&line.provider))
                            .and_then(|(_, card)| card.model(&value))
                            .map_or(value, |(_, m)| m.name.to_string());
                    }
                    "pkg" => {
                        for part in value.split(',').filter(|p| !p.is_empty()) {
                            let (size, count) = part.split_once(['x', '*']).unwrap_or((part, "1"));
                            match (parse_exact(size), parse_exact(count)) {
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
    for (i, line) in link.estimate.lines.iter().enumerate() {
        if line.model.is_empty() {
            problems.push(LinkProblem::NoModel { line: i + 1, provider: line.provider.clone() });
        }
    }
    if versioned && !end_seen {
        problems.push(LinkProblem::Cut);
    }
    link.problems = problems;
    link
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
        let back = decode("#p=tencent-tokenhub&m=GLM-5&in=40000&rq=100", None);
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
                LinkProblem::NotANumber { line: Some(1), key: "in".into(), text: "4x0".into() },
                LinkProblem::UnknownKey { line: 1, key: "bogus".into() },
                LinkProblem::NoValue { line: Some(1), raw: "rq".into() },
            ]
        );
        let shown: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "line 1: in: \"4x0\" is not a number",
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
                "line 1: in: \"0.00000000000000000000000000001\" has more digits than an exact decimal holds (28, and 28 after the point)"
            ]
        );
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
