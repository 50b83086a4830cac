//! Every `htref` example in the README and in each subcommand's `--help` runs as written
//! (redirections and pipes left to the shell, files they name made first) and succeeds.

use crate::util::{SUBCOMMANDS, htref};
use std::path::Path;

const README: &str = include_str!("../../README.md");

/// A command line's words, as a POSIX shell splits simple ones: quotes kept together,
/// `~/` read as the home folder; the line ends at a comment, a pipe or a redirection.
fn words(line: &str, home: &Path) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '#' | '|' | '>') => break,
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
        .into_iter()
        .map(|w| match w.strip_prefix("~/") {
            Some(rest) => home.join(rest).display().to_string(),
            None => w,
        })
        .collect()
}

/// The examples of the README's shell blocks and of every subcommand's help, in order.
fn examples() -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_block = false;
    for line in README.lines() {
        if line.starts_with("```") {
            in_block = line.starts_with("```sh");
            continue;
        }
        if in_block && line.trim_start().starts_with("htref ") {
            lines.push(line.trim().to_string());
        }
    }
    for command in SUBCOMMANDS {
        let help = htref().args([command, "--help"]).output().unwrap();
        let help = String::from_utf8(help.stdout).unwrap();
        let examples = help.split("Examples:").nth(1).unwrap_or_default();
        lines.extend(
            examples
                .lines()
                .filter(|l| l.trim_start().starts_with("htref "))
                .map(|l| l.trim().to_string()),
        );
    }
    lines
}

#[test]
fn every_example_in_the_readme_and_the_help_runs() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    // The files the examples name.
    let feed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/feeds/regional-211.json"
    );
    std::fs::copy(feed, home.join("county-211.json")).unwrap();
    let template = htref().args(["data", "template"]).output().unwrap().stdout;
    let template = String::from_utf8(template).unwrap();
    for overlay in [
        "county.ron",
        "clinic.ron",
        "local.ron",
        ".config/htref/overlay.ron",
    ] {
        let path = home.join(overlay);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Overlays read together (the default one with those named) need ids of their own.
        let stem = overlay.trim_end_matches(".ron").replace(['.', '/'], "-");
        let text = template.replace("example-county", &format!("example{stem}"));
        std::fs::write(path, text).unwrap();
    }
    let package = htref()
        .current_dir(home)
        .args(["export", "--format", "hsds", "--output", "package"])
        .output()
        .unwrap();
    assert!(package.status.success());
    let examples = examples();
    assert!(examples.len() >= 40, "{examples:?}");
    let mut ran = 0;
    for line in &examples {
        let args = words(line, home);
        // A shell loop or a variable is the shell's, not htref's.
        if args.iter().any(|w| w.contains('$')) {
            continue;
        }
        let output = htref()
            .current_dir(home)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("TMPDIR", home)
            .args(&args[1..])
            .output()
            .unwrap();
        let code = output.status.code();
        let stderr = String::from_utf8_lossy(&output.stderr);
        // An import reports what it could not keep of the fixture feed, with exit 3.
        let ok = code == Some(0) || (args[1] == "data" && args[2] == "import" && code == Some(3));
        assert!(
            ok,
            "`{line}` exited {code:?}: {stderr}{}",
            String::from_utf8_lossy(&output.stdout)
        );
        ran += 1;
    }
    assert!(ran >= 40, "{ran}");
}

#[test]
fn the_manual_names_every_variable_and_file_htref_reads_and_no_help_page() {
    // Every HTREF_ variable the code reads, found in the source itself.
    let mut names = std::collections::BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("\"HTREF_") {
                    // A name baked in at build time (`env!`) is no variable a user sets.
                    if text[..at].ends_with("env!(") {
                        continue;
                    }
                    let name: String = text[at + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                        .collect();
                    names.insert(name);
                }
            }
        }
    }
    assert!(names.len() >= 5, "{names:?}");
    for page in [None, Some("who-handles")] {
        let mut args = vec!["man"];
        args.extend(page);
        let (code, roff, _) = crate::util::run(&args);
        assert_eq!(code, 0);
        let environment = &roff[roff
            .find(".SH ENVIRONMENT")
            .expect("an ENVIRONMENT section")..];
        for name in &names {
            assert!(
                environment.contains(name.as_str()),
                "{page:?}: {name} missing"
            );
        }
        assert!(
            roff.contains(".SH FILES") && roff.contains("overlay.ron"),
            "{page:?}"
        );
        assert!(!roff.contains("htref\\-help"), "{page:?}: no such page");
        assert!(
            roff.contains(".SH EXAMPLES\n.nf"),
            "{page:?}: examples set as written"
        );
    }
}

/// An answer's body: everything before its last blank line (the footer, whose data date
/// grows a note as time passes, follows it), each line without trailing spaces.
fn body(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let end = lines
        .iter()
        .rposition(|l| l.is_empty())
        .unwrap_or(lines.len());
    lines[..end]
        .iter()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_readme_shows_the_answers_htref_gives() {
    let home = tempfile::tempdir().unwrap();
    let mut blocks = 0;
    for block in README.split("```text\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let Some(command) = block
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("$ htref "))
        else {
            continue;
        };
        let shown = &block[block.find('\n').unwrap() + 1..];
        let mut args = words(command, home.path());
        // A table in the README is what an 80-column terminal shows.
        if shown.contains('┌') && !args.iter().any(|a| a == "--format" || a == "--plain") {
            args.extend(["--format".to_string(), "table".to_string()]);
        }
        let out = htref().env("COLUMNS", "80").args(&args).output().unwrap();
        let answer = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            body(shown),
            body(&answer),
            "README example `htref {command}` is out of date: run scripts/update-readme-examples.py"
        );
        blocks += 1;
    }
    assert!(blocks >= 5, "{blocks}");
}
