//! For people who install threadline: `threadline completions SHELL`
//! prints a shell's completion script, `threadline man` the manual page.
//! Both are made from the command line's own definition (clap), so they
//! always match it.

use std::io::{self, Write};

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::failure::{Done, Outcome, ended};

/// The command line as a user sees it: without the hidden commands (the
/// child process's role), which clap's generators would otherwise offer.
pub fn documented() -> clap::Command {
    let all = Cli::command();
    let mut cmd = clap::Command::new("threadline")
        .version(env!("CARGO_PKG_VERSION"))
        .args(all.get_arguments().cloned())
        .subcommands(all.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    if let Some(a) = all.get_about() {
        cmd = cmd.about(a.clone());
    }
    if let Some(a) = all.get_long_about() {
        cmd = cmd.long_about(a.clone());
    }
    cmd
}

pub fn completions(args: &CompletionsArgs) -> Outcome {
    let mut cmd = documented();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "threadline", &mut out);
    ended(io::stdout().lock().write_all(&out).map(|()| Done::Success))
}

pub fn man() -> Outcome {
    let mut out = Vec::new();
    ended(
        page(&mut out)
            .and_then(|()| io::stdout().lock().write_all(&out))
            .map(|()| Done::Success),
    )
}

/// threadline(1): the top command's sections, then one section per
/// command with its synopsis, description and options (its headings as
/// subsections), so one page says everything `--help` does.
pub fn page(out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = documented().disable_help_subcommand(true);
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        writeln!(out, ".SH \"THREADLINE {}\"", sub.get_name().to_uppercase())?;
        let man = clap_mangen::Man::new(sub.clone());
        let mut section = Vec::new();
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        man.render_options_section(&mut section)?;
        // The command's own sections become subsections of its section.
        let text = format!("\n{}", String::from_utf8_lossy(&section)).replace("\n.SH ", "\n.SS ");
        out.write_all(&text.as_bytes()[1..])?;
    }
    man.render_version_section(out)
}
