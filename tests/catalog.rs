//! The catalog check: every price, tier, quota, credit value, package and add-on of the five
//! source documents, transcribed here by hand from `shared/seeds/`, is compared with the loaded
//! catalog. Then the validation rules: every kind of bad card is rejected with a message that
//! names the file, the model and the field.

use std::str::FromStr;

use ratecard::native::embedded_catalog;
use ratecard::rating::catalog::{
    self, Catalog, Denomination, Price, Pricing, QuotaScope, RateCard, Resolution, UnitRate,
};
use ratecard::rating::estimate::{Estimate, Line};
use rust_decimal::Decimal;
use serde_json::json;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn card<'a>(c: &'a Catalog, provider: &str) -> &'a RateCard {
    c.card(provider).unwrap_or_else(|| panic!("no card {provider}")).1
}

fn price(p: &Price) -> Option<Decimal> {
    match p {
        Price::Published(v) => Some(*v),
        Price::Unpublished => None,
    }
}

/// (model, input_up_to, input, output, cache_hit) for each tier, per 1M tokens unless noted.
type TokenRow = (&'static str, Option<u64>, &'static str, &'static str, Option<&'static str>);

fn check_tokens(card: &RateCard, rows: &[TokenRow], per_1k: &[&str]) {
    for (name, up_to, input, output, cache) in rows {
        let (_, m) = card.model(name).unwrap_or_else(|| panic!("{}: missing model {name}", card.provider));
        let Pricing::Tokens(tp) = &m.pricing else { panic!("{name} is not token-priced") };
        let tier =
            tp.tiers.iter().find(|t| t.up_to == *up_to).unwrap_or_else(|| panic!("{name}: no tier up to {up_to:?}"));
        assert_eq!(price(&tier.input), Some(d(input)), "{name} input");
        assert_eq!(price(&tier.output), Some(d(output)), "{name} output");
        assert_eq!(tier.cache_hit.as_ref().and_then(price), cache.map(d), "{name} cache hit");
        let scale_1k = per_1k.contains(name);
        assert_eq!(tp.scale == catalog::TokenScale::PerThousand, scale_1k, "{name} scale");
    }
}

fn unit_price(card: &RateCard, name: &str) -> UnitRate {
    let (_, m) = card.model(name).unwrap_or_else(|| panic!("{}: missing model {name}", card.provider));
    let Pricing::Units(u) = &m.pricing else { panic!("{name} is not unit-priced") };
    u.rate.clone()
}

fn fixed(card: &RateCard, name: &str) -> Option<Decimal> {
    match unit_price(card, name) {
        UnitRate::Fixed(p) => price(&p),
        other => panic!("{name}: expected a fixed price, got {other:?}"),
    }
}

fn quota(card: &RateCard, model: &str) -> (Option<u64>, Option<u32>, QuotaScope) {
    let (_, m) = card.model(model).unwrap();
    let q = &card.free_quotas[m.quota.unwrap_or_else(|| panic!("{model} has no quota"))];
    (q.amount, q.validity_days, q.scope)
}

#[test]
fn seed_000_tencent_tokenhub() {
    let c = embedded_catalog().unwrap();
    let th = card(&c, "tencent-tokenhub");
    assert_eq!(th.currency.code(), "CNY");
    check_tokens(
        th,
        &[
            ("HY 2.0 Think", Some(32000), "3.975", "15.9", None),
            ("HY 2.0 Think", Some(128000), "5.3", "21.2", None),
            ("HY 2.0 Instruct", Some(32000), "3.18", "7.95", None),
            ("HY 2.0 Instruct", Some(128000), "4.505", "11.13", None),
            ("Hunyuan-role", None, "2.4", "9.6", None),
            ("Deepseek-v3.2", None, "2", "3", None),
            ("Deepseek-v3.1", None, "4", "12", Some("1")),
            ("Deepseek-r1-0528", None, "4", "16", Some("1")),
            ("Deepseek-v3-0324", None, "2", "8", Some("0.5")),
            ("GLM-5", Some(32000), "4", "18", Some("1")),
            ("GLM-5", None, "6", "22", Some("1.5")),
            ("kimi-k2.5", None, "4", "21", Some("0.7")),
            ("MiniMax-M2.5", None, "2.1", "8.4", Some("0.21")),
            ("MiniMax-M2.7", None, "2.1", "8.4", Some("0.42")),
        ],
        &[],
    );
    assert_eq!(th.models.iter().filter(|m| matches!(m.pricing, Pricing::Tokens(_))).count(), 11);
    assert_eq!(fixed(th, "HY-Image-V3.0"), Some(d("0.2")));
    assert_eq!(fixed(th, "HY-Image-Lite"), Some(d("0.099")));
    assert_eq!(th.credit_values, vec![("3d".to_string(), d("0.12")), ("video".to_string(), d("1.2"))]);
    assert_eq!(fixed(th, "HY-Video-1.5"), Some(d("1.5")));
    let res = |name| match unit_price(th, name) {
        UnitRate::ByResolution(v) => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        res("YT-Video-2.0"),
        vec![(Resolution::P480, d("2")), (Resolution::P720, d("5")), (Resolution::P1080, d("5"))]
    );
    assert_eq!(res("YT-Video-HumanActor"), vec![(Resolution::P720, d("1")), (Resolution::P1080, d("2"))]);
    assert_eq!(fixed(th, "YT-Video-FX"), None, "FX template prices are unpublished");
    for (name, min, max) in [("HY-3D-3.0", "15", "60"), ("HY-3D-3.1", "15", "60"), ("HY-3D-Express", "15", "25")] {
        match unit_price(th, name) {
            UnitRate::Range { min: lo, max: hi } => assert_eq!((lo, hi), (d(min), d(max)), "{name}"),
            other => panic!("{name}: {other:?}"),
        }
        let (_, m) = th.model(name).unwrap();
        let Pricing::Units(u) = &m.pricing else { panic!() };
        assert_eq!(u.denomination, Denomination::Credits { kind: "3d".into(), value: d("0.12") });
    }
    assert_eq!(fixed(th, "Coding Plan"), None);
    assert_eq!(fixed(th, "Token Plan"), None);
    // Free trial packs: amounts and validity.
    for m in ["HY 2.0 Think", "HY 2.0 Instruct", "Deepseek-v3.2", "Deepseek-v3.1", "Deepseek-v3-0324", "kimi-k2.5"] {
        assert_eq!(quota(th, m), (Some(500_000), Some(90), QuotaScope::EachModel), "{m}");
    }
    for m in ["Hunyuan-role", "GLM-5", "MiniMax-M2.5", "MiniMax-M2.7"] {
        assert_eq!(quota(th, m), (Some(1_000_000), Some(90), QuotaScope::EachModel), "{m}");
    }
    assert!(th.model("Deepseek-r1-0528").unwrap().1.quota.is_none());
    assert_eq!(quota(th, "HY-Image-V3.0"), (Some(50), Some(365), QuotaScope::EachModel));
    for m in ["HY-Video-1.5", "YT-Video-2.0", "YT-Video-HumanActor", "YT-Video-FX"] {
        assert_eq!(quota(th, m), (Some(50), Some(365), QuotaScope::Shared), "{m}");
    }
    for m in ["HY-3D-3.0", "HY-3D-3.1", "HY-3D-Express"] {
        assert_eq!(quota(th, m), (Some(100), Some(365), QuotaScope::Shared), "{m}");
    }
    assert!(th.notes.iter().any(|n| n.contains("15-day grace period")));
}

#[test]
fn seed_001_ucloud_modelverse() {
    let c = embedded_catalog().unwrap();
    let uc = card(&c, "ucloud-modelverse");
    check_tokens(
        uc,
        &[
            ("deepseek-ai/DeepSeek-R1", None, "4", "16", None),
            ("deepseek-ai/DeepSeek-V3", None, "2", "8", None),
            ("deepseek-ai/DeepSeek-Prover-V2", None, "4", "16", None),
            ("Qwen/QwQ-32B", None, "2", "6", None),
            ("Qwen/Qwen3-235B-A22B", None, "2", "8", None),
            ("Qwen3-Coder", None, "4", "16", None),
            ("Qwen2.5-VL-72B-Instruct", None, "16", "48", None),
            ("Kimi-K2-Instruct", None, "4", "16", None),
            ("ERNIE-X1-Turbo-32K", None, "1", "4", None),
            ("ERNIE-4.5-Turbo-128K", None, "0.8", "0.32", None),
            ("ERNIE-4.5-Turbo-VL-32K", None, "3", "9", None),
            ("DeepSeek-R1-Distill-Llama-70B", None, "1", "3", None),
            ("GLM-4.5", None, "2", "8", None),
            ("GLM-4.5V", None, "2", "6", None),
        ],
        &["ERNIE-4.5-Turbo-128K"],
    );
    assert_eq!(uc.models.iter().filter(|m| matches!(m.pricing, Pricing::Tokens(_))).count(), 14);
    for (name, p) in [
        ("Flux Kontext Pro Text2Image", "0.35"),
        ("Flux Kontext Max Text2Image", "0.70"),
        ("Flux Dev", "0.10"),
        ("Step1X Edit", "0.30"),
        ("Flux Kontext Pro", "0.35"),
        ("Flux Kontext Max", "0.70"),
        ("Flux Kontext Max Multi", "0.70"),
        ("Flux Kontext Pro Multi", "0.35"),
    ] {
        assert_eq!(fixed(uc, name), Some(d(p)), "{name}");
        assert_eq!(quota(uc, name), (None, None, QuotaScope::EachModel), "{name}: free count unpublished");
    }
    assert_eq!(quota(uc, "GLM-4.5V"), (Some(500_000), None, QuotaScope::Shared));
    assert_eq!(fixed(uc, "Fine-tuning"), None);
    assert_eq!(fixed(uc, "Model serving"), None);
    // The ERNIE per-1K price is flagged as a likely unit slip, as published.
    assert!(
        c.warnings().iter().any(|w| w.model.as_deref() == Some("ERNIE-4.5-Turbo-128K") && w.field == "input_per_1k")
    );
    assert_eq!(c.warnings().len(), 1, "{:?}", c.warnings());
}

#[test]
fn seed_002_hunyuan_image_global() {
    let c = embedded_catalog().unwrap();
    let hy = card(&c, "hunyuan-image-global");
    assert_eq!(hy.currency.code(), "USD");
    match unit_price(hy, "Image Style Transfer") {
        UnitRate::Volume { mode, tiers } => {
            assert_eq!(mode, catalog::VolumeMode::AllUnits);
            let t: Vec<_> = tiers.iter().map(|t| (t.from, t.to, t.price)).collect();
            assert_eq!(
                t,
                vec![
                    (0, Some(10_000), d("0.08")),
                    (10_000, Some(100_000), d("0.06")),
                    (100_000, Some(1_000_000), d("0.05")),
                    (1_000_000, None, d("0.04")),
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    let packages: Vec<_> = hy.packages.iter().map(|p| (p.size, p.price, p.validity_days)).collect();
    assert_eq!(
        packages,
        vec![
            (1_000, d("75"), Some(365)),
            (10_000, d("550"), Some(365)),
            (100_000, d("4500"), Some(365)),
            (1_000_000, d("30000"), Some(365)),
            (10_000_000, d("200000"), Some(365)),
        ]
    );
    let cc = &hy.concurrency[0];
    assert_eq!((cc.included, cc.per_day, cc.per_month), (3, d("200"), d("4000")));
}

#[test]
fn seed_003_tokenhub_international() {
    let c = embedded_catalog().unwrap();
    let intl = card(&c, "tencent-tokenhub-intl");
    let (_, m) = intl.model("Language model").unwrap();
    assert!(m.generic);
    let q = &intl.free_quotas[m.quota.unwrap()];
    assert_eq!((q.amount, q.validity_days, q.claim_by.as_deref()), (Some(1_000_000), Some(90), Some("2026-12-31")));
    let Pricing::Tokens(tp) = &m.pricing else { panic!() };
    assert_eq!((price(&tp.tiers[0].input), price(&tp.tiers[0].output)), (None, None), "prices are unpublished");
}

#[test]
fn seed_004_gateway_exercises_every_method_and_multiple() {
    let c = embedded_catalog().unwrap();
    let gw = card(&c, "gateway");
    assert_eq!(gw.usd_cny, Some(d("7.3")));
    let mut multiples = std::collections::BTreeSet::new();
    let mut methods = std::collections::BTreeSet::new();
    let mut priority = false;
    for m in &gw.models {
        assert!(
            m.example || (m.source.is_some() && m.as_of.is_some()),
            "{}: a price from elsewhere needs its source and date",
            m.name
        );
        priority |= m.priority == Some(d("1.8"));
        match &m.pricing {
            Pricing::Tokens(tp) => {
                assert_eq!(tp.scale, catalog::TokenScale::PerThousand, "{}", m.name);
                methods.insert("per_1k_tokens".to_string());
                for kind in catalog::Special::ALL {
                    if tp.multiples.get(kind).is_some_and(|v| v != Decimal::ONE) {
                        multiples.insert(kind.multiple_name());
                    }
                }
            }
            Pricing::Units(u) => {
                methods.insert(u.measure.noun().to_string());
            }
        }
    }
    let all: Vec<&str> = catalog::Special::ALL.iter().map(|k| k.multiple_name()).collect();
    assert_eq!(multiples.into_iter().collect::<Vec<_>>(), {
        let mut a = all;
        a.sort();
        a
    });
    for method in ["per_1k_tokens", "request", "second", "megapixel", "image"] {
        assert!(methods.contains(method), "no {method} model");
    }
    assert!(priority, "a model with priority x1.8");
}

// ---------------------------------------------------------------------------------- validation

/// A minimal valid card to break one field at a time.
fn base() -> serde_json::Value {
    json!({
        "provider": "test", "name": "Test", "currency": "USD", "source": "x.txt", "as_of": "2026-01-01",
        "models": [{ "name": "M1", "kind": "text", "input_per_1m": "1", "output_per_1m": "2" }]
    })
}

fn load(v: serde_json::Value) -> Result<Catalog, Vec<catalog::CatalogError>> {
    let raw = catalog::parse_card("pricing/test.toml", || &v).map_err(|e| vec![e])?;
    catalog::build(vec![("pricing/test.toml".into(), raw)])
}

fn rejects(v: serde_json::Value, model: Option<&str>, field: &str, words: &str) {
    let errors = load(v).expect_err("the card should be rejected");
    let hit = errors.iter().any(|e| {
        e.file == "pricing/test.toml" && e.model.as_deref() == model && e.field == field && e.message.contains(words)
    });
    assert!(
        hit,
        "expected an error at {model:?} / {field} containing {words:?}, got:\n{}",
        errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_base_card_loads() {
    assert!(load(base()).is_ok());
}

#[test]
fn rejects_unknown_fields_naming_model_and_field() {
    let mut v = base();
    v["models"][0]["input_per_1M"] = json!("1");
    rejects(v, Some("M1"), "input_per_1M", "unknown field \"input_per_1M\" (did you mean \"input_per_1m\"?)");
    let mut v = base();
    v["colour"] = json!("red");
    rejects(v, None, "colour", "unknown field \"colour\"");
}

#[test]
fn rejects_a_number_where_a_price_string_belongs() {
    let mut v = base();
    v["models"][0]["input_per_1m"] = json!(1);
    rejects(v, Some("M1"), "input_per_1m", "prices are decimal strings");
}

#[test]
fn rejects_prices_no_decimal_holds_and_exponents() {
    let mut v = base();
    v["models"][0]["input_per_1m"] = json!("0.00000000000000000000000000001");
    rejects(v, Some("M1"), "input_per_1m", "has more digits than an exact decimal holds (28, and 28 after the point)");
    let mut v = base();
    v["models"][0]["input_per_1m"] = json!("1e-3");
    rejects(v, Some("M1"), "input_per_1m", "\"1e-3\" is not a decimal number");
}

#[test]
fn rejects_negative_prices() {
    let mut v = base();
    v["models"][0]["output_per_1m"] = json!("-2");
    rejects(v, Some("M1"), "output_per_1m", "negative");
}

#[test]
fn a_price_too_large_to_scale_is_warned_of_not_a_panic() {
    // The unit check converts a per-1K price to per-1M for its warning; at the largest decimal
    // that conversion overflows, and the card still loads with the warning in other words.
    let mut v = base();
    let m = v["models"][0].as_object_mut().expect("the base card has a model");
    m.remove("input_per_1m");
    m.remove("output_per_1m");
    m.insert("input_per_1k".into(), json!("79228162514264337593543950335"));
    m.insert("output_per_1k".into(), json!("2"));
    let c = load(v).expect("the card loads");
    let w = c.warnings().iter().find(|w| w.field == "input_per_1k").expect("a unit warning");
    assert_eq!(w.message, "79228162514264337593543950335 per 1K tokens looks like a per-1M price");
    // Pricing it is an error that says so, not a panic.
    let est = Estimate {
        lines: vec![Line {
            provider: "test".into(),
            model: "M1".into(),
            requests: Some(Decimal::from(1000)),
            input_tokens: Some(Decimal::from(1000)),
            ..Line::default()
        }],
        ..Estimate { version: 1, ..Estimate::default() }
    };
    let b = ratecard::rating::quote(&c, &est);
    assert!(b.lines.is_empty());
    assert_eq!(b.errors.len(), 1, "{:?}", b.errors);
    assert_eq!(b.errors[0].to_string(), "line 1 (M1): the result is too large to compute exactly");
}

fn tiered(tiers: serde_json::Value) -> serde_json::Value {
    let mut v = base();
    v["models"][0] = json!({ "name": "T", "kind": "text", "tiers": tiers });
    v
}

#[test]
fn rejects_tier_overlaps_gaps_and_disorder() {
    let t = |above: u64, up: Option<u64>| {
        let mut o = json!({ "input_above": above, "input_per_1m": "1", "output_per_1m": "2" });
        if let Some(up) = up {
            o["input_up_to"] = json!(up);
        }
        o
    };
    rejects(tiered(json!([t(0, Some(32000)), t(16000, Some(128000))])), Some("T"), "tiers[1].input_above", "overlaps");
    rejects(tiered(json!([t(0, Some(32000)), t(64000, Some(128000))])), Some("T"), "tiers[1].input_above", "gap");
    rejects(
        tiered(json!([t(0, Some(32000)), t(32000, Some(16000))])),
        Some("T"),
        "tiers[1].input_up_to",
        "out of order",
    );
    rejects(
        tiered(json!([t(0, None), t(32000, Some(64000))])),
        Some("T"),
        "tiers[0].input_up_to",
        "only the last tier",
    );
    let mut v = base();
    v["models"][0] = json!({ "name": "V", "kind": "image", "volume_pricing": "all_units", "volume_tiers": [
        { "from": 0, "to": 100, "per_image": "1" }, { "from": 200, "per_image": "0.5" } ] });
    rejects(v, Some("V"), "volume_tiers[1].from", "gap");
}

#[test]
fn rejects_unknown_resolution_names() {
    let mut v = base();
    v["models"][0] = json!({ "name": "Vid", "kind": "video", "per_call_by_resolution": { "720p": "1", "8k": "9" } });
    rejects(v, Some("Vid"), "per_call_by_resolution", "unknown value \"8k\"");
}

#[test]
fn rejects_a_credit_price_with_no_credit_value() {
    let mut v = base();
    v["models"][0] = json!({ "name": "C", "kind": "video", "credit": "video", "credits_per_call": "2" });
    rejects(v, Some("C"), "credit", "no value in the card's credit_values");
    let mut v = base();
    v["models"][0] = json!({ "name": "C", "kind": "video", "credits_per_call": "2" });
    rejects(v, Some("C"), "credit", "needs `credit`");
}

#[test]
fn rejects_duplicate_model_names_ignoring_case() {
    let mut v = base();
    v["models"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "name": "m1", "kind": "text", "input_per_1m": "1", "output_per_1m": "2" }));
    rejects(v, Some("m1"), "name", "duplicate model name");
}

#[test]
fn rejects_models_with_no_price_or_two_kinds() {
    let mut v = base();
    v["models"][0] = json!({ "name": "N", "kind": "other" });
    rejects(v, Some("N"), "", "no price");
    let mut v = base();
    v["models"][0]["per_image"] = json!("1");
    rejects(v, Some("M1"), "", "two kinds of price");
}

#[test]
fn rejects_references_to_missing_models() {
    let mut v = base();
    v["free_quotas"] =
        json!([{ "id": "q", "name": "Q", "unit": "tokens", "amount": 10, "scope": "shared", "models": ["Nope"] }]);
    rejects(v, None, "free_quotas[0].models[0]", "no model named \"Nope\"");
}

#[test]
fn flags_a_price_in_the_wrong_unit() {
    let mut v = base();
    v["models"][0]["input_per_1m"] = json!("0.000002");
    let c = load(v).expect("a suspicious price loads");
    let w = &c.warnings()[0];
    assert_eq!((w.model.as_deref(), w.field.as_str()), (Some("M1"), "input_per_1m"));
    assert!(w.message.contains("looks like a per-token price"), "{w}");
    assert_eq!(
        w.to_string(),
        "pricing/test.toml: model \"M1\": input_per_1m: 0.000002 per 1M tokens looks like a per-token price"
    );
}

#[test]
fn every_pricing_file_is_documented_and_embedded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pricing");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let c = embedded_catalog().unwrap();
    for card in c.cards() {
        assert!(readme.contains(&format!("`{}`", card.provider)), "{} missing from pricing/README.md", card.provider);
        assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&card.file).exists());
    }
    assert_eq!(c.cards().len(), 5);
}

/// The widget loads the catalog `build.rs` checked and packed; it must be the very catalog the
/// CLI loads from the JSON text, down to every note and warning.
#[test]
fn the_packed_catalog_is_the_catalog_the_cli_loads() {
    let c = embedded_catalog().unwrap();
    let packed = Catalog::unpack(ratecard::CATALOG_PACK, "embedded catalog").expect("the pack reads");
    assert_eq!(format!("{packed:?}"), format!("{c:?}"));
    assert_eq!(packed.cards().len(), 5);
    assert_eq!(c.pack(), ratecard::CATALOG_PACK, "packing is deterministic");
    assert_eq!(ratecard::CATALOG_VERSION, ratecard::share::link::fingerprint(ratecard::CATALOG_JSON));
}

#[test]
fn a_damaged_pack_names_its_source() {
    let mut bytes = ratecard::CATALOG_PACK.to_vec();
    bytes.truncate(bytes.len() / 2);
    let e = Catalog::unpack(&bytes, "host.json").unwrap_err();
    assert_eq!(e.file, "host.json");
    assert!(e.message.starts_with("the packed catalog is damaged"), "{e}");
    assert!(Catalog::unpack(b"{\"provider\":1}", "x").is_err(), "JSON is not a pack");
}

/// Links carry the version of the catalog they were made with. With a host's cards it is the
/// fingerprint of what the catalog prices, so the same card read from TOML or JSON gives the same
/// version, and a changed price a different one.
#[test]
fn a_host_catalog_gets_a_link_version_from_what_it_prices() {
    use ratecard::share::link::catalog_version;
    let embedded = embedded_catalog().unwrap();
    assert_eq!(catalog_version(&embedded), ratecard::CATALOG_VERSION);
    let json_file = concat!(env!("CARGO_MANIFEST_DIR"), "/e2e/fixtures/host-card.json");
    let dir = std::env::temp_dir().join(format!("ratecard-version-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let toml_card = |per_image: &str| {
        let path = dir.join(format!("host-card-{per_image}.toml"));
        let text = format!(
            "provider = \"acme-ai\"\nname = \"Acme AI (host catalog test card)\"\ncurrency = \"USD\"\n\
             source = \"e2e/fixtures/host-card.json\"\nas_of = \"2026-11-01\"\n\
             notes = [\"A made-up card for the host-catalog tests; not a real provider.\"]\n\
             [[models]]\nname = \"Acme-1\"\nkind = \"text\"\ninput_per_1m = \"1.5\"\noutput_per_1m = \"6\"\n\
             [[models]]\nname = \"Acme-Draw\"\nkind = \"image\"\nper_image = \"{per_image}\"\n"
        );
        std::fs::write(&path, text).unwrap();
        ratecard::native::card_file(&path).unwrap()
    };
    let from_json = catalog_version(&embedded.merged_with(ratecard::native::card_file(json_file.as_ref()).unwrap()));
    let from_toml = catalog_version(&embedded.merged_with(toml_card("0.04")));
    assert_eq!(from_json, from_toml, "the same card in TOML or JSON, from another file");
    assert_ne!(from_json, ratecard::CATALOG_VERSION);
    assert_ne!(catalog_version(&embedded.merged_with(toml_card("0.05"))), from_json, "a price changed");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------- price changes

/// The base card's model with one price change.
fn with_change(change: serde_json::Value) -> serde_json::Value {
    let mut v = base();
    v["models"][0]["changes"] = json!([change]);
    v
}

#[test]
fn the_gateway_google_model_doubles_on_2027_01_01() {
    // pricing/gateway.toml, Gemini 3.8 Flash: 0.75 / 3.75 USD per 1M through 2026-12-31, then
    // 1.50 / 7.50, i.e. 0.00075 / 0.00375 per 1K, then 0.0015 / 0.0075.
    let c = embedded_catalog().unwrap();
    let packed = Catalog::unpack(ratecard::CATALOG_PACK, "embedded catalog").unwrap();
    for c in [&c, &packed] {
        let (_, model) = card(c, "gateway").model("Gemini 3.8 Flash").unwrap();
        let [change] = model.changes.as_slice() else { panic!("one change: {:?}", model.changes) };
        assert_eq!((change.from.as_str(), change.month.to_string().as_str()), ("2027-01-01", "2027-01"));
        assert!(change.source.as_deref().is_some_and(|s| s.contains("ai.google.dev")));
        let prices = |p: &Pricing| match p {
            Pricing::Tokens(t) => (price(&t.tiers[0].input), price(&t.tiers[0].output)),
            Pricing::Units(_) => panic!("token prices"),
        };
        assert_eq!(prices(&model.pricing), (Some(d("0.00075")), Some(d("0.00375"))));
        assert_eq!(prices(&change.pricing), (Some(d("0.0015")), Some(d("0.0075"))));
        let dec = ratecard::rating::month::YearMonth::parse("2026-12");
        let jan = ratecard::rating::month::YearMonth::parse("2027-01");
        assert_eq!(prices(model.pricing_in(dec)), (Some(d("0.00075")), Some(d("0.00375"))));
        assert_eq!(prices(model.pricing_in(jan)), (Some(d("0.0015")), Some(d("0.0075"))));
        assert_eq!(prices(model.pricing_in(None)), (Some(d("0.00075")), Some(d("0.00375"))));
    }
}

#[test]
fn a_price_change_loads_and_is_checked_like_the_model_s_prices() {
    assert!(load(with_change(json!({ "from": "2027-01-01", "input_per_1m": "2" }))).is_ok());
    rejects(
        with_change(json!({ "from": "2027-01-15", "input_per_1m": "2" })),
        Some("M1"),
        "changes[0].from",
        "not the first day of a month",
    );
    rejects(
        with_change(json!({ "from": "2027-01-01", "per_image": "2" })),
        Some("M1"),
        "changes[0].per_image",
        "the model has no per_image to change",
    );
    rejects(with_change(json!({ "from": "2027-01-01" })), Some("M1"), "changes[0].from", "gives no price");
    rejects(
        with_change(json!({ "from": "2027-01-01", "input_per_1m": "-2" })),
        Some("M1"),
        "changes[0].input_per_1m",
        "price -2 is negative",
    );
    rejects(
        with_change(json!({ "from": "2027-01-01", "input_per_1m": "2", "colour": "red" })),
        Some("M1"),
        "changes[0].colour",
        "unknown field \"colour\"",
    );
    let mut v = base();
    v["models"][0]["changes"] =
        json!([{ "from": "2027-02-01", "input_per_1m": "2" }, { "from": "2027-01-01", "input_per_1m": "3" }]);
    rejects(v, Some("M1"), "changes[1].from", "not after the previous change");
}
