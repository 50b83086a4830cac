//! Reading a question the way a trained call-taker hears it, before any need is matched.
//!
//! Matching words alone misreads calls: "not paid 2 months" is no child, "the crew leader
//! took our passports" is no abduction, "no police" is no request for the police, and "my
//! boss threatens to call ICE" asks for anything but ICE. Each piece below finds one thing
//! in the question's tokens, records it with the words it came from, and rewrites the
//! tokens so the matcher sees what was meant:
//!
//! - [`language`]: Spanish or English; Spanish is read through a lexicon into English words.
//! - [`age`]: a person's age (a minor or an adult) apart from durations and counts.
//! - [`forms`]: immigration forms and legal terms (I-914 Supplement B is a T visa matter).
//! - [`threat`]: an agency named as a threat (a control tactic, a sign of trafficking).
//! - [`avoid`]: what the caller will not have ("no police", "afraid of the cops").
//! - [`documents`]: documents taken or held (a sign of trafficking, not an abduction).
//! - [`travel`]: a country one travels or is taken to (abroad), or comes from.
//! - [`danger`]: danger now ("he has a knife"), and danger said not to be there ("she is
//!   safe now") or put out of the present ("last year he beat her").
//!
//! Which words a "not", a "last year" or an "if" reaches is decided in one place,
//! [`super::rules::Scopes`], from the cues in `data/rules/reading.ron`; the word lists each
//! piece tells things apart with are there too ([`super::rules::Words`]), never in code.
//! - [`wants`]: what the caller wants of the call (to report).
//! - [`asker`]: who is asking, from the way they speak.

pub mod age;
pub mod asker;
pub mod avoid;
pub mod danger;
pub mod documents;
pub mod forms;
pub mod language;
pub mod threat;
pub mod travel;
pub mod wants;

use super::normalize::{self, Normalizer, Token, Word};
use super::rules::{ScopeKind, Scopes, Words};
use crate::data::{Asker, Vocabulary};
pub use language::Lang;

/// What the reading found in a question, each finding with the words it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub language: Lang,
    pub ages: Vec<age::Age>,
    /// Words that say the person is a minor without an age ("teen boy", "underage",
    /// "adolescente"), outside a "not": a minor's case as an age would make it.
    pub minor_named: Vec<String>,
    /// Lengths of time ("2 months", "for 5 years"): never ages.
    pub durations: Vec<String>,
    pub forms: Vec<forms::Form>,
    pub threats: Vec<threat::Threat>,
    pub avoid: Vec<avoid::Avoid>,
    /// Documents taken or held ("took our passports").
    pub documents_held: Vec<String>,
    /// Countries someone travels or is taken to ("going to Thailand").
    pub destinations: Vec<String>,
    /// A U.S. citizen and a country where someone is or goes, said in one clause ("her
    /// son, a US citizen, is locked in a compound in Cambodia"): the words of each. "I'm a
    /// US citizen in Ohio" beside a cousin in Kenya in another sentence is none.
    pub citizen_abroad: Option<(String, String)>,
    /// Words saying someone may be in danger now ("he has a knife"): the 911 line.
    pub danger: Vec<String>,
    /// Words saying nobody is in danger now ("she is safe now"), or danger words the
    /// question puts out of the present ("not locked in", "last year he beat her").
    pub no_danger: Vec<String>,
    /// Words that put the question in the present ("right now", "tonight", "ahorita"),
    /// outside any negation, past or supposition: a need that is danger in itself (a child
    /// sold) brings the 911 line only when the question says it happens now.
    pub present: Vec<String>,
    /// The words (as written) the question puts in the past, a supposition or a film (a
    /// scope other than negation): a need that is danger in itself ("a 15-year-old sold
    /// online") brings the 911 line only when some of its words are outside them; "she ran
    /// away last week" puts only itself in the past.
    pub out_of_present: Vec<String>,
    /// Who the question says is asking, and the words that say it.
    pub asker: Option<(Asker, String)>,
    /// What the caller wants of the call ("who do I tell": to report).
    pub wants: Vec<wants::Wanted>,
    /// Wants whose words the question puts out of play or uses in another sense ("I don't
    /// want to report him", "report card"): their needs come from nothing but a want said.
    pub unwanted: Vec<wants::Wanted>,
    /// Abbreviations read without context in their safer sense ("CP" alone), with the
    /// senses the answer says in one line.
    pub ambiguous: Vec<super::rules::Ambiguity>,
    /// Words taken out as no one's need: children named as someone's family ("her kids"),
    /// a language said not to be spoken ("very little Spanish"). The learned weights,
    /// which read the question's own words, must not bring them back.
    pub set_aside: Vec<String>,
}

impl Reading {
    /// The words that make the person a minor: a minor's age, or a word that says so.
    pub fn minor(&self) -> Option<&str> {
        self.ages
            .iter()
            .find(|a| a.minor)
            .map(|a| a.words.as_str())
            .or(self.minor_named.first().map(String::as_str))
    }

    /// The situation as closed values, each once, in a fixed order: who asks, an age group,
    /// the language, what the caller wants, a threat and from whom, what the caller avoids,
    /// danger now, documents held, travel abroad, a U.S. citizen abroad, an immigration form. The learned weights
    /// read these beside the words ([`super::model`]): "a minor" or "threatened with
    /// immigration" weighs for a need whatever words said it. The names are plain words
    /// because the "matched" line may show one.
    pub fn findings(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if let Some((asker, _)) = &self.asker {
            out.push(match asker {
                Asker::Public => "asked by the public",
                Asker::Survivor => "asked by a survivor",
                Asker::Advocate => "asked by an advocate",
                Asker::Attorney => "asked by an attorney",
                Asker::LawEnforcement => "asked by law enforcement",
                Asker::Benefits => "asked by benefits staff",
                Asker::Educator => "asked by an educator",
            });
        }
        if self.minor().is_some() {
            out.push("a minor");
        } else if self.ages.iter().any(age::Age::of_victim) {
            out.push("an adult");
        }
        if self.language == Lang::Es {
            out.push("in Spanish");
        }
        for want in [super::rules::Want::Report, super::rules::Want::Text] {
            if self.wants.iter().any(|w| w.want == want) {
                out.push(match want {
                    super::rules::Want::Report => "wants to report",
                    super::rules::Want::Text => "wants to text",
                });
            }
        }
        for agency in [Agency::Immigration, Agency::Police] {
            if self.threats.iter().any(|t| t.agency == agency) {
                out.push(match agency {
                    Agency::Immigration => "threatened with immigration",
                    Agency::Police => "threatened with the police",
                });
            }
            if self.avoid.iter().any(|a| a.agency == agency) {
                out.push(match agency {
                    Agency::Immigration => "avoids immigration",
                    Agency::Police => "avoids the police",
                });
            }
        }
        if !self.danger.is_empty() {
            out.push("danger now");
        }
        if !self.documents_held.is_empty() {
            out.push("documents held");
        }
        if !self.destinations.is_empty() {
            out.push("going abroad");
        }
        if self.citizen_abroad.is_some() {
            out.push("a U.S. citizen abroad");
        }
        if !self.forms.is_empty() {
            out.push("an immigration form");
        }
        out
    }

    /// Whether the caller will not have this kind of agency, by fear, refusal or threat.
    pub fn avoids(&self, agency: Agency) -> bool {
        self.avoid.iter().any(|a| a.agency == agency)
            || self.threats.iter().any(|t| t.agency == agency)
    }
}

/// The kinds of agency a caller fears, refuses or is threatened with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, databake::Bake)]
#[databake(path = crate::matching::reading)]
pub enum Agency {
    /// Immigration enforcement: ICE, "la migra", deportation.
    Immigration,
    /// The police and other law enforcement.
    Police,
}

impl Agency {
    pub fn as_str(self) -> &'static str {
        match self {
            Agency::Immigration => "immigration",
            Agency::Police => "police",
        }
    }
}

/// A term or a name of the data as the words the matcher compares, every word kept
/// (names are matched on this: "Department of Labor"). Ages are read first, as in a
/// question, so that "16 year old" in a term and in a question meet as "minor".
pub fn all_words(normalizer: &Normalizer, words: &Words, text: &str) -> Vec<Word> {
    normalizer.finish(age::read(&normalize::tokens(text), words).2, false)
}

/// The same, stop words dropped: terms are matched on this.
pub fn content_words(normalizer: &Normalizer, words: &Words, text: &str) -> Vec<Word> {
    normalizer.finish(age::read(&normalize::tokens(text), words).2, true)
}

/// Reads a question: what it says, and the tokens the matcher should match.
pub fn read(vocabulary: &Vocabulary, text: &str) -> (Reading, Vec<Token>) {
    let (tokens, questions) = normalize::tokens_and_questions(text);
    let language = language::detect(&tokens, vocabulary);
    // Each piece reads single words: what one wrote as several words is split first.
    let tokens = flatten(language::translate(tokens, vocabulary, language));
    let asker_tokens = tokens.clone();
    let rules = &vocabulary.rules;
    let (ages, durations, mut tokens) = age::read(&tokens, &rules.words);
    let mut set_aside = take_out_last(&mut tokens, &rules.dependents);
    set_aside.extend(take_out_last(&mut tokens, &rules.unspoken));
    let mut tokens = flatten(tokens);
    let forms = forms::read(&mut tokens, &rules.words);
    let mut tokens = flatten(tokens);
    let ambiguous = super::rules::read_abbreviations(&mut tokens, &rules.abbreviations);
    let mut tokens = flatten(tokens);
    let spanish = language == Lang::Es;
    let scopes = Scopes::of(&tokens, &rules.scope, spanish);
    // A word that names a minor, not one an age was read into ("minor" from "16yo").
    let minor_named = (0..tokens.len())
        .filter(|&p| {
            has(&rules.words.minor_words, &tokens[p].text)
                && !tokens[p].written.bytes().any(|b| b.is_ascii_digit())
                && !scopes.within(p, &[ScopeKind::Negated])
        })
        .map(|p| tokens[p].written.clone())
        .collect();
    // "Nobody threatened me, I just wonder if they can deport me": a worry, not a threat.
    let no_threat = (0..tokens.len())
        .any(|at| super::rules::longest_at(&rules.words.no_threat, &tokens, at).is_some());
    let threats = if no_threat {
        Vec::new()
    } else {
        threat::read(
            &mut tokens,
            &scopes,
            &questions,
            &rules.threats,
            &rules.words,
        )
    };
    let mut tokens = flatten(tokens);
    // A refusal negates a wish in its reach ("I don't want to report anything to police")
    // though the avoid reader takes the refusal's word out: wishes are read under the
    // scopes from before it too (when it has an agency to read at all).
    let scopes_before_avoid = avoid::names_an_agency(&tokens, &rules.words)
        .then(|| Scopes::of(&tokens, &rules.scope, spanish));
    let avoid = avoid::read(&mut tokens, &rules.words);
    let documents_held = documents::read(&mut tokens, &rules.words);
    let (destinations, abroad) = travel::read(&mut tokens, vocabulary);
    let scopes = Scopes::of(&tokens, &rules.scope, spanish);
    let citizen_abroad = (0..tokens.len()).find_map(|at| {
        let len = super::rules::longest_at(&rules.words.us_citizen, &tokens, at)?;
        if scopes.within(at, &[ScopeKind::Negated]) {
            return None;
        }
        // In its sentence, or a few sentences either side when the citizen is someone
        // else: "my son is a US citizen, 24. He is on a boat off Fiji now", "she went to
        // be a nanny in Dubai, ... she's American" (but "I'm a US citizen in Texas. My
        // friend in Ghana..." is the caller, at home).
        let clause = tokens[at].clause;
        let of_self = (at.saturating_sub(3)..at)
            .any(|p| has(&rules.words.first_person, tokens[p].text.as_str()));
        let (place, _) = abroad
            .iter()
            .find(|(_, c)| *c == clause || (!of_self && c.abs_diff(clause) <= NEARBY_CLAUSES))?;
        Some((written(&tokens[at..at + len]), place.clone()))
    });
    let (wants, unwanted) = wants::read(
        &mut tokens,
        &scopes,
        scopes_before_avoid.as_ref(),
        &rules.wants,
    );
    let danger::DangerRead {
        now: danger,
        none: no_danger,
        present,
    } = danger::read(&mut tokens, &scopes, &rules.danger, &rules.words);
    let out_of_present = (0..tokens.len())
        .filter(|&p| {
            scopes.within(
                p,
                &[ScopeKind::Past, ScopeKind::Supposed, ScopeKind::Unreal],
            )
        })
        .map(|p| tokens[p].written.clone())
        .collect();
    let asker = asker::read(&asker_tokens, vocabulary, &ages);
    let reading = Reading {
        language,
        ages,
        minor_named,
        durations,
        forms,
        threats,
        avoid,
        documents_held,
        destinations,
        citizen_abroad,
        danger,
        no_danger,
        present,
        out_of_present,
        asker,
        wants,
        unwanted,
        ambiguous,
        set_aside,
    };
    (reading, flatten(tokens))
}

/// Tokens a piece emptied are gone; a token rewritten as several words becomes several
/// tokens, each remembering what was written.
fn flatten(tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        if token.text.contains(' ') {
            out.extend(
                token
                    .text
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .enumerate()
                    .map(|(n, w)| Token {
                        text: w.to_string(),
                        written: token.written.clone(),
                        clause: token.clause,
                        // The pause stood before the first word only: ", no quiero
                        // denunciar" (read ", dont want report") is negated to its end.
                        pause: token.pause && n == 0,
                    }),
            );
        } else if !token.text.is_empty() {
            out.push(token);
        }
    }
    out
}

/// The words written for a span of tokens, for a finding.
fn written(tokens: &[Token]) -> String {
    let mut words: Vec<&str> = tokens
        .iter()
        .map(|t| t.written.as_str())
        .filter(|w| !w.is_empty())
        .collect();
    // A word split in two ("14yo" -> "14" "yo") is written once.
    words.dedup();
    words.join(" ")
}

/// Whether a token reads as one of these words.
fn is<S: AsRef<str>>(token: Option<&Token>, words: &[S]) -> bool {
    token.is_some_and(|t| has(words, &t.text))
}

/// How many sentences from a place abroad someone else's citizenship may be said.
const NEARBY_CLAUSES: u16 = 3;

/// Whether a word is one of a list's (a list from the rules or a few words written here).
fn has<S: AsRef<str>>(words: &[S], word: &str) -> bool {
    words.iter().any(|w| w.as_ref() == word)
}

/// The position of the first token at or after `from`, within `reach` tokens, that is one
/// of `wanted`, when every token passed on the way is one of `between`.
fn ahead<S: AsRef<str>, T: AsRef<str>>(
    tokens: &[Token],
    from: usize,
    reach: usize,
    wanted: &[S],
    between: &[T],
) -> Option<usize> {
    for (i, token) in tokens.iter().enumerate().skip(from).take(reach) {
        if has(wanted, &token.text) {
            return Some(i);
        }
        if !has(between, &token.text) {
            return None;
        }
    }
    None
}

/// The same looking back from just before `before`.
fn behind<S: AsRef<str>, T: AsRef<str>>(
    tokens: &[Token],
    before: usize,
    reach: usize,
    wanted: &[S],
    between: &[T],
) -> Option<usize> {
    for i in (before.saturating_sub(reach)..before).rev() {
        let text = tokens[i].text.as_str();
        if has(wanted, text) {
            return Some(i);
        }
        if !has(between, text) {
            return None;
        }
    }
    None
}

/// Empties a token: the matcher will not see it, and its words stay in the finding.
/// Takes out the last word of each pattern found: the child's word of children named as
/// someone's family or charge ("watch the kids", "home to her kids"), a language said not
/// to be spoken ("very little Spanish"). No need reads them (`dependents` and `unspoken`
/// in data/rules/reading.ron).
fn take_out_last(tokens: &mut [Token], patterns: &[super::rules::Steps]) -> Vec<String> {
    let mut taken = Vec::new();
    for at in 0..tokens.len() {
        if let Some(end) = patterns.iter().find_map(|p| p.end(tokens, at)) {
            taken.push(tokens[end].written.clone());
            consume(&mut tokens[end]);
        }
    }
    taken
}

fn consume(token: &mut Token) {
    token.text.clear();
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::data::Vocabulary;
    use std::sync::OnceLock;

    /// The bundled vocabulary, read from data/ as build.rs reads it (this crate has no
    /// baked data of its own).
    pub fn vocabulary() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(|| {
            Vocabulary::read(
                include_str!("../../../../../data/vocabulary.ron"),
                include_str!("../../../../../data/rules/reading.ron"),
            )
            .expect("the bundled vocabulary and rules")
        })
    }

    /// What a question reads as, with the bundled vocabulary.
    pub fn reading(text: &str) -> super::Reading {
        super::read(vocabulary(), text).0
    }

    /// The words the matcher is given for a question.
    pub fn words(text: &str) -> Vec<String> {
        super::read(vocabulary(), text)
            .1
            .into_iter()
            .map(|t| t.text)
            .collect()
    }
}

#[cfg(test)]
mod findings {
    use super::test_support::reading;

    #[test]
    fn the_situation_comes_out_as_closed_values_in_a_fixed_order() {
        let f = reading("my 15 yr old niece, her manager says he will call la migra if she quits")
            .findings();
        assert!(f.contains(&"a minor"), "{f:?}");
        assert!(f.contains(&"threatened with immigration"), "{f:?}");
        assert!(!f.contains(&"danger now"), "{f:?}");
        let g = reading("quiero denunciar a mi patron, tiene un cuchillo").findings();
        assert!(
            g.contains(&"in Spanish") && g.contains(&"wants to report"),
            "{g:?}"
        );
        assert!(g.contains(&"danger now"), "{g:?}");
        let mut sorted = g.clone();
        sorted.dedup();
        assert_eq!(sorted, g, "each finding once");
        assert!(reading("what is labor trafficking").findings().is_empty());
    }
}

#[cfg(test)]
mod words_of_the_data {
    use super::super::normalize::Normalizer;
    use crate::data::Vocabulary;
    use std::borrow::Cow;

    static VOCABULARY: Vocabulary = Vocabulary {
        stopwords: Cow::Borrowed(&[
            Cow::Borrowed("a"),
            Cow::Borrowed("the"),
            Cow::Borrowed("of"),
            Cow::Borrowed("my"),
            Cow::Borrowed("to"),
            Cow::Borrowed("on"),
        ]),
        spellings: Cow::Borrowed(&[
            (Cow::Borrowed("labour"), Cow::Borrowed("labor")),
            (Cow::Borrowed("yo"), Cow::Borrowed("year old")),
        ]),
        synonyms: Cow::Borrowed(&[(Cow::Borrowed("kid"), Cow::Borrowed("child"))]),
        common_words: Cow::Borrowed(&[]),
        weak_terms: Cow::Borrowed(&[]),
        asker_words: Cow::Borrowed(&[]),
        spanish: Cow::Borrowed(&[]),
        countries: Cow::Borrowed(&[]),
        compounds: Cow::Borrowed(&[]),
        rules: crate::matching::rules::ReadingRules {
            words: crate::matching::rules::Words {
                letter_joins: Cow::Borrowed(&[Cow::Borrowed("visa"), Cow::Borrowed("tip")]),
                ..crate::matching::rules::Words::EMPTY
            },
            ..crate::matching::rules::ReadingRules::EMPTY
        },
    };

    fn normalizer() -> Normalizer<'static> {
        Normalizer::new(&VOCABULARY)
    }

    /// The bundled word lists: ages are read with them.
    fn lists() -> &'static crate::matching::rules::Words {
        &super::test_support::vocabulary().rules.words
    }

    fn surfaces(text: &str) -> Vec<String> {
        super::content_words(&normalizer(), lists(), text)
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
        // A letter is glued only to a word that takes one: "supplement B for her".
        assert_eq!(
            surfaces("supplement B for her"),
            ["supplement", "b", "for", "her"]
        );
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
        assert_eq!(surfaces("I am 16"), ["i", "am", "minor"]);
        assert_eq!(surfaces("she is 15"), ["she", "is", "minor"]);
    }

    #[test]
    fn spelling_possessives_and_stems() {
        let n = normalizer();
        let stems = |t: &str| -> Vec<String> {
            super::content_words(&n, lists(), t)
                .into_iter()
                .map(|w| w.stem)
                .collect()
        };
        assert_eq!(stems("Labour"), stems("labor"));
        assert_eq!(stems("client's passports"), stems("client passport"));
        assert_eq!(stems("wages"), stems("wage"));
        assert_eq!(surfaces("Rescue & Restore"), ["rescue", "and", "restore"]);
        assert_eq!(surfaces("kid"), ["child"]);
    }

    #[test]
    fn words_remember_what_was_written() {
        let written: Vec<String> =
            super::content_words(&normalizer(), lists(), "a 16 year old kid on T-visa")
                .into_iter()
                .map(|w| w.written)
                .collect();
        assert_eq!(written, ["16 year old", "kid", "t visa"]);
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
            let words = super::content_words(&normalizer(), lists(), text);
            // No word is empty or carries a control character, whatever came in.
            for word in &words {
                let shown = format!("{word:?}");
                assert!(
                    !shown.contains("\\u{0}") && !shown.contains("\\u{1b}"),
                    "{text:?}: {shown}"
                );
            }
            if text.trim().is_empty() || text == "-" {
                assert!(words.is_empty(), "{text:?}: {words:?}");
            }
        }
    }
}
