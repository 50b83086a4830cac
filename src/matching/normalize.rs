//! Turns free text into the words the matcher compares: lower case, no punctuation,
//! spellings unified, ages read as "minor" or "adult", stop words dropped, and stems.

use crate::data::Vocabulary;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};

/// One word of normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as written, lower-cased, after spelling and age rules.
    pub surface: String,
    /// Its stem, which is what terms are matched on.
    pub stem: String,
}

pub struct Normalizer {
    stopwords: HashSet<String>,
    spellings: HashMap<String, Vec<String>>,
    synonyms: HashMap<String, String>,
    stemmer: Stemmer,
}

/// Single letters that are words in their own right and are never glued to the next word.
const STANDALONE_LETTERS: [&str; 2] = ["a", "i"];

/// Age at which a person is no longer a minor.
const ADULT_AGE: u32 = 18;

impl Normalizer {
    pub fn new(vocabulary: &Vocabulary) -> Normalizer {
        Normalizer {
            stopwords: vocabulary.stopwords.iter().cloned().collect(),
            spellings: vocabulary
                .spellings
                .iter()
                .map(|(from, to)| (from.clone(), to.split(' ').map(str::to_string).collect()))
                .collect(),
            synonyms: vocabulary.synonyms.iter().cloned().collect(),
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// Every word, stop words included: names are matched on this ("Department of Labor").
    pub fn all_words(&self, text: &str) -> Vec<Word> {
        self.words(text, false)
    }

    /// The words that carry meaning: terms and queries are matched on this.
    pub fn content_words(&self, text: &str) -> Vec<Word> {
        self.words(text, true)
    }

    fn words(&self, text: &str, drop_stopwords: bool) -> Vec<Word> {
        let tokens = glue_letters(split_number_units(tokenize(text)));
        let mut spelled = Vec::with_capacity(tokens.len());
        for token in tokens {
            match self.spellings.get(&token) {
                Some(replacement) => spelled.extend(replacement.iter().cloned()),
                None => spelled.push(token),
            }
        }
        read_ages(&mut spelled);
        spelled
            .into_iter()
            .map(|t| self.synonyms.get(&t).cloned().unwrap_or(t))
            .filter(|t| !(drop_stopwords && self.stopwords.contains(t)))
            .map(|surface| Word {
                stem: self.stem(&surface),
                surface,
            })
            .collect()
    }

    pub fn stem(&self, word: &str) -> String {
        if word.bytes().any(|b| b.is_ascii_digit()) {
            return word.to_string();
        }
        self.stemmer.stem(word).into_owned()
    }
}

/// Lower-cases and splits on anything that is not a letter or digit. Apostrophes vanish
/// (client's -> clients, can't -> cant) and `&` reads as "and".
fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{2bc}') {
            continue;
        }
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
            continue;
        }
        if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
        if c == '&' {
            tokens.push("and".to_string());
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// "15yo" -> "15" "yo"; "16yrs" -> "16" "yrs". Letters before digits (h2a) stay whole.
fn split_number_units(tokens: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        let digits = token.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits < token.len() && token[digits..].chars().all(char::is_alphabetic) {
            out.push(token[..digits].to_string());
            out.push(token[digits..].to_string());
        } else {
            out.push(token);
        }
    }
    out
}

/// Glues a lone letter to the word after it, so that T-visa, T visa and tvisa, J/TIP and
/// JTIP, or U.S. and US all read the same.
fn glue_letters(tokens: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut pending: Option<String> = None;
    for token in tokens {
        let lone_letter = token.chars().count() == 1
            && token.chars().all(char::is_alphabetic)
            && !STANDALONE_LETTERS.contains(&token.as_str());
        if let Some(prefix) = pending.take() {
            let joined = format!("{prefix}{token}");
            if lone_letter {
                pending = Some(joined);
            } else {
                out.push(joined);
            }
        } else if lone_letter {
            pending = Some(token);
        } else {
            out.push(token);
        }
    }
    out.extend(pending);
    out
}

/// Rewrites ages as "minor" or "adult": "16 year old", "15 years", "aged 14", "under 18".
fn read_ages(tokens: &mut Vec<String>) {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let next = tokens.get(i + 1).map(String::as_str);
        let prev = i.checked_sub(1).map(|p| tokens[p].as_str());
        if let Ok(age) = token.parse::<u32>() {
            let is_age = matches!(next, Some("year" | "years" | "month" | "months"))
                || matches!(prev, Some("age" | "aged" | "ages"));
            if is_age && age < 150 {
                out.push(if age < ADULT_AGE { "minor" } else { "adult" }.to_string());
                // Skip the unit and a following "old".
                i += 1;
                if matches!(next, Some("year" | "years" | "month" | "months")) {
                    i += 1;
                    if tokens.get(i).map(String::as_str) == Some("old") {
                        i += 1;
                    }
                }
                continue;
            }
            if prev == Some("under") && age <= ADULT_AGE {
                out.pop();
                out.push("minor".to_string());
                i += 1;
                continue;
            }
        }
        out.push(token.clone());
        i += 1;
    }
    *tokens = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalizer() -> Normalizer {
        let vocabulary = Vocabulary {
            stopwords: ["a", "the", "of", "my", "to", "on"]
                .map(String::from)
                .to_vec(),
            spellings: vec![
                ("labour".into(), "labor".into()),
                ("yo".into(), "year old".into()),
            ],
            synonyms: vec![("kid".into(), "child".into())],
            common_words: vec![],
        };
        Normalizer::new(&vocabulary)
    }

    fn surfaces(text: &str) -> Vec<String> {
        normalizer()
            .content_words(text)
            .into_iter()
            .map(|w| w.surface)
            .collect()
    }

    #[test]
    fn acronyms_read_the_same_however_written() {
        assert_eq!(surfaces("T-visa"), surfaces("tvisa"));
        assert_eq!(surfaces("T visa"), surfaces("TVISA"));
        assert_eq!(surfaces("J/TIP"), surfaces("jtip"));
        assert_eq!(surfaces("U.S."), ["us"]);
    }

    #[test]
    fn ages_become_minor_or_adult() {
        assert_eq!(surfaces("16 year old"), ["minor"]);
        assert_eq!(surfaces("15-year-old"), ["minor"]);
        assert_eq!(surfaces("15 yo"), ["minor"]);
        assert_eq!(surfaces("15yo girl"), ["minor", "girl"]);
        assert_eq!(surfaces("aged 14"), ["aged", "minor"]);
        assert_eq!(surfaces("under 18"), ["minor"]);
        assert_eq!(surfaces("a 25 year old man"), ["adult", "man"]);
        assert_eq!(surfaces("call 711"), ["call", "711"]);
    }

    #[test]
    fn spelling_possessives_and_stems() {
        let n = normalizer();
        let stems =
            |t: &str| -> Vec<String> { n.content_words(t).into_iter().map(|w| w.stem).collect() };
        assert_eq!(stems("Labour"), stems("labor"));
        assert_eq!(stems("client's passports"), stems("client passport"));
        assert_eq!(stems("wages"), stems("wage"));
        assert_eq!(surfaces("Rescue & Restore"), ["rescue", "and", "restore"]);
        assert_eq!(surfaces("kid"), ["child"]);
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "   ",
            "\u{0}\u{1b}[31m",
            "ﬁ ß İ",
            "9999999999999999999999 years",
            "-",
        ] {
            let _ = normalizer().content_words(text);
        }
    }
}
