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
//!
//! This file holds the link's types and the encoder; reading a link back is in `decode.rs`, and
//! the round-trip tests are in `tests.rs`.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::rating::catalog::Catalog;
use crate::rating::estimate::{Discounts, Estimate, Field, FieldValue};
pub use crate::rating::problem::{LinkProblem, Opened};

mod decode;
pub use decode::{decode, share_the_workload};

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

#[cfg(test)]
mod tests;
