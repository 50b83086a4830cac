//! A person's age, told apart from a length of time or a count.
//!
//! "16 year old", "aged 14", "I'm 17", "niece 16", "mi hija de 15 años" give an age: under
//! 18 is a minor, 18 and over an adult, and the matcher sees "minor" or "adult" in its
//! place. "not paid 2 months", "filed 8 months ago", "worked there for 5 years" give a
//! length of time: the number and its unit are taken out, so they never make a child of an
//! adult's case. A number alone ("3 kids", "20 workers") is left as it is.

use super::{consume, has, is, written};
use crate::matching::normalize::Token;
use crate::matching::rules::Words;

/// Age at which a person is no longer a minor.
pub const ADULT_AGE: u32 = 18;
/// No one is older; a larger number is not an age ("I-914", "911").
const MAX_AGE: u32 = 120;

/// An age the question gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Age {
    pub years: u32,
    pub minor: bool,
    /// The question's words ("16 year old").
    pub words: String,
    /// Whether the person asking gives it of themselves ("I'm 17", "tengo 15 años").
    pub of_self: bool,
    /// An adult's age said of a partner, a man, a buyer ("her boyfriend is 34", "a 40 yr
    /// old guy"): not the age of the person the question is about.
    pub of_partner: bool,
}

impl Age {
    /// Whether the age may be the victim's: every age but a partner's.
    pub fn of_victim(&self) -> bool {
        !self.of_partner
    }
}

/// Whether the adult's age at `start..end` is said of a partner (`partners`): one of them
/// just after it ("a 40 yr old man") or up to three words before it in its clause ("her
/// boyfriend is 34", "novio de 25").
fn of_partner(tokens: &[Token], start: usize, end: usize, w: &Words) -> bool {
    let clause = tokens[start].clause;
    is(tokens.get(end), &w.partners)
        || (start.saturating_sub(3)..start)
            .any(|p| tokens[p].clause == clause && is(Some(&tokens[p]), &w.partners))
}

/// Whether the number at `i` counts children ("16 and 2 kids" is no second age).
fn counts_children(tokens: &[Token], i: usize, w: &Words) -> bool {
    is(tokens.get(i + 1), &w.children)
}

fn number(token: &Token, w: &Words) -> Option<u32> {
    let text = token.text.as_str();
    if !text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    w.number_words
        .iter()
        .find(|(word, _)| *word == text)
        .map(|(_, n)| *n)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// "yo", "y/o": already an age.
    YearOld,
    Years,
    Months,
    Time,
}

/// The unit after a number and how many tokens it takes ("y" "o" is two).
fn unit(tokens: &[Token], at: usize, w: &Words) -> Option<(Unit, usize)> {
    let token = tokens.get(at)?;
    let text = token.text.as_str();
    // "yo", and the "F" or "M" of a case note's "24F".
    if matches!(text, "yo" | "f" | "m") {
        return Some((Unit::YearOld, 1));
    }
    if text == "y" {
        return is(tokens.get(at + 1), &["o"]).then_some((Unit::YearOld, 2));
    }
    if has(&w.years, text) {
        return Some((Unit::Years, 1));
    }
    if has(&w.months, text) {
        return Some((Unit::Months, 1));
    }
    has(&w.time_units, text).then_some((Unit::Time, 1))
}

/// The school grade an ordinal names ("6th", "11th"), 1 to 12.
fn grade(token: &Token) -> Option<u32> {
    let text = token.text.as_str();
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &text[digits.len()..];
    let n: u32 = digits.parse().ok()?;
    ((1..=12).contains(&n) && matches!(suffix, "st" | "nd" | "rd" | "th" | "o" | "er")).then_some(n)
}

/// A child's school grade, read as a minor's age (a child in grade N is about N + 5) and
/// written as "minor"; how many tokens it took.
fn school_age(
    w: &Words,
    tokens: &[Token],
    i: usize,
    ages: &mut Vec<Age>,
    out: &mut Vec<Token>,
) -> Option<usize> {
    let (age, len) = if let Some(n) = grade(&tokens[i])
        && is(tokens.get(i + 1), &w.grade)
    {
        let words = format!("{} {}", tokens[i].written, tokens[i + 1].written);
        (age_of_grade(n + 5, words), 2)
    } else if is(Some(&tokens[i]), &w.school_child) {
        (age_of_grade(ADULT_AGE - 1, tokens[i].written.clone()), 1)
    } else {
        return None;
    };
    out.push(Token::read_as("minor", age.words.clone(), tokens[i].clause));
    ages.push(age);
    Some(len)
}

fn age_of_grade(years: u32, words: String) -> Age {
    Age {
        years,
        minor: true,
        words,
        of_self: false,
        of_partner: false,
    }
}

/// How many words after a number and its unit say "old" ("16 years old", "15 years of
/// age"); none when they do not.
fn old(tokens: &[Token], end: usize, unit: Option<(Unit, usize)>) -> usize {
    if !unit.is_some_and(|(u, _)| matches!(u, Unit::Years | Unit::Months)) {
        0
    } else if is(tokens.get(end), &["old", "olds"]) {
        1
    } else if is(tokens.get(end), &["of"]) && is(tokens.get(end + 1), &["age"]) {
        2
    } else {
        0
    }
}

/// "the girls are 12 and 13": a plural "are" before a number that ends its clause or
/// joins another; "there are 12" and "we are 12 workers" are counts.
fn plural_age(
    w: &Words,
    tokens: &[Token],
    i: usize,
    prev: Option<&Token>,
    prev2: Option<&Token>,
    after: Option<&Token>,
) -> bool {
    is(prev, &["are", "were"])
        && !is(prev2, &["there"])
        && after.is_none_or(|a| {
            a.clause != tokens[i].clause
                || is(Some(a), &w.age_joins)
                || is(Some(a), &w.after_an_age)
        })
}

/// "12 and 13", "12-14": a second number joined to an age just read.
fn joined_age(
    w: &Words,
    tokens: &[Token],
    i: usize,
    prev: Option<&Token>,
    after: Option<&Token>,
    out: &[Token],
) -> bool {
    let read_age = |t: Option<&Token>| t.is_some_and(|t| t.text == "minor" || t.text == "adult");
    let bare_age = |t: Option<&Token>| {
        read_age(t) && t.is_some_and(|t| t.written.chars().all(|c| c.is_ascii_digit()))
    };
    !counts_children(tokens, i, w)
        && !is(after, &["times", "veces"])
        && (bare_age(out.last())
            || (is(prev, &w.age_joins) && read_age(out.len().checked_sub(2).map(|p| &out[p]))))
}

/// Takes out a length of time (the number, its unit and an "ago" after them), said as
/// "time ago" when it puts what it tells of in the past ("the knife incident was two weeks
/// ago"; "10 min ago" is still now). Returns where reading goes on.
fn take_duration(
    tokens: &[Token],
    i: usize,
    mut end: usize,
    w: &Words,
    durations: &mut Vec<String>,
    out: &mut Vec<Token>,
) -> usize {
    let ago = is(tokens.get(end), &["ago"]);
    let recent = is(tokens.get(end - 1), &w.recent_units);
    let long_ago = ago && !recent;
    // Spanish says "ago" first ("hace 5 minutos", read "ago 5 minutos"): a moment ago is
    // still now, and its "ago" no past.
    // "hace como 10 min" (read "ago how 10 min"): a hedge may stand between.
    if !ago && recent {
        let hedged = out.last().is_some_and(|t| has(&w.hedges, &t.text));
        let at = out.len().checked_sub(1 + usize::from(hedged));
        if let Some(at) = at.filter(|&at| out[at].text == "ago") {
            out.remove(at);
        }
    }
    let length = written(&tokens[i..end]);
    // A few minutes or hours ahead ("coming for her in 20 minutes", "in like 15 min"): a
    // moment soon.
    let hedged = out.last().is_some_and(|t| has(&w.hedges, &t.text));
    let soon_at = out.len().checked_sub(1 + usize::from(hedged));
    if !ago && recent && soon_at.is_some_and(|at| has(&w.soon_before, &out[at].text)) {
        let words: Vec<String> = out
            .drain(soon_at.unwrap_or_default()..)
            .map(|t| t.written)
            .collect();
        out.push(Token::read_as(
            "soon",
            format!("{} {length}", words.join(" ")),
            tokens[i].clause,
        ));
    }
    if ago {
        end += 1;
    }
    durations.push(written(&tokens[i..end]));
    if long_ago {
        let clause = tokens[i].clause;
        out.push(Token::read_as("time", length, clause));
        out.push(Token::read_as(
            "ago",
            tokens[end - 1].written.clone(),
            clause,
        ));
    }
    end
}

/// "tengo 15, mi novio me vende" (read "i have 15 my boyfriend"): Spanish gives one's own
/// age with "have" and a bare number, the thought ending there; "I have 15 workers" counts
/// them.
fn own_bare_age(w: &Words, number: &Token, prev: Option<&Token>, after: Option<&Token>) -> bool {
    is(prev, &["have"])
        && after.is_none_or(|a| {
            a.clause != number.clause
                || a.pause
                || is(Some(a), &w.age_joins)
                || is(Some(a), &w.after_an_age)
                || is(Some(a), &w.after_own_age)
        })
}

/// A bare number (no unit) that is an age by who "has" it: one's own ([`own_bare_age`]),
/// or a child's ("mi hijo tiene 15 y ...": the sentence going on after it).
fn bare_age(
    w: &Words,
    number: &Token,
    [prev, prev2, after]: [Option<&Token>; 3],
    of_self: bool,
) -> bool {
    (of_self && own_bare_age(w, number, prev, after))
        || (is(prev, &["has", "tiene"])
            && is(prev2, &w.child_words)
            && after.is_none_or(|a| a.clause != number.clause || is(Some(a), &w.age_joins)))
}

/// Finds ages and durations; ages become "minor" or "adult", durations are taken out.
pub fn read(tokens: &[Token], w: &Words) -> (Vec<Age>, Vec<String>, Vec<Token>) {
    let mut ages = Vec::new();
    let mut durations = Vec::new();
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some(len) = school_age(w, tokens, i, &mut ages, &mut out) {
            i += len;
            continue;
        }
        let Some(n) = number(&tokens[i], w) else {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        };
        // "looks maybe 14": a hedge stands aside.
        let hedged = usize::from(is(i.checked_sub(1).map(|p| &tokens[p]), &w.hedges));
        let prev = i.checked_sub(1 + hedged).map(|p| &tokens[p]);
        let prev2 = i.checked_sub(2 + hedged).map(|p| &tokens[p]);
        let unit = unit(tokens, i + 1, w);
        let mut end = i + 1 + unit.map_or(0, |(_, len)| len);
        let old_words = old(tokens, end, unit);
        let old = old_words > 0;
        end += old_words;
        let after = tokens.get(end);
        let told_of_self = is(prev, &w.first_person) || (is(prev, &["have"]) && is(prev2, &["i"]));
        let plural_age = unit.is_none() && plural_age(w, tokens, i, prev, prev2, after);
        let joined_age = unit.is_none() && joined_age(w, tokens, i, prev, after, &out);
        let when = unit.is_some_and(|(u, _)| u != Unit::YearOld) && is(after, &w.time_after);
        // "it was like 10 degrees", "paid 20 dollars": a measure, not an age.
        let measured = is(tokens.get(i + 1), &w.measures);
        let context = !when
            && !measured
            && (old
                || unit.is_some_and(|(u, _)| u == Unit::YearOld)
                || is(prev, &w.age_verbs)
                || is(prev, &w.people)
                || plural_age
                || joined_age
                || (is(prev, &["of"]) && is(prev2, &w.people))
                || (unit.is_none() && bare_age(w, &tokens[i], [prev, prev2, after], told_of_self))
                || (is(prev, &["have", "has", "having"])
                    && unit.is_some_and(|(u, _)| u == Unit::Years)
                    && !is(after, &w.time_context)));
        let timed = unit.is_some_and(|(u, _)| u == Unit::Time);
        if context && !timed && n <= MAX_AGE {
            let months = unit.is_some_and(|(u, _)| u == Unit::Months);
            let years = if months { n / 12 } else { n };
            // "I'm 17" says whose age it is: the words keep the "I'm".
            let start = if told_of_self {
                i - 1 - usize::from(is(prev, &["am", "have"]) && is(prev2, &["i"])) - hedged
            } else {
                i
            };
            let words = written(&tokens[start..end]);
            let minor = years < ADULT_AGE;
            ages.push(Age {
                years,
                minor,
                words: words.clone(),
                of_self: told_of_self,
                of_partner: !minor && !told_of_self && of_partner(tokens, start, end, w),
            });
            let text = if minor { "minor" } else { "adult" };
            out.push(Token::read_as(text, words, tokens[start].clause));
            i = end;
            continue;
        }
        if is(prev, &["under"]) && unit.is_none() && n <= ADULT_AGE {
            let under = out.pop().map(|t| t.written).unwrap_or_default();
            let words = format!("{under} {}", tokens[i].written);
            ages.push(Age {
                years: n.saturating_sub(1),
                minor: true,
                words: words.clone(),
                of_self: false,
                of_partner: false,
            });
            out.push(Token::read_as("minor", words, tokens[i].clause));
            i += 1;
            continue;
        }
        let after_an_adult = out.last().is_some_and(|t| t.text == "adult");
        if unit.is_none()
            && is(tokens.get(i + 1), &w.children)
            && (is(prev, &w.family) || after_an_adult)
        {
            // A count of one's own children: neither an age nor a child victim.
            let mut span: Vec<Token> = tokens[i..i + 2].to_vec();
            durations.push(written(&span));
            span.iter_mut().for_each(consume);
            i += 2;
            continue;
        }
        if unit.is_some_and(|(u, _)| u != Unit::YearOld) {
            i = take_duration(tokens, i, end, w, &mut durations, &mut out);
            continue;
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    (ages, durations, out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_school_grade_is_a_minors_age() {
        for (text, years) in [
            ("a 6th grader in my class", 11),
            ("she is in 10th grade", 15),
            ("un niño de 3er grado", 8),
        ] {
            let (ages, _, _) = super::read(
                &crate::matching::normalize::tokens(text),
                &super::super::test_support::vocabulary().rules.words,
            );
            assert_eq!(
                ages.first().map(|a| (a.years, a.minor)),
                Some((years, true)),
                "{text}"
            );
        }
        // A grade with no "grade" after it is no age: "the 6th of May".
        let (ages, _, _) = super::read(
            &crate::matching::normalize::tokens("paid on the 6th of May"),
            &super::super::test_support::vocabulary().rules.words,
        );
        assert!(ages.is_empty());
    }

    use super::super::test_support::{reading, words};

    #[test]
    fn a_length_of_time_ago_is_no_age() {
        for text in [
            "the beating was 2 years ago",
            "she was fired four months ago",
            "we left the camp 3 years earlier",
        ] {
            let read = reading(text);
            assert!(read.ages.is_empty(), "{text}: {:?}", read.ages);
        }
        // In Spanish, in words: a length of time, and an age.
        assert!(reading("hace dos años que trabaja ahí").ages.is_empty());
        assert_eq!(
            reading("mi sobrina tiene quince años")
                .ages
                .first()
                .map(|a| a.years),
            Some(15)
        );
        // An age beside it is still an age.
        assert_eq!(
            reading("she was 16 two years ago")
                .ages
                .first()
                .map(|a| a.years),
            Some(16)
        );
    }

    fn ages(text: &str) -> Vec<(u32, bool)> {
        reading(text)
            .ages
            .iter()
            .map(|a| (a.years, a.minor))
            .collect()
    }

    #[test]
    fn ages_with_their_context_are_ages() {
        for (text, years) in [
            ("16 year old from Honduras", 16),
            ("a 15-year-old girl", 15),
            ("15 yo", 15),
            ("15yo girl", 15),
            ("17 y/o", 17),
            ("aged 14", 14),
            ("I am 16", 16),
            ("I'm 17", 17),
            ("she is 15", 15),
            ("my niece 16 is being sold", 16),
            ("a girl of 13", 13),
            ("sixteen year old", 16),
            ("mi hija de 15 años", 15),
            ("tengo 17 años", 17),
            ("under 18", 17),
            ("a 25 year old man", 25),
            ("a girl who looks maybe 14", 14),
            ("CM note - 24F, 2 kids", 24),
            ("14 year olds on the night shift", 14),
            // One's own age in Spanish, the number bare, the next thought after it.
            ("tengo 15 mi novio me lleva con hombres", 15),
            ("ayuda tengo 14, no me deja salir", 14),
        ] {
            assert_eq!(ages(text).first().map(|a| a.0), Some(years), "{text}");
        }
        assert_eq!(ages("a 25 year old man"), [(25, false)]);
        assert_eq!(ages("I'm 17")[0], (17, true));
    }

    #[test]
    fn ages_said_of_several_are_each_an_age() {
        for (text, years) in [
            ("the two sisters are 12 and 13", vec![12, 13]),
            ("they were 15 when it started", vec![15]),
            ("boys aged 12-14", vec![12, 14]),
            ("cousins 16 or 17", vec![16, 17]),
        ] {
            let found: Vec<u32> = ages(text).into_iter().map(|a| a.0).collect();
            assert_eq!(found, years, "{text}");
        }
        for text in [
            "there are 12 of us",
            "we are 12 workers",
            "she is 16 and 2 kids",
            "a 16 year old 3 times a week",
        ] {
            assert!(ages(text).len() <= 1, "{text}: {:?}", ages(text));
        }
    }

    #[test]
    fn durations_and_counts_are_never_ages() {
        for text in [
            "not paid 2 months",
            "filed 8 months ago",
            "worked there for 5 years",
            "for the past 2 years",
            "2 weeks without pay",
            "3 kids at home",
            "20 workers on the farm",
            "I have 3 kids and he pays me $200 a week",
            "can her 2 kids get derivative status",
            "call 711",
            "I-914 Supplement B",
            "no me pagan hace 3 meses",
            "tengo 2 años trabajando aquí",
            "tengo 15 trabajadores en la granja",
            "I have 15 workers on the crew",
            "tengo 20 dolares",
            "trabajé 5 años en la granja",
            // A measure after the number.
            "it was like 10 degrees in the barn last night",
            "he pays them like 15 dollars a day",
        ] {
            assert!(ages(text).is_empty(), "{text}: {:?}", ages(text));
        }
        assert_eq!(reading("not paid 2 months").durations, ["2 months"]);
        assert_eq!(reading("filed 8 months ago").durations, ["8 months ago"]);
        assert!(!words("worked there for 5 years").contains(&"5".to_string()));
        assert!(!words("I have 3 kids").contains(&"kids".to_string()));
    }

    #[test]
    fn the_matcher_sees_minor_or_adult() {
        assert!(words("16 year old").contains(&"minor".to_string()));
        assert!(words("a 30 year old woman").contains(&"adult".to_string()));
        assert!(!words("not paid 2 months").contains(&"minor".to_string()));
    }

    #[test]
    fn an_age_written_as_one_word_is_quoted_once() {
        let read = reading("a 14yo boy on a roofing crew");
        let words: Vec<&str> = read.ages.iter().map(|a| a.words.as_str()).collect();
        assert_eq!(words, ["14yo"]);
    }

    #[test]
    fn an_adults_age_said_of_a_partner_or_a_man_is_not_the_victims() {
        let partner =
            |text: &str| -> Vec<bool> { reading(text).ages.iter().map(|a| a.of_partner).collect() };
        assert_eq!(
            partner("my niece is 15 and her boyfriend is 29"),
            [false, true]
        );
        assert_eq!(
            partner("a 45 yr old man keeps messaging my 13 year old"),
            [true, false]
        );
        assert_eq!(
            partner("su novio de 30 la manda a trabajar, ella tiene 16 años"),
            [true, false]
        );
        // The person's own adult age, or a relative's, is theirs.
        assert_eq!(partner("my sister is 22 and he sells her"), [false]);
        assert_eq!(partner("I'm 19 and my manager holds my passport"), [false]);
        // A minor's age is never a partner's.
        assert_eq!(partner("her boyfriend is 17"), [false]);
    }

    #[test]
    fn a_word_that_says_minor_is_read_as_a_minor_without_an_age() {
        assert_eq!(
            reading("a teenager sleeping at the bus station").minor_named,
            ["teenager"]
        );
        assert_eq!(
            reading("underage girls at the bar").minor_named,
            ["underage"]
        );
        assert!(reading("she said she is not a teen").minor_named.is_empty());
        // A minor's age is an age, not a word that says minor.
        let read = reading("a 16 year old at the bus station");
        assert!(read.minor_named.is_empty());
        assert_eq!(read.minor(), Some("16 year old"));
    }
}
