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
    // The feed is kept with its absolute path, so `--name NAME` alone imports it again
    // from anywhere.
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let path = absolute.as_path();
    // A package's descriptor is named for its folder, as the folder would be.
    let named = if path.file_name().is_some_and(|n| n == "datapackage.json") {
        path.parent().and_then(Path::file_name)
    } else {
        path.file_name()
    };
    let feed_name = name.map_or_else(
        || named.map_or_else(|| "feed".to_string(), |n| n.to_string_lossy().into_owned()),
        str::to_string,
    );
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
    let version = read.map_err(|why| match why {
        ReadError::NotHsds(why) => crate::error::DataError(format!(
            "{shown}: {why}; give an HSDS JSON file, or a tabular package's folder or its datapackage.json (the database is unchanged)"
        )),
        ReadError::Refused(why) => {
            crate::error::DataError(format!("{why} (the database is unchanged)"))
        }
        ReadError::Stopped => crate::error::DataError(format!("{shown}: the reading stopped")),
    })?;
    let problems = read_problems.len() + local.problems.len();
    let feed = crate::data::local_db::Feed {
        name: feed_name.clone(),
        file: path.to_string_lossy().into_owned(),
        imported: crate::clock::today().to_string(),
        organizations: count(local.organizations),
        services: count(local.services),
        problems: count(problems),
        merged: count(local.merged),
    };
    import.finish(&feed).map_err(crate::error::DataError)?;
    let mut stderr = std::io::stderr().lock();
    read_problems.report(&mut stderr, verbose)?;
    report_grouped(&mut stderr, &local.problems, verbose)?;
    writeln!(
        out,
        "Imported {} (read as an {version}): {} organizations, {} services into {}{}{}.",
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

/// The path the feed `name` was imported from, for `data import --name NAME` given no
/// path: a feed the database does not hold, or whose file is gone, is one line saying
/// what to give instead.
pub fn stored_path(db: &Path, asked: bool, name: &str) -> anyhow::Result<std::path::PathBuf> {
    let shown_name = crate::render::one_line(name);
    let feeds = match crate::data::local_db::LocalDb::open_for_reading(db)
        .map_err(crate::error::DataError)?
    {
        Some(db) => db.feeds().map_err(crate::error::DataError)?,
        None if asked => {
            return Err(crate::error::DataError(crate::data::local_db::missing(db)).into());
        }
        None => Vec::new(),
    };
    let Some(feed) = feeds.into_iter().find(|f| f.name == name) else {
        return Err(crate::error::UsageError(format!(
            "no feed named {shown_name} in {}: give the feed's PATH (`htref data feeds` lists the feeds)",
            crate::render::path(db)
        ))
        .into());
    };
    let path = std::path::PathBuf::from(&feed.file);
    if !path.is_absolute() || std::fs::metadata(&path).is_err() {
        return Err(crate::error::DataError(format!(
            "feed {shown_name} was imported from {}, which htref cannot read now: give its PATH",
            crate::render::path(&path)
        ))
        .into());
    }
    Ok(path)
}

/// The problems of an import's records, one line for each kind: the records that share a
/// reason (their quoted values aside: each site not https is the same problem) are counted
/// on one line naming the first records, so a feed of thousands of records gives a report a
/// reader can take in; `verbose` gives each on its own line.
pub(super) fn report_grouped(
    stderr: &mut dyn Write,
    problems: &[String],
    verbose: bool,
) -> std::io::Result<()> {
    /// How many records a summary line names before "and N more".
    const NAMED: usize = 5;
    if verbose {
        return report(stderr, problems);
    }
    // Grouped in the order each reason first appears.
    let mut groups: Vec<(String, Vec<&str>, &String)> = Vec::new();
    for problem in problems {
        let (record, reason) = match problem
            .strip_prefix("record ")
            .and_then(|rest| rest.split_once(": "))
        {
            Some((record, reason)) => (record, unquoted(reason)),
            None => ("", problem.clone()),
        };
        match groups.iter_mut().find(|(r, _, _)| *r == reason) {
            Some((_, records, _)) => records.push(record),
            None => groups.push((reason, vec![record], problem)),
        }
    }
    for (reason, records, first) in groups {
        let line = if records.len() == 1 {
            first.clone()
        } else {
            let more = if records.len() > NAMED {
                format!(
                    " and {} more; `--verbose` lists each",
                    records.len() - NAMED
                )
            } else {
                String::new()
            };
            format!(
                "{} records: {reason} (records {}{more})",
                records.len(),
                records[..records.len().min(NAMED)].join("; ")
            )
        };
        report(stderr, &[line])?;
    }
    Ok(())
}

/// A reason with each quoted value (`"www.example.org"`) made `"…"`: the reasons records
/// share.
fn unquoted(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut parts = reason.split('"');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    // Every other part is inside quotes; an unbalanced last one stays as it is.
    let rest: Vec<&str> = parts.collect();
    let mut i = 0;
    while i < rest.len() {
        if i + 1 < rest.len() {
            out.push_str("\"…\"");
            out.push_str(rest[i + 1]);
            i += 2;
        } else {
            out.push('"');
            out.push_str(rest[i]);
            i += 1;
        }
    }
    out
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
/// a feed's copy of the hotline or of a federal office (its name, and no number but that
/// office's) is that office; a record that repeats an earlier one is the same record; a
/// record named like the hotline with another number is refused; and a record that lists
/// a federal number or 911, 711 or 233733 among its own keeps everything but that line.
pub(super) struct Twins<'d> {
    data: &'d Dataset,
    /// htref's own organizations by both look-alike keys of their names and old names
    /// ([`crate::text::look_alike_keys`]), so `HotIine` with a capital I is the hotline.
    bundled_names: HashMap<String, usize>,
    /// htref's own lines by their digits (ten, or a short code such as 711), each with
    /// every organization that lists it (711 is the relay service's and the hotline's).
    bundled_digits: HashMap<String, Vec<usize>>,
    /// The look-alike keys of the hotline's names: a name that holds one claims to be it.
    hotline_keys: Vec<String>,
    hotline: Option<usize>,
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
    /// It is named like the hotline but gives another number: no local record may stand
    /// for the hotline.
    Impostor(String),
}

/// The number every answer carries without a source, which no local record may own.
const EMERGENCY: &str = "911";

impl<'d> Twins<'d> {
    pub(super) fn new(data: &'d Dataset) -> Twins<'d> {
        let mut bundled_names = HashMap::new();
        let mut bundled_digits = HashMap::new();
        let hotline = data
            .organizations
            .iter()
            .position(|o| o.id.as_ref() == crate::data::HOTLINE_ORG);
        let mut hotline_keys = Vec::new();
        for (i, org) in data.organizations.iter().enumerate() {
            let names = std::iter::once(org.name.as_ref())
                .chain(org.aliases.iter().map(|a| a.name.as_ref()));
            for name in names {
                let keys = crate::text::look_alike_keys(name);
                if Some(i) == hotline {
                    hotline_keys.extend(keys.iter().cloned());
                }
                for key in keys {
                    bundled_names.entry(key).or_insert(i);
                }
            }
            for contact in org.contacts.iter() {
                if let Some(digits) = &contact.digits {
                    let owners: &mut Vec<usize> =
                        bundled_digits.entry(digits.to_string()).or_default();
                    if !owners.contains(&i) {
                        owners.push(i);
                    }
                }
            }
        }
        Twins {
            data,
            bundled_names,
            bundled_digits,
            hotline_keys,
            hotline,
            seen: HashSet::new(),
        }
    }

    /// The digits a phone is dialed by: its ten digits, else the digits of a short code
    /// as written ("711", "233733", "911").
    fn dialed(phone: &crate::data::local_db::LocalPhone) -> Option<String> {
        if let Some(digits) = &phone.digits {
            return Some(digits.clone());
        }
        let digits: String = phone.number.chars().filter(char::is_ascii_digit).collect();
        (digits.len() <= 6 && !digits.is_empty()).then_some(digits)
    }

    /// Whether htref's own organization `org` lists these digits.
    fn listed_by(&self, digits: &str, org: usize) -> bool {
        self.bundled_digits
            .get(digits)
            .is_some_and(|owners| owners.contains(&org))
    }

    /// The bundled organization a name looks like, by either key.
    fn named_like(&self, name: &str) -> Option<usize> {
        crate::text::look_alike_keys(name)
            .iter()
            .find_map(|key| self.bundled_names.get(key).copied())
    }

    /// Whether a name claims to be the hotline: it looks like the hotline's name or one of
    /// its old names, or holds one ("National Human Trafficking Hotline (Fresno office)").
    fn claims_the_hotline(&self, name: &str) -> bool {
        crate::text::look_alike_keys(name).iter().any(|key| {
            self.hotline_keys.iter().any(|hotline| {
                // A short name ("NHTRC", "human trafficking hotline") only as the whole
                // name: among other words it is part of a program's own name ("Fresno
                // County Human Trafficking Hotline"). A full name (four words or more)
                // is the hotline's wherever it stands.
                key == hotline
                    || (hotline.split(' ').count() >= 4
                        && (key.starts_with(&format!("{hotline} "))
                            || key.ends_with(&format!(" {hotline}"))
                            || key.contains(&format!(" {hotline} "))))
            })
        })
    }

    /// Whether this record is htref's own, a repeat or an impostor, with the report to
    /// give; `None` when it is a record of its own.
    pub(super) fn of(&mut self, org: &crate::data::local_db::LocalOrganization) -> Option<Twin> {
        let record = org.hsds_id.as_deref().unwrap_or(&org.name);
        let all_digits: Vec<String> = org
            .phones
            .iter()
            .chain(org.services.iter().flat_map(|s| s.phones.iter()))
            .filter_map(Self::dialed)
            .collect();
        let names =
            std::iter::once(org.name.as_str()).chain(org.services.iter().map(|s| s.name.as_str()));
        let claimed = names.clone().find(|name| self.claims_the_hotline(name));
        if let (Some(name), Some(hotline)) = (claimed, self.hotline) {
            let own: Vec<&String> = all_digits
                .iter()
                .filter(|d| !self.listed_by(d, hotline))
                .collect();
            if own.is_empty() {
                return Some(Twin::Bundled(format!(
                    "record {record}: it is htref's own {} (same name, no other number): merged into it, not imported again",
                    self.data.organizations[hotline].name
                )));
            }
            return Some(Twin::Impostor(format!(
                "record {record}: named like the {} (\"{}\") with another number ({}): refused, only the hotline answers as the hotline",
                self.data.organizations[hotline].name,
                crate::render::one_line(name),
                own[0]
            )));
        }
        // A federal office's copy: its name, and no number but that office's own. With a
        // number of its own it is a local office of that agency, kept as a local record.
        if let Some(twin) = self.named_like(&org.name)
            && all_digits.iter().all(|d| self.listed_by(d, twin))
        {
            return Some(Twin::Bundled(format!(
                "record {record}: it is htref's own {} (same name, no other number): merged into it, not imported again",
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

    /// Takes out of a record kept as its own the lines that are not its own: a federal
    /// office's number (the answer gives that office's row), and 911, 711 or 233733 (the
    /// answer gives them where they belong). The record stays, with each line's report.
    pub(super) fn drop_borrowed_lines(
        &self,
        org: &mut crate::data::local_db::LocalOrganization,
    ) -> Vec<String> {
        let record = org.hsds_id.clone().unwrap_or_else(|| org.name.clone());
        let mut reports = Vec::new();
        let mut keep = |phone: &crate::data::local_db::LocalPhone| -> bool {
            let Some(digits) = Self::dialed(phone) else {
                return true;
            };
            let owner = if digits == EMERGENCY {
                Some("emergency services (911)".to_string())
            } else {
                self.bundled_digits
                    .get(&digits)
                    .and_then(|owners| owners.first())
                    .map(|&i| self.data.organizations[i].name.to_string())
            };
            match owner {
                Some(owner) => {
                    reports.push(format!(
                        "record {record}: phone {} is the line of {owner}, not this record's own: left off it (the record is kept)",
                        crate::render::one_line(&phone.number)
                    ));
                    false
                }
                None => true,
            }
        };
        org.phones.retain(&mut keep);
        for service in &mut org.services {
            service.phones.retain(&mut keep);
        }
        reports
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
            matcher: Matcher::new(data, crate::matching::tables::bundled()),
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
            Some(Twin::Repeat(why) | Twin::Impostor(why)) => {
                self.problems.push(why);
                return None;
            }
            None => {}
        }
        let borrowed = self.twins.drop_borrowed_lines(&mut org);
        self.problems.extend(borrowed);
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
