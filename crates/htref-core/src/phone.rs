//! Phone numbers as people write them: separators, a leading +1 or 1, vanity letters
//! (1-866-DHS-2-ICE), odd groupings (1-888-3737-888), three-digit service codes (711)
//! and text short codes (233733).

use std::fmt;

/// A number reduced to the digits htref matches on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedNumber {
    /// Ten digits for a U.S. number (no leading 1), or the code's digits.
    pub digits: String,
    pub kind: NumberKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A ten-digit North American number.
    UsNumber,
    /// A three-digit service code such as 711.
    ServiceCode,
    /// A five- or six-digit text short code such as 233733.
    ShortCode,
}

/// Why a string is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    Empty,
    TooLong,
    BadCharacter(char),
    WrongLength(usize),
    BadCountryCode,
    LettersInShortNumber,
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhoneError::Empty => f.write_str("no digits in it"),
            PhoneError::TooLong => f.write_str("too long to be a phone number"),
            PhoneError::BadCharacter(c) => write!(f, "unexpected character {c:?}"),
            PhoneError::WrongLength(n) => write!(
                f,
                "{n} digits; expected a 10-digit U.S. number, a 3-digit service code such as 711, or a 5- or 6-digit text short code"
            ),
            PhoneError::BadCountryCode => f.write_str("only U.S. numbers (+1) are in htref's data"),
            PhoneError::LettersInShortNumber => {
                f.write_str("letters are only read as keypad digits in a full 10-digit number")
            }
        }
    }
}

impl std::error::Error for PhoneError {}

/// Longest input worth reading: a number with every separator doubled still fits.
const MAX_INPUT: usize = 64;

/// The keypad digit for a letter (2 = ABC ... 9 = WXYZ).
fn keypad(c: char) -> Option<char> {
    let digit = match c.to_ascii_uppercase() {
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        'W'..='Z' => '9',
        _ => return None,
    };
    Some(digit)
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '.' | '(' | ')' | '/' | '\u{2010}'..='\u{2015}' | '\u{a0}'
    )
}

/// Reads any common written form of a U.S. phone number, service code or short code.
pub fn parse(input: &str) -> Result<ParsedNumber, PhoneError> {
    let input = input.trim();
    if input.len() > MAX_INPUT {
        return Err(PhoneError::TooLong);
    }
    let (plus, rest) = match input.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    let mut digits = String::new();
    let mut letters = 0;
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if let Some(d) = keypad(c) {
            // Vanity letters come after the area code; a word alone is not a number.
            if digits.len() < 3 {
                return Err(PhoneError::BadCharacter(c));
            }
            letters += 1;
            digits.push(d);
        } else if !is_separator(c) {
            return Err(PhoneError::BadCharacter(c));
        }
    }
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    if plus {
        if !digits.starts_with('1') {
            return Err(PhoneError::BadCountryCode);
        }
        if digits.len() != 11 {
            return Err(PhoneError::WrongLength(digits.len()));
        }
    }
    if digits.len() == 11 && digits.starts_with('1') {
        digits.remove(0);
    }
    let kind = match digits.len() {
        10 => NumberKind::UsNumber,
        3 => NumberKind::ServiceCode,
        5 | 6 => NumberKind::ShortCode,
        n => return Err(PhoneError::WrongLength(n)),
    };
    if letters > 0 && kind != NumberKind::UsNumber {
        return Err(PhoneError::LettersInShortNumber);
    }
    Ok(ParsedNumber { digits, kind })
}

/// Whether a ten-digit number's area code can exist: not starting with 0 or 1, not N11
/// (911, 411), not 555. A 555-01XX line number in a real area code stays dialable (the
/// range set aside for examples, which the tests use).
pub fn area_code_can_exist(digits: &str) -> bool {
    let Some(area) = digits.as_bytes().get(..3) else {
        return false;
    };
    !(matches!(area[0], b'0' | b'1') || (area[1] == b'1' && area[2] == b'1') || area == b"555")
}

/// The number as dialed in the U.S.: 1-XXX-XXX-XXXX, or a code as it is.
pub fn dial_form(digits: &str) -> String {
    if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("1-{}-{}-{}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        digits.to_string()
    }
}

/// How to reach a TTY line. Not from any source: general guidance, and labelled so, since
/// the sources list a TTY number without saying how to dial it.
pub fn relay_guidance(dial: &str) -> String {
    relay_guidance_in(dial, false)
}

/// [`relay_guidance`] in Spanish when asked.
pub fn relay_guidance_in(dial: &str, in_spanish: bool) -> String {
    if in_spanish {
        format!(
            "orientación general, no de las fuentes de htref: marque {dial} desde un TTY o un servicio de retransmisión"
        )
    } else {
        format!(
            "general guidance, not from htref's sources: dial {dial} from a TTY or relay service"
        )
    }
}

/// E.164 form (+1XXXXXXXXXX) for a ten-digit U.S. number; codes have none.
pub fn e164(digits: &str) -> Option<String> {
    (digits.len() == 10).then(|| format!("+1{digits}"))
}

/// A `tel:` URI a phone or screen reader can act on.
pub fn tel_uri(digits: &str) -> String {
    match e164(digits) {
        Some(e) => format!("tel:{e}"),
        None => format!("tel:{digits}"),
    }
}

/// The number digit by digit with pauses, as an accessible page labels it for a screen
/// reader: "1, 8 8 8, 3 7 3, 7 8 8 8"; a code as "7 1 1".
pub fn spoken(digits: &str) -> String {
    // Written character by character into one string: every line of a JSON answer has it.
    fn spaced(out: &mut String, part: &str) {
        for (i, c) in part.chars().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push(c);
        }
    }
    let mut out = String::with_capacity(2 * digits.len() + 8);
    if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str("1, ");
        spaced(&mut out, &digits[..3]);
        out.push_str(", ");
        spaced(&mut out, &digits[3..6]);
        out.push_str(", ");
        spaced(&mut out, &digits[6..]);
    } else {
        spaced(&mut out, digits);
    }
    out
}

/// Rewrites the numbers written inside a sentence: each space-separated word, stripped of
/// surrounding punctuation, that reads as a number is offered to `rewrite` with how many
/// real digits it was written with; `None` keeps the word as it was.
pub fn map_numbers(
    text: &str,
    rewrite: impl Fn(&str, &ParsedNumber, usize) -> Option<String>,
) -> String {
    // Words end at spaces and at line breaks (a table cell's second line).
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| map_line(line, &rewrite))
        .collect();
    lines.join("\n")
}

fn map_line(text: &str, rewrite: &impl Fn(&str, &ParsedNumber, usize) -> Option<String>) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|word| {
            let core = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | '.' | ':'));
            let written_digits = core.bytes().filter(u8::is_ascii_digit).count();
            parse(core)
                .ok()
                .and_then(|number| rewrite(core, &number, written_digits))
                .map_or_else(|| word.to_string(), |new| word.replacen(core, &new, 1))
        })
        .collect();
    words.join(" ")
}

/// Rewrites every full phone number, N11 service code and text short code (233733)
/// inside a sentence in its spoken form.
pub fn speak_numbers_in(text: &str) -> String {
    map_numbers(text, |core, number, written_digits| {
        let service_code = core.len() == 3 && core.ends_with("11") && core != "011";
        let full = number.kind == NumberKind::UsNumber && written_digits >= 7;
        let short_code =
            number.kind == NumberKind::ShortCode && core.bytes().all(|b| b.is_ascii_digit());
        (full || short_code || (number.kind == NumberKind::ServiceCode && service_code))
            .then(|| spoken(&number.digits))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> String {
        parse(s).map_or_else(|e| format!("error: {e}"), |p| p.digits)
    }

    #[test]
    fn reads_the_forms_people_write() {
        for form in [
            "(888) 428-7581",
            "888.428.7581",
            "1-888-428-7581",
            "+1 888 428 7581",
            "18884287581",
        ] {
            assert_eq!(digits(form), "8884287581", "{form}");
        }
    }

    #[test]
    fn vanity_and_odd_grouping_decode_to_the_same_digits() {
        assert_eq!(digits("1-866-DHS-2-ICE"), digits("1-866-347-2423"));
        assert_eq!(digits("1-888-3737-888"), digits("1-888-373-7888"));
        assert_eq!(digits("1-866-dhs-2-ice"), "8663472423");
    }

    #[test]
    fn codes_are_kept_as_they_are() {
        assert_eq!(parse("711").unwrap().kind, NumberKind::ServiceCode);
        assert_eq!(parse("233733").unwrap().kind, NumberKind::ShortCode);
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in [
            "",
            "hello",
            "12",
            "1234567",
            "+44 20 7946 0958",
            "555-CALL",
            "88;8",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
        assert_eq!(parse(&"1".repeat(200)), Err(PhoneError::TooLong));
    }

    #[test]
    fn renders_dial_ready_forms() {
        assert_eq!(dial_form("8663472423"), "1-866-347-2423");
        assert_eq!(e164("8663472423").as_deref(), Some("+18663472423"));
        assert_eq!(tel_uri("8663472423"), "tel:+18663472423");
        assert_eq!(dial_form("711"), "711");
        assert_eq!(e164("711"), None);
        assert_eq!(spoken("8883737888"), "1, 8 8 8, 3 7 3, 7 8 8 8");
        assert_eq!(spoken("711"), "7 1 1");
        assert_eq!(
            speak_numbers_in("beside its main number 1-888-373-7888."),
            "beside its main number 1, 8 8 8, 3 7 3, 7 8 8 8."
        );
        assert_eq!(
            speak_numbers_in("in 2007 and 2013-2017"),
            "in 2007 and 2013-2017"
        );
        assert_eq!(
            speak_numbers_in("TTY access as 711 beside"),
            "TTY access as 7 1 1 beside"
        );
    }
}
