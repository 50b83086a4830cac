//! Need weights learned from the labelled corpus (`data/corpus`): one-vs-rest logistic
//! regression over a question's words and word pairs, and optionally the reader's findings
//! ("a minor", "threatened with immigration": [`super::reading::Reading::findings`]),
//! trained at build time in a fixed order, so the same corpus always gives the same
//! weights. The hand-written terms find
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
    /// A finding of the reader, not words of the question.
    pub finding: bool,
}

/// What the weights learn from. The shipped weights read the words (build.rs's default:
/// `data/corpus/REPORT.md` says why); the training report (`scripts/training-report.sh`)
/// builds each in turn to measure what it is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inputs {
    Both,
    Words,
    Findings,
    /// Nothing: the weights add no need (the terms alone answer), the report's baseline.
    Nothing,
}

impl Inputs {
    /// `both`, `words`, `findings` or `nothing`.
    pub fn named(name: &str) -> Option<Inputs> {
        match name {
            "both" => Some(Inputs::Both),
            "words" => Some(Inputs::Words),
            "findings" => Some(Inputs::Findings),
            "nothing" => Some(Inputs::Nothing),
            _ => None,
        }
    }
}

/// One labelled text: its words, the reader's findings of it, and its needs' indices.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub findings: Vec<&'static str>,
    pub needs: Vec<u16>,
}

/// The features of a text and its findings, as `inputs` keeps them.
pub fn inputs(text: &str, findings: &[&str], inputs: Inputs) -> Vec<Feature> {
    let mut out = if matches!(inputs, Inputs::Both | Inputs::Words) {
        features(text)
    } else {
        Vec::new()
    };
    if matches!(inputs, Inputs::Both | Inputs::Findings) {
        // A byte no word holds keeps a finding's hash apart from any word's.
        out.extend(findings.iter().map(|f| Feature {
            hash: fnv1a(&format!("\u{1}{f}")),
            written: (*f).to_string(),
            finding: true,
        }));
    }
    out
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
            out.push(Feature {
                hash,
                written,
                finding: false,
            });
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

/// Trains on labelled examples, reading `which` of their features, and returns the weights
/// as bytes: the needs' count (u16), what was read (u8: 1 the words, 2 the findings, 3
/// both), the needs' biases (f32 each), then the entries sorted by hash and need.
pub fn train(docs: &[Example], needs: usize, which: Inputs) -> Vec<u8> {
    let feats: Vec<Vec<u64>> = docs
        .iter()
        .map(|d| {
            inputs(&d.text, &d.findings, which)
                .into_iter()
                .map(|f| f.hash)
                .collect()
        })
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
                let want = if docs[d]
                    .needs
                    .contains(&u16::try_from(n).unwrap_or(u16::MAX))
                {
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
    out.push(
        u8::from(matches!(which, Inputs::Both | Inputs::Words))
            | u8::from(matches!(which, Inputs::Both | Inputs::Findings)) << 1,
    );
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
    /// Whether the weights were learned from words, and from findings. Without words (the
    /// training report's), a need is explained by the findings that weigh for it.
    words: bool,
    findings: bool,
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
        let read = *bytes.get(2)?;
        let bias = bytes.get(3..3 + needs * 4)?;
        let entries = bytes.get(3 + needs * 4..)?;
        (entries.len() % ENTRY == 0).then_some(Model {
            needs,
            words: read & 1 != 0,
            findings: read & 2 != 0,
            bias,
            entries,
        })
    }

    pub fn needs(&self) -> usize {
        self.needs
    }

    /// Whether the weights read the reader's findings (else [`Model::read`] needs none).
    pub fn reads_findings(&self) -> bool {
        self.findings
    }

    fn entry(&self, i: usize) -> (u64, usize, f32) {
        let e = &self.entries[i * ENTRY..(i + 1) * ENTRY];
        let hash = u64::from_le_bytes(e[..8].try_into().unwrap_or_default());
        let need = usize::from(u16::from_le_bytes(e[8..10].try_into().unwrap_or_default()));
        let weight = f32::from_le_bytes(e[10..14].try_into().unwrap_or_default());
        (hash, need, weight)
    }

    /// Each need's probability for this text and its findings, with the words that weigh
    /// most for it (a finding is a reason only for weights learned without words: a need
    /// the words do not carry is none the matcher adds). Reasons are gathered only for needs
    /// at least `explained_from` likely: the others are read and set aside, and most
    /// questions name one or two needs of the forty.
    pub fn read(&self, text: &str, findings: &[&str], explained_from: f32) -> Vec<Reading> {
        let mut z: Vec<f32> = (0..self.needs)
            .map(|n| f32::from_le_bytes(self.bias[n * 4..n * 4 + 4].try_into().unwrap_or_default()))
            .collect();
        let count = self.entries.len() / ENTRY;
        let feats = inputs(text, findings, Inputs::Both);
        // Every weight that counted, in the features' order: (need, weight, feature).
        let mut counted: Vec<(usize, f32, usize)> = Vec::with_capacity(feats.len() * 2);
        for (at, f) in feats.iter().enumerate() {
            let mut i = self.lower_bound(f.hash, count);
            while i < count {
                let (hash, need, weight) = self.entry(i);
                if hash != f.hash {
                    break;
                }
                if need < self.needs {
                    z[need] += weight;
                    counted.push((need, weight, at));
                }
                i += 1;
            }
        }
        z.iter()
            .enumerate()
            .map(|(need, &z)| {
                let probability = 1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp());
                let because = if probability >= explained_from {
                    self.because(need, &counted, &feats)
                } else {
                    Vec::new()
                };
                Reading {
                    need,
                    probability,
                    because,
                }
            })
            .collect()
    }

    /// The two words weighing most for `need`, a word inside a pair already named said
    /// once; words, or findings for weights learned without words.
    fn because(
        &self,
        need: usize,
        counted: &[(usize, f32, usize)],
        feats: &[Feature],
    ) -> Vec<String> {
        let mut words: Vec<(f32, &str)> = counted
            .iter()
            .filter(|&&(n, w, at)| n == need && w > 0.0 && feats[at].finding != self.words)
            .map(|&(_, w, at)| (w, feats[at].written.as_str()))
            .collect();
        words.sort_by(|a, b| b.0.total_cmp(&a.0));
        let inside = |a: &str, b: &str| a.split(' ').all(|w| b.split(' ').any(|x| x == w));
        let mut said: Vec<String> = Vec::new();
        for (_, written) in words {
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
        said
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
    use super::{Example, Inputs, Model, features, train};

    fn examples(docs: &[(&str, &[&'static str], u16)]) -> Vec<Example> {
        docs.iter()
            .map(|(text, findings, need)| Example {
                text: (*text).to_string(),
                findings: findings.to_vec(),
                needs: vec![*need],
            })
            .collect()
    }

    #[test]
    fn training_is_deterministic_and_learns_what_it_was_shown() {
        let docs = examples(&[
            ("boss kept our passports at the farm", &[], 0),
            ("nobody paid us for weeks of work", &[], 1),
            ("the farm boss took my passport", &[], 0),
            ("they never paid the crew", &[], 1),
        ]);
        let a = train(&docs, 2, Inputs::Both);
        assert_eq!(
            a,
            train(&docs, 2, Inputs::Both),
            "the same corpus, the same weights"
        );
        let model = Model::from_bytes(&a).unwrap();
        let read = model.read("he has my passport", &[], 0.0);
        assert!(read[0].probability > read[1].probability, "{read:?}");
        assert_eq!(
            read[0].because.first().map(String::as_str),
            Some("passport")
        );
        assert!(Model::from_bytes(&a[..5]).is_none());
    }

    #[test]
    fn findings_weigh_apart_from_words_and_each_can_be_left_out() {
        // The same words, told apart only by a finding.
        let docs = examples(&[
            ("working at the shop", &["a minor"], 0),
            ("works at a shop", &["a minor"], 0),
            ("working at the shop", &["an adult"], 1),
            ("works at a shop", &["an adult"], 1),
        ]);
        let both = train(&docs, 2, Inputs::Both);
        let model = Model::from_bytes(&both).unwrap();
        let minor = model.read("a shop", &["a minor"], 0.0);
        let adult = model.read("a shop", &["an adult"], 0.0);
        assert!(
            minor[0].probability > adult[0].probability,
            "{minor:?} {adult:?}"
        );
        // Without words, a finding is the reason given.
        let findings = train(&docs, 2, Inputs::Findings);
        let read = Model::from_bytes(&findings)
            .unwrap()
            .read("a shop", &["a minor"], 0.0);
        assert_eq!(read[0].because, vec!["a minor".to_string()]);
        // Without findings, the finding tells nothing apart.
        let words = train(&docs, 2, Inputs::Words);
        let model = Model::from_bytes(&words).unwrap();
        let (m, a) = (
            model.read("a shop", &["a minor"], 0.0),
            model.read("a shop", &["an adult"], 0.0),
        );
        assert!((m[0].probability - a[0].probability).abs() < f32::EPSILON);
        assert_eq!(Inputs::named("findings"), Some(Inputs::Findings));
        assert_eq!(Inputs::named("all"), None);
    }

    #[test]
    fn features_fold_case_accents_and_plurals_and_keep_pairs() {
        let f = features("Pasaportes QUITADOS");
        let again = features("pasaporte quitados");
        assert_eq!(f[0].hash, again[0].hash);
        assert_eq!(f.len(), 3, "two words and their pair");
    }
}
