//! `htref show NAME`: everything htref knows about one organization.

use super::{Context, found};
use crate::cli::ShowArgs;
use crate::data::{List, Text};
use crate::describe::{
    conflict_record, contact_field, currency_line, local_field, no_number_field, org_title,
    placement, short_source_field, source_fields, verify_fields,
};
use crate::error::UsageError;
use crate::exit_codes::ExitCode;
use crate::index::{ContactRef, Index, name_key};
use crate::matching::reading::Lang;
use crate::render::json::{
    ConflictJson, ContactJson, OrgJson, OrgRefJson, SCHEMA_VERSION, SourceRefJson,
};
use crate::render::{Block, Doc, Record};
use crate::viewer::Viewer;
use serde::Serialize;
use std::io::Write;

/// How close a name must be (0 to 1, normalized Damerau-Levenshtein) to be suggested.
const SUGGEST_SIMILARITY: f64 = 0.6;
const MAX_SUGGESTIONS: usize = 3;

/// `show --json`.
#[derive(Debug, Serialize)]
pub struct ShowJson {
    pub schema_version: u32,
    pub command: &'static str,
    /// The asker the answer was written for (--as).
    pub role: &'static str,
    pub query: String,
    /// Usually one; several when the name is shared.
    pub organizations: Vec<OrgCardJson>,
    /// Close names when nothing matched.
    pub suggestions: Vec<OrgRefJson>,
    /// Organizations that each have the query as a part of a name, when more than one
    /// does (`organizations` is then empty; exit 1).
    pub candidates: Vec<OrgRefJson>,
}

#[derive(Debug, Serialize)]
pub struct OrgCardJson {
    #[serde(flatten)]
    pub org: OrgJson,
    pub alias_details: Vec<AliasJson>,
    pub independent: Option<Text>,
    /// Nearest first.
    pub ancestors: Vec<OrgRefJson>,
    pub roles: Vec<RoleJson>,
    pub contacts: Vec<ContactJson>,
    /// Lines newer official pages replace: history, never offered (each with `superseded`).
    pub superseded_contacts: Vec<ContactJson>,
    pub children: Vec<OrgRefJson>,
    pub links: Vec<LinkJson>,
    /// Ids of the needs that refer here.
    pub needs: Vec<Text>,
    pub conflicts: Vec<ConflictJson>,
    pub sources: Vec<SourceRefJson>,
}

#[derive(Debug, Serialize)]
pub struct AliasJson {
    pub name: Text,
    pub note: Text,
    pub sources: List<Text>,
}

#[derive(Debug, Serialize)]
pub struct RoleJson {
    pub text: Text,
    pub sources: List<Text>,
}

#[derive(Debug, Serialize)]
pub struct LinkJson {
    pub relation: Text,
    pub to: OrgRefJson,
    pub sources: List<Text>,
}

pub fn run(ctx: &Context, args: &ShowArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let index = &ctx.index;
    let query = args.name.join(" ");
    if name_key(&query).is_empty() {
        return Err(UsageError(
            ctx.lang()
                .say(
                    "the name is empty: give an id, name or acronym, e.g. `htref show otip`; `htref list` lists them",
                    "el nombre está vacío: dé un id, un nombre o una sigla, p. ej., `htref show otip`; `htref list` los enumera",
                )
                .into(),
        )
        .into());
    }
    // A whole name, id, acronym or old name first; else a part of one that only one
    // organization has ("Wage and Hour"). Several with that part are listed, not guessed.
    let mut orgs = index.orgs_named(&query).to_vec();
    let mut candidates = Vec::new();
    if orgs.is_empty() {
        match index.orgs_named_in_part(&query).as_slice() {
            [one] => orgs.push(*one),
            [] => {}
            many => candidates = many.to_vec(),
        }
    }
    let viewer = ctx.viewer(args.asker.asker());
    let suggestions = if orgs.is_empty() && candidates.is_empty() {
        suggest(index, &query)
    } else {
        Vec::new()
    };
    ctx.emit(
        out,
        || ShowJson {
            schema_version: SCHEMA_VERSION,
            command: "show",
            query: query.clone(),
            role: viewer.asker.as_str(),
            organizations: orgs.iter().map(|&o| card_json(index, o, &viewer)).collect(),
            suggestions: suggestions
                .iter()
                .map(|&o| OrgRefJson::new(index, o))
                .collect(),
            candidates: candidates
                .iter()
                .map(|&o| OrgRefJson::new(index, o))
                .collect(),
        },
        || {
            let lang = viewer.lang;
            let mut doc = Doc::default();
            if !candidates.is_empty() {
                return candidates_doc(ctx, &query, &candidates, lang);
            }
            if orgs.is_empty() {
                return not_found_doc(index, &query, &suggestions, lang);
            }
            for &o in &orgs {
                card_doc(ctx, &viewer, o, &mut doc);
            }
            doc.text(currency_line(
                index.data,
                ctx.today,
                ctx.style.shows_hints(),
                lang,
            ));
            doc
        },
    )?;
    Ok(found(!orgs.is_empty()))
}

/// Several organizations have the query in a name: their ids, to show one.
fn candidates_doc(ctx: &Context, query: &str, candidates: &[usize], lang: Lang) -> Doc {
    let index = &ctx.index;
    let mut doc = Doc::default();
    // The database gives its first 20 local services by name: the count is
    // of all that have it, and says when the list is not all of them.
    let listed_local = candidates
        .iter()
        .filter(|&&o| index.org(o).feed.is_some())
        .count();
    let all_local = ctx
        .local
        .db
        .as_ref()
        .and_then(|db| db.count_services_named(query).ok())
        .map_or(listed_local, |n| n.max(listed_local));
    let total = candidates.len() - listed_local + all_local;
    let query = crate::render::clip(query, 80);
    let listed = candidates.len();
    doc.text(match (lang, total > listed) {
        (Lang::En, true) => format!(
            "{total} organizations have \"{query}\" in a name; the first {listed} are listed (give more of the name), show one by its id:"
        ),
        (Lang::En, false) => format!(
            "{total} organizations have \"{query}\" in a name; show one by its id:"
        ),
        (Lang::Es, true) => format!(
            "{total} organizaciones tienen \"{query}\" en un nombre; se muestran las primeras {listed} (escriba más del nombre); muestre una por su id:"
        ),
        (Lang::Es, false) => format!(
            "{total} organizaciones tienen \"{query}\" en un nombre; muestre una por su id:"
        ),
    });
    doc.push(Block::Fields(
        candidates
            .iter()
            .map(|&o| (index.org(o).id.to_string(), org_title(index, o)))
            .collect(),
    ));
    doc
}

/// No organization has the name: the closest names, and how to list them all.
fn not_found_doc(index: &Index, query: &str, suggestions: &[usize], lang: Lang) -> Doc {
    let mut doc = Doc::default();
    let name = crate::render::clip(query, 80);
    doc.text(match lang {
        Lang::En => format!("No organization in htref's data is named \"{name}\"."),
        Lang::Es => {
            format!("Ninguna organización de los datos de htref se llama \"{name}\".")
        }
    });
    if !suggestions.is_empty() {
        let names: Vec<String> = suggestions
            .iter()
            .map(|&o| format!("{} (htref show {})", org_title(index, o), index.org(o).id))
            .collect();
        doc.text(match lang {
            Lang::En => format!("Did you mean: {}?", names.join("; ")),
            Lang::Es => format!("¿Quiso decir: {}?", names.join("; ")),
        });
    }
    doc.text(lang.say(
        "Run `htref list` to see every organization.",
        "Ejecute `htref list` para ver todas las organizaciones.",
    ));
    doc
}

/// Whether a name this long can be close enough to a key this long to be suggested. The
/// edit distance is at least the difference in length, so the similarity is at most
/// `name / key`: a key far longer than every name (a pasted page) is compared with none,
/// and costs nothing.
fn worth_comparing(key_chars: usize, name_chars: usize) -> bool {
    // Containment ("missing children" in a longer name) needs the key to be the shorter.
    let float = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
    key_chars <= name_chars || float(name_chars) >= SUGGEST_SIMILARITY * float(key_chars)
}

/// The closest names to what was typed, one per organization, best first.
fn suggest(index: &Index, query: &str) -> Vec<usize> {
    let key = name_key(query);
    let key_chars = key.chars().count();
    let mut scored: Vec<(f64, usize)> = Vec::new();
    for (name, orgs) in index.name_keys() {
        if !worth_comparing(key_chars, name.chars().count()) {
            continue;
        }
        let mut similarity = strsim::normalized_damerau_levenshtein(&key, name);
        if key.len() >= 4 && name.contains(key.as_str()) {
            similarity = similarity.max(SUGGEST_SIMILARITY);
        }
        if similarity >= SUGGEST_SIMILARITY {
            scored.extend(orgs.iter().map(|&o| (similarity, o)));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<usize> = Vec::new();
    for (_, o) in scored {
        if !out.contains(&o) {
            out.push(o);
        }
        if out.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    out
}

fn own_contacts(index: &Index, org: usize) -> Vec<ContactRef> {
    index.contacts_for(org, &[])
}

fn needs_referring(index: &Index, org: usize) -> Vec<Text> {
    let id = &index.org(org).id;
    index
        .data
        .needs
        .iter()
        .filter(|n| n.referrals.iter().any(|r| &r.org == id))
        .map(|n| n.id.clone())
        .collect()
}

fn conflicts_about<'d>(index: &Index<'d>, org: usize) -> Vec<&'d crate::data::Conflict> {
    index.data.conflicts_about(&index.org(org).id).collect()
}

fn card_json(index: &Index, org: usize, viewer: &Viewer) -> OrgCardJson {
    let o = index.org(org);
    let data = index.data;
    OrgCardJson {
        org: OrgJson::new(index, org),
        alias_details: o
            .aliases
            .iter()
            .map(|a| AliasJson {
                name: a.name.clone(),
                note: a.note.clone(),
                sources: a.sources.clone(),
            })
            .collect(),
        independent: o.independent.clone(),
        ancestors: index
            .ancestors(org)
            .into_iter()
            .map(|a| OrgRefJson::new(index, a))
            .collect(),
        roles: o
            .roles
            .iter()
            .map(|r| RoleJson {
                text: r.text.clone(),
                sources: r.sources.clone(),
            })
            .collect(),
        contacts: own_contacts(index, org)
            .into_iter()
            .map(|c| ContactJson::new(index, c, viewer))
            .collect(),
        superseded_contacts: index
            .superseded_of(org)
            .into_iter()
            .map(|c| ContactJson::new(index, c, viewer))
            .collect(),
        children: index
            .children(org)
            .iter()
            .map(|&c| OrgRefJson::new(index, c))
            .collect(),
        links: o
            .links
            .iter()
            .filter_map(|l| {
                index.org_by_id(&l.to).map(|to| LinkJson {
                    relation: l.relation.clone(),
                    to: OrgRefJson::new(index, to),
                    sources: l.sources.clone(),
                })
            })
            .collect(),
        needs: needs_referring(index, org),
        conflicts: conflicts_about(index, org)
            .into_iter()
            .map(|c| ConflictJson::new(data, c))
            .collect(),
        sources: SourceRefJson::list(data, &o.sources),
    }
}

/// The card's opening facts: id, kind, place, state, summary, old names.
fn facts(index: &Index, org: usize, lang: Lang) -> Vec<(String, String)> {
    let o = index.org(org);
    let es = lang == Lang::Es;
    let say = |en: &'static str, es: &'static str| lang.say(en, es).to_string();
    let mut facts = vec![("Id".to_string(), o.id.to_string())];
    facts.push((say("Kind", "Tipo"), o.kind.said(es).to_string()));
    match o.independent_in(es) {
        Some(why) if o.parent.is_none() => {
            facts.push((say("Independent", "Independiente"), why.to_string()));
        }
        _ => {
            let place = placement(index, org, lang);
            facts.push((place.label.unwrap_or_default(), place.value));
        }
    }
    if let Some(state) = &o.state {
        facts.push((say("State", "Estado"), state.to_string()));
    }
    if let Some(area) = &o.service_area {
        facts.push((say("Service area", "Zona de servicio"), area.to_string()));
    }
    if let Some(local) = local_field(index, org, 0, lang) {
        facts.push(("Local".to_string(), local.value));
    }
    facts.push((say("Summary", "Resumen"), o.summary_in(es).to_string()));
    for alias in o.aliases.iter() {
        facts.push((
            say("Also known as", "También conocida como"),
            format!("{} ({})", alias.name, alias.note_in(es)),
        ));
    }
    facts
}

/// The card's history: lines newer official pages replace, with what they say instead.
fn push_history(ctx: &Context, viewer: &Viewer, org: usize, doc: &mut Doc) {
    let index = &ctx.index;
    let data = index.data;
    let lang = viewer.lang;
    let history: Vec<Record> = index
        .superseded_of(org)
        .iter()
        .map(|&c| {
            let old = index.contact(c).superseded.as_ref();
            let mut fields = vec![contact_field(ctx, viewer, c, 1)];
            fields.extend(short_source_field(data, &index.contact(c).sources, 1, lang));
            if let Some(old) = old {
                fields.extend(
                    short_source_field(data, &old.sources, 1, lang).map(|mut f| {
                        f.label = Some(lang.say("Superseded by", "Reemplazada por").to_string());
                        f
                    }),
                );
            }
            let label = index.contact(c).label_in(lang == Lang::Es);
            Record {
                title: format!(
                    "{}: {label}",
                    lang.say("No longer offered", "Ya no se ofrece")
                ),
                fields,
            }
        })
        .collect();
    if !history.is_empty() {
        doc.push(Block::Records {
            headers: vec![
                lang.say("Former line", "Línea anterior").to_string(),
                lang.say("Details", "Detalles").to_string(),
            ],
            records: history,
        });
    }
}

fn card_doc(ctx: &Context, viewer: &Viewer, org: usize, doc: &mut Doc) {
    let index = &ctx.index;
    let o = index.org(org);
    let data = index.data;
    let lang = viewer.lang;
    let es = lang == Lang::Es;
    let say = |en: &'static str, es: &'static str| lang.say(en, es).to_string();
    doc.heading(org_title(index, org));
    doc.push(Block::Fields(facts(index, org, lang)));

    let roles = o
        .roles
        .iter()
        .map(|r| Record {
            title: r.text_in(es).to_string(),
            fields: short_source_field(data, &r.sources, 1, lang)
                .into_iter()
                .collect(),
        })
        .collect();
    doc.push(Block::Records {
        headers: vec![say("What it does", "Qué hace"), say("Source", "Fuente")],
        records: roles,
    });

    let contacts = own_contacts(index, org);
    let contact_records: Vec<Record> = if contacts.is_empty() {
        vec![Record {
            title: say("Contact", "Contacto"),
            fields: vec![no_number_field(index, org, 1, lang)],
        }]
    } else {
        contacts
            .iter()
            .map(|&c| {
                let mut fields = vec![contact_field(ctx, viewer, c, 1)];
                fields.extend(verify_fields(ctx, viewer, &[c], &[], 1));
                fields.extend(short_source_field(data, &index.contact(c).sources, 1, lang));
                Record {
                    title: index.contact(c).label_in(es).to_string(),
                    fields,
                }
            })
            .collect()
    };
    doc.push(Block::Records {
        headers: vec![say("Contact", "Contacto"), say("Details", "Detalles")],
        records: contact_records,
    });
    push_history(ctx, viewer, org, doc);

    let mut related: Vec<(String, String)> = index
        .children(org)
        .iter()
        .map(|&c| (say("Under it", "Dentro de ella"), org_title(index, c)))
        .collect();
    for link in o.links.iter() {
        if let Some(to) = index.org_by_id(&link.to) {
            related.push((capitalize(link.relation_in(es)), org_title(index, to)));
        }
    }
    for need in needs_referring(index, org) {
        if let Some(n) = index.need_by_id(&need) {
            related.push((
                say("Referred for", "Recomendada para"),
                crate::describe::need_label(&data.needs[n], lang).to_string(),
            ));
        }
    }
    if !related.is_empty() {
        doc.push(Block::Fields(related));
    }

    let conflicts: Vec<Record> = conflicts_about(index, org)
        .into_iter()
        .map(|c| conflict_record(data, c, lang))
        .collect();
    if !conflicts.is_empty() {
        doc.push(Block::Records {
            headers: vec![
                say("Sources disagree on", "Las fuentes no coinciden en"),
                say(
                    "Claims, newest source first",
                    "Afirmaciones, la fuente más reciente primero",
                ),
            ],
            records: conflicts,
        });
    }
    let sources = source_fields(data, &o.sources, 0, lang);
    doc.push(Block::Fields(
        sources
            .into_iter()
            .map(|f| (f.label.unwrap_or_default(), f.value))
            .collect(),
    ));
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{SUGGEST_SIMILARITY, worth_comparing};

    #[test]
    fn a_key_far_longer_than_a_name_is_never_compared() {
        assert!(worth_comparing(10, 40));
        assert!(worth_comparing(40, 40));
        assert!(
            !worth_comparing(1_000_000, 120),
            "a pasted page is compared with no name"
        );
        // The bound is exact: at the threshold the pair is still compared.
        let key = 100_u32;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let name = (SUGGEST_SIMILARITY * f64::from(key)).ceil() as usize;
        let key = key as usize;
        assert!(worth_comparing(key, name));
        assert!(!worth_comparing(key, name - 1));
    }
}
