//! Text safe to print: keeps text from the data, overlays, feeds and file names from driving
//! the terminal or forging lines. Used by the data layer (its errors name files) and the
//! renderer alike.

use std::borrow::Cow;

/// Replaces control, bidi-override and zero-width characters with a visible escape, so
/// that no data file can move the cursor, set the clipboard or reverse a line.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    // Most text is plain: printable ASCII and line breaks pass as they are, uncopied.
    if text
        .bytes()
        .all(|b| b == b'\n' || (0x20..0x7f).contains(&b))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_dangerous(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for one line of output: as [`sanitize`], and a line break escaped too, so that a
/// file name with a line break cannot forge a line of an answer or an error.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return sanitize(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe_in_text(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A path as every message and answer prints it: one line, nothing that drives a terminal.
pub fn path(path: &std::path::Path) -> String {
    one_line(&path.display().to_string()).into_owned()
}

/// The start of a user's argument, made safe to echo back in a one-line message.
pub fn clip(text: &str, max_chars: usize) -> String {
    sanitize(&text.chars().take(max_chars).collect::<String>()).into_owned()
}

/// A character that could forge a line or reorder what a reader sees: a line break, any
/// other control (C0 or C1), a bidi or zero-width mark.
pub fn is_unsafe_in_text(c: char) -> bool {
    c == '\n' || is_dangerous(c)
}

fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
            // Line and paragraph separators break a line as a newline does; the Arabic
            // letter mark, word joiner and invisible operators, and tag characters hide
            // in text unseen.
            | '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{2060}'..='\u{2064}' | '\u{180e}'
            | '\u{e0000}'..='\u{e007f}')
}

/// An address without its scheme and trailing slash, as people say it: "tips.fbi.gov".
pub fn short_url(url: &str) -> &str {
    url.trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
}

/// Whether a line's hours say it answers around the clock ("24 hours a day", "24/7",
/// "Monitored around the clock").
pub fn is_round_the_clock(hours: &str) -> bool {
    let hours = hours.to_lowercase();
    ["24 hours", "24/7", "around the clock", "24-hour"]
        .iter()
        .any(|w| hours.contains(w))
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn escapes_terminal_controls() {
        let hostile = "a\u{1b}]52;c;aGk=\u{7}b\u{202e}c\rd";
        let clean = sanitize(hostile);
        assert!(!clean.chars().any(char::is_control), "{clean:?}");
        assert!(clean.contains("\\u{1b}"));
        assert_eq!(sanitize("Línea 1\nline 2"), "Línea 1\nline 2");
        assert_eq!(super::one_line("a\nPhone: 1"), "a\\u{a}Phone: 1");
        for hidden in [
            '\u{2028}',
            '\u{2029}',
            '\u{061c}',
            '\u{2060}',
            '\u{2064}',
            '\u{e0041}',
        ] {
            assert!(super::is_unsafe_in_text(hidden), "{hidden:?}");
        }
    }
}
