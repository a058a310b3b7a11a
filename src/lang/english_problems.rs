//! English for every problem the product reports: `Display` for [`Problem`], [`LinkProblem`] and
//! [`EntryProblem`]. The CLI's messages, the JSON `message` field and the JS API's errors are this
//! text.
//!
//! This file names only `crate::rating`, because `build.rs` compiles it together with the core
//! (the core's `QuoteError` and catalog messages are written with it).

use std::fmt::{self, Display, Formatter};

use rust_decimal::Decimal;

use crate::rating::catalog::Measure;
use crate::rating::num::{EntryProblem, OUT_OF_RANGE, TOO_MANY_DIGITS, group};
use crate::rating::problem::{
    BROKEN_KEY, Expected, Found, LinkProblem, Needs, Opened, Problem, SetAsideWhy, Shape, UnusedWhy,
};

/// Text a person gave (a name, a key, a value), as a message quotes it: whole when it is short,
/// else its first 60 characters and "…", so that a 200,000-character name from a damaged link
/// does not become a 200,000-character message. Both languages quote through it.
pub(super) struct Clip<'a>(pub &'a str);

impl Display for Clip<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        const LONGEST: usize = 80;
        const KEPT: usize = 60;
        match self.0.char_indices().nth(LONGEST) {
            None => f.write_str(self.0),
            Some(_) => {
                let cut = self.0.char_indices().nth(KEPT).map_or(self.0.len(), |(i, _)| i);
                write!(f, "{}…", &self.0[..cut])
            }
        }
    }
}

/// Grouped decimals joined by `, `.
fn grouped(values: &[Decimal]) -> String {
    values.iter().map(|v| group(*v)).collect::<Vec<_>>().join(", ")
}

/// What a model is priced per, after "it is".
fn priced_by(measure: Option<Measure>) -> &'static str {
    match measure {
        None => "priced by tokens",
        Some(Measure::Image) => "priced per image",
        Some(Measure::Megapixel) => "priced per megapixel",
        Some(Measure::Request) => "priced per request",
        Some(Measure::Call) => "priced per call",
        Some(Measure::Second) => "priced per second of video",
        Some(Measure::Hour) => "priced per hour",
        Some(Measure::ComputeUnit) => "priced per compute unit and replica",
        Some(Measure::Month) => "priced per month",
        Some(Measure::Unit) => "priced per unit",
    }
}

impl Display for Found {
    /// serde's words for the value, so messages read as they always have.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Found::Text(s) => write!(f, "string \"{c_s}\"", c_s = Clip(s)),
            Found::Flag(b) => write!(f, "boolean `{b}`"),
            Found::Number(n) if n.contains(['.', 'e', 'E']) => write!(f, "floating point `{n}`"),
            Found::Number(n) => write!(f, "integer `{n}`"),
            Found::Null => f.write_str("null"),
            Found::List => f.write_str("sequence"),
            Found::Object => f.write_str("map"),
            Found::Other(s) => f.write_str(s),
        }
    }
}

impl Display for Expected {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Number => "a number or a decimal string",
            Expected::Text => "a string",
            Expected::Flag => "a boolean",
            Expected::WholeNumber => "a whole number",
            Expected::List => "a sequence",
            Expected::Object => "an object",
            Expected::Other(s) => s,
        })
    }
}

/// A found value with its article, after "not": `an array`, `a string`.
fn shape_of(found: &Found) -> &str {
    match found {
        Found::Text(_) => "a string",
        Found::Flag(_) => "a boolean",
        Found::Number(_) => "a number",
        Found::Null => "null",
        Found::List => "an array",
        Found::Object => "an object",
        Found::Other(s) => s,
    }
}

impl Display for Problem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use Problem as P;
        match self {
            P::Syntax { text } => write!(f, "not valid JSON: {text}"),
            P::UnknownField { field, suggestion: Some(s) } => {
                write!(f, "unknown field \"{c_field}\" (did you mean \"{c_s}\"?)", c_field = Clip(field), c_s = Clip(s))
            }
            P::UnknownField { field, suggestion: None } => {
                write!(f, "unknown field \"{c_field}\"", c_field = Clip(field))
            }
            P::UnknownValue { given, choices } => {
                write!(f, "unknown value \"{c_given}\": use one of {}", choices.join(", "), c_given = Clip(given))
            }
            P::MissingKey { key } => write!(f, "missing field `{key}`"),
            P::NotANumber { found } => write!(f, "{found}, expected {}", Expected::Number),
            P::OutOfRangeNumber => f.write_str(OUT_OF_RANGE),
            P::WrongType { found, expected } => write!(f, "{found}, expected {expected}"),
            P::UnknownCurrency { given } => {
                write!(f, "unknown currency \"{c_given}\": use \"USD\" or \"CNY\"", c_given = Clip(given))
            }
            P::NotAnObject { what: Shape::Estimate, found } => {
                write!(f, "an estimate is a JSON object with \"version\" and \"lines\", not {}", shape_of(found))
            }
            P::NotAnObject { what: Shape::Line, found } => {
                write!(f, "a line is an object with provider, model and usage fields, not {}", shape_of(found))
            }
            P::NoLines => f.write_str("missing: an estimate lists its lines here (\"lines\": [] for none)"),
            P::ExportField => f.write_str("unknown field; an export document has only \"estimate\" and \"breakdown\""),
            P::Unreadable { text } => f.write_str(text),
            P::OverLimit(limit) => write!(f, "{limit}"),

            P::Version { given, reads } => {
                write!(f, "version {given} is not supported; this Ratecard reads version {reads}")
            }
            P::BadRate { rate } => write!(
                f,
                "{rate} is not a usable rate: give CNY per USD, above 0 and at most 1000 (e.g. 7.3); using 7.3"
            ),
            P::BadDiscount { value } => write!(
                f,
                "{value} is not a discount multiplier: give a number above 0 and at most 1 (0.9 means 10% off)"
            ),
            P::ValidDays { value } => write!(
                f,
                "{} is not a number of days a quote can stay valid: give a whole number from 1 to {}",
                value.normalize(),
                crate::rating::problem::MAX_VALID_DAYS
            ),

            P::BadStart { given } => {
                write!(f, "\"{given}\" is not a start month: write it YYYY-MM, e.g. 2026-12")
            }

            P::UnknownProvider { given, suggestion: Some(s), .. } => {
                write!(
                    f,
                    "unknown provider \"{c_given}\" (did you mean \"{c_s}\"?)",
                    c_given = Clip(given),
                    c_s = Clip(s)
                )
            }
            P::UnknownProvider { given, suggestion: None, known } => {
                write!(
                    f,
                    "unknown provider \"{c_given}\"; known providers: {}",
                    known.join(", "),
                    c_given = Clip(given)
                )
            }
            P::UnknownModel { card, given, suggestion: Some(s) } => {
                write!(
                    f,
                    "{card} has no model \"{c_given}\" (did you mean \"{c_s}\"?)",
                    c_given = Clip(given),
                    c_s = Clip(s)
                )
            }
            P::UnknownModel { card, given, suggestion: None } => {
                write!(f, "{card} has no model \"{c_given}\"", c_given = Clip(given))
            }

            P::Negative { value } => write!(f, "{} is negative", value.normalize()),
            P::NotWhole { value } => write!(f, "{} is not a whole number", value.normalize()),
            P::TooLarge { value, limit } => write!(f, "{} is above the limit of {}", group(*value), group(*limit)),
            P::UnusedField { model, why } => {
                let why = match why {
                    UnusedWhy::NoFreeQuota => "it has no free quota",
                    UnusedWhy::NoPackages => "it has no prepaid packages",
                    UnusedWhy::NoConcurrency => "it has no concurrency add-on",
                    UnusedWhy::NoPriority => "it has no priority multiplier",
                    UnusedWhy::PricePublished => "its price is published",
                    UnusedWhy::CreditsFixed => "its credits per call are fixed",
                    UnusedWhy::PricedBy(m) => return write!(f, "not used by {model}: it is {}", priced_by(*m)),
                };
                write!(f, "not used by {model}: {why}")
            }
            P::Missing { model, needs } => {
                let needs = match needs {
                    Needs::Requests => "requests per month",
                    Needs::InputTokens => "input_tokens per request",
                    Needs::Images => "images per month",
                    Needs::Calls => "calls per month",
                    Needs::Videos => "calls (videos) per month",
                    Needs::Seconds => "seconds per video",
                    Needs::Hours => "hours of run time",
                    Needs::ComputeUnits => "compute_units per replica",
                    Needs::Replicas => "replicas",
                    Needs::Quantity => "a quantity",
                };
                write!(f, "missing: {model} needs {needs}")
            }
            P::DaysWithoutExtra => f.write_str("missing: concurrency_days needs extra_concurrency"),
            P::HalfSize { width_given: true } => f.write_str("missing: give height with width"),
            P::HalfSize { width_given: false } => f.write_str("missing: give width with height"),
            P::SizeNeeded { model } => {
                write!(f, "missing: {model} is priced per megapixel; give width and height, or megapixels")
            }
            P::SizeTwice => f.write_str("give width and height, or megapixels, not both"),
            P::TemplateNeeded { model } => write!(f, "missing: {model} is priced by effect template; name it"),
            P::ResolutionNeeded { model, choices } => {
                write!(f, "missing: {model} is priced by resolution; choose one of {}", choices.join(", "))
            }
            P::UnknownResolution { model, given, choices } => {
                write!(
                    f,
                    "{model} has no \"{c_given}\" price; choose one of {}",
                    choices.join(", "),
                    c_given = Clip(given)
                )
            }
            P::AboveLargestTier { tokens, model, limit } => write!(
                f,
                "{} tokens per request is above {model}'s largest tier: input may be at most {} tokens",
                group(*tokens),
                group(*limit)
            ),
            P::TokenPriceNeeded { model, key, currency } => {
                write!(f, "{model} does not publish this price: enter prices.{key} ({currency} per 1M tokens)")
            }
            P::CreditsNeeded { model, per } => {
                write!(f, "{model} does not publish its credits per {}: enter credits", per.noun())
            }
            P::UnitPriceNeeded { model, currency, per } => {
                write!(f, "{model} does not publish its price: enter unit_price ({currency} per {})", per.noun())
            }
            P::OutOfRange { value, model, min, max } => write!(
                f,
                "{value} is outside {model}'s range of {} to {} credits per call",
                min.normalize(),
                max.normalize()
            ),
            P::PartsExceed { output: false, parts, whole } => write!(
                f,
                "cached and other special input tokens ({}) exceed input_tokens ({}); they are parts of it",
                group(*parts),
                group(*whole)
            ),
            P::PartsExceed { output: true, parts, whole } => write!(
                f,
                "thinking and other special output tokens ({}) exceed output_tokens ({}); they are parts of it",
                group(*parts),
                group(*whole)
            ),
            P::UnknownPackage { model, size, sizes } => {
                write!(f, "{model} has no package of {}; sizes: {}", group(*size), grouped(sizes))
            }
            P::PackageCount { count } => {
                write!(f, "{} is not a whole number of packages from 0 to 1,000,000", count.normalize())
            }
            P::Overflow => f.write_str("the result is too large to compute exactly"),
        }
    }
}

/// `line 2: ` when the key belongs to a line.
fn on_line(f: &mut Formatter<'_>, line: Option<usize>) -> fmt::Result {
    match line {
        Some(n) => write!(f, "line {n}: "),
        None => Ok(()),
    }
}

/// What `from` is called in a sentence: `link`, `saved estimate`, `lines attribute`.
fn opened(from: Opened) -> &'static str {
    match from {
        Opened::Link => "link",
        Opened::Saved => "saved estimate",
        Opened::Attribute => "lines attribute",
    }
}

impl Display for LinkProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use LinkProblem as L;
        match self {
            L::NoValue { line, raw } => {
                on_line(f, *line)?;
                write!(f, "\"{c_raw}\" has no value (the link may be cut short)", c_raw = Clip(raw))
            }
            L::BrokenEscape { line, key, text } => {
                on_line(f, *line)?;
                write!(f, "{key}: \"{c_text}\" has a broken %-escape (the link may be cut short)", c_text = Clip(text))
            }
            L::NotUtf8 { line, key, text } => {
                on_line(f, *line)?;
                write!(f, "{key}: \"{c_text}\" is not UTF-8 text", c_text = Clip(text))
            }
            L::Number { line, key, problem } => {
                on_line(f, *line)?;
                write!(f, "{key}: {problem}")?;
                match key_meaning(key) {
                    Some(m) => write!(f, "; {key} is {m}"),
                    None => Ok(()),
                }
            }
            L::ShareAsFraction { line, key, text } => write!(
                f,
                "line {line}: {key}: \"{c_text}\" is cached tokens per request, not a share: for 30% of the input write {key}=30%",
                c_text = Clip(text)
            ),
            L::ShareWithoutInput { line, key } => write!(
                f,
                "line {line}: {key}: a share in percent is a share of the input tokens, and the line gives none (in=)"
            ),
            L::NoOutput { line } => write!(
                f,
                "line {line}: note: no output tokens given (out=), so output is priced as 0 tokens per request"
            ),
            L::NotAFlag { line, key, text } => write!(f, "line {line}: {key}: \"{c_text}\" is not 1 or 0", c_text = Clip(text)),
            L::Version { given, reads } => {
                write!(f, "v: link version {given} is not one this Ratecard reads ({reads}); what could be read is kept")
            }
            L::Changed => f.write_str(
                "the link was changed or cut short (its end marker does not match); what could be read is kept",
            ),
            L::Cut => f.write_str(
                "the link is incomplete (its end marker is missing, so it may be cut short); what could be read is kept",
            ),
            L::UnknownCurrency { key, given } => write!(f, "{key}: unknown currency \"{c_given}\": use USD or CNY", c_given = Clip(given)),
            L::NoLine { key } => write!(f, "{key}: comes before any p= (provider), so it belongs to no line"),
            L::BadPackage { line, part } => write!(f, "line {line}: pkg: \"{c_part}\" is not SIZExCOUNT, e.g. 10000x3", c_part = Clip(part)),
            L::UnknownKey { line, key } => write!(f, "line {line}: unknown key \"{c_key}\"", c_key = Clip(key)),
            L::NoModel { line, provider } => write!(f, "line {line}: no model (m=) for provider \"{c_provider}\"", c_provider = Clip(provider)),
            L::UnknownView { given, known } => {
                write!(f, "view: unknown view \"{c_given}\" (known: {})", known.join(", "), c_given = Clip(given))
            }
            L::UnknownProvider { line, provider } => write!(f, "line {line}: unknown provider \"{c_provider}\"", c_provider = Clip(provider)),
            L::UnknownModel { line, model, provider } => {
                write!(f, "line {line}: unknown model \"{c_model}\" for provider \"{c_provider}\"", c_model = Clip(model), c_provider = Clip(provider))
            }
            L::UnknownHostModel { model, provider, known, more } => {
                write!(f, "models: rate card \"{c_provider}\" has no model \"{c_model}\" (its models: {}", known.join(", "), c_model = Clip(model), c_provider = Clip(provider))?;
                match more {
                    0 => f.write_str(")"),
                    n => write!(f, " and {n} more)"),
                }
            }
            L::UnknownHostProvider { key, given, known } => {
                write!(f, "{key}: there is no rate card \"{c_given}\" (known: {})", known.join(", "), c_given = Clip(given))
            }
            L::UnknownControl { given, known } => {
                write!(f, "hidden: unknown control \"{c_given}\" (known: {})", known.join(", "), c_given = Clip(given))
            }
            L::UnknownLayout { given } => write!(f, "layout: unknown layout \"{c_given}\" (use full or compact)", c_given = Clip(given)),
            L::CatalogVersion { from, link, page } => write!(
                f,
                "This {} was made with another catalog version ({link}; this page has {page}), so prices may differ.",
                opened(*from)
            ),
            L::OverLimit(limit) => write!(f, "{limit}"),
            L::TooManyLines { from, lines, max } => write!(
                f,
                "The {} has {lines} lines; this calculator opens at most {max}, so the default line is shown.",
                match from {
                    Opened::Link => "link",
                    Opened::Saved => "saved estimate",
                    Opened::Attribute => "lines attribute",
                }
            ),
            L::SetAside { why } => write!(
                f,
                "The saved estimate {}, so it was set aside (in this browser's storage as {BROKEN_KEY}) and the default line is shown.",
                match why {
                    SetAsideWhy::StoppedThePage => "stopped the page the last time it was opened",
                    SetAsideWhy::CouldNotOpen => "could not be opened",
                }
            ),
            L::NothingRead { from } => {
                write!(f, "The {} has no line that could be read, so the default line is shown.", opened(*from))
            }
        }
    }
}

impl Display for EntryProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            EntryProblem::NotANumber { text } => write!(f, "\"{c_text}\" is not a number", c_text = Clip(text)),
            EntryProblem::Separators { text } => write!(
                f,
                "\"{c_text}\" is not a number: separators group thousands in threes (30,000 or 30 000), and decimals take a point (1.5)",
                c_text = Clip(text)
            ),
            EntryProblem::TooManyDigits { text } => write!(f, "\"{c_text}\" {TOO_MANY_DIGITS}", c_text = Clip(text)),
            EntryProblem::SuffixNotWhole { text, value } => {
                write!(
                    f,
                    "\"{c_text}\" is {}, not a whole number: k, M and B are for whole counts",
                    group(*value),
                    c_text = Clip(text)
                )
            }
            EntryProblem::ShareRange { text } => {
                write!(f, "\"{c_text}\" is not a share from 0% to 100%", c_text = Clip(text))
            }
            EntryProblem::NoShareHere { text } => {
                write!(f, "\"{c_text}\": this field takes a number, not a share", c_text = Clip(text))
            }
        }
    }
}

/// What a link key means, for a message about its value, e.g. `input tokens, per request`.
fn key_meaning(key: &str) -> Option<String> {
    use crate::rating::estimate::{Field, FieldKind};
    let text = match key {
        "fx" => "CNY per USD, e.g. 7.2".into(),
        "ch" | "us" | "ng" | "lch" | "lus" | "lng" => "a discount multiplier, e.g. 0.9 for 10% off".into(),
        "vd" => "the days the quote is valid".into(),
        "pin" | "pout" | "pch" | "pth" => "a token price per 1M tokens in the card currency".into(),
        _ => {
            let field = Field::from_key(key).filter(|f| f.kind() == FieldKind::Number)?;
            let (label, hint) = (field.label().en, field.hint().en);
            // ASCII only: `to_lowercase` would bring its Unicode case tables into the wasm.
            let mut m = label.to_ascii_lowercase();
            if !hint.is_empty() {
                m = format!("{m}, {hint}");
            }
            if field == Field::CachedTokens {
                m.push_str(", or a share of the input like 30%");
            } else {
                m.push_str(", e.g. 40000, 40k or 40,000");
            }
            m
        }
    };
    Some(text)
}
