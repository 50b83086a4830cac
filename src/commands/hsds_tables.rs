//! HSDS 3.0's tabular form: the same organizations, services, phones, schedules and
//! languages as the JSON export, one CSV per table with the specification's own column
//! names, and a `datapackage.json` that names them, their keys and how they refer to each
//! other. Most directory software imports this form.

use super::export::{HsdsOrganization, csv_cell};
use serde_json::json;
use std::io::Write;
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
        let mut file = std::io::BufWriter::new(std::fs::File::create(dir.join(self.path))?);
        writeln!(file, "{}", self.columns.join(","))?;
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
            writeln!(file, "{}", cells.join(","))?;
        }
        file.flush()
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

/// Writes the package into `dir` (created if missing).
pub(super) fn write_package(organizations: &[HsdsOrganization], dir: &Path) -> std::io::Result<()> {
    let mut orgs = Table::new(
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
    );
    let mut services = Table::new(
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
    );
    let mut phones = Table::new(
        "phone",
        "phones.csv",
        &["id", "service_id", "number", "type", "description"],
        &[("service_id", "service")],
    );
    let mut schedules = Table::new(
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
    );
    let mut languages = Table::new(
        "language",
        "languages.csv",
        &["id", "service_id", "phone_id", "name", "code"],
        &[("service_id", "service"), ("phone_id", "phone")],
    );
    let text = |value: Option<&str>| value.unwrap_or_default().to_string();
    for org in organizations {
        let (alternate, parent) = (
            text(org.alternate_name.as_deref()),
            text(org.parent_organization_id.as_deref()),
        );
        orgs.push(&[
            ("id", &org.id),
            ("name", &org.name),
            ("alternate_name", &alternate),
            ("description", &org.description),
            ("parent_organization_id", &parent),
        ]);
        for service in &org.services {
            let (url, email, eligibility) = (
                text(service.url.as_deref()),
                text(service.email.as_deref()),
                text(service.eligibility_description.as_deref()),
            );
            services.push(&[
                ("id", &service.id),
                ("organization_id", &service.organization_id),
                ("name", &service.name),
                ("description", &service.description),
                ("url", &url),
                ("email", &email),
                ("status", service.status),
                ("eligibility_description", &eligibility),
            ]);
            for language in &service.languages {
                let code = text(language.code);
                languages.push(&[
                    ("id", &language.id),
                    ("service_id", &service.id),
                    ("name", &language.name),
                    ("code", &code),
                ]);
            }
            for phone in &service.phones {
                phones.push(&[
                    ("id", &phone.id),
                    ("service_id", &phone.service_id),
                    ("number", &phone.number),
                    ("type", phone.kind),
                    ("description", &phone.description),
                ]);
                for language in &phone.languages {
                    let code = text(language.code);
                    languages.push(&[
                        ("id", &language.id),
                        ("phone_id", &phone.id),
                        ("name", &language.name),
                        ("code", &code),
                    ]);
                }
            }
            for schedule in &service.schedules {
                schedules.push(&[
                    ("id", &schedule.id),
                    ("service_id", &schedule.service_id),
                    ("freq", schedule.freq.unwrap_or_default()),
                    ("byday", schedule.byday.unwrap_or_default()),
                    ("description", &schedule.description),
                    ("opens_at", schedule.opens_at.unwrap_or_default()),
                    ("closes_at", schedule.closes_at.unwrap_or_default()),
                ]);
            }
        }
    }
    let tables = [orgs, services, phones, schedules, languages];
    std::fs::create_dir_all(dir)?;
    for table in &tables {
        table.write_csv(dir)?;
    }
    let package = json!({
        "name": "htref-hsds",
        "title": "htref: U.S. federal offices for human-trafficking needs, as HSDS 3.0",
        "profile": "tabular-data-package",
        "version": env!("CARGO_PKG_VERSION"),
        "created": env!("HTREF_DATA_AS_OF"),
        "resources": tables.iter().map(Table::descriptor).collect::<Vec<_>>(),
    });
    let mut file = std::fs::File::create(dir.join("datapackage.json"))?;
    crate::render::json::write(&package, &mut file)
}
