//! The matcher's tables: every need term and organization name, normalized and stemmed,
//! with sorted indexes for look-up by binary search.
//!
//! They travel as a text and bytes, read in place: build.rs packs the bundled data's tables
//! and the binary embeds them; with overlays they are packed at start-up the same way.
//! Every string lives once in the text, and every record is a row of little-endian numbers
//! that point into it, so the embedded tables hold no pointer (the loader relocates nothing
//! for them) and reading them decodes only the rows the matcher looks at. Damaged bytes
//! make wrong look-ups, never a panic: every read is bounds-checked.

use super::normalize::Normalizer;
use super::reading;
use super::words::before;
use crate::data::Dataset;
use foldhash::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;

/// One way of referring to a need, as prepared for matching.
#[derive(Debug, Clone)]
struct Term {
    need: u32,
    /// As written in the data, to explain a match.
    text: String,
    stems: Vec<String>,
    weight: f64,
}

/// One way of naming an organization, as prepared for matching.
#[derive(Debug, Clone)]
struct Name {
    org: u32,
    text: String,
    surfaces: Vec<String>,
    /// Stems of the name's content words, each with how much it says (inverse document
    /// frequency over all names): "missing" says more than "national".
    stems: Vec<(String, f64)>,
}

/// The tables as built, before packing.
struct Built {
    terms: Vec<Term>,
    /// Terms by each of their stems, so a term is found whatever word of it comes first.
    terms_by_stem: Vec<(String, Vec<u32>)>,
    names: Vec<Name>,
    names_by_first: Vec<(String, Vec<u32>)>,
    /// Every word of every term and name, as written, with its stem, sorted: the typo
    /// dictionary.
    dictionary: Vec<(String, String)>,
    known_stems: Vec<String>,
    common_words: Vec<String>,
}

/// The sections of the packed tables, in the order of their offsets in the header.
#[derive(Clone, Copy)]
enum Section {
    /// (start, length) of a string in the text: term stems, name surfaces, known stems
    /// and common words.
    Spans,
    /// need, text span, first stem span, stem count, weight (f64).
    Terms,
    /// key span, first posting, posting count.
    TermsByStem,
    /// Indexes of terms or names, grouped by key.
    Postings,
    /// org, text span, first surface span, surface count, first stem, stem count.
    Names,
    /// A name's stem span and its weight (f64).
    NameStems,
    /// key span, first posting, posting count.
    NamesByFirst,
    /// surface span, stem span.
    Dictionary,
}

const SECTIONS: usize = 8;
/// "htref tables", format 1.
const MAGIC: &[u8; 4] = b"HTT1";
/// The header: the magic, then each section's start and end, then where the known stems
/// and the common words lie among the spans (first, count each).
const HEADER: usize = 4 + SECTIONS * 8 + 16;
/// Bytes per row of each section but the text.
const ROW: [usize; SECTIONS] = [8, 28, 16, 4, 28, 16, 16, 16];

/// The matcher's tables, packed; borrowed from the binary or owned when built at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables<'a> {
    /// Every string, once.
    text: Cow<'a, str>,
    /// The header and the rows.
    bytes: Cow<'a, [u8]>,
    layout: Layout,
}

/// Where each section lies in the bytes, found once when they are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    sections: [(usize, usize); SECTIONS],
    known_stems: (usize, usize),
    common_words: (usize, usize),
}

/// A view of the packed bytes, to read them.
#[derive(Clone, Copy)]
pub struct TablesRef<'t> {
    text: &'t str,
    sections: [&'t [u8]; SECTIONS],
    known_stems: (usize, usize),
    common_words: (usize, usize),
}

impl<'a> Tables<'a> {
    /// Packed tables, kept when their header and sections are whole.
    pub fn from_parts(text: Cow<'a, str>, bytes: Cow<'a, [u8]>) -> Option<Tables<'a>> {
        let layout = Layout::of(&bytes)?;
        Some(Tables {
            text,
            bytes,
            layout,
        })
    }

    /// The strings, once each.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The header and the rows that point into the text.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The tables, to read.
    pub fn view(&self) -> TablesRef<'_> {
        TablesRef {
            text: &self.text,
            sections: self
                .layout
                .sections
                .map(|(start, end)| self.bytes.get(start..end).unwrap_or(&[])),
            known_stems: self.layout.known_stems,
            common_words: self.layout.common_words,
        }
    }
}

impl Layout {
    fn of(bytes: &[u8]) -> Option<Layout> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return None;
        }
        let mut sections = [(0, 0); SECTIONS];
        let mut end_before = HEADER;
        for (i, section) in sections.iter_mut().enumerate() {
            let start = u32_at(bytes, 4 + i * 8);
            let end = u32_at(bytes, 8 + i * 8);
            // Sections follow each other to the last byte, each a whole number of rows.
            if start != end_before || end < start || !(end - start).is_multiple_of(ROW[i]) {
                return None;
            }
            *section = (start, end);
            end_before = end;
        }
        if end_before != bytes.len() {
            return None;
        }
        let at = 4 + SECTIONS * 8;
        Some(Layout {
            sections,
            known_stems: (u32_at(bytes, at), u32_at(bytes, at + 4)),
            common_words: (u32_at(bytes, at + 8), u32_at(bytes, at + 12)),
        })
    }
}

impl Tables<'static> {
    /// Builds and packs the tables for any dataset (the bundled one, or one with overlays).
    pub fn build(data: &Dataset) -> Tables<'static> {
        let (text, bytes) = Built::of(data).pack();
        let layout = Layout::of(&bytes).unwrap_or(Layout {
            sections: [(0, 0); SECTIONS],
            known_stems: (0, 0),
            common_words: (0, 0),
        });
        Tables {
            text: Cow::Owned(text),
            bytes: Cow::Owned(bytes),
            layout,
        }
    }
}

impl Built {
    /// Builds the tables for a dataset.
    fn of(data: &Dataset) -> Built {
        let normalizer = Normalizer::new(&data.vocabulary);
        let lists = &data.vocabulary.rules.words;
        let mut raw_terms = Vec::new();
        for (need_index, need) in data.needs.iter().enumerate() {
            for text in need.terms.iter() {
                let words = reading::content_words(&normalizer, lists, text);
                if !words.is_empty() {
                    raw_terms.push((need_index, text.to_string(), words));
                }
            }
        }
        // How many needs share each term: shared terms say less about any one need.
        let mut needs_per_term: HashMap<Vec<String>, HashSet<usize>> = HashMap::new();
        for (need, _, words) in &raw_terms {
            let stems = words.iter().map(|w| w.stem.clone()).collect();
            needs_per_term.entry(stems).or_default().insert(*need);
        }
        let mut dictionary = Vec::new();
        let mut terms = Vec::new();
        for (need, text, words) in raw_terms {
            let stems: Vec<String> = words.iter().map(|w| w.stem.clone()).collect();
            let shared = needs_per_term.get(&stems).map_or(1, HashSet::len);
            // A phrase outweighs its words found apart: "tip report" is not "tip" + "report".
            // Its weight grows as its length to the power 1.5, written without `powf`
            // (and the logarithm below with the pure-Rust libm) so that the binary does not
            // load the system's libm at every start for two functions overlays rarely need.
            let weight = data.needs[need].weight * small(stems.len()) * small(stems.len()).sqrt()
                / small(shared).sqrt();
            dictionary.extend(words.into_iter().map(|w| (w.surface, w.stem)));
            terms.push(Term {
                need: index32(need),
                text,
                stems,
                weight,
            });
        }
        let mut names = Vec::new();
        for (org_index, org) in data.organizations.iter().enumerate() {
            let forms = std::iter::once(&org.name)
                .chain(org.acronym.as_ref())
                .chain(org.aliases.iter().map(|a| &a.name));
            for form in forms {
                let words = reading::all_words(&normalizer, lists, form);
                if words.is_empty() {
                    continue;
                }
                dictionary.extend(words.iter().map(|w| (w.surface.clone(), w.stem.clone())));
                let mut stems: Vec<String> = reading::content_words(&normalizer, lists, form)
                    .into_iter()
                    .map(|w| w.stem)
                    .collect();
                stems.sort();
                stems.dedup();
                names.push(Name {
                    org: index32(org_index),
                    text: form.to_string(),
                    surfaces: words.into_iter().map(|w| w.surface).collect(),
                    stems: stems.into_iter().map(|s| (s, 0.0)).collect(),
                });
            }
        }
        // How many names use each stem, for the weight of a stem in a partial name.
        let mut names_per_stem: HashMap<String, usize> = HashMap::new();
        for name in &names {
            for (stem, _) in &name.stems {
                *names_per_stem.entry(stem.clone()).or_default() += 1;
            }
        }
        let total = small(names.len().max(1));
        for name in &mut names {
            for (stem, weight) in &mut name.stems {
                let df = names_per_stem.get(stem).copied().unwrap_or(1);
                *weight = libm::log(total / small(df));
            }
        }
        dictionary.sort();
        dictionary.dedup();
        let known_stems = sorted_set(dictionary.iter().map(|(_, s)| s.clone()));
        let common_words = sorted_set(data.vocabulary.common_words.iter().map(ToString::to_string));
        let terms_by_stem = sorted_index(
            terms
                .iter()
                .enumerate()
                .flat_map(|(i, t)| t.stems.iter().map(move |s| (s.clone(), index32(i)))),
        );
        let names_by_first = sorted_index(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.surfaces[0].clone(), index32(i))),
        );
        Built {
            terms,
            terms_by_stem,
            names,
            names_by_first,
            dictionary,
            known_stems,
            common_words,
        }
    }

    /// The text and bytes of [`Tables`]: each string once in the text, rows of numbers.
    fn pack(&self) -> (String, Vec<u8>) {
        let mut packer = Packer::default();
        let mut terms = Vec::new();
        for term in &self.terms {
            let text = packer.span(&term.text);
            let (first, count) = packer.strings(term.stems.iter().map(String::as_str));
            put32(&mut terms, term.need);
            terms.extend(text);
            put32(&mut terms, index32(first));
            put32(&mut terms, index32(count));
            terms.extend(term.weight.to_le_bytes());
        }
        let mut names = Vec::new();
        let mut name_stems = Vec::new();
        let mut stem_rows = 0usize;
        for name in &self.names {
            let text = packer.span(&name.text);
            let (first, count) = packer.strings(name.surfaces.iter().map(String::as_str));
            put32(&mut names, name.org);
            names.extend(text);
            put32(&mut names, index32(first));
            put32(&mut names, index32(count));
            put32(&mut names, index32(stem_rows));
            put32(&mut names, index32(name.stems.len()));
            for (stem, weight) in &name.stems {
                name_stems.extend(packer.span(stem));
                name_stems.extend(weight.to_le_bytes());
                stem_rows += 1;
            }
        }
        let known_stems = packer.strings(self.known_stems.iter().map(String::as_str));
        let common_words = packer.strings(self.common_words.iter().map(String::as_str));
        let mut postings = Vec::new();
        let mut index = |packer: &mut Packer, entries: &[(String, Vec<u32>)]| {
            let mut rows = Vec::new();
            for (key, items) in entries {
                rows.extend(packer.span(key));
                put32(&mut rows, index32(postings.len() / 4));
                put32(&mut rows, index32(items.len()));
                for i in items {
                    put32(&mut postings, *i);
                }
            }
            rows
        };
        let terms_by_stem = index(&mut packer, &self.terms_by_stem);
        let names_by_first = index(&mut packer, &self.names_by_first);
        let mut dictionary = Vec::new();
        for (surface, stem) in &self.dictionary {
            dictionary.extend(packer.span(surface));
            dictionary.extend(packer.span(stem));
        }
        let sections: [&[u8]; SECTIONS] = [
            &packer.spans,
            &terms,
            &terms_by_stem,
            &postings,
            &names,
            &name_stems,
            &names_by_first,
            &dictionary,
        ];
        let mut out = Vec::with_capacity(HEADER + sections.iter().map(|s| s.len()).sum::<usize>());
        out.extend(MAGIC);
        let mut at = HEADER;
        for section in sections {
            put32(&mut out, index32(at));
            at += section.len();
            put32(&mut out, index32(at));
        }
        for n in [known_stems.0, known_stems.1, common_words.0, common_words.1] {
            put32(&mut out, index32(n));
        }
        for section in sections {
            out.extend(section);
        }
        (packer.text, out)
    }
}

/// The text every string of the tables is stored in, each once, and the spans section.
#[derive(Default)]
struct Packer {
    text: String,
    seen: HashMap<String, (u32, u32)>,
    spans: Vec<u8>,
}

impl Packer {
    /// Strings as rows of the spans section, in order: (first row, count).
    fn strings<'s>(&mut self, words: impl Iterator<Item = &'s str>) -> (usize, usize) {
        let first = self.spans.len() / 8;
        for word in words {
            let span = self.span(word);
            self.spans.extend(span);
        }
        (first, self.spans.len() / 8 - first)
    }

    /// A string's (start, length) in the text, as bytes of a row.
    fn span(&mut self, s: &str) -> [u8; 8] {
        let (start, len) = if let Some(&span) = self.seen.get(s) {
            span
        } else {
            let span = (index32(self.text.len()), index32(s.len()));
            self.text.push_str(s);
            self.seen.insert(s.to_string(), span);
            span
        };
        let mut row = [0; 8];
        row[..4].copy_from_slice(&start.to_le_bytes());
        row[4..].copy_from_slice(&len.to_le_bytes());
        row
    }
}

fn put32(out: &mut Vec<u8>, n: u32) {
    out.extend(n.to_le_bytes());
}

/// The little-endian number at `at` in `bytes`; 0 past the end (damaged bytes read wrong,
/// never panic).
fn u32_at(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, |b| u32::from_le_bytes(b) as usize)
}

fn f64_at(bytes: &[u8], at: usize) -> f64 {
    bytes
        .get(at..at + 8)
        .and_then(|b| b.try_into().ok())
        .map_or(0.0, f64::from_le_bytes)
}

impl<'t> TablesRef<'t> {
    fn rows(&self, section: Section) -> usize {
        self.sections[section as usize].len() / ROW[section as usize]
    }

    /// Row `i` of a section, empty past the end.
    fn row(&self, section: Section, i: usize) -> &'t [u8] {
        let width = ROW[section as usize];
        self.sections[section as usize]
            .get(i * width..(i + 1) * width)
            .unwrap_or(&[])
    }

    /// The string whose span starts at `at` in `row` (a span out of the text or cut
    /// mid-character reads as nothing).
    fn string(&self, row: &[u8], at: usize) -> &'t str {
        let start = u32_at(row, at);
        self.text
            .get(start..start.saturating_add(u32_at(row, at + 4)))
            .unwrap_or("")
    }

    /// Spans `first..first + count` as strings.
    fn strings(&self, first: usize, count: usize) -> Strings<'t> {
        Strings {
            tables: *self,
            next: first,
            end: first.saturating_add(count).min(self.rows(Section::Spans)),
        }
    }

    pub fn terms(&self) -> usize {
        self.rows(Section::Terms)
    }

    pub fn term(&self, i: usize) -> TermRef<'t> {
        TermRef {
            tables: *self,
            row: self.row(Section::Terms, i),
        }
    }

    pub fn names(&self) -> impl Iterator<Item = NameRef<'t>> + 't {
        let tables = *self;
        (0..self.rows(Section::Names)).map(move |i| tables.name(i))
    }

    pub fn name(&self, i: usize) -> NameRef<'t> {
        NameRef {
            tables: *self,
            row: self.row(Section::Names, i),
        }
    }

    /// The terms that contain this stem.
    pub fn terms_with_stem(&self, stem: &str) -> impl Iterator<Item = usize> + 't {
        self.look_up(Section::TermsByStem, stem)
    }

    /// The names whose first word is this one.
    pub fn names_starting(&self, surface: &str) -> impl Iterator<Item = usize> + 't {
        self.look_up(Section::NamesByFirst, surface)
    }

    fn look_up(&self, index: Section, key: &str) -> impl Iterator<Item = usize> + 't {
        let i = self.partition_point(index, |row| before(self.string(row, 0), key));
        let row = self.row(index, i);
        let (first, count) = if self.string(row, 0) == key && !row.is_empty() {
            (u32_at(row, 8), u32_at(row, 12))
        } else {
            (0, 0)
        };
        let postings = self.sections[Section::Postings as usize];
        (first..first.saturating_add(count)).map(move |p| u32_at(postings, p * 4))
    }

    /// The first row of a sorted section for which `before` is false.
    fn partition_point(&self, section: Section, before: impl Fn(&[u8]) -> bool) -> usize {
        self.partition_within(section, 0..self.rows(section), before)
    }

    /// The same within some rows of a section.
    fn partition_within(
        &self,
        section: Section,
        rows: std::ops::Range<usize>,
        before: impl Fn(&[u8]) -> bool,
    ) -> usize {
        let (mut low, mut high) = (rows.start, rows.end);
        while low < high {
            let mid = low + (high - low) / 2;
            if before(self.row(section, mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// Whether a sorted run of spans holds the word.
    fn in_sorted(&self, (first, count): (usize, usize), word: &str) -> bool {
        let end = first.saturating_add(count).min(self.rows(Section::Spans));
        let at = self.partition_within(Section::Spans, first..end, |row| {
            before(self.string(row, 0), word)
        });
        at < end && self.string(self.row(Section::Spans, at), 0) == word
    }

    pub fn knows_stem(&self, stem: &str) -> bool {
        self.in_sorted(self.known_stems, stem)
    }

    pub fn is_common_word(&self, word: &str) -> bool {
        self.in_sorted(self.common_words, word)
    }

    /// Dictionary words (surface, stem) that begin with this letter: a typo rarely
    /// changes the first letter.
    pub fn words_starting_with(
        &self,
        first: char,
    ) -> impl Iterator<Item = (&'t str, &'t str)> + 't {
        let first_of = |row: &[u8]| self.string(row, 0).chars().next();
        let start = self.partition_point(Section::Dictionary, |row| first_of(row) < Some(first));
        let end = self.partition_point(Section::Dictionary, |row| first_of(row) <= Some(first));
        let tables = *self;
        (start..end).map(move |i| {
            let row = tables.row(Section::Dictionary, i);
            (tables.string(row, 0), tables.string(row, 8))
        })
    }
}

/// Strings of the tables, in order: a term's stems, a name's words.
#[derive(Clone)]
pub struct Strings<'t> {
    tables: TablesRef<'t>,
    next: usize,
    end: usize,
}

impl<'t> Iterator for Strings<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        (self.next < self.end).then(|| {
            self.next += 1;
            self.tables
                .string(self.tables.row(Section::Spans, self.next - 1), 0)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.end.saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Strings<'_> {}

/// One term of the tables.
#[derive(Clone, Copy)]
pub struct TermRef<'t> {
    tables: TablesRef<'t>,
    row: &'t [u8],
}

impl<'t> TermRef<'t> {
    pub fn need(&self) -> usize {
        u32_at(self.row, 0)
    }

    /// As written in the data, to explain a match.
    pub fn text(&self) -> &'t str {
        self.tables.string(self.row, 4)
    }

    pub fn stems(&self) -> Strings<'t> {
        self.tables
            .strings(u32_at(self.row, 12), u32_at(self.row, 16))
    }

    pub fn weight(&self) -> f64 {
        f64_at(self.row, 20)
    }
}

/// One way of naming an organization.
#[derive(Clone, Copy)]
pub struct NameRef<'t> {
    tables: TablesRef<'t>,
    row: &'t [u8],
}

impl<'t> NameRef<'t> {
    pub fn org(&self) -> usize {
        u32_at(self.row, 0)
    }

    pub fn text(&self) -> &'t str {
        self.tables.string(self.row, 4)
    }

    /// Its every word, as normalized.
    pub fn surfaces(&self) -> Strings<'t> {
        self.tables
            .strings(u32_at(self.row, 12), u32_at(self.row, 16))
    }

    /// Its content words' stems, each with how much it says.
    pub fn stems(&self) -> impl ExactSizeIterator<Item = (&'t str, f64)> + 't {
        let tables = self.tables;
        let first = u32_at(self.row, 20);
        let count = u32_at(self.row, 24).min(tables.rows(Section::NameStems).saturating_sub(first));
        (first..first + count).map(move |i| {
            let row = tables.row(Section::NameStems, i);
            (tables.string(row, 0), f64_at(row, 8))
        })
    }
}

/// Sorted, without repeats, for look-up by binary search.
fn sorted_set(words: impl Iterator<Item = String>) -> Vec<String> {
    let mut set: Vec<String> = words.collect();
    set.sort();
    set.dedup();
    set
}

/// Groups (key, index) pairs into a sorted list of keys with their indexes.
fn sorted_index(pairs: impl Iterator<Item = (String, u32)>) -> Vec<(String, Vec<u32>)> {
    let mut map: HashMap<String, Vec<u32>> = HashMap::new();
    for (key, i) in pairs {
        let entry = map.entry(key).or_default();
        if entry.last() != Some(&i) {
            entry.push(i);
        }
    }
    let mut index: Vec<(String, Vec<u32>)> = map.into_iter().collect();
    index.sort();
    index
}

/// An index as stored in the archive. Tables index needs and organizations, which number
/// far fewer than 2^32 even in the largest overlay.
fn index32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A count as a float; counts here are tiny, so nothing is lost.
#[allow(clippy::cast_precision_loss)]
fn small(count: usize) -> f64 {
    count as f64
}
