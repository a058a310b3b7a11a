#!/usr/bin/env bash
# Measures the size floor under issue 3's 120 KB budget: the widget's wasm with no calculator UI
# at all. In a throwaway worktree of HEAD, `src/main.rs` is replaced by a page that unpacks the
# embedded catalog, reads the deep link in the address, and prices the default estimate (month and
# year) behind one text input, and the `mountEmbed` export is dropped so that the linker can drop
# the real UI. What is left is what any calculator over this core must ship: the rating engine,
# rust_decimal, the packed catalog, link decoding and the Leptos runtime. The script first builds
# the real widget the same way and prints both, so the room left for the UI can be read off.
# For size work, not part of the test command: `bash scripts/size-floor.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tree=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"' EXIT
git worktree add -q --detach "$tree" HEAD
target="${RATECARD_SIZE_TARGET_DIR:-$root/target/size}"
echo "the widget at HEAD:"
(cd "$tree" && RATECARD_SIZE_TARGET_DIR="$target" bash scripts/size.sh)

cat > "$tree/src/main.rs" <<'EOF'
//! The size floor (scripts/size-floor.sh): the core, the catalog and links behind one input.
#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::*;
    use ratecard::rating::{catalog::Catalog, project_year, quote};
    let Ok(catalog) = Catalog::unpack(ratecard::CATALOG_PACK, "embedded catalog") else { return };
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let estimate = match hash.trim_start_matches('#') {
        "" => ratecard::app::state::default_estimate(),
        link => ratecard::share::link::decode(link, Some(&catalog)).estimate,
    };
    let estimate = RwSignal::new(estimate);
    let catalog = StoredValue::new(catalog);
    mount_to_body(move || {
        let total = move || {
            catalog.with_value(|c| {
                let month = quote(c, &estimate.get());
                let year = project_year(c, &estimate.get());
                format!("{} / {}", month.total_rounded(), year.total.amount())
            })
        };
        let relabel = move |ev| {
            let text = event_target_value(&ev);
            estimate.update(|e| e.lines.iter_mut().for_each(|l| l.label = Some(text.clone())));
        };
        view! { <input aria-label="label" on:input=relabel /> <p>{total}</p> }
    });
}
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
EOF
sed -i '/wasm_bindgen(js_name = mountEmbed)/d' "$tree/src/app/embed.rs"
echo "the floor (core, catalog, links and the Leptos runtime; no calculator UI):"
(cd "$tree" && RATECARD_SIZE_TARGET_DIR="$target-floor" bash scripts/size.sh)
echo "Issue 3's budget of 120 KB covers the wasm above plus its JS glue, CSS and embed script."
