//! Problems with an estimate: [`QuoteError`], naming the line, the model and the field, with an
//! [`ErrorKind`] that callers react to.

use serde::Serialize;

use super::estimate::{self, Estimate, ParseError};

/// The kind of a [`QuoteError`], for callers that react to it (the widget puts the message next to
/// the field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The document could not be read (bad JSON, a wrong type).
    Parse,
    /// A field the format does not have.
    UnknownField,
    /// A value that is not a number.
    NotANumber,
    /// A provider the catalog lacks.
    UnknownProvider,
    /// A model the card lacks.
    UnknownModel,
    /// A field the model needs is missing.
    MissingField,
    /// A field the model does not use.
    UnusedField,
    /// A negative quantity.
    Negative,
    /// A fraction where a whole number is needed.
    NotWhole,
    /// A quantity above its limit.
    TooLarge,
    /// An input longer than the model's largest tier.
    AboveLargestTier,
    /// A resolution the model lacks.
    UnknownResolution,
    /// A point outside the model's range.
    OutOfRange,
    /// The price is unpublished and the line gives none.
    PriceNeeded,
    /// Parts that do not add up, such as cached tokens above input tokens.
    Inconsistent,
    /// A package size the model does not sell.
    UnknownPackage,
    /// An estimate-level setting (version, rate, discount) is wrong.
    BadSetting,
    /// A result too large to compute exactly.
    Overflow,
}

/// A problem with an estimate, naming the line, the model and the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteError {
    /// The line, counted from 1, when the problem is in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The model of that line, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The field, e.g. `input_tokens` or `discounts.channel`.
    pub field: String,
    /// What kind of problem.
    pub kind: ErrorKind,
    /// What is wrong, as a sentence.
    pub message: String,
}

impl std::fmt::Display for QuoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, &self.model) {
            (Some(line), Some(model)) => write!(f, "line {line} ({model}): ")?,
            (Some(line), None) => write!(f, "line {line}: ")?,
            _ => {}
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for QuoteError {}

impl From<ParseError> for QuoteError {
    fn from(e: ParseError) -> Self {
        let kind = if e.message.starts_with("unknown field") {
            ErrorKind::UnknownField
        } else if e.message.contains("a number or a decimal string") {
            ErrorKind::NotANumber
        } else {
            ErrorKind::Parse
        };
        QuoteError { line: e.line.map(|l| l + 1), model: None, field: e.field, kind, message: e.message }
    }
}

/// Reads an estimate from any serde deserializer, with errors as [`QuoteError`]s.
///
/// # Errors
/// The first problem in the document, naming its line and field.
pub fn parse_estimate<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Estimate, QuoteError> {
    estimate::parse(d).map_err(QuoteError::from)
}
