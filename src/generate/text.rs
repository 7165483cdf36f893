//! Text normalisation and lenient answer comparison (the same rules as the reference scorer and
//! the answer checker: fold quotes, dashes and accents, lowercase, number words to digits, drop
//! punctuation and articles; fuzzy per token for typos, never for numbers).

use super::lexicon::{scale_word, small_number};
use std::collections::HashSet;

/// NFKC-ish fold: quotes and dashes to ASCII, accents stripped, lowercase.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{00a0}' | '\u{2009}' | '\u{202f}' => out.push(' '),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => {
                let mut buf = [0u8; 4];
                let d = deunicode::deunicode(c.encode_utf8(&mut buf));
                out.push_str(&d.to_lowercase());
            }
        }
    }
    out
}

fn is_num_tok(t: &str) -> bool {
    !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && t.as_bytes()[0].is_ascii_digit()
}

/// "one hundred fifty-six" -> "156", "2 million" -> "2000000"; other words kept.
pub fn words_to_numbers(s: &str) -> String {
    // tokens: [a-z]+ | digits | other single char (spaces dropped)
    let s = s.replace('-', " ");
    let mut toks: Vec<String> = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_lowercase() {
            let j = i + b[i..].iter().take_while(|x| x.is_ascii_lowercase()).count();
            toks.push(s[i..j].to_string());
            i = j;
        } else if c.is_ascii_digit() {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b',') {
                j += 1;
            }
            if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
                j += 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
            }
            toks.push(s[i..j].to_string());
            i = j;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            toks.push(ch.to_string());
            i += ch.len_utf8();
        }
    }
    let mut out: Vec<String> = Vec::new();
    let (mut cur, mut total, mut active) = (0f64, 0f64, false);
    let flush = |out: &mut Vec<String>, cur: &mut f64, total: &mut f64, active: &mut bool| {
        if *active {
            out.push(fmt_num(*total + *cur));
        }
        *cur = 0.0;
        *total = 0.0;
        *active = false;
    };
    for t in toks {
        if let Some(n) = small_number(&t) {
            cur += n as f64;
            active = true;
        } else if let Some(sc) =
            scale_word(&t).filter(|_| active || out.last().is_some_and(|l| is_num_tok(l)))
        {
            if !active {
                let l = out.pop().unwrap_or_default().replace(',', "");
                cur = l.parse().unwrap_or(0.0);
                active = true;
            }
            if sc == 100 {
                cur = if cur == 0.0 { 1.0 } else { cur } * 100.0;
            } else {
                total += if cur == 0.0 { 1.0 } else { cur } * sc as f64;
                cur = 0.0;
            }
        } else if t == "and" && active {
            continue;
        } else {
            flush(&mut out, &mut cur, &mut total, &mut active);
            out.push(t);
        }
    }
    flush(&mut out, &mut cur, &mut total, &mut active);
    out.join(" ")
}

pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x}");
        s
    }
}

/// Normalised form used for equality, leak and duplicate checks.
pub fn norm(s: &str) -> String {
    let f = fold(s);
    // drop thousands separators
    let b = f.as_bytes();
    let mut g = String::with_capacity(f.len());
    for (i, ch) in f.char_indices() {
        if ch == ','
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.len() >= i + 4
            && b[i + 1..i + 4].iter().all(|x| x.is_ascii_digit())
            && (i + 4 == b.len() || !b[i + 4].is_ascii_digit())
        {
            continue;
        }
        g.push(ch);
    }
    let w = words_to_numbers(&g);
    let wb = w.as_bytes();
    let mut h = String::with_capacity(w.len());
    for (i, ch) in w.char_indices() {
        let keep =
            ch.is_alphanumeric() || ch == '_' || ch == '%' || ch == '$' || ch.is_whitespace();
        if ch == '.' {
            let prev = i > 0 && wb[i - 1].is_ascii_digit();
            let next = i + 1 < wb.len() && wb[i + 1].is_ascii_digit();
            h.push(if prev && next { '.' } else { ' ' });
        } else if keep {
            h.push(ch);
        } else {
            h.push(' ');
        }
    }
    let toks: Vec<&str> = h
        .split_whitespace()
        .filter(|t| !matches!(*t, "a" | "an" | "the"))
        .collect();
    let mut s = toks.join(" ");
    if s.contains(".0") {
        // "2.0" -> "2"
        let mut out = String::new();
        for t in s.split(' ') {
            if !out.is_empty() {
                out.push(' ');
            }
            match t.strip_suffix(".0") {
                Some(x) if is_num_tok(x) => out.push_str(x),
                _ => out.push_str(t),
            }
        }
        s = out;
    }
    s
}

const QUALIFIERS: &[&str] = &[
    "approximately",
    "about",
    "around",
    "some",
    "nearly",
    "roughly",
    "over",
    "more than",
    "less than",
    "at least",
    "almost",
    "up to",
    "a total of",
    "totaling",
    "totalling",
    "in total",
    "in",
    "on",
    "since",
];

pub fn strip_qualifiers(n: &str) -> &str {
    let mut n = n;
    loop {
        let mut changed = false;
        for q in QUALIFIERS {
            if let Some(rest) = n.strip_prefix(q).and_then(|r| r.strip_prefix(' ')) {
                n = rest;
                changed = true;
            }
        }
        if !changed {
            return n;
        }
    }
}

pub fn numbers_in(n: &str) -> Vec<String> {
    let mut v: Vec<String> = n
        .split(' ')
        .filter(|t| t.as_bytes().first().is_some_and(|b| b.is_ascii_digit()))
        .map(|t| {
            t.trim_end_matches(|c: char| !c.is_ascii_digit())
                .to_string()
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (la, lb) = (a.len(), b.len());
    if la == 0 || lb == 0 {
        return 0.0;
    }
    let md = (la.max(lb) / 2).saturating_sub(1);
    let mut am = vec![false; la];
    let mut bm = vec![false; lb];
    let mut m = 0usize;
    for i in 0..la {
        let lo = i.saturating_sub(md);
        let hi = (i + md + 1).min(lb);
        for j in lo..hi {
            if !bm[j] && a[i] == b[j] {
                am[i] = true;
                bm[j] = true;
                m += 1;
                break;
            }
        }
    }
    if m == 0 {
        return 0.0;
    }
    let (mut t, mut k) = (0usize, 0usize);
    for i in 0..la {
        if am[i] {
            while !bm[k] {
                k += 1;
            }
            if a[i] != b[k] {
                t += 1;
            }
            k += 1;
        }
    }
    let m = m as f64;
    let jaro = (m / la as f64 + m / lb as f64 + (m - t as f64 / 2.0) / m) / 3.0;
    let p = a
        .iter()
        .zip(b.iter())
        .take(4)
        .take_while(|(x, y)| x == y)
        .count();
    jaro + p as f64 * 0.1 * (1.0 - jaro)
}

const STOP: &str = "a an the of in on at to for from by with and or as is are was were be been being it its \
    this that these those which who whom what when where how many much did does do has have had will would \
    can could should than then there their they them he she his her we our you your not no nor so such \
    into onto over under about after before during between among approximately around some more most less \
    least nearly roughly";
const GENERIC: &str = "region republic city airport airbase base lake river sea crossing province oblast \
    valley island islands dynasty party state mountains mount kingdom empire summit corridor route plant station";

fn is_stop(t: &str) -> bool {
    STOP.split(' ').any(|s| s == t)
}
fn is_generic(t: &str) -> bool {
    GENERIC.split(' ').any(|s| s == t)
}

/// Content tokens of a normalised string.
pub fn content_tokens(s: &str) -> Vec<String> {
    norm(s)
        .split(' ')
        .filter(|t| !t.is_empty() && !is_stop(t))
        .map(String::from)
        .collect()
}

/// Would a lenient checker accept `given` for the answer `gold`?
pub fn answers_match(given: &str, gold: &str) -> bool {
    let gn = norm(given);
    let dn = norm(gold);
    let g = strip_qualifiers(&gn);
    let d = strip_qualifiers(&dn);
    if g.is_empty() || d.is_empty() {
        return false;
    }
    if g == d {
        return true;
    }
    let ng = numbers_in(g);
    let nd = numbers_in(d);
    if !nd.is_empty() {
        return ng == nd;
    }
    if !ng.is_empty() {
        return false;
    }
    let gt: Vec<&str> = g.split(' ').collect();
    let dt: Vec<&str> = d.split(' ').collect();
    // token F1
    let mut common = 0;
    let mut used = vec![false; dt.len()];
    for t in &gt {
        if let Some(k) = dt.iter().enumerate().position(|(k, x)| !used[k] && x == t) {
            used[k] = true;
            common += 1;
        }
    }
    if common > 0 {
        let p = common as f64 / gt.len() as f64;
        let r = common as f64 / dt.len() as f64;
        if 2.0 * p * r / (p + r) >= 0.8 {
            return true;
        }
    }
    for (short, long) in [(&gt, &dt), (&dt, &gt)] {
        let s = short.join(" ");
        let l = long.join(" ");
        let padded = format!(" {l} ");
        if !padded.contains(&format!(" {s} ")) {
            continue;
        }
        let cs: Vec<&&str> = short
            .iter()
            .filter(|t| !is_stop(t) && !is_generic(t))
            .collect();
        let cl: std::collections::HashSet<&&str> = long
            .iter()
            .filter(|t| !is_stop(t) && !is_generic(t))
            .collect();
        if cs.is_empty() || cl.is_empty() {
            continue;
        }
        let cs: std::collections::HashSet<&&str> = cs.into_iter().collect();
        if cs.intersection(&cl).count() as f64 / cl.len() as f64 >= 2.0 / 3.0 {
            return true;
        }
    }
    if gt.len() == dt.len()
        && g.len() >= 5
        && gt
            .iter()
            .zip(dt.iter())
            .all(|(x, y)| jaro_winkler(x, y) >= 0.92)
    {
        return true;
    }
    false
}

/// Does the normalised answer occur as whole tokens in the normalised question?
pub fn leaks(question: &str, answer: &str) -> bool {
    let na = norm(answer);
    if na.is_empty() {
        return false;
    }
    let nq = format!(" {} ", norm(question));
    if nq.contains(&format!(" {na} ")) {
        return true;
    }
    // a one-word answer given away by a derived form ("deep" in "the deepest lake")
    !na.contains(' ')
        && na.chars().count() >= 4
        && !na.chars().any(|c| c.is_ascii_digit())
        && nq
            .split(' ')
            .any(|w| w.len() > na.len() && w.len() <= na.len() + 4 && w.starts_with(na.as_str()))
}

/// Capitalise the first letter.
pub fn capitalize_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Remove footnote markers ("signed [1] after" → "signed after").
pub fn strip_footnotes(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    let mut rest = q;
    while let Some(p) = rest.find('[') {
        let tail = &rest[p + 1..];
        let close = tail.find(']');
        match close {
            Some(c)
                if c > 0
                    && (c <= 4 && tail[..c].bytes().all(|b| b.is_ascii_digit())
                        || tail[..c].eq_ignore_ascii_case("citation needed")) =>
            {
                out.push_str(rest[..p].trim_end());
                rest = &tail[c + 1..];
            }
            _ => {
                out.push_str(&rest[..=p]);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ?", "?")
        .replace(".?", "?")
        .replace(" ,", ",")
}

/// Drop the source's discourse adverbs from a question: "today" and "yesterday" point at the
/// release's own date, "also", "therefore" and "indeed" at sentences the question does not show
/// ("Which country will also respond …?" → "Which country will respond …?").
pub fn drop_discourse_adverbs(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    let mut first = true;
    let words: Vec<&str> = q.split(' ').collect();
    for (i, &w) in words.iter().enumerate() {
        let bare = w.trim_end_matches([',', '?']);
        // "also known as" names an alias
        let alias = bare == "also"
            && words
                .get(i + 1)
                .is_some_and(|n| matches!(*n, "known" | "called" | "referred" | "named"));
        let dropped = !first
            && !alias
            && matches!(
                bare,
                "also" | "today" | "yesterday" | "therefore" | "indeed" | "thus"
            );
        if dropped {
            // keep the question mark or comma the word carried
            let tail = &w[bare.len()..];
            if !tail.is_empty() {
                while out.ends_with(' ') {
                    out.pop();
                }
                if !out.ends_with(tail) {
                    out.push_str(tail);
                }
            }
            continue;
        }
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(w);
        first = false;
    }
    out
}

/// Names a source sets in capitals ("The BATTLE OF WATERLOO was fought …", "the MISSISSIPPI
/// RIVER"), written in title case in a question: a run of capitalised words that holds a
/// function word ("OF"), or whose words the document also writes in title case
/// (`title_words`, lower-cased). Acronyms ("UNHCR", "the UN OCHA") and names the document only
/// ever capitalises stay as they are.
pub fn headline_case(q: &str, title_words: &HashSet<String>) -> String {
    let core = |w: &str| -> String { w.trim_matches(|c: char| !c.is_alphanumeric()).to_string() };
    // an acronym in brackets ("… AFFAIRS (OCHA)") is not part of the name before it
    let is_caps = |w: &str| {
        let c = core(w);
        if w.starts_with('(') {
            return false;
        }
        c.chars().filter(|x| x.is_alphabetic()).count() >= 2
            && c.chars().all(|x| !x.is_alphabetic() || x.is_uppercase())
    };
    let function = |w: &str| matches!(core(w).as_str(), "OF" | "THE" | "AND" | "DE" | "DU" | "LA");
    let words: Vec<&str> = q.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if !is_caps(words[i]) || function(words[i]) {
            out.push(words[i].to_string());
            i += 1;
            continue;
        }
        let mut j = i;
        while j < words.len() && is_caps(words[j]) {
            j += 1;
        }
        // a run ends on a content word
        while j > i + 1 && function(words[j - 1]) {
            j -= 1;
        }
        let run = &words[i..j];
        let named = run.iter().any(|w| function(w))
            || run
                .iter()
                .all(|w| title_words.contains(&core(w).to_lowercase()));
        for w in run {
            if !named {
                out.push((*w).to_string());
            } else if function(w) {
                out.push(w.to_lowercase());
            } else {
                // "ANGLO-NEPALESE" → "Anglo-Nepalese"
                let mut t = String::with_capacity(w.len());
                let mut start = true;
                for ch in w.chars() {
                    if ch.is_alphabetic() {
                        if start {
                            t.extend(ch.to_uppercase());
                        } else {
                            t.extend(ch.to_lowercase());
                        }
                        start = false;
                    } else {
                        t.push(ch);
                        start = matches!(ch, '-' | '\'' | '’' | '.');
                    }
                }
                out.push(t);
            }
        }
        i = j;
    }
    out.join(" ")
}

/// A preposition left without its object ("at an elevation of and flows …").
pub fn dangling_preposition(q: &str) -> bool {
    let w: Vec<String> = q.split_whitespace().map(|x| x.to_lowercase()).collect();
    let w: Vec<String> = w
        .iter()
        .flat_map(|x| {
            // "of.?" → "of", "?"
            let core = x.trim_end_matches(['.', '?', ',']);
            let mut v = vec![core.to_string()];
            if x.ends_with('?') {
                v.push("?".to_string());
            }
            v
        })
        .filter(|x| !x.is_empty())
        .collect();
    const PREPS: [&str; 10] = [
        "of", "at", "in", "on", "by", "with", "from", "to", "into", "around",
    ];
    w.windows(2).enumerate().any(|(k, p)| {
        // "to and from Armenia", "in or around the city": two prepositions share the object
        let shared = matches!(p[1].as_str(), "and" | "or")
            && w.get(k + 2).is_some_and(|x| PREPS.contains(&x.as_str()));
        matches!(
            p[0].as_str(),
            "of" | "at" | "in" | "on" | "by" | "with" | "from" | "to" | "into" | "the" | "a" | "an"
        ) && matches!(p[1].as_str(), "and" | "or" | "," | "?" | "." | "of")
            && !shared
            || matches!(p[0].as_str(), "alongside" | "besides" | "including")
                && matches!(p[1].as_str(), "?" | "from" | "in" | "on" | "at" | "and")
            || matches!(
                p[0].as_str(),
                "after" | "before" | "during" | "of" | "with" | "by"
            ) && matches!(p[1].as_str(), "in" | "on" | "at")
    }) || w
        .last()
        .is_some_and(|x| matches!(x.as_str(), "the?" | "a?" | "an?" | "of?" | "alongside?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_capitals_are_title_cased() {
        let known: HashSet<String> = ["waterloo", "mississippi", "river"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        assert_eq!(
            headline_case("Where was the BATTLE OF WATERLOO fought?", &known),
            "Where was the Battle of Waterloo fought?"
        );
        assert_eq!(
            headline_case("Which OFFICE OF THE RIVER (ORO) met?", &known),
            "Which Office of the River (ORO) met?"
        );
        assert_eq!(
            headline_case("Who founded the BANK OF THE U.S.?", &known),
            "Who founded the Bank of the U.S.?"
        );
        assert_eq!(
            headline_case("Which state does the MISSISSIPPI RIVER border?", &known),
            "Which state does the Mississippi River border?"
        );
        // acronyms, and a name the document only writes in capitals, stay
        assert_eq!(
            headline_case(
                "Which agency did UNHCR and UN OCHA fund under DEBY?",
                &known
            ),
            "Which agency did UNHCR and UN OCHA fund under DEBY?"
        );
    }

    #[test]
    fn normalises_like_the_scorer() {
        assert_eq!(norm("17,200 blankets"), "17200 blankets");
        assert_eq!(norm("one hundred fifty-six"), "156");
        assert_eq!(
            norm("The “Central Asia plus Japan” Dialogue"),
            "central asia plus japan dialogue"
        );
        assert_eq!(norm("2 million"), "2000000");
        assert_eq!(norm("3.5 percent"), "3.5 percent");
    }

    #[test]
    fn matching() {
        assert!(answers_match("Kyrgyzstan", "kyrgyzstan"));
        assert!(answers_match("two", "2"));
        assert!(!answers_match("165", "156"));
        assert!(answers_match(
            "on the shore of the lake Toyako in Hokkaido",
            "on the shore of Lake Toyako in Hokkaido"
        ));
        assert!(answers_match("Uzbekhistan", "Uzbekistan"));
        assert!(!answers_match("Armenia", "Azerbaijan"));
    }

    #[test]
    fn discourse_adverbs_are_dropped() {
        assert_eq!(
            drop_discourse_adverbs("Which country will also respond to the appeals?"),
            "Which country will respond to the appeals?"
        );
        assert_eq!(
            drop_discourse_adverbs("Where did the meeting commence today?"),
            "Where did the meeting commence?"
        );
        assert_eq!(
            drop_discourse_adverbs("What has Japan therefore undertaken, in the Pacific?"),
            "What has Japan undertaken, in the Pacific?"
        );
        assert_eq!(
            drop_discourse_adverbs("What was Samarkand also known as?"),
            "What was Samarkand also known as?"
        );
        // "today's" is no adverb
        assert_eq!(
            drop_discourse_adverbs("What is today's date?"),
            "What is today's date?"
        );
    }
}
