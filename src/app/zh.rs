//! 简体中文 for the breakdown text the rating core and the rate cards write in English.
//!
//! The core stays English (the CLI, the JSON and the goldens read it). The Chinese UI translates
//! breakdown text at display time: flags by their code, tier notes by their [`TierText`] variant,
//! and the remaining short phrases (component labels, units, details, free-quota names) through two
//! small tables. Numbers and names inside a message are carried over. (Problems are not translated
//! here: `crate::lang` renders them in each language from their data.)

use rust_decimal::Decimal;

use super::format;
use crate::rating::breakdown::{Flag, TierText};

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
];

/// Phrases replaced in order inside longer text: quantity details.
const PHRASES: &[(&str, &str)] = &[
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

/// Chinese for a short English text from the core or a rate card; unknown text is kept.
pub fn text(s: &str) -> String {
    if let Some((_, zh)) = EXACT.iter().find(|(en, _)| *en == s) {
        return (*zh).into();
    }
    let mut body = s.to_string();
    for (en, zh) in PHRASES {
        if body.contains(en) {
            body = body.replace(en, zh);
        }
    }
    if let Some(b) = body.strip_suffix(" s") {
        body = format!("{b} 秒");
    }
    body
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
