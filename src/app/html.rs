//! Static markup written as text, for the parts of the widget that only show what the core
//! returned: the breakdown's lines and the printable quote.
//!
//! Such parts have no inputs and are written again when their data changes, so typed Leptos views
//! bought nothing but code size there. Every piece of text goes through [`esc`]. [`LineRows`]
//! keeps one element per priced line, rewrites only the lines that changed, and patches each into
//! the page so that only its changed text nodes and attributes are touched.

use wasm_bindgen::prelude::wasm_bindgen;

use super::i18n::Lang;
use crate::rating::Currency;
use crate::rating::breakdown::LineQuote;

/// Appends `text` to `out` with `&`, `<`, `>` and `"` escaped, for element text and attribute
/// values alike.
pub fn esc(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Appends `<tag attrs>text</tag>` to `out`, the text escaped. `open` is the opening tag's inside,
/// written by the caller (so it must hold no outside text).
pub fn el(out: &mut String, open: &str, text: &str) {
    let tag = open.split(' ').next().unwrap_or(open);
    out.push('<');
    out.push_str(open);
    out.push('>');
    esc(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

// `patch(el, html)` makes `el`'s inside match `html` with as few changes as it can: the markup is
// parsed in a detached template, then the two trees are walked side by side. Text that differs is
// set, attributes are set or removed, and only a node of another kind or tag is replaced. A
// keystroke changes a few amounts of one line, so a few text nodes change instead of the whole
// article being parsed into the page.
#[wasm_bindgen(inline_js = "const t = document.createElement('template');\
function attrs(a, b) {\
  for (const { name, value } of b.attributes) if (a.getAttribute(name) !== value) a.setAttribute(name, value);\
  if (a.attributes.length > b.attributes.length)\
    for (const { name } of [...a.attributes]) if (!b.hasAttribute(name)) a.removeAttribute(name);\
}\
function morph(live, next) {\
  let a = live.firstChild;\
  for (let b = next.firstChild; b; ) {\
    const after = b.nextSibling;\
    if (!a) live.appendChild(b);\
    else if (a.nodeName !== b.nodeName) { live.replaceChild(b, a); a = b.nextSibling; }\
    else {\
      if (a.nodeType === 1) { attrs(a, b); morph(a, b); }\
      else if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;\
      a = a.nextSibling;\
    }\
    b = after;\
  }\
  while (a) { const after = a.nextSibling; a.remove(); a = after; }\
}\
export function patch(el, html) { t.innerHTML = html; morph(el, t.content); t.innerHTML = ''; }")]
extern "C" {
    fn patch(el: &web_sys::Element, html: &str);
}

/// One element per priced line, kept in step with the breakdown by hand: a line's markup is
/// written again only when its quote (or the `key` all lines share: language, currency, scale)
/// changed, and then patched (only its changed text and attributes are written), and elements are
/// added or removed at the end. Other lines' nodes are left alone, and
/// the widget carries this one routine instead of a keyed list per part.
pub struct LineRows {
    /// The element the rows go in.
    parent: web_sys::Element,
    /// The rows' tag, e.g. `li`.
    tag: &'static str,
    /// The rows' attributes, besides `data-line`.
    attrs: &'static [(&'static str, &'static str)],
    /// Each drawn row, with the quote it shows.
    rows: Vec<(web_sys::Element, LineQuote)>,
    /// What every row was drawn with.
    key: String,
}

impl LineRows {
    /// Rows of `tag` with `attrs` in `parent` (which starts empty).
    pub fn new(parent: web_sys::Element, tag: &'static str, attrs: &'static [(&'static str, &'static str)]) -> Self {
        LineRows { parent, tag, attrs, rows: Vec::new(), key: String::new() }
    }

    /// Draws `lines`, each as `html` writes it, with `key` standing for what every row depends on.
    pub fn draw(&mut self, lines: &[LineQuote], key: String, html: &dyn Fn(&LineQuote) -> String) {
        let all = key != self.key;
        self.key = key;
        for (i, l) in lines.iter().enumerate() {
            if let Some((row, drawn)) = self.rows.get_mut(i) {
                if all || drawn != l {
                    let _ = row.set_attribute("data-line", &l.line.to_string());
                    patch(row, &html(l));
                    *drawn = l.clone();
                }
                continue;
            }
            let Some(row) = self.parent.owner_document().and_then(|d| d.create_element(self.tag).ok()) else {
                return;
            };
            for (name, value) in self.attrs {
                let _ = row.set_attribute(name, value);
            }
            let _ = row.set_attribute("data-line", &l.line.to_string());
            row.set_inner_html(&html(l));
            let _ = self.parent.append_child(&row);
            self.rows.push((row, l.clone()));
        }
        for (row, _) in self.rows.drain(lines.len().min(self.rows.len())..) {
            row.remove();
        }
    }
}

/// Keeps `parent`'s rows in step with the breakdown's drawn lines (at most [`super::Ctx::shown`]):
/// one `tag` element with `attrs` per line, its inside written by `html` from the line, the display
/// currency, the language and `scale` (the chart's; zero without one). See [`LineRows`]. A change
/// of scale alone redraws nothing: the scale is read when a row is written, and the caller keeps
/// what depends on it up to date (the chart sets its bars' view boxes).
pub fn follow_lines(
    ctx: super::Ctx,
    parent: web_sys::Element,
    tag: &'static str,
    attrs: &'static [(&'static str, &'static str)],
    scale: Option<leptos::prelude::Memo<rust_decimal::Decimal>>,
    html: fn(&LineQuote, Currency, Lang, rust_decimal::Decimal) -> String,
) {
    use leptos::prelude::*;
    let rows = std::cell::RefCell::new(LineRows::new(parent, tag, attrs));
    // The rows are drawn in the task after the change, once the total is on screen: the total is
    // what a keystroke is for, and the rows follow before the next frame is drawn.
    // Memos are read, not only tracked: a memo computes (and follows its sources) once read.
    let track = move || {
        ctx.lang.track();
        ctx.shown.track();
        ctx.breakdown.with(|_| ());
    };
    // The rows are formatted in this calculator's language, so they are drawn under its owner
    // (whose context says which calculator it is; see `format`).
    let owner = Owner::current();
    let draw = move || {
        let lang = ctx.lang.get_untracked();
        let shown = ctx.shown.get_untracked();
        ctx.breakdown.with_untracked(|b| {
            let scale = scale.map(|s| s.get_untracked()).unwrap_or_default();
            let key = format!("{} {}", lang.tag(), b.currency.code());
            let lines = &b.lines[..b.lines.len().min(shown)];
            rows.borrow_mut().draw(lines, key, &|l| html(l, b.currency, lang, scale));
        });
    };
    super::after_change(true, track, move || match &owner {
        Some(o) => o.with(&draw),
        None => draw(),
    });
}
