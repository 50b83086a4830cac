//! Plain text: no box drawing, one fact per line, labels before values, so it reads well
//! in a screen reader and greps well.

use super::{Block, Doc, heading_style, is_line, paint, sanitize, write_line};
use std::io::{self, Write};

pub fn write(doc: &Doc, color: bool, out: &mut dyn Write) -> io::Result<()> {
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 && !(is_line(block) && is_line(&doc.blocks[i - 1])) {
            writeln!(out)?;
        }
        match block {
            Block::Alert(_) | Block::Heading(_) | Block::Text(_) => {
                write_line(block, color, None, out)?;
            }
            // Two lines a row: the item and how to reach it, then why, indented.
            Block::Rows { rows, .. } => {
                for row in rows {
                    let mut cells = row.cells.iter().map(|c| sanitize(c).replace('\n', "; "));
                    // The office's name in bold when color is on (a terminal, or asked for
                    // with --color always): the eye finds the rows.
                    let title = paint(&cells.next().unwrap_or_default(), heading_style(), color);
                    match cells.next() {
                        Some(reach) if !reach.is_empty() => writeln!(out, "{title}: {reach}")?,
                        _ => writeln!(out, "{title}")?,
                    }
                    for rest in cells.filter(|c| !c.is_empty()) {
                        writeln!(out, "   {rest}")?;
                    }
                }
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    write_labelled(out, "", Some(label), value)?;
                }
            }
            Block::Records { records, .. } => {
                for (n, record) in records.iter().enumerate() {
                    if n > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "{}", sanitize(&record.title))?;
                    for field in &record.fields {
                        write_labelled(out, "  ", field.label.as_deref(), &field.value)?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// One line per line of the value, each carrying the label, so no line reads out of context.
fn write_labelled(
    out: &mut dyn Write,
    indent: &str,
    label: Option<&str>,
    value: &str,
) -> io::Result<()> {
    for line in value.lines().filter(|l| !l.trim().is_empty()) {
        match label {
            Some(label) => writeln!(out, "{indent}{}: {}", sanitize(label), sanitize(line))?,
            None => writeln!(out, "{indent}{}", sanitize(line))?,
        }
    }
    Ok(())
}
