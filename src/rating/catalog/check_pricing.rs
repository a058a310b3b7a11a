//! Checking a model's pricing: token tiers and scales, volume tiers, special pricing and the
//! unit checks that catch a price written per token or per 1K instead of per 1M.

use rust_decimal::Decimal;

use super::check::{Checker, MAX_PER_1K, MIN_PER_1M};
use super::schema::{PriceText, RawModel, RawTier};
use super::*;

impl Checker {
    pub(super) fn pricing(&mut self, name: &str, raw: &RawModel, credit_values: &[(String, Decimal)]) -> Pricing {
        let m = Some(name);
        // Which ways of pricing does the model give? Exactly one is allowed.
        let mut kinds: Vec<&'static str> = Vec::new();
        if raw.tiers.is_some() || raw.flat_tier().has_prices() {
            kinds.push("token prices");
        }
        let unit_fields: [(&'static str, bool); 17] = [
            ("per_image", raw.per_image.is_some()),
            ("per_megapixel", raw.per_megapixel.is_some()),
            ("per_request", raw.per_request.is_some()),
            ("per_call", raw.per_call.is_some()),
            ("per_second", raw.per_second.is_some()),
            ("per_hour", raw.per_hour.is_some()),
            ("per_month", raw.per_month.is_some()),
            ("per_compute_unit", raw.per_compute_unit.is_some()),
            ("per_unit", raw.per_unit.is_some()),
            ("per_call_by_resolution", raw.per_call_by_resolution.is_some()),
            ("per_second_by_resolution", raw.per_second_by_resolution.is_some()),
            ("credits_per_call", raw.credits_per_call.is_some()),
            ("credits_per_second", raw.credits_per_second.is_some()),
            ("credits_per_call_by_resolution", raw.credits_per_call_by_resolution.is_some()),
            ("credits_per_second_by_resolution", raw.credits_per_second_by_resolution.is_some()),
            ("credits_per_call_min/max", raw.credits_per_call_min.is_some() || raw.credits_per_call_max.is_some()),
            ("volume_tiers", raw.volume_tiers.is_some()),
        ];
        kinds.extend(unit_fields.iter().filter(|(_, set)| *set).map(|(f, _)| *f));
        let fallback = Pricing::Units(UnitPricing {
            measure: Measure::Unit,
            denomination: Denomination::Money,
            rate: UnitRate::Fixed(PriceText::Unpublished),
            unit_name: None,
            unit_name_zh: None,
        });
        match kinds.as_slice() {
            [] => {
                self.err(m, "", "no price: give token prices (input_per_1m, ...) or one unit price (per_image, ...)");
                return fallback;
            }
            [_] => {}
            [a, b, ..] => {
                self.err(m, "", format!("two kinds of price ({a} and {b}): a model has exactly one"));
                return fallback;
            }
        }
        if raw.unit_name.is_some() != raw.per_unit.is_some() {
            self.err(m, "unit_name", "unit_name goes with per_unit, and per_unit needs it");
        }
        if raw.unit_name_zh.is_some() && raw.unit_name.is_none() {
            self.err(m, "unit_name_zh", "unit_name_zh translates unit_name, so it needs unit_name");
        }
        if raw.volume_pricing.is_some() != raw.volume_tiers.is_some() {
            self.err(m, "volume_pricing", "volume_pricing and volume_tiers go together");
        }
        if (raw.multiples.is_some()) && kinds[0] != "token prices" {
            self.err(m, "multiples", "multiples apply to token prices only");
        }

        if kinds[0] == "token prices" {
            return Pricing::Tokens(self.tokens(name, raw));
        }

        // Credits: the credit kind must exist.
        let uses_credits = kinds[0].starts_with("credits_");
        let denomination = match (&raw.credit, uses_credits) {
            (Some(kind), true) => match credit_values.iter().find(|(k, _)| k == kind) {
                Some((_, value)) => Denomination::Credits { kind: kind.clone(), value: *value },
                None => {
                    self.err(m, "credit", format!("credit kind \"{kind}\" has no value in the card's credit_values"));
                    Denomination::Money
                }
            },
            (None, true) => {
                self.err(m, "credit", "a credits price needs `credit`, naming a kind in credit_values");
                Denomination::Money
            }
            (Some(_), false) => {
                self.err(m, "credit", "`credit` is set but the model has no credits price");
                Denomination::Money
            }
            (None, false) => Denomination::Money,
        };

        let fixed = |this: &mut Self, field: &str, p: Option<PriceText>| {
            UnitRate::Fixed(this.price(name, field, p.unwrap_or(PriceText::Unpublished)))
        };
        let by_res = |this: &mut Self, field: &str, map: &Option<std::collections::BTreeMap<Resolution, PriceText>>| {
            let mut out = Vec::new();
            for (res, p) in map.iter().flatten() {
                if let Some(v) = this.published(m, &format!("{field}.{}", res.as_str()), *p) {
                    out.push((*res, v));
                }
            }
            if out.is_empty() {
                this.err(m, field, "needs at least one resolution");
            }
            UnitRate::ByResolution(out)
        };
        let (measure, rate) = match kinds[0] {
            "per_image" => (Measure::Image, fixed(self, "per_image", raw.per_image)),
            "per_megapixel" => (Measure::Megapixel, fixed(self, "per_megapixel", raw.per_megapixel)),
            "per_request" => (Measure::Request, fixed(self, "per_request", raw.per_request)),
            "per_call" => (Measure::Call, fixed(self, "per_call", raw.per_call)),
            "per_second" => (Measure::Second, fixed(self, "per_second", raw.per_second)),
            "per_hour" => (Measure::Hour, fixed(self, "per_hour", raw.per_hour)),
            "per_month" => (Measure::Month, fixed(self, "per_month", raw.per_month)),
            "per_compute_unit" => (Measure::ComputeUnit, fixed(self, "per_compute_unit", raw.per_compute_unit)),
            "per_unit" => (Measure::Unit, fixed(self, "per_unit", raw.per_unit)),
            "credits_per_call" => (Measure::Call, fixed(self, "credits_per_call", raw.credits_per_call)),
            "credits_per_second" => (Measure::Second, fixed(self, "credits_per_second", raw.credits_per_second)),
            "per_call_by_resolution" => {
                (Measure::Call, by_res(self, "per_call_by_resolution", &raw.per_call_by_resolution))
            }
            "per_second_by_resolution" => {
                (Measure::Second, by_res(self, "per_second_by_resolution", &raw.per_second_by_resolution))
            }
            "credits_per_call_by_resolution" => {
                (Measure::Call, by_res(self, "credits_per_call_by_resolution", &raw.credits_per_call_by_resolution))
            }
            "credits_per_second_by_resolution" => (
                Measure::Second,
                by_res(self, "credits_per_second_by_resolution", &raw.credits_per_second_by_resolution),
            ),
            "credits_per_call_min/max" => {
                let min = raw.credits_per_call_min.and_then(|p| self.published(m, "credits_per_call_min", p));
                let max = raw.credits_per_call_max.and_then(|p| self.published(m, "credits_per_call_max", p));
                match (min, max) {
                    (Some(min), Some(max)) if min <= max => (Measure::Call, UnitRate::Range { min, max }),
                    (Some(min), Some(max)) => {
                        self.err(m, "credits_per_call_min", format!("the minimum {min} is above the maximum {max}"));
                        (Measure::Call, UnitRate::Range { min: max, max: min })
                    }
                    _ => {
                        self.err(
                            m,
                            "credits_per_call_min",
                            "a range needs both credits_per_call_min and credits_per_call_max",
                        );
                        (Measure::Call, UnitRate::Fixed(PriceText::Unpublished))
                    }
                }
            }
            _ => self.volume(name, raw),
        };
        Pricing::Units(UnitPricing {
            measure,
            denomination,
            rate,
            unit_name: raw.unit_name.clone(),
            unit_name_zh: raw.unit_name_zh.clone(),
        })
    }

    pub(super) fn volume(&mut self, name: &str, raw: &RawModel) -> (Measure, UnitRate) {
        let m = Some(name);
        let mode = raw.volume_pricing.unwrap_or(VolumeMode::AllUnits);
        let mut tiers = Vec::new();
        let mut measure: Option<(Measure, &'static str)> = None;
        let raw_tiers = raw.volume_tiers.as_deref().unwrap_or_default();
        if raw_tiers.is_empty() {
            self.err(m, "volume_tiers", "needs at least one tier");
        }
        for (i, t) in raw_tiers.iter().enumerate() {
            let field = |f: &str| format!("volume_tiers[{i}].{f}");
            let prices = [
                (Measure::Image, "per_image", t.per_image),
                (Measure::Megapixel, "per_megapixel", t.per_megapixel),
                (Measure::Request, "per_request", t.per_request),
                (Measure::Call, "per_call", t.per_call),
                (Measure::Second, "per_second", t.per_second),
            ];
            let set: Vec<_> = prices.iter().filter(|(_, _, p)| p.is_some()).collect();
            let [(tier_measure, tier_field, Some(price))] = set.as_slice() else {
                self.err(m, field("per_image"), "a tier needs exactly one unit price such as per_image");
                continue;
            };
            match measure {
                None => measure = Some((*tier_measure, tier_field)),
                Some((first, first_field)) if first != *tier_measure => {
                    self.err(m, field(tier_field), format!("all tiers must use {first_field}"));
                }
                Some(_) => {}
            }
            let expected_from = if i == 0 { Some(0) } else { raw_tiers[i - 1].to };
            match expected_from {
                Some(from) if t.from < from => {
                    self.err(m, field("from"), format!("{} overlaps the previous tier, which runs to {from}", t.from));
                }
                Some(from) if t.from > from => {
                    let msg =
                        format!("leaves a gap: the previous tier ends at {from} but this one starts at {}", t.from);
                    self.err(m, field("from"), msg);
                }
                None => self.err(m, field("from"), "comes after a tier with no upper bound"),
                Some(_) => {}
            }
            if t.to.is_some_and(|to| to <= t.from) {
                self.err(m, field("to"), "must be above from (tiers out of order)");
            }
            if t.to.is_none() && i + 1 < raw_tiers.len() {
                self.err(m, field("to"), "only the last tier may omit its upper bound");
            }
            if let Some(p) = self.published(m, &field(tier_field), *price) {
                tiers.push(VolumeTier { from: t.from, to: t.to, price: p });
            }
        }
        (measure.map_or(Measure::Image, |(me, _)| me), UnitRate::Volume { mode, tiers })
    }

    pub(super) fn tokens(&mut self, name: &str, raw: &RawModel) -> TokenPricing {
        let m = Some(name);
        let flat = raw.flat_tier();
        let raw_tiers: Vec<(String, RawTier)> = match &raw.tiers {
            Some(tiers) => {
                if flat.has_prices() {
                    self.err(m, "tiers", "with tiers, token prices go inside the tiers, not on the model");
                }
                if tiers.is_empty() {
                    self.err(m, "tiers", "needs at least one tier");
                }
                tiers.iter().enumerate().map(|(i, t)| (format!("tiers[{i}]."), t.clone())).collect()
            }
            None => vec![(String::new(), RawTier { input_above: Some(0), ..flat })],
        };
        let mut scale: Option<TokenScale> = None;
        let mut tiers = Vec::new();
        for (i, (prefix, t)) in raw_tiers.iter().enumerate() {
            let field = |f: &str| format!("{prefix}{f}");
            let m1 = [t.input_per_1m, t.output_per_1m, t.cache_hit_per_1m, t.thinking_per_1m];
            let k1 = [t.input_per_1k, t.output_per_1k, t.cache_hit_per_1k, t.thinking_per_1k];
            let has_m = m1.iter().any(Option::is_some);
            let has_k = k1.iter().any(Option::is_some);
            let this_scale = match (has_m, has_k) {
                (true, true) => {
                    self.err(m, field("input_per_1k"), "mixes per-1M and per-1K prices: use one scale");
                    TokenScale::PerMillion
                }
                (false, true) => TokenScale::PerThousand,
                _ => TokenScale::PerMillion,
            };
            match scale {
                None => scale = Some(this_scale),
                Some(s) if s != this_scale => {
                    self.err(m, field("input_per_1m"), "all tiers must use one scale (per 1M or per 1K)")
                }
                Some(_) => {}
            }
            let [input, output, cache_hit, thinking] = if this_scale == TokenScale::PerThousand { k1 } else { m1 };
            let suffix = if this_scale == TokenScale::PerThousand { "1k" } else { "1m" };
            let need = |this: &mut Self, what: &str, p: Option<PriceText>| -> Price {
                let f = field(&format!("{what}_per_{suffix}"));
                match p {
                    Some(p) => {
                        let p = this.price(name, &f, p);
                        this.unit_check(name, &f, this_scale, p);
                        p
                    }
                    None => {
                        this.err(m, f, "missing: a token model needs input and output prices");
                        PriceText::Unpublished
                    }
                }
            };
            let input = need(self, "input", input);
            let output = need(self, "output", output);
            let opt = |this: &mut Self, what: &str, p: Option<PriceText>| {
                p.map(|p| {
                    let f = field(&format!("{what}_per_{suffix}"));
                    let p = this.price(name, &f, p);
                    this.unit_check(name, &f, this_scale, p);
                    p
                })
            };
            let cache_hit = opt(self, "cache_hit", cache_hit);
            let thinking = opt(self, "thinking", thinking);

            let above = t.input_above.unwrap_or(0);
            let expected_above = if i == 0 { Some(0) } else { raw_tiers[i - 1].1.input_up_to };
            if t.input_above.is_none() && raw.tiers.is_some() {
                self.err(m, field("input_above"), "missing: each tier states where it starts");
            }
            match expected_above {
                Some(prev) if above < prev => {
                    self.err(
                        m,
                        field("input_above"),
                        format!("{above} overlaps the previous tier, which runs to {prev}"),
                    );
                }
                Some(prev) if above > prev => {
                    let msg =
                        format!("leaves a gap: the previous tier ends at {prev} but this one starts above {above}");
                    self.err(m, field("input_above"), msg);
                }
                None => self.err(m, field("input_above"), "comes after a tier with no upper bound"),
                Some(_) => {}
            }
            if t.input_up_to.is_some_and(|up| up <= above) {
                self.err(m, field("input_up_to"), "must be above input_above (tiers out of order)");
            }
            if t.input_up_to.is_none() && i + 1 < raw_tiers.len() {
                self.err(m, field("input_up_to"), "only the last tier may omit its upper bound");
            }
            tiers.push(TokenTier { above, up_to: t.input_up_to, input, output, cache_hit, thinking });
        }

        let mut multiples = Multiples::default();
        if let Some(rm) = &raw.multiples {
            let given = [
                rm.cache_read,
                rm.cache_write_5m,
                rm.cache_write_1h,
                rm.audio_input,
                rm.image_input,
                rm.audio_output,
                rm.image_output,
                rm.reasoning,
            ];
            for (kind, p) in Special::ALL.iter().zip(given) {
                let field = format!("multiples.{}", kind.multiple_name());
                if let Some(v) = p.and_then(|p| self.published(m, &field, p)) {
                    if v.is_zero() {
                        self.err(m, &field, "a multiple must be above zero");
                    }
                    multiples.0[*kind as usize] = Some(v);
                }
            }
        }
        if multiples.get(Special::CacheRead).is_some() && tiers.iter().any(|t| t.cache_hit.is_some()) {
            self.err(m, "multiples.cache_read", "give a cache-hit price or a cache_read multiple, not both");
        }
        if multiples.get(Special::Reasoning).is_some() && tiers.iter().any(|t| t.thinking.is_some()) {
            self.err(m, "multiples.reasoning", "give a thinking price or a reasoning multiple, not both");
        }
        TokenPricing { scale: scale.unwrap_or(TokenScale::PerMillion), tiers, multiples }
    }

    /// Flags a token price whose size suggests the wrong unit.
    pub(super) fn unit_check(&mut self, name: &str, field: &str, scale: TokenScale, price: Price) {
        let Price::Published(p) = price else { return };
        if p.is_zero() {
            return;
        }
        match scale {
            TokenScale::PerMillion if p < MIN_PER_1M => {
                self.warn(name, field, format!("{p} per 1M tokens looks like a per-token price"));
            }
            TokenScale::PerThousand if p > MAX_PER_1K => {
                // A price too large to scale is named without its per-1M figure.
                let per_m = match p.checked_mul(Decimal::from(1000u64)) {
                    Some(per_m) => format!(" ({} per 1M)", per_m.normalize()),
                    None => String::new(),
                };
                self.warn(name, field, format!("{p} per 1K tokens{per_m} looks like a per-1M price"));
            }
            _ => {}
        }
    }
}
