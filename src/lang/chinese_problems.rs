//! 简体中文 for every problem the product reports: [`Problem`], [`LinkProblem`] and
//! [`EntryProblem`], each from its data (never from the English text). Model names, field keys,
//! currency codes and numbers are carried over as they are.

use rust_decimal::Decimal;

use super::english_problems::Clip;
use crate::rating::catalog::Measure;
use crate::rating::num::{EntryProblem, group};
use crate::rating::problem::{Expected, Found, LinkProblem, Needs, Opened, Problem, Shape, UnusedWhy};

/// Items joined by `、`.
fn list(items: &[String]) -> String {
    items.join("、")
}

/// A value as the document held it.
fn found(f: &Found) -> String {
    match f {
        Found::Text(s) => format!("字符串“{c_s}”", c_s = Clip(s)),
        Found::Flag(b) => format!("布尔值 {b}"),
        Found::Number(n) => format!("数字 {n}"),
        Found::Null => "null".into(),
        Found::List => "数组".into(),
        Found::Object => "对象".into(),
        Found::Other(s) => s.clone(),
    }
}

/// What a value should have been.
fn expected(e: &Expected) -> &str {
    match e {
        Expected::Number => "数字或数字字符串",
        Expected::Text => "字符串",
        Expected::Flag => "true 或 false",
        Expected::WholeNumber => "整数",
        Expected::List => "数组",
        Expected::Object => "对象",
        Expected::Other(s) => s,
    }
}

/// A found value's kind, after "而不是".
fn shape_of(f: &Found) -> &str {
    match f {
        Found::Text(_) => "字符串",
        Found::Flag(_) => "布尔值",
        Found::Number(_) => "数字",
        Found::Null => "null",
        Found::List => "数组",
        Found::Object => "对象",
        Found::Other(s) => s,
    }
}

/// What a model is priced on, after "按".
fn priced_by(m: Option<Measure>) -> &'static str {
    match m {
        None => "tokens",
        Some(Measure::Image) => "图片张数",
        Some(Measure::Megapixel) => "百万像素",
        Some(Measure::Request) => "请求次数",
        Some(Measure::Call) => "调用次数",
        Some(Measure::Second) => "视频秒数",
        Some(Measure::Hour) => "运行小时",
        Some(Measure::ComputeUnit) => "计算单元和副本",
        Some(Measure::Month) => "月",
        Some(Measure::Unit) => "单位",
    }
}

/// One measured unit: "每张图片", "每次调用".
fn each(m: Measure) -> &'static str {
    match m {
        Measure::Image => "每张图片",
        Measure::Megapixel => "每百万像素",
        Measure::Request => "每次请求",
        Measure::Call => "每次调用",
        Measure::Second => "每秒",
        Measure::Hour => "每小时",
        Measure::ComputeUnit => "每个计算单元",
        Measure::Month => "每月",
        Measure::Unit => "每单位",
    }
}

/// A decimal without trailing zeros.
fn n(d: &Decimal) -> String {
    d.normalize().to_string()
}

/// A problem's message in Chinese, without its line and field.
pub(super) fn problem(p: &Problem) -> String {
    use Problem as P;
    match p {
        P::Syntax { text } => format!("不是有效的 JSON：{text}"),
        P::UnknownField { field, suggestion: Some(s) } => {
            format!("未知字段“{c_field}”（是否要写“{c_s}”？）", c_field = Clip(field), c_s = Clip(s))
        }
        P::UnknownField { field, suggestion: None } => format!("未知字段“{c_field}”", c_field = Clip(field)),
        P::UnknownValue { given, choices } => {
            format!("未知取值“{c_given}”：请用 {}", list(choices), c_given = Clip(given))
        }
        P::MissingKey { key } => format!("缺少字段“{c_key}”", c_key = Clip(key)),
        P::NotANumber { found: f } => format!("{} 不是数字：请填写数字或数字字符串", found(f)),
        P::OutOfRangeNumber => "超出范围：这里的数字最多 28 位，小数点后最多 28 位".into(),
        P::WrongType { found: f, expected: e } => format!("{}：应为{}", found(f), expected(e)),
        P::UnknownCurrency { given } => format!("未知币种“{c_given}”：请用 USD 或 CNY", c_given = Clip(given)),
        P::NotAnObject { what: Shape::Estimate, found: f } => {
            format!("估算应为 JSON 对象（含 version 和 lines），而不是{}", shape_of(f))
        }
        P::NotAnObject { what: Shape::Line, found: f } => {
            format!("每一行应为对象（含 provider、model 和用量字段），而不是{}", shape_of(f))
        }
        P::NoLines => "缺少 lines：估算在此列出各行（没有行时写 \"lines\": []）".into(),
        P::ExportField => "未知字段：导出文件只有 estimate 和 breakdown 两项".into(),
        P::Unreadable { text } => format!("无法读取：{text}"),
        P::OverLimit(limit) => over_limit(limit),

        P::Version { given, reads } => format!("不支持版本 {given}，本计算器读取版本 {reads}"),
        P::BadRate { rate } => {
            format!("{rate} 不是可用的汇率：请填写 1 美元兑换的人民币数，大于 0 且不超过 1000（如 7.3）；暂按 7.3 计算")
        }
        P::BadDiscount { value } => format!("{value} 不是有效的折扣系数：请填写大于 0 且不超过 1 的数（0.9 即九折）"),
        P::ValidDays { value } => format!(
            "{} 不是有效的报价有效天数：请填写 1 到 {} 的整数",
            n(value),
            crate::rating::problem::MAX_VALID_DAYS
        ),

        P::BadStart { given } => {
            format!("“{c_given}”不是有效的起始月份：请按“年-月”填写，如 2026-12", c_given = Clip(given))
        }

        P::UnknownProvider { given, suggestion: Some(s), .. } => {
            format!("未知服务商“{c_given}”（是否要找“{c_s}”？）", c_given = Clip(given), c_s = Clip(s))
        }
        P::UnknownProvider { given, suggestion: None, known } => {
            format!("未知服务商“{c_given}”；可用的服务商：{}", list(known), c_given = Clip(given))
        }
        P::UnknownModel { card, given, suggestion: Some(s) } => {
            format!("{card} 没有模型“{c_given}”（是否要找“{c_s}”？）", c_given = Clip(given), c_s = Clip(s))
        }
        P::UnknownModel { card, given, suggestion: None } => {
            format!("{card} 没有模型“{c_given}”", c_given = Clip(given))
        }

        P::Negative { value } => format!("{} 是负数，请填写 0 或更大的数", n(value)),
        P::NotWhole { value } => format!("{} 不是整数，请填写整数", n(value)),
        P::TooLarge { value, limit } => format!("{} 超出上限 {}", group(*value), group(*limit)),
        P::UnusedField { model, why } => {
            let why = match why {
                UnusedWhy::NoFreeQuota => "它没有免费额度".to_string(),
                UnusedWhy::NoPackages => "它没有预付费资源包".to_string(),
                UnusedWhy::NoConcurrency => "它没有并发扩容".to_string(),
                UnusedWhy::NoPriority => "它没有优先处理倍率".to_string(),
                UnusedWhy::PricePublished => "它的价格已公布".to_string(),
                UnusedWhy::CreditsFixed => "它每次调用的积分是固定的".to_string(),
                UnusedWhy::PricedBy(m) => format!("它按{}计价", priced_by(*m)),
            };
            format!("{model} 不按此项计价：{why}，请清空")
        }
        P::Missing { model, needs } => {
            let needs = match needs {
                Needs::Requests => "每月请求数",
                Needs::InputTokens => "每次请求的输入 tokens",
                Needs::Images => "每月图片数",
                Needs::Calls => "每月调用次数",
                Needs::Videos => "每月视频数（calls）",
                Needs::Seconds => "每个视频的秒数",
                Needs::Hours => "运行小时数",
                Needs::ComputeUnits => "每个副本的计算单元数",
                Needs::Replicas => "副本数",
                Needs::Quantity => "数量",
            };
            format!("{model} 按此项计价，请填写{needs}")
        }
        P::DaysWithoutExtra => "填写并发天数时，请同时填写额外并发数".into(),
        P::HalfSize { width_given: true } => "已填写宽度，请同时填写高度".into(),
        P::HalfSize { width_given: false } => "已填写高度，请同时填写宽度".into(),
        P::SizeNeeded { model } => format!("{model} 按百万像素计价：请填写宽度和高度，或填写百万像素"),
        P::SizeTwice => "请填写宽度和高度，或填写百万像素，不要同时填写".into(),
        P::TemplateNeeded { model } => format!("{model} 按特效模板计价：请填写模板名称"),
        P::ResolutionNeeded { model, choices } => format!("{model} 按分辨率计价，请选择：{}", list(choices)),
        P::UnknownResolution { model, given, choices } => {
            format!("{model} 没有“{c_given}”的价格，请选择：{}", list(choices), c_given = Clip(given))
        }
        P::AboveLargestTier { tokens, model, limit } => {
            format!("每次请求 {} tokens，超出 {model} 的最高档位：输入最多 {} tokens", group(*tokens), group(*limit))
        }
        P::TokenPriceNeeded { model, key, currency } => {
            format!("{model} 未公布此价格：请填写 prices.{key}（{currency} / 百万 tokens）")
        }
        P::CreditsNeeded { model, per } => format!("{model} 未公布{}的积分数：请填写 credits", each(*per)),
        P::UnitPriceNeeded { model, currency, per } => {
            format!("{model} 未公布价格：请填写 unit_price（{currency}，{}）", each(*per))
        }
        P::OutOfRange { value, model, min, max } => {
            format!("{value} 超出 {model} 的范围：每次调用 {}–{} 积分", n(min), n(max))
        }
        P::PartsExceed { output: false, parts, whole } => format!(
            "缓存等输入细分 tokens（{}）超过输入 tokens（{}），它们是输入的一部分",
            group(*parts),
            group(*whole)
        ),
        P::PartsExceed { output: true, parts, whole } => format!(
            "思考等输出细分 tokens（{}）超过输出 tokens（{}），它们是输出的一部分",
            group(*parts),
            group(*whole)
        ),
        P::UnknownPackage { model, size, sizes } => {
            let sizes: Vec<String> = sizes.iter().map(|s| group(*s)).collect();
            format!("{model} 没有 {} 的资源包；可选规格：{}", group(*size), list(&sizes))
        }
        P::PackageCount { count } => format!("{} 不是有效的资源包数量：请填写 0 到 1,000,000 的整数", n(count)),
        P::Overflow => "结果过大，无法精确计算".into(),
    }
}

/// The Chinese label of an estimate-level field, or of a line field whose label the core knows.
pub(super) fn field_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "version" => "版本",
        "currency" => "币种",
        "usd_cny" => "汇率",
        "valid_days" => "有效天数",
        "start" => "起始月份",
        "discounts.channel" => "渠道折扣",
        "discounts.user" => "用户折扣",
        "discounts.negotiated" => "协议折扣",
        "provider" => "服务商",
        "model" => "模型",
        "prices.input_per_1m" => "输入单价",
        "prices.output_per_1m" => "输出单价",
        "free_remaining" => "剩余免费额度",
        _ => return None,
    })
}

/// `第 2 行：` when the key belongs to a line.
fn on_line(line: Option<usize>) -> String {
    line.map(|n| format!("第 {n} 行：")).unwrap_or_default()
}

/// What an instance opened with.
fn opened(from: Opened) -> &'static str {
    match from {
        Opened::Link => "链接",
        Opened::Saved => "保存的估算",
        Opened::Attribute => "lines 属性",
    }
}

/// What a number no exact decimal holds is told.
const TOO_MANY_DIGITS: &str = "的位数超出精确小数的范围（最多 28 位，小数点后最多 28 位）";

/// A link problem in Chinese.
pub(super) fn link(p: &LinkProblem) -> String {
    use LinkProblem as L;
    match p {
        L::NoValue { line, raw } => format!("{}“{c_raw}”没有值（链接可能被截断）", on_line(*line), c_raw = Clip(raw)),
        L::BrokenEscape { line, key, text } => {
            format!("{}{key}：“{c_text}”的 % 转义不完整（链接可能被截断）", on_line(*line), c_text = Clip(text))
        }
        L::NotUtf8 { line, key, text } => {
            format!("{}{key}：“{c_text}”不是 UTF-8 文本", on_line(*line), c_text = Clip(text))
        }
        L::Number { line, key, problem } => {
            let meaning = key_meaning(key).map(|m| format!("；{key} 表示{m}")).unwrap_or_default();
            format!("{}{key}：{}{meaning}", on_line(*line), entry(problem))
        }
        L::ShareAsFraction { line, key, text } => {
            format!(
                "第 {line} 行：{key}：“{c_text}”是每次请求的缓存 tokens 数，不是占比：输入的 30% 请写 {key}=30%",
                c_text = Clip(text)
            )
        }
        L::ShareWithoutInput { line, key } => {
            format!("第 {line} 行：{key}：百分比是输入 tokens 的占比，但该行没有给出输入 tokens（in=）")
        }
        L::NoOutput { line } => format!("第 {line} 行：提示：未给出输出 tokens（out=），输出按每次请求 0 个计算"),
        L::NotAFlag { line, key, text } => format!("第 {line} 行：{key}：“{c_text}”不是 1 或 0", c_text = Clip(text)),
        L::Version { given, reads } => {
            format!("v：链接版本 {given} 不是本计算器读取的版本（{reads}），已保留能读取的部分")
        }
        L::Changed => "链接被改动或截断（结尾标记不符），已保留能读取的部分".into(),
        L::Cut => "链接不完整（缺少结尾标记，可能被截断），已保留能读取的部分".into(),
        L::UnknownCurrency { key, given } => {
            format!("{key}：未知币种“{c_given}”，请用 USD 或 CNY", c_given = Clip(given))
        }
        L::NoLine { key } => format!("{key}：出现在所有 p=（服务商）之前，不属于任何一行"),
        L::BadPackage { line, part } => {
            format!("第 {line} 行：pkg：“{c_part}”不是“规格x数量”，例如 10000x3", c_part = Clip(part))
        }
        L::UnknownKey { line, key } => format!("第 {line} 行：未知参数“{c_key}”", c_key = Clip(key)),
        L::NoModel { line, provider } => {
            format!("第 {line} 行：服务商“{c_provider}”未指定模型（m=）", c_provider = Clip(provider))
        }
        L::UnknownView { given, known } => {
            format!("view：未知视图“{c_given}”（可用：{}）", list(known), c_given = Clip(given))
        }
        L::UnknownProvider { line, provider } => {
            format!("第 {line} 行：未知服务商“{c_provider}”", c_provider = Clip(provider))
        }
        L::UnknownModel { line, model, provider } => format!(
            "第 {line} 行：服务商“{c_provider}”没有模型“{c_model}”",
            c_model = Clip(model),
            c_provider = Clip(provider)
        ),
        L::UnknownHostModel { model, provider, known, more } => match more {
            0 => format!(
                "models：价目表“{c_provider}”没有模型“{c_model}”（其模型：{}）",
                list(known),
                c_model = Clip(model),
                c_provider = Clip(provider)
            ),
            n => format!(
                "models：价目表“{c_provider}”没有模型“{c_model}”（其模型：{}，另有 {n} 个）",
                list(known),
                c_model = Clip(model),
                c_provider = Clip(provider)
            ),
        },
        L::UnknownHostProvider { key, given, known } => {
            format!("{key}：没有名为“{c_given}”的价目表（可用：{}）", list(known), c_given = Clip(given))
        }
        L::UnknownControl { given, known } => {
            format!("hidden：未知控件“{c_given}”（可用：{}）", list(known), c_given = Clip(given))
        }
        L::UnknownLayout { given } => {
            format!("layout：未知的布局“{c_given}”（请用 full 或 compact）", c_given = Clip(given))
        }
        L::CatalogVersion { from, link, page } => {
            format!("此{}基于另一版本的价目表（{link}；本页为 {page}），价格可能不同。", opened(*from))
        }
        L::OverLimit(limit) => over_limit(limit),
        L::TooManyLines { from, lines, max } => {
            format!("{}有 {lines} 行，本计算器最多打开 {max} 行，已显示默认行。", opened(*from))
        }
        L::SetAside { why } => format!(
            "保存的估算{}，已移至本浏览器存储的 {} 中，并显示默认行。",
            match why {
                crate::rating::problem::SetAsideWhy::StoppedThePage => "上次打开时页面中断",
                crate::rating::problem::SetAsideWhy::CouldNotOpen => "无法打开",
            },
            crate::rating::problem::BROKEN_KEY
        ),
        L::NothingRead { from } => format!("{}中没有可读取的行，已显示默认行。", opened(*from)),
    }
}

/// A typed-text problem in Chinese.
pub(super) fn entry(p: &EntryProblem) -> String {
    match p {
        EntryProblem::NotANumber { text } => format!("“{c_text}”不是数字", c_text = Clip(text)),
        EntryProblem::Separators { text } => {
            format!(
                "“{c_text}”不是数字：千位分隔符须每三位一组（30,000 或 30 000），小数请用小数点（1.5）",
                c_text = Clip(text)
            )
        }
        EntryProblem::TooManyDigits { text } => format!("“{c_text}”{TOO_MANY_DIGITS}", c_text = Clip(text)),
        EntryProblem::SuffixNotWhole { text, value } => {
            format!("“{c_text}”等于 {}，不是整数：k、M、B 只用于整数计数", group(*value), c_text = Clip(text))
        }
        EntryProblem::ShareRange { text } => format!("“{c_text}”不是 0% 到 100% 之间的占比", c_text = Clip(text)),
        EntryProblem::NoShareHere { text } => format!("“{c_text}”：此项只接受数字，不接受百分比", c_text = Clip(text)),
    }
}

/// What a link key means, for a message about its value, e.g. `输入 tokens（每次请求）`.
fn key_meaning(key: &str) -> Option<String> {
    use crate::rating::estimate::{Field, FieldKind};
    let text = match key {
        "fx" => "1 美元兑换的人民币数，例如 7.2".into(),
        "ch" | "us" | "ng" | "lch" | "lus" | "lng" => "折扣系数，例如 0.9 即九折".into(),
        "vd" => "报价有效天数".into(),
        "pin" | "pout" | "pch" | "pth" => "每百万 tokens 的单价（价目表币种）".into(),
        _ => {
            let field = Field::from_key(key).filter(|f| f.kind() == FieldKind::Number)?;
            let (label, hint) = (field.label().zh, field.hint().zh);
            let mut m = if hint.is_empty() { label.to_string() } else { format!("{label}（{hint}）") };
            if field == Field::CachedTokens {
                m.push_str("，也可写输入的占比，例如 30%");
            } else {
                m.push_str("，例如 40000、40k 或 40,000");
            }
            m
        }
    };
    Some(text)
}

/// A stated limit (`rating::limits`) in Chinese: what was given and the most that is read.
fn over_limit(limit: &crate::rating::limits::TooLarge) -> String {
    use crate::rating::limits::TooLarge as T;
    // The documents the limits name, by their fixed keys.
    let doc = |what: &str| match what {
        "estimate" => "估算",
        "imported document" => "导入的文档",
        "link" => "链接",
        "link value" => "链接中的取值",
        "rate card text" => "价目表文本",
        "text" => "文本",
        _ => "文档",
    };
    let n = |v: usize| crate::rating::num::group(rust_decimal::Decimal::from(v));
    match limit {
        T::Bytes { what, size, max } => format!("{}有 {} 字节，最多读取 {} 字节", doc(what), n(*size), n(*max)),
        T::OverBytes { what, max } => format!("{}超过 {} 字节，最多读取 {} 字节", doc(what), n(*max), n(*max)),
        T::Characters { what, count, max } => {
            format!("{}有 {} 个字符，最多读取 {} 个字符", doc(what), n(*count), n(*max))
        }
        T::Lines { what, count, max } => format!("{}有 {} 行，最多读取 {} 行", doc(what), n(*count), n(*max)),
        T::Models { count, max } => format!("价目表有 {} 个模型，最多读取 {} 个", n(*count), n(*max)),
    }
}
