//! The matcher's tables: every need term and organization name, normalized and stemmed,
//! with sorted indexes for look-up by binary search.
//!
//! They are used in rkyv's archived form, read in place without decoding: the bundled
//! data's tables are built and archived at build time (build.rs) and embedded in the
//! binary; with overlays they are built at start-up, or read from the cache directory.
//! An archive holds no pointers, so the loader relocates nothing and pages are touched
//! only where the matcher looks.

use super::normalize::Normalizer;
use crate::data::Dataset;
use foldhash::{HashMap, HashMapExt, HashSet};
use rkyv::rancor;
use rkyv::util::AlignedVec;
use rkyv::{Archive, Serialize};
use std::path::Path;

/// One way of referring to a need, as prepared for matching.
#[derive(Debug, Clone, Archive, Serialize)]
pub struct Term {
    pub need: u32,
    /// As written in the data, to explain a match.
    pub text: String,
    pub stems: Vec<String>,
    pub weight: f64,
}

/// One way of naming an organization, as prepared for matching.
#[derive(Debug, Clone, Archive, Serialize)]
pub struct Name {
    pub org: u32,
    pub text: String,
    pub surfaces: Vec<String>,
    /// Stems of the name's content words, each with how much it says (inverse document
    /// frequency over all names): "missing" says more than "national".
    pub stems: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Archive, Serialize)]
pub struct Tables {
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

/// Archived tables, with what owns their bytes.
pub enum TablesArchive {
    /// Embedded in the binary.
    Bundled(&'static [u8]),
    /// Built at start-up or read from the cache.
    Owned(AlignedVec),
}

impl TablesArchive {
    /// Builds and archives the tables for any dataset (the bundled one, or one with
    /// overlays).
    pub fn build(data: &Dataset) -> TablesArchive {
        TablesArchive::Owned(Tables::build(data).archive())
    }

    /// Bytes that should be an archive, kept when they are a whole, valid one.
    pub fn from_bytes(bytes: &[u8]) -> Option<TablesArchive> {
        let mut aligned = AlignedVec::with_capacity(bytes.len());
        aligned.extend_from_slice(bytes);
        TablesArchive::checked(aligned)
    }

    /// A cache file, read straight into aligned memory, when it holds a valid archive.
    pub fn read(path: &Path) -> Option<TablesArchive> {
        let mut file = std::fs::File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let mut aligned = AlignedVec::with_capacity(usize::try_from(size).ok()?);
        aligned.extend_from_reader(&mut file).ok()?;
        TablesArchive::checked(aligned)
    }

    fn checked(bytes: AlignedVec) -> Option<TablesArchive> {
        let archive = TablesArchive::Owned(bytes);
        archive.tables().is_some().then_some(archive)
    }

    pub fn bytes(&self) -> &[u8] {
        match self {
            TablesArchive::Bundled(bytes) => bytes,
            TablesArchive::Owned(bytes) => bytes,
        }
    }

    /// The tables, read in place; `None` when the bytes are not a valid archive (a damaged
    /// cache file). Checking costs one pass over the archive.
    pub fn tables(&self) -> Option<&ArchivedTables> {
        rkyv::access::<ArchivedTables, rancor::Error>(self.bytes()).ok()
    }
}

impl Tables {
    /// The archived form, as embedded by build.rs and kept in the cache.
    pub fn archive(&self) -> AlignedVec {
        rkyv::to_bytes::<rancor::Error>(self).unwrap_or_default()
    }

    /// Builds the tables for a dataset.
    pub fn build(data: &Dataset) -> Tables {
        let normalizer = Normalizer::new(&data.vocabulary);
        let mut raw_terms = Vec::new();
        for (need_index, need) in data.needs.iter().enumerate() {
            for text in need.terms.iter() {
                let words = normalizer.content_words(text);
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
                let words = normalizer.all_words(form);
                if words.is_empty() {
                    continue;
                }
                dictionary.extend(words.iter().map(|w| (w.surface.clone(), w.stem.clone())));
                let mut stems: Vec<String> = normalizer
                    .content_words(form)
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
        Tables {
            terms,
            terms_by_stem,
            names,
            names_by_first,
            dictionary,
            known_stems,
            common_words,
        }
    }
}

impl ArchivedTerm {
    pub fn need(&self) -> usize {
        self.need.to_native() as usize
    }

    pub fn weight(&self) -> f64 {
        self.weight.to_native()
    }
}

impl ArchivedName {
    pub fn org(&self) -> usize {
        self.org.to_native() as usize
    }
}

impl ArchivedTables {
    pub fn term(&self, i: usize) -> &ArchivedTerm {
        &self.terms[i]
    }

    pub fn name(&self, i: usize) -> &ArchivedName {
        &self.names[i]
    }

    pub fn names(&self) -> &[ArchivedName] {
        &self.names
    }

    /// The terms that contain this stem.
    pub fn terms_with_stem(&self, stem: &str) -> impl Iterator<Item = usize> {
        look_up(&self.terms_by_stem, stem)
    }

    /// The names whose first word is this one.
    pub fn names_starting(&self, surface: &str) -> impl Iterator<Item = usize> {
        look_up(&self.names_by_first, surface)
    }

    pub fn knows_stem(&self, stem: &str) -> bool {
        self.known_stems
            .binary_search_by(|s| s.as_str().cmp(stem))
            .is_ok()
    }

    pub fn is_common_word(&self, word: &str) -> bool {
        self.common_words
            .binary_search_by(|s| s.as_str().cmp(word))
            .is_ok()
    }

    /// Dictionary words (surface, stem) that begin with this letter: a typo rarely
    /// changes the first letter.
    pub fn words_starting_with(&self, first: char) -> impl Iterator<Item = (&str, &str)> {
        let start = self
            .dictionary
            .partition_point(|e| e.0.chars().next() < Some(first));
        let end = self
            .dictionary
            .partition_point(|e| e.0.chars().next() <= Some(first));
        self.dictionary[start..end]
            .iter()
            .map(|e| (e.0.as_str(), e.1.as_str()))
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

type ArchivedIndex = rkyv::vec::ArchivedVec<
    rkyv::tuple::ArchivedTuple2<
        rkyv::string::ArchivedString,
        rkyv::vec::ArchivedVec<rkyv::rend::u32_le>,
    >,
>;

fn look_up<'t>(index: &'t ArchivedIndex, key: &str) -> impl Iterator<Item = usize> + 't {
    let found = index
        .binary_search_by(|e| e.0.as_str().cmp(key))
        .map_or(&[][..], |i| index[i].1.as_slice());
    found.iter().map(|i| i.to_native() as usize)
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
