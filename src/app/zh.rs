//! 简体中文 for the errors and link problems the rating core and the link reader write in English.
//!
//! The breakdown's words (labels, units, details, tiers, notes, quota names) are typed and written
//! by `crate::lang::chinese`; what is left here translates errors by their [`ErrorKind`] and field,
//! and link problems and the calculator's own messages through two small tables. Numbers and names
//! inside a message are carried over; a message the tables do not know keeps its English text.

use super::fields;
use crate::rating::{ErrorKind, QuoteError};

/// Whole strings: link problems.
const EXACT: &[(&str, &str)] = &[
    (
        "the link was changed or cut short (its end marker does not match); what could be read is kept",
        "链接被改动或截断（结尾标记不符），已保留能读取的部分",
    ),
    (
        "the link is incomplete (its end marker is missing, so it may be cut short); what could be read is kept",
        "链接不完整（缺少结尾标记，可能被截断），已保留能读取的部分",
    ),
];

/// Phrases replaced in order inside longer text: link problems and the calculator's own messages
/// about typed text.
const PHRASES: &[(&str, &str)] = &[
    (" is not a number: use a decimal point, without separators", " 不是数字：请用小数点，不要加千位分隔符"),
    (" is not a number", " 不是数字"),
    (" has no value (the link may be cut short)", " 没有值（链接可能被截断）"),
    (" has a broken %-escape (the link may be cut short)", " 的 % 转义不完整（链接可能被截断）"),
    (" is not UTF-8 text", " 不是 UTF-8 文本"),
    ("unknown currency ", "未知币种 "),
    (": use USD or CNY", "：请用 USD 或 CNY"),
    ("comes before any p= (provider), so it belongs to no line", "出现在所有 p=（服务商）之前，不属于任何一行"),
    (" is not SIZExCOUNT, e.g. ", " 不是“规格x数量”，例如 "),
    ("unknown key ", "未知参数 "),
    ("unknown view ", "未知视图 "),
    ("unknown control ", "未知控件 "),
    (" (known: ", "（可用："),
    (" is not 1 or 0", " 不是 1 或 0"),
    ("no model (m=) for provider ", "未指定模型（m=），服务商 "),
    ("unknown provider ", "未知服务商 "),
    ("unknown model ", "未知模型 "),
    (" for provider ", "，服务商 "),
    ("This link was made with another catalog version (", "此链接基于另一版本的价目表（"),
    ("This saved estimate was made with another catalog version (", "保存的估算基于另一版本的价目表（"),
    ("; this page has ", "；本页为 "),
    ("), so prices may differ.", "），价格可能不同。"),
    ("The link has no line that could be read, so the default line is shown.", "链接中没有可读取的行，已显示默认行。"),
    (
        "The saved estimate has no line that could be read, so the default line is shown.",
        "保存的估算中没有可读取的行，已显示默认行。",
    ),
];

/// Chinese for a short English text from the core or a link; unknown text is kept.
pub fn text(s: &str) -> String {
    if let Some((_, zh)) = EXACT.iter().find(|(en, _)| *en == s) {
        return (*zh).into();
    }
    // `line 2: ...` names its line first.
    let (mut out, rest) = match s.strip_prefix("line ").and_then(|r| r.split_once(": ")) {
        Some((n, rest)) if n.bytes().all(|b| b.is_ascii_digit()) => (format!("第 {n} 行："), rest),
        _ => (String::new(), s),
    };
    let mut body = rest.to_string();
    for (en, zh) in PHRASES {
        if body.contains(en) {
            body = body.replace(en, zh);
        }
    }
    out.push_str(&body);
    out
}

/// The numbers in a message (grouped digits such as `128,001` or `0.9`), with `skip` (a model
/// name, which may hold digits) left out first.
fn nums(message: &str, skip: Option<&str>) -> Vec<String> {
    let m = skip.filter(|s| !s.is_empty()).map_or_else(|| message.to_string(), |s| message.replace(s, ""));
    m.split_whitespace()
        .map(|w| w.trim_matches(|c: char| "\"'()[];:,.".contains(c)))
        .filter(|w| {
            w.bytes().any(|b| b.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        })
        .map(str::to_string)
        .collect()
}

/// The Chinese label of a field path such as `input_tokens` or `packages[0].size`.
pub fn field_label(field: &str) -> &str {
    let top = field.split(['.', '[']).next().unwrap_or(field);
    match field {
        "prices.input_per_1m" => "输入单价",
        "prices.output_per_1m" => "输出单价",
        "usd_cny" => "汇率",
        "discounts.channel" => "渠道折扣",
        "discounts.user" => "用户折扣",
        "discounts.negotiated" => "协议折扣",
        "free_remaining" => "剩余免费额度",
        "model" => "模型",
        "provider" => "服务商",
        "version" => "版本",
        _ => fields::info(top).map_or(field, |f| f.label.1),
    }
}

/// A core error's message in Chinese, without its line and field.
pub fn error(e: &QuoteError) -> String {
    let model = e.model.as_deref().unwrap_or("该模型");
    let n = nums(&e.message, e.model.as_deref());
    let n0 = n.first().map_or("", String::as_str);
    let last = n.last().map_or("", String::as_str);
    let after = |marker: &str| e.message.split_once(marker).map_or("", |(_, r)| r).to_string();
    let quoted: Vec<&str> = e.message.split('"').skip(1).step_by(2).collect();
    let mean = quoted.get(1).map(|q| format!("（是否要找“{q}”？）")).unwrap_or_default();
    let m = &e.message;
    match e.kind {
        ErrorKind::Negative => "不能为负数".into(),
        ErrorKind::NotWhole => "必须是整数".into(),
        ErrorKind::TooLarge => format!("超出上限 {last}"),
        ErrorKind::AboveLargestTier => {
            format!("每次请求 {n0} tokens，超出 {model} 的最高档位：输入最多 {last} tokens")
        }
        ErrorKind::MissingField if e.field == "resolution" => {
            format!("{model} 按分辨率计价，请选择：{}", after("choose one of "))
        }
        ErrorKind::MissingField if m.contains("width") || m.contains("megapixel") => {
            "请填写宽度和高度，或填写百万像素".into()
        }
        ErrorKind::MissingField if e.field == "extra_concurrency" => "填写并发天数时，请同时填写额外并发".into(),
        ErrorKind::MissingField => format!("{model} 按此项计价，请填写{}", field_label(&e.field)),
        ErrorKind::UnusedField => format!("{model} 不按此项计价，请清空"),
        ErrorKind::PriceNeeded => format!("{model} 未公布此价格，请自行填写"),
        ErrorKind::Inconsistent if m.starts_with("cached") => {
            format!("缓存等输入细分 tokens（{n0}）超过输入 tokens（{last}），它们是输入的一部分")
        }
        ErrorKind::Inconsistent if m.starts_with("thinking") => {
            format!("思考等输出细分 tokens（{n0}）超过输出 tokens（{last}），它们是输出的一部分")
        }
        ErrorKind::Inconsistent => "请填写宽度和高度，或填写百万像素，不要同时填写".into(),
        ErrorKind::OutOfRange => {
            format!("{n0} 超出 {model} 的范围：每次调用 {}–{last} 积分", n.get(1).map_or("", String::as_str))
        }
        ErrorKind::UnknownResolution => {
            format!("{model} 没有该分辨率的价格，请选择：{}", after("choose one of "))
        }
        ErrorKind::UnknownPackage => format!("{model} 没有 {n0} 的资源包；可选规格：{}", after("sizes: ")),
        ErrorKind::UnknownProvider => format!("未知服务商“{}”{mean}", quoted.first().unwrap_or(&"")),
        ErrorKind::UnknownModel => format!("没有模型“{}”{mean}", quoted.first().unwrap_or(&"")),
        ErrorKind::BadSetting if e.field == "usd_cny" => {
            format!("{n0} 不是可用的汇率：请填写 1 美元兑换的人民币数，大于 0 且不超过 1000（如 7.3）；暂按 7.3 计算")
        }
        ErrorKind::BadSetting if e.field.starts_with("discounts") => {
            format!("{n0} 不是有效的折扣系数：请填写大于 0 且不超过 1 的数（0.9 即九折）")
        }
        ErrorKind::BadSetting => format!("不支持版本 {n0}，本计算器读取版本 {last}"),
        ErrorKind::Overflow => "结果过大，无法精确计算".into(),
        ErrorKind::Parse | ErrorKind::UnknownField | ErrorKind::NotANumber => format!("无法读取：{m}"),
    }
}

/// A core error in Chinese, with its line, model and field first, as the estimate-wide list shows
/// it.
pub fn error_full(e: &QuoteError) -> String {
    let mut s = String::new();
    if let Some(line) = e.line {
        s.push_str(&format!("第 {line} 行"));
        if let Some(model) = &e.model {
            s.push_str(&format!("（{model}）"));
        }
        s.push('：');
    }
    if !e.field.is_empty() {
        s.push_str(field_label(&e.field));
        s.push('：');
    }
    s.push_str(&error(e));
    s
}
