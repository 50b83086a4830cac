//! What the caller wants of the call. "Who do I tell about a farm where nobody leaves",
//! "I want them caught", "¿a quién le aviso?", "how do I turn him in": the caller wants to
//! report, though no word of a need says "report". A want counts only outside every scope:
//! "I don't want to report him", "if I report will they deport me", "a report for my class"
//! want no report. Its other senses ("report card", "a copy of the police report") are
//! taken out so no need reads them; a want out of scope is taken out too, so "report" in
//! "I already reported, now she needs a room" brings no reporting line. The wordings are in
//! data/rules/reading.ron.

use super::{consume, written};
use crate::matching::normalize::Token;
use crate::matching::rules::{ScopeKind, Scopes, Want, WantRule, longest_at};

/// A want the question says, with the words that say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub want: Want,
    pub words: String,
}

/// A want is the caller's now: the past does not take it ("I need to report my former
/// employer"); a report already made is a sense of its own (`pseudo`).
const OUT_OF_PLAY: [ScopeKind; 3] = [ScopeKind::Negated, ScopeKind::Supposed, ScopeKind::Unreal];

/// The end (one past) of the longest phrase or pattern of `rule` at `at`.
fn want_at(tokens: &[Token], at: usize, rule: &WantRule) -> Option<usize> {
    let phrase = longest_at(&rule.phrases, tokens, at).map(|len| at + len);
    let pattern = rule
        .patterns
        .iter()
        .filter_map(|p| p.end(tokens, at))
        .max()
        .map(|end| end + 1);
    phrase.max(pattern)
}

/// The wants the question says, and those whose words it puts out of play or uses in
/// another sense ("report card", "I don't want to report him").
pub fn read(
    tokens: &mut [Token],
    scopes: &Scopes,
    // The scopes from before the avoid reader took a refusal's word out, when it read one.
    before_avoid: Option<&Scopes>,
    rules: &[WantRule],
) -> (Vec<Wanted>, Vec<Wanted>) {
    let mut wanted: Vec<Wanted> = Vec::new();
    let mut unwanted: Vec<Wanted> = Vec::new();
    let note = |list: &mut Vec<Wanted>, want: Want, words: String| {
        if !list.iter().any(|w| w.want == want) {
            list.push(Wanted { want, words });
        }
    };
    for rule in rules {
        // Names and other senses first, wherever they stand: "how do I report to work"
        // is no "how do I report".
        let mut named = vec![false; tokens.len()];
        let mut i = 0;
        while i < tokens.len() {
            // A wish that holds another sense's words, begun first, stays a wish: "file a
            // police report" is no "police report" held.
            let wish = longest_at(&rule.phrases, tokens, i);
            let sense = longest_at(&rule.pseudo, tokens, i);
            if let Some(len) = longest_at(&rule.names, tokens, i) {
                // A name is no wish either: "write an annual report on trafficking" wants
                // no reporting line, though its words stay for the need they name.
                note(&mut unwanted, rule.want, written(&tokens[i..i + len]));
                named[i..i + len].iter_mut().for_each(|n| *n = true);
                i += len;
            } else if let Some(len) = wish.filter(|&w| {
                sense.is_none_or(|p| w > p)
                    // ... unless another sense begun inside it goes on past it: "send a
                    // tip sheet" is a tip sheet.
                    && (i + 1..i + w).all(|q| {
                        longest_at(&rule.pseudo, tokens, q).is_none_or(|p| q + p <= i + w)
                    })
            }) {
                i += len;
            } else if let Some(len) = sense {
                note(&mut unwanted, rule.want, written(&tokens[i..i + len]));
                tokens[i..i + len].iter_mut().for_each(consume);
                i += len;
            } else {
                i += 1;
            }
        }
        let mut i = 0;
        while i < tokens.len() {
            // An agency the threat reader found ("police threat") is the one threatened
            // with, not the one a report goes to: "threatens to get him arrested" is no
            // "get the police" wish.
            let threat = |p: usize| tokens.get(p + 1).is_some_and(|t| t.text == "threat");
            let Some(end) = want_at(tokens, i, rule)
                .filter(|&end| !named[i..end].contains(&true) && !(i..end).any(threat))
            else {
                i += 1;
                continue;
            };
            let words = written(&tokens[i..end]);
            let out_of_play = |p: usize| {
                scopes.within(p, &OUT_OF_PLAY)
                    || before_avoid.is_some_and(|s| s.within(p, &OUT_OF_PLAY))
            };
            if (i..end).any(out_of_play) {
                note(&mut unwanted, rule.want, words);
                tokens[i..end].iter_mut().for_each(consume);
            } else {
                note(&mut wanted, rule.want, words);
            }
            i = end;
        }
    }
    (wanted, unwanted)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{reading, words};
    use crate::matching::rules::Want;

    fn wants_report(text: &str) -> bool {
        reading(text).wants.iter().any(|w| w.want == Want::Report)
    }

    #[test]
    fn a_threat_to_have_someone_arrested_is_no_wish_to_report() {
        for text in [
            "the contractor keeps threatening to get my brother arrested if he quits",
            "her pimp says he'll get her locked up by the cops",
        ] {
            assert!(!wants_report(text), "{text}");
        }
    }

    #[test]
    fn a_refusal_after_a_pause_is_negated_to_its_end() {
        // The pause before a Spanish phrase read as several English words stands before
        // its first word only: the negation it opens reaches the wish after it.
        for text in [
            "mi prima ya salió de ahí, no quiero denunciar todavía",
            "la señora está bien, no queremos reportar nada, solo orientación",
        ] {
            let wants = reading(text).wants;
            assert!(
                !wants.iter().any(|w| w.want == Want::Report),
                "{text}: {wants:?}"
            );
        }
    }

    #[test]
    fn a_wish_to_report_is_read_in_its_many_wordings() {
        for text in [
            "can I tip the hotline without giving my name",
            // What was seen, though seen long ago; children reached on a game app, no game.
            "is it too late to report something I noticed two summers ago",
            "we want to report an adult who keeps messaging students on a game chat",
            "¿hay algún número para dar pistas de un caso de trata?",
            "the resident wants the detectives to know who else works there",
            "caller wants to tip the FBI about a house on 5th street",
            "she wants to report her aunt who keeps her pay",
            "can I call crime stoppers about the van that drops girls off",
            "how do we refer the case to DOJ prosecutors",
            "i have a tip for the FBI about a massage place",
            "where do I report a trafficker",
            "who do i tell about the guys sleeping in the warehouse",
            "how can I turn him in without him knowing it was me",
            "want to call it in but anonymous",
            "i want them caught",
            "quiero denunciar a mi patrón",
            "I don't know where to report this",
            // A pause ends a negation: the wish after it is the caller's.
            "they don't pay the cleaners at that motel, I want to report it",
            "mi hermana quiere denunciar al contratista",
            "reporting a fake modeling ad that asks girls for photos",
            // "Ahora sí": now, at last, no "if".
            "ya no trabajo ahí y ahora sí quiero denunciar al encargado",
            // What is suspected, and the police asked for by their line.
            "school nurse, I have to report my suspicion of CSEC",
            "give me the law enforcement line, a girl here is being pimped",
            // A wish begun before another sense's words.
            "we'd like to file a police report on the farm owner",
            "vamos a presentar una denuncia contra el contratista",
            "I want the man who hurt my niece arrested, where do I start",
            // A Spanish verb the lexicon reads: "who do I give it to".
            "tengo el nombre del señor, ¿a quién se lo doy?",
            // A Spanish "need to report", an inspector's referral, a report passed on.
            "necesitamos reportar al dueño de la empacadora",
            "as an investigator I want to file a referral on a labor contractor",
            "can someone forward the report to the right agency",
            "please forward my report to the field office",
            // What should happen to him, said as a wish; letting the police know.
            "i want that creep prosecuted",
            "wanna let the cops know about a house on my street",
            // A complaint typed short, a relative or a supervisor reported, evidence handed
            // over ("quiero entregarlos": the caller's own step).
            "i need to file a complain against the contractor",
            "how do I report my stepdad, he rents my sister out",
            "can I report a supervisor who takes a cut of our checks",
            "tengo los mensajes, quiero entregarlos a la policía",
            "who do I hand these over to, I have his texts",
            // Desks that pass a case on, and reports of the people they serve.
            "our bank is filing a SAR on the account today",
            "escalating to law enforcement now, what do they need",
            "I want to report a passenger on my flight",
            "she wants to give a statement to the detective today",
            "can I call the police about the van that drops kids at the motel",
        ] {
            assert!(wants_report(text), "{text}");
        }
    }

    #[test]
    fn no_wish_to_report_where_the_words_mean_something_else_or_are_out_of_play() {
        for text in [
            "my son's report card",
            "I need a copy of the police report for her application",
            "she does not want to report him, she needs somewhere to stay",
            "if I report my boss will they take my visa",
            "writing a report for my class about forced labor",
            "my nephew is doing a school report on modern slavery, where are good sources",
            "I reported for duty at six and the manager gave me a pamphlet on trafficking",
            "where are the yearly reports on labor trafficking prosecutions",
            "ayer me reporté enfermo y perdí la capacitación sobre trata",
            "what does the TIP report say about Thailand",
            "any tips for a training on labor trafficking",
            // A place to be, a document sent, a report already made.
            "I report to my new job on the 3rd, can you help with bus fare",
            "the school sent a report on online safety home with my son",
            "the detective already has the report, I need a place to stay",
            // Checking in with probation; a school's attendance report; income on taxes.
            "do I need to report income from my side jobs on my taxes",
            "he reports to his probation officer monthly and she found out he was trafficked",
            "the attendance report shows a boy with 40 absences who works at a farm",
            // A report written, and a report made already, in Spanish.
            "I'm writing a report on forced labor in the seafood industry for my agency",
            "ya pusimos la denuncia en la fiscalía, ¿qué sigue?",
            // A document needed, information asked of us, a report already filed.
            "I need a report from the clinic for my workers comp claim",
            "can you tip us off about fake recruiters on facebook",
            "since I filed the report nobody has called me about housing",
            "mi trabajo quiere un reporte de las horas extra",
            "what happened to my report from last month",
            // Another sense going on past a wish's words: a handout, income declared.
            "could you send a tip sheet for the front desk staff",
            "does the gift card count as income I have to report",
            // Tips as pay or advice, not a tip passed on.
            "any tips for my first week cleaning houses",
            "is the tip credit legal where I work",
            "the manager keeps half our tips, is that allowed",
            "necesito reportar mis ingresos del año pasado",
            "how does the report button work on your app",
            // A refusal that takes in the police still refuses the report; a document
            // called a report; reporting to a place or a boss.
            "we don't want to report anyone to the police, we want our last checks",
            "she isn't ready to report yet, what can she get in the meantime",
            "the accident report from the warehouse never got filed, can I still claim",
            "we report to the yard at 4 and they start the clock at 6",
            "la encargada le reporta todo al dueño y nos cambia los turnos",
        ] {
            assert!(!wants_report(text), "{text}");
        }
        // Out of play, the words are taken out: no need reads "report" there.
        assert!(!words("she does not want to report him").contains(&"report".to_string()));
        // A name keeps its words for the matcher.
        assert!(words("the TIP report").contains(&"report".to_string()));
    }

    #[test]
    fn asking_whether_one_can_is_a_want_and_a_report_named_or_owed_is_none() {
        let wants_text = |text: &str| reading(text).wants.iter().any(|w| w.want == Want::Text);
        assert!(wants_text(
            "my client asks if she can text the hotline instead"
        ));
        assert!(wants_report(
            "we are wondering if we can report it without our names"
        ));
        for text in [
            "our shelter is writing its annual report on trafficking",
            "do i have to report it to the police if a client tells me",
            "is our school required to report a past case",
            "we already called the tip line yesterday, now she needs a bed",
            "she needs the background check report for the job",
        ] {
            assert!(!wants_report(text), "{text}");
        }
        let read = reading("our shelter is writing its annual report on trafficking");
        assert!(read.unwanted.iter().any(|w| w.want == Want::Report));
    }
}
