//! `htref data import FEED --to-overlay`: the feed as a RON overlay to review by hand,
//! which always passes `data check` (ids never a bundled one, emails validated, numbers
//! that cannot be dialed kept as notes).

use super::import::{NEEDS_PER_SERVICE, Twin, Twins};
use super::read::{Problems, ReadError, each_record};
use crate::data::local_records::{self, contact, partner};
use crate::data::overlay::{LocalReferral, Overlay};
use crate::data::{Contact, ContactKind, Dataset, List, Role};
use crate::exit_codes::ExitCode;
use crate::matching::Matcher;
use crate::phone;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// What an import made: what it could not take, what it skipped.
struct Import {
    problems: Vec<String>,
    bundled_skipped: usize,
    organizations: usize,
    referrals: usize,
}

/// The most organizations a feed may hold to become an overlay: the most one overlay holds.
/// An overlay is read whole and checked by every answer, and is meant to be read by hand; a
/// directory's feed belongs in the local database, which answers from an index.
pub const MAX_FEED_ORGANIZATIONS: usize = crate::data::overlay::MAX_OVERLAY_ORGANIZATIONS;

pub fn run(path: &Path, verbose: bool, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let shown = crate::render::path(path);
    let refused = |why: ReadError| -> anyhow::Error {
        match why {
            ReadError::NotHsds(why) => crate::error::DataError(format!(
                "{shown}: {why}; give an HSDS JSON file, or a tabular package's folder or its datapackage.json"
            ))
            .into(),
            ReadError::Refused(why) => crate::error::DataError(why).into(),
            ReadError::Stopped => crate::error::UsageError(format!(
                "{shown} holds more than {MAX_FEED_ORGANIZATIONS} organizations, more than an overlay holds (every answer reads an overlay whole); import it into the local database instead: `htref data import {shown}`"
            ))
            .into(),
        }
    };
    // A package's organizations are counted before its tables are joined in memory.
    if super::read::package_organizations(path).map_err(refused)? > MAX_FEED_ORGANIZATIONS {
        return Err(refused(ReadError::Stopped));
    }
    let data = crate::data::bundled();
    let mut importer = Importer::new(&data, &shown);
    let mut read_problems = Problems::default();
    // Records are converted as they are read, and the reading stops at the first record
    // past the limit: memory stays that of an overlay, whatever the feed's size.
    let mut records = 0;
    each_record(path, &mut read_problems, &mut |record| {
        if records == MAX_FEED_ORGANIZATIONS {
            return false;
        }
        importer.add(records, record);
        records += 1;
        true
    })
    .or_else(|why| {
        // The rows that could not be read say why the feed could not be.
        read_problems.report(&mut std::io::stderr().lock(), verbose)?;
        Err(refused(why))
    })?;
    let (ron, import) = importer.finish();
    out.write_all(ron.as_bytes())?;
    let mut stderr = std::io::stderr().lock();
    read_problems.report(&mut stderr, verbose)?;
    super::import::report_grouped(&mut stderr, &import.problems, verbose)?;
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
    Ok(if import.problems.is_empty() && read_problems.len() == 0 {
        ExitCode::Found
    } else {
        ExitCode::Data
    })
}

/// Text as one line without controls (overlays refuse line breaks and control characters).
fn one_line(text: &str) -> String {
    super::records::clean(text).unwrap_or_default()
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

impl<'d> Importer<'d> {
    fn new(data: &'d Dataset, file: &'d str) -> Importer<'d> {
        Importer {
            data,
            matcher: Matcher::new(data, crate::matching::tables::bundled()),
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
            overlay: Overlay::default(),
            import: Import {
                problems: Vec::new(),
                bundled_skipped: 0,
                organizations: 0,
                referrals: 0,
            },
        }
    }

    /// The overlay's text, and what the import met.
    fn finish(self) -> (String, Import) {
        // The overlay is serialized, not written from templates: whatever a feed holds,
        // the text reads back as the same value.
        let config = ron::ser::PrettyConfig::new()
            .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
            .struct_names(true);
        let body = ron::ser::to_string_pretty(&self.overlay, config)
            .expect("an overlay of strings, lists and enums serializes");
        let ron = format!(
            "// Imported by htref {} from {} (HSDS 3.0). Check it with `htref data check FILE`.\n{body}\n",
            env!("CARGO_PKG_VERSION"),
            one_line(self.file)
        );
        (ron, self.import)
    }
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
    overlay: Overlay,
    import: Import,
}

impl Importer<'_> {
    /// One organization record, with its services: an overlay organization and its need
    /// referrals, or a reason it was left out.
    fn add(&mut self, n: usize, mut record: Value) {
        // Every text as an overlay must hold it: one line, nothing that drives a terminal
        // or hides (what `data check` refuses), so the overlay always passes it.
        if let Some(c) = super::records::clean_record(&mut record) {
            let who = text(&record, "id")
                .or_else(|| text(&record, "name"))
                .map_or_else(|| format!("record {}", n + 1), |id| format!("record {id}"));
            self.import.problems.push(format!(
                "{who}: control or hidden characters (the first U+{:04X}) taken out of its texts",
                u32::from(c)
            ));
        }
        let record = &record;
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
            && let Some(Twin::Bundled(why) | Twin::Repeat(why) | Twin::Impostor(why)) =
                self.twins.of(&org)
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
        let mut org = partner(
            id,
            name,
            description,
            format!("Imported from an HSDS feed ({})", self.file),
        );
        org.acronym = text(record, "alternate_name").map(local_records::text);
        // Numbers htref cannot dial as U.S. lines are kept as the record writes them.
        if !outside.is_empty() {
            org.roles = vec![Role {
                text: local_records::text(format!(
                    "Other ways to reach it, as the HSDS record writes them: {}",
                    outside.join("; ")
                )),
                text_es: None,
                sources: List::default(),
            }]
            .into();
        }
        if contacts.is_empty() {
            let why = if outside.is_empty() {
                "The HSDS record gives no phone, web address or email."
            } else {
                "No U.S. number or https address in the HSDS record; its other ways to reach it are under what it does."
            };
            org.no_contact = Some(local_records::text(why));
        }
        org.contacts = contacts.into();
        self.overlay.organizations.push(org);
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
                let why = crate::text::cut(&format!("{name}: {}", words.trim()), 200).to_string();
                self.overlay.referrals.push(LocalReferral {
                    need: need.id.to_string(),
                    org: id.to_string(),
                    why,
                    contacts: Vec::new(),
                    for_askers: Vec::new(),
                    rank: None,
                });
                self.import.referrals += 1;
            }
        }
    }
}

/// The ways to reach an organization: its own and its services' phones (U.S. numbers as
/// htref contacts; others kept as written), web addresses and emails. Returns the
/// contacts and the numbers outside the U.S.
fn contacts_of(
    id: &str,
    name: &str,
    record: &Value,
    services: &[&Value],
    problems: &mut Vec<String>,
) -> (Vec<Contact>, Vec<String>) {
    let mut contacts = Vec::new();
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
                let label = text(phone_record, "description").map_or_else(
                    || format!("{name} phone"),
                    |d| crate::text::cut(d, 80).to_string(),
                );
                let mut c = contact(format!("{id}-phone-{count}"), kind_of(kind), label);
                c.number = Some(local_records::text(number));
                contacts.push(c);
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
            let mut c = contact(format!("{id}-web-{}", n + 1), ContactKind::Web, "Web page");
            c.url = Some(local_records::text(url));
            contacts.push(c);
        } else {
            outside.push(format!("{url} (not an https address)"));
        }
    }
    contacts.extend(email_contacts(id, name, &holders, problems));
    let mut seen = HashSet::new();
    outside.retain(|o| seen.insert(o.clone()));
    (contacts, outside)
}

/// The emails of an organization and its services as overlay contacts. Only plain
/// addresses: one with a line break or free text is reported, not written into an overlay
/// that `data check` would refuse.
fn email_contacts(
    id: &str,
    name: &str,
    holders: &[&Value],
    problems: &mut Vec<String>,
) -> Vec<Contact> {
    let mut contacts = Vec::new();
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
        let mut c = contact(format!("{id}-email-{}", n + 1), ContactKind::Email, "Email");
        c.email = Some(local_records::text(email.as_str()));
        contacts.push(c);
    }
    contacts
}

fn kind_of(kind: &str) -> ContactKind {
    match kind {
        "Text" => ContactKind::Text,
        "Tty" => ContactKind::Tty,
        "Video" => ContactKind::Video,
        _ => ContactKind::Voice,
    }
}
