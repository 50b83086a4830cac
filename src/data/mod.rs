//! The dataset: the RON files under `data/`, embedded at compile time, parsed and validated.

pub mod model;
pub mod overlay;
mod validate;

use crate::error::DataError;
pub use model::*;
use serde::de::DeserializeOwned;

/// One embedded data file: its path (for error messages) and its text.
struct Embedded {
    path: &'static str,
    text: &'static str,
}

const DATASET_FILE: Embedded = Embedded {
    path: "data/dataset.ron",
    text: include_str!("../../data/dataset.ron"),
};
const SOURCES_FILE: Embedded = Embedded {
    path: "data/sources.ron",
    text: include_str!("../../data/sources.ron"),
};
const NEEDS_FILE: Embedded = Embedded {
    path: "data/needs.ron",
    text: include_str!("../../data/needs.ron"),
};
const CONFLICTS_FILE: Embedded = Embedded {
    path: "data/conflicts.ron",
    text: include_str!("../../data/conflicts.ron"),
};
const VOCABULARY_FILE: Embedded = Embedded {
    path: "data/vocabulary.ron",
    text: include_str!("../../data/vocabulary.ron"),
};
/// Organizations, one file per department (plus one for everything else).
const ORGANIZATION_FILES: [Embedded; 6] = [
    Embedded {
        path: "data/organizations/hhs.ron",
        text: include_str!("../../data/organizations/hhs.ron"),
    },
    Embedded {
        path: "data/organizations/dhs.ron",
        text: include_str!("../../data/organizations/dhs.ron"),
    },
    Embedded {
        path: "data/organizations/doj.ron",
        text: include_str!("../../data/organizations/doj.ron"),
    },
    Embedded {
        path: "data/organizations/dol.ron",
        text: include_str!("../../data/organizations/dol.ron"),
    },
    Embedded {
        path: "data/organizations/dos.ron",
        text: include_str!("../../data/organizations/dos.ron"),
    },
    Embedded {
        path: "data/organizations/other.ron",
        text: include_str!("../../data/organizations/other.ron"),
    },
];

/// Everything htref knows, as loaded.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub info: DatasetInfo,
    pub sources: Vec<Source>,
    pub organizations: Vec<Organization>,
    /// The file each organization came from, parallel to `organizations`.
    pub organization_files: Vec<String>,
    pub needs: Vec<Need>,
    pub conflicts: Vec<Conflict>,
    pub vocabulary: Vocabulary,
}

/// Words the matcher treats specially; kept in data so they can be reviewed like the rest.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Words that carry no meaning for matching ("the", "my").
    pub stopwords: Vec<String>,
    /// Other spellings mapped to the one the terms use (British to U.S., shorthand).
    pub spellings: Vec<(String, String)>,
    /// Words read as one concept after spelling and ages ("juvenile" -> "child").
    pub synonyms: Vec<(String, String)>,
    /// Ordinary English words that are never corrected as typos of a term.
    pub common_words: Vec<String>,
}

impl Dataset {
    /// Parses and validates the data compiled into the binary.
    pub fn bundled() -> Result<Dataset, DataError> {
        let mut organizations = Vec::new();
        let mut organization_files = Vec::new();
        for file in &ORGANIZATION_FILES {
            let orgs: Vec<Organization> = parse(file)?;
            organization_files.extend(orgs.iter().map(|_| file.path.to_string()));
            organizations.extend(orgs);
        }
        let dataset = Dataset {
            info: parse(&DATASET_FILE)?,
            sources: parse(&SOURCES_FILE)?,
            organizations,
            organization_files,
            needs: parse(&NEEDS_FILE)?,
            conflicts: parse(&CONFLICTS_FILE)?,
            vocabulary: parse(&VOCABULARY_FILE)?,
        };
        let problems = validate::check(&dataset);
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more problems)", n - 1),
            };
            return Err(DataError(format!("{first}{more}")));
        }
        Ok(dataset)
    }

    /// Every problem the validator finds, for tests and `data check`.
    pub fn problems(&self) -> Vec<validate::Problem> {
        validate::check(self)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The sources a list of ids cites, each once, in first-cited order; unknown ids are
    /// skipped (the validator reports them).
    pub fn sources_cited<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> Vec<&Source> {
        let mut cited: Vec<&Source> = Vec::new();
        for id in ids {
            if let Some(source) = self.source(id)
                && !cited.iter().any(|s| s.id == source.id)
            {
                cited.push(source);
            }
        }
        cited
    }
}

fn parse<T: DeserializeOwned>(file: &Embedded) -> Result<T, DataError> {
    ron::from_str(file.text).map_err(|e| {
        DataError(format!(
            "{}:{}:{}: {}",
            file.path, e.span.start.line, e.span.start.col, e.code
        ))
    })
}

pub use validate::Problem;
