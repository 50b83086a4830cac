//! The question's language, and Spanish read as English.
//!
//! The hotline serves callers in Spanish; so must htref. A question is Spanish when more of
//! its words are Spanish than English (by the committed word lists). Its words are then read
//! through the vocabulary's Spanish lexicon (`spanish` in data/vocabulary.ron: a word or
//! phrase and the English words it stands for), so every need's English terms, and every
//! later piece of the reading, apply to it. Lexicon entries that are not English words
//! ("migra", "patrón") are read in any question: "my boss threatens la migra" is English
//! with a Spanish word in it.

use super::has;
use crate::data::Vocabulary;
use crate::matching::normalize::{self, Token};
use crate::matching::rules::Words;
use crate::matching::words::{self, first_word_run};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// One of the answer's own words in this language; both forms sit side by side where
    /// the word is used, so a new marker cannot be written in one language only.
    pub fn say(self, english: &'static str, spanish: &'static str) -> &'static str {
        match self {
            Lang::En => english,
            Lang::Es => spanish,
        }
    }
}

/// Whether a token is Spanish: a function word, a lexicon entry or a Spanish word.
fn spanish(vocabulary: &Vocabulary, word: &str) -> bool {
    has(&vocabulary.rules.words.spanish_function_words, word)
        || entries(vocabulary, word).any(|(key, _)| key == word)
        || words::is_spanish(word)
}

/// Spanish when more of the words are only Spanish than only English.
pub fn detect(tokens: &[Token], vocabulary: &Vocabulary) -> Lang {
    let (mut es, mut en) = (0usize, 0usize);
    let mut after_number = false;
    for (seen, token) in tokens.iter().enumerate() {
        // Decided once the words left could not change it: a long English question need
        // not have each of its words looked up in the Spanish lists too.
        let left = tokens.len() - seen;
        if es > en + left || en >= es + left {
            break;
        }
        let word = token.text.as_str();
        let number = word.bytes().all(|b| b.is_ascii_digit());
        // "15 yo" is English for a 15-year-old, not the Spanish "yo".
        let follows_number = std::mem::replace(&mut after_number, number);
        if number || follows_number {
            continue;
        }
        let is_es = spanish(vocabulary, word);
        let is_en =
            words::is_english(word) && !has(&vocabulary.rules.words.spanish_function_words, word);
        match (is_es, is_en) {
            (true, false) => es += 1,
            (false, true) => en += 1,
            _ => {}
        }
    }
    if es > en { Lang::Es } else { Lang::En }
}

/// The lexicon's entries whose first word is this one (the lexicon is sorted by build.rs,
/// so they stand together: "no", "no me pagan", "no quiero").
fn entries<'v>(vocabulary: &'v Vocabulary, word: &str) -> impl Iterator<Item = (&'v str, &'v str)> {
    first_word_run(&vocabulary.spanish, |(key, _)| key, word)
        .iter()
        .map(|(key, english)| (key.as_ref(), english.as_ref()))
}

/// Whether a Spanish word ends as an infinitive or a gerund does ("matar", "siguiendo"),
/// with a stem before the ending.
fn ends_as_verb(word: &str, words: &Words) -> bool {
    words.spanish_verb_endings.iter().any(|ending| {
        word.strip_suffix(ending.as_ref())
            .is_some_and(|stem| stem.len() >= 2)
    })
}

/// A Spanish verb without the pronoun written onto it, and the English word the pronoun
/// reads as: "matarnos" -> ("matar", "us"), "siguiendome" -> ("siguiendo", "me"); `None`
/// for a word that is no such verb ("carlos").
fn without_clitic<'w>(word: &'w str, words: &'w Words) -> Option<(&'w str, &'w str)> {
    words
        .spanish_clitics
        .iter()
        .filter_map(|(clitic, english)| {
            Some((word.strip_suffix(clitic.as_ref())?, english.as_ref()))
        })
        .find(|(verb, _)| ends_as_verb(verb, words))
}

/// A pronoun, a helping verb and the verb it helps (a gerund or an infinitive), read in
/// English order: "la está vendiendo" -> "is selling her", "la van a vender" -> "will sell
/// her". `None` unless all three stand there; the words the lexicon lacks stay as written.
fn climbed<'a>(
    tokens: &'a [Token],
    i: usize,
    rules: &'a Words,
    best_at: &impl Fn(usize) -> Option<(usize, &'a str)>,
) -> Option<(usize, Vec<Token>)> {
    let pronoun = rules
        .spanish_clitics
        .iter()
        .find(|(clitic, _)| *clitic == tokens[i].text)
        .map(|(_, english)| english.as_ref())
        .filter(|english| !english.is_empty())?;
    // The helper as the lexicon reads it ("va a" -> "will"), or as written when it has no
    // reading ("sigue").
    let (helper_len, helper) = best_at(i + 1)
        .filter(|(len, _)| {
            let span = tokens.get(i + 1..i + 1 + len).unwrap_or_default();
            has(&rules.spanish_helping_verbs, &written_key(span))
        })
        .or_else(|| {
            let word = tokens.get(i + 1)?.text.as_str();
            has(&rules.spanish_helping_verbs, word).then_some((1, word))
        })?;
    let at = i + 1 + helper_len;
    let verb = tokens.get(at)?;
    if !ends_as_verb(&verb.text, rules) {
        return None;
    }
    // The verb may begin a phrase of the lexicon: "les va a hacer daño" is "will hurt them".
    let (verb_len, verb_english) = best_at(at).unwrap_or((1, verb.text.as_str()));
    let end = at + verb_len;
    let written = super::written(&tokens[i..end]);
    let token = |text: &str, from: &Token| Token {
        text: text.to_string(),
        written: written.clone(),
        ..from.clone()
    };
    // A reading of several words ("is", "will") is one token here, as elsewhere in this
    // pass; the normalizer splits it.
    Some((end - i, {
        // The pronoun after the verb's first word: "return her home".
        let (first, rest) = verb_english.split_once(' ').unwrap_or((verb_english, ""));
        let mut read = vec![
            token(helper, &tokens[i]),
            token(first, verb),
            token(pronoun, verb),
        ];
        if !rest.is_empty() {
            read.push(token(rest, verb));
        }
        read
    }))
}

/// Whether a Spanish word is an infinitive by its ending ("matar", "hacer", "ir" is too
/// short to tell from other words and is left out).
fn infinitive(word: &str) -> bool {
    ["ar", "er", "ir"].iter().any(|ending| {
        word.strip_suffix(ending)
            .is_some_and(|stem| stem.len() >= 2)
    })
}

/// Spanish marks a person acted on with "a" ("matar a la muchacha"); English has no word
/// there ("kill the young woman"), and "to" would hide the harm from every rule. After an
/// infinitive and before a determiner, the "a" is read as no word (its quote goes with the
/// next word's), unless a phrase of the lexicon holds it ("la quiere meter a").
fn personal_a(mut tokens: Vec<Token>, vocabulary: &Vocabulary) -> Vec<Token> {
    let rules = &vocabulary.rules.words;
    let mut k = 1;
    while k + 1 < tokens.len() {
        let personal = tokens[k].text == "a"
            && infinitive(&tokens[k - 1].text)
            && has(&rules.spanish_personal_a_before, &tokens[k + 1].text)
            && !(k.saturating_sub(4)..k).any(|start| {
                entries(vocabulary, &tokens[start].text).any(|(key, _)| {
                    normalize::phrase_at(&tokens, start, key).is_some_and(|len| start + len > k)
                })
            });
        if personal {
            let a = tokens.remove(k);
            tokens[k].written = format!("{} {}", a.written, tokens[k].written);
        }
        k += 1;
    }
    tokens
}

/// The words of a span as the lexicon keys them, space-separated.
fn written_key(span: &[Token]) -> String {
    let words: Vec<&str> = span.iter().map(|t| t.text.as_str()).collect();
    words.join(" ")
}

/// Pronouns written onto a verb, read off it as words of their own ("matarnos" -> "matar"
/// "us").
fn split_clitics(tokens: Vec<Token>, vocabulary: &Vocabulary) -> Vec<Token> {
    let mut split = Vec::with_capacity(tokens.len() + 2);
    for token in tokens {
        let found = entries(vocabulary, &token.text)
            .next()
            .is_none()
            .then(|| without_clitic(&token.text, &vocabulary.rules.words))
            .flatten();
        match found {
            Some((verb, pronoun)) => {
                let pronoun = (!pronoun.is_empty()).then(|| Token {
                    text: pronoun.to_string(),
                    written: token.written.clone(),
                    clause: token.clause,
                    pause: false,
                });
                split.push(Token {
                    text: verb.to_string(),
                    ..token
                });
                split.extend(pronoun);
            }
            None => split.push(token),
        }
    }
    split
}

/// Rewrites Spanish words and phrases as the English words the lexicon gives; the longest
/// phrase wins. Words the lexicon lacks stay as they are.
pub fn translate(mut tokens: Vec<Token>, vocabulary: &Vocabulary, language: Lang) -> Vec<Token> {
    if vocabulary.spanish.is_empty() {
        return tokens;
    }
    if language == Lang::Es {
        tokens = personal_a(split_clitics(tokens, vocabulary), vocabulary);
    }
    let best_at = |i: usize| {
        entries(vocabulary, &tokens.get(i)?.text)
            .filter_map(|(key, english)| {
                // Keys are analyzed at build time (`Vocabulary::analyze`).
                let len = normalize::phrase_at(&tokens, i, key)?;
                // A one-word entry that is also English ("a", "son") waits for Spanish, and
                // a word after a number is its unit ("15 yo" is fifteen years old).
                let after_number = i > 0 && tokens[i - 1].text.bytes().all(|b| b.is_ascii_digit());
                let applies =
                    len > 1 || language == Lang::Es || (!words::is_english(key) && !after_number);
                applies.then_some((len, english))
            })
            .max_by_key(|(len, _)| *len)
    };
    let rules = &vocabulary.rules.words;
    let object_pronouns = &rules.spanish_object_pronouns;
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let best = best_at(i);
        // A pronoun before a helping verb belongs to the verb after it: "la está
        // vendiendo" is "is selling her", "lo van a deportar" "will deport him".
        // "amenazando con matar": a preposition before an infinitive reads "to" ("threatening
        // to kill"); before anything else, as the lexicon has it ("con la migra": with).
        if language == Lang::Es
            && best.is_none_or(|(len, _)| len == 1)
            && let Some((_, to)) = rules
                .spanish_before_infinitive
                .iter()
                .find(|(word, _)| *word == tokens[i].text)
            && tokens.get(i + 1).is_some_and(|next| infinitive(&next.text))
        {
            out.push(Token {
                text: to.to_string(),
                ..tokens[i].clone()
            });
            i += 1;
            continue;
        }
        // (A phrase of the lexicon that begins with the pronoun reads it whole: "la quiere
        // meter a" is "forcing her into".)
        if language == Lang::Es
            && best.is_none_or(|(len, _)| len == 1)
            && let Some((len, read)) = climbed(&tokens, i, rules, &best_at)
        {
            i += len;
            out.extend(read);
            continue;
        }
        // Spanish puts an object pronoun before its verb ("me vende", "le pegan"), English
        // after it: "sells me", "hit him", as every English phrase of the rules is written.
        // Only when the pronoun and the verb are each one word of the lexicon.
        let verb = (language == Lang::Es
            && best.is_some_and(|(len, _)| len == 1)
            && has(object_pronouns, &tokens[i].text)
            && i + 1 < tokens.len()
            && !has(object_pronouns, &tokens[i + 1].text)
            // "me quitan a mis hijos", "le quiebra las piernas": the one taken, or the
            // thing of the pronoun's, follows; the pronoun stays where it stands.
            && tokens
                .get(i + 2)
                .is_none_or(|t| !has(&rules.spanish_not_object_after, &t.text)))
        .then(|| best_at(i + 1))
        .flatten()
        // "le está pegando", "me quiere matar", "que le reporte": a helping verb, or a
        // verb whose pronoun is whom to, keeps the pronoun before it.
        .filter(|(len, english)| {
            *len == 1 && !english.contains(' ') && !has(&rules.spanish_pronoun_stays, english)
        });
        if let (Some((_, pronoun)), Some((_, verb))) = (best, verb) {
            // Both words quote the pair as typed: a quote of either, or of both, reads
            // "me vende", never "vende me".
            let written = super::written(&tokens[i..i + 2]);
            out.push(Token {
                text: verb.to_string(),
                written: written.clone(),
                ..tokens[i + 1].clone()
            });
            out.push(Token {
                text: pronoun.to_string(),
                written,
                ..tokens[i].clone()
            });
            i += 2;
            continue;
        }
        if let Some((len, english)) = best {
            let span = &tokens[i..i + len];
            out.push(Token {
                text: english.to_string(),
                written: super::written(span),
                clause: span[0].clause,
                pause: span[0].pause,
            });
            i += len;
        } else {
            out.push(tokens[i].clone());
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{reading, words};
    use super::Lang;

    #[test]
    fn spanish_questions_are_spanish() {
        for text in [
            "me quitaron el pasaporte y no me pagan",
            "trabajo forzado",
            "mi hija de 15 años está siendo vendida por internet",
            "no quiero hablar con la policía",
            "numero para sordos",
            "necesito ayuda",
        ] {
            assert_eq!(reading(text).language, Lang::Es, "{text}");
        }
        for text in [
            "labor",
            "my boss threatens to call la migra",
            "16 year old from Honduras forced to work on a farm",
            "visa status",
            "T visa",
        ] {
            assert_eq!(reading(text).language, Lang::En, "{text}");
        }
    }

    #[test]
    fn spanish_reads_as_english_words() {
        let read = words("me quitaron el pasaporte y no me pagan");
        assert!(read.contains(&"documents".to_string()), "{read:?}");
        assert!(read.contains(&"paid".to_string()), "{read:?}");
        assert!(words("trabajo forzado").contains(&"forced".to_string()));
        assert_eq!(words("policia"), words("policía"));
        // A pronoun written onto a verb is read off it, as its own word.
        let read = words("quiere matarnos");
        assert!(read.contains(&"kill".to_string()), "{read:?}");
        assert!(read.contains(&"us".to_string()), "{read:?}");
        // A pronoun before its verb is read after it, as English has it: "sells me".
        let read = words("mi novio me vende por snap");
        let at = read.iter().position(|w| w == "sells").expect("sells");
        assert_eq!(read.get(at + 1).map(String::as_str), Some("me"), "{read:?}");
        // Not when the one taken or owned follows: "me quitan a mis hijos", "le quiebra
        // las piernas" keep their order.
        for text in ["me quitan a mis hijos", "le quiebra las piernas"] {
            let read = words(text);
            assert!(
                !read.first().is_some_and(|w| w != "him" && w != "me"),
                "{text}: {read:?}"
            );
        }
        // A pronoun before a helping verb is read after the verb it helps; "con" before an
        // infinitive is "to"; a person acted on takes no "to".
        let in_order = |text: &str, want: &[&str]| {
            let read = words(text);
            assert!(
                read.windows(want.len()).any(|w| w == want),
                "{text}: {read:?}"
            );
        };
        in_order("el hombre la está vendiendo", &["is", "selling", "her"]);
        in_order("lo van a regresar a su país", &["will", "return", "him"]);
        in_order(
            "está amenazando con matar a la muchacha",
            &["threatening", "to", "kill", "the"],
        );
        // A phrase of the lexicon that holds the pronoun or the "a" reads it whole.
        in_order("la quiere meter a una van", &["forcing", "her", "into"]);
        // Not from a name that only ends like one.
        assert!(words("carlos trabaja en la granja").contains(&"carlos".to_string()));
        assert!(
            words("my boss threatens la migra")
                .iter()
                .all(|w| w != "migra")
        );
    }
}
