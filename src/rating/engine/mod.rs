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
mod projection;
mod token_price;
mod unit_price;
mod volume;
mod volume_cliff;

use rust_decimal::Decimal;

use super::breakdown::{Component, Drawdown, LineQuote, Note, TierChoice};
use super::catalog::{Catalog, Model, Pricing, RateCard, UnitRate, VolumeMode, VolumeTier};
use super::error::closest;
use super::estimate::{self, Discounts, Estimate, Line};
use super::money::{Currency, DEFAULT_USD_CNY};
use super::month::YearMonth;
use super::problem::{MAX_VALID_DAYS, Problem};
use super::quote_error::QuoteError;
pub use ledger::{Ledger, QuotaLeft};
use line::LinePricer;
pub use mask::fields_used;
pub use projection::{
    MonthState, TYPICAL_MONTH_CAP, project, project_months, project_year, quote, quote_and_project, quote_each,
};

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
    /// The start month (month 1), when the estimate gives one.
    start: Option<YearMonth>,
    currency: Currency,
    usd_cny: Decimal,
    rate_given: bool,
    discounts: [Decimal; 3],
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
    let start = estimate.start.as_deref().and_then(|text| {
        let month = YearMonth::parse(text);
        if month.is_none() {
            errors.push(QuoteError::estimate("start", Problem::BadStart { given: text.to_string() }));
        }
        month
    });
    let currency = display_currency(catalog, estimate);
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
    Settings { start, currency, usd_cny, rate_given, discounts }
}

/// The currency a quote of `estimate` is shown in: the estimate's own, else the card currency of
/// its first line whose provider the catalog has, else USD.
pub fn display_currency(catalog: &Catalog, estimate: &Estimate) -> Currency {
    estimate.currency.unwrap_or_else(|| {
        estimate.lines.iter().find_map(|l| catalog.card(&l.provider).map(|(_, c)| c.currency)).unwrap_or(Currency::Usd)
    })
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
    /// Whether some line is priced by monthly volume, so a month needs its volume totals first.
    has_volume: bool,
    /// Whether some line is priced at a range, so a quote prices its minimum and maximum too.
    has_range: bool,
    /// The last month of the projection (2 or later, up to the cap) in which a price of a model
    /// on some line changes; 1 when none does.
    last_change: u32,
}

impl<'a> Engine<'a> {
    fn new(catalog: &'a Catalog, estimate: &'a Estimate, settings: &'a Settings) -> Engine<'a> {
        let (mut has_volume, mut has_range, mut last_change) = (false, false, 1);
        for line in &estimate.lines {
            let model = catalog.card(&line.provider).and_then(|(_, card)| card.model(&line.model));
            if let Some((_, Model { pricing: Pricing::Units(up), .. })) = model {
                has_volume |= matches!(up.rate, UnitRate::Volume { .. });
                has_range |= matches!(up.rate, UnitRate::Range { .. });
            }
            if let (Some((_, model)), Some(start)) = (model, settings.start) {
                for change in &model.changes {
                    let month = change.month.since(start) + 1;
                    if (2..=i64::from(projection::TYPICAL_MONTH_CAP)).contains(&month) {
                        last_change = last_change.max(u32::try_from(month).unwrap_or(1));
                    }
                }
            }
        }
        Engine { catalog, estimate, settings, has_volume, has_range, last_change }
    }
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
    /// Prices every line for one month and hands each priced line to `each`, in line order,
    /// without keeping them; problems go to `errors`, in line order.
    ///
    /// When some line is priced by monthly volume, the month's post-paid totals per model are
    /// worked out first, in a pass that drafts every line against a copy of the ledger and keeps
    /// only those totals; every line is then drafted again and finished at once. Memory stays
    /// constant per line either way.
    fn month_each(
        &self,
        scenario: Scenario,
        ledger: &mut Ledger,
        errors: &mut Vec<QuoteError>,
        each: &mut dyn FnMut(LineQuote),
    ) {
        // Monthly post-paid totals per volume-priced model, across lines.
        let mut volume_totals: Vec<volume::VolumeMonth> = Vec::new();
        if self.has_volume {
            let mut draft_ledger = ledger.clone();
            for (i, line) in self.estimate.lines.iter().enumerate() {
                if let Ok(d) = self.draft(i, line, scenario, &mut draft_ledger) {
                    volume::add_to_month(&mut volume_totals, &d);
                }
            }
        }
        let mut offsets: Vec<((usize, usize), Decimal)> = Vec::new();
        // Lines are drafted a block at a time, then that block is finished: the two passes' code
        // is more than the processor's instruction cache holds, so running one pass over many
        // lines before the other is about twice as fast as alternating them line by line, and
        // memory stays constant (one block of drafts). Drafting reads and draws the ledger in
        // line order and finishing follows the same order, so the result is the same.
        const BLOCK: usize = 64;
        let lines = &self.estimate.lines;
        let mut drafts: Vec<(usize, Result<Draft<'_>, QuoteError>)> = Vec::with_capacity(BLOCK.min(lines.len()));
        for (b, block) in lines.chunks(BLOCK).enumerate() {
            for (k, line) in block.iter().enumerate() {
                let i = b * BLOCK + k;
                drafts.push((i, self.draft(i, line, scenario, ledger)));
            }
            for (i, drafted) in drafts.drain(..) {
                match drafted {
                    Ok(d) => {
                        let model = d.model;
                        match self.finish(d, &volume_totals, &mut offsets) {
                            Ok(q) => each(q),
                            Err(_) => errors.push(overflow(Some(i + 1), Some(&model.name), "")),
                        }
                    }
                    Err(e) => errors.push(e),
                }
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
        let start = self.settings.start;
        let calendar = start.map(|s| s.plus(ledger.month.saturating_sub(1)));
        let mut lp = LinePricer {
            start,
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
        // The prices in force in the month priced, and a note when they change within the year.
        if let Some(start) = start {
            for change in &model.changes {
                let month = change.month.since(start) + 1;
                if (2..=12).contains(&month) {
                    lp.flag(Note::PriceChange { from: change.from.clone(), month: u32::try_from(month).unwrap_or(2) });
                }
            }
        }
        let (tier, mut components, volume) = match model.pricing_in(calendar) {
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
