//! The readers of outside data the fuzzer drives, each from raw bytes to everything that is done
//! with what it reads: an estimate that parses is priced, a card that passes the checks is quoted.
//!
//! Shared by the fuzzer (`examples/fuzz/main.rs`) and the replay of committed failures
//! (`tests/fuzz_regressions.rs`), so a failure is replayed through exactly the code that found it.

use ratecard::json::parse_catalog_json;
use ratecard::native::{CardFormat, card_text, parse_estimate_json};
use ratecard::rating::catalog::Catalog;
use ratecard::rating::estimate::{Estimate, Field, FieldKind, FieldValue, Line};
use ratecard::rating::num::parse_exact;
use ratecard::rating::{fields_used, project, quote};
use ratecard::share::export::parse_import;
use ratecard::share::link::decode;
use rust_decimal::Decimal;

/// Every reader, by the name its failures are filed under.
pub const READERS: [&str; 7] = ["estimate", "link", "import", "card-toml", "card-json", "pack", "number"];

/// Runs the reader `name` on `input`. Text readers take the bytes as UTF-8, with bad sequences
/// replaced, as a browser or `read_to_string` would hand them over or refuse them.
///
/// # Panics
/// When a reader panics (which is what the fuzzer looks for), or a parsed number does not write
/// back to itself; an unknown `name` is a bug in the caller.
pub fn run(name: &str, catalog: &Catalog, input: &[u8]) {
    let text = || String::from_utf8_lossy(input);
    match name {
        // The CLI and the JS API: estimate JSON, then a month and a year priced.
        "estimate" => {
            if let Ok(estimate) = parse_estimate_json(&text()) {
                price(catalog, &estimate);
            }
        }
        // A deep link, or the saved estimate the widget reads back through the same decoder.
        "link" => {
            let decoded = decode(&text(), Some(catalog));
            let _ = quote(catalog, &decoded.estimate);
        }
        // The widget's Import (the JS API's importEstimate).
        "import" => {
            if let Ok(estimate) = parse_import(&text()) {
                let _ = quote(catalog, &estimate);
            }
        }
        // The CLI's card reader (`ratecard check`, `--catalog CARD.toml`), then the card priced.
        "card-toml" => {
            if let Ok(host) = card_text("fuzz.toml", &text(), CardFormat::Toml) {
                price_every_model(catalog, host);
            }
        }
        // Host cards as JSON: the CLI's `--catalog`, the JS API's loadCatalog and packCatalog.
        "card-json" => {
            if let Ok(host) = parse_catalog_json(&text(), "fuzz.json") {
                price_every_model(catalog, host);
            }
        }
        // What the widget unpacks: the embedded catalog, or a host's cards from packCatalog.
        "pack" => {
            if let Ok(unpacked) = Catalog::unpack(input, "fuzz.pack") {
                let _ = unpacked.content_fingerprint();
                assert_eq!(Catalog::unpack(&unpacked.pack(), "again").map(|c| c.pack()).ok(), Some(unpacked.pack()));
                price_every_model(catalog, unpacked);
            }
        }
        // Decimal text: JSON numbers, link values, card prices and the widget's form fields. The
        // widget's `app::state::parse_quantity` is plain Rust too, but lives in `src/app`, which
        // builds only for wasm32: it drops spaces and `_`, takes a `k` or `M` suffix and hands
        // the rest to `parse_exact`, which is what is fuzzed here.
        "number" => {
            if let Ok(d) = parse_exact(&text()) {
                assert_eq!(parse_exact(&d.to_string()), Ok(d), "{d} does not read back as itself");
            }
        }
        other => unreachable!("no reader is named {other}"),
    }
}

/// Prices a month and a year of `estimate`.
fn price(catalog: &Catalog, estimate: &Estimate) {
    let _ = quote(catalog, estimate);
    let _ = project(catalog, estimate);
}

/// Prices one line for each of the first models of every card in `host` (merged over `base`),
/// with every number field the model is priced on set, so that card data that passes the checks
/// is also run through the engine.
fn price_every_model(base: &Catalog, host: Catalog) {
    let mut lines = Vec::new();
    for card in host.cards() {
        for model in card.models.iter().take(4) {
            let mut line =
                Line { provider: card.provider.to_string(), model: model.name.to_string(), ..Line::default() };
            for (i, name) in fields_used(model).into_iter().enumerate() {
                if let Some(field) = Field::from_name(name).filter(|f| matches!(f.kind(), FieldKind::Number)) {
                    let value = Decimal::from(10u64.pow(u32::try_from(i % 7).unwrap_or(0)));
                    let _ = line.set(field, Some(FieldValue::Number(value)));
                }
            }
            lines.push(line);
        }
    }
    let merged = base.merged_with(host);
    price(&merged, &Estimate { version: 1, lines, ..Estimate::default() });
}
