//! 简体中文 for the decision tools' errors (`rating::decide`, `rating::plan`), written from the
//! typed values, never from the English text.

use crate::rating::decide::{
    CompareError, ConcurrencyError, CurveError, HorizonError, MAX_DAYS, MAX_POINTS, MarkKind, RunwayError,
};
use crate::rating::num::group;
use crate::rating::plan::PlanError;

use super::{Lang, quote_error};

/// A curve error in Chinese.
pub(super) fn curve(e: &CurveError) -> String {
    match e {
        CurveError::NoLine { line, lines } => format!("第 {line} 行不存在：估算共有 {lines} 行"),
        CurveError::NoVolumeField => {
            "该行的模型没有可变化的用量字段（请求次数、图片数、调用次数、时长、计算单元或数量）".into()
        }
        CurveError::NoQuantity { field } => format!("该行的 {field} 须大于 0 才能绘制费用曲线"),
        CurveError::BadShape => format!("曲线有 2 至 {MAX_POINTS} 个点，终点须为当前用量的正数倍"),
        CurveError::Quote(q) => quote_error(q, Lang::Zh),
        CurveError::Overflow => "结果过大，无法精确计算".into(),
    }
}

/// A concurrency sizing error in Chinese.
pub(super) fn concurrency(e: &ConcurrencyError) -> String {
    match e {
        ConcurrencyError::NoAddons(m) => format!("{m} 不提供并发叠加包"),
        ConcurrencyError::BadRate(n) => format!("吞吐量须为 0 或更多任务，而不是 {n}"),
        ConcurrencyError::BadSeconds(s) => format!("每个任务的秒数须大于 0，而不是 {s}"),
        ConcurrencyError::BadDays(d) => format!("天数须为 1 至 {MAX_DAYS}，而不是 {d}"),
        ConcurrencyError::Overflow => "结果过大，无法精确计算".into(),
    }
}

/// A runway error in Chinese.
pub(super) fn runway(e: &RunwayError) -> String {
    match e {
        RunwayError::NoSpend => "估算没有后付费支出，余额不会耗尽".into(),
        RunwayError::TooLong => "余额可维持 100 年以上".into(),
        RunwayError::Overflow => "结果过大，无法精确计算".into(),
    }
}

/// A free-trial horizon error in Chinese.
pub(super) fn horizon(e: &HorizonError) -> String {
    match e {
        HorizonError::NoTrial => {
            "首月没有任何行使用免费额度（没有额度覆盖其模型、已关闭试用、额度大小未公布或已过领取期限）".into()
        }
    }
}

/// A plan error in Chinese.
pub(super) fn plan(e: &PlanError) -> String {
    match e {
        PlanError::NoPackages(m) => format!("{m} 不出售预付费资源包"),
        PlanError::NoPostpaidPrice(m) => format!("{m} 没有公布的后付费价格可供比较"),
        PlanError::TooLarge(v) => format!("每年 {v} 个单位过大，无法规划"),
        PlanError::BadDiscount(d) => format!("折扣须为 (0, 1] 之间的系数，而不是 {d}"),
        PlanError::Overflow => "结果过大，无法精确计算".into(),
    }
}

/// A comparison error in Chinese.
pub(super) fn compare(e: &CompareError) -> String {
    match e {
        CompareError::NoLines => "估算中没有可比较的行".into(),
        CompareError::Overflow => "结果过大，无法精确计算".into(),
    }
}

/// What a cost-curve mark marks, in Chinese.
pub(super) fn mark(k: &MarkKind, out: &mut String) {
    match k {
        MarkKind::Today => out.push_str("当前用量"),
        MarkKind::TierBound { index } => out.push_str(&format!("第 {} 档起点", index + 1)),
        MarkKind::CoveredUntil => out.push_str("免费额度与预付余额用尽"),
        MarkKind::PackagePaysOff { size } => {
            out.push_str(&format!("{} 资源包开始划算", group(rust_decimal::Decimal::from(*size))));
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::super::{compare_error, concurrency_error, curve_error, horizon_error, plan_error, runway_error};
    use super::*;

    #[test]
    fn every_error_renders_in_both_languages() {
        let d = Decimal::from(2);
        let mut all: Vec<(String, String)> = Vec::new();
        for e in [
            CurveError::NoLine { line: 2, lines: 1 },
            CurveError::NoVolumeField,
            CurveError::NoQuantity { field: "images" },
            CurveError::BadShape,
            CurveError::Overflow,
        ] {
            all.push((curve_error(&e, Lang::En), curve_error(&e, Lang::Zh)));
        }
        for e in [
            ConcurrencyError::NoAddons("M".into()),
            ConcurrencyError::BadRate(-d),
            ConcurrencyError::BadSeconds(d),
            ConcurrencyError::BadDays(40),
            ConcurrencyError::Overflow,
        ] {
            all.push((concurrency_error(&e, Lang::En), concurrency_error(&e, Lang::Zh)));
        }
        for e in [RunwayError::NoSpend, RunwayError::TooLong, RunwayError::Overflow] {
            all.push((runway_error(&e, Lang::En), runway_error(&e, Lang::Zh)));
        }
        let e = HorizonError::NoTrial;
        all.push((horizon_error(&e, Lang::En), horizon_error(&e, Lang::Zh)));
        for e in [
            PlanError::NoPackages("M".into()),
            PlanError::NoPostpaidPrice("M".into()),
            PlanError::TooLarge(9),
            PlanError::BadDiscount(d),
            PlanError::Overflow,
        ] {
            all.push((plan_error(&e, Lang::En), plan_error(&e, Lang::Zh)));
        }
        for e in [CompareError::NoLines, CompareError::Overflow] {
            all.push((compare_error(&e, Lang::En), compare_error(&e, Lang::Zh)));
        }
        for (en, zh) in all {
            assert!(!en.is_empty() && !zh.is_empty());
            assert_ne!(en, zh);
            // Only the data may be ASCII letters in Chinese: the model `M` and the field `images`.
            let letters: String = zh.replace("images", "").chars().filter(char::is_ascii_alphabetic).collect();
            assert!(letters.is_empty() || letters == "M", "{zh}");
        }
    }
}
