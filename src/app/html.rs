//! Static markup written as text, for the parts of the widget that only show what the core
//! returned: the breakdown's lines and the printable quote.
//!
//! Such parts have no inputs and are redrawn whole when their data changes, so typed Leptos views
//! bought nothing but code size there. Every piece of text goes through [`esc`].

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
