//! A JSON feed cut into its records by its bytes, before any record is parsed, so that one
//! broken record (a syntax error, a byte that is not UTF-8, a text never closed, a record
//! too large to hold) is reported with its number and line, and the records around it are
//! still read. A parser reading the whole file stops at the first error and loses the rest.
//!
//! The feed's top level is a list of records, an object with a `contents` list (the API's
//! pages), or one record. Only the structure around the records must be well formed: an
//! error there stops the import, with its line.

use std::io::BufRead;

/// A record may take this many bytes; past it the record is skipped (read, not kept) and
/// reported. It bounds the memory one record costs, whatever the feed holds.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// A text (a JSON string) keeps this many bytes; the rest is cut at a character boundary
/// and reported. No name, address or description needs more; a 20 MB name costs no more
/// than a short one.
pub const MAX_TEXT_BYTES: usize = 64 << 10;

/// One record of the feed, cut out of it.
pub struct RawRecord {
    /// Its place in its list, from 1 (0 for a feed that is one record).
    pub number: usize,
    /// The line of the file it starts on.
    pub line: u64,
    /// Its text: what it held, or why it could not be held.
    pub text: Result<String, String>,
    /// What was changed to read it (texts cut, bytes that were not UTF-8).
    pub notes: Vec<String>,
}

/// Hands each record of the feed to `take` in order. An error in the structure around the
/// records (or from `take`) ends the reading with its reason.
pub fn each_raw_record(
    reader: impl BufRead,
    take: &mut dyn FnMut(RawRecord) -> Result<(), String>,
) -> Result<(), String> {
    let mut scan = Scanner {
        bytes: reader,
        line: 1,
        peeked: None,
        cut_short: false,
    };
    scan.skip_byte_order_mark()?;
    match scan.next_token_byte()? {
        Some(b'[') => scan.list(take)?,
        Some(b'{') => scan.object(take)?,
        Some(other) => {
            return Err(format!(
                "not JSON: line {} starts with {:?}, not a list or an object",
                scan.line,
                char::from(other)
            ));
        }
        None => return Err("empty: no records".to_string()),
    }
    match scan.next_token_byte()? {
        None => Ok(()),
        Some(_) => Err(format!(
            "not JSON: text after the end of the feed on line {}",
            scan.line
        )),
    }
}

struct Scanner<R> {
    bytes: R,
    line: u64,
    peeked: Option<u8>,
    /// The file ended inside the list of records (reported as its last record).
    cut_short: bool,
}

/// What a record's reading stopped at.
enum StoppedAt {
    /// A comma: another record follows.
    Comma,
    /// The list's closing bracket.
    Close,
    /// The end of the file, inside the record.
    FileEnd,
}

/// A record's bytes as they are read, kept up to the caps.
struct Collected {
    bytes: Vec<u8>,
    too_large: bool,
    texts_cut: usize,
    broken: Option<String>,
}

impl Collected {
    fn new() -> Collected {
        Collected {
            bytes: Vec::new(),
            too_large: false,
            texts_cut: 0,
            broken: None,
        }
    }

    fn push(&mut self, byte: u8) {
        if self.bytes.len() >= MAX_RECORD_BYTES {
            self.too_large = true;
        } else {
            self.bytes.push(byte);
        }
    }

    fn break_with(&mut self, why: String) {
        self.broken.get_or_insert(why);
    }
}

impl<R: BufRead> Scanner<R> {
    fn next_byte(&mut self) -> Result<Option<u8>, String> {
        if let Some(byte) = self.peeked.take() {
            return Ok(Some(byte));
        }
        let buf = self
            .bytes
            .fill_buf()
            .map_err(|e| format!("cannot read it ({e})"))?;
        let Some(&byte) = buf.first() else {
            return Ok(None);
        };
        self.bytes.consume(1);
        if byte == b'\n' {
            self.line += 1;
        }
        Ok(Some(byte))
    }

    fn skip_byte_order_mark(&mut self) -> Result<(), String> {
        let start = self
            .bytes
            .fill_buf()
            .map_err(|e| format!("cannot read it ({e})"))?;
        if start.starts_with("\u{feff}".as_bytes()) {
            self.bytes.consume(3);
        }
        Ok(())
    }

    /// The next byte that is not white space.
    fn next_token_byte(&mut self) -> Result<Option<u8>, String> {
        while let Some(byte) = self.next_byte()? {
            if !byte.is_ascii_whitespace() {
                return Ok(Some(byte));
            }
        }
        Ok(None)
    }

    fn expect(&mut self, wanted: u8, what: &str) -> Result<(), String> {
        match self.next_token_byte()? {
            Some(byte) if byte == wanted => Ok(()),
            Some(byte) => Err(format!(
                "not JSON: {what} expected on line {}, found {:?}",
                self.line,
                char::from(byte)
            )),
            None => Err(format!("not JSON: the file ends where {what} was expected")),
        }
    }

    /// A list of records, its opening bracket read.
    fn list(
        &mut self,
        take: &mut dyn FnMut(RawRecord) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut number = 0;
        loop {
            let Some(first) = self.next_token_byte()? else {
                if number == 0 {
                    return Err("not JSON: the list of records is never closed".to_string());
                }
                // A file cut short after a comma (a download that stopped): the records
                // read are kept, and the cut is reported as the record that is missing.
                self.cut_short = true;
                return take(RawRecord {
                    number: number + 1,
                    line: self.line,
                    text: Err("the file ends here, after a comma: it was cut short".to_string()),
                    notes: Vec::new(),
                });
            };
            if first == b']' && number == 0 {
                return Ok(());
            }
            number += 1;
            let line = self.line;
            let mut record = Collected::new();
            let end = self.record(first, &mut record, b']')?;
            let mut raw = finish(record, number, line);
            if let StoppedAt::FileEnd = end {
                self.cut_short = true;
                raw.text = Err(
                    "not closed before the end of the file; it and anything after it left out"
                        .to_string(),
                );
            }
            take(raw)?;
            match end {
                StoppedAt::Comma => {}
                StoppedAt::Close | StoppedAt::FileEnd => return Ok(()),
            }
        }
    }

    /// One record of a list (or one value of the top-level object), from its first byte to
    /// the comma after it or the `closer` that ends the list (`]`) or object (`}`). A text
    /// that meets the end of its line was never closed (JSON texts hold no raw line
    /// breaks): the record is broken there, and the reading goes on from the next line, so
    /// one missing quote costs one record, not the rest of the feed.
    fn record(
        &mut self,
        first: u8,
        record: &mut Collected,
        closer: u8,
    ) -> Result<StoppedAt, String> {
        let mut depth: usize = 0;
        let mut byte = Some(first);
        loop {
            let Some(b) = byte else {
                return Ok(StoppedAt::FileEnd);
            };
            match b {
                b'"' => {
                    record.push(b);
                    self.text(record)?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    record.push(b);
                }
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    record.push(b);
                }
                b if b == closer => return Ok(StoppedAt::Close),
                b'}' | b']' => {
                    record.break_with(format!(
                        "a `{}` on line {} closes nothing",
                        char::from(b),
                        self.line
                    ));
                }
                b',' if depth == 0 => return Ok(StoppedAt::Comma),
                _ => record.push(b),
            }
            byte = self.next_byte()?;
        }
    }

    /// The rest of a text, its opening quote read: kept up to [`MAX_TEXT_BYTES`], cut at a
    /// character boundary outside an escape.
    fn text(&mut self, record: &mut Collected) -> Result<(), String> {
        let start = record.bytes.len();
        // Bytes still to come in the current escape (`\n`, `\u00e9`), where no cut may fall.
        let mut escape: u8 = 0;
        let mut after_backslash = false;
        let mut cut = false;
        while let Some(b) = self.next_byte()? {
            if b == b'\n' {
                record.break_with(format!("a text on line {} is never closed", self.line - 1));
                record.push(b'"');
                return Ok(());
            }
            let ends = b == b'"' && escape == 0;
            let starts_a_character = escape == 0 && b & 0xC0 != 0x80;
            if !cut && !ends && starts_a_character && record.bytes.len() - start >= MAX_TEXT_BYTES {
                cut = true;
                record.texts_cut += 1;
                drop_lone_high_surrogate(&mut record.bytes, start);
            }
            if ends || !cut {
                record.push(b);
            }
            if ends {
                return Ok(());
            }
            if after_backslash {
                escape = if b == b'u' { 4 } else { 0 };
                after_backslash = false;
            } else if escape > 0 {
                escape -= 1;
            } else if b == b'\\' {
                after_backslash = true;
                escape = 1;
            }
        }
        Ok(())
    }

    /// The feed's top level as an object, its brace read: pages whose `contents` list holds
    /// the records, or one record.
    fn object(
        &mut self,
        take: &mut dyn FnMut(RawRecord) -> Result<(), String>,
    ) -> Result<(), String> {
        let line = self.line;
        let mut rest = Collected::new();
        rest.push(b'{');
        let mut paged = false;
        let mut first = true;
        loop {
            let Some(b) = self.next_token_byte()? else {
                return Err("not JSON: the feed's object is never closed".to_string());
            };
            if b == b'}' && first {
                break;
            }
            if b != b'"' {
                return Err(format!(
                    "not JSON: a key expected on line {}, found {:?}",
                    self.line,
                    char::from(b)
                ));
            }
            let mut key = Collected::new();
            key.push(b'"');
            self.text(&mut key)?;
            if let Some(why) = key.broken {
                return Err(format!("not JSON: {why}"));
            }
            self.expect(b':', "a colon after a key")?;
            let Some(value_first) = self.next_token_byte()? else {
                return Err("not JSON: the file ends where a value was expected".to_string());
            };
            let end = if key.bytes == b"\"contents\"" && value_first == b'[' {
                paged = true;
                self.list(take)?;
                self.next_token_byte()?
            } else {
                if !first {
                    rest.push(b',');
                }
                first = false;
                key.bytes.iter().for_each(|&b| rest.push(b));
                rest.push(b':');
                // A value of the top level ends at the comma or brace after it, as a
                // record of a list ends at its comma or bracket.
                match self.record(value_first, &mut rest, b'}')? {
                    StoppedAt::Comma => Some(b','),
                    StoppedAt::Close => Some(b'}'),
                    StoppedAt::FileEnd => None,
                }
            };
            match end {
                Some(b',') => {}
                Some(b'}') => break,
                Some(other) => {
                    return Err(format!(
                        "not JSON: a comma or a closing brace expected on line {}, found {:?}",
                        self.line,
                        char::from(other)
                    ));
                }
                // The records were reported up to where the file stops.
                None if paged && self.cut_short => return Ok(()),
                None => return Err("not JSON: the feed's object is never closed".to_string()),
            }
        }
        if paged {
            return Ok(());
        }
        rest.push(b'}');
        take(finish(rest, 0, line))
    }
}

/// A record's text from its bytes, with what was changed to read it.
fn finish(record: Collected, number: usize, line: u64) -> RawRecord {
    let mut notes = Vec::new();
    if record.texts_cut > 0 {
        notes.push(format!(
            "{} text(s) longer than {} KiB cut there",
            record.texts_cut,
            MAX_TEXT_BYTES >> 10
        ));
    }
    let text = if record.bytes.iter().all(u8::is_ascii_whitespace) {
        Err(
            "empty (two commas with nothing between, or one before the closing bracket); left out"
                .to_string(),
        )
    } else if let Some(why) = record.broken {
        Err(format!("{why}; left out"))
    } else if record.too_large {
        Err(format!(
            "larger than the {} MiB a record may take; left out",
            MAX_RECORD_BYTES >> 20
        ))
    } else {
        match String::from_utf8(record.bytes) {
            Ok(text) => Ok(text),
            Err(e) => {
                let bad = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                notes.push(format!(
                    "bytes that are not UTF-8 (the first {bad} bytes into the record) read as \u{fffd}"
                ));
                Ok(text)
            }
        }
    };
    RawRecord {
        number,
        line,
        text,
        notes,
    }
}

/// A text cut right after `\uD800`-`\uDBFF` (the first half of a pair) would be no JSON.
fn drop_lone_high_surrogate(bytes: &mut Vec<u8>, start: usize) {
    let len = bytes.len();
    if len >= start + 6 {
        let tail = &bytes[len - 6..];
        let high = tail[0] == b'\\'
            && tail[1] == b'u'
            && matches!(tail[2], b'd' | b'D')
            && matches!(tail[3], b'8' | b'9' | b'a' | b'b' | b'A' | b'B');
        if high {
            bytes.truncate(len - 6);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Cut = (usize, Result<String, String>, Vec<String>);

    fn records(feed: &str) -> Result<Vec<Cut>, String> {
        let mut out = Vec::new();
        each_raw_record(feed.as_bytes(), &mut |r| {
            out.push((r.number, r.text, r.notes));
            Ok(())
        })?;
        Ok(out)
    }

    fn parsed(text: &Result<String, String>) -> serde_json::Value {
        serde_json::from_str(text.as_ref().unwrap()).unwrap()
    }

    #[test]
    fn a_list_is_cut_into_its_records() {
        let got = records(r#"[{"a": [1, {"b": "x,]}"}]}, {"c": "\"q\""} ,3]"#).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(parsed(&got[0].1)["a"][1]["b"], "x,]}");
        assert_eq!(parsed(&got[1].1)["c"], "\"q\"");
        assert_eq!(parsed(&got[2].1), 3);
    }

    #[test]
    fn pages_give_their_contents_and_one_record_is_itself() {
        let got =
            records(r#"{"total_items": 2, "contents": [{"n": 1}, {"n": 2}], "page": 1}"#).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(parsed(&got[1].1)["n"], 2);
        let one = records(r#"{"name": "One", "services": [{"name": "S"}], "n": 5 }"#).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, 0);
        assert_eq!(parsed(&one[0].1)["services"][0]["name"], "S");
        assert_eq!(parsed(&one[0].1)["n"], 5);
        assert!(records("[]").unwrap().is_empty());
        assert!(records("{}").unwrap().len() == 1);
    }

    #[test]
    fn a_text_never_closed_costs_its_record_only() {
        let feed = "[\n{\"name\": \"Broken\n},\n{\"name\": \"Good\"}\n]";
        let got = records(feed).unwrap();
        assert_eq!(got.len(), 2);
        assert!(
            got[0].1.as_ref().unwrap_err().contains("never closed"),
            "{:?}",
            got[0].1
        );
        assert_eq!(parsed(&got[1].1)["name"], "Good");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_noted_and_the_record_kept() {
        let mut feed = b"[{\"name\": \"Caf".to_vec();
        feed.extend([0xff, b'"', b'}', b']']);
        let mut got = Vec::new();
        each_raw_record(feed.as_slice(), &mut |r| {
            got.push(r);
            Ok(())
        })
        .unwrap();
        assert_eq!(parsed(&got[0].text)["name"], "Caf\u{fffd}");
        assert!(got[0].notes[0].contains("not UTF-8"));
    }

    #[test]
    fn a_long_text_is_cut_at_a_character_boundary() {
        let long = "é".repeat(MAX_TEXT_BYTES);
        let feed = format!(r#"[{{"name": "{long}", "after": "\ud83d\ude00"}}]"#);
        let got = records(&feed).unwrap();
        let value = parsed(&got[0].1);
        let name = value["name"].as_str().unwrap();
        assert!(name.len() <= MAX_TEXT_BYTES && name.len() > MAX_TEXT_BYTES - 4);
        assert_eq!(value["after"], "\u{1f600}");
        assert!(got[0].2[0].contains("cut"));
        // A cut that would split a pair of escapes drops the pair's first half.
        let escapes = "\\ud83d\\ude00".repeat(MAX_TEXT_BYTES / 12 + 1);
        let got = records(&format!(r#"["{escapes}"]"#)).unwrap();
        assert!(
            parsed(&got[0].1)
                .as_str()
                .unwrap()
                .chars()
                .all(|c| c == '\u{1f600}')
        );
    }

    #[test]
    fn a_record_never_closed_is_reported_after_the_ones_before_it() {
        let got = records(r#"[{"n": 1}, {"n": [2}"#).unwrap();
        assert_eq!(got.len(), 2);
        assert!(got[1].1.as_ref().unwrap_err().contains("end of the file"));
    }

    #[test]
    fn a_file_cut_short_keeps_what_was_read() {
        let got = records(r#"[{"n": 1},"#).unwrap();
        assert_eq!(got.len(), 2);
        assert!(got[1].1.as_ref().unwrap_err().contains("cut short"));
        let got = records(r#"{"contents": [{"n": 1}, {"n": 2"#).unwrap();
        assert_eq!(got.len(), 2);
        assert!(got[1].1.as_ref().unwrap_err().contains("end of the file"));
    }

    #[test]
    fn a_broken_top_level_is_an_error() {
        assert!(records("").is_err());
        assert!(records("nonsense").is_err());
        assert!(records("[1] [2]").is_err());
        assert!(records(r#"{"contents": [1], 7}"#).is_err());
        assert!(records(r#"{"a" 1}"#).is_err());
    }
}
