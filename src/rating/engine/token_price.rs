//! Token pricing: the input-length tier, published or entered prices, cache hits, thinking and
//! the gateway's multiples, with free tokens spread over the components.

use rust_decimal::Decimal;

use super::ledger::spread;
use super::limit;
use super::line::LinePricer;
use crate::rating::breakdown::{Component, ComponentKind, Note, Per, TierChoice, TierText, Unit};
use crate::rating::catalog::{Price, Special, TokenPricing};
use crate::rating::line_fields::Field;
use crate::rating::num;
use crate::rating::problem::{Needs, Problem};
use crate::rating::quote_error::QuoteError;

impl LinePricer<'_, '_> {
    pub(super) fn tokens(
        &mut self,
        tp: &TokenPricing,
        priority: Decimal,
    ) -> Result<(TierChoice, Vec<Component>), QuoteError> {
        let l = self.line;
        let requests = self.value(Field::Requests, l.requests, limit::REQUESTS, true)?;
        let requests = self.required(Field::Requests, requests, Needs::Requests)?;
        let input = self.value(Field::InputTokens, l.input_tokens, limit::TOKENS, true)?;
        let input = self.required(Field::InputTokens, input, Needs::InputTokens)?;
        let tok =
            |s: &Self, f: Field, v: Option<Decimal>| s.value(f, v, limit::TOKENS, true).map(|v| v.unwrap_or_default());
        let output = tok(self, Field::OutputTokens, l.output_tokens)?;
        let cached = tok(self, Field::CachedTokens, l.cached_tokens)?;
        let thinking = tok(self, Field::ThinkingTokens, l.thinking_tokens)?;
        let specials = [
            (Special::CacheWrite5m, tok(self, Field::CacheWrite5m, l.cache_write_5m_tokens)?, Field::CacheWrite5m),
            (Special::CacheWrite1h, tok(self, Field::CacheWrite1h, l.cache_write_1h_tokens)?, Field::CacheWrite1h),
            (Special::AudioInput, tok(self, Field::AudioInput, l.audio_input_tokens)?, Field::AudioInput),
            (Special::ImageInput, tok(self, Field::ImageInput, l.image_input_tokens)?, Field::ImageInput),
            (Special::AudioOutput, tok(self, Field::AudioOutput, l.audio_output_tokens)?, Field::AudioOutput),
            (Special::ImageOutput, tok(self, Field::ImageOutput, l.image_output_tokens)?, Field::ImageOutput),
        ];

        // The tier is chosen per request by the whole input length, cached part included.
        let input_u64 = u64::try_from(input).unwrap_or(u64::MAX);
        let Some(ti) = tp.tiers.iter().position(|t| {
            (input_u64 > t.above || (input_u64 == 0 && t.above == 0)) && t.up_to.is_none_or(|u| input_u64 <= u)
        }) else {
            let limit = tp.tiers.last().and_then(|t| t.up_to).unwrap_or(0);
            let limit = Decimal::from(limit);
            let problem = Problem::AboveLargestTier { tokens: input, model: self.name(), limit };
            return Err(self.err(Field::InputTokens.name(), problem));
        };
        let tier = &tp.tiers[ti];
        let choice = TierChoice {
            index: ti,
            of: tp.tiers.len(),
            label: TierText::Bounds { above: tier.above, up_to: tier.up_to },
            reason: TierText::Input {
                tokens: input_u64,
                above: tier.above,
                up_to: tier.up_to,
                tiered: tp.tiers.len() > 1,
            },
        };

        // Prices, published or entered.
        let entered = l.prices.as_ref();
        let per_1m = Decimal::from(1_000_000u64);
        let pick = |s: &mut Self,
                    p: Option<Price>,
                    given: Option<Decimal>,
                    name: &str|
         -> Result<Option<(Decimal, Decimal)>, QuoteError> {
            match p {
                None => Ok(None),
                Some(Price::Published(v)) => Ok(Some((v, tp.scale.divisor()))),
                Some(Price::Unpublished) => match given {
                    Some(v) if v.is_sign_negative() && !v.is_zero() => {
                        Err(s.err(&format!("prices.{name}"), Problem::Negative { value: v }))
                    }
                    Some(v) if v > limit::PRICE => {
                        Err(s.err(&format!("prices.{name}"), Problem::TooLarge { value: v, limit: limit::PRICE }))
                    }
                    Some(v) => {
                        if !s.flags.iter().any(|f| f.code() == "entered_price") {
                            s.flag(Note::EnteredPrice { card: s.card.name.clone() });
                        }
                        Ok(Some((v, per_1m)))
                    }
                    None => Err(s.err(
                        &format!("prices.{name}"),
                        Problem::TokenPriceNeeded { model: s.name(), key: name.into(), currency: s.card.currency },
                    )),
                },
            }
        };
        let (in_price, in_div) =
            pick(self, Some(tier.input), entered.and_then(|p| p.input_per_1m), "input_per_1m")?.unwrap_or_default();
        let (out_price, out_div) =
            pick(self, Some(tier.output), entered.and_then(|p| p.output_per_1m), "output_per_1m")?.unwrap_or_default();
        // A model whose prices are entered (its card publishes none) may also have a cache-hit
        // price and a thinking price the card cannot give: cached tokens then ask for the cache
        // price, and thinking is billed apart only when a thinking price is entered (otherwise it
        // is output, of which it is a part).
        let entered_model = matches!(tier.input, Price::Unpublished) || matches!(tier.output, Price::Unpublished);
        let (cache_given, think_given) =
            (entered.and_then(|p| p.cache_hit_per_1m), entered.and_then(|p| p.thinking_per_1m));
        let cache_card = match tier.cache_hit {
            None if entered_model && cached > Decimal::ZERO => Some(Price::Unpublished),
            other => other,
        };
        let think_card = match tier.thinking {
            None if entered_model && think_given.is_some() => Some(Price::Unpublished),
            other => other,
        };
        let cache_price = pick(self, cache_card, cache_given, "cache_hit_per_1m")?;
        let think_price = pick(self, think_card, think_given, "thinking_per_1m")?;
        let reasoning = tp.multiples.get(Special::Reasoning);

        // Parts must fit in their wholes.
        let special_in: Decimal =
            cached + specials.iter().filter(|(k, _, _)| !k.is_output()).map(|(_, v, _)| *v).sum::<Decimal>();
        let thinking_apart = think_price.is_some() || reasoning.is_some();
        let special_out: Decimal =
            specials.iter().filter(|(k, _, _)| k.is_output()).map(|(_, v, _)| *v).sum::<Decimal>()
                + if thinking_apart { thinking } else { Decimal::ZERO };
        if special_in > input {
            let problem = Problem::PartsExceed { output: false, parts: special_in, whole: input };
            return Err(self.err(Field::CachedTokens.name(), problem));
        }
        if thinking > output || special_out > output {
            let field = if thinking > output { Field::ThinkingTokens } else { Field::AudioOutput };
            let problem = Problem::PartsExceed { output: true, parts: special_out.max(thinking), whole: output };
            return Err(self.err(field.name(), problem));
        }

        let over = self.over("");
        let monthly = |per_request: Decimal| num::mul(per_request, requests).map_err(&over);
        let base = |kind: ComponentKind,
                    per_req: Decimal,
                    price: Decimal,
                    divisor: Decimal,
                    multiple: Option<Decimal>|
         -> Result<Component, QuoteError> {
            let unit_price = num::scale(num::scale(price, multiple).map_err(&over)?, Some(priority)).map_err(&over)?;
            let quantity = monthly(per_req)?;
            Ok(Component {
                kind,
                label: kind.label(),
                detail: None,
                quantity,
                unit: Unit::Tokens,
                billable: quantity,
                unit_price,
                price_per: if divisor == per_1m { Per::MillionTokens } else { Per::ThousandTokens },
                multiple,
                settlement: self.model.settlement,
                divisor,
                ..Component::blank(self.card.currency)
            })
        };
        let mut comps = Vec::with_capacity(4);
        comps.push(base(ComponentKind::Input, input - special_in, in_price, in_div, None)?);
        if cached > Decimal::ZERO {
            comps.push(match cache_price {
                Some((p, div)) => base(ComponentKind::CachedInput, cached, p, div, None)?,
                None => {
                    base(ComponentKind::CachedInput, cached, in_price, in_div, tp.multiples.get(Special::CacheRead))?
                }
            });
        }
        for (kind, per_req, _) in specials.iter().filter(|(k, _, _)| !k.is_output()) {
            if *per_req > Decimal::ZERO {
                comps.push(base(special_kind(*kind), *per_req, in_price, in_div, tp.multiples.get(*kind))?);
            }
        }
        comps.push(base(ComponentKind::Output, output - special_out, out_price, out_div, None)?);
        if thinking_apart && thinking > Decimal::ZERO {
            comps.push(match think_price {
                Some((p, div)) => base(ComponentKind::Thinking, thinking, p, div, None)?,
                None => base(ComponentKind::Thinking, thinking, out_price, out_div, reasoning)?,
            });
        }
        for (kind, per_req, _) in specials.iter().filter(|(k, _, _)| k.is_output()) {
            if *per_req > Decimal::ZERO {
                comps.push(base(special_kind(*kind), *per_req, out_price, out_div, tp.multiples.get(*kind))?);
            }
        }
        drop(over);

        // Free tokens cover the same fraction of every component.
        let total = num::sum(comps.iter().map(|c| c.quantity)).map_err(self.over(""))?;
        let free = self.draw_free(total)?;
        if free > Decimal::ZERO {
            spread(&mut comps, free, total).map_err(self.over(""))?;
        }
        if choice.of > 1 {
            for c in &mut comps {
                c.tier = Some(choice.clone());
            }
        }
        Ok((choice, comps))
    }
}

fn special_kind(kind: Special) -> ComponentKind {
    match kind {
        Special::CacheRead => ComponentKind::CachedInput,
        Special::CacheWrite5m => ComponentKind::CacheWrite5m,
        Special::CacheWrite1h => ComponentKind::CacheWrite1h,
        Special::AudioInput => ComponentKind::AudioInput,
        Special::ImageInput => ComponentKind::ImageInput,
        Special::AudioOutput => ComponentKind::AudioOutput,
        Special::ImageOutput => ComponentKind::ImageOutput,
        Special::Reasoning => ComponentKind::Thinking,
    }
}
