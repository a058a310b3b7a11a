//! Host catalogs: a host's own rate cards, given inline or by URL, priced with in place of the
//! embedded cards that have the same provider id.
//!
//! A host catalog is read and checked by the JS API bundle, loaded on demand
//! ([`super::tools::pack_catalog`]), with the CLI's reader and the checks the embedded cards passed
//! at build time, so it obeys the same schema and rules. If it cannot be fetched or read,
//! the widget says so plainly, names every problem, and prices with the embedded catalog (the
//! fallback). [`PricedWith`] always shows which cards and which as-of dates the quote used.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::Ctx;
use super::options::CatalogSource;
use crate::rating::catalog::{Catalog, CatalogError};

/// Where the cards the widget prices with came from, and what went wrong with the host's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CatalogInfo {
    /// The host catalog's URL, or `inline`; `None` for the embedded catalog alone.
    pub host: Option<String>,
    /// The provider ids the host catalog supplied (none when it failed and the embedded one is used).
    pub host_providers: Vec<String>,
    /// Every problem with the host catalog, one sentence each.
    pub problems: Vec<String>,
    /// The host catalog's JSON text while it is in use, which exports are priced with too.
    pub host_text: Option<String>,
    /// The catalog version links carry while the host catalog is in use
    /// (`share::link::catalog_version` of the embedded cards with the host's).
    pub version: Option<String>,
}

impl CatalogInfo {
    /// The host catalog in use, as its JSON text and its name.
    pub fn host_catalog(&self) -> Option<(String, String)> {
        self.host_text.clone().zip(self.host.clone())
    }
}

/// The embedded rate cards, as `build.rs` checked and packed them.
///
/// # Errors
/// The pack is damaged (it never is: the build writes it, and a test reads it).
pub fn embedded() -> Result<Catalog, Vec<CatalogError>> {
    Catalog::unpack(crate::CATALOG_PACK, "embedded catalog").map_err(|e| vec![e])
}

/// Prices with `host` (the JSON text of a host catalog, or why it could not be fetched) over
/// `base`: the host's cards replace embedded ones with the same provider id. When the host
/// catalog fails, `base` is kept and the problems are listed.
pub async fn combine(base: Catalog, label: &str, host: Result<String, String>) -> (Catalog, CatalogInfo) {
    let mut info = CatalogInfo { host: Some(label.to_string()), ..CatalogInfo::default() };
    let checked = match host {
        Ok(text) => super::tools::pack_catalog(&text, label).await.and_then(|(bytes, version)| {
            Catalog::unpack(&bytes, label).map(|cards| (cards, text, version)).map_err(|e| vec![e.to_string()])
        }),
        Err(e) => Err(vec![e]),
    };
    match checked {
        Ok((cards, text, version)) => {
            info.host_text = Some(text);
            info.version = Some(version);
            info.host_providers = cards.cards().iter().map(|c| c.provider.to_string()).collect();
            (base.merged_with(cards), info)
        }
        Err(problems) => {
            info.problems = problems;
            (base, info)
        }
    }
}

/// Fetches the text at `url`.
///
/// # Errors
/// A sentence naming the URL and what failed: the network (or a CORS refusal) or the HTTP status.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let fail = |why: &str| format!("{url}: {why}");
    let window = web_sys::window().ok_or_else(|| fail("no window to fetch from"))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| fail("could not be fetched (network error, or the server does not allow this page to read it)"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| fail("the fetch returned no response"))?;
    if !response.ok() {
        return Err(fail(&format!("HTTP {} {}", response.status(), response.status_text())));
    }
    let text = response.text().map_err(|_| fail("the response has no text"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| fail("the response could not be read as text"))
}

/// Loads the catalog `source` names, then renders `ready` with it; until then (a URL being
/// fetched, or a host's cards being checked by the bundle loaded on demand) it shows a loading
/// status. If the embedded cards themselves fail, it shows their errors instead.
pub fn with_catalog<V, F>(source: CatalogSource, ready: F) -> AnyView
where
    V: IntoView + 'static,
    F: Fn(Catalog, CatalogInfo) -> V + Send + Sync + 'static,
{
    let base = match embedded() {
        Ok(c) => c,
        Err(errors) => return broken(errors),
    };
    let (label, inline) = match source {
        CatalogSource::Embedded => return ready(base, CatalogInfo::default()).into_any(),
        CatalogSource::Inline(text) => ("inline catalog".to_string(), Some(text)),
        CatalogSource::Url(url) => (url, None),
    };
    let loaded: StoredValue<Option<(Catalog, CatalogInfo)>> = StoredValue::new(None);
    let done = RwSignal::new(false);
    let shown = label.clone();
    leptos::task::spawn_local(async move {
        // An inline catalog is its own text; a URL is fetched first.
        let text = match inline {
            Some(text) => Ok(text),
            None => fetch_text(&label).await,
        };
        loaded.set_value(Some(combine(base, &label, text).await));
        done.set(true);
    });
    (move || {
        if !done.get() {
            return view! {
                <p class="rc-app rc-app__loading" role="status" data-testid="catalog-loading">
                    "Loading rate cards from " {shown.clone()} " · 正在加载价目表"
                </p>
            }
            .into_any();
        }
        match loaded.try_update_value(Option::take).flatten() {
            Some((cat, info)) => ready(cat, info).into_any(),
            None => ().into_any(),
        }
    })
    .into_any()
}

fn broken(errors: Vec<CatalogError>) -> AnyView {
    view! {
        <main class="rc-app rc-app--broken" role="alert">
            <h1 class="rc-app__title">"Ratecard could not load its rate cards · 无法加载价目表"</h1>
            <ul>{errors.into_iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
        </main>
    }
    .into_any()
}

/// What the host catalog could not say: shown above the calculator, which prices with the
/// embedded catalog instead.
#[component]
pub fn CatalogProblems() -> impl IntoView {
    let ctx = Ctx::get();
    let info = expect_context::<StoredValue<CatalogInfo>>();
    let (host, problems) = info.with_value(|i| (i.host.clone().unwrap_or_default(), i.problems.clone()));
    (!problems.is_empty()).then(move || {
        view! {
            <div class="rc-app__problems" role="alert" data-testid="catalog-problems">
                <p class="rc-app__problems-title">
                    {move || ctx.tr("The host catalog ", "宿主价目表 ")}
                    <code>{host.clone()}</code>
                    {move || {
                        ctx.tr(
                            " could not be used, so prices use the embedded catalog:",
                            " 无法使用，以下价格按内置价目表计算：",
                        )
                    }}
                </p>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

/// Which rate cards priced the estimate: each provider on a line, its as-of date, and whether the
/// card is embedded or the host's.
#[component]
pub fn PricedWith() -> impl IntoView {
    let ctx = Ctx::get();
    let info = expect_context::<StoredValue<CatalogInfo>>();
    // The providers on the lines, in order of first use: a memo, so that a keystroke that leaves
    // them as they were redraws nothing here.
    let providers = Memo::new(move |_| {
        let mut providers: Vec<String> = Vec::new();
        ctx.estimate.with(|e| {
            for line in &e.lines {
                if !providers.iter().any(|p| p.eq_ignore_ascii_case(&line.provider)) {
                    providers.push(line.provider.clone());
                }
            }
        });
        providers
    });
    let rows = move || {
        let providers = providers.get();
        let host_label = ctx.tr("host catalog", "宿主价目表");
        let embedded_label = ctx.tr("embedded", "内置");
        let as_of = ctx.tr("prices as of", "价格日期");
        providers
            .into_iter()
            .filter_map(|p| {
                let (name, date) = ctx
                    .catalog
                    .with_value(|cat| cat.card(&p).map(|(_, card)| (card.name.to_string(), card.as_of.clone())))?;
                let from = info.with_value(|i| {
                    if i.host_providers.iter().any(|h| h.eq_ignore_ascii_case(&p)) {
                        format!("{host_label} {}", i.host.as_deref().unwrap_or_default())
                    } else {
                        embedded_label.to_string()
                    }
                });
                Some(view! {
                    <li>
                        <span class="rc-priced__name">{name}</span>
                        " · " {as_of} " " <time>{date}</time> " · " {from}
                    </li>
                })
            })
            .collect::<Vec<_>>()
    };
    move || {
        let rows = rows();
        (!rows.is_empty()).then(|| {
            view! {
                <section class="rc-priced" data-testid="priced-with">
                    <h2 class="rc-priced__title">{move || ctx.tr("Priced with", "计价依据")}</h2>
                    <ul class="rc-priced__list">{rows}</ul>
                </section>
            }
        })
    }
}
