//! One line's reactive state, keyed by the line's stable id: its document with its view state,
//! and its part of the breakdown, each in one memo. Every field of the line's editor reads these,
//! so a change wakes three memos per line, and only the changed line's fields and text nodes
//! update.

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::Ctx;
use super::state::LineView;
use crate::rating::breakdown::TierChoice;
use crate::rating::{Currency, Line, QuoteError};

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

/// The memos of one line (see the module docs), handed to each of the line's fields.
#[derive(Clone, Copy)]
pub struct LineState {
    /// The line's stable id.
    pub id: u32,
    /// The line's position, from 0.
    pub index: Memo<usize>,
    /// The line, as the estimate has it, and what the view state holds for it.
    pub view: Memo<LineView>,
    /// The line's part of the breakdown.
    pub priced: Memo<Priced>,
}

impl LineState {
    /// The memos of line `id`.
    pub fn new(ctx: Ctx, id: u32) -> LineState {
        let index = Memo::new(move |_| ctx.calc.with(|c| c.index_of(id)).unwrap_or(0));
        let view = Memo::new(move |_| ctx.calc.with(|c| c.line_view(id)));
        let priced = Memo::new(move |_| {
            let n = index.get() + 1;
            ctx.breakdown.with(|b| {
                // Priced lines are in line order, so the line is found by halving.
                let quoted = b.lines.binary_search_by_key(&n, |l| l.line).ok().map(|i| &b.lines[i]);
                Priced {
                    total: quoted.map(|l| (l.total_display.amount(), b.currency)),
                    tier: quoted.and_then(|l| l.tier.clone()),
                    errors: b.errors.iter().filter(|e| e.line == Some(n)).cloned().collect(),
                }
            })
        });
        LineState { id, index, view, priced }
    }

    /// Reads the line (tracked); `f` gets `None` when the line is gone.
    pub fn with_line<T>(&self, f: impl FnOnce(Option<&Line>) -> T) -> T {
        self.view.with(|v| f(v.line.as_ref()))
    }
}
