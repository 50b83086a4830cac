//! `htref man [COMMAND]`: the manual pages, one for htref and one per subcommand, as git
//! ships them, so each subcommand's options are documented where `man` looks. Each page
//! also has the sections clap does not know: EXAMPLES (set as written, never justified),
//! EXIT STATUS, ENVIRONMENT and FILES.

use crate::cli::Cli;
use crate::error::UsageError;
use clap::CommandFactory;
use std::io::Write;

/// Writes the main page, or the page of one subcommand (`htref-who-handles(1)`).
pub fn write(command: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    // No `help` subcommand on a page: there is no htref-help(1) to point at.
    let cli = Cli::command().disable_help_subcommand(true);
    let Some(name) = command else {
        let mut cli = cli;
        cli.build();
        return render(&clap_mangen::Man::new(cli), out);
    };
    let Some(sub) = cli
        .get_subcommands()
        .find(|s| s.get_name() == name || s.get_all_aliases().any(|a| a == name))
    else {
        let names: Vec<&str> = cli.get_subcommands().map(clap::Command::get_name).collect();
        return Err(UsageError(format!(
            "no manual page for `{}`: try one of {}",
            crate::render::clip(name, 40),
            names.join(", ")
        ))
        .into());
    };
    let mut page = sub
        .clone()
        .name(format!("htref-{}", sub.get_name()))
        .version(cli.get_version().unwrap_or_default().to_string());
    page.build();
    render(&clap_mangen::Man::new(page), out)
}

/// clap's sections, then htref's own, in the order man pages keep.
fn render(man: &clap_mangen::Man, out: &mut dyn Write) -> anyhow::Result<()> {
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    out.write_all(EXAMPLES.as_bytes())?;
    out.write_all(SECTIONS.as_bytes())?;
    man.render_version_section(out)?;
    Ok(())
}

/// The examples, set line by line (`.nf`): a justified command line reads wrong.
const EXAMPLES: &str = r#".SH EXAMPLES
.nf
htref who\-handles labor
htref who\-handles "16 year old from Honduras forced to work on a farm"
htref who\-handles "nos quitaron los pasaportes en la granja" \-\-where "Fresno, CA"
htref hotline \-\-tty
htref phone 1\-866\-DHS\-2\-ICE
htref who\-handles "visa status" \-\-json | jq '.referrals[0].contacts'
.fi
.PP
If someone is in immediate danger, call 911.
"#;

/// Exit status, the environment and the files htref reads.
const SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
0
found: something matched and was printed
.TP
1
nothing matched
.TP
2
usage error: a flag, a value or a question htref cannot take
.TP
3
data error: a file named on the command line (\fB\-\-data\fR, \fB\-\-db\fR) is broken, or an import reported what it could not keep
.TP
4
output error: a full disk, or standard output closed
.PP
Every error ends with a line giving the National Human Trafficking Hotline.
.SH ENVIRONMENT
.TP
\fBHTREF_WHERE\fR
The default place (\fB\-\-where\fR); a value that is not a place is ignored with a warning.
.TP
\fBHTREF_ROLE\fR
The default asker (\fB\-\-as\fR); a value that is not a role is ignored with a warning.
.TP
\fBHTREF_DATA\fR
Overlay files to read, a path list; one that is broken is left out with a warning.
.TP
\fBHTREF_DB\fR
The local database; one that is broken is left out of answers with a warning.
.TP
\fBHTREF_PAGER\fR, \fBPAGER\fR
The pager for an answer taller than the terminal (\fBless\fR by default); empty or \fBcat\fR for none.
.TP
\fBLESS\fR
Options for less; \fBFRX\fR when unset, and \fB\-R\fR added when missing.
.TP
\fBLANG\fR, \fBLC_ALL\fR, \fBLC_MESSAGES\fR
An \fBes\fR locale answers in Spanish when \fB\-\-lang\fR is not given.
.TP
\fBNO_COLOR\fR, \fBCLICOLOR_FORCE\fR
Turn color off, or on in a pipe (\fB\-\-color\fR decides first).
.TP
\fBCOLUMNS\fR, \fBLINES\fR
The terminal's size, when it cannot be asked.
.SH FILES
.TP
\fI~/.config/htref/overlay.ron\fR
The default overlay (\fB$XDG_CONFIG_HOME/htref/overlay.ron\fR): your own local partners, read by every answer.
.TP
\fI~/.local/share/htref/local.db\fR
The default local database (\fB$XDG_DATA_HOME/htref/local.db\fR), written by \fBhtref data import\fR.
"#;
