//! Which usage fields a model is priced on, as a bit mask over the line's fields.

use crate::rating::catalog::{Denomination, Measure, Model, Price, Pricing, Special, UnitRate};
use crate::rating::line_fields::Field;

/// The usage fields a model uses, with a phrase saying how it is priced.
pub fn fields_used(model: &Model) -> Vec<&'static str> {
    let mask = allowed(model).0;
    Field::ALL.iter().filter(|f| mask & f.bit() != 0).map(|f| f.name()).collect()
}

/// The fields `model` uses as a bit mask, and what it is priced per (`None`: by tokens).
pub(super) fn allowed(model: &Model) -> (u64, Option<Measure>) {
    let mut mask = 0u64;
    let mut add = |fs: &[Field]| {
        for f in fs {
            mask |= f.bit();
        }
    };
    if model.quota.is_some() {
        add(&[Field::FreeTrial, Field::FreeRemaining]);
    }
    if !model.packages.is_empty() {
        add(&[Field::PrepaidRemaining, Field::Packages]);
    }
    if model.concurrency.is_some() {
        add(&[Field::ExtraConcurrency, Field::ConcurrencyDays]);
    }
    if model.priority.is_some() {
        add(&[Field::Priority]);
    }
    let how = match &model.pricing {
        Pricing::Tokens(tp) => {
            add(&[Field::Requests, Field::InputTokens, Field::OutputTokens, Field::ThinkingTokens]);
            let tier_has = |f: fn(&crate::rating::catalog::TokenTier) -> bool| tp.tiers.iter().any(f);
            let entered = tier_has(|t| matches!(t.input, Price::Unpublished) || matches!(t.output, Price::Unpublished));
            if tier_has(|t| t.cache_hit.is_some()) || tp.multiples.get(Special::CacheRead).is_some() || entered {
                add(&[Field::CachedTokens]);
            }
            for (kind, f) in [
                (Special::CacheWrite5m, Field::CacheWrite5m),
                (Special::CacheWrite1h, Field::CacheWrite1h),
                (Special::AudioInput, Field::AudioInput),
                (Special::ImageInput, Field::ImageInput),
                (Special::AudioOutput, Field::AudioOutput),
                (Special::ImageOutput, Field::ImageOutput),
            ] {
                if tp.multiples.get(kind).is_some() {
                    add(&[f]);
                }
            }
            if entered {
                add(&[Field::Prices]);
            }
            None
        }
        Pricing::Units(up) => {
            let fixed_unpublished = matches!(up.rate, UnitRate::Fixed(Price::Unpublished));
            let credits = matches!(up.denomination, Denomination::Credits { .. });
            if fixed_unpublished && !credits {
                add(&[Field::UnitPrice]);
            }
            if credits && (fixed_unpublished || matches!(up.rate, UnitRate::Range { .. })) {
                add(&[Field::Credits]);
            }
            if matches!(up.rate, UnitRate::ByResolution(_)) {
                add(&[Field::Resolution]);
            }
            if model.needs_template {
                add(&[Field::Template]);
            }
            match up.measure {
                Measure::Image => {
                    add(&[Field::Images]);
                    Some(up.measure)
                }
                Measure::Megapixel => {
                    add(&[Field::Images, Field::Width, Field::Height, Field::Megapixels]);
                    Some(up.measure)
                }
                Measure::Request => {
                    add(&[Field::Requests]);
                    Some(up.measure)
                }
                Measure::Call => {
                    add(&[Field::Calls]);
                    Some(up.measure)
                }
                Measure::Second => {
                    add(&[Field::Calls, Field::Seconds]);
                    Some(up.measure)
                }
                Measure::Hour => {
                    add(&[Field::Hours]);
                    Some(up.measure)
                }
                Measure::ComputeUnit => {
                    add(&[Field::ComputeUnits, Field::Replicas]);
                    Some(up.measure)
                }
                Measure::Month => {
                    add(&[Field::Quantity]);
                    Some(up.measure)
                }
                Measure::Unit => {
                    add(&[Field::Quantity]);
                    Some(up.measure)
                }
            }
        }
    };
    (mask, how)
}
