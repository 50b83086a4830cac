//! Local overlays: RON files, in the same schema as `data/`, that add an organization's own
//! partners (a county task force, a shelter line), add them to needs, or correct a bundled
//! number that no longer works. They are read, checked against the bundled data, and merged
//! over it; a broken overlay stops every command before anything is printed.

use super::validate::{Problem, contact_problems, is_iso_date, is_slug};
use super::{Asker, ContactOverride, Dataset, List, Organization, Referral, Text};
use crate::phone;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One overlay file as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    #[serde(default)]
    pub organizations: Vec<Organization>,
    #[serde(default)]
    pub referrals: Vec<LocalReferral>,
    #[serde(default)]
    pub contact_overrides: Vec<ContactOverride>,
}

/// A local organization (or a bundled one) added to a need's referrals.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LocalReferral {
    pub need: String,
    pub org: String,
    pub why: String,
    #[serde(default)]
    pub contacts: Vec<String>,
    #[serde(default)]
    pub for_askers: Vec<Asker>,
    /// Place in the need's list, 1 for first; by default second, next to the first office.
    pub rank: Option<usize>,
}

/// Where a local referral goes when it gives no rank: right after the need's first choice.
const DEFAULT_RANK: usize = 2;

/// An overlay file read and parsed.
#[derive(Debug, Clone)]
pub struct OverlayFile {
    pub path: String,
    /// The file's text, for placing problems. One served from the cache was never held
    /// whole; it is read again only if a problem needs a line and column.
    text: OnceLock<String>,
    /// The path as given, to read the text again.
    file: PathBuf,
    pub overlay: Overlay,
}

impl OverlayFile {
    /// A problem at the first (or `nth`) place the quoted value appears in the file.
    fn problem(&self, value: &str, nth: usize, record: &str, message: String) -> Problem {
        Problem {
            file: self.path.clone(),
            position: self
                .text()
                .and_then(|text| locate(text, &format!("\"{value}\""), nth)),
            record: record.to_string(),
            message,
        }
    }

    fn text(&self) -> Option<&str> {
        if let Some(text) = self.text.get() {
            return Some(text);
        }
        let text = std::fs::read_to_string(&self.file).ok()?;
        Some(self.text.get_or_init(|| text))
    }
}

/// Reads and parses one overlay file.
pub fn read(path: &Path) -> Result<OverlayFile, Problem> {
    // Before anything opens it: a FIFO would block and a device never end.
    regular_file(path)?;
    let text = read_text(path)?;
    parse(path, text)
}

/// Records made in memory (the local database's services for one answer), merged like a
/// file under `label`.
pub fn in_memory(label: &str, overlay: Overlay) -> OverlayFile {
    OverlayFile {
        path: label.to_string(),
        file: PathBuf::from(label),
        text: OnceLock::new(),
        overlay,
    }
}

/// The most organizations one overlay holds: overlays are written by hand; a directory's
/// feed goes into the local database, which answers from an index at any size.
pub const MAX_OVERLAY_ORGANIZATIONS: usize = 5_000;

/// The largest overlay file htref reads: well above a statewide directory (the
/// 130,000-organization test overlay is about 60 MB), well below what would exhaust memory.
pub const MAX_OVERLAY_BYTES: u64 = 1 << 30;

/// A problem with a whole file, not a place in it.
fn whole_file_problem(path: &Path, message: String) -> Problem {
    Problem {
        file: crate::text::path(path),
        position: None,
        record: String::new(),
        message,
    }
}

/// Refuses what is not a regular file of a readable size (a directory, FIFO, device,
/// socket, or more than [`MAX_OVERLAY_BYTES`]), before it is opened. A link to a regular
/// file is followed.
fn regular_file(path: &Path) -> Result<(), Problem> {
    let shown = crate::text::path(path);
    let meta = std::fs::metadata(path).map_err(|e| {
        whole_file_problem(
            path,
            format!(
                "cannot read it ({e}); check the path, or create one with `htref data template > {shown}`"
            ),
        )
    })?;
    if meta.is_dir() {
        return Err(whole_file_problem(
            path,
            "is a directory; give the path of a .ron overlay file".into(),
        ));
    }
    if !meta.is_file() {
        return Err(whole_file_problem(
            path,
            "is not a regular file (a FIFO, device or socket); give the path of a .ron overlay file".into(),
        ));
    }
    if meta.len() > MAX_OVERLAY_BYTES {
        return Err(whole_file_problem(
            path,
            format!(
                "is {} MB, more than the {} MB an overlay may be; split it into several files",
                meta.len() >> 20,
                MAX_OVERLAY_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

/// The overlay file's text, or why it cannot be an overlay.
fn read_text(path: &Path) -> Result<String, Problem> {
    let shown = crate::text::path(path);
    let whole = |message: String| whole_file_problem(path, message);
    regular_file(path)?;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_OVERLAY_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            whole(format!(
                "cannot read it ({e}); check the path, or create one with `htref data template > {shown}`"
            ))
        })?;
    if bytes.len() as u64 > MAX_OVERLAY_BYTES {
        return Err(whole(format!(
            "grew past the {} MB an overlay may be while it was read",
            MAX_OVERLAY_BYTES >> 20
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        whole(format!(
            "not UTF-8 text (invalid byte at offset {offset}); save the file as UTF-8"
        ))
    })?;
    if text.trim().is_empty() {
        return Err(whole(
            "the file is empty; start from `htref data template`".into(),
        ));
    }
    Ok(text)
}

/// Parses an overlay's text.
fn parse(path: &Path, text: String) -> Result<OverlayFile, Problem> {
    let shown = crate::text::path(path);
    // Optional fields may be written plainly (`parent: "dol"`), with or without the
    // `#![enable(implicit_some)]` line the template carries.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut overlay: Overlay = options.from_str(&text).map_err(|e| Problem {
        file: shown.clone(),
        position: Some((e.span.start.line, e.span.start.col)),
        record: String::new(),
        message: format!("{}; compare with `htref data template`", e.code),
    })?;
    // Once here, so the check and the merge both see the digits.
    for org in &mut overlay.organizations {
        for contact in org.contacts.to_mut() {
            fill_digits(contact);
        }
    }
    Ok(OverlayFile {
        path: shown,
        file: path.to_path_buf(),
        text: OnceLock::from(text),
        overlay,
    })
}

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
    bundled_contact_kinds: HashMap<&'a str, super::ContactKind>,
    /// Contacts already overridden, and by which file.
    overridden: HashMap<&'a str, &'a str>,
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
        problems: Vec::new(),
    };
    for file in files {
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
            continue;
        }
        c.text_controls(file);
        c.definitions(file);
    }
    // References, once every local id is known.
    for file in files {
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
        let fixes = &file.overlay.contact_overrides;
        for (i, fix) in fixes.iter().enumerate() {
            // Which mention of this id in the file, to place a problem at the right one.
            let nth = fixes[..i]
                .iter()
                .filter(|f| f.contact == fix.contact)
                .count();
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
                    Ok(parsed) if !super::validate::fits(kind, parsed.kind) => {
                        self.problems.push(file.problem(
                            number,
                            0,
                            &record(),
                            format!(
                                "`{number}` cannot replace a {} line: {}",
                                kind.as_str(),
                                super::validate::expected_number(kind)
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

/// Merges checked overlays over the bundled data. `state` keeps only the local entries
/// for that state (federal entries are nationwide).
pub fn merge(mut data: Dataset, files: Vec<OverlayFile>, state: Option<&str>) -> Dataset {
    let wanted = |org: &Organization| {
        state.is_none_or(|s| {
            org.state
                .as_deref()
                .is_none_or(|own| own.eq_ignore_ascii_case(s))
        })
    };
    let mut dropped: HashSet<String> = HashSet::new();
    // Bundled ids by position, so an overriding entry finds its twin without a scan.
    let positions: HashMap<Text, usize> = data
        .organizations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    // Local referrals per need, spliced in once per need at the end.
    let mut local_referrals: HashMap<String, Vec<(usize, Referral)>> = HashMap::new();
    for file in files {
        // A file parsed just now still holds its text: it goes before the merged list
        // grows, since at 10,000 organizations it would be a sixth of the peak.
        let OverlayFile {
            path,
            overlay,
            text,
            ..
        } = file;
        drop(text);
        let path = Text::from(path);
        let mut incoming = overlay.organizations;
        for org in incoming.extract_if(.., |org| !wanted(org)) {
            dropped.insert(org.id.to_string());
        }
        for org in &mut incoming {
            org.origin = Some(path.clone());
        }
        for org in incoming.extract_if(.., |org| org.overrides && positions.contains_key(&org.id)) {
            let i = positions[&org.id];
            data.organizations.to_mut()[i] = org;
            data.organization_files.to_mut()[i].clone_from(&path);
        }
        data.organization_files
            .to_mut()
            .extend(std::iter::repeat_n(path.clone(), incoming.len()));
        // Appended in file order. The larger list takes the smaller in: a second list of
        // 10,000 organizations would be a third of the memory.
        let mut organizations = std::mem::take(&mut data.organizations).into_owned();
        if organizations.len() < incoming.len() {
            incoming.splice(0..0, organizations);
            organizations = incoming;
        } else {
            organizations.append(&mut incoming);
        }
        data.organizations = Cow::Owned(organizations);
        for local in overlay.referrals {
            if dropped.contains(&local.org) {
                continue;
            }
            let rank = local.rank.unwrap_or(DEFAULT_RANK);
            local_referrals.entry(local.need).or_default().push((
                rank,
                Referral {
                    org: local.org.into(),
                    why: local.why.into(),
                    sources: List::default(),
                    contacts: local.contacts.into_iter().map(Text::from).collect(),
                    for_askers: local.for_askers.into(),
                    origin: Some(path.clone()),
                },
            ));
        }
        for mut fix in overlay.contact_overrides {
            let found = data.organizations.iter().enumerate().find_map(|(i, o)| {
                let j = o.contacts.iter().position(|c| c.id == fix.contact)?;
                Some((i, j))
            });
            if let Some((i, j)) = found {
                // Only the corrected organization's contacts stop borrowing the bundled ones.
                let contact = &mut data.organizations.to_mut()[i].contacts.to_mut()[j];
                fix.original_number = contact.number.take();
                fix.original_digits = contact.digits.take();
                fix.file.clone_from(&path);
                contact.number.clone_from(&fix.number);
                contact.other_forms = List::default();
                fill_digits(contact);
                data.overrides.to_mut().push(fix);
            }
        }
    }
    if local_referrals.is_empty() {
        return data;
    }
    for need in data.needs.to_mut().iter_mut() {
        if let Some(locals) = local_referrals.remove(need.id.as_ref()) {
            let bundled = std::mem::take(&mut need.referrals).into_owned();
            need.referrals = splice_by_rank(bundled, locals).into();
        }
    }
    data
}

/// Places local referrals among a need's own: each at its rank (1 is first), in file order
/// among equal ranks, the bundled order kept between them. Linear in the total.
fn splice_by_rank(bundled: Vec<Referral>, mut locals: Vec<(usize, Referral)>) -> Vec<Referral> {
    locals.sort_by_key(|(rank, _)| *rank); // stable: file order among equal ranks
    let mut out = Vec::with_capacity(bundled.len() + locals.len());
    let mut locals = locals.into_iter().peekable();
    for referral in bundled {
        while let Some((rank, _)) = locals.peek()
            && *rank <= out.len() + 1
        {
            out.extend(locals.next().map(|(_, r)| r));
        }
        out.push(referral);
    }
    out.extend(locals.map(|(_, r)| r));
    out
}

/// Overlay contacts may leave out `digits`: they are read from the number.
fn fill_digits(contact: &mut super::Contact) {
    if contact.digits.is_none()
        && let Some(number) = &contact.number
        && let Ok(parsed) = phone::parse(number)
    {
        contact.digits = Some(parsed.digits.into());
    }
}

/// Line and column (1-based) of the `nth` occurrence of `needle` in `text`.
fn locate(text: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    let offset = text.match_indices(needle).nth(nth)?.0;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

/// The first character in any string of `value` that could forge or reorder a line.
fn first_unsafe_char(value: &serde_json::Value, found: &mut Option<char>) {
    use serde_json::Value;
    if found.is_some() {
        return;
    }
    match value {
        Value::String(text) => *found = text.chars().find(|&c| crate::text::is_unsafe_in_text(c)),
        Value::Array(items) => items.iter().for_each(|v| first_unsafe_char(v, found)),
        Value::Object(fields) => fields.values().for_each(|v| first_unsafe_char(v, found)),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A commented starter overlay, printed by `htref data template`.
pub const TEMPLATE: &str = include_str!("overlay_template.ron");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_the_nth_occurrence() {
        let text = "a\n  id: \"x\",\n  id: \"x\",\n";
        assert_eq!(locate(text, "\"x\"", 0), Some((2, 7)));
        assert_eq!(locate(text, "\"x\"", 1), Some((3, 7)));
        assert_eq!(locate(text, "\"y\"", 0), None);
    }

    #[test]
    fn the_template_parses() {
        let overlay: Overlay = ron::from_str(TEMPLATE).expect("the template is valid RON");
        assert!(!overlay.organizations.is_empty());
        assert!(!overlay.referrals.is_empty());
    }
}
