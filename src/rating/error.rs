//! Shared helpers for reading serde's messages: paths, and the message as a typed [`Problem`].

use super::problem::{Expected, Found, Problem, Shape};

#[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
use serde_path_to_error::{Path, Segment};

#[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
/// Splits a serde path into its segments as plain strings, e.g. `models[3].tiers[1].input_per_1m`
/// into `["models", "3", "tiers", "1", "input_per_1m"]`, with `Seq` indices as numbers.
pub(crate) fn segments(path: &Path) -> Vec<PathPart> {
    path.iter()
        .filter_map(|seg| match seg {
            Segment::Seq { index } => Some(PathPart::Index(*index)),
            // serde_json keeps a number's exact text under this private key (its
            // `arbitrary_precision` feature, which keeps numbers out of binary floating point).
            Segment::Map { key } if key == "$serde_json::private::Number" => None,
            Segment::Map { key } => Some(PathPart::Key(key.clone())),
            Segment::Enum { variant } => Some(PathPart::Key(variant.clone())),
            Segment::Unknown => None,
        })
        .collect()
}

#[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
/// One step of a serde path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathPart {
    /// A field or map key.
    Key(String),
    /// An array index.
    Index(usize),
}

#[cfg(any(not(target_arch = "wasm32"), feature = "js-api"))]
/// Joins path parts as `a.b[2].c`.
pub(crate) fn join(parts: &[PathPart]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            PathPart::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathPart::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// serde's message for a catalog or estimate problem, in English: [`serde_problem`] rendered.
/// [`tidy_message`] for callers outside the core (the strict JSON readers).
pub fn tidy(message: &str) -> String {
    tidy_message(message)
}

/// serde's message, read as a [`Problem`] and written again in English: an unknown field keeps
/// its name and gains a "did you mean" instead of the list of every name; decimal errors say what
/// a number looks like.
pub(crate) fn tidy_message(message: &str) -> String {
    serde_problem(message).to_string()
}

/// What the estimate's number visitor expects, as serde quotes it after "expected".
pub(crate) const EXPECT_NUMBER: &str = "a number or a decimal string";
/// What the estimate reader expects of the whole document.
pub(crate) const EXPECT_ESTIMATE: &str = "an estimate object";
/// What the estimate reader expects of each line.
pub(crate) const EXPECT_LINE: &str = "a line object";
/// What a currency is expected to be.
pub(crate) const EXPECT_CURRENCY: &str = "\"USD\" or \"CNY\"";

pub(crate) use super::num::OUT_OF_RANGE;

/// Reads serde's message (from any reader, with serde_json's ` at line L column C` ending or
/// without it) as a [`Problem`]. This is the one place where a library's words are read; what is
/// not recognised is kept as [`Problem::Unreadable`].
pub(crate) fn serde_problem(message: &str) -> Problem {
    let message = without_position(message);
    if message == OUT_OF_RANGE {
        return Problem::OutOfRangeNumber;
    }
    if let Some((field, expected)) = quoted_list(message, "unknown field `") {
        let suggestion = closest(&field, &expected).map(str::to_string);
        return Problem::UnknownField { field, suggestion };
    }
    if let Some((given, expected)) = quoted_list(message, "unknown variant `") {
        return Problem::UnknownValue { given, choices: expected.iter().map(|s| s.to_string()).collect() };
    }
    if let Some(key) = message.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
        return if key == "lines" { Problem::NoLines } else { Problem::MissingKey { key: key.into() } };
    }
    let rest = message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: "));
    if let Some((found, expected)) = rest.and_then(|r| r.rsplit_once(", expected ")) {
        let found = found_value(found);
        return match expected {
            EXPECT_NUMBER | "a Decimal type representing a fixed-point number" => Problem::NotANumber { found },
            EXPECT_ESTIMATE => Problem::NotAnObject { what: Shape::Estimate, found },
            EXPECT_LINE => Problem::NotAnObject { what: Shape::Line, found },
            EXPECT_CURRENCY => match found {
                Found::Text(given) => Problem::UnknownCurrency { given },
                found => Problem::WrongType { found, expected: Expected::Text },
            },
            _ => Problem::WrongType { found, expected: expected_value(expected) },
        };
    }
    Problem::Unreadable { text: message.to_string() }
}

/// `message` without serde_json's ` at line L column C` ending.
fn without_position(message: &str) -> &str {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match message.rsplit_once(" at line ") {
        Some((head, place)) if place.split_once(" column ").is_some_and(|(l, c)| digits(l) && digits(c)) => head,
        _ => message,
    }
}

/// For serde's ``<prefix>name`, expected one of `a`, `b` `` the name and the listed names.
fn quoted_list<'m>(message: &'m str, prefix: &str) -> Option<(String, Vec<&'m str>)> {
    let (name, tail) = message.strip_prefix(prefix)?.split_once('`')?;
    Some((name.to_string(), tail.split('`').skip(1).step_by(2).collect()))
}

/// serde's description of an unexpected value (`string "x"`, ``boolean `true` ``, `sequence` ...).
fn found_value(text: &str) -> Found {
    let ticked = |prefix: &str| text.strip_prefix(prefix).and_then(|r| r.strip_prefix('`')?.strip_suffix('`'));
    if let Some(s) = text.strip_prefix("string \"").and_then(|r| r.strip_suffix('"')) {
        return Found::Text(s.to_string());
    }
    if let Some(b) = ticked("boolean ") {
        return Found::Flag(b == "true");
    }
    if let Some(n) = ticked("integer ").or_else(|| ticked("floating point ")) {
        return Found::Number(n.to_string());
    }
    match text {
        "null" | "unit value" => Found::Null,
        "sequence" => Found::List,
        "map" => Found::Object,
        _ => Found::Other(text.to_string()),
    }
}

/// serde's words for what a value should be.
fn expected_value(text: &str) -> Expected {
    match text {
        "a string" => Expected::Text,
        "a boolean" => Expected::Flag,
        "u8" | "u16" | "u32" | "u64" => Expected::WholeNumber,
        "a sequence" => Expected::List,
        "a map" => Expected::Object,
        _ if text.starts_with("struct ") => Expected::Object,
        _ => Expected::Other(text.to_string()),
    }
}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a typo.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    let chars = word.chars().count();
    // Two words whose lengths differ by more than the distance allowed are not near, so a long
    // word is not compared character by character (which takes seconds for a 100 KB one).
    candidates
        .iter()
        .filter(|c| chars.abs_diff(c.chars().count()) <= 2.max(c.len() / 4))
        .map(|c| (edit_distance(&word, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance between two strings, by characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_field_names() {
        let msg = "unknown field `input_token`, expected one of `input_tokens`, `output_tokens`";
        let near = Problem::UnknownField { field: "input_token".into(), suggestion: Some("input_tokens".into()) };
        assert_eq!(serde_problem(msg), near);
        let msg = "unknown field `colour`, expected one of `input_tokens`, `output_tokens` at line 3 column 9";
        assert_eq!(serde_problem(msg), Problem::UnknownField { field: "colour".into(), suggestion: None });
    }

    #[test]
    fn reads_serde_types_and_keeps_what_it_does_not_know() {
        let lots = "invalid type: string \"lots\", expected a number or a decimal string at line 1 column 5";
        assert_eq!(serde_problem(lots), Problem::NotANumber { found: Found::Text("lots".into()) });
        assert_eq!(
            serde_problem("invalid type: sequence, expected a line object"),
            Problem::NotAnObject { what: Shape::Line, found: Found::List }
        );
        assert_eq!(
            serde_problem("invalid value: string \"EUR\", expected \"USD\" or \"CNY\""),
            Problem::UnknownCurrency { given: "EUR".into() }
        );
        assert_eq!(
            serde_problem("invalid type: boolean `true`, expected a string"),
            Problem::WrongType { found: Found::Flag(true), expected: Expected::Text }
        );
        assert_eq!(serde_problem("missing field `lines`"), Problem::NoLines);
        assert_eq!(serde_problem("missing field `model`"), Problem::MissingKey { key: "model".into() });
        let odd = "recursion limit exceeded at line 1 column 129";
        assert_eq!(serde_problem(odd), Problem::Unreadable { text: "recursion limit exceeded".into() });
    }

    #[test]
    fn a_long_word_is_near_nothing_and_compared_with_nothing() {
        // The fuzzer's import-d69e394e: a 170 KB model name took seconds to compare.
        let long = format!("GLM-5{}", "a = [".repeat(40_000));
        let t = std::time::Instant::now();
        assert_eq!(closest(&long, &["GLM-5"; 1000]), None);
        assert!(t.elapsed() < std::time::Duration::from_secs(1), "{:?}", t.elapsed());
        assert_eq!(closest("GLM-6", &["GLM-5", "GLM-4.7"]), Some("GLM-5"));
    }
}
