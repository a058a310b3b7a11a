//! The estimate line fields the widget edits: their labels, units and accessors.
//!
//! The rating core names each usage field of a [`Line`] (see [`ratecard::rating::fields_used`]);
//! this module maps those names to the `Option<Decimal>` they live in, so that the calculator can
//! set a field from the text of an `<input>` and drop the fields a new model does not use.

use rust_decimal::Decimal;

use crate::rating::Line;
use crate::rating::estimate::EnteredPrices;

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A decimal quantity in a text input.
    Number,
    /// A video resolution, chosen from the model's list.
    Resolution,
    /// Free text (an effect template name).
    Text,
    /// The free trial: on, off, or an amount remaining (`free_trial` with `free_remaining`).
    FreeTrial,
    /// A checkbox (priority).
    Flag,
    /// Prepaid packages bought: a size and a count.
    Packages,
    /// Entered token prices (`prices.input_per_1m`, `prices.output_per_1m`).
    Prices,
}

/// A text in English and 简体中文.
pub type Text2 = (&'static str, &'static str);

/// What the widget shows for one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldInfo {
    /// The estimate field name, e.g. `input_tokens`.
    pub name: &'static str,
    /// The label a person reads, in English and Chinese.
    pub label: Text2,
    /// The unit or period, shown after the label, e.g. `per request`.
    pub hint: Text2,
    /// How it is edited.
    pub kind: FieldKind,
}

const fn num(name: &'static str, label: Text2, hint: Text2) -> FieldInfo {
    FieldInfo { name, label, hint, kind: FieldKind::Number }
}

const fn other(name: &'static str, label: Text2, hint: Text2, kind: FieldKind) -> FieldInfo {
    FieldInfo { name, label, hint, kind }
}

const NONE: Text2 = ("", "");
const PER_MONTH: Text2 = ("per month", "每月");
const PER_REQUEST: Text2 = ("per request", "每次请求");
const OF_INPUT: Text2 = ("per request, part of input", "每次请求，含于输入");
const OF_OUTPUT: Text2 = ("per request, part of output", "每次请求，含于输出");
const PIXELS: Text2 = ("pixels", "像素");

/// Every field the widget knows, in the order it shows them.
pub const FIELDS: &[FieldInfo] = &[
    num("requests", ("Requests", "请求次数"), PER_MONTH),
    num("images", ("Images", "图片数"), PER_MONTH),
    num("calls", ("Calls", "调用次数"), PER_MONTH),
    num("input_tokens", ("Input tokens", "输入 tokens"), PER_REQUEST),
    num("output_tokens", ("Output tokens", "输出 tokens"), PER_REQUEST),
    num("cached_tokens", ("Cached input tokens", "缓存命中 tokens"), OF_INPUT),
    num("thinking_tokens", ("Thinking tokens", "思考 tokens"), OF_OUTPUT),
    num("cache_write_5m_tokens", ("Cache write tokens (5 min)", "缓存写入 tokens（5 分钟）"), OF_INPUT),
    num("cache_write_1h_tokens", ("Cache write tokens (1 h)", "缓存写入 tokens（1 小时）"), OF_INPUT),
    num("audio_input_tokens", ("Audio input tokens", "音频输入 tokens"), OF_INPUT),
    num("image_input_tokens", ("Image input tokens", "图片输入 tokens"), OF_INPUT),
    num("audio_output_tokens", ("Audio output tokens", "音频输出 tokens"), OF_OUTPUT),
    num("image_output_tokens", ("Image output tokens", "图片输出 tokens"), OF_OUTPUT),
    num("width", ("Width", "宽度"), PIXELS),
    num("height", ("Height", "高度"), PIXELS),
    num("megapixels", ("Megapixels", "百万像素"), ("per image, instead of width × height", "每张图片，可代替宽 × 高")),
    num("seconds", ("Seconds", "时长（秒）"), ("per video", "每个视频")),
    other("resolution", ("Resolution", "分辨率"), NONE, FieldKind::Resolution),
    other("template", ("Effect template", "特效模板"), ("name", "名称"), FieldKind::Text),
    num("credits", ("Credits", "积分"), ("per call", "每次调用")),
    num("hours", ("Hours", "时长（小时）"), PER_MONTH),
    num("replicas", ("Replicas", "副本数"), NONE),
    num("compute_units", ("Compute units", "计算单元"), PER_MONTH),
    num("quantity", ("Quantity", "数量"), PER_MONTH),
    num("unit_price", ("Unit price", "单价"), ("card currency", "价目表币种")),
    other("prices", ("Token prices", "Token 单价"), ("per 1M tokens", "每百万 tokens"), FieldKind::Prices),
    other("free_trial", ("Free trial", "免费额度"), NONE, FieldKind::FreeTrial),
    num("prepaid_remaining", ("Prepaid balance left", "预付费余额"), ("units", "单位")),
    other("packages", ("Packages bought", "购买资源包"), ("this month", "本月"), FieldKind::Packages),
    num("extra_concurrency", ("Extra concurrency", "额外并发"), ("tasks", "任务数")),
    num("concurrency_days", ("Concurrency days", "并发天数"), ("days, blank for a month", "天，留空为整月")),
    other("priority", ("Priority", "优先处理"), NONE, FieldKind::Flag),
];

/// The entered-price sub-fields the widget offers, with their labels.
pub const PRICE_FIELDS: &[(&str, Text2)] = &[
    ("prices.input_per_1m", ("Input price per 1M", "输入单价（每百万）")),
    ("prices.output_per_1m", ("Output price per 1M", "输出单价（每百万）")),
];

/// The info for a field name, if the widget knows it.
pub fn info(name: &str) -> Option<&'static FieldInfo> {
    FIELDS.iter().find(|f| f.name == name)
}

/// The fields to show for a model's `fields_used`, in display order. `free_remaining` is folded
/// into the free-trial control.
pub fn shown(used: &[&str]) -> Vec<&'static FieldInfo> {
    FIELDS.iter().filter(|f| used.contains(&f.name)).collect()
}

/// The decimal a field names, for reading.
pub fn get(line: &Line, name: &str) -> Option<Decimal> {
    let p = line.prices.as_ref();
    match name {
        "requests" => line.requests,
        "input_tokens" => line.input_tokens,
        "output_tokens" => line.output_tokens,
        "cached_tokens" => line.cached_tokens,
        "thinking_tokens" => line.thinking_tokens,
        "cache_write_5m_tokens" => line.cache_write_5m_tokens,
        "cache_write_1h_tokens" => line.cache_write_1h_tokens,
        "audio_input_tokens" => line.audio_input_tokens,
        "image_input_tokens" => line.image_input_tokens,
        "audio_output_tokens" => line.audio_output_tokens,
        "image_output_tokens" => line.image_output_tokens,
        "images" => line.images,
        "width" => line.width,
        "height" => line.height,
        "megapixels" => line.megapixels,
        "calls" => line.calls,
        "seconds" => line.seconds,
        "credits" => line.credits,
        "free_remaining" => line.free_remaining,
        "prepaid_remaining" => line.prepaid_remaining,
        "extra_concurrency" => line.extra_concurrency,
        "concurrency_days" => line.concurrency_days,
        "hours" => line.hours,
        "replicas" => line.replicas,
        "compute_units" => line.compute_units,
        "quantity" => line.quantity,
        "unit_price" => line.unit_price,
        "prices.input_per_1m" => p.and_then(|p| p.input_per_1m),
        "prices.output_per_1m" => p.and_then(|p| p.output_per_1m),
        "prices.cache_hit_per_1m" => p.and_then(|p| p.cache_hit_per_1m),
        "prices.thinking_per_1m" => p.and_then(|p| p.thinking_per_1m),
        _ => None,
    }
}

/// Sets the decimal a field names. Returns `false` for a name that is not a decimal field.
pub fn set(line: &mut Line, name: &str, value: Option<Decimal>) -> bool {
    if let Some(sub) = name.strip_prefix("prices.") {
        let prices = line.prices.get_or_insert_with(EnteredPrices::default);
        let slot = match sub {
            "input_per_1m" => &mut prices.input_per_1m,
            "output_per_1m" => &mut prices.output_per_1m,
            "cache_hit_per_1m" => &mut prices.cache_hit_per_1m,
            "thinking_per_1m" => &mut prices.thinking_per_1m,
            _ => return false,
        };
        *slot = value;
        if *prices == EnteredPrices::default() {
            line.prices = None;
        }
        return true;
    }
    let slot = match name {
        "requests" => &mut line.requests,
        "input_tokens" => &mut line.input_tokens,
        "output_tokens" => &mut line.output_tokens,
        "cached_tokens" => &mut line.cached_tokens,
        "thinking_tokens" => &mut line.thinking_tokens,
        "cache_write_5m_tokens" => &mut line.cache_write_5m_tokens,
        "cache_write_1h_tokens" => &mut line.cache_write_1h_tokens,
        "audio_input_tokens" => &mut line.audio_input_tokens,
        "image_input_tokens" => &mut line.image_input_tokens,
        "audio_output_tokens" => &mut line.audio_output_tokens,
        "image_output_tokens" => &mut line.image_output_tokens,
        "images" => &mut line.images,
        "width" => &mut line.width,
        "height" => &mut line.height,
        "megapixels" => &mut line.megapixels,
        "calls" => &mut line.calls,
        "seconds" => &mut line.seconds,
        "credits" => &mut line.credits,
        "free_remaining" => &mut line.free_remaining,
        "prepaid_remaining" => &mut line.prepaid_remaining,
        "extra_concurrency" => &mut line.extra_concurrency,
        "concurrency_days" => &mut line.concurrency_days,
        "hours" => &mut line.hours,
        "replicas" => &mut line.replicas,
        "compute_units" => &mut line.compute_units,
        "quantity" => &mut line.quantity,
        "unit_price" => &mut line.unit_price,
        _ => return false,
    };
    *slot = value;
    true
}

/// Clears every usage field of a line that `used` does not list, keeping provider, model, label
/// and the line's discounts.
pub fn keep_only(line: &mut Line, used: &[&str]) {
    let uses = |n: &str| used.contains(&n);
    let kept = Line {
        provider: std::mem::take(&mut line.provider),
        model: std::mem::take(&mut line.model),
        label: line.label.take(),
        discounts: line.discounts.take(),
        resolution: if uses("resolution") { line.resolution.take() } else { None },
        template: if uses("template") { line.template.take() } else { None },
        free_trial: if uses("free_trial") { line.free_trial } else { None },
        priority: if uses("priority") { line.priority } else { None },
        packages: if uses("packages") { std::mem::take(&mut line.packages) } else { Vec::new() },
        prices: if uses("prices") { line.prices.take() } else { None },
        ..Line::default()
    };
    let old = std::mem::replace(line, kept);
    for f in FIELDS.iter().filter(|f| f.kind == FieldKind::Number) {
        if uses(f.name) {
            set(line, f.name, get(&old, f.name));
        }
    }
    if uses("free_remaining") {
        line.free_remaining = old.free_remaining;
    }
}
