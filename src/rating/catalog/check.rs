//! Checking raw cards: [`build`] runs every rule of `pricing/README.md` over each card, its
//! models, quotas, packages and price changes; `check_pricing.rs` checks each model's pricing.

use rust_decimal::Decimal;

use super::schema::{PriceText, RawModel};
use super::*;

/// The smallest price per 1M tokens that does not look like a per-token price.
pub(super) const MIN_PER_1M: Decimal = Decimal::from_parts(1, 0, 0, false, 4);
/// The largest price per 1K tokens that does not look like a per-1M price.
pub(super) const MAX_PER_1K: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// Checks raw cards and builds the catalog.
///
/// # Errors
/// Every problem found, each naming its file, model and field: negative prices, tiers out of order
/// or with gaps or overlaps, a credit price with no credit value, duplicate names, references to
/// models the card lacks, and models with no price or two kinds of price.
pub fn build(cards: Vec<(String, RawCard)>) -> Result<Catalog, Vec<CatalogError>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut built: Vec<RateCard> = Vec::new();
    for (file, raw) in cards {
        let mut check = Checker { file: file.clone(), errors: Vec::new(), warnings: Vec::new() };
        let card = check.card(file, raw);
        if let Some(prev) = built.iter().find(|c| c.provider.eq_ignore_ascii_case(&card.provider)) {
            let msg = format!("provider \"{}\" is already defined by {}", card.provider, prev.file);
            check.err(None, "provider", msg);
        }
        errors.extend(check.errors);
        warnings.extend(check.warnings);
        built.push(card);
    }
    if errors.is_empty() { Ok(Catalog { cards: built, warnings }) } else { Err(errors) }
}

/// Collects the problems of one card.
pub(super) struct Checker {
    pub(super) file: String,
    pub(super) errors: Vec<CatalogError>,
    pub(super) warnings: Vec<CatalogWarning>,
}

impl Checker {
    pub(super) fn err(&mut self, model: Option<&str>, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(CatalogError {
            file: self.file.clone(),
            model: model.map(str::to_string),
            field: field.into(),
            message: message.into(),
        });
    }

    pub(super) fn warn(&mut self, model: &str, field: &str, message: String) {
        self.warnings.push(CatalogError {
            file: self.file.clone(),
            model: Some(model.to_string()),
            field: field.to_string(),
            message,
        });
    }

    /// A published, non-negative price; records an error and returns `None` otherwise.
    pub(super) fn published(&mut self, model: Option<&str>, field: &str, price: PriceText) -> Option<Decimal> {
        match price {
            PriceText::Published(d) if d.is_sign_negative() && !d.is_zero() => {
                self.err(model, field, format!("price {d} is negative"));
                None
            }
            PriceText::Published(d) => Some(d),
            PriceText::Unpublished => {
                self.err(model, field, "must be a published price here, not \"unpublished\"");
                None
            }
        }
    }

    /// A price that may be unpublished, but never negative.
    pub(super) fn price(&mut self, model: &str, field: &str, price: PriceText) -> Price {
        if let PriceText::Published(d) = price
            && d.is_sign_negative()
            && !d.is_zero()
        {
            self.err(Some(model), field, format!("price {d} is negative"));
        }
        price
    }

    pub(super) fn date(&mut self, model: Option<&str>, field: &str, text: &str) {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
        let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
        let ok = b.len() == 10
            && digits(0..4)
            && b[4] == b'-'
            && digits(5..7)
            && b[7] == b'-'
            && digits(8..10)
            && (1..=12).contains(&num(5..7))
            && (1..=31).contains(&num(8..10));
        if !ok {
            self.err(model, field, format!("\"{text}\" is not a date written YYYY-MM-DD"));
        }
    }

    pub(super) fn card(&mut self, file: String, raw: RawCard) -> RateCard {
        if raw.provider.trim().is_empty()
            || !raw.provider.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            self.err(None, "provider", format!("\"{}\" must be lower-case letters, digits and '-'", raw.provider));
        }
        self.date(None, "as_of", &raw.as_of);
        let usd_cny = raw.usd_cny.and_then(|p| self.published(None, "usd_cny", p));
        if usd_cny.is_some_and(|r| r.is_zero()) {
            self.err(None, "usd_cny", "the exchange rate must be above zero");
        }
        let mut credit_values = Vec::new();
        for (kind, value) in &raw.credit_values {
            let field = format!("credit_values.{kind}");
            if let Some(v) = self.published(None, &field, *value) {
                if v.is_zero() {
                    self.err(None, &field, "a credit must be worth more than zero");
                }
                credit_values.push((kind.clone(), v));
            }
        }

        let mut models: Vec<Model> = Vec::with_capacity(raw.models.len());
        for raw_model in &raw.models {
            let model = self.model(raw_model, &credit_values);
            if let Some(prev) = models.iter().find(|m| m.name.eq_ignore_ascii_case(&model.name)) {
                let msg = format!("duplicate model name (also \"{}\")", prev.name);
                self.err(Some(&model.name), "name", msg);
            } else if models.iter().any(|m| m.id.eq_ignore_ascii_case(&model.id)) {
                self.err(Some(&model.name), "id", format!("duplicate model id \"{}\"", model.id));
            }
            models.push(model);
        }

        let mut free_quotas = Vec::new();
        for (qi, q) in raw.free_quotas.iter().enumerate() {
            let field = |f: &str| format!("free_quotas[{qi}].{f}");
            if raw.free_quotas[..qi].iter().any(|p| p.id == q.id) {
                self.err(None, field("id"), format!("duplicate free quota id \"{}\"", q.id));
            }
            if let Some(claim_by) = &q.claim_by {
                self.date(None, &field("claim_by"), claim_by);
            }
            let amount = match q.amount {
                schema::CountText::Published(0) => {
                    self.err(None, field("amount"), "a free quota of zero is no quota: remove it");
                    None
                }
                schema::CountText::Published(n) => Some(n),
                schema::CountText::Unpublished => None,
            };
            let mut covered = Vec::new();
            for (mi, name) in q.models.iter().enumerate() {
                let Some(index) = find(&models, name) else {
                    self.err(None, field(&format!("models[{mi}]")), format!("no model named \"{name}\" in this card"));
                    continue;
                };
                if let Some(other) = models[index].quota {
                    let msg = format!("\"{name}\" is already covered by free quota \"{}\"", raw.free_quotas[other].id);
                    self.err(None, field(&format!("models[{mi}]")), msg);
                    continue;
                }
                if !quota_fits(q.unit, &models[index].pricing) {
                    let msg =
                        format!("a quota of {} cannot cover \"{name}\", which is not priced in them", q.unit.as_str());
                    self.err(None, field(&format!("models[{mi}]")), msg);
                    continue;
                }
                models[index].quota = Some(free_quotas.len());
                covered.push(index);
            }
            free_quotas.push(FreeQuota {
                id: q.id.as_str().into(),
                name: q.name.as_str().into(),
                name_zh: q.name_zh.as_deref().map(Into::into),
                unit: q.unit,
                amount,
                validity_days: q.validity_days,
                claim_by: q.claim_by.clone(),
                scope: q.scope,
                models: covered,
            });
        }

        let mut packages = Vec::new();
        for (pi, p) in raw.packages.iter().enumerate() {
            let field = |f: &str| format!("packages[{pi}].{f}");
            let Some(index) = find(&models, &p.model) else {
                self.err(None, field("model"), format!("no model named \"{}\" in this card", p.model));
                continue;
            };
            let counted = matches!(&models[index].pricing, Pricing::Units(u)
                if matches!(u.measure, Measure::Image | Measure::Call | Measure::Request)
                    && u.denomination == Denomination::Money);
            if !counted {
                self.err(None, field("model"), format!("\"{}\" is not priced per image, call or request", p.model));
                continue;
            }
            if p.size == 0 {
                self.err(None, field("size"), "a package must hold at least one unit");
            }
            let Some(price) = self.published(None, &field("price"), p.price) else { continue };
            models[index].packages.push(packages.len());
            packages.push(Package { model: index, size: p.size, price, validity_days: p.validity_days });
        }
        for m in &mut models {
            m.packages.sort_by_key(|&i| packages[i].size);
            if m.packages.windows(2).any(|w| packages[w[0]].size == packages[w[1]].size) {
                self.errors.push(CatalogError {
                    file: self.file.clone(),
                    model: Some(m.name.to_string()),
                    field: "packages".into(),
                    message: "two packages of the same size".into(),
                });
            }
        }

        let mut concurrency = Vec::new();
        for (ci, c) in raw.concurrency_addons.iter().enumerate() {
            let field = |f: &str| format!("concurrency_addons[{ci}].{f}");
            let Some(index) = find(&models, &c.model) else {
                self.err(None, field("model"), format!("no model named \"{}\" in this card", c.model));
                continue;
            };
            if models[index].concurrency.is_some() {
                self.err(None, field("model"), format!("\"{}\" already has a concurrency add-on", c.model));
                continue;
            }
            let per_day = self.published(None, &field("per_day"), c.per_day);
            let per_month = self.published(None, &field("per_month"), c.per_month);
            if let (Some(per_day), Some(per_month)) = (per_day, per_month) {
                models[index].concurrency = Some(concurrency.len());
                concurrency.push(ConcurrencyAddon { model: index, included: c.included, per_day, per_month });
            }
        }

        RateCard {
            file,
            provider: raw.provider.into(),
            name: raw.name.into(),
            currency: raw.currency,
            source: raw.source,
            as_of: raw.as_of,
            notes: raw.notes,
            usd_cny,
            credit_values,
            free_quotas,
            packages,
            concurrency,
            models,
        }
    }

    pub(super) fn model(&mut self, raw: &RawModel, credit_values: &[(String, Decimal)]) -> Model {
        let name = raw.name.trim().to_string();
        if name.is_empty() {
            self.err(None, "name", "a model needs a name");
        }
        let id = raw.id.clone().unwrap_or_else(|| slug(&name));
        if let Some(as_of) = &raw.as_of {
            self.date(Some(&name), "as_of", as_of);
        }
        let priority = raw
            .field_multipliers
            .as_ref()
            .and_then(|f| f.priority)
            .and_then(|p| self.published(Some(&name), "field_multipliers.priority", p));
        if priority.is_some_and(|p| p.is_zero()) {
            self.err(Some(&name), "field_multipliers.priority", "a multiplier must be above zero");
        }
        let pricing = self.pricing(&name, raw, credit_values);
        let changes = self.changes(&name, raw, credit_values);
        if raw.needs_template && !matches!(&pricing, Pricing::Units(u) if u.measure == Measure::Call) {
            self.err(Some(&name), "needs_template", "only a per-call price can depend on a template");
        }
        Model {
            id: id.into(),
            name: name.into(),
            kind: raw.kind,
            category: raw.category.clone(),
            note: raw.note.clone(),
            settlement: raw.settlement.unwrap_or_default(),
            generic: raw.generic,
            needs_template: raw.needs_template,
            example: raw.example,
            source: raw.source.clone(),
            as_of: raw.as_of.clone(),
            pricing,
            priority,
            quota: None,
            packages: Vec::new(),
            concurrency: None,
            changes,
        }
    }

    /// A model's `[[models.changes]]`: each on the first day of a month, in date order, giving
    /// only prices the model has (so the kind of pricing, and the fields a line gives, stay the
    /// same), and checked as the model's own prices are.
    pub(super) fn changes(
        &mut self,
        name: &str,
        raw: &RawModel,
        credit_values: &[(String, Decimal)],
    ) -> Vec<PriceChange> {
        let mut out: Vec<PriceChange> = Vec::new();
        for (i, change) in raw.changes.iter().flatten().enumerate() {
            let field = |f: &str| format!("changes[{i}].{f}");
            let month = YearMonth::of_date(&change.from).filter(|_| change.from.trim().ends_with("-01"));
            let Some(month) = month else {
                let msg = format!(
                    "\"{}\" is not the first day of a month written YYYY-MM-01 (prices change from a month's start)",
                    change.from
                );
                self.err(Some(name), field("from"), msg);
                continue;
            };
            if let Some(prev) = out.last()
                && prev.month >= month
            {
                let msg = format!(
                    "{} is not after the previous change ({}): list changes in date order",
                    change.from, prev.from
                );
                self.err(Some(name), field("from"), msg);
            }
            let (merged, missing) = change.apply(raw);
            for f in &missing {
                self.err(
                    Some(name),
                    field(f),
                    format!("the model has no {f} to change: a change gives new values for the model's own prices"),
                );
            }
            if change.apply(&RawModel::default()).1.is_empty() {
                self.err(Some(name), field("from"), "the change gives no price: add the prices that change");
            }
            let (errors, warnings) = (self.errors.len(), self.warnings.len());
            let pricing = self.pricing(name, &merged, credit_values);
            for e in self.errors[errors..].iter_mut().chain(self.warnings[warnings..].iter_mut()) {
                e.field = if e.field.is_empty() { format!("changes[{i}]") } else { field(&e.field) };
            }
            out.push(PriceChange {
                from: change.from.trim().to_string(),
                month,
                source: change.source.clone(),
                pricing,
            });
        }
        if raw.changes.as_ref().is_some_and(Vec::is_empty) {
            self.err(Some(name), "changes", "needs at least one change, or leave it out");
        }
        out
    }
}

/// The index of the model named `name`, ignoring case.
pub(super) fn find(models: &[Model], name: &str) -> Option<usize> {
    models.iter().position(|m| m.name.eq_ignore_ascii_case(name.trim()))
}

/// Whether a quota counted in `unit` can cover a model priced as `pricing`.
pub(super) fn quota_fits(unit: QuotaUnit, pricing: &Pricing) -> bool {
    match (unit, pricing) {
        (QuotaUnit::Tokens, Pricing::Tokens(_)) => true,
        (QuotaUnit::Credits, Pricing::Units(u)) => matches!(u.denomination, Denomination::Credits { .. }),
        (QuotaUnit::Images, Pricing::Units(u)) => {
            matches!(u.measure, Measure::Image | Measure::Megapixel) && u.denomination == Denomination::Money
        }
        (QuotaUnit::Calls, Pricing::Units(u)) => {
            matches!(u.measure, Measure::Call | Measure::Request) && u.denomination == Denomination::Money
        }
        _ => false,
    }
}
