//! One-line pieces of an answer: what was read, the needs matched, the offices behind a
//! line, the question echoed back.

use crate::matching::reading::Lang;
use crate::plan::PlannedReferral;

/// How much of a long query to echo back in a message.
const ECHO_CHARS: usize = 80;

/// "behind this line: Innocence Lost, CEOS": the offices a row's line answers for.
pub(super) fn behind_line(
    index: &crate::index::Index,
    r: &PlannedReferral,
    lang: Lang,
) -> Option<String> {
    if r.behind.is_empty() {
        return None;
    }
    let names: Vec<&str> = r
        .behind
        .iter()
        .map(|&o| {
            let org = index.org(o);
            org.acronym.as_deref().unwrap_or(&org.name)
        })
        .collect();
    Some(format!(
        "{}: {}",
        lang.say("behind this line", "detrás de esta línea"),
        names.join(", ")
    ))
}

/// "Needs: A; B; C": on a terminal table cut to one line of the width, naming how many
/// more there are, so the first number stays near the top; whole in plain text.
pub(super) fn needs_line(labels: &[&str], style: crate::render::Style, lang: Lang) -> String {
    let head = lang.say("Needs:", "Necesidades:");
    let more = |kept: usize| match lang {
        Lang::En => format!("(+{} more, --long)", labels.len() - kept),
        Lang::Es => format!("(+{} más, --long)", labels.len() - kept),
    };
    let whole = format!("{head} {}", labels.join("; "));
    if style.format != crate::render::Format::Table || whole.chars().count() <= style.width {
        return whole;
    }
    for kept in (1..labels.len()).rev() {
        let line = format!("{head} {} {}", labels[..kept].join("; "), more(kept));
        if line.chars().count() <= style.width {
            return line;
        }
    }
    format!("{head} {} {}", labels[0], more(1))
}

/// One line on what the reading found where it changes the answer: "Read as: \"2
/// months\": a length of time, not an age; \"threatens to call ICE\": a threat, a sign of
/// trafficking; ICE is not offered."
pub(super) fn read_as(reading: &crate::matching::reading::Reading, lang: Lang) -> Option<String> {
    use crate::matching::reading::Agency;
    let say = |en, es| lang.say(en, es);
    let mut parts: Vec<String> = Vec::new();
    for age in &reading.ages {
        let who = if age.minor {
            say("a minor", "una persona menor de edad")
        } else if age.of_partner {
            say(
                "an adult's age, not the victim's",
                "la edad de una persona adulta, no la de la víctima",
            )
        } else {
            say("an adult", "una persona adulta")
        };
        parts.push(format!("\"{}\": {who}", age.words));
    }
    for words in &reading.minor_named {
        let who = say("a minor", "una persona menor de edad");
        parts.push(format!("\"{words}\": {who}"));
    }
    for words in &reading.durations {
        let what = say(
            "a length of time or a count, not an age",
            "un tiempo o una cantidad, no una edad",
        );
        parts.push(format!("\"{words}\": {what}"));
    }
    let ice_not_offered = say("ICE is not offered", "no se ofrece ICE");
    let police_not_first = say(
        "police and prosecutors are not first",
        "la policía y la fiscalía no van primero",
    );
    let police_not_offered = say(
        "police and prosecutors are not offered",
        "no se ofrecen la policía ni la fiscalía",
    );
    for threat in &reading.threats {
        let offered = match threat.agency {
            Agency::Immigration => ice_not_offered,
            Agency::Police => police_not_offered,
        };
        let sign = say(
            "a threat, a sign of trafficking",
            "una amenaza, una señal de trata",
        );
        parts.push(format!("\"{}\": {sign}; {offered}", threat.words));
    }
    for avoid in &reading.avoid {
        let effect = match avoid.agency {
            Agency::Immigration => ice_not_offered.to_string(),
            Agency::Police => format!(
                "{}, {police_not_first}",
                say(
                    "the hotline and services lead",
                    "la línea nacional y los servicios van primero"
                )
            ),
        };
        parts.push(format!("\"{}\": {effect}", avoid.words));
    }
    for words in &reading.documents_held {
        let what = say(
            "documents held, a sign of trafficking",
            "documentos retenidos, una señal de trata",
        );
        parts.push(format!("\"{words}\": {what}"));
    }
    for form in &reading.forms {
        parts.push(format!(
            "\"{}\": {}",
            form.words,
            say(form.meaning, form.meaning_es)
        ));
    }
    for words in &reading.destinations {
        parts.push(format!(
            "\"{words}\": {}",
            say("abroad", "en el extranjero")
        ));
    }
    for ambiguity in &reading.ambiguous {
        // Said, not guessed: the safer sense leads, and the others are a question away.
        parts.push(format!(
            "\"{}\": {} {} ({} {}: {})",
            ambiguity.words,
            say("read as", "leído como"),
            ambiguity.read_as,
            say("it can also mean", "también puede significar"),
            ambiguity.others.join(say(" or ", " o ")),
            say("ask in those words", "pregunte con esas palabras"),
        ));
    }
    for words in &reading.no_danger {
        let what = say("no one in danger now", "nadie en peligro ahora");
        parts.push(format!("\"{words}\": {what}"));
    }
    if reading.language == crate::matching::reading::Lang::Es {
        parts.insert(0, say("in Spanish", "en español").to_string());
    }
    (!parts.is_empty()).then(|| format!("{}: {}.", say("Read as", "Leído como"), parts.join("; ")))
}

/// Said when only the start of a long question was read.
pub(super) fn truncation_note(query: &str) -> Option<String> {
    crate::matching::bounded(query).1.then(|| {
        format!(
            "htref read the first {} characters of the question; ask about the rest separately.",
            crate::matching::MAX_QUERY_CHARS
        )
    })
}

/// "Through the FBI" from "through the FBI".
pub(super) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The start of a query, for echoing it back in one line.
pub(super) fn echo(query: &str) -> String {
    let flat: String = query.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > ECHO_CHARS {
        let cut: String = flat.chars().take(ECHO_CHARS).collect();
        format!("{cut}...")
    } else {
        flat
    }
}
