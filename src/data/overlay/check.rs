//! Checking overlays against the bundled data and each other: ids that resolve and are
//! not taken, sources that are the file's own, numbers that can be dialed, dates that
//! exist, text the terminal can print.

use super::{MAX_OVERLAY_ORGANIZATIONS, OverlayFile, first_unsafe_char};
use crate::data::Dataset;
use crate::data::validate::{Problem, contact_problems, is_iso_date, is_slug};
use crate::phone;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// The ids an overlay may refer to, and the problems found so far.
struct Checker<'a> {
    bundled_orgs: HashSet<&'a str>,
    bundled_contacts: HashSet<&'a str>,
    sources: HashSet<&'a str>,
    needs: HashSet<&'a str>,
    /// Every id the overlays define, so that one file may refer to another's entries.
    local_orgs: HashSet<&'a str>,
    local_contacts: HashSet<&'a str>,
    /// Each bundled contact's kind, for what may replace its number.
    bundled_contact_kinds: HashMap<&'a str, crate::data::ContactKind>,
    /// Contacts already overridden, and by which file.
    overridden: HashMap<&'a str, &'a str>,
    /// The hotline's name: no other record may look like it.
    hotline_name: Option<&'a str>,
    problems: Vec<Problem>,
}

/// Every problem in the overlays, checked against the bundled data and each other.
pub fn check(base: &Dataset, files: &[OverlayFile]) -> Vec<Problem> {
    let mut c = Checker {
        bundled_orgs: base.organizations.iter().map(|o| o.id.as_ref()).collect(),
        bundled_contacts: base
            .organizations
            .iter()
            .flat_map(|o| o.contacts.iter().map(|c| c.id.as_ref()))
            .collect(),
        sources: base.sources.iter().map(|s| s.id.as_ref()).collect(),
        needs: base.needs.iter().map(|n| n.id.as_ref()).collect(),
        local_orgs: HashSet::new(),
        local_contacts: HashSet::new(),
        bundled_contact_kinds: base
            .organizations
            .iter()
            .flat_map(|o| o.contacts.iter().map(|c| (c.id.as_ref(), c.kind)))
            .collect(),
        overridden: HashMap::new(),
        hotline_name: base
            .organizations
            .iter()
            .find(|o| o.id.as_ref() == crate::data::HOTLINE_ORG)
            .map(|o| o.name.as_ref()),
        problems: Vec::new(),
    };
    // A file past the limit is that one problem: its records are not checked, and nothing
    // else refers to them (thousands of "unknown organization" lines would hide the reason).
    let mut too_large = vec![false; files.len()];
    for (file, too_large) in files.iter().zip(&mut too_large) {
        let count = file.overlay.organizations.len();
        if count > MAX_OVERLAY_ORGANIZATIONS {
            c.problems.push(Problem {
                file: file.path.clone(),
                position: None,
                record: String::new(),
                message: format!(
                    "{count} organizations, more than the {MAX_OVERLAY_ORGANIZATIONS} an overlay holds: an overlay is for entries written by hand; import a directory into the local database with `htref data import FEED`"
                ),
            });
            *too_large = true;
            continue;
        }
        c.text_controls(file);
        c.definitions(file);
    }
    // References, once every local id is known.
    for (file, _) in files
        .iter()
        .zip(&too_large)
        .filter(|(_, too_large)| !**too_large)
    {
        c.organization_references(file);
        c.referrals(file);
        c.contact_overrides(file);
    }
    // File order, then line order, so the list reads top to bottom.
    let mut problems = c.problems;
    problems.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    problems
}

impl<'a> Checker<'a> {
    fn org_exists(&self, id: &str) -> bool {
        self.bundled_orgs.contains(id) || self.local_orgs.contains(id)
    }

    fn contact_exists(&self, id: &str) -> bool {
        self.bundled_contacts.contains(id) || self.local_contacts.contains(id)
    }

    /// Ids, collisions, contacts and sources of the organizations a file defines.
    /// Text that could forge a line in an answer (a name with a line break and "Phone:"
    /// after it) or reorder it (a right-to-left override) is refused, in every field.
    fn text_controls(&mut self, file: &OverlayFile) {
        let records = file
            .overlay
            .organizations
            .iter()
            .map(|o| (o.id.to_string(), serde_json::to_value(o)))
            .chain(file.overlay.referrals.iter().map(|r| {
                (
                    format!("referral of {} to {}", r.org, r.need),
                    serde_json::to_value(r),
                )
            }))
            .chain(file.overlay.contact_overrides.iter().map(|f| {
                (
                    format!("override of {}", f.contact),
                    serde_json::to_value(f),
                )
            }));
        for (record, value) in records {
            let Ok(value) = value else { continue };
            let mut found = None;
            first_unsafe_char(&value, &mut found);
            if let Some(c) = found {
                self.problems.push(Problem {
                    file: file.path.clone(),
                    position: None,
                    record,
                    message: format!(
                        "a text contains a line break or control character (U+{:04X}); write each text on one line, without control or direction-changing characters",
                        u32::from(c)
                    ),
                });
            }
        }
    }

    fn definitions(&mut self, file: &'a OverlayFile) {
        // How often each id has appeared so far, to point at the right occurrence.
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for org in &file.overlay.organizations {
            let id = org.id.as_ref();
            let count = seen.entry(id).or_default();
            let nth = *count;
            *count += 1;
            // "HotIine" with a capital I, a Cyrillic "а": a record that reads as the
            // hotline would put another number under its name.
            if id != crate::data::HOTLINE_ORG
                && let Some(hotline) = self.hotline_name
                && crate::text::looks_alike(&org.name, hotline)
            {
                self.problems.push(file.problem(
                    id,
                    nth,
                    id,
                    format!(
                        "named like the {hotline}: only the hotline's own record may carry that name; to correct its number, use a contact override (`htref data template` shows one)"
                    ),
                ));
            }
            if !is_slug(id) {
                self.problems.push(
                    file.problem(
                        id,
                        0,
                        id,
                        "an id is lowercase letters, digits and dashes, e.g. `county-task-force`"
                            .into(),
                    ),
                );
            }
            if !self.local_orgs.insert(id) {
                self.problems.push(
                    file.problem(
                        id,
                        nth,
                        id,
                        "this id is used twice in the overlays; give each organization its own id"
                            .into(),
                    ),
                );
            }
            match (self.bundled_orgs.contains(id), org.overrides) {
                (true, false) => self.problems.push(file.problem(id, nth, id, format!(
                    "`{id}` is already a bundled organization; pick another id, or add `overrides: true` to replace it"
                ))),
                (false, true) => self.problems.push(file.problem(id, nth, id, format!(
                    "`overrides: true` but no bundled organization has the id `{id}`; remove `overrides` or fix the id (`htref list`)"
                ))),
                _ => {}
            }
            for contact in org.contacts.iter() {
                let cid = contact.id.as_ref();
                if self.bundled_contacts.contains(cid) || !self.local_contacts.insert(cid) {
                    self.problems.push(file.problem(
                        cid,
                        0,
                        id,
                        format!("contact id `{cid}` is already used; give the contact its own id"),
                    ));
                }
                for message in contact_problems(contact) {
                    self.problems
                        .push(file.problem(cid, 0, &format!("{id}/{cid}"), message));
                }
                // A line no one can dial never reaches an answer as a number to call.
                if let Some(digits) = contact.digits.as_deref()
                    && digits.len() == 10
                    && !phone::area_code_can_exist(digits)
                {
                    self.problems.push(file.problem(cid, 0, &format!("{id}/{cid}"), format!(
                        "area code {} cannot exist (it starts with 0 or 1, is N11 such as 911, or is 555): check the number",
                        &digits[..3]
                    )));
                }
            }
            // A local entry's provenance is its file: it never borrows a bundled source's
            // name, except an entry that replaces a bundled one and keeps its sources.
            let cited = org
                .sources
                .iter()
                .chain(org.roles.iter().flat_map(|r| r.sources.iter()))
                .chain(org.contacts.iter().flat_map(|c| c.sources.iter()));
            for source in cited {
                let message = if !self.sources.contains(source.as_ref()) {
                    format!(
                        "unknown source `{source}`; a local entry cites none (its file is its source)"
                    )
                } else if org.overrides {
                    continue;
                } else {
                    format!(
                        "`{source}` is one of htref's bundled sources, which a local entry may not cite: its file is its source; remove it"
                    )
                };
                self.problems.push(file.problem(source, 0, id, message));
            }
        }
    }

    /// Parents, links and states of a file's organizations.
    fn organization_references(&mut self, file: &OverlayFile) {
        for org in &file.overlay.organizations {
            if let Some(parent) = &org.parent
                && !self.org_exists(parent)
            {
                self.problems.push(file.problem(parent, 0, &org.id, format!(
                    "parent `{parent}` is not a bundled or local organization; `htref list` shows the ids"
                )));
            }
            for link in org.links.iter() {
                if !self.org_exists(&link.to) {
                    self.problems.push(file.problem(
                        &link.to,
                        0,
                        &org.id,
                        format!(
                            "link to unknown organization `{}`; `htref list` shows the ids",
                            link.to
                        ),
                    ));
                }
            }
            if let Some(state) = &org.state
                && !(state.len() == 2 && state.chars().all(|c| c.is_ascii_uppercase()))
            {
                self.problems.push(file.problem(
                    state,
                    0,
                    &org.id,
                    format!("state `{state}` should be a two-letter code such as MD"),
                ));
            }
        }
    }

    fn referrals(&mut self, file: &OverlayFile) {
        for referral in &file.overlay.referrals {
            // Named only when there is a problem to name it in.
            let record = || format!("referral to {}", referral.org);
            if !self.needs.contains(referral.need.as_str()) {
                self.problems.push(file.problem(
                    &referral.need,
                    0,
                    &record(),
                    format!(
                        "unknown need `{}`; `htref needs` lists the ids",
                        referral.need
                    ),
                ));
            }
            if !self.org_exists(&referral.org) {
                self.problems.push(file.problem(&referral.org, 0, &record(), format!(
                    "`{}` is not a bundled or local organization; define it under `organizations` first",
                    referral.org
                )));
            }
            for contact in &referral.contacts {
                if !self.contact_exists(contact) {
                    self.problems.push(file.problem(
                        contact,
                        0,
                        &record(),
                        format!("unknown contact `{contact}`"),
                    ));
                }
            }
            if referral.rank == Some(0) {
                self.problems.push(file.problem(
                    &referral.org,
                    0,
                    &record(),
                    "rank counts from 1 (first)".into(),
                ));
            }
        }
    }

    fn contact_overrides(&mut self, file: &'a OverlayFile) {
        // How often each contact was overridden above in this file, to place a problem at
        // the right mention.
        let mut mentions: HashMap<&str, usize> = HashMap::new();
        for fix in &file.overlay.contact_overrides {
            let count = mentions.entry(fix.contact.as_ref()).or_default();
            let nth = *count;
            *count += 1;
            let record = || format!("override of {}", fix.contact);
            let Some(&kind) = self.bundled_contact_kinds.get(fix.contact.as_ref()) else {
                self.problems.push(file.problem(&fix.contact, 0, &record(), format!(
                    "no bundled contact has the id `{}`; `htref show ORG --json` lists contact ids",
                    fix.contact
                )));
                continue;
            };
            // One override per contact: with two, which number is current is a guess.
            if let Some(first) = self.overridden.insert(&fix.contact, &file.path) {
                self.problems.push(file.problem(
                    &fix.contact,
                    nth,
                    &record(),
                    format!("this contact is overridden twice (also in {first}); keep one override per contact"),
                ));
            }
            if let Some(number) = &fix.number {
                match phone::parse(number) {
                    Err(e) => self.problems.push(file.problem(
                        number,
                        0,
                        &record(),
                        format!("`{number}` is not a phone number: {e}"),
                    )),
                    Ok(parsed) if !crate::data::validate::fits(kind, parsed.kind) => {
                        self.problems.push(file.problem(
                            number,
                            0,
                            &record(),
                            format!(
                                "`{number}` cannot replace a {} line: {}",
                                kind.as_str(),
                                crate::data::validate::expected_number(kind)
                            ),
                        ));
                    }
                    Ok(_) => {}
                }
            }
            if !is_iso_date(&fix.date) {
                self.problems.push(file.problem(
                    &fix.date,
                    0,
                    &record(),
                    "date must be a real day written YYYY-MM-DD, the day the number was checked".into(),
                ));
            }
        }
    }
}
