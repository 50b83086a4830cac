//! The matcher's tables: every need term and organization name, normalized and stemmed,
//! with sorted indexes for look-up by binary search. The bundled data's tables are built
//! at build time (build.rs) and embedded; with overlays they are built at start-up.

use super::normalize::Normalizer;
use crate::data::{Dataset, List, Text};
use databake::Bake;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// One way of referring to a need, as prepared for matching.
#[derive(Debug, Clone, Serialize, Deserialize, Bake)]
#[databake(path = crate::matching::tables)]
pub struct Term {
    pub need: usize,
    /// As written in the data, to explain a match.
    pub text: Text,
    pub stems: List<Text>,
    pub weight: f64,
}

/// One way of naming an organization, as prepared for matching.
#[derive(Debug, Clone, Serialize, Deserialize, Bake)]
#[databake(path = crate::matching::tables)]
pub struct Name {
    pub org: usize,
    pub text: Text,
    pub surfaces: List<Text>,
    /// Stems of the name's content words, each with how much it says (inverse document
    /// frequency over all names): "missing" says more than "national".
    pub stems: List<(Text, f64)>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Bake)]
#[databake(path = crate::matching::tables)]
pub struct Tables {
    pub terms: List<Term>,
    /// Terms by each of their stems, so a term is found whatever word of it comes first.
    pub terms_by_stem: List<(Text, List<usize>)>,
    pub names: List<Name>,
    pub names_by_first: List<(Text, List<usize>)>,
    /// Every word of every term and name, as written, with its stem, sorted: the typo
    /// dictionary.
    pub dictionary: List<(Text, Text)>,
    pub known_stems: List<Text>,
    pub common_words: List<Text>,
}

impl Tables {
    /// Builds the tables for any dataset (the bundled one, or one with overlays).
    pub fn build(data: &Dataset) -> Tables {
        let normalizer = Normalizer::new(&data.vocabulary);
        let mut raw_terms = Vec::new();
        for (need_index, need) in data.needs.iter().enumerate() {
            for text in need.terms.iter() {
                let words = normalizer.content_words(text);
                if !words.is_empty() {
                    raw_terms.push((need_index, text.clone(), words));
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
            let weight =
                data.needs[need].weight * small(stems.len()).powf(1.5) / small(shared).sqrt();
            dictionary.extend(words.into_iter().map(|w| (w.surface, w.stem)));
            terms.push(Term {
                need,
                text,
                stems: owned(stems),
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
                    org: org_index,
                    text: form.clone(),
                    surfaces: owned(words.into_iter().map(|w| w.surface).collect()),
                    stems: stems.into_iter().map(|s| (Cow::Owned(s), 0.0)).collect(),
                });
            }
        }
        // How many names use each stem, for the weight of a stem in a partial name.
        let mut names_per_stem: HashMap<String, usize> = HashMap::new();
        for name in &names {
            for (stem, _) in name.stems.iter() {
                *names_per_stem.entry(stem.to_string()).or_default() += 1;
            }
        }
        let total = small(names.len().max(1));
        for name in &mut names {
            for (stem, weight) in name.stems.to_mut() {
                let df = names_per_stem.get(stem.as_ref()).copied().unwrap_or(1);
                *weight = (total / small(df)).ln();
            }
        }
        dictionary.sort();
        dictionary.dedup();
        let known_stems = sorted_set(dictionary.iter().map(|(_, s)| Cow::Owned(s.clone())));
        let common_words = sorted_set(data.vocabulary.common_words.iter().cloned());
        let terms_by_stem = sorted_index(
            terms
                .iter()
                .enumerate()
                .flat_map(|(i, t)| t.stems.iter().map(move |s| (s.to_string(), i))),
        );
        let names_by_first = sorted_index(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.surfaces[0].to_string(), i)),
        );
        Tables {
            terms: Cow::Owned(terms),
            terms_by_stem: Cow::Owned(terms_by_stem),
            names: Cow::Owned(names),
            names_by_first: Cow::Owned(names_by_first),
            dictionary: dictionary
                .into_iter()
                .map(|(surface, stem)| (Cow::Owned(surface), Cow::Owned(stem)))
                .collect(),
            known_stems,
            common_words,
        }
    }

    pub fn term(&self, i: usize) -> &Term {
        &self.terms[i]
    }

    pub fn name(&self, i: usize) -> &Name {
        &self.names[i]
    }

    pub fn names(&self) -> &[Name] {
        &self.names
    }

    /// The terms that contain this stem.
    pub fn terms_with_stem(&self, stem: &str) -> &[usize] {
        look_up(&self.terms_by_stem, stem)
    }

    /// The names whose first word is this one.
    pub fn names_starting(&self, surface: &str) -> &[usize] {
        look_up(&self.names_by_first, surface)
    }

    pub fn knows_stem(&self, stem: &str) -> bool {
        self.known_stems
            .binary_search_by(|s| s.as_ref().cmp(stem))
            .is_ok()
    }

    pub fn is_common_word(&self, word: &str) -> bool {
        self.common_words
            .binary_search_by(|s| s.as_ref().cmp(word))
            .is_ok()
    }

    /// Dictionary words (surface, stem) that begin with this letter: a typo rarely
    /// changes the first letter.
    pub fn words_starting_with(&self, first: char) -> &[(Text, Text)] {
        let start = self
            .dictionary
            .partition_point(|(s, _)| s.chars().next() < Some(first));
        let end = self
            .dictionary
            .partition_point(|(s, _)| s.chars().next() <= Some(first));
        &self.dictionary[start..end]
    }
}

/// Owned strings as a list of data text.
fn owned(strings: Vec<String>) -> List<Text> {
    strings.into_iter().map(Cow::Owned).collect()
}

/// Sorted, without repeats, for look-up by binary search.
fn sorted_set(words: impl Iterator<Item = Text>) -> List<Text> {
    let mut set: Vec<Text> = words.collect();
    set.sort();
    set.dedup();
    Cow::Owned(set)
}

/// Groups (key, index) pairs into a sorted list of keys with their indexes.
fn sorted_index(pairs: impl Iterator<Item = (String, usize)>) -> Vec<(Text, List<usize>)> {
    let mut map: HashMap<String, Vec<usize>> = HashMap::new();
    for (key, i) in pairs {
        let entry = map.entry(key).or_default();
        if entry.last() != Some(&i) {
            entry.push(i);
        }
    }
    let mut index: Vec<(String, Vec<usize>)> = map.into_iter().collect();
    index.sort();
    index
        .into_iter()
        .map(|(key, at)| (Cow::Owned(key), Cow::Owned(at)))
        .collect()
}

fn look_up<'t>(index: &'t [(Text, List<usize>)], key: &str) -> &'t [usize] {
    index
        .binary_search_by(|(k, _)| k.as_ref().cmp(key))
        .map_or(&[], |i| &index[i].1)
}

/// A count as a float; counts here are tiny, so nothing is lost.
#[allow(clippy::cast_precision_loss)]
fn small(count: usize) -> f64 {
    count as f64
}
