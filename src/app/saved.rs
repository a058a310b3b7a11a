//! Named estimates kept in this browser, on the calculator's own page only: save the open estimate
//! under a name, open one, delete one. Each is a link fragment under `ratecard:saved:<name>`, as
//! the working estimate is under `ratecard:estimate` (which Reset clears; the named ones stay).
//! An entry that does not open is moved to `ratecard:saved-broken:<name>` with a message, so it
//! is never read blindly again and can still be recovered. Embedded instances never touch the
//! host's storage, so they do not show this.

use leptos::prelude::*;

use wasm_bindgen::JsCast;

use super::Ctx;
use super::html::{el, esc};
use super::persistence::{Problems, catalog_version, read_saved};
use crate::share::link::encode;

/// The key prefix of a named estimate.
pub const PREFIX: &str = "ratecard:saved:";

/// Where a named estimate that could not be opened is moved.
pub const BROKEN_PREFIX: &str = "ratecard:saved-broken:";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved names, sorted.
fn names() -> Vec<String> {
    let Some(s) = storage() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    let mut all: Vec<String> =
        (0..n).filter_map(|i| s.key(i).ok().flatten()?.strip_prefix(PREFIX).map(String::from)).collect();
    all.sort();
    all
}

/// What "Yes" would do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ask {
    /// Save over the estimate saved under the same name.
    Replace,
    /// Delete the saved estimate.
    Delete,
}

/// "Saved estimates": a name, Save, and each saved one with Open and Delete. Saving over a
/// different estimate of the same name, and deleting, ask first.
#[component]
pub fn Saved() -> impl IntoView {
    let ctx = Ctx::get();
    if !ctx.options.with_value(|o| o.standalone) {
        return ().into_any();
    }
    let problems = expect_context::<Problems>();
    let list = RwSignal::new(names());
    let name = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let quoted = move |en: &str, zh: &str, n: &str| match ctx.lang.get_untracked() {
        super::i18n::Lang::En => format!("{en} “{n}”"),
        super::i18n::Lang::Zh => format!("{zh}“{n}”"),
    };
    // A save over another estimate of the same name, or a delete, waits for "Yes".
    let asking = RwSignal::new(None::<(Ask, String)>);
    let write = move |n: String| {
        asking.set(None);
        let version = catalog_version();
        let fragment =
            ctx.estimate.with_untracked(|e| ctx.catalog.with_value(|cat| encode(e, None, Some((cat, &version)))));
        let saved = storage().is_some_and(|s| s.set_item(&format!("{PREFIX}{n}"), &fragment).is_ok());
        status.set(if saved {
            quoted("Saved", "已保存", &n)
        } else {
            ctx.tr(
                "Could not save: this browser refused to store it (storage full or off).",
                "无法保存：浏览器拒绝存储（存储已满或已关闭）。",
            )
            .into()
        });
        list.set(names());
    };
    let save = move |_| {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            status.set(ctx.tr("Give the estimate a name to save it.", "请先为估算命名再保存。").into());
            return;
        }
        let version = catalog_version();
        let fragment =
            ctx.estimate.with_untracked(|e| ctx.catalog.with_value(|cat| encode(e, None, Some((cat, &version)))));
        match storage().and_then(|s| s.get_item(&format!("{PREFIX}{n}")).ok().flatten()) {
            Some(old) if old != fragment => asking.set(Some((Ask::Replace, n))),
            _ => write(n),
        }
    };
    let open = move |n: String| {
        let Some(s) = storage() else { return };
        let Some(fragment) = s.get_item(&format!("{PREFIX}{n}")).ok().flatten() else {
            list.set(names());
            return;
        };
        match ctx.catalog.with_value(|cat| read_saved(&fragment, cat)) {
            Some(start) => {
                ctx.calc.update(|c| c.load(start.estimate));
                problems.0.set(start.problems);
                name.set(n.clone());
                status.set(quoted("Opened", "已打开", &n));
            }
            None => {
                let _ = s.set_item(&format!("{BROKEN_PREFIX}{n}"), &fragment);
                let _ = s.remove_item(&format!("{PREFIX}{n}"));
                status.set(match ctx.lang.get_untracked() {
                    super::i18n::Lang::En => format!(
                        "“{n}” could not be opened, so it was set aside (kept in this browser as {BROKEN_PREFIX}{n})."
                    ),
                    super::i18n::Lang::Zh => {
                        format!("“{n}”无法打开，已移到一边（仍保存在本浏览器的 {BROKEN_PREFIX}{n}）。")
                    }
                });
                list.set(names());
            }
        }
    };
    let delete = move |n: String| {
        asking.set(None);
        if let Some(s) = storage() {
            let _ = s.remove_item(&format!("{PREFIX}{n}"));
        }
        status.set(quoted("Deleted", "已删除", &n));
        list.set(names());
    };
    // The list as markup, with one click listener reading each button's `data-act` and `data-name`.
    let items = move || {
        let (open, delete) = (ctx.tr("Open", "打开"), ctx.tr("Delete", "删除"));
        let mut out = String::new();
        for n in list.get() {
            out.push_str("<li class=\"rc-saved__item\" data-testid=\"saved-item\">");
            el(&mut out, "span class=\"rc-saved__name\"", &n);
            for (act, word) in [("open", open), ("delete", delete)] {
                out.push_str("<button type=\"button\" class=\"rc-button rc-button--quiet\" data-act=\"");
                out.push_str(act);
                out.push_str("\" data-testid=\"saved-");
                out.push_str(act);
                out.push_str("\" data-name=\"");
                esc(&mut out, &n);
                out.push_str("\" aria-label=\"");
                esc(&mut out, &format!("{word} {n}"));
                out.push_str("\">");
                esc(&mut out, word);
                out.push_str("</button>");
            }
            out.push_str("</li>");
        }
        out
    };
    let clicked = move |ev: leptos::ev::MouseEvent| {
        let button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button[data-act]").ok().flatten());
        let Some(b) = button else { return };
        let (Some(act), Some(n)) = (b.get_attribute("data-act"), b.get_attribute("data-name")) else { return };
        if act == "open" { open(n) } else { asking.set(Some((Ask::Delete, n))) }
    };
    let question = move || {
        asking.get().map(|(ask, n)| {
            let (q, yes) = match (ask, ctx.lang.get()) {
                (Ask::Replace, super::i18n::Lang::En) => (format!("Replace the saved “{n}”?"), "Yes, replace"),
                (Ask::Replace, super::i18n::Lang::Zh) => (format!("替换已保存的“{n}”？"), "是，替换"),
                (Ask::Delete, super::i18n::Lang::En) => (format!("Delete “{n}”?"), "Yes, delete"),
                (Ask::Delete, super::i18n::Lang::Zh) => (format!("删除“{n}”？"), "是，删除"),
            };
            let on_yes = move || match ask {
                Ask::Replace => write(n.clone()),
                Ask::Delete => delete(n.clone()),
            };
            super::confirm::confirm("saved", q, yes, on_yes, move || asking.set(None))
        })
    };
    view! {
        <div class="rc-quote__group rc-saved" role="group" aria-labelledby="rc-saved-title" data-testid="saved">
            <h3 class="rc-quote__title" id="rc-saved-title">{ctx.t("Saved estimates", "已保存的估算")}</h3>
            <p class="rc-field__note">{ctx.t("Kept in this browser only.", "仅保存在本浏览器中。")}</p>
            <div class="rc-saved__save">
                <label class="rc-field">
                    <span class="rc-field__label">{ctx.t("Name", "名称")}</span>
                    <input
                        type="text"
                        class="rc-field__input"
                        autocomplete="off"
                        data-testid="saved-name"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </label>
                <button type="button" class="rc-button" data-testid="saved-save" on:click=save>
                    {ctx.t("Save estimate", "保存估算")}
                </button>
            </div>
            {question}
            <p class="rc-quote__status" role="status" aria-live="polite" data-testid="saved-status">
                {move || status.get()}
            </p>
            <ul class="rc-saved__list" data-testid="saved-list" inner_html=items on:click=clicked></ul>
        </div>
    }
    .into_any()
}
