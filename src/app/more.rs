//! The compact layout's "More" disclosure under each line: its rarely used fields
//! ([`fields::RARE`] and the line's label) and the token tools, closed until one of those fields
//! has a value.

use leptos::prelude::*;

use super::Ctx;
use super::field::{LabelField, field_view};
use super::fields::{self, FieldKind, RARE};
use super::line_state::LineState;
use super::options::Control;
use super::token_tools::TokenTools;
use crate::rating::line_fields::Field;

/// A line's rarely used fields in a `<details>`, named in its summary. It opens by itself when the
/// line has a value in one of them (from a link, an import or an edit) and never closes by itself.
#[component]
pub fn More(
    /// The line's state.
    st: LineState,
    /// The fields the line's model is priced on.
    used: Memo<Vec<&'static str>>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let rare = Memo::new(move |_| {
        let free = ctx.shows(Control::Free);
        used.with(|used| {
            fields::shown(used)
                .into_iter()
                .filter(|f| RARE.contains(&f.name) && (free || f.kind != FieldKind::Packages))
                .collect::<Vec<_>>()
        })
    });
    let set = Memo::new(move |_| {
        st.with_line(|l| {
            l.is_some_and(|l| {
                [Field::Label].into_iter().chain(RARE.iter().filter_map(|n| Field::from_name(n))).any(|f| l.has(f))
            })
        })
    });
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        if set.get() {
            open.set(true);
        }
    });
    let what = move || {
        let lang = ctx.lang.get();
        let tools =
            used.with(|u| u.contains(&"input_tokens")).then(|| lang.pick("Input length presets", "输入长度预设"));
        let names = std::iter::once(lang.pick("Label", "名称"))
            .chain(rare.get().iter().map(|f| lang.pick(f.label.0, f.label.1)))
            .chain(tools)
            .collect::<Vec<_>>();
        names.join(lang.pick(", ", "、"))
    };
    view! {
        <details class="rc-more" prop:open=open data-testid="more">
            <summary class="rc-more__summary">
                <span class="rc-more__title">{ctx.t("More", "更多")}</span>
                <span class="rc-more__what">{what}</span>
            </summary>
            <div class="rc-line__fields">
                <LabelField st />
                {move || rare.get().into_iter().map(|f| field_view(ctx, st, f)).collect_view()}
            </div>
            <Show when=move || used.with(|u| u.contains(&"input_tokens"))>
                <TokenTools st />
            </Show>
        </details>
    }
}
