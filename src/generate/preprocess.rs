//! Document preprocessing: lines → metadata, headings, footnotes and paragraphs → sentences.
//!
//! Sentences keep their exact byte range in the document (the evidence shown to students), and a
//! cleaned copy for analysis: footnote markers glued to words removed ("workers7" → "workers"),
//! curly quotes straightened, whitespace collapsed.

use super::lexicon::{ABBREVIATIONS, SENTENCE_STARTERS, month_number};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A calendar date; month or day may be 0 when unknown.
pub type Ymd = (i32, u8, u8);

#[derive(Debug, Clone)]
pub struct Sentence {
    /// Byte range of the sentence in the document.
    pub start: usize,
    pub end: usize,
    /// Cleaned text used for analysis and for building questions.
    pub clean: String,
    pub para: usize,
    pub index_in_para: usize,
    /// Footnote number, when the sentence belongs to a footnote.
    pub footnote: Option<u32>,
    /// Index of the sentence that carries the footnote's marker.
    pub anchor: Option<usize>,
    /// Nearest heading above the sentence.
    pub heading: Option<String>,
    /// Position in reading order, 0 (start) ..= 1 (end); footnotes take their anchor's.
    pub order: f32,
}

#[derive(Debug, Clone)]
pub struct MetaLine {
    pub key: String,
    pub value: String,
    /// Byte range of the whole line (trimmed).
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub title: String,
    pub date: Option<Ymd>,
    pub meta: Vec<MetaLine>,
    pub headings: Vec<String>,
    pub sentences: Vec<Sentence>,
    pub word_count: usize,
}

static META: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([A-Za-z][A-Za-z .]{0,30})\]\s*(.*)$").expect("meta regex"));
static META_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(title|date|dated|source|author|published|issued|released|subject)\s*:\s*(\S.*)$",
    )
    .expect("meta colon regex")
});
static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:\d{1,2}(?:\.\d{1,2})*\.?)|(?:[IVXLC]{1,6}\.)|(?:[A-Z]\.)|(?:Chapter|Section|Part|Article)\s+\w+\.?)\s+\S")
        .expect("heading regex")
});
static FOOTNOTE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^(\d{1,3})[ \t]+["“(\p{Lu}]"#).expect("footnote regex"));
/// A marker glued to the end of a word or after closing punctuation: "workers7", "Caucasus8", "peace.7".
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:\p{Ll}\p{Ll}|\p{L}[.,;:)\]"”’])(\d{1,3})(?:[\s.,;:)\]"”’]|$)"#)
        .expect("marker regex")
});
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-*•·▪◦]|\(?[a-z0-9]{1,2}\))\s+").expect("bullet regex"));

fn ends_terminal(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', '?', '!', ':', ';'])
        || t.ends_with(|c: char| c.is_ascii_digit())
            && t.trim_end_matches(|c: char| c.is_ascii_digit())
                .ends_with(['.', '?', '!'])
}

fn cap_ratio(s: &str) -> f32 {
    let mut words = 0;
    let mut caps = 0;
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        let lw = w.to_lowercase();
        if matches!(
            lw.as_str(),
            "of" | "and"
                | "the"
                | "in"
                | "on"
                | "for"
                | "to"
                | "a"
                | "an"
                | "at"
                | "by"
                | "with"
                | "&"
        ) {
            continue;
        }
        words += 1;
        if w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            caps += 1;
        }
    }
    if words == 0 {
        0.0
    } else {
        caps as f32 / words as f32
    }
}

/// A line of a document's header that dates it without saying anything else: the date with
/// an office, a place, a sender, a reference or a time ("Cablegram D1429 LONDON, 11 August 1945,
/// 10.34 p.m.", "For Immediate Release November 10, 1998", "20 July 2000 Media Contact: …").
/// Everything but the date is capitalised words, numbers and marks; a sentence has lower-case
/// words ("The ministry announced on 4 May 2025 …").
fn header_dateline(line: &str) -> bool {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b\.?)?").expect("time regex")
    });
    let t = line.trim_start_matches(['#', ' ']);
    let Some((_, a, b)) = find_date(t) else {
        return false;
    };
    if t.starts_with('[') || t.split_whitespace().count() > 12 {
        return false;
    }
    let rest = format!("{} {}", &t[..a], &t[b..]);
    let rest = TIME.replace_all(&rest, " ");
    let mut lower = 0;
    for w in rest.split(|c: char| c.is_whitespace() || ",;:()–—-".contains(c)) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            continue;
        }
        lower += 1;
    }
    lower == 0 || (lower == 1 && !t.trim_end().ends_with(['.', '?', '!']))
}

/// Where the text after a dateline that opens a paragraph begins: "BRUSSELS, 26 May 2016 – The
/// EU …", "FSMIS (August 1, 2014): This morning …". The part before the date is a few words with
/// a comma or an opening parenthesis; a dash or a colon follows the date.
fn inline_dateline(t: &str) -> Option<usize> {
    let (_, a, b) = find_date(t)?;
    let before = t[..a].trim_end();
    let words = before.split_whitespace().count();
    if words == 0 || words > 5 || !(before.ends_with(',') || before.ends_with('(')) {
        return None;
    }
    let mut rest = &t[b..];
    if before.ends_with('(') {
        rest = rest.strip_prefix(')')?;
    }
    let trimmed = rest.trim_start();
    let after = ["–", "—", "--", "-", ":"]
        .iter()
        .find_map(|d| trimmed.strip_prefix(d))?;
    let body = after.trim_start();
    // the text goes on with a sentence
    if !body.chars().next().is_some_and(char::is_uppercase) || body.split_whitespace().count() < 4 {
        return None;
    }
    Some(t.len() - body.len())
}

/// The place in the part of a dateline before its date: the last comma-separated part, or its
/// last two words or its last word ("Cablegram unnumbered CANBERRA" → Canberra), when the
/// gazetteer knows it.
fn dateline_place(before: &str) -> Option<String> {
    let before = before
        .trim_start_matches(['#', ' '])
        .trim()
        .trim_end_matches(',');
    let mut parts = before.rsplit(',').map(str::trim);
    let part = parts.next()?;
    // "Washington, DC"
    let two = parts.next().map(|p| {
        let p = p.split_whitespace().next_back().unwrap_or(p);
        format!("{p}, {part}")
    });
    let words: Vec<&str> = part.split_whitespace().collect();
    let last = words.last()?;
    // "Cablegram 12 NEW YORK"
    let last_two = (words.len() > 2).then(|| words[words.len() - 2..].join(" "));
    let tries = [
        two,
        Some(part.to_string()),
        last_two,
        Some(last.to_string()),
    ];
    tries.into_iter().flatten().find_map(|p| {
        // an upper-case name, not an abbreviation ("LONDON", not "DC")
        let p = if p.len() > 3 && p.chars().all(|c| !c.is_lowercase()) {
            p.split(' ')
                .map(|w| crate::generate::text::capitalize_first(&w.to_lowercase()))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            p.to_string()
        };
        super::gazetteer::GAZETTEER
            .lookup(&p)
            .is_some()
            .then_some(p)
    })
}

/// Parse a date written in common English forms. Returns the date and the byte range matched.
pub fn find_date(s: &str) -> Option<(Ymd, usize, usize)> {
    static MDY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
            .expect("mdy")
    });
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?,?\s+(\d{4})\b")
            .expect("dmy")
    });
    static ISO: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b").expect("iso"));
    static MY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b")
            .expect("my")
    });
    let mut best: Option<(Ymd, usize, usize)> = None;
    let consider = |best: &mut Option<(Ymd, usize, usize)>, d: Ymd, a: usize, b: usize| {
        if d.1 <= 12 && d.2 <= 31 && (1000..=2999).contains(&d.0) && best.is_none_or(|x| a < x.1) {
            *best = Some((d, a, b));
        }
    };
    if let Some(c) = MDY.captures(s) {
        let m = c.get(0).expect("m");
        if let (Some(mo), Ok(d), Ok(y)) =
            (month_number(&c[1]), c[2].parse::<u8>(), c[3].parse::<i32>())
        {
            consider(&mut best, (y, mo, d), m.start(), m.end());
        }
    }
    if let Some(c) = DMY.captures(s) {
        let m = c.get(0).expect("m");
        if let (Some(mo), Ok(d), Ok(y)) =
            (month_number(&c[2]), c[1].parse::<u8>(), c[3].parse::<i32>())
        {
            consider(&mut best, (y, mo, d), m.start(), m.end());
        }
    }
    if let Some(c) = ISO.captures(s) {
        let m = c.get(0).expect("m");
        if let (Ok(y), Ok(mo), Ok(d)) =
            (c[1].parse::<i32>(), c[2].parse::<u8>(), c[3].parse::<u8>())
        {
            consider(&mut best, (y, mo, d), m.start(), m.end());
        }
    }
    if best.is_none()
        && let Some(c) = MY.captures(s)
    {
        let m = c.get(0).expect("m");
        if let (Some(mo), Ok(y)) = (month_number(&c[1]), c[2].parse::<i32>()) {
            consider(&mut best, (y, mo, 0), m.start(), m.end());
        }
    }
    best
}

struct Line {
    start: usize,
    end: usize,
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let t = body.trim();
        if t.is_empty() {
            out.push(Line {
                start: pos,
                end: pos,
            });
        } else {
            out.push(Line {
                start: pos + lead,
                end: pos + lead + t.len(),
            });
        }
        pos += raw.len();
    }
    out
}

#[derive(PartialEq)]
enum LineKind {
    Blank,
    Meta,
    Heading,
    Body,
}

/// A title that is really a file name: it ends in a document extension ("notes.txt").
fn file_name_like(t: &str) -> bool {
    t.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && matches!(
                ext.to_ascii_lowercase().as_str(),
                "txt"
                    | "text"
                    | "md"
                    | "markdown"
                    | "html"
                    | "htm"
                    | "rtf"
                    | "doc"
                    | "docx"
                    | "pdf"
            )
    })
}

/// Split `text` into a `Doc`. `title` is used when the document has no title line.
pub fn preprocess<'a>(title: &str, text: &'a str) -> Doc<'a> {
    let lines = lines_of(text);
    let line_text = |l: &Line| &text[l.start..l.end];

    // Footnote numbers confirmed by a marker somewhere in the text.
    let mut footnote_nums: HashSet<u32> = HashSet::new();
    for l in &lines {
        if let Some(c) = FOOTNOTE_LINE.captures(line_text(l))
            && let Ok(n) = c[1].parse::<u32>()
        {
            footnote_nums.insert(n);
        }
    }
    let mut marker_nums: HashSet<u32> = HashSet::new();
    if !footnote_nums.is_empty() {
        for l in &lines {
            let t = line_text(l);
            let skip = FOOTNOTE_LINE.find(t).map_or(0, |m| m.end());
            for c in MARKER.captures_iter(&t[skip.min(t.len())..]) {
                if let Ok(n) = c[1].parse::<u32>()
                    && footnote_nums.contains(&n)
                {
                    marker_nums.insert(n);
                }
            }
        }
    }

    let mut meta = Vec::new();
    let mut headings: Vec<String> = Vec::new();
    let mut heading_starts: Vec<usize> = Vec::new();
    // Paragraphs: (start, end, footnote number, heading index)
    let mut paras: Vec<(usize, usize, Option<u32>, Option<usize>)> = Vec::new();
    let mut open = false;
    let mut cur_heading: Option<usize> = None;
    let n = lines.len();
    for i in 0..n {
        let l = &lines[i];
        let t = line_text(l);
        let kind = if t.is_empty() {
            LineKind::Blank
        } else if META.is_match(t) || (i < 15 && META_COLON.is_match(t)) {
            LineKind::Meta
        } else {
            let words = t.split_whitespace().count();
            let next = lines[i + 1..]
                .iter()
                .find(|x| x.end > x.start)
                .map(line_text);
            let next_adjacent = lines.get(i + 1).is_some_and(|x| x.end > x.start);
            let continues = open && !paras.is_empty() && {
                let (ps, pe, _, _) = paras[paras.len() - 1];
                !ends_terminal(&text[ps..pe])
            };
            let next_lower = next_adjacent
                && next.is_some_and(|x| x.chars().next().is_some_and(|c| c.is_lowercase()));
            // a line that stops mid-phrase ("… the Communist Party of") or a long line opened by
            // an adverbial ("Today, President Joseph R. Biden Jr. of …") runs on into the next
            let runs_on = next_adjacent
                && (t.ends_with(',')
                    || (t.chars().count() >= 50
                        && t.split(' ').next().is_some_and(|w| w.ends_with(','))
                        && t.chars().any(char::is_lowercase))
                    || t.rsplit(' ').next().is_some_and(|w| {
                        matches!(
                            w,
                            "of" | "the"
                                | "and"
                                | "to"
                                | "in"
                                | "for"
                                | "on"
                                | "a"
                                | "an"
                                | "with"
                                | "by"
                                | "at"
                                | "from"
                                | "or"
                        )
                    }));
            let markdown = t.starts_with('#');
            let numbered = NUMBERED_HEADING.is_match(t);
            let footnote = FOOTNOTE_LINE.is_match(t) && ends_terminal(t);
            if markdown {
                LineKind::Heading
            } else if footnote || ends_terminal(t) || next_lower || continues || runs_on {
                LineKind::Body
            } else if (numbered && words <= 16)
                || (words <= 12 && cap_ratio(t) >= 0.5)
                || (words <= 25 && cap_ratio(t) >= 0.7)
                || (words <= 8 && !next_adjacent)
                || t.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase())
            {
                LineKind::Heading
            } else {
                LineKind::Body
            }
        };
        match kind {
            LineKind::Blank => open = false,
            LineKind::Meta => {
                open = false;
                let (k, v) = if let Some(c) = META.captures(t) {
                    (c[1].trim().to_lowercase(), c[2].trim().to_string())
                } else if let Some(c) = META_COLON.captures(t) {
                    (c[1].trim().to_lowercase(), c[2].trim().to_string())
                } else {
                    (String::new(), String::new())
                };
                meta.push(MetaLine {
                    key: k,
                    value: v,
                    start: l.start,
                    end: l.end,
                });
            }
            LineKind::Heading => {
                open = false;
                let h = t.trim_start_matches('#').trim();
                let h = NUMBERED_HEADING
                    .find(h)
                    .map(|m| h[m.end() - 1..].trim())
                    .filter(|_| NUMBERED_HEADING.is_match(h))
                    .unwrap_or(h);
                headings.push(h.to_string());
                heading_starts.push(l.start);
                cur_heading = Some(headings.len() - 1);
            }
            LineKind::Body => {
                let mut s = l.start;
                let mut fn_num = None;
                // a release's capitalised headline run into its first sentence on one line
                if !open && let Some(k) = headline_prefix(t) {
                    headings.push(t[..k].to_string());
                    heading_starts.push(l.start);
                    cur_heading = Some(headings.len() - 1);
                    s = l.start + k + (t[k..].len() - t[k..].trim_start().len());
                }
                if let Some(c) = FOOTNOTE_LINE.captures(t) {
                    let num_end = c.get(1).expect("g").end();
                    let rest = &t[num_end..];
                    s = l.start + num_end + (rest.len() - rest.trim_start().len());
                    if let Ok(k) = c[1].parse::<u32>()
                        && marker_nums.contains(&k)
                    {
                        fn_num = Some(k);
                    }
                    open = false;
                } else if let Some(m) = BULLET.find(t) {
                    s = l.start + m.end();
                    open = false;
                }
                if open && fn_num.is_none() {
                    if let Some(p) = paras.last_mut() {
                        let prev = &text[p.0..p.1];
                        if ends_terminal(prev)
                            && !prev.trim_end().ends_with(':')
                            && t.chars().next().is_some_and(|c| c.is_uppercase())
                            && l.end - l.start < 200
                            && prev.len() < 200
                        {
                            // short lines each ending a sentence: keep as separate paragraphs
                            paras.push((s, l.end, fn_num, cur_heading));
                        } else {
                            p.1 = l.end;
                        }
                    }
                } else {
                    paras.push((s, l.end, fn_num, cur_heading));
                }
                open = true;
                // A line ending in terminal punctuation closes its paragraph when the next line
                // starts a new one (the seeds put one paragraph per line).
                if ends_terminal(t) {
                    open = false;
                }
            }
        }
    }

    // Title and date.
    let mut doc_title = meta
        .iter()
        .find(|m| m.key == "title" && !m.value.is_empty())
        .map(|m| m.value.clone())
        .unwrap_or_else(|| title.trim().to_string());
    // a file name ("flood-aid_2026.txt") is no title: the document's heading is better
    if file_name_like(&doc_title) {
        doc_title.clear();
    }
    if doc_title.is_empty() {
        // The first heading that is no dateline, unless a longer one follows closely (an office
        // name or a series label often comes before the real title). Who issued it ("The Hon
        // Bruce Billson MP Parliamentary Secretary …") is no title.
        let byline = |h: &str| {
            let l = h.to_lowercase();
            ["the hon ", "hon ", "senator ", "office of "]
                .iter()
                .any(|p| l.starts_with(p))
                || l.split_whitespace().any(|w| w == "mp")
        };
        // nor is a file reference or a classification ("5871. Secret Immediate", "[NAA: A1838,
        // 727/4/2 PART 1]", "_[matter omitted]_", "My telegram 58701")
        let marking = |h: &str| {
            let l = h.to_lowercase();
            h.starts_with(|c: char| c.is_ascii_digit() || c == '[' || c == '_' || c == '*')
                // a lead-in ("Begins:—", "Following is the text of …")
                || h.trim_end_matches(['—', '-', ' ']).ends_with(':')
                || ["following is ", "the following is "]
                    .iter()
                    .any(|p| l.starts_with(p))
                // contact details ("Media inquiries: … 0408 680 442")
                || h.chars().filter(char::is_ascii_digit).count() >= 8
                // "My telegram 58701—China", "Your reference …"
                || ["my ", "your ", "ref "].iter().any(|p| l.starts_with(p))
                || h.chars().filter(|c| c.is_alphabetic()).count() < 6
                || l.split_whitespace().all(|w| {
                    matches!(
                        w.trim_matches(|c: char| !c.is_alphabetic()),
                        "secret"
                            | "confidential"
                            | "immediate"
                            | "restricted"
                            | "priority"
                            | "unclassified"
                            | "top"
                            | "cablegram"
                            | ""
                    )
                })
        };
        // only the headings above the first paragraph (not a signature at the end)
        let body_start = paras.first().map_or(usize::MAX, |p| p.0);
        let lead = heading_starts.iter().filter(|&&x| x < body_start).count();
        let first = headings
            .iter()
            .take(lead.min(5))
            .find(|h| find_date(h).is_none() && !marking(h))
            .cloned()
            .unwrap_or_default();
        let long = headings
            .iter()
            .take(lead.min(5))
            .filter(|h| find_date(h).is_none() && !byline(h) && !marking(h))
            .max_by_key(|h| h.split_whitespace().count());
        doc_title = match long {
            Some(h) if h.split_whitespace().count() >= first.split_whitespace().count() + 3 => {
                h.clone()
            }
            _ => first,
        };
    }
    let mut date = meta
        .iter()
        .filter(|m| {
            matches!(
                m.key.as_str(),
                "date" | "dated" | "published" | "issued" | "released"
            )
        })
        .find_map(|m| find_date(&m.value).map(|d| d.0));
    if date.is_none() {
        // A short line near the top that is mostly a date, or a dateline.
        for l in lines.iter().filter(|l| l.end > l.start).take(6) {
            let t = line_text(l);
            // columns padded with spaces ("AA 05 08      25 February 2005") count once
            let squeezed = t.split_whitespace().collect::<Vec<_>>().join(" ");
            let dominant = find_date(&squeezed)
                .is_some_and(|(_, a, b)| (b - a) * 2 >= squeezed.len().min(200));
            let dateline = find_date(t)
                .is_some_and(|(_, a, _)| a < 40 && t.len() > 60 && t[..a].contains(','));
            let header = header_dateline(t);
            if dominant || dateline || header {
                date = find_date(t).map(|x| x.0);
                if (dominant && t.split_whitespace().count() <= 6) || header {
                    // a dateline of its own: keep it as the document's date line (without a
                    // Markdown heading's marks)
                    let t = t.trim_start_matches(['#', ' ']);
                    let start = l.end - t.len();
                    meta.push(MetaLine {
                        key: "date".to_string(),
                        value: t.to_string(),
                        start,
                        end: l.end,
                    });
                    // "Paris, 19 December 1972", "Cablegram D1429 LONDON, 11 August 1945": the
                    // place it was written
                    if let Some(place) = find_date(t).and_then(|(_, a, _)| dateline_place(&t[..a]))
                    {
                        meta.push(MetaLine {
                            key: "place".to_string(),
                            value: place,
                            start,
                            end: l.end,
                        });
                    }
                }
                break;
            }
        }
    }

    // "BRUSSELS, 26 May 2016 – The EU has …", "FSMIS (August 1, 2014): This morning …": a
    // dateline that opens a paragraph near the top is kept apart, as the document's date line
    // and place
    for l in lines.iter().filter(|l| l.end > l.start).take(8) {
        let t = line_text(l);
        let Some(cut) = inline_dateline(t) else {
            continue;
        };
        let start = l.end - t.len();
        let head = t[..cut]
            .trim_end()
            .trim_end_matches(['–', '—', '-', ':', ' ']);
        let has_place = meta.iter().any(|m| m.key == "place");
        if !meta.iter().any(|m| m.key == "date") {
            date = date.or_else(|| find_date(head).map(|x| x.0));
            meta.push(MetaLine {
                key: "date".to_string(),
                value: head.to_string(),
                start,
                end: start + head.len(),
            });
        }
        if !has_place
            && let Some(place) = find_date(head)
                .and_then(|(_, a, _)| dateline_place(head[..a].trim_end_matches(['(', ' '])))
        {
            meta.push(MetaLine {
                key: "place".to_string(),
                value: place,
                start,
                end: start + head.len(),
            });
        }
        // the paragraph starts after the dateline (a caption line run into it stays a paragraph
        // of its own)
        if let Some(k) = paras.iter().position(|p| p.0 <= start && start < p.1) {
            let p = paras[k];
            paras[k].0 = start + cut;
            if text[p.0..start].trim().chars().count() > 2 {
                paras.insert(k, (p.0, start, p.2, p.3));
            }
        }
        break;
    }

    // Sentences.
    let mut sentences: Vec<Sentence> = Vec::new();
    for (pi, &(ps, pe, fn_num, h)) in paras.iter().enumerate() {
        for (k, (a, b)) in split_sentences(&text[ps..pe]).into_iter().enumerate() {
            let raw = &text[ps + a..ps + b];
            let clean = clean_sentence(raw, &marker_nums);
            if clean.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
                continue;
            }
            sentences.push(Sentence {
                start: ps + a,
                end: ps + b,
                clean,
                para: pi,
                index_in_para: k,
                footnote: fn_num,
                anchor: None,
                heading: h.map(|x| headings[x].clone()),
                order: 0.0,
            });
        }
    }
    // Reading order and footnote anchors.
    let main: Vec<usize> = (0..sentences.len())
        .filter(|&i| sentences[i].footnote.is_none())
        .collect();
    let nm = main.len().max(1) as f32;
    for (r, &i) in main.iter().enumerate() {
        sentences[i].order = r as f32 / nm;
    }
    for i in 0..sentences.len() {
        if let Some(fnum) = sentences[i].footnote {
            let anchor = main.iter().copied().find(|&j| {
                let raw = &text[sentences[j].start..sentences[j].end];
                MARKER
                    .captures_iter(raw)
                    .any(|c| c[1].parse::<u32>().ok() == Some(fnum))
            });
            sentences[i].anchor = anchor;
            sentences[i].order = anchor.map_or(0.9, |j| sentences[j].order + 0.01);
        }
    }
    let word_count = sentences
        .iter()
        .map(|s| s.clean.split_whitespace().count())
        .sum();
    Doc {
        text,
        title: doc_title,
        date,
        meta,
        headings,
        sentences,
        word_count,
    }
}

/// Remove footnote markers, straighten quotes, collapse whitespace.
pub fn clean_sentence(raw: &str, markers: &HashSet<u32>) -> String {
    let mut s = String::with_capacity(raw.len());
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for c in MARKER.captures_iter(raw) {
        let g = c.get(1).expect("g");
        let n: u32 = g.as_str().parse().unwrap_or(0);
        if markers.contains(&n) {
            cut.push((g.start(), g.end()));
        }
    }
    let mut last = 0;
    let mut tmp = String::with_capacity(raw.len());
    for (a, b) in cut {
        tmp.push_str(&raw[last..a]);
        last = b;
    }
    tmp.push_str(&raw[last..]);
    let mut prev_space = false;
    for ch in tmp.chars() {
        let ch = match ch {
            '\u{2018}' | '\u{2019}' | '\u{201b}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' => '"',
            '\u{00a0}' | '\t' | '\n' | '\r' => ' ',
            c => c,
        };
        if ch == ' ' {
            if !prev_space {
                s.push(' ');
            }
            prev_space = true;
        } else {
            s.push(ch);
            prev_space = false;
        }
    }
    s.trim().to_string()
}

/// Split a paragraph into sentences; returns byte ranges (trimmed) into `p`.
pub fn split_sentences(p: &str) -> Vec<(usize, usize)> {
    let b = p.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // " ++ " separates items in some fact sheets
        if c == b'+'
            && b.get(i + 1) == Some(&b'+')
            && i > 0
            && b[i - 1].is_ascii_whitespace()
            && b.get(i + 2).is_none_or(|x| x.is_ascii_whitespace())
        {
            let seg = &p[start..i];
            let t = seg.trim();
            if !t.is_empty() {
                let lead = seg.len() - seg.trim_start().len();
                out.push((start + lead, start + lead + t.len()));
            }
            let mut n = i + 2;
            while n < b.len() && b[n].is_ascii_whitespace() {
                n += 1;
            }
            start = n;
            i = n;
            continue;
        }
        if c == b'.' || c == b'?' || c == b'!' {
            // extend over closing punctuation and a glued footnote marker
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b'.' | b'?' | b'!' | b')' | b']' | b'"' | b'\'') {
                j += 1;
            }
            while j + 2 < b.len() && p[j..].starts_with(['\u{201d}', '\u{2019}']) {
                j += 3;
            }
            // ".[8] Next", ".[citation needed] Next": a bracketed note glued after the period
            while j < b.len() && b[j] == b'[' {
                let mut k = j + 1;
                while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b' ') && k - j < 25 {
                    k += 1;
                }
                if k > j + 1 && k < b.len() && b[k] == b']' {
                    j = k + 1;
                } else {
                    break;
                }
            }
            let mut k = j;
            while k < b.len() && b[k].is_ascii_digit() && k - j < 3 {
                k += 1;
            }
            if k > j && k < b.len() && b[k].is_ascii_whitespace() && c == b'.' {
                j = k; // "peace.7 Next"
            }
            if j >= b.len() {
                break;
            }
            if !b[j].is_ascii_whitespace() {
                i = j;
                continue;
            }
            let mut n = j;
            while n < b.len() && b[n].is_ascii_whitespace() {
                n += 1;
            }
            if n >= b.len() {
                break;
            }
            let next_ch = p[n..].chars().next().unwrap_or(' ');
            let next_ok = next_ch.is_uppercase()
                || next_ch.is_ascii_digit()
                || matches!(
                    next_ch,
                    '"' | '\'' | '(' | '[' | '\u{201c}' | '\u{2018}' | '$' | '\u{a3}' | '\u{20ac}'
                );
            if !next_ok {
                i = j;
                continue;
            }
            if c == b'.' && !period_ends_sentence(p, i, n) {
                i = j;
                continue;
            }
            let seg = &p[start..j];
            let lead = seg.len() - seg.trim_start().len();
            out.push((start + lead, start + seg.trim_end().len()));
            start = n;
            i = n;
            continue;
        }
        i += 1;
    }
    if start < p.len() {
        let seg = &p[start..];
        let lead = seg.len() - seg.trim_start().len();
        let t = seg.trim();
        if !t.is_empty() {
            out.push((start + lead, start + lead + t.len()));
        }
    }
    out
}

/// The length of a capitalised headline that opens a line and runs into a sentence ("CANADA
/// PROVIDES FURTHER ASSISTANCE … EARTHQUAKE Foreign Affairs Minister Pierre Pettigrew, …"): four
/// or more words in capitals, three of them longer than two letters (not a run of acronyms),
/// then a capitalised word in lower case.
fn headline_prefix(t: &str) -> Option<usize> {
    let caps = |w: &str| {
        w.chars().any(char::is_alphabetic)
            && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    };
    let mut end = 0;
    let (mut words, mut long) = (0, 0);
    for (at, w) in t.split(' ').scan(0, |pos, w| {
        let at = *pos;
        *pos += w.len() + 1;
        Some((at, w))
    }) {
        if w.is_empty() {
            continue;
        }
        if caps(w) {
            words += 1;
            long += usize::from(w.chars().filter(|c| c.is_alphabetic()).count() > 2);
            end = at + w.len();
            continue;
        }
        let title_case =
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase);
        return (title_case && words >= 4 && long >= 3).then_some(end);
    }
    None
}

fn period_ends_sentence(p: &str, dot: usize, next: usize) -> bool {
    // the word before the period
    let before = &p[..dot];
    let ws = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |x| x + 1);
    // "the Vietnam–U.S. Comprehensive Partnership": the abbreviation after a hyphen or dash
    let word = before[ws..]
        .rsplit(['-', '\u{2013}', '\u{2014}', '/'])
        .next()
        .unwrap_or("");
    let lw = word.to_lowercase();
    let next_word: String = p[next..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let starter = SENTENCE_STARTERS.contains(next_word.as_str());
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return false; // initial: "J. F. Kennedy"
    }
    if lw == "no" || lw == "nos" || lw == "art" || lw == "p" || lw == "pp" || lw == "vol" {
        return !p[next..].starts_with(|c: char| c.is_ascii_digit());
    }
    if ABBREVIATIONS.contains(lw.as_str()) {
        let dotted = lw.contains('.');
        let titles = matches!(
            lw.as_str(),
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "prof"
                | "st"
                | "gen"
                | "col"
                | "lt"
                | "sgt"
                | "capt"
                | "rev"
                | "hon"
                | "gov"
                | "sen"
                | "rep"
                | "mt"
                | "ft"
                | "messrs"
                | "mme"
                | "mlle"
                | "adm"
                | "maj"
                | "cmdr"
                | "e.g"
                | "i.e"
                | "cf"
                | "vs"
                | "fig"
                | "approx"
                | "ca"
                | "al"
        );
        if titles {
            return false;
        }
        if dotted
            || lw == "etc"
            || lw == "jr"
            || lw == "sr"
            || lw == "inc"
            || lw == "ltd"
            || lw == "co"
            || lw == "corp"
        {
            return starter;
        }
        // month abbreviations: "Jan. 5"
        return !p[next..].starts_with(|c: char| c.is_ascii_digit()) && starter;
    }
    if word.len() >= 2 && word.split('.').all(|x| x.chars().count() <= 2) && word.contains('.') {
        // other dotted abbreviations "U.S", "A.D"
        return starter;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(p: &str) -> Vec<&str> {
        split_sentences(p)
            .into_iter()
            .map(|(a, b)| &p[a..b])
            .collect()
    }

    #[test]
    fn a_headline_run_into_the_first_sentence_is_a_heading() {
        let text = "NORLAND PROVIDES FURTHER ASSISTANCE TO FLOOD VICTIMS Foreign Minister Ana Rios announced today that Norland has earmarked $20 million.\n";
        let d = preprocess("", text);
        assert_eq!(
            d.headings,
            vec!["NORLAND PROVIDES FURTHER ASSISTANCE TO FLOOD VICTIMS"]
        );
        assert!(
            d.sentences[0]
                .clean
                .starts_with("Foreign Minister Ana Rios announced")
        );
        // acronyms opening a sentence are no headline
        let d = preprocess("", "UNHCR and WFP staff arrived in the camps on Monday.\n");
        assert!(d.headings.is_empty());
    }

    #[test]
    fn abbreviations_do_not_split() {
        let p = "Mr. Smith met Dr. Jones in St. Louis on Jan. 5. The U.S. Senate agreed. It was No. 5 on the list. \
                 Martin Luther King Jr. was born in 1929. The empire fell in 476 A.D. The next era began.";
        let s = sents(p);
        assert_eq!(s.len(), 6, "{s:?}");
        assert!(s[0].starts_with("Mr. Smith"));
        assert_eq!(s[1], "The U.S. Senate agreed.");
        assert_eq!(s[4], "The empire fell in 476 A.D.");
        // an abbreviation after a dash
        let s = sents(
            "They formed the Vietnam\u{2013}U.S. Comprehensive Partnership in 2013. It grew.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn datelines_and_the_title_among_release_headers() {
        let text = "MEDIA RELEASE\n\n\
                    The Hon Ada Quist MP  Parliamentary Secretary for Foreign Affairs\n\n\
                    AA 05 08                                       25 February 2005\n\n\
                    More aid for the Cook Islands\n\n\
                    Australia will provide $100,000 to the Cook Islands.\n\n\
                    Media inquiries: Ben Tal 0408 680 442\n";
        let d = preprocess("", text);
        assert_eq!(d.title, "More aid for the Cook Islands");
        assert_eq!(d.date, Some((2005, 2, 25)));
        let cable = "Paris, 19 December 1972\n\n5871. Secret Immediate\n\nMy telegram 58701\n\n\
                     Begins:\n\nThe two Governments agreed to exchange ambassadors.\n\nRenouf\n";
        let d = preprocess("", cable);
        assert_eq!(d.title, "");
        assert_eq!(d.date, Some((1972, 12, 19)));
        let place: Vec<&str> = d
            .meta
            .iter()
            .filter(|m| m.key == "place")
            .map(|m| m.value.as_str())
            .collect();
        assert_eq!(place, ["Paris"]);
    }

    #[test]
    fn an_inline_dateline_needs_a_sentence_after_it() {
        assert_eq!(
            inline_dateline("BRUSSELS, 26 May 2016 – The EU has released aid."),
            Some("BRUSSELS, 26 May 2016 – ".len())
        );
        assert_eq!(
            inline_dateline("FSMIS (August 1, 2014): This morning, the treaty was signed."),
            Some("FSMIS (August 1, 2014): ".len())
        );
        // nothing, a fragment or lower case after the dash; a date inside a sentence
        for t in [
            "BRUSSELS, 26 May 2016 –",
            "BRUSSELS, 26 May 2016 – The EU",
            "BRUSSELS, 26 May 2016 – the EU has released aid.",
            "The EU, on 26 May 2016, released aid to the victims.",
            "FSMIS (August 1, 2014 – This morning, the treaty was signed.",
        ] {
            assert_eq!(inline_dateline(t), None, "{t}");
        }
    }

    #[test]
    fn header_datelines_with_a_sender_a_reference_or_a_time() {
        let meta = |text: &str| {
            let d = preprocess("", text);
            let get = |k: &str| {
                d.meta
                    .iter()
                    .find(|m| m.key == k)
                    .map(|m| (m.value.clone(), d.text[m.start..m.end].to_string()))
            };
            (d.date, get("date"), get("place"))
        };
        let (date, line, place) = meta(
            "## Cablegram D1429 LONDON, 11 August 1945, 10.34 p.m.\n\nMOST IMMEDIATE SECRET\n\n\
             The note was sent to the Swiss Government.\n",
        );
        assert_eq!(date, Some((1945, 8, 11)));
        // the line without its Markdown marks, as the source shown with the question
        let line = line.expect("date line");
        assert_eq!(line.0, "Cablegram D1429 LONDON, 11 August 1945, 10.34 p.m.");
        assert_eq!(line.0, line.1);
        assert_eq!(place.map(|p| p.0).as_deref(), Some("London"));
        let (_, line, place) = meta(
            "Franklin Roosevelt Washington, DC, 8 December 1941\n\nYesterday the nation was attacked.\n",
        );
        assert!(line.is_some());
        assert_eq!(place.map(|p| p.0).as_deref(), Some("Washington, DC"));
        let (_, _, place) = meta("Cablegram 12 NEW YORK, 3 May 1950\n\nThe talks began.\n");
        assert_eq!(place.map(|p| p.0).as_deref(), Some("New York"));
        let (_, line, place) = meta(
            "THE WHITE HOUSE\n\nFor Immediate Release November 10, 1998\n\nThe President spoke.\n",
        );
        assert_eq!(
            line.map(|l| l.0).as_deref(),
            Some("For Immediate Release November 10, 1998")
        );
        assert_eq!(place, None);
        // a sentence that gives a date is no dateline
        let (_, line, _) =
            meta("Water for Norland\n\nThe ministry announced on 4 May 2025 new funds.\n");
        assert_eq!(line, None);
    }

    #[test]
    fn hard_wrapped_lines_that_run_on_are_no_headings() {
        let text = "Joint Statement\n\n\
                    On September 10, 2023, the General Secretary of the Party of\n\
                    Norland and the President met in Hanoi.\n\n\
                    Today, President Ada Quist Jr. of the Republic of Zembla and President\n\
                    Ben Tal of Norland met in Oslo.\n";
        let d = preprocess("", text);
        assert_eq!(d.title, "Joint Statement");
        let s: Vec<&str> = d.sentences.iter().map(|s| s.clean.as_str()).collect();
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].starts_with("On September 10, 2023,") && s[0].ends_with("in Hanoi."));
        assert!(s[1].starts_with("Today, President Ada") && s[1].ends_with("in Oslo."));
    }

    #[test]
    fn footnotes_and_metadata() {
        let text = "[Title] A Report\n[Date] June 7, 2007\n1. Energy\nRussia sent rescue workers7, and more.\n\
                    Next sentence here.\n7 Two teams totaling 156 workers were sent. They helped.\n";
        let d = preprocess("", text);
        assert_eq!(d.title, "A Report");
        assert_eq!(d.date, Some((2007, 6, 7)));
        assert_eq!(d.headings, vec!["Energy".to_string()]);
        let fs: Vec<&Sentence> = d
            .sentences
            .iter()
            .filter(|s| s.footnote == Some(7))
            .collect();
        assert_eq!(fs.len(), 2);
        assert_eq!(
            &text[fs[0].start..fs[0].end],
            "Two teams totaling 156 workers were sent."
        );
        assert_eq!(fs[0].anchor, Some(0));
        assert_eq!(
            d.sentences[0].clean,
            "Russia sent rescue workers, and more."
        );
    }

    #[test]
    fn wrapped_lines_join() {
        let text = "The river is long and\nflows into the sea. It is\nvery old.\n\nA new paragraph starts here.";
        let d = preprocess("", text);
        let s: Vec<&str> = d.sentences.iter().map(|s| s.clean.as_str()).collect();
        assert_eq!(
            s,
            vec![
                "The river is long and flows into the sea.",
                "It is very old.",
                "A new paragraph starts here."
            ]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            find_date("[Date] June 7, 2007").map(|x| x.0),
            Some((2007, 6, 7))
        );
        assert_eq!(
            find_date("on 7 June 2007 in").map(|x| x.0),
            Some((2007, 6, 7))
        );
        assert_eq!(find_date("2021-03-04").map(|x| x.0), Some((2021, 3, 4)));
    }
}
