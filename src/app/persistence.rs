//! Deep links and persistence: the estimate lives in the URL fragment (kept in sync with
//! `history.replaceState`) and in `localStorage`, both as a [`crate::share::link`] fragment.
//!
//! On start a link in the URL wins, then the saved estimate, then the default one. What a link
//! could not say is listed in a dismissible alert, and everything valid in it is kept.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::Ctx;
use super::state::{default_estimate, find_model};
use crate::lang;
use crate::rating::Estimate;
use crate::rating::catalog::Catalog;
use crate::rating::problem::SetAsideWhy;
use crate::share::link::{LinkProblem, Opened, decode, encode_with};

/// The `localStorage` key of the working estimate (a link fragment).
pub const STORAGE_KEY: &str = "ratecard:estimate";

/// Where a saved estimate that could not be opened is set aside, so that it is never loaded
/// again blindly and the visitor (or support) can still get it back.
pub const BROKEN_KEY: &str = crate::rating::problem::BROKEN_KEY;

/// Written before the saved estimate is read and cleared once the page has been drawn with it:
/// found on start, it means the last load stopped half-way (a trap, an out-of-memory), so the saved
/// estimate is set aside instead of being read again.
pub const LOADING_KEY: &str = "ratecard:estimate:loading";

/// The most lines a link or saved estimate may have: the link reader's limit
/// ([`crate::rating::limits::LINK_LINES`]). Every line is priced and kept in memory with its
/// editor's state; at 5,000 lines a phone still opens the estimate in a few seconds, where a
/// 10,000-line link once used up the page's memory. A larger one is refused with this limit named.
pub const MAX_LINES: usize = crate::rating::limits::LINK_LINES;

/// The problems with the link, saved estimate or set-up the widget opened with.
#[derive(Clone, Copy)]
pub struct Problems(pub RwSignal<Vec<LinkProblem>>);

/// Where the estimate came from on start, with what could not be read.
pub struct Start {
    /// The estimate to open.
    pub estimate: Estimate,
    /// What could not be read.
    pub problems: Vec<LinkProblem>,
    /// The view the link opens at (one of [`VIEWS`]).
    pub view: Option<&'static str>,
    /// Whether it opens in compare mode (`cmp=1`).
    pub compare: bool,
}

pub use crate::share::link::VIEWS;

/// The known view named `name`, if it is one.
pub fn view_named(name: &str) -> Option<&'static str> {
    VIEWS.iter().copied().find(|v| v.eq_ignore_ascii_case(name.trim()))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The version of the catalog this calculator prices with, as links carry it: the embedded
/// catalog's, or the one the JS API bundle gave for the embedded cards with the host's.
pub fn catalog_version() -> String {
    use_context::<StoredValue<super::host::CatalogInfo>>()
        .and_then(|info| info.with_value(|i| i.version.clone()))
        .unwrap_or_else(|| crate::CATALOG_VERSION.to_string())
}

/// Reads a link fragment (or a saved one) against `catalog`: the estimate, and every problem,
/// including models and providers the catalog does not have and a different catalog version.
pub fn read(fragment: &str, catalog: &Catalog, from: Opened) -> Start {
    read_or_default(fragment, catalog, from).0
}

/// [`read`], and whether the default line is shown instead of the fragment's lines (none could be
/// read, or there are more than [`MAX_LINES`]).
fn read_or_default(fragment: &str, catalog: &Catalog, from: Opened) -> (Start, bool) {
    // Counted before anything is decoded: a line starts with its provider (`p=`) or a second `m=`.
    let lines = crate::rating::limits::link_lines(fragment);
    if lines > MAX_LINES {
        let problem = LinkProblem::TooManyLines { from, lines, max: MAX_LINES };
        return (Start { estimate: default_estimate(), problems: vec![problem], view: None, compare: false }, true);
    }
    let link = decode(fragment, Some(catalog));
    let mut problems = link.problems;
    let mut estimate = link.estimate;
    let view = link.view.as_deref().and_then(|name| {
        let known = view_named(name);
        if known.is_none() {
            let known = VIEWS.iter().map(|v| v.to_string()).collect();
            problems.push(LinkProblem::UnknownView { given: name.to_string(), known });
        }
        known
    });
    for (i, line) in estimate.lines.iter().enumerate() {
        if line.model.is_empty() {
            continue;
        }
        if catalog.card(&line.provider).is_none() {
            problems.push(LinkProblem::UnknownProvider { line: i + 1, provider: line.provider.clone() });
        } else if find_model(catalog, &line.provider, &line.model).is_none() {
            let (model, provider) = (line.model.clone(), line.provider.clone());
            problems.push(LinkProblem::UnknownModel { line: i + 1, model, provider });
        }
    }
    if let Some(cat) = &link.catalog {
        let now = catalog_version();
        if *cat != now {
            problems.push(LinkProblem::CatalogVersion { from, link: cat.clone(), page: now });
        }
    }
    let fallback = estimate.lines.is_empty() && !problems.is_empty();
    if fallback {
        problems.push(LinkProblem::NothingRead { from });
        estimate.lines = default_estimate().lines;
    }
    (Start { estimate, problems, view, compare: link.compare }, fallback)
}

/// Reads a named saved estimate ([`super::saved`]): what [`read`] gives, or `None` when nothing
/// in it could be read (or it is over the line limit), so that it is set aside.
pub fn read_saved(fragment: &str, catalog: &Catalog) -> Option<Start> {
    let (start, fallback) = read_or_default(fragment, catalog, Opened::Saved);
    (!fallback).then_some(start)
}

/// The estimate to open: the link in the URL, else the saved one, else the default.
pub fn start(catalog: &Catalog) -> Start {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    // The page's own URL, as it last wrote it, may be a moment behind the saved estimate (see
    // [`URL_QUIET_MS`]); any other link wins over the saved estimate.
    let own =
        storage().and_then(|s| s.get_item(URL_KEY).ok().flatten()).is_some_and(|u| u == hash.trim_start_matches('#'));
    if hash.len() > 1 && !own {
        return read(&hash, catalog, Opened::Link);
    }
    let Some(store) = storage() else {
        return Start { estimate: default_estimate(), problems: Vec::new(), view: None, compare: false };
    };
    let saved = store.get_item(STORAGE_KEY).ok().flatten().filter(|s| !s.is_empty());
    let Some(saved) = saved else {
        return Start { estimate: default_estimate(), problems: Vec::new(), view: None, compare: false };
    };
    if store.get_item(LOADING_KEY).ok().flatten().is_some() {
        return set_aside(&store, &saved, SetAsideWhy::StoppedThePage);
    }
    let _ = store.set_item(LOADING_KEY, "1");
    let (start, fallback) = read_or_default(&saved, catalog, Opened::Saved);
    // Nothing in it could be read, or it is too big: kept apart, not read again on every load.
    if fallback {
        let mut aside = set_aside(&store, &saved, SetAsideWhy::CouldNotOpen);
        aside.problems.splice(0..0, start.problems);
        return aside;
    }
    start
}

/// Moves the saved estimate `saved` to [`BROKEN_KEY`] and opens the default one, saying so.
fn set_aside(store: &web_sys::Storage, saved: &str, why: SetAsideWhy) -> Start {
    let _ = store.set_item(BROKEN_KEY, saved);
    let _ = store.remove_item(STORAGE_KEY);
    let _ = store.remove_item(LOADING_KEY);
    Start { estimate: default_estimate(), problems: vec![LinkProblem::SetAside { why }], view: None, compare: false }
}

/// Clears the [`LOADING_KEY`] marker once the page is drawn: the saved estimate opened.
fn loaded() {
    gloo::timers::callback::Timeout::new(0, || {
        if let Some(s) = storage() {
            let _ = s.remove_item(LOADING_KEY);
        }
    })
    .forget();
}

/// How long the page's URL waits after the last edit before it follows the estimate. Writing the
/// URL (`history.replaceState`) sets the browser working for a few milliseconds after it, long
/// enough to slow the next keystroke, so a burst of typing writes it once, when the burst ends.
const URL_QUIET_MS: u32 = 250;

/// The estimate as the page's link fragment, and whether it is the default estimate.
fn fragment(ctx: Ctx, version: &str) -> (String, bool) {
    let (view, compare) = (ctx.view.get_untracked(), ctx.compare.get_untracked());
    ctx.estimate.with_untracked(|e| {
        let fragment = ctx.catalog.with_value(|cat| encode_with(e, view, compare, Some((cat, version))));
        (fragment, *e == default_estimate() && !compare)
    })
}

/// Where the page keeps the fragment it last wrote into its URL, so that a reload can tell its
/// own URL (perhaps a moment behind the saved estimate) from a link opened.
const URL_KEY: &str = "ratecard:estimate:url";

/// Writes the estimate into the page's URL fragment, replacing the history entry, and notes it
/// under [`URL_KEY`].
fn write_url(ctx: Ctx, version: &str) {
    let (fragment, _) = fragment(ctx, version);
    if let Some(w) = web_sys::window()
        && let Ok(h) = w.history()
    {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
    if let Some(s) = storage() {
        let _ = s.set_item(URL_KEY, &fragment);
    }
}

/// Keeps the saved estimate (at once, once per change) and the URL fragment (a quarter second
/// after the last change, see [`URL_QUIET_MS`]) in step with the estimate. A reload right after
/// an edit still opens what was on screen: the page knows its own URL ([`URL_KEY`]) and then
/// opens the saved estimate. The default estimate is not saved, so a reset leaves storage empty.
pub fn keep_in_sync(ctx: Ctx) {
    loaded();
    let version = std::rc::Rc::new(catalog_version());
    // Memos are read, not only tracked: a memo computes (and follows its sources) once read.
    let track = move || {
        ctx.view.track();
        ctx.compare.track();
        ctx.estimate.with(|_| ());
    };
    let saved_version = version.clone();
    super::after_change(true, track, move || {
        if let Some(s) = storage() {
            let (fragment, is_default) = fragment(ctx, &saved_version);
            let _ = if is_default { s.remove_item(STORAGE_KEY) } else { s.set_item(STORAGE_KEY, &fragment) };
        }
    });
    super::after_quiet(URL_QUIET_MS, true, track, move || write_url(ctx, &version));
}

/// "Copy link" and "Reset", with their status message.
#[component]
pub fn Actions() -> impl IntoView {
    let ctx = Ctx::get();
    let problems = expect_context::<Problems>();
    // What happened last: 0 nothing, 1 copied, 2 not copied (with the link), 3 reset.
    let status = RwSignal::new((0u8, String::new()));
    let own_version = StoredValue::new(catalog_version());
    let copy = move |_| {
        let Some(w) = web_sys::window() else { return };
        // The page's own address carries the estimate; an embedded instance links to the page.
        let href = match ctx.options.with_value(|o| (!o.standalone).then(|| o.page_url.clone().unwrap_or_default())) {
            Some(page) => {
                let version = catalog_version();
                let compare = ctx.compare.get_untracked();
                let fragment = ctx
                    .estimate
                    .with(|e| ctx.catalog.with_value(|cat| encode_with(e, None, compare, Some((cat, &version)))));
                format!("{page}#{fragment}")
            }
            None => {
                // The URL may still be waiting for the last edit.
                write_url(ctx, &own_version.get_value());
                w.location().href().unwrap_or_default()
            }
        };
        let promise = w.navigator().clipboard().write_text(&href);
        leptos::task::spawn_local(async move {
            status.set(match JsFuture::from(promise).await {
                Ok(_) => (1, String::new()),
                Err(_) => (2, href),
            });
        });
    };
    // Reset asks first, inline: "Reset this estimate? Yes, reset / No".
    let asking = RwSignal::new(false);
    let reset = move || {
        asking.set(false);
        // Only the page owns the saved estimate; an embedded instance leaves the host's storage
        // alone. Named estimates (`super::saved`) are kept.
        if ctx.options.with_value(|o| o.standalone)
            && let Some(s) = storage()
        {
            let _ = s.remove_item(STORAGE_KEY);
        }
        ctx.calc.update(|c| c.load(default_estimate()));
        problems.0.set(Vec::new());
        status.set((3, String::new()));
    };
    view! {
        <div class="rc-app__actions">
            <button type="button" class="rc-button" data-testid="copy-link" on:click=copy>
                {ctx.t("Copy link", "复制链接")}
            </button>
            <button
                type="button"
                class="rc-button rc-button--quiet"
                data-testid="reset"
                aria-expanded=move || if asking.get() { "true" } else { "false" }
                on:click=move |_| asking.update(|a| *a = !*a)
            >
                {ctx.t("Reset", "重置")}
            </button>
            <Show when=move || asking.get()>
                {super::confirm::confirm(
                    "reset",
                    ctx.t("Reset this estimate?", "重置此估算？"),
                    ctx.t("Yes, reset", "是，重置"),
                    reset,
                    move || asking.set(false),
                )}
            </Show>
            <p class="rc-app__status" role="status" aria-live="polite" data-testid="share-status">
                {move || {
                    let (what, href) = status.get();
                    match what {
                        1 => ctx.tr("Link copied", "链接已复制").to_string(),
                        2 => format!("{}{href}", ctx.tr("Could not copy: the link is ", "无法复制，链接为：")),
                        3 => ctx.tr("Estimate reset (saved estimates are kept)", "估算已重置（已保存的估算保留）").to_string(),
                        _ => String::new(),
                    }
                }}
            </p>
        </div>
    }
}

/// What the opening link could not say, until dismissed.
#[component]
pub fn LinkProblems() -> impl IntoView {
    let ctx = Ctx::get();
    let problems = expect_context::<Problems>().0;
    move || {
        let lang: lang::Lang = ctx.lang.get();
        let list = problems.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="rc-app__problems" role="alert" data-testid="link-problems">
                    <p class="rc-app__problems-title">
                        {ctx.tr("About the estimate this page opened:", "关于本页打开的估算：")}
                    </p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|p| view! { <li>{lang::link_problem(&p, lang)}</li> })
                            .collect_view()}
                    </ul>
                    <button
                        type="button"
                        class="rc-button rc-button--quiet"
                        data-testid="dismiss-link-problems"
                        on:click=move |_| problems.set(Vec::new())
                    >
                        {ctx.tr("Dismiss", "关闭")}
                    </button>
                </div>
            }
        })
    }
}
