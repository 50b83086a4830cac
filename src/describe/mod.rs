//! The answer as a document: the sentences the commands' text output shares (how an
//! organization is placed, how a contact reads aloud, how a source is cited), the answer at
//! a glance ([`glance`]) and the client's sheet ([`handout`]).

pub mod glance;
pub mod handout;

use crate::context::Context;
use crate::data::{Claim, Conflict, ContactKind, Dataset, Source, Text};
use crate::index::{ContactRef, Index};
use crate::matching::reading::Lang;
use crate::phone;
use crate::render::{Field, Link, Record};
use crate::viewer::Viewer;

pub use crate::data::{HOTLINE_ORG, HOTLINE_VOICE};

/// "Office on Trafficking in Persons (OTIP)".
pub fn org_title(index: &Index, org: usize) -> String {
    org_title_in(index, org, Lang::En)
}

/// The same in an answer's language: an organization with a Spanish name of its own (the
/// hotline's "Línea Nacional Contra la Trata de Personas") is called by it in Spanish.
pub fn org_title_in(index: &Index, org: usize, lang: Lang) -> String {
    let o = index.org(org);
    let name = o.name_in(lang == Lang::Es);
    match &o.acronym {
        Some(acronym) => format!("{name} ({acronym})"),
        None => name.to_string(),
    }
}

/// Where an organization sits: "Civil Rights Division, Department of Justice".
pub fn placement(index: &Index, org: usize, lang: Lang) -> Field {
    let chain = index.ancestors(org);
    let es = lang == Lang::Es;
    if chain.is_empty() {
        let o = index.org(org);
        // The first clause is enough beside a referral; `show` prints the whole reason.
        return match o.independent_in(es) {
            Some(why) => Field::new(
                0,
                lang.say("Independent", "Independiente"),
                why.split(';').next().unwrap_or(why).trim(),
            ),
            None => Field::new(0, lang.say("Kind", "Tipo"), o.kind.said(es)),
        };
    }
    let names: Vec<String> = chain.iter().map(|&p| org_title(index, p)).collect();
    Field::new(0, lang.say("Part of", "Parte de"), names.join(", "))
}

/// "Local: from FILE": marks an entry that came from an overlay, in every text format.
pub fn local_field(index: &Index, org: usize, column: usize, lang: Lang) -> Option<Field> {
    let o = index.org(org);
    let file = o.origin.as_deref()?;
    let replaces = if o.overrides {
        lang.say(
            "; replaces the bundled entry with this id",
            "; reemplaza la entrada incluida con este id",
        )
    } else {
        ""
    };
    Some(Field::new(
        column,
        "Local",
        format!("{} {file}{replaces}", lang.say("from", "de")),
    ))
}

/// One contact on one line, labels before values, as a screen reader should meet it:
/// "TTY: 711 (Hotline TTY); relay: dial 711; ...". Marked when the line is meant
/// for other callers than the asker.
pub fn contact_field(ctx: &Context, viewer: &Viewer, at: ContactRef, column: usize) -> Field {
    contact_field_sourced(ctx, viewer, at, column, true)
}

/// One contact on one line, with its own sources (`sourced`) or without them, where the
/// referral's one source line stands for them (the Markdown case note). In the viewer's
/// language: a Spanish answer says every part in Spanish but the names.
pub fn contact_field_sourced(
    ctx: &Context,
    viewer: &Viewer,
    at: ContactRef,
    column: usize,
    sourced: bool,
) -> Field {
    let c = ctx.index.contact(at);
    let lang = viewer.lang;
    let es = lang == Lang::Es;
    let label = c.label_in(es);
    let mut parts = Vec::new();
    // The line's own number or address, which HTML makes a link (nothing else is one).
    let mut link = None;
    match (&c.digits, c.kind) {
        (Some(digits), _) => {
            // Spoken digits are written by the renderer, for every number in the answer.
            let number = phone::dial_form(digits);
            link = Link::tel(&number, digits);
            // Vanity forms are worth keeping beside the digits; other groupings only in print.
            let others: Vec<&str> = c
                .other_forms
                .iter()
                .filter(|f| !ctx.style.spoken_digits || f.chars().any(char::is_alphabetic))
                .map(AsRef::as_ref)
                .collect();
            if others.is_empty() {
                parts.push(format!("{number} ({label})"));
            } else {
                parts.push(format!(
                    "{number} ({label}; {} {})",
                    lang.say("also written", "también escrito"),
                    others.join(", ")
                ));
            }
            if c.kind == ContactKind::Tty {
                parts.push(phone::relay_guidance_in(&number, es));
            }
        }
        (None, _) if c.url.is_some() || c.email.is_some() => {
            let address = c.url.as_deref().or(c.email.as_deref()).unwrap_or_default();
            link = c.url.as_deref().and_then(Link::web);
            parts.push(format!("{address} ({label})"));
        }
        (None, ContactKind::Chat | ContactKind::Language) => {
            parts.push(format!(
                "{label}: {}",
                lang.say(
                    "offered, but htref's sources give no number or address for it",
                    "ofrecido; las fuentes de htref no dan número ni dirección"
                )
            ));
        }
        (None, _) => parts.push(format!(
            "{label}: {}",
            lang.say(
                "no number in htref's sources",
                "sin número en las fuentes de htref"
            )
        )),
    }
    parts.extend(contact_details(c, viewer));
    if let Some(from) = contact_provenance(ctx.index.data, &c.sources, lang).filter(|_| sourced) {
        parts.push(from);
    }
    parts.extend(override_note(ctx, &c.id, lang));
    Field::new(column, c.kind.label_in(es), parts.join("; ")).linked(link)
}

/// What a line says of itself after its number: hours, languages, how it is reached, whom
/// it is for (or that it is meant for other askers), its note, why to check it, and what
/// replaced it.
fn contact_details(c: &crate::data::Contact, viewer: &Viewer) -> Vec<String> {
    let lang = viewer.lang;
    let es = lang == Lang::Es;
    let mut parts = Vec::new();
    if let Some(hours) = &c.hours {
        parts.push(crate::data::said(hours, c.hours_es.as_deref(), es).to_string());
    }
    if !c.languages.is_empty() {
        let names: Vec<&str> = c.languages.iter().map(|l| language_name(l, lang)).collect();
        parts.push(format!(
            "{}: {}",
            lang.say("languages", "idiomas"),
            names.join(", ")
        ));
    }
    if let Some(reach) = c.reach_in(es) {
        parts.push(reach.to_string());
    }
    match viewer.asker_note_in(c, lang) {
        Some(note) => parts.push(note.trim_end_matches('.').to_string()),
        None => {
            if let Some(audience) = c.audience_in(es) {
                parts.push(format!("{}: {audience}", lang.say("for", "para")));
            }
        }
    }
    if let Some(note) = c.note_in(es) {
        parts.push(note.trim_end_matches('.').to_string());
    }
    if let Some(why) = c.verify_in(es) {
        parts.push(format!(
            "{}: {}",
            lang.say(
                "verify before relying on it",
                "verifíquelo antes de confiar en él"
            ),
            why.trim_end_matches('.')
        ));
    }
    if let Some(old) = &c.superseded {
        parts.push(format!(
            "{}: {}",
            lang.say("no longer offered", "ya no se ofrece"),
            old.note_in(es).trim_end_matches('.')
        ));
    }
    parts
}

/// A local file's correction of a bundled line, beside what the sources give.
fn override_note(ctx: &Context, contact: &str, lang: Lang) -> Option<String> {
    let fix = ctx.index.data.override_of(contact)?;
    let original = fix.original_digits.as_deref().map_or_else(
        || lang.say("no number", "ningún número").to_string(),
        phone::dial_form,
    );
    // The note is the user's own, in whatever language the file says it.
    Some(match lang {
        Lang::En => format!(
            "local override from {} ({}): {}; the sources give {original}",
            fix.file,
            fix.date,
            fix.note.trim_end_matches('.')
        ),
        Lang::Es => format!(
            "corrección local de {} ({}): {}; las fuentes dan {original}",
            fix.file,
            fix.date,
            fix.note.trim_end_matches('.')
        ),
    })
}

/// "Verify" lines for the facts behind a referral that rest only on stale sources.
pub fn verify_fields(
    ctx: &Context,
    viewer: &Viewer,
    contacts: &[ContactRef],
    reason_sources: &[Text],
    column: usize,
) -> Vec<Field> {
    let data = ctx.index.data;
    let lang = viewer.lang;
    let label = lang.say("Verify", "Verificar");
    let mut fields = Vec::new();
    for &at in contacts {
        let c = ctx.index.contact(at);
        if let (Some(digits), Some(warning)) =
            (&c.digits, viewer.staleness_in(data, &c.sources, lang))
        {
            let number = phone::dial_form(digits);
            let is = lang.say("is", "está");
            fields.push(Field::new(
                column,
                label,
                format!("{number} {is} {warning}"),
            ));
        }
    }
    if let Some(warning) = viewer.staleness_in(data, reason_sources, lang) {
        let this = lang.say("this referral is", "esta referencia está");
        fields.push(Field::new(column, label, format!("{this} {warning}")));
    }
    fields
}

/// One line per recorded disagreement about an organization: each claim with its source
/// and date, newest source first. Read aloud (`spoken`), a disagreement only about how a
/// number is written would say the same digits twice, so it is left out. A claim is the
/// source's own words: a Spanish answer quotes it as written.
pub fn conflict_fields(
    data: &Dataset,
    org_id: &str,
    column: usize,
    spoken: bool,
    lang: Lang,
) -> Vec<Field> {
    data.conflicts_about(org_id)
        .filter(|c| !(spoken && same_when_spoken(c)))
        .map(|c| {
            let claims: Vec<String> = c
                .claims
                .iter()
                .map(|claim| claim_line(data, claim, cite_short, lang))
                .collect();
            Field::new(
                column,
                lang.say("Sources disagree", "Las fuentes no coinciden"),
                format!("{}: {}", c.topic_in(lang == Lang::Es), claims.join(" / ")),
            )
        })
        .collect()
}

/// Whether every claim of a conflict reads the same once its numbers are read digit by digit.
fn same_when_spoken(conflict: &Conflict) -> bool {
    let mut spoken = conflict
        .claims
        .iter()
        .map(|claim| phone::speak_numbers_in(claim.text.trim_end_matches('.')));
    let first = spoken.next();
    spoken.all(|s| Some(s) == first)
}

/// Where a line comes from, so a number from a seed document can be told from one on the
/// office's own page: "from: HSI tip form, read 2026-12-01" or "from: State Department
/// fact sheet, 2007-12-20".
fn contact_provenance(data: &Dataset, ids: &[Text], lang: Lang) -> Option<String> {
    let es = lang == Lang::Es;
    let read_on = lang.say("read", "fecha de consulta");
    let cited: Vec<String> = data
        .sources_cited(ids)
        .into_iter()
        .map(|s| match (&s.read, &s.date) {
            (Some(read), Some(date)) => format!("{} ({date}), {read_on} {read}", s.short_in(es)),
            (Some(read), None) => format!("{}, {read_on} {read}", s.short_in(es)),
            (None, _) => cite_short(s, lang),
        })
        .collect();
    let from = match (lang, cited.len()) {
        (Lang::En, _) => "from",
        (Lang::Es, 1) => "fuente",
        (Lang::Es, _) => "fuentes",
    };
    (!cited.is_empty()).then(|| format!("{from}: {}", cited.join("; ")))
}

/// What to say when an office has no way to reach it: why, when the data says (an
/// interagency body publishes none; an office is gone), else that htref's sources give
/// none, and that the hotline, which answers anyone, can point the way.
pub fn no_number_field(index: &Index, org: usize, column: usize, lang: Lang) -> Field {
    let es = lang == Lang::Es;
    let label = lang.say("Contact", "Contacto");
    if let Some(why) = index.org(org).no_contact_in(es) {
        return Field::new(column, label, why.to_string());
    }
    let hotline = index
        .contact_by_id(HOTLINE_VOICE)
        .and_then(|at| index.contact(at).number.clone());
    let text = match (hotline, es) {
        (Some(number), false) => format!(
            "no contact point in htref's sources; the National Human Trafficking Hotline ({number}) answers anyone and can point the way"
        ),
        (Some(number), true) => format!(
            "ningún punto de contacto en las fuentes de htref; la National Human Trafficking Hotline ({number}) atiende a cualquier persona y puede orientar"
        ),
        (None, false) => "no contact point in htref's sources".to_string(),
        (None, true) => "ningún punto de contacto en las fuentes de htref".to_string(),
    };
    Field::new(column, label, text)
}

/// "U.S. Department of State, ..., \"Overview ...\" (2007-12-20)": the publisher and the
/// title are the document's own and stay as written.
pub fn cite(source: &Source, lang: Lang) -> String {
    let when = match (&source.date, &source.approx) {
        (Some(date), _) => date.to_string(),
        (None, Some(approx)) if lang == Lang::En => format!("undated; {approx}"),
        (None, _) => lang.say("undated", "sin fecha").to_string(),
    };
    format!("{}, \"{}\" ({when})", source.publisher, source.title)
}

/// "State Department fact sheet, 2007-12-20": enough to tell sources apart beside an answer.
pub fn cite_short(source: &Source, lang: Lang) -> String {
    let short = source.short_in(lang == Lang::Es);
    match &source.date {
        Some(date) => format!("{short}, {date}"),
        None => format!("{short}, {}", lang.say("undated", "sin fecha")),
    }
}

/// Citation lines for a list of source ids, each once: one short line beside an answer.
pub fn short_source_field(
    data: &Dataset,
    ids: &[Text],
    column: usize,
    lang: Lang,
) -> Option<Field> {
    let cited: Vec<String> = data
        .sources_cited(ids)
        .into_iter()
        .map(|s| cite_short(s, lang))
        .collect();
    let label = if cited.len() == 1 {
        lang.say("Source", "Fuente")
    } else {
        lang.say("Sources", "Fuentes")
    };
    (!cited.is_empty()).then(|| Field::new(column, label, cited.join("; ")))
}

/// Citation lines for a list of source ids, each once.
pub fn source_fields(data: &Dataset, ids: &[Text], column: usize, lang: Lang) -> Vec<Field> {
    data.sources_cited(ids)
        .into_iter()
        .map(|source| Field::new(column, lang.say("Source", "Fuente"), cite(source, lang)))
        .collect()
}

/// A need's label in the answer's language (English where no Spanish one is given).
pub fn need_label(need: &crate::data::Need, lang: Lang) -> &str {
    crate::data::said(&need.label, need.label_es.as_deref(), lang == Lang::Es)
}

/// Why a referral is given, in the answer's language (English where no Spanish is given:
/// a local file's own referral).
pub fn referral_why(referral: &crate::data::Referral, lang: Lang) -> &str {
    crate::data::said(&referral.why, referral.why_es.as_deref(), lang == Lang::Es)
}

/// A language's name as the answer's language says it ("inglés" for "English"); a name
/// htref has no Spanish for stays as the data writes it.
pub fn language_name(name: &str, lang: Lang) -> &str {
    match (lang, name) {
        (Lang::Es, "English") => "inglés",
        (Lang::Es, "Spanish") => "español",
        _ => name,
    }
}

/// The 911 line as a Spanish answer says it (the data's own message is English).
pub const EMERGENCY_ES: &str = "Si alguien está en peligro inmediato, llame al 911.";

/// The 911 line in the answer's language.
pub fn emergency_message(data: &Dataset, lang: Lang) -> String {
    match lang {
        Lang::En => data.info.emergency.message.to_string(),
        Lang::Es => EMERGENCY_ES.to_string(),
    }
}

/// The closing line of every answer: how current the data is. `hints` names the command
/// that lists the sources; paper (Markdown, HTML) never shows command lines.
pub fn currency_line(data: &Dataset, today: crate::clock::Date, hints: bool, lang: Lang) -> String {
    // The seed documents' dates; the official pages' age is their read date, shown by
    // `htref sources`.
    let dates: Vec<&str> = data
        .sources
        .iter()
        .filter(|s| s.url.is_none())
        .filter_map(|s| s.date.as_deref())
        .collect();
    // Official pages that carry a date (2015-2021) are newer than the seeds: say so, so
    // that the seeds' age is not read as the age of everything.
    let newest_page = data
        .sources
        .iter()
        .filter(|s| s.url.is_some())
        .filter_map(|s| s.date.as_deref())
        .max()
        .map(|date| match lang {
            Lang::En => format!(", the newest dated official page from {date}"),
            Lang::Es => format!(", y la página oficial fechada más reciente, de {date}"),
        })
        .unwrap_or_default();
    let dated = match (lang, dates.len(), dates.iter().min()) {
        (Lang::En, 1, Some(date)) => format!(
            "; the only dated seed document is from {date}{newest_page}, so verify a number before relying on it"
        ),
        (Lang::En, _, Some(date)) => format!(
            "; the oldest dated seed document is from {date}{newest_page}, so verify a number before relying on it"
        ),
        (Lang::Es, 1, Some(date)) => format!(
            "; el único documento inicial fechado es de {date}{newest_page}: verifique un número antes de confiar en él"
        ),
        (Lang::Es, _, Some(date)) => format!(
            "; el documento inicial fechado más antiguo es de {date}{newest_page}: verifique un número antes de confiar en él"
        ),
        _ => String::new(),
    };
    let pages = data.sources.iter().filter(|s| s.url.is_some()).count();
    let seeds = data.sources.len() - pages;
    let stale = stale_copy_note(data, today, lang);
    let as_of = &data.info.as_of;
    match lang {
        Lang::En => {
            let pages_note = if pages > 0 {
                format!(" and {pages} offices' own pages")
            } else {
                String::new()
            };
            let hint = if hints {
                " `htref sources` lists them."
            } else {
                ""
            };
            format!(
                "{stale}Data as of {as_of} from {seeds} public source documents{pages_note}{dated}.{hint}"
            )
        }
        Lang::Es => {
            let pages_note = if pages > 0 {
                format!(" y {pages} páginas propias de las oficinas")
            } else {
                String::new()
            };
            let hint = if hints {
                " `htref sources` las enumera."
            } else {
                ""
            };
            format!(
                "{stale}Datos al {as_of}, de {seeds} documentos públicos{pages_note}{dated}.{hint}"
            )
        }
    }
}

/// An installed copy ages silently: past a year after its data was reviewed, every
/// answer's footer says so first.
fn stale_copy_note(data: &Dataset, today: crate::clock::Date, lang: Lang) -> String {
    match crate::clock::Date::parse(&data.info.as_of) {
        Some(date) if date.years_until(today) >= 1 => match lang {
            Lang::En => format!(
                "This copy of htref's data was last reviewed on {}, over a year ago: update htref, or check a number on the office's own page before relying on it. ",
                data.info.as_of
            ),
            Lang::Es => format!(
                "Esta copia de los datos de htref se revisó por última vez el {}, hace más de un año: actualice htref o compruebe el número en la página de la oficina antes de confiar en él. ",
                data.info.as_of
            ),
        },
        _ => String::new(),
    }
}

/// The one-line footer of an answer at a glance: how current the data is, and how to see
/// more (everything with --long; every referral with --all when some were cut).
pub fn glance_footer(
    data: &Dataset,
    today: crate::clock::Date,
    shown: usize,
    total: usize,
    local_files: &[String],
    lang: Lang,
) -> String {
    let all = if shown < total {
        match lang {
            Lang::En => format!("; --all: all {total}"),
            Lang::Es => format!("; --all: las {total}"),
        }
    } else {
        String::new()
    };
    let local = if local_files.is_empty() {
        String::new()
    } else {
        match lang {
            Lang::En => format!(" Local entries from {}.", local_files.join(", ")),
            Lang::Es => format!(" Entradas locales de {}.", local_files.join(", ")),
        }
    };
    let stale = stale_copy_note(data, today, lang);
    let as_of = &data.info.as_of;
    match lang {
        Lang::En => format!(
            "{stale}Data as of {as_of}; verify a number before relying on it.{local} --long: sources and details{all}."
        ),
        Lang::Es => format!(
            "{stale}Datos al {as_of}; verifique un número antes de confiar en él.{local} --long: fuentes y detalles{all}."
        ),
    }
}

/// "claim (source, date; source, date)", citing each source with `cite`. A claim is the
/// source's words: a Spanish answer quotes them as written.
fn claim_line(
    data: &Dataset,
    claim: &Claim,
    cite: fn(&Source, Lang) -> String,
    lang: Lang,
) -> String {
    let cited: Vec<String> = claim
        .sources
        .iter()
        .filter_map(|s| data.source(s))
        .map(|s| cite(s, lang))
        .collect();
    let text = claim.text.trim_end_matches('.');
    match lang {
        Lang::En => format!("{text} ({})", cited.join("; ")),
        Lang::Es => format!("\"{text}\" ({})", cited.join("; ")),
    }
}

/// One conflict as a record: each claim with its citations, then what htref shows.
pub fn conflict_record(data: &Dataset, conflict: &Conflict, lang: Lang) -> Record {
    let es = lang == Lang::Es;
    let mut fields: Vec<Field> = conflict
        .claims
        .iter()
        .map(|claim| {
            Field::new(
                1,
                lang.say("Claim", "Afirmación"),
                claim_line(data, claim, cite, lang),
            )
        })
        .collect();
    fields.push(Field::new(
        1,
        lang.say("htref shows", "htref muestra"),
        conflict.resolution_in(es),
    ));
    Record {
        title: conflict.topic_in(es).to_string(),
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, currency_line};
    use crate::clock::Date;

    #[test]
    fn an_installed_copy_says_when_its_data_is_over_a_year_old() {
        let data = crate::data::bundled();
        let reviewed = Date::parse(&data.info.as_of).expect("as_of is a date");
        let fresh = currency_line(&data, reviewed, true, Lang::En);
        assert!(!fresh.contains("over a year ago"), "{fresh}");
        let later = Date {
            year: reviewed.year + 1,
            ..reviewed
        };
        let stale = currency_line(&data, later, true, Lang::En);
        assert!(
            stale.starts_with("This copy of htref's data was last reviewed on"),
            "{stale}"
        );
    }
}
