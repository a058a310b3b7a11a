//! Golden scenarios: each file in `tests/golden/` pairs an estimate with the breakdown values
//! worked out by hand from the source documents (the arithmetic is in its `by_hand` field).
//!
//! `expect` is a subset of the breakdown JSON. Decimal strings compare by value (`"796"` equals
//! `"796.00"`), objects compare only the keys given, arrays compare element by element and must
//! have the same length, and `flags` lists the flag codes. `total_rounded`, `year_total` and
//! `typical_month` (`month`, `reached`, `total`) are added to the breakdown for the comparison.

use std::path::Path;
use std::str::FromStr;

use ratecard::native::{embedded_catalog, parse_estimate_json};
use ratecard::rating::{project, quote};
use rust_decimal::Decimal;
use serde_json::Value;

fn matches(path: &str, expected: &Value, actual: &Value, failures: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(exp), Value::Object(act)) => {
            for (key, e) in exp {
                let here = format!("{path}.{key}");
                match act.get(key) {
                    Some(a) if key == "flags" => {
                        let codes: Vec<Value> =
                            a.as_array().into_iter().flatten().filter_map(|f| f.get("code").cloned()).collect();
                        let mut want = e.as_array().cloned().unwrap_or_default();
                        let mut got = codes.clone();
                        want.sort_by_key(|v| v.to_string());
                        got.sort_by_key(|v| v.to_string());
                        if want != got {
                            failures.push(format!("{here}: expected {e}, got {}", Value::Array(codes)));
                        }
                    }
                    Some(a) => matches(&here, e, a, failures),
                    None if e.is_array() && e.as_array().is_some_and(Vec::is_empty) => {}
                    None => failures.push(format!("{here}: missing, expected {e}")),
                }
            }
        }
        (Value::Array(exp), Value::Array(act)) => {
            if exp.len() != act.len() {
                failures.push(format!("{path}: expected {} items, got {}: {actual}", exp.len(), act.len()));
                return;
            }
            for (i, (e, a)) in exp.iter().zip(act).enumerate() {
                matches(&format!("{path}[{i}]"), e, a, failures);
            }
        }
        (Value::String(e), Value::String(a)) => match (Decimal::from_str(e), Decimal::from_str(a)) {
            (Ok(e), Ok(a)) if e == a => {}
            _ if e == a => {}
            _ => failures.push(format!("{path}: expected {e}, got {a}")),
        },
        _ if expected == actual => {}
        _ => failures.push(format!("{path}: expected {expected}, got {actual}")),
    }
}

#[test]
fn golden_scenarios_price_exactly() {
    let catalog = embedded_catalog().expect("the embedded catalog loads");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("tests/golden exists").filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
        count += 1;
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).expect("readable")).expect("valid JSON");
        let estimate = parse_estimate_json(&doc["estimate"].to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let breakdown = quote(&catalog, &estimate);
        let mut actual = serde_json::to_value(&breakdown).expect("serializes");
        actual["total_rounded"] = Value::String(breakdown.total_rounded().to_string());
        let projection = project(&catalog, &estimate);
        actual["year_total"] = Value::String(projection.year.total.amount().to_string());
        actual["typical_month"] = serde_json::to_value(&projection.typical).expect("serializes");
        let mut expect = doc["expect"].clone();
        if expect.get("errors").is_none() {
            expect["errors"] = Value::Array(Vec::new());
        }
        matches(&name, &expect, &actual, &mut failures);
    }
    assert!(count >= 25, "expected the golden scenarios, found {count}");
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_line_without_a_range_shows_none() {
    let catalog = embedded_catalog().unwrap();
    let est = parse_estimate_json(
        r#"{"lines":[{"provider":"tencent-tokenhub","model":"HY-3D-3.0","calls":2},
                     {"provider":"tencent-tokenhub","model":"HY-Image-Lite","images":100}]}"#,
    )
    .unwrap();
    let b = quote(&catalog, &est);
    assert!(b.lines[0].total_min.is_some());
    assert_eq!((b.lines[1].total_min, b.lines[1].total_max), (None, None));
}
