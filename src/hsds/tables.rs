//! HSDS 3.0's tabular form: the same organizations, services, phones, schedules and
//! languages as the JSON export, one CSV per table with the specification's own column
//! names, and a `datapackage.json` that names them, their keys and how they refer to each
//! other. Most directory software imports this form.

use super::export::HsdsOrganization;
use serde_json::json;

use std::io::Write as _;
use std::path::Path;

/// One table of the package: its HSDS resource name, file and columns, and once the
/// package is being written, the CSV file its rows go into as they come.
struct Table {
    resource: &'static str,
    path: &'static str,
    columns: &'static [&'static str],
    /// (column, resource it refers to)
    references: &'static [(&'static str, &'static str)],
    file: Option<csv::Writer<std::fs::File>>,
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
            file: None,
        }
    }

    /// Makes the table's file in `dir`, its header first.
    fn create(&mut self, dir: &Path) -> anyhow::Result<()> {
        let path = dir.join(self.path);
        let mut file = csv::Writer::from_path(&path).map_err(|e| writing(&path, e))?;
        file.write_record(self.columns)
            .map_err(|e| writing(&path, e))?;
        self.file = Some(file);
        Ok(())
    }

    /// Writes a row given as (column, value) pairs; columns not given stay empty.
    fn push(&mut self, cells: &[(&str, &str)]) -> anyhow::Result<()> {
        let Some(file) = &mut self.file else {
            return Ok(());
        };
        let row = self.columns.iter().map(|column| {
            let value = cells
                .iter()
                .find(|(c, _)| c == column)
                .map_or("", |(_, v)| v);
            super::spreadsheet_cell(value)
        });
        // The path in the staging folder would mean nothing to the user: the table's name.
        file.write_record(row)
            .map_err(|e| anyhow::anyhow!("writing {}: {e}", self.path))
    }

    fn finish(&mut self, dir: &Path) -> anyhow::Result<()> {
        match self.file.take() {
            Some(mut file) => file.flush().map_err(|e| writing(&dir.join(self.path), e)),
            None => Ok(()),
        }
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

/// The five tables the export fills, written row by row as organizations come
/// ([`write_package`]), so a database of any size is never whole in memory.
pub struct Package {
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
    pub fn add(&mut self, org: &HsdsOrganization) -> anyhow::Result<()> {
        self.organizations.push(&[
            ("id", &org.id),
            ("name", &org.name),
            ("alternate_name", text(org.alternate_name.as_deref())),
            ("description", &org.description),
            (
                "parent_organization_id",
                text(org.parent_organization_id.as_deref()),
            ),
        ])?;
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
            ])?;
            for language in &service.languages {
                self.languages.push(&[
                    ("id", &language.id),
                    ("service_id", &service.id),
                    ("name", &language.name),
                    ("code", text(language.code)),
                ])?;
            }
            for phone in &service.phones {
                self.phones.push(&[
                    ("id", &phone.id),
                    ("service_id", &phone.service_id),
                    ("number", &phone.number),
                    ("type", phone.kind),
                    ("description", &phone.description),
                ])?;
                for language in &phone.languages {
                    self.languages.push(&[
                        ("id", &language.id),
                        ("phone_id", &phone.id),
                        ("name", &language.name),
                        ("code", text(language.code)),
                    ])?;
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
                ])?;
            }
        }
        Ok(())
    }

    fn tables_mut(&mut self) -> [&mut Table; 5] {
        [
            &mut self.organizations,
            &mut self.services,
            &mut self.phones,
            &mut self.schedules,
            &mut self.languages,
        ]
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

/// The file that marks a folder as an export of htref's: it names htref and the files it
/// wrote, so `--force` replaces those and nothing else.
pub const MANIFEST: &str = "htref-export.json";

/// Every file a package can hold besides the manifest: no manifest may name another, so a
/// forged one cannot make htref delete a file it never writes.
fn package_files() -> Vec<&'static str> {
    let mut files: Vec<&str> = Package::new().tables().iter().map(|t| t.path).collect();
    files.push("datapackage.json");
    files
}

/// What the manifest says.
#[derive(serde::Serialize, serde::Deserialize)]
struct Manifest {
    written_by: String,
    version: String,
    files: Vec<String>,
}

/// What `--output` names now, and what htref may remove from it.
enum Existing {
    Missing,
    /// A folder htref may replace: empty, or an export of htref's holding only these files
    /// (the manifest among them).
    Replaceable(Vec<String>),
}

fn refuse(why: String) -> anyhow::Error {
    crate::error::UsageError(why).into()
}

/// Whether `dir` may be replaced: missing, empty, or (with `force`) an earlier export of
/// htref's holding nothing but the regular files its manifest names. Anything else is
/// refused with one line naming what is in the way.
fn existing(dir: &Path, force: bool) -> anyhow::Result<Existing> {
    let shown = crate::render::path(dir);
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Missing),
        Err(e) => return Err(anyhow::anyhow!("--output {shown}: {e}")),
    };
    if meta.file_type().is_symlink() || !meta.is_dir() {
        return Err(refuse(format!(
            "--output {shown} is not a folder (a file or a link): give a new or empty folder"
        )));
    }
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("--output {shown}: {e}"))? {
        let entry = entry.map_err(|e| anyhow::anyhow!("--output {shown}: {e}"))?;
        names.push(entry.file_name());
    }
    if names.is_empty() {
        return Ok(Existing::Replaceable(Vec::new()));
    }
    if !force {
        return Err(refuse(format!(
            "--output {shown} is not empty: give --force to replace an earlier htref export there, or a new or empty folder"
        )));
    }
    let Some(manifest) = read_manifest(&dir.join(MANIFEST)) else {
        return Err(refuse(format!(
            "--output {shown} is not empty and holds no {MANIFEST} from an htref export: htref replaces only its own export; give a new or empty folder"
        )));
    };
    let known = package_files();
    if let Some(odd) = manifest.files.iter().find(|f| !known.contains(&f.as_str())) {
        return Err(refuse(format!(
            "--output {shown}: its {MANIFEST} names {}, a file htref never writes; give a new or empty folder",
            crate::render::one_line(odd)
        )));
    }
    for name in &names {
        let name_text = name.to_string_lossy();
        let listed = name_text == MANIFEST || manifest.files.iter().any(|f| *f == name_text);
        let regular = std::fs::symlink_metadata(dir.join(name)).is_ok_and(|m| m.is_file());
        if !listed || !regular {
            return Err(refuse(format!(
                "--output {shown} holds {}, which htref did not write: move it out, or give a new or empty folder",
                crate::render::one_line(&name_text)
            )));
        }
    }
    Ok(Existing::Replaceable(
        names
            .into_iter()
            .map(|n| n.to_string_lossy().into_owned())
            .collect(),
    ))
}

/// The manifest of an earlier export, when `path` is a regular file that is one.
fn read_manifest(path: &Path) -> Option<Manifest> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    // A manifest is a few hundred bytes: a large file there is not one.
    if !meta.is_file() || meta.len() > 64 * 1024 {
        return None;
    }
    let manifest: Manifest = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    (manifest.written_by == "htref").then_some(manifest)
}

/// Writes the package into `dir`: into a fresh folder beside it first, renamed into place
/// once every file is written, so a link planted in `dir` is never followed and a failure
/// leaves no half package. A `dir` that is not empty is replaced only with `force`, and only
/// when it is an earlier export of htref's holding nothing but the files its manifest names:
/// htref never deletes a file it did not write.
///
/// `fill` adds the organizations to the package, one at a time.
pub fn write_package(
    dir: &Path,
    force: bool,
    fill: impl FnOnce(&mut Package) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let shown = crate::render::path(dir);
    let existing = existing(dir, force)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let beside = |prefix: &str| {
        tempfile::Builder::new()
            .prefix(prefix)
            .tempdir_in(parent)
            .map_err(|e| anyhow::anyhow!("cannot make a folder beside {shown}: {e}"))
    };
    let staging = beside(".htref-export-")?;
    write_files(staging.path(), fill)?;
    let Existing::Replaceable(old_files) = existing else {
        let staged = staging.keep();
        return std::fs::rename(&staged, dir).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staged);
            anyhow::anyhow!("cannot move the package into {shown}: {e}")
        });
    };
    // The old folder moves aside whole (a rename never follows a link), the new one takes
    // its place, and only then are the old files removed, one by one by name: if anything
    // fails on the way, the old export is put back as it was.
    let aside = beside(".htref-old-")?.keep();
    let old = aside.join("old");
    if let Err(e) = std::fs::rename(dir, &old) {
        let _ = std::fs::remove_dir(&aside);
        return Err(anyhow::anyhow!("cannot replace {shown}: {e}"));
    }
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, dir) {
        let _ = std::fs::rename(&old, dir);
        let _ = std::fs::remove_dir(&aside);
        let _ = std::fs::remove_dir_all(&staged);
        return Err(anyhow::anyhow!("cannot move the package into {shown}: {e}"));
    }
    for name in &old_files {
        let _ = std::fs::remove_file(old.join(name));
    }
    // remove_dir, never remove_dir_all: a file that appeared since the check stays.
    if std::fs::remove_dir(&old)
        .and_then(|()| std::fs::remove_dir(&aside))
        .is_err()
    {
        let _ = writeln!(
            std::io::stderr(),
            "htref: warning: the earlier export was replaced, but {} could not be removed; remove it by hand",
            crate::render::path(&aside)
        );
    }
    Ok(())
}

/// The package's files, written into a folder htref just made.
fn write_files(
    dir: &Path,
    fill: impl FnOnce(&mut Package) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut package = Package::new();
    for table in package.tables_mut() {
        table.create(dir)?;
    }
    fill(&mut package)?;
    for table in package.tables_mut() {
        table.finish(dir)?;
    }
    let descriptor = json!({
        "name": "htref-hsds",
        "title": "htref: U.S. federal offices for human-trafficking needs, as HSDS 3.0",
        "profile": "tabular-data-package",
        "version": env!("CARGO_PKG_VERSION"),
        "created": env!("HTREF_DATA_AS_OF"),
        "resources": package.tables().map(Table::descriptor),
    });
    write_json(&dir.join("datapackage.json"), &descriptor)?;
    // Last, so a folder holding a manifest holds the whole package.
    let manifest = Manifest {
        written_by: "htref".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        files: package_files().into_iter().map(str::to_string).collect(),
    };
    write_json(&dir.join(MANIFEST), &manifest)
}

fn writing(path: &Path, e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("writing {}: {e}", crate::render::path(path))
}

fn write_json(path: &Path, value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut file = std::fs::File::create(path).map_err(|e| writing(path, e))?;
    crate::render::json::write(value, &mut file).map_err(|e| writing(path, e))
}
