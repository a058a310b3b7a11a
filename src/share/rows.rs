//! One presentation model of a priced estimate: the rows every output draws (the CLI table,
//! Markdown, CSV, the widget's breakdown and the printed quote).
//!
//! Per line there is a header row (number, label, provider, model, token tier, drawdowns, notes),
//! one row per component, one per discount and the line's total; then the totals of the periods
//! (the first month, a typical month, the year) and the lines left out. Rows hold the core's
//! typed values; the words around them ([`Column`] titles, [`Period`] names, the discount item)
//! are written here in either [`Lang`], and numbers are formatted by each output.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::lang::{Lang, Render};
use crate::rating::breakdown::{Component, DiscountLine, LineQuote, TierChoice};
use crate::rating::wording::Unit;
use crate::rating::{Breakdown, Currency, Estimate, Money, Projection, QuoteError};

/// How a count is shown where a person expects whole units (tokens, images, requests, calls,
/// packages): to the nearest whole unit, half away from zero, as amounts are rounded. A free
/// quota shared across a line's components gives each a fraction (1,000,000 free tokens over
/// 2,050,000 tokens of input and output leave 682,926.829268... to the input), which the
/// breakdown shows as 682,927; the JSON keeps the exact value.
pub const COUNT_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Whether `unit` counts whole things.
pub fn is_count(unit: Unit) -> bool {
    matches!(unit, Unit::Tokens | Unit::Images | Unit::Requests | Unit::Calls | Unit::Packages)
}

/// A quantity of `unit` as every readable output shows it: a count rounded to a whole number
/// ([`COUNT_ROUNDING`]), anything else (seconds, megapixels, credits) exact, without trailing zeros.
pub fn shown_quantity(n: Decimal, unit: Unit) -> Decimal {
    if is_count(unit) { n.round_dp_with_strategy(0, COUNT_ROUNDING).normalize() } else { n.normalize() }
}

/// A component's quantity, free, prepaid or billable part as outputs show it ([`shown_quantity`]).
pub fn shown(c: &Component, n: Decimal) -> Decimal {
    shown_quantity(n, c.unit)
}

/// The period a total covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// The first month, the one the breakdown prices.
    FirstMonth,
    /// A typical month, counted from 1: free quotas used up, one-off purchases done, prepaid
    /// balances spent. `reached` is false when some quota or balance outlasts the projection, and
    /// `month` is then the last month it looked at.
    TypicalMonth {
        /// The month's number.
        month: u32,
        /// Whether the steady state was reached.
        reached: bool,
    },
    /// The twelve months.
    Year,
}

impl Render for Period {
    fn write(&self, lang: Lang, out: &mut String) {
        match (self, lang) {
            (Period::FirstMonth, _) => out.push_str(lang.pick("Total, first month", "首月合计")),
            (Period::TypicalMonth { month, reached: true }, Lang::En) => {
                out.push_str(&format!("Total, typical month (month {month})"));
            }
            (Period::TypicalMonth { month, reached: true }, Lang::Zh) => {
                out.push_str(&format!("典型月份合计（第 {month} 个月）"));
            }
            (Period::TypicalMonth { month, reached: false }, Lang::En) => {
                out.push_str(&format!("Total, month {month} (no typical month yet: a quota or balance lasts longer)"));
            }
            (Period::TypicalMonth { month, reached: false }, Lang::Zh) => {
                out.push_str(&format!("第 {month} 个月合计（尚无典型月份：额度或余额仍未用完）"));
            }
            (Period::Year, _) => out.push_str(lang.pick("Total, 12 months", "12 个月合计")),
        }
    }
}

/// One row of the presentation.
#[derive(Debug, Clone, PartialEq)]
pub enum Row<'a> {
    /// A line's header: its number, label, provider, model, token tier, drawdowns and notes.
    Line(&'a LineQuote),
    /// One priced component of a line.
    Component(&'a LineQuote, &'a Component),
    /// A discount of a line.
    Discount(&'a LineQuote, &'a DiscountLine),
    /// A line's total (and its range, where a price is one).
    LineTotal(&'a LineQuote),
    /// The total of a period, in the display currency, with its range where some price is one.
    Total {
        /// The period.
        period: Period,
        /// The exact total.
        amount: Money,
        /// The lowest and highest totals, where some price is a range.
        range: Option<(Money, Money)>,
    },
    /// A line left out of the totals, with its problem.
    LeftOut(&'a QuoteError),
}

/// The rows of a quote, with what its header and footer show.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet<'a> {
    /// The estimate's title.
    pub title: Option<&'a str>,
    /// The customer.
    pub customer: Option<&'a str>,
    /// Free-text notes.
    pub notes: Option<&'a str>,
    /// Days the quote is valid.
    pub valid_days: Option<Decimal>,
    /// The display currency.
    pub currency: Currency,
    /// CNY per USD.
    pub usd_cny: Decimal,
    /// Whether that rate is the default (else the estimate's own).
    pub default_rate: bool,
    /// The rows.
    pub rows: Vec<Row<'a>>,
}

/// A line's rows: header, components, discounts, total.
pub fn line_rows(l: &LineQuote) -> impl Iterator<Item = Row<'_>> {
    std::iter::once(Row::Line(l))
        .chain(l.components.iter().map(move |c| Row::Component(l, c)))
        .chain(l.discounts.iter().map(move |d| Row::Discount(l, d)))
        .chain(std::iter::once(Row::LineTotal(l)))
}

/// The rows of `b`: every line's rows, the first month's total, the typical month's and the year's
/// when the projection is known, and the lines left out.
pub fn breakdown_rows<'a>(b: &'a Breakdown, projection: Option<&Projection>) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = b.lines.iter().flat_map(line_rows).collect();
    let range = b.total_min.zip(b.total_max);
    rows.push(Row::Total { period: Period::FirstMonth, amount: b.total, range });
    if let Some(p) = projection {
        let period = Period::TypicalMonth { month: p.typical.month, reached: p.typical.reached };
        rows.push(Row::Total { period, amount: p.typical.total, range: None });
        rows.push(Row::Total { period: Period::Year, amount: p.year.total, range: None });
    }
    rows.extend(b.errors.iter().filter(|e| e.line.is_some()).map(Row::LeftOut));
    rows
}

/// The rows of `b`, priced from `estimate`, with the typical month's and the year's totals when
/// the projection is known.
pub fn sheet<'a>(estimate: &'a Estimate, b: &'a Breakdown, projection: Option<&Projection>) -> Sheet<'a> {
    let rows = breakdown_rows(b, projection);
    Sheet {
        title: estimate.title.as_deref(),
        customer: estimate.customer.as_deref(),
        notes: estimate.notes.as_deref().filter(|n| !n.trim().is_empty()),
        valid_days: estimate.valid_days,
        currency: b.currency,
        usd_cny: b.usd_cny,
        default_rate: b.usd_cny_source == "default",
        rows,
    }
}

/// A column of a quote table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The line's number.
    Number,
    /// The model (and the line's label).
    Model,
    /// What is charged for.
    Item,
    /// The month's quantity.
    Quantity,
    /// The part drawn from free quotas and prepaid balances.
    Drawn,
    /// The part charged.
    Billable,
    /// The unit price and what it is per.
    UnitPrice,
    /// The tier.
    Tier,
    /// Usage, as Markdown sums it up.
    Usage,
    /// The amount in the display currency.
    Amount,
}

impl Column {
    /// The column's title.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Column::Number => "#",
            Column::Model => lang.pick("Model", "模型"),
            Column::Item => lang.pick("Item", "项目"),
            Column::Quantity => lang.pick("Quantity", "用量"),
            Column::Drawn => lang.pick("Free / prepaid", "免费 / 预付抵扣"),
            Column::Billable => lang.pick("Billable", "计费量"),
            Column::UnitPrice => lang.pick("Unit price", "单价"),
            Column::Tier => lang.pick("Tier", "档位"),
            Column::Usage => lang.pick("Usage", "用量"),
            Column::Amount => lang.pick("Amount", "金额"),
        }
    }
}

/// The words of a quote's frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// A line's total.
    LineTotal,
    /// A line's range.
    Range,
    /// The range of the month's total.
    RangePerMonth,
    /// A part drawn from a free quota.
    Free,
    /// A part drawn from a prepaid balance.
    Prepaid,
    /// A note on a line.
    Note,
    /// The default title of a quote.
    Title,
    /// The customer.
    Customer,
    /// A line left out of the total.
    LeftOut,
    /// The default exchange rate.
    DefaultRate,
    /// The estimate's exchange rate.
    EstimateRate,
    /// How amounts are rounded.
    Rounding,
}

impl Word {
    /// The word in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Word::LineTotal => ("Line total", "小计"),
            Word::Range => ("range", "区间"),
            Word::RangePerMonth => ("Range per month", "每月范围"),
            Word::Free => ("free", "免费"),
            Word::Prepaid => ("prepaid", "预付费"),
            Word::Note => ("note", "备注"),
            Word::Title => ("Ratecard estimate", "Ratecard 估算"),
            Word::Customer => ("Customer", "客户"),
            Word::LeftOut => ("Left out of the total:", "未计入合计："),
            Word::DefaultRate => ("default", "默认汇率"),
            Word::EstimateRate => ("estimate", "本报价汇率"),
            Word::Rounding => ("Amounts rounded half away from zero to 2 places.", "金额四舍五入保留两位小数。"),
        };
        lang.pick(en, zh)
    }
}

/// A line's name: its model, and its own label in brackets.
pub fn line_name(l: &LineQuote) -> String {
    match &l.label {
        Some(label) => format!("{} ({label})", l.model),
        None => l.model.to_string(),
    }
}

/// A discount's item, e.g. `channel discount x0.9` or `渠道折扣 ×0.9`.
pub fn discount_item(d: &DiscountLine, lang: Lang) -> String {
    let x = lang.pick("x", "×");
    format!("{} {x}{}", d.kind.render(lang), d.multiplier.normalize())
}

/// A line's token tier and why, e.g. `Tier (32k, 128k]: ...`, in `lang`.
pub fn tier_note(t: &TierChoice, lang: Lang) -> String {
    format!("{}{}{}{}", lang.pick("Tier ", "档位 "), t.label.render(lang), lang.pick(": ", "："), t.reason.render(lang))
}

/// A discount's name as a table's item, e.g. `Channel discount` or `渠道折扣`.
pub fn discount_name(d: &DiscountLine, lang: Lang) -> String {
    let mut name = d.kind.render(lang);
    if let Some(first) = name.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    name
}

/// What a component drew from free quotas and prepaid balances, e.g. `50 free, 10 prepaid` or
/// `免费 50，预付费 10`, with numbers written by `number`; empty when it drew nothing.
pub fn drawn(c: &Component, lang: Lang, number: impl Fn(Decimal) -> String) -> String {
    let mut parts = Vec::new();
    for (n, word) in [(c.free, Word::Free), (c.prepaid, Word::Prepaid)] {
        let n = shown(c, n);
        if !n.is_zero() {
            parts.push(match lang {
                Lang::En => format!("{} {}", number(n), word.text(lang)),
                Lang::Zh => format!("{} {}", word.text(lang), number(n)),
            });
        }
    }
    parts.join(lang.pick(", ", "，"))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::native::{embedded_catalog, parse_estimate_json};
    use crate::rating::{project, quote};

    #[test]
    fn a_sheet_has_a_header_components_discounts_and_totals_in_order() {
        let catalog = embedded_catalog().unwrap();
        let e = parse_estimate_json(
            r#"{"version":1,"currency":"CNY","discounts":{"channel":"0.9"},"lines":[
                {"provider":"tencent-tokenhub","model":"GLM-5","requests":1000,"input_tokens":1000,"output_tokens":500,"free_trial":false},
                {"provider":"tencent-tokenhub","model":"GLM-5","requests":1,"input_tokens":-1,"output_tokens":1}]}"#,
        )
        .unwrap();
        let b = quote(&catalog, &e);
        let p = project(&catalog, &e);
        let s = sheet(&e, &b, Some(&p));
        let kinds: Vec<&str> = s
            .rows
            .iter()
            .map(|r| match r {
                Row::Line(_) => "line",
                Row::Component(..) => "component",
                Row::Discount(..) => "discount",
                Row::LineTotal(_) => "line total",
                Row::Total { period: Period::FirstMonth, .. } => "month",
                Row::Total { period: Period::TypicalMonth { .. }, .. } => "typical",
                Row::Total { period: Period::Year, .. } => "year",
                Row::LeftOut(_) => "left out",
            })
            .collect();
        assert_eq!(
            kinds,
            ["line", "component", "component", "discount", "line total", "month", "typical", "year", "left out"]
        );
        // 1M input tokens x 4 CNY / 1M = 4; 0.5M output x 18 / 1M = 9; 13 less 10% = 11.7.
        assert!(matches!(&s.rows[5], Row::Total { amount, .. } if amount.amount() == Decimal::new(117, 1)));
        let Row::Discount(_, d) = &s.rows[3] else { unreachable!("row 3 is the discount") };
        assert_eq!(discount_item(d, Lang::En), "channel discount x0.9");
        assert_eq!(discount_item(d, Lang::Zh), "渠道折扣 ×0.9");
        assert_eq!(discount_name(d, Lang::En), "Channel discount");
        assert_eq!(discount_name(d, Lang::Zh), "渠道折扣");
        assert_eq!(Period::TypicalMonth { month: 4, reached: true }.render(Lang::Zh), "典型月份合计（第 4 个月）");
        assert_eq!(Period::Year.render(Lang::En), "Total, 12 months");
    }

    #[test]
    fn token_counts_show_whole_and_stay_exact_in_the_data() {
        let catalog = embedded_catalog().unwrap();
        // GLM-5 (seed 000) with its trial of 1,000,000 free tokens: 1,000 requests of 1,400 input
        // and 650 output tokens are 1,400,000 + 650,000 = 2,050,000 tokens, so the input draws
        // 1,000,000 x 1,400,000 / 2,050,000 = 682,926.83 free tokens and the output 317,073.17.
        let e = parse_estimate_json(
            r#"{"version":1,"lines":[{"provider":"tencent-tokenhub","model":"GLM-5","requests":1000,"input_tokens":1400,"output_tokens":650}]}"#,
        )
        .unwrap();
        let b = quote(&catalog, &e);
        let input = &b.lines[0].components[0];
        assert_eq!(input.free.round_dp(2), Decimal::new(68_292_683, 2), "the exact share is kept");
        assert_eq!(shown(input, input.free), Decimal::from(682_927));
        // 1,400,000 - 682,926.83 = 717,073.17, shown 717,073.
        assert_eq!(shown(input, input.billable), Decimal::from(717_073));
        assert_eq!(drawn(input, Lang::En, |d| d.to_string()), "682927 free");
        let output = &b.lines[0].components[1];
        // 650,000 - 317,073.17 = 332,926.83, shown 332,927.
        assert_eq!(shown(output, output.billable), Decimal::from(332_927));
        // Half a unit goes away from zero; a unit that is not a count stays exact.
        assert_eq!(shown_quantity(Decimal::new(25, 1), Unit::Images), Decimal::from(3));
        assert_eq!(shown_quantity(Decimal::new(25, 1), Unit::Seconds), Decimal::new(25, 1));
        let table = crate::share::table::to_table(&e, &b, None, Lang::En);
        assert!(table.contains("1,400,000 tokens, free 682,927; billable 717,073 at 4 CNY"), "{table}");
        let md = crate::share::export::to_markdown(&e, &b, None, Lang::En);
        assert!(!md.contains("682926.8") && !md.contains("682,926.8"), "{md}");
    }

    #[test]
    fn the_frame_words_in_chinese_hold_no_english_word() {
        let columns = [
            Column::Number,
            Column::Model,
            Column::Item,
            Column::Quantity,
            Column::Drawn,
            Column::Billable,
            Column::UnitPrice,
            Column::Tier,
            Column::Usage,
            Column::Amount,
        ];
        let words = [
            Word::LineTotal,
            Word::Range,
            Word::RangePerMonth,
            Word::Free,
            Word::Prepaid,
            Word::Note,
            Word::Title,
            Word::Customer,
            Word::LeftOut,
            Word::DefaultRate,
            Word::EstimateRate,
            Word::Rounding,
        ];
        // Adding a variant breaks these matches until the lists above have it.
        for c in columns {
            match c {
                Column::Number | Column::Model | Column::Item | Column::Quantity | Column::Drawn => {}
                Column::Billable | Column::UnitPrice | Column::Tier | Column::Usage | Column::Amount => {}
            }
        }
        for w in words {
            match w {
                Word::LineTotal | Word::Range | Word::RangePerMonth | Word::Free | Word::Prepaid | Word::Note => {}
                Word::Title | Word::Customer | Word::LeftOut | Word::DefaultRate | Word::EstimateRate => {}
                Word::Rounding => {}
            }
        }
        let periods = [
            Period::FirstMonth,
            Period::TypicalMonth { month: 4, reached: true },
            Period::TypicalMonth { month: 36, reached: false },
            Period::Year,
        ];
        let text = |lang: Lang| -> Vec<String> {
            let mut all: Vec<String> = columns.iter().map(|c| c.title(lang).to_string()).collect();
            all.extend(words.iter().map(|w| w.text(lang).to_string()));
            all.extend(periods.iter().map(|p| p.render(lang)));
            all
        };
        let split = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect()
        };
        let english: Vec<String> = text(Lang::En).iter().flat_map(|s| split(s)).collect();
        for zh in text(Lang::Zh) {
            // `Ratecard` is the product's name.
            for w in split(&zh).into_iter().filter(|w| w != "ratecard") {
                assert!(!english.contains(&w), "English word {w:?} in {zh:?}");
            }
        }
    }
}
