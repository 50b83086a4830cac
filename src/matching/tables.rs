//! The matcher's tables: every need term and organization name, normalized and stemmed,
//! with sorted indexes for look-up by binary search. The bundled data's tables are built
//! at build time (build.rs) and embedded; with overlays they are built at start-up.

use super::normalize::Normalizer;
use crate::data::Dataset;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One way of referring to a need, as prepared for matching.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Term {
    pub need: usize,
    /// As written in the data, to explain a match.
    pub text: String,
    pub stems: Vec<String>,
    pub weight: f64,
}

/// One way of naming an organization, as prepared for matching.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Name {
    pub org: usize,
    pub text: String,
    pub surfaces: Vec<String>,
    /// Stems of the name's content words, each with how much it says (inverse document
    /// frequency over all names): "missing" says more than "national".
    pub stems: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tables {
    terms: Vec<Term>,
    /// Terms by each of their stems, so a term is found whatever word of it comes first.
    terms_by_stem: Vec<(String, Vec<usize>)>,
    names: Vec<Name>,
    names_by_first: Vec<(String, Vec<usize>)>,
    /// Every word of every term and name, as written, with its stem, sorted: the typo
    /// dictionary.
    dictionary: Vec<(String, String)>,
    known_stems: Vec<String>,
    common_words: Vec<String>,
}

impl Tables {
    /// Builds the tables for any dataset (the bundled one, or one with overlays).
    pub fn build(data: &Dataset) -> Tables {
        let normalizer = Normalizer::new(&data.vocabulary);
        let mut raw_terms = Vec::new();
        for (need_index, need) in data.needs.iter().enumerate() {
            for text in &need.terms {
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
                    org: org_index,
                    text: form.clone(),
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
                let df = names_per_stem.get(stem.as_str()).copied().unwrap_or(1);
                *weight = (total / small(df)).ln();
            }
        }
        dictionary.sort();
        dictionary.dedup();
        let mut known_stems: Vec<String> = dictionary.iter().map(|(_, s)| s.clone()).collect();
        known_stems.sort();
        known_stems.dedup();
        let mut common_words = data.vocabulary.common_words.clone();
        common_words.sort();
        common_words.dedup();
        let terms_by_stem = sorted_index(
            terms
                .iter()
                .enumerate()
                .flat_map(|(i, t)| t.stems.iter().map(move |s| (s.clone(), i))),
        );
        let names_by_first = sorted_index(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.surfaces[0].clone(), i)),
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
    pub fn words_starting_with(&self, first: char) -> &[(String, String)] {
        let start = self
            .dictionary
            .partition_point(|(s, _)| s.chars().next() < Some(first));
        let end = self
            .dictionary
            .partition_point(|(s, _)| s.chars().next() <= Some(first));
        &self.dictionary[start..end]
    }
}

/// Groups (key, index) pairs into a sorted list of keys with their indexes.
fn sorted_index(pairs: impl Iterator<Item = (String, usize)>) -> Vec<(String, Vec<usize>)> {
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
}

fn look_up<'t>(index: &'t [(String, Vec<usize>)], key: &str) -> &'t [usize] {
    index
        .binary_search_by(|(k, _)| k.as_str().cmp(key))
        .map_or(&[], |i| index[i].1.as_slice())
}

/// A count as a float; counts here are tiny, so nothing is lost.
#[allow(clippy::cast_precision_loss)]
fn small(count: usize) -> f64 {
    count as f64
}
