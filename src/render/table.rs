//! Tables for people at a terminal (comfy-table), sized to the terminal's width.

use super::{Block, Doc, Row, is_line, sanitize, write_line};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, ContentArrangement, Table};
use std::io::{self, Write};
use textwrap::core::display_width;

/// How many lines a cell of a glance table may take.
const CELL_LINES: usize = 2;
/// Below this many columns per cell a glance table cannot be read; its rows print as
/// wrapped lines instead.
const MIN_CELL: usize = 12;

pub fn write(doc: &Doc, color: bool, width: usize, out: &mut dyn Write) -> io::Result<()> {
    for (i, block) in doc.blocks.iter().enumerate() {
        // Lines of text follow each other; a table stands apart.
        if i > 0 && !(is_line(block) && is_line(&doc.blocks[i - 1])) {
            writeln!(out)?;
        }
        match block {
            Block::Alert(_) | Block::Heading(_) | Block::Text(_) => {
                write_line(block, color, Some(width), out)?;
            }
            Block::Fields(fields) => {
                let rows: Vec<Vec<String>> = fields
                    .iter()
                    .map(|(label, value)| {
                        vec![sanitize(label).into_owned(), sanitize(value).into_owned()]
                    })
                    .collect();
                write_records(&[], &rows, color, width, out)?;
            }
            Block::Records { headers, records } => {
                let mut rows = Vec::new();
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
                    rows.push(cells);
                }
                write_records(headers, &rows, color, width, out)?;
            }
            Block::Rows { headers, rows } => write_rows(headers, rows, color, width, out)?,
        }
    }
    Ok(())
}

/// Full records under their headers, each column at least as wide as its longest word (a
/// web address, a number), so none is broken inside; when the columns cannot all hold
/// theirs, the records print as wrapped lines, where such a word takes a line of its own.
fn write_records(
    headers: &[String],
    rows: &[Vec<String>],
    color: bool,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let titled = !headers.is_empty();
    let headers: Vec<String> = if titled {
        headers.to_vec()
    } else {
        vec![String::new(); rows.first().map_or(1, Vec::len)]
    };
    let longest = longest_words(&headers, rows);
    let room = width.saturating_sub(3 * headers.len() + 1);
    if longest.iter().sum::<usize>() > room {
        return write_as_lines(rows, width, true, out);
    }
    let mut table = new_table(color, width);
    if titled {
        table.set_header(headers.iter().map(|h| header_cell(h, color)));
    }
    for row in rows {
        // Label and value pairs: the label stands out as a header would.
        table.add_row(row.iter().enumerate().map(|(i, cell)| {
            if !titled && i == 0 {
                header_cell(cell, color)
            } else {
                Cell::new(cell)
            }
        }));
    }
    for (i, &w) in longest.iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(
                comfy_table::Width::Fixed(u16::try_from(w).unwrap_or(u16::MAX)),
            ));
        }
    }
    writeln!(out, "{table}")
}

/// A glance table: every cell wrapped to its column and cut to `CELL_LINES` lines but a
/// row's `whole` one (the way to reach an office), so the table never exceeds the width.
fn write_rows(
    headers: &[String],
    rows: &[Row],
    color: bool,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let columns = headers.len().max(1);
    // "│ a │ b │ c │": one border and two spaces of padding per column, one border more.
    let room = width.saturating_sub(3 * columns + 1);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.cells.iter().map(|c| sanitize(c).into_owned()).collect())
        .collect();
    let longest = longest_words(headers, &cells);
    let widths = column_widths(headers, &cells, room, &longest);
    // A table whose columns cannot hold a word whole (a web address) gives way to lines.
    let words_fit = longest
        .iter()
        .zip(&widths)
        .all(|(longest, width)| longest <= width);
    if room < MIN_CELL * columns || !words_fit {
        return write_as_lines(&cells, width, false, out);
    }
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    if color {
        table.enforce_styling();
    }
    table.set_header(
        headers
            .iter()
            .zip(&widths)
            .map(|(h, &w)| header_cell(&clip_lines(h, w, 1), color)),
    );
    for (row, whole) in cells.iter().zip(rows.iter().map(|r| r.whole)) {
        table.add_row(widths.iter().enumerate().map(|(i, &w)| {
            let max = if whole == Some(i) {
                usize::MAX
            } else {
                CELL_LINES
            };
            clip_lines(row.get(i).map_or("", String::as_str), w, max)
        }));
    }
    writeln!(out, "{table}")
}

/// Each column's width within `room`: no wider than its widest line; the last column takes
/// what the others leave, and what it cannot use goes back to them; then each column is
/// widened to its `longest` whole word where the others can spare the room.
fn column_widths(
    headers: &[String],
    rows: &[Vec<String>],
    room: usize,
    longest: &[usize],
) -> Vec<usize> {
    let columns = headers.len();
    let natural: Vec<usize> = (0..columns)
        .map(|i| {
            let widest_cell = rows
                .iter()
                .filter_map(|r| r.get(i))
                .flat_map(|c| c.lines())
                .map(display_width)
                .max()
                .unwrap_or(0);
            widest_cell.max(display_width(&headers[i])).max(1)
        })
        .collect();
    // The first columns (office, how to reach) get a fair share each; the last (why) the rest.
    let share = room * 7 / (10 * columns.saturating_sub(1).max(1)).max(1);
    let mut widths: Vec<usize> = natural
        .iter()
        .take(columns - 1)
        .map(|&n| n.min(share))
        .collect();
    let used: usize = widths.iter().sum();
    let mut last = room.saturating_sub(used);
    if last > natural[columns - 1] {
        let mut spare = last - natural[columns - 1];
        last = natural[columns - 1];
        for (w, &n) in widths.iter_mut().zip(&natural) {
            let more = n.saturating_sub(*w).min(spare);
            *w += more;
            spare -= more;
        }
    }
    widths.push(last.max(1));
    fit_longest_words(&mut widths, longest);
    widths
}

/// Widens a column whose longest word (a web address, a number) would be cut, taking the
/// room from columns that can spare it down to their own longest word: an address broken
/// inside a word cannot be typed, nor a number split over two lines dialed.
fn fit_longest_words(widths: &mut [usize], longest: &[usize]) {
    for i in 0..widths.len() {
        while widths[i] < longest[i] {
            // The column with the most room over its own longest word gives one column.
            let Some(giver) = (0..widths.len())
                .filter(|&j| j != i && widths[j] > longest[j].max(MIN_CELL))
                .max_by_key(|&j| widths[j] - longest[j].max(MIN_CELL))
            else {
                break;
            };
            widths[giver] -= 1;
            widths[i] += 1;
        }
    }
}

/// Rows too wide for a table, as wrapped lines: the first line of each row as it is, the
/// rest indented under it; a blank line between rows when `apart`. A word wider than the
/// screen (an address) runs over rather than splits.
fn write_as_lines(
    rows: &[Vec<String>],
    width: usize,
    apart: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (n, row) in rows.iter().enumerate() {
        if apart && n > 0 {
            writeln!(out)?;
        }
        let lines = row.iter().flat_map(|cell| cell.lines());
        for (l, line) in lines.enumerate() {
            let indent = if l == 0 { "" } else { "   " };
            let options = textwrap::Options::new(width.max(4))
                .word_splitter(textwrap::WordSplitter::NoHyphenation)
                .break_words(false)
                .initial_indent(indent)
                .subsequent_indent(indent);
            for wrapped in textwrap::wrap(line, options) {
                writeln!(out, "{wrapped}")?;
            }
        }
    }
    Ok(())
}

/// The width of each column's longest word that must stay whole: a web address or email,
/// or a phone number. Other words may break where a column is too narrow for them.
fn longest_words(headers: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    (0..headers.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .flat_map(|c| c.split_whitespace())
                .chain(headers[i].split_whitespace())
                .filter(|word| must_stay_whole(word))
                .map(display_width)
                .max()
                .unwrap_or(1)
        })
        .collect()
}

/// "humantraffickinghotline.org/en/report-trafficking", "tips.fbi.gov", "1-888-373-7888",
/// "national-hotline": words that cannot be typed or dialed once split.
fn must_stay_whole(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',', ';', ')']);
    let digits = word.bytes().filter(u8::is_ascii_digit).count();
    let phone_like = digits >= 7 && word.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    let address = word.contains('/') || word.contains('@') || {
        // A domain: a dot between letters ("fbi.gov"), not an abbreviation ("U.S").
        let parts: Vec<&str> = word.split('.').collect();
        parts.len() >= 2 && parts.iter().all(|p| p.len() >= 2)
    };
    // An id to type ("child-abuse-material-online").
    let id = word.contains('-')
        && word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    phone_like || address || id
}

/// A cell's text wrapped to `width` and cut to `max` lines, the last cut line ending in
/// an ellipsis.
fn clip_lines(text: &str, width: usize, max: usize) -> String {
    // Never at a hyphen: a phone number split over two lines cannot be read or dialed.
    let options =
        textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut lines: Vec<String> = text
        .lines()
        .flat_map(|line| textwrap::wrap(line, &options))
        .map(std::borrow::Cow::into_owned)
        .collect();
    if lines.len() > max {
        lines.truncate(max);
        let last = lines.last_mut().expect("max is at least one");
        if display_width(last) + 1 > width {
            while display_width(last) + 1 > width {
                last.pop();
            }
            // End at a word, not inside one, unless that would leave too little.
            if let Some(space) = last.rfind(' ')
                && space > last.len() / 2
            {
                last.truncate(space);
            }
        }
        let kept = last.trim_end().len();
        last.truncate(kept);
        last.push('…');
    }
    lines.join("\n")
}

fn new_table(color: bool, width: usize) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX));
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

#[cfg(test)]
mod tests {
    use super::{clip_lines, column_widths};
    use textwrap::core::display_width;

    #[test]
    fn addresses_and_numbers_stay_whole_words_may_break() {
        for whole in [
            "tips.fbi.gov",
            "https://a.gov/x",
            "a@b.org",
            "1-888-373-7888",
            "(tips.fbi.gov),",
        ] {
            assert!(super::must_stay_whole(whole), "{whole}");
        }
        for word in ["U.S.", "e.g.", "Trafficking", "2007", "(English,"] {
            assert!(!super::must_stay_whole(word), "{word}");
        }
    }

    #[test]
    fn a_long_cell_is_cut_to_its_lines_with_an_ellipsis() {
        let cut = clip_lines("one two three four five six seven eight", 9, 2);
        assert_eq!(cut.lines().count(), 2);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.lines().all(|l| display_width(l) <= 9), "{cut}");
    }

    #[test]
    fn columns_fill_the_room_and_no_more() {
        let headers = vec!["Office".to_string(), "Reach".into(), "Why".into()];
        let rows = vec![vec![
            "A long office name that wraps".to_string(),
            "1-888-373-7888 24/7".into(),
            "A reason that is longer than any column could hold on one line".into(),
        ]];
        let widths = column_widths(&headers, &rows, 70, &super::longest_words(&headers, &rows));
        assert_eq!(widths.iter().sum::<usize>(), 70, "{widths:?}");
        assert!(widths[1] >= "1-888-373-7888 24/7".len(), "{widths:?}");
    }
}
