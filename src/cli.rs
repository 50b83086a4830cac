//! Command-line interface: every command and flag, with its help text.

use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  htref who-handles labor
  htref who-handles \"16 year old from Honduras forced to work on a farm\"
  htref hotline --tty
  htref phone 1-866-DHS-2-ICE
  htref who-handles \"visa status\" --json | jq '.referrals[0].contacts'

Exit status: 0 found, 1 nothing matched, 2 usage error, 3 data error, 4 output error.
If someone is in immediate danger, call 911.";

/// Which U.S. federal office handles a human-trafficking need, and how to reach it.
///
/// htref answers offline from a bundled dataset built from five public source documents;
/// every answer names its sources and their dates.
#[derive(Debug, Parser)]
#[command(
    name = "htref",
    version = concat!(env!("CARGO_PKG_VERSION"), " (data as of ", env!("HTREF_DATA_AS_OF"), ")"),
    about,
    long_about,
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the data comes from: the bundled dataset plus local overlays.
#[derive(Debug, Args)]
#[command(next_help_heading = "Data")]
pub struct DataArgs {
    /// A local overlay file (RON) to merge over the bundled data; repeat for several.
    /// `HTREF_DATA` (a path list) and `~/.config/htref/overlay.ron` are read too.
    #[arg(long = "data", value_name = "PATH")]
    pub data: Vec<std::path::PathBuf>,

    /// Where the caller is: a state (MD, Maryland), a city or county with its state
    /// (Baltimore, MD) or a ZIP code. Offers the local database's services there and keeps
    /// only overlay entries for that state; federal offices are nationwide. Default:
    /// `HTREF_WHERE` (ignored with a warning when it is not a place).
    // Not clap's `env`: a bad value set once in a shell profile would make every answer a
    // usage error; `Cli::apply_environment` reads it instead.
    #[arg(long = "where", visible_alias = "state", value_name = "PLACE")]
    pub place: Option<String>,

    /// The local database to read (default: `HTREF_DB`, else
    /// `$XDG_DATA_HOME/htref/local.db`).
    #[arg(long = "db", value_name = "PATH")]
    pub db: Option<std::path::PathBuf>,
}

/// How an answer is printed: only on commands that print answers.
#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// The language of the answer's own words (the 911 line, headings, footer): `en` or
    /// `es`. Without it, Spanish when the question is in Spanish or `LANG` names Spanish
    /// (`es_MX.UTF-8`), else English.
    #[arg(long = "lang", value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    /// Output format: a table on a terminal, plain text in a pipe, or JSON.
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// Shorthand for --format json.
    #[arg(long = "json", conflicts_with_all = ["format", "plain"])]
    pub json: bool,

    /// Shorthand for --format plain: no table art, one fact per line.
    #[arg(long = "plain", conflicts_with = "format")]
    pub plain: bool,

    /// Say that an answer is based only on sources older than this many years.
    #[arg(long = "stale-after", default_value_t = 5, value_name = "YEARS")]
    pub stale_after: u16,

    /// Write phone numbers and short codes digit by digit with pauses, as a screen reader
    /// should read them.
    #[arg(long = "spoken-digits")]
    pub spoken_digits: bool,

    /// When to use color. With `auto`, `NO_COLOR` turns it off and `CLICOLOR_FORCE` on.
    #[arg(
        long = "color",
        value_enum,
        default_value_t = ColorWhen::Auto,
        value_name = "WHEN"
    )]
    pub color: ColorWhen,

    /// Never page: print the whole answer even when it is taller than the terminal.
    /// (The pager is `HTREF_PAGER`, else `PAGER`, else `less`; only on a terminal.)
    #[arg(long = "no-pager")]
    pub no_pager: bool,
}

/// How much of an answer to print.
#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct DetailArgs {
    /// Everything: every contact with hours and audience, sources, conflicts between
    /// sources, verification notes. The default fits one screen.
    #[arg(long = "long", short = 'l')]
    pub long: bool,
}

/// The languages htref answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Spanish.
    Es,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Tables sized to the terminal.
    Table,
    /// Plain text for pipes and screen readers.
    Plain,
    /// One JSON document with a stable schema.
    Json,
    /// A Markdown referral sheet to paste into a case note.
    Markdown,
    /// A self-contained, printable HTML referral sheet.
    Html,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// htref's own schema: the whole dataset.
    Json,
    /// Open Referral HSDS 3.0 JSON.
    Hsds,
    /// A flat list of contacts.
    Csv,
}

/// Who is asking: the order and notes follow the asker; 911 and the hotline always show.
#[derive(Debug, Args)]
pub struct AskerArgs {
    /// Who is asking. Changes the order and the notes; never hides 911 or the hotline.
    /// Without it, `HTREF_ROLE` (ignored with a warning when it is not a role), else
    /// who-handles reads the asker from the question ("my client's U visa" is a lawyer's
    /// or advocate's) and says so; otherwise the public.
    // Not clap's `env`, for the reason given at `DataArgs::place`.
    #[arg(long = "as", value_enum, value_name = "ROLE")]
    pub asker: Option<AskerArg>,
}

impl AskerArgs {
    /// The asker given with `--as` or `HTREF_ROLE`, or the public.
    pub fn asker(&self) -> crate::data::Asker {
        self.asker.map_or(crate::data::Asker::Public, Into::into)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AskerArg {
    /// Anyone (the default).
    Public,
    /// A survivor of trafficking (also: victim).
    #[value(alias = "victim")]
    Survivor,
    /// A victim advocate, case manager, social worker or hotline staff.
    #[value(
        alias = "case-manager",
        alias = "case manager",
        alias = "social-worker",
        alias = "social worker",
        alias = "hotline-staff"
    )]
    Advocate,
    /// An immigration or other attorney (also: lawyer).
    #[value(alias = "lawyer")]
    Attorney,
    /// A police officer, detective, investigator or prosecutor (also: police, officer,
    /// detective).
    #[value(
        alias = "police",
        alias = "officer",
        alias = "detective",
        alias = "investigator",
        alias = "prosecutor"
    )]
    LawEnforcement,
    /// A benefits representative (the sources name federal ones for the verification line).
    Benefits,
    /// A teacher, counselor or other school staff (also: teacher, counselor, school).
    #[value(alias = "teacher", alias = "counselor", alias = "school")]
    Educator,
}

impl From<AskerArg> for crate::data::Asker {
    fn from(arg: AskerArg) -> Self {
        use crate::data::Asker;
        match arg {
            AskerArg::Public => Asker::Public,
            AskerArg::Survivor => Asker::Survivor,
            AskerArg::Advocate => Asker::Advocate,
            AskerArg::Attorney => Asker::Attorney,
            AskerArg::LawEnforcement => Asker::LawEnforcement,
            AskerArg::Benefits => Asker::Benefits,
            AskerArg::Educator => Asker::Educator,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Color when printing tables or text to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always color text output (never JSON).
    Always,
    /// Never color.
    Never,
}

/// A subcommand's options, added only when clap enters that subcommand (or builds the whole
/// tree, for help, man pages and completions): building every subcommand's options at each
/// start cost a sixth of an answer's instructions. (`data`'s own subcommands stay built: the
/// `help` subcommand's tree is made before a deferred group would be.)
#[derive(Debug)]
pub struct Deferred<T>(pub T);

impl<T> std::ops::Deref for Deferred<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> std::ops::DerefMut for Deferred<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }
    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Deferred)
    }
    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

/// `add` run on a subcommand that already has its own description: a flattened group's
/// doc comment ("Where the data comes from") must not replace it, as it cannot when the
/// options come first.
fn keeping_about(cmd: clap::Command, add: fn(clap::Command) -> clap::Command) -> clap::Command {
    let about = cmd.get_about().cloned();
    let long_about = cmd.get_long_about().cloned();
    let mut cmd = add(cmd);
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    if let Some(long_about) = long_about {
        cmd = cmd.long_about(long_about);
    }
    cmd
}

fn augment_keeping_about<T: Args>(cmd: clap::Command) -> clap::Command {
    keeping_about(cmd, T::augment_args)
}

fn augment_for_update_keeping_about<T: Args>(cmd: clap::Command) -> clap::Command {
    keeping_about(cmd, T::augment_args_for_update)
}

impl<T: Args> Args for Deferred<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(augment_keeping_about::<T>)
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(augment_for_update_keeping_about::<T>)
    }
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Who handles a need, described in your own words.
    #[command(
        visible_alias = "who",
        after_help = "Examples:\n  htref who-handles labor\n  htref who-handles child victim\n  htref who-handles \"status of my client's U visa\" --as attorney\n  htref who-handles labor --format html > referral-sheet.html"
    )]
    WhoHandles(Deferred<WhoHandlesArgs>),

    /// The National Human Trafficking Hotline: every channel, or just one.
    #[command(
        after_help = "Examples:\n  htref hotline\n  htref hotline --tty\n  htref hotline --text --plain"
    )]
    Hotline(Deferred<HotlineArgs>),

    /// Whose number is this? Reverse look-up of any written form of a number.
    #[command(
        after_help = "Examples:\n  htref phone 1-866-DHS-2-ICE\n  htref phone \"(888) 428-7581\"\n  htref phone 233733"
    )]
    Phone(Deferred<PhoneArgs>),

    /// The full card of one organization, by id, name, acronym or old name.
    #[command(
        after_help = "Examples:\n  htref show otip\n  htref show NHTRC\n  htref show \"Wage and Hour Division\""
    )]
    Show(Deferred<ShowArgs>),

    /// Every organization, as a tree by department or as a flat table.
    #[command(
        after_help = "Examples:\n  htref list\n  htref list --flat --kind office\n  htref list --department doj"
    )]
    List(Deferred<ListArgs>),

    /// The needs htref recognizes, with example phrasings.
    #[command(
        after_help = "Examples:\n  htref needs\n  htref needs --long\n  htref needs --json | jq '.needs[].id'"
    )]
    Needs(Deferred<NeedsArgs>),

    /// The source documents, their dates, and where they disagree.
    #[command(after_help = "Examples:\n  htref sources\n  htref sources --conflicts")]
    Sources(Deferred<SourcesArgs>),

    /// Import an HSDS feed into the local database, list and remove its feeds; check local
    /// overlay files, or print a starter overlay.
    #[command(
        subcommand,
        after_help = "Examples:\n  htref data import county-211.json --name county-211\n  htref data feeds\n  htref data remove county-211\n  htref data template > ~/.config/htref/overlay.ron\n  htref data check ~/.config/htref/overlay.ron"
    )]
    Data(DataCommand),

    /// Write the bundled (plus overlay) data for other directory software.
    #[command(
        after_help = "Examples:\n  htref export --format hsds > htref-hsds.json\n  htref export --format csv > contacts.csv\n  htref export --format json --data local.ron"
    )]
    Export(Deferred<ExportArgs>),

    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  htref completions bash > ~/.local/share/bash-completion/completions/htref\n  htref completions zsh > ~/.zfunc/_htref\n  htref completions fish > ~/.config/fish/completions/htref.fish"
    )]
    Completions(Deferred<CompletionsArgs>),

    /// Print the manual page (roff).
    #[command(
        after_help = "Examples:\n  htref man > ~/.local/share/man/man1/htref.1\n  htref man who-handles > ~/.local/share/man/man1/htref-who-handles.1\n  htref man | man -l -"
    )]
    Man(Deferred<ManArgs>),
}

#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Validate overlay files: each problem on one line with file, line and column.
    Check {
        /// Overlay files to check.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<std::path::PathBuf>,
        /// One JSON document: each file's counts and each problem with file, line, column.
        #[arg(long = "json")]
        json: bool,
    },
    /// Print a commented starter overlay.
    Template,
    /// Import an HSDS feed (3.0 JSON, or a 3.0 or 1.x tabular package) into the local
    /// database, replacing that feed's earlier records; what cannot be imported is reported
    /// on stderr with its record id or table row (exit 3). `--to-overlay` prints a small
    /// feed (at most 5,000 organizations) as a RON overlay to edit by hand instead.
    Import {
        /// An HSDS JSON file (a list, a paged `contents` list, one organization or one
        /// service), a tabular package's folder (HSDS 3.0 or 1.x) or its datapackage.json.
        /// Left out with `--name`: that feed again, from the path it was imported from.
        #[arg(value_name = "PATH", required_unless_present = "name")]
        path: Option<std::path::PathBuf>,
        /// The feed's name in the database (default: the file's name).
        #[arg(long = "name", value_name = "NAME")]
        name: Option<String>,
        /// Print a RON overlay on stdout to edit by hand, instead of importing: for a few
        /// partners (at most 5,000 organizations), not a directory's whole feed.
        #[arg(long = "to-overlay")]
        to_overlay: bool,
        /// Report every row of a tabular package and every record that was not kept (or
        /// kept in part), one line each (by default they are counted by reason).
        #[arg(long = "verbose", short = 'v')]
        verbose: bool,
        /// The database to import into (default: `HTREF_DB`, else
        /// `$XDG_DATA_HOME/htref/local.db`).
        #[arg(long = "db", value_name = "PATH")]
        db: Option<std::path::PathBuf>,
    },
    /// List the feeds in the local database: file, when imported, counts, problems.
    Feeds {
        /// One JSON document instead of a table.
        #[arg(long = "json")]
        json: bool,
        /// The database to read.
        #[arg(long = "db", value_name = "PATH")]
        db: Option<std::path::PathBuf>,
    },
    /// Remove a feed and its records from the local database.
    Remove {
        /// The feed's name, as `htref data feeds` lists it.
        #[arg(value_name = "NAME")]
        name: String,
        /// The database to change.
        #[arg(long = "db", value_name = "PATH")]
        db: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct WhoHandlesArgs {
    /// The need, in any words: quoted or not.
    #[arg(required = true, value_name = "NEED", num_args = 1..)]
    pub need: Vec<String>,

    /// Show at most this many referrals.
    #[arg(long = "limit", short = 'n', default_value_t = 5, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub limit: u16,

    /// Show every referral.
    #[arg(long = "all", conflicts_with = "limit")]
    pub all: bool,

    /// Keep police and immigration tip lines on the client's sheet (`--format html`) of a
    /// victim's or worker's question; the sheet leaves them off unless the asker is law
    /// enforcement, the question reports a crime or names the office.
    #[arg(long = "include-enforcement")]
    pub include_enforcement: bool,

    #[command(flatten)]
    pub asker: AskerArgs,

    #[command(flatten)]
    pub detail: DetailArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct HotlineArgs {
    /// Only the TTY channel, for deaf, hard-of-hearing or speech-disabled callers.
    #[arg(long = "tty")]
    pub tty: bool,
    /// Only the text channel (short code and rates note).
    #[arg(long = "text")]
    pub text: bool,
    /// Only the live chat channel.
    #[arg(long = "chat")]
    pub chat: bool,
    /// Only the Spanish-language option.
    #[arg(long = "spanish")]
    pub spanish: bool,

    #[command(flatten)]
    pub detail: DetailArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct PhoneArgs {
    /// A number in any form: (888) 428-7581, +1 866 401 5510, 1-866-DHS-2-ICE, 233733.
    #[arg(value_name = "NUMBER", num_args = 1.., required = true)]
    pub number: Vec<String>,

    #[command(flatten)]
    pub asker: AskerArgs,

    #[command(flatten)]
    pub detail: DetailArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// An id, name, acronym or old name: otip, "Wage and Hour Division", NHTRC.
    #[arg(value_name = "NAME", num_args = 1.., required = true)]
    pub name: Vec<String>,

    #[command(flatten)]
    pub asker: AskerArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// A flat table instead of a tree.
    #[arg(long = "flat")]
    pub flat: bool,

    /// Only organizations of this kind.
    #[arg(long = "kind", value_name = "KIND")]
    pub kind: Option<KindArg>,

    /// Only organizations under this department (id, name or acronym).
    #[arg(long = "department", value_name = "DEPARTMENT")]
    pub department: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Department,
    Agency,
    Office,
    Program,
    Initiative,
    Campaign,
    TaskForce,
    Hotline,
    Interagency,
    Partner,
}

#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// Only the recorded conflicts between sources.
    #[arg(long = "conflicts")]
    pub conflicts: bool,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct NeedsArgs {
    #[command(flatten)]
    pub detail: DetailArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write: HSDS 3.0 JSON, htref's own JSON, or a flat CSV contact list.
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub format: Option<ExportFormat>,

    /// Shorthand for --format json.
    #[arg(long = "json", conflicts_with = "format")]
    pub json: bool,

    /// With --format hsds: write HSDS's tabular data package here instead (a directory:
    /// datapackage.json and one CSV per table).
    #[arg(long = "output", value_name = "DIR")]
    pub output: Option<std::path::PathBuf>,

    /// With --output: replace an earlier htref export there (a folder holding htref's
    /// manifest and only the files it names); any other folder is refused.
    #[arg(long = "force", requires = "output")]
    pub force: bool,

    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand's page (who-handles, hotline, ...) instead of the main page.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

impl Cli {
    /// Fills what the command line left out from `HTREF_WHERE` and `HTREF_ROLE`. A value
    /// that is not a place or a role is ignored, and said in the returned warning lines: a
    /// variable set once in a shell profile must never turn every answer into an error.
    /// (The same values given as flags are usage errors: they were typed for this answer.)
    pub fn apply_environment(&mut self) -> Vec<String> {
        self.apply_environment_from(|name| std::env::var_os(name))
    }

    /// [`Cli::apply_environment`] with the variables given by `var`.
    pub fn apply_environment_from(
        &mut self,
        var: impl Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Vec<String> {
        let mut warnings = Vec::new();
        let mut read = |name: &str| -> Option<String> {
            let value = var(name)?;
            match value.into_string() {
                Ok(text) if text.trim().is_empty() => None,
                Ok(text) => Some(text),
                Err(_) => {
                    warnings.push(format!(
                        "{name} is not valid UTF-8 text; ignored (unset it or fix it)"
                    ));
                    None
                }
            }
        };
        let place = read("HTREF_WHERE");
        let role = read("HTREF_ROLE");
        if let Some(data) = self.command.data_mut()
            && data.place.is_none()
            && let Some(text) = place
        {
            match crate::data::place::parse(&text) {
                Ok(_) => data.place = Some(text),
                Err(why) => warnings.push(format!(
                    "HTREF_WHERE={}: {}; ignored (fix or unset it, or give --where)",
                    crate::render::one_line(&text),
                    why.said(crate::matching::reading::Lang::En)
                )),
            }
        }
        if let Some(asker) = self.command.asker_mut()
            && asker.asker.is_none()
            && let Some(text) = role
        {
            match AskerArg::from_str(text.trim(), true) {
                Ok(role) => asker.asker = Some(role),
                Err(_) => warnings.push(format!(
                    "HTREF_ROLE={} is not a role ({}); ignored (fix or unset it, or give --as)",
                    crate::render::one_line(&text),
                    AskerArg::value_variants()
                        .iter()
                        .filter_map(clap::ValueEnum::to_possible_value)
                        .map(|v| v.get_name().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
        warnings
    }
}

impl Command {
    /// The data arguments, to fill from the environment.
    fn data_mut(&mut self) -> Option<&mut DataArgs> {
        match self {
            Command::WhoHandles(a) => Some(&mut a.data),
            Command::Hotline(a) => Some(&mut a.data),
            Command::Phone(a) => Some(&mut a.data),
            Command::Show(a) => Some(&mut a.data),
            Command::List(a) => Some(&mut a.data),
            Command::Needs(a) => Some(&mut a.data),
            Command::Sources(a) => Some(&mut a.data),
            Command::Export(a) => Some(&mut a.data),
            Command::Data(_) | Command::Completions(_) | Command::Man(_) => None,
        }
    }

    /// Who is asking, for the commands that take `--as`.
    fn asker_mut(&mut self) -> Option<&mut AskerArgs> {
        match self {
            Command::WhoHandles(a) => Some(&mut a.asker),
            Command::Phone(a) => Some(&mut a.asker),
            Command::Show(a) => Some(&mut a.asker),
            _ => None,
        }
    }

    /// How this command prints, when it prints an answer.
    pub fn output(&self) -> Option<&OutputArgs> {
        match self {
            Command::WhoHandles(a) => Some(&a.output),
            Command::Hotline(a) => Some(&a.output),
            Command::Phone(a) => Some(&a.output),
            Command::Show(a) => Some(&a.output),
            Command::List(a) => Some(&a.output),
            Command::Needs(a) => Some(&a.output),
            Command::Sources(a) => Some(&a.output),
            Command::Export(_) | Command::Data(_) | Command::Completions(_) | Command::Man(_) => {
                None
            }
        }
    }

    /// Where this command's data comes from, when it reads the data.
    pub fn data(&self) -> Option<&DataArgs> {
        match self {
            Command::WhoHandles(a) => Some(&a.data),
            Command::Hotline(a) => Some(&a.data),
            Command::Phone(a) => Some(&a.data),
            Command::Show(a) => Some(&a.data),
            Command::List(a) => Some(&a.data),
            Command::Needs(a) => Some(&a.data),
            Command::Sources(a) => Some(&a.data),
            Command::Export(a) => Some(&a.data),
            Command::Data(_) | Command::Completions(_) | Command::Man(_) => None,
        }
    }

    /// Whether the answer is the one-screen default or everything (--long).
    pub fn long(&self) -> bool {
        match self {
            Command::WhoHandles(a) => a.detail.long,
            Command::Hotline(a) => a.detail.long,
            Command::Phone(a) => a.detail.long,
            Command::Needs(a) => a.detail.long,
            // `show` is the full card; the other listings have no compact form.
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn each_subcommand_keeps_its_own_description_when_its_options_come_late() {
        let mut cli = Cli::command();
        cli.build();
        let abouts: Vec<String> = cli
            .get_subcommands()
            .map(|s| s.get_about().map(ToString::to_string).unwrap_or_default())
            .collect();
        let mut distinct = abouts.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), abouts.len(), "{abouts:#?}");
        let who = cli.find_subcommand("who-handles").unwrap();
        assert!(who.get_arguments().any(|a| a.get_id() == "json"));
    }
}
