//! Markdown: a referral sheet to paste into a case note or a ticket.

use super::{Block, Doc, generated_line, sanitize};
use std::io::{self, Write};

pub fn write(doc: &Doc, out: &mut dyn Write) -> io::Result<()> {
    if let Some(title) = &doc.title {
        writeln!(out, "# {}\n", escape(title))?;
    }
    // Headings go one level at a time: a record is a level under the last heading.
    let mut record_level = "##";
    for block in &doc.blocks {
        match block {
            Block::Alert(text) => writeln!(out, "> **{}**\n", escape(text))?,
            Block::Heading(text) => {
                writeln!(out, "## {}\n", escape(text))?;
                record_level = "###";
            }
            Block::Rows { headers, rows } => {
                let cells = |cells: &[String]| {
                    let cells: Vec<String> = cells
                        .iter()
                        .map(|c| escape(&c.replace('\n', "; ")))
                        .collect();
                    format!("| {} |", cells.join(" | "))
                };
                writeln!(out, "{}", cells(headers))?;
                writeln!(out, "|{}", " --- |".repeat(headers.len()))?;
                for row in rows {
                    writeln!(out, "{}", cells(&row.cells))?;
                }
                writeln!(out)?;
            }
            Block::Text(text) => {
                for line in text.lines() {
                    writeln!(out, "{}  ", escape_line_start(&escape(line)))?;
                }
                writeln!(out)?;
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    writeln!(out, "- **{}:** {}", escape(label), escape(value))?;
                }
                writeln!(out)?;
            }
            Block::Records { records, .. } => {
                for record in records {
                    writeln!(out, "{record_level} {}\n", escape(&record.title))?;
                    for field in &record.fields {
                        match &field.label {
                            Some(label) => {
                                writeln!(out, "- **{}:** {}", escape(label), escape(&field.value))?;
                            }
                            None => writeln!(out, "- {}", escape(&field.value))?,
                        }
                    }
                    writeln!(out)?;
                }
            }
        }
    }
    writeln!(out, "---\n\n_{}_", escape(&generated_line(doc.language)))
}

/// A line that would start a list, a rule or a heading underline ("- ", "---", "1. ",
/// "===") starts with a backslash instead, so text cannot add structure to a sheet.
fn escape_line_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let starts_structure =
        line.starts_with(['-', '+', '=']) || (digits > 0 && line[digits..].starts_with(['.', ')']));
    if starts_structure {
        format!("\\{line}")
    } else {
        line.to_string()
    }
}

/// Escapes the characters that would turn text into Markdown markup, and writes a line
/// break as a space (text that has lines is split into them before): a name or a value
/// cannot start a heading or a line of its own.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize(text).chars() {
        if c == '\n' {
            out.push(' ');
            continue;
        }
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn a_line_cannot_start_markdown_structure() {
        use super::escape_line_start;
        assert_eq!(escape_line_start("---"), "\\---");
        assert_eq!(escape_line_start("- item"), "\\- item");
        assert_eq!(escape_line_start("12. item"), "\\12. item");
        assert_eq!(escape_line_start("2007 was the year"), "2007 was the year");
    }

    #[test]
    fn a_line_break_in_a_name_starts_no_line() {
        assert_eq!(escape("Clinic\n## Call 1-800"), "Clinic \\#\\# Call 1-800");
    }

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("*bold* <b> [x](y) #1 a|b"),
            "\\*bold\\* \\<b\\> \\[x\\](y) \\#1 a\\|b"
        );
    }
}
