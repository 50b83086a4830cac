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
use crate::data::local_db::{Fit, LocalService};
use crate::exit_codes::ExitCode;
use crate::matching::Matcher;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// How many needs the words of one imported service's name, or of its description, may
/// put it in: a service is not everything its description touches.
pub(super) const NEEDS_PER_SERVICE: usize = 3;
/// How many needs one imported service may be offered for in all (its taxonomy terms may
/// give more than its words).
const MAX_NEEDS_PER_SERVICE: usize = 8;

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
    // A zip archive is named without its ".zip", as its folder would be.
    let named = if path.file_name().is_some_and(|n| n == "datapackage.json") {
        path.parent().and_then(Path::file_name)
    } else if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        path.file_stem()
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
        states: None,
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
    local.report_terms(out, verbose)?;
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
    /// The bundled data's index: which office sits under which.
    index: crate::index::Index<'d>,
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
            index: crate::index::Index::new(data),
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
        // A federal office's copy with no services: its name, and no number but that
        // office's own. (Its services are each a copy or a local office: `offices`.)
        if org.services.is_empty()
            && let Some(twin) = self.named_like(&org.name)
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

    /// The bundled office a name is, without a leading "U.S." or "United States" a
    /// directory adds ("U.S. Immigration and Customs Enforcement"); never the hotline,
    /// which [`Twins::of`] answers for.
    fn office_named(&self, name: &str) -> Option<usize> {
        let trimmed = name.trim();
        let lower = trimmed.to_lowercase();
        let without = ["u.s. ", "u. s. ", "us ", "united states "]
            .iter()
            .find_map(|p| lower.starts_with(p).then(|| &trimmed[p.len()..]));
        std::iter::once(trimmed)
            .chain(without)
            .find_map(|n| {
                self.named_like(n).or_else(|| {
                    // An acronym a directory gives as the other name ("WHD").
                    self.data.organizations.iter().position(|o| {
                        o.acronym
                            .as_deref()
                            .is_some_and(|a| a.len() >= 2 && a.eq_ignore_ascii_case(n))
                    })
                })
            })
            .filter(|&i| Some(i) != self.hotline)
    }

    /// Whether bundled office `inner` is `outer` or sits under it.
    fn within(&self, inner: usize, outer: usize) -> bool {
        inner == outer || self.index.is_ancestor(outer, inner)
    }

    /// A federal office's record (its name is the office's): each of its services is a
    /// copy of the office (no number and no address of its own, or only the headquarters'
    /// in Washington, DC), merged into htref's own record, or a local office of it (a
    /// field or district office: a number or an address of its own), kept and marked with
    /// the office (the most specific one its name or other name gives: "WHD" for a
    /// district office of the Department of Labor). Returns the copies merged and their
    /// reports.
    pub(super) fn offices(
        &self,
        org: &mut crate::data::local_db::LocalOrganization,
    ) -> (usize, Vec<String>) {
        let Some(org_twin) = self.office_named(&org.name).or_else(|| {
            org.alternate_name
                .as_deref()
                .and_then(|n| self.office_named(n))
        }) else {
            return (0, Vec::new());
        };
        let record = org.hsds_id.clone().unwrap_or_else(|| org.name.clone());
        let org_places = org.locations.clone();
        let mut copies = 0;
        let mut reports = Vec::new();
        org.services.retain_mut(|service| {
            let own = std::iter::once(service.name.as_str())
                .chain(service.alternate_name.as_deref())
                .filter_map(|n| self.office_named(n))
                .find(|&twin| self.within(twin, org_twin));
            let twin = own.unwrap_or(org_twin);
            let own_number = service
                .phones
                .iter()
                .filter_map(Self::dialed)
                .any(|d| !self.bundled_digits.contains_key(&d));
            let placed_here = service
                .locations
                .iter()
                .any(|p| !org_places.contains(p) && p.state.as_deref() != Some("DC"));
            let office = &self.data.organizations[twin];
            if own_number || placed_here {
                service.office_of = Some(office.id.to_string());
                return true;
            }
            copies += 1;
            let which = service
                .hsds_id
                .as_deref()
                .map(|id| format!(", service {id}"))
                .unwrap_or_default();
            reports.push(format!(
                "record {record}{which}: it is htref's own {} (no number or address of its own): merged into it, not imported again",
                office.name
            ));
            false
        });
        (copies, reports)
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
        let mut keep = |phone: &crate::data::local_db::LocalPhone, whose: &str| -> bool {
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
                        "record {whose}: phone {} is the line of {owner}, not this record's own: left off it (the record is kept)",
                        crate::render::one_line(&phone.number)
                    ));
                    false
                }
                None => true,
            }
        };
        org.phones.retain(|phone| keep(phone, &record));
        for service in &mut org.services {
            // Each report names the service whose line it was.
            let whose = match &service.hsds_id {
                Some(id) => format!("{record}, service {id}"),
                None => record.clone(),
            };
            service.phones.retain(|phone| keep(phone, &whose));
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
    /// Services placed in needs by their taxonomy terms.
    by_terms: usize,
    /// Services each entry of `data/taxonomy.ron` reached.
    mapped: HashMap<usize, usize>,
    /// Terms `data/taxonomy.ron` does not list, with the services they tag.
    unmapped: HashMap<String, usize>,
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
            by_terms: 0,
            mapped: HashMap::new(),
            unmapped: HashMap::new(),
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
        let had_services = !org.services.is_empty();
        let (copies, reports) = self.twins.offices(&mut org);
        self.merged += copies;
        self.problems.extend(reports);
        if had_services && org.services.is_empty() {
            // Every service was a federal office's copy: so is the record.
            return None;
        }
        let borrowed = self.twins.drop_borrowed_lines(&mut org);
        self.problems.extend(borrowed);
        for service in &mut org.services {
            let (needs, law_enforcement) = self.needs_of(service);
            service.needs = needs;
            service.law_enforcement |= law_enforcement;
        }
        // A victim advocate in a sheriff's office is the sheriff's: one service tagged as
        // law enforcement, or the organization's name, marks them all.
        let taxonomy = super::taxonomy::Taxonomy::bundled();
        let law_enforcement = taxonomy.law_enforcement.names_it(&org.name)
            || org.services.iter().any(|s| s.law_enforcement);
        for service in &mut org.services {
            service.law_enforcement |= law_enforcement;
            if service.law_enforcement {
                // A police or prosecutors' unit for trafficking is where a caller who
                // wants to report one goes.
                let for_trafficking = service.needs.iter().any(|(_, f)| *f == Fit::Trafficking);
                // Services and relief before enforcement: police and prosecutors come
                // after every service that fits as well by its own terms or words, except
                // where one reports a crime.
                for (need, fit) in &mut service.needs {
                    if !taxonomy.law_enforcement_needs.contains(need) {
                        *fit = Fit::Description;
                    }
                }
                for need in taxonomy
                    .law_enforcement_needs
                    .iter()
                    .filter(|_| for_trafficking)
                {
                    if !service.needs.iter().any(|(n, _)| n == need) {
                        service.needs.insert(0, (need.clone(), Fit::Service));
                    }
                }
            }
        }
        self.organizations += 1;
        self.services += org.services.len();
        Some(org)
    }

    /// What the feed's taxonomy terms did, on `out` after the import's line: how many
    /// services they placed, how many each listed term reached, and the frequent terms
    /// `data/taxonomy.ron` does not list (every one with `verbose`).
    fn report_terms(&self, out: &mut dyn Write, verbose: bool) -> std::io::Result<()> {
        /// How many terms a line names without `--verbose`.
        const NAMED: usize = 8;
        if self.mapped.is_empty() && self.unmapped.is_empty() {
            return Ok(());
        }
        let taxonomy = super::taxonomy::Taxonomy::bundled();
        let mut mapped: Vec<(&str, usize)> = self
            .mapped
            .iter()
            .map(|(&entry, &n)| (taxonomy.terms[entry].label(), n))
            .collect();
        mapped.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut unmapped: Vec<(&str, usize)> = self
            .unmapped
            .iter()
            .map(|(t, &n)| (t.as_str(), n))
            .collect();
        unmapped.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let shown = |list: &[(&str, usize)]| -> String {
            let cut = if verbose {
                list.len()
            } else {
                list.len().min(NAMED)
            };
            let mut named: Vec<String> = list[..cut]
                .iter()
                .map(|(term, n)| format!("{} ({n})", crate::render::one_line(term)))
                .collect();
            if cut < list.len() {
                named.push(format!(
                    "{} more (`--verbose` lists each)",
                    list.len() - cut
                ));
            }
            named.join(", ")
        };
        writeln!(
            out,
            "Taxonomy: {} services placed in needs by their terms (data/taxonomy.ron).",
            self.by_terms
        )?;
        if !mapped.is_empty() {
            writeln!(
                out,
                "  Terms read, by services reached: {}.",
                shown(&mapped)
            )?;
        }
        if !unmapped.is_empty() {
            writeln!(
                out,
                "  Terms htref does not read, most frequent first: {}.",
                shown(&unmapped)
            )?;
        }
        Ok(())
    }

    /// Keeps the needs a local service may serve, best fit first. A need for reporting a
    /// crime, or one the hotline alone answers (a deaf caller's), only by the service's
    /// terms (crime reporting, sign language interpretation): its words alone never make a
    /// shelter a place to report or a TTY line.
    fn servable(&self, needs: &mut Vec<(String, Fit)>) {
        let by_terms: Vec<String> = needs
            .iter()
            .filter(|(_, fit)| *fit <= Fit::Service)
            .map(|(n, _)| n.clone())
            .collect();
        needs.retain(|(id, _)| {
            self.data
                .needs
                .iter()
                .find(|n| n.id == id.as_str())
                .is_some_and(|need| {
                    let hotline_alone = need
                        .referrals
                        .iter()
                        .all(|r| r.org == crate::data::HOTLINE_ORG);
                    by_terms.contains(id)
                        || (need.side != crate::data::Side::Report && !hotline_alone)
                })
        });
        // Best fit first; a directory's service is for people, so among equals a victim's
        // need before the others (a shelter is housing before it is funding for shelters).
        needs.sort_by_key(|(id, fit)| {
            let victim = self
                .data
                .needs
                .iter()
                .find(|n| n.id == id.as_str())
                .is_some_and(|n| n.side == crate::data::Side::Victim);
            (*fit, !victim)
        });
    }

    /// The needs a service serves, each with how well it fits ([`Fit`]): its taxonomy
    /// terms first (`data/taxonomy.ron`), then its own name, then the needs of the office
    /// it is a local office of and whom its terms say it serves, then its description's
    /// words; and whether its terms mark it as law enforcement. A need for reporting a
    /// crime or one of the hotline's own channels only by its terms ([`Self::servable`]).
    fn needs_of(&mut self, service: &mut LocalService) -> (Vec<(String, Fit)>, bool) {
        let words = |text: &str| -> Vec<usize> {
            self.matcher
                .find(text)
                .needs
                .iter()
                .take(NEEDS_PER_SERVICE)
                .map(|m| m.need)
                .collect()
        };
        let by_name = words(&format!(
            "{} {}",
            service.name,
            service.alternate_name.as_deref().unwrap_or_default()
        ));
        let by_description = match service.description.as_deref() {
            Some(description) => words(description),
            None => by_name.clone(),
        };
        let said = |need: &str| {
            by_name
                .iter()
                .chain(&by_description)
                .any(|&n| self.data.needs[n].id == need)
        };
        let terms = super::taxonomy::Taxonomy::bundled()
            .read(&service.taxonomy)
            .heard(said);
        for &i in &terms.unmapped {
            *self
                .unmapped
                .entry(service.taxonomy[i].name.clone())
                .or_default() += 1;
        }
        for &entry in &terms.entries {
            *self.mapped.entry(entry).or_default() += 1;
        }
        if !service.taxonomy.is_empty() && terms.unmapped.len() < service.taxonomy.len() {
            self.by_terms += 1;
        }
        if terms.immigration_enforcement && service.office_of.is_none() {
            service.office_of = Some(crate::plan::IMMIGRATION_ENFORCEMENT_ORG.to_string());
        }
        let mut needs: Vec<(String, Fit)> = terms.needs;
        let add = |need: &str, fit: Fit, needs: &mut Vec<(String, Fit)>| match needs
            .iter_mut()
            .find(|(n, _)| n == need)
        {
            Some((_, best)) => *best = (*best).min(fit),
            None => needs.push((need.to_string(), fit)),
        };
        // A name is a few words ("Miami Field Office": "field" is not farm work): it
        // places a service by itself only where its description agrees.
        // A service its feed tags with terms is what its terms say: its words alone (a
        // girls' club's "girls", a support group's "sex") place it nowhere; they only
        // confirm its trafficking terms above.
        let tagged = !service.taxonomy.is_empty();
        for need in by_name.into_iter().filter(|_| !tagged) {
            let fit = if by_description.contains(&need) {
                Fit::Name
            } else {
                Fit::Description
            };
            add(self.data.needs[need].id.as_ref(), fit, &mut needs);
        }
        // A local office of an agency serves what the agency does (a department's
        // offices are too many kinds to say), last: a USCIS field office is no lawyer for a
        // T visa, so it comes only where the question's words name it.
        let agency = service.office_of.as_deref().filter(|id| {
            self.data
                .organizations
                .iter()
                .find(|o| o.id == *id)
                .is_some_and(|o| o.kind != crate::data::OrgKind::Department)
        });
        if let Some(office) = agency {
            for need in self.data.needs.iter() {
                if need.referrals.iter().any(|r| r.org == office) {
                    add(need.id.as_ref(), Fit::Description, &mut needs);
                }
            }
        }
        if !tagged {
            for need in by_description {
                add(
                    self.data.needs[need].id.as_ref(),
                    Fit::Description,
                    &mut needs,
                );
            }
        }
        self.servable(&mut needs);
        needs.truncate(MAX_NEEDS_PER_SERVICE);
        (needs, terms.law_enforcement)
    }
}
