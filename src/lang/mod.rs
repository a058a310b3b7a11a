//! The languages Ratecard writes, and one renderer per language.
//!
//! The core (`crate::rating`) returns typed values ([`crate::rating::wording`]) instead of prose.
//! [`Render`] writes any of them in a [`Lang`], by delegating to [`english`] or [`chinese`]. Both
//! renderers are pure Rust, so the CLI, the widget and the JS API share them. The JSON output stays
//! English: the English renderer also serializes the typed values.
//!
//! Problems are data too ([`Problem`], [`LinkProblem`], [`EntryProblem`]): English is their
//! `Display` (`english_problems.rs`, which the CLI and the JSON carry) and Chinese is
//! `chinese_problems.rs`. Neither reads the other's text.

pub mod chinese;
mod chinese_decide;
mod chinese_problems;
mod chinese_usage;
pub mod english;
mod english_decide;
mod english_problems;
mod english_usage;

#[cfg(test)]
mod coverage;

use crate::rating::QuoteError;
use crate::rating::num::EntryProblem;
use crate::rating::problem::{LinkProblem, Problem};
use crate::rating::wording::{Detail, DiscountKind, DrawdownName, Label, Note, Per, TierText, Unit};

/// A language of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language of a tag such as `zh-CN`, `zh-Hans`, `en-GB`: Chinese for any `zh`, else English.
    pub fn from_tag(tag: &str) -> Lang {
        // `get` rather than slicing: a tag that starts with a multi-byte character must not panic.
        if tag.trim().get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh")) { Lang::Zh } else { Lang::En }
    }

    /// `en` or `zh`, as links, attributes and the CLI's `--lang` write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag of number formatting and of the `lang` attribute's locale.
    pub fn number_locale(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Zh => "zh-CN",
        }
    }

    /// The `lang` attribute of a document in this language: `en` or `zh-CN`.
    pub fn tag(self) -> &'static str {
        self.pick("en", "zh-CN")
    }

    /// The string for this language.
    pub fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// What a price is per, as it follows a price in a table: `/ 1M tokens`, `/ 百万 tokens`.
pub fn per_short(p: Per, lang: Lang) -> String {
    let mut s = String::new();
    match lang {
        Lang::En => english::per_short(&p, &mut s),
        // Chinese writes every price-per this way.
        Lang::Zh => chinese::per(&p, &mut s),
    }
    s
}

/// A count and its unit, e.g. `1 package`, `3 packages`, `2,500 images` or `1 个`: English
/// writes the singular for exactly one, Chinese has no plural. `number` writes the count.
pub fn count_of(n: rust_decimal::Decimal, u: Unit, lang: Lang, number: &str) -> String {
    format!("{number} {}", unit_for(n, u, lang))
}

/// The unit of `n` of it: [`count_of`] without the number.
pub fn unit_for(n: rust_decimal::Decimal, u: Unit, lang: Lang) -> String {
    match lang {
        Lang::En if n == rust_decimal::Decimal::ONE => english::unit_one(&u).to_string(),
        _ => u.render(lang),
    }
}

/// A value that can be written in either language.
pub trait Render {
    /// Appends the value, written in `lang`, to `out`.
    fn write(&self, lang: Lang, out: &mut String);

    /// The value written in `lang`.
    fn render(&self, lang: Lang) -> String {
        let mut s = String::new();
        self.write(lang, &mut s);
        s
    }
}

macro_rules! render_by {
    ($($t:ty => $f:ident),* $(,)?) => {$(
        impl Render for $t {
            fn write(&self, lang: Lang, out: &mut String) {
                match lang {
                    Lang::En => english::$f(self, out),
                    Lang::Zh => chinese::$f(self, out),
                }
            }
        }
    )*};
}

render_by!(
    Label => label,
    Unit => unit,
    Per => per,
    Detail => detail,
    TierText => tier,
    DrawdownName => drawdown_name,
    DiscountKind => discount,
    Note => note,
);

/// A problem's message in `lang`, without its line and field.
pub fn problem(p: &Problem, lang: Lang) -> String {
    match lang {
        Lang::En => p.to_string(),
        Lang::Zh => chinese_problems::problem(p),
    }
}

/// An estimate problem with its line, model and field first, the field by its key.
pub fn quote_error(e: &QuoteError, lang: Lang) -> String {
    quote_error_labelled(e, lang, &|_| None)
}

/// An estimate problem with its line, model and field first; in Chinese the field is named by
/// `label` when it knows it (the widget's field labels), else by the core's own labels, else by
/// its key.
pub fn quote_error_labelled(e: &QuoteError, lang: Lang, label: &dyn Fn(&str) -> Option<&'static str>) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    let mut s = String::new();
    if let Some(line) = e.line {
        s.push_str(&format!("第 {line} 行"));
        if let Some(model) = &e.model {
            s.push_str(&format!("（{model}）"));
        }
        s.push('：');
    }
    if !e.field.is_empty() {
        let name = chinese_problems::field_label(&e.field).or_else(|| label(&e.field));
        s.push_str(name.unwrap_or(&e.field));
        s.push('：');
    }
    s.push_str(&chinese_problems::problem(&e.problem));
    s
}

/// A link problem in `lang`.
pub fn link_problem(p: &LinkProblem, lang: Lang) -> String {
    match lang {
        Lang::En => p.to_string(),
        Lang::Zh => chinese_problems::link(p),
    }
}

/// A problem with text typed into a field, in `lang`.
pub fn entry_problem(p: &EntryProblem, lang: Lang) -> String {
    match lang {
        Lang::En => p.to_string(),
        Lang::Zh => chinese_problems::entry(p),
    }
}

impl Render for crate::rating::decide::MarkKind {
    fn write(&self, lang: Lang, out: &mut String) {
        match lang {
            Lang::En => english_decide::mark(self, out),
            Lang::Zh => chinese_decide::mark(self, out),
        }
    }
}

/// A cost-curve error in `lang`.
pub fn curve_error(e: &crate::rating::decide::CurveError, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => chinese_decide::curve(e),
    }
}

/// A concurrency-sizing error in `lang`.
pub fn concurrency_error(e: &crate::rating::decide::ConcurrencyError, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => chinese_decide::concurrency(e),
    }
}

/// A balance-runway error in `lang`.
pub fn runway_error(e: &crate::rating::decide::RunwayError, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => chinese_decide::runway(e),
    }
}

/// A comparison error in `lang`.
pub fn compare_error(e: &crate::rating::decide::CompareError, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => chinese_decide::compare(e),
    }
}

/// A free-trial horizon error in `lang`.
pub fn horizon_error(e: &crate::rating::decide::HorizonError, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => chinese_decide::horizon(e),
    }
}

/// A plan error in `lang`.
pub fn plan_error(e: &crate::rating::plan::PlanError, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => chinese_decide::plan(e),
    }
}

/// A problem with usage records or a mapping, in `lang`.
pub fn usage_problem(p: &crate::share::usage::UsageProblem, lang: Lang) -> String {
    match lang {
        Lang::En => p.to_string(),
        Lang::Zh => chinese_usage::usage(p),
    }
}

/// A usage record's problem with its line, in `lang`.
pub fn record_problem(p: &crate::share::usage::RecordProblem, lang: Lang) -> String {
    match lang {
        Lang::En => p.to_string(),
        Lang::Zh => chinese_usage::record(p),
    }
}
