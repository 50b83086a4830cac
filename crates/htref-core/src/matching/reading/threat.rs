//! An agency named as a threat. "My boss threatens to call ICE", "says he'll have me
//! deported", "he'll get my visa cancelled", "they'll put us on a bus home", "the cops are
//! his friends and will lock me up": the threat of immigration or police action is a
//! control tactic and a sign of trafficking, never a request for that agency. A threat is
//! an agency's action (a pattern in data/rules/reading.ron) that someone says or that is to
//! come (a frame word in its clause before it: "says", "will", "if"), not negated nor in a
//! film, and not the caller's own step ("should I call ICE"). Its words are taken out (so
//! the agency is neither named nor matched) and the matcher sees "immigration threat" or
//! "police threat", which the needs read as coercion.

use super::{Agency, consume, has, is, written};
use crate::matching::normalize::Token;
use crate::matching::rules::{Phrase, ScopeKind, Scopes, ThreatRules, Words, longest_at};

/// A threat of an agency's action, and who makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Threat {
    pub agency: Agency,
    /// Who threatens ("boss"), when the question says.
    pub by: Option<String>,
    pub words: String,
}

/// Whether a phrase of `phrases` stands in the clause of `at`, before it (within `reach`).
fn before(tokens: &[Token], at: usize, reach: usize, phrases: &[Phrase]) -> Option<usize> {
    let clause = tokens[at].clause;
    (at.saturating_sub(reach)..at)
        .rev()
        .take_while(|&p| tokens[p].clause == clause)
        .find(|&p| longest_at(phrases, tokens, p).is_some())
}

/// Whether the nearest subject within a few words before `at` is the caller.
fn own_act(tokens: &[Token], at: usize, rules: &ThreatRules) -> bool {
    let clause = tokens[at].clause;
    for p in (at.saturating_sub(4)..at).rev() {
        if tokens[p].clause != clause {
            return false;
        }
        let is = |phrases: &[Phrase]| longest_at(phrases, tokens, p).is_some();
        if is(&rules.others) || is(&rules.actors) {
            return false;
        }
        if is(&rules.own) {
            return !quoted(tokens, p, rules);
        }
    }
    false
}

/// Whether the first person at `at` is a speaker the caller quotes, not the caller: a verb
/// of saying with someone else just before it stands before in the clause ("the boss told the
/// crew I'll call ICE"), or after it past a pause ("I call la migra, that's what he told
/// us"), and no word of counsel follows ("my friend said I should call ICE" is advice).
fn quoted(tokens: &[Token], at: usize, rules: &ThreatRules) -> bool {
    let clause = tokens[at].clause;
    let at_ = |phrases: &[Phrase], p: usize| longest_at(phrases, tokens, p).is_some();
    // The one who says it is named just before the saying, and is not the caller.
    // A saying that names its speaker ("owner tell us: ... I call immigration") is that
    // speaker's, at the start of the question too.
    let someone_else = |p: usize| {
        let names_speaker = longest_at(&rules.said_after, tokens, p).is_some_and(|len| len > 1);
        if names_speaker {
            return !at_(&rules.own, p);
        }
        p.checked_sub(1)
            .is_some_and(|q| tokens[q].clause == clause && !at_(&rules.own, q))
    };
    if (at.saturating_sub(1)..(at + 3).min(tokens.len())).any(|p| at_(&rules.counsel, p)) {
        return false;
    }
    // Any saying before it by someone else: "keeps DMing kids 'do what i say or i call the
    // cops'" is his, though the nearest saying ("i say") is the speaker's own.
    let said_before = (0..at)
        .rev()
        .take_while(|&p| tokens[p].clause == clause)
        .filter(|&p| at_(&rules.said_after, p))
        .any(someone_else);
    let said_after = (at + 1..tokens.len())
        .take_while(|&p| tokens[p].clause == clause)
        .find(|&p| at_(&rules.said_after, p))
        .is_some_and(|s| (at + 1..=s).any(|q| tokens[q].pause) && someone_else(s));
    said_before || said_after
}

/// Whether someone of one of `lists` is named in `span`: who could be the one acting.
fn names_between(tokens: &[Token], span: std::ops::Range<usize>, lists: &[&[Phrase]]) -> bool {
    span.into_iter().any(|p| {
        lists
            .iter()
            .any(|list| longest_at(list, tokens, p).is_some())
    })
}

/// Whether a fear stands before the act in its clause with no one named between who could
/// make a threat: "the worker is scared police will come back for him" tells a fear (the
/// avoid reader's), "scared because her boss says he'll call ICE" a threat.
fn feared(tokens: &[Token], at: usize, rules: &ThreatRules, words: &Words) -> bool {
    let clause = tokens[at].clause;
    let Some(f) = (0..at)
        .rev()
        .take_while(|&p| tokens[p].clause == clause)
        .find(|&p| has(&words.fear, &tokens[p].text))
    else {
        return false;
    };
    !names_between(tokens, f + 1..at, &[&rules.actors, &rules.said_after])
}

/// Whether the agency's name at `at` names a thing with the word after it ("an immigration
/// lawyer", "my immigration status"), not the agency acting.
fn names_a_thing(tokens: &[Token], at: usize, words: &Words) -> bool {
    let agency = |t: &Token| has(&words.immigration, &t.text) || has(&words.police, &t.text);
    agency(&tokens[at]) && is(tokens.get(at + 1), &words.agency_things)
}

pub fn read(
    tokens: &mut [Token],
    scopes: &Scopes,
    questions: &[u16],
    rules: &ThreatRules,
    words: &Words,
) -> Vec<Threat> {
    let mut threats = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let found = rules
            .patterns
            .iter()
            .filter_map(|p| p.end(tokens, i).map(|end| (p, end)))
            .max_by_key(|(_, end)| *end);
        // "911 call taker ... texted 911": a job's name, not a call threatened.
        let Some((pattern, end)) = found.filter(|_| longest_at(&rules.pseudo, tokens, i).is_none())
        else {
            i += 1;
            continue;
        };
        let out_of_play: &[ScopeKind] = if pattern.by_actor {
            &[ScopeKind::Negated, ScopeKind::Unreal]
        } else {
            &[ScopeKind::Negated, ScopeKind::Unreal, ScopeKind::Past]
        };
        let scoped = scopes.within(i, out_of_play);
        // Said, or to come: a frame word before it in its clause, or an "if" after it.
        let opens_clause = |p: usize| p == 0 || tokens[p - 1].clause != tokens[p].clause;
        let frame = before(tokens, i, usize::MAX, &rules.frames)
            .filter(|&f| {
                !(opens_clause(f) && longest_at(&rules.question_frames, tokens, f).is_some())
            })
            .or(pattern.framed.then_some(i));
        let after =
            || (end + 1..tokens.len()).take_while(|&p| tokens[p].clause == tokens[i].clause);
        // A question about what the agency itself does ("can ICE come to my house if I
        // call the hotline?", "but would a victim get deported if..."): a question frame
        // opens the clause or a part of it, and no one stands between it and the agency;
        // "will he call ICE if I leave?" names who would act.
        let in_clause = || {
            (0..i)
                .rev()
                .take_while(|&p| tokens[p].clause == tokens[i].clause)
        };
        let opens_part = |p: usize| {
            opens_clause(p) || tokens[p].pause || has(&rules.part_openers, &tokens[p - 1].text)
        };
        let asks_of_the_agency = in_clause().find(|&p| opens_part(p)).is_some_and(|q| {
            longest_at(&rules.question_frames, tokens, q).is_some()
                && !names_between(tokens, q + 1..i, &[&rules.others, &rules.actors])
        });
        let said_before =
            || in_clause().any(|p| longest_at(&rules.said_after, tokens, p).is_some());
        // "could I get deported?", "will they deport me?": asked in the inverted order, an
        // act no one is named doing is a worry. So is an act asked of with a question mark
        // ("si habla con la policía, la deportan?") where no one who could threaten is
        // named before it.
        // (An act someone does, asked so, needs no one named at all: "si una víctima habla
        // con la policía, la deportan?".)
        let start = in_clause().last().unwrap_or(i);
        let could_act: &[&[Phrase]] = if pattern.by_actor {
            &[&rules.actors, &rules.others]
        } else {
            &[&rules.actors]
        };
        let asked = (!pattern.by_actor
            && (before(tokens, i, 3, &rules.asked).is_some()
                || (asks_of_the_agency && !said_before())))
            || (questions.contains(&tokens[i].clause)
                && !said_before()
                && !names_between(tokens, start..i, could_act));
        // "wants to know if immigration will get involved", "she wants to be sent home":
        // a question or a wish told of, no one named who would act.
        let told_of = before(tokens, i, usize::MAX, &rules.indirect)
            .is_some_and(|q| !names_between(tokens, q + 1..i, &[&rules.actors]))
            || before(tokens, i, 3, &rules.wished).is_some()
            || feared(tokens, i, rules, words);
        if asked || told_of {
            i += 1;
            continue;
        }
        let frame_after = !asks_of_the_agency
            && after().any(|p| longest_at(&rules.conditions, tokens, p).is_some())
            || after().any(|p| {
                longest_at(&rules.said_after, tokens, p).is_some()
                    && (end + 1..=p).any(|q| tokens[q].pause)
                    && !(p > 0 && longest_at(&rules.said_nominal, tokens, p - 1).is_some())
            });
        // The caller's own step: "I will call ICE", "should I report him to the police".
        // The nearest subject before the act decides: "if I complain he'll call ICE" is
        // his act.
        let own = pattern.by_actor && own_act(tokens, i, rules);
        // The agency is the pattern's first or last step.
        let thing = names_a_thing(tokens, i, words) || names_a_thing(tokens, end, words);
        if scoped || own || thing || !(frame.is_some() || frame_after) {
            i += 1;
            continue;
        }
        let by = before(tokens, i, usize::MAX, &rules.actors).map(|p| tokens[p].written.clone());
        // The agency named as the one who acts decides whose act it is: "ICE will lock her
        // up" is immigration's, though locking up is most often the police's.
        let named = |list: &[crate::data::Text]| {
            (i.saturating_sub(2)..i)
                .any(|p| tokens[p].clause == tokens[i].clause && has(list, &tokens[p].text))
        };
        let agency = match pattern.agency {
            Agency::Police if named(&words.immigration) => Agency::Immigration,
            agency => agency,
        };
        let from = frame.filter(|&f| i - f <= 4).unwrap_or(i);
        let words = written(&tokens[from..=end]);
        threats.push(Threat {
            agency,
            by,
            words: words.clone(),
        });
        tokens[i].written = words;
        tokens[i].text = match agency {
            Agency::Immigration => "immigration threat",
            Agency::Police => "police threat",
        }
        .to_string();
        tokens[i + 1..=end].iter_mut().for_each(consume);
        i = end + 1;
    }
    threats
}

#[cfg(test)]
mod tests {
    use super::super::Agency;
    use super::super::test_support::{reading, words};

    /// Each text reads as a threat of its agency.
    fn reads_threats(cases: &[(&str, Agency)]) {
        for &(text, agency) in cases {
            let threats = reading(text).threats;
            assert!(
                threats.iter().any(|t| t.agency == agency),
                "{text}: {threats:?}"
            );
        }
    }

    #[test]
    fn a_threat_to_a_students_or_exchange_visitors_record_is_an_immigration_threat() {
        for text in [
            "my advisor said he'll have the DSO terminate my SEVIS if I complain",
            "the agency says they will cancel our DS-2019 if we transfer",
        ] {
            let threats = reading(text).threats;
            assert!(
                threats.iter().any(|t| t.agency == Agency::Immigration),
                "{text}: {threats:?}"
            );
        }
    }

    #[test]
    fn a_threat_asked_about_with_its_maker_named_or_reported_said_in_spanish_is_read() {
        reads_threats(&[
            // Asked, but someone named would make the agency act.
            (
                "will the owner call immigration on us if we quit?",
                Agency::Immigration,
            ),
            (
                "the crew boss says anyone who complains gets deported, is that true?",
                Agency::Immigration,
            ),
            // Reported, no agency named, to workers; left at the border.
            (
                "el mayordomo nos dice que si pedimos el pago nos reporta",
                Agency::Immigration,
            ),
            (
                "he threatened to dump them at the immigration office if they complain",
                Agency::Immigration,
            ),
            // The threat names the agency it is made with.
            (
                "the grower threatens the crew with ICE",
                Agency::Immigration,
            ),
            ("el contratista nos amenaza con la policía", Agency::Police),
        ]);
    }

    #[test]
    fn a_threat_quoted_in_english_learned_late_or_after_the_speakers_own_words_is_read() {
        reads_threats(&[
            (
                "the landlord tell us: you say anything, I call immigration",
                Agency::Immigration,
            ),
            (
                "he messaged her 'you do what i say or i call the cops on you'",
                Agency::Police,
            ),
            (
                "the foreman threatened to get my brother arrested over what he owes for the training",
                Agency::Police,
            ),
            (
                "la patrona le dijo que si se queja la van a regresar a su país",
                Agency::Immigration,
            ),
        ]);
        // A probation officer set on someone; sent home or handed over, said in Spanish.
        reads_threats(&[
            (
                "he said he'd text her PO and get her violated unless she keeps working",
                Agency::Police,
            ),
            (
                "el capataz amenaza con regresarlos a su país si se quejan",
                Agency::Immigration,
            ),
            (
                "la señora que la empleaba siempre le decía que si hablaba la entregaba a la migra",
                Agency::Immigration,
            ),
        ]);
        // Feared of someone named, said in Spanish's subjunctive: his threat.
        reads_threats(&[(
            "su esposo tiene miedo de que el contratista llame a la migra",
            Agency::Immigration,
        )]);
        for text in [
            "are teachers required to call the police if a student says she is being sold",
            "la encargada nos pidió que llamemos a la policía si vemos algo raro",
            "my manager told me to call the police if that van comes back",
            "¿el hospital tiene que llamar a la migra si una paciente no tiene papeles?",
            "¿si denuncio al patrón me pueden deportar?",
            "in the training video the pimp threatened to have her deported",
        ] {
            let threats = reading(text).threats;
            assert!(threats.is_empty(), "{text}: {threats:?}");
        }
    }

    #[test]
    fn a_threat_in_the_passive_or_a_made_up_report_is_a_threat() {
        reads_threats(&[
            (
                "the manager told us anyone who complains gets turned in to ICE",
                Agency::Immigration,
            ),
            (
                "she says he'll file a report saying I stole from him if I quit",
                Agency::Police,
            ),
        ]);
        reads_threats(&[
            (
                "my landlord brags the cops in this town are all his cousins",
                Agency::Police,
            ),
            (
                "she threatened to tell DHS I overstayed",
                Agency::Immigration,
            ),
            (
                "she says one tip to ICE and you're gone",
                Agency::Immigration,
            ),
            (
                "the boss says immigration is waiting at the gate for anyone who quits",
                Agency::Immigration,
            ),
            (
                "he holds up his phone, says he is dialing ICE as we speak",
                Agency::Immigration,
            ),
            (
                "she says the deputies here are on his payroll",
                Agency::Police,
            ),
            (
                "her boss keeps saying he'll have her J-1 pulled",
                Agency::Immigration,
            ),
            (
                "the crew boss scrolls through raid videos, says we're next",
                Agency::Immigration,
            ),
            // Said again and again, in the speaker's own first person; a progressive act.
            (
                "her boss keeps saying 'I'll call immigration on you' when she asks for pay",
                Agency::Immigration,
            ),
            (
                "the manager says if anyone quits he's telling the cops they stole",
                Agency::Police,
            ),
            // Another body first, the agency last; a program or a parole ended; the ones
            // sent named with the act.
            (
                "the agency says it will report me to the licensing board and immigration",
                Agency::Immigration,
            ),
            (
                "her sponsor threatens to end her program if she complains about the hours",
                Agency::Immigration,
            ),
            (
                "he says he will cancel my parole if I stop working for him",
                Agency::Immigration,
            ),
            (
                "the contractor says he'll ship us all back if we ask for overtime",
                Agency::Immigration,
            ),
            // The agency named as the one who acts; held by patrol; jail, in Spanish.
            (
                "her madam says immigration will lock her up the day she walks out",
                Agency::Immigration,
            ),
            (
                "he says he'll have her picked up by the deputies for theft",
                Agency::Police,
            ),
            (
                "dice el dueño que me va a meter a la cárcel",
                Agency::Police,
            ),
            // A warrant sworn out; the police as his, said the other way; Spanish verbs
            // with the one handed over written onto them.
            (
                "he says he'll get a warrant out on me if I don't come back",
                Agency::Police,
            ),
            (
                "he keeps reminding her that his cousin is a deputy here",
                Agency::Police,
            ),
            (
                "el raitero amenaza con entregarlos a inmigración si no pagan",
                Agency::Immigration,
            ),
            (
                "les dice que si van con la policía los van a encerrar a todos",
                Agency::Police,
            ),
            // "No papers" negates nothing after it.
            (
                "he says anyone with no papers ends up in detention if they talk",
                Agency::Immigration,
            ),
        ]);
    }

    #[test]
    fn a_step_a_worry_a_question_or_a_wish_told_of_is_no_threat() {
        for text in [
            "I reported my boss to ICE last year",
            "I want to file a police report saying he took my passport",
            // The caller's own step, and someone reported to the agency, not its man.
            "tengo fotos, quiero entregarlas a inmigración",
            "can I report a guy to immigration for exploiting kids",
            // Questions of a caller's worry: safe to talk, deported for speaking up.
            "is it safe for my client to talk to the police if she has no papers?",
            "if my cousin asks for his back wages, will he get deported?",
            // A question or a wish told of, no one named who would act.
            "my client wants to know if immigration can see what she tells the hotline",
            "he asked whether the police will arrest him for the fake ID",
            "la señora quiere saber si puede llamar a la policía sin dar su nombre",
            "the survivor wants to be sent back to her mother in Lima",
            // A noun of writing after a pause is no saying; a caller's own relative; a
            // fear; a question told of to the one asking.
            "she wants to call the police about her old boss, she has texts saved",
            "my brother is a cop and says I should report it",
            "the worker is scared the police will come back for him after the ambulance",
            "she asked me if the cops will arrest her for the fake papers",
            // A job's name is no call threatened.
            "call taker, a 14 yo girl texted 911, says shes in a car with two men",
            // Locked in, not locked up: no police.
            "the boy cannot get out of the cab because the driver locked it",
            // A question about what an agency does, with its mark or its inverted order,
            // no one named who would make it do so.
            "will the cops arrest her too if she tells them what happened?",
            "is immigration going to take the workers we found in the van",
            "my uncle was deported years ago, but would a victim get deported for coming forward",
            "si mi hermana va con la policía, la deportan?",
            // A plan asked for; a promise never to call, the negation on its "will".
            "our front desk wants to know what to do if immigration agents come in",
            "la dueña dice que nunca va a llamar a la migra",
        ] {
            assert!(reading(text).threats.is_empty(), "{text}");
        }
    }

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
            // The agency's action in other words: a result, a cancelled status, a trip home.
            (
                "the foreman says anybody who talks gets deported",
                Agency::Immigration,
            ),
            ("she'll make sure my visa gets revoked", Agency::Immigration),
            (
                "he keeps telling us he'll ship us home",
                Agency::Immigration,
            ),
            (
                "if we quit the contractor will have the sheriff lock us up",
                Agency::Police,
            ),
            ("if I complain he'll get the cops on me", Agency::Police),
            // A negation ends where the next verb phrase starts: "don't pay | he will".
            (
                "if we dont pay the fee he will call immigration",
                Agency::Immigration,
            ),
            (
                "the crew boss says he knows a guy in immigration",
                Agency::Immigration,
            ),
            (
                "the owner says he'll turn us over to the sheriff",
                Agency::Police,
            ),
            // Other agencies' names, statuses and idioms; Spanish verbs with their pronoun.
            (
                "the grower says one phone call and the border patrol is at the gate",
                Agency::Immigration,
            ),
            (
                "her sponsor keeps threatening to have her green card pulled",
                Agency::Immigration,
            ),
            (
                "the recruiter said he could get homeland security to pick us up",
                Agency::Immigration,
            ),
            (
                "la dueña dice que si nos quejamos nos entrega a migración",
                Agency::Immigration,
            ),
            (
                "el jefe amenaza con acusarnos con la policía",
                Agency::Police,
            ),
            (
                "he told me he'd have my parole officer send me back inside",
                Agency::Police,
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
    fn a_threat_in_other_words_is_a_threat() {
        reads_threats(&[
            // Spanish "echar" (set the agency on someone), sent back to a country, Spanish
            // arrest; a threat said beside print material is still a threat.
            (
                "el capataz dice que al que falte le echa la migra",
                Agency::Immigration,
            ),
            (
                "mi patrona dice que me regresa a Guatemala si le pido mi sueldo",
                Agency::Immigration,
            ),
            (
                "dice que si me voy me echa la policía y que me arrestan por robo",
                Agency::Police,
            ),
            (
                "the owner said we're all deported if anybody dials the number on that flyer",
                Agency::Immigration,
            ),
            // The agency seizing someone; sent home by plane; the passive; other officers.
            (
                "the skipper says immigration will grab us at the dock",
                Agency::Immigration,
            ),
            (
                "the contractor says one more complaint and we're on a bus back to Guatemala",
                Agency::Immigration,
            ),
            (
                "workers who complain get reported to homeland security, the owner says",
                Agency::Immigration,
            ),
            (
                "her stepdad says the detective is his cousin and will arrest her",
                Agency::Police,
            ),
            // A Spanish condition's "no" reaches its own verb, not the threat after it.
            (
                "el patrón dice que si no trabajamos el domingo nos reporta a la migra",
                Agency::Immigration,
            ),
            // The consulate, a status taken, his report on the caller's papers, a patrol
            // car as his friend.
            (
                "my sponsor says he will call the consulate and I'll never get a visa again",
                Agency::Immigration,
            ),
            (
                "the manager says our TPS gets taken if we join the union",
                Agency::Immigration,
            ),
            (
                "she threatens to report my asylum application as a lie",
                Agency::Immigration,
            ),
            (
                "el patrón dice que la patrulla es su amigo y que nos van a encerrar",
                Agency::Police,
            ),
            // A question about a threat is still one when its condition follows.
            ("will he call ICE on us if we quit", Agency::Immigration),
            // The speaker quoted, not the caller: "I" after someone else's "said".
            (
                "the grower said to all of us \"I'll call immigration if anyone complains\"",
                Agency::Immigration,
            ),
            (
                "\"quit and I call ICE\" is what my manager told me",
                Agency::Immigration,
            ),
            // Children taken by the police; handed over as illegal; a name on a list.
            (
                "her husband says the cops will take the kids away if she leaves",
                Agency::Police,
            ),
            (
                "the foreman swears he'll turn in anyone who quits as undocumented",
                Agency::Immigration,
            ),
            (
                "el patrón dice que nos manda de regreso en el primer camión",
                Agency::Immigration,
            ),
            // The agency's act in the passive; what is sent may take words; a trip home.
            (
                "she warned me she'd have my brother picked up by ICE",
                Agency::Immigration,
            ),
            (
                "he says he'll mail my passport copy and address to immigration",
                Agency::Immigration,
            ),
            (
                "the boss says whoever complains is on the next bus south",
                Agency::Immigration,
            ),
            (
                "my stepmom threatens to turn my whole family in to immigration",
                Agency::Immigration,
            ),
        ]);
    }

    #[test]
    fn a_threat_quoted_or_sent_is_a_threat() {
        reads_threats(&[
            // The boss quoted in the first person; a message sent to the agency.
            (
                "la patrona le dijo: si te vas, llamo a la migra",
                Agency::Immigration,
            ),
            (
                "he keeps saying one email to ICE and my whole family is gone",
                Agency::Immigration,
            ),
        ]);
    }

    #[test]
    fn asking_for_an_agency_is_no_threat() {
        for text in [
            // A worry asked in the inverted order, or said beside a denial of any threat.
            "if I sign up for the clinic will I get deported",
            "can the police arrest me for the fake ID my recruiter made",
            "no one has threatened us, we just wonder if ICE takes people from hospitals",
            "nadie nos ha amenazado pero tenemos miedo que nos deporten",
            "si llamo a la policía por el accidente del trabajo me piden papeles?",
            "should I call ICE",
            "I will call the police",
            // Advice to the caller stays the caller's own step.
            "my pastor said I should call the police about my boss",
            "I told my landlord I'll call the police if he comes in again",
            "how do I report to ICE",
            "he threatened to kill me",
            "ICE tip line",
            "should I report him to immigration",
            "my dad was deported years ago, can he come back",
            "we watched a movie where a boss calls ICE on his workers",
            "I will send money home to my kids",
            "he never threatened to call the police",
            "my friend on the police force said I should call the hotline",
            // Asked of the one who answers, or a lesson: no threat.
            "¿ustedes llaman a migración si les hablo?",
            "our know your rights workshop covers what to do if ICE shows up",
            // The agency's name as part of a thing's name.
            "will an immigration attorney come with her to the interview",
            "will reporting him change my immigration case",
            // A deportation that happened.
            "her abuser got deported last yr, does she still qualify",
            // A question that opens with its frame.
            "can immigration officers come into a hospital",
            "will talking to a lawyer get the cops involved",
        ] {
            assert!(reading(text).threats.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_threat_taken_back_is_no_threat_now() {
        for text in [
            "the landlord said he'd report us to ICE but he took it back after the meeting",
            "her boss kept saying he would call the cops, he apologized and stopped in may",
            "el dueño dijo que nos iba a echar la migra pero ya se retractó",
        ] {
            assert!(reading(text).threats.is_empty(), "{text}");
        }
        reads_threats(&[("her boss says he will call ICE on her", Agency::Immigration)]);
    }
}
