//! Sentences shared by the text output of several commands: how an organization is
//! placed, how a contact reads aloud, how a source is cited.

use crate::data::{Conflict, ContactKind, Dataset, Source};
use crate::index::{ContactRef, Index};
use crate::render::{Field, Record};

/// The hotline every "no number" answer points to.
pub const HOTLINE_ORG: &str = "national-hotline";
/// The hotline's main voice contact.
pub const HOTLINE_VOICE: &str = "hotline-voice";

/// "Office on Trafficking in Persons (OTIP)".
pub fn org_title(index: &Index, org: usize) -> String {
    let o = index.org(org);
    match &o.acronym {
        Some(acronym) => format!("{} ({acronym})", o.name),
        None => o.name.clone(),
    }
}

/// Where an organization sits: "Civil Rights Division, Department of Justice".
pub fn placement(index: &Index, org: usize) -> Field {
    let chain = index.ancestors(org);
    if chain.is_empty() {
        let o = index.org(org);
        // The first clause is enough beside a referral; `show` prints the whole reason.
        return match &o.independent {
            Some(why) => Field::new(
                0,
                "Independent",
                why.split(';').next().unwrap_or(why).trim(),
            ),
            None => Field::new(0, "Kind", o.kind.as_str()),
        };
    }
    let names: Vec<String> = chain.iter().map(|&p| org_title(index, p)).collect();
    Field::new(0, "Part of", names.join(", "))
}

/// The fields that describe one contact, one fact per line.
pub fn contact_fields(index: &Index, at: ContactRef, column: usize) -> Vec<Field> {
    let c = index.contact(at);
    let mut fields = Vec::new();
    let headline = match (&c.number, c.kind) {
        (Some(number), _) => {
            let mut line = format!("{number} ({})", c.label);
            if !c.other_forms.is_empty() {
                line = format!(
                    "{number} ({}; also written {})",
                    c.label,
                    c.other_forms.join(", ")
                );
            }
            line
        }
        (None, ContactKind::Chat | ContactKind::Language) => {
            format!(
                "{}: offered, but htref's sources give no number or address for it",
                c.label
            )
        }
        (None, _) => format!("{}: no number in htref's sources", c.label),
    };
    fields.push(Field::new(column, c.kind.label(), headline));
    if let Some(hours) = &c.hours {
        fields.push(Field::new(column, "Hours", hours.clone()));
    }
    if !c.languages.is_empty() {
        fields.push(Field::new(column, "Languages", c.languages.join(", ")));
    }
    if let Some(reach) = &c.reach {
        fields.push(Field::new(column, "Reach", reach.clone()));
    }
    if let Some(audience) = &c.audience {
        fields.push(Field::new(column, "Who may call", audience.clone()));
    }
    if let Some(note) = &c.note {
        fields.push(Field::new(column, "Note", note.clone()));
    }
    fields
}

/// What to say when an office has no number in the sources: say so, and point to the
/// hotline, which takes tips and refers them to law enforcement.
pub fn no_number_field(index: &Index, column: usize) -> Field {
    let hotline = index
        .contact_by_id(HOTLINE_VOICE)
        .and_then(|at| index.contact(at).number.clone());
    let text = match hotline {
        Some(number) => format!(
            "no phone number in htref's sources; the National Human Trafficking Hotline ({number}) takes tips and refers them to law enforcement"
        ),
        None => "no phone number in htref's sources".to_string(),
    };
    Field::new(column, "Phone", text)
}

/// "U.S. Department of State, ..., \"Overview ...\" (2007-12-20)".
pub fn cite(source: &Source) -> String {
    let when = match (&source.date, &source.approx) {
        (Some(date), _) => date.clone(),
        (None, Some(approx)) => format!("undated; {approx}"),
        (None, None) => "undated".to_string(),
    };
    format!("{}, \"{}\" ({when})", source.publisher, source.title)
}

/// "State Department fact sheet, 2007-12-20": enough to tell sources apart beside an answer.
pub fn cite_short(source: &Source) -> String {
    match &source.date {
        Some(date) => format!("{}, {date}", source.short),
        None => format!("{}, undated", source.short),
    }
}

/// Citation lines for a list of source ids, each once: one short line beside an answer.
pub fn short_source_field<'a>(
    data: &Dataset,
    ids: impl IntoIterator<Item = &'a String>,
    column: usize,
) -> Option<Field> {
    let mut seen: Vec<&str> = Vec::new();
    let mut cited = Vec::new();
    for id in ids {
        if seen.contains(&id.as_str()) {
            continue;
        }
        seen.push(id);
        if let Some(source) = data.source(id) {
            cited.push(cite_short(source));
        }
    }
    let label = if cited.len() == 1 {
        "Source"
    } else {
        "Sources"
    };
    (!cited.is_empty()).then(|| Field::new(column, label, cited.join("; ")))
}

/// Citation lines for a list of source ids, each once.
pub fn source_fields<'a>(
    data: &Dataset,
    ids: impl IntoIterator<Item = &'a String>,
    column: usize,
) -> Vec<Field> {
    let mut seen: Vec<&str> = Vec::new();
    let mut fields = Vec::new();
    for id in ids {
        if seen.contains(&id.as_str()) {
            continue;
        }
        seen.push(id);
        if let Some(source) = data.source(id) {
            fields.push(Field::new(column, "Source", cite(source)));
        }
    }
    fields
}

/// The closing line of every answer: how current the data is.
pub fn currency_line(data: &Dataset) -> String {
    let dates: Vec<&str> = data
        .sources
        .iter()
        .filter_map(|s| s.date.as_deref())
        .collect();
    let dated = match (dates.len(), dates.iter().min()) {
        (1, Some(date)) => {
            format!("; the only dated one is from {date}, so verify a number before relying on it")
        }
        (_, Some(date)) => format!(
            "; the oldest dated one is from {date}, so verify a number before relying on it"
        ),
        _ => String::new(),
    };
    format!(
        "Data as of {} from {} public source documents{dated}. `htref sources` lists them.",
        data.info.as_of,
        data.sources.len()
    )
}

/// One conflict as a record: each claim with its citations, then what htref shows.
pub fn conflict_record(data: &Dataset, conflict: &Conflict) -> Record {
    let mut fields: Vec<Field> = conflict
        .claims
        .iter()
        .map(|claim| {
            let cited: Vec<String> = claim
                .sources
                .iter()
                .filter_map(|s| data.source(s))
                .map(cite)
                .collect();
            Field::new(1, "Claim", format!("{} ({})", claim.text, cited.join("; ")))
        })
        .collect();
    fields.push(Field::new(1, "htref shows", conflict.resolution.clone()));
    Record {
        title: conflict.topic.clone(),
        fields,
    }
}
