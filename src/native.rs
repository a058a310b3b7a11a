//! Native I/O for the CLI and tests: the embedded catalog, card files, and estimate JSON.

use std::path::Path;

use serde::Deserialize;

pub use crate::json::parse_estimate_json;
use crate::rating::Estimate;
use crate::rating::catalog::{self, Catalog, CatalogError};
use crate::rating::limits;

#[derive(Deserialize)]
struct Entry {
    file: String,
    card: serde_json::Value,
}

/// Loads and checks the embedded rate cards.
///
/// # Errors
/// Every problem in the cards, each naming its file, model and field.
pub fn embedded_catalog() -> Result<Catalog, Vec<CatalogError>> {
    let entries: Vec<Entry> = serde_json::from_str(crate::CATALOG_JSON).map_err(|e| {
        vec![CatalogError { file: "catalog.json".into(), model: None, field: String::new(), message: e.to_string() }]
    })?;
    let mut raw = Vec::new();
    let mut errors = Vec::new();
    for entry in &entries {
        match catalog::parse_card(&entry.file, || &entry.card) {
            Ok(card) => raw.push((entry.file.clone(), card)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    catalog::build(raw)
}

/// Reads one card from a `.toml` or `.json` file and checks it on its own.
///
/// # Errors
/// The file cannot be read or parsed, or the card breaks a rule.
pub fn card_file(path: &Path) -> Result<Catalog, Vec<CatalogError>> {
    let name = path.display().to_string();
    // A file over the limit is refused before it is read.
    if let Ok(meta) = std::fs::metadata(path) {
        let size = usize::try_from(meta.len()).unwrap_or(usize::MAX);
        limits::check_card_bytes(size).map_err(|e| one(&name, e.to_string()))?;
    }
    let text = std::fs::read_to_string(path).map_err(|e| one(&name, format!("cannot read: {e}")))?;
    let format = if path.extension().is_some_and(|e| e == "toml") { CardFormat::Toml } else { CardFormat::Json };
    card_text(&name, &text, format)
}

/// How a card file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardFormat {
    /// A TOML card, as in `pricing/`.
    Toml,
    /// A JSON card.
    Json,
}

/// Reads one card from its text, named `name`, and checks it on its own: what [`card_file`] does
/// once the file is read.
///
/// # Errors
/// The text cannot be parsed, or the card breaks a rule.
pub fn card_text(name: &str, text: &str, format: CardFormat) -> Result<Catalog, Vec<CatalogError>> {
    let text = crate::json::without_bom(text);
    limits::check_card_bytes(text.len()).map_err(|e| one(name, e.to_string()))?;
    let value: serde_json::Value = match format {
        CardFormat::Toml => {
            let v: toml::Value = toml::from_str(text).map_err(|e| one(name, format!("not valid TOML: {e}")))?;
            serde_json::to_value(v).map_err(|e| one(name, e.to_string()))?
        }
        CardFormat::Json => serde_json::from_str(text).map_err(|e| one(name, format!("not valid JSON: {e}")))?,
    };
    limits::check_card_models(crate::json::models_in(&value)).map_err(|e| one(name, e.to_string()))?;
    let card = catalog::parse_card(name, || &value).map_err(|e| vec![e])?;
    catalog::build(vec![(name.to_string(), card)])
}

/// One problem with the card file `name`.
fn one(name: &str, message: String) -> Vec<CatalogError> {
    vec![CatalogError { file: name.into(), model: None, field: String::new(), message }]
}

/// Reads an estimate file through a buffer, so a large estimate's text is never held whole next
/// to the estimate. A file that is refused is read again as text by [`parse_estimate_json`], so
/// its message is the same as for the same text on stdin.
///
/// # Errors
/// The file cannot be read, or its message from [`parse_estimate_json`].
pub fn estimate_file(path: &Path) -> Result<Estimate, String> {
    use std::io::BufRead;
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let mut reader = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path).map_err(cannot)?);
    if reader.fill_buf().map_err(cannot)?.starts_with("\u{feff}".as_bytes()) {
        reader.consume(3);
    }
    // Without serde's path tracking: a refused file is read again below, with it.
    let mut de = serde_json::Deserializer::from_reader(reader);
    if let Ok(estimate) = <Estimate as serde::Deserialize>::deserialize(&mut de)
        && de.end().is_ok()
    {
        return Ok(estimate);
    }
    let text = std::fs::read_to_string(path).map_err(cannot)?;
    parse_estimate_json(&text).map_err(|e| e.to_string())
}

/// serde_json's pretty output (two-space indent), byte for byte, with each line break and its
/// indent written in one piece instead of two bytes at a time: the large `quote --json`
/// documents spend much of their time there.
#[derive(Default)]
pub struct Pretty {
    depth: usize,
    has_value: bool,
}

/// A line break followed by enough spaces for any depth the documents reach.
const BREAK: &[u8; 129] = b"\n                                                                                                                                ";

impl Pretty {
    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        let mut spaces = self.depth * 2;
        let first = spaces.min(BREAK.len() - 1);
        w.write_all(&BREAK[..=first])?;
        spaces -= first;
        while spaces > 0 {
            let n = spaces.min(BREAK.len() - 1);
            w.write_all(&BREAK[1..=n])?;
            spaces -= n;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.indent(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.indent(w)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.indent(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.indent(w)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Today as days since 1970-01-01: the clock's date (UTC), or `RATECARD_TODAY` (`YYYY-MM-DD`)
/// when it is set, so that a run can be repeated on another day.
///
/// # Errors
/// `RATECARD_TODAY` is set but is not a date.
pub fn today() -> Result<i64, String> {
    if let Ok(text) = std::env::var("RATECARD_TODAY") {
        return crate::rating::decide::parse_civil(&text)
            .ok_or_else(|| format!("RATECARD_TODAY: \"{text}\" is not a date YYYY-MM-DD"));
    }
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Ok(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Gives the estimate a start month: `given` (a `--start YYYY-MM`) in place of its own, else its
/// own, else the month of `today` ([`today`]'s days). A start that is not a month is left for the
/// quote to report, naming the field.
pub fn with_start(estimate: &mut Estimate, given: Option<&str>, today: i64) {
    if let Some(g) = given {
        estimate.start = Some(g.to_string());
    } else if estimate.start.is_none() {
        estimate.start = Some(crate::rating::month::YearMonth::of_days(today).to_string());
    }
}
