//! Property tests over the phone parser and the matcher: any input, no panic, the same
//! answer every time, and every number finds itself.

use htref::data::{Asker, Dataset};
use htref::index::Index;
use htref::matching::Matcher;
use htref::{phone, plan};
use proptest::prelude::*;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(htref::data::bundled)
}

proptest! {
    // No failure file: tests write only in temporary folders.
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_phone_parser_never_panics(input in "\\PC{0,80}") {
        let _ = phone::parse(&input);
        let _ = phone::speak_numbers_in(&input);
    }

    #[test]
    fn every_ten_digit_number_finds_itself_in_any_written_form(
        area in 200u32..999, exchange in 200u32..999, line in 0u32..9999,
        style in 0usize..5,
    ) {
        let digits = format!("{area:03}{exchange:03}{line:04}");
        let written = match style {
            0 => format!("({area:03}) {exchange:03}-{line:04}"),
            1 => format!("+1 {area:03} {exchange:03} {line:04}"),
            2 => format!("1-{area:03}-{exchange:03}-{line:04}"),
            3 => format!("{area:03}.{exchange:03}.{line:04}"),
            _ => format!("1{digits}"),
        };
        let parsed = phone::parse(&written).unwrap();
        prop_assert_eq!(&parsed.digits, &digits);
        prop_assert_eq!(phone::parse(&phone::dial_form(&digits)).unwrap().digits, digits);
    }

    #[test]
    fn matching_any_text_never_panics_and_is_deterministic(query in "\\PC{0,200}") {
        let data = data();
        let index = Index::new(data);
        let matcher = Matcher::new(data, htref::matching::tables::bundled());
        let first = plan::build(&index, matcher.find(&query), Asker::Public);
        let again = plan::build(&index, matcher.find(&query), Asker::Public);
        prop_assert_eq!(first, again);
    }

    #[test]
    fn words_from_the_data_in_any_order_never_panic(picks in proptest::collection::vec(0usize..2000, 0..12)) {
        let data = data();
        let words: Vec<&str> = data
            .needs
            .iter()
            .flat_map(|n| n.terms.iter().map(AsRef::as_ref))
            .collect();
        let query: Vec<&str> = picks.iter().map(|&i| words[i % words.len()]).collect();
        let index = Index::new(data);
        let matcher = Matcher::new(data, htref::matching::tables::bundled());
        let plan = plan::build(&index, matcher.find(&query.join(" ")), Asker::Survivor);
        // Whatever matched, every referral is a real organization and appears once.
        let mut orgs: Vec<usize> = plan.referrals.iter().map(|r| r.org).collect();
        orgs.sort_unstable();
        orgs.dedup();
        prop_assert_eq!(orgs.len(), plan.referrals.len());
    }
}
