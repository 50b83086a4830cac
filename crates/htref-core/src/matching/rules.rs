//! The reader's rules, as `data/rules/reading.ron` writes them: scope cues, danger words,
//! threat patterns, wants. Rules are data; this module only reads them and finds their
//! phrases in a question's tokens. build.rs parses the file and bakes the rules into the
//! binary with the vocabulary (`Vocabulary::rules`), so a broken file fails the build and
//! no question pays for parsing it.

use super::normalize::Token;
use super::reading::Agency;
use super::words::before;
use crate::data::{List, Text};
use databake::Bake;
use serde::Deserialize;
use std::borrow::Cow;

/// What a scope cue does to the words it reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub enum ScopeKind {
    /// "not", "no one", "never".
    Negated,
    /// "last year", "used to", "back in 2019".
    Past,
    /// "if", "what if", "hypothetically".
    Supposed,
    /// A film, a training, statistics: not a situation happening to anyone.
    Unreal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub enum Direction {
    Forward,
    Backward,
    Both,
}

/// A phrase: words in a row.
#[derive(Debug, Clone, Bake)]
#[databake(path = crate::matching::rules)]
pub struct Phrase(pub List<Text>);

impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Phrase, D::Error> {
        Ok(Phrase::of(&String::deserialize(d)?))
    }
}

impl Phrase {
    /// The phrase of a text's words.
    fn of(text: &str) -> Phrase {
        Phrase(
            text.split_whitespace()
                .map(|w| Cow::Owned(w.to_string()))
                .collect(),
        )
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Its first word.
    pub fn first(&self) -> Option<&str> {
        self.0.first().map(AsRef::as_ref)
    }

    /// Whether the phrase stands at `at`, within one clause.
    pub fn at(&self, tokens: &[Token], at: usize) -> bool {
        let Some(span) = tokens.get(at..at + self.0.len()) else {
            return false;
        };
        !span.is_empty()
            && span.iter().zip(self.0.iter()).all(|(t, w)| t.text == *w)
            && span.iter().all(|t| t.clause == span[0].clause)
    }
}

/// The longest of `phrases` standing at `at`, by its length. The lists are sorted when
/// read ([`parse`]): only the phrases that begin with the word at `at` are looked at, found
/// by a binary search, not every phrase of the list at every word of every question.
pub fn longest_at(phrases: &[Phrase], tokens: &[Token], at: usize) -> Option<usize> {
    debug_assert!(
        phrases.is_sorted_by(|a, b| a.0 <= b.0),
        "a phrase list is not sorted: rules::parse sorts each"
    );
    let first = tokens.get(at)?.text.as_str();
    let start = phrases.partition_point(|p| p.first().is_none_or(|w| before(w, first)));
    phrases[start..]
        .iter()
        .take_while(|p| p.first() == Some(first))
        .filter(|p| p.at(tokens, at))
        .map(Phrase::len)
        .max()
}

/// Sorts a phrase list for [`longest_at`].
fn sort(phrases: &mut List<Phrase>) {
    phrases.to_mut().sort_by(|a, b| a.0.cmp(&b.0));
}

#[derive(Debug, Clone, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct Cue {
    pub kind: ScopeKind,
    pub direction: Direction,
    pub reach: usize,
    pub words: List<Phrase>,
    /// A cue only as a Spanish question is read ("hace" is read "ago", before its time).
    #[serde(default)]
    pub spanish_only: bool,
}

#[derive(Debug, Clone, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct Ends {
    pub kind: ScopeKind,
    pub words: List<Phrase>,
}

#[derive(Debug, Clone, Default, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct ScopeRules {
    pub cues: List<Cue>,
    pub ends: List<Ends>,
    /// Kinds whose scope a pause (a comma, a dash) ends: "not paying them, want to report
    /// him" negates the paying, not the wish.
    #[serde(default)]
    pub pause_ends: List<ScopeKind>,
    /// Kinds whose scope, ended by one of its words after a pause, gives back the words
    /// since that pause: "ran away last month, her pimp has her at a motel tonight" puts
    /// only the running away in the past; "tonight" keeps its own clause in the present.
    #[serde(default)]
    pub end_back_to_pause: List<ScopeKind>,
    /// Kinds whose cue, opening its sentence, frames the whole sentence, however long, up
    /// to a word that ends its kind: "two years ago I worked on a ranch and the owner
    /// threatened us with a gun" tells of then from its first words to its last.
    #[serde(default)]
    pub frames: List<ScopeKind>,
    /// Words joining a list that a scope reaches over whole, however far its last item
    /// ([`LIST_ITEM`] words after the join): "not locked in or chained", "no tienen
    /// pistola ni cuchillo".
    #[serde(default)]
    pub list_joins: List<Text>,
    /// Words after a join that begin a consequence, not an item: "or he calls ICE", "or
    /// else".
    #[serde(default)]
    pub list_breaks: List<Text>,
    /// A negation inside a relative clause ("the guy who didn't pay us") ends where the
    /// main clause's verb comes back ("... is following me"): after one of `relative`
    /// just before the cue, a word of `relative_ends` ends it.
    #[serde(default)]
    pub relative: List<Text>,
    #[serde(default)]
    pub relative_ends: List<Text>,
    pub pseudo: List<Phrase>,
}

#[derive(Debug, Clone, Default, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct DangerRules {
    pub strong: List<Phrase>,
    pub weak: List<Phrase>,
    pub now: List<Phrase>,
    pub weak_reach: usize,
    pub pseudo: List<Phrase>,
    /// Harm done to someone ("kill me", "hurt my family"): said as a threat ("he said if
    /// I leave he will kill me"), it is danger now, whatever "if" it is said under.
    #[serde(default)]
    pub harm: List<Phrase>,
    /// Words that report a threat being made: "says", "told", "threatens", "dice".
    #[serde(default)]
    pub threat_speech: List<Text>,
    /// Words that make a threat of harm conditional ("if", "unless", "si"): coercion
    /// held over someone, danger now only beside another danger word.
    #[serde(default)]
    pub threat_conditions: List<Text>,
    /// Words that put the one who threatens, or the moment, near: "outside", "in the next
    /// room", "waiting", "tonight". Beside a threat made on a condition they make it danger.
    #[serde(default)]
    pub present: List<Phrase>,
    /// Strong danger said in steps, any words between within the gap: "won't let my
    /// friend out", "no me deja bajar", "slapped her", "being molested".
    #[serde(default)]
    pub strong_steps: List<Steps>,
    /// Weak danger said in steps, read in place of a shorter strong reading it holds:
    /// "can't leave till he's paid" is a debt held over a job, danger only beside another
    /// word ("... one of them has a knife").
    #[serde(default)]
    pub weak_steps: List<Steps>,
    /// A moment said in steps that puts the question in the present, as `now` does: "in an
    /// hour", "in 20 min", "en media hora".
    #[serde(default)]
    pub now_steps: List<Steps>,
    /// A state that goes on: strong danger told in the past ("locked him in the garage
    /// last night") that the same clause says still holds ("he's still in there").
    #[serde(default)]
    pub still: List<Phrase>,
}

#[derive(Debug, Clone, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct Pattern {
    pub agency: Agency,
    /// The first step is the threatener's own act ("call ICE"): the caller doing it, or
    /// asking about doing it, is no threat.
    pub by_actor: bool,
    /// The first step is itself the saying that frames a threat ("threatens us with la
    /// migra"): no other frame is needed.
    #[serde(default)]
    pub framed: bool,
    /// At most this many words between one step and the next.
    pub gap: usize,
    pub steps: List<List<Text>>,
    /// The first letters of the first step's words ([`first_letters`]), set by [`parse`] (none, and
    /// nothing is found, until then).
    #[serde(skip)]
    pub firsts: u32,
}

/// Words in order, each step one of its words, at most `gap` words apart, in one clause.
#[derive(Debug, Clone, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct Steps {
    pub gap: usize,
    pub steps: List<List<Text>>,
    /// The first letters of the first step's words ([`first_letters`]), set by [`parse`] (none, and
    /// nothing is found, until then).
    #[serde(skip)]
    pub firsts: u32,
}

impl Steps {
    /// Where the steps end when they begin at `at`: [`steps_end`].
    pub fn end(&self, tokens: &[Token], at: usize) -> Option<usize> {
        steps_end(tokens, at, self.gap, &self.steps, self.firsts)
    }
}

impl Pattern {
    /// Where the pattern's steps end when they begin at `at`: [`steps_end`].
    pub fn end(&self, tokens: &[Token], at: usize) -> Option<usize> {
        steps_end(tokens, at, self.gap, &self.steps, self.firsts)
    }
}

/// A word's bit among a set of first letters: one for each of a to z, one for a digit (a
/// step's [`ANY_NUMBER`] stands for any number), one for anything else.
fn letter_bit(word: &str) -> u32 {
    match word.as_bytes().first() {
        Some(b @ b'a'..=b'z') => 1 << (b - b'a'),
        Some(b'0'..=b'9' | b'#') => 1 << 26,
        _ => 1 << 27,
    }
}

/// The first letters of a step's words: a token whose letter is not among them cannot
/// begin the steps, and most tokens are turned away by one test instead of a look at
/// each word.
fn first_letters(steps: &[List<Text>]) -> u32 {
    steps.first().map_or(0, |step| {
        step.iter().fold(0, |bits, w| bits | letter_bit(w))
    })
}

/// How many words after a list's join ("or") its last item may take: "or a knife".
const LIST_ITEM: usize = 3;

/// The step word that stands for any number written in digits ("in 20 min").
pub const ANY_NUMBER: &str = "#number";

/// The last position of steps that start at `at`: each step within `gap` words of the
/// last, all in one clause and with no pause between. A step's [`ANY_NUMBER`] is any
/// number written in digits.
pub fn steps_end(
    tokens: &[Token],
    at: usize,
    gap: usize,
    steps: &[List<Text>],
    firsts: u32,
) -> Option<usize> {
    let first = tokens.get(at)?;
    if firsts & letter_bit(&first.text) == 0 {
        return None;
    }
    let clause = first.clause;
    let is_step = |p: usize, step: &[Text]| {
        tokens.get(p).is_some_and(|t| {
            t.clause == clause
                && (step.iter().any(|w| *w == t.text)
                    || (!t.text.is_empty()
                        && t.text.bytes().all(|b| b.is_ascii_digit())
                        && step.iter().any(|w| **w == *ANY_NUMBER)))
        })
    };
    let mut steps = steps.iter();
    if !is_step(at, steps.next()?) {
        return None;
    }
    let mut end = at;
    for step in steps {
        // Never across a pause: "already has the report, I need a place" is two thoughts.
        end = (end + 1..=end + 1 + gap)
            .take_while(|&p| tokens.get(p).is_some_and(|t| !t.pause))
            .find(|&p| is_step(p, step))?;
    }
    Some(end)
}

/// What a caller wants of the call, as a trained call-taker hears it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub enum Want {
    /// To report a crime or a suspect, to anyone: "who do I tell", "turn him in".
    Report,
    /// To reach help by text message: "can I text you", "is there a text line".
    Text,
}

impl Want {
    pub fn as_str(self) -> &'static str {
        match self {
            Want::Report => "report",
            Want::Text => "text",
        }
    }
}

/// The wordings of one want.
#[derive(Debug, Clone, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct WantRule {
    pub want: Want,
    pub phrases: List<Phrase>,
    #[serde(default)]
    pub patterns: List<Steps>,
    /// Things named with the want's words that are no want, left for the matcher to read:
    /// "the TIP report" is the State Department's report.
    #[serde(default)]
    pub names: List<Phrase>,
    /// Other senses of the want's words, taken out so no need reads them: "report card",
    /// "a copy of the police report".
    #[serde(default)]
    pub pseudo: List<Phrase>,
}

/// The word lists the reading pieces tell things apart with (`words` in
/// data/rules/reading.ron), each named for what it tells apart; the comments there say why.
#[derive(Debug, Clone, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct Words {
    pub years: List<Text>,
    pub months: List<Text>,
    pub time_units: List<Text>,
    pub age_verbs: List<Text>,
    pub hedges: List<Text>,
    pub children: List<Text>,
    pub family: List<Text>,
    pub first_person: List<Text>,
    pub people: List<Text>,
    pub age_joins: List<Text>,
    pub after_an_age: List<Text>,
    /// Words opening the next thought after one's own bare age ("tengo 15 mi novio ...").
    pub after_own_age: List<Text>,
    /// Who an adult's age may belong to beside a minor's: a partner or buyer ("her
    /// boyfriend is 34", "a 40 year old man"), not the person the question is about.
    pub partners: List<Text>,
    /// Words that say a person is a minor without giving an age ("teen", "underage").
    pub minor_words: List<Text>,
    /// An arrest feared or refused is the police avoided ("no quiero que lo arresten"),
    /// as deportation feared is immigration enforcement.
    pub arrest: List<Text>,
    pub time_context: List<Text>,
    pub time_after: List<Text>,
    pub recent_units: List<Text>,
    /// Words before a few minutes or hours that make them a moment soon ("in 20 min",
    /// "within the hour"): read as the word `soon`, which the danger rules take as now.
    #[serde(default)]
    pub soon_before: List<Text>,
    pub number_words: List<(Text, u32)>,
    pub grade: List<Text>,
    pub school_child: List<Text>,
    pub refuse: List<Text>,
    pub fear: List<Text>,
    pub avoid_between: List<Text>,
    /// Words of a wish that, refused, fear what follows: "no quiero que lo deporten" ("I
    /// don't want them to deport him") fears deportation; "no deportation" says nothing.
    #[serde(default)]
    pub wish: List<Text>,
    /// Words that turn a thought between a fear and an agency: "scared but she wants the
    /// police".
    #[serde(default)]
    pub fear_stops: List<Text>,
    /// A caller's own word that they have no papers: "i'm undocumented", "no tengo
    /// papeles". Immigration enforcement is kept out of their answer.
    #[serde(default)]
    pub undocumented_self: List<Phrase>,
    /// Words of trust a refusal after the agency denies: "the police won't believe me".
    #[serde(default)]
    pub distrust: List<Text>,
    /// The words that name each kind of agency a caller may fear or refuse.
    pub immigration: List<Text>,
    pub police: List<Text>,
    /// Nouns an agency's name before them makes a thing: "immigration lawyer".
    pub agency_things: List<Text>,
    pub deportation: List<Text>,
    /// A status a fear of losing is a fear of immigration enforcement: "scared she loses
    /// her visa if she complains"; and the words of losing it said just before.
    #[serde(default)]
    pub status: List<Text>,
    #[serde(default)]
    pub status_loss: List<Text>,
    pub documents: List<Text>,
    pub hold: List<Text>,
    pub before_documents: List<Text>,
    pub after_documents: List<Text>,
    pub documents_sex: List<Text>,
    pub travel: List<Text>,
    pub travel_taken: List<Text>,
    pub travel_return: List<Text>,
    pub us_citizen: List<Phrase>,
    pub abroad_before: List<Text>,
    pub travel_between: List<Text>,
    pub safe_after: List<Text>,
    pub safe_not: List<Text>,
    pub denials: List<Text>,
    pub form_actions: List<Text>,
    pub spanish_function_words: List<Text>,
    /// Pronouns Spanish writes onto a verb ("quitarle", "siguiéndome"), longest first, and
    /// the endings a verb they stand on has: the reader reads the verb without them.
    #[serde(default)]
    pub spanish_clitics: List<(Text, Text)>,
    /// Spanish object pronouns written before their verb ("me vende": "sells me").
    pub spanish_object_pronouns: List<Text>,
    /// Words after such a verb that show the pronoun is not its object ("me quitan a
    /// mis hijos", "le quiebra las piernas").
    pub spanish_not_object_after: List<Text>,
    /// English readings of verbs that keep the pronoun before them ("le está pegando").
    pub spanish_pronoun_stays: List<Text>,
    /// Spanish helping verbs, as the lexicon keys them ("esta", "va a"): a pronoun before
    /// one is the object of the verb after it ("la está vendiendo").
    pub spanish_helping_verbs: List<Text>,
    /// Spanish prepositions read "to" before an infinitive ("amenaza con matar"), each with
    /// that reading.
    pub spanish_before_infinitive: List<(Text, Text)>,
    /// Determiners before which an "a" after an infinitive marks a person ("matar a la
    /// muchacha"), read as no word.
    pub spanish_personal_a_before: List<Text>,
    /// Words a lone letter before them is glued to ("T visa" is "tvisa", "E-Verify"):
    /// besides these, only numbers and other letters are ("H 2A", "U S").
    pub letter_joins: List<Text>,
    #[serde(default)]
    pub spanish_verb_endings: List<Text>,
    /// Who or what a report names: a person or a business that may wrong someone ("turn in
    /// my old boss", "denunciar al dueño"). A wish to report with one of these is a crime's
    /// report even where no other need is read; without, it may be the city's ("report a
    /// pothole").
    #[serde(default)]
    pub reported: List<Text>,
    /// Words that name a child ("kid", "teen", "student", "niña" read as "girl"): without
    /// one, or a minor's age, the learned weights add no minors' need, however sure they
    /// are of the setting's words ("motel", "room").
    #[serde(default)]
    pub child_words: List<Text>,
    /// Phrases that say someone is out of harm's way now ("she's with us now", "in
    /// detention", "safe in our hospital"), read as "safe" is.
    #[serde(default)]
    pub safe_now: List<Phrase>,
    /// Who, named just before a phrase of `safe_now`, is not the one in danger: "mom in my
    /// office now" says the mother is safe, not the daughter in a car with two men.
    #[serde(default)]
    pub safe_bystanders: List<Text>,
    /// Words that say someone has no papers ("mom undocumented", "his parents are
    /// illegal"): beside a fear of the police, immigration enforcement is feared too.
    #[serde(default)]
    pub undocumented_someone: List<Phrase>,
    /// Words of a refusal that, before deportation, fear it: "can she report without being
    /// deported", "denunciar sin que lo deporten".
    #[serde(default)]
    pub without: List<Text>,
    /// Words after a number that make it a measure, never an age ("like 10 degrees").
    #[serde(default)]
    pub measures: List<Text>,
    /// Phrases that say no one threatened anyone ("nobody threatened me", "nadie nos ha
    /// amenazado"): the question's talk of deportation or the police is then a worry or
    /// a question, never a threat.
    #[serde(default)]
    pub no_threat: List<Phrase>,
}

impl Default for Words {
    fn default() -> Words {
        Words::EMPTY
    }
}

impl Words {
    /// No words: nothing read by them.
    pub const EMPTY: Words = Words {
        years: Cow::Borrowed(&[]),
        months: Cow::Borrowed(&[]),
        time_units: Cow::Borrowed(&[]),
        age_verbs: Cow::Borrowed(&[]),
        hedges: Cow::Borrowed(&[]),
        children: Cow::Borrowed(&[]),
        family: Cow::Borrowed(&[]),
        first_person: Cow::Borrowed(&[]),
        people: Cow::Borrowed(&[]),
        age_joins: Cow::Borrowed(&[]),
        after_an_age: Cow::Borrowed(&[]),
        after_own_age: Cow::Borrowed(&[]),
        partners: Cow::Borrowed(&[]),
        minor_words: Cow::Borrowed(&[]),
        arrest: Cow::Borrowed(&[]),
        time_context: Cow::Borrowed(&[]),
        time_after: Cow::Borrowed(&[]),
        recent_units: Cow::Borrowed(&[]),
        soon_before: Cow::Borrowed(&[]),
        number_words: Cow::Borrowed(&[]),
        grade: Cow::Borrowed(&[]),
        school_child: Cow::Borrowed(&[]),
        refuse: Cow::Borrowed(&[]),
        fear: Cow::Borrowed(&[]),
        avoid_between: Cow::Borrowed(&[]),
        wish: Cow::Borrowed(&[]),
        fear_stops: Cow::Borrowed(&[]),
        undocumented_self: Cow::Borrowed(&[]),
        distrust: Cow::Borrowed(&[]),
        immigration: Cow::Borrowed(&[]),
        police: Cow::Borrowed(&[]),
        agency_things: Cow::Borrowed(&[]),
        deportation: Cow::Borrowed(&[]),
        status: Cow::Borrowed(&[]),
        status_loss: Cow::Borrowed(&[]),
        documents: Cow::Borrowed(&[]),
        hold: Cow::Borrowed(&[]),
        before_documents: Cow::Borrowed(&[]),
        after_documents: Cow::Borrowed(&[]),
        documents_sex: Cow::Borrowed(&[]),
        travel: Cow::Borrowed(&[]),
        travel_taken: Cow::Borrowed(&[]),
        travel_return: Cow::Borrowed(&[]),
        us_citizen: Cow::Borrowed(&[]),
        abroad_before: Cow::Borrowed(&[]),
        travel_between: Cow::Borrowed(&[]),
        safe_after: Cow::Borrowed(&[]),
        safe_not: Cow::Borrowed(&[]),
        denials: Cow::Borrowed(&[]),
        form_actions: Cow::Borrowed(&[]),
        spanish_function_words: Cow::Borrowed(&[]),
        spanish_clitics: Cow::Borrowed(&[]),
        spanish_object_pronouns: Cow::Borrowed(&[]),
        spanish_not_object_after: Cow::Borrowed(&[]),
        spanish_pronoun_stays: Cow::Borrowed(&[]),
        spanish_helping_verbs: Cow::Borrowed(&[]),
        spanish_before_infinitive: Cow::Borrowed(&[]),
        spanish_personal_a_before: Cow::Borrowed(&[]),
        letter_joins: Cow::Borrowed(&[]),
        spanish_verb_endings: Cow::Borrowed(&[]),
        reported: Cow::Borrowed(&[]),
        child_words: Cow::Borrowed(&[]),
        safe_now: Cow::Borrowed(&[]),
        safe_bystanders: Cow::Borrowed(&[]),
        undocumented_someone: Cow::Borrowed(&[]),
        without: Cow::Borrowed(&[]),
        measures: Cow::Borrowed(&[]),
        no_threat: Cow::Borrowed(&[]),
    };
}

#[derive(Debug, Clone, Default, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct ThreatRules {
    pub frames: List<Phrase>,
    pub question_frames: List<Phrase>,
    /// Words after which a question may open inside a clause: "but would a victim get
    /// deported if they come forward".
    #[serde(default)]
    pub part_openers: List<Text>,
    pub said_after: List<Phrase>,
    pub counsel: List<Phrase>,
    pub own: List<Phrase>,
    pub others: List<Phrase>,
    pub conditions: List<Phrase>,
    pub actors: List<Phrase>,
    /// A question in the inverted order ("could I get deported", "will they deport me"):
    /// just before an agency's act no one names, it asks what may happen, and threatens
    /// nothing.
    #[serde(default)]
    pub asked: List<Phrase>,
    /// A question told of ("she wants to know if ICE will get involved", "quiere saber si
    /// puede denunciar en la policía"): before an agency's act with no one named between
    /// who could make the threat, it tells a worry or a step, and threatens nothing.
    #[serde(default)]
    pub indirect: List<Phrase>,
    /// A wish for oneself ("she wants to be sent home"): just before an act done to the
    /// one who wishes it, no threat.
    #[serde(default)]
    pub wished: List<Phrase>,
    /// Words before a word of `said_after` that make it a thing, not a saying ("she has
    /// texts saved").
    #[serde(default)]
    pub said_nominal: List<Phrase>,
    /// Verbs of saying in their base form ("tell", "say"), as English learned late uses
    /// them for any tense: a saying (a frame, and a saying for a quote) only right after
    /// someone who could say it ("owner tell us: you complain, I call immigration"), never
    /// alone ("you can feel safe to tell us"). [`ReadingRules::prepare`] writes each as
    /// phrases of `actors` and `others` with the verb.
    #[serde(default)]
    pub said_bare: List<Text>,
    /// Phrases whose first word only looks like a threat's act: "a 911 call taker", "the
    /// call center". A pattern that begins on one is no threat.
    #[serde(default)]
    pub pseudo: List<Phrase>,
    pub patterns: List<Pattern>,
}

#[derive(Debug, Clone, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct Sense {
    /// The words the abbreviation is read as.
    pub means: Text,
    pub context: List<Phrase>,
}

#[derive(Debug, Clone, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct Abbreviation {
    pub word: Text,
    pub senses: List<Sense>,
    /// Read only beside a word of one of its senses: "the T" is the T visa in "her T is
    /// pending", a letter anywhere else.
    #[serde(default)]
    pub only_in_context: bool,
    /// Its context only in the word right after it: "U pending" is the U visa, "can u
    /// check the status" is "you".
    #[serde(default)]
    pub next_word_only: bool,
}

#[derive(Debug, Clone, Default, Deserialize, Bake)]
#[databake(path = crate::matching::rules)]
pub struct ReadingRules {
    pub scope: ScopeRules,
    pub abbreviations: List<Abbreviation>,
    pub danger: DangerRules,
    pub threats: ThreatRules,
    #[serde(default)]
    pub wants: List<WantRule>,
    /// Children named as someone's family or charge, not as the ones harmed: "watch the 3
    /// kids", "go home to her kids", "reunificación con sus hijos". Each pattern's last
    /// step is the child's word, which no need then reads.
    #[serde(default)]
    pub dependents: List<Steps>,
    /// A language said not to be spoken ("very little Spanish"): each pattern's last step
    /// is the language's word, which no need then reads.
    #[serde(default)]
    pub unspoken: List<Steps>,
    pub words: Words,
}

impl ReadingRules {
    /// No rules: every question read by its words alone.
    pub const EMPTY: ReadingRules = ReadingRules {
        scope: ScopeRules {
            cues: Cow::Borrowed(&[]),
            ends: Cow::Borrowed(&[]),
            pause_ends: Cow::Borrowed(&[]),
            end_back_to_pause: Cow::Borrowed(&[]),
            frames: Cow::Borrowed(&[]),
            list_joins: Cow::Borrowed(&[]),
            list_breaks: Cow::Borrowed(&[]),
            relative: Cow::Borrowed(&[]),
            relative_ends: Cow::Borrowed(&[]),
            pseudo: Cow::Borrowed(&[]),
        },
        abbreviations: Cow::Borrowed(&[]),
        danger: DangerRules {
            strong: Cow::Borrowed(&[]),
            weak: Cow::Borrowed(&[]),
            now: Cow::Borrowed(&[]),
            weak_reach: 0,
            pseudo: Cow::Borrowed(&[]),
            harm: Cow::Borrowed(&[]),
            threat_speech: Cow::Borrowed(&[]),
            threat_conditions: Cow::Borrowed(&[]),
            present: Cow::Borrowed(&[]),
            strong_steps: Cow::Borrowed(&[]),
            weak_steps: Cow::Borrowed(&[]),
            now_steps: Cow::Borrowed(&[]),
            still: Cow::Borrowed(&[]),
        },
        threats: ThreatRules {
            frames: Cow::Borrowed(&[]),
            question_frames: Cow::Borrowed(&[]),
            part_openers: Cow::Borrowed(&[]),
            said_after: Cow::Borrowed(&[]),
            counsel: Cow::Borrowed(&[]),
            own: Cow::Borrowed(&[]),
            others: Cow::Borrowed(&[]),
            conditions: Cow::Borrowed(&[]),
            actors: Cow::Borrowed(&[]),
            asked: Cow::Borrowed(&[]),
            indirect: Cow::Borrowed(&[]),
            wished: Cow::Borrowed(&[]),
            said_nominal: Cow::Borrowed(&[]),
            said_bare: Cow::Borrowed(&[]),
            pseudo: Cow::Borrowed(&[]),
            patterns: Cow::Borrowed(&[]),
        },
        wants: Cow::Borrowed(&[]),
        dependents: Cow::Borrowed(&[]),
        unspoken: Cow::Borrowed(&[]),
        words: Words::EMPTY,
    };
}

/// Reads the rules from their text (build.rs bakes what this reads; tests read it too).
pub fn parse(text: &str) -> Result<ReadingRules, String> {
    let mut rules: ReadingRules =
        ron::from_str(text).map_err(|e| format!("data/rules/reading.ron: {e}"))?;
    rules.prepare();
    Ok(rules)
}

impl ReadingRules {
    /// Every phrase list of the rules: sorted for [`longest_at`], and read in Spanish too
    /// ([`ReadingRules::add_readings`]).
    fn phrase_lists(&mut self) -> Vec<&mut List<Phrase>> {
        let mut lists: Vec<&mut List<Phrase>> = Vec::new();
        for cue in self.scope.cues.to_mut() {
            lists.push(&mut cue.words);
        }
        for ends in self.scope.ends.to_mut() {
            lists.push(&mut ends.words);
        }
        lists.push(&mut self.scope.pseudo);
        for abbreviation in self.abbreviations.to_mut() {
            for sense in abbreviation.senses.to_mut() {
                lists.push(&mut sense.context);
            }
        }
        let (danger, threats, words) = (&mut self.danger, &mut self.threats, &mut self.words);
        lists.extend([
            &mut danger.strong,
            &mut danger.weak,
            &mut danger.now,
            &mut danger.pseudo,
            &mut danger.harm,
            &mut danger.present,
            &mut danger.still,
            &mut threats.frames,
            &mut threats.question_frames,
            &mut threats.said_after,
            &mut threats.counsel,
            &mut threats.own,
            &mut threats.others,
            &mut threats.conditions,
            &mut threats.actors,
            &mut threats.asked,
            &mut threats.indirect,
            &mut threats.wished,
            &mut threats.said_nominal,
            &mut threats.pseudo,
            &mut words.us_citizen,
            &mut words.safe_now,
            &mut words.no_threat,
            &mut words.undocumented_self,
            &mut words.undocumented_someone,
        ]);
        for want in self.wants.to_mut() {
            lists.push(&mut want.phrases);
            lists.push(&mut want.names);
            lists.push(&mut want.pseudo);
        }
        lists
    }

    /// Adds to every phrase list the reading `read` gives a phrase, where it gives one
    /// the list lacks: a Spanish phrase as a Spanish question is read ("no tengo papeles"
    /// is read "not i have papers"), so a rule written in Spanish finds its question.
    pub fn add_readings(&mut self, read: impl Fn(&str) -> Option<String>) {
        // Scope cues stay as written: a Spanish cue tells apart forms the reading makes
        // one ("amenazaron", what they did once, and "amenazó" are both "threatened").
        let cues = self.scope.cues.len() + self.scope.ends.len();
        for list in self.phrase_lists().into_iter().skip(cues) {
            let mut added: Vec<Phrase> = list
                .iter()
                // A word alone keeps its own sense: "matar" is read "kill", but "kill"
                // alone is no harm ("I'd kill for a beer").
                .filter(|phrase| phrase.len() > 1)
                .filter_map(|phrase| read(&phrase.0.join(" ")))
                .map(|text| Phrase::of(&text))
                .filter(|p| !p.is_empty() && !list.iter().any(|q| q.0 == p.0))
                .collect();
            added.sort_by(|a, b| a.0.cmp(&b.0));
            added.dedup_by(|a, b| a.0 == b.0);
            list.to_mut().extend(added);
            sort(list);
        }
    }

    /// Sets each step pattern's first letters, as [`steps_end`] reads them, and sorts
    /// every phrase list, as [`longest_at`] searches them (a list left out fails its
    /// debug check in the tests).
    fn prepare(&mut self) {
        for steps in [
            &mut self.danger.strong_steps,
            &mut self.danger.weak_steps,
            &mut self.danger.now_steps,
        ] {
            for s in steps.to_mut() {
                s.firsts = first_letters(&s.steps);
            }
        }
        for s in self
            .dependents
            .to_mut()
            .iter_mut()
            .chain(self.unspoken.to_mut())
        {
            s.firsts = first_letters(&s.steps);
        }
        for p in self.threats.patterns.to_mut() {
            p.firsts = first_letters(&p.steps);
        }
        self.threats.speakers_with_bare_sayings();
        for want in self.wants.to_mut() {
            for s in want.patterns.to_mut() {
                s.firsts = first_letters(&s.steps);
            }
        }
        for list in self.phrase_lists() {
            sort(list);
        }
    }
}

impl ThreatRules {
    /// Each word of `said_bare` after each one-word actor or other person, as phrases of
    /// `frames` and `said_after`: "boss tell", "he say".
    fn speakers_with_bare_sayings(&mut self) {
        let speakers: Vec<Text> = self
            .actors
            .iter()
            .chain(self.others.iter())
            .filter(|p| p.len() == 1)
            .filter_map(|p| p.0.first().cloned())
            .collect();
        let phrases: Vec<Phrase> = speakers
            .iter()
            .flat_map(|speaker| {
                self.said_bare
                    .iter()
                    .map(move |verb| Phrase(vec![speaker.clone(), verb.clone()].into()))
            })
            .collect();
        for list in [&mut self.frames, &mut self.said_after] {
            list.to_mut().extend(phrases.iter().cloned());
        }
    }
}

/// Reads each abbreviation with two meanings in the sense its question's other words
/// support: the sense whose context words appear most (the first on a tie or none). The
/// token is rewritten as the sense's words; what was written stays.
pub fn read_abbreviations(tokens: &mut [Token], abbreviations: &[Abbreviation]) -> Vec<Ambiguity> {
    let mut ambiguous = Vec::new();
    for at in 0..tokens.len() {
        let Some(abbreviation) = abbreviations.iter().find(|a| a.word == tokens[at].text) else {
            continue;
        };
        let reach = if abbreviation.next_word_only {
            at + 1..(at + 2).min(tokens.len())
        } else {
            0..tokens.len()
        };
        let support = |sense: &Sense| {
            reach
                .clone()
                .filter(|&p| p != at && longest_at(&sense.context, tokens, p).is_some())
                .count()
        };
        let supports: Vec<usize> = abbreviation.senses.iter().map(support).collect();
        let Some(&most) = supports.iter().max() else {
            continue;
        };
        if most == 0 && abbreviation.only_in_context {
            continue;
        }
        // The first sense with the most support; with no context, or as much for another
        // sense, that is the first (the safer), and the answer says the others.
        let chosen = supports.iter().position(|&n| n == most).unwrap_or(0);
        let sense = &abbreviation.senses[chosen];
        // Written out already ("T visa"): nothing to read into it.
        let spelled = sense.means.split(' ').count();
        if tokens.len() >= at + spelled
            && tokens[at..at + spelled]
                .iter()
                .map(|t| t.text.as_str())
                .eq(sense.means.split(' '))
        {
            continue;
        }
        let others: Vec<String> = abbreviation
            .senses
            .iter()
            .zip(&supports)
            .enumerate()
            .filter(|&(i, (_, &n))| i != chosen && n == most)
            .map(|(_, (s, _))| s.means.to_string())
            .collect();
        if !others.is_empty() {
            ambiguous.push(Ambiguity {
                words: tokens[at].written.clone(),
                read_as: sense.means.to_string(),
                others,
            });
        }
        tokens[at].text = sense.means.to_string();
    }
    ambiguous
}

/// An abbreviation the question gives no context for, or as much for two senses: read in
/// its first (safer) sense, the others said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    /// As written ("CP").
    pub words: String,
    pub read_as: String,
    pub others: Vec<String>,
}

/// The scopes of a question: which words are negated, past, supposed or unreal. The one
/// routine that decides scope, after `ConText` (Harkema et al. 2009): a cue reaches a number
/// of words in its direction, never past its clause or a word that ends its kind.
#[derive(Debug, Default)]
pub struct Scopes {
    /// (kind, first position, one past the last).
    spans: Vec<(ScopeKind, usize, usize, usize)>,
    /// Positions of the cues themselves, which are in no scope of their own.
    cues: Vec<usize>,
}

impl Scopes {
    pub fn of(tokens: &[Token], rules: &ScopeRules, spanish: bool) -> Scopes {
        let mut scopes = Scopes::default();
        let mut i = 0;
        while i < tokens.len() {
            if let Some(len) = longest_at(&rules.pseudo, tokens, i) {
                i += len;
                continue;
            }
            let found = rules
                .cues
                .iter()
                .filter(|cue| spanish || !cue.spanish_only)
                .filter_map(|cue| longest_at(&cue.words, tokens, i).map(|len| (cue, len)))
                .max_by_key(|(_, len)| *len);
            let Some((cue, len)) = found else {
                i += 1;
                continue;
            };
            scopes.cues.extend(i..i + len);
            let ends: Vec<&Phrase> = rules
                .ends
                .iter()
                .filter(|e| e.kind == cue.kind)
                .flat_map(|e| e.words.iter())
                .collect();
            let ends_at = |at: usize| ends.iter().any(|p| p.at(tokens, at));
            let pauses = rules.pause_ends.contains(&cue.kind);
            let clause = tokens[i].clause;
            let relative = cue.kind == ScopeKind::Negated
                && i > 0
                && rules
                    .relative
                    .iter()
                    .any(|w| w.as_ref() == tokens[i - 1].text);
            let ends_at = |at: usize| {
                ends_at(at)
                    || (relative
                        && rules
                            .relative_ends
                            .iter()
                            .any(|w| w.as_ref() == tokens[at].text))
            };
            if matches!(cue.direction, Direction::Forward | Direction::Both) {
                let start = i + len;
                let mut end = start;
                // A list joined by "or" is negated whole: "don't have a gun or a knife".
                let mut reach = cue.reach;
                let opens = i == 0 || tokens[i - 1].clause != clause;
                if opens && rules.frames.contains(&cue.kind) {
                    reach = tokens.len();
                }
                // The word right after a negation is what it negates, even a word that
                // ends negations: "no va a llamar" (read "not will call"), "never gonna".
                let negates_next = cue.kind == ScopeKind::Negated;
                while end < tokens.len()
                    && end < start + reach
                    && tokens[end].clause == clause
                    && !(ends_at(end) && !(negates_next && end == start))
                    && !(pauses && tokens[end].pause)
                {
                    // ("or he calls immigration" is a consequence, not an item.)
                    let item_follows = tokens
                        .get(end + 1)
                        .is_some_and(|next| !rules.list_breaks.iter().any(|w| *w == next.text));
                    if item_follows && rules.list_joins.iter().any(|w| *w == tokens[end].text) {
                        reach = reach.max(end - start + 1 + LIST_ITEM);
                    }
                    end += 1;
                }
                if rules.end_back_to_pause.contains(&cue.kind)
                    && end < tokens.len()
                    && tokens[end].clause == clause
                    && ends_at(end)
                    && let Some(pause) = (start..=end).rev().find(|&p| tokens[p].pause)
                {
                    end = pause;
                }
                scopes.spans.push((cue.kind, start, end, i));
            }
            if matches!(cue.direction, Direction::Backward | Direction::Both) {
                let mut start = i;
                while start > 0
                    && start + cue.reach > i
                    && tokens[start - 1].clause == clause
                    && !ends_at(start - 1)
                    && !(pauses && tokens[start].pause)
                {
                    start -= 1;
                }
                scopes.spans.push((cue.kind, start, i, i));
            }
            i += len;
        }
        scopes
    }

    /// The kinds of scope a position lies in.
    pub fn kinds_at(&self, at: usize) -> impl Iterator<Item = ScopeKind> + '_ {
        self.spans
            .iter()
            .filter(move |(_, start, end, _)| (*start..*end).contains(&at))
            .map(|(kind, _, _, _)| *kind)
    }

    /// Whether a position lies in a scope of one of these kinds opened by a cue outside
    /// `phrase`: "nobody leaves" says confinement with its own "nobody", while "not locked
    /// in" puts "locked in" out of the present.
    pub fn within_from_outside(
        &self,
        at: usize,
        kinds: &[ScopeKind],
        phrase: std::ops::Range<usize>,
    ) -> bool {
        self.spans.iter().any(|(kind, start, end, cue)| {
            kinds.contains(kind) && (*start..*end).contains(&at) && !phrase.contains(cue)
        })
    }

    /// Whether a position lies in a scope of one of these kinds.
    pub fn within(&self, at: usize, kinds: &[ScopeKind]) -> bool {
        self.kinds_at(at).any(|k| kinds.contains(&k))
    }

    /// Whether any cue of these kinds is in the question.
    pub fn any_of(&self, kinds: &[ScopeKind]) -> bool {
        self.spans
            .iter()
            .any(|(kind, _, _, _)| kinds.contains(kind))
    }

    /// Whether the word at a position is itself a cue.
    pub fn is_cue(&self, at: usize) -> bool {
        self.cues.contains(&at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::normalize::tokens;
    use std::sync::OnceLock;

    static TEXT: &str = include_str!("../../../../data/rules/reading.ron");

    fn rules() -> &'static ReadingRules {
        static RULES: OnceLock<ReadingRules> = OnceLock::new();
        RULES.get_or_init(|| parse(TEXT).expect("data/rules/reading.ron"))
    }

    fn kinds(text: &str, word: &str) -> Vec<ScopeKind> {
        let tokens = tokens(text);
        let scopes = Scopes::of(&tokens, &rules().scope, false);
        let at = tokens.iter().position(|t| t.text == word).unwrap();
        scopes.kinds_at(at).collect()
    }

    #[test]
    fn an_abbreviation_is_read_in_the_sense_its_question_supports() {
        let read = |text: &str| {
            let mut tokens = tokens(text);
            read_abbreviations(&mut tokens, &rules().abbreviations);
            tokens
                .into_iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert!(
            read("the detective asked about CP for my client's visa")
                .contains("continued presence")
        );
        assert!(
            read("there was CP on the shared computer, videos of kids")
                .contains("child sexual abuse material")
        );
        // With nothing to go on, the first sense, the safer, and the other is said.
        assert_eq!(read("cp"), "child sexual abuse material");
        let mut alone = tokens("CP?");
        let ambiguous = read_abbreviations(&mut alone, &rules().abbreviations);
        assert_eq!(ambiguous.len(), 1);
        assert_eq!(ambiguous[0].others, ["continued presence"]);
        let mut clear = tokens("CP pictures on his phone");
        assert!(read_abbreviations(&mut clear, &rules().abbreviations).is_empty());
    }

    #[test]
    fn the_bundled_rules_read() {
        parse(TEXT).unwrap();
        assert!(!rules().danger.strong.is_empty());
    }

    #[test]
    fn a_cue_reaches_its_words_and_stops_at_its_clause_and_its_ends() {
        assert_eq!(
            kinds("she is not in danger", "danger"),
            [ScopeKind::Negated]
        );
        assert!(kinds("she is not hurt. he has a knife", "knife").is_empty());
        assert_eq!(kinds("last year he beat her", "beat"), [ScopeKind::Past]);
        assert!(kinds("he used to beat her but now he has a gun", "gun").is_empty());
        assert_eq!(kinds("if he hits me again", "hits"), [ScopeKind::Supposed]);
        assert!(kinds("if i leave he will kill me", "kill").is_empty());
        assert_eq!(
            kinds("a movie where a girl is locked in", "locked"),
            [ScopeKind::Unreal]
        );
        // A pseudo-cue is none: "not only".
        assert!(kinds("not only is she locked in", "locked").is_empty());
    }
}
