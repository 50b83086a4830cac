//! `htref hotline`: the National Human Trafficking Hotline's channels.

use super::{Context, found};
use crate::cli::HotlineArgs;
use crate::data::{Asker, ContactKind, Text};
use crate::describe::glance;
use crate::describe::glance_footer;
use crate::describe::{
    HOTLINE_ORG, conflict_fields, contact_field, currency_line, short_source_field, verify_fields,
};
use crate::error::DataError;
use crate::exit_codes::ExitCode;
use crate::index::ContactRef;
use crate::matching::reading::Lang;
use crate::render::json::{ContactJson, EmergencyJson, OrgJson, SCHEMA_VERSION, SourceRefJson};
use crate::render::{Block, Doc, Record};
use serde::Serialize;
use std::io::Write;

/// `hotline --json`.
#[derive(Debug, Serialize)]
pub struct HotlineJson {
    pub schema_version: u32,
    pub command: &'static str,
    /// The channels asked for: "voice", "tty", "text", "chat", "language"; all when none.
    pub channels: Vec<&'static str>,
    pub emergency: EmergencyJson,
    pub organization: OrgJson,
    pub contacts: Vec<ContactJson>,
    pub roles: Vec<Text>,
    pub sources: Vec<SourceRefJson>,
}

pub fn run(ctx: &Context, args: &HotlineArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let index = &ctx.index;
    let org = index
        .org_by_id(HOTLINE_ORG)
        .ok_or_else(|| DataError(format!("the dataset has no `{HOTLINE_ORG}` organization")))?;
    let wanted: Vec<ContactKind> = [
        (args.tty, ContactKind::Tty),
        (args.text, ContactKind::Text),
        (args.chat, ContactKind::Chat),
        (args.spanish, ContactKind::Language),
    ]
    .into_iter()
    .filter_map(|(on, kind)| on.then_some(kind))
    .collect();
    let hotline = index.org(org);
    let contacts: Vec<ContactRef> = (0..hotline.contacts.len())
        .map(|contact| ContactRef { org, contact })
        .filter(|&at| wanted.is_empty() || wanted.contains(&index.contact(at).kind))
        .collect();
    // A narrowed answer still names the main line: the TTY and Spanish notes refer to it.
    let main_line: Vec<ContactRef> = if wanted.is_empty() {
        Vec::new()
    } else {
        (0..hotline.contacts.len())
            .map(|contact| ContactRef { org, contact })
            .filter(|&at| index.contact(at).kind == ContactKind::Voice)
            .collect()
    };
    let data = index.data;
    // The hotline is for anyone: no --as here, and nothing on it is restricted.
    let viewer = ctx.viewer(Asker::Public);
    ctx.emit(
        out,
        || HotlineJson {
            schema_version: SCHEMA_VERSION,
            command: "hotline",
            channels: wanted.iter().map(|k| k.as_str()).collect(),
            emergency: EmergencyJson::new(data),
            organization: OrgJson::new(index, org),
            contacts: contacts
                .iter()
                .map(|&c| ContactJson::new(index, c, &viewer))
                .collect(),
            roles: hotline.roles.iter().map(|r| r.text.clone()).collect(),
            sources: SourceRefJson::list(data, &hotline.sources),
        },
        || {
            let mut doc = Doc {
                title: Some(hotline.name_in(viewer.lang == Lang::Es).to_string()),
                ..Doc::default()
            };
            doc.alert(crate::describe::emergency_message(data, viewer.lang));
            doc.heading(hotline.name_in(viewer.lang == Lang::Es));
            // A local file may replace the hotline's entry: say so before any number.
            if let Some(file) = &hotline.origin {
                doc.text(replaced_note(file));
            }
            if ctx.style.at_a_glance() {
                push_glance(ctx, org, &contacts, &main_line, &mut doc);
                return doc;
            }
            push_long(ctx, org, &contacts, &main_line, wanted.is_empty(), &mut doc);
            doc.text(currency_line(
                data,
                ctx.today,
                ctx.style.shows_hints(),
                viewer.lang,
            ));
            doc
        },
    )?;
    Ok(found(!contacts.is_empty()))
}

/// The channels in full (`--long`): each with its line, what to verify and its source,
/// the main line a narrowed answer refers to, and, for the whole hotline, what it does
/// and where the sources disagree.
fn push_long(
    ctx: &Context,
    org: usize,
    contacts: &[ContactRef],
    main_line: &[ContactRef],
    whole: bool,
    doc: &mut Doc,
) {
    let index = &ctx.index;
    let data = index.data;
    let hotline = index.org(org);
    let viewer = ctx.viewer(Asker::Public);
    let mut records: Vec<Record> = contacts
        .iter()
        .map(|&c| {
            let contact = index.contact(c);
            let mut fields = vec![contact_field(ctx, &viewer, c, 1)];
            fields.extend(verify_fields(ctx, &viewer, &[c], &[], 2));
            fields.extend(short_source_field(data, &contact.sources, 2, viewer.lang));
            Record {
                title: viewer
                    .lang
                    .say(contact.kind.label(), contact.kind.label_es())
                    .to_string(),
                fields,
            }
        })
        .collect();
    for &c in main_line {
        let mut fields = vec![contact_field(ctx, &viewer, c, 1)];
        fields.extend(short_source_field(
            data,
            &index.contact(c).sources,
            2,
            viewer.lang,
        ));
        records.push(Record {
            title: viewer.lang.say("Main line", "Línea principal").to_string(),
            fields,
        });
    }
    let say = |en, es| viewer.lang.say(en, es).to_string();
    doc.push(Block::Records {
        headers: vec![
            say("Channel", "Canal"),
            say("How to reach", "Cómo comunicarse"),
            say("Source", "Fuente"),
        ],
        records,
    });
    if whole {
        let mut about: Vec<(String, String)> = hotline
            .roles
            .iter()
            .map(|r| {
                let text = r.text_in(viewer.lang == crate::matching::reading::Lang::Es);
                (say("What it does", "Qué hace"), text.to_string())
            })
            .collect();
        about.extend(
            conflict_fields(data, &hotline.id, 0, ctx.style.spoken_digits, viewer.lang)
                .into_iter()
                .map(|f| (f.label.unwrap_or_default(), f.value)),
        );
        doc.push(Block::Fields(about));
    }
}

/// The channels at a glance: one row each, the number or address first, who it is for
/// under it; the "what it does" lines and the sources' disagreements wait for --long.
fn push_glance(
    ctx: &Context,
    org: usize,
    contacts: &[ContactRef],
    main_line: &[ContactRef],
    doc: &mut Doc,
) {
    let index = &ctx.index;
    let viewer = ctx.viewer(Asker::Public);
    let mut rows: Vec<_> = contacts
        .iter()
        .map(|&c| {
            let contact = index.contact(c);
            let kind = viewer
                .lang
                .say(contact.kind.label(), contact.kind.label_es());
            let title = if contact.languages.is_empty() {
                kind.to_string()
            } else {
                let names: Vec<&str> = contact
                    .languages
                    .iter()
                    .map(|name| crate::describe::language_name(name, viewer.lang))
                    .collect();
                format!("{kind} ({})", names.join(", "))
            };
            glance::contact_row(ctx, &viewer, c, title, true)
        })
        .collect();
    rows.extend(main_line.iter().map(|&c| {
        let title = viewer.lang.say("Main line", "Línea principal").into();
        glance::contact_row(ctx, &viewer, c, title, true)
    }));
    doc.push(Block::Rows {
        headers: vec![
            viewer.lang.say("Channel", "Canal").into(),
            viewer.lang.say("How to reach", "Cómo comunicarse").into(),
        ],
        rows,
    });
    let local = glance::local_files(index, [org], contacts.iter().copied(), []);
    doc.text(glance_footer(
        index.data,
        ctx.today,
        1,
        1,
        &local,
        viewer.lang,
    ));
}

/// "Local entry from FILE: it replaces the bundled ... (whose main line is ...)".
fn replaced_note(file: &str) -> String {
    let bundled = crate::data::bundled();
    let main_line = bundled
        .organizations
        .iter()
        .find(|o| o.id == HOTLINE_ORG)
        .and_then(|o| o.contacts.iter().find(|c| c.kind == ContactKind::Voice))
        .and_then(|c| c.digits.as_deref())
        .map(crate::phone::dial_form);
    match main_line {
        Some(number) => format!(
            "Local entry from {file}: it replaces the bundled hotline entry, whose main line is {number}."
        ),
        None => format!("Local entry from {file}: it replaces the bundled hotline entry."),
    }
}
