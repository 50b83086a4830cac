//! `htref list`: every organization, as a tree by department or as a flat table.

use super::{Context, found};
use crate::cli::{KindArg, ListArgs};
use crate::data::{OrgKind, Text};
use crate::describe::{currency_line, org_title};
use crate::error::UsageError;
use crate::exit_codes::ExitCode;
use crate::index::Index;
use crate::matching::reading::Lang;
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, Doc, Row};
use serde::Serialize;
use std::io::Write;

/// `list --json`.
#[derive(Debug, Serialize)]
pub struct ListJson {
    pub schema_version: u32,
    pub command: &'static str,
    /// In tree order: each department followed by what sits under it, then the rest.
    pub organizations: Vec<ListedOrgJson>,
}

#[derive(Debug, Serialize)]
pub struct ListedOrgJson {
    pub id: Text,
    pub name: Text,
    pub acronym: Option<Text>,
    pub kind: &'static str,
    pub parent: Option<Text>,
    pub department: Option<Text>,
    /// 0 for a department or independent body, 1 for what sits directly under it, ...
    pub depth: usize,
    /// How many contacts (numbers and channels) the sources give it.
    pub contacts: usize,
    /// The overlay file a local entry came from; null for bundled ones.
    pub local_file: Option<Text>,
}

pub fn kind_of(arg: KindArg) -> OrgKind {
    match arg {
        KindArg::Department => OrgKind::Department,
        KindArg::Agency => OrgKind::Agency,
        KindArg::Office => OrgKind::Office,
        KindArg::Program => OrgKind::Program,
        KindArg::Initiative => OrgKind::Initiative,
        KindArg::Campaign => OrgKind::Campaign,
        KindArg::TaskForce => OrgKind::TaskForce,
        KindArg::Hotline => OrgKind::Hotline,
        KindArg::Interagency => OrgKind::Interagency,
        KindArg::Partner => OrgKind::Partner,
    }
}

/// Organizations in tree order with their depth: roots in data order, children under them.
fn tree_order(index: &Index) -> Vec<(usize, usize)> {
    fn walk(index: &Index, org: usize, depth: usize, out: &mut Vec<(usize, usize)>) {
        out.push((org, depth));
        for &child in index.children(org) {
            walk(index, child, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    let roots = (0..index.data.organizations.len()).filter(|&o| index.parent(o).is_none());
    // Departments first, then independent bodies, each in data order.
    let (departments, others): (Vec<usize>, Vec<usize>) =
        roots.partition(|&o| index.org(o).kind == OrgKind::Department);
    for root in departments.into_iter().chain(others) {
        walk(index, root, 0, &mut out);
    }
    out
}

pub fn run(ctx: &Context, args: &ListArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let index = &ctx.index;
    let department = match &args.department {
        Some(name) => {
            let found = index
                .orgs_named(name)
                .iter()
                .copied()
                .find(|&o| index.org(o).kind == OrgKind::Department);
            Some(found.ok_or_else(|| {
                let name = crate::render::clip(name, 40);
                UsageError(match ctx.lang() {
                    Lang::En => format!(
                        "`{name}` is not a department; try an id or acronym such as hhs, dhs, doj, dol, dos (`htref list --kind department`)"
                    ),
                    Lang::Es => format!(
                        "`{name}` no es un departamento; pruebe un id o una sigla como hhs, dhs, doj, dol, dos (`htref list --kind department`)"
                    ),
                })
            })?)
        }
        None => None,
    };
    let kind = args.kind.map(kind_of);
    let filtering = kind.is_some() || department.is_some();
    let rows: Vec<(usize, usize)> = tree_order(index)
        .into_iter()
        .filter(|&(o, _)| kind.is_none_or(|k| index.org(o).kind == k))
        .filter(|&(o, _)| department.is_none_or(|d| index.department(o) == Some(d)))
        .collect();
    ctx.emit(
        out,
        || ListJson {
            schema_version: SCHEMA_VERSION,
            command: "list",
            organizations: rows
                .iter()
                .map(|&(o, depth)| {
                    let org = index.org(o);
                    ListedOrgJson {
                        id: org.id.clone(),
                        name: org.name.clone(),
                        acronym: org.acronym.clone(),
                        kind: org.kind.as_str(),
                        parent: org.parent.clone(),
                        department: index.department(o).map(|d| index.org(d).id.clone()),
                        depth,
                        contacts: org.contacts.len(),
                        local_file: org.origin.clone(),
                    }
                })
                .collect(),
        },
        || {
            let lang = ctx.lang();
            let mut doc = Doc::default();
            if args.flat || filtering {
                doc.push(flat_table(index, &rows, lang));
            } else {
                doc.text(tree_lines(index, &rows, lang));
            }
            let currency = currency_line(index.data, ctx.today, ctx.style.shows_hints(), lang);
            doc.text(match lang {
                Lang::En => format!("{} organizations. {currency}", rows.len()),
                Lang::Es => format!("{} organizaciones. {currency}", rows.len()),
            });
            doc
        },
    )?;
    Ok(found(!rows.is_empty()))
}

/// Every listed organization as a row of at most two lines: name, id (with its kind and
/// contact count), parent, and the local file where one is among them. Cells carry values
/// only: the headers name them.
fn flat_table(index: &Index, rows: &[(usize, usize)], lang: Lang) -> Block {
    let es = lang == Lang::Es;
    let any_local = rows.iter().any(|&(o, _)| index.org(o).origin.is_some());
    let rows = rows
        .iter()
        .map(|&(o, _)| {
            let org = index.org(o);
            let part_of = index
                .parent(o)
                .map_or_else(|| "-".to_string(), |p| org_title(index, p));
            // The id to type first; its kind and how many contacts it has under it.
            let contacts = match (lang, org.contacts.len()) {
                (Lang::En, 1) => "1 contact".to_string(),
                (Lang::En, n) => format!("{n} contacts"),
                (Lang::Es, 1) => "1 contacto".to_string(),
                (Lang::Es, n) => format!("{n} contactos"),
            };
            let mut cells = vec![
                org_title(index, o),
                format!("{}\n{}, {contacts}", org.id, org.kind.said(es)),
                part_of,
            ];
            if any_local {
                cells.push(org.origin.as_deref().unwrap_or("-").to_string());
            }
            Row::new(cells)
        })
        .collect();
    let mut headers: Vec<String> = [
        lang.say("Organization", "Organización"),
        "Id",
        lang.say("Part of", "Parte de"),
    ]
    .map(String::from)
    .to_vec();
    if any_local {
        headers.push(lang.say("Local file", "Archivo local").to_string());
    }
    Block::Rows { headers, rows }
}

/// The tree, indented two spaces a level, one organization a line.
fn tree_lines(index: &Index, rows: &[(usize, usize)], lang: Lang) -> String {
    let lines: Vec<String> = rows
        .iter()
        .map(|&(o, depth)| {
            let org = index.org(o);
            let local = org
                .origin
                .as_deref()
                .map(|file| format!(", local: {file}"))
                .unwrap_or_default();
            format!(
                "{}{} [{}, {}{local}]",
                "  ".repeat(depth),
                org_title(index, o),
                org.kind.said(lang == Lang::Es),
                org.id
            )
        })
        .collect();
    lines.join("\n")
}
