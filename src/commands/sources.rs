//! `htref sources`: the source documents, what each contributed, and where they disagree.

use super::{Context, found};
use crate::cli::SourcesArgs;
use crate::data::{Dataset, Source, Text};
use crate::describe::conflict_record;
use crate::exit_codes::ExitCode;
use crate::matching::reading::Lang;
use crate::render::json::{ConflictJson, SCHEMA_VERSION};
use crate::render::{Block, Doc, Field, Record};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Serialize)]
pub struct SourcesJson {
    pub schema_version: u32,
    pub command: &'static str,
    pub as_of: String,
    /// Empty with --conflicts.
    pub sources: Vec<Source>,
    pub conflicts: Vec<ConflictJson>,
}

pub fn run(ctx: &Context, args: &SourcesArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let data = ctx.index.data;
    let sources: Vec<Source> = if args.conflicts {
        Vec::new()
    } else {
        data.sources.to_vec()
    };
    ctx.emit(
        out,
        || SourcesJson {
            schema_version: SCHEMA_VERSION,
            command: "sources",
            as_of: data.info.as_of.to_string(),
            sources: sources.clone(),
            conflicts: data
                .conflicts
                .iter()
                .map(|c| ConflictJson::new(data, c))
                .collect(),
        },
        || {
            let lang = ctx.lang();
            let mut doc = Doc::default();
            if !args.conflicts {
                doc.heading(match lang {
                    Lang::En => format!(
                        "Sources (dataset reviewed against them on {})",
                        data.info.as_of
                    ),
                    Lang::Es => {
                        format!("Fuentes (datos revisados con ellas el {})", data.info.as_of)
                    }
                });
                doc.push(Block::Records {
                    headers: vec![
                        lang.say("Source", "Fuente").into(),
                        lang.say("Date and currency", "Fecha y vigencia").into(),
                        lang.say("Contributed", "Aportó").into(),
                    ],
                    records: sources.iter().map(|s| source_record(s, lang)).collect(),
                });
            }
            doc.heading(lang.say(
                "Where the sources disagree",
                "En qué no coinciden las fuentes",
            ));
            doc.push(conflict_records(data, lang));
            doc
        },
    )?;
    Ok(found(!data.sources.is_empty()))
}

fn source_record(source: &Source, lang: Lang) -> Record {
    let es = lang == Lang::Es;
    let said = |english: &str, spanish: &Option<Text>| -> String {
        crate::data::said(english, spanish.as_deref(), es).to_string()
    };
    let date = source
        .date
        .as_deref()
        .unwrap_or(lang.say("undated", "sin fecha"));
    let mut fields = vec![Field::new(1, lang.say("Date", "Fecha"), date)];
    if let Some(approx) = &source.approx {
        fields.push(Field::new(
            1,
            lang.say("Approximately", "Aproximadamente"),
            said(approx, &source.approx_es),
        ));
    }
    if let Some(read) = &source.read {
        fields.push(Field::new(
            1,
            lang.say("Read", "Fecha de consulta"),
            read.clone(),
        ));
    }
    fields.push(Field::new(
        1,
        lang.say("Currency", "Vigencia"),
        said(&source.currency, &source.currency_es),
    ));
    if let Some(url) = &source.url {
        fields.push(Field::new(2, lang.say("Address", "Dirección"), url.clone()));
    }
    fields.push(Field::new(
        2,
        lang.say("Contributed", "Aportó"),
        said(&source.contributed, &source.contributed_es),
    ));
    fields.push(Field::new(2, "Id", source.id.clone()));
    Record {
        // The publisher and the title are the document's own, and stay as written.
        title: format!("{}: \"{}\"", source.publisher, source.title),
        fields,
    }
}

fn conflict_records(data: &Dataset, lang: Lang) -> Block {
    let records = data
        .conflicts
        .iter()
        .map(|c| conflict_record(data, c, lang))
        .collect();
    Block::Records {
        headers: vec![
            lang.say("Topic", "Tema").into(),
            lang.say(
                "Claims, newest source first",
                "Afirmaciones, la fuente más reciente primero",
            )
            .into(),
        ],
        records,
    }
}
