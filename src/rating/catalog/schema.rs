//! The rate-card file format, exactly as written in `pricing/*.toml` (or a host's JSON).
//!
//! These types only describe syntax. Every struct rejects unknown fields, and prices must be
//! decimal strings. [`super::build`] turns them into the checked [`super::Catalog`].

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

use crate::rating::money::Currency;

/// Reads a field name as its position in a struct's field list, refusing an unknown one while the
/// key is read (so that an error path, where one is tracked, ends at the unknown key).
struct FieldIndex(&'static [&'static str]);

impl<'de> de::DeserializeSeed<'de> for FieldIndex {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldIndex {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.0.iter().position(|f| *f == v).ok_or_else(|| E::unknown_field(v, self.0))
    }
}

/// Implements `Deserialize` for a rate-card struct, starting from a blank value (its `Default`,
/// or placeholders for the required fields): each key is looked up in the field list, an unknown
/// or repeated key is an error (as with `deny_unknown_fields`, with serde's own messages), and the
/// `required` fields must be present; the others keep their default (`None`, `false`, empty) when
/// absent.
///
/// It is written out rather than derived because the derived code repeats the clean-up of every
/// field at every point where reading can fail; for a 50-field model that made the card reader
/// the largest code in the widget. Here a failure drops one struct.
macro_rules! read_struct {
    ($ty:ident, $blank:expr, required [$($req:ident),*], [$($field:ident),* $(,)?]) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const FIELDS: &[&str] = &[$(stringify!($field)),*];
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ty)))
                    }
                    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
                        let mut out: $ty = $blank;
                        // The list must name every field: this pattern has no `..`, so a field
                        // added to the struct and not to the list does not compile.
                        let $ty { $($field: _),* } = &out;
                        let mut seen = [false; FIELDS.len()];
                        while let Some(i) = map.next_key_seed(FieldIndex(FIELDS))? {
                            if std::mem::replace(&mut seen[i], true) {
                                return Err(de::Error::duplicate_field(FIELDS[i]));
                            }
                            match FIELDS[i] {
                                $(stringify!($field) => out.$field = map.next_value()?,)*
                                _ => {}
                            }
                        }
                        $(
                            if !FIELDS.iter().zip(seen).any(|(f, seen)| seen && *f == stringify!($req)) {
                                return Err(de::Error::missing_field(stringify!($req)));
                            }
                        )*
                        Ok(out)
                    }
                }
                d.deserialize_struct(stringify!($ty), FIELDS, V)
            }
        }
    };
}

read_struct!(
    RawCard,
    RawCard {
        provider: String::new(),
        name: String::new(),
        currency: Currency::Usd,
        source: String::new(),
        as_of: String::new(),
        notes: Vec::new(),
        usd_cny: None,
        credit_values: BTreeMap::new(),
        free_quotas: Vec::new(),
        packages: Vec::new(),
        concurrency_addons: Vec::new(),
        models: Vec::new(),
    },
    required [provider, name, currency, source, as_of, models],
    [provider, name, currency, source, as_of, notes, usd_cny, credit_values, free_quotas, packages, concurrency_addons, models]
);
read_struct!(
    RawQuota,
    RawQuota {
        id: String::new(),
        name: String::new(),
        name_zh: None,
        unit: QuotaUnit::Tokens,
        amount: CountText::Unpublished,
        validity_days: None,
        claim_by: None,
        scope: QuotaScope::EachModel,
        models: Vec::new(),
    },
    required [id, name, unit, amount, scope, models],
    [id, name, name_zh, unit, amount, validity_days, claim_by, scope, models]
);
read_struct!(
    RawPackage,
    RawPackage { model: String::new(), size: 0, price: PriceText::Unpublished, validity_days: None },
    required [model, size, price],
    [model, size, price, validity_days]
);
read_struct!(
    RawConcurrency,
    RawConcurrency {
        model: String::new(),
        included: 0,
        per_day: PriceText::Unpublished,
        per_month: PriceText::Unpublished,
    },
    required [model, included, per_day, per_month],
    [model, included, per_day, per_month]
);
read_struct!(RawModel, Default::default(), required [name, kind], [
    name, id, kind, category, note, settlement, generic, needs_template, example, source, as_of, input_per_1m, output_per_1m, cache_hit_per_1m, thinking_per_1m, input_per_1k, output_per_1k, cache_hit_per_1k, thinking_per_1k, tiers, multiples, field_multipliers, per_image, per_megapixel, per_request, per_call, per_second, per_hour, per_month, per_compute_unit, per_unit, unit_name, unit_name_zh, per_call_by_resolution, per_second_by_resolution, credit, credits_per_call, credits_per_second, credits_per_call_by_resolution, credits_per_second_by_resolution, credits_per_call_min, credits_per_call_max, volume_pricing, volume_tiers, changes,
]);
read_struct!(
    RawChange,
    Default::default(),
    required[from],
    [
        from,
        source,
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
        volume_tiers,
    ]
);
read_struct!(RawTier, Default::default(), required [], [
    input_above, input_up_to, input_per_1m, output_per_1m, cache_hit_per_1m, thinking_per_1m, input_per_1k, output_per_1k, cache_hit_per_1k, thinking_per_1k,
]);
read_struct!(RawMultiples, Default::default(), required [], [
    cache_read, cache_write_5m, cache_write_1h, audio_input, image_input, audio_output, image_output, reasoning,
]);
read_struct!(
    RawVolumeTier,
    Default::default(),
    required[from],
    [from, to, per_image, per_megapixel, per_request, per_call, per_second,]
);

/// A price as a card writes it: a decimal string, or `"unpublished"` when the source document
/// gives the rule but not the price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceText {
    /// A published price.
    Published(Decimal),
    /// The source names this price but does not publish it.
    Unpublished,
}

impl<'de> Deserialize<'de> for PriceText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PriceText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal string such as \"0.2\", or \"unpublished\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PriceText, E> {
                if v == "unpublished" {
                    return Ok(PriceText::Unpublished);
                }
                // Prices are plain decimals, as the sources print them: no exponent.
                if v.contains(['e', 'E']) {
                    return Err(E::custom(format!("\"{v}\" is not a decimal number")));
                }
                crate::rating::num::parse_exact(v).map(PriceText::Published).map_err(|e| match e {
                    crate::rating::num::BadNumber::NotANumber => E::custom(format!("\"{v}\" is not a decimal number")),
                    crate::rating::num::BadNumber::OutOfRange => {
                        E::custom(format!("\"{v}\" {}", crate::rating::num::TOO_MANY_DIGITS))
                    }
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PriceText, E> {
                Err(E::custom(format!("prices are decimal strings: write \"{v}\", not {v}")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PriceText, E> {
                Err(E::custom(format!("prices are decimal strings: write \"{v}\", not {v}")))
            }
        }
        d.deserialize_any(V)
    }
}

/// A whole-number amount, or `"unpublished"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountText {
    /// A published count.
    Published(u64),
    /// The source says there is an amount but does not publish it.
    Unpublished,
}

impl<'de> Deserialize<'de> for CountText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = CountText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number, or \"unpublished\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CountText, E> {
                match v {
                    "unpublished" => Ok(CountText::Unpublished),
                    _ => v
                        .parse()
                        .map(CountText::Published)
                        .map_err(|_| E::custom(format!("\"{v}\" is not a whole number"))),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<CountText, E> {
                Ok(CountText::Published(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<CountText, E> {
                u64::try_from(v).map(CountText::Published).map_err(|_| E::custom(format!("{v} is negative")))
            }
        }
        d.deserialize_any(V)
    }
}

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
