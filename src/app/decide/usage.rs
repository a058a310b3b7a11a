//! "Price real traffic": usage records pasted or opened (JSON Lines or CSV, `share::usage`),
//! priced as one month with the estimate's settings, opened as the estimate, or priced whole on
//! each of the token models the visitor ticks (`share::traffic`), ranked like compare mode.
//!
//! The records are read once ("Read records", or a file) and kept compactly (at most
//! `limits::USAGE_RECORDS`); a mapping chosen for a name that matches no model aggregates them
//! again. Nothing is guessed and nothing is priced here: every number is the core's.

use leptos::prelude::*;

use crate::app::Ctx;
use crate::app::format;
use crate::app::html::esc;
use crate::lang::{Lang, record_problem};
use crate::rating::limits::{LINK_LINES, USAGE_RECORDS};
use crate::rating::money::Money;
use crate::rating::num::group;
use crate::rating::{Estimate, QuoteError, quote};
use crate::share::traffic::on_each;
use crate::share::usage::{RecordProblem, Records, Unmatched, Usage};

mod table;

/// How many record problems are listed; the rest are counted.
const SHOWN_PROBLEMS: usize = 10;

/// The records read from one text.
#[derive(Debug, Default)]
struct Read {
    /// Where they came from: a file's name, or empty for pasted text.
    from: String,
    records: Records,
    /// The first problems, with their lines.
    problems: Vec<RecordProblem>,
    /// How many records did not read.
    bad: usize,
    /// Why nothing was kept (a CSV header without a needed column, too many records).
    refused: Option<RecordProblem>,
}

/// Reads `text` line by line; a record that does not read is listed and left out.
fn read_text(text: &str, from: String) -> Read {
    let mut reader = crate::share::usage::Reader::new(false);
    let mut read = Read { from, ..Read::default() };
    for (i, line) in text.lines().enumerate() {
        match reader.line(line) {
            Ok(Some(r)) => {
                if let Err(problem) = read.records.push(&r, USAGE_RECORDS) {
                    read.refused = Some(RecordProblem { line: i + 1, problem });
                    read.records = Records::default();
                    break;
                }
            }
            Ok(None) => {}
            Err(p) if matches!(p.problem, crate::share::usage::UsageProblem::MissingColumn(_)) => {
                read.refused = Some(p);
                break;
            }
            Err(p) => {
                read.bad += 1;
                if read.problems.len() < SHOWN_PROBLEMS {
                    read.problems.push(p);
                }
            }
        }
    }
    read
}

/// The records aggregated with the current mapping and priced with the estimate's settings.
#[derive(Debug, Clone, PartialEq)]
struct Summary {
    records: u64,
    priced: u64,
    too_long: u64,
    unmatched: Vec<Unmatched>,
    /// The models the records priced map to, `provider/Model`.
    models: Vec<String>,
    /// The usage estimate with the settings.
    estimate: Estimate,
    total: Money,
    errors: Vec<QuoteError>,
}

/// The estimate's settings, without its lines: what the usage estimate is priced with.
fn settings(e: &Estimate) -> Estimate {
    Estimate {
        version: e.version,
        currency: e.currency,
        usd_cny: e.usd_cny,
        discounts: e.discounts.clone(),
        start: e.start.clone(),
        lines: Vec::new(),
        ..Estimate::default()
    }
}

/// The usage-records tool.
#[component]
pub fn UsageTool() -> impl IntoView {
    let ctx = Ctx::get();
    let pasted = RwSignal::new(String::new());
    let read = RwSignal::new(None::<Read>);
    let mapping = RwSignal::new(Vec::<(String, String)>::new());
    let base = Memo::new(move |_| ctx.estimate.with(settings));
    // Every token model of the catalog, `(provider/Model, provider name, Model)`.
    let models: Vec<(String, String, String)> = ctx.catalog.with_value(|cat| {
        Usage::new(cat, &[]).map_or_else(
            |_| Vec::new(),
            |u| {
                u.token_models()
                    .map(|(p, m)| {
                        let name = cat.card(p).map_or_else(|| p.to_string(), |(_, c)| c.name.to_string());
                        (format!("{p}/{m}"), name, m.to_string())
                    })
                    .collect()
            },
        )
    });
    let models = StoredValue::new(models);
    let summary = Memo::new(move |_| {
        let map = mapping.get();
        let settings = base.get();
        read.with(|r| {
            let r = r.as_ref().filter(|r| r.refused.is_none())?;
            ctx.catalog.with_value(|cat| {
                let mut u = Usage::new(cat, &map).ok()?;
                u.add_all(&r.records);
                let estimate = Estimate { lines: u.estimate().lines, ..settings };
                let b = quote(cat, &estimate);
                Some(Summary {
                    records: u.records,
                    priced: u.priced(),
                    too_long: u.too_long,
                    unmatched: u.unmatched().to_vec(),
                    models: u.models(),
                    estimate,
                    total: b.total,
                    errors: b.errors,
                })
            })
        })
    });
    let status = RwSignal::new(String::new());
    let apply = move |text: String, from: String| {
        mapping.set(Vec::new());
        read.set(Some(read_text(&text, from)));
        status.set(String::new());
    };
    let read_file = move |ev: web_sys::Event| {
        let Some((name, text)) = crate::app::files::chosen(&ev) else { return };
        status.set(ctx.tr("Reading…", "正在读取…").into());
        leptos::task::spawn_local(async move {
            match text.await {
                Some(text) => apply(text, name),
                None => status.set(format!("{name}: {}", ctx.tr("the file could not be read", "无法读取文件"))),
            }
        });
    };
    // "Open as estimate" asks first when the estimate has lines, as Reset does.
    let asking = RwSignal::new(false);
    let open_estimate = move || {
        asking.set(false);
        let Some(s) = summary.get_untracked() else { return };
        let n = s.estimate.lines.len();
        if n > LINK_LINES {
            status.set(format!(
                "{} {} {}",
                ctx.tr("The usage estimate has", "用量估算有"),
                group(n.into()),
                ctx.tr("lines, more than the widget opens (5,000).", "行，超过本工具可打开的 5,000 行。")
            ));
            return;
        }
        let estimate = Estimate { lines: s.estimate.lines, ..ctx.estimate.get_untracked() };
        ctx.calc.update(|c| c.load(estimate));
        status.set(format!("{} {}", group(n.into()), ctx.tr("line(s) opened as the estimate", "行已作为估算打开")));
    };
    view! {
        <div class="rc-usage" data-testid="usage">
            <p class="rc-decide__help">
                {ctx.t(
                    "Paste or open usage records, one request each: JSON Lines as OpenAI returns them (model, usage.prompt_tokens, completion_tokens, cached and reasoning tokens) or CSV with a header (model, prompt_tokens, completion_tokens, optional cached_tokens, reasoning_tokens). They are priced as one month, token tiers chosen per request.",
                    "粘贴或打开用量记录，每条一个请求：OpenAI 返回的 JSON Lines（model、usage.prompt_tokens、completion_tokens、缓存与推理令牌数），或带表头的 CSV（model、prompt_tokens、completion_tokens，可选 cached_tokens、reasoning_tokens）。记录按一个月计价，令牌档位按每个请求选择。",
                )}
            </p>
            <label class="rc-field">
                <span class="rc-field__label">{ctx.t("Usage records", "用量记录")}</span>
                <textarea
                    class="rc-field__input rc-usage__text"
                    rows="5"
                    spellcheck="false"
                    data-testid="usage-text"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                ></textarea>
            </label>
            <div class="rc-usage__actions">
                <button
                    type="button"
                    class="rc-button"
                    data-testid="usage-read"
                    disabled=move || pasted.with(|p| p.trim().is_empty())
                    on:click=move |_| apply(pasted.get_untracked(), String::new())
                >
                    {ctx.t("Read records", "读取记录")}
                </button>
                <label class="rc-usage__file">
                    <span class="rc-field__label">{ctx.t("Or open a file", "或打开文件")}</span>
                    <input type="file" accept=".jsonl,.json,.csv,.txt" data-testid="usage-file" on:change=read_file />
                </label>
            </div>
            <p class="rc-usage__status" role="status" aria-live="polite" data-testid="usage-status">
                {move || status.get()}
            </p>
            {move || read.with(|r| r.as_ref().map(|r| problems_view(r, ctx.lang.get())))}
            <Show when=move || summary.with(Option::is_some)>
                <Totals summary mapping models />
                <div class="rc-usage__actions">
                    <button
                        type="button"
                        class="rc-button"
                        data-testid="usage-open"
                        disabled=move || summary.with(|s| s.as_ref().is_none_or(|s| s.estimate.lines.is_empty()))
                        on:click=move |_| {
                            if ctx.count.get_untracked() > 0 { asking.set(true) } else { open_estimate() }
                        }
                    >
                        {ctx.t("Open as estimate", "作为估算打开")}
                    </button>
                    <Show when=move || asking.get()>
                        {crate::app::confirm::confirm(
                            "usage-open",
                            ctx.t("Replace the estimate's lines with these?", "用这些记录替换估算中的行？"),
                            ctx.t("Yes, replace", "是，替换"),
                            open_estimate,
                            move || asking.set(false),
                        )}
                    </Show>
                </div>
                <OnEachModel read summary models base />
            </Show>
        </div>
    }
}

/// What did not read: the reason nothing was kept, or the first record problems and how many more.
fn problems_view(r: &Read, lang: Lang) -> Option<impl IntoView + use<>> {
    let from = if r.from.is_empty() { String::new() } else { format!("{}{}", r.from, lang.pick(": ", "：")) };
    if let Some(p) = &r.refused {
        let text =
            format!("{from}{}{}", record_problem(p, lang), lang.pick(". Nothing was read.", "。未读取任何记录。"));
        return Some(
            view! { <p class="rc-usage__error" role="alert" data-testid="usage-refused">{text}</p> }.into_any(),
        );
    }
    if r.bad == 0 {
        return None;
    }
    let title = match lang {
        Lang::En if r.bad == 1 => format!("{from}1 record could not be read and is left out:"),
        Lang::En => format!("{from}{} records could not be read and are left out:", r.bad),
        Lang::Zh => format!("{from}{} 条记录无法读取，已略去：", r.bad),
    };
    let more = r.bad - r.problems.len();
    let items: Vec<String> = r.problems.iter().map(|p| record_problem(p, lang)).collect();
    let more = (more > 0).then(|| match lang {
        Lang::En => format!("and {more} more"),
        Lang::Zh => format!("另有 {more} 条"),
    });
    Some(
        view! {
            <div class="rc-usage__problems" role="alert" data-testid="usage-problems">
                <p>{title}</p>
                <ul class="rc-usage__list">
                    {items.into_iter().map(|t| view! { <li data-testid="usage-problem">{t}</li> }).collect_view()}
                    {more.map(|t| view! { <li>{t}</li> })}
                </ul>
            </div>
        }
        .into_any(),
    )
}

/// Records read and priced, the names to map, and the month's total.
#[component]
fn Totals(
    summary: Memo<Option<Summary>>,
    mapping: RwSignal<Vec<(String, String)>>,
    models: StoredValue<Vec<(String, String, String)>>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let counts = move || {
        let lang = ctx.lang.get();
        summary.with(|s| {
            s.as_ref().map(|s| match lang {
                Lang::En => format!("{} records read, {} priced.", group(s.records.into()), group(s.priced.into())),
                Lang::Zh => {
                    format!("已读取 {} 条记录，已计价 {} 条。", group(s.records.into()), group(s.priced.into()))
                }
            })
        })
    };
    let too_long = move || {
        let lang = ctx.lang.get();
        summary.with(|s| {
            s.as_ref().filter(|s| s.too_long > 0).map(|s| match lang {
                Lang::En if s.too_long == 1 => {
                    "1 record is longer than every input tier of its model and is left out.".to_string()
                }
                Lang::En => {
                    format!("{} records are longer than every input tier of their model and are left out.", s.too_long)
                }
                Lang::Zh => format!("{} 条记录的输入长度超出其模型的所有输入档位，已略去。", s.too_long),
            })
        })
    };
    let total = move || {
        summary.with(|s| {
            s.as_ref().map(|s| {
                let t = &s.total;
                view! {
                    <p class="rc-usage__total">
                        <span>{ctx.t("Per month", "每月")}</span>
                        <strong
                            data-testid="usage-total"
                            data-exact=t.amount().normalize().to_string()
                            data-currency=t.currency().code()
                        >
                            {format::money(t.amount(), t.currency())}
                        </strong>
                    </p>
                }
            })
        })
    };
    let errors = move || {
        let lang = ctx.lang.get();
        summary.with(|s| {
            s.as_ref()
                .map(|s| s.errors.iter().map(|e| crate::lang::quote_error(e, lang)).collect::<Vec<_>>())
                .unwrap_or_default()
                .into_iter()
                .map(|t| view! { <li>{t}</li> })
                .collect_view()
        })
    };
    let unmatched = move || summary.with(|s| s.as_ref().map(|s| s.unmatched.clone()).unwrap_or_default());
    view! {
        <p class="rc-usage__counts" data-testid="usage-counts">{counts}</p>
        <p class="rc-usage__note">{too_long}</p>
        <ul class="rc-usage__list">{errors}</ul>
        <Mapped mapping models />
        <Show when=move || summary.with(|s| s.as_ref().is_some_and(|s| !s.unmatched.is_empty()))>
            <fieldset class="rc-usage__map">
                <legend>{ctx.t("Names that match no single model: choose one to price them", "未能唯一匹配模型的名称：请选择一个模型来计价")}</legend>
                <For each=unmatched key=|u| u.name.clone() let:u>
                    <MapName u mapping models />
                </For>
            </fieldset>
        </Show>
        {total}
    }
}

/// The names mapped so far, each with its model and a button that takes the mapping back.
#[component]
fn Mapped(
    mapping: RwSignal<Vec<(String, String)>>,
    models: StoredValue<Vec<(String, String, String)>>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let entries = move || {
        mapping
            .get()
            .into_iter()
            .map(|(name, target)| {
                let model =
                    models.with_value(|all| all.iter().find(|m| m.0 == target).map(|m| format!("{} / {}", m.1, m.2)));
                let text = format!("{name} → {}", model.unwrap_or(target));
                view! {
                    <li data-testid="usage-mapped">
                        <span>{text}</span>
                        <button
                            type="button"
                            class="rc-button rc-button--quiet"
                            on:click=move |_| mapping.update(|m| m.retain(|(n, _)| n != &name))
                        >
                            {ctx.t("Undo", "撤销")}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || mapping.with(|m| !m.is_empty())>
            <ul class="rc-usage__mapped" aria-label=ctx.t("Names mapped", "已映射的名称")>{entries}</ul>
        </Show>
    }
}

/// One unmatched name: its record count and a `<select>` of the three closest catalog names, then
/// every token model.
#[component]
fn MapName(
    u: Unmatched,
    mapping: RwSignal<Vec<(String, String)>>,
    models: StoredValue<Vec<(String, String, String)>>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let name = u.name.clone();
    let options = move || {
        let lang = ctx.lang.get();
        let mut out = String::new();
        out.push_str("<option value=\"\">");
        out.push_str(lang.pick("Not priced", "不计价"));
        out.push_str("</option><optgroup label=\"");
        out.push_str(lang.pick("Closest", "最接近"));
        out.push_str("\">");
        let option = |out: &mut String, key: &str, text: &str| {
            out.push_str("<option value=\"");
            esc(out, key);
            out.push_str("\">");
            esc(out, text);
            out.push_str("</option>");
        };
        models.with_value(|all| {
            for c in &u.closest {
                let text = all.iter().find(|m| &m.0 == c).map_or_else(|| c.clone(), |m| format!("{} / {}", m.1, m.2));
                option(&mut out, c, &text);
            }
            out.push_str("</optgroup><optgroup label=\"");
            out.push_str(lang.pick("Every token model", "所有按令牌计价的模型"));
            out.push_str("\">");
            for m in all {
                option(&mut out, &m.0, &format!("{} / {}", m.1, m.2));
            }
        });
        out.push_str("</optgroup>");
        out
    };
    let label = match ctx.lang.get_untracked() {
        Lang::En if u.records == 1 => format!("{} (1 record)", u.name),
        Lang::En => format!("{} ({} records)", u.name, group(u.records.into())),
        Lang::Zh => format!("{}（{} 条记录）", u.name, group(u.records.into())),
    };
    let key = name.clone();
    view! {
        <label class="rc-field rc-usage__name">
            <span class="rc-field__label">{label}</span>
            <select
                class="rc-field__input"
                data-testid="usage-map"
                data-name=name.clone()
                inner_html=options
                on:change=move |ev| {
                    let target = event_target_value(&ev);
                    if !target.is_empty() {
                        mapping.update(|m| {
                            m.retain(|(n, _)| n != &key);
                            m.push((key.clone(), target));
                        });
                    }
                }
            ></select>
        </label>
    }
}

/// "Compare on each provider": the models to price the whole traffic on (ticked by the visitor;
/// at first the models the records matched and every token model of the estimate's providers),
/// and the ranking.
#[component]
fn OnEachModel(
    read: RwSignal<Option<Read>>,
    summary: Memo<Option<Summary>>,
    models: StoredValue<Vec<(String, String, String)>>,
    base: Memo<Estimate>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let shown = RwSignal::new(false);
    let trials = RwSignal::new(false);
    // `None` until the visitor ticks: then the default below.
    let chosen = RwSignal::new(None::<Vec<String>>);
    // A memo, so that typing in the estimate redraws no checkbox unless its providers change.
    let default = Memo::new(move |_| {
        let mut out = summary.with(|s| s.as_ref().map(|s| s.models.clone()).unwrap_or_default());
        let providers: Vec<String> = ctx.estimate.with(|e| e.lines.iter().map(|l| l.provider.to_lowercase()).collect());
        models.with_value(|all| {
            for m in all {
                let provider = m.0.split('/').next().unwrap_or("").to_lowercase();
                if providers.contains(&provider) && !out.contains(&m.0) {
                    out.push(m.0.clone());
                }
            }
        });
        out
    });
    let ticked = move || chosen.get().unwrap_or_else(|| default.get());
    let table = Memo::new(move |_| {
        if !shown.get() {
            return String::new();
        }
        let lang = ctx.lang.get();
        let targets = ticked();
        let settings = base.get();
        let free = trials.get();
        read.with(|r| {
            let Some(r) = r.as_ref() else { return String::new() };
            ctx.catalog.with_value(|cat| match on_each(cat, &r.records, &targets, &settings, free) {
                Ok(t) if t.ranked.is_empty() && t.left_out.is_empty() => {
                    lang.pick("Tick at least one model.", "请至少勾选一个模型。").to_string()
                }
                Ok(t) => table::html(&t, lang),
                Err(e) => crate::lang::compare_error(&e, lang),
            })
        })
    });
    let toggle = move |key: String, on: bool| {
        let mut now = ticked();
        now.retain(|k| k != &key);
        if on {
            now.push(key);
        }
        chosen.set(Some(now));
    };
    let boxes = move || {
        models.with_value(|all| {
            all.iter()
                .map(|(key, provider, model)| {
                    let k = key.clone();
                    let on = key.clone();
                    view! {
                        <label class="rc-usage__model">
                            <input
                                type="checkbox"
                                class="rc-field__checkbox"
                                data-testid="usage-candidate"
                                data-model=key.clone()
                                prop:checked=move || ticked().contains(&on)
                                on:change=move |ev| toggle(k.clone(), event_target_checked(&ev))
                            />
                            <span>{model.clone()}</span>
                            <span class="rc-usage__provider">{provider.clone()}</span>
                        </label>
                    }
                })
                .collect_view()
        })
    };
    let count = move || {
        let n = ticked().len();
        match ctx.lang.get() {
            Lang::En => format!("Models to compare ({n} ticked)"),
            Lang::Zh => format!("参与对比的模型（已勾选 {n} 个）"),
        }
    };
    view! {
        <div class="rc-usage__compare">
            <button type="button" class="rc-button" data-testid="usage-compare-button" on:click=move |_| shown.set(true)>
                {ctx.t("Compare on each provider", "在各服务商上对比")}
            </button>
            <Show when=move || shown.get()>
                <details class="rc-usage__choose">
                    <summary>{count}</summary>
                    <div class="rc-usage__models">{boxes}</div>
                </details>
                <label class="rc-usage__trials">
                    <input
                        type="checkbox"
                        class="rc-field__checkbox"
                        data-testid="usage-trials"
                        prop:checked=move || trials.get()
                        on:change=move |ev| trials.set(event_target_checked(&ev))
                    />
                    <span>{ctx.t("Use free trials (a trial is once; off, a month as it recurs)", "使用免费额度（额度只有一次；不勾选时按常规月份计价）")}</span>
                </label>
                <div class="rc-compare rc-usage__ranking" inner_html=move || table.get()></div>
            </Show>
        </div>
    }
}
