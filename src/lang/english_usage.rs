//! English messages for usage records (`share::usage`), as their `Display`.

use std::fmt;

use crate::share::usage::{JsonFault, RecordProblem, UsageProblem};

impl fmt::Display for UsageProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsageProblem::Json { message, fault, column } => {
                let what = match fault {
                    JsonFault::Syntax => "not JSON",
                    JsonFault::Eof => "the JSON ends early",
                    JsonFault::Type => "a value of the wrong type (token counts are whole numbers, the model is text)",
                };
                write!(f, "{what}: {message} (column {column})")
            }
            UsageProblem::NoModel => f.write_str("the record has no \"model\""),
            UsageProblem::MissingColumn(name) => write!(f, "the header has no \"{name}\" column"),
            UsageProblem::NotWhole { column, text } => write!(f, "{column}: \"{text}\" is not a whole number"),
            UsageProblem::MappingShape { name, target } => {
                write!(f, "{name}={target}: write the model as PROVIDER/MODEL")
            }
            UsageProblem::UnknownModel { name, provider, model } => {
                if !name.is_empty() {
                    write!(f, "{name}={provider}/{model}: ")?;
                }
                write!(f, "no token-priced model \"{model}\" from provider \"{provider}\"")
            }
            UsageProblem::TooMany { limit } => {
                let n = crate::rating::num::group((*limit).into());
                write!(f, "more than {n} records; at most {n} are read here (the CLI reads any number)")
            }
        }
    }
}

impl std::error::Error for UsageProblem {}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

impl std::error::Error for RecordProblem {}
