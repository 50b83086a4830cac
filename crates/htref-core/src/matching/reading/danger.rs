//! Danger said not to be there: "she is safe now", "not in immediate danger", "no es una
//! emergencia". The words are taken out, so "danger" or "emergency" in them brings no 911
//! line. Danger itself is read by the immediate-danger need's own terms; fear alone is not
//! danger (see docs/ordering.md).

use super::{behind, consume, written};
use crate::matching::normalize::Token;

const DANGER: [&str; 4] = ["danger", "emergency", "urgent", "dangerous"];
const NOT: [&str; 5] = ["not", "no", "isnt", "arent", "nothing"];
const BETWEEN: [&str; 9] = [
    "in",
    "an",
    "any",
    "immediate",
    "a",
    "currently",
    "is",
    "its",
    "this",
];
/// "safe" after these says someone is safe: "she is safe", "is now safe", "safe now".
const SAFE_AFTER: [&str; 11] = [
    "is",
    "are",
    "now",
    "shes",
    "hes",
    "im",
    "were",
    "feel",
    "feels",
    "already",
    "currently",
];

pub fn read(tokens: &mut [Token]) -> Vec<String> {
    let mut found = Vec::new();
    for at in 0..tokens.len() {
        let text = tokens[at].text.as_str();
        if DANGER.contains(&text) {
            if let Some(start) = behind(tokens, at, 3, &NOT, &BETWEEN) {
                found.push(written(&tokens[start..=at]));
                tokens[start..=at].iter_mut().for_each(consume);
            }
        } else if text == "safe"
            && at > 0
            && SAFE_AFTER.contains(&tokens[at - 1].text.as_str())
            && !(at > 1 && NOT.contains(&tokens[at - 2].text.as_str()))
        {
            found.push(written(&tokens[at - 1..=at]));
            consume(&mut tokens[at]);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{reading, words};

    #[test]
    fn danger_denied_is_no_danger() {
        for text in [
            "she is safe now",
            "not in immediate danger",
            "this is not an emergency",
            "no es una emergencia",
        ] {
            assert!(!reading(text).no_danger.is_empty(), "{text}");
        }
        assert!(!words("not in immediate danger").contains(&"danger".to_string()));
        for text in [
            "she is not safe",
            "he is in danger",
            "emergency",
            "not safe to call",
        ] {
            assert!(reading(text).no_danger.is_empty(), "{text}");
        }
    }
}
