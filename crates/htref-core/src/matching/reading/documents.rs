//! Documents taken or held: "the crew leader took our passports", "passports held", "he
//! keeps my ID", "me quitaron el pasaporte". Holding someone's documents is a sign of
//! forced labor or sex trafficking; it is not a parental abduction ("took") and not, by
//! itself, immediate danger ("held"). The verb is taken out and the matcher sees "withheld
//! documents" (labor trafficking's sign), or only "documents" where the question is about
//! commercial sex, which its own words already say.

use super::{ahead, behind, consume, has, written};
use crate::matching::normalize::Token;
use crate::matching::rules::Words;

pub fn read(tokens: &mut [Token], w: &Words) -> Vec<String> {
    let sexual = tokens
        .iter()
        .any(|t| has(&w.documents_sex, t.text.as_str()));
    let mut found = Vec::new();
    for at in 0..tokens.len() {
        if !has(&w.documents, tokens[at].text.as_str()) {
            continue;
        }
        let verb = behind(tokens, at, 4, &w.hold, &w.before_documents)
            // "has"/"have" hold only with an owner between: "has my passport", not
            // "has no papers" (undocumented, another need).
            .filter(|&v| {
                !matches!(tokens[v].text.as_str(), "has" | "have")
                    || tokens[v + 1..at].iter().any(|t| {
                        matches!(
                            t.text.as_str(),
                            "my" | "our" | "their" | "her" | "his" | "your"
                        )
                    })
            })
            .or_else(|| {
                ahead(tokens, at + 1, 3, &w.hold, &w.after_documents).filter(|&v| {
                    !matches!(
                        tokens[v].text.as_str(),
                        "has" | "have" | "take" | "keep" | "hold"
                    )
                })
            });
        let Some(verb) = verb else { continue };
        let (start, end) = (verb.min(at), verb.max(at));
        let words = written(&tokens[start..=end]);
        found.push(words.clone());
        consume(&mut tokens[verb]);
        tokens[at].written = words;
        // "IDs locked in his office safe": the documents are locked away, not a person.
        if let Some(locked) = ahead(
            tokens,
            at + 1,
            3,
            &["locked", "lock", "locks"],
            &w.after_documents,
        ) {
            consume(&mut tokens[locked]);
        }
        tokens[at].text = if sexual {
            "documents"
        } else {
            "withheld documents"
        }
        .to_string();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{reading, words};

    #[test]
    fn documents_held_are_a_sign() {
        for text in [
            "the crew leader took our passports",
            "passports held by the employer",
            "he keeps my ID",
            "our passports were taken",
            "the boss has all of our passports",
            "me quitaron el pasaporte",
            "el patrón tiene nuestros pasaportes",
            "employer keeps all the workers IDs locked in his office safe",
        ] {
            assert!(!reading(text).documents_held.is_empty(), "{text}");
        }
        let read = words("the crew leader took our passports");
        assert!(!read.contains(&"took".to_string()), "{read:?}");
        assert!(read.contains(&"withheld".to_string()), "{read:?}");
        assert!(
            !words("employer keeps the IDs locked in his safe").contains(&"locked".to_string())
        );
    }

    #[test]
    fn other_uses_are_not() {
        for text in ["she has no papers", "how do I renew my passport", "T visa"] {
            assert!(reading(text).documents_held.is_empty(), "{text}");
        }
    }
}
