//! Structure-aware mutations: a valid document with a number made zero, negative, huge,
//! fractional or not a number, a string made strange (control characters, other scripts, escapes,
//! markup), a key or line deleted or duplicated, a value of the wrong type, the text cut short,
//! deep nesting, flipped bits and spliced pieces of other documents; and sometimes plain random
//! bytes. Every input is a function of its index, so a failure can be made again from it.

use fastrand::Rng;

use crate::seeds::Seeds;

/// Numbers that have broken number readers somewhere.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "-1000000",
    "0.5",
    "1.5",
    "1e400",
    "-1e400",
    "1e-400",
    "1E28",
    "1e29",
    "1e27",
    "1e-28",
    "99999999999999999999999999999",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "-79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "NaN",
    "-NaN",
    "Infinity",
    "-Infinity",
    "inf",
    "1e9223372036854775807",
    "1e-9223372036854775808",
    "1e99999999999999999999",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "-170141183460469231731687303715884105728",
    "1.",
    "-.5",
    ".5",
    "0x10",
    "1_000",
    "१२",
    "1e",
    "--1",
    "+1",
    "00001",
    "4294967296",
    "2147483648",
    "123456789012345678901234567.8",
    "1e+28",
    "5e-324",
    "1.7976931348623157e308",
];

/// Text that has broken text handling somewhere.
const STRINGS: &[&str] = &[
    "",
    " ",
    "\u{0}",
    "\u{7}\u{1b}[31m",
    "\u{feff}",
    "\u{202e}abc",
    "é",
    "中文",
    "😀",
    "\u{10ffff}",
    "\\u0000",
    "\\ud800",
    "\\\"",
    "\\",
    "<script>alert(1)</script>",
    "%",
    "%zz",
    "%ff",
    "%C3%28",
    "a&b=c",
    "#",
    "GLM-5",
    "gateway",
    "tencent-tokenhub",
    "hunyuan-image-global",
    "USD",
    "CNY",
    "1080p",
    "4k",
    "\r\n",
    "\t",
    "'",
    "${x}",
    "../../etc/passwd",
    "ǅ",
    "İ",
    "ß",
    "\u{301}",
    "ﬃ",
];

/// Values of other types, written as JSON (and mostly TOML).
const VALUES: &[&str] =
    &["null", "true", "false", "[]", "{}", "[[1]]", "{\"a\":1}", "\"\"", "\"1\"", "1", "-1", "[null]", "{\"\":{}}"];

/// Pieces inserted anywhere: separators, escapes and markers of the formats.
const SPECIALS: &[&str] = &[
    "\u{0}",
    "\u{1}",
    "\u{7f}",
    "\u{feff}",
    "\u{202e}",
    "😀",
    "中",
    "%",
    "%F",
    "%FF",
    "%00",
    "&",
    "=",
    "&&",
    "#",
    "\"",
    "\\",
    ",",
    ":",
    "[",
    "]",
    "{",
    "}",
    "\n",
    "\r",
    "'''",
    "\"\"\"",
    "[[models]]\n",
    "models = 5\n",
    "&p=",
    "&z=00000000",
    "&v=2",
    "&m=",
    "&pkg=10000x3,x,1x1e30",
    "&in=1e400",
    "+",
    "\\u0000",
    "\\uD800",
    "e",
    "-",
    ".",
];

/// Keys of the link format, for links with keys swapped.
const LINK_KEYS: &[&str] = &[
    "v", "cat", "view", "cur", "fx", "ch", "us", "ng", "t", "cust", "nt", "vd", "p", "m", "rq", "in", "out", "cache",
    "think", "img", "calls", "s", "res", "cr", "trial", "free", "pre", "pkg", "pin", "pout", "pch", "pth", "lch",
    "lus", "lng", "tpl", "w", "h", "mp", "z", "qty", "up", "conc", "cdays", "pri", "hrs", "rep", "cu", "label",
];

/// Inputs never grow beyond this, so that each stays fast; one in a thousand may grow to
/// [`MAX_LEN_RARE`], so that long and deep documents are tried too.
const MAX_LEN: usize = 20_000;
/// See [`MAX_LEN`].
const MAX_LEN_RARE: usize = 400_000;

/// The input number `index` of a run with `seed` for the reader `reader`.
pub fn input(reader: &str, seeds: &Seeds, seed: u64, index: u64) -> Vec<u8> {
    let mut rng = Rng::with_seed(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(reader.len() as u8));
    if rng.u8(..) < 20 || seeds.docs.is_empty() {
        let most = if rng.bool() { 16 } else { 512 };
        let len = rng.usize(..most);
        return (0..len).map(|_| rng.u8(..)).collect();
    }
    let big = rng.u16(..1000) == 0;
    let mut doc = seeds.docs[rng.usize(..seeds.docs.len())].clone();
    for _ in 0..rng.usize(1..=4) {
        mutate(&mut rng, reader, seeds, &mut doc, big);
        doc.truncate(if big { MAX_LEN_RARE } else { MAX_LEN });
    }
    doc
}

fn pick<'a>(rng: &mut Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(..list.len())]
}

/// The spans of number-like tokens in `doc`.
fn numbers(doc: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if doc[i].is_ascii_digit() {
            let start = if i > 0 && doc[i - 1] == b'-' { i - 1 } else { i };
            while i < doc.len() && (doc[i].is_ascii_digit() || matches!(doc[i], b'.' | b'e' | b'E' | b'+' | b'-')) {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

/// The spans of quoted strings in `doc`, quotes included, and of link values (after `=`).
fn strings(doc: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        match doc[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < doc.len() && doc[i] != b'"' {
                    i += if doc[i] == b'\\' { 2 } else { 1 };
                }
                out.push((start, (i + 1).min(doc.len())));
            }
            b'=' => {
                let start = i + 1;
                while i < doc.len() && !matches!(doc[i], b'&' | b'\n') {
                    i += 1;
                }
                out.push((start, i));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The spans of the units a document is made of: `&`-pairs, lines, or `,`-separated items.
fn pieces(doc: &[u8], sep: u8) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in doc.iter().enumerate() {
        if b == sep {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    out.push((start, doc.len()));
    out
}

fn span(rng: &mut Rng, spans: &[(usize, usize)]) -> Option<(usize, usize)> {
    (!spans.is_empty()).then(|| spans[rng.usize(..spans.len())])
}

/// Applies one mutation to `doc`; only a `big` input is given long strings, many copies of a
/// piece or deep nesting.
fn mutate(rng: &mut Rng, reader: &str, seeds: &Seeds, doc: &mut Vec<u8>, big: bool) {
    let at = rng.usize(..=doc.len());
    let sep = match reader {
        "link" => b'&',
        "card-toml" => b'\n',
        _ if rng.bool() => b'\n',
        _ => b',',
    };
    match rng.u8(..14) {
        0 | 1 => {
            if let Some((a, b)) = span(rng, &numbers(doc)) {
                doc.splice(a..b, pick(rng, NUMBERS).bytes());
            }
        }
        2 => {
            if let Some((a, b)) = span(rng, &strings(doc)) {
                let text = match rng.u8(..4) {
                    0 => format!("\"{}\"", pick(rng, STRINGS).repeat(rng.usize(1..=3))),
                    1 => pick(rng, VALUES).to_string(),
                    2 => format!("\"{}\"", "x".repeat(rng.usize(..if big { 300_000 } else { 200 }))),
                    _ => pick(rng, STRINGS).to_string(),
                };
                doc.splice(a..b, text.into_bytes());
            }
        }
        3 => {
            if let Some((a, b)) = span(rng, &pieces(doc, sep)) {
                doc.drain(a..b);
            }
        }
        4 => {
            if let Some((a, b)) = span(rng, &pieces(doc, sep)) {
                let times = if big {
                    rng.usize(1..5_000)
                } else if rng.u8(..8) == 0 {
                    rng.usize(1..20)
                } else {
                    1
                };
                let copy: Vec<u8> = doc[a..b].repeat(times.min(MAX_LEN_RARE / (b - a).max(1)));
                doc.splice(b..b, copy);
            }
        }
        5 => doc.truncate(at),
        6 => {
            doc.splice(at..at, pick(rng, SPECIALS).bytes());
        }
        7 => {
            let depth = if big { rng.usize(200..100_000) } else { rng.usize(1..300) };
            let (open, close) = match rng.u8(..3) {
                0 => ("[", "]"),
                1 => ("{\"a\":", "}"),
                _ => ("a = [", "]"),
            };
            let mut nest = open.repeat(depth);
            if rng.bool() {
                nest.push('1');
                nest.push_str(&close.repeat(depth));
            }
            doc.splice(at..at, nest.into_bytes());
        }
        8 => {
            for _ in 0..rng.usize(1..=4) {
                if !doc.is_empty() {
                    let i = rng.usize(..doc.len());
                    doc[i] ^= 1 << rng.u8(..8);
                }
            }
        }
        9 => {
            let other = &seeds.docs[rng.usize(..seeds.docs.len())];
            let a = rng.usize(..=other.len());
            let b = (a + rng.usize(..256)).min(other.len());
            doc.splice(at..at, other[a..b].iter().copied());
        }
        10 if !doc.is_empty() => {
            let i = rng.usize(..doc.len());
            doc[i] = [0, 1, 0x7f, 0x80, 0xff, b'0', b'9'][rng.usize(..7)];
        }
        11 => {
            // A huge varint (a length or count in a pack), or a long run of one byte.
            let run: &[u8] =
                if rng.bool() { &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f] } else { &[0x80; 20] };
            doc.splice(at..at, run.iter().copied());
        }
        12 => {
            // A pair whose key is another key of the link format.
            if let Some((a, b)) = span(rng, &pieces(doc, b'&')) {
                let value = doc[a..b].iter().position(|&c| c == b'=').map_or(&[][..], |e| &doc[a + e..b]).to_vec();
                let mut pair = pick(rng, LINK_KEYS).as_bytes().to_vec();
                pair.extend(value);
                doc.splice(a..b, pair);
            }
        }
        _ => {
            let len = rng.usize(1..64);
            doc.splice(at..at, (0..len).map(|_| rng.u8(..)));
        }
    }
}
