//! The calculator's state: one [`Estimate`] document and a small [`ViewState`].
//!
//! Everything a visitor changes goes through [`Calculator`]'s methods, so the logic is plain Rust
//! that tests can drive without a DOM. The estimate is the only thing priced (by
//! [`crate::rating::quote`]); the view state only holds what the estimate cannot: stable line ids
//! for keyed rendering, the raw text of fields that do not parse, and which picker is open.

use rust_decimal::Decimal;

use super::fields::{self, FieldKind};
use crate::rating::catalog::{Catalog, Model, ModelKind, Pricing, Resolution, UnitRate};
use crate::rating::estimate::{Discounts, PackagePurchase};
use crate::rating::money::DEFAULT_USD_CNY;
use crate::rating::num::{Entry, EntryProblem, parse_entry, parse_entry_or_share};
use crate::rating::{Currency, Estimate, Line, fields_used};

/// The id used for estimate-level fields (rate, discounts) in [`ViewState`].
pub const ESTIMATE_ID: u32 = 0;

/// The default provider and model of a new estimate.
pub const DEFAULT_PROVIDER: &str = "tencent-tokenhub";
/// The default model of a new estimate.
pub const DEFAULT_MODEL: &str = "GLM-5";

/// A small map kept as a vector: the widget holds a few entries per line, and a linear search is
/// far less code in the wasm than a hash map (hashbrown and SipHash).
#[derive(Debug, Clone)]
pub struct SmallMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SmallMap<K, V> {
    fn default() -> Self {
        SmallMap(Vec::new())
    }
}

impl<K: PartialEq, V: PartialEq> PartialEq for SmallMap<K, V> {
    /// Equal when both hold the same entries, in any order (as for a hash map).
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<K: PartialEq, V> SmallMap<K, V> {
    /// The value of `key`.
    pub fn get(&self, key: &K) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &K) -> bool {
        self.get(key).is_some()
    }

    /// Sets the value of `key`, returning the old one.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => Some(std::mem::replace(v, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &K) -> Option<V> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.swap_remove(i).1)
    }

    /// Keeps only the entries `f` accepts.
    pub fn retain(&mut self, mut f: impl FnMut(&K, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| f(k, v));
    }

    /// The entries, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The keys, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What the widget keeps beside the estimate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewState {
    /// A stable id for each line, in line order.
    pub ids: Vec<u32>,
    next_id: u32,
    /// Text typed into a field, by (line id, field name), kept so that a half-typed or bad value
    /// stays on screen.
    texts: SmallMap<(u32, String), String>,
    /// A field's own problem with text that is not a number.
    errors: SmallMap<(u32, String), EntryProblem>,
    /// The line whose model picker is open (set through [`Calculator::toggle_picker`] and
    /// [`Calculator::close_picker`], which mark the lines changed).
    pub picker: Option<u32>,
    /// The picker's kind filter; `None` shows every kind.
    pub kind: Option<ModelKind>,
    /// The picker's search text.
    pub search: String,
    /// Text pasted into a line's token estimator (set through [`Calculator::set_paste`]).
    pub paste: SmallMap<u32, String>,
    /// Each line's revision: bumped whenever the line or its typed text, messages, paste or
    /// picker change, so that a line's editor wakes only for its own changes.
    revs: SmallMap<u32, usize>,
    next_rev: usize,
}

/// The share of a line's input tokens that is cached, in whole percent, when both are set.
pub fn cache_share_of(l: &Line) -> Option<Decimal> {
    let (input, cached) = (l.input_tokens?, l.cached_tokens.unwrap_or_default());
    cached.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(input).map(|x| x.round_dp(1))
}

/// The free-trial choice of a line; `typed` says whether an amount left is being typed.
pub fn free_mode_of(l: &Line, typed: bool) -> FreeMode {
    if l.free_trial == Some(false) {
        FreeMode::Off
    } else if l.free_remaining.is_some() || typed {
        FreeMode::Remaining
    } else {
        FreeMode::New
    }
}

/// The whole UI state: the estimate and the view.
#[derive(Debug, Clone, PartialEq)]
pub struct Calculator {
    /// The estimate document being edited; the only input to pricing.
    pub estimate: Estimate,
    /// View-only state.
    pub view: ViewState,
}

impl Default for Calculator {
    fn default() -> Self {
        Calculator::new(default_estimate())
    }
}

/// The estimate a visitor sees first: TokenHub GLM-5 at 1,000 requests a month of 2,000 input and
/// 500 output tokens, in CNY.
pub fn default_estimate() -> Estimate {
    Estimate {
        version: crate::rating::estimate::VERSION,
        currency: Some(Currency::Cny),
        lines: vec![Line {
            provider: DEFAULT_PROVIDER.into(),
            model: DEFAULT_MODEL.into(),
            requests: Some(Decimal::from(1000)),
            input_tokens: Some(Decimal::from(2000)),
            output_tokens: Some(Decimal::from(500)),
            ..Line::default()
        }],
        ..Estimate::default()
    }
}

/// Reads a quantity typed by a person, as links read it ([`parse_entry`]): exact decimals, a `k`,
/// `M` or `B` suffix for a count (`32k`, `1.5M`) and thousands separators as locales write them
/// (`30,000`, `30 000`). Blank is `None`.
///
/// # Errors
/// Why the text is not a number, for the field's message.
pub fn parse_quantity(text: &str) -> Result<Option<Decimal>, EntryProblem> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_entry(text).map(Some)
}

/// `percent` of `input` tokens, rounded down to a whole token (a share's cached tokens).
fn share_of(input: Decimal, percent: Decimal) -> Option<Decimal> {
    input
        .checked_mul(percent)
        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
        .map(|x| x.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::ToZero).normalize())
}

/// The free-trial choice of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeMode {
    /// The full new-user amount (or what earlier lines left of a shared pool).
    New,
    /// No free trial.
    Off,
    /// A stated amount remaining.
    Remaining,
}

impl FreeMode {
    /// The value used in the `<select>`.
    pub fn as_str(self) -> &'static str {
        match self {
            FreeMode::New => "new",
            FreeMode::Off => "off",
            FreeMode::Remaining => "remaining",
        }
    }

    /// Parses the `<select>` value.
    pub fn parse(s: &str) -> Option<FreeMode> {
        [FreeMode::New, FreeMode::Off, FreeMode::Remaining].into_iter().find(|m| m.as_str() == s)
    }
}

/// The discount kinds, as named in the estimate.
pub const DISCOUNT_KINDS: [&str; 3] = ["channel", "user", "negotiated"];

fn discount_slot<'a>(d: &'a mut Discounts, kind: &str) -> Option<&'a mut Option<Decimal>> {
    match kind {
        "channel" => Some(&mut d.channel),
        "user" => Some(&mut d.user),
        "negotiated" => Some(&mut d.negotiated),
        _ => None,
    }
}

/// The resolutions a model is priced by, in order.
pub fn resolutions(model: &Model) -> Vec<Resolution> {
    match &model.pricing {
        Pricing::Units(u) => match &u.rate {
            UnitRate::ByResolution(list) => list.iter().map(|(r, _)| *r).collect(),
            _ => Vec::new(),
        },
        Pricing::Tokens(_) => Vec::new(),
    }
}

/// Usage a new line of `model` starts with, so that it prices at once.
fn starting_usage(line: &mut Line, model: &Model) {
    let used = fields_used(model);
    let mut fill = |name: &str, value: i64| {
        if used.contains(&name) && fields::get(line, name).is_none() {
            fields::set(line, name, Some(Decimal::from(value)));
        }
    };
    fill("requests", 1000);
    fill("input_tokens", 2000);
    fill("output_tokens", 500);
    fill("images", 100);
    fill("calls", 100);
    fill("seconds", 5);
    fill("hours", 10);
    fill("replicas", 1);
    fill("compute_units", 1);
    fill("quantity", 1);
    if used.contains(&"width") && line.width.is_none() && line.megapixels.is_none() {
        line.width = Some(Decimal::from(1024));
        line.height = Some(Decimal::from(1024));
    }
    if used.contains(&"resolution") && line.resolution.is_none() {
        let all = resolutions(model);
        let pick = all.iter().find(|r| **r == Resolution::P720).or(all.first());
        line.resolution = pick.map(|r| r.as_str().to_string());
    }
}

impl Calculator {
    /// A calculator editing `estimate`.
    pub fn new(estimate: Estimate) -> Calculator {
        let mut view = ViewState { next_id: 1, ..ViewState::default() };
        view.ids = estimate.lines.iter().map(|_| view.fresh_id()).collect();
        Calculator { estimate, view }
    }

    /// Replaces the estimate, resetting the view.
    pub fn load(&mut self, estimate: Estimate) {
        *self = Calculator::new(estimate);
    }

    /// The position of line `id`.
    pub fn index_of(&self, id: u32) -> Option<usize> {
        self.view.ids.iter().position(|&i| i == id)
    }

    /// Line `id`.
    pub fn line(&self, id: u32) -> Option<&Line> {
        self.index_of(id).and_then(|i| self.estimate.lines.get(i))
    }

    fn line_mut(&mut self, id: u32) -> Option<&mut Line> {
        let i = self.index_of(id)?;
        self.view.touch(id);
        self.estimate.lines.get_mut(i)
    }

    /// The revision of line `id`: it changes whenever the line, its typed text or messages, its
    /// pasted text or its picker change (and only then).
    pub fn rev(&self, id: u32) -> usize {
        self.view.revs.get(&id).copied().unwrap_or(0)
    }

    /// Sets the text pasted into line `id`'s token estimator.
    pub fn set_paste(&mut self, id: u32, text: String) {
        self.view.paste.insert(id, text);
        self.view.touch(id);
    }

    /// Closes the open model picker.
    pub fn close_picker(&mut self) {
        if let Some(open) = self.view.picker.take() {
            self.view.touch(open);
        }
    }

    /// Appends a line for `provider`/`model` with starting usage; returns its id.
    pub fn add_line(&mut self, catalog: &Catalog, provider: &str, model: &str) -> u32 {
        let mut line = Line { provider: provider.into(), model: model.into(), ..Line::default() };
        if let Some(m) = find_model(catalog, provider, model) {
            starting_usage(&mut line, m);
        }
        self.estimate.lines.push(line);
        let id = self.view.fresh_id();
        self.view.ids.push(id);
        id
    }

    /// Copies line `id` (with its typed text) right after it; returns the copy's id.
    pub fn duplicate(&mut self, id: u32) -> Option<u32> {
        let i = self.index_of(id)?;
        let copy = self.estimate.lines[i].clone();
        let new_id = self.view.fresh_id();
        self.estimate.lines.insert(i + 1, copy);
        self.view.ids.insert(i + 1, new_id);
        let texts: Vec<_> =
            self.view.texts.iter().filter(|((l, _), _)| *l == id).map(|((_, f), t)| (f.clone(), t.clone())).collect();
        for (f, t) in texts {
            self.view.texts.insert((new_id, f), t);
        }
        let errors: Vec<_> =
            self.view.errors.iter().filter(|((l, _), _)| *l == id).map(|((_, f), t)| (f.clone(), t.clone())).collect();
        for (f, t) in errors {
            self.view.errors.insert((new_id, f), t);
        }
        Some(new_id)
    }

    /// Removes line `id`.
    pub fn remove(&mut self, id: u32) {
        if let Some(i) = self.index_of(id) {
            self.estimate.lines.remove(i);
            self.view.ids.remove(i);
            self.view.texts.retain(|(l, _), _| *l != id);
            self.view.errors.retain(|(l, _), _| *l != id);
            self.view.paste.remove(&id);
            self.view.revs.remove(&id);
            if self.view.picker == Some(id) {
                self.view.picker = None;
            }
        }
    }

    /// Moves line `id` one place up; `false` when it is first.
    pub fn move_up(&mut self, id: u32) -> bool {
        match self.index_of(id) {
            Some(i) if i > 0 => {
                self.estimate.lines.swap(i, i - 1);
                self.view.ids.swap(i, i - 1);
                true
            }
            _ => false,
        }
    }

    /// Moves line `id` one place down; `false` when it is last.
    pub fn move_down(&mut self, id: u32) -> bool {
        match self.index_of(id) {
            Some(i) if i + 1 < self.estimate.lines.len() => {
                self.estimate.lines.swap(i, i + 1);
                self.view.ids.swap(i, i + 1);
                true
            }
            _ => false,
        }
    }

    /// Switches line `id` to another model: fields the new model does not use are dropped (the core
    /// rejects them), and fields it needs start with typical usage.
    pub fn set_model(&mut self, catalog: &Catalog, id: u32, provider: &str, model: &str) {
        let Some(m) = find_model(catalog, provider, model) else { return };
        let used = fields_used(m);
        if let Some(line) = self.line_mut(id) {
            line.provider = provider.into();
            line.model = model.into();
            fields::keep_only(line, &used);
            if let Some(res) = &line.resolution
                && !resolutions(m).iter().any(|r| r.as_str() == res)
            {
                line.resolution = None;
            }
            starting_usage(line, m);
        }
        self.view.texts.retain(|(l, f), _| *l != id || used.iter().any(|u| f == u || f.starts_with(&format!("{u}."))));
        self.view.errors.retain(|(l, f), _| *l != id || used.iter().any(|u| f == u || f.starts_with(&format!("{u}."))));
        self.close_picker();
    }

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

    /// Sets a line's resolution, template or other text choice (`None` or blank clears it).
    pub fn set_choice(&mut self, id: u32, field: &str, value: Option<String>) {
        let value = value.filter(|v| !v.trim().is_empty());
        if let Some(line) = self.line_mut(id) {
            match fields::info(field).map(|f| f.kind) {
                Some(FieldKind::Resolution) => line.resolution = value,
                Some(FieldKind::Text) => line.template = value,
                _ => {}
            }
        }
    }

    /// Sets the line's label (blank clears it).
    pub fn set_label(&mut self, id: u32, label: &str) {
        if let Some(line) = self.line_mut(id) {
            line.label = (!label.trim().is_empty()).then(|| label.to_string());
        }
    }

    /// Sets the priority flag of a line.
    pub fn set_priority(&mut self, id: u32, on: bool) {
        if let Some(line) = self.line_mut(id) {
            line.priority = on.then_some(true);
        }
    }

    /// The free-trial choice of line `id`.
    pub fn free_mode(&self, id: u32) -> FreeMode {
        let typed = self.view.texts.contains_key(&(id, "free_remaining".into()));
        self.line(id).map_or(FreeMode::New, |l| free_mode_of(l, typed))
    }

    /// Sets the free-trial choice of line `id`.
    pub fn set_free_mode(&mut self, id: u32, mode: FreeMode) {
        let key = (id, "free_remaining".to_string());
        if mode != FreeMode::Remaining {
            self.view.texts.remove(&key);
            self.view.errors.remove(&key);
        }
        if let Some(line) = self.line_mut(id) {
            match mode {
                FreeMode::New => {
                    line.free_trial = None;
                    line.free_remaining = None;
                }
                FreeMode::Off => {
                    line.free_trial = Some(false);
                    line.free_remaining = None;
                }
                FreeMode::Remaining => {
                    line.free_trial = None;
                    if line.free_remaining.is_none() {
                        line.free_remaining = Some(Decimal::ZERO);
                    }
                }
            }
        }
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

    /// Sets the display currency.
    pub fn set_currency(&mut self, currency: Currency) {
        self.estimate.currency = Some(currency);
    }

    /// The CNY-per-USD rate in force (the default, 7.3, until one is entered).
    pub fn rate(&self) -> Decimal {
        self.estimate.usd_cny.unwrap_or(DEFAULT_USD_CNY)
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

    /// Sets the month the quote starts (`YYYY-MM`, month 1 of the projection); empty text clears
    /// it, so that the quote starts in the current month. The core checks the text.
    pub fn set_start(&mut self, month: &str) {
        let month = month.trim();
        self.estimate.start = (!month.is_empty()).then(|| month.to_string());
    }

    /// Opens the model picker on line `id`, or closes it when it is open there.
    pub fn toggle_picker(&mut self, id: u32) {
        if let Some(open) = self.view.picker {
            self.view.touch(open);
        }
        self.view.touch(id);
        self.view.picker = if self.view.picker == Some(id) { None } else { Some(id) };
        self.view.search.clear();
    }
}

impl ViewState {
    fn touch(&mut self, id: u32) {
        self.next_rev += 1;
        self.revs.insert(id, self.next_rev);
    }

    fn fresh_id(&mut self) -> u32 {
        self.next_id = self.next_id.max(1);
        let id = self.next_id;
        self.next_id += 1;
        id
    }
}

/// The model a line names, if the catalog has it.
pub fn find_model<'a>(catalog: &'a Catalog, provider: &str, model: &str) -> Option<&'a Model> {
    catalog.card(provider).and_then(|(_, c)| c.model(model)).map(|(_, m)| m)
}
