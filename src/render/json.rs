//! JSON wire types: the stable schema scripts rely on (documented in docs/json-schema.md).
//!
//! Compatibility rule: fields may be added in a release; none is renamed, retyped or
//! removed without raising `SCHEMA_VERSION`. These types are separate from the data
//! model so that the data files can change shape without breaking scripts.

use crate::data::{Contact, ContactKind, Dataset, List, Source, Text};
use crate::index::{ContactRef, Index};
use crate::phone;
use crate::viewer::Viewer;
use serde::Serialize;
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

/// Writes one pretty-printed JSON document and a newline.
pub fn write<T: Serialize>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", pretty_at(value, 0)?)
}

/// Writes one JSON document on one line and a newline: what a program in a pipe reads.
pub fn write_compact<T: Serialize>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    let text = serde_json::to_string(value).map_err(io::Error::from)?;
    out.write_all(escape_invisible(&text).as_bytes())?;
    out.write_all(b"\n")
}

/// A value as [`write`] prints it, every line after the first indented by `indent` more
/// spaces, to stand inside a document written piece by piece.
fn pretty_at<T: Serialize + ?Sized>(value: &T, indent: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::from)?;
    let text = escape_invisible(&text);
    if indent == 0 {
        return Ok(text.into_owned());
    }
    // A raw line break is the document's own layout: inside a string it is escaped.
    Ok(text.replace('\n', &format!("\n{:indent$}", "")))
}

/// A document's top-level object written a field at a time, byte for byte as [`write`]
/// prints the whole: a field may be a list written an item at a time
/// ([`ObjectWriter::list`]), so an export of any size never holds its list in memory.
pub struct ObjectWriter<'w> {
    out: &'w mut dyn Write,
    fields: usize,
}

impl<'w> ObjectWriter<'w> {
    pub fn begin(out: &'w mut dyn Write) -> io::Result<ObjectWriter<'w>> {
        out.write_all(b"{")?;
        Ok(ObjectWriter { out, fields: 0 })
    }

    fn key(&mut self, key: &str) -> io::Result<()> {
        let separator = if self.fields == 0 { "\n" } else { ",\n" };
        self.fields += 1;
        write!(self.out, "{separator}  {}: ", pretty_at(key, 0)?)
    }

    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> io::Result<()> {
        self.key(key)?;
        self.out.write_all(pretty_at(value, 2)?.as_bytes())
    }

    /// A field whose value is a list, written an item at a time; end it before the next.
    pub fn list(&mut self, key: &str) -> io::Result<ListWriter<'_>> {
        self.key(key)?;
        ListWriter::begin(&mut *self.out, 2)
    }

    /// The closing brace and the document's newline.
    pub fn end(self) -> io::Result<()> {
        if self.fields == 0 {
            writeln!(self.out, "{{}}")
        } else {
            writeln!(self.out, "\n}}")
        }
    }
}

/// A list written an item at a time, byte for byte as [`write`] prints the whole; at the
/// top of a document (`indent` 0) [`ListWriter::end`] adds the document's newline.
pub struct ListWriter<'w> {
    out: &'w mut dyn Write,
    indent: usize,
    items: usize,
}

impl<'w> ListWriter<'w> {
    pub fn begin(out: &'w mut dyn Write, indent: usize) -> io::Result<ListWriter<'w>> {
        out.write_all(b"[")?;
        Ok(ListWriter {
            out,
            indent,
            items: 0,
        })
    }

    pub fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        let separator = if self.items == 0 { "\n" } else { ",\n" };
        self.items += 1;
        let inner = self.indent + 2;
        write!(
            self.out,
            "{separator}{:inner$}{}",
            "",
            pretty_at(value, inner)?
        )
    }

    pub fn end(self) -> io::Result<()> {
        if self.items > 0 {
            write!(self.out, "\n{:indent$}", "", indent = self.indent)?;
        }
        self.out.write_all(b"]")?;
        if self.indent == 0 {
            writeln!(self.out)?;
        }
        Ok(())
    }
}

/// `serde_json` escapes C0 controls but writes C1 controls (U+009B, a terminal's CSI) and
/// bidi or zero-width marks raw: those are escaped too, so a JSON document piped to a
/// terminal or pasted into a ticket shows them as `\u009b` and reorders nothing. They can
/// only stand inside strings, where the escape means the same character.
pub fn escape_invisible(json: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write as _;
    let unsafe_char = |c: char| c != '\n' && super::is_unsafe_in_text(c);
    let Some(first) = first_unsafe(json, unsafe_char) else {
        return std::borrow::Cow::Borrowed(json);
    };
    let mut out = String::with_capacity(json.len() + 16);
    out.push_str(&json[..first]);
    for c in json[first..].chars() {
        // A raw line break here is the document's own layout, never inside a string.
        if unsafe_char(c) {
            // A character past U+FFFF (a tag character) is written as its UTF-16 pair:
            // JSON's `\u` takes four hex digits.
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Where the first character `unsafe_char` takes stands, if any. A document is mostly
/// printable ASCII, which needs no look at its characters: it is passed over in blocks of
/// bytes (a loop the compiler vectorizes), and only a block holding something else is read
/// character by character. Measured: the answer to `who-handles labor --json` (45 KB) took
/// 0.68 M instructions to scan char by char.
fn first_unsafe(json: &str, unsafe_char: impl Fn(char) -> bool) -> Option<usize> {
    const BLOCK: usize = 32;
    let plain = |b: u8| (0x20..0x7f).contains(&b) || b == b'\n';
    let bytes = json.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + BLOCK).min(bytes.len());
        if bytes[at..end].iter().fold(true, |all, &b| all & plain(b)) {
            at = end;
            continue;
        }
        // A block may begin inside a character that began in the block before: read from
        // that character's start.
        let mut start = at;
        while !json.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = end;
        while !json.is_char_boundary(end) {
            end += 1;
        }
        if let Some((i, _)) = json[start..end]
            .char_indices()
            .find(|&(_, c)| unsafe_char(c))
        {
            return Some(start + i);
        }
        at = end;
    }
    None
}

#[derive(Debug, Serialize)]
pub struct DatasetJson {
    pub as_of: Text,
    pub sources: usize,
    pub organizations: usize,
    pub needs: usize,
}

impl DatasetJson {
    pub fn new(data: &Dataset) -> DatasetJson {
        DatasetJson {
            as_of: data.info.as_of.clone(),
            sources: data.sources.len(),
            organizations: data.organizations.len(),
            needs: data.needs.len(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct EmergencyJson {
    pub number: Text,
    pub message: Text,
    pub note: Text,
    /// For someone abroad: the line for U.S. citizens abroad, in a sentence; null otherwise.
    pub abroad: Option<String>,
}

impl EmergencyJson {
    pub fn new(data: &Dataset) -> EmergencyJson {
        let e = &data.info.emergency;
        EmergencyJson {
            number: e.number.clone(),
            message: e.message.clone(),
            note: e.note.clone(),
            abroad: None,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SourceRefJson {
    pub id: Text,
    pub publisher: Text,
    pub title: Text,
    /// A few words naming the document.
    pub short: Text,
    pub date: Option<Text>,
    pub approx: Option<Text>,
    /// An official page's address; null for the seed documents.
    pub url: Option<Text>,
    /// When htref's copy of an official page was read.
    pub read: Option<Text>,
}

impl SourceRefJson {
    pub fn new(source: &Source) -> SourceRefJson {
        SourceRefJson {
            id: source.id.clone(),
            publisher: source.publisher.clone(),
            title: source.title.clone(),
            short: source.short.clone(),
            date: source.date.clone(),
            approx: source.approx.clone(),
            url: source.url.clone(),
            read: source.read.clone(),
        }
    }

    /// The records for a list of source ids, skipping any the data does not know.
    pub fn list(data: &Dataset, ids: &[Text]) -> Vec<SourceRefJson> {
        data.sources_cited(ids)
            .into_iter()
            .map(SourceRefJson::new)
            .collect()
    }
}

#[derive(Debug, Serialize)]
pub struct ContactJson {
    pub id: Text,
    /// voice, tty, text, video, chat, language, web or email.
    pub kind: &'static str,
    pub label: Text,
    /// As the sources write it; null for a channel with no number.
    pub number: Option<Text>,
    /// A web form's, contact page's or chat's official https address.
    pub url: Option<Text>,
    /// An email contact's address.
    pub email: Option<Text>,
    pub other_forms: List<Text>,
    pub digits: Option<Text>,
    /// As dialed in the U.S.: 1-XXX-XXX-XXXX, or the code.
    pub dial: Option<String>,
    pub e164: Option<String>,
    pub tel_uri: Option<String>,
    /// Forms written with letters, kept beside the digits (1-866-DHS-2-ICE).
    pub vanity: Vec<Text>,
    /// Digit by digit with pauses, for a screen reader.
    pub spoken: Option<String>,
    /// For a TTY line: how to reach it.
    pub relay: Option<String>,
    pub hours: Option<Text>,
    pub languages: List<Text>,
    pub reach: Option<Text>,
    pub audience: Option<Text>,
    /// Askers the line is meant for; empty for anyone.
    pub for_askers: Vec<&'static str>,
    /// What anyone else should do instead.
    pub others: Option<Text>,
    /// Set when the line is meant for other callers than the asker, or for the asker.
    pub asker_note: Option<String>,
    pub note: Option<Text>,
    /// Why to check the line before relying on it; null when nothing says so.
    pub verify: Option<Text>,
    /// What newer official pages say instead, when they replace this line; null for a
    /// current line. Such a line is never in an answer, only on a card and in `phone`.
    pub superseded: Option<SupersededJson>,
    /// The organization the contact belongs to.
    pub organization_id: Text,
    pub sources: List<Text>,
    /// Set when every source for this number is dated and older than --stale-after.
    pub staleness: Option<String>,
    /// Set when a local overlay replaced the number.
    pub overridden: Option<OverrideJson>,
}

impl ContactJson {
    pub fn new(index: &Index, at: ContactRef, viewer: &Viewer) -> ContactJson {
        let c: &Contact = index.contact(at);
        let dial = c.digits.as_deref().map(phone::dial_form);
        ContactJson {
            id: c.id.clone(),
            kind: c.kind.as_str(),
            label: c.label.clone(),
            number: c.number.clone(),
            url: c.url.clone(),
            email: c.email.clone(),
            other_forms: c.other_forms.clone(),
            digits: c.digits.clone(),
            e164: c.digits.as_deref().and_then(phone::e164),
            tel_uri: c.digits.as_deref().map(phone::tel_uri),
            vanity: c
                .other_forms
                .iter()
                .filter(|f| f.chars().any(char::is_alphabetic))
                .cloned()
                .collect(),
            spoken: c.digits.as_deref().map(phone::spoken),
            relay: (c.kind == ContactKind::Tty)
                .then(|| dial.as_deref().map(phone::relay_guidance))
                .flatten(),
            dial,
            hours: c.hours.clone(),
            languages: c.languages.clone(),
            reach: c.reach.clone(),
            audience: c.audience.clone(),
            for_askers: c.for_askers.iter().map(|a| a.as_str()).collect(),
            others: c.others.clone(),
            asker_note: viewer.asker_note(c),
            note: c.note.clone(),
            verify: c.verify.clone(),
            superseded: c.superseded.as_ref().map(|old| SupersededJson {
                note: old.note.clone(),
                instead: old.instead.clone(),
                sources: old.sources.clone(),
            }),
            organization_id: index.org(at.org).id.clone(),
            sources: c.sources.clone(),
            staleness: viewer.staleness(index.data, &c.sources),
            overridden: index.data.override_of(&c.id).map(|fix| OverrideJson {
                file: fix.file.clone(),
                date: fix.date.clone(),
                note: fix.note.clone(),
                original_number: fix.original_number.clone(),
                original_digits: fix.original_digits.clone(),
            }),
        }
    }
}

/// Where a local entry came from.
#[derive(Debug, Serialize)]
pub struct LocalJson {
    /// The overlay file.
    pub file: Text,
    /// Whether it replaces the bundled organization with the same id.
    pub overrides: bool,
    /// For a service from the local database: its record's id in its feed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed_record: Option<Text>,
}

impl LocalJson {
    pub fn of(org: &crate::data::Organization) -> Option<LocalJson> {
        org.origin.as_ref().map(|file| LocalJson {
            file: file.clone(),
            overrides: org.overrides,
            feed_record: org.feed_record.clone(),
        })
    }
}

/// An overlay's correction of a bundled number, with the original beside it.
/// A line newer official pages replace: what they say instead, the lines to use, the pages.
#[derive(Debug, Serialize)]
pub struct SupersededJson {
    pub note: Text,
    pub instead: List<Text>,
    pub sources: List<Text>,
}

#[derive(Debug, Serialize)]
pub struct OverrideJson {
    pub file: Text,
    pub date: Text,
    pub note: Text,
    pub original_number: Option<Text>,
    pub original_digits: Option<Text>,
}

/// A short reference to an organization.
#[derive(Debug, Serialize)]
pub struct OrgRefJson {
    pub id: Text,
    pub name: Text,
    pub acronym: Option<Text>,
}

impl OrgRefJson {
    pub fn new(index: &Index, org: usize) -> OrgRefJson {
        let o = index.org(org);
        OrgRefJson {
            id: o.id.clone(),
            name: o.name.clone(),
            acronym: o.acronym.clone(),
        }
    }
}

/// An organization with what places it: kind, parent and department.
#[derive(Debug, Serialize)]
pub struct OrgJson {
    pub id: Text,
    pub name: Text,
    pub acronym: Option<Text>,
    pub aliases: List<Text>,
    pub kind: &'static str,
    pub parent: Option<OrgRefJson>,
    pub department: Option<OrgRefJson>,
    pub state: Option<Text>,
    pub summary: Text,
    /// Set for an entry from a local overlay.
    pub local: Option<LocalJson>,
}

impl OrgJson {
    pub fn new(index: &Index, org: usize) -> OrgJson {
        let o = index.org(org);
        OrgJson {
            id: o.id.clone(),
            name: o.name.clone(),
            acronym: o.acronym.clone(),
            aliases: o.aliases.iter().map(|a| a.name.clone()).collect(),
            kind: o.kind.as_str(),
            parent: index.parent(org).map(|p| OrgRefJson::new(index, p)),
            department: index
                .department(org)
                .filter(|&d| d != org)
                .map(|d| OrgRefJson::new(index, d)),
            state: o.state.clone(),
            summary: o.summary.clone(),
            local: LocalJson::of(o),
        }
    }
}

/// A recorded disagreement between sources.
#[derive(Debug, Serialize)]
pub struct ConflictJson {
    pub id: Text,
    pub topic: Text,
    pub subjects: List<Text>,
    /// Newest source first.
    pub claims: Vec<ClaimJson>,
    pub resolution: Text,
}

#[derive(Debug, Serialize)]
pub struct ClaimJson {
    pub text: Text,
    pub sources: Vec<SourceRefJson>,
}

impl ConflictJson {
    pub fn new(data: &Dataset, conflict: &crate::data::Conflict) -> ConflictJson {
        ConflictJson {
            id: conflict.id.clone(),
            topic: conflict.topic.clone(),
            subjects: conflict.subjects.clone(),
            claims: conflict
                .claims
                .iter()
                .map(|c| ClaimJson {
                    text: c.text.clone(),
                    sources: SourceRefJson::list(data, &c.sources),
                })
                .collect(),
            resolution: conflict.resolution.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ListWriter, ObjectWriter, escape_invisible, write};
    use serde_json::json;

    /// What `write` prints for the whole value.
    fn whole(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        write(value, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_document_written_piece_by_piece_is_the_whole_one() {
        let items = [
            json!({"a": [1, 2], "b": {"c": "x\ny"}}),
            json!([]),
            json!("z"),
        ];
        for n in 0..=items.len() {
            let mut out = Vec::new();
            let mut doc = ObjectWriter::begin(&mut out).unwrap();
            doc.field("first", &json!({"k": [true]})).unwrap();
            let mut list = doc.list("items").unwrap();
            for item in &items[..n] {
                list.item(item).unwrap();
            }
            list.end().unwrap();
            doc.field("last", &json!([])).unwrap();
            doc.end().unwrap();
            let expected = whole(&json!({
                "first": {"k": [true]},
                "items": items[..n],
                "last": [],
            }));
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{n} items");

            let mut out = Vec::new();
            let mut list = ListWriter::begin(&mut out, 0).unwrap();
            for item in &items[..n] {
                list.item(item).unwrap();
            }
            list.end().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), whole(&json!(items[..n])));
        }
    }

    #[test]
    fn an_invisible_character_past_the_basic_plane_is_escaped_as_a_pair() {
        let escaped = escape_invisible("\"a\u{e0041}b\u{202e}\"");
        assert_eq!(escaped, "\"a\\udb40\\udc41b\\u202e\"");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{e0041}b\u{202e}");
    }

    #[test]
    fn an_invisible_character_is_found_wherever_it_stands_in_a_long_document() {
        // Long runs of ASCII, accented letters and marks straddling the scan's blocks, and
        // the mark at every offset.
        for pad in 0..70 {
            let head = format!("\"{}ñ{}", "a".repeat(pad), "·".repeat(pad % 7));
            for (mark, escape) in [('\u{202e}', "\\u202e"), ('\u{9b}', "\\u009b")] {
                let text = format!("{head}{mark}é\"");
                let escaped = escape_invisible(&text);
                assert_eq!(escaped, format!("{head}{escape}é\""), "{pad}");
            }
            let clean = format!("{head}é\"");
            assert!(matches!(
                escape_invisible(&clean),
                std::borrow::Cow::Borrowed(_)
            ));
        }
    }
}
