//! The rules for one contact: a number of the shape its kind takes, an official https
//! address, one plain email, an audience where the line is kept to some askers.

use crate::data::{Contact, ContactKind};
use crate::phone;

/// What is wrong with a contact's number, address, kind and audience, if anything.
pub fn contact_problems(contact: &Contact) -> Vec<String> {
    let mut problems = Vec::new();
    let kind = contact.kind;
    match (&contact.number, &contact.digits) {
        (Some(number), Some(digits)) => {
            for form in std::iter::once(number).chain(contact.other_forms.iter()) {
                match phone::parse(form) {
                    Ok(parsed) if !fits(kind, parsed.kind) => problems.push(format!(
                        "`{form}` is not a {} number: {}",
                        kind.as_str(),
                        expected_number(kind)
                    )),
                    Ok(parsed) if parsed.digits == *digits => {}
                    Ok(parsed) => problems.push(format!(
                        "`{form}` dials {} but digits say {digits}",
                        parsed.digits
                    )),
                    Err(e) => problems.push(format!("`{form}` is not a phone number: {e}")),
                }
            }
        }
        (None, None) if !kind.needs_number() => {
            if !contact.other_forms.is_empty() {
                problems.push("other_forms given without a number".to_string());
            }
        }
        _ if kind.needs_number() => problems.push(format!(
            "a {} contact needs both `number` and `digits`",
            kind.as_str()
        )),
        _ => problems.push(format!(
            "a {} contact carries no number; remove `number`/`digits`",
            kind.as_str()
        )),
    }
    if !contact.for_askers.is_empty() && contact.audience.is_none() {
        problems.push("a line restricted with `for_askers` must say its `audience`".to_string());
    }
    if contact.others.is_some() && contact.for_askers.is_empty() {
        problems.push("`others` only makes sense beside `for_askers`".to_string());
    }
    if kind == ContactKind::Language && contact.languages.is_empty() {
        problems.push("a language contact must name its languages".to_string());
    }
    problems.extend(address_problems(contact));
    problems
}

/// A web contact carries an official https address, an email contact an address, and no
/// other kind carries either (a chat may: its page).
fn address_problems(contact: &Contact) -> Vec<String> {
    let mut problems = Vec::new();
    let kind = contact.kind;
    match (&contact.url, kind) {
        (None, ContactKind::Web) => {
            problems.push("a web contact needs `url`, the page's https address".to_string());
        }
        (Some(url), ContactKind::Web | ContactKind::Chat) if !url.starts_with("https://") => {
            problems.push(format!("url `{url}` must start with https://"));
        }
        (Some(_), ContactKind::Web | ContactKind::Chat) | (None, _) => {}
        (Some(_), _) => problems.push(format!(
            "a {} contact takes no `url`: give the page its own web contact",
            kind.as_str()
        )),
    }
    match (&contact.email, kind) {
        (None, ContactKind::Email) => problems.push("an email contact needs `email`".to_string()),
        (Some(email), ContactKind::Email) => {
            let well_formed = email
                .split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
                && !email.chars().any(char::is_whitespace);
            if !well_formed {
                problems.push(format!("`{email}` is not an email address"));
            }
        }
        (None, _) => {}
        (Some(_), _) => problems.push(format!("a {} contact takes no `email`", kind.as_str())),
    }
    problems
}

/// Whether a number of this shape can serve a contact of this kind.
pub fn fits(kind: ContactKind, number: phone::NumberKind) -> bool {
    use phone::NumberKind::{ServiceCode, ShortCode, UsNumber};
    matches!(
        (kind, number),
        (ContactKind::Voice | ContactKind::Video, UsNumber)
            | (ContactKind::Tty, UsNumber | ServiceCode)
            | (ContactKind::Text, UsNumber | ShortCode)
    )
}

pub fn expected_number(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Voice | ContactKind::Video => "write all ten digits, e.g. 1-410-555-0142",
        ContactKind::Tty => "write all ten digits, or a relay code such as 711",
        ContactKind::Text => "write all ten digits, or a short code such as 233733",
        ContactKind::Chat | ContactKind::Language | ContactKind::Web | ContactKind::Email => {
            "this kind takes no number"
        }
    }
}
