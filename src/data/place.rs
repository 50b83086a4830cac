//! Places, as a caller gives them (`MD`, `Maryland`, `Baltimore, MD`, `21201`) and as an
//! HSDS feed writes them (an address's state and postal code, a service area's name), read
//! into one shape so that "does this service cover this place" is a plain comparison.
//!
//! A ZIP code's state comes from the USPS prefix list in `data/places/zip-prefixes.ron`,
//! which covers only the prefixes its stored source shows; a ZIP it does not cover has no
//! state, and the answer says so rather than guess one.

use std::sync::OnceLock;

/// The U.S. states, the District of Columbia and the territories, by their USPS codes.
const STATES: [(&str, &str); 56] = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("PR", "Puerto Rico"),
    ("GU", "Guam"),
    ("VI", "U.S. Virgin Islands"),
    ("AS", "American Samoa"),
    ("MP", "Northern Mariana Islands"),
];

/// A place: a state, a city or county in a state, or a ZIP code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    /// The USPS code: "MD".
    pub state: Option<String>,
    /// A city or county, lowercased, without "county" or "city of".
    pub locality: Option<String>,
    /// Five digits.
    pub zip: Option<String>,
}

impl Place {
    /// Whether it names nothing at all.
    pub fn is_empty(&self) -> bool {
        self.state.is_none() && self.locality.is_none() && self.zip.is_none()
    }

    /// How an answer names it: "MD", "baltimore, MD", "ZIP 21201".
    pub fn describe(&self) -> String {
        match (&self.zip, &self.locality, &self.state) {
            (Some(zip), _, Some(state)) => format!("ZIP {zip} ({state})"),
            (Some(zip), _, None) => format!("ZIP {zip}"),
            (None, Some(locality), Some(state)) => format!("{}, {state}", title(locality)),
            (None, None, Some(state)) => state.clone(),
            (None, Some(locality), None) => title(locality),
            (None, None, None) => String::new(),
        }
    }
}

fn title(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The USPS code of a state written as its code or its name ("md", "Maryland").
pub fn state_code(text: &str) -> Option<&'static str> {
    let text = text.trim().trim_end_matches('.');
    STATES.iter().find_map(|(code, name)| {
        (text.eq_ignore_ascii_case(code) || text.eq_ignore_ascii_case(name)).then_some(*code)
    })
}

/// The USPS prefix list, as `data/places/zip-prefixes.ron` writes it.
#[derive(serde::Deserialize)]
struct ZipPrefixes {
    source: String,
    groups: Vec<ZipGroup>,
}

#[derive(serde::Deserialize)]
struct ZipGroup {
    prefixes: Vec<String>,
    state: String,
}

static ZIP_PREFIXES: &str = include_str!("../../data/places/zip-prefixes.ron");

/// Read once, and only when a ZIP code is given: most answers never need it.
fn zip_prefixes() -> &'static ZipPrefixes {
    static TABLE: OnceLock<ZipPrefixes> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The file is part of the binary and checked by a test; an unreadable one would be
        // a build defect, and an empty list only costs ZIPs their state.
        ron::from_str(ZIP_PREFIXES).unwrap_or(ZipPrefixes {
            source: String::new(),
            groups: Vec::new(),
        })
    })
}

/// The state a ZIP code's first three digits lie in, where the USPS list covers them.
pub fn state_of_zip(zip: &str) -> Option<&'static str> {
    let prefix = zip.get(..3)?;
    zip_prefixes()
        .groups
        .iter()
        .find(|g| g.prefixes.iter().any(|p| p == prefix))
        .and_then(|g| state_code(&g.state))
}

/// How many 3-digit prefixes the list covers, and where it comes from.
pub fn zip_coverage() -> (usize, &'static str) {
    let table = zip_prefixes();
    (
        table.groups.iter().map(|g| g.prefixes.len()).sum(),
        &table.source,
    )
}

/// A place for a ZIP code: its state is the one the caller wrote with it, or else the one
/// the USPS list gives.
fn zip_place(zip: String, state: Option<&str>) -> Place {
    Place {
        state: state.or_else(|| state_of_zip(&zip)).map(str::to_string),
        locality: None,
        zip: Some(zip),
    }
}

/// A ZIP code's five digits ("21201" or "21201-1234").
fn zip_of(text: &str) -> Option<String> {
    let text = text.trim();
    let five: String = text.chars().take(5).collect();
    let rest = &text[five.len()..];
    let plus_four = rest.is_empty()
        || (rest.len() == 5
            && rest.starts_with('-')
            && rest[1..].bytes().all(|b| b.is_ascii_digit()));
    (five.len() == 5 && five.bytes().all(|b| b.is_ascii_digit()) && plus_four).then_some(five)
}

/// A city or county as compared: lowercased, single-spaced, without "county", "city of".
pub fn locality_key(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty() && !matches!(*w, "county" | "parish" | "borough"))
        .collect();
    let words = match words.as_slice() {
        ["city", "of", rest @ ..] => rest.to_vec(),
        _ => words,
    };
    (!words.is_empty()).then(|| words.join(" "))
}

/// What was not understood of a place, to say in the answer's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceError {
    Empty,
    /// A name given without its state, with the states the gazetteer lists it in.
    NeedsState {
        shown: String,
        states: Option<Vec<&'static str>>,
    },
    Unknown {
        shown: String,
    },
}

impl PlaceError {
    /// The error in a language.
    pub fn said(&self, lang: crate::matching::reading::Lang) -> String {
        use crate::matching::reading::Lang;
        match (self, lang) {
            (PlaceError::Empty, Lang::En) => "an empty place".into(),
            (PlaceError::Empty, Lang::Es) => "un lugar vacío".into(),
            (PlaceError::NeedsState { shown, states }, Lang::En) => match states.as_deref() {
                Some([one]) => format!(
                    "`{shown}` needs its state: GeoNames lists a place of that name in {one} (there may be others); give it as `{shown}, {one}` or give a ZIP code"
                ),
                Some(states @ [first, ..]) => format!(
                    "`{shown}` needs its state: GeoNames lists places of that name in {} states: {}; give it as `{shown}, {first}` (the state's code or name) or give a ZIP code",
                    states.len(),
                    states.join(", ")
                ),
                _ => format!(
                    "`{shown}` needs its state: many states may have a place of that name; give it as `{shown}, ST` (the state's code or name), or give a ZIP code"
                ),
            },
            (PlaceError::NeedsState { shown, states }, Lang::Es) => match states.as_deref() {
                Some([one]) => format!(
                    "`{shown}` necesita su estado: GeoNames registra un lugar con ese nombre en {one} (puede haber otros); escríbalo como `{shown}, {one}` o dé un código postal"
                ),
                Some(states @ [first, ..]) => format!(
                    "`{shown}` necesita su estado: GeoNames registra lugares con ese nombre en {} estados: {}; escríbalo como `{shown}, {first}` (la sigla o el nombre del estado) o dé un código postal",
                    states.len(),
                    states.join(", ")
                ),
                _ => format!(
                    "`{shown}` necesita su estado: varios estados pueden tener un lugar con ese nombre; escríbalo como `{shown}, ST` (la sigla o el nombre del estado) o dé un código postal"
                ),
            },
            (PlaceError::Unknown { shown }, Lang::En) => format!(
                "`{shown}` is not a place htref knows: give a state (MD or Maryland), a city or county with its state (Baltimore, MD), or a ZIP code"
            ),
            (PlaceError::Unknown { shown }, Lang::Es) => format!(
                "`{shown}` no es un lugar que htref conozca: dé un estado (MD o Maryland), una ciudad o un condado con su estado (Baltimore, MD) o un código postal"
            ),
        }
    }
}

/// What a caller typed: `MD`, `Maryland`, `Baltimore, MD`, `Baltimore County, Maryland`,
/// `21201`. An error says what was not understood.
pub fn parse(text: &str) -> Result<Place, PlaceError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PlaceError::Empty);
    }
    if let Some(zip) = zip_of(text) {
        return Ok(zip_place(zip, None));
    }
    // "MD 21201": a state and its ZIP.
    if let Some((st, zip)) = text.rsplit_once(' ')
        && let (Some(code), Some(zip)) = (state_code(st), zip_of(zip))
    {
        return Ok(zip_place(zip, Some(code)));
    }
    if let Some(code) = state_code(text) {
        return Ok(Place {
            state: Some(code.to_string()),
            ..Place::default()
        });
    }
    if let Some((locality, state)) = text.rsplit_once(',') {
        let state = state.trim();
        // "Baltimore, MD 21201": the ZIP is the most precise part; the state stays, since
        // the caller gave it.
        if let Some((st, zip)) = state.rsplit_once(' ')
            && let (Some(code), Some(zip)) = (state_code(st), zip_of(zip))
        {
            return Ok(zip_place(zip, Some(code)));
        }
        // "21201, MD": a ZIP with its state.
        if let (Some(zip), Some(code)) = (zip_of(locality), state_code(state)) {
            return Ok(zip_place(zip, Some(code)));
        }
        if let (Some(code), Some(locality)) = (state_code(state), locality_key(locality)) {
            return Ok(Place {
                state: Some(code.to_string()),
                locality: Some(locality),
                zip: None,
            });
        }
    }
    // A name without a comma is most often a city or county given alone: many states have
    // one of that name, so ask for the state rather than call it no place.
    let shown = crate::text::clip(text, 40);
    if !text.contains(',')
        && let Some(key) = locality_key(text)
    {
        return Err(PlaceError::NeedsState {
            shown,
            states: states_with_place(&key),
        });
    }
    Err(PlaceError::Unknown { shown })
}

/// U.S. place names and their states, from a gazetteer (geonames.org's list, written by
/// `scripts/us-places.py`): read only when a place is given without its state.
static US_PLACES: &str = include_str!("../../data/places/us-places.tsv");

/// The states the gazetteer lists a place of this name in (a `locality_key`), when it lists one.
fn states_with_place(key: &str) -> Option<Vec<&'static str>> {
    let lines: Vec<&str> = US_PLACES.lines().filter(|l| !l.starts_with('#')).collect();
    let at = lines.partition_point(|l| l.split('\t').next().unwrap_or("") < key);
    let (name, states) = lines.get(at)?.split_once('\t')?;
    (name == key).then(|| states.split(' ').collect())
}

/// The place an HSDS service area's name or description states, when it states one plainly
/// ("Maryland", "Baltimore County, MD", "21201"); most areas are free text or geometry,
/// which htref cannot place.
pub fn of_area_text(text: &str) -> Option<Place> {
    parse(text).ok()
}

/// The place of an HSDS address: its state (code or name), city and postal code.
pub fn of_address(state: Option<&str>, city: Option<&str>, postal_code: Option<&str>) -> Place {
    Place {
        state: state.and_then(state_code).map(str::to_string),
        locality: city.and_then(locality_key),
        zip: postal_code.and_then(zip_of),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list is searched by halves: it must be sorted by key, one key a line.
    #[test]
    fn the_us_place_list_is_sorted_and_found_by_key() {
        let keys: Vec<&str> = US_PLACES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split_once('\t').expect("key, tab, states").0)
            .collect();
        assert!(keys.len() > 10_000, "{}", keys.len());
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted, no key twice");
        assert!(states_with_place("springfield").unwrap().contains(&"IL"));
        assert_eq!(
            states_with_place(keys[0]).map(|s| s.is_empty()),
            Some(false)
        );
        assert!(states_with_place(keys[keys.len() - 1]).is_some());
        assert!(states_with_place("xyzzyville").is_none());
    }

    #[test]
    fn places_read_as_callers_write_them() {
        for (text, state, locality, zip) in [
            ("MD", Some("MD"), None, None),
            ("maryland", Some("MD"), None, None),
            ("Baltimore, MD", Some("MD"), Some("baltimore"), None),
            (
                "Baltimore County, Maryland",
                Some("MD"),
                Some("baltimore"),
                None,
            ),
            ("Fresno, CA", Some("CA"), Some("fresno"), None),
            ("21201", None, None, Some("21201")),
            ("21201-1234", None, None, Some("21201")),
            ("Baltimore, MD 21201", Some("MD"), None, Some("21201")),
            ("MD 21201", Some("MD"), None, Some("21201")),
            ("21201, MD", Some("MD"), None, Some("21201")),
            // Prefix 021 is in the USPS list (BOSTON MA 021); 212 is not in its stored copy.
            ("02139", Some("MA"), None, Some("02139")),
            ("00901", Some("PR"), None, Some("00901")),
        ] {
            let place = parse(text).unwrap();
            assert_eq!(place.state.as_deref(), state, "{text}");
            assert_eq!(place.locality.as_deref(), locality, "{text}");
            assert_eq!(place.zip.as_deref(), zip, "{text}");
        }
    }

    #[test]
    fn the_zip_prefix_list_is_whole_and_each_prefix_has_one_state() {
        let table = zip_prefixes();
        assert!(table.source.starts_with("https://"));
        let mut seen = std::collections::HashSet::new();
        for group in &table.groups {
            assert!(state_code(&group.state).is_some(), "{}", group.state);
            for prefix in &group.prefixes {
                assert!(
                    prefix.len() == 3 && prefix.bytes().all(|b| b.is_ascii_digit()),
                    "{prefix}"
                );
                assert!(seen.insert(prefix.clone()), "{prefix} twice");
            }
        }
        assert_eq!(zip_coverage().0, seen.len());
        assert!(seen.len() > 50);
    }

    #[test]
    fn what_is_no_place_says_so() {
        for text in [
            "",
            "Atlantis",
            "2120",
            "Springfield",
            "Paris, France",
            "123456",
        ] {
            assert!(parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn addresses_are_placed_by_their_parts() {
        let place = of_address(Some("Ohio"), Some("Columbus"), Some("43215-0001"));
        assert_eq!(place.state.as_deref(), Some("OH"));
        assert_eq!(place.locality.as_deref(), Some("columbus"));
        assert_eq!(place.zip.as_deref(), Some("43215"));
        assert!(
            of_address(Some("MyState"), None, Some("ABC 1234"))
                .state
                .is_none()
        );
    }
}
