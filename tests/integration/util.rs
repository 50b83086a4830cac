use assert_cmd::Command;

/// htref with an environment that cannot leak the developer's settings into a test, and
/// whose home, XDG and temp directories are one scratch folder under Cargo's temporary
/// folder for tests (target/tmp), so nothing a test runs can write anywhere else and the
/// system's temporary folder is left as it was found.
pub fn htref() -> Command {
    Command::from_std(htref_std())
}

/// [`htref`] as a standard command, for a test that sets its own stdout (a full device).
pub fn htref_std() -> std::process::Command {
    in_clean_env(env!("CARGO_BIN_EXE_htref"))
}

/// Any program (a shell that starts htref) with the clean environment [`htref`] has.
pub fn in_clean_env(program: &str) -> std::process::Command {
    static SCRATCH: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let scratch = SCRATCH
        .get_or_init(|| {
            tempfile::Builder::new()
                .prefix("htref-tests-")
                .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
                .expect("a scratch folder in target/tmp")
        })
        .path();
    let mut cmd = std::process::Command::new(program);
    cmd.env_remove("NO_COLOR")
        // The answer's language follows LANG after the question: tests start in English.
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("HTREF_DATA")
        .env_remove("HTREF_DB")
        .env_remove("HTREF_WHERE")
        .env_remove("HTREF_ROLE")
        .env_remove("HTREF_PAGER")
        .env_remove("PAGER")
        .env_remove("COLUMNS")
        .env_remove("LINES")
        .env("HOME", scratch)
        .env("XDG_CACHE_HOME", scratch.join("cache"))
        .env("XDG_DATA_HOME", scratch.join("data"))
        .env("XDG_STATE_HOME", scratch.join("state"))
        .env("TMPDIR", scratch)
        // Never read the developer's own overlay in ~/.config/htref.
        .env("XDG_CONFIG_HOME", "/nonexistent/htref-tests");
    cmd
}

/// htref with every place it could write pointed inside `home`: the home, XDG and temp
/// directories, and the working directory. Tests then list what appeared there.
pub fn htref_in(home: &std::path::Path) -> Command {
    let mut cmd = htref();
    cmd.current_dir(home)
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("TMPDIR", home);
    cmd
}

/// Runs htref with these arguments and returns (exit code, stdout, stderr).
#[track_caller]
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = htref().args(args).output().expect("htref runs");
    (
        output
            .status
            .code()
            .expect("htref exits, not killed by a signal"),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// Runs htref on a terminal this wide (`COLUMNS`), for tests that read a table's cells
/// whole.
#[track_caller]
pub fn run_wide(args: &[&str]) -> (i32, String, String) {
    let output = htref()
        .env("COLUMNS", "400")
        .args(args)
        .output()
        .expect("htref runs");
    (
        output.status.code().expect("htref exits"),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// Runs htref with `--json` and parses stdout.
#[track_caller]
pub fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = args.to_vec();
    all.push("--json");
    let (code, stdout, stderr) = run(&all);
    let value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON ({e}); stderr: {stderr}"));
    (code, value)
}

/// Every string in a JSON value, for "does the answer mention X" checks.
pub fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The ids of the needs a who-handles answer matched, best first.
pub fn need_ids(answer: &serde_json::Value) -> Vec<String> {
    answer["needs"]
        .as_array()
        .expect("needs is an array")
        .iter()
        .map(|n| n["id"].as_str().expect("need id").to_string())
        .collect()
}

/// The ids of a who-handles answer's referrals, best first.
pub fn referral_ids(answer: &serde_json::Value) -> Vec<String> {
    answer["referrals"]
        .as_array()
        .expect("referrals is an array")
        .iter()
        .map(|r| r["id"].as_str().expect("referral id").to_string())
        .collect()
}

/// A file in a temporary folder of its own, removed with the folder when the value is
/// dropped (also when the test fails); it reads as the file's path.
pub struct TempFile {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

impl TempFile {
    /// `name` written with `bytes` in a fresh temporary folder.
    pub fn new(name: &str, bytes: impl AsRef<[u8]>) -> TempFile {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("the file is written");
        TempFile { _dir: dir, path }
    }
}

impl std::ops::Deref for TempFile {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.path
    }
}

impl AsRef<std::path::Path> for TempFile {
    fn as_ref(&self) -> &std::path::Path {
        &self.path
    }
}

impl AsRef<std::ffi::OsStr> for TempFile {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.path.as_os_str()
    }
}

/// Every subcommand, in `htref --help`'s order.
pub const SUBCOMMANDS: [&str; 11] = [
    "who-handles",
    "hotline",
    "phone",
    "show",
    "list",
    "needs",
    "sources",
    "data",
    "export",
    "completions",
    "man",
];

/// An error's own lines: stderr without its last line, which must be the hotline's (every
/// error ends with it, so that no failure is a dead end).
#[track_caller]
pub fn without_hotline(stderr: &str) -> String {
    let mut lines: Vec<&str> = stderr.lines().collect();
    let last = lines.pop().unwrap_or_default();
    assert!(
        last.starts_with("htref: ") && last.contains("1-888-373-7888"),
        "the last line of an error is the hotline's: {stderr:?}"
    );
    lines.iter().flat_map(|l| [l, "\n"]).collect()
}

/// Runs htref on a pseudo-terminal (util-linux `script`, which Debian always has) with a
/// pager that marks what it was given.
pub fn on_pty(command: &str, rows: u16, extra_env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let pager = dir.join("pager");
    std::fs::write(
        &pager,
        "#!/bin/sh\necho PAGED-BY-TEST-PAGER history=$LESSHISTFILE\ncat\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_htref");
    // Found on the test's own PATH: a test may give htref a PATH of its own.
    let script = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("script"))
        .find(|p| p.is_file())
        .expect("util-linux `script` is on the PATH");
    let mut cmd = std::process::Command::new(script);
    cmd.args(["-qec", &format!("{bin} {command}"), "/dev/null"])
        .env("LINES", rows.to_string())
        .env("COLUMNS", "80")
        .env("HTREF_PAGER", &pager)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env_remove("HTREF_DATA")
        .env_remove("HTREF_DB")
        .env_remove("HTREF_WHERE")
        .env_remove("HTREF_ROLE")
        .env_remove("LESS")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("NO_COLOR")
        .env("TMPDIR", dir)
        .env_remove("PAGER");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let output = cmd
        .output()
        .expect("util-linux `script` runs htref on a pseudo-terminal");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A CSV text's rows by their header, each a map from column to cell.
pub fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}
