//! An HSDS feed's records, as JSON values in the specification's nested shape, read into
//! what the local database keeps: every organization and service with its ids, places,
//! phones of every type and their extensions, emails, https sites, languages, hours,
//! eligibility and taxonomy terms. What cannot be kept is reported with its record id.

use crate::data::local_db::{LocalOrganization, LocalPhone, LocalService};
use crate::data::place::{self, Place};
use crate::phone;
use serde_json::Value;

/// Text as one line without controls or hidden characters, trimmed; none when empty. A
/// line break a directory's export wrote out as the two characters `\n` (Miami's
/// descriptions: "...self-worth.\n\n###MON###") is a line break too, so a space.
pub fn clean(text: &str) -> Option<String> {
    let unescaped;
    let text = if text.contains("\\n") || text.contains("\\r") || text.contains("\\t") {
        unescaped = text
            .replace("\\r\\n", " ")
            .replace("\\n", " ")
            .replace("\\r", " ")
            .replace("\\t", " ");
        unescaped.as_str()
    } else {
        text
    };
    let (one, _) = crate::text::clean(text);
    (!one.is_empty()).then_some(one)
}

/// Every text of a record made one line without controls or hidden characters, in place
/// ([`crate::text::clean`]); the first character taken out that was not white space.
pub fn clean_record(value: &mut Value) -> Option<char> {
    let mut removed = None;
    match value {
        Value::String(text) => {
            let (cleaned, gone) = crate::text::clean(text);
            removed = gone;
            *text = cleaned;
        }
        Value::Array(items) => {
            for item in items {
                let gone = clean_record(item);
                removed = removed.or(gone);
            }
        }
        Value::Object(fields) => {
            for item in fields.values_mut() {
                let gone = clean_record(item);
                removed = removed.or(gone);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    removed
}

/// A text field of a record, cleaned; numbers are read as their text.
fn field(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => clean(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn list<'v>(value: &'v Value, key: &str) -> &'v [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// How a record is named in a report: its id, else its name, else its position.
fn record_name(value: &Value, n: usize) -> String {
    field(value, "id")
        .or_else(|| field(value, "name"))
        .map_or_else(|| format!("record {}", n + 1), |id| format!("record {id}"))
}

/// An email address, or why it is none: one address, no spaces, a dot in its domain.
pub fn email(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    let (user, domain) = text.split_once('@').ok_or("no @")?;
    if user.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || text.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"')
        })
    {
        return Err("not one plain address");
    }
    Ok(text.to_string())
}

/// One phone record: kept as written, dialable only when it is a U.S. number whose area
/// code can exist; a reason for the report when it is not dialable.
/// A number and the extension written after it ("x57471", "ext. 12", "extension 4",
/// "#210"), when what comes before is a whole number (seven digits or more).
fn split_extension(written: &str) -> (String, Option<String>) {
    let trimmed = written.trim_end();
    let digits_start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i);
    let Some(start) = digits_start else {
        return (written.to_string(), None);
    };
    let extension = &trimmed[start..];
    let before = trimmed[..start].trim_end_matches([' ', '.', ':']);
    let lower = before.to_ascii_lowercase();
    let marker = ["extension", "ext", "x", "#"]
        .into_iter()
        .find(|m| lower.ends_with(m));
    let Some(marker) = marker else {
        return (written.to_string(), None);
    };
    let number = before[..before.len() - marker.len()].trim_end_matches([' ', ',', ';']);
    if extension.len() > 6 || number.chars().filter(char::is_ascii_digit).count() < 7 {
        return (written.to_string(), None);
    }
    (number.to_string(), Some(extension.to_string()))
}

fn phone_of(value: &Value) -> Option<(LocalPhone, Option<String>)> {
    let written = field(value, "number")?;
    // Some feeds quote the number inside the cell ("\"+44 1234 234567\"").
    let number = written
        .trim_matches(|c| c == '"' || c == '\'')
        .trim()
        .to_string();
    // Directories often write the extension into the number ("305-555-0100 x57471").
    let (number, inline_extension) = split_extension(&number);
    let kind = field(value, "type")
        .unwrap_or_else(|| "voice".to_string())
        .to_lowercase();
    let (digits, why) = match phone::parse(&number) {
        Ok(parsed) if parsed.kind == phone::NumberKind::UsNumber => {
            if phone::area_code_can_exist(&parsed.digits) {
                (Some(parsed.digits), None)
            } else {
                (None, Some("its area code cannot exist".to_string()))
            }
        }
        Ok(parsed) => (Some(parsed.digits), None),
        Err(phone::PhoneError::BadCountryCode) => {
            (None, Some("a number outside the U.S.".to_string()))
        }
        Err(e) => (None, Some(e.to_string())),
    };
    let why = why.map(|why| format!("phone {number:?} kept as written, not dialable ({why})"));
    Some((
        LocalPhone {
            number,
            extension: field(value, "extension").or(inline_extension),
            kind,
            digits,
            description: field(value, "description").map(|d| crate::text::cut(&d, 200).to_string()),
        },
        why,
    ))
}

/// The places of a location's addresses.
fn address_places(location: &Value) -> Vec<Place> {
    list(location, "addresses")
        .iter()
        .map(|a| {
            place::of_address(
                field(a, "state_province").as_deref(),
                field(a, "city").as_deref(),
                field(a, "postal_code").as_deref(),
            )
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The longest name htref keeps; a longer one is cut and reported.
const MAX_NAME_CHARS: usize = 300;
/// The most schedule lines a service keeps (one a weekday, and a few more).
const MAX_HOURS: usize = 10;
/// The longest description or eligibility text htref keeps.
const MAX_TEXT_CHARS: usize = 4_000;

/// A text cut to `max` characters, with a report when it was longer.
fn bounded(
    text: Option<String>,
    max: usize,
    who: &str,
    what: &str,
    problems: &mut Vec<String>,
) -> Option<String> {
    let text = text?;
    let count = text.chars().count();
    if count <= max {
        return Some(text);
    }
    problems.push(format!(
        "{who}: {what} of {count} characters cut to its first {max}"
    ));
    Some(crate::text::cut(&text, max).to_string())
}

/// What one record (an organization with its services) keeps, and the problems met.
pub struct Read {
    pub organization: Option<LocalOrganization>,
    pub problems: Vec<String>,
}

/// Reads one organization record with its services.
pub fn organization(record: &Value, n: usize) -> Read {
    let mut problems = Vec::new();
    let who = record_name(record, n);
    let Some(name) = bounded(
        field(record, "name"),
        MAX_NAME_CHARS,
        &who,
        "name",
        &mut problems,
    ) else {
        problems.push(format!("{who}: an organization needs a name; left out"));
        return Read {
            organization: None,
            problems,
        };
    };
    let mut org = LocalOrganization {
        hsds_id: field(record, "id"),
        name,
        alternate_name: bounded(
            field(record, "alternate_name"),
            MAX_NAME_CHARS,
            &who,
            "alternate name",
            &mut problems,
        ),
        description: bounded(
            field(record, "description"),
            MAX_TEXT_CHARS,
            &who,
            "description",
            &mut problems,
        ),
        ..LocalOrganization::default()
    };
    org.email = contact_email(record, &who, &mut problems);
    org.url = https_site(record, &who, &mut problems);
    org.phones = phones(list(record, "phones"), &who, &mut problems);
    org.locations = list(record, "locations")
        .iter()
        .flat_map(address_places)
        .collect();
    for (i, service) in list(record, "services").iter().enumerate() {
        let who = format!(
            "{who}, service {}",
            record_name(service, i).trim_start_matches("record ")
        );
        match service_of(service, &who, &mut problems) {
            Some(s) => org.services.push(s),
            None => problems.push(format!("{who}: a service needs a name; left out")),
        }
    }
    if org.services.is_empty() {
        // An organization listed on its own is its own one service.
        org.services.push(LocalService {
            name: org.name.clone(),
            description: org.description.clone(),
            ..LocalService::default()
        });
    }
    Read {
        organization: Some(org),
        problems,
    }
}

fn contact_email(value: &Value, who: &str, problems: &mut Vec<String>) -> Option<String> {
    let raw = value.get("email").and_then(Value::as_str)?;
    match email(raw) {
        Ok(address) => Some(address),
        Err(why) => {
            problems.push(format!(
                "{who}: email {:?} left out ({why})",
                clean(raw).unwrap_or_default()
            ));
            None
        }
    }
}

fn https_site(value: &Value, who: &str, problems: &mut Vec<String>) -> Option<String> {
    let raw = field(value, "website").or_else(|| field(value, "url"))?;
    if raw.contains(' ') || raw.chars().any(char::is_control) {
        problems.push(format!(
            "{who}: web address {raw:?} left out (not one web address)"
        ));
        return None;
    }
    if raw.starts_with("https://") {
        return Some(raw);
    }
    if raw
        .get(..7)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
        && bare_site(&raw[7..]).is_some()
    {
        // An older directory's http address is the site it gives: shown as written,
        // never made a link (only an https address becomes one).
        return Some(raw);
    }
    if let Some(site) = bare_site(&raw) {
        // Directories often write a site as people say it ("www.example.org",
        // "example.org/help"): a web address all the same, opened as https like any
        // address htref gives.
        return Some(format!("https://{site}"));
    }
    problems.push(format!(
        "{who}: web address {raw:?} left out (not a web address)"
    ));
    None
}

/// A site written without its scheme ("www.example.org/help", "example.org"): a host of
/// letters, digits and hyphens with a dot and a top-level name of letters, then a plain
/// path; nothing that could be anything but an address.
fn bare_site(raw: &str) -> Option<&str> {
    let host = raw.split(['/', '?', '#']).next()?;
    let plain = raw
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~/?#=&%+:".contains(c));
    let labels: Vec<&str> = host.split('.').collect();
    let top = labels.last()?;
    let good_labels = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    let good_top = (2..=24).contains(&top.len()) && top.chars().all(|c| c.is_ascii_alphabetic());
    (plain && good_labels && good_top).then_some(raw)
}

fn phones(values: &[Value], who: &str, problems: &mut Vec<String>) -> Vec<LocalPhone> {
    let mut out: Vec<LocalPhone> = Vec::new();
    for value in values {
        let Some((phone, why)) = phone_of(value) else {
            continue;
        };
        if let Some(why) = why {
            problems.push(format!("{who}: {why}"));
        }
        if !out
            .iter()
            .any(|p| p.number == phone.number && p.extension == phone.extension)
        {
            out.push(phone);
        }
    }
    out
}

fn service_of(value: &Value, who: &str, problems: &mut Vec<String>) -> Option<LocalService> {
    let name = bounded(field(value, "name"), MAX_NAME_CHARS, who, "name", problems)?;
    let mut service = LocalService {
        hsds_id: field(value, "id"),
        name,
        description: bounded(
            field(value, "description"),
            MAX_TEXT_CHARS,
            who,
            "description",
            problems,
        ),
        eligibility: bounded(
            field(value, "eligibility_description").or_else(|| {
                // HSDS 1.x: rows of eligibility.csv for the service.
                let rows: Vec<String> = list(value, "eligibility_rows")
                    .iter()
                    .filter_map(|e| field(e, "eligibility"))
                    .collect();
                (!rows.is_empty()).then(|| rows.join("; "))
            }),
            MAX_TEXT_CHARS,
            who,
            "eligibility",
            problems,
        ),
        ..LocalService::default()
    };
    service.email = contact_email(value, who, problems);
    service.url = https_site(value, who, problems);
    let mut phone_records: Vec<Value> = list(value, "phones").to_vec();
    for at in list(value, "service_at_locations") {
        phone_records.extend(list(at, "phones").iter().cloned());
        if let Some(location) = at.get("location") {
            service.locations.extend(address_places(location));
            phone_records.extend(list(location, "phones").iter().cloned());
        }
    }
    service.phones = phones(&phone_records, who, problems);
    for area in list(value, "service_areas") {
        let texts = [field(area, "name"), field(area, "description")];
        let mut placed = false;
        for text in texts.iter().flatten() {
            if let Some(place) = place::of_area_text(text) {
                service.areas.push(place);
                placed = true;
                break;
            }
        }
        if let Some(text) = texts.into_iter().flatten().next() {
            service
                .area_texts
                .push(crate::text::cut(&text, 200).to_string());
            if !placed {
                problems.push(format!(
                    "{who}: service area {:?} names no state, city or ZIP code htref can read; kept as text",
                    crate::text::cut(&text, 60)
                ));
            }
        }
    }
    service.languages = list(value, "languages")
        .iter()
        // "language" is HSDS 1.x's column ("Spanish").
        .filter_map(|l| {
            field(l, "name")
                .or_else(|| field(l, "language"))
                .or_else(|| field(l, "code"))
        })
        .collect();
    let hours = hours_of(value);
    service.hours = (!hours.is_empty()).then(|| hours.join("; "));
    service.taxonomy = taxonomy_of(value);
    service.alternate_name = field(value, "alternate_name");
    Some(service)
}

/// A service's opening hours: a schedule's own words first ("9:00am-5:00pm, Mon-Fri",
/// HSDS 1.x's original text, the same on each weekday's row), else its days and times;
/// each once.
fn hours_of(value: &Value) -> Vec<String> {
    let mut hours: Vec<String> = Vec::new();
    for s in list(value, "schedules") {
        let text = field(s, "description")
            .or_else(|| field(s, "original_text"))
            .or_else(|| {
                let opens = field(s, "opens_at")?;
                let closes = field(s, "closes_at")?;
                let days = field(s, "byday")
                    .or_else(|| field(s, "weekday"))
                    .map(|d| format!("{d} "))
                    .unwrap_or_default();
                Some(format!("{days}{opens}-{closes}"))
            });
        if let Some(text) = text
            && !hours.contains(&text)
        {
            hours.push(text);
        }
    }
    hours.truncate(MAX_HOURS);
    hours
}

/// A service's taxonomy terms: HSDS 3.0's attributes (a term's code where the feed gives
/// one, else its id) and HSDS 1.x's links, joined by the package reader as [id, name]
/// pairs (a 1.x package's ids are the 211/AIRS codes).
fn taxonomy_of(value: &Value) -> Vec<crate::data::local_db::Term> {
    list(value, "attributes")
        .iter()
        .filter_map(|a| {
            let term = a.get("taxonomy_term")?;
            Some(crate::data::local_db::Term {
                code: field(term, "code").or_else(|| field(term, "id")),
                name: field(term, "name")?,
            })
        })
        .chain(list(value, "taxonomy_pairs").iter().filter_map(|pair| {
            let clean_at = |i: usize| pair.get(i).and_then(Value::as_str).and_then(clean);
            Some(crate::data::local_db::Term {
                code: clean_at(0),
                name: clean_at(1)?,
            })
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_written_out_is_a_space() {
        assert_eq!(
            clean("Girls build courage.\\n\\nCall to register.").as_deref(),
            Some("Girls build courage. Call to register.")
        );
        assert_eq!(clean("a\\r\\nb\\tc").as_deref(), Some("a b c"));
        // A backslash before another letter is the text's own.
        assert_eq!(clean("C:\\data").as_deref(), Some("C:\\data"));
        assert_eq!(clean("\\n").as_deref(), None);
    }

    #[test]
    fn a_site_written_without_its_scheme_is_a_web_address() {
        for (written, kept) in [
            ("www.example.org", Some("www.example.org")),
            ("WWW.Example.org/help?x=1", Some("WWW.Example.org/help?x=1")),
            ("unitedwaymiami.org", Some("unitedwaymiami.org")),
            ("AARP.org/fl", Some("AARP.org/fl")),
            ("www.example.", None),
            ("www.", None),
            ("www.example.org and more", None),
            ("example", None),
            ("N/A", None),
            ("call.211", None),
            ("someone@example.org", None),
            ("-bad.org", None),
        ] {
            assert_eq!(bare_site(written), kept, "{written}");
        }
    }

    #[test]
    fn an_http_address_is_kept_as_written_and_a_bare_one_as_https() {
        for (written, kept) in [
            ("http://www.example.org/a", Some("http://www.example.org/a")),
            ("https://example.org", Some("https://example.org")),
            ("example.org", Some("https://example.org")),
            ("http://", None),
            ("ftp://example.org", None),
            ("javascript:alert(1)", None),
            ("www.example.org and more", None),
        ] {
            let mut problems = Vec::new();
            let value = serde_json::json!({ "url": written });
            assert_eq!(
                https_site(&value, "record 1", &mut problems).as_deref(),
                kept,
                "{written}"
            );
            assert_eq!(
                problems.is_empty(),
                kept.is_some(),
                "{written}: {problems:?}"
            );
        }
    }

    #[test]
    fn an_extension_written_into_the_number_is_its_extension() {
        for (written, number, extension) in [
            ("305-555-0100 x57471", "305-555-0100", Some("57471")),
            ("(305) 555-0100 ext. 12", "(305) 555-0100", Some("12")),
            ("305.555.0100 Extension 4", "305.555.0100", Some("4")),
            ("305-555-0100, #210", "305-555-0100", Some("210")),
            ("305-555-0100", "305-555-0100", None),
            // No whole number before it: left as written.
            ("x1234", "x1234", None),
            ("233733", "233733", None),
        ] {
            let (n, e) = split_extension(written);
            assert_eq!((n.as_str(), e.as_deref()), (number, extension), "{written}");
        }
    }

    #[test]
    fn area_codes_that_cannot_exist_are_not_dialable() {
        for digits in [
            "0125550100",
            "1125550100",
            "9115550100",
            "4115550100",
            "5555550100",
        ] {
            assert!(!phone::area_code_can_exist(digits), "{digits}");
        }
        // 555-01XX in a real area code is the range for examples: dialable.
        assert!(phone::area_code_can_exist("2025550143"));
    }

    #[test]
    fn emails_are_one_plain_address() {
        assert!(email("help@example.org").is_ok());
        for bad in [
            "help@example.org\nBcc: x@y.z",
            "call us",
            "a@b",
            "a@b.c, d@e.f",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }
}
