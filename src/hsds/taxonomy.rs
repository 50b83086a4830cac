//! A directory's taxonomy terms read as htref's needs, through `data/taxonomy.ron`: what a
//! 211 tags a service with ("Human Trafficking Shelters", "FT-3600") says what it is before
//! its description does. The list is data; this reads it and finds a service's terms in it.

pub use crate::data::local_db::Term;
use serde::Deserialize;
use std::sync::OnceLock;

static TAXONOMY: &str = include_str!("../../data/taxonomy.ron");

/// How well a service a term tags fits the term's needs: the local database's rank, of which
/// a term gives three (a trafficking service, what it does, whom it serves; a test checks).
pub use crate::data::local_db::Fit;

/// One term, or a few that mean the same, and the needs a service they tag serves.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermNeeds {
    pub codes: Vec<String>,
    pub names: Vec<String>,
    pub fit: Fit,
    pub needs: Vec<String>,
}

/// Terms that mark a service as something rather than put it in needs, and words that
/// mark an organization so by its own name ("Sheriff").
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marks {
    pub codes: Vec<String>,
    pub names: Vec<String>,
    #[serde(default)]
    pub words: Vec<String>,
}

/// The whole list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    pub terms: Vec<TermNeeds>,
    /// Question words too common in directory entries to choose a service by.
    pub plain_words: Vec<String>,
    pub law_enforcement: Marks,
    /// The needs a service marked as law enforcement serves by being so (reporting).
    pub law_enforcement_needs: Vec<String>,
    pub immigration_enforcement: Marks,
}

/// What a service's terms say of it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// Needs with their fit, best fit first, each once.
    pub needs: Vec<(String, Fit)>,
    pub law_enforcement: bool,
    pub immigration_enforcement: bool,
    /// Terms that found nothing in the list (to report the frequent ones).
    pub unmapped: Vec<usize>,
    /// The list's entries that read a term, each once.
    pub entries: Vec<usize>,
}

/// The needs that name a kind of trafficking: a service's words must name it too for its
/// trafficking terms to place it there first.
fn is_kind(need: &str) -> bool {
    need.ends_with("-trafficking")
}

impl Reading {
    /// The needs as they stand once the service's own words are heard: a service whose
    /// terms say it is for trafficking survivors fits every need as one when its name or
    /// description reads as trafficking too (`corroborated`); else (211s tag a refugee
    /// health check or a utility program so by mistake) its trafficking terms say only
    /// whom it may serve.
    pub fn heard(mut self, corroborated: impl Fn(&str) -> bool) -> Reading {
        let survivor_needs: Vec<String> = self
            .needs
            .iter()
            .filter(|(_, fit)| *fit == Fit::Trafficking)
            .map(|(need, _)| need.clone())
            .collect();
        if survivor_needs.is_empty() {
            return self;
        }
        let lift = survivor_needs.iter().any(|n| corroborated(n));
        for (need, fit) in &mut self.needs {
            *fit = match (*fit, lift) {
                // A kind of trafficking its words do not name (a program for sexually
                // exploited women is no labor trafficking service) is only whom it may
                // serve.
                (Fit::Trafficking, true) if !corroborated(need) && is_kind(need) => Fit::Audience,
                (_, true) => Fit::Trafficking,
                (Fit::Trafficking, false) => Fit::Audience,
                (other, false) => other,
            };
        }
        self.needs.sort_by_key(|(_, fit)| *fit);
        self
    }
}

/// Whether `code` is `prefix` or sits under it: "FT-3600.1500" under "FT-3600", "FL-6500"
/// under "FL"; never "FT-36001".
fn under(code: &str, prefix: &str) -> bool {
    let code = code.trim();
    code.len() >= prefix.len()
        && code[..prefix.len()].eq_ignore_ascii_case(prefix)
        && code[prefix.len()..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '.' | '-'))
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

impl Marks {
    /// Whether an organization's name holds one of the words (whole words, any case).
    pub fn names_it(&self, name: &str) -> bool {
        let name = format!(
            " {} ",
            name.to_lowercase()
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        );
        self.words
            .iter()
            .any(|w| name.contains(&format!(" {} ", w.to_lowercase())))
    }

    fn tags(&self, term: &Term) -> bool {
        term.code
            .as_deref()
            .is_some_and(|code| self.codes.iter().any(|p| under(code, p)))
            || self.names.iter().any(|n| same_name(n, &term.name))
    }
}

impl TermNeeds {
    /// How closely it names the term: by the length of the code it matched (the most
    /// specific entry wins), a name as closely as a full code.
    fn matches(&self, term: &Term) -> Option<usize> {
        let by_code = term.code.as_deref().and_then(|code| {
            self.codes
                .iter()
                .filter(|p| under(code, p))
                .map(String::len)
                .max()
        });
        let by_name = self
            .names
            .iter()
            .any(|n| same_name(n, &term.name))
            .then_some(usize::MAX);
        by_code.max(by_name)
    }
}

impl TermNeeds {
    /// How a report names the entry: its first name, else its first code.
    pub fn label(&self) -> &str {
        self.names
            .first()
            .or_else(|| self.codes.first())
            .map_or("", String::as_str)
    }
}

impl Taxonomy {
    /// The bundled list, read once.
    pub fn bundled() -> &'static Taxonomy {
        static READ: OnceLock<Taxonomy> = OnceLock::new();
        READ.get_or_init(|| {
            // The file is part of the build and a test reads it: it cannot fail here
            // unless the binary was built from a broken tree.
            ron::from_str(TAXONOMY).unwrap_or_else(|e| {
                eprintln!(
                    "htref: data/taxonomy.ron: {e}; services are placed by their words alone"
                );
                Taxonomy {
                    terms: Vec::new(),
                    plain_words: Vec::new(),
                    law_enforcement_needs: Vec::new(),
                    law_enforcement: Marks::default(),
                    immigration_enforcement: Marks::default(),
                }
            })
        })
    }

    /// What a service's terms say: each term read by the most specific entry that names
    /// it ([`Reading::heard`] then weighs its trafficking terms against its own words).
    pub fn read(&self, terms: &[Term]) -> Reading {
        let mut reading = Reading::default();
        let mut found: Vec<(&str, Fit)> = Vec::new();
        for (i, term) in terms.iter().enumerate() {
            let best = self
                .terms
                .iter()
                .enumerate()
                .filter_map(|(at, entry)| entry.matches(term).map(|how| (how, at, entry)))
                .max_by_key(|(how, _, _)| *how);
            match best {
                Some((_, at, entry)) => {
                    found.extend(entry.needs.iter().map(|n| (n.as_str(), entry.fit)));
                    if !reading.entries.contains(&at) {
                        reading.entries.push(at);
                    }
                }
                None => reading.unmapped.push(i),
            }
            reading.law_enforcement |= self.law_enforcement.tags(term);
            reading.immigration_enforcement |= self.immigration_enforcement.tags(term);
        }
        for (need, fit) in found {
            match reading.needs.iter_mut().find(|(n, _)| n == need) {
                Some((_, best)) => *best = (*best).min(fit),
                None => reading.needs.push((need.to_string(), fit)),
            }
        }
        reading.needs.sort_by_key(|(_, fit)| *fit);
        reading
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(code: &str, name: &str) -> Term {
        Term {
            code: (!code.is_empty()).then(|| code.to_string()),
            name: name.to_string(),
        }
    }

    #[test]
    fn the_list_reads_and_names_only_needs_a_local_service_can_serve() {
        let data = crate::data::bundled();
        let taxonomy: Taxonomy = ron::from_str(TAXONOMY).expect("data/taxonomy.ron");
        assert!(taxonomy.terms.len() > 20);
        let need = |id: &str| {
            data.needs
                .iter()
                .find(|n| n.id == id)
                .unwrap_or_else(|| panic!("{id}: no such need"))
        };
        for entry in &taxonomy.terms {
            assert!(
                !entry.codes.is_empty() || !entry.names.is_empty(),
                "{entry:?}"
            );
            // A term says what a service is for, does or whom it serves: never what only a
            // name or a description says.
            assert!(
                matches!(entry.fit, Fit::Trafficking | Fit::Service | Fit::Audience),
                "{entry:?}"
            );
            for id in &entry.needs {
                // Reporting a crime only by what a service does (crime reporting), never
                // by whom it serves.
                if need(id).side == crate::data::Side::Report {
                    assert_eq!(entry.fit, Fit::Service, "{id}: {entry:?}");
                }
            }
        }
        for id in &taxonomy.law_enforcement_needs {
            assert_eq!(need(id).side, crate::data::Side::Report, "{id}");
        }
    }

    #[test]
    fn a_code_covers_the_codes_under_it_and_no_other() {
        assert!(under("FT-3600.1500", "FT-3600"));
        assert!(under("FT-3600", "FT-3600"));
        assert!(under("fl-6500", "FL"));
        assert!(under("BH-1800.1500-308", "BH-1800.1500"));
        assert!(!under("FT-36001", "FT-3600"));
        assert!(!under("FT-3", "FT-3600"));
        assert!(!under("LEX", "LE"));
    }

    #[test]
    fn the_most_specific_entry_reads_a_term_and_a_trafficking_term_lifts_the_rest() {
        let taxonomy = Taxonomy::bundled();
        // A domestic violence shelter is read by its own entry, not by "Emergency Shelter".
        let shelter = taxonomy.read(&[term("BH-1800.1500-100", "Domestic Violence Shelters")]);
        assert!(
            shelter
                .needs
                .contains(&("violence-against-women".to_string(), Fit::Service)),
            "{shelter:?}"
        );
        // The name alone, as a feed without codes gives it, reads the same.
        let by_name = taxonomy.read(&[term("", "domestic violence shelters")]);
        assert_eq!(by_name.needs, shelter.needs);
        // Immigration legal help for trafficking survivors ranks as a trafficking service
        // when its own words say trafficking too, and only as whom it may serve if not.
        let terms = [
            term(
                "FT-3600.1500",
                "Comprehensive Immigration/Naturalization Services",
            ),
            term("YX-1500.9000", "Victims of Human Trafficking"),
        ];
        let said = taxonomy
            .read(&terms)
            .heard(|need| need == "labor-trafficking");
        assert!(
            said.needs
                .contains(&("t-visa".to_string(), Fit::Trafficking))
        );
        // A survivors' program whose words say sex trafficking is no labor trafficking
        // service first.
        let phoenix = taxonomy
            .read(&[term("YX-1500.9000", "Victims of Human Trafficking")])
            .heard(|need| need == "sex-trafficking");
        assert!(
            phoenix
                .needs
                .contains(&("sex-trafficking".to_string(), Fit::Trafficking))
        );
        assert!(
            phoenix
                .needs
                .contains(&("labor-trafficking".to_string(), Fit::Audience))
        );
        let unsaid = taxonomy.read(&terms).heard(|_| false);
        assert!(unsaid.needs.contains(&("t-visa".to_string(), Fit::Service)));
        assert!(
            unsaid
                .needs
                .contains(&("labor-trafficking".to_string(), Fit::Audience))
        );
        // A population alone is an audience, and a term nobody listed is said.
        let teens = taxonomy.read(&[
            term("YV-3000.8000", "Homeless Youth"),
            term("ZZ-9999", "Something Else"),
        ]);
        assert_eq!(
            teens.needs,
            vec![("child-victim".to_string(), Fit::Audience)]
        );
        assert_eq!(teens.unmapped, vec![1]);
    }

    #[test]
    fn police_and_detention_terms_mark_the_service() {
        let taxonomy = Taxonomy::bundled();
        let police = taxonomy.read(&[term("FL-6500", "Municipal Police")]);
        assert!(police.law_enforcement && !police.immigration_enforcement);
        let detention = taxonomy.read(&[term("", "Immigration Detention Centers")]);
        assert!(detention.immigration_enforcement);
        assert!(
            !taxonomy
                .read(&[term("FN-1900", "Crime Victim Support")])
                .law_enforcement
        );
        let marks = &taxonomy.law_enforcement;
        assert!(marks.names_it("MONROE COUNTY SHERIFF'S OFFICE"));
        assert!(marks.names_it("City of Miami Police Department"));
        assert!(!marks.names_it("Policy Institute for Women"));
    }
}
