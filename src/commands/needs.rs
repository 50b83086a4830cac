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
            let lang = ctx.lang();
            if !ctx.style.long {
                return glance(needs, lang);
            }
            let spanish = lang == Lang::Es;
            let records = needs
                .iter()
                .map(|n| {
                    let mut fields = vec![Field::new(1, "Id", n.id.clone())];
                    // Spanish says the need in Spanish; the words the matcher knows are
                    // mostly English, and a Spanish answer leaves them to `--json`.
                    let examples = if spanish { &n.examples_es } else { &n.examples };
                    fields.extend(
                        examples
                            .iter()
                            .map(|e| Field::new(2, lang.say("Say", "Diga"), format!("\"{e}\""))),
                    );
                    if !spanish {
                        let words: Vec<&str> = n
                            .terms
                            .iter()
                            .take(TERMS_SHOWN)
                            .map(AsRef::as_ref)
                            .collect();
                        fields.push(Field::new(2, "Words", words.join(", ")));
                    }
                    let goes_to: Vec<String> = n
                        .referrals
                        .iter()
                        .filter_map(|r| index.org_by_id(&r.org))
                        .map(|o| org_title(index, o))
                        .collect();
                    fields.push(Field::new(
                        3,
                        lang.say("Goes to", "Va a"),
                        goes_to.join("; "),
                    ));
                    Record {
                        title: crate::describe::need_label(n, lang).to_string(),
                        fields,
                    }
                })
                .collect();
            let headers = if spanish {
                ["Necesidad", "Id", "Cómo se dice", "Va a"]
            } else {
                ["Need", "Id", "How people say it", "Goes to"]
            };
            doc.push(Block::Records {
                headers: headers.map(String::from).to_vec(),
                records,
            });
            doc.text(match lang {
                Lang::En => format!(
                    "{} needs. Ask with `htref who-handles` in your own words.",
                    needs.len()
                ),
                Lang::Es => format!(
                    "{} necesidades. Pregunte con `htref who-handles` en sus propias palabras.",
                    needs.len()
                ),
            });
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
            Row::new(cells)
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
                "{} necesidades. Pregunte con `htref who-handles` en sus propias palabras; --long muestra cómo se dice cada una y sus oficinas.",
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
