//! Every field of an estimate line, declared once.
//!
//! The table in [`line_fields!`] below is the one place a line field is named. From it come the
//! [`Line`](super::Line) struct itself (its JSON names are the field names), the [`Field`] enum
//! with its link key, kind and bit (the engine's field mask), by-field access
//! ([`Line::get`](super::Line::get), [`Line::set`](super::Line::set), [`Line::has`](super::Line::has)),
//! and the words a person reads for it in English and 简体中文 (label and hint), which the widget's
//! generic field control shows. Which fields each way of pricing uses is decided by the engine
//! (`engine/mask.rs`) in terms of [`Field`], so a field missing there is a compile error, not a
//! silent string mismatch.
//!
//! Adding a field means adding one row; the compiler then points at every `match` on [`Field`]
//! or [`FieldKind`] that must say what it does with it.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

use super::estimate::{Discounts, EnteredPrices, PackagePurchase};

/// How a line field is held and edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A quantity or price: a decimal, typed into a text input.
    Number,
    /// Free text (a label, an effect template).
    Text,
    /// One of the model's names for it (a video resolution).
    Choice,
    /// Yes or no (priority).
    Flag,
    /// The free trial, on or off (shown with `free_remaining`).
    Trial,
    /// Prepaid packages bought: sizes and counts.
    Packages,
    /// Entered token prices per 1M tokens.
    Prices,
}

/// Words in English and 简体中文.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// English.
    pub en: &'static str,
    /// 简体中文.
    pub zh: &'static str,
}

/// A line field's value, by kind, for the scalar kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A decimal.
    Number(Decimal),
    /// Text.
    Text(String),
    /// Yes or no.
    Flag(bool),
}

/// What a field slot holds in [`Line`](super::Line): `Option<Decimal>`, `Option<String>`,
/// `Option<bool>`, the packages list or the entered prices. It says whether it is set, how it
/// reads from an estimate document and how it converts to a [`FieldValue`].
pub trait Slot: Sized {
    /// Whether the slot holds nothing (and is left out of the JSON).
    fn is_unset(&self) -> bool;
    /// Reads the slot's value from a document.
    ///
    /// # Errors
    /// The deserializer's error for a value of the wrong type.
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
    /// The scalar value, if the slot is scalar and set.
    fn value(&self) -> Option<FieldValue>;
    /// Sets (or with `None` clears) a scalar slot; `false` when the value is of another kind.
    fn put(&mut self, value: Option<FieldValue>) -> bool;
}

impl Slot for Option<Decimal> {
    fn is_unset(&self) -> bool {
        self.is_none()
    }
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::estimate_reader::qty_req(d).map(Some)
    }
    fn value(&self) -> Option<FieldValue> {
        self.map(FieldValue::Number)
    }
    fn put(&mut self, value: Option<FieldValue>) -> bool {
        match value {
            None => *self = None,
            Some(FieldValue::Number(d)) => *self = Some(d),
            Some(_) => return false,
        }
        true
    }
}

impl Slot for Option<String> {
    fn is_unset(&self) -> bool {
        self.is_none()
    }
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Some)
    }
    fn value(&self) -> Option<FieldValue> {
        self.clone().map(FieldValue::Text)
    }
    fn put(&mut self, value: Option<FieldValue>) -> bool {
        match value {
            None => *self = None,
            Some(FieldValue::Text(t)) => *self = Some(t),
            Some(_) => return false,
        }
        true
    }
}

impl Slot for Option<bool> {
    fn is_unset(&self) -> bool {
        self.is_none()
    }
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        bool::deserialize(d).map(Some)
    }
    fn value(&self) -> Option<FieldValue> {
        self.map(FieldValue::Flag)
    }
    fn put(&mut self, value: Option<FieldValue>) -> bool {
        match value {
            None => *self = None,
            Some(FieldValue::Flag(b)) => *self = Some(b),
            Some(_) => return false,
        }
        true
    }
}

impl Slot for Vec<PackagePurchase> {
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::deserialize(d)
    }
    fn value(&self) -> Option<FieldValue> {
        None
    }
    fn put(&mut self, value: Option<FieldValue>) -> bool {
        if value.is_none() {
            self.clear();
        }
        value.is_none()
    }
}

impl Slot for Option<EnteredPrices> {
    fn is_unset(&self) -> bool {
        self.is_none()
    }
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        EnteredPrices::deserialize(d).map(Some)
    }
    fn value(&self) -> Option<FieldValue> {
        None
    }
    fn put(&mut self, value: Option<FieldValue>) -> bool {
        if value.is_none() {
            *self = None;
        }
        value.is_none()
    }
}

/// `skip_serializing_if` for every generated field.
fn unset<T: Slot>(slot: &T) -> bool {
    slot.is_unset()
}

/// `deserialize_with` for every generated field.
fn read_slot<'de, D: Deserializer<'de>, T: Slot>(d: D) -> Result<T, D::Error> {
    T::read(d)
}

/// The slot type of a field kind.
macro_rules! slot {
    (Number) => { Option<Decimal> };
    (Text) => { Option<String> };
    (Choice) => { Option<String> };
    (Flag) => { Option<bool> };
    (Trial) => { Option<bool> };
    (Packages) => { Vec<PackagePurchase> };
    (Prices) => { Option<EnteredPrices> };
}

/// Declares the line fields: `Variant field "link key" Kind ("English label", "中文标签")
/// ("English hint", "中文提示");`, in the order the widget shows them and links write them.
macro_rules! line_fields {
    ($($variant:ident $field:ident $key:literal $kind:ident ($en:literal, $zh:literal) ($hen:literal, $hzh:literal);)*) => {
        /// One line of an estimate: a model and its monthly usage.
        ///
        /// `requests`, `images` and `calls` are per month; token counts are per request; `seconds`
        /// is per call. Special token counts (`cached_tokens`, `thinking_tokens`, audio, image and
        /// cache-write tokens) are parts of `input_tokens` or `output_tokens`, as API usage
        /// reports count them. The fields after `model` are declared in
        /// [`crate::rating::line_fields`].
        #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(missing_docs)]
        pub struct Line {
            pub provider: String,
            pub model: String,
            $(
                #[serde(default, skip_serializing_if = "unset", deserialize_with = "read_slot")]
                pub $field: slot!($kind),
            )*
            /// Discounts for this line alone, replacing the estimate's.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub discounts: Option<Discounts>,
        }

        /// A field of a line (every field but `provider`, `model` and `discounts`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Field {
            $(
                #[doc = concat!("`", stringify!($field), "`: ", $en, ".")]
                $variant,
            )*
        }

        impl Field {
            /// Every field, in the order the widget shows them and links write them.
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            /// The field's name in the estimate document, e.g. `input_tokens`.
            pub const fn name(self) -> &'static str {
                match self { $(Field::$variant => stringify!($field),)* }
            }

            /// The field's short key in links, e.g. `in`.
            pub const fn key(self) -> &'static str {
                match self { $(Field::$variant => $key,)* }
            }

            /// How the field is held and edited.
            pub const fn kind(self) -> FieldKind {
                match self { $(Field::$variant => FieldKind::$kind,)* }
            }

            /// The label a person reads.
            pub const fn label(self) -> Words {
                match self { $(Field::$variant => Words { en: $en, zh: $zh },)* }
            }

            /// The unit or period shown after the label, e.g. `per request` (may be empty).
            pub const fn hint(self) -> Words {
                match self { $(Field::$variant => Words { en: $hen, zh: $hzh },)* }
            }
        }

        impl Line {
            /// Whether the field is set.
            pub fn has(&self, field: Field) -> bool {
                match field { $(Field::$variant => !self.$field.is_unset(),)* }
            }

            /// The value of a scalar field, if set (`None` for packages and prices).
            pub fn get(&self, field: Field) -> Option<FieldValue> {
                match field { $(Field::$variant => self.$field.value(),)* }
            }

            /// Sets (or with `None` clears) a field.
            ///
            /// # Errors
            /// The value is of another kind than the field (packages and prices can only be
            /// cleared this way).
            pub fn set(&mut self, field: Field, value: Option<FieldValue>) -> Result<(), String> {
                let ok = match field { $(Field::$variant => self.$field.put(value),)* };
                if ok { Ok(()) } else { Err(format!("{} takes {}", field.name(), field.kind().takes())) }
            }

            /// Clears every field `keep` does not keep (`provider`, `model` and `discounts` stay).
            pub fn clear_unless(&mut self, keep: impl Fn(Field) -> bool) {
                $(if !keep(Field::$variant) { self.$field.put(None); })*
            }

            /// The decimal slot of a number field.
            pub fn number_mut(&mut self, field: Field) -> Option<&mut Option<Decimal>> {
                line_fields!(@numbers self field $($variant $field $kind)*)
            }
        }
    };
    (@numbers $self:ident $f:ident $($variant:ident $field:ident $kind:ident)*) => {
        {
            $(line_fields!(@number $self $f $variant $field $kind);)*
            None
        }
    };
    (@number $self:ident $f:ident $variant:ident $field:ident Number) => {
        if $f == Field::$variant { return Some(&mut $self.$field); }
    };
    (@number $self:ident $f:ident $variant:ident $field:ident $other:ident) => {};
}

line_fields! {
    Label label "lb" Text ("Label", "标签") ("", "");
    Requests requests "rq" Number ("Requests", "请求次数") ("per month", "每月");
    Images images "img" Number ("Images", "图片数") ("per month", "每月");
    Calls calls "calls" Number ("Calls", "调用次数") ("per month", "每月");
    InputTokens input_tokens "in" Number ("Input tokens", "输入 tokens") ("per request", "每次请求");
    OutputTokens output_tokens "out" Number ("Output tokens", "输出 tokens") ("per request", "每次请求");
    CachedTokens cached_tokens "cache" Number ("Cached input tokens", "缓存命中 tokens") ("per request, part of input", "每次请求，含于输入");
    ThinkingTokens thinking_tokens "think" Number ("Thinking tokens", "思考 tokens") ("per request, part of output", "每次请求，含于输出");
    CacheWrite5m cache_write_5m_tokens "cw5m" Number ("Cache write tokens (5 min)", "缓存写入 tokens（5 分钟）") ("per request, part of input", "每次请求，含于输入");
    CacheWrite1h cache_write_1h_tokens "cw1h" Number ("Cache write tokens (1 h)", "缓存写入 tokens（1 小时）") ("per request, part of input", "每次请求，含于输入");
    AudioInput audio_input_tokens "ain" Number ("Audio input tokens", "音频输入 tokens") ("per request, part of input", "每次请求，含于输入");
    ImageInput image_input_tokens "iin" Number ("Image input tokens", "图片输入 tokens") ("per request, part of input", "每次请求，含于输入");
    AudioOutput audio_output_tokens "aout" Number ("Audio output tokens", "音频输出 tokens") ("per request, part of output", "每次请求，含于输出");
    ImageOutput image_output_tokens "iout" Number ("Image output tokens", "图片输出 tokens") ("per request, part of output", "每次请求，含于输出");
    Width width "w" Number ("Width", "宽度") ("pixels", "像素");
    Height height "h" Number ("Height", "高度") ("pixels", "像素");
    Megapixels megapixels "mp" Number ("Megapixels", "百万像素") ("per image, instead of width × height", "每张图片，可代替宽 × 高");
    Seconds seconds "s" Number ("Seconds", "时长（秒）") ("per video", "每个视频");
    Resolution resolution "res" Choice ("Resolution", "分辨率") ("", "");
    Template template "tpl" Text ("Effect template", "特效模板") ("name", "名称");
    Credits credits "cr" Number ("Credits", "积分") ("per call", "每次调用");
    Hours hours "hrs" Number ("Hours", "时长（小时）") ("per month", "每月");
    Replicas replicas "rep" Number ("Replicas", "副本数") ("", "");
    ComputeUnits compute_units "cu" Number ("Compute units", "计算单元") ("per month", "每月");
    Quantity quantity "qty" Number ("Quantity", "数量") ("per month", "每月");
    UnitPrice unit_price "up" Number ("Unit price", "单价") ("card currency", "价目表币种");
    Prices prices "prices" Prices ("Token prices", "Token 单价") ("per 1M tokens", "每百万 tokens");
    FreeTrial free_trial "trial" Trial ("Free trial", "免费额度") ("", "");
    FreeRemaining free_remaining "free" Number ("Free quota left", "剩余免费额度") ("", "");
    PrepaidRemaining prepaid_remaining "pre" Number ("Prepaid balance left", "预付费余额") ("units", "单位");
    Packages packages "pkg" Packages ("Packages bought", "购买资源包") ("this month", "本月");
    ExtraConcurrency extra_concurrency "conc" Number ("Extra concurrency", "额外并发") ("tasks", "任务数");
    ConcurrencyDays concurrency_days "cdays" Number ("Concurrency days", "并发天数") ("days, blank for a month", "天，留空为整月");
    Priority priority "pri" Flag ("Priority", "优先处理") ("", "");
}

impl FieldKind {
    /// What a value of this kind is, for messages: `a number`, `text`, `yes or no` ...
    pub const fn takes(self) -> &'static str {
        match self {
            FieldKind::Number => "a number",
            FieldKind::Text | FieldKind::Choice => "text",
            FieldKind::Flag | FieldKind::Trial => "yes or no",
            FieldKind::Packages => "a list of packages",
            FieldKind::Prices => "token prices",
        }
    }
}

impl Field {
    /// The field named `name` in the estimate document.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The field whose link key is `key`.
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.key() == key)
    }

    /// The field's bit in a field mask.
    pub const fn bit(self) -> u64 {
        1 << (self as u8)
    }

    /// Whether the field is usage the engine checks against the model (every field but the label).
    pub const fn is_usage(self) -> bool {
        !matches!(self, Field::Label)
    }
}

// Every field has a bit in a `u64` mask.
const _: () = assert!(Field::ALL.len() <= 64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_keys_are_unique_and_round_trip() {
        for (i, a) in Field::ALL.iter().enumerate() {
            assert_eq!(Field::from_name(a.name()), Some(*a));
            assert_eq!(Field::from_key(a.key()), Some(*a));
            for b in &Field::ALL[i + 1..] {
                assert_ne!(a.key(), b.key(), "{a:?} and {b:?} share a link key");
            }
            assert!(!a.label().en.is_empty() && !a.label().zh.is_empty(), "{a:?} has a label in both languages");
        }
    }

    #[test]
    fn a_field_is_set_read_and_cleared_by_its_kind() {
        let mut line = super::super::Line::default();
        assert!(!line.has(Field::Seconds));
        line.set(Field::Seconds, Some(FieldValue::Number(Decimal::new(8, 0)))).ok();
        assert_eq!(line.seconds, Some(Decimal::new(8, 0)));
        assert!(line.has(Field::Seconds));
        assert!(line.set(Field::Seconds, Some(FieldValue::Flag(true))).is_err());
        assert!(line.set(Field::Priority, Some(FieldValue::Flag(true))).is_ok());
        assert_eq!(line.get(Field::Priority), Some(FieldValue::Flag(true)));
        assert!(line.number_mut(Field::Priority).is_none());
        if let Some(s) = line.number_mut(Field::Seconds) {
            *s = None;
        }
        assert!(!line.has(Field::Seconds));
    }
}
