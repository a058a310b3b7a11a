//! The limits of `ratecard::rating::limits`, each at its entry point: a document one over the
//! limit is refused with a message naming the limit, and one at the limit is read.

use std::process::{Command, Stdio};

use ratecard::json::{parse_catalog_json, parse_estimate_json, parse_estimate_json_within, parse_import_within};
use ratecard::native::{CardFormat, card_file, card_text};
use ratecard::rating::limits::{self, CARD_BYTES, CARD_MODELS, LINK_CHARS, LINK_LINES};
use ratecard::share::link::decode;

/// An estimate document of `n` empty lines (each an error when priced, but read).
fn estimate_of(n: usize) -> String {
    format!("{{\"lines\":[{}]}}", vec!["{\"provider\":\"gateway\",\"model\":\"x\"}"; n].join(","))
}

/// The first error message of a catalog read.
fn first<T>(result: Result<T, Vec<ratecard::rating::CatalogError>>) -> String {
    result.err().and_then(|e| e.first().map(ToString::to_string)).unwrap_or_default()
}

#[test]
fn the_cli_reads_a_million_lines_and_no_more() {
    // A million lines are counted without being read when there is one too many.
    let over = format!("{{\"lines\":[{}]}}", vec!["{}"; 1_000_001].join(","));
    let e = parse_estimate_json(&over).unwrap_err();
    assert_eq!(e.to_string(), "the estimate has 1,000,001 lines; at most 1,000,000 are read");
    assert_eq!(limits::CLI.check_bytes(&" ".repeat(500_000_000)), Ok(()));
    let e = limits::CLI.check_bytes(&" ".repeat(500_000_001)).unwrap_err();
    assert_eq!(e.to_string(), "the estimate has 500,000,001 bytes; at most 500,000,000 are read");
}

#[test]
fn the_cli_refuses_an_estimate_file_over_the_limit() {
    let over = format!("{{\"lines\":[{}]}}", vec!["{}"; 1_000_001].join(","));
    let mut child = Command::new(env!("CARGO_BIN_EXE_ratecard"))
        .args(["quote", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ratecard runs");
    let mut stdin = child.stdin.take().expect("a pipe");
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, over.as_bytes()));
    let out = child.wait_with_output().expect("ratecard ends");
    let _ = writer.join();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "ratecard: the estimate has 1,000,001 lines; at most 1,000,000 are read"
    );
}

#[test]
fn the_js_api_reads_a_hundred_thousand_lines() {
    let e = parse_estimate_json_within(&estimate_of(100_001), limits::API).unwrap_err();
    assert_eq!(e.to_string(), "the estimate has 100,001 lines; at most 100,000 are read");
    assert_eq!(parse_estimate_json_within(&estimate_of(100_000), limits::API).map(|e| e.lines.len()), Ok(100_000));
    let e = parse_estimate_json_within(&" ".repeat(50_000_001), limits::API).unwrap_err();
    assert_eq!(e.to_string(), "the estimate has 50,000,001 bytes; at most 50,000,000 are read");
}

#[test]
fn an_import_reads_the_lines_of_its_estimate() {
    let doc = |n: usize| format!("{{\"estimate\":{},\"breakdown\":{{\"lines\":[]}}}}", estimate_of(n));
    let e = parse_import_within(&doc(5_001), limits::IMPORT).unwrap_err();
    assert_eq!(e.to_string(), "the imported document has 5,001 lines; at most 5,000 are read");
    assert_eq!(parse_import_within(&doc(5_000), limits::IMPORT).map(|e| e.lines.len()), Ok(5_000));
    // A bare estimate is counted the same way.
    let e = parse_import_within(&estimate_of(5_001), limits::IMPORT).unwrap_err();
    assert_eq!(e.to_string(), "the imported document has 5,001 lines; at most 5,000 are read");
    let e = parse_import_within(&" ".repeat(20_000_001), limits::IMPORT).unwrap_err();
    assert_eq!(e.to_string(), "the imported document has 20,000,001 bytes; at most 20,000,000 are read");
}

#[test]
fn a_link_or_saved_estimate_reads_five_thousand_lines() {
    let link = |n: usize| "p=gateway&m=FLUX1.1%20%5Bpro%5D&img=1&".repeat(n);
    let back = decode(&link(LINK_LINES + 1), None);
    let shown: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["the link has 5,001 lines; at most 5,000 are read"]);
    assert!(back.estimate.lines.is_empty());
    assert_eq!(decode(&link(LINK_LINES), None).estimate.lines.len(), 5_000);
    let long = format!("p=gateway&m=x&t={}", "a".repeat(LINK_CHARS));
    let shown: Vec<String> = decode(&long, None).problems.iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["the link has 1,000,016 characters; at most 1,000,000 are read"]);
}

#[test]
fn rate_cards_read_five_million_bytes_and_five_thousand_models() {
    let padded = format!("{{\"provider\":\"acme\"{}}}", " ".repeat(CARD_BYTES));
    assert_eq!(
        first(parse_catalog_json(&padded, "host.json")),
        "host.json: the rate card text has 5,000,019 bytes; at most 5,000,000 are read"
    );
    let models = |n: usize| format!("{{\"provider\":\"acme\",\"models\":[{}]}}", vec!["{}"; n].join(","));
    assert_eq!(
        first(parse_catalog_json(&models(CARD_MODELS + 1), "host.json")),
        "host.json: the rate cards have 5,001 models; at most 5,000 are read"
    );
    // Across the cards of an array, too.
    let two = format!("[{},{}]", models(2_500), models(2_501));
    assert_eq!(
        first(parse_catalog_json(&two, "host.json")),
        "host.json: the rate cards have 5,001 models; at most 5,000 are read"
    );
    // At the limit the cards are read (and then checked: these models have no names).
    assert!(!first(parse_catalog_json(&models(CARD_MODELS), "host.json")).contains("at most"));
    let toml = format!("provider = \"acme\"\n{}", "[[models]]\n".repeat(CARD_MODELS + 1));
    assert_eq!(
        first(card_text("card.toml", &toml, CardFormat::Toml)),
        "card.toml: the rate cards have 5,001 models; at most 5,000 are read"
    );
}

#[test]
fn a_card_file_over_the_limit_is_not_read() {
    let path = std::env::temp_dir().join(format!("ratecard-limits-{}.toml", std::process::id()));
    std::fs::write(&path, vec![b'#'; CARD_BYTES + 1]).expect("the temporary file is written");
    let message = first(card_file(&path));
    let _ = std::fs::remove_file(&path);
    assert_eq!(
        message,
        format!("{}: the rate card text has 5,000,001 bytes; at most 5,000,000 are read", path.display())
    );
}

/// A line starts at each `p=` and at each `m=` after its line has a model, and a value other
/// than free text is at most 1,000 characters: a link of one 200,000-character provider and
/// 1,312 `m=` once opened 1,312 lines that each held a copy of the name (620 MB at once).
#[test]
fn link_lines_count_second_models_and_long_values_are_refused() {
    use ratecard::rating::limits::{LINK_VALUE_CHARS, link_lines};
    assert_eq!(link_lines("p=a&m=x&m=y&p=b&m=z"), 3);
    assert_eq!(link_lines("#m=x&p=a&in=1&m=x"), 1);
    let long = "x".repeat(200_000);
    let link = format!("p={long}{}", "&m=image-style-transfer".repeat(1_312));
    let decoded = ratecard::share::link::decode(&link, None);
    assert!(decoded.estimate.lines.len() <= 1_312);
    assert!(decoded.estimate.lines.iter().all(|l| l.provider.len() <= LINK_VALUE_CHARS), "the name is not copied");
    let said: Vec<String> = decoded.problems.iter().map(ToString::to_string).collect();
    assert!(said.iter().any(|p| p.contains("link value has 200,000 characters")), "{said:?}");
    // A label may be long: it is free text and is never copied to other lines.
    let label = format!("p=tencent-tokenhub&m=GLM-5&lb={}", "y".repeat(5_000));
    assert_eq!(
        ratecard::share::link::decode(&label, None).estimate.lines[0].label.as_deref().map(str::len),
        Some(5_000)
    );
}
