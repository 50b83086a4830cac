//! The client's sheet (`who-handles --format html`): one printed page a person can be
//! handed and take away. The 911 line and the hotline first, then the offices of the
//! answer with their numbers, web addresses, hours and whom each line is for, in the
//! client's language. What an advocate weighs (sources, their dates, disputes between
//! them) stays in `--long`, the Markdown case note and `show`.
//!
//! The sheet names no need and repeats no words of the question: a page in a client's
//! pocket should not tell whoever finds it what the client told the advocate.

use super::{HOTLINE_ORG, org_title};
use crate::context::Context;
use crate::data::ContactKind;
use crate::index::{ContactRef, Index};
use crate::matching::reading::Lang;
use crate::phone;
use crate::plan::{PlannedReferral, reachable};
use crate::render::{Block, Doc, Field, Link, Record};
use crate::viewer::Viewer;

/// At most this many offices besides the hotline, each with at most this many lines (its
/// first, the data's best): with the 911 line and the hotline, the sheet fits one page of
/// Letter or A4 at 11 points.
pub const OFFICES_ON_A_SHEET: usize = 3;
const LINES_PER_OFFICE: usize = 2;

/// What the sheet is made from.
pub struct SheetInput<'a> {
    pub ctx: &'a Context<'a>,
    pub viewer: &'a Viewer,
    pub lang: Lang,
    /// The answer's referrals, best first, each with why it is offered.
    pub referrals: Vec<(&'a PlannedReferral, String)>,
    /// Whether enforcement tip lines belong on the sheet: the question is no victim's or
    /// worker's (the asker is law enforcement, it reports a crime, it names the office),
    /// or `--include-enforcement` asked for them.
    pub enforcement: bool,
}

/// The sheet as a document.
pub fn sheet(input: &SheetInput) -> Doc {
    let index = &input.ctx.index;
    let lang = input.lang;
    let mut doc = Doc {
        title: Some(
            lang.say("Where to get help", "Dónde pedir ayuda")
                .to_string(),
        ),
        language: Some(lang.as_str()),
        ..Doc::default()
    };
    doc.alert(lang.say(
        "If you or someone else is in danger now, call 911.",
        "Si usted u otra persona está en peligro ahora, llame al 911.",
    ));
    let mut records = Vec::new();
    if let Some(hotline) = index.org_by_id(HOTLINE_ORG) {
        let contacts = index.contacts_for(hotline, &[]);
        let mut fields = contact_fields(input, &contacts, None);
        if !fields.is_empty() {
            // Whether calling is safe, in one line, from the hotline's own page.
            let assurance = &index.data.info.hotline_assurance;
            fields.push(Field::new(
                1,
                lang.say("Your privacy", "Su privacidad"),
                assurance.text_in(lang == Lang::Es),
            ));
            records.push(Record {
                title: index.org(hotline).name_in(lang == Lang::Es).to_string(),
                fields,
            });
        }
    }
    let hotline = index.org_by_id(HOTLINE_ORG);
    let offices = input
        .referrals
        .iter()
        .filter(|(r, _)| Some(r.org) != hotline)
        .filter(|(r, _)| input.enforcement || !index.is_law_enforcement(r.org))
        .filter_map(|(r, why)| {
            let mut fields = contact_fields(input, &r.contacts, Some(LINES_PER_OFFICE));
            if fields.is_empty() {
                // An office with nothing to call, open or write to is no help on paper.
                return None;
            }
            // Why it is offered, in the sheet's language (none for an office the question
            // named: the sheet repeats no words of the question).
            if !why.is_empty() {
                fields.push(Field::new(
                    1,
                    lang.say("What it does", "Qué hace"),
                    first_sentence(why),
                ));
            }
            Some(Record {
                title: office_title(index, r.org),
                fields,
            })
        })
        .take(OFFICES_ON_A_SHEET);
    records.extend(offices);
    doc.push(Block::Records {
        headers: Vec::new(),
        records,
    });
    doc
}

/// "Wage and Hour Division (WHD), Department of Labor": the office and where it sits; an
/// office from the user's own files is marked "(local)".
fn office_title(index: &Index, org: usize) -> String {
    let mut title = org_title(index, org);
    if index.org(org).origin.is_some() {
        title.push_str(" (local)");
    }
    match index.department(org).filter(|&top| top != org) {
        Some(top) => format!("{title}, {}", index.org(top).name),
        None => title,
    }
}

/// The lines of an office a client can use: each reachable line that is not kept to other
/// askers, a number or address first, then its hours, then whom it is for.
fn contact_fields(input: &SheetInput, contacts: &[ContactRef], most: Option<usize>) -> Vec<Field> {
    let index = &input.ctx.index;
    let lang = input.lang;
    let mut fields = Vec::new();
    let mut lines = 0;
    for &at in contacts {
        if most.is_some_and(|most| lines >= most) {
            break;
        }
        let c = index.contact(at);
        // A Spanish option without a number of its own: a Spanish sheet says the office
        // answers in Spanish.
        if c.kind == ContactKind::Language {
            if lang == Lang::Es && c.languages.iter().any(|l| &**l == "Spanish") {
                fields.push(Field::new(1, "Idioma", "se atiende en español"));
            }
            continue;
        }
        if !reachable(index, at) {
            continue;
        }
        // A page only in Spanish is for the Spanish sheet.
        let spanish_only = !c.languages.is_empty() && c.languages.iter().all(|l| &**l == "Spanish");
        if lang == Lang::En && c.kind == ContactKind::Web && spanish_only {
            continue;
        }
        if !c.is_open_to(input.viewer.asker) {
            continue;
        }
        if !input.enforcement && is_enforcement_tip_line(index, at) {
            continue;
        }
        // The line's own number or address is the one link the field may carry.
        let (lead, link) = match (&c.digits, &c.url, &c.email) {
            (Some(digits), _, _) => {
                let number = phone::dial_form(digits);
                let link = Link::tel(&number, digits);
                (number, link)
            }
            // What the page is for ("Hotline anonymous online tip form") beside it.
            (None, Some(url), _) if lang == Lang::En => {
                (format!("{url} ({})", c.label), Link::web(url))
            }
            (None, Some(url), _) => (url.to_string(), Link::web(url)),
            (None, None, Some(email)) => (email.to_string(), None),
            (None, None, None) => continue,
        };
        let mut parts = vec![lead];
        if let Some(hours) = &c.hours {
            parts.push(hours_in_words(hours, c.hours_es.as_deref(), lang));
        }
        if let Some(reach) = c.reach_in(lang == Lang::Es) {
            parts.push(reach.to_string());
        }
        fields.push(Field::new(1, kind_label(c.kind, lang), parts.join("; ")).linked(link));
        lines += 1;
        if let Some(who) = whom_for(c, lang) {
            fields.push(Field::new(2, lang.say("For", "Para"), who));
        }
    }
    fields
}

/// A tip line of a police or immigration agency (the HSI Tip Line, the FBI's), which a
/// victim's or worker's sheet leaves off: the advocate decides whether to make that call.
fn is_enforcement_tip_line(index: &Index, at: ContactRef) -> bool {
    index.is_law_enforcement(at.org)
}

/// Whom a line is for, on paper: the askers it is kept to, else the audience its source
/// names, in the sheet's language.
fn whom_for(c: &crate::data::Contact, lang: Lang) -> Option<String> {
    if !c.for_askers.is_empty() {
        let names: Vec<&str> = c
            .for_askers
            .iter()
            .map(|&a| super::glance::asker_plural(a, lang))
            .collect();
        return Some(names.join(", "));
    }
    c.audience_in(lang == Lang::Es)
        .map(|a| first_sentence(a).to_string())
}

/// "Call", "TTY", "Text": what the sheet says before a line.
fn kind_label(kind: ContactKind, lang: Lang) -> &'static str {
    match kind {
        ContactKind::Voice => lang.say("Call", "Llame"),
        ContactKind::Tty => "TTY",
        ContactKind::Text => lang.say("Text", "Mensaje de texto"),
        ContactKind::Chat => lang.say("Live chat", "Chat"),
        ContactKind::Language => lang.say("Language", "Idioma"),
        ContactKind::Video => lang.say("Video phone", "Videollamada"),
        ContactKind::Web => lang.say("Online", "En línea"),
        ContactKind::Email => lang.say("Email", "Correo electrónico"),
    }
}

/// Hours in words a client reads or hears plainly: "24 hours, 7 days a week" for any
/// round-the-clock line; other hours as the data gives them, in Spanish on a Spanish sheet
/// (where a local file gives no Spanish, the English with "weekdays" before it).
pub fn hours_in_words(hours: &str, spanish: Option<&str>, lang: Lang) -> String {
    match (super::glance::hours_marker(hours), spanish) {
        (Some("24/7"), _) => lang
            .say(
                "24 hours, 7 days a week",
                "24 horas, los 7 días de la semana",
            )
            .to_string(),
        (_, Some(spanish)) if lang == Lang::Es => spanish.to_string(),
        (Some(_), None) if lang == Lang::Es => format!("días laborables ({hours})"),
        _ => hours.to_string(),
    }
}

/// The first sentence of a text, which is enough on paper.
fn first_sentence(text: &str) -> &str {
    for (end, _) in text.match_indices(". ") {
        // Not the period of an abbreviation ("U.S. efforts", "8 a.m. to 5"), and a capital
        // opens the next sentence.
        let word = text[..end].rsplit(' ').next().unwrap_or("");
        // Spanish doubles the letters of a plural abbreviation: "EE. UU.".
        let doubled = word.chars().count() == 2 && word.chars().all(char::is_uppercase);
        let abbreviation = word.contains('.') || word.chars().count() <= 1 || doubled;
        let next_opens = text[end + 2..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if !abbreviation && next_opens {
            return &text[..=end];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_sentence_runs_past_abbreviations() {
        assert_eq!(
            first_sentence("Leads U.S. efforts abroad. Publishes a report."),
            "Leads U.S. efforts abroad."
        );
        assert_eq!(
            first_sentence("Open 8 a.m. to 5 p.m. on weekdays. Closed on holidays."),
            "Open 8 a.m. to 5 p.m. on weekdays."
        );
        assert_eq!(
            first_sentence("Dirige la diplomacia de los EE. UU. en el mundo. Publica."),
            "Dirige la diplomacia de los EE. UU. en el mundo."
        );
        assert_eq!(first_sentence("One sentence only"), "One sentence only");
    }

    #[test]
    fn hours_read_in_words() {
        assert_eq!(
            hours_in_words("Monitored around the clock", None, Lang::En),
            "24 hours, 7 days a week"
        );
        assert_eq!(
            hours_in_words("24/7", None, Lang::Es),
            "24 horas, los 7 días de la semana"
        );
        // The data's Spanish where it gives one; else the English, said to be weekdays.
        assert_eq!(
            hours_in_words(
                "Monday to Friday 9 to 5",
                Some("De lunes a viernes, de 9 a 5"),
                Lang::Es
            ),
            "De lunes a viernes, de 9 a 5"
        );
        assert_eq!(
            hours_in_words("Monday to Friday 9 to 5", None, Lang::Es),
            "días laborables (Monday to Friday 9 to 5)"
        );
        assert_eq!(
            hours_in_words("By appointment", Some("Con cita"), Lang::En),
            "By appointment"
        );
    }

    #[test]
    fn a_first_sentence_ends_at_its_full_stop() {
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(first_sentence("Only one"), "Only one");
    }
}
