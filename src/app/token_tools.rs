//! A token line's tools: input-length presets at the model's tier bounds, the live tier hint and
//! the paste-text token estimate.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::cards::{max_input, short, tier_bounds};
use super::i18n::Lang;
use super::line_state::LineState;
use super::state::{cache_share_of, find_model};
use super::{Ctx, format};
use crate::rating::{estimate_tokens, fields_used};
use crate::share::rows::tier_note;

/// Input-length presets at the model's tier bounds, the live tier hint, and the paste-text token
/// estimate.
#[component]
pub(super) fn TokenTools(
    /// The line's state.
    st: LineState,
) -> impl IntoView {
    let ctx = Ctx::get();
    let id = st.id;
    let presets = Memo::new(move |_| {
        st.with_line(|l| {
            let Some(l) = l else { return Vec::new() };
            ctx.catalog.with_value(|cat| {
                let Some(m) = find_model(cat, &l.provider, &l.model) else { return Vec::new() };
                let max = max_input(m).unwrap_or(u64::MAX);
                // Sorted and without repeats, by insertion: a handful of values, and no sort
                // routine in the wasm.
                let mut all: Vec<u64> = Vec::new();
                for b in tier_bounds(m).into_iter().chain([4_000, 32_000, 128_000]).filter(|&b| b <= max) {
                    let i = all.partition_point(|&x| x < b);
                    if all.get(i) != Some(&b) {
                        all.insert(i, b);
                    }
                }
                all
            })
        })
    });
    let tier = Memo::new(move |_| {
        st.priced.with(|p| {
            let t = p.tier.as_ref()?;
            (t.of > 1).then(|| tier_note(t, ctx.lang.get()))
        })
    });
    let has_cache = Memo::new(move |_| {
        st.with_line(|l| {
            l.and_then(|l| ctx.catalog.with_value(|cat| find_model(cat, &l.provider, &l.model).map(fields_used)))
                .is_some_and(|u| u.contains(&"cached_tokens"))
        })
    });
    let paste = move || st.with_calc(|c| c.view.paste.get(&id).cloned().unwrap_or_default());
    let counted = move || estimate_tokens(&paste());
    let paste_id = format!("rc-l{id}-paste");
    view! {
        <div class="rc-tokens">
            <div class="rc-tokens__presets" role="group" aria-label=ctx.t("Input length presets", "输入长度预设")>
                <span class="rc-tokens__label" aria-hidden="true">{ctx.t("Input length", "输入长度")}</span>
                {move || {
                    presets
                        .get()
                        .into_iter()
                        .map(|n| {
                            let current = move || {
                                st.with_line(|l| l.and_then(|l| l.input_tokens)) == Some(Decimal::from(n))
                            };
                            view! {
                                <button
                                    type="button"
                                    class="rc-chip"
                                    aria-pressed=move || if current() { "true" } else { "false" }
                                    title=move || {
                                        format!(
                                            "{}{}",
                                            format::number(Decimal::from(n)),
                                            ctx.tr(" input tokens", " 输入 tokens"),
                                        )
                                    }
                                    data-testid=format!("preset-{n}")
                                    on:click=move |_| {
                                        ctx.calc.update(|c| c.set_value(id, "input_tokens", Some(Decimal::from(n))))
                                    }
                                >
                                    {short(n)}
                                    <span class="rc-visually-hidden">{ctx.t(" input tokens", " 输入 tokens")}</span>
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <Show when=move || has_cache.get()>
                <div class="rc-tokens__presets" role="group" aria-label=ctx.t("Cached share of input", "缓存命中比例")>
                    <span class="rc-tokens__label" aria-hidden="true">{ctx.t("Cached", "缓存命中")}</span>
                    {[0u32, 25, 50, 75, 90]
                        .into_iter()
                        .map(|p| {
                            let current = move || {
                                st.with_line(|l| l.and_then(cache_share_of)).unwrap_or_default() == Decimal::from(p)
                            };
                            view! {
                                <button
                                    type="button"
                                    class="rc-chip"
                                    aria-pressed=move || if current() { "true" } else { "false" }
                                    data-testid=format!("cache-{p}")
                                    on:click=move |_| ctx.calc.update(|c| c.set_cache_share(id, p))
                                >
                                    {format!("{p}%")}
                                    <span class="rc-visually-hidden">{ctx.t(" of input tokens cached", " 输入 tokens 命中缓存")}</span>
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </Show>
            <p class="rc-tokens__tier" aria-live="polite" data-testid="tier-hint">
                {move || tier.get()}
            </p>
            <details class="rc-tokens__paste">
                <summary class="rc-tokens__summary">
                    {ctx.t("Estimate input tokens from text", "根据文本估算输入 tokens")}
                </summary>
                <label class="rc-field__label" for=paste_id.clone()>
                    {ctx.t("Paste a typical prompt", "粘贴一段典型的提示词")}
                </label>
                <textarea
                    id=paste_id
                    class="rc-field__input rc-tokens__textarea"
                    rows="3"
                    data-testid="paste-text"
                    prop:value=paste
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        ctx.calc.update(|c| c.set_paste(id, text));
                    }
                ></textarea>
                <div class="rc-tokens__result">
                    <p data-testid="paste-estimate">
                        {move || {
                            let e = counted();
                            let (c, w, t) = (
                                format::number(Decimal::from(e.cjk_chars)),
                                format::number(Decimal::from(e.english_words)),
                                format::number(Decimal::from(e.tokens)),
                            );
                            match ctx.lang.get() {
                                Lang::En => format!("{c} CJK characters and {w} English words ≈ {t} tokens"),
                                Lang::Zh => format!("{c} 个中日韩字符、{w} 个英文单词 ≈ {t} tokens"),
                            }
                        }}
                    </p>
                    <button
                        type="button"
                        class="rc-button rc-button--quiet"
                        data-testid="use-paste"
                        prop:disabled=move || counted().tokens == 0
                        on:click=move |_| {
                            let tokens = Decimal::from(counted().tokens);
                            ctx.calc.update(|c| c.set_value(id, "input_tokens", Some(tokens)));
                        }
                    >
                        {ctx.t("Use as input tokens", "用作输入 tokens")}
                    </button>
                </div>
            </details>
        </div>
    }
}
