//! What the matcher found in a query: the needs and organizations it matched, with the
//! words that matched them, the typos it read, and how it read the situation.

use super::reading::Reading;

/// The need that is danger now itself: the reader decides it (`Reading::danger`).
pub const DANGER_NEED: &str = "immediate-danger";
/// The need of a caller who wants to report.
pub const REPORT_NEED: &str = "report-law-enforcement";
/// The need of a caller who wants to reach help by text message.
pub const TEXT_NEED: &str = "text-sms";
/// A U.S. citizen in trouble abroad: the State Department's to help.
pub const CITIZEN_ABROAD_NEED: &str = "citizen-abroad";

/// How many needs to suggest when nothing matched.
const SUGGESTIONS: usize = 3;

/// A term or name found in the query.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The term or name as written in the data.
    pub term: String,
    /// The query's words that matched it.
    pub words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NeedMatch {
    pub need: usize,
    pub score: f64,
    pub hits: Vec<Hit>,
    /// Which query words (by position) the hits used.
    pub positions: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NamedMatch {
    pub org: usize,
    pub hit: Hit,
}

/// A query word read as a typo of a known word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub typed: String,
    pub read_as: String,
}

/// What a query matched, best first, and how it was read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matches {
    pub needs: Vec<NeedMatch>,
    pub named: Vec<NamedMatch>,
    pub corrections: Vec<Correction>,
    pub reading: Reading,
    /// Needs only weak words brought in ("report" in "report a pothole"): no match, but the
    /// closest needs to suggest when nothing else matched.
    pub near: Vec<usize>,
}

impl Matches {
    pub fn is_empty(&self) -> bool {
        self.needs.is_empty() && self.named.is_empty()
    }

    /// The needs to suggest when nothing matched: only those a word of the question
    /// brought in and the matcher then left out as too weak alone ("report a pothole"
    /// shares "report" with reporting to law enforcement); never a need that shares no word.
    pub fn suggestions(&self) -> Vec<usize> {
        if !self.is_empty() {
            return Vec::new();
        }
        self.near.iter().copied().take(SUGGESTIONS).collect()
    }
}

impl Matches {
    /// Whether someone may be in danger now (the 911 line): the reader found danger words
    /// in scope, or a need that is danger in itself (a child sold) is matched by words the
    /// question keeps in the present (every word of one of its hits), the question says it
    /// happens now (`now` in data/rules/reading.ron: "right now", "tonight"), and nothing says no
    /// one is in danger ("she is safe now", "not in danger"). Danger words put in the past
    /// ("she ran away last week") say nothing of now, either way.
    pub fn danger_now(&self, needs: &[crate::data::Need]) -> bool {
        let reading = &self.reading;
        let past = |w: &str| reading.out_of_present.iter().any(|p| p == w);
        let only_of_the_past = |phrase: &String| {
            phrase.split(' ').all(|word| {
                reading
                    .out_of_present
                    .iter()
                    .any(|p| p.split(' ').any(|w| w == word))
            })
        };
        let is_age = |w: &str| reading.ages.iter().any(|a| a.words == w);
        let none_said = reading.no_danger.iter().all(only_of_the_past);
        // A U.S. citizen in danger abroad is out of 911's reach: the State Department's
        // line for citizens abroad leads (`Matcher::for_a_citizen_abroad`).
        if reading.citizen_abroad.is_some() {
            return false;
        }
        !reading.danger.is_empty()
            || (none_said
                && self.needs.iter().any(|m| {
                    let need = &needs[m.need];
                    // A hit any of whose words is past tells of the past: "got out of
                    // the trafficking ... with her girl" is no girl trafficked now.
                    // An age is no event: "16" in "at 16 she left with him two weeks
                    // ago" is still her age in "she is in a motel right now".
                    let said_now = m.hits.iter().any(|h| {
                        let events = || h.words.iter().filter(|w| !is_age(w));
                        events().next().is_some() && events().all(|w| !past(w))
                    });
                    // And the question says it happens now: a child's picture found on
                    // an escort site is a report to make today; "she is in room 118 right
                    // now" is a call to 911.
                    need.danger && need.id != DANGER_NEED && said_now && !reading.present.is_empty()
                }))
    }
}
