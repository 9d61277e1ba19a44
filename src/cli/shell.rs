//! `tthc completions SHELL` and `tthc man`: what packagers install beside the binary.

use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `tthc completions`.
#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell: bash, elvish, fish, powershell or zsh.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Arguments of `tthc man`.
#[derive(clap::Args, Debug)]
pub struct ManArgs {
    /// Write `tthc.1` and one page per subcommand (`tthc-check.1`, …) into DIR instead of
    /// printing `tthc.1`.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// The command as clap knows it, built so that global options reach every subcommand.
fn command() -> clap::Command {
    let mut cmd = super::Cli::command();
    cmd.build();
    cmd
}

/// Prints the completion script for a shell.
pub fn run_completions(args: CompletionsArgs) -> ExitCode {
    let mut cmd = command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "tthc", &mut out);
    write_stdout(&out)
}

/// Renders a man page: `name` becomes the page's title (`tthc-check` for a subcommand).
fn page(cmd: clap::Command, name: String) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).title(name).render(&mut out)?;
    Ok(out)
}

/// Prints `tthc.1`, or writes it and the subcommands' pages into a folder.
pub fn run_man(args: ManArgs) -> ExitCode {
    let cmd = command();
    let Some(dir) = args.out else {
        return match page(cmd, "tthc".into()) {
            Ok(out) => write_stdout(&out),
            Err(e) => failed(&e),
        };
    };
    let mut pages = vec![("tthc".to_string(), cmd.clone())];
    // clap's own `help` subcommand needs no page of its own.
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        pages.push((format!("tthc-{}", sub.get_name()), sub.clone()));
    }
    let written = std::fs::create_dir_all(&dir).and_then(|()| {
        for (name, c) in pages {
            std::fs::write(dir.join(format!("{name}.1")), page(c, name)?)?;
        }
        Ok(())
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed(&e),
    }
}

fn write_stdout(bytes: &[u8]) -> ExitCode {
    match std::io::stdout().lock().write_all(bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed(&e),
    }
}

fn failed(e: &std::io::Error) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(super::EXIT_CANNOT_RUN)
}
