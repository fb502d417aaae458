//! The `mini` command line: `mini FILE [ARGS]`, `mini -c CODE`, `mini`
//! (the REPL when standard input is a terminal, else the program read from
//! it, as `python3 < FILE`), `mini -i FILE` (run, then the REPL) and
//! `mini dis FILE` (the bytecode).

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use clap::Parser;

use mini::builtins::io;
use mini::repl;
use mini::runner::{INTERPRETER_STACK, Interpreter, decode_source};

/// mini — a Python-flavoured language with a real GIL, for teaching parallel computing.
#[derive(Parser, Debug)]
#[command(
    name = "mini",
    version,
    about,
    long_about = None,
    after_help = "Without FILE, mini starts the REPL when standard input is a terminal and \
                  otherwise reads the program from it.\n`mini dis FILE` prints the bytecode of \
                  FILE instead of running it."
)]
struct Cli {
    /// Program passed in as a string (terminates the option list).
    #[arg(short = 'c', value_name = "CODE", allow_hyphen_values = true)]
    code: Option<String>,

    /// Inspect interactively: after running FILE (or CODE), start the REPL
    /// with the program's globals.
    #[arg(short = 'i')]
    inspect: bool,

    /// Program file to run, then its arguments (in sys.argv).
    #[arg(
        value_name = "FILE",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
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
    // `dis` is a command only when a single file follows it, so a script
    // called `dis` still runs (`mini dis`, `mini dis a b`).
    if let (None, [cmd, path]) = (&cli.code, cli.args.as_slice())
        && cmd == "dis"
    {
        return disassemble(path);
    }
    if let Some(code) = cli.code {
        let mut argv = vec!["-c".to_string()];
        argv.extend(cli.args);
        let mut interp = with_ctrl_c(Interpreter::new(argv));
        let status = interp.run_source(&code, "<string>");
        return if cli.inspect {
            repl::run(&mut interp, false)
        } else {
            status
        };
    }
    match cli.args.first() {
        Some(path) => {
            let bytes = match read_program(path) {
                Ok(b) => b,
                Err(status) => return status,
            };
            let mut interp = with_ctrl_c(Interpreter::new(cli.args.clone()));
            // Tracebacks name the script by its absolute path, as CPython's do.
            let shown = std::path::absolute(path)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| path.clone());
            let status = interp.run_bytes(&bytes, &shown);
            if cli.inspect {
                repl::run(&mut interp, false)
            } else {
                status
            }
        }
        None if cli.inspect || std::io::stdin().is_terminal() => {
            let mut interp = with_ctrl_c(Interpreter::new(vec![String::new()]));
            repl::run(&mut interp, !cli.inspect)
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

/// `mini dis FILE`: print every code object of the program.
fn disassemble(path: &str) -> i32 {
    let bytes = match read_program(path) {
        Ok(b) => b,
        Err(status) => return status,
    };
    let mut interp = Interpreter::new(vec![path.to_string()]);
    let listing =
        decode_source(&bytes, path).and_then(|source| interp.disassemble_source(&source, path));
    match listing {
        Ok(text) => {
            io::write_stdout(&text);
            if io::flush_stdout() { 0 } else { 120 }
        }
        Err(report) => {
            io::write_stderr(&report);
            1
        }
    }
}

/// The bytes of a program file, or (after CPython's message) exit status 2.
fn read_program(path: &str) -> Result<Vec<u8>, i32> {
    std::fs::read(path).map_err(|e| {
        let abs = std::path::absolute(path)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| path.to_string());
        eprintln!(
            "mini: can't open file '{abs}': [Errno {}] {}",
            e.raw_os_error().unwrap_or(2),
            describe_io_error(&e)
        );
        2
    })
}

/// Ctrl-C sets the interrupt bit of the main thread's eval breaker; the loop
/// raises KeyboardInterrupt at its next check point.
fn with_ctrl_c(interp: Interpreter) -> Interpreter {
    let flag = interp.interrupt_flag();
    let _ = ctrlc::set_handler(move || {
        flag.fetch_or(
            mini::vm::interp::breaker::INTERRUPT,
            std::sync::atomic::Ordering::AcqRel,
        );
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
