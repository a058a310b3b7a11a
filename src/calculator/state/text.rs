//! Typed text in the calculator's number fields.
//!
//! A visitor types text, not numbers: these [`Calculator`] methods keep what was typed on screen,
//! read it as the links do (exact decimals, `k`/`M`/`B`, thousands separators, a cache share in
//! percent), set the estimate from it, and keep each field's own problem when it is not a number.
//! They cover line fields, package counts and the estimate-level settings (the CNY-per-USD rate
//! and the discounts).

use rust_decimal::Decimal;

use super::{Calculator, ESTIMATE_ID, cache_share_of, parse_quantity};
use crate::calculator::fields;
use crate::rating::estimate::{Discounts, PackagePurchase};
use crate::rating::num::{Entry, EntryProblem, parse_entry_or_share};

/// `percent` of `input` tokens, rounded down to a whole token (a share's cached tokens).
fn share_of(input: Decimal, percent: Decimal) -> Option<Decimal> {
    input
        .checked_mul(percent)
        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
        .map(|x| x.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::ToZero).normalize())
}

fn discount_slot<'a>(d: &'a mut Discounts, kind: &str) -> Option<&'a mut Option<Decimal>> {
    match kind {
        "channel" => Some(&mut d.channel),
        "user" => Some(&mut d.user),
        "negotiated" => Some(&mut d.negotiated),
        _ => None,
    }
}

impl Calculator {
    /// Sets a decimal field of line `id` from typed text. Text that is not a number is kept on
    /// screen with its message and leaves the field unset in the estimate, so nothing is priced
    /// from a value the visitor cannot see (a required field then keeps the line out of the total).
    ///
    /// # Errors
    /// Why the text is not a number.
    pub fn set_field(&mut self, id: u32, field: &str, text: &str) -> Result<(), EntryProblem> {
        let key = (id, field.to_string());
        self.view.texts.insert(key.clone(), text.to_string());
        // Cached tokens also take a share of the input (`30%`), kept as typed and followed when
        // the input changes.
        let parsed = if field == "cached_tokens" && !text.trim().is_empty() {
            parse_entry_or_share(text).map(|e| match e {
                Entry::Amount(d) => Some(d),
                Entry::Percent(p) => self.line(id).and_then(|l| l.input_tokens).and_then(|i| share_of(i, p)),
            })
        } else {
            parse_quantity(text)
        };
        if field == "input_tokens" {
            let share = self.view.texts.get(&(id, "cached_tokens".to_string())).filter(|t| t.trim().ends_with('%'));
            if let (Some(share), Ok(Some(input))) = (share.cloned(), &parsed)
                && let Ok(Entry::Percent(p)) = parse_entry_or_share(&share)
                && let Some(line) = self.line_mut(id)
            {
                line.cached_tokens = share_of(*input, p).filter(|c| !c.is_zero());
            }
        }
        match parsed {
            Ok(value) => {
                self.view.errors.remove(&key);
                if let Some(line) = self.line_mut(id) {
                    fields::set(line, field, value);
                }
                Ok(())
            }
            Err(problem) => {
                self.view.errors.insert(key, problem.clone());
                if let Some(line) = self.line_mut(id) {
                    fields::set(line, field, None);
                }
                Err(problem)
            }
        }
    }

    /// Sets a decimal field to a value (a preset or a pasted-text estimate), replacing typed text.
    pub fn set_value(&mut self, id: u32, field: &str, value: Option<Decimal>) {
        let key = (id, field.to_string());
        self.view.texts.remove(&key);
        self.view.errors.remove(&key);
        if let Some(line) = self.line_mut(id) {
            fields::set(line, field, value);
        }
    }

    /// Sets a line's cached tokens to `percent` of its input tokens, rounded down to whole tokens.
    pub fn set_cache_share(&mut self, id: u32, percent: u32) {
        let input = self.line(id).and_then(|l| l.input_tokens).unwrap_or_default();
        let cached = share_of(input, Decimal::from(percent));
        self.set_value(id, "cached_tokens", cached.filter(|_| percent > 0));
    }

    /// The share of input tokens that is cached, in whole percent, when both are set.
    pub fn cache_share(&self, id: u32) -> Option<Decimal> {
        self.line(id).and_then(cache_share_of)
    }

    /// The text to show in a decimal field: what was typed, else the estimate's value.
    pub fn field_text(&self, id: u32, field: &str) -> String {
        if let Some(t) = self.view.texts.get(&(id, field.to_string())) {
            return t.clone();
        }
        let value = if id == ESTIMATE_ID {
            self.estimate_value(field)
        } else {
            self.line(id).and_then(|l| fields::get(l, field))
        };
        value.map(|d| d.normalize().to_string()).unwrap_or_default()
    }

    /// The field's own problem, for text that is not a number.
    pub fn field_error(&self, id: u32, field: &str) -> Option<EntryProblem> {
        self.view.errors.get(&(id, field.to_string())).cloned()
    }

    /// Whether a field of line `id` holds text that is not a number.
    pub fn view_has_errors(&self, id: u32) -> bool {
        self.view.errors.keys().any(|(l, _)| *l == id)
    }

    /// Whether any field holds text that is not a number.
    pub fn has_text_errors(&self) -> bool {
        !self.view.errors.is_empty()
    }

    /// Sets how many packages of `size` line `id` buys from the typed `text` (blank or 0: none),
    /// keeping its other package sizes. Text that is not a number is kept on screen with its
    /// message (under the key `packages.<size>`) and buys none of that size; a count that is not
    /// whole is the core's to refuse, naming the line's `packages` field.
    ///
    /// # Errors
    /// Why the text is not a number.
    pub fn set_package_count(&mut self, id: u32, size: Decimal, text: &str) -> Result<(), EntryProblem> {
        let key = (id, format!("packages.{}", size.normalize()));
        self.view.texts.insert(key.clone(), text.to_string());
        let parsed = parse_quantity(text);
        match &parsed {
            Ok(_) => self.view.errors.remove(&key),
            Err(p) => self.view.errors.insert(key, p.clone()),
        };
        let count = parsed.clone().ok().flatten().filter(|c| !c.is_zero());
        if let Some(line) = self.line_mut(id) {
            match (line.packages.iter().position(|p| p.size == size), count) {
                (Some(i), Some(count)) => line.packages[i].count = count,
                (Some(i), None) => {
                    line.packages.remove(i);
                }
                (None, Some(count)) => line.packages.push(PackagePurchase { size, count }),
                (None, None) => {}
            }
        }
        parsed.map(|_| ())
    }

    /// The text of line `id`'s count of packages of `size`: what was typed, else the count bought.
    pub fn package_text(&self, id: u32, size: Decimal) -> String {
        if let Some(t) = self.view.texts.get(&(id, format!("packages.{}", size.normalize()))) {
            return t.clone();
        }
        let bought = self.line(id).and_then(|l| l.packages.iter().find(|p| p.size == size));
        bought.map(|p| p.count.normalize().to_string()).unwrap_or_default()
    }

    /// Replaces line `id`'s packages with `mix` (size, count), as a plan found them, clearing
    /// whatever was typed into its package counts.
    pub fn set_package_mix(&mut self, id: u32, mix: &[(Decimal, Decimal)]) {
        self.view.texts.retain(|(l, k), _| *l != id || !k.starts_with("packages."));
        self.view.errors.retain(|(l, k), _| *l != id || !k.starts_with("packages."));
        if let Some(line) = self.line_mut(id) {
            line.packages = mix
                .iter()
                .filter(|(_, c)| !c.is_zero())
                .map(|&(size, count)| PackagePurchase { size, count })
                .collect();
        }
    }

    fn estimate_value(&self, field: &str) -> Option<Decimal> {
        if field == "usd_cny" {
            return Some(self.rate());
        }
        let kind = field.strip_prefix("discounts.")?;
        let d = self.estimate.discounts.as_ref()?;
        match kind {
            "channel" => d.channel,
            "user" => d.user,
            "negotiated" => d.negotiated,
            _ => None,
        }
    }

    /// Sets an estimate-level field from typed text: `usd_cny` or `discounts.channel`, `.user`,
    /// `.negotiated` (a multiplier, `0.9` for 10% off).
    ///
    /// Text that is not a number leaves the setting unset (the core's default applies).
    ///
    /// # Errors
    /// Why the text is not a number.
    pub fn set_setting(&mut self, field: &str, text: &str) -> Result<(), EntryProblem> {
        let key = (ESTIMATE_ID, field.to_string());
        self.view.texts.insert(key.clone(), text.to_string());
        let parsed = parse_quantity(text);
        let value = match &parsed {
            Ok(v) => {
                self.view.errors.remove(&key);
                *v
            }
            Err(problem) => {
                self.view.errors.insert(key, problem.clone());
                None
            }
        };
        if field == "usd_cny" {
            self.estimate.usd_cny = value;
        } else if let Some(kind) = field.strip_prefix("discounts.") {
            let d = self.estimate.discounts.get_or_insert_with(Discounts::default);
            if let Some(slot) = discount_slot(d, kind) {
                *slot = value;
            }
            if *d == Discounts::default() {
                self.estimate.discounts = None;
            }
        }
        parsed.map(|_| ())
    }
}
