//! The estimate line fields the widget edits, drawn from the core's one declaration of them
//! ([`crate::rating::line_fields`]): label and hint in both languages, and how each is edited.
//!
//! The rating core says which fields a model is priced on ([`crate::rating::fields_used`]); this
//! module turns those names into the controls to show, and sets a field from the text of an
//! `<input>`.

use rust_decimal::Decimal;

use crate::rating::Line;
use crate::rating::estimate::EnteredPrices;
use crate::rating::line_fields::{self, Field};

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A decimal quantity in a text input.
    Number,
    /// A video resolution, chosen from the model's list.
    Resolution,
    /// Free text (an effect template name).
    Text,
    /// The free trial: on, off, or an amount remaining (`free_trial` with `free_remaining`).
    FreeTrial,
    /// A checkbox (priority).
    Flag,
    /// Prepaid packages bought: a size and a count.
    Packages,
    /// Entered token prices (`prices.input_per_1m`, `prices.output_per_1m`).
    Prices,
}

impl From<line_fields::FieldKind> for FieldKind {
    fn from(kind: line_fields::FieldKind) -> Self {
        use line_fields::FieldKind as K;
        match kind {
            K::Number => FieldKind::Number,
            K::Text => FieldKind::Text,
            K::Choice => FieldKind::Resolution,
            K::Flag => FieldKind::Flag,
            K::Trial => FieldKind::FreeTrial,
            K::Packages => FieldKind::Packages,
            K::Prices => FieldKind::Prices,
        }
    }
}

/// A text in English and 简体中文.
pub type Text2 = (&'static str, &'static str);

/// What the widget shows for one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldInfo {
    /// The estimate field name, e.g. `input_tokens`.
    pub name: &'static str,
    /// The label a person reads, in English and Chinese.
    pub label: Text2,
    /// The unit or period, shown after the label, e.g. `per request`.
    pub hint: Text2,
    /// How it is edited.
    pub kind: FieldKind,
}

impl From<Field> for FieldInfo {
    fn from(f: Field) -> Self {
        let (label, hint) = (f.label(), f.hint());
        FieldInfo { name: f.name(), label: (label.en, label.zh), hint: (hint.en, hint.zh), kind: f.kind().into() }
    }
}

/// The entered-price sub-fields the widget offers, with their labels.
pub const PRICE_FIELDS: &[(&str, Text2)] = &[
    ("prices.input_per_1m", ("Input price per 1M", "输入单价（每百万）")),
    ("prices.output_per_1m", ("Output price per 1M", "输出单价（每百万）")),
];

/// The fields the compact layout keeps behind a line's "More" disclosure (with the line's label
/// and the token tools): the parts of a request's input or output priced apart (cached, thinking,
/// audio ...), a prepaid balance, packages and extra concurrency. Few visitors of a pricing page
/// set them, and a link that sets one opens the disclosure.
pub const RARE: &[&str] = &[
    "cached_tokens",
    "thinking_tokens",
    "cache_write_5m_tokens",
    "cache_write_1h_tokens",
    "audio_input_tokens",
    "image_input_tokens",
    "audio_output_tokens",
    "image_output_tokens",
    "prepaid_remaining",
    "packages",
    "extra_concurrency",
    "concurrency_days",
];

/// The info for a field name, if the widget knows it.
pub fn info(name: &str) -> Option<FieldInfo> {
    Field::from_name(name).map(FieldInfo::from)
}

/// The fields to show for a model's `fields_used`, in display order. `free_remaining` is shown
/// inside the free-trial control and the label has its own control, so neither is listed.
pub fn shown(used: &[&str]) -> Vec<FieldInfo> {
    Field::ALL
        .iter()
        .filter(|f| !matches!(f, Field::Label | Field::FreeRemaining) && used.contains(&f.name()))
        .map(|&f| f.into())
        .collect()
}

/// The entered-price slot a `prices.*` name picks.
fn price_slot<'a>(prices: &'a mut EnteredPrices, sub: &str) -> Option<&'a mut Option<Decimal>> {
    match sub {
        "input_per_1m" => Some(&mut prices.input_per_1m),
        "output_per_1m" => Some(&mut prices.output_per_1m),
        "cache_hit_per_1m" => Some(&mut prices.cache_hit_per_1m),
        "thinking_per_1m" => Some(&mut prices.thinking_per_1m),
        _ => None,
    }
}

/// The decimal a field names, for reading.
pub fn get(line: &Line, name: &str) -> Option<Decimal> {
    if let Some(sub) = name.strip_prefix("prices.") {
        let mut prices = line.prices.clone()?;
        return price_slot(&mut prices, sub).and_then(|s| *s);
    }
    match line.get(Field::from_name(name)?) {
        Some(line_fields::FieldValue::Number(d)) => Some(d),
        _ => None,
    }
}

/// Sets the decimal a field names. Returns `false` for a name that is not a decimal field.
pub fn set(line: &mut Line, name: &str, value: Option<Decimal>) -> bool {
    if let Some(sub) = name.strip_prefix("prices.") {
        let prices = line.prices.get_or_insert_with(EnteredPrices::default);
        let Some(slot) = price_slot(prices, sub) else { return false };
        *slot = value;
        if *prices == EnteredPrices::default() {
            line.prices = None;
        }
        return true;
    }
    match Field::from_name(name).and_then(|f| line.number_mut(f)) {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

/// Clears every usage field of a line that `used` does not list, keeping provider, model, label
/// and the line's discounts.
pub fn keep_only(line: &mut Line, used: &[&str]) {
    line.clear_unless(|f| f == Field::Label || used.contains(&f.name()));
}
