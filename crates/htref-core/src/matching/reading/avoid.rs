//! What the caller will not have: "no police", "I don't want police", "afraid of the cops",
//! "wants services not police", "miedo a la migra". A refusal or a fear of an agency is
//! never a request for it: the agency's words are taken out (so "report to law
//! enforcement" is not matched on them), and the answer keeps such offices out of its
//! first rows.

use super::{Agency, behind, consume, has, written};
use crate::matching::normalize::Token;
use crate::matching::rules::{Phrase, Words, longest_at};

/// An agency the caller refuses or fears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avoid {
    pub agency: Agency,
    pub words: String,
}

fn agency_of(text: &str, fear: bool, w: &Words) -> Option<Agency> {
    if has(&w.immigration, text) || (fear && has(&w.deportation, text)) {
        Some(Agency::Immigration)
    } else if has(&w.police, text) || (fear && has(&w.arrest, text)) {
        Some(Agency::Police)
    } else {
        None
    }
}

/// A status lost ("loses her visa", "pierda sus papeles"): feared, it is immigration
/// enforcement feared, though no agency is named.
fn status_lost(tokens: &[Token], at: usize, w: &Words) -> bool {
    has(&w.status, &tokens[at].text)
        && tokens[at.saturating_sub(3)..at]
            .iter()
            .any(|t| t.clause == tokens[at].clause && has(&w.status_loss, &t.text))
}

/// The agency a token names, or a status lost just before it names.
fn agency_at(tokens: &[Token], at: usize, fear: bool, w: &Words) -> Option<Agency> {
    agency_of(&tokens[at].text, fear, w)
        .or_else(|| (fear && status_lost(tokens, at, w)).then_some(Agency::Immigration))
}

/// Whether any token names an agency the caller might refuse or fear: only then has
/// [`read`] anything to read.
pub fn names_an_agency(tokens: &[Token], w: &Words) -> bool {
    (0..tokens.len()).any(|at| agency_at(tokens, at, true, w).is_some())
}

/// "the police won't believe me", "la policía no me va a creer": a refusal, then a word of
/// trust, in the few words after the agency. Gives where that word stands.
fn distrusted(tokens: &[Token], at: usize, w: &Words) -> Option<usize> {
    let clause = tokens[at].clause;
    let after: Vec<&str> = tokens[at + 1..]
        .iter()
        .take(6)
        .take_while(|t| t.clause == clause)
        .map(|t| t.text.as_str())
        .collect();
    let refused = after.iter().position(|t| has(&w.refuse, t))?;
    let trust = after[refused + 1..]
        .iter()
        .position(|t| has(&w.distrust, t))?;
    Some(at + refused + trust + 2)
}

/// A fear said before the agency in its stretch of words, whatever words stand between
/// ("terrified the application puts her on ICE's radar"), up to a pause or a word that
/// turns the thought (`fear_stops`: "scared, but she wants to call the police").
fn feared_before(tokens: &[Token], at: usize, w: &Words) -> Option<usize> {
    let clause = tokens[at].clause;
    for i in (at.saturating_sub(REACH)..at).rev() {
        let token = &tokens[i];
        if token.clause != clause || has(&w.fear_stops, &token.text) {
            return None;
        }
        if has(&w.fear, &token.text) {
            return Some(i);
        }
        if token.pause {
            return None;
        }
    }
    None
}

/// How far before the agency a refusal or a fear may stand, over glue words only (`avoid_between`):
/// "me da miedo que si llamo a la policía" is read "fear that if i call to the police".
const REACH: usize = 7;

pub fn read(tokens: &mut [Token], w: &Words) -> Vec<Avoid> {
    let mut found = Vec::new();
    for at in 0..tokens.len() {
        let text = tokens[at].text.clone();
        let Some(agency) = agency_at(tokens, at, true, w) else {
            continue;
        };
        let refusal = behind(tokens, at, REACH, &w.refuse, &w.avoid_between);
        let fear = behind(tokens, at, REACH, &w.fear, &w.avoid_between)
            .or_else(|| feared_before(tokens, at, w));
        let distrust = distrusted(tokens, at, w);
        let fear = fear.or(distrust.map(|_| at));
        // A wish refused before it fears what it names: "don't want them to deport him".
        let wished_not =
            refusal.is_some_and(|r| (r + 1..at).any(|p| has(&w.wish, &tokens[p].text)));
        // So does a way around it: "report without being deported", "sin que lo deporten".
        let around = refusal.is_some_and(|r| has(&w.without, &tokens[r].text));
        let wished_not = wished_not || around;
        let fear = fear.or(refusal.filter(|_| wished_not));
        let by_fear = fear.is_some() && (refusal.is_none() || wished_not);
        // Deportation is avoided only when feared: "no deportation" says nothing.
        if !by_fear && agency_of(&text, false, w).is_none() {
            continue;
        }
        let Some(start) = refusal.or(fear) else {
            continue;
        };
        let end = distrust.filter(|_| start == at).unwrap_or(at);
        found.push(Avoid {
            agency,
            words: written(&tokens[start..=end]),
        });
        consume(&mut tokens[start]);
        // Fear of immigration enforcement says who the person is: a foreign national. (A
        // status lost keeps its word: "visa" is still the caller's.)
        if !has(&w.status, &text) {
            if agency == Agency::Immigration {
                tokens[at].text = "immigration fear".to_string();
            } else {
                consume(&mut tokens[at]);
            }
        }
        // "law enforcement" goes whole.
        if text == "enforcement" && at > 0 && tokens[at - 1].text == "law" {
            consume(&mut tokens[at - 1]);
        }
    }
    // A caller who says they have no papers ("i'm illegal", "no tengo papeles") keeps away
    // from immigration enforcement, whether or not they say they fear it; so does someone
    // without papers who fears the police ("mom undocumented, scared to call the police"):
    // neither is offered.
    let fears_police = found.iter().any(|a| a.agency == Agency::Police);
    let no_papers = [
        Some(&w.undocumented_self),
        fears_police.then_some(&w.undocumented_someone),
    ];
    if !found.iter().any(|a| a.agency == Agency::Immigration)
        && let Some(words) = no_papers
            .into_iter()
            .flatten()
            .find_map(|list| said(tokens, list))
    {
        found.push(Avoid {
            agency: Agency::Immigration,
            words,
        });
    }
    found
}

/// The words of the first phrase of `list` the question says.
fn said(tokens: &[Token], list: &[Phrase]) -> Option<String> {
    (0..tokens.len())
        .find_map(|at| longest_at(list, tokens, at).map(|len| written(&tokens[at..at + len])))
}

#[cfg(test)]
mod tests {
    use super::super::Agency;
    use super::super::test_support::{reading, words};

    #[test]
    fn someone_without_papers_who_fears_the_police_fears_immigration_too() {
        for text in [
            "can my client testify without getting deported",
            "his parents are undocumented and won't go near the cops",
            "la tía está sin papeles y no quiere policía",
            // A caller without papers keeps away from immigration enforcement, said in
            // Spanish as it is read ("no tenemos papeles" is read "not tenemos papers").
            "el supervisor dice que como no tenemos papeles no podemos reclamar nada",
            "no tengo papeles y mi patrón no me paga",
            "ando sin papeles, trabajo en una granja",
        ] {
            let avoid = reading(text).avoid;
            assert!(
                avoid.iter().any(|a| a.agency == Agency::Immigration),
                "{text}: {avoid:?}"
            );
        }
        // Without a fear of the police, papers alone say nothing of whom to avoid.
        let avoid = reading("she is undocumented and wants to apply for a T visa").avoid;
        assert!(avoid.is_empty(), "{avoid:?}");
    }

    #[test]
    fn refusals_and_fears_are_read() {
        for (text, agency) in [
            ("no police", Agency::Police),
            ("I don't want police involved", Agency::Police),
            ("she is afraid of the cops", Agency::Police),
            ("wants services not police", Agency::Police),
            ("does not want to talk to law enforcement", Agency::Police),
            ("scared ICE will deport her", Agency::Immigration),
            ("afraid of being deported", Agency::Immigration),
            ("no quiero hablar con la policía", Agency::Police),
            ("tengo miedo de la migra", Agency::Immigration),
            // Glue words between, and distrust said after the agency.
            (
                "me da miedo que si llamo a la policía me arresten",
                Agency::Police,
            ),
            ("no quiere nada con la policía", Agency::Police),
            ("the cops won't believe a word she says", Agency::Police),
            // A status lost is immigration enforcement feared, though no agency is named.
            (
                "he's worried he will lose his visa if he reports the farm",
                Agency::Immigration,
            ),
            (
                "tiene miedo de perder el permiso de trabajo",
                Agency::Immigration,
            ),
        ] {
            let avoid = reading(text).avoid;
            assert_eq!(
                avoid.first().map(|a| a.agency),
                Some(agency),
                "{text}: {avoid:?}"
            );
        }
        assert!(!words("no police").contains(&"police".to_string()));
    }

    #[test]
    fn a_status_lost_but_not_feared_is_no_fear() {
        for text in [
            "she lost her visa when the farm closed, can she still get a T visa",
            "his status was revoked last year and he wants to know his options",
            "scared the boss keeps her visa papers in his office",
        ] {
            let avoid = reading(text).avoid;
            assert!(avoid.is_empty(), "{text}: {avoid:?}");
        }
    }

    #[test]
    fn asking_for_the_police_is_no_refusal() {
        for text in [
            "report to police",
            "she is not safe call police",
            "how do I report trafficking to law enforcement",
            "not paid and want to report to the FBI",
        ] {
            assert!(
                reading(text).avoid.is_empty(),
                "{text}: {:?}",
                reading(text).avoid
            );
        }
    }
}
