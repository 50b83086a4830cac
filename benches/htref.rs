//! Benchmarks: loading and indexing the bundled data, building or loading the matcher's
//! tables, matching queries of three sizes, and rendering a table and JSON.
//! Run with `cargo bench`. Speed is measured here, never in timed tests.

use htref::data::{Asker, Dataset};
use htref::index::Index;
use htref::matching::Matcher;
use htref::matching::tables::Tables;
use htref::plan;

fn main() {
    divan::main();
}

/// The bundled data, baked in at build time: a copy that borrows every text and list.
#[divan::bench]
fn load_bundled_data() -> Dataset {
    htref::data::bundled()
}

/// Build the look-up indexes over loaded data.
#[divan::bench]
fn build_index(bencher: divan::Bencher) {
    let data = htref::data::bundled();
    bencher.bench(|| Index::new(divan::black_box(&data)).children(0).len());
}

/// Build and pack the matcher's term and name tables, as with an overlay.
#[divan::bench]
fn build_matcher_tables(bencher: divan::Bencher) {
    let data = htref::data::bundled();
    bencher.bench(|| Tables::build(divan::black_box(&data)).bytes().len());
}

/// Set a matcher over the tables embedded at build time, as who-handles does for the
/// bundled data alone (read in place).
#[divan::bench]
fn bundled_matcher(bencher: divan::Bencher) {
    let data = htref::data::bundled();
    bencher.bench(|| {
        Matcher::new(divan::black_box(&data), htref::matching::tables::bundled())
            .find("x")
            .is_empty()
    });
}

/// Take packed tables (check their header and sections), as every start does for the
/// embedded ones.
#[divan::bench]
fn take_packed_tables(bencher: divan::Bencher) {
    let bundled = htref::matching::tables::bundled_tables();
    let bytes = bundled.bytes().to_vec();
    bencher.bench(|| {
        use std::borrow::Cow;
        Tables::from_parts(
            Cow::Borrowed(bundled.text()),
            Cow::Borrowed(divan::black_box(&bytes[..])),
        )
        .is_some()
    });
}

const THREE_WORDS: &str = "forced farm labor";

/// About 200 words, the length of a case note.
fn paragraph() -> String {
    let note = "My client is a 16 year old girl from Honduras. She came to the United States \
        last spring with a recruiter who promised her a job in a restaurant and a place to \
        stay. When she arrived, the recruiter took her passport and told her she owed him \
        four thousand dollars for the trip. She worked on a farm picking strawberries for \
        twelve hours a day and was never paid. The crew leader threatened to report her to \
        immigration if she complained, and she was not allowed to leave the labor camp. \
        Recently she was moved to an apartment in the city and a man she calls her \
        boyfriend has been posting ads for her online. She is afraid of being deported and \
        does not want to talk to the police, but she wants to go back to school and, one \
        day, to see her mother again. She speaks Spanish and some English. Her aunt, who \
        lives in Maryland, found our number through a teacher at the school. We need to \
        know who can help with her immigration status, with a certification or eligibility \
        letter, with housing and counseling, and who should be told about the recruiter \
        and the crew leader.";
    note.to_string()
}

fn ten_thousand_chars() -> String {
    let mut text = String::new();
    while text.len() < 10_000 {
        text.push_str(&paragraph());
        text.push(' ');
    }
    text.truncate(10_000);
    text
}

/// The reading step alone (src/matching/reading/) on a 1,000-character case note.
#[divan::bench]
fn read_a_question(bencher: divan::Bencher) {
    let data = htref::data::bundled();
    let mut note = paragraph();
    note.truncate(1_000);
    bencher.bench(|| htref::matching::reading::read(&data.vocabulary, divan::black_box(&note)));
}

/// "1 MB" costs what "10000 chars" does: the matcher reads only the first
/// `MAX_QUERY_CHARS` characters of a question.
#[divan::bench(args = ["3 words", "200 words", "10000 chars", "1 MB"])]
fn match_query(bencher: divan::Bencher, size: &str) {
    let data = htref::data::bundled();
    let index = Index::new(&data);
    let matcher = Matcher::new(&data, htref::matching::tables::bundled());
    let query = match size {
        "3 words" => THREE_WORDS.to_string(),
        "200 words" => paragraph(),
        "1 MB" => ten_thousand_chars().repeat(100),
        _ => ten_thousand_chars(),
    };
    bencher.bench(|| {
        plan::build(
            &index,
            matcher.find(divan::black_box(&query)),
            Asker::Public,
        )
        .referrals
        .len()
    });
}

/// A who-handles answer for "labor", rendered as a table and as JSON.
#[divan::bench(args = ["table", "plain", "json"])]
fn render_answer(bencher: divan::Bencher, format: &str) {
    use clap::Parser;
    let cli = htref::cli::Cli::parse_from(["htref", "who-handles", "labor", "--format", format]);
    let terminal = htref::Terminal {
        stdout_is_tty: false,
        no_color: true,
        force_color: false,
        columns: Some(80),
        rows: None,
    };
    bencher.bench(|| {
        let mut out = Vec::with_capacity(16 * 1024);
        htref::run(divan::black_box(&cli), terminal, &mut out).unwrap();
        out.len()
    });
}
