//! Output: a small document model that commands fill in, printed as a table for people
//! at a terminal or as plain text for pipes and screen readers; JSON has its own wire
//! types in [`json`].

mod html;
pub mod json;
mod markdown;
mod plain;

mod table;

use std::io::{self, Write};

pub use crate::text::{clip, is_unsafe_in_text, one_line, path, sanitize};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Plain,
    Json,
    /// A referral sheet to paste into a case note.
    Markdown,
    /// A self-contained, printable referral sheet.
    Html,
}

impl Format {
    /// Whether the answer is a sheet for paper or a case note, which never shows command
    /// lines ("--all shows every one").
    pub fn is_paper(self) -> bool {
        matches!(self, Format::Markdown | Format::Html)
    }
}

/// Resolved once at start-up and passed down as plain values.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub format: Format,
    pub color: bool,
    /// Numbers written digit by digit with pauses, for screen readers.
    pub spoken_digits: bool,
    /// Columns a table may take (the terminal's, `COLUMNS`, or 80).
    pub width: usize,
    /// Everything (`--long`) rather than the one-screen default.
    pub long: bool,
    /// The answer's language as `--lang` gave it; `None` leaves it to the question.
    pub lang_flag: Option<crate::matching::reading::Lang>,
    /// The language `LANG` names (`es_*` is Spanish), after `--lang` and the question.
    pub lang_env: crate::matching::reading::Lang,
    /// JSON indented for a person on a terminal; one line for a program in a pipe, which
    /// reads the same document without the spaces (a third less to write and to parse).
    pub json_pretty: bool,
}

/// A labelled value inside a record; `column` places it in table mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub column: usize,
    pub label: Option<String>,
    pub value: String,
    /// The contact the value starts with, which HTML makes a link. Nothing else in a
    /// document ever becomes one: a number or address inside a name, a description or a
    /// feed's hours is text, so an imported record cannot put a forged line on a sheet.
    pub link: Option<Link>,
}

/// A contact's own number or address, as a field's value starts with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The text the value starts with: the number in its dial form, or the https address.
    pub text: String,
    /// `tel:+1...` or the https address.
    pub href: String,
    pub kind: LinkKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Tel,
    Web,
}

impl Link {
    /// A full U.S. number, shown as `shown`; none for a short code or a number htref
    /// cannot dial, which stays text.
    pub fn tel(shown: &str, digits: &str) -> Option<Link> {
        (digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| Link {
            text: shown.to_string(),
            href: crate::phone::tel_uri(digits),
            kind: LinkKind::Tel,
        })
    }

    /// An https address (every web contact's is: the data's checks and the import see to it).
    pub fn web(url: &str) -> Option<Link> {
        url.starts_with("https://").then(|| Link {
            text: url.to_string(),
            href: url.to_string(),
            kind: LinkKind::Web,
        })
    }
}

impl Field {
    pub fn new(column: usize, label: &str, value: impl Into<String>) -> Field {
        Field {
            column,
            label: Some(label.to_string()),
            value: value.into(),
            link: None,
        }
    }

    pub fn bare(column: usize, value: impl Into<String>) -> Field {
        Field {
            column,
            label: None,
            value: value.into(),
            link: None,
        }
    }

    /// The same field, its value led by this contact's number or address.
    #[must_use]
    pub fn linked(mut self, link: Option<Link>) -> Field {
        self.link = link.filter(|l| self.value.starts_with(&l.text));
        self
    }
}

/// One row of a table, or one titled group of lines in plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub title: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Safety guidance shown before anything else (the 911 line).
    Alert(String),
    Heading(String),
    Text(String),
    /// Label and value pairs.
    Fields(Vec<(String, String)>),
    /// Records under column headers; `headers[0]` titles the record.
    Records {
        headers: Vec<String>,
        records: Vec<Record>,
    },
    /// An answer at a glance: one row per item, each cell cut to two lines of a table
    /// that fits the terminal; in plain text, two lines per row.
    Rows {
        headers: Vec<String>,
        rows: Vec<Row>,
    },
}

/// One row of a glance table; `cells[0]` names the item. On a terminal each cell is cut
/// to two lines but the `whole` one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<String>,
    /// The cell never cut, by index: the way to reach an office, whose numbers, TTY and
    /// text lines and markers ("only for attorneys", "verify: 2020 source") each decide
    /// whether and how to call; a row a line taller costs less than a marker cut.
    pub whole: Option<usize>,
}

impl Row {
    /// A row whose every cell may be cut to fit.
    pub fn new(cells: Vec<String>) -> Row {
        Row { cells, whole: None }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// The sheet's title in Markdown and HTML ("Who handles: labor"); not printed otherwise.
    pub title: Option<String>,
    /// The language of the document's own words ("es"); `None` is English.
    pub language: Option<&'static str>,
    pub blocks: Vec<Block>,
}

impl Doc {
    /// The same document with every piece of text rewritten.
    #[must_use]
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> Doc {
        let fields =
            |fields: &[(String, String)]| fields.iter().map(|(l, v)| (f(l), f(v))).collect();
        Doc {
            title: self.title.as_deref().map(&f),
            language: self.language,
            blocks: self
                .blocks
                .iter()
                .map(|block| match block {
                    Block::Alert(t) => Block::Alert(f(t)),
                    Block::Heading(t) => Block::Heading(f(t)),
                    Block::Text(t) => Block::Text(f(t)),
                    Block::Fields(list) => Block::Fields(fields(list)),
                    Block::Rows { headers, rows } => Block::Rows {
                        headers: headers.clone(),
                        rows: rows
                            .iter()
                            .map(|r| Row {
                                cells: r.cells.iter().map(|c| f(c)).collect(),
                                whole: r.whole,
                            })
                            .collect(),
                    },
                    Block::Records { headers, records } => Block::Records {
                        headers: headers.clone(),
                        records: records
                            .iter()
                            .map(|r| Record {
                                title: f(&r.title),
                                fields: r
                                    .fields
                                    .iter()
                                    .map(|field| Field {
                                        column: field.column,
                                        label: field.label.clone(),
                                        value: f(&field.value),
                                        // Rewritten alike (spoken digits), so the value
                                        // still starts with it; HTML checks.
                                        link: field.link.as_ref().map(|l| Link {
                                            text: f(&l.text),
                                            ..l.clone()
                                        }),
                                    })
                                    .collect(),
                            })
                            .collect(),
                    },
                })
                .collect(),
        }
    }

    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    pub fn alert(&mut self, text: impl Into<String>) {
        self.push(Block::Alert(text.into()));
    }

    pub fn heading(&mut self, text: impl Into<String>) {
        self.push(Block::Heading(text.into()));
    }

    pub fn text(&mut self, text: impl Into<String>) {
        self.push(Block::Text(text.into()));
    }
}

impl Style {
    /// The one-screen view: neither `--long` nor a sheet for paper.
    pub fn at_a_glance(&self) -> bool {
        !self.long && !self.format.is_paper()
    }

    /// Whether the answer may name command lines ("--all shows every one"): never on paper.
    pub fn shows_hints(&self) -> bool {
        !self.format.is_paper()
    }
}

/// Prints a document in the text format the style asks for.
pub fn write_doc(doc: &Doc, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let spoken;
    let doc = if style.spoken_digits {
        // "24/7" after a number is heard as more digits: it is said in words.
        let round_the_clock = match doc.language {
            Some("es") => "24 horas, los 7 días de la semana",
            _ => "24 hours, 7 days a week",
        };
        // After a number a comma keeps the hours apart from its digits.
        let after_a_number = format!(", {round_the_clock}");
        spoken = doc.map_text(|text| {
            let words = text
                .replace(" 24/7", &after_a_number)
                .replace("24/7", round_the_clock);
            crate::phone::speak_numbers_in(&words)
        });
        &spoken
    } else {
        doc
    };
    match style.format {
        Format::Table => table::write(doc, style.color, style.width, out),
        Format::Plain | Format::Json => plain::write(doc, style.color, out),
        Format::Markdown => markdown::write(doc, out),
        Format::Html => html::write(doc, out),
    }
}

/// The line a printed sheet ends with: when and by what it was made.
fn generated_line(language: Option<&str>) -> String {
    let (made, data) = match language {
        Some("es") => ("Hecho el", "datos al"),
        _ => ("Generated", "data as of"),
    };
    let by = if language == Some("es") { "con" } else { "by" };
    format!(
        "{made} {} {by} htref {} ({data} {}).",
        crate::clock::today(),
        env!("CARGO_PKG_VERSION"),
        env!("HTREF_DATA_AS_OF")
    )
}

/// Prints the blocks that read the same in every text format: alert, heading, text;
/// wrapped to `width` when one is given (tables), left whole otherwise (plain text, which
/// a screen reader or a pipe takes line by line).
fn write_line(
    block: &Block,
    color: bool,
    width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (text, style) = match block {
        Block::Alert(text) => (text, Some(alert_style())),
        Block::Heading(text) => (text, Some(heading_style())),
        Block::Text(text) => (text, None),
        Block::Fields(_) | Block::Records { .. } | Block::Rows { .. } => return Ok(()),
    };
    let clean = sanitize(text);
    let lines: Vec<std::borrow::Cow<str>> = match width {
        Some(width) => clean
            .lines()
            .flat_map(|line| {
                // A word wider than the screen (a number, an address) runs over
                // rather than splits.
                let options = textwrap::Options::new(width.max(1))
                    .word_splitter(textwrap::WordSplitter::NoHyphenation)
                    .break_words(false);
                textwrap::wrap(line, options)
            })
            .collect(),
        None => vec![clean],
    };
    for line in lines {
        match style {
            Some(style) => writeln!(out, "{}", paint(&line, style, color))?,
            None => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}

/// Whether a block is one or more lines of text (no table), so text blocks can follow one
/// another without blank lines between them.
fn is_line(block: &Block) -> bool {
    matches!(block, Block::Alert(_) | Block::Heading(_) | Block::Text(_))
}

/// ANSI styling for the few things worth coloring, only when color is on.
fn paint(text: &str, style: anstyle::Style, color: bool) -> String {
    if color {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

fn alert_style() -> anstyle::Style {
    anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()))
}

fn heading_style() -> anstyle::Style {
    anstyle::Style::new().bold()
}
