//! A line's prepaid packages: a count for each package size its model sells, and "Cheapest way
//! to buy", which runs the core's planner (`rating::decide::plan_with_break_even`, in the JS API
//! bundle, loaded on demand like the exports) for the line's yearly volume with the estimate's
//! discounts, says the mix, what it saves and where packages pay off, and applies the mix in one
//! click. The widget computes no price here: the plan's amounts are the core's, in the rate card's
//! currency.

use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::{JsCast, JsValue};

use super::editor::field_message;
use super::html::{el, esc};
use super::i18n::Lang;
use super::line_state::LineState;
use super::{Ctx, format, tools};
use crate::lang::{self, Render};
use crate::rating::Currency;
use crate::rating::breakdown::ComponentKind;
use crate::rating::wording::Unit;
use crate::web::get;

/// A package size the model sells: units and price, in the card's currency.
#[derive(Clone, PartialEq)]
struct Size {
    units: Decimal,
    price: Decimal,
    currency: Currency,
}

/// What the planner found, read from its JSON.
#[derive(Clone, PartialEq)]
struct Found {
    yearly: Decimal,
    unit: Unit,
    currency: Currency,
    /// (size, count) of the cheapest mix.
    mix: Vec<(Decimal, Decimal)>,
    package_cost: Decimal,
    postpaid_units: Decimal,
    postpaid_cost: Decimal,
    total: Decimal,
    all_postpaid: Decimal,
    saving: Decimal,
    /// (size, pays off above), per package size.
    break_evens: Vec<(Decimal, Option<Decimal>)>,
}

/// A decimal the planner wrote (as a string or a number).
fn dec(v: &JsValue) -> Decimal {
    let text = v.as_string().or_else(|| js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()));
    text.and_then(|t| crate::rating::num::parse_exact(&t).ok()).unwrap_or_default()
}

fn items(v: &JsValue) -> Vec<JsValue> {
    v.dyn_ref::<js_sys::Array>().map(|a| a.iter().collect()).unwrap_or_default()
}

impl Found {
    fn read(v: &JsValue, unit: Unit, currency: Currency) -> Found {
        let d = |k: &str| dec(&get(v, k));
        Found {
            yearly: d("yearly_volume"),
            unit,
            currency,
            mix: items(&get(v, "packages")).iter().map(|p| (dec(&get(p, "size")), dec(&get(p, "count")))).collect(),
            package_cost: d("package_cost"),
            postpaid_units: d("postpaid_units"),
            postpaid_cost: d("postpaid_cost"),
            total: d("total"),
            all_postpaid: d("all_postpaid"),
            saving: d("saving"),
            break_evens: items(&get(v, "break_evens"))
                .iter()
                .map(|b| {
                    let above = get(b, "pays_off_above");
                    (dec(&get(b, "size")), (!above.is_null() && !above.is_undefined()).then(|| dec(&above)))
                })
                .collect(),
        }
    }

    /// The plan in `lang`: the mix and its cost, all post-paid, the saving and the break-even.
    fn sentences(&self, lang: Lang) -> Vec<String> {
        let money = |a: Decimal| format::money(a, self.currency);
        let n = format::number;
        let unit = self.unit.render(lang);
        let mix = self
            .mix
            .iter()
            .map(|(size, count)| format!("{} × {}", n(*count), n(*size)))
            .collect::<Vec<_>>()
            .join(" + ");
        let mut out = Vec::new();
        let yearly = n(self.yearly);
        out.push(match (lang, self.mix.is_empty()) {
            (Lang::En, false) => {
                format!("Cheapest for {yearly} {unit} a year: {mix} packages = {}.", money(self.package_cost))
            }
            (Lang::Zh, false) => {
                format!("每年 {yearly} {unit}最省的买法：资源包 {mix} = {}。", money(self.package_cost))
            }
            (Lang::En, true) => format!("Cheapest for {yearly} {unit} a year: no packages, all post-paid."),
            (Lang::Zh, true) => format!("每年 {yearly} {unit}最省的买法：不买资源包，全部后付费。"),
        });
        if !self.mix.is_empty() && !self.postpaid_units.is_zero() {
            let rest = n(self.postpaid_units);
            out.push(match lang {
                Lang::En => format!("Plus {rest} {unit} post-paid = {}.", money(self.postpaid_cost)),
                Lang::Zh => format!("另有 {rest} {unit}后付费 = {}。", money(self.postpaid_cost)),
            });
        }
        out.push(match lang {
            Lang::En => format!(
                "{} a year against {} all post-paid (after discounts): saves {}.",
                money(self.total),
                money(self.all_postpaid),
                money(self.saving)
            ),
            Lang::Zh => format!(
                "每年 {}，全部后付费为 {}（已计折扣）：节省 {}。",
                money(self.total),
                money(self.all_postpaid),
                money(self.saving)
            ),
        });
        // Where packages start to pay: the sizes in the mix, else the first size that ever does.
        let shown: Vec<_> = self
            .break_evens
            .iter()
            .filter(|(s, _)| self.mix.is_empty() || self.mix.iter().any(|(m, _)| m == s))
            .filter_map(|(s, a)| a.map(|a| (*s, a)))
            .take(if self.mix.is_empty() { 1 } else { usize::MAX })
            .collect();
        for (size, above) in shown {
            out.push(match lang {
                Lang::En => format!("Packages of {} pay off above {} {unit} a year.", n(size), n(above)),
                Lang::Zh => format!("{} 资源包在每年超过 {} {unit}时更省。", n(size), n(above)),
            });
        }
        out
    }
}

/// The sizes `st`'s model sells, smallest first.
fn sizes(ctx: Ctx, st: LineState) -> Vec<Size> {
    st.with_line(|l| {
        let Some(l) = l else { return Vec::new() };
        ctx.catalog.with_value(|cat| {
            let Some((_, card)) = cat.card(&l.provider) else { return Vec::new() };
            let Some((_, m)) = card.model(&l.model) else { return Vec::new() };
            let mut all: Vec<Size> = m
                .packages
                .iter()
                .filter_map(|&pi| card.packages.get(pi))
                .map(|p| Size { units: Decimal::from(p.size), price: p.price, currency: card.currency })
                .collect();
            all.sort_by_key(|s| s.units);
            all
        })
    })
}

/// The line's monthly usage as the core counted it (its usage component), with its unit.
fn monthly_usage(ctx: Ctx, st: LineState) -> Option<(Decimal, Unit)> {
    let n = st.index.get_untracked() + 1;
    ctx.breakdown.with_untracked(|b| {
        let l = b.lines.iter().find(|l| l.line == n)?;
        let c =
            l.components.iter().find(|c| !matches!(c.kind, ComponentKind::Packages | ComponentKind::Concurrency))?;
        Some((c.quantity, c.unit))
    })
}

/// The estimate's discounts as the planner takes them.
fn discounts(ctx: Ctx) -> JsValue {
    let obj = js_sys::Object::new();
    ctx.estimate.with_untracked(|e| {
        if let Some(d) = &e.discounts {
            for (k, v) in [("channel", d.channel), ("user", d.user), ("negotiated", d.negotiated)] {
                if let Some(v) = v {
                    let _ = js_sys::Reflect::set(&obj, &k.into(), &JsValue::from_str(&v.to_string()));
                }
            }
        }
    });
    obj.into()
}

/// The count inputs, as markup: one labelled text input per size, holding what was typed or the
/// count bought. Written again only when the sizes change or a plan is applied, so typing keeps
/// its place; one `input` listener on the grid reads each input's `data-size`.
fn sizes_html(sizes: &[Size], id: u32, text: impl Fn(Decimal) -> String) -> String {
    let mut out = String::new();
    for s in sizes {
        let size = s.units.normalize().to_string();
        let dom = format!("rc-l{id}-pkg-{size}");
        out.push_str("<div class=\"rc-packages__size\"><label class=\"rc-packages__label\" for=\"");
        out.push_str(&dom);
        out.push_str("\">");
        esc(&mut out, &format::number(s.units));
        el(&mut out, "span class=\"rc-field__hint\"", &format::price(s.price, s.currency));
        out.push_str("</label><input class=\"rc-field__input rc-packages__count\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" id=\"");
        out.push_str(&dom);
        out.push_str("\" data-size=\"");
        out.push_str(&size);
        out.push_str("\" data-testid=\"package-count-");
        out.push_str(&size);
        out.push_str("\" value=\"");
        esc(&mut out, &text(s.units));
        out.push_str("\"></div>");
    }
    out
}

/// A count for each package size, and "Cheapest way to buy" with what it found.
#[component]
pub fn PackagesField(
    /// The line's state.
    st: LineState,
) -> impl IntoView {
    let ctx = Ctx::get();
    let id = st.id;
    let sizes = Memo::new(move |_| sizes(ctx, st));
    let core_message = field_message(ctx, st, "packages");
    // Text that is not a number, by size, then the core's problems with the packages.
    let message = move || {
        let lang = ctx.lang.get();
        let own = sizes.with(|all| {
            all.iter().find_map(|s| {
                let key = format!("packages.{}", s.units.normalize());
                let p = st.with_calc(|c| c.field_error(id, &key))?;
                Some(format!("{}{}{}", format::number(s.units), lang.pick(": ", "："), lang::entry_problem(&p, lang)))
            })
        });
        own.or_else(core_message)
    };
    let drawn = RwSignal::new(0u32);
    let grid = move || {
        drawn.track();
        sizes.with(|all| sizes_html(all, id, |u| ctx.calc.with_untracked(|c| c.package_text(id, u))))
    };
    let typed = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let size = input.get_attribute("data-size").and_then(|s| crate::rating::num::parse_exact(&s).ok());
        if let Some(size) = size {
            let text = input.value();
            ctx.calc.update(|c| {
                let _ = c.set_package_count(id, size, &text);
            });
        }
    };
    let found = RwSignal::new(None::<Found>);
    let status = RwSignal::new(String::new());
    let plan = move |_| {
        let Some((month, unit)) = monthly_usage(ctx, st) else {
            status.set(
                ctx.tr("Fix the line's fields first: it is not priced.", "请先修正这一行的字段：它尚未计价。").into(),
            );
            return;
        };
        let Some((provider, model)) = st.with_line(|l| l.map(|l| (l.provider.clone(), l.model.clone()))) else {
            return;
        };
        let currency = sizes.with_untracked(|s| s.first().map(|s| s.currency)).unwrap_or(Currency::Usd);
        let yearly = (month * Decimal::from(12)).normalize();
        status.set(ctx.tr("Planning…", "正在计算…").into());
        let discounts = discounts(ctx);
        leptos::task::spawn_local(async move {
            match tools::plan_mix(&provider, &model, &yearly.to_string(), discounts).await {
                Ok(v) => {
                    found.set(Some(Found::read(&v, unit, currency)));
                    status.set(String::new());
                }
                Err(why) => {
                    found.set(None);
                    status.set(format!("{}{why}", ctx.tr("Could not plan: ", "无法计算：")));
                }
            }
        });
    };
    let apply = move |_| {
        let Some(f) = found.get_untracked() else { return };
        ctx.calc.update(|c| c.set_package_mix(id, &f.mix));
        drawn.update(|n| *n += 1);
        status.set(
            ctx.tr("Applied: the package counts above are the plan's.", "已应用：上面的资源包数量即此方案。").into(),
        );
    };
    let sentences = move || {
        let lang = ctx.lang.get();
        found.with(|f| {
            let mut out = String::new();
            for s in f.iter().flat_map(|f| f.sentences(lang)) {
                el(&mut out, "p", &s);
            }
            out
        })
    };
    let group_id = format!("rc-l{id}-packages");
    view! {
        <fieldset
            class="rc-field rc-field--wide rc-packages"
            class:rc-field--invalid=move || message().is_some()
            data-field="packages"
            data-testid="packages"
            aria-describedby=format!("{group_id}-error")
        >
            <legend class="rc-field__label">
                {ctx.t("Packages bought", "购买资源包")}
                <span class="rc-field__hint">{ctx.t("this month, prepaid for a year", "本月购买，一年有效")}</span>
            </legend>
            <div class="rc-packages__sizes" inner_html=grid on:input=typed></div>
            <p class="rc-field__error" id=format!("{group_id}-error") aria-live="polite">{message}</p>
            <div class="rc-packages__plan">
                <button type="button" class="rc-button" data-testid="plan-packages" on:click=plan>
                    {ctx.t("Cheapest way to buy", "最省的买法")}
                </button>
                <p class="rc-packages__status" role="status" aria-live="polite" data-testid="plan-status">
                    {move || status.get()}
                </p>
                <div class="rc-packages__found" data-testid="plan-result" class:rc-packages__found--shown=move || found.with(Option::is_some)>
                    <div inner_html=sentences></div>
                    <button type="button" class="rc-button rc-button--primary" data-testid="plan-apply" on:click=apply>
                        {move || {
                            if found.with(|f| f.as_ref().is_some_and(|f| f.mix.is_empty())) {
                                ctx.tr("Apply: buy no packages", "应用：不买资源包")
                            } else {
                                ctx.tr("Apply: set these package counts", "应用：按此设置资源包数量")
                            }
                        }}
                    </button>
                </div>
            </div>
        </fieldset>
    }
}
