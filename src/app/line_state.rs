//! One line's reactive state, keyed by the line's stable id: its position and its revision (which
//! changes only when the line, its typed text, messages, paste or picker change), and its part of
//! the breakdown found by halving. Every field of the line's editor follows these, so typing into
//! one line reruns no other line's fields, and only the changed line's text nodes update.

use leptos::prelude::*;

use super::Ctx;
use super::state::Calculator;
use crate::rating::breakdown::LineQuote;
use crate::rating::{Breakdown, Currency, Line, QuoteError};

/// The memos of one line (see the module docs), handed to each of the line's fields.
#[derive(Clone, Copy)]
pub struct LineState {
    /// The line's stable id.
    pub id: u32,
    /// The line's position, from 0.
    pub index: Memo<usize>,
    /// The line's revision ([`Calculator::rev`]).
    pub rev: Memo<usize>,
    /// The calculator state.
    calc: RwSignal<Calculator>,
    /// The month's breakdown.
    breakdown: Memo<Breakdown>,
}

impl LineState {
    /// The memos of line `id`.
    pub fn new(ctx: Ctx, id: u32) -> LineState {
        let index = Memo::new(move |_| ctx.calc.with(|c| c.index_of(id)).unwrap_or(0));
        let rev = Memo::new(move |_| ctx.calc.with(|c| c.rev(id)));
        LineState { id, index, rev, calc: ctx.calc, breakdown: ctx.breakdown }
    }

    /// Reads the line's quote (`None` when it is not priced) in the display currency.
    pub fn with_quote<T>(&self, f: impl FnOnce(Option<&LineQuote>, Currency) -> T) -> T {
        let n = self.index.get() + 1;
        self.breakdown.with(|b| {
            // Priced lines are in line order, so the line is found by halving.
            let quoted = b.lines.binary_search_by_key(&n, |l| l.line).ok().map(|i| &b.lines[i]);
            f(quoted, b.currency)
        })
    }

    /// Reads the core's errors about the line.
    pub fn with_errors<T>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &QuoteError>) -> T) -> T {
        let n = self.index.get() + 1;
        self.breakdown.with(|b| f(&mut b.errors.iter().filter(|e| e.line == Some(n))))
    }

    /// Reads the calculator, waking the reader only when this line changes.
    pub fn with_calc<T>(&self, f: impl FnOnce(&Calculator) -> T) -> T {
        // Read, not only tracked: a memo computes (and follows the calculator) once it is read.
        let _ = self.rev.get();
        self.calc.with_untracked(f)
    }

    /// Reads the line (`None` once it is gone), waking the reader only when it changes.
    pub fn with_line<T>(&self, f: impl FnOnce(Option<&Line>) -> T) -> T {
        let id = self.id;
        self.with_calc(|c| f(c.line(id)))
    }
}
