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

/// Reads one JSON Lines record; `Ok(None)` for a blank line.
///
/// # Errors
/// The line is not a JSON object with a `model` and whole token counts.
pub fn json_record(line: &str) -> Result<Option<Record>, String> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let j: Json = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let model = j.model.ok_or("no \"model\"")?;
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

const CSV_NAMES: [&str; 5] = ["model", "prompt_tokens", "completion_tokens", "cached_tokens", "reasoning_tokens"];

/// Reads a CSV header.
///
/// # Errors
/// A column `model`, `prompt_tokens` or `completion_tokens` is missing.
pub fn csv_columns(header: &str) -> Result<CsvColumns, String> {
    let cells = csv_cells(header);
    let mut cols = [None; 5];
    for (i, name) in CSV_NAMES.iter().enumerate() {
        cols[i] = cells.iter().position(|c| c.trim().eq_ignore_ascii_case(name));
        if i < 3 && cols[i].is_none() {
            return Err(format!("the header has no \"{name}\" column"));
        }
    }
    Ok(CsvColumns(cols))
}

/// Reads one CSV row; `Ok(None)` for a blank line.
///
/// # Errors
/// A token count is not a whole number.
pub fn csv_record(cols: CsvColumns, line: &str) -> Result<Option<Record>, String> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let cells = csv_cells(line);
    let cell = |i: usize| cols.0[i].and_then(|c| cells.get(c)).map_or("", |s| s.trim());
    let count = |i: usize| -> Result<u64, String> {
        let c = cell(i);
        if c.is_empty() {
            Ok(0)
        } else {
            c.parse().map_err(|_| format!("{}: \"{c}\" is not a whole number", CSV_NAMES[i]))
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
    pub fn new(catalog: &Catalog, mapping: &[(String, String)]) -> Result<Usage, String> {
        let mut u = Usage::default();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for card in catalog.cards() {
            for m in &card.models {
                let Pricing::Tokens(tp) = &m.pricing else { continue };
                let t = u.targets.len();
                u.targets.push(Target {
                    provider: card.provider.to_string(),
                    model: m.name.to_string(),
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
            let (p, m) =
                target.split_once('/').ok_or_else(|| format!("--map {name}={target}: write PROVIDER/MODEL"))?;
            let t =
                u.targets.iter().position(|t| t.provider == p && t.model.eq_ignore_ascii_case(m)).ok_or_else(|| {
                    format!("--map {name}={target}: no token-priced model \"{m}\" from provider \"{p}\"")
                })?;
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

    fn label(&self, t: usize) -> String {
        self.targets.get(t).map_or_else(String::new, |t| format!("{}/{}", t.provider, t.model))
    }

    /// Adds one record.
    pub fn add(&mut self, r: &Record) {
        self.records += 1;
        let key = r.model.to_lowercase();
        let target = match self.names.get(&key) {
            Some(Ok(t)) => *t,
            Some(Err(candidates)) => {
                let candidates = candidates.clone();
                self.unmatch(&r.model, candidates);
                return;
            }
            None => {
                let closest = self.closest(&key);
                self.names.insert(key, Err(closest.clone()));
                self.unmatch(&r.model, closest);
                return;
            }
        };
        let Some(tier) = self.targets[target].tiers.iter().position(|&(above, up_to)| {
            (r.input > above || (r.input == 0 && above == 0)) && up_to.is_none_or(|u| r.input <= u)
        }) else {
            self.too_long += 1;
            return;
        };
        let g = match self.index.get(&(target, tier)) {
            Some(&g) => g,
            None => {
                self.groups.push(Group { name: r.model.clone(), target, n: 0, sums: [0; 4] });
                self.index.insert((target, tier), self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        let group = &mut self.groups[g];
        group.n += 1;
        for (s, v) in group.sums.iter_mut().zip([r.input, r.output, r.cached, r.thinking]) {
            *s += u128::from(v);
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
