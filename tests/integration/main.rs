//! Integration tests: the built binary driven as a user would, plus checks over the
//! bundled data through the library.

/// The reading of a caller's situation: ages, documents, fears, threats, Spanish, dead ends.
mod reading;
/// The test harness: a command with a clean environment.
mod util;

/// Answers fit for the asker: roles, conflicts, staleness, dial-ready numbers, handouts.
mod answers;
/// Each command's behaviour in table and plain output.
mod commands;
/// The bundled dataset: well-formed numbers, resolving references, every need leads somewhere.
mod data;
/// The local database: importing HSDS feeds, feeds and removal, services by place.
mod database;
/// Every example in the README and in `--help` runs as written.
mod docs;
/// Exit codes, bad input of every kind, closed pipes, color.
mod edges;
/// The evaluation sets in tests/eval and ../shared/eval, scored like score.py.
mod eval;
/// Real feed forms: HSDS 1.x tabular packages, a datapackage.json as the feed, JSON that is
/// no feed; the Miami Open211 package in ../shared/feeds (ignored).
mod feeds;
/// Answers at a glance: one screen on an 80x24 terminal, golden outputs, --long complete.
mod glance;
/// The client's sheet and the case note: one page, links, no enforcement tip lines on a
/// victim's sheet, the client's language; page counts in headless Chromium (ignored).
mod handouts;
/// Hostile arguments and overlays, and text that tries to drive the terminal.
mod hostile;
/// Importing feeds at their edges: too large for an overlay, hidden characters, a package's
/// broken rows, another program's database, an import killed, a full disk, a closed folder.
mod import;
/// The JSON schema: every command's output deserializes into strict mirror types.
mod json_schema;
/// Local overlays, data check and template, export, completions and the man page.
mod local;
/// Property tests over the phone parser and the matcher.
mod properties;
/// Nothing local hides the hotline: broken default files, bad variables, a pager that
/// reads nothing, and property tests over each.
mod reliability;
/// The advocate's review: the ordering policy's safety rules, and each defect it found.
mod review;
/// A Spanish answer is wholly Spanish, outside names and the caller's own words.
mod spanish;
