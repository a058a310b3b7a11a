//! The decision tools (issue 14) in the JavaScript API, next to `js.rs`'s `quote`:
//!
//! ```js
//! costCurve(estimate, 1, 11, "3")   // { line, field, points: [{ quantity, line_total, month_total }], marks }
//! planMix("hunyuan-image-global", "Image Style Transfer", 30000, { channel: "0.9" })
//! sizeConcurrency("hunyuan-image-global", "Image Style Transfer", { per_minute: "30" }, "20", 10)
//! balanceRunway(estimate, "110", "2026-12-01")
//! trialHorizon(estimate, "2026-12")  // { months: [{ month, calendar, cost, quotas: [{ name, left }] }], ends, after }
//! priceUsage(jsonLinesOrCsvText, { "gpt-4o": "tencent-tokenhub/GLM-5" })
//! usageOnEach(jsonLinesOrCsvText, ["tencent-tokenhub/GLM-5", "gateway/claude-sonnet-5-5"])
//! compareModels(estimate)   // or a link: compareModels("#p=tencent-tokenhub&m=GLM-5&in=2k&out=500&m=kimi-k2.5")
//! ```
//!
//! Documents (estimates, discounts, mappings) are JSON text or plain objects; numbers may be
//! strings so no digit goes through a double. Results are plain data with amounts as exact decimal
//! strings. A bad argument throws an `Error` whose message starts with the argument's name. The
//! volume cliff needs no export: it is a flag (`volume_cliff`) on `quote`'s lines.

use rust_decimal::Decimal;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::js::active_catalog;
use crate::rating::catalog::{Catalog, Model, RateCard};
use crate::rating::decide::{self, Throughput};
use crate::rating::num::parse_exact;
use crate::share::usage::{Reader, Usage};

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// An error naming the argument.
fn arg(name: &str, message: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("{name}: {message}"))
}

/// The JSON text of a value: a string is taken as JSON text, anything else is stringified.
fn json_text(name: &str, value: &JsValue) -> Result<String, JsError> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| arg(name, "cannot be written as JSON"))
}

/// A decimal from a string (exact) or a number (its shortest text).
fn decimal(name: &str, value: &JsValue) -> Result<Decimal, JsError> {
    let text = match value.as_string() {
        Some(s) => s,
        None => json_text(name, value)?,
    };
    parse_exact(text.trim()).map_err(|_| arg(name, format!("\"{text}\" is not an exact decimal number")))
}

fn decimal_in(name: &str, v: &serde_json::Value) -> Result<Decimal, JsError> {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    parse_exact(text.trim()).map_err(|_| arg(name, format!("\"{text}\" is not an exact decimal number")))
}

fn estimate(value: &JsValue) -> Result<crate::rating::Estimate, JsError> {
    crate::json::parse_estimate_json(&json_text("estimate", value)?).map_err(|e| arg("estimate", e))
}

fn model<'a>(catalog: &'a Catalog, provider: &str, model: &str) -> Result<(&'a RateCard, &'a Model), JsError> {
    let (_, card) =
        catalog.card(provider).ok_or_else(|| arg("provider", format!("unknown provider \"{provider}\"")))?;
    let (_, m) = card.model(model).ok_or_else(|| arg("model", format!("{} has no model \"{model}\"", card.name)))?;
    Ok((card, m))
}

/// A line's monthly cost against its volume (`points` default 11, `times` default 3).
///
/// # Errors
/// The estimate, line or shape is not usable; the message names the argument.
#[wasm_bindgen(js_name = costCurve)]
pub fn cost_curve(
    estimate_doc: JsValue,
    line: usize,
    points: Option<usize>,
    times: JsValue,
) -> Result<JsValue, JsError> {
    let catalog = active_catalog()?;
    let e = estimate(&estimate_doc)?;
    let times = if times.is_undefined() || times.is_null() { Decimal::from(3) } else { decimal("times", &times)? };
    let c = decide::cost_curve(&catalog, &e, line, points.unwrap_or(11), times).map_err(|err| arg("line", err))?;
    to_js(&c)
}

/// The cheapest package mix after `discounts` (`{channel, user, negotiated}`), with break-evens.
///
/// # Errors
/// Unknown provider or model, a bad discount, or a volume the planner cannot search.
#[wasm_bindgen(js_name = planMix)]
pub fn plan_mix(provider: &str, model_name: &str, yearly: JsValue, discounts: JsValue) -> Result<JsValue, JsError> {
    let catalog = active_catalog()?;
    let (card, m) = model(&catalog, provider, model_name)?;
    let yearly = decimal("yearly", &yearly)?;
    let yearly = u64::try_from(yearly)
        .ok()
        .filter(|_| yearly.fract().is_zero())
        .ok_or_else(|| arg("yearly", format!("{yearly} is not a whole number of units, 0 or more")))?;
    let mut factors = Vec::new();
    if !discounts.is_undefined() && !discounts.is_null() {
        let v: serde_json::Value =
            serde_json::from_str(&json_text("discounts", &discounts)?).map_err(|e| arg("discounts", e))?;
        let obj = v.as_object().ok_or_else(|| arg("discounts", "an object {channel, user, negotiated}"))?;
        for (k, x) in obj {
            if !["channel", "user", "negotiated"].contains(&k.as_str()) {
                return Err(arg("discounts", format!("unknown discount \"{k}\"")));
            }
            factors.push(decimal_in(&format!("discounts.{k}"), x)?);
        }
    }
    to_js(&decide::plan_with_break_even(card, m, yearly, &factors).map_err(|e| arg("discounts", e))?)
}

/// The concurrency a throughput (`{per_minute}` or `{peak_hour}`) of `seconds`-long tasks needs.
///
/// # Errors
/// Unknown provider or model, no add-ons, or an input out of range.
#[wasm_bindgen(js_name = sizeConcurrency)]
pub fn size_concurrency(
    provider: &str,
    model_name: &str,
    throughput: JsValue,
    seconds: JsValue,
    days: Option<u32>,
) -> Result<JsValue, JsError> {
    let catalog = active_catalog()?;
    let (card, m) = model(&catalog, provider, model_name)?;
    let v: serde_json::Value =
        serde_json::from_str(&json_text("throughput", &throughput)?).map_err(|e| arg("throughput", e))?;
    let t = match (v.get("per_minute"), v.get("peak_hour")) {
        (Some(n), None) => Throughput::PerMinute(decimal_in("throughput.per_minute", n)?),
        (None, Some(n)) => Throughput::PeakHour(decimal_in("throughput.peak_hour", n)?),
        _ => return Err(arg("throughput", "give one of {per_minute} or {peak_hour}")),
    };
    let seconds = decimal("seconds", &seconds)?;
    to_js(&decide::size_concurrency(card, m, t, seconds, days.unwrap_or(30)).map_err(|e| arg("throughput", e))?)
}

/// When `balance` runs out at the estimate's post-paid spend, from `start` (`YYYY-MM-DD`).
///
/// # Errors
/// A bad estimate, balance or date, or an estimate with no post-paid spend.
#[wasm_bindgen(js_name = balanceRunway)]
pub fn balance_runway(estimate_doc: JsValue, balance: JsValue, start: &str) -> Result<JsValue, JsError> {
    let catalog = active_catalog()?;
    let e = estimate(&estimate_doc)?;
    let balance = decimal("balance", &balance)?;
    let day =
        decide::parse_civil(start).ok_or_else(|| arg("start", format!("\"{start}\" is not a date YYYY-MM-DD")))?;
    // The spend is the start date's month's, at the prices in force then.
    let mut e = e;
    e.start.get_or_insert_with(|| start.get(..7).unwrap_or_default().to_string());
    let b = crate::rating::quote(&catalog, &e).strict().map_err(|err| arg("estimate", err))?;
    to_js(&decide::balance_runway(&b, balance, day).map_err(|err| arg("estimate", err))?)
}

/// Month by month until every free quota on the estimate has run out or expired. `start`
/// (`YYYY-MM`, optional) replaces the estimate's start, which defaults to the current month.
///
/// # Errors
/// A bad estimate or start, or an estimate that draws on no free quota in month 1.
#[wasm_bindgen(js_name = trialHorizon)]
pub fn trial_horizon(estimate_doc: JsValue, start: JsValue) -> Result<JsValue, JsError> {
    let catalog = active_catalog()?;
    let mut e = estimate(&estimate_doc)?;
    if !(start.is_undefined() || start.is_null()) {
        let text = start.as_string().ok_or_else(|| arg("start", "must be a month written YYYY-MM"))?;
        if crate::rating::month::YearMonth::parse(&text).is_none() {
            return Err(arg("start", format!("\"{text}\" is not a month written YYYY-MM")));
        }
        e.start = Some(text);
    }
    e.start.get_or_insert_with(crate::js::this_month);
    crate::rating::quote(&catalog, &e).strict().map_err(|err| arg("estimate", err))?;
    to_js(&decide::trial_horizon(&catalog, &e).map_err(|err| arg("estimate", err))?)
}

#[derive(Serialize)]
struct Priced {
    records: u64,
    too_long: u64,
    unmatched: Vec<Unmatched>,
    estimate: crate::rating::Estimate,
    breakdown: crate::rating::Breakdown,
}

#[derive(Serialize)]
struct Unmatched {
    name: String,
    records: u64,
    closest: Vec<String>,
}

/// Prices usage records (JSON Lines, or CSV with a header), with an optional `{name:
/// "provider/Model"}` mapping.
///
/// # Errors
/// A record or the mapping cannot be read; the message names the argument and line.
#[wasm_bindgen(js_name = priceUsage)]
pub fn price_usage(records: &str, mapping: JsValue) -> Result<JsValue, JsError> {
    let catalog = active_catalog()?;
    let mut map = Vec::new();
    if !mapping.is_undefined() && !mapping.is_null() {
        let v: serde_json::Value =
            serde_json::from_str(&json_text("mapping", &mapping)?).map_err(|e| arg("mapping", e))?;
        for (k, x) in v.as_object().ok_or_else(|| arg("mapping", "an object {name: \"provider/Model\"}"))? {
            map.push((
                k.clone(),
                x.as_str().ok_or_else(|| arg("mapping", "values are \"provider/Model\""))?.to_string(),
            ));
        }
    }
    let mut usage = Usage::new(&catalog, &map).map_err(|e| arg("mapping", e))?;
    let mut reader = Reader::new(false);
    for line in records.lines() {
        if let Some(r) = reader.line(line).map_err(|e| arg("records", e))? {
            usage.add(&r);
        }
    }
    let estimate = usage.estimate();
    let breakdown = crate::rating::quote(&catalog, &estimate).strict().map_err(|e| arg("records", e))?;
    let unmatched = usage
        .unmatched()
        .iter()
        .map(|u| Unmatched { name: u.name.clone(), records: u.records, closest: u.closest.clone() })
        .collect();
    to_js(&Priced { records: usage.records, too_long: usage.too_long, unmatched, estimate, breakdown })
}

/// The whole traffic of usage records priced on each model named (`["provider/Model", ...]`, by
/// name or id), ranked cheapest first with the difference to the cheapest
/// (`share::traffic::on_each`; free trials left out). Every record is priced on each model,
/// whatever its name, so no mapping is needed.
///
/// # Errors
/// A record or the list of models cannot be read; the message names the argument and line.
#[wasm_bindgen(js_name = usageOnEach)]
pub fn usage_on_each(records: &str, models: JsValue) -> Result<JsValue, JsError> {
    let catalog = active_catalog()?;
    let models: Vec<String> = serde_json::from_str(&json_text("models", &models)?)
        .map_err(|_| arg("models", "a list [\"provider/Model\"]"))?;
    let mut kept = crate::share::usage::Records::default();
    let mut reader = Reader::new(false);
    for line in records.lines() {
        if let Some(r) = reader.line(line).map_err(|e| arg("records", e))? {
            kept.push(&r, usize::MAX).map_err(|e| arg("records", e))?;
        }
    }
    let t = crate::share::traffic::on_each(&catalog, &kept, &models, &crate::rating::Estimate::default(), false)
        .map_err(|e| arg("models", e))?;
    // Through JSON text: the bundle's serde_json keeps numbers as text (`arbitrary_precision`),
    // which a `Value` would hand to serde-wasm-bindgen as a private struct.
    let text = crate::share::traffic::to_json(&t).to_string();
    js_sys::JSON::parse(&text).map_err(|_| arg("models", "the ranking could not be written"))
}

/// The same workload priced on each line's model, ranked cheapest first with the difference to the
/// cheapest (`rating::decide::compare`), never summed. `source` is an estimate, or a link fragment
/// starting with `#`, whose later lines take its first line's workload (compare mode).
///
/// # Errors
/// The estimate cannot be read, or has no lines; the message names the argument.
#[wasm_bindgen(js_name = compareModels)]
pub fn compare_models(source: JsValue) -> Result<JsValue, JsError> {
    let catalog = active_catalog()?;
    let e = match source.as_string().filter(|s| s.trim_start().starts_with('#')) {
        Some(fragment) => {
            let mut link = crate::share::link::decode(&fragment, Some(&catalog));
            if !link.compare {
                crate::share::link::share_the_workload(&mut link.estimate.lines);
            }
            link.estimate
        }
        None => estimate(&source)?,
    };
    to_js(&decide::compare(&catalog, &e).map_err(|err| arg("estimate", err))?)
}
