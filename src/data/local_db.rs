//! The local database: the user's own directory, imported from HSDS feeds into `SQLite`
//! (rusqlite's bundled `SQLite`, so nothing needs installing). Each feed is kept under its
//! name; importing it again replaces its records in one transaction, so a feed that fails
//! leaves the database as it was. Answers ask it for the few services that serve a need in
//! a place, through indexes: its size does not reach the answer's cost.

use super::place::Place;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::path::{Path, PathBuf};

/// Where a candidate stands among a need's services, lowest first: its fit (a tier: a
/// service for trafficking survivors, what its terms say it does, its name, whom it serves,
/// its description), lifted by the question's words its name or terms hold (a tier and a
/// half for the first, half a tier for a second) or else its description holds (half a
/// tier), then nearness (a quarter tier a step: ZIP, near or in the city, state, anywhere).
/// So "food" puts a food bank before a residential program for survivors, two words never
/// lift a counseling office above a survivors' program that holds one of them, and no word
/// lifts a service placed by its description above one that fits by its terms.
fn order(fit: i64, strong: usize, weak: usize, near: u8) -> (i64, i64) {
    let words = match (strong, weak) {
        (0, 0) => 0,
        (0, _) => 2,
        (1, _) => 6,
        _ => 8,
    };
    (fit * 4 - words + i64::from(near), fit)
}

/// Candidates read for a need at each nearness, best fit first, for the question's words to
/// choose among: enough for a city's directory, bounded for a nation's.
const CANDIDATES: usize = 1_000;
/// The question's words for one need that choose among its services, at most.
const MAX_WORDS: usize = 8;
/// The words of a service's name and terms kept to be chosen by, at most.
const MAX_OWN_WORDS: usize = 48;

/// The query of a need's candidates at one nearness (`place` a condition on
/// `service_reach`, the need first), each with the words of its name and terms; `by_zip`
/// when the condition is on the ZIP.
fn candidates_sql(place: &str, by_zip: bool) -> String {
    // Every other condition by the state index: rows with no place are few there, while
    // the ZIP index would hold every row with no ZIP, which is nearly all. The state index
    // covers the query (words and locality in it), so its candidates are read from a few
    // contiguous pages.
    let table = if by_zip {
        "service_reach"
    } else {
        "service_reach INDEXED BY reach_by_state"
    };
    format!(
        "SELECT service, rank, coalesce(words, '') FROM {table}
            WHERE {place} ORDER BY rank, service LIMIT {CANDIDATES}"
    )
}

/// How many of the question's `words` a candidate's own words (space-separated) hold.
fn held(own: &str, words: &[String]) -> usize {
    words
        .iter()
        .filter(|w| own.split(' ').any(|o| o == w.as_str()))
        .count()
}

/// The words of a text as the question's are compared with it: lower case, singular,
/// three letters or more, no bare numbers.
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| singular(&w.to_lowercase()))
}

/// Bumped when the tables change; an older database is refused with a hint to re-import.
const SCHEMA_VERSION: &str = "4";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feeds (
    name TEXT PRIMARY KEY, file TEXT NOT NULL, imported TEXT NOT NULL,
    organizations INTEGER NOT NULL, services INTEGER NOT NULL, problems INTEGER NOT NULL,
    merged INTEGER NOT NULL, states TEXT);
CREATE TABLE IF NOT EXISTS organizations (
    id INTEGER PRIMARY KEY, feed TEXT NOT NULL, hsds_id TEXT, name TEXT NOT NULL,
    alternate_name TEXT, description TEXT, email TEXT, url TEXT);
CREATE TABLE IF NOT EXISTS services (
    id INTEGER PRIMARY KEY, feed TEXT NOT NULL, organization INTEGER NOT NULL,
    hsds_id TEXT, name TEXT NOT NULL, description TEXT, email TEXT, url TEXT,
    languages TEXT, hours TEXT, eligibility TEXT, areas TEXT,
    area_not_given INTEGER NOT NULL, located TEXT, office_of TEXT,
    law_enforcement INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS phones (
    id INTEGER PRIMARY KEY, feed TEXT NOT NULL, service INTEGER, organization INTEGER,
    number TEXT NOT NULL, extension TEXT, type TEXT NOT NULL, digits TEXT,
    description TEXT);
-- One row per need a service serves and place it serves there (a need-and-place with
-- every place column null: the feed gives no area). `rank` is how well the service fits
-- the need (0 best: a trafficking service by its taxonomy terms; see `Fit`). Answers read
-- it by index prefix and rank, so they stop after the few rows they show, whatever the
-- database's size.
-- `words` are the words of the service's name and taxonomy terms (lower case, singular,
-- space-separated), so the question's words choose among the services that fit a need as
-- well; the state index carries them and the locality, so it answers alone.
CREATE TABLE IF NOT EXISTS service_reach (
    feed TEXT NOT NULL, service INTEGER NOT NULL, need TEXT NOT NULL, rank INTEGER NOT NULL,
    state TEXT, locality TEXT, zip TEXT, words TEXT);
CREATE INDEX IF NOT EXISTS reach_by_state
    ON service_reach (need, state, rank, service, locality, words);
CREATE INDEX IF NOT EXISTS reach_by_zip ON service_reach (need, zip, rank, service);
CREATE INDEX IF NOT EXISTS phones_by_digits ON phones (digits);
CREATE INDEX IF NOT EXISTS phones_by_service ON phones (service);
CREATE INDEX IF NOT EXISTS services_by_feed ON services (feed);
";

/// The id prefix of every record made from the database ("local-12" is service 12): no
/// bundled id starts with it (a test checks), so a local service never takes a bundled id.
pub const ID_PREFIX: &str = "local-";

/// A service's taxonomy term as a feed gives it: its code (a 211/AIRS code, or the feed's
/// own id for the term) and its name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    pub code: Option<String>,
    pub name: String,
}

/// One phone of a record, as the feed writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPhone {
    pub number: String,
    pub extension: Option<String>,
    /// The HSDS type: voice, cell, fax, text, textphone, video, pager.
    pub kind: String,
    /// Ten digits when htref can dial it as a U.S. number; none for a number kept only as
    /// written (abroad, an area code that cannot exist, a fax).
    pub digits: Option<String>,
    pub description: Option<String>,
}

/// One service of a feed, with what htref keeps of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalService {
    pub hsds_id: Option<String>,
    pub name: String,
    pub description: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub phones: Vec<LocalPhone>,
    /// Service areas as the feed writes them, and the places htref could read in them.
    pub area_texts: Vec<String>,
    pub areas: Vec<Place>,
    /// The places of its locations (addresses).
    pub locations: Vec<Place>,
    pub languages: Vec<String>,
    pub hours: Option<String>,
    pub eligibility: Option<String>,
    /// Taxonomy terms, which say what the service is before its description does.
    pub taxonomy: Vec<Term>,
    /// Its other name ("WHD" for a district office the feed names by place).
    pub alternate_name: Option<String>,
    /// The needs it serves with how well it fits each ([`Fit`]), best first (filled in by
    /// the import).
    pub needs: Vec<(String, Fit)>,
    /// The bundled office it is a local office of ("whd" for a Wage and Hour district
    /// office), so it is marked as one and whatever keeps that office out of an answer
    /// keeps it out too.
    pub office_of: Option<String>,
    /// Police, a sheriff: kept out of the first rows for a caller who fears the police, and
    /// out of the answer for one the police are used to threaten.
    pub law_enforcement: bool,
}

/// How well a local service fits a need, best first: the rank its row has in the need
/// (`data/taxonomy.ron` gives its terms the first, second and fourth).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
pub enum Fit {
    /// A service for trafficking survivors, by its taxonomy terms.
    Trafficking = 0,
    /// What its taxonomy terms say it does.
    Service = 1,
    /// What its own name says.
    Name = 2,
    /// Whom its terms say it serves.
    Audience = 3,
    /// What its description's words alone say, or the agency it is a local office of.
    Description = 4,
}

/// One organization of a feed, with its services.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalOrganization {
    pub hsds_id: Option<String>,
    pub name: String,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub phones: Vec<LocalPhone>,
    pub locations: Vec<Place>,
    pub services: Vec<LocalService>,
}

/// A feed listed by `data feeds`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Feed {
    pub name: String,
    pub file: String,
    pub imported: String,
    pub organizations: i64,
    pub services: i64,
    pub problems: i64,
    /// Records merged into htref's own bundled ones (the hotline, a federal office).
    pub merged: i64,
    /// The states the feed's own addresses and service areas are in ("FL"),
    /// comma-separated: a service it gives no place for is offered only there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub states: Option<String>,
}

/// A service as an answer shows it.
#[derive(Debug, Clone)]
pub struct ServiceRow {
    pub id: i64,
    pub feed: String,
    pub imported: String,
    pub organization: String,
    pub name: String,
    pub description: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub languages: Option<String>,
    pub hours: Option<String>,
    pub eligibility: Option<String>,
    /// The service areas as the feed writes them.
    pub areas: Option<String>,
    pub area_not_given: bool,
    /// Where its locations are ("Miami, FL 33150"), a few at most.
    pub located: Option<String>,
    /// Its id in its feed.
    pub hsds_id: Option<String>,
    /// The bundled office it is a local office of.
    pub office_of: Option<String>,
    pub law_enforcement: bool,
    /// The states its feed's addresses are in, for a service the feed gives no place.
    pub feed_states: Option<String>,
    pub phones: Vec<LocalPhone>,
    /// The needs it was found for, when it was: a service fits several ("exploited girls"
    /// is child sex trafficking and help for any victim), and is one row for them all.
    pub needs: Vec<String>,
}

pub struct LocalDb {
    conn: Connection,
    pub path: PathBuf,
}

/// What went wrong with the database, in one line naming the file.
fn problem(path: &Path, what: impl std::fmt::Display) -> String {
    format!("the local database {}: {what}", crate::text::path(path))
}

/// Why a database asked for by path cannot be read: there is no such file.
pub fn missing(path: &Path) -> String {
    let shown = crate::text::path(path);
    format!(
        "the local database {shown} does not exist; check the path, or import a feed into it with `htref data import FEED --db {shown}`"
    )
}

/// A `file:` URI for the database, opened as immutable. Characters a URI gives a meaning
/// to (and any byte outside printable ASCII) are escaped.
fn immutable_uri(path: &Path) -> String {
    use std::fmt::Write as _;
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_graphic() && !matches!(b, b'%' | b'?' | b'#') {
            uri.push(char::from(b));
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// The folder a database file is in ("." for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// A failed write, naming what failed: the disk when it is full, the folder when htref
/// cannot write there (`SQLite` writes its journal beside the database), else the database.
pub fn write_problem(path: &Path, e: &rusqlite::Error) -> String {
    let folder = folder_of(path);
    // The folder in full: "the disk holding ." says little.
    let shown = crate::text::path(&std::fs::canonicalize(folder).unwrap_or_else(|_| folder.into()));
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => format!(
            "the disk holding {shown} is full; free space on it, or give --db a path on another disk (the database is unchanged)"
        ),
        Some(
            rusqlite::ErrorCode::ReadOnly
            | rusqlite::ErrorCode::CannotOpen
            | rusqlite::ErrorCode::PermissionDenied
            | rusqlite::ErrorCode::SystemIoFailure,
        ) if !can_write_in(folder) => format!(
            "cannot write in the folder {shown} (the local database {} goes there); give --db a path in a folder you can write",
            crate::text::path(path)
        ),
        // A write the system refused for a folder htref can write in: the disk (full, over
        // a quota or a size limit, or failing).
        Some(rusqlite::ErrorCode::SystemIoFailure) => format!(
            "the disk holding {shown} refused a write ({e}: full, over a quota, or failing); free space on it, or give --db a path on another disk (the database is unchanged)"
        ),
        _ => problem(path, e),
    }
}

/// Whether a file can be made in this folder: tried, since permissions alone do not say
/// it (a read-only mount, a process whose rights are not the file's owner's).
fn can_write_in(folder: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(".htref-probe-")
        .tempfile_in(folder)
        .is_ok()
}

impl LocalDb {
    /// The database for writing (an import, a removal): made with its folder if missing.
    /// Another program's database (one that holds tables but not htref's schema) is
    /// refused before anything is written to it.
    pub fn open_for_writing(path: &Path) -> Result<LocalDb, String> {
        let folder = folder_of(path);
        std::fs::create_dir_all(folder).map_err(|e| {
            format!(
                "cannot make the folder {} for the local database ({e}); give --db a path in a folder you can write",
                crate::text::path(folder)
            )
        })?;
        let conn = Connection::open(path).map_err(|e| write_problem(path, &e))?;
        let db = LocalDb {
            conn,
            path: path.to_path_buf(),
        };
        let version = db.owned_schema()?;
        // Write-ahead logging: an answer reads the last committed feeds while an import
        // writes, and an import that is killed leaves nothing a reader must roll back
        // (a rollback journal left by one made every reader fail until the next import).
        db.conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(|e| write_problem(path, &e))?;
        // With the log, NORMAL loses at most the last import on a power cut, never the file.
        db.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| write_problem(path, &e))?;
        db.conn
            .execute_batch(SCHEMA)
            .map_err(|e| write_problem(path, &e))?;
        match version {
            None => {
                db.conn
                    .execute(
                        "INSERT INTO meta (key, value) VALUES ('schema', ?1)",
                        [SCHEMA_VERSION],
                    )
                    .map_err(|e| write_problem(path, &e))?;
            }
            Some(v) if v == SCHEMA_VERSION => {}
            Some(v) => {
                return Err(problem(
                    path,
                    format!(
                        "schema {v} is not this htref's ({SCHEMA_VERSION}); remove the file and import the feeds again"
                    ),
                ));
            }
        }
        Ok(db)
    }

    /// The schema version of an htref database; `None` for an empty one (a new file); an
    /// error for a file that is not `SQLite`, or another program's database.
    fn owned_schema(&self) -> Result<Option<String>, String> {
        let path = &self.path;
        let tables: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .and_then(|mut stmt| {
                stmt.query_map([], |r| r.get(0))?
                    .collect::<Result<Vec<String>, _>>()
            })
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => problem(
                    path,
                    "is not an SQLite database; give --db a new file's path",
                ),
                _ => write_problem(path, &e),
            })?;
        if tables.is_empty() {
            return Ok(None);
        }
        let version = if tables.iter().any(|t| t == "meta") {
            self.schema_version()?
        } else {
            None
        };
        if version.is_none() {
            let mut names = tables
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if tables.len() > 3 {
                names.push_str(", ...");
            }
            return Err(problem(
                path,
                format!(
                    "is another program's database (its tables: {}), not htref's; nothing was written to it: give --db a new file's path",
                    crate::text::one_line(&names)
                ),
            ));
        }
        Ok(version)
    }

    /// The database for reading; `None` when there is no such file.
    pub fn open_for_reading(path: &Path) -> Result<Option<LocalDb>, String> {
        if std::fs::symlink_metadata(path).is_err() {
            return Ok(None);
        }
        let meta = std::fs::metadata(path).map_err(|e| problem(path, e))?;
        if !meta.is_file() {
            return Err(problem(path, "is not a regular file"));
        }
        if meta.len() == 0 {
            return Err(problem(path, "is empty"));
        }
        let db = match Self::read_only(path, false) {
            Ok(db) => db,
            // In a folder htref cannot write (a read-only mount, another user's folder) the
            // log's index cannot be made beside the file: no import can be running there, so
            // the file is read as it is.
            Err(_) if !can_write_in(folder_of(path)) => {
                Self::read_only(path, true).map_err(|e| problem(path, e))?
            }
            // A rollback journal left by an import that was killed (a database written by
            // an htref before it logged ahead) must be rolled back before anyone reads:
            // opened for writing once, SQLite does that, and the reading starts again.
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => {
                Connection::open(path)
                    .and_then(|conn| {
                        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
                    })
                    .and_then(|()| Self::read_only(path, false))
                    .map_err(|e| problem(path, e))?
            }
            Err(e) => return Err(problem(path, e)),
        };
        match db.schema_version() {
            Ok(Some(v)) if v == SCHEMA_VERSION => Ok(Some(db)),
            Ok(_) => Err(problem(
                path,
                "is not an htref database of this version; remove it and import the feeds again",
            )),
            Err(e) => Err(e),
        }
    }

    /// A read-only connection, asked once for the schema so that a database that needs
    /// recovering says so here. `immutable`: the file is taken as no one changes it, which
    /// needs nothing written beside it.
    fn read_only(path: &Path, immutable: bool) -> rusqlite::Result<LocalDb> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if immutable {
            Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)?
        } else {
            Connection::open_with_flags(path, flags)?
        };
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        Ok(LocalDb {
            conn,
            path: path.to_path_buf(),
        })
    }

    fn schema_version(&self) -> Result<Option<String>, String> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| problem(&self.path, e))
    }

    fn err(&self, e: impl std::fmt::Display) -> String {
        problem(&self.path, e)
    }

    /// Starts replacing a feed's records: nothing is changed until `finish`, and a feed
    /// that fails on the way (dropped unfinished) leaves the database as it was.
    pub fn begin_import(&mut self, feed: &str) -> Result<FeedImport<'_>, String> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| write_problem(&path, &e))?;
        delete_feed(&tx, feed).map_err(|e| write_problem(&path, &e))?;
        Ok(FeedImport {
            tx,
            feed: feed.to_string(),
            path,
            states: std::collections::BTreeSet::new(),
        })
    }

    /// Removes a feed; whether it was there.
    pub fn remove(&mut self, name: &str) -> Result<bool, String> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| write_problem(&path, &e);
        let tx = self.conn.transaction().map_err(err)?;
        let found = delete_feed(&tx, name).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(found)
    }

    pub fn feeds(&self) -> Result<Vec<Feed>, String> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, file, imported, organizations, services, problems, merged, states FROM feeds ORDER BY name")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Feed {
                    name: r.get(0)?,
                    file: r.get(1)?,
                    imported: r.get(2)?,
                    organizations: r.get(3)?,
                    services: r.get(4)?,
                    problems: r.get(5)?,
                    merged: r.get(6)?,
                    states: r.get(7)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Up to `per_need` services for each need, in the needs' order, that serve the place;
    /// a service once. Within a need, services come by how well they fit it (the reach's
    /// rank, [`Fit`]), then by how near they are: at the ZIP, near it (its first three
    /// digits), in the city, in the state; last, a service its feed gives no place for, and
    /// only when the place is in a state the feed's own addresses cover (or the feed gives
    /// no address at all).
    ///
    /// Among services that fit a need as well, those whose own words hold the question's
    /// words for that need come first (`words`: "food" puts a food bank before a
    /// residential program for a survivor who asks for food): its name and taxonomy terms
    /// count more than its description.
    pub fn services_for(
        &self,
        place: &Place,
        needs: &[(&str, Vec<String>)],
        per_need: usize,
    ) -> Result<Vec<ServiceRow>, String> {
        // Each is one index range of service_reach, read in rank order and cut at
        // CANDIDATES, so the database's size does not reach the answer's cost; each
        // candidate comes with how many of the question's words its name and terms hold.
        // Each condition with whether it is read by the ZIP index.
        let by_zip = ("need = ?1 AND zip = ?2", true);
        let near_zip = ("need = ?1 AND zip > ?2 AND zip < ?3", true);
        let in_city = ("need = ?1 AND state = ?2 AND locality = ?3", false);
        let in_state = ("need = ?1 AND state = ?2", false);
        // Rows with no place are few; a feed placed elsewhere is passed over below.
        let anywhere = (
            "need = ?1 AND state IS NULL AND zip IS NULL AND locality IS NULL",
            false,
        );
        let elsewhere = self.feeds_not_in(place.state.as_deref())?;
        // An answer reads scattered index pages: mapped, each is a page of memory rather
        // than a read call (SQLite falls back to reads where it cannot map). Only here: an
        // export reads every page once, and mapped they would all count as its memory.
        self.conn
            .pragma_update(None, "mmap_size", 64_i64 << 20)
            .map_err(|e| self.err(e))?;
        let mut out: Vec<ServiceRow> = Vec::new();
        for (need, words) in needs {
            let words: Vec<String> = words.iter().map(|w| singular(w)).take(MAX_WORDS).collect();
            // (service, rank, strong, nearness): nearness 0 at the ZIP, 1 near it or in the
            // city, 2 in the state, 3 placed nowhere.
            let read = |(place_sql, zip_index): (&str, bool),
                        args: &[&dyn rusqlite::ToSql],
                        near: u8|
             -> Result<Vec<(i64, i64, usize, u8)>, String> {
                let sql = candidates_sql(place_sql, zip_index);
                let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
                let mut rows = stmt.query(args).map_err(|e| self.err(e))?;
                let mut read = Vec::new();
                while let Some(row) = rows.next().map_err(|e| self.err(e))? {
                    let service: i64 = row.get(0).map_err(|e| self.err(e))?;
                    let rank: i64 = row.get(1).map_err(|e| self.err(e))?;
                    let own: rusqlite::types::ValueRef = row.get_ref(2).map_err(|e| self.err(e))?;
                    let strong = held(own.as_str().unwrap_or_default(), &words);
                    read.push((service, rank, strong, near));
                }
                Ok(read)
            };
            let mut found: Vec<(i64, i64, usize, u8)> = Vec::new();
            if let Some(zip) = &place.zip {
                found.extend(read(by_zip, &[need, zip], 0)?);
                if let Some(prefix) = zip.get(..3) {
                    // Every ZIP that starts with the same three digits (a USPS sectional
                    // center: the same city or its neighbours).
                    let low = prefix.to_string();
                    let high = format!("{prefix}\u{10FFFF}");
                    found.extend(read(near_zip, &[need, &low, &high], 1)?);
                }
            }
            // A ZIP's state: the one given with it or by USPS's list, else the one the
            // feed's own addresses at that ZIP or near it give.
            let state = match (&place.state, &place.zip) {
                (Some(state), _) => Some(state.clone()),
                (None, Some(zip)) => self.state_near(need, zip)?,
                (None, None) => None,
            };
            if let Some(state) = &state {
                if let Some(city) = &place.locality {
                    found.extend(read(in_city, &[need, state, city], 1)?);
                }
                found.extend(read(in_state, &[need, state], 2)?);
            }
            // A service its feed gives no place for, only where the feed's places are.
            let elsewhere = if state == place.state {
                elsewhere.clone()
            } else {
                self.feeds_not_in(state.as_deref())?
            };
            for candidate in read(anywhere, &[need], 3)? {
                if elsewhere.is_empty() || !elsewhere.contains(&self.feed_of(candidate.0)?) {
                    found.push(candidate);
                }
            }
            // A service once, at its nearest; the best few by fit, the question's words
            // its name and terms hold and nearness, then its description's words for them.
            found.sort_by_key(|&(service, _, _, near)| (service, near));
            found.dedup_by_key(|&mut (service, _, _, _)| service);
            found.sort_by_key(|&(service, rank, strong, near)| {
                (order(rank, strong, 0, near), service)
            });
            found.truncate(per_need.saturating_mul(4));
            let mut keyed = Vec::with_capacity(found.len());
            for (service, rank, strong, near) in found {
                let weak = if strong == 0 {
                    self.description_holds(service, &words)?
                } else {
                    0
                };
                // A service placed only by its description's words (or a police unit
                // for anything but a report) that holds none of the question's words is
                // too weak a guess to offer.
                if rank >= Fit::Description as i64 && strong + weak == 0 {
                    continue;
                }
                keyed.push((order(rank, strong, weak, near), service));
            }
            keyed.sort_unstable();
            for (_, id) in keyed.into_iter().take(per_need) {
                // A service found for an earlier need stands for this one too, in its
                // row; so it never pushes out a service that fits this need alone.
                if let Some(row) = out.iter_mut().find(|s| s.id == id) {
                    row.needs.push((*need).to_string());
                } else if let Some(mut row) = self.service(id)? {
                    row.needs.push((*need).to_string());
                    out.push(row);
                }
            }
        }
        Ok(out)
    }

    /// The feeds whose own places are all in other states than `state` (every feed with a
    /// place, when the place has no state): their services with no place are not offered.
    fn feeds_not_in(&self, state: Option<&str>) -> Result<Vec<String>, String> {
        Ok(self
            .feeds()?
            .into_iter()
            .filter(|f| {
                f.states
                    .as_deref()
                    .is_some_and(|states| state.is_none_or(|s| !states.split(',').any(|x| x == s)))
            })
            .map(|f| f.name)
            .collect())
    }

    /// The state of the feed's services placed at a ZIP or near it (its first three
    /// digits), for a ZIP no list names the state of.
    fn state_near(&self, need: &str, zip: &str) -> Result<Option<String>, String> {
        let Some(prefix) = zip.get(..3) else {
            return Ok(None);
        };
        self.conn
            .prepare_cached(
                "SELECT state FROM service_reach WHERE need = ?1 AND zip >= ?2 AND zip < ?3
                 AND state IS NOT NULL LIMIT 1",
            )
            .and_then(|mut stmt| {
                stmt.query_row(params![need, prefix, format!("{prefix}\u{10FFFF}")], |r| {
                    r.get(0)
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }

    /// The feed a service came from.
    fn feed_of(&self, service: i64) -> Result<String, String> {
        self.conn
            .prepare_cached("SELECT feed FROM services WHERE id = ?1")
            .and_then(|mut stmt| stmt.query_row([service], |r| r.get(0)))
            .map_err(|e| self.err(e))
    }

    /// How many of `words` (singular, lower case) a service's description holds.
    fn description_holds(&self, service: i64, words: &[String]) -> Result<usize, String> {
        if words.is_empty() {
            return Ok(0);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT coalesce(description, '') FROM services WHERE id = ?1")
            .map_err(|e| self.err(e))?;
        let description: String = stmt
            .query_row([service], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?
            .unwrap_or_default();
        let held: std::collections::HashSet<String> = words_of(&description).collect();
        Ok(words.iter().filter(|w| held.contains(*w)).count())
    }

    /// The service of a local id ("local-12"), as answers name it.
    pub fn service_by_local_id(&self, id: &str) -> Result<Vec<ServiceRow>, String> {
        let number = id
            .strip_prefix(ID_PREFIX)
            .and_then(|n| n.parse::<i64>().ok());
        match number {
            Some(n) => Ok(self.service(n)?.into_iter().collect()),
            None => Ok(Vec::new()),
        }
    }

    /// Every service, in the order they were imported, handed to `each` one at a time
    /// (for `export`): one cursor over the services, so a database of any size is never
    /// whole in memory. Stops at the first error, the database's or `each`'s.
    pub fn each_service<E: From<crate::error::DataError>>(
        &self,
        mut each: impl FnMut(ServiceRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let err = |e: String| E::from(crate::error::DataError(e));
        let mut stmt = self
            .conn
            .prepare(&format!("{SERVICE_COLUMNS} ORDER BY s.id"))
            .map_err(|e| err(self.err(e)))?;
        let mut rows = stmt.query([]).map_err(|e| err(self.err(e)))?;
        while let Some(row) = rows.next().map_err(|e| err(self.err(e)))? {
            let mut service = service_row(row).map_err(|e| err(self.err(e)))?;
            service.phones = self.phones_of(service.id).map_err(err)?;
            each(service)?;
        }
        Ok(())
    }

    /// Services reached at these digits.
    pub fn services_by_digits(&self, digits: &str) -> Result<Vec<ServiceRow>, String> {
        self.services_where(
            "SELECT DISTINCT service FROM phones WHERE digits = ?1 AND service IS NOT NULL LIMIT 20",
            &[&digits],
        )
    }

    /// Services whose own or organization's name contains this text (any case).
    pub fn services_named(&self, part: &str) -> Result<Vec<ServiceRow>, String> {
        self.services_where(
            &format!("SELECT s.id {NAMED} LIMIT 20"),
            &[&like_pattern(part)],
        )
    }

    /// How many services have `part` in their own or their organization's name: all of
    /// them, where [`LocalDb::services_named`] returns the first 20.
    pub fn count_services_named(&self, part: &str) -> Result<usize, String> {
        let n: i64 = self
            .conn
            .query_row(
                &format!("SELECT COUNT(*) {NAMED}"),
                [&like_pattern(part)],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The services whose ids a query selects, in its order.
    fn services_where(
        &self,
        sql: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<ServiceRow>, String> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let ids: Vec<i64> = stmt
            .query_map(args, |r| r.get(0))
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for id in ids {
            out.extend(self.service(id)?);
        }
        Ok(out)
    }

    fn service(&self, id: i64) -> Result<Option<ServiceRow>, String> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SERVICE_COLUMNS} WHERE s.id = ?1"))
            .map_err(|e| self.err(e))?;
        let row = stmt
            .query_row([id], service_row)
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(mut row) = row else {
            return Ok(None);
        };
        row.phones = self.phones_of(id)?;
        Ok(Some(row))
    }

    fn phones_of(&self, service: i64) -> Result<Vec<LocalPhone>, String> {
        let mut phones = self
            .conn
            .prepare_cached(
                "SELECT number, extension, type, digits, description FROM phones
                 WHERE service = ?1 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        phones
            .query_map([service], |r| {
                Ok(LocalPhone {
                    number: r.get(0)?,
                    extension: r.get(1)?,
                    kind: r.get(2)?,
                    digits: r.get(3)?,
                    description: r.get(4)?,
                })
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))
    }
}

/// The services with a name part in their own or their organization's name (`?1` is
/// [`like_pattern`]'s), after what a query selects.
const NAMED: &str = "FROM services s JOIN organizations o ON o.id = s.organization
    WHERE s.name LIKE ?1 ESCAPE '\\' OR o.name LIKE ?1 ESCAPE '\\'";

/// A LIKE pattern for text that contains `part`, its own `%`, `_` and `\` taken literally.
fn like_pattern(part: &str) -> String {
    format!(
        "%{}%",
        part.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// What a service row is read from, before its `WHERE` or `ORDER BY`.
const SERVICE_COLUMNS: &str = "SELECT s.id, s.feed, f.imported, o.name, s.name, s.description,
    s.email, s.url, s.languages, s.hours, s.eligibility, s.area_not_given, s.areas,
    s.located, s.hsds_id, s.office_of, s.law_enforcement, f.states
    FROM services s JOIN organizations o ON o.id = s.organization
    JOIN feeds f ON f.name = s.feed";

/// A service as [`SERVICE_COLUMNS`] reads it, without its phones yet.
fn service_row(r: &rusqlite::Row) -> rusqlite::Result<ServiceRow> {
    Ok(ServiceRow {
        id: r.get(0)?,
        feed: r.get(1)?,
        imported: r.get(2)?,
        organization: r.get(3)?,
        name: r.get(4)?,
        description: r.get(5)?,
        email: r.get(6)?,
        url: r.get(7)?,
        languages: r.get(8)?,
        hours: r.get(9)?,
        eligibility: r.get(10)?,
        area_not_given: r.get(11)?,
        areas: r.get(12)?,
        located: r.get(13)?,
        hsds_id: r.get(14)?,
        office_of: r.get(15)?,
        law_enforcement: r.get(16)?,
        feed_states: r.get(17)?,
        phones: Vec::new(),
        needs: Vec::new(),
    })
}

/// One feed's import in progress: records are written as they are read, in one
/// transaction, so memory stays bounded by a record, not the feed.
pub struct FeedImport<'c> {
    tx: rusqlite::Transaction<'c>,
    feed: String,
    path: PathBuf,
    /// The states of the feed's own addresses, as they are written.
    states: std::collections::BTreeSet<String>,
}

const INSERT_ORGANIZATION: &str = "INSERT INTO organizations (feed, hsds_id, name, alternate_name, description, email, url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const INSERT_SERVICE: &str = "INSERT INTO services (feed, organization, hsds_id, name, description, email, url, languages, hours, eligibility, areas, area_not_given, located, office_of, law_enforcement) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
const INSERT_PHONE: &str = "INSERT INTO phones (feed, service, organization, number, extension, type, digits, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const INSERT_REACH: &str = "INSERT INTO service_reach (feed, service, need, rank, state, locality, zip, words) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

impl FeedImport<'_> {
    /// Writes one organization with its services.
    pub fn add(&mut self, org: &LocalOrganization) -> Result<(), String> {
        self.organization(org)
            .map_err(|e| write_problem(&self.path, &e))
    }

    /// Records the feed and commits: only now does the database change.
    pub fn finish(self, feed: &Feed) -> Result<(), String> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| write_problem(&path, &e);
        self.tx
            .execute(
                "INSERT INTO feeds (name, file, imported, organizations, services, problems, merged, states) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    feed.name,
                    feed.file,
                    feed.imported,
                    feed.organizations,
                    feed.services,
                    feed.problems,
                    feed.merged,
                    (!self.states.is_empty())
                        .then(|| self.states.iter().cloned().collect::<Vec<_>>().join(","))
                ],
            )
            .map_err(err)?;
        self.tx.commit().map_err(err)
    }

    fn phones(
        &self,
        phones: &[LocalPhone],
        service: Option<i64>,
        organization: i64,
    ) -> rusqlite::Result<()> {
        let mut insert = self.tx.prepare_cached(INSERT_PHONE)?;
        for phone in phones {
            insert.execute(params![
                self.feed,
                service,
                organization,
                phone.number,
                phone.extension,
                phone.kind,
                phone.digits,
                phone.description
            ])?;
        }
        Ok(())
    }

    fn organization(&mut self, org: &LocalOrganization) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(INSERT_ORGANIZATION)?
            .execute(params![
                self.feed,
                org.hsds_id,
                org.name,
                org.alternate_name,
                org.description,
                org.email,
                org.url
            ])?;
        let org_id = self.tx.last_insert_rowid();
        self.phones(&org.phones, None, org_id)?;
        // A service with neither areas nor locations takes the areas of its
        // organization's other services, else the organization's locations.
        let sibling_areas: Vec<&Place> = org.services.iter().flat_map(|s| s.areas.iter()).collect();
        for service in &org.services {
            let places: Vec<&Place> = if !service.areas.is_empty() || !service.locations.is_empty()
            {
                service.areas.iter().chain(&service.locations).collect()
            } else if !sibling_areas.is_empty() {
                sibling_areas.clone()
            } else {
                org.locations.iter().collect()
            };
            let area_not_given = places.is_empty() && service.area_texts.is_empty();
            // The feed's own places, its addresses and its service areas.
            self.states.extend(
                service
                    .locations
                    .iter()
                    .chain(&service.areas)
                    .chain(&org.locations)
                    .filter_map(|p| p.state.clone()),
            );
            let located = located(&service.locations);
            self.tx.prepare_cached(INSERT_SERVICE)?.execute(params![
                self.feed,
                org_id,
                service.hsds_id,
                service.name,
                service.description,
                service.email.as_ref().or(org.email.as_ref()),
                service.url.as_ref().or(org.url.as_ref()),
                (!service.languages.is_empty()).then(|| service.languages.join(", ")),
                service.hours,
                service.eligibility,
                (!service.area_texts.is_empty()).then(|| service.area_texts.join("; ")),
                area_not_given,
                located,
                service.office_of,
                service.law_enforcement
            ])?;
            let service_id = self.tx.last_insert_rowid();
            self.phones(&service.phones, Some(service_id), org_id)?;
            let mut own_words: Vec<String> = std::iter::once(service.name.as_str())
                .chain(service.alternate_name.as_deref())
                .chain(service.taxonomy.iter().map(|t| t.name.as_str()))
                .flat_map(words_of)
                .collect();
            own_words.sort_unstable();
            own_words.dedup();
            own_words.truncate(MAX_OWN_WORDS);
            let own_words = own_words.join(" ");
            let mut reach_insert = self.tx.prepare_cached(INSERT_REACH)?;
            let nowhere = Place::default();
            let reach: Vec<&Place> = if area_not_given {
                vec![&nowhere]
            } else {
                places
            };
            for (need, fit) in &service.needs {
                for place in &reach {
                    reach_insert.execute(params![
                        self.feed,
                        service_id,
                        need,
                        *fit as i64,
                        place.state,
                        place.locality,
                        place.zip,
                        own_words
                    ])?;
                }
            }
        }
        Ok(())
    }
}

/// A word and its plural as one ("shelters", "shelter"): a plain English "s" taken off a
/// word of five letters or more that does not end in "ss".
fn singular(word: &str) -> String {
    if word.len() >= 5 && word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// Where a service's locations are, as a reader names them: "Miami, FL 33150", three at
/// most.
fn located(places: &[Place]) -> Option<String> {
    let mut named: Vec<String> = Vec::new();
    for place in places {
        let city_state = match (&place.locality, &place.state) {
            (Some(city), Some(state)) => format!("{}, {state}", title_case(city)),
            (Some(city), None) => title_case(city),
            (None, Some(state)) => state.clone(),
            (None, None) => String::new(),
        };
        let text = match &place.zip {
            Some(zip) if city_state.is_empty() => zip.clone(),
            Some(zip) => format!("{city_state} {zip}"),
            None => city_state,
        };
        if !text.is_empty() && !named.contains(&text) {
            named.push(text);
        }
    }
    let more = named.len().saturating_sub(3);
    named.truncate(3);
    if more > 0 {
        named.push(format!("{more} more"));
    }
    (!named.is_empty()).then(|| named.join("; "))
}

/// A place name as a reader writes it ("MIAMI GARDENS" or "miami gardens" -> "Miami
/// Gardens"); a name already in mixed case is kept.
fn title_case(name: &str) -> String {
    if name.chars().any(char::is_uppercase) && name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn delete_feed(tx: &rusqlite::Transaction, name: &str) -> rusqlite::Result<bool> {
    for table in ["service_reach", "phones", "services", "organizations"] {
        tx.execute(&format!("DELETE FROM {table} WHERE feed = ?1"), [name])?;
    }
    Ok(tx.execute("DELETE FROM feeds WHERE name = ?1", [name])? > 0)
}

/// Where the database is: `--db`, else `HTREF_DB`, else `$XDG_DATA_HOME/htref/local.db`;
/// the flag says whether it was asked for (a database asked for that cannot be read is an
/// error, the default one only a warning).
pub fn location(flag: Option<&Path>) -> Option<(PathBuf, bool)> {
    if let Some(path) = flag {
        return Some((path.to_path_buf(), true));
    }
    if let Some(path) = std::env::var_os("HTREF_DB").filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    Some((dirs::data_dir()?.join("htref").join("local.db"), false))
}
