//! Component tests for the widget, run in headless Chromium by wasm-bindgen-test (the calculator's
//! plain-Rust state is tested natively, in tests/calculator.rs):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`
//! (the runner is set in `.cargo/config.toml`; `scripts/test-web.sh` runs it).
#![cfg(target_arch = "wasm32")]

use std::str::FromStr;

use gloo_timers::future::TimeoutFuture;
use ratecard::app::state::{default_estimate, parse_quantity};
use ratecard::app::{App, cards, format};
use ratecard::lang::{self, Lang as Language};
use ratecard::rating::catalog::Catalog;
use ratecard::rating::{Currency, quote};
use ratecard::share::link::{LinkProblem, Opened};
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn cat() -> Catalog {
    cards::load().expect("the embedded catalog loads in the browser")
}

/// The widget unpacks the catalog `build.rs` packed natively, where `usize` is 64 bits wide; here it
/// is 32, and every card, model and price must come through whole.
#[wasm_bindgen_test]
fn the_embedded_catalog_unpacks_in_the_browser() {
    let c = cat();
    assert_eq!(c.cards().len(), 5);
    let (_, card) = c.card("tencent-tokenhub").expect("the TokenHub card");
    let (_, glm) = card.model("GLM-5").expect("GLM-5");
    assert_eq!(card.currency, Currency::Cny);
    assert!(!card.notes.is_empty());
    let ratecard::rating::catalog::Pricing::Tokens(t) = &glm.pricing else { panic!("GLM-5 is priced by tokens") };
    assert_eq!(t.tiers.len(), 2, "GLM-5 has two input-length tiers");
    assert_eq!(t.tiers[0].up_to, Some(32_000));
    assert!(matches!(t.tiers[1].input, ratecard::rating::catalog::Price::Published(p) if p == d("6")));
    let damaged = Catalog::unpack(&ratecard::CATALOG_PACK[..100], "embedded catalog").unwrap_err();
    assert!(damaged.to_string().starts_with("embedded catalog: the packed catalog is damaged"), "{damaged}");
}

#[wasm_bindgen_test]
fn money_is_formatted_by_intl_number_format() {
    let text = format::money(d("1234.5"), Currency::Usd);
    assert!(text.contains('$') && text.contains("234") && text.contains("50"), "{text}");
    // Sub-cent amounts keep six significant digits (the core's display rounding).
    assert!(format::money(d("0.0012345678"), Currency::Usd).contains("0.00123457"));
}

fn query(root: &web_sys::Element, sel: &str) -> web_sys::Element {
    root.query_selector(sel).unwrap().unwrap_or_else(|| panic!("no {sel}"))
}

#[wasm_bindgen_test]
async fn the_mounted_app_reprices_as_a_field_is_typed_into() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone(), App);
    TimeoutFuture::new(0).await;

    let total = query(&host, "[data-testid=total]");
    let before = total.get_attribute("data-exact").unwrap();
    assert!(Decimal::from_str(&before).unwrap() > Decimal::ZERO);
    assert!(query(&host, "[role=status]").get_attribute("aria-live").is_some());

    let input: web_sys::HtmlInputElement = query(&host, "[data-testid=field-requests]").unchecked_into();
    let label = query(&host, &format!("label[for='{}']", input.id()));
    assert!(label.text_content().unwrap().contains("Requests"));

    input.set_value("2000");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    TimeoutFuture::new(0).await;
    let after = total.get_attribute("data-exact").unwrap();
    assert_ne!(before, after);
    // The year is projected after the change is drawn: twelve months of 2,000 requests.
    TimeoutFuture::new(10).await;
    let year = query(&host, "[data-testid=total-year]").get_attribute("data-exact").unwrap();
    assert!(Decimal::from_str(&year).unwrap() > Decimal::from_str(&after).unwrap());

    input.set_value("abc");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    TimeoutFuture::new(0).await;
    let message = query(&host, "[data-testid=error-requests]").text_content().unwrap();
    assert!(message.contains("not a number"), "{message}");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn a_bad_link_keeps_what_is_valid_and_names_the_rest() {
    use ratecard::app::persistence as share;
    let c = cat();
    let start = share::read("#p=tencent-tokenhub&m=GLM-6&in=4x0&out=500", &c, Opened::Link);
    let line = &start.estimate.lines[0];
    assert_eq!((line.model.as_str(), line.input_tokens, line.output_tokens), ("GLM-6", None, Some(d("500"))));
    let shown: Vec<String> = start.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 1: in: \"4x0\" is not a number; in is input tokens, per request, e.g. 40000, 40k or 40,000",
            "line 1: unknown model \"GLM-6\" for provider \"tencent-tokenhub\""
        ]
    );
    let chinese: Vec<String> = start.problems.iter().map(|p| lang::link_problem(p, Language::Zh)).collect();
    assert_eq!(
        chinese,
        [
            "第 1 行：in：“4x0”不是数字；in 表示输入 tokens（每次请求），例如 40000、40k 或 40,000",
            "第 1 行：服务商“tencent-tokenhub”没有模型“GLM-6”"
        ]
    );
    let empty = share::read("#nothing-here", &c, Opened::Link);
    assert_eq!(empty.estimate.lines, default_estimate().lines, "a link with no line opens the default line");
    assert_eq!(empty.problems.last(), Some(&LinkProblem::NothingRead { from: Opened::Link }));
    let other = share::read("#cat=00000000&p=tencent-tokenhub&m=GLM-5&rq=1", &c, Opened::Link);
    assert!(
        other.problems.iter().any(|p| matches!(p, LinkProblem::CatalogVersion { link, .. } if link == "00000000")),
        "{:?}",
        other.problems
    );
}

/// The Chinese UI's text for what the core writes in English: errors by kind and field, and the
/// calculator's own messages, each checked against a real quote.
#[wasm_bindgen_test]
fn core_texts_read_in_chinese() {
    let c = cat();
    let est = ratecard::json::parse_estimate_json(
        r#"{"version":1,"currency":"CNY","discounts":{"channel":"1.5"},"lines":[
            {"provider":"tencent-tokenhub","model":"HY 2.0 Think","requests":1,"input_tokens":128001,"output_tokens":1},
            {"provider":"tencent-tokenhub","model":"GLM-5","requests":1,"input_tokens":-5,"output_tokens":1},
            {"provider":"tencent-tokenhub","model":"HY-3D-3.0","calls":10},
            {"provider":"tencent-tokenhub","model":"YT-Video-2.0","calls":10,"resolution":"720p"},
            {"provider":"hunyuan-image-global","model":"Image Style Transfer","images":10000,"free_remaining":50}]}"#,
    )
    .unwrap();
    let b = quote(&c, &est);
    let zh_error = |e: &ratecard::rating::QuoteError| lang::problem(&e.problem, Language::Zh);
    let err = |field: &str| b.errors.iter().find(|e| e.field == field).map(zh_error).unwrap_or_default();
    assert_eq!(err("input_tokens"), "每次请求 128,001 tokens，超出 HY 2.0 Think 的最高档位：输入最多 128,000 tokens");
    assert_eq!(err("discounts.channel"), "1.5 不是有效的折扣系数：请填写大于 0 且不超过 1 的数（0.9 即九折）");
    let negative = b.errors.iter().find(|e| e.line == Some(2)).unwrap();
    assert_eq!(zh_error(negative), "-5 是负数，请填写 0 或更大的数");
    assert_eq!(
        ratecard::app::editor::error_full(negative, ratecard::app::i18n::Lang::Zh),
        "第 2 行（GLM-5）：输入 tokens：-5 是负数，请填写 0 或更大的数"
    );
    // The breakdown's words (notes, details, labels, tiers) are typed: tests/breakdown_words.rs.
    // The calculator's own messages.
    let typed = parse_quantity("1,00").unwrap_err();
    assert_eq!(
        lang::entry_problem(&typed, Language::Zh),
        "“1,00”不是数字：千位分隔符须每三位一组（30,000 或 30 000），小数请用小数点（1.5）"
    );
}

/// The language on start: a host's locale wins, then the page's saved choice, then the browser's
/// language; numbers use the language's locale (the browser's own tag when it is of that language).
#[wasm_bindgen_test]
fn the_language_follows_the_host_then_the_saved_choice_then_the_browser() {
    use leptos::prelude::GetUntracked;
    use ratecard::app::Ctx;
    use ratecard::app::i18n::{Lang, STORAGE_KEY};
    use ratecard::app::options::Options;
    assert_eq!(Lang::from_tag("zh-TW"), Lang::Zh);
    assert_eq!(Lang::from_tag(" ZH-hans"), Lang::Zh);
    assert_eq!(Lang::from_tag("en-GB"), Lang::En);
    assert_eq!(Lang::from_tag("中文"), Lang::En);
    assert_eq!(Lang::from_tag(""), Lang::En);
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let lang = |o: Options| Ctx::with_options(cat(), default_estimate(), o).lang.get_untracked();
    let host_zh = || Options { locale: Some("zh-CN".into()), ..Options::page() };
    // Headless Chromium's language is English.
    let _ = storage.remove_item(STORAGE_KEY);
    assert_eq!(lang(Options::page()), Lang::from_browser());
    Lang::Zh.save();
    assert_eq!(lang(Options::page()), Lang::Zh, "the saved choice");
    assert_eq!(lang(Options::default()), Lang::from_browser(), "an embedded instance ignores the page's choice");
    Lang::En.save();
    assert_eq!(lang(host_zh()), Lang::Zh, "the host's locale wins");
    let _ = storage.remove_item(STORAGE_KEY);
    // Numbers follow the last calculator created: leave an English one for the other tests.
    assert_eq!(lang(Options { locale: Some("en".into()), ..Options::default() }), Lang::En);
    assert_eq!(Lang::Zh.format_locale(), "zh-CN");
    assert_eq!(Lang::Zh.tag(), "zh-CN");
    assert_eq!(Lang::En.tag(), "en");
}

fn attrs(pairs: &[(&str, &str)]) -> wasm_bindgen::JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&obj, &(*k).into(), &(*v).into()).unwrap();
    }
    obj.into()
}

#[wasm_bindgen_test]
fn element_attributes_become_options_and_bad_ones_are_named() {
    use ratecard::app::embed::options_from;
    use ratecard::app::options::{CatalogSource, Control, Layout};
    let o = options_from(&attrs(&[
        ("provider", "tencent-tokenhub"),
        ("models", " GLM-5 , Deepseek-v3.2,"),
        ("currency", "usd"),
        ("layout", "compact"),
        ("hidden", "discounts, share add,header"),
        ("providers", "tencent-tokenhub, hunyuan-image-global"),
        ("brand", "Acme Cloud"),
        ("locale", "en"),
        ("catalog", "https://example.com/card.json"),
    ]));
    assert!(!o.standalone, "an element never owns the page's URL or storage");
    assert_eq!(o.layout, Layout::Compact);
    assert_eq!(o.hidden, vec![Control::Discounts, Control::Share, Control::Add, Control::Header]);
    assert_eq!(o.providers, vec!["tencent-tokenhub".to_string(), "hunyuan-image-global".to_string()]);
    assert_eq!(o.brand.as_deref(), Some("Acme Cloud"));
    assert!(o.offers("hunyuan-image-global") && !o.offers("gateway"));
    assert_eq!(o.home_provider(), Some("tencent-tokenhub"));
    assert_eq!(o.models, vec!["GLM-5".to_string(), "Deepseek-v3.2".to_string()]);
    assert_eq!(o.currency, Some(Currency::Usd));
    assert_eq!(o.catalog, CatalogSource::Url("https://example.com/card.json".into()));
    assert!(o.problems.is_empty(), "{:?}", o.problems);

    let bad = options_from(&attrs(&[("currency", "EUR"), ("layout", "wide"), ("hidden", "prices"), ("locale", "en")]));
    assert_eq!(bad.currency, None);
    assert_eq!(bad.layout, Layout::Full);
    assert_eq!(bad.problems.len(), 3, "{:?}", bad.problems);
    let shown: Vec<String> = bad.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "layout: unknown layout \"wide\" (use full or compact)",
            "hidden: unknown control \"prices\" (known: currency, discounts, free, share, quote, chart, breakdown, language, add, header, tools)",
            "currency: unknown currency \"EUR\": use USD or CNY",
        ]
    );

    let inline =
        options_from(&attrs(&[("catalogJson", "{\"provider\":\"x\"}"), ("lines", "#p=tencent-tokenhub&m=GLM-5")]));
    assert_eq!(inline.catalog, CatalogSource::Inline("{\"provider\":\"x\"}".into()));
    assert_eq!(inline.lines.as_deref(), Some("p=tencent-tokenhub&m=GLM-5"));
}

#[wasm_bindgen_test]
fn named_models_open_one_line_each_with_typical_usage() {
    use ratecard::app::embed::{options_from, starter};
    let c = cat();
    let o = options_from(&attrs(&[("models", "glm-5,No-Such-Model,Deepseek-v3.2"), ("locale", "en")]));
    let start = starter(&c, &o);
    let models: Vec<_> = start.estimate.lines.iter().map(|l| l.model.as_str()).collect();
    assert_eq!(models, ["GLM-5", "Deepseek-v3.2"], "names as published, unknown ones left out");
    assert!(start.estimate.lines.iter().all(|l| l.requests.is_some()), "each line starts with usage");
    assert!(matches!(
        &start.problems[..],
        [LinkProblem::UnknownHostModel { model, provider, known, .. }]
            if model == "No-Such-Model" && provider == "tencent-tokenhub" && known.len() == 12
    ));
    assert!(
        start.problems[0]
            .to_string()
            .starts_with("models: rate card \"tencent-tokenhub\" has no model \"No-Such-Model\" (its models: "),
        "{}",
        start.problems[0]
    );
    assert_eq!(start.estimate.currency, None, "the currency follows the first line's card");
    let b = quote(&c, &start.estimate);
    assert!(b.errors.is_empty(), "{:?}", b.errors);
}

#[wasm_bindgen_test]
fn an_unknown_provider_is_named_and_nothing_else_is_put_in_its_place() {
    use ratecard::app::embed::{check_providers, options_from, starter};
    let c = cat();
    let mut o = options_from(&attrs(&[("provider", "hunyuan-image"), ("models", "Image Style Transfer")]));
    let problems = check_providers(&c, &mut o);
    assert!(matches!(
        &problems[..],
        [LinkProblem::UnknownHostProvider { key, given, .. }] if key == "provider" && given == "hunyuan-image"
    ));
    let start = starter(&c, &o);
    assert!(start.estimate.lines.is_empty(), "no line from another card");
}

/// Mounts a `<Widget>` set up from element attributes on a fresh host element.
fn mount_widget(pairs: &[(&str, &str)]) -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let options = ratecard::app::embed::options_from(&attrs(pairs));
    std::mem::forget(leptos::mount::mount_to(host.clone(), move || {
        leptos::view! { <ratecard::app::Widget options=options.clone() /> }
    }));
    host
}

/// A link's `view=curve` opens the curve tool, which draws the core's curve of the line; the other
/// tools stay closed and have computed nothing.
#[wasm_bindgen_test]
async fn a_link_opens_the_curve_tool_at_the_tier_bound() {
    // Seed 004 (Hunyuan image, global): Image Style Transfer at 0.08 USD an image below 10,000 a
    // month, 0.06 USD from 10,000, for every image of the month (all-units tiers).
    let host = mount_widget(&[
        ("lines", "v=1&p=hunyuan-image-global&m=image-style-transfer&img=9990&trial=0&view=curve"),
        ("locale", "en"),
    ]);
    TimeoutFuture::new(0).await;
    let tool: web_sys::HtmlDetailsElement = query(&host, "[data-testid=tool-curve]").unchecked_into();
    assert!(tool.open(), "view=curve opens the tool");
    // 9,990 x 0.08 = 799.20 a month today; the curve runs to 3 x 9,990 = 29,970.
    let curve = query(&host, "[data-testid=curve]").text_content().unwrap();
    assert!(curve.contains("Today 9,990 images cost $799.20 a month."), "{curve}");
    assert!(curve.contains("from 0 to 29,970"), "{curve}");
    // The tier bound is marked where it falls: 10,000 x 0.06 = 600.00, and one image below it
    // 9,999 x 0.08 = 799.92.
    let table = query(&host, "[data-testid=curve-table]").text_content().unwrap();
    assert!(table.contains("10,000") && table.contains("$600.00"), "{table}");
    assert!(table.contains("9,999") && table.contains("$799.92"), "{table}");
    for closed in ["trial", "concurrency", "runway", "usage"] {
        let t: web_sys::HtmlDetailsElement = query(&host, &format!("[data-testid=tool-{closed}]")).unchecked_into();
        assert!(!t.open(), "{closed} stays closed");
        assert!(t.query_selector(".rc-decide__body").unwrap().is_none(), "{closed} has drawn nothing");
    }
}

/// The concurrency tool sizes the peak by Little's law from the core (seed 002: Image Style
/// Transfer includes 3 concurrent tasks and sells more as add-ons). Its inputs start at 1,000
/// tasks in the peak hour of 45 seconds each: 1,000 x 45 / 3,600 = 12.5, so 13 at once. At 9
/// seconds, 1,000 x 9 / 3,600 = 2.5, so 3: the included ones.
#[wasm_bindgen_test]
async fn the_concurrency_tool_sizes_the_peak_hour() {
    let host = mount_widget(&[
        ("lines", "v=1&p=hunyuan-image-global&m=image-style-transfer&img=2500&trial=0&view=concurrency"),
        ("locale", "en"),
    ]);
    TimeoutFuture::new(0).await;
    let needed = || query(&host, "[data-testid=concurrency-needed]").text_content().unwrap();
    assert_eq!(needed(), "Concurrency needed: 13 (3 included, 10 add-ons).");
    let seconds: web_sys::HtmlInputElement = query(&host, "[data-testid=concurrency-seconds]").unchecked_into();
    seconds.set_value("9");
    seconds.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    TimeoutFuture::new(0).await;
    assert_eq!(needed(), "Concurrency needed: 3 (3 included, 0 add-ons).");
}
