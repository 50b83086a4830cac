//! Need weights learned from the labelled corpus (`data/corpus`): one-vs-rest logistic
//! regression over a question's words and word pairs, trained at build time in a fixed
//! order, so the same corpus always gives the same weights. The hand-written terms find
//! what they know; the weights find what the corpus taught and no term lists (a need said
//! in words nobody wrote into `needs.ron`).
//!
//! The weights travel as bytes: a sorted table of (feature hash, need, weight) entries that
//! is searched in place, so an answer decodes nothing it does not look up.

use super::normalize;

/// One word or word pair of a question: its hash, and its words as the person wrote them
/// (to say why a need was read).
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub hash: u64,
    pub written: String,
}

/// The words and adjacent word pairs of a text: folded (lower case, accents off), a plural
/// "s" off a longer word, each once.
pub fn features(text: &str) -> Vec<Feature> {
    let tokens = normalize::tokens(text);
    let keys: Vec<(String, &str)> = tokens
        .iter()
        .map(|t| {
            let word = t.text.as_str();
            let key = match word.strip_suffix('s') {
                Some(stem) if word.chars().count() > 4 => stem,
                _ => word,
            };
            (key.to_string(), t.written.as_str())
        })
        .collect();
    let mut out: Vec<Feature> = Vec::with_capacity(keys.len() * 2);
    let mut push = |key: String, written: String| {
        let hash = fnv1a(&key);
        if !out.iter().any(|f| f.hash == hash) {
            out.push(Feature { hash, written });
        }
    };
    for (key, written) in &keys {
        push(key.clone(), (*written).to_string());
    }
    for pair in keys.windows(2) {
        push(
            format!("{} {}", pair[0].0, pair[1].0),
            format!("{} {}", pair[0].1, pair[1].1),
        );
    }
    out
}

/// FNV-1a: a hash that is the same on every machine and every build.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// How training runs: enough passes over a corpus of a few thousand texts, a step that
/// shrinks each pass, and a little L2 to keep rare words from deciding alone.
const EPOCHS: usize = 12;
const FIRST_STEP: f32 = 0.5;
const STEP_DECAY: f32 = 0.8;
const L2: f32 = 1e-4;
/// Weights smaller than this are left out of the table: they move no answer.
const KEPT_WEIGHT: f32 = 0.05;
/// Bytes of one table entry: hash (8), need (2), weight (4), little-endian.
const ENTRY: usize = 14;

/// Trains on (text, the indices of its needs) and returns the weights as bytes: the needs'
/// count (u16), their biases (f32 each), then the entries sorted by hash and need.
pub fn train(docs: &[(String, Vec<u16>)], needs: usize) -> Vec<u8> {
    let feats: Vec<Vec<u64>> = docs
        .iter()
        .map(|(q, _)| features(q).into_iter().map(|f| f.hash).collect())
        .collect();
    let mut index: std::collections::BTreeMap<u64, usize> = std::collections::BTreeMap::new();
    for f in feats.iter().flatten() {
        let next = index.len();
        index.entry(*f).or_insert(next);
    }
    let mut weights = vec![0.0_f32; index.len() * needs];
    let mut bias = vec![0.0_f32; needs];
    let rows: Vec<Vec<usize>> = feats
        .iter()
        .map(|fs| fs.iter().map(|f| index[f]).collect())
        .collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    // A fixed shuffle (a linear congruential generator from a fixed seed): the corpus's
    // writers come in blocks, and one order for every build.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut step = FIRST_STEP;
    for _ in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let j = usize::try_from(state >> 33).unwrap_or(0) % (i + 1);
            order.swap(i, j);
        }
        for &d in &order {
            let row = &rows[d];
            for (n, b) in bias.iter_mut().enumerate() {
                let z = *b + row.iter().map(|&f| weights[f * needs + n]).sum::<f32>();
                let p = 1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp());
                let want = if docs[d].1.contains(&u16::try_from(n).unwrap_or(u16::MAX)) {
                    1.0
                } else {
                    0.0
                };
                let g = want - p;
                if g.abs() < 1e-3 {
                    continue;
                }
                *b += step * g;
                for &f in row {
                    let w = &mut weights[f * needs + n];
                    *w += step * (g - L2 * *w);
                }
            }
        }
        step *= STEP_DECAY;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&u16::try_from(needs).unwrap_or(u16::MAX).to_le_bytes());
    for b in &bias {
        out.extend_from_slice(&b.to_le_bytes());
    }
    // BTreeMap order is hash order: the entries come out sorted.
    for (hash, &f) in &index {
        for n in 0..needs {
            let w = weights[f * needs + n];
            if w.abs() >= KEPT_WEIGHT {
                out.extend_from_slice(&hash.to_le_bytes());
                out.extend_from_slice(&u16::try_from(n).unwrap_or(u16::MAX).to_le_bytes());
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }
    out
}

/// Learned weights as [`train`] wrote them, read in place.
#[derive(Debug, Clone, Copy)]
pub struct Model<'a> {
    needs: usize,
    bias: &'a [u8],
    entries: &'a [u8],
}

/// What the weights say of one need for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub need: usize,
    pub probability: f32,
    /// The question's words that weigh most for it, strongest first.
    pub because: Vec<String>,
}

impl<'a> Model<'a> {
    /// The weights in `bytes`, or `None` when they are not a table [`train`] wrote.
    pub fn from_bytes(bytes: &'a [u8]) -> Option<Model<'a>> {
        let needs = usize::from(u16::from_le_bytes(bytes.get(..2)?.try_into().ok()?));
        let bias = bytes.get(2..2 + needs * 4)?;
        let entries = bytes.get(2 + needs * 4..)?;
        (entries.len() % ENTRY == 0).then_some(Model {
            needs,
            bias,
            entries,
        })
    }

    pub fn needs(&self) -> usize {
        self.needs
    }

    fn entry(&self, i: usize) -> (u64, usize, f32) {
        let e = &self.entries[i * ENTRY..(i + 1) * ENTRY];
        let hash = u64::from_le_bytes(e[..8].try_into().unwrap_or_default());
        let need = usize::from(u16::from_le_bytes(e[8..10].try_into().unwrap_or_default()));
        let weight = f32::from_le_bytes(e[10..14].try_into().unwrap_or_default());
        (hash, need, weight)
    }

    /// Each need's probability for this text, with the words that weigh most for it.
    pub fn read(&self, text: &str) -> Vec<Reading> {
        let mut z: Vec<f32> = (0..self.needs)
            .map(|n| f32::from_le_bytes(self.bias[n * 4..n * 4 + 4].try_into().unwrap_or_default()))
            .collect();
        let mut because: Vec<Vec<(f32, &str)>> = vec![Vec::new(); self.needs];
        let count = self.entries.len() / ENTRY;
        let feats = features(text);
        for f in &feats {
            let mut i = self.lower_bound(f.hash, count);
            while i < count {
                let (hash, need, weight) = self.entry(i);
                if hash != f.hash {
                    break;
                }
                if need < self.needs {
                    z[need] += weight;
                    because[need].push((weight, f.written.as_str()));
                }
                i += 1;
            }
        }
        z.iter()
            .enumerate()
            .map(|(need, &z)| {
                let mut words = std::mem::take(&mut because[need]);
                words.sort_by(|a, b| b.0.total_cmp(&a.0));
                // The two strongest, a word inside a pair already named said once.
                let mut said: Vec<String> = Vec::new();
                for (_, written) in words.into_iter().filter(|(w, _)| *w > 0.0) {
                    let inside =
                        |a: &str, b: &str| a.split(' ').all(|w| b.split(' ').any(|x| x == w));
                    if said
                        .iter()
                        .any(|s| inside(written, s) || inside(s, written))
                    {
                        continue;
                    }
                    said.push(written.to_string());
                    if said.len() == 2 {
                        break;
                    }
                }
                Reading {
                    need,
                    probability: 1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp()),
                    because: said,
                }
            })
            .collect()
    }

    fn lower_bound(&self, hash: u64, count: usize) -> usize {
        let (mut lo, mut hi) = (0, count);
        while lo < hi {
            let mid = usize::midpoint(lo, hi);
            if self.entry(mid).0 < hash {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

#[cfg(test)]
mod tests {
    use super::{Model, features, train};

    #[test]
    fn training_is_deterministic_and_learns_what_it_was_shown() {
        let docs: Vec<(String, Vec<u16>)> = vec![
            ("boss kept our passports at the farm".into(), vec![0]),
            ("nobody paid us for weeks of work".into(), vec![1]),
            ("the farm boss took my passport".into(), vec![0]),
            ("they never paid the crew".into(), vec![1]),
        ];
        let a = train(&docs, 2);
        assert_eq!(a, train(&docs, 2), "the same corpus, the same weights");
        let model = Model::from_bytes(&a).unwrap();
        let read = model.read("he has my passport");
        assert!(read[0].probability > read[1].probability, "{read:?}");
        assert_eq!(
            read[0].because.first().map(String::as_str),
            Some("passport")
        );
        assert!(Model::from_bytes(&a[..5]).is_none());
    }

    #[test]
    fn features_fold_case_accents_and_plurals_and_keep_pairs() {
        let f = features("Pasaportes QUITADOS");
        let again = features("pasaporte quitados");
        assert_eq!(f[0].hash, again[0].hash);
        assert_eq!(f.len(), 3, "two words and their pair");
    }
}
