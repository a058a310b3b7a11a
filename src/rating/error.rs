//! Shared helpers for turning serde's messages into one-line, human messages.

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

/// Shortens serde's messages: an unknown field keeps its name and gains a "did you mean" from the
/// expected names instead of listing all of them; decimal errors say what a number looks like.
/// [`tidy_message`] for callers outside the core (the strict JSON readers).
pub fn tidy(message: &str) -> String {
    tidy_message(message)
}

pub(crate) fn tidy_message(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((field, tail)) = rest.split_once('`')
    {
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        return match closest(field, &expected) {
            Some(best) => format!("unknown field \"{field}\" (did you mean \"{best}\"?)"),
            None => format!("unknown field \"{field}\""),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some((value, tail)) = rest.split_once('`')
    {
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        return format!("unknown value \"{value}\": use one of {}", expected.join(", "));
    }
    message
        .replace("a Decimal type representing a fixed-point number", "a number or a decimal string")
        .replace("invalid type: ", "")
        .replace("invalid value: ", "")
}

/// What a JSON number too large or too fine for an exact decimal gets (the path names the field).
pub(crate) const OUT_OF_RANGE: &str =
    "out of range: a number here has at most 28 digits, and at most 28 after the point";

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
        assert_eq!(tidy_message(msg), "unknown field \"input_token\" (did you mean \"input_tokens\"?)");
        let msg = "unknown field `colour`, expected one of `input_tokens`, `output_tokens`";
        assert_eq!(tidy_message(msg), "unknown field \"colour\"");
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
