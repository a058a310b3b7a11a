//! The searchable model picker of a line, filtered by kind.

use leptos::html;
use leptos::prelude::*;

use super::Ctx;
use super::cards::{free_summary, price_summary};
use super::fields::Text2;
use super::html::{el, esc};
use super::i18n::Lang;
use crate::rating::catalog::ModelKind;

/// The picker's kind filters, with their labels.
const KINDS: [(Option<ModelKind>, Text2); 6] = [
    (None, ("All", "全部")),
    (Some(ModelKind::Text), ("Text", "文本")),
    (Some(ModelKind::Image), ("Image", "图片")),
    (Some(ModelKind::Video), ("Video", "视频")),
    (Some(ModelKind::ThreeD), ("3D", "3D")),
    (Some(ModelKind::Other), ("Other", "其他")),
];

/// A model kind as the picker's tag shows it, e.g. `text` or `文本`.
fn kind_label(kind: ModelKind, lang: Lang) -> &'static str {
    match lang {
        Lang::En => kind.as_str(),
        Lang::Zh => KINDS.iter().find(|(k, _)| *k == Some(kind)).map_or("", |(_, l)| l.1),
    }
}

/// `s` in lower case, by the browser's `String.prototype.toLowerCase` (the same Unicode mapping as
/// `str::to_lowercase`, without its case tables in the wasm).
fn lowercase(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}

/// The searchable model picker of a line, filtered by kind.
#[component]
pub(super) fn ModelPicker(
    /// The line's id.
    id: u32,
    /// The panel's DOM id, named by the toggle's `aria-controls`.
    dom_id: String,
    /// The "Change model" button, which gets the focus back when the picker closes.
    toggle: NodeRef<html::Button>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let search_ref = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = search_ref.get() {
            let _ = el.focus();
        }
    });
    // Rebuilt on a language switch: the price summaries are words.
    let all = Memo::new(move |_| {
        let lang = ctx.lang.get();
        let home = ctx.options.with_value(|o| o.home_provider().map(String::from));
        let is_home = |c: &&crate::rating::catalog::RateCard| home.as_deref() == Some(&*c.provider);
        ctx.catalog.with_value(|cat| {
            let cards = cat.cards().iter().filter(|c| ctx.options.with_value(|o| o.offers(&c.provider)));
            // The host's own card first.
            cards
                .clone()
                .filter(|c| is_home(c))
                .chain(cards.filter(|c| !is_home(c)))
                .flat_map(|card| {
                    card.models.iter().map(move |m| {
                        (
                            card.provider.clone(),
                            card.name.clone(),
                            m.name.clone(),
                            m.kind,
                            price_summary(card, m, lang),
                            free_summary(card, m, lang),
                        )
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let kind = move || ctx.calc.with(|c| c.view.kind);
    let search = move || ctx.calc.with(|c| c.view.search.clone());
    let results = move || {
        let k = kind();
        let q = lowercase(search().trim());
        all.with(|all| {
            all.iter()
                .filter(|(_, pname, name, mk, _, _)| {
                    k.is_none_or(|k| k == *mk)
                        && (q.is_empty() || lowercase(name).contains(&q) || lowercase(pname).contains(&q))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let refocus = move || {
        if let Some(button) = toggle.get_untracked() {
            let _ = button.focus();
        }
    };
    let close = move || {
        ctx.calc.update(|c| c.close_picker());
        refocus();
    };
    // The options are static markup (one button per model, named by its data attributes), and
    // one click handler on the list reads the button that was pressed.
    let options = move || {
        let lang = ctx.lang.get();
        let list = results();
        let mut out = String::with_capacity(256 * list.len());
        if list.is_empty() {
            el(&mut out, "li class=\"rc-picker__empty\"", lang.pick("No model matches.", "没有匹配的模型。"));
        }
        for (provider, pname, name, mk, summary, free) in list {
            // Named by what it shows (model, provider, price), so that the name a voice user
            // says is the text they see; the kind tag is left out of the name.
            out.push_str(
                "<li><button type=\"button\" class=\"rc-picker__option\" data-testid=\"model-option\" data-provider=\"",
            );
            esc(&mut out, &provider);
            out.push_str("\" data-model=\"");
            esc(&mut out, &name);
            out.push_str("\">");
            el(&mut out, "span class=\"rc-picker__name\"", &name);
            el(&mut out, "span class=\"rc-picker__kind\" aria-hidden=\"true\"", kind_label(mk, lang));
            el(&mut out, "span class=\"rc-visually-hidden\"", ", ");
            el(&mut out, "span class=\"rc-picker__provider\"", &pname);
            el(&mut out, "span class=\"rc-visually-hidden\"", ": ");
            el(&mut out, "span class=\"rc-picker__price\"", &summary);
            if let Some(f) = free {
                el(&mut out, "span class=\"rc-visually-hidden\"", "; ");
                el(&mut out, "span class=\"rc-picker__free\"", &f);
            }
            out.push_str("</button></li>");
        }
        out
    };
    let choose = move |ev: web_sys::MouseEvent| {
        let button = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|el| el.closest("button[data-model]").ok().flatten());
        let Some(button) = button else { return };
        let provider = button.get_attribute("data-provider").unwrap_or_default();
        let model = button.get_attribute("data-model").unwrap_or_default();
        ctx.calc.update(|c| ctx.catalog.with_value(|cat| c.set_model(cat, id, &provider, &model)));
        refocus();
    };
    // Keyboard: in the search, Enter takes the first result and ArrowDown moves to it; in the
    // results, the arrows move between them (roving focus) and Enter takes the focused one.
    let list_ref = NodeRef::<html::Ul>::new();
    let focus = |el: Option<web_sys::Element>| {
        if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = el.focus();
        }
    };
    let first = move || list_ref.get_untracked().and_then(|ul| ul.query_selector("button[data-model]").ok().flatten());
    let on_search_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            if let Some(b) = first().and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                b.click();
            }
        }
        "ArrowDown" => {
            ev.prevent_default();
            focus(first());
        }
        _ => {}
    };
    let on_list_key = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        if key != "ArrowDown" && key != "ArrowUp" {
            return;
        }
        ev.prevent_default();
        let item = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|el| el.closest("li").ok().flatten());
        let Some(item) = item else { return };
        let next = if key == "ArrowDown" { item.next_element_sibling() } else { item.previous_element_sibling() };
        match next.and_then(|li| li.query_selector("button[data-model]").ok().flatten()) {
            Some(b) => focus(Some(b)),
            None if key == "ArrowUp" => focus(search_ref.get_untracked().map(Into::into)),
            None => {}
        }
    };
    let search_id = format!("{dom_id}-search");
    view! {
        <div
            class="rc-picker"
            id=dom_id
            role="dialog"
            aria-label=ctx.t("Choose a model", "选择模型")
            data-testid="model-picker"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    close();
                }
            }
        >
            <div class="rc-picker__controls">
                <label class="rc-field__label" for=search_id.clone()>
                    {ctx.t("Search models", "搜索模型")}
                </label>
                <input
                    id=search_id.clone()
                    node_ref=search_ref
                    class="rc-field__input"
                    type="search"
                    autocomplete="off"
                    placeholder=ctx.t("GLM, DeepSeek, video…", "GLM、DeepSeek、视频…")
                    data-testid="model-search"
                    aria-describedby=format!("{search_id}-keys")
                    on:keydown=on_search_key
                    prop:value=search
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.calc.update(|c| c.view.search = v);
                    }
                />
                <fieldset class="rc-picker__kinds">
                    <legend class="rc-visually-hidden">{ctx.t("Kind", "类型")}</legend>
                    {KINDS
                        .iter()
                        .map(|(k, label)| {
                            let k = *k;
                            view! {
                                <label class="rc-chip rc-chip--radio">
                                    <input
                                        type="radio"
                                        name=format!("rc-kind-{id}")
                                        class="rc-chip__input"
                                        prop:checked=move || kind() == k
                                        on:change=move |_| ctx.calc.update(|c| c.view.kind = k)
                                    />
                                    <span>{ctx.t(label.0, label.1)}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </div>
            <p class="rc-visually-hidden" id=format!("{search_id}-keys")>
                {ctx.t(
                    "Enter takes the first result; the arrow keys move through the results; Escape closes.",
                    "按回车键选择第一个结果，用方向键在结果间移动，按退出键关闭。",
                )}
            </p>
            <ul
                class="rc-picker__list"
                aria-label=ctx.t("Models", "模型")
                node_ref=list_ref
                inner_html=options
                on:click=choose
                on:keydown=on_list_key
            ></ul>
        </div>
    }
}
