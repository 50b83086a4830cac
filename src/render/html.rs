//! HTML: a self-contained, printable one-page referral sheet. No scripts, no external
//! assets; the style sheet is inline and made for paper as much as for the screen.

use super::{Block, Doc, Field, LinkKind, generated_line, sanitize};
use std::io::{self, Write};

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45;color:#111}\
h1{font-size:1.5rem;margin:0 0 .75rem}h2{font-size:1.15rem;margin:1.25rem 0 .5rem}\
h3,section>h2{font-size:1.05rem;margin:1rem 0 .25rem;border-top:1px solid #bbb;padding-top:.5rem}\
table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top}\
.alert{border:3px solid #b00;padding:.5rem .75rem;font-weight:bold;font-size:1.15rem}\
dl{display:grid;grid-template-columns:minmax(6rem,11rem) 1fr;gap:.15rem .75rem;margin:.25rem 0}\
a.tel{white-space:nowrap;color:inherit}\
dt{font-weight:bold}dd{margin:0}footer{margin-top:1.5rem;font-size:.85rem;color:#444}\
a{color:#0645ad;overflow-wrap:anywhere}\
@page{margin:1cm}\
@media print{body{margin:0;max-width:none;font-size:11pt;line-height:1.2}h1{font-size:15pt;margin:0 0 .3rem}\
.alert{font-size:12pt;padding:.25rem .5rem}section>h2,h3{font-size:12pt;margin:.4rem 0 .1rem;padding-top:.25rem}\
dl{grid-template-columns:7rem 1fr;gap:0 .5rem}section,dl{break-inside:avoid}h3{break-after:avoid}\
footer{margin-top:.5rem;font-size:11pt}a{color:inherit}}";

pub fn write(doc: &Doc, out: &mut dyn Write) -> io::Result<()> {
    let title = doc.title.as_deref().unwrap_or("htref referral sheet");
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(
        out,
        "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">",
        doc.language.unwrap_or("en")
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(title)
    )?;
    writeln!(out, "<h1>{}</h1>", escape(title))?;
    // Headings go one level at a time: a record is a level under the last heading.
    let mut record_level = "h2";
    for block in &doc.blocks {
        match block {
            Block::Alert(text) => writeln!(
                out,
                "<p class=\"alert\" role=\"alert\">{}</p>",
                escape(text)
            )?,
            Block::Heading(text) => {
                writeln!(out, "<h2>{}</h2>", escape(text))?;
                record_level = "h3";
            }
            Block::Rows { headers, rows } => {
                writeln!(out, "<table>\n<tr>")?;
                for h in headers {
                    writeln!(out, "<th scope=\"col\">{}</th>", escape(h))?;
                }
                writeln!(out, "</tr>")?;
                for row in rows {
                    let cells: Vec<String> = row
                        .cells
                        .iter()
                        .map(|c| {
                            let lines: Vec<String> = c.lines().map(escape).collect();
                            format!("<td>{}</td>", lines.join("<br>"))
                        })
                        .collect();
                    writeln!(out, "<tr>{}</tr>", cells.concat())?;
                }
                writeln!(out, "</table>")?;
            }
            Block::Text(text) => {
                let lines: Vec<String> = text.lines().map(escape).collect();
                writeln!(out, "<p>{}</p>", lines.join("<br>"))?;
            }
            Block::Fields(fields) => {
                writeln!(out, "<dl>")?;
                for (label, value) in fields {
                    writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value))?;
                }
                writeln!(out, "</dl>")?;
            }
            Block::Records { records, .. } => {
                for record in records {
                    writeln!(
                        out,
                        "<section>\n<{record_level}>{}</{record_level}>\n<dl>",
                        escape(&record.title)
                    )?;
                    for field in &record.fields {
                        let label = field.label.as_deref().unwrap_or("");
                        writeln!(
                            out,
                            "<dt>{}</dt><dd>{}</dd>",
                            escape(label),
                            field_value(field)
                        )?;
                    }
                    writeln!(out, "</dl>\n</section>")?;
                }
            }
        }
    }
    writeln!(
        out,
        "<footer>{}</footer>\n</body>\n</html>",
        escape(&generated_line(doc.language))
    )
}

/// A field's value: its contact (the number or https address it starts with) as a link,
/// the rest as text.
fn field_value(field: &Field) -> String {
    let Some(link) = &field.link else {
        return escape(&field.value);
    };
    let Some(rest) = field.value.strip_prefix(link.text.as_str()) else {
        return escape(&field.value);
    };
    let anchor = match link.kind {
        // A number never wraps at its hyphens.
        LinkKind::Tel => format!(
            "<a class=\"tel\" href=\"{}\">{}</a>",
            escape(&link.href),
            escape(&link.text)
        ),
        // An address shows its site and path.
        LinkKind::Web => format!(
            "<a href=\"{}\">{}</a>",
            escape(&link.href),
            escape(&crate::text::short_url(&link.text))
        ),
    };
    anchor + &escape(rest)
}

/// Escapes text for HTML, with what could drive a terminal made visible and a line break
/// written as a space (text that has lines is split into them before): a name is one line
/// of one heading. Text never becomes a link: only a field's own contact does
/// ([`field_value`]).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize(text).chars() {
        match c {
            '\n' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{STYLE, escape, field_value};
    use crate::render::{Field, Link};

    /// Printed, no text is smaller than 11 points: the sheet is read by someone frightened,
    /// tired or without glasses.
    #[test]
    fn printed_text_is_eleven_points_or_larger() {
        let print = &STYLE[STYLE.find("@media print").expect("a print style")..];
        let sizes: Vec<f64> = print
            .match_indices("font-size:")
            .map(|(at, _)| {
                let value = &print[at + "font-size:".len()..];
                let end = value.find("pt").expect("print sizes in points");
                value[..end].parse().expect("a number of points")
            })
            .collect();
        assert!(sizes.len() >= 3, "{print}");
        assert!(sizes.iter().all(|&pt| pt >= 11.0), "{sizes:?}");
    }

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn numbers_and_addresses_in_text_stay_text() {
        assert_eq!(
            escape("call 1-866-DHS-2-ICE now"),
            "call 1-866-DHS-2-ICE now"
        );
        assert_eq!(
            escape("see https://evil.example/login"),
            "see https://evil.example/login"
        );
    }

    #[test]
    fn a_contact_field_links_its_own_number_or_address_only() {
        let field = Field::new(1, "Call", "1-888-373-7888; after hours 1-800-555-0000")
            .linked(Link::tel("1-888-373-7888", "8883737888"));
        assert_eq!(
            field_value(&field),
            "<a class=\"tel\" href=\"tel:+18883737888\">1-888-373-7888</a>; after hours 1-800-555-0000"
        );
        let field = Field::new(1, "Online", "https://a.gov/?x=1&y=2 (Tip form)")
            .linked(Link::web("https://a.gov/?x=1&y=2"));
        assert_eq!(
            field_value(&field),
            "<a href=\"https://a.gov/?x=1&amp;y=2\">a.gov/?x=1&amp;y=2</a> (Tip form)"
        );
        // A link the value does not start with is dropped: the value is text.
        let field = Field::new(1, "Call", "text").linked(Link::tel("1-888-373-7888", "8883737888"));
        assert_eq!(field_value(&field), "text");
    }
}
