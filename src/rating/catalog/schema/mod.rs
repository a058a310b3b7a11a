//! The rate-card file format, exactly as written in `pricing/*.toml` (or a host's JSON).
//!
//! These types only describe syntax. Every struct rejects unknown fields, and prices must be
//! decimal strings. [`super::build`] turns them into the checked [`super::Catalog`].
//!
//! This file holds the types a card is read into; `read.rs` holds how they are read: the
//! strict struct reader (unknown, repeated and missing keys are errors) and the price and count
//! texts ([`PriceText`], [`CountText`]).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::rating::money::Currency;

mod read;

pub use read::{CountText, PriceText};

/// What a model is for: the widget's filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, Default)]
pub enum ModelKind {
    /// Language models priced by tokens. (The default only fills a blank model before it is read;
    /// `kind` is required in a card.)
    #[default]
    #[serde(rename = "text")]
    Text,
    /// Image generation and editing.
    #[serde(rename = "image")]
    Image,
    /// Video generation.
    #[serde(rename = "video")]
    Video,
    /// 3D generation.
    #[serde(rename = "3d")]
    ThreeD,
    /// Platform services, plans and anything else.
    #[serde(rename = "other")]
    Other,
}

impl ModelKind {
    /// The name used in files and filters.
    pub fn as_str(self) -> &'static str {
        match self {
            ModelKind::Text => "text",
            ModelKind::Image => "image",
            ModelKind::Video => "video",
            ModelKind::ThreeD => "3d",
            ModelKind::Other => "other",
        }
    }
}

/// When a charge is settled. Discounts apply to post-paid charges only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Settlement {
    /// Billed after use.
    #[default]
    Postpaid,
    /// Paid in advance (packages, subscriptions, reserved serving).
    Prepaid,
}

/// A video resolution a price can depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
pub enum Resolution {
    /// 360p.
    #[serde(rename = "360p")]
    P360,
    /// 480p.
    #[serde(rename = "480p")]
    P480,
    /// 540p.
    #[serde(rename = "540p")]
    P540,
    /// 720p.
    #[serde(rename = "720p")]
    P720,
    /// 1080p.
    #[serde(rename = "1080p")]
    P1080,
    /// 2K.
    #[serde(rename = "2k")]
    K2,
    /// 4K.
    #[serde(rename = "4k")]
    K4,
}

impl Resolution {
    /// Every resolution, in order.
    pub const ALL: [Resolution; 7] = [
        Resolution::P360,
        Resolution::P480,
        Resolution::P540,
        Resolution::P720,
        Resolution::P1080,
        Resolution::K2,
        Resolution::K4,
    ];

    /// The name used in files and estimates, e.g. `"720p"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::P360 => "360p",
            Resolution::P480 => "480p",
            Resolution::P540 => "540p",
            Resolution::P720 => "720p",
            Resolution::P1080 => "1080p",
            Resolution::K2 => "2k",
            Resolution::K4 => "4k",
        }
    }

    /// Parses a name, ignoring case.
    pub fn from_name(name: &str) -> Option<Resolution> {
        Resolution::ALL.into_iter().find(|r| r.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

/// How monthly volume tiers price a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VolumeMode {
    /// Every unit of the month at the price of the tier the month's total falls in (seed 002).
    AllUnits,
    /// Each unit at the price of the tier it falls in.
    Graduated,
}

/// Whether a free quota is each model's own or one shared pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaScope {
    /// Every listed model has the full amount.
    EachModel,
    /// One pool for all listed models, drawn in line order.
    Shared,
}

/// What a free quota counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuotaUnit {
    /// Tokens of any kind.
    Tokens,
    /// Generated images.
    Images,
    /// Credits.
    Credits,
    /// Calls or requests.
    Calls,
}

impl QuotaUnit {
    /// The plural noun, e.g. `"tokens"`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuotaUnit::Tokens => "tokens",
            QuotaUnit::Images => "images",
            QuotaUnit::Credits => "credits",
            QuotaUnit::Calls => "calls",
        }
    }
}

/// One rate card file.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct RawCard {
    pub provider: String,
    pub name: String,
    pub currency: Currency,
    pub source: String,
    pub as_of: String,
    pub notes: Vec<String>,
    pub usd_cny: Option<PriceText>,
    pub credit_values: BTreeMap<String, PriceText>,
    pub free_quotas: Vec<RawQuota>,
    pub packages: Vec<RawPackage>,
    pub concurrency_addons: Vec<RawConcurrency>,
    pub models: Vec<RawModel>,
}

/// A free quota as written.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct RawQuota {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub unit: QuotaUnit,
    pub amount: CountText,
    pub validity_days: Option<u32>,
    pub claim_by: Option<String>,
    pub scope: QuotaScope,
    pub models: Vec<String>,
}

/// A prepaid package as written.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct RawPackage {
    pub model: String,
    pub size: u64,
    pub price: PriceText,
    pub validity_days: Option<u32>,
}

/// A concurrency add-on as written.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct RawConcurrency {
    pub model: String,
    pub included: u32,
    pub per_day: PriceText,
    pub per_month: PriceText,
}

/// Token prices, either on a model without tiers or on one tier.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct RawTier {
    pub input_above: Option<u64>,
    pub input_up_to: Option<u64>,
    pub input_per_1m: Option<PriceText>,
    pub output_per_1m: Option<PriceText>,
    pub cache_hit_per_1m: Option<PriceText>,
    pub thinking_per_1m: Option<PriceText>,
    pub input_per_1k: Option<PriceText>,
    pub output_per_1k: Option<PriceText>,
    pub cache_hit_per_1k: Option<PriceText>,
    pub thinking_per_1k: Option<PriceText>,
}

/// Multiples of the input or output price (seed 004).
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct RawMultiples {
    pub cache_read: Option<PriceText>,
    pub cache_write_5m: Option<PriceText>,
    pub cache_write_1h: Option<PriceText>,
    pub audio_input: Option<PriceText>,
    pub image_input: Option<PriceText>,
    pub audio_output: Option<PriceText>,
    pub image_output: Option<PriceText>,
    pub reasoning: Option<PriceText>,
}

/// Request-field multipliers (seed 004).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawFieldMultipliers {
    pub priority: Option<PriceText>,
}

/// One monthly volume tier.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct RawVolumeTier {
    pub from: u64,
    pub to: Option<u64>,
    pub per_image: Option<PriceText>,
    pub per_megapixel: Option<PriceText>,
    pub per_request: Option<PriceText>,
    pub per_call: Option<PriceText>,
    pub per_second: Option<PriceText>,
}

/// A model as written.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct RawModel {
    pub name: String,
    pub id: Option<String>,
    pub kind: ModelKind,
    pub category: Option<String>,
    pub note: Option<String>,
    pub settlement: Option<Settlement>,
    pub generic: bool,
    pub needs_template: bool,
    pub example: bool,
    pub source: Option<String>,
    pub as_of: Option<String>,

    pub input_per_1m: Option<PriceText>,
    pub output_per_1m: Option<PriceText>,
    pub cache_hit_per_1m: Option<PriceText>,
    pub thinking_per_1m: Option<PriceText>,
    pub input_per_1k: Option<PriceText>,
    pub output_per_1k: Option<PriceText>,
    pub cache_hit_per_1k: Option<PriceText>,
    pub thinking_per_1k: Option<PriceText>,
    pub tiers: Option<Vec<RawTier>>,
    pub multiples: Option<RawMultiples>,
    pub field_multipliers: Option<RawFieldMultipliers>,

    pub per_image: Option<PriceText>,
    pub per_megapixel: Option<PriceText>,
    pub per_request: Option<PriceText>,
    pub per_call: Option<PriceText>,
    pub per_second: Option<PriceText>,
    pub per_hour: Option<PriceText>,
    pub per_month: Option<PriceText>,
    pub per_compute_unit: Option<PriceText>,
    pub per_unit: Option<PriceText>,
    pub unit_name: Option<String>,
    pub unit_name_zh: Option<String>,
    pub per_call_by_resolution: Option<BTreeMap<Resolution, PriceText>>,
    pub per_second_by_resolution: Option<BTreeMap<Resolution, PriceText>>,

    pub credit: Option<String>,
    pub credits_per_call: Option<PriceText>,
    pub credits_per_second: Option<PriceText>,
    pub credits_per_call_by_resolution: Option<BTreeMap<Resolution, PriceText>>,
    pub credits_per_second_by_resolution: Option<BTreeMap<Resolution, PriceText>>,
    pub credits_per_call_min: Option<PriceText>,
    pub credits_per_call_max: Option<PriceText>,

    pub volume_pricing: Option<VolumeMode>,
    pub volume_tiers: Option<Vec<RawVolumeTier>>,

    /// Prices that take effect on a date, in date order (`[[models.changes]]`).
    pub changes: Option<Vec<RawChange>>,
}

/// A model's prices from a date on (`[[models.changes]]`): `from` is the first day of a month,
/// and the fields replace the model's fields of the same names, which it must have.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct RawChange {
    pub from: String,
    pub source: Option<String>,
    pub input_per_1m: Option<PriceText>,
    pub output_per_1m: Option<PriceText>,
    pub cache_hit_per_1m: Option<PriceText>,
    pub thinking_per_1m: Option<PriceText>,
    pub input_per_1k: Option<PriceText>,
    pub output_per_1k: Option<PriceText>,
    pub cache_hit_per_1k: Option<PriceText>,
    pub thinking_per_1k: Option<PriceText>,
    pub tiers: Option<Vec<RawTier>>,
    pub per_image: Option<PriceText>,
    pub per_megapixel: Option<PriceText>,
    pub per_request: Option<PriceText>,
    pub per_call: Option<PriceText>,
    pub per_second: Option<PriceText>,
    pub per_hour: Option<PriceText>,
    pub per_month: Option<PriceText>,
    pub per_compute_unit: Option<PriceText>,
    pub per_unit: Option<PriceText>,
    pub volume_tiers: Option<Vec<RawVolumeTier>>,
}

impl RawChange {
    /// The model as it is priced from this change on: `model` with this change's fields in
    /// place of its own. Returns the names of the fields the change gives that the model lacks.
    pub fn apply(&self, model: &RawModel) -> (RawModel, Vec<&'static str>) {
        let mut out = model.clone();
        out.changes = None;
        let mut missing = Vec::new();
        macro_rules! put {
            ($($f:ident),*) => {$(
                if let Some(v) = &self.$f {
                    if model.$f.is_none() {
                        missing.push(stringify!($f));
                    }
                    out.$f = Some(v.clone());
                }
            )*};
        }
        put!(
            input_per_1m,
            output_per_1m,
            cache_hit_per_1m,
            thinking_per_1m,
            input_per_1k,
            output_per_1k,
            cache_hit_per_1k,
            thinking_per_1k,
            tiers,
            per_image,
            per_megapixel,
            per_request,
            per_call,
            per_second,
            per_hour,
            per_month,
            per_compute_unit,
            per_unit,
            volume_tiers
        );
        (out, missing)
    }
}

impl RawModel {
    /// The model-level token price fields, as a tier with no bounds.
    pub fn flat_tier(&self) -> RawTier {
        RawTier {
            input_above: None,
            input_up_to: None,
            input_per_1m: self.input_per_1m,
            output_per_1m: self.output_per_1m,
            cache_hit_per_1m: self.cache_hit_per_1m,
            thinking_per_1m: self.thinking_per_1m,
            input_per_1k: self.input_per_1k,
            output_per_1k: self.output_per_1k,
            cache_hit_per_1k: self.cache_hit_per_1k,
            thinking_per_1k: self.thinking_per_1k,
        }
    }
}

impl RawTier {
    /// Whether any token price field is set.
    pub fn has_prices(&self) -> bool {
        [
            self.input_per_1m,
            self.output_per_1m,
            self.cache_hit_per_1m,
            self.thinking_per_1m,
            self.input_per_1k,
            self.output_per_1k,
            self.cache_hit_per_1k,
            self.thinking_per_1k,
        ]
        .iter()
        .any(Option::is_some)
    }
}
