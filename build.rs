//! Build script: parses and validates the bundled RON data at build time and bakes it into
//! Rust source (databake), compiled into the binary as static values: start-up neither
//! parses nor decodes anything. A problem in `data/` fails the build with the file, the
//! record and what is wrong.
//!
//! It also builds the matcher's tables (every term and name normalized and stemmed).
//! The data model, the validator, the phone parser and the matcher come from htref-core,
//! the crate the library reads them with, so the build checks exactly what the program
//! reads.

use std::path::{Path, PathBuf};

use databake::Bake;
use htref_core::data::{self, Dataset};
use htref_core::matching::{self, model::Inputs};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    ron::from_str(&read(path)).unwrap_or_else(|e| {
        panic!(
            "{}:{}:{}: {}",
            path.display(),
            e.span.start.line,
            e.span.start.col,
            e.code
        )
    })
}

/// The files of a folder with this extension, in name order (the build reads them in one
/// order on every machine).
fn files_in(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    files
}

/// Writes a value as the Rust expression that rebuilds it.
fn bake(value: &impl Bake, path: &Path) {
    let tokens = value.bake(&databake::CrateEnv::default());
    std::fs::write(path, tokens.to_string()).expect("OUT_DIR is writable");
}

fn main() {
    println!("cargo::rerun-if-changed=data");
    link_at_a_fixed_address();
    let root = Path::new("data");
    let org_files = files_in(&root.join("organizations"), "ron");
    let mut organizations = Vec::new();
    let mut organization_files = Vec::new();
    for file in &org_files {
        let orgs: Vec<data::Organization> = parse(file);
        let name = file.display().to_string();
        organization_files.extend(orgs.iter().map(|_| name.clone()));
        organizations.extend(orgs);
    }
    let dataset = Dataset {
        info: parse(&root.join("dataset.ron")),
        sources: parse(&root.join("sources.ron")),
        organizations: organizations.into(),
        organization_files: organization_files.into_iter().map(Into::into).collect(),
        needs: parse(&root.join("needs.ron")),
        conflicts: parse(&root.join("conflicts.ron")),
        // Analyzed as the reader's tokens, the Spanish lexicon sorted for look-ups, and the
        // reader's rules baked with it, here, once: a broken file fails here.
        vocabulary: data::Vocabulary::read(
            &std::fs::read_to_string(root.join("vocabulary.ron")).expect("data/vocabulary.ron"),
            &std::fs::read_to_string(root.join("rules/reading.ron"))
                .expect("data/rules/reading.ron"),
        )
        .unwrap_or_else(|e| panic!("{e}")),
        overrides: data::List::default(),
    };
    let problems = data::validate::check(&dataset);
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("the bundled data has problems:\n{}", lines.join("\n"));
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    bake(&dataset, &out.join("bundle.rs"));
    // The matcher's tables: stemming every term and name once here, not at every start.
    let tables = matching::tables::Tables::build(&dataset);
    std::fs::write(out.join("tables.txt"), tables.text()).expect("OUT_DIR is writable");
    std::fs::write(out.join("tables.bin"), tables.bytes()).expect("OUT_DIR is writable");
    println!("cargo::rustc-env=HTREF_DATA_AS_OF={}", dataset.info.as_of);
    // The need weights, learned from the labelled corpus (matching::model).
    // The shipped weights read the words: with the reader's findings beside them they
    // scored no better on the sets kept aside and moved tuned answers with every change of
    // the reader (data/corpus/REPORT.md). HTREF_MODEL_INPUTS (`words`, `both`, `findings`
    // or `nothing`) is for that report (scripts/training-report.sh), which builds each.
    println!("cargo::rerun-if-env-changed=HTREF_MODEL_INPUTS");
    let which = std::env::var("HTREF_MODEL_INPUTS").unwrap_or_else(|_| "words".into());
    let which = Inputs::named(&which).unwrap_or_else(|| {
        panic!("HTREF_MODEL_INPUTS is `{which}`: both, words, findings or nothing")
    });
    let model = matching::model::train(
        &corpus(&dataset, matches!(which, Inputs::Both | Inputs::Findings)),
        dataset.needs.len(),
        which,
    );
    std::fs::write(out.join("need_model.bin"), model).expect("OUT_DIR is writable");
}

/// One labelled text of data/corpus.
#[derive(serde::Deserialize)]
struct Labelled {
    q: String,
    needs: Vec<String>,
}

/// The corpus as examples (text, the reader's findings of it, indices of its needs), in file
/// and line order; a label that names no need of the data fails the build
/// (tests/integration/eval.rs checks it too). The findings, when asked for, are the
/// reader's, not the writers' labels: the weights learn from what an answer will see.
fn corpus(dataset: &Dataset, with_findings: bool) -> Vec<matching::model::Example> {
    let files = files_in(Path::new("data/corpus"), "jsonl");
    let mut docs = Vec::new();
    for file in &files {
        for (n, line) in read(file).lines().enumerate() {
            let text: Labelled = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", file.display(), n + 1));
            let needs = text
                .needs
                .iter()
                .map(|id| {
                    let at = dataset.needs.iter().position(|need| need.id == id.as_str());
                    let at = at.unwrap_or_else(|| {
                        panic!("{}:{}: unknown need `{id}`", file.display(), n + 1)
                    });
                    u16::try_from(at).expect("fewer needs than u16 holds")
                })
                .collect();
            let findings = if with_findings {
                matching::reading::read(&dataset.vocabulary, matching::bounded(&text.q).0)
                    .0
                    .findings()
            } else {
                Vec::new()
            };
            docs.push(matching::model::Example {
                text: text.q,
                findings,
                needs,
            });
        }
    }
    docs
}

/// On Linux with glibc, the program is linked at a fixed address (`-no-pie`). Every
/// `&'static str` in the baked data and in the crates' tables (Unicode's confusables among
/// them) is a pointer, and a position-independent program has the loader patch each one
/// at every start: some 25,000 relocations, 0.33 M of the 0.81 M instructions `--version`
/// took (callgrind, 2026-12-05), more than all of htref's own work for `who-handles labor`.
/// Linked at a fixed address the linker writes them once. What is given up is the random
/// placement of the program's own image; the C library, the stack and the heap are still
/// placed at random, and htref runs no code it did not ship. Packing the relocations
/// instead (`-z pack-relative-relocs`) kept the randomness but was slower on glibc 2.36.
fn link_at_a_fixed_address() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
