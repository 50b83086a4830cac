//! Paging an answer taller than the terminal, as git and gh do: `HTREF_PAGER`, then
//! `PAGER`, then `less`; with `LESS=FRX` when `LESS` is unset, so an answer that fits
//! stays on screen and colors pass through. Only on a terminal; when the pager cannot
//! start, the answer is written directly.

use std::io::{self, Write};
use std::process::{Command, Stdio};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// The program and its arguments, split on whitespace as git splits `core.pager`
    /// for the simple cases.
    command: Vec<String>,
    /// Rows on the terminal: an answer with more lines is paged.
    rows: usize,
}

impl Pager {
    /// The pager the environment asks for; `None` when it asks for none (an empty value
    /// or `cat`).
    pub fn from_env(rows: usize) -> Option<Pager> {
        let chosen = std::env::var("HTREF_PAGER")
            .or_else(|_| std::env::var("PAGER"))
            .unwrap_or_else(|_| "less".to_string());
        Pager::new(&chosen, rows)
    }

    pub fn new(chosen: &str, rows: usize) -> Option<Pager> {
        let command: Vec<String> = chosen.split_whitespace().map(str::to_string).collect();
        match command.first().map(String::as_str) {
            None | Some("cat") => None,
            Some(_) => Some(Pager { command, rows }),
        }
    }

    /// Whether an answer of this many bytes needs paging: more lines than the screen.
    pub fn needed(&self, answer: &[u8]) -> bool {
        answer.split(|&b| b == b'\n').count() > self.rows
    }

    /// Shows the answer through the pager, or writes it to `direct` when it fits the
    /// screen or the pager cannot start. A pager quit early (a closed pipe) is not an error.
    pub fn show(&self, answer: &[u8], direct: &mut dyn Write) -> io::Result<()> {
        if !self.needed(answer) {
            return direct.write_all(answer);
        }
        let mut command = Command::new(&self.command[0]);
        command.args(&self.command[1..]).stdin(Stdio::piped());
        if std::env::var_os("LESS").is_none() {
            command.env("LESS", "FRX");
        }
        let Ok(mut child) = command.spawn() else {
            return direct.write_all(answer);
        };
        if let Some(mut stdin) = child.stdin.take() {
            match stdin.write_all(answer) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
                _ => {}
            }
        }
        child.wait()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Pager;

    #[test]
    fn an_empty_pager_or_cat_means_no_pager() {
        assert_eq!(Pager::new("", 24), None);
        assert_eq!(Pager::new("  ", 24), None);
        assert_eq!(Pager::new("cat", 24), None);
        assert!(Pager::new("less -S", 24).is_some());
    }

    #[test]
    fn only_an_answer_taller_than_the_screen_is_paged() {
        let pager = Pager::new("less", 3).unwrap();
        assert!(!pager.needed(b"one\ntwo\n"));
        assert!(pager.needed(b"one\ntwo\nthree\n"));
    }

    #[test]
    fn a_pager_that_cannot_start_writes_the_answer_directly() {
        let pager = Pager::new("/nonexistent/htref-pager", 1).unwrap();
        let mut out = Vec::new();
        pager.show(b"a\nb\n", &mut out).unwrap();
        assert_eq!(out, b"a\nb\n");
    }
}
