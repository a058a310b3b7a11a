//! The tools' charts, written as static SVG markup (like the breakdown, see `super::super::html`).
//!
//! A chart has a fixed view box of [`W`] x [`H`] user units, drawn at the width of its column up to
//! a maximum in the stylesheet, so that its 11-unit labels read at 360 px and stay modest on a
//! desktop. Colours are classes (`rc-plot__*`) of the stylesheet's tokens, so both themes apply; no
//! inline style is written (the page runs under `style-src 'self'`). Coordinates are computed with
//! `Decimal`, like every other number the widget shows, and rounded to a tenth of a unit.

use rust_decimal::Decimal;

use crate::app::html::{el, esc};

/// The view box's width.
pub const W: i64 = 320;
/// The view box's height.
pub const H: i64 = 200;
const LEFT: i64 = 6;
const RIGHT: i64 = 14;
const TOP: i64 = 22;
const BOTTOM: i64 = 30;

/// A chart's scale: `[0, x_max]` across and `[0, y_max]` up.
#[derive(Clone, Copy)]
pub struct Frame {
    x_max: Decimal,
    y_max: Decimal,
}

fn scaled(v: Decimal, max: Decimal, span: i64) -> Decimal {
    if max <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    v.max(Decimal::ZERO)
        .checked_mul(Decimal::from(span))
        .and_then(|a| a.checked_div(max))
        .map_or(Decimal::ZERO, |a| a.min(Decimal::from(span)).round_dp(1))
}

impl Frame {
    /// A frame reaching `x_max` across and `y_max` up; a maximum of zero or less draws at zero.
    pub fn new(x_max: Decimal, y_max: Decimal) -> Frame {
        Frame { x_max, y_max }
    }

    /// The horizontal position of `v`.
    pub fn x(&self, v: Decimal) -> Decimal {
        Decimal::from(LEFT) + scaled(v, self.x_max, W - LEFT - RIGHT)
    }

    /// The vertical position of `v`.
    pub fn y(&self, v: Decimal) -> Decimal {
        Decimal::from(H - BOTTOM) - scaled(v, self.y_max, H - TOP - BOTTOM)
    }

    /// Opens the `<svg>`, named for assistive technology by `label` (the same numbers are in a
    /// table beside it), with horizontal grid lines at 0, half and the top, each labelled by `money`
    /// just above it.
    pub fn open(&self, out: &mut String, class: &str, label: &str, money: &dyn Fn(Decimal) -> String) {
        out.push_str(&format!("<svg class=\"rc-plot {class}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\""));
        esc(out, label);
        out.push_str("\" focusable=\"false\">");
        let half = (self.y_max / Decimal::TWO).round_dp(2);
        for v in [Decimal::ZERO, half, self.y_max] {
            let y = self.y(v);
            out.push_str(&format!(
                "<line class=\"rc-plot__grid\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"></line>",
                W - RIGHT
            ));
            el(
                out,
                // The amount sits just above its line, inside the plot, so that no amount is cut
                // off however long it is.
                &format!(
                    "text class=\"rc-plot__tick\" x=\"{LEFT}\" y=\"{}\" text-anchor=\"start\"",
                    y - Decimal::from(3)
                ),
                &money(v),
            );
        }
    }

    /// A label under the axis at `v`, anchored `start`, `middle` or `end`.
    pub fn x_label(&self, out: &mut String, v: Decimal, anchor: &str, text: &str) {
        el(
            out,
            &format!(
                "text class=\"rc-plot__tick\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\"",
                self.x(v),
                H - BOTTOM + 16
            ),
            text,
        );
    }

    /// A connected line through `points`, in order.
    pub fn polyline(&self, out: &mut String, class: &str, points: &[(Decimal, Decimal)]) {
        out.push_str(&format!("<polyline class=\"rc-plot__line {class}\" points=\""));
        for (i, (x, y)) in points.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&format!("{},{}", self.x(*x), self.y(*y)));
        }
        out.push_str("\"></polyline>");
    }

    /// A vertical marker at `v` with a short `tag` at its top (a number the table explains), on
    /// tag row `row` (0 at the top, for tags that would overlap), and a tooltip.
    pub fn marker(&self, out: &mut String, class: &str, v: Decimal, row: u8, tag: &str, title: &str) {
        let x = self.x(v);
        out.push_str(&format!("<g class=\"rc-plot__mark {class}\">"));
        el(out, "title", title);
        // Below the top grid line and its amount.
        out.push_str(&format!("<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\"></line>", TOP + 4, H - BOTTOM));
        let y = TOP + 14 + 11 * i64::from(row);
        el(out, &format!("text class=\"rc-plot__tag\" x=\"{x}\" y=\"{y}\" text-anchor=\"middle\""), tag);
        out.push_str("</g>");
    }

    /// A dot at (`x`, `y`) with a tooltip.
    pub fn dot(&self, out: &mut String, class: &str, x: Decimal, y: Decimal, title: &str) {
        out.push_str(&format!(
            "<circle class=\"rc-plot__dot {class}\" cx=\"{}\" cy=\"{}\" r=\"4.5\">",
            self.x(x),
            self.y(y)
        ));
        el(out, "title", title);
        out.push_str("</circle>");
    }

    /// Bar `i` of `n` side by side (`slot` is `(i, n)`), `v` high, labelled `label` under the
    /// axis, with a tooltip.
    pub fn bar(&self, out: &mut String, class: &str, slot: (usize, usize), v: Decimal, label: &str, title: &str) {
        let (i, n) = slot;
        let span = Decimal::from(W - LEFT - RIGHT);
        let n = Decimal::from(n.max(1));
        let slot = span / n;
        let x = (Decimal::from(LEFT) + slot * Decimal::from(i) + slot / Decimal::from(8)).round_dp(1);
        let w = (slot * Decimal::from(3) / Decimal::from(4)).round_dp(1);
        let y = self.y(v);
        let h = (Decimal::from(H - BOTTOM) - y).max(Decimal::ZERO);
        out.push_str(&format!(
            "<rect class=\"rc-plot__bar {class}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\">"
        ));
        el(out, "title", title);
        out.push_str("</rect>");
        let mid = (x + w / Decimal::TWO).round_dp(1);
        el(
            out,
            &format!("text class=\"rc-plot__tick\" x=\"{mid}\" y=\"{}\" text-anchor=\"middle\"", H - BOTTOM + 16),
            label,
        );
    }

    /// Closes the `<svg>`, with the axis line drawn last (over the bars).
    pub fn close(&self, out: &mut String) {
        out.push_str(&format!(
            "<line class=\"rc-plot__axis\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"></line></svg>",
            W - RIGHT,
            H - BOTTOM,
            H - BOTTOM
        ));
    }
}
