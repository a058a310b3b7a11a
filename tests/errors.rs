//! Bad input: every error class is a one-line message naming the line, the model and the field;
//! a bad line never stops the others from being priced; nothing panics.

use ratecard::native::{embedded_catalog, parse_estimate_json};
use ratecard::rating::catalog;
use ratecard::rating::{ErrorKind, QuoteError, quote};
use serde_json::json;

/// Quotes `doc` and returns its first error.
fn first_error(doc: serde_json::Value) -> QuoteError {
    let catalog = embedded_catalog().unwrap();
    let estimate = match parse_estimate_json(&doc.to_string()) {
        Ok(e) => e,
        Err(e) => return e,
    };
    quote(&catalog, &estimate).strict().expect_err("the estimate should be rejected")
}

fn line(fields: serde_json::Value) -> serde_json::Value {
    json!({ "version": 1, "lines": [fields] })
}

fn check(doc: serde_json::Value, kind: ErrorKind, text: &str) {
    let e = first_error(doc);
    let shown = e.to_string();
    assert_eq!(e.kind(), kind, "{shown}");
    assert_eq!(shown, text);
    assert!(!shown.contains('\n'));
}

const GLM: &str = "tencent-tokenhub";

#[test]
fn parse_errors() {
    let e = parse_estimate_json("{\"version\": 1, \"lines\": [").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Parse);
    assert!(e.to_string().starts_with("not valid JSON: "), "{e}");
    check(
        json!({ "version": 1, "lines": [{ "provider": GLM, "model": "GLM-5", "input_token": 5 }] }),
        ErrorKind::UnknownField,
        "line 1: input_token: unknown field \"input_token\" (did you mean \"input_tokens\"?)",
    );
    check(
        line(json!({ "provider": GLM, "model": "GLM-5", "requests": "lots" })),
        ErrorKind::NotANumber,
        "line 1: requests: string \"lots\", expected a number or a decimal string",
    );
    check(
        json!({ "currency": "EUR", "lines": [] }),
        ErrorKind::Parse,
        "currency: unknown currency \"EUR\": use \"USD\" or \"CNY\"",
    );
}

#[test]
fn catalog_lookup_errors() {
    check(
        line(json!({ "provider": "tencent-tokenhb", "model": "GLM-5" })),
        ErrorKind::UnknownProvider,
        "line 1: provider: unknown provider \"tencent-tokenhb\" (did you mean \"tencent-tokenhub\"?)",
    );
    check(
        line(json!({ "provider": GLM, "model": "GLM-6", "requests": 1, "input_tokens": 1 })),
        ErrorKind::UnknownModel,
        "line 1: model: Tencent Cloud TokenHub has no model \"GLM-6\" (did you mean \"GLM-5\"?)",
    );
}

#[test]
fn field_errors() {
    check(
        line(json!({ "provider": GLM, "model": "GLM-5", "requests": 10 })),
        ErrorKind::MissingField,
        "line 1 (GLM-5): input_tokens: missing: GLM-5 needs input_tokens per request",
    );
    check(
        line(json!({ "provider": GLM, "model": "GLM-5", "requests": 10, "input_tokens": 5, "images": 3 })),
        ErrorKind::UnusedField,
        "line 1 (GLM-5): images: not used by GLM-5: it is priced by tokens",
    );
    check(
        line(
            json!({ "provider": GLM, "model": "Deepseek-v3.2", "requests": 1, "input_tokens": 5, "cached_tokens": 3 }),
        ),
        ErrorKind::UnusedField,
        "line 1 (Deepseek-v3.2): cached_tokens: not used by Deepseek-v3.2: it is priced by tokens",
    );
    check(
        line(json!({ "provider": GLM, "model": "GLM-5", "requests": -10, "input_tokens": 5 })),
        ErrorKind::Negative,
        "line 1 (GLM-5): requests: -10 is negative",
    );
    check(
        line(json!({ "provider": GLM, "model": "GLM-5", "requests": "2.5", "input_tokens": 5 })),
        ErrorKind::NotWhole,
        "line 1 (GLM-5): requests: 2.5 is not a whole number",
    );
    check(
        line(json!({ "provider": GLM, "model": "GLM-5", "requests": "1e15", "input_tokens": 5 })),
        ErrorKind::TooLarge,
        "line 1 (GLM-5): requests: 1,000,000,000,000,000 is above the limit of 1,000,000,000,000",
    );
}

#[test]
fn model_rule_errors() {
    check(
        line(json!({ "provider": GLM, "model": "HY 2.0 Think", "requests": 1, "input_tokens": 128001 })),
        ErrorKind::AboveLargestTier,
        "line 1 (HY 2.0 Think): input_tokens: 128,001 tokens per request is above HY 2.0 Think's largest tier: input may be at most 128,000 tokens",
    );
    check(
        line(json!({ "provider": GLM, "model": "YT-Video-2.0", "calls": 1, "resolution": "4k" })),
        ErrorKind::UnknownResolution,
        "line 1 (YT-Video-2.0): resolution: YT-Video-2.0 has no \"4k\" price; choose one of 480p, 720p, 1080p",
    );
    check(
        line(json!({ "provider": GLM, "model": "HY-3D-3.0", "calls": 1, "credits": 70 })),
        ErrorKind::OutOfRange,
        "line 1 (HY-3D-3.0): credits: 70 is outside HY-3D-3.0's range of 15 to 60 credits per call",
    );
    check(
        line(json!({ "provider": GLM, "model": "YT-Video-FX", "calls": 1, "template": "dance" })),
        ErrorKind::PriceNeeded,
        "line 1 (YT-Video-FX): credits: YT-Video-FX does not publish its credits per call: enter credits",
    );
    check(
        line(json!({ "provider": "ucloud-modelverse", "model": "Fine-tuning", "hours": 3 })),
        ErrorKind::PriceNeeded,
        "line 1 (Fine-tuning): unit_price: Fine-tuning does not publish its price: enter unit_price (CNY per hour)",
    );
    // A model with entered prices takes cached tokens, and then asks for their price.
    check(
        line(json!({ "provider": "tencent-tokenhub-intl", "model": "Language model", "requests": 1,
                     "input_tokens": 10, "cached_tokens": 4, "output_tokens": 1,
                     "prices": { "input_per_1m": "1", "output_per_1m": "2" } })),
        ErrorKind::PriceNeeded,
        "line 1 (Language model): prices.cache_hit_per_1m: Language model does not publish this price: enter prices.cache_hit_per_1m (USD per 1M tokens)",
    );
    check(
        line(json!({ "provider": GLM, "model": "GLM-5", "requests": 1, "input_tokens": 10, "cached_tokens": 20 })),
        ErrorKind::Inconsistent,
        "line 1 (GLM-5): cached_tokens: cached and other special input tokens (20) exceed input_tokens (10); they are parts of it",
    );
    check(
        line(
            json!({ "provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": 1, "packages": [{ "size": 5000 }] }),
        ),
        ErrorKind::UnknownPackage,
        "line 1 (Image Style Transfer): packages[0].size: Image Style Transfer has no package of 5,000; sizes: 1,000, 10,000, 100,000, 1,000,000, 10,000,000",
    );
}

#[test]
fn setting_errors() {
    check(
        json!({ "version": 2, "lines": [] }),
        ErrorKind::BadSetting,
        "version: version 2 is not supported; this Ratecard reads version 1",
    );
    check(
        json!({ "discounts": { "channel": "1.2" }, "lines": [] }),
        ErrorKind::BadSetting,
        "discounts.channel: 1.2 is not a discount multiplier: give a number above 0 and at most 1 (0.9 means 10% off)",
    );
    check(
        json!({ "usd_cny": "0", "lines": [] }),
        ErrorKind::BadSetting,
        "usd_cny: 0 is not a usable rate: give CNY per USD, above 0 and at most 1000 (e.g. 7.3); using 7.3",
    );
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    let card = json!({
        "provider": "huge", "name": "Huge", "currency": "USD", "source": "x", "as_of": "2026-01-01",
        "models": [{ "name": "Big", "kind": "image", "per_image": "79228162514264337593543950335" }]
    });
    let raw = catalog::parse_card("huge.json", || &card).unwrap();
    let cat = catalog::build(vec![("huge.json".into(), raw)]).unwrap();
    let est =
        parse_estimate_json(&line(json!({ "provider": "huge", "model": "Big", "images": 10 })).to_string()).unwrap();
    let e = quote(&cat, &est).strict().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Overflow);
    assert_eq!(e.to_string(), "line 1 (Big): the result is too large to compute exactly");
}

#[test]
fn a_bad_line_leaves_the_others_priced() {
    let catalog = embedded_catalog().unwrap();
    let doc = json!({ "version": 1, "lines": [
        { "provider": GLM, "model": "HY-Image-Lite", "images": 100 },
        { "provider": GLM, "model": "GLM-5", "requests": "abc1", "input_tokens": 1 },
    ]});
    // A value that is not a number fails the whole document at parse time ...
    assert!(parse_estimate_json(&doc.to_string()).is_err());
    // ... but a line that parses and breaks a rule is reported while the rest is priced.
    let doc = json!({ "version": 1, "lines": [
        { "provider": GLM, "model": "HY-Image-Lite", "images": 100 },
        { "provider": GLM, "model": "GLM-5", "requests": -1, "input_tokens": 1 },
        { "provider": GLM, "model": "HY-Image-Lite", "images": 100 },
    ]});
    let b = quote(&catalog, &parse_estimate_json(&doc.to_string()).unwrap());
    assert_eq!(b.lines.len(), 2);
    assert_eq!(b.total.amount(), rust_decimal::Decimal::new(198, 1)); // 2 x 100 x 0.099
    assert_eq!(b.errors.len(), 1);
    assert_eq!((b.errors[0].line, b.errors[0].field.as_str()), (Some(2), "requests"));
}

#[test]
fn json_numbers_are_read_exactly_not_through_binary_floating_point() {
    // 7.123456789012345678 has more digits than a binary double holds: read through one, it was
    // 7.123456789012346. The channel multiple has 21 decimal places, and the user multiple is one
    // serde_json hands over as a double (its text is the double's shortest form).
    let text = r#"{"version": 1, "usd_cny": 7.123456789012345678, "discounts": {"channel": 0.123456789012345678901, "user": 0.95},
        "lines": [{"provider": "tencent-tokenhub", "model": "GLM-5", "requests": 3, "input_tokens": 1000}]}"#;
    let e = parse_estimate_json(text).expect("the estimate reads");
    assert_eq!(e.usd_cny.map(|d| d.to_string()).as_deref(), Some("7.123456789012345678"));
    let channel = e.discounts.as_ref().and_then(|d| d.channel).map(|d| d.to_string());
    assert_eq!(channel.as_deref(), Some("0.123456789012345678901"));
    let user = e.discounts.as_ref().and_then(|d| d.user).map(|d| d.to_string());
    assert_eq!(user.as_deref(), Some("0.95"));
    // 28 decimal places are the most a decimal holds, and are read as written.
    let e = parse_estimate_json(r#"{"version": 1, "usd_cny": 7.0000000000000000000000000001, "lines": []}"#)
        .expect("reads");
    assert_eq!(e.usd_cny.map(|d| d.to_string()).as_deref(), Some("7.0000000000000000000000000001"));
}

#[test]
fn json_numbers_out_of_range_are_named() {
    let read = |requests: &str| {
        let text = format!(
            r#"{{"version": 1, "lines": [{{"provider": "tencent-tokenhub", "model": "GLM-5", "requests": {requests}}}]}}"#
        );
        parse_estimate_json(&text).expect_err("out of range").to_string()
    };
    let out = "out of range: a number here has at most 28 digits, and at most 28 after the point";
    assert_eq!(read("1e400"), format!("line 1: requests: {out}"));
    assert_eq!(read("1e-400"), format!("line 1: requests: {out}"));
    assert_eq!(read("79228162514264337593543950336"), format!("line 1: requests: {out}"));
    // A 29th decimal place is refused, not rounded away; 28 are read as written.
    assert_eq!(read("0.00000000000000000000000000001"), format!("line 1: requests: {out}"));
    assert_eq!(read("\"0.00000000000000000000000000001\""), format!("line 1: requests: {out}"));
    assert_eq!(read("\"1..2\""), "line 1: requests: string \"1..2\", expected a number or a decimal string");
}

#[test]
fn an_estimate_and_its_lines_are_objects() {
    let read = |text: &str| parse_estimate_json(text).expect_err("the estimate should be refused");
    let not_object = "an estimate is a JSON object with \"version\" and \"lines\", not an array";
    for text in ["[]", "[1]", "[{\"version\": 1}]"] {
        let e = read(text);
        assert_eq!((e.kind(), e.to_string()), (ErrorKind::Parse, not_object.to_string()), "{text}");
    }
    assert_eq!(
        read("\"lines\"").to_string(),
        "an estimate is a JSON object with \"version\" and \"lines\", not a string"
    );
    let e = read("{}");
    assert_eq!((e.kind(), e.field.as_str()), (ErrorKind::Parse, "lines"));
    assert_eq!(e.to_string(), "lines: missing: an estimate lists its lines here (\"lines\": [] for none)");
    assert_eq!(read(r#"{"version": 1}"#).to_string(), e.to_string());
    // An empty list is an explicit empty estimate.
    assert_eq!(parse_estimate_json(r#"{"version": 1, "lines": []}"#).map(|e| e.lines.len()), Ok(0));
    // A line written as an array is not read by position.
    let e = read(
        r#"{"version": 1, "lines": [{"provider": "tencent-tokenhub", "model": "GLM-5"}, ["tencent-tokenhub", "GLM-5"]]}"#,
    );
    assert_eq!((e.line, e.kind()), (Some(2), ErrorKind::Parse));
    assert_eq!(e.to_string(), "line 2: a line is an object with provider, model and usage fields, not an array");
    assert_eq!(
        read(r#"{"version": 1, "lines": ["GLM-5"]}"#).to_string(),
        "line 1: a line is an object with provider, model and usage fields, not a string"
    );
}

#[test]
fn valid_days_are_a_whole_number_from_1_to_3650() {
    let days = |v: serde_json::Value| json!({ "version": 1, "valid_days": v, "lines": [] });
    let says = "is not a number of days a quote can stay valid: give a whole number from 1 to 3650";
    check(days(json!("1e28")), ErrorKind::BadSetting, &format!("valid_days: 10000000000000000000000000000 {says}"));
    check(days(json!(0)), ErrorKind::BadSetting, &format!("valid_days: 0 {says}"));
    check(days(json!("2.5")), ErrorKind::BadSetting, &format!("valid_days: 2.5 {says}"));
    check(days(json!(3651)), ErrorKind::BadSetting, &format!("valid_days: 3651 {says}"));
    let catalog = embedded_catalog().unwrap();
    for ok in ["1", "30", "3650", "30.0"] {
        let est = parse_estimate_json(&days(json!(ok)).to_string()).unwrap();
        assert!(quote(&catalog, &est).errors.is_empty(), "{ok}");
    }
}

#[test]
fn wrong_types_are_named_in_serde_terms() {
    check(
        line(json!({ "provider": GLM, "model": "GLM-5", "requests": true })),
        ErrorKind::NotANumber,
        "line 1: requests: boolean `true`, expected a number or a decimal string",
    );
    check(
        line(json!({ "provider": GLM, "model": "GLM-5", "free_trial": "yes" })),
        ErrorKind::Parse,
        "line 1: free_trial: string \"yes\", expected a boolean",
    );
    check(
        json!({ "version": "one", "lines": [] }),
        ErrorKind::Parse,
        "version: string \"one\", expected a whole number",
    );
    check(line(json!({ "model": "GLM-5" })), ErrorKind::Parse, "line 1: missing field `provider`");
}
