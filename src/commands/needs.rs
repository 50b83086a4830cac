//! `htref needs`: the needs htref recognizes, with how people phrase them.

use super::{Context, found};
use crate::data::{List, Text};
use crate::describe::org_title;
use crate::exit_codes::ExitCode;
use crate::matching::reading::Lang;
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, Doc, Field, Record, Row};
use serde::Serialize;
use std::io::Write;

/// How many of a need's words to show in text output; JSON carries them all.
const TERMS_SHOWN: usize = 8;

#[derive(Debug, Serialize)]
pub struct NeedsJson {
    pub schema_version: u32,
    pub command: &'static str,
    pub needs: Vec<NeedJson>,
}

#[derive(Debug, Serialize)]
pub struct NeedJson {
    pub id: Text,
    pub label: Text,
    pub danger: bool,
    /// Whose question it is (`victim`, `report` or `other`): decides the answer's order.
    pub side: &'static str,
    pub examples: List<Text>,
    pub terms: List<Text>,
    pub referrals: Vec<NeedReferralJson>,
    pub no_contact: Option<Text>,
}

#[derive(Debug, Serialize)]
pub struct NeedReferralJson {
    pub organization_id: Text,
    pub why: Text,
    pub sources: List<Text>,
}

pub fn run(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let index = &ctx.index;
    let needs = &index.data.needs;
    ctx.emit(
        out,
        || NeedsJson {
            schema_version: SCHEMA_VERSION,
            command: "needs",
            needs: needs
                .iter()
                .map(|n| NeedJson {
                    id: n.id.clone(),
                    label: n.label.clone(),
                    danger: n.danger,
                    side: n.side.as_str(),
                    examples: n.examples.clone(),
                    terms: n.terms.clone(),
                    referrals: n
                        .referrals
                        .iter()
                        .map(|r| NeedReferralJson {
                            organization_id: r.org.clone(),
                            why: r.why.clone(),
                            sources: r.sources.clone(),
                        })
                        .collect(),
                    no_contact: n.no_contact.clone(),
                })
                .collect(),
        },
        || {
            let mut doc = Doc::default();
            if !ctx.style.long {
                let lang = ctx.style.lang_flag.unwrap_or(ctx.style.lang_env);
                return glance(needs, lang);
            }
            let records = needs
                .iter()
                .map(|n| {
                    let mut fields = vec![Field::new(1, "Id", n.id.clone())];
                    fields.extend(
                        n.examples
                            .iter()
                            .map(|e| Field::new(2, "Say", format!("\"{e}\""))),
                    );
                    let words: Vec<&str> = n
                        .terms
                        .iter()
                        .take(TERMS_SHOWN)
                        .map(AsRef::as_ref)
                        .collect();
                    fields.push(Field::new(2, "Words", words.join(", ")));
                    let goes_to: Vec<String> = n
                        .referrals
                        .iter()
                        .filter_map(|r| index.org_by_id(&r.org))
                        .map(|o| org_title(index, o))
                        .collect();
                    fields.push(Field::new(3, "Goes to", goes_to.join("; ")));
                    Record {
                        title: n.label.to_string(),
                        fields,
                    }
                })
                .collect();
            doc.push(Block::Records {
                headers: ["Need", "Id", "How people say it", "Goes to"]
                    .map(String::from)
                    .to_vec(),
                records,
            });
            doc.text(format!(
                "{} needs. Ask with `htref who-handles` in your own words.",
                needs.len()
            ));
            doc
        },
    )?;
    Ok(found(!needs.is_empty()))
}

/// One need a row: its label, its id, one way people say it. In Spanish the label is
/// Spanish and the English example is left out.
fn glance(needs: &[crate::data::Need], lang: Lang) -> Doc {
    let mut doc = Doc::default();
    let spanish = lang == Lang::Es;
    let rows = needs
        .iter()
        .map(|n| {
            let mut cells = vec![
                crate::describe::need_label(n, lang).to_string(),
                n.id.to_string(),
            ];
            if !spanish {
                cells.push(
                    n.examples
                        .first()
                        .map(|e| format!("\"{e}\""))
                        .unwrap_or_default(),
                );
            }
            Row { cells }
        })
        .collect();
    let headers: &[&str] = if spanish {
        &["Necesidad", "Id"]
    } else {
        &["Need", "Id", "For example"]
    };
    doc.push(Block::Rows {
        headers: headers.iter().map(|h| (*h).to_string()).collect(),
        rows,
    });
    doc.text(if spanish {
            format!(
                "{} necesidades. Pregunte con `htref who-handles` en sus propias palabras; --long muestra las palabras y las oficinas de cada una (en inglés).",
                needs.len()
            )
        } else {
            format!(
                "{} needs. Ask with `htref who-handles` in your own words; --long shows each need's words and offices.",
                needs.len()
            )
        });
    doc
}
