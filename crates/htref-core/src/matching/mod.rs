//! Matching a described need to the needs and organizations in the data.
//!
//! A query is normalized (see [`normalize`]), then every need term and every organization
//! name found in it is a hit. Terms may match with a few words between their own words
//! ("verify a victim's certification" hits "verify certification"). A term weighs more the
//! more words it has and the fewer needs share it, so "child labor" outranks "work".
//! Words that match nothing are corrected to the nearest term word (strsim) when they are
//! close, not ordinary English, and long enough for a correction to mean anything.

mod matches;
pub mod model;
pub mod normalize;
pub mod reading;
pub mod rules;
pub mod tables;
pub mod words;

use crate::data::{Dataset, Side};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use normalize::{Normalizer, Word};
use reading::Reading;
use smallvec::SmallVec;
use tables::TablesRef;

pub use matches::{Correction, Hit, Matches, NamedMatch, NeedMatch};

/// A need whose score is below this share of the best one is left out of the plan.
const RELATIVE_CUTOFF: f64 = 0.4;
/// Words that say what kind of body a name is; they mean nothing alone.
const ORG_TYPE_WORDS: [&str; 5] = ["department", "office", "agency", "bureau", "division"];
/// A partial name needs at least this many of its words in the query...
const PARTIAL_NAME_WORDS: usize = 2;
/// ...covering this share of the weight of its words...
const PARTIAL_NAME_SHARE: f64 = 0.6;
/// ...with at most this many other words among its words in the query...
const PARTIAL_NAME_SPREAD: usize = 1;
/// ...and this much more than any other organization's name.
const PARTIAL_NAME_MARGIN: f64 = 0.15;
/// A term found with its words in another order counts for this share of its weight:
/// "tip report" is the TIP Report before it is "report a tip".
const REORDERED: f64 = 0.8;
/// A need scoring at least this (one specific single-word term) is always kept.
const ALWAYS_KEPT: f64 = 1.0;
/// How many extra words may stand between the words of a multi-word term.
const MAX_GAP: usize = 3;
/// Words shorter than this are never corrected: too many real words are that close.
const MIN_TYPO_LEN: usize = 4;
/// How many words before it a bare adult's age may describe: "daughter, US citizen, 20".
const BARE_AGE_REACH: usize = 4;
/// In words this short, a changed letter too often makes another real word ("last",
/// "lost"): only a missing, extra or swapped letter is read as a typo.
const SHORT_WORD: usize = 5;
/// Longer words are not corrected: no term word is this long, and it bounds the work.
const MAX_TYPO_LEN: usize = 24;

/// How much of a question the matcher reads: about three pages, far more than any need
/// takes to describe. The rest is ignored (the answer says so), so a pasted document or a
/// hostile argument costs no more than this.
pub const MAX_QUERY_CHARS: usize = 10_000;

/// The part of a query the matcher reads, cut at a word within [`MAX_QUERY_CHARS`]
/// characters, and whether anything was cut.
pub fn bounded(query: &str) -> (&str, bool) {
    let Some((cut, _)) = query.char_indices().nth(MAX_QUERY_CHARS) else {
        return (query, false);
    };
    let head = &query[..cut];
    let at_word = head.rfind(char::is_whitespace).unwrap_or(cut);
    (&query[..at_word], true)
}

pub struct Matcher<'d> {
    data: &'d Dataset,
    normalizer: Normalizer<'d>,
    tables: TablesRef<'d>,
    model: Option<model::Model<'d>>,
}

/// How sure the learned weights must be to add a need the terms did not find, and how many
/// they may add: the terms stay first, the weights fill what no term lists.
const LEARNED_MIN: f32 = 0.5;
const LEARNED_MAX: usize = 2;
const LEARNED_SURE: f32 = 0.9;

/// Whether every word the weights give for a need holds a number ("for 3", "200 a") or is
/// a word of a length of time the reader found ("months" of "3 months").
fn numbers_only(because: &[String], durations: &[String]) -> bool {
    because.iter().all(|words| {
        words.chars().any(|c| c.is_ascii_digit())
            || durations
                .iter()
                .any(|d| d.split_whitespace().any(|w| w.eq_ignore_ascii_case(words)))
    })
}

impl<'d> Matcher<'d> {
    /// A matcher over a dataset and the tables built for it (see [`tables::Tables`]).
    pub fn new(data: &'d Dataset, tables: TablesRef<'d>) -> Matcher<'d> {
        Matcher {
            data,
            normalizer: Normalizer::new(&data.vocabulary),
            tables,
            model: None,
        }
    }

    /// The matcher with learned need weights beside its terms ([`model`]); weights learned
    /// for another list of needs are left out.
    #[must_use]
    pub fn with_model(mut self, model: Option<model::Model<'d>>) -> Matcher<'d> {
        self.model = model.filter(|m| m.needs() == self.data.needs.len());
        self
    }

    /// The needs the learned weights read in the query that the terms did not find, most
    /// probable first, each explained by its strongest words.
    fn learned_needs(
        &self,
        query: &str,
        found: &[NeedMatch],
        near: &[usize],
        reading: &Reading,
        all_words: &[Word],
    ) -> Vec<NeedMatch> {
        let Some(model) = &self.model else {
            return Vec::new();
        };
        // Words carry no age: when every age the question gives is an adult's, a minors'
        // need (one that some need turns into for a minor) is not the weights' to add.
        // A partner's age ("her boyfriend is 34") says nothing of the victim's.
        let adults = reading.ages.iter().any(reading::age::Age::of_victim)
            && reading.ages.iter().all(|a| !a.minor);
        let minor = reading.minor().is_some();
        let lists = &self.data.vocabulary.rules.words;
        let mut read: Vec<model::Reading> = model
            .read(
                query,
                &if model.reads_findings() {
                    reading.findings()
                } else {
                    Vec::new()
                },
                LEARNED_MIN,
            )
            .into_iter()
            .filter(|r| r.probability >= LEARNED_MIN && !r.because.is_empty())
            .filter(|r| !found.iter().any(|n| n.need == r.need))
            // A need that gives way to one already read stays out (`yields_to`).
            .filter(|r| {
                !self.data.needs[r.need]
                    .yields_to
                    .iter()
                    .any(|y| found.iter().any(|n| *self.data.needs[n.need].id == **y))
            })
            .filter(|r| !(adults && self.is_minors_need(r.need)))
            // A child's need with no child's age in the question must be nearly sure: "a
            // woman ... he makes her see men" is no child's case for the words "room, men".
            .filter(|r| {
                !self.is_minors_need(r.need)
                    || minor
                    || (r.probability >= LEARNED_SURE
                        && Self::names_one_of(
                            all_words,
                            &self.data.vocabulary.rules.words.child_words,
                        ))
            })
            .filter(|r| {
                !self.data.needs[r.need].learned_only_abroad || !reading.destinations.is_empty()
            })
            // A need the terms saw only weakly ("report" beside a pothole) and set aside is
            // the weights' only when they are nearly sure.
            .filter(|r| !near.contains(&r.need) || r.probability >= LEARNED_SURE)
            // A word the reader set aside as no one's need ("her kids", "very little
            // Spanish") shows none.
            .filter(|r| {
                !r.because.iter().any(|w| {
                    reading
                        .set_aside
                        .iter()
                        .any(|s| s.split_whitespace().any(|s| s.eq_ignore_ascii_case(w)))
                })
            })
            // So is a need shown by a lone letter ("can u help": "u" is "you" far more
            // often than the U visa, which the reader reads beside a word of a case).
            .filter(|r| {
                !r.because.iter().any(|w| w.chars().nth(1).is_none())
                    || r.probability >= LEARNED_SURE
            })
            // So is a need shown by numbers and lengths of time alone ("for 3", "months":
            // a pothole unfixed for 3 months is no unpaid wage): they say how much or how
            // long, rarely what is wrong.
            .filter(|r| {
                !numbers_only(&r.because, &reading.durations) || r.probability >= LEARNED_SURE
            })
            .collect();
        read.sort_by(|a, b| {
            b.probability
                .total_cmp(&a.probability)
                .then(a.need.cmp(&b.need))
        });
        // The word "report" alone is no wish to report ("report a broken streetlight"): the
        // weights add the reporting channel by itself only when the reader found the caller
        // wants to report ("quiero denunciar a mi ex patrón").
        let report = self.need_index(matches::REPORT_NEED);
        let wants_to_report = reading.wants.iter().any(|w| w.want == rules::Want::Report);
        // Wished for with nothing else wrong named, the channel alone needs someone to
        // report: "I want to report my old boss" is a crime's report, "I want to report a
        // pothole" the city's, however sure the weights are of the word "report".
        if found.is_empty()
            && read.iter().all(|r| Some(r.need) == report)
            && !(wants_to_report && Self::names_one_of(all_words, &lists.reported))
        {
            read.clear();
        }
        // A caller who keeps away from the police or immigration ("refuses to involve
        // cops") is not guessed to want to report: only words that say so bring the channel.
        if !reading.avoid.is_empty() && !wants_to_report {
            read.retain(|r| Some(r.need) != report);
        }
        read.into_iter()
            .take(LEARNED_MAX)
            .map(|r| NeedMatch {
                need: r.need,
                score: f64::from(r.probability),
                hits: vec![Hit {
                    term: r.because.join(", "),
                    words: r.because,
                }],
                positions: Vec::new(),
            })
            .collect()
    }

    /// Finds the needs and organizations a query describes (its first
    /// [`MAX_QUERY_CHARS`] characters).
    pub fn find(&self, query: &str) -> Matches {
        let query = bounded(query).0;
        // What the question says before which words it uses (see `reading`).
        let (reading, tokens) = reading::read(&self.data.vocabulary, query);
        // Every word, stop words too: names are matched on these.
        let all_words = self.normalizer.finish(tokens, false);
        let mut corrections = Vec::new();
        // A long query repeats words: correct each distinct word once. Only the stem read
        // is kept: each time the word is said it stands in its own clause.
        let mut corrected: HashMap<String, String> = HashMap::new();
        let words: Vec<Word> = all_words
            .iter()
            .filter(|w| !self.normalizer.is_stopword(&w.surface))
            .cloned()
            .map(|w| {
                if let Some(stem) = corrected.get(&w.surface) {
                    return Word {
                        stem: stem.clone(),
                        ..w
                    };
                }
                let surface = w.surface.clone();
                let fixed = self.correct(w, &mut corrections);
                corrected.insert(surface, fixed.stem.clone());
                fixed
            })
            .collect();
        let mut named = self.find_names(&all_words);
        let (mut needs, near) = self.find_needs(&words);
        self.of_an_adult(&mut needs, &words, &reading);
        let learned = self.learned_needs(query, &needs, &near, &reading, &all_words);
        needs.extend(learned);
        let needs = self.yielded(needs);
        let needs = self.for_a_minor(needs, &reading);
        let needs = self.as_danger_reads(needs, &reading);
        let needs = self.for_a_citizen_abroad(needs, &reading);
        let needs = self.as_wanted(needs, &reading, &all_words);
        let needs = self.with_a_child_named(needs, &reading, &words, &all_words);
        // A name given in part is no name when a need's own phrase holds its words: "the
        // trafficking in persons report" is the State Department's report, not HHS's Office
        // on Trafficking in Persons.
        if let Some(partial) = self.find_partial_name(&all_words, &words, &named) {
            let in_phrases: HashSet<&str> = needs
                .iter()
                .flat_map(|n| &n.hits)
                .filter(|h| h.words.len() > 1)
                .flat_map(|h| h.words.iter().map(String::as_str))
                .collect();
            if !partial
                .hit
                .words
                .iter()
                .all(|w| in_phrases.contains(w.as_str()))
            {
                named.push(partial);
            }
        }
        let mut needs = needs;
        // A word repeated through a long note is one reason, said once.
        for need in &mut needs {
            let mut seen = HashSet::new();
            need.hits
                .retain(|h| seen.insert((h.term.clone(), h.words.clone())));
        }
        Matches {
            needs,
            named,
            corrections,
            reading,
            near,
        }
    }

    /// A broad need gives way to a more specific one the weights read, as it does to one
    /// the terms read (`find_needs`), and the specific one takes its place: "an American
    /// who goes to Cambodia every year for the young girls" is child sex tourism, read by
    /// the weights, not a citizen abroad, read by the words "American" and "Cambodia".
    /// Only a need of a place abroad gives way so: the place is where it happened, and
    /// what happened there is the call. Any other need its words read stays beside a
    /// guess: a child victim's lines hold whatever the weights make of "16" and "juvenile".
    fn yielded(&self, mut needs: Vec<NeedMatch>) -> Vec<NeedMatch> {
        let id = |n: &NeedMatch| self.data.needs[n.need].id.as_ref();
        while let Some((broad, specific)) = needs.iter().enumerate().find_map(|(b, n)| {
            if !self.data.needs[n.need].abroad {
                return None;
            }
            let yields = &self.data.needs[n.need].yields_to;
            needs
                .iter()
                .position(|s| yields.iter().any(|y| **y == *id(s)))
                .map(|s| (b, s))
        }) {
            let place = needs[broad].score;
            if specific > broad {
                let mut moved = needs.remove(specific);
                moved.score = moved.score.max(place);
                needs[broad] = moved;
            } else {
                needs.remove(broad);
            }
        }
        needs
    }

    /// A minors' need whose words all stand right beside an adult's age describes that
    /// adult: "chica de 19", "a girl, 20," is a young woman, not a child. Only when every
    /// age the question gives is an adult's ("her 12 yo sister" beside "19" keeps a
    /// child's case), and only words next to the age: "my 30 year old sister's kids are
    /// being sold" is the kids' case.
    fn of_an_adult(&self, needs: &mut Vec<NeedMatch>, words: &[Word], reading: &Reading) {
        if !reading.ages.iter().any(reading::age::Age::of_victim) || reading.minor().is_some() {
            return;
        }
        // The word an age describes: after an age said with its unit ("a 19 yr old girl"),
        // before a bare number ("chica de 19", "a girl, 20").
        // A bare number may stand a few words after whom it describes: "his daughter, a
        // US citizen, 20".
        let described: Vec<usize> = words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.surface == "adult")
            .flat_map(|(i, w)| {
                if w.written.chars().any(char::is_alphabetic) {
                    (i + 1)..(i + 2)
                } else {
                    i.saturating_sub(BARE_AGE_REACH)..i
                }
            })
            .collect();
        // Its words that name a child decide: "my son 19 took a job abroad" is the son's,
        // an adult's, whatever "job" and "abroad" say beside it.
        let child_words = &self.data.vocabulary.rules.words.child_words;
        needs.retain(|n| {
            let of_a_child = self.is_minors_need(n.need) || self.data.needs[n.need].about_a_child;
            if !of_a_child || n.positions.is_empty() {
                return true;
            }
            let children: Vec<&usize> = n
                .positions
                .iter()
                .filter(|&&p| {
                    words
                        .get(p)
                        .is_some_and(|w| Self::names_one_of(std::slice::from_ref(w), child_words))
                })
                .collect();
            let of_the_adult = if children.is_empty() {
                n.positions.iter().all(|p| described.contains(p))
            } else {
                children.iter().all(|p| described.contains(p))
            };
            !of_the_adult
        });
    }

    /// Whether any of the question's words, as written or stemmed, is one of `list`: someone a
    /// report could be about (`reported` in data/rules/reading.ron: with no other need read,
    /// "turn in my old boss" is a crime's report, "how do I report a pothole" none of
    /// htref's), or a child named in words (`child_words`), ages aside.
    fn names_one_of(words: &[Word], list: &[crate::data::Text]) -> bool {
        words
            .iter()
            .any(|w| list.iter().any(|r| **r == *w.surface || **r == *w.stem))
    }

    /// Whether a need is a minors' need: one that some need turns into for a minor.
    fn is_minors_need(&self, need: usize) -> bool {
        let id = &self.data.needs[need].id;
        self.data.needs.iter().any(|n| n.for_minors.contains(id))
    }

    /// Whether a need is a child's: a minors' need, or one a child's by its nature
    /// (`minors_only`: child sexual abuse material).
    fn is_childs_need(&self, need: usize) -> bool {
        self.data.needs[need].minors_only || self.is_minors_need(need)
    }

    /// A minors' need its terms read in a question that names no child, gives no minor's
    /// age and reads another need is no child's case: "he posts my pics on sites and keeps
    /// the money", "sends my photos to my family unless I pay" are an adult's, however a
    /// child's case is worded. Said alone ("sextortion"), the child's reading stands: the
    /// safer one when nothing says who.
    fn with_a_child_named(
        &self,
        mut needs: Vec<NeedMatch>,
        reading: &Reading,
        words: &[Word],
        all_words: &[Word],
    ) -> Vec<NeedMatch> {
        let child_words = &self.data.vocabulary.rules.words.child_words;
        let child = reading.minor().is_some()
            || Self::names_one_of(words, child_words)
            || Self::names_one_of(all_words, child_words);
        if !child && needs.iter().any(|n| !self.is_childs_need(n.need)) {
            needs.retain(|n| !self.is_childs_need(n.need));
        }
        needs
    }

    /// The index of the need with this id in the data.
    fn need_index(&self, id: &str) -> Option<usize> {
        self.data.needs.iter().position(|n| n.id == id)
    }

    /// A U.S. citizen and a place abroad in one question ("my son, a US citizen, is locked
    /// in a compound in Cambodia") is a citizen abroad, whatever words say what happened
    /// and however far apart they stand: the State Department's line for citizens abroad
    /// leads. (The terms alone need "citizen" and "abroad" close together.)
    fn for_a_citizen_abroad(&self, mut needs: Vec<NeedMatch>, reading: &Reading) -> Vec<NeedMatch> {
        let Some((citizen, place)) = &reading.citizen_abroad else {
            return needs;
        };
        let Some(need) = self.need_index(matches::CITIZEN_ABROAD_NEED) else {
            return needs;
        };
        // Nor when a need it yields to is read: the citizen abroad is then the offender.
        let yields = &self.data.needs[need].yields_to;
        if needs
            .iter()
            .any(|n| yields.iter().any(|y| *y == self.data.needs[n.need].id))
        {
            return needs;
        }
        let top = needs.iter().map(|n| n.score).fold(1.0, f64::max);
        // Read by its words already, it still leads.
        if let Some(k) = needs.iter().position(|n| n.need == need) {
            let mut read = needs.remove(k);
            read.score = top;
            needs.insert(0, read);
            return needs;
        }
        needs.insert(
            0,
            NeedMatch {
                need,
                score: top,
                hits: vec![Hit {
                    term: format!("{citizen}, {place}"),
                    words: vec![citizen.clone(), place.clone()],
                }],
                positions: Vec::new(),
            },
        );
        needs
    }

    /// The danger need follows the reader's finding, not its words alone: "right now I need
    /// a lawyer" or "last year he beat her" is no danger now, and "he won't let her go"
    /// is, though no danger term says so.
    /// Other needs that carry danger (a child sold) keep it; see `Reading::danger_now`.
    fn as_danger_reads(&self, mut needs: Vec<NeedMatch>, reading: &Reading) -> Vec<NeedMatch> {
        let Some(need) = self.need_index(matches::DANGER_NEED) else {
            return needs;
        };
        // (Abroad, 911 reaches no one: the line for citizens abroad is the call.)
        if reading.danger.is_empty() || reading.citizen_abroad.is_some() {
            needs.retain(|n| n.need != need);
        } else if !needs.iter().any(|n| n.need == need) {
            needs.push(NeedMatch {
                need,
                score: 1.0,
                hits: reading
                    .danger
                    .iter()
                    .map(|words| Hit {
                        term: words.clone(),
                        words: vec![words.clone()],
                    })
                    .collect(),
                positions: Vec::new(),
            });
        }
        needs
    }

    /// A caller who wants to report gets the reporting channel among the first needs
    /// though no word of the need says "report": "who do I tell", "I want them caught";
    /// that is, when the question says what is wrong (another need) or whom it reports
    /// (`reported` in data/rules/reading.ron: "turn in my old boss"): "I want to report a
    /// pothole" is none of htref's.
    /// A question that speaks of reporting only out of play ("she doesn't want to report
    /// him", "a copy of the police report") gets none, whatever else its words match.
    fn as_wanted(
        &self,
        mut needs: Vec<NeedMatch>,
        reading: &Reading,
        all_words: &[Word],
    ) -> Vec<NeedMatch> {
        let need_of = |want: rules::Want| {
            let id = match want {
                rules::Want::Report => matches::REPORT_NEED,
                rules::Want::Text => matches::TEXT_NEED,
            };
            self.need_index(id)
        };
        for unwanted in &reading.unwanted {
            if reading.wants.iter().any(|w| w.want == unwanted.want) {
                continue;
            }
            if let Some(need) = need_of(unwanted.want) {
                needs.retain(|n| n.need != need);
            }
        }
        for wanted in &reading.wants {
            let Some(need) = need_of(wanted.want) else {
                continue;
            };
            if needs.iter().any(|n| n.need == need)
                || (needs.is_empty()
                    && !(wanted.want == rules::Want::Report
                        && Self::names_one_of(
                            all_words,
                            &self.data.vocabulary.rules.words.reported,
                        )))
            {
                continue;
            }
            let top = needs.iter().map(|n| n.score).fold(1.0, f64::max);
            needs.push(NeedMatch {
                need,
                score: top,
                hits: vec![Hit {
                    term: wanted.words.clone(),
                    words: vec![wanted.words.clone()],
                }],
                positions: Vec::new(),
            });
        }
        needs
    }

    /// A minor's case goes where minors' cases go: when the question gives a minor's age
    /// (and no adult's), a need with a `for_minors` need brings that one in at its own
    /// strength, just before it, or in its place when the need is for adults alone
    /// ("I'm 17 and he sells me" is child sex trafficking, not an adult's).
    fn for_a_minor(&self, needs: Vec<NeedMatch>, reading: &Reading) -> Vec<NeedMatch> {
        let Some(age) = reading.minor() else {
            return needs;
        };
        // An adult's age beside it makes whose case it is unclear, unless it is a
        // partner's ("16yo, her boyfriend is 34").
        if reading.ages.iter().any(|a| !a.minor && a.of_victim()) {
            return needs;
        }
        let data = self.data;
        let mut out: Vec<NeedMatch> = Vec::with_capacity(needs.len() + 1);
        for need in needs {
            let spec = &data.needs[need.need];
            let minors: Vec<usize> = spec
                .for_minors
                .iter()
                .filter_map(|id| self.need_index(id))
                .collect();
            for &minors in &minors {
                if out.iter().any(|n| n.need == minors) {
                    continue;
                }
                let mut hits = vec![Hit {
                    term: "minor".to_string(),
                    words: vec![age.to_string()],
                }];
                hits.extend(need.hits.iter().cloned());
                out.push(NeedMatch {
                    need: minors,
                    score: need.score,
                    hits,
                    positions: need.positions.clone(),
                });
            }
            // A need for adults alone gives way to the minors' needs it names.
            if !spec.adults_only || minors.is_empty() {
                out.push(need);
            }
        }
        // A need both matched and brought in stays once, where it first stands.
        let mut seen = HashSet::new();
        out.retain(|n| seen.insert(n.need));
        out
    }

    /// Reads a word that matches nothing as the closest known word, when one is close.
    fn correct(&self, word: Word, corrections: &mut Vec<Correction>) -> Word {
        let len = word.surface.chars().count();
        if self.tables.knows_stem(&word.stem)
            || !(MIN_TYPO_LEN..=MAX_TYPO_LEN).contains(&len)
            || !word.surface.chars().all(char::is_alphabetic)
            || self.tables.is_common_word(&word.surface)
            // Only what is not a word is a typo: "diplomat" is no misspelt "diploma".
            || words::is_word(&word.surface)
        {
            return word;
        }
        let allowed = if len <= 7 { 1 } else { 2 };
        let Some(first) = word.surface.chars().next() else {
            return word;
        };
        let candidates = self.tables.words_starting_with(first);
        let best = candidates
            .filter(|&(known, _)| {
                let known_len = known.chars().count();
                known_len >= MIN_TYPO_LEN
                    && known_len.abs_diff(len) <= allowed
                    && (len > SHORT_WORD || known_len != len || same_letters(&word.surface, known))
            })
            .map(|(known, stem)| {
                (
                    strsim::damerau_levenshtein(&word.surface, known),
                    known,
                    stem,
                )
            })
            .filter(|(distance, _, _)| *distance <= allowed)
            // Closest first; ties go to the alphabetically first word, so runs agree.
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        match best {
            Some((_, known, stem)) => {
                corrections.push(Correction {
                    typed: word.surface.clone(),
                    read_as: known.to_string(),
                });
                Word {
                    surface: word.surface,
                    stem: stem.to_string(),
                    written: word.written,
                    clause: word.clause,
                }
            }
            None => word,
        }
    }

    /// A weak word alone ("complaint", "boss", "job") brings no need in: "complaint about
    /// a restaurant" is an everyday sentence, and "a job offer abroad" is not a jobs
    /// question. A hit is weak by its term or by the one word that made it ("son" read as
    /// "minor"); two hits on one need ("my boss won't let me leave the restaurant") still
    /// describe it. Returns the needs kept and those only weak words brought in.
    fn strong_and_weak(&self, needs: Vec<NeedMatch>) -> (Vec<NeedMatch>, Vec<NeedMatch>) {
        let weak = &self.data.vocabulary.weak_terms;
        let is_weak = |text: &str| {
            // "son's" is written "sons": a plural or possessive of a weak word is weak too.
            let singular = text.strip_suffix('s').unwrap_or(text);
            weak.iter()
                .any(|w| w.eq_ignore_ascii_case(text) || w.eq_ignore_ascii_case(singular))
        };
        needs.into_iter().partition(|n| {
            n.hits.len() > 1
                || !n
                    .hits
                    .iter()
                    .all(|h| is_weak(&h.term) || matches!(h.words.as_slice(), [w] if is_weak(w)))
        })
    }

    /// The needs the words describe, best first, and those only weak words brought in.
    fn find_needs(&self, words: &[Word]) -> (Vec<NeedMatch>, Vec<usize>) {
        let stems: Vec<&str> = words.iter().map(|w| w.stem.as_str()).collect();
        let clauses: Vec<u16> = words.iter().map(|w| w.clause).collect();
        // Every occurrence of every term: (term index, positions it covers).
        let mut found: Vec<Found> = Vec::new();
        for start in 0..stems.len() {
            for t in self.tables.terms_with_stem(stems[start]) {
                if let Some((positions, in_order)) =
                    locate(self.tables.term(t).stems(), &stems, &clauses, start)
                {
                    let factor = if in_order { 1.0 } else { REORDERED };
                    found.push((
                        t,
                        positions,
                        self.tables.term(t).weight() * factor,
                        in_order,
                    ));
                }
            }
        }
        let need_of = |t: usize| self.tables.term(t).need();
        // A catch-all need (weight below 1, the general help need) owns no words: "human
        // trafficking investigation" still asks who investigates.
        let owns = |t: usize| self.data.needs[need_of(t)].weight >= 1.0;
        let found: Vec<(usize, Positions, f64)> = phrases_first(&need_of, &owns, found)
            .into_iter()
            .map(|(t, positions, weight, _)| (t, positions, weight))
            .collect();
        // Per need, keep the heaviest hits that do not reuse a query word.
        let mut per_need: HashMap<usize, Vec<(usize, Positions, f64)>> = HashMap::new();
        for hit in found {
            per_need
                .entry(self.tables.term(hit.0).need())
                .or_default()
                .push(hit);
        }
        let mut needs: Vec<NeedMatch> = per_need
            .into_iter()
            .map(|(need, mut hits)| {
                hits.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.1.cmp(&b.1)));
                let mut used = HashSet::new();
                let mut score = 0.0;
                let mut kept = Vec::new();
                for (t, positions, weight) in hits {
                    if positions.iter().any(|p| used.contains(p)) {
                        continue;
                    }
                    used.extend(positions.iter().copied());
                    score += weight;
                    let mut written: Vec<String> = positions
                        .iter()
                        .map(|&p| words[p].written.clone())
                        .collect();
                    // Words read as two ("withheld documents" for "took our passports")
                    // were written once.
                    written.dedup();
                    kept.push(Hit {
                        term: self.tables.term(t).text().to_string(),
                        words: written,
                    });
                }
                let mut positions: Vec<usize> = used.into_iter().collect();
                positions.sort_unstable();
                NeedMatch {
                    need,
                    score,
                    hits: kept,
                    positions,
                }
            })
            .collect();
        // Best first; ties keep the data's order, so the ranking never varies.
        needs.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.need.cmp(&b.need)));
        let (mut needs, weak_only) = self.strong_and_weak(needs);
        let near: Vec<usize> = weak_only.iter().map(|n| n.need).collect();
        // A full-weight hit always counts; weaker ones only beside a match of similar weight,
        // so a long case note keeps every need it describes but one word does not drag in
        // a loosely related need beside a strong one.
        if let Some(best) = needs.first().map(|n| n.score) {
            needs.retain(|n| n.score >= ALWAYS_KEPT.min(best * RELATIVE_CUTOFF));
        }
        // A need whose words are all explained by better matches adds nothing: "victim" in
        // "child victim" is the child-victim need's, not a second, general one.
        // Except between a victim's needs: who the victim is (a child, a foreign national)
        // changes where to go, so "16 year old ... forced to work" keeps the child victim
        // beside child labor and forced labor.
        let is_victim = |n: &NeedMatch| self.data.needs[n.need].side == Side::Victim;
        let mut explained: HashSet<usize> = HashSet::new();
        let adds: Vec<bool> = needs
            .iter()
            .map(|n| {
                let adds = n.positions.iter().any(|p| !explained.contains(p));
                explained.extend(n.positions.iter().copied());
                adds
            })
            .collect();
        let victim_on_own_words = needs.iter().zip(&adds).any(|(n, &a)| a && is_victim(n));
        let mut keep = adds.iter();
        needs.retain(|n| {
            let adds = keep.next().copied().unwrap_or(false);
            adds || (is_victim(n) && victim_on_own_words)
        });
        // A broad need gives way to a more specific one about the same person.
        let data = self.data;
        let matched: Vec<&str> = needs
            .iter()
            .map(|n| data.needs[n.need].id.as_ref())
            .collect();
        needs.retain(|n| {
            !data.needs[n.need]
                .yields_to
                .iter()
                .any(|y| matched.contains(&y.as_ref()))
        });
        (needs, near)
    }

    /// A name given in part or out of order ("missing children center" for the National
    /// Center for Missing and Exploited Children): the one name whose telling words the
    /// query covers best, when it covers at least two and most of their weight, and no
    /// other name does as well.
    fn find_partial_name(
        &self,
        all_words: &[Word],
        words: &[Word],
        named: &[NamedMatch],
    ) -> Option<NamedMatch> {
        let stems: HashSet<&str> = words.iter().map(|w| w.stem.as_str()).collect();
        // The query's every word, stop words too: "education department" says which
        // Department of Education even though "department" carries no meaning alone.
        let all: HashSet<&str> = all_words.iter().map(|w| w.surface.as_str()).collect();
        // (share of the name's weight the query covers, name index), best first.
        let mut scored: Vec<(f64, usize)> = Vec::new();
        for (i, name) in self.tables.names().enumerate() {
            // How many of the name's words the query has, and their weight: no list per
            // name, since a large overlay has tens of thousands of names.
            let (covered, covered_weight) = name
                .stems()
                .filter(|e| stems.contains(e.0))
                .fold((0, 0.0), |(n, sum), e| (n + 1, sum + e.1));
            if covered == 0 {
                continue;
            }
            let total: f64 = name.stems().map(|e| e.1).sum();
            // A one-word name ("Department of Education") counts when the query also
            // says what kind of body it is ("education department").
            let one_word_name = name.stems().len() == 1
                && covered == 1
                && name
                    .surfaces()
                    .any(|s| ORG_TYPE_WORDS.contains(&s) && all.contains(s));
            // A name is said in one breath: its words scattered over a story ("the family
            // took her passport ... the kids' iPad") name nobody.
            let at: Vec<usize> = words
                .iter()
                .enumerate()
                .filter(|(_, w)| name.stems().any(|e| e.0 == w.stem))
                .map(|(p, _)| p)
                .collect();
            let together = at
                .first()
                .zip(at.last())
                .is_some_and(|(first, last)| last - first <= at.len() + PARTIAL_NAME_SPREAD);
            if (covered >= PARTIAL_NAME_WORDS || one_word_name) && total > 0.0 && together {
                scored.push((covered_weight / total, i));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let &(share, i) = scored.first()?;
        let name = self.tables.name(i);
        let runner_up = scored
            .iter()
            .find(|(_, j)| self.tables.name(*j).org() != name.org())
            .map_or(0.0, |(s, _)| *s);
        if share < PARTIAL_NAME_SHARE
            || share - runner_up < PARTIAL_NAME_MARGIN
            || named.iter().any(|n| n.org == name.org())
        {
            return None;
        }
        let hits: Vec<String> = words
            .iter()
            .filter(|w| name.stems().any(|e| e.0 == w.stem))
            .map(|w| w.written.clone())
            .collect();
        Some(NamedMatch {
            org: name.org(),
            hit: Hit {
                term: name.text().to_string(),
                words: hits,
            },
        })
    }

    fn find_names(&self, words: &[Word]) -> Vec<NamedMatch> {
        let surfaces: Vec<&str> = words.iter().map(|w| w.surface.as_str()).collect();
        let mut named: Vec<NamedMatch> = Vec::new();
        let mut covered = vec![false; surfaces.len()];
        for start in 0..surfaces.len() {
            let candidates = self.tables.names_starting(surfaces[start]);
            // The longest name starting here wins ("Office for Victims of Crime" over "OVC").
            let best = candidates
                .map(|n| self.tables.name(n))
                .filter(|n| {
                    let end = start + n.surfaces().len();
                    end <= surfaces.len()
                        && n.surfaces()
                            .zip(&surfaces[start..end])
                            .all(|(a, b)| a == *b)
                })
                .max_by_key(|n| (n.surfaces().len(), std::cmp::Reverse(n.org())));
            let Some(name) = best else { continue };
            let span = start..start + name.surfaces().len();
            if covered[span.clone()].iter().any(|&c| c) {
                continue;
            }
            covered[span.clone()].iter_mut().for_each(|c| *c = true);
            if named.iter().any(|m| m.org == name.org()) {
                continue;
            }
            named.push(NamedMatch {
                org: name.org(),
                hit: Hit {
                    term: name.text().to_string(),
                    words: words[span].iter().map(|w| w.written.clone()).collect(),
                },
            });
        }
        // A name inside a longer one ("Criminal Section" in "... Civil Rights Division")
        // is already covered above; what is left is in query order.
        named
    }
}

/// A term found in the query: the term, the query positions it covers, its weight there,
/// and whether its words came in the term's own order.
type Found = (usize, Positions, f64, bool);

/// The query positions a term covers: a term is a few words, so they stay off the heap
/// (the question's every word is tried against every term starting with it).
type Positions = SmallVec<[usize; 4]>;

/// Phrases before words. A hit whose every word belongs to a longer phrase of another need,
/// found whole and in its order, is that phrase's: "client's T visa" is a case's status, not a T
/// visa application, and "sexual images of kids" is abuse material, not "child sex".
fn phrases_first(
    need_of: &impl Fn(usize) -> usize,
    owns: &impl Fn(usize) -> bool,
    found: Vec<Found>,
) -> Vec<Found> {
    // Which hits cover each query position, so each hit is compared with its neighbours only.
    let mut covering: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, (_, positions, _, _)) in found.iter().enumerate() {
        for &p in positions {
            covering.entry(p).or_default().push(i);
        }
    }
    let yields = |i: usize| {
        let (term, positions, _, _) = &found[i];
        positions
            .iter()
            .flat_map(|p| covering.get(p).into_iter().flatten())
            .any(|&j| {
                let (other, other_positions, _, in_order) = &found[j];
                need_of(*other) != need_of(*term)
                    && owns(*other)
                    && *in_order
                    && other_positions.len() > positions.len()
                    && positions.iter().all(|p| other_positions.contains(p))
            })
    };
    let keep: Vec<bool> = (0..found.len()).map(|i| !yields(i)).collect();
    found
        .into_iter()
        .zip(keep)
        .filter_map(|(hit, keep)| keep.then_some(hit))
        .collect()
}

/// Whether two words are the same letters in another order (a swap typo).
fn same_letters(a: &str, b: &str) -> bool {
    let mut a: Vec<char> = a.chars().collect();
    let mut b: Vec<char> = b.chars().collect();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// Where a term's words occur in a window that begins at `start`, in any order and with a
/// few other words between them ("trafficking for labor" hits "labor trafficking").
/// The word at `start` must be one of them, so each occurrence is found once, and all are
/// in its clause: "she was forced into prostitution. the kids are with grandma" names no
/// prostituted child.
/// Also says whether they came in the term's own order.
fn locate(
    term: tables::Strings,
    query: &[&str],
    clauses: &[u16],
    start: usize,
) -> Option<(Positions, bool)> {
    let end = (start + term.len() + MAX_GAP).min(query.len());
    let mut positions = Positions::new();
    for stem in term {
        let found = (start..end).find(|p| {
            query[*p] == stem && clauses[*p] == clauses[start] && !positions.contains(p)
        })?;
        positions.push(found);
    }
    if !positions.contains(&start) {
        return None;
    }
    let in_order = positions.windows(2).all(|w| w[0] < w[1]);
    positions.sort_unstable();
    Some((positions, in_order))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_first_pages_of_a_question_are_read() {
        let huge = "forced labor ".repeat(100_000);
        let (head, cut) = super::bounded(&huge);
        assert!(cut);
        assert!(head.chars().count() <= super::MAX_QUERY_CHARS);
        assert!(head.ends_with("labor"), "cut at a word");
        let short = "forced labor";
        assert_eq!(super::bounded(short), (short, false));
    }
}
