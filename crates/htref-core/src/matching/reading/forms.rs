//! Immigration forms and legal terms a call-taker recognizes.
//!
//! "I-914 Supplement B" is the law-enforcement declaration for a T visa and "I-918
//! Supplement B" the law-enforcement certification for a U visa: a detective who must sign
//! one asks about that visa, not about HHS's certification letter. The form becomes the
//! visa it belongs to, and the words that say what is done with it ("certify", "sign")
//! are the form's, not a need of their own.

use super::{consume, has, is, written};
use crate::matching::normalize::Token;
use crate::matching::rules::Words;

/// A form or legal term the question names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Its name ("I-914 Supplement B").
    pub name: String,
    /// What it is, in a few words.
    pub meaning: &'static str,
    /// The same for a Spanish answer.
    pub meaning_es: &'static str,
    /// The question's words.
    pub words: String,
}

/// A form: its number, the visa it belongs to, and what it and its Supplement B are, in
/// English and in Spanish.
struct FormKind {
    digits: &'static str,
    visa: &'static str,
    form: (&'static str, &'static str),
    supplement_b: (&'static str, &'static str),
}

const FORMS: [FormKind; 2] = [
    FormKind {
        digits: "914",
        visa: "t visa",
        form: ("the T visa application", "la solicitud de visa T"),
        supplement_b: (
            "the law-enforcement declaration for a T visa",
            "la declaración de las autoridades para una visa T",
        ),
    },
    FormKind {
        digits: "918",
        visa: "u visa",
        form: ("the U visa petition", "la petición de visa U"),
        supplement_b: (
            "the law-enforcement certification for a U visa",
            "la certificación de las autoridades para una visa U",
        ),
    },
];

pub fn read(tokens: &mut [Token], w: &Words) -> Vec<Form> {
    let mut forms = Vec::new();
    for i in 0..tokens.len() {
        // "I-914" is "i" "914"; "I914" is one token.
        let (start, number) = match tokens[i].text.strip_prefix('i') {
            Some(rest) if FORMS.iter().any(|f| f.digits == rest) => (i, rest.to_string()),
            _ if i > 0 && is(Some(&tokens[i - 1]), &["i"]) => (i - 1, tokens[i].text.clone()),
            _ => continue,
        };
        let Some(kind) = FORMS.iter().find(|f| f.digits == number) else {
            continue;
        };
        let (visa, supplement_b) = (kind.visa, kind.supplement_b);
        let mut end = i + 1;
        let mut name = format!("I-{}", kind.digits);
        let mut meaning = kind.form;
        if is(tokens.get(end), &["supplement", "supp", "sup"]) {
            if is(tokens.get(end + 1), &["b"]) {
                name.push_str(" Supplement B");
                meaning = supplement_b;
                end += 2;
            } else if is(tokens.get(end + 1), &["a"]) {
                name.push_str(" Supplement A");
                end += 2;
            }
        }
        let words = written(&tokens[start..end]);
        // A Supplement B is the visa's law-enforcement paper, a matter of its own ("who
        // signs it"): the matcher sees both the visa and the supplement.
        tokens[start].text = if meaning == supplement_b {
            format!("{visa} supplement b")
        } else {
            visa.to_string()
        };
        tokens[start + 1..end].iter_mut().for_each(consume);
        forms.push(Form {
            name,
            meaning: meaning.0,
            meaning_es: meaning.1,
            words,
        });
    }
    // "certify a U visa", "sign the T visa declaration": the visa's own paperwork.
    let visa_named = tokens
        .windows(2)
        .any(|w| matches!(w[0].text.as_str(), "t" | "u") && w[1].text.starts_with("visa"))
        || tokens
            .iter()
            .any(|t| matches!(t.text.as_str(), "tvisa" | "uvisa"));
    let law_enforcement_paper = (0..tokens.len()).any(|i| {
        is(tokens.get(i), &["certification", "declaration"])
            && i > 0
            && (is(
                tokens.get(i - 1),
                &["lea", "enforcement", "police", "supplement"],
            ))
    });
    if !forms.is_empty() || visa_named || law_enforcement_paper {
        for token in tokens.iter_mut() {
            if has(&w.form_actions, token.text.as_str()) {
                if forms.is_empty() && !visa_named {
                    // "law enforcement certification" with no visa named: the U visa's.
                    forms.push(Form {
                        name: "I-918 Supplement B".to_string(),
                        meaning: FORMS[1].supplement_b.0,
                        meaning_es: FORMS[1].supplement_b.1,
                        words: token.written.clone(),
                    });
                    token.text = "u visa".to_string();
                    continue;
                }
                consume(token);
            }
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{reading, words};

    #[test]
    fn forms_are_named_and_read_as_their_visa() {
        for (text, name) in [
            (
                "detective needs the I-914 Supplement B signed",
                "I-914 Supplement B",
            ),
            ("I-918 Supplement B", "I-918 Supplement B"),
            ("help with an I914", "I-914"),
            ("i-918 supp b for my client", "I-918 Supplement B"),
        ] {
            let forms = reading(text).forms;
            assert_eq!(forms.first().map(|f| f.name.as_str()), Some(name), "{text}");
        }
        assert!(
            words("I-914 Supplement B")
                .windows(2)
                .any(|w| w == ["t", "visa"])
        );
        assert!(words("I-918").windows(2).any(|w| w == ["u", "visa"]));
        // A Supplement B stays a supplement beside its visa: who signs it is its own need.
        let read = words("the I-914 Supp B for a farmworker");
        assert!(read.contains(&"supplement".to_string()), "{read:?}");
        assert!(!words("help with an I914").contains(&"supplement".to_string()));
    }

    #[test]
    fn certify_beside_a_visa_is_the_visa_paperwork() {
        for text in [
            "detective asking how to certify a U visa",
            "sign the I-918 Supplement B",
            "law enforcement certification for my client",
        ] {
            let read = words(text);
            assert!(
                !read.iter().any(|w| w.starts_with("certif")),
                "{text}: {read:?}"
            );
        }
        // Without a visa or a law-enforcement paper, certification is HHS's letter.
        assert!(words("HHS certification letter").contains(&"certification".to_string()));
    }
}
