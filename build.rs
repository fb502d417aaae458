//! Generates the parser: runs LALRPOP on `grammar/mini.lalrpop`, writing
//! `$OUT_DIR/mini.rs`, which `src/syntax/parse.rs` includes with
//! `lalrpop_mod!(grammar, "/mini.rs")`.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .emit_rerun_directives(true)
        .process()
        .expect("LALRPOP failed to generate the parser from grammar/mini.lalrpop");
}
