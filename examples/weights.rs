//! Prints what the learned need weights read in each question given (an argument, or one a
//! line on stdin): the five likeliest needs with their probability and strongest words. A
//! tool for looking at the weights, not part of htref.
//!
//! cargo run -q --release --example weights -- "who do I tell about the farm"

use std::io::BufRead;

fn main() {
    let data = htref::data::bundled();
    let Some(model) = htref::matching::bundled_model() else {
        eprintln!("no bundled weights");
        return;
    };
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
        let (reading, _) = htref::matching::reading::read(&data.vocabulary, &q);
        let findings = if model.reads_findings() {
            reading.findings()
        } else {
            Vec::new()
        };
        let mut read = model.read(&q, &findings, 0.0);
        read.sort_by(|a, b| b.probability.total_cmp(&a.probability));
        println!("{q}\n  findings: {findings:?}");
        for r in read.iter().take(5) {
            println!(
                "  {:.2} {} ({})",
                r.probability,
                data.needs[r.need].id,
                r.because.join(", ")
            );
        }
    }
}
