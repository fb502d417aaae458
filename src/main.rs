//! The `mini` command line: `mini FILE [ARGS]`, `mini -c CODE`, `mini`
//! (the REPL when standard input is a terminal, else the program read from
//! it, as `python3 < FILE`), `mini -i FILE` (run, then the REPL) and
//! `mini dis FILE` (the bytecode).

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use clap::Parser;

use mini::gil::GilMode;
use mini::repl;
use mini::runner::{INTERPRETER_STACK, Interpreter, Options, decode_source};
use mini::stdio;

/// mini — a Python-flavoured language with a real GIL, for teaching parallel computing.
#[derive(Parser, Debug)]
#[command(
    name = "mini",
    version,
    about,
    long_about = None,
    after_help = "Without FILE, mini starts the REPL when standard input is a terminal and \
                  otherwise reads the program from it.\n`mini dis FILE` prints the bytecode of \
                  FILE instead of running it; `mini dis --quick FILE` the quickened stream the VM \
                  runs."
)]
struct Cli {
    /// Program passed in as a string (terminates the option list).
    #[arg(short = 'c', value_name = "CODE", allow_hyphen_values = true)]
    code: Option<String>,

    /// Inspect interactively: after running FILE (or CODE), start the REPL
    /// with the program's globals.
    #[arg(short = 'i')]
    inspect: bool,

    /// The global interpreter lock: on (CPython 3.2+), legacy (Python 2's
    /// "GIL battle") or off (free-threaded). Default: env MINI_GIL, else on.
    #[arg(long = "gil", value_name = "MODE", value_parser = parse_gil_mode)]
    gil: Option<GilMode>,

    /// Seconds a thread waiting for the GIL waits before asking the holder
    /// to drop it (sys.setswitchinterval; default 0.005).
    #[arg(long = "switch-interval", value_name = "SECONDS", value_parser = parse_interval)]
    switch_interval: Option<u64>,

    /// Threads for native work and kernels (default: env OMP_NUM_THREADS,
    /// else the number of cores).
    #[arg(long = "threads", value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,

    /// Print per-thread GIL statistics to stderr at exit.
    #[arg(long = "stats")]
    stats: bool,

    /// Record who held the GIL and write it at exit as Chrome trace-event
    /// JSON (opens in Perfetto or chrome://tracing).
    #[arg(long = "trace", value_name = "FILE.json")]
    trace: Option<String>,

    /// Record who held the GIL and write it at exit as an SVG timeline.
    #[arg(long = "timeline", value_name = "FILE.svg")]
    timeline: Option<String>,

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

fn parse_gil_mode(s: &str) -> Result<GilMode, String> {
    s.parse()
}

/// `--switch-interval SECONDS` in whole microseconds (as CPython keeps it).
fn parse_interval(s: &str) -> Result<u64, String> {
    match s.parse::<f64>() {
        Ok(x) if x > 0.0 && x.is_finite() => Ok(((x * 1e6) as u64).max(1)),
        _ => Err(format!("'{s}' is not a positive number of seconds")),
    }
}

/// The run options from the command line and the environment.
fn options(cli: &Cli) -> Result<Options, String> {
    let gil = match cli.gil {
        Some(m) => m,
        None => match std::env::var("MINI_GIL") {
            Ok(s) if !s.is_empty() => s.parse().map_err(|e| format!("MINI_GIL: {e}"))?,
            _ => GilMode::default(),
        },
    };
    if let Some(n) = cli.threads {
        mini::parallel::set_default_threads(n as usize);
    }
    Ok(Options {
        gil,
        switch_interval_us: cli.switch_interval,
        stats: cli.stats,
        trace: cli.trace.clone(),
        timeline: cli.timeline.clone(),
    })
}

fn run(cli: Cli) -> i32 {
    let options = match options(&cli) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("mini: {msg}");
            return 2;
        }
    };
    // `dis` is a command only when a single file follows it (after
    // `--quick`), so a script called `dis` still runs (`mini dis`,
    // `mini dis a b`).
    match (&cli.code, cli.args.as_slice()) {
        (None, [cmd, path]) if cmd == "dis" => return disassemble(path, false),
        (None, [cmd, flag, path]) if cmd == "dis" && flag == "--quick" => {
            return disassemble(path, true);
        }
        _ => {}
    }
    let (mut interp, status) = if let Some(code) = cli.code {
        let mut argv = vec!["-c".to_string()];
        argv.extend(cli.args);
        let mut interp = with_ctrl_c(Interpreter::with_options(argv, &options));
        let status = interp.run_source(&code, "<string>");
        (interp, status)
    } else {
        match cli.args.first() {
            Some(path) => {
                let bytes = match read_program(path) {
                    Ok(b) => b,
                    Err(status) => return status,
                };
                let mut interp = with_ctrl_c(Interpreter::with_options(cli.args.clone(), &options));
                // Tracebacks name the script by its absolute path, as CPython's do.
                let shown = std::path::absolute(path)
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|_| path.clone());
                let status = interp.run_bytes(&bytes, &shown);
                (interp, status)
            }
            None if cli.inspect || std::io::stdin().is_terminal() => {
                let mut interp =
                    with_ctrl_c(Interpreter::with_options(vec![String::new()], &options));
                let status = repl::run(&mut interp, !cli.inspect);
                return interp.finish(status);
            }
            None => {
                let mut bytes = Vec::new();
                if std::io::stdin().read_to_end(&mut bytes).is_err() {
                    eprintln!("mini: can't read the program from standard input");
                    return 2;
                }
                let mut interp =
                    with_ctrl_c(Interpreter::with_options(vec![String::new()], &options));
                let status = interp.run_bytes(&bytes, "<stdin>");
                (interp, status)
            }
        }
    };
    let status = if cli.inspect {
        repl::run(&mut interp, false)
    } else {
        status
    };
    interp.finish(status)
}

/// `mini dis [--quick] FILE`: print every code object of the program (with
/// `--quick`, the quickened stream the VM runs).
fn disassemble(path: &str, quick: bool) -> i32 {
    let bytes = match read_program(path) {
        Ok(b) => b,
        Err(status) => return status,
    };
    let mut interp = Interpreter::new(vec![path.to_string()]);
    let listing = decode_source(&bytes, path)
        .and_then(|source| interp.disassemble_source(&source, path, quick));
    match listing {
        Ok(text) => {
            stdio::write_stdout(&text);
            if stdio::flush_stdout() { 0 } else { 120 }
        }
        Err(report) => {
            stdio::write_stderr(&report);
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
        flag.signal_interrupt();
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
