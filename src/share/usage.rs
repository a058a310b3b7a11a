//! Usage records as people have them, priced on the catalog's rules.
//!
//! A record is one request: a model name and its token counts; the records read are taken as one
//! month's usage. Three shapes are read:
//!
//! - JSON Lines in OpenAI's shape: `model`, `usage.prompt_tokens`, `usage.completion_tokens`,
//!   `usage.prompt_tokens_details.cached_tokens`, `usage.completion_tokens_details.reasoning_tokens`;
//!   or the same counts as flat keys;
//! - CSV with a header naming `model,prompt_tokens,completion_tokens` and optionally
//!   `cached_tokens,reasoning_tokens` (LiteLLM's spend logs have the first three).
//!
//! Names map to catalog token models by name or id, ignoring case, or by a mapping
//! (`gpt-4o=tencent-tokenhub/GLM-5`). A name that matches nothing, or more than one provider, is
//! reported with the closest catalog names and left out, never guessed.
//!
//! Token tiers are chosen per request by its input length, so records are aggregated by (model,
//! tier): a group's requests and exact token sums. The estimate gives each group at most five lines
//! whose whole per-request counts sum exactly to the group's sums: for each field, `r = sum mod n`
//! requests carry `floor(sum / n) + 1` tokens and the rest `floor(sum / n)`, and the lines are the
//! stretches where no field changes. Every line's input length stays within the group's tier (the
//! floor and ceiling of an average lie between the group's least and greatest), so the estimate
//! prices exactly what the records would cost one by one. Reading is streaming: memory grows with
//! the groups, not the records.

use std::collections::HashMap;

use serde::Deserialize;

use crate::rating::catalog::{Catalog, Pricing};
use crate::rating::estimate::{Estimate, Field, FieldValue, Line, VERSION};
use crate::rating::{edit_distance, fields_used};

/// One request's usage.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    /// The model name as the log writes it.
    pub model: String,
    /// Prompt (input) tokens, cached included.
    pub input: u64,
    /// Completion (output) tokens, reasoning included.
    pub output: u64,
    /// Cached prompt tokens.
    pub cached: u64,
    /// Reasoning tokens.
    pub thinking: u64,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Json {
    model: Option<String>,
    usage: Option<JsonUsage>,
    prompt_tokens: Option<u64>,
    completion_tokens: Option<u64>,
    cached_tokens: Option<u64>,
    reasoning_tokens: Option<u64>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JsonUsage {
    prompt_tokens: Option<u64>,
    completion_tokens: Option<u64>,
    prompt_tokens_details: Option<Details>,
    completion_tokens_details: Option<Details>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Details {
    cached_tokens: Option<u64>,
    reasoning_tokens: Option<u64>,
}

/// What is wrong with usage records or a mapping, as data; English is its `Display`
/// (`lang/english_usage.rs`), Chinese `lang::usage_problem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageProblem {
    /// A JSON Lines record is not JSON of the expected shape: serde's message (without its
    /// position), what kind of fault, and the character where it was found.
    Json {
        /// serde's message, e.g. `expected value`.
        message: String,
        /// Syntax, early end, or a value of the wrong type.
        fault: JsonFault,
        /// The column (character) of the line, from 1.
        column: usize,
    },
    /// A JSON record has no `model`.
    NoModel,
    /// The CSV header lacks a column that must be there.
    MissingColumn(&'static str),
    /// A CSV token count is not a whole number.
    NotWhole {
        /// The column's name.
        column: &'static str,
        /// The cell as written.
        text: String,
    },
    /// A mapping's target is not written `PROVIDER/MODEL`.
    MappingShape {
        /// The name mapped.
        name: String,
        /// The target as written.
        target: String,
    },
    /// A mapping names no token-priced model of the catalog.
    UnknownModel {
        /// The name mapped.
        name: String,
        /// The provider as written.
        provider: String,
        /// The model as written.
        model: String,
    },
    /// More records than a reader keeps.
    TooMany {
        /// The most records kept.
        limit: usize,
    },
}

/// How a JSON record failed to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFault {
    /// Not JSON at all.
    Syntax,
    /// The line ends before the JSON does.
    Eof,
    /// JSON, but a value of the wrong type (a count that is not a whole number, a model that is
    /// not a string, a line that is not an object).
    Type,
}

impl From<serde_json::Error> for UsageProblem {
    fn from(e: serde_json::Error) -> Self {
        let fault = match e.classify() {
            serde_json::error::Category::Eof => JsonFault::Eof,
            serde_json::error::Category::Data => JsonFault::Type,
            _ => JsonFault::Syntax,
        };
        let full = e.to_string();
        let position = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&position).unwrap_or(&full).to_string();
        UsageProblem::Json { message, fault, column: e.column() }
    }
}

/// A problem with one record: its line in the text, from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    /// The line, from 1.
    pub line: usize,
    /// What is wrong with it.
    pub problem: UsageProblem,
}

/// Reads one JSON Lines record; `Ok(None)` for a blank line.
///
/// # Errors
/// The line is not a JSON object with a `model` and whole token counts.
pub fn json_record(line: &str) -> Result<Option<Record>, UsageProblem> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let j: Json = serde_json::from_str(line)?;
    let model = j.model.ok_or(UsageProblem::NoModel)?;
    let u = j.usage.unwrap_or_default();
    let pd = u.prompt_tokens_details.unwrap_or_default();
    let cd = u.completion_tokens_details.unwrap_or_default();
    Ok(Some(Record {
        model,
        input: u.prompt_tokens.or(j.prompt_tokens).unwrap_or(0),
        output: u.completion_tokens.or(j.completion_tokens).unwrap_or(0),
        cached: pd.cached_tokens.or(j.cached_tokens).unwrap_or(0),
        thinking: cd.reasoning_tokens.or(j.reasoning_tokens).unwrap_or(0),
    }))
}

/// The columns of a CSV header: model, prompt, completion, and optional cached and reasoning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvColumns([Option<usize>; 5]);

/// The CSV columns read: the first three must be there.
pub const CSV_NAMES: [&str; 5] = ["model", "prompt_tokens", "completion_tokens", "cached_tokens", "reasoning_tokens"];

/// Reads a CSV header.
///
/// # Errors
/// A column `model`, `prompt_tokens` or `completion_tokens` is missing.
pub fn csv_columns(header: &str) -> Result<CsvColumns, UsageProblem> {
    let cells = csv_cells(header);
    let mut cols = [None; 5];
    for (i, name) in CSV_NAMES.iter().enumerate() {
        cols[i] = cells.iter().position(|c| c.trim().eq_ignore_ascii_case(name));
        if i < 3 && cols[i].is_none() {
            return Err(UsageProblem::MissingColumn(name));
        }
    }
    Ok(CsvColumns(cols))
}

/// Reads one CSV row; `Ok(None)` for a blank line.
///
/// # Errors
/// A token count is not a whole number.
pub fn csv_record(cols: CsvColumns, line: &str) -> Result<Option<Record>, UsageProblem> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let cells = csv_cells(line);
    let cell = |i: usize| cols.0[i].and_then(|c| cells.get(c)).map_or("", |s| s.trim());
    let count = |i: usize| -> Result<u64, UsageProblem> {
        let c = cell(i);
        if c.is_empty() {
            Ok(0)
        } else {
            c.parse().map_err(|_| UsageProblem::NotWhole { column: CSV_NAMES[i], text: c.to_string() })
        }
    };
    Ok(Some(Record {
        model: cell(0).to_string(),
        input: count(1)?,
        output: count(2)?,
        cached: count(3)?,
        thinking: count(4)?,
    }))
}

/// Reads records line by line: the first line that is not blank says the format (a JSON object
/// starts with `{`; anything else is a CSV header, unless told it is CSV), and counts lines.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    csv: bool,
    columns: Option<CsvColumns>,
    started: bool,
    line: usize,
}

impl Reader {
    /// A reader; `csv` says the text is CSV whatever its first line (a `.csv` file).
    pub fn new(csv: bool) -> Reader {
        Reader { csv, ..Reader::default() }
    }

    /// Reads the next line: `Ok(None)` for a blank line or the CSV header.
    ///
    /// # Errors
    /// The line (or the header) does not read, with its line number.
    pub fn line(&mut self, text: &str) -> Result<Option<Record>, RecordProblem> {
        self.line += 1;
        let line = self.line;
        let at = |problem| RecordProblem { line, problem };
        if !self.started && !text.trim().is_empty() {
            self.started = true;
            if self.csv || !text.trim_start().starts_with('{') {
                self.columns = Some(csv_columns(text).map_err(at)?);
                return Ok(None);
            }
        }
        match self.columns {
            Some(c) => csv_record(c, text),
            None => json_record(text),
        }
        .map_err(at)
    }
}

/// Records kept compactly to be aggregated again (on another model, or with another mapping):
/// each distinct name once, and per record its name's index and four counts (40 bytes).
#[derive(Debug, Clone, Default)]
pub struct Records {
    names: Vec<String>,
    index: HashMap<String, u32>,
    rows: Vec<(u32, [u64; 4])>,
}

impl Records {
    /// Keeps a record, unless `limit` are kept already.
    ///
    /// # Errors
    /// [`UsageProblem::TooMany`] when `limit` records are kept already.
    pub fn push(&mut self, r: &Record, limit: usize) -> Result<(), UsageProblem> {
        if self.rows.len() >= limit {
            return Err(UsageProblem::TooMany { limit });
        }
        let n = match self.index.get(&r.model) {
            Some(&n) => n,
            None => {
                let n = u32::try_from(self.names.len()).map_err(|_| UsageProblem::TooMany { limit })?;
                self.names.push(r.model.clone());
                self.index.insert(r.model.clone(), n);
                n
            }
        };
        self.rows.push((n, [r.input, r.output, r.cached, r.thinking]));
        Ok(())
    }

    /// How many records are kept.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether none are.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Splits a CSV row, with `"..."` quoting and `""` for a quote inside.
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.trim_end_matches(['\r', '\n']).chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().map(|s| s.push('"')).unwrap_or_default();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().map(|s| s.push(c)).unwrap_or_default(),
        }
    }
    cells
}

/// A catalog token model records map to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    provider: String,
    model: String,
    /// The model's id (`claude-sonnet-5-5`), which a mapping may name too.
    id: String,
    /// `(above, up_to)` per token tier.
    tiers: Vec<(u64, Option<u64>)>,
    cache: bool,
}

/// A name that maps to no single model: the closest catalog names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The name in the records.
    pub name: String,
    /// How many records carry it.
    pub records: u64,
    /// The closest catalog names, as `provider/Model`, nearest first.
    pub closest: Vec<String>,
}

/// Records aggregated by (model, token tier), with names that matched nothing.
#[derive(Debug, Default)]
pub struct Usage {
    targets: Vec<Target>,
    /// The target every record maps to, whatever its name ([`Usage::onto`]).
    all: Option<usize>,
    names: HashMap<String, Result<usize, Vec<String>>>,
    /// (target, tier) to group index.
    index: HashMap<(usize, usize), usize>,
    groups: Vec<Group>,
    unmatched: Vec<Unmatched>,
    /// Records read.
    pub records: u64,
    /// Records whose input is longer than every tier of their model.
    pub too_long: u64,
}

#[derive(Debug, Clone)]
struct Group {
    /// The model name as the first record of the group writes it, the lines' label.
    name: String,
    target: usize,
    n: u64,
    sums: [u128; 4],
}

impl Usage {
    /// Prepares to read records against `catalog`, with `mapping` entries `(name, "provider/Model")`
    /// taking precedence over the catalog's own names.
    ///
    /// # Errors
    /// A mapping names a provider or model the catalog does not have, or one not priced by tokens.
    pub fn new(catalog: &Catalog, mapping: &[(String, String)]) -> Result<Usage, UsageProblem> {
        let mut u = Usage::default();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for card in catalog.cards() {
            for m in &card.models {
                let Pricing::Tokens(tp) = &m.pricing else { continue };
                let t = u.targets.len();
                u.targets.push(Target {
                    provider: card.provider.to_string(),
                    model: m.name.to_string(),
                    id: m.id.to_string(),
                    tiers: tp.tiers.iter().map(|t| (t.above, t.up_to)).collect(),
                    cache: fields_used(m).contains(&Field::CachedTokens.name()),
                });
                for key in [m.name.to_lowercase(), m.id.to_lowercase()] {
                    let v = by_name.entry(key).or_default();
                    if !v.contains(&t) {
                        v.push(t);
                    }
                }
            }
        }
        for (name, target) in mapping {
            let t = u.target(name, target)?;
            u.names.insert(name.to_lowercase(), Ok(t));
        }
        for (key, targets) in by_name {
            let found = match targets.as_slice() {
                [t] => Ok(*t),
                many => Err(many.iter().map(|&t| u.label(t)).collect()),
            };
            u.names.entry(key).or_insert(found);
        }
        Ok(u)
    }

    /// Prepares to read records that all map to `target` (`provider/Model`, the model by name or
    /// id), whatever their name:
    /// the traffic on that one model.
    ///
    /// # Errors
    /// `target` is not a token-priced model of the catalog.
    pub fn onto(catalog: &Catalog, target: &str) -> Result<Usage, UsageProblem> {
        let mut u = Usage::new(catalog, &[])?;
        u.all = Some(u.target("", target)?);
        Ok(u)
    }

    /// The target `provider/Model` names, for the mapping of `name`.
    fn target(&self, name: &str, target: &str) -> Result<usize, UsageProblem> {
        let (p, m) = target
            .split_once('/')
            .ok_or_else(|| UsageProblem::MappingShape { name: name.to_string(), target: target.to_string() })?;
        let (p, m) = (p.trim(), m.trim());
        self.targets
            .iter()
            .position(|t| {
                t.provider.eq_ignore_ascii_case(p) && (t.model.eq_ignore_ascii_case(m) || t.id.eq_ignore_ascii_case(m))
            })
            .ok_or_else(|| UsageProblem::UnknownModel {
                name: name.to_string(),
                provider: p.to_string(),
                model: m.to_string(),
            })
    }

    /// Every token-priced model of the catalog, as `(provider, Model)`, in catalog order.
    pub fn token_models(&self) -> impl Iterator<Item = (&str, &str)> {
        self.targets.iter().map(|t| (t.provider.as_str(), t.model.as_str()))
    }

    fn label(&self, t: usize) -> String {
        self.targets.get(t).map_or_else(String::new, |t| format!("{}/{}", t.provider, t.model))
    }

    /// Adds one record.
    pub fn add(&mut self, r: &Record) {
        self.add_counts(&r.model, [r.input, r.output, r.cached, r.thinking]);
    }

    /// Adds every record kept.
    pub fn add_all(&mut self, records: &Records) {
        for &(n, counts) in &records.rows {
            let name = records.names.get(n as usize).map_or("", String::as_str);
            self.add_counts(name, counts);
        }
    }

    /// Adds one record of `model`: input, output, cached and reasoning tokens.
    fn add_counts(&mut self, model: &str, counts: [u64; 4]) {
        self.records += 1;
        let target = match self.all {
            Some(t) => t,
            None => match self.matched(model) {
                Some(t) => t,
                None => return,
            },
        };
        let input = counts[0];
        let Some(tier) = self.targets[target].tiers.iter().position(|&(above, up_to)| {
            (input > above || (input == 0 && above == 0)) && up_to.is_none_or(|u| input <= u)
        }) else {
            self.too_long += 1;
            return;
        };
        let g = match self.index.get(&(target, tier)) {
            Some(&g) => g,
            None => {
                self.groups.push(Group { name: model.to_string(), target, n: 0, sums: [0; 4] });
                self.index.insert((target, tier), self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        let group = &mut self.groups[g];
        group.n += 1;
        for (s, v) in group.sums.iter_mut().zip(counts) {
            *s += u128::from(v);
        }
    }

    /// The target `model` maps to; `None` (and the record counted as unmatched) when none.
    fn matched(&mut self, model: &str) -> Option<usize> {
        let key = model.to_lowercase();
        match self.names.get(&key) {
            Some(Ok(t)) => Some(*t),
            Some(Err(candidates)) => {
                let candidates = candidates.clone();
                self.unmatch(model, candidates);
                None
            }
            None => {
                let closest = self.closest(&key);
                self.names.insert(key, Err(closest.clone()));
                self.unmatch(model, closest);
                None
            }
        }
    }

    fn unmatch(&mut self, name: &str, closest: Vec<String>) {
        match self.unmatched.iter_mut().find(|u| u.name == name) {
            Some(u) => u.records += 1,
            None => self.unmatched.push(Unmatched { name: name.to_string(), records: 1, closest }),
        }
    }

    /// The three catalog models nearest to `name` by edit distance of their names.
    fn closest(&self, name: &str) -> Vec<String> {
        let mut scored: Vec<(usize, usize)> =
            (0..self.targets.len()).map(|t| (edit_distance(name, &self.targets[t].model.to_lowercase()), t)).collect();
        scored.sort_unstable();
        scored.into_iter().take(3).map(|(_, t)| self.label(t)).collect()
    }

    /// The records priced: read, less those unmatched and those longer than every tier.
    pub fn priced(&self) -> u64 {
        self.groups.iter().map(|g| g.n).sum()
    }

    /// The models the records priced map to, as `provider/Model`, in the order first seen.
    pub fn models(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for g in &self.groups {
            let label = self.label(g.target);
            if !out.contains(&label) {
                out.push(label);
            }
        }
        out
    }

    /// The names that matched no single model, in the order first seen.
    pub fn unmatched(&self) -> &[Unmatched] {
        &self.unmatched
    }

    /// The month as an estimate: per (model, tier) group at most five lines with whole token
    /// counts per request that sum exactly to the group's tokens (see the module documentation),
    /// labelled with the model name as the records write it.
    pub fn estimate(&self) -> Estimate {
        let mut lines = Vec::new();
        for g in &self.groups {
            let t = &self.targets[g.target];
            let n = u128::from(g.n);
            let mut cuts = vec![0u128, n];
            cuts.extend(g.sums.iter().map(|s| s % n));
            cuts.sort_unstable();
            cuts.dedup();
            for w in cuts.windows(2) {
                let (a, b) = (w[0], w[1]);
                let mut line = Line { provider: t.provider.clone(), model: t.model.clone(), ..Line::default() };
                let number = |v: u128| {
                    Some(FieldValue::Number(rust_decimal::Decimal::from(u64::try_from(v).unwrap_or(u64::MAX))))
                };
                let _ = line.set(Field::Label, Some(FieldValue::Text(g.name.clone())));
                let _ = line.set(Field::Requests, number(b - a));
                let fields = [Field::InputTokens, Field::OutputTokens, Field::CachedTokens, Field::ThinkingTokens];
                for (i, (f, s)) in fields.into_iter().zip(g.sums).enumerate() {
                    if (i == 2 && (!t.cache || s == 0)) || (i == 3 && s == 0) {
                        continue;
                    }
                    let per = s / n + u128::from(a < s % n);
                    let _ = line.set(f, number(per));
                }
                lines.push(line);
            }
        }
        Estimate { version: VERSION, lines, ..Estimate::default() }
    }
}
