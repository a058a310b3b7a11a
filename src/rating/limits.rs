//! The largest documents Ratecard reads, in one place, and the check each entry point makes.
//!
//! A document over a limit is refused before it is parsed (bytes and characters) or as soon as
//! its lines or models are counted, with a message naming the limit, so that no reader is asked
//! to hold more than it can: the CLI and the JS API bundle read JSON with serde_json, the widget
//! opens estimates through deep links, and every line becomes a `Line` of about a kilobyte.
//!
//! | document | entry point | bytes or characters | lines or models |
//! | --- | --- | --- | --- |
//! | estimate JSON | CLI (`json::parse_estimate_json`) | 500,000,000 bytes | 1,000,000 lines |
//! | estimate | JS API (`quote`, `projectYear`, `encodeLink`, `exportQuote`) | 50,000,000 bytes | 100,000 lines |
//! | import document | widget Import (`importEstimate`) | 20,000,000 bytes | 5,000 lines |
//! | link fragment | widget URL and saved estimate, `decodeLink` | 1,000,000 characters | 5,000 lines |
//! | rate cards | CLI `--catalog`, `check`; JS API `loadCatalog`, `packCatalog`, `exportQuote` | 5,000,000 bytes | 5,000 models |
//! | text | JS API `estimateTokens` | 50,000,000 characters (JS `length`) | |
//! | usage records | widget "Price real traffic" | | 200,000 records |

/// The most bytes and lines of an estimate one entry point reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EstimateLimits {
    /// What the document is called in messages: `estimate` or `imported document`.
    pub what: &'static str,
    /// The most bytes of text.
    pub bytes: usize,
    /// The most lines.
    pub lines: usize,
}

/// The CLI, which is meant for bulk: a million lines, each with room for a long label (500 bytes
/// a line on average). A million lines take about a gigabyte once read, which a machine that
/// prices in bulk has.
pub const CLI: EstimateLimits = EstimateLimits { what: "estimate", bytes: 500_000_000, lines: 1_000_000 };

/// The JS API, which runs in a browser tab or in Node: a tenth of the CLI's lines (about 100 MB
/// once read, well inside a WebAssembly memory), and 500 bytes a line.
pub const API: EstimateLimits = EstimateLimits { what: "estimate", bytes: 50_000_000, lines: 100_000 };

/// The widget's Import, whose estimate the widget then opens as a link: the link's lines, and
/// room for an export document's breakdown (about 2 KB a line) beside them.
pub const IMPORT: EstimateLimits = EstimateLimits { what: "imported document", bytes: 20_000_000, lines: LINK_LINES };

/// The most lines a link or the widget's saved estimate holds: more than anyone edits by hand,
/// and few enough that the widget recomputes and draws them while typing.
pub const LINK_LINES: usize = 5_000;

/// The most characters of a link fragment: 5,000 lines of about 200 characters, and half of the
/// 2,097,152 characters Chromium allows in a URL (other browsers allow more).
pub const LINK_CHARS: usize = 1_000_000;

/// The most characters of text the JS API's `estimateTokens` reads: a thousand novels, and far
/// less than a WebAssembly memory holds.
pub const TOKEN_TEXT_CHARS: usize = 50_000_000;

/// The most usage records the widget's "Price real traffic" keeps: each is kept (40 bytes) so
/// that it can be priced again on every model compared, 8 MB of WebAssembly memory, and priced on
/// a few dozen models in about a second. The CLI streams any number (`ratecard usage`).
pub const USAGE_RECORDS: usize = 200_000;

/// The most bytes of rate-card text read at once: 200 times the five embedded cards (25 KB).
pub const CARD_BYTES: usize = 5_000_000;

/// The most models in the rate cards read at once: 100 times the embedded 59, far more than any
/// provider publishes.
pub const CARD_MODELS: usize = 5_000;

/// A document over a limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TooLarge {
    /// More bytes than are read.
    Bytes {
        /// The document, as messages name it (`estimate`, `rate card text` ...).
        what: &'static str,
        /// Its bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// More bytes than are read, known before they are counted exactly (a JS string of more UTF-16
    /// units than the limit has at least as many UTF-8 bytes).
    OverBytes {
        /// The document.
        what: &'static str,
        /// The limit.
        max: usize,
    },
    /// More characters than are read.
    Characters {
        /// The document.
        what: &'static str,
        /// Its characters.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// More lines than are read.
    Lines {
        /// The document.
        what: &'static str,
        /// Its lines.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// More models than are read.
    Models {
        /// The models in the rate cards.
        count: usize,
        /// The limit.
        max: usize,
    },
}

/// `5001` as `5,001`: whole numbers only, so that the widget, which formats no decimals with
/// separators, does not carry `num::group` for these messages.
fn n(v: usize) -> String {
    let digits = v.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // One sentence for every limit, so that the widget carries one format, not five.
        let (what, has, count, unit, max) = match *self {
            TooLarge::Bytes { what, size, max } => (what, "has", n(size), "bytes", max),
            TooLarge::OverBytes { what, max } => (what, "has", format!("more than {}", n(max)), "bytes", max),
            TooLarge::Characters { what, count, max } => (what, "has", n(count), "characters", max),
            TooLarge::Lines { what, count, max } => (what, "has", n(count), "lines", max),
            TooLarge::Models { count, max } => ("rate cards", "have", n(count), "models", max),
        };
        write!(f, "the {what} {has} {count} {unit}; at most {} are read", n(max))
    }
}

impl std::error::Error for TooLarge {}

impl EstimateLimits {
    /// Refuses text of more than [`EstimateLimits::bytes`].
    ///
    /// # Errors
    /// [`TooLarge::Bytes`].
    pub fn check_bytes(&self, text: &str) -> Result<(), TooLarge> {
        at_most(text.len(), self.bytes).map_err(|()| TooLarge::Bytes {
            what: self.what,
            size: text.len(),
            max: self.bytes,
        })
    }

    /// Refuses more than [`EstimateLimits::lines`] lines.
    ///
    /// # Errors
    /// [`TooLarge::Lines`].
    pub fn check_lines(&self, count: usize) -> Result<(), TooLarge> {
        at_most(count, self.lines).map_err(|()| TooLarge::Lines { what: self.what, count, max: self.lines })
    }
}

/// Refuses a link fragment of more than [`LINK_CHARS`] characters or [`LINK_LINES`] lines (its
/// `p=` pairs), before it is read.
///
/// # Errors
/// [`TooLarge::Characters`] or [`TooLarge::Lines`].
pub fn check_link(fragment: &str) -> Result<(), TooLarge> {
    // Bytes are at least characters, so only a long fragment is counted.
    if fragment.len() > LINK_CHARS {
        let count = fragment.chars().count();
        at_most(count, LINK_CHARS).map_err(|()| TooLarge::Characters { what: "link", count, max: LINK_CHARS })?;
    }
    let count = link_lines(fragment);
    at_most(count, LINK_LINES).map_err(|()| TooLarge::Lines { what: "link", count, max: LINK_LINES })
}

/// The lines a link fragment opens, counted before anything is decoded: each `p=` starts one, and
/// so does each `m=` after a line already has its model (a second model of the same provider).
pub fn link_lines(fragment: &str) -> usize {
    let (mut lines, mut has_model) = (0usize, false);
    for pair in fragment.trim_start_matches('#').split('&') {
        if pair.starts_with("p=") {
            lines += 1;
            has_model = false;
        } else if pair.starts_with("m=") && lines > 0 {
            if has_model {
                lines += 1;
            }
            has_model = true;
        }
    }
    lines
}

/// The most characters in one link value other than free text (a label, title, customer or
/// notes): a provider, model, number or package list. Such a value is copied to each line that a
/// second `m=` or compare mode starts, so 5,000 lines of it stay a few megabytes.
pub const LINK_VALUE_CHARS: usize = 1_000;

/// Refuses a link value (not free text) of more than [`LINK_VALUE_CHARS`] characters.
///
/// # Errors
/// [`TooLarge::Characters`].
pub fn check_link_value(value: &str) -> Result<(), TooLarge> {
    if value.len() <= LINK_VALUE_CHARS {
        return Ok(());
    }
    let count = value.chars().count();
    at_most(count, LINK_VALUE_CHARS).map_err(|()| TooLarge::Characters {
        what: "link value",
        count,
        max: LINK_VALUE_CHARS,
    })
}

/// Refuses rate-card text of more than [`CARD_BYTES`].
///
/// # Errors
/// [`TooLarge::Bytes`].
pub fn check_card_bytes(size: usize) -> Result<(), TooLarge> {
    at_most(size, CARD_BYTES).map_err(|()| TooLarge::Bytes { what: "rate card text", size, max: CARD_BYTES })
}

/// Refuses rate cards with more than [`CARD_MODELS`] models in all.
///
/// # Errors
/// [`TooLarge::Models`].
pub fn check_card_models(count: usize) -> Result<(), TooLarge> {
    at_most(count, CARD_MODELS).map_err(|()| TooLarge::Models { count, max: CARD_MODELS })
}

fn at_most(value: usize, max: usize) -> Result<(), ()> {
    if value <= max { Ok(()) } else { Err(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_in_thousands() {
        let grouped: Vec<String> = [0, 7, 999, 1_000, 65_536, 1_000_000, 12_345_678].map(n).into();
        assert_eq!(grouped, ["0", "7", "999", "1,000", "65,536", "1,000,000", "12,345,678"]);
    }

    #[test]
    fn messages_name_the_size_and_the_limit() {
        let lines = format!("{}", CLI.check_lines(1_200_000).unwrap_err());
        assert_eq!(lines, "the estimate has 1,200,000 lines; at most 1,000,000 are read");
        assert_eq!(CLI.check_lines(1_000_000), Ok(()));
        assert_eq!(
            IMPORT.check_lines(5_001).unwrap_err().to_string(),
            "the imported document has 5,001 lines; at most 5,000 are read"
        );
        assert_eq!(
            check_card_bytes(5_000_001).unwrap_err().to_string(),
            "the rate card text has 5,000,001 bytes; at most 5,000,000 are read"
        );
        assert_eq!(
            check_card_models(5_001).unwrap_err().to_string(),
            "the rate cards have 5,001 models; at most 5,000 are read"
        );
        assert_eq!(check_card_models(5_000), Ok(()));
    }

    #[test]
    fn a_link_is_counted_in_characters_and_lines() {
        let wide = "é".repeat(LINK_CHARS);
        assert_eq!(wide.len(), 2 * LINK_CHARS);
        assert_eq!(check_link(&wide), Ok(()), "a million characters are read, though they are two million bytes");
        assert_eq!(
            check_link(&format!("{wide}x")).unwrap_err().to_string(),
            "the link has 1,000,001 characters; at most 1,000,000 are read"
        );
        let lines = "&p=gateway&m=x".repeat(LINK_LINES + 1);
        assert_eq!(check_link(&lines).unwrap_err().to_string(), "the link has 5,001 lines; at most 5,000 are read");
        assert_eq!(check_link(&lines["&p=gateway&m=x".len()..]), Ok(()));
    }
}
