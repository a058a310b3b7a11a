//! The `ratecard` command: quotes, JSON output, listings, plans, and exit status 2 with one line on
//! stderr for bad input.

use std::process::Output;

mod common;
use common::ratecard;

const SEED_002: &str = r#"{ "version": 1, "lines": [ { "provider": "hunyuan-image-global",
    "model": "Image Style Transfer", "images": 10000, "free_remaining": 50 } ] }"#;

#[test]
fn quote_json_prints_exact_decimal_strings() {
    let out = ratecard(&["quote", "--json", "-"], Some(SEED_002));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["total"], "796.00");
    assert_eq!(v["total_rounded"], "796.00");
    assert_eq!(v["lines"][0]["total"], "796.00");
    assert_eq!(v["year"]["months"].as_array().map(Vec::len), Some(12));
    // Seed 002: the 50 free are used in month 1, so month 2 is typical: its 10,000 post-paid
    // calls fall in [10,000, 100,000) at 0.06, 600 USD. Year: 796 + 11 x 600 = 7,396 USD.
    assert_eq!(v["typical_month"]["month"], 2);
    assert_eq!(v["typical_month"]["reached"], true);
    assert_eq!(v["typical_month"]["total"], "600.00");
    assert_eq!(v["typical_month"]["total_rounded"], "600.00");
    assert_eq!(v["year"]["total"], "7396.00");
}

#[test]
fn quote_jsonl_prints_a_line_per_object_then_the_totals() {
    let two = r#"{ "version": 1, "lines": [ { "provider": "hunyuan-image-global",
        "model": "Image Style Transfer", "images": 10000, "free_remaining": 50 },
        { "provider": "gateway", "model": "FLUX1.1 [pro]", "images": 250 } ] }"#;
    let out = ratecard(&["quote", "--jsonl", "-"], Some(two));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3, "{text}");
    // Seed 002 example 1, then 250 x 0.04 = 10 USD (FLUX1.1 [pro] on the gateway).
    assert_eq!((rows[0]["line"].clone(), rows[0]["total"].clone()), (1.into(), "796.00".into()));
    assert_eq!((rows[1]["line"].clone(), rows[1]["total"].clone()), (2.into(), "10.00".into()));
    let totals = &rows[2];
    assert!(totals.get("lines").is_none(), "{totals}");
    assert_eq!(totals["total"], "806.00");
    // Month 2 on: 10,000 x 0.06 + 10 = 610 USD; year 806 + 11 x 610 = 7,516 USD.
    assert_eq!(totals["typical_month"]["month"], 2);
    assert_eq!(totals["typical_month"]["total"], "610.00");
    assert_eq!(totals["year"]["total"], "7516.00");
    // The same lines as --json, object for object.
    let out = ratecard(&["quote", "--json", "-"], Some(two));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["lines"][0], rows[0]);
    assert_eq!(v["lines"][1], rows[1]);
    // --totals prints the last record alone.
    let out = ratecard(&["quote", "--totals", "-"], Some(two));
    let only: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(&only, totals);
}

#[test]
fn quote_prints_a_readable_table() {
    let out = ratecard(&["quote", "-"], Some(SEED_002));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("#1 Tencent HY Image Global / Image Style Transfer"), "{text}");
    assert!(text.contains("billable 9,950 at 0.08 USD per image = 796.00 USD"), "{text}");
    assert!(text.contains("Total, first month: 796.00 USD"), "{text}");
    // 10,000 x 0.06 = 600 USD from month 2; 796 + 11 x 600 = 7,396 USD a year.
    assert!(text.contains("Total, typical month (month 2): 600.00 USD"), "{text}");
    assert!(text.contains("Total, 12 months: 7,396.00 USD"), "{text}");
}

/// Two lines, a channel discount of 0.9, USD converted to CNY at the default 7.3.
const TWO_LINES: &str = r#"{ "version": 1, "currency": "CNY", "discounts": { "channel": "0.9" }, "lines": [
    { "provider": "tencent-tokenhub", "model": "GLM-5", "requests": 1000, "input_tokens": 1000,
      "output_tokens": 500, "free_trial": false },
    { "provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": 10000, "free_remaining": 50 } ] }"#;

#[test]
fn quote_prints_the_table_in_chinese() {
    let out = ratecard(&["quote", "--lang", "zh", "-"], Some(TWO_LINES));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    // GLM-5: 1,000 requests x 1,000 input tokens = 1M at 4 CNY per 1M = 4; 0.5M output at 18 = 9;
    // 13 less 10% = 11.70 (the discount is -1.30).
    assert!(
        text.contains("   输入 tokens\n      1,000,000 tokens；计费 1,000,000，单价 4 CNY / 百万 tokens = 4.00 CNY"),
        "{text}"
    );
    assert!(text.contains("500,000 tokens；计费 500,000，单价 18 CNY / 百万 tokens = 9.00 CNY"), "{text}");
    assert!(text.contains("   渠道折扣 ×0.9：-1.30 CNY\n"), "{text}");
    assert!(text.contains("   备注：本行不使用免费额度\n   小计：11.70 CNY\n"), "{text}");
    // 10,000 images less 50 free = 9,950 at 0.08 USD = 796 USD; less 10% = 716.40 USD, x 7.3 =
    // 5,229.72 CNY. The month is 11.70 + 5,229.72 = 5,241.42 CNY.
    assert!(
        text.contains(
            "   图片（10,000 张图片）\n      10,000 张，免费 50；计费 9,950，单价 0.08 USD / 张 = 796.00 USD"
        ),
        "{text}"
    );
    assert!(text.contains("免费额度：免费资源包（来源未公布额度）：已用 50 / 50 张（剩余 0）"), "{text}");
    assert!(text.contains("   小计：716.40 USD = 5,229.72 CNY\n"), "{text}");
    assert!(text.contains("\n首月合计：5,241.42 CNY\n"), "{text}");
    // From month 2 the free 50 are gone: 10,000 x 0.06 = 600 USD, less 10% = 540 USD x 7.3 =
    // 3,942 CNY, plus GLM-5's 11.70 = 3,953.70 CNY; the year 5,241.42 + 11 x 3,953.70 = 48,732.12.
    assert!(text.contains("\n典型月份合计（第 2 个月）：3,953.70 CNY\n"), "{text}");
    assert!(text.contains("\n12 个月合计：48,732.12 CNY\n"), "{text}");
    // No English word of the table's frame is left.
    for word in ["billable", "tier", "free", "note", "line total", "Total", "Images", "Input"] {
        assert!(!text.contains(word), "{word:?} in {text}");
    }
    let out = ratecard(&["quote", "--lang", "en", "-"], Some(TWO_LINES));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("   channel discount x0.9: -1.30 CNY\n"), "{text}");
    assert!(text.contains("\nTotal, first month: 5,241.42 CNY\n"), "{text}");
    let out = ratecard(&["quote", "--lang", "fr", "-"], Some(TWO_LINES));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn markdown_and_csv_in_chinese() {
    let out = ratecard(&["quote", "--markdown", "--lang", "zh", "-"], Some(TWO_LINES));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("| # | 模型 | 用量 | 金额 |"), "{md}");
    assert!(
        md.contains("| 1 | Tencent Cloud TokenHub / GLM-5 | 输入 tokens：1,000,000 tokens；输出 tokens：500,000 tokens | 11.70 CNY |"),
        "{md}"
    );
    assert!(
        md.contains("| 2 | Tencent HY Image Global / Image Style Transfer | 图片：10,000 张 | 5,229.72 CNY |"),
        "{md}"
    );
    assert!(md.contains("| | **首月合计** | | **5,241.42 CNY** |"), "{md}");
    let out = ratecard(&["quote", "--csv", "--lang", "zh", "-"], Some(TWO_LINES));
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("line,provider,model,label,item,quantity"), "{csv}");
    // Amounts are exact decimal strings; compare their values.
    let amount = |row: &str| row.rsplit(',').next().and_then(|a| a.parse::<rust_decimal::Decimal>().ok());
    assert!(rows[3].contains(",渠道折扣 ×0.9,"), "{csv}");
    assert!(rows[4].contains(",小计,"), "{csv}");
    assert_eq!(amount(rows[4]), Some(rust_decimal::Decimal::new(1170, 2)));
    // 796 USD x 7.3 = 5,810.80 CNY before the discount.
    assert!(rows[5].contains(",图片,10000,张,50,0,9950,0.08,/ 张,\"[0, 10,000)\",USD,796.00,CNY,"), "{csv}");
    assert_eq!(amount(rows[5]), Some(rust_decimal::Decimal::new(581_080, 2)));
    let first = rows.iter().find(|r| r.contains(",首月合计,")).unwrap();
    assert_eq!(amount(first), Some(rust_decimal::Decimal::new(524_142, 2)));
}

#[test]
fn bad_input_exits_2_with_one_line() {
    for (args, stdin) in [
        (vec!["quote", "-"], Some("{ not json")),
        (vec!["quote", "-"], Some(r#"{"lines":[{"provider":"x","model":"y"}]}"#)),
        (vec!["quote", "/no/such/file.json"], None),
        (vec!["frobnicate"], None),
        (vec!["plan", "--provider", "hunyuan-image-global"], None),
    ] {
        let out = ratecard(&args, stdin);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("ratecard: "), "{err}");
    }
}

#[test]
fn an_estimate_that_is_not_an_object_or_lists_no_lines_is_refused_not_priced_at_0() {
    let not_object = "ratecard: an estimate is a JSON object with \"version\" and \"lines\", not an array";
    for (stdin, says) in [
        ("[]", not_object),
        ("[1]", not_object),
        ("{}", "ratecard: lines: missing: an estimate lists its lines here (\"lines\": [] for none)"),
        (
            r#"{"version": 1, "lines": [{"provider": "tencent-tokenhub", "model": "GLM-5", "requests": 1, "input_tokens": 1},
                ["tencent-tokenhub", "GLM-5"]]}"#,
            "ratecard: line 2: a line is an object with provider, model and usage fields, not an array",
        ),
        (
            r#"{"version": 1, "valid_days": 10000000000000000000000000000, "lines": []}"#,
            "ratecard: valid_days: 10000000000000000000000000000 is not a number of days a quote can stay valid: give a whole number from 1 to 3650",
        ),
    ] {
        let out = ratecard(&["quote", "-"], Some(stdin));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stdin}: {err}");
        assert_eq!(err.trim_end(), says, "{stdin}");
    }
    // An explicit empty list is an empty estimate.
    let out = ratecard(&["quote", "--json", "-"], Some(r#"{"version": 1, "lines": []}"#));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn models_lists_the_catalog() {
    let out = ratecard(&["models", "--provider", "ucloud-modelverse"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ERNIE-4.5-Turbo-128K") && text.contains("in 0.8 / out 0.32 CNY per 1K tokens"), "{text}");
    let out = ratecard(&["models", "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(59));
}

#[test]
fn plan_finds_the_seed_002_package_mix() {
    let out = ratecard(
        &[
            "plan",
            "--provider",
            "hunyuan-image-global",
            "--model",
            "Image Style Transfer",
            "--yearly",
            "30000",
            "--json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["packages"], serde_json::json!([{ "size": 10000, "count": 3, "price": "550" }]));
    assert_eq!(v["total"], "1650");
    // 2,500 a month post-paid would cost 2,500 x 0.08 x 12 = 2,400.
    assert_eq!(v["all_postpaid"], "2400.00");
}

#[test]
fn tokens_estimates_text() {
    let out = ratecard(&["tokens", "Hello, brave world!"], None);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("4 tokens"));
}

#[test]
fn exports_csv_and_markdown() {
    let out = ratecard(&["quote", "--csv", "-"], Some(SEED_002));
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("line,provider,model,label,item,quantity"), "{csv}");
    assert_eq!(
        rows[1],
        "1,hunyuan-image-global,Image Style Transfer,,Images,10000,images,50,0,9950,0.08,per image,\"[0, 10,000)\",USD,796.00,USD,796.00"
    );
    let [month, typical, year] = &rows[rows.len() - 3..] else { unreachable!() };
    assert!(month.ends_with(",\"Total, first month\",,,,,,,,,,,USD,796.00"), "{csv}");
    // Month 2 on: 10,000 x 0.06 = 600 USD; the year 796 + 11 x 600 = 7,396 USD.
    assert!(typical.ends_with(",\"Total, typical month (month 2)\",,,,,,,,,,,USD,600.00"), "{csv}");
    assert!(year.ends_with(",\"Total, 12 months\",,,,,,,,,,,USD,7396.00"), "{csv}");
    let out = ratecard(&["quote", "--markdown", "-"], Some(SEED_002));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("| | **Total, first month** | | **796.00 USD** |"), "{md}");
    assert!(md.contains("| | Total, typical month (month 2) | | 600.00 USD |"), "{md}");
    assert!(md.contains("| | Total, 12 months | | 7,396.00 USD |"), "{md}");
}

#[test]
fn link_prints_a_fragment_that_reads_back() {
    let out = ratecard(&["link", "-"], Some(SEED_002));
    let link = String::from_utf8(out.stdout).unwrap();
    assert!(link.starts_with("#v=1&cat="), "{link}");
    assert!(link.contains("&p=hunyuan-image-global&m=image-style-transfer&img=10000&free=50&z="), "{link}");
    let back = ratecard::share::link::decode(link.trim(), None);
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.estimate.lines[0].images, Some(rust_decimal::Decimal::from(10_000)));
}

#[test]
fn quote_with_a_host_catalog_prices_its_cards_and_rejects_a_broken_one() {
    let estimate = r#"{ "version": 1, "lines": [ { "provider": "acme-ai", "model": "Acme-1",
        "requests": 1000, "input_tokens": 2000, "output_tokens": 500 } ] }"#;
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/e2e/fixtures/host-card.json");
    let out = ratecard(&["quote", "--json", "--catalog", good, "-"], Some(estimate));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 2M input tokens x 1.5 USD/1M + 0.5M output x 6 USD/1M = 3 + 3 = 6 USD.
    assert_eq!(v["total_rounded"], "6.00");
    assert_eq!(v["currency"], "USD");

    let broken = concat!(env!("CARGO_MANIFEST_DIR"), "/e2e/fixtures/broken-card.json");
    let out = ratecard(&["quote", "--catalog", broken, "-"], Some(estimate));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("model \"Acme-1\": colour: unknown field \"colour\""), "{err}");

    // Without the host card the provider is unknown.
    let out = ratecard(&["quote", "-"], Some(estimate));
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn link_writes_the_view_it_is_given_and_names_an_unknown_one() {
    let estimate =
        r#"{ "version": 1, "lines": [ { "provider": "tencent-tokenhub", "model": "GLM-5", "requests": 1 } ] }"#;
    let out = ratecard(&["link", "--view", "quote", "-"], Some(estimate));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let link = String::from_utf8(out.stdout).unwrap();
    assert!(link.starts_with("#v=1&cat=") && link.contains("&view=quote&p=tencent-tokenhub&m=glm-5&rq=1&z="), "{link}");
    let out = ratecard(&["link", "--view", "quotes", "-"], Some(estimate));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim(),
        "ratecard: --view: unknown view \"quotes\" (known: discounts, breakdown, quote, curve, trial, concurrency, runway, usage)"
    );
}

/// Editors on Windows often save UTF-8 with a byte-order mark; estimates and cards read all the
/// same.
#[test]
fn a_byte_order_mark_is_not_an_error() {
    let out = ratecard(&["quote", "--json", "-"], Some(&format!("\u{feff}{SEED_002}")));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Seed 002, example 1: (10,000 - 50 free) x 0.08 USD = 796.00 USD.
    assert_eq!(v["total"], "796.00");

    let dir = std::env::temp_dir().join(format!("ratecard-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let card = dir.join("host-card.json");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/e2e/fixtures/host-card.json")).unwrap();
    std::fs::write(&card, format!("\u{feff}{text}")).unwrap();
    let estimate = r#"{ "version": 1, "lines": [ { "provider": "acme-ai", "model": "Acme-1",
        "requests": 1000, "input_tokens": 2000, "output_tokens": 500 } ] }"#;
    let out = ratecard(&["quote", "--json", "--catalog", card.to_str().unwrap(), "-"], Some(estimate));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 2M input tokens x 1.5 USD/1M + 0.5M output x 6 USD/1M = 6 USD.
    assert_eq!(v["total_rounded"], "6.00");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A link made with a host catalog carries the version of the embedded cards with the host's,
/// not the embedded catalog's alone.
#[test]
fn link_with_a_host_catalog_names_that_catalog() {
    let cat = |out: Output| {
        let text = String::from_utf8(out.stdout).unwrap();
        text.trim().trim_start_matches('#').split('&').find_map(|kv| kv.strip_prefix("cat=")).unwrap().to_string()
    };
    let estimate = r#"{ "version": 1, "lines": [ { "provider": "acme-ai", "model": "Acme-1",
        "requests": 1000, "input_tokens": 2000, "output_tokens": 500 } ] }"#;
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/e2e/fixtures/host-card.json");
    let with_host = cat(ratecard(&["link", "--catalog", good, "-"], Some(estimate)));
    let embedded = cat(ratecard(&["link", "-"], Some(SEED_002)));
    assert_eq!(embedded, ratecard::CATALOG_VERSION);
    assert_ne!(with_host, embedded);
    assert_eq!(with_host.len(), 8);
}

/// A file is read through a buffer (a large estimate's text is not held whole); what it refuses,
/// and the message, are those of the same text on stdin.
#[test]
fn an_estimate_file_reads_like_stdin() {
    let dir = std::env::temp_dir().join(format!("ratecard-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in [
        ("trailing.json", r#"{ "lines": [] } x"#),
        ("typo.json", r#"{ "lines": [ { "provider": "gateway", "modle": "FLUX1.1 [pro]" } ] }"#),
        ("syntax.json", "{ \"lines\": [\n  { ]"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let from_file = ratecard(&["quote", path.to_str().unwrap()], None);
        let from_stdin = ratecard(&["quote", "-"], Some(text));
        assert_eq!(from_file.status.code(), Some(2), "{name}");
        assert_eq!(from_file.stderr, from_stdin.stderr, "{name}");
    }
    let path = dir.join("seed002.json");
    std::fs::write(&path, SEED_002).unwrap();
    let out = ratecard(&["quote", "--json", path.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Seed 002, example 1: (10,000 - 50) x 0.08 = 796 USD.
    assert_eq!(v["total"], "796.00");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The bulk path: for every golden scenario that prices without errors, what `quote --json`
/// streams line by line is the document the JSON export builds whole (`breakdown_value`), and
/// `--jsonl` carries the same lines and totals.
#[test]
fn streamed_json_is_the_export_s_breakdown_for_every_golden_scenario() {
    let catalog = ratecard::native::embedded_catalog().unwrap();
    let mut compared = 0;
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden")).unwrap() {
        let path = entry.unwrap().path();
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text = doc["estimate"].to_string();
        let estimate = ratecard::native::parse_estimate_json(&text).unwrap();
        let breakdown = ratecard::rating::quote(&catalog, &estimate);
        if !breakdown.errors.is_empty() {
            continue;
        }
        let whole =
            ratecard::share::export::breakdown_value(&breakdown, &ratecard::rating::project(&catalog, &estimate));
        let out = ratecard(&["quote", "--json", "-"], Some(&text));
        let streamed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(streamed, whole, "{}", path.display());
        let out = ratecard(&["quote", "--jsonl", "-"], Some(&text));
        let rows: Vec<serde_json::Value> =
            String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let (totals, lines) = rows.split_last().unwrap();
        assert_eq!(lines, whole["lines"].as_array().unwrap().as_slice(), "{}", path.display());
        assert_eq!(totals["total"], whole["total"], "{}", path.display());
        assert_eq!(totals["year"], whole["year"], "{}", path.display());
        compared += 1;
    }
    assert!(compared >= 25, "compared {compared} scenarios");
}

#[test]
fn csv_states_the_customer_date_and_validity() {
    let doc = r#"{ "version": 1, "customer": "ACME", "valid_days": 14, "lines": [
        { "provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": 10000, "free_remaining": 50 } ] }"#;
    let out = ratecard(&["quote", "--csv", "--date", "2026-12-20", "-"], Some(doc));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[1], ",,,,Customer: ACME,,,,,,,,,,,,");
    assert_eq!(rows[2], ",,,,Date: 2026-12-20,,,,,,,,,,,,");
    // 2026-12-20 + 14 days crosses the year.
    assert_eq!(rows[3], ",,,,Valid until: 2027-01-03 (14 days),,,,,,,,,,,,");
    let out = ratecard(&["quote", "--csv", "--date", "soon", "-"], Some(doc));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--date: \"soon\" is not a date YYYY-MM-DD"));
}
