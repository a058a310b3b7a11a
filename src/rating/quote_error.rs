//! Problems with an estimate: [`QuoteError`], naming the line, the model and the field, with an
//! [`ErrorKind`] that callers react to.

use serde::Serialize;

use super::estimate::{self, Estimate, ParseError};
use super::problem::Problem;

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
///
/// What is wrong is a [`Problem`]; its kind and its English sentence (`Display`, and `message`
/// when serialized) both come from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteError {
    /// The line, counted from 1, when the problem is in one.
    pub line: Option<usize>,
    /// The model of that line, when known.
    pub model: Option<String>,
    /// The field, e.g. `input_tokens` or `discounts.channel`.
    pub field: String,
    /// What is wrong (boxed, so that a `Result` with a `QuoteError` stays small).
    pub problem: Box<Problem>,
}

impl QuoteError {
    /// A problem of the whole estimate (no line), in `field`.
    pub fn estimate(field: impl Into<String>, problem: Problem) -> QuoteError {
        QuoteError { line: None, model: None, field: field.into(), problem: Box::new(problem) }
    }

    /// What kind of problem, for callers that react to it.
    pub fn kind(&self) -> ErrorKind {
        self.problem.kind()
    }

    /// What is wrong, as an English sentence (without the line and field).
    pub fn message(&self) -> String {
        self.problem.to_string()
    }
}

/// Written as `{ line?, model?, field, kind, message }`, `message` being the English sentence.
impl Serialize for QuoteError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("QuoteError", 5)?;
        match self.line {
            Some(line) => out.serialize_field("line", &line)?,
            None => out.skip_field("line")?,
        }
        match &self.model {
            Some(model) => out.serialize_field("model", model)?,
            None => out.skip_field("model")?,
        }
        out.serialize_field("field", &self.field)?;
        out.serialize_field("kind", &self.kind())?;
        out.serialize_field("message", &self.message())?;
        out.end()
    }
}

/// `line 2 (GLM-5): requests: -1 is negative`: the line and model, the field, then the problem
/// in English.
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
        write!(f, "{}", self.problem)
    }
}

impl std::error::Error for QuoteError {}

impl From<ParseError> for QuoteError {
    fn from(e: ParseError) -> Self {
        QuoteError { line: e.line.map(|l| l + 1), model: None, field: e.field, problem: Box::new(e.problem) }
    }
}

/// Reads an estimate from any serde deserializer, with errors as [`QuoteError`]s.
///
/// # Errors
/// The first problem in the document, naming its line and field.
pub fn parse_estimate<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Estimate, QuoteError> {
    estimate::parse(d).map_err(QuoteError::from)
}
