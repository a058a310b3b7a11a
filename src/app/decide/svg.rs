//! SVG helpers for the tools' charts.
