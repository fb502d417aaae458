//! The `mini` command line: `mini FILE [ARGS]`, `mini -c CODE`, `mini < FILE`.

use std::io::Read;
use std::process::ExitCode;

use clap::Parser;

use mini::runner::{INTERPRETER_STACK, Interpreter};

/// mini — a Python-flavoured language with a real GIL, for teaching parallel computing.
#[derive(Parser, Debug)]
#[command(name = "mini", version, about, long_about = None)]
struct Cli {
    /// Program passed in as a string (terminates the option list).
    #[arg(short = 'c', value_name = "CODE", allow_hyphen_values = true)]
    code: Option<String>,

    /// Program file to run, then its arguments (in sys.argv).
    #[arg(value_name = "FILE", trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The interpreter runs on its own thread so it can have a large stack.
    let worker = std::thread::Builder::new()
        .name("MainThread".into())
        .stack_size(INTERPRETER_STACK)
        .spawn(move || run(cli));
    let status = match worker.map(|h| h.join()) {
        Ok(Ok(status)) => status,
        _ => {
            eprintln!("mini: internal error: the interpreter thread failed");
            1
        }
    };
    ExitCode::from(status.clamp(0, 255) as u8)
}

fn run(cli: Cli) -> i32 {
    if let Some(code) = cli.code {
        let mut argv = vec!["-c".to_string()];
        argv.extend(cli.args);
        return with_ctrl_c(Interpreter::new(argv)).run_source(&code, "<string>");
    }
    match cli.args.first() {
        Some(path) => {
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => {
                    let abs = std::path::absolute(path)
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|_| path.clone());
                    eprintln!(
                        "mini: can't open file '{abs}': [Errno {}] {}",
                        e.raw_os_error().unwrap_or(2),
                        describe_io_error(&e)
                    );
                    return 2;
                }
            };
            with_ctrl_c(Interpreter::new(cli.args.clone())).run_bytes(&bytes, path)
        }
        None => {
            let mut bytes = Vec::new();
            if std::io::stdin().read_to_end(&mut bytes).is_err() {
                eprintln!("mini: can't read the program from standard input");
                return 2;
            }
            with_ctrl_c(Interpreter::new(vec![String::new()])).run_bytes(&bytes, "<stdin>")
        }
    }
}

/// Ctrl-C sets the interrupt bit of the main thread's eval breaker; the loop
/// raises KeyboardInterrupt at its next check point.
fn with_ctrl_c(interp: Interpreter) -> Interpreter {
    let flag = interp.interrupt_flag();
    let _ = ctrlc::set_handler(move || {
        flag.fetch_or(mini::vm::interp::breaker::INTERRUPT, std::sync::atomic::Ordering::AcqRel);
    });
    interp
}

/// The C library's wording, as CPython prints it.
fn describe_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        std::io::ErrorKind::IsADirectory => "Is a directory".into(),
        _ => e.to_string(),
    }
}
