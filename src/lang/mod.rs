//! The product's languages, and one renderer per language for the problems it reports.
//!
//! The core describes problems as data ([`Problem`], [`LinkProblem`], [`EntryProblem`]); English
//! is their `Display` (`english_problems.rs`, which the CLI and the JSON carry) and Chinese is
//! `chinese_problems.rs`. Neither reads the other's text.

mod chinese_problems;
mod english_problems;

use crate::rating::QuoteError;
use crate::rating::num::EntryProblem;
use crate::rating::problem::{LinkProblem, Problem};

/// A language the product writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

/// The widget's language (until the widget and this module share one `Lang`).
#[cfg(target_arch = "wasm32")]
impl From<crate::app::i18n::Lang> for Lang {
    fn from(l: crate::app::i18n::Lang) -> Lang {
        match l {
            crate::app::i18n::Lang::En => Lang::En,
            crate::app::i18n::Lang::Zh => Lang::Zh,
        }
    }
}

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
