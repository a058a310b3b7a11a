//! The decision tools' subcommands (`curve`, `plan`, `concurrency`, `runway`, `trial`, `usage`): their
//! output for hand-worked cases, and exit status 2 with one line on stderr for bad input.

use std::process::Output;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

mod common;
use common::ratecard;

fn stdout(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap()).unwrap()
}

fn images(n: u64) -> String {
    format!(
        r#"{{"version": 1, "lines": [{{"provider": "hunyuan-image-global", "model": "Image Style Transfer", "images": {n}, "free_trial": false}}]}}"#
    )
}

const MODEL: [&str; 4] = ["--provider", "hunyuan-image-global", "--model", "Image Style Transfer"];

#[test]
fn curve_json_marks_the_tier_bound() {
    let out = stdout(&ratecard(&["curve", "-", "--line", "1", "--points", "4", "--json"], Some(&images(9_990))));
    let v: Value = serde_json::from_str(&out).unwrap();
    // 19,980 x 0.06 = 1,198.80; the tier [10,000, 100,000) starts at 10,000: 10,000 x 0.06 = 600.
    assert_eq!(dec(&v["points"][2]["line_total"]), Decimal::new(119_880, 2));
    let tier = v["marks"].as_array().unwrap().iter().find(|m| m["kind"] == "tier_bound").unwrap();
    assert_eq!(dec(&tier["point"]["quantity"]), Decimal::from(10_000));
    assert_eq!(dec(&tier["point"]["line_total"]), Decimal::from(600));
}

#[test]
fn plan_json_keeps_its_keys_and_adds_break_evens() {
    let args = [&["plan"][..], &MODEL, &["--yearly", "30000", "--channel", "0.9", "--json"]].concat();
    let v: Value = serde_json::from_str(&stdout(&ratecard(&args, None))).unwrap();
    // 3 x 550 = 1,650 against 30,000 x 0.08 x 0.9 = 2,160; the 10,000 package pays off above
    // 550 / 0.072 = 7,638.9 -> 7,638 images a year.
    assert_eq!(v["packages"][0]["count"], 3);
    assert_eq!(dec(&v["total"]), Decimal::from(1_650));
    assert_eq!(dec(&v["all_postpaid"]), Decimal::from(2_160));
    assert_eq!(dec(&v["saving"]), Decimal::from(510));
    assert_eq!(v["break_evens"][1]["pays_off_above"], 7_638);
}

#[test]
fn concurrency_and_runway_tables() {
    let args = [&["concurrency"][..], &MODEL, &["--per-minute", "30", "--seconds", "20", "--days", "10"]].concat();
    let out = stdout(&ratecard(&args, None));
    // 30 / 60 x 20 = 10 in flight; 7 add-ons; 7 x 200 x 10 = 14,000 against 7 x 4,000 = 28,000.
    assert!(out.contains("concurrency needed: 10 (3 included, 7 add-ons)"), "{out}");
    assert!(out.contains("daily 14,000.00 USD, monthly 28,000.00 USD: daily add-ons are cheaper"), "{out}");
    // 600 USD a month; 110 x 720 / 600 = 132 hours from 2026-12-01 00:00.
    let out = stdout(&ratecard(&["runway", "-", "--balance", "110", "--start", "2026-12-01"], Some(&images(10_000))));
    assert!(out.contains("post-paid stops: 2026-12-06 12:00 (after 132 hours)"), "{out}");
    assert!(out.contains("reminder:        2026-12-21 08:00"), "{out}");
    assert!(out.contains("deleted:         2026-12-21 12:00"), "{out}");
}

#[test]
fn usage_prices_csv_with_a_mapping_and_writes_the_estimate() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let csv = dir.join("usage.csv");
    let est = dir.join("usage-estimate.json");
    std::fs::write(&csv, "model,prompt_tokens,completion_tokens\nr1,1000,500\nr1,2000,100\n").unwrap();
    let (csv, est) = (csv.to_str().unwrap(), est.to_str().unwrap());
    let out = stdout(&ratecard(
        &["usage", csv, "--map", "r1=tencent-tokenhub/Deepseek-r1-0528", "--estimate-out", est, "--json"],
        None,
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    // 3,000 x 4 / 1M = 0.012; 600 x 16 / 1M = 0.0096; total 0.0216 CNY (no trial on this model).
    assert_eq!(v["records"], 2);
    assert_eq!(dec(&v["breakdown"]["total"]), Decimal::new(216, 4));
    // The written estimate quotes to the same total.
    let q: Value = serde_json::from_str(&stdout(&ratecard(&["quote", "--json", est], None))).unwrap();
    assert_eq!(dec(&q["total"]), Decimal::new(216, 4));
}

#[test]
fn usage_on_each_model_ranks_the_whole_traffic() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let csv = dir.join("usage-on.csv");
    std::fs::write(&csv, "model,prompt_tokens,completion_tokens\nr1,1000,500\nr1,2000,100\n").unwrap();
    let csv = csv.to_str().unwrap();
    let on = [
        "--on",
        "tencent-tokenhub/GLM-5",
        "--on",
        "tencent-tokenhub/Deepseek-r1-0528",
        "--on",
        "gateway/claude-sonnet-5-5",
    ];
    let mut args = vec!["usage", csv, "--json"];
    args.extend(on);
    let v: Value = serde_json::from_str(&stdout(&ratecard(&args, None))).unwrap();
    // Input 3,000, output 600, every record on each model whatever its name (r1 matches nothing),
    // free trials left out. Deepseek-r1-0528: 3,000 x 4 + 600 x 16 = 21,600 per 1M = 0.0216 CNY.
    // GLM-5 (first tier): 3,000 x 4 + 600 x 18 = 22,800 per 1M = 0.0228 CNY, +0.0012 (5.56%).
    // Claude Sonnet 5.5 by its id (per 1K): 3,000 x 0.002 + 600 x 0.01 = 12 per 1K = 0.012 USD
    // x 7.3 = 0.0876 CNY, +0.066 (305.56%).
    let ranked = v["on_each"]["ranked"].as_array().unwrap();
    let got: Vec<(&str, Decimal, Decimal)> =
        ranked.iter().map(|r| (r["model"].as_str().unwrap(), dec(&r["total"]), dec(&r["difference"]))).collect();
    assert_eq!(
        got,
        vec![
            ("Deepseek-r1-0528", Decimal::new(216, 4), Decimal::ZERO),
            ("GLM-5", Decimal::new(228, 4), Decimal::new(12, 4)),
            ("Claude Sonnet 5.5", Decimal::new(876, 4), Decimal::new(66, 3)),
        ]
    );
    assert_eq!(dec(&ranked[2]["card_total"]), Decimal::new(12, 3));
    assert!(dec(&ranked[1]["percent"]).to_string().starts_with("5.5555"));
    // The text table says the same, in the display currency with the rate noted.
    let mut args = vec!["usage", csv];
    args.extend(on);
    let text = stdout(&ratecard(&args, None));
    assert!(text.contains("All 2 records on 3 models, cheapest first"), "{text}");
    assert!(text.contains("converted at 1 USD = 7.3 CNY (default)"), "{text}");
    assert!(text.contains("+0.0012 CNY (+5.6%)"), "{text}");
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let no_such = "/no/such/file.json";
    for (args, stdin) in [
        (vec!["curve", "-", "--line", "2"], Some(images(10))),
        (vec!["curve", "-"], Some(images(10))),
        (vec!["runway", "-", "--balance", "10", "--start", "2026-02-30"], Some(images(10))),
        (vec!["runway", no_such, "--balance", "10"], None),
        (
            vec![
                "concurrency",
                "--provider",
                "hunyuan-image-global",
                "--model",
                "Image Style Transfer",
                "--seconds",
                "5",
            ],
            None,
        ),
        (
            vec![
                "plan",
                "--provider",
                "hunyuan-image-global",
                "--model",
                "Image Style Transfer",
                "--yearly",
                "1",
                "--user",
                "2",
            ],
            None,
        ),
        (vec!["usage", no_such], None),
        (vec!["usage", "x.csv", "--map", "nonsense"], None),
        (vec!["curve", "--frobnicate"], None),
        (vec!["trial", "-"], Some(images(10))),
        (vec!["trial", "-", "--start", "2026-13"], Some(INTL.to_string())),
    ] {
        let out = ratecard(&args, stdin.as_deref());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("ratecard: "), "{err}");
    }
}

#[test]
fn compare_ranks_a_link_s_models_and_never_adds_them_up() {
    // 1,000 requests of 2k input and 500 output tokens, no trial, in CNY at 7.3:
    // GLM-5 (seed 000) 2M x 4 / 1M + 0.5M x 18 / 1M = 17 CNY; kimi-k2.5 8 + 10.5 = 18.5 CNY;
    // Claude Sonnet 5.5 (seed 004 list price) 2,000 x 0.002 + 500 x 0.01 = 9 USD = 65.7 CNY.
    let link = "#cmp=1&cur=CNY&p=tencent-tokenhub&m=GLM-5&in=2k&out=500&rq=1,000&trial=0&m=kimi-k2.5&p=gateway&m=claude-sonnet-5-5";
    let v: Value = serde_json::from_str(&stdout(&ratecard(&["compare", link, "--json"], None))).unwrap();
    let ranked = v["ranked"].as_array().unwrap();
    let models: Vec<&str> = ranked.iter().map(|r| r["model"].as_str().unwrap()).collect();
    assert_eq!(models, ["GLM-5", "kimi-k2.5", "Claude Sonnet 5.5"]);
    let totals: Vec<Decimal> = ranked.iter().map(|r| dec(&r["total"])).collect();
    assert_eq!(totals, [Decimal::from(17), Decimal::new(185, 1), Decimal::new(657, 1)]);
    assert_eq!(dec(&ranked[2]["difference"]), Decimal::new(487, 1));
    assert!(v.get("total").is_none());
    let table = stdout(&ratecard(&["compare", link], None));
    assert!(table.contains("converted at 1 USD = 7.3 CNY (default)"), "{table}");
    assert!(table.contains("+1.50 CNY (+8.8%)"), "{table}");
    assert!(table.contains("65.70 CNY (9.00 USD)"), "{table}");
    let zh = stdout(&ratecard(&["compare", link, "--lang", "zh"], None));
    assert!(zh.contains("最便宜") && zh.contains("不相加"), "{zh}");
    // The same models from an estimate file on stdin give the same ranking.
    let est = r#"{"version": 1, "currency": "CNY", "lines": [
        {"provider": "gateway", "model": "Claude Sonnet 5.5", "requests": 1000, "input_tokens": 2000, "output_tokens": 500},
        {"provider": "tencent-tokenhub", "model": "GLM-5", "requests": 1000, "input_tokens": 2000, "output_tokens": 500, "free_trial": false}]}"#;
    let v: Value = serde_json::from_str(&stdout(&ratecard(&["compare", "-", "--json"], Some(est)))).unwrap();
    assert_eq!(v["ranked"][0]["model"], "GLM-5");
    assert_eq!(v["ranked"][1]["line"], 1);
    let none = ratecard(&["compare", "-"], Some(r#"{"version": 1, "lines": []}"#));
    assert_eq!(none.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&none.stderr).trim(), "ratecard: the estimate has no lines to compare");
}

/// Seed 003's trial: 1,000 requests of 300 input + 100 output tokens = 400,000 tokens a month
/// against 1,000,000 free for 90 days, at entered prices of 1 and 2 USD per 1M.
const INTL: &str = r#"{"lines": [{"provider": "tencent-tokenhub-intl", "model": "Language model",
    "requests": 1000, "input_tokens": 300, "output_tokens": 100,
    "prices": {"input_per_1m": "1", "output_per_1m": "2"}}]}"#;

#[test]
fn trial_horizon_table_and_json() {
    // The CLI's today is 2026-12-01 in the tests, so month 1 is 2026-12 and the trial is claimed
    // before 2026-12-31: 600,000 left, then 200,000, then 0 with 200,000 tokens post-paid,
    // 150,000 x 1 / 1M + 50,000 x 2 / 1M = 0.25 USD; the month after, 0.3 + 0.2 = 0.50 USD.
    let out = stdout(&ratecard(&["trial", "-"], Some(INTL)));
    assert!(out.contains("  2026-12 (month 1)            0.00 USD   600,000 tokens\n"), "{out}");
    assert!(out.contains("  2027-02 (month 3)            0.25 USD   0 tokens\n"), "{out}");
    assert!(out.contains("Trial ends: 2027-02 (month 3); the month after costs 0.50 USD."), "{out}");
    let json: Value = serde_json::from_str(&stdout(&ratecard(&["trial", "-", "--json"], Some(INTL)))).unwrap();
    assert_eq!((json["ends"].as_u64(), json["ends_calendar"].as_str()), (Some(3), Some("2027-02")));
    assert_eq!(dec(&json["months"][1]["quotas"][0]["left"]), Decimal::from(200_000));
    assert_eq!(dec(&json["after"]), Decimal::new(5, 1));
    // From 2027-01 the campaign can no longer be claimed.
    let late = ratecard(&["trial", "-", "--start", "2027-01"], Some(INTL));
    assert_eq!(late.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&late.stderr).contains("no line draws on a free quota"));
}

#[test]
fn quote_starts_this_month_or_at_start() {
    // Gemini 3.8 Flash, 1,000,000 input and 500,000 output tokens a month: 2.625 USD at the
    // price through 2026-12, 5.25 USD from 2027-01-01 (pricing/gateway.toml).
    let gemini = r#"{"lines": [{"provider": "gateway", "model": "Gemini 3.8 Flash",
        "requests": 1000, "input_tokens": 1000, "output_tokens": 500}]}"#;
    let year = |args: &[&str]| {
        let q: Value = serde_json::from_str(&stdout(&ratecard(args, Some(gemini)))).unwrap();
        (dec(&q["total"]), dec(&q["year"]["total"]))
    };
    // Today (2026-12): one month old, eleven new: 2.625 + 11 x 5.25 = 60.375.
    assert_eq!(year(&["quote", "--json", "-"]), (Decimal::new(2625, 3), Decimal::new(60375, 3)));
    // From 2027-03 every month is new: 12 x 5.25 = 63.
    assert_eq!(year(&["quote", "--json", "--start", "2027-03", "-"]), (Decimal::new(525, 2), Decimal::from(63)));
}
