//! Danger now, and danger said not to be there. A strong danger word ("knife", "locked in",
//! "won't let me leave") says someone may be in danger now; a weak one ("right now",
//! "urgent", "hurt") only beside another within a few words. Either counts only outside
//! every scope: "not locked up", "last year he beat her", "what if he hurts me", "a movie
//! where a girl is locked in" are no danger now. Fear alone is no danger, and a statement
//! that someone is safe quiets weak words only: "she is safe now but he has a knife outside
//! the door" is danger (see docs/ordering.md). The words lists are in data/rules/reading.ron.

use super::{consume, has, written};
use crate::matching::normalize::Token;
use crate::matching::rules::{DangerRules, ScopeKind, Scopes, Words, longest_at};

const OUT_OF_THE_PRESENT: [ScopeKind; 4] = [
    ScopeKind::Negated,
    ScopeKind::Past,
    ScopeKind::Supposed,
    ScopeKind::Unreal,
];

/// How much a danger word says.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
    /// A word of the present ("right now").
    Now,
}

impl Strength {
    /// Which wins when phrases of two lists are as long: the stronger.
    fn rank(self) -> u8 {
        match self {
            Strength::Strong => 2,
            Strength::Weak => 1,
            Strength::Now => 0,
        }
    }
}

/// A danger word found: where, how long, how strong.
struct Found {
    at: usize,
    len: usize,
    strength: Strength,
    /// A threat of harm made on a condition.
    on_condition: bool,
}

/// What the danger words say: danger now, none (for "Read as"), and the words of `now`
/// the question says in the present ("it's happening right now"), danger or not.
pub struct DangerRead {
    pub now: Vec<String>,
    pub none: Vec<String>,
    pub present: Vec<String>,
}

/// The words that say danger now, those that say none, and those that say now.
pub fn read(
    tokens: &mut [Token],
    scopes: &Scopes,
    rules: &DangerRules,
    words: &Words,
) -> DangerRead {
    let mut found: Vec<Found> = Vec::new();
    let mut not_now = Vec::new();
    // Read before any scope takes its words: "if I go, he is outside" says he is near.
    let near_now = (0..tokens.len()).any(|p| longest_at(&rules.present, tokens, p).is_some());
    let mut i = 0;
    while i < tokens.len() {
        if let Some(len) = longest_at(&rules.pseudo, tokens, i) {
            i += len;
            continue;
        }
        // The longest phrase of any list or step pattern; on a tie the stronger.
        let best = [
            (Strength::Strong, &rules.strong),
            (Strength::Weak, &rules.weak),
            (Strength::Now, &rules.now),
        ]
        .into_iter()
        .filter_map(|(strength, list)| longest_at(list, tokens, i).map(|len| (len, strength)))
        // Step patterns too: a longer weak one wins over the strong reading it holds
        // ("can't leave till the debt is paid" over "can't leave").
        .chain(
            [
                (Strength::Strong, &rules.strong_steps),
                (Strength::Weak, &rules.weak_steps),
            ]
            .into_iter()
            .flat_map(|(strength, steps)| {
                steps
                    .iter()
                    .filter_map(|s| s.end(tokens, i))
                    .map(move |end| (end + 1 - i, strength))
            }),
        )
        // Harm said as a threat now ("he said he'll stab me") is danger however it is
        // worded; `threat_made` below decides whether it was said so.
        .chain(longest_at(&rules.harm, tokens, i).map(|len| (len, Strength::Weak)))
        .max_by_key(|&(len, strength)| (len, strength.rank()));
        let Some((len, strength)) = best else {
            i += 1;
            continue;
        };
        // A weak phrase overlapping a strong one that goes on past it gives way: "he's
        // outside her door" is read "outside her door", not "he's outside" and what is
        // left. (A weak phrase that holds a strong one whole is written so on purpose:
        // "was selling her" is told of the past.)
        if strength == Strength::Weak
            && let Some(p) = (i + 1..i + len).find(|&p| {
                longest_at(&rules.strong, tokens, p).is_some_and(|l| p + l > i + len)
                    || rules
                        .strong_steps
                        .iter()
                        .any(|s| s.end(tokens, p).is_some_and(|e| e >= i + len))
            })
        {
            i = p;
            continue;
        }
        // A look-alike that ends the phrase read is none ("we don't want to have to let
        // her go" ends in "have to let her go", a job lost): read on past its start.
        if (i + 1..i + len)
            .any(|p| longest_at(&rules.pseudo, tokens, p).is_some_and(|l| p + l >= i + len))
        {
            i += 1;
            continue;
        }
        // A word that opens a scope ("not safe" holds "not") is read for the danger it
        // says; any other word in a scope is out of the present.
        // Harm someone threatens is read in the present, whatever "if" it is said under;
        // said outright it is danger alone, made on a condition ("he'll hurt her if she
        // quits") it is coercion, danger only beside another word ("... he's outside now").
        let threat = threat_made(tokens, i, scopes, rules);
        let on_condition = matches!(threat, Some(Threat::OnCondition));
        let strength = match threat {
            Some(Threat::Outright) => Strength::Strong,
            Some(Threat::OnCondition) => Strength::Weak,
            None => strength,
        };
        let threat = threat.is_some();
        let scoped = !threat
            && (i..i + len).any(|p| {
                !scopes.is_cue(p) && scopes.within_from_outside(p, &OUT_OF_THE_PRESENT, i..i + len)
            })
            && !goes_on(tokens, i, len, strength, scopes, rules);
        if scoped && strength != Strength::Now {
            let from = (0..i)
                .rev()
                .take(3)
                .take_while(|&p| tokens[p].clause == tokens[i].clause)
                .find(|&p| scopes.is_cue(p))
                .unwrap_or(i);
            not_now.push(written(&tokens[from..i + len]));
            // The matcher must not read these as danger either.
            tokens[i..i + len].iter_mut().for_each(consume);
        } else if !scoped {
            found.push(Found {
                at: i,
                len,
                strength,
                on_condition,
            });
        }
        i += len;
    }
    found.extend(moments_soon(tokens, scopes, rules));
    let safe = said_safe(tokens, words);
    let danger_now = danger_now(&found, tokens, &safe, near_now, rules);
    not_now.extend(safe);
    let present = found
        .iter()
        .filter(|f| f.strength == Strength::Now)
        .map(|f| written(&tokens[f.at..f.at + f.len]))
        .collect();
    DangerRead {
        now: danger_now,
        none: not_now,
        present,
    }
}

/// Strong danger told only in the past that its clause says still holds: "he locked him in
/// the garage last night and he's still in there" is someone shut in now. Never a denial or
/// a supposition: "if he's still in there" stays out.
fn goes_on(
    tokens: &[Token],
    at: usize,
    len: usize,
    strength: Strength,
    scopes: &Scopes,
    rules: &DangerRules,
) -> bool {
    const NOT_SO: [ScopeKind; 3] = [ScopeKind::Negated, ScopeKind::Supposed, ScopeKind::Unreal];
    strength == Strength::Strong
        && (at..at + len).all(|p| !scopes.within_from_outside(p, &NOT_SO, at..at + len))
        && (at + len..tokens.len())
            .take_while(|&p| tokens[p].clause == tokens[at].clause)
            .any(|p| longest_at(&rules.still, tokens, p).is_some() && !scopes.within(p, &NOT_SO))
}

/// The danger words found that say danger now: a strong one alone, a weak one beside
/// another in its clause (unless someone is said to be safe), a threat on a condition
/// beside a word that puts its maker or the moment near.
fn danger_now(
    found: &[Found],
    tokens: &[Token],
    safe: &[String],
    near_now: bool,
    rules: &DangerRules,
) -> Vec<String> {
    let near = |f: &Found, g: &Found| {
        tokens[g.at].clause == tokens[f.at].clause
            && (f.strength == Strength::Now
                || g.strength == Strength::Now
                || g.at.abs_diff(f.at) <= rules.weak_reach)
    };
    found
        .iter()
        .enumerate()
        .filter(|(k, f)| {
            // A threat on a condition is danger when a strong word or a word of now
            // anywhere in the question says danger, or one puts the one who made it near
            // ("he's in the next room"): a child's age alone does not.
            if f.on_condition {
                return near_now
                    || found
                        .iter()
                        .enumerate()
                        .any(|(j, g)| j != *k && g.strength != Strength::Weak);
            }
            f.strength == Strength::Strong
                || (safe.is_empty()
                    && found.iter().enumerate().any(|(j, g)| {
                        j != *k
                            && near(f, g)
                            // Its condition decides a threat's danger, not a word beside it.
                            && !g.on_condition
                            // Two ages ("girls 12 and 13") are one thing said twice.
                            && tokens[f.at].text != tokens[g.at].text
                            && !(f.strength == Strength::Now && g.strength == Strength::Now)
                    }))
        })
        .map(|(_, f)| written(&tokens[f.at..f.at + f.len]))
        .collect()
}

/// A moment soon ("one is coming in an hour"), read across the danger words: it says
/// when, beside whatever they say.
fn moments_soon(tokens: &[Token], scopes: &Scopes, rules: &DangerRules) -> Vec<Found> {
    (0..tokens.len())
        .filter_map(|at| {
            let end = rules.now_steps.iter().find_map(|s| s.end(tokens, at))?;
            let span = at..end + 1;
            let scoped = span
                .clone()
                .any(|p| scopes.within_from_outside(p, &OUT_OF_THE_PRESENT, span.clone()));
            (!scoped).then(|| Found {
                at,
                len: span.len(),
                strength: Strength::Now,
                on_condition: false,
            })
        })
        .collect()
}

/// Whether harm is a threat someone makes now: "he said if I leave he will kill me", "they
/// told her they will hurt her family", "dice que me va a matar si salgo". A "not", a past
/// or a film takes it, as any danger; a supposition does not, since the threat is made now.
/// The harm must fall on someone ("hurt my family", not "threaten to hurt families") and
/// a word reporting the threat must come first in its clause: "what would happen if my
/// boss tried to hurt me" is none.
fn threat_made(
    tokens: &[Token],
    at: usize,
    scopes: &Scopes,
    rules: &DangerRules,
) -> Option<Threat> {
    let len = longest_at(&rules.harm, tokens, at)?;
    let in_the_present = (at..at + len)
        .all(|p| !scopes.within(p, &[ScopeKind::Negated, ScopeKind::Past, ScopeKind::Unreal]));
    let clause = tokens[at].clause;
    let said_at = (0..at)
        .rev()
        .take_while(|&p| tokens[p].clause == clause)
        // A word another piece took for its own sense ("texting her" is no wish for the
        // text line) still says the harm was said.
        .find(|&p| {
            has(&rules.threat_speech, &tokens[p].text)
                || (tokens[p].text.is_empty()
                    && has(&rules.threat_speech, &tokens[p].written.to_lowercase()))
        })?;
    if !in_the_present {
        return None;
    }
    // The condition stands between the word that reports the threat and the harm ("said
    // if I leave he'll kill me") or just after the harm ("... kill me if I leave").
    let after = (at + len..tokens.len())
        .take_while(|&p| tokens[p].clause == clause)
        .take(rules.weak_reach);
    let on_condition = (said_at..at)
        .chain(after)
        .any(|p| has(&rules.threat_conditions, &tokens[p].text));
    Some(if on_condition {
        Threat::OnCondition
    } else {
        Threat::Outright
    })
}

/// How a threat of harm is made.
enum Threat {
    /// "he said he'll kill her": danger now.
    Outright,
    /// "he'll kill her if she leaves": coercion, danger beside another word.
    OnCondition,
}

/// "she is safe now", "I'm safe", "she's with us now": someone said to be safe.
fn said_safe(tokens: &[Token], w: &Words) -> Vec<String> {
    let mut safe: Vec<String> = (1..tokens.len())
        .filter(|&at| {
            tokens[at].text == "safe"
                && has(&w.safe_after, tokens[at - 1].text.as_str())
                && !(at > 1 && has(&w.safe_not, tokens[at - 2].text.as_str()))
        })
        .map(|at| written(&tokens[at - 1..=at]))
        .collect();
    safe.extend((0..tokens.len()).filter_map(|at| {
        let len = longest_at(&w.safe_now, tokens, at)?;
        // Not negated ("she is not with us now"), nor said of someone who only brought
        // the news ("mom in my office now", "her dad is with us now").
        let before = at.checked_sub(1).map(|p| tokens[p].text.as_str());
        let negated = before.is_some_and(|b| has(&w.safe_not, b));
        let bystander =
            (at.saturating_sub(2)..at).any(|p| has(&w.safe_bystanders, &tokens[p].text));
        (!negated && !bystander).then(|| written(&tokens[at..at + len]))
    }));
    safe
}

#[cfg(test)]
mod tests {
    use super::super::test_support::reading;

    /// Each text reads as danger now.
    fn reads_danger(texts: &[&str]) {
        for text in texts {
            assert!(!reading(text).danger.is_empty(), "{text}");
        }
    }

    /// No text reads as danger now.
    fn reads_no_danger(texts: &[&str]) {
        for text in texts {
            let read = reading(text);
            assert!(read.danger.is_empty(), "{text}: {:?}", read.danger);
        }
    }

    #[test]
    fn danger_said_in_other_words_is_read_and_its_look_alikes_are_not() {
        reads_danger(&[
            // A moment soon, though the age reader takes its minutes out; held for ransom.
            "the man who brought me says a buyer is coming for me in 20 minutes",
            "viene por mí en 20 minutos",
            "the smugglers have my nephew in a stash house and want 2k",
            // Harm promised to someone named any way; a door shut from outside; a person
            // offered on the spot; a cry heard; an attack going on.
            "the driver keeps shouting he'll stab anyone who opens the back",
            "their bunkhouse door was roped shut from the outside",
            "the storage room only unlocks from the outside and two women are in it",
            "a man at pump 4 is offering a teenager to the truckers",
            "I can hear a kid screaming in the unit upstairs",
            "the foreman's dog is still biting the new guy and nobody stops it",
            "he pressed a blade against her neck in the back of the van",
            // Kept somewhere, in Spanish, and held for more money.
            "la tienen encerrada en el cuarto de atrás",
            "the smuggler is keeping them in a trailer until the family sends more money",
            // An assault a moment ago; someone pinned; harm promised in Spanish.
            "he just hit me because I asked for my phone back",
            "two guys have her pinned against the van behind the gym",
            "le dijo que si no abre le va a hacer daño a su hermanita",
            // Held now, a way out guarded, forced into a vehicle, offered to buyers, raped a
            // moment ago; someone coming to take a person, beside a word of now.
            "my niece is being held at a house off route 9 and two guys guard the doors",
            "he was shoving the girl into his van by the laundromat",
            "a teenager is being offered to drivers behind the diner",
            "she says he just raped her and left to get cigarettes",
            "her handler is sitting in our waiting room rn to pick her up",
            // Harm going on with "getting"; pills forced; a buyer at hand now.
            "my friend is getting beaten in the walk-in freezer by the cook",
            "he's forcing pills on her so she keeps going, she can't stand up",
            "the buyer is in the parking lot right now with cash for the girl",
            // Shots fired; a gun a few minutes ago, said in Spanish; someone waiting.
            "somebody is firing shots at the trailers to scare the pickers",
            "el patrón le apuntó con una pistola hace diez minutos",
            "her pimp is waiting in the car out front right now",
            // A person for sale as we speak; held by the neck; held for more money; gone
            // with a man and not answering.
            "a guy at pump 6 is trying to sell a little boy as we speak",
            "he has her by the neck against the ice machine",
            "they keep my nephew in a stash house and want 3k more",
            "mi sobrina de 15 se fue con el y ya no contesta",
        ]);
        // A child's mother, safe with the one asking, says nothing of the child.
        reads_danger(&[
            "my 15 year old is in a car with three men going to a hotel, her dad is with us now",
        ]);
        reads_no_danger(&[
            // An injury from work is no harm done now; held by the law is no captivity.
            "he got burns on his arms from the fryer and the manager won't pay the clinic",
            "her old pimp is being held in county jail awaiting trial",
            "my cousin keeps coming back from the farm with no pay",
            // Control, not confinement now; school taken away; hours cut as a threat.
            "the workers can't go anywhere unless the crew leader drives them",
            "el mayordomo no nos deja ir a la tienda solas",
            "her pimp pulled her out of school in 8th grade, she's 19 now",
            "the owner said he'd cut my hours if I keep asking about overtime",
            "she's holding the baby rn, she'll call back",
            // A habit of hitting told of someone now in custody; doors locked at night as a
            // habit; a day gone by; a debt "killed"; the doctor kept from.
            "her boyfriend hits her when she's short, she's in custody now",
            "the foreman locks the men in at night during the season and keeps their pay",
            "a guy pulled her inside by the arm last sunday",
            "the recruiter said we'd kill the debt in one season",
            "el patrón no la deja ir al doctor sin descontarle el día",
            // Rooms held; a heat that will kill someone one day; grabbing told of a crew.
            "we're holding a block of rooms for the conference right now",
            "that boiler room is gonna kill somebody someday",
            "they fired the women who complained about the foreman grabbing them",
        ]);
        reads_no_danger(&[
            // 911 as advice for another time; a tool called a gun.
            "your message says dial 911 in an emergency, mine is a question about wages",
            "the framing crew shares one nail gun and the boss docks us for nails",
            // "Tener" a thing or a worker is no one held; money offered to someone is no
            // one offered; the one who hurt her is gone now.
            "la patrona me tiene la visa guardada en su cajón",
            "a los nuevos los tienen limpiando baños todo el día",
            "some guy online keeps offering her money for selfies",
            // Someone else's things held; a decade gone by; schoolwork.
            "the agency is holding her last paycheck until she signs",
            "in the 80s the ranch kept workers locked in the barracks, my grandpa says",
            "for a civics assignment: is it still a kidnapping if the teen went along",
            "mi pareja me golpeaba, pero ahorita él no está y estoy con mi hermana",
            // School or pay missed, not someone missing; pay held, in the plural.
            "my 14 year old nephew keeps missing school to help at his uncle's shop",
            "the staffing agency is holding his paychecks for two months now",
        ]);
        reads_danger(&[
            // Men arriving where a child is; someone waiting with a knife, in Spanish;
            // people heard inside a trailer; someone paid to be alone with a teen now.
            "my 14 year old cousin is at a motel and men are coming to the room",
            "hay un tipo en el estacionamiento con una navaja esperándola",
            "at the truck stop I can hear banging inside the trailer next to mine",
            "they're paying him to be alone with her upstairs right now",
            "oigo golpes dentro de la caja del camión y hace mucho calor",
            // Tied up, in Spanish and with zip ties; nobody let out, in Spanish.
            "el encargado lo amarró en la bodega y no contesta",
            "a guy zip tied my cousin in the shed behind the house",
            "nadie nos deja salir de la casa del patrón",
        ]);
        reads_no_danger(&[
            // Kept at a job by a debt or a rule: debt bondage, not someone shut in now.
            "the crew boss says none of us can leave the job until the ride is paid off",
            "la patrona no me deja salir los fines de semana y me quitó el pasaporte",
            "the owner won't let him leave the dairy till he pays back the 3000",
        ]);
        reads_danger(&[
            // ... danger beside another word.
            "she can't leave until she pays him and he is outside the room right now",
        ]);
        reads_no_danger(&[
            // Shut out of a site, not in; a tool called a gun.
            "the super locked us out of the site for the day and won't pay",
            "the gun we use for roofing jams and the boss charges us for it",
        ]);
    }

    #[test]
    fn danger_now_is_read_and_danger_out_of_the_present_is_not() {
        reads_danger(&[
            "he has a knife and is outside the door",
            "she doesn't feel safe, he has a knife and is outside the door",
            "they locked us in the trailer",
            "he won't let me leave the house",
            "this is an emergency",
            // What began then and goes on: "since last night" is no past.
            "the cook has been locked in the walk-in since last night",
            "a man is chasing her across the parking lot",
            "está ofreciendo a la muchacha a unos hombres ahorita",
            "her boyfriend is on his way over rn",
            // A negation inside the danger words is theirs: confinement, not its absence.
            "he says nobody leaves the camp til the contract is done",
            // Kept in, in steps with any words between.
            "the foreman won't let the two new guys off the boat",
            "el señor no nos deja salir del departamento",
            "they nailed the door shut from outside",
            // Harm done now, in any person.
            "her pimp punched her in the face in the lot",
            "a little boy is being hit by the man in the next booth",
            "ahorita la están golpeando en el cuarto de atrás",
            // A Spanish verb with its pronoun written on.
            "dice que va a matarnos a todos",
            // A plea for help without words; someone held.
            "the girl at the pump slipped me a receipt with help written on it",
            "my ex is holding my son at his place and won't answer",
            // On the way to seize someone; pursued now; shut in.
            "her pimp just texted he is headed over to grab her",
            "a black SUV has been following our car rn",
            "they locked it from outside and we are in the container",
            "mi hija está escondida en el baño de una tienda",
            // No way out; a place shut; harm going on; nowhere to go, in Spanish.
            "the crew boss chained the gate and we can't get out",
            "they locked the trailer from outside and we are still in it",
            "the foreman hits them with a hose every morning, he's at it right now",
            "cerraron el cuarto y no podemos ir a ningún lado",
            // Someone there now, a door under attack, a person carried off; a weapon held
            // on someone, said to be real.
            "some guy from insta is outside my apartment rn",
            "he's pounding on the bathroom door right now",
            "my roommate passed out and two guys are carrying her to a car right now",
            "no joke he's holding a knife to my cousin",
            // A negation in a relative clause ends at the main clause's verb.
            "the contractor who never paid us is following my car right now",
            // Bound or shut in a space no one lives in; watched with no way out; a
            // Spanish threat of harm said just now.
            "her uncle has her tied to the bed in the back room",
            "the crew says they're riding in the trunk of the sedan",
            "the owner keeps the new girls in a storage container out back",
            "the gate is padlocked from the outside and we have no other exit",
            "the recruiter's men are watching the building and I can't step outside",
            "mi patrón me va a pegar cuando llegue, ya viene",
            // Followed now; harm threatened ("drag"); shut in, in Spanish.
            "i think im being followed from the bus stop",
            "he keeps texting that he'll drag her out of the shelter tonight",
            "nos encerraron en la bodega y no hay nadie",
            // Danger an hour ago is danger now.
            "the supervisor pulled a box cutter on her 20 minutes ago and is still here",
        ]);
        reads_no_danger(&[
            "she is safe now",
            "not in immediate danger",
            "this is not an emergency",
            "no es una emergencia",
            "I'm not locked up or anything, I want my papers back",
            "last year he beat her with a belt",
            "what if he tries to hurt me",
            "a movie where a girl is locked in a basement",
            "right now I need a lawyer",
            "the company is holding onto my papers",
            "I need emergency shelter",
            "last night he choked her, she's at her sister's place",
            "my cousin is stuck in Dubai, his employer took his passport",
            "she feels stuck in a bad job",
            "he pays for time with girls he says are 12 and 13",
            // The caller's own door, a shelter's rule, "hit me up".
            "I locked the door on my way out of the clinic",
            "the group home locks its doors at 9",
            "hit me up if you hear of a program for survivors",
            // Things held are no one held; what happened before coming here is past.
            "my boss is holding my last two paychecks",
            "they held a gun to his head in Honduras before he came here, can he get asylum",
            "estuvo encerrada en una casa hace dos años, ahora vive con nosotros",
            "she was punched by the crew boss back in 2021 and wants to file for a T visa",
            // Never so, what would be, a lesson, a past in shorthand.
            "the machete was never used on anyone, he just kept it in the truck",
            "if she moved back in with him hed beat her again",
            "we're drafting a protocol for when a client is locked in by an employer",
            "last yr he locked her in the trailer for a week",
            // What a colon opens, a frame before it governs.
            "role play for new volunteers: a caller says her boss has a gun",
            // A past season, "antes", a survey, a question about the law.
            "last season the grower pointed a rifle at us, now we work in another state",
            "el mayordomo antes traía una pistola, pero ya no trabajo ahí",
            "our survey asks what percent of workers were ever locked in",
            "would it count as forced labor if a boss threatens to hurt a worker's family",
            // A game, a meme, a knife for work.
            "the knife fight was in a video game my brother plays",
            "kids share a kidnapped meme at school, should I say something",
            "he brings his knife to work at the packing plant every day",
            "my cousin who doesn't own a gun is worried about her boss",
            // A length of time ago puts what stands near it in the past; a feeling of
            // being trapped is no one shut in.
            "the gun thing happened six months ago, she lives with her aunt now",
            "three years ago he locked her in a motel room, she wants a T visa",
            "my sister feels trapped in her marriage and wants counseling",
            // A year gone by, a length of time in Spanish, a tool's use said.
            "in 2018 the recruiter locked us in a hotel, I want to know about a T visa",
            "hace tres años mi tío tenía una pistola en la casa",
            "the machete was for clearing brush, nobody was threatened",
            "she thought she was being watched but it was a neighbor's camera",
        ]);
        assert!(!reading("not in immediate danger").no_danger.is_empty());
    }

    #[test]
    fn people_shut_in_or_attacked_now_are_in_danger_and_look_alikes_are_not() {
        reads_danger(&[
            // Doors locked on people, an attack going on, a wound, no one let out.
            "the owner bolted both doors with the workers inside",
            "he is swinging at the cook with a pipe",
            "mi compañera está sangrando en el baño",
            "the driver says nobody gets out till we pay",
            // Followed, or someone at the caller's back.
            "a man has been tailing me for six blocks",
            "he is standing behind me reading over my shoulder",
            // A crew on scene is no film; a man with a bat; stood over now.
            "medics on scene say the cook is locked in the cooler",
            "the manager is holding a bat and says she's not leaving",
            "her pimp is standing over her rn",
            // People shut in a vehicle or a container.
            "there's a reefer trailer out back with maybe ten men inside",
            "we think kids are crammed inside that van by pump 4",
        ]);
        reads_no_danger(&[
            // A phone's battery is no statistic; a boss who bleeds workers dry.
            "my phone is at 5 percent, call me back about the visa",
            "el patrón nos sangra con las cuotas del cuarto",
            // A story, marked as one.
            "the author says it is fiction, a kidnapping plot for her novel",
            // What was as a teen, what may come one day, a hunting rifle kept.
            "she was kept locked in a basement as a teen, now she wants counseling",
            "I worry my son could get recruited online someday",
            "my uncle keeps a hunting rifle in his truck, nobody has been threatened",
            // Sold as a habit, said with nothing of now.
            "her boyfriend sells her on weekends, she is at the shelter with us",
            // A ride to work, a truck's cargo.
            "the crew rides to the orchard in the back of the foreman's truck",
            "he drives a box truck full of produce for the market",
            // A boat moored; a thing offered to a child (a report, not 911); said in jest;
            // safe now, in Spanish.
            "the longliner has been tied up at the dock since june, the crew never gets paid",
            "a stranger in the chat keeps offering him robux for selfies",
            "my daughter screams 'they're gonna kill me' at her soccer video game, it's a joke",
            "la muchacha se salió de esa casa y ahorita está segura con su tía",
            // A saying, and a worry that someone might be in danger.
            "my little brother yells 'dad is gonna kill me' when he breaks a plate, just an expression",
            "temo que la vecina esté en peligro, pero no sé nada más",
            // Crying where the asker is, come in for help.
            "a dad walked in crying, his 12 year old got messages from a man online asking for photos",
            // Missing no longer.
            "the 15 year old came back after being missing since friday, she wants to talk",
        ]);
    }

    #[test]
    fn people_loaded_and_shut_in_or_groped_now_are_in_danger() {
        reads_danger(&[
            "they are loading people into a reefer and just shut the doors, it's so hot",
            "a girl maybe 15 is being pushed around by two men at the vending machines",
            "en la camioneta el señor está manoseando a la niña y no la deja bajar",
            "the guy is offering her to drivers on the CB radio right now",
            // A price haggled for a child beside him; a man come to take someone back.
            "the guy at the bar is negotiating a price for the girl next to him, she looks 13",
            "her traffickers are parked out front waiting to take her back, she's terrified to leave",
            // Held after crossing, a ransom asked with harm as its price.
            "mi hermano llegó hace 4 días y lo tienen en un cuarto, dicen que si no pagamos hoy le va a ir mal",
        ]);
    }

    #[test]
    fn people_held_down_or_bound_now_are_in_danger_and_sayings_are_not() {
        reads_danger(&[
            "three guys are pinning a girl down behind the laundromat",
            "a man is holding a kid down on the floor of the van",
            "the cleaner found a woman cuffed to the radiator in 112",
            "two boys in the cab with their wrists taped",
            "hay una muchacha encadenada a la cama",
            // No air where people are shut in; a moment ago said with a hedge.
            "the box truck has people in it without air",
            "mi hermana está encerrada, me habló hace como 5 minutos",
        ]);
        reads_no_danger(&[
            "she's been holding down two jobs to pay the debt",
            "our hands are tied until the client signs",
            "my hands are tied, who else can help this family",
            // A time said first sets the whole sentence's time.
            "three years ago the crew boss kept a pistol in his truck and we worked without pay for months on end",
            "hace tres años el patrón nos encerraba en la bodega y nos pegaba con un cinto cuando no terminábamos",
            // Reported to the police already.
            "somebody stabbed my uncle at the car wash and the police took a report, can he get a U visa",
        ]);
    }

    #[test]
    fn a_job_let_go_documents_locked_away_and_days_off_kept_from_are_no_danger_now() {
        reads_no_danger(&[
            "can we keep her on, we really don't want to have to let her go",
            "we had to let him go after his work permit ran out",
            // The 911 center as a workplace; the desk that is not for emergencies; safe, to
            // come.
            "I'm a 911 dispatcher and want training on labor trafficking",
            "a man came to the non emergency desk about wages he is owed",
            "the embassy can give her an emergency travel document to fly home",
            // A placement made in haste, a kind of case by its name, a child taken out of
            // class.
            "we got an emergency placement last night, a boy about 13 who came with a smuggler",
            "does the state department handle parental kidnapping cases to mexico",
            "her stepfather pulled her out of school in october",
            // With the caller now.
            "the boss threatened him but right now hes with me at my apartment",
            "the manager says all the passports are locked in a safe upstairs",
            "the crew leader doesn't let them go out on sundays unless they pay",
            "su tía no la deja ir a la escuela desde que llegó",
            // Kept so, once: Spanish "tenía" (read "had").
            "en el otro rancho el mayordomo lo tenía durmiendo en la troca con candado",
            // A door chained alone; an agency's hold; a job's breaks; harm by someone
            // named as of the past; someone already taken in by the caller.
            "the fire exit is chained every night so nobody takes the linens",
            "my aunt thinks her nanny is being held by the staffing agency for the fee",
            "the plant gives no water breaks and a guy fainted last week",
            "my old pimp beat me up and i reported it, can i get a visa",
            "se escapó de la casa, ahorita está durmiendo en mi sofá y necesita doctor",
            // A family taking a child to the fields, said in Spanish.
            "la familia lo lleva a pizcar chile los fines de semana",
            // Not answering a message, or an agency not answering a case.
            "my daughter is not responding to my texts since friday",
            "the sheriff is not responding to our tip about the farm",
        ]);
        reads_danger(&[
            // Sold, threatened with death or taken somewhere unknown now, said in Spanish;
            // a buyer coming in a hedged few minutes.
            "hay una niña de 13, el hombre la está vendiendo y está en el carro afuera",
            "un señor está amenazando con matar a la muchacha, está aquí ahorita",
            "me escribió que la tienen en un carro y no sabe a dónde la llevan",
            "the buyer is picking the girl up from the salon in like 15 minutes",
            // A door chained with people inside now; people found not answering.
            "the back door is chained and the girls are still inside",
            "found 9 people in a trailer at the yard, 3 are unresponsive",
            // A blade or a gun held on someone; a child offered at a price; someone dragged
            // and forced into a vehicle, said in Spanish.
            "two guys are walking a woman to their car at gunpoint",
            "the man told the other one the boy is yours for 50 tonight",
            "un señor está arrastrando a un niño y lo quiere meter a su carro",
            "he just came back in screaming he will slit her throat",
            "he's outside her door now, what do I tell her once she's safe",
            // Someone sold, and the man waiting for her outside now.
            "he pimps her out at the rest stop and he's in the car outside waiting for her",
        ]);
    }

    #[test]
    fn harm_threatened_outright_or_near_is_danger_and_on_a_condition_alone_is_coercion() {
        reads_danger(&[
            // Said outright.
            "he said he is going to kill her",
            "she dmd me that they're gonna hurt her tonight",
            // On a condition, with the one who made it near or the moment now.
            "he says he will break his legs if he walks off, he's outside in the truck",
            "dice que me va a matar si salgo, ahorita está afuera",
            "the pimp is texting my friend that he'll cut her if she doesn't come back tonight",
            "he just told her he'll kill her if she talks to us",
        ]);
        reads_no_danger(&[
            // On a condition alone: coercion held over someone, no danger now.
            "they said if i leave they will hurt my family",
            "the foreman told her that if she talks he'll kill her kids",
            "my ex told me he'll stab me if I show up at court",
            "my 15 year old nephew says his boss will hurt his sister if he quits",
            // Not threatened now at all.
            "what would happen if my boss tried to hurt me",
            "I'm scared that if I leave he'll hurt me",
            "the trainer said traffickers often threaten to hurt families",
            "last year he said he would kill me if I left",
            "he never said he would hurt her",
        ]);
    }

    #[test]
    fn people_held_for_ransom_pulled_to_a_vehicle_or_heard_shut_in_are_in_danger() {
        reads_danger(&[
            "the smugglers have my cousin in a stash house and want 3000 more",
            "los polleros tienen a mi sobrina y piden mas dinero",
            "a man is pulling a kid toward a white van in the lot",
            "we heard knocking from inside the reefer at the yard",
            "su padrastro la va a vender mañana en la mañana",
        ]);
        reads_no_danger(&[
            // Kept from going out alone is control, not confinement.
            "the couple she cleans for says she cant go out alone and keeps her pay",
            // Panic told as what happens each time; a survivor's past; taken off a route.
            "i cant breathe when i see his number on my phone",
            "our youth group invited a woman who was held captive for years to speak",
            "dispatch pulled me off the route after i complained about the pay",
            // A plan made ahead, or someone who may come one day.
            "if someone ever walked into the clinic with a weapon what is the protocol",
            "what should staff do if a guy comes in with a knife, just planning ahead",
            // What went on before: "when he was".
            "i was charged with theft back then when he was pimping me out",
        ]);
    }

    #[test]
    fn a_confinement_told_in_the_past_that_still_holds_is_danger_now() {
        reads_danger(&[
            "her cousin locked her in the shed last night and shes still in there",
            "the boss shut them in the trailer two days ago and they are still locked in",
        ]);
        reads_no_danger(&[
            "they locked her in the basement last year, she is still scared of the dark",
            "last month he locked him in the garage but he is not still in there",
        ]);
    }
}
