//! Prints what the reader makes of each question given (one an argument, or one a line
//! on stdin): the words the matcher is given, and the findings. A tool for writing rules.
//!
//! cargo run -q -p htref-core --example read -- "who do I tell about the farm"

use htref_core::data::Vocabulary;
use std::io::BufRead;

fn main() {
    let vocabulary = Vocabulary::read(
        include_str!("../../../data/vocabulary.ron"),
        include_str!("../../../data/rules/reading.ron"),
    )
    .expect("the bundled vocabulary and rules");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let questions: Vec<String> = if args.is_empty() {
        std::io::stdin()
            .lock()
            .lines()
            .map_while(Result::ok)
            .collect()
    } else {
        args
    };
    for q in questions {
        let (reading, tokens) = htref_core::matching::reading::read(&vocabulary, &q);
        let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        println!("{q}\n  words: {}", words.join(" "));
        println!(
            "  wants: {:?} unwanted: {:?} threats: {:?} danger: {:?} avoid: {:?}",
            reading.wants, reading.unwanted, reading.threats, reading.danger, reading.avoid
        );
        println!(
            "  no_danger: {:?} out_of_present: {:?} documents_held: {:?} ages: {:?}",
            reading.no_danger, reading.out_of_present, reading.documents_held, reading.ages
        );
    }
}
