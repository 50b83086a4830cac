//! Turns free text into the words the matcher compares: lower case, no punctuation,
//! spellings unified, ages read as "minor" or "adult", stop words dropped, and stems.

use crate::data::{Text, Vocabulary};
use crate::matching::words::{first_word_run, order};
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;

/// One word of normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as matched, lower-cased, after spelling, age and synonym rules.
    pub surface: String,
    /// Its stem, which is what terms are matched on.
    pub stem: String,
    /// What the person wrote for it ("16 year old" for "child"), to explain a match.
    pub written: String,
    /// Which clause of the question it is in: a term's words are found in one clause.
    pub clause: u16,
}

/// A word on its way through normalization, with the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word as read so far (lower case, accents folded).
    pub text: String,
    /// What the person wrote for it.
    pub written: String,
    /// Which clause of the question it stands in: a sentence, or a part after `;`.
    /// Scope (negation, the past, a supposition) never reaches past its clause.
    pub clause: u16,
    /// A comma, dash or ellipsis stands right before the word: a pause that ends a
    /// negation's reach ("not paying them, want to report him"), as `ConText` ends a scope
    /// at punctuation.
    pub pause: bool,
}

impl Token {
    /// A reading of words the person wrote, in their clause.
    pub fn read_as(text: &str, written: String, clause: u16) -> Token {
        Token {
            text: text.to_string(),
            written,
            clause,
            pause: false,
        }
    }

    pub fn new(text: &str) -> Token {
        Token {
            text: text.to_string(),
            written: text.to_string(),
            clause: 0,
            pause: false,
        }
    }
}

/// Borrows its word lists from the vocabulary: building one allocates only the hash tables.
pub struct Normalizer<'v> {
    stopwords: Sorted<'v, Text>,
    /// Spelling -> the words it stands for, space-separated ("yo" -> "year old").
    spellings: Sorted<'v, (Text, Text)>,
    synonyms: Sorted<'v, (Text, Text)>,
    /// Phrases read as one word, sorted, so those that begin with a word stand together.
    compounds: Sorted<'v, Text>,
    /// Words a lone letter before them is glued to ("T visa", "E-Verify").
    letter_joins: &'v [Text],
    stemmer: Stemmer,
}

/// A word list for binary search. The baked vocabulary comes sorted
/// ([`Vocabulary::analyze`]), so a normalizer borrows it and builds nothing; a list read
/// some other way is sorted into a copy. Hash tables built at every start cost more than
/// all the searches of a short question.
type Sorted<'v, T> = Cow<'v, [T]>;

fn sorted<T: Ord + Clone>(list: &[T]) -> Sorted<'_, T> {
    if list.is_sorted() {
        Cow::Borrowed(list)
    } else {
        let mut owned = list.to_vec();
        owned.sort();
        Cow::Owned(owned)
    }
}

/// What a sorted list of pairs maps `word` to.
fn look_up<'a>(pairs: &'a [(Text, Text)], word: &str) -> Option<&'a str> {
    pairs
        .binary_search_by(|(from, _)| order(from.as_bytes(), word.as_bytes()))
        .ok()
        .map(|i| pairs[i].1.as_ref())
}

/// Single letters that are words in their own right and are never glued to the next word:
/// English "a" and "I", and Spanish typed on a phone ("q" for que, "y", "o", "x" for por).
/// "T", "U" and "E" stay glued: the T visa, the U visa, E-Verify.
// "w" is a texter's "with" ("go w men"), never the start of a glued name.
const STANDALONE_LETTERS: [&str; 7] = ["a", "i", "q", "y", "o", "x", "w"];

impl<'v> Normalizer<'v> {
    pub fn new(vocabulary: &'v Vocabulary) -> Normalizer<'v> {
        Normalizer {
            stopwords: sorted(&vocabulary.stopwords),
            spellings: sorted(&vocabulary.spellings),
            synonyms: sorted(&vocabulary.synonyms),
            compounds: sorted(&vocabulary.compounds),
            letter_joins: &vocabulary.rules.words.letter_joins,
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// Tokens, once read, become words: lone letters glued, spellings unified, synonyms
    /// merged, stop words dropped (when asked), stems taken.
    pub fn finish(&self, tokens: Vec<Token>, drop_stopwords: bool) -> Vec<Word> {
        let tokens = self.join_compounds(glue_letters(tokens, self.letter_joins));
        let mut spelled = Vec::with_capacity(tokens.len());
        for token in tokens {
            match look_up(&self.spellings, &token.text) {
                Some(replacement) => spelled.extend(replacement.split(' ').map(|text| Token {
                    text: text.to_string(),
                    written: token.written.clone(),
                    clause: token.clause,
                    pause: token.pause,
                })),
                None => spelled.push(token),
            }
        }
        spelled
            .into_iter()
            .map(|mut t| {
                if let Some(canonical) = look_up(&self.synonyms, &t.text) {
                    canonical.clone_into(&mut t.text);
                }
                t
            })
            .filter(|t| !(drop_stopwords && self.is_stopword(&t.text)))
            .map(|t| Word {
                stem: self.stem(&t.text),
                surface: t.text,
                written: t.written,
                clause: t.clause,
            })
            .collect()
    }

    /// Whether a word, spellings unified and synonyms merged, is a stop word: the words
    /// [`Normalizer::finish`] drops when asked.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords
            .binary_search_by(|w| order(w.as_bytes(), word.as_bytes()))
            .is_ok()
    }

    /// "sexual harassment" -> "sexualharassment": a compound is one word.
    fn join_compounds(&self, mut tokens: Vec<Token>) -> Vec<Token> {
        if self.compounds.is_empty() {
            return tokens;
        }
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            // The longest compound that begins with this word and goes on with the next.
            let found = self
                .compounds_from(&tokens[i].text)
                .filter(|compound| {
                    compound
                        .split(' ')
                        .enumerate()
                        .skip(1)
                        .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.text == w))
                })
                .max_by_key(|compound| compound.len());
            let Some(compound) = found else {
                out.push(std::mem::replace(
                    &mut tokens[i],
                    Token::read_as("", String::new(), 0),
                ));
                i += 1;
                continue;
            };
            let span = &tokens[i..i + compound.split(' ').count()];
            out.push(Token {
                text: compound.replace(' ', ""),
                clause: span[0].clause,
                pause: span[0].pause,
                written: span
                    .iter()
                    .map(|t| t.written.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            });
            i += span.len();
        }
        out
    }

    /// The compounds whose first word is `word` ("watch" -> "watch the kids", ...): in
    /// the sorted list they stand together.
    fn compounds_from<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a str> {
        first_word_run(&self.compounds, |c| c, word)
            .iter()
            .map(AsRef::as_ref)
    }

    pub fn stem(&self, word: &str) -> String {
        if word.bytes().any(|b| b.is_ascii_digit()) {
            return word.to_string();
        }
        self.stemmer.stem(word).into_owned()
    }
}

/// A text's tokens before any reading: lower case, accents folded, numbers split from the
/// units written against them.
pub fn tokens(text: &str) -> Vec<Token> {
    tokens_and_questions(text).0
}

/// A text's tokens, and the clauses it ends with a question mark ("la deportan?"): what
/// is asked there is a worry asked, not a thing told.
pub fn tokens_and_questions(text: &str) -> (Vec<Token>, Vec<u16>) {
    let (tokens, questions) = tokenize(text);
    (split_number_units(tokens), questions)
}

/// A phrase of the data written as the reader's tokens, one space apart ("I'm" -> "im"):
/// build.rs writes the vocabulary's phrases so (`Vocabulary::analyze`), and the reader
/// then compares them word by word without analyzing them again.
pub fn analyzed(phrase: &str) -> String {
    let tokens = tokens(phrase);
    let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    words.join(" ")
}

/// How many tokens an analyzed phrase takes when it stands at `at`.
pub fn phrase_at(tokens: &[Token], at: usize, phrase: &str) -> Option<usize> {
    // Word by word off the front of the phrase: most phrases fail at their first word,
    // before any search for a space (the asker's phrases are tried at every token).
    let mut rest = phrase;
    let mut len = 0;
    loop {
        rest = rest.strip_prefix(tokens.get(at + len)?.text.as_str())?;
        len += 1;
        if rest.is_empty() {
            return Some(len);
        }
        rest = rest.strip_prefix(' ')?;
    }
}

/// A letter without its accent, so that "policía" and "policia", "años" and "anos" read
/// the same: people type Spanish with and without accents.
fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Lower-cases and splits on anything that is not a letter or digit. Apostrophes vanish
/// (client's -> clients, can't -> cant), accents are folded and `&` reads as "and".
fn tokenize(text: &str) -> (Vec<Token>, Vec<u16>) {
    let mut tokens = Vec::new();
    let mut questions = Vec::new();
    let mut current = String::new();
    // The same word with its accents, to quote the caller as typed ("16 años").
    let mut typed = String::new();
    let mut clause: u16 = 0;
    let mut pause = false;
    let push = |tokens: &mut Vec<Token>, word: &str, typed: String, clause: u16, pause: bool| {
        let mut token = Token::new(word);
        token.written = typed;
        token.clause = clause;
        token.pause = pause;
        tokens.push(token);
    };
    let mut prev = ' ';
    // A comma after a digit is a pause only when a space follows: "tengo 14, no me deja
    // salir", never "1,000".
    let mut digit_comma = false;
    for c in text.chars() {
        let before = std::mem::replace(&mut prev, c);
        if std::mem::replace(&mut digit_comma, c == ',' && before.is_ascii_digit())
            && c.is_whitespace()
        {
            pause = !tokens.is_empty();
        }
        if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{2bc}') {
            continue;
        }
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase().map(fold_accent));
            typed.extend(c.to_lowercase());
            continue;
        }
        if !current.is_empty() {
            let word = std::mem::take(&mut current);
            push(
                &mut tokens,
                &word,
                std::mem::take(&mut typed),
                clause,
                pause,
            );
            pause = false;
        }
        // A comma, dash, colon, quotation mark or ellipsis between words (not inside "1,000", "T-visa" or
        // "10:30"). A colon opens what a frame before it governs ("training scenario: a
        // caller locked in"): a pause in its clause, not a clause of its own.
        // A quotation mark sets the words quoted apart the same way ("you go to the labor
        // board, I call la migra" that's what he told us).
        if (matches!(
            c,
            ',' | ':'
                | '"'
                | '\u{201c}'
                | '\u{201d}'
                | '\u{ab}'
                | '\u{bb}'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2026}'
        ) && !before.is_ascii_digit())
            || (c == '-' && before.is_whitespace())
        {
            // A colon after a note's one first word is its heading ("Tip:", "Report:",
            // "Denuncia:"): what follows is what the heading is about, no pause.
            let heading = c == ':' && tokens.len() == 1;
            pause = !tokens.is_empty() && !heading;
        }
        if c == '&' {
            tokens.push(Token {
                text: "and".to_string(),
                written: "&".to_string(),
                clause,
                pause: false,
            });
        }
        // A sentence's end, or a `;` or a line break, ends a clause (a decimal point or
        // "U.S." does not: a clause needs a word before its end).
        if matches!(c, '.' | '!' | '?' | ';' | '\n' | '¿' | '¡')
            && tokens
                .last()
                .is_some_and(|t| t.clause == clause && t.text.chars().count() > 1)
        {
            if c == '?' {
                questions.push(clause);
            }
            clause = clause.saturating_add(1);
        }
    }
    if !current.is_empty() {
        push(&mut tokens, &current, typed, clause, pause);
    }
    (tokens, questions)
}

/// Units of age written against the number: "15yo", "16yrs".
const AGE_UNITS: [&str; 16] = [
    "yo", "y", "yr", "yrs", "year", "years", "month", "months", "mo", "mos", "wk", "wks", "week",
    "weeks", "day", "days",
];

/// "15yo" -> "15" "yo"; "16yrs" -> "16" "yrs". Other mixes (h2a, 2a) stay whole.
fn split_number_units(tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        let text = &token.text;
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        // "24F", "17M" in a case note: an age and a sex.
        let age_and_sex = digits > 0 && digits <= 2 && matches!(&text[digits..], "f" | "m");
        if digits > 0
            && digits < text.len()
            && (AGE_UNITS.contains(&&text[digits..]) || age_and_sex)
        {
            out.push(Token {
                text: text[..digits].to_string(),
                written: token.written.clone(),
                clause: token.clause,
                pause: token.pause,
            });
            out.push(Token {
                text: text[digits..].to_string(),
                written: token.written,
                clause: token.clause,
                pause: false,
            });
        } else {
            out.push(token);
        }
    }
    out
}

/// Glues a lone letter to the word after it, so that T-visa, T visa and tvisa, J/TIP and
/// JTIP, or U.S. and US all read the same.
fn glue_letters(tokens: Vec<Token>, joins: &[Text]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut pending: Option<Token> = None;
    let lone_letter = |token: &Token| {
        token.text.chars().count() == 1
            && token.text.chars().all(char::is_alphabetic)
            && !STANDALONE_LETTERS.contains(&token.text.as_str())
    };
    for token in tokens {
        // A letter is glued to a number ("H 2A", "I 9"), another letter ("U S") or a word
        // that takes one ("T visa"), never to any word: "supplement B for her" is no "bfor".
        let joins_pending = lone_letter(&token)
            || token.text.starts_with(|c: char| c.is_ascii_digit())
            || joins.iter().any(|j| **j == *token.text);
        if let Some(prefix) = pending.take_if(|_| !joins_pending) {
            out.push(prefix);
        }
        let lone_letter = lone_letter(&token);
        if let Some(prefix) = pending.take() {
            let joined = Token {
                text: format!("{}{}", prefix.text, token.text),
                written: format!("{} {}", prefix.written, token.written),
                clause: prefix.clause,
                pause: prefix.pause,
            };
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
