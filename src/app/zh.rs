//! 简体中文 for the text the rating core, the link reader and the rate cards write in English.
//!
//! The core stays English (the CLI, the JSON and the goldens read it). The Chinese UI translates at
//! display time: errors by their [`ErrorKind`] and field, flags by their code, tier notes by their
//! [`TierText`] variant, and the remaining short phrases (component labels, units, details, link
//! problems, free-quota names) through two small tables. Numbers and names inside a message are
//! carried over; a message the tables do not know keeps its English text after a Chinese lead-in.

use rust_decimal::Decimal;

use super::{fields, format};
use crate::rating::breakdown::{Flag, TierText};
use crate::rating::{ErrorKind, QuoteError};

/// Whole strings: component labels, units, price units and the rate cards' free-quota names.
const EXACT: &[(&str, &str)] = &[
    ("Input tokens", "输入 tokens"),
    ("Cached input tokens", "缓存命中输入 tokens"),
    ("Cache write tokens (5 min)", "缓存写入 tokens（5 分钟）"),
    ("Cache write tokens (1 h)", "缓存写入 tokens（1 小时）"),
    ("Audio input tokens", "音频输入 tokens"),
    ("Image input tokens", "图片输入 tokens"),
    ("Output tokens", "输出 tokens"),
    ("Thinking tokens", "思考 tokens"),
    ("Audio output tokens", "音频输出 tokens"),
    ("Image output tokens", "图片输出 tokens"),
    ("Usage", "用量"),
    ("Credits", "积分"),
    ("Concurrency add-on", "并发扩容"),
    ("Images", "图片"),
    ("Megapixels", "百万像素"),
    ("Requests", "请求"),
    ("Calls", "调用"),
    ("Video seconds", "视频时长"),
    ("Run time", "运行时长"),
    ("Compute units", "计算单元"),
    ("Subscription", "订阅"),
    ("Prepaid resource packages", "预付费资源包"),
    ("images", "张"),
    ("credits", "积分"),
    ("calls", "次"),
    ("requests", "次"),
    ("packages", "个"),
    ("units", "单位"),
    ("megapixels", "百万像素"),
    ("seconds", "秒"),
    ("minutes", "分钟"),
    ("compute units", "计算单元"),
    ("months", "个月"),
    ("concurrency-days", "并发·天"),
    ("concurrency-months", "并发·月"),
    ("per 1M tokens", "/ 百万 tokens"),
    ("per 1K tokens", "/ 千 tokens"),
    ("per image", "/ 张"),
    ("per megapixel", "/ 百万像素"),
    ("per request", "/ 次请求"),
    ("per call", "/ 次"),
    ("per second", "/ 秒"),
    ("per hour, billed by the minute", "/ 小时，按分钟计费"),
    ("per compute unit", "/ 计算单元"),
    ("per month", "/ 月"),
    ("per unit", "/ 单位"),
    ("per credit", "/ 积分"),
    ("per package", "/ 个"),
    ("per concurrency per day", "/ 并发 / 天"),
    ("per concurrency per month", "/ 并发 / 月"),
    ("Free resource package (size not published in the source)", "免费资源包（来源未公布额度）"),
    ("Free trial: 1,000,000 tokens per language model", "免费试用：每个语言模型 1,000,000 tokens"),
    ("New-user trial: 500,000 tokens per model", "新用户免费额度：每个模型 500,000 tokens"),
    ("New-user trial: 1,000,000 tokens per model", "新用户免费额度：每个模型 1,000,000 tokens"),
    ("New-user trial: 50 image generations", "新用户免费额度：50 次图片生成"),
    ("New-user trial: 50 video credits shared by four models", "新用户免费额度：50 视频积分，四个模型共享"),
    ("New-user trial: 100 3D credits shared by three models", "新用户免费额度：100 3D 积分，三个模型共享"),
    ("Free quota: 500,000 tokens shared by all token models", "免费额度：500,000 tokens，所有文本模型共享"),
    ("Free images per model (counts not published in the source)", "每个模型的免费图片（来源未公布数量）"),
    ("stored volume, in the unit UCloud quotes", "存储量（UCloud 报价单位）"),
    (
        "the link was changed or cut short (its end marker does not match); what could be read is kept",
        "链接被改动或截断（结尾标记不符），已保留能读取的部分",
    ),
    (
        "the link is incomplete (its end marker is missing, so it may be cut short); what could be read is kept",
        "链接不完整（缺少结尾标记，可能被截断），已保留能读取的部分",
    ),
];

/// Phrases replaced in order inside longer text: quantity details, link problems and the
/// calculator's own messages about typed text.
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
    (" images x ", " 张图片 × "),
    (" images", " 张图片"),
    (" px", " 像素"),
    (" MP", " 百万像素"),
    (" requests", " 次请求"),
    (" calls", " 次调用"),
    (" videos x ", " 个视频 × "),
    (" s,", " 秒,"),
    (" s ", " 秒 "),
    (" h = ", " 小时 = "),
    (" minutes, billed by the minute", " 分钟，按分钟计费"),
    (" compute units x ", " 个计算单元 × "),
    (" replicas", " 个副本"),
    (" subscription(s) x 1 month", " 份订阅 × 1 个月"),
    (", template ", "，模板 "),
    (" at ", "，"),
    (" credits per call", " 积分/次"),
    (" credits per second", " 积分/秒"),
    (" credits per image", " 积分/张"),
    (" credits per ", " 积分/"),
    (" x ", " × "),
    (" units added to the prepaid balance", " 单位计入预付费余额"),
    ("valid ", "有效期 "),
    (" days; ", " 天；"),
    (" included + ", " 个（含） + "),
    (" extra = ", " 个（额外） = "),
    (" concurrent tasks, for the month", " 个并发任务，整月"),
    (" concurrent tasks, for ", " 个并发任务，共 "),
    (" days", " 天"),
    (" units", " 单位"),
    ("Prepaid packages of ", "预付费资源包 "),
];

/// Chinese for a short English text from the core, a rate card or a link; unknown text is kept.
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
    if let Some(b) = body.strip_suffix(" s") {
        body = format!("{b} 秒");
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

/// A breakdown flag in Chinese, by its code; the numbers and names come from its message.
pub fn flag(f: &Flag) -> String {
    let m = &*f.message;
    let n = nums(m, None);
    let at = |i: usize| n.get(i).map_or("", String::as_str);
    let head = m.split_once(':').map_or("", |(h, _)| h);
    match f.code {
        "example_price" => "示例价格，并非公开标价".into(),
        "priority" => format!("优先处理：所有价格 ×{}", m.rsplit('x').next().unwrap_or_default()),
        "volume_tier_boundary" => {
            format!(
                "全量阶梯：用量达到 {} 时所有单位从 {} 降到 {}，因此本月可能比用量略少的月份更便宜",
                at(0),
                at(1),
                at(2)
            )
        }
        "entered_price" if m.starts_with("credits") => "积分单价由用户填写".into(),
        "entered_price" => format!(
            "价格由用户填写：{} 未公布此价格",
            m.split_once(": ").map_or("", |(_, r)| r).trim_end_matches(" publishes none")
        ),
        "range_unpicked" => format!("每次调用 {}–{} 积分；未指定取值，按最高值计价", at(0), at(1)),
        "free_off" => "本行不使用免费额度".into(),
        "free_unpublished" => format!("{}：来源未公布额度大小，因此不计入；如有剩余，请填写剩余免费额度", text(head)),
        "claim_by" => match m.split_once(" can be claimed until ") {
            Some((q, date)) => format!("{} 可领取至 {date}", text(q)),
            None => m.into(),
        },
        _ => m.into(),
    }
}

/// A tier's label or reason in Chinese.
pub fn tier(t: &TierText) -> String {
    let n = |v: u64| format::number(Decimal::from(v));
    match t {
        TierText::Bounds { above: 0, up_to: None } => "所有长度".into(),
        TierText::Input { tiered: false, .. } => "所有输入长度同一价格".into(),
        TierText::Input { tokens, above, up_to, .. } => format!(
            "每次请求 {} 个输入 tokens（含缓存部分），落在 {}",
            n(*tokens),
            TierText::Bounds { above: *above, up_to: *up_to }
        ),
        TierText::Text(s) => {
            let v = nums(s, None);
            let label = s.split_once(" falls in ").and_then(|(_, r)| r.split_once(';')).map(|(l, _)| l);
            match (s.strip_prefix("the month's post-paid total of "), label) {
                (Some(_), Some(label)) => {
                    format!(
                        "本月后付费总量 {} 落在 {label}，所有后付费用量按此档计价",
                        v.first().map_or("", String::as_str)
                    )
                }
                _ if s.ends_with(" of the month are in this graduated tier") => format!(
                    "本月第 {} 至 {} 个单位属于此累进档位",
                    v.first().map_or("", String::as_str),
                    v.get(1).map_or("", String::as_str)
                ),
                _ => s.clone(),
            }
        }
        TierText::Bounds { .. } => t.to_string(),
    }
}
