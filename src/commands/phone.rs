//! `htref phone NUMBER`: whose number is this, what is it for, and who may call it.

use super::{Context, found};
use crate::cli::PhoneArgs;
use crate::data::Text;
use crate::describe::glance;
use crate::describe::glance_footer;
use crate::describe::{
    conflict_fields, contact_field, currency_line, local_field, org_title, placement,
    short_source_field, verify_fields,
};
use crate::error::UsageError;
use crate::exit_codes::ExitCode;
use crate::index::ContactRef;
use crate::matching::reading::Lang;
use crate::phone::{self, NumberKind};
use crate::render::json::{
    ConflictJson, ContactJson, EmergencyJson, OrgJson, SCHEMA_VERSION, SourceRefJson,
};
use crate::render::{Block, Doc, Field, Record};
use crate::viewer::Viewer;
use serde::Serialize;
use std::io::Write;

/// `phone --json`.
#[derive(Debug, Serialize)]
pub struct PhoneJson {
    pub schema_version: u32,
    pub command: &'static str,
    /// The asker the answer was written for (--as).
    pub role: &'static str,
    pub query: String,
    pub digits: String,
    /// The number as dialed in the U.S.
    pub dial_form: String,
    /// Set when the number is the emergency number itself.
    pub emergency: Option<EmergencyJson>,
    pub matches: Vec<PhoneMatchJson>,
}

#[derive(Debug, Serialize)]
pub struct PhoneMatchJson {
    pub organization: OrgJson,
    pub contact: ContactJson,
    /// Where the sources disagree about this organization.
    pub conflicts: Vec<ConflictJson>,
    /// What the organization does, from the sources.
    pub roles: Vec<Text>,
    pub sources: Vec<SourceRefJson>,
}

/// What was typed is no phone number: say so, with forms that are (the parser's reason is
/// English, and a Spanish answer leaves it out).
fn not_a_number(raw: &str, why: &dyn std::fmt::Display, lang: Lang) -> UsageError {
    let shown = crate::render::clip(raw, 40);
    UsageError(match lang {
        Lang::En => format!(
            "`{shown}` is not a phone number ({why}); try a form such as 1-888-373-7888, (888) 428-7581 or 233733"
        ),
        Lang::Es => format!(
            "`{shown}` no es un número de teléfono; pruebe una forma como 1-888-373-7888, (888) 428-7581 o 233733"
        ),
    })
}

pub fn run(ctx: &Context, args: &PhoneArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let index = &ctx.index;
    let data = index.data;
    let raw = args.number.join(" ");
    let parsed = phone::parse(&raw).map_err(|e| not_a_number(&raw, &e, ctx.lang()))?;
    let dial = match parsed.kind {
        NumberKind::UsNumber => phone::dial_form(&parsed.digits),
        NumberKind::ServiceCode | NumberKind::ShortCode => parsed.digits.clone(),
    };
    let is_emergency = parsed.digits == data.info.emergency.number;
    // The line's owner first: a line given for other offices too (`also_for`: 711 is the
    // relay's, which the hotline lists as its TTY access) leads the offices that list it.
    let mut hits = index.contacts_by_digits(&parsed.digits).to_vec();
    hits.sort_by_key(|&at| index.contact(at).also_for.is_empty());
    let viewer = ctx.viewer(args.asker.asker());
    ctx.emit(
        out,
        || PhoneJson {
            schema_version: SCHEMA_VERSION,
            command: "phone",
            role: viewer.asker.as_str(),
            query: raw.clone(),
            digits: parsed.digits.clone(),
            dial_form: dial.clone(),
            emergency: is_emergency.then(|| EmergencyJson::new(data)),
            matches: hits
                .iter()
                .map(|&at| PhoneMatchJson {
                    organization: OrgJson::new(index, at.org),
                    contact: ContactJson::new(index, at, &viewer),
                    conflicts: data
                        .conflicts_about(&index.org(at.org).id)
                        .map(|c| ConflictJson::new(data, c))
                        .collect(),
                    roles: index.org(at.org).roles.iter().map(|r| r.text.clone()).collect(),
                    sources: SourceRefJson::list(data, &index.contact(at).sources),
                })
                .collect(),
        },
        || {
            let lang = viewer.lang;
            let mut doc = Doc {
                title: Some(match lang {
                    Lang::En => format!("Whose number is {dial}?"),
                    Lang::Es => format!("¿De quién es el número {dial}?"),
                }),
                ..Doc::default()
            };
            if is_emergency {
                doc.alert(crate::describe::emergency_message(data, lang));
                doc.text(data.info.emergency.note.clone());
                return doc;
            }
            if hits.is_empty()
                && let Some(note) = replaced_locally(ctx, &parsed.digits, &dial)
            {
                doc.text(note);
                return doc;
            }
            if hits.is_empty() {
                doc.text(match lang {
                    Lang::En => format!(
                        "{dial} is not in htref's data. htref cannot say whose number it is: it knows only the numbers its source documents print."
                    ),
                    Lang::Es => format!(
                        "{dial} no está en los datos de htref. htref no puede decir de quién es: solo conoce los números que imprimen sus documentos fuente."
                    ),
                });
                doc.text(lang.say(
                    "Run `htref hotline` for the National Human Trafficking Hotline's numbers.",
                    "Ejecute `htref hotline` para ver los números de la Línea Nacional Contra la Trata de Personas.",
                ));
                return doc;
            }
            // A superseded line is said first: the caller must not dial it.
            for line in superseded_lines(ctx, &dial, &hits) {
                doc.alert(line);
            }
            if ctx.style.at_a_glance() {
                push_glance(ctx, &viewer, &dial, &hits, &mut doc);
                return doc;
            }
            push_long(ctx, &viewer, &dial, &hits, &mut doc);
            doc.text(currency_line(
                data,
                ctx.today,
                ctx.style.shows_hints(),
                viewer.lang,
            ));
            doc
        },
    )?;
    Ok(found(
        is_emergency || !hits.is_empty() || replaced_locally(ctx, &parsed.digits, &dial).is_some(),
    ))
}

/// For each line with this number that newer official pages replace: that it is no longer
/// offered, what they say instead, and the lines to use.
fn superseded_lines(ctx: &Context, dial: &str, hits: &[ContactRef]) -> Vec<String> {
    let index = &ctx.index;
    hits.iter()
        .filter_map(|&at| {
            let old = index.contact(at).superseded.as_ref()?;
            // "Office: line, line; Office: line", each office once.
            let mut instead: Vec<(usize, Vec<String>)> = Vec::new();
            for c in old.instead.iter().filter_map(|id| index.contact_by_id(id)) {
                let brief = glance::contact_brief(index, c, true, ctx.style.lang_env);
                match instead.iter_mut().find(|(org, _)| *org == c.org) {
                    Some((_, lines)) => lines.push(brief),
                    None => instead.push((c.org, vec![brief])),
                }
            }
            let instead: Vec<String> = instead
                .into_iter()
                .map(|(org, lines)| format!("{}: {}", index.org(org).name, lines.join(", ")))
                .collect();
            let instead = if instead.is_empty() {
                String::new()
            } else {
                format!(". Instead: {}", instead.join("; "))
            };
            Some(format!(
                "{dial} ({}) is no longer offered: {}{instead}.",
                index.org(at.org).name,
                old.note.trim_end_matches('.')
            ))
        })
        .collect()
}

/// When a local file replaced the entry a bundled number belongs to, that number is no
/// longer in the merged data: say whose it is in the bundled data, and which file took its
/// place, rather than that htref does not know it.
fn replaced_locally(ctx: &Context, digits: &str, dial: &str) -> Option<String> {
    let bundled = crate::data::bundled();
    let org = bundled.organizations.iter().find(|o| {
        o.contacts
            .iter()
            .any(|c| c.digits.as_deref() == Some(digits))
    })?;
    let local = ctx.index.org_by_id(&org.id)?;
    let file = ctx.index.org(local).origin.as_deref()?;
    Some(format!(
        "{dial} is the {} number in htref's bundled data; a local entry from {file} replaces that organization, and its own numbers differ.",
        org.name
    ))
}

/// "711 belongs to:", or for a line that is one service's and that offices list as their
/// own way in (711, the relay, which the hotline gives as its TTY access): "711 belongs to
/// Telecommunications Relay Service (711); National Human Trafficking Hotline lists it as
/// a way in:".
fn owner_heading(
    index: &crate::index::Index,
    dial: &str,
    hits: &[ContactRef],
    lang: Lang,
) -> String {
    match hits {
        [owner, listed @ ..] if !index.contact(*owner).also_for.is_empty() => {
            let owner = org_title(index, owner.org);
            let mut heading = match lang {
                Lang::En => format!("{dial} belongs to {owner}"),
                Lang::Es => format!("{dial} pertenece a {owner}"),
            };
            let names: Vec<String> = listed
                .iter()
                .map(|at| index.org(at.org).name.to_string())
                .collect();
            if !names.is_empty() {
                let names = names.join(", ");
                heading = match (lang, listed.len()) {
                    (Lang::En, 1) => format!("{heading}; {names} lists it as a way in:"),
                    (Lang::En, _) => format!("{heading}; {names} list it as a way in:"),
                    (Lang::Es, _) => format!("{heading}; {names} lo da como vía de acceso:"),
                };
            }
            heading
        }
        _ => match lang {
            Lang::En => format!("{dial} belongs to:"),
            Lang::Es => format!("{dial} pertenece a:"),
        },
    }
}

/// Whose number it is in full (`--long`): each office with its place, the line, what the
/// office does, what to verify, the sources and their disagreements.
fn push_long(ctx: &Context, viewer: &Viewer, dial: &str, hits: &[ContactRef], doc: &mut Doc) {
    let index = &ctx.index;
    let data = index.data;
    let lang = viewer.lang;
    let records = hits
        .iter()
        .map(|&at| {
            let org = index.org(at.org);
            let mut fields = vec![placement(index, at.org, lang)];
            fields.extend(local_field(index, at.org, 0, lang));
            fields.push(contact_field(ctx, viewer, at, 1));
            fields.push(Field::new(
                2,
                lang.say("What it does", "Qué hace"),
                org.summary_in(lang == crate::matching::reading::Lang::Es)
                    .to_string(),
            ));
            fields.extend(verify_fields(ctx, viewer, &[at], &[], 2));
            fields.extend(short_source_field(
                data,
                &index.contact(at).sources,
                2,
                lang,
            ));
            fields.extend(conflict_fields(
                data,
                &org.id,
                2,
                ctx.style.spoken_digits,
                lang,
            ));
            Record {
                title: org_title(index, at.org),
                fields,
            }
        })
        .collect();
    doc.heading(owner_heading(index, dial, hits, lang));
    doc.push(Block::Records {
        headers: vec![
            lang.say("Organization", "Organización").into(),
            lang.say("Line", "Línea").into(),
            lang.say("About", "Acerca de").into(),
        ],
        records,
    });
}

/// Whose number it is at a glance: one row per line with this number (office, the line,
/// who it is for).
fn push_glance(ctx: &Context, viewer: &Viewer, dial: &str, hits: &[ContactRef], doc: &mut Doc) {
    let index = &ctx.index;
    doc.heading(owner_heading(index, dial, hits, viewer.lang));
    let rows = hits
        .iter()
        .map(|&at| {
            let title = glance::office_with_department(index, at.org, viewer.lang);
            glance::contact_row(ctx, viewer, at, title, false)
        })
        .collect();
    let say = |en, es| viewer.lang.say(en, es).to_string();
    doc.push(Block::Rows {
        headers: vec![
            say("Office", "Oficina"),
            say("Line", "Línea"),
            say("For", "Para"),
        ],
        rows,
    });
    let local = glance::local_files(index, hits.iter().map(|h| h.org), hits.iter().copied(), []);
    doc.text(glance_footer(
        index.data,
        ctx.today,
        hits.len(),
        hits.len(),
        &local,
        viewer.lang,
    ));
}
