//! Paging an answer taller than the terminal, as git and gh do: `HTREF_PAGER`, then
//! `PAGER`, then `less`; with `LESS=FRX` when `LESS` is unset, so an answer that fits
//! stays on screen and colors pass through, and `LESSHISTFILE=-`, so the pager keeps no
//! record of what was searched. Only on a terminal; when the pager cannot start or fails,
//! the answer is written directly, with one warning line.

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// The pager to print through, when the answer goes to a terminal as text and paging is
/// not turned off; `None` means write directly.
pub fn pager_for(cli: &crate::cli::Cli, terminal: crate::terminal::Terminal) -> Option<Pager> {
    let output = cli.command.output()?;
    if !terminal.stdout_is_tty || output.no_pager || output.json {
        return None;
    }
    if matches!(
        output.format,
        Some(crate::cli::FormatArg::Json | crate::cli::FormatArg::Html)
    ) {
        return None;
    }
    Pager::from_env(usize::from(terminal.rows?))
}

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

    /// Whether an answer needs paging: more lines than the screen holds with two left
    /// for the prompt, so that its first line never scrolls off above it.
    pub fn needed(&self, answer: &[u8]) -> bool {
        let lines = answer.split(|&b| b == b'\n').count().saturating_sub(1);
        lines > self.rows.saturating_sub(2)
    }

    /// Shows the answer through the pager, or writes it to `direct` when it fits the
    /// screen. A pager quit early (a closed pipe) is not an error; a pager that cannot
    /// start, or fails (exits with an error), leaves the answer written directly, after one
    /// line on `warn` that says so.
    pub fn show(
        &self,
        answer: &[u8],
        direct: &mut dyn Write,
        warn: &mut dyn Write,
    ) -> io::Result<()> {
        if !self.needed(answer) {
            return direct.write_all(answer);
        }
        // The answer goes through a pipe of htref's own, of which htref keeps a read end:
        // once the pager has ended, what is still in the pipe is what it never read. A
        // "pager" that ends without reading (`HTREF_PAGER=true`) would otherwise swallow
        // the whole answer, the hotline with it.
        let (reader, writer) = io::pipe()?;
        let leftover = reader.try_clone()?;
        let mut command = Command::new(&self.command[0]);
        command.args(&self.command[1..]).stdin(Stdio::from(reader));
        for (name, value) in self.environment(std::env::var("LESS").ok().as_deref()) {
            command.env(name, value);
        }
        let name = crate::render::one_line(&self.command.join(" ")).into_owned();
        let spawned = command.spawn();
        // The parent's copy of the pager's end goes with the command.
        drop(command);
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) => {
                writeln!(
                    warn,
                    "htref: the pager `{name}` cannot start ({e}); the answer follows without it"
                )?;
                return direct.write_all(answer);
            }
        };
        let (status, unread) = std::thread::scope(|scope| -> io::Result<_> {
            // Written from a thread: a pager that stops reading would block a write of an
            // answer larger than the pipe holds.
            let writing = scope.spawn(move || {
                let mut writer = writer;
                writer.write_all(answer)
            });
            let status = child.wait()?;
            // Whatever the pager left, read here to its end, counted: the writer then
            // finishes, and no write of it can fail for want of a reader.
            let unread = io::copy(&mut &leftover, &mut io::sink())?;
            match writing.join() {
                Ok(Err(e)) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
                _ => {}
            }
            Ok((status, unread))
        })?;
        if !status.success() {
            writeln!(
                warn,
                "htref: the pager `{name}` failed ({status}); the answer follows without it"
            )?;
            return direct.write_all(answer);
        }
        if unread >= answer.len() as u64 {
            writeln!(
                warn,
                "htref: the pager `{name}` ended without reading the answer; it follows without the pager"
            )?;
            return direct.write_all(answer);
        }
        Ok(())
    }

    /// What the pager is started with: no history file (less would otherwise keep what the
    /// call-taker searched for in ~/.lesshst), and for less, colors shown as colors
    /// (`R`): `FRX` when `LESS` is unset, the user's own flags and `-R` when they lack it.
    fn environment(&self, less: Option<&str>) -> Vec<(&'static str, String)> {
        let mut env = vec![("LESSHISTFILE", "-".to_string())];
        let is_less = std::path::Path::new(&self.command[0])
            .file_name()
            .is_some_and(|n| n == "less");
        match less {
            None => env.push(("LESS", "FRX".to_string())),
            Some(own) if is_less && !own.contains(['R', 'r']) => {
                env.push(("LESS", format!("{own} -R")));
            }
            Some(_) => {}
        }
        env
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
        // 24 rows: 22 lines and the prompt's two fit; 23 do not.
        let pager = Pager::new("less", 24).unwrap();
        assert!(!pager.needed(&b"line\n".repeat(22)));
        assert!(pager.needed(&b"line\n".repeat(23)));
    }

    #[test]
    fn a_pager_that_cannot_start_or_fails_writes_the_answer_directly_with_a_warning() {
        for command in ["/nonexistent/htref-pager", "false"] {
            let pager = Pager::new(command, 1).unwrap();
            let (mut out, mut warn) = (Vec::new(), Vec::new());
            pager.show(b"a\nb\n", &mut out, &mut warn).unwrap();
            assert_eq!(out, b"a\nb\n", "{command}");
            let warn = String::from_utf8(warn).unwrap();
            assert_eq!(warn.lines().count(), 1, "{command}: {warn}");
            assert!(warn.contains(command), "{warn}");
        }
    }

    #[test]
    fn a_pager_that_ends_without_reading_leaves_the_answer_written_directly() {
        // Small and larger than a pipe holds (a pager that never reads must not block).
        for answer in [b"a\nb\n".to_vec(), b"line\n".repeat(40_000)] {
            let pager = Pager::new("true", 1).unwrap();
            let (mut out, mut warn) = (Vec::new(), Vec::new());
            pager.show(&answer, &mut out, &mut warn).unwrap();
            assert_eq!(out, answer);
            let warn = String::from_utf8(warn).unwrap();
            assert!(warn.contains("without reading"), "{warn}");
        }
    }

    #[test]
    fn a_pager_that_reads_the_answer_is_left_to_show_it() {
        // `cat > /dev/null` reads everything and shows it nowhere: htref cannot tell, and
        // must not print the answer a second time.
        let pager = Pager::new("sh -c cat>/dev/null", 1).unwrap();
        let (mut out, mut warn) = (Vec::new(), Vec::new());
        pager.show(b"a\nb\nc\n", &mut out, &mut warn).unwrap();
        assert!(out.is_empty());
        assert!(warn.is_empty(), "{}", String::from_utf8_lossy(&warn));
    }

    #[test]
    fn every_pager_keeps_no_history_and_less_shows_colors() {
        let less = Pager::new("less", 1).unwrap();
        let env = |pager: &Pager, own: Option<&str>| pager.environment(own);
        assert!(env(&less, None).contains(&("LESSHISTFILE", "-".to_string())));
        assert!(env(&less, None).contains(&("LESS", "FRX".to_string())));
        assert!(env(&less, Some("-i")).contains(&("LESS", "-i -R".to_string())));
        assert!(
            !env(&less, Some("-iR"))
                .iter()
                .any(|(name, _)| *name == "LESS")
        );
        let more = Pager::new("/usr/bin/more", 1).unwrap();
        assert!(env(&more, Some("-i")).contains(&("LESSHISTFILE", "-".to_string())));
        assert!(
            !env(&more, Some("-i"))
                .iter()
                .any(|(name, _)| *name == "LESS")
        );
    }
}
