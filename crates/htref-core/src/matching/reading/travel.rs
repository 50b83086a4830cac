//! Countries: where someone travels or is taken to, and where someone comes from.
//!
//! "An American going to Thailand to have sex with kids" is child sex tourism, not a
//! foreign national victim from Thailand; "father took my daughter to Guatemala" is a child
//! taken abroad. A country one travels or is taken to, or where something happens ("in
//! Ivory Coast"), reads as "abroad"; "from Honduras" reads as "foreign" (a foreign national). The vocabulary's `countries` list
//! says which words are countries.

use super::{behind, is, written};
use crate::data::Vocabulary;
use crate::matching::normalize::{self, Token};
use crate::matching::words::first_word_run;

/// The country that starts at this token, and how many tokens it takes.
fn country_at(tokens: &[Token], at: usize, vocabulary: &Vocabulary) -> Option<usize> {
    // The analyzed vocabulary's countries are sorted (`Vocabulary::analyze`): those that
    // begin with this word stand together ("united", "united arab emirates", ...).
    let countries = &vocabulary.countries;
    debug_assert!(countries.is_sorted(), "countries are sorted when analyzed");
    first_word_run(countries, |c| c, &tokens.get(at)?.text)
        .iter()
        .filter_map(|c| normalize::phrase_at(tokens, at, c))
        .max()
}

/// The countries someone travels or is taken to, and every country named as a place
/// where someone or something is or goes ("in Cambodia", "money to Cambodia", and the
/// destinations): not one named as where someone comes from.
pub fn read(tokens: &mut [Token], vocabulary: &Vocabulary) -> (Vec<String>, Vec<(String, u16)>) {
    let w = &vocabulary.rules.words;
    if vocabulary.countries.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut destinations = Vec::new();
    let mut abroad = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let Some(len) = country_at(tokens, at, vocabulary) else {
            at += 1;
            continue;
        };
        let from = at > 0 && is(tokens.get(at - 1), &["from"]);
        // "get my kid back from Mexico": someone is there now, abroad.
        let back_from = from && at > 1 && is(tokens.get(at - 2), &["back"]);
        let inside = at > 0 && is(tokens.get(at - 1), &["in"]) || back_from;
        let travel = behind(tokens, at, 5, &w.travel, &w.travel_between);
        // "I want to return to El Salvador", "go back to Mexico": a way home, not a trip
        // abroad (someone sent or taken back is the threat reader's, or an abduction).
        let going_home = travel.is_some_and(|verb| {
            !is(Some(&tokens[verb]), &w.travel_taken)
                && (is(Some(&tokens[verb]), &w.travel_return)
                    || tokens[verb + 1..at].iter().any(|t| t.text == "back"))
        });
        if !from || back_from {
            let place_word = at > 0 && is(tokens.get(at - 1), &w.abroad_before);
            if (travel.is_some() && !going_home) || inside || place_word {
                abroad.push((written(&tokens[at..at + len]), tokens[at].clause));
            }
        }
        if from && !back_from {
            tokens[at].text = "foreign".to_string();
        } else if let Some(verb) = travel {
            if going_home {
                // No destination abroad: the State Department's line for those in
                // danger abroad is not for someone going home.
                tokens[verb].text = "return".to_string();
                tokens[at].text = "home".to_string();
            } else {
                destinations.push(written(&tokens[verb..at + len]));
                tokens[at].text = "abroad".to_string();
                if !is(Some(&tokens[verb]), &w.travel_taken) {
                    tokens[verb].text = "travel".to_string();
                }
            }
        } else if inside {
            // "child labor on cocoa farms in Ivory Coast": what happens there, abroad.
            tokens[at].text = "abroad".to_string();
        } else {
            at += len;
            continue;
        }
        for token in &mut tokens[at + 1..at + len] {
            token.text.clear();
        }
        at += len;
    }
    (destinations, abroad)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{reading, words};

    #[test]
    fn a_country_travelled_to_is_abroad() {
        for text in [
            "american man going to thailand to have sex with kids",
            "father took my daughter to Guatemala",
            "a US citizen is traveling to the Philippines to abuse children",
        ] {
            assert!(!reading(text).destinations.is_empty(), "{text}");
            assert!(words(text).contains(&"abroad".to_string()), "{text}");
        }
    }

    #[test]
    fn going_back_to_a_country_is_going_home() {
        for text in [
            "survivor wants to go back to El Salvador",
            "my client hopes to return to Peru once the case closes",
            "he only wants to fly back to Nepal",
            "mi prima quiere volver a Guatemala",
        ] {
            let read = words(text);
            assert!(read.contains(&"home".to_string()), "{text}: {read:?}");
            assert!(!read.contains(&"abroad".to_string()), "{text}: {read:?}");
        }
        // Taken or sent back is no trip home of one's own.
        for text in [
            "her father took the baby back to Honduras",
            "the boss sent him back to Peru",
        ] {
            assert!(!words(text).contains(&"home".to_string()), "{text}");
        }
    }

    #[test]
    fn a_country_one_comes_from_is_foreign() {
        let read = words("16 year old from Honduras");
        assert!(read.contains(&"foreign".to_string()), "{read:?}");
        assert!(reading("16 year old from Honduras").destinations.is_empty());
        // Brought back from a country: someone is there now.
        let read = words("how do I get my kid back from Mexico");
        assert!(read.contains(&"abroad".to_string()), "{read:?}");
    }
}
