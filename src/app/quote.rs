//! Quotes for sales: export (CSV, JSON, Markdown), import (a JSON file or pasted text) and a
//! printable quote.
//!
//! Everything here goes through [`crate::share::export`], the same code as `ratecard quote
//! --csv/--json/--markdown`, so a download equals the CLI's output on the same estimate. The
//! customer, the notes and the validity are the estimate's own optional fields (`customer`,
//! `notes`, `valid_days`), so they travel with links, storage and exports; they are never priced.
//! The quote date and the paper size are view state; the paper size is remembered in
//! `localStorage` on the calculator's own page.
//!
//! The printed document (`print.rs`, placed by [`Quote`]) is hidden on screen and shown
//! alone by the `@media print` rules in `ratecard.css`; an injected `@page` rule sets the paper.

use std::rc::Rc;

use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::Ctx;
use super::host::CatalogInfo;
use super::options::Control;
use super::print::PrintDocument;
use super::seller::{Seller, SellerFields};
use super::tools;
use crate::rating::{Estimate, quote};
use crate::share::export::add_days;
use crate::share::link;

/// The `localStorage` key of the chosen paper size (`a4` or `letter`).
pub const PAPER_KEY: &str = "ratecard:quote-paper";

/// Days a quote is valid when the estimate does not say.
const DEFAULT_VALID_DAYS: u32 = 30;

/// `localStorage`, on the calculator's own page only (an embedded instance leaves the host's alone).
fn storage(ctx: Ctx) -> Option<web_sys::Storage> {
    if !ctx.options.with_value(|o| o.standalone) {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

/// Today's local date as `YYYY-MM-DD`.
pub(super) fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Offers `text` as a file download named `name`, through a Blob, an object URL and `<a download>`.
fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The download has started; the URL is released once the browser has read it.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The export buttons, the import box and the printable quote's form, with the print-only
/// document. Hidden entirely when the host hides [`Control::Quote`].
#[component]
pub fn Quote() -> impl IntoView {
    let ctx = Ctx::get();
    if !ctx.shows(Control::Quote) {
        return ().into_any();
    }
    // With the `split` feature (the widget's Trunk build) the section's code is a chunk of its
    // own, fetched after the first total is on screen; see scripts/split.mjs.
    #[cfg(feature = "split")]
    return Suspend::new(async move { quote_section().await }).into_any();
    #[cfg(not(feature = "split"))]
    quote_section()
}

/// The quote section's body: an on-demand chunk with the `split` feature (`#[lazy]`, wasm-split).
#[cfg_attr(feature = "split", lazy)]
fn quote_section() -> AnyView {
    let ctx = Ctx::get();
    let date = RwSignal::new(today());
    let seller = Seller::new(ctx);
    let fill: StoredValue<Option<Rc<dyn Fn()>>, LocalStorage> = StoredValue::new_local(None);
    let letter =
        RwSignal::new(storage(ctx).and_then(|s| s.get_item(PAPER_KEY).ok().flatten()).is_some_and(|p| p == "letter"));
    Effect::new(move |_| {
        let paper = if letter.get() { "letter" } else { "a4" };
        if let Some(s) = storage(ctx) {
            let _ = s.set_item(PAPER_KEY, paper);
        }
    });
    view! {
        <section
            class="rc-quote"
            aria-labelledby="rc-quote-title"
            data-testid="quote"
            data-view="quote"
            on:pointerenter=|_| tools::prefetch()
            on:focusin=|_| tools::prefetch()
        >
            <h2 class="rc-quote__heading" id="rc-quote-title">{ctx.t("Quote", "报价单")}</h2>
            <div class="rc-quote__groups">
                <Export date />
                <Import />
                <PrintForm date letter fill seller />
                <super::saved::Saved />
            </div>
        </section>
        <PrintDocument date fill letter seller />
    }
    .into_any()
}

/// "Download CSV", "Download JSON" and "Copy Markdown", with their status, and the Markdown shown
/// in a box when the clipboard is refused.
#[component]
fn Export(
    /// The quote date, which names the files.
    date: RwSignal<String>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let status = RwSignal::new(String::new());
    let fallback = RwSignal::new(None::<String>);
    let host = StoredValue::new(
        use_context::<StoredValue<CatalogInfo>>().and_then(|i| i.with_value(CatalogInfo::host_catalog)),
    );
    // The writers live in the JS API bundle, loaded on the first export (see `super::tools`).
    let written = move |format: &'static str| {
        let estimate = ctx.estimate.with_untracked(super::embed::estimate_js);
        let host = host.get_value();
        status.set(ctx.lang.get_untracked().pick("Preparing…", "正在准备…").into());
        let (day, lang) = (date.get_untracked(), ctx.lang.get_untracked());
        async move { tools::export(format, estimate, host, &day, lang).await }
    };
    let save = {
        move |ext: &'static str| {
            let name = format!("ratecard-quote-{}.{ext}", date.get_untracked());
            let (format, mime) =
                if ext == "csv" { ("csv", "text/csv;charset=utf-8") } else { ("json", "application/json") };
            let lang = ctx.lang.get_untracked();
            let text = written(format);
            leptos::task::spawn_local(async move {
                status.set(match text.await {
                    // A spreadsheet reads a CSV without a byte-order mark in the system's code
                    // page, which garbles Chinese labels; the file otherwise is the CLI's text.
                    Ok(text) => {
                        match download(&name, mime, &if ext == "csv" { format!("\u{feff}{text}") } else { text }) {
                            Ok(()) => format!("{} {name}", lang.pick("Downloaded", "已下载")),
                            Err(_) => lang.pick("The browser refused the download.", "浏览器拒绝了下载。").to_string(),
                        }
                    }
                    Err(why) => format!("{}: {why}", lang.pick("Export failed", "导出失败")),
                });
            });
        }
    };
    let copy = move |_| {
        let lang = ctx.lang.get_untracked();
        let text = written("markdown");
        leptos::task::spawn_local(async move {
            let text = match text.await {
                Ok(text) => text,
                Err(why) => return status.set(format!("{}: {why}", lang.pick("Export failed", "导出失败"))),
            };
            let refused = move |text: String| {
                status.set(
                    lang.pick("The clipboard was refused: copy the text below.", "无法写入剪贴板：请复制下面的文字。")
                        .into(),
                );
                fallback.set(Some(text));
            };
            let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return };
            // Outside a secure context there is no `navigator.clipboard` at all.
            if js_sys::Reflect::get(&navigator, &"clipboard".into()).map_or(true, |c| c.is_undefined()) {
                return refused(text);
            }
            match JsFuture::from(navigator.clipboard().write_text(&text)).await {
                Ok(_) => {
                    fallback.set(None);
                    status.set(lang.pick("Markdown copied", "已复制 Markdown").into());
                }
                Err(_) => refused(text),
            }
        });
    };
    view! {
        <div class="rc-quote__group" role="group" aria-labelledby="rc-quote-export">
            <h3 class="rc-quote__title" id="rc-quote-export">{ctx.t("Export", "导出")}</h3>
            <div class="rc-quote__buttons">
                <button type="button" class="rc-button" data-testid="download-csv" on:click=move |_| save("csv")>
                    {ctx.t("Download CSV", "下载 CSV")}
                </button>
                <button type="button" class="rc-button" data-testid="download-json" on:click=move |_| save("json")>
                    {ctx.t("Download JSON", "下载 JSON")}
                </button>
                <button type="button" class="rc-button" data-testid="copy-markdown" on:click=copy>
                    {ctx.t("Copy Markdown", "复制 Markdown")}
                </button>
            </div>
            <p class="rc-quote__status" role="status" aria-live="polite" data-testid="export-status">
                {move || status.get()}
            </p>
            {move || {
                fallback
                    .get()
                    .map(|text| {
                        view! {
                            <label class="rc-field">
                                <span class="rc-field__label">{ctx.t("Markdown", "Markdown 文本")}</span>
                                <textarea
                                    class="rc-field__input rc-quote__text"
                                    readonly
                                    rows="8"
                                    data-testid="markdown-fallback"
                                    prop:value=text
                                ></textarea>
                            </label>
                        }
                    })
            }}
        </div>
    }
}

/// Reads an imported document and checks it prices without errors: the estimate, or the message
/// naming what is wrong. The strict reader is the JS API bundle's, loaded on demand.
async fn read_import(ctx: Ctx, text: String) -> Result<Estimate, String> {
    let fragment = tools::import_fragment(text).await?;
    let estimate = link::decode(&fragment, None).estimate;
    let errors = ctx.catalog.with_value(|cat| quote(cat, &estimate).errors);
    match errors.first() {
        Some(e) => Err(super::editor::error_full(e, ctx.lang.get_untracked())),
        None => Ok(estimate),
    }
}

/// A JSON file picker and a paste box. A good document replaces the estimate; a bad one leaves it
/// as it is and says what is wrong.
#[component]
fn Import() -> impl IntoView {
    let ctx = Ctx::get();
    let pasted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    // Resolves to whether the document was imported.
    let apply = move |text: String, from: String| async move {
        let lang = ctx.lang.get_untracked();
        status.set(lang.pick("Reading…", "正在读取…").into());
        match read_import(ctx, text).await {
            Ok(estimate) => {
                let n = estimate.lines.len();
                ctx.calc.update(|c| c.load(estimate));
                error.set(None);
                status.set(format!("{from}: {n} {}", lang.pick("line(s) imported", "行已导入")));
                true
            }
            Err(message) => {
                status.set(String::new());
                error.set(Some(format!("{from}: {message}")));
                false
            }
        }
    };
    let import_paste = move |_| {
        let from = ctx.lang.get_untracked().pick("Pasted text", "粘贴的文本").to_string();
        let text = pasted.get_untracked();
        leptos::task::spawn_local(async move {
            if apply(text, from).await {
                pasted.set(String::new());
            }
        });
    };
    let import_file = move |ev: web_sys::Event| {
        let Some((name, text)) = super::files::chosen(&ev) else { return };
        leptos::task::spawn_local(async move {
            match text.await {
                Some(text) => {
                    apply(text, name).await;
                }
                None => error.set(Some(format!(
                    "{name}: {}",
                    ctx.lang.get_untracked().pick("the file could not be read", "无法读取文件")
                ))),
            }
        });
    };
    view! {
        <div class="rc-quote__group" role="group" aria-labelledby="rc-quote-import">
            <h3 class="rc-quote__title" id="rc-quote-import">{ctx.t("Import", "导入")}</h3>
            <label class="rc-field">
                <span class="rc-field__label">{ctx.t("Estimate file (.json)", "估算文件（.json）")}</span>
                <input
                    type="file"
                    class="rc-quote__file"
                    accept=".json,application/json"
                    data-testid="import-file"
                    on:change=import_file
                />
            </label>
            <label class="rc-field">
                <span class="rc-field__label">{ctx.t("Or paste an estimate (JSON)", "或粘贴估算（JSON）")}</span>
                <textarea
                    class="rc-field__input rc-quote__text"
                    rows="4"
                    spellcheck="false"
                    data-testid="import-text"
                    aria-describedby="rc-quote-import-error"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                ></textarea>
            </label>
            <div class="rc-quote__buttons">
                <button
                    type="button"
                    class="rc-button"
                    data-testid="import-paste"
                    disabled=move || pasted.with(|p| p.trim().is_empty())
                    on:click=import_paste
                >
                    {ctx.t("Import pasted estimate", "导入粘贴的估算")}
                </button>
            </div>
            <p class="rc-quote__status" role="status" aria-live="polite" data-testid="import-status">
                {move || status.get()}
            </p>
            <p class="rc-quote__error" id="rc-quote-import-error" role="alert" data-testid="import-error">
                {move || {
                    error.get().map(|e| format!("{e}. {}", ctx.tr("Nothing was changed.", "估算未改变。")))
                }}
            </p>
        </div>
    }
}

/// The valid days the estimate states, or the default.
pub(super) fn valid_days(e: &Estimate) -> Decimal {
    e.valid_days.unwrap_or(Decimal::from(DEFAULT_VALID_DAYS))
}

/// The last day a quote dated `date` is valid, `valid` days on.
pub(super) fn valid_until(date: &str, valid: Decimal) -> String {
    i64::try_from(valid).ok().and_then(|d| add_days(date, d)).unwrap_or_default()
}

/// The printable quote's details (customer, date, validity, notes, paper) and "Print quote".
#[component]
fn PrintForm(
    /// The quote date, `YYYY-MM-DD`.
    date: RwSignal<String>,
    /// Whether the paper is US Letter rather than A4.
    letter: RwSignal<bool>,
    /// Writes the printed document.
    fill: StoredValue<Option<Rc<dyn Fn()>>, LocalStorage>,
    /// Who the quote is from.
    seller: Seller,
) -> impl IntoView {
    let ctx = Ctx::get();
    let days_text = RwSignal::new(ctx.estimate.with_untracked(|e| valid_days(e).to_string()));
    let days_error = RwSignal::new(false);
    // An import or a reset brings its own validity; other edits leave the text being typed alone.
    let stated = Memo::new(move |_| ctx.estimate.with(valid_days));
    // Memos, so that a keystroke in a line does not set the inputs again.
    let customer = Memo::new(move |_| ctx.estimate.with(|e| e.customer.clone()));
    let notes = Memo::new(move |_| ctx.estimate.with(|e| e.notes.clone()));
    Effect::new(move |_| {
        let days = stated.get();
        if crate::rating::num::parse_exact(&days_text.get_untracked()).ok() != Some(days) {
            days_text.set(days.to_string());
            days_error.set(false);
        }
    });
    let set_days = move |ev| {
        let text = event_target_value(&ev);
        let days = text.trim().parse::<u16>().ok().filter(|d| (1..=3650).contains(d));
        days_text.set(text);
        days_error.set(days.is_none());
        if let Some(d) = days {
            ctx.calc.update(|c| c.estimate.valid_days = Some(Decimal::from(d)));
        }
    };
    let text_field = |value: String| (!value.trim().is_empty()).then_some(value);
    let until = move || valid_until(&date.get(), stated.get());
    let paper = move |value: bool, label: &'static str| {
        view! {
            <label class="rc-segmented__option">
                <input
                    type="radio"
                    name="rc-quote-paper"
                    class="rc-segmented__input"
                    prop:checked=move || letter.get() == value
                    on:change=move |_| letter.set(value)
                />
                <span class="rc-segmented__label">{label}</span>
            </label>
        }
    };
    let print = move |_| {
        if let Some(write) = fill.get_value() {
            write();
        }
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="rc-quote__group rc-quote__group--form" role="group" aria-labelledby="rc-quote-print">
            <h3 class="rc-quote__title" id="rc-quote-print">{ctx.t("Printable quote", "打印报价单")}</h3>
            <SellerFields seller />
            <label class="rc-field">
                <span class="rc-field__label">{ctx.t("Customer", "客户")}</span>
                <input
                    type="text"
                    class="rc-field__input"
                    autocomplete="organization"
                    data-testid="quote-customer"
                    prop:value=move || customer.get().unwrap_or_default()
                    on:input=move |ev| {
                        let v = text_field(event_target_value(&ev));
                        ctx.calc.update(|c| c.estimate.customer = v);
                    }
                />
            </label>
            <div class="rc-quote__row">
                <label class="rc-field">
                    <span class="rc-field__label">{ctx.t("Quote date", "报价日期")}</span>
                    <input
                        type="date"
                        class="rc-field__input"
                        data-testid="quote-date"
                        prop:value=move || date.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            if add_days(&v, 0).is_some() {
                                date.set(v);
                            }
                        }
                    />
                </label>
                <div class="rc-field" class:rc-field--invalid=move || days_error.get()>
                    <label class="rc-field__label" for="rc-quote-days">
                        {ctx.t("Valid for (days)", "有效期（天）")}
                    </label>
                    <input
                        id="rc-quote-days"
                        type="text"
                        inputmode="numeric"
                        class="rc-field__input rc-field__input--short"
                        data-testid="quote-valid-days"
                        aria-invalid=move || if days_error.get() { "true" } else { "false" }
                        aria-describedby="rc-quote-days-note"
                        prop:value=move || days_text.get()
                        on:input=set_days
                    />
                </div>
            </div>
            <p class="rc-field__note" id="rc-quote-days-note" aria-live="polite" data-testid="quote-valid-until">
                {move || {
                    if days_error.get() {
                        ctx.tr("Enter a whole number of days from 1 to 3650.", "请输入 1 到 3650 之间的整数天数。").to_string()
                    } else {
                        format!("{} {}", ctx.tr("Valid until", "有效期至"), until())
                    }
                }}
            </p>
            <label class="rc-field">
                <span class="rc-field__label">{ctx.t("Notes", "备注")}</span>
                <textarea
                    class="rc-field__input rc-quote__notes"
                    rows="3"
                    data-testid="quote-notes"
                    prop:value=move || notes.get().unwrap_or_default()
                    on:input=move |ev| {
                        let v = text_field(event_target_value(&ev));
                        ctx.calc.update(|c| c.estimate.notes = v);
                    }
                ></textarea>
            </label>
            <div class="rc-quote__row rc-quote__row--end">
                <fieldset class="rc-settings__group rc-segmented">
                    <legend class="rc-settings__legend">{ctx.t("Paper", "纸张")}</legend>
                    {paper(false, "A4")}
                    {paper(true, "Letter")}
                </fieldset>
                <button type="button" class="rc-button rc-button--primary" data-testid="print-quote" on:click=print>
                    {ctx.t("Print quote", "打印报价单")}
                </button>
            </div>
        </div>
    }
}
