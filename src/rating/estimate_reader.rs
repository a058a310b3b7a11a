//! Reading the estimate document from serde: quantities from their text, the document and each
//! line only as JSON objects, and serde's errors as a [`ParseError`] naming the line and field.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

use super::error::{EXPECT_ESTIMATE, EXPECT_LINE, EXPECT_NUMBER, OUT_OF_RANGE, serde_problem};
#[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
use super::error::{PathPart, join, segments};
use super::estimate::{Estimate, Line};
use super::problem::Problem;

/// Reads the lines, each of which must be an object (serde would read an array by position).
pub(super) fn object_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Line>, D::Error> {
    Vec::<ObjectOnly<Line>>::deserialize(d).map(|lines| lines.into_iter().map(|l| l.0).collect())
}

/// A `T` read only from a map (a JSON object): serde's derived structs also take a sequence,
/// read by position, which no estimate means.
struct ObjectOnly<T>(T);

/// What a document part read by [`ObjectOnly`] is called when it is not an object.
trait Expecting {
    /// serde's "expected ..." text, which the error reader knows.
    const EXPECTING: &'static str;
}

impl Expecting for Estimate {
    const EXPECTING: &'static str = EXPECT_ESTIMATE;
}

impl Expecting for Line {
    const EXPECTING: &'static str = EXPECT_LINE;
}

impl<'de, T: Deserialize<'de> + Expecting> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ObjectVisitor(std::marker::PhantomData))
    }
}

/// Hands a map to `T`'s own reader and refuses anything else, saying what was expected.
struct ObjectVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de> + Expecting> serde::de::Visitor<'de> for ObjectVisitor<T> {
    type Value = ObjectOnly<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(ObjectOnly)
    }
}

/// Reads an optional quantity from a JSON number or a decimal string.
pub(super) fn qty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    qty_req(d).map(Some)
}

/// Reads a quantity from a JSON number or a decimal string, from its text, so that no binary
/// floating point appears in this crate: a number has all its digits (`7.123456789012345678`), or
/// is refused as out of range.
pub(super) fn qty_req<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(Quantity)
}

/// The key under which serde_json's text reader, with its `arbitrary_precision` feature (on for
/// the CLI and the JS API), hands over every number as its text (`json::estimate_from_value`
/// reads from text for that reason). A reader that hands over a binary double is refused.
const JSON_NUMBER_KEY: &str = "$serde_json::private::Number";

/// Reads a quantity from whatever a reader holds: an integer, a decimal string, or a number's text.
struct Quantity;

impl Quantity {
    /// The decimal `text` writes, or why not: out of range (a number a decimal cannot hold), or not
    /// a number at all (`None`).
    fn from_text<E: serde::de::Error>(text: &str) -> Result<Decimal, Option<E>> {
        super::num::parse_exact(text).map_err(|e| match e {
            super::num::BadNumber::OutOfRange => Some(E::custom(OUT_OF_RANGE)),
            super::num::BadNumber::NotANumber => None,
        })
    }
}

impl<'de> serde::de::Visitor<'de> for Quantity {
    type Value = Decimal;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(EXPECT_NUMBER)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Decimal, E> {
        i128::try_from(v)
            .ok()
            .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
            .ok_or_else(|| E::custom(OUT_OF_RANGE))
    }

    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(v, 0).map_err(|_| E::custom(OUT_OF_RANGE))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        Self::from_text(v).map_err(|e| e.unwrap_or_else(|| E::invalid_type(serde::de::Unexpected::Str(v), &self)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == JSON_NUMBER_KEY => {
                let text: String = map.next_value()?;
                Self::from_text(&text).map_err(|e| {
                    e.unwrap_or_else(|| serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &self))
                })
            }
            _ => Err(serde::de::Error::invalid_type(serde::de::Unexpected::Map, &self)),
        }
    }
}

/// A problem reading an estimate document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The line (0-based), when the problem is in one.
    pub line: Option<usize>,
    /// The field, as a path such as `discounts.channel`.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {}: ", line + 1)?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        write!(f, "{}", self.problem)
    }
}

impl std::error::Error for ParseError {}

/// Reads an estimate from any serde deserializer.
///
/// # Errors
/// A [`ParseError`] naming the line and field of the first problem: an unknown field, a value
/// that is not a number, a currency other than USD or CNY, a missing provider or model.
pub fn parse<'de, D: Deserializer<'de>>(d: D) -> Result<Estimate, ParseError> {
    #[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
    {
        serde_path_to_error::deserialize::<_, ObjectOnly<Estimate>>(d).map(|e| e.0).map_err(|err| {
            let parts = segments(err.path());
            let problem = serde_problem(&err.inner().to_string());
            match parts.as_slice() {
                [PathPart::Key(k), PathPart::Index(i), rest @ ..] if k == "lines" => {
                    ParseError { line: Some(*i), field: join(rest), problem }
                }
                // A missing `lines` is named, though serde's path stops at the document.
                [] if problem == Problem::NoLines => ParseError { line: None, field: "lines".into(), problem },
                _ => ParseError { line: None, field: join(&parts), problem },
            }
        })
    }
    // In the browser the path tracker would double the deserializer's code; serde's message still
    // names an unknown field.
    #[cfg(all(target_arch = "wasm32", not(feature = "js-api")))]
    {
        ObjectOnly::<Estimate>::deserialize(d).map(|e| e.0).map_err(|err| ParseError {
            line: None,
            field: String::new(),
            problem: serde_problem(&err.to_string()),
        })
    }
}
