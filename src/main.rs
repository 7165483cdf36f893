use std::process::ExitCode;

fn main() -> ExitCode {
    factcards::cli::main()
}
