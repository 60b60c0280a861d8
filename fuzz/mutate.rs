//! The stable-toolchain fuzzer's input generator: seed inputs mutated by byte flips, inserts,
//! deletions, splices, JSON-number substitution (0, −0, max, 1e308, NaN, ∞ …), string
//! substitution (NUL, formula, 64 KB), deep nesting and huge arrays. No coverage feedback;
//! the mutations aim at the boundaries where parsers and arithmetic break
//! (docs/robustness.md §4).

/// xorshift64*: small, fast, reproducible from `--seed`.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Numbers that break arithmetic, as JSON-ish text (some are not valid JSON on purpose).
pub const HOSTILE_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1",
    "0.5",
    "-0.0",
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "-1.7976931348623157e308",
    "5e-324",
    "1e-308",
    "1e400",
    "-1e400",
    "NaN",
    "Infinity",
    "-Infinity",
    "4294967295",
    "4294967296",
    "2147483648",
    "-2147483649",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775807",
    "-9223372036854775808",
    "9007199254740993",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "7e30",
    "1e20",
    "1e15",
    "3.0000000000000000001",
    "0.0000000000000000000000000001",
    "100000000000000000000000000000000",
    "\"1e308\"",
    "\"-0\"",
    "\"NaN\"",
    "\"abc\"",
    "null",
    "true",
    "[]",
    "{}",
    "\"\"",
];

/// Strings that break text handling.
pub const HOSTILE_STRINGS: &[&str] = &[
    "",
    "\\u0000",
    "=cmd|' /C calc'!A0",
    "+1",
    "-1+1",
    "@SUM(A1)",
    "\\t",
    "\\r",
    "\\r\\n",
    "a\\u0000b",
    "\\ud800",
    "古镇镇",
    "<script>",
    "\\\"",
    "442000001",
    "  ",
    "\\u202e",
];

/// Byte-level and structure-aware mutations of `input`; `other` is a splice partner.
pub fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        out = match rng.below(12) {
            0 => flip_bit(rng, out),
            1 => set_byte(rng, out),
            2 => delete_range(rng, out),
            3 => insert_bytes(rng, out),
            4 => splice(rng, &out, other),
            5..=7 => replace_number(rng, out),
            8 => replace_string(rng, out),
            9 => nest_deep(rng, out),
            10 => grow_array(rng, out),
            _ => duplicate_range(rng, out),
        };
    }
    // Keep single inputs bounded (the parsers' own limits are tested separately with their
    // exact sizes): 1 MB here.
    out.truncate(1 << 20);
    out
}

fn flip_bit(rng: &mut Rng, mut v: Vec<u8>) -> Vec<u8> {
    if !v.is_empty() {
        let i = rng.below(v.len());
        v[i] ^= 1 << rng.below(8);
    }
    v
}

fn set_byte(rng: &mut Rng, mut v: Vec<u8>) -> Vec<u8> {
    if !v.is_empty() {
        let i = rng.below(v.len());
        v[i] = *rng.pick(&[
            0u8, 0xff, b'"', b',', b'\n', b'\r', b'{', b']', b'-', b'9', b'.', b'e', 0x80,
        ]);
    }
    v
}

fn delete_range(rng: &mut Rng, mut v: Vec<u8>) -> Vec<u8> {
    if !v.is_empty() {
        let a = rng.below(v.len());
        let b = (a + 1 + rng.below(16)).min(v.len());
        v.drain(a..b);
    }
    v
}

fn insert_bytes(rng: &mut Rng, mut v: Vec<u8>) -> Vec<u8> {
    let at = rng.below(v.len() + 1);
    const INSERTS: &[&[u8]] = &[
        b"\0",
        b"\"",
        b",",
        b"\r\n",
        b"\xe4\xb8",
        b"[",
        b"}",
        b"-",
        b"1e308",
        b"=",
        b"\xef\xbb\xbf",
    ];
    let ins: &&[u8] = rng.pick(INSERTS);
    v.splice(at..at, ins.iter().copied());
    v
}

fn splice(rng: &mut Rng, a: &[u8], b: &[u8]) -> Vec<u8> {
    let i = rng.below(a.len() + 1);
    let j = rng.below(b.len() + 1);
    let mut out = a[..i].to_vec();
    out.extend_from_slice(&b[j..]);
    out
}

fn duplicate_range(rng: &mut Rng, mut v: Vec<u8>) -> Vec<u8> {
    if !v.is_empty() {
        let a = rng.below(v.len());
        let b = (a + 1 + rng.below(256)).min(v.len());
        let chunk = v[a..b].to_vec();
        v.splice(b..b, chunk);
    }
    v
}

/// Byte ranges of JSON/CSV number tokens.
fn number_spans(v: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let c = v[i];
        let starts =
            c.is_ascii_digit() || (c == b'-' && v.get(i + 1).is_some_and(u8::is_ascii_digit));
        if starts {
            let s = i;
            i += 1;
            while i < v.len()
                && (v[i].is_ascii_digit() || matches!(v[i], b'.' | b'e' | b'E' | b'+' | b'-'))
            {
                i += 1;
            }
            spans.push((s, i));
        } else {
            i += 1;
        }
    }
    spans
}

fn replace_number(rng: &mut Rng, mut v: Vec<u8>) -> Vec<u8> {
    let spans = number_spans(&v);
    if spans.is_empty() {
        return insert_bytes(rng, v);
    }
    let (a, b) = *rng.pick(&spans);
    let n = rng.pick(HOSTILE_NUMBERS).as_bytes();
    // Inside a quoted string (CSV cells, decimal strings) a bare number is what we want.
    let n = if a > 0 && v[a - 1] == b'"' {
        n.strip_prefix(b"\"")
            .and_then(|x| x.strip_suffix(b"\""))
            .unwrap_or(n)
    } else {
        n
    };
    v.splice(a..b, n.iter().copied());
    v
}

/// String spans `"…"` (no escapes inside) of JSON text.
fn string_spans(v: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open = None;
    for (i, &c) in v.iter().enumerate() {
        if c == b'"' {
            match open {
                None => open = Some(i + 1),
                Some(s) => {
                    spans.push((s, i));
                    open = None;
                }
            }
        }
    }
    spans
}

fn replace_string(rng: &mut Rng, mut v: Vec<u8>) -> Vec<u8> {
    let spans = string_spans(&v);
    if spans.is_empty() {
        return set_byte(rng, v);
    }
    let (a, b) = *rng.pick(&spans);
    let s: Vec<u8> = if rng.below(8) == 0 {
        vec![b'x'; 64 * 1024]
    } else {
        rng.pick(HOSTILE_STRINGS).as_bytes().to_vec()
    };
    v.splice(a..b, s);
    v
}

fn nest_deep(rng: &mut Rng, v: Vec<u8>) -> Vec<u8> {
    let depth = *rng.pick(&[64usize, 129, 1000, 100_000]);
    let (open, close) = if rng.below(2) == 0 {
        (b'[', b']')
    } else {
        (b'{', b'}')
    };
    let at = rng.below(v.len() + 1);
    let mut out = v[..at].to_vec();
    if open == b'[' {
        out.extend(std::iter::repeat_n(open, depth));
        out.extend(std::iter::repeat_n(close, depth));
    } else {
        for _ in 0..depth {
            out.extend_from_slice(b"{\"a\":");
        }
        out.extend_from_slice(b"1");
        out.extend(std::iter::repeat_n(close, depth));
    }
    out.extend_from_slice(&v[at..]);
    out
}

/// Most bytes one growth step adds (the mutated input is cut to 1 MB anyway).
const MAX_GROWTH: usize = 512 << 10;

/// Repeats one array element (or one CSV line) many times: huge arrays and row counts.
fn grow_array(rng: &mut Rng, v: Vec<u8>) -> Vec<u8> {
    let times = *rng.pick(&[10usize, 1000, 20_000]);
    // An element: from a '{' after '[' or ',' to its matching '}' (shallow scan).
    let starts: Vec<usize> = v
        .windows(2)
        .enumerate()
        .filter(|(_, w)| matches!(w[0], b'[' | b',') && w[1] == b'{')
        .map(|(i, _)| i + 1)
        .collect();
    if starts.is_empty() {
        // CSV: repeat a line.
        let lines: Vec<usize> = v
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        if lines.len() < 2 {
            return v;
        }
        let a = *rng.pick(&lines[..lines.len() - 1]);
        let b = lines.iter().copied().find(|x| *x > a).unwrap_or(v.len());
        let line = v[a..b].to_vec();
        let mut out = v[..b].to_vec();
        for _ in 0..times.min(MAX_GROWTH / line.len().max(1)) {
            out.extend_from_slice(&line);
        }
        out.extend_from_slice(&v[b..]);
        return out;
    }
    let a = *rng.pick(&starts);
    let mut depth = 0i32;
    let mut end = None;
    for (i, &c) in v.iter().enumerate().skip(a) {
        match c {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    end = Some(i + 1);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(b) = end else { return v };
    let elem = v[a..b].to_vec();
    let mut out = v[..b].to_vec();
    for _ in 0..times.min(MAX_GROWTH / elem.len().max(1)) {
        out.push(b',');
        out.extend_from_slice(&elem);
    }
    out.extend_from_slice(&v[b..]);
    out
}
