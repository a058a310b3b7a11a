//! Embeds the rate cards.
//!
//! Every `pricing/*.toml` file is read and re-written as one JSON array of
//! `{"file": ..., "card": ...}` objects in `OUT_DIR/catalog.json`. The binary embeds that text, and
//! `src/rating/catalog/` checks it at load time with the same code that checks a host's JSON card.
//! This build script only converts syntax; all schema checks live in the library.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=pricing");
    let dir = Path::new("pricing");
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read pricing/: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut cards = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
        let json = serde_json::to_value(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        cards.push(serde_json::json!({ "file": format!("pricing/{name}"), "card": json }));
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.json");
    let text = serde_json::to_string(&cards).expect("JSON values always serialize");
    fs::write(&out, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
