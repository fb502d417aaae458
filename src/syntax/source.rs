//! Byte offsets → (line, column), for tracebacks and syntax-error carets.

/// Line starts of one source text, so offsets can be turned into positions.
#[derive(Debug, Clone)]
pub struct SourceMap {
    line_starts: Vec<u32>,
}

impl SourceMap {
    pub fn new(src: &str) -> SourceMap {
        let mut line_starts = vec![0u32];
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        SourceMap { line_starts }
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: u32) -> u32 {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> u32 {
        self.line_starts
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(0)
    }
}

/// The text of 1-based line `line` of `src`, without its newline.
pub fn line_text(src: &str, line: u32) -> Option<&str> {
    src.split('\n')
        .nth(line.checked_sub(1)? as usize)
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
}
