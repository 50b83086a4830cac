//! Consistency checks over a loaded dataset: the rules in the dataset issue, in one place.

use super::{Dataset, Text};
use std::collections::{HashMap, HashSet};
use std::fmt;

mod contacts;

pub use contacts::{contact_problems, expected_number, fits};

/// One thing wrong with the data: where, which record, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// Line and column in the file, when known (1-based).
    pub position: Option<(usize, usize)>,
    pub record: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: ", self.file)?,
            None => write!(f, "{}: ", self.file)?,
        }
        if self.record.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.record, self.message)
        }
    }
}

struct Checker<'a> {
    data: &'a Dataset,
    source_ids: HashSet<&'a str>,
    org_ids: HashSet<&'a str>,
    contact_ids: HashSet<&'a str>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, file: &str, record: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            file: file.to_string(),
            position: None,
            record: record.to_string(),
            message: message.into(),
        });
    }

    fn cite(&mut self, file: &str, record: &str, what: &str, sources: &[Text]) {
        if sources.is_empty() {
            self.report(file, record, format!("{what} cites no source"));
        }
        for s in sources {
            if !self.source_ids.contains(s.as_ref()) {
                self.report(
                    file,
                    record,
                    format!("{what} cites unknown source `{s}`; use an id from data/sources.ron"),
                );
            }
        }
    }
}

/// Runs every check and returns the problems found, in file order.
pub fn check(data: &Dataset) -> Vec<Problem> {
    let mut c = Checker {
        data,
        source_ids: HashSet::new(),
        org_ids: HashSet::new(),
        contact_ids: HashSet::new(),
        problems: Vec::new(),
    };
    check_ids(&mut c);
    check_organizations(&mut c);
    check_needs(&mut c);
    check_asker_referrals(&mut c);
    check_conflicts(&mut c);
    c.problems
}

fn check_ids(c: &mut Checker) {
    let data = c.data;
    for s in data.sources.iter() {
        if !c.source_ids.insert(&s.id) {
            c.report("data/sources.ron", &s.id, "duplicate source id");
        }
        if let Some(date) = &s.date
            && !is_iso_date(date)
        {
            c.report(
                "data/sources.ron",
                &s.id,
                format!("date `{date}` is not YYYY-MM-DD"),
            );
        }
        check_official_page(c, s);
    }
    if !is_iso_date(&data.info.as_of) {
        c.report("data/dataset.ron", "as_of", "as_of is not YYYY-MM-DD");
    }
    for (org, file) in data
        .organizations
        .iter()
        .zip(data.organization_files.iter())
    {
        if !is_slug(&org.id) {
            c.report(file, &org.id, "id must be a lowercase slug (a-z, 0-9, -)");
        }
        if !c.org_ids.insert(&org.id) {
            c.report(file, &org.id, "duplicate organization id");
        }
        for contact in org.contacts.iter() {
            if !c.contact_ids.insert(&contact.id) {
                c.report(
                    file,
                    &org.id,
                    format!("duplicate contact id `{}`", contact.id),
                );
            }
        }
    }
}

fn check_organizations(c: &mut Checker) {
    let data = c.data;
    let parents: HashMap<&str, Option<&str>> = data
        .organizations
        .iter()
        .map(|o| (o.id.as_ref(), o.parent.as_deref()))
        .collect();
    for (org, file) in data
        .organizations
        .iter()
        .zip(data.organization_files.iter())
    {
        let id = org.id.as_ref();
        c.cite(file, id, "the organization", &org.sources);
        if org.overrides {
            c.report(file, id, "`overrides` is only for overlay files");
        }
        for role in org.roles.iter() {
            c.cite(file, id, "a role", &role.sources);
        }
        for alias in org.aliases.iter() {
            c.cite(file, id, &format!("alias `{}`", alias.name), &alias.sources);
        }
        for link in org.links.iter() {
            c.cite(file, id, &format!("link to `{}`", link.to), &link.sources);
            if !c.org_ids.contains(link.to.as_ref()) {
                c.report(
                    file,
                    id,
                    format!("link to unknown organization `{}`", link.to),
                );
            }
        }
        match &org.parent {
            Some(parent) if !c.org_ids.contains(parent.as_ref()) => {
                c.report(
                    file,
                    id,
                    format!("parent `{parent}` is not an organization id"),
                );
            }
            Some(_) if reaches_cycle(id, &parents) => {
                c.report(file, id, "parent chain loops back on itself");
            }
            None if org.kind != super::OrgKind::Department && org.independent.is_none() => {
                c.report(
                    file,
                    id,
                    "no parent: give it a parent or say why it is `independent`",
                );
            }
            _ => {}
        }
        if let Some(route) = &org.route {
            check_route(c, file, id, org, route);
        }
        for contact in org.contacts.iter() {
            let record = format!("{id}/{}", contact.id);
            c.cite(file, &record, "the contact", &contact.sources);
            check_contact_number(c, file, &record, contact);
            check_need_ids(c, file, &record, "for_needs", &contact.for_needs);
            if let Some(old) = &contact.superseded {
                c.cite(file, &record, "what supersedes it", &old.sources);
                for instead in old.instead.iter() {
                    if !c.contact_ids.contains(instead.as_ref()) {
                        c.report(
                            file,
                            &record,
                            format!("`superseded.instead` names unknown contact `{instead}`"),
                        );
                    }
                }
            }
            for other in contact.also_for.iter() {
                if !c.org_ids.contains(other.as_ref()) {
                    c.report(
                        file,
                        &record,
                        format!("`also_for` names unknown organization `{other}`"),
                    );
                }
            }
        }
    }
}

/// A route is cited, leads to a known office's own lines, and stands only where the office
/// has no line of its own and says why (`no_contact`): never an unlabelled borrowed number.
fn check_route(
    c: &mut Checker,
    file: &str,
    id: &str,
    org: &super::Organization,
    route: &super::Route,
) {
    c.cite(file, id, "the route", &route.sources);
    // A route stands in where the office shows no line: it has none, or each of its lines
    // is kept to some needs (the Criminal Section's line is for prosecutors' work, its
    // route through the FBI for reports).
    if org
        .contacts
        .iter()
        .any(|x| x.for_needs.is_empty() && x.superseded.is_none())
    {
        c.report(
            file,
            id,
            "a route is only for an office with no line of its own, or whose lines are all \
             kept to some needs (`for_needs`): drop `route` or restrict the lines",
        );
    }
    if org.no_contact.is_none() {
        c.report(
            file,
            id,
            "an office reached by a route must say in `no_contact` why it has no line of its own",
        );
    }
    if route.label.trim().is_empty() || route.contacts.is_empty() {
        c.report(file, id, "a route needs a `label` and at least one contact");
    }
    let data = c.data;
    let Some(via) = data.organizations.iter().find(|o| o.id == route.via) else {
        c.report(
            file,
            id,
            format!("route through unknown organization `{}`", route.via),
        );
        return;
    };
    for contact in route.contacts.iter() {
        if lists_superseded(via, contact) {
            c.report(file, id, names_superseded("route", contact));
        }
        if !via.contacts.iter().any(|x| x.id == *contact) {
            c.report(
                file,
                id,
                format!(
                    "route names `{contact}`, which is not a line of `{}`",
                    via.id
                ),
            );
        }
    }
}

/// Whether `org` lists `contact` as a line newer pages replace: a route or referral must
/// name the line that replaces it instead.
fn lists_superseded(org: &super::Organization, contact: &str) -> bool {
    org.contacts
        .iter()
        .any(|x| x.id == contact && x.superseded.is_some())
}

fn names_superseded(what: &str, contact: &str) -> String {
    format!("{what} names `{contact}`, a superseded line: name the line that replaces it")
}

fn check_contact_number(c: &mut Checker, file: &str, record: &str, contact: &super::Contact) {
    for message in contact_problems(contact) {
        c.report(file, record, message);
    }
}

fn reaches_cycle(start: &str, parents: &HashMap<&str, Option<&str>>) -> bool {
    let mut seen = HashSet::new();
    let mut current = Some(start);
    while let Some(id) = current {
        if !seen.insert(id) {
            return true;
        }
        current = parents.get(id).copied().flatten();
    }
    false
}

/// A referral's named contacts exist, and another office's number shows on this card only
/// where a source gives it for this office too: no number on a card its source does not
/// put it on.
fn check_referral_contacts(c: &mut Checker, file: &str, id: &str, r: &super::Referral) {
    let data = c.data;
    for contact in r.contacts.iter() {
        if !c.contact_ids.contains(contact.as_ref()) {
            c.report(
                file,
                id,
                format!("referral names unknown contact `{contact}`"),
            );
            continue;
        }
        let owner = data
            .organizations
            .iter()
            .find(|o| o.contacts.iter().any(|x| x.id == *contact));
        if owner.is_some_and(|o| lists_superseded(o, contact)) {
            c.report(file, id, names_superseded("referral", contact));
        }
        if let Some(owner) = owner
            && owner.id != r.org
            && !owner
                .contacts
                .iter()
                .any(|x| x.id == *contact && x.also_for.contains(&r.org))
        {
            c.report(
                file,
                id,
                format!(
                    "referral to `{}` shows `{contact}`, a line of `{}` that no cited source gives for `{}`: list it in the contact's `also_for` with the source, or drop it",
                    r.org, owner.id, r.org
                ),
            );
        }
    }
}

fn check_needs(c: &mut Checker) {
    let data = c.data;
    let file = "data/needs.ron";
    let mut ids = HashSet::new();
    for need in data.needs.iter() {
        let id = need.id.as_ref();
        if !is_slug(id) {
            c.report(file, id, "id must be a lowercase slug (a-z, 0-9, -)");
        }
        if !ids.insert(id) {
            c.report(file, id, "duplicate need id");
        }
        if !(need.weight > 0.0 && need.weight <= 1.0) {
            c.report(file, id, "weight must be above 0 and at most 1");
        }
        let mut terms = HashSet::new();
        for term in need.terms.iter() {
            if !terms.insert(term.to_lowercase()) {
                c.report(file, id, format!("term `{term}` is listed twice"));
            }
        }
        if need.terms.is_empty() {
            c.report(file, id, "a need needs at least one term people use for it");
        }
        if need.referrals.is_empty() {
            c.report(file, id, "a need with no referral leads nowhere");
        }
        let mut reachable = false;
        for r in need.referrals.iter() {
            c.cite(file, id, &format!("referral to `{}`", r.org), &r.sources);
            let Some(org) = data.organizations.iter().find(|o| o.id == r.org) else {
                c.report(
                    file,
                    id,
                    format!("referral to unknown organization `{}`", r.org),
                );
                continue;
            };
            check_referral_contacts(c, file, id, r);
            check_need_ids(c, file, id, "unless_needs", &r.unless_needs);
            reachable |= !r.contacts.is_empty() || !org.contacts.is_empty() || org.route.is_some();
        }
        if !reachable && need.no_contact.is_none() {
            c.report(
                file,
                id,
                "no referral carries a contact: add one or explain in `no_contact`",
            );
        }
        for other in need.yields_to.iter().chain(need.for_minors.iter()) {
            if !data.needs.iter().any(|n| n.id == *other) {
                c.report(
                    file,
                    id,
                    format!("`yields_to` or `for_minors` names unknown need `{other}`"),
                );
            }
        }
    }
    // A weak term that is no need's term would never take effect: a typo in the list.
    for weak in data.vocabulary.weak_terms.iter() {
        if !data
            .needs
            .iter()
            .any(|n| n.terms.iter().any(|t| t.eq_ignore_ascii_case(weak)))
        {
            c.report(
                "data/vocabulary.ron",
                weak,
                "weak term is no need's term: fix the spelling or remove it",
            );
        }
    }
    // A Spanish word or phrase given twice is read by whichever sorts first: the other
    // reading never takes effect, and two may disagree.
    let mut seen = std::collections::HashSet::new();
    for (spanish, _) in data.vocabulary.spanish.iter() {
        if !seen.insert(spanish.as_ref()) {
            c.report(
                "data/vocabulary.ron",
                spanish,
                "Spanish entry given twice: keep one reading",
            );
        }
    }
}

/// Every need a field names (`for_needs`, `unless_needs`) exists.
fn check_need_ids(c: &mut Checker, file: &str, record: &str, field: &str, ids: &[Text]) {
    for id in ids {
        if !c.data.needs.iter().any(|n| n.id == *id) {
            c.report(file, record, format!("`{field}` names unknown need `{id}`"));
        }
    }
}

fn check_asker_referrals(c: &mut Checker) {
    let data = c.data;
    c.cite(
        "data/dataset.ron",
        "hotline_assurance",
        "the hotline's assurance",
        &data.info.hotline_assurance.sources,
    );
    for (asker, referral) in data.info.asker_referrals.iter() {
        let record = format!("asker_referrals/{}", asker.as_str());
        c.cite(
            "data/dataset.ron",
            &record,
            "the referral",
            &referral.sources,
        );
        if !c.org_ids.contains(referral.org.as_ref()) {
            c.report(
                "data/dataset.ron",
                &record,
                format!("referral to unknown organization `{}`", referral.org),
            );
        }
    }
}

fn check_conflicts(c: &mut Checker) {
    let data = c.data;
    let file = "data/conflicts.ron";
    let mut ids = HashSet::new();
    for conflict in data.conflicts.iter() {
        let id = conflict.id.as_ref();
        if !ids.insert(id) {
            c.report(file, id, "duplicate conflict id");
        }
        if conflict.claims.len() < 2 {
            c.report(file, id, "a conflict needs at least two claims");
        }
        for claim in conflict.claims.iter() {
            c.cite(file, id, "a claim", &claim.sources);
        }
        for subject in conflict.subjects.iter() {
            if !c.org_ids.contains(subject.as_ref()) {
                c.report(
                    file,
                    id,
                    format!("subject `{subject}` is not an organization id"),
                );
            }
        }
    }
}

pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The sites htref accepts as an organization's own, beside .gov and .mil hosts: the
/// non-governmental organizations the sources name.
pub const OWN_SITES: [&str; 6] = [
    "missingkids.org",
    "missingkids.com",
    "cybertip.org",
    "humantraffickinghotline.org",
    "polarisproject.org",
    // The International Organization for Migration runs PRM's return program.
    "iom.int",
];

/// Whether an address is an official page: https on a .gov or .mil host, or an
/// organization's own site.
pub fn is_official_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    // The host is lower-cased above; its last label decides.
    let top_level = host.rsplit('.').next().unwrap_or_default();
    (host.contains('.') && matches!(top_level, "gov" | "mil"))
        || OWN_SITES
            .iter()
            .any(|s| host == *s || host.ends_with(&format!(".{s}")))
}

/// An official page carries its https address and the date its copy was read.
fn check_official_page(c: &mut Checker, s: &super::Source) {
    let file = "data/sources.ron";
    match (&s.url, &s.read) {
        (Some(url), _) if !is_official_url(url) => c.report(
            file,
            &s.id,
            format!("url `{url}` is not an official page (https on a .gov or .mil host, or the organization's own site)"),
        ),
        (Some(_), None) => c.report(file, &s.id, "an official page needs `read`: the date its copy was read"),
        (None, Some(_)) => c.report(file, &s.id, "`read` is only for official pages with a `url`"),
        _ => {}
    }
    if let Some(read) = &s.read
        && !is_iso_date(read)
    {
        c.report(file, &s.id, format!("read `{read}` is not YYYY-MM-DD"));
    }
}

/// Whether a text is a `YYYY-MM-DD` date that exists (the clock's one reader).
pub fn is_iso_date(date: &str) -> bool {
    crate::clock::Date::parse(date).is_some()
}
