//! Which usage fields a model is priced on, as a bit mask over the line's fields.

use crate::rating::catalog::{Denomination, Measure, Model, Price, Pricing, Special, UnitRate};
use crate::rating::estimate::Line;

/// A usage field of a line, for checking which ones a model uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum F {
    Requests,
    InputTokens,
    OutputTokens,
    CachedTokens,
    ThinkingTokens,
    CacheWrite5m,
    CacheWrite1h,
    AudioInput,
    ImageInput,
    AudioOutput,
    ImageOutput,
    Images,
    Width,
    Height,
    Megapixels,
    Calls,
    Seconds,
    Resolution,
    Template,
    Credits,
    FreeTrial,
    FreeRemaining,
    PrepaidRemaining,
    Packages,
    ExtraConcurrency,
    ConcurrencyDays,
    Priority,
    Hours,
    Replicas,
    ComputeUnits,
    Quantity,
    UnitPrice,
    Prices,
}

impl F {
    pub(super) fn name(self) -> &'static str {
        match self {
            F::Requests => "requests",
            F::InputTokens => "input_tokens",
            F::OutputTokens => "output_tokens",
            F::CachedTokens => "cached_tokens",
            F::ThinkingTokens => "thinking_tokens",
            F::CacheWrite5m => "cache_write_5m_tokens",
            F::CacheWrite1h => "cache_write_1h_tokens",
            F::AudioInput => "audio_input_tokens",
            F::ImageInput => "image_input_tokens",
            F::AudioOutput => "audio_output_tokens",
            F::ImageOutput => "image_output_tokens",
            F::Images => "images",
            F::Width => "width",
            F::Height => "height",
            F::Megapixels => "megapixels",
            F::Calls => "calls",
            F::Seconds => "seconds",
            F::Resolution => "resolution",
            F::Template => "template",
            F::Credits => "credits",
            F::FreeTrial => "free_trial",
            F::FreeRemaining => "free_remaining",
            F::PrepaidRemaining => "prepaid_remaining",
            F::Packages => "packages",
            F::ExtraConcurrency => "extra_concurrency",
            F::ConcurrencyDays => "concurrency_days",
            F::Priority => "priority",
            F::Hours => "hours",
            F::Replicas => "replicas",
            F::ComputeUnits => "compute_units",
            F::Quantity => "quantity",
            F::UnitPrice => "unit_price",
            F::Prices => "prices",
        }
    }

    pub(super) fn bit(self) -> u64 {
        1 << (self as u8)
    }
}

/// The usage fields a line sets.
pub(super) fn present(line: &Line) -> [(F, bool); 33] {
    [
        (F::Requests, line.requests.is_some()),
        (F::InputTokens, line.input_tokens.is_some()),
        (F::OutputTokens, line.output_tokens.is_some()),
        (F::CachedTokens, line.cached_tokens.is_some()),
        (F::ThinkingTokens, line.thinking_tokens.is_some()),
        (F::CacheWrite5m, line.cache_write_5m_tokens.is_some()),
        (F::CacheWrite1h, line.cache_write_1h_tokens.is_some()),
        (F::AudioInput, line.audio_input_tokens.is_some()),
        (F::ImageInput, line.image_input_tokens.is_some()),
        (F::AudioOutput, line.audio_output_tokens.is_some()),
        (F::ImageOutput, line.image_output_tokens.is_some()),
        (F::Images, line.images.is_some()),
        (F::Width, line.width.is_some()),
        (F::Height, line.height.is_some()),
        (F::Megapixels, line.megapixels.is_some()),
        (F::Calls, line.calls.is_some()),
        (F::Seconds, line.seconds.is_some()),
        (F::Resolution, line.resolution.is_some()),
        (F::Template, line.template.is_some()),
        (F::Credits, line.credits.is_some()),
        (F::FreeTrial, line.free_trial.is_some()),
        (F::FreeRemaining, line.free_remaining.is_some()),
        (F::PrepaidRemaining, line.prepaid_remaining.is_some()),
        (F::Packages, !line.packages.is_empty()),
        (F::ExtraConcurrency, line.extra_concurrency.is_some()),
        (F::ConcurrencyDays, line.concurrency_days.is_some()),
        (F::Priority, line.priority.is_some()),
        (F::Hours, line.hours.is_some()),
        (F::Replicas, line.replicas.is_some()),
        (F::ComputeUnits, line.compute_units.is_some()),
        (F::Quantity, line.quantity.is_some()),
        (F::UnitPrice, line.unit_price.is_some()),
        (F::Prices, line.prices.is_some()),
    ]
}

/// The usage fields a model uses, with a phrase saying how it is priced.
pub fn fields_used(model: &Model) -> Vec<&'static str> {
    let mask = allowed(model).0;
    present(&Line::default()).iter().map(|(f, _)| *f).filter(|f| mask & f.bit() != 0).map(F::name).collect()
}

/// The fields `model` uses as a bit mask, and what it is priced per (`None`: by tokens).
pub(super) fn allowed(model: &Model) -> (u64, Option<Measure>) {
    let mut mask = 0u64;
    let mut add = |fs: &[F]| {
        for f in fs {
            mask |= f.bit();
        }
    };
    if model.quota.is_some() {
        add(&[F::FreeTrial, F::FreeRemaining]);
    }
    if !model.packages.is_empty() {
        add(&[F::PrepaidRemaining, F::Packages]);
    }
    if model.concurrency.is_some() {
        add(&[F::ExtraConcurrency, F::ConcurrencyDays]);
    }
    if model.priority.is_some() {
        add(&[F::Priority]);
    }
    let how = match &model.pricing {
        Pricing::Tokens(tp) => {
            add(&[F::Requests, F::InputTokens, F::OutputTokens, F::ThinkingTokens]);
            let tier_has = |f: fn(&crate::rating::catalog::TokenTier) -> bool| tp.tiers.iter().any(f);
            if tier_has(|t| t.cache_hit.is_some()) || tp.multiples.get(Special::CacheRead).is_some() {
                add(&[F::CachedTokens]);
            }
            for (kind, f) in [
                (Special::CacheWrite5m, F::CacheWrite5m),
                (Special::CacheWrite1h, F::CacheWrite1h),
                (Special::AudioInput, F::AudioInput),
                (Special::ImageInput, F::ImageInput),
                (Special::AudioOutput, F::AudioOutput),
                (Special::ImageOutput, F::ImageOutput),
            ] {
                if tp.multiples.get(kind).is_some() {
                    add(&[f]);
                }
            }
            if tier_has(|t| matches!(t.input, Price::Unpublished) || matches!(t.output, Price::Unpublished)) {
                add(&[F::Prices]);
            }
            None
        }
        Pricing::Units(up) => {
            let fixed_unpublished = matches!(up.rate, UnitRate::Fixed(Price::Unpublished));
            let credits = matches!(up.denomination, Denomination::Credits { .. });
            if fixed_unpublished && !credits {
                add(&[F::UnitPrice]);
            }
            if credits && (fixed_unpublished || matches!(up.rate, UnitRate::Range { .. })) {
                add(&[F::Credits]);
            }
            if matches!(up.rate, UnitRate::ByResolution(_)) {
                add(&[F::Resolution]);
            }
            if model.needs_template {
                add(&[F::Template]);
            }
            match up.measure {
                Measure::Image => {
                    add(&[F::Images]);
                    Some(up.measure)
                }
                Measure::Megapixel => {
                    add(&[F::Images, F::Width, F::Height, F::Megapixels]);
                    Some(up.measure)
                }
                Measure::Request => {
                    add(&[F::Requests]);
                    Some(up.measure)
                }
                Measure::Call => {
                    add(&[F::Calls]);
                    Some(up.measure)
                }
                Measure::Second => {
                    add(&[F::Calls, F::Seconds]);
                    Some(up.measure)
                }
                Measure::Hour => {
                    add(&[F::Hours]);
                    Some(up.measure)
                }
                Measure::ComputeUnit => {
                    add(&[F::ComputeUnits, F::Replicas]);
                    Some(up.measure)
                }
                Measure::Month => {
                    add(&[F::Quantity]);
                    Some(up.measure)
                }
                Measure::Unit => {
                    add(&[F::Quantity]);
                    Some(up.measure)
                }
            }
        }
    };
    (mask, how)
}
