//! What is wrong with an estimate, as data: [`Problem`], one variant per kind of mistake, carrying
//! the numbers and names the message needs.
//!
//! The core never writes a problem as a sentence. `src/lang/` renders each variant in English (the
//! CLI, the JSON and the JS API carry that text) and in Chinese (the widget), so no renderer ever
//! takes another's text apart. Problems found by serde (the document's syntax and types) are
//! turned into variants once, where serde's message is read (`error::serde_problem`).

use rust_decimal::Decimal;

use super::catalog::Measure;
use super::money::Currency;
use super::num::EntryProblem;
use super::quote_error::ErrorKind;

/// What is wrong with an estimate, its document or one of its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The text is not JSON; `text` is the JSON reader's description, with its position.
    Syntax { text: String },
    /// A field the format does not have, with the nearest known name when it looks like a typo.
    UnknownField { field: String, suggestion: Option<String> },
    /// A value none of the allowed ones (`choices`).
    UnknownValue { given: String, choices: Vec<String> },
    /// A field the document must have.
    MissingKey { key: String },
    /// A value where a quantity belongs that is not a number.
    NotANumber { found: Found },
    /// A number no exact decimal holds (more than 28 digits, or more than 28 after the point).
    OutOfRangeNumber,
    /// A value of the wrong type or form (serde's "invalid type" and "invalid value").
    WrongType { found: Found, expected: Expected },
    /// A currency other than USD and CNY.
    UnknownCurrency { given: String },
    /// The estimate, or one of its lines, is not a JSON object.
    NotAnObject { what: Shape, found: Found },
    /// The estimate has no `lines` (an empty list is an empty estimate; a missing one is a mistake).
    NoLines,
    /// An export document with a top-level field other than `estimate` and `breakdown`.
    ExportField,
    /// A problem the document reader described in words this build does not recognise.
    Unreadable { text: String },
    /// A document over one of the stated limits (`rating::limits`), refused before it is read.
    OverLimit(super::limits::TooLarge),

    /// An estimate format version this build does not read.
    Version { given: u32, reads: u32 },
    /// An exchange rate outside (0, 1000]; pricing goes on at the default rate.
    BadRate { rate: Decimal },
    /// A discount multiplier outside (0, 1].
    BadDiscount { value: Decimal },
    /// A validity that is not a whole number of days from 1 to [`MAX_VALID_DAYS`].
    ValidDays { value: Decimal },
    /// A start month that is not a month written `YYYY-MM`.
    BadStart { given: String },

    /// A provider the catalog lacks; `known` lists the catalog's providers.
    UnknownProvider { given: String, suggestion: Option<String>, known: Vec<String> },
    /// A model the rate card (named `card`) lacks.
    UnknownModel { card: String, given: String, suggestion: Option<String> },

    /// A negative quantity.
    Negative { value: Decimal },
    /// A fraction where a whole number is needed.
    NotWhole { value: Decimal },
    /// A quantity above its limit.
    TooLarge { value: Decimal, limit: Decimal },
    /// A field the model is not priced on.
    UnusedField { model: String, why: UnusedWhy },
    /// A field the model is priced on is missing.
    Missing { model: String, needs: Needs },
    /// `concurrency_days` without `extra_concurrency`.
    DaysWithoutExtra,
    /// One side of an image size: `width` without `height` when `width_given`, else the reverse.
    HalfSize { width_given: bool },
    /// A model priced per megapixel with neither a size nor megapixels.
    SizeNeeded { model: String },
    /// Both a size and megapixels.
    SizeTwice,
    /// A model priced by effect template with no template named.
    TemplateNeeded { model: String },
    /// A model priced by resolution with no resolution chosen.
    ResolutionNeeded { model: String, choices: Vec<String> },
    /// A resolution the model has no price for.
    UnknownResolution { model: String, given: String, choices: Vec<String> },
    /// An input longer than the model's largest tier allows.
    AboveLargestTier { tokens: Decimal, model: String, limit: Decimal },
    /// A token price the card does not publish and the line does not give (`key` under `prices`).
    TokenPriceNeeded { model: String, key: String, currency: Currency },
    /// Credits per measured unit the card does not publish and the line does not give.
    CreditsNeeded { model: String, per: Measure },
    /// A unit price the card does not publish and the line does not give.
    UnitPriceNeeded { model: String, currency: Currency, per: Measure },
    /// A point outside the model's published range of credits per call.
    OutOfRange { value: Decimal, model: String, min: Decimal, max: Decimal },
    /// Parts (cached, thinking and other special tokens) above their whole.
    PartsExceed { output: bool, parts: Decimal, whole: Decimal },
    /// A package size the model does not sell; `sizes` are the ones it does.
    UnknownPackage { model: String, size: Decimal, sizes: Vec<Decimal> },
    /// A package count that is not a whole number from 0 to 1,000,000.
    PackageCount { count: Decimal },
    /// A result too large to compute exactly.
    Overflow,
}

/// The longest validity a quote may state, in days (ten years).
pub const MAX_VALID_DAYS: u32 = 3650;

/// What a value was, as the document reader saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A string, as the reader quotes it (escapes kept).
    Text(String),
    /// `true` or `false`.
    Flag(bool),
    /// A number, as written.
    Number(String),
    /// `null`.
    Null,
    /// An array.
    List,
    /// An object.
    Object,
    /// Something else, in the reader's words.
    Other(String),
}

/// What a value should have been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A quantity: a number or a decimal string.
    Number,
    /// Text.
    Text,
    /// `true` or `false`.
    Flag,
    /// A whole number (the format version).
    WholeNumber,
    /// An array.
    List,
    /// An object.
    Object,
    /// Something else, in the reader's words.
    Other(String),
}

/// A part of the document that must be a JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The estimate itself.
    Estimate,
    /// One of its lines.
    Line,
}

/// Why a model does not use a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnusedWhy {
    /// It has no free quota.
    NoFreeQuota,
    /// It sells no prepaid packages.
    NoPackages,
    /// It has no concurrency add-on.
    NoConcurrency,
    /// It has no priority multiplier.
    NoPriority,
    /// Its price is published, so none is entered.
    PricePublished,
    /// Its credits per call are fixed.
    CreditsFixed,
    /// It is priced on other fields: by tokens (`None`) or per a measured unit.
    PricedBy(Option<Measure>),
}

/// What a model needs that a line does not give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// `requests` per month.
    Requests,
    /// `input_tokens` per request.
    InputTokens,
    /// `images` per month.
    Images,
    /// `calls` per month.
    Calls,
    /// `calls`, one per video, per month.
    Videos,
    /// `seconds` per video.
    Seconds,
    /// `hours` of run time.
    Hours,
    /// `compute_units` per replica.
    ComputeUnits,
    /// `replicas`.
    Replicas,
    /// A `quantity`.
    Quantity,
}

impl Problem {
    /// The kind callers react to; every variant has exactly one.
    pub fn kind(&self) -> ErrorKind {
        use Problem as P;
        match self {
            P::Syntax { .. }
            | P::UnknownValue { .. }
            | P::MissingKey { .. }
            | P::OutOfRangeNumber
            | P::WrongType { .. }
            | P::UnknownCurrency { .. }
            | P::NotAnObject { .. }
            | P::NoLines
            | P::ExportField
            | P::Unreadable { .. } => ErrorKind::Parse,
            P::OverLimit(_) => ErrorKind::TooLarge,
            P::UnknownField { .. } => ErrorKind::UnknownField,
            P::NotANumber { .. } => ErrorKind::NotANumber,
            P::Version { .. }
            | P::BadRate { .. }
            | P::BadDiscount { .. }
            | P::ValidDays { .. }
            | P::BadStart { .. } => ErrorKind::BadSetting,
            P::UnknownProvider { .. } => ErrorKind::UnknownProvider,
            P::UnknownModel { .. } => ErrorKind::UnknownModel,
            P::Negative { .. } => ErrorKind::Negative,
            P::PackageCount { count } if count.is_sign_negative() => ErrorKind::Negative,
            P::NotWhole { .. } | P::PackageCount { .. } => ErrorKind::NotWhole,
            P::TooLarge { .. } => ErrorKind::TooLarge,
            P::UnusedField { .. } => ErrorKind::UnusedField,
            P::Missing { .. }
            | P::DaysWithoutExtra
            | P::HalfSize { .. }
            | P::SizeNeeded { .. }
            | P::TemplateNeeded { .. }
            | P::ResolutionNeeded { .. } => ErrorKind::MissingField,
            P::SizeTwice | P::PartsExceed { .. } => ErrorKind::Inconsistent,
            P::UnknownResolution { .. } => ErrorKind::UnknownResolution,
            P::AboveLargestTier { .. } => ErrorKind::AboveLargestTier,
            P::TokenPriceNeeded { .. } | P::CreditsNeeded { .. } | P::UnitPriceNeeded { .. } => ErrorKind::PriceNeeded,
            P::OutOfRange { .. } => ErrorKind::OutOfRange,
            P::UnknownPackage { .. } => ErrorKind::UnknownPackage,
            P::Overflow => ErrorKind::Overflow,
        }
    }
}

/// What an instance opened with: a link, the estimate saved in the browser, or a host's `lines`
/// attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// A link (the page's URL fragment).
    Link,
    /// The estimate saved in the browser.
    Saved,
    /// An embedded instance's `lines` attribute.
    Attribute,
}

/// What a link, a saved estimate or a host's set-up could not say. The link reader
/// (`share::link::decode`) keeps everything else; the widget lists these when it opens.
///
/// `line` is the line the key belongs to, counted from 1 (`None` before the first `p=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// A pair without `=`, as written.
    NoValue { line: Option<usize>, raw: String },
    /// A value that ends in a `%` and one hex digit: an escape cut short. (A `%` followed by
    /// anything else is a literal `%`, as browsers read it: `cache=30%`.)
    BrokenEscape { line: Option<usize>, key: String, text: String },
    /// A value whose escapes do not spell UTF-8 text.
    NotUtf8 { line: Option<usize>, key: String, text: String },
    /// A number key whose value is not read as a number (`num::parse_entry`'s problem); the
    /// message says what the key means.
    Number { line: Option<usize>, key: String, problem: EntryProblem },
    /// A fraction of one token under a token key (`cache=0.3`): a share is written in percent.
    ShareAsFraction { line: usize, key: String, text: String },
    /// A share in percent (`cache=30%`) on a line that gives no input tokens to take it of.
    ShareWithoutInput { line: usize, key: String },
    /// A note, not an error: a hand-written link (no `v=`) gives a line input tokens and no
    /// output tokens (`out`), so its output is priced as 0 tokens.
    NoOutput { line: usize },
    /// A flag that is not 1 or 0.
    NotAFlag { line: usize, key: String, text: String },
    /// A link format version this build does not read (`v=`).
    Version { given: String, reads: u32 },
    /// The end marker does not match: the link was changed or cut short.
    Changed,
    /// The end marker is missing: the link may be cut short.
    Cut,
    /// A currency other than USD and CNY, under `key` (`cur`, or the `currency` attribute).
    UnknownCurrency { key: String, given: String },
    /// A line key before any `p=`.
    NoLine { key: String },
    /// A `pkg` part that is not SIZExCOUNT.
    BadPackage { line: usize, part: String },
    /// A key links do not have.
    UnknownKey { line: usize, key: String },
    /// A line with a provider and no `m=`.
    NoModel { line: usize, provider: String },
    /// A view the calculator does not have; `known` lists those it has.
    UnknownView { given: String, known: Vec<String> },
    /// A line's provider the catalog lacks.
    UnknownProvider { line: usize, provider: String },
    /// A line's model the provider's card lacks.
    UnknownModel { line: usize, model: String, provider: String },
    /// A model named by the host's `models` attribute that `provider`'s card lacks; `known` is
    /// the start of the card's model list, `more` how many models it leaves out.
    UnknownHostModel { model: String, provider: String, known: Vec<String>, more: usize },
    /// A rate card named by the host's `provider` or `providers` attribute (`key`) that the
    /// catalog lacks; `known` lists the cards it has. Nothing from another card is put in its place.
    UnknownHostProvider { key: String, given: String, known: Vec<String> },
    /// A control named by the host's `hidden` attribute that the calculator does not have.
    UnknownControl { given: String, known: Vec<String> },
    /// A layout other than `full` and `compact`.
    UnknownLayout { given: String },
    /// Made with another catalog version (`link`) than this page's (`page`).
    CatalogVersion { from: Opened, link: String, page: String },
    /// Nothing could be read, so the default line is shown.
    NothingRead { from: Opened },
    /// The link is over one of the stated limits (`rating::limits`) and is not read at all.
    OverLimit(super::limits::TooLarge),
    /// More lines than the calculator opens, so the default line is shown.
    TooManyLines { from: Opened, lines: usize, max: usize },
    /// The saved estimate was moved to [`BROKEN_KEY`] and the default line is shown.
    SetAside { why: SetAsideWhy },
}

/// The `localStorage` key a saved estimate that could not be opened is moved to.
pub const BROKEN_KEY: &str = "ratecard:estimate:broken";

/// Why a saved estimate was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetAsideWhy {
    /// The last page that opened it stopped before it was drawn (a trap, memory running out).
    StoppedThePage,
    /// Nothing in it could be read, or it is over the line limit.
    CouldNotOpen,
}
