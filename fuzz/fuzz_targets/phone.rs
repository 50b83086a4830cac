//! Any bytes as a phone number: never a panic, and what parses formats back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(number) = htref::phone::parse(text) {
        let again = htref::phone::parse(&htref::phone::dial_form(&number.digits)).unwrap();
        assert_eq!(again.digits, number.digits);
    }
    let _ = htref::phone::speak_numbers_in(text);
});
