//! The browser widget: a Leptos calculator over the rating core.
//!
//! The UI is thin. Its whole state is one [`state::Calculator`] (an
//! [`Estimate`](crate::rating::Estimate) plus a small view state) in a signal; every number it shows
//! comes from [`quote`] and [`project_year`] on that estimate, memoised, and is formatted by
//! [`format`] through `Intl.NumberFormat`.
//!
//! - [`state`]: the calculator's state and the edits a visitor makes (plain Rust, tested).
//! - [`fields`]: the estimate line fields, their labels and accessors.
//! - [`catalog`]: the embedded rate cards, loaded with serde-wasm-bindgen.
//! - [`editor`]: the estimate lines; [`picker`]: a line's model picker; [`field`]: the generic
//!   field component; [`token_tools`]: a token line's length presets and paste estimate.
//! - [`line_state`]: one line's memos (document, view state, priced part), keyed by line id.
//! - [`settings`]: currency, exchange rate and discounts.
//! - [`summary`]: totals and the breakdown.
//! - [`chart`]: each line's cost by component, as bars.
//! - [`share`]: the deep link in the URL, the saved estimate, "Copy link" and "Reset".
//! - [`embed`]: the `<ratecard-calculator>` element's entry point and its `ratecard:change` feed.
//! - [`quote`]: export (CSV, JSON, Markdown), import and the printable quote.
//! - [`decide`]: the decision tools (cost against volume, free trial, concurrency, runway, real
//!   traffic).
//! - [`options`]: how an instance is set up (page, element or iframe; hidden controls).
//! - [`i18n`]: English and 简体中文, and the language switch.
//! - [`zh`]: Chinese for the text the core writes in English.
//! - [`host`]: host catalogs (inline or by URL) over the embedded cards, and "Priced with".
//! - [`html`]: static markup written as text (the breakdown's lines, the printable quote).
//! - [`tools`]: import and export, done by the JS API bundle, loaded on demand.

pub mod cards;
// The plain-Rust state and field specs, compiled natively too (`crate::calculator`).
pub use crate::calculator::{fields, state};
pub mod chart;
pub mod compare;
pub mod confirm;
pub mod decide;
pub mod editor;
pub mod embed;
pub mod field;
pub mod files;
pub mod format;
pub mod host;
pub mod html;
pub mod i18n;
pub mod line_state;
pub mod more;
pub mod options;
pub mod packages;
pub mod persistence;
pub mod picker;
pub mod print;
pub mod quote;
pub mod saved;
pub mod seller;
pub mod settings;
pub mod summary;
pub mod token_tools;
pub mod tools;

use leptos::prelude::*;

use crate::rating::catalog::Catalog;
use crate::rating::{Breakdown, Estimate, Projection, project};
use i18n::Lang;
use options::{Control, Options};
use state::Calculator;

/// This month in the visitor's time zone, `YYYY-MM`: the start month of an estimate that names
/// none.
pub fn this_month() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}", d.get_full_year(), d.get_month() + 1)
}

/// What every component reads: the state signal, the catalog and the priced results.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The calculator state.
    pub calc: RwSignal<Calculator>,
    /// The estimate alone, so that what depends only on it skips view-state changes.
    pub estimate: Memo<Estimate>,
    /// The checked rate cards.
    pub catalog: StoredValue<Catalog>,
    /// The month's breakdown of the current estimate.
    pub breakdown: Memo<Breakdown>,
    /// Twelve months of the current estimate, projected after each change's first paint (see
    /// [`after_change`]), so that the twelve extra pricings are off the keystroke's path.
    pub year: Memo<Projection>,
    /// The UI language.
    pub lang: RwSignal<Lang>,
    /// How this instance is set up.
    pub options: StoredValue<Options>,
    /// The part of the calculator the visitor is working in (one of [`persistence::VIEWS`]), which links
    /// carry; `None` for the estimate's lines.
    pub view: RwSignal<Option<&'static str>>,
    /// Compare mode (`cmp=1` in links): the lines are priced side by side and ranked, not added up.
    pub compare: RwSignal<bool>,
    /// How many lines the editor, the breakdown and the chart draw (see [`SHOWN_AT_ONCE`]).
    pub shown: RwSignal<usize>,
    /// How many lines the estimate has.
    pub count: Memo<usize>,
    /// The drawn lines' position and revision signals.
    pub lines: line_state::LineSignals,
}

/// How many lines are drawn when an estimate opens; "Show more lines" draws this many more. Each
/// drawn line is a few dozen elements and reactive nodes, so a 1,000-line link drawn whole takes
/// seconds to open; priced, it takes milliseconds, and the totals always cover every line.
pub const SHOWN_AT_ONCE: usize = 100;

/// Runs `work` once after the current task whenever what `track` reads has changed, however many
/// changes the task made: the URL, the saved estimate, the `ratecard:change` event and the year's
/// projection are written once per change, after the total is drawn. With `first`, `work` also
/// runs once at the start; without, only after a change.
pub fn after_change(first: bool, track: impl Fn() + 'static, work: impl Fn() + 'static) {
    after_quiet(0, first, track, work);
}

/// Runs `work` `ms` milliseconds after the last change to what `track` reads: a change before
/// then starts the wait again, so a burst of changes runs `work` once. With `first`, `work` also
/// runs once at the start (after `ms`); without, only after a change. `work` runs untracked.
pub fn after_quiet(ms: u32, first: bool, track: impl Fn() + 'static, work: impl Fn() + 'static) {
    after_quiet_dyn(ms, first, Box::new(track), std::rc::Rc::new(work));
}

/// [`after_quiet`], compiled once.
fn after_quiet_dyn(ms: u32, first: bool, track: Box<dyn Fn()>, work: std::rc::Rc<dyn Fn()>) {
    let pending = std::cell::Cell::new(None::<gloo::timers::callback::Timeout>);
    Effect::new(move |ran: Option<()>| {
        track();
        if ran.is_none() && !first {
            return;
        }
        let work = work.clone();
        // A new change before the wait is over replaces it (dropping a Timeout cancels it; a
        // Timeout that has run is dropped with the next change).
        pending.set(Some(gloo::timers::callback::Timeout::new(ms, move || untrack(|| work()))));
    });
}

impl Ctx {
    /// The context provided by [`App`].
    pub fn get() -> Ctx {
        expect_context::<Ctx>()
    }

    /// Creates the signals for `estimate` priced against `catalog`, set up as the page.
    pub fn new(catalog: Catalog, estimate: Estimate) -> Ctx {
        Ctx::with_options(catalog, estimate, Options::page())
    }

    /// Creates the signals for `estimate` priced against `catalog`, set up by `options`.
    pub fn with_options(catalog: Catalog, estimate: Estimate, options: Options) -> Ctx {
        // The host's locale wins, then (on the calculator's own page) the visitor's saved choice,
        // then the browser's language.
        let lang = options.locale.as_deref().map(Lang::from_tag);
        let lang = RwSignal::new(
            lang.or_else(|| options.standalone.then(Lang::saved).flatten()).unwrap_or_else(Lang::from_browser),
        );
        format::follow(lang);
        let options = StoredValue::new(options);
        let calc = RwSignal::new(Calculator::new(estimate));
        let catalog = StoredValue::new(catalog);
        // Priced from this month unless the estimate names its start month: month 1's prices, and
        // each later month's, are those in force then (the CLI and the JS API do the same).
        let this_month = this_month();
        let document = Memo::new(move |_| calc.with(|c| c.estimate.clone()));
        let priced = Memo::new(move |_| {
            document.with(|e| {
                let mut e = e.clone();
                e.start.get_or_insert_with(|| this_month.clone());
                e
            })
        });
        let breakdown = Memo::new(move |_| priced.with(|e| catalog.with_value(|cat| crate::rating::quote(cat, e))));
        // One call site of the projection, so that the engine is not compiled in twice.
        let settled = ArcTrigger::new();
        let notify = settled.clone();
        let year = Memo::new(move |_| {
            settled.track();
            priced.with_untracked(|e| catalog.with_value(|cat| project(cat, e)))
        });
        after_change(false, move || priced.with(|_| ()), move || notify.notify());
        let shown = RwSignal::new(SHOWN_AT_ONCE);
        let count = Memo::new(move |_| calc.with(|c| c.estimate.lines.len()));
        let view = RwSignal::new(None);
        let compare = RwSignal::new(false);
        let lines = line_state::LineSignals::new(calc, breakdown);
        Ctx { calc, estimate: document, catalog, breakdown, year, lang, options, view, compare, shown, count, lines }
    }

    /// The string for the current language (tracked: a view using it follows a language switch).
    pub fn tr(&self, en: &'static str, zh: &'static str) -> &'static str {
        self.lang.get().pick(en, zh)
    }

    /// Whether this instance shows `control`.
    pub fn shows(&self, control: Control) -> bool {
        self.options.with_value(|o| o.shows(control))
    }
}

/// Mounts the calculator on `<body>`, then sets the `rc-interactive` performance mark (the
/// start-up time the test command reports).
pub fn mount() {
    if let Some(doc) = web_sys::window().and_then(|w| w.document())
        && let Some(body) = doc.body()
    {
        // One mount path for the page and the element, so the view is compiled once. The page
        // sends `ratecard:change` on its document.
        let options = Options { events: Some(doc.into()), ..page_options() };
        std::mem::forget(embed::mount_into(body, options));
    }
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("rc-interactive");
    }
}

/// Scrolls the page to the part named `view` once it is drawn (a link that opens at the quote,
/// say). Each part carries `data-view`. A part loaded on demand (the quote section is a wasm chunk
/// of its own) is drawn a moment later, so the page looks again every 100 ms, for up to 10 s.
fn scroll_to_view(view: &'static str) {
    scroll_when_drawn(view, 100);
}

fn scroll_when_drawn(view: &'static str, tries: u32) {
    gloo::timers::callback::Timeout::new(if tries == 100 { 0 } else { 100 }, move || {
        match web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&format!("[data-view=\"{view}\"]")).ok().flatten())
        {
            Some(el) => el.scroll_into_view(),
            None if tries > 1 => scroll_when_drawn(view, tries - 1),
            None => {}
        }
    })
    .forget();
}

/// Follows where the visitor works: focus entering a part with `data-view` makes it the view that
/// links carry; the lines (`data-view="lines"`) are the default.
fn follow_view(ctx: Ctx, ev: &web_sys::FocusEvent) {
    use wasm_bindgen::JsCast;
    let name = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-view]").ok().flatten())
        .and_then(|el| el.get_attribute("data-view"));
    let Some(name) = name else { return };
    let view = persistence::view_named(&name);
    if ctx.view.get_untracked() != view {
        ctx.view.set(view);
    }
}

/// The page's options: [`Options::page`], priced with the host catalog at `?catalog=URL` when the
/// page's address has one.
pub fn page_options() -> Options {
    let mut options = Options::page();
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    if let Some(url) = web_sys::UrlSearchParams::new_with_str(&query).ok().and_then(|q| q.get("catalog"))
        && !url.trim().is_empty()
    {
        options.catalog = options::CatalogSource::Url(url);
    }
    options
}

/// The whole calculator as its own page: [`Widget`] with [`page_options`].
#[component]
pub fn App() -> impl IntoView {
    view! { <Widget options=page_options() /> }
}

/// One calculator instance: it loads the rate cards, then shows the editor and the summary, or
/// the catalog's errors if the cards do not load.
#[component]
pub fn Widget(
    /// How the instance is set up (layout, hidden controls, language, catalog).
    options: Options,
) -> impl IntoView {
    let source = options.catalog.clone();
    host::with_catalog(source, move |cat, info| {
        provide_context(StoredValue::new(info));
        let mut options = options.clone();
        {
            let standalone = options.standalone;
            let checked = if standalone { Vec::new() } else { embed::check_providers(&cat, &mut options) };
            let chosen = !options.models.is_empty() || options.provider.is_some() || !options.providers.is_empty();
            let mut start = match (standalone, options.lines.as_deref()) {
                (true, _) => persistence::start(&cat),
                (false, Some(lines)) => persistence::read(lines, &cat, crate::share::link::Opened::Attribute),
                (false, None) if chosen => embed::starter(&cat, &options),
                (false, None) => {
                    let estimate = state::default_estimate();
                    persistence::Start { estimate, problems: Vec::new(), view: None, compare: false }
                }
            };
            if let Some(c) = options.currency {
                start.estimate.currency = Some(c);
            }
            let mut problems = options.problems.clone();
            problems.extend(checked);
            problems.append(&mut start.problems);
            let events = options.events.clone();
            let ctx = Ctx::with_options(cat, start.estimate, options);
            ctx.view.set(start.view);
            ctx.compare.set(start.compare);
            if standalone && let Some(view) = start.view {
                scroll_to_view(view);
            }
            provide_context(ctx);
            provide_context(persistence::Problems(RwSignal::new(problems)));
            if standalone {
                persistence::keep_in_sync(ctx);
                i18n::keep_page_lang(ctx.lang);
            }
            if let Some(target) = events {
                embed::notify(ctx, target);
            }
            view! { <Calculator /> }
        }
    })
}

/// The calculator page: header, settings, estimate lines and the live summary.
#[component]
pub fn Calculator() -> impl IntoView {
    let ctx = Ctx::get();
    // The estimate as JSON, for tests and hosts that read the page after an edit: written with
    // the URL and the saved estimate, once per change and after the total (see [`after_change`]).
    let estimate_json = RwSignal::new(String::new());
    after_change(
        true,
        move || ctx.estimate.track(),
        move || {
            let json = ctx.estimate.with(|e| {
                js_sys::JSON::stringify(&embed::estimate_js(e)).ok().and_then(|s| s.as_string()).unwrap_or_default()
            });
            estimate_json.set(json);
        },
    );
    let compact = ctx.options.with_value(|o| o.layout == options::Layout::Compact);
    let full = |part: Control| !compact && ctx.shows(part);
    let standalone = ctx.options.with_value(|o| o.standalone);
    let brand = ctx.options.with_value(|o| o.brand.clone());
    // The page's landmarks are its banner, main and complementary parts. On a host page the host
    // owns those: an instance is one region, named after the brand and numbered from the second
    // element on, so that two instances on a page have different names.
    let region = ctx.options.with_value(|o| {
        (!o.standalone).then(|| {
            let name = o.brand.clone().unwrap_or_else(|| "Ratecard".into());
            match o.instance {
                0 | 1 => name,
                n => format!("{name} {n}"),
            }
        })
    });
    let page_part = move |en: &'static str, zh: &'static str| move || standalone.then(|| ctx.tr(en, zh));
    let logo = brand.as_deref().and_then(|b| b.chars().next()).map_or_else(
        || "R".to_string(),
        // Upper-cased by the browser, so that the wasm carries no case tables.
        |c| js_sys::JsString::from(c.to_string().as_str()).to_upper_case().into(),
    );
    let title = brand.unwrap_or_else(|| "Ratecard".into());
    let head = ctx.shows(Control::Header);
    let lang_switch = ctx.shows(Control::Language);
    let share = ctx.shows(Control::Share);
    view! {
        <div
            class=if compact { "rc-app rc-app--compact" } else { "rc-app" }
            data-testid="app"
            role=region.is_some().then_some("region")
            aria-label=region
            lang=move || ctx.lang.get().tag()
            on:focusin=move |ev| follow_view(ctx, &ev)
        >
            <header
                class="rc-app__header"
                class:rc-app__header--bare=!head
                class:rc-app__header--empty=!(head || lang_switch || share)
                data-testid="header"
            >
                {head.then(|| view! {
                    <div class="rc-app__brand">
                        <span class="rc-app__logo" aria-hidden="true">{logo}</span>
                        <div>
                            <h1 class="rc-app__title" data-testid="brand">{title}</h1>
                            <p class="rc-app__tagline">
                                {ctx.t("Exact monthly and yearly cost of AI model APIs", "精确计算 AI 模型 API 的月度与年度费用")}
                            </p>
                        </div>
                    </div>
                })}
                {lang_switch.then(|| view! { <i18n::LangSwitch /> })}
                {share.then(|| view! { <persistence::Actions /> })}
            </header>
            <persistence::LinkProblems />
            <host::CatalogProblems />
            {(!compact).then(|| view! { <settings::Settings /> })}
            <div class=move || if ctx.compare.get() { "rc-app__body rc-app__body--compare" } else { "rc-app__body" }>
                <div class="rc-app__editor" role=standalone.then_some("main") aria-label=page_part("Estimate", "估算") data-view="lines">
                    <editor::Lines />
                </div>
                <div class="rc-app__summary" role=standalone.then_some("complementary") aria-label=page_part("Cost", "费用")>
                    <compare::Compare />
                    <Show when=move || !ctx.compare.get()><summary::Totals /></Show>
                    {full(Control::Chart).then(|| view! { <Show when=move || !ctx.compare.get()><chart::CostChart /></Show> })}
                    {full(Control::Breakdown).then(|| view! { <summary::BreakdownView /> })}
                    <host::PricedWith />
                </div>
            </div>
            {(!compact).then(|| view! { <quote::Quote /> })}
            {(!compact).then(|| view! { <decide::DecisionTools /> })}
            <div class="rc-app__bar" aria-hidden="true">
                <span class="rc-app__bar-label">
                    {move || if ctx.compare.get() { ctx.tr("Compare: see the table", "对比：见表格") } else { ctx.tr("Per month", "每月") }}
                </span>
                <span class="rc-app__bar-amount">
                    {move || (!ctx.compare.get()).then(|| ctx.breakdown.with(|b| format::money(b.total.amount(), b.currency)))}
                </span>
            </div>
            <script type="application/json" data-testid="estimate-json">{move || estimate_json.get()}</script>
        </div>
    }
}
