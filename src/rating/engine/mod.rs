//! Pricing an estimate: from an [`Estimate`] and a [`Catalog`] to an exact [`Breakdown`].
//!
//! A month is priced in two passes over the lines, in order. The first pass checks each line's
//! fields, chooses its token tier, works out its quantities and draws its free quota and prepaid
//! balance from a [`Ledger`] (so pooled quotas are drawn in line order). The second pass prices
//! what is left: it needs the whole month, because a monthly volume tier is chosen by the month's
//! post-paid total across every line of the model. It then applies discounts to post-paid amounts
//! and converts to the display currency.
//!
//! A line with an error is reported and left out of the total; every other line is still priced.
//! Where a price is a range, the month is priced three times (point, minimum, maximum).

mod ledger;
mod line;
mod mask;
mod token_price;
mod unit_price;
mod volume;
mod volume_cliff;

use rust_decimal::Decimal;

use super::breakdown::{Breakdown, Component, Drawdown, LineQuote, Note, TierChoice, YearProjection};
use super::catalog::{Catalog, Model, Pricing, RateCard, VolumeMode, VolumeTier};
use super::error::closest;
use super::estimate::{self, Discounts, Estimate, Line};
use super::money::{Currency, DEFAULT_USD_CNY, Money};
use super::problem::{MAX_VALID_DAYS, Problem};
use super::quote_error::QuoteError;
pub use ledger::Ledger;
use line::LinePricer;
pub use mask::fields_used;

// ------------------------------------------------------------------------------------------ limits

/// Limits that keep every quantity far from decimal overflow and catch typos such as an extra
/// zero run of digits. A value above its limit is an error that states the limit.
mod limit {
    use rust_decimal::Decimal;
    pub const REQUESTS: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 1e12
    pub const TOKENS: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0); // 1e8 per request
    pub const COUNT: Decimal = Decimal::from_parts(0x5F5E_1000, 0x2, 0, false, 0); // 1e10
    pub const SECONDS: Decimal = Decimal::from_parts(86_400, 0, 0, false, 0);
    pub const PIXELS: Decimal = Decimal::from_parts(100_000, 0, 0, false, 0);
    pub const MEGAPIXELS: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
    pub const HOURS: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
    pub const SMALL: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
    pub const BALANCE: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0); // 1e15
    pub const PRICE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
    pub const DAYS: Decimal = Decimal::from_parts(31, 0, 0, false, 0);
    pub const RATE: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);
}

// ------------------------------------------------------------------------------------------ engine

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Point,
    Min,
    Max,
}

/// Estimate-wide settings after checking.
struct Settings {
    currency: Currency,
    usd_cny: Decimal,
    rate_given: bool,
    discounts: [Decimal; 3],
}

/// Prices an estimate for one month.
///
/// Problems are reported in [`Breakdown::errors`], each naming its line and field; the lines
/// without problems are still priced and totalled. Use [`Breakdown::strict`] to treat any problem
/// as an error.
pub fn quote(catalog: &Catalog, estimate: &Estimate) -> Breakdown {
    let mut errors = Vec::new();
    let settings = settings(catalog, estimate, &mut errors);
    let engine = Engine { catalog, estimate, settings: &settings };

    let mut ledger = Ledger { month: 1, ..Ledger::default() };
    let mut lines = Vec::with_capacity(estimate.lines.len());
    engine.month(Scenario::Point, &mut ledger, &mut lines, &mut errors);

    let has_range = lines.iter().any(|l| l.flags.contains(&Note::Range));
    let (mut total_min, mut total_max) = (None, None);
    if has_range {
        let mut min_total = Money::zero(settings.currency);
        let mut max_total = Money::zero(settings.currency);
        let (mut mins, mut maxs, mut ignored) = (Vec::new(), Vec::new(), Vec::new());
        engine.month(Scenario::Min, &mut Ledger { month: 1, ..Ledger::default() }, &mut mins, &mut ignored);
        engine.month(Scenario::Max, &mut Ledger { month: 1, ..Ledger::default() }, &mut maxs, &mut ignored);
        for (min, max) in mins.into_iter().zip(maxs) {
            {
                // A line has a range when its own price is one, or when it shares a pooled quota
                // with a line that has one.
                if let Some(line) = lines.iter_mut().find(|l| l.line == min.line)
                    && min.total_display != max.total_display
                {
                    line.total_min = Some(min.total_display);
                    line.total_max = Some(max.total_display);
                }
                min_total = min_total.checked_add(min.total_display).unwrap_or(min_total);
                max_total = max_total.checked_add(max.total_display).unwrap_or(max_total);
            }
        }
        total_min = Some(min_total);
        total_max = Some(max_total);
    }
    for line in &mut lines {
        line.flags.retain(|f| *f != Note::Range);
    }

    let mut total = Money::zero(settings.currency);
    for line in &lines {
        match total.checked_add(line.total_display) {
            Ok(t) => total = t,
            Err(_) => errors.push(overflow(Some(line.line), Some(&line.model), "")),
        }
    }
    errors.sort_by_key(|e| e.line.unwrap_or(0));
    Breakdown {
        currency: settings.currency,
        usd_cny: settings.usd_cny,
        usd_cny_source: if settings.rate_given { "estimate" } else { "default" },
        total,
        total_min,
        total_max,
        lines,
        errors,
    }
}

/// Projects twelve months of the estimate's usage.
///
/// Month 1 is what [`quote`] prices. Later months repeat the usage: free quotas keep what earlier
/// months left until their validity ends (a month counts as 30 days), prepaid balances carry over,
/// and packages are bought in month 1 only. Lines with errors are left out, as in [`quote`].
pub fn project_year(catalog: &Catalog, estimate: &Estimate) -> YearProjection {
    let mut errors = Vec::new();
    let settings = settings(catalog, estimate, &mut errors);
    let engine = Engine { catalog, estimate, settings: &settings };
    let mut ledger = Ledger::default();
    let mut months = Vec::with_capacity(12);
    let mut total = Money::zero(settings.currency);
    for month in 1..=12 {
        ledger.month = month;
        let mut month_total = Money::zero(settings.currency);
        let (mut priced, mut ignored) = (Vec::new(), Vec::new());
        engine.month(Scenario::Point, &mut ledger, &mut priced, &mut ignored);
        for line in priced {
            month_total = month_total.checked_add(line.total_display).unwrap_or(month_total);
        }
        total = total.checked_add(month_total).unwrap_or(total);
        months.push(month_total);
    }
    YearProjection { months, total }
}

fn settings(catalog: &Catalog, estimate: &Estimate, errors: &mut Vec<QuoteError>) -> Settings {
    if estimate.version != estimate::VERSION {
        let problem = Problem::Version { given: estimate.version, reads: estimate::VERSION };
        errors.push(QuoteError::estimate("version", problem));
    }
    if let Some(days) = estimate.valid_days
        && (days < Decimal::ONE || days > Decimal::from(MAX_VALID_DAYS) || !days.fract().is_zero())
    {
        errors.push(QuoteError::estimate("valid_days", Problem::ValidDays { value: days }));
    }
    let currency = estimate.currency.unwrap_or_else(|| {
        estimate.lines.iter().find_map(|l| catalog.card(&l.provider).map(|(_, c)| c.currency)).unwrap_or(Currency::Usd)
    });
    let (usd_cny, rate_given) = match estimate.usd_cny {
        Some(r) if r > Decimal::ZERO && r <= limit::RATE => (r, true),
        Some(r) => {
            errors.push(QuoteError::estimate("usd_cny", Problem::BadRate { rate: r }));
            (DEFAULT_USD_CNY, false)
        }
        None => (DEFAULT_USD_CNY, false),
    };
    let discounts = match check_discounts(estimate.discounts.as_ref(), "discounts") {
        Ok(d) => d,
        Err(e) => {
            errors.push(e);
            [Decimal::ONE; 3]
        }
    };
    Settings { currency, usd_cny, rate_given, discounts }
}

/// Checks discount multipliers: each in (0, 1], defaulting to 1.
fn check_discounts(d: Option<&Discounts>, prefix: &str) -> Result<[Decimal; 3], QuoteError> {
    let mut out = [Decimal::ONE; 3];
    let Some(d) = d else { return Ok(out) };
    for (i, (name, value)) in
        [("channel", d.channel), ("user", d.user), ("negotiated", d.negotiated)].into_iter().enumerate()
    {
        if let Some(v) = value {
            if v <= Decimal::ZERO || v > Decimal::ONE {
                return Err(QuoteError::estimate(format!("{prefix}.{name}"), Problem::BadDiscount { value: v }));
            }
            out[i] = v;
        }
    }
    Ok(out)
}

fn overflow(line: Option<usize>, model: Option<&str>, field: &str) -> QuoteError {
    QuoteError {
        line,
        model: model.map(str::to_string),
        field: field.to_string(),
        problem: Box::new(Problem::Overflow),
    }
}

struct Engine<'a> {
    catalog: &'a Catalog,
    estimate: &'a Estimate,
    settings: &'a Settings,
}

/// A line after the first pass: quantities and drawdowns known, amounts not yet.
struct Draft<'a> {
    index: usize,
    card_index: usize,
    model_index: usize,
    card: &'a RateCard,
    model: &'a Model,
    line: &'a Line,
    tier: Option<TierChoice>,
    components: Vec<Component>,
    free: Option<Box<Drawdown>>,
    prepaid: Option<Box<Drawdown>>,
    flags: Vec<Note>,
    /// For volume pricing: the index of the pending component and the tiers.
    volume: Option<(usize, VolumeMode, &'a [VolumeTier])>,
    discounts: [Decimal; 3],
}

impl Engine<'_> {
    /// Prices every line for one month, appending the priced lines to `lines` and the problems to
    /// `errors`, in line order.
    fn month(&self, scenario: Scenario, ledger: &mut Ledger, lines: &mut Vec<LineQuote>, errors: &mut Vec<QuoteError>) {
        let drafts: Vec<Result<Draft<'_>, QuoteError>> =
            self.estimate.lines.iter().enumerate().map(|(i, line)| self.draft(i, line, scenario, ledger)).collect();

        // Monthly post-paid totals per volume-priced model, across lines.
        let volume_totals = volume::month_totals(&drafts);
        let mut offsets: Vec<((usize, usize), Decimal)> = Vec::new();
        for d in drafts {
            match d {
                Ok(d) => {
                    let (line, model) = (d.index + 1, d.model);
                    match self.finish(d, &volume_totals, &mut offsets) {
                        Ok(q) => lines.push(q),
                        Err(_) => errors.push(overflow(Some(line), Some(&model.name), "")),
                    }
                }
                Err(e) => errors.push(e),
            }
        }
    }

    /// First pass for one line.
    fn draft<'a>(
        &'a self,
        index: usize,
        line: &'a Line,
        scenario: Scenario,
        ledger: &mut Ledger,
    ) -> Result<Draft<'a>, QuoteError> {
        let lerr = |field: &str, problem: Problem| QuoteError {
            line: Some(index + 1),
            model: None,
            field: field.to_string(),
            problem: Box::new(problem),
        };
        let Some((card_index, card)) = self.catalog.card(&line.provider) else {
            let known: Vec<&str> = self.catalog.cards().iter().map(|c| &*c.provider).collect();
            let suggestion = closest(&line.provider, &known).map(str::to_string);
            let known = known.into_iter().map(str::to_string).collect();
            return Err(lerr("provider", Problem::UnknownProvider { given: line.provider.clone(), suggestion, known }));
        };
        let Some((model_index, model)) = card.model(&line.model) else {
            let names: Vec<&str> = card.models.iter().map(|m| &*m.name).collect();
            let suggestion = closest(&line.model, &names).map(str::to_string);
            let (card, given) = (card.name.to_string(), line.model.clone());
            return Err(lerr("model", Problem::UnknownModel { card, given, suggestion }));
        };
        let discounts = match &line.discounts {
            Some(d) => check_discounts(Some(d), "discounts").map_err(|mut e| {
                e.line = Some(index + 1);
                e.model = Some(model.name.to_string());
                e
            })?,
            None => self.settings.discounts,
        };
        let mut lp = LinePricer {
            index,
            card_index,
            model_index,
            card,
            model,
            line,
            scenario,
            ledger,
            flags: Vec::new(),
            free: None,
            prepaid: None,
        };
        lp.check_fields()?;
        if model.example {
            lp.flag(Note::ExamplePrice);
        }
        let priority = match (line.priority, model.priority) {
            (Some(true), Some(p)) => {
                lp.flag(Note::Priority { multiple: p });
                p
            }
            _ => Decimal::ONE,
        };
        let (tier, mut components, volume) = match &model.pricing {
            Pricing::Tokens(tp) => {
                let (tier, comps) = lp.tokens(tp, priority)?;
                (Some(tier), comps, None)
            }
            Pricing::Units(up) => {
                let (comps, volume) = lp.units(up, priority)?;
                (None, comps, volume)
            }
        };
        components.extend(lp.extras()?);
        Ok(Draft {
            index,
            card_index,
            model_index,
            card,
            model,
            line,
            tier,
            components,
            free: lp.free,
            prepaid: lp.prepaid,
            flags: lp.flags,
            volume,
            discounts,
        })
    }
}
