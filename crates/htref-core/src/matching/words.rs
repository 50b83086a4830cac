//! Whether a token is a real English or Spanish word, so that spelling correction touches
//! only what is not a word: "diplomat" is not a typo of "diploma", "found" not of "fund",
//! "cops" not of "corps".
//!
//! The lists are committed under `data/words/` (see its README: Debian's wamerican, from
//! SCOWL, and wspanish; lower case, accents folded, one word a line, sorted) and embedded
//! whole. A look-up is a binary search over the text in place: nothing is built at start-up.

/// American English words (SCOWL, through Debian's wamerican 2020.12.07).
static ENGLISH: &str = include_str!("../../../../data/words/english.txt");
/// Spanish words (Debian's wspanish 1.0.30): base forms, so inflections are tried below.
static SPANISH: &str = include_str!("../../../../data/words/spanish.txt");

/// How two words sort. Most words met in a binary search differ at their first letter,
/// told apart here without a call to compare the rest.
pub(crate) fn order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    match a.first().cmp(&b.first()) {
        std::cmp::Ordering::Equal => a.cmp(b),
        order => order,
    }
}

/// Whether `a` sorts before `b` ([`order`]).
pub(crate) fn before(a: &str, b: &str) -> bool {
    order(a.as_bytes(), b.as_bytes()).is_lt()
}

/// The run of a sorted list whose keys are `word` or begin with it as their first word:
/// "no", "no me pagan", "no quiero" for "no", never "nos" (a space sorts before any
/// letter, so they stand together).
pub(crate) fn first_word_run<'l, T>(
    list: &'l [T],
    key: impl Fn(&T) -> &str,
    word: &str,
) -> &'l [T] {
    let start = list.partition_point(|t| before(key(t), word));
    let len = list[start..]
        .iter()
        .take_while(|t| {
            key(t)
                .strip_prefix(word)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
        .count();
    &list[start..start + len]
}

/// Whether a sorted list of lines, one word each, holds this word.
fn sorted_lines_contain(list: &str, word: &str) -> bool {
    if word.is_empty() || word.contains('\n') {
        return false;
    }
    let bytes = list.as_bytes();
    let (mut low, mut high) = (0, bytes.len());
    // Invariant: every line starting before `low` sorts below `word`, every line starting
    // at or after `high` above it. Each step reads the line around the middle byte.
    while low < high {
        let middle = low + (high - low) / 2;
        // Lines are a few bytes long: a plain loop each way finds their ends sooner than
        // a general search would set itself up.
        let start = bytes[low..middle]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(low, |p| low + p + 1);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| start + p);
        let line = &bytes[start..end];
        match order(line, word.as_bytes()) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    false
}

/// Whether a lower-case, accent-folded token is an English word.
pub fn is_english(word: &str) -> bool {
    sorted_lines_contain(ENGLISH, word)
}

/// Spanish endings of plurals and verb forms, and what the base form ends with: the list
/// holds "pagar", a question says "pagan", "pagaron", "pagando".
const SPANISH_ENDINGS: [(&str, &[&str]); 24] = [
    ("aron", &["ar"]),
    ("ieron", &["er", "ir"]),
    ("ando", &["ar"]),
    ("iendo", &["er", "ir"]),
    ("ados", &["ar"]),
    ("adas", &["ar"]),
    ("idos", &["er", "ir"]),
    ("idas", &["er", "ir"]),
    ("ado", &["ar"]),
    ("ada", &["ar"]),
    ("ido", &["er", "ir"]),
    ("ida", &["er", "ir"]),
    ("amos", &["ar"]),
    ("emos", &["er"]),
    ("imos", &["ir"]),
    ("aba", &["ar"]),
    ("ia", &["er", "ir"]),
    ("an", &["ar", ""]),
    ("en", &["er", "ir", ""]),
    ("as", &["ar", "a"]),
    ("es", &["er", "ir", ""]),
    ("os", &["o"]),
    ("o", &["ar", "er", "ir"]),
    ("a", &["ar", "er", "ir"]),
];

/// Whether a lower-case, accent-folded token is a Spanish word or a regular form of one.
pub fn is_spanish(word: &str) -> bool {
    if sorted_lines_contain(SPANISH, word) {
        return true;
    }
    if word.chars().count() < 4 {
        return false;
    }
    // One buffer for every form tried: this runs for each word of every question.
    let mut form = String::with_capacity(word.len() + 2);
    SPANISH_ENDINGS.iter().any(|(ending, bases)| {
        word.strip_suffix(ending).is_some_and(|stem| {
            stem.len() >= 2
                && bases.iter().any(|base| {
                    form.clear();
                    form.push_str(stem);
                    form.push_str(base);
                    sorted_lines_contain(SPANISH, &form)
                })
        })
    })
}

/// Whether a token is a word of either language, and so never a typo.
pub fn is_word(word: &str) -> bool {
    is_english(word) || is_spanish(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_english_words_are_words() {
        for word in [
            "diplomat",
            "found",
            "cops",
            "passports",
            "a",
            "zoo",
            "trafficking",
        ] {
            assert!(is_english(word), "{word}");
        }
        for word in [
            "forcd",
            "labr",
            "traficking",
            "",
            "zzzzzz",
            "diplomat\nfound",
        ] {
            assert!(!is_english(word), "{word}");
        }
    }

    #[test]
    fn spanish_words_and_their_forms_are_words() {
        for word in [
            "trabajo",
            "policia",
            "pasaporte",
            "pagan",
            "quitaron",
            "obligan",
            "vendida",
            "anos",
            "sordos",
        ] {
            assert!(is_spanish(word), "{word}");
        }
        for word in ["forcd", "labr", "xqzt"] {
            assert!(!is_spanish(word), "{word}");
        }
    }

    #[test]
    fn the_lists_are_sorted_one_word_a_line() {
        for list in [ENGLISH, SPANISH] {
            let lines: Vec<&str> = list.lines().collect();
            assert!(lines.len() > 50_000);
            assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
            assert!(
                lines
                    .iter()
                    .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_lowercase()))
            );
        }
    }

    #[test]
    fn every_word_of_a_list_is_found() {
        for (i, word) in ENGLISH.lines().enumerate().step_by(97) {
            assert!(is_english(word), "line {i}: {word}");
        }
        for word in [ENGLISH.lines().next(), ENGLISH.lines().last()]
            .into_iter()
            .flatten()
        {
            assert!(is_english(word), "{word}");
        }
    }
}
