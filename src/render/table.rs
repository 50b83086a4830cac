//! Tables for people at a terminal (comfy-table), sized to the terminal's width.

use super::{Block, Doc, sanitize, write_line};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, ContentArrangement, Table};
use std::io::{self, Write};

pub fn write(doc: &Doc, color: bool, out: &mut dyn Write) -> io::Result<()> {
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match block {
            Block::Alert(_) | Block::Heading(_) | Block::Text(_) => write_line(block, color, out)?,
            Block::Fields(fields) => {
                let mut table = new_table(color);
                for (label, value) in fields {
                    table.add_row(vec![header_cell(label, color), Cell::new(sanitize(value))]);
                }
                writeln!(out, "{table}")?;
            }
            Block::Records { headers, records } => {
                let mut table = new_table(color);
                table.set_header(headers.iter().map(|h| header_cell(h, color)));
                for record in records {
                    let mut cells = vec![String::new(); headers.len().max(1)];
                    cells[0] = sanitize(&record.title).into_owned();
                    for field in &record.fields {
                        let column = field.column.min(cells.len() - 1);
                        let line = match &field.label {
                            Some(label) => format!("{label}: {}", field.value),
                            None => field.value.clone(),
                        };
                        let cell = &mut cells[column];
                        if !cell.is_empty() {
                            cell.push('\n');
                        }
                        cell.push_str(&sanitize(&line));
                    }
                    table.add_row(cells);
                }
                writeln!(out, "{table}")?;
            }
        }
    }
    Ok(())
}

fn new_table(color: bool) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if color {
        // Asked for color (perhaps with --color always into a pipe): style regardless.
        table.enforce_styling();
    }
    table
}

fn header_cell(text: &str, color: bool) -> Cell {
    let cell = Cell::new(sanitize(text));
    if color {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}
