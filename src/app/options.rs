//! How one calculator instance is set up: on its own page, in a `<ratecard-calculator>` element or
//! in an iframe.
//!
//! The page (`www/index.html`) uses [`Options::page`]: full layout, deep link in the URL, the
//! estimate saved in `localStorage`. An embedded instance gets its options from the element's
//! attributes or the iframe's query string (see `embed`), and never touches the host's URL or
//! storage.

use crate::rating::Currency;
use crate::share::link::LinkProblem;

/// The two layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Header, settings, lines, breakdown and chart.
    #[default]
    Full,
    /// Lines and totals only, for a narrow column on a pricing page.
    Compact,
}

/// A part of the calculator a host can hide, e.g. a salesperson's discounts on a public page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Currency and exchange rate.
    Currency,
    /// Channel, user and negotiated discounts.
    Discounts,
    /// Free trial and prepaid balance.
    Free,
    /// "Copy link" and "Reset".
    Share,
    /// Export, import and the printable quote.
    Quote,
    /// The SVG chart.
    Chart,
    /// The per-line breakdown.
    Breakdown,
    /// The language switch.
    Language,
    /// "+ Add a line".
    Add,
    /// The header's name and logo (Ratecard, or the host's `brand`).
    Header,
    /// The decision tools: cost against volume, free trial, concurrency, runway, real traffic.
    Tools,
}

impl Control {
    /// Every control, with the name an attribute uses for it.
    pub const ALL: [(&'static str, Control); 11] = [
        ("currency", Control::Currency),
        ("discounts", Control::Discounts),
        ("free", Control::Free),
        ("share", Control::Share),
        ("quote", Control::Quote),
        ("chart", Control::Chart),
        ("breakdown", Control::Breakdown),
        ("language", Control::Language),
        ("add", Control::Add),
        ("header", Control::Header),
        ("tools", Control::Tools),
    ];

    /// The control named `name` (case-insensitive), if there is one.
    pub fn from_name(name: &str) -> Option<Control> {
        Control::ALL.iter().find(|(n, _)| n.eq_ignore_ascii_case(name.trim())).map(|(_, c)| *c)
    }
}

/// Where the rate cards come from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CatalogSource {
    /// The cards embedded in the widget (`pricing/`).
    #[default]
    Embedded,
    /// A host's rate card(s) as JSON at this URL.
    Url(String),
    /// A host's rate card(s) as JSON text.
    Inline(String),
}

/// One calculator instance's set-up.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    /// Full or compact.
    pub layout: Layout,
    /// What the host hides.
    pub hidden: Vec<Control>,
    /// A language tag (`en`, `zh-CN` ...); `None` follows `navigator.language`.
    pub locale: Option<String>,
    /// Whether the instance owns the page: it keeps the deep link in the URL and saves the
    /// estimate in `localStorage`. Embedded instances do neither.
    pub standalone: bool,
    /// The rate cards to price with.
    pub catalog: CatalogSource,
    /// The estimate an embedded instance opens with, as a link fragment (long or short form);
    /// `None` opens the default estimate. The page reads its own URL instead.
    pub lines: Option<String>,
    /// The provider the host's `models` are from; `None` is the default provider.
    pub provider: Option<String>,
    /// The rate cards (provider ids) the model picker and "Add a line" offer; empty offers every
    /// card.
    pub providers: Vec<String>,
    /// The host's name, shown in the header instead of Ratecard.
    pub brand: Option<String>,
    /// The element's number among the page's `<ratecard-calculator>` elements, from 1 in the
    /// order they were created (0 on the calculator's page and when not known); from the second
    /// on, it is part of the instance's landmark name.
    pub instance: usize,
    /// Models an embedded instance opens with, one line each with typical usage, when `lines`
    /// is not given.
    pub models: Vec<String>,
    /// The display currency an embedded instance opens with, over what `lines` says.
    pub currency: Option<Currency>,
    /// What the host's set-up could not say (an unknown control or currency); shown with the
    /// link problems.
    pub problems: Vec<LinkProblem>,
    /// The calculator page an embedded instance's "Copy link" points to (the link carries the
    /// estimate after `#`); the page itself copies its own address.
    pub page_url: Option<String>,
    /// Where `ratecard:change` is dispatched (bubbling, composed) whenever the estimate or its
    /// total changes, with `detail = { estimate, total, currency }`: the element on a host page,
    /// the document on the calculator's page (see `embed::notify`).
    pub events: Option<web_sys::EventTarget>,
    /// The seller's name the printed quote carries (`seller`), if the host gives one.
    pub seller: Option<String>,
    /// The seller's logo URL (`seller-logo`), if the host gives one.
    pub seller_logo: Option<String>,
}

impl Options {
    /// The options of the calculator's own page.
    pub fn page() -> Options {
        Options { standalone: true, ..Options::default() }
    }

    /// Whether the picker and "Add a line" offer `provider`'s models.
    pub fn offers(&self, provider: &str) -> bool {
        self.providers.is_empty() || self.providers.iter().any(|p| p == provider)
    }

    /// The provider "Add a line" starts from and the picker lists first: the host's `provider`
    /// if it is offered, else the first of `providers`; `None` when the host named neither.
    pub fn home_provider(&self) -> Option<&str> {
        match &self.provider {
            Some(p) if self.offers(p) => Some(p),
            _ => self.providers.first().map(String::as_str),
        }
    }

    /// Whether `control` is shown.
    pub fn shows(&self, control: Control) -> bool {
        !self.hidden.contains(&control)
    }

    /// Reads a `hidden` attribute: control names separated by spaces or commas. Unknown names are
    /// returned as problems.
    pub fn parse_hidden(list: &str) -> (Vec<Control>, Vec<LinkProblem>) {
        let mut hidden = Vec::new();
        let mut problems = Vec::new();
        for name in list.split([' ', ',']).filter(|s| !s.is_empty()) {
            match Control::from_name(name) {
                Some(c) => hidden.push(c),
                None => problems.push(LinkProblem::UnknownControl {
                    given: name.to_string(),
                    known: Control::ALL.iter().map(|(n, _)| n.to_string()).collect(),
                }),
            }
        }
        (hidden, problems)
    }
}
