//! `htref man [COMMAND]`: the manual pages, one for htref and one per subcommand, as git
//! ships them, so each subcommand's options are documented where `man` looks.

use crate::cli::Cli;
use crate::error::UsageError;
use clap::CommandFactory;
use std::io::Write;

/// Writes the main page, or the page of one subcommand (`htref-who-handles(1)`).
pub fn write(command: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    let cli = Cli::command();
    let Some(name) = command else {
        clap_mangen::Man::new(cli).render(out)?;
        return Ok(());
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
    let page = sub
        .clone()
        .name(format!("htref-{}", sub.get_name()))
        .version(cli.get_version().unwrap_or_default().to_string());
    clap_mangen::Man::new(page).render(out)?;
    Ok(())
}
