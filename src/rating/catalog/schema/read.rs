//! How rate-card files are read: strictly, and with prices as exact decimal text.
//!
//! The `read_struct!` macro writes the `Deserialize` of each raw card struct by hand (an unknown,
//! repeated or missing key is an error, with serde's own messages), and [`PriceText`] and
//! [`CountText`] read a price or an amount as the card writes it, or `"unpublished"`.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

use super::{
    QuotaScope, QuotaUnit, RawCard, RawChange, RawConcurrency, RawModel, RawMultiples, RawPackage, RawQuota, RawTier,
    RawVolumeTier,
};
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
