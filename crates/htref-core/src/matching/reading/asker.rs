//! Who is asking, from the way the question speaks. The vocabulary's `asker_words` list the
//! phrases, most telling first: a benefits caseworker ("caseworker at social services")
//! before a case manager, roles ("detective", "my client") before the first person ("my
//! boss", "he makes me"), which is a survivor describing their own situation. A person
//! giving their own age as a minor ("I'm 17") is a survivor too.

use super::age::Age;
use super::{has, written};
use crate::data::{Asker, Vocabulary};
use crate::matching::normalize::{self, Token};
use crate::matching::rules::Words;

pub fn read(tokens: &[Token], vocabulary: &Vocabulary, ages: &[Age]) -> Option<(Asker, String)> {
    let found = vocabulary.asker_words.iter().find_map(|(phrase, asker)| {
        // The phrases are analyzed at build time (`Vocabulary::analyze`).
        (0..tokens.len()).find_map(|at| {
            let len = normalize::phrase_at(tokens, at, phrase)?;
            (!denied(&tokens[..at], &vocabulary.rules.words))
                .then(|| (*asker, written(&tokens[at..at + len])))
        })
    });
    if let Some((asker, words)) = &found
        && *asker != Asker::Survivor
    {
        return Some((*asker, words.clone()));
    }
    ages.iter()
        .find(|a| a.of_self)
        .map(|a| (Asker::Survivor, a.words.clone()))
        .or(found)
}

/// Whether the words just before a phrase deny it ("applied without a lawyer"): the
/// nearest word, or the one before an article or "have".
fn denied(before: &[Token], w: &Words) -> bool {
    before
        .iter()
        .rev()
        .take(3)
        .take_while(|t| {
            has(&w.denials, t.text.as_str())
                || ["a", "an", "have", "any", "my"].contains(&t.text.as_str())
        })
        .any(|t| has(&w.denials, t.text.as_str()))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::reading;
    use crate::data::Asker;

    fn asker(text: &str) -> Option<Asker> {
        reading(text).asker.map(|(a, _)| a)
    }

    #[test]
    fn askers_are_read_from_the_question() {
        for (text, who) in [
            (
                "caseworker at social services, client has a certification letter",
                Asker::Benefits,
            ),
            ("I'm a case manager", Asker::Advocate),
            (
                "detective needs the I-914 Supplement B signed",
                Asker::LawEnforcement,
            ),
            (
                "I'm an officer with a victim in custody",
                Asker::LawEnforcement,
            ),
            ("special agent working a labor case", Asker::LawEnforcement),
            ("my client's U visa", Asker::Advocate),
            ("immigration lawyer here", Asker::Attorney),
            ("my student told me she is being sold", Asker::Educator),
            ("my boss took my passport", Asker::Survivor),
            ("he makes me have sex with his friends", Asker::Survivor),
            ("I'm 17 and my boyfriend sells me", Asker::Survivor),
            ("mi patrón no me paga", Asker::Survivor),
        ] {
            assert_eq!(asker(text), Some(who), "{text}");
        }
        for text in [
            "I applied for my T visa by myself without a lawyer",
            "I don't have a lawyer",
            "labor",
            "16 year old from Honduras forced to work on a farm",
            "can you help me find the hotline",
        ] {
            assert_eq!(asker(text), None, "{text}");
        }
    }
}
