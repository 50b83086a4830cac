//! `htref data import FEED`: an HSDS 3.0 feed (a 211's or a directory's) into the local
//! database under its name. JSON in any shape the specification uses (a list of
//! organizations, the API's paged `contents`, one organization, one service) or a tabular
//! package directory (read by [`super::read`]). Every record is imported or reported on
//! stderr with its reason; a feed's copies of htref's own records are merged into them.
//! Imported services are put into the needs the matcher reads in their names and
//! descriptions, so `who-handles` offers them. `--to-overlay` writes a RON overlay instead
//! ([`super::to_overlay`]).

use super::read::{Problems, ReadError, each_record};
use crate::data::Dataset;
use crate::exit_codes::ExitCode;
use crate::matching::Matcher;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// How many needs one imported service may be offered for.
pub(super) const NEEDS_PER_SERVICE: usize = 3;

/// `htref data import FEED`: the feed into the local database under its name (by default
/// the file's name), replacing that feed's earlier records and keeping the others.
pub fn run_into_db(
    path: &Path,
    name: Option<&str>,
    db_path: &Path,
    verbose: bool,
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
    let data = crate::data::bundled();
    let mut local = LocalImport::new(&data);
    let mut db = crate::data::local_db::LocalDb::open_for_writing(db_path)
        .map_err(crate::error::DataError)?;
    let mut import = db
        .begin_import(&feed_name)
        .map_err(crate::error::DataError)?;
    let mut read_problems = Problems::default();
    let mut n = 0;
    // A failed write stops the reading; it is the database's problem (a full disk, a
    // folder htref cannot write), never the feed's.
    let mut write_failed = None;
    let read = each_record(path, &mut read_problems, &mut |record| {
        if let Some(org) = local.read(n, &record)
            && let Err(why) = import.add(&org)
        {
            write_failed = Some(why);
            return false;
        }
        n += 1;
        true
    });
    if let Some(why) = write_failed {
        return Err(crate::error::DataError(why).into());
    }
    if read.is_err() {
        // The rows that could not be read say why the feed could not be.
        read_problems.report(&mut std::io::stderr().lock(), verbose)?;
    }
    read.map_err(|why| match why {
        ReadError::NotHsds(why) => crate::error::DataError(format!(
            "{shown}: {why}; give an HSDS 3.0 JSON file or a tabular package directory (the database is unchanged)"
        )),
        ReadError::Refused(why) => {
            crate::error::DataError(format!("{why} (the database is unchanged)"))
        }
        ReadError::Stopped => crate::error::DataError(format!("{shown}: the reading stopped")),
    })?;
    let problems = read_problems.len() + local.problems.len();
    let feed = crate::data::local_db::Feed {
        name: feed_name.clone(),
        file: shown.clone(),
        imported: crate::clock::today().to_string(),
        organizations: count(local.organizations),
        services: count(local.services),
        problems: count(problems),
        merged: count(local.merged),
    };
    import.finish(&feed).map_err(crate::error::DataError)?;
    let mut stderr = std::io::stderr().lock();
    read_problems.report(&mut stderr, verbose)?;
    report(&mut stderr, &local.problems)?;
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
        if problems == 0 {
            String::new()
        } else {
            format!("; {problems} problems reported above")
        }
    )?;
    Ok(if problems == 0 {
        ExitCode::Found
    } else {
        ExitCode::Data
    })
}

/// Each problem of an import on its own line of stderr, made safe to print.
pub(super) fn report(stderr: &mut dyn Write, problems: &[String]) -> std::io::Result<()> {
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
pub(super) struct Twins<'d> {
    data: &'d Dataset,
    /// Names (and old names) of htref's own organizations, lowercased, and their lines.
    bundled_names: HashMap<String, usize>,
    bundled_digits: HashMap<String, usize>,
    /// Records already kept, by a hash of their name and first number: eight bytes a
    /// record, so a million-record feed stays small.
    seen: HashSet<u64>,
}

/// Why a record is not imported on its own.
pub(super) enum Twin {
    /// It is one of htref's own records.
    Bundled(String),
    /// It repeats an earlier record of the feed.
    Repeat(String),
}

impl<'d> Twins<'d> {
    pub(super) fn new(data: &'d Dataset) -> Twins<'d> {
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
    pub(super) fn of(&mut self, org: &crate::data::local_db::LocalOrganization) -> Option<Twin> {
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
