//! One line's reactive state, keyed by the line's stable id: its position and its revision (which
//! changes only when the line, its typed text, messages, paste or picker change), and its part of
//! the breakdown found by halving. Every field of the line's editor follows these, so typing into
//! one line reruns no other line's fields, and only the changed line's text nodes update.
//!
//! The position, revision and priced part are plain signals that one effect ([`LineSignals`]) sets
//! from the calculator and the breakdown, and only when they change: those then have one
//! subscriber for all the lines instead of several per line and field, whose subscribe and
//! unsubscribe bookkeeping (ordered sets, O(subscribers) per removal) took most of a keystroke's
//! time on 50 lines.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::state::Calculator;
use crate::rating::breakdown::TierChoice;
use crate::rating::{Breakdown, Currency, Line, QuoteError};

/// A line's part of the month's breakdown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Priced {
    /// The line's total in the display currency, if it is priced.
    pub total: Option<(Decimal, Currency)>,
    /// The token tier the line fell in.
    pub tier: Option<TierChoice>,
    /// The core's errors about the line.
    pub errors: Vec<QuoteError>,
}

impl Priced {
    /// Line `id`'s part of `b`, where `c` says the line's position.
    fn of(c: &Calculator, b: &Breakdown, id: u32) -> Priced {
        let n = c.index_of(id).unwrap_or(0) + 1;
        // Priced lines are in line order, so the line is found by halving.
        let quoted = b.lines.binary_search_by_key(&n, |l| l.line).ok().map(|i| &b.lines[i]);
        Priced {
            total: quoted.map(|l| (l.total_display.amount(), b.currency)),
            tier: quoted.and_then(|l| l.tier.clone()),
            errors: b.errors.iter().filter(|e| e.line == Some(n)).cloned().collect(),
        }
    }
}

/// One drawn line's signals: id, position, revision and priced part.
type Signals = (u32, RwSignal<usize>, RwSignal<usize>, RwSignal<Priced>);

/// The drawn lines' position and revision signals, by line id, kept in step with the calculator
/// by one effect.
#[derive(Clone, Copy)]
pub struct LineSignals(StoredValue<Vec<Signals>>);

impl LineSignals {
    /// The signals of `calc`'s drawn lines (none yet), and the effect that keeps them in step.
    pub fn new(calc: RwSignal<Calculator>, breakdown: Memo<Breakdown>) -> LineSignals {
        let lines = LineSignals(StoredValue::new(Vec::new()));
        Effect::new(move |_| calc.with(|c| breakdown.with(|b| lines.sync(c, b))));
        lines
    }

    /// Sets each drawn line's position, revision and priced part where they changed.
    fn sync(&self, c: &Calculator, b: &Breakdown) {
        self.0.with_value(|all| {
            for (id, index, rev, priced) in all {
                let p = Priced::of(c, b, *id);
                if priced.with_untracked(|old| *old != p) {
                    priced.set(p);
                }
                let i = c.index_of(*id).unwrap_or(0);
                if index.get_untracked() != i {
                    index.set(i);
                }
                let r = c.rev(*id);
                if rev.get_untracked() != r {
                    rev.set(r);
                }
            }
        });
    }

    /// The position and revision signals of line `id`, created for its editor (see [`Self::drop_line`]).
    fn add_line(&self, c: &Calculator, b: &Breakdown, id: u32) -> Signals {
        let index = RwSignal::new(c.index_of(id).unwrap_or(0));
        let line = (id, index, RwSignal::new(c.rev(id)), RwSignal::new(Priced::of(c, b, id)));
        self.0.update_value(|all| all.push(line));
        line
    }

    /// Forgets line `id`'s signals when its editor goes.
    fn drop_line(&self, id: u32) {
        self.0.update_value(|all| all.retain(|(l, ..)| *l != id));
    }
}

/// The signals of one line (see the module docs), handed to each of the line's fields.
#[derive(Clone, Copy)]
pub struct LineState {
    /// The line's stable id.
    pub id: u32,
    /// The line's position, from 0.
    pub index: RwSignal<usize>,
    /// The line's revision ([`Calculator::rev`]).
    pub rev: RwSignal<usize>,
    /// The line's part of the breakdown.
    pub priced: RwSignal<Priced>,
    /// The calculator state.
    calc: RwSignal<Calculator>,
}

impl LineState {
    /// The signals of line `id`, for as long as the current owner (its editor) lives.
    pub fn new(ctx: super::Ctx, id: u32) -> LineState {
        let (_, index, rev, priced) =
            ctx.calc.with_untracked(|c| ctx.breakdown.with_untracked(|b| ctx.lines.add_line(c, b, id)));
        let lines = ctx.lines;
        on_cleanup(move || lines.drop_line(id));
        LineState { id, index, rev, priced, calc: ctx.calc }
    }

    /// Reads the core's errors about the line.
    pub fn with_errors<T>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &QuoteError>) -> T) -> T {
        self.priced.with(|p| f(&mut p.errors.iter()))
    }

    /// Reads the calculator, waking the reader only when this line changes.
    pub fn with_calc<T>(&self, f: impl FnOnce(&Calculator) -> T) -> T {
        self.rev.track();
        self.calc.with_untracked(f)
    }

    /// Reads the line (`None` once it is gone), waking the reader only when it changes.
    pub fn with_line<T>(&self, f: impl FnOnce(Option<&Line>) -> T) -> T {
        let id = self.id;
        self.with_calc(|c| f(c.line(id)))
    }
}
