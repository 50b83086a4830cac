//! An agency named as a threat. "My boss threatens to call ICE", "says he'll have me
//! deported", "amenaza con llamar a la migra": the threat of immigration or police action
//! is a control tactic and a sign of trafficking, never a request for that agency. The
//! agency's words are taken out (so it is neither named nor matched) and the matcher sees
//! "immigration threat" or "police threat", which the needs read as coercion.

use super::{Agency, ahead, behind, consume, is, written};
use crate::matching::normalize::Token;

/// A threat of an agency's action, and who makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Threat {
    pub agency: Agency,
    /// Who threatens ("boss"), when the question says.
    pub by: Option<String>,
    pub words: String,
}

const THREATENS: [&str; 9] = [
    "threaten",
    "threatens",
    "threatened",
    "threatening",
    "threat",
    "threats",
    "warns",
    "warned",
    "blackmails",
];
/// "will call", "gonna report": a threat when someone else says it.
const WILL: [&str; 9] = [
    "will", "gonna", "going", "hell", "shell", "theyll", "would", "could", "wants",
];
const CALL: [&str; 9] = [
    "call",
    "calls",
    "calling",
    "report",
    "reports",
    "reporting",
    "turn",
    "tell",
    "give",
];
pub(super) const IMMIGRATION: [&str; 6] = ["ice", "immigration", "migra", "cbp", "uscis", "border"];
pub(super) const POLICE: [&str; 7] = [
    "police",
    "cops",
    "cop",
    "sheriff",
    "authorities",
    "feds",
    "fbi",
];
pub(super) const DEPORT: [&str; 5] = [
    "deport",
    "deported",
    "deporting",
    "deportation",
    "deportations",
];
/// What may stand between a threat and the agency: "threatens to call the police on me".
const BETWEEN: [&str; 24] = [
    "to",
    "call",
    "calls",
    "calling",
    "report",
    "reporting",
    "me",
    "us",
    "her",
    "him",
    "them",
    "the",
    "on",
    "with",
    "a",
    "have",
    "get",
    "tell",
    "turn",
    "in",
    "worker",
    "workers",
    "everyone",
    "that",
];
/// Who may be making the threat.
const ACTORS: [&str; 16] = [
    "boss",
    "employer",
    "manager",
    "supervisor",
    "owner",
    "husband",
    "boyfriend",
    "trafficker",
    "pimp",
    "landlord",
    "recruiter",
    "leader",
    "foreman",
    "wife",
    "sponsor",
    "family",
];
/// People who speak of themselves: "I will call the police" is no threat.
const SELF: [&str; 4] = ["i", "we", "im", "ill"];

fn agency_of(text: &str) -> Option<Agency> {
    if IMMIGRATION.contains(&text) || DEPORT.contains(&text) {
        Some(Agency::Immigration)
    } else if POLICE.contains(&text) {
        Some(Agency::Police)
    } else {
        None
    }
}

fn agency_words() -> Vec<&'static str> {
    IMMIGRATION
        .iter()
        .chain(&POLICE)
        .chain(&DEPORT)
        .copied()
        .collect()
}

pub fn read(tokens: &mut [Token]) -> Vec<Threat> {
    let agencies = agency_words();
    let mut threats = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let text = tokens[i].text.as_str();
        // "threatens to call ICE", "threatening to report the workers to immigration".
        let by_threat = THREATENS.contains(&text);
        // "says he will call the police", "dice que va a llamar a la migra".
        let by_will = WILL.contains(&text)
            && !is(i.checked_sub(1).map(|p| &tokens[p]), &SELF)
            && ahead(tokens, i + 1, 2, &CALL, &["to", "a"]).is_some();
        // "he'll have me deported", "will deport us", "me va a deportar".
        let by_deport = WILL.contains(&text)
            && !is(i.checked_sub(1).map(|p| &tokens[p]), &SELF)
            && ahead(
                tokens,
                i + 1,
                3,
                &DEPORT,
                &["have", "get", "me", "us", "her", "him", "them"],
            )
            .is_some();
        if !(by_threat || by_will || by_deport) {
            i += 1;
            continue;
        }
        let Some(at) = ahead(tokens, i + 1, 7, &agencies, &BETWEEN) else {
            i += 1;
            continue;
        };
        let Some(agency) = agency_of(&tokens[at].text) else {
            i += 1;
            continue;
        };
        let by = behind(
            tokens,
            i,
            4,
            &ACTORS,
            &[
                "my", "the", "our", "her", "his", "says", "said", "he", "she", "they", "crew",
            ],
        )
        .map(|p| tokens[p].written.clone());
        let words = written(&tokens[i..=at]);
        threats.push(Threat {
            agency,
            by,
            words: words.clone(),
        });
        tokens[i].written = words;
        // The agency's words go (and a "la migra" or "immigration officers" beside them).
        let mut end = at;
        while end < tokens.len() && agency_of(&tokens[end].text).is_some() {
            consume(&mut tokens[end]);
            end += 1;
        }
        tokens[i].text = match agency {
            Agency::Immigration => "immigration threat",
            Agency::Police => "police threat",
        }
        .to_string();
        i = end.max(i + 1);
    }
    threats
}

#[cfg(test)]
mod tests {
    use super::super::Agency;
    use super::super::test_support::{reading, words};

    #[test]
    fn an_agency_named_as_a_threat_is_a_threat() {
        for (text, agency) in [
            (
                "my boss threatens to call ICE if I complain",
                Agency::Immigration,
            ),
            (
                "employer threatening to report worker to ICE",
                Agency::Immigration,
            ),
            ("says he'll have me deported", Agency::Immigration),
            ("he threatened to call the police on me", Agency::Police),
            (
                "el patrón amenaza con llamar a la migra",
                Agency::Immigration,
            ),
            ("dice que me va a deportar", Agency::Immigration),
            (
                "she says she will call immigration on us",
                Agency::Immigration,
            ),
        ] {
            let threats = reading(text).threats;
            assert_eq!(
                threats.first().map(|t| t.agency),
                Some(agency),
                "{text}: {threats:?}"
            );
        }
        assert_eq!(
            reading("my boss threatens to call ICE").threats[0]
                .by
                .as_deref(),
            Some("boss")
        );
        let read = words("my boss threatens to call ICE");
        assert!(!read.contains(&"ice".to_string()), "{read:?}");
    }

    #[test]
    fn asking_for_an_agency_is_no_threat() {
        for text in [
            "should I call ICE",
            "I will call the police",
            "how do I report to ICE",
            "he threatened to kill me",
            "ICE tip line",
        ] {
            assert!(reading(text).threats.is_empty(), "{text}");
        }
    }
}
