//! `ratecard compare`: the same workload priced on several models, ranked cheapest first
//! (`rating::decide::compare`), from an estimate file or a link fragment.

use crate::cli_tools::{Args, Run, bad, print_json};
use crate::lang::Lang;
use crate::native::parse_estimate_json;
use crate::rating::catalog::Catalog;
use crate::rating::decide::compare;
use crate::share::link;

/// Runs `ratecard compare FILE|-|'#FRAGMENT' [--lang en|zh] [--json]`.
pub(crate) fn run(catalog: &Catalog, rest: &[String]) -> Run {
    let a = Args::parse(rest, &["lang", "catalog"]).map_err(bad)?;
    let lang = match a.get("lang") {
        None | Some("en") => Lang::En,
        Some("zh") => Lang::Zh,
        Some(other) => return Err(bad(format!("--lang: unknown language \"{other}\" (known: en, zh)"))),
    };
    let source = a.file("compare").map_err(bad)?;
    let estimate = if source.starts_with('#') {
        // A link: compare mode whether or not it says cmp=1, so its later lines share the first
        // line's workload; what it could not read goes to stderr.
        let mut decoded = link::decode(source, Some(catalog));
        if !decoded.compare {
            link::share_the_workload(&mut decoded.estimate.lines);
        }
        for p in &decoded.problems {
            eprintln!("ratecard: {}", crate::lang::link_problem(p, lang));
        }
        decoded.estimate
    } else {
        parse_estimate_json(&crate::cli_tools::read(source)?).map_err(bad)?
    };
    let c = compare(catalog, &estimate).map_err(|e| bad(crate::lang::compare_error(&e, lang)))?;
    if a.json {
        return print_json(&c);
    }
    print!("{}", crate::share::compare::to_table(&c, lang));
    Ok(())
}
