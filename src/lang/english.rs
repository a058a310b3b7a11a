//! The English renderer of a breakdown's words (`rating::wording`).
//!
//! English is also the language of the JSON output and the export document, so this file writes
//! the `Serialize` and `Display` impls of those values too. It uses only `crate::rating`, so
//! `build.rs`, which compiles the core into itself, can compile it alongside.

use std::fmt::{self, Write};

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::rating::num::{group, short_count};
use crate::rating::wording::{Basis, CardName, Detail, DiscountKind, DrawdownName, Label, Note, Per, TierText, Unit};

/// Writes a component label.
pub fn label(l: &Label, out: &mut String) {
    out.push_str(match l {
        Label::Input => "Input tokens",
        Label::CachedInput => "Cached input tokens",
        Label::CacheWrite5m => "Cache write tokens (5 min)",
        Label::CacheWrite1h => "Cache write tokens (1 h)",
        Label::AudioInput => "Audio input tokens",
        Label::ImageInput => "Image input tokens",
        Label::Output => "Output tokens",
        Label::Thinking => "Thinking tokens",
        Label::AudioOutput => "Audio output tokens",
        Label::ImageOutput => "Image output tokens",
        Label::Usage => "Usage",
        Label::Credits => "Credits",
        Label::Concurrency => "Concurrency add-on",
        Label::Images => "Images",
        Label::Megapixels => "Megapixels",
        Label::Requests => "Requests",
        Label::Calls => "Calls",
        Label::VideoSeconds => "Video seconds",
        Label::RunTime => "Run time",
        Label::ComputeUnits => "Compute units",
        Label::Subscription => "Subscription",
        Label::Packages { size } => {
            let _ = write!(out, "Prepaid packages of {}", group(*size));
            return;
        }
    });
}

/// Writes a unit.
pub fn unit(u: &Unit, out: &mut String) {
    out.push_str(match u {
        Unit::Tokens => "tokens",
        Unit::Images => "images",
        Unit::Megapixels => "megapixels",
        Unit::Requests => "requests",
        Unit::Calls => "calls",
        Unit::Seconds => "seconds",
        Unit::Minutes => "minutes",
        Unit::ComputeUnits => "compute units",
        Unit::Months => "months",
        Unit::Units => "units",
        Unit::Credits => "credits",
        Unit::Packages => "packages",
        Unit::ConcurrencyDays => "concurrency-days",
        Unit::ConcurrencyMonths => "concurrency-months",
    });
}

/// A unit counted once, e.g. `1 package` (the singular of [`unit`]).
pub fn unit_one(u: &Unit) -> &'static str {
    match u {
        Unit::Tokens => "token",
        Unit::Images => "image",
        Unit::Megapixels => "megapixel",
        Unit::Requests => "request",
        Unit::Calls => "call",
        Unit::Seconds => "second",
        Unit::Minutes => "minute",
        Unit::ComputeUnits => "compute unit",
        Unit::Months => "month",
        Unit::Units => "unit",
        Unit::Credits => "credit",
        Unit::Packages => "package",
        Unit::ConcurrencyDays => "concurrency-day",
        Unit::ConcurrencyMonths => "concurrency-month",
    }
}

fn per_noun(p: &Per) -> &'static str {
    match p {
        Per::MillionTokens => "1M tokens",
        Per::ThousandTokens => "1K tokens",
        Per::Image => "image",
        Per::Megapixel => "megapixel",
        Per::Request => "request",
        Per::Call => "call",
        Per::Second => "second",
        Per::HourByMinute => "hour, billed by the minute",
        Per::ComputeUnit => "compute unit",
        Per::Month => "month",
        Per::Unit => "unit",
        Per::Credit => "credit",
        Per::Package => "package",
        Per::ConcurrencyDay => "concurrency per day",
        Per::ConcurrencyMonth => "concurrency per month",
    }
}

/// Writes what a price is per, e.g. `per 1M tokens`.
pub fn per(p: &Per, out: &mut String) {
    out.push_str("per ");
    out.push_str(per_noun(p));
}

/// Writes what a price is per as it follows a price in a table, e.g. `/ 1M tokens`.
pub fn per_short(p: &Per, out: &mut String) {
    out.push_str("/ ");
    out.push_str(per_noun(p));
}

/// Writes how a quantity was reached, e.g. `10 images x 1,024 x 1,024 px`.
pub fn detail(d: &Detail, out: &mut String) {
    let g = |v: &Decimal| group(*v);
    let _ = match &d.basis {
        Basis::Images { n } => write!(out, "{} images", g(n)),
        Basis::ImagesSized { n, width, height } => write!(out, "{} images x {} x {} px", g(n), g(width), g(height)),
        Basis::ImagesMegapixels { n, megapixels } => write!(out, "{} images x {} MP", g(n), g(megapixels)),
        Basis::Requests { n } => write!(out, "{} requests", g(n)),
        Basis::Calls { n } => write!(out, "{} calls", g(n)),
        Basis::Videos { n, seconds } => write!(out, "{} videos x {} s", g(n), g(seconds)),
        Basis::Hours { hours, minutes } => {
            write!(out, "{} h = {} minutes, billed by the minute", g(hours), g(minutes))
        }
        Basis::ComputeUnits { units, replicas } => write!(out, "{} compute units x {} replicas", g(units), g(replicas)),
        Basis::Subscriptions { n } => write!(out, "{} subscription(s) x 1 month", g(n)),
        Basis::Units { n, name } => write!(out, "{} {}", g(n), name.as_ref().map_or("units", |c| &*c.en)),
        Basis::Concurrency { included, extra, total, days: Some(days) } => write!(
            out,
            "{included} included + {} extra = {} concurrent tasks, for {} days",
            g(extra),
            g(total),
            g(days)
        ),
        Basis::Concurrency { included, extra, total, days: None } => {
            write!(out, "{included} included + {} extra = {} concurrent tasks, for the month", g(extra), g(total))
        }
        Basis::Package { days, units } => {
            write!(out, "valid {days} days; {} units added to the prepaid balance", g(units))
        }
    };
    if let Some(t) = &d.template {
        let _ = write!(out, ", template \"{t}\"");
    }
    if let Some(r) = d.resolution {
        let _ = write!(out, " at {}", r.as_str());
    }
    if let Some((rate, m)) = d.credits {
        let _ = write!(out, " x {} credits per {}", rate.normalize(), m.noun());
    }
}

fn bounds(above: u64, up_to: Option<u64>, out: &mut String) {
    let _ = match up_to {
        Some(up) => write!(out, "({}, {}]", short_count(above), short_count(up)),
        None if above == 0 => write!(out, "all lengths"),
        None => write!(out, "{}+", short_count(above)),
    };
}

fn volume(from: u64, to: Option<u64>, out: &mut String) {
    let _ = match to {
        Some(to) => write!(out, "[{}, {})", group(Decimal::from(from)), group(Decimal::from(to))),
        None => write!(out, "{}+", group(Decimal::from(from))),
    };
}

/// Writes a tier's label or reason.
pub fn tier(t: &TierText, out: &mut String) {
    match t {
        TierText::Bounds { above, up_to } => bounds(*above, *up_to, out),
        TierText::Input { tiered: false, .. } => out.push_str("one price for every input length"),
        TierText::Input { tokens, above, up_to, .. } => {
            let _ = write!(
                out,
                "{} input tokens per request (cached part included) fall in ",
                group(Decimal::from(*tokens))
            );
            bounds(*above, *up_to, out);
        }
        TierText::Volume { from, to } => volume(*from, *to, out),
        TierText::VolumeTotal { total, unit: u, from, to } => {
            let _ = write!(out, "the month's post-paid total of {} ", group(*total));
            unit(u, out);
            out.push_str(" falls in ");
            volume(*from, *to, out);
            out.push_str("; every post-paid unit is billed at that tier");
        }
        TierText::Graduated { first, last } => {
            let _ = write!(out, "units {} to {} of the month are in this graduated tier", group(*first), group(*last));
        }
    }
}

/// Writes a drawdown's name.
pub fn drawdown_name(n: &DrawdownName, out: &mut String) {
    match n {
        DrawdownName::Quota(c) => out.push_str(&c.en),
        DrawdownName::Prepaid => out.push_str("Prepaid resource packages"),
    }
}

/// Writes a discount's name, e.g. `channel discount`.
pub fn discount(k: &DiscountKind, out: &mut String) {
    out.push_str(k.key());
    out.push_str(" discount");
}

fn card(c: &CardName) -> &str {
    &c.en
}

/// Writes a note as a sentence; the engine's range marker writes nothing.
pub fn note(n: &Note, out: &mut String) {
    let _ = match n {
        Note::ExamplePrice => write!(out, "example price: not a published list price"),
        Note::EnteredPrice { card } => write!(out, "price entered by the user: {card} publishes none"),
        Note::EnteredCredits { measure } => write!(out, "credits per {} entered by the user", measure.noun()),
        Note::Priority { multiple } => write!(out, "priority: every price x{}", multiple.normalize()),
        Note::VolumeTierBoundary { at, unit: u, from, to } => {
            let _ = write!(out, "all-units volume tier: at {} ", group(Decimal::from(*at)));
            unit(u, out);
            write!(
                out,
                " every unit drops from {} to {}, so this month can cost less than a slightly smaller one",
                from.normalize(),
                to.normalize()
            )
        }
        Note::VolumeCliff { more, unit: u, saving, at } => {
            let _ = write!(out, "all-units volume cliff: {} more ", group(*more));
            unit(u, out);
            let _ = write!(
                out,
                " would cost {saving} less this month (every unit drops to the price from {} ",
                group(Decimal::from(*at))
            );
            unit(u, out);
            write!(out, ")")
        }
        Note::FreeUnpublished { quota } => write!(
            out,
            "{}: the source does not publish its size, so none is applied; state free_remaining to use it",
            card(quota)
        ),
        Note::FreeOff => write!(out, "free trial off for this line"),
        Note::ClaimBy { quota, date } => write!(out, "{} can be claimed until {date}", card(quota)),
        Note::ClaimClosed { quota, date } => write!(
            out,
            "{} could be claimed only until {date}, before the quote's start month, so none is applied",
            card(quota)
        ),
        Note::PriceChange { from, month } => write!(
            out,
            "price change: this model's price changes on {from} (month {month} of the year); each month is priced at the price in force then"
        ),
        Note::RangeUnpicked { min, max } => write!(
            out,
            "{} to {} credits per call; no point given, so priced at the maximum",
            min.normalize(),
            max.normalize()
        ),
        Note::Range => Ok(()),
    };
}

/// Display (English) and Serialize (as the English text) for the word types.
macro_rules! english_text {
    ($($t:ty => $f:ident),* $(,)?) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut s = String::new();
                $f(self, &mut s);
                f.write_str(&s)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                // Written once into a string and handed over whole: cheaper than serde's
                // `collect_str`, which runs the text through a formatter.
                let mut text = String::new();
                $f(self, &mut text);
                s.serialize_str(&text)
            }
        }
    )*};
}

english_text!(
    Label => label,
    Unit => unit,
    Per => per,
    Detail => detail,
    TierText => tier,
    DrawdownName => drawdown_name,
);

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        note(self, &mut s);
        f.write_str(&s)
    }
}

/// A note serializes as `{"code": ..., "message": ...}`, the message in English; a volume cliff
/// adds `more`, `saving` (an exact decimal string in the card's currency) and `at`.
impl Serialize for Note {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let cliff = match self {
            Note::VolumeCliff { more, saving, at, .. } => Some((more, saving, at)),
            _ => None,
        };
        let change = match self {
            Note::PriceChange { from, month } => Some((from, month)),
            _ => None,
        };
        let extra = if cliff.is_some() { 3 } else { 2 * usize::from(change.is_some()) };
        let mut st = s.serialize_struct("Flag", 2 + extra)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        // A volume cliff carries its numbers too, so a reader need not parse the message.
        if let Some((more, saving, at)) = cliff {
            st.serialize_field("more", more)?;
            st.serialize_field("saving", saving)?;
            st.serialize_field("at", at)?;
        }
        // A price change carries its date and month of the year.
        if let Some((from, month)) = change {
            st.serialize_field("from", from)?;
            st.serialize_field("month", month)?;
        }
        st.end()
    }
}
