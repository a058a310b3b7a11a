//! The breakdown as `ratecard quote --json` prints it, written as it is produced.
//!
//! Every object's keys come out in alphabetical order, the order the command has always printed
//! (it used to build a `serde_json::Value`, whose maps are sorted, and print that). These
//! `Serialize` views write the same document straight to a serializer, so a large estimate's
//! output never exists as a tree: with [`Priced::streamed`] the lines are priced one at a time
//! while they are written ([`quote_each`]), and only the month's totals, computed beforehand, are
//! kept. Every amount is an exact decimal string.

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::rating::breakdown::{Component, DiscountLine, Drawdown, TierChoice, TypicalMonth};
use crate::rating::{Breakdown, Catalog, Estimate, LineQuote, Money, Projection, QuoteError, quote_each};

/// Where a [`Priced`] document's lines come from.
enum Lines<'a> {
    /// Lines already priced.
    Kept(&'a [LineQuote]),
    /// Lines priced again while they are written.
    Streamed(&'a Catalog, &'a Estimate),
}

/// The breakdown with `total_rounded`, `typical_month` and the twelve-month `year` added, as
/// `ratecard quote --json` prints it and the JSON export holds it under `"breakdown"`.
pub struct Priced<'a> {
    breakdown: &'a Breakdown,
    projection: &'a Projection,
    lines: Lines<'a>,
}

impl<'a> Priced<'a> {
    /// The document for a breakdown with its lines.
    pub fn new(breakdown: &'a Breakdown, projection: &'a Projection) -> Priced<'a> {
        Priced { breakdown, projection, lines: Lines::Kept(&breakdown.lines) }
    }

    /// The document for `estimate`, whose totals and errors are `summary` (from
    /// [`quote_and_project`](crate::rating::quote_and_project), lines not kept): its lines are
    /// priced again, one at a time, as they are written.
    pub fn streamed(
        catalog: &'a Catalog,
        estimate: &'a Estimate,
        summary: &'a Breakdown,
        projection: &'a Projection,
    ) -> Priced<'a> {
        Priced { breakdown: summary, projection, lines: Lines::Streamed(catalog, estimate) }
    }

    /// The document without its lines and errors: the last record of `ratecard quote --jsonl`.
    pub fn totals(&self) -> impl Serialize + '_ {
        Totals(self)
    }

    fn write_totals<S: SerializeStruct>(&self, st: &mut S) -> Result<(), S::Error> {
        let b = self.breakdown;
        st.serialize_field("total", &b.total)?;
        if let Some(max) = &b.total_max {
            st.serialize_field("total_max", max)?;
        }
        if let Some(min) = &b.total_min {
            st.serialize_field("total_min", min)?;
        }
        st.serialize_field("total_rounded", &b.total_rounded().to_string())?;
        st.serialize_field("typical_month", &Typical(&self.projection.typical))?;
        st.serialize_field("usd_cny", &b.usd_cny)?;
        st.serialize_field("usd_cny_source", b.usd_cny_source)?;
        st.serialize_field("year", &self.projection.year)
    }
}

impl Serialize for Priced<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Priced", 13)?;
        st.serialize_field("currency", &self.breakdown.currency)?;
        st.serialize_field("errors", &Each(&self.breakdown.errors, ErrorV))?;
        match self.lines {
            Lines::Kept(lines) => st.serialize_field("lines", &Each(lines, LineV))?,
            Lines::Streamed(catalog, estimate) => st.serialize_field("lines", &StreamedLines { catalog, estimate })?,
        }
        self.write_totals(&mut st)?;
        st.end()
    }
}

struct Totals<'p, 'a>(&'p Priced<'a>);

impl Serialize for Totals<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Totals", 11)?;
        st.serialize_field("currency", &self.0.breakdown.currency)?;
        self.0.write_totals(&mut st)?;
        st.end()
    }
}

/// One priced line in the document's key order, for `ratecard quote --jsonl`.
pub fn line_view(line: &LineQuote) -> impl Serialize + '_ {
    LineV(line)
}

/// The lines of an estimate, priced as they are written.
struct StreamedLines<'a> {
    catalog: &'a Catalog,
    estimate: &'a Estimate,
}

impl Serialize for StreamedLines<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        let mut failed: Option<S::Error> = None;
        quote_each(self.catalog, self.estimate, &mut |line| {
            if failed.is_none()
                && let Err(e) = seq.serialize_element(&LineV(&line))
            {
                failed = Some(e);
            }
        });
        match failed {
            Some(e) => Err(e),
            None => seq.end(),
        }
    }
}

/// A slice written through a view of its items.
struct Each<'a, T, V>(&'a [T], fn(&'a T) -> V);

impl<'a, T, V: Serialize> Serialize for Each<'a, T, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(self.1))
    }
}

/// Writes a struct's fields in the order given, leaving out `None`s.
macro_rules! fields {
    ($s:expr, $name:literal, $( $key:literal => $value:expr ),* $(,)?) => {{
        // serde_json closes a struct of length 0 at once, so the length is counted.
        let mut st = $s.serialize_struct($name, [$($key),*].len())?;
        $( fields!(@one st, $key, $value); )*
        st.end()
    }};
    (@one $st:ident, $key:literal, $value:expr) => {
        $st.serialize_field($key, $value)?
    };
}

/// Writes an optional field only when it is there.
fn opt<S: SerializeStruct, T: Serialize>(st: &mut S, key: &'static str, value: Option<T>) -> Result<(), S::Error> {
    match value {
        Some(v) => st.serialize_field(key, &v),
        None => st.skip_field(key),
    }
}

/// A money amount as its exact decimal string, as [`Money`]'s own `Serialize` writes it, through
/// the decimal's serializer (no formatter in between).
struct Amount<'a>(&'a Money);

impl Serialize for Amount<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(&self.0.amount(), s)
    }
}

struct LineV<'a>(&'a LineQuote);

impl Serialize for LineV<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let l = self.0;
        let mut st = s.serialize_struct("LineQuote", 18)?;
        // The line's tier is usually every component's too: its words are written once.
        let shared = l.tier.as_ref().map(Written::new);
        st.serialize_field("components", &Comps(&l.components, shared.as_ref()))?;
        st.serialize_field("currency", &l.currency)?;
        st.serialize_field("discounts", &Each(&l.discounts, DiscV))?;
        st.serialize_field("flags", &l.flags)?;
        opt(&mut st, "free", l.free.as_deref().map(DrawV))?;
        opt(&mut st, "label", l.label.as_ref())?;
        st.serialize_field("line", &l.line)?;
        st.serialize_field("model", &*l.model)?;
        st.serialize_field("model_id", &*l.model_id)?;
        st.serialize_field("postpaid", &Amount(&l.postpaid))?;
        opt(&mut st, "prepaid", l.prepaid.as_deref().map(DrawV))?;
        st.serialize_field("provider", &*l.provider)?;
        st.serialize_field("provider_name", &*l.provider_name)?;
        opt(&mut st, "tier", shared.as_ref())?;
        st.serialize_field("total", &Amount(&l.total))?;
        st.serialize_field("total_display", &Amount(&l.total_display))?;
        opt(&mut st, "total_max", l.total_max.as_ref().map(Amount))?;
        opt(&mut st, "total_min", l.total_min.as_ref().map(Amount))?;
        st.end()
    }
}

/// A line's components, with the line's tier written out once for those that share it.
struct Comps<'a>(&'a [Component], Option<&'a Written<'a>>);

impl Serialize for Comps<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|c| CompV(c, self.1)))
    }
}

/// A tier with its label and reason written out, to serialize several times.
struct Written<'a> {
    tier: &'a TierChoice,
    label: String,
    reason: String,
}

impl<'a> Written<'a> {
    fn new(tier: &'a TierChoice) -> Written<'a> {
        Written { tier, label: tier.label.to_string(), reason: tier.reason.to_string() }
    }
}

impl Serialize for Written<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        fields!(s, "TierChoice",
            "index" => &self.tier.index,
            "label" => &self.label,
            "of" => &self.tier.of,
            "reason" => &self.reason,
        )
    }
}

struct CompV<'a>(&'a Component, Option<&'a Written<'a>>);

impl Serialize for CompV<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut st = s.serialize_struct("Component", 15)?;
        st.serialize_field("amount", &Amount(&c.amount))?;
        st.serialize_field("amount_display", &Amount(&c.amount_display))?;
        st.serialize_field("billable", &c.billable)?;
        opt(&mut st, "detail", c.detail.as_ref())?;
        st.serialize_field("free", &c.free)?;
        st.serialize_field("kind", &c.kind)?;
        st.serialize_field("label", &c.label)?;
        opt(&mut st, "multiple", c.multiple.as_ref())?;
        st.serialize_field("prepaid", &c.prepaid)?;
        st.serialize_field("price_per", &c.price_per)?;
        st.serialize_field("quantity", &c.quantity)?;
        st.serialize_field("settlement", &c.settlement)?;
        match (&c.tier, self.1) {
            (Some(t), Some(w)) if t == w.tier => st.serialize_field("tier", w)?,
            (tier, _) => opt(&mut st, "tier", tier.as_ref().map(TierV))?,
        }
        st.serialize_field("unit", &c.unit)?;
        st.serialize_field("unit_price", &c.unit_price)?;
        st.end()
    }
}

struct DrawV<'a>(&'a Drawdown);

impl Serialize for DrawV<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let mut st = s.serialize_struct("Drawdown", 9)?;
        st.serialize_field("available", &d.available)?;
        opt(&mut st, "claim_by", d.claim_by.as_ref())?;
        st.serialize_field("name", &d.name)?;
        st.serialize_field("remaining", &d.remaining)?;
        st.serialize_field("source", &*d.source)?;
        st.serialize_field("stated", &d.stated)?;
        st.serialize_field("unit", &d.unit)?;
        st.serialize_field("used", &d.used)?;
        opt(&mut st, "validity_days", d.validity_days)?;
        st.end()
    }
}

struct DiscV<'a>(&'a DiscountLine);

impl Serialize for DiscV<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        fields!(s, "DiscountLine",
            "amount" => &Amount(&d.amount),
            "amount_display" => &Amount(&d.amount_display),
            "kind" => &d.kind,
            "multiplier" => &d.multiplier,
        )
    }
}

struct TierV<'a>(&'a TierChoice);

impl Serialize for TierV<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        fields!(s, "TierChoice",
            "index" => &t.index,
            "label" => &t.label,
            "of" => &t.of,
            "reason" => &t.reason,
        )
    }
}

struct Typical<'a>(&'a TypicalMonth);

impl Serialize for Typical<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        fields!(s, "TypicalMonth",
            "month" => &t.month,
            "reached" => &t.reached,
            "total" => &t.total,
            "total_rounded" => &t.total.rounded().to_string(),
        )
    }
}

struct ErrorV<'a>(&'a QuoteError);

impl Serialize for ErrorV<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut st = s.serialize_struct("QuoteError", 5)?;
        st.serialize_field("field", &e.field)?;
        st.serialize_field("kind", &e.kind())?;
        opt(&mut st, "line", e.line)?;
        st.serialize_field("message", &e.message())?;
        opt(&mut st, "model", e.model.as_ref())?;
        st.end()
    }
}
