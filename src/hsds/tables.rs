//! HSDS 3.0's tabular form: the same organizations, services, phones, schedules and
//! languages as the JSON export, one CSV per table with the specification's own column
//! names, and a `datapackage.json` that names them, their keys and how they refer to each
//! other. Most directory software imports this form.

use super::export::HsdsOrganization;
use serde_json::json;

use std::path::Path;

/// One table of the package: its HSDS resource name, file, columns and rows.
struct Table {
    resource: &'static str,
    path: &'static str,
    columns: &'static [&'static str],
    /// (column, resource it refers to)
    references: &'static [(&'static str, &'static str)],
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(
        resource: &'static str,
        path: &'static str,
        columns: &'static [&'static str],
        references: &'static [(&'static str, &'static str)],
    ) -> Table {
        Table {
            resource,
            path,
            columns,
            references,
            rows: Vec::new(),
        }
    }

    /// Adds a row given as (column, value) pairs; columns not given stay empty.
    fn push(&mut self, cells: &[(&str, &str)]) {
        let row = self
            .columns
            .iter()
            .map(|column| {
                cells
                    .iter()
                    .find(|(c, _)| c == column)
                    .map_or_else(String::new, |(_, v)| (*v).to_string())
            })
            .collect();
        self.rows.push(row);
    }

    fn write_csv(&self, dir: &Path) -> std::io::Result<()> {
        let mut csv = csv::Writer::from_path(dir.join(self.path))?;
        csv.write_record(self.columns)?;
        for row in &self.rows {
            csv.write_record(row.iter().map(|c| super::spreadsheet_cell(c)))?;
        }
        csv.flush()
    }

    fn descriptor(&self) -> serde_json::Value {
        let fields: Vec<serde_json::Value> = self
            .columns
            .iter()
            .map(|c| json!({ "name": c, "type": "string" }))
            .collect();
        let foreign_keys: Vec<serde_json::Value> = self
            .references
            .iter()
            .map(|(column, resource)| {
                json!({ "fields": column, "reference": { "resource": resource, "fields": "id" } })
            })
            .collect();
        json!({
            "name": self.resource,
            "path": self.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": { "fields": fields, "primaryKey": "id", "foreignKeys": foreign_keys },
        })
    }
}

/// The five tables the export fills.
struct Package {
    organizations: Table,
    services: Table,
    phones: Table,
    schedules: Table,
    languages: Table,
}

impl Package {
    fn new() -> Package {
        Package {
            organizations: Table::new(
                "organization",
                "organizations.csv",
                &[
                    "id",
                    "name",
                    "alternate_name",
                    "description",
                    "parent_organization_id",
                ],
                &[],
            ),
            services: Table::new(
                "service",
                "services.csv",
                &[
                    "id",
                    "organization_id",
                    "name",
                    "description",
                    "url",
                    "email",
                    "status",
                    "eligibility_description",
                ],
                &[("organization_id", "organization")],
            ),
            phones: Table::new(
                "phone",
                "phones.csv",
                &["id", "service_id", "number", "type", "description"],
                &[("service_id", "service")],
            ),
            schedules: Table::new(
                "schedule",
                "schedules.csv",
                &[
                    "id",
                    "service_id",
                    "freq",
                    "byday",
                    "description",
                    "opens_at",
                    "closes_at",
                ],
                &[("service_id", "service")],
            ),
            languages: Table::new(
                "language",
                "languages.csv",
                &["id", "service_id", "phone_id", "name", "code"],
                &[("service_id", "service"), ("phone_id", "phone")],
            ),
        }
    }

    /// One organization's rows: its own, and its services', phones', schedules' and
    /// languages'.
    fn add(&mut self, org: &HsdsOrganization) {
        self.organizations.push(&[
            ("id", &org.id),
            ("name", &org.name),
            ("alternate_name", text(org.alternate_name.as_deref())),
            ("description", &org.description),
            (
                "parent_organization_id",
                text(org.parent_organization_id.as_deref()),
            ),
        ]);
        for service in &org.services {
            self.services.push(&[
                ("id", &service.id),
                ("organization_id", &service.organization_id),
                ("name", &service.name),
                ("description", &service.description),
                ("url", text(service.url.as_deref())),
                ("email", text(service.email.as_deref())),
                ("status", service.status),
                (
                    "eligibility_description",
                    text(service.eligibility_description.as_deref()),
                ),
            ]);
            for language in &service.languages {
                self.languages.push(&[
                    ("id", &language.id),
                    ("service_id", &service.id),
                    ("name", &language.name),
                    ("code", text(language.code)),
                ]);
            }
            for phone in &service.phones {
                self.phones.push(&[
                    ("id", &phone.id),
                    ("service_id", &phone.service_id),
                    ("number", &phone.number),
                    ("type", phone.kind),
                    ("description", &phone.description),
                ]);
                for language in &phone.languages {
                    self.languages.push(&[
                        ("id", &language.id),
                        ("phone_id", &phone.id),
                        ("name", &language.name),
                        ("code", text(language.code)),
                    ]);
                }
            }
            for schedule in &service.schedules {
                self.schedules.push(&[
                    ("id", &schedule.id),
                    ("service_id", &schedule.service_id),
                    ("freq", text(schedule.freq)),
                    ("byday", text(schedule.byday)),
                    ("description", &schedule.description),
                    ("opens_at", text(schedule.opens_at)),
                    ("closes_at", text(schedule.closes_at)),
                ]);
            }
        }
    }

    fn tables(&self) -> [&Table; 5] {
        [
            &self.organizations,
            &self.services,
            &self.phones,
            &self.schedules,
            &self.languages,
        ]
    }
}

/// An optional value as a cell: empty when there is none.
fn text(value: Option<&str>) -> &str {
    value.unwrap_or_default()
}

/// Writes the package into `dir`: into a fresh folder beside it first, renamed into place
/// once every file is written, so a link planted in `dir` is never followed and a failure
/// leaves no half package. A `dir` that is not empty is replaced only with `force`.
pub fn write_package(
    organizations: &[HsdsOrganization],
    dir: &Path,
    force: bool,
) -> anyhow::Result<()> {
    let shown = crate::render::path(dir);
    if let Ok(meta) = std::fs::symlink_metadata(dir) {
        if meta.file_type().is_symlink() || !meta.is_dir() {
            return Err(crate::error::UsageError(format!(
                "--output {shown} is not a folder (a file or a link): give a new or empty folder"
            ))
            .into());
        }
        let empty = std::fs::read_dir(dir)
            .map_err(|e| anyhow::anyhow!("--output {shown}: {e}"))?
            .next()
            .is_none();
        if !empty && !force {
            return Err(crate::error::UsageError(format!(
                "--output {shown} is not empty: give --force to replace it, or a new or empty folder"
            ))
            .into());
        }
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let staging = tempfile::Builder::new()
        .prefix(".htref-export-")
        .tempdir_in(parent)
        .map_err(|e| anyhow::anyhow!("cannot make a folder beside {shown}: {e}"))?;
    write_files(organizations, staging.path())?;
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot replace {shown}: {e}"))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staged);
        anyhow::anyhow!("cannot move the package into {shown}: {e}")
    })?;
    Ok(())
}

/// The package's files, written into a folder htref just made.
fn write_files(organizations: &[HsdsOrganization], dir: &Path) -> anyhow::Result<()> {
    let mut package = Package::new();
    for org in organizations {
        package.add(org);
    }
    for table in package.tables() {
        table.write_csv(dir).map_err(|e| {
            anyhow::anyhow!(
                "writing {}: {e}",
                crate::render::path(&dir.join(table.path))
            )
        })?;
    }
    let descriptor = json!({
        "name": "htref-hsds",
        "title": "htref: U.S. federal offices for human-trafficking needs, as HSDS 3.0",
        "profile": "tabular-data-package",
        "version": env!("CARGO_PKG_VERSION"),
        "created": env!("HTREF_DATA_AS_OF"),
        "resources": package.tables().map(Table::descriptor),
    });
    let path = dir.join("datapackage.json");
    let mut file = std::fs::File::create(&path)
        .map_err(|e| anyhow::anyhow!("writing {}: {e}", crate::render::path(&path)))?;
    crate::render::json::write(&descriptor, &mut file)
        .map_err(|e| anyhow::anyhow!("writing {}: {e}", crate::render::path(&path)))
}
