//! Token estimate from text (seed 000): about 1.8 Chinese characters, or 0.75 English words, make
//! one token.
//!
//! `tokens = ceil(cjk / 1.8 + words / 0.75) = ceil((5 x cjk + 12 x words) / 9)`, in whole-number
//! arithmetic. CJK characters are ideographs (with extensions and compatibility forms), kana,
//! Hangul, and CJK and full-width punctuation. A word is a run of ASCII letters and digits, with
//! inner apostrophes and hyphens. Everything else (spaces, ASCII punctuation, emoji) is not
//! counted.

use serde::Serialize;

/// What the estimate counted, and the tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TokenEstimate {
    /// CJK characters counted.
    pub cjk_chars: u64,
    /// English words counted.
    pub english_words: u64,
    /// Estimated tokens, rounded up.
    pub tokens: u64,
}

/// Estimates the tokens in `text` by the seed's rule.
pub fn estimate_tokens(text: &str) -> TokenEstimate {
    let mut cjk: u64 = 0;
    let mut words: u64 = 0;
    let mut in_word = false;
    let mut prev_joiner = false;
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            if !in_word {
                words += 1;
                in_word = true;
            }
            prev_joiner = false;
            continue;
        }
        if in_word && (ch == '\'' || ch == '-' || ch == '\u{2019}') && !prev_joiner {
            // An apostrophe or hyphen continues a word only when a letter follows; a second joiner
            // in a row ends it.
            prev_joiner = true;
            continue;
        }
        in_word = false;
        prev_joiner = false;
        if is_cjk(ch) {
            cjk += 1;
        }
    }
    let tokens = (5 * cjk + 12 * words).div_ceil(9);
    TokenEstimate { cjk_chars: cjk, english_words: words, tokens }
}

fn is_cjk(ch: char) -> bool {
    matches!(ch as u32,
        0x3000..=0x303F      // CJK symbols and punctuation
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // Extension A
        | 0x4E00..=0x9FFF    // Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // Compatibility Ideographs
        | 0xFF00..=0xFFEF    // Half-width and full-width forms
        | 0x20000..=0x323AF  // Extensions B to H
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_1_8_characters_a_token() {
        // 18 characters / 1.8 = 10 tokens exactly.
        let e = estimate_tokens("腾讯云大模型知识引擎为企业提供智能服");
        assert_eq!(e.cjk_chars, 18);
        assert_eq!(e.tokens, 10);
    }

    #[test]
    fn english_is_0_75_words_a_token() {
        // 3 words / 0.75 = 4 tokens.
        assert_eq!(estimate_tokens("Hello, brave world!").tokens, 4);
        // "don't" and "state-of-the-art" are one word each: 2 / 0.75 = 2.67, rounded up to 3.
        let e = estimate_tokens("don't state-of-the-art");
        assert_eq!(e.english_words, 2);
        assert_eq!(e.tokens, 3);
    }

    #[test]
    fn mixed_text_adds_both_and_rounds_up() {
        // 2 CJK (1.11) + 1 word (1.33) = 2.44, rounded up to 3.
        let e = estimate_tokens("你好 GPT");
        assert_eq!((e.cjk_chars, e.english_words, e.tokens), (2, 1, 3));
        assert_eq!(estimate_tokens("").tokens, 0);
        assert_eq!(estimate_tokens("  ... !!! ").tokens, 0);
    }
}
