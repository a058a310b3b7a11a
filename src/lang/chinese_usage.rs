//! 简体中文 for usage records' problems (`share::usage`), written from the typed values, never from
//! the English text (serde's message is English, so it is left out).

use crate::rating::num::group;
use crate::share::usage::{JsonFault, RecordProblem, UsageProblem};

/// A usage problem in Chinese.
pub(super) fn usage(p: &UsageProblem) -> String {
    match p {
        UsageProblem::Json { fault, column, .. } => match fault {
            JsonFault::Syntax => format!("不是有效的 JSON（第 {column} 个字符处）"),
            JsonFault::Eof => format!("JSON 不完整（在第 {column} 个字符处结束）"),
            JsonFault::Type => {
                format!("某个值的类型不对：令牌数须为整数，模型名须为文字（第 {column} 个字符处）")
            }
        },
        UsageProblem::NoModel => "该记录没有 \"model\" 字段".into(),
        UsageProblem::MissingColumn(name) => format!("表头缺少 \"{name}\" 列"),
        UsageProblem::NotWhole { column, text } => format!("{column}：\"{text}\" 不是整数"),
        UsageProblem::MappingShape { name, target } => format!("{name}={target}：模型须写作 服务商/模型"),
        UsageProblem::UnknownModel { name, provider, model } => {
            let whose = if name.is_empty() { String::new() } else { format!("{name}={provider}/{model}：") };
            format!("{whose}服务商 \"{provider}\" 没有按令牌计价的模型 \"{model}\"")
        }
        UsageProblem::TooMany { limit } => {
            let n = group((*limit).into());
            format!("记录超过 {n} 条；此处最多读取 {n} 条（命令行工具不限条数）")
        }
    }
}

/// A record's problem in Chinese, with its line.
pub(super) fn record(p: &RecordProblem) -> String {
    format!("第 {} 行：{}", p.line, usage(&p.problem))
}
