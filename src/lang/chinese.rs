//! The 简体中文 renderer of a breakdown's words (`rating::wording`).
//!
//! Every value is written from its data: numbers are grouped as in English (`1,000`), model and
//! card names are kept as published, a card's Chinese name is used where the card gives one.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::rating::catalog::Measure;
use crate::rating::money::Currency;
use crate::rating::num::{group, short_count};
use crate::rating::wording::{Basis, CardName, Detail, DiscountKind, DrawdownName, Label, Note, Per, TierText, Unit};

/// Writes a component label.
pub fn label(l: &Label, out: &mut String) {
    out.push_str(match l {
        Label::Input => "输入 tokens",
        Label::CachedInput => "缓存命中输入 tokens",
        Label::CacheWrite5m => "缓存写入 tokens（5 分钟）",
        Label::CacheWrite1h => "缓存写入 tokens（1 小时）",
        Label::AudioInput => "音频输入 tokens",
        Label::ImageInput => "图片输入 tokens",
        Label::Output => "输出 tokens",
        Label::Thinking => "思考 tokens",
        Label::AudioOutput => "音频输出 tokens",
        Label::ImageOutput => "图片输出 tokens",
        Label::Usage => "用量",
        Label::Credits => "积分",
        Label::Concurrency => "并发扩容",
        Label::Images => "图片",
        Label::Megapixels => "百万像素",
        Label::Requests => "请求",
        Label::Calls => "调用",
        Label::VideoSeconds => "视频时长",
        Label::RunTime => "运行时长",
        Label::ComputeUnits => "计算单元",
        Label::Subscription => "订阅",
        Label::Packages { size } => {
            let _ = write!(out, "预付费资源包 {}", group(*size));
            return;
        }
    });
}

/// Writes a unit.
pub fn unit(u: &Unit, out: &mut String) {
    out.push_str(match u {
        Unit::Tokens => "tokens",
        Unit::Images => "张",
        Unit::Megapixels => "百万像素",
        Unit::Requests | Unit::Calls => "次",
        Unit::Seconds => "秒",
        Unit::Minutes => "分钟",
        Unit::ComputeUnits => "计算单元",
        Unit::Months => "个月",
        Unit::Units => "单位",
        Unit::Credits => "积分",
        Unit::Packages => "个",
        Unit::ConcurrencyDays => "并发·天",
        Unit::ConcurrencyMonths => "并发·月",
    });
}

/// Writes what a price is per, e.g. `/ 百万 tokens`.
pub fn per(p: &Per, out: &mut String) {
    out.push_str(match p {
        Per::MillionTokens => "/ 百万 tokens",
        Per::ThousandTokens => "/ 千 tokens",
        Per::Image => "/ 张",
        Per::Megapixel => "/ 百万像素",
        Per::Request => "/ 次请求",
        Per::Call => "/ 次",
        Per::Second => "/ 秒",
        Per::HourByMinute => "/ 小时，按分钟计费",
        Per::ComputeUnit => "/ 计算单元",
        Per::Month => "/ 月",
        Per::Unit => "/ 单位",
        Per::Credit => "/ 积分",
        Per::Package => "/ 个",
        Per::ConcurrencyDay => "/ 并发 / 天",
        Per::ConcurrencyMonth => "/ 并发 / 月",
    });
}

fn measure(m: Measure) -> &'static str {
    match m {
        Measure::Image => "张",
        Measure::Megapixel => "百万像素",
        Measure::Request | Measure::Call => "次",
        Measure::Second => "秒",
        Measure::Hour => "小时",
        Measure::ComputeUnit => "计算单元",
        Measure::Month => "月",
        Measure::Unit => "单位",
    }
}

fn card(c: &CardName) -> &str {
    c.zh.as_deref().unwrap_or(&c.en)
}

/// Writes how a quantity was reached, e.g. `10 张图片 × 1,024 × 1,024 像素`.
pub fn detail(d: &Detail, out: &mut String) {
    let g = |v: &Decimal| group(*v);
    let _ = match &d.basis {
        Basis::Images { n } => write!(out, "{} 张图片", g(n)),
        Basis::ImagesSized { n, width, height } => {
            write!(out, "{} 张图片 × {} × {} 像素", g(n), g(width), g(height))
        }
        Basis::ImagesMegapixels { n, megapixels } => write!(out, "{} 张图片 × {} 百万像素", g(n), g(megapixels)),
        Basis::Requests { n } => write!(out, "{} 次请求", g(n)),
        Basis::Calls { n } => write!(out, "{} 次调用", g(n)),
        Basis::Videos { n, seconds } => write!(out, "{} 个视频 × {} 秒", g(n), g(seconds)),
        Basis::Hours { hours, minutes } => write!(out, "{} 小时 = {} 分钟，按分钟计费", g(hours), g(minutes)),
        Basis::ComputeUnits { units, replicas } => write!(out, "{} 个计算单元 × {} 个副本", g(units), g(replicas)),
        Basis::Subscriptions { n } => write!(out, "{} 份订阅 × 1 个月", g(n)),
        Basis::Units { n, name } => write!(out, "{} {}", g(n), name.as_ref().map_or("单位", card)),
        Basis::Concurrency { included, extra, total, days: Some(days) } => {
            write!(out, "{included} 个（含） + {} 个（额外） = {} 个并发任务，共 {} 天", g(extra), g(total), g(days))
        }
        Basis::Concurrency { included, extra, total, days: None } => {
            write!(out, "{included} 个（含） + {} 个（额外） = {} 个并发任务，整月", g(extra), g(total))
        }
        Basis::Package { days, units } => write!(out, "有效期 {days} 天；{} 单位计入预付费余额", g(units)),
    };
    if let Some(t) = &d.template {
        let _ = write!(out, "，模板“{t}”");
    }
    if let Some(r) = d.resolution {
        let _ = write!(out, "，{}", r.as_str());
    }
    if let Some((rate, m)) = d.credits {
        let _ = write!(out, " × {} 积分/{}", rate.normalize(), measure(m));
    }
}

fn bounds(above: u64, up_to: Option<u64>, out: &mut String) {
    let _ = match up_to {
        Some(up) => write!(out, "({}, {}]", short_count(above), short_count(up)),
        None if above == 0 => write!(out, "所有长度"),
        None => write!(out, "{}+", short_count(above)),
    };
}

fn volume(from: u64, to: Option<u64>, out: &mut String) {
    let _ = match to {
        Some(to) => write!(out, "[{}, {})", group(Decimal::from(from)), group(Decimal::from(to))),
        None => write!(out, "{}+", group(Decimal::from(from))),
    };
}

/// Writes a tier's label or reason.
pub fn tier(t: &TierText, out: &mut String) {
    match t {
        TierText::Bounds { above, up_to } => bounds(*above, *up_to, out),
        TierText::Input { tiered: false, .. } => out.push_str("所有输入长度同一价格"),
        TierText::Input { tokens, above, up_to, .. } => {
            let _ = write!(out, "每次请求 {} 个输入 tokens（含缓存部分），落在 ", group(Decimal::from(*tokens)));
            bounds(*above, *up_to, out);
        }
        TierText::Volume { from, to } => volume(*from, *to, out),
        TierText::VolumeTotal { total, unit: u, from, to } => {
            let _ = write!(out, "本月后付费总量 {} ", group(*total));
            unit(u, out);
            out.push_str(" 落在 ");
            volume(*from, *to, out);
            out.push_str("，所有后付费用量按此档计价");
        }
        TierText::Graduated { first, last } => {
            let _ = write!(out, "本月第 {} 至 {} 个单位属于此累进档位", group(*first), group(*last));
        }
    }
}

/// Writes a drawdown's name.
pub fn drawdown_name(n: &DrawdownName, out: &mut String) {
    match n {
        DrawdownName::Quota(c) => out.push_str(card(c)),
        DrawdownName::Prepaid => out.push_str("预付费资源包"),
    }
}

/// Writes a discount's name, e.g. `渠道折扣`.
pub fn discount(k: &DiscountKind, out: &mut String) {
    out.push_str(match k {
        DiscountKind::Channel => "渠道折扣",
        DiscountKind::User => "用户折扣",
        DiscountKind::Negotiated => "协议折扣",
    });
}

/// Writes a note; the engine's range marker writes nothing.
pub fn note(n: &Note, out: &mut String) {
    let _ = match n {
        Note::ExamplePrice => write!(out, "示例价格，并非公开标价"),
        Note::EnteredPrice { card } => write!(out, "价格由用户填写：{card} 未公布此价格"),
        Note::EnteredCredits { .. } => write!(out, "积分单价由用户填写"),
        Note::Priority { multiple } => write!(out, "优先处理：所有价格 ×{}", multiple.normalize()),
        Note::VolumeTierBoundary { at, unit: u, from, to } => {
            let _ = write!(out, "全量阶梯：用量达到 {} ", group(Decimal::from(*at)));
            unit(u, out);
            write!(
                out,
                " 时所有单位从 {} 降到 {}，因此本月可能比用量略少的月份更便宜",
                from.normalize(),
                to.normalize()
            )
        }
        Note::VolumeCliff { more, unit: u, saving, at } => {
            let _ = write!(out, "全量阶梯临界点：再增加 {} ", group(*more));
            unit(u, out);
            let currency = match saving.currency() {
                Currency::Usd => "美元",
                Currency::Cny => "元",
            };
            let amount = group(saving.rounded());
            let _ = write!(out, "，本月反而少付 {amount} {currency}（用量达到 {} ", group(Decimal::from(*at)));
            unit(u, out);
            write!(out, " 时所有单位按更低单价计费）")
        }
        Note::FreeUnpublished { quota } => {
            write!(out, "{}：来源未公布额度大小，因此不计入；如有剩余，请填写剩余免费额度", card(quota))
        }
        Note::FreeOff => write!(out, "本行不使用免费额度"),
        Note::ClaimBy { quota, date } => write!(out, "{} 可领取至 {date}", card(quota)),
        Note::ClaimClosed { quota, date } => {
            write!(out, "{} 仅可领取至 {date}，早于本报价的起始月份，因此不计入", card(quota))
        }
        Note::PriceChange { from, month } => {
            write!(out, "价格变动：该模型价格自 {from} 起变动（全年第 {month} 个月）；每月按当月适用的价格计算")
        }
        Note::RangeUnpicked { min, max } => {
            write!(out, "每次调用 {}–{} 积分；未指定取值，按最高值计价", min.normalize(), max.normalize())
        }
        Note::Range => Ok(()),
    };
}
