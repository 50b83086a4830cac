//! `htref sources`: the source documents, what each contributed, and where they disagree.

use super::{Context, found};
use crate::cli::SourcesArgs;
use crate::data::{Dataset, Source};
use crate::describe::conflict_record;
use crate::exit_codes::ExitCode;
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
            let mut doc = Doc::default();
            if !args.conflicts {
                doc.heading(format!(
                    "Sources (dataset reviewed against them on {})",
                    data.info.as_of
                ));
                doc.push(Block::Records {
                    headers: vec![
                        "Source".into(),
                        "Date and currency".into(),
                        "Contributed".into(),
                    ],
                    records: sources.iter().map(source_record).collect(),
                });
            }
            doc.heading("Where the sources disagree");
            doc.push(conflict_records(data));
            doc
        },
    )?;
    Ok(found(!data.sources.is_empty()))
}

fn source_record(source: &Source) -> Record {
    let date = source.date.as_deref().unwrap_or("undated");
    let mut fields = vec![Field::new(1, "Date", date)];
    if let Some(approx) = &source.approx {
        fields.push(Field::new(1, "Approximately", approx.clone()));
    }
    if let Some(read) = &source.read {
        fields.push(Field::new(1, "Read", read.clone()));
    }
    fields.push(Field::new(1, "Currency", source.currency.clone()));
    if let Some(url) = &source.url {
        fields.push(Field::new(2, "Address", url.clone()));
    }
    fields.push(Field::new(2, "Contributed", source.contributed.clone()));
    fields.push(Field::new(2, "Id", source.id.clone()));
    Record {
        title: format!("{}: \"{}\"", source.publisher, source.title),
        fields,
    }
}

fn conflict_records(data: &Dataset) -> Block {
    let records = data
        .conflicts
        .iter()
        .map(|c| conflict_record(data, c, crate::matching::reading::Lang::En))
        .collect();
    Block::Records {
        headers: vec!["Topic".into(), "Claims, newest source first".into()],
        records,
    }
}
