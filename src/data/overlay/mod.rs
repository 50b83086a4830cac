//! Local overlays: RON files, in the same schema as `data/`, that add an organization's own
//! partners (a county task force, a shelter line), add them to needs, or correct a bundled
//! number that no longer works. They are read, checked against the bundled data, and merged
//! over it. A broken overlay named with `--data` stops the command before anything is
//! printed; the default one, or one `HTREF_DATA` names, is left out with a warning
//! (`data::loading`).

use super::validate::Problem;
use super::{Asker, ContactOverride, Dataset, List, Organization, Referral, Text};
use crate::phone;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::path::PathBuf;
use std::sync::OnceLock;

mod check;

pub use check::check;

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
    /// Where each quoted text sits in the file, made on the first problem: every problem
    /// then finds its place without reading the file again from the top.
    quoted: OnceLock<QuotedIndex>,
    pub overlay: Overlay,
}

impl OverlayFile {
    /// A problem at the first (or `nth`) place the quoted value appears in the file.
    fn problem(&self, value: &str, nth: usize, record: &str, message: String) -> Problem {
        Problem {
            file: self.path.clone(),
            position: self.text().and_then(|text| {
                self.quoted
                    .get_or_init(|| QuotedIndex::new(text))
                    .locate(text, value, nth)
            }),
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
        quoted: OnceLock::new(),
        overlay,
    }
}

/// The most organizations one overlay holds: overlays are written by hand; a directory's
/// feed goes into the local database, which answers from an index at any size.
pub const MAX_OVERLAY_ORGANIZATIONS: usize = 5_000;

/// The largest overlay file htref reads: several times what [`MAX_OVERLAY_ORGANIZATIONS`]
/// take (about 1 KB each), small enough that a stray huge file (a disk image, 900 MB of
/// zeros) is refused from its size alone, before it is read, instead of costing every
/// answer seconds and gigabytes.
pub const MAX_OVERLAY_BYTES: u64 = 16 << 20;

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
                "is {} MB, more than the {} MB an overlay may be; import a directory into the local database with `htref data import FEED`",
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
        quoted: OnceLock::new(),
        overlay,
    })
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
                    why_es: None,
                    sources: List::default(),
                    contacts: local.contacts.into_iter().map(Text::from).collect(),
                    for_askers: local.for_askers.into(),
                    unless_needs: List::default(),
                    origin: Some(path.clone()),
                },
            ));
        }
        // Each contact's place, found once per file that corrects any: a lookup per
        // correction, not a scan of every organization.
        let places: HashMap<Text, (usize, usize)> = if overlay.contact_overrides.is_empty() {
            HashMap::new()
        } else {
            let mut places = HashMap::new();
            for (i, org) in data.organizations.iter().enumerate() {
                for (j, contact) in org.contacts.iter().enumerate() {
                    places.entry(contact.id.clone()).or_insert((i, j));
                }
            }
            places
        };
        for mut fix in overlay.contact_overrides {
            if let Some(&(i, j)) = places.get(&fix.contact) {
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

/// The quoted texts of an overlay's RON, by a hash of what is between their quotes, and
/// where its lines start: built in one pass, so that placing every problem of a file costs
/// its length once, not once per problem (a file of 10,000 records with a problem each
/// took minutes when each problem searched the text from the top).
#[derive(Debug, Clone, Default)]
struct QuotedIndex {
    hasher: foldhash::fast::FixedState,
    /// Offsets of the opening quotes, by the hash of the text inside.
    quotes: HashMap<u64, Vec<usize>>,
    /// Offset of each line's first byte.
    line_starts: Vec<usize>,
}

impl QuotedIndex {
    fn new(text: &str) -> QuotedIndex {
        use std::hash::BuildHasher;
        let mut index = QuotedIndex::default();
        index.line_starts.push(0);
        index
            .line_starts
            .extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match (bytes[i], bytes.get(i + 1)) {
                // Quotes in a comment are no text of the overlay.
                (b'/', Some(b'/')) => {
                    i = memchr_from(bytes, i, b'\n');
                }
                (b'/', Some(b'*')) => {
                    i = text[i + 2..]
                        .find("*/")
                        .map_or(bytes.len(), |end| i + 2 + end + 2);
                }
                (b'"', _) => {
                    let start = i + 1;
                    let mut j = start;
                    while j < bytes.len() && bytes[j] != b'"' {
                        j += if bytes[j] == b'\\' { 2 } else { 1 };
                    }
                    let end = j.min(bytes.len());
                    let key = index.hasher.hash_one(&text[start..end]);
                    index.quotes.entry(key).or_default().push(i);
                    i = end + 1;
                }
                _ => i += 1,
            }
        }
        index
    }

    /// Line and column (1-based) of the `nth` text quoted exactly as `value`.
    fn locate(&self, text: &str, value: &str, nth: usize) -> Option<(usize, usize)> {
        use std::hash::BuildHasher;
        let offset = *self
            .quotes
            .get(&self.hasher.hash_one(value))?
            .iter()
            .filter(|&&at| {
                text.get(at + 1..)
                    .and_then(|rest| rest.strip_prefix(value))
                    .is_some_and(|rest| rest.starts_with('"'))
            })
            .nth(nth)?;
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = text[line_start..offset].chars().count() + 1;
        Some((line, column))
    }
}

/// The offset of the next `byte` at or after `from`, or the end.
fn memchr_from(bytes: &[u8], from: usize, byte: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == byte)
        .map_or(bytes.len(), |p| from + p)
}

/// The first character in any string of `value` that could forge or reorder a line.
fn first_unsafe_char(value: &serde_json::Value, found: &mut Option<char>) {
    use serde_json::Value;
    if found.is_some() {
        return;
    }
    match value {
        Value::String(text) => *found = crate::text::first_unsafe(text),
        Value::Array(items) => items.iter().for_each(|v| first_unsafe_char(v, found)),
        Value::Object(fields) => fields.values().for_each(|v| first_unsafe_char(v, found)),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A commented starter overlay, printed by `htref data template`.
pub const TEMPLATE: &str = include_str!("template.ron");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_the_nth_occurrence() {
        let text =
            "a\n  id: \"x\",\n  // \"x\" in a comment\n  id: \"x\", é: \"é \\\" x\",\n  id: \"xx\"";
        let index = QuotedIndex::new(text);
        assert_eq!(index.locate(text, "x", 0), Some((2, 7)));
        assert_eq!(index.locate(text, "x", 1), Some((4, 7)));
        assert_eq!(index.locate(text, "x", 2), None);
        assert_eq!(index.locate(text, "xx", 0), Some((5, 7)));
        assert_eq!(index.locate(text, "y", 0), None);
        // Columns count characters; an escaped quote does not end a text.
        assert_eq!(index.locate(text, "é \\\" x", 0), Some((4, 15)));
    }

    #[test]
    fn the_template_parses() {
        let overlay: Overlay = ron::from_str(TEMPLATE).expect("the template is valid RON");
        assert!(!overlay.organizations.is_empty());
        assert!(!overlay.referrals.is_empty());
    }
}
