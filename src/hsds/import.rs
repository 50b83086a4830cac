//! `htref data import PATH`: an HSDS 3.0 feed (a 211's or a directory's) turned into an
//! htref overlay. JSON in any shape the specification uses (a list of organizations, the
//! API's paged `contents`, one organization, one service) or a tabular package directory.
//! Every record is imported or reported on stderr with its reason; records that are
//! htref's own bundled ones (by their HSDS ids) are skipped with one summary line.
//! Imported services are put into the needs the matcher reads in their names and
//! descriptions, so `who-handles` offers them.

use crate::data::Dataset;
use crate::data::overlay;
use crate::exit_codes::ExitCode;
use crate::matching::Matcher;
use crate::phone;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// How many needs one imported service may be offered for.
const NEEDS_PER_SERVICE: usize = 3;

/// What an import made: the overlay text, what it could not take, what it skipped.
struct Import {
    ron: String,
    problems: Vec<String>,
    bundled_skipped: usize,
    organizations: usize,
    referrals: usize,
}

pub fn run(path: &Path, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut table_problems = Vec::new();
    let records = read_records(path, &mut table_problems).map_err(|why| {
        crate::error::DataError(format!(
            "{}: {why}; give an HSDS 3.0 JSON file or a tabular package directory",
            crate::render::path(path)
        ))
    })?;
    let data = Dataset::bundled();
    let mut import = convert(&data, &records, &crate::render::path(path));
    import.problems.splice(0..0, table_problems);
    out.write_all(import.ron.as_bytes())?;
    let mut stderr = std::io::stderr().lock();
    report(&mut stderr, &import.problems)?;
    if import.bundled_skipped > 0 {
        writeln!(
            stderr,
            "htref: import: skipped {} organizations that are htref's own bundled records",
            import.bundled_skipped
        )?;
    }
    writeln!(
        stderr,
        "htref: import: {} organizations, {} need referrals",
        import.organizations, import.referrals
    )?;
    Ok(if import.problems.is_empty() {
        ExitCode::Found
    } else {
        ExitCode::Data
    })
}

/// `htref data import FEED`: the feed into the local database under its name (by default
/// the file's name), replacing that feed's earlier records and keeping the others.
pub fn run_into_db(
    path: &Path,
    name: Option<&str>,
    db_path: &Path,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let shown = crate::render::path(path);
    let feed_name = match name {
        Some(name) => name.to_string(),
        None => path
            .file_name()
            .map_or_else(|| "feed".to_string(), |n| n.to_string_lossy().into_owned()),
    };
    let feed_name = super::records::clean(&feed_name).ok_or_else(|| {
        crate::error::UsageError("a feed needs a name: give --name NAME".to_string())
    })?;
    let data = Dataset::bundled();
    let mut local = LocalImport::new(&data);
    let mut db = crate::data::local_db::LocalDb::open_for_writing(db_path)
        .map_err(crate::error::DataError)?;
    let mut import = db
        .begin_import(&feed_name)
        .map_err(crate::error::DataError)?;
    let mut table_problems = Vec::new();
    let mut n = 0;
    each_record(path, &mut table_problems, &mut |record| {
        if let Some(org) = local.read(n, &record) {
            import.add(&org)?;
        }
        n += 1;
        Ok(())
    })
    .map_err(|why| {
        crate::error::DataError(format!(
            "{shown}: {why}; give an HSDS 3.0 JSON file or a tabular package directory (the database is unchanged)"
        ))
    })?;
    local.problems.splice(0..0, table_problems);
    let feed = crate::data::local_db::Feed {
        name: feed_name.clone(),
        file: shown.clone(),
        imported: crate::clock::today().to_string(),
        organizations: count(local.organizations),
        services: count(local.services),
        problems: count(local.problems.len()),
        merged: count(local.merged),
    };
    import.finish(&feed).map_err(crate::error::DataError)?;
    report(&mut std::io::stderr().lock(), &local.problems)?;
    writeln!(
        out,
        "Imported {}: {} organizations, {} services into {}{}{}.",
        crate::render::sanitize(&feed_name),
        feed.organizations,
        feed.services,
        crate::render::path(db_path),
        if local.merged > 0 {
            format!("; {} merged into htref's own records", local.merged)
        } else {
            String::new()
        },
        if local.problems.is_empty() {
            String::new()
        } else {
            format!("; {} problems reported above", local.problems.len())
        }
    )?;
    Ok(if local.problems.is_empty() {
        ExitCode::Found
    } else {
        ExitCode::Data
    })
}

/// Each problem of an import on its own line of stderr, made safe to print.
fn report(stderr: &mut dyn Write, problems: &[String]) -> std::io::Result<()> {
    for problem in problems {
        writeln!(
            stderr,
            "htref: import: {}",
            crate::render::one_line(problem)
        )?;
    }
    Ok(())
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// htref's own organizations by name and number, and the records a feed has given so far:
/// a feed's copy of the hotline or of a federal office is that office, and a record that
/// repeats an earlier one is the same record.
struct Twins<'d> {
    data: &'d Dataset,
    /// Names (and old names) of htref's own organizations, lowercased, and their lines.
    bundled_names: HashMap<String, usize>,
    bundled_digits: HashMap<String, usize>,
    /// Records already kept, by a hash of their name and first number: eight bytes a
    /// record, so a million-record feed stays small.
    seen: HashSet<u64>,
}

/// Why a record is not imported on its own.
enum Twin {
    /// It is one of htref's own records.
    Bundled(String),
    /// It repeats an earlier record of the feed.
    Repeat(String),
}

impl<'d> Twins<'d> {
    fn new(data: &'d Dataset) -> Twins<'d> {
        let mut bundled_names = HashMap::new();
        let mut bundled_digits = HashMap::new();
        for (i, org) in data.organizations.iter().enumerate() {
            bundled_names.insert(org.name.to_lowercase(), i);
            for alias in org.aliases.iter() {
                bundled_names.insert(alias.name.to_lowercase(), i);
            }
            for contact in org.contacts.iter() {
                if let Some(digits) = &contact.digits
                    && digits.len() == 10
                {
                    bundled_digits.entry(digits.to_string()).or_insert(i);
                }
            }
        }
        Twins {
            data,
            bundled_names,
            bundled_digits,
            seen: HashSet::new(),
        }
    }

    /// Whether this record is htref's own or a repeat, with the report to give.
    fn of(&mut self, org: &crate::data::local_db::LocalOrganization) -> Option<Twin> {
        let record = org.hsds_id.as_deref().unwrap_or(&org.name);
        let all_digits: Vec<&str> = org
            .phones
            .iter()
            .chain(org.services.iter().flat_map(|s| s.phones.iter()))
            .filter_map(|p| p.digits.as_deref())
            .collect();
        let twin = self
            .bundled_names
            .get(&org.name.to_lowercase())
            .or_else(|| all_digits.iter().find_map(|d| self.bundled_digits.get(*d)));
        if let Some(&twin) = twin {
            return Some(Twin::Bundled(format!(
                "record {record}: it is htref's own {} (same name or number): merged into it, not imported again",
                self.data.organizations[twin].name
            )));
        }
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::hash::DefaultHasher::new();
            org.name.to_lowercase().hash(&mut hasher);
            all_digits.first().hash(&mut hasher);
            hasher.finish()
        };
        (!self.seen.insert(key)).then(|| {
            Twin::Repeat(format!(
                "record {record}: the same organization as an earlier record (same name and number); left out"
            ))
        })
    }
}

/// A feed being read for the database: the organizations kept, what was merged into
/// htref's own records, and every problem.
struct LocalImport<'d> {
    data: &'d Dataset,
    matcher: Matcher<'d>,
    twins: Twins<'d>,
    organizations: usize,
    services: usize,
    problems: Vec<String>,
    merged: usize,
}

impl<'d> LocalImport<'d> {
    fn new(data: &'d Dataset) -> LocalImport<'d> {
        LocalImport {
            data,
            matcher: Matcher::new(data, crate::matching::tables::bundled_tables_unchecked()),
            twins: Twins::new(data),
            organizations: 0,
            services: 0,
            problems: Vec::new(),
            merged: 0,
        }
    }

    /// One record as the database keeps it, or `None` when it is left out (reported).
    fn read(
        &mut self,
        n: usize,
        record: &Value,
    ) -> Option<crate::data::local_db::LocalOrganization> {
        let read = super::records::organization(record, n);
        self.problems.extend(read.problems);
        let mut org = read.organization?;
        match self.twins.of(&org) {
            Some(Twin::Bundled(why)) => {
                self.merged += 1;
                self.problems.push(why);
                return None;
            }
            Some(Twin::Repeat(why)) => {
                self.problems.push(why);
                return None;
            }
            None => {}
        }
        for service in &mut org.services {
            service.needs = self.needs_of(service);
        }
        self.organizations += 1;
        self.services += org.services.len();
        Some(org)
    }

    /// The needs a service serves: its taxonomy terms, then its name and description,
    /// read by the matcher. Never a need for reporting a crime (a shelter takes no police
    /// report) nor one of the hotline's own channels.
    fn needs_of(&self, service: &crate::data::local_db::LocalService) -> Vec<String> {
        let text = format!(
            "{} {} {}",
            service.taxonomy.join(" "),
            service.name,
            service.description.as_deref().unwrap_or_default()
        );
        let found = self.matcher.find(&text);
        let mut needs: Vec<&crate::data::Need> = found
            .needs
            .iter()
            .map(|m| &self.data.needs[m.need])
            .collect();
        // A directory's service is for people: a victim's needs before the others (a
        // shelter is housing before it is funding for shelters).
        needs.sort_by_key(|need| need.side != crate::data::Side::Victim);
        needs
            .into_iter()
            .filter(|need| need.side != crate::data::Side::Report)
            .filter(|need| {
                !need
                    .referrals
                    .iter()
                    .all(|r| r.org == crate::data::HOTLINE_ORG)
            })
            .take(NEEDS_PER_SERVICE)
            .map(|need| need.id.to_string())
            .collect()
    }
}

/// The organizations of a feed, each with its services inside, as JSON values; rows of a
/// package that are no records go to `problems`.
fn read_records(path: &Path, problems: &mut Vec<String>) -> Result<Vec<Value>, String> {
    let mut records = Vec::new();
    each_record(path, problems, &mut |record| {
        records.push(record);
        Ok(())
    })?;
    Ok(records)
}

/// Hands each organization of a feed to `take` as it is read: a JSON feed streams, one
/// record in memory at a time; a package's tables are joined first.
fn each_record(
    path: &Path,
    problems: &mut Vec<String>,
    take: &mut dyn FnMut(Value) -> Result<(), String>,
) -> Result<(), String> {
    if path.is_dir() {
        for record in read_tabular(path, problems)? {
            take(record)?;
        }
        return Ok(());
    }
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read it ({e})"))?;
    if !meta.is_file() || meta.len() > overlay::MAX_OVERLAY_BYTES {
        return Err("not a regular file of a readable size".into());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read it ({e})"))?;
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    super::json_feed::each_raw_record(reader, &mut |raw| {
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
        take(as_organization(item))
    })
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

/// One table of a package: its rows as JSON objects (empty cells left out), and a problem
/// for each row that is not a record (more fields than the header, a broken quote).
fn read_table(
    dir: &Path,
    name: &str,
    problems: &mut Vec<String>,
) -> Result<Vec<Map<String, Value>>, String> {
    let path = dir.join(name);
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let meta = std::fs::metadata(&path).map_err(|e| format!("{name}: {e}"))?;
    if meta.len() > overlay::MAX_OVERLAY_BYTES {
        return Err(format!("{name} is larger than 1 GiB"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&path)
        .map_err(|e| format!("{name}: {e}"))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{name}: {e}"))?
        .iter()
        // A byte-order mark is no part of the first column's name.
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(format!(
                    "{name} row {line}: {e}; the rows after it are not read"
                ));
                break;
            }
        };
        if record.len() != headers.len() {
            problems.push(format!(
                "{name} row {line}: {} fields where the header has {}; left out",
                record.len(),
                headers.len()
            ));
            continue;
        }
        let row: Map<String, Value> = headers
            .iter()
            .zip(record.iter())
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), Value::String(v.to_string())))
            .collect();
        rows.push(row);
    }
    Ok(rows)
}

/// Rows grouped by one of their columns (a foreign key), each group in file order.
fn group_by(rows: Vec<Map<String, Value>>, key: &str) -> HashMap<String, Vec<Value>> {
    let mut groups: HashMap<String, Vec<Value>> = HashMap::new();
    for row in rows {
        if let Some(id) = row.get(key).and_then(Value::as_str).map(str::to_string) {
            groups.entry(id).or_default().push(Value::Object(row));
        }
    }
    groups
}

fn id_of(row: &Map<String, Value>) -> String {
    row.get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// A package's tables keyed by service, taken as each service is joined.
struct ServiceJoins<'l> {
    phones: HashMap<String, Vec<Value>>,
    areas: HashMap<String, Vec<Value>>,
    languages: HashMap<String, Vec<Value>>,
    schedules: HashMap<String, Vec<Value>>,
    links: HashMap<String, Vec<Value>>,
    locations: &'l HashMap<String, Value>,
    attributes: HashMap<String, Vec<Value>>,
    terms: HashMap<String, Value>,
}

impl ServiceJoins<'_> {
    /// One service row with everything that points at it nested in, as JSON nests it.
    fn service(&mut self, mut service: Map<String, Value>) -> Value {
        let id = id_of(&service);
        let take = |table: &mut HashMap<String, Vec<Value>>| {
            Value::Array(table.remove(&id).unwrap_or_default())
        };
        service.insert("phones".into(), take(&mut self.phones));
        service.insert("service_areas".into(), take(&mut self.areas));
        service.insert("languages".into(), take(&mut self.languages));
        service.insert("schedules".into(), take(&mut self.schedules));
        let links = self.links.remove(&id).unwrap_or_default();
        let attributes = self.attributes.remove(&id).unwrap_or_default();
        let at: Vec<Value> = links
            .into_iter()
            .map(|link| nest(link, "location_id", "location", self.locations))
            .collect();
        service.insert("service_at_locations".into(), Value::Array(at));
        let attrs: Vec<Value> = attributes
            .into_iter()
            .map(|a| nest(a, "taxonomy_term_id", "taxonomy_term", &self.terms))
            .collect();
        service.insert("attributes".into(), Value::Array(attrs));
        Value::Object(service)
    }
}

/// A link row with the record its `key` names nested under `into`.
fn nest(mut row: Value, key: &str, into: &str, records: &HashMap<String, Value>) -> Value {
    let target = row
        .get(key)
        .and_then(Value::as_str)
        .and_then(|k| records.get(k))
        .cloned();
    if let (Some(target), Value::Object(map)) = (target, &mut row) {
        map.insert(into.into(), target);
    }
    row
}

/// A tabular package: organizations.csv with its services, phones, locations and their
/// addresses, service areas, languages, schedules and taxonomy terms joined in, as the
/// JSON form nests them. Each table is read once and joined through maps: linear.
fn read_tabular(dir: &Path, problems: &mut Vec<String>) -> Result<Vec<Value>, String> {
    let organizations = read_table(dir, "organizations.csv", problems)?;
    if organizations.is_empty() {
        return Err("a package directory needs organizations.csv with rows".into());
    }
    let services = read_table(dir, "services.csv", problems)?;
    let phones = read_table(dir, "phones.csv", problems)?;
    let mut service_phones = HashMap::new();
    let mut org_phones = HashMap::new();
    for phone in phones {
        let key = |k: &str| phone.get(k).and_then(Value::as_str).map(str::to_string);
        if let Some(service) = key("service_id") {
            service_phones
                .entry(service)
                .or_insert_with(Vec::new)
                .push(Value::Object(phone));
        } else if let Some(org) = key("organization_id") {
            org_phones
                .entry(org)
                .or_insert_with(Vec::new)
                .push(Value::Object(phone));
        }
    }
    let mut addresses = group_by(read_table(dir, "addresses.csv", problems)?, "location_id");
    let mut locations: HashMap<String, Value> = HashMap::new();
    let mut org_locations: HashMap<String, Vec<String>> = HashMap::new();
    for mut location in read_table(dir, "locations.csv", problems)? {
        let id = id_of(&location);
        location.insert(
            "addresses".into(),
            Value::Array(addresses.remove(&id).unwrap_or_default()),
        );
        if let Some(org) = location.get("organization_id").and_then(Value::as_str) {
            org_locations
                .entry(org.to_string())
                .or_default()
                .push(id.clone());
        }
        locations.insert(id, Value::Object(location));
    }
    let service_locations = group_by(
        read_table(dir, "service_at_location.csv", problems)?,
        "service_id",
    );
    let areas = group_by(
        read_table(dir, "service_areas.csv", problems)?,
        "service_id",
    );
    let languages = group_by(read_table(dir, "languages.csv", problems)?, "service_id");
    let schedules = group_by(read_table(dir, "schedules.csv", problems)?, "service_id");
    let terms: HashMap<String, Value> = read_table(dir, "taxonomy_terms.csv", problems)?
        .into_iter()
        .map(|t| (id_of(&t), Value::Object(t)))
        .collect();
    let attributes = group_by(read_table(dir, "attributes.csv", problems)?, "link_id");
    let mut joins = ServiceJoins {
        phones: service_phones,
        areas,
        languages,
        schedules,
        links: service_locations,
        locations: &locations,
        attributes,
        terms,
    };
    let mut org_services: HashMap<String, Vec<Value>> = HashMap::new();
    for service in services {
        let org = service
            .get("organization_id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        org_services
            .entry(org)
            .or_default()
            .push(joins.service(service));
    }
    Ok(organizations
        .into_iter()
        .map(|mut org| {
            let id = id_of(&org);
            org.insert(
                "phones".into(),
                Value::Array(org_phones.remove(&id).unwrap_or_default()),
            );
            let own_locations: Vec<Value> = org_locations
                .remove(&id)
                .unwrap_or_default()
                .iter()
                .filter_map(|l| locations.get(l).cloned())
                .collect();
            org.insert("locations".into(), Value::Array(own_locations));
            org.insert(
                "services".into(),
                Value::Array(org_services.remove(&id).unwrap_or_default()),
            );
            Value::Object(org)
        })
        .collect())
}

/// Text as one line without controls (overlays refuse line breaks and control characters).
fn one_line(text: &str) -> String {
    super::records::clean(text).unwrap_or_default()
}

/// A RON string literal.
fn ron_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in one_line(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn text<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// An overlay id from a name and the record's own id: readable and unique.
fn slug(name: &str, record_id: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let tail: String = record_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect::<String>()
        .to_lowercase();
    let slug = slug.trim_end_matches('-');
    match (slug.is_empty(), tail.is_empty()) {
        (true, true) => "imported".to_string(),
        (true, false) => format!("hsds-{tail}"),
        (false, true) => slug.to_string(),
        (false, false) => format!("{slug}-{tail}"),
    }
}

fn convert(data: &Dataset, records: &[Value], file: &str) -> Import {
    let mut importer = Importer {
        data,
        matcher: Matcher::new(data, crate::matching::tables::bundled_tables_unchecked()),
        bundled: data
            .organizations
            .iter()
            .map(|o| super::export::hsds_id("organization", &o.id))
            .collect(),
        file,
        twins: Twins::new(data),
        used_ids: data
            .organizations
            .iter()
            .map(|o| o.id.to_string())
            .collect(),
        suffixes: HashMap::new(),
        organizations: String::new(),
        referrals: String::new(),
        import: Import {
            ron: String::new(),
            problems: Vec::new(),
            bundled_skipped: 0,
            organizations: 0,
            referrals: 0,
        },
    };
    for (n, record) in records.iter().enumerate() {
        importer.add(n, record);
    }
    let Importer {
        organizations,
        referrals,
        mut import,
        ..
    } = importer;
    import.ron = format!(
        "// Imported by htref {} from {} (HSDS 3.0). Check it with `htref data check FILE`.\n#![enable(implicit_some)]\nOverlay(\n    organizations: [\n{organizations}    ],\n    referrals: [\n{referrals}    ],\n)\n",
        env!("CARGO_PKG_VERSION"),
        one_line(file)
    );
    import
}

/// The state of one import: what the feed is matched against, and the overlay so far.
struct Importer<'d> {
    data: &'d Dataset,
    matcher: Matcher<'d>,
    /// The HSDS ids of htref's own organizations, which are not imported again.
    bundled: HashSet<String>,
    file: &'d str,
    /// htref's own records and the feed's earlier ones, which are not imported again.
    twins: Twins<'d>,
    /// Ids taken: htref's own and those given above.
    used_ids: HashSet<String>,
    /// The last number given after each name's id.
    suffixes: HashMap<String, usize>,
    organizations: String,
    referrals: String,
    import: Import,
}

impl Importer<'_> {
    /// One organization record, with its services: an overlay organization and its need
    /// referrals, or a reason it was left out.
    fn add(&mut self, n: usize, record: &Value) {
        let record_id = text(record, "id").unwrap_or_default();
        if self.bundled.contains(record_id) {
            self.import.bundled_skipped += 1;
            return;
        }
        let Some(name) = text(record, "name") else {
            self.import
                .problems
                .push(format!("record {}: an organization needs a name", n + 1));
            return;
        };
        // The same rules as the database's import: a copy of htref's own record or a
        // repeat of an earlier one is reported, not written twice.
        if let Some(org) = super::records::organization(record, n).organization
            && let Some(Twin::Bundled(why) | Twin::Repeat(why)) = self.twins.of(&org)
        {
            self.import.problems.push(why);
            return;
        }
        // Never a bundled id ("NCMEC" with no id of its own is not htref's NCMEC), never
        // one used above: a number after the name, counted per name so that many
        // records of one name cost no more than one each.
        let base = slug(name, record_id);
        let mut id = base.clone();
        let next = self.suffixes.entry(base.clone()).or_insert(1);
        while self.used_ids.contains(&id) {
            *next += 1;
            id = format!("{base}-{next}");
        }
        self.used_ids.insert(id.clone());
        let services: Vec<&Value> = record
            .get("services")
            .and_then(Value::as_array)
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        let description = text(record, "description")
            .or_else(|| services.iter().find_map(|s| text(s, "description")))
            .unwrap_or(name);
        self.organization(&id, name, description, record, &services);
        self.import.organizations += 1;
        let texts: Vec<String> = if services.is_empty() {
            vec![format!("{name} {description}")]
        } else {
            services
                .iter()
                .map(|s| {
                    format!(
                        "{} {}",
                        text(s, "name").unwrap_or_default(),
                        text(s, "description").unwrap_or_default()
                    )
                })
                .collect()
        };
        self.need_referrals(&id, name, &texts);
    }

    fn organization(
        &mut self,
        id: &str,
        name: &str,
        description: &str,
        record: &Value,
        services: &[&Value],
    ) {
        let (contacts, outside) =
            contacts_of(id, name, record, services, &mut self.import.problems);
        let out = &mut self.organizations;
        let _ = write!(
            out,
            "        Organization(\n            id: {},\n            name: {},\n",
            ron_string(id),
            ron_string(name)
        );
        if let Some(alternate) = text(record, "alternate_name") {
            let _ = writeln!(out, "            acronym: {},", ron_string(alternate));
        }
        // Numbers htref cannot dial as U.S. lines are kept as the record writes them.
        let kept = if outside.is_empty() {
            String::new()
        } else {
            format!(
                "Role(text: {}, sources: []),",
                ron_string(&format!(
                    "Other ways to reach it, as the HSDS record writes them: {}",
                    outside.join("; ")
                ))
            )
        };
        let _ = write!(
            out,
            "            kind: Partner,\n            track: Services,\n            independent: {},\n            summary: {},\n            roles: [{kept}],\n            contacts: [\n{contacts}            ],\n",
            ron_string(&format!("Imported from an HSDS feed ({})", self.file)),
            ron_string(description),
        );
        if contacts.is_empty() {
            let why = if outside.is_empty() {
                "The HSDS record gives no phone, web address or email."
            } else {
                "No U.S. number or https address in the HSDS record; its other ways to reach it are under what it does."
            };
            let _ = writeln!(out, "            no_contact: {},", ron_string(why));
        }
        out.push_str("        ),\n");
    }

    /// Each service goes into the needs its own words describe, strongest first (a few at
    /// most: a service is not everything its description touches).
    fn need_referrals(&mut self, id: &str, name: &str, texts: &[String]) {
        let mut needs_added = HashSet::new();
        for words in texts {
            for found in self
                .matcher
                .find(words)
                .needs
                .iter()
                .take(NEEDS_PER_SERVICE)
            {
                let need = &self.data.needs[found.need];
                if !needs_added.insert(need.id.to_string()) {
                    continue;
                }
                let why: String = format!("{name}: {}", words.trim())
                    .chars()
                    .take(200)
                    .collect();
                let _ = writeln!(
                    self.referrals,
                    "        (need: {}, org: {}, why: {}),",
                    ron_string(&need.id),
                    ron_string(id),
                    ron_string(&why)
                );
                self.import.referrals += 1;
            }
        }
    }
}

/// The ways to reach an organization: its own and its services' phones (U.S. numbers as
/// htref contacts; others kept as written), web addresses and emails. Returns the
/// contacts' RON and the numbers outside the U.S.
fn contacts_of(
    id: &str,
    name: &str,
    record: &Value,
    services: &[&Value],
    problems: &mut Vec<String>,
) -> (String, Vec<String>) {
    let mut ron = String::new();
    let mut outside = Vec::new();
    let mut seen_digits = HashSet::new();
    let mut count = 0;
    // The organization's own record and its services', where phones, sites and emails sit.
    let holders: Vec<&Value> = std::iter::once(record)
        .chain(services.iter().copied())
        .collect();
    let phones = holders
        .iter()
        .filter_map(|v| v.get("phones").and_then(Value::as_array))
        .flatten();
    for phone_record in phones {
        let Some(number) = text(phone_record, "number") else {
            continue;
        };
        // Some feeds quote the number inside the cell ("\"+44 1234 234567\"").
        let number = number.trim_matches(|c| c == '"' || c == '\'').trim();
        let kind = match text(phone_record, "type").unwrap_or("voice") {
            "voice" | "cell" => "Voice",
            "text" => "Text",
            "textphone" => "Tty",
            "video" => "Video",
            other => {
                outside.push(format!("{number} ({other})"));
                continue;
            }
        };
        match phone::parse(number) {
            // Kept as written, never as a line to dial: its area code cannot exist.
            Ok(parsed)
                if parsed.kind == phone::NumberKind::UsNumber
                    && !phone::area_code_can_exist(&parsed.digits) =>
            {
                problems.push(format!(
                    "{name}: phone {number:?} kept as written, not dialable (its area code cannot exist)"
                ));
                outside.push(number.to_string());
            }
            Ok(parsed) if crate::data::fits(kind_of(kind), parsed.kind) => {
                if !seen_digits.insert(parsed.digits.clone()) {
                    continue;
                }
                count += 1;
                let label = text(phone_record, "description")
                    .map_or_else(|| format!("{name} phone"), |d| d.chars().take(80).collect());
                let _ = writeln!(
                    ron,
                    "                Contact(id: {}, kind: {kind}, label: {}, number: {}),",
                    ron_string(&format!("{id}-phone-{count}")),
                    ron_string(&label),
                    ron_string(number)
                );
            }
            Ok(_) | Err(phone::PhoneError::BadCountryCode) => outside.push(number.to_string()),
            Err(e) => problems.push(format!(
                "{name}: phone {number:?} is not a phone number ({e}); left out"
            )),
        }
    }
    let sites = holders
        .iter()
        .flat_map(|v| [text(v, "website"), text(v, "url")])
        .flatten();
    let mut seen = HashSet::new();
    for (n, url) in sites.filter(|u| seen.insert(u.to_string())).enumerate() {
        if url.starts_with("https://") {
            let _ = writeln!(
                ron,
                "                Contact(id: {}, kind: Web, label: {}, url: {}),",
                ron_string(&format!("{id}-web-{}", n + 1)),
                ron_string("Web page"),
                ron_string(url)
            );
        } else {
            outside.push(format!("{url} (not an https address)"));
        }
    }
    ron.push_str(&email_contacts(id, name, &holders, problems));
    let mut seen = HashSet::new();
    outside.retain(|o| seen.insert(o.clone()));
    (ron, outside)
}

/// The emails of an organization and its services as overlay contacts. Only plain
/// addresses: one with a line break or free text is reported, not written into an overlay
/// that `data check` would refuse.
fn email_contacts(id: &str, name: &str, holders: &[&Value], problems: &mut Vec<String>) -> String {
    let mut ron = String::new();
    let raw_emails = holders
        .iter()
        .filter_map(|v| v.get("email").and_then(Value::as_str));
    let mut emails = Vec::new();
    for raw in raw_emails {
        match super::records::email(raw) {
            Ok(address) => emails.push(address),
            Err(why) => problems.push(format!(
                "{name}: email {:?} left out ({why})",
                one_line(raw)
            )),
        }
    }
    let mut seen = HashSet::new();
    for (n, email) in emails
        .iter()
        .filter(|e| seen.insert((*e).clone()))
        .enumerate()
    {
        let _ = writeln!(
            ron,
            "                Contact(id: {}, kind: Email, label: {}, email: {}),",
            ron_string(&format!("{id}-email-{}", n + 1)),
            ron_string("Email"),
            ron_string(email)
        );
    }
    ron
}

fn kind_of(kind: &str) -> crate::data::ContactKind {
    use crate::data::ContactKind;
    match kind {
        "Text" => ContactKind::Text,
        "Tty" => ContactKind::Tty,
        "Video" => ContactKind::Video,
        _ => ContactKind::Voice,
    }
}
