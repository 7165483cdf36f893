//! Numbers as students type them: digits with separators, decimals, fractions, dates written in
//! digits, and English number words ("one hundred and fifty-six", "two million").
//!
//! The lexer here is shared with text normalisation, so that "17,200 blankets" and
//! "17 200 blankets" produce the same tokens whichever path compares them.

use super::normalize::fold;

/// A token after lexing: a word (lowercase, folded) or a number.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Word(String),
    Num(f64),
}

/// Month names in order; ISO dates are rewritten to "7 june 2007" with these.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Digits in one thousands group ("17,200", "17 200").
const GROUP_DIGITS: usize = 3;
/// Days in the longest month: a larger "day" is not a date.
pub(super) const MAX_DAY: u32 = 31;
/// Months in a year: a larger "month" is a day (in "25/12/2007").
const MONTH_COUNT: u32 = 12;
/// Digits of a year in a date written in digits ("2007-06-07").
const YEAR_DIGITS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq)]
enum LexKind {
    Alpha,
    Digits,
    Punct(char),
}

#[derive(Debug, Clone)]
struct Lex {
    kind: LexKind,
    text: String,
    /// Whitespace (or the start of the text) comes right before this token.
    spaced: bool,
}

/// Tokens of a folded text, and whether a date written in digits was rewritten.
pub(super) struct Lexed {
    pub toks: Vec<Tok>,
    pub date: bool,
}

/// Splits a folded (lowercase, accent-free) text into runs of letters, runs of digits and single
/// punctuation characters, remembering which ones follow whitespace.
fn lex(folded: &str) -> Vec<Lex> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut spaced) = (0, true);
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_digit() {
            while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            LexKind::Digits
        } else if c.is_alphanumeric() {
            // Letters may carry digits ("g8", "b52"); a run that starts with digits may not.
            while chars.get(i).is_some_and(|c| c.is_alphanumeric()) {
                i += 1;
            }
            LexKind::Alpha
        } else {
            i += 1;
            LexKind::Punct(c)
        };
        let text = chars.get(start..i).unwrap_or_default().iter().collect();
        out.push(Lex { kind, text, spaced });
        spaced = false;
    }
    out
}

fn punct_adjacent(lx: &[Lex], i: usize, c: char) -> bool {
    lx.get(i)
        .is_some_and(|l| l.kind == LexKind::Punct(c) && !l.spaced)
}

fn digits_adjacent(lx: &[Lex], i: usize) -> Option<&str> {
    lx.get(i)
        .filter(|l| l.kind == LexKind::Digits && !l.spaced)
        .map(|l| l.text.as_str())
}

/// Lexes a folded text into words and numbers. `decimal_comma` reads "1,56" as 1.56 (for a lone
/// number typed by a student); otherwise a comma not followed by a thousands group separates.
pub(super) fn tokenize(folded: &str, decimal_comma: bool) -> Lexed {
    let lx = lex(folded);
    let mut out = Lexed {
        toks: Vec::new(),
        date: false,
    };
    let mut i = 0;
    while let Some(l) = lx.get(i) {
        i = match l.kind {
            LexKind::Digits => assemble_digits(&lx, i, decimal_comma, &mut out),
            LexKind::Alpha => assemble_word(&lx, i, &mut out.toks),
            LexKind::Punct(c) => {
                push_symbol(c, &mut out.toks);
                i + 1
            }
        };
    }
    out
}

/// Symbols that carry meaning become words; other punctuation only separates.
fn push_symbol(c: char, toks: &mut Vec<Tok>) {
    let word = match c {
        '&' => "and",
        '%' => "percent",
        '°' => "degrees",
        '$' => "$",
        '€' => "€",
        '£' => "£",
        '¥' => "¥",
        _ => return,
    };
    toks.push(Tok::Word(word.to_string()));
}

/// A word, with apostrophes dropped ("d'Ivoire" → "divoire", "people's" → "peoples") and dotted
/// initialisms joined ("u.s.a." → "usa").
fn assemble_word(lx: &[Lex], i: usize, toks: &mut Vec<Tok>) -> usize {
    let Some(first) = lx.get(i) else {
        return i + 1;
    };
    if let Some((word, next)) = initialism(lx, i) {
        toks.push(Tok::Word(word));
        return next;
    }
    let mut word = first.text.clone();
    let mut j = i + 1;
    while punct_adjacent(lx, j, '\'') {
        match lx.get(j + 1) {
            Some(l) if l.kind == LexKind::Alpha && !l.spaced => {
                word.push_str(&l.text);
                j += 2;
            }
            _ => j += 1,
        }
    }
    toks.push(Tok::Word(word));
    j
}

/// "u.s.a." → "usa": single letters each followed by a dot, at least two of them.
fn initialism(lx: &[Lex], i: usize) -> Option<(String, usize)> {
    let single = |j: usize, first: bool| {
        lx.get(j)
            .filter(|l| {
                l.kind == LexKind::Alpha && l.text.chars().count() == 1 && (first || !l.spaced)
            })
            .map(|l| l.text.clone())
    };
    let mut word = single(i, true)?;
    let mut j = i + 1;
    while punct_adjacent(lx, j, '.') {
        match single(j + 1, false) {
            Some(letter) => {
                word.push_str(&letter);
                j += 2;
            }
            None => {
                j += 1;
                break;
            }
        }
    }
    (word.chars().count() >= 2).then_some((word, j))
}

fn assemble_digits(lx: &[Lex], i: usize, decimal_comma: bool, out: &mut Lexed) -> usize {
    if let Some((day, month, year, next)) = digit_date(lx, i) {
        let month_name = MONTHS.get(month as usize - 1).copied().unwrap_or_default();
        out.toks.push(Tok::Num(f64::from(day)));
        out.toks.push(Tok::Word(month_name.to_string()));
        out.toks.push(Tok::Num(f64::from(year)));
        out.date = true;
        return next;
    }
    let (value, next) = read_number(lx, i, decimal_comma);
    let value = if negative_sign_before(lx, i) {
        -value
    } else {
        value
    };
    out.toks.push(Tok::Num(value));
    skip_ordinal_suffix(lx, next)
}

/// A '-' glued to the digits and not to anything before it: "-2", "is -40".
fn negative_sign_before(lx: &[Lex], i: usize) -> bool {
    let (Some(cur), Some(prev)) = (lx.get(i), i.checked_sub(1).and_then(|p| lx.get(p))) else {
        return false;
    };
    let before_sign_separates = match i.checked_sub(2).and_then(|p| lx.get(p)) {
        None => true,
        Some(l) => prev.spaced || matches!(l.kind, LexKind::Punct(_)),
    };
    prev.kind == LexKind::Punct('-') && !cur.spaced && before_sign_separates
}

/// "7th", "1st", "2nd", "3rd" count as the number.
fn skip_ordinal_suffix(lx: &[Lex], j: usize) -> usize {
    match lx.get(j) {
        Some(l) if l.kind == LexKind::Alpha && !l.spaced => {
            let ordinal = matches!(l.text.as_str(), "st" | "nd" | "rd" | "th");
            if ordinal { j + 1 } else { j }
        }
        _ => j,
    }
}

/// Reads digits with thousands groups, a decimal part or a simple fraction starting at `i`.
fn read_number(lx: &[Lex], i: usize, decimal_comma: bool) -> (f64, usize) {
    let mut int = lx.get(i).map(|l| l.text.clone()).unwrap_or_default();
    let mut j = i + 1;
    let mut grouped = false;
    if int.len() <= GROUP_DIGITS {
        (grouped, j) = read_groups(lx, j, &mut int);
    }
    let mut frac = String::new();
    if let (true, Some(d)) = (punct_adjacent(lx, j, '.'), digits_adjacent(lx, j + 1)) {
        frac = d.to_string();
        j += 2;
    } else if decimal_comma && !grouped && punct_adjacent(lx, j, ',') {
        let another_comma = punct_adjacent(lx, j + 2, ',');
        if let (Some(d), false) = (digits_adjacent(lx, j + 1), another_comma) {
            frac = d.to_string();
            j += 2;
        }
    }
    let value: f64 = format!("{int}.{frac}0").parse().unwrap_or(0.0);
    // A simple fraction "1/2", not part of a run of slashes like "06/07/2007".
    let slash_before = i.checked_sub(1).is_some_and(|p| punct_adjacent(lx, p, '/'))
        && lx.get(i).is_some_and(|l| !l.spaced);
    if frac.is_empty()
        && !slash_before
        && punct_adjacent(lx, j, '/')
        && !punct_adjacent(lx, j + 2, '/')
        && let Some(d) = digits_adjacent(lx, j + 1)
    {
        let denominator: f64 = d.parse().unwrap_or(0.0);
        if denominator != 0.0 {
            return (value / denominator, j + 2);
        }
    }
    (value, j)
}

/// Appends thousands groups: ",200" glued on, or " 200" after a space (SI style, "17 200").
/// Returns whether any group was read and the index after them.
fn read_groups(lx: &[Lex], mut j: usize, int: &mut String) -> (bool, usize) {
    let start = j;
    let is_group = |d: &str| d.len() == GROUP_DIGITS;
    while punct_adjacent(lx, j, ',') && digits_adjacent(lx, j + 1).is_some_and(is_group) {
        int.push_str(digits_adjacent(lx, j + 1).unwrap_or_default());
        j += 2;
    }
    if j == start {
        while let Some(l) = lx.get(j) {
            let glued_comma = punct_adjacent(lx, j + 1, ',');
            if l.kind != LexKind::Digits || !l.spaced || !is_group(&l.text) || glued_comma {
                break;
            }
            int.push_str(&l.text);
            j += 1;
        }
    }
    (j != start, j)
}

/// A date written in digits: ISO "2007-06-07", European "7.6.2007", or "6/7/2007" when the
/// day is unambiguous (above 12). Returns (day, month, year, next index).
fn digit_date(lx: &[Lex], i: usize) -> Option<(u32, u32, u32, usize)> {
    let a = lx.get(i).map(|l| l.text.as_str())?;
    let sep = ['-', '/', '.']
        .into_iter()
        .find(|&c| punct_adjacent(lx, i + 1, c))?;
    let b = digits_adjacent(lx, i + 2)?;
    if !punct_adjacent(lx, i + 3, sep) {
        return None;
    }
    let c = digits_adjacent(lx, i + 4)?;
    let n = |s: &str| s.parse::<u32>().ok();
    let (day, month, year) = match (a.len(), c.len(), sep) {
        (YEAR_DIGITS, 1..=2, _) => (n(c)?, n(b)?, n(a)?),
        (1..=2, YEAR_DIGITS, '.') => (n(a)?, n(b)?, n(c)?),
        (1..=2, YEAR_DIGITS, _) => {
            let (day, month) = unambiguous_day_month(n(a)?, n(b)?)?;
            (day, month, n(c)?)
        }
        _ => return None,
    };
    let valid = (1..=MONTH_COUNT).contains(&month) && (1..=MAX_DAY).contains(&day);
    valid.then_some((day, month, year, i + 5))
}

/// "25/12" is day/month, "12/25" month/day; "6/7" could be either and is left alone.
fn unambiguous_day_month(a: u32, b: u32) -> Option<(u32, u32)> {
    match (a > MONTH_COUNT, b > MONTH_COUNT) {
        (true, false) => Some((a, b)),
        (false, true) => Some((b, a)),
        _ if a == b => Some((a, b)),
        _ => None,
    }
}

fn ones_value(w: &str) -> Option<f64> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    ONES.iter().position(|&o| o == w).map(|v| v as f64)
}

fn tens_value(w: &str) -> Option<f64> {
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    TENS.iter()
        .position(|&t| t == w)
        .map(|v| (v as f64 + 2.0) * 10.0) // "twenty" is at index 0
}

fn scale_value(w: &str) -> Option<f64> {
    match w {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// Ordinal words: ("seventh" → 7, false), ("twentieth" → 20, true = a tens word).
fn ordinal_value(w: &str) -> Option<(f64, bool)> {
    let irregular = match w {
        "first" => Some(1.0),
        "second" => Some(2.0),
        "third" => Some(3.0),
        "fifth" => Some(5.0),
        "eighth" => Some(8.0),
        "ninth" => Some(9.0),
        "twelfth" => Some(12.0),
        _ => None,
    };
    if let Some(v) = irregular {
        return Some((v, false));
    }
    if let Some(stem) = w.strip_suffix("ieth") {
        return tens_value(&format!("{stem}y")).map(|v| (v, true));
    }
    let stem = w.strip_suffix("th")?;
    // "fourth" is the first regular one: "four" + "th" (below it: first, second, third).
    ones_value(stem).filter(|&v| v >= 4.0).map(|v| (v, false))
}

fn is_number_word(tok: Option<&Tok>) -> bool {
    match tok {
        Some(Tok::Num(_)) => true,
        Some(Tok::Word(w)) => ones_value(w).is_some() || tens_value(w).is_some(),
        None => false,
    }
}

fn is_scale_word(tok: Option<&Tok>) -> bool {
    matches!(tok, Some(Tok::Word(w)) if w == "hundred" || scale_value(w).is_some())
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum Last {
    #[default]
    Start,
    Digit,
    Ones,
    Tens,
    Hundred,
    Scale,
    And,
}

/// A number being read from words: `total` holds completed thousands/millions, `group` the part
/// below a thousand.
#[derive(Debug, Default)]
struct Run {
    total: f64,
    group: f64,
    last: Last,
    active: bool,
    negative: bool,
    pending_negative: bool,
}

impl Run {
    fn flush(&mut self, out: &mut Vec<Tok>) {
        if self.active {
            let v = snap_integer(self.total + self.group);
            out.push(Tok::Num(if self.negative { -v } else { v }));
        }
        let pending_negative = self.pending_negative;
        *self = Run {
            pending_negative,
            ..Run::default()
        };
    }

    fn start(&mut self, out: &mut Vec<Tok>, value: f64, last: Last) {
        self.flush(out);
        self.negative = std::mem::take(&mut self.pending_negative);
        (self.active, self.group, self.last) = (true, value, last);
    }

    /// Nothing below the hundreds yet after "hundred"/"thousand"/"and": "one hundred (and) six".
    fn after_scale(&self) -> bool {
        self.active
            && matches!(self.last, Last::Hundred | Last::Scale | Last::And)
            && self.group % 100.0 == 0.0
    }

    fn add_ones(&mut self, v: f64, out: &mut Vec<Tok>) {
        let after_tens = self.last == Last::Tens && v < 10.0 && self.group % 10.0 == 0.0;
        if (self.active && after_tens) || self.after_scale() {
            self.group += v;
            self.last = Last::Ones;
        } else {
            self.start(out, v, Last::Ones);
        }
    }

    fn add_tens(&mut self, v: f64, out: &mut Vec<Tok>) {
        // Years are said in pairs: "nineteen eighty-four", "twenty twenty".
        let year_pair = self.active
            && matches!(self.last, Last::Ones | Last::Tens)
            && self.total == 0.0
            && (10.0..100.0).contains(&self.group);
        if self.after_scale() {
            self.group += v;
        } else if year_pair {
            self.group = self.group * 100.0 + v;
        } else {
            self.start(out, v, Last::Tens);
        }
        self.last = Last::Tens;
    }

    fn add_hundred(&mut self) -> bool {
        let ok = self.active && self.group > 0.0 && self.group < 100.0 && self.last != Last::And;
        if ok {
            self.group *= 100.0;
            self.last = Last::Hundred;
        }
        ok
    }

    fn add_scale(&mut self, scale: f64) -> bool {
        let ok = self.active && self.group > 0.0 && self.last != Last::And;
        if ok {
            self.total += self.group * scale;
            self.group = 0.0;
            self.last = Last::Scale;
        }
        ok
    }

    /// Consumes a word if it continues or starts a number; `next` is the following token.
    fn add_word(&mut self, w: &str, next: Option<&Tok>, out: &mut Vec<Tok>) -> bool {
        if let Some(v) = ones_value(w) {
            self.add_ones(v, out);
        } else if let Some(v) = tens_value(w) {
            self.add_tens(v, out);
        } else if w == "hundred" {
            return self.add_hundred();
        } else if let Some(scale) = scale_value(w) {
            return self.add_scale(scale);
        } else if let Some((v, tens)) = ordinal_value(w) {
            if tens {
                self.add_tens(v, out)
            } else {
                self.add_ones(v, out)
            }
            self.flush(out);
        } else if w == "and" && matches!(self.last, Last::Hundred | Last::Scale) && self.active {
            let continues =
                matches!(next, Some(Tok::Word(n)) if ones_value(n).or(tens_value(n)).is_some());
            if !continues {
                return false;
            }
            self.last = Last::And;
        } else if (w == "a" || w == "an") && is_scale_word(next) {
            self.start(out, 1.0, Last::Ones);
        } else if (w == "minus" || w == "negative") && is_number_word(next) {
            self.flush(out);
            self.pending_negative = true;
        } else {
            return false;
        }
        true
    }
}

/// Floating-point products like 17.2 × 1000 land next to an integer; snap them onto it.
fn snap_integer(v: f64) -> f64 {
    const SNAP: f64 = 1e-9;
    let r = v.round();
    if (v - r).abs() <= SNAP * v.abs().max(1.0) {
        r
    } else {
        v
    }
}

/// Replaces number words by numbers: "one hundred and fifty-six" → 156, "2 million" → 2000000,
/// "nineteen eighty-four" → 1984. Returns the tokens and whether any word was read as a number.
pub(super) fn words_to_numbers(toks: &[Tok]) -> (Vec<Tok>, bool) {
    let mut out = Vec::with_capacity(toks.len());
    let mut run = Run::default();
    let mut used_words = false;
    for (i, tok) in toks.iter().enumerate() {
        match tok {
            Tok::Num(v) => run.start(&mut out, *v, Last::Digit),
            Tok::Word(w) => {
                if run.add_word(w, toks.get(i + 1), &mut out) {
                    used_words = true;
                } else {
                    run.flush(&mut out);
                    out.push(tok.clone());
                }
            }
        }
    }
    run.flush(&mut out);
    (out, used_words)
}

/// Roman numerals after a name: "World War II" → "world war 2", "Louis XIV" → "louis 14".
/// Only i/v/x numerals of two letters or more, after a word, so "I", "mix" and "cm" stay words.
pub(super) fn roman_numerals(toks: &[Tok]) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for tok in toks {
        let after_word = matches!(out.last(), Some(Tok::Word(_)));
        let value = match tok {
            Tok::Word(w) if after_word => roman_value(w),
            _ => None,
        };
        out.push(value.map_or_else(|| tok.clone(), Tok::Num));
    }
    out
}

/// The value of a well-formed Roman numeral of two or more letters among i, v, x (2..=39).
fn roman_value(w: &str) -> Option<f64> {
    const MIN_LETTERS: usize = 2;
    const MAX_VALUE: usize = 39;
    if w.len() < MIN_LETTERS || !w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) {
        return None;
    }
    // Well-formed numerals are exactly the canonical spellings, so compare with those.
    (1..=MAX_VALUE).find(|&n| roman(n) == w).map(|n| n as f64)
}

fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 5] = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut out = String::new();
    for (value, letters) in DIGITS {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// A number typed alone, with the words around it ("about 156 workers").
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Quantity {
    pub value: f64,
    pub words: Vec<String>,
    /// The number was written (at least partly) in words.
    pub from_words: bool,
}

/// Reads one number and its surrounding words; `None` when there is no number, more than one
/// ("between 150 and 160"), or a token mixing letters and digits ("1e6").
pub(super) fn parse_quantity(s: &str) -> Option<Quantity> {
    let lexed = tokenize(&fold(s), true);
    let (toks, from_words) = words_to_numbers(&lexed.toks);
    let mut value = None;
    let mut words = Vec::new();
    for tok in toks {
        match tok {
            Tok::Num(v) if value.is_none() => value = Some(v),
            Tok::Num(_) => return None,
            Tok::Word(w) if w.chars().any(|c| c.is_ascii_digit()) => return None,
            Tok::Word(w) => words.push(w),
        }
    }
    let value = value.filter(|v| v.is_finite())?;
    Some(Quantity {
        value,
        words,
        from_words,
    })
}

/// Parses a number typed by a student: "156", "156 workers", "one hundred fifty-six", "17,200",
/// "17 200" (a space as thousands separator), "3.5", "-2", "2 million", "1/2". Returns `None` for
/// junk, for text holding several numbers, and for dates.
///
/// A comma followed by exactly three digits separates thousands ("17,200" = 17200); any other
/// comma between digits is a decimal comma ("1,56" = 1.56, "3,5" = 3.5), so "1,56" is never 156.
/// A dot is always a decimal point ("17.200" = 17.2).
pub fn parse_number(s: &str) -> Option<f64> {
    parse_quantity(s).map(|q| q.value)
}

/// The canonical text of a number inside normalised text: "156", "3.5", "17200".
pub(super) fn format_number(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    format!("{v}")
}

/// A number for people: whole numbers of five digits or more get thousands separators
/// ("17,200"), so years stay "2008".
pub(super) fn display_number(v: f64) -> String {
    const GROUP_FROM: f64 = 10_000.0;
    const EXACT_INTEGER_LIMIT: f64 = 9e15;
    let whole = v.fract() == 0.0 && v.abs() < EXACT_INTEGER_LIMIT;
    if !whole || v.abs() < GROUP_FROM {
        return format_number(v);
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % GROUP_DIGITS == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numbers_as_typed() {
        let cases: &[(&str, Option<f64>)] = &[
            ("156", Some(156.0)),
            ("156 workers", Some(156.0)),
            ("one hundred fifty-six", Some(156.0)),
            ("one hundred and fifty-six", Some(156.0)),
            ("One Hundred Fifty Six", Some(156.0)),
            ("17,200", Some(17200.0)),
            ("17200", Some(17200.0)),
            ("17 200", Some(17200.0)),
            ("1,000,000", Some(1e6)),
            ("3.5", Some(3.5)),
            ("-2", Some(-2.0)),
            ("minus two", Some(-2.0)),
            ("\u{2212}40", Some(-40.0)),
            ("2 million", Some(2e6)),
            ("2.5 million", Some(2.5e6)),
            ("17.2 thousand", Some(17200.0)),
            ("two million", Some(2e6)),
            ("a hundred", Some(100.0)),
            ("five thousand", Some(5000.0)),
            ("two thousand and eight", Some(2008.0)),
            ("nineteen eighty-four", Some(1984.0)),
            ("about 156", Some(156.0)),
            ("1/2", Some(0.5)),
            ("12km", Some(12.0)),
            ("7th", Some(7.0)),
            ("$5", Some(5.0)),
            ("50%", Some(50.0)),
            ("1,56", Some(1.56)),
            ("3,5", Some(3.5)),
            ("zero", Some(0.0)),
            ("", None),
            ("many", None),
            ("1e6", None),
            ("between 150 and 160", None),
            ("June 7, 2007", None),
            ("one two", None),
            ("...", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_number(text), *want, "parse_number({text:?})");
        }
    }

    #[test]
    fn decimal_comma_is_never_a_thousands_separator() {
        assert_ne!(parse_number("1,56"), Some(156.0));
        assert_ne!(parse_number("1,5600"), Some(15600.0));
    }

    #[test]
    fn number_words_inside_text() {
        let cases: &[(&str, &str)] = &[
            ("two summits", "2 summits"),
            ("one two three", "1 2 3"),
            ("one and two", "1 and 2"),
            ("three hundred and five", "305"),
            ("world war ii", "world war ii"),
            ("between thirty and forty", "between 30 and 40"),
            ("the twenty-first century", "the 21 century"),
            ("a dog", "a dog"),
            ("hundred days", "hundred days"),
        ];
        for (text, want) in cases {
            let (toks, _) = words_to_numbers(&tokenize(text, false).toks);
            let got: Vec<String> = toks
                .iter()
                .map(|t| match t {
                    Tok::Word(w) => w.clone(),
                    Tok::Num(v) => format_number(*v),
                })
                .collect();
            assert_eq!(got.join(" "), *want, "{text:?}");
        }
    }

    #[test]
    fn displays_numbers() {
        let cases: &[(f64, &str)] = &[
            (17200.0, "17,200"),
            (2008.0, "2008"),
            (1_000_000.0, "1,000,000"),
            (3.5, "3.5"),
            (-25000.0, "-25,000"),
            (0.0, "0"),
        ];
        for (v, want) in cases {
            assert_eq!(display_number(*v), *want);
        }
    }
}
