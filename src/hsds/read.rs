//! Reading a feed into HSDS records as JSON values in the specification's nested shape:
//! a JSON file record by record ([`super::json_feed`]), or a tabular package's tables
//! joined into organizations with their services inside. Every row of a package that is
//! not kept (not a record, or pointing at nothing) is reported with its table, row and
//! reason.

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The largest feed file (or table of a package) htref reads: a feed streams record by
/// record into the database, so its size is bounded by the disk, not by memory; the cap
/// only keeps a wrong file (a disk image) from being read for minutes.
pub(crate) const MAX_FEED_BYTES: u64 = 1 << 30;

/// Why a feed was not read to its end.
pub(super) enum ReadError {
    /// It cannot be read as HSDS: the reason, for a line that names the feed.
    NotHsds(String),
    /// It is refused as it is: a whole line, naming the file.
    Refused(String),
    /// The one taking the records stopped the reading (and keeps its own reason).
    Stopped,
}

/// A row of a package's table that was not kept, or kept in part.
#[derive(Debug, Clone)]
pub(super) struct RowProblem {
    pub table: &'static str,
    /// The row as a spreadsheet counts it: the header is row 1.
    pub row: usize,
    /// What is wrong, the same for every row it fits (rows are counted by it).
    pub reason: String,
    /// What this row holds that shows it, when the reason does not.
    pub detail: Option<String>,
}

/// What reading a feed met: rows of a package's tables, and records of a JSON feed.
#[derive(Debug, Default)]
pub(super) struct Problems {
    pub rows: Vec<RowProblem>,
    pub records: Vec<String>,
}

impl Problems {
    pub fn len(&self) -> usize {
        self.rows.len() + self.records.len()
    }

    /// Each problem on stderr: rows counted by table and reason (with the first rows'
    /// numbers), or each row on its own line with `verbose`; then each record's.
    pub fn report(&self, stderr: &mut dyn Write, verbose: bool) -> std::io::Result<()> {
        /// How many rows a summary line names before "and N more".
        const NAMED: usize = 5;
        let mut rows: Vec<&RowProblem> = self.rows.iter().collect();
        rows.sort_by_key(|p| (p.table, p.row));
        if verbose {
            for p in &rows {
                let detail = p
                    .detail
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                super::import::report(
                    stderr,
                    &[format!("{} row {}: {}{detail}", p.table, p.row, p.reason)],
                )?;
            }
        } else {
            // Grouped in the order each (table, reason) first appears.
            let mut groups: Vec<(&str, &str, Vec<&RowProblem>)> = Vec::new();
            for p in rows {
                match groups
                    .iter_mut()
                    .find(|(t, r, _)| *t == p.table && *r == p.reason)
                {
                    Some((_, _, rows)) => rows.push(p),
                    None => groups.push((p.table, &p.reason, vec![p])),
                }
            }
            for (table, reason, rows) in groups {
                let line = if let [one] = rows.as_slice() {
                    let detail = one
                        .detail
                        .as_deref()
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default();
                    format!("{table} row {}: {reason}{detail}", one.row)
                } else {
                    let named: Vec<String> =
                        rows.iter().take(NAMED).map(|p| p.row.to_string()).collect();
                    let more = if rows.len() > NAMED {
                        format!(" and {} more; `--verbose` lists each", rows.len() - NAMED)
                    } else {
                        String::new()
                    };
                    format!(
                        "{table}: {} rows (rows {}{more}): {reason}",
                        rows.len(),
                        named.join(", ")
                    )
                };
                super::import::report(stderr, &[line])?;
            }
        }
        super::import::report(stderr, &self.records)
    }
}

/// The tabular package a feed path names: a folder, or a data package's descriptor (a
/// `datapackage.json`, or a small JSON file listing `resources`), which stands for the
/// folder it is in. `None` for a feed file of records.
pub(super) fn package_of(path: &Path) -> Result<Option<Package>, ReadError> {
    /// A JSON object's `resources` list, every other value skipped unkept: a feed
    /// looked at here costs no memory for its records.
    #[derive(serde::Deserialize)]
    struct Descriptor {
        resources: Option<Vec<serde::de::IgnoredAny>>,
    }
    /// A descriptor is a few kilobytes; a larger JSON file is a feed, streamed.
    const MAX_DESCRIPTOR_BYTES: u64 = 16 << 20;
    if path.is_dir() {
        return Package::open(path).map(Some);
    }
    let folder = || match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.file_name().is_some_and(|n| n == DESCRIPTOR) {
        return Package::open_descriptor(&folder(), path, true).map(Some);
    }
    let small =
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_DESCRIPTOR_BYTES);
    if small
        && let Ok(file) = std::fs::File::open(path)
        && let Ok(Descriptor { resources: Some(_) }) =
            serde_json::from_reader(std::io::BufReader::new(file))
    {
        return Package::open_descriptor(&folder(), path, true).map(Some);
    }
    Ok(None)
}

/// How many organizations a tabular package holds (0 for a JSON file), counted without
/// keeping its rows: a feed too large for what it is asked for is refused before it is
/// joined in memory.
pub(super) fn package_organizations(path: &Path) -> Result<usize, ReadError> {
    let Some(package) = package_of(path)? else {
        return Ok(0);
    };
    let Some((_, file)) = package.locate(ORGANIZATIONS)? else {
        return Ok(0);
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&file)
        .map_err(|e| ReadError::NotHsds(format!("organizations.csv: {e}")))?;
    Ok(reader.byte_records().count())
}

/// Hands each organization of a feed to `take` as it is read (`take` returns false to stop
/// the reading): a JSON feed streams, one record in memory at a time; a package's tables
/// are joined first. Returns what the feed was read as ("HSDS 1.0 tabular package").
pub(super) fn each_record(
    path: &Path,
    problems: &mut Problems,
    take: &mut dyn FnMut(Value) -> bool,
) -> Result<String, ReadError> {
    if let Some(package) = package_of(path)? {
        let version = package.version()?;
        for record in read_tabular(&package, &mut problems.rows)? {
            if !take(record) {
                return Err(ReadError::Stopped);
            }
        }
        return Ok(version);
    }
    let meta =
        std::fs::metadata(path).map_err(|e| ReadError::NotHsds(format!("cannot read it ({e})")))?;
    if !meta.is_file() || meta.len() > MAX_FEED_BYTES {
        return Err(ReadError::NotHsds(
            "not a regular file of a readable size".into(),
        ));
    }
    let mut file = std::fs::File::open(path)
        .map_err(|e| ReadError::NotHsds(format!("cannot read it ({e})")))?;
    if is_zip(&mut file) {
        // A package as 211s publish it: unzipped into a temporary folder, removed when
        // the import ends, and read as the folder would be.
        let (_folder, dir) = unzipped(path)?;
        let package = Package::open(&dir)?;
        let version = format!("{} from a zip archive", package.version()?);
        for record in read_tabular(&package, &mut problems.rows)? {
            if !take(record) {
                return Err(ReadError::Stopped);
            }
        }
        return Ok(version);
    }
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    let problems = &mut problems.records;
    let mut stopped = false;
    let mut seen_one = false;
    let mut not_hsds = false;
    let read = super::json_feed::each_raw_record(reader, &mut |raw| {
        // How the record is named in a report: its place in the list and its line.
        let at = match raw.number {
            0 => format!("the record (line {})", raw.line),
            n => format!("record {n} (line {})", raw.line),
        };
        for note in &raw.notes {
            problems.push(format!("{at}: {note}"));
        }
        let line = raw.line;
        let item: Value = match raw.text.and_then(|text| {
            serde_json::from_str(&text).map_err(|e| {
                // serde_json counts lines within the record; the report counts the file's.
                let message = e.to_string();
                let what = message.split(" at line ").next().unwrap_or(&message);
                match e.line() {
                    0 => format!("{what}; left out"),
                    n => format!("{what} on line {}; left out", line + n as u64 - 1),
                }
            })
        }) {
            Ok(item) => item,
            Err(why) => {
                problems.push(format!("{at}: {why}"));
                return Ok(());
            }
        };
        // The first record says whether the file is a feed at all: a JSON file of
        // something else (a settings file, another format's package) is refused whole
        // rather than imported as a record with no name.
        if !seen_one && !looks_like_hsds(&item) {
            not_hsds = true;
            return Err(String::new());
        }
        seen_one = true;
        if take(as_organization(item)) {
            Ok(())
        } else {
            stopped = true;
            Err(String::new())
        }
    });
    match read {
        Err(_) if stopped => Err(ReadError::Stopped),
        Err(_) if not_hsds => Err(ReadError::NotHsds(
            "neither an HSDS feed nor a data package (its first record has none of HSDS's fields: name, services, organization_id; a data package lists resources)".into(),
        )),
        Err(why) => Err(ReadError::NotHsds(why)),
        Ok(()) => Ok("HSDS 3.0 JSON feed".to_string()),
    }
}

/// The most a zip archive's members may hold unzipped, in all: a bomb is refused before
/// it fills the disk.
const MAX_UNZIPPED_BYTES: u64 = 4 << 30;
/// The most members a package's archive may have.
const MAX_ZIP_MEMBERS: usize = 10_000;

/// A zip archive's package, unzipped into a temporary folder: the folder (removed when it
/// is dropped) and the package's own folder in it (the archive's top, or its one folder
/// that holds the tables). Only CSV and JSON members are written, each under the folder
/// (a member named to climb out of it is refused), within a size bound.
fn unzipped(path: &Path) -> Result<(tempfile::TempDir, std::path::PathBuf), ReadError> {
    let shown = crate::render::path(path);
    let bad = |why: String| ReadError::Refused(format!("{shown}: {why}"));
    let file = std::fs::File::open(path).map_err(|e| bad(format!("cannot read it ({e})")))?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| bad(format!("not a zip archive htref can read ({e})")))?;
    if archive.len() > MAX_ZIP_MEMBERS {
        return Err(bad(format!(
            "a zip archive of {} members; a package has a few dozen tables",
            archive.len()
        )));
    }
    let folder = tempfile::Builder::new()
        .prefix("htref-package-")
        .tempdir()
        .map_err(|e| bad(format!("no temporary folder to unzip it into ({e})")))?;
    let mut written: u64 = 0;
    for i in 0..archive.len() {
        let mut member = archive
            .by_index(i)
            .map_err(|e| bad(format!("member {} cannot be read ({e})", i + 1)))?;
        if member.is_dir() {
            continue;
        }
        let written_name = member.name().map(|n| n.to_string()).unwrap_or_default();
        let Some(name) = member.enclosed_name() else {
            return Err(bad(format!(
                "member {:?} is named outside the archive's folder; refused",
                crate::render::clip(&written_name, 80)
            )));
        };
        let wanted = name
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("json"));
        // macOS's resource forks ride along in archives made there.
        if !wanted || name.components().any(|c| c.as_os_str() == "__MACOSX") {
            continue;
        }
        let target = folder.path().join(&name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| bad(format!("cannot unzip it ({e})")))?;
        }
        let mut out =
            std::fs::File::create(&target).map_err(|e| bad(format!("cannot unzip it ({e})")))?;
        let room = MAX_UNZIPPED_BYTES.saturating_sub(written);
        let copied = std::io::copy(&mut std::io::Read::take(&mut member, room + 1), &mut out)
            .map_err(|e| {
                bad(format!(
                    "member {:?} cannot be unzipped ({e})",
                    crate::render::clip(&written_name, 80)
                ))
            })?;
        written += copied;
        if copied > room {
            return Err(bad(format!(
                "it unzips to more than {} GiB; unzip it yourself and import its folder",
                MAX_UNZIPPED_BYTES >> 30
            )));
        }
    }
    // The tables at the archive's top, or in its one folder that holds them.
    let holds = |dir: &Path| {
        dir.join("datapackage.json").is_file()
            || dir.join("organizations.csv").is_file()
            || dir.join("data/organizations.csv").is_file()
    };
    let top = folder.path().to_path_buf();
    let dir = if holds(&top) {
        top
    } else {
        let inner: Vec<std::path::PathBuf> = std::fs::read_dir(&top)
            .map_err(|e| bad(format!("cannot unzip it ({e})")))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir() && holds(p))
            .collect();
        match inner.as_slice() {
            [one] => one.clone(),
            _ => {
                return Err(bad(
                    "a zip archive that holds no HSDS package (no datapackage.json or organizations.csv at its top or in one folder)".into(),
                ));
            }
        }
    };
    Ok((folder, dir))
}

/// Whether a file starts as a zip archive does (`PK` and a local header, or an empty
/// archive's end record), whatever its name; the file is read again from its start after.
fn is_zip(file: &mut std::fs::File) -> bool {
    use std::io::{Read as _, Seek as _};
    let mut magic = [0u8; 4];
    let zip =
        file.read_exact(&mut magic).is_ok() && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06");
    let _ = file.rewind();
    zip
}

/// Whether a record has a field every HSDS organization or service has one of.
fn looks_like_hsds(item: &Value) -> bool {
    ["name", "services", "organization", "organization_id", "id"]
        .iter()
        .any(|key| item.get(key).is_some())
}

/// A service on its own becomes the organization it names (or one of its own), with the
/// service inside; an organization stays as it is.
fn as_organization(item: Value) -> Value {
    let is_service = item.get("status").is_some() && item.get("services").is_none();
    if !is_service {
        return item;
    }
    let mut org = if let Some(Value::Object(org)) = item.get("organization") {
        org.clone()
    } else {
        let mut org = Map::new();
        for key in ["organization_id", "name", "description"] {
            if let Some(v) = item.get(key) {
                let key = if key == "organization_id" { "id" } else { key };
                org.insert(key.into(), v.clone());
            }
        }
        org
    };
    org.insert("services".into(), Value::Array(vec![item]));
    Value::Object(org)
}

/// One row of a package's table: its cells by column (empty ones left out), and its row.
struct Row {
    row: usize,
    cells: Map<String, Value>,
}

impl Row {
    fn get(&self, column: &str) -> Option<&str> {
        self.cells.get(column).and_then(Value::as_str)
    }

    fn id(&self) -> String {
        self.get("id").unwrap_or_default().to_string()
    }
}

/// A table of a package: the resource name a `datapackage.json` gives it, and the file
/// names it has without one (HSDS 3.0's first, then HSDS 1.x's).
#[derive(Clone, Copy)]
struct Table {
    resource: &'static str,
    files: &'static [&'static str],
    /// The columns read, when not all: a large link table keeps what joins and names.
    columns: Option<&'static [&'static str]>,
}

const ORGANIZATIONS: Table = Table {
    resource: "organization",
    files: &["organizations.csv"],
    columns: None,
};
const SERVICES: Table = Table {
    resource: "service",
    files: &["services.csv"],
    columns: None,
};
const PHONES: Table = Table {
    resource: "phone",
    files: &["phones.csv"],
    columns: None,
};
const LOCATIONS: Table = Table {
    resource: "location",
    files: &["locations.csv"],
    columns: None,
};
const ADDRESSES: Table = Table {
    resource: "address",
    files: &["addresses.csv"],
    columns: None,
};
const PHYSICAL_ADDRESSES: Table = Table {
    resource: "physical_address",
    files: &["physical_addresses.csv"],
    columns: None,
};
const POSTAL_ADDRESSES: Table = Table {
    resource: "postal_address",
    files: &["postal_addresses.csv"],
    columns: None,
};
const SERVICE_AT_LOCATION: Table = Table {
    resource: "service_at_location",
    files: &["service_at_location.csv", "services_at_location.csv"],
    columns: None,
};
const SERVICE_AREAS: Table = Table {
    resource: "service_area",
    files: &["service_areas.csv"],
    columns: None,
};
const LANGUAGES: Table = Table {
    resource: "language",
    files: &["languages.csv"],
    columns: None,
};
const SCHEDULES: Table = Table {
    resource: "schedule",
    files: &["schedules.csv"],
    columns: None,
};
const ATTRIBUTES: Table = Table {
    resource: "attribute",
    files: &["attributes.csv"],
    columns: None,
};
const TAXONOMY_TERMS: Table = Table {
    resource: "taxonomy_term",
    files: &["taxonomy_terms.csv"],
    columns: None,
};
/// HSDS 1.x links a service to its taxonomy terms in a table of its own.
const SERVICES_TAXONOMY: Table = Table {
    resource: "service_taxonomy",
    files: &["services_taxonomy.csv"],
    // 26,259 rows in Miami's package: the link alone.
    columns: Some(&["service_id", "taxonomy_id"]),
};
/// HSDS 1.x's opening hours, a row per weekday.
const REGULAR_SCHEDULES: Table = Table {
    resource: "regular_schedule",
    files: &["regular_schedules.csv"],
    columns: Some(&[
        "service_id",
        "weekday",
        "opens_at",
        "closes_at",
        "original_text",
        "description",
    ]),
};
/// HSDS 1.x's eligibility, a table of its own.
const ELIGIBILITY: Table = Table {
    resource: "eligibility",
    files: &["eligibility.csv"],
    columns: Some(&["service_id", "eligibility"]),
};
const TAXONOMY: Table = Table {
    resource: "taxonomy",
    files: &["taxonomy.csv"],
    columns: None,
};

/// A tabular package: its folder, and the path its `datapackage.json` gives each resource.
pub(super) struct Package {
    dir: PathBuf,
    resources: HashMap<String, String>,
    /// The `version` its `datapackage.json` gives (HSDS's template puts the
    /// specification's version there).
    declared_version: Option<String>,
}

/// The descriptor's name in a package's folder.
pub(super) const DESCRIPTOR: &str = "datapackage.json";

impl Package {
    /// The package in `dir`, with its descriptor's resources when it has one. A
    /// descriptor that is not a data package's is refused: the folder is not read as
    /// something it does not say it is.
    pub(super) fn open(dir: &Path) -> Result<Package, ReadError> {
        match table_path(&dir.join(DESCRIPTOR))? {
            Some(descriptor) => Package::open_descriptor(dir, &descriptor, false),
            None => Ok(Package {
                dir: dir.to_path_buf(),
                resources: HashMap::new(),
                declared_version: None,
            }),
        }
    }

    /// The package a descriptor describes, its tables in `dir`. A descriptor that is not
    /// JSON listing resources is refused when it was `given` as the feed; in a folder given
    /// as the feed it is passed over and the tables read by their usual names (HSDS's own
    /// examples ship a datapackage.json that is a link's text, not JSON).
    fn open_descriptor(dir: &Path, descriptor: &Path, given: bool) -> Result<Package, ReadError> {
        let mut package = Package {
            dir: dir.to_path_buf(),
            resources: HashMap::new(),
            declared_version: None,
        };
        let shown = crate::render::path(descriptor);
        let value = std::fs::read(descriptor)
            .map_err(|e| e.to_string())
            .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).map_err(|e| e.to_string()));
        let value = match value {
            Ok(value) => value,
            Err(_) if !given => return Ok(package),
            Err(e) => {
                return Err(ReadError::Refused(format!(
                    "{shown} is not readable JSON ({e}); give the package's folder to read its CSV files alone"
                )));
            }
        };
        let Some(resources) = value.get("resources").and_then(Value::as_array) else {
            if !given {
                return Ok(package);
            }
            return Err(ReadError::Refused(format!(
                "{shown} lists no resources, so it describes no data package; give the package's folder to read its CSV files alone"
            )));
        };
        for resource in resources {
            let (Some(name), Some(path)) = (
                resource.get("name").and_then(Value::as_str),
                resource.get("path").and_then(Value::as_str),
            ) else {
                continue;
            };
            // A resource is a file in the package's folder: a path out of it (absolute,
            // or through `..`) would read a file of the system's as a table.
            let inside = Path::new(path)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if !inside {
                return Err(ReadError::Refused(format!(
                    "{shown}: resource {} has the path {}, outside the package's folder; a package's tables must be files inside it",
                    crate::render::one_line(name),
                    crate::render::one_line(path)
                )));
            }
            package.resources.insert(name.to_string(), path.to_string());
        }
        package.declared_version = value
            .get("version")
            .and_then(Value::as_str)
            .map(|v| crate::text::cut(&crate::render::one_line(v), 20).to_string());
        Ok(package)
    }

    /// Where a table is, and the name reports give it: the path its descriptor gives, then
    /// its usual file names; each in the package's folder, then in its `data/` folder (where
    /// HSDS 1.x packages keep their CSV files, whatever their descriptor says).
    fn locate(&self, table: Table) -> Result<Option<(&'static str, PathBuf)>, ReadError> {
        let mut candidates: Vec<(&'static str, &str)> = Vec::new();
        if let Some(path) = self.resources.get(table.resource) {
            let file = Path::new(path).file_name().and_then(|f| f.to_str());
            let name = table
                .files
                .iter()
                .find(|f| Some(**f) == file)
                .unwrap_or(&table.files[0]);
            candidates.push((name, path));
        }
        candidates.extend(table.files.iter().map(|f| (*f, *f)));
        for (name, relative) in candidates {
            for base in [self.dir.clone(), self.dir.join("data")] {
                if let Some(path) = table_path(&base.join(relative))? {
                    return Ok(Some((name, path)));
                }
            }
        }
        Ok(None)
    }

    /// Whether the package has this table.
    fn has(&self, table: Table) -> Result<bool, ReadError> {
        Ok(self.locate(table)?.is_some())
    }

    /// Which HSDS the package is: 1.x when it has a table only 1.x has (its addresses
    /// apart, its taxonomy links), named with the version its descriptor gives; else 3.0.
    fn version(&self) -> Result<String, ReadError> {
        let declared_one = self
            .declared_version
            .as_deref()
            .filter(|v| v.starts_with('1'));
        let mut one = false;
        for table in [
            PHYSICAL_ADDRESSES,
            POSTAL_ADDRESSES,
            SERVICES_TAXONOMY,
            TAXONOMY,
        ] {
            one = one || self.has(table)?;
        }
        Ok(match (one, declared_one) {
            (true, Some(v)) => format!("HSDS {v} tabular package"),
            (true, None) => "HSDS 1.x tabular package".to_string(),
            (false, _) => "HSDS 3.0 tabular package".to_string(),
        })
    }
}

/// A table's file, if there is one at `path`. A link is refused, whatever it points to: a
/// package is the files in its folder, and a link planted in one (organizations.csv to a
/// file of the system's) would be read as a feed and its lines echoed in reports.
fn table_path(path: &Path) -> Result<Option<PathBuf>, ReadError> {
    let shown = crate::render::path(path);
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ReadError::Refused(format!("{shown}: cannot read it ({e})"))),
    };
    if meta.file_type().is_symlink() {
        return Err(ReadError::Refused(format!(
            "{shown} is a link; a package's tables must be files in its folder: copy the file in instead of linking it"
        )));
    }
    if !meta.is_file() {
        return Err(ReadError::Refused(format!(
            "{shown} is not a regular file; a package's tables must be CSV files in its folder"
        )));
    }
    if meta.len() > MAX_FEED_BYTES {
        return Err(ReadError::Refused(format!(
            "{shown} is larger than 1 GiB; split the feed"
        )));
    }
    Ok(Some(path.to_path_buf()))
}

/// One table of a package: its rows (empty cells left out), and a problem for each row that
/// is not a record (a number of fields other than the header's, a byte that is not UTF-8,
/// a quote never closed). A row that is not read costs that row only: the rows after it are
/// read, and one after a quote never closed from the next line on.
fn read_table(
    package: &Package,
    table: Table,
    problems: &mut Vec<RowProblem>,
) -> Result<Vec<Row>, ReadError> {
    let wanted = table.columns;
    let Some((table, path)) = package.locate(table)? else {
        return Ok(Vec::new());
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        ReadError::Refused(format!(
            "{}: cannot read it ({e})",
            crate::render::path(&path)
        ))
    })?;
    let mut rows = TableRows {
        table,
        columns: wanted,
        headers: None,
        rows: Vec::new(),
        problems,
    };
    // The rows are numbered as a spreadsheet numbers them: the header is row 1.
    let mut row = 0;
    let mut from = 0;
    while from < bytes.len() {
        let segment = &bytes[from..];
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(segment);
        let mut restart = None;
        // Each record is looked at once the next is read, so the last one is known.
        let mut current: Option<(usize, csv::ByteRecord)> = None;
        loop {
            let start = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
            let mut next = csv::ByteRecord::new();
            let more = match reader.read_byte_record(&mut next) {
                Ok(more) => more,
                Err(e) => {
                    rows.problem(
                        row + 1,
                        "not read, nor the rows after it",
                        Some(e.to_string()),
                    );
                    false
                }
            };
            let Some((start, record)) = current.replace((start, next)) else {
                if more {
                    continue;
                }
                break;
            };
            row += 1;
            // A quote never closed makes the rest of the file one cell. Only the last
            // record can be one; its quotes, counted to the end, are then odd.
            if !more && segment.get(start..).is_some_and(odd_quotes) {
                rows.problem(
                    row,
                    "a quoted cell is never closed; left out, and the rows after it read from its next line",
                    None,
                );
                let start = from + start;
                restart = Some(
                    bytes[start..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(bytes.len(), |p| start + p + 1),
                );
                break;
            }
            rows.take(row, &record);
            if !more {
                break;
            }
        }
        match restart {
            Some(next) => from = next,
            None => break,
        }
    }
    Ok(rows.rows)
}

/// A table's rows as they are read: the header first, then each row kept or reported.
struct TableRows<'p> {
    table: &'static str,
    columns: Option<&'static [&'static str]>,
    headers: Option<Vec<String>>,
    rows: Vec<Row>,
    problems: &'p mut Vec<RowProblem>,
}

impl TableRows<'_> {
    fn problem(&mut self, row: usize, reason: &str, detail: Option<String>) {
        self.problems.push(RowProblem {
            table: self.table,
            row,
            reason: reason.to_string(),
            detail,
        });
    }

    fn take(&mut self, row: usize, record: &csv::ByteRecord) {
        let cells: Result<Vec<&str>, usize> = record
            .iter()
            .enumerate()
            .map(|(i, cell)| std::str::from_utf8(cell).map_err(|_| i))
            .collect();
        let Some(columns) = &self.headers else {
            // The header: a byte that is not UTF-8 is read as U+FFFD, so the columns around
            // it are still found; the column it is in is reported.
            self.headers = Some(
                record
                    .iter()
                    .map(|h| {
                        String::from_utf8_lossy(h)
                            // A byte-order mark is no part of the first column's name.
                            .trim_start_matches('\u{feff}')
                            .trim()
                            .to_string()
                    })
                    .collect(),
            );
            if let Err(i) = cells {
                self.problem(
                    row,
                    "the header holds a byte that is not UTF-8 text; that column is not read",
                    Some(format!("column {}", i + 1)),
                );
            }
            return;
        };
        let cells = match cells {
            Ok(cells) => cells,
            Err(i) => {
                let column = columns
                    .get(i)
                    .map_or_else(|| (i + 1).to_string(), Clone::clone);
                self.problem(
                    row,
                    "a cell holds a byte that is not UTF-8 text; left out (save the file as UTF-8)",
                    Some(format!("column {column}")),
                );
                return;
            }
        };
        if cells.len() != columns.len() {
            let detail = format!("{} fields, the header {}", cells.len(), columns.len());
            self.problem(
                row,
                "a number of fields other than the header's; left out",
                Some(detail),
            );
            return;
        }
        let wanted = self.columns;
        let cells: Map<String, Value> = columns
            .iter()
            .zip(cells)
            .filter(|(k, v)| !v.trim().is_empty() && wanted.is_none_or(|w| w.contains(&k.as_str())))
            .map(|(k, v)| (k.clone(), Value::String(v.to_string())))
            .collect();
        self.rows.push(Row { row, cells });
    }
}

/// Whether these bytes hold an odd number of double quotes: a quoted cell opened and never
/// closed (a closed one, with its doubled quotes inside, holds an even number).
fn odd_quotes(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |odd, &b| odd ^ (b == b'"'))
}

/// Rows grouped by one of their columns (a foreign key), each group in file order; a row
/// without it is reported (it belongs to nothing).
fn group_by(
    rows: Vec<Row>,
    table: &'static str,
    key: &'static str,
    problems: &mut Vec<RowProblem>,
) -> HashMap<String, Vec<Row>> {
    let mut groups: HashMap<String, Vec<Row>> = HashMap::new();
    for row in rows {
        match row.get(key).map(str::to_string) {
            Some(id) => groups.entry(id).or_default().push(row),
            None => problems.push(RowProblem {
                table,
                row: row.row,
                reason: format!("gives no {key}, so it belongs to nothing; left out"),
                detail: None,
            }),
        }
    }
    groups
}

/// The rows left in `groups` once every record took its own: their key names nothing.
fn orphans(
    groups: HashMap<String, Vec<Row>>,
    table: &'static str,
    key: &str,
    names: &str,
    problems: &mut Vec<RowProblem>,
) {
    let mut left: Vec<(String, Row)> = groups
        .into_iter()
        .flat_map(|(id, rows)| rows.into_iter().map(move |row| (id.clone(), row)))
        .collect();
    left.sort_by_key(|(_, row)| row.row);
    for (id, row) in left {
        problems.push(RowProblem {
            table,
            row: row.row,
            reason: format!("its {key} names no {names} in the package; left out"),
            detail: Some(format!("{key} {:?}", crate::render::clip(&id, 60))),
        });
    }
}

/// The attributes that say they belong to a service: HSDS attaches attributes to any
/// record (`link_type` names which: an organization, a location), and htref reads only a
/// service's, so another record's attribute is no orphan.
fn service_attributes(groups: HashMap<String, Vec<Row>>) -> HashMap<String, Vec<Row>> {
    groups
        .into_iter()
        .filter_map(|(id, rows)| {
            let rows: Vec<Row> = rows
                .into_iter()
                .filter(|row| {
                    row.cells
                        .get("link_type")
                        .and_then(Value::as_str)
                        .is_none_or(|t| t.trim().is_empty() || t.eq_ignore_ascii_case("service"))
                })
                .collect();
            (!rows.is_empty()).then_some((id, rows))
        })
        .collect()
}

fn values(rows: Vec<Row>) -> Value {
    Value::Array(rows.into_iter().map(|r| Value::Object(r.cells)).collect())
}

/// A package's tables keyed by service, taken as each service is joined.
struct ServiceJoins<'l> {
    phones: HashMap<String, Vec<Row>>,
    areas: HashMap<String, Vec<Row>>,
    languages: HashMap<String, Vec<Row>>,
    schedules: HashMap<String, Vec<Row>>,
    /// HSDS 1.x's eligibility rows.
    eligibility: HashMap<String, Vec<Row>>,
    links: HashMap<String, Vec<Row>>,
    locations: &'l HashMap<String, Value>,
    attributes: HashMap<String, Vec<Row>>,
    /// HSDS 1.x's links from a service to its taxonomy terms.
    service_taxonomy: HashMap<String, Vec<Row>>,
    terms: HashMap<String, Value>,
}

impl ServiceJoins<'_> {
    /// One service row with everything that points at it nested in, as JSON nests it.
    fn service(&mut self, mut service: Map<String, Value>) -> Value {
        let id = service
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let take =
            |table: &mut HashMap<String, Vec<Row>>| values(table.remove(&id).unwrap_or_default());
        service.insert("phones".into(), take(&mut self.phones));
        service.insert("service_areas".into(), take(&mut self.areas));
        service.insert("languages".into(), take(&mut self.languages));
        service.insert("schedules".into(), take(&mut self.schedules));
        service.insert("eligibility_rows".into(), take(&mut self.eligibility));
        let links = self.links.remove(&id).unwrap_or_default();
        let attributes = self.attributes.remove(&id).unwrap_or_default();
        let at: Vec<Value> = links
            .into_iter()
            .map(|link| nest(link.cells, "location_id", "location", self.locations))
            .collect();
        service.insert("service_at_locations".into(), Value::Array(at));
        let taxonomy = self.service_taxonomy.remove(&id).unwrap_or_default();
        let attrs: Vec<Value> = attributes
            .into_iter()
            .map(|a| nest(a.cells, "taxonomy_term_id", "taxonomy_term", &self.terms))
            .collect();
        service.insert("attributes".into(), Value::Array(attrs));
        // A 1.x link is read for its term alone, as a pair of its id (the 211/AIRS code in
        // such packages) and its name: two texts, not two maps, for each of the 26,259
        // links of Miami's package.
        let pairs: Vec<Value> = taxonomy
            .into_iter()
            .filter_map(|t| {
                let id = t.get("taxonomy_id")?;
                let name = self.terms.get(id)?.get("name")?.clone();
                Some(Value::Array(vec![Value::String(id.to_string()), name]))
            })
            .collect();
        if !pairs.is_empty() {
            service.insert("taxonomy_pairs".into(), Value::Array(pairs));
        }
        Value::Object(service)
    }

    /// Reports every row no service took.
    fn orphans(self, problems: &mut Vec<RowProblem>) {
        for (rows, table, key) in [
            (self.phones, "phones.csv", "service_id"),
            (self.areas, "service_areas.csv", "service_id"),
            (self.languages, "languages.csv", "service_id"),
            (self.schedules, "schedules.csv", "service_id"),
            (self.eligibility, "eligibility.csv", "service_id"),
            (self.links, "service_at_location.csv", "service_id"),
            (self.service_taxonomy, "services_taxonomy.csv", "service_id"),
            (
                service_attributes(self.attributes),
                "attributes.csv",
                "link_id",
            ),
        ] {
            orphans(rows, table, key, "service", problems);
        }
    }
}

/// A link row with the record its `key` names nested under `into`.
fn nest(
    mut row: Map<String, Value>,
    key: &str,
    into: &str,
    records: &HashMap<String, Value>,
) -> Value {
    let target = row
        .get(key)
        .and_then(Value::as_str)
        .and_then(|k| records.get(k))
        .cloned();
    if let Some(target) = target {
        row.insert(into.into(), target);
    }
    Value::Object(row)
}

/// A package's phones by the service they belong to, and by organization for those that
/// name none; a phone that names neither is reported.
fn phones_by_owner(phones: Vec<Row>, problems: &mut Vec<RowProblem>) -> (ByKey, ByKey) {
    let mut by_service = ByKey::new();
    let mut by_org = ByKey::new();
    for phone in phones {
        if let Some(service) = phone.get("service_id") {
            by_service
                .entry(service.to_string())
                .or_default()
                .push(phone);
        } else if let Some(org) = phone.get("organization_id") {
            by_org.entry(org.to_string()).or_default().push(phone);
        } else {
            problems.push(RowProblem {
                table: "phones.csv",
                row: phone.row,
                reason:
                    "gives no service_id or organization_id, so it belongs to nothing; left out"
                        .into(),
                detail: None,
            });
        }
    }
    (by_service, by_org)
}

/// Rows by the record their key names.
type ByKey = HashMap<String, Vec<Row>>;

/// A package's locations by id, with their addresses nested in (HSDS 3.0's
/// `addresses.csv`, or 1.x's physical and postal addresses), and each organization's
/// locations' ids; an address whose location is not there is reported.
fn read_locations(
    package: &Package,
    problems: &mut Vec<RowProblem>,
) -> Result<Locations, ReadError> {
    let mut addresses: ByKey = HashMap::new();
    for (table, name) in [
        (ADDRESSES, "addresses.csv"),
        (PHYSICAL_ADDRESSES, "physical_addresses.csv"),
        (POSTAL_ADDRESSES, "postal_addresses.csv"),
    ] {
        let rows = read_table(package, table, problems)?;
        for (location, rows) in group_by(rows, name, "location_id", problems) {
            addresses.entry(location).or_default().extend(rows);
        }
    }
    let mut locations: HashMap<String, Value> = HashMap::new();
    let mut org_locations: HashMap<String, Vec<String>> = HashMap::new();
    for location in read_table(package, LOCATIONS, problems)? {
        let id = location.id();
        // A location is copied into each service at it and into its organization, and
        // only its addresses place them: its description and directions (most of a 211's
        // locations.csv) are left out rather than copied.
        let mut cells: Map<String, Value> = location
            .cells
            .into_iter()
            .filter(|(column, _)| matches!(column.as_str(), "id" | "name" | "organization_id"))
            .collect();
        cells.insert(
            "addresses".into(),
            values(addresses.remove(&id).unwrap_or_default()),
        );
        if let Some(org) = cells.get("organization_id").and_then(Value::as_str) {
            org_locations
                .entry(org.to_string())
                .or_default()
                .push(id.clone());
        }
        locations.insert(id, Value::Object(cells));
    }
    orphans(
        addresses,
        "addresses.csv",
        "location_id",
        "location",
        problems,
    );
    Ok(Locations {
        by_id: locations,
        of_org: org_locations,
    })
}

/// A package's locations: each by id, and the ids of each organization's.
struct Locations {
    by_id: HashMap<String, Value>,
    of_org: HashMap<String, Vec<String>>,
}

/// Each organization's services, joined with what points at them, with their rows; a
/// service that names no organization is reported.
fn services_by_org(
    services: Vec<Row>,
    joins: &mut ServiceJoins,
    problems: &mut Vec<RowProblem>,
) -> HashMap<String, Vec<(usize, Value)>> {
    let mut org_services: HashMap<String, Vec<(usize, Value)>> = HashMap::new();
    for service in services {
        let Some(org) = service.get("organization_id").map(str::to_string) else {
            problems.push(RowProblem {
                table: "services.csv",
                row: service.row,
                reason: "gives no organization_id, so it belongs to nothing; left out".into(),
                detail: None,
            });
            continue;
        };
        let row = service.row;
        org_services
            .entry(org)
            .or_default()
            .push((row, joins.service(service.cells)));
    }
    org_services
}

/// The services no organization took (their `organization_id` names none in the package,
/// 447 of Miami's 4,089): kept, each group under an organization of their own named from
/// that id's first location (211 exports name a location for its organization), else
/// from its only service, else from the id; each row reported with the name it was given.
fn unclaimed_services(
    left: HashMap<String, Vec<(usize, Value)>>,
    locations: &HashMap<String, Value>,
    mut org_locations: HashMap<String, Vec<String>>,
    problems: &mut Vec<RowProblem>,
) -> Vec<Value> {
    let mut left: Vec<(String, Vec<(usize, Value)>)> = left.into_iter().collect();
    // In the package's order, so the database's ids do not depend on a hash.
    left.sort_by_key(|(_, services)| services.first().map_or(0, |(row, _)| *row));
    left.into_iter()
        .map(|(id, services)| {
            let own_locations: Vec<Value> = org_locations
                .remove(&id)
                .unwrap_or_default()
                .iter()
                .filter_map(|l| locations.get(l).cloned())
                .collect();
            let location_name = own_locations
                .iter()
                .find_map(|l| l.get("name").and_then(Value::as_str))
                .filter(|n| !n.trim().is_empty());
            let service_name = match services.as_slice() {
                [(_, only)] => only.get("name").and_then(Value::as_str),
                _ => None,
            };
            let (name, from) = match (location_name, service_name) {
                (Some(name), _) => (name.to_string(), "its location"),
                (None, Some(name)) => (name.to_string(), "its service"),
                (None, None) => (format!("organization {id}"), "its id"),
            };
            for (row, _) in &services {
                problems.push(RowProblem {
                    table: "services.csv",
                    row: *row,
                    reason: "its organization_id names no organization in the package; kept under an organization named from its location, its service or the id".into(),
                    detail: Some(format!(
                        "organization_id {:?}, named {:?} from {from}",
                        crate::render::clip(&id, 60),
                        crate::render::clip(&name, 80)
                    )),
                });
            }
            let mut cells = Map::new();
            cells.insert("id".into(), Value::String(id));
            cells.insert("name".into(), Value::String(name));
            cells.insert("locations".into(), Value::Array(own_locations));
            cells.insert(
                "services".into(),
                Value::Array(services.into_iter().map(|(_, s)| s).collect()),
            );
            Value::Object(cells)
        })
        .collect()
}

/// HSDS 1.x's regular schedules read as 3.0's schedules are. A row a weekday, most with
/// the same words ("9:00am-5:00pm, Mon-Fri"): one row for each different text is kept
/// (11,350 rows in Miami's package, about one a service).
fn merge_regular_schedules(schedules: &mut ByKey, regular: ByKey) {
    for (service, rows) in regular {
        let kept = schedules.entry(service).or_default();
        for row in rows {
            let same = |kept: &Row| {
                ["original_text", "description"]
                    .iter()
                    .any(|c| row.get(c).is_some() && row.get(c) == kept.get(c))
            };
            if !kept.iter().any(same) {
                kept.push(row);
            }
        }
    }
}

/// A tabular package: organizations.csv with its services, phones, locations and their
/// addresses, service areas, languages, schedules and taxonomy terms joined in, as the
/// JSON form nests them. Each table is read once and joined through maps: linear. A row
/// whose key names no record is reported with its table and row, never dropped unsaid.
fn read_tabular(
    package: &Package,
    problems: &mut Vec<RowProblem>,
) -> Result<Vec<Value>, ReadError> {
    let organizations = read_table(package, ORGANIZATIONS, problems)?;
    if organizations.is_empty() {
        let why = if problems.is_empty() {
            "a package directory needs organizations.csv with rows".to_string()
        } else {
            let first = &problems[0];
            format!(
                "organizations.csv has no row htref can read ({} row {}: {})",
                first.table, first.row, first.reason
            )
        };
        return Err(ReadError::NotHsds(why));
    }
    let services = read_table(package, SERVICES, problems)?;
    let (service_phones, mut org_phones) =
        phones_by_owner(read_table(package, PHONES, problems)?, problems);
    let Locations {
        by_id: locations,
        of_org: mut org_locations,
    } = read_locations(package, problems)?;
    let mut grouped = |table: Table, key: &'static str| -> Result<_, ReadError> {
        let rows = read_table(package, table, problems)?;
        Ok(group_by(rows, table.files[0], key, problems))
    };
    let service_locations = grouped(SERVICE_AT_LOCATION, "service_id")?;
    let areas = grouped(SERVICE_AREAS, "service_id")?;
    let languages = grouped(LANGUAGES, "service_id")?;
    let mut schedules = grouped(SCHEDULES, "service_id")?;
    merge_regular_schedules(&mut schedules, grouped(REGULAR_SCHEDULES, "service_id")?);
    let eligibility = grouped(ELIGIBILITY, "service_id")?;
    let attributes = grouped(ATTRIBUTES, "link_id")?;
    let service_taxonomy = grouped(SERVICES_TAXONOMY, "service_id")?;
    // HSDS 1.x's taxonomy.csv holds what 3.0's taxonomy_terms.csv does. A term is copied
    // into each service it is linked to (26,259 links in Miami's package), and only its
    // id, code and name are read: its other columns are left out rather than copied.
    let terms: HashMap<String, Value> = read_table(package, TAXONOMY_TERMS, problems)?
        .into_iter()
        .chain(read_table(package, TAXONOMY, problems)?)
        .map(|t| {
            let id = t.id();
            let kept: Map<String, Value> = t
                .cells
                .into_iter()
                .filter(|(column, _)| matches!(column.as_str(), "id" | "code" | "name"))
                .collect();
            (id, Value::Object(kept))
        })
        .collect();
    let mut joins = ServiceJoins {
        phones: service_phones,
        areas,
        languages,
        schedules,
        eligibility,
        links: service_locations,
        locations: &locations,
        attributes,
        service_taxonomy,
        terms,
    };
    let mut org_services = services_by_org(services, &mut joins, problems);
    joins.orphans(problems);
    let mut records: Vec<Value> = organizations
        .into_iter()
        .map(|org| {
            let id = org.id();
            let mut cells = org.cells;
            cells.insert(
                "phones".into(),
                values(org_phones.remove(&id).unwrap_or_default()),
            );
            let own_locations: Vec<Value> = org_locations
                .remove(&id)
                .unwrap_or_default()
                .iter()
                .filter_map(|l| locations.get(l).cloned())
                .collect();
            cells.insert("locations".into(), Value::Array(own_locations));
            let services = org_services.remove(&id).unwrap_or_default();
            cells.insert(
                "services".into(),
                Value::Array(services.into_iter().map(|(_, s)| s).collect()),
            );
            Value::Object(cells)
        })
        .collect();
    records.extend(unclaimed_services(
        org_services,
        &locations,
        org_locations,
        problems,
    ));
    orphans(
        org_phones,
        "phones.csv",
        "organization_id",
        "organization",
        problems,
    );
    Ok(records)
}
