//! The calculator's state: one [`Estimate`] document and a small [`ViewState`].
//!
//! Everything a visitor changes goes through [`Calculator`]'s methods, so the logic is plain Rust
//! that tests can drive without a DOM. The estimate is the only thing priced (by
//! [`crate::rating::quote`]); the view state only holds what the estimate cannot: stable line ids
//! for keyed rendering, the raw text of fields that do not parse, and which picker is open.
//!
//! This file holds the state and the line-level edits; typed text in number fields (and the
//! estimate-level settings read from text) is in `text.rs`, and the [`SmallMap`] the view state
//! keeps its entries in is in `small_map.rs`.

use rust_decimal::Decimal;

use super::fields::{self, FieldKind};
use crate::rating::catalog::{Catalog, Model, ModelKind, Pricing, Resolution, UnitRate};
use crate::rating::money::DEFAULT_USD_CNY;
use crate::rating::num::{EntryProblem, parse_entry};
use crate::rating::{Currency, Estimate, Line, fields_used};

mod small_map;
mod text;

pub use small_map::SmallMap;

/// The id used for estimate-level fields (rate, discounts) in [`ViewState`].
pub const ESTIMATE_ID: u32 = 0;

/// The default provider and model of a new estimate.
pub const DEFAULT_PROVIDER: &str = "tencent-tokenhub";
/// The default model of a new estimate.
pub const DEFAULT_MODEL: &str = "GLM-5";

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

    /// Sets the display currency.
    pub fn set_currency(&mut self, currency: Currency) {
        self.estimate.currency = Some(currency);
    }

    /// The CNY-per-USD rate in force (the default, 7.3, until one is entered).
    pub fn rate(&self) -> Decimal {
        self.estimate.usd_cny.unwrap_or(DEFAULT_USD_CNY)
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
