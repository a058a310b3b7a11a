//! Embeds the rate cards.
//!
//! Every `pricing/*.toml` file is read and re-written as one JSON array of
//! `{"file": ..., "card": ...}` objects in `OUT_DIR/catalog.json`, which the CLI and the JS API
//! embed and check at load time with the same code that checks a host's JSON card.
//!
//! The build also checks the cards with that code (the library's `src/rating/`, compiled into this
//! script) and writes the checked catalog packed (`OUT_DIR/catalog.pack`, see
//! `src/rating/catalog/pack.rs`) with two fingerprints: `catalog.version`, of the JSON text, which
//! links carry, and `catalog.content`, of what the cards price. The widget embeds those, so it
//! needs neither the card reader nor its checks. A card that does not pass the checks stops the
//! build with every problem named.

use std::{env, fs, path::Path};

#[allow(dead_code, unused_imports)]
#[path = "src/rating/mod.rs"]
mod rating;

// The English renderer writes the breakdown's words for its `Serialize` impls, which the core's
// types need; it uses only `crate::rating`.
#[allow(dead_code, unused_imports)]
#[path = "src/lang/english.rs"]
mod english;
/// The core's problems in English, which its messages are written with.
#[allow(dead_code)]
#[path = "src/lang/english_problems.rs"]
mod english_problems;

fn main() {
    // The widget's wasm keeps its relocations, which wasm-split (scripts/split.mjs) reads to cut it
    // into a main module and on-demand chunks. A link argument only: dependencies are not rebuilt.
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=ratecard-web=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=pricing");
    println!("cargo:rerun-if-changed=src/rating");
    println!("cargo:rerun-if-changed=src/lang/english.rs");
    println!("cargo:rerun-if-changed=src/lang/english_problems.rs");
    let dir = Path::new("pricing");
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read pricing/: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut cards = Vec::new();
    let mut raw = Vec::new();
    let mut errors = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
        let json = serde_json::to_value(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let file = format!("pricing/{name}");
        match rating::catalog::parse_card(&file, || &json) {
            Ok(card) => raw.push((file.clone(), card)),
            Err(e) => errors.push(e),
        }
        cards.push(serde_json::json!({ "file": file, "card": json }));
    }
    let catalog = if errors.is_empty() { rating::catalog::build(raw) } else { Err(errors) };
    let catalog = catalog.unwrap_or_else(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the rate cards in pricing/ do not pass the checks:\n{}", list.join("\n"))
    });
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    let text = serde_json::to_string(&cards).expect("JSON values always serialize");
    let write = |name: &str, bytes: &[u8]| {
        let path = out.join(name);
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    };
    write("catalog.json", text.as_bytes());
    write("catalog.pack", &catalog.pack());
    // The link fingerprint of the JSON text (`share::link::fingerprint`), and of the content.
    write("catalog.version", rating::catalog::fnv1a(text.as_bytes()).as_bytes());
    write("catalog.content", catalog.content_fingerprint().as_bytes());
}
