//! Reading a feed into HSDS records as JSON values in the specification's nested shape:
//! a JSON file record by record ([`super::json_feed`]), or a tabular package's tables
//! joined into organizations with their services inside.

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;

/// The largest feed file (or table of a package) htref reads: a feed streams record by
/// record into the database, so its size is bounded by the disk, not by memory; the cap
/// only keeps a wrong file (a disk image) from being read for minutes.
pub(crate) const MAX_FEED_BYTES: u64 = 1 << 30;

/// The organizations of a feed, each with its services inside, as JSON values; rows of a
/// package that are no records go to `problems`.
pub(super) fn read_records(path: &Path, problems: &mut Vec<String>) -> Result<Vec<Value>, String> {
    let mut records = Vec::new();
    each_record(path, problems, &mut |record| {
        records.push(record);
        Ok(())
    })?;
    Ok(records)
}

/// Hands each organization of a feed to `take` as it is read: a JSON feed streams, one
/// record in memory at a time; a package's tables are joined first.
pub(super) fn each_record(
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
    if !meta.is_file() || meta.len() > MAX_FEED_BYTES {
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
    if meta.len() > MAX_FEED_BYTES {
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
