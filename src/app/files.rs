//! Reading the file a visitor chose in an `<input type="file">`.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The first file chosen in the input that fired `ev`: its name, and a future of its text (`None`
/// when the browser cannot read it). The input is cleared, so that choosing the same file again
/// reads it again. `None` when no file was chosen.
pub fn chosen(ev: &web_sys::Event) -> Option<(String, impl std::future::Future<Output = Option<String>> + use<>)> {
    let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    // `input.files[0]`, read as a Blob, so that no extra web-sys features are needed.
    let file = js_sys::Reflect::get(&input, &"files".into()).and_then(|f| js_sys::Reflect::get(&f, &0.into()));
    let file = file.ok().filter(|f| !f.is_undefined())?;
    let name = js_sys::Reflect::get(&file, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    let blob: web_sys::Blob = file.unchecked_into();
    input.set_value("");
    Some((name, async move { JsFuture::from(blob.text()).await.ok().and_then(|t| t.as_string()) }))
}
