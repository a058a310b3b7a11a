// Type declarations for Ratecard's JavaScript API (wasm-bindgen exports of `src/js.rs`).
// Every amount and quantity in a breakdown is an exact decimal string; quantities in an estimate
// may be numbers or decimal strings. Every function checks its arguments' JS types and throws an
// Error naming the function and argument ("estimateTokens: text must be a string, not an object");
// NaN, Infinity, BigInt and functions inside an estimate are named where they are ("line 1:
// requests: NaN is not a number"), and documents over the README's Limits are refused by name.

/** What `init` and `initSync` take: the module's bytes, a compiled module, or where to fetch it. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Starts the WebAssembly module (browsers and bundlers; in Node the package has started it on
 * import). By default it fetches `ratecard-api_bg.wasm` beside the module.
 */
export default function init(options?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<unknown>;

/** Starts the WebAssembly module from its bytes or a compiled module, synchronously. */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): unknown;

/** A quantity or price: a JSON number or an exact decimal string such as "0.9". */
export type Decimal = number | string;
export type Currency = "USD" | "CNY";

export interface Discounts {
  /** Channel discount multiplier, e.g. 0.9 for 10% off. */
  channel?: Decimal;
  /** User discount multiplier. */
  user?: Decimal;
  /** Negotiated discount multiplier. */
  negotiated?: Decimal;
}

/** One line: a model and its monthly usage. Give only the fields the model is priced on. */
export interface Line {
  provider: string;
  /** Published model name (any case) or model id. */
  model: string;
  label?: string;
  /** Per month. */
  requests?: Decimal;
  /** Per request; cached, thinking, audio, image and cache-write tokens are parts of these. */
  input_tokens?: Decimal;
  output_tokens?: Decimal;
  cached_tokens?: Decimal;
  thinking_tokens?: Decimal;
  cache_write_5m_tokens?: Decimal;
  cache_write_1h_tokens?: Decimal;
  audio_input_tokens?: Decimal;
  image_input_tokens?: Decimal;
  audio_output_tokens?: Decimal;
  image_output_tokens?: Decimal;
  /** Per month. */
  images?: Decimal;
  width?: Decimal;
  height?: Decimal;
  megapixels?: Decimal;
  /** Per month. */
  calls?: Decimal;
  /** Per call (video). */
  seconds?: Decimal;
  resolution?: "360p" | "480p" | "540p" | "720p" | "1080p" | "2k" | "4k";
  template?: string;
  /** Credits per call: the point in a range, or an unpublished template's consumption. */
  credits?: Decimal;
  free_trial?: boolean;
  free_remaining?: Decimal;
  prepaid_remaining?: Decimal;
  packages?: { size: Decimal; count?: Decimal }[];
  extra_concurrency?: Decimal;
  concurrency_days?: Decimal;
  priority?: boolean;
  hours?: Decimal;
  replicas?: Decimal;
  compute_units?: Decimal;
  quantity?: Decimal;
  /** For unpublished unit prices, in the card currency. */
  unit_price?: Decimal;
  /** For unpublished token prices, per 1M tokens in the card currency. */
  prices?: { input_per_1m?: Decimal; output_per_1m?: Decimal; cache_hit_per_1m?: Decimal; thinking_per_1m?: Decimal };
  discounts?: Discounts;
}

export interface Estimate {
  version?: 1;
  currency?: Currency;
  /** CNY per USD; 7.3 by default. */
  usd_cny?: Decimal;
  discounts?: Discounts;
  title?: string;
  customer?: string;
  notes?: string;
  valid_days?: Decimal;
  /** The month the quote starts, YYYY-MM: month 1, priced at the prices in force then. The JS API's quote, projectYear and trialHorizon use the current month when it is absent. */
  start?: string;
  lines: Line[];
}

export interface TierChoice { index: number; of: number; label: string; reason: string }

export interface Component {
  kind: string;
  label: string;
  detail?: string;
  quantity: string;
  unit: string;
  free: string;
  prepaid: string;
  billable: string;
  unit_price: string;
  price_per: string;
  multiple?: string;
  tier?: TierChoice;
  settlement: "postpaid" | "prepaid";
  /** In the card currency. */
  amount: string;
  /** In the display currency. */
  amount_display: string;
}

export interface Drawdown {
  source: string;
  name: string;
  unit: string;
  available: string;
  used: string;
  remaining: string;
  stated: boolean;
  validity_days?: number;
  claim_by?: string;
}

export interface LineQuote {
  /** Counted from 1. */
  line: number;
  provider: string;
  provider_name: string;
  model: string;
  model_id: string;
  label?: string;
  /** The card currency. */
  currency: Currency;
  tier?: TierChoice;
  components: Component[];
  free?: Drawdown;
  prepaid?: Drawdown;
  postpaid: string;
  discounts: { kind: "channel" | "user" | "negotiated"; multiplier: string; amount: string; amount_display: string }[];
  total: string;
  total_display: string;
  total_min?: string;
  total_max?: string;
  /** Notes; a `volume_cliff` also carries `more` (units), `saving` (card currency) and `at` (the bound). */
  flags: { code: string; message: string; more?: string; saving?: string; at?: number }[];
}

export interface Breakdown {
  currency: Currency;
  usd_cny: string;
  usd_cny_source: "estimate" | "default";
  /** The month's total in the display currency, exact. */
  total: string;
  total_min?: string;
  total_max?: string;
  lines: LineQuote[];
  errors: { line?: number; model?: string; field: string; kind: string; message: string }[];
}

/**
 * An estimate as an object, or as its JSON text. Text keeps every digit of a number: a JS number
 * has already been through a binary double (7.123456789012345678 is 7.123456789012346 as one).
 */
export type EstimateInput = Estimate | string;

/** Prices an estimate for one month. Throws an Error naming the line and field of a problem. */
export function quote(estimate: EstimateInput): Breakdown;
/** Twelve months of the same usage (free quotas expire, packages are bought once). */
export function projectYear(estimate: EstimateInput): { months: string[]; total: string };
/** The rate cards in use, in the rate-card schema of pricing/README.md. */
export function catalog(): { file: string; card: unknown }[];
/** Token estimate from text: ceil(CJK characters / 1.8 + English words / 0.75). Throws an Error when text is not a string or is over 50,000,000 characters. */
export function estimateTokens(text: string): { cjk_chars: number; english_words: number; tokens: number };
/** Checks a host's rate card(s), as objects or JSON text, and prices later quotes with them. Throws an Error listing every problem. */
export function loadCatalog(cards: unknown, source?: string): { providers: string[]; warnings: string[] };
/** Writes an estimate as a deep-link fragment (without '#'). */
export function encodeLink(estimate: EstimateInput, view?: string): string;
/** Reads a deep-link fragment; throws only when fragment is not a string. What cannot be read, and a link over the limits, is listed in problems. */
export function decodeLink(fragment: string): { estimate: Estimate; view?: string; catalog?: string; problems: string[] };

/**
 * The `detail` of the `ratecard:change` event a `<ratecard-calculator>` element (or the page's
 * `document`) dispatches whenever the estimate or its total changes; the iframe posts the same
 * fields with `type: "ratecard:change"` to an allowed parent.
 */
export interface RatecardChangeDetail {
  /** The estimate document, as everywhere else. */
  estimate: Estimate;
  /** The month's total in the display currency, exact. */
  total: string;
  /** The same, rounded for display (half away from zero), as the widget shows it. */
  total_rounded: string;
  currency: Currency;
  /** The estimate as a deep-link fragment: for the element's `lines`, or `page.html#` + it. */
  link: string;
}

declare global {
  interface HTMLElementEventMap {
    "ratecard:change": CustomEvent<RatecardChangeDetail>;
  }
}

/**
 * Reads an estimate document to import (a bare estimate, or an export with `estimate` and
 * `breakdown`) strictly, and returns it as a link fragment (read it with `decodeLink`). The widget
 * loads this bundle on demand for its Import.
 * @throws Error naming the JSON position of a syntax error, or the line and field that is wrong.
 */
export function importEstimate(text: string): string;

/**
 * Checks a host's rate cards (JSON text: one card, or an array of cards or `{ file, card }`,
 * named `label`) exactly as the CLI does, and returns them packed for the widget, which loads this
 * bundle on demand when a host gives it cards, with the catalog version (`cat`) that links made
 * over the embedded cards and these carry.
 * @throws Error listing every problem, one per line, each naming its file, model and field.
 */
export function packCatalog(text: string, label: string): { pack: Uint8Array; version: string };

/**
 * The quote of `estimate` as CSV, Markdown or the JSON export document, byte for byte what the CLI
 * writes. `host` is a host catalog's JSON text (named `hostLabel`) to price with for this call only.
 * `date` (`YYYY-MM-DD`) is the quote's date, which the CSV states with its validity (as
 * `ratecard quote --csv --date`); `lang` (`"en"`, the default, or `"zh-CN"`) the language of the
 * CSV's and Markdown's words. The widget loads this bundle on demand for its Export.
 * @throws Error when the estimate or host catalog cannot be read, or the format is unknown.
 */
export function exportQuote(format: "csv" | "markdown" | "json", estimate: EstimateInput, host?: string, hostLabel?: string, date?: string, lang?: string): string;

// ------------------------------------------------------------------------------- decision tools
// (src/js_tools.rs). Numbers may be given as strings, so no digit goes through a double; amounts
// come back as exact decimal strings. Each throws an Error whose message starts with the argument.

/** A point of a cost curve: the line's quantity, the line's and the month's totals. */
export interface CurvePoint { quantity: string; line_total: string; month_total: string }

/**
 * Line `line`'s (from 1) monthly cost at `points` (11) whole quantities from 0 to `times` (3)
 * times today's, with today, each higher volume tier's first quantity and the last quantity free
 * quotas and prepaid balances cover marked.
 */
export function costCurve(estimate: EstimateInput, line: number, points?: number, times?: string | number): {
  line: number;
  field: string;
  points: CurvePoint[];
  marks: ((
    | { kind: "today" | "covered_until" }
    | { kind: "tier_bound"; index: number }
    | { kind: "package_pays_off"; size: number }
  ) & { point: CurvePoint })[];
};

/**
 * The cheapest mix of packages and post-paid for `yearly` units, with post-paid after `discounts`,
 * and each package size's break-even: one package pays off above `pays_off_above` units a year.
 */
export function planMix(
  provider: string,
  model: string,
  yearly: string | number,
  discounts?: { channel?: string | number; user?: string | number; negotiated?: string | number },
): {
  yearly_volume: number;
  packages: { size: number; count: number; price: string }[];
  prepaid_units: number;
  postpaid_units: number;
  package_cost: string;
  postpaid_cost: string;
  total: string;
  all_postpaid: string;
  postpaid_factor: string;
  saving: string;
  break_evens: { size: number; price: string; pays_off_above: number | null }[];
};

/** The concurrency a throughput needs (Little's law), and daily against monthly add-ons. */
export function sizeConcurrency(
  provider: string,
  model: string,
  throughput: { per_minute: string | number } | { peak_hour: string | number },
  seconds: string | number,
  days?: number,
): {
  per_second: string;
  seconds: string;
  in_flight: string;
  concurrency: number;
  included: number;
  extra: number;
  days: number;
  daily_cost: string;
  monthly_cost: string;
  cheaper: "none_needed" | "daily" | "monthly" | "same";
  break_even_days: string;
};

/** A date and a whole hour. */
export interface Civil { date: string; hour: number }

/** What one free quota has left after a month of the trial. */
export interface QuotaLeft {
  provider: string;
  quota: string;
  name: string;
  name_zh?: string;
  model?: string;
  line?: number;
  unit: 'tokens' | 'images' | 'credits' | 'calls';
  left: string;
  /** Something was left that expires before the next month. */
  expires: boolean;
  validity_days?: number;
  claim_by?: string;
}

/** Month by month until every free quota has run out or expired; `start` (YYYY-MM) replaces the estimate's start, which defaults to the current month. Throws an Error naming `estimate` when no line draws on a free quota in month 1. */
export function trialHorizon(estimate: EstimateInput, start?: string): {
  start?: string;
  months: { month: number; calendar?: string; cost: string; quotas: QuotaLeft[] }[];
  ends: number;
  ends_calendar?: string;
  reached: boolean;
  after: string;
};

/** When `balance` runs out at the estimate's post-paid spend from `start` (YYYY-MM-DD), seed 000. */
export function balanceRunway(estimate: EstimateInput, balance: string | number, start: string): {
  balance: string;
  month_postpaid: string;
  daily_spend: string;
  hours: number;
  stops: Civil;
  reminder: Civil;
  deleted: Civil;
};

/** Prices usage records (JSON Lines, or CSV with a header), names mapped by `mapping`. */
export function priceUsage(records: string, mapping?: Record<string, string>): {
  records: number;
  too_long: number;
  unmatched: { name: string; records: number; closest: string[] }[];
  estimate: Estimate;
  breakdown: Breakdown;
};

/** One model of a comparison: its place (from 1), its month in the display currency and its difference to the cheapest. */
export interface Ranked {
  rank: number;
  line: number;
  provider: string;
  provider_name: string;
  model: string;
  label?: string;
  card_currency: Currency;
  card_total: string;
  total: string;
  difference: string;
  /** difference / cheapest x 100, exact decimal text; null when the cheapest costs nothing. */
  percent: string | null;
}

/**
 * The same workload priced on each line's model, ranked cheapest first, never summed. `source` is
 * an estimate or a link fragment starting with `#` (its later lines take the first line's workload).
 */
export function compareModels(source: EstimateInput | string): {
  currency: Currency;
  usd_cny: string;
  usd_cny_source: 'estimate' | 'default';
  converted: boolean;
  ranked: Ranked[];
  errors: { line?: number; model?: string; field: string; kind: string; message: string }[];
};
